"""The answer-method choice against the demo PBX: what the PBX can do (and why not), and the
test call that rings the operator's phone the way each method answers it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio

from callpanel.ami import Event
from callpanel.asterisk.answer_trial import (
    TRANSITIONS,
    AnswerTrial,
    Lack,
    TrialError,
    TrialFailure,
    TrialSession,
    TrialState,
    TrialStatus,
)
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from callpanel.calls.policy import Reason
from callpanel.sim import SimConfig, SimPbx, SimUser

pytestmark = pytest.mark.timeout(30)

NARROW = SimUser("narrow", "narrow-secret", write=frozenset({"call", "originate", "reporting"}))


@pytest_asyncio.fixture(params=["18", "22"])
async def sim(request: pytest.FixtureRequest) -> AsyncIterator[SimPbx]:
    pbx = SimPbx(
        SimConfig(
            dialect=request.param,
            time_scale=0.01,
            extra_users=(NARROW,),
            originate_answer_delay=None,
        )
    )
    await pbx.start()
    yield pbx
    await pbx.stop()


def session_for(sim: SimPbx, user: str = "callpanel", **client: object) -> TrialSession:
    secret = "callpanel-secret" if user == "callpanel" else "narrow-secret"
    connection = ConnectionConfig(port=sim.port, username=user, secret=secret, action_timeout=3)
    endpoints = client.pop("endpoints", (f"{sim.config.tech}/101",))
    return TrialSession(connection, ClientConfig(endpoints=endpoints, **client))  # type: ignore[arg-type]


class States:
    """The trial's statuses, with a wait for the next state wanted."""

    def __init__(self) -> None:
        self.seen: list[TrialStatus] = []
        self._changed = asyncio.Event()

    def __call__(self, status: TrialStatus) -> None:
        self.seen.append(status)
        self._changed.set()

    async def until(self, state: TrialState) -> TrialStatus:
        async with asyncio.timeout(5):
            while not self.seen or self.seen[-1].state is not state:
                self._changed.clear()
                await self._changed.wait()
        return self.seen[-1]

    def states(self) -> list[TrialState]:
        return [s.state for s in self.seen]


@pytest.mark.asyncio
async def test_the_full_user_can_do_every_method(sim: SimPbx) -> None:
    session = session_for(sim)
    try:
        found = await session.open()
    finally:
        await session.close()
    assert [m.strategy for m in found.methods] == [
        AnswerStrategy.NONE, AnswerStrategy.PHONE_NOTIFY, AnswerStrategy.PBX_BRIDGE
    ]  # fmt: skip
    assert all(m.available for m in found.methods) and found.can_test


@pytest.mark.asyncio
async def test_what_the_pbx_cannot_do_comes_with_the_reason(sim: SimPbx) -> None:
    session = session_for(sim, "narrow", autoanswer_context="no-such-context")
    try:
        found = await session.open()
    finally:
        await session.close()
    notify = found.check(AnswerStrategy.PHONE_NOTIFY)
    action = "PJSIPNotify" if sim.config.tech == "PJSIP" else "SIPnotify"
    assert (notify.lack, notify.action, notify.write_class) == (
        Lack.ACTION_NOT_ALLOWED, action, "system"
    )  # fmt: skip
    bridge = found.check(AnswerStrategy.PBX_BRIDGE)
    assert (bridge.lack, bridge.context) == (Lack.NO_CONTEXT, "no-such-context")
    assert found.check(AnswerStrategy.NONE).available and found.can_test


@pytest.mark.asyncio
async def test_a_chan_sip_phone_on_asterisk_22_cannot_be_told_to_answer() -> None:
    pbx = SimPbx(SimConfig(dialect="22", time_scale=0.01))
    await pbx.start()
    session = session_for(pbx, endpoints=("SIP/101",))
    try:
        found = await session.open()
    finally:
        await session.close()
        await pbx.stop()
    notify = found.check(AnswerStrategy.PHONE_NOTIFY)
    assert notify.lack is Lack.DENIED and notify.denial is not None
    assert notify.denial.reason is Reason.NO_CHAN_SIP


async def answered_by(
    sim: SimPbx, strategy: AnswerStrategy, answer: Callable[[AnswerTrial], object]
) -> list[TrialState]:
    session = session_for(sim)
    states = States()
    try:
        await session.open()
        trial = session.trial(strategy, caller_name="Test call", on_change=states)
        await trial.ring()
        ringing = await states.until(TrialState.RINGING)
        assert ringing.phone_channel.startswith(f"{sim.config.tech}/101-")
        done = answer(trial)
        if asyncio.iscoroutine(done):
            await done
        await states.until(TrialState.ANSWERED)
        await trial.end()
        await states.until(TrialState.ENDED)
    finally:
        await session.close()
    assert sim.pbx.ringing_leg(f"{sim.config.tech}/101") is None
    return states.states()


@pytest.mark.asyncio
async def test_answered_on_the_handset(sim: SimPbx) -> None:
    phone = sim.phone("101")
    states = await answered_by(sim, AnswerStrategy.NONE, lambda _t: phone.answer())
    assert states == [TrialState.CALLING, TrialState.RINGING, TrialState.ANSWERED,
                      TrialState.ENDED]  # fmt: skip


@pytest.mark.asyncio
async def test_answered_by_the_panels_notify(sim: SimPbx) -> None:
    states = await answered_by(sim, AnswerStrategy.PHONE_NOTIFY, lambda t: t.answer())
    assert states[-2:] == [TrialState.ANSWERED, TrialState.ENDED]


@pytest.mark.asyncio
async def test_the_auto_answer_leg_picks_up_by_itself(sim: SimPbx) -> None:
    states = await answered_by(sim, AnswerStrategy.PBX_BRIDGE, lambda _t: None)
    assert states[-2:] == [TrialState.ANSWERED, TrialState.ENDED]


@pytest.mark.asyncio
async def test_a_declined_test_call_says_busy_and_can_be_tried_again(sim: SimPbx) -> None:
    session = session_for(sim)
    states = States()
    try:
        await session.open()
        trial = session.trial(AnswerStrategy.NONE, on_change=states)
        await trial.ring()
        await states.until(TrialState.RINGING)
        with pytest.raises(TrialError):
            await trial.ring()  # one test call at a time
        await sim.phone("101").reject()
        failed = await states.until(TrialState.FAILED)
        assert failed.failure is TrialFailure.BUSY and "17" in failed.detail
        await trial.ring()  # again
        await states.until(TrialState.RINGING)
        await trial.end()  # hung up while it rings: ended, not failed
        await states.until(TrialState.ENDED)
    finally:
        await session.close()


def test_the_transition_table_has_every_state_and_no_dead_end() -> None:
    assert set(TRANSITIONS) == set(TrialState)
    for state, targets in TRANSITIONS.items():
        assert targets, state
    assert TrialState.FAILED not in TRANSITIONS[TrialState.ANSWERED]


def test_events_of_other_calls_are_not_the_test_calls() -> None:
    async def send(_action: object) -> object:
        raise AssertionError("nothing is sent")

    seen: list[TrialStatus] = []
    trial = AnswerTrial(send, ClientConfig(endpoints=("SIP/101",)), AnswerStrategy.NONE,  # type: ignore[arg-type]
                        (18, 26, 4), on_change=seen.append)  # fmt: skip
    trial.handle(Event.build([("Event", "Newstate"), ("Channel", "SIP/101-00000001"),
                              ("ChannelState", "6"), ("Linkedid", "other")]))  # fmt: skip
    assert seen == [] and trial.status.state is TrialState.IDLE
