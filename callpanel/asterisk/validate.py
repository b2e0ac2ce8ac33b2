"""Validation of every value the client puts into an AMI action, done before anything is sent.

A number typed by an operator (or pasted from a web page, or passed in a ``tel:`` link) ends up
in ``Exten:`` and from there in a ``Dial()``. Characters such as ``&`` (a second dial target),
``/`` (a technology), ``@`` (a context), ``,`` (Dial options) or ``;`` are therefore refused,
not stripped: the operator must see that the input was wrong. Only ASCII digits count as
digits; ``str.isdigit`` would accept Arabic-Indic or full-width digits that Asterisk cannot dial.
"""

from __future__ import annotations

import re

from ..ami.controls import CONTROL as _CONTROL
from ..calls import numbers
from .errors import InvalidInput, InvalidNumber, InvalidQueueValue, QueueValueProblem

MAX_NUMBER_DIGITS = numbers.MAX_DIGITS
MAX_CHANNEL_LENGTH = 255  # Asterisk copies Channel into a 256-byte buffer (docs/AMI.md §4.1)
MAX_CALLERID_LENGTH = 80

_ENDPOINT = re.compile(r"(SIP|PJSIP|IAX2|Local)/[A-Za-z0-9_.@-]+", re.ASCII)
_CONTEXT = re.compile(r"[A-Za-z0-9_-]+", re.ASCII)
_DIGITS = re.compile(r"[0-9*#A-D]+", re.ASCII)
_PEER = re.compile(r"[A-Za-z0-9_.-]+", re.ASCII)
# Channel names and Uniqueids come from Asterisk events, not from the user; they may contain
# ``;`` (Local/…;1) and ``@``, but never whitespace or control characters.
_CHANNEL = re.compile(r"[!-~]+", re.ASCII)


def _show(text: str) -> str:
    """A short, safe rendering of bad input for an error message."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return repr(shown)


def normalize_number(text: str) -> str:
    """The one number rule (:func:`callpanel.calls.numbers.normalize_number`) as the client's
    error: ``"+7 (916) 123-45-67"`` → ``"+79161234567"``; ``101/102`` raises InvalidNumber."""
    if not isinstance(text, str):
        raise InvalidInput(f"number must be text, not {type(text).__name__}")
    try:
        return numbers.normalize_number(text)
    except numbers.NumberRefused as exc:
        raise InvalidNumber(exc, _show(text)) from None


def check_endpoint(endpoint: str) -> str:
    """``SIP/101``, ``PJSIP/alice``, ``IAX2/…`` or ``Local/101@ctx``; no ``&``, ``,`` or spaces."""
    if not isinstance(endpoint, str) or _ENDPOINT.fullmatch(endpoint) is None:
        raise InvalidInput(f"invalid endpoint {_show(str(endpoint))}: expected e.g. SIP/101")
    return endpoint


def check_context(context: str, what: str = "context") -> str:
    if not isinstance(context, str) or _CONTEXT.fullmatch(context) is None:
        raise InvalidInput(f"invalid {what} {_show(str(context))}: letters, digits, _ and - only")
    return context


def check_digits(digits: str) -> str:
    """DTMF digits ``0-9 * # A-D`` (lower-case a-d accepted and upper-cased)."""
    if not isinstance(digits, str):
        raise InvalidInput("DTMF digits must be text")
    upper = digits.upper() if digits.isascii() else digits
    if not upper or _DIGITS.fullmatch(upper) is None:
        raise InvalidInput(f"invalid DTMF digits {_show(digits)}: use 0-9, *, # and A-D")
    if len(upper) > MAX_NUMBER_DIGITS:
        raise InvalidInput(f"at most {MAX_NUMBER_DIGITS} DTMF digits at a time")
    return upper


def check_channel(channel: str, what: str = "channel") -> str:
    """A channel name or Uniqueid taken from an event: printable ASCII, no spaces, bounded."""
    if (
        not isinstance(channel, str)
        or len(channel) > MAX_CHANNEL_LENGTH
        or _CHANNEL.fullmatch(channel) is None
    ):
        raise InvalidInput(f"invalid {what} {_show(str(channel))}")
    return channel


def check_name(value: str, what: str) -> str:
    """A plain configuration name Asterisk gave us (peer, parking lot): ``[A-Za-z0-9_.-]+``."""
    if _PEER.fullmatch(value) is None:
        raise InvalidInput(f"invalid {what} {_show(value)}")
    return value


def check_peer(peer: str) -> str:
    """A chan_sip peer name for SIPnotify ``Channel:`` (a peer, not a channel)."""
    return check_name(peer, "SIP peer name")


