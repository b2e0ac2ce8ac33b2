"""The hub's configuration file (TOML), e.g. /etc/callpanel/hub.toml::

[ami]                          # the one AMI session
host = "127.0.0.1"
port = 5038
username = "callpanel-hub"
secret_file = "/etc/callpanel/ami-secret"   # or $CALLPANEL_SECRET; never in this file
tls = false

[broker]
host = "127.0.0.1"
port = 8883
username = "callpanel-hub"
password_file = "/etc/callpanel/broker-password"   # or $CALLPANEL_BROKER_PASSWORD
cafile = "/etc/mosquitto/certs/ca.pem"

[defaults]                     # every operator's client settings unless it says otherwise
originate_context = "internal"
answer_strategy = "phone-notify"
hold_strategy = "phone-notify"

[centre]                       # optional: colleagues only from hints of this context
colleague_context = "internal"

[operators.alice]
endpoints = ["PJSIP/101"]
# optional, for the queues (as the panel's settings in direct mode):
# queue_interface = "Local/101@from-queue/n"   member_name = "Alice"
# state_interface = "PJSIP/101"                extension = "101"
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ami import LineEnding
from ..asterisk.centre import CentreConfig
from ..asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from ..asterisk.errors import AsteriskError
from ..asterisk.validate import (
    check_caller_id,
    check_context,
    check_endpoint,
    check_extension,
    check_queue_interface,
)
from .mqtt import DEFAULT_PORT_PLAIN, DEFAULT_PORT_TLS, BrokerConfig, BrokerConfigError
from .topics import DEFAULT_HUB_USER, BadOperatorName, check_operator

AMI_SECRET_ENV = "CALLPANEL_SECRET"
BROKER_PASSWORD_ENV = "CALLPANEL_BROKER_PASSWORD"
_CLIENT_KEYS = {
    "originate_context",
    "transfer_context",
    "caller_id",
    "originate_timeout_ms",
    "answer_strategy",
    "hold_strategy",
}
# An operator's call-centre identity (callpanel.asterisk.centre.CentreConfig); per operator only.
_CENTRE_KEYS = {"queue_interface", "member_name", "state_interface", "extension"}


class HubConfigError(ValueError):
    """The configuration file is wrong; the text names the setting."""


@dataclass(frozen=True)
class HubConfig:
    ami: ConnectionConfig
    broker: BrokerConfig
    operators: Mapping[str, ClientConfig] = field(default_factory=dict)
    # each operator's queue interface, member name, extension (default: from its endpoints)
    centres: Mapping[str, CentreConfig] = field(default_factory=dict)
    colleague_context: str = ""  # presence only from hints of this context ("" = all)

    def centre_of(self, operator: str) -> CentreConfig:
        found = self.centres.get(operator)
        return found if found is not None else CentreConfig.from_client(self.operators[operator])


def _read_secret(
    section: Mapping[str, Any], key: str, env_name: str, env: Mapping[str, str]
) -> str:
    if env.get(env_name):
        return env[env_name]
    path = section.get(f"{key}_file")
    if path is None:
        return ""
    try:
        return Path(str(path)).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise HubConfigError(f"cannot read {key}_file {path!r}: {exc.strerror}") from None


def _client(options: Mapping[str, Any], name: str) -> ClientConfig:
    endpoints = options.get("endpoints")
    if not isinstance(endpoints, list) or not endpoints:
        raise HubConfigError(f"operators.{name}.endpoints must be a non-empty list")
    kwargs: dict[str, Any] = {}
    unknown = set(options) - _CLIENT_KEYS - _CENTRE_KEYS - {"endpoints"}
    if unknown:
        raise HubConfigError(f"operators.{name} does not know {', '.join(sorted(unknown))}")
    for key in _CLIENT_KEYS & set(options):
        kwargs[key] = options[key]
    try:
        if "answer_strategy" in kwargs:
            kwargs["answer_strategy"] = AnswerStrategy(kwargs["answer_strategy"])
        if "hold_strategy" in kwargs:
            kwargs["hold_strategy"] = HoldStrategy(kwargs["hold_strategy"])
        for key in ("originate_context", "transfer_context"):
            if key in kwargs:
                kwargs[key] = check_context(str(kwargs[key]), key)
        return ClientConfig(endpoints=tuple(check_endpoint(str(e)) for e in endpoints), **kwargs)
    except (ValueError, TypeError, AsteriskError) as exc:
        raise HubConfigError(f"operators.{name}: {exc}") from None


def _centre(options: Mapping[str, Any], client: ClientConfig, name: str) -> CentreConfig:
    checks = {
        "queue_interface": check_queue_interface,
        "member_name": check_caller_id,
        "state_interface": check_endpoint,
        "extension": check_extension,
    }
    given: dict[str, str] = {}
    try:
        for key, check in checks.items():
            if key in options:
                given["interface" if key == "queue_interface" else key] = check(str(options[key]))
    except (ValueError, AsteriskError) as exc:
        raise HubConfigError(f"operators.{name}: {exc}") from None
    return CentreConfig.from_client(client, **given)


def parse(data: Mapping[str, Any], env: Mapping[str, str] = os.environ) -> HubConfig:
    ami = data.get("ami", {})
    broker = data.get("broker", {})
    defaults = data.get("defaults", {})
    operators = data.get("operators", {})
    centre = data.get("centre", {})
    for name, section in (
        ("ami", ami),
        ("broker", broker),
        ("defaults", defaults),
        ("centre", centre),
    ):
        if not isinstance(section, dict):
            raise HubConfigError(f"[{name}] must be a table")
    if not isinstance(operators, dict) or not operators:
        raise HubConfigError("[operators.NAME] tables are missing: the hub serves no one")
    unknown = set(defaults) - _CLIENT_KEYS
    if unknown:
        raise HubConfigError(f"[defaults] does not know {', '.join(sorted(unknown))}")
    if set(centre) - {"colleague_context"}:
        raise HubConfigError(
            f"[centre] does not know {', '.join(sorted(set(centre) - {'colleague_context'}))}"
        )
    colleague_context = str(centre.get("colleague_context", ""))
    if colleague_context:
        try:
            check_context(colleague_context, "colleague_context")
        except (ValueError, AsteriskError) as exc:
            raise HubConfigError(f"[centre] {exc}") from None
    clients: dict[str, ClientConfig] = {}
    centres: dict[str, CentreConfig] = {}
    seen: dict[str, str] = {}
    for name, options in operators.items():
        try:
            check_operator(name)
        except BadOperatorName as exc:
            raise HubConfigError(str(exc)) from None
        if not isinstance(options, dict):
            raise HubConfigError(f"[operators.{name}] must be a table")
        client = _client({**defaults, **options}, name)
        for endpoint in client.endpoints:
            if endpoint in seen:
                raise HubConfigError(
                    f"endpoint {endpoint} belongs to both {seen[endpoint]} and {name}"
                )
            seen[endpoint] = name
        clients[name] = client
        centres[name] = _centre(options, client, name)
    try:
        tls = bool(ami.get("tls", False))
        ami_config = ConnectionConfig(
            host=str(ami.get("host", "127.0.0.1")),
            port=int(ami.get("port", 5039 if tls else 5038)),
            username=str(ami.get("username", DEFAULT_HUB_USER)),
            secret=_read_secret(ami, "secret", AMI_SECRET_ENV, env),
            tls=tls,
            cafile=ami.get("cafile"),
            tls_fingerprint=ami.get("fingerprint"),
            line_ending=LineEnding.LF if ami.get("lf") else LineEnding.CRLF,
        )
        broker_tls = bool(broker.get("tls", True))
        broker_config = BrokerConfig(
            host=str(broker.get("host", "127.0.0.1")),
            port=int(broker.get("port", DEFAULT_PORT_TLS if broker_tls else DEFAULT_PORT_PLAIN)),
            username=str(broker.get("username", DEFAULT_HUB_USER)),
            password=_read_secret(broker, "password", BROKER_PASSWORD_ENV, env),
            tls=broker_tls,
            cafile=broker.get("cafile"),
            certfile=broker.get("certfile"),
            keyfile=broker.get("keyfile"),
        )
    except (BrokerConfigError, AsteriskError, ValueError, TypeError) as exc:
        raise HubConfigError(str(exc)) from None
    if not ami_config.secret:
        raise HubConfigError(f"no AMI secret: set {AMI_SECRET_ENV} or [ami] secret_file")
    return HubConfig(ami_config, broker_config, clients, centres, colleague_context)


def load(path: str | Path, env: Mapping[str, str] = os.environ) -> HubConfig:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise HubConfigError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise HubConfigError(f"{path}: {exc}") from None
    return parse(data, env)
