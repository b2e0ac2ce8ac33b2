"""The menu's Copy diagnostics: the report on the clipboard, the zip in the log directory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMenu

import callpanel
from callpanel.store import paths
from callpanel.ui.deskmenu import DeskActions
from callpanel.ui.diagnostics_action import copy_diagnostics


def test_copy_diagnostics_fills_the_clipboard_and_writes_the_zip(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "log"))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    target = Path(copy_diagnostics(None, ask=False, mask=True))
    assert target.parent == tmp_path / "log" and target.suffix == ".zip"
    with zipfile.ZipFile(target) as archive:
        assert "report.txt" in archive.namelist()
    text = QApplication.clipboard().text()
    assert text.startswith(f"callpanel {callpanel.__version__}")
    assert "numbers and names masked" in text and str(target) in text


def test_the_menu_offers_it(qapp: QApplication) -> None:
    actions = DeskActions()
    menu = QMenu()
    actions.fill(menu)
    names = [a.objectName() for a in menu.actions()]
    assert "DiagnosticsAction" in names
    fired: list[bool] = []
    actions.diagnosticsRequested.connect(lambda: fired.append(True))
    actions.diagnostics.trigger()
    assert fired == [True]
