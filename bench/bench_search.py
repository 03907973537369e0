"""Global search speed (the search palette's engine): median latency per kind of query, the
index size, and what the search triggers add to a bulk load. Prints, asserts nothing.

    python bench/bench_search.py --contacts 100000
    python bench/bench_search.py --db crm-1m.sqlite --load-contacts 20000

With --contacts, a sample database of that size is built in a temporary folder (and that
load is one side of the load-cost comparison). Each kind of query is run for ~50 different
inputs drawn from the database's contacts, once each after a warm-up pass:

- exact        a last name as stored ("Lefèvre")
- prefix3      its first three letters, folded ("lef")
- accent-free  a name with accents typed without them ("lefevre", "helene")
- one-typo     a last name of 5+ letters with one letter dropped, swapped or replaced
- name+city    last name and city ("Dupont Lyon")

Baseline in the same run, for the same inputs: a plain `LIKE '%word%'` over
contacts.last_name (first word, live rows, LIMIT 8), what a palette without an index would
run on one table. "found" is the share of queries whose contact group (or LIKE rows) holds
a contact with the wanted last name.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.models.search import drop_search_triggers, fold, rebuild_search_index
from desktop_crm.services.sample_data import generate
from desktop_crm.services.search import search

QUERIES_PER_KIND = 50


def load(path: Path, contacts: int, *, triggers: bool) -> float:
    """Seconds to load the sample data into a fresh database at `path`."""
    with Database.open(path) as db:
        if not triggers:
            with db.connect() as conn:
                drop_search_triggers(conn)
                conn.commit()
        started = time.perf_counter()
        generate(db.session, contacts, seed=1)
        return time.perf_counter() - started


def index_afterwards(path: Path) -> float:
    """Seconds to index, in one go, everything a load made without the search triggers:
    what a bulk load that deferred the index would pay instead of the triggers."""
    with Database.open(path) as db, db.connect() as conn:
        started = time.perf_counter()
        rebuild_search_index(conn)
        conn.commit()
        return time.perf_counter() - started


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "replace"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
    return word[:i] + letter + word[i + 1 :]


def inputs(db: Database, seed: int) -> dict[str, list[tuple[str, str]]]:
    """Per kind, (query, wanted folded last name) pairs."""
    rng = random.Random(seed)
    with db.read_session() as s:
        top = s.execute(text("SELECT max(rowid) FROM contacts")).scalar_one()
        picks = rng.sample(range(1, top + 1), min(top, 3000))
        rows = []
        for start in range(0, len(picks), 500):
            chunk = ", ".join(str(r) for r in picks[start : start + 500])
            rows += s.execute(
                text(
                    "SELECT first_name, last_name, city FROM contacts "
                    f"WHERE rowid IN ({chunk}) AND deleted_at IS NULL"
                )
            ).all()
    rng.shuffle(rows)
    kinds: dict[str, list[tuple[str, str]]] = {
        k: [] for k in ("exact", "prefix3", "accent-free", "one-typo", "name+city")
    }
    for first, last, city in rows:
        wanted = fold(last)
        kinds["exact"].append((last, wanted))
        kinds["prefix3"].append((wanted[:3], wanted[:3]))
        if not last.isascii():
            kinds["accent-free"].append((wanted, wanted))
        elif first and not first.isascii():
            kinds["accent-free"].append((f"{fold(first)} {wanted}", wanted))
        if len(wanted) >= 5 and wanted.isalpha():
            kinds["one-typo"].append((typo(wanted, rng), wanted))
        if city:
            kinds["name+city"].append((f"{last} {city}", wanted))
    return {k: v[:QUERIES_PER_KIND] for k, v in kinds.items()}


def ours(db: Database, query: str, wanted: str) -> bool:
    with db.read_session() as s:
        groups = search(s, query)
    return any(
        wanted in fold(hit.title) for g in groups if g.object_type == "contact" for hit in g.hits
    )


def baseline(db: Database, query: str, wanted: str) -> bool:
    word = query.split()[0]
    with db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT last_name FROM contacts WHERE deleted_at IS NULL "
                "AND last_name LIKE :p LIMIT 8"
            ),
            {"p": f"%{word}%"},
        ).scalars()
        return any(wanted in fold(name) for name in rows)


def measure(
    fn: Callable[[Database, str, str], bool], db: Database, cases: list[tuple[str, str]]
) -> tuple[list[float], float]:
    for query, wanted in cases:  # warm-up: pages in the cache, statements prepared
        fn(db, query, wanted)
    times, hits = [], 0
    for query, wanted in cases:
        started = time.perf_counter()
        hits += fn(db, query, wanted)
        times.append((time.perf_counter() - started) * 1000)
    return times, hits / len(cases) if cases else 0.0


def index_size_mb(db: Database) -> dict[str, float]:
    with db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT CASE WHEN name LIKE 'app_search_index%' THEN 'index' ELSE 'vocabulary' "
                "END, sum(pgsize) FROM dbstat WHERE name LIKE 'app_search%' "
                "OR name LIKE 'ix_app_search%' GROUP BY 1"
            )
        ).all()
        total = s.execute(text("SELECT sum(pgsize) FROM dbstat")).scalar_one()
    sizes = {part: size / 1_048_576 for part, size in rows}
    sizes["database"] = total / 1_048_576
    return sizes


def report(db: Database, seed: int) -> None:
    with db.read_session() as s:
        counts = {
            t: s.execute(text(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL")).scalar_one()
            for t in ("contacts", "accounts", "leads", "opportunities", "cases", "campaigns")
        }
        words = s.execute(text("SELECT count(*) FROM app_search_words")).scalar_one()
    print("records: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    print(f"vocabulary: {words:,} words")

    started = time.perf_counter()
    ours(db, "first query of the process", "")
    print(f"first query (cold statements): {(time.perf_counter() - started) * 1000:.1f} ms\n")

    print(
        f"{'kind':<12} {'n':>3}  {'median':>8} {'p90':>8} {'max':>8} {'found':>6}   "
        f"{'LIKE median':>11} {'LIKE found':>10}"
    )
    for kind, cases in inputs(db, seed).items():
        times, found = measure(ours, db, cases)
        base_times, base_found = measure(baseline, db, cases)
        if not times:
            print(f"{kind:<12} no inputs")
            continue
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
        print(
            f"{kind:<12} {len(times):>3}  {statistics.median(times):>6.1f}ms {p90:>6.1f}ms "
            f"{max(times):>6.1f}ms {found:>6.0%}   {statistics.median(base_times):>9.1f}ms "
            f"{base_found:>10.0%}"
        )

    sizes = index_size_mb(db)
    per_100k = 100_000 / max(counts["contacts"], 1)
    print(
        f"\nsearch index on disk: {sizes.get('index', 0):.1f} MiB trigram index + "
        f"{sizes.get('vocabulary', 0):.1f} MiB vocabulary "
        f"(database {sizes['database']:.0f} MiB); "
        f"per 100k contacts (and their share of the other objects): "
        f"{(sizes.get('index', 0) + sizes.get('vocabulary', 0)) * per_100k:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (else one is built)")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument(
        "--load-contacts",
        type=int,
        default=None,
        help="size of the load-cost comparison (default: --contacts, or 20,000 with --db)",
    )
    parser.add_argument("--no-load", action="store_true", help="skip the load-cost comparison")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tmp", type=Path, default=None, help="folder for temporary databases")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        folder = Path(tmp)
        with_triggers: float | None = None
        path = args.db
        if path is None:
            path = folder / "search.sqlite"
            print(f"building a sample database of {args.contacts:,} contacts ...", flush=True)
            with_triggers = load(path, args.contacts, triggers=True)
            print(f"  loaded in {with_triggers:.1f} s (search triggers on)")
        with Database.open(path) as db:
            report(db, args.seed)

        if args.no_load:
            return
        size = args.load_contacts or (20_000 if args.db else args.contacts)
        if with_triggers is None or size != args.contacts:
            print(f"\nloading {size:,} contacts with the search triggers ...", flush=True)
            with_triggers = load(folder / "with.sqlite", size, triggers=True)
        print(f"loading {size:,} contacts without the search triggers ...", flush=True)
        without = load(folder / "without.sqlite", size, triggers=False)
        print(
            f"sample load of {size:,} contacts: {with_triggers:.1f} s with the search "
            f"triggers, {without:.1f} s without: ratio {with_triggers / without:.2f}"
        )
        afterwards = index_afterwards(folder / "without.sqlite")
        print(
            f"  indexing those records in one go after a load without triggers: "
            f"{afterwards:.1f} s, ratio {(without + afterwards) / without:.2f}"
        )


if __name__ == "__main__":
    main()
