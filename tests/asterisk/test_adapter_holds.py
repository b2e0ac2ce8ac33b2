"""Adapter cases: holds by the panel (music on hold, parking) and click-to-call / joined legs."""

from __future__ import annotations

from callpanel.asterisk.adapter import CallLegs
from callpanel.calls import CallState, Capability, HoldBy, capabilities
from tests.asterisk.test_adapter_support import (
    EMPTY,
    OP,
    FakePbx,
    T,
    adapter,
    ev,
    feed,
    notation,
    talking,
)


def test_panel_moh_hold_keeps_the_call_and_a_new_operator_leg_resumes_it() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    out = feed(
        a,
        [
            pbx.leave(T, "b1"),
            pbx.leave(OP, "b1"),
            ev("BridgeDestroy", BridgeUniqueid="b1"),
            pbx.on("MusicOnHoldStart", T, Class="default"),
            pbx.hangup(OP),  # the operator's waiting leg goes away
        ],
    )
    assert notation(out) == [("PutHoldAction", "c1", "operator")]
    call = a.calls[OP]
    assert call.state is CallState.HOLD and call.held_by is HoldBy.OPERATOR
    assert a.legs(OP) == CallLegs("", "", pbx.chans[T]["name"], T, None)
    offered = frozenset(Capability)
    assert capabilities(call, offered) == {
        Capability.UNHOLD,
        Capability.HANGUP,
        Capability.TRANSFER,
        Capability.ATTENDED_TRANSFER,
    }
    # Unhold: Originate Local/101@panel-aa (ChannelId panel-1) running Bridge(remote).
    a.expect_originate("panel-1", "+79161234567", call_id=OP)
    l2, op2 = "panel-1;2", "1795000009.7"
    out = feed(
        a,
        [
            pbx.new("Local/101@panel-aa-0000000a;1", "panel-1", linkedid="panel-1"),
            pbx.new("Local/101@panel-aa-0000000a;2", l2, linkedid="panel-1", state=4),
            pbx.new("SIP/101-00000009", op2, linkedid="panel-1", num="101"),
            pbx.dial_begin(l2, op2, "SIP/101"),
            pbx.state(op2, 5),
            pbx.state(op2, 6),
            pbx.dial_end(l2, op2, "ANSWER"),
            pbx.state("panel-1", 6),
            pbx.enter("panel-1", "b3"),
            pbx.enter(T, "b3"),
            pbx.on("MusicOnHoldStop", T),
        ],
    )
    assert notation(out) == [("EndHoldAction", "c1")]
    assert a.calls[OP].state is CallState.TALKING
    out = feed(
        a,
        [
            pbx.enter(op2, "b3", swap="panel-1"),
            pbx.leave("panel-1", "b3"),
            pbx.hangup("panel-1"),
            pbx.hangup(l2),
            *pbx.finish(T, op2, "b3"),
        ],
    )
    assert notation(out) == [("RingFinished", "c1", "completed")]
    assert a.sizes() == EMPTY


