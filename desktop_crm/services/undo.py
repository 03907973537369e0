"""Undo and redo of journal operations (one user action, one import, one merge).

Undo applies the inverse of an operation's entries, newest first, as a new operation of
kind "undo"; redo reverts that undo operation. Both are ordinary journaled writes, so they
replicate like any edit and can themselves be undone. Before touching anything, each
entry is checked against the current database: if a record changed since (a later edit, a
restore, a record created that points at it), the whole undo is refused with the reasons,
never applied halfway.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop_crm.models import hlc
from desktop_crm.models.bulk import insert_rows
from desktop_crm.models.journal import operation, table_columns

MAX_REASONS = 5


class UndoError(Exception):
    """The operation cannot be undone or redone now; the message says why."""


class UndoConflict(UndoError):
    def __init__(self, label: str, reasons: Sequence[str], total: int) -> None:
        more = f" (and {total - len(reasons)} more)" if total > len(reasons) else ""
        super().__init__(
            f"“{label}” cannot be undone: records changed since — " + "; ".join(reasons) + more
        )
        self.reasons = list(reasons)


@dataclass(frozen=True)
class OperationInfo:
    id: str
    label: str
    kind: str
    undone_by: str | None
    target_id: str | None
    entries: int
    #: When it started, from its hybrid logical clock value (UTC).
    started_at: datetime


@dataclass(frozen=True)
class _Entry:
    seq: int
    table: str
    row_id: str
    action: str
    field: str | None
    old: Any
    new: Any


def operation_info(session: Session, operation_id: str) -> OperationInfo:
    row = session.execute(text(f"{_OPERATION_QUERY} WHERE id = :id"), {"id": operation_id}).first()
    if row is None:
        raise UndoError(f"There is no operation {operation_id} in the history.")
    return _operation(row)


def recent_operations(session: Session, limit: int = 50) -> list[OperationInfo]:
    """Newest first, the undo/redo operations included (they can be undone too)."""
    rows = session.execute(
        text(f"{_OPERATION_QUERY} ORDER BY started_hlc DESC LIMIT :limit"), {"limit": limit}
    ).all()
    return [_operation(row) for row in rows]


_OPERATION_QUERY = (
    "SELECT id, label, kind, undone_by, target_id, "
    "(SELECT count(*) FROM journal_entries e WHERE e.operation_id = o.id), started_hlc "
    "FROM journal_operations o"
)


def _operation(row: Any) -> OperationInfo:
    id_, label, kind, undone_by, target_id, entries, started_hlc = row
    physical_ms, _ = hlc.unpack(started_hlc)
    started_at = datetime.fromtimestamp(physical_ms / 1000, UTC)
    return OperationInfo(id_, label, kind, undone_by, target_id, entries, started_at)


def undo(session: Session, operation_id: str) -> str:
    """Undo one operation inside the session's transaction; returns the undo operation's id.
    The caller commits; on error nothing has been written."""
    info = operation_info(session, operation_id)
    if info.undone_by is not None:
        raise UndoError(f"“{info.label}” is already undone.")
    if info.kind == "setup":
        raise UndoError(f"“{info.label}” prepared the database; it cannot be undone.")
    reverted = _revert(session, info, kind="undo", label=f"Undo: {info.label}")
    _mark(session, operation_id, undone_by=reverted)
    return reverted


def redo(session: Session, operation_id: str) -> str:
    """Redo an undone operation by reverting the undo; returns the redo operation's id."""
    info = operation_info(session, operation_id)
    if info.undone_by is None:
        raise UndoError(f"“{info.label}” has not been undone, so there is nothing to redo.")
    undo_info = operation_info(session, info.undone_by)
    redone = _revert(
        session, undo_info, kind="redo", label=f"Redo: {info.label}", target_id=operation_id
    )
    _mark(session, info.undone_by, undone_by=redone)
    _mark(session, operation_id, undone_by=None)
    return redone


def _mark(session: Session, operation_id: str, *, undone_by: str | None) -> None:
    session.execute(
        text("UPDATE journal_operations SET undone_by = :by WHERE id = :id"),
        {"by": undone_by, "id": operation_id},
    )


def _revert(
    session: Session,
    info: OperationInfo,
    *,
    kind: str,
    label: str,
    target_id: str | None = None,
) -> str:
    conn = session.connection()
    entries = [
        _Entry(*row)
        for row in conn.execute(
            text(
                "SELECT seq, table_name, row_id, action, field, old_value, new_value "
                "FROM journal_entries WHERE operation_id = :op ORDER BY seq DESC"
            ),
            {"op": info.id},
        )
    ]
    if not entries:
        raise UndoError(f"“{info.label}” changed nothing, so there is nothing to undo.")
    _check_current_state(conn, info, entries)
    with operation(conn, label, kind, target_id=target_id or info.id) as new_id:
        try:
            for run in _runs(entries):
                _apply_inverse(conn, run)
        except sa_exc.IntegrityError as error:
            raise _integrity_conflict(info, error.orig) from error
        except sqlite3.IntegrityError as error:
            raise _integrity_conflict(info, error) from error
    return new_id


def _integrity_conflict(info: OperationInfo, error: BaseException | None) -> UndoConflict:
    reason = str(error)
    if "FOREIGN KEY" in reason:
        reason = "other records now point at records this would remove"
    return UndoConflict(info.label, [reason], 1)


