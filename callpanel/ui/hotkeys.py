"""Global hotkeys: answer, hang up, hold and the dial box while another program has the focus.

Where the platform allows it:
- X11: the keys are grabbed on the root window (python-xlib, its own connection to $DISPLAY,
  read through a QSocketNotifier). A combination another program already holds is reported
  ("taken by another program") and skipped; NumLock and CapsLock do not matter.
- Windows: ``RegisterHotKey``; ``WM_HOTKEY`` arrives through a native event filter.
- Wayland and macOS: not possible for an ordinary program (Wayland lets only the compositor
  grab keys). There ``callpanel --do answer`` (hangup, hold, dial) does the same from a
  shortcut set in the desktop's own keyboard settings.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QCoreApplication,
    QObject,
    QSocketNotifier,
    Signal,
)
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class HotkeyAction(enum.Enum):
    ANSWER = "answer"
    HANGUP = "hangup"
    HOLD = "hold"
    DIAL = "dial"


def platform_support(platform_name: str | None = None) -> tuple[bool, str]:
    """(possible, why not) for the running platform, in the operator's words."""
    name = platform_name if platform_name is not None else QGuiApplication.platformName()
    if sys.platform == "win32":
        return True, ""
    if name == "xcb":
        try:
            import Xlib.display  # noqa: F401
        except ImportError:
            return False, QCoreApplication.translate(
                "Hotkeys", "Global hotkeys need the python-xlib package"
            )
        return True, ""
    if name.startswith("wayland"):
        return False, QCoreApplication.translate(
            "Hotkeys",
            "Wayland does not let programs take keys for the whole desktop. Set a shortcut in "
            "the desktop's keyboard settings that runs: callpanel --do answer (or hangup, "
            "hold, dial)",
        )
    if sys.platform == "darwin":
        return False, QCoreApplication.translate(
            "Hotkeys", "Global hotkeys are not supported on macOS yet; the window's shortcuts work"
        )
    return False, QCoreApplication.translate(
        "Hotkeys", "This session has no desktop that could deliver global hotkeys"
    )


Fire = Callable[[HotkeyAction], None]


class Backend(Protocol):
    def grab(self, action: HotkeyAction, keys: str) -> str | None:
        """Grab ``keys`` for ``action``; None when done, else why not (translated)."""

    def release_all(self) -> None: ...
    def close(self) -> None: ...


def check_conflicts(bindings: Mapping[HotkeyAction, str]) -> dict[HotkeyAction, str]:
    """Two actions on one key combination: the second is refused, naming the first."""
    seen: dict[str, HotkeyAction] = {}
    problems: dict[HotkeyAction, str] = {}
    for action, keys in bindings.items():
        if not keys:
            continue
        if keys in seen:
            problems[action] = (
                QCoreApplication.translate("Hotkeys", "%s is already used for another action")
                % keys
            )
        else:
            seen[keys] = action
    return problems


