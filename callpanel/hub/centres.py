"""The call centre in the hub: every operator's queues and agent status, and the building's
presence, from the one AMI session.

Composed into the hub's manager as its call-centre part (the manager sees one part, as on a
panel in direct mode). Inside, one :class:`AsteriskCentre` per operator keeps that operator's
memberships, pauses and DND, and one more, for nobody in particular, keeps every colleague's
hint state with pauses and DND laid over: the shared presence every panel reads.

Events are routed, not broadcast: a queue member's event goes to the operator whose phone or
queue interface it names, a DND device's change to the operator it belongs to, hints only to
the building. So the cost of an event does not grow with the number of operators.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from ..ami import Action, Event
from ..asterisk.centre import AsteriskCentre, CentreConfig
from ..asterisk.presence import dnd_extension
from ..asterisk.queues import MEMBER_EVENTS, member_from
from ..calls.events import CallEvent
from ..centre import CentreEvent

log = logging.getLogger(__name__)

# (operator or None for the building's presence, what changed)
CentreChanged = Callable[[str | None, Sequence[CentreEvent]], None]

# Snapshots an operator's own part takes; hints (ExtensionStateList) are the building's alone.
_OWN_SNAPSHOTS = frozenset({"QueueStatus", "DeviceStateList"})


class OperatorCentres:
    """The manager's call-centre part in the hub (the shape of :class:`AsteriskCentre`)."""

    def __init__(
        self, configs: Mapping[str, CentreConfig], on_changed: CentreChanged, *,
        colleague_context: str = "",
    ) -> None:  # fmt: skip
        self._on_changed = on_changed
        self.operators: dict[str, AsteriskCentre] = {
            name: AsteriskCentre(config) for name, config in configs.items()
        }
        self.building = AsteriskCentre(
            CentreConfig(endpoints=(), colleague_context=colleague_context)
        )
        self.EVENTS = self.building.EVENTS
        self._dnd_owner = {
            config.extension: name for name, config in configs.items() if config.extension
        }

    # ------------------------------------------------------------------ the manager's calls

    def handle(self, event: Event) -> list[CentreEvent]:
        self._emit(None, self.building.handle(event))
        name = event.name
        if name in MEMBER_EVENTS or name == "QueueMemberRemoved":
            member = member_from(event)
            if member is not None:
                for operator, centre in self.operators.items():
                    if centre.owns(member):
                        self._emit(operator, centre.handle(event))
        elif name == "DeviceStateChange":
            extension = dnd_extension(
                event.get("Device") or "", self.building.config.dnd_device_prefix
            )
            owner = self._dnd_owner.get(extension or "")
            if owner is not None:
                self._emit(owner, self.operators[owner].handle(event))
        return []  # published per operator above; the manager has nothing more to pass on

    def enrich(self, call_event: CallEvent, caller_of: Callable[[str], str | None]) -> CallEvent:
        return self.building.enrich(call_event, caller_of)

    def snapshot_actions(self) -> list[Action]:
        return self.building.snapshot_actions()

    def apply_snapshot(self, action: str, items: Sequence[Event]) -> list[CentreEvent]:
        self._emit(None, self.building.apply_snapshot(action, items))
        if action in _OWN_SNAPSHOTS:
            for operator, centre in self.operators.items():
                self._emit(operator, centre.apply_snapshot(action, items))
        return []

    def failed_snapshot(self, action: str) -> list[CentreEvent]:
        self._emit(None, self.building.failed_snapshot(action))
        if action in _OWN_SNAPSHOTS:
            for operator, centre in self.operators.items():
                self._emit(operator, centre.failed_snapshot(action))
        return []

    def _emit(self, operator: str | None, events: Sequence[CentreEvent]) -> None:
        if not events:
            return
        try:
            self._on_changed(operator, events)
        except Exception:
            log.exception("publishing the call centre of %s failed", operator or "the building")
