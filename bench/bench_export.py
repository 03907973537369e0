"""Export benchmark: the contacts list (default columns, sorted by name) to CSV and XLSX
through `services.exporting`, next to a raw `sqlite3` + `csv.writer` of the same columns in
the same order, measured in the same run, and (for XLSX) a raw openpyxl write-only
workbook of those same rows, the floor of any openpyxl export. Prints time, rows/s and
peak RSS; asserts nothing.

    python bench/bench_export.py --db /tmp/crm-100k.sqlite [--repeat 3] [--vcard]
    python bench/bench_export.py --contacts 100000        # builds a database first

Each case runs in a fresh process, so its peak RSS is its own. Memory is flat when the
full export peaks no higher than the export of a tenth of the rows (printed side by side).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASELINE_SQL = """
SELECT c.last_name, c.first_name, a.name, c.email, c.phone_raw, c.city, u.name, c.updated_at
FROM contacts c
LEFT JOIN accounts a ON a.id = c.account_id
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.deleted_at IS NULL
ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.rowid
"""


BASELINE_HEADER = (
    "Last name",
    "First name",
    "Account",
    "E-mail",
    "Phone",
    "City",
    "Owner",
    "Updated",
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case: str, db_path: Path, out: Path, fraction: float) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    if case == "baseline":
        started = time.perf_counter()
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        rows = 0
        with open(out, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(BASELINE_HEADER)
            cursor = conn.execute(BASELINE_SQL)
            while batch := cursor.fetchmany(2000):
                writer.writerows(batch)
                rows += len(batch)
        conn.close()
        return {"rows": rows, "seconds": time.perf_counter() - started, "rss": peak_rss_mb()}

    if case == "openpyxl":
        from openpyxl import Workbook

        started = time.perf_counter()
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Contacts")
        sheet.append(BASELINE_HEADER)
        rows = 0
        cursor = conn.execute(BASELINE_SQL)
        while batch := cursor.fetchmany(2000):
            for row in batch:
                sheet.append(row)
            rows += len(batch)
        workbook.save(out)
        conn.close()
        return {"rows": rows, "seconds": time.perf_counter() - started, "rss": peak_rss_mb()}

    from desktop_crm.models.database import Database
    from desktop_crm.services.exporting import ExportFormat, ExportRequest, export
    from desktop_crm.services.record_lists import COLUMNS, ListQuery, ordered_rowids

    with Database.open(db_path, exclusive=False) as db:
        columns = tuple(c for c in COLUMNS["contact"] if c.default)
        request = ExportRequest(ListQuery("contact", sort_key="last_name"), columns)
        if fraction < 1:
            with db.read_session() as session:
                ids = ordered_rowids(session, request.query)
            request = ExportRequest(request.query, columns, rowids=ids[: int(len(ids) * fraction)])
        started = time.perf_counter()
        report = export(db.read_session, request, out, ExportFormat(case), locale="fr")
        seconds = time.perf_counter() - started
    return {"rows": report.rows, "seconds": seconds, "rss": peak_rss_mb()}


def run_child(case: str, db_path: Path, out: Path, fraction: float = 1.0) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", case, "--db", str(db_path)]
    command.extend(["--out", str(out), "--fraction", str(fraction)])
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="an existing database (not changed)")
    parser.add_argument("--contacts", type=int, default=100_000, help="size to build, no --db")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (medians)")
    parser.add_argument("--vcard", action="store_true", help="also time the vCard export")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fraction", type=float, default=1.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.out, args.fraction)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        db_path = args.db
        if db_path is None:
            db_path = Path(tmp) / "crm.sqlite"
            print(f"Building {args.contacts:,} contacts in {db_path} ...", flush=True)
            build = [sys.executable, "-m", "desktop_crm", "--db", str(db_path), "demo"]
            build.extend(["--contacts", str(args.contacts)])
            subprocess.run(build, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        cases = ["baseline", "csv", "openpyxl", "xlsx"] + (["vcf"] if args.vcard else [])
        print(f"Contacts list of {db_path}, default columns, sorted by name, French locale")
        print(
            f"{'case':<34} {'rows':>9} {'median s':>9} {'rows/s':>10} {'× base':>7} {'RSS MB':>7}"
        )
        base = None
        for case in cases:
            suffix = {"baseline": "csv", "openpyxl": "xlsx"}.get(case, case)
            out = Path(tmp) / f"export.{suffix}"
            runs = [run_child(case, db_path, out) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            rows = int(runs[0]["rows"])
            rss = max(r["rss"] for r in runs)
            base = seconds if case == "baseline" else base
            label = {
                "baseline": "raw sqlite3 + csv.writer (baseline)",
                "openpyxl": "raw sqlite3 + openpyxl write-only",
            }.get(case, f"export {case}")
            ratio = f"{seconds / base:6.1f}×" if base else ""
            print(
                f"{label:<34} {rows:>9,} {seconds:>9.2f} {rows / seconds:>10,.0f} "
                f"{ratio:>7} {rss:>7.0f}"
            )
            size = out.stat().st_size / 1_048_576
            print(f"{'  file size':<34} {size:>9.1f} MB")
            if case not in ("baseline", "openpyxl"):
                tenth = run_child(case, db_path, out, 0.1)
                print(
                    f"{'  same, a tenth of the rows':<34} {int(tenth['rows']):>9,} "
                    f"{tenth['seconds']:>9.2f} {tenth['rows'] / tenth['seconds']:>10,.0f} "
                    f"{'':>7} {tenth['rss']:>7.0f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
