"""Issue 11, on the link: plain-text login, local configuration errors, reconnect storms,
log forging. Real sockets on 127.0.0.1 against the scripted AMI server."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection, ConnState
from callpanel.asterisk.errors import ConfigurationError
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus, LinkState

from .amiserver import AmiServer, ClientAction, Recorder, ServerOptions, ServerSession

pytestmark = [pytest.mark.timeout(30)]

SECRET = "callpanel-secret"


def config(port: int, **changes: object) -> ConnectionConfig:
    base = ConnectionConfig(
        host="127.0.0.1",
        port=port,
        secret=SECRET,
        connect_timeout=2.0,
        action_timeout=2.0,
        ping_interval=0,
        ping_timeout=1.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def manager(port: int, rec: Recorder, **changes: object) -> AsteriskManager:
    return AsteriskManager(
        config(port, **changes),
        ClientConfig(endpoints=("SIP/101",)),
        on_status=rec.on_status,
        on_call_event=rec.on_call_event,
        backoff_base=0.01,
        backoff_cap=0.08,
        rng=lambda: 1.0,
        stable_after=5.0,
    )


# -- 1. plain-text login only when allowed ------------------------------------------------


@pytest.mark.asyncio
async def test_md5_refused_is_a_clear_error_and_the_secret_never_leaves() -> None:
    async with AmiServer(ServerOptions(offer_md5=False)) as server:
        conn = AsteriskConnection(config(server.port), on_event=lambda _: None)
        with pytest.raises(ConfigurationError, match="plain-text login is off") as caught:
            await conn.open()
        assert caught.value.setting == "plain_login"
        assert conn.state is ConnState.CLOSED
        assert server.plain_secret_uses == 0
        assert SECRET.encode() not in bytes(server.sessions[0].raw)
        assert [a.name for a in server.sessions[0].actions] == ["Challenge"]


@pytest.mark.asyncio
async def test_md5_refused_stops_the_manager_naming_the_setting() -> None:
    rec = Recorder()
    async with AmiServer(ServerOptions(offer_md5=False)) as server:
        mgr = manager(server.port, rec)
        await mgr.start()
        await rec.until_state("auth_failed")
        failed = next(s for s in rec.statuses if s.state is LinkState.AUTH_FAILED)  # type: ignore[attr-defined]
        assert failed.setting == "plain_login"
        assert "refused MD5 login" in (failed.error or "")
        assert failed.to_json()["setting"] == "plain_login"
        await asyncio.sleep(0.2)  # a retry loop with a 10 ms backoff would show by now
        assert mgr.connection_attempts == 1
        assert server.plain_secret_uses == 0
        await mgr.stop()


@pytest.mark.asyncio
async def test_plain_login_when_allowed_is_shown_as_insecure() -> None:
    rec = Recorder()
    async with AmiServer(ServerOptions(offer_md5=False)) as server:
        mgr = manager(server.port, rec, plain_login=True)
        await mgr.start()
        await rec.until_state("connected")
        status: ConnectionStatus = mgr.status
        assert status.plain_login
        assert status.to_json()["insecure"] is True
        assert status.to_json()["plain_login"] is True
        assert server.plain_secret_uses == 1
        await mgr.stop()


def test_plain_login_over_verified_tls_is_not_flagged() -> None:
    assert config(1, plain_login=True).plain_login_exposed
    assert not config(1, plain_login=True, tls=True).plain_login_exposed
    assert config(1, plain_login=True, tls=True, tls_verify=False).plain_login_exposed
    assert not config(1).plain_login_exposed


# -- 13. local configuration errors fail at once ------------------------------------------


@pytest.mark.parametrize(
    ("changes", "setting"),
    [
        ({"username": "callpanel\r\nAction: Originate"}, "username"),
        ({"username": ""}, "username"),
        ({"tls": True, "cafile": "/nonexistent/ca.pem"}, "cafile"),
        ({"secret": "caf\udcc3\udca9"}, "secret"),  # os.environ's surrogate escape of bad UTF-8
    ],
)
@pytest.mark.asyncio
async def test_local_configuration_errors_are_not_retried(
    changes: dict[str, object], setting: str
) -> None:
    rec = Recorder()
    async with AmiServer() as server:
        mgr = manager(server.port, rec, **changes)
        await mgr.start()
        await rec.until_state("auth_failed")
        await asyncio.sleep(0.2)
        assert mgr.status.state is LinkState.AUTH_FAILED
        assert mgr.status.setting == setting
        assert mgr.connection_attempts == 1
        assert server.sessions == []  # found before connecting: nothing was sent anywhere
        await mgr.stop()


@pytest.mark.asyncio
async def test_a_secret_too_long_for_plain_login_is_a_configuration_error() -> None:
    long_secret = "s" * 1100
    async with AmiServer(ServerOptions(offer_md5=False, secret=long_secret)) as server:
        conn = AsteriskConnection(
            config(server.port, secret=long_secret, plain_login=True), on_event=lambda _: None
        )
        with pytest.raises(ConfigurationError, match="too long") as caught:
            await conn.open()
        assert caught.value.setting == "secret"
        assert long_secret.encode() not in bytes(server.sessions[0].raw)


# -- 4. a server that drops every session at once is not hammered ------------------------


async def _drop_after_snapshot(session: ServerSession, action: ClientAction) -> bool:
    await session.respond(action, "Success", ("EventList", "start"), ("Message", "ok"))
    await session.event(
        "CoreShowChannelsComplete",
        ("ActionID", action.action_id or ""),
        ("EventList", "Complete"),
        ("ListItems", "0"),
    )
    session.close_now()
    return True


@pytest.mark.asyncio
async def test_short_sessions_do_not_reset_the_backoff() -> None:
    rec = Recorder()
    options = ServerOptions(handlers={"coreshowchannels": _drop_after_snapshot})
    async with AmiServer(options) as server:
        mgr = manager(server.port, rec)
        await mgr.start()
        await rec.until_state("reconnecting", 5)
        delays = [s.retry_in for s in rec.statuses if s.state is LinkState.RECONNECTING]  # type: ignore[attr-defined]
        assert rec.count("connected") >= 5  # each attempt did log in
        assert delays[:5] == [0.01, 0.02, 0.04, 0.08, 0.08]
        await mgr.stop()


@pytest.mark.asyncio
async def test_a_session_that_lasted_starts_the_backoff_again() -> None:
    rec = Recorder()
    async with AmiServer() as server:
        mgr = manager(server.port, rec)
        mgr._stable_after = 0.0  # every session counts as stable: the first retry is fast
        await mgr.start()
        await rec.until_state("connected")
        for round_ in range(3):
            session = server.sessions[-1]
            session.close_now()
            await rec.until_state("connected", round_ + 2)
        delays = [s.retry_in for s in rec.statuses if s.state is LinkState.RECONNECTING]  # type: ignore[attr-defined]
        assert delays == [0.01, 0.01, 0.01]
        await mgr.stop()


# -- 7. log forging -------------------------------------------------------------------------


async def _refuse_with_forged_line(session: ServerSession, action: ClientAction) -> bool:
    await session.respond(
        action, "Error", ("Message", "Permission denied\n2026-12-01 ERROR forged: all good")
    )
    return True


@pytest.mark.asyncio
async def test_server_values_cannot_forge_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="callpanel")
    options = ServerOptions(handlers={"coresettings": _refuse_with_forged_line})
    async with AmiServer(options) as server:
        conn = AsteriskConnection(config(server.port), on_event=lambda _: None)
        await conn.open()
        await conn.send(Action.create("Ping"))
        await conn.close()
    messages = [record.getMessage() for record in caplog.records]
    assert any("forged" in m for m in messages)
    assert not any("\n" in m for m in messages)


def test_a_host_with_crlf_is_escaped_in_what_is_logged() -> None:
    conn_config = config(5038, host="pbx\r\n2026-12-01 INFO forged")
    rec = Recorder()
    mgr = AsteriskManager(
        conn_config, ClientConfig(), on_status=rec.on_status, on_call_event=rec.on_call_event
    )
    assert mgr.status.server == "pbx\\r\\n2026-12-01 INFO forged:5038"


@pytest.mark.asyncio
async def test_the_gui_builds_its_manager_with_the_same_backoff_rule() -> None:
    # The panel's connector (ui/bridge.py) makes the real AsteriskManager: the GUI's storm of
    # 3.3 attempts/s had the same cause and has the same cure.
    from callpanel.asterisk.manager import STABLE_SESSION, AsteriskManager
    from callpanel.calls.store import CallStore
    from callpanel.ui.bridge import default_manager_factory

    rec = Recorder()
    options = ServerOptions(handlers={"coreshowchannels": _drop_after_snapshot})
    async with AmiServer(options) as server:
        mgr = default_manager_factory(
            config(server.port), ClientConfig(endpoints=("SIP/101",)), rec.on_status, CallStore()
        )
        assert isinstance(mgr, AsteriskManager)
        assert mgr._stable_after == STABLE_SESSION
        mgr._backoff_base, mgr._backoff_cap, mgr._rng = 0.01, 0.08, lambda: 1.0  # fast test
        await mgr.start()
        await rec.until_state("reconnecting", 4)
        delays = [s.retry_in for s in rec.statuses if s.state is LinkState.RECONNECTING]  # type: ignore[attr-defined]
        assert delays[:4] == [0.01, 0.02, 0.04, 0.08]
        await mgr.stop()
