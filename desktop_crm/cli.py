"""`desktop-crm`: no subcommand opens the window; subcommands run headless jobs."""

from __future__ import annotations

import argparse
import locale
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from desktop_crm import APP_NAME, __version__
from desktop_crm.locations import ENV_DB, default_db_path, resolve_db_path
from desktop_crm.models.database import Database
from desktop_crm.models.errors import DatabaseProblem, KnownDbError
from desktop_crm.services.doctor import Check
from desktop_crm.services.progress import Cancelled, TerminalProgress

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED, EXIT_BUG = 0, 1, 2, 130, 70

Handler = Callable[[argparse.Namespace], int]


def system_language() -> str:
    """fr when the user's locale is French, else en: the language of default data names."""
    for value in (
        os.environ.get("LC_ALL"),
        os.environ.get("LC_MESSAGES"),
        os.environ.get("LANG"),
        locale.getlocale()[0],
    ):
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-crm",
        description=f"{APP_NAME}: an offline CRM on a local database. Without a command, "
        "opens the application window.",
        epilog=f"The database is chosen by --db, else ${ENV_DB}, else {default_db_path()}.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="show the version and exit",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file to use (default: ${ENV_DB} or {default_db_path()})",
    )
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="create the database (or upgrade it) and exit",
        description="Create the database with a default sales pipeline, "
        "or upgrade an existing one to this version's schema.",
    )
    init.add_argument(
        "--language",
        choices=("fr", "en"),
        default=None,
        help="language of the default pipeline's stage names (default: from the system locale)",
    )
    init.set_defaults(handler=cmd_init)

    demo = commands.add_parser(
        "demo",
        help="load realistic sample data",
        description="Add seeded, realistic French and English sample "
        "data as one undoable operation. Ctrl+C cancels and rolls back.",
    )
    demo.add_argument(
        "--contacts",
        type=_positive_int,
        default=1000,
        metavar="N",
        help="number of contacts; accounts, leads, deals, activities, campaigns "
        "and cases follow in proportion (default: 1000)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="random seed: the same seed gives the same data (default: 1)",
    )
    demo.add_argument(
        "--language",
        choices=("fr", "en"),
        default=None,
        help="language of pipeline names when the database is new "
        "(default: from the system locale)",
    )
    demo.set_defaults(handler=cmd_demo)

    doctor = commands.add_parser(
        "doctor",
        help="show paths, versions and database health",
        description="Report paths, versions, SQLite features, the "
        "keyring and Qt, and check the database, without changing it.",
    )
    doctor.add_argument(
        "--full", action="store_true", help="run the full integrity check (slow on large databases)"
    )
    doctor.set_defaults(handler=cmd_doctor)

    backup = commands.add_parser(
        "backup",
        help="copy the database to a backup file",
        description="Copy the database consistently, even while the "
        "application has it open, and verify the copy.",
    )
    backup.add_argument(
        "dest",
        nargs="?",
        metavar="DEST",
        help="backup file or folder (default: the backups folder beside the database)",
    )
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup",
        description="Replace the database with a backup file. The "
        "current database is first copied to the backups folder.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup file to restore")
    restore.set_defaults(handler=cmd_restore)

    _add_dedupe_command(commands)
    from desktop_crm.cli_importing import add_commands as add_import_commands

    add_import_commands(commands)
    add_export_command(commands)
    report = commands.add_parser(
        "report",
        help="write the dashboard as a PDF (and PNGs)",
        description="Compute the dashboard for a period and write it as a PDF, one page "
        "per chart with the filters printed on each page, without opening the window.",
    )
    report.add_argument(
        "--period",
        required=True,
        metavar="PERIOD",
        help="a year (2026), a quarter (2026-Q3) or a month (2026-07)",
    )
    report.add_argument(
        "--out", required=True, metavar="FILE", help="the PDF file to write (replaced if it exists)"
    )
    report.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar="USER",
        help="only the records of this user (name or id); repeat for several",
    )
    report.add_argument("--team", metavar="TEAM", help="only the records of this team's members")
    report.add_argument(
        "--pipeline", metavar="PIPELINE", help="only the deals of this pipeline (name or id)"
    )
    report.add_argument(
        "--currency",
        metavar="CODE",
        help="currency of the charts, e.g. EUR (default: the most used one); other "
        "currencies are never added to it",
    )
    report.add_argument(
        "--png",
        metavar="FOLDER",
        help="also write each chart as dashboard-<chart>.png into this folder",
    )
    report.add_argument(
        "--language",
        choices=("fr", "en"),
        default=None,
        help="number and month format of the report (default: from the system locale)",
    )
    report.set_defaults(handler=cmd_report)
    return parser


