"""Rebuilding the adapter's picture from ``CoreShowChannel`` items after a (re)login.

CoreShowChannels tells state (4 Ring, 5 Ringing, 6 Up), ``BridgeId``, ``Application``
(``AppDial`` = a leg somebody dialled) and ``Linkedid`` -- not hold state nor who dialled whom,
so those are inferred (docs/AMI.md §5).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..ami import Event
from ..calls import CallEvent, CallState, Direction
from ..calls.model import vanished_reason
from .channels import ChannelRecord, ChannelState, is_number

if TYPE_CHECKING:
    from .tracking import CallCtx, CallTracker


def resync_channels(ad: CallTracker, channels: Sequence[Event]) -> list[CallEvent]:
    """CoreShowChannel items in; vanished calls end, new ones start, a snapshot comes last."""
    out: list[CallEvent] = []
    fresh: dict[str, ChannelRecord] = {}
    for item in channels:
        uid = item.get("Uniqueid")
        if not uid:
            continue
        old = ad.channels.get(uid)
        name = item.get("Channel") or ""
        ch = ChannelRecord.from_event(item, uid, ad.match.is_operator(name))
        if old is not None:  # keep what the listing cannot tell
            ch.operator = ch.operator or old.operator
            ch.dialled_by, ch.call_id, ch.call_over, ch.leads_to_operator = (
                old.dialled_by,
                old.call_id,
                old.call_over,
                old.leads_to_operator,
            )
        ch.application = item.get("Application") or ""
        ch.bridge = item.get("BridgeId") or None
        fresh[uid] = ch
    for ctx in ad.all_calls():
        if not _still_there(ctx, fresh):
            ad.end(ctx, vanished_reason(ctx.state, ctx.direction), out)
    ad.registry.replace(fresh)
    for ctx in ad.all_calls():
        ctx.operator_legs = {uid for uid in ctx.operator_legs if uid in fresh}
        if ctx.remote not in fresh:
            ctx.remote = None
        _refresh(ad, ctx, out)
    for ch in fresh.values():
        if ch.operator and not ch.call_over and (ch.call_id is None or ch.call_id not in ad.calls):
            ch.call_id = None
            _rebuild(ad, ch, fresh, out)
    out.append(ad.snapshot())
    return out


def _refresh(ad: CallTracker, ctx: CallCtx, out: list[CallEvent]) -> None:
    """A call we knew: catch up with an answer we missed while disconnected."""
    ops = [ad.channels[u] for u in ctx.operator_legs]
    remote = ad.channels.get(ctx.remote) if ctx.remote else None
    if ctx.state not in (CallState.RINGING, CallState.DIALING):
        return
    up = any(op.state == ChannelState.UP for op in ops)
    if ctx.direction is Direction.INCOMING and up:
        ad.answer(ctx, out)
    elif up and remote is not None and remote.state == ChannelState.UP:
        ad.answer(ctx, out)


def _rebuild(
    ad: CallTracker, op: ChannelRecord, fresh: dict[str, ChannelRecord], out: list[CallEvent]
) -> None:
    """An operator channel we did not know: make its call from what the listing says."""
    partner = next(
        (
            fresh[u]
            for u in sorted(ad.bridges.get(op.bridge or "", ()))
            if u != op.uniqueid and not fresh[u].operator
        ),
        None,
    )
    kin = [c for c in fresh.values() if c.linkedid == op.linkedid and c is not op]
    dialled_by_someone = op.application == "AppDial" and op.linkedid != op.uniqueid
    if op.state != ChannelState.RING and dialled_by_someone:
        remote = partner or fresh.get(op.linkedid)
        ctx = ad.new_call(op, Direction.INCOMING)
        if remote is not None:
            ctx.remote = remote.uniqueid
            ad.set_identity(ctx, remote.cid_num, remote.cid_name, remote)
            ad.set_dialled(ctx, remote, op)
        else:
            ad.set_identity(ctx, op.conn_num, op.conn_name, None)
        ad.announce(ctx, out)
        if op.state == ChannelState.UP:
            ad.answer(ctx, out)
        return
    ringing_leg = next((c for c in kin if c.application == "AppDial"), None)
    remote = partner or ringing_leg
    ctx = ad.new_call(op, Direction.OUTGOING)
    ctx.originate = op.application == "AppDial"
    number = op.exten if is_number(op.exten) else op.conn_num
    ctx.remote = remote.uniqueid if remote is not None else None
    ad.set_identity(ctx, number, op.conn_name if number == op.conn_num else "", remote)
    ad.announce(ctx, out)
    if op.state == ChannelState.UP and remote is not None and remote.state == ChannelState.UP:
        ad.answer(ctx, out)


def _still_there(ctx: CallCtx, fresh: dict[str, ChannelRecord]) -> bool:
    if any(uid in fresh for uid in ctx.operator_legs):
        return True
    # Parked or on panel MOH with no operator leg: alive while the remote party is.
    return ctx.remote is not None and ctx.remote in fresh and not ctx.operator_legs
