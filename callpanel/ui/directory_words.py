"""Contacts in words (English source, Russian in the translations): why a contact cannot be
kept and what an import skipped. The only place ``ContactError``, import problems and refused
dialling rules become text for a person; the CLI and the log use their English ``reason``."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ..directory.contacts import MAX_NUMBERS, ContactError, ContactProblem
from ..directory.dialrules import MAX_RULES, DialRuleError, DialRuleProblem
from ..directory.importers import MAX_FILE_BYTES, Problem, ProblemKind
from .strings import number_refused_text


def contact_error_text(error: ContactError) -> str:
    if error.problem is ContactProblem.NO_NAME:
        return QCoreApplication.translate("Contacts", "a contact needs a name or a company")
    if error.problem is ContactProblem.TOO_MANY_NUMBERS:
        return QCoreApplication.translate("Contacts", "more than %d numbers") % MAX_NUMBERS
    if error.problem is ContactProblem.NO_NUMBER:
        return QCoreApplication.translate("Contacts", "type at least one number")
    if error.refused is None:
        return str(error)
    return _fill(
        QCoreApplication.translate("Contacts", "the number «%1»: %2"),
        error.number,
        number_refused_text(error.refused),
    )


def import_problem_text(problem: Problem) -> str:
    """'line 7: no usable phone number; skipped' in the user's language."""
    return _fill(
        QCoreApplication.translate("Contacts", "line %1: %2"), str(problem.line), _reason(problem)
    )


def _fill(template: str, *values: str) -> str:
    """Qt's ``%1 %2`` in one pass: a value that itself contains "%2" (a number from a file)
    is not filled again."""
    return re.sub(r"%([1-9])", lambda m: values[int(m.group(1)) - 1], template)


def _reason(problem: Problem) -> str:
    kind, error = problem.kind, problem.error
    if kind is ProblemKind.FILE_TOO_LARGE:
        return QCoreApplication.translate("Contacts", "the file is larger than %d MB") % (
            MAX_FILE_BYTES // (1024 * 1024)
        )
    if kind is ProblemKind.EMPTY_FILE:
        return QCoreApplication.translate("Contacts", "the file is empty")
    if kind is ProblemKind.NO_HEADER:
        return QCoreApplication.translate(
            "Contacts", "no header naming a name (or company) column and a phone column"
        )
    if kind is ProblemKind.UNREADABLE_ROW:
        return QCoreApplication.translate("Contacts", "unreadable row (%s)") % problem.detail
    if kind is ProblemKind.NUMBER_SKIPPED and error is not None:
        return QCoreApplication.translate("Contacts", "number skipped: %s") % contact_error_text(
            error
        )
    if kind is ProblemKind.NO_NUMBER:
        return QCoreApplication.translate("Contacts", "no usable phone number; skipped")
    if kind is ProblemKind.CONTACT and error is not None:
        return QCoreApplication.translate("Contacts", "%s; skipped") % contact_error_text(error)
    if kind is ProblemKind.CARD_NOT_CLOSED:
        return QCoreApplication.translate("Contacts", "card without END:VCARD; skipped")
    if kind is ProblemKind.END_WITHOUT_BEGIN:
        return QCoreApplication.translate("Contacts", "END:VCARD without BEGIN:VCARD")
    if kind is ProblemKind.TEXT_OUTSIDE_CARD:
        return QCoreApplication.translate("Contacts", "text outside a card ignored")
    if kind is ProblemKind.NOT_NAME_VALUE:
        return (
            QCoreApplication.translate("Contacts", "line %d is not NAME:VALUE; card skipped")
            % problem.at
        )
    return problem.reason


def dial_rule_error_text(error: DialRuleError) -> str:
    """Why the dialling rules cannot be used, for the settings' preview."""
    problem, value = error.problem, error.value
    if problem is DialRuleProblem.FORM:
        text = QCoreApplication.translate(
            "DialRules", "a rule is written PREFIX=REPLACEMENT, e.g. +7=8, not «%1»"
        )
    elif problem is DialRuleProblem.PREFIX:
        text = QCoreApplication.translate(
            "DialRules", "the rule's prefix «%1» must be digits, * or #, with an optional +"
        )
    elif problem is DialRuleProblem.REPLACEMENT:
        text = QCoreApplication.translate(
            "DialRules", "the rule's replacement «%1» must be digits, * or #, with an optional +"
        )
    elif problem is DialRuleProblem.TOO_MANY:
        return QCoreApplication.translate("DialRules", "at most %d dialling rules") % MAX_RULES
    elif problem is DialRuleProblem.OUTSIDE_PREFIX:
        text = QCoreApplication.translate(
            "DialRules", "the outside-line prefix «%1» must be up to 8 digits, * or #"
        )
    else:
        return QCoreApplication.translate("DialRules", "extensions have 0 to 16 digits")
    return _fill(text, value)


def region_error_text(value: str) -> str:
    return _fill(
        QCoreApplication.translate(
            "DialRules", "unknown region «%1»: use a two-letter country code such as RU"
        ),
        value,
    )
