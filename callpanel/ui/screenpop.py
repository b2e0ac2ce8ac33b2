"""Screen pop: open a CRM page for an incoming call from the URL template in the settings.

Only http and https URLs are opened (a template must never launch file:, a custom scheme handler
or a script); the caller's number and name are percent-encoded into the template. Validation
and rendering are the settings store's (one rule for the dialog and for here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ..calls.model import Call
from ..directory.lookup import LookupResult
from ..store.settings import render_screen_pop_url

log = logging.getLogger(__name__)

Opener = Callable[[QUrl], object]


def build_url(
    template: str, call: Call, contact: LookupResult | None = None, e164: str = ""
) -> QUrl | None:
    """``contact`` (the local book's answer, known at once) fills {contact} and {company}
    and, when it has one, the {name}."""
    fields = {"contact": "", "company": "", "e164": e164 or call.number}
    name = call.name
    if contact is not None:
        fields.update(contact=contact.name, company=contact.company)
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


class ScreenPop:
    def __init__(self, template: str = "", *, opener: Opener | None = None) -> None:
        self.template = template
        self._opener: Opener = opener or QDesktopServices.openUrl
        # The local address book's answer for a call (instant; remote sources never delay
        # the pop) and the number in E.164; set by the directory glue.
        self.contact_for: Callable[[Call], LookupResult | None] = lambda call: None
        self.e164_for: Callable[[str], str] = lambda number: ""

    def open_for(self, call: Call) -> QUrl | None:
        if not self.template:
            return None
        url = build_url(self.template, call, self.contact_for(call), self.e164_for(call.number))
        if url is not None:
            self._opener(url)
        return url
