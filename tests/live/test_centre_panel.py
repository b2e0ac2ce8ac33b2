"""A round-robin queue call on the operator's card, through the whole panel (controller,
window, history) on a real Asterisk — what the operator sees, not the monitor's JSON.

Queue ``hotline`` (``rrmemory``, 3 s a member, 1 s of retry) with 102 added before 101: the
call rings 102 alone first; when 102 lets it ring out it moves on to 101, whose card names the
queue and the caller's wait, keeps them after answering, and the recent list keeps them too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from labkit.lab import Lab
from labkit.sipp import SippLab

from callpanel.calls.events import CallState
from callpanel.ui.controller import PanelController
from callpanel.ui.history import HistoryRow
from tests.ui.conftest import aloop  # noqa: F401  (the qasync loop fixture)

from .support import RawAmi
from .test_directory import WAIT, done, make_panel, panels, start  # noqa: F401  (fixtures)

# the offscreen platform cannot resize or raise windows (nothing of ours)
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

ORIGIN = re.compile(r"^queue hotline · waited 0:(\d\d)$")


def test_round_robin_call_card_names_the_queue_and_the_wait(
    qtbot: Any,
    lab: Lab,
    sipp: SippLab,
    ami: RawAmi,
    endpoint: str,
    panels: list[PanelController],  # noqa: F811
) -> None:
    colleague_phone = endpoint.replace("/101", "/102")
    for interface in (colleague_phone, endpoint):  # the order rrmemory rings them in
        joined = ami.action("QueueAdd", Queue="hotline", Interface=interface)
        assert joined.get("Response") == "Success", joined
    panel = start(qtbot, panels, make_panel(lab, endpoint))
    colleague = sipp.phone("102", answer=False)  # rings until the queue moves on
    phone = sipp.phone("101", ring_ms=500, hangup_ms=1500)
    caller = sipp.call("74951234503")
    cards = panel.window.call_widgets
    qtbot.waitUntil(lambda: len(cards) == 1, timeout=WAIT)
    (card,) = cards.values()
    shown = ORIGIN.match(card.origin_label.text())
    assert shown is not None, card.origin_label.text()
    assert int(shown.group(1)) >= 3  # 102's 3 s came first
    assert card.origin_label.isVisibleTo(card)
    qtbot.waitUntil(lambda: card.call.state is CallState.TALKING, timeout=WAIT)
    assert card.origin_label.text() == shown.group(0)  # kept after answering
    done(qtbot, caller)
    done(qtbot, phone)
    done(qtbot, colleague)
    qtbot.waitUntil(lambda: not cards, timeout=WAIT)
    recent = panel.window.history.list

    def row() -> HistoryRow | None:
        item = recent.item(0)
        widget = recent.itemWidget(item) if item is not None else None
        return widget if isinstance(widget, HistoryRow) else None

    qtbot.waitUntil(lambda: row() is not None, timeout=WAIT)
    found = row()
    assert found is not None and found.entry.queue == "hotline"
    assert found.meta.text().endswith(" · " + shown.group(0))
