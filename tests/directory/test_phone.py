from __future__ import annotations

import pytest

from callpanel.directory.phone import (
    check_region,
    display,
    effective_region,
    region_from_locale,
    to_e164,
)


@pytest.mark.parametrize(
    ("number", "region", "shown"),
    [
        ("+79161234567", "RU", "+7 916 123-45-67"),
        ("89161234567", "RU", "8 (916) 123-45-67"),
        ("74997654321", "RU", "+7 499 765-43-21"),
        ("+442071838750", "RU", "+44 20 7183 8750"),
        ("+375291234567", "RU", "+375 29 123-45-67"),
        ("+14155552671", "DE", "+1 415-555-2671"),
        ("4155552671", "US", "(415) 555-2671"),
        ("030123456", "DE", "030 123456"),
        ("101", "RU", "101"),
        ("*72", "RU", "*72"),
        ("anonymous", "RU", "anonymous"),
        ("", "RU", ""),
        ("<b>x</b>", "RU", "<b>x</b>"),
        ("89161234567", "US", "89161234567"),  # not a US number: left as it is
    ],
)
def test_display_groups_by_country_and_keeps_the_digits(
    number: str, region: str, shown: str
) -> None:
    assert display(number, region) == shown


@pytest.mark.parametrize(
    ("number", "region", "e164"),
    [
        ("+7 916 123-45-67", "RU", "+79161234567"),
        ("8 (916) 123-45-67", "RU", "+79161234567"),
        ("9161234567", "RU", "+79161234567"),
        ("(415) 555-2671", "US", "+14155552671"),
        ("+442071838750", "US", "+442071838750"),
        ("101", "RU", None),
        ("anonymous", "RU", None),
        ("+7916;ext", "RU", None),
    ],
)
def test_to_e164(number: str, region: str, e164: str | None) -> None:
    assert to_e164(number, region) == e164


def test_regions() -> None:
    assert check_region(" ru ") == "RU"
    assert check_region("") == ""
    with pytest.raises(ValueError, match="unknown region"):
        check_region("XX")
    with pytest.raises(ValueError):
        check_region("RUS")
    assert region_from_locale("ru_RU.UTF-8") == "RU"
    assert region_from_locale("de-AT") == "AT"
    assert region_from_locale("C") is None
    assert effective_region("KZ", "ru_RU") == "KZ"
    assert effective_region("", "ru_RU") == "RU"
    assert effective_region("", "C") == "US"
