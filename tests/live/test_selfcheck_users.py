"""`callpanel check` against a real Asterisk with set-ups an admin got wrong (its own small
configuration, on the lab's builds in ~/.cache/callpanel-lab/asterisk; skipped where none is
built): each mistake — in manager.conf (no read class call, a filter dropping what the panel
uses, too few write classes, no class agent for the queues), a missing or incomplete notify
file, no res_parking — is reported with its fix. test_selfcheck.py checks the recommended
set-up on the lab itself."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from callpanel.asterisk.checklines import Finding, FixFile, FixNote
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck, Status
from callpanel.ui.check_words import report_text

BUILDS = Path(os.environ.get("CALLPANEL_LAB_CACHE", "~/.cache/callpanel-lab")) / "asterisk"
VERSIONS = ("18.26.4", "22.10.1")
FILTER = (
    "eventfilter = Event: (Newchannel|Newstate|NewConnectedLine|Rename|Hangup)[[:cntrl:]]\n"
    "eventfilter = Event: (DialBegin|DialEnd|OriginateResponse)[[:cntrl:]]\n"
    "eventfilter = Event: (FullyBooted|Shutdown)[[:cntrl:]]\n"
)
USERS = f"""
[panel]
secret = panel-secret
read = call,system
write = call,originate,reporting
{FILTER}
[noread]
secret = noread-secret
read = system
write = call,originate,reporting

[filtered]
secret = filtered-secret
read = call,system
write = call,originate,reporting
eventfilter = Event: (Newchannel|Hangup)[[:cntrl:]]

[nowrite]
secret = nowrite-secret
read = call,system
write = originate

[noagent]
secret = noagent-secret
read = call,system
write = call,originate,reporting
{FILTER}
[noreadagent]
secret = noreadagent-secret
read = call,system
write = call,originate,reporting,agent

