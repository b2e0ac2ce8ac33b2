"""A click-to-call that fails before any channel exists still reaches the operator."""

from __future__ import annotations

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls.events import Direction, EndReason, RingFinished, RingStarted


def originate_failure(exten: str, reason: str, uniqueid: str = "<null>") -> Event:
    return Event.build(
        [
            ("Event", "OriginateResponse"),
            ("Privilege", "call,all"),
            ("ActionID", "cp-1"),
            ("Response", "Failure"),
            ("Channel", "SIP/101"),
            ("Context", "internal"),
            ("Exten", exten),
            ("Reason", reason),
            ("Uniqueid", uniqueid),
            ("CallerIDNum", "<unknown>"),
            ("CallerIDName", "<unknown>"),
        ]
    )


def test_failure_without_a_channel_shows_a_failed_outgoing_call() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    adapter.expect_originate("callpanel-1", "84991234567")
    out = adapter.handle(originate_failure("84991234567", "0"))
    assert out == [
        RingStarted("callpanel-1", Direction.OUTGOING, "84991234567", ""),
        RingFinished("callpanel-1", EndReason.FAILED),
    ]
    assert adapter.sizes()["expected"] == 0 and not adapter.calls


def test_the_operator_not_picking_up_is_no_answer() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    adapter.expect_originate("callpanel-2", "102")
    out = adapter.handle(originate_failure("102", "3", uniqueid="callpanel-2"))
    assert out[-1] == RingFinished("callpanel-2", EndReason.NO_ANSWER)


def test_someone_elses_failed_originate_is_ignored() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    adapter.expect_originate("callpanel-3", "84991234567")
    assert adapter.handle(originate_failure("74997654321", "5")) == []
    assert adapter.sizes()["expected"] == 1


def test_a_failed_leg_joining_an_existing_call_is_not_a_new_call() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    adapter.expect_originate("callpanel-4", "101", call_id="some-call")
    assert adapter.handle(originate_failure("101", "0", uniqueid="callpanel-4")) == []
