"""Event lists (``EventList: start`` … ``EventList: Complete``), assembled by ActionID only.

A list is bounded: a server that never sends ``Complete`` (or sends a million items) would
otherwise grow memory until the action times out, again at every resync. Past
``max_items`` items or ``max_bytes`` of header text the list is dropped and
:class:`EventListTooLarge` raised: a protocol error, like an oversized message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import EventListTooLarge
from .messages import Event, EventList, Response

DEFAULT_MAX_LIST_ITEMS = 10_000
DEFAULT_MAX_LIST_BYTES = 4 * 1024 * 1024  # header names and values, about the wire size


def _size(event: Event) -> int:
    """Roughly the item's size on the wire: names, values, ": " and the line break."""
    return sum(map(len, event.values)) + sum(map(len, event.names)) + 4 * len(event.values)


@dataclass
class _OpenList:
    response: Response
    items: list[Event] = field(default_factory=list)
    size: int = 0


@dataclass
class EventListAssembler:
    """Collects list items per ActionID; never looks at message wording."""

    max_items: int = DEFAULT_MAX_LIST_ITEMS
    max_bytes: int = DEFAULT_MAX_LIST_BYTES
    open_lists: dict[str, _OpenList] = field(default_factory=dict)  # by ActionID

    def start(self, response: Response) -> bool:
        """Open a list if ``response`` starts one; True when it did."""
        action_id = response.action_id
        if action_id is None or not response.starts_event_list:
            return False
        self.open_lists[action_id] = _OpenList(response)
        return True

    def add(self, event: Event) -> tuple[bool, EventList | None]:
        """Offer an event. Returns (consumed, finished list or None).

        Raises EventListTooLarge (with offset -1: the caller knows the stream position) when
        the list outgrows its limits; the list is then forgotten.
        """
        action_id = event.action_id
        if action_id is None:
            return False, None
        open_list = self.open_lists.get(action_id)
        if open_list is None:
            return False, None
        if event.completes_event_list:
            del self.open_lists[action_id]
            return True, EventList(open_list.response, tuple(open_list.items), event)
        open_list.size += _size(event)
        if len(open_list.items) >= self.max_items or open_list.size > self.max_bytes:
            del self.open_lists[action_id]
            raise EventListTooLarge(
                f"event list {action_id!r} longer than {self.max_items} items or "
                f"{self.max_bytes} bytes",
                offset=-1,
                data=b"",
            )
        open_list.items.append(event)
        return True, None

    def abandon(self, action_id: str) -> None:
        """Forget a list whose action timed out; its late items are then not consumed."""
        self.open_lists.pop(action_id, None)

    def __len__(self) -> int:
        return len(self.open_lists)
