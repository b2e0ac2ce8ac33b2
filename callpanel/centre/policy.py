"""Can this call-centre command run now, and if not why: one typed answer.

The reason is a code with its arguments; words (English and Russian) are made only in ui/
(and in plain English for the monitor and the connector's errors). The same function decides
for the window, the tray menu and the monitor.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from .model import ColleagueState
from .state import CentreState


class CentreCommand(enum.Enum):
    QUEUE_LOGIN = "login"
    QUEUE_LOGOUT = "logout"
    PAUSE = "pause"
    UNPAUSE = "unpause"
    DND = "dnd"
    PICKUP = "pickup"


class RefusalReason(enum.Enum):
    NO_PERMISSION = "no_permission"  # the AMI user lacks the class (detail: Asterisk's words)
    NOT_CONNECTED = "not_connected"
    NOT_A_MEMBER = "not_a_member"  # queue
    ALREADY_MEMBER = "already_member"  # queue
    STATIC_MEMBER = "static_member"  # queue: only the PBX admin can change it
    NO_MEMBERSHIPS = "no_memberships"
    UNKNOWN_COLLEAGUE = "unknown_colleague"  # extension
    NOT_RINGING = "not_ringing"  # extension
    NO_PICKUP_DEVICE = "no_pickup_device"  # extension: its hint names no phone


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: RefusalReason
    queue: str = ""
    extension: str = ""
    detail: str = ""

    def english(self) -> str:
        """Plain English for logs, the monitor and the connector's exceptions."""
        r = RefusalReason
        words = {
            r.NO_PERMISSION: f"the AMI user may not do this: {self.detail}",
            r.NOT_CONNECTED: "not connected to the PBX",
            r.NOT_A_MEMBER: f"you are not a member of queue {self.queue!r}",
            r.ALREADY_MEMBER: f"you are already logged in to queue {self.queue!r}",
            r.STATIC_MEMBER: (
                f"you are a static member of queue {self.queue!r}: only the PBX administrator "
                "can change that (queues.conf)"
            ),
            r.NO_MEMBERSHIPS: "you are not in any queue",
            r.UNKNOWN_COLLEAGUE: f"no colleague with extension {self.extension!r}",
            r.NOT_RINGING: f"nothing rings at extension {self.extension!r}",
            r.NO_PICKUP_DEVICE: f"extension {self.extension!r} names no phone to pick up from",
        }
        return words[self.reason]


def refusal(
    command: CentreCommand,
    state: CentreState,
    *,
    queue: str | None = None,
    extension: str | None = None,
    connected: bool = True,
    denied: Mapping[CentreCommand, str] | None = None,
    pickup_devices: tuple[str, ...] | None = None,
) -> Refusal | None:
    """None when ``command`` can run now; else why not. ``queue=None`` means every queue."""
    if denied and command in denied:
        return Refusal(RefusalReason.NO_PERMISSION, detail=denied[command])
    if not connected:
        return Refusal(RefusalReason.NOT_CONNECTED)
    if command is CentreCommand.QUEUE_LOGIN and queue is not None:
        if state.membership(queue) is not None:
            return Refusal(RefusalReason.ALREADY_MEMBER, queue=queue)
        return None
    if command is CentreCommand.QUEUE_LOGOUT and queue is not None:
        member = state.membership(queue)
        if member is None:
            return Refusal(RefusalReason.NOT_A_MEMBER, queue=queue)
        if not member.dynamic:
            return Refusal(RefusalReason.STATIC_MEMBER, queue=queue)
        return None
    if command in (CentreCommand.PAUSE, CentreCommand.UNPAUSE):
        if queue is None:
            return None if state.memberships else Refusal(RefusalReason.NO_MEMBERSHIPS)
        if state.membership(queue) is None:
            return Refusal(RefusalReason.NOT_A_MEMBER, queue=queue)
        return None
    if command is CentreCommand.PICKUP and extension is not None:
        colleague = state.colleague(extension)
        if colleague is None:
            return Refusal(RefusalReason.UNKNOWN_COLLEAGUE, extension=extension)
        if colleague.state is not ColleagueState.RINGING:
            return Refusal(RefusalReason.NOT_RINGING, extension=extension)
        if pickup_devices is not None and not pickup_devices:
            return Refusal(RefusalReason.NO_PICKUP_DEVICE, extension=extension)
        return None
    return None
