from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.store.contacts import ContactsError, ContactsStore


def ivan() -> Contact:
    return Contact(
        "Иван Петров",
        "ООО Ромашка",
        (ContactNumber("+7 916 123-45-67", "mobile"), ContactNumber("101", "desk")),
        note="VIP, перезвонить",
        email="ivan@example.com",
    )


@pytest.fixture
def book() -> ContactsStore:
    store = ContactsStore(":memory:", region="RU")
    store.add(ivan())
    store.add(Contact("John Smith", "Acme", (ContactNumber("+442071838750"),)))
    store.add(Contact("Ивановская Мария", numbers=(ContactNumber("8 903 111-22-33"),)))
    return store


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("ив", ["Иван Петров", "Ивановская Мария"]),  # a name's start, any case
        ("ИВАН", ["Иван Петров", "Ивановская Мария"]),
        ("петр", ["Иван Петров"]),  # inside the name
        ("ромаш", ["Иван Петров"]),  # the company
        ("перезвон", ["Иван Петров"]),  # the note
        ("916 123", ["Иван Петров"]),  # digits, typed with a space
        ("4567", ["Иван Петров"]),
        ("2071", ["John Smith"]),
        ("acme", ["John Smith"]),
        ('"; DROP TABLE contacts; --', []),
        ("", ["John Smith", "Иван Петров", "Ивановская Мария"]),
    ],
)
def test_search_as_you_type(book: ContactsStore, query: str, names: list[str]) -> None:
    assert [c.name for c in book.search(query)] == names


def test_round_trip_and_edit(book: ContactsStore) -> None:
    found = book.search("Иван Петров")[0]
    assert found == ivan()
    assert found.id is not None
    book.update(Contact("Иван Петрович", found.company, found.numbers[:1], id=found.id))
    assert book.search("петрович")[0].numbers == (ContactNumber("+79161234567", "mobile"),)
    assert book.search("перезвон") == []  # the old index text went with the old version
    book.delete(found.id)
    assert book.get(found.id) is None
    with pytest.raises(ContactsError):
        book.delete(found.id)


@pytest.mark.parametrize("number", ["+79161234567", "89161234567", "9161234567", "79161234567"])
def test_a_caller_is_found_whatever_form_the_number_comes_in(
    book: ContactsStore, number: str
) -> None:
    contact = book.find_by_number(number)
    assert contact is not None and contact.name == "Иван Петров"


def test_extensions_match_exactly(book: ContactsStore) -> None:
    assert book.find_by_number("101") is not None
    assert book.find_by_number("1011") is None
    assert book.find_by_number("anonymous") is None


def test_file_is_private_and_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "data" / "contacts.sqlite3"
    with ContactsStore(path, region="RU") as store:
        store.add(ivan())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    with ContactsStore(path, region="RU") as store:
        assert len(store) == 1


def test_a_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite3"
    path.write_bytes(b"not a database" * 100)
    warnings: list[str] = []
    with ContactsStore(path, on_warning=warnings.append) as store:
        assert len(store) == 0
    assert path.with_name("contacts.sqlite3.corrupt").exists()
    assert warnings and "moved to" in warnings[0]
