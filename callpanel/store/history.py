"""Call history in SQLite: what the operator handled, missed calls not yet seen, recent numbers.

One table, parameterised SQL only, schema versioned with ``PRAGMA user_version``. A corrupt
database file is moved aside and a fresh one started (the panel must keep working); a database
from a newer callpanel raises ``HistoryError`` so it is never damaged by an older version.
Used from one thread (the UI's); every write is its own short transaction.
"""

from __future__ import annotations

import enum
import logging
import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from . import paths

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite3"
SCHEMA_VERSION = 1
MAX_TEXT = 256  # numbers and names longer than this are cut, not refused
DEFAULT_MAX_ENTRIES = 10_000
DIRECTIONS = frozenset({"incoming", "outgoing"})
MISSED = "missed"

_SCHEMA_V1 = """
CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    call_id     TEXT    NOT NULL UNIQUE,
    direction   TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    number      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    started_at  REAL    NOT NULL,
    answered_at REAL,
    ended_at    REAL,
    end_reason  TEXT,
    seen        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_unseen ON calls (seen) WHERE seen = 0;
"""

# from-version → script that brings the schema to the next version (0 = empty file).
MIGRATIONS: dict[int, str] = {0: _SCHEMA_V1}


class HistoryError(Exception):
    """The history cannot be opened or a record is invalid."""


class CallLike(Protocol):
    """What ``add_from_call`` reads: ``callpanel.calls.model.Call`` fits."""

    @property
    def call_id(self) -> str: ...
    @property
    def direction(self) -> Any: ...  # an enum with .value "incoming"/"outgoing", or the str
    @property
    def number(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def started_at(self) -> float: ...
    @property
    def answered_at(self) -> float | None: ...
    @property
    def ended_at(self) -> float | None: ...
    @property
    def end_reason(self) -> Any: ...  # an enum with .value, a str, or None


@dataclass(frozen=True)
class HistoryEntry:
    call_id: str
    direction: str  # "incoming" | "outgoing"
    number: str
    name: str
    started_at: float
    answered_at: float | None
    ended_at: float | None
    end_reason: str | None  # an EndReason value, e.g. "missed", "completed"
    seen: bool

    @property
    def missed(self) -> bool:
        return self.end_reason == MISSED

    @property
    def duration(self) -> float | None:
        """Talk time in seconds, if the call was answered and has ended."""
        if self.answered_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.answered_at)


def _value(obj: Any) -> Any:
    return obj.value if isinstance(obj, enum.Enum) else obj


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise HistoryError(f"{what} must be text, not {type(value).__name__}")
    return value[:MAX_TEXT]


def _time(value: Any, what: str, *, optional: bool) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise HistoryError(f"{what} must be a finite timestamp, not {value!r}")
    return float(value)


