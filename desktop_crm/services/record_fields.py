"""What a record form shows and accepts: each object's fields (label, kind, required,
choices, length, range, relation) generated from the models and custom field definitions,
and the validation of typed values into stored ones, with one message per bad field.

Validation is a pure function of the typed values (no database), so the form runs it on
every keystroke; what needs the database (a related record that exists, a stage of the
pipeline) is checked again when saving (records.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, cast

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, Table, Text, inspect, select
from sqlalchemy.orm import Session

from desktop_crm.models import OBJECT_MODELS, CustomFieldDefinition
from desktop_crm.models.account import ACCOUNT_TYPES
from desktop_crm.models.activity import ACTIVITY_DIRECTIONS, ACTIVITY_TYPES
from desktop_crm.models.base import UtcDateTime
from desktop_crm.models.campaign import CAMPAIGN_STATUSES, CAMPAIGN_TYPES
from desktop_crm.models.case import CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES
from desktop_crm.models.consent import CONSENT_SOURCES, CONSENT_STATUSES
from desktop_crm.models.contact import PREFERRED_CHANNELS
from desktop_crm.models.lead import LEAD_SOURCES, LEAD_STATUSES
from desktop_crm.models.opportunity import LOST_REASONS, OPPORTUNITY_STATUSES
from desktop_crm.services.normalise import domain_of, email_key, phone_key, siren_key


class FieldKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    EMAIL = "email"
    PHONE = "phone"  #: raw text kept as typed, E.164 stored beside it
    URL = "url"
    NUMBER = "number"  #: integers, or scaled integers for custom numbers with decimals
    MONEY = "money"  #: integer minor units
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    BOOL = "bool"
    RELATION = "relation"  #: the id of another record


@dataclass(frozen=True)
class FieldSpec:
    key: str  #: column name, or "cf:<definition id>" for a custom field
    label: str  #: English; the view translates built-in labels
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    minimum: int | None = None  #: in stored units (minor units for money)
    maximum: int | None = None
    #: Object type (or "user", "pipeline_stage") a RELATION field points at.
    target: str | None = None
    #: Stored beside the typed value: the E.164 column of a phone, the matching key of
    #: an e-mail.
    derived_key: str | None = None
    #: The currency column of a MONEY field.
    currency_key: str | None = None
    decimals: int = 0
    default: Any = None
    #: Offered by the bulk edit of a list selection.
    bulk_editable: bool = True
    section: str = "Details"

    @property
    def is_custom(self) -> bool:
        return self.key.startswith("cf:")

    @property
    def definition_id(self) -> str:
        return self.key.removeprefix("cf:")


@dataclass(frozen=True)
class InputFormat:
    """How the user types numbers and dates, and the region national phone numbers are
    read in when the record has no country. The view fills it from its QLocale and the
    preferences."""

    decimal_point: str = ","
    day_first: bool = True
    default_region: str = "FR"


@dataclass(frozen=True)
class Validation:
    """Stored values by column (derived columns included) and error messages by field key.
    `values` holds only fields that parsed; it is written only when `errors` is empty."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- the metadata -----------------------------------------------------------------------------

#: Columns no form shows: bookkeeping, derived from another field, or owned by another
#: feature (kanban order, lead conversion).
HIDDEN = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "deleted_at",
        "email_normalized",
        "phone_e164",
        "mobile_e164",
        "domain",
        "board_position",
        "stage_entered_at",
        "pipeline_id",  # follows the stage, which names its pipeline
        "converted_at",
        "converted_contact_id",
        "converted_account_id",
        "converted_opportunity_id",
        "currency",  # shown with the amount it belongs to
        "activity_touched_at",  # kept by triggers from the deal's activities
    }
)

