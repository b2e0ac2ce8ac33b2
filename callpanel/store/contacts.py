"""The local address book in SQLite (``contacts.sqlite3`` in the user's data directory, 0600).

A contact's numbers are stored as typed and in E.164 (for matching a caller whatever form the
PBX gives the number in). Search as you type uses an FTS5 trigram index over name, company,
note, e-mail and numbers (any three characters of a word or number, case-insensitive, Cyrillic
too); one or two characters match the start of a name. Parameterised SQL only.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from ..directory.contacts import Contact, ContactNumber
from ..directory.phone import to_e164
from . import paths
from .sqlite_file import open_or_set_aside

log = logging.getLogger(__name__)

CONTACTS_FILE = "contacts.sqlite3"
SCHEMA_VERSION = 1
SEARCH_LIMIT = 50
MAX_QUERY = 100

_SCHEMA = """
CREATE TABLE contacts (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    company TEXT NOT NULL DEFAULT '',
    note    TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    link    TEXT NOT NULL DEFAULT '',
    fold    TEXT NOT NULL
);
CREATE INDEX contacts_fold ON contacts (fold);
CREATE TABLE numbers (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    e164       TEXT,
    PRIMARY KEY (contact_id, position)
);
CREATE INDEX numbers_e164 ON numbers (e164) WHERE e164 IS NOT NULL;
CREATE INDEX numbers_number ON numbers (number);
CREATE VIRTUAL TABLE contacts_fts USING fts5 (text, tokenize='trigram')
"""


class ContactsError(Exception):
    """The address book cannot be opened or written."""


def _search_text(contact: Contact) -> str:
    digits = " ".join(n.number.lstrip("+") for n in contact.numbers)
    return " ".join((contact.name, contact.company, contact.email, digits, contact.note))


class ContactsStore:
    """The book at ``path`` (default ``paths.data_dir() / "contacts.sqlite3"``), or ``":memory:"``.

    ``region`` is where numbers without a country code belong (for E.164 matching).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        region: str = "US",
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.path = paths.data_dir() / CONTACTS_FILE if path is None else path
        self.region = region
        self._warn = on_warning or (lambda text: None)
        self._db = self._open()

    # --- opening -------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if isinstance(self.path, Path):
            paths.ensure_private_dir(self.path.parent)
            paths.ensure_private_file(self.path)  # 0600 before SQLite creates it 0644
        db = sqlite3.connect(str(self.path), isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def _open(self) -> sqlite3.Connection:
        return open_or_set_aside(
            self.path,
            self._connect,
            self._migrate,
            error=ContactsError,
            unusable="the address book is unusable: {exc}",
            moved="the address book was unreadable ({exc}); moved to {aside}, starting afresh",
            warn=self._warn,
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise ContactsError(
                f"the address book was written by a newer callpanel (schema {version}); "
                "it is left untouched"
            )
        if version == 0:
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in (s.strip() for s in _SCHEMA.split(";")):
                    if statement:
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ContactsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def add(self, contact: Contact) -> int:
        """Store a new contact; returns its id."""
        return self.add_many([contact])[0]

    def add_many(self, contacts: Iterable[Contact]) -> list[int]:
        """Store many contacts in one transaction (an import of 100,000 takes seconds)."""
        ids: list[int] = []
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for contact in contacts:
                ids.append(self._insert(contact))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return ids

    def _insert(self, contact: Contact, contact_id: int | None = None) -> int:
        cur = self._db.execute(
            "INSERT INTO contacts (id, name, company, note, email, link, fold) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                contact_id,
                contact.name,
                contact.company,
                contact.note,
                contact.email,
                contact.link,
                contact.name.casefold(),
            ),
        )
        new_id = int(cur.lastrowid or 0)
        self._db.executemany(
            "INSERT INTO numbers (contact_id, position, number, label, e164) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (new_id, pos, n.number, n.label, to_e164(n.number, self.region))
                for pos, n in enumerate(contact.numbers)
            ],
        )
        self._db.execute(
            "INSERT INTO contacts_fts (rowid, text) VALUES (?, ?)", (new_id, _search_text(contact))
        )
        return new_id

    def update(self, contact: Contact) -> None:
        """Replace the stored contact with ``contact.id``."""
        if contact.id is None:
            raise ContactsError("the contact has no id")
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            self._delete(contact.id)
            self._insert(contact, contact.id)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def delete(self, contact_id: int) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._delete(contact_id)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _delete(self, contact_id: int) -> None:
        found = self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount
        if not found:
            raise ContactsError(f"no contact {contact_id}")
        self._db.execute("DELETE FROM contacts_fts WHERE rowid = ?", (contact_id,))

    # --- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0])

    def get(self, contact_id: int) -> Contact | None:
        found = self._load([contact_id])
        return found[0] if found else None

    def _load(self, ids: list[int]) -> list[Contact]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT id, name, company, note, email, link FROM contacts WHERE id IN ({marks})",
            ids,
        ).fetchall()
        numbers: dict[int, list[ContactNumber]] = {}
        for contact_id, number, label in self._db.execute(
            f"SELECT contact_id, number, label FROM numbers WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position",
            ids,
        ):
            numbers.setdefault(contact_id, []).append(ContactNumber(number, label))
        by_id = {
            row[0]: Contact(
                name=row[1],
                company=row[2],
                note=row[3],
                email=row[4],
                link=row[5],
                numbers=tuple(numbers.get(row[0], ())),
                id=row[0],
            )
            for row in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[Contact]:
        """Contacts whose name, company, note, e-mail or number contains ``text``; by name."""
        query = " ".join(text.split())[:MAX_QUERY]
        digits = query.replace(" ", "").replace("-", "").lstrip("+")
        if digits.isdigit() and len(digits) >= 3:
            query = digits  # "916 123" finds +79161234567
        if not query:
            rows = self._db.execute(
                "SELECT id FROM contacts ORDER BY fold, id LIMIT ?", (limit,)
            ).fetchall()
        elif len(query) < 3:  # trigrams need three characters: match the name's start
            pattern = query.casefold()
            rows = self._db.execute(
                "SELECT id FROM contacts WHERE fold >= ? AND fold < ? ORDER BY fold, id LIMIT ?",
                (pattern, pattern + "\U0010ffff", limit),
            ).fetchall()
        else:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self._db.execute(
                "SELECT c.id FROM contacts_fts f JOIN contacts c ON c.id = f.rowid "
                "WHERE contacts_fts MATCH ? ORDER BY c.fold, c.id LIMIT ?",
                (phrase, limit),
            ).fetchall()
        return self._load([row[0] for row in rows])

    def find_by_number(self, number: str) -> Contact | None:
        """The contact with this number, in any form ('8 916…', '+7916…', '7916…')."""
        e164 = to_e164(number, self.region)
        row = None
        if e164 is not None:
            row = self._db.execute(
                "SELECT contact_id FROM numbers WHERE e164 = ? ORDER BY contact_id LIMIT 1",
                (e164,),
            ).fetchone()
        if row is None and number:
            row = self._db.execute(
                "SELECT contact_id FROM numbers WHERE number = ? ORDER BY contact_id LIMIT 1",
                (number,),
            ).fetchone()
        return self.get(int(row[0])) if row else None
