"""The panel connected to ``callpanel hub`` instead of Asterisk.

:class:`HubLink` stands where ``AsteriskManager`` stands in direct mode: it publishes a
``ConnectionStatus`` and writes the operator's calls into the panel's one ``CallStore`` (from
the hub's retained ``calls`` topic). :class:`HubClient` stands where ``AsteriskClient``
stands: the same methods, the same typed errors, but each command goes to the hub.

A command is sent only while broker, hub and the hub's AMI link are all up; otherwise it is
refused at once with the reason (``ConnectionLost``). It is never queued: if the hub does not
answer in time, or the link to it drops while it runs, the operator is told to check the call.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Callable

import aiomqtt

from ..asterisk.backoff import backoff
from ..asterisk.config import ConnectionConfig
from ..asterisk.errors import ActionTimeout, ConnectionLost
from ..asterisk.status import ConnectionStatus, LinkState
from ..calls.events import Capability
from ..calls.policy import Command, Denial
from ..calls.store import CallStore
from ..hub import topics
from ..hub.centre_wire import PresenceMessage, QueuesMessage
from ..hub.mqtt import BrokerConfig, describe, is_auth_error
from ..hub.wire import (
    CallsMessage,
    ClientState,
    CommandMessage,
    HubStatus,
    ResultMessage,
    WireError,
    decode,
    encode,
)
from .centre import HubCentre

log = logging.getLogger(__name__)

QOS = 1
StatusCallback = Callable[[ConnectionStatus], None]


class HubLink:
    """One operator's panel on the broker: status, calls in, commands out."""

    def __init__(
        self,
        broker: BrokerConfig,
        operator: str,
        store: CallStore,
        on_status: StatusCallback,
        *,
        command_timeout: float = 15.0,
        backoff_base: float = 0.5,
        backoff_cap: float = 3.0,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.broker = broker
        self.operator = topics.check_operator(operator)
        self.store = store
        self._on_status = on_status
        self.command_timeout = command_timeout
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng
        self.status = ConnectionStatus(LinkState.DISCONNECTED, server=self._server)
        self.hub: HubStatus | None = None  # the hub's retained status, None until we hear it
        self.client_state: ClientState | None = None
        self.centre = HubCentre()  # queues, agent status and colleagues, as the hub says
        self._calls_at: tuple[str, int] | None = None  # (hub run, seq) last applied
        self._mqtt: aiomqtt.Client | None = None
        self._pending: dict[str, asyncio.Future[ResultMessage]] = {}
        self._runner: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._broker_error: str | None = None
        self._retry_in: float | None = None
        self._auth_failed = False
        self.messages_refused = 0  # malformed messages from the broker (diagnostics, tests)

    @property
    def _server(self) -> str:
        return f"callpanel hub via {self.broker.server}"

    # -- ManagerLike ---------------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None and not self._runner.done():
            return
        self._stopping = False
        self._runner = asyncio.get_running_loop().create_task(
            self._loop(), name=f"callpanel-hublink-{self.operator}"
        )

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        self._fail_pending("the panel stopped")
        self._mqtt = None
        self._publish(ConnectionStatus(LinkState.DISCONNECTED, server=self._server))

    async def retry_now(self) -> None:
        if self._runner is None or self._runner.done():
            await self.start()
        else:
            self._wake.set()

    # -- the broker connection -----------------------------------------------------------------

    async def _loop(self) -> None:
        attempt = 0
        while not self._stopping:
            self._auth_failed = False
            self._retry_in = None
            self._refresh(connecting=True)
            try:
                client = aiomqtt.Client(
                    identifier=f"{self.operator}-{uuid.uuid4().hex[:12]}",
                    **self.broker.client_kwargs(),
                )
                async with client:
                    await client.subscribe(
                        [
                            (topics.HUB_STATUS, QOS),
                            (topics.calls(self.operator), QOS),
                            (topics.client(self.operator), QOS),
                            (topics.result(self.operator), QOS),
                            (topics.queues(self.operator), QOS),
                            (topics.PRESENCE, QOS),
                        ]
                    )
                    self._mqtt = client
                    self._broker_error = None
                    attempt = 0
                    self._refresh()
                    async for message in client.messages:
                        self._on_message(str(message.topic), message.payload)
            except (aiomqtt.MqttError, OSError) as exc:
                self._broker_error = describe(exc)
                self._auth_failed = is_auth_error(exc)
                log.warning("broker %s: %s", self.broker.server, self._broker_error)
            finally:
                self._mqtt = None
                self.hub = None  # we hear the hub again from its retained status
                self._fail_pending(
                    "the link to the broker dropped while the command ran; "
                    "check the call before retrying"
                )
            if self._stopping:
                return
            self._wake.clear()
            if self._auth_failed:
                self._refresh()
                await self._wake.wait()  # a new password: retry_now()
                continue
            delay = backoff(attempt, self._backoff_base, self._backoff_cap, self._rng)
            attempt += 1
            self._retry_in = round(delay, 3)
            self._refresh()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._wake.wait()

    def _on_message(self, topic: str, payload: object) -> None:
        if not isinstance(payload, bytes | bytearray | str):
            return
        if not payload:  # a retained topic cleared
            return
        try:
            obj = decode(payload)
            if topic == topics.HUB_STATUS:
                self._on_hub_status(HubStatus.from_json(obj))
            elif topic == topics.calls(self.operator):
                self._on_calls(CallsMessage.from_json(obj))
            elif topic == topics.client(self.operator):
                self.client_state = ClientState.from_json(obj)
                self._refresh(force=True)
            elif topic == topics.queues(self.operator):
                self.centre.apply_queues(QueuesMessage.from_json(obj))
            elif topic == topics.PRESENCE:
                self.centre.apply_presence(PresenceMessage.from_json(obj))
            elif topic == topics.result(self.operator):
                result = ResultMessage.from_json(obj)
                future = self._pending.get(result.id)
                if future is not None and not future.done():
                    future.set_result(result)
        except WireError as exc:
            self.messages_refused += 1
            log.warning("message on %s refused: %s", topic[:200], exc)

    def _on_hub_status(self, status: HubStatus) -> None:
        was_online = self.hub is not None and self.hub.online
        self.hub = status
        if was_online and not status.online:
            self._fail_pending(
                "the hub went away while the command ran; check the call before retrying"
            )
        self._refresh()

    def _on_calls(self, message: CallsMessage) -> None:
        at = self._calls_at
        if at is not None and at[0] == message.hub:
            if message.seq <= at[1]:
                return  # the retained copy of what we already have, or an old one
            if message.seq == at[1] + 1 and message.event is not None:
                self.store.apply(message.event)  # the exact step, with its end reason
        self._calls_at = (message.hub, message.seq)
        self.store.apply(message.listing)  # the hub's word on what is live now

    # -- status --------------------------------------------------------------------------------

    def _refresh(self, *, connecting: bool = False, force: bool = False) -> None:
        server = self._server
        hub = self.hub
        if self._mqtt is None:
            if self._auth_failed:
                status = ConnectionStatus(
                    LinkState.AUTH_FAILED, server=server, error=self._broker_error
                )
            elif connecting:
                status = ConnectionStatus(
                    LinkState.CONNECTING, server=server, error=self._broker_error
                )
            else:
                status = ConnectionStatus(
                    LinkState.RECONNECTING,
                    server=server,
                    retry_in=self._retry_in,
                    error=f"broker: {self._broker_error or 'not connected'}",
                )
        elif hub is None or not hub.online:
            status = ConnectionStatus(
                LinkState.RECONNECTING, server=server, error="the callpanel hub is not running"
            )
        elif hub.link is None or hub.link.state is not LinkState.CONNECTED:
            what = hub.link.state.value if hub.link is not None else "unknown"
            why = f": {hub.link.error}" if hub.link is not None and hub.link.error else ""
            status = ConnectionStatus(
                LinkState.RECONNECTING,
                server=server,
                error=f"the hub is not connected to Asterisk ({what}{why})",
            )
        else:
            status = ConnectionStatus(
                LinkState.CONNECTED,
                server=server,
                server_version=hub.link.server_version,
                ami_version=hub.link.ami_version,
                error=hub.link.error,
            )
        if force or status != self.status:
            self._publish(status)

    def _publish(self, status: ConnectionStatus) -> None:
        self.status = status
        try:
            self._on_status(status)
        except Exception:
            log.exception("on_status handler failed")

    # -- commands --------------------------------------------------------------------------------

    def _why_not_now(self) -> str | None:
        if self._mqtt is None:
            return f"not connected to the broker ({self._broker_error or 'connecting'})"
        if self.hub is None or not self.hub.online:
            return "the callpanel hub is not running"
        if self.hub.link is None or self.hub.link.state is not LinkState.CONNECTED:
            return "the hub is not connected to Asterisk"
        return None

    async def command(
        self,
        verb: str,
        call: str | None,
        arg: str | None,
        *,
        queue: str | None = None,
        name: str | None = None,
    ) -> ResultMessage:
        """Send one command and wait for the hub's answer; a refusal raises its typed error."""
        why = self._why_not_now()
        client, hub = self._mqtt, self.hub
        if why is not None or client is None or hub is None:
            raise ConnectionLost(f"{why}; nothing was sent")
        message = CommandMessage(uuid.uuid4().hex, hub.hub, verb, call, arg, queue, name)
        future: asyncio.Future[ResultMessage] = asyncio.get_running_loop().create_future()
        self._pending[message.id] = future
        try:
            try:
                await client.publish(
                    topics.command(self.operator), encode(message.to_json()), qos=QOS
                )
            except aiomqtt.MqttError as exc:
                raise ConnectionLost(f"the command could not be sent: {describe(exc)}") from None
            try:
                async with asyncio.timeout(self.command_timeout):
                    result = await future
            except TimeoutError:
                raise ActionTimeout(
                    "the hub did not answer in time; check the call before retrying"
                ) from None
        finally:
            self._pending.pop(message.id, None)
        if not result.ok:
            raise result.exception()
        return result

    def _fail_pending(self, why: str) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ConnectionLost(why))


