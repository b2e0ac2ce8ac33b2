"""The panel's small button icons, drawn in code in one style (round dots and 1.6 px strokes
in the text colour, on a 20-unit grid) so that every button icon matches, at any scale.
The application icon is resources/icons/callpanel.svg."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
INK = "#495057"
INK_DISABLED = "#adb5bd"

Draw = Callable[[QPainter], None]


def _dial_pad(painter: QPainter) -> None:
    """Twelve keys: the dial pad of the dial box."""
    color = painter.pen().color()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    for row in range(4):
        for col in range(3):
            painter.drawEllipse(QPointF(5 + col * 5, 3.5 + row * 4.4), 1.5, 1.5)


def _tones(painter: QPainter) -> None:
    """Keys with a sound wave: tones (DTMF) sent into a call."""
    color = painter.pen().color()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    for row in range(3):
        for col in range(2):
            painter.drawEllipse(QPointF(3.5 + col * 4.5, 5 + row * 5), 1.4, 1.4)
    pen = QPen(color, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for radius in (3.0, 6.0):
        box = QRectF(12 - radius, 10 - radius, 2 * radius, 2 * radius)
        painter.drawArc(box, -50 * 16, 100 * 16)


def _menu(painter: QPainter) -> None:
    """Three lines: the panel's menu (settings, help, about)."""
    pen = QPen(painter.pen().color(), 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for y in (5.0, 10.0, 15.0):
        painter.drawLine(QPointF(4, y), QPointF(16, y))


def _close(painter: QPainter) -> None:
    pen = QPen(painter.pen().color(), 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(6, 6), QPointF(14, 14))
    painter.drawLine(QPointF(14, 6), QPointF(6, 14))


def _pixmap(draw: Draw, size: int, color: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 20, size / 20)
    painter.setPen(QPen(QColor(color), 1.6))
    draw(painter)
    painter.end()
    return pixmap


def _icon(draw: Draw) -> QIcon:
    icon = QIcon()
    for size in (16, 20, 32, 40, 64):
        icon.addPixmap(_pixmap(draw, size, INK), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(draw, size, INK_DISABLED), QIcon.Mode.Disabled)
    return icon


def dial_pad_icon() -> QIcon:
    return _icon(_dial_pad)


def tones_icon() -> QIcon:
    return _icon(_tones)


def menu_icon() -> QIcon:
    return _icon(_menu)


def close_icon() -> QIcon:
    return _icon(_close)


def app_icon() -> QIcon:
    """The window and application icon (the SVG; the PNGs where SVG cannot be read)."""
    icon = QIcon()
    svg = ICONS_DIR / "callpanel.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    for size in (64, 128, 256):
        png = ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / "callpanel.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon
