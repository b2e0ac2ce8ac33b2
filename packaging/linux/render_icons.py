"""Render the hand-drawn SVG icons to the PNG sizes desktops want (hicolor theme layout).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/render_icons.py [--check]

Writes ``resources/icons/hicolor/<n>x<n>/apps/callpanel.png`` for 64, 128 and 256 px, and a
preview of each tray icon at 64 px (``resources/icons/preview/``). ``--check`` only verifies
that every PNG exists with the right size. Uses PySide6's QtSvg (part of PySide6-Essentials).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
APP_SIZES = (64, 128, 256)
TRAY_ICONS = ("callpanel-connected", "callpanel-disconnected", "callpanel-missed")


def app_png(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "callpanel.png"


def preview_png(name: str) -> Path:
    return ICONS / "preview" / f"{name}-64.png"


def targets() -> list[tuple[Path, Path, int]]:
    """(svg, png, size) for every PNG we ship."""
    out = [(ICONS / "callpanel.svg", app_png(size), size) for size in APP_SIZES]
    out += [(ICONS / f"{name}.svg", preview_png(name), 64) for name in TRAY_ICONS]
    return out


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no image library needed)."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def render(svg: Path, png: Path, size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png), "PNG"):
        raise SystemExit(f"{png}: could not write")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        bad = [
            str(png)
            for _svg, png, size in targets()
            if not png.exists() or png_size(png) != (size, size)
        ]
        for path in bad:
            print(f"missing or wrong size: {path}", file=sys.stderr)
        return 1 if bad else 0
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])
    for svg, png, size in targets():
        render(svg, png, size)
        print(f"{png.relative_to(ROOT)} ({size}px)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
