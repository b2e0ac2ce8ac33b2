"""Contacts from files as they come: CSV from Excel, Outlook or Google, and vCard 2.1/3.0/4.0.

Real files are messy, so: the encoding is detected (a BOM, else UTF-8, else cp1251 — what a
Russian Excel writes), CSV's separator is found from the header (``;``, ``,`` or tab), columns
are recognised by name in English and Russian, vCard lines are unfolded (RFC 6350 folding and
2.1's quoted-printable soft breaks), and quoted-printable values are decoded in their CHARSET.
A broken row or card is reported with its line number and skipped; the rest is imported.
(``vobject`` was tried first: it stops at the first 2.1 quoted-printable soft break and
abandons the whole file on one bad card.)
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .contacts import Contact, ContactError, ContactNumber

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_LINE = 1_000_000  # a CSV field / vCard line longer than this is broken, not a contact


class ProblemKind(enum.Enum):
    FILE_TOO_LARGE = "file_too_large"  # over MAX_FILE_BYTES: nothing read
    EMPTY_FILE = "empty_file"
    NO_HEADER = "no_header"  # no name (or company) and phone columns: nothing read
    UNREADABLE_ROW = "unreadable_row"  # ``detail``: the CSV reader's own words
    NUMBER_SKIPPED = "number_skipped"  # the entry is kept without this number (``error``)
    NO_NUMBER = "no_number"  # the entry has no usable number: skipped
    CONTACT = "contact"  # the entry cannot be a contact (``error``: no name…): skipped
    CARD_NOT_CLOSED = "card_not_closed"  # BEGIN:VCARD without END:VCARD: skipped
    END_WITHOUT_BEGIN = "end_without_begin"
    TEXT_OUTSIDE_CARD = "text_outside_card"  # ignored
    NOT_NAME_VALUE = "not_name_value"  # line ``at`` of the card is not NAME:VALUE: skipped


@dataclass(frozen=True)
class Problem:
    """One thing in the file that was not imported, typed so that the UI can say it in the
    user's language (``ui/directory_words.py``); ``reason`` is the English for the CLI and
    the log."""

    line: int  # 1-based line of the file where the bad row or card starts
    kind: ProblemKind
    detail: str = ""
    error: ContactError | None = field(default=None, compare=False)
    at: int = 0  # the line inside a card that broke it

    @property
    def reason(self) -> str:
        kind, error = self.kind, self.error
        texts = {
            ProblemKind.FILE_TOO_LARGE: f"the file is larger than {MAX_FILE_BYTES} bytes",
            ProblemKind.EMPTY_FILE: "the file is empty",
            ProblemKind.NO_HEADER: "no header naming a name (or company) column and a phone column",
            ProblemKind.UNREADABLE_ROW: f"unreadable row: {self.detail}",
            ProblemKind.NUMBER_SKIPPED: f"number skipped: {error}",
            ProblemKind.NO_NUMBER: "no usable phone number; skipped",
            ProblemKind.CONTACT: f"{error}; skipped",
            ProblemKind.CARD_NOT_CLOSED: "card without END:VCARD; skipped",
            ProblemKind.END_WITHOUT_BEGIN: "END:VCARD without BEGIN:VCARD",
            ProblemKind.TEXT_OUTSIDE_CARD: "text outside a card ignored",
            ProblemKind.NOT_NAME_VALUE: f"line {self.at} is not NAME:VALUE; card skipped",
        }
        return texts[kind]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportResult:
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = ""  # "csv" | "vcard"


# --- bytes → text --------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in (``encoding`` forces one)."""
    if encoding:
        return data.decode(encoding, errors="replace"), encoding
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Not UTF-8: in the panel's world that is a Windows Cyrillic export (Excel "CSV").
        return data.decode("cp1251", errors="replace"), "cp1251"


