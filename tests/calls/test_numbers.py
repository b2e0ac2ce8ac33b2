"""The one number rule: separators go, anything else is refused by name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.calls.numbers import (
    MAX_DIGITS,
    SEPARATORS,
    NumberProblem,
    NumberRefused,
    describe_character,
    is_dialable,
    normalize_number,
    strip_separators,
)

DETERMINISTIC = settings(derandomize=True, deadline=None, database=None, max_examples=300)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("+7 (916) 123-45-67", "+79161234567"),
        ("8.499.765.43.21", "84997654321"),
        ("[101]", "101"),
        ("*72#", "*72#"),
        ("\u00a0101\u2009", "101"),
        ("+7\u202f916\u2013123\u201445\u221267", "+79161234567"),
        ("1" * MAX_DIGITS, "1" * MAX_DIGITS),
    ],
)
def test_separators_are_removed(text: str, number: str) -> None:
    assert normalize_number(text) == number


@pytest.mark.parametrize(
    ("text", "char", "named"),
    [
        ("101/102", "/", "'/'"),
        ("102\n103", "\n", "a line break (U+000A)"),
        ("102\r\n103", "\r", "a line break (U+000D)"),
        ("102\u2028103", "\u2028", "a line break (U+2028)"),
        ("102\t103", "\t", "a tab (U+0009)"),
        ("1O1", "O", "'O'"),
        ("100&PJSIP/x", "&", "'&'"),
        ("101@default", "@", "'@'"),
        ("101,,tT", ",", "','"),
        ("١٠١", "١", "U+0661 ARABIC-INDIC DIGIT ONE"),
        ("１０１", "１", "U+FF11 FULLWIDTH DIGIT ONE"),
        ("\u202e101", "\u202e", "a control character (U+202E)"),
        ("101\x00", "\x00", "a control character (U+0000)"),
    ],
)
def test_anything_else_is_refused_by_name(text: str, char: str, named: str) -> None:
    with pytest.raises(NumberRefused) as info:
        normalize_number(text)
    assert info.value.problem is NumberProblem.CHARACTER and info.value.char == char
    assert named in str(info.value) and describe_character(char) in str(info.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", NumberProblem.EMPTY),
        (" -() ", NumberProblem.EMPTY),
        ("+", NumberProblem.EMPTY),
        ("12+3", NumberProblem.PLUS),
        ("++7", NumberProblem.PLUS),
        ("1" * (MAX_DIGITS + 1), NumberProblem.TOO_LONG),
    ],
)
def test_other_problems(text: str, problem: NumberProblem) -> None:
    with pytest.raises(NumberRefused) as info:
        normalize_number(text)
    assert info.value.problem is problem
    assert not is_dialable(text)


def test_an_input_field_keeps_what_it_cannot_dial() -> None:
    assert strip_separators("8 (916) 1/2\n3") == "89161/2\n3"


_DIALABLE = st.text(alphabet="0123456789*#", min_size=1, max_size=12)
_JOINER = st.characters(blacklist_characters="".join(SEPARATORS) + "0123456789*#")


@DETERMINISTIC
@given(_DIALABLE, _JOINER, _DIALABLE)
def test_two_numbers_never_become_one(first: str, joiner: str, second: str) -> None:
    with pytest.raises(NumberRefused):
        normalize_number(first + joiner + second)


@DETERMINISTIC
@given(st.text(max_size=40))
def test_what_comes_out_is_dialable(text: str) -> None:
    try:
        out = normalize_number(text)
    except NumberRefused:
        return
    assert out.isascii() and 1 <= len(out.lstrip("+")) <= MAX_DIGITS
    assert all(c in "0123456789*#" for c in out.lstrip("+"))
