"""The panel's log: a rotating file in the user's log directory, and the same lines on stderr.

Every line is one record. Text that came from outside (caller names, AMI values, exception
messages) is escaped, so a name with a newline cannot forge a log line, and each message is
bounded in length. The AMI secret never reaches the file: ``register_secret`` adds the values to
blank out, and ``Secret:``/``Key:`` header values are blanked whatever they hold. The file is
readable only by the user (it holds phone numbers). ``recent_log`` reads its tail back for
``callpanel diagnostics``.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import threading
import unicodedata
import weakref
from pathlib import Path
from typing import Any

from . import paths

LOG_FILE = "callpanel.log"
MAX_BYTES = 1_000_000  # one file; with BACKUPS the log holds at most ~4 MB
BACKUPS = 3
MAX_MESSAGE = 4000  # characters of one record's message (a whole AMI dump is cut)
REDACTED = "********"
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# AMI headers that carry the secret or its MD5 digest, however a message quotes them (no \b:
# in an escaped dump the header follows the letter of a literal "\n")
_SECRET_HEADER = re.compile(r"(?i)(secret|key)(\s*[:=]\s*)([^\s\\,;'\"]+)")

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Blank ``value`` out of every later log line (the current AMI secret)."""
    if value and len(value) >= 3:  # a one- or two-letter "secret" would blank common words
        with _secrets_lock:
            _secrets.add(value)


def forget_secrets() -> None:
    with _secrets_lock:
        _secrets.clear()


def redact(text: str) -> str:
    """``text`` without the registered secrets and without ``Secret:``/``Key:`` values."""
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)
    for value in known:
        text = text.replace(value, REDACTED)
    return _SECRET_HEADER.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)


def escape(text: str) -> str:
    """Control and invisible format characters as ``\\n``, ``\\x07``, ``\\u202e``; backslash
    doubled, so the escaped form is unambiguous."""
    out: list[str] = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\r\n\t":
            out.append({"\r": "\\r", "\n": "\\n", "\t": "\\t"}[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def bound(text: str, limit: int = MAX_MESSAGE) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


class SafeFormatter(logging.Formatter):
    """One line per record: the message escaped, bounded and redacted; a traceback follows on
    indented lines (so no continuation line can look like a record of its own)."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception as exc:  # a bad %-format in a log call must not lose the record
            message = f"{record.msg!r} {record.args!r} (unformattable: {exc})"
        clean = logging.makeLogRecord(record.__dict__)
        clean.msg, clean.args = escape(bound(redact(message))), None
        clean.exc_info, clean.exc_text, clean.stack_info = None, None, None
        line = super().format(clean)
        extra = []
        if record.exc_info:
            extra.append(self.formatException(record.exc_info))
        if record.stack_info:
            extra.append(self.formatStack(record.stack_info))
        for block in extra:
            for tb_line in block.splitlines():
                line += "\n    " + escape(bound(redact(tb_line)))
        return line


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file created readable only by its owner (POSIX; Windows keeps per-user ACLs
    on the profile's log directory)."""

    def _open(self) -> io.TextIOWrapper[Any]:
        if os.name == "posix":
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.chmod(self.baseFilename, 0o600)  # a file left by an older version
            return open(fd, "a", encoding=self.encoding, errors=self.errors)
        return super()._open()


def log_path() -> Path:
    return paths.log_dir() / LOG_FILE


def setup_logging(level: int = logging.INFO, *, to_file: bool = True) -> Path | None:
    """Log ``level`` and up to stderr and (unless ``to_file`` is false or the directory cannot be
    made) to the rotating file. Returns the file's path, or None. Safe to call twice."""
    root = logging.getLogger()
    root.setLevel(level)
    formatter = SafeFormatter(LINE_FORMAT)
    for handler in list(root.handlers):
        if handler in _OURS:
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    _mark(console)
    root.addHandler(console)
    if not to_file:
        return None
    path = log_path()
    try:
        paths.ensure_private_dir(path.parent)
        file_handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", errors="replace"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file (%s): %s", path, exc)
        return None
    file_handler.setFormatter(formatter)
    _mark(file_handler)
    root.addHandler(file_handler)
    return path


# The handlers setup_logging added (a second call replaces them, and only them).
_OURS: weakref.WeakSet[logging.Handler] = weakref.WeakSet()


def _mark(handler: logging.Handler) -> None:
    _OURS.add(handler)


def recent_log(max_bytes: int = 64_000, path: Path | None = None) -> str:
    """The last ``max_bytes`` of the log (from the previous file too when the current one is
    short), starting at a whole line. Empty when there is no log yet."""
    current = path or log_path()
    chunks: list[bytes] = []
    remaining = max_bytes
    for candidate in (current, current.with_name(current.name + ".1")):
        if remaining <= 0:
            break
        try:
            with candidate.open("rb") as fh:
                fh.seek(0, os.SEEK_END)
                size = fh.tell()
                fh.seek(max(0, size - remaining))
                data = fh.read()
        except OSError:
            continue
        chunks.insert(0, data)
        remaining -= len(data)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    if len(text.encode("utf-8")) >= max_bytes and "\n" in text:
        text = text.split("\n", 1)[1]  # drop the partial first line
    return redact(text)
