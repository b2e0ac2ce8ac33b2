"""The tray icon: its look shows the link state, missed calls and the agent status; menu: the
agent status, show/hide, dial, the panel's menu (settings, help, about), quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..asterisk.status import LinkState
from ..centre import AgentState, AgentStatus
from .centre_words import status_text
from .deskmenu import DeskActions
from .icons import panel_icon


class PanelTray(QObject):
    showHideRequested = Signal()
    dialRequested = Signal()
    quitRequested = Signal()

    def __init__(
        self, parent: QObject | None = None, *, actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._state = LinkState.DISCONNECTED
        self._missed = 0
        self._agent: AgentState | None = None  # the call-centre status, once known
        self._agent_text = ""
        self.status_menu: QMenu | None = None
        self.icon = QSystemTrayIcon(panel_icon(self._state), self)
        self.menu = QMenu()
        self.show_action = QAction(self.tr("Show / hide"), self.menu)
        self.dial_action = QAction(self.tr("Dial…"), self.menu)
        self.quit_action = QAction(self.tr("Quit"), self.menu)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.dial_action)
        if actions is not None:
            self.menu.addSeparator()
            self.menu.addAction(actions.settings)
            self.menu.addAction(actions.help)
            self.menu.addAction(actions.about)
            self.menu.addAction(actions.diagnostics)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.show_action.triggered.connect(self.showHideRequested)
        self.dial_action.triggered.connect(self.dialRequested)
        self.quit_action.triggered.connect(self.quitRequested)
        self.icon.activated.connect(self._activated)
        self._update()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def alive(self) -> bool:
        """The tray host is there and shows our icon (it can go away at run time)."""
        return QSystemTrayIcon.isSystemTrayAvailable() and self.icon.isVisible()

    def set_state(self, state: LinkState) -> None:
        self._state = state
        self._update()

    def set_missed(self, missed: int) -> None:
        self._missed = missed
        self._update()

    def add_status_menu(self, menu: QMenu) -> None:
        """Available / Paused / Do not disturb, at the top of the tray menu."""
        self.status_menu = menu
        actions = self.menu.actions()
        if actions:
            self.menu.insertMenu(actions[0], menu)
            self.menu.insertSeparator(actions[0])
        else:
            self.menu.addMenu(menu)

    def set_agent_status(self, status: AgentStatus) -> None:
        self._agent = status.state
        self._agent_text = status_text(status)
        self._update()

    def _update(self) -> None:
        self.icon.setIcon(panel_icon(self._state, self._missed, self._agent))
        tip = "callpanel"
        if self._agent is not None:
            tip += " — " + self._agent_text
        if self._missed:
            tip += " — " + self.tr("%d missed") % self._missed
        self.icon.setToolTip(tip)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.showHideRequested.emit()

    def dispose(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()
