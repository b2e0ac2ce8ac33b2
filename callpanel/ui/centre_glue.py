"""Qt glue for the call centre: the bridge's centre events as signals, the operator's
call-centre intents as tasks the bridge owns. No state of its own: it reads the one
``CentreState`` of the connector (empty while disconnected)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Signal

from ..asterisk.centre_client import CentreRefused
from ..asterisk.errors import (
    AsteriskError,
    ConnectionLost,
    InvalidQueueValue,
    PermissionDenied,
    QueueRefused,
)
from ..calls.policy import Command, Denial, Reason
from ..centre import (
    AgentStatus,
    AgentStatusChanged,
    CentreState,
    ColleagueChanged,
    QueueMembershipChanged,
)
from .bridge import CentreClientLike, QtConnector, error_text
from .centre_words import queue_answer_text, queue_value_text
from .reasons import denial_text

log = logging.getLogger(__name__)


class CentreGlue(QObject):
    statusChanged = Signal(object)  # AgentStatus
    membershipsChanged = Signal()
    colleagueChanged = Signal(object, bool)  # Colleague, removed
    colleaguesReset = Signal()
    availabilityChanged = Signal()  # connection or permissions changed: re-ask refusal()

    def __init__(self, bridge: QtConnector, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._empty = CentreState()
        bridge.centreEvent.connect(self._event)
        bridge.centreReset.connect(self._reset)
        bridge.statusChanged.connect(self._link_changed)  # a bound slot: gone with the glue

    # ------------------------------------------------------------------ reading

    @property
    def client(self) -> CentreClientLike | None:
        return self.bridge.centre

    @property
    def state(self) -> CentreState:
        client = self.client
        return client.centre.state if client is not None else self._empty

    @property
    def status(self) -> AgentStatus:
        return self.state.agent_status

    def denial(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> Denial | None:
        client = self.client
        if client is None:
            return Denial(command, Reason.NOT_CONNECTED)
        return client.denial(command, queue=queue, extension=extension)

    def why_not(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> str:
        """The reason in the operator's language, or "" when the command can run now."""
        found = self.denial(command, queue=queue, extension=extension)
        return denial_text(found) if found is not None else ""

    # ------------------------------------------------------------------ intents

    def login(self, queue: str) -> asyncio.Task[object]:
        return self._run(self.tr("Log in to queue"), lambda c: c.login(queue), "queue-login")

    def logout(self, queue: str) -> asyncio.Task[object]:
        return self._run(self.tr("Log out of queue"), lambda c: c.logout(queue), "queue-logout")

    def pause(self, queue: str | None, reason: str) -> asyncio.Task[object]:
        return self._run(self.tr("Pause"), lambda c: c.pause(queue, reason), "pause")

    def unpause(self, queue: str | None) -> asyncio.Task[object]:
        return self._run(self.tr("Resume"), lambda c: c.unpause(queue), "unpause")

    def set_dnd(self, on: bool) -> asyncio.Task[object]:
        return self._run(self.tr("Do not disturb"), lambda c: c.set_dnd(on), "dnd")

    def become_available(self) -> asyncio.Task[object]:
        """The status control's "Available": DND off, then resume in every queue."""

        async def go(client: CentreClientLike) -> None:
            state = client.centre.state
            if state.dnd:
                await client.set_dnd(False)
            if any(m.paused for m in state.memberships):
                await client.unpause(None)

        return self._run(self.tr("Available"), go, "available")

    def pause_everywhere(self, reason: str) -> asyncio.Task[object]:
        async def go(client: CentreClientLike) -> None:
            if client.centre.state.dnd:
                await client.set_dnd(False)
            await client.pause(None, reason)

        return self._run(self.tr("Pause"), go, "pause")

    def pickup(self, extension: str) -> asyncio.Task[object]:
        return self._run(self.tr("Pick up"), lambda c: c.pickup(extension), "pickup")

    def _run(
        self, label: str, make: Callable[[CentreClientLike], Awaitable[object]], internal: str
    ) -> asyncio.Task[object]:
        async def go() -> None:
            client = self.client
            try:
                if client is None:
                    raise ConnectionLost("not connected")
                await make(client)
            except asyncio.CancelledError:
                raise
            except CentreRefused as exc:  # the policy said no: its words, not the connector's
                words = denial_text(exc.denial) if exc.denial is not None else str(exc)
                self.bridge.errorOccurred.emit(f"{label}: {words}")
                self.bridge.actionFinished.emit(internal, False)
                return
            except InvalidQueueValue as exc:  # refused before anything was sent
                self.bridge.errorOccurred.emit(f"{label}: {queue_value_text(exc)}")
                self.bridge.actionFinished.emit(internal, False)
                return
            except QueueRefused as exc:  # Asterisk's answer in words, its own text kept
                log.warning("%s failed: %s", internal, exc)
                words = queue_answer_text(exc.answer)
                self.bridge.errorOccurred.emit(f"{label}: {words} ({exc.asterisk_text})")
                self.bridge.actionFinished.emit(internal, False)
                return
            except Exception as exc:
                if isinstance(exc, PermissionDenied):
                    self.availabilityChanged.emit()
                if isinstance(exc, AsteriskError):
                    log.warning("%s failed: %s", internal, exc)
                else:
                    log.exception("%s failed", internal)
                self.bridge.errorOccurred.emit(error_text(label, exc))
                self.bridge.actionFinished.emit(internal, False)
                return
            self.bridge.actionFinished.emit(internal, True)

        return self.bridge.spawn(go(), name=internal)

    # ------------------------------------------------------------------ events

    def _event(self, event: object) -> None:
        if isinstance(event, QueueMembershipChanged):
            self.membershipsChanged.emit()
        elif isinstance(event, AgentStatusChanged):
            self.statusChanged.emit(event.status)
        elif isinstance(event, ColleagueChanged):
            self.colleagueChanged.emit(event.colleague, event.removed)

    def _link_changed(self, _status: object) -> None:
        self.availabilityChanged.emit()

    def _reset(self) -> None:
        self.membershipsChanged.emit()
        self.colleaguesReset.emit()
        self.statusChanged.emit(self.status)
        self.availabilityChanged.emit()
