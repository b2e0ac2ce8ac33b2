"""Connection status the manager publishes for the UI and ``callpanel monitor``."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .problems import LinkProblem


class LinkState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    AUTH_FAILED = "auth_failed"  # wrong secret, ACL or permission problem: no retry loop
    DISCONNECTED = "disconnected"  # stopped by the user (or never started)


@dataclass(frozen=True)
class ConnectionStatus:
    state: LinkState
    server: str = ""  # host:port
    server_version: str | None = None  # CoreSettings AsteriskVersion, e.g. "18.26.4"
    ami_version: str | None = None  # banner, e.g. "7.0.3"
    retry_in: float | None = None  # seconds until the next attempt (RECONNECTING)
    error: str | None = None  # why the last attempt failed or the link dropped
    insecure: bool = False  # TLS certificate checks switched off by the user
    plain_login: bool = False  # the secret may be sent in clear (the user allowed it)
    setting: str | None = None  # AUTH_FAILED because of this setting of ours (ConfigurationError)
    problem: LinkProblem | None = None  # what went wrong, for words and advice in the UI
    # CONNECTED, but Asterisk knows none of these configured phones (a misspelt endpoint)
    missing_phones: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"event": "Connection", "status": self.state.value}
        for key in ("server", "server_version", "ami_version", "retry_in", "error", "setting"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        if self.insecure or self.plain_login:
            out["insecure"] = True
        if self.plain_login:
            out["plain_login"] = True
        if self.problem is not None:
            out["problem"] = self.problem.value
        if self.missing_phones:
            out["missing_phones"] = list(self.missing_phones)
        return out
