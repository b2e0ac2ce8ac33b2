"""The sans-I/O AMI parser: bytes in, typed messages out (the serializer lives in ``serializer``).

Framing follows the peer: Asterisk sends CRLF, proxies and test servers may send bare LF. The
banner's line ending decides (docs/AMI.md §2.1). In CRLF framing a bare ``\\n`` inside a value is
part of the value and a trailing one is dropped (``Message: Park successful\\n``); a stray
``\\r\\n\\n`` (Asterisk #761) or a bare ``\\n\\n`` still ends a message. Asterisk 13's
``Response: Follows`` command output runs to ``--END COMMAND--``.

Speed: ``_batch`` frames every complete message in (at most ``BATCH_WINDOW`` bytes of) the
buffer with one ``bytes.split``, drops the ignored events there, unparsed and undecoded, and
parses the rest with a handful of C-level string operations, then proves, by counting, that
the result is exactly what the line-by-line ``_parse_exact`` would give; anything it cannot
prove (bare CR/LF in a value, a line without a colon, odd endings, 13's command output) goes
through the exact path instead.

The result never depends on how the bytes were split into reads (``docs/PARSING.md``): an
event whose first line is ``Event: NAME`` with NAME ignored is dropped unparsed
on both paths, any other event is parsed and then dropped if its ``Event`` header names an
ignored event; a message of exactly ``max_message_size`` bytes is accepted wherever a read ends
inside its terminator; after an oversized message both paths resume at the same byte.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress
from operator import not_

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
MIN_MESSAGE_SIZE = 32  # smaller limits would refuse "Response: Follows" before it is known
MAX_BANNER = 1024  # "Asterisk Call Manager/7.0.3" is 27 bytes
BATCH_WINDOW = 64 * 1024  # bytes the bulk path takes at once: bounds its transient memory
_END_COMMAND = b"--END COMMAND--"
_FOLLOWS_PREFIX = b"response: follows"
_MARKER_SLACK = len(_END_COMMAND) - 1  # a cut-off marker may end what is buffered
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

# A message's header names in order -> (their lower-case keys, whether a name repeats). Most
# events of one kind carry the same names in the same order, so this is computed once per
# shape instead of once per header; names come from the peer, so the cache stays bounded.
_Shape = tuple[tuple[str, ...], tuple[str, ...], bool]  # (names, keys, repeats)
_SHAPES: dict[tuple[str, ...], _Shape] = {}
_MAX_SHAPES = 4096


def _shape(names: tuple[str, ...]) -> _Shape | None:
    """The shape of ``names``, or None if one is empty or holds a colon (not a header line)."""
    if "" in names or ":" in "".join(names):
        return None
    keys = tuple(map(_LOWER, names))
    shape = (names, keys, len(set(keys)) != len(keys))  # names shared by every such event
    if len(_SHAPES) >= _MAX_SHAPES:
        _SHAPES.clear()
    _SHAPES[names] = shape
    return shape


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
_SET_NAME = Event.name.__set__  # type: ignore[attr-defined,misc]


def _new_event(names: tuple[str, ...], values: tuple[str, ...], index: dict[str, str]) -> Event:
    """``Event(names, values, index)`` without the frozen dataclass ``__init__`` (hot path).

    The slot descriptors are the ones ``__init__`` and ``__post_init__`` end up using.
    """
    event: Event = _NEW(Event)
    _SET_NAMES(event, names)
    _SET_VALUES(event, values)
    _SET_LOOKUP(event, index)
    _SET_NAME(event, index.get("event", ""))
    return event


def _build(names: Sequence[str], values: Sequence[str], lows: Sequence[str]) -> Message | None:
    """Classify by the first header (docs/AMI.md §2.4); None when it is neither kind."""
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


class _Skipped:
    """What the exact path returns for an event dropped unparsed (ignored by its first line)."""


_SKIPPED = _Skipped()


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
        if max_message_size < MIN_MESSAGE_SIZE or max_headers < 1:
            raise ValueError(
                f"max_message_size must be at least {MIN_MESSAGE_SIZE} and max_headers at least 1"
            )
        self.max_message_size = max_message_size
        # Events nobody reads (VarSet, Newexten, RTCP…: half of what Asterisk sends) are framed
        # and counted but never built into messages: the cheapest event is the one not made.
        self.ignore_events = frozenset(ignore_events)
        self._ignore_heads = frozenset(
            b"Event: " + n.encode("utf-8", "replace") for n in self.ignore_events
        )
        self._ignore_names = frozenset(n.encode("utf-8", "replace") for n in self.ignore_events)
        self.ignored = 0
        self.max_headers = max_headers
        self._buf = bytearray()
        self._pos = 0  # start of unparsed data in _buf
        self._base = 0  # stream offset of _buf[0]
        self._scan = 0  # where the terminator search resumes
        self._expect_banner = expect_banner
        self._line_ending: LineEnding | None = None
        self._crlf = True
        # Dropping the rest of an oversized message: "message" (ends like any message),
        # "output" (13's command output: ends after --END COMMAND--), "trailer" (its marker
        # was seen: what follows it), "line" (a banner: ends at its newline), or None.
        self._discard: str | None = None
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
        if self._discard is not None:
            self._discard_rest()

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
        ignore = self.ignore_events
        while True:
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
            message: Message | _Skipped | None
            if (lead == 82 or lead == 114) and self._looks_like_output(pos):
                message = self._next_follows(pos)
            elif self._base + pos >= self._exact_until and self._batch(pos):
                continue  # the batch is in _ready (or was all ignored events)
            else:
                message = self._next_exact(pos, size)
            if message is _SKIPPED:
                continue
            if ignore and isinstance(message, Event) and message.name in ignore:
                self.ignored += 1
                continue
            assert not isinstance(message, _Skipped)
            return message

    # -- internals -------------------------------------------------------------------

    def _looks_like_output(self, pos: int) -> bool:
        """Starts with ``Response: Follows`` (any case): maybe 13's command output."""
        return self._buf[pos : pos + 17].lower() == _FOLLOWS_PREFIX

    def _could_be_output(self, pos: int) -> bool:
        """Like ``_looks_like_output``, also while fewer than 17 bytes have arrived."""
        head = bytes(self._buf[pos : pos + 17]).lower()
        return _FOLLOWS_PREFIX.startswith(head) if len(head) < 17 else head == _FOLLOWS_PREFIX

    def _batch(self, pos: int) -> bool:
        """Parse every complete message from ``pos`` on in bulk (see the module docstring).

        False, with nothing consumed, when something there needs the exact path; that stretch
        is then left to it, so no byte is examined over and over.
        """
        buf = self._buf
        crlf = self._crlf
        terminator = b"\r\n\r\n" if crlf else b"\n\n"
        width = len(terminator)
        window_end = min(len(buf), pos + BATCH_WINDOW)
        search_from = max(pos, self._scan - width)
        if search_from >= window_end:
            return False
        last = buf.rfind(terminator, search_from, window_end)
        if last < 0:
            return False
        end = last + width
        self._exact_until = self._base + end  # unless proven otherwise below
        region = bytes(buf[pos:last])  # every complete message, minus the last terminator
        ignored = 0
        heads = self._ignore_heads
        if heads or len(region) > self.max_message_size:
            blocks = region.split(terminator)
            if max(map(len, blocks)) > self.max_message_size:
                return False
            if heads:
                eol = b"\r\n" if crlf else b"\n"
                dropped = [m[: m.find(eol)] in heads for m in blocks]
                ignored = sum(dropped)
                if ignored:
                    # Dropped unparsed, so their framing must be the exact path's: no other
                    # terminator inside (kept messages are checked by the text proof below).
                    other = b"\n\n" if crlf else b"\n\r\n"
                    if other in b"\0".join(compress(blocks, dropped)):
                        return False
                    if ignored == len(blocks):
                        self.ignored += ignored
                        self._pos = self._scan = end
                        self._exact_until = 0
                        return True
                    region = terminator.join(compress(blocks, map(not_, dropped)))
        text = _decode(region)
        if _LINE in text or _GAP in text or text[0] == ":":
            return False
        eol_text = "\r\n" if crlf else "\n"
        # "a: 1<eol>b: 2<eol><eol>c: 3" -> a, 1, \0, b, 2, \0, \1, \1, \0, c, 3
        gapped = text.replace(eol_text + eol_text, f"{eol_text}{_GAP}: {_GAP}{eol_text}")
        marked = gapped.replace(eol_text, f": {_LINE}: ")
        if "\n" in marked or "\r" in marked:
            return False  # a bare CR or LF somewhere
        breaks = (len(marked) - len(gapped)) // (5 - len(eol_text))  # each one grew by that much
        fields = marked.split(": ")
        # Every ": " splits and each mark stands alone between two of them. So if every third
        # field is a mark, and there are as many as line breaks, each line held exactly one
        # ": ": its name and value are the two fields before the mark.
        if len(fields) != 3 * breaks + 2 or fields[2::3].count(_LINE) != breaks:
            return False
        names = fields[0::3]
        names.append(_GAP)  # so that the last message's end is found like the others
        all_names = tuple(names)
        all_values = tuple(fields[1::3])
        ready: list[Message] = []
        append = ready.append
        find_gap = all_names.index
        max_headers = self.max_headers
        ignore = self.ignore_events
        shape_of = _SHAPES.get
        total = len(all_values)
        i = 0
        while i < total:
            j = find_gap(_GAP, i)
            if j - i > max_headers:
                return False
            names_here = all_names[i:j]
            shape = shape_of(names_here) or _shape(names_here)
            if shape is None:
                return False  # an empty name or one holding a colon
            names_here, keys, repeats = shape
            values = all_values[i:j]
            if keys[0] == "event":
                if ignore and values[0] in ignore:  # e.g. "EVENT: VarSet": parsed, then dropped
                    ignored += 1
                    i = j + 1
                    continue
                # repeated names: the first one wins, as in Asterisk
                index = (
                    dict(zip(keys[::-1], values[::-1], strict=True))
                    if repeats
                    else dict(zip(keys, values, strict=True))
                )
                event = _NEW(Event)  # _new_event() inlined: this is the hot loop
                _SET_NAMES(event, names_here)
                _SET_VALUES(event, values)
                _SET_LOOKUP(event, index)
                _SET_NAME(event, values[0])  # the first "Event" header wins, as in the index
                append(event)
            elif keys[0] == "response" and values[0][:7].lower() == "follows":
                return False  # Asterisk 13's command output has its own framing
            elif (message := _build(names_here, values, keys)) is not None:
                if ignore and isinstance(message, Event) and message.name in ignore:
                    ignored += 1
                else:
                    append(message)
            else:
                return False
            i = j + 1
        self._ready.extend(ready)
        self.ignored += ignored
        self._pos = self._scan = end
        self._exact_until = 0
        return True

    def _frame_end(self, start: int) -> tuple[int, int] | None:
        """(where the message's bytes end, where the next one starts) for the first terminator
        at or after ``start``, or None when none has arrived. The one framing rule: CRLF framing
        ends a message at CRLF CRLF, at a bare LF LF, or at a stray CRLF LF; LF framing at LF LF
        or at an odd LF CRLF."""
        buf = self._buf
        if self._crlf:
            end = buf.find(b"\r\n\r\n", start)
            lf = buf.find(b"\n\n", start, end) if end >= 0 else buf.find(b"\n\n", start)
            if lf >= 0:  # a bare "\n\n" or a stray "\r\n\n" comes first
                return (lf - 1 if lf > 0 and buf[lf - 1] == 13 else lf), lf + 2
            if end >= 0:
                return end, end + 4
            return None
        end = buf.find(b"\n\n", start)
        odd = buf.find(b"\n\r\n", start, end + 1) if end >= 0 else buf.find(b"\n\r\n", start)
        if odd >= 0:
            return odd, odd + 3
        if end >= 0:
            return end, end + 2
        return None

    def _skippable(self, block: bytes) -> bool:
        """An ignored event by its first line alone (``Event: VarSet``): dropped unparsed."""
        if block[:7] != b"Event: ":
            return False
        line_end = block.find(b"\r\n" if self._crlf else b"\n", 7)
        name = block[7:line_end] if line_end >= 0 else block[7:]
        if not self._crlf:
            name = name.rstrip(b"\r")
        return name in self._ignore_names

    def _next_exact(self, pos: int, size: int) -> Message | _Skipped | None:
        """Frame one message and parse it line by line."""
        found = self._frame_end(max(pos, self._scan - 3))
        if found is None:
            self._scan = size
            self._incomplete(size)
            return None
        block_end, consumed = found
        self._pos = self._scan = consumed
        if block_end - pos > self.max_message_size:
            raise MessageTooLarge(
                f"message larger than {self.max_message_size} bytes",
                offset=self._base + pos,
                data=bytes(self._buf[pos : pos + _PREVIEW]),
            )
        block = bytes(self._buf[pos:block_end])
        if self._ignore_names and self._skippable(block):
            self.ignored += 1
            return _SKIPPED
        return self._parse_exact(block, self._base + pos)

    def _read_first_line(self) -> Message | None:
        """The banner, or just the peer's line ending when the first line is a header.

        A first line with no colon within ``MAX_BANNER`` bytes is a banner; longer than that
        it is refused once (MessageTooLarge) and skipped up to its newline. The newline search
        resumes where it stopped, so a line fed one byte per read costs linear time.
        """
        buf = self._buf
        pos = self._pos
        newline = buf.find(b"\n", max(pos, self._scan))
        if self._expect_banner:
            line_end = newline if newline >= 0 else len(buf)
            head_end = min(line_end, pos + MAX_BANNER + 1)
            if line_end - pos > MAX_BANNER and buf.find(b":", pos, head_end) < 0:
                offset, data = self._base + pos, bytes(buf[pos : pos + _PREVIEW])
                if newline >= 0:
                    self._pos = self._scan = newline + 1
                else:
                    self._discard = "line"
                    self._discard_rest()
                raise MessageTooLarge(
                    f"banner longer than {MAX_BANNER} bytes", offset=offset, data=data
                )
        if newline < 0:
            self._scan = len(buf)
            if self._eof and len(buf) > pos:
                self._at_end()
                return None
            self._incomplete(len(buf))
            return None
        self._scan = pos
        crlf = newline > pos and buf[newline - 1] == 13
        self._line_ending = LineEnding.CRLF if crlf else LineEnding.LF
        self._crlf = crlf
        line = bytes(buf[pos:newline]).rstrip(b"\r")
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
        """No end yet. Refuse the message as soon as it is certain to be too large: a message of
        exactly the limit may have part of its terminator (or of 13's marker) buffered."""
        buf = self._buf
        pending = size - self._pos
        if pending > self.max_message_size:
            output = self._could_be_output(self._pos)
            if output:
                slack = _MARKER_SLACK
            else:
                slack = 0
                while slack < 3 and slack < pending and buf[size - 1 - slack] in (10, 13):
                    slack += 1
            if pending - slack > self.max_message_size:
                data = bytes(buf[self._pos : self._pos + _PREVIEW])
                offset = self.offset
                self._discard = "output" if output else "message"
                self._discard_rest()
                raise MessageTooLarge(
                    f"message larger than {self.max_message_size} bytes", offset=offset, data=data
                )
        if self._eof:
            self._at_end()
        return None

    def _discard_rest(self) -> None:
        """Drop the rest of an oversized message as it arrives, ending it exactly where the
        complete message would have ended; keep a possibly split terminator or marker."""
        buf = self._buf
        if self._discard == "line":
            newline = buf.find(b"\n", max(self._pos, self._scan))
            if newline < 0:
                self._pos = self._scan = len(buf)
                return
            self._pos = self._scan = newline + 1
            self._discard = None
            return
        if self._discard == "message":
            found = self._frame_end(max(self._pos, self._scan - 3))
            if found is None:
                self._pos = self._scan = max(self._pos, len(buf) - 3)
                if self._eof:
                    self._pos = self._scan = len(buf)
                    self._discard = None
                return
            self._pos = self._scan = found[1]
            self._discard = None
            return
        if self._discard == "output":
            start = max(self._pos, self._scan - len(_END_COMMAND))
            marker = buf.find(_END_COMMAND, start)
            blank = self._blank_before(start, marker) if self._crlf else -1
            if blank >= 0:  # as in _next_follows: a blank CRLF line ends it
                self._pos = self._scan = blank + 4
                self._discard = None
                return
            if marker < 0:
                self._pos = self._scan = max(self._pos, len(buf) - _MARKER_SLACK)
                if self._eof:
                    self._pos = self._scan = len(buf)
                    self._discard = None
                return
            self._pos = self._scan = marker + len(_END_COMMAND)
            self._discard = "trailer"
        end = self._trailer_end(self._pos)
        if end is None:
            return
        self._pos = self._scan = end
        self._discard = None

    def _blank_before(self, start: int, marker: int) -> int:
        """The first CRLF blank line from ``start`` that begins before ``marker`` (if any)."""
        return self._buf.find(b"\r\n\r\n", start, marker + 4 if marker >= 0 else len(self._buf))

    def _trailer_end(self, tail: int) -> int | None:
        """Where what follows ``--END COMMAND--`` (at ``tail``) ends, or None to wait."""
        buf = self._buf
        for terminator in (b"\r\n\r\n", b"\n\r\n", b"\r\n\n", b"\n\n"):
            if buf.startswith(terminator, tail):
                return tail + len(terminator)
        if len(buf) - tail < 4 and not self._eof:
            return None
        return tail  # odd trailer: take what we have, the next call skips blank lines

    def _next_follows(self, pos: int) -> Message | _Skipped | None:
        buf = self._buf
        start = max(pos, self._scan - len(_END_COMMAND))
        marker = buf.find(_END_COMMAND, start)
        if self._crlf:
            # 13's raw output has bare LFs only: a blank CRLF line first means this is no
            # command output after all, just a message that starts like one. Past the size
            # limit such a line ends the oversized message instead (so that it can be refused
            # before it ends, and an endless one is dropped up to there, split or not).
            blank = self._blank_before(start, marker)
            if blank >= 0:
                if blank - pos <= self.max_message_size:
                    self._scan = pos  # frame it afresh, as any other message
                    return self._next_exact(pos, len(buf))
                self._pos = self._scan = blank + 4
                raise MessageTooLarge(
                    f"message larger than {self.max_message_size} bytes",
                    offset=self._base + pos,
                    data=bytes(buf[pos : pos + _PREVIEW]),
                )
        if marker < 0:
            self._scan = len(buf)
            self._incomplete(len(buf))
            return None
        tail = marker + len(_END_COMMAND)
        end = self._trailer_end(tail)
        if end is None:
            self._scan = marker
            return None
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
        crlf_lines = self._crlf and b"\r\n" in block
        eol = b"\r\n" if crlf_lines else b"\n"
        if block.count(eol) >= self.max_headers:  # counted before anything is split
            raise RemoteProtocolError(
                f"more than {self.max_headers} headers in one message", offset=offset, data=block
            )
        text = _decode(block)
        if crlf_lines:
            lines, trailer = text.split("\r\n"), "\n"  # bare LFs belong to values
        else:
            lines, trailer = text.split("\n"), "\r"  # LF framing, or an LF-only message
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
