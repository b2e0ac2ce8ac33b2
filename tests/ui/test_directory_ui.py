"""Contacts window, history window, and the lookup on the call card (fake bridge, real stores)."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QObject, QPoint, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import (
    CommutationStarted,
    Direction,
    EndReason,
    RingFinished,
    RingStarted,
)
from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.directory.lookup import BookSource, CallerLookup, LookupResult
from callpanel.store.contacts import ContactsStore
from callpanel.store.history import History
from callpanel.store.settings import Language
from callpanel.ui.bridge import QtConnector
from callpanel.ui.contacts_dialog import ContactsDialog
from callpanel.ui.directory_glue import DirectoryGlue
from callpanel.ui.history import HistoryPanel
from callpanel.ui.history_view import HistoryDialog
from callpanel.ui.i18n import Translations
from callpanel.ui.window import MainWindow

from .conftest import FakeClock
from .fakes import FakeClient, fake_bridge

DATA = Path(__file__).resolve().parents[1] / "data" / "contacts"
LONG = "Константинопольская-Щедрина Александра Вячеславовна"


@pytest.fixture
def book() -> ContactsStore:
    store = ContactsStore(":memory:", region="RU")
    store.add(Contact(LONG, "АО «НПО Энергия»", (ContactNumber("8 916 123-45-67", "mobile"),
                                                  ContactNumber("101", "desk"))))
    store.add(Contact("John Smith", "Acme", (ContactNumber("+442071838750"),)))
    return store


# --- contacts window ---------------------------------------------------------------------------


def test_search_as_you_type_and_call(qtbot: Any, book: ContactsStore) -> None:
    dialog = ContactsDialog(book)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    dialog.search.setText("щедр")
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith(LONG)
    dialog.search.setText("2071")
    assert dialog.selected() is not None and dialog.selected().name == "John Smith"
    with qtbot.waitSignal(dialog.callRequested) as called:
        dialog.call_selected()
    assert called.args == ["+442071838750"]
    dialog.search.setText("щедр")
    dialog.call_selected()  # two numbers: a menu to choose from
    menu = dialog.findChild(QMenu, "ContactNumbersMenu")
    assert menu is not None
    with qtbot.waitSignal(dialog.callRequested) as called:
        menu.actions()[1].trigger()
    assert called.args == ["101"]


def test_add_edit_and_delete(qtbot: Any, book: ContactsStore) -> None:
    dialog = ContactsDialog(book)
    qtbot.addWidget(dialog)
    editor = dialog.edit(None)
    editor.name.setText("Пётр")
    editor.numbers.setPlainText("mobile: 8 (903) 111-22-33\n102")
    editor.accept()
    added = book.find_by_number("+79031112233")
    assert added is not None and [n.label for n in added.numbers] == ["mobile", ""]
    editor = dialog.edit(added)
    editor.numbers.setPlainText("101/102")
    editor.accept()
    assert not editor.error.isHidden() and "/" in editor.error.text()
    editor.reject()
    dialog.search.setText("Пётр")
    dialog.delete_selected()
    assert book.find_by_number("+79031112233") is None


def test_import_reports_skipped_lines(qtbot: Any, book: ContactsStore) -> None:
    dialog = ContactsDialog(book)
    qtbot.addWidget(dialog)
    report = dialog.import_file(DATA / "excel-cp1251.csv")
    assert "Imported 3 contacts from excel-cp1251.csv." in report
    assert "line 4: no usable phone number; skipped" in report
    box = dialog.findChild(QMessageBox, "ImportReport")
    assert box is not None
    box.close()
    assert len(book) == 5


def test_import_report_and_editor_errors_in_russian(
    qtbot: Any, book: ContactsStore, tmp_path: Path
) -> None:
    translations = Translations(QApplication.instance())  # type: ignore[arg-type]
    try:
        translations.install(Language.RU)
        dialog = ContactsDialog(book)
        qtbot.addWidget(dialog)
        report = dialog.import_file(DATA / "excel-cp1251.csv")
        assert "Прочитано в кодировке cp1251." in report
        assert "строка 4: нет пригодного номера телефона; пропущено" in report
        bad = tmp_path / "bad.vcf"
        bad.write_text(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Иван\nTEL:+7 916 abc\nTEL:+79161112233\nEND:VCARD\n"
            "BEGIN:VCARD\nFN:Пётр\nбез двоеточия\nEND:VCARD\nBEGIN:VCARD\nFN:Анна\n",
            encoding="utf-8",
        )
        report = dialog.import_file(bad)
        assert "строка 1: номер пропущен: номер «+7 916 abc»: «a» нельзя набрать" in report
        assert "строка 7: строка 9 не в виде ИМЯ:ЗНАЧЕНИЕ; карточка пропущена" in report
        assert "строка 11: карточка без END:VCARD; пропущена" in report
        assert not {"line", "skipped", "number", "card"} & set(report.split())  # no English
        editor = dialog.edit(None)
        editor.name.setText("Пётр")
        editor.accept()
        assert editor.error.text() == "введите хотя бы один номер"
        editor.name.setText("")
        editor.numbers.setPlainText("101")
        editor.accept()
        assert editor.error.text() == "у контакта должно быть имя или организация"
        editor.reject()
        for box in dialog.findChildren(QMessageBox):
            box.close()
    finally:
        translations.install(Language.EN)


# --- history window ----------------------------------------------------------------------------

NOW = dt.datetime(2026, 12, 1, 15, 0)


def filled_history() -> History:
    h = History(":memory:")
    t = NOW.timestamp()
    h.add(call_id="ok", direction="incoming", number="+79161234567", name="Иван",
          started_at=t - 3600, answered_at=t - 3590, ended_at=t - 3500, end_reason="completed")
    h.add(call_id="anon", direction="incoming", number="anonymous", name="",
          started_at=t - 3000, ended_at=t - 2990, end_reason="missed")
    h.add(call_id="rej", direction="incoming", number="+442071838750", name="Smith",
          started_at=t - 2000, ended_at=t - 1990, end_reason="rejected")
    h.add(call_id="old", direction="outgoing", number="84951234567", name="",
          started_at=t - 86400 * 3, answered_at=t - 86400 * 3 + 5,
          ended_at=t - 86400 * 3 + 50, end_reason="completed")
    return h


def test_history_filters_search_and_pages(qtbot: Any) -> None:
    history = filled_history()
    dialog = HistoryDialog(history, now=lambda: NOW)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 4
    dialog.filter.setCurrentIndex(dialog.filter.findText("Today"))
    assert dialog.table.rowCount() == 3
    dialog.filter.setCurrentIndex(dialog.filter.findText("Missed"))
    assert [e.call_id for e in dialog._entries] == ["anon"]
    dialog.filter.setCurrentIndex(0)
    dialog.search.setText("smith")
    assert [e.call_id for e in dialog._entries] == ["rej"]
    for i in range(150):
        history.add(call_id=f"x{i}", direction="incoming", number="102", name="",
                    started_at=NOW.timestamp() - 10 - i, end_reason="missed")
    dialog.search.setText("")
    assert dialog.table.rowCount() == 100 and not dialog.more_button.isHidden()
    dialog.show_more()
    assert dialog.table.rowCount() == 154 and dialog.more_button.isHidden()


def test_a_long_name_and_origin_stay_on_one_line_cut_with_their_full_text_in_the_tooltip(
    qtbot: Any,
) -> None:
    history = History(":memory:")
    t = NOW.timestamp()
    history.add(call_id="long", direction="incoming", number="+74951234567",
                name=f"{LONG} (ООО «Научно-производственное объединение»)", started_at=t - 60,
                ended_at=t - 30, end_reason="missed", dialled="+74957654321",
                queue="Отдел продаж и обслуживания корпоративных клиентов", waited_s=75)
    dialog = HistoryDialog(history, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.resize(760, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert not table.wordWrap()  # one line a call, never half-words on two
    origin = table.item(0, 4)
    assert origin.toolTip() == origin.text() and "Отдел продаж" in origin.text()
    widest = table.fontMetrics().horizontalAdvance("M" * 14)
    assert table.columnWidth(4) <= widest  # the queue never squeezes the names
    assert table.columnWidth(3) >= table.columnWidth(4)
    assert table.item(0, 3).toolTip().startswith(LONG)


def test_rejected_is_not_answered_and_anonymous_has_no_call_button(qtbot: Any) -> None:
    dialog = HistoryDialog(filled_history(), now=lambda: NOW)
    qtbot.addWidget(dialog)
    texts = {e.call_id: dialog.table.item(i, 1).text() for i, e in enumerate(dialog._entries)}
    assert texts["rej"] == "⊘ Rejected"
    assert texts["ok"] == "↙ Answered"
    row = [e.call_id for e in dialog._entries].index("anon")
    dialog.table.selectRow(row)
    assert dialog.call_button.isHidden()
    dialog.table.selectRow([e.call_id for e in dialog._entries].index("ok"))
    assert not dialog.call_button.isHidden()


def test_note_outcome_copy_and_export(qtbot: Any, tmp_path: Path) -> None:
    history = filled_history()
    dialog = HistoryDialog(history, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([e.call_id for e in dialog._entries].index("ok"))
    dialog.outcome.setCurrentText("Sale")
    dialog.note.setPlainText("два лицензии")
    dialog.save_note()
    saved = history.get("ok")
    assert saved is not None and (saved.outcome, saved.note) == ("Sale", "два лицензии")
    dialog.copy_number()
    assert QApplication.clipboard().text() == "+79161234567"
    assert dialog.export_to(tmp_path / "calls.csv") == 4
    with (tmp_path / "calls.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["outcome"] for r in rows} == {"Sale", ""}


def test_recent_list_hides_call_back_for_withheld_numbers(qtbot: Any) -> None:
    panel = HistoryPanel(filled_history(), now=lambda: NOW)
    qtbot.addWidget(panel)
    rows = {row.entry.call_id: row for row in panel.rows()}
    assert rows["anon"].call_back.isHidden()
    assert rows["anon"].who.text() == "number withheld"  # not Asterisk's raw "anonymous"
    assert not rows["ok"].call_back.isHidden()
    assert rows["rej"].arrow.text() == "⊘"


# --- the card and the lookup -------------------------------------------------------------------


class SlowSource:
    name = "http"

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def lookup(self, number: str) -> LookupResult | None:
        await self.release.wait()
        return LookupResult("CRM Name", "CRM Co", source="http")


@pytest.fixture
def desk(qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
         ) -> tuple[MainWindow, QtConnector, FakeClient, History]:
    bridge, client = fake_bridge(clock)
    history = History(":memory:")
    window = MainWindow(bridge, history=HistoryPanel(history), clock=clock)
    qtbot.addWidget(window)
    bridge.start(ConnectionConfig(), ClientConfig(answer_strategy=AnswerStrategy.PHONE_NOTIFY))
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    window.show()
    qtbot.waitExposed(window)
    return window, bridge, client, history


def test_card_shows_caller_id_at_once_and_the_lookup_when_it_comes(
    qtbot: Any, desk: Any, book: ContactsStore
) -> None:
    window, bridge, _client, history = desk
    slow = SlowSource()
    glue = DirectoryGlue(window, history=history, book=book, region="RU",
                         lookup=CallerLookup([BookSource(book.find_by_number), slow]))
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "CALLER ID"))
    card = window.call_widgets["c1"]  # there at once, with the Caller ID
    assert card.name_label.text() == "CALLER ID"
    qtbot.waitUntil(lambda: card.contact_label.text() == f"{LONG} (АО «НПО Энергия»)")
    bridge.store.apply(RingStarted("c2", Direction.INCOMING, "+442079460000", "Unknown Ltd"))
    card2 = window.call_widgets["c2"]
    assert card2.contact_label.isHidden()  # the CRM has not answered yet; the card is there
    slow.release.set()
    qtbot.waitUntil(lambda: card2.contact_label.text() == "CRM Name (CRM Co)")
    glue.save_note("c1", "Callback\nwants a quote")  # during the call
    bridge.store.apply(CommutationStarted("c1"))
    bridge.store.apply(RingFinished("c1", EndReason.COMPLETED))
    qtbot.waitUntil(lambda: history.get("c1") is not None)
    entry = history.get("c1")
    assert entry is not None
    assert (entry.outcome, entry.note) == ("Callback", "wants a quote")
    assert entry.contact == f"{LONG} (АО «НПО Энергия»)"
    glue.shutdown()


def test_a_failing_lookup_is_quiet_on_screen(qtbot: Any, desk: Any) -> None:
    window, bridge, _client, history = desk

    class Broken:
        name = "ldap"

        async def lookup(self, number: str) -> LookupResult | None:
            raise OSError("unreachable")

    glue = DirectoryGlue(window, history=history, book=None, region="RU",
                         lookup=CallerLookup([Broken()]))
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    assert glue._tasks  # the lookup runs …
    qtbot.waitUntil(lambda: not glue._tasks)  # … and is over
    assert window.call_widgets["c1"].contact_label.isHidden()
    assert window.error_bar.isHidden()


def test_missed_badge_clears_when_the_window_already_has_focus(qtbot: Any, desk: Any) -> None:
    window, bridge, _client, history = desk
    DirectoryGlue(window, history=history, book=None, region="RU", lookup=CallerLookup([]))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    bridge.store.apply(RingStarted("m1", Direction.INCOMING, "+79161234567", "Ivan"))
    bridge.store.apply(RingFinished("m1", EndReason.MISSED))
    qtbot.waitUntil(lambda: window.history.unseen() == 0)
    assert window.history.badge.isHidden()


class LinkedSource:
    name = "http"

    async def lookup(self, number: str) -> LookupResult | None:
        return LookupResult("Ivan Petrov", "Romashka", link="https://crm.example.com/c/42",
                            source="http", contact_id="42")


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_the_card_offers_the_crm_page_of_the_looked_up_contact(qtbot: Any, desk: Any) -> None:
    window, bridge, _client, history = desk
    glue = DirectoryGlue(window, history=history, book=None, region="RU",
                         lookup=CallerLookup([LinkedSource()]))
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "CALLER ID"))
    card = window.call_widgets["c1"]
    qtbot.waitUntil(lambda: card.contact_label.text() == "Ivan Petrov (Romashka)")
    tip = card.contact_label.toolTip()
    assert "from the CRM" in tip and "https://crm.example.com/c/42" in tip
    menu = glue._card_menu(card, "c1", QPoint(1, 1))
    texts = [a.text() for a in menu.actions()]
    assert "Open the contact's page" in texts
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "catch")
    try:
        next(a for a in menu.actions() if a.text() == "Open the contact's page").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    menu.close()
    assert catcher.urls == ["https://crm.example.com/c/42"]
    glue.shutdown()


def test_no_page_is_offered_without_a_link(qtbot: Any, desk: Any, book: ContactsStore) -> None:
    window, bridge, _client, history = desk
    glue = DirectoryGlue(window, history=history, book=book, region="RU",
                         lookup=CallerLookup([BookSource(book.find_by_number)]))
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "CALLER ID"))
    card = window.call_widgets["c1"]
    qtbot.waitUntil(lambda: card.contact_label.isVisible())
    assert "from the address book" in card.contact_label.toolTip()
    menu = glue._card_menu(card, "c1", QPoint(1, 1))
    assert "Open the contact's page" not in [a.text() for a in menu.actions()]
    menu.close()
    assert not glue.open_link("c1")
    glue.shutdown()
