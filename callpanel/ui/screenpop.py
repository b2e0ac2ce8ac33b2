"""Screen pop: open a CRM page for an incoming call from the URL template in the settings.

Only http and https URLs are opened (a template must never launch file:, a custom scheme handler
or a script); the caller's number and name are percent-encoded into the template. Validation
and rendering are the settings store's (one rule for the dialog and for here).

When the pop opens: a template that uses only what is known at once (``{number}``,
``{e164}``), or a caller the local book knows, opens at once. A template that needs who the
caller is (``{name}``, ``{contact}``, ``{company}``, ``{contact_id}``) while only a CRM or
LDAP can say it waits for that lookup — the same question the call card asks — at most
``POP_WAIT`` (the lookup's own timeout, 1.5 s), then opens with what is known (the Caller ID
name, empty contact fields). A page for a call that ended while waiting is not opened.
"""

from __future__ import annotations

import asyncio
import logging
import string
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..calls.model import Call
from ..directory.lookup import MAX_TIMEOUT, LookupResult, escaped
from ..store.settings import render_screen_pop_url

log = logging.getLogger(__name__)

Opener = Callable[[QUrl], object]
POP_WAIT = MAX_TIMEOUT
CONTACT_FIELDS = frozenset({"name", "contact", "company", "contact_id"})


def build_url(
    template: str, call: Call, contact: LookupResult | None = None, e164: str = ""
) -> QUrl | None:
    """``contact`` (the lookup's answer) fills {contact}, {company} and {contact_id} and,
    when it has one, the {name}."""
    fields = {"contact": "", "company": "", "contact_id": "", "e164": e164 or call.number}
    name = call.name
    if contact is not None:
        fields.update(contact=contact.name, company=contact.company, contact_id=contact.contact_id)
        name = contact.name or name
    try:
        text = render_screen_pop_url(template, number=call.number, name=name, **fields)
    except ValueError as exc:
        log.warning("screen pop skipped: %s", exc)
        return None
    url = QUrl(text, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in ("http", "https") or not url.host():
        log.warning("screen pop skipped: not an http(s) URL")
        return None
    return url


def uses_contact_fields(template: str) -> bool:
    """Whether the template has a placeholder only the caller lookup can fill."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template)}
    except ValueError:
        return False  # refused when rendered, with the reason logged
    return bool(names & CONTACT_FIELDS)


class ScreenPop:
    def __init__(
        self, template: str = "", *, opener: Opener | None = None, wait: float = POP_WAIT
    ) -> None:
        self.template = template
        self.wait = min(wait, POP_WAIT)
        self._opener: Opener = opener or QDesktopServices.openUrl
        # Set by the controller: the local address book's answer (instant), the whole lookup
        # (book, CRM, LDAP; shared with the call card), the number in E.164, and whether a
        # call is still going.
        self.contact_for: Callable[[Call], LookupResult | None] = lambda call: None
        self.lookup_for: Callable[[str], Awaitable[LookupResult | None]] | None = None
        self.e164_for: Callable[[str], str] = lambda number: ""
        self.call_going: Callable[[str], bool] = lambda call_id: True
        self._waiting: set[asyncio.Task[QUrl | None]] = set()

    def open_for(self, call: Call) -> QUrl | None:
        """Open the page now (returns its URL) or after the lookup (returns ``None``; see
        ``waiting``)."""
        if not self.template:
            return None
        contact = self.contact_for(call)
        if contact is None and self.lookup_for is not None and uses_contact_fields(self.template):
            task = asyncio.ensure_future(self._open_after_lookup(call, self.lookup_for))
            self._waiting.add(task)
            task.add_done_callback(self._waiting.discard)
            return None
        return self._open(call, contact)

    @property
    def waiting(self) -> int:
        """Pops waiting for a lookup."""
        return len(self._waiting)

    async def _open_after_lookup(
        self, call: Call, lookup: Callable[[str], Awaitable[LookupResult | None]]
    ) -> QUrl | None:
        try:
            contact = await asyncio.wait_for(lookup(call.number), self.wait)
        except TimeoutError:
            log.info("screen pop: no lookup answer within %.1f s; opened with the Caller ID",
                     self.wait)  # fmt: skip
            contact = None
        except Exception as exc:  # the lookup logs its sources; a pop must still open
            log.warning("screen pop: the lookup failed: %s", escaped(exc))
            contact = None
        if not self.call_going(call.call_id):
            log.info("screen pop skipped: call %s ended before the lookup answered", call.call_id)
            return None
        return self._open(call, contact)

    def _open(self, call: Call, contact: LookupResult | None) -> QUrl | None:
        url = build_url(self.template, call, contact, self.e164_for(call.number))
        if url is not None:
            self._opener(url)
        return url

    def cancel(self) -> None:
        for task in list(self._waiting):
            task.cancel()