def _add_dedupe_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from desktop_crm.services.data_health import LEAD_IDLE_DAYS
    from desktop_crm.services.dedupe import DEFAULT_THRESHOLD

    dedupe = commands.add_parser(
        "dedupe",
        help="report duplicate records and data health",
        description="Scan contacts, accounts or leads for duplicates (read only: nothing is "
        "merged) and report them with the data-health figures of every object. "
        "Ctrl+C cancels.",
    )
    dedupe.add_argument(
        "--object",
        choices=("contacts", "accounts", "leads"),
        default="contacts",
        help="records to scan for duplicates (default: contacts)",
    )
    dedupe.add_argument(
        "--threshold",
        type=_score,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help="lowest score (0-100) of a pair reported as duplicates "
        f"(default: {DEFAULT_THRESHOLD})",
    )
    dedupe.add_argument(
        "--lead-days",
        type=_positive_int,
        default=LEAD_IDLE_DAYS,
        metavar="N",
        help=f"days after which an open lead counts as untouched (default: {LEAD_IDLE_DAYS})",
    )
    dedupe.add_argument(
        "--limit",
        type=_positive_int,
        default=20,
        metavar="N",
        help="groups listed in the text report (default: 20; --json lists them all)",
    )
    dedupe.add_argument(
        "--json", action="store_true", help="print one JSON document instead of text"
    )
    dedupe.set_defaults(handler=cmd_dedupe)


def _score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not a score from 0 to 100")
    return value


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write a list of records to a CSV, Excel or vCard file",
        description="Export the records of one object, as its list would show them, to CSV "
        "(UTF-8 with BOM, ';' and decimal comma in French), Excel (.xlsx) or vCard (.vcf, "
        "contacts only). Reads only: it can run while the application is open.",
        epilog="Filters: --where city=Lyon (equals, any case), --where email~@acme.fr "
        "(contains), --where amount_minor>=1000 or --where expected_close_date<=2026-06-30 "
        "(range bounds; money in major units, dates YYYY-MM-DD), --where phone_raw= (empty), "
        "--where email!= (not empty). COLUMN is a column key or label; several --where "
        "must all match.",
    )
    export.add_argument(
        "--object",
        required=True,
        type=_object_type,
        metavar="OBJECT",
        help="what to export: accounts, contacts, leads, opportunities, activities, "
        "campaigns or cases",
    )
    export.add_argument(
        "--out", required=True, metavar="FILE", help="the file to write (replaced if it exists)"
    )
    export.add_argument(
        "--format",
        choices=("csv", "xlsx", "vcf"),
        default=None,
        help="file format (default: from the extension of --out)",
    )
    export.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COLUMN<op>VALUE",
        help="keep only the records matching this filter (see below); repeatable",
    )
    export.add_argument(
        "--search", default="", metavar="WORDS", help="quick filter: words that must each appear"
    )
    export.add_argument(
        "--sort",
        default=None,
        metavar="COLUMN[:desc]",
        help="sort by this column, descending with ':desc' (default: the first column)",
    )
    export.add_argument(
        "--columns",
        default=None,
        metavar="KEY,KEY,...",
        help="columns to write, by key or label (default: the list's default columns)",
    )
    export.add_argument(
        "--all-columns", action="store_true", help="write every column, custom fields included"
    )
    export.add_argument(
        "--ids",
        action="append",
        default=None,
        metavar="ID[,ID...]",
        help="export only these record ids (a saved selection); repeatable",
    )
    export.add_argument(
        "--locale",
        choices=("fr", "en"),
        default=None,
        help="CSV separators, decimal mark and date order (default: from the system locale)",
    )
    export.add_argument(
        "--vcard-version",
        choices=("3.0", "4.0"),
        default="3.0",
        help="vCard version to write (default: 3.0, read by every address book)",
    )
    export.set_defaults(handler=cmd_export)


