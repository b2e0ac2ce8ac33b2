"""resync(): CoreShowChannel items rebuild the picture; vanished calls end; snapshot last."""

from __future__ import annotations

from typing import Any

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from tests.asterisk.test_adapter_support import FakePbx, chan, ev, feed, notation

T, OP = "1795000000.0", "1795000000.1"
EMPTY = {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}


def item(name: str, uid: str, *, app: str, bridge: str = "", **block: Any) -> Event:
    return ev(
        "CoreShowChannel",
        chan(name, uid, **block),
        Application=app,
        ApplicationData="",
        Duration="00:00:05",
        BridgeId=bridge,
    )


def adapter() -> AsteriskAdapter:
    return AsteriskAdapter(["SIP/101"], clock=lambda: 7.0)


def test_vanished_calls_end_with_a_reason_from_their_state() -> None:
    pbx, a = FakePbx(), adapter()
    t2, op2 = "1795000002.2", "1795000002.3"
    feed(a, [*pbx.incoming_ring(T, OP, num="+7916", name="A"), *pbx.answer(T, OP, "b1")])
    feed(a, pbx.incoming_ring(t2, op2, num="+7903", name="B", op_name="SIP/101-00000003"))
    out = a.resync([])
    assert notation(out) == [
        ("RingFinished", "c1", "completed"),
        ("RingFinished", "c2", "missed"),
        ("ActiveCallSnapshot", ()),
    ]
    assert a.sizes() == EMPTY


def test_known_calls_survive_and_only_the_snapshot_comes_out() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, [*pbx.incoming_ring(T, OP, num="+7916", name="A"), *pbx.answer(T, OP, "b1")])
    items = [
        item("SIP/trunk-00000000", T, app="Dial", bridge="b1", state=6, num="+7916", cid_name="A"),
        item("SIP/101-00000001", OP, app="AppDial", bridge="b1", state=6, linkedid=T),
    ]
    assert notation(a.resync(items)) == [
        ("ActiveCallSnapshot", (("c1", "talking", "incoming", "+7916", "A"),)),
    ]
    assert a.sizes()["channels"] == 2


def test_a_missed_answer_is_caught_up() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, pbx.incoming_ring(T, OP, num="+7916", name="A"))
    items = [
        item("SIP/trunk-00000000", T, app="Dial", bridge="b1", state=6, num="+7916", cid_name="A"),
        item("SIP/101-00000001", OP, app="AppDial", bridge="b1", state=6, linkedid=T),
    ]
    assert notation(a.resync(items)) == [
        ("CommutationStarted", "c1"),
        ("ActiveCallSnapshot", (("c1", "talking", "incoming", "+7916", "A"),)),
    ]


def test_calls_found_in_the_listing_are_created() -> None:
    a = adapter()
    ringing_trunk, ringing_op = "1795000010.0", "1795000010.1"
    out_op, out_trunk = "1795000020.0", "1795000020.1"
    items = [
        # Somebody calls us and our phone rings (the outbound leg runs AppDial, state 5).
        item("SIP/trunk-00000010", ringing_trunk, app="Dial", state=4, num="+7916", cid_name="A"),
        item(
            "SIP/101-00000011",
            ringing_op,
            app="AppDial",
            state=5,
            linkedid=ringing_trunk,
            conn_num="+7916",
            conn_name="A",
        ),
        # We dialled 84951234567 from the handset and talk.
        item("SIP/101-00000020", out_op, app="Dial", bridge="b9", state=6, exten="84951234567"),
        item("SIP/trunk-00000021", out_trunk, app="AppDial", bridge="b9", state=6, linkedid=out_op),
    ]
    assert notation(a.resync(items)) == [
        ("RingStarted", "c1", "incoming", "+7916", "A", False),
        ("RingStarted", "c2", "outgoing", "84951234567", "", False),
        ("CommutationStarted", "c2"),
        (
            "ActiveCallSnapshot",
            (
                ("c1", "ringing", "incoming", "+7916", "A"),
                ("c2", "talking", "outgoing", "84951234567", ""),
            ),
        ),
    ]
    # The rebuilt calls then follow the live events to their end.
    leave = [ev("BridgeLeave", BridgeUniqueid="b9", Uniqueid=u) for u in (out_op, out_trunk)]
    hangups = [
        ev("Hangup", Uniqueid=u, Cause=c)
        for u, c in ((ringing_op, "16"), (ringing_trunk, "16"), (out_trunk, "16"), (out_op, "16"))
    ]
    assert notation(feed(a, [*leave, *hangups])) == [
        ("RingFinished", "c1", "missed"),
        ("RingFinished", "c2", "completed"),
    ]
    assert a.sizes() == EMPTY


def test_a_parked_call_without_our_leg_survives_a_resync() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, [*pbx.incoming_ring(T, OP, num="+7916", name="A"), *pbx.answer(T, OP, "b1")])
    feed(a, [ev("ParkedCall", ParkeeUniqueid=T), pbx.leave(OP, "b1"), pbx.hangup(OP)])
    items = [item("SIP/trunk-00000000", T, app="Park", state=6, num="+7916", cid_name="A")]
    assert notation(a.resync(items)) == [
        ("ActiveCallSnapshot", (("c1", "hold", "incoming", "+7916", "A"),)),
    ]
