from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from callpanel.calls.events import CallState, Direction, EndReason
from callpanel.calls.model import Call
from callpanel.store.history import SCHEMA_VERSION, History, HistoryError


def call(
    call_id: str,
    *,
    direction: Direction = Direction.INCOMING,
    number: str = "+79161234567",
    name: str = "Ivan Petrov",
    started_at: float = 1000.0,
    answered_at: float | None = None,
    ended_at: float | None = 1010.0,
    end_reason: EndReason | None = EndReason.MISSED,
) -> Call:
    return Call(
        call_id=call_id,
        direction=direction,
        state=CallState.ENDED,
        number=number,
        name=name,
        internal=False,
        started_at=started_at,
        answered_at=answered_at,
        ended_at=ended_at,
        end_reason=end_reason,
        held_by=None,
    )


@pytest.fixture
def history() -> History:
    return History(":memory:")


def test_add_from_a_real_call_and_read_back(history: History) -> None:
    history.add_from_call(
        call("c1", answered_at=1002.0, ended_at=1062.5, end_reason=EndReason.COMPLETED)
    )
    [entry] = history.recent(10)
    assert entry.call_id == "c1" and entry.direction == "incoming"
    assert (entry.number, entry.name) == ("+79161234567", "Ivan Petrov")
    assert (entry.started_at, entry.answered_at, entry.ended_at) == (1000.0, 1002.0, 1062.5)
    assert entry.end_reason == "completed" and not entry.missed and entry.seen
    assert entry.duration == 60.5


def test_duck_typed_call_with_plain_strings(history: History) -> None:
    @dataclass
    class Other:
        call_id: str = "x"
        direction: Any = "outgoing"
        number: str = "102"
        name: str = ""
        started_at: float = 5
        answered_at: float | None = None
        ended_at: float | None = None
        end_reason: Any = None

    history.add_from_call(Other())
    [entry] = history.recent()
    assert entry.direction == "outgoing" and entry.end_reason is None and entry.duration is None


def test_missed_calls_count_until_seen(history: History) -> None:
    history.add_from_call(call("m1", started_at=1))
    history.add_from_call(call("m2", started_at=2))
    history.add_from_call(call("ok", started_at=3, answered_at=4, end_reason=EndReason.COMPLETED))
    history.add_from_call(
        call("out", direction=Direction.OUTGOING, started_at=5, end_reason=EndReason.NO_ANSWER)
    )
    assert history.unseen() == 2
    assert [e.call_id for e in history.recent() if e.missed] == ["m2", "m1"]
    assert [e.seen for e in history.recent()] == [True, True, False, False]
    assert history.mark_seen() == 2
    assert history.unseen() == 0
    history.add_from_call(call("m3", started_at=6))
    assert history.unseen() == 1


def test_same_call_again_updates_without_resetting_seen(history: History) -> None:
    history.add_from_call(call("c", end_reason=EndReason.MISSED))
    history.mark_seen()
    history.add_from_call(call("c", name="Ivan P.", end_reason=EndReason.MISSED))
    assert history.unseen() == 0 and len(history) == 1
    assert history.recent()[0].name == "Ivan P."
    history.add_from_call(call("c", answered_at=1001, end_reason=EndReason.ANSWERED_ELSEWHERE))
    assert history.recent()[0].end_reason == "answered_elsewhere" and history.unseen() == 0
    history.add_from_call(call("d", end_reason=None, ended_at=None))  # recorded while ringing
    history.add_from_call(call("d", end_reason=EndReason.MISSED))  # then it was missed
    assert history.unseen() == 1


def test_recent_is_newest_first_and_limited(history: History) -> None:
    for i in range(5):
        history.add_from_call(call(f"c{i}", started_at=100 + i, number=str(100 + i)))
    assert [e.call_id for e in history.recent(3)] == ["c4", "c3", "c2"]
    assert history.recent(0) == []
    with pytest.raises(HistoryError):
        history.recent(-1)


def test_recent_numbers_distinct_most_recent_first(history: History) -> None:
    for i, number in enumerate(["101", "102", "101", "", "103", "102"]):
        history.add_from_call(call(f"c{i}", started_at=i, number=number))
    assert history.recent_numbers(10) == ["102", "103", "101"]
    assert history.recent_numbers(2) == ["102", "103"]


def test_hostile_text_is_stored_literally(history: History) -> None:
    evil = "'); DROP TABLE calls; --"
    history.add(call_id=evil, direction="incoming", number=evil, name="Иван\x00\n", started_at=1)
    [entry] = history.recent()
    assert entry.call_id == evil and entry.number == evil and entry.name == "Иван\x00\n"
    history.add(call_id="long", direction="incoming", number="1" * 1000, name="", started_at=2)
    assert len(history.recent(1)[0].number) == 256


@pytest.mark.parametrize(
    "changes",
    [
        {"direction": "sideways"},
        {"call_id": ""},
        {"call_id": 5},
        {"number": None},
        {"started_at": float("nan")},
        {"started_at": None},
        {"ended_at": "yesterday"},
        {"answered_at": True},
        {"end_reason": 3},
    ],
)
def test_invalid_records_are_refused(history: History, changes: dict[str, Any]) -> None:
    record: dict[str, Any] = {
        "call_id": "c",
        "direction": "incoming",
        "number": "1",
        "name": "",
        "started_at": 1.0,
    }
    with pytest.raises(HistoryError):
        history.add(**(record | changes))
    assert len(history) == 0


def test_old_entries_are_pruned(history: History) -> None:
    small = History(":memory:", max_entries=3)
    for i in range(6):
        small.add_from_call(call(f"c{i}", started_at=i))
    assert [e.call_id for e in small.recent()] == ["c5", "c4", "c3"]


def test_persists_with_a_versioned_schema(tmp_path: Path) -> None:
    with History() as history:
        history.add_from_call(call("c1"))
    path = tmp_path / "data" / "history.sqlite3"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    with History(path) as again:
        assert [e.call_id for e in again.recent()] == ["c1"] and again.unseen() == 1


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE calls (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(HistoryError, match="newer"):
        History(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    with History(path, on_warning=warnings.append) as history:
        history.add_from_call(call("c1"))
        assert len(history) == 1
    assert (tmp_path / "h.sqlite3.corrupt").read_bytes().startswith(b"this is not")
    assert warnings and "moved to" in warnings[0]


def test_clear(history: History) -> None:
    history.add_from_call(call("c1"))
    history.clear()
    assert len(history) == 0 and history.unseen() == 0
