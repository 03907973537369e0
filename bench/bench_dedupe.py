"""Duplicate scan accuracy and speed on sample contacts with known injected duplicates.
Prints figures, asserts nothing.

    python bench/bench_dedupe.py                      # 100,000 contacts
    python bench/bench_dedupe.py --contacts 20000 --rate 0.05 --seed 1

Builds a temporary database with `desktop-crm demo` sample data (journal off), then picks
`--rate` of the contacts (default 5%) and inserts a duplicate of each (10% of them get a
second one), each with 1 to 3 of these changes: a typo in the first or last name, accents
dropped or the name in capitals, first and last name swapped, the phone typed in another
format (its E.164 column left empty, as an import without normalisation would), the e-mail
in other case (its normalised column left empty), the company's legal form changed (the
duplicate points at a copy of the account named "ACME SARL" / "Acme" / "ACME S.A.R.L."),
one or two fields missing (e-mail, phones, account, city, job title).

Then runs the bulk scan at the default threshold and prints precision, recall and F1 over
pairs (a returned group counts as all the pairs inside it), the time, the pairs compared
and the all-pairs count avoided, and how many missed pairs the blocking lost (they would
have scored above the threshold had they been compared). The sample generator also makes
"coincidences" of its own: two generated contacts with the same name and the same e-mail
(`paul.klein@gmail.com` twice), which any matcher calls duplicates. They count as false
positives in the strict figures and are also shown apart. Last, the as-you-type check:
median and 95th percentile of 50 lookups with a duplicate's (typo'd) fields, and how often
it finds the original. Then the data-health figures of each object and their time.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from itertools import combinations
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop_crm.models.bulk import insert_rows
from desktop_crm.models.database import Database
from desktop_crm.models.ids import new_id
from desktop_crm.models.journal import capture_suspended
from desktop_crm.services import dedupe
from desktop_crm.services.normalise import LEGAL_FORMS, fold
from desktop_crm.services.progress import NullProgress
from desktop_crm.services.sample_data import generate

VARIATIONS = ("typo", "accents", "swap", "phone_format", "email_case", "company", "missing")
TYPED_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone_raw",
    "mobile_raw",
    "account_id",
    "city",
    "country",
)
LEGAL = ("SARL", "SAS", "S.A.", "S.A.R.L.", "SA", "EURL", "Ltd", "GmbH", "Inc.")


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + rng.choice("aeinrst")
    i = rng.randrange(len(word))
    op = rng.choice(("delete", "insert", "substitute", "transpose"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if op == "delete":
        return word[:i] + word[i + 1 :]
    if op == "insert":
        return word[:i] + letter + word[i:]
    if op == "substitute":
        return word[:i] + letter + word[i + 1 :]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def reformat_phone(rng: random.Random, e164: str, country: str | None) -> str:
    """Another way of typing the same number."""
    digits = e164[1:]
    if country == "FR" and e164.startswith("+33"):
        nsn = e164[3:]
        pairs = " ".join(nsn[i : i + 2] for i in range(1, 9, 2))
        return rng.choice(
            (
                f"0{nsn[0]} {pairs}",
                f"0{nsn[0]}.{pairs.replace(' ', '.')}",
                f"0033{nsn}",
                f"+33 (0){nsn[0]} {pairs}",
                f"0{nsn}",
                f"+33 {nsn[0]} {pairs}",
            )
        )
    return rng.choice((f"+{digits}", f"00{digits}", f"+{digits[:2]} {digits[2:5]} {digits[5:]}"))


def change_legal_form(rng: random.Random, name: str) -> str:
    """`Omniys EURL` -> `OMNIYS`, `Omniys SAS`, `S.A.R.L. Omniys` or `Omniys`."""
    core = " ".join(w for w in name.split() if fold(w).replace(".", "") not in LEGAL_FORMS)
    core = core or name
    choice = rng.randrange(4)
    if choice == 0:
        return core.upper()
    if choice == 1:
        return f"{core} {rng.choice(LEGAL)}"
    if choice == 2:
        return f"{rng.choice(LEGAL)} {core}"
    return strip_accents(core)


def make_duplicate(
    rng: random.Random,
    row: dict[str, Any],
    accounts: dict[str, str],
    new_accounts: list[tuple[str, str, str]],
    stamp: str,
) -> tuple[dict[str, Any], list[str]]:
    dup = dict(row)
    dup["id"] = new_id()
    dup["created_at"] = dup["updated_at"] = stamp
    count = rng.choice((1, 1, 2, 2, 3))
    applied = rng.sample(VARIATIONS, count)
    for variation in applied:
        if variation == "typo":
            field = "last_name" if rng.random() < 0.6 or not dup["first_name"] else "first_name"
            dup[field] = typo(rng, dup[field])
        elif variation == "accents":
            dup["first_name"] = strip_accents(dup["first_name"] or "") or None
            dup["last_name"] = strip_accents(dup["last_name"])
            if rng.random() < 0.5:
                dup["last_name"] = dup["last_name"].upper()
        elif variation == "swap":
            if dup["first_name"]:
                dup["first_name"], dup["last_name"] = dup["last_name"], dup["first_name"]
        elif variation == "phone_format":
            for raw, e164 in (("phone_raw", "phone_e164"), ("mobile_raw", "mobile_e164")):
                if dup[e164]:
                    dup[raw] = reformat_phone(rng, dup[e164], dup["country"])
                    dup[e164] = None
        elif variation == "email_case":
            if dup["email"]:
                local, _, domain = dup["email"].partition("@")
                dup["email"] = rng.choice(
                    (
                        dup["email"].upper(),
                        f"{local.title()}@{domain.upper()}",
                        local.upper() + "@" + domain,
                    )
                )
                dup["email_normalized"] = None
        elif variation == "company":
            account = dup["account_id"]
            if account:
                copy_id = new_id()
                new_accounts.append((copy_id, change_legal_form(rng, accounts[account]), stamp))
                dup["account_id"] = copy_id
        elif variation == "missing":
            for field in rng.sample(("email", "phone", "mobile", "account", "city", "job"), 2):
                if field == "email":
                    dup["email"] = dup["email_normalized"] = None
                elif field == "phone":
                    dup["phone_raw"] = dup["phone_e164"] = None
                elif field == "mobile":
                    dup["mobile_raw"] = dup["mobile_e164"] = None
                elif field == "account":
                    dup["account_id"] = None
                elif field == "city":
                    dup["city"] = dup["postal_code"] = dup["street"] = None
                else:
                    dup["job_title"] = None
    return dup, applied


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=0.05, help="share of contacts duplicated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=int, default=dedupe.DEFAULT_THRESHOLD)
    parser.add_argument("--tmp", type=Path, default=None, help="parent folder of the database")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite")
        try:
            run(db, args, rng)
        finally:
            db.close()


def run(db: Database, args: argparse.Namespace, rng: random.Random) -> None:
    started = time.perf_counter()
    generate(db.session, args.contacts, seed=args.seed, journal=False)
    print(f"sample data: {args.contacts:,} contacts in {time.perf_counter() - started:.1f} s")

    with db.read_session() as s:
        columns = [r[1] for r in s.connection().exec_driver_sql("PRAGMA table_info(contacts)")]
        rows = [
            dict(zip(columns, r, strict=True)) for r in s.execute(text("SELECT * FROM contacts"))
        ]
        accounts = dict(s.execute(text("SELECT id, name FROM accounts")).all())
    chosen = rng.sample(rows, round(len(rows) * args.rate))
    stamp = "2030-01-01T00:00:00.000000Z"
    dups: list[dict[str, Any]] = []
    new_accounts: list[tuple[str, str, str]] = []
    clusters: list[list[str]] = []
    applied_count: dict[str, int] = {}
    for row in chosen:
        cluster = [row["id"]]
        for _ in range(2 if rng.random() < 0.1 else 1):
            dup, applied = make_duplicate(rng, row, accounts, new_accounts, stamp)
            dups.append(dup)
            cluster.append(dup["id"])
            for v in applied:
                applied_count[v] = applied_count.get(v, 0) + 1
        clusters.append(cluster)
    with db.connect() as conn, capture_suspended(conn):
        insert_rows(
            conn,
            "accounts",
            ("id", "created_at", "updated_at", "name", "account_type", "currency"),
            ((i, stamp, stamp, name, "prospect", "EUR") for i, name, stamp in new_accounts),
        )
        insert_rows(conn, "contacts", columns, ([d[c] for c in columns] for d in dups))
        conn.commit()
    truth = {tuple(sorted(p)) for c in clusters for p in combinations(c, 2)}
    by_id = {r["id"]: r for r in rows}
    by_id.update({d["id"]: d for d in dups})
    injected = {i for c in clusters for i in c[1:]}
    total = len(rows) + len(dups)
    print(
        f"injected: {len(dups):,} duplicates of {len(clusters):,} contacts "
        f"({len(truth):,} true pairs) into {total:,} contacts; changes: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(applied_count.items()))
    )

    with db.read_session() as s:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        result = dedupe.scan_duplicates(s, "contact", NullProgress(), args.threshold)
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    predicted = {tuple(sorted(p)) for g in result.groups for p in combinations(g.record_ids, 2)}
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    false = predicted - truth
    coincidences = {p for p in false if p[0] not in injected and p[1] not in injected}
    shared_email = sum(
        1
        for a, b in coincidences
        if by_id[a]["email_normalized"]
        and by_id[a]["email_normalized"] == by_id[b]["email_normalized"]
    )
    adjusted = len(predicted) - len(coincidences)
    precision_adj = tp / adjusted if adjusted else 1.0

    avoided = result.all_pairs - result.compared_pairs
    fewer = result.all_pairs / max(1, result.compared_pairs)
    speed = total / result.seconds
    print(f"\nbulk scan, threshold {args.threshold}")
    print(f"  time                {result.seconds:8.1f} s   ({speed:,.0f} contacts/s)")
    print(f"  pairs compared      {result.compared_pairs:12,}")
    print(
        f"  all pairs           {result.all_pairs:12,}   (avoided {avoided:,}, {fewer:,.0f}x fewer)"
    )
    print(
        f"  oversized blocks    {result.oversized_blocks:12,}   "
        f"(sorted neighbourhood, window {dedupe.WINDOW})"
    )
    print(
        f"  groups              {len(result.groups):12,}   accepted pairs {result.accepted_pairs:,}"
    )
    print(f"  peak RSS growth     {(rss_after - rss_before) / 1024:8.0f} MiB")
    print(
        f"  precision           {precision:8.4f}   ({tp:,} of {len(predicted):,} predicted pairs)"
    )
    print(f"  recall              {recall:8.4f}   ({tp:,} of {len(truth):,} true pairs)")
    print(f"  F1                  {f1(precision, recall):8.4f}")
    print(
        f"  generator coincidences among predicted: {len(coincidences):,}, of which "
        f"{shared_email:,} share name and e-mail (precision without them {precision_adj:.4f}, "
        f"F1 {f1(precision_adj, recall):.4f})"
    )

    missed = sorted(truth - predicted)
    with db.read_session() as s:
        profiles = {
            p.id: p for p in dedupe.iter_profiles(s, "contact", [i for p in missed for i in p])
        }
    scores = {
        pair: dedupe.score_pair("contact", profiles[pair[0]], profiles[pair[1]]) for pair in missed
    }
    lost = sum(1 for result in scores.values() if result and result[0] >= args.threshold)
    print(
        f"  missed pairs: {len(missed):,}; lost by blocking (they would score >= "
        f"{args.threshold}): {lost:,}; the others score below the threshold"
    )
    for a, b in missed[:8]:
        score = scores[(a, b)]
        ra, rb = by_id[a], by_id[b]
        print(
            f"    missed: {ra['first_name']} {ra['last_name']} <{ra['email']}> / "
            f"{rb['first_name']} {rb['last_name']} <{rb['email']}>: {score}"
        )
    for a, b in sorted(false)[:5]:
        score = dedupe.score_pair("contact", profiles_of(db, a), profiles_of(db, b))
        name_a = f"{by_id[a]['first_name']} {by_id[a]['last_name']}"
        name_b = f"{by_id[b]['first_name']} {by_id[b]['last_name']}"
        print(f"    false: {name_a} / {name_b}: {score}")

    # as-you-type: the fields of a duplicate being typed again
    samples = rng.sample(dups, min(50, len(dups)))
    timings: list[float] = []
    found = 0
    original_of = {i: c[0] for c in clusters for i in c[1:]}
    with db.read_session() as s:
        for dup in samples:
            fields = {k: dup[k] for k in TYPED_FIELDS}
            t = time.perf_counter()
            matches = dedupe.possible_duplicates_of(s, "contact", fields, exclude_id=dup["id"])
            timings.append((time.perf_counter() - t) * 1000)
            found += original_of[dup["id"]] in {m.record_id for m in matches}
    timings.sort()
    print("\nas-you-type check (50 lookups of a duplicate's fields)")
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"  median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms;"
        f" original found in {found} of {len(samples)}"
    )

    print_health(db)


def print_health(db: Database) -> None:
    """Data-health figures per object (one SQL pass each), median of 3, with a plain count of
    the same table as the baseline."""
    from desktop_crm.services.data_health import HEALTH_OBJECTS, health_report

    print("\ndata health (median of 3; baseline: count(*) of the live rows)")
    tables = {"contact": "contacts", "account": "accounts", "lead": "leads"}
    with db.read_session() as s:
        for object_type in HEALTH_OBJECTS:
            table = tables.get(object_type, "opportunities")
            base: list[float] = []
            times: list[float] = []
            for _ in range(3):
                t = time.perf_counter()
                s.execute(text(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")).one()
                base.append(time.perf_counter() - t)
                t = time.perf_counter()
                report = health_report(s, object_type)
                times.append(time.perf_counter() - t)
            figures = len(report.problems) + len(report.fill_rates)
            problems = ", ".join(f"{f.label} {f.count:,}" for f in report.problems)
            print(
                f"  {table:<14} {report.total:>9,} rows, {figures} figures in "
                f"{statistics.median(times) * 1000:7.0f} ms (count(*) "
                f"{statistics.median(base) * 1000:5.1f} ms): {problems}"
            )


def profiles_of(db: Database, record_id: str) -> dedupe.Profile:
    with db.read_session() as s:
        return next(iter(dedupe.iter_profiles(s, "contact", [record_id])))


if __name__ == "__main__":
    sys.exit(main())
