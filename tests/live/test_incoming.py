"""Incoming calls on a real Asterisk: answered, missed, busy, internal, Cyrillic names."""

from __future__ import annotations

from labkit.sipp import SippLab

from .conftest import MonitorFactory


def test_incoming_answered_caller_hangs_up(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=300)
    caller = sipp.call(hangup_ms=500)
    ring = m.wait("RingStarted")
    assert (ring["direction"], ring["number"], ring["name"]) == (
        "incoming",
        "+79161234567",
        "Ivan Petrov",
    )
    assert ring["internal"] is False
    m.wait("CommutationStarted", call=ring["call"])
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_missed_caller_gives_up(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", answer=False)
    caller = sipp.call(cancel_ms=500)
    ring = m.wait("RingStarted")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "missed"
    assert "CommutationStarted" not in m.of_call(ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_operator_phone_declines_busy(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", busy=True, ring_ms=300)
    caller = sipp.call(answer_expected=False)
    ring = m.wait("RingStarted")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "rejected"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_hangup_from_the_panel(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    caller = sipp.call()  # waits for the PBX to hang up
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    m.ok(f"hangup {ring['call']}")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_reject_ringing_call_from_the_panel(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    sipp.phone("101", answer=False)
    caller = sipp.call(answer_expected=False)
    ring = m.wait("RingStarted")
    m.ok(f"hangup {ring['call']}")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "rejected"
    assert caller.wait() == 0, caller.describe()


def test_internal_call_from_colleague(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    caller = sipp.call("101", name="", number="102", source="102", hangup_ms=300)
    ring = m.wait("RingStarted")
    assert (ring["direction"], ring["number"], ring["internal"]) == ("incoming", "102", True)
    assert ring["name"] == "Operator 102"
    m.wait("CommutationStarted", call=ring["call"])
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_cyrillic_caller_name(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    sipp.phone("101", ring_ms=200)
    caller = sipp.call(name="Иван Петрович Сидоров-Кузнецов", number="+79161234567", hangup_ms=200)
    ring = m.wait("RingStarted")
    assert ring["name"] == "Иван Петрович Сидоров-Кузнецов"
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert caller.wait() == 0, caller.describe()
