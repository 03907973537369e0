"""What the object lists show and how they query it: columns per object (own fields,
related names, custom fields), filter conditions and sort, turned into SQL.

A list is two queries (DESIGN §4): `ordered_rowids` returns the rowids of every matching
record in display order (an `array('q')`, 8 bytes a row: a million contacts cost 8 MB),
and `fetch_rows` reads the columns of one page of them by rowid. Sorting and filtering
happen in SQLite, over indexes where the column has one.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any
from typing import cast as type_cast

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    Table,
    and_,
    case,
    false,
    func,
    inspect,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Alias

from desktop_crm.models import (
    OBJECT_MODELS,
    Account,
    Campaign,
    Contact,
    CustomFieldDefinition,
    CustomFieldValue,
    Lead,
    Opportunity,
    Pipeline,
    PipelineStage,
    User,
)
from desktop_crm.models.activity import ACTIVITY_TYPES
from desktop_crm.models.campaign import CAMPAIGN_STATUSES, CAMPAIGN_TYPES
from desktop_crm.models.case import CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES
from desktop_crm.models.lead import LEAD_SOURCES, LEAD_STATUSES
from desktop_crm.models.opportunity import OPPORTUNITY_STATUSES

#: Rowids per `IN (...)` list: well under SQLite's variable limit, and one page of a view.
IN_CHUNK = 500


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"  #: integer minor units; the row also carries its currency
    DATE = "date"  #: ISO text YYYY-MM-DD
    DATETIME = "datetime"  #: ISO text in UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ
    CHOICE = "choice"
    BOOL = "bool"


class Op(StrEnum):
    CONTAINS = "contains"
    EQUALS = "equals"
    EMPTY = "empty"
    NOT_EMPTY = "not_empty"
    BETWEEN = "between"  #: inclusive; either bound may be None
    ONE_OF = "one_of"


@dataclass(frozen=True)
class Relation:
    """A many-to-one link shown by the related record's name."""

    fk: str  #: the foreign key column on the listed table
    target: type[Any]
    display: Callable[[Any], ColumnElement[Any]]  #: name expression over the target alias


@dataclass(frozen=True)
class ListColumn:
    key: str  #: "last_name", "account_id.name" for a related name, "cf:<definition id>"
    label: str  #: English; the view translates it
    kind: Kind = Kind.TEXT
    choices: tuple[str, ...] = ()
    #: The currency column of a MONEY column, read along with it.
    currency_key: str | None = None
    decimals: int = 0  #: scaled integer custom numbers
    default: bool = True  #: shown until the user picks the columns
    #: Second sort key for ties (first names within a last name), as the index is built.
    then_by: str | None = None
    #: A column computed in SQL from the listed table's columns (see DERIVED), not stored.
    derived: Callable[[Table], ColumnElement[Any]] | None = field(
        default=None, compare=False, repr=False
    )


@dataclass(frozen=True)
class Condition:
    key: str
    op: Op
    value: Any = None
    value2: Any = None  #: upper bound of BETWEEN


@dataclass(frozen=True)
class ListQuery:
    object_type: str
    conditions: tuple[Condition, ...] = ()
    #: Words that must each appear in one of the object's quick-search columns.
    text: str = ""
    owner_id: str | None = None  #: "mine only"
    sort_key: str | None = None
    descending: bool = False
    deleted: bool = False  #: the Trash: deleted records instead of live ones


class ListQueryError(ValueError):
    """A condition the list cannot apply: an unknown column, an operator that does not fit
    the column, a value of the wrong type. The message names the column."""


def _person(alias: Any) -> ColumnElement[Any]:
    return func.trim(func.coalesce(alias.first_name, "") + " " + func.coalesce(alias.last_name, ""))


def _name(alias: Any) -> ColumnElement[Any]:
    return alias.name  # type: ignore[no-any-return]


_OWNER = Relation("owner_id", User, _name)
_ACCOUNT = Relation("account_id", Account, _name)
_CONTACT = Relation("contact_id", Contact, _person)

