"""The AMI link's life: connect, log in, resync, keep alive, reconnect, stop on a wrong secret.

One supervisor task runs the loop below and publishes a :class:`ConnectionStatus` at every
step. Actions are never queued: while the link is down ``send`` raises ConnectionLost at
once, and an action in flight when the link drops fails with ConnectionLost and is not
re-sent after the reconnect (an Originate must not ring twice).

::

    CONNECTING ──ok──▶ CONNECTED ──link lost──▶ RECONNECTING(retry_in) ──▶ CONNECTING …
        │ wrong secret                                      ▲ network error │
        ▼                                                   └───────────────┘
    AUTH_FAILED ──retry_now()──▶ CONNECTING          stop() from anywhere ──▶ DISCONNECTED
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from ..ami import Action, Event, EventList, Response
from ..ami.controls import escape_for_log
from ..calls.events import CallEvent
from ..calls.store import CallStore
from .backoff import DEFAULT_BASE, DEFAULT_CAP, backoff
from .config import ClientConfig, ConnectionConfig
from .connection import AsteriskConnection
from .errors import (
    ActionFailed,
    ActionTimeout,
    AsteriskError,
    AuthenticationFailed,
    ConfigurationError,
    ConnectionLost,
    PermissionDenied,
)
from .phones import missing_phones as find_missing_phones
from .problems import LinkProblem, classify
from .reader import reading_config
from .status import ConnectionStatus, LinkState

if TYPE_CHECKING:
    from ..centre import CentreEvent
    from .adapter import AsteriskAdapter
    from .centre import CentrePart

log = logging.getLogger(__name__)

RESYNC_ACTION = "CoreShowChannels"
STABLE_SESSION = 30.0  # seconds a session must last before the backoff starts again from 0
# AMI major version → Asterisk major (docs/AMI.md §1), used when CoreSettings is not allowed.
_AMI_MAJOR_TO_ASTERISK = {2: 13, 3: 14, 4: 15, 5: 16, 6: 17, 7: 18, 8: 19, 9: 20, 10: 21, 11: 22}
_VERSION = re.compile(r"(\d+(?:\.\d+)*)")


def parse_version(text: str | None) -> tuple[int, ...] | None:
    """``"18.26.4"`` → ``(18, 26, 4)``; ``"certified/18.9-cert5"`` → ``(18, 9)``; else None."""
    if not text:
        return None
    found = _VERSION.search(text)
    if found is None:
        return None
    return tuple(int(part) for part in found.group(1).split("."))


def _default_adapter(client: ClientConfig, store: CallStore | None) -> AsteriskAdapter:
    from .adapter import AsteriskAdapter

    return AsteriskAdapter(client.endpoints, store=store)


def _ignore_call_event(_event: CallEvent) -> None:
    pass


class AsteriskManager:
    """Owns the connection's life and feeds every AMI event through the adapter."""

    def __init__(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        *,
        on_status: Callable[[ConnectionStatus], None],
        on_call_event: Callable[[CallEvent], None] = _ignore_call_event,
        store: CallStore | None = None,
        adapter_factory: Callable[[ClientConfig, CallStore | None], Any] | None = None,
        connection_factory: Callable[..., AsteriskConnection] = AsteriskConnection,
        backoff_base: float = DEFAULT_BASE,
        backoff_cap: float = DEFAULT_CAP,
        rng: Callable[[], float] = random.random,
        stable_after: float = STABLE_SESSION,
        centre: CentrePart | None = None,
        on_centre_event: Callable[[CentreEvent], None] | None = None,
    ) -> None:
        self.conn_config = conn
        self.client_config = client
        self._on_status = on_status
        self._on_call_event = on_call_event
        # The adapter writes the operator's calls into ``store`` (a new one if None).
        self.adapter: AsteriskAdapter = (adapter_factory or _default_adapter)(client, store)
        self._connection_factory = connection_factory
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng
        self._stable_after = stable_after
        self.status = ConnectionStatus(LinkState.DISCONNECTED, server=self._server)
        self.server_version: str | None = None
        self.ami_version: str | None = None
        self.connection_attempts = 0  # every TCP attempt, for tests and diagnostics
        self._conn: AsteriskConnection | None = None  # set only while CONNECTED: for send()
        self._current: AsteriskConnection | None = None  # from open() until it is closed
        self._supervisor: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._held: list[Event] | None = None  # events held back while a resync runs
        self._held_base = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._refresher: asyncio.Task[None] | None = None
        self._refresh_again = False
        # The call centre (queues, agent status, colleagues): a part beside the adapter that
        # sees every event first (AgentCalled comes before the ring it explains).
        self.centre: CentrePart | None = None
        self._on_centre_event: Callable[[CentreEvent], None] | None = None
        if centre is not None:
            self.attach_centre(centre, on_centre_event)

    # -- public API ---------------------------------------------------------------------

    @property
    def _server(self) -> str:
        return f"{escape_for_log(self.conn_config.host)}:{self.conn_config.port}"

    @property
    def connected(self) -> bool:
        return self._conn is not None and self._conn.is_open

    @property
    def version_tuple(self) -> tuple[int, ...] | None:
        """Asterisk's version, e.g. ``(18, 26, 4)``; from the banner's AMI major if need be."""
        exact = parse_version(self.server_version)
        if exact is not None:
            return exact
        ami = parse_version(self.ami_version)
        if ami and ami[0] in _AMI_MAJOR_TO_ASTERISK:
            return (_AMI_MAJOR_TO_ASTERISK[ami[0]],)
        return None

    def attach_centre(
        self, centre: CentrePart, on_event: Callable[[CentreEvent], None] | None
    ) -> None:
        """Compose the call centre in (before ``start``): its events go to ``on_event``."""
        self.centre, self._on_centre_event = centre, on_event
        if hasattr(self.adapter, "annotate"):
            # before the store: the card, the history and the monitor all see the queue
            self.adapter.annotate = lambda event: centre.enrich(event, self._caller_of)

    async def start(self) -> None:
        """Start connecting in the background; progress arrives through ``on_status``."""
        if self._supervisor is not None and not self._supervisor.done():
            return
        self._stopping = False
        self._supervisor = asyncio.get_running_loop().create_task(
            self._run(), name="callpanel-ami-manager"
        )

    async def stop(self) -> None:
        """Log off and stay disconnected (status DISCONNECTED). Idempotent."""
        if self._stopping and self._supervisor is None:
            return
        self._stopping = True
        self._wake.set()
        conn = self._current
        if conn is not None:
            await conn.close()
        if self._supervisor is not None:
            self._supervisor.cancel()
            await asyncio.gather(self._supervisor, return_exceptions=True)
            self._supervisor = None
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._conn = self._current = None
        self._publish(LinkState.DISCONNECTED)

    async def retry_now(self) -> None:
        """Try again at once: after AUTH_FAILED (new secret?) or to skip a backoff wait."""
        if self._supervisor is None or self._supervisor.done():
            await self.start()
        else:
            self._wake.set()

    async def send(self, action: Action, *, timeout: float | None = None) -> Response:
        return await self._live().send(action, timeout=timeout)

    async def send_list(self, action: Action, *, timeout: float | None = None) -> EventList:
        return await self._live().send_list(action, timeout=timeout)

    # -- the supervisor loop ---------------------------------------------------------------

    def _live(self) -> AsteriskConnection:
        conn = self._conn
        if conn is None or not conn.is_open:
            raise ConnectionLost(f"not connected to Asterisk ({self.status.state.value})")
        return conn

    async def _run(self) -> None:
        attempt = 0  # failures since the last good session
        error: str | None = None
        problem: LinkProblem | None = None
        while not self._stopping:
            self._publish(LinkState.CONNECTING, error=error, problem=problem)
            try:
                conn = await self._open()
            except (AuthenticationFailed, PermissionDenied) as exc:
                if self._stopping:
                    return
                log.warning("AMI login to %s refused: %s", self._server, escape_for_log(exc))
                self._wake.clear()
                setting = exc.setting if isinstance(exc, ConfigurationError) else None
                self._publish(
                    LinkState.AUTH_FAILED, error=str(exc), setting=setting, problem=classify(exc)
                )
                await self._wait(None)  # only retry_now() or stop() wakes us
                attempt, error, problem = 0, None, None
                continue
            except AsteriskError as exc:
                if self._stopping:
                    return
                error, problem = str(exc), classify(exc)
                await self._backoff_wait(attempt, error, problem)
                attempt += 1
                continue
            started = asyncio.get_running_loop().time()
            reason = await self._serve(conn)
            if self._stopping:
                return
            error = str(reason) if reason else "connection closed"
            problem = LinkProblem.LOST
            log.warning("AMI link to %s lost: %s", self._server, escape_for_log(error))
            # Only a session that lasted counts as recovery: a server that accepts the login
            # and drops the link at once must not be hammered several times a second.
            if asyncio.get_running_loop().time() - started >= self._stable_after:
                attempt = 0
            await self._backoff_wait(attempt, error, problem)
            attempt += 1

    async def _open(self) -> AsteriskConnection:
        self.connection_attempts += 1
        keep = self.centre.EVENTS if self.centre is not None else frozenset()
        # built as `callpanel replay` builds it: what the adapter never reads stays unbuilt
        config = reading_config(self.conn_config, self.adapter, keep=keep)
        conn = self._connection_factory(config, on_event=self._on_event)
        self._current = conn
        try:
            await conn.open()
        except BaseException:
            self._current = None
            raise
        self.ami_version = conn.banner.version if conn.banner else None
        self.server_version = conn.server_version
        return conn

    async def _serve(self, conn: AsteriskConnection) -> Exception | None:
        """Resync, publish CONNECTED, wait until the link ends; returns why it ended."""
        try:
            try:
                warning = await self._resync(conn)
            except (ConnectionLost, ActionTimeout) as exc:
                conn.abort(f"resync failed: {exc}")
                return exc
            self._conn = conn
            self._publish(LinkState.CONNECTED, error=warning)
            self._spawn(self._check_phones(conn, warning), "phones")
            return await asyncio.shield(conn.closed)
        finally:
            self._conn = None
            await conn.close()  # Logoff if still open (stop()); joins the connection's tasks
            if self._current is conn:
                self._current = None

    async def _check_phones(self, conn: AsteriskConnection, warning: str | None) -> None:
        """After the login, not before it: the calls show at once; a phone Asterisk does not
        know is then said in a second CONNECTED status (a misspelt endpoint shows no calls)."""
        missing = await find_missing_phones(conn.send, self.client_config.endpoints)
        if not missing or self._conn is not conn:
            return
        log.warning(
            "no such phone on %s: %s (its device state is INVALID); check the phone in the "
            "settings",
            self._server,
            ", ".join(missing),
        )
        self._publish(LinkState.CONNECTED, error=warning, missing_phones=missing)

    async def _resync(self, conn: AsteriskConnection) -> str | None:
        """Rebuild the call list from CoreShowChannels; returns a warning if it could not."""
        self._held, self._held_base = [], conn.events_delivered
        try:
            event_list, mark = await conn.send_list_marked(Action.create(RESYNC_ACTION))
        except ActionFailed as exc:  # PermissionDenied included: a least-privilege user
            self._release_held()
            log.warning("resync skipped: %s", escape_for_log(exc))
            return f"cannot read active calls ({exc}); calls from before this login are not shown"
        except BaseException:
            self._held = None
            raise
        held = self._held
        self._held = None
        split = max(0, min(len(held), mark - self._held_base))
        for event in held[:split]:  # happened before the snapshot was taken
            self._dispatch(event)
        self._emit_all(self.adapter.resync(event_list.items))
        for event in held[split:]:
            self._dispatch(event)
        if self.centre is not None:
            await self._resync_centre(conn, self.centre)
        return None

    async def _resync_centre(self, conn: AsteriskConnection, centre: CentrePart) -> None:
        """Queue memberships, hints and device states, each from a fresh snapshot; events that
        arrive meanwhile are held and split at the snapshot's mark as for the call list."""
        for action in centre.snapshot_actions():
            self._held, self._held_base = [], conn.events_delivered
            try:
                event_list, mark = await conn.send_list_marked(action)
            except ActionFailed as exc:  # no app_queue, no hints, a narrow AMI user…
                log.info("%s skipped: %s", action.name, exc)
                self._release_held()
                self._emit_centre(centre.failed_snapshot(action.name))
                continue
            except BaseException:
                self._held = None
                raise
            held, self._held = self._held, None
            split = max(0, min(len(held), mark - self._held_base))
            for event in held[:split]:
                self._dispatch(event)
            self._emit_centre(centre.apply_snapshot(action.name, event_list.items))
            for event in held[split:]:
                self._dispatch(event)

    def _release_held(self) -> None:
        held, self._held = self._held or [], None
        for event in held:
            self._dispatch(event)

    async def _backoff_wait(
        self, attempt: int, error: str, problem: LinkProblem | None = None
    ) -> None:
        delay = backoff(attempt, self._backoff_base, self._backoff_cap, self._rng)
        self._wake.clear()
        self._publish(
            LinkState.RECONNECTING, retry_in=round(delay, 3), error=error, problem=problem
        )
        await self._wait(delay)

    async def _wait(self, delay: float | None) -> None:
        """Sleep ``delay`` seconds (None: forever) unless retry_now() or stop() wakes us."""
        if self._stopping:
            return
        try:
            async with asyncio.timeout(delay):
                await self._wake.wait()
        except TimeoutError:
            pass

    # -- events ----------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if self._held is not None:
            self._held.append(event)
        else:
            self._dispatch(event)

    def _dispatch(self, event: Event) -> None:
        name = event.name.lower()
        if name == "shutdown":
            self._on_shutdown(event)
        elif name == "fullybooted" and self.status.state is LinkState.CONNECTED:
            # A broadcast FullyBooted while we are up: Asterisk (re)loaded; look again.
            log.info("Asterisk reports FullyBooted; refreshing active calls")
            self._want_refresh()
        if self.centre is not None:
            self._emit_centre(self.centre.handle(event))
        try:
            call_events = self.adapter.handle(event)
        except Exception:  # an adapter bug must not cut the link; the event is logged
            log.exception("adapter failed on %s", event.name)
            return
        self._emit_all(call_events)

    def _on_shutdown(self, event: Event) -> None:
        how = event.get("Shutdown") or "?"
        restart = (event.get("Restart") or "").lower() == "true"
        log.info("Asterisk is shutting down (%s, restart=%s)", escape_for_log(how), restart)
        conn = self._current
        if conn is not None:
            conn.abort(f"Asterisk is shutting down ({how}{', restarting' if restart else ''})")

    def _want_refresh(self) -> None:
        """One refresh at a time: two resyncs at once would share (and lose) held events.
        A FullyBooted during a refresh asks for one more pass after it."""
        self._refresh_again = True
        if self._refresher is None or self._refresher.done():
            self._refresher = self._spawn(self._refresh(), "refresh")

    async def _refresh(self) -> None:
        while self._refresh_again:
            self._refresh_again = False
            conn = self._conn
            if conn is None:
                return
            try:
                warning = await self._resync(conn)
            except (ConnectionLost, ActionTimeout) as exc:
                log.info("refresh after FullyBooted failed: %s", escape_for_log(exc))
                return
            if warning:
                log.warning("%s", escape_for_log(warning))

    def _caller_of(self, call_id: str) -> str | None:
        legs = self.adapter.legs(call_id)
        return legs.remote_uniqueid if legs is not None else None

    def _emit_centre(self, centre_events: Sequence[CentreEvent]) -> None:
        if self._on_centre_event is None:
            return
        for centre_event in centre_events:
            try:
                self._on_centre_event(centre_event)
            except Exception:
                log.exception("on_centre_event handler failed for %r", centre_event)

    def _emit_all(self, call_events: Sequence[CallEvent]) -> None:
        for call_event in call_events:
            try:
                self._on_call_event(call_event)
            except Exception:
                log.exception("on_call_event handler failed for %r", call_event)

    def _publish(
        self,
        state: LinkState,
        *,
        retry_in: float | None = None,
        error: str | None = None,
        setting: str | None = None,
        problem: LinkProblem | None = None,
        missing_phones: tuple[str, ...] = (),
    ) -> None:
        if self._stopping and state is not LinkState.DISCONNECTED:
            return  # stop() has the last word
        self.status = ConnectionStatus(
            state,
            server=self._server,
            server_version=self.server_version if state is LinkState.CONNECTED else None,
            ami_version=self.ami_version if state is LinkState.CONNECTED else None,
            retry_in=retry_in,
            error=error,
            insecure=self.conn_config.insecure,
            plain_login=self.conn_config.plain_login_exposed,
            setting=setting,
            problem=problem if state is not LinkState.CONNECTED else None,
            missing_phones=missing_phones if state is LinkState.CONNECTED else (),
        )
        try:
            self._on_status(self.status)
        except Exception:
            log.exception("on_status handler failed")

    def _spawn(self, coro: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro, name=f"callpanel-ami-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
