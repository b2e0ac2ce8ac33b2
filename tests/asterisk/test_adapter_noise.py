"""The connection drops ``AsteriskAdapter.NOISE`` unbuilt: that must never change a call event."""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.ami import AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls.events import CallEvent
from tests.conftest import capture_paths


def call_events(data: bytes, ignore: frozenset[str]) -> list[CallEvent]:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 0.0)
    out: list[CallEvent] = []
    for message in AmiParser(ignore_events=ignore).feed(data):
        if isinstance(message, Event):
            out.extend(adapter.handle(message))
    return out


def test_noise_and_handled_events_do_not_overlap() -> None:
    assert AsteriskAdapter.NOISE
    assert not AsteriskAdapter.NOISE & AsteriskAdapter.EVENTS
    assert {"VarSet", "Newexten"} <= AsteriskAdapter.NOISE


@pytest.mark.parametrize("path", capture_paths(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_dropping_noise_changes_no_call_event(path: Path) -> None:
    data = path.read_bytes()
    assert call_events(data, AsteriskAdapter.NOISE) == call_events(data, frozenset())
