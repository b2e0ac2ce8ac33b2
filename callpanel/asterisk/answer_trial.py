"""Choosing how calls are answered, with the PBX: which answer methods it can do, and a real
test call to the operator's phone to see the chosen one work.

What each method needs from Asterisk, and how it is found out before any call:

- ``none`` (answer on the handset): nothing.
- ``phone-notify``: an in-dialog NOTIFY ``Event: talk`` to the ringing phone — the AMI action
  ``PJSIPNotify`` with ``Channel`` (13.21+) or chan_sip's ``SIPnotify`` with ``Call-ID`` (13.20
  to 20). ``ListCommands`` lists the actions this AMI user may run; the version gates are
  :func:`strategies.notify_denial`'s.
- ``pbx-bridge``: ``Originate`` of the auto-answer leg ``Local/<phone>@<autoanswer_context>``
  and ``Bridge`` of the caller to it; ``ShowDialPlan`` with that ``Context`` answers "Did not
  find context" when the admin has not added it.

The test call rings the phone the way the method answers it, into ``Echo()`` (the operator
hears their own voice; no sound files needed): ``none`` and ``phone-notify`` ring the phone as
a customer's call would — answered on the handset, or by the panel's NOTIFY; ``pbx-bridge``
calls the auto-answer leg, which the phone should pick up by itself. Every channel of the test
call shares the ``Linkedid`` of the originated channel (the ``ChannelId`` we give it), so its
events are told apart from every other call on the PBX.
"""

from __future__ import annotations

import enum
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..ami import Action, Event, EventList, Response
from ..ami.controls import escape_for_log
from ..calls.policy import Command, Denial
from . import strategies as st
from .channels import TEST_CALL_PREFIX
from .config import AnswerStrategy, ClientConfig, ConnectionConfig
from .connection import AsteriskConnection
from .errors import ActionFailed, AsteriskError, NotSupported
from .manager import parse_version
from .selfcheck import listed_actions
from .validate import check_caller_id, check_context, check_endpoint

log = logging.getLogger(__name__)

Send = Callable[[Action], Awaitable[Response]]
SendList = Callable[[Action], Awaitable[EventList]]
Version = tuple[int, ...] | None

METHODS = (AnswerStrategy.NONE, AnswerStrategy.PHONE_NOTIFY, AnswerStrategy.PBX_BRIDGE)
TEST_APPLICATION = "Echo"  # needs no sound file: the operator hears their own voice
TEST_TIMEOUT_MS = 30000  # how long the phone may ring


# ------------------------------------------------------------------- what the PBX can do


class Lack(enum.Enum):
    """Why the PBX cannot do a method (words for the operator: ui/answer_dialog.py)."""

    DENIED = "denied"  # driver or version: ``denial`` (calls.policy words it)
    ACTION_NOT_ALLOWED = "action_not_allowed"  # this AMI user lacks ``write_class``
    ACTION_NOT_LOADED = "action_not_loaded"  # the class is granted; the module is not loaded
    NO_CONTEXT = "no_context"  # the dialplan has no ``context``


@dataclass(frozen=True)
class MethodCheck:
    strategy: AnswerStrategy
    lack: Lack | None = None
    action: str = ""
    write_class: str = ""
    context: str = ""
    denial: Denial | None = None

    @property
    def available(self) -> bool:
        return self.lack is None


@dataclass(frozen=True)
class Assessment:
    methods: tuple[MethodCheck, ...]
    can_test: bool  # the test call needs Originate (write class originate)

    def check(self, strategy: AnswerStrategy) -> MethodCheck:
        return next(m for m in self.methods if m.strategy is strategy)


def notify_action_name(endpoint: str) -> str:
    return "PJSIPNotify" if st.tech_of(endpoint) == "PJSIP" else "SIPnotify"


def _action_check(
    strategy: AnswerStrategy,
    listed: dict[str, frozenset[str]] | None,
    action: str,
    write_class: str,
) -> MethodCheck | None:
    """None when ``action`` is listed (or the list is unknown: nothing concluded)."""
    if listed is None or action.lower() in listed:
        return None
    granted = {next(iter(classes)) for classes in listed.values() if len(classes) == 1}
    lack = Lack.ACTION_NOT_LOADED if write_class in granted else Lack.ACTION_NOT_ALLOWED
    return MethodCheck(strategy, lack, action=action, write_class=write_class)


