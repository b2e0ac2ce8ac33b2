"""``callpanel hub``: one AMI session for every operator, spoken to the panels through MQTT.

::

    Asterisk ──AMI──▶ AsteriskManager ──▶ OperatorAdapters ──▶ per operator: adapter → CallStore
                            ▲                                          │ every change
                            │ actions                                  ▼
                 per operator: AsteriskClient ◀── cmd ── broker ◀── panels   calls/client ──▶ broker

The hub owns no call state of its own: each operator's calls live in that operator's
``CallStore``, written by that operator's adapter, exactly as on a panel in direct mode.

Commands are never queued: a command arrives, is checked (right hub run, AMI up, a call of
that operator) and run at once, or refused with the reason. Its id is remembered, so a
duplicate delivery (MQTT QoS 1 may deliver twice) gets the first answer again instead of a
second action.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiomqtt

from ..asterisk.adapter import AsteriskAdapter
from ..asterisk.backoff import backoff
from ..asterisk.centre_client import CentreClient
from ..asterisk.client import AsteriskClient
from ..asterisk.config import ClientConfig
from ..asterisk.errors import AsteriskError, ConnectionLost, InvalidInput
from ..asterisk.manager import AsteriskManager
from ..asterisk.status import ConnectionStatus, LinkState
from ..calls.events import ActiveCallSnapshot, CallEvent
from . import topics
from .centre_wire import PresenceMessage, QueuesMessage
from .centres import OperatorCentres
from .config import HubConfig
from .fanout import OperatorAdapters
from .mqtt import describe, is_auth_error
from .wire import (
    CENTRE_VERBS,
    CallsMessage,
    ClientState,
    CommandMessage,
    HubStatus,
    ResultMessage,
    WireError,
    decode,
    encode,
)

log = logging.getLogger(__name__)

REMEMBERED_COMMANDS = 256  # per operator: ids whose answer a duplicate gets again
QOS = 1
# Presence changes within this many seconds go out as one message: one call moves several
# hints at once, and every panel reads the whole list.
PRESENCE_COALESCE = 0.2
MAX_IN_FLIGHT = 200  # publishes awaiting their PUBACK before the hub waits for one
PROBE_TIMEOUT = 10.0  # seconds for the look at the retained hub status before connecting


class _Standby(Exception):
    """Another hub runs with our broker user: wait (backoff) and look again."""


class Outbox:
    """What the hub publishes, in order. Retained topics also keep their latest payload, so
    after a broker restart the hub republishes the current state instead of a backlog."""

    def __init__(self) -> None:
        self.retained: dict[str, bytes] = {}
        self._queue: asyncio.Queue[tuple[str, bytes, bool]] = asyncio.Queue()
        self.online = False

    def put(self, topic: str, payload: bytes, *, retain: bool) -> None:
        if retain:
            self.retained[topic] = payload
        if self.online:
            self._queue.put_nowait((topic, payload, retain))

    def clear(self, topic: str) -> None:
        """Delete the broker's retained message on ``topic`` (an empty retained payload), in
        order with everything else; not kept for a reconnect."""
        if self.online:
            self._queue.put_nowait((topic, b"", True))

    def connected(self, first: str) -> None:
        """The broker is back: drop the backlog, queue every retained topic (``first`` first)."""
        self._queue = asyncio.Queue()
        self.online = True
        order = sorted(self.retained, key=lambda t: t != first)
        for topic in order:
            self._queue.put_nowait((topic, self.retained[topic], True))

    def disconnected(self) -> None:
        self.online = False

    async def get(self) -> tuple[str, bytes, bool]:
        return await self._queue.get()

    def pending(self) -> int:
        return self._queue.qsize()


class Hub:
    def __init__(
        self,
        config: HubConfig,
        *,
        epoch: str | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 10.0,
        ami_backoff_base: float | None = None,
        ami_backoff_cap: float | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self.epoch = epoch or uuid.uuid4().hex[:16]  # this run of the hub
        self.fanout = OperatorAdapters(config.operators, self._on_call_event)
        self.centres = OperatorCentres(
            {name: config.centre_of(name) for name in config.operators},
            self._on_centre_changed,
            colleague_context=config.colleague_context,
        )
        for adapter in self.fanout.adapters.values():
            adapter.annotate = self._queue_annotator(adapter)  # a queue call's queue and wait
        every_endpoint = tuple(e for c in config.operators.values() for e in c.endpoints)
        manager_kwargs: dict[str, Any] = {}
        if ami_backoff_base is not None:
            manager_kwargs["backoff_base"] = ami_backoff_base
        if ami_backoff_cap is not None:
            manager_kwargs["backoff_cap"] = ami_backoff_cap
        self.manager = AsteriskManager(
            config.ami,
            ClientConfig(endpoints=every_endpoint),
            on_status=self._on_status,
            adapter_factory=lambda _client, _store: self.fanout,
            centre=self.centres,
            **manager_kwargs,
        )
        self.clients: dict[str, AsteriskClient] = {
            name: AsteriskClient(self.manager, self.fanout.adapters[name], cfg)
            for name, cfg in config.operators.items()
        }
        self.centre_clients: dict[str, CentreClient] = {
            name: CentreClient(
                self.manager,
                self.centres.operators[name],
                self.fanout.adapters[name],
                cfg,
                connected=lambda: self.manager.connected,
                colleagues=self.centres.building.state,
            )
            for name, cfg in config.operators.items()
        }
        self._presence_timer: asyncio.TimerHandle | None = None
        self._seq = dict.fromkeys(config.operators, 0)
        self._answers: dict[str, OrderedDict[str, ResultMessage | None]] = {
            name: OrderedDict() for name in config.operators
        }
        self._client_states: dict[str, ClientState] = {}
        self.outbox = Outbox()
        self.link = ConnectionStatus(LinkState.DISCONNECTED)
        self.broker_error: str | None = None
        self.broker_connected = asyncio.Event()
        self.commands_run = 0  # commands that reached the connector (tests, diagnostics)
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng
        self._stopping = False
        self._runner: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[object]] = set()
        self._mqtt: aiomqtt.Client | None = None
        self._publish_status()
        for name in config.operators:  # an earlier run's retained state is not ours
            self._publish_queues(name)
        self._publish_presence()

    # -- life ------------------------------------------------------------------------------

    async def start(self) -> None:
        self._stopping = False
        await self.manager.start()
        self._runner = asyncio.get_running_loop().create_task(
            self._broker_loop(), name="callpanel-hub-broker"
        )

    async def stop(self) -> None:
        """Say we are going (retained offline status), log off the broker and Asterisk."""
        self._stopping = True
        client = self._mqtt
        if client is not None:
            with contextlib.suppress(aiomqtt.MqttError, TimeoutError):
                status = HubStatus(False, self.epoch).to_json()
                await client.publish(topics.HUB_STATUS, encode(status), qos=QOS, retain=True)
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        if self._presence_timer is not None:
            self._presence_timer.cancel()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.manager.stop()

    async def run_forever(self) -> None:
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()

    # -- the broker --------------------------------------------------------------------------

    @property
    def _user(self) -> str:
        return self.config.broker.username or topics.DEFAULT_HUB_USER

    def _client(self) -> aiomqtt.Client:
        offline = encode(HubStatus(False, self.epoch).to_json())
        return aiomqtt.Client(
            identifier=self._user,
            will=aiomqtt.Will(topics.HUB_STATUS, offline, qos=QOS, retain=True),
            **self.config.broker.client_kwargs(),
        )

    async def _broker_loop(self) -> None:
        attempt = 0
        while not self._stopping:
            try:
                other = await self._other_hub()
                if other is not None:
                    self.broker_error = (
                        f"another hub (run {other}) is connected to the broker as "
                        f"{self._user}; this one waits until it stops"
                    )
                    log.error("%s", self.broker_error)
                    raise _Standby
                async with self._client() as client:
                    self._mqtt = client
                    await client.subscribe(topics.COMMAND_WILDCARD, qos=QOS)
                    self.broker_error = None
                    attempt = 0
                    self.outbox.connected(first=topics.HUB_STATUS)
                    self.broker_connected.set()
                    log.info(
                        "hub %s connected to the broker %s", self.epoch, self.config.broker.server
                    )
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._publisher(client))
                        group.create_task(self._reader(client))
            except* _Standby:
                pass
            except* aiomqtt.MqttError as group:
                exc = group.exceptions[0]
                self.broker_error = describe(exc)
                level = logging.ERROR if is_auth_error(exc) else logging.WARNING
                log.log(level, "broker %s: %s", self.config.broker.server, self.broker_error)
            finally:
                self._mqtt = None
                self.outbox.disconnected()
                self.broker_connected.clear()
            if self._stopping:
                return
            delay = backoff(attempt, self._backoff_base, self._backoff_cap, self._rng)
            attempt += 1
            await asyncio.sleep(delay)

    async def _other_hub(self) -> str | None:
        """The run id of another hub that is connected as our broker user, from the retained
        hub status (online, another run), or None. Both would act on every command, and the
        broker would hand the one client id back and forth between them: the hub that finds
        another one running waits (a standby that takes over once the other's will says it is
        gone). A marker published after subscribing tells "no retained status" without a
        timer: the broker sends the retained message at the subscribe, before the marker."""
        marker = f"{topics.ROOT}/hub-probe/{self.epoch}"
        probe = aiomqtt.Client(
            identifier=f"{self._user}-probe-{uuid.uuid4().hex[:8]}",
            **self.config.broker.client_kwargs(),
        )
        try:
            async with asyncio.timeout(PROBE_TIMEOUT), probe:
                await probe.subscribe([(topics.HUB_STATUS, QOS), (marker, QOS)])
                await probe.publish(marker, b"probe", qos=QOS)
                async for message in probe.messages:
                    if str(message.topic) != topics.HUB_STATUS or not message.payload:
                        return None
                    payload = message.payload
                    if not isinstance(payload, bytes | bytearray | str):
                        return None
                    status = HubStatus.from_json(decode(payload))
                    return status.hub if status.online and status.hub != self.epoch else None
        except (TimeoutError, WireError):
            return None  # a slow broker or a status we cannot read: connect as before
        return None

    async def _publisher(self, client: aiomqtt.Client) -> None:
        """Publish in order without waiting for each PUBACK: one broker round trip per
        message would cap the hub at 1/RTT messages a second, and under load the calls of
        every operator would queue behind it. The client library sends in call order, so
        order is kept; a lost link ends the session through the reader."""
        loop = asyncio.get_running_loop()
        in_flight: set[asyncio.Task[None]] = set()
        try:
            while True:
                topic, payload, retain = await self.outbox.get()
                task = loop.create_task(client.publish(topic, payload, qos=QOS, retain=retain))
                in_flight.add(task)
                task.add_done_callback(self._published)
                task.add_done_callback(in_flight.discard)
                if len(in_flight) >= MAX_IN_FLIGHT:
                    await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in in_flight:
                task.cancel()

    @staticmethod
    def _published(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.warning("publish failed: %s", task.exception())

    async def _reader(self, client: aiomqtt.Client) -> None:
        async for message in client.messages:
            if message.retain:
                self._refuse_retained(str(message.topic))
                continue
            payload = message.payload
            if not payload:
                continue  # a retained command deleted (by _refuse_retained): nothing to run
            if isinstance(payload, bytes | bytearray | str):
                self._on_command(str(message.topic), payload)

    # -- what the hub publishes ----------------------------------------------------------------

    def _publish_status(self) -> None:
        status = HubStatus(True, self.epoch, self.link)
        self.outbox.put(topics.HUB_STATUS, encode(status.to_json()), retain=True)

    def _on_status(self, status: ConnectionStatus) -> None:
        self.link = status
        if status.state is LinkState.CONNECTED:
            for client in self.clients.values():
                client.forget_denials()  # the admin may have widened the AMI user's rights
            for centre_client in self.centre_clients.values():
                centre_client.forget_denials()
            # Logged in again and resynced: every operator's current calls, at once.
            for name, adapter in self.fanout.adapters.items():
                self._publish_calls(name, None, adapter.store.snapshot())
        for name in self.clients:
            self._publish_client_state(name, force=status.state is LinkState.CONNECTED)
        self._publish_status()

    def _queue_annotator(self, adapter: AsteriskAdapter) -> Callable[[CallEvent], CallEvent]:
        def caller_of(call_id: str) -> str | None:
            legs = adapter.legs(call_id)
            return legs.remote_uniqueid if legs is not None else None

        return lambda event: self.centres.enrich(event, caller_of)

    def _on_centre_changed(self, operator: str | None, _events: object) -> None:
        if operator is not None:
            self._publish_queues(operator)
        elif self._presence_timer is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self._publish_presence()
                return
            self._presence_timer = loop.call_later(PRESENCE_COALESCE, self._publish_presence)

    def _publish_queues(self, operator: str) -> None:
        centre = self.centres.operators[operator]
        state = centre.state
        message = QueuesMessage(
            self.epoch,
            centre.config.extension,
            state.memberships,
            state.dnd,
            state.known_queues,
            state.agent_status,
            self.centre_clients[operator].permissions.denied(),
        )
        self._put_if_new(topics.queues(operator), encode(message.to_json()))

    def _publish_presence(self) -> None:
        self._presence_timer = None
        message = PresenceMessage(self.epoch, self.centres.building.state.colleagues)
        self._put_if_new(topics.PRESENCE, encode(message.to_json()))

    def _put_if_new(self, topic: str, payload: bytes) -> None:
        if self.outbox.retained.get(topic) != payload:
            self.outbox.put(topic, payload, retain=True)

    def _on_call_event(self, operator: str, event: CallEvent, listing: ActiveCallSnapshot) -> None:
        self._publish_calls(operator, event, listing)

    def _publish_calls(
        self, operator: str, event: CallEvent | None, listing: ActiveCallSnapshot
    ) -> None:
        self._seq[operator] += 1
        message = CallsMessage(self.epoch, self._seq[operator], event, listing)
        self.outbox.put(topics.calls(operator), encode(message.to_json()), retain=True)

    def _publish_client_state(self, operator: str, *, force: bool = False) -> None:
        client = self.clients[operator]
        try:
            state = ClientState(
                self.epoch,
                frozenset(c.value for c in client.offered()),
                dict(client.unavailable()),
            )
        except Exception:
            log.exception("capabilities of %s", operator)
            return
        if not force and self._client_states.get(operator) == state:
            return
        self._client_states[operator] = state
        self.outbox.put(topics.client(operator), encode(state.to_json()), retain=True)

    # -- commands ----------------------------------------------------------------------------

    def _refuse_retained(self, topic: str) -> None:
        """A command the broker kept (published with the retain flag) is a stored command: the
        broker would hand it to the hub again at every subscribe, a replay long after its
        sender pressed the button. Our panels never retain one; whatever did, it is not run
        and is deleted from the broker."""
        if topics.operator_of_command_topic(topic) is None:
            return
        log.warning("a retained command on %r was not run and is deleted", topic[:200])
        self.outbox.clear(topic)

    def _on_command(self, topic: str, payload: bytes | bytearray | str) -> None:
        operator = topics.operator_of_command_topic(topic)
        if operator is None or operator not in self.clients:
            log.warning("command on %r ignored: no such operator here", topic[:200])
            return
        try:
            obj = decode(payload)
        except WireError as exc:
            log.warning("command from %s ignored: %s", operator, exc)
            return
        try:
            command = CommandMessage.from_json(obj)
        except WireError as exc:
            raw_id = obj.get("id")
            if isinstance(raw_id, str) and 0 < len(raw_id) <= 64:
                refused = CommandMessage(raw_id, self.epoch, str(obj.get("verb"))[:32], None, None)
                self._answer(operator, ResultMessage.failure(refused, InvalidInput(str(exc))))
            else:
                log.warning("command from %s ignored: %s", operator, exc)
            return
        answers = self._answers[operator]
        if command.id in answers:  # a second delivery of the same command: never run twice
            earlier = answers[command.id]
            if earlier is not None:
                self._answer(operator, earlier)
            return
        answers[command.id] = None
        while len(answers) > REMEMBERED_COMMANDS:
            answers.popitem(last=False)
        self._spawn(self._run_command(operator, command), f"command-{operator}")

    async def _run_command(self, operator: str, command: CommandMessage) -> None:
        try:
            call = await self._execute(operator, command)
        except AsteriskError as exc:
            result = ResultMessage.failure(command, exc)
        except Exception as exc:  # never crash on a command; say what happened
            log.exception("command %r of %s failed", command.text, operator)
            result = ResultMessage.failure(command, AsteriskError(f"internal error: {exc}"))
        else:
            result = ResultMessage(command.id, command.text, True, call=call)
        self._answers[operator][command.id] = result
        self._answer(operator, result)
        self._publish_client_state(operator)
        if command.verb in CENTRE_VERBS:
            self._publish_queues(operator)  # what the AMI user was refused, learnt just now

    def _answer(self, operator: str, result: ResultMessage) -> None:
        self.outbox.put(topics.result(operator), encode(result.to_json()), retain=False)

    def _check_concerns(self, operator: str, command: CommandMessage) -> None:
        """A panel acts only on its own operator's calls. The call centre's commands act on
        the operator's own queue membership and DND; pickup is the one that reaches another's
        call, and only as offered: a colleague's call that is ringing now (the policy, in
        ``CentreClient``)."""
        if command.verb == "dial" or command.verb in CENTRE_VERBS:
            return
        if command.call not in self.fanout.adapters[operator].calls:
            raise InvalidInput(f"{command.call} is not a call of operator {operator}")

    async def _execute(self, operator: str, command: CommandMessage) -> str | None:
        if command.hub != self.epoch:
            raise ConnectionLost(
                "the command was meant for an earlier run of the hub; nothing was done"
            )
        if not self.manager.connected:
            raise ConnectionLost(
                f"the hub is not connected to Asterisk ({self.manager.status.state.value})"
            )
        self._check_concerns(operator, command)
        client = self.clients[operator]
        self.commands_run += 1
        if command.verb in CENTRE_VERBS:
            return await self._centre_command(self.centre_clients[operator], command)
        if command.verb == "dial":
            assert command.arg is not None
            # the name is checked by the client like any (clean, bounded, no controls)
            return await client.dial(command.arg, command.name or "")
        call, arg = command.call, command.arg
        assert call is not None
        simple: dict[str, Callable[[str], Awaitable[None]]] = {
            "answer": client.answer,
            "hold": client.hold,
            "unhold": client.unhold,
            "hangup": client.hangup,
            "cancel-atxfer": client.cancel_atxfer,
            "complete-atxfer": client.complete_atxfer,
        }
        with_arg: dict[str, Callable[[str, str], Awaitable[None]]] = {
            "transfer": client.transfer,
            "atxfer": client.atxfer,
            "dtmf": client.dtmf,
        }
        if command.verb in simple:
            await simple[command.verb](call)
        else:
            assert arg is not None
            await with_arg[command.verb](call, arg)
        return call

    async def _centre_command(self, centre: CentreClient, command: CommandMessage) -> str | None:
        verb, queue, arg = command.verb, command.queue, command.arg
        if verb == "login" and queue is not None:
            await centre.login(queue)
        elif verb == "logout" and queue is not None:
            await centre.logout(queue)
        elif verb == "pause":
            await centre.pause(queue, arg or "")
        elif verb == "unpause":
            await centre.unpause(queue)
        elif verb == "dnd":
            await centre.set_dnd(arg == "on")
        elif verb == "pickup" and arg is not None:
            return await centre.pickup(arg)
        return None

    def _spawn(self, coro: Coroutine[object, object, None], name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro, name=f"callpanel-hub-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