class GlobalHotkeys(QObject):
    """Owns the grabs; ``activated(action value)`` when one of the keys is pressed."""

    activated = Signal(str)

    def __init__(
        self,
        *,
        backend: Backend | None = None,
        display_name: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._display_name = display_name  # X11: another display than $DISPLAY (tests)
        self.problems: dict[HotkeyAction, str] = {}
        self.active: dict[HotkeyAction, str] = {}

    def _make_backend(self) -> Backend | None:
        if self._display_name is not None:  # an X server named by the caller
            return X11Backend(self.fire, self, self._display_name)
        possible, why = platform_support()
        if not possible:
            raise OSError(why)
        if sys.platform == "win32":
            return WindowsBackend(self.fire)
        return X11Backend(self.fire, self, self._display_name)

    def set_bindings(self, bindings: Mapping[HotkeyAction, str]) -> dict[HotkeyAction, str]:
        """Replace the grabs; returns (and keeps in ``problems``) what could not be grabbed."""
        self.clear()
        problems = check_conflicts(bindings)
        wanted = {a: k for a, k in bindings.items() if k and a not in problems}
        if wanted and self._backend is None:
            try:
                self._backend = self._make_backend()
            except Exception as exc:  # no display, no library: say so, the panel goes on
                for action in wanted:
                    problems[action] = str(exc)
                self.problems = problems
                return problems
        for action, keys in wanted.items():
            assert self._backend is not None
            problem = self._backend.grab(action, keys)
            if problem is None:
                self.active[action] = keys
            else:
                problems[action] = problem
        self.problems = problems
        for action, problem in problems.items():
            log.warning("global hotkey %s: %s", action.value, problem)
        return problems

    def clear(self) -> None:
        if self._backend is not None:
            self._backend.release_all()
        self.active = {}
        self.problems = {}

    def close(self) -> None:
        self.clear()
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def fire(self, action: HotkeyAction) -> None:
        self.activated.emit(action.value)


# -- X11 ------------------------------------------------------------------------------------


class X11Backend:
    """Grabs on the root window of $DISPLAY (or ``display_name``) with python-xlib."""

    def __init__(
        self, fire: Fire, parent: QObject | None = None, display_name: str | None = None
    ) -> None:
        from Xlib import X, display

        self._X = X
        self.display = display.Display(display_name or os.environ.get("DISPLAY"))
        self.root = self.display.screen().root
        self.root.change_attributes(event_mask=X.KeyPressMask)
        self._fire = fire
        self._grabs: dict[tuple[int, int], HotkeyAction] = {}
        self._notifier = QSocketNotifier(self.display.fileno(), QSocketNotifier.Type.Read, parent)
        self._notifier.activated.connect(self._read)
        # NumLock (Mod2) and CapsLock (Lock) change the modifier state: grab with each
        self._ignored = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)

    def _parse(self, keys: str) -> tuple[int, int] | None:
        from Xlib import XK

        X = self._X
        masks = {"Ctrl": X.ControlMask, "Alt": X.Mod1Mask, "Shift": X.ShiftMask, "Meta": X.Mod4Mask}
        *mods, key = keys.split("+")
        mask = 0
        for mod in mods:
            mask |= masks[mod]
        keysym = XK.string_to_keysym(key.lower() if len(key) == 1 else key)
        if keysym == 0:
            return None
        keycode = self.display.keysym_to_keycode(keysym)
        if keycode == 0:
            return None
        return keycode, mask

    def grab(self, action: HotkeyAction, keys: str) -> str | None:
        from Xlib import X, error

        parsed = self._parse(keys)
        if parsed is None:
            return QCoreApplication.translate("Hotkeys", "%s: this keyboard has no such key") % keys
        keycode, mask = parsed
        catcher = error.CatchError(error.BadAccess)
        for extra in self._ignored:
            self.root.grab_key(
                keycode, mask | extra, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher
            )
        self.display.sync()
        if catcher.get_error() is not None:
            for extra in self._ignored:
                self.root.ungrab_key(keycode, mask | extra)
            self.display.sync()
            return QCoreApplication.translate("Hotkeys", "%s is taken by another program") % keys
        self._grabs[(keycode, mask)] = action
        return None

    def release_all(self) -> None:
        for keycode, mask in self._grabs:
            for extra in self._ignored:
                self.root.ungrab_key(keycode, mask | extra)
        self._grabs.clear()
        self.display.sync()

    def close(self) -> None:
        self.release_all()
        self._notifier.setEnabled(False)
        self.display.close()

    def _read(self, *_args: Any) -> None:
        X = self._X
        relevant = X.ControlMask | X.Mod1Mask | X.ShiftMask | X.Mod4Mask
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type != X.KeyPress:
                continue
            action = self._grabs.get((event.detail, event.state & relevant))
            if action is not None:
                self._fire(action)


# -- Windows --------------------------------------------------------------------------------

_WM_HOTKEY = 0x0312
_MOD_ALT, _MOD_CONTROL, _MOD_SHIFT, _MOD_WIN, _MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
_ERROR_HOTKEY_ALREADY_REGISTERED = 1409


