"""`callpanel check` against the demo PBX on a real socket: each thing the panel needs is
reported, and a missing one names the line that fixes it."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck, Status, summary
from callpanel.sim import SimConfig, SimPbx

pytestmark = pytest.mark.timeout(60)


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimPbx]:
    pbx = SimPbx(SimConfig(time_scale=0.005))
    await pbx.start("127.0.0.1", 0)
    yield pbx
    await pbx.stop()


async def check(
    sim: SimPbx,
    client: ClientConfig | None = None,
    *,
    user: str = "callpanel",
    secret: str = "callpanel-secret",
) -> dict[str, CheckLine]:
    config = ConnectionConfig(port=sim.port, username=user, secret=secret)
    lines = await SelfCheck(config, client or ClientConfig(), probe_timeout=2.0).run()
    topics = [line.topic for line in lines]
    assert len(topics) == len(set(topics)), topics
    return {line.topic: line for line in lines}


@pytest.mark.asyncio
async def test_a_complete_set_up_has_nothing_missing(sim: SimPbx) -> None:
    client = ClientConfig(
        endpoints=("SIP/101",),
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PBX_MOH,
    )
    lines = await check(sim, client)
    assert {topic: line.status for topic, line in lines.items()} == {
        "TLS": Status.OK,
        "login": Status.OK,
        "read class system": Status.OK,
        "write classes": Status.OK,
        "read class call": Status.OK,
        "eventfilter": Status.OK,
        "phone SIP/101": Status.OK,
        "context internal": Status.OK,
        "context panel-aa": Status.OK,
        "context panel-hold": Status.OK,
        "context panel-park-op": Status.OK,
    }
    # the probe saw the Local pair come and go, and the failed originate
    assert "Newchannel" in lines["read class call"].detail
    assert "OriginateResponse" in lines["read class call"].detail
    assert summary(list(lines.values())) == "everything the panel needs is there"
    assert all(line.fix is None for line in lines.values())


@pytest.mark.asyncio
async def test_a_least_privilege_mistake_names_each_fix(sim: SimPbx) -> None:
    # callpanel_limited: read = call,agent; write = originate
    lines = await check(sim, user="callpanel_limited", secret="callpanel-limited-secret")
    system = lines["read class system"]
    assert (
        system.status is Status.MISSING and system.fix == "[callpanel_limited] read = call,system"
    )
    write = lines["write classes"]
    assert write.status is Status.MISSING
    assert "Hangup" in write.detail and "CoreShowChannels" in write.detail
    assert write.fix == "[callpanel_limited] write = call,originate,reporting"
    assert "Originate" not in write.detail.split("run ", 1)[1].split(":")[0].split(", ")
    assert lines["read class call"].status is Status.OK  # it may originate and read call
    assert lines["phone"].status is Status.SKIPPED  # no Getvar
    assert lines["dialplan"].status is Status.SKIPPED  # no ShowDialPlan
    assert "missing" in summary(list(lines.values()))


@pytest.mark.asyncio
async def test_phone_notify_needs_the_system_write_class(sim: SimPbx) -> None:
    client = ClientConfig(endpoints=("SIP/101",), answer_strategy=AnswerStrategy.PHONE_NOTIFY)
    lines = await check(sim, client, user="callpanel_limited", secret="callpanel-limited-secret")
    write = lines["write classes"]
    assert "SIPnotify" in write.detail and "system" in write.detail
    assert write.fix == "[callpanel_limited] write = call,originate,reporting,system"


@pytest.mark.asyncio
async def test_an_unknown_phone_and_a_missing_context(sim: SimPbx) -> None:
    client = ClientConfig(
        endpoints=("SIP/101", "SIP/999"),
        hold_strategy=HoldStrategy.PBX_MOH,
        hold_context="panel-hold-typo",
    )
    lines = await check(sim, client)
    assert lines["phone SIP/101"].status is Status.OK
    unknown = lines["phone SIP/999"]
    assert unknown.status is Status.MISSING and "sip.conf: [999]" in (unknown.fix or "")
    context = lines["context panel-hold-typo"]
    assert context.status is Status.MISSING
    assert context.fix is not None and context.fix.startswith("extensions.conf: [panel-hold-typo]")


@pytest.mark.asyncio
async def test_a_refused_login_stops_with_the_manager_conf_lines(sim: SimPbx) -> None:
    lines = await check(sim, secret="wrong")
    assert list(lines) == ["TLS", "login"]
    login = lines["login"]
    assert login.status is Status.MISSING and "[callpanel]" in (login.fix or "")
    assert "wrong" not in login.render()


@pytest.mark.asyncio
async def test_nothing_listening(sim: SimPbx) -> None:
    port = sim.port
    await sim.stop()
    lines = await SelfCheck(
        ConnectionConfig(port=port, secret="x", connect_timeout=2), ClientConfig()
    ).run()
    assert [line.topic for line in lines] == ["TLS", "connection"]
    assert lines[1].status is Status.MISSING and "enabled = yes" in (lines[1].fix or "")


def test_plain_tcp_off_the_machine_is_a_warning() -> None:
    check = SelfCheck(ConnectionConfig(host="192.0.2.10", secret="x"), ClientConfig())
    check._check_tls()
    assert check.lines[0].status is Status.WARNING and "tlsenable = yes" in (
        check.lines[0].fix or ""
    )


def test_the_cli_checks_the_demo_pbx() -> None:
    from callpanel.check import main

    out = io.StringIO()
    assert main(["--demo", "--hold", "pbx-moh"], out=out) == 0
    text = out.getvalue()
    assert "[     ok] context panel-hold: exists" in text
    assert text.rstrip().endswith("everything the panel needs is there")
    out = io.StringIO()
    assert main(["--demo", "--endpoint", "SIP/555"], out=out) == 1
    assert "[missing] phone SIP/555" in out.getvalue()


def test_the_events_it_names_are_the_recommended_eventfilter() -> None:
    import re
    from pathlib import Path

    from callpanel.asterisk.selfcheck import PROBE_EVENTS

    conf = Path(__file__).parents[2] / "packaging" / "asterisk" / "manager.conf"
    names: set[str] = set()
    for line in conf.read_text(encoding="utf-8").splitlines():
        found = re.match(r"eventfilter = Event: \(?([A-Za-z|]+)", line)
        if found:
            names.update(found.group(1).split("|"))
    assert set(PROBE_EVENTS) <= names  # what the probe provokes, the recommended filter passes
