"""Actions in, bytes out. Nothing is produced unless every key and value is safe to send.

A number typed by a user must never be able to inject a second action: CR, LF, NUL and every
other control character are refused (not stripped), as aiosmtplib does for SMTP commands.
"""

from __future__ import annotations

import os
import re
import secrets
from itertools import count

from .controls import CONTROL as _CONTROL
from .errors import LocalProtocolError
from .framing import LineEnding
from .messages import Action, Header

# Control characters: see controls.py. Lone surrogates cannot be encoded: refused separately.
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.()-]*\Z")
MAX_LINE_BYTES = 1024  # Asterisk's inbound line limit, terminator included (docs/AMI.md §2.2)
MAX_ACTION_HEADERS = 128  # AST_MAX_MANHEADERS


def check_value(value: str, what: str = "value") -> str:
    """Refuse CR, LF, NUL and every other control character instead of stripping them."""
    if not isinstance(value, str):
        raise LocalProtocolError(f"{what} is not text: {value!r}")
    bad = _CONTROL.search(value)
    if bad is not None:
        raise LocalProtocolError(
            f"{what} contains control character {bad.group()!r} at index {bad.start()}"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LocalProtocolError(f"{what} is not valid Unicode at index {exc.start}") from None
    return value


def serialize_action(action: Action, line_ending: LineEnding = LineEnding.CRLF) -> bytes:
    """Encode an action; raise :class:`LocalProtocolError` and produce nothing on bad input."""
    eol = line_ending.value
    pairs: list[Header] = [("Action", action.name)]
    if action.action_id is not None:
        pairs.append(("ActionID", action.action_id))
    pairs.extend(action.headers)
    if len(pairs) > MAX_ACTION_HEADERS:
        raise LocalProtocolError(f"an action may carry at most {MAX_ACTION_HEADERS} headers")
    if not isinstance(action.name, str) or not action.name.strip():
        raise LocalProtocolError("action name is empty")
    lines: list[str] = []
    for key, value in pairs:
        if not isinstance(key, str) or not _KEY.match(key):
            raise LocalProtocolError(f"invalid header name {key!r}")
        check_value(value, f"header {key}")
        line = f"{key}: {value}"
        if len(line.encode("utf-8")) + len(eol) > MAX_LINE_BYTES:
            raise LocalProtocolError(f"header {key} is longer than {MAX_LINE_BYTES} bytes")
        lines.append(line)
    return (eol.join(lines) + eol + eol).encode("utf-8")


class ActionIdGenerator:
    """ActionIDs unique per process and per run: other AMI sessions see them (OriginateResponse)."""

    def __init__(self, prefix: str = "cp") -> None:
        check_value(prefix, "ActionID prefix")
        self._stem = f"{prefix}-{os.getpid():x}{secrets.token_hex(3)}-"
        self._counter = count(1)

    def __call__(self) -> str:
        return f"{self._stem}{next(self._counter)}"