CHOICES: dict[str, tuple[str, ...]] = {
    "account_type": ACCOUNT_TYPES,
    "activity_type": ACTIVITY_TYPES,
    "direction": ACTIVITY_DIRECTIONS,
    "campaign_type": CAMPAIGN_TYPES,
    "channel": CASE_CHANNELS,
    "priority": CASE_PRIORITIES,
    "consent_status": CONSENT_STATUSES,
    "consent_source": CONSENT_SOURCES,
    "preferred_channel": PREFERRED_CHANNELS,
    "lost_reason": LOST_REASONS,
}
#: Choice columns whose allowed values differ per object.
CHOICES_BY_OBJECT: dict[tuple[str, str], tuple[str, ...]] = {
    ("lead", "source"): LEAD_SOURCES,
    ("opportunity", "source"): LEAD_SOURCES,
    ("lead", "status"): LEAD_STATUSES,
    ("opportunity", "status"): OPPORTUNITY_STATUSES,
    ("campaign", "status"): CAMPAIGN_STATUSES,
    ("case", "status"): CASE_STATUSES,
}

LABELS: dict[str, str] = {
    "account_id": "Account",
    "contact_id": "Contact",
    "lead_id": "Lead",
    "opportunity_id": "Opportunity",
    "case_id": "Case",
    "campaign_id": "Campaign",
    "primary_contact_id": "Primary contact",
    "parent_account_id": "Parent account",
    "stage_id": "Stage",
    "owner_id": "Owner",
    "email": "E-mail",
    "phone_raw": "Phone",
    "mobile_raw": "Mobile",
    "siren": "SIREN",
    "annual_revenue_minor": "Annual revenue",
    "amount_minor": "Amount",
    "budget_minor": "Budget",
    "actual_cost_minor": "Actual cost",
    "probability": "Probability %",
    "expected_close_date": "Expected close",
    "closed_at": "Closed on",
    "due_at": "Due",
    "done_at": "Done",
    "duration_minutes": "Duration (minutes)",
    "activity_type": "Type",
    "account_type": "Type",
    "campaign_type": "Type",
    "consent_status": "Consent",
    "consent_source": "Consent source",
    "consent_date": "Consent date",
    "opened_at": "Opened",
    "resolved_at": "Resolved",
    "satisfaction": "Satisfaction (1–5)",
    "score": "Score",
    "lost_detail": "Lost detail",
}

#: Ranges the models do not state as CHECK constraints but that no value may break.
EXTRA_RANGES: dict[str, tuple[int | None, int | None]] = {
    "employees": (0, None),
    "annual_revenue_minor": (0, None),
    "duration_minutes": (0, 60 * 24 * 31),
    "score": (0, 100),
}

_SECTIONS = {
    "street": "Address",
    "postal_code": "Address",
    "city": "Address",
    "region": "Address",
    "country": "Address",
    "consent_status": "Consent",
    "consent_source": "Consent",
    "consent_date": "Consent",
    "description": "Notes",
    "notes": "Notes",
    "body": "Notes",
    "lost_detail": "Notes",
}

_RELATION_TARGETS = {
    "accounts": "account",
    "contacts": "contact",
    "leads": "lead",
    "opportunities": "opportunity",
    "cases": "case",
    "campaigns": "campaign",
    "users": "user",
    "pipeline_stages": "pipeline_stage",
}

_RANGE_PATTERNS = (
    re.compile(r"(\w+) BETWEEN (-?\d+) AND (-?\d+)"),
    re.compile(r"(\w+) >= (-?\d+)"),
)


def _label_of(column: str) -> str:
    if column in LABELS:
        return LABELS[column]
    words = column.replace("_", " ")
    return words[:1].upper() + words[1:]


def _ranges(table: Table) -> dict[str, tuple[int | None, int | None]]:
    """Ranges read from the table's CHECK constraints (`x BETWEEN 0 AND 100`, `x >= 0`)."""
    found: dict[str, tuple[int | None, int | None]] = {}
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        sql = str(constraint.sqltext)
        between = _RANGE_PATTERNS[0].search(sql)
        if between:
            found[between.group(1)] = (int(between.group(2)), int(between.group(3)))
            continue
        at_least = _RANGE_PATTERNS[1].search(sql)
        if at_least:
            found[at_least.group(1)] = (int(at_least.group(2)), None)
    return found


