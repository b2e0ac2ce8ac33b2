"""A phone Asterisk does not know: a red line in the connection bar says so, with Open
settings beside it; it goes away when the phone is right (or the link is down)."""

from __future__ import annotations

from typing import Any

import qasync

from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.store.settings import Settings
from callpanel.ui.statusbar import ConnectionBar

from .test_controller import make_panel


def test_no_such_phone_is_a_red_line_with_open_settings(qtbot: Any) -> None:
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.set_status(ConnectionStatus(LinkState.CONNECTED, server="pbx:5038"))
    assert not bar.phone_problem.isVisible() and not bar.settings_button.isVisible()
    bar.set_status(
        ConnectionStatus(LinkState.CONNECTED, server="pbx:5038", missing_phones=("SIP/999",))
    )
    assert bar.phone_problem.isVisible() and bar.settings_button.isVisible()
    assert bar.phone_problem.text().startswith("No such phone: SIP/999.")
    assert "c92a2a" in bar.phone_problem.styleSheet()  # red
    assert bar.describe() == "Connected to pbx:5038"  # the link itself is fine
    with qtbot.waitSignal(bar.settingsRequested):
        bar.settings_button.click()
    # the settings fixed: the next login finds the phone
    bar.set_status(ConnectionStatus(LinkState.CONNECTING, server="pbx:5038"))
    assert not bar.phone_problem.isVisible()
    bar.set_status(ConnectionStatus(LinkState.CONNECTED, server="pbx:5038"))
    assert not bar.phone_problem.isVisible() and not bar.settings_button.isVisible()


def test_open_settings_from_the_red_line_marks_the_phone_field(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    panel = make_panel(qtbot, settings=Settings(endpoints=("SIP/999",)))
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    manager = panel.bridge.manager
    assert manager is not None
    manager.publish(LinkState.CONNECTED, missing_phones=("SIP/999",))  # type: ignore[attr-defined]
    bar = panel.window.conn_bar
    qtbot.waitUntil(lambda: not bar.phone_problem.isHidden())
    bar.settings_button.click()
    dialog = panel.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.error.text().startswith("No such phone: SIP/999.")
    assert dialog.tabs.widget(dialog.tabs.currentIndex()).isAncestorOf(dialog.endpoints)
    assert dialog.endpoints.property("problem") is True
