"""Typed, immutable AMI messages: what the parser hands out and what the serializer takes.

Header lookup is explicit and case-insensitive (``msg.get("Uniqueid")``); repeated keys
(``Variable``, ``ChanVariable``, ``Output``) keep their wire order in ``headers``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Header = tuple[str, str]
Headers = tuple[Header, ...]


def _index(headers: Headers) -> dict[str, str]:
    """Lower-cased name -> first value (Asterisk itself returns the first match)."""
    index: dict[str, str] = {}
    for name, value in headers:
        index.setdefault(name.lower(), value)
    return index


@dataclass(frozen=True, slots=True)
class Banner:
    """The greeting line, e.g. ``Asterisk Call Manager/7.0.3``."""

    text: str
    version: str

    @property
    def ami_major(self) -> int | None:
        head = self.version.split(".", 1)[0]
        return int(head) if head.isdigit() else None


@dataclass(frozen=True, slots=True)
class _HeaderBlock:
    headers: Headers
    _lookup: Mapping[str, str] = field(repr=False, compare=False, hash=False)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._lookup.get(name.lower(), default)

    def get_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._lookup

    @property
    def action_id(self) -> str | None:
        return self._lookup.get("actionid")


@dataclass(frozen=True, slots=True)
class Response(_HeaderBlock):
    """A reply to an action. ``output`` holds ``Command`` output (13's raw text or 14+ Output lines)."""

    output: str | None = None

    @classmethod
    def build(cls, headers: Iterable[Header], output: str | None = None) -> Response:
        items = tuple(headers)
        return cls(items, _index(items), output)

    @property
    def status(self) -> str:
        return self._lookup.get("response", "")

    @property
    def is_error(self) -> bool:
        return self.status.lower() == "error"

    @property
    def message(self) -> str:
        return self._lookup.get("message", "")

    @property
    def starts_event_list(self) -> bool:
        return self._lookup.get("eventlist", "").lower() == "start"


@dataclass(frozen=True, slots=True)
class Event(_HeaderBlock):
    """An event; classified by its first header, so ``OriginateResponse`` is an Event."""

    @classmethod
    def build(cls, headers: Iterable[Header]) -> Event:
        items = tuple(headers)
        return cls(items, _index(items))

    @property
    def name(self) -> str:
        return self._lookup.get("event", "")

    @property
    def completes_event_list(self) -> bool:
        return self._lookup.get("eventlist", "").lower() == "complete"


Message = Banner | Response | Event


@dataclass(frozen=True, slots=True)
class Action:
    """An action we send. ``headers`` excludes ``Action`` and ``ActionID``, which have fields."""

    name: str
    headers: Headers = ()
    action_id: str | None = None

    @classmethod
    def create(
        cls,
        name: str,
        fields: Mapping[str, str | int | bool | Iterable[str] | None] | None = None,
        *,
        action_id: str | None = None,
    ) -> Action:
        """Build from a mapping; None values are left out, iterables become repeated headers."""
        items: list[Header] = []
        for key, value in (fields or {}).items():
            if value is None:
                continue
            if isinstance(value, bool):
                items.append((key, "true" if value else "false"))
            elif isinstance(value, (str, int)):
                items.append((key, str(value)))
            else:
                items.extend((key, str(one)) for one in value)
        return cls(name, tuple(items), action_id)

    def with_action_id(self, action_id: str) -> Action:
        return Action(self.name, self.headers, action_id)

    def get(self, name: str, default: str | None = None) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return default


@dataclass(frozen=True, slots=True)
class EventList:
    """A whole list reply: the ``EventList: start`` response, its items and the Complete event."""

    response: Response
    items: tuple[Event, ...]
    complete: Event | None
