"""AsteriskClient.offered(): only buttons that can work with the strategies and server version."""

from __future__ import annotations

import dataclasses

import pytest

from callpanel.asterisk.client import AsteriskClient, Command
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, HoldStrategy
from callpanel.asterisk.errors import NotSupported
from callpanel.asterisk.strategies import (
    autoanswer_channel,
    endpoint_of,
    has_cancel_atxfer,
    has_pjsip_channel_notify,
    has_sip_notify,
    sip_peer_of,
)
from callpanel.calls.events import CallState, Capability
from callpanel.calls.model import capabilities

from .client_fakes import FakeAdapter, RecordingSender

ALWAYS = {Capability.HANGUP, Capability.TRANSFER, Capability.ATTENDED_TRANSFER, Capability.DTMF}
HOLDS = {Capability.HOLD, Capability.UNHOLD}


def offered(
    answer: AnswerStrategy,
    hold: HoldStrategy,
    version: tuple[int, ...] | None,
    endpoints: tuple[str, ...] = ("SIP/101",),
) -> frozenset[Capability]:
    config = dataclasses.replace(
        ClientConfig(), answer_strategy=answer, hold_strategy=hold, endpoints=endpoints
    )
    return AsteriskClient(RecordingSender(version), FakeAdapter(), config).offered()


@pytest.mark.parametrize("version", [(13, 38, 3), (18, 26, 4), (22, 10, 1), None])
def test_strategy_none_offers_no_answer_and_no_hold(version: tuple[int, ...] | None) -> None:
    assert offered(AnswerStrategy.NONE, HoldStrategy.NONE, version) == ALWAYS


@pytest.mark.parametrize("version", [(13, 0, 0), (16, 30, 1), (22, 10, 1)])
def test_pbx_strategies_work_everywhere(version: tuple[int, ...]) -> None:
    for hold in (HoldStrategy.PBX_MOH, HoldStrategy.PBX_PARK):
        got = offered(AnswerStrategy.PBX_BRIDGE, hold, version, ("PJSIP/101",))
        assert got == ALWAYS | HOLDS | {Capability.ANSWER}


@pytest.mark.parametrize(
    ("endpoints", "version", "works"),
    [
        (("PJSIP/101",), (13, 20, 0), False),  # in-dialog PJSIPNotify Channel: 13.21+
        (("PJSIP/101",), (13, 21, 0), True),
        (("PJSIP/101",), (14, 7, 8), False),
        (("PJSIP/101",), (16, 0, 0), True),
        (("PJSIP/101",), (22, 10, 1), True),
        (("SIP/101",), (13, 19, 0), False),  # SIPnotify Call-ID: 13.20+
        (("SIP/101",), (13, 38, 3), True),
        (("SIP/101",), (18, 26, 4), True),
        (("SIP/101",), (20, 20, 1), True),
        (("SIP/101",), (21, 0, 0), False),  # chan_sip removed
        (("SIP/101",), (22, 10, 1), False),
        (("SIP/101", "PJSIP/101"), (22, 10, 1), True),  # one endpoint that can is enough
        (("IAX2/op",), (18, 26, 4), False),
        (("SIP/101",), None, True),  # version not known yet: let Asterisk decide
    ],
)
def test_phone_notify_depends_on_tech_and_version(
    endpoints: tuple[str, ...], version: tuple[int, ...] | None, works: bool
) -> None:
    got = offered(AnswerStrategy.PHONE_NOTIFY, HoldStrategy.PHONE_NOTIFY, version, endpoints)
    expected = ALWAYS | (HOLDS | {Capability.ANSWER} if works else set())
    assert got == expected


def test_unavailable_explains_why() -> None:
    config = dataclasses.replace(
        ClientConfig(),
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.NONE,
        endpoints=("SIP/101",),
    )
    client = AsteriskClient(RecordingSender((22, 10, 1)), FakeAdapter(), config)
    reasons = client.unavailable()
    assert "no chan_sip" in str(reasons[Command.ANSWER])
    assert "hold key" in str(reasons[Command.HOLD])
    assert Command.DIAL not in reasons
    assert client.can_cancel_atxfer


def test_no_endpoint_offers_nothing() -> None:
    assert offered(AnswerStrategy.PBX_BRIDGE, HoldStrategy.PBX_MOH, (18, 26, 4), ()) == frozenset()


@pytest.mark.asyncio
async def test_no_endpoint_dial_is_not_supported() -> None:
    config = dataclasses.replace(ClientConfig(), endpoints=())
    sender = RecordingSender()
    client = AsteriskClient(sender, FakeAdapter(), config)
    with pytest.raises(NotSupported, match="endpoint"):
        await client.dial("101")
    assert sender.sent == []


def test_offered_follows_the_version_as_it_becomes_known() -> None:
    config = dataclasses.replace(
        ClientConfig(), answer_strategy=AnswerStrategy.PHONE_NOTIFY, endpoints=("SIP/101",)
    )
    sender = RecordingSender(None)
    client = AsteriskClient(sender, FakeAdapter(), config)
    assert Capability.ANSWER in client.offered()
    sender.version_tuple = (21, 0, 0)  # logged in to a server without chan_sip
    assert Capability.ANSWER not in client.offered()


def test_model_capabilities_intersect_with_offered() -> None:
    adapter = FakeAdapter()
    adapter.add("c", CallState.RINGING, bridged=False)
    call = adapter.calls["c"]
    none = offered(AnswerStrategy.NONE, HoldStrategy.NONE, (18, 26, 4))
    bridge = offered(AnswerStrategy.PBX_BRIDGE, HoldStrategy.NONE, (18, 26, 4))
    assert capabilities(call, none) == {Capability.HANGUP}
    assert capabilities(call, bridge) == {Capability.ANSWER, Capability.HANGUP}


@pytest.mark.parametrize(
    ("version", "cancel", "pjsip", "sip"),
    [
        ((13, 17, 0), False, False, False),
        ((13, 18, 0), True, False, False),
        ((13, 20, 0), True, False, True),
        ((13, 21, 0), True, True, True),
        ((14, 7, 0), True, False, False),
        ((15, 1, 0), True, False, False),
        ((16, 0, 0), True, True, True),
        ((20, 0, 0), True, True, True),
        ((21, 0, 0), True, True, False),
        ((13,), True, True, True),  # only the banner's AMI major known: assume a late 13
        ((14,), True, False, False),
        ((22,), True, True, False),
    ],
)
def test_version_gates(version: tuple[int, ...], cancel: bool, pjsip: bool, sip: bool) -> None:
    assert has_cancel_atxfer(version) is cancel
    assert has_pjsip_channel_notify(version) is pjsip
    assert has_sip_notify(version) is sip


def test_channel_name_helpers() -> None:
    assert endpoint_of("SIP/101-0000000a") == "SIP/101"
    assert endpoint_of("PJSIP/my-phone-00000001") == "PJSIP/my-phone"
    assert endpoint_of("Local/102@internal-00000000;2") == "Local/102@internal"
    assert sip_peer_of("SIP/101-00000001") == "101"
    with pytest.raises(NotSupported):
        sip_peer_of("PJSIP/101-00000001")
    assert autoanswer_channel("PJSIP/alice", "panel-aa") == "Local/alice@panel-aa"
    assert autoanswer_channel("Local/101@aa", "panel-aa") == "Local/101@aa"
    with pytest.raises(NotSupported):
        autoanswer_channel("SIP/101@host", "panel-aa")
