"""Dashboard speed (issue #5), offscreen: every figure of one dashboard computed (all KPIs,
the previous period, money per currency), each chart's redraw, and the dashboard's first
paint (view built → every tile and the charts in view painted; the charts further down
are computed after it, and "every figure computed" says when). Prints medians next to
baselines measured in the same run (a full scan of the opportunities; an empty figure's
draw); asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_dashboard.py /tmp/crm-100k.sqlite
    QT_QPA_PLATFORM=offscreen python bench/bench_dashboard.py DB --period 2026 --repeat 5

Build a database first, e.g. `desktop-crm --db /tmp/crm-100k.sqlite demo --contacts 100000`.
The database is opened as it is (not migrated); "today" (stale deals, open cases) is the
current date unless --today says otherwise; the default period is the current year.

With --cold, the first paint is also measured cold, before anything else reads the
database: its file's pages are dropped from the OS cache (posix_fadvise, that file only)
and a new Database (empty SQLite page cache) is opened for each of those runs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services import charts as c
from desktop_crm.services import metrics as m
from desktop_crm.services.dashboard import DashboardData, compute_dashboard
from desktop_crm.views.dashboard_view import DashboardView
from desktop_crm.widgets.chart_canvas import ChartCanvas, chart_style, qt_formatter
from desktop_crm.widgets.job import JobRunner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("database", type=Path, help="an existing CRM database")
    parser.add_argument("--period", help="2026, 2026-Q3 or 2026-07 (default: this year)")
    parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    parser.add_argument("--repeat", type=int, default=5, metavar="R", help="runs per figure")
    parser.add_argument("--size", default="900x420", help="chart canvas size, WxH pixels")
    parser.add_argument("--cold", type=int, default=0, metavar="N", help="cold first paints")
    args = parser.parse_args(argv)
    today = args.today or date.today()
    start, end = m.period_from_text(args.period or str(today.year))
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(Path("/tmp") / "bench-dashboard.ini"), QSettings.Format.IniFormat)
    cold = []
    for _ in range(args.cold):
        _evict(args.database)
        fresh = Database.open(args.database, migrate=False)
        try:
            cold.append(_first_paint(app, fresh, settings, today, start, end))
        finally:
            fresh.close()
    db = Database.open(args.database, migrate=False)
    try:
        with db.read_session() as session:
            sizes = {
                t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("contacts", "opportunities", "leads", "activities", "cases")
            }
        print(
            f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
            f"{os.cpu_count()} CPUs; {args.database}; period {start} to {end} (excluded), "
            f"today {today}; median of {args.repeat}"
        )
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
        f = m.MetricFilter(start, end)

        def scan() -> None:
            with db.read_session() as session:
                session.execute(text("SELECT sum(amount_minor) FROM opportunities")).all()

        def compute() -> DashboardData:
            with db.read_session() as session:
                return compute_dashboard(session, f, today)

        baseline = _median(scan, args.repeat)
        figures = _median(compute, args.repeat)
        data = compute()
        print(f"\n{'baseline: SELECT sum(amount_minor) FROM opportunities':<56}{_ms(baseline)}")
        print(
            f"{'all KPIs (compute_dashboard: period + previous,':<56}{_ms(figures)}"
            f"   {figures / baseline:6.1f} × scan"
        )
        print(f"{f'  {len(data.per_currency)} currencies, on the worker in the app)':<56}")

        canvas = ChartCanvas(c.CHARTS[0])
        canvas.resize(width, height)
        canvas.show()
        app.processEvents()
        style, fmt = chart_style(canvas.palette()), qt_formatter()

        def empty_draw() -> None:
            canvas.figure.clear()
            canvas.figure.add_subplot()
            canvas.draw()

        empty = _median(empty_draw, args.repeat)
        print(f"\n{'chart redraw (' + args.size + ' px)':<32}{'median':>10}  × empty figure")
        print(f"{'baseline: an empty figure':<32}{_ms(empty)}")
        redraws = []
        for chart in c.CHARTS:
            canvas.chart = chart
            seconds = _median(lambda: canvas.show_data(data, style, fmt), args.repeat)
            redraws.append(seconds)
            print(f"{chart.key:<32}{_ms(seconds)}   {seconds / empty:6.1f}")
        print(f"{'slowest chart':<32}{_ms(max(redraws))}")
        canvas.close()

        paints = [
            _first_paint(app, db, settings, today, start, end)
            for _ in range(max(3, args.repeat // 2))
        ]
        JobRunner.shared().stop_all()
        first = statistics.median(p.seconds for p in paints)
        print(f"\n{'dashboard first paint (built → all shown)':<44}{_ms(first)}")
        print(f"{'  of which the first part (worker), last run':<44}{_ms(paints[-1].computing)}")
        painting = paints[-1].seconds - paints[-1].computing
        print(f"{'  then tiles, layout, charts in view, last run':<44}{_ms(painting)}")
        whole = statistics.median(p.whole for p in paints)
        print(f"{'every figure computed (charts below later)':<44}{_ms(whole)}")
        if cold:
            print(
                f"{'dashboard first paint, cold (median of ' + str(len(cold)) + ')':<44}"
                f"{_ms(statistics.median(p.seconds for p in cold))}"
            )
            print(f"{'  of which the first part (worker), first run':<44}{_ms(cold[0].computing)}")
        refreshed = paints[-1].refresh
        print(f"{'refresh of unchanged records (cache), last':<44}{_ms(refreshed)}")
    finally:
        db.close()
    return 0


@dataclass(frozen=True)
class _Paint:
    seconds: float  #: view built → every tile and the charts in view painted
    computing: float  #: of which the worker computed
    refresh: float  #: then a refresh of the unchanged records, shown again
    whole: float  #: view built → every figure computed (the charts below, unpainted)


def _first_paint(
    app: QApplication, db: Database, settings: QSettings, today: date, start: date, end: date
) -> _Paint:
    started = time.perf_counter()
    view = DashboardView(db, settings=settings, today=today)
    view.resize(1280, 900)
    view.set_period("custom", start, end)
    view.show()
    while view.is_first_part_pending:  # the tiles and the charts at the top computed
        app.processEvents()
        time.sleep(0.001)
    view.grab()  # paints what is in view: the tiles and the charts on screen
    seconds = time.perf_counter() - started
    computing = view.compute_seconds
    _wait(app, view)  # the charts further down computed too (shown when scrolled to)
    whole = time.perf_counter() - started
    started = time.perf_counter()
    view.refresh()
    _wait(app, view)
    view.grab()
    refresh = time.perf_counter() - started
    view.close()
    view.deleteLater()
    app.processEvents()
    return _Paint(seconds, computing, refresh, whole)


def _wait(app: QApplication, view: DashboardView) -> None:
    while view.data is None or view.is_busy:
        app.processEvents()
        time.sleep(0.001)


def _evict(path: Path) -> None:
    """Drop the database's pages from the OS cache (its own files only)."""
    for name in (str(path), f"{path}-wal"):
        if os.path.exists(name):
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
