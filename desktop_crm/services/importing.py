"""Importing contacts, accounts, leads and opportunities from CSV, XLSX and vCard files.

The pieces, each in its own module: `import_sources` (files -> header and rows, streamed),
`import_mapping` (columns -> fields, suggested and saved), `import_parsing` (locale-aware
numbers, money, dates, booleans), `import_rows` (one row -> stored values and issues).
This module links relations, matches duplicates and writes, as one journal operation.

The API a wizard drives, step by step (all Qt-free; each step is a job on the DB worker):

1. `preview(session, spec, object_type)` -> `ImportPreview`: the detected format, encoding
   (and why), delimiter, sheets, the header, the first rows, the importable fields and the
   mapping (the one saved for this header, else a suggestion). Changing the encoding,
   delimiter or sheet is a new `SourceSpec` and a new preview; the later steps pass the
   spec with what the preview found filled in (`SourceSpec(path, info.encoding,
   info.delimiter, info.sheet)`), so a big file is not scanned for its encoding again.
   Unreadable files raise `ImportSourceError` with one sentence naming the file and row.
2. The user edits the mapping: `FieldMapping.with_target(column, field_key)`.
   `mapping_problems(mapping, fields)` says what blocks the import (a required field not
   mapped).
3. `run_import(db, spec, options, dry_run=True)` validates every row, links relations and
   matches duplicates without writing anything; its `ImportReport.issues` is the
   validation report (row, column, field, value, reason) and `duplicates` the matched
   records. A fix typed in a cell goes into `ImportOptions.fixes[(row, column)]`, which
   replaces the cell's text when the file is read; `check_row(...)` re-checks one row at
   once (no database) as the user types.
4. `run_import(db, spec, options, progress=...)` commits: a backup first, then one
   transaction and one journal operation of kind "import"; Cancelled (progress) or any
   error rolls it all back. The report holds the operation id: `services.undo.undo` of it
   removes the created records and restores the updated fields exactly.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop_crm.models.base import format_timestamp, utc_now
from desktop_crm.models.bulk import insert_rows
from desktop_crm.models.database import Database
from desktop_crm.models.ids import new_id
from desktop_crm.models.journal import operation, table_columns
from desktop_crm.models.search import BatchedSearchInserts, search_inserts_batched
from desktop_crm.services.dedupe import (
    DEFAULT_THRESHOLD,
    Profile,
    block_keys,
    iter_profiles,
    score_pair,
)
from desktop_crm.services.import_deals import DealIndex
from desktop_crm.services.import_mapping import (
    CUSTOM_PREFIX,
    TABLES,
    FieldMapping,
    ImportField,
    check_object,
    fit_mapping,
    importable_fields,
    named_mapping,
    save_mapping,
    saved_mapping,
    suggest_mapping,
)
from desktop_crm.services.import_parsing import LOCALES, ImportLocale
from desktop_crm.services.import_rows import ImportIssue, ParsedRow, RowParser
from desktop_crm.services.import_sources import (
    ImportSourceError,
    RowSource,
    SourceInfo,
    SourceRow,
    SourceSpec,
    open_source,
)
from desktop_crm.services.normalise import (
    FREE_MAIL_DOMAINS,
    clean_name,
    company_key,
    domain_of,
    fold,
    person_key,
)
from desktop_crm.services.progress import Cancelled, NullProgress, Progress

__all__ = [
    "DuplicateHit",
    "DuplicatePolicy",
    "ImportIssue",
    "ImportOptions",
    "ImportPreview",
    "ImportRefused",
    "ImportReport",
    "ImportSourceError",
    "SourceSpec",
    "check_row",
    "mapping_problems",
    "preview",
    "run_import",
]

#: Rows between two progress updates and cancel checks.
PROGRESS_EVERY = 500
#: New records buffered before one multi-row insert.
BATCH = 1000
#: Issues and duplicate hits kept in a report (the counts are always complete).
MAX_KEPT = 10_000
#: Candidates read per block when matching one row (a switchboard number shared by
#: thousands must not make one row cost thousands of comparisons).
MAX_CANDIDATES = 200
PREVIEW_ROWS = 20
#: Rows whose duplicate candidates are looked up together.
MATCH_BATCH = 500


class DuplicatePolicy(StrEnum):
    """What to do with a row that matches an existing record."""

    SKIP = "skip"
    #: Fill the existing record's empty fields from the row, keep the rest.
    UPDATE_EMPTY = "update-empty"
    #: Replace the existing record's fields with the row's non-empty values.
    OVERWRITE = "overwrite"
    #: Ignore the match and create a new record.
    CREATE = "create"


class ImportRefused(Exception):
    """The import cannot start as set up (mapping, options); the message says why."""


@dataclass(frozen=True)
class ImportOptions:
    object_type: str
    mapping: FieldMapping
    locale: ImportLocale = LOCALES["fr"]
    on_duplicate: DuplicatePolicy = DuplicatePolicy.SKIP
    #: True: rows with errors are left out and the rest imports; False: any error refuses
    #: the whole import (nothing is written).
    skip_invalid_rows: bool = True
    #: (row number, column index) -> replacement text, typed by the user in the wizard.
    fixes: Mapping[tuple[int, int], str] = field(default_factory=dict)
    #: Remember the mapping for this header (and under this name) after a commit.
    save_mapping_as: str | None = None
    remember_mapping: bool = True
    #: The label of the journal operation (the history shows it).
    label: str | None = None


@dataclass(frozen=True)
class DuplicateHit:
    row: int
    record_id: str
    label: str
    score: int
    reasons: tuple[str, ...]
    #: "skipped", "updated", "unchanged" or "created anyway".
    action: str


@dataclass(frozen=True)
class ImportReport:
    file: str
    object_type: str
    info: SourceInfo
    rows: int
    created: int
    updated: int
    #: Matched a record and the policy changed nothing (skip, or no empty field to fill).
    skipped: int
    failed: int
    #: Related records created on the way (accounts of contacts, contacts of deals).
    linked_created: Mapping[str, int]
    issues: tuple[ImportIssue, ...]
    issues_total: int
    duplicates: tuple[DuplicateHit, ...]
    operation_id: str | None
    committed: bool
    #: Some rows had errors and the options said to import nothing then.
    refused: bool
    dry_run: bool
    backup: Path | None
    seconds: float

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        """One sentence for a terminal or a message box. A refused import says what the
        rows would have done, since nothing was written."""
        linked = "".join(f", {n:,} {t} created" for t, n in self.linked_created.items() if n)
        counts = (
            f"{self.rows:,} rows, {self.created:,} created, {self.updated:,} updated, "
            f"{self.skipped:,} skipped as duplicates, {self.failed:,} with errors{linked}"
        )
        if self.refused:
            return (
                f"Refused {self.file}: {self.failed:,} of {self.rows:,} rows have errors, so "
                f"nothing was imported (it would have been: {counts})."
            )
        return f"{'Would import' if self.dry_run else 'Imported'} {self.file}: {counts}."

    def write_issues_csv(self, path: Path) -> Path:
        """The issues as a CSV (UTF-8 with BOM, so Excel opens it right): row, column,
        field, value, reason."""
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["row", "column", "field", "value", "reason"])
            for issue in self.issues:
                writer.writerow(
                    [
                        issue.row,
                        issue.column_name or "",
                        issue.field or "",
                        issue.value,
                        issue.reason,
                    ]
                )
        return path


# --- preview and checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPreview:
    info: SourceInfo
    header: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    fields: tuple[ImportField, ...]
    mapping: FieldMapping
    #: "named", "saved" (used before for this header) or "suggested".
    mapping_origin: str


def preview(
    session: Session,
    spec: SourceSpec,
    object_type: str,
    *,
    limit: int = PREVIEW_ROWS,
    mapping_name: str | None = None,
) -> ImportPreview:
    """The first `limit` rows and the mapping to start from (see the module docstring)."""
    fields = importable_fields(session, check_object(object_type))
    with _opened(spec) as source:
        rows: list[SourceRow] = []
        for row in source.rows():
            rows.append(row)
            if len(rows) >= limit:
                break
        mapping, origin = choose_mapping(session, object_type, source.header, fields, mapping_name)
        return ImportPreview(source.info, source.header, tuple(rows), fields, mapping, origin)


def choose_mapping(
    session: Session,
    object_type: str,
    header: Sequence[str],
    fields: Sequence[ImportField],
    mapping_name: str | None = None,
) -> tuple[FieldMapping, str]:
    """The named mapping if asked for, else the one saved for this header, else a
    suggestion. Raises ImportRefused for an unknown name."""
    if mapping_name:
        named = named_mapping(session, object_type, mapping_name)
        if named is None:
            raise ImportRefused(f"There is no saved mapping named {mapping_name!r}.")
        return fit_mapping(named, header), "named"
    saved = saved_mapping(session, object_type, header)
    if saved is not None:
        return fit_mapping(saved, header), "saved"
    return suggest_mapping(object_type, header, fields), "suggested"


def mapping_problems(mapping: FieldMapping, fields: Sequence[ImportField]) -> list[str]:
    """What keeps the mapping from importing: required fields no column goes to, fields
    that do not exist."""
    keys = {f.key for f in fields}
    problems = [
        f"No column is mapped to {f.label}, which is required."
        for f in fields
        if f.required and f.key not in mapping.targets
    ]
    problems += [
        f"“{name}” is mapped to {target!r}, which is not a field of {mapping.object_type}s."
        for name, target in zip(mapping.header, mapping.targets, strict=True)
        if target is not None and target not in keys
    ]
    return problems


def check_row(
    options: ImportOptions, fields: Sequence[ImportField], number: int, cells: Sequence[Any]
) -> list[ImportIssue]:
    """The issues of one row as the user fixes it (parsing only: no duplicates, no DB)."""
    from desktop_crm.models import OBJECT_MODELS

    table = OBJECT_MODELS[check_object(options.object_type)].__table__  # type: ignore[attr-defined]
    columns = [c.name for c in table.columns]
    parser = RowParser(options.mapping, fields, options.locale, columns)
    return parser.parse(number, _with_fixes(number, cells, options.fixes)).issues


def _with_fixes(
    number: int, cells: Sequence[Any], fixes: Mapping[tuple[int, int], str]
) -> Sequence[Any]:
    if not fixes:
        return cells
    fixed = list(cells)
    for (row, column), value in fixes.items():
        if row == number:
            if column >= len(fixed):
                fixed.extend([None] * (column + 1 - len(fixed)))
            fixed[column] = value
    return fixed


class _opened:
    def __init__(self, spec: SourceSpec) -> None:
        self.source = open_source(spec)

    def __enter__(self) -> RowSource:
        return self.source

    def __exit__(self, *exc: object) -> None:
        self.source.close()


# --- the import --------------------------------------------------------------------------------


def _table_columns(conn: Connection, object_type: str) -> tuple[str, ...]:
    """The table's columns in the live schema (what the inserts must name)."""
    return tuple(table_columns(conn, TABLES[object_type]))


