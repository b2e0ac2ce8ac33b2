"""``callpanel monitor``: argument and command parsing, secret lookup, and end to end as a
subprocess against the scripted AMI server."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace

import pytest
from keyring.backend import KeyringBackend

from callpanel.asterisk.config import AnswerStrategy, HoldStrategy
from callpanel.asterisk.errors import InvalidInput
from callpanel.calls.events import CallState
from callpanel.monitor import (
    SECRET_ENV,
    Monitor,
    SecretMissing,
    StdinCommand,
    build_parser,
    configs,
    parse_command,
    read_secret,
)
from callpanel.store.secrets import SecretStore

from ..conftest import CAPTURES
from ..store.conftest import BrokenKeyring, MemoryKeyring
from .amiserver import AmiServer, ServerOptions

pytestmark = pytest.mark.timeout(60)

REC18 = CAPTURES / "18.26.4"
ROOT = Path(__file__).resolve().parents[2]
CALLS: Mapping[str, object] = {"1795755450.1": object()}


# -- parsing -----------------------------------------------------------------------------


def test_commands_act_on_the_current_call_or_an_explicit_one() -> None:
    assert parse_command("hold", CALLS) == StdinCommand("hold", None, None)
    assert parse_command("  HOLD 1795755450.1 ", CALLS) == StdinCommand(
        "hold", "1795755450.1", None
    )
    assert parse_command("transfer 102", CALLS) == StdinCommand("transfer", None, "102")
    assert parse_command("transfer 1795755450.1 102", CALLS) == StdinCommand(
        "transfer", "1795755450.1", "102"
    )
    assert parse_command("dtmf 1795755450.1 12#", CALLS) == StdinCommand(
        "dtmf", "1795755450.1", "12#"
    )
    assert parse_command("dial +7 (916) 123-45-67", CALLS) == StdinCommand(
        "dial", None, "+7 (916) 123-45-67"
    )
    # a first word that is not a known call is part of the number
    assert parse_command("atxfer 8 800 555", CALLS) == StdinCommand("atxfer", None, "8 800 555")
    assert parse_command("quit", CALLS) == StdinCommand("quit", None, None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("reboot", "unknown command"),
        ("dial", "needs a number"),
        ("dtmf", "needs a digits"),
        ("hold 1795755450.1 extra", "no argument"),
        ("", "unknown command"),
    ],
)
def test_bad_commands_are_typed_errors(line: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_command(line, CALLS)


def test_secret_from_env_then_keyring_never_argv(tmp_path: Path) -> None:
    """The monitor reads the keyring through the panel's own SecretStore."""
    assert read_secret("u", "h", env={SECRET_ENV: "from-env"}) == "from-env"
    asked: list[tuple[str, str]] = []

    class Recording(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            asked.append((service, username))
            return "from-keyring"

    def store(backend: KeyringBackend) -> SecretStore:
        return SecretStore(config_dir=tmp_path, backend=backend)

    assert read_secret("u", "pbx", env={}, secrets=store(Recording())) == "from-keyring"
    assert asked == [("callpanel", "u@pbx")]
    with pytest.raises(SecretMissing, match="CALLPANEL_SECRET"):
        read_secret("u", "pbx", env={}, secrets=store(MemoryKeyring()))
    with pytest.raises(SecretMissing, match="u@pbx"):
        read_secret("u", "pbx", env={}, secrets=store(BrokenKeyring()))
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--host", "h", "--user", "u", "--secret", "x"])


def test_configs_from_arguments() -> None:
    args = build_parser().parse_args(
        "--host pbx --user op --tls --cafile ca.pem --lf --endpoint PJSIP/101 "
        "--endpoint SIP/101 --context sales --answer-strategy phone-notify "
        "--hold-strategy pbx-park".split()
    )
    conn, client = configs(args, "s3cret")
    assert (conn.host, conn.port, conn.tls, conn.cafile, conn.tls_verify) == (
        "pbx",
        5039,
        True,
        "ca.pem",
        True,
    )
    assert conn.line_ending.value == "\n" and conn.secret == "s3cret"
    assert client.endpoints == ("PJSIP/101", "SIP/101")
    assert client.originate_context == client.transfer_context == "sales"
    assert client.answer_strategy is AnswerStrategy.PHONE_NOTIFY
    assert client.hold_strategy is HoldStrategy.PBX_PARK
    plain = configs(build_parser().parse_args("--host h --user u --endpoint SIP/1".split()), "x")
    assert plain[0].port == 5038 and not plain[0].tls
    for bad in (
        "--host h --user u --endpoint SIP/1&SIP/2",
        "--host h --user u --endpoint SIP/1 --context a,b",
        "--host h --user u --endpoint SIP/1 --insecure",
        "--host h --user u --endpoint SIP/1 --port 70000",
    ):
        with pytest.raises(InvalidInput):
            configs(build_parser().parse_args(bad.split()), "x")


# -- end to end ---------------------------------------------------------------------------


class MonitorProcess:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[dict[str, object]] = []

    async def next_line(self, timeout: float = 10.0) -> dict[str, object]:
        assert self.proc.stdout is not None
        raw = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        assert raw, "monitor closed stdout"
        obj: dict[str, object] = json.loads(raw)
        self.lines.append(obj)
        return obj

    async def until(self, **wanted: object) -> dict[str, object]:
        while True:
            obj = await self.next_line()
            if all(obj.get(k) == v for k, v in wanted.items()):
                return obj

    async def seen(self, **wanted: object) -> dict[str, object]:
        """Like ``until``, but a line already read (e.g. while awaiting a CommandResult) counts."""
        for obj in self.lines:
            if all(obj.get(k) == v for k, v in wanted.items()):
                return obj
        return await self.until(**wanted)

    async def command(self, line: str) -> dict[str, object]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        await self.proc.stdin.drain()
        return await self.until(event="CommandResult", command=line)

    async def finish(self, timeout: float = 10.0) -> tuple[int, str]:
        assert self.proc.stdout is not None and self.proc.stderr is not None
        rest = await asyncio.wait_for(self.proc.stdout.read(), timeout)
        self.lines.extend(json.loads(x) for x in rest.splitlines() if x.strip())
        err = await self.proc.stderr.read()
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        return code, err.decode()


async def spawn(port: int, *extra: str, env: dict[str, str] | None = None) -> MonitorProcess:
    environment = {**os.environ, SECRET_ENV: "callpanel-secret"} if env is None else env
    environment.setdefault("PYTHONPATH", str(ROOT))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "callpanel",
        "monitor",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--user",
        "callpanel",
        "--endpoint",
        "SIP/101",
        *extra,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=environment,
        cwd=str(ROOT),
    )
    return MonitorProcess(proc)


