"""ChannelRecord records and the small text helpers the adapter needs (names, numbers, escapes)."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..ami import Event

_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_NUMBER_RE = re.compile(r"^\+?[0-9*#]+$")


def unescape_c(text: str) -> str:
    """Undo ``ast_escape_c`` (docs/AMI.md §2.3): ``O\\'Brien`` -> ``O'Brien``; unknown kept."""
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


MAX_TEXT = 256  # characters kept of any name or number from the server (caller ids are ~80)
# The answer method's test call (answer_trial.py) gives its channel a ChannelId with this prefix;
# every channel of that call shares it as Linkedid. It is the operator's own check of their
# phone, run on its own AMI session: the panel's call list and history leave it out.
TEST_CALL_PREFIX = "callpanel-trial-"


def cap(text: str) -> str:
    """Outside text cut to ``MAX_TEXT`` characters (a new string: the event's is not kept)."""
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT]


def clean_id(text: str | None) -> str:
    """A caller-id field for display: ``<unknown>`` and absent become ""; escapes undone; cut
    to ``MAX_TEXT`` characters."""
    if not text or text == "<unknown>":
        return ""
    return cap(unescape_c(text[: MAX_TEXT * 4]))


def is_number(text: str) -> bool:
    return bool(_NUMBER_RE.match(text))


def dialstring_number(dialstring: str) -> str:
    """``trunk/7499…`` -> ``7499…``; ``PJSIP/102@pbx`` -> ``102``; ``101`` -> ``101``."""
    tail = dialstring.rsplit("/", 1)[-1]
    return cap(tail.split("@", 1)[0].split(",", 1)[0].strip())


def split_name(name: str) -> tuple[str, str]:
    """(technology, resource) of a channel name.

    ``SIP/101-00000001`` -> (``SIP``, ``101``); ``Local/102@internal-0000000a;1`` -> (``Local``,
    ``102``); ``PJSIP/trunk-0000002f`` -> (``PJSIP``, ``trunk``).
    """
    tech, _, rest = name.partition("/")
    if tech.lower() == "local":
        return tech, rest.split("@", 1)[0]
    head, sep, _suffix = rest.rpartition("-")
    return tech, head if sep else rest


def local_base(name: str) -> str | None:
    """The name both halves of a Local pair share (``Local/102@internal-00000000``), or None."""
    if name[:6].lower() != "local/" or ";" not in name:
        return None
    return name.rsplit(";", 1)[0]


class ChannelState(enum.IntEnum):
    """Asterisk's channel states (``ChannelState:`` in every channel block)."""

    DOWN = 0
    RESERVED = 1
    OFF_HOOK = 2
    DIALING = 3
    RING = 4  # the channel's own device started a call (the operator's phone dials)
    RINGING = 5  # the device is ringing (something calls the operator's phone)
    UP = 6  # answered
    BUSY = 7
    DIALING_OFFHOOK = 8
    PRE_RING = 9


_STATE_OF: dict[int, ChannelState] = {int(s): s for s in ChannelState}


class Parts(enum.IntFlag):
    """Parts of a channel block ChannelRecord.update reads (the state is always read)."""

    STATE = 0
    CALLER = 1
    CONNECTED = 2
    PLACE = 4


# As plain ints: the channel-block reader tests them on every event, and IntFlag's operators
# are Python-level calls.
STATE, CALLER, CONNECTED, PLACE = (
    int(Parts.STATE), int(Parts.CALLER), int(Parts.CONNECTED), int(Parts.PLACE)
)
EVERYTHING = CALLER | CONNECTED | PLACE


