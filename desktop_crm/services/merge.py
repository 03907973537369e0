"""Merging duplicate contacts, accounts or leads into one survivor, as one undoable operation.

`merge` picks each field's value (the survivor's unless empty, else the most recently
updated other record's, or what the user chose), moves every related record to the
survivor, soft-deletes the others and remembers where they went. All of it is written under
one journal operation of kind "merge", so `services.undo.undo(session, report.operation_id)`
is the unmerge: every record and link back exactly as it was.

Where merged ids point (redirects): the schema has no `merged_into` column, so redirects are
kept as JSON in `app_settings` (one key per object type), each with the id of the merge
operation. `app_settings` is not journaled, so an undone merge leaves its entry behind; the
entry is ignored while its operation is undone and counts again after a redo. A journaled
`merged_into_id` column on contacts, accounts and leads would replicate and undo with the
rest; that schema change is the lead's decision.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import bindparam, text
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from desktop_crm.models import OBJECT_MODELS, Base
from desktop_crm.models.base import format_timestamp, utc_now
from desktop_crm.models.journal import operation, table_columns

TABLES = {"contact": "contacts", "account": "accounts", "lead": "leads"}
#: Most records one merge takes (survivor included): a review screen cannot show more, and
#: a bigger "group" is almost always a chain of loose matches, not one person or company.
MAX_MERGE = 500
#: Never chosen: they describe the row, not the person or company.
SYSTEM_COLUMNS = frozenset({"id", "created_at", "updated_at", "deleted_at"})

#: Columns taken together from one record, so an address or a phone is never half from one
#: record and half from another: name -> (columns, columns that say whether it is filled).
FIELD_GROUPS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "contact": {
        "email": (("email", "email_normalized"), ("email", "email_normalized")),
        "phone": (("phone_raw", "phone_e164"), ("phone_raw", "phone_e164")),
        "mobile": (("mobile_raw", "mobile_e164"), ("mobile_raw", "mobile_e164")),
        "address": (
            ("street", "postal_code", "city", "country"),
            ("street", "postal_code", "city", "country"),
        ),
        "consent": (("consent_status", "consent_source", "consent_date"), ("consent_status",)),
    },
    "lead": {
        "email": (("email", "email_normalized"), ("email", "email_normalized")),
        "phone": (("phone_raw", "phone_e164"), ("phone_raw", "phone_e164")),
        "location": (("city", "country"), ("city", "country")),
        "consent": (("consent_status", "consent_source", "consent_date"), ("consent_status",)),
        "conversion": (
            (
                "converted_at",
                "converted_contact_id",
                "converted_account_id",
                "converted_opportunity_id",
            ),
            ("converted_at",),
        ),
    },
    "account": {
        "phone": (("phone_raw", "phone_e164"), ("phone_raw", "phone_e164")),
        "web": (("website", "domain"), ("website", "domain")),
        "address": (
            ("street", "postal_code", "city", "region", "country"),
            ("street", "postal_code", "city", "region", "country"),
        ),
        "revenue": (("annual_revenue_minor", "currency"), ("annual_revenue_minor",)),
    },
}
#: Values that mean "not filled in" for a column beyond NULL and blank text.
EMPTY_VALUES = {"consent_status": frozenset({"unknown"})}

#: Link tables merged with care instead of a plain re-pointing of their foreign key.
_SPECIAL_LINKS = frozenset({"campaign_members"})


class MergeError(ValueError):
    """The merge was refused; nothing was written. The message says why."""


@dataclass(frozen=True)
class MergeReport:
    operation_id: str
    object_type: str
    survivor_id: str
    merged_ids: tuple[str, ...]
    #: Fields (or field groups such as "address") now holding another record's value:
    #: field -> the record it came from.
    taken: dict[str, str] = field(default_factory=dict)
    #: Fields where the records held different non-empty values (one was kept).
    conflicts: tuple[str, ...] = ()
    #: "table.column" -> related records re-pointed at the survivor.
    moved: dict[str, int] = field(default_factory=dict)
    #: Links dropped (soft-deleted) because the survivor already had the same one:
    #: "campaign_members" / "taggings" -> count.
    dropped: dict[str, int] = field(default_factory=dict)
    #: "custom_field_values" -> values the survivor lacked and got from the others.
    filled: dict[str, int] = field(default_factory=dict)


def merge(
    session: Session,
    object_type: str,
    survivor_id: str,
    other_ids: Sequence[str],
    field_choices: Mapping[str, str] | None = None,
) -> MergeReport:
    """Merge `other_ids` into `survivor_id` inside the session's transaction, as one journal
    operation of kind "merge"; the caller commits. Raises MergeError, having written
    nothing, for: an unknown object type, no other record, a record merged with itself, more
    than MAX_MERGE records, an id that does not exist or is of another type, a record already
    deleted, a `field_choices` entry naming an unknown field or a record outside the merge.

    `field_choices` maps a field (a column, or a group name of FIELD_GROUPS) to the id of the
    record whose value to keep; other fields keep the survivor's value unless it is empty,
    then take the most recently updated non-empty value among the others.
    """
    table = TABLES.get(object_type)
    if table is None:
        raise MergeError(
            f"Only contacts, accounts and leads can be merged, not {object_type!r} records."
        )
    others = list(other_ids)
    _check_ids(object_type, survivor_id, others)
    conn = session.connection()
    columns = table_columns(conn, table)
    rows = _rows(session, table, [survivor_id, *others])
    _check_rows(session, object_type, rows, [survivor_id, *others])
    survivor = rows[survivor_id]
    groups = _groups(object_type, columns)
    choices = _check_choices(groups, field_choices or {}, [survivor_id, *others], object_type)

    # The others, most recently updated first: where an empty survivor field is filled from.
    ranked = _by_recency(others, {i: rows[i]["updated_at"] for i in others})
    values: dict[str, Any] = {}
    taken: dict[str, str] = {}
    conflicts: list[str] = []
    for name, (group_columns, presence) in groups.items():
        filled_ids = [i for i in [survivor_id, *ranked] if _filled(rows[i], presence)]
        distinct = {tuple(rows[i][c] for c in group_columns) for i in filled_ids}
        if len(distinct) > 1:
            conflicts.append(name)
        source = choices.get(name)
        if source is None:
            source = filled_ids[0] if filled_ids else survivor_id
        if source != survivor_id:
            taken[name] = source
        for column in group_columns:
            values[column] = rows[source][column]
    all_ids = [survivor_id, *others]
    if object_type == "account" and values.get("parent_account_id") in all_ids:
        values["parent_account_id"] = None  # an account cannot be its own parent
    changes = {c: v for c, v in values.items() if not _same(v, survivor[c])}

    now = format_timestamp(utc_now())
    label = f"Merge {len(all_ids)} {object_type}s into {_label(object_type, survivor)}"
    moved: dict[str, int] = {}
    dropped: dict[str, int] = {}
    filled: dict[str, int] = {}
    with operation(session, label[:300], "merge") as operation_id:
        assignments = ", ".join(f'"{c}" = :v{n}' for n, c in enumerate(changes))
        params = {f"v{n}": v for n, v in enumerate(changes.values())}
        session.execute(
            text(
                f'UPDATE "{table}" SET {assignments + ", " if changes else ""}'
                "updated_at = :now WHERE id = :id"
            ),
            {**params, "now": now, "id": survivor_id},
        )
        for link_table, column in _links_to(table):
            count = _repoint(session, link_table, column, survivor_id, others, now, table)
            if count:
                moved[f"{link_table}.{column}"] = count
        if object_type in ("contact", "lead"):
            _merge_unique_links(
                session,
                "campaign_members",
                f"{object_type}_id",
                "campaign_id",
                survivor_id,
                all_ids,
                now,
                moved,
                dropped,
            )
        _merge_unique_links(
            session,
            "taggings",
            "record_id",
            "tag_id",
            survivor_id,
            all_ids,
            now,
            moved,
            dropped,
            extra_where="record_type = :record_type",
            extra_params={"record_type": object_type},
        )
        filled_values = _merge_custom_values(session, survivor_id, all_ids, now, moved)
        if filled_values:
            filled["custom_field_values"] = filled_values
        session.execute(
            _in(f'UPDATE "{table}" SET deleted_at = :now, updated_at = :now WHERE id IN :ids'),
            {"now": now, "ids": others},
        )
        _store_redirects(session, object_type, others, survivor_id, operation_id)
    # The writes above bypass the ORM: objects the session holds may be stale.
    session.expire_all()
    return MergeReport(
        operation_id=operation_id,
        object_type=object_type,
        survivor_id=survivor_id,
        merged_ids=tuple(others),
        taken=taken,
        conflicts=tuple(conflicts),
        moved=moved,
        dropped=dropped,
        filled=filled,
    )


def _by_recency(ids: Sequence[str], updated: Mapping[str, Any]) -> list[str]:
    """Most recently updated first (ties by id): the order empty fields are filled from."""
    return sorted(ids, key=lambda i: (str(updated[i] or ""), i), reverse=True)


# --- checks ----------------------------------------------------------------------------------


def _check_ids(object_type: str, survivor_id: str, others: list[str]) -> None:
    if not others:
        raise MergeError(f"Choose at least one other {object_type} to merge into this one.")
    if survivor_id in others:
        raise MergeError(f"A {object_type} cannot be merged with itself ({survivor_id}).")
    repeated = sorted(i for i, n in Counter(others).items() if n > 1)
    if repeated:
        raise MergeError(
            f"{object_type.capitalize()} {repeated[0]} is listed twice: a record cannot be "
            "merged with itself."
        )
    if len(others) + 1 > MAX_MERGE:
        raise MergeError(
            f"At most {MAX_MERGE} {object_type}s can be merged at once; this merge has "
            f"{len(others) + 1}. Split the group, or check that it is not a chain of loose "
            "matches."
        )


def _check_rows(
    session: Session, object_type: str, rows: dict[str, dict[str, Any]], ids: list[str]
) -> None:
    missing = [i for i in ids if i not in rows]
    if missing:
        other_type = _type_of(session, missing[0])
        if other_type is not None:
            raise MergeError(
                f"Record {missing[0]} is {_article(other_type)} {other_type}, not "
                f"{_article(object_type)} {object_type}: only records of one type can be merged."
            )
        raise MergeError(f"There is no {object_type} {missing[0]}; it may have been purged.")
    for record_id in ids:
        if rows[record_id]["deleted_at"] is not None:
            raise MergeError(
                f"{object_type.capitalize()} “{_label(object_type, rows[record_id])}” "
                f"({record_id}) is deleted; restore it first or leave it out of the merge."
            )


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _type_of(session: Session, record_id: str) -> str | None:
    for object_type, model in OBJECT_MODELS.items():
        found = session.execute(
            text(f'SELECT 1 FROM "{model.__tablename__}" WHERE id = :id'),  # type: ignore[attr-defined]
            {"id": record_id},
        ).first()
        if found is not None:
            return object_type
    return None


def _check_choices(
    groups: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    choices: Mapping[str, str],
    ids: list[str],
    object_type: str,
) -> dict[str, str]:
    group_of = {c: name for name, (columns, _) in groups.items() for c in columns}
    checked: dict[str, str] = {}
    for name, record_id in choices.items():
        group = name if name in groups else group_of.get(name)
        if group is None:
            raise MergeError(f"{object_type.capitalize()}s have no field {name!r} to choose.")
        if record_id not in ids:
            raise MergeError(
                f"The value of {name!r} must come from one of the merged records, not {record_id}."
            )
        previous = checked.get(group)
        if previous is not None and previous != record_id:
            raise MergeError(
                f"{name!r} belongs with the other {group!r} fields: choose one record for all."
            )
        checked[group] = record_id
    return checked


# --- reading ---------------------------------------------------------------------------------


def _in(sql: str) -> TextClause:
    """A statement whose `:ids` takes a list."""
    return text(sql).bindparams(bindparam("ids", expanding=True))


def _rows(session: Session, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Raw stored values (no type conversion), so what is copied is written back as it was."""
    result = session.execute(_in(f'SELECT * FROM "{table}" WHERE id IN :ids'), {"ids": ids})
    return {row["id"]: dict(row) for row in result.mappings()}


