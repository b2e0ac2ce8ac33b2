"""Scripting and checks for who-is-calling: ``callpanel dial-rules``, ``contacts``, ``lookup``
and ``history``. No Qt; each reads the same settings and files the panel uses."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .asterisk.errors import InvalidInput
from .asterisk.validate import normalize_number
from .directory.contacts import Contact
from .directory.importers import import_bytes
from .directory.phone import display, effective_region
from .store.contacts import ContactsError, ContactsStore
from .store.history import History, HistoryError
from .store.history_export import all_entries, write_csv
from .store.lookups import build_caller_lookup
from .store.secrets import SecretStore
from .store.settings import Settings, SettingsStore, to_dial_rules


def _settings(demo: bool) -> Settings:
    if demo:
        # the demo PBX's own settings (the panel's --demo), without starting Qt
        return Settings(region="RU", dial_rules=("+7=8",))
    store = SettingsStore()
    settings = store.load()
    for warning in store.warnings:
        print(f"callpanel: settings: {warning}", file=sys.stderr)
    return settings


def dial_rules_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="callpanel dial-rules",
        description="Print what the panel would dial for NUMBER under the dialling rules.",
    )
    parser.add_argument("number")
    parser.add_argument("--demo", action="store_true", help="the demo PBX's settings")
    parser.add_argument("-v", "--verbose", action="store_true", help="explain on stderr")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    rules = to_dial_rules(_settings(args.demo))
    try:
        clean = normalize_number(args.number)
        dialled = normalize_number(rules.apply(clean))
    except InvalidInput as exc:
        print(f"callpanel dial-rules: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        print(
            f"{display(clean, rules.region)} will be dialled as {dialled} (region {rules.region})",
            file=sys.stderr,
        )
    print(dialled)
    return 0


def contact_json(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company,
        "numbers": [{"number": n.number, "label": n.label} for n in contact.numbers],
        "note": contact.note,
        "email": contact.email,
        "link": contact.link,
    }


def _book(settings: Settings) -> ContactsStore:
    return ContactsStore(region=effective_region(settings.region))


def contacts_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="callpanel contacts", description="The address book.")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import a CSV or vCard file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--encoding", help="the file's encoding if detection guesses wrong")
    find = sub.add_parser("search", help="contacts matching TEXT, one JSON object a line")
    find.add_argument("text", nargs="?", default="")
    find.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    settings = _settings(False)
    try:
        book = _book(settings)
    except (ContactsError, OSError) as exc:
        print(f"callpanel contacts: {exc}", file=sys.stderr)
        return 1
    with book:
        if args.command == "import":
            return _import(book, args.file, args.encoding)
        for contact in book.search(args.text, limit=max(1, min(args.limit, 10_000))):
            print(json.dumps(contact_json(contact), ensure_ascii=False))
        return 0


def _import(book: ContactsStore, path: Path, encoding: str | None) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"callpanel contacts: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        result = import_bytes(data, encoding=encoding, name=path.name)
    except LookupError:
        print(f"callpanel contacts: unknown encoding {encoding!r}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"{path}:{problem.line}: {problem.reason}", file=sys.stderr)
    book.add_many(result.contacts)
    print(
        f"imported {len(result.contacts)} contacts from {path} "
        f"({result.format}, {result.encoding}); {len(result.problems)} problems"
    )
    return 0 if result.contacts or not result.problems else 1


def lookup_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="callpanel lookup",
        description="Who the panel would show for a call from NUMBER, and which source said so.",
    )
    parser.add_argument("number")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    settings = _settings(False)
    try:
        number = normalize_number(args.number)
    except InvalidInput as exc:
        print(f"callpanel lookup: {exc}", file=sys.stderr)
        return 2
    try:
        book: ContactsStore | None = _book(settings)
    except (ContactsError, OSError) as exc:
        print(f"callpanel lookup: address book unavailable: {exc}", file=sys.stderr)
        book = None
    try:
        lookup = build_caller_lookup(settings, book, secrets=SecretStore())
        result = asyncio.run(lookup.lookup(number))
    finally:
        if book is not None:
            book.close()
    if result is None:
        print(json.dumps({"number": number, "name": None, "source": None}))
        return 1
    shown = {
        "number": number,
        "name": result.name,
        "company": result.company,
        "link": result.link,
        "shown": result.display,
        "source": result.source,
    }
    print(json.dumps(shown, ensure_ascii=False))
    return 0


def history_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="callpanel history", description="The call history.")
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="every call to a CSV file (UTF-8, Excel-readable)")
    export.add_argument("file", type=Path)
    export.add_argument("--delimiter", choices=[",", ";"], default=",",
                        help="; for a spreadsheet set to a Russian or German locale")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        history = History()
    except (HistoryError, OSError) as exc:
        print(f"callpanel history: {exc}", file=sys.stderr)
        return 1
    try:
        # calls are personal data: the export is readable by the user only, like the history
        fd = os.open(args.file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
            count = write_csv(all_entries(history), out, delimiter=args.delimiter)
    except OSError as exc:
        print(f"callpanel history: cannot write {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        history.close()
    print(f"exported {count} calls to {args.file}")
    return 0