class EndpointMatcher:
    """Decides whether a channel name is one of the operator's endpoints' real channels."""

    def __init__(self, endpoints: Sequence[str]) -> None:
        prefixes: list[str] = []
        resources: set[str] = set()
        for endpoint in endpoints:
            tech, sep, resource = endpoint.strip().partition("/")
            if not sep or not tech or not resource or "-" in resource:
                raise ValueError(f"endpoint must look like SIP/101 or PJSIP/101, not {endpoint!r}")
            prefixes.append(f"{tech.lower()}/{resource.lower()}-")
            resources.add(resource)
        if not prefixes:
            raise ValueError("at least one endpoint is needed")
        self.prefixes = tuple(prefixes)
        self.resources = frozenset(resources)

    def is_operator(self, name: str) -> bool:
        return name.lower().startswith(self.prefixes)

    def is_operator_local(self, name: str) -> bool:
        """``Local/101@ctx-…;n`` whose exten part is one of our endpoints' resources."""
        return local_base(name) is not None and split_name(name)[1] in self.resources


class BlockKeys(NamedTuple):
    """The lower-case header names of one channel block (``Dest``'s: ``destuniqueid``…)."""

    uniqueid: str
    channel: str
    state: str
    cid_num: str
    cid_name: str
    conn_num: str
    conn_name: str
    linkedid: str
    exten: str


_BLOCK_KEYS: dict[str, BlockKeys] = {}


def block_keys(prefix: str) -> BlockKeys:
    """The keys of the block named by ``prefix`` ("" for the event's own channel, "Dest"…);
    made once per prefix (a handful of literals)."""
    keys = _BLOCK_KEYS.get(prefix)
    if keys is None:
        low = prefix.lower()
        keys = BlockKeys(
            *(low + name for name in (
                "uniqueid", "channel", "channelstate", "calleridnum", "calleridname",
                "connectedlinenum", "connectedlinename", "linkedid", "exten",
            ))
        )  # fmt: skip
        if len(_BLOCK_KEYS) < 64:
            _BLOCK_KEYS[prefix] = keys
    return keys


@dataclass(slots=True)
class ChannelRecord:
    """What the adapter remembers about one live channel (keyed by Uniqueid)."""

    uniqueid: str
    name: str
    linkedid: str
    state: ChannelState | int  # Asterisk's ChannelState number (unknown ones kept as int)
    cid_num: str
    cid_name: str
    conn_num: str
    conn_name: str
    exten: str
    operator: bool  # a real channel of one of our endpoints
    application: str = ""
    bridge: str | None = None
    # The Uniqueid of the channel whose Dial() created this one (DialBegin); "" when nobody
    # dialled it (an Originate's first leg); None while not known.
    dialled_by: str | None = None
    call_id: str | None = None  # the call an operator channel belongs to
    call_over: bool = False  # an operator channel whose call already ended (e.g. a transfer)
    leads_to_operator: bool = False  # a Local half that leads to one of our real channels
    cause: int | None = None

    def update(self, event: Event, prefix: str = "", what: int = EVERYTHING) -> None:
        """Refresh from a standard channel block (``prefix`` e.g. ``Dest``); ``what`` picks
        the parts (STATE, CALLER, CONNECTED, PLACE) so the hot path reads only what it needs."""
        get = event.by_key
        keys = block_keys(prefix)
        state = get(keys.state)
        if state is not None and state.isdigit():
            number = int(state)
            self.state = _STATE_OF.get(number, number)
        if what & CALLER:
            self.cid_num = clean_id(get(keys.cid_num))
            self.cid_name = clean_id(get(keys.cid_name))
        if what & CONNECTED:
            self.conn_num = clean_id(get(keys.conn_num))
            self.conn_name = clean_id(get(keys.conn_name))
        if what & PLACE:
            name = get(keys.channel)
            if name:
                self.name = cap(name)
            linkedid = get(keys.linkedid)
            if linkedid:
                self.linkedid = cap(linkedid)
            exten = get(keys.exten)
            if exten is not None:
                self.exten = cap(exten)

    @classmethod
    def from_event(
        cls, event: Event, uniqueid: str, operator: bool, prefix: str = ""
    ) -> ChannelRecord:
        ch = cls(uniqueid, "", uniqueid, 0, "", "", "", "", "", operator)
        ch.update(event, prefix)
        return ch

    @property
    def resource(self) -> str:
        return split_name(self.name)[1]

    @property
    def is_local(self) -> bool:
        return local_base(self.name) is not None
