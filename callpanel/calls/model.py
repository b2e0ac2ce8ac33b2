"""The PBX-neutral call: an immutable ``Call``, one transition table, and derived capabilities.

A connector (the Asterisk adapter) decides *what happened* (a ``CallInput``); this module alone
decides which state follows and which call-model event the UI sees. An input the table does not
allow in the current state is a bug upstream: it is logged and ignored, never raised.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from types import MappingProxyType

from .events import (
    CallEvent,
    CallInfoChanged,
    CallSnapshot,
    CallState,
    Capability,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)

log = logging.getLogger(__name__)


class CallInput(enum.Enum):
    """What can happen to a call once it exists (creation is ``start_call``)."""

    ANSWER = "answer"  # both parties are connected
    HOLD = "hold"  # someone put the call on hold (or the holder changed)
    UNHOLD = "unhold"
    END = "end"


_LIVE = (CallState.RINGING, CallState.DIALING, CallState.TALKING, CallState.HOLD)

# The one transition table: (state, input) -> next state. Anything missing is impossible.
TRANSITIONS: MappingProxyType[tuple[CallState, CallInput], CallState] = MappingProxyType(
    {
        (CallState.RINGING, CallInput.ANSWER): CallState.TALKING,
        (CallState.DIALING, CallInput.ANSWER): CallState.TALKING,
        (CallState.TALKING, CallInput.HOLD): CallState.HOLD,
        (CallState.HOLD, CallInput.HOLD): CallState.HOLD,  # the holder changed side
        (CallState.HOLD, CallInput.UNHOLD): CallState.TALKING,
        **{(state, CallInput.END): CallState.ENDED for state in _LIVE},
    }
)


def transition(state: CallState, inp: CallInput) -> CallState | None:
    """The next state, or None (logged) when ``inp`` is impossible in ``state``."""
    nxt = TRANSITIONS.get((state, inp))
    if nxt is None:
        log.warning("impossible call transition ignored: %s + %s", state.value, inp.value)
    return nxt


@dataclass(frozen=True, slots=True)
class Call:
    call_id: str
    direction: Direction
    state: CallState
    number: str
    name: str
    internal: bool
    started_at: float
    answered_at: float | None
    ended_at: float | None
    end_reason: EndReason | None
    held_by: HoldBy | None
    # Where the call came from (call centre): the queue, and how long the caller had waited
    # when the operator's phone started ringing; else the number the caller dialled (a ring
    # group, a line). Kept after answering, for the card and the history.
    queue: str | None = None
    waited_s: int | None = None
    dialled: str | None = None

    def snapshot(self) -> CallSnapshot:
        return CallSnapshot(
            self.call_id,
            self.state,
            self.direction,
            self.number,
            self.name,
            held_by=self.held_by,
            internal=self.internal,
        )


def initial_state(direction: Direction) -> CallState:
    """Where a new call starts: RINGING when incoming, DIALING when outgoing (the one rule)."""
    return CallState.RINGING if direction is Direction.INCOMING else CallState.DIALING


def vanished_reason(state: CallState, direction: Direction) -> EndReason:
    """How a call ended that vanished without an end event (no longer listed at a resync)."""
    if state in (CallState.TALKING, CallState.HOLD):
        return EndReason.COMPLETED
    if direction is Direction.INCOMING and state is CallState.RINGING:
        return EndReason.MISSED
    return EndReason.FAILED


def start_call(
    call_id: str,
    direction: Direction,
    number: str,
    name: str,
    *,
    internal: bool = False,
    at: float,
    state: CallState | None = None,
) -> tuple[Call, RingStarted]:
    """A new call: RINGING when incoming, DIALING when outgoing (unless ``state`` says)."""
    if state is None:
        state = initial_state(direction)
    call = Call(call_id, direction, state, number, name, internal, at, None, None, None, None)
    return call, RingStarted(call_id, direction, number, name, internal)


def apply(
    call: Call,
    inp: CallInput,
    *,
    at: float,
    by: HoldBy | None = None,
    reason: EndReason | None = None,
) -> tuple[Call, list[CallEvent]]:
    """Apply ``inp``; returns the new call and the events to publish (none if impossible)."""
    nxt = transition(call.state, inp)
    if nxt is None:
        return call, []
    cid = call.call_id
    if inp is CallInput.ANSWER:
        return replace(call, state=nxt, answered_at=at), [CommutationStarted(cid)]
    if inp is CallInput.HOLD:
        hold_by = by or HoldBy.OPERATOR
        if call.held_by is hold_by:
            return call, []
        return replace(call, state=nxt, held_by=hold_by), [PutHoldAction(cid, hold_by)]
    if inp is CallInput.UNHOLD:
        return replace(call, state=nxt, held_by=None), [EndHoldAction(cid)]
    end = reason or EndReason.FAILED
    done = replace(call, state=nxt, ended_at=at, end_reason=end, held_by=None)
    return done, [RingFinished(cid, end)]


def change_info(call: Call, number: str, name: str) -> tuple[Call, list[CallEvent]]:
    """New remote identity; an event only when it really changed and the call is live."""
    if call.state is CallState.ENDED or (number, name) == (call.number, call.name):
        return call, []
    return replace(call, number=number, name=name), [CallInfoChanged(call.call_id, number, name)]


_TALK_CAPS = frozenset(
    {
        Capability.HOLD,
        Capability.HANGUP,
        Capability.TRANSFER,
        Capability.ATTENDED_TRANSFER,
        Capability.DTMF,
    }
)
_STATE_CAPS: MappingProxyType[CallState, frozenset[Capability]] = MappingProxyType(
    {
        CallState.RINGING: frozenset({Capability.ANSWER, Capability.HANGUP}),
        CallState.DIALING: frozenset({Capability.HANGUP}),
        CallState.TALKING: _TALK_CAPS,
        CallState.ENDED: frozenset(),
    }
)
_HELD_BY_OPERATOR_CAPS = frozenset(
    {Capability.UNHOLD, Capability.HANGUP, Capability.TRANSFER, Capability.ATTENDED_TRANSFER}
)


def allowed(call: Call) -> frozenset[Capability]:
    """What the call's state allows, whatever the connector can do."""
    if call.state is CallState.HOLD:
        # Held by the remote party: the operator's side is still live, so it acts as talking.
        return _HELD_BY_OPERATOR_CAPS if call.held_by is not HoldBy.REMOTE else _TALK_CAPS
    if call.state is CallState.RINGING and call.direction is Direction.OUTGOING:
        return frozenset({Capability.HANGUP})
    return _STATE_CAPS[call.state]


def capabilities(call: Call, offered: frozenset[Capability]) -> frozenset[Capability]:
    """What the operator can do now: the connector's ``offered`` set ∩ what the state allows."""
    return allowed(call) & offered
