"""Typed, immutable AMI messages: what the parser hands out and what the serializer takes.

Header lookup is explicit and case-insensitive (``msg.get("Uniqueid")``); repeated keys
(``Variable``, ``ChanVariable``, ``Output``) keep their wire order. Names and values are kept
as two parallel tuples (``msg.names``, ``msg.values``: cheap to build in bulk);
``msg.headers`` gives the ``(name, value)`` pairs. Build messages with ``Event.build(pairs)``
/ ``Response.build(pairs, output)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Header = tuple[str, str]
Headers = tuple[Header, ...]


_KEYS: dict[str, str] = {}  # header name as a caller spells it -> the index's lower-case key


def _key(name: str) -> str:
    low = name.lower()
    if len(_KEYS) < 1024:  # callers' spellings, not the peer's: stays small anyway
        _KEYS[name] = low
    return low


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


@dataclass(frozen=True, slots=True, repr=False)
class _HeaderBlock:
    """Header names and values in wire order (parallel tuples: cheap to build in bulk)."""

    names: tuple[str, ...]
    values: tuple[str, ...]
    _lookup: Mapping[str, str] = field(compare=False, hash=False)

    @property
    def headers(self) -> Headers:
        """``(name, value)`` pairs in wire order, repeated names kept."""
        return tuple(zip(self.names, self.values, strict=True))

    def get(self, name: str, default: str | None = None) -> str | None:
        # The names asked for are a few dozen literals: a dict hit beats str.lower() (hot path)
        return self._lookup.get(_KEYS.get(name) or _key(name), default)

    def by_key(self, key: str) -> str | None:
        """The first value of the header whose lower-case name is ``key`` ("uniqueid"): ``get``
        without folding the case, for readers that look up the same names on every event."""
        return self._lookup.get(key)

    def get_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [v for k, v in zip(self.names, self.values, strict=True) if k.lower() == wanted]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._lookup

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self.headers)!r})"

    @property
    def action_id(self) -> str | None:
        return self._lookup.get("actionid")


def _split(headers: Iterable[Header]) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    items = tuple(headers)
    names = tuple(name for name, _ in items)
    values = tuple(value for _, value in items)
    return names, values, _index(items)


@dataclass(frozen=True, slots=True, repr=False)
class Response(_HeaderBlock):
    """A reply to an action. ``output``: ``Command`` output (13's raw text or 14+ Output lines)."""

    output: str | None = None

    @classmethod
    def build(cls, headers: Iterable[Header], output: str | None = None) -> Response:
        return cls(*_split(headers), output)

    def __repr__(self) -> str:
        extra = "" if self.output is None else f", output={self.output!r}"
        return f"Response({list(self.headers)!r}{extra})"

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


@dataclass(frozen=True, slots=True, repr=False)
class Event(_HeaderBlock):
    """An event; classified by its first header, so ``OriginateResponse`` is an Event."""

    # Its ``Event`` header ("" without one), read once: every reader dispatches on it.
    name: str = field(default="", init=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self._lookup.get("event", ""))

    @classmethod
    def build(cls, headers: Iterable[Header]) -> Event:
        return cls(*_split(headers))

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
