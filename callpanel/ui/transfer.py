"""Transfer dialog: a number typed or picked — colleagues (extensions) and recent callers in
two lists, both filtered as you type — blind or attended.

Opened with ``open()`` (never ``exec()``: a nested loop inside a coroutine breaks qasync) and
answered through ``transferChosen(call_id, number, attended)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .format import caller_line, clean_dial_input, format_number

EXTENSION_DIGITS = 4  # as short as an extension: a colleague, not a customer


def is_extension(number: str) -> bool:
    return number.isdigit() and len(number) <= EXTENSION_DIGITS


class TransferDialog(QDialog):
    transferChosen = Signal(str, str, bool)  # call_id, number, attended

    def __init__(
        self,
        call_id: str,
        caller: str,
        recent: Sequence[tuple[str, str]],
        *,
        colleagues: Sequence[tuple[str, str]] | None = None,
        attended_allowed: bool = True,
        blind_allowed: bool = True,
        caller_number: str = "",
        lines_missing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        # a dialog, not a document: no maximize (nor minimize) button
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, False)
        self.setWindowTitle(self.tr("Transfer call"))
        self.call_id = call_id
        self.caller_label = QLabel(self)
        self.caller_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caller_label.setText(self.tr("Transfer %s to:") % caller)
        self.caller_label.setWordWrap(True)
        self.setMinimumWidth(360)
        self.setMaximumWidth(560)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("TransferNumber")
        self.number_edit.setPlaceholderText(self.tr("Number or extension"))
        if colleagues is None:  # not given: the extensions among the recent calls
            colleagues = [(n, x) for n, x in recent if is_extension(x)]
            recent = [(n, x) for n, x in recent if not is_extension(x)]
        self.colleague_list = self._list("TransferColleagues", colleagues)
        self.recent_list = self._list("TransferRecent", recent)
        self.blind_radio = QRadioButton(self.tr("Blind: hand the call over at once"), self)
        self.attended_radio = QRadioButton(self.tr("Attended: talk to the new party first"), self)
        self.blind_radio.setEnabled(blind_allowed)
        self.attended_radio.setEnabled(attended_allowed)
        (self.blind_radio if blind_allowed else self.attended_radio).setChecked(True)
        # The PBX's transfer context does not set our caller ID (``lines_missing``, read from
        # the dialplan on connect): say what an outside number will see instead.
        self._caller_number = caller_number
        self._lines_missing = lines_missing
        self.caller_id_note = QLabel(self)
        self.caller_id_note.setObjectName("TransferCallerIdNote")
        self.caller_id_note.setTextFormat(Qt.TextFormat.PlainText)  # numbers are plain text
        self.caller_id_note.setWordWrap(True)
        self.caller_id_note.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Transfer"))
        for button in self.buttons.buttons():  # one look: the panel's buttons have no icons
            button.setIcon(QIcon())

        layout = QVBoxLayout(self)
        layout.addWidget(self.caller_label)
        layout.addWidget(self.number_edit)
        for title, listing, entries in (
            (self.tr("Colleagues:"), self.colleague_list, colleagues),
            (self.tr("Recent callers:"), self.recent_list, recent),
        ):
            if entries:
                layout.addWidget(QLabel(title, self))
                layout.addWidget(listing)
            else:
                listing.setVisible(False)
        layout.addWidget(self.blind_radio)
        layout.addWidget(self.attended_radio)
        layout.addWidget(self.caller_id_note)
        layout.addWidget(self.buttons)

        self.number_edit.textEdited.connect(self._clean)
        self.number_edit.textEdited.connect(self._filter)
        self.number_edit.textChanged.connect(self._update_ok)
        self.number_edit.textChanged.connect(self._update_note)
        self.attended_radio.toggled.connect(self._update_note)
        for listing in (self.colleague_list, self.recent_list):
            listing.currentItemChanged.connect(self._picked)
            listing.itemClicked.connect(self._picked)
            listing.itemActivated.connect(self._picked)
            listing.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_ok()

    def number(self) -> str:
        return clean_dial_input(self.number_edit.text())

    def attended(self) -> bool:
        return self.attended_radio.isChecked()

    def accept(self) -> None:
        number = self.number()
        if not number:
            return
        super().accept()
        self.transferChosen.emit(self.call_id, number, self.attended())

    def _list(self, name: str, entries: Sequence[tuple[str, str]]) -> QListWidget:
        listing = QListWidget(self)
        listing.setObjectName(name)
        # long names are cut with "…" (whole in the tooltip), never scrolled sideways
        listing.setTextElideMode(Qt.TextElideMode.ElideRight)
        listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for who, number in entries:
            item = QListWidgetItem(caller_line(who, number))
            item.setData(Qt.ItemDataRole.UserRole, number)
            item.setToolTip(item.text())
            listing.addItem(item)
        return listing

    def shown(self, listing: QListWidget) -> list[str]:
        """The numbers the filter leaves in ``listing``."""
        return [
            str(listing.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(listing.count())
            if not listing.item(i).isHidden()
        ]

    def _filter(self, typed: str) -> None:
        """Names containing what is typed, numbers containing its digits."""
        words = typed.strip().casefold()
        digits = "".join(c for c in typed if c.isdigit())
        for listing in (self.colleague_list, self.recent_list):
            for i in range(listing.count()):
                item = listing.item(i)
                number = str(item.data(Qt.ItemDataRole.UserRole))
                match = not words or words in item.text().casefold() or (
                    bool(digits) and digits in number
                )
                item.setHidden(not match)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.number_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))

    def _clean(self, text: str) -> None:
        cleaned = clean_dial_input(text)
        if cleaned != text:
            self.number_edit.setText(cleaned)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.number()))

    def note_text(self) -> str:
        """What an outside party would see that is not ours, or "" (a colleague's extension,
        an attended transfer — its consultation call is the operator's own — or the dialplan
        sets our caller ID)."""
        number = self.number()
        if not self._lines_missing or not number or is_extension(number) or self.attended():
            return ""
        if not self._caller_number:
            return ""
        return self.tr(
            "%s will see %s, the caller's own number, not ours: the PBX's transfer "
            "context does not set our caller ID (%s)."
        ) % (
            format_number(number),
            format_number(self._caller_number),
            self.tr("packaging/asterisk/extensions.conf, [panel-transfer]"),
        )

    def _update_note(self) -> None:
        text = self.note_text()
        self.caller_id_note.setText(text)
        self.caller_id_note.setVisible(bool(text))
