"""The core scenarios through the hub, on a real Asterisk: the lab's Asterisk ← one AMI session
← ``callpanel hub`` → a real Mosquitto (TLS, a password per panel, the ACL) → the panel's
``HubLink`` / ``HubClient`` / ``HubCentreClient`` (what the window uses in hub mode).

Ring, answer (on the phone), hold and resume (pbx-moh), blind transfer, hang up from the panel;
queue login and pause with a reason on the real app_queue; pickup of a colleague's ringing
call; and click-to-call and a blind transfer to an outside number presenting the operator's
or the company's number (issue 18: the trunk's INVITE ``From``), never the customer's own.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from labkit.lab import Lab
from labkit.sipp import Agent, SippLab

from callpanel.asterisk.config import ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.calls.events import CallState, Direction, EndReason
from callpanel.calls.model import Call
from callpanel.centre import AgentState, ColleagueState
from callpanel.hub.config import HubConfig
from callpanel.hub.service import Hub
from callpanel.hubclient import HubCentreClient

from ..hub.broker import Broker
from ..hub.support import Panel, make_panel
from .support import TIMEOUT, RawAmi

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(120)]

CUSTOMER = "74997654321"


@dataclass
class HubLab:
    lab: Lab
    hub: Hub
    alice: Panel  # operator 101
    centre: HubCentreClient

    async def until(self, predicate: object, timeout: float = TIMEOUT) -> None:
        await self.alice.until(predicate, timeout)  # type: ignore[arg-type]

    def ended(self) -> list[Call]:
        return [c for change in self.alice.changes_seen for c in change.ended]


async def sipp_done(agent: Agent) -> int:
    return await asyncio.to_thread(agent.wait, TIMEOUT)


def hub_config(
    lab: Lab,
    broker: Broker,
    endpoint: str,
    caller_id: str | None,
    transfer_context: str = "internal",
) -> HubConfig:
    assert lab.ports is not None
    tech = endpoint.split("/", 1)[0]
    return HubConfig(
        ami=ConnectionConfig(port=lab.ports.ami, username="callpanel", secret=lab.secret),
        broker=broker.config_for("callpanel-hub"),
        operators={
            "alice": ClientConfig(
                endpoints=(endpoint,),
                hold_strategy=HoldStrategy.PBX_MOH,
                caller_id=caller_id,
                transfer_context=transfer_context,
            ),
            "bob": ClientConfig(endpoints=(f"{tech}/102",)),
        },
    )


@contextlib.asynccontextmanager
async def start_hub_lab(
    lab: Lab,
    tmp_path: Path,
    endpoint: str,
    caller_id: str | None = None,
    transfer_context: str = "internal",
) -> AsyncIterator[HubLab]:
    broker = Broker(tmp_path / "broker")
    broker.add_hub()
    broker.add_operator("alice")
    broker.add_operator("bob")
    await broker.start()
    config = hub_config(lab, broker, endpoint, caller_id, transfer_context)
    hub = Hub(config, backoff_base=0.1, backoff_cap=1.0)
    await hub.start()
    alice = make_panel(broker, "alice", command_timeout=TIMEOUT)
    alice.link.centre.on_events = alice.changes.poke
    await alice.link.start()
    try:
        await alice.until_connected(timeout=TIMEOUT)
        # the hub's snapshot of the real app_queue: 101 is a static member of support
        await alice.until(
            lambda: alice.link.centre.state.membership("support") is not None, TIMEOUT
        )
        yield HubLab(lab, hub, alice, HubCentreClient(alice.link))
    finally:
        await alice.link.stop()
        await hub.stop()
        broker.stop()


@pytest_asyncio.fixture
async def world(lab: Lab, tmp_path: Path, endpoint: str) -> AsyncIterator[HubLab]:
    async with start_hub_lab(lab, tmp_path, endpoint) as w:
        yield w


def the_call(w: HubLab) -> Call | None:
    calls = w.alice.calls()
    return calls[0] if len(calls) == 1 else None


async def test_ring_answer_hold_and_blind_transfer_through_the_hub(
    world: HubLab, sipp: SippLab
) -> None:
    w = world
    phone = sipp.phone("101", ring_ms=300)
    colleague = sipp.phone("102", ring_ms=200, hangup_ms=300)
    caller = sipp.call()
    await w.until(lambda: (c := the_call(w)) is not None and c.state is CallState.RINGING)
    call = the_call(w)
    assert call is not None
    assert (call.direction, call.number, call.name) == (
        Direction.INCOMING,
        "+79161234567",
        "Ivan Petrov",
    )
    # the phone answers
    await w.alice.until_state(call.call_id, CallState.TALKING, TIMEOUT)
    await w.alice.client.hold(call.call_id)
    await w.alice.until_state(call.call_id, CallState.HOLD, TIMEOUT)
    await w.alice.client.unhold(call.call_id)
    await w.alice.until_state(call.call_id, CallState.TALKING, TIMEOUT)
    await w.alice.client.transfer(call.call_id, "102")
    await w.until(lambda: any(c.call_id == call.call_id for c in w.ended()))
    (ended,) = [c for c in w.ended() if c.call_id == call.call_id]
    assert ended.end_reason is EndReason.TRANSFERRED
    assert await sipp_done(colleague) == 0, colleague.describe()
    assert await sipp_done(caller) == 0, caller.describe()
    assert await sipp_done(phone) == 0, phone.describe()


async def test_hangup_of_a_ringing_call_from_the_panel_through_the_hub(
    world: HubLab, sipp: SippLab
) -> None:
    w = world
    phone = sipp.phone("101", answer=False)
    caller = sipp.call(answer_expected=False)
    await w.until(lambda: (c := the_call(w)) is not None and c.state is CallState.RINGING)
    call = the_call(w)
    assert call is not None
    await w.alice.client.hangup(call.call_id)
    await w.until(lambda: any(c.call_id == call.call_id for c in w.ended()))
    (ended,) = [c for c in w.ended() if c.call_id == call.call_id]
    assert ended.end_reason is EndReason.REJECTED
    assert await sipp_done(caller) == 0, caller.describe()
    assert await sipp_done(phone) == 0, phone.describe()


async def test_queue_login_and_pause_through_the_hub(world: HubLab, ami: RawAmi) -> None:
    w = world
    state = w.centre.centre.state
    await w.centre.login("sales")
    await w.until(lambda: (m := state.membership("sales")) is not None and m.dynamic)
    await w.centre.pause(None, "Обед")
    await w.until(lambda: state.agent_status.state is AgentState.PAUSED)
    assert state.agent_status.reason == "Обед"
    paused = await asyncio.to_thread(  # app_queue itself paused her, with the reason
        ami.wait_event,
        lambda e: e.get("Event") == "QueueMemberPause" and e.get("Queue") == "sales",
    )
    assert (paused.get("Paused"), paused.get("PausedReason") or paused.get("Reason")) == (
        "1",
        "Обед",
    )
    await w.centre.unpause(None)
    await w.until(lambda: state.agent_status.state is AgentState.AVAILABLE)
    await w.centre.logout("sales")
    await w.until(lambda: state.membership("sales") is None)


async def test_pickup_of_a_ringing_colleague_through_the_hub(
    world: HubLab, sipp: SippLab, ami: RawAmi
) -> None:
    w = world
    state = w.centre.centre.state
    await w.until(lambda: state.colleague("102") is not None)
    colleague = sipp.phone("102", answer=False)  # rings until the pickup takes the call
    phone = sipp.phone("101", ring_ms=300, hangup_ms=1000)  # answers the pickup call
    ami.action(  # someone calls 102 (a Local channel stands in for the caller)
        "Originate",
        Channel="Local/102@internal",
        Application="Wait",
        Data="20",
        CallerID='"Ivan Petrov" <+79161234567>',
        Async="true",
    )
    await w.until(
        lambda: (c := state.colleague("102")) is not None and c.state is ColleagueState.RINGING
    )
    picked = await w.centre.pickup("102")
    # Asterisk did the pickup (waited for in a thread: the hub runs in this event loop)
    await asyncio.to_thread(ami.wait_event, lambda e: e.get("Event") == "Pickup")
    await w.until(lambda: any(c.call_id == picked for c in w.ended()))
    assert await sipp_done(phone) == 0, phone.describe()
    assert await sipp_done(colleague) == 0, colleague.describe()


def _user(header: str | None) -> str:
    assert header is not None
    return header.split("sip:", 1)[1].split("@", 1)[0]


def _display(header: str | None) -> str:
    assert header is not None
    return header.split("<", 1)[0].strip().strip('"')


@pytest.mark.parametrize("caller_id", [None, '"Example Ltd" <74951234567>'])
async def test_click_to_call_through_the_hub_presents_the_operators_number(
    lab: Lab, sipp: SippLab, tmp_path: Path, endpoint: str, caller_id: str | None
) -> None:
    """Issue 18 through the hub: the operator's phone shows the customer (number and the
    contact's name the panel sent); the trunk's INVITE carries the operator's number (101), or
    the hub's ``caller_id`` for that operator."""
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=200)
    async with start_hub_lab(lab, tmp_path, endpoint, caller_id) as w:
        call_id = await w.alice.client.dial(CUSTOMER, name="Sergey Ivanov")
        await w.until(lambda: any(c.call_id == call_id for c in w.ended()))
        (ended,) = [c for c in w.ended() if c.call_id == call_id]
        assert (ended.direction, ended.number) == (Direction.OUTGOING, CUSTOMER)
        assert ended.end_reason is EndReason.COMPLETED
    assert await sipp_done(customer) == 0, customer.describe()
    assert await sipp_done(phone) == 0, phone.describe()
    (to_operator,) = phone.received("INVITE")
    assert _user(to_operator.header("From")) == CUSTOMER
    assert _display(to_operator.header("From")) == "Sergey Ivanov", to_operator.text
    (to_customer,) = customer.received("INVITE")
    assert "Sergey Ivanov" not in to_customer.text  # the callee's name is for our phone only
    if caller_id is None:
        assert _user(to_customer.header("From")) == "101", to_customer.text
    else:
        assert _user(to_customer.header("From")) == "74951234567", to_customer.text
        assert _display(to_customer.header("From")) == "Example Ltd", to_customer.text


