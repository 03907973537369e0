"""Opening a database: pragmas, migrations with a backup first, and errors the user can act on."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop_crm.models import Account, JournalEntry
from desktop_crm.models import database as database_module
from desktop_crm.models.database import Database
from desktop_crm.models.errors import DbBug, KnownDbError, classify


def test_every_connection_gets_the_safety_pragmas(db: Database) -> None:
    with db.read_session() as s:
        pragmas = {
            name: s.execute(text(f"PRAGMA {name}")).scalar()
            for name in (
                "journal_mode",
                "foreign_keys",
                "busy_timeout",
                "synchronous",
                "temp_store",
            )
        }
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 2,
        "temp_store": 2,
    }


def test_a_new_database_gets_a_replica_id_and_a_local_user(db: Database) -> None:
    node, user = db.setting("node_id"), db.setting("current_user_id")
    assert node
    assert user
    assert node != user
    assert db.current_user_id == user


def test_reopening_keeps_the_replica_identity_and_the_clock_moves_on(db_path: Path) -> None:
    with Database.open(db_path) as first:
        node, last = first.setting("node_id"), first.clock.now()
    with Database.open(db_path) as second:
        assert second.setting("node_id") == node
        assert second.clock.now() > last


SECOND_MIGRATION = '''
    """Test-only: adds accounts.vat_number."""
    import sqlalchemy as sa
    from alembic import op

    from desktop_crm.models.journal import install_triggers

    revision = "9999_test"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        with op.batch_alter_table("accounts") as batch:
            batch.add_column(sa.Column("vat_number", sa.String(20)))
        install_triggers(op.get_bind())


    def downgrade() -> None:
        with op.batch_alter_table("accounts") as batch:
            batch.drop_column("vat_number")
'''


@pytest.fixture
def newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This version's migrations plus one more, as the next release would ship them."""
    scripts = tmp_path / "migrations"
    shutil.copytree(
        database_module.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__")
    )
    migration = textwrap.dedent(SECOND_MIGRATION).replace("{head}", database_module.head_revision())
    (scripts / "versions" / "9999_test.py").write_text(migration)
    return scripts


def test_opening_an_older_database_backs_it_up_then_migrates_keeping_data(
    db_path: Path, newer_migrations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add(Account(id="a1", name="Acme"))
    head = (database_module.head_revision(),)
    monkeypatch.setattr(database_module, "MIGRATIONS_DIR", newer_migrations)

    with Database.open(db_path) as db:
        assert db.schema_state().revision == "9999_test"
        with db.session() as s, s.begin():
            s.execute(text("UPDATE accounts SET vat_number = 'FR123'"))
        with db.read_session() as s:
            assert s.scalar(select(Account.name)) == "Acme"
            changed = s.scalars(select(JournalEntry.field).where(JournalEntry.action == "U"))
            assert "vat_number" in list(changed)  # the triggers know the new column

    backups = list((db_path.parent / "backups").glob("*before-9999_test.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == head
    assert old.execute("SELECT name FROM accounts").fetchall() == [("Acme",)]
    old.close()


def test_a_new_database_is_not_backed_up_before_its_first_migration(db_path: Path) -> None:
    Database.open(db_path).close()
    assert not (db_path.parent / "backups").exists()


def test_a_writer_blocked_by_another_program_gets_a_clear_message(db_path: Path) -> None:
    Database.open(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with Database.open(db_path, busy_timeout_ms=200) as db:
            with pytest.raises(Exception, match="locked") as caught, db.session() as s, s.begin():
                s.add(Account(name="Waiting"))
            problem = classify(caught.value, db.path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(problem, KnownDbError)
    assert "is busy: another program is writing to it" in str(problem)


def _sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("simulated")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (5, "busy"),
        (6, "locked"),
        (8, "read-only"),
        (10, "input/output error"),
        (11, "damaged (corrupt)"),
        (13, "disk holding"),
        (14, "cannot be opened"),
        (26, "not a Desktop CRM database"),
        (1032, "read-only"),
    ],  # 1032: SQLITE_READONLY_DBMOVED
)
def test_environment_faults_become_known_errors(code: int, words: str) -> None:
    problem = classify(_sqlite_error(code), "crm.sqlite")
    assert isinstance(problem, KnownDbError)
    assert words in str(problem)
    assert "crm.sqlite" in str(problem)


@pytest.mark.parametrize("error", [_sqlite_error(1), sqlite3.IntegrityError("x"), ValueError()])
def test_other_errors_are_bugs(error: Exception) -> None:
    assert isinstance(classify(error), DbBug)


def test_the_migrations_build_exactly_the_schema_of_the_models(db: Database) -> None:
    """A model change without its migration (or the reverse) fails here, not on a user's
    database."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop_crm.models import Base
    from desktop_crm.models.database import autogenerate_includes

    with db.engine.connect() as conn:
        # The same exclusions as `alembic revision --autogenerate`: the hand-written list
        # indexes and the search index (FTS5 and its shadow tables, not in the models).
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": autogenerate_includes}
        )
        assert compare_metadata(context, Base.metadata) == []
        list_indexes = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_list_%'")
        ).scalars()
        assert sorted(list_indexes) == sorted(
            index.name
            for table in Base.metadata.tables.values()
            for index in table.indexes
            if index.name and "_list_" in index.name
        )


def test_closing_leaves_planner_statistics_and_never_waits_for_a_writer(db_path: Path) -> None:
    db = Database.open(db_path)
    with db.session() as s, s.begin():
        s.add_all([Account(name=f"A{i}", city="Lyon") for i in range(50)])
    db.close()
    check = sqlite3.connect(db_path)
    assert check.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
    check.close()

    other = Database.open(db_path, exclusive=False)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        other.close()
        assert time.monotonic() - started < 1.0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
