"""A 12-key telephone keypad used by the dial box (digits) and by call widgets (DTMF).

It takes the keyboard too: with the keypad focused, typing 0-9, * and # presses the keys.
With ``show_sent`` (tones in a call) the digits sent so far are shown above the keys.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
MAX_SHOWN = 32  # the sent line keeps the last digits


class Keypad(QWidget):
    keyPressed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_sent: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("Keypad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sent_label = QLabel(self)
        self.sent_label.setObjectName("KeypadSent")
        self.sent_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sent_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sent_label.setVisible(show_sent)
        self._sent = ""
        self._show_sent = show_sent
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(KEYS):
            button = QPushButton(key, self)
            button.setObjectName("KeypadKey")
            button.setMinimumHeight(30)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keypad itself takes the keys
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(functools.partial(self._pressed, key))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.sent_label)
        layout.addLayout(grid)
        self._update_sent()

    def sent(self) -> str:
        return self._sent

    def clear_sent(self) -> None:
        self._sent = ""
        self._update_sent()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.text()
        if key in self.buttons and self.isEnabled():
            self.buttons[key].animateClick()  # shows the key pressed, then clicks it
            event.accept()
            return
        super().keyPressEvent(event)

    def _pressed(self, key: str) -> None:
        if self._show_sent:
            self._sent = (self._sent + key)[-MAX_SHOWN:]
            self._update_sent()
        self.keyPressed.emit(key)

    def _update_sent(self) -> None:
        self.sent_label.setText(
            self.tr("Sent: %s") % self._sent if self._sent else self.tr("Type or click digits")
        )
