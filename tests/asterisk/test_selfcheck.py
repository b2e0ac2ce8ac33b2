"""`callpanel check` against the demo PBX on a real socket: each thing the panel needs is
reported as typed data, and a missing one carries the configuration lines that fix it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from callpanel.asterisk.checklines import Feature, Finding, FixFile, FixNote, Status, Topic
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck
from callpanel.sim import SimConfig, SimPbx
from callpanel.sim.config import SimUser

pytestmark = pytest.mark.timeout(60)
ROOT = Path(__file__).resolve().parents[2]

# users an admin got wrong, as manager.conf would have them
EXTRA_USERS = (
    SimUser("noagent", "noagent-secret", read=frozenset({"call", "system"}),
            write=frozenset({"call", "originate", "reporting"})),
    SimUser("noreadagent", "noreadagent-secret", read=frozenset({"call", "system"}),
            write=frozenset({"call", "originate", "reporting", "agent"})),
)  # fmt: skip


@pytest_asyncio.fixture
async def sim() -> AsyncIterator[SimPbx]:
    pbx = SimPbx(SimConfig(time_scale=0.005, extra_users=EXTRA_USERS))
    await pbx.start("127.0.0.1", 0)
    yield pbx
    await pbx.stop()


async def check(
    sim: SimPbx,
    client: ClientConfig | None = None,
    *,
    user: str = "callpanel",
    secret: str | None = None,
) -> dict[str, CheckLine]:
    secret = secret or {"callpanel_limited": "callpanel-limited-secret"}.get(user, f"{user}-secret")
    config = ConnectionConfig(port=sim.port, username=user, secret=secret)
    lines = await SelfCheck(config, client or ClientConfig(), probe_timeout=1.0).run()
    keys = [line.key for line in lines]
    assert len(keys) == len(set(keys)), keys
    return {line.key: line for line in lines}


def statuses(lines: dict[str, CheckLine]) -> dict[str, Status]:
    return {key: line.status for key, line in lines.items()}


@pytest.mark.asyncio
async def test_a_complete_set_up_has_nothing_missing(sim: SimPbx) -> None:
    client = ClientConfig(
        endpoints=("SIP/101",),
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PBX_MOH,
        caller_id='"Example Ltd" <74951234567>',
    )
    lines = await check(sim, client)
    assert statuses(lines) == {
        "tls": Status.OK,
        "login": Status.OK,
        "read-system": Status.OK,
        "write-classes": Status.OK,
        "read-call": Status.OK,
        "eventfilter": Status.OK,
        "queues": Status.OK,
        "queue-actions": Status.OK,
        "queue-events": Status.OK,
        "phone:SIP/101": Status.OK,
        "context:internal": Status.OK,
        "context:panel-aa": Status.OK,
        "context:panel-hold": Status.OK,
        "context:panel-park-op": Status.OK,
        "caller-id": Status.OK,
        # the demo's transfer context is plain "internal" (no [panel-transfer] lines)
        "transfer-caller-id": Status.WARNING,
    }
    # the probe saw the Local pair come and go, and the failed originate
    assert lines["read-call"].facts == ("Newchannel, Hangup, OriginateResponse",)
    assert lines["queues"].facts == ("support, sales", "support")  # SIP/101 is in support
    assert lines["queue-events"].facts == (
        "QueueMemberAdded, QueueMemberPause, QueueMemberRemoved",
    )
    assert lines["caller-id"].finding is Finding.CALLER_ID_SETTING
    assert all(line.fixes == () for line in lines.values() if line.status is Status.OK)
    # the probe member is gone again: only the demo's own members remain
    assert all("callpanel-check" not in m.interface for m in sim.pbx.centre.members.values())


@pytest.mark.asyncio
async def test_a_least_privilege_mistake_names_each_fix(sim: SimPbx) -> None:
    # callpanel_limited: read = call,agent; write = originate
    lines = await check(sim, user="callpanel_limited")
    system = lines["read-system"]
    assert system.status is Status.MISSING
    (fix,) = system.fixes
    assert (fix.file, fix.section, fix.lines) == (
        FixFile.MANAGER, "callpanel_limited", ("read = call,agent,system",)
    )  # fmt: skip
    assert fix.then == 'asterisk -rx "manager reload"'
    write = lines["write-classes"]
    assert write.status is Status.MISSING and write.facts == ("call,reporting",)
    names = [need.name for need in write.needs]
    assert "Hangup" in names and "CoreShowChannels" in names and "Originate" not in names
    assert write.fixes[0].lines == ("write = call,originate,reporting,agent",)
    assert lines["read-call"].status is Status.OK  # it may originate and read call
    assert lines["phone"].status is Status.SKIPPED  # no Getvar
    assert lines["context"].status is Status.SKIPPED  # no ShowDialPlan
    assert lines["caller-id"].status is Status.SKIPPED  # no Getvar either
    queues = lines["queue-actions"]
    assert queues.status is Status.MISSING and queues.finding is Finding.QUEUE_ACTIONS_DENIED
    assert queues.facts == ("QueueAdd, QueuePause, QueueRemove",)
    assert lines["queue-events"].status is Status.SKIPPED


@pytest.mark.asyncio
async def test_a_user_without_the_agent_class(sim: SimPbx) -> None:
    """The call centre's log in / pause need write class agent; without it the probe cannot
    run and the fix names both classes' lines."""
    lines = await check(sim, user="noagent")
    assert lines["write-classes"].status is Status.OK  # the calls themselves are fine
    actions = lines["queue-actions"]
    assert actions.status is Status.MISSING
    assert [n.feature for n in actions.needs] == [Feature.QUEUE_LOGIN, Feature.QUEUE_PAUSE]
    assert actions.fixes[0].section == "noagent"
    assert actions.fixes[0].lines == ("write = call,originate,reporting,agent",)
    assert lines["queue-events"].fixes[0].lines == ("read = call,agent,system",)


