"""Protocol errors, split by whose fault they are (as h11 does)."""

from __future__ import annotations


class ProtocolError(Exception):
    """Base class for AMI protocol errors."""


class RemoteProtocolError(ProtocolError):
    """The peer broke the protocol. ``offset`` is the stream offset of ``data``'s first byte."""

    def __init__(self, reason: str, *, offset: int, data: bytes) -> None:
        self.reason = reason
        self.offset = offset
        self.data = data
        preview = data[:60]
        more = "…" if len(data) > 60 else ""
        super().__init__(f"{reason} at byte {offset}: {preview!r}{more}")


class MessageTooLarge(RemoteProtocolError):
    """A message outgrew ``max_message_size``: its bytes were dropped, so the stream may be off."""


class EventListTooLarge(MessageTooLarge):
    """An event list outgrew its item or byte limit: it was dropped, the session is suspect."""


class LocalProtocolError(ProtocolError):
    """We were about to send something the protocol cannot carry (e.g. CR/LF in a value)."""
