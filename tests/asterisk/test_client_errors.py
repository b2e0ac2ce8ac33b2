"""AsteriskClient: validation before sending, refused injections, and Asterisk's errors."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from callpanel.asterisk.client import AsteriskClient, Command, normalize_number
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, HoldStrategy
from callpanel.asterisk.errors import (
    ActionFailed,
    ActionTimeout,
    ConnectionLost,
    InvalidInput,
    NotSupported,
    PermissionDenied,
)
from callpanel.asterisk.validate import (
    check_channel,
    check_context,
    check_digits,
    check_endpoint,
)
from callpanel.calls.events import CallState, Capability

from .client_fakes import FakeAdapter, RaisingAsManagerDoes, RecordingSender, error

CALL = "1795755558.0"

INJECTIONS = [
    "101\r\nAction: Originate",
    "101\nAction: Hangup\nChannel: SIP/102",
    "101\x00",
    "100&PJSIP/trunk",
    "100&SIP/trunk/74997654321",
    "+79161234567;ext=12",
    "SIP/trunk/74997654321",
    "101@default",
    "101,,tTL(1000)",
    "tel:+79161234567",
    "${SHELL(id)}",
    "١٠١",  # Arabic-Indic digits
    "１０１",  # full-width digits
    "٣٤٥٦٧",
    "1O1",  # letter O
    "",
    "   ",
    "+",
    "+-",
    "12+3",
    "1" * 33,
    "\u202e101",  # right-to-left override
]


def make(**extra: object) -> tuple[AsteriskClient, RecordingSender, FakeAdapter]:
    config = dataclasses.replace(ClientConfig(), **extra)
    sender = RecordingSender()
    adapter = FakeAdapter()
    return AsteriskClient(sender, adapter, config), sender, adapter


# ------------------------------------------------------------------ normalize_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+7 (916) 123-45-67", "+79161234567"),
        ("8.499.765.43.21", "84997654321"),
        ("[101]", "101"),
        ("*72#", "*72#"),
        ("\u00a0101\u00a0", "101"),
        ("1" * 32, "1" * 32),
    ],
)
def test_normalize_number_accepts(text: str, expected: str) -> None:
    assert normalize_number(text) == expected


@pytest.mark.parametrize("text", INJECTIONS)
def test_normalize_number_refuses(text: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_number(text)


@given(hs.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_normalize_number_output_is_always_dialable(text: str) -> None:
    try:
        out = normalize_number(text)
    except InvalidInput:
        return
    assert out.isascii()
    assert all(c in "0123456789*#" for c in out.lstrip("+"))
    assert 1 <= len(out.lstrip("+")) <= 32


@pytest.mark.parametrize(
    "endpoint", ["SIP/101", "PJSIP/alice.op", "IAX2/peer-1", "Local/101@panel-aa"]
)
def test_endpoint_ok(endpoint: str) -> None:
    assert check_endpoint(endpoint) == endpoint


@pytest.mark.parametrize(
    "endpoint", ["101", "SIP/101&SIP/102", "DAHDI/1", "SIP/", "SIP/10 1", "SIP/101,tT", "sip/101\r"]
)
def test_endpoint_refused(endpoint: str) -> None:
    with pytest.raises(InvalidInput):
        check_endpoint(endpoint)


@pytest.mark.parametrize("context", ["internal", "from-trunk", "panel_aa2"])
def test_context_ok(context: str) -> None:
    assert check_context(context) == context


@pytest.mark.parametrize("context", ["", "a b", "in,ternal", "x@y", "ctx\n", "контекст"])
def test_context_refused(context: str) -> None:
    with pytest.raises(InvalidInput):
        check_context(context)


def test_digits_and_channels() -> None:
    assert check_digits("12ab*#") == "12AB*#"
    for bad in ["", "E", "1 2", "٣", "1\r"]:
        with pytest.raises(InvalidInput):
            check_digits(bad)
    assert check_channel("Local/102@internal-00000000;1")
    for bad in ["", "SIP/101 x", "SIP/101\r\nAction: Logoff", "x" * 300]:
        with pytest.raises(InvalidInput):
            check_channel(bad)


# ------------------------------------------------------------------ nothing reaches the Sender


@pytest.mark.asyncio
@pytest.mark.parametrize("number", INJECTIONS)
async def test_dial_injection_sends_nothing(number: str) -> None:
    client, sender, adapter = make()
    with pytest.raises(InvalidInput):
        await client.dial(number)
    assert sender.sent == []
    assert adapter.expected == []


@pytest.mark.asyncio
@pytest.mark.parametrize("number", INJECTIONS)
async def test_transfer_injection_sends_nothing(number: str) -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    with pytest.raises(InvalidInput):
        await client.transfer(CALL, number)
    with pytest.raises(InvalidInput):
        await client.atxfer(CALL, number)
    assert sender.sent == []


@pytest.mark.asyncio
@pytest.mark.parametrize("digits", ["1\r\nAction: Hangup", "1&2", "١", "12E"])
async def test_dtmf_injection_sends_nothing(digits: str) -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    with pytest.raises(InvalidInput):
        await client.dtmf(CALL, digits)
    assert sender.sent == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "field",
    [
        {"endpoints": ("SIP/101&SIP/102",)},
        {"originate_context": "internal\r\nAction: Logoff"},
        {"caller_id": '"x"\r\nAction: Logoff'},
        {"originate_timeout_ms": 5},
    ],
)
async def test_bad_configuration_sends_nothing(field: dict[str, object]) -> None:
    client, sender, _adapter = make(**field)
    with pytest.raises(InvalidInput):
        await client.dial("101")
    assert sender.sent == []


@pytest.mark.asyncio
async def test_bad_channel_from_the_adapter_sends_nothing() -> None:
    client, sender, adapter = make(hold_strategy=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.TALKING, remote="SIP/trunk-0000\r\nAction: Logoff")
    with pytest.raises(InvalidInput):
        await client.hold(CALL)
    assert sender.sent == []


@pytest.mark.asyncio
async def test_hold_contexts_are_validated() -> None:
    client, sender, adapter = make(hold_strategy=HoldStrategy.PBX_MOH, hold_context="a,b")
    adapter.add(CALL, CallState.TALKING)
    with pytest.raises(InvalidInput, match="hold context"):
        await client.hold(CALL)
    assert sender.sent == []


# ------------------------------------------------------------------ Asterisk's errors


@pytest.mark.asyncio
@pytest.mark.parametrize("sender_cls", [RecordingSender, RaisingAsManagerDoes])
async def test_permission_denied_is_typed_and_withdraws_the_capability(
    sender_cls: type[RecordingSender],
) -> None:
    config = dataclasses.replace(ClientConfig(), hold_strategy=HoldStrategy.PBX_MOH)
    sender = sender_cls()
    adapter = FakeAdapter()
    client = AsteriskClient(sender, adapter, config)
    adapter.add(CALL, CallState.TALKING)
    assert Capability.HOLD in client.offered()
    sender.reply("Redirect", error("Permission denied"))
    with pytest.raises(PermissionDenied) as info:
        await client.hold(CALL)
    assert info.value.message == "Permission denied"
    assert Capability.HOLD not in client.offered()
    assert Capability.UNHOLD not in client.offered()
    assert "Permission denied" in str(client.unavailable()[Command.HOLD])
    with pytest.raises(NotSupported, match="Permission denied"):
        await client.hold(CALL)  # not sent again
    assert sender.names() == ["Redirect"]
    client.forget_denials()
    assert Capability.HOLD in client.offered()


@pytest.mark.asyncio
async def test_dial_permission_denied_disables_click_to_call() -> None:
    client, sender, _ = make()
    sender.reply("Originate", PermissionDenied("Originate", "Permission denied"))
    assert client.can_dial
    with pytest.raises(PermissionDenied):
        await client.dial("101")
    assert not client.can_dial
    assert "Permission denied" in str(client.unavailable()[Command.DIAL])


@pytest.mark.asyncio
async def test_action_failed_carries_asterisks_message() -> None:
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    sender.reply("Hangup", error("No such channel"))
    with pytest.raises(ActionFailed) as info:
        await client.hangup(CALL)
    assert not isinstance(info.value, PermissionDenied)
    assert info.value.action == "Hangup"
    assert info.value.message == "No such channel"
    assert str(info.value) == "Hangup: No such channel"
    assert Capability.HANGUP in client.offered()  # an ordinary failure withdraws nothing


@pytest.mark.asyncio
@pytest.mark.parametrize("exc", [ActionTimeout("Originate timed out"), ConnectionLost("EOF")])
async def test_timeout_and_connection_loss_propagate(exc: Exception) -> None:
    client, sender, _ = make()
    sender.reply("Originate", exc)
    with pytest.raises(type(exc)):
        await client.dial("101")


@pytest.mark.asyncio
async def test_commands_on_one_call_run_one_at_a_time() -> None:
    client, _sender, adapter = make(answer_strategy=AnswerStrategy.PBX_BRIDGE)
    adapter.add(CALL, CallState.TALKING)
    gate = asyncio.Event()
    order: list[str] = []

    class SlowSender(RecordingSender):
        async def send(self, action, *, timeout=None):  # type: ignore[no-untyped-def]
            order.append(f"start {action.get('Digit')}")
            if action.get("Digit") == "1":
                await gate.wait()
            order.append(f"end {action.get('Digit')}")
            return await super().send(action, timeout=timeout)

    slow = SlowSender()
    client = AsteriskClient(slow, adapter, client.config)
    first = asyncio.create_task(client.dtmf(CALL, "1"))
    second = asyncio.create_task(client.dtmf(CALL, "2"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert order == ["start 1"]  # the second waits for the first
    gate.set()
    await asyncio.wait_for(asyncio.gather(first, second), 2)
    assert order == ["start 1", "end 1", "start 2", "end 2"]


@given(text=hs.text(max_size=40), command=hs.sampled_from(["dial", "transfer", "atxfer", "dtmf"]))
@settings(max_examples=200, deadline=None)
def test_any_text_is_refused_or_sent_only_as_a_clean_number(text: str, command: str) -> None:
    """S1/S2: whatever is typed, an action carries only [0-9*#+] (or nothing is sent)."""
    client, sender, adapter = make()
    adapter.add(CALL, CallState.TALKING)
    call = {
        "dial": lambda: client.dial(text),
        "transfer": lambda: client.transfer(CALL, text),
        "atxfer": lambda: client.atxfer(CALL, text),
        "dtmf": lambda: client.dtmf(CALL, text),
    }[command]
    try:
        asyncio.run(call())
    except InvalidInput:
        assert sender.sent == []
        return
    allowed = set("0123456789*#+ABCD")
    for action in sender.sent:
        # before a transfer: our caller ID is read and put in variables (nothing typed)
        if action.name == "Setvar" and action.get("Variable") == "CALLPANEL_CID_NUM":
            value = action.get("Value")
        elif action.name in ("Getvar", "Setvar"):
            value = "0"  # a name or a function: only the control-character check below
        else:
            value = action.get("Exten") or action.get("Digit")
        assert value and set(value) <= allowed
        for _key, header in action.headers:
            assert not any(ord(c) < 32 or c == "\x7f" for c in header)
