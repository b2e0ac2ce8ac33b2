"""Broker credentials and ACL lines for one panel (or the hub), in Mosquitto's own formats.

Passwords are stored as Mosquitto 2.0's ``mosquitto_passwd`` writes them: ``$7$`` =
PBKDF2-HMAC-SHA512, then the iteration count, a 12-byte salt and the 64-byte hash, each in
base64 (``user:$7$101$SALT$HASH``). The ACL gives an operator read access to its own topics and
the shared ones, and write access to its own command topic only.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import topics

ITERATIONS = 101  # mosquitto_passwd's default in 2.0
SALT_BYTES = 12
HASH_BYTES = 64
PASSWORD_BYTES = 18  # 24 characters of URL-safe base64


def new_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations, HASH_BYTES)
    b64 = base64.b64encode
    return f"$7${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Check ``password`` against a ``$7$`` hash (what the broker does at login)."""
    parts = stored.split("$")
    if len(parts) != 5 or parts[1] != "7":
        return False
    try:
        iterations = int(parts[2])
        salt, digest = base64.b64decode(parts[3]), base64.b64decode(parts[4])
    except ValueError:
        return False
    mine = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations, len(digest))
    return hmac.compare_digest(mine, digest)


def operator_acl(operator: str) -> list[str]:
    topics.check_operator(operator)
    lines = [f"# callpanel operator {operator}", f"user {operator}"]
    lines += [f"topic read {topics.HUB_STATUS}", f"topic read {topics.PRESENCE}"]
    lines += [f"topic read {topics.operator_topic(operator, leaf)}" for leaf in topics.PANEL_READS]
    lines += [
        f"topic write {topics.operator_topic(operator, leaf)}" for leaf in topics.PANEL_WRITES
    ]
    return lines


def hub_acl(user: str = topics.DEFAULT_HUB_USER) -> list[str]:
    topics.check_operator(user)
    return [f"# callpanel hub {user}", f"user {user}", f"topic readwrite {topics.ROOT}/#"]


def _write_private(path: Path, text: str) -> None:
    """Replace ``path`` atomically. A new file is readable by its owner only; an existing one
    keeps its owner and group (e.g. root:mosquitto, so the broker can read it after it dropped
    root), never wider than 0640: it holds password hashes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.stat() if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600 if old is None else (old.st_mode & 0o640))
        if old is not None and hasattr(os, "chown"):
            with contextlib.suppress(PermissionError):
                os.chown(tmp, old.st_uid, old.st_gid)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_password(passwd_file: Path, user: str, password: str) -> None:
    """Add or replace ``user``'s line in a Mosquitto password file."""
    topics.check_operator(user)
    lines = passwd_file.read_text(encoding="utf-8").splitlines() if passwd_file.exists() else []
    kept = [line for line in lines if line.split(":", 1)[0] != user]
    kept.append(f"{user}:{hash_password(password)}")
    _write_private(passwd_file, "\n".join(kept) + "\n")


def set_acl(acl_file: Path, block: Sequence[str]) -> None:
    """Add or replace one ``# callpanel …`` block (up to the next blank line) in an ACL file."""
    header = block[0]
    lines = acl_file.read_text(encoding="utf-8").splitlines() if acl_file.exists() else []
    out: list[str] = []
    skipping = False
    for line in lines:
        if line == header:
            skipping = True
            continue
        if skipping:
            if line.strip():
                continue
            skipping = False
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    if out:
        out.append("")
    out.extend(block)
    _write_private(acl_file, "\n".join(out) + "\n")
