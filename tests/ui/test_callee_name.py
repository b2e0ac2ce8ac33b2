"""A call out from the history or the contacts gives the operator's phone the callee's name
with the number (issue 18: the phone shows whom it is about to call). Live proof on real
Asterisk: tests/live/test_directory.py."""

from __future__ import annotations

from typing import Any

import qasync
from PySide6.QtCore import Qt

from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import Direction, EndReason, RingFinished, RingStarted
from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.directory.lookup import CallerLookup
from callpanel.store.contacts import ContactsStore
from callpanel.store.history import History
from callpanel.ui.directory_glue import DirectoryGlue
from callpanel.ui.history import HistoryPanel, HistoryRow
from callpanel.ui.window import MainWindow

from .conftest import FakeClock
from .fakes import fake_bridge


def test_the_contact_or_the_last_caller_id_goes_with_the_number(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    bridge, client = fake_bridge(clock)
    history = History(":memory:")
    window = MainWindow(bridge, history=HistoryPanel(history), clock=clock)
    qtbot.addWidget(window)
    book = ContactsStore(":memory:", region="RU")
    book.add(Contact("Пётр Сидоров", "Ромашка", (ContactNumber("8 903 111-22-33"),)))
    glue = DirectoryGlue(window, history=history, book=book, region="RU", lookup=CallerLookup([]))
    bridge.start(ConnectionConfig(), ClientConfig())
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    for call_id, number, name in (
        ("m1", "+79161234567", "Ivan Petrov"),  # not in the book: its Caller ID name
        ("m2", "+79031112233", "CALLER ID"),  # in the book: the contact's name wins
    ):
        bridge.store.apply(RingStarted(call_id, Direction.INCOMING, number, name))
        bridge.store.apply(RingFinished(call_id, EndReason.MISSED))
    window.show()
    recent = window.history.list
    qtbot.waitUntil(lambda: recent.count() == 2)
    rows = [recent.itemWidget(recent.item(i)) for i in range(recent.count())]
    for row in rows:
        assert isinstance(row, HistoryRow)
        with qtbot.waitSignal(bridge.actionFinished):
            qtbot.mouseClick(row.call_back, Qt.MouseButton.LeftButton)
    assert client.calls == [("dial", "+79031112233"), ("dial", "+79161234567")]
    assert client.dial_names == ["Пётр Сидоров", "Ivan Petrov"]
    # a number nobody knows: the phone shows the number alone
    with qtbot.waitSignal(bridge.actionFinished):
        window.dial_box.set_number("84997654321")
        qtbot.mouseClick(window.dial_box.call_button, Qt.MouseButton.LeftButton)
    assert client.dial_names[-1] == ""
    glue.shutdown()
