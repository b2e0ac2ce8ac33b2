"""The call centre in words (English source, Russian in the translations): refusal reasons,
the agent status, colleagues' and queue members' states. The only place they become text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..centre import AgentState, AgentStatus, ColleagueState, Membership, Refusal, RefusalReason


def _tr(text: str) -> str:
    return QCoreApplication.translate("Centre", text)


def refusal_text(refusal: Refusal) -> str:
    r = RefusalReason
    reason = refusal.reason
    if reason is r.NO_PERMISSION:
        return _tr("The Asterisk user may not do this (%s); ask the PBX administrator") % (
            refusal.detail or "Permission denied"
        )
    if reason is r.NOT_CONNECTED:
        return _tr("Not connected to Asterisk")
    if reason is r.NOT_A_MEMBER:
        return _tr("You are not in queue %s") % refusal.queue
    if reason is r.ALREADY_MEMBER:
        return _tr("You are already in queue %s") % refusal.queue
    if reason is r.STATIC_MEMBER:
        return (
            _tr(
                "You are a permanent member of queue %s: only the PBX administrator can change that"
            )
            % refusal.queue
        )
    if reason is r.NO_MEMBERSHIPS:
        return _tr("You are not in any queue")
    if reason is r.UNKNOWN_COLLEAGUE:
        return _tr("No colleague with extension %s") % refusal.extension
    if reason is r.NOT_RINGING:
        return _tr("Nothing is ringing at %s") % refusal.extension
    return _tr("Extension %s has no phone to pick up from") % refusal.extension


def status_text(status: AgentStatus) -> str:
    if status.state is AgentState.DND:
        return _tr("Do not disturb")
    if status.state is AgentState.PAUSED:
        if status.autopaused:
            return _tr("Paused automatically (a call was not answered)")
        return _tr("Paused: %s") % status.reason if status.reason else _tr("Paused")
    return _tr("Available")


def colleague_state_text(state: ColleagueState) -> str:
    words = {
        ColleagueState.IDLE: _tr("Free"),
        ColleagueState.RINGING: _tr("Ringing"),
        ColleagueState.IN_CALL: _tr("In a call"),
        ColleagueState.ON_HOLD: _tr("On hold"),
        ColleagueState.UNAVAILABLE: _tr("Unavailable"),
        ColleagueState.PAUSED: _tr("Paused"),
        ColleagueState.DND: _tr("Do not disturb"),
    }
    return words[state]


def member_state_text(member: Membership) -> str:
    if member.autopaused:
        return _tr("Paused automatically")
    if member.paused:
        return _tr("Paused: %s") % member.reason if member.reason else _tr("Paused")
    return _tr("Taking calls")


def membership_kind_text(member: Membership) -> str:
    return _tr("Dynamic") if member.dynamic else _tr("Permanent")


COLLEAGUE_COLOURS = {
    ColleagueState.IDLE: "#2f9e44",
    ColleagueState.RINGING: "#f08c00",
    ColleagueState.IN_CALL: "#e03131",
    ColleagueState.ON_HOLD: "#9c36b5",
    ColleagueState.UNAVAILABLE: "#868e96",
    ColleagueState.PAUSED: "#fab005",
    ColleagueState.DND: "#c92a2a",
}
AGENT_COLOURS = {
    AgentState.AVAILABLE: "#2f9e44",
    AgentState.PAUSED: "#f59f00",
    AgentState.DND: "#c92a2a",
}
