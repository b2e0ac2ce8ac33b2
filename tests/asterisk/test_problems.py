"""Connection problems as codes, from the exception and its cause (never its text), for real
refused and silent ports on 127.0.0.1 and for the connector's own error types."""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl

import pytest

from callpanel.asterisk.config import ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.errors import (
    AuthenticationFailed,
    ConfigurationError,
    ConnectionLost,
    PermissionDenied,
)
from callpanel.asterisk.problems import LinkProblem, classify
from callpanel.asterisk.tls import TlsVerificationFailed


def caused(outer: Exception, cause: BaseException) -> Exception:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    ("exc", "problem"),
    [
        (caused(ConnectionLost("x"), ConnectionRefusedError(errno.ECONNREFUSED, "r")), "refused"),
        (caused(ConnectionLost("x"), TimeoutError()), "timeout"),
        (
            caused(ConnectionLost("x"), socket.gaierror(-2, "Name or service not known")),
            "unknown_host",
        ),
        (caused(ConnectionLost("x"), OSError(errno.EHOSTUNREACH, "No route")), "unreachable"),
        (caused(ConnectionLost("x"), ssl.SSLError("bad")), "tls"),
        (TlsVerificationFailed("not trusted"), "tls"),
        (AuthenticationFailed("Authentication failed"), "login"),
        (ConfigurationError("the CA file is missing", "cafile"), "setting"),
        (PermissionDenied("Originate", "Permission denied"), "permission"),
        (ConnectionLost("closed the connection"), "lost"),
    ],
)
def test_classify(exc: Exception, problem: str) -> None:
    assert classify(exc) is LinkProblem(problem)


@pytest.mark.asyncio
async def test_a_closed_port_is_refused_and_a_silent_one_times_out() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens once it is closed
    conn = AsteriskConnection(
        ConnectionConfig(port=closed_port, connect_timeout=2), on_event=lambda _e: None
    )
    with pytest.raises(ConnectionLost) as refused:
        await conn.open()
    assert classify(refused.value) is LinkProblem.REFUSED

    async def silent(_r: asyncio.StreamReader, _w: asyncio.StreamWriter) -> None:
        await asyncio.sleep(10)  # accepts, never sends a banner

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        conn = AsteriskConnection(
            ConnectionConfig(port=port, connect_timeout=0.3), on_event=lambda _e: None
        )
        with pytest.raises(ConnectionLost) as quiet:
            await conn.open()
        assert classify(quiet.value) is LinkProblem.TIMEOUT
    finally:
        server.close()
        await server.wait_closed()
