"""Settings declared once, with defaults, validation and versioned upgrades (Picard's options).

``Settings`` is a frozen dataclass: every field is validated (and normalised: a list of endpoints
becomes a tuple, ``"pbx-bridge"`` becomes ``AnswerStrategy.PBX_BRIDGE``) when it is built, so a
bad value raises ``SettingsError`` naming the field. ``SettingsStore`` reads and writes
``settings.toml``: a bad value there falls back to the default with a warning, an unreadable file
is moved aside (nothing lost) and the defaults are used — loading never crashes. The AMI secret is
never read from or written to this file (see ``secrets.py``).
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ami import LineEnding
from ..ami.controls import find_control
from ..asterisk.centre import CentreConfig
from ..asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from ..asterisk.errors import InvalidInput
from ..asterisk.fingerprint import normalize_fingerprint
from ..asterisk.validate import (
    check_caller_id,
    check_context,
    check_endpoint,
    check_pause_reason,
    check_queue_interface,
)
from ..directory.dialrules import DialRule, DialRuleError, DialRules
from ..directory.http_lookup import validate_lookup_url
from ..directory.ldap_lookup import check_ldap_url
from ..directory.phone import check_region, effective_region
from ..directory.urltemplate import render_url_template, validate_url_template
from ..hub.topics import check_operator
from . import logfile, paths
from .secrets import Secret
from .toml_writer import TomlValue, dumps

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.toml"
# Keys that would hold the AMI secret: never read from the TOML file, never written back.
SECRET_KEYS = frozenset({"secret", "password", "ami_secret", "ami_password"})

_HOST = re.compile(r"[A-Za-z0-9._:\[\]%-]{1,253}", re.ASCII)
_USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,80}", re.ASCII)
# {name} is the caller's name (the contact's when the lookup found one), {contact} the
# contact's name alone, {company} its company, {e164} the number in international form.
SCREEN_POP_FIELDS = frozenset({"number", "name", "company", "contact", "contact_id", "e164"})


class SettingsError(ValueError):
    """A setting has a value the panel cannot use; ``field`` names it."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


class ConnectionMode(enum.Enum):
    """Where the panel gets its calls: Asterisk's AMI directly, or the callpanel hub (then host,
    port, TLS and CA file are the MQTT broker's, the user name is the operator's broker login
    and the secret is its broker password; no AMI secret on this PC)."""

    AMI = "ami"
    HUB = "hub"


class Language(enum.Enum):
    SYSTEM = "system"
    EN = "en"
    RU = "ru"


# --- validators: take the typed value or its TOML form, return the typed value or raise ----


def _without_controls(value: object) -> object:
    """Every text setting, and every item of a list of them, is refused if it holds a control
    character by the rule every AMI action is checked with (``ami.controls``): a caller ID with
    U+2028 would otherwise be saved, and then make every dial fail."""
    for text in value if isinstance(value, list | tuple) else (value,):
        if isinstance(text, str) and (at := find_control(text)) is not None:
            raise ValueError(
                f"contains the control character U+{ord(text[at]):04X} at position {at + 1}"
            )
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _host(value: object) -> str:
    if not isinstance(value, str) or _HOST.fullmatch(value) is None:
        raise ValueError(f"invalid host name or address {value!r}")
    return value


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise ValueError(f"port must be a number 1..65535, got {value!r}")
    return value


