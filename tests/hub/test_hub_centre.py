"""The call centre through the hub: demo PBX → hub → real Mosquitto → panels. Queues, agent
status and DND on each operator's own topic, colleagues on the shared presence topic, the
commands checked by the hub (pickup only of a colleague's call that is ringing now)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from callpanel.asterisk.centre_client import CentreRefused
from callpanel.asterisk.errors import ActionFailed
from callpanel.calls.events import CallState
from callpanel.calls.policy import Command, Reason
from callpanel.centre import AgentState, ColleagueState
from callpanel.hub import topics
from callpanel.hub.service import Hub
from callpanel.hubclient import HubCentreClient
from callpanel.sim import SimPbx

from .broker import Broker
from .support import Panel, hub_config, make_panel

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(60)]


@pytest_asyncio.fixture
async def hub(sim: SimPbx, broker: Broker) -> AsyncIterator[Hub]:
    h = Hub(hub_config(sim, broker), backoff_base=0.05, backoff_cap=0.5)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


async def centre_panel(broker: Broker, operator: str) -> tuple[Panel, HubCentreClient]:
    panel = make_panel(broker, operator)
    panel.link.centre.on_events = panel.changes.poke
    await panel.link.start()
    await panel.until_connected()
    # the retained queues and presence of this hub run, at once
    await panel.until(lambda: panel.link.centre.state.colleague("103") is not None)
    return panel, HubCentreClient(panel.link)


@pytest_asyncio.fixture
async def alice(broker: Broker, hub: Hub) -> AsyncIterator[tuple[Panel, HubCentreClient]]:
    panel, client = await centre_panel(broker, "alice")
    try:
        yield panel, client
    finally:
        await panel.link.stop()


@pytest_asyncio.fixture
async def bob(broker: Broker, hub: Hub) -> AsyncIterator[tuple[Panel, HubCentreClient]]:
    panel, client = await centre_panel(broker, "bob")
    try:
        yield panel, client
    finally:
        await panel.link.stop()


async def test_queues_pause_dnd_and_colleagues_through_the_hub(
    sim: SimPbx, alice: tuple[Panel, HubCentreClient], bob: tuple[Panel, HubCentreClient]
) -> None:
    panel, client = alice
    state = client.centre.state
    support = state.membership("support")
    assert support is not None and not support.dynamic  # SIP/101 is a static member
    assert set(state.known_queues) >= {"support", "sales"}
    # alice is 101: she sees her colleagues, not herself; bob sees her
    assert {c.extension for c in state.colleagues} == {"102", "103", "104", "105", "106"}
    assert state.colleague("103").name == "Мария Соколова"  # type: ignore[union-attr]
    bob_panel, bob_client = bob
    assert bob_client.centre.state.colleague("101") is not None
    assert bob_client.centre.state.colleague("102") is None

    with pytest.raises(CentreRefused) as refused:
        await client.logout("support")
    assert refused.value.denial.reason is Reason.STATIC_MEMBER

    await client.login("sales")
    await panel.until(lambda: state.membership("sales") is not None)
    assert bob_client.centre.state.membership("sales") is None  # bob's queues are his own

    await client.pause(None, "обед")
    await panel.until(lambda: state.agent_status.state is AgentState.PAUSED)
    assert state.agent_status.reason == "обед"
    # the colleagues see alice paused (in every queue she is in), on the shared topic
    await bob_panel.until(
        lambda: bob_client.centre.state.colleague("101").state is ColleagueState.PAUSED  # type: ignore[union-attr]
    )
    await client.unpause("sales")
    await panel.until(lambda: state.agent_status.state is AgentState.AVAILABLE)

    await client.set_dnd(True)
    await panel.until(lambda: state.agent_status.state is AgentState.DND)
    await panel.until(lambda: all(m.paused for m in state.memberships))
    await bob_panel.until(
        lambda: bob_client.centre.state.colleague("101").state is ColleagueState.DND  # type: ignore[union-attr]
    )
    await client.set_dnd(False)
    await panel.until(lambda: state.agent_status.state is AgentState.AVAILABLE)
    assert {m.queue: m.reason for m in state.memberships} == {"support": "обед", "sales": ""}

    sim.pbx.centre.set_colleague("104", "RINGING")
    await panel.until(lambda: state.colleague("104").state is ColleagueState.RINGING)  # type: ignore[union-attr]

    with pytest.raises(ActionFailed, match="no such queue on the PBX"):
        await client.login("nosuch")


async def test_the_hub_checks_centre_commands_itself(
    sim: SimPbx, hub: Hub, alice: tuple[Panel, HubCentreClient]
) -> None:
    """A panel that skips its own checks (or is not ours) still gets only what is offered."""
    panel, client = alice
    link = panel.link

    async def raw(verb: str, arg: str | None = None, queue: str | None = None) -> CentreRefused:
        with pytest.raises(CentreRefused) as refused:
            await link.command(verb, None, arg, queue=queue)
        return refused.value

    assert (await raw("logout", queue="support")).denial.reason is Reason.STATIC_MEMBER
    assert (await raw("pause", queue="sales")).denial.reason is Reason.NOT_A_MEMBER
    # pickup: not of a colleague who is not ringing, not of one's own phone, not of a stranger
    idle = await raw("pickup", "103")
    assert (idle.denial.command, idle.denial.reason) == (Command.PICKUP, Reason.NOT_RINGING)
    assert (await raw("pickup", "101")).denial.reason is Reason.UNKNOWN_COLLEAGUE
    assert (await raw("pickup", "999")).denial.reason is Reason.UNKNOWN_COLLEAGUE
    assert hub.commands_run == 5 and not sim.pbx.channels

    # a colleague's call ringing now: the hub originates alice's phone into PickupChan(102)
    await sim.incoming_call(number="+79161234567", name="Caller", to="SIP/102")
    await panel.until(
        lambda: client.centre.state.colleague("102").state is ColleagueState.RINGING  # type: ignore[union-attr]
    )
    assert client.denial(Command.PICKUP, extension="102") is None
    picked = await client.pickup("102")
    assert picked.startswith("callpanel-") and hub.commands_run == 6
    # the hub's Originate rings alice's phone (SIP/101) for the pickup, as in direct mode
    await panel.until(lambda: any(c.call_id == picked for c in panel.calls()))


async def test_queue_state_is_retained_for_a_panel_that_connects_late(
    broker: Broker, hub: Hub, alice: tuple[Panel, HubCentreClient]
) -> None:
    panel, client = alice
    await client.pause("support", "training")
    await panel.until(lambda: client.centre.state.agent_status.state is AgentState.PAUSED)
    late, late_client = await centre_panel(broker, "alice")
    try:
        await late.until(
            lambda: late_client.centre.state.agent_status.state is AgentState.PAUSED, timeout=5
        )
        assert late_client.centre.state.agent_status.reason == "training"
    finally:
        await late.link.stop()
    queues = json.loads(hub.outbox.retained[topics.queues("alice")])
    assert queues["status"] == {"event": "AgentStatus", "status": "paused", "reason": "training"}
    assert [m["queue"] for m in queues["memberships"]] == ["support"]


async def test_a_queue_call_names_its_queue_through_the_hub(
    sim: SimPbx, alice: tuple[Panel, HubCentreClient]
) -> None:
    panel, _client = alice
    await sim.incoming_call("+79161234567", "Ivan Petrov", to="Queue/support")
    await panel.until(lambda: any(c.state is CallState.RINGING for c in panel.calls()))
    call = next(c for c in panel.calls() if c.state is CallState.RINGING)
    assert call.queue == "support"  # the card and the notification say where it came from
    assert call.waited_s is not None and call.waited_s >= 0
