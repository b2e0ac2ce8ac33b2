"""The colleague list: live states from the PBX's hints, search as you type, click to call,
transfer the current call to a colleague, pick up a call ringing at a colleague's desk.

A model/view list (one row per colleague, updated in place by extension), so 2,000
colleagues cost one view, not 2,000 widgets (bench/bench_colleagues.py). The view is a
one-column QTreeView: a QListView repaints every visible row for each changed one, even a row
scrolled out of sight, which made a busy PBX's state changes cost a full repaint each.
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from ..calls.policy import Command
from ..centre import Colleague, ColleagueState
from .centre_glue import CentreGlue
from .centre_words import COLLEAGUE_COLOURS, colleague_state_text

ColleagueRole = Qt.ItemDataRole.UserRole + 1
SearchRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def _dot(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class ColleaguesModel(QAbstractListModel):
    """Colleagues sorted by extension (numbers first); a change touches one row.

    The rows stay in order here (a bisect on insert), so the view needs no Python sort; the
    search is Qt's own fixed-string filter on ``SearchRole`` (extension and name, folded).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Colleague] = []
        self._keys: list[tuple[int, int, str]] = []  # sort keys, parallel to _rows
        self._row_of: dict[str, int] = {}
        self._icons = {state: _dot(colour) for state, colour in COLLEAGUE_COLOURS.items()}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        c = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:  # the state in words too, not only a colour
            who = f"{c.extension}  {c.name}" if c.name else c.extension
            return f"{who} · {colleague_state_text(c.state)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[c.state]
        if role == SearchRole:
            return f"{c.extension} {c.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # a name from the PBX must never become markup: escaped, in an explicit rich text
            state = colleague_state_text(c.state)
            return "<qt>" + html.escape(f"{c.name or c.extension}: {state}") + "</qt>"
        if role == ColleagueRole:
            return c
        return None

    def reset(self, colleagues: tuple[Colleague, ...]) -> None:
        self.beginResetModel()
        self._rows = sorted(colleagues, key=lambda c: _order(c.extension))
        self._keys = [_order(c.extension) for c in self._rows]
        self._reindex(0)
        self.endResetModel()

    def put(self, colleague: Colleague) -> None:
        row = self._row_of.get(colleague.extension)
        if row is not None:
            self._rows[row] = colleague
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        key = _order(colleague.extension)
        row = bisect.bisect(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, colleague)
        self._keys.insert(row, key)
        self._reindex(row)
        self.endInsertRows()

    def remove(self, extension: str) -> None:
        row = self._row_of.pop(extension, None)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._keys[row]
        self._reindex(row)
        self.endRemoveRows()

    def _reindex(self, start: int) -> None:
        if start == 0:
            self._row_of = {}
        for i in range(start, len(self._rows)):
            self._row_of[self._rows[i].extension] = i

    def colleague(self, extension: str) -> Colleague | None:
        row = self._row_of.get(extension)
        return self._rows[row] if row is not None else None


class ColleaguesFilter(QSortFilterProxyModel):
    """Search as you type: Qt's fixed-string match on extension and name, any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(SearchRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(False)  # states change often, the searched text rarely

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def refilter(self) -> None:
        """A colleague's name changed: match the search again (states never change it)."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()


def _order(extension: str) -> tuple[int, int, str]:
    if extension.isascii() and extension.isdigit():
        return (0, int(extension), "")
    return (1, 0, extension.casefold())


class ColleaguesPanel(QWidget):
    callRequested = Signal(str)  # extension
    transferRequested = Signal(str, bool)  # extension, attended

    def __init__(self, glue: CentreGlue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ColleaguesPanel")
        self.glue = glue
        self.can_transfer = False  # set by the window: is there a call to hand on?
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search colleagues (name or extension)"))
        self.search.setClearButtonEnabled(True)
        self.model = ColleaguesModel(self)
        self.proxy = ColleaguesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)  # a flat list: one column, no header, no branches
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setUniformRowHeights(True)  # constant row height: a long list stays quick
        # A long name is cut in the middle: the extension and the state stay readable, the
        # whole name is in the tooltip; never a sideways scroll bar in a narrow window.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setToolTip(self.tr("Double-click to call; right-click for more"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.customContextMenuRequested.connect(self._context_menu)
        glue.colleagueChanged.connect(self._changed)
        glue.colleaguesReset.connect(self._reset)
        self._reset()

    def _reset(self) -> None:
        self.model.reset(self.glue.state.colleagues)

    def _changed(self, colleague: Colleague, removed: bool) -> None:
        if removed:
            self.model.remove(colleague.extension)
            return
        old = self.model.colleague(colleague.extension)
        self.model.put(colleague)
        if old is None or old.name != colleague.name:
            self.proxy.refilter()

    def colleague_at(self, index: QModelIndex) -> Colleague | None:
        found = self.proxy.data(index, ColleagueRole)
        return found if isinstance(found, Colleague) else None

    def _double_clicked(self, index: QModelIndex) -> None:
        colleague = self.colleague_at(index)
        if colleague is None:
            return
        if colleague.state is ColleagueState.RINGING and not self.glue.why_not(
            Command.PICKUP, extension=colleague.extension
        ):
            self.glue.pickup(colleague.extension)  # a ringing desk: take the call
        else:
            self.callRequested.emit(colleague.extension)

    def menu_for(self, colleague: Colleague) -> QMenu:
        menu = QMenu(self)
        call = QAction(self.tr("Call %s") % colleague.extension, menu)
        call.triggered.connect(lambda: self.callRequested.emit(colleague.extension))
        blind = QAction(self.tr("Transfer the call here"), menu)
        blind.triggered.connect(lambda: self.transferRequested.emit(colleague.extension, False))
        attended = QAction(self.tr("Transfer with consultation"), menu)
        attended.triggered.connect(lambda: self.transferRequested.emit(colleague.extension, True))
        for action in (blind, attended):
            action.setEnabled(self.can_transfer)
            if not self.can_transfer:
                action.setToolTip(self.tr("No call to transfer"))
        pickup = QAction(self.tr("Pick up the ringing call"), menu)
        why = self.glue.why_not(Command.PICKUP, extension=colleague.extension)
        pickup.setEnabled(not why)
        pickup.setToolTip(why)
        pickup.triggered.connect(lambda: self.glue.pickup(colleague.extension))
        menu.setToolTipsVisible(True)
        for action in (call, blind, attended, pickup):
            menu.addAction(action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        colleague = self.colleague_at(self.view.indexAt(pos))
        if colleague is not None:
            self.menu_for(colleague).popup(self.view.viewport().mapToGlobal(pos))
