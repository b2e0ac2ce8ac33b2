"""AMI edge cases (docs/AMI.md): command output, odd endings, bad bytes, limits, recovery."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ami import (
    AmiParser,
    Banner,
    Event,
    LineEnding,
    RemoteProtocolError,
    Response,
)
from tests.ami.util import comparable, parse_bytewise, parse_split, parse_whole
from tests.conftest import CAPTURES

BANNER = b"Asterisk Call Manager/7.0.3\r\n"
PING = b"Response: Success\r\nActionID: p1\r\nPing: Pong\r\n\r\n"
EVENT = b"Event: Newchannel\r\nChannel: SIP/101-00000001\r\nUniqueid: 1795755750.1\r\n\r\n"


T = TypeVar("T")


def only(outcomes: Sequence[object], kind: type[T]) -> list[T]:
    return [o for o in outcomes if isinstance(o, kind)]


def by_action_id(outcomes: Sequence[object], action_id: str) -> Response:
    found = [o for o in outcomes if isinstance(o, Response) and o.action_id == action_id]
    assert len(found) == 1
    return found[0]


# -- command output (§1.6) ------------------------------------------------------------------


def test_asterisk_13_response_follows_from_the_recording() -> None:
    raw = (CAPTURES / "13.38.3" / "17_login_md5_challenge_and_ping.ami").read_bytes()
    reply = by_action_id(parse_whole(raw), "cp17-4")
    assert reply.status == "Follows"
    assert reply.names == ("Response", "Privilege", "ActionID")
    assert reply.output == (
        "Asterisk 13.38.3 built by root @ vm on a x86_64 running Linux on 2026-11-27 04:46:01 UTC"
    )
    assert by_action_id(parse_bytewise(raw), "cp17-4") == reply


def test_asterisk_18_output_lines_from_the_recording() -> None:
    raw = (CAPTURES / "18.26.4" / "17_login_md5_challenge_and_ping.ami").read_bytes()
    reply = by_action_id(parse_whole(raw), "cp17-4")
    assert reply.status == "Success"
    assert reply.message == "Command output follows"
    assert reply.get_all("output") == [reply.output]
    assert reply.output is not None and reply.output.startswith("Asterisk 18.26.4 built by root")


def test_follows_with_blank_lines_and_no_output() -> None:
    text = (
        b"Response: Follows\r\nPrivilege: Command\r\nActionID: c1\r\n"
        b"Channel  Location\n\nSIP/101-0001  101@internal\n1 active channel\n"
        b"--END COMMAND--\r\n\r\n"
        b"Response: Follows\r\nPrivilege: Command\r\nActionID: c2\r\n--END COMMAND--\r\n\r\n"
    )
    out = parse_whole(BANNER + text + PING)
    assert by_action_id(out, "c1").output == (
        "Channel  Location\n\nSIP/101-0001  101@internal\n1 active channel"
    )
    assert by_action_id(out, "c2").output == ""
    assert by_action_id(out, "p1").get("Ping") == "Pong"
    assert parse_bytewise(BANNER + text + PING) == out


def test_14_plus_output_lines_keep_order() -> None:
    text = (
        b"Response: Success\r\nActionID: c3\r\nMessage: Command output follows\r\n"
        b"Output: line one\r\nOutput: \r\nOutput: line: three\r\n\r\n"
    )
    reply = by_action_id(parse_whole(BANNER + text), "c3")
    assert reply.get_all("Output") == ["line one", "", "line: three"]
    assert reply.output == "line one\n\nline: three"


# -- line endings (§1.2) ----------------------------------------------------------------------


def test_park_successful_trailing_lf_is_dropped() -> None:
    text = b"Response: Success\r\nActionID: k1\r\nMessage: Park successful\n\r\n\r\n"
    out = parse_whole(BANNER + text + PING)
    assert by_action_id(out, "k1").message == "Park successful"
    assert len(out) == 3 and by_action_id(out, "p1").status == "Success"
    assert parse_bytewise(BANNER + text + PING) == out


def test_bare_lf_inside_a_crlf_value_belongs_to_the_value() -> None:
    text = b"Response: Error\r\nActionID: b1\r\nMessage: first\nsecond: x\r\nX: y\r\n\r\n"
    reply = by_action_id(parse_whole(BANNER + text), "b1")
    assert reply.message == "first\nsecond: x"
    assert reply.get("X") == "y"


def test_stray_crlf_lf_ending_and_bare_lf_lf() -> None:
    stream = (
        BANNER
        + b"Event: A\r\nN: 1\r\n\n"  # Asterisk #761
        + b"Event: B\nN: 2\n\n"  # an LF-only message inside CRLF framing
        + EVENT
    )
    out = parse_whole(stream)
    assert [o.name for o in only(out, Event)] == ["A", "B", "Newchannel"]
    assert [o.get("N") for o in only(out, Event)[:2]] == ["1", "2"]
    assert parse_bytewise(stream) == out


def test_lf_framing_and_its_odd_ending() -> None:
    stream = (
        b"Asterisk Call Manager/2.10.6\nEvent: A\nN: 1\n\r\nEvent: B\r\nN: 2\r\n\r\n" + b"E: x\n"
    )
    parser = AmiParser()
    out = parser.feed(stream)
    assert parser.line_ending is LineEnding.LF
    assert isinstance(out[0], Banner) and out[0].version == "2.10.6"
    assert out[0].ami_major == 2
    assert [(o.name, o.get("N")) for o in only(out, Event)] == [("A", "1"), ("B", "2")]


def test_no_banner_when_the_first_line_is_a_header() -> None:
    parser = AmiParser()
    assert parser.feed(PING)[0] == Response.build(
        [("Response", "Success"), ("ActionID", "p1"), ("Ping", "Pong")]
    )
    assert parser.line_ending is LineEnding.CRLF


# -- text ---------------------------------------------------------------------------------------


def test_cyrillic_names_and_invalid_utf8() -> None:
    name = "Иван Петров".encode()
    stream = (
        BANNER
        + b"Event: Newchannel\r\nCallerIDName: "
        + name
        + b"\r\n\r\n"
        + b"Event: Newchannel\r\nCallerIDName: bad \xff\xfe end\r\n\r\n"
        + EVENT
    )
    out = parse_whole(stream)
    events = only(out, Event)
    assert events[0].get("CallerIDName") == "Иван Петров"
    assert events[1].get("CallerIDName") == "bad \ufffd\ufffd end"  # visible, nothing dropped
    assert events[2].name == "Newchannel"
    assert parse_bytewise(stream) == out  # multi-byte characters split across reads


def test_lookup_is_case_insensitive_and_repeats_keep_order() -> None:
    text = (
        b"Event: Status\r\nActionID: s1\r\nVariable: A=1\r\nvariable: B=2\r\n"
        b"ChanVariable: X=1\r\nChanVariable: X=2\r\nUNIQUEID: 1.1\r\n\r\n"
    )
    (event,) = only(parse_whole(BANNER + text), Event)
    assert event.get("uniqueid") == event.get("Uniqueid") == "1.1"
    assert "UniqueID" in event and "missing" not in event
    assert event.get_all("Variable") == ["A=1", "B=2"]
    assert event.get("VARIABLE") == "A=1"  # the first one, as Asterisk does
    assert event.get_all("chanvariable") == ["X=1", "X=2"]
    assert event.headers[2:4] == (("Variable", "A=1"), ("variable", "B=2"))


def test_classified_by_the_first_header() -> None:
    text = (
        b"Event: OriginateResponse\r\nActionID: o1\r\nResponse: Failure\r\n\r\n"
        b"ActionID: x\r\nResponse: Success\r\n\r\n"
        b"Foo: bar\r\n\r\n"
    )
    out = parse_whole(BANNER + text + EVENT)
    assert isinstance(out[1], Event) and out[1].name == "OriginateResponse"
    assert isinstance(out[2], Response) and out[2].status == "Success"
    assert isinstance(out[3], RemoteProtocolError)
    assert "neither" in out[3].reason
    assert isinstance(out[4], Event)


# -- malformed input and recovery (R6) --------------------------------------------------------


def test_line_without_colon_is_reported_with_its_offset_and_skipped() -> None:
    bad = b"Event: Hangup\r\nthis line has no colon\r\nCause: 16\r\n\r\n"
    stream = BANNER + PING + bad + EVENT
    out = parse_whole(stream)
    assert isinstance(out[1], Response)
    error = out[2]
    assert isinstance(error, RemoteProtocolError)
    assert error.offset == len(BANNER + PING)
    assert stream[error.offset :].startswith(error.data) and error.data == bad[:-4]
    assert "without a colon" in str(error) and f"at byte {error.offset}" in str(error)
    assert isinstance(out[3], Event) and out[3].name == "Newchannel"
    assert comparable(parse_bytewise(stream)) == comparable(out)


def test_r6_garbage_stream_still_delivers_every_valid_frame() -> None:
    stream = (
        BANNER
        + EVENT
        + b"\x00\x01\x02garbage\xff\xfe\r\n\r\n"
        + PING
        + b": no name\r\n\r\n"
        + b"Event: Broken\r\nno colon\n\n"
        + EVENT.replace(b"Newchannel", b"Hangup")
        + b"Event: Odd\r\nN: 1\r\n\n"
        + b"\r\n\r\n\r\n"
        + b"Event: Bad\xc3\r\n\r\n"
        + PING
    )
    for out in (parse_whole(stream), parse_bytewise(stream), parse_split(stream, range(0, 999, 5))):
        frames = [o for o in out if not isinstance(o, RemoteProtocolError)]
        names = [f.name if isinstance(f, Event) else type(f).__name__ for f in frames]
        assert names == [
            "Banner",
            "Newchannel",
            "Response",
            "Hangup",
            "Odd",
            "Bad\ufffd",
            "Response",
        ]
        errors = only(out, RemoteProtocolError)
        assert len(errors) == 3
        assert [stream[e.offset : e.offset + 3] for e in errors] == [
            b"\x00\x01\x02",
            b": n",
            b"Eve",
        ]


def test_oversized_message_raises_once_and_the_buffer_stays_bounded() -> None:
    parser = AmiParser()
    parser.receive_data(BANNER)
    assert isinstance(parser.next_message(), Banner)
    chunk = b"Variable: " + b"x" * (64 * 1024 - 10)
    errors: list[RemoteProtocolError] = []
    peak = 0
    for _ in range(10 * 1024 * 1024 // len(chunk)):
        parser.receive_data(chunk)
        try:
            assert parser.next_message() is None
        except RemoteProtocolError as exc:
            errors.append(exc)
        peak = max(peak, parser.buffered)
        if errors:
            assert parser.buffered <= 16
    assert len(errors) == 1
    assert errors[0].offset == len(BANNER)
    assert errors[0].data.startswith(b"Variable: xxx") and len(errors[0].data) <= 1024
    assert peak <= parser.max_message_size + len(chunk)
    parser.receive_data(b"\r\n\r\n" + PING)
    reply = parser.next_message()
    assert isinstance(reply, Response) and reply.action_id == "p1"
    assert parser.next_message() is None


def test_oversized_complete_message_and_command_output() -> None:
    big = b"Event: Big\r\nData: " + b"y" * 5000 + b"\r\n\r\n"
    follows = b"Response: Follows\r\nActionID: c\r\n" + b"z\n\n" * 3000 + b"--END COMMAND--\r\n\r\n"
    stream = BANNER + big + EVENT + follows + PING
    for out in (
        parse_whole(stream, max_message_size=4096),
        parse_split(stream, range(0, len(stream), 1000), max_message_size=4096),
    ):
        kinds = [type(o).__name__ for o in out]
        assert kinds == [
            "Banner",
            "MessageTooLarge",
            "Event",
            "MessageTooLarge",
            "Response",
        ]
        assert all(isinstance(o, RemoteProtocolError) for o in out if "Large" in type(o).__name__)


def test_too_many_headers() -> None:
    many = b"Event: Many\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(20)) + b"\r\n"
    odd = many.replace(b"H0: v", b"H0: v\nx")  # the exact path
    for bad in (many, odd):
        out = parse_whole(BANNER + bad + EVENT, max_headers=10)
        assert isinstance(out[1], RemoteProtocolError) and "headers" in out[1].reason
        assert isinstance(out[2], Event)
    assert isinstance(parse_whole(BANNER + many, max_headers=21)[1], Event)


def test_feed_returns_good_messages_and_raises_the_error_next() -> None:
    parser = AmiParser()
    good = parser.feed(BANNER + PING + b"garbage\r\n\r\n" + EVENT)
    assert [type(m) for m in good] == [Banner, Response]
    with pytest.raises(RemoteProtocolError):
        parser.feed(b"")
    assert [m.name for m in parser.feed(b"") if isinstance(m, Event)] == ["Newchannel"]
    with pytest.raises(RemoteProtocolError):
        AmiParser(expect_banner=False).feed(b"garbage\r\n\r\n")


def test_eof_inside_a_message() -> None:
    parser = AmiParser()
    parser.feed(BANNER + PING[:-4])
    assert parser.next_message() is None
    parser.receive_eof()
    with pytest.raises(RemoteProtocolError, match="closed inside a message") as info:
        parser.next_message()
    assert info.value.offset == len(BANNER)
    clean = AmiParser()
    clean.feed(BANNER + PING + b"\r\n")
    clean.receive_eof()
    assert clean.next_message() is None


# -- properties ---------------------------------------------------------------------------------

NAME = st.text(st.sampled_from("AbcXyz_-: \t\r\n\x00\x01é"), min_size=0, max_size=6)
VALUE = st.text(st.sampled_from("ab1 :=,\t\r\n\x00\x01Иé/"), max_size=10)
LINE = st.one_of(
    st.tuples(st.sampled_from(["Event", "Response", "ActionID", "Uniqueid"]), VALUE),
    st.tuples(NAME, VALUE),
)


def _render(messages: list[list[tuple[str, str]]], eol: str, seps: list[str]) -> bytes:
    parts = []
    for i, lines in enumerate(messages):
        body = eol.join(f"{n}: {v}" if i % 3 else f"{n}:{v}" for n, v in lines)
        parts.append(body + seps[i % len(seps)])
    return "".join(parts).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(
    messages=st.lists(st.lists(LINE, min_size=1, max_size=5), min_size=1, max_size=6),
    crlf=st.booleans(),
    seps=st.lists(
        st.sampled_from(["\r\n\r\n", "\n\n", "\r\n\n", "\n\r\n", "\r\n\r\n\r\n"]), min_size=1
    ),
    cuts=st.lists(st.integers(0, 300), max_size=8),
)
def test_bulk_path_agrees_with_the_exact_path(
    messages: list[list[tuple[str, str]]],
    crlf: bool,
    seps: list[str],
    cuts: list[int],
) -> None:
    """The counting proof in ``_batch``: whatever it accepts, the line-by-line path agrees."""
    eol = "\r\n" if crlf else "\n"
    banner = ("Asterisk Call Manager/7.0.3" + eol).encode()
    stream = banner + _render(messages, eol, [eol + eol, *seps])
    fast = comparable(parse_whole(stream))
    chunked = comparable(parse_split(stream, cuts))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AmiParser, "_batch", lambda self, pos: False)
        exact = comparable(parse_whole(stream))
    assert fast == exact == chunked


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400), cuts=st.lists(st.integers(0, 400), max_size=10))
def test_arbitrary_bytes_only_ever_raise_remote_protocol_error(
    data: bytes, cuts: list[int]
) -> None:
    """F1: no other exception, no hang, bounded buffer, same result however it is split."""
    whole = parse_whole(BANNER + data + b"\r\n\r\n" + EVENT, max_message_size=256)
    assert comparable(
        parse_split(BANNER + data + b"\r\n\r\n" + EVENT, cuts, max_message_size=256)
    ) == (comparable(whole))
    assert isinstance(whole[0], Banner)
    assert isinstance(whole[-1], Event) and whole[-1].name == "Newchannel"


@pytest.mark.parametrize(
    "stream",
    [
        b"response: follows\r\n\r\n" + EVENT,
        b"Response: Follows\n\nfoo\r\n\r\n" + EVENT,
        b"Response: Follows\r\nActionID: f\r\n\r\n" + PING,
    ],
)
def test_looks_like_command_output_but_is_not(stream: bytes) -> None:
    """A CRLF blank line before any --END COMMAND-- ends it like any message: no swallowing."""
    out = parse_whole(BANNER + stream)
    assert comparable(parse_bytewise(BANNER + stream)) == comparable(out)
    assert isinstance(out[-1], Event | Response)
    assert out[-1].get("Uniqueid") == "1795755750.1" or out[-1].get("Ping") == "Pong"


@pytest.mark.parametrize(
    "block",
    [
        b"Event: Hangup\r\nUniqueid: 1\r\nevent: Other\r\n\r\n",  # the bulk path
        b"Event: Hangup\r\nUniqueid: 1\r\nevent: Other\r\nNote: a\nb\r\n\r\n",  # the exact one
        b"Uniqueid: 1\r\nEVENT: Hangup\r\nEvent: Other\r\n\r\n",  # not its first header
    ],
    ids=["bulk", "exact", "later"],
)
def test_an_events_name_is_its_first_event_header_on_every_path(block: bytes) -> None:
    (event,) = parse_whole(BANNER + block)[1:]
    assert isinstance(event, Event)
    assert event.name == "Hangup" == event.get("Event") == event.by_key("event")
    assert event.by_key("uniqueid") == "1" and event.by_key("Uniqueid") is None
    built = Event.build(event.headers)
    assert built.name == "Hangup" and built == event
    assert Event.build([("Uniqueid", "1")]).name == ""