RELATIONS: dict[str, tuple[Relation, ...]] = {
    "account": (Relation("parent_account_id", Account, _name), _OWNER),
    "contact": (_ACCOUNT, _OWNER),
    "lead": (Relation("campaign_id", Campaign, _name), _OWNER),
    "opportunity": (
        _ACCOUNT,
        Relation("primary_contact_id", Contact, _person),
        Relation("pipeline_id", Pipeline, _name),
        Relation("stage_id", PipelineStage, _name),
        Relation("campaign_id", Campaign, _name),
        _OWNER,
    ),
    "activity": (
        _CONTACT,
        _ACCOUNT,
        Relation("opportunity_id", Opportunity, _name),
        Relation("lead_id", Lead, _person),
        _OWNER,
    ),
    "campaign": (_OWNER,),
    "case": (_ACCOUNT, _CONTACT, _OWNER),
}

_C, _M, _D, _T, _N, _CH = Kind.TEXT, Kind.MONEY, Kind.DATE, Kind.DATETIME, Kind.NUMBER, Kind.CHOICE


def _col(key: str, label: str, kind: Kind = _C, **options: Any) -> ListColumn:
    return ListColumn(key, label, kind, **options)


#: Built-in columns per object, in default display order; `default=False` ones are offered
#: by the column chooser.
COLUMNS: dict[str, tuple[ListColumn, ...]] = {
    "account": (
        _col("name", "Name"),
        _col("city", "City"),
        _col("country", "Country"),
        _col("industry", "Industry"),
        _col("phone_raw", "Phone"),
        _col("email", "E-mail", default=False),
        _col("website", "Website", default=False),
        _col("siren", "SIREN", default=False),
        _col("employees", "Employees", _N, default=False),
        _col("annual_revenue_minor", "Annual revenue", _M, currency_key="currency", default=False),
        _col("parent_account_id.name", "Parent account", default=False),
        _col("owner_id.name", "Owner"),
        _col("updated_at", "Updated", _T),
    ),
    "contact": (
        _col("last_name", "Last name", then_by="first_name"),
        _col("first_name", "First name"),
        _col("account_id.name", "Account"),
        _col("job_title", "Job title", default=False),
        _col("email", "E-mail"),
        _col("phone_raw", "Phone"),
        _col("mobile_raw", "Mobile", default=False),
        _col("city", "City"),
        _col("country", "Country", default=False),
        _col("consent_status", "Consent", _CH, default=False),
        _col("owner_id.name", "Owner"),
        _col("updated_at", "Updated", _T),
    ),
    "lead": (
        _col("last_name", "Last name", then_by="first_name"),
        _col("first_name", "First name"),
        _col("company", "Company"),
        _col("email", "E-mail"),
        _col("phone_raw", "Phone", default=False),
        _col("source", "Source", _CH, choices=LEAD_SOURCES),
        _col("status", "Status", _CH, choices=LEAD_STATUSES),
        _col("score", "Score", _N),
        _col("city", "City", default=False),
        _col("campaign_id.name", "Campaign", default=False),
        _col("owner_id.name", "Owner"),
        _col("updated_at", "Updated", _T),
    ),
    "opportunity": (
        _col("name", "Name"),
        _col("account_id.name", "Account"),
        _col("stage_id.name", "Stage"),
        _col("amount_minor", "Amount", _M, currency_key="currency"),
        _col("probability", "Probability %", _N),
        _col("expected_close_date", "Expected close", _D),
        _col("status", "Status", _CH, choices=OPPORTUNITY_STATUSES),
        _col("closed_at", "Closed", _D, default=False),
        _col("primary_contact_id.name", "Contact", default=False),
        _col("pipeline_id.name", "Pipeline", default=False),
        _col("source", "Source", _CH, choices=LEAD_SOURCES, default=False),
        _col("owner_id.name", "Owner"),
        _col("updated_at", "Updated", _T, default=False),
    ),
    "activity": (
        _col("due_at", "Due", _T),
        _col("activity_type", "Type", _CH, choices=ACTIVITY_TYPES),
        _col("subject", "Subject"),
        _col("contact_id.name", "Contact"),
        _col("account_id.name", "Account"),
        _col("opportunity_id.name", "Opportunity", default=False),
        _col("done_at", "Done", _T),
        _col("owner_id.name", "Owner"),
    ),
    "campaign": (
        _col("name", "Name"),
        _col("campaign_type", "Type", _CH, choices=CAMPAIGN_TYPES),
        _col("status", "Status", _CH, choices=CAMPAIGN_STATUSES),
        _col("start_date", "Start", _D),
        _col("end_date", "End", _D),
        _col("budget_minor", "Budget", _M, currency_key="currency"),
        _col("actual_cost_minor", "Actual cost", _M, currency_key="currency"),
        _col("owner_id.name", "Owner"),
    ),
    "case": (
        _col("subject", "Subject"),
        _col("account_id.name", "Account"),
        _col("contact_id.name", "Contact", default=False),
        _col("status", "Status", _CH, choices=CASE_STATUSES),
        _col("priority", "Priority", _CH, choices=CASE_PRIORITIES),
        _col("channel", "Channel", _CH, choices=CASE_CHANNELS, default=False),
        _col("opened_at", "Opened", _T),
        _col("resolved_at", "Resolved", _T, default=False),
        _col("satisfaction", "Satisfaction", _N, default=False),
        _col("owner_id.name", "Owner"),
    ),
}