def windows_key(keys: str) -> tuple[int, int] | None:
    """(modifiers, virtual-key code) for RegisterHotKey: "Ctrl+Alt+A" → (0x3 | NOREPEAT, 0x41)."""
    masks = {"Ctrl": _MOD_CONTROL, "Alt": _MOD_ALT, "Shift": _MOD_SHIFT, "Meta": _MOD_WIN}
    *mods, key = keys.split("+")
    mods_value = _MOD_NOREPEAT
    for mod in mods:
        mods_value |= masks[mod]
    if len(key) == 1 and key.isalnum():
        return mods_value, ord(key.upper())
    if key.startswith("F") and key[1:].isdigit():
        return mods_value, 0x70 + int(key[1:]) - 1  # VK_F1 = 0x70
    named = {"Space": 0x20, "Home": 0x24, "End": 0x23, "Insert": 0x2D, "Pause": 0x13}
    return (mods_value, named[key]) if key in named else None


def hotkey_id_of(event_type: bytes, message: int) -> int | None:
    """The id of a ``WM_HOTKEY`` in Qt's native event (``windows_generic_MSG``: the address of a
    Win32 ``MSG``), or None for any other message."""
    import ctypes.wintypes

    if event_type != b"windows_generic_MSG":
        return None
    msg = ctypes.wintypes.MSG.from_address(message)
    return int(msg.wParam) if msg.message == _WM_HOTKEY else None


class HotkeyApi(Protocol):
    """The two Win32 calls the backend makes (``User32`` is the real one)."""

    def register(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        """RegisterHotKey for the calling thread; 0 when done, else GetLastError's code."""

    def unregister(self, hotkey_id: int) -> None: ...


class User32:
    """``RegisterHotKey`` / ``UnregisterHotKey`` of user32.dll through ctypes (hwnd NULL: the
    ``WM_HOTKEY`` goes to the GUI thread's queue, where Qt's native event filter sees it)."""

    def __init__(self) -> None:
        import ctypes

        self._ctypes = ctypes
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]

    def register(self, hotkey_id: int, modifiers: int, virtual_key: int) -> int:
        if self._user32.RegisterHotKey(None, hotkey_id, modifiers, virtual_key):
            return 0
        return int(self._ctypes.get_last_error())  # type: ignore[attr-defined]

    def unregister(self, hotkey_id: int) -> None:
        self._user32.UnregisterHotKey(None, hotkey_id)


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, backend: WindowsBackend) -> None:
        super().__init__()
        self._backend = backend

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:
        hotkey_id = hotkey_id_of(bytes(event_type), int(message))
        if hotkey_id is None or not self._backend.hotkey(hotkey_id):
            return False, 0  # not ours: Qt and other filters see it
        return True, 0


class WindowsBackend:
    """Each combination registered with ``RegisterHotKey``; ``WM_HOTKEY`` arrives through a
    native event filter on the application."""

    FIRST_ID = 0xB000  # our ids; an application may use 0x0000..0xBFFF

    def __init__(self, fire: Fire, api: HotkeyApi | None = None) -> None:
        self._api: HotkeyApi = api if api is not None else User32()
        self._fire = fire
        self._ids: dict[int, HotkeyAction] = {}
        self.native_filter = _WindowsFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self.native_filter)

    def grab(self, action: HotkeyAction, keys: str) -> str | None:
        parsed = windows_key(keys)
        if parsed is None:
            return QCoreApplication.translate("Hotkeys", "%s: this keyboard has no such key") % keys
        hotkey_id = self.FIRST_ID + len(self._ids)
        code = self._api.register(hotkey_id, parsed[0], parsed[1])
        if code == _ERROR_HOTKEY_ALREADY_REGISTERED:
            return QCoreApplication.translate("Hotkeys", "%s is taken by another program") % keys
        if code:
            return QCoreApplication.translate(
                "Hotkeys", "%s could not be registered (error %d)"
            ) % (keys, code)
        self._ids[hotkey_id] = action
        return None

    def release_all(self) -> None:
        for hotkey_id in self._ids:
            self._api.unregister(hotkey_id)
        self._ids.clear()

    def hotkey(self, hotkey_id: int) -> bool:
        """A ``WM_HOTKEY``: fire its action; False when the id is not one of ours."""
        action = self._ids.get(hotkey_id)
        if action is None:
            return False
        self._fire(action)
        return True

    def close(self) -> None:
        self.release_all()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self.native_filter)
