"""Calls that ring more than one phone: a queue, a ring group, call waiting."""

from __future__ import annotations

from labkit.sipp import SippLab

from .conftest import MonitorFactory


def test_queue_call_answered_by_a_colleague(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", answer=False)  # rings until the queue cancels it
    colleague = sipp.phone("102", ring_ms=300, hangup_ms=300)
    caller = sipp.call("74951234500")
    ring = m.wait("RingStarted")
    assert (ring["direction"], ring["number"]) == ("incoming", "+79161234567")
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "answered_elsewhere"
    assert "CommutationStarted" not in m.of_call(ring["call"])
    assert phone.wait() == 0, phone.describe()
    assert colleague.wait() == 0, colleague.describe()
    assert caller.wait() == 0, caller.describe()


def test_ring_group_answered_by_the_operator(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=300)
    colleague = sipp.phone("102", answer=False)
    caller = sipp.call("74951234501", hangup_ms=300)
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert phone.wait() == 0, phone.describe()
    assert colleague.wait() == 0, colleague.describe()
    assert caller.wait() == 0, caller.describe()


def test_call_waiting(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", calls=2, ring_ms=300)
    first_caller = sipp.call()
    first = m.wait("RingStarted")
    m.wait("CommutationStarted", call=first["call"])
    second_caller = sipp.call(name="Olga Smirnova", number="+79031112233")
    second = m.wait("RingStarted")
    assert (second["number"], second["name"]) == ("+79031112233", "Olga Smirnova")
    assert second["call"] != first["call"]
    m.wait("CommutationStarted", call=second["call"])
    m.ok(f"hangup {second['call']}")
    assert m.wait("RingFinished", call=second["call"])["reason"] == "completed"
    assert second_caller.wait() == 0, second_caller.describe()
    m.ok(f"hangup {first['call']}")
    assert m.wait("RingFinished", call=first["call"])["reason"] == "completed"
    assert first_caller.wait() == 0, first_caller.describe()
    assert phone.wait() == 0, phone.describe()
