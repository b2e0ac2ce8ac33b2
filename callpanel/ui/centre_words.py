"""The call centre in words (English source, Russian in the translations): refusal reasons,
the agent status, colleagues' and queue members' states. The only place they become text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..asterisk.errors import InvalidQueueValue, QueueAnswer, QueueValueProblem
from ..asterisk.validate import MAX_PAUSE_REASON_BYTES, MAX_QUEUE_NAME_BYTES
from ..calls.model import Call
from ..centre import AgentState, AgentStatus, ColleagueState, Membership
from .format import format_number


def waited_text(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return QCoreApplication.translate("Centre", "waited %s") % f"{minutes}:{rest:02d}"


def origin_text(queue: str | None, waited_s: int | None, dialled: str | None) -> str:
    """Where a call came from, for the card and the history: "queue support · waited 0:12",
    or, without a queue, the number the caller dialled ("to 8 495 123-45-01")."""
    if queue:
        text = QCoreApplication.translate("Centre", "queue %s") % queue
        return f"{text} · {waited_text(waited_s)}" if waited_s else text
    if dialled:
        return QCoreApplication.translate("Centre", "to %s") % format_number(dialled)
    return ""


def incoming_title(call: Call) -> str:
    """The notification's title: a queue call names its queue and the caller's wait; another
    call the number the caller dialled (a ring group, a line)."""
    if call.queue:
        title = QCoreApplication.translate("MainWindow", "Incoming call from queue %s") % (
            call.queue
        )
        return f"{title} · {waited_text(call.waited_s)}" if call.waited_s else title
    if call.dialled:
        return QCoreApplication.translate("MainWindow", "Incoming call to %s") % format_number(
            call.dialled
        )
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


def status_button_text(status: AgentStatus) -> str:
    """The status control in the window's header has little room: Asterisk's own pause is
    said in two words there ("Paused automatically"), the why in its tooltip."""
    if status.state is AgentState.PAUSED and status.autopaused:
        return QCoreApplication.translate("Centre", "Paused automatically")
    return status_text(status)


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


def queue_answer_text(answer: QueueAnswer) -> str:
    """Asterisk's refusal of a queue action, in the operator's words."""
    words = {
        QueueAnswer.NO_SUCH_QUEUE: QCoreApplication.translate(
            "Centre", "there is no such queue on the PBX"
        ),
        QueueAnswer.ALREADY_THERE: QCoreApplication.translate(
            "Centre", "you are already in this queue"
        ),
        QueueAnswer.NOT_THERE: QCoreApplication.translate("Centre", "you are not in this queue"),
        QueueAnswer.NOT_DYNAMIC: QCoreApplication.translate(
            "Centre", "you are a permanent member: only the PBX administrator can change that"
        ),
        QueueAnswer.NOT_FOUND: QCoreApplication.translate(
            "Centre", "you are not a member of that queue on the PBX"
        ),
    }
    return words[answer]


def queue_value_text(exc: InvalidQueueValue) -> str:
    """Why a queue name or a pause reason was refused before anything was sent."""
    reason = exc.what == "reason"
    if exc.problem is QueueValueProblem.EMPTY:
        return QCoreApplication.translate("Centre", "the queue name is empty")
    if exc.problem is QueueValueProblem.TOO_LONG:
        if reason:
            return QCoreApplication.translate(
                "Centre", "the pause reason is longer than %d bytes"
            ) % MAX_PAUSE_REASON_BYTES
        return QCoreApplication.translate(
            "Centre", "the queue name is longer than %d bytes"
        ) % MAX_QUEUE_NAME_BYTES
    if reason:
        return QCoreApplication.translate(
            "Centre", "a pause reason may not contain control characters"
        )
    return QCoreApplication.translate(
        "Centre", "a queue name may not contain spaces, commas or control characters"
    )
