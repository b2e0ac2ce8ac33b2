"""Pure building blocks of the client: version gates, capabilities and the AMI actions themselves.

Nothing here does I/O, so every action the panel can send is testable header by header. Every
builder takes values that :mod:`callpanel.asterisk.validate` has already checked; the builders
check again what they derive themselves (endpoint from a channel name, peer name, …).

Version facts: docs/AMI.md (which Asterisk release has which action). A ``None`` version means
"not known yet": the feature is assumed present and Asterisk's own error will tell otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..ami import Action
from ..calls.policy import Command, Denial, Reason
from .config import AnswerStrategy, ClientConfig, HoldStrategy
from .errors import InvalidInput, NotSupported
from .validate import check_channel, check_endpoint, check_peer, check_token

Version = tuple[int, ...] | None

# First release of each branch that has a feature; a branch missing from the table and older
# than ``from_major`` does not have it.
_CANCEL_ATXFER = ({13: (13, 18), 14: (14, 7), 15: (15, 1)}, 16)  # doc <since>, CHANGES 13.18
_PJSIP_NOTIFY_CHANNEL = ({13: (13, 21), 15: (15, 4)}, 16)  # commit 6a4afe09ce (15.4: inferred)
_SIP_NOTIFY_CALL_ID = ({13: (13, 20), 15: (15, 3)}, 16)  # commit c0a4a939cc (15.3: inferred)
_CHAN_SIP_REMOVED = 21  # no channels/chan_sip.c at 21.0.0 (docs/AMI.md §1)


def _since(version: Version, table: tuple[dict[int, tuple[int, int]], int]) -> bool:
    if not version:
        return True
    per_branch, from_major = table
    major = version[0]
    if major >= from_major:
        return True
    first = per_branch.get(major)
    if first is None:
        return False
    if len(version) < 2:  # only the AMI major is known: the minor release may have it
        return True
    return tuple(version[:2]) >= first


def has_cancel_atxfer(version: Version) -> bool:
    return _since(version, _CANCEL_ATXFER)


def has_pjsip_channel_notify(version: Version) -> bool:
    return _since(version, _PJSIP_NOTIFY_CHANNEL)


def has_sip_notify(version: Version) -> bool:
    """chan_sip's SIPnotify with ``Call-ID`` (in-dialog): 13.20+, gone from 21 on."""
    if version and version[0] >= _CHAN_SIP_REMOVED:
        return False
    return _since(version, _SIP_NOTIFY_CALL_ID)


def format_version(version: Version) -> str:
    return ".".join(str(part) for part in version) if version else "unknown"


# --------------------------------------------------------------------------- names


def tech_of(name: str) -> str:
    """``SIP/101-00000001`` → ``SIP`` (upper-cased)."""
    return name.split("/", 1)[0].upper()


def endpoint_of(channel: str) -> str:
    """The endpoint a channel belongs to: ``SIP/101-0000000a`` → ``SIP/101``.

    Asterisk names channels ``<tech>/<resource>-<8 hex digits>``; Local channels add ``;1``/``;2``.
    """
    base = channel.split(";", 1)[0]
    head, sep, tail = base.rpartition("-")
    if sep and len(tail) == 8 and all(c in "0123456789abcdefABCDEF" for c in tail):
        base = head
    return base


def sip_peer_of(channel: str) -> str:
    """SIPnotify wants the peer name: ``SIP/101-00000001`` → ``101``."""
    endpoint = endpoint_of(channel)
    if tech_of(endpoint) != "SIP":
        raise NotSupported(f"{channel} is not a chan_sip channel")
    return check_peer(endpoint.split("/", 1)[1])


def autoanswer_channel(endpoint: str, context: str) -> str:
    """The channel that rings the operator's phone with auto-answer headers.

    ``SIP/101`` → ``Local/101@panel-aa``; the admin's ``[panel-aa]`` dials the phone with the
    vendor's auto-answer header (packaging/asterisk/extensions.conf). A ``Local/`` endpoint is
    used as it is: it already names its own dialplan.
    """
    check_endpoint(endpoint)
    tech, resource = endpoint.split("/", 1)
    if tech.upper() == "LOCAL":
        return endpoint
    if "@" in resource:
        raise NotSupported(
            f"cannot build an auto-answer call for {endpoint}: use a plain endpoint such as SIP/101"
        )
    return f"Local/{resource}@{context}"