# --- derived columns ---------------------------------------------------------------------------
# Data-quality facts computed in SQL, so a data-health figure and the list it opens are the
# same condition (services/data_health.py). Hidden until chosen in the column chooser.


def _filled(column: ColumnElement[Any]) -> ColumnElement[bool]:
    return and_(column.is_not(None), column != "")


def _blank(column: ColumnElement[Any]) -> ColumnElement[bool]:
    return or_(column.is_(None), column == "")


def _email_invalid(table: Table) -> ColumnElement[Any]:
    """Filled but not an address: not normalised when written (the write paths store the
    email-validator form in `email_normalized` only for a valid address), or not shaped
    like one (`x@y.z`, one `@`, no spaces or separators) for tables without that column."""
    email = table.c.email
    shaped = and_(
        email.op("GLOB", is_comparison=True)("?*@?*.?*"),
        ~email.op("GLOB", is_comparison=True)("*@*@*"),
        ~email.op("GLOB", is_comparison=True)("*[ ,;:<>()]*"),
    )
    bad = ~shaped
    if "email_normalized" in table.c:
        bad = or_(_blank(table.c.email_normalized), bad)
    return func.coalesce(and_(_filled(email), bad), False)


def _phone_invalid(table: Table) -> ColumnElement[Any]:
    """A phone typed (`*_raw`) that could not be read as a number (no E.164 form stored)."""
    pairs = [("phone_raw", "phone_e164"), ("mobile_raw", "mobile_e164")]
    parts = [
        and_(_filled(table.c[raw]), _blank(table.c[e164])) for raw, e164 in pairs if raw in table.c
    ]
    return func.coalesce(or_(*parts), False)


def _last_touched(foreign_key: str) -> Callable[[Table], ColumnElement[Any]]:
    """The latest of the record's own change and its live activities' creation or
    completion (UTC text, so text order is time order)."""
    from desktop_crm.models import Activity

    def expression(table: Table) -> ColumnElement[Any]:
        a = Activity.__table__
        latest = (
            select(func.max(func.max(a.c.created_at, func.coalesce(a.c.done_at, ""))))
            .where(a.c[foreign_key] == table.c.id, a.c.deleted_at.is_(None))
            .correlate(table)
            .scalar_subquery()
        )
        return func.max(table.c.updated_at, func.coalesce(latest, ""))

    return expression


def _deal_last_touched(table: Table) -> ColumnElement[Any]:
    """As `_last_touched("opportunity_id")`, from the deal's `activity_touched_at` (the
    latest of its live activities' creation or completion, kept by triggers): no subquery
    per listed deal."""
    return func.max(table.c.updated_at, func.coalesce(table.c.activity_touched_at, ""))


