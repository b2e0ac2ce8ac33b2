"""What the adapter keeps about channels that are not the operator's is bounded: a server that
announces channels and never hangs them up, or sends huge caller names, cannot grow the panel's
memory for the whole session (before: 200k Newchannel kept ~+57 MB until a reconnect; 200
channels with 900 KB names kept ~+183 MB)."""

from __future__ import annotations

import tracemalloc

from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.channels import MAX_TEXT
from callpanel.asterisk.registry import MAX_OTHER_CHANNELS
from callpanel.calls import CallState, RingStarted

from .test_adapter_support import chan, ev

OP = "1795755558.1"


def newchannel(n: int, **kw: str) -> object:
    return ev("Newchannel", chan(f"SIP/trunk-{n:08x}", f"1795700000.{n}", state=4, **kw))


def huge_newchannel(n: int) -> object:
    return newchannel(n, num="1" * 900_000, cid_name="Щ" * 900_000)


def test_channels_never_hung_up_are_bounded() -> None:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for n in range(20_000):
            adapter.handle(newchannel(n, num=f"7916{n:07d}"))  # type: ignore[arg-type]
        kept = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert adapter.sizes()["channels"] <= MAX_OTHER_CHANNELS
    assert kept < 3 * 2**20, f"{kept / 2**20:.1f} MB kept"  # unbounded: ~7.5 MB


def test_huge_caller_names_are_cut() -> None:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for n in range(40):
            adapter.handle(huge_newchannel(n))  # type: ignore[arg-type]
        kept = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert kept < 1 * 2**20, f"{kept / 2**20:.1f} MB kept"  # uncut: ~100 MB


def test_a_call_from_a_huge_name_keeps_a_bounded_name() -> None:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    caller = chan("SIP/trunk-00000001", "1795755558.0", state=4, num="+7916", cid_name="Я" * 5000)
    dest = chan("SIP/101-00000001", OP, linkedid="1795755558.0", prefix="Dest")
    adapter.handle(ev("Newchannel", caller))
    out = adapter.handle(ev("DialBegin", caller, dest, DialString="101"))
    (ring,) = [e for e in out if isinstance(e, RingStarted)]
    assert ring.name == "Я" * MAX_TEXT and adapter.calls[OP].state is CallState.RINGING


def test_the_remote_party_of_a_live_call_is_never_forgotten() -> None:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    caller = chan("SIP/trunk-00000001", "1795755558.0", state=4, num="+7916", cid_name="Ivan")
    dest = chan("SIP/101-00000001", OP, linkedid="1795755558.0", prefix="Dest")
    adapter.handle(ev("Newchannel", caller))
    adapter.handle(ev("DialBegin", caller, dest, DialString="101"))
    for n in range(2, MAX_OTHER_CHANNELS * 2):
        adapter.handle(newchannel(n))  # type: ignore[arg-type]
    legs = adapter.legs(OP)
    assert legs is not None and legs.remote_uniqueid == "1795755558.0"
    assert adapter.sizes()["channels"] <= MAX_OTHER_CHANNELS + 1
