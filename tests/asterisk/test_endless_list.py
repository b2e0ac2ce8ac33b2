"""Issue 11 item 2: an event list that never completes is refused at its limit (a protocol
error that ends the session), instead of growing memory until the action times out."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from callpanel.ami import Action, AmiParser, EventListAssembler, EventListTooLarge, Response
from callpanel.asterisk.config import ConnectionConfig
from callpanel.asterisk.connection import AsteriskConnection
from callpanel.asterisk.errors import ConnectionLost

from .amiserver import AmiServer, ClientAction, ServerOptions, ServerSession, channel

pytestmark = pytest.mark.timeout(30)

ITEM = channel("1795755450.1", "SIP/102-00000001", number="102", name="Flood")


def endless(sent: list[int]) -> object:
    async def handler(session: ServerSession, action: ClientAction) -> bool:
        aid = action.action_id or ""
        await session.respond(action, "Success", ("EventList", "start"), ("Message", "follows"))
        item = session.encode([("Event", "CoreShowChannel"), ("ActionID", aid), *ITEM])
        batch = item * 200
        try:
            while not session.writer.is_closing() and sent[0] < 2_000_000:
                session.writer.write(batch)
                await session.writer.drain()
                sent[0] += 200
        except (ConnectionError, OSError):
            pass
        return True

    return handler


@pytest.mark.asyncio
async def test_a_list_that_never_completes_ends_the_session_at_its_limit() -> None:
    sent = [0]
    options = ServerOptions(handlers={"coreshowchannels": endless(sent)})  # type: ignore[dict-item]
    async with AmiServer(options) as server:
        config = ConnectionConfig(
            host="127.0.0.1",
            port=server.port,
            secret="callpanel-secret",
            ping_interval=0,
            action_timeout=20.0,
            max_list_items=1000,
        )
        conn = AsteriskConnection(config, on_event=lambda _: None)
        await conn.open()
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(ConnectionLost, match="event list"):
            await conn.send_list(Action.create("CoreShowChannels"))
        assert loop.time() - started < config.action_timeout  # not the timeout: the limit
        reason = await conn.closed
        assert isinstance(reason, ConnectionLost) and "longer than 1000 items" in str(reason)
        assert sent[0] < 2_000_000  # the server was cut off, not drained


def test_the_assembler_refuses_past_either_limit() -> None:
    data = (
        b"Response: Success\r\nActionID: a\r\nEventList: start\r\n\r\n"
        + b"Event: CoreShowChannel\r\nActionID: a\r\nChannel: SIP/1-1\r\n\r\n" * 5
    )
    messages = AmiParser(expect_banner=False).feed(data)
    for limits in ({"max_items": 3}, {"max_bytes": 100}):
        lists = EventListAssembler(**limits)  # type: ignore[arg-type]
        first = messages[0]
        assert isinstance(first, Response) and lists.start(first)
        with pytest.raises(EventListTooLarge):
            for item in messages[1:]:
                lists.add(item)  # type: ignore[arg-type]
        assert len(lists) == 0  # forgotten: late items are not collected any more
        assert lists.add(messages[-1]) == (False, None)  # type: ignore[arg-type]


def test_the_defaults_hold_a_large_real_list() -> None:
    config = replace(ConnectionConfig())
    assert config.max_list_items >= 10_000
    assert config.max_list_bytes >= 4 * 1024 * 1024
