"""The adapter's memory: live channels, bridges, Local pairs and calls, and how calls move.

``AsteriskAdapter`` (adapter.py) reads AMI events and calls into this; ``resync.py`` rebuilds it.
Everything here is forgotten as soon as the channel hangs up or the call ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..ami import Event
from ..calls import (
    ActiveCallSnapshot,
    Call,
    CallEvent,
    CallInput,
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
from ..calls.model import initial_state
from ..calls.store import CallStore
from . import versions as v
from .channels import EVERYTHING, ChannelRecord, EndpointMatcher, is_number
from .registry import ChannelRegistry

log = logging.getLogger(__name__)

ESTABLISHED = (CallState.TALKING, CallState.HOLD)


@dataclass(frozen=True, slots=True)
class CallLegs:
    operator_channel: str  # "" while the call has no operator leg (remote parked / on MOH)
    operator_uniqueid: str
    remote_channel: str | None
    remote_uniqueid: str | None
    bridge_id: str | None


class CallCtx:
    """Adapter-side bookkeeping of one call (mutable; the public view is ``Call``)."""

    __slots__ = (
        "_store_calls", "announced", "call_id", "consult", "dialled", "direction", "elsewhere",
        "ended", "handed_on", "internal", "legs_expected", "name", "number", "op_cause",
        "op_hold", "op_moh", "operator_legs", "originate", "parent", "pending", "remote",
        "remote_hold", "remote_moh", "remote_parked", "started_at", "talk_bridge",
    )  # fmt: skip

    def __init__(
        self, call_id: str, direction: Direction, at: float, calls: Mapping[str, Call]
    ) -> None:
        self.call_id = call_id
        self.direction = direction
        self._store_calls = calls  # the call store: the call's state lives there, not here
        self.announced = False  # RingStarted went out
        self.ended = False  # RingFinished went out
        self.number = ""
        self.name = ""
        self.internal = False
        self.dialled: str | None = None  # what the caller dialled (ring group, line)
        self.operator_legs: set[str] = set()
        self.remote: str | None = None
        self.talk_bridge: str | None = None  # the bridge where the operator talks to the remote
        self.op_hold = self.op_moh = False
        self.remote_hold = self.remote_moh = self.remote_parked = False
        self.pending: EndReason | None = None  # what a DialEnd said about an unanswered leg
        self.elsewhere = False
        # The remote party dialled someone else while connected to the operator: a blind
        # transfer, also when Asterisk loses the BlindTransfer event (the operator's channel
        # can be gone before it is published; seen on 18.26.4 in about 1 of 6 runs).
        self.handed_on = False
        self.originate = False
        self.op_cause: int | None = None
        self.parent: str | None = None  # consultation call: the call on hold
        self.consult: str | None = None  # held call: its consultation call
        self.legs_expected = 0  # expect_originate legs still to come
        self.started_at = at

    @property
    def call(self) -> Call | None:
        """The call as the store has it; None before RingStarted and after RingFinished."""
        return self._store_calls.get(self.call_id) if self.announced and not self.ended else None

    @property
    def state(self) -> CallState:
        if self.ended:
            return CallState.ENDED
        call = self.call
        return call.state if call is not None else initial_state(self.direction)


def who_holds(
    *, op_hold: bool, op_moh: bool, remote_hold: bool, remote_moh: bool, remote_parked: bool
) -> HoldBy | None:
    """Who holds a connected call, from both sides' signs (a pure function).

    The operator holds when their phone pressed Hold, or when the other party hears music or
    sits in a parking lot (the panel's pbx-moh / pbx-park hold). The other party holds when
    their phone pressed Hold, or when the operator hears music (the other side's hold music).
    """
    if op_hold or remote_moh or remote_parked:
        return HoldBy.OPERATOR
    if remote_hold or op_moh:
        return HoldBy.REMOTE
    return None


class CallTracker:
    """Channels by Uniqueid, bridges by id, calls by id, and the call transitions."""

    def __init__(
        self, endpoints: Sequence[str], clock: Callable[[], float], store: CallStore | None
    ) -> None:
        self.match = EndpointMatcher(endpoints)
        self.clock = clock
        self.store = store if store is not None else CallStore(clock=clock)
        self.registry = ChannelRegistry(self.match, self._uids_in_use)
        # Read-only aliases of the registry's maps (the registry alone changes them).
        self.channels = self.registry.channels
        self.bridges = self.registry.bridges
        self.gone = self.registry.gone
        self.calls: dict[str, CallCtx] = {}
        self.expected: dict[str, tuple[str, str | None]] = {}
        # A part beside the adapter may add to an event before it enters the store (the call
        # centre adds a queue call's queue and wait to its RingStarted).
        self.annotate: Callable[[CallEvent], CallEvent] | None = None

    # -- channel bookkeeping ---------------------------------------------------------------

    def track(self, event: Event, prefix: str = "", what: int = EVERYTHING) -> ChannelRecord | None:
        return self.registry.track(event, prefix, what)

    def _uids_in_use(self) -> set[str]:
        """Channels a call still refers to: its remote party, and who dialled our legs."""
        used = {ctx.remote for ctx in self.calls.values() if ctx.remote}
        for ch in self.channels.values():
            if ch.operator:
                used.add(ch.linkedid)
                if ch.dialled_by:
                    used.add(ch.dialled_by)
        return used

    def ctx_of(self, ch: ChannelRecord | None) -> CallCtx | None:
        if ch is None or ch.call_id is None:
            return None
        return self.calls.get(ch.call_id)

    def remote_of(self, uid: str) -> list[CallCtx]:
        return [ctx for ctx in self.calls.values() if ctx.remote == uid]

    def partner(self, uid: str) -> ChannelRecord | None:
        """The other half of a Local pair."""
        return self.registry.partner(uid)

    def real_caller(self, uid: str | None) -> tuple[ChannelRecord | None, bool]:
        """Who really calls: follow ``Local;2 -> Local;1 -> its dialler``. (channel, originated)."""
        seen: set[str] = set()
        while uid and uid not in seen:
            seen.add(uid)
            ch = self.channels.get(uid)
            if ch is None:
                return None, False
            if not ch.is_local or (ch.operator and (ch.call_id or ch.call_over)):
                return ch, False
            ch.leads_to_operator = True
            half = self.partner(uid) if ch.name.endswith(";2") else ch
            if half is None:
                return ch, False
            half.leads_to_operator = True
            if half.operator and (half.call_id or half.call_over):
                return half, False  # our own Local leg (expect_originate): join its call
            if half.dialled_by is None:
                return ch, False
            if half.dialled_by == "":
                return None, True  # an Originate of Local/… ringing the operator
            uid = half.dialled_by
        return None, False

    # -- call bookkeeping ------------------------------------------------------------------

    def new_call(
        self, op: ChannelRecord, direction: Direction, call_id: str | None = None
    ) -> CallCtx:
        ctx = CallCtx(call_id or op.uniqueid, direction, self.clock(), self.store)
        self.calls[ctx.call_id] = ctx
        ctx.operator_legs.add(op.uniqueid)
        op.call_id = ctx.call_id
        return ctx

    def publish(self, event: CallEvent, out: list[CallEvent]) -> bool:
        """Write ``event`` into the call store; it goes out only if it changed something."""
        if self.annotate is not None:
            event = self.annotate(event)
        if self.store.apply(event):
            out.append(event)
            return True
        return False

    def announce(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if not ctx.announced:
            ctx.announced = True
            ring = RingStarted(
                ctx.call_id, ctx.direction, ctx.number, ctx.name, ctx.internal,
                dialled=ctx.dialled,
            )  # fmt: skip
            self.publish(ring, out)

    def apply_input(
        self,
        ctx: CallCtx,
        inp: CallInput,
        out: list[CallEvent],
        *,
        by: HoldBy | None = None,
        reason: EndReason | None = None,
    ) -> None:
        self.announce(ctx, out)
        cid = ctx.call_id
        event: CallEvent
        if inp is CallInput.ANSWER:
            event = CommutationStarted(cid)
        elif inp is CallInput.HOLD:
            event = PutHoldAction(cid, by or HoldBy.OPERATOR)
        elif inp is CallInput.UNHOLD:
            event = EndHoldAction(cid)
        else:
            event = RingFinished(cid, reason or EndReason.FAILED)
        self.publish(event, out)
        if inp is CallInput.END:
            ctx.ended = True

    def answer(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if ctx.state in (CallState.RINGING, CallState.DIALING):
            # Music heard before the answer is a queue's, not a hold.
            ctx.op_moh = ctx.remote_moh = ctx.op_hold = ctx.remote_hold = False
            self.apply_input(ctx, CallInput.ANSWER, out)

    def set_identity(
        self, ctx: CallCtx, number: str, name: str, remote: ChannelRecord | None
    ) -> None:
        ctx.number, ctx.name = number, name
        ctx.internal = bool(number) and remote is not None and remote.resource == number

    def set_dialled(self, ctx: CallCtx, caller: ChannelRecord, op: ChannelRecord) -> None:
        """An incoming call: the number its caller dialled, where its Dial() runs (a ring
        group's or a line's number), unless that is the operator's own extension."""
        exten = caller.exten
        if ctx.direction is Direction.INCOMING and is_number(exten) and exten != op.resource:
            ctx.dialled = exten

    def eval_hold(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        """Bring the call's hold state in line with what both sides' flags say."""
        if ctx.state not in ESTABLISHED:
            return
        by = who_holds(
            op_hold=ctx.op_hold,
            op_moh=ctx.op_moh,
            remote_hold=ctx.remote_hold,
            remote_moh=ctx.remote_moh,
            remote_parked=ctx.remote_parked,
        )
        assert ctx.call is not None
        if by is not None and ctx.call.held_by is not by:
            self.apply_input(ctx, CallInput.HOLD, out, by=by)
        elif by is None and ctx.state is CallState.HOLD:
            self.apply_input(ctx, CallInput.UNHOLD, out)

    def end(self, ctx: CallCtx, reason: EndReason, out: list[CallEvent]) -> None:
        if self.calls.pop(ctx.call_id, None) is None:
            return
        self.apply_input(ctx, CallInput.END, out, reason=reason)
        parent = self.calls.get(ctx.parent) if ctx.parent else None
        for uid in ctx.operator_legs:
            ch = self.channels.get(uid)
            if ch is None:
                continue
            if parent is not None:  # consultation over: the operator is back on the held call
                ch.call_id = parent.call_id
                parent.operator_legs.add(uid)
            else:
                ch.call_id = None
                ch.call_over = True
        if parent is not None:
            parent.consult = None
        if ctx.consult and ctx.consult in self.calls:
            self.calls[ctx.consult].parent = None

    def end_reason(self, ctx: CallCtx) -> EndReason:
        if ctx.state in ESTABLISHED:
            return EndReason.TRANSFERRED if ctx.handed_on else EndReason.COMPLETED
        cause = ctx.op_cause
        if ctx.direction is Direction.INCOMING:
            if ctx.elsewhere or cause == v.CAUSE_ANSWERED_ELSEWHERE:
                return EndReason.ANSWERED_ELSEWHERE
            if ctx.pending is not None:
                return ctx.pending
            if cause in v.REJECT_CAUSES:
                return EndReason.REJECTED
            return EndReason.MISSED
        if ctx.pending is not None:
            return ctx.pending
        if cause == v.CAUSE_BUSY:
            return EndReason.BUSY
        if cause is None or cause in v.NO_ANSWER_CAUSES or cause in v.NORMAL_CAUSES:
            return EndReason.NO_ANSWER
        return EndReason.FAILED

    def check_end(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if ctx.call_id not in self.calls or ctx.operator_legs:
            return
        remote = self.channels.get(ctx.remote) if ctx.remote else None
        waiting = ctx.state in ESTABLISHED and (ctx.remote_moh or ctx.remote_parked)
        if remote is not None and (ctx.legs_expected > 0 or waiting):
            self.eval_hold(ctx, out)  # parked / on MOH: the call lives on without our leg
            return
        self.end(ctx, self.end_reason(ctx), out)

    # -- operator legs ---------------------------------------------------------------------

    def op_dials(self, op: ChannelRecord, out: list[CallEvent]) -> CallCtx | None:
        """The operator's phone placed a call (its channel is inbound: state Ring)."""
        if op.call_id is not None or op.call_over:
            return self.ctx_of(op)
        ctx = self.new_call(op, Direction.OUTGOING)
        if is_number(op.exten):
            ctx.number = op.exten
        # Announced at its DialBegin (a few ms later), when whom it rings is known.
        return ctx

    def op_rings(self, op: ChannelRecord, caller_uid: str | None, out: list[CallEvent]) -> None:
        """Something rings the operator's phone: an incoming call or the first leg of Originate."""
        ctx = self.ctx_of(op)
        if ctx is None and op.call_over:
            return
        if caller_uid is None and op.dialled_by is None:
            # Newstate 5 came before DialBegin: the Linkedid root is the best caller guess.
            caller_uid = None if op.linkedid == op.uniqueid else op.linkedid
            originated = caller_uid is None
        else:
            originated = not caller_uid
        remote, via_originate = self.real_caller(caller_uid) if caller_uid else (None, False)
        if ctx is None and remote is not None and not remote.operator:
            back = next(
                (
                    c
                    for c in self.remote_of(remote.uniqueid)
                    if not c.operator_legs or c.state is CallState.RINGING
                ),
                None,
            )
            if back is not None:
                # A held/parked call comes back to us (parking timeout), or one caller rings
                # two of our endpoints at once (Dial(SIP/101&PJSIP/101)): still one call.
                back.operator_legs.add(op.uniqueid)
                op.call_id = back.call_id
                return
        if ctx is None and remote is not None and remote.operator:
            joined = self.ctx_of(remote)
            if joined is not None:  # our own leg (Local/101@panel-aa) rings the phone
                joined.operator_legs.add(op.uniqueid)
                op.call_id = joined.call_id
                return
            if remote.call_over:
                op.call_over = True  # the leg of a call that is already over
                return
        originated = originated or via_originate or (remote is not None and remote.operator)
        if ctx is not None:
            if ctx.direction is Direction.INCOMING and remote is not None and ctx.remote is None:
                ctx.remote = remote.uniqueid
            return
        if originated:
            ctx = self.new_call(op, Direction.OUTGOING)
            ctx.originate = True  # the number comes later: OriginateResponse or our DialBegin
            return
        ctx = self.new_call(op, Direction.INCOMING)
        if remote is not None:
            ctx.remote = remote.uniqueid
            self.set_identity(ctx, remote.cid_num, remote.cid_name, remote)
            self.set_dialled(ctx, remote, op)
        else:
            self.set_identity(ctx, op.conn_num, op.conn_name, None)
        self.announce(ctx, out)

    def resync(self, channels: Sequence[Event]) -> list[CallEvent]:
        """CoreShowChannel items in; vanished calls end, new ones start, a snapshot comes last."""
        from .resync import resync_channels  # resync.py works through this tracker's methods

        return resync_channels(self, channels)

    def all_calls(self) -> Iterable[CallCtx]:
        return list(self.calls.values())

    def snapshot(self) -> ActiveCallSnapshot:
        return self.store.snapshot(iter(list(self.calls)))
