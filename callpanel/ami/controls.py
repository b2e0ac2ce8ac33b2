"""One definition of a control character, for everything that goes out or gets logged.

C0 controls (CR, LF, NUL …), DEL, C1 controls (U+0085 NEL is a line break for some readers)
and the Unicode line and paragraph separators U+2028/U+2029. A value holding one of them must
not reach an AMI action (it could end the header and start another), a settings file (every
later dial would fail) or a log line unescaped (it could forge a line).
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What Python's str.splitlines() and JSON-lines readers also treat as a line break, beyond the
# C0 controls json.dumps already escapes.
_JSON_BREAKS = re.compile("[\x85\u2028\u2029]")
LOG_VALUE_LIMIT = 300  # characters of outside text kept in one log line


def find_control(text: str) -> int | None:
    """Index of the first control character in ``text``, or None."""
    found = CONTROL.search(text)
    return None if found is None else found.start()


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Every control character as a visible escape (``\\n``, ``\\x85``, ``\\u2028``)."""
    return CONTROL.sub(_escape, text)


def escape_for_log(value: object, limit: int = LOG_VALUE_LIMIT) -> str:
    """Outside text (a server's value, a host name typed by someone) made safe for one log line:
    control characters escaped so that nothing can end the line, long text cut."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + f"…(+{len(text) - limit} chars)"
    return escape_controls(text)


def escape_json_line_breaks(line: str) -> str:
    """A ``json.dumps(..., ensure_ascii=False)`` line with U+0085/U+2028/U+2029 escaped.

    JSON allows them raw, but readers that split lines on them (Python's ``splitlines``,
    JavaScript before ES2019) would cut an object in two.
    """
    return _JSON_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
