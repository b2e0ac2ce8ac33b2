"""The one object between asyncio and Qt.

It owns the connector (``AsteriskManager`` + ``AsteriskClient``) and every asyncio task the UI
starts (a set with done callbacks: the event loop keeps only a weak reference to a task, so
an unowned one can vanish mid-flight), turns the
manager's status and call events into Qt signals, and runs the operator's intents. Widgets never
see AMI or sockets; errors of an intent become ``errorOccurred(text)`` for the error bar.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..asterisk.config import ClientConfig, ConnectionConfig
from ..asterisk.errors import (
    ActionFailed,
    ActionTimeout,
    AsteriskError,
    AuthenticationFailed,
    ConnectionLost,
    InvalidInput,
    InvalidNumber,
    NotSupported,
    PermissionDenied,
)
from ..asterisk.status import ConnectionStatus, LinkState
from ..calls.events import CallState, Capability, Direction
from ..calls.model import Call
from ..calls.policy import COMMAND_CAPABILITIES, Command, Denial, Reason
from ..calls.store import CallChange, CallStore
from .reasons import denial_text
from .strings import number_refused_text

if TYPE_CHECKING:
    from ..asterisk.centre import CentreConfig
    from ..asterisk.manager import AsteriskManager
    from ..centre import CentreState

log = logging.getLogger(__name__)


class ManagerLike(Protocol):
    """What the bridge itself asks of a connection's manager (``AsteriskManager``, the hub's
    ``HubLink``, the tests' FakeManager). The client and call-centre factories of a
    :class:`Connector` see the manager's own type, so they need nothing more here."""

    status: ConnectionStatus

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def retry_now(self) -> None: ...


class ClientLike(Protocol):
    """What the bridge asks of the client (``AsteriskClient``; the tests' FakeClient)."""

    def offered(self) -> frozenset[Capability]: ...
    def unavailable(self) -> Mapping[Command, Denial]: ...
    def forget_denials(self) -> None: ...
    async def dial(self, number: str, name: str = "") -> str: ...
    async def answer(self, call_id: str) -> None: ...
    async def hold(self, call_id: str) -> None: ...
    async def unhold(self, call_id: str) -> None: ...
    async def hangup(self, call_id: str) -> None: ...
    async def transfer(self, call_id: str, number: str) -> None: ...
    async def atxfer(self, call_id: str, number: str) -> None: ...
    async def cancel_atxfer(self, call_id: str) -> None: ...
    async def complete_atxfer(self, call_id: str) -> None: ...
    async def dtmf(self, call_id: str, digits: str) -> None: ...
    # Whether the PBX's transfer context presents our caller ID to outside numbers (None:
    # cannot be told, e.g. through the hub, whose own settings decide).
    async def transfer_lines_present(self) -> bool | None: ...


class CentreView(Protocol):
    @property
    def state(self) -> CentreState: ...


