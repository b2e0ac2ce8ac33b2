"""No settings page is cut at the right: at QT_SCALE_FACTOR=2 a 1366x768 laptop screen has
683x384 logical pixels, and the Russian labels are long. Every page, in both languages, must
fit the dialog at that size (its rows wrap, its combo boxes elide) and scroll vertically."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from callpanel.store.secrets import KeyringStatus
from callpanel.store.settings import Language, Settings
from callpanel.ui.i18n import Translations
from callpanel.ui.settings_dialog import SettingsDialog
from callpanel.ui.style import STYLE

# the Alerts page lists sound devices: QtMultimedia says there are none here
QUIET = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve)", r"PulseAudio", r"multimedia", r"This plugin does not support"
)

LAPTOP_AT_2X = (1366 // 2, 768 // 2)  # logical pixels
FRAME = 12  # a window manager's borders, a little more than most draw


@pytest.fixture(params=[Language.EN, Language.RU])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    translations = Translations(qapp)
    translations.install(request.param)
    yield request.param
    translations.install(Language.EN)


def dialog(qtbot: Any) -> SettingsDialog:
    long_name = Settings(caller_id="Константинопольский Александр Владимирович <101>")
    box = SettingsDialog(
        long_name, keyring=KeyringStatus(True, "test"), has_secret=True, spawn=lambda *a, **k: None
    )
    box.setStyleSheet(STYLE)
    qtbot.addWidget(box)
    return box


@QUIET
def test_every_page_fits_a_laptop_screen_at_2x(qtbot: Any, language: Language) -> None:
    box = dialog(qtbot)
    box.show()
    width, height = LAPTOP_AT_2X[0] - FRAME, LAPTOP_AT_2X[1] - FRAME - 24  # and a title bar
    assert box.minimumSizeHint().width() <= width and box.minimumWidth() <= width
    box.resize(width, height)
    qtbot.waitUntil(lambda: box.width() == width)
    for index in range(box.tabs.count()):
        box.tabs.setCurrentIndex(index)
        area = box.tabs.currentWidget()
        assert isinstance(area, QScrollArea)
        page = box.page(index)
        assert page is not None
        QApplication.processEvents()
        name = box.tabs.tabText(index)
        # nothing wider than what is shown: the horizontal scroll bar is off, so it would be cut
        assert page.minimumSizeHint().width() <= area.viewport().width(), name
        assert page.width() <= area.viewport().width(), name
    assert box.tabs.tabBar().width() <= box.tabs.width()


@QUIET
def test_a_wide_screen_shows_the_widest_page_on_one_line(qtbot: Any, language: Language) -> None:
    box = dialog(qtbot)
    box.show()
    qtbot.waitUntil(box.isVisible)
    screen = box.screen()
    assert screen is not None
    assert box.width() <= screen.availableGeometry().width()
    area = box.tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    widest = max(box.page(i).sizeHint().width() for i in range(box.tabs.count()))  # type: ignore[union-attr]
    assert widest <= area.viewport().width()