async def _context_exists(send_list: SendList, context: str) -> bool | None:
    """True, False, or None when ShowDialPlan itself is not allowed or failed otherwise."""
    try:
        await send_list(Action.create("ShowDialPlan", {"Context": check_context(context)}))
    except ActionFailed as exc:
        if "did not find context" in exc.message.lower():
            return False
        log.info("ShowDialPlan %s: %s", context, escape_for_log(exc))
        return None
    return True


async def assess(
    send: Send, send_list: SendList, client: ClientConfig, version: Version
) -> Assessment:
    """Which answer methods this PBX and AMI user can do for the first configured phone."""
    endpoint = check_endpoint(client.endpoints[0])
    try:
        listed: dict[str, frozenset[str]] | None = listed_actions(
            await send(Action.create("ListCommands"))
        )
    except ActionFailed as exc:
        log.info("ListCommands: %s", escape_for_log(exc))
        listed = None

    notify = AnswerStrategy.PHONE_NOTIFY
    denial = st.notify_denial(Command.ANSWER, st.tech_of(endpoint), version)
    if denial is not None:
        notify_check = MethodCheck(notify, Lack.DENIED, denial=denial)
    else:
        action = notify_action_name(endpoint)
        notify_check = _action_check(notify, listed, action, "system") or MethodCheck(notify)

    bridge = AnswerStrategy.PBX_BRIDGE
    bridge_check = _action_check(bridge, listed, "Originate", "originate") or _action_check(
        bridge, listed, "Bridge", "call"
    )
    if bridge_check is None:
        context = client.autoanswer_context
        if await _context_exists(send_list, context) is False:
            bridge_check = MethodCheck(bridge, Lack.NO_CONTEXT, context=context)
        else:
            bridge_check = MethodCheck(bridge)
    can_test = listed is None or "originate" in listed
    return Assessment((MethodCheck(AnswerStrategy.NONE), notify_check, bridge_check), can_test)


# ----------------------------------------------------------------------------- test call


class TrialState(enum.Enum):
    IDLE = "idle"
    CALLING = "calling"  # the Originate is on its way
    RINGING = "ringing"  # the phone rings
    ANSWERED = "answered"  # the phone picked up: the echo runs
    ENDED = "ended"  # hung up after the phone answered (or by the operator)
    FAILED = "failed"  # the phone was not reached or did not answer (``failure``)


TRANSITIONS: dict[TrialState, frozenset[TrialState]] = {
    TrialState.IDLE: frozenset({TrialState.CALLING}),
    TrialState.CALLING: frozenset(
        {TrialState.RINGING, TrialState.ANSWERED, TrialState.FAILED, TrialState.ENDED}
    ),
    TrialState.RINGING: frozenset({TrialState.ANSWERED, TrialState.FAILED, TrialState.ENDED}),
    TrialState.ANSWERED: frozenset({TrialState.ENDED}),
    TrialState.ENDED: frozenset({TrialState.CALLING}),
    TrialState.FAILED: frozenset({TrialState.CALLING}),
}


class TrialFailure(enum.Enum):
    REFUSED = "refused"  # Asterisk refused the Originate (``detail``: its message)
    UNREACHABLE = "unreachable"  # the phone could not be called: not registered, no route
    BUSY = "busy"  # the phone declined
    NO_ANSWER = "no_answer"  # it rang until the timeout
    NOTIFY_FAILED = "notify_failed"  # the NOTIFY that should answer it was refused


# OriginateResponse Reason: the last control frame (Asterisk's enum ast_control_frame_type)
_REASONS = {5: TrialFailure.BUSY, 3: TrialFailure.NO_ANSWER, 8: TrialFailure.UNREACHABLE}
# Hangup Cause (Q.850) of a phone that never answered
_CAUSES = {17: TrialFailure.BUSY, 21: TrialFailure.BUSY, 19: TrialFailure.NO_ANSWER}
_RINGING, _UP = "5", "6"  # Newstate ChannelState


@dataclass(frozen=True)
class TrialStatus:
    state: TrialState
    failure: TrialFailure | None = None
    detail: str = ""  # Asterisk's own words, for the log and a tooltip
    phone_channel: str = ""


