"""The assembled panel with a fake connector: notifications chain, tray look, outside links,
settings applied (saved, language switched)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtGui import QColor

from callpanel.asterisk.status import LinkState
from callpanel.calls.events import Direction, RingStarted
from callpanel.store.settings import Language, Settings, SettingsStore
from callpanel.ui.bridge import QtConnector
from callpanel.ui.controller import PanelController
from callpanel.ui.desktop_notify import DesktopNotifier
from callpanel.ui.i18n import Translations
from callpanel.ui.icons import panel_pixmap
from callpanel.ui.notify import BannerNotifier, NotificationChain, TrayNotifier
from callpanel.ui.statusbar import STATE_COLORS

from .conftest import run
from .fakes import FakeClient, fake_connector


def make_panel(qtbot: Any, **kw: Any) -> PanelController:
    bridge = QtConnector(connector=fake_connector(FakeClient(frozenset())))
    panel = PanelController(
        bridge=bridge,
        # the first-run question (how calls are answered) only where a test asks for it
        settings=kw.pop("settings", Settings()).replace(
            answer_method_chosen=not kw.pop("first_run", False)
        ),
        secret=kw.pop("secret", "s3cret"),
        use_tray=kw.pop("use_tray", False),
        **kw,
    )
    qtbot.addWidget(panel.window)
    return panel


@pytest.fixture
def panel(qtbot: Any, aloop: qasync.QEventLoop) -> PanelController:
    p = make_panel(qtbot)
    p.start()
    qtbot.waitUntil(lambda: p.bridge.status.state is LinkState.CONNECTED)
    return p


def test_without_tray_the_banner_notifies(panel: PanelController) -> None:
    chain = panel.window.notifications
    # the desktop's service first; none answered here (no session bus), so the banner shows
    assert [type(n) for n in chain._notifiers] == [DesktopNotifier, BannerNotifier]
    panel.bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    assert panel.window.banner.isVisibleTo(panel.window)


# Creating a tray icon where there is no tray (forced here) makes Qt warn about it.
@pytest.mark.qt_log_ignore(r"systemTrayWindowChanged", r"This plugin does not support")
def test_chain_falls_back_when_tray_cannot_show(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    panel = make_panel(qtbot, use_tray=True)
    chain: NotificationChain = panel.window.notifications
    assert [type(n) for n in chain._notifiers] == [DesktopNotifier, TrayNotifier, BannerNotifier]
    used = chain.notify("c9", "Incoming call", "Ivan")
    # offscreen has no system tray, so the tray icon is not visible and the banner takes it
    assert isinstance(used, BannerNotifier)
    assert panel.window.banner.text() == "Incoming call — Ivan"
    assert panel.window.hide_to_tray
    assert panel.tray is not None
    panel.tray.dispose()


def test_notifications_can_be_switched_off(panel: PanelController) -> None:
    panel.window.notifications.enabled = False
    panel.bridge.store.apply(RingStarted("c1", Direction.INCOMING, "1", ""))
    assert not panel.window.banner.isVisibleTo(panel.window)


def test_tray_icon_shows_state_and_missed(qapp: Any) -> None:
    connected = panel_pixmap(LinkState.CONNECTED, 0, 64).toImage()
    failed = panel_pixmap(LinkState.AUTH_FAILED, 0, 64).toImage()
    missed = panel_pixmap(LinkState.CONNECTED, 3, 64).toImage()
    assert connected.pixelColor(8, 32) == QColor(STATE_COLORS[LinkState.CONNECTED])
    assert failed.pixelColor(8, 32) == QColor(STATE_COLORS[LinkState.AUTH_FAILED])
    assert connected.pixelColor(52, 10) != missed.pixelColor(52, 10)  # the red badge


def test_outside_links(panel: PanelController, qtbot: Any) -> None:
    panel.handle_message("tel:javascript:alert(1)")
    assert panel.window.error_bar.text().startswith("A link from another program was refused")
    assert panel.window.external_prompt is None
    panel.handle_message("callto://+74951234567")
    assert panel.window.dial_box.number() == "+74951234567"
    assert panel.window.external_prompt is not None
    panel.window.external_prompt.reject()
    panel.window.hide()
    panel.handle_message("show")
    assert panel.window.isVisible()


def test_unconfirmed_outside_dial_when_configured(panel: PanelController, qtbot: Any) -> None:
    panel.window.confirm_external_dial = False
    calls: list[tuple[str, str]] = []

    def dial(number: str, name: str = "") -> None:
        calls.append((number, name))

    panel.bridge.dial = dial  # type: ignore[method-assign,assignment]
    panel.handle_message("sip:101@pbx.example.com")
    assert calls == [("101", "")]


def test_apply_settings_saves_and_switches_language(
    qtbot: Any, aloop: qasync.QEventLoop, tmp_path: Path, qapp: Any
) -> None:
    store = SettingsStore(tmp_path)
    translations = Translations(qapp)
    panel = make_panel(qtbot, settings_store=store, translations=translations)
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    old_window = panel.window
    try:
        new = Settings(language=Language.RU, host="10.0.0.5", confirm_external_dial=False)
        panel.apply_settings(new, None)
        assert store.load() == new
        assert panel.window is not old_window
        assert panel.window.no_calls.text() == "Нет активных звонков"
        assert not panel.window.confirm_external_dial
        # reconnects to the new server with the same secret
        qtbot.waitUntil(lambda: panel.bridge.status.server == "10.0.0.5:5038")
    finally:
        translations.install(Language.EN)
        run(qtbot, panel.shutdown(timeout=1))


def test_first_run_without_secret_opens_settings(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    panel = make_panel(qtbot, secret=None)
    panel.start()
    dialog = panel.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert panel.bridge.manager is None  # nothing connects without a secret
    dialog.secret.setText("typed")
    dialog.accept()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    assert panel.secret == "typed"


@pytest.mark.qt_log_ignore(r"systemTrayWindowChanged", r"This plugin does not support")
def test_tray_menu_show_hide_dial_quit(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    panel = make_panel(qtbot, use_tray=True)
    tray = panel.tray
    assert tray is not None
    try:
        assert [a.text() for a in tray.menu.actions() if a.text()] == [
            "Status", "Show / hide", "Dial…", "Settings…", "Help", "About callpanel",
            "Copy diagnostics", "Quit",
        ]  # fmt: skip
        panel.window.show()
        tray.show_action.trigger()
        assert not panel.window.isVisible()
        tray.show_action.trigger()
        assert panel.window.isVisible()
        panel.window.tray_alive = lambda: True  # offscreen has no tray host: pretend one
        panel.window.close()  # with a tray, closing hides
        assert not panel.window.isVisible()
        assert not panel.quit_event.is_set()
        tray.dial_action.trigger()
        assert panel.window.isVisible()
        qtbot.waitUntil(panel.window.dial_box.edit.hasFocus)
        tray.set_missed(2)
        # the agent status (call centre) and the missed calls, both in the tooltip
        assert tray.icon.toolTip() == "callpanel — Available — 2 missed"
        assert tray.status_menu is not None
        assert [a.text() for a in tray.status_menu.actions()] == [
            "Available", "Paused", "Do not disturb"
        ]  # fmt: skip
        tray.quit_action.trigger()
        assert panel.quit_event.is_set()
    finally:
        tray.dispose()


@pytest.mark.qt_log_ignore(r"systemTrayWindowChanged", r"This plugin does not support")
def test_clicking_the_tray_balloon_raises_the_call(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    panel = make_panel(qtbot, use_tray=True)
    assert panel.tray is not None
    try:
        panel.bridge.store.apply(RingStarted("c7", Direction.INCOMING, "+79161234567", "Ivan"))
        chain = panel.window.notifications
        tray_notifier = chain._notifiers[1]  # after the desktop service
        assert isinstance(tray_notifier, TrayNotifier)
        tray_notifier.notify("c7", "Incoming call", "Ivan, +7 916 123-45-67")
        panel.window.hide()
        with qtbot.waitSignal(chain.activated) as sig:
            panel.tray.icon.messageClicked.emit()
        assert sig.args == ["c7"]
        assert panel.window.isVisible()  # raised on that call
    finally:
        panel.tray.dispose()


def test_tray_balloon_text_cannot_carry_markup() -> None:
    """S9 for the balloon: Qt's own balloon renders rich text, notification servers markup."""
    from callpanel.ui.notify import tray_safe

    hostile = '<b>x</b><img src="http://evil.example/p.png"> & Co'
    shown = tray_safe(hostile)
    assert not set("<>") & set(shown)
    assert shown == '‹b›x‹/b›‹img src="http://evil.example/p.png"› & Co'  # & as typed
    assert tray_safe("Ivan Petrov, +7 916 123-45-67") == "Ivan Petrov, +7 916 123-45-67"
