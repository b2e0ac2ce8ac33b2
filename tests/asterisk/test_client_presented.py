"""Transfers tell the transfer dialplan which caller ID is ours (issue 18).

The exact Getvar/Setvar actions before BlindTransfer, Redirect and Atxfer, where the value
comes from, and that a refused variable never stops the transfer. The dialplan side is
proven on real Asterisk in tests/live/test_transfer_callerid.py.
"""

from __future__ import annotations

import dataclasses

import pytest

from callpanel.ami import Event, EventList
from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import ClientConfig, HoldStrategy
from callpanel.asterisk.presented import (
    Presented,
    identity_reads,
    lines_in,
    operator_identity,
    parse_caller_id,
    transfer_lines_present,
)
from callpanel.calls.events import CallState, HoldBy
from callpanel.calls.policy import Command

from .client_fakes import FakeAdapter, RecordingSender, error, ok

CALL = "1795755558.0"


def make(
    endpoints: tuple[str, ...] = ("PJSIP/101",), **extra: object
) -> tuple[AsteriskClient, RecordingSender, FakeAdapter]:
    config = dataclasses.replace(ClientConfig(), endpoints=endpoints, **extra)
    sender = RecordingSender()
    adapter = FakeAdapter()
    adapter.add(CALL, CallState.TALKING, operator="PJSIP/101-00000001", remote="PJSIP/trunk-0a")
    return AsteriskClient(sender, adapter, config), sender, adapter


def actions(sender: RecordingSender) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(a.name, list(a.headers)) for a in sender.sent]


@pytest.mark.asyncio
async def test_blind_transfer_presents_the_phones_own_caller_id() -> None:
    client, sender, _ = make()
    sender.reply("Getvar", ok(Value='"Operator 101" <101>'))
    await client.transfer(CALL, "74997654321")
    assert actions(sender) == [
        ("Getvar", [("Variable", "PJSIP_ENDPOINT(101,callerid)")]),
        # on the transferred party's channel: that channel dials the new number
        (
            "Setvar",
            [("Channel", "PJSIP/trunk-0a"), ("Variable", "CALLPANEL_CID_NUM"), ("Value", "101")],
        ),
        (
            "Setvar",
            [
                ("Channel", "PJSIP/trunk-0a"),
                ("Variable", "CALLPANEL_CID_NAME"),
                ("Value", "Operator 101"),
            ],
        ),
        (
            "BlindTransfer",
            [("Channel", "PJSIP/101-00000001"), ("Exten", "74997654321"), ("Context", "internal")],
        ),
    ]


@pytest.mark.asyncio
async def test_the_caller_id_setting_wins_and_needs_no_read() -> None:
    client, sender, _ = make(caller_id='"Example Ltd" <+7 495 123-45-67>')
    await client.transfer(CALL, "74997654321")
    assert [(a.name, a.get("Variable"), a.get("Value")) for a in sender.sent[:2]] == [
        ("Setvar", "CALLPANEL_CID_NUM", "+74951234567"),
        ("Setvar", "CALLPANEL_CID_NAME", "Example Ltd"),
    ]
    assert sender.names()[-1] == "BlindTransfer"


@pytest.mark.asyncio
async def test_a_caller_id_setting_without_a_number_falls_back_to_the_phones() -> None:
    client, sender, _ = make(caller_id="Support")
    sender.reply("Getvar", ok(Value="<101>"))
    await client.transfer(CALL, "74997654321")
    assert [(a.name, a.get("Value")) for a in sender.sent[:3]] == [
        ("Getvar", None),
        ("Setvar", "101"),
        ("Setvar", ""),
    ]


@pytest.mark.asyncio
async def test_chan_sip_reads_name_and_number_of_the_peer() -> None:
    client, sender, _ = make(endpoints=("SIP/101",))
    sender.reply("Getvar", ok(Value="Operator 101"), ok(Value="101"))
    await client.transfer(CALL, "74997654321")
    assert [a.get("Variable") for a in sender.sent[:4]] == [
        "SIPPEER(101,callerid_name)",
        "SIPPEER(101,callerid_num)",
        "CALLPANEL_CID_NUM",
        "CALLPANEL_CID_NAME",
    ]
    assert [a.get("Value") for a in sender.sent[2:4]] == ["101", "Operator 101"]


@pytest.mark.asyncio
async def test_attended_transfer_gives_the_operators_channel_the_caller_id_setting() -> None:
    client, sender, _ = make(caller_id='"Example Ltd" <74951234567>')
    await client.atxfer(CALL, "74997654321")
    # Asterisk dials the consultation with the operator channel's caller ID
    assert [(a.name, a.get("Channel"), a.get("Variable"), a.get("Value")) for a in sender.sent] == [
        ("Setvar", "PJSIP/101-00000001", "CALLERID(num)", "74951234567"),
        ("Setvar", "PJSIP/101-00000001", "CALLERID(name)", "Example Ltd"),
        ("Atxfer", "PJSIP/101-00000001", None, None),
    ]


