"""What ``AsteriskClient`` relies on, as structural protocols.

``AsteriskManager`` is a :class:`Sender`; ``AsteriskAdapter`` (with ``calls.model.Call`` and
``CallLegs``) is an :class:`AdapterView`. Tests pass small fakes that satisfy the same shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ..ami import Action, EventList, Response
from ..calls.events import CallState, Direction, HoldBy

__all__ = ["AdapterView", "CallView", "LegsView", "Sender"]


class Sender(Protocol):
    """What the client needs from the link; ``AsteriskManager`` satisfies it."""

    async def send(self, action: Action, *, timeout: float | None = None) -> Response: ...

    async def send_list(self, action: Action, *, timeout: float | None = None) -> EventList: ...

    @property
    def version_tuple(self) -> tuple[int, ...] | None: ...


class CallView(Protocol):
    """The parts of ``calls.model.Call`` the client reads."""

    @property
    def state(self) -> CallState: ...

    @property
    def direction(self) -> Direction: ...

    @property
    def number(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def held_by(self) -> HoldBy | None: ...


class LegsView(Protocol):
    """The parts of ``asterisk.adapter.CallLegs`` the client reads."""

    @property
    def operator_channel(self) -> str: ...

    @property
    def operator_uniqueid(self) -> str: ...

    @property
    def remote_channel(self) -> str | None: ...

    @property
    def remote_uniqueid(self) -> str | None: ...

    @property
    def bridge_id(self) -> str | None: ...


class AdapterView(Protocol):
    """The parts of ``AsteriskAdapter`` the client uses."""

    @property
    def calls(self) -> Mapping[str, CallView]: ...

    def legs(self, call_id: str) -> LegsView | None: ...

    def expect_originate(
        self, channel_id: str, number: str, *, call_id: str | None = None
    ) -> None: ...

    def expect_transfer(self, call_id: str, expected: bool = True) -> None: ...
