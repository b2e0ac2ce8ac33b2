"""The one answer to "can this call-centre command run now, and if not why"."""

from __future__ import annotations

from callpanel.calls.policy import Command, Reason
from callpanel.centre import CentreState, ColleagueState, centre_denial

from .test_state import colleague, member


def reason(command: Command, state: CentreState, **kw: object) -> Reason | None:
    found = centre_denial(command, state, **kw)  # type: ignore[arg-type]
    return found.reason if found is not None else None


def test_queue_commands() -> None:
    state = CentreState()
    assert reason(Command.PAUSE, state) is Reason.NO_MEMBERSHIPS
    assert reason(Command.QUEUE_LOGIN, state, queue="support") is None
    state.put_member(member(), True)
    state.put_member(member("sales", dynamic=False), True)
    assert reason(Command.QUEUE_LOGIN, state, queue="support") is (
        Reason.ALREADY_MEMBER
    )
    assert reason(Command.QUEUE_LOGOUT, state, queue="support") is None
    assert reason(Command.QUEUE_LOGOUT, state, queue="sales") is Reason.STATIC_MEMBER
    assert reason(Command.QUEUE_LOGOUT, state, queue="x") is Reason.NOT_A_MEMBER
    assert reason(Command.PAUSE, state, queue="x") is Reason.NOT_A_MEMBER
    assert reason(Command.PAUSE, state) is None
    assert reason(Command.UNPAUSE, state, queue="sales") is None  # static may pause


def test_permission_and_link_come_first() -> None:
    state = CentreState()
    state.put_member(member(), True)
    denied = {Command.PAUSE: "Permission denied"}
    found = centre_denial(Command.PAUSE, state, denied=denied)
    assert found is not None and found.reason is Reason.PERMISSION_DENIED
    assert "Permission denied" in found.english()
    assert reason(Command.PAUSE, state, connected=False) is Reason.NOT_CONNECTED


def test_pickup_needs_a_ringing_colleague_with_a_phone() -> None:
    state = CentreState()
    assert reason(Command.PICKUP, state, extension="102") is (Reason.UNKNOWN_COLLEAGUE)
    state.put_colleague(colleague("102"))
    assert reason(Command.PICKUP, state, extension="102") is Reason.NOT_RINGING
    state.set_colleague_state("102", ColleagueState.RINGING)
    assert reason(Command.PICKUP, state, extension="102") is None
    assert reason(Command.PICKUP, state, extension="102", pickup_devices=()) is (
        Reason.NO_PICKUP_DEVICE
    )