class CentreClientLike(Protocol):
    """The call centre's commands (``CentreClient`` direct, ``HubCentreClient`` via the hub)."""

    @property
    def centre(self) -> CentreView: ...

    def denial(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> Denial | None: ...
    def forget_denials(self) -> None: ...
    async def login(self, queue: str) -> None: ...
    async def logout(self, queue: str) -> None: ...
    async def pause(self, queue: str | None, reason: str = "") -> None: ...
    async def unpause(self, queue: str | None) -> None: ...
    async def set_dnd(self, on: bool) -> None: ...
    async def pickup(self, extension: str) -> str: ...


StatusCallback = Callable[[ConnectionStatus], None]
CentreEvents = Callable[[object], None]  # where the call centre's events go (the bridge)
M = TypeVar("M", bound=ManagerLike)


@dataclass(frozen=True, slots=True)
class Link:
    """One connection's three parts, made for each other."""

    manager: ManagerLike
    client: ClientLike
    centre: CentreClientLike | None  # None: no call centre on this link


class Connecting(Protocol):
    """What the bridge starts a connection with (a :class:`Connector`, or the panel's
    ``hub_link.ModeConnector``, which picks one by the ``connection`` setting)."""

    def connect(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        centre: CentreConfig | None,
        on_status: StatusCallback,
        store: CallStore,
        on_centre_event: CentreEvents,
    ) -> Link: ...


def no_centre(
    manager: object, client: ClientConfig, centre: CentreConfig | None, on_event: CentreEvents
) -> CentreClientLike | None:
    return None


@dataclass(frozen=True, slots=True)
class Connector(Generic[M]):
    """A manager factory, and the client and call-centre factories for managers of *its* type
    (``M``): each reaches what its manager offers (``AsteriskManager.adapter``,
    ``attach_centre``…) with no check at run time, and the bridge sees only ``ManagerLike``.
    The manager writes the operator's calls into the store it is given (the panel's one
    store)."""

    manager: Callable[[ConnectionConfig, ClientConfig, StatusCallback, CallStore], M]
    client: Callable[[M, ClientConfig], ClientLike]
    centre: Callable[
        [M, ClientConfig, CentreConfig | None, CentreEvents], CentreClientLike | None
    ] = no_centre

    def connect(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        centre: CentreConfig | None,
        on_status: StatusCallback,
        store: CallStore,
        on_centre_event: CentreEvents,
    ) -> Link:
        manager = self.manager(conn, client, on_status, store)
        return Link(
            manager,
            self.client(manager, client),
            self.centre(manager, client, centre, on_centre_event),
        )


def default_manager_factory(
    conn: ConnectionConfig, client: ClientConfig, on_status: StatusCallback, store: CallStore
) -> AsteriskManager:
    from ..asterisk.manager import AsteriskManager

    return AsteriskManager(conn, client, on_status=on_status, store=store)


def default_client_factory(manager: AsteriskManager, config: ClientConfig) -> ClientLike:
    from ..asterisk.client import AsteriskClient

    return AsteriskClient(manager, manager.adapter, config)


def default_centre_factory(
    manager: AsteriskManager,
    client: ClientConfig,
    centre: CentreConfig | None,
    on_event: CentreEvents,
) -> CentreClientLike:
    """The call centre (queues, agent status, colleagues) composed into the AMI manager."""
    from ..asterisk.centre import AsteriskCentre
    from ..asterisk.centre import CentreConfig as Config
    from ..asterisk.centre_client import CentreClient as Client

    part = AsteriskCentre(centre or Config.from_client(client))
    manager.attach_centre(part, on_event)
    return Client(manager, part, manager.adapter, client, connected=lambda: manager.connected)


# Asterisk's AMI directly: AsteriskManager, AsteriskClient, CentreClient.
DIRECT: Connector[AsteriskManager] = Connector(
    default_manager_factory, default_client_factory, default_centre_factory
)


def error_text(action: str, exc: BaseException) -> str:
    """What the operator reads in the error bar for a failed intent."""
    if isinstance(exc, InvalidNumber):
        return QCoreApplication.translate("Bridge", "%s: the input is not valid: %s") % (
            action,
            number_refused_text(exc.refused),
        )
    if isinstance(exc, InvalidInput):
        return QCoreApplication.translate("Bridge", "%s: the input is not valid: %s") % (
            action,
            exc,
        )
    if isinstance(exc, NotSupported):
        why = denial_text(exc.denial) if exc.denial is not None else str(exc)
        return QCoreApplication.translate("Bridge", "%s is not possible: %s") % (action, why)
    if isinstance(exc, PermissionDenied):
        return QCoreApplication.translate("Bridge", "%s: Asterisk denied permission (%s)") % (
            action,
            exc.message or exc.action,
        )
    if isinstance(exc, ActionFailed):
        return QCoreApplication.translate("Bridge", "%s: Asterisk refused: %s") % (
            action,
            exc.message or exc.action,
        )
    if isinstance(exc, ActionTimeout):
        return (
            QCoreApplication.translate(
                "Bridge", "%s: Asterisk did not answer in time; check the call before retrying"
            )
            % action
        )
    if isinstance(exc, ConnectionLost):
        return (
            QCoreApplication.translate(
                "Bridge", "%s: not connected to Asterisk; try again when the connection is back"
            )
            % action
        )
    if isinstance(exc, AuthenticationFailed):
        return QCoreApplication.translate("Bridge", "%s: Asterisk refused the login") % action
    if isinstance(exc, AsteriskError):
        return f"{action}: {exc}"
    return QCoreApplication.translate("Bridge", "%s failed unexpectedly: %s") % (action, exc)


class QtConnector(QObject):
    """The Qt side of the connector: asyncio tasks in, Qt signals out (the module keeps its old
    name, bridge.py; nothing here is an Asterisk bridge)."""

    statusChanged = Signal(object)  # ConnectionStatus
    callAdded = Signal(object)  # Call
    callUpdated = Signal(object)  # Call
    callEnded = Signal(object)  # Call (state ENDED, end_reason set)
    callDropped = Signal(object)  # Call forgotten unfinished: we disconnected (not history)
    incomingCall = Signal(object)  # Call: a new incoming call started ringing
    offeredChanged = Signal()
    dialAllowedChanged = Signal(bool, str)
    consultingChanged = Signal(str, bool)  # call_id, attended transfer in progress
    centreEvent = Signal(object)  # a callpanel.centre event (queues, agent status, colleagues)
    centreReset = Signal()  # the call centre's state is gone (disconnected) or new (connected)
    errorOccurred = Signal(str)
    actionFinished = Signal(str, bool)  # intent name, succeeded (for tests and the status line)

    def __init__(
        self,
        *,
        connector: Connecting = DIRECT,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connector = connector
        self.centre: CentreClientLike | None = None
        self.store = CallStore(clock=clock)  # the panel's calls; the connector writes them
        self.store.subscribe(self._apply)
        self.manager: ManagerLike | None = None
        self.client: ClientLike | None = None
        self.client_config = ClientConfig()
        self.status = ConnectionStatus(LinkState.DISCONNECTED)
        self.offered: frozenset[Capability] = frozenset()
        self.why_not: dict[Capability, str] = {}
        self._tasks: set[asyncio.Task[object]] = set()
        self._dial_denial: Denial | None = Denial(Command.DIAL, Reason.NOT_CONNECTED)
        self.consulting: set[str] = set()  # calls with an attended transfer in progress
        # Whether the transfer dialplan presents our caller ID to outside numbers; False: an
        # outside party sees the transferred caller's own number (the transfer window says so).
        self.transfer_lines: bool | None = None
        self._update_offered()

    # -- task ownership ------------------------------------------------------------------------

    def spawn(self, coro: Coroutine[object, object, object], *, name: str) -> asyncio.Task[object]:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[object]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("task %s failed", task.get_name(), exc_info=exc)
            self.errorOccurred.emit(error_text(task.get_name(), exc))

    @property
    def tasks(self) -> frozenset[asyncio.Task[object]]:
        return frozenset(self._tasks)

    # -- connection ----------------------------------------------------------------------------

    def start(
        self, conn: ConnectionConfig, client: ClientConfig, centre: CentreConfig | None = None
    ) -> None:
        """Connect (in a task); a running connection must be stopped first."""
        if self.manager is not None:
            raise RuntimeError("the bridge is already connected; stop() it first")
        self.client_config = client
        link = self._connector.connect(
            conn, client, centre, self.handle_status, self.store, self.centreEvent.emit
        )
        self.manager, self.client, self.centre = link.manager, link.client, link.centre
        self.centreReset.emit()
        self._update_offered()
        self.spawn(self.manager.start(), name=QCoreApplication.translate("Bridge", "Connect"))

    async def stop(self, timeout: float = 3.0) -> None:
        """Log off and cancel what is left, bounded in time (aboutToQuit must not hang)."""
        manager, self.manager, self.client = self.manager, None, None
        self.centre = None
        if manager is not None:
            try:
                await asyncio.wait_for(manager.stop(), timeout)
            except (TimeoutError, AsteriskError, OSError) as exc:
                log.warning("logoff did not finish cleanly: %s", exc)
        pending = [t for t in self._tasks if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=timeout)
        # We stopped watching; the calls go on at the PBX, so they are not "ended" for the
        # history (a later resync reports how they really ended).
        for call in self.store.clear():
            self.consulting.discard(call.call_id)
            self.callDropped.emit(call)
        self.status = ConnectionStatus(LinkState.DISCONNECTED)
        self._update_offered()
        self.statusChanged.emit(self.status)
        self.centreReset.emit()

    async def restart(
        self, conn: ConnectionConfig, client: ClientConfig, centre: CentreConfig | None = None
    ) -> None:
        await self.stop()
        self.start(conn, client, centre)

    def retry(self) -> None:
        if self.manager is not None:
            self.spawn(
                self.manager.retry_now(), name=QCoreApplication.translate("Bridge", "Reconnect")
            )

    # -- callbacks from the manager --------------------------------------------------------------

    def handle_status(self, status: ConnectionStatus) -> None:
        came_up = status.state is LinkState.CONNECTED and self.status.state is not (
            LinkState.CONNECTED
        )
        if came_up and self.client is not None:
            # A new session: the admin may have widened the AMI user's rights meanwhile.
            self.client.forget_denials()
            self.transfer_lines = None
            self.spawn(
                self._read_transfer_lines(self.client),
                name=QCoreApplication.translate("Bridge", "Reading the transfer dialplan"),
            )
        if status.state is LinkState.CONNECTED and self.centre is not None:
            self.centre.forget_denials()  # the same for the call centre's commands
        self.status = status
        self._update_offered()
        self.statusChanged.emit(status)

    async def _read_transfer_lines(self, reader: ClientLike) -> None:
        # Quietly: not knowing only means the transfer window shows no warning.
        client = self.client
        try:
            found = await reader.transfer_lines_present()
        except (AsteriskError, OSError) as exc:
            log.info("transfer dialplan not readable: %s", exc)
            found = None
        if self.client is client:  # still the session that asked
            self.transfer_lines = found

    def _apply(self, change: CallChange) -> None:
        """What the store says changed, as Qt signals (the store calls this on every change)."""
        for call in (*change.updated, *change.ended):
            # back in conversation (cancelled) or gone (transferred): the consultation is over
            if call.call_id in self.consulting and call.state is not CallState.HOLD:
                self._set_consulting(call.call_id, False)
        for call in change.added:
            self.callAdded.emit(call)
            if call.direction is Direction.INCOMING:
                self.incomingCall.emit(call)
        for call in change.updated:
            self.callUpdated.emit(call)
        for call in change.ended:
            self.callEnded.emit(call)

    # -- what the panel may do -----------------------------------------------------------------

    def _update_offered(self) -> None:
        """What the buttons may do, and why not, from the client's one policy (calls.policy)."""
        connected = self.status.state is LinkState.CONNECTED and self.client is not None
        offered: frozenset[Capability] = frozenset()
        unavailable: Mapping[Command, Denial] = {}
        if connected and self.client is not None:
            try:
                offered = self.client.offered()
                unavailable = self.client.unavailable()
            except Exception:
                log.exception("the client could not say what it offers")
        why: dict[Capability, str] = {}
        for cap in Capability:
            if cap in offered:
                continue
            if not connected:
                why[cap] = denial_text(Denial(Command.ANSWER, Reason.NOT_CONNECTED))
                continue
            denial = next(
                (d for c, d in unavailable.items() if cap in COMMAND_CAPABILITIES.get(c, ())),
                None,
            )
            why[cap] = (
                denial_text(denial)
                if denial is not None
                else QCoreApplication.translate("Bridge", "This server does not allow it")
            )
        self._dial_denial = (
            unavailable.get(Command.DIAL)
            if connected
            else Denial(Command.DIAL, Reason.NOT_CONNECTED)
        )
        changed = offered != self.offered or why != self.why_not
        self.offered, self.why_not = offered, why
        if changed:
            self.offeredChanged.emit()
        allowed, reason = self.dial_allowed()
        self.dialAllowedChanged.emit(allowed, reason)

    def dial_allowed(self) -> tuple[bool, str]:
        denial = self._dial_denial
        if denial is None:
            return True, ""
        if denial.reason in (Reason.NOT_CONNECTED, Reason.PERMISSION_DENIED):
            return False, denial_text(denial)
        return False, QCoreApplication.translate(
            "Bridge", "Click-to-call is not available: %s"
        ) % denial_text(denial)

    def calls(self) -> list[Call]:
        return self.store.calls()

    # -- intents -------------------------------------------------------------------------------

    def _run(
        self, label: str, make: Callable[[ClientLike], Awaitable[object]], *, internal: str
    ) -> asyncio.Task[object]:
        async def go() -> None:
            client = self.client
            try:
                if client is None:
                    raise ConnectionLost("not connected")
                await make(client)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if isinstance(exc, PermissionDenied):
                    # the client's policy learnt it: disable what cannot work, with the reason
                    self._update_offered()
                if isinstance(exc, AsteriskError):
                    log.warning("%s failed: %s", internal, exc)
                else:
                    log.exception("%s failed", internal)
                self.errorOccurred.emit(error_text(label, exc))
                self.actionFinished.emit(internal, False)
                return
            self.actionFinished.emit(internal, True)

        return self.spawn(go(), name=internal)

    def answer(self, call_id: str) -> asyncio.Task[object]:
        return self._run(
            QCoreApplication.translate("Bridge", "Answer"),
            lambda c: c.answer(call_id),
            internal="answer",
        )

    def hold(self, call_id: str) -> asyncio.Task[object]:
        return self._run(
            QCoreApplication.translate("Bridge", "Hold"), lambda c: c.hold(call_id), internal="hold"
        )

    def unhold(self, call_id: str) -> asyncio.Task[object]:
        return self._run(
            QCoreApplication.translate("Bridge", "Unhold"),
            lambda c: c.unhold(call_id),
            internal="unhold",
        )

    def hangup(self, call_id: str) -> asyncio.Task[object]:
        return self._run(
            QCoreApplication.translate("Bridge", "Hang up"),
            lambda c: c.hangup(call_id),
            internal="hangup",
        )

    def _set_consulting(self, call_id: str, on: bool) -> None:
        if on == (call_id in self.consulting):
            return
        if on:
            self.consulting.add(call_id)
        else:
            self.consulting.discard(call_id)
        self.consultingChanged.emit(call_id, on)

    def cancel_transfer(self, call_id: str) -> asyncio.Task[object]:
        async def go(client: ClientLike) -> None:
            try:
                await client.cancel_atxfer(call_id)
            finally:
                # Done or not (the colleague may have hung up already): the button goes back to
                # Unhold, which always applies to a call we hold.
                self._set_consulting(call_id, False)

        return self._run(
            QCoreApplication.translate("Bridge", "Cancel transfer"), go, internal="cancel_atxfer"
        )

    def complete_transfer(self, call_id: str) -> asyncio.Task[object]:
        async def go(client: ClientLike) -> None:
            await client.complete_atxfer(call_id)
            self._set_consulting(call_id, False)

        return self._run(
            QCoreApplication.translate("Bridge", "Complete transfer"),
            go,
            internal="complete_atxfer",
        )

    def transfer(self, call_id: str, number: str, *, attended: bool) -> asyncio.Task[object]:
        if attended:

            async def go(client: ClientLike) -> None:
                await client.atxfer(call_id, number)
                if self.store.get(call_id) is not None:
                    self._set_consulting(call_id, True)

            return self._run(
                QCoreApplication.translate("Bridge", "Attended transfer"), go, internal="atxfer"
            )
        return self._run(
            QCoreApplication.translate("Bridge", "Transfer"),
            lambda c: c.transfer(call_id, number),
            internal="transfer",
        )

    def dtmf(self, call_id: str, digits: str) -> asyncio.Task[object]:
        return self._run(
            QCoreApplication.translate("Bridge", "Tones"),
            lambda c: c.dtmf(call_id, digits),
            internal="dtmf",
        )

    def dial(self, number: str, name: str = "") -> asyncio.Task[object]:
        """Click-to-call; the phone shows ``name`` (a contact's) with the number."""
        return self._run(
            QCoreApplication.translate("Bridge", "Call"),
            lambda c: c.dial(number, name),
            internal="dial",
        )
