"""Property tests of the one reducer (the adapter writing the CallStore) on the real recordings.

Two recordings (new Uniqueids for each copy) are delivered interleaved in an order hypothesis
picks, as two operators' worth of traffic would arrive on one AMI link. Whatever the order:

* one call per caller: each recording gives as many calls, with the same direction and number,
  as it gives alone (calls are neither split nor merged by the other traffic);
* every call ends: each call that started finishes exactly once, and nothing is left behind;
* no impossible step: every event published changes the store it was written to, and replayed
  into a fresh store each one is a step the transition table allows.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls import (
    TRANSITIONS,
    ActiveCallSnapshot,
    CallEvent,
    CallInfoChanged,
    CallInput,
    CallState,
    CallStore,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from tests.asterisk.test_adapter_support import body, parse_events, rewrite
from tests.conftest import CAPTURES

DETERMINISTIC = settings(derandomize=True, deadline=None, database=None, max_examples=60)
RECORDINGS = sorted(CAPTURES.glob("*/*.ami"))
BANNER = b"Asterisk Call Manager/7.0.3\r\n"
_RESYNC = ("CoreShowChannel", "CoreShowChannelsComplete")  # a listing of half the PBX: skip


def events_of(path: Path, copy: int) -> list[Event]:
    data = BANNER + rewrite(body(path.read_bytes()), copy)
    return [e for e in parse_events(data) if e.name not in _RESYNC]


def run(events: list[Event]) -> tuple[list[CallEvent], AsteriskAdapter, list[bool]]:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 1000.0)
    changed: list[bool] = []
    before = CallStore(clock=lambda: 1000.0)
    out: list[CallEvent] = []
    for event in events:
        for published in adapter.handle(event):
            out.append(published)
            changed.append(bool(before.apply(published)))
    return out, adapter, changed


def calls_of(events: list[CallEvent], copy: int) -> Counter[tuple[str, str]]:
    prefix = str(copy)
    return Counter(
        (e.direction.value, e.number)
        for e in events
        if isinstance(e, RingStarted) and e.call_id.startswith(prefix)
    )


def interleave(first: list[Event], second: list[Event], schedule: list[bool]) -> list[Event]:
    out: list[Event] = []
    a, b = iter(first), iter(second)
    pending = [a, b]
    for pick in schedule:
        source = pending[0] if pick or len(pending) == 1 else pending[1]
        item = next(source, None)
        if item is None:
            pending.remove(source)
            if not pending:
                break
            continue
        out.append(item)
    for source in pending:
        out.extend(source)
    return out


@DETERMINISTIC
@given(
    st.sampled_from(RECORDINGS),
    st.sampled_from(RECORDINGS),
    st.lists(st.booleans(), max_size=400),
)
def test_interleaved_recordings_keep_every_invariant(
    one: Path, other: Path, schedule: list[bool]
) -> None:
    first, second = events_of(one, 1), events_of(other, 2)
    alone_first, _, _ = run(first)
    alone_second, _, _ = run(second)
    mixed, adapter, changed = run(interleave(first, second, schedule))

    # one call per caller
    assert calls_of(mixed, 1) == calls_of(alone_first, 1)
    assert calls_of(mixed, 2) == calls_of(alone_second, 2)
    # every call ends, once
    started = Counter(e.call_id for e in mixed if isinstance(e, RingStarted))
    finished = Counter(e.call_id for e in mixed if isinstance(e, RingFinished))
    assert started == finished and set(started.values()) <= {1}
    assert not adapter.calls
    assert adapter.sizes() == {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}
    # no impossible step
    assert all(changed[i] for i, e in enumerate(mixed) if not isinstance(e, ActiveCallSnapshot))


_CALL_EVENTS = st.sampled_from(
    ["ring_in", "ring_out", "answer", "hold_op", "hold_remote", "unhold", "info", "end"]
)


@DETERMINISTIC
@given(st.lists(st.tuples(st.integers(0, 3), _CALL_EVENTS), max_size=60))
def test_any_sequence_of_call_events_keeps_the_store_sane(
    steps: list[tuple[int, str]],
) -> None:
    """Whatever a connector sends, the store holds only live calls, ends each call once and
    changes only along the transition table."""
    store = CallStore(clock=lambda: 5.0)
    added: Counter[str] = Counter()
    ended: Counter[str] = Counter()
    inputs = {
        "answer": CallInput.ANSWER,
        "hold_op": CallInput.HOLD,
        "hold_remote": CallInput.HOLD,
        "unhold": CallInput.UNHOLD,
        "end": CallInput.END,
    }
    for n, kind in steps:
        cid = f"c{n}"
        before = store.get(cid)
        event: CallEvent = {
            "ring_in": RingStarted(cid, Direction.INCOMING, "1", ""),
            "ring_out": RingStarted(cid, Direction.OUTGOING, "2", ""),
            "answer": CommutationStarted(cid),
            "hold_op": PutHoldAction(cid, HoldBy.OPERATOR),
            "hold_remote": PutHoldAction(cid, HoldBy.REMOTE),
            "unhold": EndHoldAction(cid),
            "info": CallInfoChanged(cid, "3", "Olga"),
            "end": RingFinished(cid, EndReason.COMPLETED),
        }[kind]
        change = store.apply(event)
        for call in change.added:
            added[call.call_id] += 1
        for call in change.ended:
            ended[call.call_id] += 1
            assert call.state is CallState.ENDED and call.end_reason is not None
        after = store.get(cid)
        if before is not None and kind in inputs and change:
            nxt = TRANSITIONS.get((before.state, inputs[kind]))
            assert nxt is not None  # only steps the table allows change a call
            assert (after.state if after is not None else CallState.ENDED) is nxt
        assert all(c.state is not CallState.ENDED for c in store.values())
        assert all(ended[c] <= added[c] for c in ended)  # a call ends once per start