def _stale(table: Table) -> ColumnElement[Any]:
    """An open deal idle past its stage's limit, as of today (UTC): the dashboard's rule."""
    from desktop_crm.services.metrics import stale_deal_condition

    stages = PipelineStage.__table__
    limit = (
        select(stages.c.idle_days_limit)
        .where(stages.c.id == table.c.stage_id)
        # Correlated to the listed deal even where it is nested in the activities subquery.
        .correlate(table)
        .scalar_subquery()
    )
    return stale_deal_condition(table.c, limit, func.date("now"))


_INVALID = (
    _col("email_invalid", "Invalid e-mail", Kind.BOOL, default=False, derived=_email_invalid),
    _col("phone_invalid", "Invalid phone", Kind.BOOL, default=False, derived=_phone_invalid),
)
#: Computed columns per object, after the stored ones.
DERIVED: dict[str, tuple[ListColumn, ...]] = {
    "account": (
        _col("street", "Street", default=False),
        _col("postal_code", "Postal code", default=False),
        *_INVALID,
    ),
    # Offered by the column chooser, and so in a whole-contact export, which an import
    # must be able to read back whole.
    "contact": (
        _col("salutation", "Salutation", default=False),
        _col("department", "Department", default=False),
        _col("street", "Street", default=False),
        _col("postal_code", "Postal code", default=False),
        *_INVALID,
    ),
    "lead": (
        *_INVALID,
        _col(
            "last_touched_at", "Last touched", _T, default=False, derived=_last_touched("lead_id")
        ),
    ),
    "opportunity": (
        _col(
            "last_touched_at",
            "Last touched",
            _T,
            default=False,
            derived=_deal_last_touched,
        ),
        _col("stale", "Stale", Kind.BOOL, default=False, derived=_stale),
    ),
}
for _key, _extra in DERIVED.items():
    COLUMNS[_key] += _extra
#: Keys conditions may use that the column chooser does not offer (raw ids, currencies,
#: creation times), so that a dashboard drill-down reproduces exactly the records a KPI
#: counted: owners by id (names need not be unique), the pipeline by id, and so on.
FILTER_COLUMNS: dict[str, tuple[ListColumn, ...]] = {
    "opportunity": (
        _col("owner_id", "Owner id"),
        _col("pipeline_id", "Pipeline id"),
        _col("stage_id", "Stage id"),
        _col("currency", "Currency"),
    ),
    "lead": (
        _col("owner_id", "Owner id"),
        _col("campaign_id", "Campaign id"),
        _col("created_at", "Created", _T),
    ),
    "activity": (_col("owner_id", "Owner id"),),
    "campaign": (_col("owner_id", "Owner id"), _col("currency", "Currency")),
    "case": (_col("owner_id", "Owner id"),),
}

#: Columns the quick text filter searches, per object.
QUICK_SEARCH: dict[str, tuple[str, ...]] = {
    "account": ("name", "city", "email", "domain"),
    "contact": ("last_name", "first_name", "email", "city"),
    "lead": ("last_name", "first_name", "company", "email"),
    "opportunity": ("name",),
    "activity": ("subject",),
    "campaign": ("name",),
    "case": ("subject",),
}

_CUSTOM_KINDS = {
    "text": Kind.TEXT,
    "number": Kind.NUMBER,
    "date": Kind.DATE,
    "choice": Kind.CHOICE,
    "bool": Kind.BOOL,
}
_CUSTOM_VALUE = {
    Kind.TEXT: "value_text",
    Kind.CHOICE: "value_text",
    Kind.NUMBER: "value_number",
    Kind.DATE: "value_date",
    Kind.BOOL: "value_bool",
}


