"""History for a living: notes and outcomes, search, filters, pages, retention, CSV export."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from callpanel.cli import main
from callpanel.store.history import Filter, History, HistoryError
from callpanel.store.history_export import write_csv

T0 = 1_780_000_000.0


def fill(h: History) -> None:
    h.add(call_id="a", direction="incoming", number="+79161234567", name="Иван Петров",
          started_at=T0, answered_at=T0 + 5, ended_at=T0 + 65, end_reason="completed")
    h.add(call_id="b", direction="incoming", number="anonymous", name="",
          started_at=T0 + 100, ended_at=T0 + 110, end_reason="missed")
    h.add(call_id="c", direction="outgoing", number="84951234567", name="",
          started_at=T0 + 200, ended_at=T0 + 230, end_reason="busy")
    h.add(call_id="d", direction="incoming", number="+442071838750", name="=HYPERLINK(1)",
          started_at=T0 + 300, ended_at=T0 + 301, end_reason="rejected")


@pytest.fixture
def history() -> History:
    h = History(":memory:")
    fill(h)
    return h


def ids(entries: list) -> list[str]:  # type: ignore[type-arg]
    return [e.call_id for e in entries]


def test_filters_and_search(history: History) -> None:
    assert ids(history.query()) == ["d", "c", "b", "a"]
    assert ids(history.query(kind=Filter.MISSED)) == ["b"]
    assert ids(history.query(kind=Filter.INCOMING)) == ["d", "b", "a"]
    assert ids(history.query(kind=Filter.OUTGOING)) == ["c"]
    assert ids(history.query(kind=Filter.TODAY, since=T0 + 150)) == ["d", "c"]
    assert ids(history.query("ИВАН")) == ["a"]  # Cyrillic, any case
    assert ids(history.query("916 123")) == ["a"]  # digits as typed
    assert ids(history.query("4951")) == ["c"]
    assert ids(history.query("100%")) == []  # LIKE wildcards are literal
    assert history.count(kind=Filter.INCOMING) == 3
    with pytest.raises(HistoryError):
        history.query(kind=Filter.TODAY)


def test_pages(history: History) -> None:
    assert ids(history.query(limit=2)) == ["d", "c"]
    assert ids(history.query(limit=2, offset=2)) == ["b", "a"]
    assert history.query(limit=2, offset=4) == []


def test_note_outcome_and_contact_survive_the_calls_end(history: History) -> None:
    history.add(call_id="live", direction="incoming", number="101", name="Desk",
                started_at=T0 + 400)  # during the call
    history.set_note("live", "wants a quote\nby Friday")
    history.set_outcome("live", "  call   back ")
    history.set_contact("live", "Ольга Смирнова")
    history.add(call_id="live", direction="incoming", number="101", name="Desk",
                started_at=T0 + 400, answered_at=T0 + 402, ended_at=T0 + 500,
                end_reason="completed")
    entry = history.get("live")
    assert entry is not None
    assert (entry.note, entry.outcome, entry.contact) == (
        "wants a quote\nby Friday", "call back", "Ольга Смирнова")
    assert ids(history.query("смирнова")) == ["live"]
    with pytest.raises(HistoryError):
        history.set_note("nope", "x")


def test_retention_by_age(history: History) -> None:
    assert history.prune_older_than(T0 + 150) == 2
    assert ids(history.query()) == ["d", "c"]


def test_a_version_1_file_is_upgraded_keeping_its_calls(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE calls (id INTEGER PRIMARY KEY, call_id TEXT NOT NULL UNIQUE,
            direction TEXT NOT NULL, number TEXT NOT NULL, name TEXT NOT NULL,
            started_at REAL NOT NULL, answered_at REAL, ended_at REAL, end_reason TEXT,
            seen INTEGER NOT NULL DEFAULT 1);
        INSERT INTO calls (call_id, direction, number, name, started_at)
            VALUES ('old', 'incoming', '101', 'Пётр', 1.0);
        PRAGMA user_version = 1;
        """
    )
    db.close()
    with History(path) as h:
        assert ids(h.query("пётр")) == ["old"]
        h.set_note("old", "kept")


