"""TLS for AMI (port 5039): certificate checks on by default, a specific error when they fail.

Trust comes from one of three places: the system CAs (default), ``cafile`` (a private CA or the
server's own certificate), or a pinned SHA-256 fingerprint of the server's certificate. With a
pin the chain, host name and dates are not checked: the certificate must be that exact one.
"""

from __future__ import annotations

import hmac
import ssl

from .config import ConnectionConfig
from .errors import ConnectionLost
from .fingerprint import certificate_fingerprint


class TlsError(ConnectionLost):
    """The TLS handshake failed (protocol mismatch, the server is not speaking TLS, …)."""


class TlsVerificationFailed(TlsError):
    """The server's certificate is not trusted: unknown CA, wrong host name, expired,
    or not the pinned one."""


# OpenSSL X509_V_ERR_* codes (ssl.SSLCertVerificationError.verify_code) → (why, what to do).
_PIN = "or pin its SHA-256 fingerprint"
_CA = f"point 'cafile' at the server's CA or certificate, {_PIN}"
_DATES = f"renew the server's certificate (or fix this computer's clock), {_PIN}"
_NAME = f"connect with a host name or address the certificate lists, {_PIN}"
_REASONS: dict[int, tuple[str, str]] = {
    2: ("it is issued by an unknown certificate authority", _CA),
    9: ("the certificate is not valid yet", _DATES),
    10: ("the certificate has expired", _DATES),
    18: ("the certificate is self-signed", _CA),
    19: ("the chain ends in an untrusted self-signed certificate", _CA),
    20: ("it is issued by an unknown certificate authority", _CA),
    21: ("it is issued by an unknown certificate authority", _CA),
    23: ("the certificate has been revoked", "install a new certificate on the server"),
    62: ("it was issued for another host name", _NAME),
    64: ("it was issued for another IP address", _NAME),
}


def make_ssl_context(config: ConnectionConfig) -> ssl.SSLContext | None:
    """The client context for ``config``, or None for plain TCP.

    Verification stays on unless the admin explicitly set ``tls_verify=False``; a private CA
    or a self-signed server certificate is trusted by pointing ``cafile`` at it. With
    ``tls_fingerprint`` the handshake accepts any certificate and ``check_pin`` compares it
    before a single AMI byte (the secret included) is sent.
    """
    if not config.tls:
        return None
    if config.tls_fingerprint is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context(cafile=config.cafile)
        if not config.tls_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def check_pin(config: ConnectionConfig, ssl_object: object, server: str) -> None:
    """Raise ``TlsVerificationFailed`` unless the peer certificate matches the pinned one.

    ``ssl_object`` is the stream's ``get_extra_info("ssl_object")``. No pin: nothing to do.
    """
    expected = config.tls_fingerprint
    if expected is None or not config.tls:
        return
    der = None
    if isinstance(ssl_object, ssl.SSLObject | ssl.SSLSocket):
        der = ssl_object.getpeercert(binary_form=True)
    if not der:
        raise TlsVerificationFailed(
            f"TLS server {server} presented no certificate to compare with the pinned fingerprint"
        )
    got = certificate_fingerprint(der)
    if not hmac.compare_digest(got, expected):
        raise TlsVerificationFailed(
            f"TLS certificate of {server} is not trusted: certificate fingerprint does not "
            f"match: expected {expected}, got {got}; if the server's certificate was replaced "
            "on purpose, pin the new one"
        )


def tls_error(exc: ssl.SSLError, server: str) -> TlsError:
    """Map an ``ssl`` exception to the connector's error with a message an admin can act on."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or exc.reason or str(exc)
        why, advice = _REASONS.get(exc.verify_code, ("", _CA))
        reason = f": {why} ({detail})" if why else f" ({detail})"
        return TlsVerificationFailed(
            f"TLS certificate of {server} is not trusted{reason}; {advice}"
        )
    return TlsError(f"TLS handshake with {server} failed: {exc.reason or exc}")
