"""Import speed and memory: a French Excel contacts CSV (and the same rows as XLSX) into a
database that already holds contacts, with validation, company linking and duplicate
matching. Prints figures next to two baselines measured in the same run; asserts nothing.

    python bench/bench_import.py                        # 100,000 rows into 100k contacts
    python bench/bench_import.py --rows 20000 --db /tmp/me-100k.sqlite --repeat 3

The database (`--db`, built with `desktop-crm demo --contacts N` when missing) is copied
for every run, so each import meets the same records. The file: `;`-separated, cp1252,
`06 12 34 56 78` phones, `12 345,50 €` budgets and dd/mm/yyyy dates (imported into two
custom fields with `--custom-fields`, else left out like any unmapped column), 70% of the
rows naming an existing company (with another legal form or case), 10% being existing
contacts (same e-mail, by policy skipped), 2% with an invalid e-mail (reported and left
out).

Baselines, on the same file: `sqlite-utils insert --csv` (the CLI, into an empty
database: no validation, no journal, no matching) and a raw `sqlite3` `executemany` of the
parsed CSV rows into a table of the same columns (the floor of any CSV import in Python).
Each measurement runs in its own process, so its peak RSS is its own; the import is also
run on a file a fifth of the size to show memory does not grow with the file.

    python bench/bench_import.py --db /tmp/crm-1m-copy.sqlite --rollback   # 1M contacts
    python bench/bench_import.py --mb 200 --only csv                       # a 200 MB file

`--rollback` imports into `--db` itself, without copying it (a copy of a 7.6 GB database
per run takes longer than the import): each import runs whole, in one transaction, and is
rolled back at the end (`run_import(dry_run=True)`), so every run meets the same records
and the final commit is not timed. Point it at a copy you own: closing the database
refreshes its statistics. `--mb` sizes the file in MiB instead of rows; `--only` runs a
subset of the measurements.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HEADER = [
    "Civilité",
    "Prénom",
    "Nom",
    "Société",
    "Fonction",
    "Courriel",
    "Téléphone",
    "Portable",
    "Adresse",
    "Code postal",
    "Ville",
    "Pays",
    "Budget",
    "Client depuis",
]
LEGAL = ("SARL", "SAS", "S.A.", "", "sarl", "S.A.R.L.")


def build_database(path: Path, contacts: int) -> None:
    print(f"Building {path} with {contacts:,} sample contacts (once)...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_crm",
            "--db",
            str(path),
            "demo",
            "--contacts",
            str(contacts),
        ],
        check=True,
    )


def make_csv(db_path: Path, out: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    accounts = [r[0] for r in conn.execute("SELECT name FROM accounts LIMIT 5000")]
    existing = conn.execute(
        "SELECT first_name, last_name, email FROM contacts WHERE email IS NOT NULL LIMIT 20000"
    ).fetchall()
    conn.close()
    first = ["Jean", "Marie", "Hélène", "François", "Zoé", "Noël", "Amélie", "Jérôme", "Cécile"]
    last = ["Dupont", "Lefèvre", "Martin", "Bérenger", "Durand", "Moreau", "Girard", "Rousseau"]
    cities = ["Paris", "Lyon", "Orléans", "Besançon", "Nîmes", "Saint-Étienne", "Brest"]
    with out.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(rows):
            roll = rng.random()
            if roll < 0.10 and existing:
                fn, ln, email = rng.choice(existing)
            else:
                fn, ln = rng.choice(first), f"{rng.choice(last)}{i}"
                plain = unicodedata.normalize("NFKD", fn).encode("ascii", "ignore").decode()
                email = f"{plain.lower()}.{i}@exemple{i % 500}.fr"
                if roll > 0.98:
                    email = email.replace("@", "@@")
            if rng.random() < 0.7 and accounts:
                base = rng.choice(accounts).split(" ")[0]
                company = f"{base.upper()} {rng.choice(LEGAL)}".strip()
            else:
                company = f"Société {i % 3000}"
            pairs = " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
            mobile = f"06 {pairs}"
            budget = (
                f"{rng.randrange(1, 99):d}\u00a0{rng.randrange(1000):03d},"
                f"{rng.randrange(100):02d} €"
            )
            since = (
                f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(2000, 2025)}"
            )
            writer.writerow(
                [
                    rng.choice(("M.", "Mme")),
                    fn,
                    ln,
                    company,
                    "Acheteur",
                    email,
                    f"01 {rng.randrange(10, 99)} {rng.randrange(10, 99)} 00 {i % 100:02d}",
                    mobile,
                    f"{i % 200} rue de la Paix",
                    f"{75000 + i % 20:05d}",
                    rng.choice(cities),
                    "France",
                    budget,
                    since,
                ]
            )


def make_xlsx(csv_path: Path, out: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    with csv_path.open(encoding="cp1252", newline="") as f:
        for row in csv.reader(f, delimiter=";"):
            sheet.append(row)
    book.save(out)


# --- measurements, each in a child process -------------------------------------------------


def rows_for_mib(db_path: Path, tmp: Path, mib: float) -> int:
    """The rows that make a file of about `mib` MiB, from the size of a sample."""
    sample = tmp / "sample.csv"
    make_csv(db_path, sample, 2000)
    per_row = sample.stat().st_size / 2000
    sample.unlink()
    return max(int(mib * 1_048_576 / per_row), 1)


def child(mode: str, db_path: Path, file: Path, rollback: bool = False) -> dict[str, float]:
    started = time.perf_counter()
    rows = 0
    if mode in ("csv", "xlsx"):
        from desktop_crm.models.database import Database
        from desktop_crm.services.import_sources import SourceSpec
        from desktop_crm.services.importing import ImportOptions, preview, run_import

        with Database.open(db_path) as db:
            with db.read_session() as s:
                mapping = preview(s, SourceSpec(file), "contact").mapping
            started = time.perf_counter()
            report = run_import(
                db,
                SourceSpec(file),
                ImportOptions("contact", mapping),
                take_backup=False,
                dry_run=rollback,
            )
            seconds = time.perf_counter() - started
        rows = report.rows
        extra = {
            "created": report.created,
            "skipped": report.skipped,
            "failed": report.failed,
            "accounts": report.linked_created.get("accounts", 0),
        }
    elif mode == "raw":
        conn = sqlite3.connect(db_path)
        with file.open(encoding="cp1252", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            header = next(reader)
            columns = ", ".join(f'"{c}" TEXT' for c in header)
            conn.execute(f"CREATE TABLE contacts ({columns})")
            marks = ", ".join("?" for _ in header)
            cursor = conn.executemany(f"INSERT INTO contacts VALUES ({marks})", reader)
            rows = cursor.rowcount
        conn.commit()
        conn.close()
        seconds = time.perf_counter() - started
        extra = {}
    else:  # pragma: no cover
        raise SystemExit(f"unknown mode {mode}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rows": rows, "peak_mb": peak, **extra}


def run_child(mode: str, db_path: Path, file: Path, rollback: bool = False) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--db", str(db_path), "--file", str(file)]
        + (["--rollback"] if rollback else []),
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    if done.returncode:
        raise SystemExit(f"{mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def sqlite_utils_cli(tmp: Path, file: Path) -> float:
    target = tmp / "sqlite-utils.sqlite"
    target.unlink(missing_ok=True)
    exe = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
    started = time.perf_counter()
    subprocess.run(
        [
            exe,
            "insert",
            str(target),
            "contacts",
            str(file),
            "--csv",
            "--delimiter",
            ";",
            "--encoding",
            "cp1252",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def fresh_copy(source: Path, tmp: Path) -> Path:
    target = tmp / "crm.sqlite"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def add_custom_fields(path: Path) -> None:
    from desktop_crm.models import CustomFieldDefinition
    from desktop_crm.models.database import Database

    with Database.open(path) as db, db.session() as s, s.begin():
        s.add(
            CustomFieldDefinition(
                record_type="contact", key="budget", label="Budget", field_type="number", decimals=2
            )
        )
        s.add(
            CustomFieldDefinition(
                record_type="contact", key="since", label="Client depuis", field_type="date"
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the file")
    parser.add_argument("--contacts", type=int, default=100_000, help="contacts in the database")
    parser.add_argument("--db", type=Path, help="database to import into (copied per run)")
    parser.add_argument(
        "--custom-fields",
        action="store_true",
        help="also import the Budget and Client depuis columns into two custom fields",
    )
    parser.add_argument("--mb", type=float, help="size the file in MiB instead of --rows")
    parser.add_argument(
        "--rollback",
        action="store_true",
        help="import into --db in place, each run in a transaction rolled back (no copies)",
    )
    parser.add_argument(
        "--only",
        default="csv,xlsx,small,raw,sqlite-utils",
        help="measurements to run, comma-separated (csv, xlsx, small, raw, sqlite-utils)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement")
    parser.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.file, args.rollback)))
        return

    db_source = args.db or args.tmp / f"bench-import-{args.contacts}.sqlite"
    if not db_source.exists():
        build_database(db_source, args.contacts)
    tmp = Path(tempfile.mkdtemp(dir=args.tmp, prefix="bench-import-"))
    if args.rollback:
        template = db_source
    else:
        template = tmp / "template.sqlite"
        shutil.copyfile(db_source, template)
    if args.custom_fields:
        add_custom_fields(template)
    with sqlite3.connect(f"file:{template}?mode=ro", uri=True) as c:
        held = c.execute("SELECT count(*) FROM contacts").fetchone()[0]
    if args.mb:
        args.rows = rows_for_mib(template, tmp, args.mb)
    only = set(args.only.split(","))
    csv_path, small_csv, xlsx_path = tmp / "contacts.csv", tmp / "small.csv", tmp / "contacts.xlsx"
    make_csv(template, csv_path, args.rows)
    if "small" in only:
        make_csv(template, small_csv, max(args.rows // 5, 1))
    if "xlsx" in only:
        make_xlsx(csv_path, xlsx_path)
    size_mb = csv_path.stat().st_size / 1_048_576
    print(f"{args.rows:,} rows ({size_mb:,.1f} MiB CSV) into a database of {held:,} contacts")

    def target() -> Path:
        return template if args.rollback else fresh_copy(template, tmp)

    results: dict[str, list[dict[str, float]]] = {}
    for _ in range(args.repeat):
        for name, mode, file in (
            ("import CSV", "csv", csv_path),
            ("import XLSX", "xlsx", xlsx_path),
            ("import CSV 1/5", "small", small_csv),
        ):
            if mode in only:
                kind = "csv" if mode == "small" else mode
                results.setdefault(name, []).append(run_child(kind, target(), file, args.rollback))
        if "raw" in only:
            raw_db = tmp / "raw.sqlite"
            raw_db.unlink(missing_ok=True)
            results.setdefault("raw sqlite3 executemany", []).append(
                run_child("raw", raw_db, csv_path)
            )
        if "sqlite-utils" in only:
            results.setdefault("sqlite-utils insert --csv", []).append(
                {"seconds": sqlite_utils_cli(tmp, csv_path), "rows": args.rows, "peak_mb": 0.0}
            )

    def median(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    print(f"\n{'':<28} {'seconds':>9} {'rows/s':>10} {'peak RSS':>10}")
    for name in results:
        seconds = median(name, "seconds")
        rows = median(name, "rows")
        rss = median(name, "peak_mb")
        shown = f"{rss:,.0f} MiB" if rss else "n/a"
        print(f"{name:<28} {seconds:>9.2f} {rows / seconds:>10,.0f} {shown:>10}")
    if "import CSV" in results:
        csv_rate = median("import CSV", "rows") / median("import CSV", "seconds")
        first = results["import CSV"][0]
        print(
            f"\nimport CSV: {first['created']:,.0f} created, {first['skipped']:,.0f} duplicates "
            f"skipped, {first['failed']:,.0f} rows with errors, {first['accounts']:,.0f} "
            "accounts created" + (" (rolled back)" if args.rollback else "")
        )
        if "sqlite-utils insert --csv" in results:
            su_rate = args.rows / median("sqlite-utils insert --csv", "seconds")
            print(f"import CSV / sqlite-utils CLI: {csv_rate / su_rate:.2f}x  (goal: > 1)")
        if "raw sqlite3 executemany" in results:
            raw_rate = median("raw sqlite3 executemany", "rows") / median(
                "raw sqlite3 executemany", "seconds"
            )
            print(f"import CSV / raw executemany:  {csv_rate / raw_rate:.0%}  (goal: >= 25%)")
        if "import CSV 1/5" in results:
            print(
                f"peak RSS, full file vs 1/5: {median('import CSV', 'peak_mb'):,.0f} vs "
                f"{median('import CSV 1/5', 'peak_mb'):,.0f} MiB"
            )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
