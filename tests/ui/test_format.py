from __future__ import annotations

import pytest

from callpanel.ui.format import (
    caller_line,
    clean_dial_input,
    format_duration,
    format_number,
    set_display_region,
)


@pytest.mark.parametrize(
    ("raw", "pretty"),
    [
        ("+79161234567", "+7 916 123-45-67"),
        ("89161234567", "8 (916) 123-45-67"),
        ("74997654321", "+7 499 765-43-21"),
        ("1234567", "1234567"),  # no area code: not a valid number anywhere, left alone
        ("101", "101"),
        ("+442071838750", "+44 20 7183 8750"),  # every country now, by phonenumbers
        ("+375291234567", "+375 29 123-45-67"),
        ("anonymous", "number withheld"),
        ("", ""),
        ("<b>x</b>", "<b>x</b>"),
    ],
)
def test_format_number(raw: str, pretty: str) -> None:
    assert format_number(raw, "RU") == pretty


def test_the_display_region_is_set_once() -> None:
    set_display_region("US")
    try:
        assert format_number("4155552671") == "(415) 555-2671"
        set_display_region("RU")
        assert format_number("89161234567") == "8 (916) 123-45-67"
    finally:
        set_display_region("US")


@pytest.mark.parametrize(
    ("pasted", "clean"),
    [
        ("+7 (916) 123-45-67", "+79161234567"),
        ("8 916 123 45 67", "89161234567"),
        ("+7\u00a0916\u00a0123–45–67", "+79161234567"),
        ("  101 ", "101"),
        ("7.499.765.43.21", "74997654321"),
        # only separators go: the rest stays visible so that dialling refuses it by name
        ("100&PJSIP/x", "100&PJSIP/x"),
        ("101/102", "101/102"),
        ("102\n103", "102\n103"),
    ],
)
def test_clean_dial_input(pasted: str, clean: str) -> None:
    assert clean_dial_input(pasted) == clean


def test_duration() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(7.9) == "0:07"
    assert format_duration(754) == "12:34"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(-5) == "0:00"


def test_caller_line() -> None:
    assert caller_line("Ivan Petrov", "+79161234567") == "Ivan Petrov, +7 916 123-45-67"
    assert caller_line("", "+79161234567") == "+7 916 123-45-67"
    assert caller_line("+79161234567", "+79161234567") == "+7 916 123-45-67"
    assert caller_line("Ivan", "") == "Ivan"