#: Values a new record gets for the NOT NULL columns an import may leave empty.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "contact": {"consent_status": "unknown"},
    "lead": {"consent_status": "unknown", "source": "other", "status": "new", "score": 0},
    "account": {"account_type": "prospect", "currency": "EUR"},
    "opportunity": {"currency": "EUR", "status": "open", "board_position": 0},
}


def run_import(
    db: Database,
    spec: SourceSpec,
    options: ImportOptions,
    *,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
    dry_run: bool = False,
    take_backup: bool = True,
) -> ImportReport:
    """Import the file as one undoable operation (see the module docstring). Raises
    ImportSourceError for an unreadable file, ImportRefused for a mapping that cannot work,
    Cancelled when `progress` is cancelled; in all three nothing is written."""
    started = time.perf_counter()
    object_type = check_object(options.object_type)
    with _opened(spec) as source:
        if tuple(options.mapping.header) != source.header:
            raise ImportRefused(
                f"The mapping was made for other columns than those of {source.info.name}."
            )
        with db.read_session() as reader:
            fields = importable_fields(reader, object_type)
        problems = mapping_problems(options.mapping, fields)
        if problems:
            raise ImportRefused(" ".join(problems))
        backup_path = None
        if take_backup and not dry_run:
            from desktop_crm.services.backup import backup

            backup_path = backup(db)
        with db.session() as session:
            session.begin()
            try:
                job = _Import(session, db.current_user_id, source, options, fields, progress)
                label = options.label or f"Import {source.info.name}"
                with operation(session, label, "import") as operation_id:
                    job.run()
                refused = job.failed > 0 and not options.skip_invalid_rows
                if job.rows == 0:
                    raise ImportSourceError(
                        f"{source.info.name} has a header row but no data rows to import."
                    )
                wrote = job.created + job.updated > 0
                if dry_run or refused or not wrote:
                    session.rollback()
                else:
                    if options.remember_mapping or options.save_mapping_as:
                        save_mapping(session, options.mapping, options.save_mapping_as)
                    session.commit()
            except BaseException:
                session.rollback()
                raise
        committed = not dry_run and not refused and wrote
        progress.update(job.rows, job.rows, "Import finished")
        return ImportReport(
            file=source.info.name,
            object_type=object_type,
            info=source.info,
            rows=job.rows,
            created=job.created,
            updated=job.updated,
            skipped=job.skipped,
            failed=job.failed,
            linked_created=dict(job.linked_created),
            issues=tuple(job.issues),
            issues_total=job.issues_total,
            duplicates=tuple(job.hits),
            operation_id=operation_id if committed else None,
            committed=committed,
            refused=refused,
            dry_run=dry_run,
            backup=backup_path,
            seconds=time.perf_counter() - started,
        )


