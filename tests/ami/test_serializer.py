"""Actions to bytes: round trips, both line endings, and no way to inject a second action (S1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ami import (
    Action,
    ActionIdGenerator,
    AmiParser,
    LineEnding,
    LocalProtocolError,
    Response,
    check_value,
    serialize_action,
)
from callpanel.ami.serializer import MAX_ACTION_HEADERS, MAX_LINE_BYTES

SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=40,
)
KEY = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,15}", fullmatch=True)
BANNER = {
    LineEnding.CRLF: b"Asterisk Call Manager/7.0.3\r\n",
    LineEnding.LF: b"Asterisk Call Manager/7.0.3\n",
}


def parse_back(data: bytes, ending: LineEnding) -> Response:
    """Parse serialized action bytes (its first line says Action:, so read it as a Response)."""
    text = data.replace(b"Action: ", b"Response: ", 1)
    parser = AmiParser()
    messages = parser.feed(BANNER[ending] + text)
    assert parser.line_ending is ending
    assert len(messages) == 2 and isinstance(messages[1], Response)
    return messages[1]


def test_originate_bytes_exactly() -> None:
    action = Action.create(
        "Originate",
        {
            "Channel": "SIP/101",
            "Exten": "74997654321",
            "Async": True,
            "Timeout": 30000,
            "Variable": ["A=1", "B=2"],
            "Account": None,
        },
        action_id="cp-1",
    )
    assert serialize_action(action) == (
        b"Action: Originate\r\nActionID: cp-1\r\nChannel: SIP/101\r\nExten: 74997654321\r\n"
        b"Async: true\r\nTimeout: 30000\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n"
    )
    assert serialize_action(action, LineEnding.LF) == (
        b"Action: Originate\nActionID: cp-1\nChannel: SIP/101\nExten: 74997654321\n"
        b"Async: true\nTimeout: 30000\nVariable: A=1\nVariable: B=2\n\n"
    )
    assert action.get("variable") == "A=1"


@settings(max_examples=200, deadline=None)
@given(
    headers=st.lists(st.tuples(KEY, SAFE_TEXT), max_size=8),
    action_id=st.one_of(st.none(), SAFE_TEXT),
    ending=st.sampled_from(LineEnding),
)
def test_round_trip(
    headers: list[tuple[str, str]], action_id: str | None, ending: LineEnding
) -> None:
    action = Action("Ping", tuple(headers), action_id)
    data = serialize_action(action, ending)
    assert data.endswith((ending.value * 2).encode())
    back = parse_back(data, ending)
    expected = [("Response", "Ping")]
    if action_id is not None:
        expected.append(("ActionID", action_id))
    assert list(back.headers) == expected + headers


INJECTIONS = [
    "101\r\nAction: Originate",
    "101\nAction: Originate",
    "101\rAction: Originate",
    "1\x000",
    "tab\there",
    "bell\x07",
    "del\x7f",
    "nel\x85",
    "ls\u2028ps",
    "lone \ud800 surrogate",
]


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_in_values_keys_names_and_ids_is_refused(bad: str) -> None:
    attempts = [
        Action("Originate", (("Exten", bad),)),
        Action("Originate", ((bad, "1"),)),
        Action(bad),
        Action("Originate", (), bad),
        Action.create("Originate", {"Variable": ["OK=1", bad]}),
    ]
    for action in attempts:
        out: list[bytes] = []
        with pytest.raises(LocalProtocolError):
            out.append(serialize_action(action))
        assert out == []  # nothing produced, so nothing can reach a socket
    with pytest.raises(LocalProtocolError):
        check_value(bad)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(max_size=10),
    control=st.sampled_from([chr(c) for c in (*range(32), 127, *range(0x80, 0xA0))]),
    suffix=st.text(max_size=10),
)
def test_any_control_character_anywhere_is_refused(prefix: str, control: str, suffix: str) -> None:
    value = prefix + control + suffix
    with pytest.raises(LocalProtocolError):
        serialize_action(Action("Originate", (("Exten", value),)))
    with pytest.raises(LocalProtocolError):
        serialize_action(Action("Originate", (("Exten", "1"), ("Var" + value, "1"))))


def test_key_rules() -> None:
    for key in ("", "1abc", "Bad Key", "Key:", "Ключ"):
        with pytest.raises(LocalProtocolError):
            serialize_action(Action("Ping", ((key, "v"),)))
    assert serialize_action(Action("Ping", (("X-Header.v(1)", "v"),))).count(b"X-Header") == 1
    with pytest.raises(LocalProtocolError):
        serialize_action(Action("   "))


def test_line_longer_than_1024_bytes_is_refused() -> None:
    room = MAX_LINE_BYTES - len("Variable: ") - 2
    ok = Action("Originate", (("Variable", "x" * room),))
    assert max(len(line) for line in serialize_action(ok).split(b"\r\n")) + 2 == MAX_LINE_BYTES
    for value in ("x" * (room + 1), "ж" * (room // 2 + 1)):  # counted in bytes, not characters
        with pytest.raises(LocalProtocolError, match="longer than"):
            serialize_action(Action("Originate", (("Variable", value),)))
    with pytest.raises(LocalProtocolError, match="longer than"):
        serialize_action(Action("Originate", (("Variable", "x" * (room + 2)),)), LineEnding.LF)


def test_header_count_limit() -> None:
    fits = Action(
        "Originate", tuple(("Variable", f"V{i}=1") for i in range(MAX_ACTION_HEADERS - 1))
    )
    assert serialize_action(fits).count(b"\r\n") == MAX_ACTION_HEADERS + 1
    with pytest.raises(LocalProtocolError, match="at most"):
        serialize_action(Action("Originate", (*fits.headers, ("Variable", "one=more"))))


def test_non_text_values_are_refused() -> None:
    with pytest.raises(LocalProtocolError):
        serialize_action(Action("Ping", (("Key", 5),)))  # type: ignore[arg-type]
    with pytest.raises(LocalProtocolError):
        check_value(b"101")  # type: ignore[arg-type]


def test_action_id_generator_is_unique() -> None:
    first, second = ActionIdGenerator(), ActionIdGenerator()
    ids = [first() for _ in range(5000)] + [second() for _ in range(5000)]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("cp-") for i in ids)
    for action_id in ids[:50]:
        serialize_action(Action("Ping", (), action_id))
    assert ActionIdGenerator("panel")().startswith("panel-")
    with pytest.raises(LocalProtocolError):
        ActionIdGenerator("x\r\nAction: Originate")
