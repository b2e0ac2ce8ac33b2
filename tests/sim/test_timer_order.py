"""The simulator's timers keep deadline order with a scenario's sleeps even when the event loop
runs late (a busy CI machine): the fidelity tests once saw a ring time out before the scripted
hang-up that was due 130 ms earlier."""

from __future__ import annotations

import asyncio
import time

import pytest

from callpanel.sim.config import SimConfig
from callpanel.sim.pbx import SimPbx


@pytest.mark.asyncio
async def test_an_earlier_scenario_step_runs_before_a_later_model_timer_when_the_loop_is_late(
) -> None:
    sim = SimPbx(SimConfig())
    order: list[str] = []
    sim._schedule(0.005, lambda: order.append("model timer"))

    async def scenario() -> None:
        await asyncio.sleep(0.001)
        order.append("scenario step")

    task = asyncio.create_task(scenario())
    await asyncio.sleep(0)  # the scenario is now asleep
    time.sleep(0.02)  # the loop is blocked past both deadlines (a starved process)
    await asyncio.wait_for(task, 5)
    for _ in range(5):  # the timer's own turn
        await asyncio.sleep(0)
    assert order == ["scenario step", "model timer"]

