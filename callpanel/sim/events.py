"""Event and response builders with the exact header order of the real recordings.

Broadcast events carry ``Privilege: <class>,all``; list items carry the ActionID instead and
bypass read permissions (docs/AMI.md §2.4). Everything here is pure: headers in, headers out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .config import Dialect
from .state import CAUSE_TEXT, Bridge, Channel

Headers = tuple[tuple[str, str], ...]
UNKNOWN = "<unknown>"


@dataclass(frozen=True)
class SimEvent:
    """A broadcast event; delivered to sessions whose read and event masks include ``klass``."""

    name: str
    klass: str
    headers: Headers

    def get(self, key: str) -> str | None:
        for name, value in self.headers:
            if name.lower() == key.lower():
                return value
        return None

    def lines(self) -> list[tuple[str, str]]:
        return [("Event", self.name), ("Privilege", f"{self.klass},all"), *self.headers]


def render(pairs: list[tuple[str, str]] | Headers, eol: str) -> bytes:
    return ("".join(f"{k}: {v}{eol}" for k, v in pairs) + eol).encode("utf-8")


def _escape(text: str) -> str:
    """``ast_escape_c``: names are C-escaped on the wire since 13.5 (docs/AMI.md §2.3)."""
    out = text.replace("\\", "\\\\").replace("'", "\\'").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def channel_block(ch: Channel, prefix: str = "") -> list[tuple[str, str]]:
    p = prefix
    return [
        (f"{p}Channel", ch.name),
        (f"{p}ChannelState", str(ch.state)),
        (f"{p}ChannelStateDesc", ch.state_desc),
        (f"{p}CallerIDNum", ch.cid_num or UNKNOWN),
        (f"{p}CallerIDName", _escape(ch.cid_name) or UNKNOWN),
        (f"{p}ConnectedLineNum", ch.con_num or UNKNOWN),
        (f"{p}ConnectedLineName", _escape(ch.con_name) or UNKNOWN),
        (f"{p}Language", "en"),
        (f"{p}AccountCode", ""),
        (f"{p}Context", ch.context),
        (f"{p}Exten", ch.exten),
        (f"{p}Priority", str(ch.priority)),
        (f"{p}Uniqueid", ch.uniqueid),
        (f"{p}Linkedid", ch.linkedid),
    ]


def bridge_block(br: Bridge, prefix: str = "") -> list[tuple[str, str]]:
    p = prefix
    return [
        (f"{p}BridgeUniqueid", br.uniqueid),
        (f"{p}BridgeType", br.bridge_type),
        (f"{p}BridgeTechnology", br.technology),
        (f"{p}BridgeCreator", UNKNOWN),
        (f"{p}BridgeName", UNKNOWN),
        (f"{p}BridgeNumChannels", str(len(br.channels))),
        (f"{p}BridgeVideoSourceMode", "none"),
    ]


def call_event(name: str, ch: Channel, *extra: tuple[str, str]) -> SimEvent:
    return SimEvent(name, "call", (*channel_block(ch), *extra))


def queue_event(name: str, ch: Channel, queue: str, *extra: tuple[str, str]) -> SimEvent:
    """QueueCallerJoin/Leave/Abandon: class agent, like every app_queue event."""
    return SimEvent(name, "agent", (*channel_block(ch), ("Queue", queue), *extra))


def dial_event(
    name: str, caller: Channel | None, dest: Channel, *extra: tuple[str, str]
) -> SimEvent:
    """DialBegin/DialState/DialEnd; an Originate's own dial has no caller block."""
    head = channel_block(caller) if caller is not None else []
    return SimEvent(name, "call", (*head, *channel_block(dest, "Dest"), *extra))


def hangup(ch: Channel, cause: int, dialect: Dialect | None = None) -> SimEvent:
    extra = [("Cause", str(cause)), ("Cause-txt", CAUSE_TEXT.get(cause, "Unknown"))]
    if dialect is not None and dialect.tech_cause and ch.tech_cause and ch.tech == "PJSIP":
        extra.append(("TechCause", str(ch.tech_cause)))  # 20.17+/22.7+: off-nominal endings
    return call_event("Hangup", ch, *extra)


