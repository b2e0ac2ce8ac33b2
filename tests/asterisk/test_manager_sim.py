"""AsteriskManager against the demo PBX (callpanel.sim): a call, a dropped link, a restart."""

from __future__ import annotations

import pytest

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.manager import AsteriskManager
from callpanel.calls.events import (
    ActiveCallSnapshot,
    CommutationStarted,
    RingFinished,
    RingStarted,
)
from callpanel.sim import SimConfig, SimPbx

from .amiserver import Recorder

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]


def manager_for(sim: SimPbx, rec: Recorder, dialect: str) -> AsteriskManager:
    return AsteriskManager(
        ConnectionConfig(
            host="127.0.0.1",
            port=sim.port,
            secret="callpanel-secret",
            connect_timeout=2.0,
            action_timeout=2.0,
            ping_interval=0.2,
            ping_timeout=0.5,
        ),
        ClientConfig(endpoints=(f"{sim.config.tech}/101",)),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        backoff_base=0.02,
        backoff_cap=0.1,
    )


def of(rec: Recorder, kind: type) -> list[object]:
    return [e for e in rec.calls if isinstance(e, kind)]


@pytest.mark.parametrize("dialect", ["13", "18", "22"])
async def test_a_call_through_the_simulator(dialect: str) -> None:
    sim = SimPbx(SimConfig(dialect=dialect, time_scale=0.01))
    await sim.start()
    rec = Recorder()
    manager = manager_for(sim, rec, dialect)
    try:
        await manager.start()
        await rec.until_state("connected")
        assert manager.version_tuple is not None and manager.version_tuple[0] == int(dialect)
        call = await sim.incoming_call(number="+79161234567", name="Ivan Petrov", to="SIP/101")
        await rec.until(lambda: bool(of(rec, RingStarted)))
        await sim.phone("101").answer()
        await rec.until(lambda: bool(of(rec, CommutationStarted)))
        await sim.remote_hangup(call)
        await rec.until(lambda: bool(of(rec, RingFinished)))
        started = of(rec, RingStarted)[0]
        assert isinstance(started, RingStarted) and started.number == "+79161234567"
        await manager.send(Action.create("Ping"))
    finally:
        await manager.stop()
        await sim.stop()


async def test_dropped_link_and_restart_against_the_simulator() -> None:
    sim = SimPbx(SimConfig(dialect="18", time_scale=0.01))
    await sim.start()
    rec = Recorder()
    manager = manager_for(sim, rec, "18")
    try:
        await manager.start()
        await rec.until_state("connected")
        await sim.incoming_call(number="+79161234567", name="Ivan Petrov", to="SIP/101")
        await rec.until(lambda: bool(of(rec, RingStarted)))
        await sim.phone("101").answer()
        await rec.until(lambda: bool(of(rec, CommutationStarted)))

        await sim.drop_clients()  # the link drops; the call goes on
        await rec.until_state("connected", 2)
        snapshot = rec.calls[-1]
        assert isinstance(snapshot, ActiveCallSnapshot)
        assert [c.state.value for c in snapshot.calls] == ["talking"]
        assert not of(rec, RingFinished)

        await sim.shutdown_restart()  # a fresh Asterisk: the call is gone
        await rec.until_state("connected", 3)
        await rec.until(lambda: bool(of(rec, RingFinished)))
        last = rec.calls[-1]
        assert isinstance(last, ActiveCallSnapshot) and last.calls == ()
        assert manager.adapter.calls == {}
    finally:
        await manager.stop()
        await sim.stop()