def import_bytes(data: bytes, *, encoding: str | None = None, name: str = "") -> ImportResult:
    """Contacts from a file's bytes; CSV or vCard told by the content (or the name)."""
    if len(data) > MAX_FILE_BYTES:
        result = ImportResult()
        result.problems.append(Problem(0, ProblemKind.FILE_TOO_LARGE))
        return result
    text, used = decode(data, encoding)
    is_vcard = text.lstrip()[:11].upper().startswith("BEGIN:VCARD") or name.lower().endswith(
        (".vcf", ".vcard")
    )
    result = parse_vcard(text) if is_vcard else parse_csv(text)
    result.encoding = used
    return result


# --- CSV -----------------------------------------------------------------------------------

_NAME = ("name", "full name", "display name", "fn", "фио", "имя", "контакт", "ф.и.о.")
_FIRST = ("first name", "given name", "имя")
_MIDDLE = ("middle name", "additional name", "отчество")
_LAST = ("last name", "family name", "surname", "фамилия")
_COMPANY = (
    "company",
    "organization",
    "organisation",
    "org",
    "организация",
    "компания",
    "фирма",
    "organization 1 - name",
    "organization name",
    "company name",
)
_NOTE = ("note", "notes", "comment", "comments", "заметка", "заметки", "примечание", "комментарий")
_EMAIL = ("email", "e-mail", "mail", "электронная почта", "почта")
_PHONE_WORDS = ("phone", "tel", "mobile", "fax", "телефон", "мобильный", "номер", "тел")
_LINK = ("link", "url", "web", "website", "ссылка", "сайт")


def _norm_header(cell: str) -> str:
    return " ".join(cell.strip().strip("\ufeff").lower().replace("_", " ").split())


@dataclass
class _Columns:
    name: int | None = None
    first: int | None = None
    middle: int | None = None
    last: int | None = None
    company: int | None = None
    note: int | None = None
    email: int | None = None
    link: int | None = None
    # (column, label, column holding the label: Google's "Phone 1 - Type" beside "- Value")
    phones: list[tuple[int, str, int | None]] = field(default_factory=list)

    @property
    def useful(self) -> bool:
        named = self.name is not None or self.first is not None or self.last is not None
        return bool(self.phones) and (named or self.company is not None)


def _columns(header: list[str]) -> _Columns:
    cols = _Columns()
    for index, raw in enumerate(header):
        cell = _norm_header(raw)
        if cols.name is None and cell in _NAME and not (cell == "имя" and _has(header, _LAST)):
            cols.name = index
        elif cols.first is None and cell in _FIRST:
            cols.first = index
        elif cols.middle is None and cell in _MIDDLE:
            cols.middle = index
        elif cols.last is None and cell in _LAST:
            cols.last = index
        elif cols.company is None and cell in _COMPANY:
            cols.company = index
        elif cols.note is None and cell in _NOTE:
            cols.note = index
        elif cols.email is None and (cell in _EMAIL or cell.startswith("e-mail")):
            cols.email = index
        elif cols.link is None and cell in _LINK:
            cols.link = index
        elif any(word in cell for word in _PHONE_WORDS) and "type" not in cell:
            # "Phone 1 - Value" (Google), "Mobile Phone" (Outlook), "Телефон рабочий"
            type_column = None
            if cell.endswith(" - value"):
                wanted = cell[: -len(" - value")] + " - type"
                type_column = next(
                    (i for i, other in enumerate(header) if _norm_header(other) == wanted), None
                )
            cols.phones.append((index, raw.strip(), type_column))
    return cols


def _has(header: list[str], names: tuple[str, ...]) -> bool:
    return any(_norm_header(cell) in names for cell in header)


def _sniff_delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _looks_like_number(cell: str) -> bool:
    try:
        ContactNumber(cell)
    except ContactError:
        return False
    return sum(ch.isdigit() for ch in cell) >= 3


