"""The demo PBX's call centre: app_queue members, custom device states, colleagues' hints.

Modelled on the real 18.26.4 recordings in tests/data/centre: the same actions answer with
the same messages ("Added interface to queue", "Unable to add interface: Already there",
"Member not dynamic", "Interface not found", "Permission denied" without ``agent``), and the
same events follow (QueueMemberAdded/Removed/Pause, DeviceStateChange of ``Custom:`` devices).

Queues: ``support`` (ringall; static members SIP/101 and SIP/102, as in recording 12, plus the
demo colleagues) and ``sales`` (empty: the operator can log in). Colleagues 103–106 have hints
but no phones: the demo script changes their states (:func:`SimCentre.set_colleague`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import events as ev
from .config import Dialect

QUEUE_STATUS = {"NOT_INUSE": 1, "INUSE": 2, "BUSY": 3, "UNAVAILABLE": 5, "RINGING": 6,
                "RINGINUSE": 7, "ONHOLD": 8}  # fmt: skip
# Demo colleagues: hints in [internal], static members of support (so they have names).
COLLEAGUES = {
    "103": "Мария Соколова",
    "104": "Dmitry Orlov",
    "105": "Elena Popova",
    "106": "Алексей Морозов-Задунайский",
}
QUEUES = ("support", "sales")
MAX_REASON = 79


@dataclass(frozen=True)
class SimMember:
    queue: str
    interface: str
    name: str
    state_interface: str
    dynamic: bool
    paused: bool = False
    reason: str = ""
    penalty: int = 0
    calls_taken: int = 0
    last_call: int = 0
    login_time: int = 0


class SimCentre:
    def __init__(
        self,
        dialect: Dialect,
        emit: Callable[[ev.SimEvent], None],
        phone_endpoint: Callable[[str], str],
        phone_names: dict[str, str],
        device_state: Callable[[str], str],
    ) -> None:
        self.dialect = dialect
        self.emit = emit
        self._phone = phone_endpoint
        self._device_state = device_state
        now = int(time.time())
        self.members: dict[tuple[str, str], SimMember] = {}
        for number, name in {**phone_names, **COLLEAGUES}.items():
            endpoint = phone_endpoint(number)
            self.members[("support", endpoint)] = SimMember(
                "support", endpoint, name, endpoint, dynamic=False, login_time=now
            )
        self.custom: dict[str, str] = {}  # Custom:… device -> state
        self.colleague_state = dict.fromkeys(COLLEAGUES, "NOT_INUSE")

    # ------------------------------------------------------------------ queries

    def ringable(self, queue: str, candidates: list[str]) -> list[str]:
        """The phones ``Queue(queue)`` rings now: members, not paused."""
        return [
            c
            for c in candidates
            if (m := self.members.get((queue, c))) is not None and not m.paused
        ]

    def member_status(self, m: SimMember) -> int:
        number = m.state_interface.rsplit("/", 1)[-1]
        if number in self.colleague_state:
            return QUEUE_STATUS.get(self.colleague_state[number], 1)
        return QUEUE_STATUS.get(self._device_state(m.state_interface), 1)

    def hints(self) -> list[tuple[str, str, str]]:
        """(exten, hint, device state) of the demo colleagues."""
        return [(n, self._phone(n), s) for n, s in self.colleague_state.items()]

    # ------------------------------------------------------------------ events

    def member_event(self, name: str, m: SimMember) -> ev.SimEvent:
        return ev.SimEvent(name, "agent", tuple(self._member_fields(m, name="MemberName")))

    def member_item(self, m: SimMember, action_id: str | None) -> list[tuple[str, str]]:
        """A QueueStatus ``QueueMember`` item: ``Name``/``Location`` (not MemberName/Interface)."""
        aid = [("ActionID", action_id)] if action_id else []
        return [("Event", "QueueMember"), *self._member_fields(m, name="Name"), *aid]

    def _member_fields(self, m: SimMember, *, name: str) -> list[tuple[str, str]]:
        event = name == "MemberName"
        pairs = [
            ("Queue", m.queue),
            (name, m.name),
            ("Interface" if event else "Location", m.interface),
            ("StateInterface", m.state_interface),
            ("Membership", "dynamic" if m.dynamic else "static"),
            ("Penalty", str(m.penalty)),
            ("CallsTaken", str(m.calls_taken)),
            ("LastCall", str(m.last_call)),
        ]
        if self.dialect.queue_member_extra:
            pairs += [("LastPause", "0"), ("LoginTime", str(m.login_time))]
        pairs += [
            ("InCall", "0"),
            ("Status", str(self.member_status(m))),
            ("Paused", "1" if m.paused else "0"),
            ("PausedReason", m.reason),
        ]
        if event:
            pairs.append(("Ringinuse", "0"))
        if self.dialect.queue_member_extra:
            pairs.append(("Wrapuptime", "0"))
        return pairs

    def device_changed(self, endpoint: str) -> None:
        """A phone's device state changed: every queue it is in reports QueueMemberStatus."""
        for m in [m for m in self.members.values() if m.state_interface == endpoint]:
            self.emit(self.member_event("QueueMemberStatus", m))

    def call_taken(self, queue: str, endpoint: str) -> None:
        m = self.members.get((queue, endpoint))
        if m is not None:
            self.members[m.queue, m.interface] = replace(
                m, calls_taken=m.calls_taken + 1, last_call=int(time.time())
            )

    # ------------------------------------------------------------------ actions

    def add(self, queue: str, interface: str, name: str, state_interface: str,
            paused: bool, reason: str) -> str | None:  # fmt: skip
        """QueueAdd; an error message, or None when it worked."""
        if queue not in QUEUES:
            return "Unable to add interface to queue: No such queue"
        if (queue, interface) in self.members:
            return "Unable to add interface: Already there"
        m = SimMember(queue, interface, name or interface, state_interface or interface,
                      dynamic=True, paused=paused, reason=reason[:MAX_REASON] if paused else "",
                      login_time=int(time.time()))  # fmt: skip
        self.members[(queue, interface)] = m
        self.emit(self.member_event("QueueMemberAdded", m))
        return None

    def remove(self, queue: str, interface: str) -> str | None:
        if queue not in QUEUES:
            return "Unable to remove interface from queue: No such queue"
        m = self.members.get((queue, interface))
        if m is None:
            return "Unable to remove interface: Not there"
        if not m.dynamic:
            return "Member not dynamic"
        del self.members[(queue, interface)]
        self.emit(self.member_event("QueueMemberRemoved", m))
        return None

    def pause(self, interface: str, queue: str, paused: bool, reason: str) -> str | None:
        found = [
            m
            for m in self.members.values()
            if m.interface == interface and (not queue or m.queue == queue)
        ]
        if not found:
            return "Interface not found"
        for m in found:
            new = replace(m, paused=paused, reason=reason[:MAX_REASON] if paused else "")
            self.members[(m.queue, m.interface)] = new
            self.emit(self.member_event("QueueMemberPause", new))
        return None

    def set_custom(self, device: str, state: str) -> None:
        """``Setvar DEVICE_STATE(Custom:x)``: func_devstate's write, with its DeviceStateChange."""
        state = state.upper()
        if self.custom.get(device) == state:
            return
        self.custom[device] = state
        self.emit(ev.device_state(device, state))

    def set_colleague(self, number: str, state: str) -> None:
        """The demo script: colleague ``number``'s phone changes state."""
        if self.colleague_state.get(number) == state:
            return
        self.colleague_state[number] = state
        endpoint = self._phone(number)
        self.emit(ev.extension_status(number, endpoint, state))
        self.emit(ev.device_state(endpoint, state))
        self.device_changed(endpoint)