def broker_config(conn: ConnectionConfig) -> BrokerConfig:
    """The panel's connection settings read as the broker's: host and port of the broker, the
    operator's name as user name, the secret from the keyring as password, TLS, CA file and
    the client certificate (a broker with ``require_certificate`` takes its CN as the user)."""
    return BrokerConfig(
        host=conn.host,
        port=conn.port,
        username=conn.username,
        password=conn.secret,
        tls=conn.tls,
        cafile=conn.cafile,
        certfile=conn.client_certfile,
        keyfile=conn.client_keyfile,
    )


class HubClient:
    """The operator's buttons, through the hub (the interface of ``AsteriskClient``)."""

    def __init__(self, link: HubLink) -> None:
        self._link = link

    def _state(self) -> ClientState | None:
        state = self._link.client_state
        hub = self._link.hub
        if state is None or hub is None or state.hub != hub.hub:
            return None  # what an earlier run of the hub said no longer holds
        return state

    def offered(self) -> frozenset[Capability]:
        state = self._state()
        if state is None:
            return frozenset()
        return frozenset(c for c in Capability if c.value in state.offered)

    def unavailable(self) -> dict[Command, Denial]:
        state = self._state()
        if state is None:
            return {}
        return dict(state.unavailable)

    def forget_denials(self) -> None:
        """The hub forgets them itself when it logs in to Asterisk again."""

    async def transfer_lines_present(self) -> bool | None:
        """Not known here: the hub's own transfer_context decides (the panel cannot read the
        hub's dialplan), so the transfer window shows no caller-ID warning."""
        return None

    async def dial(self, number: str, name: str = "") -> str:
        # the name (a contact's) goes along: the operator's phone shows whom it calls
        result = await self._link.command("dial", None, number, name=name or None)
        return result.call or ""

    async def answer(self, call_id: str) -> None:
        await self._link.command("answer", call_id, None)

    async def hold(self, call_id: str) -> None:
        await self._link.command("hold", call_id, None)

    async def unhold(self, call_id: str) -> None:
        await self._link.command("unhold", call_id, None)

    async def hangup(self, call_id: str) -> None:
        await self._link.command("hangup", call_id, None)

    async def transfer(self, call_id: str, number: str) -> None:
        await self._link.command("transfer", call_id, number)

    async def atxfer(self, call_id: str, number: str) -> None:
        await self._link.command("atxfer", call_id, number)

    async def cancel_atxfer(self, call_id: str) -> None:
        await self._link.command("cancel-atxfer", call_id, None)

    async def complete_atxfer(self, call_id: str) -> None:
        await self._link.command("complete-atxfer", call_id, None)

    async def dtmf(self, call_id: str, digits: str) -> None:
        await self._link.command("dtmf", call_id, digits)
