"""TLS (S4): a self-signed server certificate is refused unless trusted through ``cafile``."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus
from callpanel.asterisk.tls import TlsError, TlsVerificationFailed, make_ssl_context

from .amiserver import AmiServer, Recorder

pytestmark = pytest.mark.timeout(30)

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")


def make_cert(directory: Path, name: str, san: str) -> tuple[Path, Path]:
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    assert OPENSSL is not None
    subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName={san}",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    directory = tmp_path_factory.mktemp("tls")
    return {
        "good": make_cert(directory, "ami-test", "IP:127.0.0.1"),
        "wrong_host": make_cert(directory, "elsewhere", "DNS:pbx.elsewhere.example"),
    }


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def tls_config(port: int, **changes: object) -> ConnectionConfig:
    base = ConnectionConfig(
        host="127.0.0.1",
        port=port,
        secret="callpanel-secret",
        tls=True,
        connect_timeout=3.0,
        action_timeout=3.0,
        ping_interval=0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_plain_tcp_has_no_context_and_verification_is_on_by_default() -> None:
    assert make_ssl_context(ConnectionConfig()) is None
    context = make_ssl_context(ConnectionConfig(tls=True))
    assert context is not None
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    insecure = make_ssl_context(ConnectionConfig(tls=True, tls_verify=False))
    assert insecure is not None and insecure.verify_mode is ssl.CERT_NONE


@needs_openssl
@pytest.mark.asyncio
async def test_self_signed_certificate_is_refused_by_default(
    certs: dict[str, tuple[Path, Path]],
) -> None:
    async with AmiServer(tls=server_context(*certs["good"])) as server:
        conn = AsteriskConnection(tls_config(server.port), on_event=print)
        with pytest.raises(TlsVerificationFailed, match="not trusted") as refused:
            await conn.open()
        assert "cafile" in str(refused.value)
        assert server.plain_secret_uses == 0 and server.md5_logins == 0


@needs_openssl
@pytest.mark.asyncio
async def test_the_pinned_certificate_connects(certs: dict[str, tuple[Path, Path]]) -> None:
    cert, key = certs["good"]
    async with AmiServer(tls=server_context(cert, key)) as server:
        conn = AsteriskConnection(tls_config(server.port, cafile=str(cert)), on_event=print)
        await conn.open()
        assert conn.used_md5 and server.plain_secret_uses == 0
        pong = await conn.send(Action.create("Ping"))
        assert pong.get("Ping") == "Pong"
        await conn.close()


@needs_openssl
@pytest.mark.asyncio
async def test_wrong_host_name_is_refused_even_with_the_ca(
    certs: dict[str, tuple[Path, Path]],
) -> None:
    cert, key = certs["wrong_host"]
    async with AmiServer(tls=server_context(cert, key)) as server:
        conn = AsteriskConnection(tls_config(server.port, cafile=str(cert)), on_event=print)
        with pytest.raises(TlsVerificationFailed, match="not trusted"):
            await conn.open()


@needs_openssl
@pytest.mark.asyncio
async def test_explicit_opt_out_connects_and_is_shown_as_insecure(
    certs: dict[str, tuple[Path, Path]],
) -> None:
    rec = Recorder()
    async with AmiServer(tls=server_context(*certs["good"])) as server:
        manager = AsteriskManager(
            tls_config(server.port, tls_verify=False),
            ClientConfig(),
            on_status=rec.on_status,
            on_call_event=rec.on_call_event,
        )
        await manager.start()
        await rec.until_state("connected")
        status = rec.statuses[-1]
        assert isinstance(status, ConnectionStatus) and status.insecure
        assert status.to_json()["insecure"] is True
        await manager.stop()


@needs_openssl
@pytest.mark.asyncio
async def test_manager_keeps_retrying_with_the_tls_error_shown(
    certs: dict[str, tuple[Path, Path]],
) -> None:
    rec = Recorder()
    async with AmiServer(tls=server_context(*certs["good"])) as server:
        manager = AsteriskManager(
            tls_config(server.port),
            ClientConfig(),
            on_status=rec.on_status,
            on_call_event=rec.on_call_event,
            backoff_base=0.01,
            backoff_cap=0.05,
        )
        await manager.start()
        await rec.until_state("reconnecting", 2)
        status = manager.status
        assert status.error is not None and "not trusted" in status.error
        await manager.stop()


@pytest.mark.asyncio
async def test_tls_client_against_a_plain_server_fails_with_a_tls_error() -> None:
    async with AmiServer() as server:
        conn = AsteriskConnection(tls_config(server.port, connect_timeout=1.0), on_event=print)
        with pytest.raises(TlsError, match=r"TLS handshake with 127\.0\.0\.1:\d+ failed"):
            await conn.open()
