"""The desk's settings: ringtone, start-up and global hotkeys, validated and kept in TOML."""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.store.settings import Settings, SettingsError, SettingsStore


def test_defaults_ring_and_keep_hotkeys_off() -> None:
    s = Settings()
    assert s.ring_sound and s.ring_volume == 80 and s.ring_device == ""
    assert not s.raise_on_ring and not s.start_minimized and not s.start_at_login
    assert not s.global_hotkeys and s.hotkey_answer == "Ctrl+Alt+A"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("ctrl+alt+a", "Ctrl+Alt+A"), ("Shift+Ctrl+F5", "Ctrl+Shift+F5"), ("F9", "F9"), ("", "")],
)
def test_hotkeys_written_canonically(typed: str, canonical: str) -> None:
    assert Settings(hotkey_answer=typed).hotkey_answer == canonical


@pytest.mark.parametrize("bad", ["a", "Shift+A", "Ctrl+Hyper+A", "Ctrl+", "Ctrl+Alt+Ä", 5])
def test_bad_hotkeys_name_the_field(bad: object) -> None:
    with pytest.raises(SettingsError) as info:
        Settings(hotkey_hold=bad)
    assert info.value.field == "hotkey_hold"


@pytest.mark.parametrize("bad", [-1, 101, True, "50"])
def test_volume_is_a_percentage(bad: object) -> None:
    with pytest.raises(SettingsError, match="ring_volume"):
        Settings(ring_volume=bad)


def test_desk_settings_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    settings = Settings(
        ring_volume=35, ring_device="alsa_output.usb", raise_on_ring=True, start_minimized=True,
        global_hotkeys=True, hotkey_dial="Meta+D", answer_method_chosen=True,
    )  # fmt: skip
    store.save(settings)
    assert store.load() == settings
    assert store.warnings == ()
