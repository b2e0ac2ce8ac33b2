"""SHA-256 certificate fingerprints for pinning the AMI server's TLS certificate.

Accepted as typed by an admin: 64 hex digits, upper or lower case, with or without colons
between the byte pairs (``openssl x509 -noout -fingerprint -sha256`` prints
``sha256 Fingerprint=AB:CD:…``, that prefix is accepted too). The canonical form is the
colon-separated upper-case one, the way openssl and browsers show it.
"""

from __future__ import annotations

import hashlib
import re

from .errors import InvalidInput

_PREFIX = re.compile(r"\A\s*(?:sha-?256\s*(?:fingerprint)?\s*[=:]\s*)", re.IGNORECASE)
_COLONS = re.compile(r"\A[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}\Z")
_PLAIN = re.compile(r"\A[0-9A-Fa-f]{64}\Z")


def normalize_fingerprint(text: str) -> str:
    """``AB:CD:…`` (32 pairs) for a valid SHA-256 fingerprint; raises ``InvalidInput``."""
    if not isinstance(text, str):
        raise InvalidInput(f"the certificate fingerprint must be text, got {type(text).__name__}")
    value = _PREFIX.sub("", text).strip()
    if _COLONS.fullmatch(value) is None and _PLAIN.fullmatch(value) is None:
        shown = text if len(text) <= 120 else text[:120] + "…"
        raise InvalidInput(
            f"invalid SHA-256 certificate fingerprint {shown!r}: expected 64 hex digits, "
            "optionally as 32 colon-separated pairs (AB:CD:…)"
        )
    digits = value.replace(":", "").upper()
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


def certificate_fingerprint(der: bytes) -> str:
    """The canonical SHA-256 fingerprint of a DER-encoded certificate."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2))
