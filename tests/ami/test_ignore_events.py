"""``ignore_events``: framed and counted, never built; everything else is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.ami import AmiParser, Event, Message
from tests.conftest import capture_paths

NOISE = frozenset({"VarSet", "Newexten", "RTCPSent", "DeviceStateChange"})


def parse(data: bytes, step: int | None, **kwargs: object) -> tuple[list[Message], AmiParser]:
    parser = AmiParser(**kwargs)  # type: ignore[arg-type]
    out: list[Message] = []
    chunks = [data] if step is None else [data[i : i + step] for i in range(0, len(data), step)]
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out, parser


@pytest.mark.parametrize("path", capture_paths(), ids=lambda p: f"{p.parent.name}/{p.stem}")
@pytest.mark.parametrize("step", [None, 1, 997])
def test_ignored_events_are_counted_and_the_rest_is_unchanged(path: Path, step: int | None) -> None:
    data = path.read_bytes()
    everything, _ = parse(data, step)
    kept, parser = parse(data, step, ignore_events=NOISE)
    expected = [m for m in everything if not (isinstance(m, Event) and m.name in NOISE)]
    assert kept == expected
    assert parser.ignored == len(everything) - len(expected)
    assert not any(isinstance(m, Event) and m.name in NOISE for m in kept)


def test_responses_and_list_items_are_never_ignored() -> None:
    data = (
        b"Asterisk Call Manager/7.0.3\r\n"
        b"Response: Success\r\nActionID: a1\r\nEventList: start\r\n\r\n"
        b"Event: VarSet\r\nVariable: X\r\nValue: 1\r\n\r\n"
        b"Event: CoreShowChannel\r\nActionID: a1\r\nChannel: SIP/101-00000001\r\n\r\n"
        b"Event: CoreShowChannelsComplete\r\nActionID: a1\r\nEventList: Complete\r\n\r\n"
    )
    kept, parser = parse(data, None, ignore_events={"VarSet"})
    assert [type(m).__name__ for m in kept] == ["Banner", "Response", "Event", "Event"]
    assert parser.ignored == 1
