"""Asterisk's CPU with N panels, direct (N AMI sessions) vs through the hub (one AMI session,
N panels on Mosquitto); event → panel latency; the hub's and the broker's CPU, the hub's memory.

Needs a real Asterisk build (the lab's, ``--prefix``) and Mosquitto. The load is the same in
every run: ``--rate`` calls a second for ``--seconds``, each a Local-channel call to one of 300
operator "phones" (``Local/1000@agents`` …, ring 1 s, talk 2 s), placed through call files
so that the load itself holds no AMI session. Asterisk's CPU is read from /proc for the load
and 5 s of drain.

    .venv/bin/python bench/bench_hub.py                       # N = 1, 50, 150, 300
    .venv/bin/python bench/bench_hub.py --panels 300 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _asterisk_lab import DEFAULT_PREFIX, SECRET, USER, LabAsterisk  # noqa: E402

from callpanel.asterisk.config import ClientConfig, ConnectionConfig  # noqa: E402
from callpanel.asterisk.manager import AsteriskManager  # noqa: E402
from callpanel.asterisk.status import ConnectionStatus, LinkState  # noqa: E402
from callpanel.calls.events import RingStarted  # noqa: E402
from callpanel.calls.store import CallChange, CallStore  # noqa: E402
from callpanel.hubclient import HubLink  # noqa: E402
from tests.hub.broker import Broker  # noqa: E402

OPERATORS = 300
CLK_TCK = os.sysconf("SC_CLK_TCK")


def ext(k: int) -> str:
    return str(1000 + k)


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_mem_kib(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    return rss, hwm


async def load(ast: LabAsterisk, rate: float, seconds: float, sent: dict[str, float]) -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        extension = ext(i % OPERATORS)
        sent[extension] = time.time()
        ast.call(extension)


async def ami_reader(port: int, ready: asyncio.Event, gate: asyncio.Semaphore) -> None:
    """One more direct panel's AMI session: log in, read every event as it comes.

    Sessions open a few at a time, each waiting for the banner and the login's answer:
    Asterisk listens with a backlog of 10, and a connection the kernel drops from a full
    accept queue looks established to the client while Asterisk never sees it. AMI's server
    speaks first, so such a reader would wait for a banner for ever (the stall of the first
    150- and 300-panel runs)."""
    async with gate:
        while True:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                await asyncio.wait_for(reader.readline(), 3)
                break
            except TimeoutError:
                writer.close()  # never accepted: try again
        login = (
            f"Action: Login\r\nUsername: {USER}\r\nSecret: {SECRET}\r\n"
            "Events: call,system\r\n\r\n"
        )
        writer.write(login.encode())
        await writer.drain()
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = await asyncio.wait_for(reader.read(4096), 10)
            if not chunk:
                raise RuntimeError("Asterisk closed a reader's session at login")
            answer += chunk
        if b"Response: Success" not in answer:
            raise RuntimeError(f"login refused: {answer[:200]!r}")
    ready.set()
    try:
        while await reader.read(65536):
            pass
    finally:
        writer.close()


async def ami_clock(port: int, ready: asyncio.Event, stamps: dict[str, float]) -> None:
    """The clock of the latency figures, one extra AMI session in both modes: Asterisk's own
    ``Timestamp`` of the event that makes the call appear on the operator's panel (the
    operator's Local leg answering, ``Newstate`` Up of ``Local/EXT@agents-…;2``)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await reader.readline()
    login = (
        f"Action: Login\r\nUsername: {USER}\r\nSecret: {SECRET}\r\n"
        "Events: call\r\n\r\n"
    )
    writer.write(login.encode())
    await writer.drain()
    ready.set()
    try:
        while True:
            block = await reader.readuntil(b"\r\n\r\n")
            if b"Event: Newstate" not in block or b"ChannelState: 6" not in block:
                continue
            fields = dict(
                line.split(": ", 1) for line in block.decode().split("\r\n") if ": " in line
            )
            channel = fields.get("Channel", "")
            if channel.startswith("Local/") and channel.endswith(";2") and "@agents-" in channel:
                stamps.setdefault(channel[6:].split("@", 1)[0], float(fields["Timestamp"]))
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def direct_panel(port: int, seen: dict[str, float]) -> AsteriskManager:
    """Panel 0 in direct mode is the real connector (all 300 phones, so every call counts):
    when does RingStarted reach it?"""
    up = asyncio.Event()

    def on_event(event: object) -> None:
        if isinstance(event, RingStarted) and event.number:
            seen.setdefault(event.number, time.time())

    def on_status(status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED:
            up.set()

    manager = AsteriskManager(
        ConnectionConfig(port=port, username=USER, secret=SECRET),
        ClientConfig(endpoints=tuple(f"Local/{ext(k)}@agents" for k in range(OPERATORS))),
        on_status=on_status,
        on_call_event=on_event,
    )
    await manager.start()
    await asyncio.wait_for(up.wait(), 30)
    return manager


async def run_direct(prefix: Path, n: int, rate: float, seconds: float) -> dict[str, float]:
    ast = LabAsterisk(prefix)
    ast.start()
    try:
        seen: dict[str, float] = {}
        stamps: dict[str, float] = {}
        clock_up = asyncio.Event()
        clock = asyncio.create_task(ami_clock(ast.port, clock_up, stamps))
        await clock_up.wait()
        manager = await direct_panel(ast.port, seen)
        readies = [asyncio.Event() for _ in range(n - 1)]
        gate = asyncio.Semaphore(8)
        tasks = [asyncio.create_task(ami_reader(ast.port, r, gate)) for r in readies]
        await asyncio.gather(*(r.wait() for r in readies))
        await asyncio.sleep(1)
        sent: dict[str, float] = {}
        cpu0, t0, load0 = ast.cpu_seconds(), time.monotonic(), os.getloadavg()[0]
        await load(ast, rate, seconds, sent)
        await asyncio.sleep(5)
        cpu, wall = ast.cpu_seconds() - cpu0, time.monotonic() - t0
        load1 = os.getloadavg()[0]
        lat = [seen[e] - stamps[e] for e in stamps if e in seen]
        for task in (*tasks, clock):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await manager.stop()
        return {
            "ast_cpu": cpu,
            "wall": wall,
            "lat_p50": percentile(lat, 50) if lat else float("nan"),
            "lat_p99": percentile(lat, 99) if lat else float("nan"),
            "calls_seen": len(lat),
            "load0": load0,
            "load1": load1,
        }
    finally:
        ast.stop()


def write_hub_config(path: Path, ast: LabAsterisk, broker: Broker) -> None:
    lines = [
        "[ami]",
        'host = "127.0.0.1"',
        f"port = {ast.port}",
        f'username = "{USER}"',
        "[broker]",
        'host = "127.0.0.1"',
        f"port = {broker.port}",
        'username = "callpanel-hub"',
        f'cafile = "{broker.cafile}"',
    ]
    for k in range(OPERATORS):
        lines += [f"[operators.op{k}]", f'endpoints = ["Local/{ext(k)}@agents"]']
    path.write_text("\n".join(lines) + "\n")


async def run_hub(prefix: Path, n: int, rate: float, seconds: float) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="callpanel-bench-hub-"))
    ast = LabAsterisk(prefix)
    ast.start()
    broker = Broker(workdir / "broker")
    broker.add_hub()
    for k in range(OPERATORS):
        broker.add_operator(f"op{k}", password=f"pw{k}-bench")
    await broker.start()
    config = workdir / "hub.toml"
    write_hub_config(config, ast, broker)
    env = dict(
        os.environ,
        CALLPANEL_SECRET=SECRET,
        CALLPANEL_BROKER_PASSWORD=broker.users["callpanel-hub"],
    )
    log = (workdir / "hub.log").open("wb")
    hub = subprocess.Popen(
        [sys.executable, "-m", "callpanel", "hub", "run", "--config", str(config)],
        env=env,
        stdout=log,
        stderr=log,
    )
    links: list[HubLink] = []
    stamps: dict[str, float] = {}
    clock_up = asyncio.Event()
    clock = asyncio.create_task(ami_clock(ast.port, clock_up, stamps))
    await clock_up.wait()
    try:
        first_seen: dict[str, float] = {}

        def watcher(k: int, store: CallStore):  # type: ignore[no-untyped-def]
            def on_change(change: CallChange) -> None:
                for call in change.added:
                    first_seen.setdefault(call.number or ext(k), time.time())

            return on_change

        connected = asyncio.Event()
        up: set[int] = set()

        def on_status(k: int):  # type: ignore[no-untyped-def]
            def status(s: object) -> None:
                if getattr(s, "state", None) is not None and s.state.value == "connected":  # type: ignore[attr-defined]
                    up.add(k)
                    if len(up) == n:
                        connected.set()

            return status

        for k in range(n):
            store = CallStore()
            store.subscribe(watcher(k, store))
            link = HubLink(broker.config_for(f"op{k}"), f"op{k}", store, on_status(k))
            links.append(link)
            await link.start()
        await asyncio.wait_for(connected.wait(), 60)
        await asyncio.sleep(1)
        sent: dict[str, float] = {}
        assert broker.process is not None
        cpu0, hub0, t0 = ast.cpu_seconds(), proc_cpu(hub.pid), time.monotonic()
        broker0 = proc_cpu(broker.process.pid)
        load0 = os.getloadavg()[0]
        await load(ast, rate, seconds, sent)
        await asyncio.sleep(5)
        cpu, wall = ast.cpu_seconds() - cpu0, time.monotonic() - t0
        load1 = os.getloadavg()[0]
        hub_cpu = proc_cpu(hub.pid) - hub0
        broker_cpu = proc_cpu(broker.process.pid) - broker0
        rss, hwm = proc_mem_kib(hub.pid)
        lat = [first_seen[e] - stamps[e] for e in stamps if e in first_seen]
        return {
            "ast_cpu": cpu,
            "wall": wall,
            "hub_cpu": hub_cpu,
            "broker_cpu": broker_cpu,
            "hub_rss_mib": rss / 1024,
            "hub_hwm_mib": hwm / 1024,
            "lat_p50": percentile(lat, 50) if lat else float("nan"),
            "lat_p99": percentile(lat, 99) if lat else float("nan"),
            "calls_seen": len(lat),
            "calls_expected": len([e for e in sent if int(e) - 1000 < n]),
            "load0": load0,
            "load1": load1,
        }
    finally:
        clock.cancel()
        await asyncio.gather(clock, return_exceptions=True)
        for link in links:
            await link.stop()
        hub.terminate()
        hub.wait(10)
        log.close()
        broker.stop()
        ast.stop()


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", type=Path, default=DEFAULT_PREFIX)
    parser.add_argument("--panels", default="1,50,150,300")
    parser.add_argument("--rate", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--only", choices=["direct", "hub"])
    args = parser.parse_args()
    if not (args.prefix / "sbin/asterisk").exists():
        print(f"no Asterisk build at {args.prefix} (scripts/lab or build-asterisk)")
        return 2
    version = subprocess.run(
        [str(args.prefix / "sbin/asterisk"), "-V"],
        capture_output=True,
        text=True,
        env=dict(os.environ, LD_LIBRARY_PATH=str(args.prefix / "lib")),
    ).stdout.strip()
    print(f"{version}; load {args.rate:g} calls/s for {args.seconds:g} s; CPU: process time")
    print(
        "| panels | mode | Asterisk CPU s | wall s | hub CPU s | broker CPU s | "
        "hub RSS MiB (peak) | "
        "event→panel p50 / p99 ms | calls seen | machine load (1 min) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    cpu: dict[tuple[str, int], float] = {}
    for n in (int(x) for x in args.panels.split(",")):
        if args.only != "hub":
            d = await run_direct(args.prefix, n, args.rate, args.seconds)
            cpu["direct", n] = d["ast_cpu"]
            print(
                f"| {n} | direct AMI | {d['ast_cpu']:.1f} | {d['wall']:.0f} | – | – | – | "
                f"{d['lat_p50'] * 1000:.0f} / {d['lat_p99'] * 1000:.0f} | "
                f"{d['calls_seen']:.0f} | {d['load0']:.1f} → {d['load1']:.1f} |",
                flush=True,
            )
        if args.only != "direct":
            h = await run_hub(args.prefix, n, args.rate, args.seconds)
            cpu["hub", n] = h["ast_cpu"]
            print(
                f"| {n} | hub | {h['ast_cpu']:.1f} | {h['wall']:.0f} | {h['hub_cpu']:.1f} | "
                f"{h['broker_cpu']:.1f} | "
                f"{h['hub_rss_mib']:.0f} ({h['hub_hwm_mib']:.0f}) | "
                f"{h['lat_p50'] * 1000:.0f} / {h['lat_p99'] * 1000:.0f} | "
                f"{h['calls_seen']:.0f}/{h['calls_expected']:.0f} | "
                f"{h['load0']:.1f} → {h['load1']:.1f} |",
                flush=True,
            )
    # The ratios, from the runs above: what N panels cost Asterisk against the first N of the
    # same mode, and direct against the hub at the same N.
    print()
    for mode in ("direct", "hub"):
        runs = sorted(n for m, n in cpu if m == mode)
        if len(runs) > 1 and cpu[mode, runs[0]] > 0:
            base = cpu[mode, runs[0]]
            steps = ", ".join(f"{n}: {cpu[mode, n] / base:.1f}x" for n in runs[1:])
            print(f"Asterisk CPU, {mode}, against {runs[0]} panel(s): {steps}")
    same = sorted(n for m, n in cpu if m == "direct" and ("hub", n) in cpu)
    if same:
        ratios = ", ".join(
            f"{n}: {cpu['direct', n] / cpu['hub', n]:.1f}x" for n in same if cpu["hub", n] > 0
        )
        print(f"Asterisk CPU, direct against hub at the same N: {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
