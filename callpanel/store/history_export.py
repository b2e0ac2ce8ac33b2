"""The call history as CSV, for a spreadsheet or a CRM import.

UTF-8 with a BOM (Excel then reads Cyrillic right), one row per call, times in local ISO form.
A cell that a spreadsheet would run as a formula (``=``, ``@``, or ``+``/``-`` not followed by a
number) gets a leading apostrophe: caller names come from outside.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from typing import TextIO

from .history import History, HistoryEntry

COLUMNS = (
    "started", "direction", "number", "name", "contact", "answered", "ended", "talk_seconds",
    "end_reason", "outcome", "note", "queue", "waited_seconds", "dialled",
)
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ()*#.-]*")


def _safe(cell: str) -> str:
    if cell[:1] in ("=", "@", "\t", "\r") or (
        cell[:1] in ("+", "-") and _PLAIN_NUMBER.fullmatch(cell) is None
    ):
        return "'" + cell
    return cell


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return ""
    return dt.datetime.fromtimestamp(timestamp).isoformat(sep=" ", timespec="seconds")


def row(entry: HistoryEntry) -> list[str]:
    duration = entry.duration
    return [
        _when(entry.started_at),
        entry.direction,
        _safe(entry.number),
        _safe(entry.name),
        _safe(entry.contact),
        _when(entry.answered_at),
        _when(entry.ended_at),
        "" if duration is None else str(round(duration)),
        entry.end_reason or "",
        _safe(entry.outcome),
        _safe(entry.note),
        _safe(entry.queue),
        "" if entry.waited_s is None else str(entry.waited_s),
        _safe(entry.dialled),
    ]


def write_csv(entries: Iterable[HistoryEntry], out: TextIO, *, delimiter: str = ",") -> int:
    """Write ``entries`` to ``out`` (opened with ``newline=""``); returns how many."""
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(row(entry))
        count += 1
    return count


def all_entries(history: History, page: int = 1000) -> Iterable[HistoryEntry]:
    """Every call, newest first, a page at a time (the export never loads a million rows)."""
    offset = 0
    while True:
        entries = history.query(limit=page, offset=offset)
        yield from entries
        if len(entries) < page:
            return
        offset += page