# --------------------------------------------------------------------------- limits

# What the configured strategies and the server's version make impossible, as typed reasons
# (``calls.policy``): the client's CallPolicy combines them with permissions and call state.


def _needs(command: Command, feature: str, needs: str, version: Version) -> Denial:
    server = format_version(version)
    args = (("feature", feature), ("needs", needs), ("server", server))
    return Denial(command, Reason.NEEDS_VERSION, args)


def notify_denial(command: Command, tech: str, version: Version) -> Denial | None:
    """Why a NOTIFY (answer/hold on the handset) cannot reach a phone of ``tech``, or None."""
    tech = tech.upper()
    if tech == "PJSIP":
        if not has_pjsip_channel_notify(version):
            return _needs(command, "PJSIPNotify with Channel (in-dialog NOTIFY)", "13.21", version)
        return None
    if tech == "SIP":
        if version and version[0] >= _CHAN_SIP_REMOVED:
            return Denial(command, Reason.NO_CHAN_SIP, (("server", format_version(version)),))
        if not has_sip_notify(version):
            return _needs(command, "SIPnotify with Call-ID", "13.20", version)
        return None
    return Denial(command, Reason.CANNOT_NOTIFY, (("tech", tech),))


def _notify_denial(command: Command, endpoints: Sequence[str], version: Version) -> Denial | None:
    """None when at least one configured endpoint can get a NOTIFY, else the first reason."""
    denials = [notify_denial(command, tech_of(ep), version) for ep in endpoints]
    if any(denial is None for denial in denials):
        return None
    return denials[0] if denials else Denial(command, Reason.NO_ENDPOINT)


def unavailable_commands(config: ClientConfig, version: Version) -> dict[Command, Denial]:
    """Commands that cannot work with this configuration and server, with the reason."""
    if not config.endpoints:
        return {command: Denial(command, Reason.NO_ENDPOINT) for command in Command}
    out: dict[Command, Denial] = {}
    if config.answer_strategy is AnswerStrategy.NONE:
        out[Command.ANSWER] = Denial(Command.ANSWER, Reason.NO_ANSWER_STRATEGY)
    elif config.answer_strategy is AnswerStrategy.PHONE_NOTIFY:
        problem = _notify_denial(Command.ANSWER, config.endpoints, version)
        if problem is not None:
            out[Command.ANSWER] = problem
    for command in (Command.HOLD, Command.UNHOLD):
        if config.hold_strategy is HoldStrategy.NONE:
            out[command] = Denial(command, Reason.NO_HOLD_STRATEGY)
        elif config.hold_strategy is HoldStrategy.PHONE_NOTIFY:
            problem = _notify_denial(command, config.endpoints, version)
            if problem is not None:
                out[command] = problem
    if not has_cancel_atxfer(version):
        out[Command.CANCEL_ATXFER] = _needs(Command.CANCEL_ATXFER, "CancelAtxfer", "13.18", version)
    return out


# --------------------------------------------------------------------------- actions


def originate_dial(
    *,
    endpoint: str,
    context: str,
    number: str,
    shown_name: str,
    outbound_caller_id: tuple[str, str] | None,
    channel_id: str,
    timeout_ms: int,
) -> Action:
    """Click-to-call: ring the operator's phone; once answered it dials ``number@context``.

    The callee's number is shown on the operator's phone through the connected line only
    (``CONNECTEDLINE(...,i)``: the phone's INVITE carries it, nothing else is told). The
    Originate has no ``CallerID``: that would become the operator channel's caller ID, which
    ``Dial()`` hands to the outgoing leg, and the customer would see their own number. So the
    operator's channel keeps the caller ID the PBX gives this phone's own calls, or
    ``outbound_caller_id`` (name, number) when the panel is configured with one.
    """
    variables = [f"CONNECTEDLINE(num,i)={number}", f"CONNECTEDLINE(name,i)={shown_name or number}"]
    if outbound_caller_id is not None:
        name, num = outbound_caller_id
        if num:
            variables.append(f"CALLERID(num)={num}")
        if name:
            variables.append(f"CALLERID(name)={name}")
    return Action.create(
        "Originate",
        {
            "Channel": endpoint,
            "Context": context,
            "Exten": number,
            "Priority": "1",
            "Variable": variables,
            "Timeout": str(timeout_ms),
            "ChannelId": channel_id,
            "Async": "true",  # never the synchronous form: it blocks the whole AMI session
        },
    )