def test_panel_moh_hold_with_the_operator_leg_waiting_then_bridge_back() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    out = feed(
        a,
        [
            pbx.leave(T, "b1"),
            pbx.leave(OP, "b1"),
            pbx.on("MusicOnHoldStart", T, Class="default"),
            pbx.enter(OP, "b2"),  # Bridge action: both back in a new bridge
            pbx.enter(T, "b2"),
            pbx.on("MusicOnHoldStop", T),
            *pbx.finish(T, OP, "b2"),
        ],
    )
    assert notation(out) == [
        ("PutHoldAction", "c1", "operator"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
    ]


def test_parked_remote_party_is_a_hold_by_the_operator() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    parkee = [("ParkeeUniqueid", T), ("ParkeeChannel", "SIP/trunk-0000000")]
    out = feed(
        a,
        [
            ev("ParkedCall", parkee, ParkingSpace="701"),
            pbx.leave(T, "b1"),
            pbx.leave(OP, "b1"),
            pbx.hangup(OP),
            pbx.on("MusicOnHoldStart", T, Class="default"),
        ],
    )
    assert notation(out) == [("PutHoldAction", "c1", "operator")]
    assert OP in a.calls
    # A colleague picks it up from the parking lot: handed on.
    pbx.new("SIP/102-00000004", "1795000000.9")
    out = feed(a, [ev("UnParkedCall", parkee, RetrieverUniqueid="1795000000.9")])
    assert notation(out) == [("RingFinished", "c1", "transferred")]


def test_parked_caller_hanging_up_ends_the_call() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    parkee = [("ParkeeUniqueid", T)]
    out = feed(
        a,
        [
            ev("ParkedCall", parkee),
            pbx.leave(T, "b1"),
            pbx.leave(OP, "b1"),
            pbx.hangup(OP),
            ev("ParkedCallGiveUp", parkee),
            pbx.hangup(T),
        ],
    )
    assert notation(out) == [
        ("PutHoldAction", "c1", "operator"),
        ("RingFinished", "c1", "completed"),
    ]
    assert a.sizes() == EMPTY


def test_expect_originate_new_click_to_call_is_announced_with_our_number() -> None:
    pbx, a = FakePbx(), adapter()
    a.expect_originate("cp-1", "74997654321")
    trunk = "1795000001.1"
    out = feed(
        a,
        [
            pbx.new("SIP/101-00000000", "cp-1", num="101", cid_name="Operator 101"),
            pbx.callerid("cp-1", "555", "Someone Else"),  # Originate's CallerID: ignored
            pbx.dial_begin(None, "cp-1", "101"),
            pbx.state("cp-1", 5),
            pbx.state("cp-1", 6),
            pbx.dial_end(None, "cp-1", "ANSWER"),
            pbx.new("SIP/trunk-00000001", trunk, linkedid="cp-1"),
            pbx.dial_begin("cp-1", trunk, "trunk/74997654321"),
            pbx.state(trunk, 6),
            pbx.dial_end("cp-1", trunk, "ANSWER"),
            *pbx.finish("cp-1", trunk, "b1"),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "outgoing", "74997654321", "", False),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
    ]
    assert [e.call_id for e in out if hasattr(e, "call_id")] == ["cp-1"] * 3


def test_click_to_call_the_operator_does_not_answer() -> None:
    pbx, a = FakePbx(), adapter()
    a.expect_originate("cp-2", "74997654321")
    out = feed(
        a,
        [
            pbx.new("SIP/101-00000000", "cp-2", num="101"),
            pbx.dial_begin(None, "cp-2", "101"),
            pbx.state("cp-2", 5),
            pbx.dial_end(None, "cp-2", "NOANSWER"),
            pbx.hangup("cp-2", 19),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "outgoing", "74997654321", "", False),
        ("RingFinished", "c1", "no_answer"),
    ]


def test_expect_originate_joins_an_existing_ringing_call() -> None:
    """pbx-bridge answer: a second, auto-answered operator leg replaces the ringing one."""
    pbx, a = FakePbx(), adapter()
    feed(a, pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"))
    a.expect_originate("cp-9", "+79161234567", call_id=OP)
    op2 = "1795000002.5"
    out = feed(
        a,
        [
            pbx.new("Local/101@panel-aa-00000002;1", "cp-9"),
            pbx.new("Local/101@panel-aa-00000002;2", "cp-9;2", linkedid="cp-9", state=4),
            pbx.new("SIP/101-00000005", op2, linkedid="cp-9", num="101"),
            pbx.dial_begin("cp-9;2", op2, "SIP/101"),
            pbx.dial_end(T, OP, "CANCEL"),  # the caller is pulled out of its Dial
            pbx.hangup(OP),
            pbx.state(op2, 6),
            pbx.enter("cp-9", "b5"),
            pbx.enter(T, "b5"),
        ],
    )
    assert notation(out) == [("CommutationStarted", "c1")]
    assert a.legs(OP) is not None
    out = feed(a, [pbx.hangup("cp-9"), pbx.hangup("cp-9;2"), pbx.hangup(op2), pbx.hangup(T)])
    assert notation(out) == [("RingFinished", "c1", "completed")]
    assert a.sizes() == EMPTY


def test_expectations_are_bounded() -> None:
    a = adapter()
    for n in range(1000):
        a.expect_originate(f"never-{n}", "1")
    assert a.sizes()["expected"] <= 256


def test_parking_timeout_rings_the_operator_back_into_the_same_call() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    op2 = "1795000000.8"
    out = feed(
        a,
        [
            ev("ParkedCall", ParkeeUniqueid=T),
            pbx.leave(T, "b1"),
            pbx.leave(OP, "b1"),
            pbx.hangup(OP),
            pbx.on("MusicOnHoldStart", T, Class="default"),
            ev("ParkedCallTimeOut", ParkeeUniqueid=T),
            pbx.on("MusicOnHoldStop", T),
            pbx.new("SIP/101-00000008", op2, linkedid=T, num="101"),
            pbx.dial_begin(T, op2, "SIP/101"),
            pbx.state(op2, 5),
            pbx.state(op2, 6),
            pbx.dial_end(T, op2, "ANSWER"),
            pbx.enter(op2, "b7"),
            pbx.enter(T, "b7"),
            *pbx.finish(T, op2, "b7"),
        ],
    )
    assert notation(out) == [
        ("PutHoldAction", "c1", "operator"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
    ]
    assert a.sizes() == EMPTY
