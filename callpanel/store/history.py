"""Call history in SQLite: what the operator handled, missed calls not yet seen, recent numbers.

One table, parameterised SQL only, schema versioned with ``PRAGMA user_version``. A corrupt
database file is moved aside and a fresh one started (the panel must keep working); a database
from a newer callpanel raises ``HistoryError`` so it is never damaged by an older version.
Used from one thread (the UI's); every write is its own short transaction.
"""

from __future__ import annotations

import enum
import logging
import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from . import paths
from .sqlite_file import open_or_set_aside

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite3"
SCHEMA_VERSION = 3
MAX_TEXT = 256  # numbers and names longer than this are cut, not refused
MAX_NOTE = 4000
# Every call is kept; retention is by age (``prune_older_than``, the history_days setting).
# The count cap only stops a runaway (a flood of millions) from filling the disk.
DEFAULT_MAX_ENTRIES = 1_000_000
PAGE = 100
DIRECTIONS = frozenset({"incoming", "outgoing"})
MISSED = "missed"

_SCHEMA_V1 = """
CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    call_id     TEXT    NOT NULL UNIQUE,
    direction   TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    number      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    started_at  REAL    NOT NULL,
    answered_at REAL,
    ended_at    REAL,
    end_reason  TEXT,
    seen        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_unseen ON calls (seen) WHERE seen = 0;
"""

# Version 2: a note and an outcome per call (editable during and after it), the name the
# caller lookup found, and a case-folded copy of the names for search.
_SCHEMA_V2 = """
ALTER TABLE calls ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN fold TEXT NOT NULL DEFAULT '';
UPDATE calls SET fold = pyfold(name);
CREATE INDEX calls_number ON calls (number);
"""

# Version 3: where an incoming call came from (call centre): its queue and how long the caller
# had waited when the phone rang, else the number the caller dialled (a ring group, a line).
_SCHEMA_V3 = """
ALTER TABLE calls ADD COLUMN queue TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN waited_s INTEGER;
ALTER TABLE calls ADD COLUMN dialled TEXT NOT NULL DEFAULT '';
"""

# from-version → script that brings the schema to the next version (0 = empty file).
MIGRATIONS: dict[int, str] = {0: _SCHEMA_V1, 1: _SCHEMA_V2, 2: _SCHEMA_V3}


class Filter(enum.Enum):
    ALL = "all"
    MISSED = "missed"
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    TODAY = "today"


_COLUMNS = """call_id, direction, number, name, started_at, answered_at, ended_at, end_reason,
    seen, note, outcome, contact, queue, waited_s, dialled"""
MAX_WAIT_S = 10 * 86400  # a longer "wait" is a clock gone wrong: not recorded


class HistoryError(Exception):
    """The history cannot be opened or a record is invalid."""


class CallLike(Protocol):
    """What ``add_from_call`` reads: ``callpanel.calls.model.Call`` fits. Its ``queue``,
    ``waited_s`` and ``dialled`` (where the call came from) are read when it has them."""

    @property
    def call_id(self) -> str: ...
    @property
    def direction(self) -> object: ...  # an enum with .value "incoming"/"outgoing", or the str
    @property
    def number(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def started_at(self) -> float: ...
    @property
    def answered_at(self) -> float | None: ...
    @property
    def ended_at(self) -> float | None: ...
    @property
    def end_reason(self) -> object: ...  # an enum with .value, a str, or None


@dataclass(frozen=True)
class HistoryEntry:
    call_id: str
    direction: str  # "incoming" | "outgoing"
    number: str
    name: str
    started_at: float
    answered_at: float | None
    ended_at: float | None
    end_reason: str | None  # an EndReason value, e.g. "missed", "completed"
    seen: bool
    note: str = ""
    outcome: str = ""  # the operator's word for how it went ("sale", "call back")
    contact: str = ""  # the name the caller lookup found, if any
    queue: str = ""  # the queue the call came from ("" = none)
    waited_s: int | None = None  # how long the caller had waited in it when the phone rang
    dialled: str = ""  # the number the caller dialled (a ring group, a line), if known

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def missed(self) -> bool:
        return self.end_reason == MISSED

    @property
    def duration(self) -> float | None:
        """Talk time in seconds, if the call was answered and has ended."""
        if self.answered_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.answered_at)


def _value(obj: object, what: str) -> str | None:
    """An enum's value or the text itself (None stays None)."""
    value = obj.value if isinstance(obj, enum.Enum) else obj
    if value is None or isinstance(value, str):
        return value
    raise HistoryError(f"{what} must be text, not {type(value).__name__}")


