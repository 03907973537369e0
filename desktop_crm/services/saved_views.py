"""Saved views of the object lists: a name, the filters (conditions, quick text, "mine
only"), the sort and the columns, kept in the database (`saved_views`, a journaled domain
table: saving, renaming and deleting are undoable and will replicate with the rest).

The definition is stored as JSON with a version number. A condition's value keeps its
type through the round trip (a day stays a `date`, a list of choices a tuple, an integer
an integer), so a view reopened runs exactly the query it was saved with.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_crm.models import OBJECT_MODELS
from desktop_crm.models.journal import operation
from desktop_crm.models.saved_view import SavedView
from desktop_crm.services.record_lists import (
    Condition,
    ListColumn,
    ListQueryError,
    Op,
    available_columns,
    check_conditions,
)

FORMAT_VERSION = 1
MAX_NAME_CHARS = 100


class SavedViewError(ValueError):
    """A view that cannot be saved, renamed or read; the message says why."""


@dataclass(frozen=True)
class ViewDefinition:
    conditions: tuple[Condition, ...] = ()
    text: str = ""
    mine: bool = False
    sort_key: str | None = None
    descending: bool = False
    #: Column keys in display order; empty means the list's default columns.
    columns: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": FORMAT_VERSION,
                "conditions": [
                    {
                        "key": c.key,
                        "op": str(c.op),
                        "value": _encode(c.value),
                        "value2": _encode(c.value2),
                    }
                    for c in self.conditions
                ],
                "text": self.text,
                "mine": self.mine,
                "sort_key": self.sort_key,
                "descending": self.descending,
                "columns": list(self.columns),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ViewDefinition:
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
                raise ValueError("unknown format")
            conditions = tuple(
                Condition(
                    str(c["key"]), Op(c["op"]), _decode(c.get("value")), _decode(c.get("value2"))
                )
                for c in data.get("conditions", [])
            )
            sort_key = data.get("sort_key")
            return cls(
                conditions=conditions,
                text=str(data.get("text", "")),
                mine=bool(data.get("mine", False)),
                sort_key=None if sort_key is None else str(sort_key),
                descending=bool(data.get("descending", False)),
                columns=tuple(str(k) for k in data.get("columns", [])),
            )
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise SavedViewError(f"The saved view cannot be read ({error}).") from None


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.astimezone(UTC).isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple | list):
        return {"items": [_encode(v) for v in value]}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "items" in value:
            return tuple(_decode(v) for v in value["items"])
        raise ValueError(f"unknown value {value!r}")
    return value


@dataclass(frozen=True)
class SavedViewInfo:
    id: str
    object_type: str
    name: str
    definition: ViewDefinition


def usable_definition(
    definition: ViewDefinition, columns: Sequence[ListColumn]
) -> tuple[ViewDefinition, list[str]]:
    """The definition without what the list no longer has (a custom field deleted since),
    and the keys dropped: a view outlives a column without failing to open."""
    keys = {c.key for c in columns}
    dropped = [k for k in definition.columns if k not in keys]
    dropped += [c.key for c in definition.conditions if c.key not in keys]
    sort_key = definition.sort_key if definition.sort_key in keys else None
    if definition.sort_key is not None and sort_key is None:
        dropped.append(definition.sort_key)
    usable = ViewDefinition(
        conditions=tuple(c for c in definition.conditions if c.key in keys),
        text=definition.text,
        mine=definition.mine,
        sort_key=sort_key,
        descending=definition.descending if sort_key else False,
        columns=tuple(k for k in definition.columns if k in keys),
    )
    return usable, list(dict.fromkeys(dropped))


def list_views(session: Session, object_type: str | None = None) -> list[SavedViewInfo]:
    """Live saved views, in the navigation's object order, then by name. A view whose
    definition cannot be read is still listed (to rename or delete), with no filters."""
    statement = select(SavedView.id, SavedView.record_type, SavedView.name, SavedView.definition)
    statement = statement.where(SavedView.deleted_at.is_(None))
    if object_type is not None:
        statement = statement.where(SavedView.record_type == object_type)
    order = list(OBJECT_MODELS)
    views = []
    for id_, record_type, name, text in session.execute(statement):
        try:
            definition = ViewDefinition.from_json(text)
        except SavedViewError:
            definition = ViewDefinition()
        views.append(SavedViewInfo(id_, record_type, name, definition))
    views.sort(
        key=lambda v: (
            order.index(v.object_type) if v.object_type in order else len(order),
            v.name.casefold(),
        )
    )
    return views


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SavedViewError("Give the view a name.")
    if len(cleaned) > MAX_NAME_CHARS:
        raise SavedViewError(
            f"A view name has at most {MAX_NAME_CHARS} characters; this one has {len(cleaned)}."
        )
    return cleaned


def _check(session: Session, object_type: str, definition: ViewDefinition) -> None:
    if object_type not in OBJECT_MODELS:
        raise SavedViewError(f"There is no list of {object_type!r} records.")
    columns = available_columns(session, object_type)
    keys = {c.key for c in columns}
    unknown = [k for k in (*definition.columns, definition.sort_key) if k and k not in keys]
    if unknown:
        raise SavedViewError(f"The list has no column {unknown[0]!r}.")
    try:
        check_conditions(
            object_type, definition.conditions, [c for c in columns if c.key.startswith("cf:")]
        )
    except ListQueryError as error:
        raise SavedViewError(str(error)) from None


def _same_name(session: Session, object_type: str, name: str) -> SavedView | None:
    return session.scalars(
        select(SavedView).where(
            SavedView.record_type == object_type,
            SavedView.deleted_at.is_(None),
            func.lower(SavedView.name) == name.lower(),
        )
    ).first()


def _info(view: SavedView) -> SavedViewInfo:
    return SavedViewInfo(
        view.id, view.record_type, view.name, ViewDefinition.from_json(view.definition)
    )


def save_view(
    session: Session,
    object_type: str,
    name: str,
    definition: ViewDefinition,
    owner_id: str | None = None,
) -> SavedViewInfo:
    """Save a new view, or replace the filters, sort and columns of the object's view of
    that name (names compare without case). One undoable operation; the caller commits."""
    name = _clean_name(name)
    _check(session, object_type, definition)
    existing = _same_name(session, object_type, name)
    label = f"Save view “{name}”"
    with operation(session, label, "edit"):
        if existing is None:
            view = SavedView(
                record_type=object_type,
                name=name,
                definition=definition.to_json(),
                owner_id=owner_id,
            )
            session.add(view)
        else:
            view = existing
            view.definition = definition.to_json()
    return _info(view)


def _live(session: Session, view_id: str) -> SavedView:
    view = session.get(SavedView, view_id)
    if view is None or view.deleted_at is not None:
        raise SavedViewError("That view was deleted meanwhile.")
    return view


def rename_view(session: Session, view_id: str, name: str) -> SavedViewInfo:
    name = _clean_name(name)
    view = _live(session, view_id)
    other = _same_name(session, view.record_type, name)
    if other is not None and other.id != view.id:
        raise SavedViewError(f"There is already a view named “{other.name}” on this list.")
    if view.name != name:
        with operation(session, f"Rename view “{view.name}” to “{name}”", "edit"):
            view.name = name
    return _info(view)


def delete_view(session: Session, view_id: str) -> str:
    """Move the view to the trash (undoable); returns its name."""
    view = _live(session, view_id)
    with operation(session, f"Delete view “{view.name}”", "delete"):
        view.deleted_at = datetime.now(UTC)
    return view.name
