"""The `import`, `history` and `undo` commands of `desktop-crm` (wired in by cli.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

OBJECTS = {
    "contacts": "contact",
    "contact": "contact",
    "accounts": "account",
    "account": "account",
    "leads": "lead",
    "lead": "lead",
    "opportunities": "opportunity",
    "opportunity": "opportunity",
    "deals": "opportunity",
}
POLICIES = ("skip", "update-empty", "overwrite", "create")


def add_commands(commands: Any) -> None:
    """Add the commands to the `desktop-crm` sub-parsers."""
    from desktop_crm.cli import _positive_int

    imp = commands.add_parser(
        "import",
        help="import contacts, accounts, leads or deals from a CSV or Excel file",
        description="Import a CSV (any encoding, delimiter sniffed) or XLSX file as one "
        "undoable operation, after a backup. Columns are mapped to fields by their names "
        "(French or English), or as saved from the last import of the same columns. Rows "
        "with errors are reported and left out. Ctrl+C rolls the whole import back.",
        epilog="Undo an import with `desktop-crm undo --operation ID` (the ID is printed).",
    )
    imp.add_argument(
        "file", metavar="FILE", help="the .csv, .txt, .tsv, .xlsx or .vcf file to import"
    )
    imp.add_argument(
        "--object",
        choices=sorted(OBJECTS),
        default="contacts",
        metavar="OBJECT",
        help="what the rows are: contacts, accounts, leads or opportunities (default: contacts)",
    )
    imp.add_argument(
        "--mapping",
        metavar="NAME",
        help="use the column mapping saved under NAME (see --save-mapping)",
    )
    imp.add_argument(
        "--save-mapping",
        metavar="NAME",
        help="after importing, save the column mapping used under NAME",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="send a column to a field (e.g. 'Tél. pro=phone'), or leave it out with "
        "'COLUMN=-'; may be repeated. --show-fields lists the fields",
    )
    imp.add_argument(
        "--show-fields",
        action="store_true",
        help="list the fields of the object that columns can be mapped to, and exit",
    )
    imp.add_argument("--sheet", metavar="S", help="XLSX: the sheet to read, by name or number")
    imp.add_argument(
        "--encoding",
        metavar="E",
        help="CSV: the text encoding (e.g. utf-8, cp1252, utf-16); default: detected",
    )
    imp.add_argument(
        "--delimiter",
        metavar="D",
        help="CSV: the delimiter (';', ',', '|' or '\\t' for tab); default: sniffed",
    )
    imp.add_argument(
        "--on-duplicate",
        choices=POLICIES,
        default="skip",
        help="when a row matches an existing record (same e-mail, SIREN, or similar name and "
        "company): skip it, update the record's empty fields, overwrite them, or create a "
        "new record anyway (default: skip)",
    )
    imp.add_argument(
        "--refuse-on-errors",
        action="store_true",
        help="import nothing if any row has an error (default: leave those rows out)",
    )
    imp.add_argument(
        "--locale",
        metavar="L",
        help="how numbers and dates are written: fr_FR (12 345,50 and 31/12/2024), en_GB, "
        "en_US (12/31/2024)... (default: from the system locale, else French)",
    )
    imp.add_argument(
        "--errors-csv",
        metavar="PATH",
        help="write the rows with errors (row, column, field, value, reason) to this CSV",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="check every row, link and match, print the report, and write nothing",
    )
    imp.set_defaults(handler=cmd_import)

    history = commands.add_parser(
        "history",
        help="list the recent changes (imports, edits, merges...) that can be undone",
        description="List the most recent operations, newest first, with their IDs for "
        "`desktop-crm undo --operation ID`.",
    )
    history.add_argument(
        "--limit",
        type=_positive_int,
        default=20,
        metavar="N",
        help="how many operations to list (default: 20)",
    )
    history.set_defaults(handler=cmd_history)

    undo = commands.add_parser(
        "undo",
        help="undo one operation (an import, an edit, a merge...)",
        description="Undo one operation as a new, itself undoable operation. Refused, "
        "with the reasons, when records it touched were changed since.",
    )
    undo.add_argument(
        "--operation",
        required=True,
        metavar="ID",
        help="the operation's ID, as printed by `import` or listed by `history`",
    )
    undo.set_defaults(handler=cmd_undo)


def _parse_map(items: list[str]) -> dict[str, str | None]:
    overrides: dict[str, str | None] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip():
            raise ValueError(f"--map {item!r}: write COLUMN=FIELD, e.g. 'Tél. pro=phone'.")
        overrides[column.strip()] = None if target.strip() in ("", "-") else target.strip()
    return overrides


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_crm.cli import (
        EXIT_ERROR,
        EXIT_OK,
        EXIT_USAGE,
        _cancel_on_interrupt,
        _db_path,
    )
    from desktop_crm.models.database import Database
    from desktop_crm.services.import_mapping import header_key, importable_fields
    from desktop_crm.services.import_parsing import locale_named
    from desktop_crm.services.importing import (
        DuplicatePolicy,
        ImportOptions,
        ImportRefused,
        ImportSourceError,
        SourceSpec,
        choose_mapping,
        iter_report_lines,
        run_import,
    )
    from desktop_crm.services.progress import TerminalProgress

    object_type = OBJECTS[args.object]
    path = Path(args.file).expanduser()
    spec = SourceSpec(path, encoding=args.encoding, delimiter=args.delimiter, sheet=args.sheet)
    try:
        overrides = _parse_map(args.map)
    except ValueError as error:
        print(f"desktop-crm: {error}", file=sys.stderr)
        return EXIT_USAGE
    locale = locale_named(
        args.locale
        or os.environ.get("LC_ALL")
        or os.environ.get("LC_NUMERIC")
        or os.environ.get("LANG")
    )
    with Database.open(_db_path(args)) as db:
        with db.read_session() as session:
            fields = importable_fields(session, object_type)
            if args.show_fields:
                for spec_field in fields:
                    need = " (required)" if spec_field.required else ""
                    print(f"  {spec_field.key:<24} {spec_field.label}{need}")
                return EXIT_OK
            try:
                from desktop_crm.services.import_sources import open_source

                with _closing(open_source(spec)) as source:
                    header, info = source.header, source.info
                mapping, origin = choose_mapping(session, object_type, header, fields, args.mapping)
            except (ImportSourceError, ImportRefused) as error:
                print(f"desktop-crm: {error}", file=sys.stderr)
                return EXIT_ERROR
        keys = {f.key for f in fields}
        for column, target in overrides.items():
            index = next(
                (i for i, h in enumerate(header) if header_key(h) == header_key(column)), None
            )
            if index is None:
                print(f"desktop-crm: {path.name} has no column {column!r}.", file=sys.stderr)
                return EXIT_USAGE
            if target is not None and target not in keys:
                print(
                    f"desktop-crm: {target!r} is not a field of {object_type}s "
                    "(see --show-fields).",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            mapping = mapping.with_target(index, target)
        labels = {f.key: f.label for f in fields}
        detail = ", ".join(
            p
            for p in (
                info.format.upper(),
                info.encoding and f"encoding {info.encoding}",
                info.delimiter and f"delimiter {info.delimiter!r}",
                info.sheet and f"sheet {info.sheet!r}",
            )
            if p
        )
        print(f"{path.name}: {detail}; columns mapped ({origin}):")
        for column, target in zip(header[:200], mapping.targets[:200], strict=True):
            if target is not None:
                print(f"  {column:<30} -> {labels.get(target, target)}")
        unmapped = sum(1 for t in mapping.targets if t is None)
        if unmapped:
            print(f"  ({unmapped:,} column(s) not imported; use --map COLUMN=FIELD)")
        # Detected once: the import reads the file with what the preview found.
        spec = SourceSpec(path, encoding=info.encoding, delimiter=info.delimiter, sheet=info.sheet)
        options = ImportOptions(
            object_type,
            mapping,
            locale=locale,
            on_duplicate=DuplicatePolicy(args.on_duplicate),
            skip_invalid_rows=not args.refuse_on_errors,
            save_mapping_as=args.save_mapping,
        )
        progress = TerminalProgress()
        try:
            with _cancel_on_interrupt(progress):
                report = run_import(db, spec, options, progress=progress, dry_run=args.dry_run)
        except (ImportSourceError, ImportRefused) as error:
            progress.finish()
            print(f"desktop-crm: {error} Nothing was imported.", file=sys.stderr)
            return EXIT_ERROR
        progress.finish()
    for line in iter_report_lines(report):
        print(line)
    if args.errors_csv and report.issues:
        written = report.write_issues_csv(Path(args.errors_csv).expanduser())
        print(f"The rows with errors are listed in {written}.")
    if report.backup:
        print(f"A backup was taken first: {report.backup}")
    if report.operation_id:
        print(f"Undo it with: desktop-crm undo --operation {report.operation_id}")
    # Nothing could be imported (all rows bad or duplicates, or refused): say so by the code.
    wrote = report.committed or (report.dry_run and not report.refused)
    return EXIT_OK if report.imported and wrote else EXIT_ERROR


class _closing:
    def __init__(self, source: Any) -> None:
        self.source = source

    def __enter__(self) -> Any:
        return self.source

    def __exit__(self, *exc: object) -> None:
        self.source.close()


def cmd_history(args: argparse.Namespace) -> int:
    from desktop_crm.cli import EXIT_OK, _db_path
    from desktop_crm.models.database import Database
    from desktop_crm.services.undo import recent_operations

    with Database.open(_db_path(args)) as db, db.read_session() as session:
        operations = recent_operations(session, args.limit)
    for op in operations:
        state = "  (undone)" if op.undone_by else ""
        when = op.started_at.strftime("%Y-%m-%d %H:%M")
        print(f"{op.id}  {when}  {op.kind:<9} {op.entries:>9,} changes  {op.label}{state}")
    if not operations:
        print("No changes yet.")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    from desktop_crm.cli import EXIT_ERROR, EXIT_OK, _db_path
    from desktop_crm.models.database import Database
    from desktop_crm.services.undo import UndoError, operation_info, undo

    with Database.open(_db_path(args)) as db:
        try:
            with db.session() as session, session.begin():
                label = operation_info(session, args.operation).label
                new_id = undo(session, args.operation)
        except UndoError as error:
            print(f"desktop-crm: {error}", file=sys.stderr)
            return EXIT_ERROR
    print(f"Undone “{label}” (as operation {new_id}, which can itself be undone).")
    return EXIT_OK
