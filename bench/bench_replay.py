"""Parse + adapt (AmiParser -> AsteriskAdapter for SIP/101) against panoramisk 1.4's bare parse.

Run standalone: ``.venv/bin/python bench/bench_replay.py [--rounds R] [--grow G]``.

The stream is every real recording in ``tests/data/ami-captures/*/*.ami`` (banner stripped),
copied again and again with new Uniqueids, channel numbers and bridge ids so that the calls
of different copies never collide, until it holds at least 100 000 messages. Both sides get the
same 4-64 KB chunks, as a socket would deliver them:

* callpanel: ``AmiParser.receive_data`` / ``next_message`` and every Event through
  ``AsteriskAdapter.handle`` (CoreShowChannel lists go to ``resync`` as the manager does);
* panoramisk: ``AMIProtocol.data_received`` with ``handle_message`` only counting.

Memory: the same run on a stream ``--grow`` times longer must not need more memory -- the
adapter's collections (sampled every 1 000 messages) and the tracemalloc peak stay flat.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
import tracemalloc
from collections.abc import Iterator

from _common import (
    MIN_MESSAGES,
    load_body,
    make_chunks,
    panoramisk_or_none,
    run_parse_all,
    timed,
)

from callpanel.ami import AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter

_UID = re.compile(rb"\b(17957\d{5})\.(\d+)\b")
_SEQ = re.compile(rb"-0000([0-9a-f]{4})(?=[;\r\n, ])")
_UUID = re.compile(rb"\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")


def rewrite(data: bytes, copy: int) -> bytes:
    """A copy whose Uniqueids/Linkedids, channel numbers and bridge ids are all new."""
    data = _UID.sub(lambda m: b"%d%s.%s" % (copy, m.group(1), m.group(2)), data)
    data = _SEQ.sub(lambda m: b"-%04x%s" % (copy % 0x10000, m.group(1)), data)
    return _UUID.sub(lambda m: b"%x-%s" % (copy, m.group(1)), data)


def stream_of(body: bytes, copies: int, first: int = 1) -> bytes:
    return b"".join(rewrite(body, first + n) for n in range(copies))


def run_ours(chunks: list[bytes] | Iterator[bytes], sample: list[int] | None = None) -> int:
    """Parse and adapt; returns the number of messages. ``sample`` collects adapter sizes."""
    adapter = AsteriskAdapter(["SIP/101"], clock=time.monotonic)
    # as the connection does: events the adapter never reads are framed but not built
    parser = AmiParser(expect_banner=False, ignore_events=adapter.NOISE)
    receive, next_message, handle = parser.receive_data, parser.next_message, adapter.handle
    wanted = adapter.EVENTS  # VarSet, Newexten, RTCPSent … never reach the adapter
    items: list[Event] = []
    count = 0
    for chunk in chunks:
        receive(chunk)
        while (msg := next_message()) is not None:
            count += 1
            if type(msg) is Event:
                name = msg.name
                if name in wanted:
                    handle(msg)
                elif name == "CoreShowChannel":
                    items.append(msg)
                elif name == "CoreShowChannelsComplete":
                    adapter.resync(items)
                    items = []
            if sample is not None and count % 1000 == 0:
                sample.append(sum(adapter.sizes().values()))
    return count + parser.ignored  # ignored events were framed and counted, just not built


def memory(body: bytes, copies: int) -> tuple[int, int]:
    """(largest adapter collection total, tracemalloc peak in bytes) over ``copies`` copies.

    The chunks are produced lazily, so the peak is what parsing and adapting hold, not the
    input itself.
    """

    def chunks() -> Iterator[bytes]:
        for n in range(copies):
            yield from make_chunks(rewrite(body, 1 + n))

    sizes: list[int] = []
    gc.collect()
    tracemalloc.start()
    try:
        run_ours(chunks(), sizes)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return max(sizes or [0]), peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per side (best wins)")
    parser.add_argument("--grow", type=int, default=10, help="memory check: stream x GROW")
    args = parser.parse_args(argv)

    body, per_copy = load_body()
    copies = -(-MIN_MESSAGES // per_copy)
    stream = stream_of(body, copies)
    expected = per_copy * copies
    chunks = make_chunks(stream)
    print(
        f"stream: {len(stream) / 1e6:.1f} MB, {expected} messages ({copies} rewritten copies"
        f" of {per_copy}), {len(chunks)} chunks of 4-64 KB"
    )
    run_panoramisk = panoramisk_or_none()
    if run_panoramisk is None:
        return 1

    best: dict[str, float] = {}
    for _ in range(args.rounds):
        sides = (
            ("parse+adapt", run_ours),
            ("parse all", run_parse_all),
            ("panoramisk", run_panoramisk),
        )
        for name, func in sides:
            seconds, count = timed(func, chunks)
            if count != expected:
                print(f"{name}: {count} messages, expected {expected}", file=sys.stderr)
                return 1
            best[name] = min(best.get(name, seconds), seconds)
    rates = {name: expected / seconds for name, seconds in best.items()}
    for name, rate in rates.items():
        print(f"{name:>12}: {rate:>10,.0f} msg/s  ({best[name]:.3f} s best of {args.rounds})")
    ratio = rates["parse+adapt"] / rates["panoramisk"]
    print(f"       ratio: {ratio:.2f}x (callpanel parse+adapt / panoramisk bare parse)")
    print(
        "              (parse+adapt, like the connection, leaves the events the adapter never"
        " reads unbuilt;\n               parse all builds every message)"
    )

    small = memory(body, copies)
    large = memory(body, copies * args.grow)
    print(
        f"      memory: {copies * per_copy} msgs -> adapter max {small[0]} entries, "
        f"tracemalloc peak {small[1] / 1024:.0f} KiB"
    )
    print(
        f"              {copies * args.grow * per_copy} msgs -> adapter max {large[0]} entries, "
        f"tracemalloc peak {large[1] / 1024:.0f} KiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