#: Per object: columns another field decides (an opportunity's status follows its stage).
HIDDEN_BY_OBJECT = frozenset({("opportunity", "status")})


def builtin_fields(object_type: str) -> tuple[FieldSpec, ...]:
    """The model's own fields in column order, as a form shows them."""
    model = OBJECT_MODELS.get(object_type)
    if model is None:
        raise ValueError(f"There are no {object_type!r} records.")
    table = cast(Table, inspect(model).local_table)
    ranges = {**EXTRA_RANGES, **_ranges(table)}
    columns = set(table.columns.keys())
    specs: list[FieldSpec] = []
    for column in table.columns:
        name = column.name
        if name in HIDDEN or (object_type, name) in HIDDEN_BY_OBJECT:
            continue
        required = not column.nullable
        default = getattr(column.default, "arg", None)
        if callable(default):
            default = None
        choices = CHOICES_BY_OBJECT.get((object_type, name)) or CHOICES.get(name, ())
        max_length: int | None = None
        kind: FieldKind
        target: str | None = None
        derived: str | None = None
        currency: str | None = None
        if column.foreign_keys:
            kind = FieldKind.RELATION
            fk = next(iter(column.foreign_keys))
            target = _RELATION_TARGETS.get(fk.column.table.name, fk.column.table.name)
        elif choices:
            kind = FieldKind.CHOICE
        elif isinstance(column.type, UtcDateTime):
            kind = FieldKind.DATETIME
        elif isinstance(column.type, Date):
            kind = FieldKind.DATE
        elif isinstance(column.type, Boolean):
            kind = FieldKind.BOOL
        elif isinstance(column.type, Integer):
            if name.endswith("_minor"):
                kind = FieldKind.MONEY
                currency = "currency" if "currency" in columns else None
            else:
                kind = FieldKind.NUMBER
        elif isinstance(column.type, Text):
            kind = FieldKind.LONG_TEXT
        else:
            kind = FieldKind.TEXT
            if isinstance(column.type, String):
                max_length = column.type.length
            if name == "email":
                kind = FieldKind.EMAIL
                derived = "email_normalized" if "email_normalized" in columns else None
            elif name.endswith("_raw"):
                kind = FieldKind.PHONE
                derived = name.removesuffix("_raw") + "_e164"
            elif name == "website":
                kind = FieldKind.URL
        low, high = ranges.get(name, (None, None))
        specs.append(
            FieldSpec(
                key=name,
                label=_label_of(name),
                kind=kind,
                required=required,
                choices=tuple(choices),
                max_length=max_length,
                minimum=low,
                maximum=high,
                target=target,
                derived_key=derived,
                currency_key=currency,
                default=default,
                bulk_editable=name != "stage_id",
                section=_SECTIONS.get(name, "Details"),
            )
        )
    first = FIRST_FIELDS.get(object_type, ())
    specs.sort(key=lambda s: first.index(s.key) if s.key in first else len(first))
    return tuple(specs)


#: Fields a form shows first, where the model's column order is not how people read.
FIRST_FIELDS: dict[str, tuple[str, ...]] = {
    "contact": ("salutation", "first_name", "last_name", "account_id", "job_title"),
}


_CUSTOM_KINDS = {
    "text": FieldKind.TEXT,
    "number": FieldKind.NUMBER,
    "date": FieldKind.DATE,
    "choice": FieldKind.CHOICE,
    "bool": FieldKind.BOOL,
}
#: Longest custom text value; the column is TEXT, but a form field is not a document.
CUSTOM_TEXT_MAX = 2000


