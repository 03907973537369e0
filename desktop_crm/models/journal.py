"""The change journal: its tables, the triggers that fill it, and the operation context.

Every write to a domain table, whatever path made it (ORM, Core, bulk executemany, undo),
is recorded by SQLite triggers into `journal_entries`, grouped under a
`journal_operations` row (one user action, one import). Inserts are recorded per row
without values (the row itself holds them); updates per changed field with old and new
values; hard deletes with the whole old row as JSON so they can be reversed. The triggers
read the current operation and the hybrid logical clock through SQL functions that
`register_functions` installs on each connection; a database written by a program without
them fails loudly instead of writing unjournaled changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.types import UserDefinedType

from desktop_crm.models.base import Base
from desktop_crm.models.hlc import HybridLogicalClock
from desktop_crm.models.ids import new_id

#: Tables that are bookkeeping, not domain data: never journaled.
UNJOURNALED_PREFIXES = ("journal_", "sqlite_", "alembic_", "app_")

#: Columns of domain tables that SQLite triggers derive from other tables (see migration
#: 0006): not data of their own, so never journaled. Writing one fires no journal trigger,
#: undo and sync never carry it, and the triggers that keep it also keep it after an undo.
DERIVED_COLUMNS: dict[str, frozenset[str]] = {
    #: the latest creation or completion time of the deal's live activities
    "opportunities": frozenset({"activity_touched_at"}),
}

#: "setup" prepares a database (its local user, the default pipeline): replicated like any
#: change, but not undoable, as everything after it builds on it.
OPERATION_KINDS = (
    "edit",
    "bulk_edit",
    "delete",
    "import",
    "merge",
    "demo",
    "undo",
    "redo",
    "sync",
    "setup",
)


class SqlValue(UserDefinedType[Any]):
    """A column that keeps each value's own SQLite type (BLOB affinity converts nothing), so
    an old value comes back exactly as it was stored: '0612' stays text, 7 stays an integer."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "BLOB"


class JournalOperation(Base):
    __tablename__ = "journal_operations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[str | None] = mapped_column(String(36))
    started_hlc: Mapped[int] = mapped_column(Integer)
    #: Set when the operation has been undone: the id of the operation that reverted it.
    undone_by: Mapped[str | None] = mapped_column(String(36))
    #: For undo/redo operations: the operation they act on.
    target_id: Mapped[str | None] = mapped_column(String(36))


#: The journal entries of deals moved between stages: the dashboard's conversion by stage
#: reads them through a partial index (a query must spell this condition with these literal
#: values for SQLite to use it; metrics names the index, which has no statistics while empty).
STAGE_MOVES = "table_name = 'opportunities' AND action = 'U' AND field = 'stage_id'"
STAGE_MOVES_INDEX = "ix_journal_entries_stage_moves"


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    __table_args__ = (
        Index("ix_journal_entries_operation", "operation_id"),
        Index("ix_journal_entries_row", "row_id"),
        Index(
            STAGE_MOVES_INDEX,
            "row_id",
            "operation_id",
            "old_value",
            "new_value",
            # The condition's columns too, so reading it never needs the table.
            "table_name",
            "action",
            "field",
            sqlite_where=text(STAGE_MOVES),
        ),
    )

    #: Local order of changes; with the replica's node id it is also the change's unique id.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    operation_id: Mapped[str] = mapped_column(String(36), ForeignKey("journal_operations.id"))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    #: I insert, U update (one field), D hard delete (old row as JSON in old_value).
    action: Mapped[str] = mapped_column(String(1))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[Any] = mapped_column(SqlValue(), nullable=True)
    new_value: Mapped[Any] = mapped_column(SqlValue(), nullable=True)
    hlc: Mapped[int] = mapped_column(Integer)


