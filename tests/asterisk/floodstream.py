"""A realistic event flood for the R8 test and ``bench/bench_flood.py``.

Every broadcast event of the Asterisk 18.26.4 recordings (VarSet/Newexten/RTCP noise included,
as real Asterisk sends it), copied again and again with fresh Uniqueids/Linkedids, channel
numbers and bridge ids so that no two copies' calls collide. ``expected_call_events`` runs a
fresh adapter over the same events: the reference the panel's output must equal.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from callpanel.ami import AmiParser, Event
from callpanel.asterisk.adapter import AsteriskAdapter
from callpanel.asterisk.centre import AsteriskCentre, CentreConfig
from callpanel.calls.events import CallEvent, RingStarted

from .amiserver import recorded_events

CAPTURES = Path(__file__).resolve().parents[1] / "data" / "ami-captures"
RECORDINGS = CAPTURES / "18.26.4"
ENDPOINT = "SIP/101"

_UID = re.compile(rb"\b(17957\d{5})\.(\d+)\b")
_SEQ = re.compile(rb"-0000([0-9a-f]{4})(?=[;\r\n, ])")
_UUID = re.compile(rb"\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")


def rewrite(data: bytes, copy: int) -> bytes:
    """The same bytes with new Uniqueids/Linkedids, channel numbers and bridge ids."""
    data = _UID.sub(lambda m: b"%d%s.%s" % (copy, m.group(1), m.group(2)), data)
    data = _SEQ.sub(lambda m: b"-%04x%s" % (copy % 0x10000, m.group(1)), data)
    return _UUID.sub(lambda m: b"%x-%s" % (copy, m.group(1)), data)


def encode(event: Event) -> bytes:
    return b"".join(f"{k}: {v}\r\n".encode() for k, v in event.headers) + b"\r\n"


# Each recording starts with its own session's FullyBooted (sent to a client at login, not
# call traffic); replayed mid-session it would make the panel refresh its calls every copy.
SESSION_EVENTS = frozenset({"FullyBooted"})


def base_events() -> list[bytes]:
    """One copy: every recording's broadcast call events, recording after recording."""
    out: list[bytes] = []
    for path in sorted(RECORDINGS.glob("*.ami")):
        out.extend(
            encode(event) for event in recorded_events(path) if event.name not in SESSION_EVENTS
        )
    return out


def flood_events(copies: int, *, ours_every: int = 1) -> list[bytes]:
    """``copies`` rewritten copies, one encoded message per item, in send order.

    ``ours_every=N``: only every N-th copy rings the operator's phone; the others are the same
    calls on a colleague's phone (SIP/101 renamed SIP/191), which the panel reads and skips.
    """
    base = base_events()
    out: list[bytes] = []
    for copy in range(1, copies + 1):
        ours = (copy - 1) % ours_every == 0
        for message in base:
            message = rewrite(message, copy)
            out.append(message if ours else message.replace(b"SIP/101", b"SIP/191"))
    return out


@dataclass(frozen=True)
class Expected:
    """What the panel must turn the flood into."""

    call_events: tuple[CallEvent, ...]  # in order
    triggers: tuple[tuple[int, CallEvent], ...]  # (index of the AMI event, call event)


def expected_call_events(messages: Sequence[bytes]) -> Expected:
    adapter = AsteriskAdapter([ENDPOINT])
    # As in the panel: the call centre sees each event first and names a queue call's queue.
    centre = AsteriskCentre(CentreConfig(endpoints=(ENDPOINT,)), clock=lambda: 0.0)

    def caller_of(call_id: str) -> str | None:
        legs = adapter.legs(call_id)
        return legs.remote_uniqueid if legs is not None else None

    adapter.annotate = lambda event: centre.enrich(event, caller_of)
    parser = AmiParser(expect_banner=False)
    triggers: list[tuple[int, CallEvent]] = []
    for index, message in enumerate(messages):
        for parsed in parser.feed(message):
            assert isinstance(parsed, Event)
            centre.handle(parsed)
            triggers.extend((index, call_event) for call_event in adapter.handle(parsed))
    return Expected(tuple(event for _i, event in triggers), tuple(triggers))


def without_waits(events: Sequence[CallEvent]) -> list[CallEvent]:
    """Call events with a queue call's wait left out (it depends on the clock)."""
    return [
        dataclasses.replace(e, waited_s=None) if isinstance(e, RingStarted) else e for e in events
    ]