def parse_csv(text: str) -> ImportResult:
    result = ImportResult(format="csv")
    lines = text.splitlines(keepends=True)
    first = next((line for line in lines if line.strip()), "")
    if not first:
        result.problems.append(Problem(1, ProblemKind.EMPTY_FILE))
        return result
    csv.field_size_limit(MAX_LINE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    rows = _rows(reader, result)
    header_line, header = next(rows, (0, []))
    cols = _columns(header)
    if not cols.useful:
        if any(_looks_like_number(cell) for cell in header):
            # No header: "name;number[;number…]" rows, as people type them by hand.
            _add_headerless(header_line, header, result)
            for line, row in rows:
                _add_headerless(line, row, result)
            return result
        result.problems.append(Problem(header_line, ProblemKind.NO_HEADER))
        return result
    for line, row in rows:
        _add_row(line, row, cols, result)
    return result


def _rows(reader: Iterator[list[str]], result: ImportResult) -> Iterator[tuple[int, list[str]]]:
    line = 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.problems.append(Problem(start, ProblemKind.UNREADABLE_ROW, str(exc)))
            line = reader.line_num + 1  # type: ignore[attr-defined]
            continue
        line = reader.line_num + 1  # type: ignore[attr-defined]
        if any(cell.strip() for cell in row):
            yield start, row


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index]


def _add_row(line: int, row: list[str], cols: _Columns, result: ImportResult) -> None:
    name = _cell(row, cols.name)
    if not name.strip():
        parts = (_cell(row, cols.last), _cell(row, cols.first), _cell(row, cols.middle))
        if cols.last is not None and cols.first is not None and _is_latin(parts):
            parts = (parts[1], parts[2], parts[0])  # "John Smith", "Иванов Иван Петрович"
        name = " ".join(part.strip() for part in parts if part.strip())
    numbers: list[ContactNumber] = []
    for index, header_label, type_column in cols.phones:
        label = _cell(row, type_column).strip() or header_label
        for raw in re.split(r"\s*:::\s*", _cell(row, index)):  # Google joins several by :::
            if not raw.strip():
                continue
            try:
                numbers.append(ContactNumber(raw, label))
            except ContactError as exc:
                result.problems.append(Problem(line, ProblemKind.NUMBER_SKIPPED, error=exc))
    _finish(
        line,
        name,
        numbers,
        result,
        company=_cell(row, cols.company),
        note=_cell(row, cols.note),
        email=_cell(row, cols.email),
        link=_cell(row, cols.link),
    )


def _is_latin(parts: tuple[str, ...]) -> bool:
    return all(ch.isascii() for part in parts for ch in part)


def _add_headerless(line: int, row: list[str], result: ImportResult) -> None:
    names = [cell for cell in row if cell.strip() and not _looks_like_number(cell)]
    numbers = [ContactNumber(cell) for cell in row if _looks_like_number(cell)]
    _finish(
        line, names[0] if names else "", numbers, result, company=names[1] if len(names) > 1 else ""
    )


def _finish(
    line: int,
    name: str,
    numbers: list[ContactNumber],
    result: ImportResult,
    *,
    company: str = "",
    note: str = "",
    email: str = "",
    link: str = "",
) -> None:
    if not numbers:
        result.problems.append(Problem(line, ProblemKind.NO_NUMBER))
        return
    try:
        contact = Contact(name, company, tuple(numbers), note, email, link)
        result.contacts.append(contact)
    except ContactError as exc:
        result.problems.append(Problem(line, ProblemKind.CONTACT, error=exc))


# --- vCard ---------------------------------------------------------------------------------

_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)", re.S)


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str


