"""Hold (both sides), parking, connected-line changes and transfers: the adapter's handlers
for what happens to a call once it exists (adapter.py registers them by event name). They
record signs and clues through the tracker; hold itself is ``callctx.who_holds`` of the signs."""

from __future__ import annotations

from ..ami import Event
from ..calls import CallEvent, CallInfoChanged, CallState, EndReason
from . import versions as v
from .callctx import CallCtx, HoldSign
from .channels import CONNECTED
from .tracking import ESTABLISHED, CallTracker


class HoldsAndTransfers:
    """The handlers for hold, parking, connected-line changes and transfers; they change calls
    only through the tracker's methods."""

    def __init__(self, tracker: CallTracker) -> None:
        self.tracker = tracker

    def _on_hold(self, event: Event, out: list[CallEvent]) -> None:
        uid = event.get("Uniqueid")
        ch = self.tracker.channels.get(uid) if uid else None
        if ch is None:
            return
        name = event.name
        on = name in ("Hold", "MusicOnHoldStart")
        moh = name.startswith("MusicOnHold")
        touched: list[CallCtx] = []
        ctx = self.tracker.ctx_of(ch) if ch.operator else None
        if ctx is not None:
            parent = self.tracker.calls.get(ctx.links.parent or "")
            sign = HoldSign.OPERATOR_MUSIC if moh else HoldSign.OPERATOR_HOLD
            touched = [ctx, parent] if (parent is not None and not on) else [ctx]
        else:
            sign = HoldSign.REMOTE_MUSIC if moh else HoldSign.REMOTE_HOLD
            touched = self.tracker.remote_of(ch.uniqueid)
        for one in touched:
            self.tracker.sign(one, sign, on)
        for one in touched:
            self.tracker.eval_hold(one, out)

    def _on_park(self, event: Event, out: list[CallEvent]) -> None:
        uid = v.header(event, "parkee_uniqueid")
        if not uid:
            return
        name = event.name
        retriever = self.tracker.channels.get(event.get("RetrieverUniqueid") or "")
        for ctx in self.tracker.remote_of(uid):
            if name == "ParkedCall":
                self.tracker.sign(ctx, HoldSign.REMOTE_PARKED, True)
            elif name == "ParkedCallTimeOut":
                continue  # parking rings the parker (us) back; still held until bridged again
            elif not ctx.channels.operator_legs and (
                name == "ParkedCallGiveUp" or retriever is None or not retriever.operator
            ):
                # The caller gave up in the lot, or a colleague took the call from it.
                reason = EndReason.COMPLETED if name == "ParkedCallGiveUp" else None
                self.tracker.end(ctx, reason or EndReason.TRANSFERRED, out)
                continue
            else:
                self.tracker.sign(ctx, HoldSign.REMOTE_PARKED, False)
            self.tracker.eval_hold(ctx, out)
            self.tracker.check_end(ctx, out)

    def _on_connected_line(self, event: Event, out: list[CallEvent]) -> None:
        ch = self.tracker.channels.get(event.get("Uniqueid") or "")
        if ch is None or not ch.operator:
            return  # only what the operator's own phone is connected to matters
        self.tracker.track(event, what=CONNECTED)
        ctx = self.tracker.ctx_of(ch)
        if ctx is None or ctx.call is None or not ch.conn_num:
            return
        number, name = ch.conn_num, ch.conn_name
        dialing = ctx.state is CallState.DIALING
        if ctx.state in ESTABLISHED or (dialing and number == ctx.party.number):
            self.tracker.publish(CallInfoChanged(ctx.call_id, number, name), out)
            self.tracker.set_connected(ctx, number, name)

    def _on_transfer(self, event: Event, out: list[CallEvent]) -> None:
        if (event.get("Result") or "").lower() != "success":
            failed = self.tracker.ctx_of(
                self.tracker.channels.get(event.get("TransfererUniqueid") or "")
            )
            if failed is not None:
                self.tracker.hand_on(failed, False)  # the operator stays with the caller
            return
        keys = (
            ("TransfererUniqueid",)
            if event.name == "BlindTransfer"
            else ("OrigTransfererUniqueid", "SecondTransfererUniqueid")
        )
        ended: list[CallCtx] = []
        for key in keys:
            ctx = self.tracker.ctx_of(self.tracker.channels.get(event.get(key) or ""))
            if ctx is None:
                continue
            for one in (
                self.tracker.calls.get(ctx.links.parent or ""),
                ctx,
                self.tracker.calls.get(ctx.links.consult or ""),
            ):
                if one is not None and one not in ended:
                    ended.append(one)
        for ctx in ended:
            self.tracker.end(ctx, EndReason.TRANSFERRED, out)
