"""The recorded scenarios (tests/data/ami-captures README), replayed on the simulated PBX.

Timings follow the recordings (times ``time_scale``). Scenarios whose recording was driven by
an AMI action wait for that action from the client, as the recorder sent it:

* 07/08 wait for an ``Originate`` to SIP/101 (the phone answers it after 2 s if it has not);
  74997654321 answers (07) or is busy (08); in 07 101 hangs up 8 s after answering.
* 09 waits for ``BlindTransfer`` of 101's channel (102 answers after 2 s and hangs up 5 s later).
* 10 waits for ``Atxfer`` of 101's channel; 102 answers after 2 s; 101 hangs up 4 s later, which
  completes the transfer; 102 hangs up 8 s after answering.
* 11 waits for ``Hangup`` of 101's channel.
* 16 keeps the call up 9 s so the client can send CoreShowChannels/Status/BridgeList.
* 24 (a lab recording) waits for the client to ``Park`` the caller, resume it and hang it up.
* 17 and 18 have no call (login only): nothing to play.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .config import PhoneAnswer, RemoteBehaviour
from .flows import SALES_NUMBER, SUPPORT_NUMBER
from .model import SimError

if TYPE_CHECKING:
    from .pbx import SimPbx

IVAN = ("+79161234567", "Ivan Petrov")
OLGA = ("+79031112233", "Olga Smirnova")
EXTERNAL = "74997654321"
WAIT_FOR_CLIENT = 30.0  # how long a scenario waits for the client's action


async def _sleep(sim: SimPbx, seconds: float) -> None:
    await asyncio.sleep(sim.config.delay(seconds))


async def _until(
    sim: SimPbx, predicate: Callable[[], bool], what: str, timeout: float = WAIT_FOR_CLIENT
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(sim.config.delay(timeout), 0.5)
    while not predicate():
        if loop.time() > deadline:
            raise SimError(f"scenario gave up waiting for {what}")
        await asyncio.sleep(0.002)


def _op(sim: SimPbx) -> str:
    return sim.pbx.phone_endpoint("101")


def _op_channels(sim: SimPbx) -> int:
    return len(sim.pbx.channels_of(_op(sim)))


def _prepare(sim: SimPbx, colleague: PhoneAnswer = PhoneAnswer.MANUAL, delay: float = 2.0) -> None:
    sim.phone("101").set_answer(PhoneAnswer.MANUAL)
    sim.phone("102").set_answer(colleague, delay)


async def s01(sim: SimPbx, talk: float = 5.0) -> None:
    _prepare(sim)
    call = await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _sleep(sim, talk)
    await sim.remote_hangup(call)


async def s02(sim: SimPbx) -> None:
    _prepare(sim)
    call = await sim.incoming_call(*IVAN)
    await _sleep(sim, 4)
    await sim.remote_hangup(call)


async def s03(sim: SimPbx) -> None:
    _prepare(sim)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").reject()


async def s04(sim: SimPbx) -> None:
    _prepare(sim)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _sleep(sim, 5)
    await sim.phone("101").hangup()


async def s05(sim: SimPbx) -> None:
    _prepare(sim)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    phone = sim.phone("101")
    await phone.answer()
    await _sleep(sim, 3)
    await phone.hold()
    await _sleep(sim, 5)
    await phone.unhold()
    await _sleep(sim, 3)
    await phone.hangup()


async def s06(sim: SimPbx) -> None:
    _prepare(sim)
    call = await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _sleep(sim, 3)
    await sim.remote_hold(call)
    await _sleep(sim, 5)
    await sim.remote_unhold(call)
    await _sleep(sim, 3)
    await sim.remote_hangup(call)


async def _click_to_call(sim: SimPbx, busy: bool) -> None:
    _prepare(sim)
    sim.set_remote(EXTERNAL, RemoteBehaviour.BUSY if busy else RemoteBehaviour.ANSWER)
    await _until(sim, lambda: _op_channels(sim) > 0, "an Originate to 101")
    await _sleep(sim, 2)
    leg = sim.pbx.ringing_leg(_op(sim))
    if leg is not None:
        sim.pbx.answer_leg(leg)
    if busy:
        await _until(sim, lambda: _op_channels(sim) == 0, "the busy call to end", 60)
        return
    await _sleep(sim, 8)
    if _op_channels(sim):
        await sim.phone("101").hangup()


async def s07(sim: SimPbx) -> None:
    await _click_to_call(sim, busy=False)


async def s08(sim: SimPbx) -> None:
    await _click_to_call(sim, busy=True)


async def s09(sim: SimPbx) -> None:
    _prepare(sim, PhoneAnswer.ANSWER, 2.0)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _until(sim, lambda: _op_channels(sim) == 0, "a BlindTransfer of 101's channel")
    colleague = sim.pbx.phone_endpoint("102")
    await _until(sim, lambda: any(c.state == 6 for c in sim.pbx.channels_of(colleague)), "102")
    await _sleep(sim, 5)
    await sim.phone("102").hangup()


async def s10(sim: SimPbx) -> None:
    _prepare(sim, PhoneAnswer.ANSWER, 2.0)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _until(sim, lambda: bool(sim.pbx.consultations), "an Atxfer of 101's channel")
    colleague = sim.pbx.phone_endpoint("102")
    await _until(sim, lambda: any(c.state == 6 for c in sim.pbx.channels_of(colleague)), "102")
    await _sleep(sim, 4)
    await sim.phone("101").hangup()
    await _sleep(sim, 4)
    await sim.phone("102").hangup()


async def s11(sim: SimPbx) -> None:
    _prepare(sim)
    await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _until(sim, lambda: _op_channels(sim) == 0, "a Hangup of 101's channel")


async def s12(sim: SimPbx) -> None:
    _prepare(sim, PhoneAnswer.ANSWER, 3.0)
    call = await sim.incoming_call(*IVAN, to="Queue/support", did=SUPPORT_NUMBER)
    await _sleep(sim, 12)
    await sim.remote_hangup(call)


async def s13(sim: SimPbx) -> None:
    _prepare(sim)
    call = await sim.incoming_call(*IVAN, to="SIP/101&SIP/102", did=SALES_NUMBER)
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _sleep(sim, 6)
    await sim.remote_hangup(call)


async def s14(sim: SimPbx) -> None:
    _prepare(sim)
    await sim.phone("102").dial("101")
    await _sleep(sim, 2)
    await sim.phone("101").answer()
    await _sleep(sim, 5)
    await sim.phone("102").hangup()


async def s15(sim: SimPbx) -> None:
    _prepare(sim)
    phone = sim.phone("101")
    first = await sim.incoming_call(*IVAN)
    await _sleep(sim, 2)
    await phone.answer()
    await _sleep(sim, 6)
    await sim.incoming_call(*OLGA)
    await _sleep(sim, 1)
    await phone.hold()
    await _sleep(sim, 2)
    await phone.answer()
    await _sleep(sim, 5)
    await phone.hangup()
    await _sleep(sim, 1)
    await phone.unhold()
    await _sleep(sim, 3)
    await sim.remote_hangup(first)


async def s16(sim: SimPbx) -> None:
    await s01(sim, talk=9.0)


async def s24(sim: SimPbx) -> None:
    """The lab's parking recording: the client parks the caller and resumes it through
    ``Local/101@panel-aa`` into ``ParkedCall`` (the phone auto-answers), then hangs it up."""
    _prepare(sim)
    await sim.incoming_call(*IVAN, to=_op(sim))
    await _sleep(sim, 1)
    await sim.phone("101").answer()
    await _until(sim, lambda: bool(sim.pbx.parked), "a Park of the caller")
    await _until(sim, lambda: not sim.pbx.channels, "the client to hang up the caller")


async def _nothing(sim: SimPbx) -> None:
    return None


SCENARIOS: dict[str, Callable[[SimPbx], Awaitable[None]]] = {
    "01_incoming_answered_caller_hangs_up": s01,
    "02_incoming_caller_cancels_while_ringing": s02,
    "03_incoming_operator_rejects_busy": s03,
    "04_incoming_answered_operator_hangs_up": s04,
    "05_hold_unhold_by_operator_phone": s05,
    "06_hold_unhold_by_remote_party": s06,
    "07_click_to_call_originate": s07,
    "08_click_to_call_external_busy": s08,
    "09_blind_transfer_via_ami": s09,
    "10_attended_transfer_via_ami": s10,
    "11_hangup_via_ami": s11,
    "12_queue_answered_by_other_operator": s12,
    "13_ring_group_answered_by_operator": s13,
    "14_internal_call_102_to_101": s14,
    "15_call_waiting_second_incoming": s15,
    "16_resync_snapshot": s16,
    "17_login_md5_challenge_and_ping": _nothing,
    "18_login_failure": _nothing,
    "24_parking_hold_and_resume": s24,  # recorded by the lab only (tests/data/lab-captures)
}


async def play(sim: SimPbx, name: str) -> None:
    """Play one scenario to its end; ``name`` is the recording's name (or its number, "05")."""
    script = SCENARIOS.get(name) or next(
        (fn for key, fn in SCENARIOS.items() if key.split("_", 1)[0] == name), None
    )
    if script is None:
        raise SimError(f"unknown scenario {name!r}")
    await script(sim)