class History:
    """The call history at ``path`` (default ``paths.data_dir() / "history.sqlite3"``);
    ``":memory:"`` for a throw-away one. ``on_warning`` receives repairs to show the user.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        if path is None:
            path = paths.data_dir() / HISTORY_FILE
        self.path = path
        self.max_entries = max_entries
        self._warn = on_warning or (lambda text: None)
        self._db = self._open()

    # --- opening and migrating -----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if isinstance(self.path, Path):
            paths.ensure_private_file(self.path)  # 0600 before SQLite creates it 0644
        db = sqlite3.connect(str(self.path), isolation_level=None)  # explicit transactions
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def _open(self) -> sqlite3.Connection:
        db = self._connect()
        try:
            self._migrate(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            if not isinstance(self.path, Path):
                raise HistoryError(f"the history database is unusable: {exc}") from exc
            aside = self.path.with_name(self.path.name + ".corrupt")
            self.path.replace(aside)
            text = f"the call history was unreadable ({exc}); moved to {aside}, starting afresh"
            log.warning("%s", text)
            self._warn(text)
            db = self._connect()
            self._migrate(db)
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise HistoryError(
                f"the call history was written by a newer callpanel (schema {version}); "
                "it is left untouched"
            )
        while version < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                # PRAGMA cannot take parameters; the value is our own integer constant.
                db.execute(f"PRAGMA user_version = {int(version) + 1}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            version += 1

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def add(
        self,
        *,
        call_id: str,
        direction: str,
        number: str,
        name: str,
        started_at: float,
        answered_at: float | None = None,
        ended_at: float | None = None,
        end_reason: str | None = None,
    ) -> None:
        """Record a call (or update it: the same ``call_id`` again replaces its details).

        A missed call starts unseen; it counts in ``unseen()`` until ``mark_seen()``.
        """
        row = {
            "call_id": _text(call_id, "call_id"),
            "direction": self._direction(direction),
            "number": _text(number, "number"),
            "name": _text(name, "name"),
            "started_at": _time(started_at, "started_at", optional=False),
            "answered_at": _time(answered_at, "answered_at", optional=True),
            "ended_at": _time(ended_at, "ended_at", optional=True),
            "end_reason": None if end_reason is None else _text(end_reason, "end_reason"),
        }
        if not row["call_id"]:
            raise HistoryError("call_id must not be empty")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                """
                INSERT INTO calls (call_id, direction, number, name, started_at, answered_at,
                                   ended_at, end_reason, seen)
                VALUES (:call_id, :direction, :number, :name, :started_at, :answered_at,
                        :ended_at, :end_reason, CASE WHEN :end_reason = 'missed' THEN 0 ELSE 1 END)
                ON CONFLICT (call_id) DO UPDATE SET
                    direction = excluded.direction, number = excluded.number,
                    name = excluded.name, started_at = excluded.started_at,
                    answered_at = excluded.answered_at, ended_at = excluded.ended_at,
                    seen = CASE
                        WHEN excluded.end_reason IS NOT 'missed' THEN 1
                        WHEN calls.end_reason IS 'missed' THEN calls.seen
                        ELSE 0 END,
                    end_reason = excluded.end_reason
                """,
                row,
            )
            self._prune()
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def add_from_call(self, call: CallLike) -> None:
        """Record a ``callpanel.calls.model.Call`` (duck-typed; enums are stored by value)."""
        self.add(
            call_id=call.call_id,
            direction=_value(call.direction),
            number=call.number,
            name=call.name,
            started_at=call.started_at,
            answered_at=call.answered_at,
            ended_at=call.ended_at,
            end_reason=_value(call.end_reason),
        )

    def mark_seen(self) -> int:
        """Every missed call counts as seen now; returns how many were unseen."""
        cur = self._db.execute("UPDATE calls SET seen = 1 WHERE seen = 0")
        return cur.rowcount

    def clear(self) -> None:
        self._db.execute("DELETE FROM calls")

    def _prune(self) -> None:
        """Keep the newest ``max_entries`` calls so the file cannot grow without bound."""
        self._db.execute(
            """
            DELETE FROM calls WHERE id IN (
                SELECT id FROM calls ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?)
            """,
            (self.max_entries,),
        )

    @staticmethod
    def _direction(direction: Any) -> str:
        if direction not in DIRECTIONS:
            raise HistoryError(f"direction must be 'incoming' or 'outgoing', not {direction!r}")
        return str(direction)

    # --- reading -------------------------------------------------------------------------------

    def unseen(self) -> int:
        """Missed calls the operator has not looked at yet (the tray badge)."""
        return int(self._db.execute("SELECT COUNT(*) FROM calls WHERE seen = 0").fetchone()[0])

    def recent(self, limit: int = 50) -> list[HistoryEntry]:
        """The newest calls first."""
        rows = self._db.execute(
            """
            SELECT call_id, direction, number, name, started_at, answered_at, ended_at,
                   end_reason, seen
            FROM calls ORDER BY started_at DESC, id DESC LIMIT ?
            """,
            (self._limit(limit),),
        ).fetchall()
        return [
            HistoryEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])) for r in rows
        ]

    def recent_numbers(self, limit: int = 10) -> list[str]:
        """Distinct non-empty numbers, the most recently used first (for the transfer dialog)."""
        rows = self._db.execute(
            """
            SELECT number FROM calls WHERE number != ''
            GROUP BY number ORDER BY MAX(started_at) DESC, MAX(id) DESC LIMIT ?
            """,
            (self._limit(limit),),
        ).fetchall()
        return [r[0] for r in rows]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])

    @staticmethod
    def _limit(limit: int) -> int:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise HistoryError(f"limit must be a non-negative integer, not {limit!r}")
        return limit


def _statements(script: str) -> list[str]:
    """Split our own migration script (no ';' inside literals) into single statements, so the
    whole migration runs inside one transaction (``executescript`` would commit first)."""
    return [s.strip() for s in script.split(";") if s.strip()]
