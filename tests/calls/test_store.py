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
from callpanel.calls.store import CallStore

from .conftest import FakeClock


def test_life_of_a_call(clock: FakeClock) -> None:
    board = CallStore(clock=clock)
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
    board = CallStore(clock=clock)
    board.apply(RingStarted("a", Direction.INCOMING, "1", ""))
    board.apply(CommutationStarted("a"))
    clock.advance(1)
    board.apply(RingStarted("b", Direction.INCOMING, "2", ""))
    assert [c.call_id for c in board.calls()] == ["b", "a"]
    assert not board.apply(CommutationStarted("nope"))
    assert not board.apply(RingFinished("nope", EndReason.MISSED))


def test_snapshot_resyncs(clock: FakeClock) -> None:
    board = CallStore(clock=clock)
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


def test_impossible_steps_change_nothing(clock: FakeClock) -> None:
    store = CallStore(clock=clock)
    store.apply(RingStarted("a", Direction.INCOMING, "1", ""))
    assert not store.apply(EndHoldAction("a"))  # not on hold
    assert not store.apply(PutHoldAction("a", HoldBy.OPERATOR))  # ringing: nothing to hold
    assert store["a"].state is CallState.RINGING
    store.apply(CommutationStarted("a"))
    store.apply(PutHoldAction("a", HoldBy.REMOTE))
    assert not store.apply(PutHoldAction("a", HoldBy.REMOTE))  # the same holder again
    assert not store.apply(CommutationStarted("a"))  # answered already


def test_listeners_see_every_change_once(clock: FakeClock) -> None:
    store = CallStore(clock=clock)
    seen: list[CallStore | object] = []
    stop = store.subscribe(seen.append)
    store.subscribe(lambda change: 1 / 0)  # a broken listener does not stop the others
    store.apply(RingStarted("a", Direction.OUTGOING, "101", ""))
    store.apply(EndHoldAction("a"))  # no change: no call
    store.apply(RingFinished("a", EndReason.NO_ANSWER))
    assert len(seen) == 2
    stop()
    store.apply(RingStarted("b", Direction.OUTGOING, "102", ""))
    assert len(seen) == 2


def test_snapshot_keeps_who_holds(clock: FakeClock) -> None:
    store = CallStore(clock=clock)
    store.apply(
        ActiveCallSnapshot(
            (CallSnapshot("a", CallState.HOLD, Direction.INCOMING, "1", "", held_by=HoldBy.REMOTE),)
        )
    )
    assert store["a"].held_by is HoldBy.REMOTE
    assert store.snapshot().calls[0].held_by is HoldBy.REMOTE
