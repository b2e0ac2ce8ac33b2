"""The last minutes of AMI traffic, for a bug report (`callpanel diagnostics`, the panel's
**Copy diagnostics**), in the recording format `callpanel replay` reads back: one JSON object
per line, ``{"t": seconds, "dir": "in"|"out", "data": text}`` (``"b64"`` for bytes that are
not UTF-8).

``AsteriskConnection`` hands every chunk it reads and every action it writes to ``tap()``; a
``TrafficRecorder`` added with ``add_tap`` keeps them in a ring bounded by age and size. What
it keeps is already clean: the AMI secret (``Secret:``), the MD5 challenge and its answer
(``Challenge:``, ``Key:``) never enter the ring. ``export(mask=True)`` also replaces phone
numbers (runs of five or more digits) and caller names with stable stand-ins, so the same
caller is the same stand-in all through the recording and a replay still makes sense.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

Tap = Callable[[str, bytes], None]
_taps: list[Tap] = []
_lock = threading.Lock()

REDACTED = b"********"
# headers whose value is the secret or the MD5 exchange; the header stays, the value goes
_SECRET_HEADERS = re.compile(rb"(?im)^((?:Secret|Key|Challenge)[ \t]*:[ \t]*)[^\r\n]*")
_MESSAGE_END = re.compile(rb"\r?\n\r?\n")
# every header naming a person: CallerIDName, ConnectedLineName, MemberName, DestCallerIDName…
# (not Username: the AMI account is configuration, not a caller)
_NAME_HEADERS = re.compile(
    r"(?im)^((?!Username\b|BridgeName\b)[A-Za-z]*Name[ \t]*:[ \t]*)([^\r\n]*)"
)
_NUMBER = re.compile(r"\+?\d{5,}")
_PARTIAL_LIMIT = 1_000_000
_KEEP_NAMES = {"", "<unknown>", "unknown", "<null>", "anonymous"}


def add_tap(tap: Tap) -> Callable[[], None]:
    """Call ``tap(direction, data)`` for all AMI traffic from now on; returns the remover."""
    with _lock:
        _taps.append(tap)

    def remove() -> None:
        with _lock:
            if tap in _taps:
                _taps.remove(tap)

    return remove


def tap(direction: str, data: bytes) -> None:
    """From the connection: ``direction`` "in" (read) or "out" (written)."""
    if not _taps:
        return
    with _lock:
        taps = list(_taps)
    for each in taps:
        try:
            each(direction, data)
        except Exception:  # a diagnostics bug must never hurt the link
            log.exception("AMI traffic tap failed")


def scrub(data: bytes) -> bytes:
    """``data`` without the secret and the MD5 challenge/answer values."""
    return _SECRET_HEADERS.sub(lambda m: m.group(1) + REDACTED, data)


class TrafficRecorder:
    """A ring of the last ``max_age`` seconds (and at most ``max_bytes``) of AMI traffic.

    Incoming bytes are kept as whole messages (a header split across two reads is still
    scrubbed); what is written is one action per write already. ``max_bytes=0`` keeps no
    ring: each chunk only goes to the sink.
    """

    def __init__(
        self,
        max_age: float = 600.0,
        max_bytes: int = 2_000_000,
        clock: Callable[[], float] = time.time,
        sink: Callable[[str], None] | None = None,
    ) -> None:
        self.max_age = max_age
        self.max_bytes = max_bytes
        self._clock = clock
        self._sink = sink  # gets each kept chunk as a .jsonl line ("t" = the clock's time)
        self._chunks: collections.deque[tuple[float, str, bytes]] = collections.deque()
        self._size = 0
        self._partial = b""  # incoming bytes after the last complete message
        self._lock = threading.Lock()

    def __call__(self, direction: str, data: bytes) -> None:
        with self._lock:
            now = self._clock()
            if direction == "in":
                data = self._partial + data
                ends = list(_MESSAGE_END.finditer(data))
                if not ends:
                    # a runaway line stays bounded (by the ring, or for a sink alone by 1 MB)
                    self._partial = data[-(self.max_bytes or _PARTIAL_LIMIT) :]
                    return
                cut = ends[-1].end()
                data, self._partial = data[:cut], data[cut:]
            self._append(now, direction, scrub(data))

    def _append(self, t: float, direction: str, data: bytes) -> None:
        if self._sink is not None:
            try:
                self._sink(record_line(t, direction, data))
            except OSError as exc:  # a full disk must not stop the panel
                log.warning("AMI traffic file: %s; not writing it any more", exc)
                self._sink = None
        self._chunks.append((t, direction, data))
        self._size += len(data)
        while self._chunks and (
            self._size > self.max_bytes or t - self._chunks[0][0] > self.max_age
        ):
            self._size -= len(self._chunks.popleft()[2])

    def chunks(self) -> list[tuple[float, str, bytes]]:
        with self._lock:
            return list(self._chunks)

    def export(self, *, mask: bool = False) -> str:
        """The ring as a .jsonl recording (times from the first kept chunk)."""
        return to_jsonl(self.chunks(), mask=mask)


class Masker:
    """Stable stand-ins: the same number or name always gets the same replacement."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def number(self, match: re.Match[str]) -> str:
        text = match.group(0)
        digits = hashlib.sha256(text.encode()).hexdigest()
        stand_in = "".join(str(int(c, 16) % 10) for c in digits[: len(text.lstrip("+"))])
        return ("+" if text.startswith("+") else "") + stand_in

    def name(self, match: re.Match[str]) -> str:
        value = match.group(2)
        if value.strip().lower() in _KEEP_NAMES or _NUMBER.fullmatch(value.strip()):
            return match.group(0)
        stand_in = self._names.setdefault(value, f"Caller {len(self._names) + 1}")
        return match.group(1) + stand_in

    def __call__(self, text: str) -> str:
        return _NUMBER.sub(self.number, _NAME_HEADERS.sub(self.name, text))


