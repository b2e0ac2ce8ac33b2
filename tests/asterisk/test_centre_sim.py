"""The call centre end to end against the demo PBX: manager + AsteriskCentre + CentreClient."""

from __future__ import annotations

import pytest

from callpanel.asterisk.centre import AsteriskCentre, CentreConfig
from callpanel.asterisk.centre_client import CentreClient, CentreRefused
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import ActionFailed, PermissionDenied
from callpanel.asterisk.manager import AsteriskManager
from callpanel.calls.events import RingStarted
from callpanel.calls.policy import Command, Reason
from callpanel.centre import AgentState, ColleagueState
from callpanel.sim import SimConfig, SimPbx

from .amiserver import Recorder

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]


class CentreRecorder(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.centre: list[object] = []

    def on_centre_event(self, event: object) -> None:
        self.centre.append(event)
        self._check()


async def start(
    dialect: str = "18", user: str = "callpanel", secret: str = "callpanel-secret"
) -> tuple[SimPbx, AsteriskManager, CentreClient, CentreRecorder]:
    sim = SimPbx(SimConfig(dialect=dialect, time_scale=0.01))
    await sim.start()
    rec = CentreRecorder()
    client_config = ClientConfig(endpoints=(f"{sim.config.tech}/101",))
    centre = AsteriskCentre(CentreConfig.from_client(client_config, member_name="Operator 101"))
    manager = AsteriskManager(
        ConnectionConfig(
            host="127.0.0.1",
            port=sim.port,
            username=user,
            secret=secret,
            connect_timeout=2.0,
            action_timeout=2.0,
        ),
        client_config,
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        centre=centre,
        on_centre_event=rec.on_centre_event,
        backoff_base=0.02,
        backoff_cap=0.1,
    )
    client = CentreClient(manager, centre, manager.adapter, client_config,
                          connected=lambda: manager.connected)  # fmt: skip
    await manager.start()
    await rec.until_state("connected")
    return sim, manager, client, rec


@pytest.mark.parametrize("dialect", ["13", "18", "22"])
async def test_login_pause_dnd_and_colleagues(dialect: str) -> None:
    sim, manager, client, rec = await start(dialect)
    state = client.centre.state
    try:
        # the snapshot at login: the static support membership and the demo colleagues
        support = state.membership("support")
        assert support is not None and not support.dynamic
        assert {c.extension for c in state.colleagues} == {"102", "103", "104", "105", "106"}
        assert state.colleague("103") is not None
        assert state.colleague("103").name == "Мария Соколова"  # type: ignore[union-attr]
        with pytest.raises(CentreRefused) as refused:
            await client.logout("support")
        assert refused.value.denial.reason is Reason.STATIC_MEMBER

        await client.login("sales")
        await rec.until(lambda: state.membership("sales") is not None)
        await client.pause(None, "обед")
        await rec.until(lambda: state.agent_status.state is AgentState.PAUSED)
        assert state.agent_status.reason == "обед"
        await client.unpause("sales")
        await rec.until(lambda: state.agent_status.state is AgentState.AVAILABLE)

        await client.set_dnd(True)
        await rec.until(lambda: state.agent_status.state is AgentState.DND)
        await rec.until(lambda: all(m.paused for m in state.memberships))
        await client.set_dnd(False)
        await rec.until(lambda: state.agent_status.state is AgentState.AVAILABLE)
        assert {m.queue: m.reason for m in state.memberships} == {"support": "обед", "sales": ""}

        sim.pbx.centre.set_colleague("104", "RINGING")
        await rec.until(lambda: state.colleague("104").state is ColleagueState.RINGING)  # type: ignore[union-attr]
        sim.pbx.centre.set_custom("Custom:DND105", "BUSY")
        await rec.until(lambda: state.colleague("105").state is ColleagueState.DND)  # type: ignore[union-attr]

        with pytest.raises(ActionFailed, match="no such queue on the PBX"):
            await client.login("nosuch")

        # a reconnect: everything comes back from the PBX, nothing from memory
        await sim.drop_clients()
        await rec.until_state("connected", count=2)
        assert state.membership("sales") is not None
        assert state.colleague("105").state is ColleagueState.DND  # type: ignore[union-attr]
    finally:
        await manager.stop()
        await sim.stop()


async def test_paused_operator_is_not_rung_and_queue_call_names_its_queue() -> None:
    sim, manager, client, rec = await start()
    state = client.centre.state
    try:
        call = await sim.incoming_call("+79161234567", "Ivan Petrov", to="Queue/support")
        await rec.until(lambda: any(isinstance(e, RingStarted) for e in rec.calls))
        ring = next(e for e in rec.calls if isinstance(e, RingStarted))
        assert isinstance(ring, RingStarted) and ring.queue == "support"
        assert ring.waited_s is not None and ring.waited_s >= 0
        stored = manager.adapter.calls.get(ring.call_id)  # the one store the window reads
        assert stored is not None and stored.queue == "support"
        await sim.remote_hangup(call)
        await sim.wait_idle(timeout=10)
        rec.calls.clear()

        await client.pause("support", "after-call work")
        await rec.until(lambda: state.agent_status.state is AgentState.PAUSED)
        call = await sim.incoming_call("+79031112233", "Olga", to="Queue/support")
        # only 102 is rung, and answers
        await rec.until(lambda: state.colleague("102").state is ColleagueState.IN_CALL)  # type: ignore[union-attr]
        assert not any(isinstance(e, RingStarted) for e in rec.calls)
        await sim.remote_hangup(call)
        await sim.wait_idle(timeout=10)
    finally:
        await manager.stop()
        await sim.stop()


async def test_without_the_agent_class_the_controls_say_why() -> None:
    sim, manager, client, _rec = await start(
        user="callpanel_limited", secret="callpanel-limited-secret"
    )
    try:
        with pytest.raises(PermissionDenied):
            await client.login("sales")
        refused = client.denial(Command.QUEUE_LOGIN, queue="sales")
        assert refused is not None and refused.reason is Reason.PERMISSION_DENIED
    finally:
        await manager.stop()
        await sim.stop()
