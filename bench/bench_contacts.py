"""Address book at scale: import 100,000 contacts from a CSV (parse + store), then search as
you type. Search is compared, in the same process on the same book, with the obvious
alternative: a LIKE '%text%' scan over name, company and numbers.

    .venv/bin/python bench/bench_contacts.py [--contacts 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callpanel.directory.importers import import_bytes  # noqa: E402
from callpanel.store.contacts import ContactsStore  # noqa: E402

FIRST = ["Иван", "Пётр", "Мария", "Анна", "Сергей", "Ольга", "John", "Jane", "Алексей", "Елена"]
LAST = ["Петров", "Иванова", "Смирнов", "Кузнецова", "Попов", "Smith", "Соколова", "Лебедев"]
COMPANY = ["ООО Ромашка", "АО Вектор", "Acme Ltd", "ИП Сидоров", "", "НПО Энергия"]
QUERIES = ["ив", "петр", "ромаш", "smith", "916 12", "4567", "ольга кузн", "zzzz"]


def make_csv(count: int, seed: int = 14) -> bytes:
    rng = random.Random(seed)
    lines = ["ФИО;Организация;Телефон;Мобильный;Примечание"]
    for i in range(count):
        name = f"{rng.choice(LAST)} {rng.choice(FIRST)} {i}"
        work = f"+7 (495) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        mobile = f"8 916 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        lines.append(f"{name};{rng.choice(COMPANY)};{work};{mobile};клиент {i % 97}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def like_scan(book: ContactsStore, text: str) -> int:
    pattern = f"%{text.replace(' ', '')}%"
    db = book._db  # the comparison needs the raw table; not an API
    rows = db.execute(
        "SELECT DISTINCT c.id FROM contacts c LEFT JOIN numbers n ON n.contact_id = c.id "
        "WHERE c.name LIKE ? OR c.company LIKE ? OR n.number LIKE ? LIMIT 50",
        (pattern, pattern, pattern),
    ).fetchall()
    return len(rows)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = make_csv(args.contacts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.sqlite3"
        start, cpu_start = time.perf_counter(), time.process_time()
        result = import_bytes(data)
        parsed, cpu_parsed = time.perf_counter(), time.process_time()
        with ContactsStore(path, region="RU") as book:
            book.add_many(result.contacts)
            stored, cpu_stored = time.perf_counter(), time.process_time()
            print(
                f"import: {len(result.contacts):,} contacts ({len(data) / 1e6:.1f} MB cp1251 CSV, "
                f"{len(result.problems)} problems), file {path.stat().st_size / 1e6:.0f} MB\n"
                f"  CPU:  parse {cpu_parsed - cpu_start:.2f} s + store "
                f"{cpu_stored - cpu_parsed:.2f} s = {cpu_stored - cpu_start:.2f} s\n"
                f"  wall: parse {parsed - start:.2f} s + store "
                f"{stored - parsed:.2f} s = {stored - start:.2f} s"
            )
            head = ("query", "results", "search ms", "LIKE scan ms", "ratio")
            print("{:>12} {:>7} {:>10} {:>13} {:>6}".format(*head))
            ratios = []
            worst = 0.0
            for query in QUERIES:
                ours = min(timed(book.search, query) for _ in range(args.rounds))
                theirs = min(timed(like_scan, book, query) for _ in range(args.rounds))
                worst = max(worst, ours)
                ratios.append(theirs / ours)
                found = len(book.search(query))
                print(
                    f"{query:>12} {found:>7} {ours * 1000:>10.2f} {theirs * 1000:>13.2f} "
                    f"{theirs / ours:>5.1f}x"
                )
            lookup = min(timed(book.find_by_number, "+79161234567") for _ in range(args.rounds))
            print(
                f"search: worst {worst * 1000:.1f} ms, median ratio vs LIKE scan "
                f"{statistics.median(ratios):.1f}x; caller lookup by number {lookup * 1000:.2f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