def record_line(t: float, direction: str, data: bytes, masker: Masker | None = None) -> str:
    record: dict[str, object] = {"t": round(t, 6), "dir": direction}
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        record["data"] = masker(text) if masker else text
    elif masker is not None:  # not UTF-8: mask what can be read
        record["data"] = masker(data.decode("utf-8", errors="replace"))
    else:
        record["b64"] = base64.b64encode(data).decode("ascii")
    return json.dumps(record, ensure_ascii=False) + "\n"


def read_records(lines: Iterable[str]) -> list[tuple[float, str, bytes]]:
    """Chunks back from .jsonl lines (a damaged line — a crash mid-write — is skipped)."""
    out = []
    for line in lines:
        try:
            record = json.loads(line)
            t, direction = float(record["t"]), str(record["dir"])
            if "b64" in record:
                data = base64.b64decode(record["b64"])
            else:
                data = str(record["data"]).encode("utf-8")
        except (ValueError, KeyError, TypeError):
            continue
        out.append((t, direction, data))
    return out


def to_jsonl(chunks: Iterable[tuple[float, str, bytes]], *, mask: bool = False) -> str:
    """A recording with times from its first chunk; ``mask`` hides numbers and names."""
    masker = Masker() if mask else None
    lines = []
    first: float | None = None
    for t, direction, data in chunks:
        first = t if first is None else first
        lines.append(record_line(t - first, direction, scrub(data), masker))
    return "".join(lines)


def open_private(path: Path, *, truncate: bool = False) -> IO[str]:
    """``path`` for writing text, readable by its owner only (0600): created so, and narrowed
    when it already exists wider (the AMI traffic names callers). Appends unless ``truncate``."""
    end = os.O_TRUNC if truncate else os.O_APPEND
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | end | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):  # Windows has no such modes: the profile's ACL protects it
            os.fchmod(fd, 0o600)
        return open(fd, "w" if truncate else "a", encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        raise


class TrafficRecording:
    """``callpanel monitor --record PATH``: the whole session's traffic, scrubbed like the
    ring, one line per chunk, flushed at once (a killed monitor loses nothing). Opened when
    made, so that a path that cannot be written fails before anything connects."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = open_private(path, truncate=True)
        self._remove = add_tap(TrafficRecorder(max_bytes=0, sink=self._write))

    def _write(self, line: str) -> None:
        if self._fh is not None:
            self._fh.write(line)
            self._fh.flush()

    def close(self) -> None:
        self._remove()
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class TrafficFile:
    """The sink of a recorder: appends to ``path`` (private to the user), keeps one older file
    (``path.1``) once it passes ``max_bytes``; flushed at most every ``flush_every`` seconds
    (a crash loses at most that much)."""

    def __init__(self, path: Path, max_bytes: int = 1_000_000, flush_every: float = 1.0) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.flush_every = flush_every
        self._fh: IO[str] | None = None
        self._last_flush = 0.0

    def _open(self) -> IO[str]:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return open_private(self.path)

    def __call__(self, line: str) -> None:
        if self._fh is None:
            self._fh = self._open()
        self._fh.write(line)
        now = time.monotonic()
        if now - self._last_flush >= self.flush_every:
            self._fh.flush()
            self._last_flush = now
        if self._fh.tell() > self.max_bytes:
            self._fh.close()
            os.replace(self.path, self.path.with_name(self.path.name + ".1"))
            self._fh = None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def recent_traffic(
    path: Path, minutes: float, now: float | None = None
) -> list[tuple[float, str, bytes]]:
    """The chunks of the last ``minutes`` from ``path`` and its older file."""
    cutoff = (time.time() if now is None else now) - minutes * 60
    chunks: list[tuple[float, str, bytes]] = []
    for candidate in (path.with_name(path.name + ".1"), path):
        try:
            with candidate.open(encoding="utf-8", errors="replace") as fh:
                chunks.extend(read_records(fh))
        except OSError:
            continue
    return [chunk for chunk in chunks if chunk[0] >= cutoff]
