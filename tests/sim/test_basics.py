"""The early subset other helpers rely on: login, Ping, CoreSettings, channels, calls, Originate."""

from __future__ import annotations

from typing import Any

import pytest

from callpanel.sim import SimPbx

from .amiclient import AmiTestClient
from .conftest import Connect, StartSim

pytestmark = pytest.mark.asyncio


async def logged_in(
    start_sim: StartSim, connect: Connect, **kw: Any
) -> tuple[SimPbx, AmiTestClient]:
    sim = await start_sim(**kw)
    client = await connect(sim)
    assert (await client.login()).status == "Success"
    return sim, client


async def test_ping_and_core_settings(start_sim: StartSim, connect: Connect) -> None:
    _sim, client = await logged_in(start_sim, connect)
    ping = await client.send("Ping")
    assert ping.get("Ping") == "Pong" and ping.get("Timestamp")
    settings = await client.send("CoreSettings")
    assert settings.get("AsteriskVersion") == "18.26.4"
    assert settings.get("AMIversion") == "7.0.3"


async def test_incoming_answer_hangup_events(start_sim: StartSim, connect: Connect) -> None:
    sim, client = await logged_in(start_sim, connect)
    call = await sim.incoming_call("+79161234567", "Ivan Petrov")
    await client.wait_event("DialState", DestChannel="SIP/101-00000001")
    await sim.phone("SIP/101").answer()
    enter = await client.wait_event("BridgeEnter", Channel="SIP/trunk-00000000")
    response, items = await client.send_list("CoreShowChannels")
    assert response.get("Message") == "Channels will follow"
    channels = {i.get("Channel"): i for i in items if i.name == "CoreShowChannel"}
    assert channels["SIP/101-00000001"].get("BridgeId") == enter.get("BridgeUniqueid")
    assert channels["SIP/trunk-00000000"].get("Linkedid") == call.uniqueid
    await sim.remote_hangup(call)
    hangup = await client.wait_event("Hangup", Channel="SIP/101-00000001")
    assert hangup.get("Cause") == "16"
    assert hangup.get("Cause-txt") == "Normal Clearing"


async def test_originate_click_to_call(start_sim: StartSim, connect: Connect) -> None:
    sim, client = await logged_in(start_sim, connect)
    response = await client.send(
        "Originate", Channel="SIP/101", Context="internal", Exten="74997654321", Priority="1",
        CallerID='"Sergey Ivanov" <74997654321>', Async="true", ChannelId="click-1",
    )  # fmt: skip
    assert response.message == "Originate successfully queued"
    result = await client.wait_event("OriginateResponse", ActionID=response.action_id or "")
    assert result.get("Response") == "Success" and result.get("Reason") == "4"
    assert result.get("Uniqueid") == "click-1"
    trunk = await client.wait_event("BridgeEnter", Linkedid="click-1", Channel="SIP/trunk-00000001")
    assert trunk.get("CallerIDNum") == "74997654321"
    await sim.phone("101").hangup()
    await client.wait_event("Hangup", Channel="SIP/trunk-00000001")
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_no_timer_is_left_behind(start_sim: StartSim, connect: Connect) -> None:
    sim, client = await logged_in(start_sim, connect)
    for _ in range(3):
        call = await sim.incoming_call("+79161234567", "Ivan Petrov", "SIP/101&SIP/102")
        await sim.phone("101").answer()  # cancels the dial timeout and 102's pickup timer
        await sim.remote_hangup(call)
    await sim.wait_idle()
    assert sim.pending_timers == 0
    await client.wait_event("VarSet", Variable="DIALSTATUS", Value="ANSWER")
