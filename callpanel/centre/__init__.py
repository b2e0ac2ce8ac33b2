"""The operator's call centre, PBX-neutral and pure: queue memberships and pauses, the agent's
status (available / paused / do not disturb), colleagues' presence, and the call-centre part of
the one answer to "can this run now, and if not why" (``calls.policy``'s Command/Reason/Denial).

No I/O and no Qt here: a connector (``callpanel.asterisk.centre``) turns its protocol into the
model's values and calls :class:`CentreState`; the state answers with the events to publish.
"""

from __future__ import annotations

from .events import (
    AgentStatusChanged,
    CentreEvent,
    ColleagueChanged,
    QueueMembershipChanged,
    centre_event_to_json,
)
from .model import (
    AUTOPAUSE_REASON,
    AgentState,
    AgentStatus,
    Colleague,
    ColleagueState,
    Membership,
    MemberStatus,
)
from .policy import CENTRE_COMMANDS, centre_denial
from .state import CentreState

__all__ = [
    "AUTOPAUSE_REASON",
    "CENTRE_COMMANDS",
    "AgentState",
    "AgentStatus",
    "AgentStatusChanged",
    "CentreEvent",
    "CentreState",
    "Colleague",
    "ColleagueChanged",
    "ColleagueState",
    "MemberStatus",
    "Membership",
    "QueueMembershipChanged",
    "centre_denial",
    "centre_event_to_json",
]