def available_columns(session: Session, object_type: str) -> list[ListColumn]:
    """The built-in columns, then the object's custom fields (hidden until chosen)."""
    columns = list(_builtin(object_type))
    definitions = session.execute(
        select(
            CustomFieldDefinition.id,
            CustomFieldDefinition.label,
            CustomFieldDefinition.field_type,
            CustomFieldDefinition.choices,
            CustomFieldDefinition.decimals,
        )
        .where(
            CustomFieldDefinition.record_type == object_type,
            CustomFieldDefinition.deleted_at.is_(None),
        )
        .order_by(CustomFieldDefinition.position, CustomFieldDefinition.label)
    ).all()
    for id_, label, field_type, choices, decimals in definitions:
        kind = _CUSTOM_KINDS.get(field_type, Kind.TEXT)
        columns.append(
            ListColumn(
                f"cf:{id_}",
                label,
                kind,
                choices=tuple(line for line in (choices or "").splitlines() if line),
                decimals=decimals or 0,
                default=False,
            )
        )
    return columns


def _builtin(object_type: str) -> tuple[ListColumn, ...]:
    try:
        return COLUMNS[object_type]
    except KeyError:
        raise ListQueryError(f"There is no list of {object_type!r} records.") from None


class _Builder:
    """Resolves column keys to SQL expressions over the listed table, adding each outer
    join (related names, custom fields) once and only when a column needs it."""

    def __init__(self, object_type: str, columns: Mapping[str, ListColumn]) -> None:
        self.model = OBJECT_MODELS[object_type]
        self.table = type_cast(Table, inspect(self.model).local_table)
        self.relations = {r.fk: r for r in RELATIONS.get(object_type, ())}
        self.columns = columns
        self.joins: dict[str, tuple[FromClause, ColumnElement[bool]]] = {}

    def column(self, key: str) -> ListColumn:
        found = self.columns.get(key)
        if found is None:
            raise ListQueryError(f"The list has no column {key!r}.")
        return found

    def expression(self, key: str) -> ColumnElement[Any]:
        spec = self.column(key)
        if spec.derived is not None:
            return spec.derived(self.table)
        if key.startswith("cf:"):
            return self._custom(key)
        if "." in key:
            fk, _, _ = key.partition(".")
            relation = self.relations[fk]
            alias: Alias = relation.target.__table__.alias(f"rel_{fk}")
            self.joins.setdefault(fk, (alias, alias.c.id == self.table.c[fk]))
            return relation.display(alias.c)
        return self.table.c[key]

    def _custom(self, key: str) -> ColumnElement[Any]:
        definition_id = key.removeprefix("cf:")
        name = f"cf_{len(self.joins)}"
        if key not in self.joins:
            alias = CustomFieldValue.__table__.alias(name)
            self.joins[key] = (
                alias,
                and_(
                    alias.c.record_id == self.table.c.id,
                    alias.c.definition_id == definition_id,
                    alias.c.deleted_at.is_(None),
                ),
            )
        joined = self.joins[key][0]
        return joined.c[_CUSTOM_VALUE[self.column(key).kind]]

    def select_from(self, statement: Select[Any]) -> Select[Any]:
        source: FromClause = self.table
        for alias, on in self.joins.values():
            source = source.outerjoin(alias, on)
        return statement.select_from(source)


def _columns_by_key(object_type: str, extra: Iterable[ListColumn] = ()) -> dict[str, ListColumn]:
    columns = {c.key: c for c in _builtin(object_type)}
    columns.update((c.key, c) for c in FILTER_COLUMNS.get(object_type, ()))
    columns.update((c.key, c) for c in extra)
    return columns


