"""Transfer to an outside number: whose caller ID the outside party sees (issue 18).

The lab's trunk keeps ``From``, so the trunk's INVITE shows what the outside party's phone
would show. Without the ``[panel-transfer]`` lines of packaging/asterisk/extensions.conf a
blind transfer presents the transferred party's own number (what the panel then warns
about); with them, the panel's ``caller_id`` or the operator's phone's own caller ID. An
attended transfer needs no lines. A colleague on an internal transfer still sees the
customer.
"""

from __future__ import annotations

import asyncio

from labkit.lab import Lab
from labkit.sipp import SippLab

from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.presented import Presented, transfer_lines_present
from callpanel.asterisk.status import ConnectionStatus, LinkState

from .conftest import MonitorFactory
from .support import TIMEOUT, MonitorProcess, RawAmi, sip_display, sip_user

OUTSIDE = "74997654321"
COMPANY = '"Example Ltd" <74951234567>'
LINES = ("--transfer-context", "panel-transfer")


def _talking(m: MonitorProcess) -> str:
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    return str(ring["call"])


def _blind_out(sipp: SippLab, m: MonitorProcess) -> str:
    """A customer (+79161234567) talks to 101, the panel transfers them to OUTSIDE; returns
    the From of the trunk's INVITE."""
    phone = sipp.phone("101", ring_ms=200)
    outside = sipp.trunk(ring_ms=200, hangup_ms=300)
    customer = sipp.call()
    call = _talking(m)
    m.ok(f"transfer {call} {OUTSIDE}")
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    assert outside.wait() == 0, outside.describe()
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()
    (invite,) = outside.received("INVITE")
    header = invite.header("From")
    assert header is not None, invite.text
    return header


def test_blind_transfer_out_without_the_lines_presents_the_customers_own_number(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    """What an admin who did not add the lines gets: the transfer works, the outside party
    sees the customer's number (the panel says so in its transfer window)."""
    sent = _blind_out(sipp, monitor())
    assert sip_user(sent) == "+79161234567"


def test_blind_transfer_out_presents_the_operators_phone(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    sent = _blind_out(sipp, monitor(*LINES))
    assert (sip_user(sent), sip_display(sent)) == ("101", "Operator 101")


def test_blind_transfer_out_presents_the_caller_id_setting(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    sent = _blind_out(sipp, monitor(*LINES, "--caller-id", COMPANY))
    assert (sip_user(sent), sip_display(sent)) == ("74951234567", "Example Ltd")


def test_blind_transfer_to_a_colleague_still_shows_the_customer(
    sipp: SippLab, monitor: MonitorFactory
) -> None:
    m = monitor(*LINES, "--caller-id", COMPANY)
    phone = sipp.phone("101", ring_ms=200)
    colleague = sipp.phone("102", ring_ms=200, hangup_ms=300)
    customer = sipp.call()
    call = _talking(m)
    m.ok(f"transfer {call} 102")
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    assert colleague.wait() == 0, colleague.describe()
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()
    (invite,) = colleague.received("INVITE")
    assert sip_user(invite.header("From")) == "+79161234567", invite.text


def test_click_to_call_then_blind_transfer_out_presents_the_operators_phone(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    """The callee of a click-to-call, transferred on, must not present their own number."""
    m = monitor(*LINES)
    phone = sipp.phone("101", ring_ms=200)
    outside = sipp.trunk(calls=2, ring_ms=200)  # the callee, then the number transferred to
    call = m.ok(f"dial {OUTSIDE}")["call"]
    m.wait("CommutationStarted", call=call)
    m.ok(f"transfer {call} 74997654322")
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    dial = ami.wait_event(
        lambda e: e.get("Event") == "DialBegin" and "74997654322" in e.get("DialString", ""),
        since=0,
    )
    ami.wait_event(  # answered: only then may the test end the call
        lambda e: e.get("Event") == "BridgeEnter" and e.get("Channel") == dial["DestChannel"],
        since=0,
    )
    ami.command("channel request hangup all")
    assert outside.wait() == 0, outside.describe()
    assert phone.wait() == 0, phone.describe()
    callee, transferred_to = outside.received("INVITE")
    assert sip_user(callee.header("From")) == "101", callee.text
    sent = transferred_to.header("From")
    assert (sip_user(sent), sip_display(sent)) == ("101", "Operator 101"), transferred_to.text


def test_attended_transfer_out_presents_the_caller_id_setting(
    sipp: SippLab, monitor: MonitorFactory, ami: RawAmi
) -> None:
    """No dialplan lines needed: the consultation is the operator's own call, and the panel
    gives the operator's channel the configured caller ID before Atxfer."""
    m = monitor("--caller-id", COMPANY)
    phone = sipp.phone("101", ring_ms=200)
    outside = sipp.trunk(ring_ms=200)
    customer = sipp.call()
    call = _talking(m)
    m.ok(f"atxfer {call} {OUTSIDE}")
    assert m.wait("PutHoldAction", call=call)["by"] == "operator"
    consult = m.wait("RingStarted", direction="outgoing", number=OUTSIDE)
    m.wait("CommutationStarted", call=consult["call"])
    m.ok(f"hangup {consult['call']}")  # complete: customer and outside party talk
    assert m.wait("RingFinished", call=call)["reason"] == "transferred"
    ami.command("channel request hangup all")
    assert outside.wait() == 0, outside.describe()
    assert customer.wait() == 0, customer.describe()
    assert phone.wait() == 0, phone.describe()
    (invite,) = outside.received("INVITE")
    sent = invite.header("From")
    assert (sip_user(sent), sip_display(sent)) == ("74951234567", "Example Ltd"), invite.text


async def _what_the_panel_knows(lab: Lab, endpoint: str) -> tuple[object, ...]:
    assert lab.ports is not None
    connected = asyncio.Event()

    def on_status(status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED:
            connected.set()

    conn = ConnectionConfig(port=lab.ports.ami, username="callpanel", secret=lab.secret)
    config = ClientConfig(endpoints=(endpoint,))
    manager = AsteriskManager(conn, config, on_status=on_status)
    client = AsteriskClient(manager, manager.adapter, config)
    await manager.start()
    try:
        await asyncio.wait_for(connected.wait(), TIMEOUT)
        return (
            await transfer_lines_present(manager, "internal"),
            await transfer_lines_present(manager, "panel-transfer"),
            await transfer_lines_present(manager, "no-such-context"),
            await client.presented_caller_id(),
        )
    finally:
        await manager.stop()


def test_the_panel_knows_whether_the_lines_are_there_and_what_the_phone_presents(
    lab: Lab, endpoint: str
) -> None:
    """As the packaging AMI user: ShowDialPlan finds the lines, Getvar the phone's own ID."""
    found = asyncio.run(_what_the_panel_knows(lab, endpoint))
    assert found == (False, True, False, Presented("Operator 101", "101"))
