"""The screen pop and a lookup that answers after the call appeared (the whole panel, fake PBX).

A template that needs the contact waits for the CRM/LDAP answer (the same request the card
makes), at most its timeout; a template that needs nothing from the lookup, or a caller the
local book knows, opens at once; a call that ends while the pop waits opens nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import qasync
from PySide6.QtCore import QUrl

from callpanel.asterisk.status import LinkState
from callpanel.calls.events import Direction, EndReason, RingFinished, RingStarted
from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.directory.lookup import BookSource, CallerLookup, LookupResult
from callpanel.store.contacts import ContactsStore
from callpanel.store.settings import Settings
from callpanel.ui.controller import PanelController

from .test_controller import make_panel

POP = "https://crm.example.com/pop?id={contact_id}&who={name}&co={company}&n={number}"


class Crm:
    """A CRM that answers when the test says so (or never), counting the questions."""

    name = "http"

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.asked: list[str] = []

    async def lookup(self, number: str) -> LookupResult | None:
        self.asked.append(number)
        await self.release.wait()
        return LookupResult("Мария Сергеевна Кузнецова-Оболенская", "ООО «Вектор»",
                            source="http", contact_id="C-42")  # fmt: skip


def panel_with(
    qtbot: Any, template: str, crm: Crm, book: ContactsStore | None = None, wait: float = 1.5
) -> tuple[PanelController, list[str]]:
    opened: list[str] = []
    panel = make_panel(
        qtbot,
        settings=Settings(screen_pop_url=template, region="RU"),
        contacts=book,
        screen_pop_opener=lambda url: opened.append(bytes(QUrl(url).toEncoded().data()).decode()),
    )
    sources = ([BookSource(book.find_by_number)] if book is not None else []) + [crm]
    panel.caller_lookup = CallerLookup(sources)  # type: ignore[list-item]
    panel.directory.lookup = panel.caller_lookup
    panel.window.screen_pop.wait = wait
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    return panel, opened


def ring(panel: PanelController, call_id: str = "c1", number: str = "+79161234567") -> None:
    panel.bridge.store.apply(RingStarted(call_id, Direction.INCOMING, number, "CALLER ID"))


def test_a_pop_that_needs_the_contact_waits_for_the_crm(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    crm = Crm()
    panel, opened = panel_with(qtbot, POP, crm)
    ring(panel)
    card = panel.window.call_widgets["c1"]
    assert card.name_label.text() == "CALLER ID"  # the card is there at once
    assert opened == [] and panel.window.screen_pop.waiting == 1
    crm.release.set()
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened[0] == (
        "https://crm.example.com/pop?id=C-42"
        "&who=%D0%9C%D0%B0%D1%80%D0%B8%D1%8F%20%D0%A1%D0%B5%D1%80%D0%B3%D0%B5%D0%B5%D0%B2%D0%BD"
        "%D0%B0%20%D0%9A%D1%83%D0%B7%D0%BD%D0%B5%D1%86%D0%BE%D0%B2%D0%B0-%D0%9E%D0%B1%D0%BE%D0%BB"
        "%D0%B5%D0%BD%D1%81%D0%BA%D0%B0%D1%8F&co=%D0%9E%D0%9E%D0%9E%20%C2%AB%D0%92%D0%B5%D0%BA"
        "%D1%82%D0%BE%D1%80%C2%BB&n=%2B79161234567"
    )
    qtbot.waitUntil(lambda: "ООО «Вектор»" in card.contact_label.text())
    assert crm.asked == ["+79161234567"]  # the card and the pop shared one request


def test_a_crm_that_does_not_answer_delays_the_pop_only_up_to_its_timeout(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    crm = Crm()  # never released
    panel, opened = panel_with(qtbot, POP, crm, wait=0.2)
    ring(panel)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=3000)
    assert opened == [
        "https://crm.example.com/pop?id=&who=CALLER%20ID&co=&n=%2B79161234567"
    ]  # the Caller ID name, empty contact fields


def test_a_pop_that_needs_nothing_from_the_lookup_opens_at_once(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    crm = Crm()
    panel, opened = panel_with(qtbot, "https://crm.example.com/pop?phone={e164}", crm)
    ring(panel, number="89161234567")
    assert opened == ["https://crm.example.com/pop?phone=%2B79161234567"]
    assert panel.window.screen_pop.waiting == 0


def test_a_caller_in_the_local_book_opens_at_once_with_the_book_fields(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    book = ContactsStore(":memory:", region="RU")
    book.add(Contact("Иван Петров", "Ромашка", (ContactNumber("8 916 123-45-67"),)))
    contact = book.find_by_number("+79161234567")
    assert contact is not None
    crm = Crm()
    panel, opened = panel_with(qtbot, POP, crm, book=book)
    ring(panel)
    assert opened == [
        f"https://crm.example.com/pop?id={contact.id}"
        "&who=%D0%98%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2"
        "&co=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0&n=%2B79161234567"
    ]
    assert crm.asked == []  # the book knew: no CRM question at all


def test_a_call_that_ends_while_the_pop_waits_opens_nothing(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    crm = Crm()
    panel, opened = panel_with(qtbot, POP, crm)
    ring(panel)
    panel.bridge.store.apply(RingFinished("c1", EndReason.MISSED))
    crm.release.set()
    qtbot.waitUntil(lambda: panel.window.screen_pop.waiting == 0)
    assert opened == []


def test_a_withheld_number_pops_at_once_without_a_lookup(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    crm = Crm()
    panel, opened = panel_with(qtbot, POP, crm)
    ring(panel, number="anonymous")
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened == ["https://crm.example.com/pop?id=&who=CALLER%20ID&co=&n=anonymous"]
    assert crm.asked == []
