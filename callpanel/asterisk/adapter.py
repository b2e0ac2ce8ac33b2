"""AMI events in, call-model events out: the pure logic between Asterisk and the panel.

Channels are kept by ``Uniqueid`` while they live; only the operator's real channels
(``SIP/101-…``, ``PJSIP/101-…``) make calls, everybody else is remembered just long enough to
say who is on the other end. A call's id is the Uniqueid of its first operator channel, so a
click-to-call's id is known before Asterisk creates the channel (Originate ``ChannelId``).

Decisions worth knowing:

* Incoming: ``DialBegin`` (or, when it comes late, ``Newstate`` 5) of an operator channel with a
  caller; the remote party is the caller, followed through ``Local/…;2`` -> ``;1`` pairs
  (queue members). Outgoing: the operator's phone dials (``Newstate`` 4) or Originate rings it
  with no caller; the number is what the operator dialled (``Exten``, ``DialString``,
  ``OriginateResponse`` ``Exten`` or ``expect_originate``), never Originate's own CallerID.
* Hold is derived from both sides (Hold/Unhold, MusicOnHoldStart/Stop, ParkedCall).
* Atxfer: the operator's channel moves into a second bridge while the first call stays held;
  that second bridge becomes a *consultation call* (outgoing, id ``<op uid>/<target uid>``).
  A successful AttendedTransfer ends both with ``transferred``.
* Local pairs: a Local half that leads to our phone is followed, never shown as a call; when
  Asterisk optimises the pair away, ``BridgeEnter`` ``SwapUniqueid`` moves the remote party to
  the real channel (LocalOptimizationBegin/End themselves carry nothing more we need).
* Memory: a channel is forgotten at its Hangup, a call when it ends; hung-up Uniqueids are
  remembered (at most 1 024) only so that late events cannot bring them back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from ..ami import Event
from ..calls import Call, CallEvent, CallState, Direction, EndReason, RingFinished, RingStarted
from ..calls.store import CallStore
from . import versions as v
from .callctx import CallCtx, HoldSign
from .channels import PLACE, STATE, ChannelRecord, ChannelState, cap, dialstring_number, is_number
from .holds import HoldsAndTransfers
from .tracking import ESTABLISHED, CallLegs, CallTracker

log = logging.getLogger(__name__)

__all__ = ["AsteriskAdapter", "CallLegs"]
_MAX_EXPECTED = 256  # pending expect_originate entries kept (oldest dropped first)

# AMI event name -> handler method. Everything else is ignored.
_HANDLERS: MappingProxyType[str, str] = MappingProxyType(
    {
        "Newchannel": "_on_newchannel",
        "Newstate": "_on_newstate",
        "DialBegin": "_on_dial_begin",
        "DialEnd": "_on_dial_end",
        "BridgeEnter": "_on_bridge_enter",
        "BridgeLeave": "_on_bridge_leave",
        "BridgeDestroy": "_on_bridge_destroy",
        "Hold": "_on_hold",
        "Unhold": "_on_hold",
        "MusicOnHoldStart": "_on_hold",
        "MusicOnHoldStop": "_on_hold",
        "ParkedCall": "_on_park",
        "UnParkedCall": "_on_park",
        "ParkedCallGiveUp": "_on_park",
        "ParkedCallTimeOut": "_on_park",
        "NewConnectedLine": "_on_connected_line",
        "BlindTransfer": "_on_transfer",
        "AttendedTransfer": "_on_transfer",
        "OriginateResponse": "_on_originate_response",
        "Rename": "_on_rename",
        "Hangup": "_on_hangup",
    }
)


# Chatty events the adapter never reads (about half of Asterisk's traffic): the connection's
# parser drops them unbuilt. Subtracting EVENTS below keeps a handled event from ever being lost.
_NOISE_CANDIDATES = frozenset(
    {
        "VarSet",
        "Newexten",
        "RTCPSent",
        "RTCPReceived",
        "DeviceStateChange",
        "ExtensionStatus",
        "QueueMemberStatus",
        "SuccessfulAuth",
        "ChallengeSent",
        "DTMFBegin",
        "DTMFEnd",
        "NewAccountCode",
        "PeerStatus",
        "ContactStatus",
        "Registry",
        "Cdr",
        "CEL",
    }
)


class AsteriskAdapter:
    """Feed every AMI event to :meth:`handle`; it returns the call events to publish.

    Composed of parts with one job each: the ``tracker`` (``CallTracker``: which channels make
    which call, what happened to it; it owns the ``ChannelRegistry`` and writes the call
    store), the call-flow handlers here (channels, dialling, bridges, originate, hangup), and
    ``holds`` (``HoldsAndTransfers``: hold, parking, connected line, transfers).

    ``EVENTS`` names the only events that can matter; a caller may skip the rest before even
    calling :meth:`handle` (or ask Asterisk to filter them, docs/AMI.md §3).
    """

    EVENTS: frozenset[str] = frozenset(_HANDLERS)
    NOISE: frozenset[str] = _NOISE_CANDIDATES - EVENTS

    def __init__(
        self,
        endpoints: Sequence[str],
        *,
        clock: Callable[[], float] = time.time,
        store: CallStore | None = None,
    ) -> None:
        self.tracker = CallTracker(endpoints, clock, store)
        self.holds = HoldsAndTransfers(self.tracker)
        self._handlers: dict[str, Callable[[Event, list[CallEvent]], None]] = {
            name: getattr(self.holds if hasattr(self.holds, method) else self, method)
            for name, method in _HANDLERS.items()
        }

    # -- public API ------------------------------------------------------------------------

    def handle(self, event: Event) -> list[CallEvent]:
        """One AMI event in, the call events it causes out. Unknown events cost a dict miss."""
        # Most traffic (VarSet, Newexten, DeviceStateChange…) stops at this one dict miss.
        handler = self._handlers.get(event.name)
        if handler is None:
            return []
        out: list[CallEvent] = []
        try:
            handler(event, out)
        except Exception:  # a malformed event must never take the connector down
            log.exception("adapter could not handle %s event", event.name)
        return out

    def resync(self, channels: Sequence[Event]) -> list[CallEvent]:
        """CoreShowChannel items in; vanished calls end, new ones start, a snapshot comes last."""
        return self.tracker.resync(channels)

    def expect_originate(self, channel_id: str, number: str, *, call_id: str | None = None) -> None:
        if len(self.tracker.expected) >= _MAX_EXPECTED:
            self._forget_expected(next(iter(self.tracker.expected)), [])
        self.tracker.expected[channel_id] = (number, call_id)
        joined = self.tracker.calls.get(call_id) if call_id is not None else None
        if joined is not None:
            self.tracker.expect_leg(joined)

    def expect_transfer(self, call_id: str, expected: bool = True) -> None:
        """The panel asked Asterisk to send this call's other party on (blind transfer).

        When the operator's leg then goes, the call was transferred, even if no BlindTransfer
        event comes: 18.26.4 drops it when the operator's channel is gone before the event is
        built (about 1 run in 6 in the live tests). ``expected=False`` takes it back (refused).
        """
        ctx = self.tracker.calls.get(call_id)
        if ctx is not None:
            self.tracker.hand_on(ctx, expected)

    @property
    def calls(self) -> Mapping[str, Call]:
        """The live calls: the call store this adapter writes (shared with the panel's views)."""
        return self.tracker.store

    @property
    def store(self) -> CallStore:
        return self.tracker.store

    @property
    def annotate(self) -> Callable[[CallEvent], CallEvent] | None:
        """A part beside the adapter may add to an event before it enters the store (the call
        centre adds a queue call's queue and wait to its RingStarted)."""
        return self.tracker.annotate

    @annotate.setter
    def annotate(self, annotate: Callable[[CallEvent], CallEvent] | None) -> None:
        self.tracker.annotate = annotate

    def legs(self, call_id: str) -> CallLegs | None:
        """The channels behind a call. While an Atxfer consults, the held call reports the
        consulting operator channel (CancelAtxfer goes there); ``bridge_id`` is set only when
        the operator shares a bridge with the remote party (directly or via our Local pair)."""
        ctx = self.tracker.calls.get(call_id)
        if ctx is None:
            return None
        ops = ctx.channels.operator_legs
        consult = self.tracker.calls.get(ctx.links.consult or "")
        if not ops and consult is not None:
            ops = consult.channels.operator_legs
        op = next(
            (self.tracker.channels[u] for u in sorted(ops) if u in self.tracker.channels), None
        )
        remote = self.tracker.remote(ctx)
        bridge = op.bridge if op is not None else None
        if bridge is not None and remote is not None and remote.bridge != bridge:
            members = self.tracker.bridges.get(bridge, set())
            if not any(
                self.tracker.channels[u].leads_to_operator
                for u in members
                if u in self.tracker.channels
            ):
                bridge = None
        return CallLegs(
            op.name if op else "",
            op.uniqueid if op else "",
            remote.name if remote else None,
            remote.uniqueid if remote else None,
            bridge,
        )

    def _forget_expected(self, channel_id: str, out: list[CallEvent]) -> None:
        """An Originate that will never bring its channel (failed, or too old to wait for)."""
        expected = self.tracker.expected.pop(channel_id, None)
        ctx = self.tracker.calls.get(expected[1] or "") if expected else None
        if ctx is not None:
            self.tracker.leg_lost(ctx)
            self.tracker.check_end(ctx, out)

    def clear(self) -> None:
        self.tracker.registry.clear()
        self.tracker.calls.clear()
        self.tracker.expected.clear()
        self.tracker.store.clear()

    def sizes(self) -> dict[str, int]:
        """How much the adapter remembers (for soak tests and benchmarks)."""
        return {
            "channels": len(self.tracker.channels),
            "bridges": len(self.tracker.bridges),
            "locals": len(self.tracker.registry.locals),
            "calls": len(self.tracker.calls),
            "expected": len(self.tracker.expected),
        }

    # -- handlers --------------------------------------------------------------------------

    def _on_newchannel(self, event: Event, out: list[CallEvent]) -> None:
        ch = self.tracker.track(event)
        if ch is None:
            return
        expected = self.tracker.expected.pop(ch.uniqueid, None)
        if expected is not None:
            number, call_id = expected
            joined = self.tracker.calls.get(call_id) if call_id else None
            self.tracker.registry.claim(ch)
            if joined is not None:
                self.tracker.leg_lost(joined)
                self.tracker.join(joined, ch)
                return
            if call_id is not None:
                # A leg for a call that ended meanwhile: nothing to show.
                self.tracker.registry.call_over(ch)
                return
            ctx = self.tracker.new_call(ch, Direction.OUTGOING, number=number, originated=True)
            self.tracker.announce(ctx, out)
            return
        if ch.operator and ch.state == ChannelState.RING:
            self.tracker.op_dials(ch, out)

    def _on_newstate(self, event: Event, out: list[CallEvent]) -> None:
        ch = self.tracker.track(event, what=PLACE)
        if ch is None:
            return
        if ch.operator:
            if ch.state == ChannelState.RING and ch.call_id is None:
                self.tracker.op_dials(ch, out)
            elif ch.state == ChannelState.RINGING and ch.call_id is None:
                self.tracker.op_rings(ch, None, out)
            elif ch.state == ChannelState.UP:
                ctx = self.tracker.ctx_of(ch)
                if ctx is not None and ctx.direction is Direction.INCOMING:
                    self.tracker.answer(ctx, out)
                elif ctx is not None and ctx.party.number and not ctx.origin.originated:
                    # The dialplan answered (voicemail, IVR): no DialBegin.
                    self.tracker.announce(ctx, out)
        elif ch.state == ChannelState.UP:
            for ctx in self.tracker.remote_of(ch.uniqueid):
                if ctx.direction is Direction.OUTGOING and ctx.state is CallState.DIALING:
                    self.tracker.announce(ctx, out)
                    self.tracker.answer(ctx, out)

    def _on_dial_begin(self, event: Event, out: list[CallEvent]) -> None:
        caller = self.tracker.track(event)
        dest = self.tracker.track(event, "Dest")
        if dest is None:
            return
        self.tracker.registry.dialled(dest, caller.uniqueid if caller else "")
        if caller is not None and not caller.operator and not dest.operator:
            for held in self.tracker.remote_of(caller.uniqueid):
                if self.tracker.match.is_operator_local(dest.name):
                    continue
                if not held.channels.operator_legs:
                    # Parked / on panel MOH and now dialled onwards (a Redirect transfer).
                    self.tracker.end(held, EndReason.TRANSFERRED, out)
                elif held.state in ESTABLISHED:
                    self.tracker.hand_on(held)  # sent on while we talked: a blind transfer
        if dest.operator:
            self.tracker.op_rings(dest, caller.uniqueid if caller else None, out)
        if caller is None or not caller.operator:
            return
        ctx = self.tracker.ctx_of(caller) or self.tracker.op_dials(caller, out)
        if ctx is None or ctx.direction is not Direction.OUTGOING:
            return
        if ctx.state is CallState.DIALING:
            self.tracker.set_remote(ctx, dest.uniqueid)
            if not ctx.party.number:
                number = caller.exten if is_number(caller.exten) else ""
                number = number or dialstring_number(event.get("DialString") or "")
                self.tracker.set_identity(ctx, number, "", dest)
            elif dest.resource == ctx.party.number:
                self.tracker.mark_internal(ctx)  # a click-to-call to a colleague
            self.tracker.announce(ctx, out)

    def _on_dial_end(self, event: Event, out: list[CallEvent]) -> None:
        caller = self.tracker.track(event, what=STATE)
        dest = self.tracker.track(event, "Dest", STATE)
        if dest is None:
            return
        status = (event.get("DialStatus") or "").upper()
        ctx = self.tracker.ctx_of(dest) if dest.operator else None
        if ctx is not None:
            if status == "ANSWER":
                if ctx.direction is Direction.INCOMING:
                    self.tracker.answer(ctx, out)
            else:
                originated = ctx.origin.originated
                table = v.ORIGINATE_DIAL_STATUS if originated else v.INCOMING_DIAL_STATUS
                self.tracker.note_dial_status(ctx, table.get(status, EndReason.FAILED))
        elif status == "ANSWER" and caller is not None and not dest.leads_to_operator:
            # A ring group / queue: someone else took the call that rings us.
            real, _ = self.tracker.real_caller(caller.uniqueid)
            for other in self.tracker.remote_of(real.uniqueid) if real is not None else ():
                if other.state is CallState.RINGING:
                    self.tracker.answered_elsewhere(other)
        mine = self.tracker.ctx_of(caller) if caller is not None and caller.operator else None
        if mine is None or mine.direction is not Direction.OUTGOING:
            return
        if status == "ANSWER":
            self.tracker.set_remote(mine, dest.uniqueid)
            self.tracker.answer(mine, out)
        elif mine.state is CallState.DIALING:
            self.tracker.note_dial_status(
                mine, v.OUTGOING_DIAL_STATUS.get(status, EndReason.FAILED)
            )

    def _on_bridge_enter(self, event: Event, out: list[CallEvent]) -> None:
        ch = self.tracker.track(event, what=STATE)
        bridge = v.header(event, "bridge_id")
        if ch is None or bridge is None:
            return
        swap = v.header(event, "swap_uniqueid")
        members = self.tracker.registry.enter_bridge(ch, bridge, swap)
        if swap:
            for swapped in self.tracker.remote_of(swap):
                # A Local pair optimised away: the real party took over.
                self.tracker.set_remote(swapped, ch.uniqueid)
        if ch.operator:
            mine = self.tracker.ctx_of(ch)
            if mine is not None:
                self._op_entered(mine, ch, bridge, out)
            return
        for uid in list(members):
            op = self.tracker.channels.get(uid)
            ctx = self.tracker.ctx_of(op) if op is not None and op.operator else None
            if ctx is None or op is None:
                continue
            if ctx.channels.remote is None:
                self.tracker.set_remote(ctx, ch.uniqueid)
            if ctx.channels.remote == ch.uniqueid:
                self.tracker.set_talk_bridge(ctx, bridge)
                self._reunited(ctx, out)
            elif self._is_consultation(ctx, bridge):
                self.tracker.start_consultation(ctx, op, ch, out)

    def _is_consultation(self, ctx: CallCtx, bridge: str) -> bool:
        """The operator sits in a second bridge while the remote waits in the first one."""
        talk = ctx.channels.talk_bridge
        if ctx.state not in ESTABLISHED or talk is None or talk == bridge:
            return False
        remote = self.tracker.remote(ctx)
        if remote is None or remote.bridge != talk:
            return False
        return not self._own_local_path(ctx, bridge)

    def _own_local_path(self, ctx: CallCtx, bridge: str) -> bool:
        """The bridge holds the far half of one of the call's own Local legs: the phone rung
        by our ``Local/101@panel-aa`` (a pbx-park resume) joins it while its ``;1`` half sits
        with the caller. That is the call's own way back to the phone, not a consultation;
        whether the phone's or the caller's bridge is reported first varies from run to run."""
        for uid in self.tracker.bridges.get(bridge, ()):
            half = self.tracker.partner(uid)
            if half is not None and half.uniqueid in ctx.channels.operator_legs:
                return True
        return False

    def _op_entered(
        self, ctx: CallCtx, op: ChannelRecord, bridge: str, out: list[CallEvent]
    ) -> None:
        parent = self.tracker.calls.get(ctx.links.parent or "")
        if parent is not None and parent.channels.talk_bridge == bridge:
            # Back in the held call's bridge: the consultation is over without a transfer.
            reason = EndReason.COMPLETED if ctx.state in ESTABLISHED else EndReason.NO_ANSWER
            self.tracker.end(ctx, reason, out)
            return
        members = self.tracker.bridges.get(bridge, set())
        if self._is_consultation(ctx, bridge):
            other = next(
                (
                    self.tracker.channels[u]
                    for u in sorted(members)
                    if u != op.uniqueid
                    and u in self.tracker.channels
                    and not self.tracker.channels[u].operator
                ),
                None,
            )
            if other is not None:
                self.tracker.start_consultation(ctx, op, other, out)
            return
        remote = ctx.channels.remote
        if remote is None or remote in members or ctx.channels.talk_bridge is None:
            self.tracker.set_talk_bridge(ctx, bridge)
        if remote is not None and remote in members:
            self._reunited(ctx, out)

    def _reunited(self, ctx: CallCtx, out: list[CallEvent]) -> None:
        """The operator and the remote party share a bridge: connected, and not parked."""
        self.tracker.answer(ctx, out)
        if HoldSign.REMOTE_PARKED in ctx.signs:
            self.tracker.sign(ctx, HoldSign.REMOTE_PARKED, False)
            self.tracker.eval_hold(ctx, out)

    def _on_bridge_leave(self, event: Event, out: list[CallEvent]) -> None:
        uid = event.get("Uniqueid")
        bridge = v.header(event, "bridge_id")
        if not uid or bridge is None:
            return
        self.tracker.registry.leave_bridge(uid, bridge)

    def _on_bridge_destroy(self, event: Event, out: list[CallEvent]) -> None:
        bridge = v.header(event, "bridge_id")
        if bridge is not None:
            self.tracker.registry.destroy_bridge(bridge)

    def _on_originate_response(self, event: Event, out: list[CallEvent]) -> None:
        uid = event.get("Uniqueid") or ""
        if (event.get("Response") or "").lower() == "failure":
            self._originate_failed(uid, event.get("Exten") or "", event.get("Reason"), out)
        ctx = self.tracker.ctx_of(self.tracker.channels.get(uid))
        exten = event.get("Exten") or ""
        if ctx is not None and ctx.origin.originated and not ctx.party.number and is_number(exten):
            self.tracker.set_number(ctx, cap(exten))
            self.tracker.announce(ctx, out)

    def _originate_failed(
        self, uid: str, exten: str, reason: str | None, out: list[CallEvent]
    ) -> None:
        """A click-to-call that failed before any channel of ours existed (the phone is at its
        call limit, unregistered…; Asterisk then reports Uniqueid ``<null>``) must still show
        the operator a call that failed, not nothing at all."""
        key = uid if uid in self.tracker.expected else None
        if key is None:  # no channel: find our pending click-to-call by the dialled number
            key = next(
                (
                    cid
                    for cid, (num, join) in self.tracker.expected.items()
                    if join is None and num == exten
                ),
                None,
            )
        if key is None:
            return
        number, join = self.tracker.expected[key]
        never_seen = key not in self.tracker.channels and key not in self.tracker.gone
        self._forget_expected(key, out)
        if join is None and never_seen:
            end = EndReason.NO_ANSWER if reason == "3" else EndReason.FAILED
            self.tracker.publish(RingStarted(key, Direction.OUTGOING, number, ""), out)
            self.tracker.publish(RingFinished(key, end), out)

    def _on_rename(self, event: Event, out: list[CallEvent]) -> None:
        ch = self.tracker.channels.get(event.get("Uniqueid") or "")
        new = event.get("Newname")
        if ch is not None and new:
            self.tracker.registry.rename(ch, new)

    def _on_hangup(self, event: Event, out: list[CallEvent]) -> None:
        uid = event.get("Uniqueid")
        if not uid:
            return
        ch = self.tracker.registry.forget(uid)
        self.tracker.expected.pop(uid, None)
        if ch is None:
            return
        affected: list[CallCtx] = []
        ctx = self.tracker.ctx_of(ch)
        if ctx is not None:
            self.tracker.leg_hung_up(ctx, uid, v.parse_cause(event.get("Cause")))
            affected.append(ctx)
        for other in self.tracker.remote_of(uid):
            self.tracker.set_remote(other, None)
            if other.links.parent is not None and other.call_id in self.tracker.calls:
                # The consultation target hung up: back to the held call.
                self.tracker.end(other, self.tracker.end_reason(other), out)
                continue
            affected.append(other)
        for one in affected:
            self.tracker.check_end(one, out)
