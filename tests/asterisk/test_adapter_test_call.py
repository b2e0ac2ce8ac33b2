"""The answer method's test call rings the operator's own phone, but it is the operator checking
the phone, not a call: the panel's call list (and so its history) leaves it out."""

from __future__ import annotations

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.channels import TEST_CALL_PREFIX
from callpanel.calls.events import RingStarted


def channel_events(uid: str, linkedid: str) -> list[Event]:
    block = [
        ("Channel", "SIP/101-0000002a"), ("CallerIDNum", "0"), ("CallerIDName", "Test call"),
        ("ConnectedLineNum", "0"), ("ConnectedLineName", "Test call"), ("Context", "default"),
        ("Exten", "s"), ("Priority", "1"), ("Uniqueid", uid), ("Linkedid", linkedid),
    ]  # fmt: skip
    return [
        Event.build([("Event", "Newchannel"), ("ChannelState", "0"),
                     ("ChannelStateDesc", "Down"), *block]),
        Event.build([("Event", "Newstate"), ("ChannelState", "5"),
                     ("ChannelStateDesc", "Ringing"), *block]),
        Event.build([("Event", "Newstate"), ("ChannelState", "6"),
                     ("ChannelStateDesc", "Up"), *block]),
        Event.build([("Event", "Hangup"), ("ChannelState", "6"), ("ChannelStateDesc", "Up"),
                     ("Cause", "16"), ("Cause-txt", "Normal Clearing"), *block]),
    ]  # fmt: skip


def test_the_answer_methods_test_call_is_not_a_call() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    trial = TEST_CALL_PREFIX + "0123456789ab"
    out = [e for event in channel_events(trial, trial) for e in adapter.handle(event)]
    assert out == [] and not adapter.calls


def test_the_same_channel_of_any_other_call_is_one() -> None:
    adapter = AsteriskAdapter(["SIP/101"])
    out = [e for event in channel_events("callpanel-5", "callpanel-5")
           for e in adapter.handle(event)]  # fmt: skip
    assert any(isinstance(e, RingStarted) for e in out)
