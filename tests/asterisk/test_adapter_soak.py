"""Soak: thousands of calls rebuilt from the real recordings (new Uniqueids, channel numbers and
bridge ids per copy, two copies interleaved event by event) leave nothing behind."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls import RingFinished, RingStarted
from tests.asterisk.test_adapter_support import body, parse_events, rewrite
from tests.conftest import CAPTURES

COPIES = 60  # ≈ 36 calls per copy of all recordings -> ≈ 2,000 calls


@pytest.mark.slow
def test_thousands_of_interleaved_calls_leave_no_channels_or_calls() -> None:
    recordings = b"".join(body(p.read_bytes()) for p in sorted(CAPTURES.glob("*/*.ami")))
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    started: Counter[str] = Counter()
    finished: Counter[str] = Counter()
    peak = 0
    for pair in range(0, COPIES, 2):
        streams = [
            parse_events(b"Asterisk Call Manager/7.0.3\r\n" + rewrite(recordings, copy + 1))
            for copy in (pair, pair + 1)
        ]
        for event in itertools.chain.from_iterable(itertools.zip_longest(*streams)):
            if event is None:
                continue
            # Resync lists are left to handle() (ignored): with two copies interleaved a
            # CoreShowChannels answer would describe only half of the PBX.
            for out in adapter.handle(event):
                if isinstance(out, RingStarted):
                    started[out.call_id] += 1
                elif isinstance(out, RingFinished):
                    finished[out.call_id] += 1
            peak = max(peak, adapter.sizes()["channels"])
    assert sum(started.values()) >= 2000
    assert started == finished  # every call started once and finished once
    assert set(started.values()) == {1}
    assert adapter.sizes() == {
        "channels": 0,
        "bridges": 0,
        "locals": 0,
        "calls": 0,
        "expected": 0,
    }
    assert peak < 20  # only live channels are kept, never the history
