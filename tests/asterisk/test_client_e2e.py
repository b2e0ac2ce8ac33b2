"""AsteriskClient end to end: AsteriskManager + AsteriskAdapter over TCP against the SimPbx.

Each test drives the simulated PBX, presses the panel's buttons through the client and waits
(with timeouts, never sleeps) for the call-model events that Asterisk's answer causes. A small
loopback proxy between the panel and the simulator records every byte the panel writes, so the
injection tests can show that nothing reached the socket, and can cut the link mid-command.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import (
    AnswerStrategy,
    ClientConfig,
    ConnectionConfig,
    HoldStrategy,
)
from callpanel.asterisk.errors import (
    ActionFailed,
    ActionTimeout,
    ConnectionLost,
    InvalidInput,
    PermissionDenied,
)
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import (
    CallEvent,
    CallState,
    Capability,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from callpanel.directory.dialrules import DialRules
from callpanel.sim.config import SimConfig
from callpanel.sim.flows import MAIN_NUMBER
from callpanel.sim.pbx import SimPbx

pytestmark = [pytest.mark.asyncio, pytest.mark.timeout(30)]

WAIT = 5.0  # seconds; every wait normally ends within a few simulated milliseconds
CALLER = "+79161234567"


class Proxy:
    """127.0.0.1 TCP proxy: records client->server bytes; can swallow actions or cut the link."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.sent = bytearray()  # everything the panel wrote
        self.swallow: str | None = None  # an action name not to forward
        self.cut_on: str | None = None  # close both sides when this action passes
        self.swallowed = asyncio.Event()
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        self._writers += [writer, up_writer]
        down = asyncio.create_task(self._pipe(up_reader, writer, record=False))
        self._tasks.add(down)
        await self._pipe(reader, up_writer, record=True)
        down.cancel()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, record: bool
    ) -> None:
        try:
            while True:
                block = await reader.readuntil(b"\r\n\r\n") if record else await reader.read(65536)
                if not block:
                    break
                if record:
                    self.sent += block
                    text = block.decode("utf-8", "replace")
                    if self.cut_on and f"Action: {self.cut_on}\r\n" in text:
                        self.close_all()
                        return
                    if self.swallow and f"Action: {self.swallow}\r\n" in text:
                        self.swallowed.set()
                        continue
                writer.write(block)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    def close_all(self) -> None:
        for writer in self._writers:
            with contextlib.suppress(Exception):
                writer.close()

    async def stop(self) -> None:
        self.close_all()
        for task in self._tasks:
            task.cancel()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def actions(self) -> list[str]:
        text = self.sent.decode("utf-8", "replace")
        return [
            line.split(": ", 1)[1] for line in text.split("\r\n") if line.startswith("Action: ")
        ]


class Panel:
    """Manager + client wired like the UI does it; call events land in a queue."""

    def __init__(self, manager: AsteriskManager, client: AsteriskClient, proxy: Proxy) -> None:
        self.manager = manager
        self.client = client
        self.proxy = proxy
        self.events: list[CallEvent] = []
        self._waiters: list[tuple[Callable[[CallEvent], bool], asyncio.Future[CallEvent]]] = []

    def on_event(self, event: CallEvent) -> None:
        self.events.append(event)
        for pred, fut in list(self._waiters):
            if not fut.done() and pred(event):
                fut.set_result(event)

    async def wait(self, pred: Callable[[CallEvent], bool], what: str) -> CallEvent:
        for event in self.events:
            if pred(event):
                return event
        fut: asyncio.Future[CallEvent] = asyncio.get_running_loop().create_future()
        self._waiters.append((pred, fut))
        try:
            return await asyncio.wait_for(fut, WAIT)
        except TimeoutError:
            raise AssertionError(f"no {what}; events: {self.events}") from None

    async def next(self, kind: type[Any], call_id: str, after: int = 0, **fields: Any) -> Any:
        def pred(event: CallEvent) -> bool:
            if not isinstance(event, kind) or getattr(event, "call_id", None) != call_id:
                return False
            return all(getattr(event, k) == v for k, v in fields.items())

        start = len(self.events) if after < 0 else after
        for event in self.events[start:]:
            if pred(event):
                return event
        fut: asyncio.Future[CallEvent] = asyncio.get_running_loop().create_future()
        self._waiters.append((pred, fut))
        try:
            return await asyncio.wait_for(fut, WAIT)
        except TimeoutError:
            raise AssertionError(
                f"no {kind.__name__} {fields} for {call_id}: {self.events}"
            ) from None

    async def ringing(self) -> str:
        event = await self.wait(lambda e: isinstance(e, RingStarted), "RingStarted")
        assert isinstance(event, RingStarted)
        return event.call_id

    def state(self, call_id: str) -> CallState | None:
        call = self.manager.adapter.calls.get(call_id)
        return call.state if call else None


