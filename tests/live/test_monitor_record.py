"""``callpanel monitor --record`` on a real Asterisk: the session's traffic, without the secret
or the MD5 exchange, replays to the call events the monitor printed."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

from labkit.lab import Lab
from labkit.sipp import SippLab

from callpanel.replay import main as replay_main

from .conftest import MonitorFactory

# what the monitor prints besides call events (the link, commands, the call centre)
NOT_CALL_EVENTS = {"Connection", "CommandResult", "AgentStatus", "QueueMembership", "Colleague"}


def test_a_recorded_call_replays_to_the_same_events(
    lab: Lab, sipp: SippLab, monitor: MonitorFactory, endpoint: str, tmp_path: Path
) -> None:
    path = tmp_path / "session.jsonl"
    m = monitor("--record", str(path))
    phone = sipp.phone("101", ring_ms=300)
    caller = sipp.call(hangup_ms=500)
    ring = m.wait("RingStarted")
    m.wait("CommutationStarted", call=ring["call"])
    m.wait("RingFinished", call=ring["call"])
    assert caller.wait() == 0, caller.describe()
    assert phone.wait() == 0, phone.describe()
    assert m.close() == 0

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    data = "".join(str(r.get("data", "")) for r in records)
    assert lab.secret not in data
    assert "Challenge: ********" in data and "Key: ********" in data
    out = io.StringIO()
    assert replay_main([str(path), "--endpoint", endpoint], stdout=out) == 0
    replayed = [json.loads(line) for line in out.getvalue().splitlines()]
    shown = [e for e in m.events if e["event"] not in NOT_CALL_EVENTS]
    assert replayed == shown, m.dump()
    assert [e["event"] for e in shown if e.get("call") == ring["call"]][:1] == ["RingStarted"]
