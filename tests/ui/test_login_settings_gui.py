"""Issue 11 items 1 and 13 in the GUI: plain-text login is a setting shown as insecure, and a
setting that makes every login impossible opens the settings with that field marked."""

from __future__ import annotations

from typing import Any

import qasync

from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.store.secrets import KeyringStatus
from callpanel.store.settings import Settings
from callpanel.ui.settings_dialog import SettingsDialog
from callpanel.ui.statusbar import ConnectionBar

from .test_controller import make_panel


def test_the_plain_login_setting_round_trips_with_its_warning(qtbot: Any) -> None:
    dialog = SettingsDialog(
        Settings(), keyring=KeyringStatus(True, "test"), has_secret=True, spawn=lambda *a, **k: None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.plain_login.isChecked() and not dialog.plain_warning.isVisible()
    dialog.plain_login.setChecked(True)
    assert dialog.plain_warning.isVisible()
    assert dialog.collect().plain_login is True


def test_the_status_bar_shows_plain_login_as_insecure(qtbot: Any) -> None:
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.set_status(ConnectionStatus(LinkState.CONNECTED, server="pbx:5038", plain_login=True))
    assert "plain-text login allowed" in bar.describe()
    bar.set_status(
        ConnectionStatus(LinkState.AUTH_FAILED, server="pbx:5038", error="x", setting="plain_login")
    )
    assert "refused MD5 login" in bar.describe()
    assert "wrong user name or password" not in bar.describe()


def test_a_configuration_error_opens_the_settings_with_the_field_marked(
    qtbot: Any, aloop: qasync.QEventLoop
) -> None:
    panel = make_panel(qtbot)
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    manager = panel.bridge.manager
    assert manager is not None
    manager.publish(LinkState.AUTH_FAILED, error="the CA file cannot be read", setting="cafile")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.settings_dialog is not None)
    dialog = panel.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.error.isVisible() and "CA file" in dialog.error.text()
    assert dialog.cafile.property("problem") is True
    assert dialog.tabs.currentIndex() == 0
