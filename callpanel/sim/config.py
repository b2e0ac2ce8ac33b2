"""Simulator configuration: the Asterisk dialect to imitate, users, phones and timings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..ami import LineEnding


@dataclass(frozen=True)
class Dialect:
    """What differs on the wire between the Asterisk versions we imitate (see captures README)."""

    name: str
    version: str  # CoreSettings AsteriskVersion
    ami_version: str  # banner and CoreSettings AMIversion

    @property
    def major(self) -> int:
        return int(self.version.split(".", 1)[0])

    @property
    def banner(self) -> str:
        return f"Asterisk Call Manager/{self.ami_version}"

    @property
    def dial_state(self) -> bool:  # DialState (RINGING) is new in 14
        return self.major >= 14

    @property
    def fully_booted_uptime(self) -> bool:  # FullyBooted Uptime/LastReload since 14
        return self.major >= 14

    @property
    def command_follows(self) -> bool:  # 13: Response: Follows ... --END COMMAND--
        return self.major < 14

    @property
    def status_old_block(self) -> bool:  # 13's Status event: Accountcode, no Language
        return self.major < 14

    @property
    def queue_member_extra(self) -> bool:  # QueueMemberStatus LastPause/LoginTime/Wrapuptime
        return self.major >= 16

    @property
    def transfer_target_block(self) -> bool:  # AttendedTransfer TransferTarget* block: 18+
        return self.major >= 18

    @property
    def newexten_class(self) -> str:  # Newexten moved from "call" to "dialplan" in 16
        return "call" if self.major < 16 else "dialplan"

    @property
    def tech_cause(self) -> bool:  # Hangup TechCause (SIP code) since 20.17 / 22.7
        return self.major >= 20

    @property
    def has_chan_sip(self) -> bool:  # chan_sip (and SIPnotify) is gone in 21
        return self.major < 21

    @property
    def sounds_search_dir(self) -> bool:
        return self.major >= 18

    @property
    def build_line(self) -> str:
        return (
            f"Asterisk {self.version} built by root @ vm on a x86_64 running Linux "
            "on 2026-11-27 04:41:57 UTC"
        )


DIALECTS: dict[str, Dialect] = {
    "13": Dialect("13", "13.38.3", "2.10.6"),
    "16": Dialect("16", "16.30.1", "5.0.5"),
    "18": Dialect("18", "18.26.4", "7.0.3"),
    "20": Dialect("20", "20.20.1", "9.0.0"),
    "22": Dialect("22", "22.10.1", "11.0.0"),
}


def get_dialect(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown dialect {name!r}: use one of {', '.join(DIALECTS)}") from None


# manager.conf event/permission classes (docs/AMI.md §3)
CLASSES = (
    "system", "call", "log", "verbose", "command", "agent", "user", "config", "dtmf",
    "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test", "security",
    "message",
)  # fmt: skip


def parse_classes(text: str) -> frozenset[str]:
    """``read=``/``Events:`` class list; like Asterisk: exact lowercase names, no trimming."""
    value = text.strip()
    if value.lower() in ("on", "yes", "true", "all"):
        return frozenset(CLASSES)
    if value.lower() in ("off", "no", "false", "none", ""):
        return frozenset()
    if value.isdigit():  # a raw bitmask, in perms[] order
        mask = int(value)
        return frozenset(c for i, c in enumerate(CLASSES) if mask & (1 << i))
    names = value.split(",")
    if "all" in names:
        return frozenset(CLASSES)
    return frozenset(n for n in names if n in CLASSES)


@dataclass(frozen=True)
class SimUser:
    username: str
    secret: str = field(repr=False)
    read: frozenset[str] = frozenset(CLASSES)
    write: frozenset[str] = frozenset(CLASSES)


class PhoneAnswer(enum.Enum):
    """What a simulated phone does when it rings."""

    MANUAL = "manual"  # waits for phone().answer()/reject() or NOTIFY Event: talk
    ANSWER = "answer"  # the person picks up after answer_delay
    BUSY = "busy"  # rejects with 486 after answer_delay


class RemoteBehaviour(enum.Enum):
    """What an external number dialled through the trunk does."""

    ANSWER = "answer"
    BUSY = "busy"
    NOANSWER = "noanswer"
    CONGESTION = "congestion"


DEFAULT_USERS: tuple[SimUser, ...] = (
    SimUser("callpanel", "callpanel-secret"),
    SimUser(
        "callpanel_limited",
        "callpanel-limited-secret",
        read=frozenset({"call", "agent"}),
        write=frozenset({"originate"}),
    ),
)


@dataclass(frozen=True)
class SimConfig:
    dialect: str = "18"
    line_ending: LineEnding = LineEnding.CRLF
    username: str = "callpanel"
    secret: str = field(default="callpanel-secret", repr=False)
    pjsip: bool = False  # PJSIP/101 instead of SIP/101 (always on for dialect 22)
    time_scale: float = 1.0  # every delay is multiplied by this; tests use ~0.01
    phone_notify: bool = True  # phones honour NOTIFY Event: talk/hold
    auto_answer_header: bool = True  # phones auto-answer calls from the panel-aa context
    originate_answer_delay: float | None = 1.0  # operator picks up a click-to-call ring
    remote_answer_delay: float = 2.0  # external party answers an outgoing call
    colleague_answer_delay: float | None = 2.0  # SIP/102 picks up (None: manual)
    auth_fail_delay: float = 1.0
    auth_timeout: float = 30.0  # manager.conf authtimeout (real seconds, not time-scaled)
    restart_delay: float = 1.0
    dial_timeout: float = 30.0
    extra_users: tuple[SimUser, ...] = ()

    @property
    def dialect_info(self) -> Dialect:
        return get_dialect(self.dialect)

    @property
    def tech(self) -> str:
        return "PJSIP" if (self.pjsip or not self.dialect_info.has_chan_sip) else "SIP"

    def users(self) -> dict[str, SimUser]:
        """Users by lower-cased name (Asterisk matches user names case-insensitively)."""
        table = {u.username.lower(): u for u in DEFAULT_USERS}
        table[self.username.lower()] = SimUser(self.username, self.secret)
        for user in self.extra_users:
            table[user.username.lower()] = user
        return table

    def delay(self, seconds: float) -> float:
        return max(0.0, seconds * self.time_scale)
