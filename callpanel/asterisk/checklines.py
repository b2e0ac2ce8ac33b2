"""What the AMI set-up check (:mod:`callpanel.asterisk.selfcheck`) found, as data: each line a
topic, a status, a finding and the values it quotes, plus the configuration lines that fix it.
No words here: ``callpanel/ui/check_words.py`` says each finding in the user's language (the
CLI and the settings dialog both print through it). Configuration lines are quoted verbatim
in every language; the words around them are translated.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(enum.Enum):
    OK = "ok"
    MISSING = "missing"  # the panel (or the chosen method) will not work
    WARNING = "warning"  # works, but less well or less safely
    SKIPPED = "skipped"  # could not be checked (and why)


class Topic(enum.Enum):
    """What a line is about; ``CheckLine.subject`` names which phone, context, action …"""

    TLS = "tls"
    CONNECTION = "connection"
    LOGIN = "login"
    READ_SYSTEM = "read-system"
    WRITE_CLASSES = "write-classes"
    ACTION = "action"  # subject: the action
    READ_CALL = "read-call"
    EVENTFILTER = "eventfilter"
    PHONE = "phone"  # subject: the endpoint ("" when no phone could be checked)
    CONTEXT = "context"  # subject: the context ("" when the dialplan could not be read)
    QUEUES = "queues"  # the PBX's queues and the operator's memberships
    QUEUE_ACTIONS = "queue-actions"  # write class agent, by the probe member
    QUEUE_EVENTS = "queue-events"  # read class agent and the eventfilter, by the same probe
    NOTIFY = "notify"  # subject: the notify file (sip_notify.conf / pjsip_notify.conf)
    PARKING = "parking"
    CALLER_ID = "caller-id"  # what the customer sees on click-to-call
    TRANSFER_CALLER_ID = "transfer-caller-id"  # what an outside number sees on a blind transfer


class Feature(enum.Enum):
    """Why the panel needs an action or a context (the words say it)."""

    CLICK_TO_CALL = "click-to-call"
    HANGUP = "hangup"
    TRANSFER_HELD = "transfer-held"
    BLIND_TRANSFER = "blind-transfer"
    ATTENDED_TRANSFER = "attended-transfer"
    CANCEL_TRANSFER = "cancel-transfer"
    DTMF = "dtmf"
    RESYNC_CHANNELS = "resync-channels"
    RESYNC_DETAILS = "resync-details"
    NOTIFY_SIP = "notify-sip"
    NOTIFY_PJSIP = "notify-pjsip"
    MOH_TAKE_BACK = "moh-take-back"
    PARK_HOLD = "park-hold"
    TRANSFER_DIALS = "transfer-dials"
    BRIDGE_AUTOANSWER = "bridge-autoanswer"
    MOH_MUSIC = "moh-music"
    MOH_OPERATOR_WAITS = "moh-operator-waits"
    QUEUE_LOGIN = "queue-login"
    QUEUE_PAUSE = "queue-pause"


class Finding(enum.Enum):
    """One member per thing the check can say; the values it quotes are ``CheckLine.facts``,
    in the order given after each member."""

    TLS_PINNED = "tls-pinned"
    TLS_VERIFIED = "tls-verified"
    TLS_UNVERIFIED = "tls-unverified"
    TLS_LOOPBACK = "tls-loopback"
    TLS_PLAIN_REMOTE = "tls-plain-remote"  # host
    CONNECTION_FAILED = "connection-failed"  # error
    LOGIN_REFUSED = "login-refused"  # error
    LOGIN_MD5 = "login-md5"  # user, version
    LOGIN_PLAIN = "login-plain"  # user, version
    FULLY_BOOTED = "fully-booted"
    NO_FULLY_BOOTED = "no-fully-booted"
    LIST_COMMANDS_FAILED = "list-commands-failed"  # error
    WRITE_OK = "write-ok"
    WRITE_MISSING = "write-missing"  # classes (comma separated); needs: the actions
    ACTION_NO_MODULE = "action-no-module"  # class, module; needs: the action
    ACTION_ABSENT = "action-absent"  # class; needs: the action (this Asterisk has none)
    NO_CHAN_SIP = "no-chan-sip"  # major version; needs: the chan_sip action
    ACTION_DENIED = "action-denied"  # needs: the optional action
    READ_CALL_NEEDS_ORIGINATE = "read-call-needs-originate"
    PROBE_REFUSED = "probe-refused"  # error
    READ_CALL_NONE = "read-call-none"
    READ_CALL_OK = "read-call-ok"  # events
    FILTER_DROPS = "filter-drops"  # events dropped
    FILTER_OK = "filter-ok"  # events seen
    PHONE_NEEDS_GETVAR = "phone-needs-getvar"
    ACTION_FAILED = "action-failed"  # error
    PHONE_UNKNOWN = "phone-unknown"  # device state
    PHONE_UNREGISTERED = "phone-unregistered"
    PHONE_OK = "phone-ok"  # device state
    DIALPLAN_NEEDS_SHOWDIALPLAN = "dialplan-needs-showdialplan"
    CONTEXT_MISSING = "context-missing"  # needs: the feature
    CONTEXT_OK = "context-ok"  # needs: the feature
    NO_QUEUE_MODULE = "no-queue-module"
    NO_QUEUES = "no-queues"
    QUEUES_LISTED = "queues-listed"  # queues, the operator's queues (comma separated)
    QUEUE_ACTIONS_DENIED = "queue-actions-denied"  # actions refused (comma separated)
    QUEUE_ACTIONS_OK = "queue-actions-ok"  # queue
    QUEUE_EVENTS_UNTESTED = "queue-events-untested"
    QUEUE_EVENTS_NONE = "queue-events-none"
    QUEUE_EVENTS_FILTERED = "queue-events-filtered"  # events dropped
    QUEUE_EVENTS_OK = "queue-events-ok"  # events seen
    NOTIFY_NEEDS_GETCONFIG = "notify-needs-getconfig"
    NOTIFY_NO_FILE = "notify-no-file"
    NOTIFY_UNDEFINED = "notify-undefined"  # the missing types (comma separated)
    NOTIFY_DEFINED = "notify-defined"  # the test command
    PARKING_NOT_LOADED = "parking-not-loaded"
    PARKING_NO_LOT = "parking-no-lot"  # lot
    PARKING_OK = "parking-ok"  # lot, first space, last space, seconds
    CALLER_ID_SETTING = "caller-id-setting"  # caller ID
    CALLER_ID_PHONE = "caller-id-phone"  # caller ID, where it is set
    CALLER_ID_SHORT = "caller-id-short"  # caller ID, where it is set
    CALLER_ID_NONE = "caller-id-none"  # where it would be set
    CALLER_ID_UNKNOWN = "caller-id-unknown"  # error
    TRANSFER_CID_OURS = "transfer-cid-ours"  # transfer context
    TRANSFER_CID_CALLERS = "transfer-cid-callers"  # transfer context
    TRANSFER_CID_UNKNOWN = "transfer-cid-unknown"  # transfer context, error


class FixFile(enum.Enum):
    """Where a fix goes; ``SETTINGS`` is the panel's own settings (words, not a file line)."""

    MANAGER = "manager.conf"
    EXTENSIONS = "extensions.conf"
    MODULES = "modules.conf"
    SIP = "sip.conf"
    PJSIP = "pjsip.conf"
    SIP_NOTIFY = "sip_notify.conf"
    PJSIP_NOTIFY = "pjsip_notify.conf"
    RES_PARKING = "res_parking.conf"
    SETTINGS = "settings"


