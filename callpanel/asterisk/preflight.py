"""Settings that make a login impossible, found before a single byte is sent.

Each problem is a :class:`ConfigurationError` naming the setting: the manager then stops
instead of retrying (retrying a missing CA file forever helps nobody), ``callpanel monitor``
exits with its own code, and the panel opens the settings with that field marked.
"""

from __future__ import annotations

import os

from ..ami.codec import MAX_LINE_BYTES
from ..ami.controls import find_control
from .config import ConnectionConfig
from .errors import ConfigurationError

MAX_USERNAME_LENGTH = 80  # manager.conf section names are short; Asterisk's own limit is 80


def check_username(username: str) -> str:
    if not username:
        raise ConfigurationError("the AMI user name is empty", "username")
    at = find_control(username)
    if at is not None:
        raise ConfigurationError(
            f"the AMI user name contains a control character ({username[at]!r} at index {at})",
            "username",
        )
    if len(username) > MAX_USERNAME_LENGTH or ":" in username or username != username.strip():
        raise ConfigurationError(
            "the AMI user name must be at most 80 characters, without ':' or outer spaces",
            "username",
        )
    return username


def check_secret(secret: str) -> str:
    """The secret must be valid text without control characters (its value is never shown)."""
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigurationError("the AMI secret is not valid UTF-8 text", "secret") from None
    at = find_control(secret)
    if at is not None:
        raise ConfigurationError(
            f"the AMI secret contains a control character at index {at}", "secret"
        )
    return secret


def check_plain_secret(secret: str) -> None:
    """A plain-text ``Secret:`` header must fit Asterisk's 1,024-byte line."""
    size = len(f"Secret: {secret}\r\n".encode())
    if size > MAX_LINE_BYTES:
        raise ConfigurationError(
            f"the AMI secret is too long for a plain-text login ({size - 10} bytes; "
            f"at most {MAX_LINE_BYTES - 10})",
            "secret",
        )


def check_login_settings(config: ConnectionConfig) -> None:
    """Raise ConfigurationError for the first local problem in ``config``."""
    check_username(config.username)
    check_secret(config.secret)
    if config.tls and config.cafile is not None:
        cafile = config.cafile
        if not os.path.isfile(cafile) or not os.access(cafile, os.R_OK):
            raise ConfigurationError(f"the CA file {cafile!r} cannot be read", "cafile")
