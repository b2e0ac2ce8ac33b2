"""Blind and attended transfer from the panel on a real Asterisk."""

from __future__ import annotations

from labkit.sipp import SippLab

from .conftest import MonitorFactory
from .support import MonitorProcess, RawAmi


def _talking(m: MonitorProcess) -> str:
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    return str(ring["call"])


def test_blind_transfer(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    colleague = sipp.phone("102", ring_ms=200, hangup_ms=300)
    caller = sipp.call()
    call = _talking(m)
    m.ok(f"transfer {call} 102")
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    assert colleague.wait() == 0, colleague.describe()
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_attended_transfer_completed(sipp: SippLab, monitor: MonitorFactory, ami: RawAmi) -> None:
    m = monitor()
    # Atxfer and CancelAtxfer queue DTMF on the operator's channel: the phone sends audio, as a
    # real one does, so Asterisk reads those digits in time (sipp.phone's ``audio``).
    phone = sipp.phone("101", ring_ms=200, audio=True)
    colleague = sipp.phone("102", ring_ms=200)
    caller = sipp.call()
    call = _talking(m)
    m.ok(f"atxfer {call} 102")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    consult = m.wait("RingStarted", direction="outgoing", number="102")
    m.wait("CommutationStarted", call=consult["call"])
    # The operator hangs up during the consultation: Asterisk connects caller and colleague.
    m.ok(f"hangup {consult['call']}")
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    # caller and colleague now talk; end that conversation from the PBX
    ami.wait_event(
        lambda e: (
            e.get("Event") == "BridgeEnter"
            and "102" in e.get("Channel", "")
            and e.get("BridgeNumChannels") == "2"
        ),
        since=0,
    )
    ami.command("channel request hangup all")
    assert colleague.wait() == 0, colleague.describe()
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_attended_transfer_cancelled(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200, audio=True)
    colleague = sipp.phone("102", answer=False)  # rings until the transfer is cancelled
    caller = sipp.call()
    call = _talking(m)
    m.ok(f"atxfer {call} 102")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    consult = m.wait("RingStarted", direction="outgoing", number="102")
    m.ok(f"cancel-atxfer {call}")
    m.wait("RingFinished", call=consult["call"])
    m.wait("EndHoldAction", call=call)
    assert colleague.wait() == 0, colleague.describe()
    m.ok(f"hangup {call}")
    assert m.wait("RingFinished", call=call)["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()
