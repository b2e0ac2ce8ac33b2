"""The operator's call centre, PBX-neutral and pure: queue memberships and pauses, the agent's
status (available / paused / do not disturb), colleagues' presence, and the one answer to
"can this queue, DND or pickup command run now, and if not why".

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
from .policy import CentreCommand, Refusal, RefusalReason, refusal
from .state import CentreState

__all__ = [
    "AUTOPAUSE_REASON",
    "AgentState",
    "AgentStatus",
    "AgentStatusChanged",
    "CentreCommand",
    "CentreEvent",
    "CentreState",
    "Colleague",
    "ColleagueChanged",
    "ColleagueState",
    "MemberStatus",
    "Membership",
    "QueueMembershipChanged",
    "Refusal",
    "RefusalReason",
    "centre_event_to_json",
    "refusal",
]
