"""Where callpanel keeps its files. Tests (and portable installs) point elsewhere via env."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "callpanel"
CONFIG_DIR_ENV = "CALLPANEL_CONFIG_DIR"
DATA_DIR_ENV = "CALLPANEL_DATA_DIR"
LOG_DIR_ENV = "CALLPANEL_LOG_DIR"


def config_dir() -> Path:
    """``$CALLPANEL_CONFIG_DIR`` or the platform's per-user config dir (``~/.config/callpanel``)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """``$CALLPANEL_DATA_DIR`` or the per-user data dir (``~/.local/share/callpanel``)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """``$CALLPANEL_LOG_DIR`` or the per-user log dir (``~/.local/state/callpanel/log``,
    ``%LOCALAPPDATA%\\callpanel\\Logs`` on Windows)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable only by the user.

    callpanel's own config and data directories are also narrowed to 0700 when found wider
    (an older version, or a umask, left them readable); any other existing directory — a
    parent, a shared one a test or an admin pointed us at — is left as it is.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if _is_app_dir(path):
        _narrow(path, 0o700)
    return path


def ensure_private_file(path: Path) -> Path:
    """Make sure ``path`` exists with mode 0600 (created so, or narrowed when found wider),
    before a library such as sqlite3 opens it with the umask's mode. SQLite's side files
    (``-wal``, ``-shm``, ``-journal``) are narrowed too if present."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    for candidate in (path, *(path.with_name(path.name + s) for s in _SQLITE_SIDE_FILES)):
        narrow_file(candidate)
    return path


def narrow_file(path: Path) -> None:
    """A file of ours found readable by others (a copy, a restore, a umask) becomes 0600."""
    try:
        _narrow(path, 0o600)
    except FileNotFoundError:
        pass


_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _is_app_dir(path: Path) -> bool:
    try:
        target = path.resolve()
        return target in (config_dir().resolve(), data_dir().resolve())
    except OSError:
        return False


def _narrow(path: Path, mode: int) -> None:
    """Remove group/other permission bits; no-op on Windows, whose ACLs chmod cannot set."""
    if os.name != "posix":
        return
    current = path.stat().st_mode & 0o777
    if current & ~mode:
        os.chmod(path, current & mode)


def write_private_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, mode 0600 from the first byte on.

    A crash mid-write leaves the old file intact (temp file + ``os.replace`` in the same dir).
    """
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # O_BINARY (Windows only): without it the C runtime turns every \n into \r\n
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # O_CREAT's mode does not apply to a leftover temp file
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
