"""The lab's own real recordings (tests/data/lab-captures, PJSIP on 20.15.0 and 22.10.1): the
call events for endpoint PJSIP/101, as tests/data/ami-captures/README.md says a panel must show.

Each recording ends with the recorder's CoreShowChannels (an empty snapshot); a busy
click-to-call (08) is listed once more while Busy() still holds the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.asterisk.adapter import AsteriskAdapter
from tests.asterisk.test_adapter_support import Step, feed, notation, parse_events

LAB_CAPTURES = Path(__file__).resolve().parents[1] / "data" / "lab-captures"
IVAN = ("+79161234567", "Ivan Petrov", False)
DIALLED = ("74997654321", "", False)
DONE: Step = ("ActiveCallSnapshot", ())


def answered(*finish: str) -> list[Step]:
    return [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", *finish),
        DONE,
    ]


def rang(reason: str) -> list[Step]:
    return [("RingStarted", "c1", "incoming", *IVAN), ("RingFinished", "c1", reason), DONE]


EXPECTED: dict[str, list[Step]] = {
    "01_incoming_answered_caller_hangs_up": answered("completed"),
    "02_incoming_caller_cancels_while_ringing": rang("missed"),
    "03_incoming_operator_rejects_busy": rang("rejected"),
    "06_hold_unhold_by_remote_party": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "remote"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
        DONE,
    ],
    "07_click_to_call_originate": [
        ("RingStarted", "c1", "outgoing", *DIALLED),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
        DONE,
    ],
    "08_click_to_call_external_busy": [
        ("RingStarted", "c1", "outgoing", *DIALLED),
        ("ActiveCallSnapshot", (("c1", "dialing", "outgoing", "74997654321", ""),)),
        ("RingFinished", "c1", "busy"),
        DONE,
    ],
    "09_blind_transfer_via_ami": answered("transferred"),
    "11_hangup_via_ami": answered("completed"),
    "12_queue_answered_by_other_operator": rang("answered_elsewhere"),
    "13_ring_group_answered_by_operator": answered("completed"),
    "14_internal_call_102_to_101": [
        ("RingStarted", "c1", "incoming", "102", "Operator 102", True),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
        DONE,
    ],
    "20_queue_member_login_pause_reason": [DONE],
    # the queue rings 101, nobody answers: a missed ring for the operator, then autopause
    "21_queue_autopause": rang("missed"),
    # 101 calls colleague 102 from the handset
    "22_colleague_extension_and_device_states": [
        ("RingStarted", "c1", "outgoing", "102", "", True),
        ("CallInfoChanged", "c1", "102", "Operator 102"),
        ("CommutationStarted", "c1"),
        ("RingFinished", "c1", "completed"),
        DONE,
    ],
    # 102 dials **101 while 101 rings: PickupChan takes the call
    "23_directed_pickup": rang("answered_elsewhere"),
    # Park, then the panel's resume Originate (registered like the client does); the two
    # recordings report the resume in the two orders (test_park_resume_orders.py: all of them)
    "24_parking_hold_and_resume": [
        ("RingStarted", "c1", "incoming", *IVAN),
        ("CommutationStarted", "c1"),
        ("PutHoldAction", "c1", "operator"),
        ("EndHoldAction", "c1"),
        ("RingFinished", "c1", "completed"),
        DONE,
    ],
}

CASES = sorted((p.parent.name, p.stem) for p in LAB_CAPTURES.glob("*/*.ami"))


def test_the_lab_recordings_are_there() -> None:
    versions = {v for v, _ in CASES}
    assert {"22.10.1-pjsip"} <= versions
    for version in versions:
        assert {s for v, s in CASES if v == version} == set(EXPECTED), version


@pytest.mark.parametrize(("version", "scenario"), CASES, ids=[f"{v}/{s}" for v, s in CASES])
def test_lab_recording_gives_the_expected_call_events(version: str, scenario: str) -> None:
    events = parse_events((LAB_CAPTURES / version / f"{scenario}.ami").read_bytes())
    adapter = AsteriskAdapter(["PJSIP/101"], clock=lambda: 1000.0)
    parked = next((i for i, e in enumerate(events) if e.name == "ParkedCall"), len(events))
    out = feed(adapter, events[: parked + 1])
    if parked < len(events):
        # what AsteriskClient.unhold registers before its resume Originate
        operator = next(
            e.get("Uniqueid") or ""
            for e in events
            if e.name == "Newchannel" and (e.get("Channel") or "").startswith("PJSIP/101-")
        )
        adapter.expect_originate("callpanel-rec-resume", IVAN[0], call_id=operator)
    out += feed(adapter, events[parked + 1 :])
    assert notation(out) == EXPECTED[scenario]
    assert adapter.sizes() == {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}