@pytest.mark.asyncio
async def test_queue_events_without_the_agent_read_class(sim: SimPbx) -> None:
    """The probe member goes in and out (write agent), but its events never arrive."""
    lines = await check(sim, user="noreadagent")
    assert lines["queue-actions"].status is Status.OK
    events = lines["queue-events"]
    assert events.status is Status.MISSING and events.finding is Finding.QUEUE_EVENTS_NONE
    assert events.fixes[0].lines[0] == "read = call,agent,system"
    assert events.fixes[0].note is FixNote.EVENTFILTER_TOO
    assert all("callpanel-check" not in m.interface for m in sim.pbx.centre.members.values())


@pytest.mark.asyncio
async def test_phone_notify_needs_the_system_write_class(sim: SimPbx) -> None:
    client = ClientConfig(endpoints=("SIP/101",), answer_strategy=AnswerStrategy.PHONE_NOTIFY)
    lines = await check(sim, client, user="callpanel_limited")
    write = lines["write-classes"]
    assert "SIPnotify" in [n.name for n in write.needs] and "system" in write.facts[0]
    assert write.fixes[0].lines == ("write = call,originate,reporting,agent,system",)
    notify = lines["notify:sip_notify.conf"]  # GetConfig needs system as well
    assert notify.status is Status.SKIPPED and notify.fixes[0].file is FixFile.SIP_NOTIFY


@pytest.mark.asyncio
async def test_phone_notify_types_and_the_parking_lot_of_the_demo(sim: SimPbx) -> None:
    client = ClientConfig(
        endpoints=("SIP/101",),
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.PBX_PARK,
    )
    lines = await check(sim, client)
    notify = lines["notify:sip_notify.conf"]
    assert notify.finding is Finding.NOTIFY_DEFINED
    assert notify.facts == ('asterisk -rx "sip notify panel-talk 101"',)
    parking = lines["parking"]
    assert parking.status is Status.OK and parking.facts == ("default", "701", "720", "45")


@pytest.mark.asyncio
async def test_the_caller_id_the_customer_sees_without_a_setting(sim: SimPbx) -> None:
    lines = await check(sim, ClientConfig(endpoints=("SIP/101",)))
    caller = lines["caller-id"]
    # the demo's phone presents its extension: what the trunk gets unless the dialplan says
    assert caller.status is Status.WARNING and caller.finding is Finding.CALLER_ID_SHORT
    assert caller.facts == ('"Operator 101" <101>', "sip.conf [101] callerid")
    settings, dialplan = caller.fixes
    assert settings.file is FixFile.SETTINGS and settings.note is FixNote.SETTINGS_CALLER_ID
    assert dialplan.file is FixFile.EXTENSIONS and dialplan.section == "internal"
    assert dialplan.lines == ("same => n,Set(CALLERID(num)={company})",)


@pytest.mark.asyncio
async def test_an_unknown_phone_and_a_missing_context(sim: SimPbx) -> None:
    client = ClientConfig(
        endpoints=("SIP/101", "SIP/999"),
        hold_strategy=HoldStrategy.PBX_MOH,
        hold_context="panel-hold-typo",
    )
    lines = await check(sim, client)
    assert lines["phone:SIP/101"].status is Status.OK
    unknown = lines["phone:SIP/999"]
    assert unknown.status is Status.MISSING
    assert (unknown.fixes[0].file, unknown.fixes[0].section) == (FixFile.SIP, "999")
    context = lines["context:panel-hold-typo"]
    assert context.status is Status.MISSING and context.needs[0].feature is Feature.MOH_MUSIC
    assert (context.fixes[0].file, context.fixes[0].section) == (
        FixFile.EXTENSIONS, "panel-hold-typo"
    )  # fmt: skip


@pytest.mark.asyncio
async def test_a_refused_login_stops_with_the_manager_conf_lines(sim: SimPbx) -> None:
    lines = await check(sim, secret="wrong")
    assert list(lines) == ["tls", "login"]
    login = lines["login"]
    assert login.status is Status.MISSING and login.fixes[0].section == "callpanel"
    assert login.fixes[0].lines == ("secret = {secret}", "permit = {address}/255.255.255.255")
    assert all("wrong" not in fact for fact in login.facts)


