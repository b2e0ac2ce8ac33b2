"""Issue 10 item 7: ``callpanel replay --endpoint`` runs the connection's read path (the same
AmiReader, built by the same reading_config: limits, unbuilt NOISE, lists assembled), so a
capture behaves in replay as it does in the panel."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from callpanel import replay
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.reader import AmiReader
from tests.conftest import CAPTURES

REC = CAPTURES / "18.26.4"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = replay.main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_endpoint_mode_reads_through_the_connections_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[AmiReader] = []
    lists: list[int] = []

    class Spy(AmiReader):
        def __init__(self, config: object) -> None:
            super().__init__(config)  # type: ignore[arg-type]
            made.append(self)

        def next(self) -> object:
            got = super().next()
            if type(got).__name__ == "EventList":
                lists.append(len(got.items))  # type: ignore[union-attr]
            return got

    monkeypatch.setattr(replay, "AmiReader", Spy)
    code, out, err = run([str(REC / "16_resync_snapshot.ami"), "--endpoint", "SIP/101"])
    assert (code, err) == (0, "")
    assert len(made) == 1
    noise = made[0].parser.ignore_events
    assert "VarSet" in noise and noise <= AsteriskAdapter.NOISE
    assert made[0].parser.ignored > 0  # the chatty events were never built, as in the panel
    assert lists and lists[0] >= 1  # the CoreShowChannels reply came out of the reader whole
    assert any(json.loads(line)["event"] == "ActiveCallSnapshot" for line in out.splitlines())


def test_an_ignored_event_is_never_parsed_in_replay_either(tmp_path: Path) -> None:
    good = (REC / "01_incoming_answered_caller_hangs_up.ami").read_bytes()
    cut = good.index(b"Event: VarSet\r\n")
    # a VarSet with a broken line: the panel drops it unparsed, so replay must go on too
    bad = good[:cut] + b"Event: VarSet\r\nno colon here\r\n\r\n" + good[cut:]
    path = tmp_path / "bad.ami"
    path.write_bytes(bad)
    expected = run([str(REC / "01_incoming_answered_caller_hangs_up.ami"), "--endpoint", "SIP/101"])
    assert run([str(path), "--endpoint", "SIP/101"]) == expected
    assert expected[0] == 0
    # --messages prints every message, so it parses (and reports) that one
    assert run([str(path), "--messages"])[0] == 2


def test_a_list_past_the_connections_limit_stops_replay_as_it_ends_the_session(
    tmp_path: Path,
) -> None:
    head = (
        b"Asterisk Call Manager/7.0.3\r\n"
        b"Response: Success\r\nActionID: r1\r\nEventList: start\r\n"
        b"Message: Channels will follow\r\n\r\n"
    )
    item = (
        b"Event: CoreShowChannel\r\nActionID: r1\r\n"
        b"Channel: SIP/102-00000001\r\nUniqueid: 1.1\r\n\r\n"
    )
    path = tmp_path / "flood.ami"
    path.write_bytes(head + item * 10_001)
    code, _out, err = run([str(path), "--endpoint", "SIP/101"])
    assert code == 2
    assert "event list" in err and "10000 items" in err
