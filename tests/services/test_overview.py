from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from desktop_crm.models import OBJECT_MODELS
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.overview import is_first_run, object_counts
from desktop_crm.services.sample_data import generate
from desktop_crm.services.undo import recent_operations


def test_a_new_database_is_a_first_run_with_zero_counts(db: Database) -> None:
    with db.read_session() as session:
        assert is_first_run(session)
        assert object_counts(session) == dict.fromkeys(OBJECT_MODELS, 0)


def test_starting_empty_ends_the_first_run(db: Database) -> None:
    with db.session() as session, session.begin():
        ensure_default_pipeline(session, "en")
    with db.read_session() as session:
        assert not is_first_run(session)
        assert object_counts(session) == dict.fromkeys(OBJECT_MODELS, 0)


def test_counts_match_sql_and_leave_out_deleted_records(db: Database) -> None:
    generate(db.session, 40, seed=3)
    with db.session() as session, session.begin():
        session.execute(
            text(
                "UPDATE contacts SET deleted_at = '2025-01-01T00:00:00.000000Z' "
                "WHERE id IN (SELECT id FROM contacts LIMIT 7)"
            )
        )
    with db.read_session() as session:
        counts = object_counts(session)
        for name, model in OBJECT_MODELS.items():
            table = model.__tablename__
            expected = session.execute(
                text(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")
            ).scalar_one()
            assert counts[name] == expected, name
        assert counts["contact"] == 33
        assert counts["activity"] > 0


def test_a_database_whose_records_are_all_deleted_is_not_a_first_run(db: Database) -> None:
    generate(db.session, 5, seed=1)
    with db.session() as session, session.begin():
        for model in OBJECT_MODELS.values():
            session.execute(
                text(f"UPDATE {model.__tablename__} SET deleted_at = '2025-01-01T00:00:00Z'")
            )
    with db.read_session() as session:
        assert not is_first_run(session)
        assert set(object_counts(session).values()) == {0}


def test_recent_operations_say_when_they_started(db: Database) -> None:
    before = datetime.now(UTC)
    report = generate(db.session, 5, seed=1)
    with db.read_session() as session:
        newest = recent_operations(session, limit=1)[0]
    assert newest.id == report.operation_id
    assert before.replace(microsecond=0) <= newest.started_at <= datetime.now(UTC)
