"""AsteriskConnection against the scripted AMI server on 127.0.0.1 (real sockets)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import replace

import pytest

from callpanel.ami import Action, Event, LineEnding
from callpanel.asterisk.config import ConnectionConfig
from callpanel.asterisk.connection import TASK_PREFIX, AsteriskConnection, ConnState
from callpanel.asterisk.errors import (
    ActionFailed,
    ActionTimeout,
    AuthenticationFailed,
    ConnectionLost,
    InvalidInput,
    PermissionDenied,
)
from callpanel.asterisk.replies import md5_key

from .amiserver import AmiServer, ClientAction, ServerOptions, ServerSession, channel

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(20)]

SECRET = "callpanel-secret"


def make_config(port: int, **changes: object) -> ConnectionConfig:
    base = ConnectionConfig(
        host="127.0.0.1",
        port=port,
        username="callpanel",
        secret=SECRET,
        connect_timeout=2.0,
        action_timeout=2.0,
        ping_interval=0,  # keepalive off unless a test wants it
        ping_timeout=1.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def our_tasks() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith(TASK_PREFIX)]


async def open_conn(
    port: int, events: list[Event] | None = None, **changes: object
) -> AsteriskConnection:
    sink = events if events is not None else []
    conn = AsteriskConnection(make_config(port, **changes), on_event=sink.append)
    await conn.open()
    return conn


async def test_md5_login_never_sends_plain_secret() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port)
        assert conn.used_md5
        assert server.md5_logins == 1
        assert server.plain_secret_uses == 0
        assert SECRET.encode() not in bytes(server.sessions[0].raw)
        assert conn.banner is not None and conn.banner.version == "7.0.3"
        assert conn.server_version == "18.26.4"
        assert server.sessions[0].events_mask == "call,agent,system"
        await conn.close()


@pytest.mark.asyncio
async def test_md5_key_matches_the_recorded_login() -> None:
    # recording 17 (18.26.4): Challenge 643854633 → Key 8d9d4fe2… for the lab's secret
    assert md5_key("643854633", SECRET) == "8d9d4fe2ba5670015ca004bf5584b92f"
    assert md5_key("1", "x") == hashlib.md5(b"1x").hexdigest()


async def test_plain_login_when_the_server_refuses_the_challenge_and_it_is_allowed() -> None:
    async with AmiServer(ServerOptions(offer_md5=False)) as server:
        conn = await open_conn(server.port, plain_login=True)
        assert not conn.used_md5
        assert server.plain_secret_uses == 1
        names = [a.name for a in server.sessions[0].actions]
        assert names[:3] == ["Challenge", "Login", "CoreSettings"]
        await conn.close()


async def test_wrong_secret_is_authentication_failed_not_a_network_error() -> None:
    options = ServerOptions(auth_fail_delay=0.05)
    async with AmiServer(options) as server:
        conn = AsteriskConnection(make_config(server.port, secret="wrong"), on_event=print)
        with pytest.raises(AuthenticationFailed, match="Authentication failed"):
            await conn.open()
        assert conn.state is ConnState.CLOSED
        assert conn.closed.done()
        assert server.failed_logins == 1
        assert our_tasks() == []


async def test_server_version_falls_back_when_core_settings_is_denied() -> None:
    async with AmiServer(ServerOptions(core_settings_allowed=False)) as server:
        conn = await open_conn(server.port)
        assert conn.server_version is None
        assert conn.banner is not None and conn.banner.ami_major == 7
        await conn.close()


async def test_send_resolves_by_action_id_and_maps_errors() -> None:
    async with AmiServer(ServerOptions(denied=frozenset({"Originate"}))) as server:
        conn = await open_conn(server.port)
        pong = await conn.send(Action.create("Ping"))
        assert pong.get("Ping") == "Pong"
        assert pong.action_id and pong.action_id.startswith("cp-")
        with pytest.raises(PermissionDenied) as denied:
            await conn.send(Action.create("Originate", {"Channel": "SIP/101"}))
        assert denied.value.action == "Originate"
        assert denied.value.message == "Permission denied"
        with pytest.raises(ActionFailed, match="Invalid/unknown command") as failed:
            await conn.send(Action.create("NoSuchAction"))
        assert not isinstance(failed.value, PermissionDenied)
        ids = [a.action_id for a in server.sessions[0].actions]
        assert len(ids) == len(set(ids))  # unique ActionIDs
        await conn.close()


async def test_concurrent_actions_each_get_their_own_response() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port)
        replies = await asyncio.gather(*(conn.send(Action.create("Ping")) for _ in range(50)))
        assert len({r.action_id for r in replies}) == 50
        await conn.close()


async def test_timeout_then_the_late_response_is_dropped() -> None:
    held: list[tuple[ServerSession, ClientAction]] = []

    async def hold_back(session: ServerSession, action: ClientAction) -> bool:
        held.append((session, action))
        return True  # no answer now

    options = ServerOptions(handlers={"slow": hold_back})
    async with AmiServer(options) as server:
        conn = await open_conn(server.port)
        with pytest.raises(ActionTimeout, match="Slow"):
            await conn.send(Action.create("Slow"), timeout=0.1)
        session, action = held[0]
        await session.respond(action, "Success", ("Message", "too late"))
        # the link is still fine and the late answer did not resolve anything else
        pong = await conn.send(Action.create("Ping"))
        assert pong.get("Ping") == "Pong"
        assert conn.is_open
        await conn.close()


async def test_send_list_returns_the_whole_list_and_events_still_flow() -> None:
    items = [
        channel("1.0", "SIP/trunk-00000000", number="+79161234567", bridge_id="b1"),
        channel("1.1", "SIP/101-00000001", linkedid="1.0", bridge_id="b1"),
    ]
    events: list[Event] = []
    async with AmiServer(ServerOptions(channels=items)) as server:
        conn = await open_conn(server.port, events)
        before = len(events)
        result = await conn.send_list(Action.create("CoreShowChannels"))
        assert [e.get("Uniqueid") for e in result.items] == ["1.0", "1.1"]
        assert result.complete is not None and result.complete.get("ListItems") == "2"
        assert result.response.message == "Channels will follow"
        assert all(e.name != "CoreShowChannel" for e in events[before:])
        await conn.close()


async def test_late_list_items_of_a_timed_out_list_are_not_events() -> None:
    held: list[tuple[ServerSession, ClientAction]] = []

    async def hold_back(session: ServerSession, action: ClientAction) -> bool:
        held.append((session, action))
        return True

    events: list[Event] = []
    options = ServerOptions(handlers={"coreshowchannels": hold_back})
    async with AmiServer(options) as server:
        conn = await open_conn(server.port, events)
        with pytest.raises(ActionTimeout):
            await conn.send_list(Action.create("CoreShowChannels"), timeout=0.1)
        session, action = held[0]
        server.options.handlers.clear()
        server.options.channels = [channel("9.9", "SIP/101-00000009")]
        await session.handle(action)  # the list arrives late
        await session.event("Marker", ("Privilege", "call,all"))
        await conn.send(Action.create("Ping"))
        names = [e.name for e in events]
        assert "Marker" in names
        assert "CoreShowChannel" not in names and "CoreShowChannelsComplete" not in names
        await conn.close()


async def test_events_arrive_in_order() -> None:
    events: list[Event] = []
    async with AmiServer() as server:
        conn = await open_conn(server.port, events)
        session = server.sessions[0]
        for n in range(200):
            await session.event("UserEvent", ("Seq", str(n)))
        await conn.send(Action.create("Ping"))  # answered after every event above
        seqs = [int(e.get("Seq") or -1) for e in events if e.name == "UserEvent"]
        assert seqs == list(range(200))
        assert events[0].name == "FullyBooted"
        assert conn.events_delivered == len(events)
        await conn.close()


async def test_close_logs_off_and_leaves_no_task() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port, ping_interval=0.05, ping_timeout=1.0)
        assert len(our_tasks()) == 2  # reader + keepalive
        await conn.close()
        assert server.sessions[0].actions[-1].name == "Logoff"
        assert conn.closed.result() is None
        assert our_tasks() == []
        with pytest.raises(ConnectionLost):
            await conn.send(Action.create("Ping"))


async def test_keepalive_pings() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port, ping_interval=0.02, ping_timeout=1.0)
        first = server.expect_action("Ping")
        second = server.expect_action("Ping")
        await asyncio.wait_for(asyncio.gather(first, second), 2)
        assert conn.is_open
        await conn.close()


async def test_pending_actions_fail_at_once_when_the_link_drops() -> None:
    async def close_instead(session: ServerSession, action: ClientAction) -> bool:
        session.close_now()
        return True

    async with AmiServer(ServerOptions(handlers={"originate": close_instead})) as server:
        conn = await open_conn(server.port, action_timeout=10.0)
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(ConnectionLost):
            await conn.send(Action.create("Originate", {"Channel": "SIP/101"}))
        assert loop.time() - started < 1.0  # not the 10 s action timeout
        reason = await asyncio.wait_for(conn.closed, 1)
        assert isinstance(reason, ConnectionLost)
        assert "closed the connection" in str(reason)
        await conn.close()
        assert our_tasks() == []


async def test_injection_is_refused_before_anything_is_sent() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port)
        sent_before = len(server.sessions[0].raw)
        with pytest.raises(InvalidInput, match="control character"):
            await conn.send(Action.create("Originate", {"Exten": "100\r\nAction: Hangup"}))
        await conn.send(Action.create("Ping"))
        actions = [a.name for a in server.sessions[0].actions]
        assert "Originate" not in actions and "Hangup" not in actions
        assert b"Hangup" not in bytes(server.sessions[0].raw[sent_before:])
        await conn.close()


async def test_lf_line_ending_is_what_we_send() -> None:
    async with AmiServer() as server:
        conn = await open_conn(server.port, line_ending=LineEnding.LF)
        raw = bytes(server.sessions[0].raw)
        assert b"\r" not in raw and b"Action: Login\n" in raw
        await conn.close()


async def test_not_an_asterisk_server() -> None:
    async with AmiServer(ServerOptions(send_banner=False)) as server:
        conn = AsteriskConnection(make_config(server.port, connect_timeout=0.2), on_event=print)
        with pytest.raises(ConnectionLost, match="no AMI banner"):
            await conn.open()
        assert our_tasks() == []


async def test_connection_refused_is_connection_lost() -> None:
    async with AmiServer() as server:
        port = server.port
    conn = AsteriskConnection(make_config(port), on_event=print)
    with pytest.raises(ConnectionLost, match="cannot connect"):
        await conn.open()


async def test_the_secret_and_the_md5_key_are_never_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "s3cr3t-Value-that-must-not-leak"
    async with AmiServer(ServerOptions(secret=secret)) as server:
        config = make_config(server.port, secret=secret)
        conn = AsteriskConnection(config, on_event=print)
        await conn.open()
        await conn.send(Action.create("Ping"))
        await conn.close()
        challenge = server.sessions[0].challenge
        assert challenge is not None
        key = md5_key(challenge, secret)
        plain = AsteriskConnection(
            make_config(server.port, secret=secret, plain_login=True), on_event=lambda _: None
        )
        server.options.offer_md5 = False
        await plain.open()
        await plain.close()
        assert server.plain_secret_uses == 1
    logged = caplog.text + "".join(repr(r.args) for r in caplog.records)
    assert secret not in logged
    assert key not in logged
    assert "***" in repr(config) and secret not in repr(config)
    assert secret not in str(config)
