from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from callpanel.sim import SimConfig, SimPbx

from .broker import Broker
from .support import OPERATORS


@pytest_asyncio.fixture
async def broker(tmp_path: Path) -> AsyncIterator[Broker]:
    b = Broker(tmp_path / "broker")
    b.add_hub()
    for name in OPERATORS:
        b.add_operator(name)
    await b.start()
    try:
        yield b
    finally:
        b.stop()


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimPbx]:
    pbx = SimPbx(
        SimConfig(dialect="18", time_scale=0.01, colleague_answer_delay=None, dial_timeout=6000.0)
    )
    await pbx.start()
    try:
        yield pbx
    finally:
        await pbx.stop()
