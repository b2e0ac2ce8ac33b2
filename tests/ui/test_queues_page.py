"""The settings dialog's Queues page (issue 13): the operator's queue interface and member
name for QueueAdd, and the pause reasons; each checked in words, nothing else lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from callpanel.store.settings import Language, Settings, to_centre_config
from callpanel.ui.i18n import Translations
from callpanel.ui.queues_panel import DEFAULT_REASONS, PauseReasons, shown_reasons

from .test_settings_dialog import dialog


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    tr = Translations(qapp)
    yield tr
    tr.install(Language.EN)


def saved(d: Any) -> list[Settings]:
    out: list[Settings] = []
    d.settingsAccepted.connect(lambda s, _secret: out.append(s))
    d.accept()
    return out


def test_the_queue_interface_and_name_reach_queue_add(qtbot: Any) -> None:
    d = dialog(qtbot, Settings(endpoints=("SIP/101",)))
    page = d.queues
    assert d.tabs.tabText(d.tabs.count() - 1) == "Queues"
    assert page.interface.text() == "" and page.member_name.text() == ""
    page.interface.setText(" Local/101@from-queue/n ")
    page.member_name.setText("Мария Соколова")
    page.reasons.setPlainText("Обед\n\nПерерыв\nОбед\n")
    (settings,) = saved(d)
    assert settings.queue_interface == "Local/101@from-queue/n"
    assert settings.agent_name == "Мария Соколова"
    assert settings.pause_reasons == ("Обед", "Перерыв")
    centre = to_centre_config(settings)
    assert centre.queue_interface == "Local/101@from-queue/n"
    assert centre.member_name == "Мария Соколова"
    again = dialog(qtbot, settings).queues  # shown again as saved
    assert again.interface.text() == "Local/101@from-queue/n"
    assert again.reasons.toPlainText() == "Обед\nПерерыв"


@pytest.mark.parametrize(
    ("field", "text", "said"),
    [
        ("interface", "SIP/101&SIP/102", "Queue interface"),
        ("interface", "101", "Queue interface"),
        ("member_name", "Ivan\u2028Petrov", "Member name"),
        ("reasons", "Lunch\nBreak\u0007", "Pause reasons: line 2"),
        ("reasons", "Lunch\n" + "я" * 40, "Pause reasons: line 2"),  # 80 bytes > 79
        ("reasons", "\n".join(f"r{i}" for i in range(21)), "at most 20 reasons"),
    ],
)
def test_bad_input_is_refused_in_words_and_kept(
    qtbot: Any, field: str, text: str, said: str
) -> None:
    d = dialog(qtbot, Settings(endpoints=("SIP/101",)))
    widget = getattr(d.queues, field)
    if field == "reasons":
        widget.setPlainText(text)
    else:
        widget.setText(text)
    assert saved(d) == []  # nothing saved, the dialog stays open
    assert d.error.isVisibleTo(d) and said in d.error.text()
    typed = widget.toPlainText() if field == "reasons" else widget.text()
    assert typed == text  # what was typed is still there to correct


def test_saving_the_dialog_keeps_what_it_does_not_show(qtbot: Any) -> None:
    """The dialog used to build Settings from its fields alone: saving it reset the pause
    reasons edited in the queue panel and the first-run answer choice."""
    settings = Settings(endpoints=("SIP/101",), answer_method_chosen=True,
                        pause_reasons=("Обед",), queue_interface="SIP/101")
    d = dialog(qtbot, settings)
    d.host.setText("pbx2.example.com")
    (new,) = saved(d)
    assert new.host == "pbx2.example.com"
    assert new.answer_method_chosen is True
    assert new.pause_reasons == ("Обед",) and new.queue_interface == "SIP/101"


def test_the_stock_reasons_follow_the_language(qtbot: Any, translations: Translations) -> None:
    assert shown_reasons(DEFAULT_REASONS) == DEFAULT_REASONS
    translations.install(Language.RU)
    assert shown_reasons(DEFAULT_REASONS)[0] == "Обед"
    assert shown_reasons(()) == shown_reasons(DEFAULT_REASONS)
    assert PauseReasons(("Свой",)).items == ("Свой",)  # an edited list is the operator's
    d = dialog(qtbot, Settings(endpoints=("SIP/101",)))
    assert d.queues.reasons.toPlainText().splitlines()[0] == "Обед"
    assert d.tabs.tabText(d.tabs.count() - 1) == "Очереди"
    assert d.queues.interface.placeholderText() == "Ваш телефон, например SIP/101"
    (unchanged,) = saved(d)
    assert unchanged.pause_reasons == DEFAULT_REASONS  # stays the stock list, any language
    d = dialog(qtbot, Settings(endpoints=("SIP/101",)))
    d.queues.interface.setText("SIP 101")
    assert saved(d) == []
    assert d.error.text().startswith("Исправьте Интерфейс в очереди: ")
