"""Hold and resume on a real Asterisk: from either phone and through the panel's hold methods."""

from __future__ import annotations

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
