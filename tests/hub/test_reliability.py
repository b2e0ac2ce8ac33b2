"""Broker down, hub down, AMI down, each in turn while calls ring (real Mosquitto, the demo
PBX as Asterisk, the hub in process or as its own process killed with SIGKILL).

For each: a command sent while the part is away is refused at once with the reason and never
reaches Asterisk, not even after the part is back (no queue, no replay); calls that changed
meanwhile are right on the panel within 5 s of the part coming back; a command after that
reaches Asterisk exactly once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from callpanel.asterisk.errors import ConnectionLost
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CallState
from callpanel.hub.service import Hub
from callpanel.sim import SimPbx
from callpanel.sim import server as sim_server

from .broker import Broker
from .support import Panel, hub_config, make_panel

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(90)]

BACK_WITHIN = 5.0  # seconds from the part coming back to the panel being right


@pytest.fixture
def ami_actions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The name of every action the demo PBX receives, in order."""
    seen: list[str] = []
    original = sim_server.Session.handle

    async def handle(self: sim_server.Session, req: sim_server.AmiRequest) -> None:
        seen.append(req.name.lower())
        await original(self, req)

    monkeypatch.setattr(sim_server.Session, "handle", handle)
    yield seen


@pytest_asyncio.fixture
async def hub(sim: SimPbx, broker: Broker) -> AsyncIterator[Hub]:
    h = Hub(
        hub_config(sim, broker),
        backoff_base=0.05,
        backoff_cap=0.3,
        ami_backoff_base=0.05,
        ami_backoff_cap=0.3,
    )
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


@pytest_asyncio.fixture
async def alice(broker: Broker) -> AsyncIterator[Panel]:
    panel = make_panel(broker, "alice")
    await panel.link.start()
    try:
        yield panel
    finally:
        await panel.link.stop()


def ringing_ids(panel: Panel) -> set[str]:
    return {c.call_id for c in panel.calls() if c.state is CallState.RINGING}


async def two_ringing_calls(sim: SimPbx, panel: Panel) -> list[str]:
    """Two callers ring the operator (call waiting): a first call and one to end later."""
    first = await sim.incoming_call(number="+79160000001", name="First", to="SIP/101")
    await panel.until(lambda: len(panel.calls()) == 1)
    await sim.incoming_call(number="+79160000002", name="Second", to="SIP/101")
    await panel.until(lambda: len(panel.calls()) == 2)
    by_number = {c.number: c.call_id for c in panel.calls()}
    assert first.number in by_number
    return [by_number["+79160000001"], by_number["+79160000002"]]


async def refused_and_not_replayed(
    panel: Panel, call_id: str, ami_actions: list[str], why: str
) -> None:
    before = len(ami_actions)
    with pytest.raises(ConnectionLost, match=why):
        await panel.client.hangup(call_id)
    assert ami_actions[before:] == []


async def answered_once(sim: SimPbx, panel: Panel, call_id: str, ami_actions: list[str]) -> None:
    """One Answer through the hub: one answering action at the PBX, the call TALKING."""
    before = len(ami_actions)
    await panel.client.answer(call_id)
    await panel.until_state(call_id, CallState.TALKING)
    answering = [a for a in ami_actions[before:] if a in ("sipnotify", "pjsipnotify")]
    assert len(answering) == 1, ami_actions[before:]


async def test_broker_down_while_calls_ring(
    sim: SimPbx, broker: Broker, hub: Hub, alice: Panel, ami_actions: list[str]
) -> None:
    await alice.until_connected()
    first, second = await two_ringing_calls(sim, alice)
    broker.kill()
    await alice.until(lambda: alice.state is not LinkState.CONNECTED)
    assert "broker" in (alice.link.status.error or "")
    await refused_and_not_replayed(alice, first, ami_actions, "not connected to the broker")
    # Meanwhile at the PBX: the first caller gives up, a third one rings.
    await sim.remote_hangup("+79160000001")
    await broker.start()
    loop = asyncio.get_running_loop()
    back = loop.time()
    await alice.until(
        lambda: alice.state is LinkState.CONNECTED and ringing_ids(alice) == {second},
        timeout=BACK_WITHIN,
    )
    assert loop.time() - back < BACK_WITHIN
    await answered_once(sim, alice, second, ami_actions)
    assert "hangup" not in ami_actions  # the refused hangup never reached Asterisk


