"""Click-to-call input from the command line: ``tel:``, ``callto:``, ``sip:`` links and numbers.

A browser or another application hands us whatever a web page contained, so this is untrusted
input. The only thing that can come out is a dialable number ``+?[0-9*#]{1,32}``; everything
else is refused with a reason the UI can show. Nothing is dialled here: the caller prefills the
dial box and asks the operator to confirm. Pure Python (no Qt) so it is easy to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

# Absolute imports: this file also loads on its own (a test loads it without the ui package).
from callpanel.ami.controls import CONTROL as _CONTROL
from callpanel.calls import numbers
from callpanel.calls.numbers import NumberProblem, NumberRefused, normalize_number

MAX_URI_LENGTH = 512
MAX_DIGITS = numbers.MAX_DIGITS
SCHEMES = ("tel", "callto", "sip", "sips")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.ASCII | re.DOTALL)
_PCT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class DialUri:
    """The outcome of parsing one argument: ``number`` or, if it is ``None``, a ``reason``."""

    number: str | None
    reason: str = ""
    scheme: str = ""  # "tel", "callto", "sip", "sips", or "" for a plain number

    @property
    def ok(self) -> bool:
        return self.number is not None


def _refuse(reason: str, scheme: str = "") -> DialUri:
    return DialUri(None, reason, scheme)


def is_dial_uri(text: str) -> bool:
    """Whether ``text`` uses one of our schemes (so argv handling knows it is meant for us)."""
    match = _SCHEME.match(text.strip()[:16])
    return match is not None and match.group(1).lower() in SCHEMES


def _number(candidate: str, scheme: str) -> DialUri:
    try:
        return DialUri(normalize_number(candidate), "", scheme)
    except NumberRefused as exc:
        if exc.problem is NumberProblem.EMPTY:
            return _refuse("the link contains no number", scheme)
        return _refuse(str(exc), scheme)


def _decode(text: str) -> str | None:
    """Percent-decode once; ``None`` if that produces invalid UTF-8 or control characters."""
    if "%" in text:
        if _PCT_ESCAPE.sub("", text).count("%"):
            return None  # a stray '%' is not a valid URI
        try:
            text = unquote(text, errors="strict")
        except UnicodeDecodeError:
            return None
    return None if _CONTROL.search(text) else text


def parse_dial_uri(text: str) -> DialUri:
    """``tel:+7-495-123-45-67;phone-context=x`` → ``DialUri("+74951234567", scheme="tel")``.

    Accepted: ``tel:`` (visual separators stripped, parameters dropped), ``callto:`` and
    ``callto://``, ``sip:``/``sips:`` whose user part is a number (``sip:101@pbx``), and plain
    numbers (``+7 (495) 123-45-67``). Refused: other schemes, anything over 512 characters,
    ``sip:`` with headers (``?``) or a password, and anything that is not ``+?[0-9*#]{1,32}``.
    """
    if not isinstance(text, str):
        return _refuse("not text")
    if len(text) > MAX_URI_LENGTH:
        return _refuse(f"the link is longer than {MAX_URI_LENGTH} characters")
    text = text.strip()
    if _CONTROL.search(text):
        return _refuse("the link contains control characters")
    match = _SCHEME.fullmatch(text)
    if match is None or (match.group(1).isdigit()):
        return _number(text, "")  # a plain number (nothing looks like "scheme:")
    scheme, body = match.group(1).lower(), match.group(2)
    if scheme not in SCHEMES:
        return _refuse(f"unsupported link type {scheme[:16]!r}:")
    if scheme in ("sip", "sips"):
        return _parse_sip(body, scheme)
    if body.startswith("//"):
        body = body[2:]
    # Parameters (";phone-context=…", ";ext=…") and, for callto, "?…" and a trailing "/".
    body = re.split(r"[;?]", body, maxsplit=1)[0].rstrip("/")
    decoded = _decode(body)
    if decoded is None:
        return _refuse("the link has a broken %-escape or control characters", scheme)
    return _number(decoded, scheme)


def _parse_sip(body: str, scheme: str) -> DialUri:
    if "?" in body:
        return _refuse("sip: links with headers are refused", scheme)
    user, at, _host = body.partition("@")
    if not at:
        user = body.split(";", 1)[0]  # "sip:101" or "sip:101;user=phone"
    user = user.split(";", 1)[0]  # user-part parameters: "+7495;phone-context=x@host"
    if ":" in user:
        return _refuse("sip: links with a password are refused", scheme)
    decoded = _decode(user)
    if decoded is None:
        return _refuse("the link has a broken %-escape or control characters", scheme)
    return _number(decoded, scheme)


def dial_uri_from_argv(argv: list[str]) -> DialUri | None:
    """The first positional argument that is a link or a number, parsed; ``None`` if there is
    none (options such as ``--demo`` are skipped)."""
    for arg in argv:
        if arg.startswith("-") and not is_dial_uri(arg):
            continue
        return parse_dial_uri(arg)
    return None
