"""Feed a real recording through AsteriskCentre (and the adapter), as the manager does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from callpanel.ami import AmiParser, Event, EventList, Response
from callpanel.ami.lists import EventListAssembler
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.centre import AsteriskCentre, CentreConfig
from callpanel.calls.events import CallEvent
from callpanel.centre import CentreEvent

CENTRE_DATA = Path(__file__).resolve().parents[1] / "data" / "centre"
_LISTS = {
    "queuestatuscomplete": "QueueStatus",
    "extensionstatelistcomplete": "ExtensionStateList",
    "devicestatelistcomplete": "DeviceStateList",
}


def centre_for(*endpoints: str, clock: float = 1796161200.0, **overrides: object) -> AsteriskCentre:
    from callpanel.asterisk.config import ClientConfig

    config = CentreConfig.from_client(ClientConfig(endpoints=endpoints), **overrides)
    return AsteriskCentre(config, clock=lambda: clock)


def replay(
    path: Path,
    centre: AsteriskCentre,
    adapter: AsteriskAdapter | None = None,
    *,
    skip_lists: frozenset[str] | set[str] = frozenset(),
    until: Callable[[Event], bool] | None = None,
) -> tuple[list[CentreEvent], list[CallEvent]]:
    """Every event through ``centre.handle`` (then the adapter, with enrichment), every
    finished list through ``apply_snapshot``: the manager's order. Stops after ``until``."""
    lists = EventListAssembler()
    centre_out: list[CentreEvent] = []
    call_out: list[CallEvent] = []
    for message in AmiParser().feed(path.read_bytes()):
        if isinstance(message, Response):
            lists.start(message)
            continue
        if not isinstance(message, Event):
            continue
        consumed, finished = lists.add(message)
        if consumed:
            if finished is not None and finished.response.action_id not in skip_lists:
                centre_out += _snapshot(centre, finished)
            continue
        centre_out += centre.handle(message)
        if adapter is not None:
            adapter.annotate = lambda e: centre.enrich(e, _caller_of(adapter))
            call_out += adapter.handle(message)
        if until is not None and until(message):
            break
    return centre_out, call_out


def _snapshot(centre: AsteriskCentre, finished: EventList) -> list[CentreEvent]:
    name = finished.complete.name.lower() if finished.complete is not None else ""
    action = _LISTS.get(name)
    return centre.apply_snapshot(action, finished.items) if action else []


def _caller_of(adapter: AsteriskAdapter) -> Callable[[str], str | None]:
    def caller(call_id: str) -> str | None:
        legs = adapter.legs(call_id)
        return legs.remote_uniqueid if legs is not None else None

    return caller