def _text(value: object, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise HistoryError(f"{what} must be text, not {type(value).__name__}")
    return value[:limit]


def _wait(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HistoryError(f"waited_s must be a whole number of seconds, not {value!r}")
    return value if value <= MAX_WAIT_S else None


def _time(value: object, what: str, *, optional: bool) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise HistoryError(f"{what} must be a finite timestamp, not {value!r}")
    return float(value)


class History:
    """The call history at ``path`` (default ``paths.data_dir() / "history.sqlite3"``);
    ``":memory:"`` for a throw-away one. ``on_warning`` receives repairs to show the user.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        if path is None:
            path = paths.data_dir() / HISTORY_FILE
        self.path = path
        self.max_entries = max_entries
        self._warn = on_warning or (lambda text: None)
        self._db = self._open()

    # --- opening and migrating -----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if isinstance(self.path, Path):
            paths.ensure_private_file(self.path)  # 0600 before SQLite creates it 0644
        db = sqlite3.connect(str(self.path), isolation_level=None)  # explicit transactions
        db.execute("PRAGMA foreign_keys = ON")
        # SQLite's lower() folds ASCII only; search must find "ИВАН" in "Иван" too.
        db.create_function("pyfold", 1, _fold, deterministic=True)
        return db

    def _open(self) -> sqlite3.Connection:
        return open_or_set_aside(
            self.path,
            self._connect,
            self._migrate,
            error=HistoryError,
            unusable="the history database is unusable: {exc}",
            moved="the call history was unreadable ({exc}); moved to {aside}, starting afresh",
            warn=self._warn,
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise HistoryError(
                f"the call history was written by a newer callpanel (schema {version}); "
                "it is left untouched"
            )
        while version < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                # PRAGMA cannot take parameters; the value is our own integer constant.
                db.execute(f"PRAGMA user_version = {int(version) + 1}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            version += 1

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def add(
        self,
        *,
        call_id: str,
        direction: str,
        number: str,
        name: str,
        started_at: float,
        answered_at: float | None = None,
        ended_at: float | None = None,
        end_reason: str | None = None,
        queue: str = "",
        waited_s: int | None = None,
        dialled: str = "",
    ) -> None:
        """Record a call (or update it: the same ``call_id`` again replaces its details).

        A missed call starts unseen; it counts in ``unseen()`` until ``mark_seen()``.
        """
        row = {
            "call_id": _text(call_id, "call_id"),
            "direction": self._direction(direction),
            "number": _text(number, "number"),
            "name": _text(name, "name"),
            "started_at": _time(started_at, "started_at", optional=False),
            "answered_at": _time(answered_at, "answered_at", optional=True),
            "ended_at": _time(ended_at, "ended_at", optional=True),
            "end_reason": None if end_reason is None else _text(end_reason, "end_reason"),
            "queue": _text(queue, "queue"),
            "waited_s": _wait(waited_s),
            "dialled": _text(dialled, "dialled"),
        }
        if not row["call_id"]:
            raise HistoryError("call_id must not be empty")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                """
                INSERT INTO calls (call_id, direction, number, name, started_at, answered_at,
                                   ended_at, end_reason, seen, fold, queue, waited_s, dialled)
                VALUES (:call_id, :direction, :number, :name, :started_at, :answered_at,
                        :ended_at, :end_reason, CASE WHEN :end_reason = 'missed' THEN 0 ELSE 1 END,
                        pyfold(:name), :queue, :waited_s, :dialled)
                ON CONFLICT (call_id) DO UPDATE SET
                    direction = excluded.direction, number = excluded.number,
                    name = excluded.name, started_at = excluded.started_at,
                    fold = pyfold(excluded.name || ' ' || calls.contact),
                    answered_at = excluded.answered_at, ended_at = excluded.ended_at,
                    queue = excluded.queue, waited_s = excluded.waited_s,
                    dialled = excluded.dialled,
                    seen = CASE
                        WHEN excluded.end_reason IS NOT 'missed' THEN 1
                        WHEN calls.end_reason IS 'missed' THEN calls.seen
                        ELSE 0 END,
                    end_reason = excluded.end_reason
                """,
                row,
            )
            self._prune()
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def add_from_call(self, call: CallLike) -> None:
        """Record a ``callpanel.calls.model.Call`` (duck-typed; enums are stored by value)."""
        self.add(
            call_id=call.call_id,
            direction=_value(call.direction, "direction") or "",
            number=call.number,
            name=call.name,
            started_at=call.started_at,
            answered_at=call.answered_at,
            ended_at=call.ended_at,
            end_reason=_value(call.end_reason, "end_reason"),
            queue=getattr(call, "queue", None) or "",
            waited_s=getattr(call, "waited_s", None),
            dialled=getattr(call, "dialled", None) or "",
        )

    def set_note(self, call_id: str, note: str) -> None:
        self._set(call_id, "note", _text(note, "note", MAX_NOTE))

    def set_outcome(self, call_id: str, outcome: str) -> None:
        self._set(call_id, "outcome", " ".join(_text(outcome, "outcome").split()))

    def set_contact(self, call_id: str, contact: str) -> None:
        """The name the caller lookup found (searchable, exported, shown)."""
        self._set(call_id, "contact", " ".join(_text(contact, "contact").split()))
        self._db.execute(
            "UPDATE calls SET fold = pyfold(name || ' ' || contact) WHERE call_id = ?", (call_id,)
        )

    def _set(self, call_id: str, column: str, value: str) -> None:
        # ``column`` is one of our own three names, never user input.
        assert column in ("note", "outcome", "contact")
        cur = self._db.execute(f"UPDATE calls SET {column} = ? WHERE call_id = ?", (value, call_id))
        if cur.rowcount == 0:
            raise HistoryError(f"no call {call_id!r} in the history")

    def prune_older_than(self, cutoff: float) -> int:
        """Forget calls that started before ``cutoff`` (a timestamp); returns how many."""
        return self._db.execute("DELETE FROM calls WHERE started_at < ?", (cutoff,)).rowcount

    def mark_seen(self) -> int:
        """Every missed call counts as seen now; returns how many were unseen."""
        cur = self._db.execute("UPDATE calls SET seen = 1 WHERE seen = 0")
        return cur.rowcount

    def clear(self) -> None:
        self._db.execute("DELETE FROM calls")

    def _prune(self) -> None:
        """Keep the newest ``max_entries`` calls so the file cannot grow without bound."""
        self._db.execute(
            """
            DELETE FROM calls WHERE id IN (
                SELECT id FROM calls ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?)
            """,
            (self.max_entries,),
        )

    @staticmethod
    def _direction(direction: object) -> str:
        if direction not in DIRECTIONS:
            raise HistoryError(f"direction must be 'incoming' or 'outgoing', not {direction!r}")
        return str(direction)

    # --- reading -------------------------------------------------------------------------------

    def unseen(self) -> int:
        """Missed calls the operator has not looked at yet (the tray badge)."""
        return int(self._db.execute("SELECT COUNT(*) FROM calls WHERE seen = 0").fetchone()[0])

    def recent(self, limit: int = 50) -> list[HistoryEntry]:
        """The newest calls first."""
        return self.query(limit=limit)

    def get(self, call_id: str) -> HistoryEntry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM calls WHERE call_id = ?", (call_id,)
        ).fetchone()
        return None if row is None else _entry(row)

    def query(
        self,
        text: str = "",
        kind: Filter = Filter.ALL,
        *,
        since: float | None = None,
        limit: int = PAGE,
        offset: int = 0,
    ) -> list[HistoryEntry]:
        """A page of calls, newest first: ``text`` in the number or a name, one ``kind``;
        ``Filter.TODAY`` needs ``since`` (the local midnight, as a timestamp)."""
        where, params = self._where(text, kind, since)
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM calls {where} ORDER BY started_at DESC, id DESC "
            "LIMIT ? OFFSET ?",
            [*params, self._limit(limit), self._limit(offset)],
        ).fetchall()
        return [_entry(row) for row in rows]

    def count(
        self, text: str = "", kind: Filter = Filter.ALL, *, since: float | None = None
    ) -> int:
        where, params = self._where(text, kind, since)
        return int(self._db.execute(f"SELECT COUNT(*) FROM calls {where}", params).fetchone()[0])

    @staticmethod
    def _where(text: str, kind: Filter, since: float | None) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if kind is Filter.MISSED:
            clauses.append("end_reason = 'missed'")
        elif kind in (Filter.INCOMING, Filter.OUTGOING):
            clauses.append("direction = ?")
            params.append(kind.value)
        elif kind is Filter.TODAY:
            if since is None:
                raise HistoryError("the 'today' filter needs the start of the day")
            clauses.append("started_at >= ?")
            params.append(since)
        words = " ".join(text.split())[:MAX_TEXT]
        if words:
            digits = "".join(ch for ch in words if ch.isdigit())
            pattern = "%" + _like_escape(_fold(words)) + "%"
            if digits and len(digits) == len(words.replace(" ", "").replace("-", "").lstrip("+")):
                clauses.append("number LIKE ? ESCAPE '\\'")
                params.append("%" + digits + "%")
            else:
                clauses.append("fold LIKE ? ESCAPE '\\'")
                params.append(pattern)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def recent_numbers(self, limit: int = 10) -> list[str]:
        """Distinct non-empty numbers, the most recently used first (for the transfer dialog)."""
        rows = self._db.execute(
            """
            SELECT number FROM calls WHERE number != ''
            GROUP BY number ORDER BY MAX(started_at) DESC, MAX(id) DESC LIMIT ?
            """,
            (self._limit(limit),),
        ).fetchall()
        return [r[0] for r in rows]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])

    @staticmethod
    def _limit(limit: int) -> int:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise HistoryError(f"limit must be a non-negative integer, not {limit!r}")
        return limit


def _fold(text: str) -> str:
    return text.casefold() if isinstance(text, str) else ""


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entry(r: tuple[Any, ...]) -> HistoryEntry:
    return HistoryEntry(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11],
        r[12], r[13], r[14],
    )  # fmt: skip


def _statements(script: str) -> list[str]:
    """Split our own migration script (no ';' inside literals) into single statements, so the
    whole migration runs inside one transaction (``executescript`` would commit first)."""
    return [s.strip() for s in script.split(";") if s.strip()]
