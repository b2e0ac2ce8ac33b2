"""The queue panel: the operator's memberships as Asterisk reports them (queue, taking calls
or paused and why, calls taken, permanent or dynamic), log in / out, pause with a reason from
a list the operator edits, resume. Every button asks the one policy and says why not."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..asterisk.errors import InvalidQueueValue
from ..asterisk.validate import check_pause_reason
from ..calls.policy import Command
from ..centre import Membership
from .centre_glue import CentreGlue
from .centre_words import member_state_text, membership_kind_text, queue_value_text

# The stock list (the settings' default), shown in the operator's language until edited.
DEFAULT_REASONS: tuple[str, ...] = tuple(
    str(text)
    for text in (
        QT_TRANSLATE_NOOP("PauseReasons", "Lunch"),
        QT_TRANSLATE_NOOP("PauseReasons", "Break"),
        QT_TRANSLATE_NOOP("PauseReasons", "After-call work"),
        QT_TRANSLATE_NOOP("PauseReasons", "Meeting"),
        QT_TRANSLATE_NOOP("PauseReasons", "Training"),
    )
)
MAX_REASONS = 20


def shown_reasons(items: tuple[str, ...]) -> tuple[str, ...]:
    """The reasons to offer: the operator's own list, or the stock list translated."""
    if items and tuple(items) != DEFAULT_REASONS:
        return tuple(items)
    return tuple(QCoreApplication.translate("PauseReasons", r) for r in DEFAULT_REASONS)


class PauseReasons:
    """The operator's pause reasons, shared by the queue panel, the status button and the
    tray menu (a plain holder: no widget keeps another alive through it)."""

    def __init__(self, items: tuple[str, ...] = DEFAULT_REASONS) -> None:
        self.items = shown_reasons(items)

    def __call__(self) -> tuple[str, ...]:
        return self.items


def clean_reasons(lines: list[str]) -> tuple[str, ...]:
    """The operator's reason list: valid, unique, at most 20; a bad line raises
    InvalidQueueValue."""
    out: list[str] = []
    for line in lines:
        if line.strip():
            reason = check_pause_reason(line)
            if reason not in out:
                out.append(reason)
    return tuple(out[:MAX_REASONS])


