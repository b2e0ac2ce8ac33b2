"""The one owner of the operator's calls: call events in, the calls everyone sees out.

``CallStore`` is the reducer. A connector (the Asterisk adapter) writes every call event it
produces into the store; the store moves the call through the transition table of
:mod:`.model` and tells its listeners what changed. The window, the tray, the history, the
client (which checks a command against the call's state) and the monitor all read the same
store, so there is one answer to "what is this call doing now".

An event the table does not allow (an impossible step) changes nothing and is reported as an
empty ``CallChange``; a connector publishes only events that changed the store.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from .events import (
    ActiveCallSnapshot,
    CallEvent,
    CallInfoChanged,
    CallSnapshot,
    CallState,
    CommutationStarted,
    EndHoldAction,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from .model import Call, CallInput, apply, change_info, start_call, vanished_reason

log = logging.getLogger(__name__)

__all__ = ["CallChange", "CallStore", "ChangeListener"]


@dataclass(frozen=True, slots=True)
class CallChange:
    """What one event did: calls that appeared, changed, or ended (ended ones leave the store)."""

    added: tuple[Call, ...] = ()
    updated: tuple[Call, ...] = ()
    ended: tuple[Call, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.ended)


ChangeListener = Callable[[CallChange], None]
_NO_CHANGE = CallChange()
_ESTABLISHED = (CallState.TALKING, CallState.HOLD)


class CallStore(Mapping[str, Call]):
    """Live calls by id (a read-only mapping); :meth:`apply` is the only way to change them."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._calls: dict[str, Call] = {}
        self._listeners: list[ChangeListener] = []

    # -- reading ---------------------------------------------------------------------------

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    def __getitem__(self, call_id: str) -> Call:
        return self._calls[call_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._calls)

    def __len__(self) -> int:
        return len(self._calls)

    def calls(self) -> list[Call]:
        """Live calls, ringing ones first (they need the operator now), then oldest first."""
        return sorted(
            self._calls.values(), key=lambda c: (c.state is not CallState.RINGING, c.started_at)
        )

    def snapshot(self, order: Iterator[str] | None = None) -> ActiveCallSnapshot:
        """Every live call, in ``order`` (call ids) if given, else in the order they started."""
        ids = list(order) if order is not None else list(self._calls)
        return ActiveCallSnapshot(
            tuple(self._calls[cid].snapshot() for cid in ids if cid in self._calls)
        )

    # -- listening -------------------------------------------------------------------------

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` with every non-empty change; returns the function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    # -- changing --------------------------------------------------------------------------

    def apply(self, event: CallEvent) -> CallChange:
        """Apply one call event; returns what changed (empty when nothing did)."""
        if isinstance(event, ActiveCallSnapshot):
            change = self._reconcile(event)
        elif isinstance(event, RingStarted):
            change = self._ring(event)
        else:
            call = self._calls.get(event.call_id)
            if call is None:
                log.debug("event for an unknown call ignored: %r", event)
                return _NO_CHANGE
            change = self._step(call, event)
        self._notify(change)
        return change

    def clear(self) -> list[Call]:
        """Forget every call (we stopped watching this server); returns the calls forgotten.

        They are not ended: they go on at the PBX, and the next resync says how they ended."""
        dropped = list(self._calls.values())
        self._calls.clear()
        return dropped

    # -- internals ---------------------------------------------------------------------------

    def _notify(self, change: CallChange) -> None:
        if not change:
            return
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # one broken view must not stop the others or the connector
                log.exception("call store listener failed")

    def _ring(self, event: RingStarted) -> CallChange:
        old = self._calls.get(event.call_id)
        if old is not None:  # a repeated RingStarted refreshes the caller details only
            new = dataclasses.replace(old, number=event.number, name=event.name)
            return self._put_updated(old, new)
        call, _ = start_call(
            event.call_id,
            event.direction,
            event.number,
            event.name,
            internal=event.internal,
            at=self._clock(),
        )
        if event.queue is not None or event.dialled is not None:
            call = dataclasses.replace(
                call, queue=event.queue, waited_s=event.waited_s, dialled=event.dialled
            )
        self._calls[call.call_id] = call
        return CallChange(added=(call,))

    def _step(self, call: Call, event: CallEvent) -> CallChange:
        now = self._clock()
        if isinstance(event, CommutationStarted):
            new, _ = apply(call, CallInput.ANSWER, at=now)
        elif isinstance(event, PutHoldAction):
            new, _ = apply(call, CallInput.HOLD, at=now, by=event.by)
        elif isinstance(event, EndHoldAction):
            new, _ = apply(call, CallInput.UNHOLD, at=now)
        elif isinstance(event, CallInfoChanged):
            new, _ = change_info(call, event.number, event.name)
        elif isinstance(event, RingFinished):
            ended, events = apply(call, CallInput.END, at=now, reason=event.reason)
            if not events:
                return _NO_CHANGE
            del self._calls[call.call_id]
            return CallChange(ended=(ended,))
        else:
            return _NO_CHANGE
        return self._put_updated(call, new)

    def _put_updated(self, old: Call, new: Call) -> CallChange:
        if new == old:
            return _NO_CHANGE
        self._calls[new.call_id] = new
        return CallChange(updated=(new,))

    def _end(self, call: Call, now: float) -> Call:
        del self._calls[call.call_id]
        return dataclasses.replace(
            call,
            state=CallState.ENDED,
            ended_at=now,
            end_reason=vanished_reason(call.state, call.direction),
            held_by=None,
        )

    def _reconcile(self, event: ActiveCallSnapshot) -> CallChange:
        """A full listing: calls not in it ended, new ones appear, known ones catch up."""
        now = self._clock()
        added: list[Call] = []
        updated: list[Call] = []
        ended: list[Call] = []
        listed = {snap.call_id for snap in event.calls if snap.state is not CallState.ENDED}
        for call_id in [cid for cid in self._calls if cid not in listed]:
            ended.append(self._end(self._calls[call_id], now))
        for snap in event.calls:
            if snap.state is CallState.ENDED:
                continue
            old = self._calls.get(snap.call_id)
            new = self._from_snapshot(snap, old, now)
            if old is None:
                added.append(new)
            elif new != old:
                updated.append(new)
            self._calls[new.call_id] = new
        return CallChange(tuple(added), tuple(updated), tuple(ended))

    @staticmethod
    def _from_snapshot(snap: CallSnapshot, old: Call | None, now: float) -> Call:
        held_by = snap.held_by if snap.state is CallState.HOLD else None
        if snap.state is CallState.HOLD and held_by is None:
            held_by = old.held_by if old is not None and old.held_by else HoldBy.OPERATOR
        answered = snap.state in _ESTABLISHED
        if old is None:
            return Call(
                call_id=snap.call_id,
                direction=snap.direction,
                state=snap.state,
                number=snap.number,
                name=snap.name,
                internal=snap.internal,
                started_at=now,
                answered_at=now if answered else None,
                ended_at=None,
                end_reason=None,
                held_by=held_by,
            )
        return dataclasses.replace(
            old,
            state=snap.state,
            number=snap.number or old.number,
            name=snap.name or old.name,
            held_by=held_by,
            answered_at=old.answered_at if old.answered_at is not None or not answered else now,
        )
