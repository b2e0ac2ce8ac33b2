"""pbx-park resume in every order Asterisk may report it (issue 12 item 6).

The panel resumes a parked caller by ringing the operator's phone through
``Local/101@panel-aa`` into ``ParkedCall``. Asterisk then builds two bridges at once: the
caller with the Local pair's ``;1`` half, and the phone with its ``;2`` half, and announces
the retrieval (UnParkedCall). Which of these comes first varies from run to run: on 22.10.1
the caller's bridge came first (the adapter once took the phone's bridge for an attended
transfer's consultation and showed a phantom second call "101"), on 20.15.0 the phone's.
Here both real recordings are replayed with those events in every order: always one call,
held, resumed, ended — and while it talks, it is the only call (a ``hangup`` without a call
id must find it).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from callpanel.ami import Event
from callpanel.asterisk.adapter import AsteriskAdapter
from tests.asterisk.test_adapter_support import Step, feed, notation, parse_events

CAPTURES = Path(__file__).resolve().parents[1] / "data" / "lab-captures"
CALLER = ("+79161234567", "Ivan Petrov", False)
EXPECTED: list[Step] = [
    ("RingStarted", "c1", "incoming", *CALLER),
    ("CommutationStarted", "c1"),
    ("PutHoldAction", "c1", "operator"),
    ("EndHoldAction", "c1"),
    ("RingFinished", "c1", "completed"),
    ("ActiveCallSnapshot", ()),
]


def _resume_window(events: list[Event]) -> tuple[int, int, list[list[int]]]:
    """(first, last, groups): the resume's events between the phone's new leg ringing and the
    first hangup, as groups that move together (the caller leaves the lot right before it
    enters its new bridge; its music stops with that)."""
    ring = next(
        i
        for i, e in enumerate(events)
        if e.name == "DialBegin"
        and (e.get("DestChannel") or "").startswith("PJSIP/101-")
        and (e.get("Channel") or "").startswith("Local/")
    )
    end = next(i for i in range(ring, len(events)) if events[i].name == "Hangup")
    caller = events[0].get("Uniqueid")
    groups: list[list[int]] = []
    pending: list[int] = []  # the caller's MOH stop / lot leave, glued to its BridgeEnter
    for i in range(ring + 1, end):
        e = events[i]
        mine = e.get("Uniqueid") == caller
        leaves_lot = e.name == "BridgeLeave" and e.get("BridgeType") == "parking"
        if mine and (e.name == "MusicOnHoldStop" or leaves_lot):
            pending.append(i)
        elif e.name == "BridgeEnter" or e.name == "UnParkedCall":
            if mine and e.name == "BridgeEnter":
                groups.append([*pending, i])
                pending = []
            else:
                groups.append([i])
    assert not pending and len(groups) == 5, [events[g[-1]].name for g in groups]
    return ring + 1, end, groups


def _replay(events: list[Event]) -> tuple[list[Step], int]:
    """The recording through the adapter as the client drives it; returns the notation and
    how many calls there were at most after the resume's first event."""
    adapter = AsteriskAdapter(["PJSIP/101"], clock=lambda: 1000.0)
    parked = next(i for i, e in enumerate(events) if e.name == "ParkedCall")
    out = feed(adapter, events[: parked + 1])
    operator = next(
        e.get("Uniqueid") or ""
        for e in events
        if e.name == "Newchannel" and (e.get("Channel") or "").startswith("PJSIP/101-")
    )
    # what AsteriskClient.unhold registers before its resume Originate
    adapter.expect_originate("callpanel-rec-resume", CALLER[0], call_id=operator)
    most = 0
    for event in events[parked + 1 :]:
        out += feed(adapter, [event])
        if event.name != "Hangup":
            most = max(most, len(adapter.calls))
    assert adapter.sizes() == {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}
    return notation(out), most


def _name(event: Event) -> str:
    return f"{event.name} {event.get('Channel') or event.get('ParkeeChannel')}"


@pytest.mark.parametrize("version", ["20.15.0-pjsip", "22.10.1-pjsip"])
def test_park_resume_in_every_order(version: str) -> None:
    recorded = parse_events((CAPTURES / version / "24_parking_hold_and_resume.ami").read_bytes())
    events = [e for e in recorded if e.name in AsteriskAdapter.EVENTS or e.name.startswith("Core")]
    first, end, groups = _resume_window(events)
    moved = {i for g in groups for i in g}
    fixed = [i for i in range(first, end) if i not in moved]
    orders = 0
    for order in itertools.permutations(groups):
        window = [i for g in order for i in g] + fixed
        replayed = events[:first] + [events[i] for i in window] + events[end:]
        steps, most = _replay(replayed)
        names = [_name(events[g[-1]]) for g in order]
        assert steps == EXPECTED, names
        assert most == 1, names
        orders += 1
    assert orders == 120
