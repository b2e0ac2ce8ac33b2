"""A contact: a name, a company, several numbers, a note (and an e-mail and a link for CRMs).

Everything here comes from files and people outside the panel: text is bounded, control
characters are removed (a contact's fields are shown as plain text and written to logs), and
numbers are kept only when they can be dialled.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from ..calls.numbers import NumberRefused, normalize_number

MAX_FIELD = 256
MAX_NOTE = 4000
MAX_NUMBERS = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


class ContactProblem(enum.Enum):
    NUMBER = "number"  # a number that cannot be dialled (``refused`` says why)
    NO_NAME = "no_name"  # neither a name nor a company
    TOO_MANY_NUMBERS = "too_many_numbers"  # more than MAX_NUMBERS
    NO_NUMBER = "no_number"  # a contact typed in with no number at all


class ContactError(ValueError):
    """A contact or a number that cannot be kept. The message says why in English (logs, the
    CLI); ``problem``, ``number`` and ``refused`` let the UI say it in the user's language."""

    def __init__(
        self,
        message: str,
        problem: ContactProblem = ContactProblem.NUMBER,
        *,
        number: str = "",
        refused: NumberRefused | None = None,
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.number = number
        self.refused = refused


def clean_text(value: str, limit: int = MAX_FIELD, *, multiline: bool = False) -> str:
    """Plain, bounded text: control characters gone, a one-line field on one line."""
    text = _CONTROL.sub("", value)
    if not multiline:
        text = " ".join(text.split())
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text[:limit]


def clean_number(text: str) -> str:
    """'+7 (916) 123-45-67' → '+79161234567', by the panel's one number rule
    (``callpanel.calls.numbers``); a vCard 4.0 ``tel:`` URI prefix is dropped first. Anything
    else raises ``ContactError`` naming the first wrong character."""
    compact = text.strip()
    if compact.lower().startswith("tel:"):  # vCard 4.0 writes TEL as a tel: URI
        compact = compact[4:]
    try:
        return normalize_number(compact)
    except NumberRefused as exc:
        raise ContactError(
            f"the number {text[:40]!r}: {exc}", number=text[:40], refused=exc
        ) from None


# What PBXs and carriers put in the Caller ID when the number is withheld.
WITHHELD = frozenset(
    {"", "anonymous", "unknown", "<unknown>", "private", "restricted", "withheld",
     "unavailable", "asterisk", "s"}
)


def is_dialable(number: str) -> bool:
    """Whether a call back makes sense: a real number, not "anonymous" or a withheld ID."""
    if number.strip().lower() in WITHHELD:
        return False
    try:
        clean_number(number)
    except ContactError:
        return False
    return True


@dataclass(frozen=True)
class ContactNumber:
    number: str  # clean: "+79161234567", "101"
    label: str = ""  # "mobile", "work", as the file called it

    def __post_init__(self) -> None:
        object.__setattr__(self, "number", clean_number(self.number))
        object.__setattr__(self, "label", clean_text(self.label, 40))


@dataclass(frozen=True)
class Contact:
    name: str
    company: str = ""
    numbers: tuple[ContactNumber, ...] = ()
    note: str = ""
    email: str = ""
    link: str = ""  # a CRM page for this contact, if the source gave one
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        name = clean_text(self.name)
        company = clean_text(self.company)
        if not name and not company:
            raise ContactError("a contact needs a name or a company", ContactProblem.NO_NAME)
        object.__setattr__(self, "name", name or company)
        object.__setattr__(self, "company", company)
        object.__setattr__(self, "note", clean_text(self.note, MAX_NOTE, multiline=True))
        object.__setattr__(self, "email", clean_text(self.email))
        object.__setattr__(self, "link", clean_text(self.link, 2048))
        numbers = tuple(dict.fromkeys(self.numbers))  # the same number twice: once
        if len(numbers) > MAX_NUMBERS:
            raise ContactError(
                f"more than {MAX_NUMBERS} numbers", ContactProblem.TOO_MANY_NUMBERS
            )
        object.__setattr__(self, "numbers", numbers)

    @property
    def display_name(self) -> str:
        """'Ivan Petrov (Romashka LLC)' or just the name."""
        if self.company and self.company != self.name:
            return f"{self.name} ({self.company})"
        return self.name