def ordered_rowids(
    session: Session, query: ListQuery, custom_columns: Sequence[ListColumn] = ()
) -> array[int]:
    """Rowids of every record the query matches, in display order (ties by rowid, so the
    order is stable)."""
    builder = _Builder(query.object_type, _columns_by_key(query.object_type, custom_columns))
    rowid = _rowid(builder.table)
    where = _where(builder, query)
    order: list[ColumnElement[Any]] = []
    if query.sort_key:
        spec = builder.column(query.sort_key)
        keys = [builder.expression(query.sort_key)]
        if spec.then_by is not None:
            keys.append(builder.table.c[spec.then_by])
        for key in keys:
            if spec.kind in (Kind.TEXT, Kind.CHOICE):
                key = key.collate("NOCASE")
            order.append(key.desc() if query.descending else key.asc())
    order.append(rowid.desc() if query.descending and query.sort_key else rowid.asc())
    statement = builder.select_from(select(rowid)).where(*where).order_by(*order)
    # A million plain integers: SQLAlchemy binds and runs the query, then they are read
    # straight from its DBAPI cursor, past the per-row result objects that would cost
    # more than the query itself.
    result = session.connection().execute(statement)
    ids = array("q")
    try:
        while rows := result.cursor.fetchmany(50_000):
            ids.extend(row[0] for row in rows)
    finally:
        result.close()
    return ids


def count_matching(
    session: Session,
    object_type: str,
    condition_sets: Sequence[Sequence[Condition]],
    custom_columns: Sequence[ListColumn] = (),
) -> tuple[int, list[int]]:
    """(live records, how many match each set of conditions), in one pass over the table:
    each count is what `ordered_rowids` of `ListQuery(object_type, conditions)` would
    return, so a figure and the list it opens never disagree."""
    builder = _Builder(object_type, _columns_by_key(object_type, custom_columns))
    base = ListQuery(object_type)
    counts: list[ColumnElement[Any]] = [func.count()]
    for conditions in condition_sets:
        where = _where(builder, replace(base, conditions=tuple(conditions)))[1:]
        counts.append(func.coalesce(func.sum(case((and_(true(), *where), 1), else_=0)), 0))
    row = session.execute(builder.select_from(select(*counts)).where(*_where(builder, base))).one()
    return int(row[0]), [int(value) for value in row[1:]]


def fetch_rows(
    session: Session,
    object_type: str,
    keys: Sequence[str],
    rowids: Sequence[int],
    custom_columns: Sequence[ListColumn] = (),
) -> dict[int, tuple[Any, ...]]:
    """rowid → (record id, value of each key, then the currency of each MONEY key)."""
    builder = _Builder(object_type, _columns_by_key(object_type, custom_columns))
    rowid = _rowid(builder.table)
    values = [builder.expression(key) for key in keys]
    currencies = [
        builder.table.c[currency]
        for key in keys
        if (currency := builder.column(key).currency_key) is not None
    ]
    rows: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(rowids), IN_CHUNK):
        chunk = list(rowids[start : start + IN_CHUNK])
        statement = builder.select_from(
            select(rowid, builder.table.c.id, *values, *currencies)
        ).where(rowid.in_(chunk))
        for row in session.execute(statement):
            rows[row[0]] = tuple(row[1:])
    return rows


def _rowid(table: Table) -> ColumnElement[int]:
    return literal_column(f'"{table.name}".rowid', Integer)


