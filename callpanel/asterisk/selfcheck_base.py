"""What every part of the AMI set-up check shares: the run's lines, the events it has seen,
waiting for the ones a probe provokes, and the recommended manager.conf lines."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ..ami import Action, Event, EventList
from .checklines import (
    MANAGER_RELOAD,
    CheckLine,
    Finding,
    Fix,
    FixFile,
    FixNote,
    Status,
    Topic,
)
from .config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from .connection import AsteriskConnection
from .errors import ActionFailed

PROBE_TIMEOUT = 5.0
PROBE_CONTEXT = "callpanel-check-no-such-context"
READ_LINE = "read = call,agent,system"


def uses_notify(client: ClientConfig) -> bool:
    return (
        client.answer_strategy is AnswerStrategy.PHONE_NOTIFY
        or client.hold_strategy is HoldStrategy.PHONE_NOTIFY
    )


def techs(client: ClientConfig) -> list[str]:
    found: list[str] = []
    for endpoint in client.endpoints:
        tech = endpoint.split("/", 1)[0].upper()
        if tech not in found:
            found.append(tech)
    return found


def write_line(client: ClientConfig) -> str:
    """The recommended write classes for these methods (agent: the call centre's queues)."""
    classes = ["call", "originate", "reporting", "agent"]
    if uses_notify(client):
        classes.append("system")
    return "write = " + ",".join(classes)


class CheckRun:
    """The state of one check run; the checks themselves are in its subclasses."""

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

    @property
    def _user(self) -> str:
        return self.connection_config.username

    def _manager_fix(self, *lines: str, note: FixNote | None = None) -> Fix:
        return Fix(FixFile.MANAGER, self._user, tuple(lines), MANAGER_RELOAD, note)

    def _add(self, line: CheckLine) -> None:
        self.lines.append(line)
        if self._on_line is not None:
            self._on_line(line)

    async def _list_or_skip(
        self, conn: AsteriskConnection, action: str, topic: Topic
    ) -> EventList | None:
        """The list ``action`` answers; None (and the topic skipped, with Asterisk's answer)
        when it refuses."""
        try:
            return await conn.send_list(Action.create(action))
        except ActionFailed as exc:
            self._add(CheckLine(topic, Status.SKIPPED, Finding.ACTION_FAILED, facts=(str(exc),)))
            return None

    def _on_event(self, event: Event) -> None:
        self._events.append(event)
        self._event_arrived.set()

    async def _wait_for(self, done: Callable[[], bool], timeout: float) -> None:
        try:
            async with asyncio.timeout(timeout):
                while not done():
                    self._event_arrived.clear()
                    await self._event_arrived.wait()
        except TimeoutError:
            pass
