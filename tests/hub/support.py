"""Helpers for the hub tests: a panel without a window (HubLink + HubClient + CallStore) and
waiting for a condition that is re-checked whenever the panel hears something."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from callpanel.asterisk.config import (
    AnswerStrategy,
    ClientConfig,
    ConnectionConfig,
    HoldStrategy,
)
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import CallState
from callpanel.calls.model import Call
from callpanel.calls.store import CallChange, CallStore
from callpanel.hub.config import HubConfig
from callpanel.hubclient import HubClient, HubLink
from callpanel.sim import SimPbx

from .broker import Broker


class Changes:
    """An event that is set whenever something changed; ``until`` re-checks on each."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def poke(self, *_args: object) -> None:
        self._event.set()

    async def until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._event.clear()
                if predicate():
                    return
                await self._event.wait()


@dataclass
class Panel:
    link: HubLink
    client: HubClient
    store: CallStore
    changes: Changes
    statuses: list[ConnectionStatus] = field(default_factory=list)
    changes_seen: list[CallChange] = field(default_factory=list)

    @property
    def state(self) -> LinkState:
        return self.link.status.state

    def calls(self) -> list[Call]:
        return self.store.calls()

    def one(self) -> Call:
        calls = self.calls()
        assert len(calls) == 1, calls
        return calls[0]

    async def until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        await self.changes.until(predicate, timeout)

    async def until_connected(self, timeout: float = 10.0) -> None:
        await self.until(
            lambda: self.state is LinkState.CONNECTED and bool(self.client.offered()), timeout
        )

    async def until_state(self, call_id: str, state: CallState, timeout: float = 10.0) -> None:
        await self.until(
            lambda: (c := self.store.get(call_id)) is not None and c.state is state, timeout
        )


def make_panel(broker: Broker, operator: str, *, command_timeout: float = 10.0) -> Panel:
    store = CallStore()
    changes = Changes()
    statuses: list[ConnectionStatus] = []
    seen: list[CallChange] = []

    def on_status(status: ConnectionStatus) -> None:
        statuses.append(status)
        changes.poke()

    def on_change(change: CallChange) -> None:
        seen.append(change)
        changes.poke()

    store.subscribe(on_change)
    link = HubLink(
        broker.config_for(operator),
        operator,
        store,
        on_status,
        command_timeout=command_timeout,
        backoff_base=0.05,
        backoff_cap=0.5,
    )
    return Panel(link, HubClient(link), store, changes, statuses, seen)


OPERATORS = {"alice": "101", "bob": "102"}


def hub_config(sim: SimPbx, broker: Broker, *, ami_port: int | None = None) -> HubConfig:
    tech = sim.config.tech
    return HubConfig(
        ami=ConnectionConfig(
            host="127.0.0.1",
            port=ami_port or sim.port,
            secret="callpanel-secret",
            connect_timeout=2.0,
            action_timeout=3.0,
            ping_interval=0.5,
            ping_timeout=1.0,
        ),
        broker=broker.config_for("callpanel-hub"),
        operators={
            name: ClientConfig(
                endpoints=(f"{tech}/{ext}",),
                answer_strategy=AnswerStrategy.PHONE_NOTIFY,
                hold_strategy=HoldStrategy.PHONE_NOTIFY,
            )
            for name, ext in OPERATORS.items()
        },
    )
