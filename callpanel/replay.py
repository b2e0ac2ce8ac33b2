"""``callpanel replay PATH [--messages] [--endpoint E ...]``: run a recorded AMI stream offline.

PATH is raw ``.ami`` bytes (what the server sent) or a ``.jsonl`` recording (one JSON object
per socket chunk: ``{"t", "dir", "data"}``, or ``"b64"`` with base64 bytes instead of
``data``; only ``dir == "in"`` chunks are fed, one by one as recorded). ``-`` reads stdin; a
``.jsonl`` is recognised by its content (first non-blank byte ``{``).

* ``--messages``: every parsed message as one JSON object per line.
* ``--endpoint SIP/101``: the call events the panel would show for that endpoint (needs
  ``callpanel.asterisk.adapter``), one JSON object per line.
* neither: a one-line summary.

Malformed input stops the replay after what was parsed before it: one line on stderr naming
the byte offset (in the server's byte stream), exit status 2. This module must not import Qt.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .ami import (
    Banner,
    Event,
    EventList,
    EventListAssembler,
    Message,
    RemoteProtocolError,
    Response,
)
from .asterisk.config import ConnectionConfig
from .asterisk.reader import AmiReader, reading_config

if TYPE_CHECKING:
    from .calls.events import CallEvent

EXIT_BAD_INPUT = 2
Chunk = tuple[float | None, bytes]


class RecordingError(Exception):
    """The file is not a recording we can read (bad JSON line, bad base64, ...)."""


def message_to_json(message: Message) -> dict[str, object]:
    """The stable JSON form of one AMI message printed by ``--messages``."""
    if isinstance(message, Banner):
        return {"type": "banner", "version": message.version}
    kind = "response" if isinstance(message, Response) else "event"
    out: dict[str, object] = {"type": kind, "headers": [list(pair) for pair in message.headers]}
    if isinstance(message, Response) and message.output is not None:
        out["output"] = message.output
    return out


def looks_like_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def jsonl_chunks(data: bytes) -> Iterator[Chunk]:
    """The "in" chunks of a .jsonl recording, as recorded."""
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            if record.get("dir") != "in":
                continue
            stamp = record.get("t")
            if "b64" in record:
                chunk = base64.b64decode(record["b64"], validate=True)
            else:
                chunk = str(record["data"]).encode("utf-8")
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise RecordingError(f"line {number} is not a recording chunk: {exc}") from None
        yield (float(stamp) if isinstance(stamp, int | float) else None), chunk


def read_chunks(path: str) -> Iterator[Chunk]:
    if path == "-":
        data = sys.stdin.buffer.read()
        jsonl = looks_like_jsonl(data)
    else:
        file = Path(path)
        data = file.read_bytes()
        suffix = file.suffix.lower()
        jsonl = suffix == ".jsonl" or (suffix != ".ami" and looks_like_jsonl(data))
    if jsonl:
        yield from jsonl_chunks(data)
    elif data:
        yield None, data


class CallEvents:
    """``--endpoint``: AMI messages through the adapter, list replies through resync.

    ``reader`` is the connection's read path built for that adapter (its NOISE unbuilt, lists
    assembled): :meth:`feed` then gets whole event lists. With ``--messages`` every message is
    printed, so lists are assembled here instead, from the items as they pass.
    """

    def __init__(self, endpoints: Sequence[str], clock: Callable[[], float]) -> None:
        from .asterisk.adapter import AsteriskAdapter  # lazy: only this mode needs it
        from .asterisk.centre import AsteriskCentre, CentreConfig

        self.adapter = AsteriskAdapter(endpoints, clock=clock)
        # As in the panel: the call centre sees each event first, so that a queue call's
        # RingStarted names its queue and the caller's wait.
        self.centre = AsteriskCentre(CentreConfig(endpoints=tuple(endpoints)), clock=clock)
        self.adapter.annotate = lambda event: self.centre.enrich(event, self._caller_of)
        self.lists = EventListAssembler()

    def feed(self, message: Message | EventList) -> list[CallEvent]:
        if isinstance(message, EventList):
            return self.adapter.resync(message.items) if _is_channel_list(message) else []
        if isinstance(message, Response):
            self.lists.start(message)
            return []
        if not isinstance(message, Event):
            return []
        consumed, finished = self.lists.add(message)
        if not consumed:
            self.centre.handle(message)
            return self.adapter.handle(message)
        if finished is not None:
            return self.feed(finished)
        return []

    def event(self, event: Event) -> list[CallEvent]:
        """A broadcast event from the connection's reader (its lists are assembled there).

        As the manager hands it to the centre and the adapter; a name neither reads is
        skipped without the two calls that would return nothing."""
        name = event.name
        if name in self.centre.EVENTS:
            self.centre.handle(event)
        if name in self.adapter.EVENTS:
            return self.adapter.handle(event)
        return []

    def _caller_of(self, call_id: str) -> str | None:
        legs = self.adapter.legs(call_id)
        return legs.remote_uniqueid if legs is not None else None


def _is_channel_list(reply: EventList) -> bool:
    if reply.complete is not None and reply.complete.name.lower() == "coreshowchannelscomplete":
        return True
    return bool(reply.items) and all(i.name.lower() == "coreshowchannel" for i in reply.items)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callpanel replay", description="Parse a recorded AMI stream offline."
    )
    parser.add_argument("path", help=".ami or .jsonl recording, or - for stdin")
    parser.add_argument("--messages", action="store_true", help="print every AMI message")
    parser.add_argument(
        "--endpoint",
        action="append",
        default=[],
        metavar="E",
        help="operator endpoint (e.g. SIP/101): print its call events; may repeat",
    )
    return parser


def main(argv: Sequence[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    args = _parser().parse_args(list(argv))
    ascii_only = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "") != "utf8"

    def emit(obj: dict[str, object]) -> None:
        out.write(json.dumps(obj, ensure_ascii=ascii_only) + "\n")

    now = [0.0]
    calls = CallEvents(args.endpoint, lambda: now[0]) if args.endpoint else None
    call_to_json: Callable[[CallEvent], dict[str, object]] | None = None
    if calls is not None:
        from .calls.events import event_to_json as call_to_json

    # The connection's read path (limits, ignored events, list assembly) as the panel builds it.
    whole = args.messages or calls is None  # every message is printed or counted
    config = ConnectionConfig()
    if not whole and calls is not None:
        config = reading_config(config, calls.adapter, keep=calls.centre.EVENTS)
    reader = AmiReader(config)
    parser = reader.parser
    counts = {"banner": 0, "response": 0, "event": 0}
    received = 0

    def drain_calls(calls: CallEvents, to_json: Callable[[CallEvent], dict[str, object]]) -> None:
        """``--endpoint`` alone: as the connection hands messages to the manager (broadcast
        events to the centre and the adapter, list replies to resync), nothing else."""
        next_message, on_event, on_list = reader.next, calls.event, calls.feed
        while (message := next_message()) is not None:
            if type(message) is Event:
                got = on_event(message)
            elif type(message) is EventList:
                got = on_list(message)
            else:
                if type(message) is Response:
                    reader.open_list(message)  # as the connection does for a list action
                continue
            for call_event in got:
                emit(to_json(call_event))

    def drain() -> None:
        if calls is not None and call_to_json is not None and not whole:
            drain_calls(calls, call_to_json)
            return
        while (message := reader.next()) is not None:
            if isinstance(message, EventList):
                assert calls is not None and call_to_json is not None
                counts["response"] += 1
                counts["event"] += len(message.items) + (message.complete is not None)
                for call_event in calls.feed(message):
                    emit(call_to_json(call_event))
                continue
            counts[_kind(message)] += 1
            if args.messages:
                emit(message_to_json(message))
            if calls is not None and call_to_json is not None:
                if not whole and isinstance(message, Response):
                    reader.open_list(message)  # as the connection does for a list action
                    continue
                got = (
                    calls.event(message)
                    if not whole and type(message) is Event
                    else calls.feed(message)
                )
                for call_event in got:
                    emit(call_to_json(call_event))

    try:
        for stamp, chunk in read_chunks(args.path):
            if stamp is not None:
                now[0] = stamp
            received += len(chunk)
            parser.receive_data(chunk)
            drain()
        parser.receive_eof()
        drain()
    except RemoteProtocolError as exc:
        out.flush()
        err.write(f"callpanel replay: malformed AMI at byte {exc.offset}: {exc.reason}\n")
        return EXIT_BAD_INPUT
    except (OSError, RecordingError) as exc:
        out.flush()
        err.write(f"callpanel replay: {args.path}: {exc}\n")
        return EXIT_BAD_INPUT
    if not args.messages and calls is None:
        total = sum(counts.values())
        ending = parser.line_ending.name if parser.line_ending is not None else "unknown"
        out.write(
            f"{total} messages ({counts['banner']} banner, {counts['response']} responses, "
            f"{counts['event']} events), {received} bytes, line ending {ending}\n"
        )
    out.flush()
    return 0


def _kind(message: Message) -> str:
    if isinstance(message, Banner):
        return "banner"
    return "response" if isinstance(message, Response) else "event"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