@pytest.mark.asyncio
async def test_nothing_listening(sim: SimPbx) -> None:
    port = sim.port
    await sim.stop()
    lines = await SelfCheck(
        ConnectionConfig(port=port, secret="x", connect_timeout=2), ClientConfig()
    ).run()
    assert [line.topic for line in lines] == [Topic.TLS, Topic.CONNECTION]
    assert lines[1].status is Status.MISSING and "enabled = yes" in lines[1].fixes[0].lines


def test_plain_tcp_off_the_machine_is_a_warning() -> None:
    check = SelfCheck(ConnectionConfig(host="192.0.2.10", secret="x"), ClientConfig())
    check._check_tls()
    assert check.lines[0].status is Status.WARNING
    assert check.lines[0].facts == ("192.0.2.10",)
    assert "tlsenable = yes" in check.lines[0].fixes[0].lines


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "callpanel", "check", "--demo", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env, check=False,
    )  # fmt: skip


def test_the_cli_checks_the_demo_pbx_in_english_and_russian() -> None:
    done = run_cli("--hold", "pbx-moh", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "[     ok] context panel-hold: exists" in done.stdout
    # warnings: the phone's extension as caller ID; the transfer context sets none of ours
    assert done.stdout.rstrip().endswith("everything the panel needs is there; warnings: 2")
    assert "caller ID on a transfer out" in done.stdout
    russian = run_cli("--hold", "pbx-moh", "--lang", "ru")
    assert russian.returncode == 0, russian.stderr
    assert "контекст panel-hold" in russian.stdout
    assert "Set(CALLERID(num)=<номер компании>)" in russian.stdout  # the line stays as it is
    assert "everything" not in russian.stdout and "missing" not in russian.stdout
    missing = run_cli("--endpoint", "SIP/555", "--lang", "en")
    assert missing.returncode == 1
    assert "[missing] phone SIP/555" in missing.stdout


def test_the_events_it_names_are_the_recommended_eventfilter() -> None:
    import re

    from callpanel.asterisk.selfcheck import PROBE_EVENTS
    from callpanel.asterisk.selfcheck_features import QUEUE_PROBE_EVENTS

    conf = ROOT / "packaging" / "asterisk" / "manager.conf"
    names: set[str] = set()
    for line in conf.read_text(encoding="utf-8").splitlines():
        found = re.match(r"eventfilter = Event: \(?([A-Za-z|]+)", line)
        if found:
            names.update(found.group(1).split("|"))
    # what the probes provoke, the recommended filter passes
    assert set(PROBE_EVENTS) | set(QUEUE_PROBE_EVENTS) <= names


def test_an_action_not_listed_although_its_class_is_granted() -> None:
    from callpanel.asterisk.selfcheck import NeededAction

    sip = NeededAction("SIPnotify", "system", Feature.NOTIFY_SIP, module="chan_sip.so")
    on_22 = SelfCheck._unavailable(sip, 22)
    assert on_22.finding is Finding.NO_CHAN_SIP and on_22.fixes == ()  # nothing to load
    on_18 = SelfCheck._unavailable(sip, 18)
    assert on_18.finding is Finding.ACTION_NO_MODULE and on_18.status is Status.MISSING
    assert on_18.fixes[0].lines == ("load => chan_sip.so",)
    cancel = NeededAction("CancelAtxfer", "call", Feature.CANCEL_TRANSFER, optional=True)
    old = SelfCheck._unavailable(cancel, 13)  # before 16.9 Asterisk has no CancelAtxfer
    assert (old.finding, old.status, old.fixes) == (Finding.ACTION_ABSENT, Status.WARNING, ())


@pytest.mark.asyncio
async def test_what_an_outside_number_sees_on_a_blind_transfer(sim: SimPbx) -> None:
    lines = await check(sim, ClientConfig(endpoints=("SIP/101",)))
    line = lines["transfer-caller-id"]
    # the demo's transfer context is plain "internal": the caller's own number goes out
    assert line.status is Status.WARNING and line.finding is Finding.TRANSFER_CID_CALLERS
    assert line.facts == ("internal",)
    settings, dialplan = line.fixes
    assert settings.note is FixNote.SETTINGS_TRANSFER_CONTEXT
    assert (dialplan.file, dialplan.section) == (FixFile.EXTENSIONS, "panel-transfer")


@pytest.mark.asyncio
async def test_a_user_who_may_not_read_the_dialplan_is_told_the_transfer_is_unknown(
    sim: SimPbx,
) -> None:
    lines = await check(sim, ClientConfig(endpoints=("SIP/101",)), user="callpanel_limited")
    line = lines["transfer-caller-id"]
    assert line.status is Status.SKIPPED and line.finding is Finding.TRANSFER_CID_UNKNOWN


def test_the_parking_fix_quotes_the_packaging_file() -> None:
    from callpanel.asterisk.selfcheck_features import PARKING_LINES

    shipped = (ROOT / "packaging" / "asterisk" / "res_parking.conf").read_text()
    lines = {line.split(";", 1)[0].strip() for line in shipped.splitlines()}
    assert [line for line in PARKING_LINES if line not in lines] == []
