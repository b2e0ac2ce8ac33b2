"""The hub protocol's JSON: round trips, and hostile or broken messages refused whole."""

from __future__ import annotations

import json

import pytest

from callpanel.asterisk.errors import ActionFailed, ConnectionLost, PermissionDenied
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import (
    ActiveCallSnapshot,
    CallInfoChanged,
    CallSnapshot,
    CallState,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
    event_to_json,
)
from callpanel.calls.store import CallStore
from callpanel.hub import topics
from callpanel.hub.wire import (
    MAX_MESSAGE,
    CallsMessage,
    CommandMessage,
    HubStatus,
    ResultMessage,
    WireError,
    decode,
    encode,
    event_from_json,
)

EVENTS = [
    RingStarted("c1", Direction.INCOMING, "+79161234567", "Иван\u202eПетров", internal=False),
    RingStarted("c2", Direction.OUTGOING, "102", "", internal=True),
    # where a call comes from crosses the hub too: a queue and the wait, or the dialled number
    RingStarted("c3", Direction.INCOMING, "+7916", "", queue="support", waited_s=12,
                dialled="74951234500"),
    RingStarted("c4", Direction.INCOMING, "+7916", "", dialled="74951234501"),
    CommutationStarted("c1"),
    PutHoldAction("c1", HoldBy.REMOTE),
    EndHoldAction("c1"),
    CallInfoChanged("c1", "+7916", "New"),
    RingFinished("c1", EndReason.TRANSFERRED),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_every_call_event_round_trips(event: object) -> None:
    assert event_from_json(json.loads(json.dumps(event_to_json(event)))) == event  # type: ignore[arg-type]


def test_a_calls_message_round_trips_with_hold_and_internal() -> None:
    listing = ActiveCallSnapshot(
        (CallSnapshot("c1", CallState.HOLD, Direction.INCOMING, "1", "n", HoldBy.REMOTE, True),)
    )
    message = CallsMessage("epoch", 7, PutHoldAction("c1", HoldBy.REMOTE), listing)
    assert CallsMessage.from_json(decode(encode(message.to_json()))) == message


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b"\xff\xfe",
        b'{"hub": "e", "seq": -1, "event": null, "calls": []}',
        b'{"hub": "e", "seq": 1, "event": null, "calls": {}}',
        b'{"hub": "e", "seq": 1, "event": {"event": "Boom", "call": "x"}, "calls": []}',
        b'{"hub": "e", "seq": 1, "event": null, "calls": [{"call": "x", "state": "dancing",'
        b' "direction": "incoming"}]}',
        b'{"hub": "e", "seq": 1, "event": null, "calls": [{"call": 5}]}',
        json.dumps({"hub": "e", "seq": 1, "event": None, "calls": [{"call": "x" * 600}]}).encode(),
        b" " * (MAX_MESSAGE + 1),
    ],
)
def test_broken_calls_messages_are_refused(payload: bytes) -> None:
    with pytest.raises(WireError):
        CallsMessage.from_json(decode(payload))


@pytest.mark.parametrize(
    "obj",
    [
        {"id": "1", "hub": "e", "verb": "format-disk", "call": "c"},
        {"id": "1", "hub": "e", "verb": "hangup", "call": None},
        {"id": "1", "hub": "e", "verb": "hangup", "call": "c", "arg": "x"},
        {"id": "1", "hub": "e", "verb": "transfer", "call": "c"},
        {"id": "1", "hub": "e", "verb": "dial", "call": "c", "arg": "102"},
        {"id": "1", "hub": "e", "verb": "hangup", "call": "c", "name": "Ivan"},
        {"id": "1", "hub": "e", "verb": "dial", "arg": "102", "name": "x" * 600},
        {"id": "", "hub": "e", "verb": "hangup", "call": "c"},
        {"id": "x" * 65, "hub": "e", "verb": "hangup", "call": "c"},
        {"hub": "e", "verb": "hangup", "call": "c"},
    ],
)
def test_bad_commands_are_refused(obj: dict[str, object]) -> None:
    with pytest.raises(WireError):
        CommandMessage.from_json(obj)


def test_a_dial_carries_the_callees_name_for_the_operators_phone() -> None:
    command = CommandMessage("id1", "e", "dial", None, "89161234567", name="Иван Петров")
    back = CommandMessage.from_json(decode(encode(command.to_json())))
    assert back == command and back.name == "Иван Петров"
    plain = CommandMessage.from_json({"id": "2", "hub": "e", "verb": "dial", "arg": "102"})
    assert plain.name is None and "name" not in plain.to_json()


