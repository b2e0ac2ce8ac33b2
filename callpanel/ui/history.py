"""The call history list: incoming, outgoing and missed calls with time, duration and a
call-back button; missed calls are counted until the operator has seen them.

Backed by ``callpanel.store.history.History`` (SQLite); a throw-away in-memory history is used
when none is given (tests, a read-only profile).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..calls.events import EndReason
from ..calls.model import Call
from ..directory.contacts import is_dialable
from ..store.history import History, HistoryEntry, HistoryError
from .centre_words import origin_text
from .elided import ElidedLabel
from .format import format_duration, format_number
from .strings import end_reason_text

log = logging.getLogger(__name__)

SHOWN = 50


def _copy(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)
ROWS_DELAY_MS = 100  # ended calls shown in the list at most this late


def row_mark(entry: HistoryEntry) -> tuple[str, str]:
    """The arrow and its colour: green/blue only for a call that was really answered; a
    rejected one is struck orange, other unanswered ones grey, missed red."""
    if entry.missed:
        return "↙", "#e03131"
    if entry.end_reason == EndReason.REJECTED.value:
        return "⊘", "#e8590c"
    if entry.direction == "incoming":
        return "↙", "#2f9e44" if entry.answered else "#868e96"
    return "↗", "#1c7ed6" if entry.answered else "#868e96"


class HistoryRow(QWidget):
    def __init__(self, entry: HistoryEntry, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryRow")
        self.entry = entry
        arrow, color = row_mark(entry)
        self.arrow = QLabel(arrow, self)
        self.arrow.setStyleSheet(f"color: {color}; font-size: 16px; font-weight: bold;")
        self.arrow.setFixedWidth(18)
        who = entry.name.strip() if entry.name.strip() not in ("", entry.number) else ""
        who = entry.contact or who  # the name the caller lookup found, when it found one
        # one line each, cut with "…": a long name never pushes the Call button out of view
        self.who = ElidedLabel(parent=self)  # plain text: names come from callers
        self.who.setObjectName("HistoryWho")
        self.who.setText(who or format_number(entry.number) or "?")
        if entry.missed and not entry.seen:
            self.who.setStyleSheet("color: #e03131;")
        meta = [when]
        if who:
            meta.insert(0, format_number(entry.number))
        if entry.duration is not None:
            meta.append(format_duration(entry.duration))
        if entry.end_reason is not None and entry.end_reason != EndReason.COMPLETED.value:
            try:
                meta.append(end_reason_text(EndReason(entry.end_reason)))
            except ValueError:  # written by a newer version
                meta.append(entry.end_reason)
        # Last: in a narrow window the line is cut from the right, and how the call ended
        # (missed, answered elsewhere, how long) matters more than where it came from.
        origin = origin_text(entry.queue, entry.waited_s, entry.dialled)
        if origin:  # the queue and the wait, or the ring group / line the caller dialled
            meta.append(origin)
        self.meta = ElidedLabel(" · ".join(meta), self)
        self.meta.setObjectName("HistoryMeta")
        self.call_back = QPushButton(self.tr("Call"), self)
        self.call_back.setObjectName("CallBackButton")
        self.call_back.setToolTip(self.tr("Call back %s") % format_number(entry.number))
        # "anonymous" and withheld numbers cannot be called back: no button at all
        self.call_back.setVisible(is_dialable(entry.number))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.who)
        text.addWidget(self.meta)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.arrow)
        row.addLayout(text, 1)
        row.addWidget(self.call_back)


class HistoryPanel(QWidget):
    callBackRequested = Signal(str)
    missedChanged = Signal(int)

    def __init__(
        self,
        history: History | None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryPanel")
        self.store = history if history is not None else History(":memory:")
        self._now = now
        self.title = QLabel(self.tr("Recent calls"), self)
        self.title.setObjectName("SectionTitle")
        self.badge = QLabel(self)
        self.badge.setObjectName("MissedBadge")
        self.list = QListWidget(self)
        self.list.setObjectName("HistoryList")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.empty = QLabel(self.tr("No calls yet"), self)
        self.empty.setObjectName("NoCalls")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)  # the room goes here, not above the title
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._unseen = -1
        self._built_on: dt.date | None = None  # the day the rows' time texts were made
        self._rows_due = QTimer(self)
        self._rows_due.setSingleShot(True)
        self._rows_due.setInterval(ROWS_DELAY_MS)
        self._rows_due.timeout.connect(self.refresh)
        self.refresh()

    def rows(self) -> list[HistoryRow]:
        if self._rows_due.isActive():  # a deferred rebuild: readers see the current list
            self.refresh()
        return self._shown_rows()

    def _shown_rows(self) -> list[HistoryRow]:
        out: list[HistoryRow] = []
        for i in range(self.list.count()):
            widget = self.list.itemWidget(self.list.item(i))
            if isinstance(widget, HistoryRow):
                out.append(widget)
        return out

    def unseen(self) -> int:
        return max(self._unseen, 0)

    def record(self, call: Call) -> None:
        try:
            self.store.add_from_call(call)
        except (HistoryError, sqlite3.Error) as exc:  # history must never break the panel
            log.warning("call %s not written to the history: %s", call.call_id, exc)
        # The missed count now; the rows once per ROWS_DELAY_MS, so a burst of ended calls
        # costs one list update, not one per call (docs/TESTS.md: event flood).
        self._update_badge()
        if not self._rows_due.isActive():
            self._rows_due.start()

    def mark_seen(self) -> None:
        try:
            changed = self.store.mark_seen()
        except sqlite3.Error as exc:
            log.warning("history: %s", exc)
            return
        if changed:
            self.refresh()

    def recent_contacts(self, limit: int = 10) -> list[tuple[str, str]]:
        """(name, number) of recent calls, each number once, newest first."""
        out: dict[str, str] = {}
        try:
            entries = self.store.recent(SHOWN)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history: %s", exc)
            return []
        for entry in entries:
            if entry.number and entry.number not in out:
                out[entry.number] = entry.name
            if len(out) >= limit:
                break
        return [(name, number) for number, name in out.items()]

    def _update_badge(self) -> None:
        try:
            unseen = self.store.unseen()
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history: %s", exc)
            unseen = 0
        self._show_unseen(unseen)

    def refresh(self) -> None:
        self._rows_due.stop()
        try:
            entries = self.store.recent(SHOWN)
            unseen = self.store.unseen()
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history: %s", exc)
            entries, unseen = [], 0
        if not self._prepend_only(entries):
            self.list.clear()
            self._built_on = self._now().date()
            for entry in entries:
                self._insert_row(self.list.count(), entry)
        self.list.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self._show_unseen(unseen)

    def _show_unseen(self, unseen: int) -> None:
        self.badge.setText(self.tr("%d missed") % unseen)
        self.badge.setVisible(unseen > 0)
        if unseen != self._unseen:
            self._unseen = unseen
            self.missedChanged.emit(unseen)

    def _insert_row(self, index: int, entry: HistoryEntry) -> None:
        row = HistoryRow(entry, self._when(entry.started_at), self.list)
        row.call_back.clicked.connect(functools.partial(self.callBackRequested.emit, entry.number))
        row.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        row.customContextMenuRequested.connect(functools.partial(self._row_menu, row))
        item = QListWidgetItem()
        # no width of its own: the row is as wide as the list, never wider
        item.setSizeHint(QSize(0, max(row.sizeHint().height(), 40)))
        self.list.insertItem(index, item)
        self.list.setItemWidget(item, row)

    def row_menu(self, row: HistoryRow) -> QMenu:
        """Right-click on a recent call: call back, copy the number or the name."""
        entry = row.entry
        menu = QMenu(row)
        menu.setObjectName("HistoryMenu")
        call = menu.addAction(self.tr("Call back"))
        call.setEnabled(bool(entry.number))
        call.triggered.connect(functools.partial(self.callBackRequested.emit, entry.number))
        copy_number = menu.addAction(self.tr("Copy number"))
        copy_number.setEnabled(bool(entry.number))
        copy_number.triggered.connect(functools.partial(_copy, entry.number))
        name = entry.name.strip()
        copy_name = menu.addAction(self.tr("Copy name"))
        copy_name.setEnabled(bool(name) and name != entry.number)
        copy_name.triggered.connect(functools.partial(_copy, name))
        return menu

    def _row_menu(self, row: HistoryRow, pos: QPoint) -> None:
        menu = self.row_menu(row)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(row.mapToGlobal(pos))

    def _prepend_only(self, entries: list[HistoryEntry]) -> bool:
        """The usual change, new calls on top: add their rows and drop the oldest instead of
        rebuilding all of them (~50 widgets per ended call made a call flood lag: docs/TESTS.md,
        event flood)."""
        shown = [row.entry for row in self._shown_rows()]
        if not entries or not shown or self._built_on != self._now().date():
            return False  # ("yesterday" texts must be redone after midnight)
        for new in range(len(entries) + 1):  # how many entries are new, on top
            if entries[new:] == shown[: len(entries) - new]:
                break
        for index, entry in enumerate(entries[:new]):
            self._insert_row(index, entry)
        while self.list.count() > len(entries):
            self.list.takeItem(self.list.count() - 1)
        return True

    def _when(self, timestamp: float) -> str:
        moment = dt.datetime.fromtimestamp(timestamp)
        now = self._now()
        if moment.date() == now.date():
            return moment.strftime("%H:%M")
        if moment.date() == (now - dt.timedelta(days=1)).date():
            return self.tr("yesterday %s") % moment.strftime("%H:%M")
        return moment.strftime("%d.%m %H:%M")