@pytest.mark.asyncio
async def test_monitor_end_to_end() -> None:
    async with AmiServer() as server:
        mon = await spawn(server.port)
        first = await mon.next_line()
        assert first == {
            "event": "Connection",
            "status": "connecting",
            "server": f"127.0.0.1:{server.port}",
        }
        connected = await mon.until(event="Connection", status="connected")
        assert connected["server_version"] == "18.26.4"
        assert connected["ami_version"] == "7.0.3"
        # the resync's snapshots come before "connected": the panel is complete when it says so
        # (this server has no queues: the operator is simply available)
        assert [x["event"] for x in mon.lines] == [
            "Connection",
            "ActiveCallSnapshot",
            "AgentStatus",
            "Connection",
        ]
        assert mon.lines[2] == {"event": "AgentStatus", "status": "available", "reason": ""}
        assert mon.lines[1]["calls"] == []
        assert server.md5_logins == 1 and server.plain_secret_uses == 0

        session = await server.wait_login()
        await session.replay(REC18 / "01_incoming_answered_caller_hangs_up.ami")
        ring = await mon.until(event="RingStarted")
        assert ring["number"] == "+79161234567" and ring["direction"] == "incoming"
        await mon.until(event="CommutationStarted", call=ring["call"])
        end = await mon.until(event="RingFinished", call=ring["call"])
        assert end["reason"] == "completed"

        originate = server.expect_action("Originate")
        dial = await mon.command("dial 74997654321")
        assert dial["ok"] is True and dial["error"] is None and isinstance(dial["call"], str)
        _, action = await asyncio.wait_for(originate, 5)
        assert action.get("Exten") == "74997654321"

        bad = await mon.command("dial 100&SIP/trunk")
        assert bad["ok"] is False and "invalid number" in str(bad["error"])
        unknown = await mon.command("reboot now")
        assert unknown["ok"] is False and "unknown command" in str(unknown["error"])
        assert set(unknown) == {"event", "command", "ok", "error"}

        assert mon.proc.stdin is not None
        mon.proc.stdin.close()  # EOF: log off and exit 0
        code, err = await mon.finish()
        assert code == 0, err
        assert mon.lines[-1] == {
            "event": "Connection",
            "status": "disconnected",
            "server": f"127.0.0.1:{server.port}",
        }
        assert session.actions[-1].name == "Logoff"
        assert "callpanel-secret" not in err


