"""The server-side request framing, without sockets: chunking never changes the result."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from callpanel.sim.actions import AmiRequest
from callpanel.sim.server import MAX_HEADERS, RequestParser

STREAM = (
    b"Action: Login\r\nUsername: callpanel\r\nSecret: x\r\n\r\n"
    b"action: ping\nActionID: 2\n\n"
    b"Action: Originate\r\nChannel: SIP/101\r\nVariable: A=1\r\nVariable: B=2\r\n"
    b"CallerID: \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd <+7916>\r\n\r\n"
    b"\r\n\r\n"
    b"Action: Command\r\nCommand: core show version\r\n\r\n"
)


def parse(chunks: list[bytes]) -> list[AmiRequest | str]:
    parser = RequestParser()
    out: list[AmiRequest | str] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


def test_whole_stream() -> None:
    requests = parse([STREAM])
    assert [r.name for r in requests if isinstance(r, AmiRequest)] == [
        "Login", "ping", "Originate", "Command"
    ]  # fmt: skip
    originate = requests[2]
    assert isinstance(originate, AmiRequest)
    assert originate.get_all("Variable") == ["A=1", "B=2"]
    assert originate.get("CallerID") == "Иван <+7916>"
    assert requests[1].action_id == "2"  # type: ignore[union-attr]


@given(st.lists(st.integers(min_value=1, max_value=len(STREAM) - 1), max_size=12))
def test_any_chunking_gives_the_same_requests(cuts: list[int]) -> None:
    points = sorted(set(cuts))
    chunks = [STREAM[a:b] for a, b in zip([0, *points], [*points, len(STREAM)], strict=True)]
    assert parse(chunks) == parse([STREAM])


def test_limits_give_errors_and_parsing_goes_on() -> None:
    long_line = b"Action: Ping\r\nX: " + b"a" * 1100 + b"\r\n\r\nAction: Ping\r\n\r\n"
    assert [r if isinstance(r, str) else r.name for r in parse([long_line])] == [
        "Failed to parse message: line too long", "Ping"
    ]  # fmt: skip
    many = b"".join(b"H%d: v\r\n" % i for i in range(MAX_HEADERS + 5)) + b"\r\n"
    assert parse([many]) == ["Too many lines in message or allocation failure"]
    no_end = b"x" * 5000  # an unterminated line larger than the limit is refused once
    assert parse([no_end, b"\r\n\r\nAction: Ping\r\n\r\n"])[0] == (
        "Failed to parse message: line too long"
    )
