"""One call as the adapter follows it (``CallCtx``), made of small parts with one job each.

Every part is a frozen value; the call tracker (``tracking.py``) alone replaces a call's parts,
and the handlers change a call only through its methods. The call's *state* (ringing, talking,
on hold, ended) is not here at all: it lives in the call store (``calls/store.py``).

* ``Party``: who is on the other end, as the panel shows it.
* ``CallChannels``: the operator's channels in the call, the other party's, the talk bridge.
* ``HoldSign``: one sign of hold seen on either side; ``who_holds`` reads a set of them.
* ``EndClues``: what was learnt on the way that decides how an unanswered or a connected call
  ended (a DialEnd status, answered elsewhere, handed on, the operator's hangup cause).
* ``TransferLinks``: an attended transfer's held call and its consultation call.
* ``Origin``: a click-to-call (Originate) and how many of its legs are still to come.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from ..calls import Call, CallState, Direction, EndReason, HoldBy
from ..calls.model import initial_state


class Stage(enum.Enum):
    """How far the call has been published."""

    NEW = "new"  # followed, but RingStarted has not gone out yet
    ANNOUNCED = "announced"  # RingStarted went out
    ENDED = "ended"  # RingFinished went out


class HoldSign(enum.Enum):
    """One sign of hold on a connected call, from either side."""

    OPERATOR_HOLD = "operator-hold"  # the operator's phone pressed Hold
    OPERATOR_MUSIC = "operator-music"  # the operator hears music on hold
    REMOTE_HOLD = "remote-hold"  # the other party's phone pressed Hold
    REMOTE_MUSIC = "remote-music"  # the other party hears music on hold
    REMOTE_PARKED = "remote-parked"  # the other party waits in a parking lot


NO_SIGNS: frozenset[HoldSign] = frozenset()
# The operator holds when their phone pressed Hold, or when the other party hears music or sits
# in a parking lot (the panel's pbx-moh / pbx-park hold). The other party holds when their phone
# pressed Hold, or when the operator hears music (the other side's hold music).
_OPERATOR_HOLDS = frozenset({HoldSign.OPERATOR_HOLD, HoldSign.REMOTE_MUSIC, HoldSign.REMOTE_PARKED})
_REMOTE_HOLDS = frozenset({HoldSign.REMOTE_HOLD, HoldSign.OPERATOR_MUSIC})


def who_holds(signs: frozenset[HoldSign]) -> HoldBy | None:
    """Who holds a connected call, from both sides' signs (a pure function; the operator's own
    hold wins over the other side's music)."""
    if signs & _OPERATOR_HOLDS:
        return HoldBy.OPERATOR
    if signs & _REMOTE_HOLDS:
        return HoldBy.REMOTE
    return None


@dataclass(frozen=True, slots=True)
class Party:
    """Who is on the other end of the call."""

    number: str = ""
    name: str = ""
    internal: bool = False  # a colleague on this PBX
    dialled: str | None = None  # an incoming call: what its caller dialled (ring group, line)


@dataclass(frozen=True, slots=True)
class CallChannels:
    """The channels behind the call, by Uniqueid."""

    # The operator's own channels (two when one caller rings SIP/101 and PJSIP/101 at once);
    # none while the other party is parked or hears the panel's music.
    operator_legs: frozenset[str] = frozenset()
    remote: str | None = None  # the other party's channel
    talk_bridge: str | None = None  # the bridge where the operator talks to the remote party


@dataclass(frozen=True, slots=True)
class EndClues:
    """What decides the reason a call ends with (``CallTracker.end_reason``)."""

    dial_status: EndReason | None = None  # what a DialEnd said about an unanswered leg
    answered_elsewhere: bool = False  # a ring group / queue: a colleague took the call
    # The other party was sent on while connected to the operator: a blind transfer, also when
    # Asterisk loses the BlindTransfer event (the operator's channel can be gone before it is
    # published; seen on 18.26.4 in about 1 of 6 runs).
    handed_on: bool = False
    operator_cause: int | None = None  # the Hangup cause of the operator's last channel


@dataclass(frozen=True, slots=True)
class TransferLinks:
    """An attended transfer: the held call and its consultation call point at each other."""

    parent: str | None = None  # a consultation call: the call on hold
    consult: str | None = None  # a held call: its consultation call


@dataclass(frozen=True, slots=True)
class Origin:
    """A call placed by Originate (click-to-call)."""

    originated: bool = False  # its number comes from OriginateResponse or expect_originate
    legs_expected: int = 0  # expect_originate legs still to come


class CallCtx:
    """One followed call: its fixed identity and its parts. Read freely; only the call
    tracker replaces the parts (``tracking.py``)."""

    __slots__ = (
        "_store_calls", "call_id", "channels", "clues", "direction", "links", "origin", "party",
        "signs", "stage", "started_at",
    )  # fmt: skip

    def __init__(
        self,
        call_id: str,
        direction: Direction,
        at: float,
        calls: Mapping[str, Call],
        *,
        party: Party,
        channels: CallChannels,
        origin: Origin,
    ) -> None:
        self.call_id = call_id
        self.direction = direction
        self.started_at = at
        self._store_calls = calls  # the call store: the call's state lives there, not here
        self.stage = Stage.NEW
        self.party = party
        self.channels = channels
        self.signs = NO_SIGNS
        self.clues = EndClues()
        self.links = TransferLinks()
        self.origin = origin

    @property
    def call(self) -> Call | None:
        """The call as the store has it; None before RingStarted and after RingFinished."""
        if self.stage is not Stage.ANNOUNCED:
            return None
        return self._store_calls.get(self.call_id)

    @property
    def state(self) -> CallState:
        if self.stage is Stage.ENDED:
            return CallState.ENDED
        call = self.call
        return call.state if call is not None else initial_state(self.direction)
