"""The dial box: a number field that cleans pasted numbers, a Call button and a dial pad."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .format import clean_dial_input
from .glyphs import dial_pad_icon
from .keypad import Keypad

MAX_DIAL_LENGTH = 64


class DialBox(QWidget):
    dialRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DialBox")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("DialEdit")
        self.edit.setPlaceholderText(self.tr("Number to call"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(MAX_DIAL_LENGTH)
        self.call_button = QPushButton(self.tr("Call"), self)
        self.call_button.setObjectName("CallButton")
        self.pad_button = QPushButton(self)
        self.pad_button.setIcon(dial_pad_icon())
        self.pad_button.setAccessibleName(self.tr("Dial pad"))
        self.pad_button.setObjectName("PadToggle")
        self.pad_button.setCheckable(True)
        self.pad_button.setToolTip(self.tr("Show the dial pad"))
        self.pad_button.setFixedWidth(36)
        self.keypad = Keypad(self)
        self.keypad.setVisible(False)

        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pad_button)
        row.addWidget(self.call_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.keypad)

        self._allowed = True
        self._why_not = ""
        self.edit.textEdited.connect(self._clean)
        self.edit.textChanged.connect(self._update_button)
        self.edit.returnPressed.connect(self.request_dial)
        self.call_button.clicked.connect(self.request_dial)
        self.pad_button.toggled.connect(self.keypad.setVisible)
        self.keypad.keyPressed.connect(self._key)
        self._update_button()

    def number(self) -> str:
        return clean_dial_input(self.edit.text())

    def set_number(self, number: str) -> None:
        self.edit.setText(clean_dial_input(number))

    def set_dial_allowed(self, allowed: bool, why_not: str = "") -> None:
        """Click-to-call off (not connected, no originate permission) with the reason shown."""
        self._allowed = allowed
        self._why_not = why_not
        self._update_button()

    def focus_number(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def request_dial(self) -> None:
        number = self.number()
        if number and self._allowed:
            self.dialRequested.emit(number)

    def _clean(self, text: str) -> None:
        cleaned = clean_dial_input(text)
        if cleaned != text:
            # keep the cursor where the user expects it: after what they typed or pasted
            cursor = self.edit.cursorPosition()
            removed_before = len(text[:cursor]) - len(clean_dial_input(text[:cursor]))
            self.edit.setText(cleaned)
            self.edit.setCursorPosition(max(0, cursor - removed_before))

    def _key(self, key: str) -> None:
        self.edit.insert(key)

    def _update_button(self) -> None:
        enabled = self._allowed and bool(self.number())
        self.call_button.setEnabled(enabled)
        if not self._allowed:
            self.call_button.setToolTip(self._why_not)
        else:
            self.call_button.setToolTip(self.tr("Call this number (Enter)"))
