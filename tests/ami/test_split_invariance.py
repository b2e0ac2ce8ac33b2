"""Issue 11 items 8-10 and the fuzz tests: the parser's result never depends on how the bytes
were split into reads, also with ``ignore_events`` and with the size and header limits right
at the edge of a real message; mutated recordings raise nothing but RemoteProtocolError.

Every outcome is compared: the messages, and each error's reason and stream offset."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ami import AmiParser, Event, MessageTooLarge, RemoteProtocolError
from tests.ami.util import comparable, parse_bytewise, parse_chunks, parse_split, parse_whole
from tests.conftest import capture_paths

RECORDINGS = capture_paths()
NOISE = ("VarSet", "Newexten", "RTCPSent", "DeviceStateChange", "QueueMemberStatus")
IGNORE_CHOICES: list[tuple[str, ...]] = [(), NOISE, ("VarSet",), ("Newchannel", "Hangup")]


def blocks_of(stream: bytes) -> list[tuple[int, bytes]]:
    """(offset, bytes) of each CRLF-framed message in a recording (banner excluded)."""
    out = []
    start = stream.index(b"\n") + 1
    for block in stream[start:].split(b"\r\n\r\n"):
        if block:
            out.append((start, block))
        start += len(block) + 4
    return out


def outcome(stream: bytes, chunks: list[bytes] | None, options: dict[str, object]) -> object:
    parser_options = {k: v for k, v in options.items() if k != "ignore_events"}
    ignore = options.get("ignore_events", ())
    if chunks is None:
        chunks = [stream]
    result = comparable(parse_chunks(chunks, ignore_events=ignore, **parser_options))  # type: ignore[arg-type]
    return result


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_every_split_gives_the_same_result_with_limits_at_the_edges(data: st.DataObject) -> None:
    path: Path = data.draw(st.sampled_from(RECORDINGS), label="recording")
    stream = path.read_bytes()
    blocks = blocks_of(stream)
    offset, block = data.draw(st.sampled_from(blocks), label="edge message")
    options: dict[str, object] = {
        "max_message_size": max(1, len(block) + data.draw(st.integers(-2, 2))),
        "max_headers": max(1, block.count(b"\r\n") + 1 + data.draw(st.integers(-1, 1))),
        "ignore_events": data.draw(st.sampled_from(IGNORE_CHOICES)),
    }
    end = offset + len(block)
    # reads that end inside the edge message's terminator, plus anywhere at all
    cuts = [end + k for k in data.draw(st.lists(st.integers(0, 4), max_size=3))]
    cuts += data.draw(st.lists(st.integers(0, len(stream)), max_size=30))
    points = sorted({c for c in cuts if 0 < c < len(stream)})
    edges = [0, *points, len(stream)]
    chunks = [stream[a:b] for a, b in pairwise(edges)]
    assert outcome(stream, chunks, options) == outcome(stream, None, options)


@pytest.mark.parametrize(
    "name", ["17_login_md5_challenge_and_ping", "02_incoming_caller_cancels_while_ringing"]
)
@pytest.mark.parametrize("version", ["13.38.3", "18.26.4"])
@pytest.mark.parametrize("delta", [-1, 0, 1])
def test_byte_by_byte_equals_whole_at_the_size_limit(name: str, version: str, delta: int) -> None:
    stream = next(p for p in RECORDINGS if p.parent.name == version and p.stem == name).read_bytes()
    largest = max(len(b) for _, b in blocks_of(stream))
    options = {"max_message_size": largest + delta, "ignore_events": NOISE}
    whole = outcome(stream, None, options)
    assert outcome(stream, [stream[i : i + 1] for i in range(len(stream))], options) == whole
    errors = [o for o in whole if isinstance(o, tuple)]
    assert (errors == []) == (delta >= 0)


# -- the three splits the issue found -------------------------------------------------------

BANNER = b"Asterisk Call Manager/7.0.3\r\n"
AFTER = b"Event: After\r\nUniqueid: 2\r\n\r\n"


@pytest.mark.parametrize(
    "message",
    [
        b"Privilege: system,all\r\nEvent: VarSet\r\nValue: 1\r\n\r\n",  # Event: not first
        b"EVENT: VarSet\r\nValue: 1\r\n\r\n",
        b"Event: VarSet\r\nValue: a\nb\r\n\r\n",  # a bare LF inside a value
    ],
)
def test_an_ignored_event_is_dropped_whole_and_split(message: bytes) -> None:
    stream = BANNER + message + AFTER
    whole = parse_whole(stream, ignore_events=("VarSet",))  # type: ignore[arg-type]
    assert [type(m).__name__ for m in whole] == ["Banner", "Event"]
    assert whole[-1].get("Event") == "After"  # type: ignore[union-attr]
    assert comparable(parse_bytewise(stream, ignore_events=("VarSet",))) == comparable(whole)  # type: ignore[arg-type]


@pytest.mark.parametrize("terminator", [b"\r\n\r\n", b"\n\n", b"\r\n\n"])
def test_a_message_of_exactly_the_limit_is_accepted_however_split(terminator: bytes) -> None:
    body = b"Event: Big\r\nValue: " + b"x" * 100
    stream = BANNER + body + terminator + AFTER
    start = len(BANNER) + len(body)
    for cut in range(start - 1, start + len(terminator) + 1):
        out = parse_split(stream, [cut], max_message_size=len(body))
        assert [type(m).__name__ for m in out] == ["Banner", "Event", "Event"], cut
        assert comparable(out) == comparable(parse_whole(stream, max_message_size=len(body)))


@pytest.mark.parametrize(
    "oversized",
    [
        b"Event: Big\r\nValue: " + b"x" * 300 + b"\n\r\nMore: y\r\n\r\n",  # LF at a value's end
        b"Response: Follows\r\nPrivilege: Command\r\n" + b"x\n" * 200 + b"--END COMMAND--\r\n\r\n",
        b"Response: Follows\r\n" + b"x" * 300 + b"\r\n\r\nEvent: Inside\r\n\r\n",
        b"Response: Follows\r\n" + b"x\n" * 200 + b"--END COMMAND--\r\nEvent: Odd\r\n\r\n",
    ],
)
def test_after_an_oversized_message_every_split_recovers_at_the_same_point(
    oversized: bytes,
) -> None:
    stream = BANNER + oversized + AFTER
    whole = comparable(parse_whole(stream, max_message_size=200))
    assert any(isinstance(o, tuple) for o in whole)
    assert whole[-1] == parse_whole(AFTER, expect_banner=False)[0]  # type: ignore[arg-type]
    for step in (1, 7, 64, 150):
        chunks = [stream[i : i + step] for i in range(0, len(stream), step)]
        assert comparable(parse_chunks(chunks, max_message_size=200)) == whole, step


# -- banner (item 8) and many tiny headers (item 10) ----------------------------------------


def test_an_endless_banner_fed_one_byte_at_a_time_is_refused_early() -> None:
    parser = AmiParser()
    line = b"x" * 64 * 1024
    errors = []
    for i in range(len(line)):
        parser.receive_data(line[i : i + 1])
        try:
            parser.next_message()
        except MessageTooLarge as exc:
            errors.append((i, exc.offset))
        assert parser.buffered <= 4096
    assert errors == [(1024, 0)]  # once, as soon as it is longer than a banner can be


def test_a_long_banner_whole_and_split_agree_and_parsing_goes_on() -> None:
    stream = b"y" * 5000 + b"\r\n" + b"Event: After\r\n\r\n"
    whole = comparable(parse_whole(stream))
    assert whole[0] == ("banner longer than 1024 bytes", 0)
    assert comparable(parse_split(stream, range(1, len(stream), 333))) == whole
    assert len(whole) == 2


def test_too_many_tiny_headers_are_counted_before_they_are_split() -> None:
    # ~1 MiB of "a: b" lines: refused for its header count, never split into 170k strings
    message = b"Event: Flood\r\n" + b"a: b\r\n" * 170_000 + b"\r\n"
    import tracemalloc

    tracemalloc.start()
    try:
        out = parse_whole(BANNER + message + AFTER, max_message_size=2 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    reasons = [o.reason for o in out if isinstance(o, RemoteProtocolError)]
    assert reasons == ["more than 4096 headers in one message"]
    assert isinstance(out[-1], Event) and out[-1].name == "After"
    assert peak < 6 * len(message)  # the bytes, their text and a copy: no per-header objects


# -- mutation fuzzing of every recording ------------------------------------------------------

SPECIAL = [
    b"\r",
    b"\n",
    b"\r\n",
    b"\n\n",
    b"\r\n\r\n",
    b":",
    b": ",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"--END COMMAND--",
    b"Response: Follows\r\n",
    b"Event: VarSet\r\n",
    b"EventList: start\r\n",
    "\u2028".encode(),
    b"Event: ",
    b"ActionID: x\r\n",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        where = rng.randrange(len(out) + 1)
        what = rng.randrange(5)
        if what == 0 and out:  # flip a byte
            out[min(where, len(out) - 1)] = rng.randrange(256)
        elif what == 1:
            out[where:where] = rng.choice(SPECIAL)
        elif what == 2:  # cut a slice out
            del out[where : where + rng.randint(1, 64)]
        elif what == 3:  # repeat a slice
            piece = out[where : where + rng.randint(1, 200)]
            out[where:where] = piece * rng.randint(1, 4)
        else:  # truncate
            del out[where:]
    return bytes(out)


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mutated_recordings_raise_only_protocol_errors_and_split_the_same(path: Path) -> None:
    rng = random.Random(f"{path.parent.name}/{path.name}")
    original = path.read_bytes()
    for _ in range(12):
        data = mutate(original, rng)
        options = {
            "max_message_size": rng.choice([64, 256, 1024, 4096, 1 << 20]),
            "max_headers": rng.choice([3, 16, 4096]),
            "ignore_events": rng.choice(IGNORE_CHOICES),
        }
        whole = outcome(data, None, options)  # only RemoteProtocolError may escape: it is caught
        cuts = sorted(rng.sample(range(1, max(2, len(data))), k=min(max(0, len(data) - 1), 25)))
        edges = [0, *cuts, len(data)]
        chunks = [data[a:b] for a, b in pairwise(edges)]
        assert outcome(data, chunks, options) == whole
