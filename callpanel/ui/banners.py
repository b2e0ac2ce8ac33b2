"""In-window bars: the notification banner (when there is no tray) and the non-fatal error bar."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

_NUMBER_SPACES = re.compile(r"(?<=[0-9+]) (?=[0-9])")


class _Bar(QFrame):
    def __init__(self, object_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.label = QLabel(self)
        self.label.setObjectName(object_name + "Text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # may hold a caller's name
        self.label.setWordWrap(True)
        self._text = ""
        self.close_button = QPushButton("✕", self)
        self.close_button.setObjectName(object_name + "Close")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(24)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(10, 4, 4, 4)
        self.row.addWidget(self.label, 1)
        self.close_button.clicked.connect(self.dismiss)
        self.setVisible(False)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        # keep phone numbers ("+7 916 123-45-67") in one piece when the line wraps
        self.label.setText(_NUMBER_SPACES.sub("\u00a0", text))

    def dismiss(self) -> None:
        self.setVisible(False)


class NotificationBanner(_Bar):
    """'Incoming call — Ivan Petrov, +7 916 123-45-67' [Show]; does what a tray balloon would."""

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("NotificationBanner", parent)
        self.call_id: str | None = None
        self.show_button = QPushButton(self.tr("Show"), self)
        self.show_button.setObjectName("NotificationShow")
        self.row.addWidget(self.show_button)
        self.row.addWidget(self.close_button)
        self.show_button.clicked.connect(self.activate)

    def show_message(self, call_id: str, title: str, text: str) -> None:
        self.call_id = call_id
        self.set_text(f"{title} — {text}" if text else title)
        self.setVisible(True)

    def withdraw(self, call_id: str) -> None:
        if self.call_id == call_id:
            self.call_id = None
            self.setVisible(False)

    def activate(self) -> None:
        if self.call_id is not None:
            self.activated.emit(self.call_id)
        self.setVisible(False)


class ErrorBar(_Bar):
    """Errors the operator should read but that do not stop anything (a refused action …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ErrorBar", parent)
        self.row.addWidget(self.close_button)

    def show_error(self, text: str) -> None:
        self.set_text(text)
        self.setVisible(True)
