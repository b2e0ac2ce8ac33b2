"""Ordering tolerance (README "Ordering"): events of different channels may come in either
order. For every recording, every adjacent pair of call events about different channels is
swapped in turn; each call must still get exactly the same events, and nothing may be left.

Causal pairs are not swapped: ``MusicOnHoldStart/Stop`` on one side is caused by ``Hold``/
``Unhold`` on the other, so Asterisk cannot deliver an Unhold before the MOH it stops.
"""

from __future__ import annotations

import pytest

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from tests.asterisk.test_adapter_support import Step, feed, notation, parse_events
from tests.conftest import CAPTURES, VERSIONS

_IDS = (
    "Uniqueid",
    "DestUniqueid",
    "TransfererUniqueid",
    "TransfereeUniqueid",
    "OrigTransfererUniqueid",
    "SecondTransfererUniqueid",
    "ParkeeUniqueid",
)
_HOLD = {"Hold", "Unhold"}
_MOH = {"MusicOnHoldStart", "MusicOnHoldStop"}


def channels_of(event: Event) -> set[str]:
    return {uid for key in _IDS if (uid := event.get(key))}


def per_call(steps: list[Step]) -> dict[object, list[Step]]:
    calls: dict[object, list[Step]] = {}
    for step in steps:
        if step[0] != "ActiveCallSnapshot":
            calls.setdefault(step[1], []).append(step)
    return calls


def swappable(a: Event, b: Event) -> bool:
    ours, theirs = channels_of(a), channels_of(b)
    if not ours or not theirs or ours & theirs:
        return False
    names = {a.name, b.name}
    return not (names & _HOLD and names & _MOH)


@pytest.mark.parametrize("version", VERSIONS)
def test_swapping_events_of_different_channels_changes_no_call(version: str) -> None:
    swaps = 0
    for path in sorted((CAPTURES / version).glob("*.ami")):
        events = [
            e
            for e in parse_events(path.read_bytes())
            if e.name in AsteriskAdapter.EVENTS or e.name.startswith("CoreShowChannel")
        ]
        expected = per_call(notation(feed(AsteriskAdapter(["SIP/101"]), events)))
        for i in range(len(events) - 1):
            if not swappable(events[i], events[i + 1]):
                continue
            variant = [*events[:i], events[i + 1], events[i], *events[i + 2 :]]
            adapter = AsteriskAdapter(["SIP/101"])
            got = per_call(notation(feed(adapter, variant)))
            assert got == expected, (path.stem, i, events[i].name, events[i + 1].name)
            assert not any(adapter.sizes().values()), (path.stem, i)
            swaps += 1
    assert swaps > 100  # the recordings really do offer many such pairs
