"""R8 event flood: the real panel under qasync while a loopback AMI server floods call events.

Run standalone: ``.venv/bin/python bench/bench_flood.py [--rate 10000] [--seconds 5]``.

Server (its own process, so it keeps its pace whatever our loop does): the test suite's
``AmiServer`` logs the panel in, then writes every broadcast event of the 18.26.4 recordings
(VarSet/Newexten/RTCP noise and all), copied with fresh Uniqueids so calls never collide, at
``--rate`` events/s in slices of ``--slice-ms``, stamping each slice with ``time.monotonic()``
(system-wide, so both processes share the clock).

Client: ``QtConnector`` with the real ``AsteriskManager``/``AsteriskConnection``/adapter/client, the
real ``MainWindow`` (offscreen) with an on-disk history, on qasync's loop, plus a 100 ms
QTimer. Reported: AMI events sent vs received, call events received vs what a fresh adapter
makes of the same stream (same order: nothing lost or reordered), QTimer lateness, UI update
latency (server write -> ``callAdded``/``callEnded`` after the window's own slot ran, and ->
the moment Qt's loop is free to paint it), and memory before / right after / after a pause.
A second pass repeats the flood under tracemalloc for the panel's Python-heap figures.

Two mixes by default (``--ours-every 1,10``): every call rings the operator's phone (504 calls
in 5 s, ~100 calls/s for one operator: the worst case), and one call in ten does (the others
ring a colleague's phone, which the panel reads and skips). Each pass runs in a fresh process.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import itertools
import multiprocessing
import os
import pstats
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callpanel.calls.events import ActiveCallSnapshot, CallEvent, RingFinished, RingStarted  # noqa: E402
from tests.asterisk.floodstream import ENDPOINT, expected_call_events, flood_events  # noqa: E402

USER, SECRET = "callpanel", "callpanel-secret"
TARGET_UI_P95_MS = 100.0  # TESTS.md R8
TICK_MS = 100


# -- the server process ------------------------------------------------------------------------


def serve(pipe: Connection, copies: int, ours_every: int, rate: float, slice_s: float) -> None:
    asyncio.run(_serve(pipe, copies, ours_every, rate, slice_s))


async def _serve(
    pipe: Connection, copies: int, ours_every: int, rate: float, slice_s: float
) -> None:
    from tests.asterisk.amiserver import AmiServer, ServerOptions

    messages = flood_events(copies, ours_every=ours_every)
    per = max(1, round(rate * slice_s))
    slices = [b"".join(messages[i : i + per]) for i in range(0, len(messages), per)]
    loop = asyncio.get_running_loop()
    async with AmiServer(ServerOptions(username=USER, secret=SECRET)) as server:
        pipe.send(server.port)
        session = await server.wait_login(timeout=30)
        await loop.run_in_executor(None, pipe.recv)  # "go"
        stamps: list[float] = []
        writer = session.writer
        start = time.monotonic() + 0.01
        for index, chunk in enumerate(slices):
            delay = start + index * slice_s - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            stamps.append(time.monotonic())
            writer.write(chunk)
            await writer.drain()
        pipe.send((per, stamps, time.monotonic()))
        await loop.run_in_executor(None, pipe.recv)  # "stop": the client has logged off


# -- the panel ---------------------------------------------------------------------------------


def panel_heap_kib() -> int:
    """The traced Python heap without this benchmark's own bookkeeping (received events,
    timestamps) and the test server's code: what the panel itself holds."""
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [
            tracemalloc.Filter(False, __file__),
            tracemalloc.Filter(False, str(ROOT / "tests" / "*")),
            tracemalloc.Filter(False, tracemalloc.__file__),
        ]
    )
    return sum(stat.size for stat in snapshot.statistics("filename")) // 1024


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Memory:
    rss_kib: int
    traced_kib: int | None
    gc_objects: int
    adapter: int
    board: int
    widgets: int


@dataclass
class Result:
    sent: int = 0
    ami_received: int = 0
    expected: tuple[CallEvent, ...] = ()
    received: list[CallEvent] = field(default_factory=list)
    burst_s: float = 0.0
    cpu_s: float = 0.0  # the client's CPU time from "go" until every call event was in
    wall_s: float = 0.0
    paints: int = 0  # the window's paint events in that time
    ticks_ms: list[float] = field(default_factory=list)  # lateness of each tick in the burst
    signal_ms: list[float] = field(default_factory=list)
    paint_ms: list[float] = field(default_factory=list)
    missing: int = 0
    memory: dict[str, Memory] = field(default_factory=dict)


