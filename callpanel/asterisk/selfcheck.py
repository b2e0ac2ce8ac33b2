"""The AMI set-up check (`callpanel check`, the settings dialog's **Check set-up**): log in the
way the panel does and say, line by line, what the panel needs from this PBX and what is
missing, each with the manager.conf or extensions.conf line that fixes it. The lines are data
(:mod:`.checklines`); ``callpanel/ui/check_words.py`` words them.

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
- the queues (read and write class ``agent``): ``QueueStatus`` (no class) lists them. A probe
  member — a Local channel into a context that does not exist, added *paused*, so that no
  caller is ever offered to it — is added with ``QueueAdd``, paused again with
  ``QueuePause`` and removed with ``QueueRemove``: the answers show the write class, the
  ``QueueMemberAdded``/``QueueMemberPause``/``QueueMemberRemoved`` events (class agent) that
  arrive show the read class and the filter. Asterisk's queue_log records the probe member.
- the phone: ``Getvar DEVICE_STATE(SIP/101)`` (read/write class call or reporting) is
  ``INVALID`` for a phone that does not exist, ``UNAVAILABLE`` for one not registered.
- dialplan contexts: ``ShowDialPlan Context: X`` (write class ``config`` or ``reporting``)
  answers "Did not find context X" for a missing one.
- phone-notify: the panel sends the NOTIFY's ``Event`` header itself, so no notify type is
  required; ``GetConfig`` (write class system, which phone-notify needs anyway) shows whether
  sip_notify.conf / pjsip_notify.conf have the ``panel-talk``/``panel-hold`` types that let an
  admin try a phone from the CLI before switching the method on.
- pbx-park: ``Park`` is listed only when res_parking is loaded; ``Parkinglots`` (class call)
  lists the lots. ``Park`` without a ``Parkinglot`` uses the parked channel's lot, which is
  ``default`` unless the dialplan sets ``PARKINGLOT`` or the channel's parkinglot.
- caller ID on click-to-call: the Originate carries no ``CallerID`` (see
  ``strategies.originate_dial``), so the customer sees the panel's ``caller_id`` setting or
  else the phone's own caller ID: ``PJSIP_ENDPOINT(101,callerid)`` /
  ``SIPPEER(101,callerid_num)`` through ``Getvar`` — unless the outbound dialplan or the trunk
  sets another.
- TLS and the MD5 login: from the connection itself.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from ..ami import Action, Response
from .checklines import (
    ADDRESS_PLACEHOLDER,
    DIALPLAN_RELOAD,
    MANAGER_RELOAD,
    SECRET_PLACEHOLDER,
    CheckLine,
    Feature,
    Finding,
    Fix,
    FixFile,
    FixNote,
    Need,
    Status,
    Topic,
)
from .config import AnswerStrategy, ClientConfig, HoldStrategy
from .connection import AsteriskConnection
from .errors import ActionFailed, AsteriskError, AuthenticationFailed
from .selfcheck_base import PROBE_CONTEXT, READ_LINE, techs, uses_notify, write_line
from .selfcheck_features import FeatureChecks

__all__ = ["CheckLine", "Finding", "SelfCheck", "Status", "Topic", "needed_actions"]

# the events the probe provokes, and what each one proves
PROBE_EVENTS = ("Newchannel", "Hangup", "OriginateResponse")
EVENTFILTER_LINES = (
    "eventfilter = Event: (Newchannel|Newstate|NewConnectedLine|Rename|Hangup)[[:cntrl:]]",
    "eventfilter = Event: (DialBegin|DialEnd|OriginateResponse)[[:cntrl:]]",
)


@dataclass(frozen=True)
class NeededAction:
    name: str
    write: str  # the class Asterisk registers it with, as the fix names it
    feature: Feature
    optional: bool = False  # missing = one feature less, not a broken panel
    module: str = ""  # the module that provides it, when not Asterisk's core


def needed_actions(client: ClientConfig) -> list[NeededAction]:
    needed = [
        NeededAction("Originate", "originate", Feature.CLICK_TO_CALL),
        NeededAction("Hangup", "call", Feature.HANGUP),
        NeededAction("Redirect", "call", Feature.TRANSFER_HELD),
        NeededAction("BlindTransfer", "call", Feature.BLIND_TRANSFER),
        NeededAction("Atxfer", "call", Feature.ATTENDED_TRANSFER),
        NeededAction("CancelAtxfer", "call", Feature.CANCEL_TRANSFER, optional=True),
        NeededAction("PlayDTMF", "call", Feature.DTMF, optional=True),
        NeededAction("CoreShowChannels", "reporting", Feature.RESYNC_CHANNELS),
        NeededAction("Getvar", "reporting", Feature.RESYNC_DETAILS),
    ]
    if uses_notify(client):
        used = techs(client)
        if "SIP" in used:
            needed.append(
                NeededAction("SIPnotify", "system", Feature.NOTIFY_SIP, module="chan_sip.so")
            )
        if "PJSIP" in used:
            needed.append(
                NeededAction(
                    "PJSIPNotify", "system", Feature.NOTIFY_PJSIP, module="res_pjsip_notify.so"
                )
            )
    if client.hold_strategy is HoldStrategy.PBX_MOH:
        needed.append(NeededAction("Bridge", "call", Feature.MOH_TAKE_BACK))
    if client.hold_strategy is HoldStrategy.PBX_PARK:
        # its module is the parking line's business (res_parking and its lot together)
        needed.append(NeededAction("Park", "call", Feature.PARK_HOLD, module="res_parking.so"))
    return needed


def needed_contexts(client: ClientConfig) -> list[tuple[str, Feature]]:
    """(context, why) the chosen methods dial into."""
    out = [(client.originate_context, Feature.CLICK_TO_CALL)]
    if client.transfer_context != client.originate_context:
        out.append((client.transfer_context, Feature.TRANSFER_DIALS))
    if client.answer_strategy is AnswerStrategy.PBX_BRIDGE:
        out.append((client.autoanswer_context, Feature.BRIDGE_AUTOANSWER))
    if client.hold_strategy is HoldStrategy.PBX_MOH:
        out.append((client.hold_context, Feature.MOH_MUSIC))
        out.append((client.park_context, Feature.MOH_OPERATOR_WAITS))
    return out


def listed_actions(reply: Response) -> dict[str, frozenset[str]]:
    """ListCommands' reply as {action (lowercase): its classes}."""
    listed: dict[str, frozenset[str]] = {}
    for name, value in reply.headers:
        if name.lower() in ("response", "actionid", "message") or "(Priv:" not in value:
            continue
        privs = value.rsplit("(Priv:", 1)[1].rstrip(") ")
        classes = frozenset(p.strip().lower() for p in privs.split(",")) - {"all", "<none>", ""}
        listed[name.lower()] = classes
    return listed


