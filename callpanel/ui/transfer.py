"""Transfer dialog: a number typed or picked from recent calls, blind or attended.

Opened with ``open()`` (never ``exec()``: a nested loop inside a coroutine breaks qasync) and
answered through ``transferChosen(call_id, number, attended)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
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

from .format import caller_line, clean_dial_input


class TransferDialog(QDialog):
    transferChosen = Signal(str, str, bool)  # call_id, number, attended

    def __init__(
        self,
        call_id: str,
        caller: str,
        recent: Sequence[tuple[str, str]],
        *,
        attended_allowed: bool = True,
        blind_allowed: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        self.setWindowTitle(self.tr("Transfer call"))
        self.call_id = call_id
        self.caller_label = QLabel(self)
        self.caller_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caller_label.setText(self.tr("Transfer %s to:") % caller)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("TransferNumber")
        self.number_edit.setPlaceholderText(self.tr("Number or extension"))
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("TransferRecent")
        for name, number in recent:
            item = QListWidgetItem(caller_line(name, number))
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.recent_list.addItem(item)
        self.blind_radio = QRadioButton(self.tr("Blind: hand the call over at once"), self)
        self.attended_radio = QRadioButton(self.tr("Attended: talk to the new party first"), self)
        self.blind_radio.setEnabled(blind_allowed)
        self.attended_radio.setEnabled(attended_allowed)
        (self.blind_radio if blind_allowed else self.attended_radio).setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Transfer"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.caller_label)
        layout.addWidget(self.number_edit)
        if recent:
            layout.addWidget(QLabel(self.tr("Recent calls:"), self))
            layout.addWidget(self.recent_list)
        else:
            self.recent_list.setVisible(False)
        layout.addWidget(self.blind_radio)
        layout.addWidget(self.attended_radio)
        layout.addWidget(self.buttons)

        self.number_edit.textEdited.connect(self._clean)
        self.number_edit.textChanged.connect(self._update_ok)
        self.recent_list.currentItemChanged.connect(self._picked)
        self.recent_list.itemDoubleClicked.connect(lambda _item: self.accept())
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

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.number_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))

    def _clean(self, text: str) -> None:
        cleaned = clean_dial_input(text)
        if cleaned != text:
            self.number_edit.setText(cleaned)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.number()))
