"""Hand-made scenarios the recordings do not cover: names, ordering, endpoints, Local channels,
panel holds (MOH and parking), expect_originate, connected-line changes, transfers, causes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from callpanel.asterisk.adapter import AsteriskAdapter, CallLegs
from callpanel.calls import CallState, Capability, capabilities
from tests.asterisk.test_adapter_support import (
    EMPTY,
    IVAN,
    OP,
    FakePbx,
    T,
    adapter,
    ev,
    feed,
    notation,
    parse_events,
    replay,
    talking,
)
from tests.conftest import CAPTURES, VERSIONS


def test_cyrillic_and_escaped_names_are_shown_as_typed() -> None:
    for raw, shown in (
        ("Иван Петров", "Иван Петров"),
        ("O\\'Brien", "O'Brien"),
        ('Say \\"hi\\"\\\\', 'Say "hi"\\'),
        ("<unknown>", ""),
    ):
        pbx, a = FakePbx(), adapter()
        steps = notation(feed(a, pbx.incoming_ring(T, OP, num="+79161234567", name=raw)))
        assert steps == [("RingStarted", "c1", "incoming", "+79161234567", shown, False)]


def test_unknown_and_broken_events_are_ignored() -> None:
    a = adapter()
    assert a.handle(ev("BrandNewEvent22", Foo="bar")) == []
    assert a.handle(ev("DialBegin", DialString="101")) == []  # no channels at all
    assert a.handle(ev("Hangup", Uniqueid="nobody", Cause="x")) == []
    assert a.handle(ev("Newstate", Channel="SIP/101-1", Uniqueid="u", ChannelState="abc")) == []
    assert a.handle(ev("BridgeEnter", Uniqueid="u")) == []
    assert a.handle(ev("VarSet", Variable="x", Value="y")) == []
    assert a.calls == {}


def test_hangup_before_dial_end_still_ends_the_call_once() -> None:
    pbx, a = FakePbx(), adapter()
    events = [
        *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
        pbx.dial_end(T, OP, "CANCEL"),
    ]
    # Reorder: the operator's Hangup overtakes the DialEnd.
    hangup = pbx.hangup(OP)
    steps = notation(feed(a, [*events[:-1], hangup, events[-1], pbx.hangup(T, 0)]))
    assert steps == [("RingStarted", "c1", "incoming", *IVAN), ("RingFinished", "c1", "missed")]
    assert a.sizes() == EMPTY


def test_newstate_ringing_before_dial_begin_uses_the_linkedid_caller() -> None:
    pbx, a = FakePbx(), adapter()
    ring = pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov")
    dial_begin, newstate = ring[3], ring[4]
    out = feed(a, [*ring[:3], newstate, dial_begin, *pbx.answer(T, OP, "b1")])
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
    ]


def test_bridge_enter_without_newstate_or_dial_end_still_connects() -> None:
    pbx, a = FakePbx(), adapter()
    out = feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            pbx.enter(T, "b1"),
            pbx.enter(OP, "b1"),
        ],
    )
    assert notation(out)[-1] == ("CommutationStarted", "c1")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("tech", ["PJSIP", "IAX2"])
def test_other_channel_technologies(version: str, tech: str) -> None:
    path = CAPTURES / version / "05_hold_unhold_by_operator_phone.ami"
    data = path.read_bytes().replace(b"SIP/101-", tech.encode() + b"/101-")
    expected = notation(replay(path))
    assert notation(replay(path, f"{tech}/101", data)) == expected
    assert replay(path, "SIP/101", data) == []  # not our channels any more
    assert replay(path, f"{tech}/1010", data) == []  # a prefix of a longer name is not ours


def test_bad_endpoints_are_refused() -> None:
    for bad in ([], ["101"], ["SIP/"], ["SIP/101-1"]):
        with pytest.raises(ValueError):
            AsteriskAdapter(bad)


def test_missed_call_waiting_whiletalking() -> None:
    pbx, a = FakePbx(), adapter()
    t2, op2 = "1795000005.2", "1795000005.3"
    out = feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            *pbx.answer(T, OP, "b1"),
            *pbx.incoming_ring(
                t2, op2, num="+79031112233", name="Olga Smirnova", op_name="SIP/101-00000003"
            ),
            pbx.dial_end(t2, op2, "CANCEL"),
            pbx.hangup(op2),
            pbx.hangup(t2, 0),
            *pbx.finish(T, OP, "b1"),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("RingStarted", "c2", "incoming", "+79031112233", "Olga Smirnova", False),
        ("RingFinished", "c2", "missed"),
        ("RingFinished", "c1", "completed"),
    ]
    assert a.sizes() == EMPTY


def _queue_via_local(pbx: FakePbx) -> list:
    """The queue rings member Local/101@from-queue;1, whose ;2 dials SIP/101."""
    l1, l2, op = "1795000000.2", "1795000000.3", "1795000000.4"
    return [
        pbx.new("SIP/trunk-00000000", T, num="+79161234567", cid_name="Ivan Petrov"),
        pbx.state(T, 6),
        pbx.on("MusicOnHoldStart", T, Class="default"),  # queue music, not a hold
        pbx.new("Local/101@from-queue-00000001;1", l1, linkedid=T),
        pbx.new("Local/101@from-queue-00000001;2", l2, linkedid=T, state=4, exten="101"),
        pbx.dial_begin(T, l1, "Local/101@from-queue"),
        pbx.new("SIP/101-00000002", op, linkedid=T, num="101", cid_name="Operator 101"),
        pbx.dial_begin(l2, op, "SIP/101"),
        pbx.state(op, 5),
    ]


def test_queue_member_via_local_channel_rings_answers_optimises_and_holds() -> None:
    pbx, a = FakePbx(), adapter()
    l1, l2, op = "1795000000.2", "1795000000.3", "1795000000.4"
    out = feed(
        a,
        [
            *_queue_via_local(pbx),
            pbx.state(op, 6),
            pbx.dial_end(l2, op, "ANSWER"),
            pbx.state(l1, 6),
            pbx.dial_end(T, l1, "ANSWER"),
            pbx.on("MusicOnHoldStop", T),
            pbx.enter(op, "b2"),
            pbx.enter(l2, "b2"),
            pbx.enter(T, "b1"),
            pbx.enter(l1, "b1"),
            ev("LocalOptimizationBegin", LocalOneUniqueid=l1, LocalTwoUniqueid=l2, Id="1"),
            pbx.enter(op, "b1", swap=l1),
            pbx.leave(l1, "b1"),
            pbx.leave(op, "b2"),
            pbx.leave(l2, "b2"),
            ev("LocalOptimizationEnd", LocalOneUniqueid=l1, Success="Yes", Id="1"),
            pbx.hangup(l1),
            pbx.hangup(l2),
            pbx.on("Hold", op),
            pbx.on("MusicOnHoldStart", T, Class="default"),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "operator"),
    ]
    legs = a.legs(op)
    assert legs == CallLegs("SIP/101-00000002", op, "SIP/trunk-00000000", T, "b1")
    out = feed(a, [pbx.leave(T, "b1"), pbx.leave(op, "b1"), pbx.hangup(T), pbx.hangup(op)])
    assert notation(out) == [("RingFinished", "c1", "completed")]
    assert a.sizes() == EMPTY


def test_queue_member_via_local_channel_answered_elsewhere() -> None:
    pbx, a = FakePbx(), adapter()
    l1, l2, op, other = "1795000000.2", "1795000000.3", "1795000000.4", "1795000000.5"
    out = feed(
        a,
        [
            *_queue_via_local(pbx),
            pbx.new("SIP/102-00000003", other, linkedid=T),
            pbx.dial_begin(T, other, "SIP/102"),
            pbx.state(other, 6),
            pbx.dial_end(T, other, "ANSWER"),  # someone else took it
            pbx.dial_end(T, l1, "CANCEL"),
            pbx.dial_end(l2, op, "CANCEL"),
            pbx.hangup(op, 16),  # no cause 26 (older behaviour): the DialEnd ANSWER tells
            pbx.hangup(l2),
            pbx.hangup(l1),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("RingFinished", "c1", "answered_elsewhere"),
    ]


def test_connected_line_changes_only_when_it_really_changes() -> None:
    pbx, a = FakePbx(), adapter()
    ring = pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov")
    out = feed(
        a,
        [
            *ring,
            pbx.connected(OP, "+79161234567", "Ivan Petrov"),  # ringing: nothing new
            *pbx.answer(T, OP, "b1"),
            pbx.connected(OP, "+79161234567", "Ivan Petrov"),  # same again: no event
            pbx.callerid(OP, "101", "Operator 101 (desk)"),  # our own CallerID: no event
            ev("BlindTransfer", Result="Success", TransfererUniqueid=T),  # the remote transfers
            pbx.connected(OP, "+74951112233", "Reception"),
            pbx.connected(OP, "<unknown>", "<unknown>"),  # nothing known: ignored
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("CallInfoChanged", "c1", "+74951112233", "Reception"),
    ]
    assert a.calls[OP].number == "+74951112233"


def test_failed_transfer_keeps_the_call() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    out = feed(a, [ev("BlindTransfer", Result="Fail", TransfererUniqueid=OP)])
    assert out == [] and OP in a.calls


def test_operator_dials_an_extension_from_the_handset() -> None:
    pbx, a = FakePbx(), adapter()
    op, other = "1795000003.0", "1795000003.1"
    out = feed(
        a,
        [
            pbx.new("SIP/101-00000000", op, state=4, num="101", exten="102"),
            pbx.new("SIP/102-00000001", other, linkedid=op, num="101"),
            pbx.dial_begin(op, other, "SIP/102"),
            pbx.state(other, 5),
            pbx.connected(op, "102", "Operator 102"),
            pbx.state(other, 6),
            pbx.dial_end(op, other, "ANSWER"),
            pbx.state(op, 6),
            *pbx.finish(op, other, "b1"),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "outgoing", "102", "", True),
        ("CallInfoChanged", "c1", "102", "Operator 102"),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
    ]


@pytest.mark.parametrize(
    ("status", "cause", "reason"),
    [
        ("BUSY", 17, "busy"),
        ("NOANSWER", 19, "no_answer"),
        ("CANCEL", 16, "no_answer"),
        ("CHANUNAVAIL", 20, "failed"),
        ("CONGESTION", 34, "failed"),
        (None, 34, "failed"),
        (None, 17, "busy"),
    ],
)
def test_outgoing_unanswered_reasons(status: str | None, cause: int, reason: str) -> None:
    pbx, a = FakePbx(), adapter()
    op, trunk = "1795000004.0", "1795000004.1"
    events = [
        pbx.new("SIP/101-00000000", op, state=4, num="101", exten="84951234567"),
        pbx.new("SIP/trunk-00000001", trunk, linkedid=op),
        pbx.dial_begin(op, trunk, "trunk/74951234567"),
    ]
    if status is not None:
        events.append(pbx.dial_end(op, trunk, status))
    events += [pbx.hangup(trunk, cause), pbx.hangup(op, cause)]
    assert notation(feed(a, events)) == [
        ("RingStarted", "c1", "outgoing", "84951234567", "", False),
        ("RingFinished", "c1", reason),
    ]


@pytest.mark.parametrize(
    ("cause", "reason"),
    [
        (21, "rejected"),
        (17, "rejected"),
        (19, "missed"),
        (26, "answered_elsewhere"),
        (16, "missed"),
    ],
)
def test_incoming_unanswered_reasons_from_the_hangup_cause(cause: int, reason: str) -> None:
    pbx, a = FakePbx(), adapter()
    events = [*pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov")]
    events.append(pbx.hangup(OP, cause))
    assert notation(feed(a, events))[-1] == ("RingFinished", "c1", reason)


def test_capabilities_follow_the_state() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"))
    everything = frozenset(Capability)
    assert capabilities(a.calls[OP], everything) == {Capability.ANSWER, Capability.HANGUP}
    feed(a, pbx.answer(T, OP, "b1"))
    assert Capability.HOLD in capabilities(a.calls[OP], everything)
    assert capabilities(a.calls[OP], frozenset({Capability.DTMF})) == {Capability.DTMF}


def test_clear_forgets_everything() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    a.expect_originate("x", "1")
    a.clear()
    assert a.sizes() == EMPTY and a.calls == {} and a.legs(OP) is None


def test_a_handler_bug_is_logged_not_raised(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = adapter()

    def boom(*_: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setitem(a._handlers, "Newchannel", boom)
    with caplog.at_level(logging.ERROR):
        assert a.handle(ev("Newchannel", Uniqueid="1")) == []
    assert "Newchannel" in caplog.text


def test_events_parsed_from_bytes_with_crlf_and_escapes() -> None:
    data = (
        b"Event: Newchannel\r\nChannel: SIP/trunk-00000000\r\nChannelState: 4\r\n"
        b"CallerIDNum: 123\r\nCallerIDName: \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd O\\'Neil\r\n"
        b"Uniqueid: t1\r\nLinkedid: t1\r\n\r\n"
        b"Event: Newchannel\r\nChannel: SIP/101-00000001\r\nChannelState: 0\r\n"
        b"Uniqueid: o1\r\nLinkedid: t1\r\n\r\n"
        b"Event: DialBegin\r\nChannel: SIP/trunk-00000000\r\nUniqueid: t1\r\n"
        b"CallerIDNum: 123\r\nCallerIDName: \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd O\\'Neil\r\n"
        b"DestChannel: SIP/101-00000001\r\nDestUniqueid: o1\r\nDialString: 101\r\n\r\n"
    )
    out = feed(adapter(), parse_events(data))
    assert notation(out) == [("RingStarted", "c1", "incoming", "123", "Иван O'Neil", False)]


def _consultation(pbx: FakePbx, a: AsteriskAdapter, labels: dict[str, str]) -> tuple[str, str]:
    """Atxfer: Hold, Local/102@internal;1 in a new bridge, the operator moves there."""
    l1, l2 = "1795000000.2", "1795000000.3"
    feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            *pbx.answer(T, OP, "b1"),
        ],
    )
    labels[OP] = "c1"
    out = feed(
        a,
        [
            pbx.on("Hold", OP),
            pbx.on("MusicOnHoldStart", T, Class="default"),
            pbx.new("Local/102@internal-00000000;1", l1, linkedid=T, exten="102"),
            pbx.new("Local/102@internal-00000000;2", l2, linkedid=T, state=4, exten="102"),
            pbx.enter(l1, "b2"),
            pbx.leave(OP, "b1"),
            pbx.enter(OP, "b2"),
            pbx.state(l1, 5),
        ],
    )
    assert notation(out, labels) == [
        ("PutHoldAction", "c1", "operator"),
        ("RingStarted", "c2", "outgoing", "102", "", True),
    ]
    return l1, l2


def test_consultation_abandoned_returns_to_the_held_call() -> None:
    pbx, a, labels = FakePbx(), adapter(), {}
    l1, l2 = _consultation(pbx, a, labels)
    out = feed(
        a,
        [
            pbx.leave(OP, "b2"),
            pbx.enter(OP, "b1"),  # CancelAtxfer: back with the caller
            pbx.on("Unhold", OP),
            pbx.on("MusicOnHoldStop", T),
            pbx.leave(l1, "b2"),
            pbx.hangup(l1),
            pbx.hangup(l2),
        ],
    )
    assert notation(out, labels) == [
        ("RingFinished", "c2", "no_answer"),
        ("EndHoldAction", "c1"),
    ]
    assert a.legs(OP) is not None and a.legs(OP).operator_uniqueid == OP  # type: ignore[union-attr]
    assert notation(feed(a, pbx.finish(T, OP, "b1"))) == [("RingFinished", "c1", "completed")]
    assert a.sizes() == EMPTY


def test_consultation_target_hangs_up_aftertalking() -> None:
    pbx, a, labels = FakePbx(), adapter(), {}
    l1, l2 = _consultation(pbx, a, labels)
    out = feed(a, [pbx.state(l1, 6), pbx.leave(l1, "b2"), pbx.hangup(l1), pbx.hangup(l2)])
    assert notation(out, labels) == [
        ("CommutationStarted", "c2"),
        ("RingFinished", "c2", "completed"),
    ]
    # The operator's channel belongs to the held call again.
    assert a.calls[OP].state.value == "hold" and a.legs(OP).operator_uniqueid == OP  # type: ignore[union-attr]


def test_legs_during_a_consultation() -> None:
    pbx, a, labels = FakePbx(), adapter(), {}
    l1, _ = _consultation(pbx, a, labels)
    held = a.legs(OP)
    consult = a.legs(f"{OP}/{l1}")
    assert held == CallLegs("SIP/101-00000001", OP, pbx.chans[T]["name"], T, None)
    assert consult == CallLegs("SIP/101-00000001", OP, "Local/102@internal-00000000;1", l1, "b2")
    assert a.calls[OP].state is CallState.HOLD
    assert a.calls[f"{OP}/{l1}"].state is CallState.DIALING


def test_pjsip_variant_of_every_recording(capture: Path) -> None:
    data = capture.read_bytes().replace(b"SIP/101-", b"PJSIP/101-")
    assert notation(replay(capture, "PJSIP/101", data)) == notation(replay(capture))


def test_a_failed_join_lets_the_waiting_call_end() -> None:
    pbx, a = FakePbx(), adapter()
    feed(a, pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"))
    a.expect_originate("cp-5", "+79161234567", call_id=OP)
    assert feed(a, [pbx.hangup(OP)]) == []  # the new leg is on its way: keep the call
    out = feed(a, [ev("OriginateResponse", Response="Failure", Uniqueid="cp-5", Reason="0")])
    assert notation(out) == [("RingFinished", "c1", "missed")]
    assert a.sizes()["expected"] == 0


def test_a_leg_for_a_call_that_already_ended_shows_nothing() -> None:
    pbx, a = FakePbx(), adapter()
    a.expect_originate("cp-6", "+79161234567", call_id="long-gone")
    op2 = "1795000006.1"
    out = feed(
        a,
        [
            pbx.new("Local/101@panel-aa-00000006;1", "cp-6"),
            pbx.new("Local/101@panel-aa-00000006;2", "cp-6;2", linkedid="cp-6", state=4),
            pbx.new("SIP/101-00000006", op2, linkedid="cp-6", num="101"),
            pbx.dial_begin("cp-6;2", op2, "SIP/101"),
            pbx.state(op2, 5),
            pbx.state(op2, 6),
            pbx.hangup(op2),
            pbx.hangup("cp-6;2"),
            pbx.hangup("cp-6"),
        ],
    )
    assert out == []
    assert a.sizes() == EMPTY


def test_queue_music_while_we_ring_does_not_keep_a_missed_call_alive() -> None:
    pbx, a = FakePbx(), adapter()
    out = feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            pbx.on("MusicOnHoldStart", T, Class="default"),  # the queue plays music meanwhile
            pbx.dial_end(T, OP, "NOANSWER"),  # member ring timeout
            pbx.hangup(OP, 19),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("RingFinished", "c1", "missed"),
    ]
    assert a.calls == {}


def test_attended_transfer_from_the_handset_ends_both_calls_transferred() -> None:
    pbx, a, labels = FakePbx(), adapter(), {}
    talking(pbx, a)
    labels[OP] = "c1"
    op2, other = "1795000007.0", "1795000007.1"
    out = feed(
        a,
        [
            pbx.on("Hold", OP),
            pbx.new("SIP/101-00000007", op2, state=4, num="101", exten="102"),
            pbx.new("SIP/102-00000008", other, linkedid=op2, num="101"),
            pbx.dial_begin(op2, other, "SIP/102"),
            pbx.state(other, 6),
            pbx.dial_end(op2, other, "ANSWER"),
            pbx.state(op2, 6),
            pbx.enter(op2, "b8"),
            pbx.enter(other, "b8"),
            ev(
                "AttendedTransfer",
                Result="Success",
                OrigTransfererUniqueid=OP,
                SecondTransfererUniqueid=op2,
                DestType="Bridge",
                IsExternal="Yes",
            ),
            pbx.leave(OP, "b1"),
            pbx.hangup(OP),
            pbx.leave(op2, "b8"),
            pbx.hangup(op2),
        ],
    )
    assert notation(out, labels) == [
        ("PutHoldAction", "c1", "operator"),
        ("RingStarted", "c2", "outgoing", "102", "", True),
        ("CommutationStarted", "c2"),
        ("RingFinished", "c1", "transferred"),
        ("RingFinished", "c2", "transferred"),
    ]
    assert a.calls == {}


def test_one_caller_ringing_two_of_our_endpoints_is_one_call() -> None:
    pbx, a = FakePbx(), adapter("SIP/101", "PJSIP/101")
    desk, soft = "1795000000.1", "1795000000.2"
    out = feed(
        a,
        [
            pbx.new("SIP/trunk-00000000", T, num="+79161234567", cid_name="Ivan Petrov"),
            pbx.new("SIP/101-00000001", desk, linkedid=T, num="101"),
            pbx.new("PJSIP/101-00000002", soft, linkedid=T, num="101"),
            pbx.dial_begin(T, desk, "SIP/101"),
            pbx.dial_begin(T, soft, "PJSIP/101"),
            pbx.state(desk, 5),
            pbx.state(soft, 5),
            pbx.state(soft, 6),
            pbx.dial_end(T, soft, "ANSWER"),
            pbx.dial_end(T, desk, "CANCEL"),
            pbx.hangup(desk, 26),
            pbx.enter(soft, "b1"),
            pbx.enter(T, "b1"),
            *pbx.finish(T, soft, "b1"),
        ],
    )
    assert notation(out) == [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
    ]
    assert a.sizes() == EMPTY


def test_blind_transfer_without_its_event_is_still_a_transfer() -> None:
    """Seen live on 18.26.4 (about 1 run in 6): after an AMI BlindTransfer Asterisk sends the
    caller on to 102 but no BlindTransfer event (the transferer's channel is gone before the
    event is built). The caller dialling onwards while connected to us is the transfer."""
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    colleague = "1795000000.2"
    out = feed(
        a,
        [
            pbx.leave(T, "b1"),
            pbx.new("SIP/102-00000002", colleague, linkedid=T, num="102", cid_name="Operator 102"),
            pbx.dial_begin(T, colleague, "SIP/102"),
            pbx.leave(OP, "b1"),
            ev("BridgeDestroy", BridgeUniqueid="b1"),
            pbx.hangup(OP),
            pbx.state(colleague, 6),
            pbx.dial_end(T, colleague, "ANSWER"),
            *pbx.finish(colleague, T, "b2"),
        ],
    )
    assert notation(out) == [("RingFinished", "c1", "transferred")]
    assert a.sizes() == EMPTY


def test_queue_ringing_a_colleague_too_is_not_a_transfer() -> None:
    pbx, a = FakePbx(), adapter()
    other = "1795000000.2"
    out = feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            pbx.new("SIP/102-00000002", other, linkedid=T, num="102", cid_name="Operator 102"),
            pbx.dial_begin(T, other, "SIP/102"),
            *pbx.answer(T, OP, "b1"),
            pbx.dial_end(T, other, "CANCEL"),
            pbx.hangup(other),
            *pbx.finish(OP, T, "b1"),
        ],
    )
    assert notation(out)[-1] == ("RingFinished", "c1", "completed")


def test_blind_transfer_from_the_panel_when_the_operator_leg_goes_first() -> None:
    """The other order seen live on 18.26.4: the operator's leg hangs up before the caller
    dials on, and no BlindTransfer event comes. The panel had asked for the transfer."""
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    a.expect_transfer(OP)
    out = feed(a, [pbx.leave(T, "b1"), pbx.leave(OP, "b1"), pbx.hangup(OP)])
    assert notation(out) == [("RingFinished", "c1", "transferred")]


def test_a_refused_blind_transfer_then_a_hangup_is_a_completed_call() -> None:
    pbx, a = FakePbx(), adapter()
    talking(pbx, a)
    a.expect_transfer(OP)
    feed(a, [ev("BlindTransfer", Result="Fail", TransfererUniqueid=OP)])
    out = feed(a, pbx.finish(OP, T, "b1"))
    assert notation(out) == [("RingFinished", "c1", "completed")]
