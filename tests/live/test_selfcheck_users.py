"""`callpanel check` against a real Asterisk with AMI users an admin got wrong (its own small
configuration, on the lab's builds in ~/.cache/callpanel-lab/asterisk; skipped where none is
built): each mistake in manager.conf is reported with its fix. test_selfcheck.py checks the
recommended set-up on the lab itself."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck, Status

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
"""

pytestmark = pytest.mark.timeout(120)


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
) -> Iterator[int]:
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
    (etc / "modules.conf").write_text("[modules]\nautoload=yes\nnoload => res_pjsip_phoneprov.so\n")
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
        yield port
    finally:
        subprocess.run([str(binary), "-C", conf, "-rx", "core stop now"],
                       timeout=30, capture_output=True, check=False)  # fmt: skip
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_check(port: int, user: str, client: ClientConfig | None = None) -> dict[str, CheckLine]:
    config = ConnectionConfig(port=port, username=user, secret=f"{user}-secret")
    lines = asyncio.run(SelfCheck(config, client or ClientConfig(), probe_timeout=3).run())
    return {line.topic: line for line in lines}


def test_the_recommended_user_passes(asterisk: int) -> None:
    lines = run_check(asterisk, "panel", ClientConfig(answer_strategy=AnswerStrategy.PBX_BRIDGE))
    for topic in ("login", "read class system", "write classes", "read class call",
                  "eventfilter", "context internal", "context panel-aa"):  # fmt: skip
        assert lines[topic].status is Status.OK, lines[topic].render()
    assert "Newchannel" in lines["read class call"].detail  # the Local pair of the probe
    assert "Hangup" in lines["read class call"].detail


def test_no_read_class_call(asterisk: int) -> None:
    lines = run_check(asterisk, "noread")
    assert lines["read class call"].status is Status.MISSING
    assert lines["read class call"].fix is not None
    assert lines["read class call"].fix.startswith("[noread] read = call,system")


def test_an_eventfilter_that_drops_what_the_panel_uses(asterisk: int) -> None:
    lines = run_check(asterisk, "filtered")
    assert lines["read class call"].status is Status.OK
    assert lines["eventfilter"].status is Status.MISSING
    assert "OriginateResponse" in lines["eventfilter"].detail


def test_missing_write_classes_and_contexts(asterisk: int) -> None:
    lines = run_check(asterisk, "nowrite")
    write = lines["write classes"]
    assert (
        write.status is Status.MISSING and write.fix == "[nowrite] write = call,originate,reporting"
    )
    lines = run_check(asterisk, "panel", ClientConfig(
        endpoints=("SIP/999",), hold_strategy=HoldStrategy.PBX_MOH))  # fmt: skip
    assert lines["context panel-hold"].status is Status.MISSING
    assert lines["phone SIP/999"].status is Status.MISSING
