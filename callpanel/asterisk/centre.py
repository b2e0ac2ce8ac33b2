"""The call centre on Asterisk: one part composed into ``AsteriskManager`` beside the adapter.

It reads app_queue's, hints' and device-state events (:mod:`.queues`, :mod:`.presence`),
keeps :class:`~callpanel.centre.CentreState` current, takes a fresh snapshot after every login
(``QueueStatus``, ``ExtensionStateList``, ``DeviceStateList``), and adds the queue and the
caller's wait to the ``RingStarted`` of a queue call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Protocol

from ..ami import Action, Event
from ..calls.events import CallEvent, RingStarted
from ..centre import CentreEvent, CentreState, Colleague, Membership
from .config import ClientConfig
from .presence import MAX_NAME, colleague_from, dnd_extension, dnd_on
from .queues import MEMBER_EVENTS, ORIGIN_EVENTS, OwnMembers, QueueOrigins, member_from

log = logging.getLogger(__name__)

DEFAULT_DND_PREFIX = "Custom:DND"
DEFAULT_DND_REASON = "DND"
# DND first, so that a pause made by DND is shown as DND from the start; members before
# hints, so that colleagues come with their queue member names.
SNAPSHOT_ACTIONS = ("DeviceStateList", "QueueStatus", "ExtensionStateList")


def extension_of(endpoint: str) -> str:
    """``SIP/101`` → ``101``; ``Local/101@ctx`` → ``101``."""
    resource = endpoint.split("/", 1)[-1]
    return resource.split("@", 1)[0]


@dataclass(frozen=True, slots=True)
class CentreConfig:
    """Who the operator is for the queues and the PBX's hints.

    ``interface`` is what QueueAdd puts in the queue (default: the first endpoint);
    ``extension`` is the operator's own hint/DND name (default: that endpoint's resource).
    """

    endpoints: tuple[str, ...]
    interface: str = ""
    member_name: str = ""
    state_interface: str = ""
    extension: str = ""
    dnd_device_prefix: str = DEFAULT_DND_PREFIX
    dnd_reason: str = DEFAULT_DND_REASON
    colleague_context: str = ""  # only hints of this context (empty: every context)
    colleague_names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_client(cls, client: ClientConfig, **overrides: object) -> CentreConfig:
        endpoints = tuple(client.endpoints)
        first = endpoints[0] if endpoints else ""
        base = cls(
            endpoints=endpoints,
            interface=first,
            member_name=first,
            extension=extension_of(first) if first else "",
        )
        return replace(base, **overrides)  # type: ignore[arg-type]

    @property
    def queue_interface(self) -> str:
        return self.interface or (self.endpoints[0] if self.endpoints else "")

    @property
    def dnd_device(self) -> str:
        return f"{self.dnd_device_prefix}{self.extension}" if self.extension else ""


class CentrePart(Protocol):
    """What the manager composes in as its call centre: :class:`AsteriskCentre` on a panel,
    one per operator behind a single session in the hub (``callpanel.hub.centres``)."""

    EVENTS: frozenset[str]

    def handle(self, event: Event) -> list[CentreEvent]: ...

    def enrich(
        self, call_event: CallEvent, caller_of: Callable[[str], str | None]
    ) -> CallEvent: ...

    def snapshot_actions(self) -> list[Action]: ...

    def apply_snapshot(self, action: str, items: Sequence[Event]) -> list[CentreEvent]: ...

    def failed_snapshot(self, action: str) -> list[CentreEvent]: ...


class AsteriskCentre:
    """AMI events in, call-centre events out; owns the one :class:`CentreState`."""

    EVENTS: frozenset[str] = (
        MEMBER_EVENTS | ORIGIN_EVENTS | {"ExtensionStatus", "DeviceStateChange", "Hangup"}
    )

    def __init__(self, config: CentreConfig, *, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.state = CentreState(own_extension=config.extension)
        self.origins = QueueOrigins(clock)
        self._own = OwnMembers(
            (*config.endpoints, config.queue_interface, config.state_interface), config.extension
        )
        self._names: dict[str, str] = dict(config.colleague_names)  # extension -> name
        self._contexts: dict[str, str] = {}  # extension -> the context its hint was read from
        self._dnd_set: set[str] = set()  # colleagues whose DND device is set
        self._member_names: dict[str, str] | None = None  # device -> MemberName, built lazily
        self._handlers: Mapping[str, Callable[[Event], list[CentreEvent]]] = MappingProxyType(
            {
                **{name: self._on_member for name in MEMBER_EVENTS},
                "QueueMemberRemoved": self._on_member_removed,
                "ExtensionStatus": self._on_extension_status,
                "DeviceStateChange": self._on_device_state,
            }
        )

    def owns(self, membership: Membership) -> bool:
        """Whether a queue member is this operator (its phone, queue interface or extension)."""
        return self._own(membership)

    # ------------------------------------------------------------------ events

    def handle(self, event: Event) -> list[CentreEvent]:
        name = event.name
        try:
            if name in ORIGIN_EVENTS:
                self.origins.handle(event)
            elif name == "Hangup":
                self.origins.forget(event.get("Uniqueid") or "", event.get("Channel") or "")
                return []
            handler = self._handlers.get(name)
            return handler(event) if handler is not None else []
        except Exception:  # a malformed event must never take the connector down
            log.exception("call centre could not handle %s event", name)
            return []

    def enrich(self, call_event: CallEvent, caller_of: Callable[[str], str | None]) -> CallEvent:
        """A queue call's ``RingStarted`` gains its queue and the caller's wait so far."""
        if not isinstance(call_event, RingStarted) or call_event.queue is not None:
            return call_event
        origin = self.origins.origin_of(call_event.call_id, caller_of(call_event.call_id))
        if origin is None:
            return call_event
        return replace(call_event, queue=origin.queue, waited_s=self.origins.waited(origin))

    # ------------------------------------------------------------------ snapshots

    def snapshot_actions(self) -> list[Action]:
        return [Action.create(name) for name in SNAPSHOT_ACTIONS]

    def apply_snapshot(self, action: str, items: Sequence[Event]) -> list[CentreEvent]:
        if action == "QueueStatus":
            members = []
            queues: list[str] = []
            for item in items:
                if item.name == "QueueParams" and item.get("Queue"):
                    queues.append(item.get("Queue") or "")
                elif item.name == "QueueMember":
                    member = member_from(item)
                    if member is not None:
                        members.append((member, self._own(member)))
                elif item.name == "QueueEntry":
                    self.origins.queue_entry(item)
            self._member_names = None
            self.state.set_known_queues(queues + [m.queue for m, _own in members])
            out = self.state.replace_members(members)
            return out + self._learn_names()
        if action == "ExtensionStateList":
            self._contexts.clear()
            colleagues = []
            for item in items:
                if item.name != "ExtensionStatus" or not self._wanted(item):
                    continue
                colleague, removed = colleague_from(item)
                if colleague is not None and not removed:
                    self._contexts.setdefault(colleague.extension, colleague.context)
                    if self._contexts[colleague.extension] == colleague.context:
                        colleagues.append(self._named(colleague))
            return self.state.replace_colleagues(colleagues)
        if action == "DeviceStateList":
            on = {
                ext
                for item in items
                if (ext := dnd_extension(item.get("Device") or "", self.config.dnd_device_prefix))
                and dnd_on(item.get("State") or "")
            }
            out = self.state.set_dnd(self.config.extension in on)
            for extension in sorted((on | self._dnd_set) - {self.config.extension}):
                out += self.state.set_colleague_dnd(extension, extension in on)
            self._dnd_set = on - {self.config.extension}
            return out
        return []

    def failed_snapshot(self, action: str) -> list[CentreEvent]:
        """The PBX refused a snapshot (no app_queue, no hints…): keep nothing stale."""
        if action == "QueueStatus":
            return self.state.replace_members([])
        if action == "ExtensionStateList":
            return self.state.replace_colleagues([])
        return []

    # ------------------------------------------------------------------ handlers

    def _on_member(self, event: Event) -> list[CentreEvent]:
        member = member_from(event)
        if member is None:
            return []
        self._member_names = None
        out = self.state.put_member(member, self._own(member))
        return out + self._learn_name(member)

    def _on_member_removed(self, event: Event) -> list[CentreEvent]:
        member = member_from(event)
        return self.state.remove_member(member.queue, member.interface) if member else []

    def _on_extension_status(self, event: Event) -> list[CentreEvent]:
        if not self._wanted(event):
            return []
        colleague, removed = colleague_from(event)
        if colleague is None:
            return []
        known = self._contexts.setdefault(colleague.extension, colleague.context)
        if known != colleague.context:
            return []  # the same extension in a second context: the first one counts
        if removed:
            self._contexts.pop(colleague.extension, None)
            return self.state.remove_colleague(colleague.extension)
        return self.state.put_colleague(self._named(colleague))

    def _on_device_state(self, event: Event) -> list[CentreEvent]:
        extension = dnd_extension(event.get("Device") or "", self.config.dnd_device_prefix)
        if extension is None:
            return []
        on = dnd_on(event.get("State") or "")
        if extension == self.config.extension:
            return self.state.set_dnd(on)
        if on:
            self._dnd_set.add(extension)
        else:
            self._dnd_set.discard(extension)
        return self.state.set_colleague_dnd(extension, on)

    # ------------------------------------------------------------------ names

    def _wanted(self, event: Event) -> bool:
        context = self.config.colleague_context
        return not context or (event.get("Context") or "") == context

    def _named(self, colleague: Colleague) -> Colleague:
        """A configured name first; else the MemberName of a queue member on their phone."""
        name = self._names.get(colleague.extension, "")
        if not name:
            if self._member_names is None:
                self._member_names = {}
                for member in self.state.all_members():
                    if member.name and member.name != member.interface:
                        for device in (member.state_interface, member.interface):
                            self._member_names.setdefault(device.casefold(), member.name)
            for device in colleague.devices:
                name = self._member_names.get(device.casefold(), "")
                if name:
                    break
        return replace(colleague, name=name[:MAX_NAME]) if name else colleague

    def _learn_names(self) -> list[CentreEvent]:
        """Colleagues already known take the names of queue members on their phones."""
        out: list[CentreEvent] = []
        for member in self.state.all_members():
            out += self._learn_name(member)
        return out

    def _learn_name(self, member: Membership) -> list[CentreEvent]:
        if not member.name or member.name == member.interface:
            return []
        for device in (member.state_interface, member.interface):
            extension = self.state.owner_of(device)
            if extension is None:
                continue
            colleague = self.state.colleague(extension)
            if colleague is not None and not colleague.name:
                return self.state.name_colleague(extension, member.name)
        return []
