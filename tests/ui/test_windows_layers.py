"""The Windows parts of the desk (global hotkeys through RegisterHotKey, start at login through
the Run key), run on any system: the Win32 layer underneath is replaced by fakes that behave as
Windows documents it (RegisterHotKey fails with ERROR_HOTKEY_ALREADY_REGISTERED for a taken
combination; WM_HOTKEY carries the id in wParam; winreg raises FileNotFoundError for a missing
value and PermissionError when access is denied)."""

from __future__ import annotations

import ctypes
import ctypes.wintypes
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from callpanel.ui import autostart
from callpanel.ui.hotkeys import (
    GlobalHotkeys,
    HotkeyAction,
    WindowsBackend,
    hotkey_id_of,
    windows_key,
)

WM_HOTKEY, WM_KEYDOWN = 0x0312, 0x0100
ERROR_HOTKEY_ALREADY_REGISTERED = 1409


class FakeUser32:
    """RegisterHotKey / UnregisterHotKey of one desktop: combinations other programs hold are
    in ``taken``; a second registration of one id fails as on Windows."""

    def __init__(self, taken: set[tuple[int, int]] | None = None) -> None:
        self.taken = taken or set()
        self.registered: dict[int, tuple[int, int]] = {}
        self.unregistered: list[int] = []

    def register(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        combination = (modifiers & ~0x4000, virtual_key)  # MOD_NOREPEAT is no part of it
        held = {(m & ~0x4000, k) for m, k in self.registered.values()}
        if hotkey_id in self.registered or combination in self.taken | held:
            return ERROR_HOTKEY_ALREADY_REGISTERED
        self.registered[hotkey_id] = (modifiers, virtual_key)
        return 0

    def unregister(self, hotkey_id: int) -> None:
        self.unregistered.append(hotkey_id)
        self.registered.pop(hotkey_id, None)


def native_message(message: int, wparam: int) -> tuple[ctypes.wintypes.MSG, int]:
    """A Win32 MSG in memory and its address, as Qt hands it to a native event filter."""
    msg = ctypes.wintypes.MSG()
    msg.message = message
    msg.wParam = wparam
    return msg, ctypes.addressof(msg)


def deliver(backend: WindowsBackend, hotkey_id: int, message: int = WM_HOTKEY) -> bool:
    """Hand one Win32 message to the backend's native event filter, as Qt's event dispatcher
    does on Windows; True if the filter took it."""
    msg, address = native_message(message, hotkey_id)
    accepted, _result = backend.native_filter.nativeEventFilter(b"windows_generic_MSG", address)
    del msg
    return bool(accepted)


def test_registered_keys_fire_their_action_on_wm_hotkey(
    qapp: QCoreApplication,
) -> None:
    user32 = FakeUser32()
    fired: list[HotkeyAction] = []
    backend = WindowsBackend(fired.append, api=user32)
    assert backend.grab(HotkeyAction.ANSWER, "Ctrl+Alt+A") is None
    assert backend.grab(HotkeyAction.DIAL, "Meta+F2") is None
    # MOD_CONTROL|MOD_ALT|MOD_NOREPEAT + 'A'; MOD_WIN|MOD_NOREPEAT + VK_F2
    assert sorted(user32.registered.values()) == [(0x4003, 0x41), (0x4008, 0x71)]
    ids = {combo: hotkey_id for hotkey_id, combo in user32.registered.items()}
    assert deliver(backend, ids[(0x4008, 0x71)])
    assert deliver(backend, ids[(0x4003, 0x41)])
    assert fired == [HotkeyAction.DIAL, HotkeyAction.ANSWER]
    # another message, or a hotkey id that is not ours, is left to Qt
    assert not deliver(backend, ids[(0x4003, 0x41)], message=WM_KEYDOWN)
    assert not deliver(backend, 0x0001)
    assert fired == [HotkeyAction.DIAL, HotkeyAction.ANSWER]
    backend.close()
    assert sorted(user32.unregistered) == sorted(ids.values())
    assert user32.registered == {}


def test_a_combination_another_program_holds_is_reported_and_the_rest_work(
    qapp: QCoreApplication,
) -> None:
    user32 = FakeUser32(taken={(0x3, ord("H"))})  # someone else's Ctrl+Alt+H
    fired: list[HotkeyAction] = []
    backend = WindowsBackend(fired.append, api=user32)
    hotkeys = GlobalHotkeys(backend=backend)
    problems = hotkeys.set_bindings(
        {
            HotkeyAction.ANSWER: "Ctrl+Alt+A",
            HotkeyAction.HOLD: "Ctrl+Alt+H",
            HotkeyAction.HANGUP: "Ctrl+Alt+A",  # the same keys twice: refused before Windows
            HotkeyAction.DIAL: "Ctrl+Alt+Menu",  # no virtual-key code for it
        }
    )
    assert problems == {
        HotkeyAction.HOLD: "Ctrl+Alt+H is taken by another program",
        HotkeyAction.HANGUP: "Ctrl+Alt+A is already used for another action",
        HotkeyAction.DIAL: "Ctrl+Alt+Menu: this keyboard has no such key",
    }
    assert hotkeys.active == {HotkeyAction.ANSWER: "Ctrl+Alt+A"}
    (answer_id,) = user32.registered
    assert deliver(backend, answer_id)
    assert fired == [HotkeyAction.ANSWER]
    # new bindings release the old ones first: the same key can be taken again
    assert hotkeys.set_bindings({HotkeyAction.HANGUP: "Ctrl+Alt+A"}) == {}
    (hangup_id,) = user32.registered
    assert deliver(backend, hangup_id)
    assert fired == [HotkeyAction.ANSWER, HotkeyAction.HANGUP]
    hotkeys.close()
    assert user32.registered == {}


def test_other_windows_errors_are_named_with_their_code(
    qapp: QCoreApplication,
) -> None:
    class Refusing(FakeUser32):
        def register(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
            return 87  # ERROR_INVALID_PARAMETER

    backend = WindowsBackend(lambda _a: None, api=Refusing())
    assert backend.grab(HotkeyAction.HOLD, "Ctrl+F12") == (
        "Ctrl+F12 could not be registered (error 87)"
    )
    backend.close()


def test_only_a_wm_hotkey_in_a_windows_message_is_read() -> None:
    msg, address = native_message(WM_HOTKEY, 0xB003)
    assert hotkey_id_of(b"windows_generic_MSG", address) == 0xB003
    assert hotkey_id_of(b"xcb_generic_event_t", address) is None
    other, other_address = native_message(WM_KEYDOWN, 0xB003)
    assert hotkey_id_of(b"windows_generic_MSG", other_address) is None
    del msg, other
    assert windows_key("Shift+Space") == (0x4004, 0x20)


# -- the Run key ------------------------------------------------------------------------------


class FakeWinreg:
    """The part of ``winreg`` the Run key uses, over a dict of keys → {value name: (data, type)}."""

    HKEY_CURRENT_USER = 0x80000001
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1

    def __init__(self, *, existing: bool = True, writable: bool = True) -> None:
        self.keys: dict[tuple[int, str], dict[str, tuple[str, int]]] = {}
        if existing:
            self.keys[(self.HKEY_CURRENT_USER, autostart.RUN_KEY)] = {"Other": ("x.exe", 1)}
        self.writable = writable

    @contextmanager
    def OpenKey(self, root: int, path: str, reserved: int = 0, access: int = 1) -> Iterator[Any]:
        if (root, path) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        yield self.keys[(root, path)]

    @contextmanager
    def CreateKeyEx(self, root: int, path: str, reserved: int, access: int) -> Iterator[Any]:
        if not self.writable:
            raise PermissionError(5, "Access is denied")
        yield self.keys.setdefault((root, path), {})

    def QueryValueEx(self, key: dict[str, tuple[str, int]], name: str) -> tuple[str, int]:
        if name not in key:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key[name]

    def SetValueEx(
        self, key: dict[str, tuple[str, int]], name: str, reserved: int, kind: int, data: str
    ) -> None:
        key[name] = (data, kind)

    def DeleteValue(self, key: dict[str, tuple[str, int]], name: str) -> None:
        if name not in key:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key[name]


def run_values(reg: FakeWinreg) -> dict[str, tuple[str, int]]:
    return reg.keys[(reg.HKEY_CURRENT_USER, autostart.RUN_KEY)]


def test_start_at_login_on_windows_writes_and_removes_the_run_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exe = r"C:\Program Files\callpanel\callpanel.exe"
    monkeypatch.setattr(autostart, "launch_command", lambda: [exe, "--minimized"])
    reg = FakeWinreg()
    key = autostart.RunKey(reg)
    assert not autostart.is_enabled(platform="win32", run_key=key)
    autostart.set_enabled(True, platform="win32", run_key=key)
    assert run_values(reg)["callpanel"] == (f'"{exe}" --minimized', reg.REG_SZ)
    assert run_values(reg)["Other"] == ("x.exe", 1)  # other programs' entries untouched
    assert autostart.is_enabled(platform="win32", run_key=key)
    autostart.set_enabled(True, platform="win32", run_key=key)  # again: the same one value
    assert list(run_values(reg)) == ["Other", "callpanel"]
    autostart.set_enabled(False, platform="win32", run_key=key)
    assert "callpanel" not in run_values(reg)
    autostart.set_enabled(False, platform="win32", run_key=key)  # already off: no error
    assert not autostart.is_enabled(platform="win32", run_key=key)


def test_run_key_missing_on_a_fresh_profile_is_created() -> None:
    reg = FakeWinreg(existing=False)
    key = autostart.RunKey(reg)
    assert not autostart.is_enabled(platform="win32", run_key=key)
    autostart.set_enabled(True, platform="win32", run_key=key)
    assert autostart.is_enabled(platform="win32", run_key=key)
    assert run_values(reg)["callpanel"][0].endswith("--minimized")


def test_run_key_that_cannot_be_written_says_where_and_why() -> None:
    key = autostart.RunKey(FakeWinreg(writable=False))
    with pytest.raises(autostart.AutostartError) as caught:
        autostart.set_enabled(True, platform="win32", run_key=key)
    assert str(caught.value) == f"HKCU\\{autostart.RUN_KEY}: Access is denied"


def test_macos_says_it_is_not_done_yet() -> None:
    with pytest.raises(autostart.AutostartError, match="macOS"):
        autostart.set_enabled(True, platform="darwin")
