"""The call centre's JSON between the hub and the panels (pure, checked like ``wire``).

``queues`` (retained, one per operator, after every change)::

    {"hub": EPOCH, "extension": "101", "dnd": false, "known_queues": ["sales", …],
     "memberships": [{"queue", "interface", "name", "state_interface", "dynamic", "paused",
                      "reason", "penalty", "calls_taken", "last_call", "status", "in_call"}, …],
     "status": {"event": "AgentStatus", "status": "paused", "reason": "Lunch"},
     "denied": {"pause": "Permission denied", …}}

``presence`` (retained, shared by every panel; the building's colleagues with pauses and DND
already laid over, so a panel shows them as they are; each panel leaves out its own)::

    {"hub": EPOCH, "colleagues": [{"extension", "context", "name", "devices", "state"}, …]}

The whole state each time rather than a change: a panel that connects, or missed a message,
is right again with the next one, and a retained message is the state, not a backlog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..calls.policy import Command
from ..centre import Colleague, ColleagueState, Membership, MemberStatus
from ..centre.events import agent_status_to_json
from ..centre.model import AgentStatus
from .wire import WireError, _enum, _int, _text

MAX_MEMBERSHIPS = 500
MAX_QUEUES = 2000
MAX_COLLEAGUES = 5000  # bench/bench_colleagues.py lists 2,000
MAX_DEVICES = 8


def _bool(obj: Mapping[str, object], key: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise WireError(f"{key!r} must be true or false")
    return value


def _list(obj: Mapping[str, object], key: str, limit: int) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise WireError(f"{key!r} must be a list")
    if len(value) > limit:
        raise WireError(f"more than {limit} items in {key!r}")
    return value


# -- memberships -------------------------------------------------------------------------------


def membership_to_wire(m: Membership) -> dict[str, object]:
    return {
        "queue": m.queue,
        "interface": m.interface,
        "name": m.name,
        "state_interface": m.state_interface,
        "dynamic": m.dynamic,
        "paused": m.paused,
        "reason": m.reason,
        "penalty": m.penalty,
        "calls_taken": m.calls_taken,
        "last_call": m.last_call,
        "status": m.status.value,
        "in_call": m.in_call,
    }


def membership_from_wire(obj: object) -> Membership:
    if not isinstance(obj, dict):
        raise WireError("a membership must be an object")
    penalty = obj.get("penalty")
    if not isinstance(penalty, int) or isinstance(penalty, bool):
        raise WireError("'penalty' must be an integer")
    return Membership(
        queue=_text(obj, "queue"),
        interface=_text(obj, "interface"),
        name=_text(obj, "name", optional=True),
        state_interface=_text(obj, "state_interface", optional=True),
        dynamic=_bool(obj, "dynamic"),
        paused=_bool(obj, "paused"),
        reason=_text(obj, "reason", optional=True),
        penalty=penalty,
        calls_taken=_int(obj, "calls_taken"),
        last_call=_int(obj, "last_call"),
        status=_enum(MemberStatus, obj, "status"),
        in_call=_bool(obj, "in_call"),
    )


@dataclass(frozen=True, slots=True)
class QueuesMessage:
    """An operator's memberships, DND and the queues the PBX has, as the hub sees them."""

    hub: str
    extension: str  # the operator's own extension (left out of the colleagues)
    memberships: tuple[Membership, ...]
    dnd: bool
    known_queues: tuple[str, ...]
    status: AgentStatus | None = None  # for readers of the topic; a panel recomputes it
    denied: Mapping[Command, str] = field(default_factory=dict)  # refused to the hub's AMI user

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "hub": self.hub,
            "extension": self.extension,
            "dnd": self.dnd,
            "known_queues": list(self.known_queues),
            "memberships": [membership_to_wire(m) for m in self.memberships],
            "denied": {c.value: text for c, text in sorted(self.denied.items(), key=_by_value)},
        }
        if self.status is not None:
            out["status"] = agent_status_to_json(self.status)
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> QueuesMessage:
        queues = _list(obj, "known_queues", MAX_QUEUES)
        if not all(isinstance(q, str) and 0 < len(q) <= 128 for q in queues):
            raise WireError("'known_queues' must be queue names")
        raw_denied = obj.get("denied", {})
        if not isinstance(raw_denied, dict):
            raise WireError("'denied' must be an object")
        denied: dict[Command, str] = {}
        for key in raw_denied:
            try:
                command = Command(key)
            except ValueError:
                continue  # a command this panel does not have
            denied[command] = _text(raw_denied, key)
        return cls(
            hub=_text(obj, "hub"),
            extension=_text(obj, "extension", optional=True),
            memberships=tuple(
                membership_from_wire(m) for m in _list(obj, "memberships", MAX_MEMBERSHIPS)
            ),
            dnd=_bool(obj, "dnd"),
            known_queues=tuple(queues),
            denied=denied,
        )


def _by_value(item: tuple[Command, str]) -> str:
    return item[0].value


# -- presence ----------------------------------------------------------------------------------


def colleague_to_wire(c: Colleague) -> dict[str, object]:
    return {
        "extension": c.extension,
        "context": c.context,
        "name": c.name,
        "devices": list(c.devices),
        "state": c.state.value,
    }


def colleague_from_wire(obj: object) -> Colleague:
    if not isinstance(obj, dict):
        raise WireError("a colleague must be an object")
    devices = _list(obj, "devices", MAX_DEVICES)
    if not all(isinstance(d, str) and 0 < len(d) <= 128 for d in devices):
        raise WireError("'devices' must be device names")
    return Colleague(
        extension=_text(obj, "extension"),
        context=_text(obj, "context", optional=True),
        name=_text(obj, "name", optional=True),
        devices=tuple(devices),
        state=_enum(ColleagueState, obj, "state"),
    )


@dataclass(frozen=True, slots=True)
class PresenceMessage:
    hub: str
    colleagues: tuple[Colleague, ...]

    def to_json(self) -> dict[str, object]:
        return {"hub": self.hub, "colleagues": [colleague_to_wire(c) for c in self.colleagues]}

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> PresenceMessage:
        items = _list(obj, "colleagues", MAX_COLLEAGUES)
        return cls(_text(obj, "hub"), tuple(colleague_from_wire(c) for c in items))
