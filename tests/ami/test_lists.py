"""Event lists assembled by ActionID (docs/AMI.md), with the real resync replies."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from callpanel.ami import AmiParser, Event, EventListAssembler, Response
from tests.conftest import CAPTURES, VERSIONS


def collect(messages: Sequence[object]) -> dict[str, tuple[str, list[str], int]]:
    """ActionID -> (complete event name, item event names, ListItems) for every finished list."""
    lists = EventListAssembler()
    done: dict[str, tuple[str, list[str], int]] = {}
    for message in messages:
        if isinstance(message, Response):
            lists.start(message)
        elif isinstance(message, Event):
            consumed, finished = lists.add(message)
            if finished is not None:
                assert consumed and finished.complete is not None
                action_id = finished.response.action_id
                assert action_id is not None
                assert all(item.action_id == action_id for item in finished.items)
                done[action_id] = (
                    finished.complete.name,
                    [item.name for item in finished.items],
                    int(finished.complete.get("ListItems") or -1),
                )
    assert len(lists) == 0
    return done


@pytest.mark.parametrize("version", VERSIONS)
def test_resync_snapshot_lists(version: str) -> None:
    raw = (CAPTURES / version / "16_resync_snapshot.ami").read_bytes()
    done = collect(AmiParser().feed(raw))
    assert sorted(done) == ["cp16-2", "cp16-3", "cp16-4"]
    complete, items, count = done["cp16-2"]
    assert complete == "CoreShowChannelsComplete"
    assert items == ["CoreShowChannel"] * count and count == 2
    complete, items, count = done["cp16-3"]
    assert complete == "StatusComplete" and items == ["Status"] * count and count >= 2
    complete, items, count = done["cp16-4"]
    assert complete == "BridgeListComplete" and items == ["BridgeListItem"] * count


def test_broadcast_events_interleaved_are_not_consumed() -> None:
    lists = EventListAssembler()
    start = Response.build([("Response", "Success"), ("ActionID", "L1"), ("EventList", "Start")])
    assert lists.start(start)  # capital S, as FAXSessions sends it
    hangup = Event.build([("Event", "Hangup"), ("Uniqueid", "1.1")])
    other = Event.build([("Event", "CoreShowChannel"), ("ActionID", "someone-else")])
    item = Event.build([("Event", "CoreShowChannel"), ("ActionID", "L1"), ("Channel", "SIP/1")])
    done = Event.build(
        [("Event", "CoreShowChannelsComplete"), ("ActionID", "L1"), ("EventList", "complete")]
    )
    assert lists.add(hangup) == (False, None)
    assert lists.add(other) == (False, None)
    assert lists.add(item) == (True, None)
    consumed, finished = lists.add(done)
    assert consumed and finished is not None
    assert finished.items == (item,) and finished.complete == done and finished.response == start
    assert lists.add(item) == (False, None)  # the list is closed


def test_not_a_list_and_abandon() -> None:
    lists = EventListAssembler()
    assert not lists.start(Response.build([("Response", "Success"), ("ActionID", "A")]))
    assert not lists.start(Response.build([("Response", "Success"), ("EventList", "start")]))
    assert not lists.start(
        Response.build(
            [("Response", "Error"), ("ActionID", "B"), ("Message", "No endpoints found")]
        )
    )
    assert lists.start(
        Response.build([("Response", "Success"), ("ActionID", "C"), ("EventList", "start")])
    )
    lists.abandon("C")
    assert len(lists) == 0
    assert lists.add(Event.build([("Event", "X"), ("ActionID", "C")])) == (False, None)
