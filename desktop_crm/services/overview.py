"""The figures of the overview screen: live records per CRM object, and whether the
database is still new (it then gets the first-run screen instead)."""

from __future__ import annotations

from sqlalchemy import exists, func, literal, select, union_all
from sqlalchemy.orm import Session

from desktop_crm.models import OBJECT_MODELS, Pipeline


def object_counts(session: Session) -> dict[str, int]:
    """Live (not deleted) records per object type, in OBJECT_MODELS order, in one query.

    Each count walks the table's partial index on live rows, so it stays well under a
    second on the million-contact demo (five million activities)."""
    counts = union_all(
        *(
            select(literal(name).label("object_type"), func.count().label("live"))
            .select_from(model)
            .where(model.deleted_at.is_(None))
            for name, model in OBJECT_MODELS.items()
        )
    )
    found: dict[str, int] = dict(session.execute(select(counts.subquery())).all())
    return {name: found.get(name, 0) for name in OBJECT_MODELS}


def is_first_run(session: Session) -> bool:
    """True until the database is set up: no pipeline and no CRM record, deleted ones
    included. Starting empty creates the default pipeline, so it ends the first run too,
    and a user who deleted everything gets empty lists and a trash, not the welcome."""
    models: list[type[object]] = [Pipeline, *OBJECT_MODELS.values()]
    probes = [exists().select_from(model) for model in models]
    return not any(session.execute(select(*probes)).one())
