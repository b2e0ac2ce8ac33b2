from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from callpanel.calls.events import CallState
from callpanel.store.settings import Language
from callpanel.ui.banners import NotificationBanner
from callpanel.ui.callwidget import CallWidget
from callpanel.ui.i18n import TRANSLATIONS_DIR, Translations, language_code

from .conftest import FakeClock, make_call


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    tr = Translations(qapp)
    yield tr
    tr.install(Language.EN)


def test_russian_qm_loads_and_translates(translations: Translations) -> None:
    assert (TRANSLATIONS_DIR / "callpanel_ru.qm").is_file()
    assert translations.install(Language.RU) == "ru"
    assert QCoreApplication.translate("CallState", "Talking") == "Разговор"
    assert QCoreApplication.translate("CallState", "Incoming call ringing") == "Входящий звонок"
    assert translations.install(Language.EN) == "en"
    assert QCoreApplication.translate("CallState", "Talking") == "Talking"


def test_widgets_built_in_russian(qtbot: Any, translations: Translations, clock: FakeClock) -> None:
    translations.install(Language.RU)
    widget = CallWidget(make_call(state=CallState.RINGING), offered=frozenset(), clock=clock)
    qtbot.addWidget(widget)
    assert widget.answer_button.text() == "Ответить"
    assert widget.state_label.text() == "Входящий звонок"
    assert widget.hangup_button.toolTip() == "Настройки панели этого не позволяют"
    banner = NotificationBanner()
    qtbot.addWidget(banner)
    # a string of the base class (_Bar) is found for the subclass too
    assert banner.close_button.toolTip() == "Закрыть"


def test_system_locale_decides() -> None:
    assert language_code(Language.SYSTEM, QLocale("ru_RU")) == "ru"
    assert language_code(Language.SYSTEM, QLocale("de_DE")) == "en"
    assert language_code(Language.RU) == "ru"


def test_every_string_has_a_russian_translation() -> None:
    root = ET.parse(TRANSLATIONS_DIR / "callpanel_ru.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, message.findtext("source")
        source = message.findtext("source") or ""
        text = translation.text or ""
        assert text, source
        # placeholders must survive translation
        for placeholder in ("%s", "%d"):
            assert source.count(placeholder) == text.count(placeholder), source


def test_a_withheld_number_reads_in_the_users_language(translations: Translations) -> None:
    from callpanel.ui.format import caller_line, format_number

    translations.install(Language.RU)
    assert format_number("anonymous") == "номер скрыт"
    assert caller_line("", "Restricted") == "номер скрыт"
    assert format_number("101") == "101"
    translations.install(Language.EN)
    assert format_number("anonymous") == "number withheld"
