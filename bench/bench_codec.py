"""Throughput of callpanel's AMI parser against panoramisk 1.4's, on the same real bytes.

Run standalone: ``.venv/bin/python bench/bench_codec.py [--reps N] [--rounds R]``.

The stream is every real recording in ``tests/data/ami-captures/*/*.ami`` with its banner line
stripped, concatenated and repeated until it holds at least 100 000 messages. Both parsers get
the same chunks (4-64 KB, fixed seed), the way a socket would deliver them:

* ours: ``AmiParser.receive_data(chunk)`` then ``next_message()`` until ``None``;
* panoramisk: ``AMIProtocol.data_received(chunk)`` exactly as asyncio would call it, on a
  protocol made with a dummy transport; ``handle_message`` is overridden to count what it gets
  (its normal body needs a live Manager to dispatch to).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callpanel.ami import AmiParser  # noqa: E402

CAPTURES = ROOT / "tests" / "data" / "ami-captures"
MIN_MESSAGES = 100_000


def load_bodies() -> tuple[bytes, int]:
    """All .ami recordings without their banner line, and how many messages they hold."""
    parts: list[bytes] = []
    for path in sorted(CAPTURES.glob("*/*.ami")):
        data = path.read_bytes()
        banner_end = data.index(b"\r\n") + 2
        parts.append(data[banner_end:])
    body = b"".join(parts)
    # Every message in these recordings ends in CRLF CRLF (13's command output included).
    return body, body.count(b"\r\n\r\n")


def make_chunks(stream: bytes, seed: int = 20261127) -> list[bytes]:
    rng = random.Random(seed)
    chunks: list[bytes] = []
    pos = 0
    while pos < len(stream):
        size = rng.randint(4 * 1024, 64 * 1024)
        chunks.append(stream[pos : pos + size])
        pos += size
    return chunks


def run_ours(chunks: list[bytes]) -> int:
    parser = AmiParser(expect_banner=False)
    receive = parser.receive_data
    next_message = parser.next_message
    count = 0
    for chunk in chunks:
        receive(chunk)
        while next_message() is not None:
            count += 1
    return count


def make_panoramisk_runner() -> Any:
    from panoramisk.ami_protocol import AMIProtocol

    class DummyTransport:
        def write(self, data: bytes) -> None:
            pass

        def close(self) -> None:
            pass

    class CountingProtocol(AMIProtocol):  # type: ignore[misc]
        count = 0

        def handle_message(self, message: Any) -> None:
            self.count += 1

    def run_panoramisk(chunks: list[bytes]) -> int:
        protocol = CountingProtocol()
        protocol.connection_made(DummyTransport())
        receive = protocol.data_received
        for chunk in chunks:
            receive(chunk)
        return protocol.count

    return run_panoramisk


def timed(func: Any, chunks: list[bytes]) -> tuple[float, int]:
    """CPU seconds of this process: on a shared machine, time spent descheduled is not ours."""
    gc.collect()
    start = time.process_time()
    count = func(chunks)
    return time.process_time() - start, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reps", type=int, default=0, help="times the recordings are repeated")
    parser.add_argument("--rounds", type=int, default=7, help="timed runs per parser (best wins)")
    args = parser.parse_args(argv)

    body, per_copy = load_bodies()
    reps = args.reps or -(-MIN_MESSAGES // per_copy)
    stream = body * reps
    expected = per_copy * reps
    chunks = make_chunks(stream)
    print(
        f"stream: {len(stream) / 1e6:.1f} MB, {expected} messages "
        f"({reps} x {per_copy}), {len(chunks)} chunks of 4-64 KB"
    )
    try:
        run_panoramisk = make_panoramisk_runner()
    except ImportError:
        print("panoramisk is not installed: pip install 'panoramisk==1.4'", file=sys.stderr)
        return 1

    best: dict[str, float] = {}
    ratios: list[float] = []
    for _ in range(args.rounds):  # interleaved, so that both see the same machine load
        seconds: dict[str, float] = {}
        for name, func in (("callpanel", run_ours), ("panoramisk", run_panoramisk)):
            seconds[name], count = timed(func, chunks)
            if count != expected:
                print(f"{name}: parsed {count} messages, expected {expected}", file=sys.stderr)
                return 1
            best[name] = min(best.get(name, seconds[name]), seconds[name])
        ratios.append(seconds["panoramisk"] / seconds["callpanel"])

    rates = {name: expected / cpu for name, cpu in best.items()}
    for name, rate in rates.items():
        print(f"{name:>11}: {rate:>10,.0f} msg/s  ({best[name]:.3f} CPU s, best of {args.rounds})")
    print(
        f"      ratio: {rates['callpanel'] / rates['panoramisk']:.2f}x best/best, "
        f"{statistics.median(ratios):.2f}x median of {len(ratios)} paired rounds "
        "(callpanel / panoramisk)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
