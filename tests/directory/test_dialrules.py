from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callpanel.directory.dialrules import DialRule, DialRuleError, DialRules

RU = DialRules.from_texts(["+7=8", "+=810"], region="RU")


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        ("+79161234567", "89161234567"),  # the example
        ("9161234567", "89161234567"),  # national without the trunk 8: still +7 in E.164
        ("89161234567", "89161234567"),
        ("+442071838750", "810442071838750"),  # any other country: 810 + international
        ("101", "101"),  # extensions as they are
        ("4444", "4444"),
        ("*72101", "*72101"),  # feature codes as they are
        ("", ""),
    ],
)
def test_russian_rules(typed: str, dialled: str) -> None:
    assert RU.apply(typed) == dialled


def test_longest_prefix_wins_whatever_the_order() -> None:
    one = DialRules.from_texts(["+=00", "+7=8"], region="RU")
    two = DialRules.from_texts(["+7=8", "+=00"], region="RU")
    assert one.apply("+79161234567") == two.apply("+79161234567") == "89161234567"
    assert one.apply("+4930123456") == "004930123456"


def test_outside_line_prefix_only_for_external_numbers() -> None:
    rules = DialRules.from_texts(["+7=8"], outside_prefix="9", region="RU")
    assert rules.apply("+79161234567") == "989161234567"
    assert rules.apply("102") == "102"
    assert rules.apply("84951234567") == "984951234567"
    assert rules.apply("+442071838750") == "+442071838750"  # "9+44…" cannot be dialled


def test_plain_prefix_rules_match_the_number_as_typed() -> None:
    rules = DialRules.from_texts(["00=+"], region="DE")
    assert rules.apply("004930123456") == "+4930123456"


def test_no_rules_dial_exactly_as_given() -> None:
    rules = DialRules(region="RU")
    for number in ("+79161234567", "89161234567", "101", "+442071838750"):
        assert rules.apply(number) == number


def test_internal_length_is_configurable() -> None:
    rules = DialRules.from_texts(["+7=8"], internal_max_digits=6, region="RU")
    assert rules.apply("123456") == "123456"


@pytest.mark.parametrize("text", ["+7", "+7=8=9", "7&=8", "+7=8/", "=8", "+7=a", "+7\n=8"])
def test_bad_rules_are_refused_by_name(text: str) -> None:
    with pytest.raises(DialRuleError):
        DialRule.parse(text)


def test_bad_outside_prefix_and_limits() -> None:
    with pytest.raises(DialRuleError, match="outside-line prefix"):
        DialRules(outside_prefix="9,")
    with pytest.raises(DialRuleError):
        DialRules(internal_max_digits=-1)
    with pytest.raises(DialRuleError, match="at most"):
        DialRules(tuple(DialRule(f"+{i}", "") for i in range(60)))


def test_rule_round_trip() -> None:
    assert str(DialRule.parse(" +7 = 8 ")) == "+7=8"


@given(st.from_regex(r"\+?[0-9*#]{1,32}", fullmatch=True))
def test_output_is_always_a_dialable_number(number: str) -> None:
    out = RU.apply(number)
    assert out == "" or out.lstrip("+").replace("*", "0").replace("#", "0").isdigit()
    assert "+" not in out[1:]
