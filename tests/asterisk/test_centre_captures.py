"""AsteriskCentre against real Asterisk 18.26.4 recordings (tests/data/centre/README.md)."""

from __future__ import annotations

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls.events import Direction, RingStarted, event_to_json
from callpanel.centre import (
    AgentState,
    AgentStatusChanged,
    ColleagueState,
    MemberStatus,
    QueueMembershipChanged,
)
from tests.conftest import CAPTURES

from .centre_replay import CENTRE_DATA, centre_for, replay

V18 = CENTRE_DATA / "18.26.4"


def test_memberships_from_queue_status_and_events() -> None:
    centre = centre_for("SIP/101")
    out, _ = replay(V18 / "01_memberships_pause_errors.ami", centre)
    own = [e for e in out if isinstance(e, QueueMembershipChanged)]
    # QueueAdd support, QueueAdd sales (penalty 2), pause all "lunch", unpause sales,
    # then QueueRemove sales: what Asterisk reported, in order.
    assert [(e.membership.queue, e.membership.paused, e.removed) for e in own] == [
        ("support", False, False),
        ("sales", False, False),
        ("support", True, False),
        ("sales", True, False),
        ("sales", False, False),
        ("sales", False, True),
    ]
    support = centre.state.membership("support")
    assert support is not None
    assert (support.name, support.dynamic, support.paused, support.reason) == (
        "Alice",
        True,
        True,
        "lunch",
    )
    assert support.status is MemberStatus.UNAVAILABLE
    statuses = [e.status.state for e in out if isinstance(e, AgentStatusChanged)]
    # Paused once both queues are; sales unpaused: available; sales left: paused again.
    assert statuses == [
        AgentState.AVAILABLE,
        AgentState.PAUSED,
        AgentState.AVAILABLE,
        AgentState.PAUSED,
    ]
    # The static member SIP/103 is a colleague's, never the operator's.
    assert all(m.interface == "SIP/101" for m in centre.state.memberships)


def test_queue_status_list_items_use_name_and_location() -> None:
    centre = centre_for("SIP/103")
    # qs3 is a QueueStatus filtered by Member (SIP/101): not a snapshot of every member.
    replay(V18 / "01_memberships_pause_errors.ami", centre, skip_lists={"qs3"})
    static = centre.state.membership("support")
    assert static is not None and static.name == "Static Agent" and not static.dynamic


def test_hints_become_colleagues_with_names_from_queue_members() -> None:
    centre = centre_for("SIP/101")
    replay(V18 / "01_memberships_pause_errors.ami", centre)
    by_ext = {c.extension: c for c in centre.state.colleagues}
    assert set(by_ext) == {"102", "103", "201"}  # 101 is the operator
    assert by_ext["103"].state is ColleagueState.UNAVAILABLE
    assert by_ext["201"].devices == ("Custom:agent201",)
    assert by_ext["201"].state is ColleagueState.IDLE


def test_autopause_and_local_members() -> None:
    centre = centre_for("Local/300@noanswer/n", extension="300")
    out, _ = replay(V18 / "03_local_members_autopause_rrmemory_ringall.ami", centre)
    sales = centre.state.membership("sales")
    assert sales is not None and sales.autopaused and sales.reason == "Auto-Pause"
    last = [e for e in out if isinstance(e, AgentStatusChanged)][-1]
    assert last.status.state is AgentState.PAUSED and last.status.autopaused


def test_local_member_extension_counts_as_the_operator() -> None:
    # FreePBX style: the member is Local/201@agents/n; the operator's phone is SIP/201.
    centre = centre_for("SIP/201")
    replay(V18 / "03_local_members_autopause_rrmemory_ringall.ami", centre)
    sales = centre.state.membership("sales")
    assert sales is not None and sales.interface == "Local/201@agents/n"
    assert sales.calls_taken == 1


def test_origin_follows_agent_called_through_local_members() -> None:
    centre = centre_for("SIP/101")
    path = V18 / "03_local_members_autopause_rrmemory_ringall.ami"
    seen: dict[str, str | None] = {}

    def look(event: Event) -> bool:  # right after each AgentCalled, as the ring starts
        if event.name == "AgentCalled":
            uid = event.get("DestUniqueid") or ""
            origin = centre.origins.origin_of(uid)
            seen[uid] = origin.queue if origin is not None else None
        return False

    replay(path, centre, until=look)
    # round-robin (rrmemory) sales: 300 (no answer, autopaused), then 201; ringall support:
    # 202 and 203 at once.
    assert seen == {
        "1796161369.3": "sales",
        "1796161373.5": "sales",
        "1796161381.13": "support",
        "1796161381.15": "support",
    }
    assert centre.origins.origin_of("1796161381.15") is None  # hung up: nothing is kept


def test_dnd_custom_device_state() -> None:
    centre = centre_for("SIP/101")
    out, _ = replay(V18 / "02_dnd_custom_devstate_least_privilege.ami", centre)
    statuses = [e.status.state for e in out if isinstance(e, AgentStatusChanged)]
    assert statuses[:2] == [AgentState.DND, AgentState.AVAILABLE] or statuses[0] is AgentState.DND
    assert not centre.state.dnd  # the recording ends with NOT_INUSE


def test_queue_call_ring_started_gains_queue_and_wait() -> None:
    """The shared recording 12: SIP/101 rung by queue support (static members)."""
    for version in ("13.38.3", "18.26.4"):
        path = CAPTURES / version / "12_queue_answered_by_other_operator.ami"
        centre = centre_for("SIP/101")
        adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 1796161200.0)
        _, calls = replay(path, centre, adapter)
        rings = [e for e in calls if isinstance(e, RingStarted)]
        assert len(rings) == 1
        assert rings[0].queue == "support" and rings[0].waited_s == 0
        as_json = event_to_json(rings[0])
        assert as_json["queue"] == "support" and as_json["waited_s"] == 0


def test_direct_call_json_is_unchanged() -> None:
    path = CAPTURES / "18.26.4" / "01_incoming_answered_caller_hangs_up.ami"
    centre = centre_for("SIP/101")
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 1796161200.0)
    _, calls = replay(path, centre, adapter)
    ring = next(e for e in calls if isinstance(e, RingStarted))
    assert "queue" not in event_to_json(ring) and "waited_s" not in event_to_json(ring)


def test_origin_follows_a_local_member_to_the_phone() -> None:
    """FreePBX style: the queue rings Local/101@from-queue;1, whose ;2 half dials SIP/101."""
    centre = centre_for("SIP/101")

    def ev(name: str, **h: str) -> Event:
        return Event.build([("Event", name), *h.items()])

    centre.handle(ev("QueueCallerJoin", Uniqueid="c.1", Queue="support", Channel="SIP/trunk-1"))
    centre.handle(
        ev(
            "AgentCalled",
            Uniqueid="c.1",
            Queue="support",
            DestChannel="Local/101@from-queue-0001;1",
            DestUniqueid="l.1",
        )
    )
    centre.handle(
        ev(
            "DialBegin",
            Channel="Local/101@from-queue-0001;2",
            Uniqueid="l.2",
            DestChannel="SIP/101-00000003",
            DestUniqueid="op.3",
        )
    )
    ring = RingStarted("op.3", Direction.INCOMING, "+79161234567", "Ivan")
    enriched = centre.enrich(ring, lambda _cid: None)
    assert isinstance(enriched, RingStarted)
    assert (enriched.queue, enriched.waited_s) == ("support", 0)
