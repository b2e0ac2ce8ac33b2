"""One agent-status control: Available / Paused (reason) / Do not disturb, as a button in
the window and as a menu in the tray; both show what Asterisk reports."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap, Qt
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ..calls.policy import Command
from ..centre import AgentState, AgentStatus
from .centre_glue import CentreGlue
from .centre_words import AGENT_COLOURS, status_button_text, status_text


def status_icon(state: AgentState, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(AGENT_COLOURS[state]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    if state is AgentState.DND:  # a white bar: "no entry"
        painter.setBrush(QColor("white"))
        painter.drawRect(int(size * 0.25), int(size * 0.42), int(size * 0.5), max(2, size // 6))
    painter.end()
    return QIcon(pixmap)


class AgentStatusMenu(QMenu):
    """Available, Paused ▸ reasons, Do not disturb: checkable, one of them checked."""

    def __init__(
        self,
        glue: CentreGlue,
        reasons: Callable[[], tuple[str, ...]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.glue = glue
        self._reasons = reasons
        self.setTitle(self.tr("Status"))
        self.group = QActionGroup(self)
        self.available = QAction(status_icon(AgentState.AVAILABLE), self.tr("Available"), self)
        self.paused = QMenu(self.tr("Paused"), self)
        self.paused.setIcon(status_icon(AgentState.PAUSED))
        self.dnd = QAction(status_icon(AgentState.DND), self.tr("Do not disturb"), self)
        for action in (self.available, self.dnd):
            action.setCheckable(True)
            self.group.addAction(action)
        self.addAction(self.available)
        self.addMenu(self.paused)
        self.addAction(self.dnd)
        self.setToolTipsVisible(True)
        self.available.triggered.connect(lambda: self.glue.become_available())
        self.dnd.triggered.connect(lambda: self.glue.set_dnd(True))
        self.aboutToShow.connect(self.refresh)
        glue.statusChanged.connect(self._status_changed)
        glue.availabilityChanged.connect(self.refresh)
        self.refresh()

    def _status_changed(self, _status: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        status = self.glue.status
        self.available.setChecked(status.state is AgentState.AVAILABLE)
        self.dnd.setChecked(status.state is AgentState.DND)
        why_pause = self.glue.why_not(Command.PAUSE)
        why_dnd = self.glue.why_not(Command.DND)
        self.dnd.setEnabled(not why_dnd)
        self.dnd.setToolTip(why_dnd)
        self.available.setEnabled(not why_dnd or not why_pause)
        self.paused.clear()
        self.paused.setEnabled(not why_pause)
        self.paused.setToolTip(why_pause)
        for reason in self._reasons():
            action = QAction(reason, self.paused)
            action.setCheckable(True)
            action.setChecked(status.state is AgentState.PAUSED and status.reason == reason)
            action.triggered.connect(lambda _=False, r=reason: self.glue.pause_everywhere(r))
            self.paused.addAction(action)


class AgentStatusButton(QToolButton):
    """The window's control: the current status with its colour; the menu changes it."""

    def __init__(
        self,
        glue: CentreGlue,
        reasons: Callable[[], tuple[str, ...]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AgentStatusButton")
        self.glue = glue
        self.status_menu = AgentStatusMenu(glue, reasons, self)
        self.setMenu(self.status_menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        glue.statusChanged.connect(self.show_status)
        self.show_status(glue.status)

    def show_status(self, status: AgentStatus) -> None:
        self.setIcon(status_icon(status.state))
        text = status_button_text(status)
        self.setText(text if len(text) <= 28 else text[:27] + "…")
        self.setToolTip(self.tr("Your status for the queues: %s") % status_text(status))


def keep(owner: QObject, *objects: QObject) -> None:
    """Parent helper objects to ``owner`` so they live as long as it does."""
    for obj in objects:
        obj.setParent(owner)