def originate_application(
    *,
    channel: str,
    application: str,
    data: str,
    caller_id: str | None,
    channel_id: str,
    timeout_ms: int,
) -> Action:
    """An operator leg running ``application(data)`` once the phone answers (Bridge, ParkedCall)."""
    return Action.create(
        "Originate",
        {
            "Channel": channel,
            "Application": application,
            "Data": data,
            "CallerID": caller_id,
            "Timeout": str(timeout_ms),
            "ChannelId": channel_id,
            "Async": "true",
        },
    )


def pjsip_notify(channel: str, event: str) -> Action:
    """In-dialog NOTIFY to the phone behind a PJSIP channel (13.21+)."""
    return Action.create(
        "PJSIPNotify", {"Channel": check_channel(channel), "Variable": [f"Event={event}"]}
    )


def sip_notify(peer: str, sip_call_id: str, event: str) -> Action:
    """chan_sip: ``Channel`` is the peer name; ``Call-ID`` makes it in-dialog (13.20+)."""
    return Action.create(
        "SIPnotify",
        {
            "Channel": check_peer(peer),
            "Call-ID": check_token(sip_call_id, "SIP Call-ID"),
            "Variable": [f"Event={event}"],
        },
    )


def getvar(channel: str, variable: str) -> Action:
    return Action.create("Getvar", {"Channel": check_channel(channel), "Variable": variable})


def hold_redirect(*, remote: str, operator: str, hold_context: str, park_context: str) -> Action:
    """pbx-moh: one dual Redirect so neither leg is torn down while the other moves."""
    return Action.create(
        "Redirect",
        {
            "Channel": check_channel(remote),
            "Context": hold_context,
            "Exten": "s",
            "Priority": "1",
            "ExtraChannel": check_channel(operator),
            "ExtraContext": park_context,
            "ExtraExten": "s",
            "ExtraPriority": "1",
        },
    )


def redirect(channel: str, context: str, exten: str) -> Action:
    return Action.create(
        "Redirect",
        {"Channel": check_channel(channel), "Context": context, "Exten": exten, "Priority": "1"},
    )


def bridge(channel1: str, channel2: str) -> Action:
    """Bridge (action and application) looks channels up by *prefix*, names first, then
    Uniqueids: ``1795755558.1`` would also match ``1795755558.12``. Full channel names end in a
    fixed-width ``-%08x`` counter, so they are unambiguous; pass those."""
    return Action.create(
        "Bridge",
        {"Channel1": check_channel(channel1), "Channel2": check_channel(channel2), "Tone": "no"},
    )


def park(channel: str, timeout_channel: str) -> Action:
    """Park the remote party; TimeoutChannel = the operator's leg (parks through its bridge)."""
    return Action.create(
        "Park",
        {"Channel": check_channel(channel), "TimeoutChannel": check_channel(timeout_channel)},
    )


def parked_calls() -> Action:
    return Action.create("ParkedCalls")


CAUSE_BUSY = 17  # Q.850 user busy: Dial() reports BUSY, a queue moves on to the next member


def hangup(channel: str, cause: int | None = None) -> Action:
    return Action.create(
        "Hangup",
        {"Channel": check_channel(channel), "Cause": None if cause is None else str(cause)},
    )


def blind_transfer(channel: str, exten: str, context: str) -> Action:
    return Action.create(
        "BlindTransfer", {"Channel": check_channel(channel), "Exten": exten, "Context": context}
    )


def atxfer(channel: str, exten: str, context: str) -> Action:
    return Action.create(
        "Atxfer", {"Channel": check_channel(channel), "Exten": exten, "Context": context}
    )


def cancel_atxfer(channel: str) -> Action:
    return Action.create("CancelAtxfer", {"Channel": check_channel(channel)})


def play_dtmf(channel: str, digit: str, *, receive: bool = False) -> Action:
    """One digit. PlayDTMF *sends* the digit out of ``channel`` to its device; with
    ``Receive: true`` it acts as if the device had sent it (so it crosses the bridge)."""
    if len(digit) != 1:
        raise InvalidInput("PlayDTMF sends one digit per action")
    fields = {"Channel": check_channel(channel), "Digit": digit}
    if receive:
        fields["Receive"] = "true"
    return Action.create("PlayDTMF", fields)
