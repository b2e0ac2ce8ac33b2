"""Log lines that outside text cannot forge: control characters in a message are escaped.

Asterisk's values, caller names and command-line arguments end up in log messages; a bare LF
in one of them would start what looks like a new log line. :class:`EscapingFilter` escapes
every control character in the formatted message (``\\n``, ``\\x85``, ``\\u2028``); tracebacks
are added by the formatter afterwards and keep their lines. ``install()`` puts it on every
handler of the root logger: call it after configuring logging (and for any handler added later).
"""

from __future__ import annotations

import logging

from .ami.controls import CONTROL, escape_controls


class EscapingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let logging report it as usual
            return True
        if CONTROL.search(message) is not None:
            record.msg, record.args = escape_controls(message), None
        return True


def install(handler: logging.Handler | None = None) -> None:
    """Escape control characters on ``handler``, or on every handler of the root logger."""
    handlers = [handler] if handler is not None else logging.getLogger().handlers
    for target in handlers:
        if not any(isinstance(f, EscapingFilter) for f in target.filters):
            target.addFilter(EscapingFilter())
