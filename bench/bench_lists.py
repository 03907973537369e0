"""Object list speed, offscreen: open the Contacts list to first paint, sort by last name,
filter by city, jump to the last row; the search palette's query latency; RSS of the
process. Prints medians, asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_lists.py --db crm-1m.sqlite
    QT_QPA_PLATFORM=offscreen python bench/bench_lists.py --contacts 100000

With --contacts, a sample database of that size is built first in a temporary folder.
Baselines measured in the same run: the same rowid queries in plain sqlite3 (what the
model cannot beat), and a `count(*)`.

Search palette: ~40 inputs per kind drawn from the database's contacts (a last name as
stored, its first three letters, an accent-free spelling, one typo), each timed from the
text being in the box to its results listed (`run_query`, so without the typing pause),
and the same queries through `services.search.search` alone. Baseline: a plain
`LIKE '%word%' LIMIT 8` over contacts.last_name in sqlite3, what a palette without an
index would run on one table.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import benchtools
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from desktop_crm.app import application
from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import Condition, ListQuery, Op
from desktop_crm.services.sample_data import generate
from desktop_crm.services.search import search
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.views.search_palette import HITS_PER_OBJECT, SearchPalette
from desktop_crm.widgets.job import JobRunner


def wait(condition: Callable[[], bool], timeout_s: float = 600.0) -> None:
    benchtools.wait(condition, timeout_s, "the list")


def painted(view: RecordListView) -> None:
    """Force the paint of what is visible now (reads its page) and let it finish."""
    view.table.viewport().repaint()
    QApplication.processEvents()


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def measure_once(
    db: Database,
    settings: QSettings,
    runner: JobRunner,
    city: str,
    record: Callable[[str, float], None],
) -> int:
    """One round of every list timing; returns how many contacts the city filter kept."""
    started = time.perf_counter()
    view = RecordListView(db, "contact", settings=settings, runner=runner)
    view.resize(1200, 800)
    view.show()
    wait(lambda: runner.is_idle() and view.model.rowCount() > 0)
    painted(view)
    record("open to first paint", (time.perf_counter() - started) * 1000)

    def run(query: ListQuery) -> None:
        view.model.set_query(query)
        wait(runner.is_idle)
        painted(view)

    by_name = ListQuery("contact", sort_key="last_name")
    record("sort by last name (desc)", timed(lambda: run(replace(by_name, descending=True))))
    record("sort by last name (asc)", timed(lambda: run(by_name)))
    in_city = replace(by_name, conditions=(Condition("city", Op.EQUALS, city),))
    record("filter city = …", timed(lambda: run(in_city)))
    filtered = view.model.rowCount()
    run(by_name)

    def jump_to_end() -> None:
        view.table.scrollToBottom()
        painted(view)

    view.model.cache.clear()
    record("jump to last row", timed(jump_to_end))
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    return filtered


SEARCH_KINDS = ("exact", "prefix3", "accent-free", "one-typo")


def search_inputs(db: Database, per_kind: int = 40) -> dict[str, list[str]]:
    """Per kind, queries made from random contacts (as `bench_search.py` draws them)."""
    from bench_search import inputs

    drawn = inputs(db, seed=7)
    return {kind: [query for query, _ in drawn[kind][:per_kind]] for kind in SEARCH_KINDS}


def measure_palette(
    db: Database, queries: dict[str, list[str]], record: Callable[[str, float], None]
) -> None:
    """Text in the box to its results listed (the query thread, the list filled)."""
    host = QWidget()
    host.resize(1200, 800)
    host.show()
    palette = SearchPalette(db, host)
    palette.open()
    shown: list[str] = []
    palette.sig_results_shown.connect(shown.append)
    for kind, texts in queries.items():
        for warm in (True, False):
            for text in texts:
                shown.clear()
                started = time.perf_counter()
                palette.edit.setText(text)
                palette.run_query()
                wait(lambda text=text: shown == [text])
                palette.repaint()
                if not warm:
                    record(f"palette: {kind} to results", (time.perf_counter() - started) * 1000)
            for text in texts:
                with db.read_session() as session:
                    ms = timed(lambda text=text: search(session, text, HITS_PER_OBJECT))
                if not warm:
                    record(f"search(): {kind}", ms)
    palette.stop()
    host.close()
    host.deleteLater()
    QApplication.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="an existing database (opened read-mostly)")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "bench.sqlite"
            with Database.open(path) as db:
                print(f"building {args.contacts:,} sample contacts ...", flush=True)
                generate(db.session, args.contacts, seed=1)
        db = Database.open(path, exclusive=False)
        runner = JobRunner(app)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        with db.read_session() as session:
            from sqlalchemy import text

            contacts = session.execute(
                text("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")
            ).scalar_one()
            city = session.execute(
                text(
                    "SELECT city FROM contacts WHERE city <> '' GROUP BY city "
                    "ORDER BY count(*) DESC LIMIT 1 OFFSET 5"
                )
            ).scalar_one()
        print(
            f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
            f"{os.cpu_count()} CPUs; {contacts:,} live contacts in {path}; filter city={city!r}"
        )
        results: dict[str, list[float]] = {}

        def record(name: str, ms: float) -> None:
            results.setdefault(name, []).append(ms)

        filtered = 0
        for _ in range(args.repeat):
            filtered = measure_once(db, settings, runner, city, record)
        queries = search_inputs(db)
        measure_palette(db, queries, record)
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA cache_size = -32768")
        base = "SELECT rowid FROM contacts WHERE deleted_at IS NULL"
        baselines = {
            "raw sqlite3: rowids by last name": f"{base} ORDER BY last_name COLLATE NOCASE, "
            "first_name COLLATE NOCASE, rowid",
            "raw sqlite3: rowids of the city": f"{base} AND city = ? COLLATE NOCASE "
            "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, rowid",
            "raw sqlite3: count(*)": "SELECT count(*) FROM contacts WHERE deleted_at IS NULL",
        }
        for kind, texts in queries.items():
            for warm in (True, False):
                for text in texts:
                    pattern = f"%{text.split()[0]}%"
                    ms = timed(
                        lambda pattern=pattern: raw.execute(
                            "SELECT rowid, last_name FROM contacts WHERE deleted_at IS NULL "
                            "AND last_name LIKE ? LIMIT 8",
                            (pattern,),
                        ).fetchall()
                    )
                    if not warm:
                        record(f"raw sqlite3: LIKE {kind}", ms)
        for name, sql in baselines.items():
            for _ in range(args.repeat):
                params = (city,) if "?" in sql else ()
                record(
                    name, timed(lambda sql=sql, params=params: raw.execute(sql, params).fetchall())
                )
        raw.close()
        print(f"\nmedian of {args.repeat} runs ({filtered:,} contacts in the city):")
        for name, values in results.items():
            spread = (
                f"  (p90 {statistics.quantiles(values, n=10)[-1]:.1f}, n={len(values)})"
                if len(values) >= 10
                else ""
            )
            print(f"  {name:<36} {statistics.median(values):9.1f} ms" + spread)
        print(f"  {'RSS of the process':<36} {rss_mb():9.0f} MB")
        runner.stop_all()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
