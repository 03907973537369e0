"""One record at a time: read it with its related lists and timeline, create, update,
delete to the trash, restore, purge, and bulk-edit one field of many.

Every write is one journal operation (one undo step) inside the caller's transaction, and
validates everything before writing anything: bad input comes back as data (field →
message), the database untouched.

Related records on delete. Deleting moves a record to the trash together with the records
that only make sense under it (CASCADE): an account takes its contacts, opportunities,
cases and activities; a contact or lead its activities and campaign memberships; an
opportunity or case its activities; a campaign its memberships. They all get the same
`deleted_at`, so restoring the record from the trash brings back exactly the ones that
went with it (not those deleted on another occasion), and undoing the delete restores all.
Other links are left as they are (an opportunity keeps its primary contact, a subsidiary
its parent account): they point at a record in the trash until it is restored or purged.
Purging deletes for good the record and what went to the trash with it, and clears the
links that other records keep to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from desktop_crm.models import (
    OBJECT_MODELS,
    Base,
    CustomFieldValue,
    PipelineStage,
)
from desktop_crm.models.base import utc_now
from desktop_crm.models.ids import new_id
from desktop_crm.models.journal import operation
from desktop_crm.services.history import history
from desktop_crm.services.record_fields import (
    FieldKind,
    FieldSpec,
    InputFormat,
    missing_required,
    record_fields,
    validate,
)
from desktop_crm.services.record_lists import COLUMNS, ListColumn, fetch_rows

#: Table of each object type, with the link records that cascade (campaign members).
TABLES: dict[str, str] = {
    **{name: model.__tablename__ for name, model in OBJECT_MODELS.items()},  # type: ignore[attr-defined]
    "campaign_member": "campaign_members",
}

#: (dependent object type, its column pointing at the record): trashed with the record.
CASCADE: dict[str, tuple[tuple[str, str], ...]] = {
    "account": (
        ("contact", "account_id"),
        ("opportunity", "account_id"),
        ("case", "account_id"),
        ("activity", "account_id"),
    ),
    "contact": (("activity", "contact_id"), ("campaign_member", "contact_id")),
    "lead": (("activity", "lead_id"), ("campaign_member", "lead_id")),
    "opportunity": (("activity", "opportunity_id"),),
    "case": (("activity", "case_id"),),
    "campaign": (("campaign_member", "campaign_id"),),
    "activity": (),
    "campaign_member": (),
}

#: Delete order for a purge: records pointing at others go first.
PURGE_ORDER = (
    "activity",
    "campaign_member",
    "case",
    "opportunity",
    "lead",
    "contact",
    "account",
    "campaign",
)

NOUNS: dict[str, tuple[str, str]] = {
    "account": ("account", "accounts"),
    "contact": ("contact", "contacts"),
    "lead": ("lead", "leads"),
    "opportunity": ("opportunity", "opportunities"),
    "activity": ("activity", "activities"),
    "campaign": ("campaign", "campaigns"),
    "case": ("case", "cases"),
    "campaign_member": ("campaign membership", "campaign memberships"),
}

#: The related lists of each object: (object type, its column naming the record, title).
RELATED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "account": (
        ("contact", "account_id", "Contacts"),
        ("opportunity", "account_id", "Opportunities"),
        ("case", "account_id", "Cases"),
        ("activity", "account_id", "Activities"),
        ("account", "parent_account_id", "Subsidiaries"),
    ),
    "contact": (
        ("opportunity", "primary_contact_id", "Opportunities"),
        ("case", "contact_id", "Cases"),
        ("activity", "contact_id", "Activities"),
    ),
    "lead": (("activity", "lead_id", "Activities"),),
    "opportunity": (("activity", "opportunity_id", "Activities"),),
    "case": (("activity", "case_id", "Activities"),),
    "campaign": (
        ("lead", "campaign_id", "Leads"),
        ("opportunity", "campaign_id", "Opportunities"),
        ("activity", "campaign_id", "Activities"),
    ),
    "activity": (),
}
#: Columns (record_lists keys) a related list shows, and its order (key, descending).
RELATED_COLUMNS: dict[str, tuple[str, ...]] = {
    "account": ("name", "city", "phone_raw"),
    "contact": ("last_name", "first_name", "job_title", "email", "phone_raw"),
    "lead": ("last_name", "first_name", "company", "status"),
    "opportunity": ("name", "stage_id.name", "amount_minor", "expected_close_date", "status"),
    "case": ("subject", "status", "priority", "opened_at"),
    "activity": ("due_at", "activity_type", "subject", "done_at"),
    "campaign": ("name", "status", "start_date"),
}
RELATED_ORDER: dict[str, tuple[str, bool]] = {
    "account": ("name", False),
    "contact": ("last_name", False),
    "lead": ("last_name", False),
    "opportunity": ("expected_close_date", True),
    "case": ("opened_at", True),
    "activity": ("due_at", True),
    "campaign": ("start_date", True),
}
#: Rows a related list or the timeline reads at most; the total is still counted.
RELATED_LIMIT = 200

#: The link column of an activity for each object it can concern.
ACTIVITY_LINKS = {
    "account": "account_id",
    "contact": "contact_id",
    "lead": "lead_id",
    "opportunity": "opportunity_id",
    "case": "case_id",
    "campaign": "campaign_id",
}

_VALUE_COLUMN = {
    FieldKind.TEXT: "value_text",
    FieldKind.CHOICE: "value_text",
    FieldKind.NUMBER: "value_number",
    FieldKind.DATE: "value_date",
    FieldKind.BOOL: "value_bool",
}
_VALUE_COLUMNS = ("value_text", "value_number", "value_date", "value_bool")


class RecordError(ValueError):
    """A request refused as a whole (an unknown record, a purge of a live record); nothing
    was written. The message says why."""


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveResult:
    """A create, update or bulk edit: written (operation id) or refused (errors)."""

    record_id: str | None = None
    operation_id: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    label: str = ""
    #: Records changed (bulk edit).
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ChangeReport:
    """A delete, restore or purge: the operation and the records it touched per type."""

    operation_id: str | None
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RecordData:
    object_type: str
    record_id: str
    label: str
    #: Stored values by field key (custom fields as "cf:<id>").
    values: dict[str, Any]
    #: The name of each related record a RELATION field points at.
    relation_labels: dict[str, str]
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class RelatedList:
    object_type: str
    title: str
    #: The foreign key column naming the record (to prefill a new related record).
    link_column: str
    columns: tuple[ListColumn, ...]
    #: (record id, values in column order, currency of each money column appended).
    rows: tuple[tuple[str, tuple[Any, ...]], ...]
    total: int


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    #: "activity" (with `record_id`) or "change" (a journal operation's field changes)
    kind: str
    title: str
    detail: str
    actor: str | None = None
    record_id: str | None = None
    activity_type: str | None = None
    done: bool = False


# --- small helpers ---------------------------------------------------------------------------


def table_of(object_type: str) -> Table:
    try:
        name = TABLES[object_type]
    except KeyError:
        raise RecordError(f"There are no {object_type!r} records.") from None
    return Base.metadata.tables[name]


def noun(object_type: str, count: int) -> str:
    one, many = NOUNS.get(object_type, (object_type, object_type + "s"))
    return f"{count:,} {one if count == 1 else many}"


def label_expression(object_type: str, table: Table) -> ColumnElement[Any]:
    """The name a record is shown by: a person's full name, else its name or subject."""
    c = table.c
    if "last_name" in c:
        return func.trim(func.coalesce(c.first_name, "") + " " + func.coalesce(c.last_name, ""))
    if "name" in c:
        return cast(ColumnElement[Any], c.name)
    if "subject" in c:
        return cast(ColumnElement[Any], c.subject)
    return cast(ColumnElement[Any], c.id)


