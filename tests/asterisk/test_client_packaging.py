"""packaging/asterisk: the admin's config files agree with what the panel sends and needs.

* manager.conf's event filters let through every event that changes what the panel shows:
  each real recording gives the same call events with and without the filter;
* its read/write classes are spelled the way Asterisk parses them, and that exact user can do
  every pbx-* command against the simulator, while phone-notify needs ``system``;
* extensions.conf defines the contexts the client's defaults name; res_parking.conf and
  musiconhold.conf the lot and music class pbx-park and pbx-moh play.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from pathlib import Path

import pytest

from callpanel.ami import AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.client import AsteriskClient
from callpanel.asterisk.config import (
    AnswerStrategy,
    ClientConfig,
    ConnectionConfig,
    HoldStrategy,
)
from callpanel.asterisk.errors import PermissionDenied
from callpanel.asterisk.manager import AsteriskManager
from callpanel.asterisk.status import ConnectionStatus, LinkState
from callpanel.calls.events import (
    CallEvent,
    CommutationStarted,
    EndHoldAction,
    PutHoldAction,
    RingFinished,
    RingStarted,
)
from callpanel.sim.config import CLASSES, SimConfig, SimUser
from callpanel.sim.pbx import SimPbx
from tests.conftest import capture_paths

PACKAGING = Path(__file__).resolve().parents[2] / "packaging" / "asterisk"
WAIT = 5.0


def section(path: Path, name: str) -> list[tuple[str, str]]:
    """``key = value`` lines of one ``[name]`` section, comments dropped, in order."""
    out: list[tuple[str, str]] = []
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        if current == name and "=" in line:
            key, _, value = line.partition("=")
            out.append((key.strip(), value.lstrip(">").strip()))
    return out


def user() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for key, value in section(PACKAGING / "manager.conf", "callpanel"):
        table.setdefault(key, []).append(value)
    return table


def event_filters() -> list[re.Pattern[str]]:
    # POSIX [[:cntrl:]] has no Python spelling; everything else is shared ERE syntax.
    return [
        re.compile(value.replace("[[:cntrl:]]", r"[\x00-\x1f]")) for value in user()["eventfilter"]
    ]


def passes(event: Event, filters: list[re.Pattern[str]]) -> bool:
    """Asterisk's legacy include filters: the regex runs over the whole event text."""
    text = "".join(f"{key}: {value}\r\n" for key, value in event.headers)
    return any(f.search(text) for f in filters)


def events_of(path: Path) -> list[Event]:
    parser = AmiParser()
    return [m for m in parser.feed(path.read_bytes()) if isinstance(m, Event)]


def replay(events: list[Event]) -> list[CallEvent]:
    adapter = AsteriskAdapter(["SIP/101"], clock=lambda: 1795755529.0)
    out: list[CallEvent] = []
    for event in events:
        out.extend(adapter.handle(event))
    return out


# ------------------------------------------------------------------ manager.conf


def test_read_and_write_classes_are_spelled_as_asterisk_parses_them() -> None:
    table = user()
    for key in ("read", "write"):
        (value,) = table[key]
        assert value == value.strip().lower()
        assert " " not in value
        assert all(name in CLASSES for name in value.split(","))
    assert table["read"] == ["call,agent,system"]  # agent: queue events (call centre)
    assert table["write"] == ["call,originate,reporting,agent"]  # no "system" by default
    assert int(table["writetimeout"][0]) >= 100  # Asterisk rejects smaller values
    assert table["deny"] == ["0.0.0.0/0.0.0.0"] and table["permit"]


