"""Whole process: ``callpanel replay STREAM --endpoint SIP/101`` against a process that parses
the same file with panoramisk 1.4 (its ``AMIProtocol.data_received``, 64 KB reads).

Run standalone: ``.venv/bin/python bench/bench_replay_process.py [--copies N] [--rounds R]``.

STREAM is the 18.26.4 recordings (``tests/data/ami-captures/18.26.4/*.ami``), banner lines
stripped, concatenated and repeated ``--copies`` times (default 60, ~43 MB) with fresh
Uniqueids, channel numbers and bridge ids per copy (so the copies' calls never collide), after
one banner line. Both processes read the same file from disk (after a warm-up read, so from
the page cache). The figure is each child's CPU time (user + system, from ``wait4``): on a
shared machine, time spent waiting for a core is not the program's. ``--rounds`` rounds,
interleaved, after one warm-up run of each side; best, median and spread (min-max) are
printed, and the ratio (panoramisk's time over callpanel's) of the medians and of the bests.

Both children run from compiled bytecode, as an installed package does: the warm-up run
writes it into a private ``PYTHONPYCACHEPREFIX`` (so a ``PYTHONDONTWRITEBYTECODE`` in the
environment, or a read-only checkout, does not make one side compile its source every run).
"""

from __future__ import annotations

import argparse
import os
import statistics
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


def child_env(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def cpu_of(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """(CPU seconds, wall seconds, stdout tail) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )
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
    parser.add_argument("--rounds", type=int, default=5)
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
        env = child_env(Path(tmp) / "pycache")
        load_before = os.getloadavg()
        for command in sides.values():
            cpu_of(command, env)  # warm-up: writes the bytecode, warms the caches
        cpus: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, command in sides.items():
                cpus[name].append(cpu_of(command, env)[0])
        load_after = os.getloadavg()
        for name, times in cpus.items():
            print(
                f"{name:>36}: {min(times):6.2f} s CPU best, {statistics.median(times):.2f} "
                f"median, {min(times):.2f}-{max(times):.2f} over {args.rounds}"
            )
        ours, theirs = cpus["callpanel replay --endpoint SIP/101"], cpus["panoramisk parse"]
        print(
            f"{'ratio':>36}: {statistics.median(theirs) / statistics.median(ours):.2f}x medians, "
            f"{min(theirs) / min(ours):.2f}x bests (panoramisk CPU / callpanel CPU)"
        )
        print(
            f"{'load average':>36}: {load_before[0]:.2f} before, {load_after[0]:.2f} after "
            f"({os.cpu_count()} CPUs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
