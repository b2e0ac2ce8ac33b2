"""CentreState: the one owner of memberships, colleagues and DND; events only for changes."""

from __future__ import annotations

from dataclasses import replace

from callpanel.centre import (
    AgentState,
    AgentStatus,
    AgentStatusChanged,
    CentreState,
    Colleague,
    ColleagueChanged,
    ColleagueState,
    Membership,
    MemberStatus,
    QueueMembershipChanged,
    centre_event_to_json,
)


def member(queue: str = "support", interface: str = "SIP/101", **kw: object) -> Membership:
    base = Membership(
        queue=queue,
        interface=interface,
        name="Alice",
        state_interface=interface,
        dynamic=True,
        paused=False,
        reason="",
        penalty=0,
        calls_taken=0,
        last_call=0,
        status=MemberStatus.NOT_IN_USE,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def colleague(ext: str = "102", state: ColleagueState = ColleagueState.IDLE) -> Colleague:
    return Colleague(ext, "internal", "", (f"SIP/{ext}",), state)


def test_snapshot_then_changes_report_only_what_changed() -> None:
    state = CentreState(own_extension="101")
    out = state.replace_members([(member(), True), (member("sales", "SIP/102"), False)])
    assert out == [
        QueueMembershipChanged(member()),
        AgentStatusChanged(AgentStatus(AgentState.AVAILABLE)),
    ]
    assert state.put_member(member(), True) == []  # the same again: nothing new
    paused = member(paused=True, reason="lunch")
    out = state.put_member(paused, True)
    assert out == [
        QueueMembershipChanged(paused),
        AgentStatusChanged(AgentStatus(AgentState.PAUSED, "lunch")),
    ]
    out = state.replace_members([])  # the queue vanished after a reconnect
    assert QueueMembershipChanged(paused, removed=True) in out
    assert state.agent_status == AgentStatus(AgentState.AVAILABLE)
    assert state.memberships == ()


def test_paused_only_when_every_queue_is_paused_and_autopause_is_named() -> None:
    state = CentreState()
    state.put_member(member("a", paused=True, reason="Auto-Pause"), True)
    assert state.agent_status.state is AgentState.PAUSED
    assert state.agent_status.autopaused
    state.put_member(member("b"), True)
    assert state.agent_status.state is AgentState.AVAILABLE
    m = state.membership("a")
    assert m is not None and m.autopaused
    assert centre_event_to_json(QueueMembershipChanged(m))["autopaused"] is True


def test_dnd_wins_over_pause_and_is_reported_once() -> None:
    state = CentreState()
    state.put_member(member(paused=True, reason="DND"), True)
    assert state.set_dnd(True) == [AgentStatusChanged(AgentStatus(AgentState.DND))]
    assert state.set_dnd(True) == []
    assert state.set_dnd(False) == [AgentStatusChanged(AgentStatus(AgentState.PAUSED, "DND"))]


def test_colleague_overlay_paused_and_dnd_only_when_idle() -> None:
    state = CentreState(own_extension="101")
    assert state.put_colleague(colleague("101")) == []  # the operator is not a colleague
    state.put_colleague(colleague("102"))
    state.put_member(member("support", "SIP/102", paused=True, reason="x"), False)
    shown = state.colleague("102")
    assert shown is not None and shown.state is ColleagueState.PAUSED
    out = state.set_colleague_dnd("102", True)
    assert [e.colleague.state for e in out if isinstance(e, ColleagueChanged)] == [
        ColleagueState.DND
    ]
    state.set_colleague_state("102", ColleagueState.RINGING)
    shown = state.colleague("102")
    assert shown is not None and shown.state is ColleagueState.RINGING  # can be picked up
    state.set_colleague_state("102", ColleagueState.UNAVAILABLE)
    shown = state.colleague("102")
    assert shown is not None and shown.state is ColleagueState.UNAVAILABLE


def test_colleagues_sorted_numerically_names_kept_and_removed() -> None:
    state = CentreState()
    state.replace_colleagues([colleague("1000"), colleague("99"), colleague("alice")])
    assert [c.extension for c in state.colleagues] == ["99", "1000", "alice"]
    state.name_colleague("99", "Борис Петров")
    state.set_colleague_state("99", ColleagueState.IN_CALL)
    shown = state.colleague("99")
    assert shown is not None and shown.name == "Борис Петров"
    out = state.replace_colleagues([colleague("99")])
    assert {
        e.colleague.extension for e in out if isinstance(e, ColleagueChanged) and e.removed
    } == {
        "1000",
        "alice",
    }
    assert shown.matches("борис") and shown.matches("9") and not shown.matches("x")


def test_json_shapes_match_the_monitor_contract() -> None:
    m = member(paused=True, reason="lunch")
    assert centre_event_to_json(QueueMembershipChanged(m)) | {} == {
        "event": "QueueMembership",
        "queue": "support",
        "member": "SIP/101",
        "name": "Alice",
        "paused": True,
        "reason": "lunch",
        "autopaused": False,
        "dynamic": True,
        "status": "not_in_use",
        "penalty": 0,
        "calls_taken": 0,
        "last_call": 0,
    }
    assert centre_event_to_json(AgentStatusChanged(AgentStatus(AgentState.PAUSED, "lunch"))) == {
        "event": "AgentStatus",
        "status": "paused",
        "reason": "lunch",
    }
    c = Colleague("102", "internal", "Bob", ("SIP/102",), ColleagueState.IN_CALL)
    assert centre_event_to_json(ColleagueChanged(c)) == {
        "event": "Colleague",
        "extension": "102",
        "name": "Bob",
        "state": "in_call",
    }
