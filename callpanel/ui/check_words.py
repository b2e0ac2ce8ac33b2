"""The AMI set-up check in words (English source, Russian in the translations): the only place
where ``asterisk.checklines`` data becomes text, for the settings dialog's **Check set-up** and
for `callpanel check` alike. Configuration lines are quoted as they are; what Asterisk said
(an error, a version) is quoted as plain text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ..asterisk.checklines import (
    ADDRESS_PLACEHOLDER,
    COMPANY_PLACEHOLDER,
    SECRET_PLACEHOLDER,
    CheckLine,
    Feature,
    Finding,
    Fix,
    FixFile,
    FixNote,
    Status,
    Topic,
)


def _fill(template: str, *values: str) -> str:
    """Qt's ``%1 %2`` in one pass: a value holding "%2" (a server's text) is not filled again."""
    return re.sub(r"%([1-9])", lambda m: values[int(m.group(1)) - 1], template)


def status_text(status: Status) -> str:
    return {
        Status.OK: QCoreApplication.translate("SetupCheck", "ok"),
        Status.MISSING: QCoreApplication.translate("SetupCheck", "missing"),
        Status.WARNING: QCoreApplication.translate("SetupCheck", "warning"),
        Status.SKIPPED: QCoreApplication.translate("SetupCheck", "skipped"),
    }[status]


def topic_text(line: CheckLine) -> str:
    words = {
        Topic.TLS: QCoreApplication.translate("SetupCheck", "TLS"),
        Topic.CONNECTION: QCoreApplication.translate("SetupCheck", "connection"),
        Topic.LOGIN: QCoreApplication.translate("SetupCheck", "login"),
        Topic.READ_SYSTEM: QCoreApplication.translate("SetupCheck", "read class system"),
        Topic.WRITE_CLASSES: QCoreApplication.translate("SetupCheck", "write classes"),
        Topic.ACTION: QCoreApplication.translate("SetupCheck", "action %1"),
        Topic.READ_CALL: QCoreApplication.translate("SetupCheck", "read class call"),
        Topic.EVENTFILTER: QCoreApplication.translate("SetupCheck", "eventfilter"),
        Topic.PHONE: QCoreApplication.translate("SetupCheck", "phone %1"),
        Topic.CONTEXT: QCoreApplication.translate("SetupCheck", "context %1"),
        Topic.QUEUES: QCoreApplication.translate("SetupCheck", "queues"),
        Topic.QUEUE_ACTIONS: QCoreApplication.translate("SetupCheck", "write class agent"),
        Topic.QUEUE_EVENTS: QCoreApplication.translate("SetupCheck", "read class agent"),
        Topic.NOTIFY: QCoreApplication.translate("SetupCheck", "notify types in %1"),
        Topic.PARKING: QCoreApplication.translate("SetupCheck", "parking"),
        Topic.CALLER_ID: QCoreApplication.translate("SetupCheck", "caller ID on click-to-call"),
        Topic.TRANSFER_CALLER_ID: QCoreApplication.translate(
            "SetupCheck", "caller ID on a transfer out"
        ),
    }
    if not line.subject:  # "phone", "context": none could be checked
        bare = {
            Topic.PHONE: QCoreApplication.translate("SetupCheck", "phone"),
            Topic.CONTEXT: QCoreApplication.translate("SetupCheck", "dialplan"),
        }
        if line.topic in bare:
            return bare[line.topic]
    return _fill(words[line.topic], line.subject).replace(" %1", "")


def feature_text(feature: Feature) -> str:
    return {
        Feature.CLICK_TO_CALL: QCoreApplication.translate("SetupCheck", "click-to-call"),
        Feature.HANGUP: QCoreApplication.translate("SetupCheck", "Hang up"),
        Feature.TRANSFER_HELD: QCoreApplication.translate("SetupCheck", "transfer of a held call"),
        Feature.BLIND_TRANSFER: QCoreApplication.translate("SetupCheck", "blind transfer"),
        Feature.ATTENDED_TRANSFER: QCoreApplication.translate("SetupCheck", "attended transfer"),
        Feature.CANCEL_TRANSFER: QCoreApplication.translate(
            "SetupCheck", "Cancel transfer (Asterisk 16.9+)"
        ),
        Feature.DTMF: QCoreApplication.translate("SetupCheck", "the tones keypad"),
        Feature.RESYNC_CHANNELS: QCoreApplication.translate(
            "SetupCheck", "the calls already up after a reconnect"
        ),
        Feature.RESYNC_DETAILS: QCoreApplication.translate(
            "SetupCheck", "call details after a reconnect"
        ),
        Feature.NOTIFY_SIP: QCoreApplication.translate(
            "SetupCheck", "phone-notify answer/hold (SIP)"
        ),
        Feature.NOTIFY_PJSIP: QCoreApplication.translate(
            "SetupCheck", "phone-notify answer/hold (PJSIP)"
        ),
        Feature.MOH_TAKE_BACK: QCoreApplication.translate(
            "SetupCheck", "pbx-moh hold: taking the call back"
        ),
        Feature.PARK_HOLD: QCoreApplication.translate("SetupCheck", "pbx-park hold"),
        Feature.TRANSFER_DIALS: QCoreApplication.translate(
            "SetupCheck", "transfers dial the number here"
        ),
        Feature.BRIDGE_AUTOANSWER: QCoreApplication.translate(
            "SetupCheck", "pbx-bridge answer: rings the phone auto-answered"
        ),
        Feature.MOH_MUSIC: QCoreApplication.translate(
            "SetupCheck", "pbx-moh hold: the caller's music on hold"
        ),
        Feature.MOH_OPERATOR_WAITS: QCoreApplication.translate(
            "SetupCheck", "pbx-moh hold: where the operator's leg waits"
        ),
        Feature.QUEUE_LOGIN: QCoreApplication.translate(
            "SetupCheck", "logging in to and out of queues"
        ),
        Feature.QUEUE_PAUSE: QCoreApplication.translate("SetupCheck", "pauses"),
    }[feature]


def _context_feature(feature: Feature) -> str:
    if feature is Feature.CLICK_TO_CALL:
        return QCoreApplication.translate("SetupCheck", "click-to-call dials the number here")
    return feature_text(feature)


def _needs(line: CheckLine) -> str:
    return ", ".join(f"{need.name} ({feature_text(need.feature)})" for need in line.needs)


def finding_text(line: CheckLine) -> str:
    f, facts = line.finding, line.facts
    fact = facts[0] if facts else ""
    if f is Finding.TLS_PINNED:
        return QCoreApplication.translate(
            "SetupCheck", "TLS, server certificate pinned by fingerprint"
        )
    if f is Finding.TLS_VERIFIED:
        return QCoreApplication.translate("SetupCheck", "TLS with the certificate checked")
    if f is Finding.TLS_UNVERIFIED:
        return QCoreApplication.translate(
            "SetupCheck", "TLS without certificate checks: anyone in between can read the calls"
        )
    if f is Finding.TLS_LOOPBACK:
        return QCoreApplication.translate("SetupCheck", "plain TCP on this machine (loopback)")
    if f is Finding.TLS_PLAIN_REMOTE:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "plain TCP to %1: numbers and names cross the network unencrypted"
            ),
            fact,
        )
    if f is Finding.CONNECTION_FAILED:
        return fact
    if f is Finding.LOGIN_REFUSED:
        return fact
    if f is Finding.LOGIN_MD5:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "logged in as '%1' (MD5 challenge); Asterisk %2"
            ),
            *facts,
        )
    if f is Finding.LOGIN_PLAIN:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "logged in as '%1' (plain secret: no MD5 challenge offered); Asterisk %2",
            ),
            *facts,
        )
    if f is Finding.FULLY_BOOTED:
        return QCoreApplication.translate(
            "SetupCheck", "FullyBooted arrived after login: restarts will be noticed"
        )
    if f is Finding.NO_FULLY_BOOTED:
        return QCoreApplication.translate(
            "SetupCheck",
            "no FullyBooted after login: the panel will not notice an "
            "Asterisk restart (or Asterisk is still starting)",
        )
    if f is Finding.LIST_COMMANDS_FAILED:
        return _fill(QCoreApplication.translate("SetupCheck", "ListCommands failed: %1"), fact)
    if f is Finding.WRITE_OK:
        return QCoreApplication.translate(
            "SetupCheck", "every action the chosen methods need is allowed"
        )
    if f is Finding.WRITE_MISSING:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "this user may not run %1: write class %2 missing"
            ),
            _needs(line),
            fact,
        )
    if f is Finding.ACTION_NO_MODULE:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "%1 is not available although write class %2 is "
                "granted: its module (%3) is not loaded",
            ),
            _needs(line),
            fact,
            facts[1] if len(facts) > 1 else "?",
        )
    if f is Finding.ACTION_ABSENT:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "%1 is not available although write class %2 is granted: this Asterisk has "
                "no such action, or the module that provides it is not loaded",
            ),
            _needs(line),
            fact,
        )
    if f is Finding.NO_CHAN_SIP:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "%1 is not available: Asterisk %2 has no chan_sip; use PJSIP/ endpoints",
            ),
            _needs(line),
            fact,
        )
    if f is Finding.ACTION_DENIED:
        return _fill(
            QCoreApplication.translate("SetupCheck", "%1 not allowed or not available"),
            _needs(line),
        )
    if f is Finding.READ_CALL_NEEDS_ORIGINATE:
        return QCoreApplication.translate(
            "SetupCheck", "needs write class originate to provoke a test event"
        )
    if f is Finding.PROBE_REFUSED:
        return _fill(
            QCoreApplication.translate("SetupCheck", "the test action was refused: %1"), fact
        )
    if f is Finding.READ_CALL_NONE:
        return QCoreApplication.translate(
            "SetupCheck",
            "no call event arrived for a test call (Newchannel, Hangup, "
            "OriginateResponse): the panel would show no calls",
        )
    if f is Finding.READ_CALL_OK:
        return _fill(QCoreApplication.translate("SetupCheck", "call events arrive (%1)"), fact)
    if f is Finding.FILTER_DROPS:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "the event filter drops %1, which the panel uses"
            ),
            fact,
        )
    if f is Finding.FILTER_OK:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "%1 came through; the panel uses more events that only a "
                "real call shows: compare your eventfilter lines with "
                "packaging/asterisk/manager.conf",
            ),
            fact,
        )
    if f is Finding.PHONE_NEEDS_GETVAR:
        return QCoreApplication.translate("SetupCheck", "needs Getvar (write class reporting)")
    if f is Finding.ACTION_FAILED:
        return fact
    if f is Finding.PHONE_UNKNOWN:
        return _fill(
            QCoreApplication.translate("SetupCheck", "Asterisk knows no %1 (device state %2)"),
            line.subject,
            fact,
        )
    if f is Finding.PHONE_UNREGISTERED:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "%1 exists but is not registered (UNAVAILABLE)"
            ),
            line.subject,
        )
    if f is Finding.PHONE_OK:
        return _fill(QCoreApplication.translate("SetupCheck", "exists, state %1"), fact)
    if f is Finding.DIALPLAN_NEEDS_SHOWDIALPLAN:
        return QCoreApplication.translate(
            "SetupCheck", "ShowDialPlan needs write class reporting (or config)"
        )
    if f is Finding.CONTEXT_MISSING:
        why = _context_feature(line.needs[0].feature) if line.needs else ""
        return _fill(
            QCoreApplication.translate("SetupCheck", "no context %1 (%2)"), line.subject, why
        )
    if f is Finding.CONTEXT_OK:
        why = _context_feature(line.needs[0].feature) if line.needs else ""
        return _fill(QCoreApplication.translate("SetupCheck", "exists (%1)"), why)
    if f is Finding.NO_QUEUE_MODULE:
        return QCoreApplication.translate(
            "SetupCheck", "QueueStatus is not available (app_queue not loaded): no queues to check"
        )
    if f is Finding.NO_QUEUES:
        return QCoreApplication.translate(
            "SetupCheck", "this PBX has no queues: the call-centre features have nothing to show"
        )
    if f is Finding.QUEUES_LISTED:
        if len(facts) > 1 and facts[1]:
            return _fill(
                QCoreApplication.translate(
                    "SetupCheck", "queues %1; this operator is a member of %2"
                ),
                *facts,
            )
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "queues %1; this operator is a member of none yet"
            ),
            fact,
        )
    if f is Finding.QUEUE_ACTIONS_DENIED:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "this user may not run %1: the operator cannot log in to queues or pause",
            ),
            fact,
        )
    if f is Finding.QUEUE_ACTIONS_OK:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "a test member (paused, never offered a call) was added to %1, paused and removed",
            ),
            fact,
        )
    if f is Finding.QUEUE_EVENTS_UNTESTED:
        return QCoreApplication.translate(
            "SetupCheck",
            "could not be tested without write class agent; the panel "
            "needs it to show queues and pauses",
        )
    if f is Finding.QUEUE_EVENTS_NONE:
        return QCoreApplication.translate(
            "SetupCheck",
            "no queue event arrived for the test member: the panel "
            "would not show queues and pauses as they change",
        )
    if f is Finding.QUEUE_EVENTS_FILTERED:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "the event filter drops %1, which the panel uses"
            ),
            fact,
        )
    if f is Finding.QUEUE_EVENTS_OK:
        return _fill(QCoreApplication.translate("SetupCheck", "queue events arrive (%1)"), fact)
    if f is Finding.NOTIFY_NEEDS_GETCONFIG:
        return QCoreApplication.translate(
            "SetupCheck", "cannot be read without write class system (phone-notify needs it anyway)"
        )
    if f is Finding.NOTIFY_NO_FILE:
        return QCoreApplication.translate(
            "SetupCheck",
            "the file is not there. The panel sends the NOTIFY's Event "
            "header itself, so it works without; the types let you try a "
            "phone from the CLI before switching phone-notify on",
        )
    if f is Finding.NOTIFY_UNDEFINED:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "%1 not defined. The panel sends the NOTIFY's Event "
                "header itself, so it works without; the types let you "
                "try a phone from the CLI before switching phone-notify "
                "on",
            ),
            fact,
        )
    if f is Finding.NOTIFY_DEFINED:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "panel-talk and panel-hold defined; while a call rings, "
                "%1 must answer it on the phone",
            ),
            fact,
        )
    if f is Finding.PARKING_NOT_LOADED:
        return QCoreApplication.translate(
            "SetupCheck", "res_parking is not loaded (no Park action): pbx-park hold cannot work"
        )
    if f is Finding.PARKING_NO_LOT:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "no parking lot %1, where pbx-park holds calls"
            ),
            fact,
        )
    if f is Finding.PARKING_OK:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "pbx-park holds calls in lot %1 (spaces %2-%3); a call "
                "held longer than %4 s rings the operator back "
                "(parkingtime in res_parking.conf)",
            ),
            *facts,
        )
    if f is Finding.CALLER_ID_SETTING:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "the customer sees %1 (the panel's Caller ID setting), "
                "unless the outbound dialplan or the trunk sets another "
                "number",
            ),
            fact,
        )
    if f is Finding.CALLER_ID_PHONE:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "the customer sees %1, the phone's own caller ID (%2), "
                "unless the outbound dialplan or the trunk sets another "
                "number",
            ),
            *facts,
        )
    if f is Finding.CALLER_ID_SHORT:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "the customer sees %1, the phone's own caller ID (%2), "
                "unless the outbound dialplan or the trunk sets another "
                "number: an extension, which carriers often reject or "
                "replace",
            ),
            *facts,
        )
    if f is Finding.CALLER_ID_NONE:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "the phone has no caller ID of its own (%1): the customer "
                "sees whatever the trunk sends by default",
            ),
            fact,
        )
    if f is Finding.CALLER_ID_UNKNOWN:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "could not read the phone's caller ID (%1): the customer "
                "sees it, or what the trunk sets",
            ),
            fact,
        )
    if f is Finding.TRANSFER_CID_OURS:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "an outside number a caller is blind-transferred to sees our caller ID "
                "(the transfer context %1 sets it)",
            ),
            fact,
        )
    if f is Finding.TRANSFER_CID_CALLERS:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "an outside number a caller is blind-transferred to sees the caller's own "
                "number: the transfer context %1 does not set ours",
            ),
            fact,
        )
    if f is Finding.TRANSFER_CID_UNKNOWN:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck",
                "could not read the transfer context %1 (%2): an outside number a caller "
                "is blind-transferred to may see the caller's own number",
            ),
            *facts,
        )
    raise AssertionError(f"no words for {f}")  # every Finding has its branch above


def _placeholders(text: str) -> str:
    return (
        text.replace(
            SECRET_PLACEHOLDER,
            QCoreApplication.translate("SetupCheck", "<the secret typed in the panel>"),
        )
        .replace(
            ADDRESS_PLACEHOLDER, QCoreApplication.translate("SetupCheck", "<this PC's address>")
        )
        .replace(
            COMPANY_PLACEHOLDER,
            QCoreApplication.translate("SetupCheck", "<the company's number>"),
        )
    )


def note_text(fix: Fix) -> str:
    note = fix.note
    if note is None:
        return ""
    if note is FixNote.SEE_PACKAGING:
        name = fix.file.value if fix.file is not FixFile.SETTINGS else "README.md"
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "the lines of packaging/asterisk/%1 show the whole set-up"
            ),
            name,
        )
    if note is FixNote.EVENTFILTER_TOO:
        return QCoreApplication.translate(
            "SetupCheck", "and eventfilter lines that let the panel's events through"
        )
    if note is FixNote.OR_SETTINGS_ENDPOINT:
        return QCoreApplication.translate(
            "SetupCheck", "or the right phone in the panel's settings (Phone, Your phone(s))"
        )
    if note is FixNote.SETTINGS_CA_OR_PIN:
        return QCoreApplication.translate(
            "SetupCheck",
            "the panel's settings: a CA file or the certificate's fingerprint "
            "instead of switching the check off",
        )
    if note is FixNote.SETTINGS_TLS_PORT:
        return QCoreApplication.translate("SetupCheck", "then TLS and port 5039 in the panel")
    if note is FixNote.SETTINGS_CALLER_ID:
        return QCoreApplication.translate(
            "SetupCheck",
            'the panel\'s settings: Phone, Caller ID, e.g. "Example Ltd" <74951234567> '
            "(the operator's phone still shows whom it calls)",
        )
    if note is FixNote.SETTINGS_TRANSFER_CONTEXT:
        return QCoreApplication.translate(
            "SetupCheck", "the panel's settings: Phone, Transfer context panel-transfer"
        )
    if note is FixNote.BEFORE_TRUNK_DIAL:
        return QCoreApplication.translate(
            "SetupCheck",
            "or, for every call out, in the outbound route before its Dial() to the trunk",
        )
    if note is FixNote.NOTIFY_TEST:
        return _fill(
            QCoreApplication.translate("SetupCheck", "then, while a call rings: %1"), fix.note_value
        )
    raise AssertionError(f"no words for {note}")


def fix_text(fix: Fix) -> list[str]:
    """The lines of one fix, indented under the check line's words."""
    out: list[str] = []
    indent = " " * (_tag_width() + 3)
    if fix.file is FixFile.SETTINGS:
        return [indent + _fill(QCoreApplication.translate("SetupCheck", "fix: %1"), note_text(fix))]
    where = fix.file.value + (f" [{fix.section}]" if fix.section else "")
    if fix.lines:
        out.append(indent + _fill(QCoreApplication.translate("SetupCheck", "fix in %1:"), where))
        out.extend(indent + "    " + _placeholders(line) for line in fix.lines)
    else:
        out.append(indent + _fill(QCoreApplication.translate("SetupCheck", "fix: add %1"), where))
    if fix.then:
        out.append(indent + _fill(QCoreApplication.translate("SetupCheck", "then: %1"), fix.then))
    if fix.note is not None:
        out.append(indent + "(" + note_text(fix) + ")")
    return out


