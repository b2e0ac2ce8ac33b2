"""The sans-I/O AMI protocol core: bytes in, typed messages out. Standard library only."""

from .codec import (
    ActionIdGenerator,
    AmiParser,
    LineEnding,
    check_value,
    serialize_action,
)
from .errors import (
    EventListTooLarge,
    LocalProtocolError,
    MessageTooLarge,
    ProtocolError,
    RemoteProtocolError,
)
from .lists import EventListAssembler
from .messages import Action, Banner, Event, EventList, Message, Response

__all__ = [
    "Action",
    "ActionIdGenerator",
    "AmiParser",
    "Banner",
    "Event",
    "EventList",
    "EventListAssembler",
    "EventListTooLarge",
    "LineEnding",
    "LocalProtocolError",
    "Message",
    "MessageTooLarge",
    "ProtocolError",
    "RemoteProtocolError",
    "Response",
    "check_value",
    "serialize_action",
]
