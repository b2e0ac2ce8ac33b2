"""Fault injection over real loopback sockets (TESTS.md R1-R3, R5-R7, R10-R13, S3-S5)."""

from __future__ import annotations

import asyncio
import logging
import time
import tracemalloc

import pytest

from callpanel.ami import Action, Event
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.errors import ActionTimeout, ConnectionLost
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import ActiveCallSnapshot, RingFinished, RingStarted

from ..conftest import CAPTURES
from .amiserver import (
    AmiServer,
    ClientAction,
    Recorder,
    ServerOptions,
    ServerSession,
    ThreadedServer,
    recorded_events,
)
from .test_manager import conn_config, make_manager, snapshot_items

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]

REC18 = CAPTURES / "18.26.4"
REC13 = CAPTURES / "13.38.3"
PING_INTERVAL = 0.2
PING_TIMEOUT = 0.3


def first_status(rec: Recorder, state: LinkState, after: int = 0) -> ConnectionStatus:
    for status in rec.statuses[after:]:
        assert isinstance(status, ConnectionStatus)
        if status.state is state:
            return status
    raise AssertionError(f"no {state} in {rec.states()}")


async def hold_slow(session: ServerSession, action: ClientAction) -> bool:
    return True  # never answered


async def drop_and_recover(kill: str, caplog: pytest.LogCaptureFixture) -> float:
    """R1/R2: kill the session mid-call with an action in flight; returns detection time."""
    caplog.set_level(logging.INFO)
    rec = Recorder()
    options = ServerOptions(handlers={"slow": hold_slow})
    async with AmiServer(options) as server:
        manager = make_manager(server.port, rec, action_timeout=10.0)
        await manager.start()
        await rec.until_state("connected")
        session = server.sessions[0]
        await session.replay(REC18 / "04_incoming_answered_operator_hangs_up.ami")
        await rec.until(lambda: any(isinstance(e, RingStarted) for e in rec.calls))
        arrived = server.expect_action("Slow")
        in_flight = asyncio.ensure_future(manager.send(Action.create("Slow")))
        await asyncio.wait_for(arrived, 1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        if kill == "fin":
            session.close_now()
        else:
            session.reset()
        with pytest.raises(ConnectionLost):
            await asyncio.wait_for(in_flight, 1.0)
        failed_after = loop.time() - started
        await rec.until_state("reconnecting", timeout=1.0)
        detected = loop.time() - started
        second = server.expect_action("CoreShowChannels")
        await rec.until_state("connected", 2)
        await asyncio.wait_for(second, 1)  # resync on the new session
        assert failed_after < 1.0
        await manager.stop()
        return detected


async def test_r1_server_closes_mid_call(caplog: pytest.LogCaptureFixture) -> None:
    detected = await drop_and_recover("fin", caplog)
    assert detected < 1.0


async def test_r2_connection_reset_logs_one_warning_and_no_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    detected = await drop_and_recover("rst", caplog)
    assert detected < 1.0
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "lost" in warnings[0].getMessage()
    assert all(r.exc_info is None for r in caplog.records)


async def test_r3_half_open_link_is_detected_by_ping() -> None:
    rec = Recorder()
    checked = asyncio.Event()

    async def phone_check(session: ServerSession, action: ClientAction) -> bool:
        await session.respond(action, "Success", ("Value", "NOT_INUSE"))
        checked.set()
        return True

    # the login's phone check (a Getvar) is answered first: an action in flight would rightly
    # stretch the Ping's deadline by its own
    async with AmiServer(ServerOptions(handlers={"getvar": phone_check})) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        await asyncio.wait_for(checked.wait(), 5)
        loop = asyncio.get_running_loop()
        server.sessions[0].go_silent()
        started = loop.time()
        await rec.until_state("reconnecting", timeout=3.0)
        detected = loop.time() - started
        status = first_status(rec, LinkState.RECONNECTING)
        assert "did not answer Ping" in (status.error or "")
        assert detected <= PING_INTERVAL + PING_TIMEOUT + 0.15, detected
        await rec.until_state("connected", 2)
        assert server.connections == 2
        await manager.stop()


async def test_r4_slow_server_times_out_and_the_late_answer_is_harmless() -> None:
    held: list[tuple[ServerSession, ClientAction]] = []

    async def later(session: ServerSession, action: ClientAction) -> bool:
        held.append((session, action))
        return True

    rec = Recorder()
    async with AmiServer(ServerOptions(handlers={"slow": later})) as server:
        manager = make_manager(server.port, rec, ping_interval=0)
        await manager.start()
        await rec.until_state("connected")
        with pytest.raises(ActionTimeout):
            await manager.send(Action.create("Slow"), timeout=0.2)
        session, action = held[0]
        await session.respond(action, "Success", ("Message", "late"))
        pong = await manager.send(Action.create("Ping"))
        assert pong.get("Ping") == "Pong"
        assert manager.status.state is LinkState.CONNECTED
        await manager.stop()


@pytest.mark.parametrize("version", ["18.26.4", "13.38.3"])
async def test_r5_one_byte_at_a_time(version: str) -> None:
    recording = CAPTURES / version / "02_incoming_caller_cancels_while_ringing.ami"
    events: list[Event] = []
    async with AmiServer(ServerOptions(chunk_size=1)) as server:
        conn = AsteriskConnection(conn_config(server.port, ping_interval=0), on_event=events.append)
        await conn.open()
        count = await server.sessions[0].replay(recording)
        await conn.send(Action.create("Ping"))
        received = [e.headers for e in events[1:]]  # after the server's own FullyBooted
        assert received == [e.headers for e in recorded_events(recording)]
        assert count > 20
        await conn.close()


async def test_r6_garbage_is_skipped_and_later_events_still_arrive(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events: list[Event] = []
    async with AmiServer() as server:
        conn = AsteriskConnection(conn_config(server.port, ping_interval=0), on_event=events.append)
        await conn.open()
        session = server.sessions[0]
        await session.event("UserEvent", ("Seq", "1"))
        await session.send_raw(b"\x00\x01\xfe\xff no colon here\r\n\r\n")
        await session.send_raw(b"just a line\r\nEvent: Hidden\r\n\r\n")
        await session.send_raw(b"Event: UserEvent\r\nSeq: 2\r\nName: \xd0\x98\xff\r\n\r\n")
        await session.send_raw(b"Event: UserEvent\r\nSeq: 3\r\n\n")  # Asterisk #761 framing
        await session.event("UserEvent", ("Seq", "4"))
        await conn.send(Action.create("Ping"))
        user = [e for e in events if e.name == "UserEvent"]
        assert [e.get("Seq") for e in user] == ["1", "2", "3", "4"]
        assert user[1].get("Name") == "И\ufffd"  # nothing silently dropped
        assert "Hidden" not in [e.name for e in events]
        assert conn.is_open
        skipped = [r for r in caplog.records if "malformed" in r.getMessage()]
        assert len(skipped) == 2
        await conn.close()


async def test_r7_endless_message_closes_with_a_reason_and_memory_stays_bounded() -> None:
    rec = Recorder()
    limit = 1024 * 1024
    async with AmiServer() as server:
        manager = make_manager(server.port, rec, max_message_size=limit, ping_interval=0)
        await manager.start()
        await rec.until_state("connected")
        tracemalloc.start()
        try:
            baseline = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            streaming = asyncio.ensure_future(server.sessions[0].stream_endless(10 * limit))
            await rec.until_state("reconnecting")
            peak = tracemalloc.get_traced_memory()[1] - baseline
        finally:
            tracemalloc.stop()
        await streaming  # ends when our side hangs up (kernel buffers may absorb a few MB)
        status = first_status(rec, LinkState.RECONNECTING)
        assert "oversized" in (status.error or "") and "larger than" in (status.error or "")
        assert peak < 5 * limit, f"peak {peak} bytes"
        await rec.until_state("connected", 2)  # reconnect follows
        await manager.stop()


async def test_r10_wrong_password_is_reported_once() -> None:
    rec = Recorder()
    async with AmiServer(ServerOptions(secret="other", auth_fail_delay=0.2)) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("auth_failed")
        await asyncio.sleep(0.3)  # a storm with a 10 ms backoff would show here
        assert server.connections == 1 and server.failed_logins == 1
        await manager.retry_now()
        await rec.until_state("auth_failed", 2)
        assert server.connections == 2 and server.failed_logins == 2
        assert rec.states() == ["connecting", "auth_failed", "connecting", "auth_failed"]
        await manager.stop()


def call_b_items() -> list[tuple[tuple[str, str], ...]]:
    """Recording 16's snapshot turned into a different call from another number."""
    out = []
    for item in snapshot_items(REC18 / "16_resync_snapshot.ami"):
        changed = []
        for key, value in item:
            value = value.replace("1795755750", "1795760000").replace(
                "+79161234567", "+79031112233"
            )
            value = value.replace("Ivan Petrov", "Anna Smirnova")
            changed.append((key, value))
        out.append(tuple(changed))
    return out


async def test_r11_r13_restart_resync_ends_stale_calls_and_shows_new_ones() -> None:
    rec = Recorder()
    options = ServerOptions(channels=snapshot_items(REC18 / "16_resync_snapshot.ami"))
    async with AmiServer(options) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        before = [e for e in rec.calls if isinstance(e, RingStarted)]
        assert [e.number for e in before] == ["+79161234567"]
        old_call = before[0].call_id
        mark = len(rec.calls)
        # Asterisk restarts; meanwhile the old call ended (its Hangup was never seen) and a
        # new one began.
        await server.shutdown_and_restart(channels=call_b_items(), asterisk_version="18.26.5")
        await rec.until_state("connected", 2)
        after = rec.calls[mark:]
        first = after[0]
        assert isinstance(first, RingFinished) and first.call_id == old_call
        started = [e for e in after if isinstance(e, RingStarted)]
        assert [(e.number, e.name) for e in started] == [("+79031112233", "Anna Smirnova")]
        snapshot = after[-1]
        assert isinstance(snapshot, ActiveCallSnapshot)
        assert [(c.number, c.state.value) for c in snapshot.calls] == [("+79031112233", "talking")]
        assert set(manager.adapter.calls) == {started[0].call_id}
        assert manager.server_version == "18.26.5"
        await manager.stop()


async def test_lf_only_server() -> None:
    rec = Recorder()
    async with AmiServer(ServerOptions(eol=b"\n")) as server:
        manager = make_manager(server.port, rec)
        await manager.start()
        await rec.until_state("connected")
        await server.sessions[0].replay(REC13 / "01_incoming_answered_caller_hangs_up.ami")
        await rec.until(lambda: any(isinstance(e, RingFinished) for e in rec.calls))
        kinds = [type(e).__name__ for e in rec.calls if not isinstance(e, ActiveCallSnapshot)]
        assert kinds == ["RingStarted", "CommutationStarted", "RingFinished"]
        assert b"Action: Login\r\n" in bytes(server.sessions[0].raw)  # we still send CRLF
        assert server.md5_logins == 1
        await manager.stop()


async def test_slow_consumer_loses_no_event() -> None:
    """Our loop blocks in on_event while a server on another thread floods 20 000 events."""
    total = 20_000
    events: list[Event] = []

    def slow(event: Event) -> None:
        if len(events) == 1:
            time.sleep(0.5)  # the consumer stalls (blocks the whole loop)
        events.append(event)

    async with ThreadedServer() as threaded:
        server = threaded.server
        conn = AsteriskConnection(conn_config(server.port, ping_interval=0), on_event=slow)
        await conn.open()
        session = server.sessions[0]

        async def flood() -> None:
            block = b"".join(
                session.encode([("Event", "UserEvent"), ("Seq", str(n))]) for n in range(total)
            )
            await session.send_raw(block)

        await threaded.call(flood())
        await conn.send(Action.create("Ping"), timeout=10)
        seqs = [int(e.get("Seq") or -1) for e in events if e.name == "UserEvent"]
        assert seqs == list(range(total))
        assert conn.is_open
        await conn.close()


async def test_a_slow_synchronous_action_does_not_look_like_a_dead_link() -> None:
    """Asterisk answers one action at a time: a 0.8 s Originate delays every Pong behind it."""
    release = asyncio.Event()

    async def sync_originate(session: ServerSession, action: ClientAction) -> bool:
        await release.wait()  # blocks this session's action loop, like Asterisk
        await session.respond(action, "Success", ("Message", "Originate successfully queued"))
        return True

    rec = Recorder()
    async with AmiServer(ServerOptions(handlers={"originate": sync_originate})) as server:
        manager = make_manager(server.port, rec, action_timeout=5.0)
        await manager.start()
        await rec.until_state("connected")
        arrived = server.expect_action("Originate")
        originate = asyncio.ensure_future(
            manager.send(Action.create("Originate", {"Channel": "SIP/101"}))
        )
        await asyncio.wait_for(arrived, 2)
        stuck = server.expect_action("Ping")
        # Pings queue up behind the Originate for longer than one Ping may take; the link
        # must survive this window (a negative check, not a synchronisation sleep).
        await asyncio.sleep(2 * (PING_INTERVAL + PING_TIMEOUT))
        release.set()
        response = await asyncio.wait_for(originate, 2)
        assert response.message == "Originate successfully queued"
        await asyncio.wait_for(stuck, 2)  # keepalive goes on afterwards
        assert rec.states() == ["connecting", "connected"]
        await manager.stop()


async def test_a_stream_of_nothing_but_garbage_is_dropped() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        manager = make_manager(server.port, rec, ping_interval=0)
        await manager.start()
        await rec.until_state("connected")
        await server.sessions[0].send_raw(b"no colon at all\r\n\r\n" * 60)
        await rec.until_state("reconnecting")
        status = first_status(rec, LinkState.RECONNECTING)
        assert "not speaking AMI" in (status.error or "")
        await rec.until_state("connected", 2)
        await manager.stop()
