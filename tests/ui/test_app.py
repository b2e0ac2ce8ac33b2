"""`callpanel --demo` (amain with the built-in PBX), argument errors, and the error hooks."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from callpanel.asterisk.status import LinkState
from callpanel.ui.app import amain, dial_main, main
from callpanel.ui.banners import ErrorBar
from callpanel.ui.controller import install_error_hooks
from callpanel.ui.window import MainWindow

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def hooks_restored(aloop: qasync.QEventLoop) -> Iterator[None]:
    saved_hook = sys.excepthook
    saved_handler = aloop.get_exception_handler()
    yield
    sys.excepthook = saved_hook
    aloop.set_exception_handler(saved_handler)


def panel_window() -> MainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def test_demo_mode_connects_offers_the_link_and_quits(
    qtbot: Any, qapp: QApplication, aloop: qasync.QEventLoop, hooks_restored: None
) -> None:
    task = asyncio.ensure_future(
        amain(qapp, demo=True, demo_script=False, link="tel:84997654321", instance=None)
    )
    qtbot.waitUntil(lambda: panel_window() is not None, timeout=5000)
    window = panel_window()
    assert window is not None
    qtbot.waitUntil(lambda: window.bridge.status.state is LinkState.CONNECTED, timeout=5000)
    assert window.conn_bar.text.text().endswith("Asterisk 18.26.4")
    assert window.conn_bar.endpoint.text() == "Your phone: SIP/101"
    # the link from the command line is shown and waits for the operator's confirmation
    assert window.dial_box.number() == "84997654321"
    assert window.external_prompt is not None
    window.external_prompt.reject()
    window.close()  # no tray offscreen: closing the window quits, with a bounded shutdown
    qtbot.waitUntil(task.done, timeout=8000)
    assert task.result() == 0
    assert window.bridge.status.state is LinkState.DISCONNECTED
    window.deleteLater()


def test_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert dial_main([]) == 2
    assert dial_main(["100&PJSIP/trunk/1"]) == 2
    assert "only digits" in capsys.readouterr().err
    assert dial_main(["--help"]) == 0
    assert main(["javascript:alert(1)"]) == 2


def test_error_hooks_show_in_the_error_bar(
    qtbot: Any, aloop: qasync.QEventLoop, hooks_restored: None
) -> None:
    bar = ErrorBar()
    qtbot.addWidget(bar)
    install_error_hooks(aloop, bar.show_error)
    aloop.call_exception_handler({"message": "callback failed", "exception": ValueError("boom")})
    assert bar.text() == "Internal error: boom"
    try:
        raise RuntimeError("in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert bar.text() == "Internal error: in a slot"


def test_first_start_with_a_damaged_settings_file(
    qtbot: Any,
    qapp: QApplication,
    aloop: qasync.QEventLoop,
    hooks_restored: None,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CALLPANEL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CALLPANEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('version = 1\nport = "abc"\n')
    task = asyncio.ensure_future(
        amain(qapp, demo=False, demo_script=False, link=None, instance=None)
    )
    qtbot.waitUntil(lambda: panel_window() is not None, timeout=5000)
    window = panel_window()
    assert window is not None
    # the repair is told once, and without a stored secret the settings open to ask for it
    assert "port" in window.error_bar.text()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "SettingsDialog"]
    assert dialogs and dialogs[0].isVisible()
    assert dialogs[0].keyring_note.text().startswith("No system keyring")
    assert window.bridge.manager is None  # nothing connects without a secret
    window.close()
    qtbot.waitUntil(task.done, timeout=8000)
    assert task.result() == 0
    assert (tmp_path / "data" / "history.sqlite3").exists()
    window.deleteLater()
