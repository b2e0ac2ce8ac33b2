"""Dialling rules: from a number as received or typed to what the PBX needs.

They apply to a number that is already clean (separators removed, only ``+?[0-9*#]``: the one
number normaliser's output) and give another such number:

1. An *internal* number — at most ``internal_max_digits`` digits, or any ``*``/``#`` (feature
   codes) — is dialled as it is.
2. Otherwise the rule with the longest matching ``prefix`` rewrites it. A prefix starting with
   ``+`` is matched against the number in E.164 (so ``+7=8`` also catches ``9161234567`` typed
   in Russia); any other prefix against the number as typed.
3. ``outside_prefix`` (the "9 for an outside line") goes in front of every external number
   that does not (still) start with ``+``.

With no rules and no outside prefix a number is dialled exactly as given.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .phone import to_e164

_PREFIX = re.compile(r"\+?[0-9*#]{0,16}", re.ASCII)
_REPLACEMENT = re.compile(r"\+?[0-9*#]{0,16}", re.ASCII)
_OUTSIDE = re.compile(r"[0-9*#]{0,8}", re.ASCII)
MAX_RULES = 50
DEFAULT_INTERNAL_DIGITS = 4


class DialRuleProblem(enum.Enum):
    """Why a rule or the outside-line prefix cannot be used (put in words by ui/)."""

    FORM = "form"  # not PREFIX=REPLACEMENT
    PREFIX = "prefix"
    REPLACEMENT = "replacement"
    TOO_MANY = "too_many"
    OUTSIDE_PREFIX = "outside_prefix"
    INTERNAL_DIGITS = "internal_digits"


class DialRuleError(ValueError):
    """A rule that cannot be used: ``problem`` says why, ``value`` is the text at fault; the
    message (for the CLI and the log) names it in English."""

    def __init__(self, problem: DialRuleProblem, value: str, message: str) -> None:
        super().__init__(message)
        self.problem = problem
        self.value = value


@dataclass(frozen=True)
class DialRule:
    prefix: str  # "+7", "+", "810"
    replacement: str  # "8", "", "+"

    def __post_init__(self) -> None:
        if not self.prefix or _PREFIX.fullmatch(self.prefix) is None:
            raise DialRuleError(
                DialRuleProblem.PREFIX,
                self.prefix,
                f"the rule's prefix {self.prefix!r} must be digits, * or #, with an optional +",
            )
        if _REPLACEMENT.fullmatch(self.replacement) is None:
            raise DialRuleError(
                DialRuleProblem.REPLACEMENT,
                self.replacement,
                f"the rule's replacement {self.replacement!r} must be digits, * or #, "
                "with an optional +",
            )

    @classmethod
    def parse(cls, text: str) -> DialRule:
        """``"+7=8"`` (spaces allowed around ``=``); the inverse of ``str()``."""
        if not isinstance(text, str) or text.count("=") != 1:
            raise DialRuleError(
                DialRuleProblem.FORM,
                str(text),
                f"a rule is written PREFIX=REPLACEMENT, e.g. +7=8, not {text!r}",
            )
        prefix, replacement = (part.strip(" ") for part in text.split("="))
        return cls(prefix, replacement)

    def __str__(self) -> str:
        return f"{self.prefix}={self.replacement}"

    @property
    def international(self) -> bool:
        return self.prefix.startswith("+")


@dataclass(frozen=True)
class DialRules:
    rules: tuple[DialRule, ...] = ()
    outside_prefix: str = ""
    internal_max_digits: int = DEFAULT_INTERNAL_DIGITS
    region: str = "US"  # where numbers without a country code belong (for "+" rules)
    _by_length: tuple[DialRule, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.rules) > MAX_RULES:
            raise DialRuleError(
                DialRuleProblem.TOO_MANY,
                str(len(self.rules)),
                f"at most {MAX_RULES} dialling rules",
            )
        if _OUTSIDE.fullmatch(self.outside_prefix) is None:
            raise DialRuleError(
                DialRuleProblem.OUTSIDE_PREFIX,
                self.outside_prefix,
                f"the outside-line prefix {self.outside_prefix!r} must be up to 8 digits, * or #",
            )
        if isinstance(self.internal_max_digits, bool) or not 0 <= self.internal_max_digits <= 16:
            raise DialRuleError(
                DialRuleProblem.INTERNAL_DIGITS,
                str(self.internal_max_digits),
                "internal numbers have 0 to 16 digits",
            )
        ordered = sorted(self.rules, key=lambda rule: len(rule.prefix), reverse=True)
        object.__setattr__(self, "_by_length", tuple(ordered))

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        *,
        outside_prefix: str = "",
        internal_max_digits: int = DEFAULT_INTERNAL_DIGITS,
        region: str = "US",
    ) -> DialRules:
        return cls(
            tuple(DialRule.parse(text) for text in texts if text.strip()),
            outside_prefix,
            internal_max_digits,
            region,
        )

    def is_internal(self, number: str) -> bool:
        digits = number.lstrip("+")
        return len(digits) <= self.internal_max_digits or "*" in number or "#" in number

    def apply(self, number: str) -> str:
        """What to dial for the clean ``number``."""
        if not number or self.is_internal(number):
            return number
        rewritten = self._rewrite(number)
        if rewritten.startswith("+"):
            return rewritten  # the PBX routes "+" numbers itself; "9+44…" would be nonsense
        return self.outside_prefix + rewritten

    def _rewrite(self, number: str) -> str:
        e164: str | None = None
        for rule in self._by_length:
            if rule.international:
                if e164 is None:
                    e164 = to_e164(number, self.region) or (number if number[0] == "+" else "")
                if e164.startswith(rule.prefix):
                    return rule.replacement + e164[len(rule.prefix) :]
            elif number.startswith(rule.prefix):
                return rule.replacement + number[len(rule.prefix) :]
        return number
