"""What a hostile server or peer costs the panel (issue 11): one figure per attack.

Run standalone from the repository root: ``.venv/bin/python bench/bench_hostile.py [NAME ...]``
(names: list, storm, banner, headers, config). Each attack runs in a fresh child process so
that memory figures are its own. Run it on an older checkout the same way to get the
"before" figure. Everything stays on 127.0.0.1 with OS-chosen ports.

* list: a ``CoreShowChannels`` reply whose items never end (at most 100 000 sent); figure:
  the client's peak RSS growth and how long until it gave up (the action timeout is 10 s).
* storm: a server that accepts the login and drops the link right after the resync; figure:
  connection attempts per second over 20 s with the default backoff.
* banner: a 64 KB and a 512 KB banner line fed one byte per read; figure: CPU seconds.
* headers: one ~1 MiB message of tiny ``a: b`` headers; figure: tracemalloc peak.
* config: a missing ``--cafile``; figure: connection attempts within 5 s.
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def attack_list() -> str:
    from callpanel.ami import Action
    from callpanel.asterisk.config import ConnectionConfig
    from callpanel.asterisk.connection import AsteriskConnection
    from tests.asterisk.amiserver import AmiServer, ServerOptions, channel

    item_fields = channel("1795755450.1", "SIP/102-00000001", number="102", name="Flood")
    sent = [0]

    async def endless(session, action):  # type: ignore[no-untyped-def]
        aid = action.action_id or ""
        await session.respond(action, "Success", ("EventList", "start"))
        batch = session.encode([("Event", "CoreShowChannel"), ("ActionID", aid), *item_fields])
        batch *= 500
        try:
            while not session.writer.is_closing() and sent[0] < 100_000:
                session.writer.write(batch)
                await session.writer.drain()
                sent[0] += 500
        except (ConnectionError, OSError):
            pass
        return True

    async with AmiServer(ServerOptions(handlers={"coreshowchannels": endless})) as server:
        config = ConnectionConfig(
            host="127.0.0.1", port=server.port, secret="callpanel-secret", ping_interval=0
        )
        conn = AsteriskConnection(config, on_event=lambda _e: None)
        await conn.open()
        before = _rss_mb()
        started = time.monotonic()
        try:
            await conn.send_list(Action.create("CoreShowChannels"))
            outcome = "completed?!"
        except Exception as exc:  # what the panel would see
            outcome = f"{type(exc).__name__}: {str(exc)[:90]}"
        seconds = time.monotonic() - started
        grown = _rss_mb() - before
        await conn.close()
    return (
        f"peak RSS +{grown:.0f} MB, {sent[0]} items sent, gave up after {seconds:.2f} s ({outcome})"
    )


async def attack_storm() -> str:
    from callpanel.asterisk.config import ClientConfig, ConnectionConfig
    from callpanel.asterisk.manager import AsteriskManager
    from tests.asterisk.amiserver import AmiServer, ServerOptions

    async def drop(session, action):  # type: ignore[no-untyped-def]
        aid = action.action_id or ""
        await session.respond(action, "Success", ("EventList", "start"))
        await session.event(
            "CoreShowChannelsComplete", ("ActionID", aid), ("EventList", "Complete")
        )
        session.close_now()
        return True

    async with AmiServer(ServerOptions(handlers={"coreshowchannels": drop})) as server:
        config = ConnectionConfig(host="127.0.0.1", port=server.port, secret="callpanel-secret")
        manager = AsteriskManager(
            config, ClientConfig(), on_status=lambda _s: None, on_call_event=lambda _e: None
        )
        await manager.start()
        await asyncio.sleep(20.0)
        attempts = manager.connection_attempts
        await manager.stop()
    return f"{attempts} connection attempts in 20 s = {attempts / 20:.2f}/s"


def attack_banner() -> str:
    from callpanel.ami import AmiParser, RemoteProtocolError

    out = []
    for size in (64 * 1024, 512 * 1024):
        parser = AmiParser()
        line = b"x" * size
        start = time.process_time()
        for i in range(size):
            parser.receive_data(line[i : i + 1])
            try:
                parser.next_message()
            except RemoteProtocolError:
                pass
        out.append(f"{size // 1024} KB: {time.process_time() - start:.2f} s")
    return ", ".join(out)


def attack_headers() -> str:
    from callpanel.ami import AmiParser, RemoteProtocolError

    message = b"Event: Flood\r\n" + b"a: b\r\n" * 174_000 + b"\r\n"
    parser = AmiParser(max_message_size=2 * 1024 * 1024)
    parser.receive_data(b"Asterisk Call Manager/7.0.3\r\n" + message)
    tracemalloc.start()
    try:
        while True:
            try:
                if parser.next_message() is None:
                    break
            except RemoteProtocolError:
                pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return f"{len(message) / 1024 / 1024:.2f} MiB message: tracemalloc peak {peak / 1e6:.1f} MB"


async def attack_config() -> str:
    from callpanel.asterisk.config import ClientConfig, ConnectionConfig
    from callpanel.asterisk.manager import AsteriskManager
    from tests.asterisk.amiserver import AmiServer

    async with AmiServer() as server:
        config = ConnectionConfig(
            host="127.0.0.1",
            port=server.port,
            secret="callpanel-secret",
            tls=True,
            cafile="/nonexistent/ca.pem",
        )
        states: list[str] = []
        manager = AsteriskManager(
            config,
            ClientConfig(),
            on_status=lambda s: states.append(s.state.value),
            on_call_event=lambda _e: None,
        )
        await manager.start()
        await asyncio.sleep(5.0)
        attempts = manager.connection_attempts
        await manager.stop()
    return f"{attempts} attempts in 5 s, last state {states[-2] if len(states) > 1 else '?'}"


ATTACKS = {
    "list": attack_list,
    "storm": attack_storm,
    "banner": attack_banner,
    "headers": attack_headers,
    "config": attack_config,
}


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--child":
        attack = ATTACKS[argv[1]]
        result = attack()
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        print(result)
        return 0
    for name in argv or list(ATTACKS):
        done = subprocess.run(
            [sys.executable, __file__, "--child", name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
        figure = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
        print(f"{name:>8}: {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
