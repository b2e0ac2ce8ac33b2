"""Imports of files as real programs write them (tests/data/contacts/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.directory.contacts import Contact, ContactError, ContactNumber, clean_number
from callpanel.directory.importers import decode, import_bytes, parse_csv, parse_vcard

DATA = Path(__file__).resolve().parents[1] / "data" / "contacts"


def load(name: str):  # type: ignore[no-untyped-def]
    return import_bytes((DATA / name).read_bytes(), name=name)


def numbers(contact: Contact) -> list[tuple[str, str]]:
    return [(n.number, n.label) for n in contact.numbers]


def test_excel_cp1251_semicolons_quotes_and_a_multiline_note() -> None:
    result = load("excel-cp1251.csv")
    assert (result.format, result.encoding) == ("csv", "cp1251")
    ivanov, petrova, long_name = result.contacts
    assert ivanov.name == "Иванов Иван Иванович"
    assert ivanov.company == 'ООО "Ромашка"'
    assert numbers(ivanov) == [
        ("+74951234567", "Телефон"),
        ("89161234567", "Мобильный телефон"),
    ]
    assert ivanov.note == "Перезвонить после 15:00"
    assert petrova.numbers[0].number == "+79031112233"
    assert long_name.name == "Константинопольская-Щедрина Александра Вячеславовна"
    assert long_name.note == "Многострочная\nзаметка"
    assert [(p.line, p.reason) for p in result.problems] == [
        (4, "no usable phone number; skipped"),
        (5, "number skipped: the number '8-800-ДЕНЬГИ': 'Д' (U+0414 CYRILLIC CAPITAL LETTER DE)"
            " cannot be dialled: a number has only digits, * and # (and an optional leading +)"),
        (5, "no usable phone number; skipped"),
    ]


def test_google_csv_with_bom_commas_and_joined_numbers() -> None:
    result = load("google.csv")
    assert result.encoding == "utf-8-sig"
    john, maria = result.contacts
    assert (john.name, john.company, john.email) == ("John Smith", "Acme Ltd", "john@example.com")
    assert numbers(john) == [("+442071838750", "Mobile"), ("+447700900123", "Mobile")]
    assert maria.name == "Кузнецова Мария"
    assert maria.note == "Note, with comma"
    assert result.problems == []  # the empty row is no contact and no problem


def test_headerless_rows_typed_by_hand() -> None:
    result = load("plain.csv")
    assert [(c.name, numbers(c)) for c in result.contacts] == [
        ("Dispatcher", [("102", "")]),
        ("Reception, front desk", [("+74950000001", ""), ("101", "")]),
    ]


def test_vcard_21_quoted_printable_with_soft_breaks_and_charsets() -> None:
    result = load("android-2.1.vcf")
    petrov, oleg = result.contacts
    assert petrov.name == "Иван Петров"
    assert numbers(petrov) == [("+79161234567", "cell"), ("84957654321", "work")]
    assert petrov.note == "Клиент VIP"
    assert oleg.name == "Олег"  # CHARSET=windows-1251
    assert [(p.line, p.reason) for p in result.problems] == [
        (10, "no usable phone number; skipped")
    ]


def test_vcard_30_folding_escapes_groups_and_a_broken_card() -> None:
    result = load("macos-3.0.vcf")
    (jane,) = result.contacts
    assert jane.company == "Example, Inc."
    assert numbers(jane) == [("+14155552671", "cell")]
    assert jane.note.startswith("Line one\nLine two")
    assert "seventy-five octets" in jane.note
    assert [p.line for p in result.problems] == [14, 20, 20]
    assert "line 17 is not NAME:VALUE" in result.problems[0].reason


def test_vcard_40_tel_uri_url_and_a_card_without_end() -> None:
    result = load("contacts-4.0.vcf")
    (alexey,) = result.contacts
    assert numbers(alexey) == [("+74951112233", "work")]
    assert alexey.link == "https://crm.example.com/contact/42"
    assert [(p.line, p.reason) for p in result.problems] == [(9, "card without END:VCARD; skipped")]


def test_decode() -> None:
    assert decode("Иван".encode("cp1251")) == ("Иван", "cp1251")
    assert decode(b"\xef\xbb\xbfabc") == ("abc", "utf-8-sig")
    assert decode("Иван".encode("utf-16")) == ("Иван", "utf-16")
    assert decode("Иван".encode("koi8-r"), "koi8-r") == ("Иван", "koi8-r")


def test_csv_without_a_usable_header_says_so() -> None:
    result = parse_csv("foo;bar\nx;y\n")
    assert result.contacts == []
    assert [p.line for p in result.problems] == [1]
    assert parse_csv("").problems[0].reason == "the file is empty"


def test_nul_bytes_vanish_and_an_unclosed_quote_costs_only_its_row() -> None:
    result = parse_csv('Name;Phone\nA;101\nB\x00;102\n"C;103\n')
    assert [c.name for c in result.contacts] == ["A", "B"]
    assert [(p.line, p.reason) for p in result.problems] == [(4, "no usable phone number; skipped")]


def test_control_characters_and_markup_stay_plain_and_bounded() -> None:
    result = parse_vcard(
        "BEGIN:VCARD\nVERSION:3.0\nFN:<b>Evil</b>\\nName\x07" + "x" * 1000 + "\nTEL:101\n"
        "END:VCARD\n"
    )
    (contact,) = result.contacts
    assert "\n" not in contact.name and "\x07" not in contact.name
    assert contact.name.startswith("<b>Evil</b> Name")  # shown as plain text, never markup
    assert len(contact.name) == 256


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("+7 (916) 123-45-67", "+79161234567"),
        ("tel:+1-415-555-2671", "+14155552671"),
        ("*72#", "*72#"),
    ],
)
def test_clean_number(raw: str, clean: str) -> None:
    assert clean_number(raw) == clean


@pytest.mark.parametrize("raw", ["101/102", "102\n103", "1&2", "١٠١", "+7916+1", ""])
def test_clean_number_refuses_naming_the_character(raw: str) -> None:
    with pytest.raises(ContactError):
        clean_number(raw)


def test_contact_needs_a_name_or_company_and_dedups_numbers() -> None:
    with pytest.raises(ContactError):
        Contact("  ", numbers=(ContactNumber("101"),))
    c = Contact("", company="Acme", numbers=(ContactNumber("101"), ContactNumber("101")))
    assert c.name == "Acme" and len(c.numbers) == 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_import_without_crashing(data: bytes) -> None:
    result = import_bytes(data)
    assert all(isinstance(c, Contact) for c in result.contacts)
    vcard = import_bytes(b"BEGIN:VCARD\n" + data)
    assert all(isinstance(c, Contact) for c in vcard.contacts)
