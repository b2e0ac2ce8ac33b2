"""The PBX core: channels, bridges, counters, hangups. Synchronous; emits events in order.

Call flows (dial, originate, hold, transfers) live in :mod:`flows` and :mod:`transfers`, on top
of this class. Timers go through ``schedule`` so the asyncio layer owns them (and time_scale).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Protocol

from . import events as ev
from .centre import SimCentre
from .config import SimConfig
from .events import SimEvent
from .state import Bridge, Channel


class Handle(Protocol):
    def cancel(self) -> None: ...


Schedule = Callable[[float, Callable[[], None]], Handle]

PHONE_NAMES = {"101": "Operator 101", "102": "Operator 102"}


class SimError(Exception):
    """An action cannot be carried out; the message goes into ``Response: Error``."""


class PbxCore:
    def __init__(self, config: SimConfig, emit: Callable[[SimEvent], None], schedule: Schedule):
        self.config = config
        self.dialect = config.dialect_info
        self.tech = config.tech
        self.emit = emit
        self.schedule = schedule
        self.channels: dict[str, Channel] = {}  # by Uniqueid, creation order
        self.bridges: dict[str, Bridge] = {}
        self._chan_seq = itertools.count()
        self._local_seq = itertools.count()
        self._uid_seq = itertools.count()
        self._device: dict[str, str] = {}
        self.boot_time = time.time()
        # Queues, custom device states and the demo colleagues (app_queue, func_devstate).
        self.centre = SimCentre(
            self.dialect,
            lambda event: self.emit(event),
            self.phone_endpoint,
            PHONE_NAMES,
            self.device_state,
        )

    # -- lookup -----------------------------------------------------------------------------

    def find(self, key: str) -> Channel | None:
        """By exact channel name, then by Uniqueid (``ast_channel_get_by_name``)."""
        for ch in self.channels.values():
            if ch.name == key:
                return ch
        return self.channels.get(key)

    def require(self, key: str, message: str = "No such channel") -> Channel:
        ch = self.find(key)
        if ch is None:
            raise SimError(message)
        return ch

    def phone_endpoint(self, number: str) -> str:
        return f"{self.tech}/{number}"

    def trunk_endpoint(self) -> str:
        return f"{self.tech}/trunk"

    def channels_of(self, endpoint: str) -> list[Channel]:
        return [c for c in self.channels.values() if c.endpoint == endpoint]

    # -- channels -----------------------------------------------------------------------------

    def new_uniqueid(self) -> str:
        return f"{int(time.time())}.{next(self._uid_seq)}"

    def new_channel(
        self,
        endpoint: str,
        *,
        cid_num: str = "",
        cid_name: str = "",
        context: str = "internal",
        exten: str = "s",
        linkedid: str | None = None,
        uniqueid: str | None = None,
        state: int = 0,
        name: str | None = None,
    ) -> Channel:
        uid = uniqueid or self.new_uniqueid()
        if uid in self.channels:
            raise SimError(f"Uniqueid {uid} is already in use")
        if name is None:
            name = f"{endpoint}-{next(self._chan_seq):08x}"
        ch = Channel(
            name=name,
            uniqueid=uid,
            linkedid=linkedid or uid,
            endpoint=endpoint,
            cid_num=cid_num,
            cid_name=cid_name,
            state=state,
            context=context,
            exten=exten,
        )
        self.channels[uid] = ch
        self.emit(ev.call_event("Newchannel", ch))
        self.update_device(endpoint)
        return ch

    def new_inbound(self, endpoint: str, **fields: str) -> Channel:
        """The channel of a call arriving from a SIP device, in state Ring: PJSIP creates it
        ringing (``Newchannel`` state 4, lab recordings of 20 and 22), chan_sip creates it
        down and reports ``Newstate`` 4 right after."""
        pjsip = endpoint.startswith("PJSIP/")
        ch = self.new_channel(endpoint, state=4 if pjsip else 0, **fields)
        if not pjsip:
            self.set_state(ch, 4)
        return ch

    def new_local_pair(
        self, exten: str, context: str, linkedid: str | None, uid1: str | None, uid2: str | None
    ) -> tuple[Channel, Channel]:
        base = f"Local/{exten}@{context}-{next(self._local_seq):08x}"
        endpoint = f"Local/{exten}@{context}"
        one = self.new_channel(
            endpoint,
            context=context,
            exten=exten,
            linkedid=linkedid,
            uniqueid=uid1,
            name=f"{base};1",
        )
        two = self.new_channel(
            endpoint,
            context=context,
            exten=exten,
            linkedid=one.linkedid,
            uniqueid=uid2 or (f"{uid1};2" if uid1 else None),
            name=f"{base};2",
            state=4,
        )
        one.local_partner, two.local_partner = two, one
        return one, two

    def set_var(self, ch: Channel, name: str, value: str) -> None:
        """A dialplan variable changes (VarSet, class dialplan): a little realistic noise."""
        if not ch.gone:
            self.emit(SimEvent("VarSet", "dialplan", (*ev.channel_block(ch), ("Variable", name),
                                                      ("Value", value))))  # fmt: skip

    def set_state(self, ch: Channel, state: int) -> None:
        if ch.state != state and not ch.gone:
            ch.state = state
            self.emit(ev.call_event("Newstate", ch))
            self.update_device(ch.endpoint)

    def set_connected(self, ch: Channel, num: str, name: str) -> None:
        if not ch.gone:
            ch.con_num, ch.con_name = num, name
            self.emit(ev.call_event("NewConnectedLine", ch))

    def set_callerid(self, ch: Channel, num: str, name: str) -> None:
        ch.cid_num, ch.cid_name = num, name
        self.emit(
            ev.call_event(
                "NewCallerid", ch, ("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
            )
        )

    def run_app(self, ch: Channel, app: str, data: str, *, priority: int | None = None) -> None:
        """The channel executes a dialplan application (a Newexten, as with read=all)."""
        if priority is not None:
            ch.priority = priority
        ch.application, ch.app_data = app, data
        ch.dialplan = True
        self.emit(ev.newexten(self.dialect, ch, app, data))

    def goto(self, ch: Channel, context: str, exten: str, priority: int = 1) -> None:
        ch.context, ch.exten, ch.priority = context, exten, priority

    # -- bridges ------------------------------------------------------------------------------

    def create_bridge(self, *, technology: str = "simple_bridge", kind: str = "basic") -> Bridge:
        br = Bridge(technology=technology, bridge_type=kind)
        self.bridges[br.uniqueid] = br
        self.emit(ev.bridge_event("BridgeCreate", br))
        return br

    def enter(self, br: Bridge, ch: Channel) -> None:
        if ch.bridge is not None:
            self.leave(ch)
        br.channels.append(ch)
        ch.bridge = br
        self.emit(ev.bridge_event("BridgeEnter", br, ch))

    def leave(self, ch: Channel) -> Bridge | None:
        br = ch.bridge
        if br is None:
            return None
        br.channels.remove(ch)
        ch.bridge = None
        self.emit(ev.bridge_event("BridgeLeave", br, ch))
        return br

    def destroy_bridge(self, br: Bridge) -> None:
        if br.uniqueid in self.bridges and not br.channels:
            del self.bridges[br.uniqueid]
            self.emit(ev.bridge_event("BridgeDestroy", br))

    def bridge_pair(self, a: Channel, b: Channel) -> Bridge:
        """A basic two-party bridge, as Dial() makes after an answer."""
        br = self.create_bridge()
        self.enter(br, a)
        self.enter(br, b)
        self.set_var(a, "BRIDGEPEER", b.name)
        self.set_var(b, "BRIDGEPEER", a.name)
        return br

    def peers(self, ch: Channel) -> list[Channel]:
        return [c for c in ch.bridge.channels if c is not ch] if ch.bridge else []

    # -- hangups ------------------------------------------------------------------------------

    def hangup(
        self, ch: Channel, cause: int = 16, *, request: bool = True, request_cause: int | None = 16
    ) -> None:
        """End ``ch``; a two-party bridge it was in dissolves and the peers continue or end."""
        if ch.gone:
            return
        ch.gone = True
        if request:  # a BYE: 13 reports no Cause, 14+ do (Local channels always do)
            old = self.dialect.major < 14 and not ch.is_local
            old = old or ch.application == "Queue"  # app_queue queues it without a cause
            self.emit(ev.hangup_request(ch, None if old else request_cause))
        self.leaving(ch)
        br = self.leave(ch)
        if ch.dialplan:
            self.emit(ev.hangup_request(ch, 16, soft=True))
        self.emit(ev.hangup(ch, cause, self.dialect))
        self.channels.pop(ch.uniqueid, None)
        self.update_device(ch.endpoint)
        self.channel_gone(ch, cause)
        if br is not None:
            self.dissolve(br)

    def dissolve(self, br: Bridge) -> None:
        """A basic bridge with one party left ends: that party runs its after-bridge step."""
        if br.bridge_type == "basic" and len(br.channels) == 1:
            last = br.channels[0]
            self.leave(last)
            self.destroy_bridge(br)
            self.after_bridge(last)
        else:
            self.destroy_bridge(br)

    def after_bridge(self, ch: Channel) -> None:
        """What a channel does when its bridge ends: by default the dialplan hangs it up."""
        self.hangup(ch, 16, request=False)

    def leaving(self, ch: Channel) -> None:
        """Hook: ``ch`` is hanging up and still in its bridge (app_queue reports here)."""

    def channel_gone(self, ch: Channel, cause: int) -> None:
        """Hook for the flows (dials, Local pairs, transfers)."""
        partner = ch.local_partner
        if partner is not None and not partner.gone:
            self.hangup(partner, cause, request=True, request_cause=cause)

    def hangup_all(self) -> None:
        for ch in list(self.channels.values()):
            self.hangup(ch, 16)

    # -- device state (hints 101/102, queue members) -------------------------------------------

    def update_device(self, endpoint: str) -> None:
        tech, _, number = endpoint.partition("/")
        if number not in PHONE_NAMES or tech != self.tech:
            return
        chans = [c for c in self.channels_of(endpoint) if not c.gone]
        up = any(c.state == 6 for c in chans)
        ringing = any(c.state != 6 for c in chans)
        state = (
            ("RINGINUSE" if ringing else "INUSE") if up else "RINGING" if ringing else "NOT_INUSE"
        )
        if len(chans) >= 2 and not ringing:
            state = "BUSY"
        if self._device.get(endpoint, "NOT_INUSE") == state:
            return
        self._device[endpoint] = state
        self.emit(ev.extension_status(number, endpoint, state))
        self.emit(ev.device_state(endpoint, state))
        self.centre.device_changed(endpoint)  # QueueMemberStatus, once per queue

    def device_state(self, endpoint: str) -> str:
        return self._device.get(endpoint, "NOT_INUSE")
