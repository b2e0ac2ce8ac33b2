"""The call model: one transition table, events per input, capabilities (pure, no PBX)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.calls import (
    TRANSITIONS,
    Call,
    CallInfoChanged,
    CallInput,
    CallState,
    Capability,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
    allowed,
    apply,
    capabilities,
    change_info,
    start_call,
    transition,
)

# Deterministic: the same examples every run (and no example database on disk).
DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)
LIVE = {CallState.RINGING, CallState.DIALING, CallState.TALKING, CallState.HOLD}


def call_in(state: CallState, direction: Direction = Direction.INCOMING) -> Call:
    call, _ = start_call("c", direction, "+7916", "Ivan", at=1.0, state=state)
    return call


def test_the_table_by_hand() -> None:
    assert TRANSITIONS == {
        (CallState.RINGING, CallInput.ANSWER): CallState.TALKING,
        (CallState.DIALING, CallInput.ANSWER): CallState.TALKING,
        (CallState.TALKING, CallInput.HOLD): CallState.HOLD,
        (CallState.HOLD, CallInput.HOLD): CallState.HOLD,
        (CallState.HOLD, CallInput.UNHOLD): CallState.TALKING,
        (CallState.RINGING, CallInput.END): CallState.ENDED,
        (CallState.DIALING, CallInput.END): CallState.ENDED,
        (CallState.TALKING, CallInput.END): CallState.ENDED,
        (CallState.HOLD, CallInput.END): CallState.ENDED,
    }


@DETERMINISTIC
@given(st.sampled_from(CallState), st.sampled_from(CallInput))
def test_every_pair_moves_to_a_valid_state_or_is_rejected_and_logged(
    state: CallState, inp: CallInput
) -> None:
    logger = logging.getLogger("callpanel.calls.model")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        nxt = transition(state, inp)
        call, events = apply(call_in(state), inp, at=2.0, by=HoldBy.REMOTE)
    finally:
        logger.removeHandler(handler)
    if nxt is None:
        assert records and all(r.levelno == logging.WARNING for r in records)
        assert events == [] and call.state is state  # ignored, never raised
        assert state is CallState.ENDED or (state, inp) not in TRANSITIONS
    else:
        assert nxt in CallState and not records
        assert call.state is nxt
        assert state in LIVE  # nothing ever leaves ENDED


@DETERMINISTIC
@given(st.lists(st.sampled_from(CallInput), max_size=30), st.sampled_from(Direction))
def test_any_input_sequence_keeps_a_consistent_call(
    inputs: list[CallInput], direction: Direction
) -> None:
    call, ring = start_call("c", direction, "1", "", at=0.0)
    assert isinstance(ring, RingStarted)
    for n, inp in enumerate(inputs, start=1):
        before = call
        call, events = apply(call, inp, at=float(n), by=HoldBy.OPERATOR)
        assert (call.state is CallState.HOLD) == (call.held_by is not None)
        assert (call.state is CallState.ENDED) == (call.end_reason is not None)
        if before.state is CallState.ENDED:
            assert call == before and events == []
        if call.answered_at is not None:
            assert call.answered_at >= call.started_at
        assert len(events) <= 1


def test_events_for_each_input() -> None:
    ringing = call_in(CallState.RINGING)
    talking, ev = apply(ringing, CallInput.ANSWER, at=5.0)
    assert ev == [CommutationStarted("c")] and talking.answered_at == 5.0
    held, ev = apply(talking, CallInput.HOLD, at=6.0, by=HoldBy.REMOTE)
    assert ev == [PutHoldAction("c", HoldBy.REMOTE)] and held.held_by is HoldBy.REMOTE
    same, ev = apply(held, CallInput.HOLD, at=6.5, by=HoldBy.REMOTE)
    assert ev == [] and same == held  # nothing changed: no second PutHoldAction
    swapped, ev = apply(held, CallInput.HOLD, at=6.6, by=HoldBy.OPERATOR)
    assert ev == [PutHoldAction("c", HoldBy.OPERATOR)]
    back, ev = apply(swapped, CallInput.UNHOLD, at=7.0)
    assert ev == [EndHoldAction("c")] and back.state is CallState.TALKING
    done, ev = apply(back, CallInput.END, at=9.0, reason=EndReason.COMPLETED)
    assert ev == [RingFinished("c", EndReason.COMPLETED)]
    assert (done.ended_at, done.end_reason, done.held_by) == (9.0, EndReason.COMPLETED, None)


def test_impossible_inputs_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="callpanel.calls.model"):
        call, ev = apply(call_in(CallState.RINGING), CallInput.HOLD, at=1.0)
    assert ev == [] and call.state is CallState.RINGING
    assert "ringing + hold" in caplog.text


def test_start_call_states_and_ring_event() -> None:
    call, ring = start_call("x", Direction.OUTGOING, "102", "", internal=True, at=3.0)
    assert call.state is CallState.DIALING and call.internal and call.started_at == 3.0
    assert ring == RingStarted("x", Direction.OUTGOING, "102", "", True)
    call, _ = start_call("y", Direction.INCOMING, "1", "", at=0.0)
    assert call.state is CallState.RINGING


def test_change_info_only_on_a_real_change() -> None:
    call = call_in(CallState.TALKING)
    same, ev = change_info(call, "+7916", "Ivan")
    assert ev == [] and same is call
    new, ev = change_info(call, "+7903", "Olga")
    assert ev == [CallInfoChanged("c", "+7903", "Olga")] and new.number == "+7903"
    ended = call_in(CallState.ENDED)
    assert change_info(ended, "1", "2")[1] == []


def test_capabilities_per_state() -> None:
    everything = frozenset(Capability)
    assert capabilities(call_in(CallState.RINGING), everything) == {
        Capability.ANSWER,
        Capability.HANGUP,
    }
    assert capabilities(call_in(CallState.DIALING, Direction.OUTGOING), everything) == {
        Capability.HANGUP
    }
    talking = {
        Capability.HOLD,
        Capability.HANGUP,
        Capability.TRANSFER,
        Capability.ATTENDED_TRANSFER,
        Capability.DTMF,
    }
    assert capabilities(call_in(CallState.TALKING), everything) == talking
    held, _ = apply(call_in(CallState.TALKING), CallInput.HOLD, at=1.0, by=HoldBy.OPERATOR)
    assert capabilities(held, everything) == {
        Capability.UNHOLD,
        Capability.HANGUP,
        Capability.TRANSFER,
        Capability.ATTENDED_TRANSFER,
    }
    by_remote, _ = apply(call_in(CallState.TALKING), CallInput.HOLD, at=1.0, by=HoldBy.REMOTE)
    assert capabilities(by_remote, everything) == talking
    assert capabilities(call_in(CallState.ENDED), everything) == frozenset()


@DETERMINISTIC
@given(st.sampled_from(CallState), st.frozensets(st.sampled_from(Capability)))
def test_capabilities_never_exceed_what_is_offered(
    state: CallState, offered: frozenset[Capability]
) -> None:
    call = call_in(state)
    caps = capabilities(call, offered)
    assert caps <= offered and caps <= allowed(call)


def test_every_pair_exhaustively() -> None:
    """All 20 (state, input) pairs, not a sample: allowed ones live, the rest are refused."""
    for state in CallState:
        for inp in CallInput:
            nxt = transition(state, inp)
            assert (nxt is not None) == ((state, inp) in TRANSITIONS)
            if nxt is not None:
                assert state in LIVE and nxt in CallState
