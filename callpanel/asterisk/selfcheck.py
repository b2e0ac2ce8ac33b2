"""The AMI set-up check (`callpanel check`, the settings dialog's **Check set-up**): log in the
way the panel does and say, line by line, what the panel needs from this PBX and what is
missing, each with the manager.conf or extensions.conf line that fixes it.

What Asterisk lets a client see about its own permissions, and how each check uses it:

- write classes: ``ListCommands`` lists exactly the actions this user may run (each with
  ``Priv: <classes>``); an action the panel needs and that is not listed is missing — for want
  of a write class, or because its module is not loaded (when another action of the same sole
  class is listed, the class is there).
- read class ``system``: right after a successful login Asterisk sends ``FullyBooted`` only to
  a user with read class ``system`` (and not through the event filter).
- read class ``call`` and the event filter: an asynchronous ``Originate`` of a Local channel
  into a context that does not exist rings nobody, and Asterisk answers it with
  ``Newchannel``/``Hangup`` for the Local pair and an ``OriginateResponse`` (Failure) — all
  class ``call``. Which of them arrive shows whether the class and the eventfilter let them
  through. (Needs write class ``originate``, which the panel needs anyway.)
- the phone: ``Getvar DEVICE_STATE(SIP/101)`` (read/write class call or reporting) is
  ``INVALID`` for a phone that does not exist, ``UNAVAILABLE`` for one not registered.
- dialplan contexts: ``ShowDialPlan Context: X`` (write class ``config`` or ``reporting``)
  answers "Did not find context X" for a missing one.
- TLS and the MD5 login: from the connection itself.
"""

from __future__ import annotations

import asyncio
import enum
import ipaddress
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..ami import Action, Event, Response
from .config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from .connection import AsteriskConnection
from .errors import ActionFailed, AsteriskError, AuthenticationFailed

PROBE_TIMEOUT = 5.0
PROBE_CONTEXT = "callpanel-check-no-such-context"
# the events the probe provokes, and what each one proves
PROBE_EVENTS = ("Newchannel", "Hangup", "OriginateResponse")
EVENTFILTER_LINE = (
    "eventfilter = Event: (Newchannel|Newstate|NewConnectedLine|Rename|Hangup)[[:cntrl:]]\n"
    "eventfilter = Event: (DialBegin|DialEnd|OriginateResponse)[[:cntrl:]]  (and the other "
    "lines of packaging/asterisk/manager.conf)"
)


class Status(enum.Enum):
    OK = "ok"
    MISSING = "missing"  # the panel (or the chosen method) will not work
    WARNING = "warning"  # works, but less well or less safely
    SKIPPED = "skipped"  # could not be checked (and why)


@dataclass(frozen=True)
class CheckLine:
    topic: str
    status: Status
    detail: str
    fix: str | None = None  # the manager.conf / extensions.conf line that would fix it

    def render(self) -> str:
        text = f"[{self.status.value:>7}] {self.topic}: {self.detail}"
        if self.fix:
            text += "".join(f"\n          fix: {line}" for line in self.fix.splitlines())
        return text


@dataclass(frozen=True)
class NeededAction:
    name: str
    write: str  # the class Asterisk registers it with, as the fix names it
    why: str
    optional: bool = False  # missing = one feature less, not a broken panel


def needed_actions(client: ClientConfig) -> list[NeededAction]:
    needed = [
        NeededAction("Originate", "originate", "click-to-call"),
        NeededAction("Hangup", "call", "Hang up"),
        NeededAction("Redirect", "call", "transfer of a held call"),
        NeededAction("BlindTransfer", "call", "blind transfer"),
        NeededAction("Atxfer", "call", "attended transfer"),
        NeededAction("CancelAtxfer", "call", "Cancel transfer (Asterisk 16.9+)", optional=True),
        NeededAction("PlayDTMF", "call", "the tones keypad", optional=True),
        NeededAction("CoreShowChannels", "reporting", "the calls already up after a reconnect"),
        NeededAction("Getvar", "reporting", "call details after a reconnect"),
    ]
    techs = {endpoint.split("/", 1)[0].upper() for endpoint in client.endpoints}
    notify = AnswerStrategy.PHONE_NOTIFY in (client.answer_strategy,) or (
        client.hold_strategy is HoldStrategy.PHONE_NOTIFY
    )
    if notify:
        if "SIP" in techs:
            needed.append(NeededAction("SIPnotify", "system", "phone-notify answer/hold (SIP)"))
        if "PJSIP" in techs:
            needed.append(NeededAction("PJSIPNotify", "system", "phone-notify answer/hold"))
    if client.hold_strategy is HoldStrategy.PBX_MOH:
        needed.append(NeededAction("Bridge", "call", "pbx-moh hold: taking the call back"))
    if client.hold_strategy is HoldStrategy.PBX_PARK:
        needed.append(NeededAction("Park", "call", "pbx-park hold"))
    return needed


