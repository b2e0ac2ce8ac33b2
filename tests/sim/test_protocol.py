"""Protocol behaviour: banners, framing, login (plain, MD5, wrong), permissions, masks, lists."""

from __future__ import annotations

import asyncio
import time

import pytest

from callpanel.ami import Action, AmiParser, LineEnding, Response, serialize_action
from callpanel.sim import DIALECTS, SimConfig, SimPbx

from .amiclient import AmiTestClient
from .conftest import Connect, StartSim

BANNERS = {"13": "2.10.6", "16": "5.0.5", "18": "7.0.3", "20": "9.0.0", "22": "11.0.0"}
VERSIONS = {"13": "13.38.3", "16": "16.30.1", "18": "18.26.4", "20": "20.20.1", "22": "22.10.1"}


@pytest.mark.asyncio
@pytest.mark.parametrize("dialect", sorted(DIALECTS))
async def test_banner_and_core_settings_per_dialect(
    start_sim: StartSim, connect: Connect, dialect: str
) -> None:
    sim = await start_sim(dialect=dialect)
    client = await connect(sim)
    assert client.banner is not None
    assert client.banner.text == f"Asterisk Call Manager/{BANNERS[dialect]}"
    await client.login()
    settings = await client.send("CoreSettings")
    assert settings.get("AsteriskVersion") == VERSIONS[dialect]
    assert settings.get("AMIversion") == BANNERS[dialect]
    booted = await client.wait_event("FullyBooted")
    assert ("Uptime" in booted) is (dialect != "13")


@pytest.mark.asyncio
async def test_crlf_by_default_and_lf_on_request(start_sim: StartSim) -> None:
    for ending, eol in ((LineEnding.CRLF, b"\r\n"), (LineEnding.LF, b"\n")):
        sim = await start_sim(line_ending=ending)
        reader, writer = await asyncio.open_connection("127.0.0.1", sim.port)
        banner = await asyncio.wait_for(reader.readline(), 2)
        assert banner.endswith(eol) and (eol == b"\r\n" or not banner.endswith(b"\r\n"))
        writer.write(serialize_action(Action.create("Ping", action_id="p1"), ending))
        data = await asyncio.wait_for(reader.readuntil(eol + eol), 2)
        assert data == f"Response: Error{eol.decode()}ActionID: p1{eol.decode()}".encode() + (
            b"Message: Permission denied" + eol + eol
        )
        writer.close()


