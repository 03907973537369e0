"""Bulk inserts pack rows into multi-row statements without losing or reordering any."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop_crm.models.bulk import ROWS_PER_STATEMENT, insert_rows
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