def _groups(
    object_type: str, columns: Sequence[str]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every choosable field of the table: the declared groups, then one per other column."""
    present = set(columns)
    groups = {
        name: spec for name, spec in FIELD_GROUPS[object_type].items() if set(spec[0]) <= present
    }
    grouped = {c for columns_, _ in groups.values() for c in columns_}
    for column in columns:
        if column not in SYSTEM_COLUMNS and column not in grouped:
            groups[column] = ((column,), (column,))
    return groups


def _empty(column: str, value: Any) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return value in EMPTY_VALUES.get(column, ())


def _filled(row: Mapping[str, Any], presence: Sequence[str]) -> bool:
    return any(not _empty(c, row[c]) for c in presence)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _label(object_type: str, row: Mapping[str, Any]) -> str:
    if object_type == "account":
        return str(row.get("name") or row["id"])
    name = " ".join(str(row[c]) for c in ("first_name", "last_name") if row.get(c))
    return name or str(row["id"])


# --- related records -------------------------------------------------------------------------


def _links_to(table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key pointing at `table`, from the models."""
    links: list[tuple[str, str]] = []
    for other in Base.metadata.sorted_tables:
        if other.name in _SPECIAL_LINKS:
            continue
        for column in other.columns:
            if any(fk.column.table.name == table for fk in column.foreign_keys):
                links.append((other.name, column.name))
    return sorted(links)


def _repoint(
    session: Session,
    link_table: str,
    column: str,
    survivor_id: str,
    others: list[str],
    now: str,
    merged_table: str,
) -> int:
    """Point every row (live or in the trash) that referenced a merged record at the
    survivor. In the merged table itself (an account's parent) the merged rows are left
    alone: they are about to be deleted, and the survivor's own parent is a field choice."""
    sql = (
        f'UPDATE "{link_table}" SET "{column}" = :survivor, updated_at = :now '
        f'WHERE "{column}" IN :ids'
    )
    if link_table == merged_table:
        sql += " AND id NOT IN :ids AND id != :survivor"
    result = session.execute(_in(sql), {"survivor": survivor_id, "now": now, "ids": others})
    return int(cast(CursorResult[Any], result).rowcount)


def _merge_unique_links(
    session: Session,
    link_table: str,
    column: str,
    unique_by: str,
    survivor_id: str,
    all_ids: list[str],
    now: str,
    moved: dict[str, int],
    dropped: dict[str, int],
    extra_where: str = "",
    extra_params: Mapping[str, Any] | None = None,
) -> None:
    """Move live links (campaign memberships, tags) of the merged records to the survivor;
    one that would repeat a link the survivor has (same campaign, same tag) is soft-deleted
    instead. Links already in the trash stay with their merged record."""
    where = f'"{column}" IN :ids AND deleted_at IS NULL'
    if extra_where:
        where += f" AND {extra_where}"
    rows = session.execute(
        _in(
            f'SELECT id, "{column}", "{unique_by}" FROM "{link_table}" WHERE {where} '
            f'ORDER BY "{column}" = :survivor DESC, updated_at DESC, id'
        ),
        {"ids": all_ids, "survivor": survivor_id, **(extra_params or {})},
    ).all()
    seen: set[Any] = set()
    move: list[str] = []
    drop: list[str] = []
    for link_id, owner, key in rows:
        if owner == survivor_id:
            seen.add(key)
        elif key in seen:
            drop.append(link_id)
        else:
            seen.add(key)
            move.append(link_id)
    for chunk in _chunks(move):
        session.execute(
            _in(f'UPDATE "{link_table}" SET "{column}" = :s, updated_at = :now WHERE id IN :ids'),
            {"s": survivor_id, "now": now, "ids": chunk},
        )
    for chunk in _chunks(drop):
        session.execute(
            _in(f'UPDATE "{link_table}" SET deleted_at = :now, updated_at = :now WHERE id IN :ids'),
            {"now": now, "ids": chunk},
        )
    if move:
        moved[f"{link_table}.{column}"] = moved.get(f"{link_table}.{column}", 0) + len(move)
    if drop:
        dropped[link_table] = dropped.get(link_table, 0) + len(drop)


_VALUE_COLUMNS = ("value_text", "value_number", "value_date", "value_bool")


def _merge_custom_values(
    session: Session, survivor_id: str, all_ids: list[str], now: str, moved: dict[str, int]
) -> int:
    """Keep the survivor's custom field values; for a field it lacks, take the most recently
    updated non-empty live value of the others: moved over when the survivor has no row for
    that field, copied into its empty or trashed row otherwise (one row per record and
    field is enforced by a unique index). Returns how many fields were filled."""
    rows = session.execute(
        _in(
            "SELECT id, definition_id, record_id, deleted_at, updated_at, "
            + ", ".join(_VALUE_COLUMNS)
            + " FROM custom_field_values WHERE record_id IN :ids ORDER BY updated_at DESC, id"
        ),
        {"ids": all_ids},
    ).mappings()
    own: dict[str, Any] = {}
    offered: dict[str, Any] = {}
    for row in rows:
        if row["record_id"] == survivor_id:
            own[row["definition_id"]] = row
        elif (
            row["deleted_at"] is None
            and any(row[c] is not None for c in _VALUE_COLUMNS)
            and row["definition_id"] not in offered
        ):
            offered[row["definition_id"]] = row
    filled = 0
    moved_rows = 0
    for definition_id, source in offered.items():
        target = own.get(definition_id)
        if target is None:
            session.execute(
                text(
                    "UPDATE custom_field_values SET record_id = :s, updated_at = :now "
                    "WHERE id = :id"
                ),
                {"s": survivor_id, "now": now, "id": source["id"]},
            )
            moved_rows += 1
        elif target["deleted_at"] is not None or all(target[c] is None for c in _VALUE_COLUMNS):
            session.execute(
                text(
                    "UPDATE custom_field_values SET "
                    + ", ".join(f"{c} = :{c}" for c in _VALUE_COLUMNS)
                    + ", deleted_at = NULL, updated_at = :now WHERE id = :id"
                ),
                {**{c: source[c] for c in _VALUE_COLUMNS}, "now": now, "id": target["id"]},
            )
        else:
            continue
        filled += 1
    if moved_rows:
        moved["custom_field_values.record_id"] = moved_rows
    return filled


# --- preview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRecord:
    id: str
    label: str
    #: Stored UTC text, as merge compares it.
    updated_at: str
    #: The owner's name, "" when nobody owns it.
    owner: str
    #: Fields filled in: the most complete record is the suggested survivor.
    filled: int


@dataclass(frozen=True)
class PreviewField:
    """One choosable field (a column, or a group of FIELD_GROUPS) across the records."""

    name: str  #: the key `merge(field_choices=...)` takes
    label: str  #: English; the view translates it
    values: tuple[str, ...]  #: display text per record ("" when empty)
    filled: tuple[bool, ...]
    #: Records hold different non-empty values: the user may want to choose.
    conflict: bool


@dataclass(frozen=True)
class MergePreview:
    """What a merge of these records would do, for the review screen and merge dialog."""

    object_type: str
    records: tuple[PreviewRecord, ...]
    fields: tuple[PreviewField, ...]
    #: (label, count per record) of the related records that would move to the survivor.
    related: tuple[tuple[str, tuple[int, ...]], ...]
    #: Requested ids that are deleted or gone since the scan (left out of `records`).
    missing: tuple[str, ...]

    def default_sources(self, survivor: int) -> dict[str, int]:
        """Field -> index of the record whose value `merge` keeps when nothing is chosen:
        the survivor's, unless empty, else the most recently updated filled other's."""
        updated = {r.id: r.updated_at for r in self.records}
        others = [r.id for n, r in enumerate(self.records) if n != survivor]
        order = [survivor] + [
            [r.id for r in self.records].index(i) for i in _by_recency(others, updated)
        ]
        sources: dict[str, int] = {}
        for f in self.fields:
            sources[f.name] = next((n for n in order if f.filled[n]), survivor)
        return sources

    @property
    def owners_differ(self) -> bool:
        return len({r.owner for r in self.records if r.owner}) > 1

    def moving(self, survivor: int) -> list[tuple[str, int]]:
        """(label, count) of the related records the others hold, which would move."""
        moved = [
            (label, sum(c for n, c in enumerate(counts) if n != survivor))
            for label, counts in self.related
        ]
        return [(label, count) for label, count in moved if count]


#: Columns not shown in the preview: their group shows the typed form.
_HIDDEN_IN_PREVIEW = frozenset({"email_normalized", "phone_e164", "mobile_e164", "domain"})
_FIELD_LABELS = {
    "email": "E-mail",
    "phone": "Phone",
    "mobile": "Mobile",
    "address": "Address",
    "location": "Location",
    "consent": "Consent",
    "conversion": "Conversion",
    "web": "Website",
    "revenue": "Annual revenue",
    "owner_id": "Owner",
    "siren": "SIREN",
}


def _field_label(name: str) -> str:
    if name in _FIELD_LABELS:
        return _FIELD_LABELS[name]
    words = name.removesuffix("_id").removesuffix("_minor").replace("_", " ")
    return words[:1].upper() + words[1:]


def _display_names(
    session: Session, table: str, rows: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, Any], str]:
    """(column, id) -> the linked record's name, for every foreign key of `table`."""
    names: dict[tuple[str, Any], str] = {}
    for column in Base.metadata.tables[table].columns:
        for fk in column.foreign_keys:
            target = fk.column.table
            ids = sorted({r[column.name] for r in rows if r[column.name] is not None})
            if not ids:
                continue
            if "name" in target.c:
                expression = '"name"'
            elif "last_name" in target.c:
                expression = "trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))"
            elif "subject" in target.c:
                expression = '"subject"'
            else:
                continue
            found = session.execute(
                _in(f'SELECT id, {expression} FROM "{target.name}" WHERE id IN :ids'),
                {"ids": ids},
            ).all()
            for target_id, label in found:
                names[(column.name, target_id)] = str(label or target_id)
    return names


