"""The call centre in words (English source, Russian in the translations): refusal reasons,
the agent status, colleagues' and queue members' states. The only place they become text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..calls.model import Call
from ..centre import AgentState, AgentStatus, ColleagueState, Membership, Refusal, RefusalReason


def refusal_text(refusal: Refusal) -> str:
    r = RefusalReason
    reason = refusal.reason
    if reason is r.NO_PERMISSION:
        return QCoreApplication.translate(
            "Centre", "The Asterisk user may not do this (%s); ask the PBX administrator"
        ) % (refusal.detail or "Permission denied")
    if reason is r.NOT_CONNECTED:
        return QCoreApplication.translate("Centre", "Not connected to Asterisk")
    if reason is r.NOT_A_MEMBER:
        return QCoreApplication.translate("Centre", "You are not in queue %s") % refusal.queue
    if reason is r.ALREADY_MEMBER:
        return QCoreApplication.translate("Centre", "You are already in queue %s") % refusal.queue
    if reason is r.STATIC_MEMBER:
        words = QCoreApplication.translate(
            "Centre",
            "You are a permanent member of queue %s: only the PBX administrator can change that",
        )
        return words % refusal.queue
    if reason is r.NO_MEMBERSHIPS:
        return QCoreApplication.translate("Centre", "You are not in any queue")
    if reason is r.UNKNOWN_COLLEAGUE:
        return (
            QCoreApplication.translate("Centre", "No colleague with extension %s")
            % refusal.extension
        )
    if reason is r.NOT_RINGING:
        return QCoreApplication.translate("Centre", "Nothing is ringing at %s") % refusal.extension
    return (
        QCoreApplication.translate("Centre", "Extension %s has no phone to pick up from")
        % refusal.extension
    )


def incoming_title(call: Call) -> str:
    """The notification's title: a queue call names its queue."""
    if call.queue:
        return QCoreApplication.translate("MainWindow", "Incoming call from queue %s") % call.queue
    return QCoreApplication.translate("MainWindow", "Incoming call")


def status_text(status: AgentStatus) -> str:
    if status.state is AgentState.DND:
        return QCoreApplication.translate("Centre", "Do not disturb")
    if status.state is AgentState.PAUSED:
        if status.autopaused:
            return QCoreApplication.translate(
                "Centre", "Paused automatically (a call was not answered)"
            )
        return (
            QCoreApplication.translate("Centre", "Paused: %s") % status.reason
            if status.reason
            else QCoreApplication.translate("Centre", "Paused")
        )
    return QCoreApplication.translate("Centre", "Available")


def colleague_state_text(state: ColleagueState) -> str:
    words = {
        ColleagueState.IDLE: QCoreApplication.translate("Centre", "Free"),
        ColleagueState.RINGING: QCoreApplication.translate("Centre", "Ringing"),
        ColleagueState.IN_CALL: QCoreApplication.translate("Centre", "In a call"),
        ColleagueState.ON_HOLD: QCoreApplication.translate("Centre", "On hold"),
        ColleagueState.UNAVAILABLE: QCoreApplication.translate("Centre", "Unavailable"),
        ColleagueState.PAUSED: QCoreApplication.translate("Centre", "Paused"),
        ColleagueState.DND: QCoreApplication.translate("Centre", "Do not disturb"),
    }
    return words[state]


def member_state_text(member: Membership) -> str:
    if member.autopaused:
        return QCoreApplication.translate("Centre", "Paused automatically")
    if member.paused:
        return (
            QCoreApplication.translate("Centre", "Paused: %s") % member.reason
            if member.reason
            else QCoreApplication.translate("Centre", "Paused")
        )
    return QCoreApplication.translate("Centre", "Taking calls")


def membership_kind_text(member: Membership) -> str:
    return (
        QCoreApplication.translate("Centre", "Dynamic")
        if member.dynamic
        else QCoreApplication.translate("Centre", "Permanent")
    )


COLLEAGUE_COLOURS = {
    ColleagueState.IDLE: "#2f9e44",
    ColleagueState.RINGING: "#f08c00",
    ColleagueState.IN_CALL: "#e03131",
    ColleagueState.ON_HOLD: "#9c36b5",
    ColleagueState.UNAVAILABLE: "#adb5bd",
    ColleagueState.PAUSED: "#fab005",
    ColleagueState.DND: "#343a40",
}
AGENT_COLOURS = {
    AgentState.AVAILABLE: "#2f9e44",
    AgentState.PAUSED: "#f59f00",
    AgentState.DND: "#c92a2a",
}