def _object_type(text: str) -> str:
    from desktop_crm.models import OBJECT_MODELS

    name = text.strip().lower()
    plurals = {"opportunities": "opportunity", "activities": "activity"}
    name = plurals.get(name, name.removesuffix("s") if name not in OBJECT_MODELS else name)
    if name not in OBJECT_MODELS:
        known = "accounts, contacts, leads, opportunities, activities, campaigns, cases"
        raise argparse.ArgumentTypeError(f"{text!r} is not one of {known}")
    return name


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


# --- commands -----------------------------------------------------------------------------


def _db_path(args: argparse.Namespace) -> Path:
    return resolve_db_path(args.db)


def cmd_init(args: argparse.Namespace) -> int:
    from desktop_crm.services.bootstrap import ensure_default_pipeline

    path = _db_path(args)
    existed = path.exists()
    with Database.open(path) as db, db.session() as session, session.begin():
        pipeline = ensure_default_pipeline(session, args.language or system_language())
        name = pipeline.name
    print(f"{'Opened' if existed else 'Created'} {path} (default pipeline: {name}).")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_crm.services.sample_data import generate

    path = _db_path(args)
    progress = TerminalProgress()
    with Database.open(path) as db, _cancel_on_interrupt(progress):
        started = time.perf_counter()
        report = generate(
            db.session,
            args.contacts,
            args.seed,
            language=args.language or system_language(),
            progress=progress,
        )
        progress.finish()
    seconds = time.perf_counter() - started
    total = sum(report.counts.values())
    print(
        f"Loaded sample data into {path} in {seconds:.1f} s "
        f"({total / seconds:,.0f} rows/s), as one undoable operation {report.operation_id}:"
    )
    for table, count in report.counts.items():
        print(f"  {table:<28} {count:>12,}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from desktop_crm.services.doctor import (
        database_checks,
        environment_checks,
        keyring_check,
        sqlite_features,
    )

    path = _db_path(args)
    sections = {
        "Application": environment_checks(),
        "SQLite": sqlite_features(),
        "Database": database_checks(path, full=args.full),
        "System": [keyring_check(), *qt_checks()],
    }
    problems = 0
    for title, checks in sections.items():
        print(title)
        for check in checks:
            mark = {True: "ok", False: "!!", None: "  "}[check.ok]
            print(f"  {mark} {check.label:<38} {check.value}")
            problems += check.ok is False
    print(f"\n{problems} problem(s) found." if problems else "\nNo problems found.")
    return EXIT_ERROR if problems else EXIT_OK


def qt_checks() -> list[Check]:
    """Imported here, not at the top: the other commands must work where Qt cannot load."""
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError as error:
        return [Check("Qt", f"PySide6 cannot be imported: {error}", False)]
    platform_name = os.environ.get("QT_QPA_PLATFORM") or _default_qt_platform()
    has_display = gui_display_problem() is None
    return [
        Check("Qt", f"{QtCore.qVersion()} (PySide6 {PySide6.__version__})", True),
        Check(
            "Qt platform",
            platform_name + ("" if has_display else " (no display found: the window cannot open)"),
            has_display,
        ),
    ]