class MembershipTable(QTreeWidget):
    """Queue, state, calls, membership in a narrow window, never a sideways scroll bar.

    The state ("Paused: Lunch", "Paused automatically") is what the operator reads, so it
    gets its room first: a long queue name gives way down to half of what the two share, and
    whatever still does not fit ends with "…" (the row's tooltip has it all).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)  # before the sections' modes: a mode needs its section
        header = self.header()
        header.setStretchLastSection(False)
        mode = QHeaderView.ResizeMode
        for column, how in enumerate(
            (mode.Fixed, mode.Stretch, mode.ResizeToContents, mode.ResizeToContents)
        ):
            header.setSectionResizeMode(column, how)

    def fit_columns(self) -> None:
        header = self.header()
        queue, state, calls, kind = (
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(4)
        )
        room = self.viewport().width() - calls - kind  # (those two fit their contents)
        header.resizeSection(0, max(0, min(queue, max(room - state, room // 2))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


class QueuesPanel(QWidget):
    reasonsChanged = Signal(tuple)  # the edited reason list, to be saved in the settings

    def __init__(
        self,
        glue: CentreGlue,
        reasons: tuple[str, ...] = DEFAULT_REASONS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("QueuesPanel")
        self.glue = glue
        self.reasons = shown_reasons(reasons)
        self.table = MembershipTable(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("Queue"), self.tr("State"), self.tr("Calls"), self.tr("Membership")]
        )
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.login_button = QPushButton(self.tr("Log in…"), self)
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.pause_menu = QMenu(self)
        self.pause_button.setMenu(self.pause_menu)
        buttons = QHBoxLayout()
        for button in (
            self.login_button,
            self.logout_button,
            self.pause_button,
            self.resume_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.login_button.clicked.connect(self.ask_login)
        self.logout_button.clicked.connect(self._logout)
        self.resume_button.clicked.connect(self._resume)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        glue.membershipsChanged.connect(self.refresh)
        glue.availabilityChanged.connect(self._update_buttons)
        self.refresh()

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_queue()
        self.table.clear()
        for m in self.glue.state.memberships:
            item = QTreeWidgetItem([m.queue, member_state_text(m), str(m.calls_taken),
                                    membership_kind_text(m)])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, m.queue)
            tip = self._details(m)
            for column in range(4):
                item.setToolTip(column, tip)
            self.table.addTopLevelItem(item)
            if m.queue == selected:
                self.table.setCurrentItem(item)
        self.table.fit_columns()
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        self._update_buttons()

    def _details(self, m: Membership) -> str:
        """Everything Asterisk says about the membership, for the row's tooltip."""
        if m.last_call:
            stamp = time.strftime("%H:%M", time.localtime(m.last_call))
            last = self.tr("Last call at %s") % stamp
        else:
            last = self.tr("No calls taken yet")
        lines = [
            f"{m.queue}: {member_state_text(m)}",
            self.tr("Calls taken: %d") % m.calls_taken,
            last,
            self.tr("Penalty: %d") % m.penalty,
            membership_kind_text(m),
        ]
        return "\n".join(lines)

    def selected_queue(self) -> str | None:
        item = self.table.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def _update_buttons(self) -> None:
        queue = self.selected_queue()
        glue = self.glue
        checks = (
            (self.logout_button, Command.QUEUE_LOGOUT, queue),
            (self.pause_button, Command.PAUSE, queue),
            (self.resume_button, Command.UNPAUSE, queue),
        )
        for button, command, target in checks:
            why = glue.why_not(command, queue=target) if target else self.tr("Choose a queue")
            button.setEnabled(not why)
            button.setToolTip(why)
        member = glue.state.membership(queue) if queue else None
        if member is not None and not member.paused:
            self.resume_button.setEnabled(False)
            self.resume_button.setToolTip(self.tr("Not paused"))
        why = glue.why_not(Command.QUEUE_LOGIN, queue=None)
        self.login_button.setEnabled(not why)
        self.login_button.setToolTip(why)
        self._fill_pause_menu()

    def _fill_pause_menu(self) -> None:
        self.pause_menu.clear()
        for reason in self.reasons:
            action = QAction(reason, self.pause_menu)
            action.triggered.connect(lambda _=False, r=reason: self._pause(r))
            self.pause_menu.addAction(action)
        self.pause_menu.addSeparator()
        other = QAction(self.tr("Other reason…"), self.pause_menu)
        other.triggered.connect(self._pause_other)
        self.pause_menu.addAction(other)
        edit = QAction(self.tr("Edit the reasons…"), self.pause_menu)
        edit.triggered.connect(self.edit_reasons)
        self.pause_menu.addAction(edit)

    # ------------------------------------------------------------------ actions

    def ask_login(self) -> None:
        state = self.glue.state
        mine = {m.queue for m in state.memberships}
        choices = [q for q in state.known_queues if q not in mine]
        queue, ok = QInputDialog.getItem(
            self, self.tr("Log in to a queue"), self.tr("Queue:"), choices, 0, True
        )
        if ok and queue.strip():
            self.glue.login(queue.strip())

    def _logout(self) -> None:
        queue = self.selected_queue()
        if queue:
            self.glue.logout(queue)

    def _pause(self, reason: str) -> None:
        queue = self.selected_queue()
        if queue:
            self.glue.pause(queue, reason)

    def _pause_other(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Pause"), self.tr("Reason:"))
        if ok:
            self._pause(reason)  # checked (control characters, length) before anything is sent

    def _resume(self) -> None:
        queue = self.selected_queue()
        if queue:
            self.glue.unpause(queue)

    def edit_reasons(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Pause reasons"),
            self.tr("One reason a line (at most 79 bytes each):"),
            "\n".join(self.reasons),
        )
        if not ok:
            return
        try:
            reasons = clean_reasons(text.splitlines())
        except InvalidQueueValue as exc:
            words = queue_value_text(exc)
            self.glue.bridge.errorOccurred.emit(self.tr("Pause reasons: %s") % words)
            return
        self.set_reasons(reasons)
        self.reasonsChanged.emit(reasons)

    def set_reasons(self, reasons: tuple[str, ...]) -> None:
        self.reasons = shown_reasons(reasons)
        self._fill_pause_menu()