def needed_contexts(client: ClientConfig) -> list[tuple[str, str]]:
    """(context, why) the chosen methods dial into."""
    out = [(client.originate_context, "click-to-call dials the number here")]
    if client.transfer_context != client.originate_context:
        out.append((client.transfer_context, "transfers dial the number here"))
    if client.answer_strategy is AnswerStrategy.PBX_BRIDGE:
        out.append((client.autoanswer_context, "pbx-bridge answer: rings the phone auto-answered"))
    if client.hold_strategy is HoldStrategy.PBX_MOH:
        out.append((client.hold_context, "pbx-moh hold: the caller's music on hold"))
        out.append((client.park_context, "pbx-moh hold: where the operator's leg waits"))
    return out


def write_line(client: ClientConfig) -> str:
    classes = ["call", "originate", "reporting"]
    if AnswerStrategy.PHONE_NOTIFY in (client.answer_strategy,) or (
        client.hold_strategy is HoldStrategy.PHONE_NOTIFY
    ):
        classes.append("system")
    return "write = " + ",".join(classes)


def _listed_actions(reply: Response) -> dict[str, frozenset[str]]:
    """ListCommands' reply as {action (lowercase): its classes}."""
    listed: dict[str, frozenset[str]] = {}
    for name, value in reply.headers:
        if name.lower() in ("response", "actionid", "message") or "(Priv:" not in value:
            continue
        privs = value.rsplit("(Priv:", 1)[1].rstrip(") ")
        classes = frozenset(p.strip().lower() for p in privs.split(",")) - {"all", "<none>", ""}
        listed[name.lower()] = classes
    return listed


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SelfCheck:
    """One run: ``lines = await SelfCheck(conn_config, client_config).run()``."""

    def __init__(
        self,
        connection: ConnectionConfig,
        client: ClientConfig,
        *,
        probe_timeout: float = PROBE_TIMEOUT,
        on_line: Callable[[CheckLine], None] | None = None,
    ) -> None:
        self.connection_config = connection
        self.client = client
        self.probe_timeout = probe_timeout
        self.lines: list[CheckLine] = []
        self._on_line = on_line
        self._events: list[Event] = []
        self._event_arrived = asyncio.Event()

    def _add(self, line: CheckLine) -> None:
        self.lines.append(line)
        if self._on_line is not None:
            self._on_line(line)

    def _on_event(self, event: Event) -> None:
        self._events.append(event)
        self._event_arrived.set()

    async def run(self) -> list[CheckLine]:
        self._check_tls()
        conn = AsteriskConnection(self.connection_config, on_event=self._on_event)
        try:
            await conn.open()
        except AuthenticationFailed as exc:
            user = self.connection_config.username
            self._add(CheckLine("login", Status.MISSING, str(exc),
                                f"[{user}] in manager.conf with secret = <the secret typed in the "
                                "panel>, and permit = <this PC's address>/255.255.255.255; "
                                "then: asterisk -rx \"manager reload\""))  # fmt: skip
            return self.lines
        except AsteriskError as exc:
            self._add(CheckLine("connection", Status.MISSING, str(exc),
                                "manager.conf [general]: enabled = yes, port = "
                                f"{self.connection_config.port}, bindaddr = <an address this PC "
                                "reaches>"))  # fmt: skip
            return self.lines
        try:
            await self._checks(conn)
        finally:
            await conn.close()
        return self.lines

    def _check_tls(self) -> None:
        config = self.connection_config
        if config.tls and config.tls_fingerprint:
            self._add(CheckLine("TLS", Status.OK, "TLS, server certificate pinned by fingerprint"))
        elif config.tls and config.tls_verify:
            self._add(CheckLine("TLS", Status.OK, "TLS with the certificate checked"))
        elif config.tls:
            self._add(CheckLine("TLS", Status.WARNING,
                                "TLS without certificate checks: anyone in between can read the "
                                "calls", "the panel's settings: a CA file or the certificate's "
                                "fingerprint instead of switching the check off"))  # fmt: skip
        elif _is_loopback(config.host):
            self._add(CheckLine("TLS", Status.OK, "plain TCP on this machine (loopback)"))
        else:
            self._add(CheckLine("TLS", Status.WARNING,
                                f"plain TCP to {config.host}: numbers and names cross the "
                                "network unencrypted",
                                "manager.conf [general]: tlsenable = yes, tlsbindaddr = "
                                "0.0.0.0:5039, tlscertfile = …, tlsprivatekey = …; "
                                "then TLS and port 5039 in the panel"))  # fmt: skip

    async def _checks(self, conn: AsteriskConnection) -> None:
        version = conn.server_version or (conn.banner.text if conn.banner else "unknown")
        login = "MD5 challenge" if conn.used_md5 else "plain Secret (no MD5 challenge offered)"
        self._add(CheckLine("login", Status.OK if conn.used_md5 else Status.WARNING,
                            f"logged in as {self.connection_config.username!r} ({login}); "
                            f"Asterisk {version}"))  # fmt: skip
        await self._check_read_system()
        listed = await self._check_write(conn)
        await self._check_read_call_and_filter(conn, listed)
        await self._check_phones(conn, listed)
        await self._check_dialplan(conn, listed)

    async def _check_read_system(self) -> None:
        # FullyBooted follows the login response at once; give the reader a moment to deliver it
        if not any(e.name == "FullyBooted" for e in self._events):
            try:
                async with asyncio.timeout(1.0):
                    while not any(e.name == "FullyBooted" for e in self._events):
                        self._event_arrived.clear()
                        await self._event_arrived.wait()
            except TimeoutError:
                pass
        if any(e.name == "FullyBooted" for e in self._events):
            self._add(CheckLine("read class system", Status.OK,
                                "FullyBooted arrived after login: restarts will be noticed"))
        else:
            self._add(CheckLine("read class system", Status.MISSING,
                                "no FullyBooted after login: the panel will not notice an "
                                "Asterisk restart (or Asterisk is still starting)",
                                f"[{self.connection_config.username}] read = call,system"))

    async def _check_write(self, conn: AsteriskConnection) -> dict[str, frozenset[str]] | None:
        try:
            reply = await conn.send(Action.create("ListCommands"))
        except ActionFailed as exc:
            self._add(CheckLine("write classes", Status.SKIPPED, f"ListCommands failed: {exc}"))
            return None
        listed = _listed_actions(reply)
        # a class is certainly granted when an action registered with that class alone is listed
        granted = {next(iter(c)) for c in listed.values() if len(c) == 1}
        fix = f"[{self.connection_config.username}] {write_line(self.client)}"
        missing_required: list[NeededAction] = []
        for need in needed_actions(self.client):
            if need.name.lower() in listed:
                continue
            if need.write in granted:
                detail = (f"{need.name} is not available although write class {need.write} is "
                          f"granted: its module is not loaded or this Asterisk has none "
                          f"({need.why})")  # fmt: skip
                self._add(CheckLine(f"action {need.name}", Status.WARNING, detail,
                                    "modules.conf: load the module that provides it"))
            elif need.optional:
                self._add(CheckLine(f"action {need.name}", Status.WARNING,
                                    f"{need.name} not allowed or not available ({need.why})", fix))
            else:
                missing_required.append(need)
        if missing_required:
            names = ", ".join(f"{n.name} ({n.why})" for n in missing_required)
            classes = ",".join(sorted({n.write for n in missing_required}))
            self._add(CheckLine("write classes", Status.MISSING,
                                f"this user may not run {names}: write class {classes} missing",
                                fix))  # fmt: skip
        else:
            self._add(CheckLine("write classes", Status.OK,
                                "every action the chosen methods need is allowed"))
        return listed

    async def _check_read_call_and_filter(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "originate" not in listed:
            self._add(CheckLine("read class call", Status.SKIPPED,
                                "needs write class originate to provoke a test event"))
            return
        action_id = "callpanel-check-" + secrets.token_hex(4)
        probe = Action.create("Originate", {
            "Channel": f"Local/s@{PROBE_CONTEXT}",
            "Application": "Wait",
            "Data": "0",
            "Async": "true",
            "Timeout": "1000",
        }, action_id=action_id)  # fmt: skip
        start = len(self._events)
        try:
            await conn.send(probe)
        except ActionFailed as exc:
            self._add(CheckLine("read class call", Status.SKIPPED,
                                f"the test Originate was refused: {exc}"))
            return

        def seen() -> set[str]:
            names = set()
            for event in self._events[start:]:
                if event.name == "OriginateResponse" and event.action_id != action_id:
                    continue
                ours = PROBE_CONTEXT in (event.get("Channel") or "")
                if event.name in PROBE_EVENTS and (ours or event.name == "OriginateResponse"):
                    names.add(event.name)
            return names

        try:
            async with asyncio.timeout(self.probe_timeout):
                # all three, in whatever order (18.26.4 sends OriginateResponse first); a
                # filter that drops one costs the whole timeout
                while not set(PROBE_EVENTS) <= seen():
                    self._event_arrived.clear()
                    await self._event_arrived.wait()
        except TimeoutError:
            pass
        got = seen()
        user = self.connection_config.username
        if not got:
            self._add(CheckLine("read class call", Status.MISSING,
                                "no call event arrived for a test call (Newchannel, Hangup, "
                                "OriginateResponse): the panel would show no calls",
                                f"[{user}] read = call,system  (and an eventfilter that lets "
                                "the panel's events through)"))  # fmt: skip
            return
        self._add(CheckLine("read class call", Status.OK,
                            "call events arrive (" + ", ".join(sorted(got)) + ")"))
        blocked = [name for name in PROBE_EVENTS if name not in got]
        if "OriginateResponse" not in got or ("Newchannel" in got) != ("Hangup" in got):
            self._add(CheckLine("eventfilter", Status.MISSING,
                                "the event filter drops " + ", ".join(blocked) + ", which the "
                                "panel uses", f"[{user}] {EVENTFILTER_LINE}"))  # fmt: skip
        else:
            self._add(CheckLine("eventfilter", Status.OK,
                                ", ".join(sorted(got)) + " came through; the panel uses more "
                                "events that only a real call shows: compare your eventfilter "
                                "lines with packaging/asterisk/manager.conf"))  # fmt: skip

    async def _check_phones(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "getvar" not in listed:
            self._add(CheckLine("phone", Status.SKIPPED, "needs Getvar (write class reporting)"))
            return
        for endpoint in self.client.endpoints:
            tech, _, name = endpoint.partition("/")
            try:
                reply = await conn.send(
                    Action.create("Getvar", {"Variable": f"DEVICE_STATE({endpoint})"})
                )
            except ActionFailed as exc:
                self._add(CheckLine(f"phone {endpoint}", Status.SKIPPED, str(exc)))
                continue
            state = (reply.get("Value") or "").upper()
            conf = (
                f"pjsip.conf: [{name}] type=endpoint (with its aor and auth)"
                if tech.upper() == "PJSIP"
                else f"sip.conf: [{name}] type=friend, host=dynamic"
            )
            if state in ("INVALID", ""):
                self._add(CheckLine(f"phone {endpoint}", Status.MISSING,
                                    f"Asterisk knows no {endpoint} (device state "
                                    f"{state or 'empty'})",
                                    f"{conf}; or the right endpoint in the panel's "
                                    "settings"))  # fmt: skip
            elif state == "UNAVAILABLE":
                self._add(CheckLine(f"phone {endpoint}", Status.WARNING,
                                    f"{endpoint} exists but is not registered (UNAVAILABLE)"))
            else:
                self._add(CheckLine(f"phone {endpoint}", Status.OK, f"exists, state {state}"))

    async def _check_dialplan(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "showdialplan" not in listed:
            self._add(CheckLine("dialplan", Status.SKIPPED,
                                "ShowDialPlan needs write class reporting (or config)"))
            return
        for context, why in needed_contexts(self.client):
            try:
                await conn.send_list(Action.create("ShowDialPlan", {"Context": context}))
            except ActionFailed as exc:
                if "did not find context" in str(exc).lower():
                    self._add(CheckLine(f"context {context}", Status.MISSING,
                                        f"no context {context} ({why})",
                                        f"extensions.conf: [{context}] — see "
                                        "packaging/asterisk/extensions.conf"))  # fmt: skip
                else:
                    self._add(CheckLine(f"context {context}", Status.SKIPPED, str(exc)))
                continue
            self._add(CheckLine(f"context {context}", Status.OK, f"exists ({why})"))


def summary(lines: Sequence[CheckLine]) -> str:
    missing = sum(1 for line in lines if line.status is Status.MISSING)
    warnings = sum(1 for line in lines if line.status is Status.WARNING)
    if missing:
        return f"{missing} thing(s) missing, {warnings} warning(s)"
    if warnings:
        return f"everything the panel needs is there; {warnings} warning(s)"
    return "everything the panel needs is there"
