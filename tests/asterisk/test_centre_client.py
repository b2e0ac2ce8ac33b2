"""CentreClient: exactly which AMI actions each call-centre command sends, and refusals."""

from __future__ import annotations

import pytest

from callpanel.ami import Event
from callpanel.asterisk.centre_client import CentreClient, CentreRefused
from callpanel.asterisk.config import ClientConfig
from callpanel.asterisk.errors import (
    ActionFailed,
    InvalidInput,
    InvalidQueueValue,
    PermissionDenied,
    QueueAnswer,
    QueueRefused,
    QueueValueProblem,
)
from callpanel.calls.policy import Command, Reason
from callpanel.centre import ColleagueState

from .centre_replay import centre_for
from .client_fakes import RecordingSender

pytestmark = pytest.mark.asyncio


class Adapter:
    def __init__(self) -> None:
        self.calls: dict[str, object] = {}
        self.expected: list[tuple[str, str]] = []
        self.transfers_expected: list[tuple[str, bool]] = []

    def legs(self, call_id: str) -> None:
        return None

    def expect_originate(self, channel_id: str, number: str, *, call_id: str | None = None) -> None:
        self.expected.append((channel_id, number))

    def expect_transfer(self, call_id: str, expected: bool = True) -> None:
        self.transfers_expected.append((call_id, expected))


def member_event(queue: str, interface: str, **fields: str) -> Event:
    base = {
        "Queue": queue,
        "MemberName": "Alice",
        "Interface": interface,
        "StateInterface": interface,
        "Membership": "dynamic",
        "Penalty": "0",
        "CallsTaken": "0",
        "LastCall": "0",
        "InCall": "0",
        "Status": "1",
        "Paused": "0",
        "PausedReason": "",
    }
    base.update(fields)
    return Event.build([("Event", "QueueMemberAdded"), *base.items()])


def make(*events: Event, **overrides: object) -> tuple[CentreClient, RecordingSender, Adapter]:
    centre = centre_for("SIP/101", member_name="Alice Operator", **overrides)
    for event in events:
        centre.handle(event)
    sender = RecordingSender()
    adapter = Adapter()
    client = CentreClient(sender, centre, adapter, ClientConfig(endpoints=("SIP/101",)))
    return client, sender, adapter


async def test_login_sends_queue_add_with_interface_and_name() -> None:
    client, sender, _ = make()
    await client.login("support")
    assert sender.headers() == [
        ("Queue", "support"),
        ("Interface", "SIP/101"),
        ("MemberName", "Alice Operator"),
    ]


async def test_login_through_a_local_interface_names_the_phone_as_state_interface() -> None:
    client, sender, _ = make(interface="Local/101@from-queue/n")
    await client.login("support")
    assert ("StateInterface", "SIP/101") in sender.headers()
    assert ("Interface", "Local/101@from-queue/n") in sender.headers()


async def test_logout_of_static_membership_is_refused_before_sending() -> None:
    client, sender, _ = make(member_event("support", "SIP/101", Membership="static"))
    with pytest.raises(CentreRefused) as caught:
        await client.logout("support")
    assert caught.value.denial.reason is Reason.STATIC_MEMBER
    assert "only the PBX administrator" in str(caught.value)
    assert sender.sent == []


async def test_pause_all_is_one_queue_pause_per_interface_with_reason() -> None:
    client, sender, _ = make(
        member_event("support", "SIP/101"),
        member_event("sales", "SIP/101"),
        member_event("vip", "Local/101@from-queue/n"),
    )
    await client.pause(None, "lunch")
    assert [a.name for a in sender.sent] == ["QueuePause", "QueuePause"]
    assert sender.headers(0) == [
        ("Interface", "Local/101@from-queue/n"),
        ("Paused", "true"),
        ("Reason", "lunch"),
    ]
    await client.unpause("sales")
    assert sender.headers() == [
        ("Interface", "SIP/101"),
        ("Paused", "false"),
        ("Queue", "sales"),
    ]


