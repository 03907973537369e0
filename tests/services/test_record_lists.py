"""Object lists: sort and filter in SQL, pages by rowid, related names and custom fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models import (
    Account,
    Contact,
    CustomFieldDefinition,
    CustomFieldValue,
    Opportunity,
    PipelineStage,
)
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.record_lists import (
    COLUMNS,
    Condition,
    ListColumn,
    ListQuery,
    ListQueryError,
    Op,
    PageCache,
    available_columns,
    fetch_rows,
    ordered_rowids,
)
from desktop_crm.services.sample_data import generate


@pytest.fixture
def people(db: Database) -> Database:
    """Five contacts in two accounts, one deleted, with a custom number field."""
    with db.session() as s, s.begin():
        acme = Account(id="acc-acme", name="Acme", city="Lyon")
        zed = Account(id="acc-zed", name="Zed Industries", city="Paris")
        budget = CustomFieldDefinition(
            id="cf-budget",
            record_type="contact",
            key="budget",
            label="Budget",
            field_type="number",
            decimals=2,
        )
        s.add_all([acme, zed, budget])
        s.flush()
        rows = [
            ("c1", "Dupont", "Marie", "acc-zed", "Paris", "marie@dupont.fr", 1250),
            ("c2", "durand", "Paul", "acc-acme", "Lyon", None, None),
            ("c3", "Émile", "Zoé", None, "", "zoe@example.com", 99),
            ("c4", "Martin", "Luc", "acc-acme", "Paris", "luc@martin.fr", 100_000),
            ("c5", "Bernard", "Anne", "acc-zed", "Lille", "anne@bernard.fr", None),
        ]
        for id_, last, first, account, city, email, cents in rows:
            s.add(
                Contact(
                    id=id_,
                    last_name=last,
                    first_name=first,
                    account_id=account,
                    city=city,
                    email=email,
                )
            )
            if cents is not None:
                s.add(
                    CustomFieldValue(definition_id="cf-budget", record_id=id_, value_number=cents)
                )
        s.flush()
        s.execute(
            text("UPDATE contacts SET deleted_at = :t WHERE id = 'c5'"),
            {"t": "2025-01-01T00:00:00.000000Z"},
        )
    return db


def ids_of(db: Database, query: ListQuery, custom: list[ListColumn] | None = None) -> list[str]:
    with db.read_session() as s:
        rowids = ordered_rowids(s, query, custom or [])
        rows = fetch_rows(s, query.object_type, [], list(rowids), custom or [])
    return [rows[r][0] for r in rowids]


def custom_columns(db: Database, object_type: str = "contact") -> list[ListColumn]:
    with db.read_session() as s:
        return [c for c in available_columns(s, object_type) if c.key.startswith("cf:")]


@pytest.mark.parametrize(
    ("sort_key", "descending", "expected"),
    [
        (None, False, ["c1", "c2", "c3", "c4"]),
        ("last_name", False, ["c1", "c2", "c4", "c3"]),  # case-insensitive; É after ASCII
        ("last_name", True, ["c3", "c4", "c2", "c1"]),
        ("account_id.name", False, ["c3", "c2", "c4", "c1"]),  # no account (NULL) first
        ("city", False, ["c3", "c2", "c1", "c4"]),
    ],
)
def test_sort_runs_in_sql_with_stable_ties(
    people: Database, sort_key: str | None, descending: bool, expected: list[str]
) -> None:
    query = ListQuery("contact", sort_key=sort_key, descending=descending)
    assert ids_of(people, query) == expected


@pytest.mark.parametrize(
    ("conditions", "text_filter", "expected"),
    [
        ((Condition("city", Op.CONTAINS, "par"),), "", ["c1", "c4"]),
        ((Condition("city", Op.EQUALS, "PARIS"),), "", ["c1", "c4"]),
        ((Condition("city", Op.EMPTY),), "", ["c3"]),
        ((Condition("email", Op.EMPTY),), "", ["c2"]),
        ((Condition("email", Op.NOT_EMPTY),), "", ["c1", "c3", "c4"]),
        ((Condition("account_id.name", Op.EQUALS, "acme"),), "", ["c2", "c4"]),
        ((Condition("account_id.name", Op.EMPTY),), "", ["c3"]),
        ((Condition("city", Op.ONE_OF, ["Lyon", ""]),), "", ["c2", "c3"]),
        ((Condition("city", Op.ONE_OF, []),), "", []),
        (
            (
                Condition("city", Op.EQUALS, "Paris"),
                Condition("account_id.name", Op.EQUALS, "Acme"),
            ),
            "",
            ["c4"],
        ),
        ((), "paris dupont", ["c1"]),
        ((), "DUR", ["c2"]),
        ((), "100%", []),  # % is a character to find, not a wildcard
        ((), "example.com", ["c3"]),
    ],
)
def test_filters_combine_with_and(
    people: Database,
    conditions: tuple[Condition, ...],
    text_filter: str,
    expected: list[str],
) -> None:
    query = ListQuery("contact", conditions=conditions, text=text_filter)
    assert ids_of(people, query) == expected


def test_the_trash_lists_deleted_records_only(people: Database) -> None:
    assert ids_of(people, ListQuery("contact", deleted=True)) == ["c5"]


def test_mine_only_keeps_the_owners_records(people: Database) -> None:
    with people.session() as s, s.begin():
        s.execute(
            text("UPDATE contacts SET owner_id = :me WHERE id IN ('c2', 'c3')"),
            {"me": people.current_user_id},
        )
    query = ListQuery("contact", owner_id=people.current_user_id)
    assert ids_of(people, query) == ["c2", "c3"]


def test_custom_number_columns_sort_filter_and_read_in_stored_units(people: Database) -> None:
    custom = custom_columns(people)
    assert [(c.key, c.label, c.decimals, c.default) for c in custom] == [
        ("cf:cf-budget", "Budget", 2, False)
    ]
    by_budget = ListQuery("contact", sort_key="cf:cf-budget", descending=True)
    assert ids_of(people, by_budget, custom) == ["c4", "c1", "c3", "c2"]
    between = ListQuery(
        "contact", conditions=(Condition("cf:cf-budget", Op.BETWEEN, "0.99", 12.5),)
    )
    assert ids_of(people, between, custom) == ["c1", "c3"]
    with people.read_session() as s:
        rowids = ordered_rowids(s, by_budget, custom)
        rows = fetch_rows(s, "contact", ["last_name", "cf:cf-budget"], list(rowids), custom)
    assert [rows[r][1:] for r in rowids] == [
        ("Martin", 100_000),
        ("Dupont", 1250),
        ("Émile", 99),
        ("durand", None),
    ]


def test_fetch_rows_reads_related_names_and_money_with_its_currency(db: Database) -> None:
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        stage = s.query(PipelineStage).filter_by(pipeline_id=pipeline.id).first()
        assert stage is not None
        s.add(Account(id="a1", name="Acme"))
        s.add(Contact(id="p1", first_name="Ada", last_name="Lovelace", account_id="a1"))
        s.flush()
        s.add(
            Opportunity(
                id="o1",
                name="Renewal",
                account_id="a1",
                primary_contact_id="p1",
                pipeline_id=pipeline.id,
                stage_id=stage.id,
                amount_minor=1_234_500,
                currency="USD",
                expected_close_date=date(2026, 3, 31),
            )
        )
        stage_name = stage.name
    keys = ["name", "account_id.name", "primary_contact_id.name", "stage_id.name", "amount_minor"]
    keys.append("expected_close_date")
    with db.read_session() as s:
        rowids = ordered_rowids(s, ListQuery("opportunity"))
        row = fetch_rows(s, "opportunity", keys, list(rowids))[rowids[0]]
    assert row == (
        "o1",
        "Renewal",
        "Acme",
        "Ada Lovelace",
        stage_name,
        1_234_500,
        date(2026, 3, 31),
        "USD",
    )


def test_ranges_on_money_and_timestamps_use_stored_units_and_whole_days(db: Database) -> None:
    generate(db.session, 60, seed=4)
    low, high = date.today() - timedelta(days=180), date.today() - timedelta(days=1)
    money = ListQuery(
        "opportunity", conditions=(Condition("amount_minor", Op.BETWEEN, 5000, 20000),)
    )
    dated = ListQuery("activity", conditions=(Condition("due_at", Op.BETWEEN, low, high),))
    with db.read_session() as s:
        amounts = s.execute(
            text(
                "SELECT count(*) FROM opportunities WHERE deleted_at IS NULL "
                "AND amount_minor BETWEEN 500000 AND 2000000"
            )
        ).scalar_one()
        due = s.execute(
            text(
                "SELECT count(*) FROM activities WHERE deleted_at IS NULL "
                "AND due_at >= :low AND due_at < :end"
            ),
            {"low": low.isoformat(), "end": (high + timedelta(days=1)).isoformat()},
        ).scalar_one()
        assert len(ordered_rowids(s, money)) == amounts
        assert len(ordered_rowids(s, dated)) == due
    assert due > 0


def test_every_builtin_column_of_every_object_can_be_read_and_sorted(db: Database) -> None:
    generate(db.session, 30, seed=5)
    with db.read_session() as s:
        for object_type, columns in COLUMNS.items():
            for spec in columns:
                query = ListQuery(object_type, sort_key=spec.key)
                rowids = ordered_rowids(s, query)
                expected = s.execute(
                    text(f"SELECT count(*) FROM {_table(object_type)} WHERE deleted_at IS NULL")
                ).scalar_one()
                assert len(rowids) == expected, (object_type, spec.key)
                rows = fetch_rows(s, object_type, [spec.key], list(rowids[:50]))
                assert len(rows) == min(50, expected)


def _table(object_type: str) -> str:
    from desktop_crm.models import OBJECT_MODELS

    return str(OBJECT_MODELS[object_type].__tablename__)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (Condition("nope", Op.EQUALS, "x"), "no column 'nope'"),
        (Condition("last_name", Op.BETWEEN, "a", "b"), "“Last name” has no range"),
        (Condition("updated_at", Op.CONTAINS, "2024"), "“Updated” is not a text column"),
        (Condition("last_name", Op.CONTAINS, ""), "type the text to look for"),
        (Condition("updated_at", Op.BETWEEN, "31/02/2025", None), "is not a date"),
    ],
)
def test_bad_conditions_name_the_column(db: Database, condition: Condition, message: str) -> None:
    with db.read_session() as s, pytest.raises(ListQueryError, match=message):
        ordered_rowids(s, ListQuery("contact", conditions=(condition,)))


def test_an_unknown_object_is_refused(db: Database) -> None:
    with db.read_session() as s, pytest.raises(ListQueryError, match="no list of 'widget'"):
        available_columns(s, "widget")


def test_page_cache_keeps_the_most_recently_used_pages() -> None:
    cache = PageCache(page_size=10, max_pages=2)
    page: dict[int, tuple[Any, ...]] = {1: ("x",)}
    assert cache.page_of(0) == 0
    assert cache.page_of(25) == 2
    cache.put(0, page)
    cache.put(1, page)
    assert cache.get(0) is page  # 0 is now the most recent
    cache.put(2, page)
    assert sorted(cache.pages) == [0, 2]
    cache.clear()
    assert cache.get(0) is None


def test_rowids_for_a_datetime_column_keep_timezones(people: Database) -> None:
    with people.session() as s, s.begin():
        s.execute(
            text("UPDATE contacts SET updated_at = '2025-03-01T23:30:00.000000Z' WHERE id = 'c1'")
        )
    day = ListQuery(
        "contact",
        conditions=(Condition("updated_at", Op.BETWEEN, date(2025, 3, 1), date(2025, 3, 1)),),
    )
    assert ids_of(people, day) == ["c1"]
    with people.read_session() as s:
        rowids = ordered_rowids(s, day)
        (row,) = fetch_rows(s, "contact", ["updated_at"], list(rowids)).values()
    assert row[1] == datetime(2025, 3, 1, 23, 30, tzinfo=UTC)


# --- derived columns (data health) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "normalized", "invalid"),
    [
        ("jean@dupont.fr", "jean@dupont.fr", False),
        ("Jean@Dupont.FR", "jean@dupont.fr", False),
        ("jean@dupont.fr", None, True),  # never validated by the write path
        ("jean@", None, True),
        ("jean dupont@x.fr", "x", True),  # shaped wrong, whatever is stored beside it
        ("a@b@c.fr", "a@b", True),
        ("jean@localhost", "jean@localhost", True),
        (None, None, False),
        ("", None, False),
    ],
)
def test_the_invalid_email_column_flags_unnormalised_or_misshapen_addresses(
    db: Database, email: str | None, normalized: str | None, invalid: bool
) -> None:
    with db.session() as s, s.begin():
        s.add(Contact(id="c", last_name="X", email=email, email_normalized=normalized))
    query = ListQuery("contact", (Condition("email_invalid", Op.EQUALS, True),))
    with db.read_session() as s:
        assert len(ordered_rowids(s, query)) == int(invalid)
        [(_, shown)] = fetch_rows(
            s, "contact", ["email_invalid"], list(ordered_rowids(s, ListQuery("contact")))
        ).values()
    assert bool(shown) is invalid


@pytest.mark.parametrize(
    ("phone", "e164", "mobile", "mobile_e164", "invalid"),
    [
        ("06 12 34 56 78", "+33612345678", None, None, False),
        ("06 12", None, None, None, True),
        (None, None, "abc", None, True),
        (None, None, "06 12 34 56 78", "+33612345678", False),
        (None, None, None, None, False),
    ],
)
def test_the_invalid_phone_column_flags_numbers_that_could_not_be_read(
    db: Database,
    phone: str | None,
    e164: str | None,
    mobile: str | None,
    mobile_e164: str | None,
    invalid: bool,
) -> None:
    with db.session() as s, s.begin():
        s.add(Contact(id="c", last_name="X", phone_raw=phone, phone_e164=e164,
                      mobile_raw=mobile, mobile_e164=mobile_e164))  # fmt: skip
    query = ListQuery("contact", (Condition("phone_invalid", Op.EQUALS, True),))
    with db.read_session() as s:
        assert len(ordered_rowids(s, query)) == int(invalid)


def test_last_touched_is_the_latest_change_or_live_activity(db: Database) -> None:
    from desktop_crm.models import Activity, Lead

    old, mid, new = (datetime(2026, 1, d, 9, tzinfo=UTC) for d in (1, 10, 20))
    with db.session() as s, s.begin():
        s.add_all([Lead(id="l1", last_name="A", updated_at=mid), Lead(id="l2", last_name="B",
                   updated_at=old), Lead(id="l3", last_name="C", updated_at=old)])  # fmt: skip
        s.flush()
        s.add_all(
            [
                Activity(id="x1", activity_type="call", subject="s", lead_id="l2",
                         created_at=old, done_at=new),
                Activity(id="x2", activity_type="call", subject="s", lead_id="l3",
                         created_at=new, deleted_at=new),
            ]
        )  # fmt: skip
    with db.read_session() as s:
        rowids = list(ordered_rowids(s, ListQuery("lead", sort_key="last_touched_at")))
        rows = fetch_rows(s, "lead", ["last_name", "last_touched_at"], rowids)
        order = [rows[r][1:] for r in rowids]
        before_mid = ListQuery(
            "lead", (Condition("last_touched_at", Op.BETWEEN, None, date(2026, 1, 9)),)
        )
        assert len(ordered_rowids(s, before_mid)) == 1  # only C: its newer activity is deleted
    assert order == [("C", old), ("A", mid), ("B", new)]


def test_a_deals_last_touch_is_its_change_or_its_live_activities(db: Database) -> None:
    """Read from the trigger-kept activity_touched_at (migration 0006), the same rule."""
    from desktop_crm.models import Activity

    old, mid, new = (datetime(2026, 1, d, 9, tzinfo=UTC) for d in (1, 10, 20))
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        stage = s.query(PipelineStage).filter_by(pipeline_id=pipeline.id).first()
        assert stage is not None
        for deal_id, name, updated in (("o1", "A", mid), ("o2", "B", old), ("o3", "C", old)):
            s.add(Opportunity(id=deal_id, name=name, pipeline_id=pipeline.id,
                              stage_id=stage.id, updated_at=updated))  # fmt: skip
        s.flush()
        s.add_all(
            [
                Activity(id="x1", activity_type="call", subject="s", opportunity_id="o2",
                         created_at=old, done_at=new),
                Activity(id="x2", activity_type="call", subject="s", opportunity_id="o3",
                         created_at=new, deleted_at=new),
            ]
        )  # fmt: skip
    with db.read_session() as s:
        rowids = list(ordered_rowids(s, ListQuery("opportunity", sort_key="last_touched_at")))
        rows = fetch_rows(s, "opportunity", ["name", "last_touched_at"], rowids)
        order = [rows[r][1:] for r in rowids]
    assert order == [("C", old), ("A", mid), ("B", new)]


def test_count_matching_agrees_with_the_list_of_each_condition_set(db: Database) -> None:
    from desktop_crm.services.record_lists import count_matching

    generate(db.session, 300, seed=9, language="fr")
    sets = [
        (Condition("email", Op.EMPTY),),
        (Condition("city", Op.NOT_EMPTY), Condition("account_id.name", Op.EMPTY)),
        (Condition("phone_invalid", Op.EQUALS, True),),
        (),
    ]
    with db.read_session() as s:
        total, counts = count_matching(s, "contact", sets)
        assert total == len(ordered_rowids(s, ListQuery("contact"))) == 300
        assert counts == [len(ordered_rowids(s, ListQuery("contact", c))) for c in sets]
        _, [stale] = count_matching(s, "opportunity", [(Condition("stale", Op.EQUALS, True),)])
        assert stale == len(
            ordered_rowids(s, ListQuery("opportunity", (Condition("stale", Op.EQUALS, True),)))
        )
