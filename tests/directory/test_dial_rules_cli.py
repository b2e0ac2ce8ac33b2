from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.cli import main
from callpanel.store.settings import Settings, SettingsStore


def test_demo_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dial-rules", "--demo", "-v", "+7 916 123-45-67"]) == 0
    out = capsys.readouterr()
    assert out.out == "89161234567\n"
    assert "+7 916 123-45-67 will be dialled as 89161234567" in out.err


def test_saved_settings_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CALLPANEL_CONFIG_DIR", str(tmp_path))
    SettingsStore(tmp_path).save(Settings(region="RU", dial_rules=("+7=8",), outside_prefix="9"))
    assert main(["dial-rules", "+79161234567"]) == 0
    assert main(["dial-rules", "101"]) == 0
    assert capsys.readouterr().out == "989161234567\n101\n"


def test_bad_number_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dial-rules", "--demo", "101/102"]) == 2
    assert "101/102" in capsys.readouterr().err
