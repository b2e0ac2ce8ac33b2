"""AsteriskClient: the exact actions (headers and order) for every command and strategy."""

from __future__ import annotations

import dataclasses

import pytest

from callpanel.ami import Action, Response
from callpanel.asterisk.client import CHANNEL_ID_PREFIX, AsteriskClient, split_caller_id
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, HoldStrategy
from callpanel.asterisk.errors import ActionFailed, InvalidInput, NotSupported
from callpanel.calls.events import CallState, HoldBy

from .client_fakes import FakeAdapter, RecordingSender, error, ok, parked_list

pytestmark = pytest.mark.asyncio

CALL = "1795755558.0"


def make(
    *,
    answer: AnswerStrategy = AnswerStrategy.NONE,
    hold: HoldStrategy = HoldStrategy.NONE,
    version: tuple[int, ...] | None = (18, 26, 4),
    endpoints: tuple[str, ...] = ("SIP/101",),
    **extra: object,
) -> tuple[AsteriskClient, RecordingSender, FakeAdapter]:
    config = dataclasses.replace(
        ClientConfig(), answer_strategy=answer, hold_strategy=hold, endpoints=endpoints, **extra
    )
    sender = RecordingSender(version)
    adapter = FakeAdapter()
    return AsteriskClient(sender, adapter, config), sender, adapter


def without_channel_id(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for key, value in headers:
        if key == "ChannelId":
            assert value.startswith(CHANNEL_ID_PREFIX)
            assert len(value) <= 149  # AST_MAX_PUBLIC_UNIQUEID
            value = "<id>"
        out.append((key, value))
    return out


# ------------------------------------------------------------------ dial


async def test_dial_originates_async_to_the_operator_phone_first() -> None:
    client, sender, adapter = make()
    call_id = await client.dial("+7 (499) 765-43-21")
    assert sender.names() == ["Originate"]
    assert without_channel_id(sender.headers()) == [
        ("Channel", "SIP/101"),
        ("Context", "internal"),
        ("Exten", "+74997654321"),
        ("Priority", "1"),
        # the callee's number goes only to the operator's phone (connected line); no
        # CallerID, or Dial() would present the customer's own number to them (issue 18)
        ("Variable", "CONNECTEDLINE(num,i)=+74997654321"),
        ("Variable", "CONNECTEDLINE(name,i)=+74997654321"),
        ("Timeout", "30000"),
        ("ChannelId", "<id>"),
        ("Async", "true"),
    ]
    channel_id = sender.sent[0].get("ChannelId")
    assert call_id == channel_id
    # registered before sending, as a new outgoing call
    assert adapter.expected == [(channel_id, "+74997654321", None)]


async def test_dial_uses_configured_caller_id_context_and_timeout() -> None:
    client, sender, _ = make(
        caller_id='"Sergey Ivanov" <74997654321>',
        originate_context="from-panel",
        originate_timeout_ms=45000,
        endpoints=("PJSIP/alice", "SIP/101"),
    )
    await client.dial("74997654321")
    action = sender.sent[0]
    assert action.get("Channel") == "PJSIP/alice"
    assert action.get("Context") == "from-panel"
    assert action.get("CallerID") is None
    # the configured caller ID is what the called party sees: the operator leg's own
    assert [v for k, v in action.headers if k == "Variable"] == [
        "CONNECTEDLINE(num,i)=74997654321",
        "CONNECTEDLINE(name,i)=74997654321",
        "CALLERID(num)=74997654321",
        "CALLERID(name)=Sergey Ivanov",
    ]
    assert action.get("Timeout") == "45000"


async def test_dial_shows_the_contacts_name_on_the_operators_phone_only() -> None:
    client, sender, _ = make(caller_id="74951234567")
    await client.dial("+74997654321", name='Ivan, "the" <Boss>')
    variables = [v for k, v in sender.sent[0].headers if k == "Variable"]
    assert variables == [
        "CONNECTEDLINE(num,i)=+74997654321",
        # quotes/brackets dropped, commas would split the Variable header in Asterisk
        "CONNECTEDLINE(name,i)=Ivan  the Boss",
        "CALLERID(num)=74951234567",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"Support" <74951234567>', ("Support", "74951234567")),
        ("Support <+74951234567>", ("Support", "+74951234567")),
        ("<74951234567>", ("", "74951234567")),
        ("74951234567", ("", "74951234567")),
        ('"Acme, Inc" <7495>', ("Acme  Inc", "7495")),
    ],
)
async def test_split_caller_id(value: str, expected: tuple[str, str]) -> None:
    assert split_caller_id(value) == expected