@contextlib.asynccontextmanager
async def panel(
    *,
    dialect: str = "18",
    pjsip: bool = False,
    answer: AnswerStrategy = AnswerStrategy.NONE,
    hold: HoldStrategy = HoldStrategy.NONE,
    username: str = "callpanel",
    secret: str = "callpanel-secret",
    action_timeout: float = 5.0,
    endpoints: tuple[str, ...] | None = None,
    dial_rules: DialRules | None = None,
    **sim_options: Any,
) -> AsyncIterator[tuple[SimPbx, Panel]]:
    sim = SimPbx(SimConfig(dialect=dialect, pjsip=pjsip, time_scale=0.01, **sim_options))
    await sim.start(host="127.0.0.1", port=0)
    proxy = Proxy(sim.port)
    port = await proxy.start()
    tech = "PJSIP" if (pjsip or dialect == "22") else "SIP"
    client_config = dataclasses.replace(
        ClientConfig(),
        endpoints=endpoints or (f"{tech}/101",),
        answer_strategy=answer,
        hold_strategy=hold,
        dial_rules=dial_rules or DialRules(),
    )
    conn = ConnectionConfig(
        host="127.0.0.1",
        port=port,
        username=username,
        secret=secret,
        action_timeout=action_timeout,
    )
    connected = asyncio.get_running_loop().create_future()

    def on_status(status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED and not connected.done():
            connected.set_result(status)

    holder: list[Panel] = []
    manager = AsteriskManager(
        conn,
        client_config,
        on_status=on_status,
        on_call_event=lambda e: holder[0].on_event(e),
    )
    client = AsteriskClient(manager, manager.adapter, client_config)
    holder.append(Panel(manager, client, proxy))
    await manager.start()
    try:
        await asyncio.wait_for(connected, WAIT)
        yield sim, holder[0]
    finally:
        await manager.stop()
        await proxy.stop()
        await sim.stop()


async def answered_incoming_call(sim: SimPbx, p: Panel) -> str:
    """Ivan Petrov calls, 101 picks up on the handset; returns the call id once TALKING."""
    await sim.incoming_call(number=CALLER, name="Ivan Petrov", to="SIP/101")
    call_id = await p.ringing()
    await sim.phone(p.client.config.endpoints[0]).answer()
    await p.next(CommutationStarted, call_id)
    return call_id


# ------------------------------------------------------------------ click-to-call


@pytest.mark.parametrize("dialect", ["13", "18", "22"])
async def test_dial_rings_the_operator_then_the_number(dialect: str) -> None:
    async with panel(dialect=dialect) as (_sim, p):
        call_id = await p.client.dial("7 (499) 765-43-21")
        ring = await p.next(RingStarted, call_id)
        assert ring.direction is Direction.OUTGOING
        assert ring.number == "74997654321"
        await p.next(CommutationStarted, call_id)  # operator picked up, remote answered
        await p.client.hangup(call_id)
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.COMPLETED
        originate = p.proxy.sent.decode().split("Action: Originate\r\n", 1)[1].split("\r\n\r\n")[0]
        assert "Async: true" in originate
        assert f"ChannelId: {call_id}" in originate


async def test_calling_back_a_plus7_caller_follows_the_demo_dialling_rules() -> None:
    """The demo's trunk takes 8XXXXXXXXXX: dialled exactly as received, +7… is refused."""
    async with panel() as (_sim, p):
        with pytest.raises(ActionFailed) as info:
            await p.client.dial(CALLER)
        assert "Extension does not exist" in info.value.message
    rules = DialRules.from_texts(["+7=8"], region="RU")
    async with panel(dial_rules=rules) as (_sim, p):
        call_id = await p.client.dial(CALLER)
        ring = await p.next(RingStarted, call_id)
        assert ring.number == "89161234567"
        await p.next(CommutationStarted, call_id)
        await p.client.hangup(call_id)
        await p.next(RingFinished, call_id)
        assert "Exten: 89161234567\r\n" in p.proxy.sent.decode()


# ------------------------------------------------------------------ answer


@pytest.mark.parametrize(("dialect", "pjsip"), [("13", False), ("18", False), ("18", True)])
async def test_answer_phone_notify(dialect: str, pjsip: bool) -> None:
    async with panel(dialect=dialect, pjsip=pjsip, answer=AnswerStrategy.PHONE_NOTIFY) as (
        sim,
        p,
    ):
        tech = "PJSIP" if pjsip else "SIP"
        await sim.incoming_call(number=CALLER, name="Ivan Petrov", to=f"{tech}/101")
        call_id = await p.ringing()
        before = len(p.proxy.actions())  # the login's phone check (a Getvar) is done by now
        await p.client.answer(call_id)
        await p.next(CommutationStarted, call_id)
        expected = ["PJSIPNotify"] if pjsip else ["Getvar", "SIPnotify"]
        sent = p.proxy.actions()[before:]
        assert [a for a in sent if a in ("Getvar", "SIPnotify", "PJSIPNotify")] == expected


async def test_phone_notify_offered_on_22_for_pjsip_endpoints() -> None:
    async with panel(dialect="22", answer=AnswerStrategy.PHONE_NOTIFY) as (_sim, p):
        # 22 has no chan_sip, but the operator here is PJSIP/101: notify is possible
        assert Capability.ANSWER in p.client.offered()
        assert p.manager.version_tuple == (22, 10, 1)


@pytest.mark.parametrize(
    ("dialect", "endpoint", "answer"),
    [("13", "SIP/101", True), ("18", "SIP/101", True), ("22", "SIP/101", False)],
)
async def test_offered_follows_the_servers_version(
    dialect: str, endpoint: str, answer: bool
) -> None:
    async with panel(
        dialect=dialect, endpoints=(endpoint,), answer=AnswerStrategy.PHONE_NOTIFY
    ) as (_sim, p):
        assert p.manager.version_tuple is not None
        assert p.manager.version_tuple[0] == int(dialect)
        assert (Capability.ANSWER in p.client.offered()) is answer
        assert p.client.can_cancel_atxfer  # 13.38.3, 18.26.4 and 22.10.1 all have it


@pytest.mark.parametrize("dialect", ["13", "18", "22"])
async def test_answer_pbx_bridge(dialect: str) -> None:
    async with panel(dialect=dialect, answer=AnswerStrategy.PBX_BRIDGE) as (sim, p):
        await sim.incoming_call(number=CALLER, name="Ivan Petrov", to="SIP/101")
        call_id = await p.ringing()
        await p.client.answer(call_id)
        await p.next(CommutationStarted, call_id)
        assert p.state(call_id) is CallState.TALKING
        assert "Application: Bridge" in p.proxy.sent.decode()
        # the auto-answered second leg joins the same call: still one call on the panel
        # (the caller dialled the main number, which the call keeps as where it came from)
        assert [e for e in p.events if isinstance(e, RingStarted)] == [
            RingStarted(call_id, Direction.INCOMING, CALLER, "Ivan Petrov", False,
                        dialled=MAIN_NUMBER)
        ]
        assert list(p.manager.adapter.calls) == [call_id]
        await p.client.hangup(call_id)
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.COMPLETED


# ------------------------------------------------------------------ hold / unhold


@pytest.mark.parametrize(
    ("hold", "dialect", "pjsip"),
    [
        (HoldStrategy.PHONE_NOTIFY, "13", False),
        (HoldStrategy.PHONE_NOTIFY, "18", False),
        (HoldStrategy.PHONE_NOTIFY, "18", True),
        (HoldStrategy.PHONE_NOTIFY, "22", True),
        (HoldStrategy.PBX_MOH, "13", False),
        (HoldStrategy.PBX_MOH, "18", False),
        (HoldStrategy.PBX_MOH, "22", True),
    ],
)
async def test_hold_and_unhold(hold: HoldStrategy, dialect: str, pjsip: bool) -> None:
    async with panel(hold=hold, dialect=dialect, pjsip=pjsip) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        mark = len(p.events)
        await p.client.hold(call_id)
        held = await p.next(PutHoldAction, call_id, after=mark)
        assert held.by is HoldBy.OPERATOR
        assert p.state(call_id) is CallState.HOLD
        await p.client.unhold(call_id)
        await p.next(EndHoldAction, call_id, after=mark)
        assert p.state(call_id) is CallState.TALKING
        await sim.remote_hangup(CALLER)
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.COMPLETED


async def test_pbx_moh_resume_calls_the_operator_back_after_they_hung_up() -> None:
    async with panel(hold=HoldStrategy.PBX_MOH) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.hold(call_id)
        await p.next(PutHoldAction, call_id)
        await sim.phone("SIP/101").hangup()  # the operator puts the handset down

        def operator_leg_gone() -> bool:
            legs = p.manager.adapter.legs(call_id)
            return legs is not None and not legs.operator_channel

        await asyncio.wait_for(_until(operator_leg_gone), WAIT)
        assert p.state(call_id) is CallState.HOLD  # the caller still waits on music
        mark = len(p.events)
        await p.client.unhold(call_id)
        await p.next(EndHoldAction, call_id, after=mark)
        assert p.state(call_id) is CallState.TALKING
        assert p.proxy.actions().count("Originate") == 1  # the auto-answer call-back


async def test_pbx_park_hold_parks_the_caller() -> None:
    async with panel(hold=HoldStrategy.PBX_PARK) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.hold(call_id)
        park = p.proxy.sent.decode().split("Action: Park\r\n", 1)[1].split("\r\n\r\n")[0]
        assert "Channel: SIP/trunk-00000000" in park
        assert "TimeoutChannel: SIP/101-00000001" in park

        def parked() -> list[dict[str, str]]:
            return [dict(e.headers) for e in sim.event_log if e.name == "ParkedCall"]

        await asyncio.wait_for(_until(lambda: bool(parked())), WAIT)
        assert parked()[0]["ParkeeChannel"] == "SIP/trunk-00000000"


async def test_pbx_park_hold_and_resume_show_in_the_call_model() -> None:
    async with panel(hold=HoldStrategy.PBX_PARK) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.hold(call_id)
        held = await p.next(PutHoldAction, call_id)
        assert held.by is HoldBy.OPERATOR
        assert p.state(call_id) is CallState.HOLD
        await p.client.unhold(call_id)
        await p.next(EndHoldAction, call_id)
        assert p.state(call_id) is CallState.TALKING
        assert p.proxy.actions()[-3:] == ["Park", "ParkedCalls", "Originate"]
        assert "Application: ParkedCall\r\nData: default,701\r\n" in p.proxy.sent.decode()
        assert list(p.manager.adapter.calls) == [call_id]  # the call-back joined the call
        await sim.remote_hangup(CALLER)
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.COMPLETED


# ------------------------------------------------------------------ transfers, DTMF, hangup


async def test_blind_transfer() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.transfer(call_id, "102")
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.TRANSFERRED


async def test_blind_transfer_during_pbx_moh_hold_redirects_the_caller() -> None:
    async with panel(hold=HoldStrategy.PBX_MOH) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.hold(call_id)
        await p.next(PutHoldAction, call_id)
        await p.client.transfer(call_id, "102")
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.TRANSFERRED
        assert p.proxy.actions()[-2:] == ["Hangup", "Redirect"]


async def test_attended_transfer_then_cancel() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.atxfer(call_id, "102")
        await p.next(PutHoldAction, call_id)
        mark = len(p.events)
        await p.client.cancel_atxfer(call_id)
        await p.next(EndHoldAction, call_id, after=mark)
        assert p.state(call_id) is CallState.TALKING


async def test_attended_transfer_completed_by_hanging_up() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.atxfer(call_id, "102")
        await p.next(PutHoldAction, call_id)
        consult = await p.wait(
            lambda e: isinstance(e, CommutationStarted) and e.call_id != call_id,
            "the consultation call connected",
        )
        await p.client.hangup(consult.call_id)  # hanging up completes the transfer
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.TRANSFERRED


async def test_dtmf_digits_reach_the_channel_in_order() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.dtmf(call_id, "1*9#")
        assert p.proxy.actions().count("PlayDTMF") == 4

        def digits() -> list[tuple[str, str, str]]:
            return [
                (h.get("Channel", ""), h.get("Digit", ""), h.get("Direction", ""))
                for h in (dict(e.headers) for e in sim.event_log if e.name == "DTMFEnd")
            ]

        await asyncio.wait_for(_until(lambda: len(digits()) == 4), WAIT)
        # sent out of the caller's channel: the caller (or its IVR) hears them
        assert digits() == [("SIP/trunk-00000000", d, "Sent") for d in "1*9#"]


async def _until(check: Callable[[], bool]) -> None:
    while not check():
        await asyncio.sleep(0.001)


async def test_hangup_of_a_ringing_call_rejects_it() -> None:
    async with panel() as (sim, p):
        await sim.incoming_call(number=CALLER, name="Ivan Petrov", to="SIP/101")
        call_id = await p.ringing()
        await p.client.hangup(call_id)
        end = await p.next(RingFinished, call_id)
        assert end.reason is EndReason.REJECTED


# ------------------------------------------------------------------ errors


async def test_permission_denied_for_the_limited_user() -> None:
    async with panel(username="callpanel_limited", secret="callpanel-limited-secret") as (
        sim,
        p,
    ):
        call_id = await answered_incoming_call(sim, p)
        with pytest.raises(PermissionDenied) as info:
            await p.client.hangup(call_id)
        assert "Permission denied" in info.value.message
        assert Capability.HANGUP not in p.client.offered()
        # write=originate is allowed: click-to-call still works for this user
        assert p.client.can_dial
        await p.client.dial("74997654321")


async def test_asterisk_says_no() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        with pytest.raises(ActionFailed) as info:
            await p.client.transfer(call_id, "999")  # no such extension in "internal"
        assert info.value.action == "BlindTransfer"
        assert info.value.message == "Transfer failed"  # Asterisk's own words
        assert p.state(call_id) is CallState.TALKING  # nothing changed


async def test_action_timeout() -> None:
    async with panel(action_timeout=0.2) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        p.proxy.swallow = "Hangup"
        with pytest.raises(ActionTimeout):
            await p.client.hangup(call_id)
        assert p.proxy.swallowed.is_set()


async def test_connection_lost_mid_command() -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        p.proxy.cut_on = "Hangup"
        with pytest.raises(ConnectionLost):
            await p.client.hangup(call_id)


@pytest.mark.parametrize(
    "number",
    ["101\r\nAction: Originate", "100&PJSIP/trunk", "+79161234567;ext=12", "١٠١", "101@default"],
)
async def test_injection_never_reaches_the_socket(number: str) -> None:
    async with panel() as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        before = bytes(p.proxy.sent)
        with pytest.raises(InvalidInput):
            await p.client.dial(number)
        with pytest.raises(InvalidInput):
            await p.client.transfer(call_id, number)
        with pytest.raises(InvalidInput):
            await p.client.atxfer(call_id, number)
        with pytest.raises(InvalidInput):
            await p.client.dtmf(call_id, number)
        # prove the link is alive and in order: the next real command gets through
        await p.client.hangup(call_id)
        await p.next(RingFinished, call_id)
        written = bytes(p.proxy.sent)[len(before) :].decode()
        assert written.count("Action: ") == 1
        assert "Action: Hangup\r\n" in written


async def test_blind_transfer_of_a_parked_call_redirects_it() -> None:
    async with panel(hold=HoldStrategy.PBX_PARK) as (sim, p):
        call_id = await answered_incoming_call(sim, p)
        await p.client.hold(call_id)
        await p.next(PutHoldAction, call_id)
        await p.client.transfer(call_id, "102")
        end = await p.next(RingFinished, call_id)
        assert p.proxy.actions()[-1] == "Redirect"
        assert end.reason is EndReason.TRANSFERRED


async def test_phone_that_ignores_notify_gives_a_clear_error() -> None:
    async with panel(answer=AnswerStrategy.PHONE_NOTIFY, pjsip=True, phone_notify=False) as (
        sim,
        p,
    ):
        await sim.incoming_call(number=CALLER, name="Ivan Petrov", to="PJSIP/101")
        call_id = await p.ringing()
        with pytest.raises(ActionFailed) as info:
            await p.client.answer(call_id)
        assert info.value.action == "PJSIPNotify"
        assert "489" in info.value.message  # the simulated phone's "Bad Event", verbatim
        assert p.state(call_id) is CallState.RINGING