class TrialError(AsteriskError):
    """A step the test call's state does not allow (answering a call that is not ringing)."""


class AnswerTrial:
    """One test call at a time for one method; feed it every AMI event with :meth:`handle`."""

    def __init__(
        self,
        send: Send,
        client: ClientConfig,
        strategy: AnswerStrategy,
        version: Version,
        *,
        caller_name: str = "callpanel",
        on_change: Callable[[TrialStatus], None] | None = None,
    ) -> None:
        self._send = send
        self.client = client
        self.strategy = strategy
        self.version = version
        self.endpoint = check_endpoint(client.endpoints[0])
        self._caller_id = check_caller_id(f'"{caller_name}" <0>')
        self._on_change = on_change
        self.status = TrialStatus(TrialState.IDLE)
        self.channel_id = ""
        self._action_id = ""
        self._channels: list[str] = []  # every channel of the test call, by name
        self._ending = False  # the operator ended it: a hangup now is no failure

    @property
    def answers_from_panel(self) -> bool:
        """The operator presses Answer in the panel while it rings (phone-notify)."""
        return self.strategy is AnswerStrategy.PHONE_NOTIFY

    def _move(self, state: TrialState, **fields: str | TrialFailure | None) -> bool:
        if state not in TRANSITIONS[self.status.state]:
            return False
        phone = str(fields.pop("phone_channel", None) or self.status.phone_channel)
        failure = fields.get("failure")
        self.status = TrialStatus(
            state,
            failure if isinstance(failure, TrialFailure) else None,
            str(fields.get("detail") or ""),
            phone,
        )
        if self._on_change is not None:
            self._on_change(self.status)
        return True

    def _channel(self) -> str:
        if self.strategy is AnswerStrategy.PBX_BRIDGE:
            context = check_context(self.client.autoanswer_context, "auto-answer context")
            return st.autoanswer_channel(self.endpoint, context)
        return self.endpoint

    async def ring(self) -> None:
        """Call the phone (again). Raises TrialError while a test call is going on."""
        if not self._move(TrialState.CALLING):
            raise TrialError(f"a test call is {self.status.state.value}")
        self.channel_id = TEST_CALL_PREFIX + secrets.token_hex(6)
        self._channels = []
        self._ending = False
        action = st.originate_application(
            channel=self._channel(),
            application=TEST_APPLICATION,
            data="",
            caller_id=self._caller_id,
            channel_id=self.channel_id,
            timeout_ms=TEST_TIMEOUT_MS,
        )
        self._action_id = action.action_id or ""
        try:
            await self._send(action)
        except (ActionFailed, NotSupported) as exc:
            self._move(TrialState.FAILED, failure=TrialFailure.REFUSED, detail=str(exc))
        except AsteriskError as exc:  # the link went away
            self._move(TrialState.FAILED, failure=TrialFailure.UNREACHABLE, detail=str(exc))

    async def answer(self) -> None:
        """phone-notify: NOTIFY ``Event: talk`` to the ringing phone, as Answer would."""
        channel = self.status.phone_channel
        if self.status.state is not TrialState.RINGING or not channel:
            raise TrialError("the test call is not ringing")
        try:
            problem = st.notify_denial(Command.ANSWER, st.tech_of(channel), self.version)
            if problem is not None:
                raise NotSupported.because(problem)
            if st.tech_of(channel) == "PJSIP":
                await self._send(st.pjsip_notify(channel, "talk"))
            else:
                reply = await self._send(st.getvar(channel, "SIPCALLID"))
                call_id = (reply.get("Value") or "").strip()
                if not call_id:
                    raise ActionFailed("Getvar", f"no SIP Call-ID for {channel}", reply)
                await self._send(st.sip_notify(st.sip_peer_of(channel), call_id, "talk"))
        except AsteriskError as exc:
            log.info("test call: the NOTIFY failed: %s", escape_for_log(exc))
            # still ringing: the operator may answer on the handset, or try another method
            self._report(TrialFailure.NOTIFY_FAILED, str(exc))

    def _report(self, failure: TrialFailure, detail: str) -> None:
        """A problem that is no step of the call (it goes on as it was)."""
        self.status = TrialStatus(self.status.state, failure, detail, self.status.phone_channel)
        if self._on_change is not None:
            self._on_change(self.status)

    async def end(self) -> None:
        """Hang the test call up (nothing happens when there is none)."""
        if self.status.state not in (TrialState.CALLING, TrialState.RINGING, TrialState.ANSWERED):
            return
        self._ending = True
        for channel in reversed(self._channels):  # the phone's leg first
            try:
                await self._send(st.hangup(channel))
            except AsteriskError as exc:  # already gone
                log.debug("test call hangup %s: %s", channel, escape_for_log(exc))

    # -- events ---------------------------------------------------------------------------

    def _is_phone(self, channel: str) -> bool:
        endpoint = st.endpoint_of(channel)
        tech, _, resource = endpoint.partition("/")
        want_tech, _, want_resource = self.endpoint.partition("/")
        return tech.upper() == want_tech.upper() and resource == want_resource

    def handle(self, event: Event) -> None:
        if not self.channel_id or self.status.state not in (
            TrialState.CALLING,
            TrialState.RINGING,
            TrialState.ANSWERED,
        ):
            return
        name = event.name
        if name == "OriginateResponse":
            if event.action_id == self._action_id:
                self._originate_response(event)
            return
        if (event.get("Linkedid") or event.get("Uniqueid")) != self.channel_id:
            return
        channel = event.get("Channel") or ""
        if name == "Newchannel" and channel and channel not in self._channels:
            # the phone's leg is dialled last (after the Local pair of pbx-bridge)
            self._channels.append(channel)
        if not self._is_phone(channel):
            return
        state = event.get("ChannelState") or ""
        if name in ("Newchannel", "Newstate") and state == _RINGING:
            self._move(TrialState.RINGING, phone_channel=channel)
        elif name in ("Newchannel", "Newstate") and state == _UP:
            self._move(TrialState.ANSWERED, phone_channel=channel)
        elif name == "Hangup":
            self._phone_hung_up(event)

    def _originate_response(self, event: Event) -> None:
        if (event.get("Response") or "").lower() == "success":
            self._move(TrialState.ANSWERED)
            return
        if self._ending:
            self._move(TrialState.ENDED)
            return
        reason = int(event.get("Reason") or "0") if (event.get("Reason") or "").isdigit() else 0
        failure = _REASONS.get(reason, TrialFailure.UNREACHABLE)
        self._move(TrialState.FAILED, failure=failure, detail=f"OriginateResponse Reason {reason}")

    def _phone_hung_up(self, event: Event) -> None:
        if self.status.state is TrialState.ANSWERED or self._ending:
            self._move(TrialState.ENDED)
            return
        cause_text = event.get("Cause") or ""
        cause = int(cause_text) if cause_text.isdigit() else 0
        detail = f"Hangup Cause {cause} ({event.get('Cause-txt') or ''})"
        self._move(TrialState.FAILED, failure=_CAUSES.get(cause, TrialFailure.UNREACHABLE),
                   detail=detail)  # fmt: skip


