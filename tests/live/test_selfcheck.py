"""`callpanel check` against the lab's real Asterisk, whose AMI user and dialplan are copied from
packaging/asterisk/ as an admin would: the recommended set-up passes every check, including
the call centre's queues (a paused probe member in and out of ``support``), pbx-park's lot and
what the customer sees on click-to-call; phone-notify's notify types are reported until the
packaging's file is copied in."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from labkit.lab import Lab

from callpanel.asterisk.checklines import Finding, FixFile, Status
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck
from callpanel.ui.check_words import report_text

PACKAGING = Path(__file__).resolve().parents[2] / "packaging" / "asterisk"


def check(lab: Lab, client: ClientConfig, user: str = "callpanel") -> dict[str, CheckLine]:
    secret = lab.secret if user == "callpanel" else lab.lab_secret
    config = ConnectionConfig(port=lab.ports.ami, username=user, secret=secret)
    lines = asyncio.run(SelfCheck(config, client, probe_timeout=5).run())
    return {line.key: line for line in lines}


def report(lines: dict[str, CheckLine]) -> str:
    return report_text(list(lines.values()))


def test_the_recommended_set_up_passes(lab: Lab, endpoint: str) -> None:
    client = ClientConfig(
        endpoints=(endpoint,),
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PBX_MOH,
    )
    lines = check(lab, client)
    text = report(lines)
    missing = [line for line in lines.values() if line.status is Status.MISSING]
    assert missing == [], text
    for key in ("login", "read-system", "write-classes", "read-call", "eventfilter", "queues",
                "queue-actions", "queue-events", f"phone:{endpoint}", "context:internal",
                "context:panel-aa", "context:panel-hold", "context:panel-park-op"):  # fmt: skip
        assert lines[key].status is Status.OK, text
    assert "Newchannel" in lines["read-call"].facts[0], text
    # the lab's three queues as Asterisk lists them; 101 is a static member of support only
    assert lines["queues"].facts == ("hotline, support, sales", "support"), text
    assert lines["queue-events"].facts == (
        "QueueMemberAdded, QueueMemberPause, QueueMemberRemoved",
    ), text
    # the probe member left no trace in the queue
    assert "callpanel-check" not in lab.cli("queue show support")


def test_pbx_park_finds_res_parking_and_its_lot(lab: Lab, endpoint: str) -> None:
    lines = check(lab, ClientConfig(endpoints=(endpoint,), hold_strategy=HoldStrategy.PBX_PARK))
    parking = lines["parking"]
    assert parking.status is Status.OK, report(lines)
    assert parking.facts == ("default", "701", "720", "45")  # the lab's res_parking.conf


def test_what_the_customer_sees_on_click_to_call(lab: Lab, endpoint: str) -> None:
    """No Caller ID setting: the phone's own callerid (pjsip.conf / sip.conf "Operator 101"
    <101>) goes out, an extension a carrier would reject; with the setting, the setting."""
    lines = check(lab, ClientConfig(endpoints=(endpoint,)))
    caller = lines["caller-id"]
    conf = "pjsip.conf" if lab.tech == "PJSIP" else "sip.conf"
    assert caller.status is Status.WARNING and caller.finding is Finding.CALLER_ID_SHORT
    assert caller.facts == ('"Operator 101" <101>', f"{conf} [101] callerid"), report(lines)
    assert [fix.file for fix in caller.fixes] == [FixFile.SETTINGS, FixFile.EXTENSIONS]
    company = ClientConfig(endpoints=(endpoint,), caller_id='"Example Ltd" <74951234567>')
    lines = check(lab, company)
    assert lines["caller-id"].status is Status.OK
    assert lines["caller-id"].facts == ('"Example Ltd" <74951234567>',)


def test_what_an_outside_number_sees_on_a_blind_transfer(lab: Lab, endpoint: str) -> None:
    """The default transfer context (internal) lets the caller's own number go out; the
    packaging's [panel-transfer] puts ours in its place (tests/live/test_transfer_callerid.py
    proves what the trunk then gets)."""
    lines = check(lab, ClientConfig(endpoints=(endpoint,)))
    line = lines["transfer-caller-id"]
    assert line.status is Status.WARNING, report(lines)
    assert (line.finding, line.facts) == (Finding.TRANSFER_CID_CALLERS, ("internal",))
    assert [fix.file for fix in line.fixes] == [FixFile.SETTINGS, FixFile.EXTENSIONS]
    lines = check(lab, ClientConfig(endpoints=(endpoint,), transfer_context="panel-transfer"))
    line = lines["transfer-caller-id"]
    assert line.status is Status.OK, report(lines)
    assert (line.finding, line.facts) == (Finding.TRANSFER_CID_OURS, ("panel-transfer",))
    assert "sees our caller ID" in report(lines)


def test_phone_notify_types_until_the_packaging_file_is_there(lab: Lab, endpoint: str) -> None:
    # phone-notify needs write class system, which the packaging user has only when told to
    client = ClientConfig(endpoints=(endpoint,), answer_strategy=AnswerStrategy.PHONE_NOTIFY)
    name = "pjsip_notify.conf" if lab.tech == "PJSIP" else "sip_notify.conf"
    target = lab.dir / "etc" / name
    target.unlink(missing_ok=True)
    lines = check(lab, client, user="lab")
    notify = lines[f"notify:{name}"]
    assert notify.status is Status.WARNING and notify.finding is Finding.NOTIFY_NO_FILE
    (fix,) = notify.fixes
    assert fix.file.value == name and "[panel-talk]" in fix.lines and "Event=>talk" in fix.lines
    shutil.copy(PACKAGING / name, target)  # as packaging/asterisk/README.md says
    lines = check(lab, client, user="lab")
    notify = lines[f"notify:{name}"]
    assert notify.status is Status.OK and notify.finding is Finding.NOTIFY_DEFINED
    assert "panel-talk" in notify.facts[0] and "101" in notify.facts[0]


def test_a_phone_that_is_not_there(lab: Lab) -> None:
    lines = check(lab, ClientConfig(endpoints=(f"{lab.tech}/199",)))
    phone = lines[f"phone:{lab.tech}/199"]
    assert phone.status is Status.MISSING and phone.fixes != ()
