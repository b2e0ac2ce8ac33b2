"""Values of the call centre: a queue membership, the agent's status, a colleague."""

from __future__ import annotations

import enum
from dataclasses import dataclass

# The reason Asterisk's app_queue writes when it pauses a member itself (queues.conf
# ``autopause``) after the member did not answer; the same on 13 to 22.
AUTOPAUSE_REASON = "Auto-Pause"


class MemberStatus(enum.Enum):
    """A queue member's device state, as app_queue reports it (``Status: 0..8``)."""

    UNKNOWN = "unknown"
    NOT_IN_USE = "not_in_use"
    IN_USE = "in_use"
    BUSY = "busy"
    INVALID = "invalid"
    UNAVAILABLE = "unavailable"
    RINGING = "ringing"
    RING_IN_USE = "ring_in_use"
    ON_HOLD = "on_hold"


@dataclass(frozen=True, slots=True)
class Membership:
    """One member of one queue (the operator's own, or a colleague's).

    ``interface`` is what Asterisk dials (``SIP/101``, ``Local/101@from-queue/n``);
    ``state_interface`` is the device whose state counts (often the phone behind a Local).
    """

    queue: str
    interface: str
    name: str
    state_interface: str
    dynamic: bool  # False: static (queues.conf member =>); only the admin can remove it
    paused: bool
    reason: str
    penalty: int
    calls_taken: int
    last_call: int  # Unix time of the last call taken, 0 = never
    status: MemberStatus
    in_call: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.queue, self.interface)

    @property
    def autopaused(self) -> bool:
        """Asterisk paused this member itself because a call was not answered."""
        return self.paused and self.reason == AUTOPAUSE_REASON


class AgentState(enum.Enum):
    AVAILABLE = "available"
    PAUSED = "paused"
    DND = "dnd"


@dataclass(frozen=True, slots=True)
class AgentStatus:
    """What the one status control shows: Available / Paused (reason) / Do not disturb."""

    state: AgentState
    reason: str = ""
    autopaused: bool = False


class ColleagueState(enum.Enum):
    IDLE = "idle"
    RINGING = "ringing"
    IN_CALL = "in_call"
    ON_HOLD = "on_hold"
    UNAVAILABLE = "unavailable"
    PAUSED = "paused"
    DND = "dnd"


@dataclass(frozen=True, slots=True)
class Colleague:
    """A colleague's extension as the PBX's hint reports it, with live state."""

    extension: str
    context: str
    name: str
    devices: tuple[str, ...]  # the hint's devices: ("SIP/102",), ("PJSIP/102", "Custom:DND102")
    state: ColleagueState

    def matches(self, text: str) -> bool:
        """Search as you type: extension or name contains ``text`` (case-insensitive)."""
        needle = text.strip().casefold()
        return not needle or needle in self.extension.casefold() or needle in self.name.casefold()
