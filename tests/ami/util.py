"""Feeding helpers in the spirit of h11's ``tr()``: the same bytes whole, bytewise, in chunks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from callpanel.ami import AmiParser, Message, RemoteProtocolError

Outcome = Message | RemoteProtocolError


def drain(parser: AmiParser, out: list[Outcome]) -> None:
    """Take everything complete; an error is recorded in order and parsing goes on."""
    while True:
        try:
            message = parser.next_message()
        except RemoteProtocolError as exc:
            out.append(exc)
            continue
        if message is None:
            return
        out.append(message)


def parse_chunks(chunks: Iterable[bytes], *, eof: bool = True, **options: int) -> list[Outcome]:
    parser = AmiParser(**options)  # type: ignore[arg-type]  # ints only: sizes and counts
    out: list[Outcome] = []
    for chunk in chunks:
        parser.receive_data(chunk)
        drain(parser, out)
    if eof:
        parser.receive_eof()
        drain(parser, out)
    return out


def parse_whole(data: bytes, **options: int) -> list[Outcome]:
    return parse_chunks([data], eof=True, **options)


def parse_bytewise(data: bytes, **options: int) -> list[Outcome]:
    return parse_chunks((data[i : i + 1] for i in range(len(data))), eof=True, **options)


def parse_split(data: bytes, cuts: Iterable[int], **options: int) -> list[Outcome]:
    points = sorted({c for c in cuts if 0 < c < len(data)})
    edges = [0, *points, len(data)]
    return parse_chunks((data[a:b] for a, b in pairwise(edges)), eof=True, **options)


def comparable(outcomes: list[Outcome]) -> list[object]:
    """Errors compare by (reason, offset), messages by value."""
    return [(o.reason, o.offset) if isinstance(o, RemoteProtocolError) else o for o in outcomes]


def count_frames(data: bytes) -> int:
    """Messages in a recording counted without the parser: the banner line plus one per
    blank-line terminator (Asterisk 13's command output ends in ``--END COMMAND--\\r\\n\\r\\n``
    and holds only bare LFs, so it counts once too)."""
    banner = 1 if re.match(rb"[^:\r\n]*\r?\n", data) else 0
    return banner + data.count(b"\r\n\r\n")
