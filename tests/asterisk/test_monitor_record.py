"""``callpanel monitor --record PATH``: the session's AMI traffic in a private file, without the
secret or the MD5 exchange, that ``callpanel replay`` turns back into the same call events."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from callpanel.replay import main as replay_main
from callpanel.sim import SimConfig, SimPbx

from .test_monitor import spawn

pytestmark = pytest.mark.timeout(60)

SECRET = "callpanel-secret"
# what the monitor prints besides call events (the link, commands, the call centre)
NOT_CALL_EVENTS = {"Connection", "CommandResult", "AgentStatus", "QueueMembership", "Colleague"}


def replayed(path: Path) -> list[dict[str, object]]:
    out = io.StringIO()
    assert replay_main([str(path), "--endpoint", "SIP/101"], stdout=out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.asyncio
async def test_a_recorded_session_replays_to_the_same_call_events(tmp_path: Path) -> None:
    path = tmp_path / "session.jsonl"
    path.write_text("an older recording\n")
    if os.name == "posix":
        path.chmod(0o644)
    sim = SimPbx(SimConfig(dialect="18", time_scale=0.01))
    await sim.start()
    try:
        mon = await spawn(
            sim.port,
            "--answer-strategy", "phone-notify", "--hold-strategy", "phone-notify",
            "--record", str(path),
        )  # fmt: skip
        await mon.until(event="Connection", status="connected")
        await sim.incoming_call(number="+79161234567", name="Иван Петров", to="SIP/101")
        ring = await mon.until(event="RingStarted")
        assert (await mon.command("answer"))["ok"] is True
        await mon.seen(event="CommutationStarted", call=ring["call"])
        assert (await mon.command("hold"))["ok"] is True
        await mon.seen(event="PutHoldAction", call=ring["call"])
        assert (await mon.command("unhold"))["ok"] is True
        await mon.seen(event="EndHoldAction", call=ring["call"])
        assert (await mon.command("hangup"))["ok"] is True
        await mon.seen(event="RingFinished", call=ring["call"])
        assert mon.proc.stdin is not None
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
    finally:
        await sim.stop()

    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "an older recording" not in text  # replaced, not appended to
    records = [json.loads(line) for line in text.splitlines()]
    assert {r["dir"] for r in records} == {"in", "out"}
    data = "".join(str(r.get("data", "")) for r in records)
    assert "Action: Login" in data and "Asterisk Call Manager/" in data
    assert SECRET not in data
    assert "Challenge: ********" in data and "Key: ********" in data
    for line in data.splitlines():
        if line.lower().startswith(("key:", "challenge:", "secret:")):
            assert line.endswith("********"), line

    shown = [x for x in mon.lines if x["event"] not in NOT_CALL_EVENTS]
    assert [x["event"] for x in shown][:2] == ["ActiveCallSnapshot", "RingStarted"]
    assert replayed(path) == shown


@pytest.mark.asyncio
async def test_a_path_that_cannot_be_written_fails_before_connecting(tmp_path: Path) -> None:
    sim = SimPbx(SimConfig(dialect="18"))
    await sim.start()
    try:
        mon = await spawn(sim.port, "--record", str(tmp_path / "no-such-dir" / "x.jsonl"))
        code, err = await mon.finish()
    finally:
        await sim.stop()
    assert code == 2
    assert "--record" in err and "no-such-dir" in err
    assert mon.lines == []  # never connected
