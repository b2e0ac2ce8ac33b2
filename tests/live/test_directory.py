"""Who is calling, on a real Asterisk, through the whole panel (controller, window, history,
contacts, lookup) — not the monitor: dialling rules on call-back and dial, and the caller
lookup on a real ringing call (issue 14).

The lab's trunk takes `8XXXXXXXXXX` (`_[78]XXXXXXXXXX` in [internal]) and its callers
arrive as `+7…` — the demo's bug: calling back a missed `+7` caller was refused with
"Extension does not exist". Every wait is qtbot.waitUntil or sipp's exit, with a timeout.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
import qasync
from labkit.lab import Lab
from labkit.sipp import Agent, SippLab
from PySide6.QtCore import Qt, QUrl

from callpanel.asterisk.status import LinkState
from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.store.contacts import ContactsStore
from callpanel.store.history import History
from callpanel.store.settings import Settings
from callpanel.ui.bridge import QtConnector
from callpanel.ui.controller import PanelController
from callpanel.ui.history import HistoryRow
from tests.ui.conftest import aloop, run  # noqa: F401  (the qasync loop fixture)

from .support import TIMEOUT, sip_display, sip_user

# the offscreen platform cannot resize or raise windows (nothing of ours)
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

WAIT = int(TIMEOUT * 1000)
CALLER = "+79161234567"  # what the lab's trunk delivers, as a real carrier does
COMPANY = '"Example Ltd" <74951234567>'  # a caller_id setting


def make_panel(lab: Lab, endpoint: str, **settings: Any) -> PanelController:
    assert lab.ports is not None
    contacts, opener = settings.pop("contacts", None), settings.pop("opener", None)
    return PanelController(
        bridge=QtConnector(),
        settings=Settings(
            host="127.0.0.1",
            port=lab.ports.ami,
            username="callpanel",
            endpoints=(endpoint,),
            ring_sound=False,  # no sound device here
            answer_method_chosen=True,
            **settings,
        ),
        secret=lab.secret,
        history=History(":memory:"),
        contacts=contacts,
        use_tray=False,
        persist=False,
        screen_pop_opener=opener,
    )


@pytest.fixture
def panels(qtbot: Any, aloop: qasync.QEventLoop) -> Iterator[list[PanelController]]:  # noqa: F811
    started: list[PanelController] = []
    yield started
    for panel in started:
        run(qtbot, panel.shutdown(timeout=2), timeout=10_000)
        panel.window.close()
        panel.window.deleteLater()


def start(qtbot: Any, panels: list[PanelController], panel: PanelController) -> PanelController:
    panels.append(panel)
    panel.window.show()
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED, timeout=WAIT)
    return panel


def done(qtbot: Any, agent: Agent) -> None:
    """sipp finished its scenario as written; Qt's loop (the panel) runs meanwhile."""
    qtbot.waitUntil(lambda: agent.process.poll() is not None, timeout=WAIT)
    assert agent.wait() == 0, agent.describe()


def dialled(trunk: Agent) -> str:
    """The user part of the Request-URI the trunk was sent: what the PBX dialled."""
    (invite,) = trunk.received("INVITE")
    return invite.first_line.split("sip:", 1)[1].split("@", 1)[0]


def presented(agent: Agent) -> tuple[str, str]:
    """(number, name) in the From of the INVITE ``agent`` got: what its screen would show."""
    (invite,) = agent.received("INVITE")
    sent = invite.header("From")
    return sip_user(sent), sip_display(sent)


def missed_call(qtbot: Any, sipp: SippLab, panel: PanelController) -> HistoryRow:
    """A +7 caller rings the operator's phone and gives up; the recent list shows it."""
    phone = sipp.phone("101", answer=False)
    caller = sipp.call(number=CALLER, name="Ivan Petrov", cancel_ms=300)
    done(qtbot, caller)
    done(qtbot, phone)
    recent = panel.window.history.list

    def row() -> HistoryRow | None:
        item = recent.item(0)
        widget = recent.itemWidget(item) if item is not None else None
        return widget if isinstance(widget, HistoryRow) else None

    qtbot.waitUntil(lambda: row() is not None, timeout=WAIT)
    found = row()
    assert found is not None
    assert (found.entry.number, found.entry.end_reason) == (CALLER, "missed")
    return found


def test_call_back_of_a_missed_plus7_caller_reaches_the_trunk_as_8(
    qtbot: Any, lab: Lab, sipp: SippLab, endpoint: str, panels: list[PanelController]
) -> None:
    panel = start(
        qtbot,
        panels,
        make_panel(lab, endpoint, region="RU", dial_rules=("+7=8",), caller_id=COMPANY),
    )
    row = missed_call(qtbot, sipp, panel)
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=300)
    qtbot.mouseClick(row.call_back, Qt.MouseButton.LeftButton)  # the operator's click
    done(qtbot, customer)
    done(qtbot, phone)
    assert dialled(customer) == "89161234567"
    # issue 18: the customer sees the company, the operator's phone whom it calls
    assert presented(customer) == ("74951234567", "Example Ltd")
    assert presented(phone) == ("89161234567", "Ivan Petrov")
    assert panel.window.error_bar.isHidden(), panel.window.error_bar.text()
    # the call out is in the history under the number as the operator knows it
    qtbot.waitUntil(lambda: panel.history_store.recent(5)[0].direction == "outgoing",
                    timeout=WAIT)  # fmt: skip
    out = panel.history_store.recent(5)[0]
    assert (out.number, out.end_reason) == ("89161234567", "completed")