def hangup_request(ch: Channel, cause: int | None, *, soft: bool = False) -> SimEvent:
    extra = (("Cause", str(cause)),) if cause is not None else ()
    return call_event("SoftHangupRequest" if soft else "HangupRequest", ch, *extra)


def bridge_event(name: str, br: Bridge, ch: Channel | None = None) -> SimEvent:
    tail = channel_block(ch) if ch is not None else []
    return SimEvent(name, "call", (*bridge_block(br), *tail))


def newexten(dialect: Dialect, ch: Channel, app: str, data: str) -> SimEvent:
    return SimEvent(
        "Newexten",
        dialect.newexten_class,
        (*channel_block(ch), ("Extension", ch.exten), ("Application", app), ("AppData", data)),
    )


def dtmf_end(ch: Channel, digit: str, direction: str = "Received") -> SimEvent:
    return SimEvent(
        "DTMFEnd",
        "dtmf",
        (*channel_block(ch), ("Digit", digit), ("DurationMs", "0"), ("Direction", direction)),
    )


def dtmf_begin(ch: Channel, digit: str, direction: str) -> SimEvent:
    return SimEvent(
        "DTMFBegin", "dtmf", (*channel_block(ch), ("Digit", digit), ("Direction", direction))
    )


def device_state(device: str, state: str) -> SimEvent:
    return SimEvent("DeviceStateChange", "call", (("Device", device), ("State", state)))


EXTENSION_STATUS = {"NOT_INUSE": (0, "Idle"), "INUSE": (1, "InUse"), "BUSY": (2, "Busy"),
                    "RINGING": (8, "Ringing"), "RINGINUSE": (9, "InUse&Ringing"),
                    "ONHOLD": (16, "Hold"), "UNAVAILABLE": (4, "Unavailable")}  # fmt: skip


def extension_status(exten: str, hint: str, device_state_name: str) -> SimEvent:
    status, text = EXTENSION_STATUS.get(device_state_name, (0, "Idle"))
    return SimEvent(
        "ExtensionStatus",
        "call",
        (
            ("Exten", exten),
            ("Context", "internal"),
            ("Hint", hint),
            ("Status", str(status)),
            ("StatusText", text),
        ),
    )


def fully_booted(dialect: Dialect, uptime: int) -> SimEvent:
    extra = (
        (("Uptime", str(uptime)), ("LastReload", str(uptime)))
        if dialect.fully_booted_uptime
        else ()
    )
    return SimEvent("FullyBooted", "system", (*extra, ("Status", "Fully Booted")))


def successful_auth(user: str, session_id: str, local: str, remote: str) -> SimEvent:
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime())
    return SimEvent(
        "SuccessfulAuth",
        "security",
        (
            ("EventTV", now),
            ("Severity", "Informational"),
            ("Service", "AMI"),
            ("EventVersion", "1"),
            ("AccountID", user),
            ("SessionID", session_id),
            ("LocalAddress", local),
            ("RemoteAddress", remote),
            ("UsingPassword", "0"),
            ("SessionTV", now),
        ),
    )


def shutdown(restart: bool) -> SimEvent:
    return SimEvent(
        "Shutdown", "system", (("Shutdown", "Cleanly"), ("Restart", "True" if restart else "False"))
    )


def originate_response(
    action_id: str | None,
    ok: bool,
    channel: str,
    context: str,
    exten: str,
    reason: int,
    uniqueid: str,
    cid_num: str,
    cid_name: str,
) -> SimEvent:
    head = (("ActionID", action_id),) if action_id else ()
    return SimEvent(
        "OriginateResponse",
        "call",
        (
            *head,
            ("Response", "Success" if ok else "Failure"),
            ("Channel", channel),
            ("Context", context),
            ("Exten", exten),
            ("Reason", str(reason)),
            ("Uniqueid", uniqueid),
            ("CallerIDNum", cid_num or UNKNOWN),
            ("CallerIDName", cid_name or UNKNOWN),
        ),
    )