def test_a_refusal_comes_back_as_the_same_error_class_and_words() -> None:
    command = CommandMessage("id1", "e", "hold", "c1", None)
    denied = ResultMessage.failure(command, PermissionDenied("Redirect", "Permission denied"))
    back = ResultMessage.from_json(decode(encode(denied.to_json())))
    exc = back.exception()
    assert isinstance(exc, PermissionDenied) and exc.message == "Permission denied"
    assert exc.action == "Redirect"
    lost = ResultMessage.failure(command, ConnectionLost("gone")).exception()
    assert type(lost) is ConnectionLost and str(lost) == "gone"
    failed = ResultMessage.failure(command, ActionFailed("Hangup", "No such channel"))
    assert denied.to_json()["event"] == "CommandResult"
    assert str(failed.exception()) == "Hangup: No such channel"


def test_hub_status_round_trips() -> None:
    status = HubStatus(
        True,
        "e",
        ConnectionStatus(LinkState.RECONNECTING, server="h:1", retry_in=0.5, error="boom"),
    )
    assert HubStatus.from_json(decode(encode(status.to_json()))) == status


def _calls(seq: int, event: object, *calls: CallSnapshot, hub: str = "e1") -> bytes:
    return encode(CallsMessage(hub, seq, event, ActiveCallSnapshot(calls)).to_json())  # type: ignore[arg-type]


def test_the_panel_applies_steps_in_sequence_and_listings_otherwise() -> None:
    """In sequence: the exact step (its end reason kept). A repeat (the retained copy after a
    reconnect) changes nothing; after a gap or from a new hub run, the listing decides."""
    from callpanel.hub.mqtt import BrokerConfig
    from callpanel.hubclient import HubLink

    store = CallStore()
    link = HubLink(BrokerConfig(tls=False, port=1883), "alice", store, lambda _s: None)
    topic = topics.calls("alice")
    ringing = CallSnapshot("c1", CallState.RINGING, Direction.INCOMING, "1", "n")
    talking = CallSnapshot("c1", CallState.TALKING, Direction.INCOMING, "1", "n")
    ended: list[object] = []
    store.subscribe(lambda change: ended.extend(change.ended))

    link._on_message(topic, _calls(1, RingStarted("c1", Direction.INCOMING, "1", "n"), ringing))
    link._on_message(topic, _calls(1, RingStarted("c1", Direction.INCOMING, "1", "n"), ringing))
    assert store["c1"].state is CallState.RINGING
    link._on_message(topic, _calls(2, CommutationStarted("c1"), talking))
    link._on_message(topic, _calls(3, RingFinished("c1", EndReason.TRANSFERRED)))
    assert [c.end_reason for c in ended] == [EndReason.TRANSFERRED]  # type: ignore[attr-defined]
    # a gap: seq 5 after 3, the listing alone (a call that vanished ends by the model's rule)
    link._on_message(topic, _calls(5, None, talking))
    assert store["c1"].state is CallState.TALKING
    link._on_message(topic, _calls(7, RingFinished("c1", EndReason.MISSED)))
    assert ended[-1].end_reason is EndReason.COMPLETED  # type: ignore[attr-defined]
    # a new hub run starts from its own seq 1
    link._on_message(topic, _calls(1, None, ringing, hub="e2"))
    assert store["c1"].state is CallState.RINGING
    link._on_message(topic, b"garbage")
    assert link.messages_refused == 1 and store["c1"].state is CallState.RINGING


def test_operator_topics() -> None:
    assert topics.operator_of_command_topic("callpanel/v1/op/alice/cmd") == "alice"
    assert topics.operator_of_command_topic("callpanel/v1/op/Alice/cmd") is None
    assert topics.operator_of_command_topic("callpanel/v1/op/alice/calls") is None
    assert topics.operator_of_command_topic("callpanel/v1/op/a/b/cmd") is None


def test_denials_cross_the_hub_with_their_reason_codes() -> None:
    """The panel words a denial itself, in its own language, from the code and arguments."""
    from callpanel.calls.policy import Command, Denial, Reason
    from callpanel.hub.wire import ClientState

    needs = Denial(
        Command.CANCEL_ATXFER,
        Reason.NEEDS_VERSION,
        (("feature", "CancelAtxfer"), ("needs", "13.18"), ("server", "13.1")),
    )
    state = ClientState("e", frozenset({"hangup"}), {Command.CANCEL_ATXFER: needs})
    back = ClientState.from_json(decode(encode(state.to_json())))
    assert back == state
    newer = {
        "hub": "e",
        "offered": [],
        "unavailable": {
            "dial": {"reason": "from_the_future", "args": [], "english": "not today"},
            "teleport": {"reason": "other", "args": []},
        },
    }
    seen = ClientState.from_json(newer)
    assert seen.unavailable == {
        Command.DIAL: Denial(Command.DIAL, Reason.OTHER, (("detail", "not today"),))
    }
