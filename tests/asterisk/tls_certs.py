"""Certificates for the TLS tests, made at test time: openssl for the usual ones, the
``cryptography`` package for an expired one (openssl 3.0's ``req``/``x509`` cannot back-date)."""

from __future__ import annotations

import datetime as dt
import shutil
import ssl
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from callpanel.asterisk.config import ConnectionConfig

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")


def make_cert(directory: Path, name: str, san: str) -> tuple[Path, Path]:
    """A self-signed EC certificate valid for two days, and its key."""
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


def make_expired_cert(directory: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 that expired yesterday (valid 30..1 days ago)."""
    pytest.importorskip("cryptography")
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now - dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def openssl_fingerprint(cert: Path) -> str:
    """What an admin would copy: ``sha256 Fingerprint=AB:CD:…`` as openssl prints it."""
    assert OPENSSL is not None
    done = subprocess.run(
        [OPENSSL, "x509", "-noout", "-fingerprint", "-sha256", "-in", str(cert)],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return done.stdout.strip()


def bare_hex(openssl_line: str) -> str:
    """``AB:CD:…`` of openssl's output → ``abcd…`` (64 lower-case hex digits)."""
    return openssl_line.split("=", 1)[1].replace(":", "").lower()


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