#: Marks a contact whose company is to be created when the row is written.
_NEW_ACCOUNT: Any = object()


class _Index:
    """Profiles indexed by the duplicate service's own block keys; a profile is scored with
    `dedupe.score_pair` against those sharing a block with it."""

    def __init__(self, object_type: str) -> None:
        self.object_type = object_type
        self.profiles: list[Profile] = []
        self.blocks: dict[str, list[int]] = {}

    def add(self, profile: Profile) -> None:
        index = len(self.profiles)
        self.profiles.append(profile)
        for key in block_keys(self.object_type, profile):
            self.blocks.setdefault(key, []).append(index)

    def best(
        self, profile: Profile, keys: Sequence[str] | None = None
    ) -> tuple[Profile, int, tuple[str, ...]] | None:
        """The best scoring profile sharing a block with `profile` (whose block keys are
        `keys` when the caller has them already)."""
        if not self.blocks:
            return None
        seen: set[int] = set()
        best: tuple[Profile, int, tuple[str, ...]] | None = None
        if keys is None:
            keys = block_keys(self.object_type, profile)
        for key in keys:
            for index in self.blocks.get(key, ())[:MAX_CANDIDATES]:
                if index in seen:
                    continue
                seen.add(index)
                candidate = self.profiles[index]
                result = score_pair(self.object_type, profile, candidate, DEFAULT_THRESHOLD)
                if result is None or result[0] < DEFAULT_THRESHOLD:
                    if not _same_natural_key(profile, candidate):
                        continue
                    result = score_pair(self.object_type, profile, candidate)
                    assert result is not None
                if best is None or result[0] > best[1]:
                    best = (candidate, result[0], result[1])
        return best


