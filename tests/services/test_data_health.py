"""Data health: every figure on a database with known answers, and the list it opens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from desktop_crm.models import (
    Account,
    Activity,
    Contact,
    Lead,
    Opportunity,
    PipelineStage,
)
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.data_health import (
    HealthFigure,
    data_health,
    health_report,
    suspected_duplicates,
)
from desktop_crm.services.dedupe import mark_not_duplicates
from desktop_crm.services.record_lists import ordered_rowids

NOW = datetime.now(UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def crm(db: Database) -> Database:
    """Records with one known problem each (names say which), plus deleted ones that never
    count."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s)
        stages = s.query(PipelineStage).filter_by(pipeline_id=pipeline.id, kind="open").all()
        limited = next(st for st in stages if st.idle_days_limit)
        limited.idle_days_limit = 14
        s.flush()
        s.add_all(
            [
                Account(id="a_full", name="Plein", street="1 rue A", postal_code="69001",
                        city="Lyon", email="info@plein.fr", phone_raw="04 72 00 00 01",
                        phone_e164="+33472000001"),
                Account(id="a_no_address", name="Vide", email="contact at vide.fr"),
                Account(id="a_city_only", name="Ville", city="Paris", phone_raw="12",
                        phone_e164=None),
                Account(id="a_deleted", name="Supprimé", deleted_at=ago(1)),
            ]
        )  # fmt: skip
        s.flush()
        s.add_all(
            [
                Contact(id="c_clean", first_name="Jean", last_name="Dupont",
                        email="Jean@Dupont.fr", email_normalized="jean@dupont.fr",
                        phone_raw="06 12 34 56 78", phone_e164="+33612345678",
                        account_id="a_full"),
                Contact(id="c_bad_email", first_name="Anne", last_name="Martin",
                        email="anne@", email_normalized=None),
                Contact(id="c_no_email", first_name="Paul", last_name="Petit"),
                Contact(id="c_bad_phone", last_name="Roux", email="r@roux.fr",
                        email_normalized="r@roux.fr", phone_raw="12 34", phone_e164=None),
                Contact(id="c_bad_mobile", last_name="Blanc", email="b@blanc.fr",
                        email_normalized="b@blanc.fr", mobile_raw="abc", mobile_e164=None),
                Contact(id="c_deleted", last_name="Parti", email="x@", deleted_at=ago(2)),
                Lead(id="l_idle", last_name="Dormant", status="new", updated_at=ago(40)),
                Lead(id="l_touched", last_name="Relancé", status="contacted",
                     updated_at=ago(40)),
                Lead(id="l_recent", last_name="Récent", status="new", updated_at=ago(3)),
                Lead(id="l_converted", last_name="Converti", status="converted",
                     updated_at=ago(90)),
                Lead(id="l_bad_email", last_name="Faux", email="faux@@x.fr",
                     email_normalized=None, updated_at=ago(1)),
                Opportunity(id="o_stale", name="Oubliée", pipeline_id=pipeline.id,
                            stage_id=limited.id, updated_at=ago(30)),
                Opportunity(id="o_active", name="Suivie", pipeline_id=pipeline.id,
                            stage_id=limited.id, updated_at=ago(30)),
                Opportunity(id="o_recent", name="Neuve", pipeline_id=pipeline.id,
                            stage_id=limited.id, updated_at=ago(2)),
                Opportunity(id="o_won", name="Gagnée", pipeline_id=pipeline.id,
                            stage_id=limited.id, status="won", updated_at=ago(60)),
            ]
        )  # fmt: skip
        s.flush()
        s.add_all(
            [
                Activity(id="x1", activity_type="call", subject="Appel", lead_id="l_touched",
                         created_at=ago(5), updated_at=ago(5)),
                Activity(id="x2", activity_type="call", subject="Appel",
                         opportunity_id="o_active", created_at=ago(3), updated_at=ago(3)),
                Activity(id="x3", activity_type="note", subject="Vieux", lead_id="l_idle",
                         created_at=ago(50), updated_at=ago(50)),
            ]
        )  # fmt: skip
        # The ORM stamps updated_at on insert only when not given; make sure it held.
        s.execute(text("UPDATE leads SET updated_at = updated_at"))
    return db


def listed_ids(db: Database, figure: HealthFigure) -> set[str]:
    with db.read_session() as s:
        rowids = list(ordered_rowids(s, figure.query()))
        if not rowids:
            return set()
        table = {"contact": "contacts", "account": "accounts", "lead": "leads"}.get(
            figure.object_type, "opportunities"
        )
        marks = ",".join(str(r) for r in rowids)
        return set(s.execute(text(f"SELECT id FROM {table} WHERE rowid IN ({marks})")).scalars())


