"""The one answer to "can this command run on this call now, and if not why"."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from callpanel.calls import Call, CallState, Capability, Direction, HoldBy, allowed, start_call
from callpanel.calls.policy import (
    COMMAND_CAPABILITIES,
    CallPolicy,
    Command,
    Denial,
    Reason,
    state_denial,
)

LIVE = [CallState.RINGING, CallState.DIALING, CallState.TALKING, CallState.HOLD]


def call(state: CallState, held_by: HoldBy | None = None) -> Call:
    made, _ = start_call("c", Direction.INCOMING, "101", "", at=0.0, state=state)
    return replace(made, held_by=held_by if state is CallState.HOLD else None)


def every_call() -> list[Call]:
    out = [call(s) for s in LIVE if s is not CallState.HOLD]
    return out + [call(CallState.HOLD, by) for by in HoldBy]


@pytest.mark.parametrize("the_call", every_call(), ids=lambda c: f"{c.state.value}-{c.held_by}")
def test_the_state_rule_agrees_with_the_buttons(the_call: Call) -> None:
    """A button the call's state enables is one the client will not refuse for the state."""
    for command, caps in COMMAND_CAPABILITIES.items():
        for cap in caps & allowed(the_call):
            if cap is Capability.UNHOLD and command is Command.HOLD:
                continue  # one command behind two buttons: HOLD's state is checked as HOLD
            if cap is Capability.HOLD and command is Command.UNHOLD:
                continue
            assert state_denial(command, the_call) is None, (command, cap)


def test_held_by_the_other_side_is_theirs_to_resume() -> None:
    theirs = call(CallState.HOLD, HoldBy.REMOTE)
    denial = state_denial(Command.UNHOLD, theirs)
    assert denial is not None and denial.reason is Reason.HELD_BY_REMOTE
    assert state_denial(Command.DTMF, theirs) is None  # the operator's side is live


def test_state_denials_name_the_state() -> None:
    denial = state_denial(Command.ANSWER, call(CallState.TALKING))
    assert denial == Denial(Command.ANSWER, Reason.CALL_STATE, (("state", "talking"),))
    assert denial.english() == "the call is not ringing (it is talking)"


def test_limits_then_permissions_then_the_call() -> None:
    limits = {Command.HOLD: Denial(Command.HOLD, Reason.NO_HOLD_STRATEGY)}
    policy = CallPolicy(lambda: limits)
    talking = call(CallState.TALKING)
    assert policy.check(Command.HOLD, talking) == limits[Command.HOLD]
    assert policy.check(Command.ANSWER, talking) is not None  # the state
    assert policy.check(Command.DTMF, None, call_id="gone") == Denial(
        Command.DTMF, Reason.NO_SUCH_CALL, (("call", "gone"),)
    )
    policy.permissions.learn_denied(Command.DTMF, "Permission denied")
    assert policy.check(Command.DTMF, talking) == Denial(
        Command.DTMF, Reason.PERMISSION_DENIED, (("detail", "Permission denied"),)
    )
    assert Capability.DTMF not in policy.offered() and Capability.HOLD not in policy.offered()
    policy.permissions.forget()
    assert policy.check(Command.DTMF, talking) is None and Capability.DTMF in policy.offered()


def test_every_reason_has_english() -> None:
    for command, reason in itertools.product(Command, Reason):
        assert Denial(command, reason).english()