def _unfold(text: str) -> Iterator[tuple[int, str]]:
    """(line number, logical line): RFC folding (a leading space or tab continues the line)
    and vCard 2.1 quoted-printable soft breaks (a QP line ending in ``=``)."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: str | None = None
    start = 0
    qp_soft = False
    for number, line in enumerate(physical, 1):
        if current is not None and (qp_soft or (line[:1] in (" ", "\t") and line.strip())):
            if qp_soft:
                current = current[:-1] + line
            else:
                current += line[1:]
        else:
            if current is not None:
                yield start, current
            current, start = line, number
        qp_soft = (
            current is not None
            and current.endswith("=")
            and "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper()
            and len(current) < MAX_LINE
        )
    if current is not None:
        yield start, current


def _parse_property(line: str) -> _Property | None:
    match = _PROPERTY.fullmatch(line)
    if match is None:
        return None
    name, raw_params, value = match.group(1).upper(), match.group(2), match.group(3)
    params: dict[str, list[str]] = {}
    for part in raw_params.split(";")[1:]:
        if not part:
            continue
        key, eq, val = part.partition("=")
        if not eq:  # vCard 2.1: "TEL;CELL;WORK:" — bare types; "QUOTED-PRINTABLE" bare too
            key, val = (
                "ENCODING" if part.upper() in ("QUOTED-PRINTABLE", "BASE64") else "TYPE",
                part,
            )
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in val.split(",") if v.strip()
        )
    encoding = [v.upper() for v in params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding or "QP" in encoding:
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        raw = quopri.decodestring(value.encode("latin-1", errors="replace"))
        try:
            value = raw.decode(charset, errors="replace")
        except LookupError:
            value = raw.decode("utf-8", errors="replace")
    return _Property(name, params, value)


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.S)


def _components(value: str) -> list[str]:
    """Split a structured value (N, ORG) at unescaped ``;``."""
    return [_unescape(part) for part in re.split(r"(?<!\\);", value)]


def parse_vcard(text: str) -> ImportResult:
    result = ImportResult(format="vcard")
    card: list[_Property] | None = None
    card_line = 0
    broken = 0  # the first line of this card that is not NAME:VALUE
    for line_no, line in _unfold(text):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                result.problems.append(Problem(card_line, ProblemKind.CARD_NOT_CLOSED))
            card, card_line, broken = [], line_no, 0
            continue
        if upper == "END:VCARD":
            if card is None:
                result.problems.append(Problem(line_no, ProblemKind.END_WITHOUT_BEGIN))
            elif broken:
                result.problems.append(Problem(card_line, ProblemKind.NOT_NAME_VALUE, at=broken))
            else:
                _add_card(card_line, card, result)
            card = None
            continue
        if card is None:
            result.problems.append(Problem(line_no, ProblemKind.TEXT_OUTSIDE_CARD))
            continue
        prop = _parse_property(line)
        if prop is None:
            broken = broken or line_no
            continue
        card.append(prop)
    if card is not None:
        result.problems.append(Problem(card_line, ProblemKind.CARD_NOT_CLOSED))
    return result


def _label(params: dict[str, list[str]]) -> str:
    kinds = [v.lower() for v in params.get("TYPE", []) if v.lower() not in ("voice", "pref")]
    return ",".join(kinds)


def _add_card(line: int, props: list[_Property], result: ImportResult) -> None:
    name = company = note = email = link = ""
    structured = ""
    numbers: list[ContactNumber] = []
    for prop in props:
        if prop.name == "FN" and not name:
            name = _unescape(prop.value)
        elif prop.name == "N" and not structured:
            parts = [*_components(prop.value), "", "", ""]
            family, given, middle = parts[0], parts[1], parts[2]
            structured = " ".join(p.strip() for p in (given, middle, family) if p.strip())
        elif prop.name == "ORG" and not company:
            company = _components(prop.value)[0]
        elif prop.name == "NOTE" and not note:
            note = _unescape(prop.value)
        elif prop.name == "EMAIL" and not email:
            email = _unescape(prop.value)
        elif prop.name == "URL" and not link:
            link = _unescape(prop.value)
        elif prop.name == "TEL":
            try:
                numbers.append(ContactNumber(_unescape(prop.value), _label(prop.params)))
            except ContactError as exc:
                result.problems.append(Problem(line, ProblemKind.NUMBER_SKIPPED, error=exc))
    _finish(
        line,
        name or structured,
        numbers,
        result,
        company=company,
        note=note,
        email=email,
        link=link,
    )
