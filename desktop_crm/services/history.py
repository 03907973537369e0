"""A record's history, read from the change journal: who changed which field, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_crm.models.hlc import unpack

#: Columns every row updates as bookkeeping; their changes are noise in a history view.
BOOKKEEPING_FIELDS = frozenset({"updated_at"})


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str | None
    operation_label: str
    operation_kind: str
    #: "created", "changed", "deleted" (hard delete, e.g. purged from the trash)
    action: str
    field: str | None
    old: Any
    new: Any


_ACTIONS = {"I": "created", "U": "changed", "D": "deleted"}


def history(
    session: Session, record_id: str, *, include_bookkeeping: bool = False, limit: int | None = None
) -> list[HistoryEntry]:
    """Newest first. A soft delete or restore shows as a change of `deleted_at`."""
    rows = session.execute(
        text(
            "SELECT e.hlc, u.name, o.label, o.kind, e.action, e.field, e.old_value, e.new_value "
            "FROM journal_entries e "
            "JOIN journal_operations o ON o.id = e.operation_id "
            "LEFT JOIN users u ON u.id = o.actor_id "
            "WHERE e.row_id = :id ORDER BY e.seq DESC"
            + (" LIMIT :limit" if limit and include_bookkeeping else "")
        ),
        {"id": record_id, "limit": limit},
    )
    entries = []
    for hlc, actor, label, kind, action, field, old, new in rows:
        if field in BOOKKEEPING_FIELDS and not include_bookkeeping:
            continue
        physical_ms, _ = unpack(hlc)
        at = datetime.fromtimestamp(physical_ms / 1000, tz=UTC)
        entries.append(HistoryEntry(at, actor, label, kind, _ACTIONS[action], field, old, new))
        if limit and len(entries) >= limit:
            break
    return entries
