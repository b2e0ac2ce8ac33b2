"""The one rule for what a typed, pasted or linked phone number may contain.

Used by the dial box, click-to-call links, call-back from the history, the transfer dialog
and the client (which checks again before anything reaches Asterisk). Dialling rules
(``callpanel.directory``) rewrite a number that has passed here.

* Separators people type or paste inside a number are removed: spaces (also no-break and
  thin spaces), brackets, dashes (also the Unicode dashes) and dots.
* What is left must be ``+?[0-9*#]{1,32}`` in ASCII. Anything else is refused, never stripped,
  with the offending character named: ``/`` (a technology in a dial string), a line break (two
  pasted numbers), letters, ``&`` (a second dial target), ``@`` (a context), ``,`` and ``;``
  (Dial options), non-ASCII digits (Asterisk cannot dial them). Two numbers never become one.

API::

    normalize_number("+7 (916) 123-45-67")  -> "+79161234567"
    normalize_number("101/102")             -> raises NumberRefused(problem=CHARACTER, char="/")
    strip_separators("8 (916) 1/2")          -> "89161/2"   (for an input field; not validated)
    describe_character("\\n")               -> "a line break (U+000A)"
"""

from __future__ import annotations

import enum
import unicodedata

__all__ = [
    "MAX_DIGITS",
    "SEPARATORS",
    "NumberProblem",
    "NumberRefused",
    "describe_character",
    "is_dialable",
    "normalize_number",
    "strip_separators",
]

MAX_DIGITS = 32
SEPARATORS = frozenset(" \u00a0\u2009\u202f()[]-\u2010\u2011\u2012\u2013\u2014\u2212.")
_STRIP = str.maketrans(dict.fromkeys(SEPARATORS))
_DIALABLE = frozenset("0123456789*#")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


class NumberProblem(enum.Enum):
    EMPTY = "empty"  # nothing but separators
    TOO_LONG = "too_long"  # more than MAX_DIGITS dialable characters
    CHARACTER = "character"  # a character that cannot be dialled (``char`` names it)
    PLUS = "plus"  # a '+' that is not the first character


class NumberRefused(ValueError):
    """A number that cannot be dialled; ``problem`` says why, ``char`` which character."""

    def __init__(self, problem: NumberProblem, char: str | None = None) -> None:
        self.problem = problem
        self.char = char
        super().__init__(self._message())

    def _message(self) -> str:
        if self.problem is NumberProblem.EMPTY:
            return "the number is empty"
        if self.problem is NumberProblem.TOO_LONG:
            return f"the number is longer than {MAX_DIGITS} digits"
        if self.problem is NumberProblem.PLUS:
            return (
                "'+' can only come first: a number has only digits, * and # "
                "(and an optional leading +)"
            )
        assert self.char is not None
        return (
            f"{describe_character(self.char)} cannot be dialled: a number has only digits, "
            "* and # (and an optional leading +)"
        )


def describe_character(char: str) -> str:
    """A character named so that a person can find it: ``'/'``, ``a line break (U+000A)``,
    ``'١' (U+0661 ARABIC-INDIC DIGIT ONE)``."""
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        return f"a line break ({code})"
    if char == "\t":
        return f"a tab ({code})"
    if not char.isprintable():
        return f"a control character ({code})"
    if char.isascii():
        return repr(char)
    name = unicodedata.name(char, "")
    return f"{char!r} ({code} {name})" if name else f"{char!r} ({code})"


def strip_separators(text: str) -> str:
    """Remove only the separators; anything else stays for :func:`normalize_number` to name."""
    return text.translate(_STRIP)


def normalize_number(text: str) -> str:
    """The dialable form of ``text``, or :class:`NumberRefused` naming what is wrong."""
    compact = strip_separators(text)
    if not compact:
        raise NumberRefused(NumberProblem.EMPTY)
    for index, char in enumerate(compact):
        if char in _DIALABLE:
            continue
        if char == "+":
            if index == 0 and len(compact) > 1:
                continue
            raise NumberRefused(NumberProblem.PLUS if index else NumberProblem.EMPTY)
        raise NumberRefused(NumberProblem.CHARACTER, char)
    if len(compact.lstrip("+")) > MAX_DIGITS:
        raise NumberRefused(NumberProblem.TOO_LONG)
    return compact


def is_dialable(text: str) -> bool:
    try:
        normalize_number(text)
    except NumberRefused:
        return False
    return True