@pytest.mark.asyncio
async def test_attended_transfer_without_a_setting_changes_nothing() -> None:
    client, sender, _ = make()
    await client.atxfer(CALL, "74997654321")
    assert sender.names() == ["Atxfer"]  # the consultation presents the phone's own ID


@pytest.mark.asyncio
async def test_redirect_from_a_panel_hold_sets_them_on_the_held_party_first() -> None:
    client, sender, adapter = make(hold_strategy=HoldStrategy.PBX_MOH)
    adapter.add(
        CALL,
        CallState.HOLD,
        operator="PJSIP/101-00000001",
        remote="PJSIP/trunk-0a",
        held_by=HoldBy.OPERATOR,
        bridged=False,
    )
    sender.reply("Getvar", ok(Value='"Operator 101" <101>'))
    await client.transfer(CALL, "74997654321")
    assert [(a.name, a.get("Channel")) for a in sender.sent] == [
        ("Getvar", None),
        ("Setvar", "PJSIP/trunk-0a"),
        ("Setvar", "PJSIP/trunk-0a"),
        ("Hangup", "PJSIP/101-00000001"),
        ("Redirect", "PJSIP/trunk-0a"),
    ]


@pytest.mark.asyncio
async def test_a_refused_variable_never_stops_the_transfer_or_greys_it_out() -> None:
    client, sender, _ = make(caller_id="74951234567")
    sender.reply("Setvar", error("Permission denied"))
    await client.transfer(CALL, "74997654321")
    assert sender.names() == ["Setvar", "BlindTransfer"]
    assert Command.TRANSFER not in client.unavailable()


@pytest.mark.asyncio
async def test_no_caller_id_known_sends_no_variables() -> None:
    client, sender, _ = make(endpoints=("PJSIP/alice",))
    sender.reply("Getvar", ok(Value=""))  # no callerid configured, and "alice" is no number
    await client.transfer(CALL, "74997654321")
    assert sender.names() == ["Getvar", "BlindTransfer"]


@pytest.mark.asyncio
async def test_an_unreadable_endpoint_is_not_guessed() -> None:
    sender = RecordingSender()
    sender.reply("Getvar", error("Permission denied"))
    assert await operator_identity(sender, "PJSIP/101") is None


@pytest.mark.asyncio
async def test_endpoint_without_callerid_presents_its_number_name() -> None:
    sender = RecordingSender()
    sender.reply("Getvar", ok(Value=""), ok(Value=""))
    assert await operator_identity(sender, "SIP/101") == Presented("", "101")


def test_identity_reads_only_for_sip_and_pjsip() -> None:
    assert identity_reads("IAX2/101") == []
    assert [a.get("Variable") for a in identity_reads("PJSIP/op-1")] == [
        "PJSIP_ENDPOINT(op-1,callerid)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Example Ltd" <74951234567>', Presented("Example Ltd", "74951234567")),
        ("Example Ltd <+7 495 123 45 67>", Presented("Example Ltd", "+74951234567")),
        ("101", Presented("", "101")),
        ('"Bad <name>" <101>', Presented("Bad name", "101")),
        ("<unknown>", None),
        ("", None),
        ("alice", None),
    ],
)
def test_parse_caller_id(text: str, expected: Presented | None) -> None:
    assert parse_caller_id(text) == expected


def _listing(*rows: tuple[str, str]) -> EventList:
    events = tuple(
        Event.build([("Event", "ListDialplan"), ("Context", ctx), ("AppData", data)])
        for ctx, data in rows
    )
    return EventList(ok("Events follow"), events, None)


def test_lines_are_found_only_in_the_transfer_context_itself() -> None:
    ours = _listing(("panel-transfer", '$["${CALLPANEL_CID_NUM}" = ""]?out'))
    assert lines_in(ours, "panel-transfer")
    included = _listing(("panel-transfer", "internal,${EXTEN},1"), ("x", "${CALLPANEL_CID_NUM}"))
    assert not lines_in(included, "panel-transfer")


@pytest.mark.asyncio
async def test_transfer_lines_present_asks_showdialplan() -> None:
    sender = RecordingSender()
    sender.lists["ShowDialPlan"] = _listing(("internal", "PJSIP/trunk/${EXTEN},60,T"))
    assert await transfer_lines_present(sender, "internal") is False
    assert sender.headers() == [("Context", "internal")]
    sender.reply("ShowDialPlan", error("Did not find context panel-transfer"))
    assert await transfer_lines_present(sender, "panel-transfer") is False
    sender.reply("ShowDialPlan", error("Permission denied"))
    assert await transfer_lines_present(sender, "internal") is None