class AppSetting(Base):
    """Per-database settings that must not replicate: this replica's node id, its user."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass
class _Operation:
    id: str
    label: str
    kind: str
    target_id: str | None = None
    explicit: bool = True


@dataclass
class ReplicaState:
    """What all connections to one database share: its clock and the local user."""

    clock: HybridLogicalClock
    actor_id: str | None = None


@dataclass
class JournalContext:
    """Per-connection state the triggers read through SQL functions."""

    replica: ReplicaState
    capture: bool = True
    current: _Operation | None = None
    _pending: bool = False

    # --- SQL functions -------------------------------------------------------------------
    def sql_capture(self) -> int:
        return 1 if self.capture else 0

    def sql_op_pending(self) -> int:
        """True once for an implicit operation, so the trigger writes its header row."""
        if self.current is None:
            self.current = _Operation(new_id(), "Change", "edit", explicit=False)
            self._pending = True
        if self._pending:
            self._pending = False
            return 1
        return 0

    def sql_op(self) -> str:
        assert self.current is not None, "sql_op_pending() runs first in every trigger"
        return self.current.id

    def sql_op_label(self) -> str:
        return self.current.label if self.current else "Change"

    def sql_actor(self) -> str | None:
        return self.replica.actor_id

    def sql_hlc(self) -> int:
        return self.replica.clock.now()

    def end_transaction(self) -> None:
        """An implicit operation lasts one transaction."""
        if self.current is not None and not self.current.explicit:
            self.current = None
            self._pending = False


def register_functions(dbapi_connection: Any, context: JournalContext) -> None:
    fns = {
        "crm_capture": context.sql_capture,
        "crm_op_pending": context.sql_op_pending,
        "crm_op": context.sql_op,
        "crm_op_label": context.sql_op_label,
        "crm_actor": context.sql_actor,
        "crm_hlc": context.sql_hlc,
    }
    for name, fn in fns.items():
        dbapi_connection.create_function(name, 0, fn)


def context_of(connection: Connection) -> JournalContext:
    ctx = connection.info.get("journal")
    if ctx is None:
        raise RuntimeError("this connection was not opened through Database: no journal context")
    return ctx  # type: ignore[no-any-return]


def _connection(target: Session | Connection) -> Connection:
    return target.connection() if isinstance(target, Session) else target


@contextmanager
def operation(
    target: Session | Connection, label: str, kind: str = "edit", *, target_id: str | None = None
) -> Iterator[str]:
    """Group every write made inside the block under one journal operation (one undo step).

    The header row is written up front so entries can point at it; an operation that ends
    up writing nothing is removed again, so the undo history holds no empty steps.
    """
    if kind not in OPERATION_KINDS:
        raise ValueError(f"unknown operation kind {kind!r}")
    conn = _connection(target)
    ctx = context_of(conn)
    if ctx.current is not None and ctx.current.explicit:
        raise RuntimeError(f"operation {label!r} started inside {ctx.current.label!r}")
    op = _Operation(new_id(), label, kind, target_id)
    conn.execute(
        text(
            "INSERT INTO journal_operations (id, label, kind, actor_id, started_hlc, target_id) "
            "VALUES (:id, :label, :kind, :actor, :hlc, :target)"
        ),
        {
            "id": op.id,
            "label": label,
            "kind": kind,
            "actor": ctx.replica.actor_id,
            "hlc": ctx.replica.clock.now(),
            "target": target_id,
        },
    )
    ctx.current, ctx._pending = op, False
    try:
        yield op.id
        if isinstance(target, Session):
            target.flush()
    finally:
        ctx.current = None
    wrote = conn.execute(
        text("SELECT 1 FROM journal_entries WHERE operation_id = :id LIMIT 1"), {"id": op.id}
    ).first()
    if wrote is None:
        conn.execute(text("DELETE FROM journal_operations WHERE id = :id"), {"id": op.id})


@contextmanager
def capture_suspended(target: Session | Connection) -> Iterator[None]:
    """Write without journaling: for applying changes pulled from the server, which are
    already in the server's history and must not be pushed back."""
    ctx = context_of(_connection(target))
    previous, ctx.capture = ctx.capture, False
    try:
        yield
        if isinstance(target, Session):
            target.flush()
    finally:
        ctx.capture = previous


# --- trigger generation ---------------------------------------------------------------------


def journaled_tables(conn: Connection) -> list[str]:
    names = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ).scalars()
    return [n for n in names if not n.startswith(UNJOURNALED_PREFIXES) and _has_id(conn, n)]


def _has_id(conn: Connection, table: str) -> bool:
    return "id" in table_columns(conn, table)


def table_columns(conn: Connection, table: str) -> list[str]:
    rows = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    return [row[1] for row in rows]


_OPEN_OPERATION = (
    "INSERT INTO journal_operations (id, label, kind, actor_id, started_hlc) "
    "SELECT crm_op(), crm_op_label(), 'edit', crm_actor(), crm_hlc() WHERE crm_op_pending();"
)


def trigger_sql(table: str, all_columns: list[str]) -> list[str]:
    """The DDL of the journal triggers for one table, from its current columns (its
    derived columns left out: see DERIVED_COLUMNS)."""
    derived = DERIVED_COLUMNS.get(table, frozenset())
    columns = [c for c in all_columns if c not in derived]
    fields = [c for c in columns if c != "id"]
    # With derived columns present, only a write to a journaled column fires the update
    # trigger, so the triggers keeping a derived column cost no journal work.
    watched = ""
    if len(columns) < len(all_columns):
        watched = " OF " + ", ".join(f'"{c}"' for c in columns)
    diffs = "\n    UNION ALL ".join(
        f'SELECT \'{c}\' AS f, OLD."{c}" AS o, NEW."{c}" AS n WHERE OLD."{c}" IS NOT NEW."{c}"'
        for c in fields
    )
    snapshot = ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns)
    return [
        f"""CREATE TRIGGER "journal_{table}_ids" BEFORE UPDATE OF id ON "{table}"
WHEN OLD.id IS NOT NEW.id
BEGIN SELECT RAISE(ABORT, 'record ids never change'); END""",
        f"""CREATE TRIGGER "journal_{table}_insert" AFTER INSERT ON "{table}" WHEN crm_capture()
BEGIN
  {_OPEN_OPERATION}
  INSERT INTO journal_entries (operation_id, table_name, row_id, action, hlc)
  VALUES (crm_op(), '{table}', NEW.id, 'I', crm_hlc());
END""",
        f"""CREATE TRIGGER "journal_{table}_update" AFTER UPDATE{watched}
ON "{table}" WHEN crm_capture()
BEGIN
  {_OPEN_OPERATION}
  INSERT INTO journal_entries
    (operation_id, table_name, row_id, action, field, old_value, new_value, hlc)
  SELECT crm_op(), '{table}', NEW.id, 'U', f, o, n, crm_hlc() FROM (
    {diffs}
  );
END""",
        f"""CREATE TRIGGER "journal_{table}_delete" AFTER DELETE ON "{table}" WHEN crm_capture()
BEGIN
  {_OPEN_OPERATION}
  INSERT INTO journal_entries (operation_id, table_name, row_id, action, old_value, hlc)
  VALUES (crm_op(), '{table}', OLD.id, 'D', json_object({snapshot}), crm_hlc());
END""",
    ]


def install_triggers(conn: Connection) -> list[str]:
    """(Re)create the journal triggers of every domain table from the live schema. Every
    migration that adds, drops or renames a column calls this last."""
    existing = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal_%'")
    ).scalars()
    for name in list(existing):
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    tables = journaled_tables(conn)
    for table in tables:
        for ddl in trigger_sql(table, table_columns(conn, table)):
            conn.exec_driver_sql(ddl)
    return tables
