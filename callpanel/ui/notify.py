"""Notifications about new calls go through a chain: the desktop's notification service
(desktop_notify.py), else the tray balloon, else the in-window banner. Clicking any of them
raises the window on that call (``activated(call_id)``).

Nothing is notified while the window is the active one (the ringing card is in front of the
operator); the banner is added when the window is visible but another window has the focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from .banners import NotificationBanner


class Notifier(Protocol):
    def available(self) -> bool: ...
    def notify(self, call_id: str, title: str, text: str) -> None: ...
    def withdraw(self, call_id: str) -> None: ...


class BannerNotifier:
    def __init__(self, banner: NotificationBanner, chain: NotificationChain) -> None:
        self.banner = banner
        banner.activated.connect(chain.activated)

    def available(self) -> bool:
        return True

    def notify(self, call_id: str, title: str, text: str) -> None:
        self.banner.show_message(call_id, title, text)

    def withdraw(self, call_id: str) -> None:
        self.banner.withdraw(call_id)


# Qt's own balloon (X11 trays) is a QLabel in AutoText mode: a text that starts like a tag
# would be rendered as rich text. Caller names come from outside, so the angle brackets are
# swapped for look-alikes; "&" cannot start markup there and stays as typed ("Smith & Co").
_MARKUP_SAFE = str.maketrans({"<": "‹", ">": "›"})
BALLOON_MS = 20000  # one balloon; shown again while the call still rings


def tray_safe(text: str) -> str:
    return text.translate(_MARKUP_SAFE)


class TrayNotifier:
    """Balloon messages of the tray icon. The balloon has no id, so the last call wins. It is
    shown again before it times out while the call rings, and closed when it stops ringing
    (an empty message closes Qt's and Windows' balloons)."""

    def __init__(self, tray: QSystemTrayIcon, chain: NotificationChain) -> None:
        self.tray = tray
        self._chain = chain
        self._last: str | None = None
        self._message: tuple[str, str] = ("", "")
        self.renew = QTimer(chain)
        self.renew.setInterval(BALLOON_MS - 2000)
        self.renew.timeout.connect(self._show)
        tray.messageClicked.connect(self._clicked)

    def available(self) -> bool:
        # the tray can vanish at run time (the desktop's panel restarts): ask every time
        return (
            QSystemTrayIcon.isSystemTrayAvailable()
            and self.tray.isVisible()
            and QSystemTrayIcon.supportsMessages()
        )

    def notify(self, call_id: str, title: str, text: str) -> None:
        self._last = call_id
        self._message = (tray_safe(title), tray_safe(text))
        self._show()
        self.renew.start()

    def _show(self) -> None:
        title, text = self._message
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, BALLOON_MS)

    def withdraw(self, call_id: str) -> None:
        if self._last == call_id:
            self._last = None
            self.renew.stop()
            self._message = ("", "")
            self.tray.showMessage("", "", QSystemTrayIcon.MessageIcon.NoIcon, 1)

    def _clicked(self) -> None:
        if self._last is not None:
            self._chain.activated.emit(self._last)


class NotificationChain(QObject):
    activated = Signal(str)  # call_id
    notified = Signal(str, str, str)  # call_id, title, text: whoever showed it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifiers: list[Notifier] = []
        self.enabled = True
        # set by the window: is it the active window / visible at all?
        self.window_active: Callable[[], bool] = lambda: False
        self.window_visible: Callable[[], bool] = lambda: False
        self.banner: Notifier | None = None  # the in-window one (last of the chain)

    def add(self, notifier: Notifier) -> None:
        self._notifiers.append(notifier)

    def add_first(self, notifier: Notifier) -> None:
        if notifier not in self._notifiers:
            self._notifiers.insert(0, notifier)

    def notify(self, call_id: str, title: str, text: str) -> Notifier | None:
        if not self.enabled or self.window_active():
            return None
        for notifier in self._notifiers:
            if notifier.available():
                notifier.notify(call_id, title, text)
                self.notified.emit(call_id, title, text)
                if (
                    self.banner is not None
                    and notifier is not self.banner
                    and self.window_visible()
                ):
                    self.banner.notify(call_id, title, text)  # seen from the corner of the eye
                return notifier
        return None

    def withdraw(self, call_id: str) -> None:
        for notifier in self._notifiers:
            notifier.withdraw(call_id)
