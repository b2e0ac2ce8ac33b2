"""The sans-I/O AMI parser and serializer: bytes in, typed messages out; actions in, bytes out.

Framing follows the peer: Asterisk sends CRLF, proxies and test servers may send bare LF. The
banner's line ending decides (see AMI-NOTES §1.2). In CRLF framing a bare ``\\n`` inside a value
is part of the value (``Message: Park successful\\n``), and a stray ``\\r\\n\\n`` still ends a
message. Asterisk 13's ``Response: Follows`` command output runs to ``--END COMMAND--``.
"""

from __future__ import annotations

import enum
import os
import re
import secrets
from itertools import count

from .errors import LocalProtocolError, RemoteProtocolError
from .messages import Action, Banner, Event, Header, Message, Response

DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024
DEFAULT_MAX_HEADERS = 4096
_END_COMMAND = b"--END COMMAND--"
_FOLLOWS_PREFIX = b"response: follows"
_FOLLOWS_HEADER_NAMES = frozenset({"response", "privilege", "actionid"})
_PREVIEW = 1024  # bytes of offending input kept in an error


class LineEnding(enum.Enum):
    CRLF = "\r\n"
    LF = "\n"

    @classmethod
    def parse(cls, text: str) -> LineEnding:
        key = text.strip().lower()
        if key in ("crlf", "\r\n"):
            return cls.CRLF
        if key in ("lf", "\n"):
            return cls.LF
        raise ValueError(f"unknown line ending {text!r}: use 'crlf' or 'lf'")


def _decode(block: bytes) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:
        # Visible U+FFFD instead of silently dropping what is not UTF-8.
        return block.decode("utf-8", "replace")


