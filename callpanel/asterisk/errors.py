"""Errors the connector raises; the UI shows their text to the operator."""

from __future__ import annotations

import enum

from ..ami import Response
from ..calls.numbers import NumberProblem, NumberRefused
from ..calls.policy import Denial


class AsteriskError(Exception):
    """Base class for everything the Asterisk connector raises."""


class ConnectionLost(AsteriskError):
    """The AMI link went away (EOF, reset, ping timeout, protocol error) or is not up."""


class AuthenticationFailed(AsteriskError):
    """Asterisk refused the username/secret (or the ACL refused our address)."""


class ConfigurationError(AuthenticationFailed):
    """Our own settings make a login impossible (a user name the protocol cannot carry, a
    missing CA file, a secret that is not valid text, plain-text login switched off…).

    Retrying cannot help, so it is not a network error: the link stops like for a refused
    login, and ``setting`` names what the user must change (``username``, ``cafile``,
    ``secret``, ``plain_login``).
    """

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class ActionTimeout(AsteriskError):
    """No response to an action within its timeout."""


class ActionFailed(AsteriskError):
    """Asterisk answered ``Response: Error``; ``message`` is Asterisk's own text."""

    def __init__(self, action: str, message: str, response: Response | None = None) -> None:
        self.action = action
        self.message = message.strip()
        self.response = response
        super().__init__(f"{action}: {self.message}" if self.message else f"{action} failed")


class PermissionDenied(ActionFailed):
    """The AMI user lacks the write class this action needs."""


class InvalidInput(AsteriskError):
    """A number, endpoint or context failed validation before anything was sent."""


class InvalidNumber(InvalidInput):
    """A number the one number rule (``calls.numbers``) refused; ``refused`` says why."""

    def __init__(self, refused: NumberRefused, shown: str) -> None:
        self.refused = refused
        problem = refused.problem
        if problem is NumberProblem.EMPTY or problem is NumberProblem.TOO_LONG:
            super().__init__(str(refused))
        else:
            super().__init__(f"invalid number {shown}: {refused}")


class QueueValueProblem(enum.Enum):
    """Why a queue name or a pause reason was refused before anything was sent."""

    EMPTY = "empty"
    CHARACTERS = "characters"  # control characters (or, in a queue name, spaces and commas)
    TOO_LONG = "too_long"  # over app_queue's 79 bytes


class InvalidQueueValue(InvalidInput):
    """A queue name (``what`` = "queue") or pause reason (``what`` = "reason") refused."""

    def __init__(self, message: str, what: str, problem: QueueValueProblem) -> None:
        super().__init__(message)
        self.what = what
        self.problem = problem


class QueueAnswer(enum.Enum):
    """app_queue's refusals of QueueAdd / QueueRemove / QueuePause that an operator can meet."""

    NO_SUCH_QUEUE = "no_such_queue"
    ALREADY_THERE = "already_there"
    NOT_THERE = "not_there"
    NOT_DYNAMIC = "not_dynamic"
    NOT_FOUND = "not_found"


class QueueRefused(ActionFailed):
    """Asterisk refused a queue action with one of the answers in :class:`QueueAnswer`;
    ``asterisk_text`` is its own words (the message also says it in ours)."""

    def __init__(
        self, action: str, message: str, answer: QueueAnswer, asterisk_text: str,
        response: Response | None = None,
    ) -> None:  # fmt: skip
        super().__init__(action, message, response)
        self.answer = answer
        self.asterisk_text = asterisk_text


class NotSupported(AsteriskError):
    """The configured strategy, server version, permissions or the call's state do not allow
    this; ``denial`` is the typed reason (``calls.policy``) when the policy made the call."""

    def __init__(self, message: str, denial: Denial | None = None) -> None:
        self.denial = denial
        super().__init__(message)

    @classmethod
    def because(cls, denial: Denial) -> NotSupported:
        return cls(denial.english(), denial)