@pytest.mark.asyncio
async def test_monitor_sigint_logs_off_and_exits_zero() -> None:
    async with AmiServer() as server:
        mon = await spawn(server.port)
        await mon.until(event="Connection", status="connected")
        logoff = server.expect_action("Logoff")
        mon.proc.send_signal(signal.SIGINT)
        code, err = await mon.finish()
        assert code == 0, err
        await asyncio.wait_for(logoff, 5)


@pytest.mark.asyncio
async def test_monitor_wrong_secret_exits_3_without_retrying() -> None:
    async with AmiServer(ServerOptions(secret="another")) as server:
        mon = await spawn(server.port)
        failed = await mon.until(event="Connection", status="auth_failed")
        assert "Authentication failed" in str(failed["error"])
        code, _err = await mon.finish()
        assert code == 3
        assert server.connections == 1


@pytest.mark.asyncio
async def test_monitor_without_a_secret_says_where_to_put_it() -> None:
    env = {k: v for k, v in os.environ.items() if k != SECRET_ENV}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    async with AmiServer() as server:
        mon = await spawn(server.port, env=env)
        code, err = await mon.finish()
        assert code == 2
        assert SECRET_ENV in err and "keyring" in err
        assert server.connections == 0


# -- commands in process, with a recording client ----------------------------------------


class RecordingClient:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    async def dial(self, number: str) -> str:
        self.calls.append(("dial", number))
        return "new-call"

    async def hold(self, call_id: str) -> None:
        self.calls.append(("hold", call_id))

    async def transfer(self, call_id: str, number: str) -> None:
        if number == "bad":
            raise InvalidInput("invalid number 'bad'")
        self.calls.append(("transfer", call_id, number))

    async def dtmf(self, call_id: str, digits: str) -> None:
        raise RuntimeError("boom")


def make_monitor(client: object | None) -> tuple[Monitor, io.StringIO, list[int]]:
    out = io.StringIO()
    stops: list[int] = []
    monitor = Monitor(out, stops.append)
    older = SimpleNamespace(state=CallState.HOLD, started_at=100.0)
    newer = SimpleNamespace(state=CallState.TALKING, started_at=200.0)
    ended = SimpleNamespace(state=CallState.ENDED, started_at=300.0)
    adapter = SimpleNamespace(calls={"old": older, "new": newer, "gone": ended})
    monitor.manager = SimpleNamespace(adapter=adapter)  # type: ignore[assignment]
    monitor.client = client
    return monitor, out, stops


