"""TLS (S4): a pinned SHA-256 certificate fingerprint connects whatever the CA, name or dates say;
any other certificate is refused before a single AMI byte (or the secret) is sent."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from callpanel.ami import Action
from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.errors import InvalidInput
from callpanel.asterisk.fingerprint import certificate_fingerprint, normalize_fingerprint
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus
from callpanel.asterisk.tls import TlsVerificationFailed, check_pin, make_ssl_context

from .amiserver import AmiServer, Recorder
from .tls_certs import (
    OPENSSL,
    bare_hex,
    make_cert,
    make_expired_cert,
    openssl_fingerprint,
    server_context,
    tls_config,
)

pytestmark = pytest.mark.timeout(30)

CertPair = tuple[Path, Path]


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CertPair]:
    if OPENSSL is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls-pin")
    return {
        "good": make_cert(directory, "ami-pin", "IP:127.0.0.1"),
        "other": make_cert(directory, "ami-other", "IP:127.0.0.1"),
        "wrong_host": make_cert(directory, "elsewhere", "DNS:pbx.elsewhere.example"),
        "expired": make_expired_cert(directory, "ami-expired"),
    }


def pin_of(cert: Path) -> str:
    return bare_hex(openssl_fingerprint(cert))  # computed by openssl, not by our code


# -- the fingerprint format ---------------------------------------------------------------

HEX = "0123456789abcdef" * 4
CANONICAL = ":".join(HEX.upper()[i : i + 2] for i in range(0, 64, 2))


@pytest.mark.parametrize(
    "typed",
    [
        HEX,
        HEX.upper(),
        CANONICAL,
        CANONICAL.lower(),
        f"  {CANONICAL}  ",
        f"sha256 Fingerprint={CANONICAL}",
        f"SHA256:{HEX}",
    ],
)
def test_fingerprint_spellings_are_accepted_and_normalised(typed: str) -> None:
    assert normalize_fingerprint(typed) == CANONICAL
    config = ConnectionConfig(tls=True, tls_fingerprint=typed)
    assert config.tls_fingerprint == CANONICAL


@pytest.mark.parametrize(
    "typed",
    [
        HEX[:-2],  # 31 bytes
        HEX + "00",  # 33 bytes
        HEX[:-1] + "g",
        CANONICAL[:-3] + ";" + CANONICAL[-2:],
        CANONICAL[:5] + HEX[4:],  # colons in some places only
        "sha1 Fingerprint=" + CANONICAL,
        "x" * 5000,
    ],
)
def test_bad_fingerprint_is_refused_before_connecting(typed: str) -> None:
    with pytest.raises(InvalidInput, match="invalid SHA-256 certificate fingerprint") as bad:
        ConnectionConfig(host="127.0.0.1", tls=True, tls_fingerprint=typed)
    assert "64 hex digits" in str(bad.value) and len(str(bad.value)) < 400


def test_blank_fingerprint_means_no_pin() -> None:
    assert ConnectionConfig(tls=True, tls_fingerprint="  ").tls_fingerprint is None
    assert not ConnectionConfig(tls=True, tls_fingerprint="").insecure


def test_certificate_fingerprint_is_sha256_of_der(certs: dict[str, CertPair]) -> None:
    cert = certs["good"][0]
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    assert certificate_fingerprint(der) == normalize_fingerprint(pin_of(cert))


def test_pinned_context_skips_ca_checks_and_is_not_insecure() -> None:
    config = ConnectionConfig(tls=True, tls_fingerprint=HEX)
    context = make_ssl_context(config)
    assert context is not None
    assert context.verify_mode is ssl.CERT_NONE and not context.check_hostname
    assert context.minimum_version is ssl.TLSVersion.TLSv1_2
    assert not config.insecure
    assert not ConnectionConfig(tls=True, tls_verify=False, tls_fingerprint=HEX).insecure
    assert ConnectionConfig(tls=True, tls_verify=False).insecure
    assert not ConnectionConfig(tls=False, tls_verify=False).insecure


def test_no_certificate_to_compare_is_refused() -> None:
    config = ConnectionConfig(tls=True, tls_fingerprint=HEX)
    with pytest.raises(TlsVerificationFailed, match="presented no certificate"):
        check_pin(config, None, "pbx:5039")
    check_pin(ConnectionConfig(tls=True), None, "pbx:5039")  # no pin: nothing to compare


# -- against a TLS server -----------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["good", "wrong_host", "expired"])
async def test_matching_pin_connects_self_signed_wrong_host_or_expired(
    certs: dict[str, CertPair], name: str
) -> None:
    cert, key = certs[name]
    async with AmiServer(tls=server_context(cert, key)) as server:
        config = tls_config(server.port, tls_fingerprint=pin_of(cert))
        conn = AsteriskConnection(config, on_event=print)
        await conn.open()
        assert conn.used_md5 and server.plain_secret_uses == 0
        pong = await conn.send(Action.create("Ping"))
        assert pong.get("Ping") == "Pong"
        await conn.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("tls_verify", [True, False])
async def test_pin_mismatch_is_refused_before_anything_is_sent(
    certs: dict[str, CertPair], tls_verify: bool
) -> None:
    cert, key = certs["good"]
    expected = normalize_fingerprint(pin_of(certs["other"][0]))
    got = normalize_fingerprint(pin_of(cert))
    async with AmiServer(tls=server_context(cert, key)) as server:
        # cafile would trust this certificate: with a pin, only the pin counts.
        config = tls_config(
            server.port, cafile=str(cert), tls_verify=tls_verify, tls_fingerprint=expected
        )
        conn = AsteriskConnection(config, on_event=print)
        with pytest.raises(TlsVerificationFailed) as refused:
            await conn.open()
        message = f"certificate fingerprint does not match: expected {expected}, got {got}"
        assert message in str(refused.value)
        assert server.all_actions() == []
        assert server.plain_secret_uses == 0 and server.md5_logins == 0
        assert b"callpanel-secret" not in b"".join(bytes(s.raw) for s in server.sessions)


@pytest.mark.asyncio
async def test_manager_with_a_pin_is_connected_and_not_shown_as_insecure(
    certs: dict[str, CertPair],
) -> None:
    cert, key = certs["expired"]
    rec = Recorder()
    async with AmiServer(tls=server_context(cert, key)) as server:
        manager = AsteriskManager(
            tls_config(server.port, tls_verify=False, tls_fingerprint=pin_of(cert)),
            ClientConfig(),
            on_status=rec.on_status,
            on_call_event=rec.on_call_event,
        )
        await manager.start()
        await rec.until_state("connected")
        status = rec.statuses[-1]
        assert isinstance(status, ConnectionStatus) and not status.insecure
        assert "insecure" not in status.to_json()
        await manager.stop()


@pytest.mark.asyncio
async def test_manager_shows_the_pin_mismatch(certs: dict[str, CertPair]) -> None:
    cert, key = certs["good"]
    rec = Recorder()
    async with AmiServer(tls=server_context(cert, key)) as server:
        manager = AsteriskManager(
            tls_config(server.port, tls_fingerprint=pin_of(certs["other"][0])),
            ClientConfig(),
            on_status=rec.on_status,
            on_call_event=rec.on_call_event,
            backoff_base=0.01,
            backoff_cap=0.05,
        )
        await manager.start()
        await rec.until_state("reconnecting")
        error = manager.status.error
        assert error is not None and "certificate fingerprint does not match" in error
        await manager.stop()