class _Matcher:
    """Duplicate matching of imported rows against the database, batch by batch: the
    records that can match a batch (same e-mail, phone, SIREN or domain, same name) are
    found with indexed queries and loaded as duplicate-service profiles, so the cost
    follows the file, not the database, and memory stays flat. Records created by earlier
    batches are in the database by then; those of the current batch are kept in `created`,
    so a file holding a person twice is matched against itself."""

    def __init__(self, session: Session, object_type: str, accounts: _Accounts | None) -> None:
        self.session = session
        self.object_type = object_type
        self.table = TABLES[object_type]
        self.accounts = accounts
        self.created: dict[str, Profile] = {}
        self.loaded = _Index(object_type)
        #: The block keys of the batch's profiles, by id(): computed once per row for the
        #: namesake filter and the matching.
        self.batch_keys: dict[int, list[str]] = {}
        self.raw = _dbapi(session.connection())
        self.raw.execute("CREATE TEMP TABLE IF NOT EXISTS import_names (last TEXT, first TEXT)")

    def prepare(self, profiles: Sequence[Profile], rows: Sequence[ParsedRow]) -> None:
        """Load the existing records that may match one of `profiles`."""
        self.batch_keys = {id(p): block_keys(self.object_type, p) for p in profiles}
        ids = self._candidate_ids(profiles, rows)
        self.loaded = _Index(self.object_type)
        if ids:
            for profile in iter_profiles(self.session, self.object_type, sorted(ids)):
                self.loaded.add(profile)

    def _ids(self, where: str, values: set[str]) -> set[str]:
        """The live records whose `where` column holds one of `values`. On the DB-API
        cursor: SQLAlchemy's compiling of a new `IN` list per batch cost more than the
        indexed lookups themselves."""
        found: set[str] = set()
        items = sorted(values)
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(
                id_
                for (id_,) in self.raw.execute(
                    f'SELECT id FROM "{self.table}" WHERE {where} IN ({marks}) '
                    "AND deleted_at IS NULL",
                    chunk,
                )
            )
        return found

    def _candidate_ids(self, profiles: Sequence[Profile], rows: Sequence[ParsedRow]) -> set[str]:
        ids: set[str] = set()
        phones = {phone for p in profiles for phone in p.phones}
        if phones:
            ids |= self._ids("phone_e164", phones)
            if self.object_type == "contact":
                ids |= self._ids("mobile_e164", phones)
        if self.object_type == "account":
            ids |= self._ids("siren", {p.siren for p in profiles if p.siren})
            ids |= self._ids("domain", {p.domain for p in profiles if p.domain})
            if self.accounts is not None:
                ids.update(
                    self.accounts.by_key[p.last] for p in profiles if p.last in self.accounts.by_key
                )
            return ids
        ids |= self._ids("email_normalized", {p.email for p in profiles if p.email})
        names = {
            (str(r.values["last_name"]), r.values.get("first_name"))
            for r in rows
            if r.values.get("last_name")
        }
        if names:
            ids |= self._namesakes(names, profiles)
        return ids

    def _namesakes(
        self, names: set[tuple[str, str | None]], profiles: Sequence[Profile]
    ) -> set[str]:
        """The records named like a row (last name, and first name when given) that share
        a duplicate block with a row of the batch.

        A namesake found only by its name shares no e-mail or phone block with the batch
        (those are looked up by their own queries), so it can only meet a row in a block
        made of names and company (`dedupe.block_keys`): those keys are computed from the
        few columns the name lookup reads, and namesakes sharing none with the batch are
        left out before they are loaded. At a million contacts a common name is shared by
        dozens of people, and loading them all was most of an import's time. A record
        whose e-mail or phones are not stored in normalised form is kept, as the lookups by
        normalised value cannot find it."""
        wanted = {key for keys in self.batch_keys.values() for key in keys}
        raw = self.raw
        raw.execute("DELETE FROM temp.import_names")
        raw.executemany("INSERT INTO temp.import_names (last, first) VALUES (?, ?)", names)
        # A contact's company is its account's name, taken from the accounts read at the
        # start rather than joined: a second random read per namesake.
        contacts = self.object_type == "contact"
        company = "t.account_id" if contacts else "t.company"
        mobile = " OR (t.mobile_raw IS NOT NULL AND t.mobile_e164 IS NULL)" if contacts else ""
        unkeyed = (
            "(t.email IS NOT NULL AND t.email_normalized IS NULL) "
            "OR (t.phone_raw IS NOT NULL AND t.phone_e164 IS NULL)" + mobile
        )
        # A correlated subquery per name: each is one search of the name index (a join
        # makes SQLite build a Bloom filter over the whole table for every batch).
        found_of = (
            "SELECT json_group_array(json_array(t.id, t.first_name, t.last_name, "
            f'{company}, {unkeyed})) FROM "{self.table}" t '
            "WHERE t.deleted_at IS NULL AND t.last_name = k.last COLLATE NOCASE"
        )
        names_of = self.accounts.names if contacts and self.accounts is not None else {}
        found: set[str] = set()
        for (people,) in raw.execute(
            f"SELECT CASE WHEN k.first IS NULL THEN ({found_of}) ELSE ({found_of} "
            "AND t.first_name = k.first COLLATE NOCASE) END FROM temp.import_names k"
        ):
            for id_, first, last, company_name, unnormalised in json.loads(people):
                if contacts and company_name is not None:
                    if company_name not in names_of:
                        found.add(id_)  # an account in the trash: its name is not at hand
                        continue
                    company_name = names_of[company_name]
                if unnormalised or not wanted.isdisjoint(
                    block_keys(self.object_type, _name_profile(first, last, company_name))
                ):
                    found.add(id_)
        return found

    def add(self, profile: Profile) -> None:
        """A record this import created: matched by its e-mail, phones and SIREN only (a
        fuzzy comparison with every earlier row of a big file would cost more than the
        import itself)."""
        for key in _exact_keys(profile):
            self.created.setdefault(key, profile)

    def best(self, profile: Profile) -> tuple[Profile, int, tuple[str, ...]] | None:
        found = self.loaded.best(profile, self.batch_keys.get(id(profile)))
        for key in _exact_keys(profile):
            earlier = self.created.get(key)
            if earlier is None:
                continue
            result = score_pair(self.object_type, profile, earlier)
            assert result is not None
            if (result[0] >= DEFAULT_THRESHOLD or _same_natural_key(profile, earlier)) and (
                found is None or result[0] > found[1]
            ):
                found = (earlier, result[0], result[1])
        return found