def test_without_dialling_rules_the_pbx_refuses_the_plus7_call_back(
    qtbot: Any, lab: Lab, sipp: SippLab, endpoint: str, panels: list[PanelController]
) -> None:
    """The demo's bug, on a real Asterisk: the number dialled as received does not exist in
    the dialplan. The panel says so instead of failing silently."""
    panel = start(qtbot, panels, make_panel(lab, endpoint, region="RU"))
    row = missed_call(qtbot, sipp, panel)
    qtbot.mouseClick(row.call_back, Qt.MouseButton.LeftButton)
    bar = panel.window.error_bar
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=WAIT)
    assert "Extension does not exist" in bar.text(), bar.text()


def test_a_typed_plus7_number_and_a_contact_are_dialled_by_the_rules(
    qtbot: Any, lab: Lab, sipp: SippLab, endpoint: str, panels: list[PanelController]
) -> None:
    book = ContactsStore(":memory:", region="RU")
    book.add(Contact("Пётр", numbers=(ContactNumber("+7 (903) 111-22-33"),)))
    panel = start(
        qtbot,
        panels,
        make_panel(lab, endpoint, region="RU", dial_rules=("+7=8",), contacts=book),
    )
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=200)
    box = panel.window.dial_box
    box.set_number("+7 (495) 765-43-21")
    qtbot.mouseClick(box.call_button, Qt.MouseButton.LeftButton)
    done(qtbot, customer)
    done(qtbot, phone)
    assert dialled(customer) == "84957654321"

    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=200)
    dialog = panel.directory.open_contacts()
    assert dialog is not None
    dialog.search.setText("Пётр")
    qtbot.waitUntil(lambda: dialog.selected() is not None, timeout=WAIT)
    dialog.call_selected()
    done(qtbot, customer)
    done(qtbot, phone)
    assert dialled(customer) == "89031112233"
    # no caller_id setting: the customer sees what the PBX gives the phone; the phone the contact
    assert presented(customer) == ("101", "Operator 101")
    assert presented(phone) == ("89031112233", "Пётр")
    dialog.close()


# --- caller lookup on a real ringing call ------------------------------------------------------


class Crm(BaseHTTPRequestHandler):
    """A CRM's search API on 127.0.0.1: knows one number, answers JSON."""

    known: ClassVar[dict[str, dict[str, object]]] = {
        "+79031112233": {"name": "Мария Кузнецова", "company": "ООО «Вектор»", "id": 4711}
    }
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        phone = parse_qs(urlsplit(self.path).query).get("phone", [""])[0]
        self.asked.append(phone)
        found = self.known.get(phone)
        body = json.dumps(found or {}, ensure_ascii=False).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def crm() -> Iterator[str]:
    Crm.asked.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Crm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/find?phone={{e164}}"
    server.shutdown()
    server.server_close()


def ring_and_reject(qtbot: Any, sipp: SippLab, panel: PanelController, number: str) -> str:
    """A real call from ``number`` rings; returns the card's contact line, then rejects it."""
    phone = sipp.phone("101", answer=False)
    caller = sipp.call(number=number, name="CALLER ID", answer_expected=False)
    cards = panel.window.call_widgets
    qtbot.waitUntil(lambda: len(cards) == 1, timeout=WAIT)
    (card,) = cards.values()
    assert card.name_label.text() == "CALLER ID"  # the Caller ID at once
    qtbot.waitUntil(lambda: not card.contact_label.isHidden(), timeout=WAIT)
    shown = card.contact_label.text()
    qtbot.waitUntil(card.hangup_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(card.hangup_button, Qt.MouseButton.LeftButton)
    done(qtbot, caller)
    done(qtbot, phone)
    qtbot.waitUntil(lambda: not cards, timeout=WAIT)
    return shown


def test_caller_lookup_shows_name_and_company_on_a_real_ringing_call(
    qtbot: Any,
    lab: Lab,
    sipp: SippLab,
    endpoint: str,
    panels: list[PanelController],
    crm: str,
) -> None:
    book = ContactsStore(":memory:", region="RU")
    book.add(Contact("Иван Петров", "Ромашка", (ContactNumber("8 916 123-45-67"),)))
    popped: list[str] = []
    panel = start(
        qtbot,
        panels,
        make_panel(
            lab,
            endpoint,
            region="RU",
            contacts=book,
            lookup_url=crm,
            screen_pop_url="https://crm.example.com/card?id={contact_id}&who={name}",
            opener=lambda url: popped.append(QUrl(url).toString()),
        ),
    )
    # the local book knows this caller (stored as 8 916…, the PBX says +7 916…)
    assert ring_and_reject(qtbot, sipp, panel, CALLER) == "Иван Петров (Ромашка)"
    assert Crm.asked == []  # the book answered; the CRM was not asked
    # the CRM knows this one; the screen pop waited for it and got its id and name
    assert ring_and_reject(qtbot, sipp, panel, "+79031112233") == "Мария Кузнецова (ООО «Вектор»)"
    assert Crm.asked == ["+79031112233"]  # one request for the card and the pop together
    contact = book.find_by_number(CALLER)
    assert contact is not None
    assert popped == [
        f"https://crm.example.com/card?id={contact.id}&who=Иван Петров",
        "https://crm.example.com/card?id=4711&who=Мария Кузнецова",
    ]
    # and the history keeps who it was
    entries = {e.number: e.contact for e in panel.history_store.recent(5)}
    assert entries == {
        CALLER: "Иван Петров (Ромашка)",
        "+79031112233": "Мария Кузнецова (ООО «Вектор»)",
    }
