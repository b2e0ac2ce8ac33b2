"""The call-model events the UI reacts to. Names follow the CRM connector our admins know."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Direction(enum.Enum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class CallState(enum.Enum):
    RINGING = "ringing"  # incoming, the operator's phone rings
    DIALING = "dialing"  # outgoing, the remote side rings (or the operator's phone, click-to-call)
    TALKING = "talking"
    HOLD = "hold"
    ENDED = "ended"


class HoldBy(enum.Enum):
    OPERATOR = "operator"
    REMOTE = "remote"


class EndReason(enum.Enum):
    COMPLETED = "completed"  # it was talking, then either side hung up
    MISSED = "missed"  # incoming, never answered; the caller gave up or it timed out
    REJECTED = "rejected"  # the operator's phone declined
    ANSWERED_ELSEWHERE = "answered_elsewhere"  # queue, ring group, pickup
    BUSY = "busy"  # outgoing, remote busy
    NO_ANSWER = "no_answer"  # outgoing, remote did not answer
    TRANSFERRED = "transferred"  # the operator handed the call on
    FAILED = "failed"  # congestion, unavailable, anything else


@dataclass(frozen=True, slots=True)
class RingStarted:
    call_id: str
    direction: Direction
    number: str
    name: str
    internal: bool = False  # the other party is a local extension
    queue: str | None = None  # the call comes from this queue (call centre)
    waited_s: int | None = None  # how long the caller had waited when it started ringing
    # The number the caller dialled (a ring group, a line's DID), when it was not the
    # operator's own extension: what the card shows when the call comes from no queue.
    dialled: str | None = None


@dataclass(frozen=True, slots=True)
class CommutationStarted:
    call_id: str


@dataclass(frozen=True, slots=True)
class PutHoldAction:
    call_id: str
    by: HoldBy


@dataclass(frozen=True, slots=True)
class EndHoldAction:
    call_id: str


@dataclass(frozen=True, slots=True)
class RingFinished:
    call_id: str
    reason: EndReason


@dataclass(frozen=True, slots=True)
class CallInfoChanged:
    call_id: str
    number: str
    name: str


@dataclass(frozen=True, slots=True)
class CallSnapshot:
    """One live call in an ``ActiveCallSnapshot``. ``held_by`` None on a HOLD call means the
    sender did not say (the JSON form carries neither it nor ``internal``): taken as the
    operator's hold, the one the operator can resume."""

    call_id: str
    state: CallState
    direction: Direction
    number: str
    name: str
    held_by: HoldBy | None = None
    internal: bool = False


@dataclass(frozen=True, slots=True)
class ActiveCallSnapshot:
    calls: tuple[CallSnapshot, ...]


CallEvent = (
    RingStarted
    | CommutationStarted
    | PutHoldAction
    | EndHoldAction
    | RingFinished
    | CallInfoChanged
    | ActiveCallSnapshot
)


def event_to_json(event: CallEvent) -> dict[str, object]:
    """The stable JSON form printed by ``callpanel replay`` and ``callpanel monitor``."""
    if isinstance(event, RingStarted):
        ring: dict[str, object] = {
            "event": "RingStarted",
            "call": event.call_id,
            "direction": event.direction.value,
            "number": event.number,
            "name": event.name,
            "internal": event.internal,
        }
        if event.queue is not None:  # only for queue calls: other outputs stay as they were
            ring["queue"] = event.queue
            if event.waited_s is not None:
                ring["waited_s"] = event.waited_s
        if event.dialled is not None:
            ring["dialled"] = event.dialled
        return ring
    if isinstance(event, CommutationStarted):
        return {"event": "CommutationStarted", "call": event.call_id}
    if isinstance(event, PutHoldAction):
        return {"event": "PutHoldAction", "call": event.call_id, "by": event.by.value}
    if isinstance(event, EndHoldAction):
        return {"event": "EndHoldAction", "call": event.call_id}
    if isinstance(event, RingFinished):
        return {"event": "RingFinished", "call": event.call_id, "reason": event.reason.value}
    if isinstance(event, CallInfoChanged):
        return {
            "event": "CallInfoChanged",
            "call": event.call_id,
            "number": event.number,
            "name": event.name,
        }
    return {
        "event": "ActiveCallSnapshot",
        "calls": [
            {
                "call": c.call_id,
                "state": c.state.value,
                "direction": c.direction.value,
                "number": c.number,
                "name": c.name,
            }
            for c in event.calls
        ],
    }


class Capability(enum.Enum):
    """What the operator can do to a call; the UI enables a button only when it is offered."""

    ANSWER = "answer"
    HOLD = "hold"
    UNHOLD = "unhold"
    HANGUP = "hangup"
    TRANSFER = "transfer"  # blind
    ATTENDED_TRANSFER = "atxfer"
    DTMF = "dtmf"
