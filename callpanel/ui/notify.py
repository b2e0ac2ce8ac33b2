"""Notifications about new calls go through a chain: the system tray if there is one, else the
in-window banner. Clicking either raises the window on that call (``activated(call_id)``)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
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


# Balloons are not plain text everywhere: Qt's own balloon is a QLabel in AutoText mode, and
# freedesktop notification servers render body markup. Caller names come from outside (S9), so
# the characters that make markup are swapped for look-alikes that cannot.
_MARKUP_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def tray_safe(text: str) -> str:
    return text.translate(_MARKUP_SAFE)


class TrayNotifier:
    """Balloon messages of the tray icon. The balloon has no id, so the last call wins."""

    def __init__(self, tray: QSystemTrayIcon, chain: NotificationChain) -> None:
        self.tray = tray
        self._chain = chain
        self._last: str | None = None
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
        self.tray.showMessage(
            tray_safe(title), tray_safe(text), QSystemTrayIcon.MessageIcon.Information, 15000
        )

    def withdraw(self, call_id: str) -> None:
        if self._last == call_id:
            self._last = None

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

    def add(self, notifier: Notifier) -> None:
        self._notifiers.append(notifier)

    def notify(self, call_id: str, title: str, text: str) -> Notifier | None:
        if not self.enabled:
            return None
        for notifier in self._notifiers:
            if notifier.available():
                notifier.notify(call_id, title, text)
                self.notified.emit(call_id, title, text)
                return notifier
        return None

    def withdraw(self, call_id: str) -> None:
        for notifier in self._notifiers:
            notifier.withdraw(call_id)
