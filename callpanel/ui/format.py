"""Text helpers for the panel: numbers formatted for reading, durations, pasted numbers cleaned.

Pure functions (no Qt) so they are easy to test; the widgets call them.
"""

from __future__ import annotations

import unicodedata

from ..calls.numbers import strip_separators
from ..directory.contacts import WITHHELD
from ..directory.phone import FALLBACK_REGION, display

_display_region = FALLBACK_REGION
# What a withheld caller ID ("anonymous", "restricted", …) reads as, in the current language
# (set by ``i18n.Translations.install``, so this module stays free of Qt).
_withheld_text = "number withheld"


def clean_dial_input(text: str) -> str:
    """Remove the separators people paste with a number: '+7 (916) 123-45-67' -> '+79161234567'.

    Only separators (:data:`callpanel.calls.numbers.SEPARATORS`) go; a ``/``, a line break, a
    letter stays visible so that dialling refuses it by name instead of the panel silently
    dialling something else (``101/102`` must never become 101102).
    """
    return strip_separators(text)


def set_display_region(region: str) -> None:
    """The country numbers without a country code are read in (from the settings or locale)."""
    global _display_region
    _display_region = region


def set_withheld_text(text: str) -> None:
    global _withheld_text
    _withheld_text = text


def format_number(number: str, region: str | None = None) -> str:
    """A phone number grouped for reading, in the conventions of its country:
    '+79161234567' -> '+7 916 123-45-67', '+442071838750' -> '+44 20 7183 8750'.

    A withheld caller ID ('anonymous', 'restricted', …) reads "number withheld" in the user's
    language; extensions, SIP URIs and anything not a valid number are returned unchanged.
    """
    stripped = number.strip()
    if stripped and stripped.lower() in WITHHELD:
        return _withheld_text
    return display(number, region or _display_region)


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
    if has_right_to_left(clean_name):
        # in a bidi isolate: an Arabic name must not drag the number into its direction
        clean_name = f"\u2068{clean_name}\u2069"
    return f"{clean_name}, {pretty}"


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def is_right_to_left(text: str) -> bool:
    """The first strong character decides, as the Unicode bidi algorithm does (P2/P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