def _show(value: Any) -> str:
    return "" if value is None else str(value).strip()


def preview_merge(session: Session, object_type: str, record_ids: Sequence[str]) -> MergePreview:
    """The records side by side, field by field, with their related records per kind.
    Ids deleted or gone since they were found are listed in `missing`, not raised: a scan
    may be older than the data. Reads only."""
    table = TABLES.get(object_type)
    if table is None:
        raise MergeError(
            f"Only contacts, accounts and leads can be merged, not {object_type!r} records."
        )
    ids = list(dict.fromkeys(record_ids))
    rows = _rows(session, table, ids) if ids else {}
    live = [i for i in ids if i in rows and rows[i]["deleted_at"] is None]
    missing = tuple(i for i in ids if i not in live)
    columns = table_columns(session.connection(), table)
    groups = _groups(object_type, columns)
    records = [rows[i] for i in live]
    names = _display_names(session, table, records)
    fields: list[PreviewField] = []
    for name, (group_columns, presence) in groups.items():
        shown = [c for c in group_columns if c not in _HIDDEN_IN_PREVIEW] or list(group_columns)
        values = []
        for row in records:
            parts = [names.get((c, row[c]), _show(row[c])) for c in shown]
            if "annual_revenue_minor" in shown and isinstance(row["annual_revenue_minor"], int):
                parts = [f"{row['annual_revenue_minor'] / 100:.2f} {row.get('currency') or ''}"]
            values.append(", ".join(p for p in parts if p))
        filled = tuple(_filled(row, presence) for row in records)
        distinct = {
            tuple(row[c] for c in group_columns)
            for row, f in zip(records, filled, strict=True)
            if f
        }
        fields.append(
            PreviewField(name, _field_label(name), tuple(values), filled, len(distinct) > 1)
        )
    owners = [names.get(("owner_id", row["owner_id"]), _show(row["owner_id"])) for row in records]
    preview_records = tuple(
        PreviewRecord(
            id=row["id"],
            label=_label(object_type, row),
            updated_at=str(row["updated_at"] or ""),
            owner=owner,
            filled=sum(f.filled[n] for f in fields),
        )
        for n, (row, owner) in enumerate(zip(records, owners, strict=True))
    )
    return MergePreview(
        object_type=object_type,
        records=preview_records,
        fields=tuple(fields),
        related=tuple(_related_counts(session, object_type, table, live)),
        missing=missing,
    )


