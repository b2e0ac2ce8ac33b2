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
import statistics
import sys

from _common import (
    MIN_MESSAGES,
    load_body,
    make_chunks,
    panoramisk_or_none,
    timed,
)
from _common import run_parse_all as run_ours


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reps", type=int, default=0, help="times the recordings are repeated")
    parser.add_argument("--rounds", type=int, default=7, help="timed runs per parser (best wins)")
    args = parser.parse_args(argv)

    body, per_copy = load_body()
    reps = args.reps or -(-MIN_MESSAGES // per_copy)
    stream = body * reps
    expected = per_copy * reps
    chunks = make_chunks(stream)
    print(
        f"stream: {len(stream) / 1e6:.1f} MB, {expected} messages "
        f"({reps} x {per_copy}), {len(chunks)} chunks of 4-64 KB"
    )
    run_panoramisk = panoramisk_or_none()
    if run_panoramisk is None:
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
