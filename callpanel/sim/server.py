"""The AMI server: TCP sessions, framing, login (plain and MD5), permissions, dispatch."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from . import events as ev
from .actions import ACTIONS, ActionContext, ActionResult, AmiRequest, Pairs, run_action
from .config import CLASSES, SimConfig, SimUser, parse_classes
from .events import SimEvent

log = logging.getLogger(__name__)

MAX_LINE = 1024  # Asterisk's inbound line limit (docs/AMI.md §2.2)
MAX_HEADERS = 128
MAX_WRITE_BUFFER = 8 * 1024 * 1024  # a client that stops reading is dropped (writetimeout)
PRE_AUTH = frozenset({"login", "logoff", "challenge"})


class RequestParser:
    """Client -> server framing: CRLF or bare LF lines, a blank line ends an action."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._headers: list[tuple[str, str]] = []
        self._error: str | None = None

    def feed(self, data: bytes) -> list[AmiRequest | str]:
        """Complete requests, or an error text for a message that broke the limits."""
        self._buf += data
        out: list[AmiRequest | str] = []
        while True:
            newline = self._buf.find(b"\n")
            if newline < 0:
                if len(self._buf) > MAX_LINE and self._error is None:
                    self._error = "Failed to parse message: line too long"
                    del self._buf[:]
                return out
            raw = bytes(self._buf[:newline]).rstrip(b"\r")
            del self._buf[: newline + 1]
            if len(raw) + 2 > MAX_LINE and self._error is None:
                self._error = "Failed to parse message: line too long"
            if raw:
                if len(self._headers) >= MAX_HEADERS and self._error is None:
                    self._error = "Too many lines in message or allocation failure"
                name, colon, value = raw.decode("utf-8", "replace").partition(":")
                if colon and self._error is None:
                    self._headers.append((name, value.lstrip(" \t")))
                continue
            if self._error is not None:
                out.append(self._error)
            elif self._headers:
                action = next(
                    (v.strip() for k, v in self._headers if k.lower() == "action" and v.strip()), ""
                )
                out.append(AmiRequest(action, tuple(self._headers)))
            self._headers, self._error = [], None


@dataclass
class Filter:
    include: bool
    pattern: re.Pattern[str]


