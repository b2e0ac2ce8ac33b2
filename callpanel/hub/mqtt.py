"""How the hub and the panels reach the broker: address, credentials, TLS (on by default)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PORT_TLS = 8883
DEFAULT_PORT_PLAIN = 1883
# CONNACK refusals that a retry will not fix: bad user name or password, not authorised
# (MQTT 3.1.1 return codes 4 and 5; MQTT 5 reason codes 0x86, 0x87, 0x8C).
_AUTH_CODES = frozenset({4, 5, 134, 135, 140})


class BrokerConfigError(ValueError):
    pass


@dataclass(frozen=True)
class BrokerConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT_TLS
    username: str = ""
    password: str = field(default="", repr=False)
    tls: bool = True
    cafile: str | None = None  # CA that signed the broker's certificate (None: system CAs)
    certfile: str | None = None  # client certificate instead of / besides a password
    keyfile: str | None = None
    keepalive: int = 10  # seconds; the broker notices a dead client after 1.5x this

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise BrokerConfigError(f"broker port {self.port} is not a port")
        if not self.host or any(c in self.host for c in "\r\n\0 /"):
            raise BrokerConfigError(f"broker host {self.host!r} is not a host name")
        if (self.certfile is None) != (self.keyfile is None):
            raise BrokerConfigError("a client certificate needs both certfile and keyfile")
        if (self.certfile or self.cafile) and not self.tls:
            raise BrokerConfigError("cafile/certfile need TLS")
        for name in ("cafile", "certfile", "keyfile"):
            path = getattr(self, name)
            if path is not None and not Path(path).is_file():
                raise BrokerConfigError(f"broker {name} {path!r} does not exist")

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def tls_context(self) -> ssl.SSLContext | None:
        if not self.tls:
            return None
        context = ssl.create_default_context(cafile=self.cafile)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if self.certfile is not None and self.keyfile is not None:
            context.load_cert_chain(self.certfile, self.keyfile)
        return context

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``aiomqtt.Client`` (besides identifier and will)."""
        return {
            "hostname": self.host,
            "port": self.port,
            "username": self.username or None,
            "password": self.password or None,
            "tls_context": self.tls_context(),
            "keepalive": self.keepalive,
            "clean_session": True,  # nothing is queued for us while we are away
            "timeout": 5.0,
        }


def is_auth_error(exc: BaseException) -> bool:
    """The broker refused our credentials (retrying with the same ones will not help)."""
    rc = getattr(exc, "rc", None)
    value = getattr(rc, "value", rc)
    return isinstance(value, int) and value in _AUTH_CODES


def describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if is_auth_error(exc):
        return f"the broker refused the login ({text})"
    return text
