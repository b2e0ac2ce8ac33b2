"""Why a command cannot run, in the operator's language: the words for ``calls.policy.Denial``.

The decision is made in ``calls.policy`` (one place); this module only turns its typed answer
into text, through Qt's translations (English and Russian).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..calls.policy import Command, Denial, Reason


def _state_text(command: Command) -> str:
    texts = {
        Command.ANSWER: QCoreApplication.translate(
            "Reasons", "Only a ringing incoming call can be answered"
        ),
        Command.HOLD: QCoreApplication.translate(
            "Reasons", "Only a call in conversation can be put on hold"
        ),
        Command.UNHOLD: QCoreApplication.translate(
            "Reasons", "Only a call you put on hold can be taken back"
        ),
        Command.HANGUP: QCoreApplication.translate("Reasons", "This call cannot be hung up now"),
        Command.TRANSFER: QCoreApplication.translate(
            "Reasons", "Only a call in conversation or on hold can be transferred"
        ),
        Command.ATXFER: QCoreApplication.translate(
            "Reasons", "Only a call in conversation or on hold can be transferred"
        ),
        Command.CANCEL_ATXFER: QCoreApplication.translate("Reasons", "This call has already ended"),
        Command.DTMF: QCoreApplication.translate(
            "Reasons", "Tones can be sent only during a conversation"
        ),
    }
    return texts.get(
        command, QCoreApplication.translate("Reasons", "Not possible in this call's state")
    )


def denial_text(denial: Denial) -> str:
    """One sentence the operator can act on."""
    r, a, command = denial.reason, denial.arg, denial.command
    if r is Reason.NOT_CONNECTED:
        return QCoreApplication.translate("Reasons", "Not connected to Asterisk")
    if r is Reason.NO_ENDPOINT:
        return QCoreApplication.translate(
            "Reasons", "No operator phone (endpoint) is configured: open the settings"
        )
    if r is Reason.NO_ANSWER_STRATEGY:
        return QCoreApplication.translate(
            "Reasons",
            "Pick up the handset to answer. To answer from the panel, choose how in "
            "Settings, Phone, Answer",
        )
    if r is Reason.NO_HOLD_STRATEGY:
        return QCoreApplication.translate(
            "Reasons",
            "Use the phone's hold key. To hold from the panel, choose how in Settings, Phone, Hold",
        )
    if r is Reason.NEEDS_VERSION:
        return (
            QCoreApplication.translate(
                "Reasons", "%1 needs Asterisk %2 or later; this server is %3"
            )
            .replace("%1", a("feature"))
            .replace("%2", a("needs"))
            .replace("%3", a("server"))
        )
    if r is Reason.NO_CHAN_SIP:
        return QCoreApplication.translate(
            "Reasons", "Asterisk %1 has no chan_sip: use PJSIP phones or a pbx-* strategy"
        ).replace("%1", a("server"))
    if r is Reason.CANNOT_NOTIFY:
        return QCoreApplication.translate(
            "Reasons", "%1 phones cannot be told to answer or hold"
        ).replace("%1", a("tech"))
    if r is Reason.PERMISSION_DENIED:
        if command is Command.DIAL:
            return QCoreApplication.translate(
                "Reasons",
                "This Asterisk user may not originate calls (permission denied); "
                "ask the PBX administrator",
            )
        return QCoreApplication.translate(
            "Reasons", "This Asterisk user may not do this (%1); ask the PBX administrator"
        ).replace("%1", a("detail"))
    if r is Reason.NO_SUCH_CALL:
        return QCoreApplication.translate("Reasons", "This call is no longer active")
    if r is Reason.OTHER:
        return QCoreApplication.translate("Reasons", "Not available: %1").replace("%1", a("detail"))
    if r is Reason.HELD_BY_REMOTE:
        return QCoreApplication.translate(
            "Reasons", "The other side put this call on hold; only they can resume it"
        )
    if r is Reason.NOT_A_MEMBER:
        return QCoreApplication.translate("Reasons", "You are not in queue %1").replace(
            "%1", a("queue")
        )
    if r is Reason.ALREADY_MEMBER:
        return QCoreApplication.translate("Reasons", "You are already in queue %1").replace(
            "%1", a("queue")
        )
    if r is Reason.STATIC_MEMBER:
        return QCoreApplication.translate(
            "Reasons",
            "You are a permanent member of queue %1: only the PBX administrator can change that",
        ).replace("%1", a("queue"))
    if r is Reason.NO_MEMBERSHIPS:
        return QCoreApplication.translate("Reasons", "You are not in any queue")
    if r is Reason.UNKNOWN_COLLEAGUE:
        return QCoreApplication.translate("Reasons", "No colleague with extension %1").replace(
            "%1", a("extension")
        )
    if r is Reason.NOT_RINGING:
        return QCoreApplication.translate("Reasons", "Nothing is ringing at %1").replace(
            "%1", a("extension")
        )
    if r is Reason.NO_PICKUP_DEVICE:
        return QCoreApplication.translate(
            "Reasons", "Extension %1 has no phone to pick up from"
        ).replace("%1", a("extension"))
    return _state_text(command)