def _major(version: str | None) -> int | None:
    """18 of "18.26.4", 18 of "18.9-cert5"; None when the server did not say."""
    found = re.match(r"\s*(\d+)", version or "")
    return int(found.group(1)) if found else None


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SelfCheck(FeatureChecks):
    """One run: ``lines = await SelfCheck(conn_config, client_config).run()``."""

    async def run(self) -> list[CheckLine]:
        self._check_tls()
        conn = AsteriskConnection(self.connection_config, on_event=self._on_event)
        try:
            await conn.open()
        except AuthenticationFailed as exc:
            self._add(
                CheckLine(
                    Topic.LOGIN,
                    Status.MISSING,
                    Finding.LOGIN_REFUSED,
                    facts=(str(exc),),
                    fixes=(
                        self._manager_fix(
                            f"secret = {SECRET_PLACEHOLDER}",
                            f"permit = {ADDRESS_PLACEHOLDER}/255.255.255.255",
                        ),
                    ),
                )
            )
            return self.lines
        except AsteriskError as exc:
            port = self.connection_config.port
            fix = Fix(
                FixFile.MANAGER,
                "general",
                ("enabled = yes", f"port = {port}", f"bindaddr = {ADDRESS_PLACEHOLDER}"),
                MANAGER_RELOAD,
            )
            self._add(
                CheckLine(
                    Topic.CONNECTION,
                    Status.MISSING,
                    Finding.CONNECTION_FAILED,
                    facts=(str(exc),),
                    fixes=(fix,),
                )
            )
            return self.lines
        try:
            await self._checks(conn)
        finally:
            await conn.close()
        return self.lines

    def _check_tls(self) -> None:
        config = self.connection_config
        if config.tls and config.tls_fingerprint:
            self._add(CheckLine(Topic.TLS, Status.OK, Finding.TLS_PINNED))
        elif config.tls and config.tls_verify:
            self._add(CheckLine(Topic.TLS, Status.OK, Finding.TLS_VERIFIED))
        elif config.tls:
            self._add(
                CheckLine(
                    Topic.TLS,
                    Status.WARNING,
                    Finding.TLS_UNVERIFIED,
                    fixes=(Fix(FixFile.SETTINGS, note=FixNote.SETTINGS_CA_OR_PIN),),
                )
            )
        elif _is_loopback(config.host):
            self._add(CheckLine(Topic.TLS, Status.OK, Finding.TLS_LOOPBACK))
        else:
            fix = Fix(
                FixFile.MANAGER,
                "general",
                (
                    "tlsenable = yes",
                    "tlsbindaddr = 0.0.0.0:5039",
                    "tlscertfile = /etc/asterisk/keys/asterisk.crt",
                    "tlsprivatekey = /etc/asterisk/keys/asterisk.key",
                ),
                MANAGER_RELOAD,
                FixNote.SETTINGS_TLS_PORT,
            )
            self._add(
                CheckLine(
                    Topic.TLS,
                    Status.WARNING,
                    Finding.TLS_PLAIN_REMOTE,
                    facts=(config.host,),
                    fixes=(fix,),
                )
            )

    async def _checks(self, conn: AsteriskConnection) -> None:
        version = conn.server_version or (conn.banner.text if conn.banner else "?")
        finding = Finding.LOGIN_MD5 if conn.used_md5 else Finding.LOGIN_PLAIN
        self._add(
            CheckLine(
                Topic.LOGIN,
                Status.OK if conn.used_md5 else Status.WARNING,
                finding,
                facts=(self._user, version),
            )
        )
        await self._check_read_system()
        listed = await self._check_write(conn)
        await self._check_read_call_and_filter(conn, listed)
        await self._check_queues(conn, listed)
        await self._check_phones(conn, listed)
        await self._check_dialplan(conn, listed)
        if uses_notify(self.client):
            await self._check_notify(conn, listed)
        if self.client.hold_strategy is HoldStrategy.PBX_PARK:
            await self._check_parking(conn, listed)
        await self._check_caller_id(conn, listed)
        await self._check_transfer_caller_id(conn, listed)

    async def _check_read_system(self) -> None:
        # FullyBooted follows the login response at once; give the reader a moment to deliver it
        def booted() -> bool:
            return any(e.name == "FullyBooted" for e in self._events)

        await self._wait_for(booted, 1.0)
        if booted():
            self._add(CheckLine(Topic.READ_SYSTEM, Status.OK, Finding.FULLY_BOOTED))
        else:
            self._add(
                CheckLine(
                    Topic.READ_SYSTEM,
                    Status.MISSING,
                    Finding.NO_FULLY_BOOTED,
                    fixes=(self._manager_fix(READ_LINE),),
                )
            )

    async def _check_write(self, conn: AsteriskConnection) -> dict[str, frozenset[str]] | None:
        try:
            reply = await conn.send(Action.create("ListCommands"))
        except ActionFailed as exc:
            self._add(
                CheckLine(
                    Topic.WRITE_CLASSES,
                    Status.SKIPPED,
                    Finding.LIST_COMMANDS_FAILED,
                    facts=(str(exc),),
                )
            )
            return None
        listed = listed_actions(reply)
        # a class is certainly granted when an action registered with that class alone is listed
        granted = {next(iter(c)) for c in listed.values() if len(c) == 1}
        fix = self._manager_fix(write_line(self.client))
        missing_required: list[NeededAction] = []
        for need in needed_actions(self.client):
            if need.name.lower() in listed:
                continue
            if need.write in granted:
                if need.feature is Feature.PARK_HOLD:
                    continue  # the parking line says it, with res_parking.conf
                self._add(self._unavailable(need, _major(conn.server_version)))
            elif need.optional:
                self._add(
                    CheckLine(
                        Topic.ACTION,
                        Status.WARNING,
                        Finding.ACTION_DENIED,
                        subject=need.name,
                        needs=(Need(need.name, need.feature),),
                        fixes=(fix,),
                    )
                )
            else:
                missing_required.append(need)
        if missing_required:
            classes = ",".join(sorted({n.write for n in missing_required}))
            needs = tuple(Need(n.name, n.feature) for n in missing_required)
            self._add(
                CheckLine(
                    Topic.WRITE_CLASSES,
                    Status.MISSING,
                    Finding.WRITE_MISSING,
                    facts=(classes,),
                    needs=needs,
                    fixes=(fix,),
                )
            )
        else:
            self._add(CheckLine(Topic.WRITE_CLASSES, Status.OK, Finding.WRITE_OK))
        return listed

    @staticmethod
    def _unavailable(need: NeededAction, major: int | None) -> CheckLine:
        """``need`` is not listed although its class is granted: no module, or no such thing
        in this Asterisk (chan_sip is gone from 21 on: PJSIP is the way there)."""
        status = Status.WARNING if need.optional else Status.MISSING
        needs = (Need(need.name, need.feature),)
        if need.module == "chan_sip.so" and major is not None and major >= 21:
            return CheckLine(Topic.ACTION, status, Finding.NO_CHAN_SIP, subject=need.name,
                             facts=(str(major),), needs=needs)  # fmt: skip
        if not need.module:
            return CheckLine(Topic.ACTION, status, Finding.ACTION_ABSENT, subject=need.name,
                             facts=(need.write,), needs=needs)  # fmt: skip
        load = Fix(FixFile.MODULES, "modules", (f"load => {need.module}",),
                   f'asterisk -rx "module load {need.module}"')  # fmt: skip
        return CheckLine(Topic.ACTION, status, Finding.ACTION_NO_MODULE, subject=need.name,
                         facts=(need.write, need.module), needs=needs, fixes=(load,))  # fmt: skip

    async def _check_read_call_and_filter(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "originate" not in listed:
            self._add(CheckLine(Topic.READ_CALL, Status.SKIPPED, Finding.READ_CALL_NEEDS_ORIGINATE))
            return
        action_id = "callpanel-check-" + secrets.token_hex(4)
        probe = Action.create(
            "Originate",
            {
                "Channel": f"Local/s@{PROBE_CONTEXT}",
                "Application": "Wait",
                "Data": "0",
                "Async": "true",
                "Timeout": "1000",
            },
            action_id=action_id,
        )
        start = len(self._events)
        try:
            await conn.send(probe)
        except ActionFailed as exc:
            self._add(
                CheckLine(Topic.READ_CALL, Status.SKIPPED, Finding.PROBE_REFUSED, facts=(str(exc),))
            )
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

        # all three, in whatever order (18.26.4 sends OriginateResponse first); a filter that
        # drops one costs the whole timeout
        await self._wait_for(lambda: set(PROBE_EVENTS) <= seen(), self.probe_timeout)
        got = seen()
        if not got:
            self._add(
                CheckLine(
                    Topic.READ_CALL,
                    Status.MISSING,
                    Finding.READ_CALL_NONE,
                    fixes=(self._manager_fix(READ_LINE, note=FixNote.EVENTFILTER_TOO),),
                )
            )
            return
        names = ", ".join(name for name in PROBE_EVENTS if name in got)
        self._add(CheckLine(Topic.READ_CALL, Status.OK, Finding.READ_CALL_OK, facts=(names,)))
        blocked = [name for name in PROBE_EVENTS if name not in got]
        if "OriginateResponse" not in got or ("Newchannel" in got) != ("Hangup" in got):
            fix = self._manager_fix(*EVENTFILTER_LINES, note=FixNote.SEE_PACKAGING)
            self._add(
                CheckLine(
                    Topic.EVENTFILTER,
                    Status.MISSING,
                    Finding.FILTER_DROPS,
                    facts=(", ".join(blocked),),
                    fixes=(fix,),
                )
            )
        else:
            self._add(CheckLine(Topic.EVENTFILTER, Status.OK, Finding.FILTER_OK, facts=(names,)))

    async def _check_phones(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "getvar" not in listed:
            self._add(CheckLine(Topic.PHONE, Status.SKIPPED, Finding.PHONE_NEEDS_GETVAR))
            return
        for endpoint in self.client.endpoints:
            tech, _, name = endpoint.partition("/")
            try:
                reply = await conn.send(
                    Action.create("Getvar", {"Variable": f"DEVICE_STATE({endpoint})"})
                )
            except ActionFailed as exc:
                self._add(
                    CheckLine(
                        Topic.PHONE,
                        Status.SKIPPED,
                        Finding.ACTION_FAILED,
                        subject=endpoint,
                        facts=(str(exc),),
                    )
                )
                continue
            state = (reply.get("Value") or "").upper()
            if tech.upper() == "PJSIP":
                conf = Fix(
                    FixFile.PJSIP,
                    name,
                    ("type = endpoint", f"aors = {name}", f"auth = {name}"),
                    'asterisk -rx "pjsip reload"',
                    FixNote.OR_SETTINGS_ENDPOINT,
                )
            else:
                conf = Fix(
                    FixFile.SIP,
                    name,
                    ("type = friend", "host = dynamic", f"secret = {SECRET_PLACEHOLDER}"),
                    'asterisk -rx "sip reload"',
                    FixNote.OR_SETTINGS_ENDPOINT,
                )
            if state in ("INVALID", ""):
                self._add(
                    CheckLine(
                        Topic.PHONE,
                        Status.MISSING,
                        Finding.PHONE_UNKNOWN,
                        subject=endpoint,
                        facts=(state or "-",),
                        fixes=(conf,),
                    )
                )
            elif state == "UNAVAILABLE":
                self._add(
                    CheckLine(
                        Topic.PHONE, Status.WARNING, Finding.PHONE_UNREGISTERED, subject=endpoint
                    )
                )
            else:
                self._add(
                    CheckLine(
                        Topic.PHONE, Status.OK, Finding.PHONE_OK, subject=endpoint, facts=(state,)
                    )
                )

    async def _check_dialplan(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "showdialplan" not in listed:
            self._add(CheckLine(Topic.CONTEXT, Status.SKIPPED, Finding.DIALPLAN_NEEDS_SHOWDIALPLAN))
            return
        for context, feature in needed_contexts(self.client):
            need = (Need(context, feature),)
            try:
                await conn.send_list(Action.create("ShowDialPlan", {"Context": context}))
            except ActionFailed as exc:
                if "did not find context" in str(exc).lower():
                    fix = Fix(
                        FixFile.EXTENSIONS, context, (), DIALPLAN_RELOAD, FixNote.SEE_PACKAGING
                    )
                    self._add(
                        CheckLine(
                            Topic.CONTEXT,
                            Status.MISSING,
                            Finding.CONTEXT_MISSING,
                            subject=context,
                            needs=need,
                            fixes=(fix,),
                        )
                    )
                else:
                    self._add(
                        CheckLine(
                            Topic.CONTEXT,
                            Status.SKIPPED,
                            Finding.ACTION_FAILED,
                            subject=context,
                            facts=(str(exc),),
                        )
                    )
                continue
            self._add(
                CheckLine(Topic.CONTEXT, Status.OK, Finding.CONTEXT_OK, subject=context, needs=need)
            )


def missing_count(lines: Sequence[CheckLine]) -> int:
    return sum(1 for line in lines if line.status is Status.MISSING)


def warning_count(lines: Sequence[CheckLine]) -> int:
    return sum(1 for line in lines if line.status is Status.WARNING)
