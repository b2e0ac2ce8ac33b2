"""Whole process: ``callpanel replay STREAM --endpoint SIP/101`` against a process that parses
the same file with panoramisk 1.4 (its ``AMIProtocol.data_received``, 64 KB reads).

Run standalone: ``.venv/bin/python bench/bench_replay_process.py [--copies N] [--rounds R]``.

STREAM is the 18.26.4 recordings (``tests/data/ami-captures/18.26.4/*.ami``), banner lines
stripped, concatenated and repeated ``--copies`` times (default 60, ~43 MB) with fresh
Uniqueids, channel numbers and bridge ids per copy (so the copies' calls never collide), after
one banner line. Both processes read the same file from disk (after a warm-up read, so from
the page cache). The figure is each child's CPU time (user + system, from ``wait4``): on a
shared machine, time spent waiting for a core is not the program's. Best of ``--rounds``,
interleaved; the ratio is panoramisk's time over callpanel's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import CAPTURES, ROOT
from bench_replay import rewrite

PANORAMISK_SCRIPT = """
import sys
from panoramisk.ami_protocol import AMIProtocol

class Transport:
    def write(self, data): pass
    def close(self): pass

class Counting(AMIProtocol):
    count = 0
    def handle_message(self, message):
        self.count += 1

protocol = Counting()
protocol.connection_made(Transport())
with open(sys.argv[1], "rb") as stream:
    while chunk := stream.read(65536):
        protocol.data_received(chunk)
print(protocol.count, "messages")
"""


def build_stream(copies: int) -> bytes:
    parts = []
    for path in sorted((CAPTURES / "18.26.4").glob("*.ami")):
        data = path.read_bytes()
        parts.append(data[data.index(b"\r\n") + 2 :])
    body = b"".join(parts)
    first = (CAPTURES / "18.26.4" / "01_incoming_answered_caller_hangs_up.ami").read_bytes()
    banner = first[: first.index(b"\r\n") + 2]
    return banner + b"".join(rewrite(body, n + 1) for n in range(copies))


def cpu_of(argv: list[str]) -> tuple[float, float, bytes]:
    """(CPU seconds, wall seconds, stdout tail) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    tail = b""
    assert proc.stdout is not None
    for line in proc.stdout:
        tail = line
    err = proc.stderr.read() if proc.stderr else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[:3]} failed: {err.decode(errors='replace')[-500:]}")
    return usage.ru_utime + usage.ru_stime, wall, tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import panoramisk  # noqa: F401
    except ImportError:
        print("panoramisk is not installed: pip install 'panoramisk==1.4'", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "stream.ami"
        stream.write_bytes(build_stream(args.copies))
        stream.read_bytes()  # warm the page cache for both sides
        print(f"stream: {stream.stat().st_size / 1e6:.1f} MB ({args.copies} copies of 18.26.4)")
        python = sys.executable
        sides = {
            "callpanel replay --endpoint SIP/101": [
                python,
                "-m",
                "callpanel",
                "replay",
                str(stream),
                "--endpoint",
                "SIP/101",
            ],
            "panoramisk parse": [python, "-c", PANORAMISK_SCRIPT, str(stream)],
        }
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.rounds):
            for name, command in sides.items():
                cpu, wall, _tail = cpu_of(command)
                if name not in best or cpu < best[name][0]:
                    best[name] = (cpu, wall)
        for name, (cpu, wall) in best.items():
            print(f"{name:>36}: {cpu:6.2f} s CPU ({wall:.2f} s wall), best of {args.rounds}")
        ours = best["callpanel replay --endpoint SIP/101"][0]
        theirs = best["panoramisk parse"][0]
        print(f"{'ratio':>36}: {theirs / ours:.2f}x (panoramisk CPU / callpanel CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