def run_pass_isolated(args: argparse.Namespace, ours_every: int, *, traced: bool) -> Result:
    """Each pass in a fresh process, so the memory figures of one do not include the other."""
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe()
    child = ctx.Process(target=_pass_entry, args=(theirs, args, ours_every, traced))
    child.start()
    result: Result = ours.recv()
    child.join(30)
    return result


def _pass_entry(pipe: Connection, args: argparse.Namespace, ours_every: int, traced: bool) -> None:
    pipe.send(run_pass(args, ours_every, traced=traced))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # the result is sent; skip Qt's teardown in this throwaway process


def run_pass(args: argparse.Namespace, ours_every: int, *, traced: bool) -> Result:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(kind: object, context: object, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen plugin says it per window
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(["bench_flood"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as the panel does
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe()
    server = ctx.Process(
        target=serve,
        args=(theirs, args.copies, ours_every, args.rate, args.slice_ms / 1000),
        daemon=True,
    )
    server.start()
    try:
        import qasync

        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            return runner.run(_client(args, ours, ours_every, traced=traced))
    finally:
        server.join(10)
        if server.is_alive():
            server.terminate()


def _paint_counter() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() is QEvent.Type.UpdateRequest:
                self.count += 1
            return False

    return Counter()


async def _client(
    args: argparse.Namespace, pipe: Connection, ours_every: int, *, traced: bool
) -> Result:
    from PySide6.QtCore import Qt, QTimer

    from callpanel.asterisk.config import ClientConfig, ConnectionConfig
    from callpanel.asterisk.connection import AsteriskConnection
    from callpanel.asterisk.manager import AsteriskManager
    from callpanel.asterisk.status import LinkState
    from callpanel.calls.store import CallStore
    from callpanel.store.history import History
    from callpanel.ui.bridge import (
        Connector,
        QtConnector,
        StatusCallback,
        default_centre_factory,
        default_client_factory,
    )
    from callpanel.ui.history import HistoryPanel
    from callpanel.ui.style import STYLE
    from callpanel.ui.window import MainWindow

    loop = asyncio.get_running_loop()
    if traced:
        tracemalloc.start()
    result = Result()
    messages = flood_events(args.copies, ours_every=ours_every)
    expected = expected_call_events(messages)
    result.sent, result.expected = len(messages), expected.call_events
    del messages

    conns: list[AsteriskConnection] = []
    managers: list[AsteriskManager] = []

    def connection_factory(config: ConnectionConfig, *, on_event: Any) -> AsteriskConnection:
        conns.append(AsteriskConnection(config, on_event=on_event))
        return conns[-1]

    def manager_factory(
        conn: ConnectionConfig, client: ClientConfig, on_status: StatusCallback, store: CallStore
    ) -> AsteriskManager:
        managers.append(
            AsteriskManager(
                conn,
                client,
                on_status=on_status,
                on_call_event=result.received.append,
                store=store,
                connection_factory=connection_factory,
            )
        )
        return managers[-1]

    port = await loop.run_in_executor(None, pipe.recv)
    tmp = tempfile.TemporaryDirectory()
    history = History(Path(tmp.name) / "history.sqlite")
    bridge = QtConnector(
        connector=Connector(manager_factory, default_client_factory, default_centre_factory)
    )
    window = MainWindow(bridge, history=HistoryPanel(history))
    window.setStyleSheet(STYLE)  # as the panel's controller does
    if not args.hidden:
        window.show()

    added: dict[str, float] = {}
    ended: dict[str, float] = {}
    painted: dict[tuple[str, str], float] = {}

    def probe(kind: str, stamps: dict[str, float], call: Any) -> None:
        stamps[call.call_id] = time.monotonic()
        key = (kind, call.call_id)
        # runs once the current loop callback has returned: Qt may paint from here on
        QTimer.singleShot(0, lambda: painted.setdefault(key, time.monotonic()))

    # connected after the window: these run once the window's own slots are done
    bridge.callAdded.connect(lambda call: probe("added", added, call))
    bridge.callEnded.connect(lambda call: probe("ended", ended, call))

    connected = loop.create_future()

    def on_status(status: Any) -> None:
        if status.state is LinkState.CONNECTED and not connected.done():
            connected.set_result(None)

    bridge.statusChanged.connect(on_status)
    bridge.start(
        ConnectionConfig(host="127.0.0.1", port=port, username=USER, secret=SECRET),
        ClientConfig(endpoints=(ENDPOINT,)),
    )
    await asyncio.wait_for(connected, 10)
    conn, manager = conns[-1], managers[-1]

    def memory() -> Memory:
        gc.collect()
        return Memory(
            rss_kib(),
            panel_heap_kib() if traced else None,
            len(gc.get_objects()),
            sum(manager.adapter.sizes().values()),
            len(bridge.calls()),
            len(window.call_widgets),
        )

    paints = _paint_counter()
    window.installEventFilter(paints)
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    await asyncio.sleep(0.5)  # the window settles (first paint, history, status line)
    result.received.clear()  # the login's resync snapshot is not part of the flood
    result.memory["before"] = memory()
    first_snapshot = tracemalloc.take_snapshot() if traced and args.heap_top else None
    ami_before = conn.events_delivered + conn.parser.ignored
    profile = cProfile.Profile() if args.profile and not traced else None

    go, cpu_go = time.monotonic(), time.process_time()
    paints.count = 0
    pipe.send("go")
    if profile is not None:
        profile.enable()
    server_done = loop.run_in_executor(None, pipe.recv)
    deadline = go + args.seconds * 4 + 30
    while len(result.received) < len(result.expected) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    per, stamps, _server_end = await asyncio.wait_for(server_done, 30)
    done = time.monotonic()
    result.cpu_s, result.wall_s = time.process_time() - cpu_go, done - go
    result.paints = paints.count
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    result.memory["right after"] = memory()
    result.burst_s = stamps[-1] - stamps[0]
    result.ami_received = conn.events_delivered + conn.parser.ignored - ami_before
    in_burst = [t for t in ticks if go <= t <= done]
    result.ticks_ms = [(b - a) * 1000 - TICK_MS for a, b in itertools.pairwise(in_burst)]

    for index, event in expected.triggers:
        kind, where = (
            ("added", added) if isinstance(event, RingStarted)
            else ("ended", ended) if isinstance(event, RingFinished)
            else (None, None)
        )  # fmt: skip
        if kind is None or where is None:
            continue
        written = stamps[index // per]
        if event.call_id not in where or (kind, event.call_id) not in painted:
            result.missing += 1
            continue
        result.signal_ms.append((where[event.call_id] - written) * 1000)
        result.paint_ms.append((painted[(kind, event.call_id)] - written) * 1000)

    await asyncio.sleep(args.settle)
    result.memory[f"{args.settle:g} s later"] = memory()
    if first_snapshot is not None:
        grown = tracemalloc.take_snapshot().compare_to(first_snapshot, "lineno")
        print(f"largest heap growth over the pass (top {args.heap_top}):")
        for stat in grown[: args.heap_top]:
            print(f"  {stat}")
    timer.stop()
    await bridge.stop()
    pipe.send("stop")
    window.hide_to_tray = False
    window.close()
    window.deleteLater()
    bridge.deleteLater()
    await asyncio.sleep(0.1)  # deleteLater runs in Qt's loop
    history.close()
    tmp.cleanup()
    if traced:
        tracemalloc.stop()
    return result


# -- report ------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(args: argparse.Namespace, first: Result, traced: Result | None) -> bool:
    rate = first.sent / first.burst_s if first.burst_s else 0.0
    print(
        f"flood: {first.sent} AMI events ({args.copies} rewritten copies of the 18.26.4"
        f" recordings) in {first.burst_s:.2f} s = {rate:,.0f} events/s"
        f" (target {args.rate:,.0f}/s for {args.seconds:g} s)"
    )
    received = [e for e in first.received if not isinstance(e, ActiveCallSnapshot)]
    same = received == list(first.expected)
    lost_ok = first.ami_received == first.sent and same and first.missing == 0
    calls = sum(isinstance(e, RingStarted) for e in first.expected)
    print(f"  AMI events sent {first.sent}, received {first.ami_received}")
    print(
        f"  call events expected {len(first.expected)} ({calls} calls), received {len(received)},"
        f" identical and in order: {'yes' if same else 'NO'}; UI signals missing:"
        f" {first.missing}  -> no loss/reorder: {verdict(lost_ok)}"
    )
    print(
        f"  client: all call events in {first.wall_s:.2f} s after the start,"
        f" {first.cpu_s:.2f} s CPU ({first.cpu_s / first.wall_s:.0%} of one core),"
        f" {first.paints} window repaints"
    )
    ticks = first.ticks_ms
    print(
        f"  100 ms QTimer during the burst: {len(ticks) + 1} ticks, lateness p50"
        f" {pct(ticks, 0.5):.1f} ms, p95 {pct(ticks, 0.95):.1f} ms,"
        f" max {max(ticks, default=0):.1f} ms"
    )
    sig, paint = first.signal_ms, first.paint_ms
    print(
        f"  UI update latency, server write -> callAdded/callEnded handled ({len(sig)} updates):"
        f" p50 {pct(sig, 0.5):.1f} ms, p95 {pct(sig, 0.95):.1f} ms,"
        f" max {max(sig, default=0):.1f} ms"
    )
    paint_p95 = pct(paint, 0.95)
    ui_ok = paint_p95 <= TARGET_UI_P95_MS
    print(
        f"  UI update latency, server write -> Qt loop free to paint it:"
        f" p50 {pct(paint, 0.5):.1f} ms, p95 {paint_p95:.1f} ms, max {max(paint, default=0):.1f} ms"
        f"  (R8 target p95 <= {TARGET_UI_P95_MS:.0f} ms: {verdict(ui_ok)})"
    )
    mem_ok = True
    for label, res in (("rss", first), ("tracemalloc", traced)):
        if res is None:
            continue
        mem = res.memory
        (_k0, m0), (_k1, m1), (_k2, m2) = mem.items()
        if label == "rss":
            line = "  ".join(f"{k}: {m.rss_kib / 1024:.1f} MiB" for k, m in mem.items())
            print(f"  memory (RSS)  {line}")
            print(
                "  panel state   "
                + "  ".join(
                    f"{k}: adapter {m.adapter}, board {m.board}, widgets {m.widgets},"
                    f" gc objects {m.gc_objects:,}"
                    for k, m in mem.items()
                )
            )
            state_back = (m2.adapter, m2.board, m2.widgets) == (m0.adapter, m0.board, m0.widgets)
            mem_ok &= state_back
        else:
            assert m0.traced_kib is not None and m1.traced_kib is not None
            assert m2.traced_kib is not None
            print(
                "  memory (tracemalloc, 2nd pass, panel only)  "
                + "  ".join(f"{k}: {m.traced_kib / 1024:.2f} MiB" for k, m in mem.items())
            )
            grown = m2.traced_kib - m0.traced_kib
            flat = m2.traced_kib <= m1.traced_kib + 64
            print(
                f"  panel's Python heap after the pause vs before: {grown:+d} KiB;"
                f" after the pause vs right after: {m2.traced_kib - m1.traced_kib:+d} KiB"
                f" (flat = not growing once the burst is over: {verdict(flat)})"
            )
            mem_ok &= flat
    print(f"  memory flat after the burst: {verdict(mem_ok)}")
    return lost_ok and ui_ok and mem_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rate", type=float, default=10_000, help="events per second")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the burst")
    parser.add_argument("--slice-ms", type=float, default=2.0, help="server write interval")
    parser.add_argument("--settle", type=float, default=3.0, help="pause after the burst (s)")
    parser.add_argument(
        "--ours-every",
        default="1,10",
        help="flood mixes to run: N = every N-th call rings the operator, the rest ring a"
        " colleague's phone (1 = all 100 calls/s are the operator's)",
    )
    parser.add_argument("--hidden", action="store_true", help="never show the window")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced pass")
    parser.add_argument("--heap-top", type=int, default=0, help="print N top heap growths")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the client's burst to FILE")
    args = parser.parse_args(argv)
    per_copy = len(flood_events(1))
    args.copies = max(1, round(args.rate * args.seconds / per_copy))

    ok = True
    for number, every in enumerate(int(n) for n in args.ours_every.split(",")):
        first = run_pass_isolated(args, every, traced=False)
        traced = None
        if number == 0 and not args.no_tracemalloc:  # the heap figures of the first mix
            traced = run_pass_isolated(args, every, traced=True)
        mix = "every call" if every == 1 else f"1 call in {every}"
        print(f"\n== {mix} rings the operator's phone ({ENDPOINT})")
        ok &= report(args, first, traced)
        if traced is not None:
            same = [e for e in traced.received if not isinstance(e, ActiveCallSnapshot)]
            if same != list(traced.expected):
                print("  the tracemalloc pass lost or reordered call events")
                ok = False
    if args.profile:
        print(f"\nprofile of the last burst ({args.profile}), top 25 by cumulative time:")
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(25)
    sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
