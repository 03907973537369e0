"""A record's history lists who changed which field from what to what, newest first."""

from __future__ import annotations

from sqlalchemy import text

from desktop_crm.models import Account
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services.history import history


def test_history_lists_changes_newest_first_with_operation_and_actor(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Create Acme"):
        s.add(Account(id="a1", name="Acme", city="Paris"))
    with db.session() as s, s.begin(), operation(s, "Move Acme"):
        s.get(Account, "a1").city = "Lyon"  # type: ignore[union-attr]
    with db.session() as s, s.begin(), operation(s, "Trash Acme", "delete"):
        s.execute(text("UPDATE accounts SET deleted_at = '2026-11-01T10:00:00.000000Z'"))

    with db.read_session() as s:
        entries = history(s, "a1")
    assert [(e.operation_label, e.action, e.field, e.old, e.new) for e in entries] == [
        ("Trash Acme", "changed", "deleted_at", None, "2026-11-01T10:00:00.000000Z"),
        ("Move Acme", "changed", "city", "Paris", "Lyon"),
        ("Create Acme", "created", None, None, None),
    ]
    assert {e.actor for e in entries} == {db.setting("current_user_id") and _user_name(db)}
    assert entries[0].at >= entries[-1].at


def test_history_hides_bookkeeping_unless_asked(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="a1", name="Acme"))
    with db.session() as s, s.begin():
        s.get(Account, "a1").name = "Acme SA"  # type: ignore[union-attr]
    with db.read_session() as s:
        assert [e.field for e in history(s, "a1")] == ["name", None]
        assert sorted(str(e.field) for e in history(s, "a1", include_bookkeeping=True)) == [
            "None",
            "name",
            "updated_at",
        ]
        assert len(history(s, "a1", limit=1)) == 1


def _user_name(db: Database) -> str:
    with db.read_session() as s:
        return str(s.execute(text("SELECT name FROM users")).scalar_one())