class TrialSession:
    """A login of its own for the choice (like the set-up check): what the PBX can do, then
    test calls; its events go to the current trial only."""

    def __init__(
        self,
        connection: ConnectionConfig,
        client: ClientConfig,
        *,
        connection_factory: Callable[..., AsteriskConnection] = AsteriskConnection,
    ) -> None:
        self.client = client
        self._conn = connection_factory(connection, on_event=self._on_event)
        self._trial: AnswerTrial | None = None
        self.version: Version = None

    async def open(self) -> Assessment:
        await self._conn.open()
        self.version = parse_version(self._conn.server_version)
        return await assess(self._conn.send, self._conn.send_list, self.client, self.version)

    def trial(
        self,
        strategy: AnswerStrategy,
        *,
        caller_name: str = "callpanel",
        on_change: Callable[[TrialStatus], None] | None = None,
    ) -> AnswerTrial:
        self._trial = AnswerTrial(
            self._conn.send, self.client, strategy, self.version,
            caller_name=caller_name, on_change=on_change,
        )  # fmt: skip
        return self._trial

    def _on_event(self, event: Event) -> None:
        if self._trial is not None:
            self._trial.handle(event)

    async def close(self) -> None:
        if self._trial is not None:
            await self._trial.end()
        await self._conn.close()
