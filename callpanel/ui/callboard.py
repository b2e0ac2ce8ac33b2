"""The panel's own view of the operator's calls, built from call-model events.

Pure Python (no Qt): the bridge feeds it every event and turns the returned change into Qt
signals. Timestamps come from the injected clock, so the widgets' timers are testable.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..calls.events import (
    ActiveCallSnapshot,
    CallEvent,
    CallInfoChanged,
    CallState,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from ..calls.model import Call

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BoardChange:
    """What one event did: calls that appeared, changed, or ended (ended ones leave the board)."""

    added: tuple[Call, ...] = ()
    updated: tuple[Call, ...] = ()
    ended: tuple[Call, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.ended)


@dataclass
class _Acc:
    added: list[Call] = field(default_factory=list)
    updated: list[Call] = field(default_factory=list)
    ended: list[Call] = field(default_factory=list)

    def freeze(self) -> BoardChange:
        return BoardChange(tuple(self.added), tuple(self.updated), tuple(self.ended))


def _ring_state(direction: Direction) -> CallState:
    return CallState.RINGING if direction is Direction.INCOMING else CallState.DIALING


def _guess_end(call: Call) -> EndReason:
    if call.answered_at is not None:
        return EndReason.COMPLETED
    if call.direction is Direction.INCOMING:
        return EndReason.MISSED
    return EndReason.FAILED


class CallBoard:
    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._calls: dict[str, Call] = {}

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    def get(self, call_id: str) -> Call | None:
        return self._calls.get(call_id)

    def calls(self) -> list[Call]:
        """Active calls, ringing ones first (they need the operator now), then oldest first."""
        return sorted(
            self._calls.values(), key=lambda c: (c.state is not CallState.RINGING, c.started_at)
        )

    def clear(self) -> BoardChange:
        """Forget every call (new server); they are reported as ended."""
        acc = _Acc()
        for call_id in list(self._calls):
            self._end(call_id, None, acc)
        return acc.freeze()

    def apply(self, event: CallEvent) -> BoardChange:
        acc = _Acc()
        if isinstance(event, RingStarted):
            self._ring(event, acc)
        elif isinstance(event, ActiveCallSnapshot):
            self._snapshot(event, acc)
        elif isinstance(event, RingFinished):
            if event.call_id in self._calls:
                self._end(event.call_id, event.reason, acc)
        else:
            call = self._calls.get(event.call_id)
            if call is None:
                log.debug("event for an unknown call ignored: %r", event)
                return acc.freeze()
            new = self._change(call, event)
            if new != call:
                self._calls[call.call_id] = new
                acc.updated.append(new)
        return acc.freeze()

    # -- internals ---------------------------------------------------------------------------

    def _ring(self, event: RingStarted, acc: _Acc) -> None:
        old = self._calls.get(event.call_id)
        if old is not None:  # a repeated RingStarted refreshes the caller details only
            new = dataclasses.replace(old, number=event.number, name=event.name)
            if new != old:
                self._calls[old.call_id] = new
                acc.updated.append(new)
            return
        call = Call(
            call_id=event.call_id,
            direction=event.direction,
            state=_ring_state(event.direction),
            number=event.number,
            name=event.name,
            internal=event.internal,
            started_at=self._clock(),
            answered_at=None,
            ended_at=None,
            end_reason=None,
            held_by=None,
        )
        self._calls[call.call_id] = call
        acc.added.append(call)

    def _change(self, call: Call, event: CallEvent) -> Call:
        now = self._clock()
        if isinstance(event, CommutationStarted):
            return dataclasses.replace(
                call,
                state=CallState.TALKING,
                held_by=None,
                answered_at=call.answered_at if call.answered_at is not None else now,
            )
        if isinstance(event, PutHoldAction):
            return dataclasses.replace(
                call,
                state=CallState.HOLD,
                held_by=event.by,
                answered_at=call.answered_at if call.answered_at is not None else now,
            )
        if isinstance(event, EndHoldAction):
            if call.state is not CallState.HOLD:
                return call
            return dataclasses.replace(call, state=CallState.TALKING, held_by=None)
        if isinstance(event, CallInfoChanged):
            return dataclasses.replace(call, number=event.number, name=event.name)
        return call

    def _end(self, call_id: str, reason: EndReason | None, acc: _Acc) -> None:
        call = self._calls.pop(call_id)
        ended = dataclasses.replace(
            call,
            state=CallState.ENDED,
            ended_at=self._clock(),
            end_reason=reason if reason is not None else _guess_end(call),
            held_by=None,
        )
        acc.ended.append(ended)

    def _snapshot(self, event: ActiveCallSnapshot, acc: _Acc) -> None:
        now = self._clock()
        seen = set()
        for snap in event.calls:
            seen.add(snap.call_id)
            old = self._calls.get(snap.call_id)
            if snap.state is CallState.ENDED:
                if old is not None:
                    self._end(snap.call_id, None, acc)
                continue
            answered = snap.state in (CallState.TALKING, CallState.HOLD)
            if old is None:
                call = Call(
                    call_id=snap.call_id,
                    direction=snap.direction,
                    state=snap.state,
                    number=snap.number,
                    name=snap.name,
                    internal=False,
                    started_at=now,
                    answered_at=now if answered else None,
                    ended_at=None,
                    end_reason=None,
                    # the snapshot does not say who held; the operator is the one who can unhold
                    held_by=HoldBy.OPERATOR if snap.state is CallState.HOLD else None,
                )
                self._calls[call.call_id] = call
                acc.added.append(call)
                continue
            held_by = old.held_by if snap.state is CallState.HOLD else None
            if snap.state is CallState.HOLD and held_by is None:
                held_by = HoldBy.OPERATOR
            new = dataclasses.replace(
                old,
                state=snap.state,
                number=snap.number or old.number,
                name=snap.name or old.name,
                held_by=held_by,
                answered_at=old.answered_at if old.answered_at is not None or not answered else now,
            )
            if new != old:
                self._calls[old.call_id] = new
                acc.updated.append(new)
        for call_id in [c for c in self._calls if c not in seen]:
            self._end(call_id, None, acc)
