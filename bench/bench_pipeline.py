"""Pipeline board speed (issue #4): open the board, switch pipeline, apply filters, read the
next page of a column, commit a move; through the service and through the view offscreen.
Prints medians next to a baseline measured in the same run, asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_pipeline.py --db /tmp/crm-50k.sqlite
    QT_QPA_PLATFORM=offscreen python bench/bench_pipeline.py --contacts 50000 --deals 200000

With --contacts, a sample database is built first in a temporary folder (50,000 contacts
give 10,000 deals). --deals N tops the opportunities up to N by copying existing ones with
fresh ids (as one undoable "demo" operation), on a copy of --db when one is given, so the
board can be measured at 200,000 deals without a million-contact demo. Baselines: the
board's aggregate written by hand in plain `sqlite3` (what the totals cannot beat), and a
single `UPDATE` of one deal's stage through the same connection (journal triggers, fsync
of the commit), what a move cannot beat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import benchtools
from PySide6.QtCore import QSettings

from desktop_crm.app import application
from desktop_crm.models.database import Database
from desktop_crm.models.ids import new_id
from desktop_crm.models.journal import operation
from desktop_crm.services import pipeline_board as pb
from desktop_crm.services.sample_data import generate
from desktop_crm.views.pipeline_view import PipelineView
from desktop_crm.widgets.job import JobRunner


def wait(condition: Callable[[], bool], timeout_s: float = 600.0) -> None:
    benchtools.wait(condition, timeout_s, "the board")


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def top_up(db: Database, wanted: int) -> int:
    """Copy open and closed deals (fresh ids, positions after the others) until the
    opportunities table holds `wanted` rows; returns how many were added."""
    with db.read_session() as s:
        have = s.connection().exec_driver_sql("SELECT count(*) FROM opportunities").scalar_one()
    missing = wanted - have
    if missing <= 0:
        return 0
    with db.session() as s, s.begin(), operation(s, "Benchmark deals", "demo"):
        conn = s.connection()
        columns = [
            row[1]
            for row in conn.exec_driver_sql("PRAGMA table_info(opportunities)").all()
            if row[1] != "id"
        ]
        source = conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM opportunities ORDER BY rowid"
        ).all()
        position = columns.index("board_position")
        names = ", ".join(("id", *columns))
        marks = ", ".join("?" for _ in range(len(columns) + 1))
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        batch = []
        for i in range(missing):
            row = list(source[i % len(source)])
            row[position] = (row[position] or 0) + 1_000_000 * (1 + i // len(source)) + i
            batch.append((new_id(), *row))
            if len(batch) == 5000:
                cursor.executemany(f"INSERT INTO opportunities ({names}) VALUES ({marks})", batch)
                batch.clear()
        if batch:
            cursor.executemany(f"INSERT INTO opportunities ({names}) VALUES ({marks})", batch)
        cursor.close()
    db.refresh_statistics()
    return missing


def raw_aggregate(path: Path, pipeline_id: str) -> Callable[[], object]:
    conn = sqlite3.connect(path)

    def run() -> object:
        return conn.execute(
            "SELECT stage_id, currency, status = 'open', count(*), count(amount_minor), "
            "sum(amount_minor), sum(amount_minor * probability) FROM opportunities "
            "WHERE deleted_at IS NULL AND pipeline_id = ? "
            "GROUP BY stage_id, currency, status = 'open'",
            (pipeline_id,),
        ).fetchall()

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="an existing CRM database (copied with --deals)")
    parser.add_argument("--contacts", type=int, default=50_000, help="size of a generated demo")
    parser.add_argument("--deals", type=int, help="top the opportunities up to this many")
    parser.add_argument("--repeat", type=int, default=7, metavar="R")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-pipeline-", dir=args.tmp))
    try:
        path = folder / "crm.sqlite"
        if args.db is not None and args.deals is None:
            path = args.db
        elif args.db is not None:
            shutil.copy(args.db, path)
        else:
            with Database.open(path) as db:
                generate(db.session, args.contacts, language="fr")
        db = Database.open(path)
        try:
            if args.deals:
                added = top_up(db, args.deals)
                print(f"added {added:,} copied deals", flush=True)
            run(db, path, args.repeat)
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def run(db: Database, path: Path, repeat: int) -> None:
    today = date.today()
    with db.read_session() as s:
        conn = s.connection()
        deals = conn.exec_driver_sql("SELECT count(*) FROM opportunities").scalar_one()
        open_deals = conn.exec_driver_sql(
            "SELECT count(*) FROM opportunities WHERE status = 'open'"
        ).scalar_one()
        pipelines = pb.list_pipelines(s)
        owner = conn.exec_driver_sql(
            "SELECT owner_id FROM opportunities GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1"
        ).scalar_one()
    main_pipeline, other = pipelines[0], pipelines[-1]
    print(
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} "
        f"CPUs; {deals:,} opportunities ({open_deals:,} open), {len(pipelines)} pipelines; "
        f"median (fastest) of {repeat} runs, ms",
        flush=True,
    )
    base = pb.BoardFilter(main_pipeline.id)
    filters = {
        "filter: owner": replace(base, owner_id=owner),
        "filter: text 'mar'": replace(base, text="mar"),
        "filter: amount 5k-20k": replace(base, amount_min=500_000, amount_max=2_000_000),
        "filter: close this year": replace(
            base, close_from=date(today.year, 1, 1), close_to=date(today.year, 12, 31)
        ),
    }

    def board(f: pb.BoardFilter) -> Callable[[], object]:
        def read() -> object:
            with db.read_session() as s:
                return pb.read_board(s, f, today=today)

        return read

    rows: list[tuple[str, float, float]] = []

    def measure(label: str, fn: Callable[[], object]) -> None:
        med, fast = median_ms(fn, repeat)
        rows.append((label, med, fast))
        print(f"  {label:<38} {med:9.1f} ({fast:.1f})", flush=True)

    print("service (Qt-free, one read session each):")
    measure("baseline: raw sqlite3 aggregate", raw_aggregate(path, main_pipeline.id))
    measure("open board (totals + first pages)", board(base))
    measure("totals only (no cards)", lambda: _totals_only(db, base, today))
    measure("switch pipeline", board(pb.BoardFilter(other.id)))
    for label, f in filters.items():
        measure(label, board(f))
    with db.read_session() as s:
        opened = pb.read_board(s, base, today=today)
    biggest = max(opened.columns, key=lambda c: c.deals)
    assert biggest.page is not None

    def deep_page() -> object:
        with db.read_session() as s:
            return pb.fetch_cards(s, base, biggest.stage.id, after=biggest.page.after, today=today)  # type: ignore[union-attr]

    measure(f"next page of '{biggest.stage.name}' ({biggest.deals:,})", deep_page)

    open_columns = [c for c in opened.columns if c.stage.kind == "open" and c.page and c.page.cards]
    first, second = open_columns[0], open_columns[1]
    assert first.page is not None
    deal_id = first.page.cards[0].id
    targets = [second.stage.id, first.stage.id]
    state = {"n": 0}

    def move() -> object:
        target = targets[state["n"] % 2]
        state["n"] += 1
        with db.session() as s, s.begin():
            result = pb.move_deal(s, deal_id, target, 0, today=today)
        assert result.ok, result
        assert result.moved, result
        return result

    def raw_move() -> object:
        target = targets[state["n"] % 2]
        state["n"] += 1
        with db.session() as s, s.begin():
            s.connection().exec_driver_sql(
                "UPDATE opportunities SET stage_id = ? WHERE id = ?", (target, deal_id)
            )
        return None

    print("writes (each its own transaction, committed):")
    measure("baseline: one journaled UPDATE + commit", raw_move)
    measure("move commit (service, journaled)", move)

    app = application()
    runner = JobRunner.shared()
    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    print("view (offscreen; job round trip, columns filled, painted):")
    times = []
    for _ in range(max(3, repeat // 2)):
        start = time.perf_counter()
        view = PipelineView(db, settings=settings, runner=runner)
        view.resize(1400, 800)
        view.show()
        view.load()
        wait(lambda v=view: v.board_data is not None and not v.loading)  # type: ignore[misc]
        view.repaint()
        times.append((time.perf_counter() - start) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(f"  {'open the Pipeline view':<38} {statistics.median(times):9.1f} ({min(times):.1f})")
    view = PipelineView(db, settings=settings, runner=runner)
    view.resize(1400, 800)
    view.show()
    view.load()
    wait(lambda: view.board_data is not None and not view.loading)
    switch = []
    for i in range(max(3, repeat // 2)):
        target = (other if i % 2 == 0 else main_pipeline).id
        start = time.perf_counter()
        view.load(target)
        wait(
            lambda t=target: (
                not view.loading and view.filter is not None and view.filter.pipeline_id == t
            )
        )  # type: ignore[misc]
        view.repaint()
        switch.append((time.perf_counter() - start) * 1000)
    label = "switch pipeline in the view"
    print(f"  {label:<38} {statistics.median(switch):9.1f} ({min(switch):.1f})")
    runner.stop_all()
    view.close()


def _totals_only(db: Database, f: pb.BoardFilter, today: date) -> object:
    with db.read_session() as s:
        return pb.read_board(s, f, today=today, with_cards=False)


if __name__ == "__main__":
    sys.exit(main())
