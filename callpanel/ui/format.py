"""Text helpers for the panel: numbers formatted for reading, durations, pasted numbers cleaned.

Pure functions (no Qt) so they are easy to test; the widgets call them.
"""

from __future__ import annotations

import re

# What people paste around a phone number: spaces (also no-break and thin), brackets, dashes, dots.
_PASTE_NOISE = re.compile(r"[\s()\[\]\-‐‑‒–—.\u00a0\u2009\u202f/]")
_DIGITS = re.compile(r"\+?[0-9]+")


def clean_dial_input(text: str) -> str:
    """Strip the punctuation people paste with a number: '+7 (916) 123-45-67' -> '+79161234567'.

    Letters and other symbols stay so that validation (the client's ``normalize_number``) can
    reject them with a clear message instead of the panel silently dialling something else.
    """
    return _PASTE_NOISE.sub("", text)


def format_number(number: str) -> str:
    """A phone number grouped for reading: '+79161234567' -> '+7 916 123-45-67'.

    Anything that is not a plain number (extensions, 'anonymous', SIP URIs) is returned unchanged.
    """
    if not _DIGITS.fullmatch(number):
        return number
    plus = number.startswith("+")
    digits = number[1:] if plus else number
    prefix = "+" if plus else ""
    if len(digits) == 11 and digits[0] in "78":
        # Russia/Kazakhstan: +7 916 123-45-67, 8 916 123-45-67
        return f"{prefix}{digits[0]} {digits[1:4]} {digits[4:7]}-{digits[7:9]}-{digits[9:11]}"
    if len(digits) == 7 and not plus:
        return f"{digits[0:3]}-{digits[3:5]}-{digits[5:7]}"
    if plus and len(digits) == 12 and digits[:3] in ("375", "380"):
        # Belarus, Ukraine: +375 29 123-45-67
        return f"+{digits[:3]} {digits[3:5]} {digits[5:8]}-{digits[8:10]}-{digits[10:12]}"
    # Elsewhere the grouping rules differ per country and operator: better unchanged than wrong.
    return number


def format_duration(seconds: float) -> str:
    """0:07, 12:34, 1:02:03."""
    total = max(0, int(seconds))
    hours, rem = divmod(total, 3600)
    minutes, secs = divmod(rem, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def caller_line(name: str, number: str) -> str:
    """'Ivan Petrov, +7 916 123-45-67' or just the number when there is no (useful) name."""
    pretty = format_number(number)
    clean_name = name.strip()
    if not clean_name or clean_name == number or clean_name.lower() in ("unknown", "<unknown>"):
        return pretty or number
    if not number:
        return clean_name
    return f"{clean_name}, {pretty}"
