"""Opening a versioned SQLite file of ours (history, address book) that may have been damaged."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def open_or_set_aside(
    path: Path | str,
    connect: Callable[[], sqlite3.Connection],
    migrate: Callable[[sqlite3.Connection], None],
    *,
    error: type[Exception],
    unusable: str,
    moved: str,
    warn: Callable[[str], None],
) -> sqlite3.Connection:
    """Connect and migrate; a file SQLite cannot read is moved aside (never deleted) and a fresh
    one started, with ``moved`` told to the user. ``unusable`` and ``moved`` are format strings
    with ``{exc}`` (and ``{aside}``); an in-memory database that fails raises ``error``."""
    db = connect()
    try:
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        if not isinstance(path, Path):
            raise error(unusable.format(exc=exc)) from exc
        aside = path.with_name(path.name + ".corrupt")
        path.replace(aside)
        text = moved.format(exc=exc, aside=aside)
        log.warning("%s", text)
        warn(text)
        db = connect()
        migrate(db)
    return db