@pytest.mark.parametrize("caller_id", [None, '"Example Ltd" <74951234567>'])
async def test_blind_transfer_out_through_the_hub_presents_ours(
    lab: Lab, sipp: SippLab, tmp_path: Path, endpoint: str, caller_id: str | None
) -> None:
    """Issue 18 through the hub: with the hub's transfer_context = panel-transfer, a customer
    transferred to an outside number presents the operator's phone or the hub's caller_id
    for that operator, never the customer's own number."""
    phone = sipp.phone("101", ring_ms=200)
    outside = sipp.trunk(ring_ms=200, hangup_ms=300)
    async with start_hub_lab(lab, tmp_path, endpoint, caller_id, "panel-transfer") as w:
        customer = sipp.call()
        await w.until(lambda: (c := the_call(w)) is not None and c.state is CallState.TALKING)
        call = the_call(w)
        assert call is not None and call.number == "+79161234567"
        await w.alice.client.transfer(call.call_id, CUSTOMER)
        await w.until(lambda: any(c.call_id == call.call_id for c in w.ended()))
    assert await sipp_done(outside) == 0, outside.describe()
    assert await sipp_done(customer) == 0, customer.describe()
    assert await sipp_done(phone) == 0, phone.describe()
    (invite,) = outside.received("INVITE")
    sent = invite.header("From")
    expected = ("101", "Operator 101") if caller_id is None else ("74951234567", "Example Ltd")
    assert (_user(sent), _display(sent)) == expected, invite.text