def related_specs(object_type: str, table: str) -> list[tuple[str, str, str, str]]:
    """(English label, linking table, column, extra SQL) of each kind of related record a
    merge moves; the labels are what the merge dialog shows (and translates)."""
    links = _links_to(table)
    per_table = Counter(t for t, _ in links)
    specs: list[tuple[str, str, str, str]] = []
    for link_table, column in links:
        label = link_table.replace("_", " ")
        if column != f"{object_type}_id" and (per_table[link_table] > 1 or column != "record_id"):
            label += f" ({_field_label(column).lower()})"
        specs.append((label, link_table, column, ""))
    if object_type in ("contact", "lead"):
        specs.append(("campaign memberships", "campaign_members", f"{object_type}_id", ""))
    specs.append(("tags", "taggings", "record_id", " AND record_type = :record_type"))
    specs.append(("custom field values", "custom_field_values", "record_id", ""))
    return specs


def field_label(name: str) -> str:
    """The English label of a merged column, as the merge dialog shows it."""
    return _field_label(name)


def _related_counts(
    session: Session, object_type: str, table: str, ids: list[str]
) -> list[tuple[str, tuple[int, ...]]]:
    if not ids:
        return []
    found: list[tuple[str, tuple[int, ...]]] = []
    for label, link_table, column, extra in related_specs(object_type, table):
        counts: dict[str, int] = dict(
            session.execute(
                _in(
                    f'SELECT "{column}", count(*) FROM "{link_table}" WHERE "{column}" IN :ids '
                    f"AND deleted_at IS NULL{extra} GROUP BY 1"
                ),
                {"ids": ids, "record_type": object_type},
            ).all()
        )
        found.append((label, tuple(int(counts.get(i, 0)) for i in ids)))
    return found


