"""Form metadata from the models and custom fields, and validation of typed values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services.record_fields import (
    FieldKind,
    InputFormat,
    builtin_fields,
    input_text,
    parse_choices,
    record_fields,
    validate,
)

FR = InputFormat(decimal_point=",", day_first=True, default_region="FR")
EN = InputFormat(decimal_point=".", day_first=False, default_region="GB")


def spec_of(object_type: str, key: str) -> Any:
    return next(s for s in builtin_fields(object_type) if s.key == key)


@pytest.mark.parametrize(
    ("object_type", "key", "kind", "required", "extra"),
    [
        ("contact", "last_name", FieldKind.TEXT, True, {"max_length": 100}),
        ("contact", "first_name", FieldKind.TEXT, False, {"max_length": 100}),
        ("contact", "email", FieldKind.EMAIL, False, {"derived_key": "email_normalized"}),
        ("contact", "mobile_raw", FieldKind.PHONE, False, {"derived_key": "mobile_e164"}),
        ("contact", "account_id", FieldKind.RELATION, False, {"target": "account"}),
        ("contact", "consent_status", FieldKind.CHOICE, True, {"default": "unknown"}),
        ("account", "email", FieldKind.EMAIL, False, {"derived_key": None}),
        ("account", "website", FieldKind.URL, False, {}),
        ("opportunity", "amount_minor", FieldKind.MONEY, False, {"minimum": 0}),
        ("opportunity", "probability", FieldKind.NUMBER, True, {"minimum": 0, "maximum": 100}),
        ("opportunity", "stage_id", FieldKind.RELATION, True, {"target": "pipeline_stage"}),
        ("opportunity", "expected_close_date", FieldKind.DATE, False, {}),
        ("case", "satisfaction", FieldKind.NUMBER, False, {"minimum": 1, "maximum": 5}),
        ("case", "opened_at", FieldKind.DATETIME, True, {}),
        ("activity", "body", FieldKind.LONG_TEXT, False, {}),
        ("lead", "source", FieldKind.CHOICE, True, {"default": "other"}),
    ],
)
def test_fields_are_generated_from_the_models(
    object_type: str, key: str, kind: FieldKind, required: bool, extra: dict[str, Any]
) -> None:
    spec = spec_of(object_type, key)
    assert (spec.kind, spec.required) == (kind, required)
    for name, value in extra.items():
        assert getattr(spec, name) == value


def test_bookkeeping_and_derived_columns_are_not_fields() -> None:
    keys = {s.key for s in builtin_fields("contact")}
    assert keys.isdisjoint({"id", "created_at", "deleted_at", "email_normalized", "phone_e164"})
    assert "status" not in {s.key for s in builtin_fields("opportunity")}  # follows the stage


def test_custom_fields_follow_the_built_in_ones(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Define fields"):
        s.execute(
            text(
                "INSERT INTO custom_field_definitions (id, created_at, updated_at, record_type, "
                "key, label, field_type, choices, decimals, required, position) VALUES "
                "('d1', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z', "
                "'contact', 'segment', 'Segment', 'choice', '[\"PME\", \"ETI\"]', 0, 1, 0), "
                "('d2', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z', "
                "'contact', 'weight', 'Weight', 'number', NULL, 2, 0, 1)"
            )
        )
    with db.read_session() as s:
        specs = record_fields(s, "contact")
    assert [s.key for s in specs[-2:]] == ["cf:d1", "cf:d2"]
    segment, weight = specs[-2:]
    assert (segment.kind, segment.choices, segment.required) == (
        FieldKind.CHOICE,
        ("PME", "ETI"),
        True,
    )
    assert (weight.kind, weight.decimals) == (FieldKind.NUMBER, 2)
    checked = validate(specs, {"cf:d1": "GE", "cf:d2": "72,5"}, FR)
    assert checked.errors == {"cf:d1": "Segment must be one of: PME, ETI."}
    assert checked.values["cf:d2"] == 7250


def test_choices_are_read_as_json_or_one_per_line() -> None:
    assert parse_choices('["a", "b"]') == ("a", "b")
    assert parse_choices("a\nb\n") == ("a", "b")
    assert parse_choices(None) == ()


CONTACT = builtin_fields("contact")
ACCOUNT = builtin_fields("account")
OPPORTUNITY = builtin_fields("opportunity")
CASE = builtin_fields("case")


@pytest.mark.parametrize(
    ("specs", "typed", "key", "message"),
    [
        (CONTACT, {"email": "jean.dupont@"}, "email", "E-mail is not a valid address"),
        (CONTACT, {"email": "jean dupont@acme.fr"}, "email", "E-mail is not a valid address"),
        (CONTACT, {"phone_raw": "12"}, "phone_raw", "Phone is not a phone number"),
        (CONTACT, {"mobile_raw": "abc"}, "mobile_raw", "Mobile is not a phone number"),
        (CONTACT, {"last_name": ""}, "last_name", "Last name is required."),
        (CONTACT, {"last_name": "   "}, "last_name", "Last name is required."),
        (
            CONTACT,
            {"city": "x" * 10_000},
            "city",
            "City is 10,000 characters long; it holds at most 100.",
        ),
        (CONTACT, {"consent_date": "31/02/2025"}, "consent_date", "is not a real date"),
        (CONTACT, {"consent_date": "2025-13-01"}, "consent_date", "is not a real date"),
        (CONTACT, {"consent_date": "demain"}, "consent_date", "is not a date"),
        (CONTACT, {"consent_date": "12/03/25"}, "consent_date", "needs a four-digit year"),
        (CONTACT, {"consent_status": "maybe"}, "consent_status", "must be one of"),
        (CONTACT, {"country": "France"}, "country", "two-letter country code"),
        (OPPORTUNITY, {"amount_minor": "-500"}, "amount_minor", "Amount cannot be negative."),
        (OPPORTUNITY, {"amount_minor": "12,345"}, "amount_minor", "takes at most 2 decimals"),
        (OPPORTUNITY, {"amount_minor": "beaucoup"}, "amount_minor", "is not a number"),
        (OPPORTUNITY, {"probability": "150"}, "probability", "must be at most 100"),
        (OPPORTUNITY, {"probability": "12,5"}, "probability", "must be a whole number"),
        (CASE, {"satisfaction": "0"}, "satisfaction", "must be at least 1"),
        (CASE, {"opened_at": "01/02/2025 25:00"}, "opened_at", "time that does not exist"),
        (ACCOUNT, {"siren": "123456789"}, "siren", "is not a valid SIREN"),
        (ACCOUNT, {"employees": "-3"}, "employees", "Employees cannot be negative."),
        (ACCOUNT, {"website": "not a site"}, "website", "is not a web address"),
    ],
)
def test_bad_input_gets_a_message_naming_the_field(
    specs: Any, typed: dict[str, Any], key: str, message: str
) -> None:
    checked = validate(specs, typed, FR)
    assert not checked.ok
    assert list(checked.errors) == [key]
    assert message in checked.errors[key]
    assert key not in checked.values


@pytest.mark.parametrize(
    ("specs", "typed", "fmt", "stored"),
    [
        (
            CONTACT,
            {"email": " Jean.Dupont@Exemple.FR "},
            FR,
            {"email": "Jean.Dupont@Exemple.FR", "email_normalized": "jean.dupont@exemple.fr"},
        ),
        (
            CONTACT,
            {"phone_raw": "06 12 34 56 78"},
            FR,
            {"phone_raw": "06 12 34 56 78", "phone_e164": "+33612345678"},
        ),
        (
            # a Belgian number read in the record's country, not the default region
            CONTACT,
            {"phone_raw": "0470 12 34 56", "country": "be"},
            FR,
            {"phone_raw": "0470 12 34 56", "phone_e164": "+32470123456", "country": "BE"},
        ),
        (
            CONTACT,
            {"phone_raw": "020 7946 0018"},
            EN,
            {"phone_raw": "020 7946 0018", "phone_e164": "+442079460018"},
        ),
        (CONTACT, {"phone_raw": ""}, FR, {"phone_raw": None, "phone_e164": None}),
        (OPPORTUNITY, {"amount_minor": "12 345,50 €"}, FR, {"amount_minor": 1234550}),
        (OPPORTUNITY, {"amount_minor": "12\u202f345,5"}, FR, {"amount_minor": 1234550}),
        (OPPORTUNITY, {"amount_minor": "12.50"}, FR, {"amount_minor": 1250}),
        (OPPORTUNITY, {"amount_minor": "12,345.50"}, EN, {"amount_minor": 1234550}),
        (OPPORTUNITY, {"amount_minor": "0"}, FR, {"amount_minor": 0}),
        (
            OPPORTUNITY,
            {"expected_close_date": "28/02/2025"},
            FR,
            {"expected_close_date": date(2025, 2, 28)},
        ),
        (
            OPPORTUNITY,
            {"expected_close_date": "02/28/2025"},
            EN,
            {"expected_close_date": date(2025, 2, 28)},
        ),
        (
            OPPORTUNITY,
            {"expected_close_date": "2024-02-29"},
            FR,
            {"expected_close_date": date(2024, 2, 29)},
        ),
        (ACCOUNT, {"siren": "552 100 554"}, FR, {"siren": "552100554"}),
        (
            ACCOUNT,
            {"website": "https://www.Acme.fr/contact"},
            FR,
            {"website": "https://www.Acme.fr/contact", "domain": "acme.fr"},
        ),
    ],
)
def test_good_input_is_stored_normalised(
    specs: Any, typed: dict[str, Any], fmt: InputFormat, stored: dict[str, Any]
) -> None:
    checked = validate(specs, typed, fmt)
    assert checked.errors == {}
    assert checked.values == stored


def test_a_typed_time_is_local_and_stored_in_utc() -> None:
    checked = validate(CASE, {"opened_at": "01/02/2025 14:30"}, FR)
    moment = checked.values["opened_at"]
    assert moment.tzinfo is UTC
    assert moment.astimezone().replace(tzinfo=None) == datetime(2025, 2, 1, 14, 30)


@pytest.mark.parametrize(
    ("specs", "key", "stored"),
    [
        (OPPORTUNITY, "amount_minor", 1234550),
        (OPPORTUNITY, "amount_minor", 5),
        (OPPORTUNITY, "expected_close_date", date(2025, 3, 9)),
        (CASE, "opened_at", datetime(2025, 3, 9, 8, 15, tzinfo=UTC)),
        (CONTACT, "last_name", "Lefèvre"),
    ],
)
@pytest.mark.parametrize("fmt", [FR, EN])
def test_what_the_form_shows_validates_back_to_the_stored_value(
    specs: Any, key: str, stored: Any, fmt: InputFormat
) -> None:
    spec = next(s for s in specs if s.key == key)
    shown = input_text(spec, stored, fmt)
    assert validate(specs, {key: shown}, fmt).values[key] == stored