def parse_choices(stored: str | None) -> tuple[str, ...]:
    """A definition's choices: a JSON list (as stored), or one per line (older files)."""
    if not stored:
        return ()
    try:
        values = json.loads(stored)
    except ValueError:
        return tuple(line.strip() for line in stored.splitlines() if line.strip())
    if isinstance(values, list):
        return tuple(str(v) for v in values)
    return ()


def custom_fields(session: Session, object_type: str) -> tuple[FieldSpec, ...]:
    rows = session.execute(
        select(
            CustomFieldDefinition.id,
            CustomFieldDefinition.label,
            CustomFieldDefinition.field_type,
            CustomFieldDefinition.choices,
            CustomFieldDefinition.decimals,
            CustomFieldDefinition.required,
        )
        .where(
            CustomFieldDefinition.record_type == object_type,
            CustomFieldDefinition.deleted_at.is_(None),
        )
        .order_by(CustomFieldDefinition.position, CustomFieldDefinition.label)
    ).all()
    return tuple(
        FieldSpec(
            key=f"cf:{id_}",
            label=label,
            kind=_CUSTOM_KINDS.get(field_type, FieldKind.TEXT),
            required=bool(required),
            choices=parse_choices(choices) if field_type == "choice" else (),
            max_length=CUSTOM_TEXT_MAX if field_type == "text" else None,
            decimals=decimals or 0,
            section="More",
        )
        for id_, label, field_type, choices, decimals, required in rows
    )


def record_fields(session: Session, object_type: str) -> tuple[FieldSpec, ...]:
    """Every field of the object's form: the model's, then its custom fields."""
    return builtin_fields(object_type) + custom_fields(session, object_type)


# --- parsing ---------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_CURRENCY_SIGNS = re.compile(r"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF)\b", re.IGNORECASE)
_DATE_PARTS = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_TIME = re.compile(r"^(\d{1,2})[:hH](\d{2})$")


class ParseError(ValueError):
    """A typed value that does not read as its field's kind; the message says what fits."""


def parse_number(text: str, decimal_point: str, decimals: int) -> int:
    """'12 345,50' → 1234550 with decimals=2. Refuses more decimals than the field keeps,
    rather than rounding money the user typed."""
    cleaned = _SPACES.sub("", _CURRENCY_SIGNS.sub("", text))
    other = "." if decimal_point == "," else ","
    if decimal_point not in cleaned and cleaned.count(other) == 1:
        head, tail = cleaned.split(other)
        # "12.50" in a comma locale is still a decimal; "12.500" reads as a group.
        if len(tail) != 3:
            cleaned = f"{head}{decimal_point}{tail}"
    cleaned = cleaned.replace(other, "")
    negative = cleaned.startswith("-")
    cleaned = cleaned.removeprefix("-").removeprefix("+")
    whole, _, fraction = cleaned.partition(decimal_point)
    if not whole and not fraction:
        raise ParseError("is not a number")
    if not (whole.isdigit() or whole == "") or not (fraction.isdigit() or fraction == ""):
        raise ParseError("is not a number")
    if len(fraction) > decimals:
        if decimals == 0:
            raise ParseError("must be a whole number")
        raise ParseError(f"takes at most {decimals} decimals")
    scale: int = 10**decimals
    value = int(whole or "0") * scale + int((fraction or "0").ljust(decimals, "0") or 0)
    return -value if negative else value


def parse_date(text: str, day_first: bool = True) -> date:
    """ISO `2025-02-28`, or `28/02/2025` (`02/28/2025` when not day-first); dots and
    dashes work as separators. An impossible day (31/02/2025) is refused, never rolled."""
    match = _DATE_PARTS.match(text.strip())
    if match is None:
        raise ParseError("is not a date (dd/mm/yyyy)" if day_first else "is not a date")
    a, b, c = (int(part) for part in match.groups())
    if len(match.group(1)) == 4:
        year, month, day = a, b, c
    elif len(match.group(3)) == 4:
        year = c
        day, month = (a, b) if day_first else (b, a)
    else:
        raise ParseError("needs a four-digit year")
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(f"is not a real date (there is no {text.strip()})") from None


