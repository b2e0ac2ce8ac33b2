"""A one-line plain-text label that never widens its layout: a text longer than the room it
gets is cut with "…" and the full text is in its tooltip (long names, SIP URIs).

Right-to-left text (an Arabic or Hebrew name) is laid out right-to-left (so it reads right and
is cut at its own end), placed on the left like the other lines.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .format import is_right_to_left

MIN_CHARS = 6  # the label may shrink to about this many characters


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names come from strangers
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._extra_tip = ""
        self.set_full_text(text)

    def text(self) -> str:
        """The whole text (what was set); ``shown_text()`` is what fits."""
        return self._full

    def setText(self, text: str) -> None:
        self.set_full_text(text)

    def shown_text(self) -> str:
        return super().text()

    def set_full_text(self, text: str, tooltip: str = "") -> None:
        """``tooltip`` is shown after the full text (e.g. the raw number)."""
        text = " ".join(text.split())  # one line: a name with a line break stays one line
        if text == self._full and tooltip == self._extra_tip:
            return
        self._full = text
        self._extra_tip = tooltip
        rtl = is_right_to_left(text)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        # read right to left, but placed like every other line of the card (on the left)
        align = Qt.AlignmentFlag
        self.setAlignment(align.AlignLeft | align.AlignAbsolute | align.AlignVCenter)
        self.setAccessibleName(text)
        self._elide()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._full) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * MIN_CHARS, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
        tips = [t for t in (self._full if shown != self._full else "", self._extra_tip) if t]
        self.setToolTip("\n".join(dict.fromkeys(tips)))
