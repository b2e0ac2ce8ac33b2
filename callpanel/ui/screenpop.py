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
from ..store.settings import render_screen_pop_url

log = logging.getLogger(__name__)

Opener = Callable[[QUrl], object]


def build_url(template: str, call: Call) -> QUrl | None:
    try:
        text = render_screen_pop_url(template, number=call.number, name=call.name)
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

    def open_for(self, call: Call) -> QUrl | None:
        if not self.template:
            return None
        url = build_url(self.template, call)
        if url is not None:
            self._opener(url)
        return url