def _tag_width() -> int:
    return max(len(status_text(status)) for status in Status)


def line_text(line: CheckLine) -> str:
    """``[missing] phone SIP/999: …`` and, below it, the fixes."""
    tag = status_text(line.status).rjust(_tag_width())
    head = f"[{tag}] {topic_text(line)}: {finding_text(line)}"
    rows = [head]
    for fix in line.fixes:
        rows.extend(fix_text(fix))
    return "\n".join(rows)


def summary_text(lines: Sequence[CheckLine]) -> str:
    missing = sum(1 for line in lines if line.status is Status.MISSING)
    warnings = sum(1 for line in lines if line.status is Status.WARNING)
    if missing:
        return _fill(
            QCoreApplication.translate("SetupCheck", "missing: %1; warnings: %2"),
            str(missing),
            str(warnings),
        )
    if warnings:
        return _fill(
            QCoreApplication.translate(
                "SetupCheck", "everything the panel needs is there; warnings: %1"
            ),
            str(warnings),
        )
    return QCoreApplication.translate("SetupCheck", "everything the panel needs is there")


def report_text(lines: Sequence[CheckLine]) -> str:
    return "\n".join([*(line_text(line) for line in lines), summary_text(lines)])


def no_secret_text(account: str, variable: str) -> str:
    return _fill(
        QCoreApplication.translate(
            "SetupCheck",
            "no AMI secret for %1: save it in the panel's settings or set %2",
        ),
        account,
        variable,
    )


def bad_settings_text(error: str) -> str:
    return _fill(QCoreApplication.translate("SetupCheck", "the settings are not usable: %1"), error)
