"""Test doubles for the connector, for window tests driven by synthetic call events.
(The operator-loop tests use the real manager and client against the demo PBX.)"""

from __future__ import annotations

from collections.abc import Mapping

from callpanel.asterisk.config import ClientConfig, ConnectionConfig
from callpanel.asterisk.errors import AsteriskError, PermissionDenied
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import Capability
from callpanel.calls.policy import CallPolicy, Command, Denial
from callpanel.calls.store import CallStore
from callpanel.ui.bridge import Connector, QtConnector, StatusCallback


class FakeManager:
    def __init__(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        on_status: StatusCallback,
        store: CallStore,
    ) -> None:
        self.conn = conn
        self.on_status = on_status
        self.store = store
        self.status = ConnectionStatus(LinkState.DISCONNECTED)
        self.started = self.stopped = self.retries = 0

    def publish(self, state: LinkState, **kw: object) -> None:
        self.status = ConnectionStatus(state, server=f"{self.conn.host}:{self.conn.port}", **kw)  # type: ignore[arg-type]
        self.on_status(self.status)

    async def start(self) -> None:
        self.started += 1
        self.publish(LinkState.CONNECTED, server_version="18.26.4")

    async def stop(self) -> None:
        self.stopped += 1
        self.publish(LinkState.DISCONNECTED)

    async def retry_now(self) -> None:
        self.retries += 1


class FakeClient:
    """A ClientLike: records intents; ``limits`` are what the configuration makes impossible,
    and a PermissionDenied it is told to raise is learnt by its policy as the real one's is."""

    def __init__(
        self,
        offered: frozenset[Capability] = frozenset(Capability),
        limits: Mapping[Command, Denial] | None = None,
    ) -> None:
        self._offered = offered
        self.policy = CallPolicy(lambda: dict(limits or {}))
        self.calls: list[tuple[str, ...]] = []
        self.fail: AsteriskError | None = None
        self.dial_names: list[str] = []  # the name given with each dial, "" when none

    def offered(self) -> frozenset[Capability]:
        return self._offered & self.policy.offered()

    def unavailable(self) -> dict[Command, Denial]:
        return self.policy.unavailable()

    def forget_denials(self) -> None:
        self.policy.permissions.forget()

    async def transfer_lines_present(self) -> bool | None:
        return None  # as through the hub: not known, no warning in the transfer window

    async def _record(self, *what: str) -> None:
        self.calls.append(what)
        if isinstance(self.fail, PermissionDenied):
            self.policy.permissions.learn_denied(Command(what[0]), self.fail.message)
        if self.fail is not None:
            raise self.fail

    async def dial(self, number: str, name: str = "") -> str:
        self.dial_names.append(name)
        await self._record("dial", number)
        return "new"

    async def answer(self, call_id: str) -> None:
        await self._record("answer", call_id)

    async def hold(self, call_id: str) -> None:
        await self._record("hold", call_id)

    async def unhold(self, call_id: str) -> None:
        await self._record("unhold", call_id)

    async def hangup(self, call_id: str) -> None:
        await self._record("hangup", call_id)

    async def transfer(self, call_id: str, number: str) -> None:
        await self._record("transfer", call_id, number)

    async def atxfer(self, call_id: str, number: str) -> None:
        await self._record("atxfer", call_id, number)

    async def cancel_atxfer(self, call_id: str) -> None:
        await self._record("cancel_atxfer", call_id)

    async def complete_atxfer(self, call_id: str) -> None:
        await self._record("complete_atxfer", call_id)

    async def dtmf(self, call_id: str, digits: str) -> None:
        await self._record("dtmf", call_id, digits)


def fake_bridge(clock: object, client: FakeClient | None = None) -> tuple[QtConnector, FakeClient]:
    the_client = client or FakeClient()
    bridge = QtConnector(connector=fake_connector(the_client), clock=clock)  # type: ignore[arg-type]
    return bridge, the_client


def fake_connector(client: FakeClient | None = None) -> Connector[FakeManager]:
    """A FakeManager with ``client`` (a new FakeClient each time when None); no call centre."""
    return Connector(FakeManager, lambda _m, _c: client if client is not None else FakeClient())
