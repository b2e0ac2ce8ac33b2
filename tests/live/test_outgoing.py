"""Click-to-call on a real Asterisk, and what the called party sees (issue 18)."""

from __future__ import annotations

import asyncio
import dataclasses

from labkit.lab import Lab
from labkit.sipp import SippLab

from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import CallEvent, EndReason, RingFinished

from .conftest import MonitorFactory
from .support import TIMEOUT, sip_display, sip_user


def test_click_to_call_answered(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=300, hangup_ms=300)
    result = m.ok("dial 74997654321")
    ring = m.wait("RingStarted", call=result["call"])
    assert (ring["direction"], ring["number"]) == ("outgoing", "74997654321")
    m.wait("CommutationStarted", call=ring["call"])
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "completed"
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()


def test_click_to_call_busy(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(busy=True, ring_ms=200)
    result = m.ok("dial 74997654321")
    ring = m.wait("RingStarted", call=result["call"])
    assert m.wait("RingFinished", call=ring["call"])["reason"] == "busy"
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()


def test_click_to_call_hangup_from_the_panel(sipp: SippLab, monitor: MonitorFactory) -> None:
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200)
    result = m.ok("dial 74997654321")
    m.wait("CommutationStarted", call=result["call"])
    m.ok(f"hangup {result['call']}")
    assert m.wait("RingFinished", call=result["call"])["reason"] == "completed"
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()


def test_click_to_call_customer_never_sees_their_own_number(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    """Issue 18: the operator's phone shows the callee; the trunk gets the operator's ID."""
    m = monitor()
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=200)
    result = m.ok("dial 74997654321")
    assert m.wait("RingFinished", call=result["call"])["reason"] == "completed"
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()
    (to_operator,) = phone.received("INVITE")
    assert sip_user(to_operator.header("From")) == "74997654321"
    (to_customer,) = customer.received("INVITE")
    # the trunk does not rewrite From: this is what the customer's phone would show
    assert sip_user(to_customer.header("From")) == "101", to_customer.text


async def _dial_with_client(lab: Lab, endpoint: str, caller_id: str) -> list[CallEvent]:
    """The panel's own manager and client, in this process, with a ``caller_id`` setting."""
    assert lab.ports is not None
    events: asyncio.Queue[CallEvent] = asyncio.Queue()
    connected = asyncio.Event()

    def on_status(status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED:
            connected.set()

    conn = ConnectionConfig(port=lab.ports.ami, username="callpanel", secret=lab.secret)
    config = dataclasses.replace(ClientConfig(endpoints=(endpoint,)), caller_id=caller_id)
    manager = AsteriskManager(conn, config, on_status=on_status, on_call_event=events.put_nowait)
    client = AsteriskClient(manager, manager.adapter, config)
    await manager.start()
    seen: list[CallEvent] = []
    try:
        await asyncio.wait_for(connected.wait(), TIMEOUT)
        call_id = await client.dial("74997654321", name="Sergey Ivanov")
        while True:
            event = await asyncio.wait_for(events.get(), TIMEOUT)
            seen.append(event)
            if isinstance(event, RingFinished) and event.call_id == call_id:
                return seen
    finally:
        await manager.stop()


def test_click_to_call_presents_the_configured_caller_id(
    lab: Lab, sipp: SippLab, endpoint: str
) -> None:
    phone = sipp.phone("101", ring_ms=200)
    customer = sipp.trunk(ring_ms=200, hangup_ms=200)
    seen = asyncio.run(_dial_with_client(lab, endpoint, '"Example Ltd" <74951234567>'))
    assert isinstance(seen[-1], RingFinished) and seen[-1].reason is EndReason.COMPLETED, seen
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()
    (to_operator,) = phone.received("INVITE")
    assert sip_user(to_operator.header("From")) == "74997654321"
    assert sip_display(to_operator.header("From")) == "Sergey Ivanov"
    (to_customer,) = customer.received("INVITE")
    assert sip_user(to_customer.header("From")) == "74951234567", to_customer.text
    assert sip_display(to_customer.header("From")) == "Example Ltd", to_customer.text
