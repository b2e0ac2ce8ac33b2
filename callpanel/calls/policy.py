"""Can this command run on this call now, and if not why: one typed answer.

The answer is a :class:`Denial` (a :class:`Reason` code with its arguments) or None. It is made
here, in one place, from four things:

1. what the connector can do at all with its configured strategy and the server's version
   (``limits``: the connector computes them, e.g. ``asterisk.strategies.unavailable_commands``);
2. what the server refused to let this AMI user do (:class:`Permissions`, learned from
   "Permission denied" answers and forgotten after a reconnect: the admin may have widened the
   user's rights);
3. whether the link is up;
4. the call's state (:func:`state_denial`).

Words: :meth:`Denial.english` is plain English for logs, the monitor and exception messages;
the panel turns a Denial into the operator's language in ``ui/reasons.py``.

Extending: a new command (queue login, pause…) is a new :class:`Command` member (or its own enum
used with the generic :class:`Permissions`), its capability in ``COMMAND_CAPABILITIES``, and its
reasons in :class:`Reason`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .events import CallState, Capability, HoldBy

__all__ = [
    "COMMAND_CAPABILITIES",
    "CallLike",
    "CallPolicy",
    "Command",
    "Denial",
    "Permissions",
    "Reason",
    "state_denial",
]


class Command(enum.Enum):
    """What the operator can ask for a call (and click-to-call)."""

    DIAL = "dial"
    ANSWER = "answer"
    HOLD = "hold"
    UNHOLD = "unhold"
    HANGUP = "hangup"
    TRANSFER = "transfer"
    ATXFER = "atxfer"
    CANCEL_ATXFER = "cancel_atxfer"
    DTMF = "dtmf"
    # The call centre (callpanel.centre.policy decides these from the queues and hints).
    QUEUE_LOGIN = "queue_login"
    QUEUE_LOGOUT = "queue_logout"
    PAUSE = "pause"
    UNPAUSE = "unpause"
    DND = "dnd"
    PICKUP = "pickup"


# The buttons a command stands behind (DIAL and CANCEL_ATXFER have their own widgets).
COMMAND_CAPABILITIES: Mapping[Command, frozenset[Capability]] = {
    Command.DIAL: frozenset(),
    Command.ANSWER: frozenset({Capability.ANSWER}),
    Command.HOLD: frozenset({Capability.HOLD, Capability.UNHOLD}),
    Command.UNHOLD: frozenset({Capability.HOLD, Capability.UNHOLD}),
    Command.HANGUP: frozenset({Capability.HANGUP}),
    Command.TRANSFER: frozenset({Capability.TRANSFER}),
    Command.ATXFER: frozenset({Capability.ATTENDED_TRANSFER}),
    Command.CANCEL_ATXFER: frozenset(),
    Command.DTMF: frozenset({Capability.DTMF}),
    # The call centre's controls are not call buttons.
    Command.QUEUE_LOGIN: frozenset(),
    Command.QUEUE_LOGOUT: frozenset(),
    Command.PAUSE: frozenset(),
    Command.UNPAUSE: frozenset(),
    Command.DND: frozenset(),
    Command.PICKUP: frozenset(),
}


class Reason(enum.Enum):
    NOT_CONNECTED = "not_connected"
    NO_ENDPOINT = "no_endpoint"  # no operator endpoint is configured
    NO_ANSWER_STRATEGY = "no_answer_strategy"  # answer strategy 'none'
    NO_HOLD_STRATEGY = "no_hold_strategy"  # hold strategy 'none'
    NEEDS_VERSION = "needs_version"  # args: feature, needs, server
    NO_CHAN_SIP = "no_chan_sip"  # args: server (chan_sip is gone from Asterisk 21 on)
    CANNOT_NOTIFY = "cannot_notify"  # args: tech (no SIP NOTIFY for such phones)
    PERMISSION_DENIED = "permission_denied"  # args: detail (the server's words)
    NO_SUCH_CALL = "no_such_call"  # args: call
    CALL_STATE = "call_state"  # the call's state does not allow it; args: state
    HELD_BY_REMOTE = "held_by_remote"  # only the other party can resume
    OTHER = "other"  # args: detail (plain English relayed from elsewhere, e.g. the hub)
    # The call centre: queue memberships and colleagues (args: queue / extension).
    NOT_A_MEMBER = "not_a_member"  # args: queue
    ALREADY_MEMBER = "already_member"  # args: queue
    STATIC_MEMBER = "static_member"  # args: queue (only the PBX admin can change it)
    NO_MEMBERSHIPS = "no_memberships"
    UNKNOWN_COLLEAGUE = "unknown_colleague"  # args: extension
    NOT_RINGING = "not_ringing"  # args: extension
    NO_PICKUP_DEVICE = "no_pickup_device"  # args: extension (its hint names no phone)


@dataclass(frozen=True, slots=True)
class Denial:
    command: Command
    reason: Reason
    args: tuple[tuple[str, str], ...] = ()

    def arg(self, key: str) -> str:
        return next((value for name, value in self.args if name == key), "")

    def english(self) -> str:
        """Plain English for logs, the monitor and the connector's exceptions."""
        r, a = self.reason, self.arg
        if r is Reason.CALL_STATE:
            state_words = _STATE_WORDS.get(self.command, "does not allow it")  # centre: no call
            return f"the call {state_words} (it is {a('state')})"
        words = {
            Reason.NOT_CONNECTED: "not connected to Asterisk",
            Reason.NO_ENDPOINT: "no operator endpoint is configured",
            Reason.NO_ANSWER_STRATEGY: (
                "answer strategy is 'none': answer on the handset (the admin can configure "
                "phone-notify or pbx-bridge)"
            ),
            Reason.NO_HOLD_STRATEGY: (
                "hold strategy is 'none': use the phone's hold key (the admin can configure "
                "phone-notify, pbx-moh or pbx-park)"
            ),
            Reason.NEEDS_VERSION: (
                f"{a('feature')} needs Asterisk {a('needs')} or later; this server is {a('server')}"
            ),
            Reason.NO_CHAN_SIP: (
                f"Asterisk {a('server')} has no chan_sip, so no SIPnotify: "
                "use PJSIP endpoints or a pbx-* strategy"
            ),
            Reason.CANNOT_NOTIFY: f"{a('tech')} phones cannot be sent a SIP NOTIFY",
            Reason.PERMISSION_DENIED: f"the AMI user may not do this: {a('detail')}",
            Reason.NO_SUCH_CALL: f"no active call {a('call')[:60]!r}",
            Reason.HELD_BY_REMOTE: "the other party put this call on hold; only they can resume",
            Reason.OTHER: a("detail") or "not available",
            Reason.NOT_A_MEMBER: f"you are not a member of queue {a('queue')!r}",
            Reason.ALREADY_MEMBER: f"you are already logged in to queue {a('queue')!r}",
            Reason.STATIC_MEMBER: (
                f"you are a static member of queue {a('queue')!r}: only the PBX administrator "
                "can change that (queues.conf)"
            ),
            Reason.NO_MEMBERSHIPS: "you are not in any queue",
            Reason.UNKNOWN_COLLEAGUE: f"no colleague with extension {a('extension')!r}",
            Reason.NOT_RINGING: f"nothing rings at extension {a('extension')!r}",
            Reason.NO_PICKUP_DEVICE: (
                f"extension {a('extension')!r} names no phone to pick up from"
            ),
        }
        return words[r]

    def __str__(self) -> str:
        return self.english()