def _optional_path(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or re.search(r"[\x00-\x1f]", value):
        raise ValueError(f"invalid file path {value!r}")
    return value


def _fingerprint(value: object) -> str:
    """``""`` (no pin) or the canonical ``AB:CD:…`` form of a SHA-256 certificate fingerprint."""
    if isinstance(value, str) and not value.strip():
        return ""
    if not isinstance(value, str):
        raise ValueError(f"expected a SHA-256 fingerprint as text, got {value!r}")
    try:
        return normalize_fingerprint(value)
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _username(value: object) -> str:
    if not isinstance(value, str) or _USERNAME.fullmatch(value) is None:
        raise ValueError(f"invalid AMI user name {value!r}: letters, digits, . _ @ - only")
    return value


def _endpoints(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise ValueError("at least one endpoint such as SIP/101 is required")
    try:
        checked = tuple(check_endpoint(item) for item in value)
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None
    return tuple(dict.fromkeys(checked))  # duplicates removed, order kept


def _context(value: object) -> str:
    try:
        return check_context(value)  # type: ignore[arg-type]
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _caller_id(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"invalid caller ID {value!r}")
    try:
        return check_caller_id(value)
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _line_ending(value: object) -> LineEnding:
    if isinstance(value, LineEnding):
        return value
    if value in ("crlf", "lf"):
        return LineEnding.CRLF if value == "crlf" else LineEnding.LF
    raise ValueError(f"line_ending must be 'crlf' or 'lf', got {value!r}")


def _enum(kind: type[enum.Enum]) -> Callable[[object], Any]:
    def parse(value: object) -> enum.Enum:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in kind)
            raise ValueError(f"expected one of {allowed}, got {value!r}") from None

    return parse


def _region(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a two-letter country code, got {value!r}")
    return check_region(value)


def _dial_rules(value: object) -> tuple[str, ...]:
    """``["+7=8", "+=810"]`` → the same, each rule checked and written canonically."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError('dialling rules are a list such as ["+7=8"]')
    try:
        rules = tuple(str(DialRule.parse(item)) for item in value if str(item).strip())
        DialRules.from_texts(rules)
    except DialRuleError as exc:
        raise ValueError(str(exc)) from None
    return rules


def _pause_reasons(value: object) -> tuple[str, ...]:
    """A list of pause reasons: each printable and at most 79 bytes (app_queue's limit)."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError('pause reasons are a list such as ["Lunch", "Break"]')
    out: list[str] = []
    for item in value:
        try:
            reason = check_pause_reason(str(item))
        except InvalidInput as exc:
            raise ValueError(str(exc)) from None
        if reason and reason not in out:
            out.append(reason)
    return tuple(out[:20])


def _queue_interface(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected e.g. SIP/101 or Local/101@from-queue/n, got {value!r}")
    if not value.strip():
        return ""
    try:
        return check_queue_interface(value.strip())
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _agent_name(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a name, got {value!r}")
    try:
        return check_caller_id(value.strip()) if value.strip() else ""
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _outside_prefix(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected digits, got {value!r}")
    try:
        DialRules(outside_prefix=value.strip())
    except DialRuleError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()


def _internal_digits(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 16:
        raise ValueError(f"expected a number of digits 0..16, got {value!r}")
    return value


def _ldap_url(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected ldap://host or ldaps://host, got {value!r}")
    return check_ldap_url(value.strip())


def _ldap_text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 512 or find_control(value) is not None:
        raise ValueError(f"expected a distinguished name such as dc=example,dc=com, not {value!r}")
    return value.strip()


def _history_days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 36500:
        raise ValueError(f"expected a number of days 0..36500, got {value!r}")
    return value


_MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
_HOTKEY_KEY = re.compile(r"[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Home|End|Insert|Pause", re.ASCII)


def _hotkey(value: object) -> str:
    """``""`` (none) or modifiers and one key, written canonically: "ctrl+alt+a" → "Ctrl+Alt+A".
    A global hotkey needs a modifier, except the function keys."""
    if not isinstance(value, str):
        raise ValueError(f"expected a key combination such as Ctrl+Alt+A, got {value!r}")
    if not value.strip():
        return ""
    parts = [p.strip() for p in value.split("+")]
    *mods, key = parts
    canonical_mods = []
    for mod in mods:
        match = next((m for m in _MODIFIERS if m.lower() == mod.lower()), None)
        if match is None:
            raise ValueError(f"unknown modifier {mod!r} in {value!r}: Ctrl, Alt, Shift, Meta")
        if match not in canonical_mods:
            canonical_mods.append(match)
    key = key.upper() if len(key) == 1 else key[:1].upper() + key[1:].lower()
    if _HOTKEY_KEY.fullmatch(key) is None:
        raise ValueError(f"{value!r}: a letter, a digit or F1-F24 after the modifiers")
    if not set(canonical_mods) - {"Shift"} and not (key.startswith("F") and len(key) > 1):
        raise ValueError(f"{value!r}: a global hotkey needs Ctrl, Alt or Meta")
    ordered = [m for m in _MODIFIERS if m in canonical_mods]
    return "+".join([*ordered, key])


def _volume(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError(f"expected a volume 0..100, got {value!r}")
    return value


def _device(value: object) -> str:
    if not isinstance(value, str) or len(value) > 512:
        raise ValueError(f"expected a sound device id, got {value!r}")
    return value


def validate_screen_pop_url(template: object) -> str:
    """Accept ``""`` (off) or an http(s) URL template whose placeholders (only after the host)
    are the caller's and contact's fields (``SCREEN_POP_FIELDS``); anything else
    (``javascript:``, ``file:``, ``{0}``, ``{number.__class__}``, spaces, control characters)
    raises ``ValueError``."""
    return validate_url_template(template, SCREEN_POP_FIELDS, "screen-pop URL")


def render_screen_pop_url(template: str, *, number: str, name: str, **contact: str) -> str:
    """The URL to open for a call, the caller's number and name (and the contact's fields:
    ``company``, ``contact``, ``contact_id``, ``e164``) percent-encoded, so a name like
    ``a&b=c#`` cannot add parameters or change the page, and ``+`` arrives as ``%2B``. The
    result must keep the template's scheme, host and port."""
    values = {"number": number, "name": name, **contact}
    return render_url_template(template, values, SCREEN_POP_FIELDS, "screen-pop URL")


# --- the declaration: one place lists every setting, its default and its validator ----------


@dataclass(frozen=True)
class Settings:
    connection: ConnectionMode = ConnectionMode.AMI
    host: str = "127.0.0.1"
    port: int = 5038
    tls: bool = False
    cafile: str | None = None
    # hub mode: a client certificate for the broker instead of (or besides) the password
    client_cert: str | None = None
    client_key: str | None = None
    tls_verify: bool = True
    tls_fingerprint: str = ""  # pinned SHA-256 of the server certificate; "" = no pin
    plain_login: bool = False  # send the secret in clear if the server refuses MD5 (insecure)
    username: str = "callpanel"
    endpoints: tuple[str, ...] = ("SIP/101",)
    originate_context: str = "internal"
    transfer_context: str = "internal"
    caller_id: str | None = None
    line_ending: LineEnding = LineEnding.CRLF
    answer_strategy: AnswerStrategy = AnswerStrategy.NONE
    hold_strategy: HoldStrategy = HoldStrategy.NONE
    notifications: bool = True
    screen_pop_url: str = ""
    confirm_external_dial: bool = True
    language: Language = Language.SYSTEM
    store_secret_in_file: bool = False  # opt-in when there is no usable keyring
    region: str = ""  # ISO country code for numbers without one; "" = from the locale
    dial_rules: tuple[str, ...] = ()  # "PREFIX=REPLACEMENT", e.g. "+7=8"
    outside_prefix: str = ""  # put before every external number ("9")
    internal_max_digits: int = 4  # numbers this short are extensions: dialled as they are
    lookup_url: str = ""  # a CRM's JSON search API, e.g. https://crm/api/find?phone={number}
    ldap_url: str = ""  # ldap://host or ldaps://host:636 (the company directory); "" = off
    ldap_base: str = ""  # where to search, e.g. dc=example,dc=com
    ldap_bind_dn: str = ""  # "" = anonymous; its password is in the keyring
    history_days: int = 365  # calls older than this leave the history (0 = keep all)
    # the desk: attention on a ring, start-up, global hotkeys
    ring_sound: bool = True
    ring_volume: int = 80  # percent
    ring_device: str = ""  # an audio output's id; "" = the system default
    raise_on_ring: bool = False  # bring the window to the front when a call rings
    start_minimized: bool = False  # start in the tray (when there is one)
    start_at_login: bool = False  # XDG autostart entry / Windows Run key
    global_hotkeys: bool = False  # grab the keys below for the whole desktop (X11, Windows)
    hotkey_answer: str = "Ctrl+Alt+A"
    hotkey_hangup: str = "Ctrl+Alt+E"
    hotkey_hold: str = "Ctrl+Alt+H"
    hotkey_dial: str = "Ctrl+Alt+D"
    answer_method_chosen: bool = False  # the first-run choice of the answer method was made
    # The call centre: pause reasons offered in the queue panel and the status menus; the
    # queue member's interface and name for QueueAdd ("" = the first endpoint, Asterisk's).
    pause_reasons: tuple[str, ...] = ("Lunch", "Break", "After-call work", "Meeting", "Training")
    queue_interface: str = ""
    agent_name: str = ""
    version: int = field(default=SETTINGS_VERSION, compare=False)

    def __post_init__(self) -> None:
        for name, parse in _VALIDATORS.items():
            try:
                value = parse(_without_controls(getattr(self, name)))
            except ValueError as exc:
                raise SettingsError(name, str(exc)) from None
            object.__setattr__(self, name, value)
        if self.connection is ConnectionMode.HUB:
            try:
                check_operator(self.username)  # also a topic level and the broker's user name
            except ValueError as exc:
                raise SettingsError("username", str(exc)) from None

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and validated (raises ``SettingsError``)."""
        return dataclasses.replace(self, **changes)


_VALIDATORS: dict[str, Callable[[object], Any]] = {
    "connection": _enum(ConnectionMode),
    "host": _host,
    "port": _port,
    "tls": _bool,
    "cafile": _optional_path,
    "client_cert": _optional_path,
    "client_key": _optional_path,
    "tls_verify": _bool,
    "tls_fingerprint": _fingerprint,
    "plain_login": _bool,
    "username": _username,
    "endpoints": _endpoints,
    "originate_context": _context,
    "transfer_context": _context,
    "caller_id": _caller_id,
    "line_ending": _line_ending,
    "answer_strategy": _enum(AnswerStrategy),
    "hold_strategy": _enum(HoldStrategy),
    "notifications": _bool,
    "screen_pop_url": validate_screen_pop_url,
    "confirm_external_dial": _bool,
    "language": _enum(Language),
    "store_secret_in_file": _bool,
    "region": _region,
    "dial_rules": _dial_rules,
    "outside_prefix": _outside_prefix,
    "internal_max_digits": _internal_digits,
    "lookup_url": validate_lookup_url,
    "ldap_url": _ldap_url,
    "ldap_base": _ldap_text,
    "ldap_bind_dn": _ldap_text,
    "history_days": _history_days,
    "ring_sound": _bool,
    "ring_volume": _volume,
    "ring_device": _device,
    "raise_on_ring": _bool,
    "start_minimized": _bool,
    "start_at_login": _bool,
    "global_hotkeys": _bool,
    "hotkey_answer": _hotkey,
    "hotkey_hangup": _hotkey,
    "hotkey_hold": _hotkey,
    "hotkey_dial": _hotkey,
    "answer_method_chosen": _bool,
    "pause_reasons": _pause_reasons,
    "queue_interface": _queue_interface,
    "agent_name": _agent_name,
}
FIELDS: tuple[str, ...] = tuple(_VALIDATORS)


def _to_toml(value: object) -> TomlValue | None:
    if value is None:
        return None  # TOML has no null: an absent key means the default (None)
    if isinstance(value, LineEnding):
        return "crlf" if value is LineEnding.CRLF else "lf"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return list(value)
    assert isinstance(value, str | int | bool)
    return value


def settings_to_dict(settings: Settings) -> dict[str, TomlValue]:
    """The TOML table for ``settings`` (``None`` values left out), ``version`` first."""
    table: dict[str, TomlValue] = {"version": SETTINGS_VERSION}
    for name in FIELDS:
        value = _to_toml(getattr(settings, name))
        if value is not None:
            table[name] = value
    return table


# --- upgrades: from-version → function turning that version's table into the next one's ------

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
# Version 1 is the first released layout, so nothing to upgrade yet. When a setting is renamed
# or its meaning changes, bump SETTINGS_VERSION and add ``UPGRADES[old] = function``.
UPGRADES: Mapping[int, Upgrade] = {}


def settings_from_dict(
    raw: Mapping[str, Any],
    *,
    upgrades: Mapping[int, Upgrade] | None = None,
    current_version: int = SETTINGS_VERSION,
) -> tuple[Settings, dict[str, Any], list[str]]:
    """Build settings from a TOML table. Returns (settings, unknown keys kept, warnings).

    Each bad value is replaced by its default (with a warning), never raising.
    """
    warnings: list[str] = []
    table = dict(raw)
    version = table.pop("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        warnings.append(f"version: {version!r} is not a valid settings version; assuming 1")
        version = 1
    if version > current_version:
        warnings.append(
            f"settings were written by a newer callpanel (version {version}); "
            "settings this version does not know are kept unchanged"
        )
    steps = UPGRADES if upgrades is None else upgrades
    while version < current_version:
        step = steps.get(version)
        if step is not None:
            try:
                table = dict(step(dict(table)))
            except Exception as exc:  # a broken upgrade must not cost the user the panel
                warnings.append(f"upgrading settings from version {version} failed: {exc}")
                log.exception("settings upgrade from version %s failed", version)
        version += 1
    for key in SECRET_KEYS & table.keys():
        del table[key]
        warnings.append(
            f"{key}: the AMI secret is never read from the settings file; "
            "it was ignored and will be removed when settings are saved"
        )
    values: dict[str, Any] = {}
    defaults = Settings()
    for name in FIELDS:
        if name not in table:
            continue
        raw_value = table.pop(name)
        try:
            values[name] = _VALIDATORS[name](_without_controls(raw_value))
        except ValueError as exc:
            warnings.append(
                f"{name}: {exc}; using the default {_to_toml(getattr(defaults, name))!r}"
            )
    unknown: dict[str, Any] = {}
    for key, value in table.items():
        if _storable(value):
            unknown[key] = value
            warnings.append(f"{key}: unknown setting, kept as is")
        else:
            warnings.append(f"{key}: unknown setting of an unsupported type, ignored")
    return Settings(**values), unknown, warnings


def _storable(value: object) -> bool:
    if isinstance(value, str | int | float | bool):
        return True
    return isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value)


class SettingsStore:
    """Loads and saves ``settings.toml`` in ``config_dir`` (default: ``paths.config_dir()``).

    ``warnings`` holds what the last ``load()`` had to repair, for the UI to show once.
    """

    def __init__(self, config_dir: Path | None = None) -> None:
        self.dir = config_dir if config_dir is not None else paths.config_dir()
        self.path = self.dir / SETTINGS_FILE
        self.warnings: tuple[str, ...] = ()
        self._unknown: dict[str, Any] = {}

    def load(self) -> Settings:
        """The saved settings, or the defaults. Never raises for a missing or broken file."""
        self._unknown = {}
        self.warnings = ()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self._warn([f"cannot read {self.path}: {exc.strerror}; using defaults"])
            return Settings()
        paths.ensure_private_dir(self.dir)  # narrowed to 0700 / 0600 if found wider
        paths.narrow_file(self.path)
        try:
            raw = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            aside = self._move_aside()
            self._warn([f"{self.path} is not valid TOML ({exc}); it was moved to {aside}"])
            return Settings()
        settings, self._unknown, warnings = settings_from_dict(raw)
        self._warn(warnings)
        return settings

    def save(self, settings: Settings) -> None:
        """Write atomically (0600). Unknown keys read by ``load()`` are kept; no secret ever."""
        table = settings_to_dict(settings)
        for key, value in self._unknown.items():
            if key not in table and key not in SECRET_KEYS:
                table[key] = value
        text = dumps(table, header="callpanel settings. The AMI secret is kept in the keyring.")
        paths.write_private_file(self.path, text.encode("utf-8"))

    def _move_aside(self) -> Path:
        aside = self.path.with_name(self.path.name + ".invalid")
        try:
            self.path.replace(aside)
        except OSError:
            log.warning("could not move the broken %s aside", self.path)
        return aside

    def _warn(self, warnings: list[str]) -> None:
        self.warnings = tuple(warnings)
        for text in warnings:
            log.warning("settings: %s", text)


def to_connection_config(settings: Settings, secret: str | Secret) -> ConnectionConfig:
    """What the connector needs to log in; ``secret`` comes from the keyring or the user."""
    plain = secret.reveal() if isinstance(secret, Secret) else secret
    logfile.register_secret(plain)  # whoever connects with it, the log never shows it
    return ConnectionConfig(
        host=settings.host,
        port=settings.port,
        username=settings.username,
        secret=plain,
        tls=settings.tls,
        cafile=settings.cafile,
        client_certfile=settings.client_cert,
        client_keyfile=settings.client_key,
        tls_verify=settings.tls_verify,
        tls_fingerprint=settings.tls_fingerprint or None,
        line_ending=settings.line_ending,
        plain_login=settings.plain_login,
    )


def to_dial_rules(settings: Settings, locale_name: str | None = None) -> DialRules:
    """The dialling rules in force (the region from the setting, else from the locale)."""
    return DialRules.from_texts(
        settings.dial_rules,
        outside_prefix=settings.outside_prefix,
        internal_max_digits=settings.internal_max_digits,
        region=effective_region(settings.region, locale_name),
    )


def to_centre_config(settings: Settings) -> CentreConfig:
    """Who the operator is for the queues (QueueAdd's interface and name) and the hints."""
    overrides: dict[str, object] = {}
    if settings.queue_interface:
        overrides["interface"] = settings.queue_interface
    if settings.agent_name:
        overrides["member_name"] = settings.agent_name
    return CentreConfig.from_client(to_client_config(settings), **overrides)


def to_client_config(settings: Settings) -> ClientConfig:
    return ClientConfig(
        dial_rules=to_dial_rules(settings),
        endpoints=settings.endpoints,
        originate_context=settings.originate_context,
        transfer_context=settings.transfer_context,
        caller_id=settings.caller_id,
        answer_strategy=settings.answer_strategy,
        hold_strategy=settings.hold_strategy,
    )