def queue_member_status(dialect: Dialect, interface: str, member: str, status: int) -> SimEvent:
    pairs: list[tuple[str, str]] = [
        ("Queue", "support"),
        ("MemberName", member),
        ("Interface", interface),
        ("StateInterface", interface),
        ("Membership", "static"),
        ("Penalty", "0"),
        ("CallsTaken", "0"),
        ("LastCall", "0"),
    ]
    if dialect.queue_member_extra:
        pairs += [("LastPause", "0"), ("LoginTime", str(int(time.time())))]
    pairs += [
        ("InCall", "0"),
        ("Status", str(status)),
        ("Paused", "0"),
        ("PausedReason", ""),
        ("Ringinuse", "0"),
    ]
    if dialect.queue_member_extra:
        pairs.append(("Wrapuptime", "0"))
    return SimEvent("QueueMemberStatus", "agent", tuple(pairs))


# -- list items (no Privilege; ActionID first) ------------------------------------------------


def core_show_channel(ch: Channel, action_id: str | None) -> list[tuple[str, str]]:
    secs = ch.duration()
    return [
        ("Event", "CoreShowChannel"),
        *_aid(action_id),
        *channel_block(ch),
        ("Application", ch.application),
        ("ApplicationData", ch.app_data),
        ("Duration", f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"),
        ("BridgeId", ch.bridge.uniqueid if ch.bridge else ""),
    ]


def status_item(dialect: Dialect, ch: Channel, action_id: str | None) -> list[tuple[str, str]]:
    block = channel_block(ch)
    if dialect.status_old_block:  # 13: hand-made block, "Accountcode", no Language
        block = [(k, v) for k, v in block if k != "Language"]
        block = [("Accountcode", v) if k == "AccountCode" else (k, v) for k, v in block]
    return [
        ("Event", "Status"),
        ("Privilege", "Call"),
        *block,
        ("Type", ch.tech),
        ("DNID", ch.dnid),
        ("EffectiveConnectedLineNum", ch.con_num or UNKNOWN),
        ("EffectiveConnectedLineName", ch.con_name or UNKNOWN),
        ("TimeToHangup", "0"),
        ("BridgeID", ch.bridge.uniqueid if ch.bridge else ""),
        ("Application", ch.application),
        ("Data", ch.app_data),
        ("Nativeformats", "(ulaw)"),
        ("Readformat", "ulaw"),
        ("Readtrans", ""),
        ("Writeformat", "ulaw"),
        ("Writetrans", ""),
        ("Callgroup", "0"),
        ("Pickupgroup", "0"),
        ("Seconds", str(ch.duration())),
        *_aid(action_id),
    ]


def bridge_list_item(br: Bridge, action_id: str | None) -> list[tuple[str, str]]:
    return [("Event", "BridgeListItem"), *_aid(action_id), *bridge_block(br)]


def list_complete(
    name: str, action_id: str | None, count: int, *extra: tuple[str, str]
) -> list[tuple[str, str]]:
    return [
        ("Event", name),
        *_aid(action_id),
        ("EventList", "Complete"),
        ("ListItems", str(count)),
        *extra,
    ]


def _aid(action_id: str | None) -> list[tuple[str, str]]:
    return [("ActionID", action_id)] if action_id else []


def response(
    status: str, action_id: str | None, message: str | None = None, *extra: tuple[str, str]
) -> list[tuple[str, str]]:
    """``Response:``, ``ActionID:``, then ``Message:`` (docs/AMI.md §2.4), then action extras."""
    pairs = [("Response", status), *_aid(action_id)]
    if message is not None:
        pairs.append(("Message", message))
    pairs.extend(extra)
    return pairs


def list_ack(action_id: str | None, message: str) -> list[tuple[str, str]]:
    return [("Response", "Success"), *_aid(action_id), ("EventList", "start"), ("Message", message)]
