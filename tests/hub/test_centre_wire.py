"""The call centre's part of the hub protocol: centre commands, queues and presence messages,
round trips and broken or hostile messages refused whole."""

from __future__ import annotations

import pytest

from callpanel.asterisk.centre_client import CentreRefused
from callpanel.calls.events import Direction, RingStarted, event_to_json
from callpanel.calls.policy import Command, Denial, Reason
from callpanel.centre import (
    AgentState,
    AgentStatus,
    Colleague,
    ColleagueState,
    Membership,
    MemberStatus,
)
from callpanel.hub.centre_wire import PresenceMessage, QueuesMessage
from callpanel.hub.wire import (
    CommandMessage,
    ResultMessage,
    WireError,
    decode,
    encode,
    event_from_json,
)
from callpanel.hubclient import HubCentre

SUPPORT = Membership(
    queue="support",
    interface="Local/101@from-queue/n",
    name="Алиса",
    state_interface="PJSIP/101",
    dynamic=True,
    paused=True,
    reason="обед",
    penalty=2,
    calls_taken=7,
    last_call=1796200000,
    status=MemberStatus.NOT_IN_USE,
)


def cmd(**fields: object) -> dict[str, object]:
    return {"id": "c1", "hub": "h1", "call": None, "arg": None, **fields}


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"verb": "login", "queue": "sales"}, "login sales"),
        ({"verb": "logout", "queue": "sales"}, "logout sales"),
        ({"verb": "pause", "arg": "Lunch"}, "pause all Lunch"),
        ({"verb": "pause", "queue": "support"}, "pause support"),
        ({"verb": "unpause"}, "unpause all"),
        ({"verb": "dnd", "arg": "on"}, "dnd on"),
        ({"verb": "pickup", "arg": "102"}, "pickup 102"),
    ],
)
def test_centre_commands_round_trip_as_the_monitor_words_them(
    fields: dict[str, object], text: str
) -> None:
    message = CommandMessage.from_json(cmd(**fields))
    assert message.text == text
    assert CommandMessage.from_json(decode(encode(message.to_json()))) == message


@pytest.mark.parametrize(
    "fields",
    [
        {"verb": "login"},  # no queue
        {"verb": "login", "queue": "sales", "arg": "x"},
        {"verb": "pause", "call": "1.1"},  # a centre command names no call
        {"verb": "dnd", "arg": "maybe"},
        {"verb": "dnd"},
        {"verb": "pickup"},
        {"verb": "pickup", "arg": "102", "queue": "sales"},
        {"verb": "hangup", "call": "1.1", "queue": "sales"},  # a call command takes no queue
        {"verb": "login", "queue": 5},
    ],
)
def test_bad_centre_commands_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(WireError):
        CommandMessage.from_json(cmd(**fields))


def test_a_centre_refusal_comes_back_typed() -> None:
    command = CommandMessage.from_json(cmd(verb="pickup", arg="103"))
    denial = Denial(Command.PICKUP, Reason.NOT_RINGING, (("extension", "103"),))
    result = ResultMessage.failure(command, CentreRefused(denial))
    back = ResultMessage.from_json(decode(encode(result.to_json())))
    error = back.exception()
    assert isinstance(error, CentreRefused) and error.denial == denial


def test_queues_and_presence_round_trip_into_the_panel_state() -> None:
    queues = QueuesMessage(
        "h1",
        "101",
        (SUPPORT,),
        False,
        ("sales", "support"),
        AgentStatus(AgentState.PAUSED, "обед"),
        {Command.PAUSE: "Permission denied"},
    )
    back = QueuesMessage.from_json(decode(encode(queues.to_json())))
    assert back.memberships == (SUPPORT,) and back.denied == {Command.PAUSE: "Permission denied"}
    colleagues = (
        Colleague("101", "internal", "Алиса", ("PJSIP/101",), ColleagueState.PAUSED),
        Colleague("102", "internal", "Bob", ("PJSIP/102", "Custom:DND102"), ColleagueState.DND),
    )
    presence = PresenceMessage("h1", colleagues)
    assert PresenceMessage.from_json(decode(encode(presence.to_json()))) == presence

    centre = HubCentre()
    seen: list[object] = []
    centre.on_events = seen.extend
    centre.apply_presence(presence)
    centre.apply_queues(back)
    state = centre.state
    assert state.agent_status == AgentStatus(AgentState.PAUSED, "обед")
    assert state.known_queues == ("sales", "support")
    # the operator is not her own colleague; the others keep the state the hub laid over
    assert [(c.extension, c.state) for c in state.colleagues] == [("102", ColleagueState.DND)]
    assert seen  # the same events the window reads in direct mode
    seen.clear()
    centre.apply_queues(back)
    assert seen == []  # the same state again: nothing changed, nothing to redraw


@pytest.mark.parametrize(
    "obj",
    [
        {"hub": "h", "memberships": "x", "dnd": False},
        {"hub": "h", "memberships": [{"queue": "q"}], "dnd": False},
        {"hub": "h", "memberships": [], "dnd": "yes"},
        {"hub": "h", "memberships": [], "dnd": False, "known_queues": [""]},
        {"hub": "h", "memberships": [], "dnd": False, "known_queues": ["q"] * 3000},
    ],
)
def test_broken_queues_messages_are_refused(obj: dict[str, object]) -> None:
    with pytest.raises(WireError):
        QueuesMessage.from_json(obj)


@pytest.mark.parametrize(
    "item",
    [
        {"extension": "102", "state": "asleep", "devices": []},
        {"extension": "102", "state": "idle", "devices": ["SIP/102"] * 9},
        {"extension": "102", "state": "idle", "devices": [7]},
        {"extension": "x" * 600, "state": "idle", "devices": []},
    ],
)
def test_broken_presence_is_refused(item: dict[str, object]) -> None:
    with pytest.raises(WireError):
        PresenceMessage.from_json({"hub": "h", "colleagues": [item]})


def test_a_queue_call_keeps_its_queue_across_the_hub() -> None:
    ring = RingStarted("1.1", Direction.INCOMING, "+7916", "Ivan", queue="support", waited_s=4)
    assert event_from_json(event_to_json(ring)) == ring
