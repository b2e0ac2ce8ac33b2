"""The ``tls_fingerprint`` setting: validated and normalised, saved and loaded, absent in old
files (the default, no pin), a bad one in the file falls back to no pin with a warning."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from callpanel.store.settings import (
    SETTINGS_VERSION,
    Settings,
    SettingsError,
    SettingsStore,
    to_connection_config,
)

HEX = "a1b2c3d4e5f60718" * 4
CANONICAL = ":".join(HEX.upper()[i : i + 2] for i in range(0, 64, 2))


def test_default_is_no_pin() -> None:
    assert Settings().tls_fingerprint == ""
    assert to_connection_config(Settings(tls=True), "s").tls_fingerprint is None


@pytest.mark.parametrize("typed", [HEX, HEX.upper(), CANONICAL.lower(), f" {CANONICAL} "])
def test_pin_is_normalised(typed: str) -> None:
    assert Settings(tls_fingerprint=typed).tls_fingerprint == CANONICAL


@pytest.mark.parametrize("bad", [HEX[:-2], HEX + "0", "zz" * 32, 42, ["a"]])
def test_bad_pin_raises_naming_the_field(bad: object) -> None:
    with pytest.raises(SettingsError) as error:
        Settings(tls_fingerprint=bad)  # type: ignore[arg-type]
    assert error.value.field == "tls_fingerprint"


def test_pin_round_trips_through_the_file(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg")
    s = Settings(tls=True, tls_verify=False, tls_fingerprint=HEX)
    store.save(s)
    loaded = SettingsStore(tmp_path / "cfg").load()
    assert loaded == s and loaded.tls_fingerprint == CANONICAL
    table = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert table["tls_fingerprint"] == CANONICAL
    conn = to_connection_config(loaded, "secret")
    assert conn.tls_fingerprint == CANONICAL and not conn.insecure


def test_old_file_without_the_key_loads_without_warnings(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(
        f'version = {SETTINGS_VERSION}\nhost = "pbx.local"\ntls = true\n', encoding="utf-8"
    )
    s = store.load()
    assert s.tls and s.tls_fingerprint == "" and store.warnings == ()


def test_bad_pin_in_the_file_falls_back_to_no_pin_with_a_warning(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text('version = 1\ntls = true\ntls_fingerprint = "ab:cd"\n', encoding="utf-8")
    s = store.load()
    assert s.tls and s.tls_fingerprint == ""
    assert len(store.warnings) == 1 and store.warnings[0].startswith("tls_fingerprint:")
    assert "64 hex digits" in store.warnings[0]
