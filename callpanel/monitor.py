"""``callpanel monitor``: the panel without a window, for admins and scripts.

Connects like the panel does and prints one JSON object per line on stdout: connection status
changes (``{"event": "Connection", ...}``) and call events (``RingStarted`` …). Commands are
read from stdin, one per line, and each gets a ``CommandResult`` line::

    answer | hold | unhold | hangup | cancel-atxfer   [CALL_ID]
    transfer | atxfer   [CALL_ID] NUMBER
    dtmf                [CALL_ID] DIGITS
    dial                NUMBER
    quit

and the call-centre commands (``queues``, ``login QUEUE``, ``pause QUEUE|all [REASON…]`` …,
see :mod:`callpanel.monitor_centre`), which also print ``QueueMembership``, ``AgentStatus``
and ``Colleague`` lines as the PBX reports changes.

Without CALL_ID a command acts on the current call: the newest active one. The AMI secret
comes from ``CALLPANEL_SECRET`` or the OS keyring (service ``callpanel``, user
``USER@HOST``), never from the command line, where other users could read it.
A command ends at CR, LF or CRLF; a command holding any other control character (U+2028,
U+0085 …) is refused naming it. JSON lines escape U+0085/U+2028/U+2029.

``--record PATH`` writes the session's AMI traffic to PATH as it passes, in the recording
format ``callpanel replay`` reads (one JSON object per chunk), private to the user (0600), the
secret and the MD5 challenge and key replaced by ``********``.

Exit codes: 0 after EOF on stdin, ``quit``, Ctrl-C or SIGTERM (after logging off); 2 for bad
arguments or no secret; 3 when Asterisk refuses the login; 4 when our own settings make a login
impossible (a user name with a control character, an unreadable ``--cafile``, a secret that is
not valid UTF-8 or too long for a plain-text login, MD5 refused while ``--plain-login`` is off).
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .ami import LineEnding
from .ami.controls import escape_controls, escape_json_line_breaks
from .asterisk.centre import AsteriskCentre, CentreConfig
from .asterisk.centre_client import CentreClient
from .asterisk.client import AsteriskClient
from .asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from .asterisk.errors import AsteriskError, ConfigurationError, InvalidInput
from .asterisk.manager import AsteriskManager
from .asterisk.preflight import check_login_settings
from .asterisk.status import ConnectionStatus, LinkState
from .asterisk.traffic import TrafficRecording
from .asterisk.validate import (
    check_caller_id,
    check_context,
    check_endpoint,
    check_extension,
    check_queue_interface,
)
from .calls.events import CallEvent, CallState, event_to_json
from .calls.model import Call
from .centre.events import CentreEvent, centre_event_to_json
from .commandlines import CommandSplitter, Refused, check_command
from .store.logfile import SafeFormatter
from .store.secrets import SERVICE as SECRETS_SERVICE
from .store.secrets import SecretStore, account_name

log = logging.getLogger(__name__)

SECRET_ENV = "CALLPANEL_SECRET"
KEYRING_SERVICE = SECRETS_SERVICE
EXIT_OK, EXIT_USAGE, EXIT_AUTH, EXIT_CONFIG = 0, 2, 3, 4

# verb -> (takes an optional CALL_ID, what follows it: None / "number" / "digits")
VERBS: dict[str, tuple[bool, str | None]] = {
    "answer": (True, None),
    "hold": (True, None),
    "unhold": (True, None),
    "hangup": (True, None),
    "cancel-atxfer": (True, None),
    "transfer": (True, "number"),
    "atxfer": (True, "number"),
    "dtmf": (True, "digits"),
    "dial": (False, "number"),
    "quit": (False, None),
}


class SecretMissing(Exception):
    pass


@dataclass(frozen=True)
class StdinCommand:
    verb: str
    call_id: str | None
    argument: str | None


def parse_command(line: str, known_calls: Mapping[str, object]) -> StdinCommand:
    """Split ``verb [CALL_ID] [ARG]``; a second word is a CALL_ID only if such a call exists.

    The argument keeps its spaces (``dial +7 916 123-45-67``); the client normalizes it.
    """
    verb, _, rest = line.strip().partition(" ")
    verb = verb.lower()
    if verb not in VERBS:
        raise InvalidInput(f"unknown command {verb!r}; commands: {', '.join(VERBS)}")
    takes_call, wants = VERBS[verb]
    rest = rest.strip()
    call_id: str | None = None
    if takes_call and rest:
        first, _, after = rest.partition(" ")
        if wants is None or first in known_calls:
            call_id, rest = first, after.strip()
    if wants is None:
        if rest:
            raise InvalidInput(f"{verb} takes no argument besides an optional CALL_ID")
        return StdinCommand(verb, call_id, None)
    if not rest:
        raise InvalidInput(f"{verb} needs a {wants}")
    return StdinCommand(verb, call_id, rest)


def read_secret(
    user: str,
    host: str,
    env: Mapping[str, str] = os.environ,
    secrets: SecretStore | None = None,
) -> str:
    """``CALLPANEL_SECRET``, else the OS keyring through the panel's own secret store."""
    secret = env.get(SECRET_ENV)
    if secret:
        return secret
    stored = (secrets or SecretStore()).get(user, host)  # a broken keyring reads as nothing
    if stored is None or not stored.reveal():
        raise SecretMissing(
            f"no AMI secret: set {SECRET_ENV} or store it in the OS keyring "
            f"(service {KEYRING_SERVICE!r}, user {account_name(user, host)!r})"
        )
    return stored.reveal()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callpanel monitor",
        description="Print AMI connection status and call events as JSON lines; "
        "read call commands from stdin. The secret comes from "
        f"${SECRET_ENV} or the OS keyring.",
    )
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, help="default 5038, or 5039 with --tls")
    parser.add_argument("--user", required=True, help="AMI username (manager.conf section)")
    parser.add_argument("--tls", action="store_true", help="connect with TLS")
    parser.add_argument("--cafile", help="CA or server certificate to trust (TLS)")
    parser.add_argument(
        "--fingerprint",
        metavar="SHA256",
        help="pin the server certificate by its SHA-256 fingerprint (64 hex digits, colons "
        "optional); only that certificate is accepted, CA/host name/dates are not checked (TLS)",
    )
    parser.add_argument(
        "--insecure", action="store_true", help="TLS without certificate checks (not advised)"
    )
    parser.add_argument(
        "--plain-login",
        action="store_true",
        help="send the secret in clear if the server refuses MD5 login (not advised: on plain "
        "TCP a fake server or a man in the middle reads it)",
    )
    parser.add_argument("--lf", action="store_true", help="send bare LF line endings")
    parser.add_argument(
        "--endpoint",
        action="append",
        required=True,
        help="the operator's phone, e.g. SIP/101 or PJSIP/101 (repeatable)",
    )
    parser.add_argument("--context", default="internal", help="dialplan context for dial/transfer")
    parser.add_argument(
        "--transfer-context",
        help="dialplan context for transfers (default: --context), e.g. panel-transfer",
    )
    parser.add_argument(
        "--caller-id",
        help='what called and transferred-to parties see, e.g. "Example Ltd" <74951234567> '
        "(default: what the PBX presents for the phone)",
    )
    parser.add_argument(
        "--answer-strategy",
        choices=[s.value for s in AnswerStrategy],
        default=AnswerStrategy.NONE.value,
    )
    parser.add_argument(
        "--hold-strategy", choices=[s.value for s in HoldStrategy], default=HoldStrategy.NONE.value
    )
    parser.add_argument(
        "--queue-interface", help="what QueueAdd puts in a queue (default: the first endpoint)"
    )
    parser.add_argument("--member-name", help="the queue member's name (default: the endpoint)")
    parser.add_argument(
        "--extension", help="the operator's own extension (hints, DND; default: from the endpoint)"
    )
    parser.add_argument(
        "--record",
        metavar="PATH",
        help="write the session's AMI traffic to PATH (.jsonl, mode 0600, replaced if it "
        "exists) without the secret and the MD5 challenge/key; `callpanel replay` reads it",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    return parser


def configs(args: argparse.Namespace, secret: str) -> tuple[ConnectionConfig, ClientConfig]:
    if args.port is not None and not 0 < args.port < 65536:
        raise InvalidInput(f"invalid port {args.port}")
    if (args.cafile or args.insecure or args.fingerprint) and not args.tls:
        raise InvalidInput("--cafile, --fingerprint and --insecure need --tls")
    endpoints = tuple(check_endpoint(e) for e in args.endpoint)
    context = check_context(args.context)
    transfer_context = check_context(args.transfer_context or context, "transfer context")
    caller_id = check_caller_id(args.caller_id) if args.caller_id else None
    conn = ConnectionConfig(
        host=args.host,
        port=args.port or (5039 if args.tls else 5038),
        username=args.user,
        secret=secret,
        tls=args.tls,
        cafile=args.cafile,
        tls_verify=not args.insecure,
        tls_fingerprint=args.fingerprint,  # a bad one raises InvalidInput here
        line_ending=LineEnding.LF if args.lf else LineEnding.CRLF,
        plain_login=args.plain_login,
    )
    client = ClientConfig(
        endpoints=endpoints,
        originate_context=context,
        transfer_context=transfer_context,
        caller_id=caller_id,
        answer_strategy=AnswerStrategy(args.answer_strategy),
        hold_strategy=HoldStrategy(args.hold_strategy),
    )
    return conn, client


def centre_config(args: argparse.Namespace, client: ClientConfig) -> CentreConfig:
    """The operator as the queues and hints know them, from the monitor's options."""
    overrides: dict[str, object] = {}
    if args.queue_interface:
        overrides["interface"] = check_queue_interface(args.queue_interface)
    if args.member_name:
        overrides["member_name"] = check_caller_id(args.member_name)
    if args.extension:
        overrides["extension"] = check_extension(args.extension)
    return CentreConfig.from_client(client, **overrides)


def make_client(manager: AsteriskManager, config: ClientConfig) -> AsteriskClient:
    return AsteriskClient(manager, manager.adapter, config)


# stdin verbs that act on one call: verb -> the client's command (argument-less ones get None).
_CALL_VERBS: Mapping[str, Callable[[AsteriskClient, str, str | None], Awaitable[None]]] = {
    "answer": lambda c, call, _arg: c.answer(call),
    "hold": lambda c, call, _arg: c.hold(call),
    "unhold": lambda c, call, _arg: c.unhold(call),
    "hangup": lambda c, call, _arg: c.hangup(call),
    "cancel-atxfer": lambda c, call, _arg: c.cancel_atxfer(call),
    "transfer": lambda c, call, arg: c.transfer(call, arg or ""),
    "atxfer": lambda c, call, arg: c.atxfer(call, arg or ""),
    "dtmf": lambda c, call, arg: c.dtmf(call, arg or ""),
}


class Monitor:
    """Prints what the manager publishes and runs stdin commands through the client."""

    def __init__(self, out: TextIO, stop: Callable[[int], None]) -> None:
        self._out = out
        self._stop = stop
        self.manager: AsteriskManager | None = None
        self.client: AsteriskClient | None = None
        self.centre_client: Any | None = None
        # Set once the first login attempt is over: commands piped in at start-up wait for
        # it instead of failing with "not connected" while the link is still coming up.
        self.settled = asyncio.Event()

    def emit(self, obj: Mapping[str, object]) -> None:
        self._out.write(escape_json_line_breaks(json.dumps(obj, ensure_ascii=False)) + "\n")
        self._out.flush()

    def on_status(self, status: ConnectionStatus) -> None:
        self.emit(status.to_json())
        if status.state is not LinkState.CONNECTING:
            self.settled.set()
        if status.state is LinkState.CONNECTED and self.client is not None:
            self.client.forget_denials()  # the admin may have widened the AMI user's rights
            if self.centre_client is not None:
                self.centre_client.forget_denials()
        if status.state is LinkState.AUTH_FAILED:  # nothing will change without new settings
            self._stop(EXIT_AUTH if status.setting is None else EXIT_CONFIG)

    def on_call_event(self, event: CallEvent) -> None:
        self.emit(event_to_json(event))

    def on_centre_event(self, event: CentreEvent) -> None:
        self.emit(centre_event_to_json(event))

    def active_calls(self) -> Mapping[str, Call]:
        if self.manager is None:
            return {}
        calls = self.manager.adapter.calls  # the call store the adapter writes
        return {cid: c for cid, c in calls.items() if c.state is not CallState.ENDED}

    def current_call(self) -> str | None:
        calls = self.active_calls()
        if not calls:
            return None
        return max(calls, key=lambda cid: calls[cid].started_at)

    async def run_command(self, line: str | Refused) -> None:
        if isinstance(line, Refused):
            self.emit(
                {"event": "CommandResult", "command": line.text, "ok": False, "error": line.reason}
            )
            return
        result: dict[str, object] = {"event": "CommandResult", "command": line}
        try:
            extra = await self._execute(line)
        except AsteriskError as exc:
            result.update(ok=False, error=str(exc))
        except Exception as exc:  # never crash on a command; say what happened
            log.exception("command %r failed", line)
            result.update(ok=False, error=f"internal error: {exc}")
        else:
            result.update(ok=True, error=None, **extra)
        self.emit(result)

    async def _execute(self, line: str) -> dict[str, object]:
        from . import monitor_centre

        if monitor_centre.is_centre_verb(line):
            if self.centre_client is None:
                raise AsteriskError("call-centre commands not available")
            return await monitor_centre.execute(self.centre_client, line, self.emit)
        command = parse_command(line, self.active_calls())
        if command.verb == "quit":
            self._stop(EXIT_OK)
            return {}
        client = self.client
        if client is None:
            raise AsteriskError("commands not available")
        if command.verb == "dial":
            return {"call": await client.dial(command.argument or "")}
        target = command.call_id or self.current_call()
        if target is None:
            raise AsteriskError("no active call")
        run = _CALL_VERBS.get(command.verb)
        if run is None:  # parse_command knows only these; a new verb needs its entry here
            raise AsteriskError(f"unknown command {command.verb!r}")
        await run(client, target, command.argument)
        return {"call": target}


def _start_stdin_reader(
    loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | Refused | None], stdin: TextIO
) -> None:
    """A daemon thread feeds stdin commands into the loop (works for pipes, files and ttys).

    Bytes are split by CommandSplitter (CR, LF, CRLF), not by Python's text layer, which
    would keep a bare CR inside a command and, in ``splitlines``, break on U+2028."""

    def put(item: str | Refused | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def pump() -> None:
        splitter = CommandSplitter()
        raw = getattr(stdin, "buffer", None)
        read1 = getattr(raw, "read1", None)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        try:
            while True:
                if read1 is not None:
                    data = read1(65536)
                    text = decoder.decode(data, final=not data)
                else:  # a text stream without bytes underneath (tests, io.StringIO)
                    text = stdin.read(65536)
                    data = text.encode()
                for line in splitter.feed(text):
                    put(check_command(line) if isinstance(line, str) else line)
                if not data:
                    break
        except (OSError, ValueError) as exc:
            log.debug("stdin: %s", exc)
        for line in splitter.finish():
            put(check_command(line) if isinstance(line, str) else line)
        put(None)

    threading.Thread(target=pump, name="callpanel-monitor-stdin", daemon=True).start()


async def run(
    conn: ConnectionConfig,
    client_config: ClientConfig,
    *,
    stdin: TextIO,
    out: TextIO,
    centre_config: CentreConfig | None = None,
) -> int:
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | Refused | None] = asyncio.Queue()
    exit_code = EXIT_OK

    def stop(code: int) -> None:
        nonlocal exit_code
        exit_code = max(exit_code, code)
        lines.put_nowait(None)

    monitor = Monitor(out, stop)
    centre = AsteriskCentre(centre_config or CentreConfig.from_client(client_config))
    manager = AsteriskManager(
        conn,
        client_config,
        on_status=monitor.on_status,
        on_call_event=monitor.on_call_event,
        centre=centre,
        on_centre_event=monitor.on_centre_event,
    )
    monitor.manager = manager
    monitor.client = make_client(manager, client_config)
    monitor.centre_client = CentreClient(
        manager, centre, manager.adapter, client_config, connected=lambda: manager.connected
    )
    installed: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop, EXIT_OK)
            installed.append(signum)
        except (NotImplementedError, RuntimeError):  # Windows: KeyboardInterrupt instead
            pass
    _start_stdin_reader(loop, lines, stdin)
    await manager.start()
    try:
        while (line := await lines.get()) is not None:
            if isinstance(line, Refused) or line.strip():
                if not monitor.settled.is_set():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            monitor.settled.wait(), conn.connect_timeout + conn.action_timeout
                        )
                await monitor.run_command(line if isinstance(line, Refused) else line.strip())
    finally:
        for installed_signal in installed:
            loop.remove_signal_handler(installed_signal)
        await manager.stop()
    return exit_code


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    # escaped, bounded and redacted: a server's value must not forge a log line
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, handlers=[handler]
    )
    try:
        secret = read_secret(args.user, args.host)
        conn, client = configs(args, secret)
        centre = centre_config(args, client)
    except (SecretMissing, InvalidInput) as exc:
        print(f"callpanel monitor: {escape_controls(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        check_login_settings(conn)  # retrying cannot fix our own settings: fail at once
    except ConfigurationError as exc:
        print(f"callpanel monitor: {escape_controls(str(exc))}", file=sys.stderr)
        return EXIT_CONFIG
    recording: TrafficRecording | None = None
    if args.record:
        try:
            recording = TrafficRecording(Path(args.record))
        except OSError as exc:
            print(f"callpanel monitor: --record: {escape_controls(str(exc))}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return asyncio.run(run(conn, client, stdin=sys.stdin, out=sys.stdout, centre_config=centre))
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        if recording is not None:
            recording.close()