@pytest.mark.asyncio
async def test_client_may_send_bare_lf(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    client.line_ending = LineEnding.LF
    assert (await client.login()).message == "Authentication accepted"
    assert (await client.send("Ping")).get("Ping") == "Pong"


@pytest.mark.asyncio
async def test_md5_login(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    response = await client.login_md5()
    assert response.status == "Success" and response.message == "Authentication accepted"
    again = await client.send("Challenge", AuthType="MD5")
    assert again.get("Challenge")
    wrong = await client.send("Challenge", AuthType="plain")
    assert wrong.is_error and wrong.message == "Must specify AuthType"


@pytest.mark.asyncio
async def test_wrong_secret_fails_after_delay_and_closes(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim(time_scale=0.05)  # 1 s -> 50 ms
    client = await connect(sim)
    started = time.monotonic()
    response = await client.login(secret="wrong")
    elapsed = time.monotonic() - started
    assert response.is_error and response.message == "Authentication failed"
    assert elapsed >= 0.04
    await asyncio.wait_for(client.closed, 2)
    assert not [e for e in client.events]  # no event before or after a failed login


@pytest.mark.asyncio
async def test_wrong_md5_key_and_unknown_user_fail(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.send("Challenge", AuthType="MD5")
    bad = await client.send("Login", AuthType="MD5", Username="callpanel", Key="0" * 32)
    assert bad.message == "Authentication failed"
    other = await connect(sim)
    assert (await other.login(user="nobody")).message == "Authentication failed"


@pytest.mark.asyncio
async def test_actions_before_login_are_denied_and_session_stays(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim()
    client = await connect(sim)
    denied = await client.send("CoreShowChannels")
    assert denied.is_error and denied.message == "Permission denied"
    assert (await client.login()).status == "Success"
    assert (await client.login()).message == "Already authenticated"


@pytest.mark.asyncio
async def test_logoff_says_goodbye_and_closes(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    bye = await client.send("Logoff")
    assert bye.status == "Goodbye" and bye.message == "Thanks for all the fish."
    await asyncio.wait_for(client.closed, 2)


@pytest.mark.asyncio
async def test_unknown_action_and_missing_action(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    unknown = await client.send("Frobnicate")
    assert unknown.message == (
        "Invalid/unknown command: Frobnicate. Use Action: ListCommands to show available commands."
    )
    client.writer.write(b"ActionID: naked\r\nFoo: bar\r\n\r\n")
    await client.wait_for(lambda: "naked" in client.responses)
    assert client.responses["naked"].message == "Missing action in request"
    listing = await client.send("ListCommands")
    assert listing.get("Originate") and listing.get("Login")


@pytest.mark.asyncio
async def test_line_too_long_is_an_error_and_session_survives(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    client.writer.write(b"Action: Ping\r\nX: " + b"a" * 2000 + b"\r\n\r\n")
    await client.wait_for(lambda: any(b"line too long" in bytes(client.raw) for _ in [0]))
    assert (await client.send("Ping")).get("Ping") == "Pong"


@pytest.mark.asyncio
async def test_limited_user_permissions(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    ok = await client.login("callpanel_limited", "callpanel-limited-secret")
    assert ok.status == "Success"
    for name, fields in (
        ("Hangup", {"Channel": "SIP/101-00000001"}),
        ("Redirect", {"Channel": "x", "Context": "internal", "Exten": "102", "Priority": "1"}),
        ("CoreShowChannels", {}),
        ("Command", {"Command": "core show version"}),
        ("PJSIPNotify", {"Channel": "x", "Variable": "Event=talk"}),
    ):
        response = await client.send(name, fields)
        assert response.is_error and response.message == "Permission denied", name
    queued = await client.send(
        "Originate", Channel="SIP/101", Context="internal", Exten="102", Priority="1", Async="true"
    )
    assert queued.message == "Originate successfully queued"
    # read=call,agent: call events arrive, system/security events do not
    await client.wait_event("Newchannel", Channel="SIP/101-00000000")
    classes = {e.get("Privilege") for e in client.events}
    assert "system,all" not in classes and "security,all" not in classes
    assert "FullyBooted" not in client.names()


@pytest.mark.asyncio
async def test_event_mask_on_login_and_events_action(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    quiet = await connect(sim)
    await quiet.send("Login", Username="callpanel", Secret="callpanel-secret", Events="off")
    loud = await connect(sim)
    await loud.login()
    await sim.incoming_call("+79161234567", "Ivan Petrov")
    await loud.wait_event("DialBegin")
    assert not quiet.events
    on = await quiet.send("Events", EventMask="call")
    assert on.get("Events") == "On" and "Message" not in on
    await sim.phone("101").answer()
    await quiet.wait_event("BridgeEnter")
    assert {e.get("Privilege") for e in quiet.events} == {"call,all"}
    off = await quiet.send("Events", EventMask="Call")  # case-sensitive, like Asterisk: no class
    assert off.get("Events") == "Off"
    empty = await quiet.send("Events", EventMask="")
    assert empty.is_error and empty.message == "Invalid event mask"


@pytest.mark.asyncio
async def test_filter_action(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    added = await client.send("Filter", Operation="Add", Filter="Event: Hangup")
    assert added.status == "Success"
    bad = await client.send("Filter", Operation="Add", Filter="(")
    assert bad.is_error
    call = await sim.incoming_call("+79161234567", "Ivan Petrov")
    await sim.remote_hangup(call)
    await client.wait_event("Hangup", Channel="SIP/101-00000001")
    # unanchored regex over the whole event text, like Asterisk: HangupRequest matches too
    after = client.names()[client.names().index("SuccessfulAuth") + 1 :]
    assert set(after) == {"Hangup", "HangupRequest"}
    other = await connect(sim)
    await other.login()
    assert (await other.send("Filter", Filter="!Event: (Newexten|VarSet)")).status == "Success"
    await sim.incoming_call("+79161234567", "Ivan Petrov")
    await other.wait_event("DialBegin")
    assert "Newexten" not in other.names() and "Newchannel" in other.names()


@pytest.mark.asyncio
async def test_event_list_framing(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    await sim.incoming_call("+79161234567", "Ivan Petrov")
    response, items = await client.send_list("Status")
    assert response.starts_event_list and response.message == "Channel status will follow"
    assert [e.name for e in items] == ["Status", "Status", "StatusComplete"]
    assert items[-1].get("ListItems") == "2" and items[-1].get("Items") == "2"
    assert all(e.action_id == response.action_id for e in items)
    assert items[0].get("Privilege") == "Call"
    _, bridges = await client.send_list("BridgeList")
    assert bridges[-1].get("ListItems") == "0"


@pytest.mark.asyncio
async def test_command_output_formats(start_sim: StartSim, connect: Connect) -> None:
    for dialect in ("13", "18"):
        sim = await start_sim(dialect=dialect)
        client = await connect(sim)
        await client.login()
        response = await client.send("Command", Command="core show version")
        version = VERSIONS[dialect]
        assert response.output is not None and response.output.startswith(f"Asterisk {version}")
        if dialect == "13":
            assert response.status == "Follows"
            assert b"\n--END COMMAND--\r\n\r\n" in bytes(client.raw)
        else:
            assert response.status == "Success" and response.message == "Command output follows"
        unknown = await client.send("Command", Command="frob")
        assert unknown.status == ("Follows" if dialect == "13" else "Error")


@pytest.mark.asyncio
async def test_action_id_echo_and_absence(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    client.writer.write(b"Action: Ping\r\n\r\n")
    parser = AmiParser()
    await client.wait_for(lambda: bytes(client.raw).count(b"Ping: Pong") == 1)
    messages = parser.feed(bytes(client.raw))
    pongs = [m for m in messages if isinstance(m, Response) and m.get("Ping") == "Pong"]
    assert pongs and pongs[0].action_id is None


@pytest.mark.asyncio
async def test_drop_clients_and_shutdown_restart(start_sim: StartSim, connect: Connect) -> None:
    sim: SimPbx = await start_sim()
    first = await connect(sim)
    await first.login()
    await sim.drop_clients()
    await asyncio.wait_for(first.closed, 2)
    second = await connect(sim)
    await second.login()
    await sim.incoming_call("+79161234567", "Ivan Petrov")
    await second.wait_event("DialBegin")
    port = sim.port
    restart = asyncio.create_task(sim.shutdown_restart())
    shutdown = await second.wait_event("Shutdown")
    assert shutdown.get("Restart") == "True" and shutdown.get("Shutdown") == "Cleanly"
    await asyncio.wait_for(second.closed, 2)
    await asyncio.wait_for(restart, 5)
    assert sim.port == port
    third = await AmiTestClient.connect(port)
    await third.login()
    _response, items = await third.send_list("CoreShowChannels")
    assert items[-1].get("ListItems") == "0"  # a fresh Asterisk: the old calls are gone
    await sim.incoming_call("+79161234567", "Ivan Petrov")
    await third.wait_event("Newchannel", Channel="SIP/trunk-00000000")  # counters restart
    await third.close()


@pytest.mark.asyncio
async def test_refuses_connections_while_restarting(start_sim: StartSim) -> None:
    sim: SimPbx = await start_sim(time_scale=0.2)  # restart_delay 1 s -> 200 ms
    port = sim.port
    restart = asyncio.create_task(sim.shutdown_restart())
    await asyncio.sleep(0.05)
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)
    await asyncio.wait_for(restart, 5)
    client = await AmiTestClient.connect(port)
    await client.close()


def test_config_rejects_unknown_dialect() -> None:
    with pytest.raises(ValueError):
        SimPbx(SimConfig(dialect="12"))


GARBAGE = [
    b"\x00\x01\x02\r\n\r\n",
    b"\xff\xfe not utf-8 \xc3\x28\r\n\r\n",
    b"Action: Ping\r\nActionID: " + b"x" * 5000 + b"\r\n\r\n",
    b"no colon at all\r\n\r\n",
    b"Action: Originate\r\nChannel: SIP/101\r\nExten: \xd0\x9f\r\nContext: internal\r\n\r\n",
    b"\r\n\r\n\n\n\r\n",
    b"".join(b"H%d: v\r\n" % i for i in range(300)) + b"Action: Ping\r\n\r\n",
    b"Action: Hangup\r\nChannel: /(/\r\n\r\n",
    b"Action: Bridge\r\nChannel1: \r\nChannel2:\r\n\r\n",
]


@pytest.mark.asyncio
async def test_garbage_input_never_breaks_the_session(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim()
    client = await connect(sim)
    await client.login()
    for chunk in GARBAGE:
        client.writer.write(chunk)
    client.writer.write(b"Action: Ping\r\nActionID: after\r\n\r\n")
    await client.wait_for(lambda: "after" in client.responses)
    assert client.responses["after"].get("Ping") == "Pong"
    text = bytes(client.raw)
    assert b"line too long" in text and b"Too many lines in message" in text
    assert b"Invalid regex" in text


@pytest.mark.asyncio
async def test_auth_timeout_disconnects_idle_unauthenticated_clients(
    start_sim: StartSim, connect: Connect
) -> None:
    sim = await start_sim(auth_timeout=0.1)
    idle = await connect(sim)
    await asyncio.wait_for(idle.closed, 2)
    logged = await connect(sim)
    await logged.login()
    await asyncio.sleep(0.2)  # past the auth timeout: a logged-in session stays
    assert (await logged.send("Ping")).get("Ping") == "Pong"


@pytest.mark.asyncio
async def test_many_clients_get_the_same_events(start_sim: StartSim, connect: Connect) -> None:
    sim = await start_sim()
    clients = [await connect(sim) for _ in range(12)]
    for client in clients:
        await client.login()
    call = await sim.incoming_call("+79161234567", "Ivan Petrov")
    await sim.phone("101").answer()
    await sim.remote_hangup(call)
    for client in clients:
        await client.wait_event("Hangup", Channel="SIP/101-00000001")
    sequences = {tuple(e.name for e in c.events if e.name != "SuccessfulAuth") for c in clients}
    assert len(sequences) == 1