class AmiParser:
    """Feed bytes with :meth:`receive_data`, take messages with :meth:`next_message`.

    A malformed message is consumed and reported as :class:`RemoteProtocolError`; parsing
    then goes on with the next one. A message larger than ``max_message_size`` raises too,
    and its remaining bytes are discarded up to its end, so memory stays bounded.
    """

    def __init__(
        self,
        *,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        max_headers: int = DEFAULT_MAX_HEADERS,
        expect_banner: bool = True,
    ) -> None:
        self.max_message_size = max_message_size
        self.max_headers = max_headers
        self._buf = bytearray()
        self._pos = 0  # start of unparsed data in _buf
        self._base = 0  # stream offset of _buf[0]
        self._scan = 0  # where the terminator search resumes
        self._expect_banner = expect_banner
        self._line_ending: LineEnding | None = None
        self._discarding = False

    @property
    def line_ending(self) -> LineEnding | None:
        """The peer's framing, known once the first line has arrived."""
        return self._line_ending

    @property
    def offset(self) -> int:
        """Stream offset of the next unparsed byte."""
        return self._base + self._pos

    @property
    def buffered(self) -> int:
        return len(self._buf) - self._pos

    def receive_data(self, data: bytes) -> None:
        if self._pos:
            del self._buf[: self._pos]
            self._base += self._pos
            self._scan = max(0, self._scan - self._pos)
            self._pos = 0
        self._buf += data
        if self._discarding:
            self._discard_until_message_end()

    def feed(self, data: bytes) -> list[Message]:
        """Convenience: receive ``data`` and return every complete message (raises on bad input)."""
        self.receive_data(data)
        out: list[Message] = []
        while (message := self.next_message()) is not None:
            out.append(message)
        return out

    def next_message(self) -> Message | None:
        buf = self._buf
        if self._discarding:
            return None
        if self._line_ending is None:
            first = self._read_first_line()
            if first is not None:
                return first
            if self._line_ending is None:
                return None
        pos = self._pos
        size = len(buf)
        while pos < size and buf[pos] in (10, 13):  # blank lines between messages
            pos += 1
        self._pos = pos
        if pos >= size:
            return None
        if buf[pos] in (82, 114) and buf[pos : pos + 17].lower() == _FOLLOWS_PREFIX:
            return self._next_follows(pos)
        start = max(pos, self._scan - 3)
        if self._line_ending is LineEnding.CRLF:
            end = buf.find(b"\r\n\r\n", start)
            bound = end + 3 if end >= 0 else size
            odd = buf.find(b"\r\n\n", start, bound)
            if odd >= 0:
                block_end, consumed = odd, odd + 3
            elif end >= 0:
                block_end, consumed = end, end + 4
            else:
                self._scan = size
                return self._incomplete(size)
        else:
            end = buf.find(b"\n\n", start)
            bound = end + 2 if end >= 0 else size
            odd = buf.find(b"\n\r\n", start, bound)
            if odd >= 0:
                block_end, consumed = odd, odd + 3
            elif end >= 0:
                block_end, consumed = end, end + 2
            else:
                self._scan = size
                return self._incomplete(size)
        block = bytes(buf[pos:block_end])
        offset = self._base + pos
        self._pos = self._scan = consumed
        return self._parse_block(block, offset)

    # -- internals -------------------------------------------------------------------

    def _read_first_line(self) -> Message | None:
        buf = self._buf
        newline = buf.find(b"\n", self._pos)
        if newline < 0:
            self._incomplete(len(buf))
            return None
        crlf = newline > self._pos and buf[newline - 1] == 13
        self._line_ending = LineEnding.CRLF if crlf else LineEnding.LF
        line = bytes(buf[self._pos : newline]).rstrip(b"\r")
        if self._expect_banner and line and b":" not in line:
            self._pos = self._scan = newline + 1
            text = _decode(line)
            return Banner(text, text.rsplit("/", 1)[1] if "/" in text else "")
        return None

    def _incomplete(self, size: int) -> None:
        if size - self._pos > self.max_message_size:
            data = bytes(self._buf[self._pos : self._pos + _PREVIEW])
            offset = self.offset
            self._discarding = True
            self._discard_until_message_end()
            raise RemoteProtocolError(
                f"message larger than {self.max_message_size} bytes", offset=offset, data=data
            )
        return None

    def _discard_until_message_end(self) -> None:
        buf = self._buf
        end = buf.find(b"\n\r\n", self._pos)
        alt = buf.find(b"\n\n", self._pos)
        ends = [e for e in (end + 3 if end >= 0 else -1, alt + 2 if alt >= 0 else -1) if e >= 0]
        if ends:
            self._pos = self._scan = min(ends)
            self._discarding = False
        else:
            keep = max(self._pos, len(buf) - 2)  # a terminator may straddle two reads
            self._pos = self._scan = keep

    def _next_follows(self, pos: int) -> Message | None:
        buf = self._buf
        marker = buf.find(_END_COMMAND, max(pos, self._scan - len(_END_COMMAND)))
        if marker < 0:
            self._scan = len(buf)
            return self._incomplete(len(buf))
        tail = marker + len(_END_COMMAND)
        end = -1
        for terminator in (b"\r\n\r\n", b"\n\r\n", b"\n\n"):
            if buf.startswith(terminator, tail):
                end = tail + len(terminator)
                break
        if end < 0:
            if len(buf) - tail < 4:
                self._scan = marker
                return self._incomplete(len(buf))
            end = tail  # odd trailer: take what we have, the next call skips blank lines
        block = bytes(buf[pos:marker])
        offset = self._base + pos
        self._pos = self._scan = end
        headers: list[Header] = []
        rest = _decode(block)
        while True:
            line, newline, remainder = rest.partition("\n")
            name, colon, value = line.rstrip("\r").partition(":")
            if not newline or not colon or name.lower() not in _FOLLOWS_HEADER_NAMES:
                break
            headers.append((name, value.lstrip(" \t")))
            rest = remainder
        if not headers:
            raise RemoteProtocolError("command output without headers", offset=offset, data=block)
        output = rest[:-1] if rest.endswith("\n") else rest
        return Response.build(headers, output)

    def _parse_block(self, block: bytes, offset: int) -> Message:
        text = _decode(block)
        if self._line_ending is LineEnding.CRLF:
            lines = text.split("\r\n")
            bare_lf = "\n" in text
        else:
            lines = text.replace("\r\n", "\n").split("\n")
            bare_lf = False
        if len(lines) > self.max_headers:
            raise RemoteProtocolError(
                f"more than {self.max_headers} headers in one message",
                offset=offset,
                data=block[:_PREVIEW],
            )
        headers: list[Header] = []
        index: dict[str, str] = {}
        outputs: list[str] | None = None
        for line in lines:
            name, colon, value = line.partition(":")
            if not colon:
                raise RemoteProtocolError(
                    f"line without a colon: {line[:80]!r}", offset=offset, data=block[:_PREVIEW]
                )
            if value[:1] == " ":
                value = value[1:]
            if bare_lf and value.endswith("\n"):
                value = value.rstrip("\n")
            headers.append((name, value))
            key = name.lower()
            if key not in index:
                index[key] = value
            elif key == "output":
                if outputs is None:
                    outputs = [index[key]]
                outputs.append(value)
        kind = headers[0][0].lower()
        if kind not in ("event", "response"):
            kind = "event" if "event" in index else "response" if "response" in index else ""
        if kind == "event":
            return Event(tuple(headers), index)
        if kind == "response":
            if outputs is None and "output" in index:
                outputs = [index["output"]]
            return Response(tuple(headers), index, "\n".join(outputs) if outputs else None)
        raise RemoteProtocolError(
            "message is neither an Event nor a Response", offset=offset, data=block[:_PREVIEW]
        )


