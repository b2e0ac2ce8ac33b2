"""The operator's commands turned into AMI actions: ``AsteriskClient``.

The client never guesses what happened: it sends actions and returns when Asterisk accepted
them. The call model then changes through the events the adapter sees (a Hold, a
MusicOnHoldStart, a ParkedCall, a new bridge), so the panel shows what really happened.

Every value is validated before anything is sent (:mod:`.validate`); the action builders are
in :mod:`.strategies`. Errors are the connector's typed errors (:mod:`.errors`), with
Asterisk's own message when Asterisk said no.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid

from ..ami import Action, EventList, LocalProtocolError, Response
from ..calls.events import CallState, Capability, Direction, HoldBy
from ..calls.policy import CallPolicy, Command, Denial, state_denial
from . import presented as pr
from . import strategies as st
from .client_views import AdapterView, CallView, LegsView, Sender
from .config import AnswerStrategy, ClientConfig, HoldStrategy
from .errors import ActionFailed, ActionTimeout, InvalidInput, NotSupported, PermissionDenied
from .validate import (
    check_caller_id,
    check_channel,
    check_context,
    check_digits,
    check_endpoint,
    check_name,
    check_timeout_ms,
    check_token,
    clean_display_name,
    normalize_number,
)

__all__ = ["AdapterView", "AsteriskClient", "Command", "Sender", "normalize_number"]

log = logging.getLogger(__name__)

CHANNEL_ID_PREFIX = "callpanel-"
# seconds between PJSIPNotify answer tries while the phone has not sent 180 Ringing yet
EARLY_DIALOG_PAUSES = (0.05, 0.1, 0.2, 0.4)


# --------------------------------------------------------------------------- helpers


def _is_permission_message(message: str) -> bool:
    return "permission denied" in message.lower()


def _new_channel_id() -> str:
    # Becomes the Uniqueid of the channel we create (Originate ChannelId, ≤149 chars), so the
    # adapter recognises the very first event of that channel.
    return CHANNEL_ID_PREFIX + uuid.uuid4().hex


def _caller_id(name: str, number: str) -> str | None:
    num = clean_display_name(number).replace(" ", "")
    shown = clean_display_name(name)
    if not num and not shown:
        return None
    return f'"{shown}" <{num}>' if shown else num


def _variable_text(text: str) -> str:
    # Asterisk splits an Originate Variable header at commas (outside parentheses).
    return clean_display_name(text).replace(",", " ").strip()


def split_caller_id(value: str) -> tuple[str, str]:
    """``"Support" <74951234567>`` → ``("Support", "74951234567")``; a bare number → ``("", n)``."""
    found = _CALLER_ID.match(value)
    if found is None:
        return "", _variable_text(value).replace(" ", "")
    return _variable_text(found.group(1) or ""), _variable_text(found.group(2)).replace(" ", "")


_CALLER_ID = re.compile(r'^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$')
_PANEL_HELD = (HoldStrategy.PBX_MOH, HoldStrategy.PBX_PARK)


class AsteriskClient:
    """The operator's buttons. One instance per connection (Sender) and adapter."""

    def __init__(self, sender: Sender, adapter: AdapterView, config: ClientConfig) -> None:
        self._sender = sender
        self._adapter = adapter
        self._config = config
        self._policy = CallPolicy(
            lambda: st.unavailable_commands(self._config, self._sender.version_tuple)
        )
        self._locks: dict[str, asyncio.Lock] = {}
        self._atxfer_from: dict[str, str] = {}  # held call id -> operator channel (Atxfer)

    @property
    def config(self) -> ClientConfig:
        return self._config

    # ----------------------------------------------------------------- capabilities

    @property
    def policy(self) -> CallPolicy:
        """The one answer to "can this command run now" (configuration, server, permissions)."""
        return self._policy

    def offered(self) -> frozenset[Capability]:
        """What can work at all with this configuration, server version and AMI user."""
        return self._policy.offered()

    def unavailable(self) -> dict[Command, Denial]:
        """Commands that cannot work, with the typed reason (the UI puts it into words)."""
        return self._policy.unavailable()

    @property
    def can_dial(self) -> bool:
        return Command.DIAL not in self.unavailable()

    @property
    def can_cancel_atxfer(self) -> bool:
        return Command.CANCEL_ATXFER not in self.unavailable()

    def forget_denials(self) -> None:
        """After a reconnect (the admin may have widened the AMI user's rights)."""
        self._policy.permissions.forget()

    # ----------------------------------------------------------------- commands

    def _dialable(self, number: str) -> str:
        """The number checked, rewritten by the dialling rules, and checked again (a rule's
        output goes into the action too)."""
        return normalize_number(self._config.dial_rules.apply(normalize_number(number)))

    async def dial(self, number: str, name: str = "") -> str:
        """Click-to-call: ring the operator's phone, then dial ``number``. Returns the call id.

        The operator's phone shows ``number`` (and ``name``, e.g. the contact's); the called
        party sees the ``caller_id`` setting, or without one whatever the PBX presents for
        this phone's own calls — never their own number (see ``strategies.originate_dial``).
        The call id is the ChannelId we give the operator's new channel; that channel's
        Uniqueid is also the Linkedid of the whole call (recording 07).
        """
        self._check_available(Command.DIAL)
        number = self._dialable(number)
        endpoint = self._first_endpoint()
        context = check_context(self._config.originate_context, "originate context")
        outbound = (
            split_caller_id(check_caller_id(self._config.caller_id))
            if self._config.caller_id
            else None
        )
        timeout_ms = check_timeout_ms(self._config.originate_timeout_ms)
        channel_id = _new_channel_id()
        action = st.originate_dial(
            endpoint=endpoint,
            context=context,
            number=number,
            shown_name=_variable_text(name),
            outbound_caller_id=outbound,
            channel_id=channel_id,
            timeout_ms=timeout_ms,
        )
        self._adapter.expect_originate(channel_id, number)  # before the first event can arrive
        await self._send(action, Command.DIAL)
        return channel_id

    async def answer(self, call_id: str) -> None:
        async with self._lock(call_id):
            self._check_available(Command.ANSWER)
            call, legs = self._call(call_id, Command.ANSWER)
            strategy = self._config.answer_strategy
            if strategy is AnswerStrategy.PHONE_NOTIFY:
                await self._notify(self._operator(legs), "talk", Command.ANSWER)
            elif strategy is AnswerStrategy.PBX_BRIDGE:
                remote = self._remote(legs)
                await self._call_operator_into(
                    call_id, call, legs, "Bridge", remote, Command.ANSWER
                )
            else:  # unavailable_commands() already refused NONE
                raise NotSupported(f"answer strategy {strategy.value!r} cannot answer")

    async def hold(self, call_id: str) -> None:
        async with self._lock(call_id):
            self._check_available(Command.HOLD)
            _call, legs = self._call(call_id, Command.HOLD)
            strategy = self._config.hold_strategy
            if strategy is HoldStrategy.PHONE_NOTIFY:
                await self._notify(self._operator(legs), "hold", Command.HOLD)
            elif strategy is HoldStrategy.PBX_MOH:
                action = st.hold_redirect(
                    remote=self._remote(legs),
                    operator=self._operator(legs),
                    hold_context=check_context(self._config.hold_context, "hold context"),
                    park_context=check_context(self._config.park_context, "park context"),
                )
                await self._send(action, Command.HOLD)
            elif strategy is HoldStrategy.PBX_PARK:
                action = st.park(self._remote(legs), self._operator(legs))
                await self._send(action, Command.HOLD)
            else:
                raise NotSupported(f"hold strategy {strategy.value!r} cannot hold")

    async def unhold(self, call_id: str) -> None:
        async with self._lock(call_id):
            self._check_available(Command.UNHOLD)
            call, legs = self._call(call_id, Command.UNHOLD)
            strategy = self._config.hold_strategy
            if strategy is HoldStrategy.PHONE_NOTIFY:
                await self._notify(self._operator(legs), "talk", Command.UNHOLD)
            elif strategy is HoldStrategy.PBX_MOH:
                await self._unhold_moh(call_id, call, legs)
            elif strategy is HoldStrategy.PBX_PARK:
                await self._unhold_park(call_id, call, legs)
            else:
                raise NotSupported(f"hold strategy {strategy.value!r} cannot resume")

    async def hangup(self, call_id: str) -> None:
        async with self._lock(call_id):
            self._check_available(Command.HANGUP)
            call, legs = self._call(call_id, Command.HANGUP)
            if self._panel_held(call) and legs.remote_channel:
                # The remote party waits in MOH/parking without the operator: end it there,
                # then free the operator's waiting leg if it is still there.
                await self._send(st.hangup(legs.remote_channel), Command.HANGUP)
                if legs.operator_channel:
                    await self._send_ignoring_gone(st.hangup(legs.operator_channel), Command.HANGUP)
                return
            # Refusing a call that rings: "busy", so Dial()/Queue() handle it as a rejection
            # (busy voicemail, next queue member) rather than as a failure.
            ringing = call.state is CallState.RINGING and call.direction is Direction.INCOMING
            action = st.hangup(self._operator(legs), st.CAUSE_BUSY if ringing else None)
            await self._send(action, Command.HANGUP)

    async def transfer(self, call_id: str, number: str) -> None:
        """Blind transfer: the remote party goes to ``number``; the operator leaves the call."""
        number = self._dialable(number)
        context = check_context(self._config.transfer_context, "transfer context")
        async with self._lock(call_id):
            self._check_available(Command.TRANSFER)
            call, legs = self._call(call_id, Command.TRANSFER)
            if self._panel_held(call) or (legs.bridge_id is None and legs.remote_channel):
                # BlindTransfer needs the operator bridged with the remote party; on a panel
                # hold it is not, so send the remote party there directly. The operator's
                # waiting leg goes first: a held caller that then dials on is, for the call
                # model, a transfer (the caller alone would look like a finished call).
                # (Also right after answering, before Asterisk reported the bridge.)
                remote = self._remote(legs)
                await self._present_ours(remote, legs)
                if self._panel_held(call) and legs.operator_channel:
                    await self._send_ignoring_gone(
                        st.hangup(legs.operator_channel), Command.TRANSFER
                    )
                await self._send_transfer(
                    call_id, st.redirect(remote, context, number), Command.TRANSFER
                )
                return
            # The transferred party's channel is the one that dials the new number.
            transferee = legs.remote_channel or legs.remote_uniqueid
            if transferee:
                await self._present_ours(transferee, legs)
            action = st.blind_transfer(self._operator(legs), number, context)
            await self._send_transfer(call_id, action, Command.TRANSFER)

    async def presented_caller_id(self, legs: LegsView | None = None) -> pr.Presented | None:
        """The caller ID an outside party must see on our calls: the ``caller_id`` setting,
        or what the PBX presents for the operator's phone (None when neither is known)."""
        configured = self._configured_caller_id()
        if configured is not None:
            return configured
        endpoint = self._operator_endpoint(legs) if legs is not None else self._first_endpoint()
        return await pr.operator_identity(self._sender, endpoint)

    def _configured_caller_id(self) -> pr.Presented | None:
        if not self._config.caller_id:
            return None
        return pr.parse_caller_id(check_caller_id(self._config.caller_id))

    async def transfer_lines_present(self) -> bool | None:
        """Whether the transfer context sets our caller ID for outside numbers (None: the
        AMI user may not read the dialplan). Without them an outside party sees the
        transferred caller's own number."""
        return await pr.transfer_lines_present(self._sender, self._config.transfer_context)

    async def _present_ours(self, channel: str, legs: LegsView) -> None:
        """Tell the transfer dialplan our caller ID (module ``presented``)."""
        ours = await self.presented_caller_id(legs)
        if ours is None:
            log.info("transfer: no caller ID of ours known; the dialplan keeps the caller's")
            return
        await self._set_quietly(pr.setvars(channel, ours))

    async def _set_quietly(self, actions: list[Action]) -> None:
        """Best effort: a transfer must not fail because Asterisk refused a variable (nor may
        the refusal grey out the transfer: these never go through the policy)."""
        try:
            for action in actions:
                await self._sender.send(action)
        except (ActionFailed, ActionTimeout) as exc:
            log.warning("transfer: caller ID not set: %s", exc)

    async def _send_transfer(self, call_id: str, action: Action, command: Command) -> None:
        # The adapter hears of it before sending: the operator's leg can hang up before the
        # response arrives, and Asterisk does not always send a BlindTransfer event.
        self._adapter.expect_transfer(call_id)
        try:
            await self._send(action, command)
        except BaseException:
            self._adapter.expect_transfer(call_id, False)
            raise

    async def atxfer(self, call_id: str, number: str) -> None:
        """Attended transfer via the features.conf ``atxfer`` code (Dial option t/T needed)."""
        number = self._dialable(number)
        context = check_context(self._config.transfer_context, "transfer context")
        async with self._lock(call_id):
            self._check_available(Command.ATXFER)
            call, legs = self._call(call_id, Command.ATXFER)
            if self._panel_held(call):
                raise NotSupported("resume the call first: an attended transfer starts from talk")
            operator = self._operator(legs)
            # The consultation is dialled with the operator channel's caller ID: make it the
            # configured one, as a click-to-call does (module ``presented``).
            configured = self._configured_caller_id()
            if configured is not None:
                await self._set_quietly(pr.caller_id_setvars(operator, configured))
            await self._send(st.atxfer(operator, number, context), Command.ATXFER)
            # During the consultation the operator's channel belongs to the consultation
            # call; remember it so Cancel can be pressed on the held call.
            for stale in [k for k in self._atxfer_from if k not in self._adapter.calls]:
                del self._atxfer_from[stale]
            self._atxfer_from[call_id] = operator

    async def cancel_atxfer(self, call_id: str) -> None:
        async with self._lock(call_id):
            self._check_available(Command.CANCEL_ATXFER)
            _call, legs = self._call(call_id, Command.CANCEL_ATXFER)
            remembered = self._atxfer_from.get(call_id)
            channel = (
                self._operator(legs) if legs.operator_channel or not remembered else remembered
            )
            await self._send(st.cancel_atxfer(check_channel(channel)), Command.CANCEL_ATXFER)
            self._atxfer_from.pop(call_id, None)

    async def complete_atxfer(self, call_id: str) -> None:
        """Finish an attended transfer: the operator's side of the consultation hangs up and
        Asterisk joins the held caller with the person consulted (features.conf atxfer)."""
        async with self._lock(call_id):
            self._check_available(Command.HANGUP)
            self._call(call_id, Command.HANGUP)
            channel = self._atxfer_from.get(call_id)
            if channel is None:
                raise NotSupported("no attended transfer of this call is in progress")
            await self._send(st.hangup(check_channel(channel)), Command.HANGUP)
            self._atxfer_from.pop(call_id, None)

    async def dtmf(self, call_id: str, digits: str) -> None:
        digits = check_digits(digits)
        async with self._lock(call_id):
            self._check_available(Command.DTMF)
            _call, legs = self._call(call_id, Command.DTMF)
            # PlayDTMF on the operator's channel would play the tone to the operator's own
            # phone. Send it out of the remote party's channel instead (an IVR hears it);
            # without one, make it look as if the operator's phone sent it (Receive).
            if legs.remote_channel:
                channel, receive = check_channel(legs.remote_channel), False
            else:
                channel, receive = self._operator(legs), True
            for digit in digits:  # PlayDTMF uses only the first character of Digit
                action = st.play_dtmf(channel, digit, receive=receive)
                await self._send(action, Command.DTMF)

    # ----------------------------------------------------------------- strategies

    async def _notify(self, channel: str, event: str, command: Command) -> None:
        """NOTIFY ``Event: <event>`` inside the phone's dialog (answer / hold / resume)."""
        channel = check_channel(channel)
        tech = st.tech_of(channel)
        problem = st.notify_denial(command, tech, self._sender.version_tuple)
        if problem is not None:
            raise NotSupported.because(problem)
        if tech == "PJSIP":
            await self._pjsip_notify(channel, event, command)
            return
        peer = st.sip_peer_of(channel)
        reply = await self._send(st.getvar(channel, "SIPCALLID"), command)
        sip_call_id = (reply.get("Value") or "").strip()
        if not sip_call_id:
            raise ActionFailed("Getvar", f"no SIP Call-ID for {channel}", reply)
        action = st.sip_notify(peer, check_token(sip_call_id, "SIP Call-ID"), event)
        await self._send(action, command)

    async def _pjsip_notify(self, channel: str, event: str, command: Command) -> None:
        # PJSIPNotify needs the phone's early dialog: until the phone has answered the INVITE
        # with 180 Ringing, Asterisk says "Channel not found" (22.10.1, an Answer clicked as
        # the call appears). The phone's 180 comes within milliseconds, so try again a little
        # later while the call still rings.
        action = st.pjsip_notify(channel, event)
        for pause in (*EARLY_DIALOG_PAUSES, None):
            try:
                await self._send(action, command)
                return
            except ActionFailed as exc:
                early = command is Command.ANSWER and "channel not found" in exc.message.lower()
                if pause is None or not early or not self._ringing(channel):
                    raise
            await asyncio.sleep(pause)

    def _ringing(self, channel: str) -> bool:
        """A call whose operator leg is ``channel`` is still ringing."""
        for call_id, call in self._adapter.calls.items():
            legs = self._adapter.legs(call_id)
            if legs is not None and legs.operator_channel == channel:
                return call.state is CallState.RINGING
        return False

    async def _unhold_moh(self, call_id: str, call: CallView, legs: LegsView) -> None:
        remote = self._remote(legs)
        if legs.operator_channel:
            try:
                await self._send(st.bridge(remote, legs.operator_channel), Command.UNHOLD)
                return
            except PermissionDenied:
                raise
            except ActionFailed as exc:
                # "Channel2 does not exist": the operator hung up the waiting leg.
                if "channel2" not in exc.message.lower():
                    raise
                log.info("operator leg gone, calling the operator back: %s", exc.message)
        await self._call_operator_into(call_id, call, legs, "Bridge", remote, Command.UNHOLD)

    async def _unhold_park(self, call_id: str, call: CallView, legs: LegsView) -> None:
        # Retrieve with ParkedCall(lot,space) so Asterisk reports UnParkedCall; pulling the
        # channel out with Bridge would be reported as ParkedCallGiveUp (an abandoned call).
        remote_uid = legs.remote_uniqueid
        remote = legs.remote_channel
        listing = await self._send_list(st.parked_calls(), Command.UNHOLD)
        for item in listing.items:
            if (remote_uid and item.get("ParkeeUniqueid") == remote_uid) or (
                remote and item.get("ParkeeChannel") == remote
            ):
                lot = check_name(item.get("ParkingLot") or "default", "parking lot")
                space = item.get("ParkingSpace") or ""
                if not (space.isascii() and space.isdigit() and len(space) <= 10):
                    raise InvalidInput(f"unexpected parking space {space[:20]!r}")
                await self._call_operator_into(
                    call_id, call, legs, "ParkedCall", f"{lot},{space}", Command.UNHOLD
                )
                return
        raise ActionFailed("ParkedCalls", "the call is no longer parked")

    async def _call_operator_into(
        self,
        call_id: str,
        call: CallView,
        legs: LegsView,
        application: str,
        data: str,
        command: Command,
    ) -> None:
        """Ring the operator's phone with auto-answer and run ``application(data)`` on answer."""
        endpoint = self._operator_endpoint(legs)
        channel = st.autoanswer_channel(
            endpoint, check_context(self._config.autoanswer_context, "auto-answer context")
        )
        channel_id = _new_channel_id()
        action = st.originate_application(
            channel=channel,
            application=application,
            data=check_token(data, f"{application} argument"),
            caller_id=_caller_id(call.name, call.number),
            channel_id=channel_id,
            timeout_ms=check_timeout_ms(self._config.originate_timeout_ms),
        )
        self._adapter.expect_originate(channel_id, call.number, call_id=call_id)
        await self._send(action, command)

    # ----------------------------------------------------------------- plumbing

    def _lock(self, call_id: str) -> asyncio.Lock:
        # One command at a time per call (a double-clicked Hold must not send two Redirects).
        for stale in [k for k, v in self._locks.items() if not v.locked() and k != call_id]:
            if stale not in self._adapter.calls:
                del self._locks[stale]
        lock = self._locks.get(call_id)
        if lock is None:
            lock = self._locks[call_id] = asyncio.Lock()
        return lock

    def _check_available(self, command: Command) -> None:
        denial = self._policy.check(command)
        if denial is not None:
            raise NotSupported.because(denial)

    def _call(self, call_id: str, command: Command) -> tuple[CallView, LegsView]:
        """The call and its channels, if the call's state allows ``command`` now."""
        call = self._adapter.calls.get(call_id) if isinstance(call_id, str) else None
        legs = self._adapter.legs(call_id) if call is not None else None
        if call is None or legs is None:
            raise InvalidInput(f"no active call {str(call_id)[:60]!r}")
        denial = state_denial(command, call)
        if denial is not None:
            raise NotSupported.because(denial)
        return call, legs

    def _panel_held(self, call: CallView) -> bool:
        """Held by the panel's own PBX strategy: the operator's leg is out of the bridge."""
        return (
            call.state is CallState.HOLD
            and call.held_by is not HoldBy.REMOTE
            and self._config.hold_strategy in _PANEL_HELD
        )

    @staticmethod
    def _operator(legs: LegsView) -> str:
        if not legs.operator_channel:
            raise NotSupported("the operator's channel for this call is gone")
        return check_channel(legs.operator_channel)

    @staticmethod
    def _remote(legs: LegsView) -> str:
        remote = legs.remote_channel or legs.remote_uniqueid
        if not remote:
            raise NotSupported("the other party's channel is not known (yet)")
        return check_channel(remote)

    def _first_endpoint(self) -> str:
        if not self._config.endpoints:
            raise NotSupported("no operator endpoint is configured")
        return check_endpoint(self._config.endpoints[0])

    def _operator_endpoint(self, legs: LegsView) -> str:
        """The endpoint whose phone carries this call (or the first configured one)."""
        own = st.endpoint_of(legs.operator_channel) if legs.operator_channel else ""
        for endpoint in self._config.endpoints:
            if endpoint.lower() == own.lower():
                return check_endpoint(endpoint)
        return self._first_endpoint()

    async def _send(self, action: Action, command: Command) -> Response:
        """Send; Asterisk's "Response: Error" arrives as ActionFailed (the connection raises it),
        a refusal for want of permission as PermissionDenied, remembered by the policy."""
        log.debug("%s: sending %s", command.value, action.name)
        try:
            return await self._sender.send(action)
        except ActionFailed as exc:
            denied = self._permission(exc, command)
            if denied is exc:
                raise
            raise denied from exc
        except LocalProtocolError as exc:  # validation above should make this unreachable
            raise InvalidInput(str(exc)) from exc

    async def _send_list(self, action: Action, command: Command) -> EventList:
        try:
            return await self._sender.send_list(action)
        except ActionFailed as exc:
            denied = self._permission(exc, command)
            if denied is exc:
                raise
            raise denied from exc

    def _permission(self, exc: ActionFailed, command: Command) -> ActionFailed:
        """A refusal for want of permission is learnt (the button goes grey with the reason)."""
        if not isinstance(exc, PermissionDenied) and not _is_permission_message(exc.message):
            return exc
        self._policy.permissions.learn_denied(command, exc.message)
        if isinstance(exc, PermissionDenied):
            return exc
        return PermissionDenied(exc.action, exc.message, exc.response)

    async def _send_ignoring_gone(self, action: Action, command: Command) -> None:
        """Clean-up of a leg that may already have hung up: "No such channel" is fine."""
        try:
            await self._send(action, command)
        except PermissionDenied:
            raise
        except ActionFailed as exc:
            log.debug("%s %s: %s (ignored)", command.value, action.name, exc.message)