async def test_ami_down_while_calls_ring(
    sim: SimPbx, broker: Broker, hub: Hub, alice: Panel, ami_actions: list[str]
) -> None:
    await alice.until_connected()
    first, second = await two_ringing_calls(sim, alice)
    host, port = sim.host, sim.port
    await sim.server.close()
    await alice.until(lambda: alice.state is LinkState.RECONNECTING)
    assert "not connected to Asterisk" in (alice.link.status.error or "")
    await refused_and_not_replayed(alice, first, ami_actions, "hub is not connected to Asterisk")
    await sim.remote_hangup("+79160000001")
    await sim.server.start(host, port)
    loop = asyncio.get_running_loop()
    back = loop.time()
    await alice.until(
        lambda: alice.state is LinkState.CONNECTED and ringing_ids(alice) == {second},
        timeout=BACK_WITHIN,
    )
    assert loop.time() - back < BACK_WITHIN
    await answered_once(sim, alice, second, ami_actions)
    assert "hangup" not in ami_actions


# -- the hub as its own process, killed -------------------------------------------------------


def _write_config(path: Path, sim: SimPbx, broker: Broker) -> None:
    assert broker.cafile is not None
    path.write_text(
        f"""
[ami]
host = "127.0.0.1"
port = {sim.port}
username = "callpanel"

[broker]
host = "127.0.0.1"
port = {broker.port}
username = "callpanel-hub"
cafile = "{broker.cafile}"

[defaults]
answer_strategy = "phone-notify"
hold_strategy = "phone-notify"

[operators.alice]
endpoints = ["SIP/101"]

[operators.bob]
endpoints = ["SIP/102"]
""",
        encoding="utf-8",
    )


class HubProcess:
    def __init__(self, config: Path, broker: Broker, log: Path) -> None:
        self.config, self.broker, self.log = config, broker, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ)
        env["CALLPANEL_SECRET"] = "callpanel-secret"
        env["CALLPANEL_BROKER_PASSWORD"] = self.broker.users["callpanel-hub"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "callpanel", "hub", "run", "--config", str(self.config)],
                env=env,
                stdout=log,
                stderr=log,
            )

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None


@pytest.fixture
def hub_process(tmp_path: Path, sim: SimPbx, broker: Broker) -> Iterator[HubProcess]:
    config = tmp_path / "hub.toml"
    _write_config(config, sim, broker)
    process = HubProcess(config, broker, tmp_path / "hub.log")
    process.start()
    try:
        yield process
    finally:
        process.stop()


async def test_hub_down_while_calls_ring(
    sim: SimPbx, broker: Broker, hub_process: HubProcess, alice: Panel, ami_actions: list[str]
) -> None:
    try:
        await alice.until_connected(timeout=20)
    except TimeoutError:
        pytest.fail(hub_process.log.read_text(errors="replace"))
    first, second = await two_ringing_calls(sim, alice)
    hub_process.kill()
    # The broker publishes the hub's will at once (its socket closed): the panel says so.
    await alice.until(lambda: alice.state is LinkState.RECONNECTING)
    assert alice.link.status.error == "the callpanel hub is not running"
    await refused_and_not_replayed(alice, first, ami_actions, "hub is not running")
    await sim.remote_hangup("+79160000001")
    loop = asyncio.get_running_loop()
    back = loop.time()
    hub_process.start()
    try:
        await alice.until(
            lambda: alice.state is LinkState.CONNECTED and ringing_ids(alice) == {second},
            timeout=BACK_WITHIN,
        )
    except TimeoutError:
        pytest.fail(f"{alice.link.status} {alice.calls()} {hub_process.log.read_text()}")
    assert loop.time() - back < BACK_WITHIN
    await alice.until_connected()
    await answered_once(sim, alice, second, ami_actions)
    assert "hangup" not in ami_actions
