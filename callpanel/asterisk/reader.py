"""The connection's read path without the socket: bytes in, what the session acts on out.

:class:`~callpanel.asterisk.connection.AsteriskConnection` feeds every read to an
:class:`AmiReader`; ``callpanel replay --endpoint`` feeds a recording to one built the same
way (:func:`reading_config`), so the tool an admin replays a capture with runs the parser,
the limits, the ignored events and the list assembly the panel runs.
"""

from __future__ import annotations

import dataclasses

from ..ami import (
    AmiParser,
    Banner,
    Event,
    EventList,
    EventListAssembler,
    EventListTooLarge,
    Response,
)
from .config import ConnectionConfig

Incoming = Banner | Response | Event | EventList


def reading_config(
    config: ConnectionConfig, adapter: object | None, *, keep: frozenset[str] = frozenset()
) -> ConnectionConfig:
    """``config`` with the adapter's ``NOISE`` (less ``keep``: what another reader, such as
    the call centre, needs) as ``ignore_events``, unless already set: events nobody reads
    are framed and counted, but never built."""
    noise: frozenset[str] = getattr(adapter, "NOISE", frozenset()) - keep
    if noise and not config.ignore_events:
        return dataclasses.replace(config, ignore_events=noise)
    return config


class AmiReader:
    """Feed bytes; take banners, responses, broadcast events and finished event lists.

    List items never come out one by one once their list was opened with :meth:`open_list`
    (the connection opens a list only for an action that asked for one). ``next`` raises
    RemoteProtocolError for a malformed message (skipped; the caller decides whether to go
    on) and MessageTooLarge / EventListTooLarge for what makes the stream suspect.
    """

    def __init__(self, config: ConnectionConfig) -> None:
        self.parser = AmiParser(
            max_message_size=config.max_message_size, ignore_events=config.ignore_events
        )
        self.lists = EventListAssembler(
            max_items=config.max_list_items, max_bytes=config.max_list_bytes
        )

    def receive(self, data: bytes) -> None:
        self.parser.receive_data(data)

    def receive_eof(self) -> None:
        self.parser.receive_eof()

    def open_list(self, response: Response) -> bool:
        """Assemble the items that follow ``response`` (if it starts a list); True if it does."""
        return self.lists.start(response)

    def abandon(self, action_id: str) -> None:
        self.lists.abandon(action_id)

    def next(self) -> Incoming | None:
        parser = self.parser
        lists = self.lists
        while (message := parser.next_message()) is not None:
            if type(message) is not Event or not lists.open_lists:
                return message
            try:
                consumed, finished = lists.add(message)
            except EventListTooLarge as exc:
                raise EventListTooLarge(exc.reason, offset=parser.offset, data=b"") from None
            if finished is not None:
                return finished
            if not consumed:
                return message
        return None
