"""Test doubles for AsteriskClient: a recording Sender and a minimal adapter view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from callpanel.ami import Action, Event, EventList, Response
from callpanel.asterisk.replies import action_error
from callpanel.calls.events import CallState, Direction, HoldBy
from callpanel.calls.model import Call

Reply = Response | Exception | Callable[[Action], Response]


def ok(message: str = "Success", **headers: str) -> Response:
    return Response.build([("Response", "Success"), ("Message", message), *headers.items()])


def error(message: str) -> Response:
    return Response.build([("Response", "Error"), ("Message", message)])


class RecordingSender:
    """Records every action; replies from ``replies[action name]`` (a list is consumed in order)."""

    def __init__(self, version: tuple[int, ...] | None = (18, 26, 4)) -> None:
        self.version_tuple = version
        self.sent: list[Action] = []
        self.replies: dict[str, list[Reply]] = {}
        self.lists: dict[str, EventList] = {}

    def reply(self, name: str, *replies: Reply) -> None:
        self.replies.setdefault(name, []).extend(replies)

    async def send(self, action: Action, *, timeout: float | None = None) -> Response:
        self.sent.append(action)
        queue = self.replies.get(action.name)
        reply: Reply = queue.pop(0) if queue else ok()
        if isinstance(reply, Exception):
            raise reply
        if callable(reply) and not isinstance(reply, Response):
            reply = reply(action)
        if reply.is_error:  # as the connection does: Response: Error is raised, not returned
            raise action_error(action.name, reply)
        return reply

    async def send_list(self, action: Action, *, timeout: float | None = None) -> EventList:
        self.sent.append(action)
        queue = self.replies.get(action.name)
        if queue:
            reply = queue.pop(0)
            if isinstance(reply, Exception):
                raise reply
            if isinstance(reply, Response) and reply.is_error:
                raise action_error(action.name, reply)
        return self.lists.get(action.name) or EventList(ok("Events follow"), (), None)

    def names(self) -> list[str]:
        return [a.name for a in self.sent]

    def headers(self, index: int = -1) -> list[tuple[str, str]]:
        return list(self.sent[index].headers)


class RaisingAsManagerDoes(RecordingSender):
    """Kept for the tests that name it: every RecordingSender now raises as the manager does."""


@dataclass(frozen=True)
class Legs:
    operator_channel: str
    operator_uniqueid: str
    remote_channel: str | None
    remote_uniqueid: str | None
    bridge_id: str | None


@dataclass
class FakeAdapter:
    calls_: dict[str, Call] = field(default_factory=dict)
    legs_: dict[str, Legs] = field(default_factory=dict)
    expected: list[tuple[str, str, str | None]] = field(default_factory=list)
    transfers_expected: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def calls(self) -> Mapping[str, Call]:
        return self.calls_

    def legs(self, call_id: str) -> Legs | None:
        return self.legs_.get(call_id)

    def expect_originate(self, channel_id: str, number: str, *, call_id: str | None = None) -> None:
        self.expected.append((channel_id, number, call_id))

    def expect_transfer(self, call_id: str, expected: bool = True) -> None:
        self.transfers_expected.append((call_id, expected))

    def add(
        self,
        call_id: str,
        state: CallState,
        *,
        operator: str = "SIP/101-00000001",
        remote: str | None = "SIP/trunk-00000000",
        bridged: bool = True,
        held_by: HoldBy | None = None,
        number: str = "+79161234567",
        name: str = "Ivan Petrov",
        direction: Direction = Direction.INCOMING,
    ) -> None:
        self.calls_[call_id] = Call(
            call_id, direction, state, number, name, False, 1.0, None, None, None, held_by
        )
        self.legs_[call_id] = Legs(
            operator,
            "1795755558.1",
            remote,
            "1795755558.0" if remote else None,
            "bridge-1" if bridged else None,
        )

    def set_state(self, call_id: str, state: CallState, held_by: HoldBy | None = None) -> None:
        self.calls_[call_id] = replace(self.calls_[call_id], state=state, held_by=held_by)


def parked_list(
    parkee_uniqueid: str, channel: str, lot: str = "default", space: str = "701"
) -> EventList:
    item = Event.build(
        [
            ("Event", "ParkedCall"),
            ("ParkeeChannel", channel),
            ("ParkeeUniqueid", parkee_uniqueid),
            ("ParkingLot", lot),
            ("ParkingSpace", space),
        ]
    )
    done = Event.build([("Event", "ParkedCallsComplete"), ("Total", "1")])
    return EventList(ok("Parked calls will follow"), (item,), done)
