"""Start at login: an XDG autostart entry on Linux and other freedesktop systems
(``$XDG_CONFIG_HOME/autostart/callpanel.desktop``), the ``Run`` key of the current user on
Windows. The panel starts in the tray (``--minimized``). macOS: not done yet (a LaunchAgent);
``set_enabled`` says so instead of pretending."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path
from typing import Any

DESKTOP_NAME = "callpanel.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "callpanel"


class AutostartError(OSError):
    """Start at login could not be switched; the text says why."""


def launch_command() -> list[str]:
    """How to start this panel again: the installed ``callpanel`` script if there is one,
    else this Python running the package."""
    if getattr(sys, "frozen", False):  # the PyInstaller build: its own executable, no -m
        return [sys.executable, "--minimized"]
    script = shutil.which("callpanel")
    if script:
        return [script, "--minimized"]
    return [sys.executable, "-m", "callpanel", "--minimized"]


def xdg_autostart_path(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".config")
    return Path(base) / "autostart" / DESKTOP_NAME


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join(_desktop_quote(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=callpanel\n"
        "Comment=Asterisk call panel, started at login in the tray\n"
        f"Exec={exec_line}\n"
        "Icon=callpanel\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _desktop_quote(arg: str) -> str:
    """Quoting of the Exec key (Desktop Entry Specification): reserved characters in quotes,
    with ``"`, `` ` ``, ``$`` and ``\\`` escaped; ``%`` doubled."""
    arg = arg.replace("%", "%%")
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


class RunKey:
    """The ``callpanel`` value under HKCU\\...\\Run, through ``winreg`` (Windows' own module;
    another object with its functions and constants may stand in)."""

    def __init__(self, registry: Any | None = None) -> None:
        # typeshed gates winreg to Windows: imported by name, typed as Any
        self._reg: Any = registry if registry is not None else importlib.import_module("winreg")

    def get(self) -> str | None:
        reg = self._reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = reg.QueryValueEx(key, RUN_VALUE)
        except OSError:  # FileNotFoundError: no such value (or key)
            return None
        return str(value)

    def set(self, on: bool) -> None:
        reg = self._reg
        try:
            # CreateKeyEx opens the key, and makes it on a fresh profile that has none yet
            with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                if on:
                    reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, windows_command(launch_command()))
                else:
                    try:
                        reg.DeleteValue(key, RUN_VALUE)
                    except FileNotFoundError:
                        pass
        except OSError as exc:
            raise AutostartError(f"HKCU\\{RUN_KEY}: {exc.strerror or exc}") from exc


def windows_command(command: list[str]) -> str:
    """A command line for the Run key: parts with spaces in double quotes."""
    return " ".join(f'"{p}"' if " " in p else p for p in command)


def is_enabled(
    env: dict[str, str] | None = None,
    *,
    platform: str = sys.platform,
    run_key: RunKey | None = None,
) -> bool:
    if platform == "win32":
        return (run_key or RunKey()).get() is not None
    return xdg_autostart_path(env).is_file()


def set_enabled(
    on: bool,
    env: dict[str, str] | None = None,
    *,
    platform: str = sys.platform,
    run_key: RunKey | None = None,
) -> None:
    """Create or remove the entry; raises ``AutostartError`` naming what failed."""
    if platform == "win32":
        (run_key or RunKey()).set(on)
        return
    if platform == "darwin":
        raise AutostartError("start at login is not supported on macOS yet")
    path = xdg_autostart_path(env)
    try:
        if on:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(desktop_entry(launch_command()), encoding="utf-8")
            tmp.replace(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"{path}: {exc.strerror or exc}") from exc
