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
    from .callctx import CallCtx
    from .tracking import CallTracker


def resync_channels(ad: CallTracker, channels: Sequence[Event]) -> list[CallEvent]:
    """CoreShowChannel items in; vanished calls end, new ones start, a snapshot comes last."""
    out: list[CallEvent] = []
    fresh = ad.registry.from_listing(channels)
    for ctx in ad.all_calls():
        if not _still_there(ctx, fresh):
            ad.end(ctx, vanished_reason(ctx.state, ctx.direction), out)
    ad.registry.replace(fresh)
    for ctx in ad.all_calls():
        ad.keep_channels(ctx, fresh)
        _refresh(ad, ctx, out)
    for ch in fresh.values():
        if ch.operator and not ch.call_over and (ch.call_id is None or ch.call_id not in ad.calls):
            ad.registry.assign(ch, None)
            _rebuild(ad, ch, fresh, out)
    out.append(ad.snapshot())
    return out


def _refresh(ad: CallTracker, ctx: CallCtx, out: list[CallEvent]) -> None:
    """A call we knew: catch up with an answer we missed while disconnected."""
    if ctx.state not in (CallState.RINGING, CallState.DIALING):
        return
    ops = [ad.channels[u] for u in ctx.channels.operator_legs]
    remote = ad.remote(ctx)
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
        ctx = ad.ring_incoming(op, partner or fresh.get(op.linkedid), out)
        if op.state == ChannelState.UP:
            ad.answer(ctx, out)
        return
    ringing_leg = next((c for c in kin if c.application == "AppDial"), None)
    remote = partner or ringing_leg
    ctx = ad.new_call(op, Direction.OUTGOING, originated=op.application == "AppDial")
    number = op.exten if is_number(op.exten) else op.conn_num
    ad.set_remote(ctx, remote.uniqueid if remote is not None else None)
    ad.set_identity(ctx, number, op.conn_name if number == op.conn_num else "", remote)
    ad.announce(ctx, out)
    if op.state == ChannelState.UP and remote is not None and remote.state == ChannelState.UP:
        ad.answer(ctx, out)


def _still_there(ctx: CallCtx, fresh: dict[str, ChannelRecord]) -> bool:
    legs, remote = ctx.channels.operator_legs, ctx.channels.remote
    if any(uid in fresh for uid in legs):
        return True
    # Parked or on panel MOH with no operator leg: alive while the remote party is.
    return remote is not None and remote in fresh and not legs
