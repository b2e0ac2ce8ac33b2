"""The sans-I/O AMI parser: bytes in, typed messages out (the serializer lives in ``serializer``).

Framing follows the peer: Asterisk sends CRLF, proxies and test servers may send bare LF. The
banner's line ending decides (AMI-NOTES §1.2). In CRLF framing a bare ``\\n`` inside a value is
part of the value and a trailing one is dropped (``Message: Park successful\\n``); a stray
``\\r\\n\\n`` (Asterisk #761) or a bare ``\\n\\n`` still ends a message. Asterisk 13's
``Response: Follows`` command output runs to ``--END COMMAND--`` (§1.6).

Speed: ``_batch`` parses every complete message in the buffer with a handful of C-level string
operations and then proves, by counting, that the result is exactly what the line-by-line
``_parse_exact`` would give; anything it cannot prove (bare CR/LF in a value, a line without a
colon, odd endings, 13's command output) goes through the exact path instead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from .errors import MessageTooLarge, RemoteProtocolError
from .framing import LineEnding
from .messages import Banner, Event, Header, Message, Response
from .serializer import (
    MAX_ACTION_HEADERS,
    MAX_LINE_BYTES,
    ActionIdGenerator,
    check_value,
    serialize_action,
)

__all__ = [
    "DEFAULT_MAX_HEADERS",
    "DEFAULT_MAX_MESSAGE_SIZE",
    "MAX_ACTION_HEADERS",
    "MAX_LINE_BYTES",
    "ActionIdGenerator",
    "AmiParser",
    "LineEnding",
    "check_value",
    "serialize_action",
]

DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024
DEFAULT_MAX_HEADERS = 4096
_END_COMMAND = b"--END COMMAND--"
_FOLLOWS_PREFIX = b"response: follows"
_FOLLOWS_HEADER_NAMES = frozenset({"response", "privilege", "actionid"})
_PREVIEW = 1024  # bytes of input kept in an "oversized" error
_LINE = "\x00"  # marks a line start in _batch (input holding NUL never takes that path)
_GAP = "\x01"  # marks a message boundary in _batch


class _LowerCache(dict[str, str]):
    """Header name -> lower case. AMI uses a few hundred names; a dict hit beats str.lower()."""

    def __missing__(self, name: str) -> str:
        if len(self) >= 4096:  # names come from the peer: stay bounded
            self.clear()
        low = self[name] = name.lower()
        return low


_LOWER = _LowerCache().__getitem__


def _decode(block: bytes | bytearray) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:
        # Visible U+FFFD instead of silently dropping what is not UTF-8.
        return block.decode("utf-8", "replace")


_NEW = object.__new__
_SET_NAMES = Event.names.__set__  # type: ignore[attr-defined,misc]
_SET_VALUES = Event.values.__set__  # type: ignore[attr-defined,misc]
_SET_LOOKUP = Event._lookup.__set__  # type: ignore[attr-defined,misc]


def _new_event(names: tuple[str, ...], values: tuple[str, ...], index: dict[str, str]) -> Event:
    """``Event(names, values, index)`` without the frozen dataclass ``__init__`` (hot path).

    The slot descriptors are the ones ``__init__`` itself ends up using.
    """
    event: Event = _NEW(Event)
    _SET_NAMES(event, names)
    _SET_VALUES(event, values)
    _SET_LOOKUP(event, index)
    return event


def _build(names: Sequence[str], values: Sequence[str], lows: Sequence[str]) -> Message | None:
    """Classify by the first header (AMI-NOTES §1.5); None when it is neither kind."""
    index = dict(zip(lows, values, strict=True))
    if len(index) != len(lows):  # repeated names: the first one wins, as in Asterisk
        index = dict(zip(lows[::-1], values[::-1], strict=True))
    kind = lows[0]
    if kind != "event" and kind != "response":
        kind = "event" if "event" in index else "response" if "response" in index else ""
    if kind == "event":
        return _new_event(tuple(names), tuple(values), index)
    if kind == "response":
        output = None
        if "output" in index:
            output = "\n".join([v for k, v in zip(lows, values, strict=True) if k == "output"])
        return Response(tuple(names), tuple(values), index, output)
    return None


class AmiParser:
    """Feed bytes with :meth:`receive_data`, take messages with :meth:`next_message`.

    A malformed message is consumed and reported as :class:`RemoteProtocolError` (with its
    bytes and stream offset); parsing then goes on with the next one. A message larger than
    ``max_message_size`` raises once, and its remaining bytes are discarded up to its end
    as they arrive, so the buffer stays bounded.
    """

    def __init__(
        self,
        *,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        max_headers: int = DEFAULT_MAX_HEADERS,
        expect_banner: bool = True,
        ignore_events: Iterable[str] = (),
    ) -> None:
        self.max_message_size = max_message_size
        # Events nobody reads (VarSet, Newexten, RTCP…: half of what Asterisk sends) are framed
        # and counted but never built into messages: the cheapest event is the one not made.
        self.ignore_events = frozenset(ignore_events)
        self.ignored = 0
        self.max_headers = max_headers
        self._buf = bytearray()
        self._pos = 0  # start of unparsed data in _buf
        self._base = 0  # stream offset of _buf[0]
        self._scan = 0  # where the terminator search resumes
        self._expect_banner = expect_banner
        self._line_ending: LineEnding | None = None
        self._crlf = True
        self._discard: bytes | None = None  # marker ending the oversized message being dropped
        self._error: RemoteProtocolError | None = None  # held back by feed()
        self._eof = False
        self._ready: deque[Message] = deque()  # parsed by _batch, not yet handed out
        self._exact_until = 0  # stream offset: _batch could not prove what lies before it

    @property
    def line_ending(self) -> LineEnding | None:
        """The peer's framing, known once the first line has arrived."""
        return self._line_ending

    @property
    def offset(self) -> int:
        """Stream offset of the next byte not yet turned into a message."""
        return self._base + self._pos

    @property
    def buffered(self) -> int:
        """Bytes received but not yet turned into messages."""
        return len(self._buf) - self._pos

    def receive_data(self, data: bytes) -> None:
        if self._eof and data:
            raise RuntimeError("receive_data() after receive_eof()")
        if self._pos:
            del self._buf[: self._pos]
            self._base += self._pos
            self._scan = max(0, self._scan - self._pos)
            self._pos = 0
        self._buf += data
        if self._discard is not None:
            self._discard_rest()

    def receive_eof(self) -> None:
        """The peer closed: a message cut off at the end is then reported, not awaited."""
        self._eof = True

    def feed(self, data: bytes) -> list[Message]:
        """Receive ``data`` and return every complete message.

        If a bad message follows good ones, the good ones are returned and the error is raised
        by the next call, so nothing is lost; with no good ones before it, it is raised at once.
        """
        self.receive_data(data)
        out: list[Message] = []
        while True:
            try:
                message = self.next_message()
            except RemoteProtocolError as exc:
                if not out:
                    raise
                self._error = exc
                return out
            if message is None:
                return out
            out.append(message)

    def next_message(self) -> Message | None:
        if self._ready:
            return self._ready.popleft()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if self._discard is not None:
            return None
        if self._line_ending is None:
            first = self._read_first_line()
            if first is not None or self._line_ending is None:
                return first
        buf = self._buf
        pos = self._pos
        size = len(buf)
        while pos < size and buf[pos] in b"\r\n":  # blank lines between messages
            pos += 1
        self._pos = pos
        if pos >= size:
            self._at_end()
            return None
        lead = buf[pos]
        if (lead == 82 or lead == 114) and buf[pos : pos + 17].lower() == _FOLLOWS_PREFIX:
            return self._next_follows(pos)
        if self._base + pos >= self._exact_until and self._batch(pos):
            if self._ready:
                return self._ready.popleft()
            return self.next_message()  # the whole batch was ignored events
        message = self._next_exact(pos, size)
        if isinstance(message, Event) and message.name in self.ignore_events:
            self.ignored += 1
            return self.next_message()
        return message

    # -- internals -------------------------------------------------------------------

    def _batch(self, pos: int) -> bool:
        """Parse every complete message from ``pos`` on in bulk (see the module docstring).

        False, with nothing consumed, when something there needs the exact path; that stretch
        is then left to it, so no byte is examined over and over.
        """
        buf = self._buf
        eol = "\r\n" if self._crlf else "\n"
        terminator = b"\r\n\r\n" if self._crlf else b"\n\n"
        width = len(terminator)
        last = buf.rfind(terminator, max(pos, self._scan - width))
        if last < 0:
            return False
        end = last + width
        self._exact_until = self._base + end  # unless proven otherwise below
        if end - pos > self.max_message_size:
            return False
        text = _decode(buf[pos:last])  # every complete message, minus the last terminator
        if _LINE in text or _GAP in text or text[0] == ":":
            return False
        # "a: 1<eol>b: 2<eol><eol>c: 3" -> a, 1, \0, b, 2, \0, \1, \1, \0, c, 3
        gapped = text.replace(eol + eol, f"{eol}{_GAP}: {_GAP}{eol}")
        marked = gapped.replace(eol, f": {_LINE}: ")
        if "\n" in marked or "\r" in marked:
            return False  # a bare CR or LF somewhere
        breaks = (len(marked) - len(gapped)) // (5 - len(eol))  # each one grew by that much
        fields = marked.split(": ")
        # Every ": " splits and each mark stands alone between two of them. So if every third
        # field is a mark, and there are as many as line breaks, each line held exactly one
        # ": ": its name and value are the two fields before the mark.
        if len(fields) != 3 * breaks + 2 or fields[2::3].count(_LINE) != breaks:
            return False
        names = fields[0::3]
        if "" in names or ":" in "".join(names):
            return False
        names.append(_GAP)  # so that the last message's end is found like the others
        all_names = tuple(names)
        all_values = tuple(fields[1::3])
        all_keys = tuple(map(_LOWER, all_names))
        ready: list[Message] = []
        append = ready.append
        find_gap = all_names.index
        max_headers = self.max_headers
        ignore = self.ignore_events
        ignored = 0
        total = len(all_values)
        i = 0
        while i < total:
            j = find_gap(_GAP, i)
            if j - i > max_headers:
                return False
            if ignore and all_values[i] in ignore and all_keys[i] == "event":
                ignored += 1
                i = j + 1
                continue
            keys = all_keys[i:j]
            values = all_values[i:j]
            index = dict(zip(keys, values, strict=True))
            if len(index) != j - i:  # repeated names: the first one wins, as in Asterisk
                index = dict(zip(keys[::-1], values[::-1], strict=True))
            if keys[0] == "event":
                event = _NEW(Event)  # _new_event() inlined: this is the hot loop
                _SET_NAMES(event, all_names[i:j])
                _SET_VALUES(event, values)
                _SET_LOOKUP(event, index)
                append(event)
            elif keys[0] == "response" and values[0][:7].lower() == "follows":
                return False  # Asterisk 13's command output has its own framing
            elif (message := _build(all_names[i:j], values, keys)) is not None:
                append(message)
            else:
                return False
            i = j + 1
        self._ready.extend(ready)
        self.ignored += ignored
        self._pos = self._scan = end
        self._exact_until = 0
        return True

    def _next_exact(self, pos: int, size: int) -> Message | None:
        """Frame one message and parse it line by line."""
        buf = self._buf
        start = self._scan - 3
        if start < pos:
            start = pos
        if self._crlf:
            end = buf.find(b"\r\n\r\n", start)
            lf = buf.find(b"\n\n", start, end) if end >= 0 else buf.find(b"\n\n", start)
            if lf >= 0:  # a bare "\n\n" or a stray "\r\n\n" comes first
                block_end = lf - 1 if buf[lf - 1] == 13 else lf
                consumed = lf + 2
            elif end >= 0:
                block_end, consumed = end, end + 4
            else:
                self._scan = size
                self._incomplete(size)
                return None
        else:
            end = buf.find(b"\n\n", start)
            odd = buf.find(b"\n\r\n", start, end + 1) if end >= 0 else buf.find(b"\n\r\n", start)
            if odd >= 0:
                block_end, consumed = odd, odd + 3
            elif end >= 0:
                block_end, consumed = end, end + 2
            else:
                self._scan = size
                self._incomplete(size)
                return None
        self._pos = self._scan = consumed
        if block_end - pos > self.max_message_size:
            raise MessageTooLarge(
                f"message larger than {self.max_message_size} bytes",
                offset=self._base + pos,
                data=bytes(buf[pos : pos + _PREVIEW]),
            )
        return self._parse_exact(bytes(buf[pos:block_end]), self._base + pos)

    def _read_first_line(self) -> Message | None:
        buf = self._buf
        newline = buf.find(b"\n", self._pos)
        if newline < 0:
            if self._eof and len(buf) > self._pos:
                self._at_end()
                return None
            self._incomplete(len(buf))
            return None
        crlf = newline > self._pos and buf[newline - 1] == 13
        self._line_ending = LineEnding.CRLF if crlf else LineEnding.LF
        self._crlf = crlf
        line = bytes(buf[self._pos : newline]).rstrip(b"\r")
        if self._expect_banner and line and b":" not in line:
            self._pos = self._scan = newline + 1
            text = _decode(line)
            return Banner(text, text.rsplit("/", 1)[1] if "/" in text else "")
        return None

    def _at_end(self) -> None:
        """Nothing complete is left; after EOF, leftover bytes are a cut-off message."""
        if self._eof and self._pos < len(self._buf):
            data = bytes(self._buf[self._pos : self._pos + _PREVIEW])
            offset = self.offset
            self._pos = self._scan = len(self._buf)
            if data.strip(b"\r\n"):
                raise RemoteProtocolError(
                    "connection closed inside a message", offset=offset, data=data
                )
        return None

    def _incomplete(self, size: int) -> None:
        if size - self._pos > self.max_message_size:
            data = bytes(self._buf[self._pos : self._pos + _PREVIEW])
            offset = self.offset
            follows = self._buf[self._pos : self._pos + 17].lower() == _FOLLOWS_PREFIX
            self._discard = _END_COMMAND if follows else b""
            self._discard_rest()
            raise MessageTooLarge(
                f"message larger than {self.max_message_size} bytes", offset=offset, data=data
            )
        if self._eof:
            self._at_end()
            return None
        return None

    def _discard_rest(self) -> None:
        """Drop the rest of an oversized message as it arrives; keep a possibly split marker."""
        buf = self._buf
        if self._discard:  # 13's command output: skip to --END COMMAND-- first
            marker = buf.find(self._discard, self._pos)
            if marker < 0:
                self._pos = self._scan = max(self._pos, len(buf) - len(self._discard) + 1)
                return
            self._pos = marker + len(self._discard)
            self._discard = b""
        ends = [
            e + n
            for e, n in ((buf.find(b"\n\r\n", self._pos), 3), (buf.find(b"\n\n", self._pos), 2))
            if e >= 0
        ]
        if ends:
            self._pos = self._scan = min(ends)
            self._discard = None
        else:
            self._pos = self._scan = max(self._pos, len(buf) - 2)

    def _next_follows(self, pos: int) -> Message | None:
        buf = self._buf
        start = max(pos, self._scan - len(_END_COMMAND))
        marker = buf.find(_END_COMMAND, start)
        if self._crlf:
            # 13's raw output has bare LFs only: a blank CRLF line first means this is no
            # command output after all, just a message that starts like one.
            blank = buf.find(b"\r\n\r\n", start, marker + 4 if marker >= 0 else len(buf))
            if blank >= 0:
                self._scan = pos  # frame it afresh, as any other message
                return self._next_exact(pos, len(buf))
        if marker < 0:
            self._scan = len(buf)
            self._incomplete(len(buf))
            return None
        tail = marker + len(_END_COMMAND)
        end = -1
        for terminator in (b"\r\n\r\n", b"\n\r\n", b"\r\n\n", b"\n\n"):
            if buf.startswith(terminator, tail):
                end = tail + len(terminator)
                break
        if end < 0:
            if len(buf) - tail < 4 and not self._eof:
                self._scan = marker
                self._incomplete(len(buf))
                return None
            end = tail  # odd trailer: take what we have, the next call skips blank lines
        offset = self._base + pos
        self._pos = self._scan = end
        if marker - pos > self.max_message_size:
            raise MessageTooLarge(
                f"message larger than {self.max_message_size} bytes",
                offset=offset,
                data=bytes(buf[pos : pos + _PREVIEW]),
            )
        block = bytes(buf[pos:marker])
        headers: list[Header] = []
        rest = _decode(block)
        while True:
            line, newline, remainder = rest.partition("\n")
            name, colon, value = line.rstrip("\r").partition(":")
            if not newline or not colon or name.lower() not in _FOLLOWS_HEADER_NAMES:
                break
            headers.append((name, value[1:] if value[:1] == " " else value))
            rest = remainder
        if not headers or headers[0][0].lower() != "response":
            raise RemoteProtocolError("command output without headers", offset=offset, data=block)
        output = rest[:-1] if rest.endswith("\n") else rest
        return Response.build(headers, output)

    def _parse_exact(self, block: bytes, offset: int) -> Message:
        """Line by line, for whatever the fast path could not prove it handled."""
        text = _decode(block)
        if self._crlf and "\r\n" in text:
            lines, trailer = text.split("\r\n"), "\n"  # bare LFs belong to values (§1.2)
        else:
            lines, trailer = text.split("\n"), "\r"  # LF framing, or an LF-only message
        if len(lines) > self.max_headers:
            raise RemoteProtocolError(
                f"more than {self.max_headers} headers in one message", offset=offset, data=block
            )
        names: list[str] = []
        values: list[str] = []
        for line in lines:
            name, colon, value = line.partition(":")
            if not colon or not name:
                what = "line without a colon" if not colon else "header without a name"
                raise RemoteProtocolError(f"{what}: {line[:80]!r}", offset=offset, data=block)
            if value[:1] == " ":
                value = value[1:]
            names.append(name)
            values.append(value.rstrip(trailer))
        message = _build(names, values, [name.lower() for name in names])
        if message is None:
            raise RemoteProtocolError(
                "message is neither an Event nor a Response", offset=offset, data=block
            )
        return message