[notify]
secret = notify-secret
read = call,agent,system
write = call,originate,reporting,agent,system
"""

pytestmark = pytest.mark.timeout(120)


@dataclass(frozen=True)
class Mini:
    """The small Asterisk: its AMI port, its configuration folder, its SIP driver."""

    port: int
    etc: Path
    tech: str


def prefix(version: str) -> Path:
    return BUILDS.expanduser() / version


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module", params=VERSIONS)
def asterisk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Mini]:
    version: str = request.param
    binary = prefix(version) / "sbin" / "asterisk"
    if not binary.exists():
        if os.environ.get("CALLPANEL_LAB_REQUIRE") == "1" or os.environ.get("CI") == "true":
            pytest.fail(f"no Asterisk {version} build in {BUILDS}")
        pytest.skip(f"no Asterisk {version} build in {BUILDS}")
    root = tmp_path_factory.mktemp(f"asterisk-{version}")
    etc = root / "etc"
    etc.mkdir()
    for sub in ("run", "log", "spool", "lib"):
        (root / sub).mkdir()
    base = prefix(version)
    (etc / "asterisk.conf").write_text(
        "[directories]\n"
        f"astetcdir => {etc}\nastmoddir => {base}/lib/asterisk/modules\n"
        f"astvarlibdir => {root}/lib\nastdbdir => {root}/lib\nastkeydir => {root}/lib\n"
        f"astdatadir => {base}/var/lib/asterisk\nastagidir => {root}/lib\n"
        f"astspooldir => {root}/spool\nastrundir => {root}/run\nastlogdir => {root}/log\n"
        f"astsbindir => {base}/sbin\n[options]\n"
    )
    (etc / "modules.conf").write_text(  # no parking: pbx-park must be reported
        "[modules]\nautoload=yes\nnoload => res_pjsip_phoneprov.so\nnoload => res_parking.so\n"
    )
    (etc / "queues.conf").write_text(
        "[general]\npersistentmembers = no\n[support]\nstrategy = ringall\n"
    )
    (etc / "logger.conf").write_text("[general]\n[logfiles]\nmessages => error\n")
    port = free_port()
    (etc / "manager.conf").write_text(
        f"[general]\nenabled = yes\nport = {port}\nbindaddr = 127.0.0.1\n{USERS}"
    )
    (etc / "extensions.conf").write_text(
        "[internal]\nexten => 101,1,Dial(SIP/101)\n[panel-aa]\nexten => _X.,1,Dial(SIP/${EXTEN})\n"
    )
    (etc / "sip.conf").write_text(
        "[general]\nbindaddr=127.0.0.1\nbindport=0\n[101]\ntype=friend\nhost=dynamic\n"
    )
    conf = str(etc / "asterisk.conf")
    proc = subprocess.Popen([str(binary), "-C", conf, "-f", "-n"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        # the control socket appears once it runs; `core waitfullybooted` then blocks until ready
        for _ in range(300):  # the control socket appears once it runs (at most 30 s)
            if (root / "run" / "asterisk.ctl").exists():
                break
            try:
                proc.wait(timeout=0.1)
                break  # it exited: the assert below says so
            except subprocess.TimeoutExpired:
                pass
        assert proc.poll() is None, f"Asterisk {version} did not start"
        subprocess.run([str(binary), "-C", conf, "-rx", "core waitfullybooted"],
                       check=True, timeout=60, capture_output=True)  # fmt: skip
        yield Mini(port, etc, "SIP" if version.startswith("18.") else "PJSIP")
    finally:
        subprocess.run([str(binary), "-C", conf, "-rx", "core stop now"],
                       timeout=30, capture_output=True, check=False)  # fmt: skip
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_check(mini: Mini, user: str, client: ClientConfig | None = None) -> dict[str, CheckLine]:
    config = ConnectionConfig(port=mini.port, username=user, secret=f"{user}-secret")
    lines = asyncio.run(SelfCheck(config, client or ClientConfig(), probe_timeout=3).run())
    return {line.key: line for line in lines}


def report(lines: dict[str, CheckLine]) -> str:
    return report_text(list(lines.values()))


def test_the_recommended_user_passes(asterisk: Mini) -> None:
    lines = run_check(asterisk, "panel", ClientConfig(answer_strategy=AnswerStrategy.PBX_BRIDGE))
    for key in ("login", "read-system", "write-classes", "read-call", "eventfilter",
                "context:internal", "context:panel-aa"):  # fmt: skip
        assert lines[key].status is Status.OK, report(lines)
    assert "Newchannel" in lines["read-call"].facts[0]  # the Local pair of the probe
    assert "Hangup" in lines["read-call"].facts[0]


def test_no_read_class_call(asterisk: Mini) -> None:
    lines = run_check(asterisk, "noread")
    read = lines["read-call"]
    assert read.status is Status.MISSING, report(lines)
    assert (read.fixes[0].section, read.fixes[0].lines) == ("noread", ("read = call,agent,system",))


def test_an_eventfilter_that_drops_what_the_panel_uses(asterisk: Mini) -> None:
    lines = run_check(asterisk, "filtered")
    assert lines["read-call"].status is Status.OK
    assert lines["eventfilter"].status is Status.MISSING
    assert "OriginateResponse" in lines["eventfilter"].facts[0]


def test_missing_write_classes_and_contexts(asterisk: Mini) -> None:
    lines = run_check(asterisk, "nowrite")
    write = lines["write-classes"]
    assert write.status is Status.MISSING
    assert (write.fixes[0].section, write.fixes[0].lines) == (
        "nowrite", ("write = call,originate,reporting,agent",)
    )  # fmt: skip
    lines = run_check(asterisk, "panel", ClientConfig(
        endpoints=("SIP/999",), hold_strategy=HoldStrategy.PBX_MOH))  # fmt: skip
    assert lines["context:panel-hold"].status is Status.MISSING
    assert lines["phone:SIP/999"].status is Status.MISSING


def test_an_ami_user_without_the_agent_class(asterisk: Mini) -> None:
    """Queues exist, but the user may not QueueAdd/QueuePause: the call centre is reported as
    missing with the write line; the read class cannot be probed and is named."""
    lines = run_check(asterisk, "noagent")
    assert lines["queues"].status is Status.OK and lines["queues"].facts[0] == "support"
    actions = lines["queue-actions"]
    assert actions.status is Status.MISSING, report(lines)
    assert actions.facts == ("QueueAdd, QueuePause, QueueRemove",)
    assert (actions.fixes[0].section, actions.fixes[0].lines) == (
        "noagent", ("write = call,originate,reporting,agent",)
    )  # fmt: skip
    assert lines["queue-events"].status is Status.SKIPPED
    assert lines["queue-events"].fixes[0].lines == ("read = call,agent,system",)


def test_queue_events_without_the_agent_read_class(asterisk: Mini) -> None:
    """QueueAdd/QueuePause/QueueRemove work (write agent), the events never come (no read
    agent): the read line is the fix. The probe member is gone afterwards."""
    lines = run_check(asterisk, "noreadagent")
    assert lines["queue-actions"].status is Status.OK, report(lines)
    events = lines["queue-events"]
    assert events.status is Status.MISSING and events.finding is Finding.QUEUE_EVENTS_NONE
    assert events.fixes[0].section == "noreadagent"
    assert events.fixes[0].lines[0] == "read = call,agent,system"
    again = run_check(asterisk, "notify")  # the same probe for a user with read class agent
    assert again["queue-events"].status is Status.OK, report(again)


def test_no_parking_for_pbx_park(asterisk: Mini) -> None:
    lines = run_check(asterisk, "notify", ClientConfig(hold_strategy=HoldStrategy.PBX_PARK))
    parking = lines["parking"]
    assert parking.status is Status.MISSING, report(lines)
    assert parking.finding is Finding.PARKING_NOT_LOADED
    files = [fix.file for fix in parking.fixes]
    assert files == [FixFile.RES_PARKING, FixFile.MODULES]
    assert "parkpos => 701-720" in parking.fixes[0].lines
    assert parking.fixes[1].lines == ("load => res_parking.so",)
    assert "action:Park" not in lines  # one line says it, not two


def test_missing_and_incomplete_notify_definitions(asterisk: Mini) -> None:
    endpoint = f"{asterisk.tech}/101"
    name = "sip_notify.conf" if asterisk.tech == "SIP" else "pjsip_notify.conf"
    client = ClientConfig(endpoints=(endpoint,), answer_strategy=AnswerStrategy.PHONE_NOTIFY)
    target = asterisk.etc / name
    target.unlink(missing_ok=True)
    lines = run_check(asterisk, "notify", client)
    notify = lines[f"notify:{name}"]
    assert notify.status is Status.WARNING and notify.finding is Finding.NOTIFY_NO_FILE
    assert notify.fixes[0].note is FixNote.NOTIFY_TEST
    assert "panel-talk" in notify.fixes[0].note_value
    target.write_text("[panel-talk]\nEvent=>talk\n")  # GetConfig reads the file as it is now
    try:
        lines = run_check(asterisk, "notify", client)
    finally:
        target.unlink()
    notify = lines[f"notify:{name}"]
    assert notify.finding is Finding.NOTIFY_UNDEFINED and notify.facts == ("panel-hold",)
    assert "[panel-hold]" in notify.fixes[0].lines


def test_sip_phones_with_phone_notify_where_chan_sip_is_gone(asterisk: Mini) -> None:
    """Asterisk 21+ has no chan_sip: SIPnotify cannot come, and loading a module will not help."""
    client = ClientConfig(endpoints=("SIP/101",), answer_strategy=AnswerStrategy.PHONE_NOTIFY)
    lines = run_check(asterisk, "notify", client)
    action = lines.get("action:SIPnotify")
    if asterisk.tech == "SIP":
        assert action is None, report(lines)  # listed: chan_sip is there
        return
    assert action is not None and action.finding is Finding.NO_CHAN_SIP, report(lines)
    assert action.status is Status.MISSING and action.fixes == ()
