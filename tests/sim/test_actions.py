"""Each call-control action: its response text, its errors and the events it causes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from callpanel.sim import PhoneAnswer, RemoteBehaviour, SimPbx

from .amiclient import AmiTestClient
from .conftest import Connect, StartSim

IVAN = ("+79161234567", "Ivan Petrov")


async def talking(
    start_sim: StartSim, connect: Connect, **kw: Any
) -> tuple[SimPbx, AmiTestClient, str]:
    """A logged-in client and an answered incoming call; returns 101's channel name."""
    sim = await start_sim(**kw)
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    await sim.phone("101").answer()
    tech = sim.pbx.tech
    enter = await client.wait_event("BridgeEnter", Channel=f"{tech}/trunk-00000000")
    assert enter.get("BridgeNumChannels") == "2"
    return sim, client, f"{tech}/101-00000001"


@pytest.mark.asyncio
async def test_hangup_by_name_uniqueid_regex_and_errors(
    start_sim: StartSim, connect: Connect
) -> None:
    sim, client, op = await talking(start_sim, connect)
    missing = await client.send("Hangup", Channel="SIP/999-00000009")
    assert missing.is_error and missing.message == "No such channel"
    assert (await client.send("Hangup")).message == "No channel specified"
    uid = sim.pbx.find(op).uniqueid  # type: ignore[union-attr]
    done = await client.send("Hangup", Channel=uid, Cause="17")
    assert done.message == "Channel Hungup"
    gone = await client.wait_event("Hangup", Channel=op)
    assert gone.get("Cause") == "17"
    await client.wait_event("Hangup", Channel="SIP/trunk-00000000")
    await sim.incoming_call(*IVAN)
    await client.wait_event("DialBegin", DestChannel="SIP/101-00000003")
    response, items = await client.send_list("Hangup", Channel="/^SIP/trunk/")
    assert response.message == "Channels hung up will follow"
    assert [e.get("Channel") for e in items[:-1]] == ["SIP/trunk-00000002"]
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_originate_validation_errors(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    cases = [
        ({}, "Channel not specified"),
        ({"Channel": "nonsense"}, "Invalid channel"),
        ({"Channel": "SIP/101", "Exten": "102", "Context": "internal", "Priority": "x"},
         "Invalid priority"),
        ({"Channel": "SIP/101", "Exten": "102", "Context": "internal", "Timeout": "abc"},
         "Invalid timeout"),
        ({"Channel": "SIP/101", "Exten": "555", "Context": "internal", "Priority": "1"},
         "Extension does not exist."),
        ({"Channel": "SIP/101", "Exten": "102", "Context": "internal", "ChannelId": "u" * 150},
         "Uniqueid length exceeds maximum of 149\n"),
    ]  # fmt: skip
    for fields, message in cases:
        response = await client.send("Originate", {**fields, "Async": "true"})
        assert response.is_error and response.message == message.rstrip("\n"), fields


@pytest.mark.asyncio
async def test_originate_busy_phone_and_sync_mode(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim(originate_answer_delay=None)
    client = await connect(sim)
    await client.login()
    sim.phone("101").set_answer(PhoneAnswer.BUSY, 0.5)
    queued = await client.send(
        "Originate", Channel="SIP/101", Context="internal", Exten="102", Priority="1", Async="yes"
    )
    failure = await client.wait_event("OriginateResponse", ActionID=queued.action_id or "")
    assert failure.get("Response") == "Failure" and failure.get("Reason") == "5"
    sim.phone("101").set_answer(PhoneAnswer.ANSWER, 0.5)
    sync = await client.send(
        "Originate", Channel="SIP/101", Context="internal", Exten="799", Priority="1"
    )
    assert sync.status == "Success" and sync.message == "Originate successfully queued"
    await client.wait_event("MusicOnHoldStart", Channel="SIP/101-00000001")
    sim.set_remote("74997654321", RemoteBehaviour.BUSY)
    await sim.phone("101").hangup()
    busy = await client.send(
        "Originate", Channel="SIP/trunk/74997654321", Context="internal", Exten="799",
        Priority="1",
    )  # fmt: skip
    assert busy.is_error and busy.message == "Originate failed"


@pytest.mark.asyncio
async def test_pbx_bridge_answer_with_local_auto_answer(
    start_sim: StartSim, connect: Connect
) -> None:
    """The panel answers by calling 101 with auto-answer and bridging it to the caller."""
    # the caller's ring (30 s, 150 ms at the tests' time scale) must outlast this test's AMI
    # round trips on a busy machine, or 101's leg ends NOANSWER instead of CANCEL
    sim = await start_sim(dial_timeout=6000.0)
    client = await connect(sim)
    await client.login()
    call = await sim.incoming_call(*IVAN)
    await client.wait_event("Newstate", Channel="SIP/101-00000001", ChannelState="5")
    response = await client.send(
        "Originate", Channel="Local/101@panel-aa", Application="Bridge", Data=call.uniqueid,
        ChannelId="panel-1", OtherChannelId="panel-1b", CallerID='"Ivan Petrov" <+79161234567>',
        Async="true",
    )  # fmt: skip
    assert response.message == "Originate successfully queued"
    ok = await client.wait_event("OriginateResponse", ActionID=response.action_id or "")
    assert ok.get("Response") == "Success" and ok.get("Uniqueid") == "panel-1"
    cancel = await client.wait_event("DialEnd", DestChannel="SIP/101-00000001")
    assert cancel.get("DialStatus") == "CANCEL"
    gone = await client.wait_event("Hangup", Channel="SIP/101-00000001")
    assert gone.get("Cause") == "26"
    one = await client.wait_event("BridgeEnter", Uniqueid=call.uniqueid)
    partner = [e for e in client.events if e.name == "BridgeEnter"
               and e.get("BridgeUniqueid") == one.get("BridgeUniqueid")]  # fmt: skip
    assert {e.get("Uniqueid") for e in partner} == {call.uniqueid, "panel-1"}
    phone_leg = await client.wait_event("BridgeEnter", Channel="SIP/101-00000002")
    assert phone_leg.get("Linkedid") == "panel-1"
    assert sim.pbx.find("panel-1b") is not None  # OtherChannelId names the ;2 half
    await sim.remote_hangup(call)
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_auto_answer_header_off_leaves_the_phone_ringing(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim(auto_answer_header=False)
    client = await connect(sim)
    await client.login()
    await client.send(
        "Originate", Channel="Local/101@panel-aa", Context="internal", Exten="102",
        Priority="1", Async="true",
    )  # fmt: skip
    await client.wait_event("Newstate", Channel="SIP/101-00000000", ChannelState="5")
    await asyncio.sleep(0.05)  # 10 s of simulated time: a phone without auto-answer keeps ringing
    assert sim.pbx.ringing_leg("SIP/101") is not None
    await sim.phone("101").answer()
    await client.wait_event("OriginateResponse")
    await client.wait_event("Newstate", Channel="SIP/102-00000001", ChannelState="5")


@pytest.mark.asyncio
async def test_pbx_moh_hold_with_dual_redirect_and_bridge_back(
    start_sim: StartSim, connect: Connect
) -> None:
    sim, client, op = await talking(start_sim, connect)
    bad = await client.send(
        "Redirect", Channel="nope", Context="panel-hold", Exten="s", Priority="1"
    )
    assert bad.message == "Channel does not exist: nope"
    held = await client.send(
        "Redirect", Channel="SIP/trunk-00000000", Context="panel-hold", Exten="s", Priority="1",
        ExtraChannel=op, ExtraContext="panel-park-op", ExtraExten="s", ExtraPriority="1",
    )  # fmt: skip
    assert held.message == "Dual Redirect successful"
    await client.wait_event("MusicOnHoldStart", Channel="SIP/trunk-00000000")
    await client.wait_event("BridgeDestroy")
    assert sim.pbx.find(op) is not None and sim.pbx.find(op).bridge is None  # type: ignore[union-attr]
    missing = await client.send("Bridge", Channel1="SIP/trunk-00000000", Channel2="x")
    assert missing.message == "Channel2 does not exist: x"
    back = await client.send("Bridge", Channel1="SIP/trunk-00000000", Channel2=op)
    assert back.message == "Channels have been bridged"
    await client.wait_event("MusicOnHoldStop", Channel="SIP/trunk-00000000")
    enters = [e for e in client.events if e.name == "BridgeEnter"]
    assert {e.get("Channel") for e in enters[-2:]} == {"SIP/trunk-00000000", op}
    await sim.phone("101").hangup()
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_single_redirect_of_remote_ends_the_operator_leg(
    start_sim: StartSim, connect: Connect
) -> None:
    _sim, client, op = await talking(start_sim, connect)
    response = await client.send(
        "Redirect", Channel="SIP/trunk-00000000", Context="internal", Exten="102", Priority="1"
    )
    assert response.message == "Redirect successful"
    await client.wait_event("Hangup", Channel=op)
    await client.wait_event("DialBegin", DestChannel="SIP/102-00000002")


@pytest.mark.asyncio
async def test_blind_transfer_errors_and_success(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    await client.wait_event("DialBegin")
    invalid = await client.send("BlindTransfer", Channel="SIP/101-00000001", Exten="102")
    assert invalid.is_error and invalid.message == "Transfer invalid"
    await sim.phone("101").answer()
    await client.wait_event("BridgeEnter", Channel="SIP/trunk-00000000")
    failed = await client.send("BlindTransfer", Channel="SIP/101-00000001", Exten="555")
    assert failed.message == "Transfer failed"
    none = await client.send("BlindTransfer", Channel="SIP/101-00000001")
    assert none.message == "No extension specified"
    done = await client.send("BlindTransfer", Channel="SIP/101-00000001", Exten="102")
    assert done.message == "Transfer succeeded"
    event = await client.wait_event("BlindTransfer")
    assert event.get("TransfereeChannel") == "SIP/trunk-00000000"
    await client.wait_event("BridgeEnter", Channel="SIP/102-00000002")  # 102 picks up


@pytest.mark.asyncio
async def test_atxfer_then_cancel_returns_to_the_caller(
    start_sim: StartSim, connect: Connect
) -> None:
    sim, client, op = await talking(start_sim, connect, colleague_answer_delay=None)
    response = await client.send("Atxfer", Channel=op, Exten="102", Context="internal")
    assert response.message == "Atxfer successfully queued"
    await client.wait_event("Hold", Channel=op)
    await client.wait_event("Newstate", Channel="SIP/102-00000002", ChannelState="5")
    cancel = await client.send("CancelAtxfer", Channel=op)
    assert cancel.message == "CancelAtxfer successfully queued"
    await client.wait_event("Unhold", Channel=op)
    await client.wait_event("MusicOnHoldStop", Channel="SIP/trunk-00000000")
    await client.wait_event("Hangup", Channel="SIP/102-00000002")
    trunk = sim.pbx.find("SIP/trunk-00000000")
    assert trunk is not None and trunk.bridge is not None
    assert {c.name for c in trunk.bridge.channels} == {"SIP/trunk-00000000", op}
    missing = await client.send("Atxfer", Channel="nope", Exten="102")
    assert missing.message == "Channel specified does not exist"


@pytest.mark.asyncio
async def test_park_and_retrieve(start_sim: StartSim, connect: Connect) -> None:
    sim, client, op = await talking(start_sim, connect)
    response = await client.send("Park", Channel="SIP/trunk-00000000", TimeoutChannel=op)
    assert response.status == "Success" and response.message == "Park successful"
    parked = await client.wait_event("ParkedCall")
    assert parked.get("ParkingSpace") == "701"
    assert parked.get("ParkeeChannel") == "SIP/trunk-00000000"
    await client.wait_event("Hangup", Channel=op)  # the parker's bridge dissolves
    fetch = await client.send(
        "Originate", Channel="Local/101@panel-aa", Context="parkedcalls", Exten="701",
        Priority="1", Async="true",
    )  # fmt: skip
    assert fetch.status == "Success"
    await client.wait_event("UnParkedCall")
    await client.wait_event("MusicOnHoldStop", Channel="SIP/trunk-00000000")
    trunk = sim.pbx.find("SIP/trunk-00000000")
    assert trunk is not None and trunk.bridge is not None and len(trunk.bridge.channels) == 2


@pytest.mark.asyncio
async def test_play_dtmf(start_sim: StartSim, connect: Connect) -> None:
    _sim, client, op = await talking(start_sim, connect)
    response = await client.send("PlayDTMF", Channel=op, Digit="5")
    assert response.message == "DTMF successfully queued"
    end = await client.wait_event("DTMFEnd", Channel=op)
    assert end.get("Digit") == "5" and end.get("Direction") == "Sent"
    assert (await client.send("PlayDTMF", Channel=op)).message == "No digit specified"
    assert (await client.send("PlayDTMF", Channel="x", Digit="1")).is_error


@pytest.mark.asyncio
async def test_pjsip_notify_talk_hold_talk(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim(pjsip=True)
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN, to="PJSIP/101")
    op = "PJSIP/101-00000001"
    await client.wait_event("Newstate", Channel=op, ChannelState="5")
    talk = await client.send("PJSIPNotify", Channel=op, Variable="Event=talk")
    assert talk.message == "NOTIFY sent"
    await client.wait_event("BridgeEnter", Channel="PJSIP/trunk-00000000")
    await client.send("PJSIPNotify", Channel=op, Variable="Event=hold")
    hold = await client.wait_event("Hold", Channel=op)
    assert hold.get("MusicClass") == "default"
    await client.wait_event("MusicOnHoldStart", Channel="PJSIP/trunk-00000000")
    await client.send("PJSIPNotify", Endpoint="101", Variable="Event=talk")
    await client.wait_event("Unhold", Channel=op)
    bad = await client.send("PJSIPNotify", Channel=op, Variable="Event=check-sync")
    assert bad.is_error
    missing = await client.send("PJSIPNotify", Channel=op)
    assert missing.is_error


@pytest.mark.asyncio
async def test_sip_notify_with_call_id_and_unsupported_phone(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    op = "SIP/101-00000001"
    await client.wait_event("Newstate", Channel=op, ChannelState="5")
    callid = await client.send("Getvar", Channel=op, Variable="SIPCALLID")
    assert callid.get("Variable") == "SIPCALLID" and callid.get("Value")
    sent = await client.send(
        "SIPnotify",
        {"Channel": "101", "Call-ID": callid.get("Value") or "", "Variable": "Event=talk"},
    )
    assert sent.message == "Notify Sent"
    await client.wait_event("BridgeEnter", Channel=op)
    unknown = await client.send("SIPnotify", Channel="999", Variable="Event=talk")
    assert unknown.is_error
    plain = await start_sim(phone_notify=False)
    other = await connect(plain)
    await other.login()
    await plain.incoming_call(*IVAN)
    await other.wait_event("Newstate", Channel=op, ChannelState="5")
    refused = await other.send("SIPnotify", Channel="101", Variable="Event=talk")
    assert refused.is_error and "489" in refused.message


@pytest.mark.asyncio
async def test_sipnotify_does_not_exist_on_22(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim(dialect="22")
    client = await connect(sim)
    await client.login()
    response = await client.send("SIPnotify", Channel="101", Variable="Event=talk")
    assert response.message.startswith("Invalid/unknown command: SIPnotify")
    await sim.incoming_call(*IVAN)
    await client.wait_event("Newchannel", Channel="PJSIP/101-00000001")  # 22 has no chan_sip


@pytest.mark.asyncio
async def test_remote_hold_and_operator_phone_hold(start_sim: StartSim, connect: Connect) -> None:
    sim, client, op = await talking(start_sim, connect)
    await sim.remote_hold("+79161234567")
    await client.wait_event("Hold", Channel="SIP/trunk-00000000")
    await client.wait_event("MusicOnHoldStart", Channel=op)
    await sim.remote_unhold("+79161234567")
    await client.wait_event("MusicOnHoldStop", Channel=op)
    await sim.phone("101").hold()
    await client.wait_event("MusicOnHoldStart", Channel="SIP/trunk-00000000")
    await sim.phone("101").unhold()
    await client.wait_event("Unhold", Channel=op)


@pytest.mark.asyncio
async def test_queue_and_ring_group_and_internal(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN, to="Queue/support")
    await client.wait_event("AgentConnect")  # 102 answers after its delay
    assert (await client.wait_event("Hangup", Channel="SIP/101-00000001")).get("Cause") == "26"
    ch = await sim.phone("102").dial("101")
    assert ch.name == "SIP/102-00000003"
    await sim.phone("101").answer()
    await client.wait_event("BridgeEnter", Channel="SIP/101-00000004")


@pytest.mark.asyncio
async def test_parked_calls_list_and_parked_call_application(
    start_sim: StartSim, connect: Connect
) -> None:
    sim, client, op = await talking(start_sim, connect)
    await client.send("Park", Channel="SIP/trunk-00000000", TimeoutChannel=op)
    parked = await client.wait_event("ParkedCall")
    hangup = await client.wait_event("Hangup", Channel=op)
    assert client.events.index(parked) < client.events.index(hangup)  # parked before op leaves
    response, items = await client.send_list("ParkedCalls")
    assert response.message == "Parked calls will follow"
    assert [(e.name, e.get("ParkingSpace"), e.get("ParkeeChannel")) for e in items[:-1]] == [
        ("ParkedCall", "701", "SIP/trunk-00000000")
    ]
    assert items[-1].name == "ParkedCallsComplete" and items[-1].get("ListItems") == "1"
    await client.send(
        "Originate", Channel="Local/101@panel-aa", Application="ParkedCall", Data="default,701",
        Async="true",
    )  # fmt: skip
    unparked = await client.wait_event("UnParkedCall")
    assert unparked.get("ParkeeChannel") == "SIP/trunk-00000000"
    _, after = await client.send_list("ParkedCalls")
    assert after[-1].get("ListItems") == "0"
    await sim.remote_hangup("+79161234567")
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_click_to_call_through_the_auto_answer_context(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim(originate_answer_delay=None)  # only the auto-answer header answers
    client = await connect(sim)
    await client.login()
    response = await client.send(
        "Originate", Channel="Local/101@panel-aa", Context="internal", Exten="74997654321",
        Priority="1", CallerID='"Сергей Иванов" <74997654321>', ChannelId="c2c-1", Async="true",
    )  # fmt: skip
    done = await client.wait_event("OriginateResponse", ActionID=response.action_id or "")
    assert done.get("Response") == "Success" and (done.get("Channel") or "").startswith(
        "Local/101@"
    )
    trunk = await client.wait_event("BridgeEnter", Channel="SIP/trunk-00000001")
    assert trunk.get("Linkedid") == "c2c-1"
    assert trunk.get("CallerIDName") == "Сергей Иванов"
    await sim.phone("101").hangup()  # the operator's handset hangs up: the whole chain ends
    await client.wait_event("Hangup", Channel="SIP/trunk-00000001")
    await sim.wait_idle()


@pytest.mark.asyncio
async def test_scenarios_also_run_with_pjsip(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim(pjsip=True)
    client = await connect(sim)
    await client.login()
    assert sim.phone("SIP/101").endpoint == sim.phone("101").endpoint == "PJSIP/101"
    await sim.play_scenario("05")
    hold = await client.wait_event("Hold")
    assert hold.get("Channel") == "PJSIP/101-00000001"
    await client.wait_event("Hangup", Channel="PJSIP/trunk-00000000")
    with pytest.raises(Exception, match="unknown scenario"):
        await sim.play_scenario("99_nothing")


@pytest.mark.asyncio
async def test_call_limit_two_makes_a_third_caller_busy(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    await sim.phone("101").answer()
    await sim.incoming_call("+79031112233", "Olga Smirnova")  # call waiting: 101 rings again
    await client.wait_event("Newstate", Channel="SIP/101-00000003", ChannelState="5")
    third = await sim.incoming_call("+74957654321", "ООО Ромашка")
    gone = await client.wait_event("Hangup", Channel=third.channel)
    assert gone.get("Cause") == "17"
    assert len(sim.phone("101").channels()) == 2


@pytest.mark.asyncio
@pytest.mark.parametrize(("dialect", "expected"), [("18", None), ("20", "486"), ("22", "486")])
async def test_busy_pjsip_leg_reports_tech_cause_from_20(
    start_sim: StartSim, connect: Connect, dialect: str, expected: str | None
) -> None:
    sim = await start_sim(dialect=dialect, pjsip=True)
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    await sim.phone("101").reject()
    gone = await client.wait_event("Hangup", Channel="PJSIP/101-00000001")
    assert gone.get("Cause") == "17" and gone.get("TechCause") == expected


@pytest.mark.asyncio
async def test_extension_and_device_state_queries(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call(*IVAN)
    await client.wait_event("DialBegin")
    state = await client.send("ExtensionState", Exten="101", Context="internal")
    assert state.message == "Extension Status"
    assert (state.get("Hint"), state.get("Status"), state.get("StatusText")) == (
        "SIP/101",
        "8",
        "Ringing",
    )
    assert (await client.send("ExtensionState", Exten="555")).get("Status") == "-1"
    _, devices = await client.send_list("DeviceStateList")
    assert {e.get("Device"): e.get("State") for e in devices[:-1]} == {
        "SIP/101": "RINGING",
        "SIP/102": "NOT_INUSE",
        # the demo colleagues (call centre): hints without phones
        "SIP/103": "NOT_INUSE",
        "SIP/104": "NOT_INUSE",
        "SIP/105": "NOT_INUSE",
        "SIP/106": "NOT_INUSE",
    }
    _, hints = await client.send_list("ExtensionStateList")
    assert [e.get("StatusText") for e in hints[:-1]] == ["Ringing"] + ["Idle"] * 5
    assert hints[-1].name == "ExtensionStateListComplete"


@pytest.mark.asyncio
async def test_caller_abandons_the_queue(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim(colleague_answer_delay=None)
    client = await connect(sim)
    await client.login()
    call = await sim.incoming_call(*IVAN, to="Queue/support")
    await client.wait_event("AgentCalled", DestChannel="SIP/102-00000002")
    await sim.remote_hangup(call)
    abandon = await client.wait_event("QueueCallerAbandon")
    assert abandon.get("Privilege") == "agent,all" and abandon.get("Queue") == "support"
    for member in ("SIP/101-00000001", "SIP/102-00000002"):
        end = await client.wait_event("DialEnd", DestChannel=member)
        assert end.get("DialStatus") == "CANCEL"
    await sim.wait_idle()


@pytest.mark.asyncio
@pytest.mark.parametrize(("dialect", "auto"), [("18", True), ("16", False)])
async def test_predial_gosub_auto_answer_from_18(
    start_sim: StartSim, connect: Connect, dialect: str, auto: bool
) -> None:
    sim = await start_sim(dialect=dialect, originate_answer_delay=None)
    client = await connect(sim)
    await client.login()
    await client.send(
        "Originate", Channel="SIP/101", Context="internal", Exten="799", Priority="1",
        PreDialGoSub="panel-aa,s,1", Async="true",
    )  # fmt: skip
    await client.wait_event("Newstate", Channel="SIP/101-00000000", ChannelState="5")
    await asyncio.sleep(0.05)  # 10 s of simulated time
    assert (sim.pbx.ringing_leg("SIP/101") is None) is auto