def check_token(value: str, what: str, max_length: int = MAX_CHANNEL_LENGTH) -> str:
    """A value Asterisk gave us (SIP Call-ID, parking lot, space): printable, no spaces."""
    if len(value) > max_length or _CHANNEL.fullmatch(value) is None:
        raise InvalidInput(f"invalid {what} {_show(value)}")
    return value


def clean_display_name(name: str) -> str:
    """A caller name (from the server: anything) safe inside ``"name" <number>`` of an action:
    no quotes, angle brackets or control characters by the rule the serializer checks with."""
    cleaned = _CONTROL.sub("", name)
    for char in '"<>\\':
        cleaned = cleaned.replace(char, "")
    return cleaned.strip()[:MAX_CALLERID_LENGTH]


def check_caller_id(value: str) -> str:
    """The admin's configured Originate CallerID, e.g. ``"Support" <74951234567>``."""
    if not value or len(value) > MAX_CALLERID_LENGTH or _CONTROL.search(value) is not None:
        raise InvalidInput(f"invalid caller ID {_show(value)}")
    return value


def check_timeout_ms(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 600_000:
        raise InvalidInput(f"invalid originate timeout {value!r} ms: use 1000..600000")
    return value


# app_queue keeps a pause reason in an 80-byte buffer and queue names in config sections; a
# longer value would be cut silently, so it is refused before anything is sent.
MAX_QUEUE_NAME_BYTES = 79
MAX_PAUSE_REASON_BYTES = 79
# "," and "|" separate arguments when the same value reaches app_queue's dialplan functions.
_QUEUE_NAME_BAD = re.compile(r"[\x00-\x1f\x7f,|\s]")


def check_queue_name(name: str) -> str:
    """A queue's name: printable, no spaces, commas or control characters, ≤ 79 bytes."""
    if not isinstance(name, str) or not name:
        raise InvalidQueueValue("the queue name is empty", "queue", QueueValueProblem.EMPTY)
    if _QUEUE_NAME_BAD.search(name) is not None or not name.isprintable():
        raise InvalidQueueValue(
            f"invalid queue name {_show(name)}: no spaces, commas or control characters",
            "queue",
            QueueValueProblem.CHARACTERS,
        )
    if len(name.encode("utf-8")) > MAX_QUEUE_NAME_BYTES:
        raise InvalidQueueValue(
            f"the queue name is longer than {MAX_QUEUE_NAME_BYTES} bytes",
            "queue",
            QueueValueProblem.TOO_LONG,
        )
    return name


def check_pause_reason(reason: str) -> str:
    """A pause reason shown to supervisors: any printable text, ≤ 79 bytes (UTF-8)."""
    if not isinstance(reason, str):
        raise InvalidQueueValue(
            "the pause reason must be text", "reason", QueueValueProblem.CHARACTERS
        )
    reason = reason.strip()
    if _CONTROL.search(reason) is not None or not reason.isprintable():
        raise InvalidQueueValue(
            f"invalid pause reason {_show(reason)}: no control characters",
            "reason",
            QueueValueProblem.CHARACTERS,
        )
    if len(reason.encode("utf-8")) > MAX_PAUSE_REASON_BYTES:
        raise InvalidQueueValue(
            f"the pause reason is longer than {MAX_PAUSE_REASON_BYTES} bytes",
            "reason",
            QueueValueProblem.TOO_LONG,
        )
    return reason


def check_extension(extension: str) -> str:
    """A colleague's extension from the PBX's hints: ``[A-Za-z0-9_.*#+-]``, ≤ 80 characters."""
    if (
        not isinstance(extension, str)
        or not 0 < len(extension) <= 80
        or _EXTENSION.fullmatch(extension) is None
    ):
        raise InvalidInput(f"invalid extension {_show(str(extension))}")
    return extension


_EXTENSION = re.compile(r"[A-Za-z0-9_.*#+-]+", re.ASCII)


_QUEUE_INTERFACE = re.compile(r"(SIP|PJSIP|IAX2|Local)/[A-Za-z0-9_.@-]+(/n)?", re.ASCII)


def check_queue_interface(interface: str) -> str:
    """A queue member interface: an endpoint, or ``Local/101@from-queue/n`` (``/n``: no
    optimisation, so the queue keeps seeing the member's channel)."""
    if not isinstance(interface, str) or _QUEUE_INTERFACE.fullmatch(interface) is None:
        raise InvalidInput(f"invalid queue interface {_show(str(interface))}: e.g. SIP/101")
    return interface
