"""Can this call-centre command run now, and if not why: the queue and colleague part of the
one policy (``callpanel.calls.policy``: the same :class:`Command`, :class:`Reason` and
:class:`Denial`, worded in one place, ui/reasons.py).

The answer comes from the centre's state (memberships, colleagues), whether the link is up,
and what the server refused this AMI user (a :class:`Permissions` of the connector).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..calls.policy import Command, Denial, Reason
from .model import ColleagueState
from .state import CentreState

CENTRE_COMMANDS = frozenset(
    {
        Command.QUEUE_LOGIN,
        Command.QUEUE_LOGOUT,
        Command.PAUSE,
        Command.UNPAUSE,
        Command.DND,
        Command.PICKUP,
    }
)


def centre_denial(
    command: Command,
    state: CentreState,
    *,
    queue: str | None = None,
    extension: str | None = None,
    connected: bool = True,
    denied: Mapping[Command, str] | None = None,
    pickup_devices: tuple[str, ...] | None = None,
) -> Denial | None:
    """None when ``command`` can run now; else why not. ``queue=None`` means every queue."""
    if denied and command in denied:
        return Denial(command, Reason.PERMISSION_DENIED, (("detail", denied[command]),))
    if not connected:
        return Denial(command, Reason.NOT_CONNECTED)
    q = (("queue", queue or ""),)
    if command is Command.QUEUE_LOGIN and queue is not None:
        if state.membership(queue) is not None:
            return Denial(command, Reason.ALREADY_MEMBER, q)
        return None
    if command is Command.QUEUE_LOGOUT and queue is not None:
        member = state.membership(queue)
        if member is None:
            return Denial(command, Reason.NOT_A_MEMBER, q)
        if not member.dynamic:
            return Denial(command, Reason.STATIC_MEMBER, q)
        return None
    if command in (Command.PAUSE, Command.UNPAUSE):
        if queue is None:
            return None if state.memberships else Denial(command, Reason.NO_MEMBERSHIPS)
        if state.membership(queue) is None:
            return Denial(command, Reason.NOT_A_MEMBER, q)
        return None
    if command is Command.PICKUP and extension is not None:
        e = (("extension", extension),)
        colleague = state.colleague(extension)
        if colleague is None:
            return Denial(command, Reason.UNKNOWN_COLLEAGUE, e)
        if colleague.state is not ColleagueState.RINGING:
            return Denial(command, Reason.NOT_RINGING, e)
        if pickup_devices is not None and not pickup_devices:
            return Denial(command, Reason.NO_PICKUP_DEVICE, e)
        return None
    return None
