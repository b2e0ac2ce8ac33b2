from __future__ import annotations

import json
from pathlib import Path

import pytest

from callpanel.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "contacts"


@pytest.fixture(autouse=True)
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CALLPANEL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CALLPANEL_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_import_reports_bad_rows_by_line_and_search_prints_json_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["contacts", "import", str(DATA / "excel-cp1251.csv")]) == 0
    out = capsys.readouterr()
    assert "imported 3 contacts" in out.out and "cp1251" in out.out
    assert "excel-cp1251.csv:4: no usable phone number; skipped" in out.err
    assert main(["contacts", "import", str(DATA / "android-2.1.vcf")]) == 0
    capsys.readouterr()
    assert main(["contacts", "search", "петров"]) == 0
    lines = capsys.readouterr().out.splitlines()
    found = [json.loads(line) for line in lines]
    assert [c["name"] for c in found] == ["Иван Петров", "Петрова Анна"]
    assert found[0]["numbers"][0] == {"number": "+79161234567", "label": "cell"}


def test_import_of_a_missing_file_or_bad_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contacts", "import", str(tmp_path / "nope.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main(["contacts", "import", str(DATA / "plain.csv"), "--encoding", "nope"]) == 2


def test_lookup_names_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    from callpanel.store.settings import Settings, SettingsStore

    SettingsStore().save(Settings(region="RU"))
    assert main(["contacts", "import", str(DATA / "android-2.1.vcf")]) == 0
    capsys.readouterr()
    assert main(["lookup", "8 (916) 123-45-67"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found == {
        "number": "89161234567",
        "name": "Иван Петров",
        "company": "",
        "link": "",
        "shown": "Иван Петров",
        "source": "contacts",
    }
    assert main(["lookup", "+442071838750"]) == 1
    assert json.loads(capsys.readouterr().out)["source"] is None
    assert main(["lookup", "1&2"]) == 2
