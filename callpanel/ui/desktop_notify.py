"""Call notifications through the desktop's own notification service, with Answer and Decline.

The `desktop-notifier` library speaks to the platform: org.freedesktop.Notifications over the
D-Bus session bus on Linux (GNOME, KDE, XFCE, mako, dunst…), the notification centre on Windows
and macOS. A notification is replaced when its call changes and withdrawn when the call stops
ringing. Until the service has answered a first probe, and where there is none, the next
notifier of the chain (the tray balloon, then the in-window banner) is used.

Caller names come from strangers: where the server renders body markup (its capabilities say
"body-markup"), the text is escaped so ``Smith & Co <b>`` reads as typed.
"""

from __future__ import annotations

import asyncio
import html
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .glyphs import ICONS_DIR

if TYPE_CHECKING:
    import desktop_notifier

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 3.0
Spawn = Callable[..., "asyncio.Task[object]"]
CallAction = Callable[[str], object]


async def freedesktop_capabilities() -> frozenset[str]:
    """GetCapabilities of the session's notification server (raises if there is none)."""
    from dbus_fast.aio import MessageBus

    bus = await MessageBus().connect()
    try:
        introspection = await bus.introspect(
            "org.freedesktop.Notifications", "/org/freedesktop/Notifications"
        )
        proxy = bus.get_proxy_object(
            "org.freedesktop.Notifications", "/org/freedesktop/Notifications", introspection
        )
        interface = proxy.get_interface("org.freedesktop.Notifications")
        caps = await interface.call_get_capabilities()  # type: ignore[attr-defined]
        return frozenset(str(c) for c in caps)
    finally:
        bus.disconnect()


class DesktopNotifier:
    """A ``Notifier`` for the chain in notify.py, one desktop notification per ringing call."""

    def __init__(
        self,
        *,
        spawn: Spawn,
        on_answer: CallAction,
        on_decline: CallAction,
        on_clicked: CallAction,
        backend: desktop_notifier.DesktopNotifier | None = None,
    ) -> None:
        self._spawn = spawn
        self._on_answer = on_answer
        self._on_decline = on_decline
        self._on_clicked = on_clicked
        self._backend = backend  # a desktop_notifier.DesktopNotifier, made by probe()
        self._ready = False
        self._markup = False
        self._actions = True
        self._shown: dict[str, str] = {}  # call_id -> notification identifier
        self._texts: dict[str, tuple[str, str]] = {}
        self._pending: dict[str, asyncio.Task[object]] = {}
        self.problem: str | None = None

    # -- the service ------------------------------------------------------------------------

    async def probe(self) -> bool:
        """Is there a notification service? Made once at start-up; False keeps the fallbacks."""
        try:
            from desktop_notifier import DesktopNotifier as Library
            from desktop_notifier import Icon

            if sys.platform.startswith("linux"):
                caps = await asyncio.wait_for(freedesktop_capabilities(), PROBE_TIMEOUT)
                self._markup = "body-markup" in caps
                self._actions = "actions" in caps
            if self._backend is None:
                icon = ICONS_DIR / "callpanel.svg"
                self._backend = Library(
                    app_name="callpanel", app_icon=Icon(path=icon) if icon.is_file() else None
                )
        except Exception as exc:  # no bus, no server, no library: the chain falls back
            self.problem = str(exc) or type(exc).__name__
            log.info("no desktop notification service: %s", self.problem)
            self._ready = False
            return False
        self._ready = True
        return True

    @property
    def markup(self) -> bool:
        return self._markup

    # -- Notifier ---------------------------------------------------------------------------

    def available(self) -> bool:
        return self._ready

    def notify(self, call_id: str, title: str, text: str) -> None:
        if self._texts.get(call_id) == (title, text) and call_id in self._shown:
            return  # nothing changed
        self._texts[call_id] = (title, text)
        self._run(call_id, self._replace(call_id, title, text))

    def withdraw(self, call_id: str) -> None:
        self._texts.pop(call_id, None)
        if call_id in self._shown or call_id in self._pending:
            self._run(call_id, self._clear(call_id))

    def shown(self) -> dict[str, str]:
        return dict(self._shown)

    def announces(self, call_id: str) -> bool:
        """True from notify() until withdraw(), also while the first send is on its way."""
        return call_id in self._texts

    # -- internals ----------------------------------------------------------------------------

    def _run(self, call_id: str, coro: Coroutine[object, object, None]) -> None:
        """One operation at a time per call, in order (a withdraw waits for its send)."""
        before = self._pending.get(call_id)

        async def chained() -> None:
            if before is not None:
                await asyncio.gather(before, return_exceptions=True)
            await coro

        task = self._spawn(chained(), name="desktop-notification")
        self._pending[call_id] = task

        def done(_task: asyncio.Task[object]) -> None:
            if self._pending.get(call_id) is task:
                del self._pending[call_id]

        task.add_done_callback(done)

    async def _replace(self, call_id: str, title: str, text: str) -> None:
        from desktop_notifier import Button, Urgency

        await self._clear(call_id)
        body = html.escape(text, quote=False) if self._markup else text
        buttons = (
            (
                Button(
                    QCoreApplication.translate("Notify", "Answer"),
                    on_pressed=lambda: self._on_answer(call_id),
                ),
                Button(
                    QCoreApplication.translate("Notify", "Decline"),
                    on_pressed=lambda: self._on_decline(call_id),
                ),
            )
            if self._actions
            else ()
        )
        if self._backend is None:
            return  # not probed: the chain's next notifier shows the call
        identifier = await self._backend.send(
            title=html.escape(title, quote=False) if self._markup else title,
            message=body,
            urgency=Urgency.Critical,  # stays until the call stops ringing
            buttons=buttons,
            on_clicked=lambda: self._on_clicked(call_id),
            timeout=-1,
        )
        self._shown[call_id] = identifier

    async def _clear(self, call_id: str) -> None:
        identifier = self._shown.pop(call_id, None)
        if identifier is None or self._backend is None:
            return
        try:
            await self._backend.clear(identifier)
        except Exception as exc:  # already closed by the user or the server
            log.debug("clearing notification %s: %s", identifier, exc)
