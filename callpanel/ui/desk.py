"""The operator's desk services that outlive a window rebuild (a language switch): attention on
a ring (ringtone, urgent flag, raise), global hotkeys, start at login. The controller makes
one, attaches each new window to it and hands it every applied ``Settings``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..calls.events import CallState
from ..calls.model import Call
from ..store.settings import Settings
from . import autostart
from .attention import Attention, AttentionSettings, Ringer
from .bridge import QtConnector
from .centre_words import incoming_title
from .desktop_notify import DesktopNotifier
from .format import caller_line
from .hotkeys import GlobalHotkeys, HotkeyAction
from .window import MainWindow

log = logging.getLogger(__name__)


def attention_settings(settings: Settings) -> AttentionSettings:
    return AttentionSettings(
        sound=settings.ring_sound,
        volume=settings.ring_volume,
        device=settings.ring_device,
        raise_window=settings.raise_on_ring,
    )


def hotkey_bindings(settings: Settings) -> dict[HotkeyAction, str]:
    if not settings.global_hotkeys:
        return {}
    return {
        HotkeyAction.ANSWER: settings.hotkey_answer,
        HotkeyAction.HANGUP: settings.hotkey_hangup,
        HotkeyAction.HOLD: settings.hotkey_hold,
        HotkeyAction.DIAL: settings.hotkey_dial,
    }


class Desk(QObject):
    problem = Signal(str)  # something the operator should know (a hotkey not grabbed …)

    def __init__(
        self,
        bridge: QtConnector,
        settings: Settings,
        *,
        ringer: Ringer | None = None,
        hotkeys: GlobalHotkeys | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self._ringer = ringer
        self.attention: Attention | None = None
        self.window: MainWindow | None = None
        self.hotkeys = hotkeys if hotkeys is not None else GlobalHotkeys(parent=self)
        self.hotkeys.activated.connect(self.do)
        self._bound: dict[HotkeyAction, str] = {}
        self.notifier = DesktopNotifier(
            spawn=bridge.spawn,
            on_answer=bridge.answer,
            on_decline=bridge.hangup,  # a ringing call refused: "busy" for the PBX
            on_clicked=self._notification_clicked,
        )
        self._probe_started = False
        bridge.callAdded.connect(self._call_changed)
        bridge.callUpdated.connect(self._call_changed)
        bridge.callEnded.connect(self._call_gone)
        bridge.callDropped.connect(self._call_gone)

    def attach(self, window: MainWindow) -> None:
        """A new main window: attention goes to it; calls that ring now keep ringing."""
        self.window = window
        window.notifications.add_first(self.notifier)
        if self.attention is None:
            self.attention = Attention(
                window, settings=attention_settings(self.settings), ringer=self._ringer, parent=self
            )
        else:
            self.attention.window = window
        for call in self.bridge.calls():
            self.attention.call_changed(call)

    def start(self) -> None:
        """At start-up: grab the global hotkeys if they are on; look for the desktop's
        notification service (until it answers, the tray or the banner notifies)."""
        self._bind(hotkey_bindings(self.settings))
        if not self._probe_started:
            self._probe_started = True
            self.bridge.spawn(self.notifier.probe(), name="notification-service")

    def apply(self, settings: Settings) -> None:
        old, self.settings = self.settings, settings
        if settings.start_at_login != old.start_at_login:
            try:
                autostart.set_enabled(settings.start_at_login)
            except autostart.AutostartError as exc:
                self.problem.emit(
                    QCoreApplication.translate("Desk", "Start at login could not be set: %s") % exc
                )
        if self.attention is not None:
            self.attention.configure(attention_settings(settings))
        self._bind(hotkey_bindings(settings))

    def _bind(self, bindings: dict[HotkeyAction, str]) -> None:
        if bindings == self._bound:
            return
        self._bound = bindings
        problems = self.hotkeys.set_bindings(bindings)
        if problems:
            self.problem.emit(
                QCoreApplication.translate("Desk", "Global hotkeys: %s")
                % "; ".join(dict.fromkeys(problems.values()))
            )

    def do(self, action: str) -> bool:
        """A global hotkey or ``callpanel --do ACTION``: act on the current call."""
        window = self.window
        if window is None:
            return False
        if action == HotkeyAction.ANSWER.value:
            window.answer_current()
        elif action == HotkeyAction.HANGUP.value:
            window.hangup_current()
        elif action == HotkeyAction.HOLD.value:
            window.toggle_hold_current()
        elif action == HotkeyAction.DIAL.value:
            window.show_and_raise()
            window.dial_box.focus_number()
        else:
            return False
        return True

    def set_dnd(self, on: bool) -> None:
        """Do Not Disturb from the agent status: the ringtone stays silent."""
        if self.attention is not None:
            self.attention.set_dnd(on)

    def close(self) -> None:
        if self.attention is not None:
            self.attention.stop_all()
        self.hotkeys.close()
        self._bound = {}

    def _call_changed(self, call: Call) -> None:
        if self.attention is not None:
            self.attention.call_changed(call)
        if self.notifier.announces(call.call_id) and call.state is CallState.RINGING:
            # the caller's name found later (a directory lookup), even before the first send
            # has come back: the notification follows
            title = incoming_title(call)
            self.notifier.notify(call.call_id, title, caller_line(call.name, call.number))

    def _notification_clicked(self, call_id: str) -> None:
        if self.window is not None:
            self.window.focus_call(call_id)

    def _call_gone(self, call: Call) -> None:
        if self.attention is not None:
            self.attention.call_gone(call)
