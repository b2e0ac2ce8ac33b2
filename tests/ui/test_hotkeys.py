"""Global hotkeys for real on an X server (Xvfb): a grabbed combination fires its action when
the key is pressed anywhere (XTEST stands in for the keyboard); a combination another program
holds is reported, not silently lost; Wayland says plainly that it cannot."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from callpanel.ui.hotkeys import (
    GlobalHotkeys,
    HotkeyAction,
    check_conflicts,
    platform_support,
    windows_key,
)

xlib = pytest.importorskip("Xlib.display")


@pytest.fixture(scope="module")
def xserver() -> Iterator[str]:
    """A private Xvfb; its display number chosen by the server itself (-displayfd)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # written once the server accepts connections
    if not number:
        proc.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def press(display_name: str, keys: list[str]) -> None:
    """Press and release ``keys`` (X keysym names) as a keyboard would, through XTEST."""
    from Xlib import XK, X
    from Xlib.ext import xtest

    display = xlib.Display(display_name)
    try:
        codes = [display.keysym_to_keycode(XK.string_to_keysym(k)) for k in keys]
        for code in codes:
            xtest.fake_input(display, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(display, X.KeyRelease, code)
        display.sync()
    finally:
        display.close()


def test_grabbed_key_fires_its_action(qtbot: Any, xserver: str) -> None:
    hotkeys = GlobalHotkeys(display_name=xserver)
    try:
        problems = hotkeys.set_bindings(
            {HotkeyAction.ANSWER: "Ctrl+Alt+A", HotkeyAction.HANGUP: "Ctrl+Alt+E"}
        )
        assert problems == {}
        with qtbot.waitSignal(hotkeys.activated, timeout=5000) as fired:
            press(xserver, ["Control_L", "Alt_L", "e"])
        assert fired.args == ["hangup"]
        with qtbot.waitSignal(hotkeys.activated, timeout=5000) as fired:
            press(xserver, ["Num_Lock", "Control_L", "Alt_L", "a"])  # NumLock does not matter
        assert fired.args == ["answer"]
        press(xserver, ["Num_Lock"])
    finally:
        hotkeys.close()


def test_combination_held_by_another_program_is_reported(qtbot: Any, xserver: str) -> None:
    from Xlib import XK, X

    other = xlib.Display(xserver)
    root = other.screen().root
    code = other.keysym_to_keycode(XK.string_to_keysym("h"))
    root.grab_key(code, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
    other.sync()
    hotkeys = GlobalHotkeys(display_name=xserver)
    try:
        problems = hotkeys.set_bindings(
            {HotkeyAction.HOLD: "Ctrl+Alt+H", HotkeyAction.DIAL: "Ctrl+Alt+D"}
        )
        assert problems == {HotkeyAction.HOLD: "Ctrl+Alt+H is taken by another program"}
        assert hotkeys.active == {HotkeyAction.DIAL: "Ctrl+Alt+D"}
    finally:
        hotkeys.close()
        other.close()


def test_one_combination_for_two_actions_is_refused() -> None:
    problems = check_conflicts({HotkeyAction.ANSWER: "Ctrl+Alt+A", HotkeyAction.HOLD: "Ctrl+Alt+A"})
    assert problems == {HotkeyAction.HOLD: "Ctrl+Alt+A is already used for another action"}


def test_platforms_say_plainly_where_it_cannot_work() -> None:
    assert platform_support("xcb") == (True, "")
    possible, why = platform_support("wayland")
    assert not possible and "callpanel --do answer" in why
    assert not platform_support("offscreen")[0]


def test_no_display_is_a_problem_not_a_crash(qtbot: Any) -> None:
    hotkeys = GlobalHotkeys()  # offscreen: no desktop
    problems = hotkeys.set_bindings({HotkeyAction.ANSWER: "Ctrl+Alt+A"})
    assert HotkeyAction.ANSWER in problems and hotkeys.active == {}


def test_windows_key_codes() -> None:
    assert windows_key("Ctrl+Alt+A") == (0x4003, 0x41)
    assert windows_key("Meta+F5") == (0x4008, 0x74)
