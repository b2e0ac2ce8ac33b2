"""One AMI session over asyncio streams: banner, login, actions by ActionID, event lists, Ping.

The protocol work is done by the sans-I/O :class:`~callpanel.ami.AmiParser`; this module only
moves bytes, matches responses to waiting callers and watches the link. It never reconnects:
that is :class:`~callpanel.asterisk.manager.AsteriskManager`'s job. When the link dies, every
waiting caller gets :class:`ConnectionLost` at once and ``closed`` resolves with the reason.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import logging
import ssl
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from ..ami import (
    Action,
    ActionIdGenerator,
    AmiParser,
    Banner,
    Event,
    EventList,
    LocalProtocolError,
    RemoteProtocolError,
    Response,
    serialize_action,
)
from ..ami.controls import escape_for_log
from .config import ConnectionConfig
from .errors import (
    ActionFailed,
    ActionTimeout,
    AsteriskError,
    AuthenticationFailed,
    ConfigurationError,
    ConnectionLost,
    InvalidInput,
)
from .preflight import check_login_settings, check_plain_secret
from .reader import AmiReader
from .replies import action_error, is_oversized, md5_key
from .tls import check_pin, make_ssl_context, tls_error
from .traffic import tap as tap_traffic

log = logging.getLogger(__name__)

READ_CHUNK = 64 * 1024
LOGOFF_TIMEOUT = 2.0
_REMEMBER_ABANDONED = 256  # timed-out list ids whose late items we still recognise and drop
TASK_PREFIX = "callpanel-ami-"
MAX_MALFORMED_IN_A_ROW = 50  # past this the peer is not an AMI server (or is hostile)


class ConnState(enum.Enum):
    NEW = "new"
    OPENING = "opening"  # TCP/TLS up, banner and login in progress
    OPEN = "open"
    CLOSED = "closed"


@dataclass
class _Pending:
    action: str
    future: asyncio.Future[Response | EventList]
    as_list: bool
    deadline: float  # loop time when its caller gives up


class AsteriskConnection:
    """A single AMI session. Create, ``await open()``, use ``send``/``send_list``, ``close()``.

    ``on_event`` is called for every broadcast event, in wire order, from the read loop; list
    items (``CoreShowChannel`` …) are not events here, they come back whole from ``send_list``.
    Create it inside a running event loop (``closed`` is a future of that loop).
    """

    def __init__(
        self,
        config: ConnectionConfig,
        *,
        on_event: Callable[[Event], None],
        action_ids: Callable[[], str] | None = None,
    ) -> None:
        self.config = config
        self._on_event = on_event
        self._ids = action_ids or ActionIdGenerator()
        self.banner: Banner | None = None
        self.server_version: str | None = None
        self.used_md5 = False
        self.events_delivered = 0  # count of events handed to on_event (ordering marks)
        self.closed: asyncio.Future[Exception | None] = asyncio.get_running_loop().create_future()
        self._state = ConnState.NEW
        self._inbox = AmiReader(config)  # the read path, shared with ``callpanel replay``
        self._parser = self._inbox.parser
        self._pending: dict[str, _Pending] = {}
        self._abandoned: collections.deque[str] = collections.deque(maxlen=_REMEMBER_ABANDONED)
        self._list_marks: dict[str, int] = {}
        self._banner_waiter: asyncio.Future[Banner] | None = None
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._malformed_in_a_row = 0
        self._logging_off = False

    # -- public API ---------------------------------------------------------------------

    @property
    def state(self) -> ConnState:
        return self._state

    @property
    def is_open(self) -> bool:
        return self._state is ConnState.OPEN

    @property
    def server(self) -> str:
        return f"{escape_for_log(self.config.host)}:{self.config.port}"  # host may be typed

    @property
    def parser(self) -> AmiParser:
        """The protocol core (read-only use: ``line_ending``, ``buffered``)."""
        return self._parser

    async def open(self) -> None:
        """Connect, read the banner, log in (MD5 when offered), ask ``CoreSettings``.

        Raises AuthenticationFailed for a refused login, ConnectionLost (or its TLS
        subclasses) for everything on the network side. On any failure nothing stays open.
        """
        if self._state is not ConnState.NEW:
            raise RuntimeError("an AsteriskConnection can be opened once")
        self._state = ConnState.OPENING
        try:
            check_login_settings(self.config)  # a local problem is not worth a connection
            await self._connect()
            await self._login()
            await self._read_core_settings()
        except BaseException as exc:
            reason = exc if isinstance(exc, AsteriskError) else ConnectionLost(str(exc))
            self._shutdown(reason if isinstance(exc, Exception) else None)
            await self._join_tasks()
            if isinstance(exc, AsteriskError | asyncio.CancelledError):
                raise
            raise ConnectionLost(f"cannot open AMI session to {self.server}: {exc}") from exc
        self._state = ConnState.OPEN
        if self.config.ping_interval > 0:
            self._spawn(self._keepalive(), "keepalive")
        log.info(
            "AMI session open: %s (Asterisk %s, AMI %s, %s login)",
            self.server,
            escape_for_log(self.server_version or "?"),
            escape_for_log(self.banner.version if self.banner else "?"),
            "MD5" if self.used_md5 else "plain",
        )

    async def send(self, action: Action, *, timeout: float | None = None) -> Response:
        """Send ``action`` and wait for its response (matched by ActionID)."""
        self._require_open()
        result = await self._request(action, timeout, as_list=False)
        assert isinstance(result, Response)
        return result

    async def send_list(self, action: Action, *, timeout: float | None = None) -> EventList:
        """Send a list action (``CoreShowChannels`` …) and return the whole list."""
        event_list, _mark = await self.send_list_marked(action, timeout=timeout)
        return event_list

    async def send_list_marked(
        self, action: Action, *, timeout: float | None = None
    ) -> tuple[EventList, int]:
        """Like ``send_list``; also returns ``events_delivered`` as it was when the list ended.

        Asterisk never interleaves broadcast events with a list, so events numbered up to
        the mark happened before the snapshot and later ones after it (used by resync).
        """
        self._require_open()
        result = await self._request(action, timeout, as_list=True)
        assert isinstance(result, EventList)
        mark = self._list_marks.pop(result.response.action_id or "", self.events_delivered)
        return result, mark

    async def close(self) -> None:
        """Log off (briefly waiting for Goodbye), close the socket, end every task."""
        if self._state is ConnState.OPEN:
            self._logging_off = True  # the server's close after Goodbye is not a failure
            try:
                await self._request(Action.create("Logoff"), LOGOFF_TIMEOUT, as_list=False)
            except AsteriskError as exc:
                log.debug("Logoff: %s", escape_for_log(exc))
        self._shutdown(None)
        await self._join_tasks()
        if self._writer is not None:
            try:
                await asyncio.wait_for(self._writer.wait_closed(), LOGOFF_TIMEOUT)
            except (OSError, TimeoutError, ssl.SSLError):
                pass

    def abort(self, reason: str) -> None:
        """Drop the link now (no Logoff), e.g. after a ``Shutdown`` event. Safe from on_event."""
        self._shutdown(ConnectionLost(reason))

    # -- connecting and logging in -------------------------------------------------------

    async def _connect(self) -> None:
        context = make_ssl_context(self.config)
        try:
            async with asyncio.timeout(self.config.connect_timeout):
                self._reader, self._writer = await asyncio.open_connection(
                    self.config.host,
                    self.config.port,
                    ssl=context,
                    server_hostname=self.config.host if context else None,
                    ssl_handshake_timeout=self.config.connect_timeout if context else None,
                )
        except ssl.SSLError as exc:
            raise tls_error(exc, self.server) from exc
        except TimeoutError as exc:
            raise ConnectionLost(
                f"no connection to {self.server} within {self.config.connect_timeout:g} s"
            ) from exc
        except OSError as exc:
            raise ConnectionLost(f"cannot connect to {self.server}: {exc.strerror or exc}") from exc
        # A pinned certificate is compared before the banner is read or the secret sent.
        check_pin(self.config, self._writer.get_extra_info("ssl_object"), self.server)
        loop = asyncio.get_running_loop()
        self._banner_waiter = loop.create_future()
        self._spawn(self._read_loop(), "reader")
        try:
            async with asyncio.timeout(self.config.connect_timeout):
                self.banner = await self._banner_waiter
        except TimeoutError as exc:
            raise ConnectionLost(
                f"{self.server} sent no AMI banner within {self.config.connect_timeout:g} s"
            ) from exc
        log.debug("banner %r, peer line ending %s", self.banner.text, self._parser.line_ending)

    async def _login(self) -> None:
        config = self.config
        fields: dict[str, str] = {"Username": config.username}
        challenge: str | None = None
        try:
            reply = await self._request(
                Action.create("Challenge", {"AuthType": "MD5"}), None, as_list=False
            )
            assert isinstance(reply, Response)
            challenge = reply.get("Challenge")
        except ActionFailed as exc:
            refused = exc.message or "no reason given"
            if not config.plain_login:
                raise ConfigurationError(
                    f"the server refused MD5 login ({refused}); plain-text login is off",
                    "plain_login",
                ) from None
            log.warning(
                "server refused the MD5 challenge (%s); sending the secret in clear "
                "(plain-text login is on)",
                escape_for_log(refused),
            )
        if challenge:
            fields["AuthType"] = "MD5"
            fields["Key"] = md5_key(challenge, config.secret)
            self.used_md5 = True
        else:
            check_plain_secret(config.secret)
            fields["Secret"] = config.secret
        fields["Events"] = config.events
        try:
            await self._request(Action.create("Login", fields), None, as_list=False)
        except InvalidInput as exc:  # what we would send cannot be sent: our settings
            raise ConfigurationError(f"the login cannot be sent: {exc}", "username") from None
        except ActionFailed as exc:
            raise AuthenticationFailed(
                f"Asterisk refused the login of {config.username!r}: "
                f"{exc.message or 'Authentication failed'}"
            ) from None

    async def _read_core_settings(self) -> None:
        try:
            reply = await self._request(Action.create("CoreSettings"), None, as_list=False)
        except ActionFailed as exc:
            # A least-privilege user (no write=system/reporting) may not ask; not fatal.
            log.info(
                "CoreSettings refused (%s); server version from the banner only",
                escape_for_log(exc),
            )
            return
        assert isinstance(reply, Response)
        self.server_version = reply.get("AsteriskVersion") or None

    # -- sending -------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self._state is not ConnState.OPEN:
            raise ConnectionLost(f"not connected to {self.server}")

    async def _request(
        self, action: Action, timeout: float | None, *, as_list: bool
    ) -> Response | EventList:
        if self._state not in (ConnState.OPENING, ConnState.OPEN) or self._writer is None:
            raise ConnectionLost(f"not connected to {self.server}")
        action_id = action.action_id or self._ids()
        if action_id in self._pending:
            raise InvalidInput(f"ActionID {action_id!r} is already in use")
        action = action.with_action_id(action_id)
        try:
            data = serialize_action(action, self.config.line_ending)
        except LocalProtocolError as exc:
            raise InvalidInput(f"{action.name}: {exc}") from exc
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Response | EventList] = loop.create_future()
        limit = self.config.action_timeout if timeout is None else timeout
        self._pending[action_id] = _Pending(action.name, future, as_list, loop.time() + limit)
        log.debug("-> %s %s", action.name, action_id)  # never the headers: Secret/Key live there
        try:
            async with asyncio.timeout(limit):
                self._writer.write(data)
                tap_traffic("out", data)  # diagnostics; scrubs Secret/Key itself
                await self._writer.drain()
                return await future
        except TimeoutError:
            raise ActionTimeout(
                f"{action.name}: no answer from Asterisk within {limit:g} s"
            ) from None
        except (ConnectionError, OSError) as exc:
            lost = ConnectionLost(f"connection to {self.server} lost while sending: {exc}")
            self._shutdown(lost)
            raise lost from exc
        finally:
            self._pending.pop(action_id, None)
            # A timeout cancels the future we awaited: its late list items must be dropped.
            if as_list and (not future.done() or future.cancelled()):
                self._inbox.abandon(action_id)
                self._abandoned.append(action_id)

    # -- reading -------------------------------------------------------------------------

    async def _read_loop(self) -> None:
        reader = self._reader
        assert reader is not None
        try:
            while self._state is not ConnState.CLOSED:
                data = await reader.read(READ_CHUNK)
                if not data:
                    lost = ConnectionLost(f"{self.server} closed the connection")
                    self._shutdown(None if self._logging_off else lost)
                    return
                tap_traffic("in", data)
                self._inbox.receive(data)
                self._drain_reader()
                # read() returns at once while a backlog is buffered: without this a flood
                # would be worked off in one go, with no timer or repaint in between
                # (docs/TESTS.md: event flood).
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            raise
        except ssl.SSLError as exc:
            self._shutdown(ConnectionLost(f"TLS error on {self.server}: {exc.reason or exc}"))
        except (ConnectionError, OSError) as exc:
            self._shutdown(ConnectionLost(f"connection to {self.server} lost: {exc}"))
        except Exception as exc:  # a bug must not leave callers waiting forever
            log.exception("AMI reader failed")
            self._shutdown(ConnectionLost(f"internal error reading from {self.server}: {exc}"))

    def _drain_reader(self) -> None:
        while self._state is not ConnState.CLOSED:
            try:
                message = self._inbox.next()
            except RemoteProtocolError as exc:
                if is_oversized(exc):
                    self._shutdown(
                        ConnectionLost(f"{self.server} sent an oversized message ({exc.reason})")
                    )
                    return
                self._malformed_in_a_row += 1
                if self._malformed_in_a_row > MAX_MALFORMED_IN_A_ROW:
                    self._shutdown(
                        ConnectionLost(f"{self.server} is not speaking AMI (only malformed data)")
                    )
                    return
                log.warning("skipped a malformed AMI message from %s: %s", self.server, exc)
                continue
            if message is None:
                return
            self._malformed_in_a_row = 0
            if isinstance(message, Event):
                self._on_event_message(message)
            elif isinstance(message, EventList):
                self._on_list(message)
            elif isinstance(message, Response):
                self._on_response(message)
            else:
                self._on_banner(message)

    def _on_banner(self, banner: Banner) -> None:
        if self._banner_waiter is not None and not self._banner_waiter.done():
            self._banner_waiter.set_result(banner)
        else:
            log.warning(
                "unexpected second banner from %s: %s", self.server, escape_for_log(banner.text)
            )

    def _on_response(self, response: Response) -> None:
        action_id = response.action_id
        pending = self._pending.get(action_id) if action_id is not None else None
        if pending is None or pending.future.done():
            log.debug(
                "dropped a response nobody waits for (ActionID %s)", escape_for_log(action_id)
            )
            return
        if response.is_error:
            pending.future.set_exception(action_error(pending.action, response))
        elif pending.as_list and self._inbox.open_list(response):
            return  # items follow; resolved by the Complete event
        elif pending.as_list:
            pending.future.set_result(EventList(response, (), None))
        else:
            pending.future.set_result(response)

    def _on_list(self, finished: EventList) -> None:
        action_id = finished.response.action_id or ""
        pending = self._pending.get(action_id)
        if pending is not None and not pending.future.done():
            self._list_marks[action_id] = self.events_delivered
            pending.future.set_result(finished)

    def _on_event_message(self, event: Event) -> None:
        if event.action_id is not None and event.action_id in self._abandoned:
            log.debug(
                "dropped a late list item %s (ActionID %s)",
                escape_for_log(event.name),
                escape_for_log(event.action_id),
            )
            return
        self.events_delivered += 1
        try:
            self._on_event(event)
        except Exception:  # the consumer's bug must not kill the link
            log.exception("on_event handler failed for %s", event.name)

    # -- keepalive -----------------------------------------------------------------------

    async def _keepalive(self) -> None:
        interval = self.config.ping_interval
        loop = asyncio.get_running_loop()
        while self._state is ConnState.OPEN:
            await asyncio.sleep(interval)
            if self._state is not ConnState.OPEN:
                return
            # Asterisk runs one action at a time per session: a slow synchronous action
            # (Originate without Async) delays our Pong. Allow for what is already queued.
            busy_until = max((p.deadline for p in self._pending.values()), default=0.0)
            limit = max(
                self.config.ping_timeout, busy_until - loop.time() + self.config.ping_timeout
            )
            try:
                await self._request(Action.create("Ping"), limit, as_list=False)
            except ActionTimeout:
                self._shutdown(
                    ConnectionLost(f"{self.server} did not answer Ping within {limit:g} s")
                )
                return
            except ActionFailed as exc:  # it answered, so the link is alive
                log.debug("Ping answered with an error: %s", escape_for_log(exc))
            except ConnectionLost:
                return

    # -- shutting down -------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.get_running_loop().create_task(coro, name=f"{TASK_PREFIX}{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _shutdown(self, reason: Exception | None) -> None:
        """Idempotent: mark closed, fail waiters, close the socket, stop our tasks."""
        if self._state is ConnState.CLOSED:
            return
        self._state = ConnState.CLOSED
        if reason is not None:
            log.info("AMI session %s ended: %s", self.server, escape_for_log(reason))
        lost = (
            reason
            if isinstance(reason, ConnectionLost)
            else ConnectionLost(f"connection to {self.server} closed")
        )
        if self._banner_waiter is not None and not self._banner_waiter.done():
            self._banner_waiter.set_exception(lost)
            self._banner_waiter.exception()  # retrieved: open() may already have timed out
        for pending in list(self._pending.values()):
            if not pending.future.done():
                pending.future.set_exception(lost)
        self._pending.clear()
        if self._writer is not None:
            transport = self._writer.transport
            if reason is None:
                transport.close()
            else:
                transport.abort()  # a dead or hostile peer: do not wait to flush
        current = asyncio.current_task()
        for task in list(self._tasks):
            if task is not current:
                task.cancel()
        if not self.closed.done():
            self.closed.set_result(reason)

    async def _join_tasks(self) -> None:
        current = asyncio.current_task()
        tasks = [task for task in self._tasks if task is not current]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
