"""The operator's call-centre commands turned into AMI actions: ``CentreClient``.

Like :class:`~.client.AsteriskClient` it never assumes the result: a pause shows once Asterisk
reports ``QueueMemberPause``. Every command is asked first whether it can run now (the one
policy, :func:`callpanel.centre.centre_denial`); every value is validated before anything is sent.

* log in / out: ``QueueAdd`` / ``QueueRemove`` with the operator's interface (write ``agent``).
* pause / unpause: ``QueuePause`` (``Queue`` omitted = every queue, ``Reason``; ``agent``).
* DND: the custom device state ``Custom:DND<ext>`` set with ``Setvar DEVICE_STATE(…)`` (write
  ``call``), which the admin's dialplan checks before ringing the phone, plus a pause in every
  queue with the reason ``DND`` (docs/CALL-CENTRE.md, packaging/asterisk/extensions.conf).
* pickup: ``Originate`` of the operator's phone into ``PickupChan(<colleague's phones>)``
  (write ``originate``), which takes whichever of those channels is ringing, on 13 to 22.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from ..ami import Action, LocalProtocolError, Response
from ..calls.policy import Command, Denial, Permissions, Reason
from ..centre import CentreState, centre_denial
from .centre import AsteriskCentre
from .client_views import AdapterView, Sender
from .config import ClientConfig
from .errors import (
    ActionFailed,
    InvalidInput,
    NotSupported,
    PermissionDenied,
    QueueAnswer,
    QueueRefused,
)
from .presence import pickup_devices
from .strategies import autoanswer_channel
from .validate import (
    check_caller_id,
    check_context,
    check_endpoint,
    check_extension,
    check_pause_reason,
    check_queue_interface,
    check_queue_name,
    check_timeout_ms,
)

log = logging.getLogger(__name__)

CHANNEL_ID_PREFIX = "callpanel-"


class CentreRefused(NotSupported):
    """The policy said no before anything was sent; ``denial`` says why (typed)."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.english(), denial)


