"""The lab dialplan (captures README) and Originate: contexts internal, from-trunk, panel-aa,
panel-hold, panel-park-op and parkedcalls; the far end of the trunk answers after a delay."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import events as ev
from .config import RemoteBehaviour, SimConfig
from .events import SimEvent
from .flows import Dial, DialFlows
from .model import Schedule, SimError
from .state import Bridge, Channel

EXTERNAL = re.compile(r"[78]\d{10}\Z")
AUTO_ANSWER_DELAY = 0.3  # a phone honouring an auto-answer header picks up at once
PARK_FIRST, PARK_LAST = 701, 720
ANNOUNCE_DIGIT = 0.3  # seconds of one digit prompt (the lab's are 0.3 s tones)


@dataclass(frozen=True)
class OriginateRequest:
    channel: str  # Tech/data as given
    context: str = ""
    exten: str = ""
    priority: int = 1
    application: str = ""
    data: str = ""
    cid_num: str = ""
    cid_name: str = ""
    timeout: float = 30.0  # seconds
    channel_id: str | None = None
    other_id: str | None = None
    action_id: str | None = None
    predial: str = ""  # PreDialGoSub (18.23+): "panel-aa,..." adds the auto-answer header
    variables: tuple[tuple[str, str], ...] = ()  # Variable: NAME=value, in order


class Dialplan(DialFlows):
    def __init__(self, config: SimConfig, emit: Callable[[SimEvent], None], schedule: Schedule):
        super().__init__(config, emit, schedule)
        self.remote: dict[str, RemoteBehaviour] = {}  # external number -> what it does
        self.parked: dict[int, Channel] = {}

    # -- what exists ----------------------------------------------------------------------------

    def exists(self, context: str, exten: str) -> bool:
        if context == "internal":
            return exten in ("101", "102", "600", "601", "799") or bool(EXTERNAL.match(exten))
        if context in ("panel-hold", "panel-park-op"):
            return exten == "s"
        if context == "panel-aa":
            return exten in ("101", "102")
        if context == "parkedcalls":
            return exten.isdigit() and int(exten) in self.parked
        return False

    # -- the far end of the trunk ---------------------------------------------------------------

    def remote_ringing(self, d: Dial, leg: Channel) -> None:
        number = leg.exten
        behaviour = self.remote.get(number, RemoteBehaviour.ANSWER)
        delay = self.config.delay(self.config.remote_answer_delay)
        if behaviour is RemoteBehaviour.ANSWER:
            d.timers.append(self.schedule(delay, lambda: self._try_answer(leg)))
        elif behaviour is RemoteBehaviour.BUSY:
            d.timers.append(self.schedule(delay, lambda: self._remote_reject(leg, 17)))
        elif behaviour is RemoteBehaviour.CONGESTION:
            d.timers.append(self.schedule(delay, lambda: self._remote_reject(leg, 34)))

    def _remote_reject(self, leg: Channel, cause: int) -> None:
        if not leg.gone and leg.uniqueid in self.dials:
            self.reject_leg(leg, cause)

    # -- running an extension --------------------------------------------------------------------

    def run_exten(self, ch: Channel, context: str, exten: str, priority: int = 1) -> None:
        if ch.gone:
            return
        self.goto(ch, context, exten, priority)
        ch.dialplan = True
        if context == "internal" and exten in ("101", "102"):
            target = self.phone_endpoint(exten)
            self.run_app(ch, "Dial", f"{target},30,tT", priority=priority)
            self.dial(ch, [target], on_fail=lambda s, c: self._dial_over(ch, c))
        elif context == "internal" and exten == "601":
            targets = [self.phone_endpoint("101"), self.phone_endpoint("102")]
            self.run_app(ch, "Dial", f"{'&'.join(targets)},30,tT", priority=priority)
            self.dial(ch, targets, on_fail=lambda s, c: self._dial_over(ch, c))
        elif context == "internal" and exten == "600":
            self.queue_call(ch, "support")
        elif context == "internal" and EXTERNAL.match(exten):
            self.run_app(ch, "Dial", f"{self.tech}/trunk/{exten},60,T", priority=priority)
            self.dial(
                ch,
                [f"{self.tech}/trunk/{exten}"],
                timeout=60.0,
                on_fail=lambda s, c: self._outgoing_failed(ch, s, c),
            )
        elif (context == "internal" and exten == "799") or context == "panel-hold":
            self.set_state(ch, 6)
            self.run_app(
                ch, "MusicOnHold", "default,60" if exten == "799" else "", priority=priority
            )
            self.start_moh(ch)
        elif context == "panel-park-op":
            self.set_state(ch, 6)
            self.run_app(ch, "Wait", "3600", priority=priority)
        elif context == "panel-aa" and exten in ("101", "102"):
            target = self.phone_endpoint(exten)
            self.run_app(ch, "Dial", f"{target},30,b(panel-hdr^s^1)", priority=priority)
            delay = AUTO_ANSWER_DELAY if self.config.auto_answer_header else None
            self.dial(ch, [target], auto_answer=delay, on_fail=lambda s, c: self._dial_over(ch, c))
        elif context == "parkedcalls" and exten.isdigit() and int(exten) in self.parked:
            self.unpark(int(exten), ch)
        else:
            self.run_app(ch, "Hangup", "", priority=priority)
            self.hangup(ch, 1, request=False)

    def _dial_over(self, ch: Channel, cause: int) -> None:
        if not ch.gone:
            self.hangup(ch, cause, request=False)

    def _outgoing_failed(self, ch: Channel, status: str, cause: int) -> None:
        """``BUSY`` -> Busy(3), ``CONGESTION``/``CHANUNAVAIL`` -> Congestion(3), then hang up."""
        if ch.gone:
            return
        if status in ("BUSY", "CONGESTION", "CHANUNAVAIL"):
            app = "Busy" if status == "BUSY" else "Congestion"
            self.run_app(
                ch, "GotoIf", f'$["${{DIALSTATUS}}" = "{status}"]', priority=ch.priority + 1
            )
            self.run_app(ch, app, "3", priority=ch.priority + 1)
            self.schedule(self.config.delay(3.0), lambda: self._dial_over(ch, cause))
        else:
            self.hangup(ch, 16, request=False)

    # -- Originate ------------------------------------------------------------------------------

    def originate(self, req: OriginateRequest, done: Callable[[bool], None] | None = None) -> None:
        """Call ``req.channel``; when it answers, run the extension or application."""
        tech, _, rest = req.channel.partition("/")
        outcome = done or (lambda ok: None)

        def answered(ch: Channel) -> None:
            self.emit(
                ev.originate_response(
                    req.action_id,
                    True,
                    ch.name,
                    req.context,
                    req.exten,
                    4,
                    ch.uniqueid,
                    ch.cid_num,
                    ch.cid_name,
                )
            )
            outcome(True)
            self._after_originate(ch, req)

        def failed(status: str, cause: int, uid: str) -> None:
            reason = {"BUSY": 5, "NOANSWER": 3, "CANCEL": 1, "CONGESTION": 8}.get(status, 0)
            self.emit(
                ev.originate_response(
                    req.action_id,
                    False,
                    req.channel,
                    req.context,
                    req.exten,
                    reason,
                    uid,
                    req.cid_num,
                    req.cid_name,
                )
            )
            outcome(False)

        if tech == "Local":
            self._originate_local(req, rest, answered, failed)
            return
        if tech != self.tech or rest.startswith("trunk"):
            target = (
                f"{self.tech}/trunk/{rest.split('/', 1)[1]}" if rest.startswith("trunk/") else ""
            )
            if not target:
                failed("CHANUNAVAIL", 20, "<null>")
                return
        else:
            target = req.channel
        if target not in self.phones and not target.startswith(f"{self.tech}/trunk/"):
            failed("CHANUNAVAIL", 20, "<null>")
            return
        holder: dict[str, Channel] = {}

        def ringing(leg: Channel) -> None:
            holder["leg"] = leg

        def on_answer(leg: Channel) -> None:
            answered(leg)

        def on_fail(status: str, cause: int) -> None:
            leg = holder.get("leg")
            failed(status, cause, leg.uniqueid if leg else "<null>")

        delay = self.config.originate_answer_delay if target in self.phones else None
        predial_aa = req.predial.split(",", 1)[0] == "panel-aa" and self.dialect.major >= 18
        if target in self.phones and predial_aa and self.config.auto_answer_header:
            delay = AUTO_ANSWER_DELAY
        self.dial(
            None,
            [target],
            on_answer=on_answer,
            on_fail=on_fail,
            on_ringing=ringing,
            uniqueid=req.channel_id,
            timeout=req.timeout,
            auto_answer=delay,
            on_created=lambda leg: self._originate_callerid(leg, req),
        )

    def _originate_callerid(self, leg: Channel, req: OriginateRequest) -> None:
        # As Asterisk does: the Variables first (CALLERID(...) and CONNECTEDLINE(...) are
        # functions), then a CallerID header overrides both the caller ID and connected line.
        for name, value in req.variables:
            func, _, arg = name.upper().partition("(")
            field = arg.split(",", 1)[0].rstrip(")").strip()
            if func == "CALLERID" and field in ("NUM", "NAME"):
                num, cid_name = leg.cid_num, leg.cid_name
                self.set_callerid(
                    leg, value if field == "NUM" else num, value if field == "NAME" else cid_name
                )
            elif func == "CONNECTEDLINE" and field in ("NUM", "NAME"):
                num, con_name = leg.con_num, leg.con_name
                self.set_connected(
                    leg, value if field == "NUM" else num, value if field == "NAME" else con_name
                )
        if req.cid_num or req.cid_name:
            leg.exten = ""
            self.set_callerid(leg, req.cid_num, req.cid_name)
            self.set_connected(leg, req.cid_num, req.cid_name)

    def _originate_local(
        self,
        req: OriginateRequest,
        rest: str,
        answered: Callable[[Channel], None],
        failed: Callable[[str, int, str], None],
    ) -> None:
        exten, _, context = rest.partition("@")
        context = context.split("/", 1)[0]
        if not self.exists(context, exten):
            # Asterisk 18.26.4: OriginateResponse Failure, then the Local pair appears and both
            # halves hang up (Cause 0, no HangupRequest); `callpanel check` provokes exactly this
            failed("CHANUNAVAIL", 0, "<unknown>")
            one, two = self.new_local_pair(exten, context, None, req.channel_id, req.other_id)
            one.dialplan = two.dialplan = False
            self.hangup(two, 0, request=False)
            self.hangup(one, 0, request=False)
            return
        one, two = self.new_local_pair(exten, context, None, req.channel_id, req.other_id)
        if req.cid_num or req.cid_name:
            self.set_callerid(one, req.cid_num, req.cid_name)
        self.emit(
            SimEvent(
                "LocalBridge",
                "call",
                (
                    *ev.channel_block(one, "LocalOne"),
                    *ev.channel_block(two, "LocalTwo"),
                    ("Context", context),
                    ("Exten", exten),
                    ("LocalOptimization", "No"),
                ),
            )
        )
        self.emit(ev.dial_event("DialBegin", None, one, ("DialString", rest)))
        self.goto(two, context, exten)
        two.dialplan = True
        phone = exten in ("101", "102") and context in ("panel-aa", "internal")
        if not phone:  # e.g. Local/74997654321@internal: ;2 runs the extension itself
            self.run_exten(two, context, exten)
            self.set_state(one, 6)
            answered(one)
            return
        auto = AUTO_ANSWER_DELAY if context == "panel-aa" else None
        if not self.config.auto_answer_header:
            auto = None
        self.local_dial(
            one,
            two,
            self.phone_endpoint(exten),
            auto=auto,
            timeout=req.timeout,
            answered=answered,
            failed=lambda s, c: failed(s, c, one.uniqueid),
        )

    def local_dial(
        self,
        one: Channel,
        two: Channel,
        target: str,
        *,
        auto: float | None,
        timeout: float | None,
        answered: Callable[[Channel], None],
        failed: Callable[[str, int], None],
        announce: bool = True,
        mirror_callerid: bool = False,
    ) -> None:
        """``;2`` dials ``target``; ``;1`` mirrors its ringing and answer (Local channel)."""
        state = {"answered": False}

        def ringing(leg: Channel) -> None:
            self.set_state(one, 5)
            if mirror_callerid:  # ;2's connected line becomes ;1's caller id (recording 10)
                self.set_callerid(one, leg.cid_num, leg.cid_name)
            if self.dialect.dial_state and announce:
                self.emit(ev.dial_event("DialState", None, one, ("DialStatus", "RINGING")))

        def on_answer(leg: Channel) -> None:
            self.set_state(two, 6)
            self.bridge_pair(leg, two)
            self.set_state(one, 6)
            if announce:
                self.emit(ev.dial_event("DialEnd", None, one, ("DialStatus", "ANSWER")))
            state["answered"] = True
            answered(one)

        def on_fail(status: str, cause: int) -> None:
            if not state["answered"] and not one.gone:
                if announce:
                    self.emit(ev.dial_event("DialEnd", None, one, ("DialStatus", status)))
                failed(status, cause)
            self._dial_over(two, cause)

        self.run_app(two, "Dial", f"{target},30", priority=1)
        self.dial(
            two,
            [target],
            on_answer=on_answer,
            on_fail=on_fail,
            on_ringing=ringing,
            auto_answer=auto,
            timeout=timeout,
        )

    def _after_originate(self, ch: Channel, req: OriginateRequest) -> None:
        ch.dialplan = True
        if req.application:
            self.run_application(ch, req.application, req.data)
        else:
            self.run_exten(ch, req.context, req.exten, req.priority)

    def run_application(self, ch: Channel, app: str, data: str) -> None:
        lowered = app.lower()
        self.run_app(ch, app, data)
        if lowered == "bridge":
            target = self.find(data.split(",", 1)[0])
            if target is None or target is ch:
                self.hangup(ch, 16, request=False)
                return
            self.bridge_channels(ch, target)
        elif lowered == "musiconhold":
            self.start_moh(ch)
        elif lowered == "parkedcall":  # ParkedCall(lot,space)
            space = data.split(",")[-1].strip()
            if space.isdigit() and int(space) in self.parked:
                self.unpark(int(space), ch)
            else:
                self.hangup(ch, 16, request=False)
        elif lowered in ("hangup",):
            self.hangup(ch, 16, request=False)

    # -- bridging and parking (used by Bridge, Redirect, Park) -----------------------------------

    def yank(self, ch: Channel) -> None:
        """Take ``ch`` out of what it is doing (its dial, its bridge, MOH, a parking space)."""
        self.cancel_dial(ch, 26)
        d = self.dials.get(ch.uniqueid)
        if d is not None and not d.done:
            raise SimError("channel is still ringing")
        self.stop_moh(ch)
        if ch.parked_space is not None:
            self.parked.pop(ch.parked_space, None)
            ch.parked_space = None
        br = self.leave(ch)
        if br is not None:
            self.dissolve(br)

    def bridge_channels(self, a: Channel, b: Channel) -> None:
        for ch in (a, b):
            if ch.bridge is not None and ch.bridge is (b if ch is a else a).bridge:
                continue
            self.yank(ch)
        for ch in (a, b):
            ch.dialplan = True
            if ch.state != 6:
                self.set_state(ch, 6)
        if a.bridge is None or a.bridge is not b.bridge:
            self.bridge_pair(a, b)

    def park(self, ch: Channel, parker: Channel | None) -> int:
        """Park ``ch`` (MOH in a holding bridge), as the lab's 20 and 22 show: the lot's bridge
        is made, ``ch`` leaves its bridge, ParkedCall, ``ch`` enters the lot, music. A parker
        that was bridged with ``ch`` stays behind in the old bridge hearing the space number
        (one digit prompt each), then Asterisk hangs it up."""
        space = next((s for s in range(PARK_FIRST, PARK_LAST + 1) if s not in self.parked), None)
        if space is None:
            raise SimError("Park action failed\n")
        parker_dial = parker.endpoint if parker is not None else ""
        self.cancel_dial(ch, 26)
        self.stop_moh(ch)
        lot = self.create_bridge(technology="holding_bridge", kind="parking")
        old = self.leave(ch)
        ch.parked_space, ch.parker_dial = space, parker_dial
        ch.dialplan = True
        self.parked[space] = ch
        self.emit(SimEvent("ParkedCall", "call", self._parked_fields(ch, parker_dial)))
        self.enter(lot, ch)
        self.start_moh(ch)
        if old is None:
            return space
        if parker is not None and parker.bridge is old:
            announce = self.config.delay(ANNOUNCE_DIGIT * len(str(space)))
            self.schedule(announce, lambda: self._announced(parker, old))
        else:
            self.dissolve(old)
        return space

    def _announced(self, parker: Channel, bridge: Bridge) -> None:
        """The parker heard the space: it leaves its bridge and is hung up (Normal Clearing)."""
        if parker.gone or parker.bridge is not bridge:
            return
        self.leave(parker)
        self.destroy_bridge(bridge)
        self.hangup(parker, 16, request=False)

    def _parked_fields(self, ch: Channel, parker_dial: str) -> tuple[tuple[str, str], ...]:
        # No Parker block: AMI Park parks through the parker's bridge, not as its channel.
        return (
            *ev.channel_block(ch, "Parkee"),
            ("ParkerDialString", parker_dial),
            ("Parkinglot", "default"),
            ("ParkingSpace", str(ch.parked_space)),
            ("ParkingTimeout", "45"),
            ("ParkingDuration", str(ch.duration())),
        )

    def parked_items(self, action_id: str | None) -> list[list[tuple[str, str]]]:
        """``ParkedCalls`` list items: ``Event: ParkedCall`` with the ActionID."""
        aid = [("ActionID", action_id)] if action_id else []
        return [
            [("Event", "ParkedCall"), *aid, *self._parked_fields(ch, ch.parker_dial)]
            for _, ch in sorted(self.parked.items())
        ]

    def unpark(self, space: int, retriever: Channel) -> None:
        ch = self.parked.pop(space)
        ch.parked_space = None
        self.emit(
            SimEvent(
                "UnParkedCall",
                "call",
                (
                    *ev.channel_block(ch, "Parkee"),
                    *ev.channel_block(retriever, "Retriever"),
                    ("ParkerDialString", ""),
                    ("Parkinglot", "default"),
                    ("ParkingSpace", str(space)),
                    ("ParkingTimeout", "45"),
                    ("ParkingDuration", "1"),
                ),
            )
        )
        self.stop_moh(ch)
        lot = self.leave(ch)
        if lot is not None:
            self.destroy_bridge(lot)
        self.bridge_channels(retriever, ch)
        partner = retriever.local_partner
        if retriever.is_local and partner is not None:
            # The caller's identity travels through the Local pair to the phone it rang
            # (the panel's resume through Local/101@panel-aa, lab recordings of 20 and 22).
            self.set_connected(retriever, ch.cid_num, ch.cid_name)
            self.set_callerid(partner, ch.cid_num, ch.cid_name)
            for peer in self.peers(partner):
                self.set_connected(peer, ch.cid_num, ch.cid_name)
