"""What the admin configures for the connector. Frozen: a change means a new connection."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..ami import LineEnding
from ..ami.lists import DEFAULT_MAX_LIST_BYTES, DEFAULT_MAX_LIST_ITEMS
from ..directory.dialrules import DialRules
from .fingerprint import normalize_fingerprint

DEFAULT_EVENTS = "call,agent,system"  # lowercase, no spaces: Asterisk's parser is that strict


class AnswerStrategy(enum.Enum):
    NONE = "none"  # the operator answers on the handset; the panel offers no Answer button
    PHONE_NOTIFY = "phone-notify"  # in-dialog NOTIFY Event: talk (PJSIPNotify / SIPnotify)
    PBX_BRIDGE = "pbx-bridge"  # auto-answered call to the operator's phone bridged to the caller


class HoldStrategy(enum.Enum):
    NONE = "none"
    PHONE_NOTIFY = "phone-notify"  # NOTIFY Event: hold / talk to the phone
    PBX_PARK = "pbx-park"  # Park the remote party, fetch it back with an originate
    PBX_MOH = "pbx-moh"  # dual Redirect to music on hold, Bridge back


@dataclass(frozen=True)
class ConnectionConfig:
    host: str = "127.0.0.1"
    port: int = 5038
    username: str = "callpanel"
    secret: str = field(default="", repr=False)
    tls: bool = False
    cafile: str | None = None
    tls_verify: bool = True  # False only by explicit opt-out; the UI shows it as insecure
    # SHA-256 of the server certificate (hex, colons optional). When set, the certificate is
    # trusted by this pin alone: CA chain, host name and dates are not checked.
    tls_fingerprint: str | None = None
    # A client certificate and its key, for a server that asks for one: in hub mode the MQTT
    # broker (require_certificate). Asterisk's AMI never asks.
    client_certfile: str | None = None
    client_keyfile: str | None = None
    line_ending: LineEnding = LineEnding.CRLF  # what we send; what we read is detected
    # Send the secret in clear when the server refuses the MD5 challenge. Off by default: a fake
    # server or a man in the middle on plain TCP would collect the password. Shown as insecure.
    plain_login: bool = False
    events: str = DEFAULT_EVENTS
    connect_timeout: float = 10.0
    action_timeout: float = 10.0
    ping_interval: float = 15.0
    ping_timeout: float = 8.0
    max_message_size: int = 1024 * 1024
    max_list_items: int = DEFAULT_MAX_LIST_ITEMS  # an event list longer than this is refused
    max_list_bytes: int = DEFAULT_MAX_LIST_BYTES
    ignore_events: frozenset[str] = frozenset()  # parsed past, never built (AmiParser)

    def __post_init__(self) -> None:
        # A bad pin is refused here, before any connection (InvalidInput); canonical form kept.
        pin = self.tls_fingerprint
        if pin is not None:
            blank = isinstance(pin, str) and not pin.strip()
            normal = None if blank else normalize_fingerprint(pin)
            object.__setattr__(self, "tls_fingerprint", normal)

    @property
    def insecure(self) -> bool:
        """TLS with nothing checked: verification switched off and no pinned fingerprint."""
        return self.tls and not self.tls_verify and self.tls_fingerprint is None

    @property
    def plain_login_exposed(self) -> bool:
        """Plain-text login is allowed and nothing verified protects the secret on the way."""
        return self.plain_login and (not self.tls or self.insecure)

    def __repr__(self) -> str:  # never show the secret
        return (
            f"ConnectionConfig(host={self.host!r}, port={self.port}, username={self.username!r}, "
            f"secret='***', tls={self.tls}, tls_verify={self.tls_verify}, "
            f"tls_fingerprint={self.tls_fingerprint!r}, plain_login={self.plain_login})"
        )


@dataclass(frozen=True)
class ClientConfig:
    endpoints: tuple[str, ...] = ("SIP/101",)
    originate_context: str = "internal"
    transfer_context: str = "internal"
    caller_id: str | None = None
    originate_timeout_ms: int = 30000
    answer_strategy: AnswerStrategy = AnswerStrategy.NONE
    hold_strategy: HoldStrategy = HoldStrategy.NONE
    hold_context: str = "panel-hold"  # dialplan for pbx-moh: s,1 MusicOnHold()
    park_context: str = "panel-park-op"  # where the operator leg waits during pbx-moh
    autoanswer_context: str = "panel-aa"  # Local/<op>@panel-aa dials the phone with auto-answer
    # Applied to every number the panel dials or transfers to, after it is cleaned and checked.
    dial_rules: DialRules = field(default_factory=DialRules)