def _name_profile(first: Any, last: Any, company: Any) -> Profile:
    """The part of a person's duplicate profile its name and company blocks are made of."""
    company_name = company if isinstance(company, str) and company.strip() else None
    return Profile(
        "", "", clean_name(first), clean_name(last), None, None, frozenset(),
        company_key(company_name), company_name, None, "", None, None, 0, "",
    )  # fmt: skip


def _exact_keys(profile: Profile) -> list[str]:
    keys = [f"p:{phone}" for phone in profile.phones]
    if profile.email:
        keys.append(f"e:{profile.email}")
    if profile.siren:
        keys.append(f"s:{profile.siren}")
    return keys


def _same_natural_key(a: Profile, b: Profile) -> bool:
    """The same e-mail address or SIREN is the same person or company whatever the names
    say (a company renamed, a married name). A shared phone is not: colleagues share a
    switchboard, so a phone counts only through the duplicate score."""
    return bool((a.email and a.email == b.email) or (a.siren and a.siren == b.siren))


def _updated_at(row: tuple[Any, ...]) -> str:
    return str(row[0] or "")


class _Accounts:
    """Finds the account a row names: by company key (legal forms, accents, case ignored),
    else by the e-mail's domain (not a free mailbox); creates it when there is none."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, str] = {}
        self.by_domain: dict[str, str] = {}
        self.names: dict[str, str] = {}
        # Every account, once per import (a company key is not stored, so it cannot be
        # looked up in SQL), on the DB-API cursor. The last updated account wins a shared
        # key: read in table order and sorted here (stable, so ties stay in rowid order as
        # with ORDER BY), since walking the updated_at index reads the table in random order.
        rows = _dbapi(session.connection()).execute(
            "SELECT updated_at, id, name, domain, website FROM accounts WHERE deleted_at IS NULL"
        )
        for _, id_, name, domain, website in sorted(rows, key=_updated_at):
            self.remember(id_, name, domain or domain_of(website))

    def remember(self, id_: str, name: str | None, domain: str | None) -> None:
        key = company_key(name)
        if key:
            self.by_key[key] = id_
        if name:
            self.names[id_] = name
        if domain and domain not in FREE_MAIL_DOMAINS:
            self.by_domain[domain] = id_

    def find(self, name: str | None, email_domain: str | None) -> str | None:
        if name:
            found = self.by_key.get(company_key(name))
            if found:
                return found
        if email_domain:
            return self.by_domain.get(email_domain)
        return None


class _Import:
    def __init__(
        self,
        session: Session,
        owner_id: str | None,
        source: RowSource,
        options: ImportOptions,
        fields: Sequence[ImportField],
        progress: Progress,
    ) -> None:
        self.session = session
        self.conn = session.connection()
        self.owner_id = owner_id
        self.source = source
        self.options = options
        self.progress = progress
        self.object_type = options.object_type
        self.table = TABLES[self.object_type]
        self.columns = _table_columns(self.conn, self.object_type)
        self.parser = RowParser(options.mapping, fields, options.locale, self.columns)
        self.fields = {f.key: f for f in fields}
        self.now = format_timestamp(utc_now())
        self.rows = self.created = self.updated = self.skipped = self.failed = 0
        self.issues: list[ImportIssue] = []
        self.issues_total = 0
        self.hits: list[DuplicateHit] = []
        self.linked_created: dict[str, int] = {}
        self.pending: list[dict[str, Any]] = []
        self.pending_accounts: list[dict[str, Any]] = []
        self.pending_contacts: list[dict[str, Any]] = []
        self.pending_custom: list[tuple[Any, ...]] = []
        links = {t for t in options.mapping.targets if t in ("account", "contact", "stage")}
        self.accounts = (
            _Accounts(session)
            if "account" in links or self.object_type in ("contact", "account")
            else None
        )
        self.matcher = (
            _Matcher(session, self.object_type, self.accounts)
            if self.object_type in ("contact", "account", "lead")
            and options.on_duplicate is not DuplicatePolicy.CREATE
            else None
        )
        self.stages = _Stages(session) if self.object_type == "opportunity" else None
        self.deals = DealIndex()
        if self.object_type == "opportunity":
            for id_, name, account in session.execute(
                text(
                    "SELECT id, name, account_id FROM opportunities WHERE deleted_at IS NULL "
                    "ORDER BY created_at"
                )
            ):
                self.deals.add(id_, name, account)
        self.insert_columns = self._insert_columns()
        self.search: BatchedSearchInserts | None = None

    def _insert_columns(self) -> list[str]:
        produced: set[str] = {"id", "created_at", "updated_at", "owner_id"}
        produced.update(_DEFAULTS[self.object_type])
        for key in self.options.mapping.targets:
            if key is None or key.startswith(CUSTOM_PREFIX):
                continue
            spec = self.fields[key]
            if spec.column:
                produced.add(spec.column)
        produced.update(
            c
            for c in ("email_normalized", "phone_e164", "mobile_e164", "currency", "domain")
            if c in self.columns
        )
        if self.object_type == "contact" or "account" in self.options.mapping.targets:
            produced.add("account_id")
        if self.object_type == "opportunity":
            produced.update(("pipeline_id", "stage_id", "primary_contact_id", "probability"))
        return [c for c in self.columns if c in produced]

    # --- the loop ----------------------------------------------------------------------------
    def run(self) -> None:
        """Read, check, link, match and write every row. The search index of the new records
        is written batch by batch (`search_inserts_batched`): the per-row triggers cost
        more than the rest of the insert."""
        tables = {self.table, "accounts", "contacts"}
        with search_inserts_batched(self.conn, tables) as self.search:
            self._run()

    def _run(self) -> None:
        fixes = self.options.fixes
        batch: list[ParsedRow] = []
        for source_row in self.source.rows():
            self.rows += 1
            if self.rows % PROGRESS_EVERY == 0:
                if self.progress.cancelled:
                    raise Cancelled
                self.progress.update(
                    self.source.position(), self.source.size, f"Importing row {self.rows:,}"
                )
            if source_row.problem is not None:
                issue = ImportIssue(source_row.number, None, None, None, "", source_row.problem)
                self._failed(ParsedRow(source_row.number, issues=[issue]))
                continue
            cells = (
                _with_fixes(source_row.number, source_row.cells, fixes)
                if fixes
                else source_row.cells
            )
            row = self.parser.parse(source_row.number, cells)
            if not row.issues:
                self._link(row)
            if row.issues:
                self._failed(row)
                continue
            batch.append(row)
            if len(batch) >= MATCH_BATCH:
                self._write_batch(batch)
                batch = []
        if self.progress.cancelled:
            raise Cancelled
        self._write_batch(batch)
        self._flush()

    def _write_batch(self, rows: Sequence[ParsedRow]) -> None:
        if self.matcher is None:
            for row in rows:
                self._write(row, None)
            return
        # Rows created by earlier batches are written first, so the batch's lookups find
        # them in the database like any record: only this batch's own are kept in memory.
        self._flush()
        self.matcher.created.clear()
        profiles = [self._profile(row) for row in rows]
        self.matcher.prepare(profiles, rows)
        for row, profile in zip(rows, profiles, strict=True):
            self._write(row, profile)

    def _failed(self, row: ParsedRow) -> None:
        self.failed += 1
        self.issues_total += len(row.issues)
        room = MAX_KEPT - len(self.issues)
        if room > 0:
            self.issues.extend(row.issues[:room])

    # --- relations ---------------------------------------------------------------------------
    def _link(self, row: ParsedRow) -> None:
        values = row.values
        email_domain = None
        email = values.get("email_normalized")
        if isinstance(email, str):
            email_domain = email.rpartition("@")[2]
        if self.object_type == "contact":
            assert self.accounts is not None
            name = row.links.get("account")
            # A company the row names is found by its name only: linking "Autre SAS" to
            # another account that shares its e-mail domain would lose the name typed (and
            # did so only for rows after the first batch: earlier ones created it). The
            # domain links a row that names no company.
            account = self.accounts.find(name, None if name else email_domain)
            if account is not None:
                values["account_id"] = account
            elif name:
                # Created when the row is written, not for a row skipped as a duplicate.
                values["account_id"] = _NEW_ACCOUNT
        elif self.object_type == "opportunity":
            self._link_opportunity(row, email_domain)

    def _new_account(self, name: str, domain: str | None) -> str:
        assert self.accounts is not None
        id_ = new_id()
        domain = domain if domain and domain not in FREE_MAIL_DOMAINS else None
        self.pending_accounts.append(
            {"id": id_, "name": name, "domain": domain, **_DEFAULTS["account"]}
        )
        self.accounts.remember(id_, name, domain)
        self.linked_created["accounts"] = self.linked_created.get("accounts", 0) + 1
        return id_

    def _link_opportunity(self, row: ParsedRow, email_domain: str | None) -> None:
        assert self.stages is not None
        account = None
        name = row.links.get("account")
        if name:
            assert self.accounts is not None
            account = self.accounts.find(name, None) or self._new_account(name, None)
            row.values["account_id"] = account
        contact = row.links.get("contact")
        if contact:
            row.values["primary_contact_id"] = self._find_contact(contact, account)
        stage_name = row.links.get("stage")
        stage = self.stages.find(stage_name)
        if stage is None:
            index = self.options.mapping.column_of("stage")
            row.issues.append(
                ImportIssue(
                    row.number,
                    index,
                    None if index is None else self.options.mapping.header[index],
                    "stage",
                    stage_name or "",
                    "is not a stage of any pipeline (" + ", ".join(self.stages.names[:12]) + ")",
                )
            )
            return
        row.values["pipeline_id"], row.values["stage_id"], probability, kind = stage
        row.values.setdefault("probability", probability)
        if kind != "open":
            row.values.setdefault("status", kind)

    def _find_contact(self, text_: str, account: str | None) -> str:
        """A deal's contact by e-mail, else by name (at the deal's account first), else a
        new contact at that account."""
        from desktop_crm.services.normalise import email_key, name_tokens

        email = email_key(text_) if "@" in text_ else None
        if email:
            found = self.conn.execute(
                text(
                    "SELECT id FROM contacts WHERE email_normalized = :e AND deleted_at IS NULL "
                    "LIMIT 1"
                ),
                {"e": email},
            ).scalar()
            if found:
                return str(found)
        else:
            wanted = person_key(text_, None)
            tokens = name_tokens(text_)
            where = "account_id = :a" if account else "0"
            rows = self.conn.execute(
                text(
                    "SELECT id, first_name, last_name, account_id FROM contacts "
                    f"WHERE deleted_at IS NULL AND ({where} OR last_name IN :names)"
                ).bindparams(_expanding("names")),
                {"a": account, "names": [t.title() for t in tokens] + tokens + [text_]},
            ).all()
            best = None
            for id_, first, last, account_id in rows:
                if person_key(first, last) == wanted:
                    if account_id == account:
                        return str(id_)
                    best = best or str(id_)
            if best:
                return best
        self._flush_pending_links()
        id_ = new_id()
        first, _, last = text_.strip().rpartition(" ")
        contact = {
            "id": id_,
            "first_name": first or None,
            "last_name": last or text_.strip(),
            "email": text_ if email else None,
            "email_normalized": email,
            "account_id": account,
            **_DEFAULTS["contact"],
        }
        if email:
            contact["last_name"] = text_.partition("@")[0]
        self.pending_contacts.append(contact)
        self.linked_created["contacts"] = self.linked_created.get("contacts", 0) + 1
        return id_

    def _flush_pending_links(self) -> None:
        if self.pending_contacts or self.pending_accounts:
            self._flush()

    # --- writing -----------------------------------------------------------------------------
    def _profile(self, row: ParsedRow) -> Profile:
        v = row.values
        email = v.get("email_normalized")
        phones = frozenset(p for p in (v.get("phone_e164"), v.get("mobile_e164")) if p)
        if self.object_type == "account":
            domain = v.get("domain") or (domain_of(v.get("email")) if v.get("email") else None)
            if domain in FREE_MAIL_DOMAINS:
                domain = None
            return Profile(
                "", v.get("name") or "", "", company_key(v.get("name")), email,
                email.rpartition("@")[2] if email else None, phones, "", v.get("name"),
                None, fold(v.get("city") or ""), v.get("siren"), domain, 0, "",
            )  # fmt: skip
        if self.object_type == "contact":
            account = v.get("account_id")
            company = row.links.get("account")
            if account is _NEW_ACCOUNT:
                account = None
            elif account and self.accounts is not None:
                company = self.accounts.names.get(account, company)
        else:
            account, company = None, v.get("company")
        return Profile(
            "",
            " ".join(p for p in (v.get("first_name"), v.get("last_name")) if p),
            clean_name(v.get("first_name")),
            clean_name(v.get("last_name")),
            email,
            email.rpartition("@")[2] if email else None,
            phones,
            company_key(company),
            company,
            account,
            fold(v.get("city") or ""),
            None,
            None,
            0,
            "",
        )

    def _write(self, row: ParsedRow, profile: Profile | None) -> None:
        policy = self.options.on_duplicate
        if self.matcher is not None and profile is not None:
            match = self.matcher.best(profile)
            if match is not None:
                candidate, score, reasons = match
                self._apply_policy(row, candidate, score, reasons)
                return
        elif self.object_type == "opportunity" and policy is not DuplicatePolicy.CREATE:
            deal = self.deals.find(row.values.get("name"), row.values.get("account_id"))
            if deal is not None:
                self._apply_policy_to(
                    row, deal.record_id, str(row.values.get("name")), deal.score, deal.reasons
                )
                return
        self._create_linked(row)
        id_ = new_id()
        record = {"id": id_, **_DEFAULTS[self.object_type], **row.values}
        self.pending.append(record)
        for definition, (column, value) in row.custom.items():
            self.pending_custom.append((definition, id_, column, value))
        self.created += 1
        if profile is not None and self.matcher is not None:
            profile.id = id_
            self.matcher.add(profile)
        if self.object_type == "opportunity":
            self.deals.add(id_, row.values.get("name"), row.values.get("account_id"))
        if len(self.pending) >= BATCH:
            self._flush()

    def _create_linked(self, row: ParsedRow) -> None:
        """The account a contact row names, made now that the row is written (a row before
        it in the file may have made it already)."""
        if row.values.get("account_id") is _NEW_ACCOUNT:
            assert self.accounts is not None
            name = row.links["account"]
            email = row.values.get("email_normalized")
            domain = email.rpartition("@")[2] if isinstance(email, str) else None
            row.values["account_id"] = self.accounts.find(name, None) or self._new_account(
                name, domain
            )

    def _apply_policy(
        self, row: ParsedRow, candidate: Profile, score: int, reasons: tuple[str, ...]
    ) -> None:
        self._apply_policy_to(row, candidate.id, candidate.label, score, reasons)

    def _apply_policy_to(
        self, row: ParsedRow, record_id: str, label: str, score: int, reasons: tuple[str, ...]
    ) -> None:
        policy = self.options.on_duplicate
        action = "skipped"
        if policy is DuplicatePolicy.SKIP:
            self.skipped += 1
        else:
            self._create_linked(row)
            changed = self._update(record_id, row, overwrite=policy is DuplicatePolicy.OVERWRITE)
            if changed:
                self.updated += 1
                action = "updated"
            else:
                self.skipped += 1
                action = "unchanged"
        if len(self.hits) < MAX_KEPT:
            self.hits.append(DuplicateHit(row.number, record_id, label, score, reasons, action))

    def _update(self, record_id: str, row: ParsedRow, *, overwrite: bool) -> bool:
        """Set the row's values on an existing record: all of them (overwrite) or only
        where the record has nothing. A raw phone or e-mail goes with its normalised twin."""
        self._flush()
        columns = [c for c in row.values if c in self.columns]
        if not columns and not row.custom:
            return False
        names = ", ".join(f'"{c}"' for c in columns) or "id"
        current = self.conn.execute(
            text(f'SELECT {names} FROM "{self.table}" WHERE id = :id'), {"id": record_id}
        ).first()
        if current is None:
            return False
        now = dict(zip(columns, current, strict=True)) if columns else {}
        twins = {
            "email_normalized": "email",
            "phone_e164": "phone_raw",
            "mobile_e164": "mobile_raw",
        }
        changes: dict[str, Any] = {}
        for column in columns:
            new, old = row.values[column], now[column]
            if column in twins and twins[column] in now:
                continue  # follows its raw twin below
            empty = old is None or old == ""
            if (overwrite or empty) and new != old:
                changes[column] = new
                for twin, raw in twins.items():
                    if raw == column and twin in row.values:
                        changes[twin] = row.values[twin]
        if changes:
            changes["updated_at"] = self.now
            sets = ", ".join(f'"{c}" = :{c}' for c in changes)
            self.conn.execute(
                text(f'UPDATE "{self.table}" SET {sets} WHERE id = :record_id'),
                {**changes, "record_id": record_id},
            )
        custom_changed = self._update_custom(record_id, row.custom, overwrite)
        return bool(changes) or custom_changed

    def _update_custom(
        self, record_id: str, custom: Mapping[str, tuple[str, Any]], overwrite: bool
    ) -> bool:
        changed = False
        for definition, (column, value) in custom.items():
            current = self.conn.execute(
                text(
                    f"SELECT id, {column} FROM custom_field_values "
                    "WHERE record_id = :r AND definition_id = :d"
                ),
                {"r": record_id, "d": definition},
            ).first()
            if current is None:
                self.pending_custom.append((definition, record_id, column, value))
                self._flush()
                changed = True
            elif (overwrite or current[1] is None) and current[1] != value:
                self.conn.execute(
                    text(
                        f"UPDATE custom_field_values SET {column} = :v, updated_at = :now "
                        "WHERE id = :id"
                    ),
                    {"v": value, "now": self.now, "id": current[0]},
                )
                changed = True
        return changed

    def _flush(self) -> None:
        base = {"created_at": self.now, "updated_at": self.now, "owner_id": self.owner_id}
        if self.pending_accounts:
            columns = ["id", "created_at", "updated_at", "owner_id", "name", "domain",
                       "account_type", "currency"]  # fmt: skip
            insert_rows(
                self.conn,
                "accounts",
                columns,
                ([{**base, **r}[c] for c in columns] for r in self.pending_accounts),
            )
            self.pending_accounts.clear()
        if self.pending_contacts:
            columns = ["id", "created_at", "updated_at", "owner_id", "first_name", "last_name",
                       "email", "email_normalized", "account_id", "consent_status"]  # fmt: skip
            insert_rows(
                self.conn,
                "contacts",
                columns,
                ([{**base, **r}[c] for c in columns] for r in self.pending_contacts),
            )
            self.pending_contacts.clear()
        if self.pending:
            columns = self.insert_columns
            defaults = [base.get(c) for c in columns]
            insert_rows(
                self.conn,
                self.table,
                columns,
                (
                    [r.get(c, d) for c, d in zip(columns, defaults, strict=True)]
                    for r in self.pending
                ),
            )
            self.pending.clear()
        if self.pending_custom:
            columns = ["id", "created_at", "updated_at", "owner_id", "definition_id", "record_id",
                       "value_text", "value_number", "value_date", "value_bool"]  # fmt: skip
            rows = []
            for definition, record_id, column, value in self.pending_custom:
                values = {**base, "id": new_id(), "definition_id": definition,
                          "record_id": record_id, column: value}  # fmt: skip
                rows.append([values.get(c) for c in columns])
            insert_rows(self.conn, "custom_field_values", columns, rows)
            self.pending_custom.clear()
        if self.search is not None:
            # Before any update of a new record: the update trigger expects it indexed.
            self.search.catch_up()


def _dbapi(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under `conn`, for the hot queries of the import loop."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


class _Stages:
    """Pipeline stages by folded name; deals without a stage go to the default pipeline's
    first stage."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            text(
                "SELECT s.id, s.pipeline_id, s.name, s.probability, s.kind, p.is_default "
                "FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id "
                "WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL "
                "ORDER BY p.is_default DESC, p.created_at, s.position"
            )
        ).all()
        self.by_name: dict[str, tuple[str, str, int, str]] = {}
        self.names: list[str] = []
        self.default: tuple[str, str, int, str] | None = None
        for id_, pipeline, name, probability, kind, _ in rows:
            stage = (pipeline, id_, probability, kind)
            self.by_name.setdefault(fold(name), stage)
            self.names.append(name)
            if self.default is None:
                self.default = stage

    def find(self, name: str | None) -> tuple[str, str, int, str] | None:
        if not name:
            return self.default
        return self.by_name.get(fold(name).strip())


def iter_report_lines(report: ImportReport, limit: int = 20) -> Iterator[str]:
    """The report in lines for a terminal: the summary, then the first issues."""
    yield report.summary()
    for issue in report.issues[:limit]:
        yield "  " + issue.message(report.file)
    if report.issues_total > limit:
        yield f"  ... and {report.issues_total - limit:,} more problems."