class CentreClient:
    def __init__(
        self,
        sender: Sender,
        centre: AsteriskCentre,
        adapter: AdapterView,
        config: ClientConfig,
        *,
        connected: Callable[[], bool] = lambda: True,
        pickup_autoanswer: bool = False,
        colleagues: CentreState | None = None,
    ) -> None:
        self._sender = sender
        self._centre = centre
        self._adapter = adapter
        self._config = config
        self._connected = connected
        self._pickup_autoanswer = pickup_autoanswer
        # Where colleagues are looked up: the centre's own state on a panel; in the hub, the
        # building's presence that every operator shares.
        self._colleagues = colleagues
        self.permissions: Permissions[Command] = Permissions()  # learnt, forgotten on login

    @property
    def centre(self) -> AsteriskCentre:
        return self._centre

    def denial(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> Denial | None:
        """Why ``command`` cannot run now (None: it can). The UI greys its control with it."""
        devices = None
        state = self._centre.state
        if command is Command.PICKUP and extension is not None:
            state = self.colleague_state
            if extension == self._centre.config.extension:  # one's own phone is no colleague
                return Denial(command, Reason.UNKNOWN_COLLEAGUE, (("extension", extension),))
            colleague = state.colleague(extension)
            devices = pickup_devices(colleague) if colleague is not None else ()
        return centre_denial(
            command,
            state,
            queue=queue,
            extension=extension,
            connected=self._connected(),
            denied=self.permissions.denied(),
            pickup_devices=devices,
        )

    @property
    def colleague_state(self) -> CentreState:
        return self._colleagues if self._colleagues is not None else self._centre.state

    def forget_denials(self) -> None:
        """After a reconnect: the admin may have widened the AMI user's rights."""
        self.permissions.forget()

    # ------------------------------------------------------------------ queues

    async def login(self, queue: str) -> None:
        queue = check_queue_name(queue)
        self._check(Command.QUEUE_LOGIN, queue=queue)
        cfg = self._centre.config
        interface = check_queue_interface(cfg.queue_interface)
        fields = {"Queue": queue, "Interface": interface}
        name = cfg.member_name.strip()
        if name:
            fields["MemberName"] = check_caller_id(name)
        state_interface = cfg.state_interface or (
            cfg.endpoints[0] if interface.lower().startswith("local/") and cfg.endpoints else ""
        )
        if state_interface:
            fields["StateInterface"] = check_endpoint(state_interface)
        status = self._centre.state.agent_status
        if status.reason or self._centre.state.dnd:  # joining while paused/DND: stay paused
            fields["Paused"] = "true"
            fields["Reason"] = check_pause_reason(status.reason or cfg.dnd_reason)
        await self._send(Action.create("QueueAdd", fields), Command.QUEUE_LOGIN)

    async def logout(self, queue: str) -> None:
        queue = check_queue_name(queue)
        self._check(Command.QUEUE_LOGOUT, queue=queue)
        member = self._centre.state.membership(queue)
        assert member is not None  # the policy refused otherwise
        action = Action.create("QueueRemove", {"Queue": queue, "Interface": member.interface})
        await self._send(action, Command.QUEUE_LOGOUT)

    async def pause(self, queue: str | None, reason: str = "") -> None:
        """Pause in ``queue`` (None: every queue the operator is in) with ``reason``."""
        reason = check_pause_reason(reason)
        await self._pause(queue, True, reason, Command.PAUSE)

    async def unpause(self, queue: str | None) -> None:
        await self._pause(queue, False, "", Command.UNPAUSE)

    async def _pause(
        self, queue: str | None, paused: bool, reason: str, command: Command
    ) -> None:
        if queue is not None:
            queue = check_queue_name(queue)
        self._check(command, queue=queue)
        state = self._centre.state
        targets = [state.membership(queue)] if queue is not None else list(state.memberships)
        # One QueuePause per interface: without Queue it acts on every queue that interface
        # is in; a Local member and a SIP member of the same operator are two interfaces.
        interfaces = sorted({m.interface for m in targets if m is not None})
        for interface in interfaces:
            fields = {"Interface": interface, "Paused": "true" if paused else "false"}
            if queue is not None:
                fields["Queue"] = queue
            if reason:
                fields["Reason"] = reason
            await self._send(Action.create("QueuePause", fields), command)

    # ------------------------------------------------------------------ DND

    async def set_dnd(self, on: bool) -> None:
        """Do not disturb: the custom device state the dialplan honours, and a pause."""
        self._check(Command.DND)
        cfg = self._centre.config
        device = cfg.dnd_device
        if not device:
            raise NotSupported("no operator extension is configured for DND")
        check_extension(cfg.extension)
        value = "BUSY" if on else "NOT_INUSE"
        devstate = Action.create("Setvar", {"Variable": f"DEVICE_STATE({device})", "Value": value})
        state = self._centre.state
        reason = check_pause_reason(cfg.dnd_reason)
        if on:  # the phone stops ringing first, then the queues stop offering calls
            await self._send(devstate, Command.DND)
            # Queue by queue: a QueuePause without Queue would overwrite a pause for lunch.
            for member in state.memberships:
                if not member.paused:
                    fields = {"Interface": member.interface, "Queue": member.queue,
                              "Paused": "true", "Reason": reason}  # fmt: skip
                    await self._send(Action.create("QueuePause", fields), Command.PAUSE)
            return
        # Off: only the pauses DND made are lifted (a pause for lunch stays), then the phone.
        for member in state.memberships:
            if member.paused and member.reason == reason:
                fields = {"Interface": member.interface, "Queue": member.queue, "Paused": "false"}
                await self._send(Action.create("QueuePause", fields), Command.UNPAUSE)
        await self._send(devstate, Command.DND)

    # ------------------------------------------------------------------ pickup

    async def pickup(self, extension: str) -> str:
        """Directed pickup of the call ringing at ``extension``; returns the new call's id."""
        extension = check_extension(extension)
        self._check(Command.PICKUP, extension=extension)
        colleague = self.colleague_state.colleague(extension)
        assert colleague is not None
        devices = [check_endpoint(d) for d in pickup_devices(colleague)]
        endpoint = check_endpoint(self._config.endpoints[0]) if self._config.endpoints else ""
        if not endpoint:
            raise NotSupported("no operator endpoint is configured")
        channel = endpoint
        if self._pickup_autoanswer:
            channel = autoanswer_channel(
                endpoint, check_context(self._config.autoanswer_context, "auto-answer context")
            )
        channel_id = CHANNEL_ID_PREFIX + uuid.uuid4().hex
        action = Action.create(
            "Originate",
            {
                "Channel": channel,
                "Application": "PickupChan",
                "Data": "&".join(devices),
                "CallerID": f'"Pickup {extension}" <{extension}>',
                "Timeout": str(check_timeout_ms(self._config.originate_timeout_ms)),
                "ChannelId": channel_id,
                "Async": "true",
            },
        )
        self._adapter.expect_originate(channel_id, extension)
        await self._send(action, Command.PICKUP)
        return channel_id

    # ------------------------------------------------------------------ plumbing

    def _check(
        self, command: Command, *, queue: str | None = None, extension: str | None = None
    ) -> None:
        denial = self.denial(command, queue=queue, extension=extension)
        if denial is not None:
            raise CentreRefused(denial)

    async def _send(self, action: Action, command: Command) -> Response:
        log.debug("%s: sending %s", command.value, action.name)
        try:
            response = await self._sender.send(action)
        except PermissionDenied as exc:
            self.permissions.learn_denied(command, exc.message)
            raise
        except ActionFailed as exc:
            if "permission denied" in exc.message.lower():
                self.permissions.learn_denied(command, exc.message)
                raise PermissionDenied(exc.action, exc.message, exc.response) from exc
            raise _in_words(exc) from exc
        except LocalProtocolError as exc:  # validation above should make this unreachable
            raise InvalidInput(str(exc)) from exc
        return response


# Asterisk's answers (apps/app_queue.c, the same on 13-22), said so an operator understands
# them; the UI says them in the operator's language (ui/centre_words.py).
_ANSWERS = {
    "unable to add interface to queue: no such queue": QueueAnswer.NO_SUCH_QUEUE,
    "unable to remove interface from queue: no such queue": QueueAnswer.NO_SUCH_QUEUE,
    "unable to add interface: already there": QueueAnswer.ALREADY_THERE,
    "unable to remove interface: not there": QueueAnswer.NOT_THERE,
    "member not dynamic": QueueAnswer.NOT_DYNAMIC,
    "interface not found": QueueAnswer.NOT_FOUND,
}
ANSWER_WORDS = {
    QueueAnswer.NO_SUCH_QUEUE: "there is no such queue on the PBX",
    QueueAnswer.ALREADY_THERE: "you are already in this queue",
    QueueAnswer.NOT_THERE: "you are not in this queue",
    QueueAnswer.NOT_DYNAMIC: "you are a static member: only the PBX administrator can change that",
    QueueAnswer.NOT_FOUND: "you are not a member of that queue on the PBX",
}


def _in_words(exc: ActionFailed) -> ActionFailed:
    text = exc.message.strip()
    answer = _ANSWERS.get(text.lower())
    if answer is None:
        return ActionFailed(exc.action, text, exc.response)
    message = f"{ANSWER_WORDS[answer]} ({text})"
    return QueueRefused(exc.action, message, answer, text, exc.response)