def results(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.asyncio
async def test_commands_go_to_the_newest_active_call() -> None:
    client = RecordingClient()
    monitor, out, stops = make_monitor(client)
    assert monitor.current_call() == "new"
    await monitor.run_command("hold")
    await monitor.run_command("hold old")
    await monitor.run_command("transfer 102")
    await monitor.run_command("transfer old bad")
    await monitor.run_command("dtmf 1")
    await monitor.run_command("dial 74997654321")
    await monitor.run_command("quit")
    assert client.calls == [
        ("hold", "new"),
        ("hold", "old"),
        ("transfer", "new", "102"),
        ("dial", "74997654321"),
    ]
    shown = results(out)
    assert [r["ok"] for r in shown] == [True, True, True, False, False, True, True]
    assert shown[0] == {
        "event": "CommandResult",
        "command": "hold",
        "ok": True,
        "error": None,
        "call": "new",
    }
    assert shown[3]["error"] == "invalid number 'bad'"
    assert shown[4]["error"] == "internal error: boom"
    assert shown[5]["call"] == "new-call"
    assert stops == [0]


@pytest.mark.asyncio
async def test_without_a_client_commands_are_not_available() -> None:
    monitor, out, _ = make_monitor(None)
    await monitor.run_command("dial 100")
    assert results(out) == [
        {
            "event": "CommandResult",
            "command": "dial 100",
            "ok": False,
            "error": "commands not available",
        }
    ]


@pytest.mark.asyncio
async def test_no_active_call() -> None:
    monitor, out, _ = make_monitor(RecordingClient())
    monitor.manager = SimpleNamespace(adapter=SimpleNamespace(calls={}))  # type: ignore[assignment]
    await monitor.run_command("hold")
    assert results(out)[0]["error"] == "no active call"


@pytest.mark.asyncio
async def test_monitor_drives_a_call_on_the_demo_pbx() -> None:
    from callpanel.sim import SimConfig, SimPbx

    sim = SimPbx(SimConfig(dialect="18", time_scale=0.01))
    await sim.start()
    try:
        mon = await spawn(
            sim.port, "--answer-strategy", "phone-notify", "--hold-strategy", "phone-notify"
        )
        await mon.until(event="Connection", status="connected")
        await sim.incoming_call(number="+79161234567", name="Ivan Petrov", to="SIP/101")
        ring = await mon.until(event="RingStarted")
        answer = await mon.command("answer")
        assert answer["ok"] is True, answer
        assert answer["call"] == ring["call"]
        await mon.seen(event="CommutationStarted", call=ring["call"])
        hold = await mon.command(f"hold {ring['call']}")
        assert hold["ok"] is True, hold
        held = await mon.seen(event="PutHoldAction", call=ring["call"])
        assert held["by"] == "operator"
        hangup = await mon.command("hangup")
        assert hangup["ok"] is True, hangup
        await mon.seen(event="RingFinished", call=ring["call"])
        assert mon.proc.stdin is not None
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
    finally:
        await sim.stop()


@pytest.mark.asyncio
async def test_commands_piped_at_start_wait_for_the_first_login() -> None:
    """`echo "dial 102" | callpanel monitor …` must dial, not fail with "not connected"."""
    async with AmiServer() as server:
        originate = server.expect_action("Originate")
        mon = await spawn(server.port)
        assert mon.proc.stdin is not None
        mon.proc.stdin.write(b"dial 74997654321\n")  # before the link is even up
        await mon.proc.stdin.drain()
        result = await mon.until(event="CommandResult")
        assert result["ok"] is True, result
        statuses = [x.get("status") for x in mon.lines if x["event"] == "Connection"]
        assert statuses == ["connecting", "connected"]
        _, action = await asyncio.wait_for(originate, 5)
        assert action.get("Exten") == "74997654321"
        mon.proc.stdin.close()
        code, err = await mon.finish()
        assert code == 0, err