# -- serializer ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.()-]*\Z")
MAX_LINE_BYTES = 1024  # Asterisk's inbound line limit (AMI-NOTES §1.3)
MAX_ACTION_HEADERS = 128


def check_value(value: str, what: str = "value") -> str:
    """Refuse CR, LF, NUL and every other control character instead of stripping them."""
    bad = _CONTROL.search(value)
    if bad is not None:
        raise LocalProtocolError(
            f"{what} contains control character {bad.group()!r} at index {bad.start()}"
        )
    return value


def serialize_action(action: Action, line_ending: LineEnding = LineEnding.CRLF) -> bytes:
    """Encode an action. Nothing is produced unless every key and value is safe."""
    eol = line_ending.value
    pairs: list[Header] = [("Action", action.name)]
    if action.action_id is not None:
        pairs.append(("ActionID", action.action_id))
    pairs.extend(action.headers)
    if len(pairs) > MAX_ACTION_HEADERS:
        raise LocalProtocolError(f"an action may carry at most {MAX_ACTION_HEADERS} headers")
    lines: list[str] = []
    for key, value in pairs:
        if not isinstance(key, str) or not _KEY.match(key):
            raise LocalProtocolError(f"invalid header name {key!r}")
        if not isinstance(value, str):
            raise LocalProtocolError(f"header {key} has a non-text value {value!r}")
        check_value(value, f"header {key}")
        line = f"{key}: {value}"
        if len(line.encode("utf-8")) + len(eol) > MAX_LINE_BYTES:
            raise LocalProtocolError(f"header {key} is longer than {MAX_LINE_BYTES} bytes")
        lines.append(line)
    if not action.name.strip():
        raise LocalProtocolError("action name is empty")
    return (eol.join(lines) + eol + eol).encode("utf-8")


class ActionIdGenerator:
    """ActionIDs unique per process and per run: other AMI sessions see them (OriginateResponse)."""

    def __init__(self, prefix: str = "cp") -> None:
        self._stem = f"{prefix}-{os.getpid():x}{secrets.token_hex(3)}-"
        self._counter = count(1)

    def __call__(self) -> str:
        return f"{self._stem}{next(self._counter)}"