def test_csv_export_is_spreadsheet_safe(history: History) -> None:
    history.set_note("a", "перезвонить; после 15:00")
    out = io.StringIO(newline="")
    assert write_csv(history.query(), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    by_id = {r["number"]: r for r in rows}
    assert by_id["+79161234567"]["talk_seconds"] == "60"
    assert by_id["+79161234567"]["note"] == "перезвонить; после 15:00"
    assert by_id["+442071838750"]["name"] == "'=HYPERLINK(1)"  # never a formula
    assert by_id["+442071838750"]["end_reason"] == "rejected"
    assert by_id["anonymous"]["answered"] == ""


def test_cli_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CALLPANEL_DATA_DIR", str(tmp_path / "data"))
    with History() as h:
        fill(h)
    target = tmp_path / "calls.csv"
    assert main(["history", "export", str(target), "--delimiter", ";"]) == 0
    assert "exported 4 calls" in capsys.readouterr().out
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstarted;direction;number")
    assert "Иван Петров".encode() in data
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert main(["history", "export", str(tmp_path / "no" / "dir.csv")]) == 1


def test_where_a_call_came_from_is_kept_through_answer_and_end() -> None:
    """Issue 13 item 2: the queue and the wait (or the dialled number) are in the history,
    also after the call was answered and ended (the same call written again)."""
    from dataclasses import replace

    from callpanel.calls import Direction, EndReason
    from callpanel.calls.model import start_call

    ringing, _ = start_call("q1", Direction.INCOMING, "+79161234567", "Иван", at=T0)
    ringing = replace(ringing, queue="support", waited_s=42, dialled="74951234500")
    group, _ = start_call("g1", Direction.INCOMING, "+79031112233", "", at=T0 + 10)
    group = replace(group, dialled="74951234501")
    with History(":memory:") as h:
        h.add_from_call(ringing)
        h.add_from_call(replace(ringing, answered_at=T0 + 3, ended_at=T0 + 60,
                                end_reason=EndReason.COMPLETED))
        h.add_from_call(group)
        queued = h.get("q1")
        assert queued is not None
        assert (queued.queue, queued.waited_s, queued.dialled) == ("support", 42, "74951234500")
        assert queued.duration == 57
        grouped = h.get("g1")
        assert grouped is not None
        assert (grouped.queue, grouped.waited_s, grouped.dialled) == ("", None, "74951234501")
        out = io.StringIO(newline="")
        write_csv(h.query(), out)
    rows = {r["number"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["+79161234567"]["queue"] == "support"
    assert rows["+79161234567"]["waited_seconds"] == "42"
    assert rows["+79031112233"]["dialled"] == "74951234501"
    assert rows["+79031112233"]["waited_seconds"] == ""


@pytest.mark.parametrize("bad", [-1, True, 1.5, "12"])
def test_a_wait_that_is_not_whole_seconds_is_refused(bad: object) -> None:
    with History(":memory:") as h, pytest.raises(HistoryError, match="waited_s"):
        h.add(call_id="x", direction="incoming", number="1", name="", started_at=T0,
              queue="support", waited_s=bad)  # type: ignore[arg-type]


def test_a_version_2_file_is_upgraded_to_3_keeping_notes(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History(path) as h:
        h.add(call_id="old", direction="incoming", number="101", name="Пётр", started_at=1.0)
        h.set_note("old", "kept")
    db = sqlite3.connect(path)  # back to what version 2 wrote
    for column in ("queue", "waited_s", "dialled"):
        db.execute(f"ALTER TABLE calls DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with History(path) as h:
        old = h.get("old")
        assert old is not None and old.note == "kept"
        assert (old.queue, old.waited_s, old.dialled) == ("", None, "")
        h.add(call_id="new", direction="incoming", number="1", name="", started_at=2.0,
              queue="sales", waited_s=5)
        new = h.get("new")
        assert new is not None and new.queue == "sales"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    db.close()
