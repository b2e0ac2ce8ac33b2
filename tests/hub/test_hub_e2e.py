"""The hub end to end: demo PBX (AMI) → hub → real Mosquitto (TLS, passwords, ACL) → panels."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiomqtt
import pytest
import pytest_asyncio

from callpanel.asterisk.errors import ConnectionLost, InvalidInput
from callpanel.asterisk.status import LinkState
from callpanel.calls.events import CallState, Capability, Direction, EndReason
from callpanel.calls.store import CallStore
from callpanel.hub import topics
from callpanel.hub.service import Hub
from callpanel.hub.wire import CommandMessage, encode
from callpanel.hubclient import HubClient, HubLink
from callpanel.sim import SimPbx

from .broker import Broker
from .support import Changes, Panel, hub_config, make_panel

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(60)]


@pytest_asyncio.fixture
async def hub(sim: SimPbx, broker: Broker) -> AsyncIterator[Hub]:
    h = Hub(hub_config(sim, broker), backoff_base=0.05, backoff_cap=0.5)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()


@pytest_asyncio.fixture
async def alice(broker: Broker, hub: Hub) -> AsyncIterator[Panel]:
    panel = make_panel(broker, "alice")
    await panel.link.start()
    try:
        await panel.until_connected()
        yield panel
    finally:
        await panel.link.stop()


@pytest_asyncio.fixture
async def bob(broker: Broker, hub: Hub) -> AsyncIterator[Panel]:
    panel = make_panel(broker, "bob")
    await panel.link.start()
    try:
        await panel.until_connected()
        yield panel
    finally:
        await panel.link.stop()


async def test_a_call_rings_is_answered_held_and_hung_up_through_the_hub(
    sim: SimPbx, alice: Panel, bob: Panel
) -> None:
    assert alice.link.status.server_version  # the hub's Asterisk, as in direct mode
    assert Capability.HANGUP in alice.client.offered()
    await sim.incoming_call(number="+79161234567", name="Иван Петров", to="SIP/101")
    await alice.until(lambda: len(alice.calls()) == 1)
    call = alice.one()
    assert (call.direction, call.state, call.number, call.name) == (
        Direction.INCOMING,
        CallState.RINGING,
        "+79161234567",
        "Иван Петров",
    )
    await alice.client.answer(call.call_id)
    await alice.until_state(call.call_id, CallState.TALKING)
    await alice.client.hold(call.call_id)
    await alice.until_state(call.call_id, CallState.HOLD)
    await alice.client.unhold(call.call_id)
    await alice.until_state(call.call_id, CallState.TALKING)
    await alice.client.hangup(call.call_id)
    await alice.until(lambda: not alice.calls())
    ended = [c for change in alice.changes_seen for c in change.ended]
    assert [c.end_reason for c in ended] == [EndReason.COMPLETED]
    assert bob.calls() == []  # bob never saw alice's call


async def test_a_panel_cannot_touch_another_operators_call(
    sim: SimPbx, alice: Panel, bob: Panel
) -> None:
    await sim.incoming_call(number="+79161234567", name="Caller", to="SIP/101")
    await alice.until(lambda: len(alice.calls()) == 1)
    call_id = alice.one().call_id
    with pytest.raises(InvalidInput, match="not a call of operator bob"):
        await bob.client.hangup(call_id)
    assert alice.one().state is CallState.RINGING


async def test_a_panel_that_connects_late_gets_the_current_calls_at_once(
    sim: SimPbx, broker: Broker, hub: Hub, alice: Panel
) -> None:
    await sim.incoming_call(number="+79161234567", name="Caller", to="SIP/101")
    await alice.until(lambda: len(alice.calls()) == 1)
    late = make_panel(broker, "alice")
    await late.link.start()
    try:
        await late.until(lambda: len(late.calls()) == 1, timeout=5)
        assert late.one().call_id == alice.one().call_id
    finally:
        await late.link.stop()


async def test_click_to_call_through_the_hub(sim: SimPbx, alice: Panel) -> None:
    call_id = await alice.client.dial("102")
    await alice.until(lambda: alice.store.get(call_id) is not None)
    assert alice.store[call_id].direction is Direction.OUTGOING


async def test_a_wrong_broker_password_is_auth_failed(broker: Broker, hub: Hub) -> None:
    changes = Changes()
    link = HubLink(broker.config_for("alice", password="wrong"), "alice", CallStore(), changes.poke)
    await link.start()
    try:
        await changes.until(lambda: link.status.state is LinkState.AUTH_FAILED)
        assert "refused the login" in (link.status.error or "")
        with pytest.raises(ConnectionLost, match="nothing was sent"):
            await HubClient(link).hangup("x")
    finally:
        await link.stop()


async def test_a_retained_command_is_never_run_and_is_deleted(sim: SimPbx, broker: Broker) -> None:
    """Our panels never retain a command, but the ACL cannot stop a client that does: the
    broker would hand such a command to the hub at every subscribe, a replay long after the
    button was pressed. The hub runs none and deletes it from the broker."""
    stored = CommandMessage("retained-1", "run-1", "dial", None, "102")
    async with aiomqtt.Client(**broker.config_for("alice").client_kwargs()) as rogue:
        await rogue.publish(
            topics.command("alice"), encode(stored.to_json()), qos=1, retain=True
        )  # QoS 1: back once the broker holds it
    hub = Hub(hub_config(sim, broker), epoch="run-1", backoff_base=0.05, backoff_cap=0.5)
    await hub.start()
    panel = make_panel(broker, "alice")
    await panel.link.start()
    try:
        await panel.until_connected()
        # The hub read the retained command first (the broker sends it at the subscribe),
        # then this one; only this one ran.
        await panel.client.dial("102")
        assert hub.commands_run == 1
    finally:
        await panel.link.stop()
        await hub.stop()
    # Gone from the broker: a new subscriber gets the marker published after subscribing
    # first, no retained command before it.
    async with aiomqtt.Client(**broker.config_for("callpanel-hub").client_kwargs()) as probe:
        marker = f"{topics.ROOT}/probe"
        await probe.subscribe([(topics.command("alice"), 1), (marker, 1)])
        await probe.publish(marker, b"marker", qos=1)
        async for message in probe.messages:
            assert (str(message.topic), message.payload) == (marker, b"marker")
            break


async def test_a_second_hub_waits_while_the_first_runs_then_takes_over(
    sim: SimPbx, broker: Broker, hub: Hub, alice: Panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two hubs with one broker user would take the connection from each other every second
    and both act on commands: the second one sees the first one's retained online status and
    waits, and takes over once the first is gone."""
    second = Hub(hub_config(sim, broker), backoff_base=0.05, backoff_cap=0.2)
    looked = asyncio.Event()
    original = second._other_hub

    async def other_hub() -> str | None:
        found = await original()
        looked.set()
        return found

    monkeypatch.setattr(second, "_other_hub", other_hub)
    await second.start()
    try:
        await asyncio.wait_for(looked.wait(), 10)
        assert not second.broker_connected.is_set()
        assert f"another hub (run {hub.epoch})" in (second.broker_error or "")
        # The first hub still serves the panel, undisturbed.
        call_id = await alice.client.dial("102")
        assert alice.link.hub is not None and alice.link.hub.hub == hub.epoch
        assert hub.commands_run == 1 and second.commands_run == 0
        await alice.until(lambda: alice.store.get(call_id) is not None)
        await hub.stop()  # its offline status goes out: the second one takes over
        await alice.until(
            lambda: (
                alice.link.hub is not None
                and alice.link.hub.hub == second.epoch
                and alice.state is LinkState.CONNECTED
            )
        )
    finally:
        await second.stop()
