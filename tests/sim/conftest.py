"""Fixtures: a running simulator (fast timings) and a logged-in real-socket client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest_asyncio

from callpanel.sim import SimConfig, SimPbx

from .amiclient import AmiTestClient

FAST = 0.005  # time_scale: a 2 s ring becomes 10 ms

StartSim = Callable[..., Awaitable[SimPbx]]
Connect = Callable[[SimPbx], Awaitable[AmiTestClient]]


@pytest_asyncio.fixture
async def start_sim() -> AsyncIterator[StartSim]:
    sims: list[SimPbx] = []

    async def start(**kw: Any) -> SimPbx:
        kw.setdefault("time_scale", FAST)
        sim = SimPbx(SimConfig(**kw))
        await sim.start("127.0.0.1", 0)
        sims.append(sim)
        return sim

    yield start
    for sim in sims:
        await sim.stop()


@pytest_asyncio.fixture
async def connect() -> AsyncIterator[Connect]:
    clients: list[AmiTestClient] = []

    async def open_client(sim: SimPbx) -> AmiTestClient:
        client = await AmiTestClient.connect(sim.port)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        await client.close()