class FixNote(enum.Enum):
    """Words that go with a fix (translated), after its lines."""

    SEE_PACKAGING = "see-packaging"  # the lines of packaging/asterisk/<file>
    EVENTFILTER_TOO = "eventfilter-too"  # and an eventfilter that lets the events through
    OR_SETTINGS_ENDPOINT = "or-settings-endpoint"  # or the right endpoint in the settings
    SETTINGS_CA_OR_PIN = "settings-ca-or-pin"
    SETTINGS_TLS_PORT = "settings-tls-port"  # then TLS and port 5039 in the panel
    SETTINGS_CALLER_ID = "settings-caller-id"  # the panel's Caller ID setting
    SETTINGS_TRANSFER_CONTEXT = "settings-transfer-context"  # Transfer context: panel-transfer
    NOTIFY_TEST = "notify-test"  # test the phone with: <command>
    BEFORE_TRUNK_DIAL = "before-trunk-dial"  # in the outbound route, before Dial() to the trunk


# Placeholders a fix line may hold; the words layer writes them in the user's language.
SECRET_PLACEHOLDER = "{secret}"
ADDRESS_PLACEHOLDER = "{address}"
COMPANY_PLACEHOLDER = "{company}"


@dataclass(frozen=True)
class Fix:
    file: FixFile
    section: str = ""  # "callpanel" → [callpanel]
    lines: tuple[str, ...] = ()  # verbatim configuration lines
    then: str = ""  # the CLI command that applies it, e.g. asterisk -rx "manager reload"
    note: FixNote | None = None
    note_value: str = ""  # what the note quotes (a command, a file name)


@dataclass(frozen=True)
class Need:
    """An action (or context) the panel needs and why."""

    name: str
    feature: Feature


@dataclass(frozen=True)
class CheckLine:
    topic: Topic
    status: Status
    finding: Finding
    subject: str = ""
    facts: tuple[str, ...] = ()
    needs: tuple[Need, ...] = ()
    fixes: tuple[Fix, ...] = ()

    @property
    def key(self) -> str:
        """Stable and unique within one report: ``phone:SIP/101``, ``context:internal``."""
        return f"{self.topic.value}:{self.subject}" if self.subject else self.topic.value


MANAGER_RELOAD = 'asterisk -rx "manager reload"'
DIALPLAN_RELOAD = 'asterisk -rx "dialplan reload"'
