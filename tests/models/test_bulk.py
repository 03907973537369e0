"""Bulk inserts pack rows into multi-row statements without losing or reordering any."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop_crm.models.bulk import ROWS_PER_STATEMENT, indexes_deferred, insert_rows
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation

COLUMNS = ["id", "created_at", "updated_at", "name"]


@pytest.mark.parametrize(
    "count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, ROWS_PER_STATEMENT + 1, 10_007]
)
def test_insert_rows_writes_every_row_once_and_journals_each(db: Database, count: int) -> None:
    rows = (
        (f"t{i:06d}", "2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000000Z", f"Tag {i}")
        for i in range(count)
    )
    with db.connect() as conn, conn.begin(), operation(conn, "Bulk", "import") as op:
        assert insert_rows(conn, "tags", COLUMNS, rows) == count
    with db.read_session() as s:
        names = s.execute(text("SELECT name FROM tags ORDER BY id")).scalars().all()
        journaled = s.execute(
            text("SELECT count(*) FROM journal_entries WHERE operation_id = :op AND action = 'I'"),
            {"op": op},
        ).scalar()
    assert names == [f"Tag {i}" for i in range(count)]
    assert journaled == count


def test_a_failing_row_rolls_back_the_whole_batch(db: Database) -> None:
    rows = [("t1", "x", "x", "ok"), ("t1", "x", "x", "duplicate id")]
    with pytest.raises(Exception, match="UNIQUE"), db.connect() as conn, conn.begin():
        insert_rows(conn, "tags", COLUMNS, rows)
    with db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM tags")).scalar() == 0


def index_sql(db: Database, table: str) -> list[tuple[str, str]]:
    with db.read_session() as s:
        return [
            (name, sql)
            for name, sql in s.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = :t AND sql IS NOT NULL ORDER BY name"
                ),
                {"t": table},
            )
        ]


def test_deferred_indexes_are_built_again_exactly_and_unique_ones_stay(db: Database) -> None:
    before = {table: index_sql(db, table) for table in ("contacts", "custom_field_values")}
    with db.session() as s, s.begin():
        conn = s.connection()
        with indexes_deferred(conn, ["contacts", "custom_field_values"]) as deferred:
            during = (
                conn.execute(
                    text(
                        "SELECT sql FROM sqlite_master WHERE type = 'index' "
                        "AND tbl_name IN ('contacts', 'custom_field_values') AND sql IS NOT NULL"
                    )
                )
                .scalars()
                .all()
            )
            insert_rows(
                conn,
                "contacts",
                ("id", "created_at", "updated_at", "last_name", "consent_status"),
                [
                    (
                        f"c{i}",
                        "2025-01-01T00:00:00.000000Z",
                        "2025-01-01T00:00:00.000000Z",
                        "N",
                        "unknown",
                    )
                    for i in range(500)
                ],
            )
    assert "ix_contacts_list_last_name" in deferred
    assert during  # the unique index guarded the load
    assert all("UNIQUE" in sql for sql in during)
    assert {table: index_sql(db, table) for table in before} == before
    with db.read_session() as s:
        plan = s.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT rowid FROM contacts WHERE deleted_at IS NULL "
                "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, rowid"
            )
        ).all()
    assert "ix_contacts_list_last_name" in str(plan)


def test_a_failed_load_gets_its_indexes_back_with_the_rollback(db: Database) -> None:
    before = index_sql(db, "contacts")
    with (
        pytest.raises(RuntimeError),
        db.session() as s,
        s.begin(),
        indexes_deferred(s.connection(), ["contacts"]),
    ):
        raise RuntimeError("load failed")
    assert index_sql(db, "contacts") == before
