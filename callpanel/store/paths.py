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
    """Create ``path`` (and parents) readable only by the user; an existing dir is left as is."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_private_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, mode 0600 from the first byte on.

    A crash mid-write leaves the old file intact (temp file + ``os.replace`` in the same dir).
    """
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
