"""Icons drawn in code (no image files to ship): a handset on a disc coloured by the link state,
with a red badge counting missed calls."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..asterisk.status import LinkState
from ..centre import AgentState
from .centre_words import AGENT_COLOURS
from .statusbar import STATE_COLORS


def _handset(painter: QPainter, size: float) -> None:
    """A simple telephone handset: two ear/mouth pieces joined by an arc."""
    pen = QPen(QColor("white"), size * 0.11)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    path = QPainterPath()
    rect = QRectF(size * 0.27, size * 0.27, size * 0.46, size * 0.46)
    path.arcMoveTo(rect, 200)
    path.arcTo(rect, 200, -220)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    for angle_center in (QPointF(size * 0.30, size * 0.58), QPointF(size * 0.70, size * 0.58)):
        painter.drawEllipse(angle_center, size * 0.09, size * 0.09)


def panel_pixmap(
    state: LinkState, missed: int = 0, size: int = 64, agent: AgentState | None = None
) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATE_COLORS[state]))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    _handset(painter, size)
    if agent is not None:  # the agent status: a dot at the bottom left (DND: with a bar)
        dot = QRectF(0, size * 0.58, size * 0.42, size * 0.42)
        painter.setBrush(QColor(AGENT_COLOURS[agent]))
        painter.setPen(QPen(QColor("white"), size * 0.04))
        painter.drawEllipse(dot)
        if agent is AgentState.DND:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            bar = QRectF(dot.left() + size * 0.09, dot.center().y() - size * 0.035,
                         size * 0.24, size * 0.07)  # fmt: skip
            painter.drawRect(bar)
    if missed > 0:
        badge = QRectF(size * 0.52, 0, size * 0.48, size * 0.48)
        painter.setBrush(QColor("#e03131"))
        painter.setPen(QPen(QColor("white"), size * 0.04))
        painter.drawEllipse(badge)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.30))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(missed) if missed < 10 else "9+")
    painter.end()
    return pixmap


def panel_icon(state: LinkState, missed: int = 0, agent: AgentState | None = None) -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64):
        icon.addPixmap(panel_pixmap(state, missed, size, agent))
    return icon
