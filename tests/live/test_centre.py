"""The call centre against real Asterisk: queue memberships (static and dynamic), pause with a
reason, Asterisk's own autopause, a queue call's queue and wait on RingStarted (ringall and
round robin), a colleague's hint state, directed pickup, DND."""

from __future__ import annotations

from typing import Any

from labkit.sipp import SippLab

from .conftest import MonitorFactory
from .support import MonitorProcess, RawAmi


def after(m: MonitorProcess, start: int, name: str, **fields: Any) -> dict[str, Any]:
    """The first ``name`` event since index ``start`` (it may come before or after the
    command's CommandResult: the AMI response and Asterisk's event race)."""
    for event in m.events[start:]:
        if event.get("event") == name and all(event.get(k) == v for k, v in fields.items()):
            return event
    return m.wait(name, **fields)


def test_memberships_login_pause_logout(monitor: MonitorFactory, endpoint: str) -> None:
    m = monitor()
    support = next(
        e for e in m.events if e["event"] == "QueueMembership" and e["queue"] == "support"
    )
    assert (support["member"], support["dynamic"], support["paused"]) == (endpoint, False, False)
    refused = m.command("logout support")  # a static member (queues.conf member =>)
    assert not refused["ok"] and "only the PBX administrator" in refused["error"]

    start = len(m.events)
    m.ok("login sales")
    joined = after(m, start, "QueueMembership", queue="sales")
    assert (joined["member"], joined["dynamic"], joined["paused"]) == (endpoint, True, False)

    start = len(m.events)
    m.ok("pause all Обед")
    status = after(m, start, "AgentStatus", status="paused")
    assert status["reason"] == "Обед"
    paused = [e for e in m.events[start:] if e["event"] == "QueueMembership"]
    assert {e["queue"] for e in paused if e["paused"] and e["reason"] == "Обед"} == {
        "support",
        "sales",
    }

    start = len(m.events)
    m.ok("unpause support")
    back = after(m, start, "QueueMembership", queue="support", paused=False)
    assert back["reason"] == ""
    m.ok("unpause all")
    after(m, start, "AgentStatus", status="available")
    after(m, start, "QueueMembership", queue="sales", paused=False)

    unknown = m.command("login nosuch")
    assert not unknown["ok"] and "no such queue on the PBX" in unknown["error"]
    too_long = m.command("pause support " + "я" * 40)  # 80 bytes: app_queue would cut it
    assert not too_long["ok"] and "79 bytes" in too_long["error"]

    start = len(m.events)
    m.ok("logout sales")
    gone = after(m, start, "QueueMembership", queue="sales", removed=True)
    assert gone["member"] == endpoint


def test_queue_call_names_its_queue_and_the_wait(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi, endpoint: str
) -> None:
    """Queue ``support`` (ringall): both members are rung at once, 101 answers."""
    m = monitor()
    mark = len(ami.events)
    phone = sipp.phone("101", ring_ms=300, hangup_ms=300)
    colleague = sipp.phone("102", answer=False)  # rings until the queue cancels it
    caller = sipp.call("74951234500")
    ring = m.wait("RingStarted")
    assert (ring["direction"], ring["number"]) == ("incoming", "+79161234567")
    assert ring["queue"] == "support"
    assert isinstance(ring["waited_s"], int) and 0 <= ring["waited_s"] < 10
    assert ring["dialled"] == "74951234500"  # the queue's line
    m.wait("CommutationStarted", call=ring["call"])
    m.wait("RingFinished", call=ring["call"])
    assert phone.wait() == 0, phone.describe()
    assert colleague.wait() == 0, colleague.describe()
    assert caller.wait() == 0, caller.describe()
    rung = queue_events(ami, mark, "support")
    assert sorted(rung[:2]) == [
        ("AgentCalled", endpoint),
        ("AgentCalled", endpoint.replace("/101", "/102")),
    ]
    assert rung[2:] == [("AgentConnect", endpoint)]