async def test_each_dial_gets_a_fresh_channel_id() -> None:
    client, _sender, _ = make()
    first = await client.dial("101")
    second = await client.dial("101")
    assert first != second


# ------------------------------------------------------------------ answer


async def test_answer_none_is_not_supported_with_a_reason() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.NONE)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    with pytest.raises(NotSupported, match="handset"):
        await client.answer(CALL)
    assert sender.sent == []


async def test_answer_phone_notify_pjsip_sends_in_dialog_notify() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PHONE_NOTIFY, endpoints=("PJSIP/101",))
    adapter.add(CALL, CallState.RINGING, operator="PJSIP/101-00000003", bridged=False)
    await client.answer(CALL)
    assert sender.names() == ["PJSIPNotify"]
    assert sender.headers() == [("Channel", "PJSIP/101-00000003"), ("Variable", "Event=talk")]


async def test_answer_phone_notify_pjsip_waits_for_the_phones_early_dialog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Until the phone sent 180 Ringing, 22.10.1 answers PJSIPNotify "Channel not found"
    (seen live with an Answer right as the call appeared): tried again while it rings."""
    monkeypatch.setattr("callpanel.asterisk.client.EARLY_DIALOG_PAUSES", (0.0, 0.0))
    client, sender, adapter = make(answer=AnswerStrategy.PHONE_NOTIFY, endpoints=("PJSIP/101",))
    adapter.add(CALL, CallState.RINGING, operator="PJSIP/101-00000003", bridged=False)
    sender.reply("PJSIPNotify", error("Channel not found"), error("Channel not found"), ok())
    await client.answer(CALL)
    assert sender.names() == ["PJSIPNotify"] * 3
    # a phone that never gets there: Asterisk's answer after the last try
    sender.sent.clear()
    sender.reply("PJSIPNotify", *[error("Channel not found")] * 3)
    with pytest.raises(ActionFailed, match="Channel not found"):
        await client.answer(CALL)
    assert sender.names() == ["PJSIPNotify"] * 3
    # answered on the handset meanwhile: no second try
    sender.sent.clear()

    def picked_up(_action: Action) -> Response:
        adapter.set_state(CALL, CallState.TALKING)
        return error("Channel not found")

    sender.reply("PJSIPNotify", picked_up)
    with pytest.raises(ActionFailed):
        await client.answer(CALL)
    assert sender.names() == ["PJSIPNotify"]


async def test_answer_phone_notify_chan_sip_gets_call_id_then_sipnotify() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PHONE_NOTIFY)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    sender.reply("Getvar", ok("", Variable="SIPCALLID", Value="3c2f7a9b@127.0.0.1"))
    await client.answer(CALL)
    assert sender.names() == ["Getvar", "SIPnotify"]
    assert sender.headers(0) == [("Channel", "SIP/101-00000001"), ("Variable", "SIPCALLID")]
    assert sender.headers(1) == [
        ("Channel", "101"),
        ("Call-ID", "3c2f7a9b@127.0.0.1"),
        ("Variable", "Event=talk"),
    ]


async def test_answer_chan_sip_without_call_id_fails_before_notify() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PHONE_NOTIFY)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    sender.reply("Getvar", ok("", Variable="SIPCALLID", Value=""))
    with pytest.raises(ActionFailed, match="no SIP Call-ID"):
        await client.answer(CALL)
    assert sender.names() == ["Getvar"]


async def test_answer_chan_sip_refuses_a_call_id_with_line_breaks() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PHONE_NOTIFY)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    sender.reply("Getvar", ok("", Value="abc\rAction: Originate"))
    with pytest.raises(InvalidInput):
        await client.answer(CALL)
    assert sender.names() == ["Getvar"]


async def test_answer_pbx_bridge_originates_auto_answer_leg_into_the_caller() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PBX_BRIDGE)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    await client.answer(CALL)
    assert sender.names() == ["Originate"]
    assert without_channel_id(sender.headers()) == [
        ("Channel", "Local/101@panel-aa"),
        ("Application", "Bridge"),
        ("Data", "SIP/trunk-00000000"),
        ("CallerID", '"Ivan Petrov" <+79161234567>'),
        ("Timeout", "30000"),
        ("ChannelId", "<id>"),
        ("Async", "true"),
    ]
    # the new leg joins the existing call, registered before sending
    assert adapter.expected == [(sender.sent[0].get("ChannelId"), "+79161234567", CALL)]


async def test_answer_pbx_bridge_uses_the_ringing_endpoint_of_several() -> None:
    client, sender, adapter = make(
        answer=AnswerStrategy.PBX_BRIDGE, endpoints=("SIP/101", "PJSIP/op7")
    )
    adapter.add(CALL, CallState.RINGING, operator="PJSIP/op7-0000000a", bridged=False)
    await client.answer(CALL)
    assert sender.sent[0].get("Channel") == "Local/op7@panel-aa"


async def test_answer_pbx_bridge_cleans_quotes_from_the_caller_name() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PBX_BRIDGE)
    adapter.add(CALL, CallState.RINGING, bridged=False, name='Ivan "<b>" Petrov')
    await client.answer(CALL)
    assert sender.sent[0].get("CallerID") == '"Ivan b Petrov" <+79161234567>'


async def test_answer_only_a_ringing_call() -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PBX_BRIDGE)
    adapter.add(CALL, CallState.TALKING)
    with pytest.raises(NotSupported, match="not ringing"):
        await client.answer(CALL)
    assert sender.sent == []


async def test_unknown_call_is_invalid_input() -> None:
    client, sender, _ = make(answer=AnswerStrategy.PBX_BRIDGE)
    with pytest.raises(InvalidInput, match="no active call"):
        await client.answer("nope")
    assert sender.sent == []


# ------------------------------------------------------------------ hold / unhold


async def test_hold_phone_notify_pjsip() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PHONE_NOTIFY, endpoints=("PJSIP/101",))
    adapter.add(CALL, CallState.TALKING, operator="PJSIP/101-00000001")
    await client.hold(CALL)
    adapter.set_state(CALL, CallState.HOLD, HoldBy.OPERATOR)
    await client.unhold(CALL)
    assert [a.headers for a in sender.sent] == [
        (("Channel", "PJSIP/101-00000001"), ("Variable", "Event=hold")),
        (("Channel", "PJSIP/101-00000001"), ("Variable", "Event=talk")),
    ]


async def test_hold_phone_notify_chan_sip() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PHONE_NOTIFY)
    adapter.add(CALL, CallState.TALKING)
    sender.reply("Getvar", ok("", Value="cid-1@host"), ok("", Value="cid-1@host"))
    await client.hold(CALL)
    adapter.set_state(CALL, CallState.HOLD, HoldBy.OPERATOR)
    await client.unhold(CALL)
    assert sender.names() == ["Getvar", "SIPnotify", "Getvar", "SIPnotify"]
    assert sender.headers(1)[-1] == ("Variable", "Event=hold")
    assert sender.headers(3)[-1] == ("Variable", "Event=talk")


async def test_hold_pbx_moh_dual_redirect_and_bridge_back() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.TALKING)
    await client.hold(CALL)
    assert sender.names() == ["Redirect"]
    assert sender.headers() == [
        ("Channel", "SIP/trunk-00000000"),
        ("Context", "panel-hold"),
        ("Exten", "s"),
        ("Priority", "1"),
        ("ExtraChannel", "SIP/101-00000001"),
        ("ExtraContext", "panel-park-op"),
        ("ExtraExten", "s"),
        ("ExtraPriority", "1"),
    ]
    adapter.set_state(CALL, CallState.HOLD, HoldBy.OPERATOR)
    await client.unhold(CALL)
    assert sender.names() == ["Redirect", "Bridge"]
    assert sender.headers() == [
        ("Channel1", "SIP/trunk-00000000"),
        ("Channel2", "SIP/101-00000001"),
        ("Tone", "no"),
    ]


async def test_unhold_pbx_moh_calls_the_operator_back_when_its_leg_is_gone() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.reply("Bridge", error("Channel2 does not exist: SIP/101-00000001"))
    await client.unhold(CALL)
    assert sender.names() == ["Bridge", "Originate"]
    action = sender.sent[1]
    assert action.get("Channel") == "Local/101@panel-aa"
    assert action.get("Application") == "Bridge"
    assert action.get("Data") == "SIP/trunk-00000000"
    assert adapter.expected == [(action.get("ChannelId"), "+79161234567", CALL)]


async def test_unhold_pbx_moh_remote_gone_is_asterisks_error() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.reply("Bridge", error("Channel1 does not exist: SIP/trunk-00000000"))
    with pytest.raises(ActionFailed, match="Channel1 does not exist") as info:
        await client.unhold(CALL)
    assert info.value.message == "Channel1 does not exist: SIP/trunk-00000000"
    assert sender.names() == ["Bridge"]


async def test_hold_pbx_park_parks_remote_with_operator_as_timeout_channel() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_PARK)
    adapter.add(CALL, CallState.TALKING)
    await client.hold(CALL)
    assert sender.names() == ["Park"]
    assert sender.headers() == [
        ("Channel", "SIP/trunk-00000000"),
        ("TimeoutChannel", "SIP/101-00000001"),
    ]


async def test_unhold_pbx_park_retrieves_the_space_with_parkedcall() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_PARK)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.lists["ParkedCalls"] = parked_list("1795755558.0", "SIP/trunk-00000000", space="702")
    await client.unhold(CALL)
    assert sender.names() == ["ParkedCalls", "Originate"]
    assert without_channel_id(sender.headers()) == [
        ("Channel", "Local/101@panel-aa"),
        ("Application", "ParkedCall"),
        ("Data", "default,702"),
        ("CallerID", '"Ivan Petrov" <+79161234567>'),
        ("Timeout", "30000"),
        ("ChannelId", "<id>"),
        ("Async", "true"),
    ]
    assert adapter.expected[0][2] == CALL


@pytest.mark.parametrize(("lot", "space"), [("default,x", "701"), ("default", "70 1")])
async def test_unhold_pbx_park_refuses_odd_parking_data(lot: str, space: str) -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_PARK)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.lists["ParkedCalls"] = parked_list("1795755558.0", "SIP/trunk-00000000", lot, space)
    with pytest.raises(InvalidInput):
        await client.unhold(CALL)
    assert sender.names() == ["ParkedCalls"]


async def test_unhold_pbx_park_when_no_longer_parked() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_PARK)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.lists["ParkedCalls"] = parked_list("other.9", "SIP/trunk-00000009")
    with pytest.raises(ActionFailed, match="no longer parked"):
        await client.unhold(CALL)
    assert sender.names() == ["ParkedCalls"]


async def test_hold_none_and_wrong_states() -> None:
    client, sender, adapter = make(hold=HoldStrategy.NONE)
    adapter.add(CALL, CallState.TALKING)
    with pytest.raises(NotSupported, match="hold key"):
        await client.hold(CALL)
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.RINGING, bridged=False)
    with pytest.raises(NotSupported, match="not in conversation"):
        await client.hold(CALL)
    adapter.set_state(CALL, CallState.TALKING)
    with pytest.raises(NotSupported, match="not on hold"):
        await client.unhold(CALL)
    assert sender.sent == []


async def test_unhold_refused_when_the_remote_party_holds() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.REMOTE)
    with pytest.raises(NotSupported, match="other party"):
        await client.unhold(CALL)
    # ...but the operator may still put it on hold from their side (the model offers HOLD)
    await client.hold(CALL)
    assert sender.names() == ["Redirect"]


# ------------------------------------------------------------------ hangup


async def test_hangup_hangs_up_the_operator_channel() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    await client.hangup(CALL)
    assert sender.names() == ["Hangup"]
    assert sender.headers() == [("Channel", "SIP/101-00000001")]


async def test_hangup_of_a_ringing_call_rejects_it_as_busy() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.RINGING, bridged=False)
    await client.hangup(CALL)
    assert sender.headers() == [("Channel", "SIP/101-00000001"), ("Cause", "17")]


@pytest.mark.parametrize("strategy", [HoldStrategy.PBX_MOH, HoldStrategy.PBX_PARK])
async def test_hangup_during_panel_hold_ends_the_waiting_remote_party(
    strategy: HoldStrategy,
) -> None:
    client, sender, adapter = make(hold=strategy)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    sender.reply("Hangup", ok("Channel Hungup"), error("No such channel"))
    await client.hangup(CALL)  # the operator leg being gone already is fine
    assert [(a.name, a.get("Channel")) for a in sender.sent] == [
        ("Hangup", "SIP/trunk-00000000"),
        ("Hangup", "SIP/101-00000001"),
    ]


async def test_hangup_of_an_ended_call_sends_nothing() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.ENDED)
    with pytest.raises(NotSupported, match="ended"):
        await client.hangup(CALL)
    assert sender.sent == []


# ------------------------------------------------------------------ transfers


def transfer_names(sender: RecordingSender) -> list[str]:
    """The actions of a transfer itself, without the caller-ID reads and variables before it
    (those are checked in tests/asterisk/test_client_presented.py)."""
    return [name for name in sender.names() if name not in ("Getvar", "Setvar")]


async def test_blind_transfer_of_a_bridged_call() -> None:
    client, sender, adapter = make(transfer_context="transfers")
    adapter.add(CALL, CallState.TALKING)
    await client.transfer(CALL, "102")
    assert transfer_names(sender) == ["BlindTransfer"]
    assert sender.headers() == [
        ("Channel", "SIP/101-00000001"),
        ("Exten", "102"),
        ("Context", "transfers"),
    ]
    # told before sending: the operator's leg may go before Asterisk's response
    assert adapter.transfers_expected == [(CALL, True)]


async def test_blind_transfer_while_held_by_phone_notify_still_uses_blindtransfer() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PHONE_NOTIFY)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR)
    await client.transfer(CALL, "102")
    assert transfer_names(sender) == ["BlindTransfer"]


async def test_blind_transfer_during_pbx_moh_hold_redirects_the_remote_party() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    await client.transfer(CALL, "102")
    assert transfer_names(sender) == ["Hangup", "Redirect"]
    assert sender.headers(-2) == [("Channel", "SIP/101-00000001")]
    assert sender.headers(-1) == [
        ("Channel", "SIP/trunk-00000000"),
        ("Context", "internal"),
        ("Exten", "102"),
        ("Priority", "1"),
    ]


async def test_blind_transfer_of_an_unbridged_operator_leg_redirects() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING, bridged=False)
    await client.transfer(CALL, "102")
    assert transfer_names(sender) == ["Redirect"]


async def test_blind_transfer_refused_by_asterisk() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    sender.reply("BlindTransfer", error("Transfer invalid"))
    with pytest.raises(ActionFailed) as info:
        await client.transfer(CALL, "102")
    assert info.value.message == "Transfer invalid"
    assert info.value.action == "BlindTransfer"
    assert adapter.transfers_expected == [(CALL, True), (CALL, False)]


async def test_attended_transfer_and_cancel() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    await client.atxfer(CALL, "102")
    adapter.set_state(CALL, CallState.HOLD, HoldBy.OPERATOR)  # Atxfer holds the caller
    await client.cancel_atxfer(CALL)
    assert transfer_names(sender) == ["Atxfer", "CancelAtxfer"]
    assert sender.headers(-2) == [
        ("Channel", "SIP/101-00000001"),
        ("Exten", "102"),
        ("Context", "internal"),
    ]
    assert sender.headers(-1) == [("Channel", "SIP/101-00000001")]


async def test_atxfer_without_feature_code_reports_asterisks_words() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    sender.reply("Atxfer", error("No attended transfer feature code found"))
    with pytest.raises(ActionFailed, match="No attended transfer feature code found"):
        await client.atxfer(CALL, "102")


async def test_atxfer_from_a_panel_hold_must_resume_first() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False)
    with pytest.raises(NotSupported, match="resume"):
        await client.atxfer(CALL, "102")
    assert sender.sent == []


async def test_cancel_atxfer_not_on_13_17() -> None:
    client, sender, adapter = make(version=(13, 17, 2))
    adapter.add(CALL, CallState.TALKING)
    assert not client.can_cancel_atxfer
    with pytest.raises(NotSupported, match=r"13\.18"):
        await client.cancel_atxfer(CALL)
    assert sender.sent == []


# ------------------------------------------------------------------ DTMF


async def test_dtmf_one_playdtmf_per_digit_in_order_out_to_the_remote_party() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    await client.dtmf(CALL, "1*#d")
    assert [(a.name, a.headers) for a in sender.sent] == [
        ("PlayDTMF", (("Channel", "SIP/trunk-00000000"), ("Digit", d))) for d in "1*#D"
    ]


async def test_dtmf_without_a_known_remote_is_received_on_the_operator_channel() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING, remote=None)
    await client.dtmf(CALL, "7")
    assert sender.headers() == [
        ("Channel", "SIP/101-00000001"),
        ("Digit", "7"),
        ("Receive", "true"),
    ]


async def test_dtmf_stops_at_the_first_error() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    sender.reply("PlayDTMF", ok("DTMF successfully queued"), error("No such channel"))
    with pytest.raises(ActionFailed, match="No such channel"):
        await client.dtmf(CALL, "123")
    assert len(sender.sent) == 2


async def test_dtmf_while_held_by_the_remote_party() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.REMOTE)
    await client.dtmf(CALL, "5")
    assert sender.names() == ["PlayDTMF"]


# ------------------------------------------------------------------ the operator's leg is gone


async def test_cancel_atxfer_uses_the_channel_remembered_from_atxfer() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    await client.atxfer(CALL, "102")
    # during the consultation the operator's channel belongs to the consultation call
    adapter.add(CALL, CallState.HOLD, operator="", held_by=HoldBy.OPERATOR)
    await client.cancel_atxfer(CALL)
    assert sender.headers() == [("Channel", "SIP/101-00000001")]


async def test_commands_needing_the_operator_leg_say_it_is_gone() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.TALKING, operator="")
    with pytest.raises(NotSupported, match="operator's channel"):
        await client.hold(CALL)
    with pytest.raises(NotSupported, match="operator's channel"):
        await client.hangup(CALL)
    with pytest.raises(NotSupported, match="operator's channel"):
        await client.cancel_atxfer(CALL)
    assert sender.sent == []


async def test_pbx_moh_resume_without_operator_leg_calls_back_at_once() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, operator="", held_by=HoldBy.OPERATOR, bridged=False)
    await client.unhold(CALL)
    assert sender.names() == ["Originate"]
    assert sender.sent[0].get("Data") == "SIP/trunk-00000000"


async def test_hangup_during_panel_hold_without_operator_leg() -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, operator="", held_by=HoldBy.OPERATOR, bridged=False)
    await client.hangup(CALL)
    assert [(a.name, a.get("Channel")) for a in sender.sent] == [("Hangup", "SIP/trunk-00000000")]


async def test_complete_atxfer_hangs_up_the_operators_consultation_leg() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    await client.atxfer(CALL, "102")
    adapter.add(CALL, CallState.HOLD, operator="", held_by=HoldBy.OPERATOR)
    sender.sent.clear()
    await client.complete_atxfer(CALL)
    assert [(a.name, a.get("Channel")) for a in sender.sent] == [("Hangup", "SIP/101-00000001")]
    with pytest.raises(NotSupported, match="no attended transfer"):
        await client.complete_atxfer(CALL)  # done: nothing left to complete
