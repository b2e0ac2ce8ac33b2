"""The desk's services in the assembled panel: global hotkeys (through a recording backend),
`callpanel --do`, start at login (an XDG autostart file), the settings page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtGui import QKeySequence

from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CommutationStarted, Direction, RingStarted
from callpanel.store.settings import Settings
from callpanel.ui import autostart
from callpanel.ui.controller import PanelController
from callpanel.ui.desk_page import DeskPage
from callpanel.ui.hotkeys import GlobalHotkeys, HotkeyAction

from .conftest import run
from .fakes import FakeClient, fake_bridge


class RecordingBackend:
    def __init__(self, refuse: str = "") -> None:
        self.grabbed: dict[HotkeyAction, str] = {}
        self.refuse = refuse
        self.closed = False

    def grab(self, action: HotkeyAction, keys: str) -> str | None:
        if keys == self.refuse:
            return f"{keys} is taken by another program"
        self.grabbed[action] = keys
        return None

    def release_all(self) -> None:
        self.grabbed.clear()

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def panel(
    qtbot: Any, aloop: qasync.QEventLoop, clock: Any
) -> tuple[PanelController, FakeClient, RecordingBackend]:
    bridge, client = fake_bridge(clock)
    backend = RecordingBackend(refuse="Ctrl+Alt+H")
    panel = PanelController(
        bridge=bridge, settings=Settings(answer_method_chosen=True), secret="s", use_tray=False
    )
    panel.desk.hotkeys._backend = backend  # the X11 grab itself is tested in test_hotkeys
    qtbot.addWidget(panel.window)
    panel.start()
    qtbot.waitUntil(lambda: bridge.status.state is LinkState.CONNECTED)
    return panel, client, backend


def test_global_hotkeys_act_on_the_current_call(panel: Any, qtbot: Any) -> None:
    controller, client, backend = panel
    assert backend.grabbed == {}  # off by default
    controller.apply_settings(controller.settings.replace(global_hotkeys=True), None)
    assert backend.grabbed == {
        HotkeyAction.ANSWER: "Ctrl+Alt+A",
        HotkeyAction.HANGUP: "Ctrl+Alt+E",
        HotkeyAction.DIAL: "Ctrl+Alt+D",
    }
    # the one another program holds is reported in the window
    assert "Ctrl+Alt+H is taken by another program" in controller.window.error_bar.text()
    controller.bridge.store.apply(RingStarted("c1", Direction.INCOMING, "+79161234567", "Ivan"))
    with qtbot.waitSignal(controller.bridge.actionFinished):
        controller.desk.hotkeys.fire(HotkeyAction.ANSWER)
    assert client.calls[-1] == ("answer", "c1")
    controller.bridge.store.apply(CommutationStarted("c1"))
    with qtbot.waitSignal(controller.bridge.actionFinished):
        controller.handle_message("do:hangup")  # `callpanel --do hangup` (Wayland shortcut)
    assert client.calls[-1] == ("hangup", "c1")
    controller.handle_message("do:dial")
    qtbot.waitUntil(controller.window.dial_box.edit.hasFocus)
    controller.apply_settings(controller.settings.replace(global_hotkeys=False), None)
    assert backend.grabbed == {}
    run(qtbot, controller.shutdown(timeout=1))
    assert backend.closed


def test_start_at_login_writes_the_xdg_autostart_entry(
    panel: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, _client, _backend = panel
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = tmp_path / "autostart" / "callpanel.desktop"
    controller.apply_settings(controller.settings.replace(start_at_login=True), None)
    text = entry.read_text()
    assert "[Desktop Entry]" in text and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith("--minimized")
    assert autostart.is_enabled()
    controller.apply_settings(controller.settings.replace(start_at_login=False), None)
    assert not entry.exists()


def test_desktop_entry_quotes_paths() -> None:
    text = autostart.desktop_entry(["/opt/my apps/callpanel", "--minimized"])
    assert 'Exec="/opt/my apps/callpanel" --minimized' in text
    assert autostart.desktop_entry(["/x/50%"]).count("50%%") == 1


def test_desk_page_reads_back_and_reports_conflicts(qtbot: Any) -> None:
    settings = Settings(ring_volume=35, global_hotkeys=False, hotkey_dial="Ctrl+Alt+D")
    page = DeskPage(settings)
    qtbot.addWidget(page)
    values = page.values()
    assert values["ring_volume"] == 35 and values["hotkey_dial"] == "Ctrl+Alt+D"
    assert settings.replace(**values) == settings
    page.hotkey_edits[HotkeyAction.HOLD].setKeySequence(QKeySequence("Ctrl+Alt+A"))
    assert page.hotkey_conflicts.text() == "Ctrl+Alt+A is already used for another action"
    page.list_devices([("alsa.usb", "USB headset")])
    page.ring_device.setCurrentIndex(page.ring_device.findData("alsa.usb"))
    assert page.values()["ring_device"] == "alsa.usb"


def test_hotkeys_without_a_backend_say_why(qtbot: Any) -> None:
    hotkeys = GlobalHotkeys()
    problems = hotkeys.set_bindings({HotkeyAction.HOLD: "Ctrl+Alt+H"})
    assert "no desktop" in problems[HotkeyAction.HOLD]