_STATE_WORDS: Mapping[Command, str] = {
    Command.DIAL: "cannot be dialled",
    Command.ANSWER: "is not ringing",
    Command.HOLD: "is not in conversation",
    Command.UNHOLD: "is not on hold",
    Command.HANGUP: "has already ended",
    Command.TRANSFER: "is not connected",
    Command.ATXFER: "is not connected",
    Command.CANCEL_ATXFER: "has already ended",
    Command.DTMF: "is not in conversation",
}

_LIVE = frozenset({CallState.RINGING, CallState.DIALING, CallState.TALKING, CallState.HOLD})
_CONNECTED = frozenset({CallState.TALKING, CallState.HOLD})
# The states a command needs. A call the *other* party holds counts as talking: the operator's
# side is live (it can hold, send tones; it cannot "unhold" what it did not hold).
_NEEDS: Mapping[Command, frozenset[CallState]] = {
    Command.ANSWER: frozenset({CallState.RINGING}),
    Command.HOLD: frozenset({CallState.TALKING}),
    Command.UNHOLD: frozenset({CallState.HOLD}),
    Command.HANGUP: _LIVE,
    Command.TRANSFER: _CONNECTED,
    Command.ATXFER: _CONNECTED,
    Command.CANCEL_ATXFER: _LIVE,
    Command.DTMF: frozenset({CallState.TALKING}),
}


class CallLike(Protocol):
    """What the policy reads of a call (``calls.model.Call`` has it)."""

    @property
    def state(self) -> CallState: ...

    @property
    def held_by(self) -> HoldBy | None: ...


def state_denial(command: Command, call: CallLike) -> Denial | None:
    """Why the call's state does not allow ``command`` now, or None."""
    needs = _NEEDS.get(command)
    if needs is None:
        return None
    held_by_remote = call.state is CallState.HOLD and call.held_by is HoldBy.REMOTE
    if command is Command.UNHOLD and held_by_remote:
        return Denial(command, Reason.HELD_BY_REMOTE)
    state = CallState.TALKING if held_by_remote and call.state not in needs else call.state
    if state not in needs:
        return Denial(command, Reason.CALL_STATE, (("state", call.state.value),))
    return None


K = TypeVar("K", bound=Hashable)


class Permissions(Generic[K]):
    """What the server refused this AMI user, by command; forgotten after a reconnect."""

    def __init__(self) -> None:
        self._denied: dict[K, str] = {}

    def learn_denied(self, command: K, detail: str) -> None:
        self._denied[command] = detail

    def denied(self) -> Mapping[K, str]:
        return dict(self._denied)

    def forget(self) -> None:
        self._denied.clear()


class CallPolicy:
    """The one place that answers "can this command run (on this call) now, and if not why"."""

    def __init__(self, limits: Callable[[], Mapping[Command, Denial]]) -> None:
        self._limits = limits
        self.permissions: Permissions[Command] = Permissions()

    def unavailable(self) -> dict[Command, Denial]:
        """Commands that cannot work at all now (configuration, server, permissions)."""
        out = dict(self._limits())
        for command, detail in self.permissions.denied().items():
            out[command] = Denial(command, Reason.PERMISSION_DENIED, (("detail", detail),))
        return out

    def check(self, command: Command, call: CallLike | None = None, *, call_id: str = "") -> (
        Denial | None
    ):
        """None when ``command`` can run; else why not. With ``call_id`` (and ``call`` None)
        the call is unknown; with ``call`` its state must allow the command."""
        denial = self.unavailable().get(command)
        if denial is not None:
            return denial
        if call is None:
            if call_id:
                return Denial(command, Reason.NO_SUCH_CALL, (("call", call_id),))
            return None
        return state_denial(command, call)

    def offered(self) -> frozenset[Capability]:
        """The capabilities no configuration, server or permission limit takes away."""
        offered = set(Capability)
        for command in self.unavailable():
            offered -= COMMAND_CAPABILITIES.get(command, frozenset())
        return frozenset(offered)
