"""Events of the call centre, and their stable JSON form (``callpanel monitor``)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import AgentStatus, Colleague, Membership


@dataclass(frozen=True, slots=True)
class QueueMembershipChanged:
    """The operator's membership in a queue appeared, changed or (``removed``) ended."""

    membership: Membership
    removed: bool = False


@dataclass(frozen=True, slots=True)
class AgentStatusChanged:
    status: AgentStatus


@dataclass(frozen=True, slots=True)
class ColleagueChanged:
    colleague: Colleague
    removed: bool = False


CentreEvent = QueueMembershipChanged | AgentStatusChanged | ColleagueChanged


def membership_to_json(m: Membership, *, removed: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "event": "QueueMembership",
        "queue": m.queue,
        "member": m.interface,
        "name": m.name,
        "paused": m.paused,
        "reason": m.reason,
        "autopaused": m.autopaused,
        "dynamic": m.dynamic,
        "status": m.status.value,
        "penalty": m.penalty,
        "calls_taken": m.calls_taken,
        "last_call": m.last_call,
    }
    if removed:
        out["removed"] = True
    return out


def colleague_to_json(c: Colleague, *, removed: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "event": "Colleague",
        "extension": c.extension,
        "name": c.name,
        "state": c.state.value,
    }
    if removed:
        out["removed"] = True
    return out


def agent_status_to_json(s: AgentStatus) -> dict[str, object]:
    out: dict[str, object] = {"event": "AgentStatus", "status": s.state.value, "reason": s.reason}
    if s.autopaused:
        out["autopaused"] = True
    return out


def centre_event_to_json(event: CentreEvent) -> dict[str, object]:
    if isinstance(event, QueueMembershipChanged):
        return membership_to_json(event.membership, removed=event.removed)
    if isinstance(event, ColleagueChanged):
        return colleague_to_json(event.colleague, removed=event.removed)
    return agent_status_to_json(event.status)
