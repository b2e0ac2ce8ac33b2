"""Hold and resume on a real Asterisk: from either phone and through the panel's hold methods."""

from __future__ import annotations

from labkit.lab import Lab
from labkit.sipp import SippLab

from .conftest import MonitorFactory
from .support import MonitorProcess, RawAmi


def _talking(m: MonitorProcess) -> str:
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    return str(ring["call"])


def test_hold_from_the_operators_phone(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200, hold_ms=600)
    caller = sipp.call()
    call = _talking(m)
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    m.wait("EndHoldAction", call=call)
    m.ok(f"hangup {call}")
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()


def test_hold_from_the_other_party(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    caller = sipp.call(hold_ms=600)
    call = _talking(m)
    assert m.wait("PutHoldAction", call=call)["by"] == "remote"
    m.wait("EndHoldAction", call=call)
    m.ok(f"hangup {call}")
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()


def test_hold_through_music_on_hold_redirect(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    m = monitor("--hold-strategy", "pbx-moh")
    phone = sipp.phone("101", ring_ms=200)
    caller = sipp.call()
    call = _talking(m)
    m.ok(f"hold {call}")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    since = len(ami.events)
    m.ok(f"unhold {call}")
    m.wait("EndHoldAction", call=call)
    # Hang up once both are back in one bridge, as a person would. Hanging up within
    # milliseconds of the Bridge action can leave the call shown (seen once on 22.10.1).
    ami.wait_event(
        lambda e: e.get("Event") == "BridgeEnter" and e.get("BridgeNumChannels") == "2",
        since=since,
    )
    m.ok(f"hangup {call}")
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()


def test_hold_through_parking(
    lab: Lab, sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    """pbx-park with packaging/asterisk/res_parking.conf: the caller waits in the lot, the
    operator's leg hears the space and is hung up; resume rings the phone again (auto-answer
    through [panel-aa]) into ParkedCall. Still one call afterwards, whichever of the resume's
    two bridges Asterisk reports first (issue 12 item 6), so hangup without a call id ends it."""
    m = monitor("--hold-strategy", "pbx-park")
    phone = sipp.phone("101", ring_ms=200, calls=2)  # the call, then the resume's call back
    caller = sipp.call()
    call = _talking(m)
    first_leg = ami.wait_event(
        lambda e: (
            e.get("Event") == "Newchannel" and e.get("Channel", "").startswith(f"{lab.tech}/101-")
        )
    )["Channel"]
    m.ok(f"hold {call}")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    parked = ami.wait_event(lambda e: e.get("Event") == "ParkedCall")
    assert parked["ParkingSpace"] == "701" and parked["Parkinglot"] == "default"
    # the operator's own leg is not left idle: Asterisk ends it after the announcement
    ami.wait_event(lambda e: e.get("Event") == "Hangup" and e.get("Channel") == first_leg)
    since = len(ami.events)
    m.ok(f"unhold {call}")
    m.wait("EndHoldAction", call=call)
    ami.wait_event(lambda e: e.get("Event") == "UnParkedCall", since=since)
    # connected again: the caller with Local/101@panel-aa;1, the phone with its ;2 (or, once
    # Asterisk optimised the Local pair away, the two together): two two-party bridges
    for _ in range(2):
        since = 1 + ami.events.index(
            ami.wait_event(
                lambda e: e.get("Event") == "BridgeEnter" and e.get("BridgeNumChannels") == "2",
                since=since,
            )
        )
    m.ok("hangup")  # no call id: there must be exactly one call to act on
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert [e["call"] for e in m.events if e.get("event") == "RingStarted"] == [call]
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()


def test_answer_and_hold_through_phone_notify(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    """phone-notify: the panel answers the ringing phone and holds/resumes it with NOTIFY
    (Event: talk / hold); the phone (a sipp agent that honours them) does the SIP part itself,
    so Asterisk reports a real hold. The AMI user is the packaging one with write class system."""
    m = monitor(
        "--answer-strategy", "phone-notify", "--hold-strategy", "phone-notify",
        user="callpanel_notify",
    )  # fmt: skip
    phone = sipp.phone("101", notify_answer=True, notify_hold=True)
    caller = sipp.call()
    ring = m.wait("RingStarted")
    call = str(ring["call"])
    m.ok(f"answer {call}")
    m.wait("CommutationStarted", call=call)
    m.ok(f"hold {call}")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    m.ok(f"unhold {call}")
    m.wait("EndHoldAction", call=call)
    m.ok(f"hangup {call}")
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()
    events = [n.header("Event") for n in phone.received("NOTIFY")]
    assert events == ["talk", "hold", "talk"], events
