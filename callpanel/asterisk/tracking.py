"""The adapter's memory of calls, and how calls move: the one writer of every ``CallCtx``.

``AsteriskAdapter`` (adapter.py) reads AMI events and calls into this; ``resync.py`` rebuilds it
through the same methods. Channels are the registry's (``registry.py``): this module asks it to
change them. Everything here is forgotten as soon as the channel hangs up or the call ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..ami import Event
from ..calls import (
    ActiveCallSnapshot,
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
from ..calls.store import CallStore
from . import versions as v
from .callctx import (
    CallChannels,
    CallCtx,
    EndClues,
    HoldSign,
    Origin,
    Party,
    Stage,
    TransferLinks,
    who_holds,
)
from .channels import EVERYTHING, ChannelRecord, ChannelState, EndpointMatcher, is_number
from .registry import ChannelRegistry

log = logging.getLogger(__name__)

ESTABLISHED = (CallState.TALKING, CallState.HOLD)
_PARKED_OR_MUSIC = frozenset({HoldSign.REMOTE_MUSIC, HoldSign.REMOTE_PARKED})
_KEPT_AT_ANSWER = frozenset({HoldSign.REMOTE_PARKED})


@dataclass(frozen=True, slots=True)
class CallLegs:
    operator_channel: str  # "" while the call has no operator leg (remote parked / on MOH)
    operator_uniqueid: str
    remote_channel: str | None
    remote_uniqueid: str | None
    bridge_id: str | None


class CallTracker:
    """Calls by id and the call transitions; the channel registry beside it."""

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
        used = {ctx.channels.remote for ctx in self.calls.values() if ctx.channels.remote}
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
        return [ctx for ctx in self.calls.values() if ctx.channels.remote == uid]

    def remote(self, ctx: CallCtx) -> ChannelRecord | None:
        """The call's other party's channel, while it lives."""
        return self.registry.get(ctx.channels.remote)

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
            self.registry.leads_to_operator(ch)
            half = self.partner(uid) if ch.name.endswith(";2") else ch
            if half is None:
                return ch, False
            self.registry.leads_to_operator(half)
            if half.operator and (half.call_id or half.call_over):
                return half, False  # our own Local leg (expect_originate): join its call
            if half.dialled_by is None:
                return ch, False
            if half.dialled_by == "":
                return None, True  # an Originate of Local/… ringing the operator
            uid = half.dialled_by
        return None, False

    # -- a call's parts (this tracker is their only writer) --------------------------------

    def new_call(
        self,
        op: ChannelRecord,
        direction: Direction,
        call_id: str | None = None,
        *,
        number: str = "",
        originated: bool = False,
    ) -> CallCtx:
        ctx = CallCtx(
            call_id or op.uniqueid, direction, self.clock(), self.store,
            party=Party(number), channels=CallChannels(frozenset({op.uniqueid})),
            origin=Origin(originated),
        )  # fmt: skip
        self.calls[ctx.call_id] = ctx
        self.registry.assign(op, ctx.call_id)
        return ctx

    def join(self, ctx: CallCtx, op: ChannelRecord) -> None:
        """Another operator channel belongs to ``ctx`` (a second endpoint rings, our Local
        leg, a parked call rings us back)."""
        self._set_legs(ctx, ctx.channels.operator_legs | {op.uniqueid})
        self.registry.assign(op, ctx.call_id)

    def drop_leg(self, ctx: CallCtx, uid: str) -> None:
        self._set_legs(ctx, ctx.channels.operator_legs - {uid})

    def leg_hung_up(self, ctx: CallCtx, uid: str, cause: int | None) -> None:
        self.drop_leg(ctx, uid)
        c = ctx.clues
        ctx.clues = EndClues(c.dial_status, c.answered_elsewhere, c.handed_on, cause)

    def _set_legs(self, ctx: CallCtx, legs: frozenset[str]) -> None:
        if legs != ctx.channels.operator_legs:
            c = ctx.channels
            ctx.channels = CallChannels(legs, c.remote, c.talk_bridge)

    def set_remote(self, ctx: CallCtx, uid: str | None) -> None:
        if uid != ctx.channels.remote:
            c = ctx.channels
            ctx.channels = CallChannels(c.operator_legs, uid, c.talk_bridge)

    def set_talk_bridge(self, ctx: CallCtx, bridge: str | None) -> None:
        if bridge != ctx.channels.talk_bridge:
            c = ctx.channels
            ctx.channels = CallChannels(c.operator_legs, c.remote, bridge)

    def keep_channels(self, ctx: CallCtx, alive: Mapping[str, ChannelRecord]) -> None:
        """After a resync: only the channels still listed stay the call's."""
        legs = frozenset(uid for uid in ctx.channels.operator_legs if uid in alive)
        remote = ctx.channels.remote if ctx.channels.remote in alive else None
        ctx.channels = CallChannels(legs, remote, ctx.channels.talk_bridge)

    def set_identity(
        self, ctx: CallCtx, number: str, name: str, remote: ChannelRecord | None
    ) -> None:
        internal = bool(number) and remote is not None and remote.resource == number
        ctx.party = Party(number, name, internal, ctx.party.dialled)

    def set_number(self, ctx: CallCtx, number: str) -> None:
        p = ctx.party
        ctx.party = Party(number, p.name, p.internal, p.dialled)

    def set_connected(self, ctx: CallCtx, number: str, name: str) -> None:
        """What the operator's phone is now connected to (a transfer, a pickup)."""
        p = ctx.party
        ctx.party = Party(number, name, p.internal, p.dialled)

    def mark_internal(self, ctx: CallCtx) -> None:
        p = ctx.party
        ctx.party = Party(p.number, p.name, True, p.dialled)

    def set_dialled(self, ctx: CallCtx, caller: ChannelRecord, op: ChannelRecord) -> None:
        """An incoming call: the number its caller dialled, where its Dial() runs (a ring
        group's or a line's number), unless that is the operator's own extension."""
        exten = caller.exten
        if ctx.direction is Direction.INCOMING and is_number(exten) and exten != op.resource:
            p = ctx.party
            ctx.party = Party(p.number, p.name, p.internal, exten)

    def sign(self, ctx: CallCtx, sign: HoldSign, on: bool) -> None:
        """A sign of hold appeared (``on``) or went; :meth:`eval_hold` draws the conclusion."""
        ctx.signs = ctx.signs | {sign} if on else ctx.signs - {sign}

    def note_dial_status(self, ctx: CallCtx, reason: EndReason) -> None:
        """A DialEnd's verdict on an unanswered leg; the first one counts."""
        if ctx.clues.dial_status is None:
            c = ctx.clues
            ctx.clues = EndClues(reason, c.answered_elsewhere, c.handed_on, c.operator_cause)

    def answered_elsewhere(self, ctx: CallCtx) -> None:
        c = ctx.clues
        ctx.clues = EndClues(c.dial_status, True, c.handed_on, c.operator_cause)

    def hand_on(self, ctx: CallCtx, handed_on: bool = True) -> None:
        """The other party is being sent on (``False``: the transfer was refused or failed)."""
        c = ctx.clues
        ctx.clues = EndClues(c.dial_status, c.answered_elsewhere, handed_on, c.operator_cause)

    def expect_leg(self, ctx: CallCtx) -> None:
        o = ctx.origin
        ctx.origin = Origin(o.originated, o.legs_expected + 1)

    def leg_lost(self, ctx: CallCtx) -> None:
        """An expected leg came, or never will."""
        o = ctx.origin
        ctx.origin = Origin(o.originated, max(0, o.legs_expected - 1))

    def start_consultation(
        self, held: CallCtx, op: ChannelRecord, target: ChannelRecord, out: list[CallEvent]
    ) -> None:
        """Atxfer: the operator's channel left the held call for a call of its own to
        ``target`` (outgoing, id ``<op uid>/<target uid>``)."""
        self.drop_leg(held, op.uniqueid)
        number = target.resource if target.is_local or is_number(target.resource) else ""
        ctx = self.new_call(op, Direction.OUTGOING, f"{op.uniqueid}/{target.uniqueid}")
        held.links = TransferLinks(held.links.parent, ctx.call_id)
        ctx.links = TransferLinks(held.call_id, ctx.links.consult)
        ctx.channels = CallChannels(ctx.channels.operator_legs, target.uniqueid, target.bridge)
        self.set_identity(ctx, number or target.cid_num, "", target)
        self.mark_internal(ctx)
        self.announce(ctx, out)
        if target.state == ChannelState.UP:
            self.answer(ctx, out)

    # -- publishing ------------------------------------------------------------------------

    def publish(self, event: CallEvent, out: list[CallEvent]) -> bool:
        """Write ``event`` into the call store; it goes out only if it changed something."""
        if self.annotate is not None:
            event = self.annotate(event)
        if self.store.apply(event):
            out.append(event)
            return True
        return False

    def announce(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if ctx.stage is Stage.NEW:
            ctx.stage = Stage.ANNOUNCED
            party = ctx.party
            ring = RingStarted(
                ctx.call_id, ctx.direction, party.number, party.name, party.internal,
                dialled=party.dialled,
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
            ctx.stage = Stage.ENDED

    def answer(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if ctx.state in (CallState.RINGING, CallState.DIALING):
            # Music heard before the answer is a queue's, not a hold (parking stays a sign).
            ctx.signs = ctx.signs & _KEPT_AT_ANSWER
            self.apply_input(ctx, CallInput.ANSWER, out)

    def eval_hold(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        """Bring the call's hold state in line with what both sides' signs say."""
        if ctx.state not in ESTABLISHED:
            return
        by = who_holds(ctx.signs)
        assert ctx.call is not None
        if by is not None and ctx.call.held_by is not by:
            self.apply_input(ctx, CallInput.HOLD, out, by=by)
        elif by is None and ctx.state is CallState.HOLD:
            self.apply_input(ctx, CallInput.UNHOLD, out)

    def end(self, ctx: CallCtx, reason: EndReason, out: list[CallEvent]) -> None:
        if self.calls.pop(ctx.call_id, None) is None:
            return
        self.apply_input(ctx, CallInput.END, out, reason=reason)
        links = ctx.links
        parent = self.calls.get(links.parent) if links.parent else None
        for uid in ctx.channels.operator_legs:
            ch = self.channels.get(uid)
            if ch is None:
                continue
            if parent is not None:  # consultation over: the operator is back on the held call
                self.join(parent, ch)
            else:
                self.registry.call_over(ch)
        if parent is not None:
            parent.links = TransferLinks(parent.links.parent, None)
        consult = self.calls.get(links.consult) if links.consult else None
        if consult is not None:
            consult.links = TransferLinks(None, consult.links.consult)

    def end_reason(self, ctx: CallCtx) -> EndReason:
        clues = ctx.clues
        if ctx.state in ESTABLISHED:
            return EndReason.TRANSFERRED if clues.handed_on else EndReason.COMPLETED
        cause = clues.operator_cause
        if ctx.direction is Direction.INCOMING:
            if clues.answered_elsewhere or cause == v.CAUSE_ANSWERED_ELSEWHERE:
                return EndReason.ANSWERED_ELSEWHERE
            if clues.dial_status is not None:
                return clues.dial_status
            if cause in v.REJECT_CAUSES:
                return EndReason.REJECTED
            return EndReason.MISSED
        if clues.dial_status is not None:
            return clues.dial_status
        if cause == v.CAUSE_BUSY:
            return EndReason.BUSY
        if cause is None or cause in v.NO_ANSWER_CAUSES or cause in v.NORMAL_CAUSES:
            return EndReason.NO_ANSWER
        return EndReason.FAILED

    def check_end(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        if ctx.call_id not in self.calls or ctx.channels.operator_legs:
            return
        remote = self.remote(ctx)
        waiting = ctx.state in ESTABLISHED and bool(ctx.signs & _PARKED_OR_MUSIC)
        if remote is not None and (ctx.origin.legs_expected > 0 or waiting):
            self.eval_hold(ctx, out)  # parked / on MOH: the call lives on without our leg
            return
        self.end(ctx, self.end_reason(ctx), out)

    # -- operator legs ---------------------------------------------------------------------

    def op_dials(self, op: ChannelRecord, out: list[CallEvent]) -> CallCtx | None:
        """The operator's phone placed a call (its channel is inbound: state Ring)."""
        if op.call_id is not None or op.call_over:
            return self.ctx_of(op)
        # Announced at its DialBegin (a few ms later), when whom it rings is known.
        return self.new_call(op, Direction.OUTGOING, number=op.exten if is_number(op.exten) else "")

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
                    if not c.channels.operator_legs or c.state is CallState.RINGING
                ),
                None,
            )
            if back is not None:
                # A held/parked call comes back to us (parking timeout), or one caller rings
                # two of our endpoints at once (Dial(SIP/101&PJSIP/101)): still one call.
                self.join(back, op)
                return
        if ctx is None and remote is not None and remote.operator:
            joined = self.ctx_of(remote)
            if joined is not None:  # our own leg (Local/101@panel-aa) rings the phone
                self.join(joined, op)
                return
            if remote.call_over:
                self.registry.call_over(op)  # the leg of a call that is already over
                return
        originated = originated or via_originate or (remote is not None and remote.operator)
        if ctx is not None:
            incoming = ctx.direction is Direction.INCOMING
            if incoming and remote is not None and ctx.channels.remote is None:
                self.set_remote(ctx, remote.uniqueid)
            return
        if originated:
            # The number comes later: OriginateResponse or our DialBegin.
            self.new_call(op, Direction.OUTGOING, originated=True)
            return
        self.ring_incoming(op, remote, out)

    def ring_incoming(
        self, op: ChannelRecord, remote: ChannelRecord | None, out: list[CallEvent]
    ) -> CallCtx:
        """A new incoming call on ``op`` from ``remote`` (None: not known, the operator's
        connected line tells who), announced."""
        ctx = self.new_call(op, Direction.INCOMING)
        if remote is not None:
            self.set_remote(ctx, remote.uniqueid)
            self.set_identity(ctx, remote.cid_num, remote.cid_name, remote)
            self.set_dialled(ctx, remote, op)
        else:
            self.set_identity(ctx, op.conn_num, op.conn_name, None)
        self.announce(ctx, out)
        return ctx

    def resync(self, channels: Sequence[Event]) -> list[CallEvent]:
        """CoreShowChannel items in; vanished calls end, new ones start, a snapshot comes last."""
        from .resync import resync_channels  # resync.py works through this tracker's methods

        return resync_channels(self, channels)

    def all_calls(self) -> Iterable[CallCtx]:
        return list(self.calls.values())

    def snapshot(self) -> ActiveCallSnapshot:
        return self.store.snapshot(iter(list(self.calls)))
