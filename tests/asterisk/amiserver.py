"""A scripted AMI server for connection, manager and monitor tests (127.0.0.1, port 0).

It speaks enough AMI to log a client in (plain or MD5 challenge, checking the key), answers
Ping, CoreSettings, CoreShowChannels (from ``channels``), Logoff, Originate and unknown actions
like Asterisk does, replays recorded events on request and misbehaves on purpose: FIN or RST
mid-session, half-open silence, one byte at a time, garbage, an endless message, a wrong
password with Asterisk's delay, Shutdown then a restart on the same port, LF-only framing.

Everything the client sent is recorded per session, so tests assert on what reached the wire
(e.g. ``plain_secret_uses`` must stay 0 when MD5 is offered).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import socket
import ssl
import struct
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from callpanel.ami import AmiParser, Event

Fields = Sequence[tuple[str, str]]
Handler = Callable[["ServerSession", "ClientAction"], Awaitable[bool]]


@dataclass(frozen=True)
class ClientAction:
    """One action as received: its headers in order (lookup is case-insensitive)."""

    headers: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    @property
    def name(self) -> str:
        return self.get("Action", "") or ""

    @property
    def action_id(self) -> str | None:
        return self.get("ActionID")


def parse_action(block: bytes) -> ClientAction:
    text = block.decode("utf-8", "replace").replace("\r\n", "\n")
    headers: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        key, _, value = line.partition(":")
        headers.append((key, value[1:] if value.startswith(" ") else value))
    return ClientAction(tuple(headers))


def recorded_events(path: Path) -> list[Event]:
    """The broadcast events of a recording (no list items, no responses, no banner)."""
    parser = AmiParser()
    return [
        message
        for message in parser.feed(path.read_bytes())
        if isinstance(message, Event) and message.action_id is None
    ]


def channel(
    uniqueid: str,
    channel_name: str,
    *,
    linkedid: str | None = None,
    state: int = 6,
    number: str = "",
    name: str = "",
    connected_number: str = "",
    connected_name: str = "",
    context: str = "internal",
    exten: str = "",
    application: str = "AppDial",
    bridge_id: str = "",
) -> tuple[tuple[str, str], ...]:
    """A CoreShowChannel item body (without Event/ActionID), as Asterisk 18 sends it."""
    state_desc = {0: "Down", 4: "Ring", 5: "Ringing", 6: "Up"}.get(state, "Unknown")
    return (
        ("Channel", channel_name),
        ("ChannelState", str(state)),
        ("ChannelStateDesc", state_desc),
        ("CallerIDNum", number or "<unknown>"),
        ("CallerIDName", name or "<unknown>"),
        ("ConnectedLineNum", connected_number or "<unknown>"),
        ("ConnectedLineName", connected_name or "<unknown>"),
        ("Language", "en"),
        ("AccountCode", ""),
        ("Context", context),
        ("Exten", exten),
        ("Priority", "1"),
        ("Uniqueid", uniqueid),
        ("Linkedid", linkedid or uniqueid),
        ("Application", application),
        ("ApplicationData", ""),
        ("Duration", "00:00:05"),
        ("BridgeId", bridge_id),
    )


@dataclass
class ServerOptions:
    username: str = "callpanel"
    secret: str = "callpanel-secret"
    ami_version: str = "7.0.3"
    asterisk_version: str = "18.26.4"
    eol: bytes = b"\r\n"
    offer_md5: bool = True  # answer Challenge; False: "Response: Error" like a server without it
    auth_fail_delay: float = 0.0  # Asterisk sleeps 1 s before "Authentication failed"
    answer_ping: bool = True
    send_banner: bool = True
    chunk_size: int = 0  # >0: write in chunks this big, each flushed on its own
    core_settings_allowed: bool = True
    denied: frozenset[str] = frozenset()  # action names answered "Permission denied"
    channels: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    handlers: dict[str, Handler] = field(default_factory=dict)  # lower-case action name


class ServerSession:
    """One client connection on the server side."""

    def __init__(
        self,
        server: AmiServer,
        number: int,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        self.server = server
        self.number = number
        self.reader = reader
        self.writer = writer
        self.actions: list[ClientAction] = []
        self.raw = bytearray()  # every byte the client sent
        self.logged_in = False
        self.events_mask: str | None = None
        self.challenge: str | None = None
        self.silent = False  # half-open: read nothing, answer nothing
        self.closed = asyncio.get_running_loop().create_future()

    @property
    def options(self) -> ServerOptions:
        return self.server.options

    # -- writing ------------------------------------------------------------------------

    def encode(self, fields: Iterable[tuple[str, str]]) -> bytes:
        eol = self.options.eol
        return b"".join(f"{k}: {v}".encode() + eol for k, v in fields) + eol

    async def send_raw(self, data: bytes) -> None:
        if self.writer.is_closing():
            return
        size = self.options.chunk_size
        try:
            if size <= 0:
                self.writer.write(data)
                await self.writer.drain()
                return
            for start in range(0, len(data), size):
                self.writer.write(data[start : start + size])
                await self.writer.drain()
                await asyncio.sleep(0)  # let each piece leave on its own
        except (ConnectionError, OSError):
            self.close_now()

    async def send(self, fields: Fields) -> None:
        await self.send_raw(self.encode(fields))

    async def respond(self, action: ClientAction, status: str, *fields: tuple[str, str]) -> None:
        head: list[tuple[str, str]] = [("Response", status)]
        if action.action_id:
            head.append(("ActionID", action.action_id))
        await self.send([*head, *fields])

    async def event(self, name: str, *fields: tuple[str, str]) -> None:
        await self.send([("Event", name), *fields])

    async def replay(self, path: Path) -> int:
        """Send the recording's broadcast events in order; returns how many."""
        events = recorded_events(path)
        for one in events:
            await self.send(one.headers)
        return len(events)

    # -- misbehaving ------------------------------------------------------------------------

    def close_now(self) -> None:
        """FIN: an orderly close, as when Asterisk stops."""
        if not self.writer.is_closing():
            self.writer.close()

    def reset(self) -> None:
        """RST: SO_LINGER with a zero timeout, then close."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()

    def go_silent(self) -> None:
        """Half-open: keep the socket, never read or answer again."""
        self.silent = True

    async def stream_endless(self, total: int, chunk: int = 64 * 1024) -> int:
        """An ``Event:`` message that never ends; returns how many bytes got out."""
        sent = 0
        head = f"Event: Huge{self.options.eol.decode()}Data: ".encode()
        try:
            self.writer.write(head)
            while sent < total and not self.writer.is_closing():
                self.writer.write(b"x" * chunk)
                await self.writer.drain()
                sent += chunk
        except (ConnectionError, OSError):
            pass
        return sent

    # -- serving --------------------------------------------------------------------------

    async def run(self) -> None:
        opts = self.options
        try:
            if opts.send_banner:
                await self.send_raw(f"Asterisk Call Manager/{opts.ami_version}".encode() + opts.eol)
            buf = b""
            while True:
                data = await self.reader.read(65536)
                if not data:
                    break
                self.raw += data
                if self.silent:
                    continue
                buf += data
                while True:
                    block, buf = _split_action(buf)
                    if block is None:
                        break
                    action = parse_action(block)
                    self.actions.append(action)
                    self.server.notify(self, action)
                    if not self.silent:
                        await self.handle(action)
        except (ConnectionError, OSError):
            pass
        finally:
            self.close_now()
            if not self.closed.done():
                self.closed.set_result(None)

    async def handle(self, action: ClientAction) -> None:
        opts = self.options
        name = action.name.lower()
        custom = opts.handlers.get(name)
        if custom is not None and await custom(self, action):
            return
        if name == "challenge":
            await self._challenge(action)
        elif name == "login":
            await self._login(action)
        elif name == "logoff":
            await self.respond(action, "Goodbye", ("Message", "Thanks for all the fish."))
            self.close_now()
        elif not self.logged_in:
            await self.respond(action, "Error", ("Message", "Permission denied"))
        elif action.name in opts.denied or (
            name == "coresettings" and not opts.core_settings_allowed
        ):
            await self.respond(action, "Error", ("Message", "Permission denied"))
        elif name == "ping":
            if opts.answer_ping:
                await self.respond(
                    action, "Success", ("Ping", "Pong"), ("Timestamp", "1795756367.218314")
                )
        elif name == "coresettings":
            await self.respond(
                action,
                "Success",
                ("AMIversion", opts.ami_version),
                ("AsteriskVersion", opts.asterisk_version),
                ("SystemName", ""),
            )
        elif name == "coreshowchannels":
            await self._core_show_channels(action)
        elif name == "originate":
            await self.respond(action, "Success", ("Message", "Originate successfully queued"))
        else:
            await self.respond(
                action,
                "Error",
                (
                    "Message",
                    f"Invalid/unknown command: {action.name}. Use Action: ListCommands to show "
                    "available commands.",
                ),
            )

    async def _challenge(self, action: ClientAction) -> None:
        if not self.options.offer_md5:
            await self.respond(action, "Error", ("Message", "Must specify AuthType"))
            return
        if self.challenge is None:
            self.challenge = str(643854633 + self.number)
        await self.respond(action, "Success", ("Challenge", self.challenge))

    async def _login(self, action: ClientAction) -> None:
        opts = self.options
        secret = action.get("Secret")
        if secret is not None:
            self.server.plain_secret_uses += 1
        user_ok = (action.get("Username") or "").lower() == opts.username.lower()
        if (action.get("AuthType") or "").lower() == "md5":
            expected = None
            if self.challenge is not None:
                expected = hashlib.md5((self.challenge + opts.secret).encode()).hexdigest()
            ok = user_ok and expected is not None and action.get("Key") == expected
            if ok:
                self.server.md5_logins += 1
        else:
            ok = user_ok and secret == opts.secret
        if not ok:
            self.server.failed_logins += 1
            if opts.auth_fail_delay:
                await asyncio.sleep(opts.auth_fail_delay)  # Asterisk's sleep(1)
            await self.respond(action, "Error", ("Message", "Authentication failed"))
            self.close_now()
            return
        self.logged_in = True
        self.events_mask = action.get("Events")
        await self.respond(action, "Success", ("Message", "Authentication accepted"))
        await self.event(
            "FullyBooted",
            ("Privilege", "system,all"),
            ("Uptime", "1"),
            ("LastReload", "1"),
            ("Status", "Fully Booted"),
        )
        self.server.login_done(self)

    async def _core_show_channels(self, action: ClientAction) -> None:
        aid = [("ActionID", action.action_id)] if action.action_id else []
        items = list(self.options.channels)
        out = [
            self.encode(
                [
                    ("Response", "Success"),
                    *aid,
                    ("EventList", "start"),
                    ("Message", "Channels will follow"),
                ]
            )
        ]
        out.extend(self.encode([("Event", "CoreShowChannel"), *aid, *item]) for item in items)
        out.append(
            self.encode(
                [
                    ("Event", "CoreShowChannelsComplete"),
                    *aid,
                    ("EventList", "Complete"),
                    ("ListItems", str(len(items))),
                ]
            )
        )
        await self.send_raw(b"".join(out))


def _split_action(buf: bytes) -> tuple[bytes | None, bytes]:
    """One action block off the front (CRLF or LF framing, like Asterisk's get_input)."""
    candidates = [i for i in (buf.find(b"\r\n\r\n"), buf.find(b"\n\n")) if i >= 0]
    if not candidates:
        return None, buf
    end = min(candidates)
    sep = 4 if buf.startswith(b"\r\n\r\n", end) else 2
    return buf[:end], buf[end + sep :]


class AmiServer:
    """``async with AmiServer(options) as server: server.port`` …"""

    def __init__(
        self, options: ServerOptions | None = None, *, tls: ssl.SSLContext | None = None
    ) -> None:
        self.options = options or ServerOptions()
        self.tls = tls
        self.port = 0
        self.sessions: list[ServerSession] = []
        self.connections = 0
        self.plain_secret_uses = 0
        self.md5_logins = 0
        self.failed_logins = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._login_waiters: list[tuple[int, asyncio.Future[ServerSession]]] = []
        self._action_waiters: list[
            tuple[str, asyncio.Future[tuple[ServerSession, ClientAction]]]
        ] = []
        self._logins = 0

    async def __aenter__(self) -> AmiServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self, port: int = 0) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", port or self.port, reuse_address=True, ssl=self.tls
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def stop(self) -> None:
        await self.stop_listening()
        for session in self.sessions:
            session.close_now()
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=2.0)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        session = ServerSession(self, self.connections, reader, writer)
        self.sessions.append(session)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        with contextlib.suppress(asyncio.CancelledError):  # stop() cancels stragglers
            await session.run()

    # -- waiting for the client ------------------------------------------------------------

    def login_done(self, session: ServerSession) -> None:
        self._logins += 1
        for wanted, future in list(self._login_waiters):
            if self._logins >= wanted and not future.done():
                future.set_result(session)

    def notify(self, session: ServerSession, action: ClientAction) -> None:
        for wanted, future in list(self._action_waiters):
            if wanted == action.name.lower() and not future.done():
                future.set_result((session, action))
                self._action_waiters.remove((wanted, future))

    async def wait_login(self, count: int = 1, timeout: float = 5.0) -> ServerSession:
        """The session of the ``count``-th successful login (counted since the start)."""
        future: asyncio.Future[ServerSession] = asyncio.get_running_loop().create_future()
        if self._logins >= count:
            return [s for s in self.sessions if s.logged_in][count - 1]
        self._login_waiters.append((count, future))
        return await asyncio.wait_for(future, timeout)

    def expect_action(self, name: str) -> asyncio.Future[tuple[ServerSession, ClientAction]]:
        """A future for the next action called ``name`` (register before triggering it)."""
        future: asyncio.Future[tuple[ServerSession, ClientAction]] = (
            asyncio.get_running_loop().create_future()
        )
        self._action_waiters.append((name.lower(), future))
        return future

    def all_actions(self) -> list[tuple[int, ClientAction]]:
        return [(s.number, a) for s in self.sessions for a in s.actions]

    async def shutdown_and_restart(
        self,
        *,
        channels: list[tuple[tuple[str, str], ...]] | None = None,
        asterisk_version: str | None = None,
        ami_version: str | None = None,
        before_restart: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """``Event: Shutdown`` to everyone, close, stop listening, come back on the same port."""
        for session in self.sessions:
            if session.logged_in and not session.writer.is_closing():
                await session.event(
                    "Shutdown",
                    ("Privilege", "system,all"),
                    ("Shutdown", "Cleanly"),
                    ("Restart", "True"),
                )
        await self.stop_listening()
        for session in self.sessions:
            session.close_now()
        with contextlib.suppress(Exception):
            await asyncio.gather(*(s.closed for s in self.sessions))
        if channels is not None:
            self.options.channels = channels
        if asterisk_version is not None:
            self.options.asterisk_version = asterisk_version
        if ami_version is not None:
            self.options.ami_version = ami_version
        if before_restart is not None:
            await before_restart()
        await self.start(self.port)


class FakeAdapter:
    """A tiny stand-in for AsteriskAdapter: one call per operator channel, keyed by Linkedid.

    Enough for the manager tests (a call appears, ends, and resync adds/removes calls);
    the real adapter's logic is tested in its own module.
    """

    def __init__(self, endpoints: Sequence[str]) -> None:
        self.endpoints = tuple(endpoints)
        self.handled: list[Event] = []
        self.resyncs: list[tuple[Event, ...]] = []
        self.active: dict[str, tuple[str, str]] = {}  # call_id -> (number, name)

    def _ours(self, event: Event) -> bool:
        chan = event.get("Channel") or ""
        return any(chan.startswith(f"{ep}-") for ep in self.endpoints)

    def handle(self, event: Event) -> list[object]:
        from callpanel.calls.events import Direction, EndReason, RingFinished, RingStarted

        self.handled.append(event)
        if not self._ours(event):
            return []
        call_id = event.get("Linkedid") or event.get("Uniqueid") or ""
        name = event.name.lower()
        if name == "newchannel" and call_id not in self.active:
            number = event.get("ConnectedLineNum") or ""
            self.active[call_id] = (number, "")
            return [RingStarted(call_id, Direction.INCOMING, number, "")]
        if name == "hangup" and call_id in self.active:
            del self.active[call_id]
            return [RingFinished(call_id, EndReason.COMPLETED)]
        return []

    def resync(self, channels: Sequence[Event]) -> list[object]:
        from callpanel.calls.events import (
            ActiveCallSnapshot,
            CallSnapshot,
            CallState,
            Direction,
            EndReason,
            RingFinished,
            RingStarted,
        )

        self.resyncs.append(tuple(channels))
        seen: dict[str, tuple[str, str]] = {}
        for item in channels:
            if self._ours(item):
                call_id = item.get("Linkedid") or item.get("Uniqueid") or ""
                seen[call_id] = (
                    item.get("ConnectedLineNum") or "",
                    item.get("ConnectedLineName") or "",
                )
        out: list[object] = []
        for call_id in [c for c in self.active if c not in seen]:
            del self.active[call_id]
            out.append(RingFinished(call_id, EndReason.COMPLETED))
        for call_id, (number, name) in seen.items():
            if call_id not in self.active:
                self.active[call_id] = (number, name)
                out.append(RingStarted(call_id, Direction.INCOMING, number, name))
        out.append(
            ActiveCallSnapshot(
                tuple(
                    CallSnapshot(cid, CallState.TALKING, Direction.INCOMING, num, nm)
                    for cid, (num, nm) in self.active.items()
                )
            )
        )
        return out


class Recorder:
    """Collects what a manager publishes and lets a test await a condition on it."""

    def __init__(self) -> None:
        self.statuses: list[object] = []
        self.calls: list[object] = []
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    def on_status(self, status: object) -> None:
        self.statuses.append(status)
        self._check()

    def on_call_event(self, event: object) -> None:
        self.calls.append(event)
        self._check()

    def states(self) -> list[str]:
        return [s.state.value for s in self.statuses]  # type: ignore[attr-defined]

    def count(self, state: str) -> int:
        return self.states().count(state)

    def _check(self) -> None:
        for predicate, future in list(self._waiters):
            if not future.done() and predicate():
                future.set_result(None)
                self._waiters.remove((predicate, future))

    async def until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        if predicate():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise AssertionError(
                f"condition not met within {timeout} s; statuses={self.states()}"
            ) from None

    async def until_state(self, state: str, count: int = 1, timeout: float = 5.0) -> None:
        await self.until(lambda: self.count(state) >= count, timeout)


class ThreadedServer:
    """An AmiServer on its own event loop in a thread: it floods even while ours is blocked."""

    def __init__(self, options: ServerOptions | None = None) -> None:
        import threading

        self.server = AmiServer(options)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def __aenter__(self) -> ThreadedServer:
        self._thread.start()
        await self.call(self.server.start())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.call(self.server.stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    async def call(self, coro: Awaitable[object]) -> object:
        """Run ``coro`` on the server's loop and await its result from ours."""

        async def wrapper() -> object:
            return await coro

        future = asyncio.run_coroutine_threadsafe(wrapper(), self._loop)
        return await asyncio.wrap_future(future)