def parse_datetime(text: str, day_first: bool = True) -> datetime:
    """A date, optionally followed by a time `14:30` (local time), as a UTC datetime."""
    parts = text.strip().split()
    day = parse_date(parts[0], day_first)
    hour = minute = 0
    if len(parts) == 2:
        match = _TIME.match(parts[1])
        if match is None:
            raise ParseError("has a time that is not hh:mm")
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ParseError("has a time that does not exist")
    elif len(parts) > 2:
        raise ParseError("is not a date and time (dd/mm/yyyy hh:mm)")
    local = datetime(day.year, day.month, day.day, hour, minute).astimezone()
    return local.astimezone(UTC)


def email_problem(text: str) -> str | None:
    """Why `text` is not an e-mail address, in email-validator's words; None when it is."""
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


# --- validation ------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_text(value: Any) -> str:
    return str(value).strip()


def validate(
    specs: Sequence[FieldSpec],
    typed: Mapping[str, Any],
    fmt: InputFormat | None = None,
) -> Validation:
    """Check and convert the typed values of the fields present in `typed`.

    Values are what a form holds: text for text-like fields (numbers, money, dates
    included, as typed), a choice code, a bool, a record id; already-typed values
    (int, date, datetime) pass through their range checks. Blank means "no value".
    """
    fmt = fmt or InputFormat()
    by_key = {spec.key: spec for spec in specs}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    country = typed.get("country")
    region = country.strip().upper() if isinstance(country, str) and country.strip() else None
    for key, raw in typed.items():
        spec = by_key.get(key)
        if spec is None:
            continue
        try:
            for column, value in _convert(spec, raw, fmt, region).items():
                values[column] = value
        except ParseError as error:
            errors[key] = f"{spec.label} {str(error).rstrip('.')}."
    if "website" in values and "domain" not in values and "website" in by_key:
        website = values["website"]
        if by_key["website"].kind is FieldKind.URL and "name" in by_key:  # accounts
            values["domain"] = domain_of(website) if website else None
    return Validation(values, errors)


def missing_required(specs: Sequence[FieldSpec], values: Mapping[str, Any]) -> dict[str, str]:
    """Required fields absent or blank in a full record's values."""
    return {
        spec.key: f"{spec.label} is required."
        for spec in specs
        if spec.required and _blank(values.get(spec.key))
    }


