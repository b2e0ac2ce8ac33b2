"""Event lists (``EventList: start`` … ``EventList: Complete``), assembled by ActionID only."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import Event, EventList, Response


@dataclass
class EventListAssembler:
    """Collects list items per ActionID; never looks at message wording."""

    _open: dict[str, tuple[Response, list[Event]]] = field(default_factory=dict)

    def start(self, response: Response) -> bool:
        """Open a list if ``response`` starts one; True when it did."""
        action_id = response.action_id
        if action_id is None or not response.starts_event_list:
            return False
        self._open[action_id] = (response, [])
        return True

    def add(self, event: Event) -> tuple[bool, EventList | None]:
        """Offer an event. Returns (consumed, finished list or None)."""
        action_id = event.action_id
        if action_id is None or action_id not in self._open:
            return False, None
        response, items = self._open[action_id]
        if event.completes_event_list:
            del self._open[action_id]
            return True, EventList(response, tuple(items), event)
        items.append(event)
        return True, None

    def abandon(self, action_id: str) -> None:
        """Forget a list whose action timed out; its late items are then not consumed."""
        self._open.pop(action_id, None)

    def __len__(self) -> int:
        return len(self._open)
