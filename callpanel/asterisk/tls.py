"""TLS for AMI (port 5039): certificate checks on by default, a specific error when they fail."""

from __future__ import annotations

import ssl

from .config import ConnectionConfig
from .errors import ConnectionLost


class TlsError(ConnectionLost):
    """The TLS handshake failed (protocol mismatch, the server is not speaking TLS, …)."""


class TlsVerificationFailed(TlsError):
    """The server's certificate is not trusted: unknown CA, wrong host name, expired."""


def make_ssl_context(config: ConnectionConfig) -> ssl.SSLContext | None:
    """The client context for ``config``, or None for plain TCP.

    Verification stays on unless the admin explicitly set ``tls_verify=False``; a private CA
    or a self-signed server certificate is trusted by pointing ``cafile`` at it.
    """
    if not config.tls:
        return None
    context = ssl.create_default_context(cafile=config.cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if not config.tls_verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def tls_error(exc: ssl.SSLError, server: str) -> TlsError:
    """Map an ``ssl`` exception to the connector's error with a message an admin can act on."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or exc.reason or str(exc)
        return TlsVerificationFailed(
            f"TLS certificate of {server} is not trusted ({detail}); point 'cafile' at the "
            "server's CA or certificate"
        )
    return TlsError(f"TLS handshake with {server} failed: {exc.reason or exc}")
