"""Dial(), Queue(), answering, rejecting, cancelling, phone hold, NOTIFY: the event orders of
the recordings (01-06, 12-15)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import events as ev
from .config import PhoneAnswer, SimConfig
from .events import SimEvent
from .model import PHONE_NAMES, Handle, PbxCore, Schedule, SimError
from .state import Channel

MAIN_NUMBER = "74951234567"
SUPPORT_NUMBER = "74951234500"
SALES_NUMBER = "74951234501"
MOH_CLASS = "default"
CALL_LIMIT = 2  # sip.conf call-limit of the lab phones: two calls (call waiting), not three


@dataclass
class PhoneSettings:
    """How a simulated handset reacts when it rings (tests and scenarios change this)."""

    answer: PhoneAnswer = PhoneAnswer.MANUAL
    delay: float = 2.0  # seconds before ANSWER/BUSY, before time_scale
    notify: bool = True  # honours NOTIFY Event: talk/hold


@dataclass(eq=False)
class Dial:
    caller: Channel | None  # None: an Originate's own dial (no caller block on the wire)
    legs: list[Channel]
    on_answer: Callable[[Channel], None]
    on_fail: Callable[[str, int], None]  # DialStatus, hangup cause
    on_ringing: Callable[[Channel], None] | None = None
    queue: str | None = None
    timers: list[Handle] = field(default_factory=list)
    done: bool = False


class DialFlows(PbxCore):
    def __init__(self, config: SimConfig, emit: Callable[[SimEvent], None], schedule: Schedule):
        super().__init__(config, emit, schedule)
        self.dials: dict[str, Dial] = {}  # by leg Uniqueid
        self.caller_dials: dict[str, Dial] = {}  # by caller Uniqueid
        self.queue_calls: dict[str, tuple[str, Channel, Channel]] = {}  # queue, caller, member
        colleague = config.colleague_answer_delay
        self.phones: dict[str, PhoneSettings] = {
            self.phone_endpoint("101"): PhoneSettings(notify=config.phone_notify),
            self.phone_endpoint("102"): PhoneSettings(
                PhoneAnswer.ANSWER if colleague is not None else PhoneAnswer.MANUAL,
                colleague if colleague is not None else 2.0,
                config.phone_notify,
            ),
        }

    # -- Dial() ---------------------------------------------------------------------------------

    def dial(
        self,
        caller: Channel | None,
        targets: list[str],
        *,
        on_answer: Callable[[Channel], None] | None = None,
        on_fail: Callable[[str, int], None] | None = None,
        on_ringing: Callable[[Channel], None] | None = None,
        queue: str | None = None,
        auto_answer: float | None = None,
        linkedid: str | None = None,
        uniqueid: str | None = None,
        timeout: float | None = None,
        on_created: Callable[[Channel], None] | None = None,
    ) -> Dial:
        """Ring ``targets`` (endpoints, or ``SIP/trunk/<number>``) for ``caller``."""
        d = Dial(caller, [], self._dial_failed, on_fail or self._dial_failed, on_ringing, queue)
        d.on_answer = on_answer or (lambda leg: self.bridge_caller(d, leg))
        if caller is not None:
            self.caller_dials[caller.uniqueid] = d
        busy = 0
        created: list[tuple[Channel, str]] = []
        for target in targets:
            if target in self.phones and len(self.channels_of(target)) >= CALL_LIMIT:
                busy += 1  # chan_sip call-limit: the request fails, no channel at all
                continue
            leg, dial_string = self._new_leg(caller, target, d, linkedid, uniqueid, on_created)
            uniqueid = None
            created.append((leg, dial_string))
            if d.queue is not None:  # app_queue calls the members one by one (recording 12)
                self._begin(d, leg, dial_string)
        if d.queue is None:  # app_dial requests every channel, then dials them (recording 13)
            for leg, dial_string in created:
                self._begin(d, leg, dial_string)
            first = created[0][0] if created else None
            if caller is not None and len(created) == 1 and first and first.endpoint in self.phones:
                self.set_connected(caller, first.cid_num, first.cid_name)
        for leg, _ in created:
            if not leg.gone and not d.done:
                self._ring(d, leg, auto_answer)
        if not d.legs and not d.done:
            self._finish_failed(d, *(("BUSY", 17) if busy else ("CHANUNAVAIL", 20)))
        elif not d.done:
            limit = self.config.dial_timeout if timeout is None else timeout
            d.timers.append(self.schedule(self.config.delay(limit), lambda: self._timeout(d)))
        return d

    def _new_leg(
        self,
        caller: Channel | None,
        target: str,
        d: Dial,
        linkedid: str | None,
        uid: str | None,
        on_created: Callable[[Channel], None] | None,
    ) -> tuple[Channel, str]:
        _, _, rest = target.partition("/")
        link = caller.linkedid if caller is not None else linkedid
        if rest.startswith("trunk/"):
            number = rest.split("/", 1)[1]
            leg = self.new_channel(
                self.trunk_endpoint(), context="from-trunk", linkedid=link, uniqueid=uid
            )
            dial_string = f"trunk/{number}"
            leg.exten = number  # the far end's number decides what it does (see Dialplan)
            if caller is not None:
                leg.con_num, leg.con_name = caller.cid_num, caller.cid_name
                self.set_callerid(leg, caller.cid_num, caller.cid_name)
                self.set_connected(leg, caller.cid_num, caller.cid_name)
        else:
            number = rest
            leg = self.new_channel(
                target,
                cid_num=number,
                cid_name=PHONE_NAMES.get(number, number),
                linkedid=link,
                uniqueid=uid,
            )
            dial_string = target if d.queue else number
            if caller is not None and d.queue is None:
                leg.exten = caller.exten
                if caller.cid_num or caller.cid_name:  # nothing to tell: no NewConnectedLine
                    self.set_connected(leg, caller.cid_num, caller.cid_name)
        leg.application, leg.app_data = "AppDial", "(Outgoing Line)"
        if on_created is not None:
            on_created(leg)
        d.legs.append(leg)
        self.dials[leg.uniqueid] = d
        return leg, dial_string

    def _begin(self, d: Dial, leg: Channel, dial_string: str) -> None:
        caller = d.caller
        if d.queue is not None and caller is not None:
            # app_queue's quirk (recording 12): AgentCalled already shows the caller as
            # connected, DialBegin does not, Newstate(5) does again before NewConnectedLine
            leg.exten, leg.con_num, leg.con_name = caller.exten, caller.cid_num, caller.cid_name
            self.emit(
                ev.SimEvent(
                    "AgentCalled",
                    "agent",
                    (
                        *ev.channel_block(caller),
                        *ev.channel_block(leg, "Dest"),
                        ("Queue", d.queue),
                        ("Interface", leg.endpoint),
                        ("MemberName", PHONE_NAMES.get(leg.endpoint[-3:], leg.endpoint)),
                    ),
                )
            )
            leg.exten, leg.con_num, leg.con_name = "", "", ""
        self.emit(ev.dial_event("DialBegin", caller, leg, ("DialString", dial_string)))
        if d.queue is not None and caller is not None:
            leg.exten = caller.exten

    def _ring(self, d: Dial, leg: Channel, auto_answer: float | None) -> None:
        if d.queue is not None and d.caller is not None:
            leg.con_num, leg.con_name = d.caller.cid_num, d.caller.cid_name
        self.set_state(leg, 5)
        if d.queue is not None and d.caller is not None:
            self.set_connected(leg, d.caller.cid_num, d.caller.cid_name)
        if self.dialect.dial_state:
            self.emit(ev.dial_event("DialState", d.caller, leg, ("DialStatus", "RINGING")))
        if d.on_ringing is not None:
            d.on_ringing(leg)
        self._schedule_phone(d, leg, auto_answer)

    def _schedule_phone(self, d: Dial, leg: Channel, auto_answer: float | None) -> None:
        if auto_answer is not None:
            d.timers.append(
                self.schedule(self.config.delay(auto_answer), lambda: self._try_answer(leg))
            )
            return
        if leg.endpoint == self.trunk_endpoint():
            self.remote_ringing(d, leg)
            return
        phone = self.phones.get(leg.endpoint)
        if phone is None or phone.answer is PhoneAnswer.MANUAL:
            return
        action = self._try_answer if phone.answer is PhoneAnswer.ANSWER else self._try_reject
        d.timers.append(self.schedule(self.config.delay(phone.delay), lambda: action(leg)))

    def remote_ringing(self, d: Dial, leg: Channel) -> None:
        """An outgoing trunk leg rings; the dialplan layer decides what the far end does."""

    def _try_answer(self, leg: Channel) -> None:
        if not leg.gone and leg.uniqueid in self.dials:
            self.answer_leg(leg)

    def _try_reject(self, leg: Channel) -> None:
        if not leg.gone and leg.uniqueid in self.dials:
            self.reject_leg(leg)

    def ringing_leg(self, endpoint: str) -> Channel | None:
        legs = [c for c in self.channels_of(endpoint) if c.state != 6 and c.uniqueid in self.dials]
        return legs[-1] if legs else None

    def answer_leg(self, leg: Channel) -> None:
        d = self.dials.get(leg.uniqueid)
        if d is None or d.done:
            raise SimError("channel is not ringing")
        self._close(d)
        self.set_state(leg, 6)
        caller = d.caller
        if d.queue is None and caller is not None and len(d.legs) > 1:
            self.set_connected(caller, leg.cid_num, leg.cid_name)  # ring group: who answered
        if d.queue is None:
            leg.exten = ""
        self.emit(ev.dial_event("DialEnd", d.caller, leg, ("DialStatus", "ANSWER")))
        if d.caller is not None:
            self.set_var(d.caller, "DIALSTATUS", "ANSWER")
        others = [o for o in d.legs if o is not leg]
        for other in others:
            self.emit(ev.dial_event("DialEnd", d.caller, other, ("DialStatus", "CANCEL")))
        if d.queue is not None and d.caller is not None:
            self.set_connected(d.caller, leg.cid_num, leg.cid_name)
            for other in others:  # app_queue reports the losing member twice (recording 12)
                self.emit(ev.dial_event("DialEnd", d.caller, other, ("DialStatus", "CANCEL")))
        for other in others:
            self.hangup(other, 26, request=False)
        d.on_answer(leg)

    def reject_leg(self, leg: Channel, cause: int = 17) -> None:
        """The phone answers 486 Busy Here (or another final error)."""
        d = self.dials.get(leg.uniqueid)
        if d is None or d.done:
            raise SimError("channel is not ringing")
        status = "BUSY" if cause == 17 else "CONGESTION" if cause == 34 else "NOANSWER"
        leg.tech_cause = {17: 486, 34: 503, 21: 403}.get(cause, 480)
        self.emit(ev.dial_event("DialEnd", d.caller, leg, ("DialStatus", status)))
        d.legs.remove(leg)
        self.dials.pop(leg.uniqueid, None)
        self.hangup(leg, cause, request=False)
        if not d.legs and not d.done:
            self._finish_failed(d, status, cause)

    def _timeout(self, d: Dial) -> None:
        if d.done:
            return
        self._close(d)
        for leg in list(d.legs):
            self.emit(ev.dial_event("DialEnd", d.caller, leg, ("DialStatus", "NOANSWER")))
            self.hangup(leg, 16, request=False)
        d.on_fail("NOANSWER", 19)

    def _finish_failed(self, d: Dial, status: str, cause: int) -> None:
        self._close(d)
        d.on_fail(status, cause)

    def _close(self, d: Dial) -> None:
        d.done = True
        for timer in d.timers:
            timer.cancel()
        d.timers.clear()
        for leg in d.legs:
            self.dials.pop(leg.uniqueid, None)
        if d.caller is not None and self.caller_dials.get(d.caller.uniqueid) is d:
            del self.caller_dials[d.caller.uniqueid]

    def cancel_dial(self, caller: Channel, cause: int = 26) -> None:
        """The caller stops dialling (hangs up, is yanked): its ringing legs get CANCEL."""
        d = self.caller_dials.get(caller.uniqueid)
        if d is None or d.done:
            return
        self._close(d)
        for leg in list(d.legs):
            self.emit(ev.dial_event("DialEnd", caller, leg, ("DialStatus", "CANCEL")))
            self.hangup(leg, cause, request=False)

    def bridge_caller(self, d: Dial, leg: Channel) -> None:
        """After ANSWER: the default continuation of Dial() bridges caller and callee."""
        caller = d.caller
        if caller is None or caller.gone:
            return
        self.stop_moh(caller)
        self.set_state(caller, 6)
        self.bridge_pair(leg, caller)

    def _dial_failed(self, *args: object) -> None:
        """Default: nothing more; callers with a dialplan continuation pass their own."""

    def leaving(self, ch: Channel) -> None:
        queued = self.queue_calls.pop(ch.uniqueid, None)
        if queued is not None:
            queue, caller, member = queued
            self.queue_calls.pop((member if ch is caller else caller).uniqueid, None)
            self.emit(
                ev.SimEvent(
                    "AgentComplete",
                    "agent",
                    (
                        *ev.channel_block(caller),
                        *ev.channel_block(member, "Dest"),
                        ("Queue", queue),
                        ("Interface", member.endpoint),
                        ("MemberName", PHONE_NAMES.get(member.endpoint[-3:], "")),
                        ("HoldTime", "3"),
                        ("TalkTime", str(member.duration())),
                        ("Reason", "caller" if ch is caller else "agent"),
                    ),
                )
            )
        super().leaving(ch)

    def channel_gone(self, ch: Channel, cause: int) -> None:
        d = self.caller_dials.get(ch.uniqueid)
        if d is not None and not d.done:
            self.cancel_dial(ch, 16)
        d = self.dials.get(ch.uniqueid)
        if d is not None and not d.done and ch in d.legs:
            d.legs.remove(ch)
            self.dials.pop(ch.uniqueid, None)
            if d.caller is not None:
                self.emit(ev.dial_event("DialEnd", d.caller, ch, ("DialStatus", "CANCEL")))
            if not d.legs:
                self._finish_failed(d, "CANCEL", cause)
        super().channel_gone(ch, cause)

    # -- incoming calls -------------------------------------------------------------------------

    def incoming(self, number: str, name: str, to: str, did: str = MAIN_NUMBER) -> Channel:
        """A call from the trunk; ``to`` is an endpoint, ``A&B`` (ring group) or ``Queue/<q>``."""
        caller = self.new_inbound(
            self.trunk_endpoint(), cid_num=number, cid_name=name, context="from-trunk", exten=did
        )
        caller.dnid = did
        caller.dialplan = True
        if to.startswith("Queue/"):
            self.queue_call(caller, to.split("/", 1)[1])
            return caller
        targets = to.split("&")
        self.run_app(caller, "Dial", f"{'&'.join(targets)},30,tT", priority=2)
        self.dial(
            caller, targets, on_fail=lambda status, cause: self._caller_after_dial(caller, cause)
        )
        return caller

    def _caller_after_dial(self, caller: Channel, cause: int) -> None:
        if not caller.gone:
            caller.priority += 1
            self.hangup(caller, cause, request=False)

    def queue_call(self, caller: Channel, queue: str) -> None:
        caller.priority = 2
        self.set_state(caller, 6)
        self.run_app(caller, "Queue", f"{queue},tT,,,60", priority=3)
        self.emit(
            ev.queue_event("QueueCallerJoin", caller, queue, ("Position", "1"), ("Count", "1"))
        )
        self.start_moh(caller)
        phones = [self.phone_endpoint("101"), self.phone_endpoint("102")]
        members = self.centre.ringable(queue, phones)  # paused members are not rung
        if not members:  # nobody to ring: the caller waits, then gives up (an abandon)
            self.schedule(20.0, lambda: None if caller.gone else self.remote_cancel(caller))
            return

        def connected(leg: Channel) -> None:
            self.stop_moh(caller)
            self.emit(
                ev.queue_event("QueueCallerLeave", caller, queue, ("Position", "1"), ("Count", "0"))
            )
            self.emit(
                ev.SimEvent(
                    "AgentConnect",
                    "agent",
                    (
                        *ev.channel_block(caller),
                        *ev.channel_block(leg, "Dest"),
                        ("Queue", queue),
                        ("Interface", leg.endpoint),
                        ("MemberName", PHONE_NAMES.get(leg.endpoint[-3:], "")),
                        ("HoldTime", "3"),
                        ("RingTime", "3"),
                    ),
                )
            )
            self.centre.call_taken(queue, leg.endpoint)
            self.queue_calls[caller.uniqueid] = (queue, caller, leg)
            self.queue_calls[leg.uniqueid] = (queue, caller, leg)
            self.bridge_pair(leg, caller)

        self.dial(
            caller,
            members,
            queue=queue,
            on_answer=connected,
            on_fail=lambda status, cause: self._caller_after_dial(caller, 16),
        )

    def remote_cancel(self, caller: Channel) -> None:
        """The external caller gives up while ringing (CANCEL): caller cause 0, like 02."""
        self.emit(ev.hangup_request(caller, None))
        d = self.caller_dials.get(caller.uniqueid)
        if d is not None and d.queue is not None:  # abandoned in the queue
            wait = str(caller.duration())
            self.emit(ev.queue_event("QueueCallerAbandon", caller, d.queue, ("Position", "1"),
                                     ("OriginalPosition", "1"), ("HoldTime", wait)))  # fmt: skip
            self.emit(ev.queue_event("QueueCallerLeave", caller, d.queue, ("Position", "1"),
                                     ("Count", "0")))  # fmt: skip
        self.cancel_dial(caller, 16)
        self.hangup(caller, 0, request=False)

    # -- hold and music on hold -----------------------------------------------------------------

    def start_moh(self, ch: Channel) -> None:
        if not ch.moh:
            ch.moh = True
            self.emit(ev.call_event("MusicOnHoldStart", ch, ("Class", MOH_CLASS)))

    def stop_moh(self, ch: Channel) -> None:
        if ch.moh:
            ch.moh = False
            self.emit(ev.call_event("MusicOnHoldStop", ch))

    def hold(self, ch: Channel, *, music_class: str | None = MOH_CLASS) -> None:
        """``ch`` sends a sendonly re-INVITE: Hold on it, MOH for its bridge peers (05/06)."""
        if ch.held or ch.state != 6:
            raise SimError("channel is not talking")
        ch.held = True
        extra = (("MusicClass", music_class),) if music_class else ()
        self.emit(ev.call_event("Hold", ch, *extra))
        for peer in self.peers(ch):
            self.start_moh(peer)

    def unhold(self, ch: Channel) -> None:
        if not ch.held:
            raise SimError("channel is not on hold")
        ch.held = False
        self.emit(ev.call_event("Unhold", ch))
        for peer in self.peers(ch):
            self.stop_moh(peer)

    def notify(self, ch: Channel, event: str) -> None:
        """A NOTIFY reached the phone owning ``ch``: talk answers or resumes, hold holds."""
        phone = self.phones.get(ch.endpoint)
        if phone is None or not phone.notify:
            raise SimError(f"phone {ch.endpoint} does not support NOTIFY Event: {event}")
        if event == "talk":
            if ch.uniqueid in self.dials:
                self.answer_leg(ch)
            elif ch.held:
                self.unhold(ch)
        elif event in ("unhold", "resume"):
            self.unhold(ch)
        elif event == "hold":
            self.hold(ch)
        else:
            raise SimError(f"phone {ch.endpoint} does not support NOTIFY Event: {event}")
