"""The demo script and the ``callpanel sim`` command line."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys

import pytest

from callpanel.sim import SimPbx
from callpanel.sim.cli import build_parser, main

from .amiclient import AmiTestClient
from .conftest import Connect, StartSim


@pytest.mark.asyncio
async def test_demo_loop_mixes_calls_and_stops_cleanly(
    start_sim: StartSim, connect: Connect
) -> None:
    sim: SimPbx = await start_sim(time_scale=0.002)
    client = await connect(sim)
    await client.login()
    await sim.run_demo()

    def callers() -> set[str]:
        trunk = [e for e in client.events if e.name == "Newchannel"]
        return {e.get("CallerIDName") or "" for e in trunk if e.get("Context") == "from-trunk"}

    await client.wait_for(lambda: len(callers()) >= 6, timeout=10)
    assert any(re.search("[А-Яа-я]", name) for name in callers())  # Cyrillic names survive
    assert any(re.search("[A-Za-z]", name) for name in callers())
    await client.wait_event("DialEnd", DialStatus="CANCEL")  # missed or answered elsewhere
    await client.wait_event("BridgeEnter", Channel="SIP/102-00000002")  # the colleague answers

    def remote_hold() -> bool:  # a caller puts the operator on hold
        return any(e.name == "Hold" and (e.get("Channel") or "").startswith("SIP/trunk")
                   for e in client.events)  # fmt: skip

    await client.wait_for(remote_hold, timeout=10)
    sim.stop_demo()
    await sim.stop()
    assert all(t.done() for t in asyncio.all_tasks() if t.get_name().startswith("demo-"))


@pytest.mark.asyncio
async def test_demo_never_ends_a_call_the_operator_holds(
    start_sim: StartSim, connect: Connect
) -> None:
    sim: SimPbx = await start_sim(time_scale=0.001)
    client = await connect(sim)
    await client.login()
    await sim.run_demo()

    def talking() -> tuple[str, str] | None:  # a call the operator picked up
        for ch in list(sim.pbx.channels.values()):
            peers = sim.pbx.peers(ch)
            if ch.endpoint == "SIP/101" and peers and peers[0].endpoint == "SIP/trunk":
                return ch.name, peers[0].name
        return None

    await client.wait_for(lambda: talking() is not None, timeout=10)
    pair = talking()
    assert pair is not None
    op, remote = pair
    held = await client.send(
        "Redirect", Channel=remote, Context="panel-hold", Exten="s", Priority="1",
        ExtraChannel=op, ExtraContext="panel-park-op", ExtraExten="s", ExtraPriority="1",
    )  # fmt: skip
    assert held.status == "Success"
    await asyncio.sleep(0.2)  # 200 s of demo time: well past the remote's 90 s talk limit
    assert sim.pbx.find(remote) is not None
    sim.stop_demo()


def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", "70000"]) == 2
    assert main(["--time-scale", "0"]) == 2
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--dialect", "12"])
    args = build_parser().parse_args(["--lf", "--pjsip", "--script", "idle", "--dialect", "13"])
    assert args.lf and args.pjsip and args.script == "idle" and args.dialect == "13"


@pytest.mark.asyncio
async def test_cli_serves_until_interrupted() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "callpanel", "sim", "--port", "0", "--script", "idle",
        "--dialect", "16", "--user", "demo", "--secret", "demo-secret",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 20)).decode()
        match = re.search(r"AMI on 127\.0\.0\.1:(\d+)", line)
        assert match, line
        client = await AmiTestClient.connect(int(match.group(1)))
        assert client.banner is not None and client.banner.version == "5.0.5"
        assert (await client.login("demo", "demo-secret")).status == "Success"
        await client.close()
        proc.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(proc.wait(), 10) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
