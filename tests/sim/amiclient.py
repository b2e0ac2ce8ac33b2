"""A minimal real-socket AMI client for the simulator tests, built from ``callpanel.ami``."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from collections.abc import Callable, Mapping

from callpanel.ami import Action, AmiParser, Banner, Event, LineEnding, Response, serialize_action

TIMEOUT = 5.0


class AmiTestClient:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.parser = AmiParser()
        self.banner: Banner | None = None
        self.events: list[Event] = []
        self.responses: dict[str, Response] = {}
        self.raw = bytearray()
        self.closed = asyncio.get_running_loop().create_future()
        self._changed = asyncio.Event()
        self._ids = itertools.count(1)
        self._task = asyncio.create_task(self._read())
        self.line_ending = LineEnding.CRLF

    @classmethod
    async def connect(cls, port: int, host: str = "127.0.0.1") -> AmiTestClient:
        reader, writer = await asyncio.open_connection(host, port)
        client = cls(reader, writer)
        await client.wait_for(lambda: client.banner is not None)
        return client

    async def _read(self) -> None:
        try:
            while True:
                data = await self.reader.read(65536)
                if not data:
                    break
                self.raw += data
                for msg in self.parser.feed(data):
                    if isinstance(msg, Banner):
                        self.banner = msg
                    elif isinstance(msg, Event):
                        self.events.append(msg)
                    elif msg.action_id is not None:
                        self.responses[msg.action_id] = msg
                self._changed.set()
        except (ConnectionError, OSError):
            pass
        finally:
            if not self.closed.done():
                self.closed.set_result(None)
            self._changed.set()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        async def loop() -> None:
            while not predicate():
                if self.closed.done() and not predicate():
                    raise ConnectionError("connection closed while waiting")
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(loop(), timeout)

    def write(self, action: Action) -> None:
        self.writer.write(serialize_action(action, self.line_ending))

    async def send(
        self, name: str, fields: Mapping[str, str] | None = None, /, **kw: str
    ) -> Response:
        action_id = f"t-{next(self._ids)}"
        self.write(Action.create(name, {**(fields or {}), **kw}, action_id=action_id))
        await self.wait_for(lambda: action_id in self.responses)
        return self.responses[action_id]

    async def login(self, user: str = "callpanel", secret: str = "callpanel-secret") -> Response:
        return await self.send("Login", Username=user, Secret=secret)

    async def login_md5(
        self, user: str = "callpanel", secret: str = "callpanel-secret"
    ) -> Response:
        challenge = await self.send("Challenge", AuthType="MD5")
        key = hashlib.md5(((challenge.get("Challenge") or "") + secret).encode()).hexdigest()
        return await self.send("Login", AuthType="MD5", Username=user, Key=key)

    def list_items(self, action_id: str) -> list[Event]:
        return [e for e in self.events if e.action_id == action_id]

    async def send_list(self, name: str, **kw: str) -> tuple[Response, list[Event]]:
        response = await self.send(name, **kw)
        aid = response.action_id or ""
        await self.wait_for(lambda: any(e.completes_event_list for e in self.list_items(aid)))
        return response, self.list_items(aid)

    async def wait_event(self, name: str, timeout: float = TIMEOUT, **headers: str) -> Event:
        def match() -> Event | None:
            for e in self.events:
                if e.name == name and all(e.get(k) == v for k, v in headers.items()):
                    return e
            return None

        await self.wait_for(lambda: match() is not None, timeout)
        found = match()
        assert found is not None
        return found

    def names(self) -> list[str]:
        return [e.name for e in self.events]

    async def close(self) -> None:
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 1.0)
        except (ConnectionError, OSError, TimeoutError):
            pass
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
