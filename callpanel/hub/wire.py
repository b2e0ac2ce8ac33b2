"""The JSON the hub and the panels exchange over MQTT (pure: no sockets, no broker).

Every message is a JSON object. The hub is trusted only as far as the broker's ACL says; the
panel still checks every field (type, enum value, length), and a message that fails is
refused with :class:`WireError` and logged, never half-applied.

``calls`` (retained, one per operator, after every change)::

    {"hub": EPOCH, "seq": N, "event": {...event_to_json...} | null,
     "calls": [{"call", "state", "direction", "number", "name", "held_by", "internal"}, ...]}

``seq`` counts per operator within one hub run (``hub``, a random epoch). A panel that holds
``seq - 1`` of the same epoch applies ``event`` (the exact step, with its end reason) and then
the listing; any other panel (just connected, missed one, new hub run) applies the listing
alone, which is how the panel gets its calls at once from the retained message.

``cmd`` (panel → hub) and ``result`` (hub → panel)::

    {"id": "…", "hub": EPOCH, "verb": "hangup", "call": "…" | null, "arg": "…" | null}
    {"event": "CommandResult", "id": "…", "command": "hangup …", "ok": true, "error": null,
     "kind": null, "call": "…"}

The result is the monitor's ``CommandResult`` line plus ``id`` and ``kind`` (the connector's
error class, so the panel words a refusal as it does in direct mode).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..asterisk.errors import (
    ActionFailed,
    ActionTimeout,
    AsteriskError,
    AuthenticationFailed,
    ConnectionLost,
    InvalidInput,
    NotSupported,
    PermissionDenied,
)
from ..asterisk.status import ConnectionStatus, LinkState
from ..calls.events import (
    ActiveCallSnapshot,
    CallEvent,
    CallInfoChanged,
    CallSnapshot,
    CallState,
    CommutationStarted,
    Direction,
    EndHoldAction,
    EndReason,
    HoldBy,
    PutHoldAction,
    RingFinished,
    RingStarted,
    event_to_json,
)
from ..calls.model import Call
from ..calls.policy import Command, Denial, Reason

MAX_MESSAGE = 1024 * 1024  # bytes (the presence of 5,000 colleagues fits); checked before json
MAX_TEXT = 512  # characters of a number, name, call id, reason or error text
MAX_CALLS = 200  # calls in one listing

# verb -> what follows the call id: None / "number" / "digits". The monitor's verbs.
VERBS: dict[str, str | None] = {
    "answer": None,
    "hold": None,
    "unhold": None,
    "hangup": None,
    "cancel-atxfer": None,
    "complete-atxfer": None,
    "transfer": "number",
    "atxfer": "number",
    "dtmf": "digits",
    "dial": "number",
}
# The call centre's verbs (the monitor's): none names a call. verb -> (queue, argument), each
# "required" / "optional" / None (not taken). A pause or unpause without a queue: every queue.
CENTRE_VERBS: dict[str, tuple[str | None, str | None]] = {
    "login": ("required", None),
    "logout": ("required", None),
    "pause": ("optional", "optional"),  # the argument is the reason
    "unpause": ("optional", None),
    "dnd": (None, "required"),  # "on" / "off"
    "pickup": (None, "required"),  # the colleague's extension
}


class WireError(ValueError):
    """A message that does not follow the protocol."""


# -- helpers ---------------------------------------------------------------------------------


def decode(payload: bytes | bytearray | str) -> dict[str, Any]:
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    if len(payload) > MAX_MESSAGE:
        raise WireError(f"message of {len(payload)} bytes is over {MAX_MESSAGE}")
    try:
        obj = json.loads(bytes(payload).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise WireError("not a JSON object")
    return obj


def encode(obj: Mapping[str, object]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _text(obj: Mapping[str, object], key: str, *, optional: bool = False) -> str:
    value = obj.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise WireError(f"{key!r} must be a string")
    if len(value) > MAX_TEXT:
        raise WireError(f"{key!r} is longer than {MAX_TEXT} characters")
    return value


def _maybe_text(obj: Mapping[str, object], key: str) -> str | None:
    return None if obj.get(key) is None else _text(obj, key)


def _int(obj: Mapping[str, object], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WireError(f"{key!r} must be a non-negative integer")
    return value


def _enum(kind: type[Any], obj: Mapping[str, object], key: str) -> Any:
    try:
        return kind(obj.get(key))
    except ValueError:
        raise WireError(f"{key!r}: unknown value {obj.get(key)!r}") from None


# -- calls -----------------------------------------------------------------------------------


def snapshot_to_json(snap: CallSnapshot) -> dict[str, object]:
    return {
        "call": snap.call_id,
        "state": snap.state.value,
        "direction": snap.direction.value,
        "number": snap.number,
        "name": snap.name,
        "held_by": snap.held_by.value if snap.held_by is not None else None,
        "internal": snap.internal,
    }


def snapshot_from_json(obj: object) -> CallSnapshot:
    if not isinstance(obj, dict):
        raise WireError("a call must be an object")
    held = obj.get("held_by")
    return CallSnapshot(
        call_id=_text(obj, "call"),
        state=_enum(CallState, obj, "state"),
        direction=_enum(Direction, obj, "direction"),
        number=_text(obj, "number", optional=True),
        name=_text(obj, "name", optional=True),
        held_by=None if held is None else _enum(HoldBy, obj, "held_by"),
        internal=obj.get("internal") is True,
    )


def event_from_json(obj: object) -> CallEvent:
    """The inverse of ``calls.events.event_to_json`` (with a listing's ``held_by``)."""
    if not isinstance(obj, dict):
        raise WireError("an event must be an object")
    name = obj.get("event")
    if name == "ActiveCallSnapshot":
        return listing_from_json(obj.get("calls"))
    call_id = _text(obj, "call")
    if name == "RingStarted":
        waited = obj.get("waited_s")
        return RingStarted(
            call_id,
            _enum(Direction, obj, "direction"),
            _text(obj, "number", optional=True),
            _text(obj, "name", optional=True),
            internal=obj.get("internal") is True,
            queue=_maybe_text(obj, "queue"),  # a queue call: where it came from
            waited_s=waited
            if isinstance(waited, int) and not isinstance(waited, bool) and waited >= 0
            else None,
            dialled=_maybe_text(obj, "dialled"),  # else the number the caller dialled
        )
    if name == "CommutationStarted":
        return CommutationStarted(call_id)
    if name == "PutHoldAction":
        return PutHoldAction(call_id, _enum(HoldBy, obj, "by"))
    if name == "EndHoldAction":
        return EndHoldAction(call_id)
    if name == "RingFinished":
        return RingFinished(call_id, _enum(EndReason, obj, "reason"))
    if name == "CallInfoChanged":
        return CallInfoChanged(
            call_id, _text(obj, "number", optional=True), _text(obj, "name", optional=True)
        )
    raise WireError(f"unknown event {name!r}")


def listing_from_json(items: object) -> ActiveCallSnapshot:
    if not isinstance(items, list):
        raise WireError("'calls' must be a list")
    if len(items) > MAX_CALLS:
        raise WireError(f"more than {MAX_CALLS} calls in one listing")
    return ActiveCallSnapshot(tuple(snapshot_from_json(item) for item in items))


@dataclass(frozen=True, slots=True)
class CallsMessage:
    """One ``calls`` message: the operator's live calls after ``event`` (None: a listing)."""

    hub: str
    seq: int
    event: CallEvent | None
    listing: ActiveCallSnapshot

    def to_json(self) -> dict[str, object]:
        event = self.event
        return {
            "hub": self.hub,
            "seq": self.seq,
            "event": None
            if event is None or isinstance(event, ActiveCallSnapshot)
            else event_to_json(event),
            "calls": [snapshot_to_json(c) for c in self.listing.calls],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> CallsMessage:
        raw_event = obj.get("event")
        event = None if raw_event is None else event_from_json(raw_event)
        return cls(_text(obj, "hub"), _int(obj, "seq"), event, listing_from_json(obj.get("calls")))


def listing_of(calls: Sequence[Call]) -> ActiveCallSnapshot:
    return ActiveCallSnapshot(tuple(c.snapshot() for c in calls))


# -- commands and results ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommandMessage:
    id: str
    hub: str  # the hub run the panel saw when it sent this; another run refuses it
    verb: str
    call: str | None
    arg: str | None
    queue: str | None = None  # the call centre's queue commands
    # dial only: whom the operator's phone shows it is calling (a contact's name)
    name: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "hub": self.hub,
            "verb": self.verb,
            "call": self.call,
            "arg": self.arg,
        }
        if self.queue is not None:
            out["queue"] = self.queue
        if self.name is not None:
            out["name"] = self.name
        return out

    @property
    def text(self) -> str:
        """The monitor's command line for it (``transfer CALL 102``, ``pause all Lunch``)."""
        queue = self.queue
        if queue is None and self.verb in ("pause", "unpause"):
            queue = "all"
        return " ".join(part for part in (self.verb, self.call, queue, self.arg) if part)

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> CommandMessage:
        verb = _text(obj, "verb")
        if verb not in VERBS and verb not in CENTRE_VERBS:
            known = ", ".join([*VERBS, *CENTRE_VERBS])
            raise WireError(f"unknown command {verb!r}; commands: {known}")
        command_id = _text(obj, "id")
        if not command_id or len(command_id) > 64:
            raise WireError("'id' must be 1-64 characters")
        call, arg = _maybe_text(obj, "call"), _maybe_text(obj, "arg")
        queue, name = _maybe_text(obj, "queue"), _maybe_text(obj, "name")
        if name is not None and verb != "dial":
            raise WireError(f"{verb} takes no name")
        if verb in CENTRE_VERBS:
            wants_queue, wants_arg = CENTRE_VERBS[verb]
            if call:
                raise WireError(f"{verb} takes no call")
            for what, value, wants in (("queue", queue, wants_queue), ("argument", arg, wants_arg)):
                if wants == "required" and not value:
                    raise WireError(f"{verb} needs a {what}")
                if wants is None and value:
                    raise WireError(f"{verb} takes no {what}")
            if verb == "dnd" and arg not in ("on", "off"):
                raise WireError("dnd takes on or off")
            return cls(command_id, _text(obj, "hub"), verb, None, arg or None, queue or None)
        if queue:
            raise WireError(f"{verb} takes no queue")
        wants = VERBS[verb]
        if wants is not None and not arg:
            raise WireError(f"{verb} needs a {wants}")
        if wants is None and arg:
            raise WireError(f"{verb} takes no argument besides the call")
        if verb != "dial" and not call:
            raise WireError(f"{verb} needs a call")
        if verb == "dial" and call:
            raise WireError("dial takes no call")
        return cls(command_id, _text(obj, "hub"), verb, call, arg, name=name or None)


ERROR_KINDS: dict[str, type[AsteriskError]] = {
    "InvalidInput": InvalidInput,
    "NotSupported": NotSupported,
    "PermissionDenied": PermissionDenied,
    "ActionFailed": ActionFailed,
    "ActionTimeout": ActionTimeout,
    "ConnectionLost": ConnectionLost,
    "AuthenticationFailed": AuthenticationFailed,
    "AsteriskError": AsteriskError,
}


def error_kind(exc: BaseException) -> str:
    for cls in type(exc).__mro__:
        if cls.__name__ in ERROR_KINDS:
            return cls.__name__
    return "AsteriskError"


@dataclass(frozen=True, slots=True)
class ResultMessage:
    id: str
    command: str
    ok: bool
    error: str | None = None
    kind: str | None = None
    call: str | None = None
    # ActionFailed's parts, so the panel can say "Asterisk refused: <Asterisk's words>"
    action: str | None = None
    message: str | None = None
    # the policy's typed refusal (the call centre's), so the panel words it in its language
    denial: Denial | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "event": "CommandResult",
            "id": self.id,
            "command": self.command,
            "ok": self.ok,
            "error": self.error,
            "kind": self.kind,
        }
        if self.call is not None:
            out["call"] = self.call
        if self.action is not None:
            out["action"] = self.action
            out["message"] = self.message or ""
        if self.denial is not None:
            out["denial"] = {"command": self.denial.command.value, **denial_to_json(self.denial)}
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> ResultMessage:
        ok = obj.get("ok")
        if not isinstance(ok, bool):
            raise WireError("'ok' must be true or false")
        denial = None
        raw_denial = obj.get("denial")
        if isinstance(raw_denial, dict):
            command = _enum(Command, raw_denial, "command")
            denial = denial_from_json(command, raw_denial)
        return cls(
            id=_text(obj, "id"),
            command=_text(obj, "command", optional=True),
            ok=ok,
            error=_maybe_text(obj, "error"),
            kind=_maybe_text(obj, "kind"),
            call=_maybe_text(obj, "call"),
            action=_maybe_text(obj, "action"),
            message=_maybe_text(obj, "message"),
            denial=denial,
        )

    @classmethod
    def failure(cls, command: CommandMessage, exc: BaseException) -> ResultMessage:
        action = message = None
        if isinstance(exc, ActionFailed):
            action, message = exc.action, exc.message
        denial = getattr(exc, "denial", None)
        return cls(
            command.id,
            command.text,
            False,
            error=str(exc)[:MAX_TEXT],
            kind=error_kind(exc),
            call=command.call,
            action=action,
            message=message,
            denial=denial if isinstance(denial, Denial) else None,
        )

    def exception(self) -> AsteriskError:
        """The connector error this refusal stands for (the panel raises it)."""
        if self.denial is not None:  # the policy's refusal, typed as in direct mode
            from ..asterisk.centre_client import CentreRefused
            from ..centre import CENTRE_COMMANDS

            if self.denial.command in CENTRE_COMMANDS:
                return CentreRefused(self.denial)
            return NotSupported.because(self.denial)
        kind = ERROR_KINDS.get(self.kind or "", AsteriskError)
        text = self.error or "the hub refused the command"
        if issubclass(kind, ActionFailed):
            return kind(self.action or self.command.partition(" ")[0], self.message or text)
        return kind(text)


