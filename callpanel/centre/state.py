"""The one owner of the call centre's state: every membership, colleague and the DND flag.

A connector reports what the PBX said (a snapshot after login or reconnect, then each change);
every method returns the events to publish, only for what really changed. Nothing is ever
assumed from a command the operator gave: a pause shows once the PBX reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .events import AgentStatusChanged, CentreEvent, ColleagueChanged, QueueMembershipChanged
from .model import AgentState, AgentStatus, Colleague, ColleagueState, Membership

# Base states a hint can report; paused and DND are laid over an idle colleague only, so a
# colleague who is talking still shows "in call" to an operator looking for someone free.
_ACTIVE = frozenset({ColleagueState.RINGING, ColleagueState.IN_CALL, ColleagueState.ON_HOLD})


class CentreState:
    def __init__(self, *, own_extension: str = "") -> None:
        self._own_extension = own_extension  # not listed among the colleagues
        self._members: dict[tuple[str, str], Membership] = {}
        self._own: set[tuple[str, str]] = set()
        self._base: dict[str, Colleague] = {}  # colleague as the hint reports it
        self._shown: dict[str, Colleague] = {}  # with paused / DND laid over
        self._colleague_dnd: set[str] = set()
        self._device_owner: dict[str, str] = {}  # device (casefolded) -> extension
        self._dnd = False
        self._status: AgentStatus | None = None
        self._queues: tuple[str, ...] = ()  # every queue the PBX has (to log in to)

    # ------------------------------------------------------------------ queries

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """The operator's memberships, by queue name."""
        return tuple(sorted((self._members[k] for k in self._own), key=lambda m: m.key))

    def membership(self, queue: str) -> Membership | None:
        for key in self._own:
            if key[0] == queue:
                return self._members[key]
        return None

    @property
    def known_queues(self) -> tuple[str, ...]:
        """Every queue the PBX reported, the operator's or not (sorted)."""
        return self._queues

    def set_known_queues(self, queues: Iterable[str]) -> None:
        self._queues = tuple(sorted(set(queues)))

    def all_members(self) -> tuple[Membership, ...]:
        """Every member of every queue, the operator's and the colleagues'."""
        return tuple(self._members.values())

    def owner_of(self, device: str) -> str | None:
        """The colleague's extension whose hint names ``device``."""
        return self._device_owner.get(device.casefold())

    @property
    def colleagues(self) -> tuple[Colleague, ...]:
        return tuple(self._shown[e] for e in sorted(self._shown, key=_extension_order))

    def colleague(self, extension: str) -> Colleague | None:
        return self._shown.get(extension)

    @property
    def dnd(self) -> bool:
        return self._dnd

    @property
    def agent_status(self) -> AgentStatus:
        return self._status or self._compute_status()

    # ------------------------------------------------------------------ queue members

    def replace_members(self, members: Iterable[tuple[Membership, bool]]) -> list[CentreEvent]:
        """A full snapshot (``(membership, is the operator's)``): what is gone is removed."""
        fresh = {m.key: (m, own) for m, own in members}
        out: list[CentreEvent] = []
        for key in [k for k in self._members if k not in fresh]:
            out += self._drop(key)
        for membership, own in fresh.values():
            out += self._put(membership, own)
        return out + self._after_members(set(fresh) | set(self._members))

    def put_member(self, membership: Membership, own: bool) -> list[CentreEvent]:
        out = self._put(membership, own)
        return out + self._after_members({membership.key})

    def remove_member(self, queue: str, interface: str) -> list[CentreEvent]:
        key = (queue, interface)
        out = self._drop(key)
        return out + self._after_members({key})

    def _put(self, membership: Membership, own: bool) -> list[CentreEvent]:
        key = membership.key
        old = self._members.get(key)
        self._members[key] = membership
        was_own = key in self._own
        if own:
            self._own.add(key)
        else:
            self._own.discard(key)
        if own and (old != membership or not was_own):
            return [QueueMembershipChanged(membership)]
        if was_own and not own and old is not None:
            return [QueueMembershipChanged(old, removed=True)]
        return []

    def _drop(self, key: tuple[str, str]) -> list[CentreEvent]:
        old = self._members.pop(key, None)
        if old is None:
            return []
        if key in self._own:
            self._own.discard(key)
            return [QueueMembershipChanged(old, removed=True)]
        return []

    def _after_members(self, keys: set[tuple[str, str]]) -> list[CentreEvent]:
        extensions: set[str] = set()
        for queue, interface in keys:
            member = self._members.get((queue, interface))
            for device in (interface, member.state_interface if member else ""):
                owner = self._device_owner.get(device.casefold())
                if owner is not None:
                    extensions.add(owner)
        out: list[CentreEvent] = []
        for extension in sorted(extensions):
            out += self._reshow(extension)
        return out + self._status_event()

    # ------------------------------------------------------------------ colleagues

    def replace_colleagues(self, colleagues: Iterable[Colleague]) -> list[CentreEvent]:
        fresh = {c.extension: c for c in colleagues if c.extension != self._own_extension}
        out: list[CentreEvent] = []
        for extension in [e for e in self._base if e not in fresh]:
            out += self.remove_colleague(extension)
        for colleague in fresh.values():
            out += self.put_colleague(colleague)
        return out

    def put_colleague(self, colleague: Colleague) -> list[CentreEvent]:
        """A colleague's hint state (the base state; paused/DND are laid over here)."""
        if colleague.extension == self._own_extension:
            return []
        old = self._base.get(colleague.extension)
        if old is not None and not colleague.name and old.name:
            colleague = replace(colleague, name=old.name)  # a state change carries no name
        if old is not None and old.devices != colleague.devices:
            self._forget_devices(old)
        self._base[colleague.extension] = colleague
        for device in colleague.devices:
            self._device_owner[device.casefold()] = colleague.extension
        return self._reshow(colleague.extension)

    def set_colleague_state(self, extension: str, state: ColleagueState) -> list[CentreEvent]:
        old = self._base.get(extension)
        if old is None:
            return []
        return self.put_colleague(replace(old, state=state))

    def name_colleague(self, extension: str, name: str) -> list[CentreEvent]:
        old = self._base.get(extension)
        if old is None or not name or old.name == name:
            return []
        return self.put_colleague(replace(old, name=name))

    def remove_colleague(self, extension: str) -> list[CentreEvent]:
        old = self._base.pop(extension, None)
        self._colleague_dnd.discard(extension)
        shown = self._shown.pop(extension, None)
        if old is not None:
            self._forget_devices(old)
        return [ColleagueChanged(shown, removed=True)] if shown is not None else []

    def set_colleague_dnd(self, extension: str, on: bool) -> list[CentreEvent]:
        if on:
            self._colleague_dnd.add(extension)
        else:
            self._colleague_dnd.discard(extension)
        return self._reshow(extension)

    def _forget_devices(self, colleague: Colleague) -> None:
        for device in colleague.devices:
            if self._device_owner.get(device.casefold()) == colleague.extension:
                del self._device_owner[device.casefold()]

    def _reshow(self, extension: str) -> list[CentreEvent]:
        base = self._base.get(extension)
        if base is None:
            return []
        state = base.state
        if state not in _ACTIVE and state is not ColleagueState.UNAVAILABLE:
            if extension in self._colleague_dnd:
                state = ColleagueState.DND
            elif self._colleague_paused(base):
                state = ColleagueState.PAUSED
        shown = replace(base, state=state) if state is not base.state else base
        if self._shown.get(extension) == shown:
            return []
        self._shown[extension] = shown
        return [ColleagueChanged(shown)]

    def _colleague_paused(self, colleague: Colleague) -> bool:
        devices = {d.casefold() for d in colleague.devices}
        theirs = [
            m
            for m in self._members.values()
            if m.interface.casefold() in devices or m.state_interface.casefold() in devices
        ]
        return bool(theirs) and all(m.paused for m in theirs)

    # ------------------------------------------------------------------ the operator's DND

    def set_dnd(self, on: bool) -> list[CentreEvent]:
        self._dnd = on
        return self._status_event()

    def _compute_status(self) -> AgentStatus:
        if self._dnd:
            return AgentStatus(AgentState.DND)
        own = self.memberships
        if own and all(m.paused for m in own):
            reasons = [m.reason for m in own if m.reason]
            return AgentStatus(
                AgentState.PAUSED,
                reasons[0] if reasons else "",
                autopaused=all(m.autopaused for m in own),
            )
        return AgentStatus(AgentState.AVAILABLE)

    def _status_event(self) -> list[CentreEvent]:
        status = self._compute_status()
        if status == self._status:
            return []
        self._status = status
        return [AgentStatusChanged(status)]

    def clear(self) -> list[CentreEvent]:
        """Forget everything (the link is gone for good); removals are reported."""
        out = self.replace_members([])
        out += self.replace_colleagues([])
        self._colleague_dnd.clear()
        return out


def _extension_order(extension: str) -> tuple[int, int, str]:
    return (
        (0, int(extension), "")
        if extension.isascii() and extension.isdigit()
        else (1, 0, extension.casefold())
    )
