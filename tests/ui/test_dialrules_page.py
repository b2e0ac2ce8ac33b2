from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from callpanel.store.settings import Language, Settings
from callpanel.ui.i18n import Translations
from tests.ui.test_settings_dialog import dialog


def test_dialling_rules_round_trip_through_the_dialog(qtbot: Any) -> None:
    settings = Settings(
        region="RU", dial_rules=("+7=8", "+=810"), outside_prefix="9", internal_max_digits=5,
        lookup_url="https://crm.example.com/api?phone={e164}", ldap_url="ldaps://dc.example.com",
        ldap_base="dc=example,dc=com", ldap_bind_dn="cn=reader,dc=example,dc=com",
        history_days=30,
    )
    assert dialog(qtbot, settings).collect() == settings


def test_live_preview_follows_what_is_typed(qtbot: Any) -> None:
    d = dialog(qtbot, Settings(region="RU"))
    page = d.dialling
    assert page.preview.text() == "+7 916 123-45-67 will be dialled as +79161234567"
    page.rules.setPlainText("+7=8")
    assert page.preview.text() == "+7 916 123-45-67 will be dialled as 89161234567"
    page.outside_prefix.setText("9")
    assert page.preview.text().endswith("as 989161234567")
    page.sample.setText("101")
    assert page.preview.text() == "101 will be dialled as 101"


def test_preview_names_a_bad_rule_or_number(qtbot: Any) -> None:
    d = dialog(qtbot, Settings(region="RU"))
    page = d.dialling
    page.rules.setPlainText("+7=8&")
    assert "replacement" in page.preview.text()
    page.rules.setPlainText("+7=8")
    page.sample.setText("101/102")
    assert "101/102" in page.preview.text()
    page.sample.setText("101")
    page.region.setText("XX")
    assert "unknown region" in page.preview.text()


def test_a_bad_rule_is_refused_on_save_naming_the_field(qtbot: Any) -> None:
    d = dialog(qtbot, Settings())
    d.dialling.rules.setPlainText("7&=8")
    d.accept()
    assert not d.error.isHidden()
    assert "dial_rules" in d.error.text()


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    tr = Translations(qapp)
    tr.install(Language.RU)
    yield
    tr.install(Language.EN)


def test_preview_speaks_russian_about_bad_rules_too(qtbot: Any, russian: None) -> None:
    page = dialog(qtbot, Settings(region="RU")).dialling
    page.rules.setPlainText("+7=8&")
    assert page.preview.text() == (
        "замена «8&» в правиле должна состоять из цифр, * или #, с необязательным +"
    )
    page.rules.setPlainText("+7 8")
    assert "ПРЕФИКС=ЗАМЕНА" in page.preview.text() and "«+7 8»" in page.preview.text()
    page.rules.setPlainText("+7=8")
    page.outside_prefix.setText("9a")
    assert "префикс выхода в город «9a»" in page.preview.text()
    page.outside_prefix.setText("")
    page.sample.setText("101/102")
    text = page.preview.text()
    assert text.startswith("101/102: ") and "нельзя набрать" in text
    page.sample.setText("101")
    page.region.setText("XX")
    assert page.preview.text() == (
        "неизвестный регион «XX»: укажите двухбуквенный код страны, например RU"
    )