# -- the hub's own status ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HubStatus:
    online: bool
    hub: str
    link: ConnectionStatus | None = None  # the hub's AMI link

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"online": self.online, "hub": self.hub}
        if self.link is not None:
            out["link"] = self.link.to_json()
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> HubStatus:
        online = obj.get("online")
        if not isinstance(online, bool):
            raise WireError("'online' must be true or false")
        raw = obj.get("link")
        link = None
        if isinstance(raw, dict):
            retry = raw.get("retry_in")
            link = ConnectionStatus(
                _enum(LinkState, raw, "status"),
                server=_text(raw, "server", optional=True),
                server_version=_maybe_text(raw, "server_version"),
                ami_version=_maybe_text(raw, "ami_version"),
                retry_in=float(retry) if isinstance(retry, int | float) else None,
                error=_maybe_text(raw, "error"),
            )
        return cls(online, _text(obj, "hub"), link)


def denial_to_json(denial: Denial) -> dict[str, object]:
    return {"reason": denial.reason.value, "args": [list(pair) for pair in denial.args]}


def denial_from_json(command: Command, obj: object) -> Denial:
    """A reason code this panel does not know becomes OTHER with the hub's English words."""
    if not isinstance(obj, dict):
        raise WireError("a denial must be an object")
    raw_args = obj.get("args", [])
    if not isinstance(raw_args, list) or len(raw_args) > 8:
        raise WireError("'args' must be a short list")
    args: list[tuple[str, str]] = []
    for pair in raw_args:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(x, str) and len(x) <= MAX_TEXT for x in pair)
        ):
            raise WireError("each denial argument is a [name, value] pair of strings")
        args.append((pair[0], pair[1]))
    try:
        reason = Reason(obj.get("reason"))
    except ValueError:
        detail = _text(obj, "english", optional=True) or str(obj.get("reason"))[:MAX_TEXT]
        return Denial(command, Reason.OTHER, (("detail", detail),))
    return Denial(command, reason, tuple(args))


@dataclass(frozen=True, slots=True)
class ClientState:
    """What the operator's buttons can do (the hub's client for that operator)."""

    hub: str
    offered: frozenset[str]  # Capability values
    unavailable: Mapping[Command, Denial]

    def to_json(self) -> dict[str, object]:
        return {
            "hub": self.hub,
            "offered": sorted(self.offered),
            "unavailable": {
                command.value: {**denial_to_json(denial), "english": denial.english()}
                for command, denial in sorted(self.unavailable.items(), key=lambda i: i[0].value)
            },
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, object]) -> ClientState:
        offered = obj.get("offered")
        unavailable = obj.get("unavailable")
        if not isinstance(offered, list) or not all(isinstance(x, str) for x in offered):
            raise WireError("'offered' must be a list of strings")
        if not isinstance(unavailable, dict):
            raise WireError("'unavailable' must be an object")
        denials: dict[Command, Denial] = {}
        for key, value in unavailable.items():
            try:
                command = Command(key)
            except ValueError:
                continue  # a command this panel does not have
            denials[command] = denial_from_json(command, value)
        return cls(_text(obj, "hub"), frozenset(offered), denials)