_TARGET_TABLES = {"user": "users", "pipeline_stage": "pipeline_stages", **TABLES}


def _target_table(target: str) -> Table:
    return Base.metadata.tables[_TARGET_TABLES[target]]


def record_label(session: Session, object_type: str, record_id: str) -> str | None:
    table = table_of(object_type)
    found = session.execute(
        select(label_expression(object_type, table)).where(table.c.id == record_id)
    ).scalar()
    return None if found is None else str(found) or record_id


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _stored_equal(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a.astimezone(UTC) == b.astimezone(UTC)
    return (bool(a == b) and type(a) is type(b)) or (a is None and b is None)


# --- lookups for the form --------------------------------------------------------------------


def lookup(session: Session, target: str, typed: str, limit: int = 20) -> list[tuple[str, str]]:
    """Live records of `target` whose name starts with (or, failing that, contains) what
    is typed, as (id, label), for a relation field's completer. Prefix first: it walks the
    list index; the contains pass only runs when the prefix finds too few."""
    table = _target_table(target)
    label = _relation_label(target, table)
    name_column: ColumnElement[Any] = table.c.last_name if "last_name" in table.c else label
    pattern = typed.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found: dict[str, str] = {}
    prefix = name_column.like(pattern + "%", escape="\\")
    for where in (prefix, label.like("%" + pattern + "%", escape="\\")):
        stmt = select(table.c.id, label).where(where).order_by(label).limit(limit)
        if "deleted_at" in table.c:
            stmt = stmt.where(table.c.deleted_at.is_(None))
        for id_, text_ in session.execute(stmt):
            found.setdefault(id_, text_)
        if len(found) >= limit or not pattern:
            break
    return list(found.items())[:limit]


def _relation_label(target: str, table: Table) -> ColumnElement[Any]:
    if target == "pipeline_stage":
        pipelines = Base.metadata.tables["pipelines"]
        return (
            select(pipelines.c.name + " › " + table.c.name)
            .where(pipelines.c.id == table.c.pipeline_id)
            .scalar_subquery()
        )
    return label_expression(target, table)


def options(session: Session, target: str) -> list[tuple[str, str]]:
    """All choices of a relation to a small table (owners, pipeline stages), in order."""
    if target == "user":
        users = Base.metadata.tables["users"]
        people = session.execute(
            select(users.c.id, users.c.name)
            .where(users.c.deleted_at.is_(None), users.c.active.is_not(False))
            .order_by(users.c.name)
        ).all()
        return [(str(id_), str(name)) for id_, name in people]
    if target == "pipeline_stage":
        stages = Base.metadata.tables["pipeline_stages"]
        pipelines = Base.metadata.tables["pipelines"]
        rows = session.execute(
            select(stages.c.id, pipelines.c.name, stages.c.name)
            .join(pipelines, pipelines.c.id == stages.c.pipeline_id)
            .where(stages.c.deleted_at.is_(None), pipelines.c.deleted_at.is_(None))
            .order_by(pipelines.c.is_default.desc(), pipelines.c.name, stages.c.position)
        ).all()
        several = len({row[1] for row in rows}) > 1
        return [(row[0], f"{row[1]} › {row[2]}" if several else row[2]) for row in rows]
    raise RecordError(f"{target!r} records are chosen by name, not from a list.")


#: Relations chosen from a full list (small tables) rather than by typing a name.
LISTED_TARGETS = frozenset({"user", "pipeline_stage"})


# --- reading ---------------------------------------------------------------------------------


def read_record(
    session: Session,
    object_type: str,
    record_id: str,
    specs: Sequence[FieldSpec] | None = None,
) -> RecordData:
    specs = specs if specs is not None else record_fields(session, object_type)
    table = table_of(object_type)
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise RecordError(f"There is no {NOUNS[object_type][0]} {record_id}.")
    values: dict[str, Any] = {spec.key: row[spec.key] for spec in specs if not spec.is_custom}
    for derived in ("email_normalized", "phone_e164", "mobile_e164", "pipeline_id", "currency"):
        if derived in row:
            values[derived] = row[derived]
    custom = {spec.definition_id: spec for spec in specs if spec.is_custom}
    if custom:
        for definition_id, *stored in session.execute(
            select(
                CustomFieldValue.definition_id,
                *(getattr(CustomFieldValue, c) for c in _VALUE_COLUMNS),
            ).where(
                CustomFieldValue.record_id == record_id,
                CustomFieldValue.deleted_at.is_(None),
            )
        ):
            spec = custom.get(definition_id)
            if spec is not None:
                column = _VALUE_COLUMN.get(spec.kind, "value_text")
                values[spec.key] = stored[_VALUE_COLUMNS.index(column)]
        for spec in custom.values():
            values.setdefault(spec.key, None)
    labels: dict[str, str] = {}
    for spec in specs:
        if spec.kind is FieldKind.RELATION and values.get(spec.key) and spec.target:
            target = _target_table(spec.target)
            found = session.execute(
                select(_relation_label(spec.target, target), target.c.deleted_at).where(
                    target.c.id == values[spec.key]
                )
            ).first()
            if found is not None:
                name, deleted = found
                labels[spec.key] = str(name or values[spec.key]) + (
                    " (in the trash)" if deleted is not None else ""
                )
    label = session.execute(
        select(label_expression(object_type, table)).where(table.c.id == record_id)
    ).scalar_one()
    return RecordData(
        object_type,
        record_id,
        str(label or ""),
        values,
        labels,
        row["created_at"],
        row["updated_at"],
        row["deleted_at"],
    )


def related_lists(
    session: Session, object_type: str, record_id: str, limit: int = RELATED_LIMIT
) -> tuple[RelatedList, ...]:
    """The live records pointing at the record, per related object, first `limit` each."""
    lists: list[RelatedList] = []
    for related_type, column, title in RELATED.get(object_type, ()):
        table = table_of(related_type)
        where = (table.c[column] == record_id, table.c.deleted_at.is_(None))
        total = session.execute(select(func.count()).select_from(table).where(*where)).scalar()
        by_key = {c.key: c for c in COLUMNS[related_type]}
        columns = tuple(by_key[key] for key in RELATED_COLUMNS[related_type])
        order_key, descending = RELATED_ORDER[related_type]
        order = table.c[order_key].desc() if descending else table.c[order_key].asc()
        rowid: ColumnElement[int] = literal_column(f'"{table.name}".rowid')
        rowids = list(
            session.execute(select(rowid).where(*where).order_by(order).limit(limit)).scalars()
        )
        fetched = fetch_rows(session, related_type, [c.key for c in columns], rowids)
        rows = tuple((str(fetched[r][0]), tuple(fetched[r][1:])) for r in rowids if r in fetched)
        lists.append(RelatedList(related_type, title, column, columns, rows, int(total or 0)))
    return tuple(lists)


def timeline(
    session: Session,
    object_type: str,
    record_id: str,
    specs: Sequence[FieldSpec] | None = None,
    limit: int = RELATED_LIMIT,
) -> tuple[TimelineItem, ...]:
    """Newest first: the activities concerning the record and the changes made to it
    (one item per journal operation, from services/history.py)."""
    items: list[TimelineItem] = []
    link = ACTIVITY_LINKS.get(object_type)
    if link is not None:
        activities = table_of("activity")
        users = Base.metadata.tables["users"]
        when = func.coalesce(activities.c.done_at, activities.c.due_at, activities.c.created_at)
        rows = session.execute(
            select(
                activities.c.id,
                activities.c.activity_type,
                activities.c.subject,
                activities.c.body,
                activities.c.done_at,
                activities.c.due_at,
                activities.c.created_at,
                users.c.name,
            )
            .outerjoin(users, users.c.id == activities.c.owner_id)
            .where(activities.c[link] == record_id, activities.c.deleted_at.is_(None))
            .order_by(when.desc())
            .limit(limit)
        )
        for id_, kind, subject, body, done_at, due_at, created_at, owner in rows:
            at = done_at or due_at or created_at
            detail = (body or "").strip().splitlines()[0] if (body or "").strip() else ""
            items.append(
                TimelineItem(
                    at, "activity", subject, detail[:200], owner, id_, kind, done_at is not None
                )
            )
    labels = {
        spec.key: spec.label
        for spec in (specs if specs is not None else record_fields(session, object_type))
    }
    grouped: dict[tuple[datetime, str, str | None], list[str]] = {}
    order: list[tuple[datetime, str, str | None]] = []
    for entry in history(session, record_id, limit=limit * 5):
        key = (entry.at, entry.operation_label, entry.actor)
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        if entry.action == "created":
            grouped[key].append("Created")
        elif entry.action == "deleted":
            grouped[key].append("Deleted for good")
        elif entry.field == "deleted_at":
            grouped[key].append("Moved to the trash" if entry.new else "Restored from the trash")
        elif entry.field in labels or entry.field is not None:
            name = labels.get(entry.field or "", (entry.field or "").replace("_", " "))
            if entry.field in ("email_normalized", "phone_e164", "mobile_e164", "domain"):
                continue
            grouped[key].append(f"{name}: {_short(entry.old)} → {_short(entry.new)}")
    for at, label, actor in order[:limit]:
        lines = grouped[(at, label, actor)]
        if lines:
            items.append(TimelineItem(at, "change", label, "\n".join(lines), actor))
    items.sort(key=lambda item: item.at, reverse=True)
    return tuple(items[:limit])


def _short(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text_ = str(value)
    return text_ if len(text_) <= 60 else text_[:59] + "…"


def new_record_values(
    session: Session,
    object_type: str,
    specs: Sequence[FieldSpec],
    owner_id: str | None,
    links: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The stored values a new record's form starts with: model defaults, the current user
    as owner, the default pipeline's first stage, now for a case's opening; `links`
    prefills relations (a new contact from an account's related list)."""
    values: dict[str, Any] = {spec.key: spec.default for spec in specs}
    if "owner_id" in values:
        values["owner_id"] = owner_id
    if object_type == "opportunity":
        stage = session.execute(
            text(
                "SELECT s.id FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id "
                "WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL AND s.kind = 'open' "
                "ORDER BY p.is_default DESC, p.name, s.position LIMIT 1"
            )
        ).scalar()
        values["stage_id"] = stage
    if object_type == "activity":
        values["activity_type"] = "task"
    if object_type == "case":
        values["opened_at"] = utc_now().replace(second=0, microsecond=0)
    for key, value in (links or {}).items():
        if key in values:
            values[key] = value
    return values


# --- writing ---------------------------------------------------------------------------------


def _check_relations(
    session: Session, specs: Sequence[FieldSpec], values: Mapping[str, Any]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for spec in specs:
        value = values.get(spec.key)
        if spec.kind is not FieldKind.RELATION or not value or spec.target is None:
            continue
        target = _target_table(spec.target)
        found = session.execute(select(target.c.deleted_at).where(target.c.id == value)).first()
        if found is None:
            errors[spec.key] = f"{spec.label}: the chosen record does not exist."
        elif found[0] is not None:
            errors[spec.key] = f"{spec.label}: the chosen record is in the trash."
    return errors


def _stage_rules(
    session: Session, current: Mapping[str, Any], values: dict[str, Any], typed_keys: set[str]
) -> None:
    """An opportunity's stage decides its pipeline and status: a won or lost stage closes
    the deal (closed today unless a date is given); a new stage restarts its clock and
    brings the stage's probability unless the user set one in the same edit."""
    stage_id = values.get("stage_id", current.get("stage_id"))
    if stage_id is None:
        return
    stage = session.execute(
        select(PipelineStage.pipeline_id, PipelineStage.kind, PipelineStage.probability).where(
            PipelineStage.id == stage_id
        )
    ).first()
    if stage is None:
        return
    pipeline_id, kind, probability = stage
    values["pipeline_id"] = pipeline_id
    values["status"] = kind
    if stage_id != current.get("stage_id"):
        values["stage_entered_at"] = utc_now()
        if "probability" not in typed_keys or values.get("probability") == current.get(
            "probability"
        ):
            values["probability"] = probability
    closed = values.get("closed_at", current.get("closed_at"))
    if kind == "open":
        values["closed_at"] = None
    elif closed is None:
        values["closed_at"] = date.today()


def _split(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    own = {k: v for k, v in values.items() if not k.startswith("cf:")}
    custom = {k: v for k, v in values.items() if k.startswith("cf:")}
    return own, custom


def _write_custom(
    session: Session, specs: Sequence[FieldSpec], record_id: str, custom: Mapping[str, Any]
) -> None:
    by_key = {spec.key: spec for spec in specs}
    table = cast(Table, CustomFieldValue.__table__)
    now = utc_now()
    for key, value in custom.items():
        spec = by_key[key]
        column = _VALUE_COLUMN.get(spec.kind, "value_text")
        stored = dict.fromkeys(_VALUE_COLUMNS)
        stored[column] = value
        existing = session.execute(
            select(table.c.id, *(table.c[c] for c in _VALUE_COLUMNS), table.c.deleted_at).where(
                table.c.record_id == record_id, table.c.definition_id == spec.definition_id
            )
        ).first()
        if existing is None:
            if value is None:
                continue
            session.execute(
                insert(table).values(
                    id=new_id(),
                    definition_id=spec.definition_id,
                    record_id=record_id,
                    created_at=now,
                    updated_at=now,
                    **stored,
                )
            )
            continue
        unchanged = existing[5] is None and all(
            _stored_equal(existing[1 + i], stored[c]) for i, c in enumerate(_VALUE_COLUMNS)
        )
        if not unchanged:
            session.execute(
                update(table)
                .where(table.c.id == existing[0])
                .values(deleted_at=None, updated_at=now, **stored)
            )


def _current(session: Session, table: Table, record_id: str) -> dict[str, Any] | None:
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
    return None if row is None else dict(row)


def create_record(
    session: Session,
    object_type: str,
    typed: Mapping[str, Any],
    *,
    owner_id: str | None = None,
    fmt: InputFormat | None = None,
    specs: Sequence[FieldSpec] | None = None,
) -> SaveResult:
    """Validate and insert one record as the operation "New <object> <label>"; fields not
    typed take the new-record defaults."""
    table = table_of(object_type)
    specs = specs if specs is not None else record_fields(session, object_type)
    defaults = new_record_values(session, object_type, specs, owner_id)
    checked = validate(specs, typed, fmt)
    merged = {**defaults, **checked.values}
    errors = {**missing_required(specs, merged), **checked.errors}
    if not errors:
        errors = _check_relations(session, specs, merged)
    if errors:
        return SaveResult(errors=errors)
    own, custom = _split(merged)
    if object_type == "opportunity":
        _stage_rules(session, {}, own, set(typed))
    record_id = new_id()
    own = {k: v for k, v in own.items() if k in table.c}
    label = _label_from(object_type, own) or NOUNS[object_type][0]
    op_label = f"New {NOUNS[object_type][0]} {label}"
    with operation(session, op_label, "edit") as op_id:
        session.execute(insert(table).values(id=record_id, **own))
        _write_custom(session, specs, record_id, custom)
    return SaveResult(record_id, op_id, label=op_label)


def _label_from(object_type: str, values: Mapping[str, Any]) -> str:
    if "last_name" in values:
        return " ".join(str(values[k]) for k in ("first_name", "last_name") if values.get(k))
    for key in ("name", "subject"):
        if values.get(key):
            return str(values[key])
    return ""


def update_record(
    session: Session,
    object_type: str,
    record_id: str,
    typed: Mapping[str, Any],
    *,
    fmt: InputFormat | None = None,
    specs: Sequence[FieldSpec] | None = None,
) -> SaveResult:
    """Validate and write the fields of `typed` that differ from the stored record, as the
    operation "Edit <object> <label>". Nothing changed: no operation (operation_id None)."""
    table = table_of(object_type)
    specs = specs if specs is not None else record_fields(session, object_type)
    current = _current(session, table, record_id)
    if current is None:
        raise RecordError(f"There is no {NOUNS[object_type][0]} {record_id}.")
    if current["deleted_at"] is not None:
        raise RecordError(
            f"This {NOUNS[object_type][0]} is in the trash: restore it before editing it."
        )
    stored_now = read_record(session, object_type, record_id, specs).values
    checked = validate(specs, {**_region_of(current, typed), **typed}, fmt)
    checked_values = {
        k: v for k, v in checked.values.items() if k != "country" or "country" in typed
    }
    merged = {**stored_now, **checked_values}
    errors = {**missing_required(specs, merged), **checked.errors}
    changed = {
        k: v
        for k, v in checked_values.items()
        if not _stored_equal(stored_now.get(k, current.get(k)), v)
    }
    if not errors:
        errors = _check_relations(session, specs, changed)
    label = _label_from(object_type, {**current, **checked_values}) or NOUNS[object_type][0]
    if errors:
        return SaveResult(record_id, errors=errors)
    own, custom = _split(changed)
    if object_type == "opportunity" and "stage_id" in own:
        _stage_rules(session, current, own, set(typed))
    own = {k: v for k, v in own.items() if k in table.c and not _stored_equal(current.get(k), v)}
    if not own and not custom:
        return SaveResult(record_id, None, label=label)
    op_label = f"Edit {NOUNS[object_type][0]} {label}"
    with operation(session, op_label, "edit") as op_id:
        if own:
            session.execute(
                update(table).where(table.c.id == record_id).values(updated_at=utc_now(), **own)
            )
        if custom:
            _write_custom(session, specs, record_id, custom)
            if not own:
                session.execute(
                    update(table).where(table.c.id == record_id).values(updated_at=utc_now())
                )
    return SaveResult(record_id, op_id, label=op_label)


def _region_of(current: Mapping[str, Any], typed: Mapping[str, Any]) -> dict[str, Any]:
    """The stored country, so phones typed without a country read in the record's."""
    if "country" in typed or not current.get("country"):
        return {}
    return {"country": current["country"]}


def bulk_update(
    session: Session,
    object_type: str,
    record_ids: Sequence[str],
    key: str,
    typed: Any,
    *,
    fmt: InputFormat | None = None,
    specs: Sequence[FieldSpec] | None = None,
) -> SaveResult:
    """Set one field of many live records to one value, as one operation "Set <field> on
    N <objects>". Phones are read in each record's own country. Refused whole (errors)
    when the value does not fit the field."""
    table = table_of(object_type)
    specs = specs if specs is not None else record_fields(session, object_type)
    spec = next((s for s in specs if s.key == key), None)
    if spec is None or not spec.bulk_editable:
        raise RecordError(f"{NOUNS[object_type][1].capitalize()} have no field {key!r} to set.")
    checked = validate(specs, {key: typed}, fmt)
    if checked.errors:
        return SaveResult(errors=checked.errors)
    if spec.kind is FieldKind.RELATION:
        errors = _check_relations(session, specs, checked.values)
        if errors:
            return SaveResult(errors=errors)
    ids = list(
        dict.fromkeys(
            id_
            for chunk in _chunks(list(dict.fromkeys(record_ids)))
            for id_ in session.execute(
                select(table.c.id).where(table.c.id.in_(chunk), table.c.deleted_at.is_(None))
            ).scalars()
        )
    )
    if not ids:
        return SaveResult(errors={key: "None of the selected records can be edited (deleted?)."})
    op_label = f"Set {spec.label} on {noun(object_type, len(ids))}"
    with operation(session, op_label, "bulk_edit") as op_id:
        now = utc_now()
        if spec.is_custom:
            for record_id in ids:
                _write_custom(session, specs, record_id, checked.values)
            for chunk in _chunks(ids):
                session.execute(update(table).where(table.c.id.in_(chunk)).values(updated_at=now))
        elif spec.kind is FieldKind.PHONE and checked.values.get(key) is not None:
            for country, chunk_ids in _by_country(session, table, ids).items():
                fmt_here = fmt or InputFormat()
                regional = validate(specs, {key: typed, "country": country or ""}, fmt_here)
                values = {k: v for k, v in regional.values.items() if k != "country"}
                if regional.errors:  # not a number in that country: raw kept, no E.164
                    values = {key: str(typed).strip(), spec.derived_key or key: None}
                for chunk in _chunks(chunk_ids):
                    session.execute(
                        update(table).where(table.c.id.in_(chunk)).values(updated_at=now, **values)
                    )
        else:
            values = {k: v for k, v in checked.values.items() if k in table.c}
            for chunk in _chunks(ids):
                session.execute(
                    update(table).where(table.c.id.in_(chunk)).values(updated_at=now, **values)
                )
    return SaveResult(None, op_id, label=op_label, changed=len(ids))


def _by_country(session: Session, table: Table, ids: list[str]) -> dict[str | None, list[str]]:
    groups: dict[str | None, list[str]] = {}
    if "country" not in table.c:
        return {None: ids}
    for chunk in _chunks(ids):
        for id_, country in session.execute(
            select(table.c.id, table.c.country).where(table.c.id.in_(chunk))
        ):
            groups.setdefault(country, []).append(id_)
    return groups


# --- trash -----------------------------------------------------------------------------------


def _ids_where(
    session: Session, object_type: str, column: str, parents: list[str], deleted_at: Any
) -> list[str]:
    """Ids of `object_type` rows whose `column` names one of `parents`: live ones
    (deleted_at=None), or those trashed at that very moment (a datetime), or any trashed."""
    table = table_of(object_type)
    found: list[str] = []
    for chunk in _chunks(parents):
        stmt = select(table.c.id).where(table.c[column].in_(chunk))
        if deleted_at is None:
            stmt = stmt.where(table.c.deleted_at.is_(None))
        elif deleted_at == "any":
            stmt = stmt.where(table.c.deleted_at.is_not(None))
        else:
            stmt = stmt.where(table.c.deleted_at == deleted_at)
        found.extend(session.execute(stmt).scalars())
    return found


def _cascade(
    session: Session, object_type: str, ids: list[str], deleted_at: Any
) -> dict[str, list[str]]:
    """The records and their dependents (CASCADE, transitively), by object type."""
    collected: dict[str, dict[str, None]] = {object_type: dict.fromkeys(ids)}
    frontier: list[tuple[str, list[str]]] = [(object_type, ids)]
    while frontier:
        parent_type, parents = frontier.pop()
        for child_type, column in CASCADE.get(parent_type, ()):
            found = _ids_where(session, child_type, column, parents, deleted_at)
            seen = collected.setdefault(child_type, {})
            fresh = [i for i in found if i not in seen]
            seen.update(dict.fromkeys(fresh))
            if fresh:
                frontier.append((child_type, fresh))
    return {t: list(members) for t, members in collected.items() if members}


def _existing(session: Session, object_type: str, ids: Sequence[str]) -> dict[str, datetime | None]:
    table = table_of(object_type)
    found: dict[str, datetime | None] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        for id_, deleted_at in session.execute(
            select(table.c.id, table.c.deleted_at).where(table.c.id.in_(chunk))
        ):
            found[id_] = deleted_at
    return found


def delete_preview(session: Session, object_type: str, record_ids: Sequence[str]) -> dict[str, int]:
    """What `delete_records` would move to the trash, by object type, the records included:
    for the confirmation that names the related records."""
    live = [i for i, d in _existing(session, object_type, record_ids).items() if d is None]
    return {t: len(ids) for t, ids in _cascade(session, object_type, live, None).items()}


def describe_counts(counts: Mapping[str, int], skip: str | None = None) -> str:
    """'12 contacts, 3 opportunities and 40 activities' (without `skip`'s count)."""
    parts = [noun(t, n) for t, n in counts.items() if n and t != skip]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def delete_records(session: Session, object_type: str, record_ids: Sequence[str]) -> ChangeReport:
    """Move live records and their dependents (CASCADE) to the trash, as one operation."""
    existing = _existing(session, object_type, record_ids)
    missing = [i for i in record_ids if i not in existing]
    if missing:
        raise RecordError(f"There is no {NOUNS[object_type][0]} {missing[0]}.")
    live = [i for i, d in existing.items() if d is None]
    if not live:
        return ChangeReport(None, "", {})
    groups = _cascade(session, object_type, live, None)
    counts = {t: len(ids) for t, ids in groups.items()}
    related = describe_counts(counts, skip=object_type)
    label = f"Delete {noun(object_type, len(live))}"
    if len(live) == 1:
        name = record_label(session, object_type, live[0])
        label = f"Delete {NOUNS[object_type][0]} {name}"
    if related:
        label += f" (with {related})"
    now = utc_now()
    with operation(session, label, "delete") as op_id:
        for child_type, ids in groups.items():
            table = table_of(child_type)
            for chunk in _chunks(ids):
                session.execute(
                    update(table)
                    .where(table.c.id.in_(chunk))
                    .values(deleted_at=now, updated_at=now)
                )
    return ChangeReport(op_id, label, counts)


def restore_records(session: Session, object_type: str, record_ids: Sequence[str]) -> ChangeReport:
    """Bring records back from the trash with the dependents that went there with them."""
    existing = _existing(session, object_type, record_ids)
    trashed = {i: d for i, d in existing.items() if d is not None}
    if not trashed:
        return ChangeReport(None, "", {})
    groups: dict[str, dict[str, None]] = {}
    by_moment: dict[datetime, list[str]] = {}
    for id_, deleted_at in trashed.items():
        assert deleted_at is not None
        by_moment.setdefault(deleted_at, []).append(id_)
    for moment, roots in by_moment.items():
        for t, found in _cascade(session, object_type, roots, moment).items():
            groups.setdefault(t, {}).update(dict.fromkeys(found))
    counts = {t: len(members) for t, members in groups.items()}
    label = f"Restore {noun(object_type, len(trashed))}"
    related = describe_counts(counts, skip=object_type)
    if related:
        label += f" (with {related})"
    now = utc_now()
    with operation(session, label, "edit") as op_id:
        for t, members in groups.items():
            table = table_of(t)
            for chunk in _chunks(list(members)):
                session.execute(
                    update(table)
                    .where(table.c.id.in_(chunk))
                    .values(deleted_at=None, updated_at=now)
                )
    return ChangeReport(op_id, label, counts)


def _links_to(table_name: str) -> list[tuple[Table, str, bool]]:
    """(table, column, nullable) of every foreign key pointing at `table_name`."""
    links: list[tuple[Table, str, bool]] = []
    for other in Base.metadata.sorted_tables:
        for column in other.columns:
            if any(fk.column.table.name == table_name for fk in column.foreign_keys):
                links.append((other, column.name, bool(column.nullable)))
    return links


def purge_records(session: Session, object_type: str, record_ids: Sequence[str]) -> ChangeReport:
    """Delete for good records in the trash, with the dependents that are in the trash
    too; links other records keep to them are cleared. One operation, so it can still be
    undone right after. Refused whole if a record is not in the trash, or if a live record
    could not do without one (a live membership of a purged campaign)."""
    existing = _existing(session, object_type, record_ids)
    live = [i for i, d in existing.items() if d is None]
    if live:
        raise RecordError(
            f"Only records in the trash can be deleted for good; "
            f"{noun(object_type, len(live))} selected are not in it."
        )
    if not existing:
        return ChangeReport(None, "", {})
    groups = _cascade(session, object_type, list(existing), "any")
    purged = {TABLES[t]: set(ids) for t, ids in groups.items()}
    clear: list[tuple[Table, str, list[str]]] = []
    for t, ids in groups.items():
        for link_table, column, nullable in _links_to(TABLES[t]):
            for chunk in _chunks(ids):
                referring = session.execute(
                    select(link_table.c.id).where(link_table.c[column].in_(chunk))
                ).scalars()
                others = [r for r in referring if r not in purged.get(link_table.name, set())]
                if not others:
                    continue
                if not nullable:
                    raise RecordError(
                        f"Cannot delete for good: {len(others):,} "
                        f"{link_table.name.replace('_', ' ')} "
                        f"still need the {NOUNS[t][0]} (restore or purge them first)."
                    )
                clear.append((link_table, column, chunk))
    counts = {t: len(ids) for t, ids in groups.items()}
    label = f"Delete for good {describe_counts({object_type: counts[object_type]})}"
    related = describe_counts(counts, skip=object_type)
    if related:
        label += f" (with {related})"
    all_ids = [i for ids in groups.values() for i in ids]
    with operation(session, label, "delete") as op_id:
        for link_table, column, chunk in clear:
            session.execute(
                update(link_table).where(link_table.c[column].in_(chunk)).values({column: None})
            )
        values = cast(Table, CustomFieldValue.__table__)
        taggings = Base.metadata.tables["taggings"]
        for chunk in _chunks(all_ids):
            session.execute(delete(values).where(values.c.record_id.in_(chunk)))
            session.execute(delete(taggings).where(taggings.c.record_id.in_(chunk)))
        for t in PURGE_ORDER:
            if t not in groups:
                continue
            table = table_of(t)
            for chunk in _chunks(groups[t]):
                session.execute(delete(table).where(table.c.id.in_(chunk)))
    return ChangeReport(op_id, label, counts)
