"""One AMI session, many operators: every AMI event goes to each operator's own adapter.

The manager holds one adapter; :class:`OperatorAdapters` is that adapter for the hub. Each
operator has an ``AsteriskAdapter`` for its endpoints writing its own ``CallStore``, so a call
between two operators is a call of each (as it is on their panels in direct mode), and a
command can be checked against the calls of the operator who sent it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from ..ami import Event
from ..asterisk.adapter import AsteriskAdapter
from ..asterisk.config import ClientConfig
from ..calls.events import ActiveCallSnapshot, CallEvent
from ..calls.store import CallStore

log = logging.getLogger(__name__)

# (operator, the call event, the operator's live calls right after it)
Published = Callable[[str, CallEvent, ActiveCallSnapshot], None]


class OperatorAdapters:
    """The manager's adapter in the hub: fans each AMI event out to the operators' adapters."""

    NOISE: frozenset[str] = AsteriskAdapter.NOISE

    def __init__(self, operators: Mapping[str, ClientConfig], on_published: Published) -> None:
        self._on_published = on_published
        self.adapters: dict[str, AsteriskAdapter] = {}
        self._listings: dict[str, list[ActiveCallSnapshot]] = {}
        for name, config in operators.items():
            store = CallStore()
            self._listings[name] = []
            store.subscribe(self._recorder(name, store))
            self.adapters[name] = AsteriskAdapter(config.endpoints, store=store)
        # Only the events some adapter reads are worth a loop over all of them.
        self._wanted = AsteriskAdapter.EVENTS

    def _recorder(self, name: str, store: CallStore) -> Callable[[object], None]:
        listings = self._listings[name]

        def record(_change: object) -> None:
            listings.append(store.snapshot())

        return record

    def handle(self, event: Event) -> list[CallEvent]:
        if event.name not in self._wanted:
            return []
        out: list[CallEvent] = []
        for name, adapter in self.adapters.items():
            self._publish(name, adapter.handle(event), out)
        return out

    def resync(self, channels: Sequence[Event]) -> list[CallEvent]:
        out: list[CallEvent] = []
        for name, adapter in self.adapters.items():
            self._publish(name, adapter.resync(channels), out)
        return out

    def _publish(self, name: str, events: Sequence[CallEvent], out: list[CallEvent]) -> None:
        listings = self._listings[name]
        if not events:
            listings.clear()
            return
        # The adapter applies each event to the store before it publishes it, so the store's
        # n-th change belongs to the n-th event; if not (defensive), all get the final listing.
        final = self.adapters[name].store.snapshot()
        paired = listings if len(listings) == len(events) else [final] * len(events)
        for event, listing in zip(events, paired, strict=True):
            try:
                self._on_published(name, event, listing)
            except Exception:
                log.exception("publishing a call event of %s failed", name)
        listings.clear()
        out.extend(events)
