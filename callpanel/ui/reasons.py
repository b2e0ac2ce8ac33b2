"""Why a command cannot run, in the operator's language: the words for ``calls.policy.Denial``.

The decision is made in ``calls.policy`` (one place); this module only turns its typed answer
into text, through Qt's translations (English and Russian).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..calls.policy import Command, Denial, Reason


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reasons", text)


def _state_text(command: Command) -> str:
    texts = {
        Command.ANSWER: _tr("Only a ringing incoming call can be answered"),
        Command.HOLD: _tr("Only a call in conversation can be put on hold"),
        Command.UNHOLD: _tr("Only a call you put on hold can be taken back"),
        Command.HANGUP: _tr("This call cannot be hung up now"),
        Command.TRANSFER: _tr("Only a call in conversation or on hold can be transferred"),
        Command.ATXFER: _tr("Only a call in conversation or on hold can be transferred"),
        Command.CANCEL_ATXFER: _tr("This call has already ended"),
        Command.DTMF: _tr("Tones can be sent only during a conversation"),
    }
    return texts.get(command, _tr("Not possible in this call's state"))


def denial_text(denial: Denial) -> str:
    """One sentence the operator can act on."""
    r, a, command = denial.reason, denial.arg, denial.command
    if r is Reason.NOT_CONNECTED:
        return _tr("Not connected to Asterisk")
    if r is Reason.NO_ENDPOINT:
        return _tr("No operator phone (endpoint) is configured: open the settings")
    if r is Reason.NO_ANSWER_STRATEGY:
        return _tr(
            "Pick up the handset to answer. To answer from the panel, choose how in "
            "Settings, Phone, Answer"
        )
    if r is Reason.NO_HOLD_STRATEGY:
        return _tr(
            "Use the phone's hold key. To hold from the panel, choose how in Settings, "
            "Phone, Hold"
        )
    if r is Reason.NEEDS_VERSION:
        return (
            _tr("%1 needs Asterisk %2 or later; this server is %3")
            .replace("%1", a("feature"))
            .replace("%2", a("needs"))
            .replace("%3", a("server"))
        )
    if r is Reason.NO_CHAN_SIP:
        return _tr(
            "Asterisk %1 has no chan_sip: use PJSIP phones or a pbx-* strategy"
        ).replace("%1", a("server"))
    if r is Reason.CANNOT_NOTIFY:
        return _tr("%1 phones cannot be told to answer or hold").replace("%1", a("tech"))
    if r is Reason.PERMISSION_DENIED:
        if command is Command.DIAL:
            return _tr(
                "This Asterisk user may not originate calls (permission denied); "
                "ask the PBX administrator"
            )
        return _tr(
            "This Asterisk user may not do this (%1); ask the PBX administrator"
        ).replace("%1", a("detail"))
    if r is Reason.NO_SUCH_CALL:
        return _tr("This call is no longer active")
    if r is Reason.OTHER:
        return _tr("Not available: %1").replace("%1", a("detail"))
    if r is Reason.HELD_BY_REMOTE:
        return _tr("The other side put this call on hold; only they can resume it")
    return _state_text(command)
