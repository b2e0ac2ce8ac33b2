from __future__ import annotations

from callpanel.calls.events import (
    ActiveCallSnapshot,
    CallInfoChanged,
    CallSnapshot,
    CallState,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from callpanel.ui.callboard import CallBoard

from .conftest import FakeClock


def test_life_of_a_call(clock: FakeClock) -> None:
    board = CallBoard(clock=clock)
    change = board.apply(RingStarted("a", Direction.INCOMING, "+79161234567", "Ivan"))
    assert [c.state for c in change.added] == [CallState.RINGING]
    clock.advance(3)
    (call,) = board.apply(CommutationStarted("a")).updated
    assert call.state is CallState.TALKING and call.answered_at == clock.now
    (call,) = board.apply(PutHoldAction("a", HoldBy.REMOTE)).updated
    assert call.state is CallState.HOLD and call.held_by is HoldBy.REMOTE
    (call,) = board.apply(EndHoldAction("a")).updated
    assert call.state is CallState.TALKING and call.held_by is None
    (call,) = board.apply(CallInfoChanged("a", "+79031112233", "Olga")).updated
    assert (call.number, call.name) == ("+79031112233", "Olga")
    clock.advance(10)
    (ended,) = board.apply(RingFinished("a", EndReason.COMPLETED)).ended
    assert ended.state is CallState.ENDED and ended.ended_at == clock.now
    assert board.calls() == []


def test_ringing_on_top_and_unknown_events_ignored(clock: FakeClock) -> None:
    board = CallBoard(clock=clock)
    board.apply(RingStarted("a", Direction.INCOMING, "1", ""))
    board.apply(CommutationStarted("a"))
    clock.advance(1)
    board.apply(RingStarted("b", Direction.INCOMING, "2", ""))
    assert [c.call_id for c in board.calls()] == ["b", "a"]
    assert not board.apply(CommutationStarted("nope"))
    assert not board.apply(RingFinished("nope", EndReason.MISSED))


def test_snapshot_resyncs(clock: FakeClock) -> None:
    board = CallBoard(clock=clock)
    board.apply(RingStarted("a", Direction.INCOMING, "1", ""))
    board.apply(RingStarted("b", Direction.OUTGOING, "2", ""))
    change = board.apply(
        ActiveCallSnapshot(
            (
                CallSnapshot("a", CallState.HOLD, Direction.INCOMING, "1", "One"),
                CallSnapshot("c", CallState.TALKING, Direction.OUTGOING, "3", ""),
            )
        )
    )
    assert [c.call_id for c in change.added] == ["c"]
    assert [(c.call_id, c.state, c.held_by) for c in change.updated] == [
        ("a", CallState.HOLD, HoldBy.OPERATOR)
    ]
    assert [(c.call_id, c.end_reason) for c in change.ended] == [("b", EndReason.FAILED)]
    assert {c.call_id for c in board.calls()} == {"a", "c"}