def _where(builder: _Builder, query: ListQuery) -> list[ColumnElement[bool]]:
    table = builder.table
    where: list[ColumnElement[bool]] = [
        table.c.deleted_at.is_not(None) if query.deleted else table.c.deleted_at.is_(None)
    ]
    if query.owner_id is not None:
        where.append(table.c.owner_id == query.owner_id)
    for word in query.text.split():
        pattern = "%" + _escape_like(word) + "%"
        where.append(
            or_(
                *(
                    table.c[name].like(pattern, escape="\\")
                    for name in QUICK_SEARCH[query.object_type]
                )
            )
        )
    where.extend(_condition(builder, condition) for condition in query.conditions)
    return where


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _condition(builder: _Builder, condition: Condition) -> ColumnElement[bool]:
    spec = builder.column(condition.key)
    target = builder.expression(condition.key)
    op, value = condition.op, condition.value
    label = spec.label
    if op is Op.EMPTY:
        if spec.kind in (Kind.TEXT, Kind.CHOICE):
            return or_(target.is_(None), target == "")
        return target.is_(None)
    if op is Op.NOT_EMPTY:
        if spec.kind in (Kind.TEXT, Kind.CHOICE):
            return and_(target.is_not(None), target != "")
        return target.is_not(None)
    if op is Op.CONTAINS:
        if spec.kind is not Kind.TEXT:
            raise ListQueryError(f"“{label}” is not a text column; use equals or a range.")
        if not isinstance(value, str) or not value:
            raise ListQueryError(f"“{label}” contains: type the text to look for.")
        return target.like("%" + _escape_like(value) + "%", escape="\\")
    if op is Op.ONE_OF:
        options = list(value or ())
        if not options:
            return false()
        return target.in_([_stored(spec, item) for item in options])
    if op is Op.EQUALS:
        if spec.kind in (Kind.TEXT, Kind.CHOICE) and isinstance(value, str):
            return target.collate("NOCASE") == value  # as the list indexes compare
        return type_cast(ColumnElement[bool], target == _stored(spec, value))
    if op is Op.BETWEEN:
        if spec.kind not in (Kind.NUMBER, Kind.MONEY, Kind.DATE, Kind.DATETIME):
            raise ListQueryError(f"“{label}” has no range; use equals or contains.")
        low, high = condition.value, condition.value2
        if low is None and high is None:
            return true()
        parts: list[ColumnElement[bool]] = []
        if spec.kind is Kind.DATETIME:
            # Stored as UTC text: the day range [low, high] is [low 00:00, high + 1 day).
            if low is not None:
                parts.append(target >= _stored(spec, low))
            if high is not None:
                parts.append(target < _stored(spec, _as_date(spec, high) + timedelta(days=1)))
        else:
            if low is not None:
                parts.append(target >= _stored(spec, low))
            if high is not None:
                parts.append(target <= _stored(spec, high))
        return and_(*parts)
    raise ListQueryError(f"Unknown condition {op!r} on “{label}”.")  # pragma: no cover


def _as_date(spec: ListColumn, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ListQueryError(f"“{spec.label}”: {value!r} is not a date (YYYY-MM-DD).") from None


def _stored(spec: ListColumn, value: Any) -> Any:
    """The value as the column compares: money and scaled numbers as integers, a day as a
    date, or as its UTC midnight for timestamps."""
    if spec.kind in (Kind.DATE, Kind.DATETIME):
        day = _as_date(spec, value)
        if spec.kind is Kind.DATE:
            return day
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    if spec.kind in (Kind.NUMBER, Kind.MONEY):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ListQueryError(f"“{spec.label}”: {value!r} is not a number.") from None
        scale = 100 if spec.kind is Kind.MONEY else 10**spec.decimals
        return round(number * scale)
    if spec.kind is Kind.BOOL:
        return bool(value)
    return value


@dataclass
class PageCache:
    """Pages of fetched rows by page number, oldest dropped first. Plain Python so the
    paging rule is tested without Qt."""

    page_size: int = 200
    max_pages: int = 40
    pages: dict[int, dict[int, tuple[Any, ...]]] = field(default_factory=dict)

    def page_of(self, row: int) -> int:
        return row // self.page_size

    def get(self, page: int) -> dict[int, tuple[Any, ...]] | None:
        found = self.pages.pop(page, None)
        if found is not None:
            self.pages[page] = found  # most recently used last
        return found

    def put(self, page: int, rows: dict[int, tuple[Any, ...]]) -> None:
        self.pages[page] = rows
        while len(self.pages) > self.max_pages:
            del self.pages[next(iter(self.pages))]

    def clear(self) -> None:
        self.pages.clear()


def check_conditions(
    object_type: str,
    conditions: Iterable[Condition],
    custom_columns: Sequence[ListColumn] = (),
) -> None:
    """Raise `ListQueryError` (naming the column) for the first condition the list could not
    apply: the same rules `ordered_rowids` applies, without running a query, so a filter
    bar or a saved view can refuse a condition before it reaches the list."""
    builder = _Builder(object_type, _columns_by_key(object_type, custom_columns))
    for condition in conditions:
        if not isinstance(condition.op, Op):
            raise ListQueryError(f"Unknown condition {condition.op!r}.")
        _condition(builder, condition)
