"""TLS (S4): a self-signed server certificate is refused unless trusted through ``cafile``."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus
from callpanel.asterisk.tls import TlsError, TlsVerificationFailed, make_ssl_context, tls_error

from .amiserver import AmiServer, Recorder
from .tls_certs import (
    OPENSSL,
    make_cert,
    make_expired_cert,
    needs_openssl,
    server_context,
    tls_config,
)

pytestmark = pytest.mark.timeout(30)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    if OPENSSL is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    return {
        "good": make_cert(directory, "ami-test", "IP:127.0.0.1"),
        "wrong_host": make_cert(directory, "elsewhere", "DNS:pbx.elsewhere.example"),
    }


@pytest.fixture(scope="module")
def expired(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_expired_cert(tmp_path_factory.mktemp("tls-expired"), "ami-expired")


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
        assert "the certificate is self-signed" in str(refused.value)
        assert "cafile" in str(refused.value) and "fingerprint" in str(refused.value)
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
        with pytest.raises(TlsVerificationFailed, match="not trusted") as refused:
            await conn.open()
        assert "it was issued for another IP address" in str(refused.value)
        assert server.plain_secret_uses == 0 and server.md5_logins == 0


@pytest.mark.asyncio
async def test_expired_certificate_is_refused_even_with_the_ca(
    expired: tuple[Path, Path],
) -> None:
    cert, key = expired
    async with AmiServer(tls=server_context(cert, key)) as server:
        conn = AsteriskConnection(tls_config(server.port, cafile=str(cert)), on_event=print)
        with pytest.raises(TlsVerificationFailed, match="the certificate has expired") as refused:
            await conn.open()
        text = str(refused.value)
        assert text.startswith(f"TLS certificate of 127.0.0.1:{server.port} is not trusted")
        assert "renew the server's certificate" in text
        assert server.all_actions() == [] and server.plain_secret_uses == 0


def verification_error(code: int, message: str) -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(1, f"[SSL: CERTIFICATE_VERIFY_FAILED] {message}")
    exc.verify_code = code
    exc.verify_message = message
    exc.reason = "CERTIFICATE_VERIFY_FAILED"
    return exc


@pytest.mark.parametrize(
    ("code", "message", "why", "advice"),
    [
        (10, "certificate has expired", "the certificate has expired", "renew"),
        (9, "certificate is not yet valid", "the certificate is not valid yet", "clock"),
        (18, "self-signed certificate", "the certificate is self-signed", "cafile"),
        (19, "self-signed certificate in certificate chain", "untrusted self-signed", "cafile"),
        (20, "unable to get local issuer certificate", "unknown certificate authority", "cafile"),
        (62, "hostname mismatch", "issued for another host name", "host name or address"),
        (64, "IP address mismatch", "issued for another IP address", "host name or address"),
        (99, "something new", "is not trusted (something new)", "cafile"),
    ],
)
def test_verification_errors_say_why_and_what_to_do(
    code: int, message: str, why: str, advice: str
) -> None:
    error = tls_error(verification_error(code, message), "pbx:5039")
    assert isinstance(error, TlsVerificationFailed)
    text = str(error)
    assert text.startswith("TLS certificate of pbx:5039 is not trusted")
    assert why in text and advice in text and f"({message})" in text


def test_other_ssl_errors_are_handshake_failures() -> None:
    exc = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    exc.reason = "WRONG_VERSION_NUMBER"
    error = tls_error(exc, "pbx:5039")
    assert type(error) is TlsError
    assert str(error) == "TLS handshake with pbx:5039 failed: WRONG_VERSION_NUMBER"


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
