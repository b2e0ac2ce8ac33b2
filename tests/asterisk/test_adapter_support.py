"""Helpers shared by the adapter tests (no tests here): feeding recordings, building events,
turning call events into a compact notation with stable call labels, rewriting recordings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from callpanel.ami import AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.calls import (
    ActiveCallSnapshot,
    CallEvent,
    CallInfoChanged,
    CommutationStarted,
    EndHoldAction,
    PutHoldAction,
    RingFinished,
    RingStarted,
)

Step = tuple[object, ...]


def parse_events(data: bytes) -> list[Event]:
    return [m for m in AmiParser().feed(data) if isinstance(m, Event)]


def feed(adapter: AsteriskAdapter, events: Iterable[Event]) -> list[CallEvent]:
    """Like the manager: CoreShowChannel items go to resync when their list completes."""
    out: list[CallEvent] = []
    items: list[Event] = []
    for event in events:
        if event.name == "CoreShowChannel":
            items.append(event)
        elif event.name == "CoreShowChannelsComplete":
            out += adapter.resync(items)
            items = []
        else:
            out += adapter.handle(event)
    return out


def replay(path: Path, endpoint: str = "SIP/101", data: bytes | None = None) -> list[CallEvent]:
    adapter = AsteriskAdapter([endpoint], clock=lambda: 1000.0)
    out = feed(adapter, parse_events(data if data is not None else path.read_bytes()))
    assert adapter.sizes() == {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}
    return out


def notation(events: Iterable[CallEvent], labels: dict[str, str] | None = None) -> list[Step]:
    """Call events as tuples; call ids become c1, c2 … in order of first appearance.

    Pass the same ``labels`` dict to keep the names across several batches.
    """
    labels = {} if labels is None else labels

    def label(call_id: str) -> str:
        return labels.setdefault(call_id, f"c{len(labels) + 1}")

    steps: list[Step] = []
    for e in events:
        if isinstance(e, RingStarted):
            steps.append(
                ("RingStarted", label(e.call_id), e.direction.value, e.number, e.name, e.internal)
            )
        elif isinstance(e, CommutationStarted):
            steps.append(("CommutationStarted", label(e.call_id)))
        elif isinstance(e, PutHoldAction):
            steps.append(("PutHoldAction", label(e.call_id), e.by.value))
        elif isinstance(e, EndHoldAction):
            steps.append(("EndHoldAction", label(e.call_id)))
        elif isinstance(e, RingFinished):
            steps.append(("RingFinished", label(e.call_id), e.reason.value))
        elif isinstance(e, CallInfoChanged):
            steps.append(("CallInfoChanged", label(e.call_id), e.number, e.name))
        elif isinstance(e, ActiveCallSnapshot):
            calls = tuple(
                (label(c.call_id), c.state.value, c.direction.value, c.number, c.name)
                for c in e.calls
            )
            steps.append(("ActiveCallSnapshot", calls))
    return steps


def ev(name: str, *blocks: list[tuple[str, str]], **headers: str) -> Event:
    items: list[tuple[str, str]] = [("Event", name)]
    for block in blocks:
        items.extend(block)
    items.extend(headers.items())
    return Event.build(items)


def chan(
    name: str,
    uid: str,
    *,
    linkedid: str | None = None,
    state: int = 0,
    num: str = "<unknown>",
    cid_name: str = "<unknown>",
    conn_num: str = "<unknown>",
    conn_name: str = "<unknown>",
    exten: str = "s",
    prefix: str = "",
) -> list[tuple[str, str]]:
    """A standard channel block (docs/AMI.md)."""
    p = prefix
    return [
        (p + "Channel", name),
        (p + "ChannelState", str(state)),
        (p + "ChannelStateDesc", "x"),
        (p + "CallerIDNum", num),
        (p + "CallerIDName", cid_name),
        (p + "ConnectedLineNum", conn_num),
        (p + "ConnectedLineName", conn_name),
        (p + "Language", "en"),
        (p + "AccountCode", ""),
        (p + "Context", "internal"),
        (p + "Exten", exten),
        (p + "Priority", "1"),
        (p + "Uniqueid", uid),
        (p + "Linkedid", linkedid or uid),
    ]


_UID = re.compile(rb"\b(17957\d{5})\.(\d+)\b")
_SEQ = re.compile(rb"-0000([0-9a-f]{4})(?=[;\r\n, ])")
_UUID = re.compile(rb"\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")


def rewrite(data: bytes, copy: int) -> bytes:
    """A copy of a recording whose Uniqueids, channel numbers and bridge ids are all new."""
    data = _UID.sub(lambda m: b"%d%s.%s" % (copy, m.group(1), m.group(2)), data)
    data = _SEQ.sub(lambda m: b"-%04x%s" % (copy % 0x10000, m.group(1)), data)
    return _UUID.sub(lambda m: b"%x-%s" % (copy, m.group(1)), data)


def body(data: bytes) -> bytes:
    """The messages after the banner line."""
    return data.split(b"\r\n", 1)[1]


class FakePbx:
    """Builds consistent AMI events for hand-made scenarios (channel blocks stay in sync)."""

    def __init__(self) -> None:
        self.chans: dict[str, dict[str, str]] = {}

    def block(self, uid: str, prefix: str = "") -> list[tuple[str, str]]:
        c = self.chans[uid]
        return chan(
            c["name"],
            uid,
            linkedid=c["linkedid"],
            state=int(c["state"]),
            num=c["num"],
            cid_name=c["cid_name"],
            conn_num=c["conn_num"],
            conn_name=c["conn_name"],
            exten=c["exten"],
            prefix=prefix,
        )

    def new(
        self,
        name: str,
        uid: str,
        *,
        linkedid: str | None = None,
        state: int = 0,
        num: str = "<unknown>",
        cid_name: str = "<unknown>",
        exten: str = "s",
    ) -> Event:
        self.chans[uid] = {
            "name": name,
            "linkedid": linkedid or uid,
            "state": str(state),
            "num": num,
            "cid_name": cid_name,
            "conn_num": "<unknown>",
            "conn_name": "<unknown>",
            "exten": exten,
        }
        return ev("Newchannel", self.block(uid))

    def state(self, uid: str, state: int) -> Event:
        self.chans[uid]["state"] = str(state)
        return ev("Newstate", self.block(uid))

    def dial_begin(self, caller: str | None, dest: str, dialstring: str) -> Event:
        blocks = [self.block(caller)] if caller else []
        return ev("DialBegin", *blocks, self.block(dest, "Dest"), DialString=dialstring)

    def dial_end(self, caller: str | None, dest: str, status: str) -> Event:
        blocks = [self.block(caller)] if caller else []
        return ev("DialEnd", *blocks, self.block(dest, "Dest"), DialStatus=status)

    def enter(self, uid: str, bridge: str, swap: str | None = None) -> Event:
        extra = {"SwapUniqueid": swap} if swap else {}
        return ev("BridgeEnter", [("BridgeUniqueid", bridge)], self.block(uid), **extra)

    def leave(self, uid: str, bridge: str) -> Event:
        return ev("BridgeLeave", [("BridgeUniqueid", bridge)], self.block(uid))

    def on(self, name: str, uid: str, **headers: str) -> Event:
        """Any event about one channel: Hold, Unhold, MusicOnHoldStart, …"""
        return ev(name, self.block(uid), **headers)

    def connected(self, uid: str, num: str, name: str) -> Event:
        self.chans[uid]["conn_num"], self.chans[uid]["conn_name"] = num, name
        return ev("NewConnectedLine", self.block(uid))

    def callerid(self, uid: str, num: str, name: str) -> Event:
        self.chans[uid]["num"], self.chans[uid]["cid_name"] = num, name
        return ev("NewCallerid", self.block(uid))

    def hangup(self, uid: str, cause: int = 16) -> Event:
        event = ev("Hangup", self.block(uid), Cause=str(cause), **{"Cause-txt": "x"})
        del self.chans[uid]
        return event

    def incoming_ring(
        self, trunk: str, op: str, *, num: str, name: str, op_name: str = "SIP/101-00000001"
    ) -> list[Event]:
        """A caller on the trunk dials the operator's phone, which rings."""
        return [
            self.new(f"SIP/trunk-{trunk.replace('.', '')[-8:]}", trunk, num=num, cid_name=name),
            self.state(trunk, 4),
            self.new(op_name, op, linkedid=trunk, num="101", cid_name="Operator 101"),
            self.dial_begin(trunk, op, "101"),
            self.state(op, 5),
        ]

    def answer(self, trunk: str, op: str, bridge: str) -> list[Event]:
        return [
            self.state(op, 6),
            self.dial_end(trunk, op, "ANSWER"),
            self.state(trunk, 6),
            self.enter(op, bridge),
            self.enter(trunk, bridge),
        ]

    def finish(self, first: str, second: str, bridge: str) -> list[Event]:
        return [
            self.leave(first, bridge),
            self.leave(second, bridge),
            ev("BridgeDestroy", BridgeUniqueid=bridge),
            self.hangup(first),
            self.hangup(second),
        ]


# -- shared by the hand-made case files ---------------------------------------------------

T, OP = "1795000000.0", "1795000000.1"  # the caller's and the operator's Uniqueids
IVAN = ("+79161234567", "Ivan Petrov", False)
EMPTY = {"channels": 0, "bridges": 0, "locals": 0, "calls": 0, "expected": 0}


def adapter(*endpoints: str) -> AsteriskAdapter:
    return AsteriskAdapter(list(endpoints or ("SIP/101",)), clock=lambda: 50.0)


def talking(pbx: FakePbx, a: AsteriskAdapter) -> None:
    """Ivan Petrov's call to SIP/101, answered and bridged."""
    feed(
        a,
        [
            *pbx.incoming_ring(T, OP, num="+79161234567", name="Ivan Petrov"),
            *pbx.answer(T, OP, "b1"),
        ],
    )
