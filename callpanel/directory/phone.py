"""Phone numbers for reading and for matching, in every region (Google's ``phonenumbers``).

``display`` groups a number the way people of that country write it; ``to_e164`` gives the one
canonical form a caller's number and a contact's number are compared in. Extensions, SIP user
names, "anonymous" and anything ``phonenumbers`` cannot make sense of are returned unchanged
(display) or give ``None`` (matching): wrong grouping is worse than none.
"""

from __future__ import annotations

import locale
import os
import re
from typing import TYPE_CHECKING

from ..calls.numbers import strip_separators

if TYPE_CHECKING:
    import phonenumbers

# ``phonenumbers`` is imported where it is used, not here: loading its metadata costs a tenth
# of a second at start-up, and the connector (asterisk/config.py holds DialRules) and
# ``callpanel replay`` import this module without ever formatting a number.

FALLBACK_REGION = "US"  # phonenumbers' own choice when nothing better is known
_REGION = re.compile(r"[A-Z]{2}")
_PLAIN = re.compile(r"\+?[0-9]{1,32}")
MIN_PUBLIC_DIGITS = 5  # shorter ones are extensions or service codes: never reformatted


def supported_regions() -> frozenset[str]:
    import phonenumbers

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


def check_region(value: str) -> str:
    """``""`` (from the locale) or an ISO 3166 code that ``phonenumbers`` knows ("RU", "de")."""
    code = value.strip().upper()
    if code and (_REGION.fullmatch(code) is None or code not in supported_regions()):
        raise ValueError(f"unknown region {value!r}: use a two-letter country code such as RU")
    return code


def region_from_locale(name: str | None = None) -> str | None:
    """ "ru_RU.UTF-8" → "RU"; ``None`` when the locale names no known country."""
    if name is None:
        name = os.environ.get("LC_ALL") or os.environ.get("LANG") or locale.getlocale()[0] or ""
    match = re.match(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})", name)
    if match is None:
        return None
    code = match.group(1).upper()
    return code if code in supported_regions() else None


def effective_region(setting: str, locale_name: str | None = None) -> str:
    """The region numbers without a country code belong to: the setting, else the locale."""
    return setting or region_from_locale(locale_name) or FALLBACK_REGION


def _parse(number: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    compact = strip_separators(number)
    if _PLAIN.fullmatch(compact) is None or len(compact.lstrip("+")) < MIN_PUBLIC_DIGITS:
        return None
    try:
        parsed = phonenumbers.parse(compact, region)
    except phonenumbers.NumberParseException:
        return None
    return parsed


def to_e164(number: str, region: str) -> str | None:
    """'8 (916) 123-45-67' in RU → '+79161234567'; ``None`` for extensions and non-numbers."""
    import phonenumbers

    parsed = _parse(number, region)
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display(number: str, region: str) -> str:
    """A number grouped for reading, keeping the digits the operator knows it by:
    '+79161234567' → '+7 916 123-45-67', '89161234567' (RU) → '8 (916) 123-45-67'."""
    import phonenumbers

    parsed = _parse(number, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return number
    digits = re.sub(r"\D", "", number)
    if not number.startswith("+"):
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        if re.sub(r"\D", "", national) == digits:
            return national
    international = phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    if re.sub(r"\D", "", international) == digits:
        return international
    return number  # grouping would change the digits (e.g. a national trunk prefix): leave it