def _convert(spec: FieldSpec, raw: Any, fmt: InputFormat, region: str | None) -> dict[str, Any]:
    """The stored columns of one field's typed value, or ParseError."""
    kind = spec.kind
    if _blank(raw):
        if spec.required:
            raise ParseError("is required")
        stored: dict[str, Any] = {spec.key: None}
        if spec.derived_key:
            stored[spec.derived_key] = None
        return stored
    if kind is FieldKind.BOOL:
        return {spec.key: bool(raw)}
    if kind is FieldKind.CHOICE:
        code = _clean_text(raw)
        if spec.choices and code not in spec.choices:
            raise ParseError(f"must be one of: {', '.join(spec.choices)}")
        return {spec.key: code}
    if kind is FieldKind.RELATION:
        return {spec.key: _clean_text(raw)}
    if kind in (FieldKind.NUMBER, FieldKind.MONEY):
        decimals = 2 if kind is FieldKind.MONEY else spec.decimals
        if isinstance(raw, bool):
            raise ParseError("is not a number")
        number = (
            raw if isinstance(raw, int) else parse_number(str(raw), fmt.decimal_point, decimals)
        )
        _check_range(spec, number, decimals, fmt)
        return {spec.key: number}
    if kind is FieldKind.DATE:
        if isinstance(raw, datetime):
            raw = raw.date()
        day = raw if isinstance(raw, date) else parse_date(str(raw), fmt.day_first)
        return {spec.key: day}
    if kind is FieldKind.DATETIME:
        if isinstance(raw, datetime):
            if raw.tzinfo is None:
                raise ParseError("needs a time zone")
            return {spec.key: raw.astimezone(UTC)}
        if isinstance(raw, date):
            return {spec.key: parse_datetime(raw.isoformat(), fmt.day_first)}
        return {spec.key: parse_datetime(str(raw), fmt.day_first)}
    text = _clean_text(raw) if kind is not FieldKind.LONG_TEXT else str(raw).strip("\n")
    if spec.key == "siren":
        siren = siren_key(text)
        if siren is None:
            raise ParseError("is not a valid SIREN (9 digits, or a 14-digit SIRET)")
        return {spec.key: siren}
    if spec.key == "country":
        if not re.fullmatch(r"[A-Za-z]{2}", text):
            raise ParseError("must be a two-letter country code (FR, BE, CH…)")
        return {spec.key: text.upper()}
    limit = spec.max_length
    if limit is not None and len(text) > limit:
        raise ParseError(f"is {len(text):,} characters long; it holds at most {limit:,}")
    if kind is FieldKind.EMAIL:
        problem = email_problem(text)
        if problem is not None:
            raise ParseError(f"is not a valid address: {problem}")
        stored = {spec.key: text}
        if spec.derived_key:
            stored[spec.derived_key] = email_key(text)
        return stored
    if kind is FieldKind.PHONE:
        e164 = phone_key(text, region or fmt.default_region)
        if e164 is None:
            raise ParseError("is not a phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78)")
        stored = {spec.key: text}
        if spec.derived_key:
            stored[spec.derived_key] = e164
        return stored
    if kind is FieldKind.URL and domain_of(text) is None:
        raise ParseError("is not a web address")
    return {spec.key: text}


def _check_range(spec: FieldSpec, number: int, decimals: int, fmt: InputFormat) -> None:
    def shown(value: int) -> str:
        if not decimals:
            return str(value)
        return f"{value / 10**decimals:.{decimals}f}".replace(".", fmt.decimal_point)

    if spec.minimum is not None and number < spec.minimum:
        if spec.minimum == 0:
            raise ParseError("cannot be negative")
        raise ParseError(f"must be at least {shown(spec.minimum)}")
    if spec.maximum is not None and number > spec.maximum:
        raise ParseError(f"must be at most {shown(spec.maximum)}")
    if abs(number) >= 2**63:
        raise ParseError("is too large")


def input_text(spec: FieldSpec, value: Any, fmt: InputFormat | None = None) -> Any:
    """A stored value as the form's editor takes it: text for the text-like kinds (so
    validating it again gives the same value), the value itself for the others."""
    fmt = fmt or InputFormat()
    if value is None:
        return None if spec.kind in (FieldKind.CHOICE, FieldKind.RELATION) else ""
    if spec.kind in (FieldKind.NUMBER, FieldKind.MONEY):
        decimals = 2 if spec.kind is FieldKind.MONEY else spec.decimals
        if not decimals:
            return str(int(value))
        sign = "-" if int(value) < 0 else ""
        whole, fraction = divmod(abs(int(value)), 10**decimals)
        return f"{sign}{whole}{fmt.decimal_point}{fraction:0{decimals}d}"
    if spec.kind is FieldKind.DATE and isinstance(value, date):
        return value.strftime("%d/%m/%Y" if fmt.day_first else "%m/%d/%Y")
    if spec.kind is FieldKind.DATETIME and isinstance(value, datetime):
        local = value.astimezone()
        pattern = "%d/%m/%Y %H:%M" if fmt.day_first else "%m/%d/%Y %H:%M"
        return local.strftime(pattern)
    if spec.kind is FieldKind.BOOL:
        return bool(value)
    return str(value) if spec.kind not in (FieldKind.CHOICE, FieldKind.RELATION) else value
