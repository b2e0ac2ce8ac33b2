"""Memory the adapter keeps under the two channel floods of issue 11 (item 3).

* 200 000 ``Newchannel`` of channels that are not the operator's and never hang up;
* 200 channels whose caller number and name are 900 000 characters each.

Prints what the adapter still holds afterwards (tracemalloc, MB) and how many channels it keeps.
Not part of the test suite (tests/asterisk/test_adapter_bounded.py checks smaller floods).

    .venv/bin/python bench/bench_channel_flood.py
"""

from __future__ import annotations

import time
import tracemalloc

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter


def newchannel(n: int, num: str, name: str) -> Event:
    return Event.build(
        [
            ("Event", "Newchannel"),
            ("Channel", f"SIP/trunk-{n:08x}"),
            ("ChannelState", "4"),
            ("CallerIDNum", num),
            ("CallerIDName", name),
            ("Exten", "s"),
            ("Uniqueid", f"1795700000.{n}"),
            ("Linkedid", f"1795700000.{n}"),
        ]
    )


def flood(count: int, make: object) -> tuple[float, int, float]:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    for n in range(count):
        adapter.handle(make(n))  # type: ignore[operator]
    seconds = time.perf_counter() - started
    kept = (tracemalloc.get_traced_memory()[0] - base) / 2**20
    tracemalloc.stop()
    return kept, adapter.sizes()["channels"], seconds


def main() -> None:
    kept, channels, seconds = flood(200_000, lambda n: newchannel(n, f"7916{n:07d}", "Caller"))
    print(f"200k Newchannel never hung up: +{kept:.1f} MB kept, {channels} channels")
    print(f"  ({seconds:.1f} s under tracemalloc)")
    kept, channels, seconds = flood(200, lambda n: newchannel(n, "1" * 900_000, "Щ" * 900_000))
    print(f"200 channels with 900 KB names: +{kept:.2f} MB kept, {channels} channels")


if __name__ == "__main__":
    main()
