"""What went wrong with the AMI link, as a code the UI turns into words (and advice) in the
operator's language. Worked out from the connector's exception and its cause (the OSError or
ssl error underneath), never from message text."""

from __future__ import annotations

import enum
import errno
import socket
import ssl

from .errors import AuthenticationFailed, ConfigurationError, PermissionDenied
from .tls import TlsError


class LinkProblem(enum.Enum):
    REFUSED = "refused"  # nothing listens there: AMI off, wrong port, a firewall that rejects
    TIMEOUT = "timeout"  # no answer: wrong host, a firewall that drops, not AMI on that port
    UNKNOWN_HOST = "unknown_host"  # the host name does not resolve
    UNREACHABLE = "unreachable"  # no route to the host / network down
    TLS = "tls"  # handshake or certificate
    LOGIN = "login"  # user, secret or the user's permit/deny in manager.conf
    PERMISSION = "permission"  # logged in, but the AMI user lacks a needed class
    SETTING = "setting"  # our own settings make a login impossible
    LOST = "lost"  # the link was up and went away (PBX restart, network)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 8:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify(exc: BaseException, *, was_up: bool = False) -> LinkProblem:
    """The problem behind a failed connection attempt (``was_up``: a session that ended)."""
    for item in _chain(exc):
        if isinstance(item, ConfigurationError):
            return LinkProblem.SETTING
        if isinstance(item, AuthenticationFailed):
            return LinkProblem.LOGIN
        if isinstance(item, PermissionDenied):
            return LinkProblem.PERMISSION
    for item in _chain(exc):
        if isinstance(item, ssl.SSLError | ssl.CertificateError):
            return LinkProblem.TLS
        if isinstance(item, TlsError):
            return LinkProblem.TLS
        if isinstance(item, socket.gaierror):
            return LinkProblem.UNKNOWN_HOST
        if isinstance(item, ConnectionRefusedError):
            return LinkProblem.REFUSED
        if isinstance(item, TimeoutError):
            return LinkProblem.TIMEOUT
        if isinstance(item, OSError) and item.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return LinkProblem.UNREACHABLE
    return LinkProblem.LOST