@pytest.mark.parametrize(
    ("queue", "reason"),
    [
        ("sup\nport", "x"),
        ("support", "lunch\r\nAction: Originate"),
        ("q" * 80, ""),
        ("s", "я" * 40),
    ],
)
async def test_bad_queue_or_reason_is_refused_before_anything_is_sent(
    queue: str, reason: str
) -> None:
    client, sender, _ = make(member_event("support", "SIP/101"))
    with pytest.raises(InvalidQueueValue) as paused:
        await client.pause(queue, reason)
    assert paused.value.problem in (QueueValueProblem.CHARACTERS, QueueValueProblem.TOO_LONG)
    with pytest.raises(InvalidQueueValue) as joined:
        await client.login(queue if "\n" in queue or len(queue) > 79 else "a b")
    assert joined.value.what == "queue"
    assert sender.sent == []


async def test_unknown_queue_gets_asterisks_answer_in_words() -> None:
    client, sender, _ = make()
    sender.reply(
        "QueueAdd", ActionFailed("QueueAdd", "Unable to add interface to queue: No such queue")
    )
    with pytest.raises(ActionFailed) as caught:
        await client.login("nosuch")
    assert "there is no such queue on the PBX" in str(caught.value)
    assert "No such queue" in str(caught.value)
    # typed, so the UI can say it in the operator's language with Asterisk's own text
    assert isinstance(caught.value, QueueRefused)
    assert caught.value.answer is QueueAnswer.NO_SUCH_QUEUE
    assert caught.value.asterisk_text == "Unable to add interface to queue: No such queue"


async def test_permission_denied_disables_the_command_until_forgotten() -> None:
    client, sender, _ = make(member_event("support", "SIP/101"))
    sender.reply("QueuePause", PermissionDenied("QueuePause", "Permission denied"))
    with pytest.raises(PermissionDenied):
        await client.pause("support", "x")
    refused = client.denial(Command.PAUSE, queue="support")
    assert refused is not None and refused.reason is Reason.PERMISSION_DENIED
    client.forget_denials()
    assert client.denial(Command.PAUSE, queue="support") is None


async def test_dnd_sets_the_device_state_then_pauses_and_undoes_only_its_own_pauses() -> None:
    client, sender, _ = make(
        member_event("support", "SIP/101"),
        member_event("sales", "SIP/101", Paused="1", PausedReason="lunch"),
    )
    await client.set_dnd(True)
    assert sender.headers(0) == [
        ("Variable", "DEVICE_STATE(Custom:DND101)"),
        ("Value", "BUSY"),
    ]
    assert sender.headers(1) == [
        ("Interface", "SIP/101"),
        ("Queue", "support"),
        ("Paused", "true"),
        ("Reason", "DND"),
    ]
    assert len(sender.sent) == 2  # sales is paused for lunch: its reason stays
    sender.sent.clear()
    client.centre.handle(member_event("support", "SIP/101", Paused="1", PausedReason="DND"))
    await client.set_dnd(False)
    assert [a.name for a in sender.sent] == ["QueuePause", "Setvar"]
    assert ("Queue", "support") in sender.headers(0)  # "lunch" in sales stays
    assert ("Value", "NOT_INUSE") in sender.headers(1)


async def test_pickup_originates_the_operator_phone_into_pickupchan() -> None:
    ringing = Event.build(
        [
            ("Event", "ExtensionStatus"),
            ("Exten", "102"),
            ("Context", "internal"),
            ("Hint", "SIP/102&Custom:DND102"),
            ("Status", "8"),
            ("StatusText", "Ringing"),
        ]
    )
    client, sender, adapter = make(ringing)
    colleague = client.centre.state.colleague("102")
    assert colleague is not None and colleague.state is ColleagueState.RINGING
    call_id = await client.pickup("102")
    headers = dict(sender.headers())
    assert headers["Channel"] == "SIP/101"
    assert headers["Application"] == "PickupChan"
    assert headers["Data"] == "SIP/102"  # the custom DND device cannot ring
    assert headers["ChannelId"] == call_id and adapter.expected == [(call_id, "102")]


async def test_pickup_of_an_idle_colleague_is_refused() -> None:
    idle = Event.build(
        [
            ("Event", "ExtensionStatus"),
            ("Exten", "102"),
            ("Context", "c"),
            ("Hint", "SIP/102"),
            ("Status", "0"),
        ]
    )
    client, sender, _ = make(idle)
    with pytest.raises(CentreRefused) as caught:
        await client.pickup("102")
    assert caught.value.denial.reason is Reason.NOT_RINGING
    with pytest.raises(InvalidInput):
        await client.pickup("102\r\nAction: Originate")
    assert sender.sent == []