class Session:
    def __init__(
        self, server: AmiServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.user: SimUser | None = None
        self.mask: frozenset[str] = frozenset(CLASSES)
        self.filters: list[Filter] = []
        self.challenge: str | None = None
        self.closing = False
        self.session_id = f"0x{secrets.token_hex(6)}"

    @property
    def eol(self) -> str:
        return self.server.config.line_ending.value

    # -- output ---------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if self.closing or self.writer.is_closing():
            return
        self.writer.write(data)
        if self.writer.transport.get_write_buffer_size() > MAX_WRITE_BUFFER:
            log.warning("dropping an AMI client that does not read")
            self.close()

    def send(self, pairs: Pairs) -> None:
        self.write(ev.render(pairs, self.eol))

    def deliver(self, event: SimEvent) -> None:
        user = self.user
        if user is None or event.klass not in user.read or event.klass not in self.mask:
            return
        pairs = event.lines()
        if self.filters and not self._passes(pairs):
            return
        self.send(pairs)

    def _passes(self, pairs: Pairs) -> bool:
        text = "".join(f"{k}: {v}\r\n" for k, v in pairs)
        includes = [f for f in self.filters if f.include]
        excludes = [f for f in self.filters if not f.include]
        if includes and not any(f.pattern.search(text) for f in includes):
            return False
        return not any(f.pattern.search(text) for f in excludes)

    def close(self) -> None:
        self.closing = True
        with contextlib.suppress(Exception):
            self.writer.close()

    # -- input ----------------------------------------------------------------------------------

    async def run(self) -> None:
        parser = RequestParser()
        config = self.server.config
        self.write((config.dialect_info.banner + self.eol).encode())
        deadline = asyncio.get_running_loop().time() + config.auth_timeout  # not time-scaled
        try:
            while not self.closing:
                if self.user is None:  # authtimeout: log in in time or be disconnected
                    left = deadline - asyncio.get_running_loop().time()
                    try:
                        data = await asyncio.wait_for(self.reader.read(65536), max(left, 0.001))
                    except TimeoutError:
                        break
                else:
                    data = await self.reader.read(65536)
                if not data:
                    break
                for item in parser.feed(data):
                    if self.closing:
                        break
                    if isinstance(item, str):
                        self.send(ev.response("Error", None, item))
                    else:
                        await self.handle(item)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.close()

    async def handle(self, req: AmiRequest) -> None:
        name = req.name.lower()
        if not name:
            self.send(ev.response("Error", req.action_id, "Missing action in request"))
            return
        if self.server.shutting_down:
            self.send(ev.response("Error", req.action_id, "Asterisk is shutting down"))
            return
        if self.user is None and name not in PRE_AUTH:
            self.send(ev.response("Error", req.action_id, "Permission denied"))
            return
        session_action = SESSION_ACTIONS.get(name)
        if session_action is not None:
            await session_action(self, req)
            return
        entry = ACTIONS.get(name)
        if name == "sipnotify" and not self.server.config.dialect_info.has_chan_sip:
            entry = None  # chan_sip is gone in 21+
        if entry is None:
            self.send(
                ev.response(
                    "Error",
                    req.action_id,
                    f"Invalid/unknown command: {req.name}. "
                    "Use Action: ListCommands to show available commands.",
                )
            )
            return
        handler, needs = entry
        assert self.user is not None
        if needs and not (needs & self.user.write):
            self.send(ev.response("Error", req.action_id, "Permission denied"))
            return
        try:
            result = run_action(self.server.context(), req, handler)
        except Exception:  # a sim bug must not kill the session: answer like a failing action
            log.exception("sim: action %s failed", req.name)
            self.send(ev.response("Error", req.action_id, f"Internal error in {req.name}"))
            return
        await self._emit(result)

    async def _emit(self, result: ActionResult) -> None:
        for pairs in result.messages:
            self.send(pairs)
        if result.raw is not None:
            self.write(result.raw)
        if result.then is not None:
            self.server.run_model(result.then)
        if result.deferred is not None:
            self.send(await result.deferred)

    # -- session actions ------------------------------------------------------------------------

    async def login(self, req: AmiRequest) -> None:
        if self.user is not None:
            self.send(ev.response("Success", req.action_id, "Already authenticated"))
            return
        config = self.server.config
        user = config.users().get(req.get("Username").lower())
        good = False
        if user is not None:
            if req.get("AuthType").lower() == "md5":
                if self.challenge is not None:
                    key = hashlib.md5((self.challenge + user.secret).encode()).hexdigest()
                    good = secrets.compare_digest(key, req.get("Key").lower())
            else:
                good = secrets.compare_digest(user.secret.encode(), req.get("Secret").encode())
        if not good:
            await asyncio.sleep(config.delay(config.auth_fail_delay))
            self.send(ev.response("Error", req.action_id, "Authentication failed"))
            self.close()
            return
        assert user is not None
        self.user = user
        events = req.get("Events")
        if events:
            self.mask = parse_classes(events)
        self.send(ev.response("Success", req.action_id, "Authentication accepted"))
        self.deliver(ev.fully_booted(config.dialect_info, self.server.uptime()))
        local, remote = self._addresses()
        self.server.broadcast(ev.successful_auth(user.username, self.session_id, local, remote))

    def _addresses(self) -> tuple[str, str]:
        sock = self.writer.get_extra_info("sockname") or ("127.0.0.1", 0)
        peer = self.writer.get_extra_info("peername") or ("127.0.0.1", 0)
        return f"IPV4/TCP/{sock[0]}/{sock[1]}", f"IPV4/TCP/{peer[0]}/{peer[1]}"

    async def challenge_action(self, req: AmiRequest) -> None:
        if req.get("AuthType").lower() != "md5":
            self.send(ev.response("Error", req.action_id, "Must specify AuthType"))
            return
        if self.challenge is None:
            self.challenge = str(secrets.randbelow(2**31))
        self.send(ev.response("Success", req.action_id, None, ("Challenge", self.challenge)))

    async def logoff(self, req: AmiRequest) -> None:
        self.send(ev.response("Goodbye", req.action_id, "Thanks for all the fish."))
        self.close()

    async def events(self, req: AmiRequest) -> None:
        mask = req.get("EventMask")
        if not mask:
            self.send(ev.response("Error", req.action_id, "Invalid event mask"))
            return
        self.mask = parse_classes(mask)
        state = "On" if self.mask else "Off"
        self.send(ev.response("Success", req.action_id, None, ("Events", state)))

    async def filter(self, req: AmiRequest) -> None:
        assert self.user is not None
        if "system" not in self.user.write:
            self.send(ev.response("Error", req.action_id, "Permission denied"))
            return
        operation = req.get("Operation", "Add") or "Add"
        if operation.lower() != "add":
            self.send(ev.response("Error", req.action_id, "Unknown operation"))
            return
        text = req.get("Filter")
        include = not text.startswith("!")
        try:
            pattern = re.compile(text if include else text[1:])
        except re.error:
            self.send(
                ev.response("Error", req.action_id, "Filter did not compile.  Check the syntax")
            )
            return
        self.filters.append(Filter(include, pattern))
        self.send(ev.response("Success", req.action_id, "Success"))

    async def list_commands(self, req: AmiRequest) -> None:
        """Like Asterisk: only the actions this user's write classes allow, each with its
        classes (``Priv: call,all``; ``<none>`` for the session actions)."""
        assert self.user is not None
        pairs = [(n, f"{n} (Priv: <none>)") for n in SESSION_NAMES]
        for name, (_handler, needs) in sorted(ACTIONS.items()):
            if needs and not (needs & self.user.write):
                continue
            privs = ",".join([*(c for c in CLASS_ORDER if c in needs), "all"])
            proper = ACTION_NAMES.get(name, name)
            pairs.append((proper, f"{proper} (Priv: {privs if needs else '<none>'})"))
        self.send(ev.response("Success", req.action_id, None, *pairs))


SessionAction = Callable[[Session, AmiRequest], "asyncio.Future[None] | object"]
SESSION_NAMES = ("Login", "Logoff", "Challenge", "Events", "Filter", "ListCommands")
# Asterisk's order of the classes in a Priv: list, and the spelling of the action names
CLASS_ORDER = ("system", "call", "log", "verbose", "command", "agent", "user", "config",
               "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc",
               "test", "security", "message")  # fmt: skip
ACTION_NAMES = {n.lower(): n for n in (
    "Ping", "CoreSettings", "CoreStatus", "CoreShowChannels", "Status", "BridgeList", "Command",
    "Getvar", "ExtensionState", "DeviceStateList", "ExtensionStateList", "Hangup", "Originate",
    "Redirect", "BlindTransfer", "Atxfer", "CancelAtxfer", "Bridge", "Park", "ParkedCalls",
    "PlayDTMF", "PJSIPNotify", "SIPnotify", "ShowDialPlan", "QueueStatus", "QueueAdd",
    "QueueRemove", "QueuePause", "Setvar", "Parkinglots", "GetConfig",
)}  # fmt: skip
SESSION_ACTIONS = {
    "login": Session.login,
    "logoff": Session.logoff,
    "challenge": Session.challenge_action,
    "events": Session.events,
    "filter": Session.filter,
    "listcommands": Session.list_commands,
}


class AmiServer:
    """Listens on a TCP port; one :class:`Session` per client; events fan out to all."""

    def __init__(
        self,
        config: SimConfig,
        context: Callable[[], ActionContext],
        run_model: Callable[[Callable[[], None]], None],
        uptime: Callable[[], int],
    ) -> None:
        self.config = config
        self.context = context
        self.run_model = run_model
        self.uptime = uptime
        self.sessions: set[Session] = set()
        self.tasks: set[asyncio.Task[None]] = set()
        self.server: asyncio.Server | None = None
        self.shutting_down = False
        self.port = 0
        self.host = "127.0.0.1"

    async def start(self, host: str, port: int) -> None:
        self.server = await asyncio.start_server(self._accept, host, port)
        self.host = host
        self.port = self.server.sockets[0].getsockname()[1]
        self.shutting_down = False

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        session = Session(self, reader, writer)
        self.sessions.add(session)
        task = asyncio.current_task()
        if task is not None:
            self.tasks.add(task)
        try:
            await session.run()
        finally:
            self.sessions.discard(session)
            if task is not None:
                self.tasks.discard(task)
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    def broadcast(self, event: SimEvent) -> None:
        for session in list(self.sessions):
            session.deliver(event)

    def drop_clients(self) -> None:
        for session in list(self.sessions):
            with contextlib.suppress(Exception):
                session.writer.transport.abort()
            session.closing = True

    async def close(self, *, graceful: bool = False) -> None:
        """Stop listening and end every session (``graceful``: flush what was written)."""
        if self.server is not None:
            self.server.close()
            if graceful:
                for session in list(self.sessions):
                    session.close()
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(session.writer.wait_closed(), 1.0)
            self.drop_clients()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 2.0)
            self.server = None
        tasks = [t for t in self.tasks if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self.tasks.clear()