def test_a_call_from_no_queue_names_the_number_dialled(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    """Item 2 without a queue: the ring group's number; a direct call: the line's number; an
    internal call to the operator's own extension: nothing."""
    m = monitor()
    phone = sipp.phone("101", calls=3, ring_ms=300, hangup_ms=300)
    colleague = sipp.phone("102", answer=False)  # the ring group rings it too, until 101 answers
    caller = sipp.call("74951234501")
    ring = m.wait("RingStarted")
    assert ring["dialled"] == "74951234501" and "queue" not in ring
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert colleague.wait() == 0, colleague.describe()
    start = len(m.events)
    caller = sipp.call()  # the main line, straight to 101
    ring = after(m, start, "RingStarted")
    assert ring["dialled"] == "74951234567"
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    start = len(m.events)
    caller = sipp.call("101", name="", number="102", source="102")
    ring = after(m, start, "RingStarted")
    assert ring["internal"] is True and "dialled" not in ring
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()


def test_colleague_rings_and_the_operator_picks_up(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi, endpoint: str
) -> None:
    m = monitor()
    idle = next(e for e in m.events if e["event"] == "Colleague" and e["extension"] == "102")
    assert idle["state"] in ("idle", "unavailable")
    refused = m.command("pickup  102")  # (a different line: command() finds results by text)
    assert not refused["ok"] and "nothing rings" in refused["error"]

    colleague = sipp.phone("102", answer=False)  # rings until the pickup takes the call
    phone = sipp.phone("101", ring_ms=300, hangup_ms=1000)  # answers the pickup call
    tech = endpoint.split("/", 1)[0]
    ami.action(  # someone calls 102 (a Local channel stands in for the caller)
        "Originate",
        Channel="Local/102@internal",
        Application="Wait",
        Data="20",
        CallerID='"Ivan Petrov" <+79161234567>',
        Async="true",
    )
    m.wait("Colleague", extension="102", state="ringing")
    picked = m.ok("pickup 102")
    assert picked["extension"] == "102"
    ami.wait_event(lambda e: e.get("Event") == "Pickup")  # Asterisk did the pickup
    call = m.wait("RingStarted", call=picked["call"])
    m.wait("CommutationStarted", call=call["call"])
    m.wait("RingFinished", call=call["call"])
    assert phone.wait() == 0, phone.describe()
    assert colleague.wait() == 0, colleague.describe()
    assert tech in endpoint


def test_dnd_keeps_direct_calls_off_the_phone(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi, endpoint: str
) -> None:
    """DND: Custom:DND101 set through Setvar, honoured by [panel-dnd] in front of Dial."""
    m = monitor()
    try:
        start = len(m.events)
        m.ok("dnd on")
        after(m, start, "AgentStatus", status="dnd")
        mark = len(ami.events)
        caller = sipp.call(answer_expected=False)  # busy is the success path
        assert caller.wait() == 0, caller.describe()
        rung = [
            e
            for e in ami.events[mark:]
            if e.get("Event") == "Newchannel" and e.get("Channel", "").startswith(endpoint + "-")
        ]
        assert rung == []  # the phone never rang
        assert not any(e["event"] == "RingStarted" for e in m.events[start:])
    finally:
        start = len(m.events)
        m.ok("dnd off")
        after(m, start, "AgentStatus", status="available")
    phone = sipp.phone("101", ring_ms=300, hangup_ms=300)
    caller = sipp.call()
    ring = m.wait("RingStarted")
    m.wait("RingFinished", call=ring["call"])
    assert phone.wait() == 0, phone.describe()
    assert caller.wait() == 0, caller.describe()


def queue_events(ami: RawAmi, since: int, queue: str) -> list[tuple[str, str]]:
    """(event, member interface) of app_queue's ringing events for ``queue`` since ``since``."""
    names = ("AgentCalled", "AgentRingNoAnswer", "AgentConnect")
    return [
        (e["Event"], e.get("Interface", ""))
        for e in ami.events[since:]
        if e.get("Event") in names and e.get("Queue") == queue
    ]


def test_round_robin_rings_one_member_at_a_time_in_turn(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi, endpoint: str
) -> None:
    """Queue ``hotline`` (rrmemory, 3 s a member, members added 101 then 102): the first call
    rings 101 alone; the next starts with 102, and when 102 does not answer the call moves on
    to 101, whose card then shows the queue and how long the caller has waited."""
    colleague_phone = endpoint.replace("/101", "/102")
    m = monitor()
    start = len(m.events)
    m.ok("login hotline")  # the panel adds the operator; then the colleague joins
    after(m, start, "QueueMembership", queue="hotline")
    joined = ami.action("QueueAdd", Queue="hotline", Interface=colleague_phone)
    assert joined.get("Response") == "Success", joined

    mark = len(ami.events)
    phone = sipp.phone("101", ring_ms=300, hangup_ms=300)  # none for 102: it must not ring
    caller = sipp.call("74951234503")  # answered by the queue at once; the member hangs up
    ring = m.wait("RingStarted")
    assert ring["queue"] == "hotline" and 0 <= ring["waited_s"] < 3
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()
    assert queue_events(ami, mark, "hotline") == [
        ("AgentCalled", endpoint),
        ("AgentConnect", endpoint),
    ]

    mark, start = len(ami.events), len(m.events)
    colleague = sipp.phone("102", answer=False)  # rings until the queue gives up on it
    phone = sipp.phone("101", ring_ms=300, hangup_ms=300)
    caller = sipp.call("74951234503")
    ring = after(m, start, "RingStarted")
    assert ring["queue"] == "hotline"
    assert ring["waited_s"] >= 3  # 102's 3 s (and the retry) first: the wait is on the card
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()
    assert colleague.wait() == 0, colleague.describe()
    assert queue_events(ami, mark, "hotline") == [
        ("AgentCalled", colleague_phone),
        ("AgentRingNoAnswer", colleague_phone),
        ("AgentCalled", endpoint),
        ("AgentConnect", endpoint),
    ]


def test_asterisk_autopause_is_shown_as_such(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    """Queue ``sales`` has ``autopause = yes``: a member who lets a queue call ring out is
    paused by Asterisk with the reason ``Auto-Pause``; the panel says so, a panel started
    later shows the pause Asterisk holds, and the operator can resume."""
    m = monitor()
    start = len(m.events)
    m.ok("login sales")
    after(m, start, "QueueMembership", queue="sales", paused=False)
    phone = sipp.phone("101", answer=False)  # rings until the queue gives up on it
    caller = sipp.call("74951234502")
    ring = m.wait("RingStarted")
    assert ring["queue"] == "sales"
    paused = m.wait("QueueMembership", queue="sales", paused=True)
    assert (paused["reason"], paused["autopaused"]) == ("Auto-Pause", True)
    m.wait("RingFinished", call=ring["call"])
    assert phone.wait() == 0, phone.describe()
    # nobody left to ring: the caller waits on in the queue until we hang it up
    waiting = ami.wait_event(lambda e: e.get("Event") == "QueueCallerJoin")
    ami.action("Hangup", Channel=waiting["Channel"])
    assert caller.wait() == 0, caller.describe()

    later = monitor()
    held = next(
        e for e in later.events if e["event"] == "QueueMembership" and e["queue"] == "sales"
    )
    assert (held["paused"], held["reason"], held["autopaused"]) == (True, "Auto-Pause", True)
    start = len(m.events)
    m.ok("unpause sales")
    back = after(m, start, "QueueMembership", queue="sales", paused=False)
    assert (back["reason"], back["autopaused"]) == ("", False)
