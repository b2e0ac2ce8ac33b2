"""The demo script: an incoming call from a named contact every few seconds.

The mix: answered by the colleague (102) through the ring group, missed (the caller gives up),
a call through the support queue (rings 101 unless the operator paused, and 102 a bit later),
answered by the operator's phone only when the panel asks (or by the person after a while),
the remote party puts the operator on hold, the remote hangs up after talking. A call the
operator handles is only ended by the remote party after a long talk, never while the panel
holds it (music on hold or parked); the operator's own actions always win.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
from typing import TYPE_CHECKING

from .config import PhoneAnswer
from .flows import SALES_NUMBER, SUPPORT_NUMBER
from .model import SimError

if TYPE_CHECKING:
    from .pbx import SimCall, SimPbx

log = logging.getLogger(__name__)

CONTACTS = (
    ("+79161234567", "Ivan Petrov"),
    ("+79031112233", "Ольга Смирнова"),
    ("+74957654321", "ООО Ромашка"),
    ("+442071234567", "Emily Clarke"),
    ("+79265550011", "Сергей Иванов"),
    ("+4930123456", "Jürgen Weiß"),
    ("+79857778899", "Анна Кузнецова"),
    ("+14155550123", "John O'Brien"),
)
KINDS = ("answered_elsewhere", "missed", "queue", "remote_hold", "operator")
INTERVAL = 12.0  # seconds between new calls (before time_scale)
PICKUP_AFTER = 8.0  # the operator picks up the handset if the panel has not answered
TALK = (25.0, 50.0)  # the remote hangs up a call the operator answered after this long


async def demo_loop(sim: SimPbx, *, interval: float | None = None, seed: int | None = None) -> None:
    rng = random.Random(seed)
    operator = sim.phone("101")
    operator.set_answer(PhoneAnswer.MANUAL)  # the operator answers from the panel
    tasks: set[asyncio.Task[None]] = set()
    colleagues = asyncio.create_task(_colleagues(sim, rng), name="demo-colleagues")
    tasks.add(colleagues)
    try:
        for n in itertools.count():
            number, name = CONTACTS[n % len(CONTACTS)]
            kind = KINDS[n % len(KINDS)]
            task = asyncio.create_task(_one_call(sim, number, name, kind, rng), name=f"demo-{n}")
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            await asyncio.sleep(sim.config.delay(interval or INTERVAL))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# What the demo colleagues do between calls: mostly talk or sit idle, sometimes ring, hold,
# go offline, pause in the support queue or switch on do-not-disturb.
COLLEAGUE_MOVES = ("INUSE", "NOT_INUSE", "RINGING", "INUSE", "ONHOLD", "NOT_INUSE",
                   "pause", "UNAVAILABLE", "dnd", "NOT_INUSE")  # fmt: skip
COLLEAGUE_EVERY = 5.0


async def _colleagues(sim: SimPbx, rng: random.Random) -> None:
    """The colleagues' hints change, so the colleague list in the panel lives."""
    from .centre import COLLEAGUES

    numbers = sorted(COLLEAGUES)
    for n in itertools.count():
        await _sleep(sim, COLLEAGUE_EVERY * (0.5 + rng.random()))
        number = numbers[n % len(numbers)]
        move = COLLEAGUE_MOVES[(n // len(numbers) + n) % len(COLLEAGUE_MOVES)]
        try:
            _colleague_move(sim, number, move)
        except Exception:  # a demo step must never stop the demo
            log.exception("demo colleague %s: %s failed", number, move)


def _colleague_move(sim: SimPbx, number: str, move: str) -> None:
    centre = sim.pbx.centre  # read at each step: a simulated restart makes a new PBX
    endpoint = sim.pbx.phone_endpoint(number)
    dnd = f"Custom:DND{number}"
    if move == "dnd":
        centre.set_custom(dnd, "BUSY")
        return
    if move == "pause":
        centre.pause(endpoint, "support", True, "Обед")
        return
    if centre.custom.get(dnd) == "BUSY":
        centre.set_custom(dnd, "NOT_INUSE")
    member = centre.members.get(("support", endpoint))
    if member is not None and member.paused:
        centre.pause(endpoint, "support", False, "")
    centre.set_colleague(number, move)


async def _sleep(sim: SimPbx, seconds: float) -> None:
    await asyncio.sleep(sim.config.delay(seconds))


def _alive(sim: SimPbx, call: SimCall) -> bool:
    return call.uniqueid in sim.pbx.channels


def _operator_has(sim: SimPbx, call: SimCall) -> bool:
    """The operator (101) is in this call (answered it, or it was handed to 101)."""
    ch = sim.pbx.channels.get(call.uniqueid)
    if ch is None:
        return False
    return any(p.endpoint == sim.pbx.phone_endpoint("101") for p in sim.pbx.peers(ch))


async def _one_call(sim: SimPbx, number: str, name: str, kind: str, rng: random.Random) -> None:
    try:
        if kind == "answered_elsewhere":
            sim.phone("102").set_answer(PhoneAnswer.ANSWER, 4.0)
            call = await sim.incoming_call(number, name, "SIP/101&SIP/102", did=SALES_NUMBER)
            await _sleep(sim, 4.0 + rng.uniform(6, 12))
            if _alive(sim, call) and not _operator_has(sim, call):
                await sim.remote_hangup(call)
            return
        if kind == "queue":  # the support queue rings 101 (unless paused) and 102, later
            sim.phone("102").set_answer(PhoneAnswer.ANSWER, PICKUP_AFTER + 4.0)
            call = await sim.incoming_call(number, name, "Queue/support", did=SUPPORT_NUMBER)
        else:
            call = await sim.incoming_call(number, name, "SIP/101")
        if kind == "missed":
            await _sleep(sim, rng.uniform(5, 8))
            if _alive(sim, call) and call.uniqueid in sim.pbx.caller_dials:
                await sim.remote_hangup(call)
            return
        await _sleep(sim, PICKUP_AFTER)  # the panel may answer first; else the person picks up
        if call.uniqueid in sim.pbx.caller_dials:
            leg = sim.pbx.ringing_leg(sim.pbx.phone_endpoint("101"))
            if leg is not None and leg.linkedid == call.uniqueid:
                sim.pbx.answer_leg(leg)
        if kind == "remote_hold" and _operator_has(sim, call):
            await _sleep(sim, rng.uniform(3, 6))
            if _operator_has(sim, call):
                await sim.remote_hold(call)
                await _sleep(sim, rng.uniform(5, 8))
                if _alive(sim, call) and sim.pbx.channels[call.uniqueid].held:
                    await sim.remote_unhold(call)
        await _sleep(sim, rng.uniform(*TALK))
        while _alive(sim, call) and _operator_busy_with(sim, call):
            await _sleep(sim, 5.0)  # never end a call the operator is holding or transferring
        if _alive(sim, call):
            await sim.remote_hangup(call)
    except SimError as exc:  # the operator moved faster than the script: fine
        log.debug("demo: %s", exc)


def _operator_busy_with(sim: SimPbx, call: SimCall) -> bool:
    """On hold (phone hold, music on hold, parked) or in an attended transfer."""
    ch = sim.pbx.channels.get(call.uniqueid)
    if ch is None:
        return False
    if ch.moh or ch.parked_space is not None:
        return True
    return any(c.held_bridge is ch.bridge for c in sim.pbx.consultations.values())
