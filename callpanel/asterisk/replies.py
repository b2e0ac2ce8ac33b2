"""What Asterisk's replies mean for us: typed errors, the MD5 login key, fatal parse errors."""

from __future__ import annotations

import hashlib

from ..ami import MessageTooLarge, RemoteProtocolError, Response
from .errors import ActionFailed, PermissionDenied


def is_permission_denied(message: str) -> bool:
    return message.strip().lower().startswith("permission denied")


def action_error(action: str, response: Response) -> ActionFailed:
    """``Response: Error`` → the typed error the caller sees (Asterisk's own wording kept)."""
    if is_permission_denied(response.message):
        return PermissionDenied(action, response.message, response)
    return ActionFailed(action, response.message, response)


def md5_key(challenge: str, secret: str) -> str:
    """``Key`` for an MD5 login: lowercase hex of MD5(challenge + secret) (docs/AMI.md §3)."""
    return hashlib.md5((challenge + secret).encode("utf-8"), usedforsecurity=False).hexdigest()


def is_oversized(exc: RemoteProtocolError) -> bool:
    """The parser gave up on a message too large to buffer: the stream cannot be trusted."""
    return isinstance(exc, MessageTooLarge)