# --- redirects -------------------------------------------------------------------------------


def _redirect_key(object_type: str) -> str:
    return f"merge.redirects.{object_type}"


def _redirects(session: Session, object_type: str) -> dict[str, list[str]]:
    raw = session.execute(
        text("SELECT value FROM app_settings WHERE key = :k"), {"k": _redirect_key(object_type)}
    ).scalar()
    if not raw:
        return {}
    try:
        stored = json.loads(raw)
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def _store_redirects(
    session: Session, object_type: str, merged: list[str], survivor_id: str, operation_id: str
) -> None:
    redirects = _redirects(session, object_type)
    for record_id in merged:
        redirects[record_id] = [survivor_id, operation_id]
    session.execute(
        text(
            "INSERT INTO app_settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": _redirect_key(object_type), "v": json.dumps(redirects, separators=(",", ":"))},
    )


def merged_into(session: Session, object_type: str, record_id: str) -> str | None:
    """The record `record_id` was merged into, or None (never merged, or the merge was
    undone)."""
    if object_type not in TABLES:
        raise MergeError(f"Only contacts, accounts and leads are merged, not {object_type!r}.")
    entry = _redirects(session, object_type).get(record_id)
    if not entry or len(entry) != 2:
        return None
    target, operation_id = entry
    undone = session.execute(
        text("SELECT undone_by FROM journal_operations WHERE id = :id"), {"id": operation_id}
    ).first()
    if undone is None or undone[0] is not None:
        return None
    return str(target)


def resolve_merged(session: Session, object_type: str, record_id: str) -> str:
    """Where a (possibly merged) id lives now, following merges of merges: for links kept
    outside the database (a bookmark, an e-mail thread) that still name a merged record."""
    seen = {record_id}
    current = record_id
    while (target := merged_into(session, object_type, current)) is not None:
        if target in seen:
            break
        seen.add(target)
        current = target
    return current


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
