"""Sample data load speed: generation alone, the load with the journal on and off, and a raw
sqlite3 executemany of the same rows as the baseline. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_demo.py --contacts 100000 --repeat 3
    .venv/bin/python bench/bench_demo.py --contacts 1000000

Each repeat uses fresh databases in a temporary folder under /tmp (removed afterwards
unless --keep). The baseline database is opened by Database (same schema, indexes and
pragmas), then its journal_* and search_* triggers are dropped and the pre-generated rows
(spooled to disk with marshal, so a million contacts never sit in memory) are inserted with plain
single-row `executemany` in one transaction; only the executemany calls and the commit
are timed.
"""

from __future__ import annotations

import argparse
import marshal
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_crm.models.database import BUSY_TIMEOUT_MS, CACHE_KIB, Database
from desktop_crm.services.sample_data import SampleSetup, generate, read_setup, sample_batches

REFERENCE_DATE = date(2025, 6, 15)


@dataclass
class Run:
    rows: int
    generate_s: float
    raw_s: float
    on_s: float
    off_s: float
    on_bytes: int
    off_bytes: int
    raw_bytes: int


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, nargs="+", default=[100_000], metavar="N")
    parser.add_argument("--repeat", type=int, default=1, metavar="R")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--language", choices=("fr", "en"), default="fr")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="parent of the temp dirs")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args(argv)
    print(
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, reference date {REFERENCE_DATE}"
    )
    for contacts in args.contacts:
        runs = [_one_run(contacts, args, i) for i in range(args.repeat)]
        _report(contacts, runs)
    return 0


def _one_run(contacts: int, args: argparse.Namespace, index: int) -> Run:
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-demo-", dir=args.tmp))
    try:
        print(f"\n[{contacts:,} contacts, run {index + 1}/{args.repeat}] in {folder}", flush=True)
        raw_path = folder / "raw.sqlite"
        setup = _prepare(raw_path, args.language)
        spool = folder / "rows.marshal"
        rows, generate_s = _generate_to_spool(contacts, args, setup, spool)
        print(
            f"  generation only      {generate_s:8.1f} s  {rows / generate_s:>10,.0f} rows/s",
            flush=True,
        )
        raw_s = _raw_insert(raw_path, spool)
        spool.unlink()
        print(f"  raw executemany      {raw_s:8.1f} s  {rows / raw_s:>10,.0f} rows/s", flush=True)
        off_s, off_rows = _load(folder / "off.sqlite", contacts, args, journal=False)
        print(
            f"  generate, journal off{off_s:8.1f} s  {off_rows / off_s:>10,.0f} rows/s", flush=True
        )
        on_s, on_rows = _load(folder / "on.sqlite", contacts, args, journal=True)
        print(f"  generate, journal on {on_s:8.1f} s  {on_rows / on_s:>10,.0f} rows/s", flush=True)
        assert rows == on_rows == off_rows, (rows, on_rows, off_rows)
        return Run(
            rows,
            generate_s,
            raw_s,
            on_s,
            off_s,
            _size(folder / "on.sqlite"),
            _size(folder / "off.sqlite"),
            _size(raw_path),
        )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _prepare(path: Path, language: str) -> SampleSetup:
    """A database with the default pipeline, whose stages the baseline rows point at."""
    with Database.open(path) as db, db.session() as session, session.begin():
        return read_setup(session, language)


def _generate_to_spool(
    contacts: int, args: argparse.Namespace, setup: SampleSetup, spool: Path
) -> tuple[int, float]:
    rows = 0
    elapsed = 0.0
    with spool.open("wb") as out:
        batches = sample_batches(
            contacts, args.seed, language=args.language, reference_date=REFERENCE_DATE, setup=setup
        )
        while True:
            started = time.perf_counter()
            batch = next(batches, None)
            elapsed += time.perf_counter() - started
            if batch is None:
                return rows, elapsed
            rows += len(batch.rows)
            marshal.dump((batch.table, batch.columns, batch.rows), out)


def _raw_insert(path: Path, spool: Path) -> float:
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE 'journal_%' OR name LIKE 'search_%')"
        ).fetchall()
        for (name,) in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        for pragma in (
            "journal_mode = WAL",
            "foreign_keys = ON",
            "synchronous = FULL",
            "temp_store = MEMORY",
            f"cache_size = -{CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")
        elapsed = 0.0
        conn.execute("BEGIN IMMEDIATE")
        with spool.open("rb") as source:
            while True:
                try:
                    table, columns, rows = marshal.load(source)
                except EOFError:
                    break
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
                started = time.perf_counter()
                conn.executemany(sql, rows)
                elapsed += time.perf_counter() - started
        started = time.perf_counter()
        conn.execute("COMMIT")
        return elapsed + time.perf_counter() - started
    finally:
        conn.close()


def _load(
    path: Path, contacts: int, args: argparse.Namespace, *, journal: bool
) -> tuple[float, int]:
    with Database.open(path) as db:
        report = generate(
            db.session,
            contacts,
            args.seed,
            language=args.language,
            reference_date=REFERENCE_DATE,
            journal=journal,
        )
    return report.seconds, sum(report.counts.values())


def _size(path: Path) -> int:
    """Main file plus WAL after a truncating checkpoint."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _report(contacts: int, runs: list[Run]) -> None:
    def med(get: Callable[[Run], float]) -> float:
        return statistics.median(get(r) for r in runs)

    rows = runs[0].rows
    gen, raw, on, off = (
        med(lambda r: r.generate_s),
        med(lambda r: r.raw_s),
        med(lambda r: r.on_s),
        med(lambda r: r.off_s),
    )
    per_100k = 100_000 / contacts / 1e6
    print(f"\n== {contacts:,} contacts, {rows:,} rows, median of {len(runs)} run(s) ==")
    print(f"  1. generation only            {gen:8.1f} s  {rows / gen:>10,.0f} rows/s")
    print(f"  2. generate(), journal on     {on:8.1f} s  {rows / on:>10,.0f} rows/s")
    print(f"  3. generate(), journal off    {off:8.1f} s  {rows / off:>10,.0f} rows/s")
    print(
        f"  4. baseline: raw executemany  {raw:8.1f} s  {rows / raw:>10,.0f} rows/s"
        "  (same rows, schema, indexes, pragmas; no triggers)"
    )
    print(f"  journal off / raw             {off / raw:8.2f}x  (goal <= 3x)")
    print(f"  journal on / journal off      {on / off:8.2f}x  (goal <= 2.5x)")
    print(f"  journal on / raw              {on / raw:8.2f}x")
    print(f"  insert share of journal off   {(off - gen) / off:8.0%}  (the rest is generation)")
    print(
        f"  size per 100k contacts        journal on {med(lambda r: r.on_bytes) * per_100k:,.0f}"
        f" MB, journal off {med(lambda r: r.off_bytes) * per_100k:,.0f} MB, "
        f"baseline {med(lambda r: r.raw_bytes) * per_100k:,.0f} MB"
    )


if __name__ == "__main__":
    raise SystemExit(main())