@pytest.mark.parametrize("path", capture_paths(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_filtered_events_give_the_same_calls(path: Path) -> None:
    events = events_of(path)
    filters = event_filters()
    # List items answer our own actions (ActionID): Asterisk never filters those.
    kept = [e for e in events if e.action_id or passes(e, filters)]
    assert replay(kept) == replay(events)


def test_filter_lets_the_important_events_through_and_drops_the_noise() -> None:
    filters = event_filters()

    def named(name: str) -> Event:
        return Event.build([("Event", name), ("Privilege", "call,all"), ("Channel", "SIP/1")])

    for name in ("Hangup", "Hold", "ParkedCall", "OriginateResponse", "FullyBooted", "Shutdown"):
        assert passes(named(name), filters), name
    for name in ("HangupRequest", "SoftHangupRequest", "VarSet", "Newexten", "RTCPSent", "Holds"):
        assert not passes(named(name), filters), name


def test_filter_lets_the_call_centre_events_through() -> None:
    from callpanel.asterisk.centre import AsteriskCentre

    filters = event_filters()
    for name in sorted(AsteriskCentre.EVENTS - {"DeviceStateChange"}):
        event = Event.build([("Event", name), ("Privilege", "agent,all"), ("Queue", "q")])
        assert passes(event, filters), name

    def device(name: str) -> Event:
        return Event.build(
            [("Event", "DeviceStateChange"), ("Privilege", "call,all"), ("Device", name)]
        )

    assert passes(device("Custom:DND101"), filters)  # DND: the only device state we read
    assert not passes(device("SIP/101"), filters)
    assert not passes(device("Queue:support_avail"), filters)


def test_filter_saves_most_of_the_traffic() -> None:
    filters = event_filters()
    total = kept = 0
    for path in capture_paths():
        for event in events_of(path):
            size = sum(len(k) + len(v) + 4 for k, v in event.headers) + 2
            total += size
            kept += size if passes(event, filters) else 0
    assert kept < total * 0.4  # measured on the 36 recordings: 23 % of the bytes remain


# ------------------------------------------------------------------ extensions.conf


def test_dialplan_contexts_match_the_client_defaults() -> None:
    defaults = ClientConfig()
    path = PACKAGING / "extensions.conf"
    hold = section(path, defaults.hold_context)
    park_op = section(path, defaults.park_context)
    aa = section(path, defaults.autoanswer_context)
    # after a Bridge, each channel goes to the priority after its current one: s,2 hangs up
    assert hold == [("exten", "s,1,MusicOnHold()"), ("exten", "s,2,Hangup()")]
    assert park_op[-1] == ("exten", "s,2,Hangup()")
    assert any("Dial(PJSIP/${EXTEN}" in v and ",b(" in v for _, v in aa)


def test_notify_types_exist_for_talk_and_hold() -> None:
    for name in ("sip_notify.conf", "pjsip_notify.conf"):
        assert section(PACKAGING / name, "panel-talk")[0] == ("Event", "talk")
        assert section(PACKAGING / name, "panel-hold")[0] == ("Event", "hold")


def test_parking_lot_and_its_music_class() -> None:
    """pbx-park needs a lot (res_parking does not load without res_parking.conf) whose music
    class exists, as does [panel-hold]'s MusicOnHold() (class "default")."""
    lot = dict(section(PACKAGING / "res_parking.conf", "default"))
    assert lot["parkext"] == "700" and lot["parkpos"] == "701-720"
    assert lot["context"] == "parkedcalls" and lot["comebacktoorigin"] == "yes"
    moh = dict(section(PACKAGING / "musiconhold.conf", lot["parkedmusicclass"]))
    assert moh["mode"] == "files" and moh["directory"]
    assert section(PACKAGING / "musiconhold.conf", "default") != []


# ------------------------------------------------------------------ the packaged user, live


@pytest.mark.asyncio
@pytest.mark.timeout(30)
@pytest.mark.parametrize("with_system", [False, True])
async def test_packaged_user_rights_against_the_simulator(with_system: bool) -> None:
    table = user()
    write = table["write"][0] + (",system" if with_system else "")
    packaged = SimUser(
        "callpanel_pkg",
        "pkg-secret",
        read=frozenset(table["read"][0].split(",")),
        write=frozenset(write.split(",")),
    )
    sim = SimPbx(SimConfig(time_scale=0.01, extra_users=(packaged,)))
    await sim.start(host="127.0.0.1", port=0)
    config = dataclasses.replace(
        ClientConfig(),
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.PBX_MOH,
    )
    events: list[CallEvent] = []
    changed = asyncio.Event()
    connected = asyncio.get_running_loop().create_future()

    def on_status(status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED and not connected.done():
            connected.set_result(None)

    def on_event(event: CallEvent) -> None:
        events.append(event)
        changed.set()

    async def wait_for(kind: type) -> CallEvent:
        async def scan() -> CallEvent:
            while True:
                for event in events:
                    if isinstance(event, kind):
                        events.remove(event)
                        return event
                changed.clear()
                await changed.wait()

        return await asyncio.wait_for(scan(), WAIT)

    conn = ConnectionConfig(
        host="127.0.0.1", port=sim.port, username="callpanel_pkg", secret="pkg-secret"
    )
    manager = AsteriskManager(conn, config, on_status=on_status, on_call_event=on_event)
    client = AsteriskClient(manager, manager.adapter, config)
    await manager.start()
    try:
        await asyncio.wait_for(connected, WAIT)
        await sim.incoming_call(number="+79161234567", name="Ivan Petrov", to="SIP/101")
        ring = await wait_for(RingStarted)
        call_id = ring.call_id  # type: ignore[attr-defined]
        if with_system:
            await client.answer(call_id)  # Getvar + SIPnotify need write=system
        else:
            with pytest.raises(PermissionDenied):
                await client.answer(call_id)
            await sim.phone("SIP/101").answer()
        await wait_for(CommutationStarted)
        await client.hold(call_id)  # Redirect: call
        await wait_for(PutHoldAction)
        await client.unhold(call_id)  # Bridge: call
        await wait_for(EndHoldAction)
        await client.dtmf(call_id, "5")  # PlayDTMF: call
        await client.hangup(call_id)  # Hangup: call
        await wait_for(RingFinished)
        await client.dial("74997654321")  # Originate: originate
        await wait_for(RingStarted)
    finally:
        await manager.stop()
        await sim.stop()
