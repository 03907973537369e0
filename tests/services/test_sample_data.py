"""Sample data is deterministic, realistic (valid phones, e-mails, SIREN, postal codes that
match their cities, deals in every stage) and loads as one undoable, cancellable operation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from email_validator import validate_email
from sqlalchemy import text

from desktop_crm.models.base import format_timestamp, parse_timestamp
from desktop_crm.models.database import Database
from desktop_crm.models.journal import journaled_tables
from desktop_crm.services import sample_data, sample_pools
from desktop_crm.services.progress import Cancelled
from desktop_crm.services.sample_data import DemoReport, generate, planned_counts

REFERENCE = date(2025, 6, 15)
NOW = "2025-06-15T00:00:00.000000Z"
CONTACTS = 2000


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoReport]]:
    """One database with 2,000 contacts' worth of sample data, shared by the read-only tests."""
    database = Database.open(tmp_path_factory.mktemp("demo") / "crm.sqlite")
    try:
        report = generate(database.session, CONTACTS, seed=7, reference_date=REFERENCE)
        yield database, report
    finally:
        database.close()


def query(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with db.read_session() as session:
        return [tuple(row) for row in session.execute(text(sql), params)]


def scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.read_session() as session:
        return session.execute(text(sql), params).scalar()


# --- determinism ------------------------------------------------------------------------------


def demo_content(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the demo inserted, table by table, with the ids of rows that existed before
    (the local user, the default pipeline and its stages, random per database) replaced by a
    stable name."""
    op = scalar(db, "SELECT id FROM journal_operations WHERE kind = 'demo'")
    external = {
        row_id: f"<{table}:{name}>"
        for table in ("users", "pipelines", "pipeline_stages")
        for row_id, name in query(
            db,
            f"SELECT id, name FROM {table} WHERE id NOT IN "
            "(SELECT row_id FROM journal_entries WHERE operation_id = :op)",
            op=op,
        )
    }
    with db.read_session() as session:
        tables = journaled_tables(session.connection())
    return {
        table: [
            tuple(external.get(value, value) for value in row)
            for row in query(
                db,
                f'SELECT * FROM "{table}" WHERE id IN (SELECT row_id FROM journal_entries '
                "WHERE operation_id = :op) ORDER BY id",
                op=op,
            )
        ]
        for table in tables
    }


def test_same_seed_and_reference_date_give_identical_content(db: Database, tmp_path: Path) -> None:
    generate(db.session, 600, seed=3, reference_date=REFERENCE)
    with Database.open(tmp_path / "other.sqlite") as other:
        generate(other.session, 600, seed=3, reference_date=REFERENCE)
        first, second = demo_content(db), demo_content(other)
    assert sum(len(rows) for rows in first.values()) > 4000
    assert first == second


def test_a_different_seed_gives_different_content(db: Database, tmp_path: Path) -> None:
    generate(db.session, 300, seed=3, reference_date=REFERENCE)
    with Database.open(tmp_path / "other.sqlite") as other:
        generate(other.session, 300, seed=4, reference_date=REFERENCE)
        first, second = demo_content(db), demo_content(other)
    assert len(first["contacts"]) == len(second["contacts"]) == 300
    assert first["contacts"] != second["contacts"]
    assert first["activities"] != second["activities"]


# --- proportions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("contacts", 2000),
        ("accounts", 400),
        ("leads", 600),
        ("opportunities", 400),
        ("activities", 10_000),
        ("cases", 200),
        ("campaigns", 10),
        ("teams", 2),
        ("users", 8 + 1),  # the demo's people and the local user
    ],
)
def test_each_object_is_generated_in_proportion_to_contacts(
    loaded: tuple[Database, DemoReport], table: str, expected: int
) -> None:
    db, _ = loaded
    assert scalar(db, f"SELECT count(*) FROM {table}") == expected


@pytest.mark.parametrize(
    ("table", "low", "high"),
    [("campaign_members", 100, 600), ("taggings", 150, 600), ("custom_field_values", 900, 1800)],
)
def test_links_tags_and_custom_values_cover_part_of_the_records(
    loaded: tuple[Database, DemoReport], table: str, low: int, high: int
) -> None:
    db, _ = loaded
    assert low <= scalar(db, f"SELECT count(*) FROM {table}") <= high


#: Rows that were there before the load: the local user and the default pipeline.
NOT_DEMO = {
    "users": "id != (SELECT value FROM app_settings WHERE key = 'current_user_id')",
    "pipelines": "is_default = 0",
    "pipeline_stages": "pipeline_id != (SELECT id FROM pipelines WHERE is_default = 1)",
}


def test_report_counts_match_the_database(loaded: tuple[Database, DemoReport]) -> None:
    db, report = loaded
    for table, count in report.counts.items():
        where = NOT_DEMO.get(table, "1")
        assert scalar(db, f"SELECT count(*) FROM {table} WHERE {where}") == count, table


def test_tiny_loads_still_have_an_account_and_a_campaign() -> None:
    assert planned_counts(1) == {
        "contacts": 1,
        "accounts": 1,
        "leads": 0,
        "opportunities": 0,
        "activities": 5,
        "cases": 0,
        "campaigns": 1,
    }


def test_a_one_contact_load_works(db: Database) -> None:
    report = generate(db.session, 1, reference_date=REFERENCE)
    assert report.counts["contacts"] == 1
    assert report.counts["activities"] == 5


# --- realistic values -------------------------------------------------------------------------


def phone_pairs(db: Database) -> list[tuple[str, str, str, str]]:
    pairs = []
    for table, raw, e164 in [
        ("accounts", "phone_raw", "phone_e164"),
        ("contacts", "phone_raw", "phone_e164"),
        ("contacts", "mobile_raw", "mobile_e164"),
        ("leads", "phone_raw", "phone_e164"),
    ]:
        pairs += [
            (table, *row)
            for row in query(
                db, f"SELECT {raw}, {e164}, country FROM {table} WHERE {raw} IS NOT NULL"
            )
        ]
    return pairs


def test_every_phone_is_valid_and_its_raw_form_parses_to_the_stored_e164(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    pairs = phone_pairs(db)
    assert len(pairs) > 3000
    bad = []
    for table, raw, e164, country in pairs:
        number = phonenumbers.parse(raw, country)
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if not phonenumbers.is_valid_number(number) or formatted != e164:
            bad.append((table, raw, e164, country))
    assert bad == []
    raw_forms = [raw for _, raw, _, _ in pairs]
    for habit in ("06 ", "+33 ", ".", "07", "(", "+44 "):  # typed the way people type them
        assert any(habit in raw for raw in raw_forms), habit


def all_plans() -> list[tuple[str, str, int]]:
    plans = [(c, prefix, free) for c, plan in sample_pools.MOBILES.items() for prefix, free in plan]
    for city in (*sample_pools.CITIES_FR, *sample_pools.CITIES_ABROAD):
        plans += [(city.country, p, f) for p, f in sample_pools.landline_plan(city)]
    return plans


@pytest.mark.parametrize("suffix_digit", ["0", "5", "9"])
def test_every_phone_prefix_makes_valid_numbers_whatever_the_free_digits(
    suffix_digit: str,
) -> None:
    bad = []
    for country, prefix, free in all_plans():
        nsn = prefix + suffix_digit * free
        for style in range(6):
            raw = sample_pools.format_phone(country, nsn, style)
            number = phonenumbers.parse(raw, country)
            e164 = f"+{sample_pools.COUNTRY_CODES[country]}{nsn}"
            if (
                not phonenumbers.is_valid_number(number)
                or phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) != e164
            ):
                bad.append((country, raw))
    assert bad == []


def test_every_email_is_valid_ascii_and_normalised_in_lower_case(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    rows = query(
        db,
        "SELECT email, email_normalized FROM contacts WHERE email IS NOT NULL "
        "UNION ALL SELECT email, email_normalized FROM leads WHERE email IS NOT NULL",
    )
    rows += [
        (e, e)
        for (e,) in query(
            db,
            "SELECT email FROM accounts WHERE email IS NOT NULL "
            "UNION ALL SELECT email FROM users WHERE email "
            "IS NOT NULL AND email LIKE '%@%'",
        )
    ]
    assert len(rows) > 2500
    for email, normalized in rows:
        assert email.isascii(), email
        assert normalized == email.lower()
        validate_email(email, check_deliverability=False)
    domains = {n.split("@")[1] for _, n in rows}
    assert {"gmail.com", "orange.fr", "free.fr", "laposte.net"} <= domains


def test_names_mix_french_accents_and_english(loaded: tuple[Database, DemoReport]) -> None:
    db, _ = loaded
    first_names = {n for (n,) in query(db, "SELECT DISTINCT first_name FROM contacts")}
    assert {"Léa", "Chloé", "François", "Hélène"} & first_names
    assert any(not n.isascii() for n in first_names)
    assert {"James", "Emily", "Oliver", "Sarah"} & first_names
    languages = dict(query(db, "SELECT language, count(*) FROM contacts GROUP BY language"))
    assert languages["fr"] > languages["en"] > 0


def luhn_valid(number: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(number)):
        digit = int(char) * (2 if i % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def test_french_accounts_have_a_unique_luhn_valid_siren_and_others_none(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    rows = query(db, "SELECT siren, country FROM accounts")
    sirens = [s for s, country in rows if country == "FR"]
    assert len(sirens) > 200
    assert all(re.fullmatch(r"\d{9}", s) and luhn_valid(s) for s in sirens)
    assert len(set(sirens)) == len(sirens)
    assert {s for s, country in rows if country != "FR"} == {None}
    assert not luhn_valid("732829321")  # the checker itself catches a wrong digit


#: Department (first two digits) of French cities, and the UK/Canadian postcode areas,
#: US ZIP and Belgian/Swiss/German code prefixes of foreign ones.
EXPECTED_POSTAL = {
    "Paris": r"750(0[1-9]|1\d|20)|75116",
    "Lyon": r"6900[1-9]",
    "Marseille": r"130(0[1-9]|1[0-6])",
    "Toulouse": r"31\d00",
    "Nantes": r"44[0-3]00",
    "Bordeaux": r"33\d00",
    "Lille": r"59\d{3}",
    "Strasbourg": r"67[0-2]00",
    "Rennes": r"35\d00",
    "Montpellier": r"340\d0",
    "Nice": r"06\d00",
    "Grenoble": "38",
    "Dijon": "21",
    "Angers": "49",
    "Reims": "51",
    "Le Havre": "76",
    "Saint-Étienne": "42",
    "Toulon": "83",
    "Clermont-Ferrand": "63",
    "Tours": "37",
    "Limoges": "87",
    "Annecy": "74",
    "Aix-en-Provence": "13",
    "Brest": "29",
    "Caen": "14",
    "Rouen": "76",
    "Metz": "57",
    "Nancy": "54",
    "Orléans": "45",
    "Perpignan": "66",
    "La Rochelle": "17",
    "Pau": "64",
    "Besançon": "25",
    "Mulhouse": "68",
    "Avignon": "84",
    "Poitiers": "86",
    "Villeurbanne": "69",
    "Boulogne-Billancourt": "92",
    "Nanterre": "92",
    "Levallois-Perret": "92",
    "Neuilly-sur-Seine": "92",
    "Issy-les-Moulineaux": "92",
    "Courbevoie": "92",
    "Montreuil": "93",
    "Saint-Denis": "93",
    "Versailles": "78",
    "Créteil": "94",
    "London": r"(E|EC|N|NW|SE|SW|W|WC)\d",
    "Manchester": r"M\d",
    "Birmingham": r"B\d",
    "Edinburgh": r"EH\d",
    "Bristol": r"BS\d",
    "New York": "10[0-2]",
    "San Francisco": "941",
    "Boston": "02[12]",
    "Chicago": "606",
    "Austin": "787",
    "Bruxelles": "1[0-2]",
    "Liège": "40",
    "Namur": "5[01]",
    "Antwerpen": "2[0-2]",
    "Gent": "90",
    "Genève": "12",
    "Lausanne": "10",
    "Zürich": "80",
    "Montréal": "H",
    "Québec": "G",
    "Toronto": "M",
    "Berlin": "10",
    "München": "8[01]",
    "Hamburg": "2[0-2]",
}
POSTCODE_SHAPES = {
    "FR": r"\d{5}",
    "US": r"\d{5}",
    "DE": r"\d{5}",
    "BE": r"\d{4}",
    "CH": r"\d{4}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
    "CA": r"[A-Z]\d[A-Z] \d[A-Z]\d",
}


@pytest.mark.parametrize("table", ["accounts", "contacts"])
def test_postal_codes_match_their_city_and_country(
    loaded: tuple[Database, DemoReport], table: str
) -> None:
    db, _ = loaded
    rows = query(db, f"SELECT city, postal_code, country FROM {table}")
    bad = [
        row
        for row in rows
        if not re.fullmatch(POSTCODE_SHAPES[row[2]], row[1])
        or not re.match(EXPECTED_POSTAL[row[0]], row[1])
    ]
    assert bad == []
    assert len({country for _, _, country in rows}) >= 5


@pytest.mark.parametrize(
    ("city", "prefix"),
    [
        ("Paris", "+331"),
        ("Lyon", "+334"),
        ("Marseille", "+334"),
        ("Nantes", "+332"),
        ("Bordeaux", "+335"),
        ("Lille", "+333"),
        ("Strasbourg", "+333"),
        ("London", "+4420"),
    ],
)
def test_account_landlines_carry_their_city_area_code(
    loaded: tuple[Database, DemoReport], city: str, prefix: str
) -> None:
    db, _ = loaded
    phones = [p for (p,) in query(db, "SELECT phone_e164 FROM accounts WHERE city = :c", c=city)]
    assert all(p.startswith(prefix) for p in phones), phones


def test_websites_and_domains_derive_from_the_company_name(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    rows = query(db, "SELECT name, website, domain FROM accounts")
    assert len({domain for _, _, domain in rows}) == len(rows)
    for name, website, domain in rows:
        assert website == f"https://www.{domain}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)+", domain), domain
        assert domain.split(".")[0].split("-")[0] in sample_pools.slug(name)
    legal_forms = {name.rsplit(" ", 1)[1] for name, _, _ in rows}
    assert {"SARL", "SAS", "Ltd"} <= legal_forms


# --- business consistency ---------------------------------------------------------------------


def test_deals_are_in_every_stage_of_both_pipelines_with_its_probability(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    rows = query(
        db,
        "SELECT s.id, s.kind, s.probability, count(o.id), "
        "sum(o.probability = s.probability AND o.status = s.kind "
        "AND o.pipeline_id = s.pipeline_id) "
        "FROM pipeline_stages s LEFT JOIN opportunities o ON o.stage_id = s.id GROUP BY s.id",
    )
    assert len(rows) == 7 + 4
    for _, _, _, count, consistent in rows:
        assert count > 0
        assert consistent == count


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("status IN ('won', 'lost') AND closed_at IS NULL", 0),
        ("status = 'open' AND closed_at IS NOT NULL", 0),
        ("status = 'lost' AND lost_reason IS NULL", 0),
        ("status != 'lost' AND lost_reason IS NOT NULL", 0),
        ("closed_at >= :today", 0),
        ("created_at > stage_entered_at", 0),
        ("amount_minor IS NULL OR amount_minor <= 0", 0),
        ("status = 'open' AND expected_close_date < :today", "a few"),
        (
            "primary_contact_id IS NOT NULL AND primary_contact_id NOT IN "
            "(SELECT id FROM contacts c WHERE c.account_id = opportunities.account_id)",
            0,
        ),
    ],
)
def test_deal_fields_are_consistent(
    loaded: tuple[Database, DemoReport], condition: str, expected: int | str
) -> None:
    db, _ = loaded
    count = scalar(
        db, f"SELECT count(*) FROM opportunities WHERE {condition}", today=REFERENCE.isoformat()
    )
    if expected == "a few":
        assert 0 < count < 40
    else:
        assert count == expected


def test_deal_amounts_spread_realistically_with_foreign_currencies(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    amounts = sorted(
        a for (a,) in query(db, "SELECT amount_minor FROM opportunities WHERE currency = 'EUR'")
    )
    median = amounts[len(amounts) // 2] / 100
    assert 2_000 <= median <= 30_000
    assert amounts[-1] / 100 > 50_000
    currencies = {c for (c,) in query(db, "SELECT DISTINCT currency FROM opportunities")}
    assert {"EUR", "GBP"} <= currencies


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("resolved_at < opened_at", 0),
        ("status IN ('resolved', 'closed') AND resolved_at IS NULL", 0),
        ("status NOT IN ('resolved', 'closed') AND resolved_at IS NOT NULL", 0),
        ("satisfaction IS NOT NULL AND status NOT IN ('resolved', 'closed')", 0),
        ("opened_at >= :now OR resolved_at >= :now", 0),
    ],
)
def test_case_dates_and_satisfaction_are_consistent(
    loaded: tuple[Database, DemoReport], condition: str, expected: int
) -> None:
    db, _ = loaded
    assert scalar(db, f"SELECT count(*) FROM cases WHERE {condition}", now=NOW) == expected
    statuses = {s for (s,) in query(db, "SELECT DISTINCT status FROM cases")}
    assert {"open", "resolved", "closed"} <= statuses


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("due_at >= :now AND done_at IS NOT NULL", 0),
        ("done_at >= :now OR created_at >= :now", 0),
        (
            "contact_id IS NOT NULL AND account_id IS NOT (SELECT account_id FROM contacts c "
            "WHERE c.id = activities.contact_id)",
            0,
        ),
        ("due_at >= :now", "some"),
        ("activity_type = 'task' AND due_at < :now AND done_at IS NULL", "some"),
        ("opportunity_id IS NOT NULL", "some"),
        ("lead_id IS NOT NULL", "some"),
        ("case_id IS NOT NULL", "some"),
        ("campaign_id IS NOT NULL", "some"),
        ("due_at < '2023-07-01'", "some"),
    ],
)
def test_activities_span_two_years_and_future_ones_are_not_done(
    loaded: tuple[Database, DemoReport], condition: str, expected: int | str
) -> None:
    db, _ = loaded
    count = scalar(db, f"SELECT count(*) FROM activities WHERE {condition}", now=NOW)
    if expected == "some":
        assert count > 0
    else:
        assert count == expected


def test_activity_types_follow_a_realistic_mix(loaded: tuple[Database, DemoReport]) -> None:
    db, _ = loaded
    mix = dict(query(db, "SELECT activity_type, count(*) FROM activities GROUP BY 1"))
    assert mix["call"] > mix["meeting"] > 500
    assert set(mix) == {"call", "email", "meeting", "note", "task"}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (
            "status = 'converted' AND (converted_contact_id IS NULL OR converted_account_id "
            "IS NULL OR converted_at IS NULL)",
            0,
        ),
        ("status != 'converted' AND converted_at IS NOT NULL", 0),
        ("status = 'converted' AND score < 60", 0),
        ("status = 'unqualified' AND score > 35", 0),
        (
            "status = 'converted' AND last_name NOT IN (SELECT last_name FROM contacts c "
            "WHERE c.id = leads.converted_contact_id)",
            0,
        ),
        (
            "campaign_id IS NOT NULL AND id NOT IN (SELECT lead_id FROM campaign_members "
            "WHERE lead_id IS NOT NULL)",
            0,
        ),
    ],
)
def test_lead_status_score_and_conversion_are_consistent(
    loaded: tuple[Database, DemoReport], condition: str, expected: int
) -> None:
    db, _ = loaded
    assert scalar(db, f"SELECT count(*) FROM leads WHERE {condition}") == expected
    sources = {s for (s,) in query(db, "SELECT DISTINCT source FROM leads")}
    assert len(sources) >= 8


def test_timestamps_are_stored_utc_text_in_the_past_and_updated_after_created(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    with db.read_session() as session:
        tables = journaled_tables(session.connection())
    for table in tables:
        rows = query(
            db,
            f"SELECT created_at, updated_at FROM {table} "
            "WHERE id IN (SELECT row_id FROM journal_entries e JOIN "
            "journal_operations o ON o.id = e.operation_id WHERE o.kind = 'demo')",
        )
        for created, updated in rows:
            assert format_timestamp(parse_timestamp(created)) == created
            assert created <= updated < NOW, (table, created, updated)


def test_consent_dates_and_sources_follow_the_status(loaded: tuple[Database, DemoReport]) -> None:
    db, _ = loaded
    rows = dict(query(db, "SELECT consent_status, count(*) FROM contacts GROUP BY 1"))
    assert rows["granted"] > rows["unknown"] / 2 > rows["refused"] > rows["withdrawn"] > 0
    assert (
        scalar(
            db,
            "SELECT count(*) FROM contacts WHERE (consent_status = 'unknown') "
            "!= (consent_date IS NULL OR consent_source IS NULL)",
        )
        == 0
    )


def test_custom_field_values_are_typed_and_scaled(loaded: tuple[Database, DemoReport]) -> None:
    db, _ = loaded
    values = query(
        db,
        "SELECT d.key, d.decimals, d.choices, v.value_text, v.value_number, v.value_date, "
        "v.value_bool, d.record_type, "
        "(SELECT count(*) FROM accounts a WHERE a.id = v.record_id) + "
        "(SELECT count(*) FROM contacts c WHERE c.id = v.record_id) + "
        "(SELECT count(*) FROM opportunities o WHERE o.id = v.record_id) "
        "FROM custom_field_values v JOIN custom_field_definitions d ON d.id = v.definition_id",
    )
    keys = {row[0] for row in values}
    assert keys == {
        "segment",
        "number_of_sites",
        "framework_agreement",
        "birth_date",
        "discount_percent",
    }
    for key, decimals, choices, value_text, number, day, flag, _, found in values:
        assert found == 1
        if key == "segment":
            assert value_text in choices
        elif key == "number_of_sites":  # stored as integers scaled by 10**decimals
            assert (decimals, type(number)) == (0, int)
            assert 1 <= number <= 300
        elif key == "discount_percent":
            assert (decimals, type(number)) == (1, int)
            assert 0 <= number <= 250
        elif key == "birth_date":
            assert "1955-01-01" <= day <= "2002-12-31"
        else:
            assert flag in (0, 1)


def test_owners_are_salespeople_in_teams_and_cases_go_to_support(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, _ = loaded
    support = scalar(db, "SELECT id FROM teams WHERE name = 'Service client'")
    case_teams = {
        t
        for (t,) in query(
            db, "SELECT DISTINCT u.team_id FROM cases c JOIN users u ON u.id = c.owner_id"
        )
    }
    assert case_teams == {support}
    me = scalar(db, "SELECT value FROM app_settings WHERE key = 'current_user_id'")
    assert scalar(db, "SELECT count(*) FROM accounts WHERE owner_id = :me", me=me) > 0
    assert scalar(db, "SELECT count(*) FROM accounts WHERE owner_id IS NULL") == 0


# --- database integrity and the journal -------------------------------------------------------


def test_foreign_keys_are_all_satisfied(loaded: tuple[Database, DemoReport]) -> None:
    db, _ = loaded
    assert query(db, "PRAGMA foreign_key_check") == []


def test_the_load_is_one_demo_operation_with_one_insert_entry_per_row(
    loaded: tuple[Database, DemoReport],
) -> None:
    db, report = loaded
    assert query(db, "SELECT id, label FROM journal_operations WHERE kind = 'demo'") == [
        (report.operation_id, "Load sample data")
    ]
    entries = dict(
        query(
            db,
            "SELECT table_name, count(DISTINCT row_id) FROM journal_entries "
            "WHERE operation_id = :op AND action = 'I' GROUP BY table_name",
            op=report.operation_id,
        )
    )
    assert entries == report.counts
    assert scalar(
        db, "SELECT count(*) FROM journal_entries WHERE operation_id = :op", op=report.operation_id
    ) == sum(report.counts.values())


class CancelOnFirstUpdate:
    def __init__(self) -> None:
        self.cancelled = False
        self.updates: list[tuple[int, int | None]] = []

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        self.updates.append((done, total))
        self.cancelled = True


def test_cancelling_mid_way_raises_and_leaves_no_demo_rows(db: Database) -> None:
    progress = CancelOnFirstUpdate()
    with pytest.raises(Cancelled):
        generate(db.session, 2000, reference_date=REFERENCE, progress=progress)
    assert len(progress.updates) == 1
    with db.read_session() as session:
        tables = journaled_tables(session.connection())
    counts = {t: scalar(db, f'SELECT count(*) FROM "{t}"') for t in tables}
    assert {t: n for t, n in counts.items() if n} == {"users": 1}  # only the local user
    assert scalar(db, "SELECT count(*) FROM journal_operations WHERE kind = 'demo'") == 0


class Recorder:
    cancelled = False

    def __init__(self) -> None:
        self.updates: list[tuple[int, int | None, str | None]] = []

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        self.updates.append((done, total, status))


def test_progress_is_throttled_and_ends_at_the_total(db: Database) -> None:
    progress = Recorder()
    report = generate(db.session, 3000, reference_date=REFERENCE, progress=progress)
    total = sum(report.counts.values())
    assert progress.updates[-1][:2] == (total, total)
    assert len(progress.updates) <= 2 + report.seconds / 0.2
    assert all(done <= (t or 0) for done, t, _ in progress.updates)


def test_a_second_load_reuses_tags_custom_fields_and_the_renewals_pipeline(db: Database) -> None:
    generate(db.session, 50, seed=1, reference_date=REFERENCE)
    second = generate(db.session, 50, seed=2, reference_date=REFERENCE)
    assert "tags" not in second.counts
    assert "custom_field_definitions" not in second.counts
    assert "pipelines" not in second.counts
    assert scalar(db, "SELECT count(*) FROM tags") == 6
    assert scalar(db, "SELECT count(*) FROM pipelines") == 2
    assert scalar(db, "SELECT count(*) FROM contacts") == 100
    assert query(db, "PRAGMA foreign_key_check") == []


def test_an_english_load_names_pipelines_tags_and_fields_in_english(db: Database) -> None:
    generate(db.session, 100, language="en", reference_date=REFERENCE)
    assert {n for (n,) in query(db, "SELECT name FROM pipelines")} == {"Sales", "Renewals"}
    assert "Follow up" in {n for (n,) in query(db, "SELECT name FROM tags")}
    assert "Date of birth" in {
        n for (n,) in query(db, "SELECT label FROM custom_field_definitions")
    }


def test_journal_off_writes_the_same_rows_without_an_operation(db: Database) -> None:
    report = generate(db.session, 100, reference_date=REFERENCE, journal=False)
    assert report.operation_id == ""
    assert scalar(db, "SELECT count(*) FROM contacts") == 100
    assert scalar(db, "SELECT count(*) FROM journal_entries WHERE table_name = 'contacts'") == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"contacts": 0}, "at least 1"), ({"contacts": 10, "language": "de"}, "language")],
)
def test_bad_arguments_are_refused_before_writing(
    db: Database, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        generate(db.session, reference_date=REFERENCE, **kwargs)
    assert scalar(db, "SELECT count(*) FROM pipelines") == 0


def test_a_big_load_builds_its_indexes_after_and_leaves_them_as_they_were(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def indexes() -> list[tuple[str, str]]:
        with db.read_session() as s:
            return list(
                s.execute(
                    text("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
                ).all()
            )

    before = indexes()
    monkeypatch.setattr(sample_data, "DEFER_INDEXES_FROM", 10)
    report = generate(db.session, 40, seed=9)
    assert indexes() == before
    with db.read_session() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert s.execute(text("SELECT count(*) FROM contacts")).scalar_one() == 40
    assert report.counts["activities"] == 200
