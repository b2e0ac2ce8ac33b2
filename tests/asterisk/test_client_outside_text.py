"""A caller's name and number come from outside: whatever they hold, the actions the client
builds from them are ones the serializer accepts (one definition of a control character,
``ami.controls``, for cleaning and for checking). Before, a name with U+2028 or U+0085 made
Answer (pbx-bridge) and the pbx-moh / pbx-park resume fail for that call."""

from __future__ import annotations

import dataclasses

import pytest

from callpanel.ami import Action, Response
from callpanel.ami.controls import CONTROL
from callpanel.ami.serializer import serialize_action
from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import AnswerStrategy, ClientConfig, HoldStrategy
from callpanel.asterisk.validate import clean_display_name
from callpanel.calls.events import CallState, HoldBy

from .client_fakes import FakeAdapter, RecordingSender, error, parked_list

CALL = "1795755558.0"
HOSTILE = ["\u2028", "\u2029", "\x85", "\x9b", "\x1b[31m", "\r\n", "\x00", "\x7f"]


class SerializingSender(RecordingSender):
    """Serializes every action as the connection does before it writes the bytes."""

    async def send(self, action: Action, *, timeout: float | None = None) -> Response:
        serialize_action(action)
        return await super().send(action, timeout=timeout)


def make(
    answer: AnswerStrategy = AnswerStrategy.NONE, hold: HoldStrategy = HoldStrategy.NONE
) -> tuple[AsteriskClient, SerializingSender, FakeAdapter]:
    config = dataclasses.replace(
        ClientConfig(), answer_strategy=answer, hold_strategy=hold, endpoints=("SIP/101",)
    )
    sender = SerializingSender()
    adapter = FakeAdapter()
    return AsteriskClient(sender, adapter, config), sender, adapter


@pytest.mark.asyncio
@pytest.mark.parametrize("bad", HOSTILE)
async def test_answer_pbx_bridge_with_a_hostile_caller_name(bad: str) -> None:
    client, sender, adapter = make(answer=AnswerStrategy.PBX_BRIDGE)
    adapter.add(CALL, CallState.RINGING, bridged=False, name=f"Ivan{bad}Petrov")
    await client.answer(CALL)
    assert sender.names() == ["Originate"]
    caller_id = sender.sent[0].get("CallerID") or ""
    assert CONTROL.search(caller_id) is None and caller_id.endswith("<+79161234567>")


@pytest.mark.asyncio
@pytest.mark.parametrize("bad", HOSTILE)
async def test_resume_pbx_moh_with_a_hostile_caller_number(bad: str) -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_MOH)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False, number=f"+7916{bad}1")
    sender.reply("Bridge", error("Channel2 does not exist: SIP/101-00000001"))
    await client.unhold(CALL)
    assert sender.names() == ["Bridge", "Originate"]
    assert CONTROL.search(sender.sent[1].get("CallerID") or "") is None


@pytest.mark.asyncio
@pytest.mark.parametrize("bad", HOSTILE)
async def test_resume_pbx_park_with_a_hostile_caller_name(bad: str) -> None:
    client, sender, adapter = make(hold=HoldStrategy.PBX_PARK)
    adapter.add(CALL, CallState.HOLD, held_by=HoldBy.OPERATOR, bridged=False, name=f"{bad}Olga")
    sender.lists["ParkedCalls"] = parked_list("1795755558.0", "SIP/trunk-00000000")
    await client.unhold(CALL)
    assert sender.names() == ["ParkedCalls", "Originate"]
    caller_id = sender.sent[1].get("CallerID") or ""
    assert CONTROL.search(caller_id) is None and "Olga" in caller_id


def test_display_cleaning_uses_the_one_control_rule() -> None:
    every_control = "".join(chr(c) for c in range(0x110000) if CONTROL.match(chr(c)))
    assert clean_display_name(f"A{every_control}B") == "AB"
