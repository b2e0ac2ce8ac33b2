"""The transfer window says what an outside number will see when the PBX's transfer context
does not set our caller ID (issue 18; the dialplan lines: packaging/asterisk, [panel-transfer])."""

from __future__ import annotations

from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt

from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import PermissionDenied
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CommutationStarted, Direction, RingStarted
from callpanel.ui.transfer import TransferDialog
from callpanel.ui.window import MainWindow

from .conftest import FakeClock
from .fakes import FakeClient, fake_bridge


class ReadingClient(FakeClient):
    """A client that read the transfer context: ``found`` is what ShowDialPlan told."""

    def __init__(self, found: bool | Exception | None) -> None:
        super().__init__()
        self.found = found
        self.asked = 0

    async def transfer_lines_present(self) -> bool | None:
        self.asked += 1
        if isinstance(self.found, Exception):
            raise self.found
        return self.found


def _open_transfer(
    qtbot: Any, clock: FakeClock, client: FakeClient, caller_id: str | None = None
) -> TransferDialog:
    bridge, _ = fake_bridge(clock, client)
    window = MainWindow(bridge, clock=clock)
    qtbot.addWidget(window)
    bridge.start(ConnectionConfig(), ClientConfig(caller_id=caller_id))
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    if isinstance(client, ReadingClient):
        qtbot.waitUntil(lambda: client.asked == 1)
        qtbot.waitUntil(lambda: not bridge.tasks)
    bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan Petrov"))
    bridge.store.apply(CommutationStarted("c1"))
    qtbot.mouseClick(window.call_widgets["c1"].transfer_button, Qt.MouseButton.LeftButton)
    dialog = window.transfer_dialog
    assert dialog is not None
    return dialog


def test_blind_transfer_to_an_outside_number_warns_with_the_callers_number(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    dialog = _open_transfer(qtbot, clock, ReadingClient(False))
    assert not dialog.caller_id_note.isVisibleTo(dialog)  # nothing typed yet
    qtbot.keyClicks(dialog.number_edit, "74997654321")
    assert dialog.caller_id_note.isVisibleTo(dialog)
    text = dialog.caller_id_note.text()
    assert "+7 916 123-45-67, the caller's own number, not ours" in text
    assert "[panel-transfer]" in text
    dialog.number_edit.setText("102")  # a colleague sees the customer: that is wanted
    assert not dialog.caller_id_note.isVisibleTo(dialog)


def test_attended_transfer_needs_no_warning(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    """The consultation call is the operator's own: it presents the phone (or caller_id)."""
    dialog = _open_transfer(qtbot, clock, ReadingClient(False), '"Example Ltd" <74951234567>')
    dialog.number_edit.setText("74997654321")
    assert dialog.caller_id_note.isVisibleTo(dialog)
    dialog.attended_radio.setChecked(True)
    assert not dialog.caller_id_note.isVisibleTo(dialog)


@pytest.mark.parametrize(
    "found", [True, None, PermissionDenied("ShowDialPlan", "Permission denied")]
)
def test_no_warning_when_the_lines_are_there_or_nobody_knows(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock, found: bool | Exception | None
) -> None:
    dialog = _open_transfer(qtbot, clock, ReadingClient(found))
    dialog.number_edit.setText("74997654321")
    assert dialog.caller_id_note.text() == ""
    assert not dialog.caller_id_note.isVisibleTo(dialog)


def test_a_client_that_cannot_read_the_dialplan_shows_no_warning(
    qtbot: Any, aloop: qasync.QEventLoop, clock: FakeClock
) -> None:
    dialog = _open_transfer(qtbot, clock, FakeClient())  # e.g. through the hub
    dialog.number_edit.setText("74997654321")
    assert not dialog.caller_id_note.isVisibleTo(dialog)
