"""Undo and redo of journal operations restore the database exactly, or refuse whole."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from desktop_crm.models import Account, Contact, JournalOperation
from desktop_crm.models.base import utc_now
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services.undo import UndoConflict, UndoError, redo, undo
from tests.snapshots import domain_snapshot


def run_undo(db: Database, op: str) -> str:
    with db.session() as s, s.begin():
        return undo(s, op)


def run_redo(db: Database, op: str) -> str:
    with db.session() as s, s.begin():
        return redo(s, op)


def test_undo_of_an_edit_restores_the_old_values_and_redo_reapplies(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="a1", name="Dupont", city="Paris"))
    before = domain_snapshot(db)
    with db.session() as s, s.begin(), operation(s, "Edit Dupont") as op:
        account = s.get(Account, "a1")
        assert account is not None
        account.city, account.name = "Lyon", "Dupont SA"
    after = domain_snapshot(db)
    run_undo(db, op)
    assert domain_snapshot(db) == before
    run_redo(db, op)
    assert domain_snapshot(db) == after


def test_undo_of_a_create_removes_the_records_and_redo_brings_them_back(db: Database) -> None:
    before = domain_snapshot(db)
    with db.session() as s, s.begin(), operation(s, "Create account and contact") as op:
        s.add(Account(id="a1", name="Acme"))
        s.flush()
        s.add(Contact(id="c1", last_name="Martin", account_id="a1"))
    after = domain_snapshot(db)
    run_undo(db, op)
    assert domain_snapshot(db) == before
    run_redo(db, op)
    assert domain_snapshot(db) == after


def test_undo_of_a_soft_delete_restores_the_record(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="a1", name="Acme"))
    with db.session() as s, s.begin(), operation(s, "Delete Acme", "delete") as op:
        s.execute(
            text("UPDATE accounts SET deleted_at = :now"), {"now": "2026-01-01T00:00:00.000000Z"}
        )
    run_undo(db, op)
    with db.read_session() as s:
        assert s.scalar(select(Account.deleted_at)) is None


def test_undo_refuses_when_a_field_changed_since_and_writes_nothing(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="a1", name="Acme", city="Paris"))
    with db.session() as s, s.begin(), operation(s, "Move to Lyon") as op:
        s.execute(text("UPDATE accounts SET city = 'Lyon'"))
    with db.session() as s, s.begin():
        s.execute(text("UPDATE accounts SET city = 'Nice'"))
    before = domain_snapshot(db)
    with pytest.raises(UndoConflict, match="city is now 'Nice', not 'Lyon'"):
        run_undo(db, op)
    assert domain_snapshot(db) == before


def test_undo_of_a_create_refuses_when_a_later_edit_would_be_lost(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Create Acme") as op:
        s.add(Account(id="a1", name="Acme", city="Paris"))
    with db.session() as s, s.begin(), operation(s, "Rename") as rename:
        s.execute(text("UPDATE accounts SET name = 'Acme Europe'"))
    before = domain_snapshot(db)
    with pytest.raises(UndoConflict, match="name was changed since, to 'Acme Europe'"):
        run_undo(db, op)
    assert domain_snapshot(db) == before
    run_undo(db, rename)
    run_undo(db, op)
    with db.read_session() as s:
        assert s.get(Account, "a1") is None


def test_undo_of_a_create_refuses_when_new_records_point_at_it(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Create Acme") as op:
        s.add(Account(id="a1", name="Acme"))
    with db.session() as s, s.begin():
        s.add(Contact(last_name="Later", account_id="a1"))
    before = domain_snapshot(db)
    with pytest.raises(UndoConflict, match="point at records"):
        run_undo(db, op)
    assert domain_snapshot(db) == before


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("undo_twice", "already undone"),
        ("redo_not_undone", "nothing to redo"),
        ("unknown", "no operation"),
    ],
)
def test_impossible_undo_requests_say_why(db: Database, action: str, message: str) -> None:
    with db.session() as s, s.begin(), operation(s, "Create") as op:
        s.add(Account(name="A"))
    if action == "undo_twice":
        run_undo(db, op)
        with pytest.raises(UndoError, match=message):
            run_undo(db, op)
    elif action == "redo_not_undone":
        with pytest.raises(UndoError, match=message):
            run_redo(db, op)
    else:
        with pytest.raises(UndoError, match=message):
            run_undo(db, "nope")


def test_undo_is_itself_an_operation_that_can_be_undone(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Create") as op:
        s.add(Account(id="a1", name="A"))
    undo_op = run_undo(db, op)
    run_undo(db, undo_op)
    with db.read_session() as s:
        assert s.scalar(select(Account.name)) == "A"
        kinds = s.scalars(select(JournalOperation.kind).order_by(JournalOperation.started_hlc))
        assert list(kinds)[-2:] == ["undo", "undo"]


# --- property: any history undone in reverse returns the start; redo returns the end -------

FIELDS = {
    "name": st.text(min_size=1, max_size=8),
    "city": st.none() | st.sampled_from(["Paris", "Lyon", "Zürich", "06000", ""]),
    "employees": st.none() | st.integers(-5, 10**12),
    "postal_code": st.none() | st.sampled_from(["75001", "06000", "1"]),
}

write = st.one_of(
    st.tuples(st.just("insert_account"), st.text(min_size=1, max_size=6)),
    st.tuples(st.just("insert_contact"), st.integers(0, 20), st.text(min_size=1, max_size=6)),
    st.tuples(
        st.just("update"),
        st.integers(0, 50),
        st.sampled_from(sorted(FIELDS)).flatmap(lambda f: st.tuples(st.just(f), FIELDS[f])),
    ),
    st.tuples(st.just("soft_delete"), st.integers(0, 50)),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(st.just("core_update_all_cities"), st.sampled_from(["Nantes", None])),
    st.tuples(st.just("hard_delete_contact"), st.integers(0, 50)),
    st.tuples(st.just("rename_contact"), st.integers(0, 50), st.text(max_size=4)),
)
operations = st.lists(st.lists(write, min_size=1, max_size=4), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "crm.sqlite"
    Database.open(path).close()
    return path


def apply(db: Database, writes: list[tuple]) -> None:  # type: ignore[type-arg]
    with db.session() as s, s.begin(), operation(s, "Random edit"):
        accounts = s.scalars(select(Account).order_by(Account.id)).all()
        for w in writes:
            kind = w[0]
            if kind == "insert_account":
                s.add(Account(name=w[1]))
            elif kind == "insert_contact":
                account = accounts[w[1] % len(accounts)].id if accounts else None
                s.add(Contact(last_name=w[2], account_id=account))
            elif accounts and kind == "update":
                target = accounts[w[1] % len(accounts)]
                setattr(target, *w[2])
            elif accounts and kind == "soft_delete":
                accounts[w[1] % len(accounts)].deleted_at = utc_now()
            elif accounts and kind == "restore":
                accounts[w[1] % len(accounts)].deleted_at = None
            elif kind == "core_update_all_cities":
                s.execute(text("UPDATE accounts SET city = :c"), {"c": w[1]})
            elif kind in ("hard_delete_contact", "rename_contact"):
                s.flush()
                contacts = s.scalars(select(Contact).order_by(Contact.id)).all()
                if contacts and kind == "hard_delete_contact":
                    s.delete(contacts[w[1] % len(contacts)])
                elif contacts:
                    contacts[w[1] % len(contacts)].last_name = w[2] or "X"
            s.flush()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=operations)
def test_undo_all_in_reverse_restores_start_and_redo_restores_end(
    template_db: Path,
    history: list[list[tuple]],  # type: ignore[type-arg]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm.sqlite"
        shutil.copy(template_db, path)
        with Database.open(path) as db:
            start = domain_snapshot(db)
            ops = []
            for writes in history:
                apply(db, writes)
                with db.read_session() as s:
                    last = s.scalar(
                        select(JournalOperation.id).order_by(JournalOperation.started_hlc.desc())
                    )
                ops.append(last)
            end = domain_snapshot(db)
            real_ops = [op for op in dict.fromkeys(ops) if op is not None]
            with db.read_session() as s:
                real_ops = [
                    op
                    for op in real_ops
                    if s.scalar(select(JournalOperation.label).where(JournalOperation.id == op))
                    == "Random edit"
                ]
            for op in reversed(real_ops):
                run_undo(db, op)
            assert domain_snapshot(db) == start
            for op in real_ops:
                run_redo(db, op)
            assert domain_snapshot(db) == end


# Found by Hypothesis: SQLite 3.40's json_extract cut restored text at an embedded NUL.
@pytest.mark.parametrize("name", ["a\x00b", "\x00", "Zoë\u202f&\u00a0Cie", "'; DROP TABLE x; --"])
def test_redo_of_a_create_restores_unusual_text_exactly(db: Database, name: str) -> None:
    with db.session() as s, s.begin(), operation(s, "Create") as op:
        s.add(Account(id="a1", name=name))
    after = domain_snapshot(db)
    run_undo(db, op)
    run_redo(db, op)
    assert domain_snapshot(db) == after
