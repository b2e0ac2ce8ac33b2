"""The answer-method choice against a real Asterisk, logged in as the packaging AMI user (as an
admin would copy it): what this PBX can do, and the test call to the operator's phone (a sipp
agent) for the handset and the auto-answer methods — answered, ended from the panel, declined.
"""

from __future__ import annotations

import asyncio

from labkit.lab import Lab
from labkit.sipp import Agent, SippLab

from callpanel.asterisk.answer_trial import (
    Assessment,
    Lack,
    TrialFailure,
    TrialSession,
    TrialState,
    TrialStatus,
)
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig

from .conftest import MonitorFactory
from .support import TIMEOUT


def session(lab: Lab, endpoint: str, user: str = "callpanel", **client: str) -> TrialSession:
    assert lab.ports is not None
    connection = ConnectionConfig(port=lab.ports.ami, username=user, secret=lab.secret)
    return TrialSession(connection, ClientConfig(endpoints=(endpoint,), **client))  # type: ignore[arg-type]


async def assess(lab: Lab, endpoint: str, **client: str) -> Assessment:
    trial_session = session(lab, endpoint, **client)
    try:
        return await trial_session.open()
    finally:
        await trial_session.close()


class States:
    def __init__(self) -> None:
        self.seen: list[TrialStatus] = []
        self._changed = asyncio.Event()

    def __call__(self, status: TrialStatus) -> None:
        self.seen.append(status)
        self._changed.set()

    async def until(self, state: TrialState) -> TrialStatus:
        async with asyncio.timeout(TIMEOUT):
            while not self.seen or self.seen[-1].state is not state:
                self._changed.clear()
                await self._changed.wait()
        return self.seen[-1]


def test_what_the_packaged_user_can_do(lab: Lab, endpoint: str) -> None:
    found = asyncio.run(assess(lab, endpoint))
    assert found.check(AnswerStrategy.NONE).available and found.can_test
    # packaging/asterisk/manager.conf grants no write class system: no NOTIFY to the phone
    notify = found.check(AnswerStrategy.PHONE_NOTIFY)
    action = "PJSIPNotify" if lab.tech == "PJSIP" else "SIPnotify"
    assert (notify.lack, notify.action, notify.write_class) == (
        Lack.ACTION_NOT_ALLOWED, action, "system"
    )  # fmt: skip
    assert found.check(AnswerStrategy.PBX_BRIDGE).available  # [panel-aa] is in the lab
    missing = asyncio.run(assess(lab, endpoint, autoanswer_context="no-such-aa"))
    bridge = missing.check(AnswerStrategy.PBX_BRIDGE)
    assert (bridge.lack, bridge.context) == (Lack.NO_CONTEXT, "no-such-aa")


async def ring_and_end(
    lab: Lab, endpoint: str, strategy: AnswerStrategy, phone: Agent
) -> list[TrialState]:
    trial_session = session(lab, endpoint)
    states = States()
    try:
        await trial_session.open()
        trial = trial_session.trial(strategy, caller_name="Test call", on_change=states)
        await trial.ring()
        answered = await states.until(TrialState.ANSWERED)
        assert answered.phone_channel.startswith(f"{endpoint}-")
        await trial.end()  # the operator ends it from the dialog
        await states.until(TrialState.ENDED)
        assert await asyncio.to_thread(phone.wait) == 0, phone.describe()
    finally:
        await trial_session.close()
    return [s.state for s in states.seen]


def test_a_test_call_answered_on_the_handset(lab: Lab, endpoint: str, sipp: SippLab) -> None:
    phone = sipp.phone("101", ring_ms=300)
    states = asyncio.run(ring_and_end(lab, endpoint, AnswerStrategy.NONE, phone))
    assert states == [TrialState.CALLING, TrialState.RINGING, TrialState.ANSWERED,
                      TrialState.ENDED]  # fmt: skip
    invite = phone.received("INVITE")[0]
    assert "Test call" in (invite.header("From") or "")
    assert invite.header("Call-Info") is None  # an ordinary call: rings until picked up


def test_a_test_call_on_the_auto_answer_leg(lab: Lab, endpoint: str, sipp: SippLab) -> None:
    phone = sipp.phone("101", ring_ms=100)
    states = asyncio.run(ring_and_end(lab, endpoint, AnswerStrategy.PBX_BRIDGE, phone))
    assert states[-2:] == [TrialState.ANSWERED, TrialState.ENDED]
    # what tells the phone to pick up by itself ([panel-aa-sip] / [panel-aa-pjsip])
    invite = phone.received("INVITE")[0]
    assert "answer-after=0" in (invite.header("Call-Info") or "")
    assert "alert-autoanswer" in (invite.header("Alert-Info") or "")


def test_a_declined_test_call_says_busy(lab: Lab, endpoint: str, sipp: SippLab) -> None:
    phone = sipp.phone("101", busy=True, ring_ms=300)

    async def go() -> TrialStatus:
        trial_session = session(lab, endpoint)
        states = States()
        try:
            await trial_session.open()
            trial = trial_session.trial(AnswerStrategy.NONE, on_change=states)
            await trial.ring()
            return await states.until(TrialState.FAILED)
        finally:
            await trial_session.close()

    failed = asyncio.run(go())
    assert failed.failure is TrialFailure.BUSY, failed
    assert phone.wait() == 0, phone.describe()


def test_the_panel_lists_no_call_for_the_test_call(
    lab: Lab, endpoint: str, sipp: SippLab, monitor: MonitorFactory
) -> None:
    m = monitor()  # the panel's own session, as the window has it while the dialog is open
    phone = sipp.phone("101", ring_ms=300)
    states = asyncio.run(ring_and_end(lab, endpoint, AnswerStrategy.NONE, phone))
    assert states[-2:] == [TrialState.ANSWERED, TrialState.ENDED]
    # the phone was busy with the test call and is free again (its queue member status) …
    m.wait("QueueMembership", status="in_use")
    m.wait("QueueMembership", status="not_in_use")
    # … and the panel showed no call for it: no card, no history row
    calls = [e for e in m.events if e.get("event") in ("RingStarted", "RingFinished")]
    assert calls == [], calls


def test_a_test_call_answered_from_the_panel_by_notify(
    lab: Lab, endpoint: str, sipp: SippLab
) -> None:
    """phone-notify, with the packaging user plus its phone-notify write line (class system):
    the method is offered, the phone rings, "Answer from the panel" sends NOTIFY Event: talk
    and the phone (a sipp agent that honours it) picks up."""
    phone = sipp.phone("101", notify_answer=True)

    async def go() -> list[TrialState]:
        trial_session = session(lab, endpoint, user="callpanel_notify")
        states = States()
        try:
            found = await trial_session.open()
            assert found.check(AnswerStrategy.PHONE_NOTIFY).available
            trial = trial_session.trial(
                AnswerStrategy.PHONE_NOTIFY, caller_name="Test call", on_change=states
            )
            assert trial.answers_from_panel
            await trial.ring()
            await states.until(TrialState.RINGING)
            await trial.answer()
            await states.until(TrialState.ANSWERED)
            await trial.end()
            await states.until(TrialState.ENDED)
        finally:
            await trial_session.close()
        return [s.state for s in states.seen]

    states = asyncio.run(go())
    assert states[-2:] == [TrialState.ANSWERED, TrialState.ENDED], states
    assert phone.wait() == 0, phone.describe()
    assert [n.header("Event") for n in phone.received("NOTIFY")] == ["talk"]
