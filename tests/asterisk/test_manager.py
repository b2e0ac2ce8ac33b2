"""AsteriskManager: status, resync, event routing, no re-send, auth failure, Shutdown, stop."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from callpanel.ami import Action, AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import TASK_PREFIX
from callpanel.asterisk.errors import ConnectionLost, PermissionDenied
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import (
    ActiveCallSnapshot,
    RingFinished,
    RingStarted,
    event_to_json,
)

from ..conftest import CAPTURES
from .amiserver import (
    AmiServer,
    ClientAction,
    FakeAdapter,
    Recorder,
    ServerOptions,
    ServerSession,
    recorded_events,
)

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]

REC18 = CAPTURES / "18.26.4"
SECRET = "callpanel-secret"


def conn_config(port: int, **changes: object) -> ConnectionConfig:
    base = ConnectionConfig(
        host="127.0.0.1",
        port=port,
        secret=SECRET,
        connect_timeout=2.0,
        action_timeout=2.0,
        ping_interval=0.2,
        ping_timeout=0.3,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def make_manager(port: int, rec: Recorder, **changes: object) -> AsteriskManager:
    return AsteriskManager(
        conn_config(port, **changes),
        ClientConfig(endpoints=("SIP/101",)),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        backoff_base=0.01,
        backoff_cap=0.05,
    )


def snapshot_items(path: Path) -> list[tuple[tuple[str, str], ...]]:
    """CoreShowChannel bodies (without Event/ActionID) from a recording."""
    return [
        tuple((k, v) for k, v in m.headers if k.lower() not in ("event", "actionid"))
        for m in AmiParser().feed(path.read_bytes())
        if isinstance(m, Event) and m.name == "CoreShowChannel"
    ]


def our_tasks() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith(TASK_PREFIX)]


async def test_connects_resyncs_and_stops_cleanly() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        connected = rec.statuses[-1]
        assert isinstance(connected, ConnectionStatus)
        assert connected.server_version == "18.26.4"
        assert connected.ami_version == "7.0.3"
        assert connected.to_json()["status"] == "connected"
        assert rec.states() == ["connecting", "connected"]
        assert manager.version_tuple == (18, 26, 4)
        assert manager.server_version == "18.26.4"
        names = [a.name for a in server.sessions[0].actions]
        assert names[:4] == ["Challenge", "Login", "CoreSettings", "CoreShowChannels"]
        assert isinstance(rec.calls[-1], ActiveCallSnapshot) and rec.calls[-1].calls == ()
        await manager.stop()
        await manager.stop()  # idempotent: one DISCONNECTED
        assert rec.states() == ["connecting", "connected", "disconnected"]
        assert manager.status.state is LinkState.DISCONNECTED
        assert server.sessions[0].actions[-1].name == "Logoff"
        assert our_tasks() == []
        assert [t for t in asyncio.all_tasks() if t.get_name() == "callpanel-ami-manager"] == []
        with pytest.raises(ConnectionLost):
            await manager.send(Action.create("Ping"))


async def test_recorded_call_flows_through_the_adapter() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        session = server.sessions[0]
        await session.replay(REC18 / "01_incoming_answered_caller_hangs_up.ami")
        await rec.until(lambda: any(isinstance(e, RingFinished) for e in rec.calls))
        kinds = [type(e).__name__ for e in rec.calls if not isinstance(e, ActiveCallSnapshot)]
        assert kinds == ["RingStarted", "CommutationStarted", "RingFinished"]
        started = next(e for e in rec.calls if isinstance(e, RingStarted))
        assert started.number == "+79161234567"
        assert isinstance(manager.adapter, AsteriskAdapter)
        assert manager.adapter.calls == {}
        await manager.stop()


async def test_resync_shows_a_call_already_in_progress() -> None:
    rec = Recorder()
    items = snapshot_items(REC18 / "16_resync_snapshot.ami")
    async with AmiServer(ServerOptions(channels=items)) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        shown = [event_to_json(e) for e in rec.calls]  # type: ignore[arg-type]
        assert shown[0]["event"] == "RingStarted" and shown[0]["number"] == "+79161234567"
        snapshot = rec.calls[-1]
        assert isinstance(snapshot, ActiveCallSnapshot)
        assert [c.state.value for c in snapshot.calls] == ["talking"]
        await manager.stop()


async def test_events_right_after_the_snapshot_are_applied_after_it() -> None:
    """Hangups that follow CoreShowChannelsComplete in the same read must end the call."""
    items = snapshot_items(REC18 / "16_resync_snapshot.ami")
    hangups = [
        e
        for e in recorded_events(REC18 / "16_resync_snapshot.ami")
        if e.name in ("Hangup", "BridgeLeave")
    ]
    assert len(hangups) == 4

    async def list_then_hangups(session: ServerSession, action: ClientAction) -> bool:
        session.server.options.handlers.clear()
        session.options.channels = items
        await session.event("UserEvent", ("Note", "before the snapshot"))
        # one write: the list and then the hangups, as Asterisk flushes queued events
        save = session.writer.write
        chunks: list[bytes] = []
        session.writer.write = chunks.append  # type: ignore[method-assign, assignment]
        await session.handle(action)
        session.writer.write = save  # type: ignore[method-assign]
        tail = b"".join(session.encode(e.headers) for e in hangups)
        await session.send_raw(b"".join(chunks) + tail)
        return True

    rec = Recorder()
    async with AmiServer(ServerOptions(handlers={"coreshowchannels": list_then_hangups})) as s:
        manager = make_manager(s.port, rec)
        await manager.start()
        await rec.until(lambda: any(isinstance(e, RingFinished) for e in rec.calls))
        kinds = [type(e).__name__ for e in rec.calls]
        assert kinds == [
            "RingStarted",
            "CommutationStarted",
            "ActiveCallSnapshot",
            "RingFinished",
        ]
        assert manager.adapter.calls == {}
        await manager.stop()


async def test_fake_adapter_can_be_injected() -> None:
    rec = Recorder()
    adapters: list[FakeAdapter] = []

    def factory(client: ClientConfig, _store: object) -> FakeAdapter:
        adapters.append(FakeAdapter(client.endpoints))
        return adapters[-1]

    async with AmiServer() as server:
        manager = AsteriskManager(
            conn_config(server.port),
            ClientConfig(endpoints=("SIP/101",)),
            on_status=rec.on_status,
            on_call_event=rec.on_call_event,
            adapter_factory=factory,
        )
        await manager.start()
        await rec.until_state("connected")
        assert manager.adapter is adapters[0]  # type: ignore[comparison-overlap]
        assert adapters[0].resyncs == [()]
        assert [e.name for e in adapters[0].handled] == ["FullyBooted"]
        await manager.stop()


async def test_send_fails_at_once_while_not_connected() -> None:
    rec = Recorder()
    manager = make_manager(1, rec)  # never started
    with pytest.raises(ConnectionLost, match="not connected"):
        await manager.send(Action.create("Ping"))
    with pytest.raises(ConnectionLost):
        await manager.send_list(Action.create("CoreShowChannels"))


async def test_originate_is_not_resent_after_a_reconnect() -> None:
    """R12: the link drops right after Originate; the caller is told, nothing is re-sent."""

    async def drop_link(session: ServerSession, action: ClientAction) -> bool:
        session.close_now()
        return True

    rec = Recorder()
    async with AmiServer(ServerOptions(handlers={"originate": drop_link})) as server:
        manager = make_manager(server.port, rec, action_timeout=10.0)
        await manager.start()
        await rec.until_state("connected")
        originate = Action.create(
            "Originate", {"Channel": "SIP/101", "Exten": "74997654321", "Async": "true"}
        )
        with pytest.raises(ConnectionLost):
            await manager.send(originate)
        await rec.until_state("connected", 2)
        await server.wait_login(2)
        await manager.send(Action.create("Ping"))  # the new session works
        originates = [(n, a) for n, a in server.all_actions() if a.name == "Originate"]
        assert [n for n, _ in originates] == [1]
        assert "reconnecting" in rec.states()
        await manager.stop()


async def test_wrong_password_stops_until_retry_now() -> None:
    rec = Recorder()
    options = ServerOptions(secret="the-real-one", auth_fail_delay=0.05)
    async with AmiServer(options) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("auth_failed")
        status = manager.status
        assert status.error is not None and "Authentication failed" in status.error
        # a retry storm with a 10 ms backoff would show within this window
        await asyncio.sleep(0.3)
        assert server.connections == 1
        assert manager.connection_attempts == 1
        assert rec.states() == ["connecting", "auth_failed"]
        server.options.secret = SECRET  # the admin fixed it
        await manager.retry_now()
        await rec.until_state("connected")
        assert server.connections == 2
        await manager.stop()
        assert rec.states()[-1] == "disconnected"


async def test_least_privilege_user_connects_without_resync() -> None:
    rec = Recorder()
    options = ServerOptions(
        denied=frozenset({"CoreShowChannels"}), core_settings_allowed=False, ami_version="2.10.6"
    )
    async with AmiServer(options) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        status = manager.status
        assert status.error is not None and "Permission denied" in status.error
        assert manager.server_version is None
        assert manager.version_tuple == (13,)  # from the banner's AMI major
        with pytest.raises(PermissionDenied):
            await manager.send_list(Action.create("CoreShowChannels"))
        await manager.stop()


async def test_shutdown_event_reconnects_and_reads_the_new_version() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        await server.shutdown_and_restart(asterisk_version="18.27.0", ami_version="7.0.4")
        await rec.until_state("connected", 2)
        assert manager.server_version == "18.27.0"
        assert manager.version_tuple == (18, 27, 0)
        lost = [s for s in rec.statuses if s.state is LinkState.RECONNECTING]  # type: ignore[attr-defined]
        assert lost and "shutting down" in (lost[0].error or "")  # type: ignore[attr-defined]
        await manager.stop()


async def test_fully_booted_while_connected_triggers_a_resync() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        again = server.expect_action("CoreShowChannels")
        await server.sessions[0].event(
            "FullyBooted", ("Privilege", "system,all"), ("Status", "Fully Booted")
        )
        await asyncio.wait_for(again, 2)
        await rec.until(lambda: sum(isinstance(e, ActiveCallSnapshot) for e in rec.calls) == 2)
        await manager.stop()


async def test_stop_while_connecting_publishes_only_disconnected() -> None:
    rec = Recorder()
    async with AmiServer(ServerOptions(send_banner=False)) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connecting")
        await manager.stop()
        assert rec.states() == ["connecting", "disconnected"]
        assert our_tasks() == []


async def test_retry_now_skips_the_backoff_wait() -> None:
    rec = Recorder()
    server = AmiServer()
    await server.start()
    await server.stop_listening()  # the PBX is down
    manager = AsteriskManager(
        conn_config(server.port),
        ClientConfig(),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        backoff_base=5.0,
        rng=lambda: 1.0,
    )
    try:
        await manager.start()
        await rec.until_state("reconnecting")
        status = manager.status
        assert status.retry_in == 5.0 and "cannot connect" in (status.error or "")
        await server.start(server.port)  # back up
        loop = asyncio.get_running_loop()
        started = loop.time()
        await manager.retry_now()
        await rec.until_state("connected", timeout=2.0)
        assert loop.time() - started < 1.0  # not the 5 s backoff
        await manager.stop()
    finally:
        await server.stop()


async def test_stop_then_start_again() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        await manager.stop()
        await manager.start()
        await rec.until_state("connected", 2)
        assert server.connections == 2
        await manager.stop()
        assert rec.states() == [
            "connecting",
            "connected",
            "disconnected",
            "connecting",
            "connected",
            "disconnected",
        ]


async def test_stop_during_resync_closes_the_session() -> None:
    async def never(session: ServerSession, action: ClientAction) -> bool:
        return True

    rec = Recorder()
    async with AmiServer(ServerOptions(handlers={"coreshowchannels": never})) as server:
        manager = make_manager(server.port, rec, action_timeout=10.0)
        resync = server.expect_action("CoreShowChannels")
        await manager.start()
        session, _ = await asyncio.wait_for(resync, 2)
        await manager.stop()
        assert rec.states() == ["connecting", "disconnected"]
        assert our_tasks() == []
        await asyncio.wait_for(session.closed, 2)  # we hung up; nothing left open


async def test_r9_reconnect_delays_grow_to_the_cap_then_connect_when_back() -> None:
    rec = Recorder()
    server = AmiServer()
    await server.start()
    await server.stop_listening()  # down
    manager = AsteriskManager(
        conn_config(server.port),
        ClientConfig(),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        backoff_base=0.01,
        backoff_cap=0.08,
        rng=lambda: 1.0,
    )
    try:
        await manager.start()
        await rec.until_state("reconnecting", 6)
        delays = [s.retry_in for s in rec.statuses if s.state is LinkState.RECONNECTING]  # type: ignore[attr-defined]
        assert delays[:6] == [0.01, 0.02, 0.04, 0.08, 0.08, 0.08]
        await server.start(server.port)  # back: the next attempt gets in
        await rec.until_state("connected", timeout=2.0)
        await manager.stop()
    finally:
        await server.stop()
