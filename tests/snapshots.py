"""Exact database content for comparisons: every domain row with each value's SQLite type."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.models.journal import journaled_tables


def domain_snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read_session() as session:
        conn = session.connection()
        snapshot = {}
        for table in journaled_tables(conn):
            # typeof() makes 1 and '1' differ, as they do in the database
            columns = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            rows = conn.execute(text(f'SELECT {typed} FROM "{table}" ORDER BY id')).all()
            snapshot[table] = [tuple(r) for r in rows]
        return snapshot