@pytest.mark.parametrize(
    ("object_type", "key", "expected"),
    [
        ("contact", "contact.no_email", {"c_no_email"}),
        ("contact", "contact.invalid_email", {"c_bad_email"}),
        ("contact", "contact.invalid_phone", {"c_bad_phone", "c_bad_mobile"}),
        ("account", "account.no_address", {"a_no_address"}),
        ("account", "account.invalid_email", {"a_no_address"}),
        ("account", "account.invalid_phone", {"a_city_only"}),
        ("lead", "lead.untouched", {"l_idle"}),
        ("lead", "lead.invalid_email", {"l_bad_email"}),
        ("lead", "lead.invalid_phone", set()),
        ("opportunity", "opportunity.stale", {"o_stale"}),
    ],
)
def test_each_problem_figure_counts_and_lists_exactly_the_known_records(
    crm: Database, object_type: str, key: str, expected: set[str]
) -> None:
    with crm.read_session() as s:
        report = health_report(s, object_type)
    figure = next(f for f in report.problems if f.key == key)
    assert figure.count == len(expected)
    assert listed_ids(crm, figure) == expected


@pytest.mark.parametrize(
    ("object_type", "column", "missing", "total"),
    [
        ("contact", "email", {"c_no_email"}, 5),
        ("contact", "first_name", {"c_bad_phone", "c_bad_mobile"}, 5),
        ("contact", "account_id.name", {"c_bad_email", "c_no_email", "c_bad_phone",
                                        "c_bad_mobile"}, 5),
        ("contact", "phone_raw", {"c_bad_email", "c_no_email", "c_bad_mobile"}, 5),
        ("account", "city", {"a_no_address"}, 3),
        ("account", "email", {"a_city_only"}, 3),
        ("lead", "email", {"l_idle", "l_touched", "l_recent", "l_converted"}, 5),
    ],
)  # fmt: skip
def test_fill_rates_count_the_live_records_missing_each_field(
    crm: Database, object_type: str, column: str, missing: set[str], total: int
) -> None:
    with crm.read_session() as s:
        report = health_report(s, object_type)
    figure = next(f for f in report.fill_rates if f.key == f"{object_type}.fill.{column}")
    assert (figure.count, figure.total) == (len(missing), total)
    assert figure.fill_rate == pytest.approx(1 - len(missing) / total)
    assert listed_ids(crm, figure) == missing


def test_the_lead_idle_days_are_a_parameter(crm: Database) -> None:
    with crm.read_session() as s:
        lenient = health_report(s, "lead", lead_idle_days=60)
        strict = health_report(s, "lead", lead_idle_days=2)
    by_key = {f.key: f for f in lenient.problems}
    assert by_key["lead.untouched"].count == 0
    strict_figure = next(f for f in strict.problems if f.key == "lead.untouched")
    assert listed_ids(crm, strict_figure) == {"l_idle", "l_touched", "l_recent"}


def test_the_stale_figure_agrees_with_the_dashboard(crm: Database) -> None:
    from desktop_crm.services.metrics import MetricFilter, stale_deals_count

    with crm.read_session() as s:
        report = health_report(s, "opportunity")
        today = NOW.date()
        dashboard = stale_deals_count(s, MetricFilter(today, today + timedelta(days=1)), today)
    assert report.problems[0].count == dashboard.count == 1


def test_an_empty_database_has_no_shares_to_divide(db: Database) -> None:
    with db.read_session() as s:
        reports = data_health(s)
    assert [r.object_type for r in reports] == ["contact", "account", "lead", "opportunity"]
    assert all(f.count == 0 and f.share is None for r in reports for f in r.problems)
    assert all(f.fill_rate is None for r in reports for f in r.fill_rates)


def test_suspected_duplicates_count_the_records_in_groups_and_leave_out_dismissed(
    db: Database,
) -> None:
    with db.session() as s, s.begin():
        s.add_all(
            [
                Contact(id="d1", first_name="Jean", last_name="Dupont", email="jd@x.fr",
                        email_normalized="jd@x.fr", phone_e164="+33612345678"),
                Contact(id="d2", first_name="Jean", last_name="Dupond", email="jd@x.fr",
                        email_normalized="jd@x.fr", phone_e164="+33612345678"),
                Contact(id="d3", first_name="Marie", last_name="Curie"),
            ]
        )  # fmt: skip
    with db.read_session() as s:
        before = suspected_duplicates(s, "contact")
    assert (before.records, before.groups, before.total) == (2, 1, 3)
    with db.session() as s, s.begin():
        mark_not_duplicates(s, "contact", ["d1", "d2"])
    with db.read_session() as s:
        assert suspected_duplicates(s, "contact").records == 0


def test_an_unknown_object_is_refused_by_name(db: Database) -> None:
    with db.read_session() as s, pytest.raises(ValueError, match="campaign"):
        health_report(s, "campaign")
