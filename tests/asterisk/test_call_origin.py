"""Where a call comes from when no queue offers it (issue 13 item 2): the number the caller
dialled, read from real recordings of 13.38.3, 18.26.4 (chan_sip), 20.15.0 and 22.10.1 (PJSIP).

The caller's channel runs ``Dial()`` at the extension it dialled: the ring group's number
(74951234501), the main line (74951234567) or the queue's line (74951234500). An internal call
dialled the operator's own extension, which says nothing, so it has none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.calls import RingStarted
from callpanel.calls.events import event_to_json
from tests.asterisk.test_adapter_support import replay
from tests.conftest import CAPTURES

LAB = Path(__file__).resolve().parents[1] / "data" / "lab-captures"
RECORDINGS = [
    *((CAPTURES / v, "SIP/101") for v in ("13.38.3", "18.26.4")),
    *((LAB / v, "PJSIP/101") for v in ("20.15.0-pjsip", "22.10.1-pjsip")),
]
EXPECTED = {
    "01_incoming_answered_caller_hangs_up": "74951234567",
    "13_ring_group_answered_by_operator": "74951234501",
    "14_internal_call_102_to_101": None,
    "07_click_to_call_originate": None,  # outgoing: nothing was dialled *to* the operator
}


@pytest.mark.parametrize(
    ("folder", "endpoint", "scenario"),
    [(f, e, s) for f, e in RECORDINGS for s in EXPECTED],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_the_number_the_caller_dialled(folder: Path, endpoint: str, scenario: str) -> None:
    events = replay(folder / f"{scenario}.ami", endpoint)
    (ring,) = [e for e in events if isinstance(e, RingStarted)]
    assert ring.dialled == EXPECTED[scenario]
    assert ring.queue is None
    shown = event_to_json(ring)
    assert shown.get("dialled") == EXPECTED[scenario]
    assert ("dialled" in shown) is (EXPECTED[scenario] is not None)  # no key when unknown
