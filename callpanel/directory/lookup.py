"""Who is calling: the local book first, then optional sources (a CRM's HTTP API, LDAP).

Each source is asked in turn until one knows the number; a remote source gets at most its
timeout (1.5 s or less), and any failure — slow, unreachable, refused, nonsense — is logged
(escaped) and counts as "not known", never as an error on screen. Answers, known or not, are
cached for a while so that a caller who rings again costs nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .contacts import Contact, clean_text

log = logging.getLogger(__name__)

MAX_TIMEOUT = 1.5
CACHE_SECONDS = 600.0
CACHE_SIZE = 2000


@dataclass(frozen=True)
class LookupResult:
    """What a source knows about a caller: plain, bounded text."""

    name: str
    company: str = ""
    link: str = ""
    source: str = ""  # "contacts", "http", "ldap"
    # the source's id for this contact: the book's row id, the CRM's "id" (for a screen pop
    # that opens the CRM's own page of the contact)
    contact_id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "contact_id", clean_text(str(self.contact_id), 128))
        object.__setattr__(self, "name", clean_text(self.name))
        object.__setattr__(self, "company", clean_text(self.company))
        link = clean_text(self.link, 2048)
        if not link.lower().startswith(("http://", "https://")):
            link = ""  # only a web page may be offered as the contact's link
        object.__setattr__(self, "link", link)

    @property
    def display(self) -> str:
        if self.company and self.company != self.name:
            return f"{self.name} ({self.company})" if self.name else self.company
        return self.name

    @classmethod
    def from_contact(cls, contact: Contact, source: str = "contacts") -> LookupResult:
        contact_id = "" if contact.id is None else str(contact.id)
        return cls(contact.name, contact.company, contact.link, source, contact_id)


class LookupSource(Protocol):
    name: str  # shown by `callpanel lookup` and in the log

    async def lookup(self, number: str) -> LookupResult | None: ...


class BookSource:
    """The local address book (any ``find_by_number``, e.g. ``store.contacts.ContactsStore``)."""

    name = "contacts"

    def __init__(self, find: Callable[[str], Contact | None]) -> None:
        self._find = find

    async def lookup(self, number: str) -> LookupResult | None:
        contact = self._find(number)
        return None if contact is None else LookupResult.from_contact(contact, self.name)


def escaped(text: object, limit: int = 200) -> str:
    """For the log: one line, control characters visible, bounded."""
    shown = str(text).encode("unicode_escape").decode("ascii", errors="replace")
    return shown if len(shown) <= limit else shown[:limit] + "…"


class CallerLookup:
    def __init__(
        self,
        sources: Sequence[LookupSource],
        *,
        timeout: float = MAX_TIMEOUT,
        cache_seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sources = tuple(sources)
        self.timeout = min(timeout, MAX_TIMEOUT)
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._cache: OrderedDict[str, tuple[float, LookupResult | None]] = OrderedDict()
        # one question per number at a time: the card and the screen pop share it
        self._running: dict[str, asyncio.Future[LookupResult | None]] = {}

    def cached(self, number: str) -> tuple[bool, LookupResult | None]:
        """(known, result): whether the cache has an answer for ``number`` and what it is."""
        entry = self._cache.get(number)
        if entry is None or self._clock() - entry[0] > self._cache_seconds:
            return False, None
        return True, entry[1]

    def forget(self) -> None:
        """After the book or the sources changed."""
        self._cache.clear()
        self._running.clear()

    async def lookup(self, number: str) -> LookupResult | None:
        """Who ``number`` is; a second caller asking while the first question runs waits for
        the same answer (and may give up waiting without stopping it)."""
        if not number:
            return None
        known, result = self.cached(number)
        if known:
            return result
        running = self._running.get(number)
        if running is None:
            running = asyncio.ensure_future(self._resolve(number))
            self._running[number] = running
            running.add_done_callback(lambda done: self._finished(number, done))
        return await asyncio.shield(running)

    def _finished(self, number: str, done: asyncio.Future[LookupResult | None]) -> None:
        if self._running.get(number) is done:
            del self._running[number]

    async def _resolve(self, number: str) -> LookupResult | None:
        result = None
        for source in self.sources:
            result = await self._ask(source, number)
            if result is not None and (result.name or result.company):
                break
            result = None
        self._cache[number] = (self._clock(), result)
        self._cache.move_to_end(number)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    async def _ask(self, source: LookupSource, number: str) -> LookupResult | None:
        try:
            return await asyncio.wait_for(source.lookup(number), self.timeout)
        except asyncio.CancelledError:
            raise
        except TimeoutError:
            log.warning("lookup %s: no answer within %.1f s", source.name, self.timeout)
        except Exception as exc:  # a source must never break the panel
            log.warning("lookup %s failed: %s", source.name, escaped(exc))
        return None
