"""Every real recording, both Asterisk versions: the exact call events for endpoint SIP/101.

The expected sequences are written by hand from tests/data/ami-captures/README.md ("What the
operator's panel must show") plus the adapter's documented choices:
* the consultation leg of an Atxfer (scenario 10) is shown as its own outgoing call to 102,
  named once 102's connected line arrives, and ends ``transferred`` with the held call;
* a click-to-call's name stays "" (Originate's CallerID is ours, not the callee's);
* scenario 16 resyncs mid-call: only the snapshot comes out, the call goes on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.asterisk.adapter import AsteriskAdapter
from tests.asterisk.test_adapter_support import Step, feed, notation, parse_events, replay
from tests.conftest import CAPTURES, VERSIONS

IVAN = ("+79161234567", "Ivan Petrov", False)
OLGA = ("+79031112233", "Olga Smirnova", False)
DIALLED = ("74997654321", "", False)


def answered(*finish: str) -> list[Step]:
    return [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", *finish),
    ]


EXPECTED: dict[str, list[Step]] = {
    "01_incoming_answered_caller_hangs_up": answered("completed"),
    "02_incoming_caller_cancels_while_ringing": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("RingFinished", "c1", "missed"),
    ],
    "03_incoming_operator_rejects_busy": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("RingFinished", "c1", "rejected"),
    ],
    "04_incoming_answered_operator_hangs_up": answered("completed"),
    "05_hold_unhold_by_operator_phone": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "operator"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
    ],
    "06_hold_unhold_by_remote_party": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "remote"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
    ],
    "07_click_to_call_originate": [
        ("RingStarted", "c1", "outgoing", *DIALLED),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
    ],
    "08_click_to_call_external_busy": [
        ("RingStarted", "c1", "outgoing", *DIALLED),
        ("RingFinished", "c1", "busy"),
    ],
    "09_blind_transfer_via_ami": answered("transferred"),
    "10_attended_transfer_via_ami": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "operator"),
        ("RingStarted", "c2", "outgoing", "102", "", True),
        ("CallInfoChanged", "c2", "102", "Operator 102"),
        ("CommutationStarted", "c2"),
        ("RingFinished", "c1", "transferred"),
        ("RingFinished", "c2", "transferred"),
    ],
    "11_hangup_via_ami": answered("completed"),
    "12_queue_answered_by_other_operator": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("RingFinished", "c1", "answered_elsewhere"),
    ],
    "13_ring_group_answered_by_operator": answered("completed"),
    "14_internal_call_102_to_101": [
        ("RingStarted", "c1", "incoming", "102", "Operator 102", True),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
    ],
    "15_call_waiting_second_incoming": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("RingStarted", "c2", "incoming", *OLGA),
        ("PutHoldAction", "c1", "operator"),
        ("CommutationStarted", "c2"),
        ("RingFinished", "c2", "completed"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
    ],
    "16_resync_snapshot": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("ActiveCallSnapshot", (("c1", "talking", "incoming", "+79161234567", "Ivan Petrov"),)),
        ("RingFinished", "c1", "completed"),
    ],
    "17_login_md5_challenge_and_ping": [],
    "18_login_failure": [],
}

CASES = [(version, scenario) for version in VERSIONS for scenario in sorted(EXPECTED)]


def test_every_recording_has_an_expectation() -> None:
    found = {(p.parent.name, p.stem) for p in CAPTURES.glob("*/*.ami")}
    assert found == set(CASES)


@pytest.mark.parametrize(("version", "scenario"), CASES, ids=[f"{v}/{s}" for v, s in CASES])
def test_recording_gives_the_expected_call_events(version: str, scenario: str) -> None:
    path: Path = CAPTURES / version / f"{scenario}.ami"
    events = replay(path)
    assert notation(events) == EXPECTED[scenario]


@pytest.mark.parametrize("version", VERSIONS)
def test_call_ids_are_the_operator_channel_uniqueid(version: str) -> None:
    events = replay(CAPTURES / version / "15_call_waiting_second_incoming.ami")
    ids = {e.call_id for e in events if hasattr(e, "call_id")}
    # Two calls, each named after its own SIP/101 channel's Uniqueid (.1 and .3).
    assert sorted(i.rsplit(".", 1)[1] for i in ids) == ["1", "3"]


@pytest.mark.parametrize("version", VERSIONS)
def test_events_outside_adapter_events_can_be_dropped_before_handle(version: str) -> None:
    """What a caller may skip by name (AsteriskAdapter.EVENTS) changes nothing."""
    for path in sorted((CAPTURES / version).glob("*.ami")):
        events = parse_events(path.read_bytes())
        kept = [
            e
            for e in events
            if e.name in AsteriskAdapter.EVENTS or e.name.startswith("CoreShowChannel")
        ]
        assert len(kept) < len(events) or not events
        full = feed(AsteriskAdapter(["SIP/101"], clock=lambda: 0.0), events)
        assert feed(AsteriskAdapter(["SIP/101"], clock=lambda: 0.0), kept) == full
