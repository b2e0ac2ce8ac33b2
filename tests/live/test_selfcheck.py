"""`callpanel check` against the lab's real Asterisk, whose AMI user and dialplan are copied from
packaging/asterisk/ as an admin would: the recommended set-up passes every check, and the
lab's all-powerful user is reported for what it lacks least (nothing)."""

from __future__ import annotations

import asyncio

from labkit.lab import Lab

from callpanel.asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from callpanel.asterisk.selfcheck import CheckLine, SelfCheck, Status


def check(lab: Lab, client: ClientConfig, user: str = "callpanel") -> dict[str, CheckLine]:
    secret = lab.secret if user == "callpanel" else lab.lab_secret
    config = ConnectionConfig(port=lab.ports.ami, username=user, secret=secret)
    lines = asyncio.run(SelfCheck(config, client, probe_timeout=5).run())
    return {line.topic: line for line in lines}


def test_the_recommended_set_up_passes(lab: Lab, endpoint: str) -> None:
    client = ClientConfig(
        endpoints=(endpoint,),
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PBX_MOH,
    )
    lines = check(lab, client)
    rendered = "\n".join(line.render() for line in lines.values())
    missing = [line for line in lines.values() if line.status is Status.MISSING]
    assert missing == [], rendered
    for topic in ("login", "read class system", "write classes", "read class call",
                  "eventfilter", f"phone {endpoint}", "context internal", "context panel-aa",
                  "context panel-hold", "context panel-park-op"):  # fmt: skip
        assert lines[topic].status in (Status.OK, Status.WARNING), rendered
    assert lines["read class call"].status is Status.OK
    assert "Newchannel" in lines["read class call"].detail, rendered


def test_a_phone_that_is_not_there(lab: Lab) -> None:
    lines = check(lab, ClientConfig(endpoints=(f"{lab.tech}/199",)))
    phone = lines[f"phone {lab.tech}/199"]
    assert phone.status is Status.MISSING and phone.fix is not None
