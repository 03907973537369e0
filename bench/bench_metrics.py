"""Dashboard KPI speed: every function of services/metrics.py over one year, next to a count
and a full scan of the opportunities table measured in the same run. Prints, asserts nothing.

    /work/venv/bin/python bench/bench_metrics.py                     # 20k-contact demo in /tmp
    /work/venv/bin/python bench/bench_metrics.py --contacts 1000000  # the issue's target scale
    /work/venv/bin/python bench/bench_metrics.py path/to/crm.sqlite --period 2025

Without a database path, a sample database is generated into a temporary folder (removed
afterwards unless --keep) with reference date 2025-06-15; the default period is then the
twelve months up to that date's month, and "today" for stale deals is that date. With a
path, the database is opened as it is (not migrated) and the defaults are the twelve
months up to the current month, and today. Each KPI runs --repeat times (5), each run in a
fresh read session; the median and the fastest are printed, the total is the sum of medians.
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
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services import metrics as m
from desktop_crm.services.sample_data import generate

REFERENCE_DATE = date(2025, 6, 15)
TABLES = ("opportunities", "leads", "activities", "campaigns", "cases", "journal_entries")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("database", nargs="?", type=Path, help="an existing CRM database")
    parser.add_argument("--contacts", type=int, default=20_000, help="size of the generated demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, metavar="R")
    parser.add_argument("--period", help="2025, 2025-Q3 or 2025-07 (default: last 12 months)")
    parser.add_argument("--today", type=date.fromisoformat, help="for stale deals (YYYY-MM-DD)")
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="parent of the temp dir")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    folder: Path | None = None
    if args.database is None:
        folder = Path(tempfile.mkdtemp(prefix="crm-bench-metrics-", dir=args.tmp))
        path = folder / "crm.sqlite"
        today = args.today or REFERENCE_DATE
    else:
        path = args.database
        today = args.today or date.today()
    try:
        if args.period:
            start, end = m.period_from_text(args.period)
        else:
            end = _next_month(today)
            start = end.replace(year=end.year - 1)
        print(
            f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
            f"{os.cpu_count()} CPUs; period {start} to {end} (excluded), today {today}, "
            f"{args.currency}, median of {args.repeat} runs",
            flush=True,
        )
        db = _open(path, args, folder is not None)
        try:
            _report(db, m.MetricFilter(start, end, currency=args.currency), today, args.repeat)
        finally:
            db.close()
    finally:
        if folder is not None:
            if args.keep:
                print(f"\nkept {path}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return 0


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _open(path: Path, args: argparse.Namespace, generated: bool) -> Database:
    if not generated:
        print(f"database {path}", flush=True)
        return Database.open(path, migrate=False)
    print(f"generating {args.contacts:,} contacts into {path} ...", end=" ", flush=True)
    db = Database.open(path)
    report = generate(
        db.session, args.contacts, seed=args.seed, reference_date=REFERENCE_DATE, journal=True
    )
    # No ANALYZE here: the app refreshes statistics when it closes a database, so a
    # first session on a new database plans without them, as this run does.
    print(f"{report.seconds:.1f} s", flush=True)
    return db


def _report(db: Database, f: m.MetricFilter, today: date, repeat: int) -> None:
    with db.read_session() as session:
        sizes = {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))

    def sql(statement: str) -> Callable[[Any], Any]:
        return lambda session: session.execute(text(statement)).all()

    baselines: list[tuple[str, Callable[[Any], Any]]] = [
        ("SELECT count(*) FROM opportunities", sql("SELECT count(*) FROM opportunities")),
        (
            "SELECT sum(amount_minor) FROM opportunities",
            sql("SELECT sum(amount_minor) FROM opportunities"),
        ),
        ("(context) SELECT count(*) FROM activities", sql("SELECT count(*) FROM activities")),
    ]
    kpis: list[tuple[str, Callable[[Any], Any]]] = [
        ("win_rate", lambda s: m.win_rate(s, f)),
        ("conversion_by_stage", lambda s: m.conversion_by_stage(s, f)),
        ("sales_cycle", lambda s: m.sales_cycle(s, f)),
        ("average_won_value", lambda s: m.average_won_value(s, f)),
        ("pipeline_value_per_stage", lambda s: m.pipeline_value_per_stage(s, f)),
        ("weighted_forecast_by_month", lambda s: m.weighted_forecast_by_month(s, f)),
        ("revenue_won_by_month", lambda s: m.revenue_won_by_month(s, f)),
        ("lead_conversion_by_source", lambda s: m.lead_conversion_by_source(s, f)),
        ("campaign_roi", lambda s: m.campaign_roi(s, f)),
        ("activities_per_owner_per_week", lambda s: m.activities_per_owner_per_week(s, f)),
        ("stale_deals_count", lambda s: m.stale_deals_count(s, f, today)),
        ("open_cases_by_priority", lambda s: m.open_cases_by_priority(s, f)),
        ("case_resolution", lambda s: m.case_resolution(s, f)),
    ]
    print(f"\n{'baseline':<46} {'median':>10} {'fastest':>10}")
    measured = {name: _time(db, run, repeat) for name, run in baselines}
    for name, (median, fastest) in measured.items():
        print(f"{name:<46} {median * 1000:8.2f} ms {fastest * 1000:7.2f} ms")
    scan = measured["SELECT sum(amount_minor) FROM opportunities"][0]
    print(f"\n{'KPI':<32} {'median':>10} {'fastest':>10} {'× full scan':>12}")
    total = 0.0
    for name, run in kpis:
        median, fastest = _time(db, run, repeat)
        total += median
        print(f"{name:<32} {median * 1000:8.2f} ms {fastest * 1000:7.2f} ms {median / scan:11.1f}")
    print(f"{'all KPIs (sum of medians)':<32} {total * 1000:8.2f} ms {'':>10} {total / scan:11.1f}")


def _time(db: Database, run: Callable[[Any], Any], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        with db.read_session() as session:
            started = time.perf_counter()
            run(session)
            times.append(time.perf_counter() - started)
            session.rollback()
    return statistics.median(times), min(times)


if __name__ == "__main__":
    raise SystemExit(main())
