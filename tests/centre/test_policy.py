"""The one answer to "can this call-centre command run now, and if not why"."""

from __future__ import annotations

from callpanel.centre import CentreCommand, CentreState, ColleagueState, RefusalReason, refusal

from .test_state import colleague, member


def reason(command: CentreCommand, state: CentreState, **kw: object) -> RefusalReason | None:
    found = refusal(command, state, **kw)  # type: ignore[arg-type]
    return found.reason if found is not None else None


def test_queue_commands() -> None:
    state = CentreState()
    assert reason(CentreCommand.PAUSE, state) is RefusalReason.NO_MEMBERSHIPS
    assert reason(CentreCommand.QUEUE_LOGIN, state, queue="support") is None
    state.put_member(member(), True)
    state.put_member(member("sales", dynamic=False), True)
    assert reason(CentreCommand.QUEUE_LOGIN, state, queue="support") is (
        RefusalReason.ALREADY_MEMBER
    )
    assert reason(CentreCommand.QUEUE_LOGOUT, state, queue="support") is None
    assert reason(CentreCommand.QUEUE_LOGOUT, state, queue="sales") is RefusalReason.STATIC_MEMBER
    assert reason(CentreCommand.QUEUE_LOGOUT, state, queue="x") is RefusalReason.NOT_A_MEMBER
    assert reason(CentreCommand.PAUSE, state, queue="x") is RefusalReason.NOT_A_MEMBER
    assert reason(CentreCommand.PAUSE, state) is None
    assert reason(CentreCommand.UNPAUSE, state, queue="sales") is None  # static may pause


def test_permission_and_link_come_first() -> None:
    state = CentreState()
    state.put_member(member(), True)
    denied = {CentreCommand.PAUSE: "Permission denied"}
    found = refusal(CentreCommand.PAUSE, state, denied=denied)
    assert found is not None and found.reason is RefusalReason.NO_PERMISSION
    assert "Permission denied" in found.english()
    assert reason(CentreCommand.PAUSE, state, connected=False) is RefusalReason.NOT_CONNECTED


def test_pickup_needs_a_ringing_colleague_with_a_phone() -> None:
    state = CentreState()
    assert reason(CentreCommand.PICKUP, state, extension="102") is (RefusalReason.UNKNOWN_COLLEAGUE)
    state.put_colleague(colleague("102"))
    assert reason(CentreCommand.PICKUP, state, extension="102") is RefusalReason.NOT_RINGING
    state.set_colleague_state("102", ColleagueState.RINGING)
    assert reason(CentreCommand.PICKUP, state, extension="102") is None
    assert reason(CentreCommand.PICKUP, state, extension="102", pickup_devices=()) is (
        RefusalReason.NO_PICKUP_DEVICE
    )