def _check_current_state(conn: Connection, info: OperationInfo, entries: list[_Entry]) -> None:
    """Simulate the inverse on the expected values so every conflict is found before any
    write: the rows the operation inserted must still exist, the fields it set must still
    hold what it wrote, the rows it deleted must still be absent. The current state is read
    with one join per table (and per field) against the journal, not one query per entry."""
    existing: set[tuple[str, str]] = set()
    values: dict[tuple[str, str, str], Any] = {}
    for table in {e.table for e in entries}:
        existing.update(
            (table, row_id)
            for (row_id,) in conn.execute(
                text(
                    f'SELECT DISTINCT e.row_id FROM journal_entries e JOIN "{table}" t '
                    "ON t.id = e.row_id WHERE e.operation_id = :op AND e.table_name = :t"
                ),
                {"op": info.id, "t": table},
            )
        )
    for table, field in {(e.table, e.field) for e in entries if e.action == "U"}:
        assert field is not None
        for row_id, value in conn.execute(
            text(
                f'SELECT DISTINCT e.row_id, t."{field}" FROM journal_entries e '
                f'JOIN "{table}" t ON t.id = e.row_id '
                "WHERE e.operation_id = :op AND e.table_name = :t AND e.field = :f"
            ),
            {"op": info.id, "t": table, "f": field},
        ):
            values[(table, row_id, field)] = value

    reasons = _later_edits_of_inserted_rows(conn, info, entries)
    for entry in entries:
        where = f"{entry.table} {entry.row_id}"
        row = (entry.table, entry.row_id)
        if entry.action == "I":
            if row not in existing:
                reasons.append(f"{where} no longer exists")
            existing.discard(row)
        elif entry.action == "U":
            assert entry.field is not None
            if row not in existing:
                reasons.append(f"{where} no longer exists")
                continue
            key = (entry.table, entry.row_id, entry.field)
            now = values.get(key)
            if not _same(now, entry.new):
                reasons.append(f"{where}: {entry.field} is now {now!r}, not {entry.new!r}")
            values[key] = entry.old
        elif entry.action == "D":
            if row in existing:
                reasons.append(f"{where} exists again")
            existing.add(row)
            # The restored row holds its snapshot: earlier updates are checked against it.
            snapshot = json.loads(entry.old)
            for field, value in snapshot.items():
                values[(entry.table, entry.row_id, field)] = value
        if len(reasons) > 1000:
            break
    if reasons:
        raise UndoConflict(info.label, reasons[:MAX_REASONS], len(reasons))


def _later_edits_of_inserted_rows(
    conn: Connection, info: OperationInfo, entries: list[_Entry]
) -> list[str]:
    """Rows this operation inserted and a later operation edited: undoing the insert would
    delete that edit with them. The journal keeps no values for inserts, so a field counts
    as still as inserted when it holds the old value of its first later edit (the later
    edit was itself undone)."""
    last_seq = entries[0].seq
    reasons: list[str] = []
    for table in sorted({e.table for e in entries if e.action == "I"}):
        first_later: dict[tuple[str, str], Any] = {}
        for row_id, field, old in conn.execute(
            text(
                "SELECT l.row_id, l.field, l.old_value FROM journal_entries l "
                "WHERE l.seq > :last AND l.action = 'U' AND l.table_name = :t AND l.row_id IN "
                "(SELECT row_id FROM journal_entries WHERE operation_id = :op AND action = 'I') "
                "ORDER BY l.seq"
            ),
            {"last": last_seq, "t": table, "op": info.id},
        ):
            first_later.setdefault((row_id, field), old)
        for field in sorted({field for _, field in first_later}):
            row_ids = [row_id for row_id, f in first_later if f == field]
            for chunk in _chunks(row_ids):
                marks = ", ".join(f":r{i}" for i in range(len(chunk)))
                for row_id, now in conn.execute(
                    text(f'SELECT id, "{field}" FROM "{table}" WHERE id IN ({marks})'),
                    {f"r{i}": row_id for i, row_id in enumerate(chunk)},
                ):
                    if not _same(now, first_later[(row_id, field)]):
                        reasons.append(f"{table} {row_id}: {field} was changed since, to {now!r}")
    return reasons


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _runs(entries: list[_Entry]) -> Iterator[list[_Entry]]:
    """Consecutive entries with the same action, table and field: each run is applied with
    a few multi-row statements instead of one statement per entry."""
    for _, run in groupby(entries, key=lambda e: (e.action, e.table, e.field)):
        yield list(run)


def _apply_inverse(conn: Connection, run: list[_Entry]) -> None:
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    first = run[0]
    table = first.table
    cursor = raw.cursor()
    try:
        if first.action == "I":
            for chunk in _chunks([e.row_id for e in run]):
                marks = ", ".join("?" for _ in chunk)
                cursor.execute(f'DELETE FROM "{table}" WHERE id IN ({marks})', chunk)
        elif first.action == "U":
            cursor.executemany(
                f'UPDATE "{table}" SET "{first.field}" = ? WHERE id = ?',
                [(e.old, e.row_id) for e in run],
            )
        elif first.action == "D":
            # Decoded in Python: SQLite's json_extract cuts text at an embedded NUL.
            columns = table_columns(conn, table)
            snapshots = (json.loads(e.old) for e in run)
            insert_rows(
                conn, table, columns, ([snap.get(c) for c in columns] for snap in snapshots)
            )
        else:  # pragma: no cover - the triggers write only I, U and D
            raise UndoError(f"unknown journal action {first.action!r}")
    finally:
        cursor.close()


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
