"""Words and colours for call states, directions and end reasons (translated through Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..calls.events import CallState, Direction, EndReason, HoldBy
from ..calls.model import Call
from ..calls.numbers import MAX_DIGITS, NumberProblem, NumberRefused

# One colour per state the operator must tell apart at a glance.
COLOR_RINGING = "#e8590c"  # orange: needs you now
COLOR_DIALING = "#1c7ed6"  # blue: waiting for the other side
COLOR_TALKING = "#2f9e44"  # green
COLOR_HOLD_YOU = "#7048e8"  # violet: you parked them
COLOR_HOLD_THEM = "#868e96"  # grey: they parked you
COLOR_ENDED = "#adb5bd"


def state_text(call: Call) -> str:
    if call.state is CallState.RINGING:
        if call.direction is Direction.INCOMING:
            return QCoreApplication.translate("CallState", "Incoming call ringing")
        return QCoreApplication.translate("CallState", "Calling…")
    if call.state is CallState.DIALING:
        return QCoreApplication.translate("CallState", "Calling…")
    if call.state is CallState.TALKING:
        return QCoreApplication.translate("CallState", "Talking")
    if call.state is CallState.HOLD:
        if call.held_by is HoldBy.REMOTE:
            return QCoreApplication.translate("CallState", "On hold — by the other side")
        return QCoreApplication.translate("CallState", "On hold — by you")
    return QCoreApplication.translate("CallState", "Call ended")


def state_color(call: Call) -> str:
    if call.state is CallState.RINGING:
        return COLOR_RINGING if call.direction is Direction.INCOMING else COLOR_DIALING
    if call.state is CallState.DIALING:
        return COLOR_DIALING
    if call.state is CallState.TALKING:
        return COLOR_TALKING
    if call.state is CallState.HOLD:
        return COLOR_HOLD_THEM if call.held_by is HoldBy.REMOTE else COLOR_HOLD_YOU
    return COLOR_ENDED


def direction_text(direction: Direction) -> str:
    if direction is Direction.INCOMING:
        return QCoreApplication.translate("Direction", "Incoming")
    return QCoreApplication.translate("Direction", "Outgoing")


def end_reason_text(reason: EndReason | None) -> str:
    texts = {
        EndReason.COMPLETED: QCoreApplication.translate("EndReason", "Completed"),
        EndReason.MISSED: QCoreApplication.translate("EndReason", "Missed"),
        EndReason.REJECTED: QCoreApplication.translate("EndReason", "Rejected"),
        EndReason.ANSWERED_ELSEWHERE: QCoreApplication.translate("EndReason", "Answered elsewhere"),
        EndReason.BUSY: QCoreApplication.translate("EndReason", "Busy"),
        EndReason.NO_ANSWER: QCoreApplication.translate("EndReason", "No answer"),
        EndReason.TRANSFERRED: QCoreApplication.translate("EndReason", "Transferred"),
        EndReason.FAILED: QCoreApplication.translate("EndReason", "Failed"),
    }
    if reason is None:
        return QCoreApplication.translate("EndReason", "Ended")
    return texts[reason]


def character_text(char: str) -> str:
    """A character named so that the operator can find it in what they pasted."""
    code = f"U+{ord(char):04X}"
    if char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        return QCoreApplication.translate("Numbers", "a line break (%s)") % code
    if char == "\t":
        return QCoreApplication.translate("Numbers", "a tab (%s)") % code
    if not char.isprintable():
        return QCoreApplication.translate("Numbers", "a control character (%s)") % code
    if char.isascii():
        return f"«{char}»"
    return f"«{char}» ({code})"


def number_refused_text(exc: NumberRefused) -> str:
    """Why a number cannot be dialled, in the operator's language."""
    if exc.problem is NumberProblem.EMPTY:
        return QCoreApplication.translate("Numbers", "the number is empty")
    if exc.problem is NumberProblem.TOO_LONG:
        return QCoreApplication.translate("Numbers", "the number is longer than %d digits") % (
            MAX_DIGITS
        )
    rule = QCoreApplication.translate(
        "Numbers", "a number has only digits, * and # (and an optional leading +)"
    )
    if exc.problem is NumberProblem.PLUS or exc.char is None:
        return QCoreApplication.translate("Numbers", "«+» can only come first: %s") % rule
    return (
        QCoreApplication.translate("Numbers", "%1 cannot be dialled: %2")
        .replace("%1", character_text(exc.char))
        .replace("%2", rule)
    )
