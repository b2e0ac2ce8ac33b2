"""The whole call history: search, filters, pages, a note and an outcome per call, call back,
copy the number, add or edit the caller's contact, export to CSV."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..calls.events import EndReason
from ..directory.contacts import is_dialable
from ..store.history import PAGE, Filter, History, HistoryEntry, HistoryError
from ..store.history_export import all_entries, write_csv
from .centre_words import origin_text
from .format import format_duration, format_number
from .history import row_mark
from .strings import end_reason_text

log = logging.getLogger(__name__)

_FILTERS = (
    (Filter.ALL, QT_TRANSLATE_NOOP("HistoryView", "All calls")),
    (Filter.MISSED, QT_TRANSLATE_NOOP("HistoryView", "Missed")),
    (Filter.INCOMING, QT_TRANSLATE_NOOP("HistoryView", "Incoming")),
    (Filter.OUTGOING, QT_TRANSLATE_NOOP("HistoryView", "Outgoing")),
    (Filter.TODAY, QT_TRANSLATE_NOOP("HistoryView", "Today")),
)
# Suggested outcomes; the operator may type any other.
OUTCOMES = (
    QT_TRANSLATE_NOOP("HistoryView", "Resolved"),
    QT_TRANSLATE_NOOP("HistoryView", "Call back"),
    QT_TRANSLATE_NOOP("HistoryView", "Sale"),
    QT_TRANSLATE_NOOP("HistoryView", "Complaint"),
    QT_TRANSLATE_NOOP("HistoryView", "Wrong number"),
    QT_TRANSLATE_NOOP("HistoryView", "Voicemail"),
)


ORIGIN_COLUMN = 4
OUTCOME_COLUMN = 6
MAX_ORIGIN_CHARS = 14  # the origin column's widest, in average letters


def result_text(entry: HistoryEntry) -> str:
    """'Answered', 'Missed', 'Rejected', … — a rejected call never reads as answered."""
    if entry.end_reason in (None, EndReason.COMPLETED.value) and entry.answered:
        return QCoreApplication.translate("HistoryView", "Answered")
    if entry.end_reason is None:
        return QCoreApplication.translate("HistoryView", "In progress")
    try:
        return end_reason_text(EndReason(entry.end_reason))
    except ValueError:
        return entry.end_reason


class HistoryDialog(QDialog):
    callRequested = Signal(str)
    contactRequested = Signal(str, str)  # number, name: add or edit the caller's contact

    def __init__(
        self,
        history: History,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryDialog")
        self.setWindowTitle(self.tr("Call history"))
        self.history = history
        self._now = now
        self._entries: list[HistoryEntry] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("HistorySearch")
        self.search.setPlaceholderText(self.tr("Search by number or name"))
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(self)
        self.filter.setObjectName("HistoryFilter")
        for kind, text in _FILTERS:
            self.filter.addItem(QCoreApplication.translate("HistoryView", str(text)), kind)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("HistoryTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Call"), self.tr("Number"), self.tr("Name"),
             self.tr("Queue / line"), self.tr("Talk"), self.tr("Outcome")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # One line a call: a long name or queue is cut with "…" (the full text is the cell's
        # tooltip) instead of wrapping into a row of half-words.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORIGIN_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.more_button = QPushButton(self.tr("Show more"), self)
        self.more_button.setObjectName("HistoryMore")
        self.count = QLabel(self)
        self.count.setObjectName("HistoryCount")
        # the selected call
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("HistoryOutcome")
        self.outcome.setEditable(True)
        self.outcome.addItem("")
        for text in OUTCOMES:
            self.outcome.addItem(QCoreApplication.translate("HistoryView", str(text)))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("HistoryNote")
        self.note.setPlaceholderText(self.tr("Note about this call"))
        self.note.setFixedHeight(60)
        self.save_button = QPushButton(self.tr("Save note"), self)
        self.save_button.setObjectName("HistorySaveNote")
        self.call_button = QPushButton(self.tr("Call back"), self)
        self.call_button.setObjectName("HistoryCall")
        self.copy_button = QPushButton(self.tr("Copy number"), self)
        self.copy_button.setObjectName("HistoryCopy")
        self.contact_button = QPushButton(self.tr("Contact…"), self)
        self.contact_button.setObjectName("HistoryContact")
        self.contact_button.setToolTip(self.tr("Add the caller to the contacts, or edit them"))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        top.addWidget(self.export_button)
        pager = QHBoxLayout()
        pager.addWidget(self.count, 1)
        pager.addWidget(self.more_button)
        details = QHBoxLayout()
        details.addWidget(QLabel(self.tr("Outcome"), self))
        details.addWidget(self.outcome, 1)
        details.addWidget(self.save_button)
        actions = QHBoxLayout()
        actions.addWidget(self.call_button)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.contact_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(pager)
        layout.addLayout(details)
        layout.addWidget(self.note)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.refresh)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.more_button.clicked.connect(self.show_more)
        self.table.itemSelectionChanged.connect(self._selected_changed)
        self.save_button.clicked.connect(self.save_note)
        self.call_button.clicked.connect(self._call)
        self.copy_button.clicked.connect(self.copy_number)
        self.contact_button.clicked.connect(self._contact)
        self.export_button.clicked.connect(self._choose_export)
        self.resize(760, 560)
        self.refresh()

    # -- loading ---------------------------------------------------------------------------

    def _query(self) -> tuple[str, Filter, float | None]:
        kind = self.filter.currentData()
        kind = kind if isinstance(kind, Filter) else Filter.ALL
        midnight = self._now().replace(hour=0, minute=0, second=0, microsecond=0)
        return self.search.text(), kind, midnight.timestamp()

    def refresh(self) -> None:
        self._entries = []
        self.table.setRowCount(0)
        self._load(0)

    def show_more(self) -> None:
        self._load(len(self._entries))

    def _load(self, offset: int) -> None:
        text, kind, since = self._query()
        try:
            page = self.history.query(text, kind, since=since, limit=PAGE, offset=offset)
            total = self.history.count(text, kind, since=since)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history: %s", exc)
            page, total = [], 0
        for entry in page:
            self._add_row(entry)
        self._entries.extend(page)
        self._fit_origin_column()
        self.count.setText(self.tr("%d of %d calls") % (len(self._entries), total))
        self.more_button.setVisible(len(self._entries) < total)
        if offset == 0 and self._entries:
            self.table.selectRow(0)
        self._selected_changed()

    def _fit_origin_column(self) -> None:
        """Where calls came from ("on the number +7 495 …", a queue and the wait) as wide as
        it needs, but never so wide that the names are squeezed to a few letters."""
        self.table.resizeColumnToContents(ORIGIN_COLUMN)
        widest = self.table.fontMetrics().horizontalAdvance("M" * MAX_ORIGIN_CHARS)
        if self.table.columnWidth(ORIGIN_COLUMN) > widest:
            self.table.setColumnWidth(ORIGIN_COLUMN, widest)

    def _add_row(self, entry: HistoryEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        moment = dt.datetime.fromtimestamp(entry.started_at)
        arrow, color = row_mark(entry)
        name = entry.contact or (entry.name if entry.name != entry.number else "")
        cells = [
            moment.strftime("%d.%m.%Y %H:%M"),
            f"{arrow} {result_text(entry)}",
            format_number(entry.number),
            name,
            origin_text(entry.queue, entry.waited_s, entry.dialled),
            format_duration(entry.duration) if entry.duration is not None else "",
            entry.outcome,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)  # plain text: names and numbers come from outside
            item.setToolTip(text)
            if column == 1:
                item.setForeground(QBrush(QColor(color)))
            self.table.setItem(row, column, item)

    # -- the selected call -----------------------------------------------------------------

    def selected(self) -> HistoryEntry | None:
        row = self.table.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _selected_changed(self) -> None:
        entry = self.selected()
        for widget in (self.outcome, self.note, self.save_button, self.copy_button,
                       self.contact_button):
            widget.setEnabled(entry is not None)
        dialable = entry is not None and is_dialable(entry.number)
        self.call_button.setVisible(dialable)  # "anonymous" cannot be called back
        self.contact_button.setEnabled(dialable)
        self.outcome.setCurrentText(entry.outcome if entry else "")
        self.note.setPlainText(entry.note if entry else "")

    def save_note(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            self.history.set_note(entry.call_id, self.note.toPlainText())
            self.history.set_outcome(entry.call_id, self.outcome.currentText())
            fresh = self.history.get(entry.call_id)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history: %s", exc)
            return
        if fresh is not None:
            row = self.table.currentRow()
            self._entries[row] = fresh
            item = self.table.item(row, OUTCOME_COLUMN)
            if item is not None:
                item.setText(fresh.outcome)

    def _call(self) -> None:
        entry = self.selected()
        if entry is not None and is_dialable(entry.number):
            self.callRequested.emit(entry.number)

    def copy_number(self) -> None:
        entry = self.selected()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.number)

    def _contact(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.contactRequested.emit(entry.number, entry.contact or entry.name)

    # -- export ----------------------------------------------------------------------------

    def _choose_export(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the call history"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile("calls.csv")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, path: Path) -> int:
        """Every call (not only the page shown) to ``path``; readable by the user only."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
                count = write_csv(all_entries(self.history), out)
        except (OSError, HistoryError, sqlite3.Error) as exc:
            self.count.setText(self.tr("Export failed: %s") % exc)
            return 0
        self.count.setText(self.tr("%d calls exported to %s") % (count, path.name))
        return count
