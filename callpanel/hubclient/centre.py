"""The call centre on a panel connected to the hub: the same state, policy and commands the
UI glue uses in direct mode (``CentreState``, ``centre_denial``, the shape of ``CentreClient``).

:class:`HubCentre` keeps the panel's one :class:`CentreState` from the hub's two retained
topics: the operator's ``queues`` (memberships, DND, every queue name) and the shared
``presence`` (colleagues, pauses and DND already laid over). The state's own diffing turns
each whole message into the same events as in direct mode, so the window cannot tell.

:class:`HubCentreClient` asks the policy first, on the panel, exactly as in direct mode (the
control is greyed with the same words), then sends the command to the hub, which asks again
against its own state before anything reaches Asterisk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..asterisk.centre_client import CentreRefused
from ..asterisk.presence import pickup_devices
from ..asterisk.status import LinkState
from ..asterisk.validate import check_extension, check_pause_reason, check_queue_name
from ..calls.policy import Command, Denial
from ..centre import CentreEvent, CentreState, centre_denial
from ..hub.centre_wire import PresenceMessage, QueuesMessage

if TYPE_CHECKING:
    from .link import HubLink

log = logging.getLogger(__name__)


class HubCentre:
    """The panel's call-centre state, as the hub last said it."""

    def __init__(self) -> None:
        self.state = CentreState()
        self.extension = ""  # the operator's own, left out of the colleagues
        self.denied: Mapping[Command, str] = {}
        self.on_events: Callable[[Sequence[CentreEvent]], None] = lambda _events: None

    def apply_queues(self, message: QueuesMessage) -> None:
        self.denied = dict(message.denied)
        events: list[CentreEvent] = []
        if message.extension != self.extension:
            self.extension = message.extension
            if message.extension:
                events += self.state.remove_colleague(message.extension)
        events += self.state.set_dnd(message.dnd)  # before the pauses: DND shows as DND
        self.state.set_known_queues(message.known_queues)
        events += self.state.replace_members((m, True) for m in message.memberships)
        self._emit(events)

    def apply_presence(self, message: PresenceMessage) -> None:
        own = self.extension
        self._emit(
            self.state.replace_colleagues(c for c in message.colleagues if c.extension != own)
        )

    def _emit(self, events: Sequence[CentreEvent]) -> None:
        if not events:
            return
        try:
            self.on_events(events)
        except Exception:
            log.exception("call-centre listener failed")


class HubCentreClient:
    """The operator's call-centre commands, through the hub (the shape of ``CentreClient``)."""

    def __init__(self, link: HubLink) -> None:
        self._link = link

    @property
    def centre(self) -> HubCentre:
        return self._link.centre

    def denial(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> Denial | None:
        state = self.centre.state
        devices = None
        if command is Command.PICKUP and extension is not None:
            colleague = state.colleague(extension)
            devices = pickup_devices(colleague) if colleague is not None else ()
        return centre_denial(
            command,
            state,
            queue=queue,
            extension=extension,
            connected=self._link.status.state is LinkState.CONNECTED,
            denied=self.centre.denied,
            pickup_devices=devices,
        )

    def forget_denials(self) -> None:
        """The hub forgets them itself when it logs in to Asterisk again."""

    async def login(self, queue: str) -> None:
        queue = check_queue_name(queue)
        self._check(Command.QUEUE_LOGIN, queue=queue)
        await self._link.command("login", None, None, queue=queue)

    async def logout(self, queue: str) -> None:
        queue = check_queue_name(queue)
        self._check(Command.QUEUE_LOGOUT, queue=queue)
        await self._link.command("logout", None, None, queue=queue)

    async def pause(self, queue: str | None, reason: str = "") -> None:
        reason = check_pause_reason(reason)
        queue = check_queue_name(queue) if queue is not None else None
        self._check(Command.PAUSE, queue=queue)
        await self._link.command("pause", None, reason or None, queue=queue)

    async def unpause(self, queue: str | None) -> None:
        queue = check_queue_name(queue) if queue is not None else None
        self._check(Command.UNPAUSE, queue=queue)
        await self._link.command("unpause", None, None, queue=queue)

    async def set_dnd(self, on: bool) -> None:
        self._check(Command.DND)
        await self._link.command("dnd", None, "on" if on else "off")

    async def pickup(self, extension: str) -> str:
        extension = check_extension(extension)
        self._check(Command.PICKUP, extension=extension)
        result = await self._link.command("pickup", None, extension)
        return result.call or ""

    def _check(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> None:
        denial = self.denial(command, queue=queue, extension=extension)
        if denial is not None:
            raise CentreRefused(denial)