def _default_qt_platform() -> str:
    if sys.platform == "darwin":
        return "cocoa"
    if sys.platform == "win32":
        return "windows"
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def gui_display_problem() -> str | None:
    """Qt aborts the process when it finds no display; say so in a sentence instead."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "No graphical display found, so the window cannot open. Run it from a desktop "
            "session, or use a command (see `desktop-crm --help`)."
        )
    return None


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop_crm.services.backup import backup

    path = _db_path(args)
    if not path.exists():
        raise KnownDbError(f"There is no database at {path} to back up.")
    with Database.open(path, exclusive=False) as db:
        copy = backup(db, Path(args.dest).expanduser() if args.dest else None)
    print(f"Backed up {path} to {copy} ({copy.stat().st_size / 1_048_576:,.1f} MiB, verified).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop_crm.services.backup import restore

    path = _db_path(args)
    safety = restore(Path(args.file), path)
    print(f"Restored {args.file} into {path}.")
    if safety:
        print(f"The previous database was kept as {safety}.")
    return EXIT_OK


def cmd_dedupe(args: argparse.Namespace) -> int:
    from desktop_crm.services.dedupe_report import report, to_json, to_text

    path = _db_path(args)
    if not path.exists():
        raise KnownDbError(f"There is no database at {path} to scan.")
    progress = TerminalProgress()
    with Database.open(path, exclusive=False) as db, _cancel_on_interrupt(progress):
        with db.read_session() as session:
            found = report(
                session,
                args.object.removesuffix("s"),
                threshold=args.threshold,
                lead_idle_days=args.lead_days,
                progress=progress,
            )
        progress.finish()
    print(to_json(found) if args.json else to_text(found, args.limit))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_crm.services import exporting
    from desktop_crm.services.record_lists import ListQueryError

    path = _db_path(args)
    if not path.exists():
        raise KnownDbError(f"There is no database at {path} to export from.")
    progress = TerminalProgress()
    try:
        with Database.open(path, exclusive=False) as db, _cancel_on_interrupt(progress):
            with db.read_session() as session:
                request = exporting.command_line_request(
                    session,
                    args.object,
                    where=args.where,
                    search=args.search,
                    sort=args.sort,
                    columns=args.columns,
                    all_columns=args.all_columns,
                    ids=args.ids,
                )
            report = exporting.export(
                db.read_session,
                request,
                Path(args.out).expanduser(),
                exporting.ExportFormat(args.format) if args.format else None,
                locale=args.locale or system_language(),
                vcard_version=args.vcard_version,
                progress=progress,
            )
            progress.finish()
    except (exporting.ExportError, ListQueryError) as error:
        print(f"desktop-crm export: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Exported {report.rows:,} {args.object} record(s) to {report.path} "
        f"({report.format.value}, {report.seconds:.1f} s)."
    )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop_crm.services.charts import plain_formatter
    from desktop_crm.services.dashboard import resolve_scope
    from desktop_crm.services.metrics import MetricFilter, period_from_text
    from desktop_crm.services.report import ReportScope, run_report

    path = _db_path(args)
    if not path.exists():
        raise KnownDbError(f"There is no database at {path} to report on.")
    try:
        start, end = period_from_text(args.period)
    except ValueError as error:
        print(f"desktop-crm report: {error}", file=sys.stderr)
        return EXIT_USAGE
    currency = args.currency.upper() if args.currency else None
    progress = TerminalProgress()
    with Database.open(path, exclusive=False) as db, _cancel_on_interrupt(progress):
        try:
            with db.read_session() as session:
                owners, team, pipeline = resolve_scope(
                    session, args.owner, args.team, args.pipeline
                )
            f = MetricFilter(start, end, owners, team, pipeline, currency=currency or "EUR")
        except ValueError as error:
            print(f"desktop-crm report: {error}", file=sys.stderr)
            return EXIT_USAGE
        who = ", ".join(args.owner) if args.owner else "everyone"
        if args.team:
            who = f"team {args.team}" + (f", {who}" if args.owner else "")
        scope = ReportScope(args.period, who, args.pipeline or "all pipelines")
        try:
            data, pages, pngs = run_report(
                db,
                f,
                scope,
                Path(args.out).expanduser(),
                today=date.today(),
                currency=currency,
                png_folder=Path(args.png).expanduser() if args.png else None,
                fmt=plain_formatter(args.language or system_language()),
                progress=progress,
            )
        except OSError as error:
            print(f"desktop-crm report: cannot write the report: {error}", file=sys.stderr)
            return EXIT_ERROR
        progress.finish()
    print(
        f"Wrote {args.out}: {pages} pages, one per chart ({scope.text(data, plain_formatter())})."
    )
    for png in pngs:
        print(f"  {png}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    problem = gui_display_problem()
    if problem:
        raise KnownDbError(problem)
    from desktop_crm.app import run_gui

    return run_gui(_db_path(args))


# --- running ------------------------------------------------------------------------------


@contextmanager
def _cancel_on_interrupt(progress: TerminalProgress) -> Iterator[None]:
    """First Ctrl+C asks the job to stop at its next check (it then rolls back whole)."""

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        progress.cancelled = True
        print("\nCancelling: rolling back...", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", cmd_gui)
    try:
        return handler(args)
    except Cancelled:
        print("Cancelled: nothing was changed.", file=sys.stderr)
        return EXIT_CANCELLED
    except KnownDbError as error:
        print(f"desktop-crm: {error}", file=sys.stderr)
        return EXIT_ERROR
    except DatabaseProblem as error:
        traceback.print_exc()
        print(
            f"desktop-crm: this is a bug, please report it with the text above: {error}",
            file=sys.stderr,
        )
        return EXIT_BUG
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_CANCELLED


if __name__ == "__main__":
    raise SystemExit(main())
