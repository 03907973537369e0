"""The search index (migration 0003, models/search.py): folding, triggers that keep it in step
with every write path, and the backfill of records that existed before it."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from desktop_crm.models import Account, Campaign, Case, Contact, Lead
from desktop_crm.models import database as database_module
from desktop_crm.models.base import utc_now
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.models.search import (
    INDEX_TABLE,
    SEARCHED,
    TRIGGER_PREFIX,
    WORDS_TABLE,
    _fold_letters,
    fold,
    fold_parts,
    search_inserts_batched,
    search_trigger_names,
    words_of,
)
from desktop_crm.services.undo import redo, undo

# --- what the index holds -------------------------------------------------------------------


def indexed(conn: Connection) -> set[tuple[str, int]]:
    """(trigram, FTS rowid) pairs as the index holds them."""
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances "
        f"USING fts5vocab(main, {INDEX_TABLE}, instance)"
    )
    return {
        (term, doc)
        for term, doc in conn.exec_driver_sql("SELECT term, doc FROM temp.search_instances")
    }


def expected(conn: Connection) -> set[tuple[str, int]]:
    """(trigram, FTS rowid) pairs the live records call for, computed in Python."""
    pairs = set()
    for spec in SEARCHED:
        columns = ", ".join(f'"{c}"' for c in spec.fields)
        for rowid, *values in conn.exec_driver_sql(
            f'SELECT rowid, {columns} FROM "{spec.table}" WHERE deleted_at IS NULL'
        ):
            body = fold_parts(*values)
            key = spec.first_key + rowid
            pairs.update((body[i : i + 3], key) for i in range(len(body) - 2))
    return pairs


def vocabulary(conn: Connection) -> set[str]:
    return set(conn.exec_driver_sql(f"SELECT word FROM {WORDS_TABLE}").scalars())


def live_words(conn: Connection) -> set[str]:
    words: set[str] = set()
    for spec in SEARCHED:
        columns = ", ".join(f'"{c}"' for c in spec.word_fields)
        for values in conn.exec_driver_sql(
            f'SELECT {columns} FROM "{spec.table}" WHERE deleted_at IS NULL'
        ):
            words.update(words_of(*values))
    return words


def assert_in_step(db: Database) -> None:
    with db.read_session() as s:
        conn = s.connection()
        assert indexed(conn) == expected(conn)
        assert live_words(conn) <= vocabulary(conn)


def found(db: Database, word: str) -> set[str]:
    """Ids of the records whose indexed text holds `word` (folded), through the index."""
    folded = fold(word)
    query = " AND ".join(f'"{folded[i : i + 3]}"' for i in range(len(folded) - 2))
    ids = set()
    with db.read_session() as s:
        keys = s.execute(
            text(f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :q"), {"q": query}
        ).scalars()
        for key in keys:
            spec = next(sp for sp in SEARCHED if sp.first_key <= key <= sp.last_key)
            ids.add(
                s.execute(
                    text(f'SELECT id FROM "{spec.table}" WHERE rowid = :r'),
                    {"r": key - spec.first_key},
                ).scalar_one()
            )
    return ids


# --- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Lefèvre", "lefevre"),
        ("MÜLLER", "muller"),
        ("Jean-François O'Neil", "jean francois o neil"),
        ("Œuvray & Straße", "oeuvray strasse"),
        ("  Zoë\u00a0\u202fÅsa  ", "zoe asa"),
        ("h.lefevre@Example.FR", "h lefevre example fr"),
        ("+33 6 12 34 56 78", "33 6 12 34 56 78"),
        ("ﬁlière n°2", "filiere n 2"),
        ("snake_case\x00nul", "snake case nul"),
        ("Дмитрий Ёлкин", "дмитрии елкин"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_drops_case_accents_and_punctuation(raw: str | None, folded: str) -> None:
    assert fold(raw) == folded


@given(st.text(max_size=40))
def test_the_fast_fold_equals_the_reference_rule(raw: str) -> None:
    assert fold(raw) == re.sub(r"[\W_]+", " ", _fold_letters(raw)).strip()


def test_fold_drops_accents_like_the_dedupe_keys() -> None:
    normalise = pytest.importorskip("desktop_crm.services.normalise")
    for name in ("Hélène Lefèvre", "Jürgen MÜLLER", "Œuvray", "Straße", "Ærø", "Zoë-Ånge"):
        assert fold(name) == " ".join(re.split(r"[\W_]+", normalise.fold(name))).strip()


def test_the_sql_function_folds_like_python(db: Database) -> None:
    with db.read_session() as s:
        assert s.execute(text("SELECT crm_fold('Lefèvre', NULL, 42, '', 'É.T.')")).scalar() == (
            "lefevre 42 e t"
        )
        assert s.execute(text("SELECT crm_search_words('Jean-Éric', 'O''Neil 2e')")).scalar() == (
            '["jean", "eric", "neil"]'
        )


# --- schema ---------------------------------------------------------------------------------


def test_every_searched_table_has_its_three_triggers(db: Database) -> None:
    with db.read_session() as s:
        names = search_trigger_names(s.connection())
    assert names == sorted(
        f"{TRIGGER_PREFIX}{spec.table}_{event}"
        for spec in SEARCHED
        for event in ("insert", "update", "delete")
    )


def test_the_index_is_not_journaled_nor_taken_for_domain_data(db: Database) -> None:
    from desktop_crm.models.journal import journaled_tables

    with db.read_session() as s:
        tables = journaled_tables(s.connection())
    assert not [t for t in tables if t.startswith("app_")]


# --- kept in step ---------------------------------------------------------------------------


def test_insert_update_soft_delete_restore_and_hard_delete(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="a1", name="Dupont SA", city="Lyon"))
        s.add(Contact(id="c1", first_name="Hélène", last_name="Lefèvre", email="hl@acme.fr"))
    assert found(db, "lefevre") == {"c1"}
    assert found(db, "dupont") == {"a1"}

    with db.session() as s, s.begin():
        contact = s.get(Contact, "c1")
        assert contact is not None
        contact.last_name = "Martin"
    assert found(db, "lefevre") == set()
    assert found(db, "martin") == {"c1"}

    with db.session() as s, s.begin():
        s.execute(text("UPDATE contacts SET deleted_at = :t"), {"t": "2026-01-01T00:00:00.000000Z"})
    assert found(db, "martin") == set()
    with db.session() as s, s.begin():  # edited in the trash: still out
        s.execute(text("UPDATE contacts SET city = 'Nantes'"))
    assert found(db, "nantes") == set()
    with db.session() as s, s.begin():
        s.execute(text("UPDATE contacts SET deleted_at = NULL"))
    assert found(db, "nantes") == {"c1"}
    assert_in_step(db)

    with db.session() as s, s.begin():
        s.execute(text("DELETE FROM contacts"))
        s.execute(text("DELETE FROM accounts"))
    assert found(db, "martin") == set()
    assert found(db, "dupont") == set()
    assert_in_step(db)


def bulk_contact(id_: str, last_name: str, deleted_at: str | None = None) -> list[Any]:
    now = "2026-01-01T00:00:00.000000Z"
    return [id_, now, now, deleted_at, "Hélène", last_name, "Paris", "unknown"]


BULK_COLUMNS = [
    "id", "created_at", "updated_at", "deleted_at", "first_name", "last_name", "city",
    "consent_status",
]  # fmt: skip


def test_batched_search_inserts_index_bulk_rows_like_the_trigger(db: Database) -> None:
    from desktop_crm.models.bulk import insert_rows

    with db.session() as s, s.begin():
        s.add(Contact(id="c0", first_name="Zoé", last_name="Avant"))
    with db.session() as s, s.begin():
        conn = s.connection()
        with search_inserts_batched(conn, ["contacts"]) as batched:
            assert f"{TRIGGER_PREFIX}contacts_insert" not in search_trigger_names(conn)
            insert_rows(conn, "contacts", BULK_COLUMNS, [bulk_contact("c1", "Lefèvre")])
            batched.catch_up()
            # Updated after its batch was indexed: the update trigger finds it indexed.
            conn.exec_driver_sql("UPDATE contacts SET last_name = 'Bérenger' WHERE id = 'c1'")
            insert_rows(
                conn,
                "contacts",
                BULK_COLUMNS,
                [bulk_contact("c2", "Rousseau"), bulk_contact("c3", "Corbeille", "2026-01-02")],
            )
        assert f"{TRIGGER_PREFIX}contacts_insert" in search_trigger_names(conn)
    assert found(db, "berenger") == {"c1"}
    assert found(db, "lefevre") == set()
    assert found(db, "rousseau") == {"c2"}  # indexed when the block ended
    assert found(db, "corbeille") == set()  # in the trash: not searched
    assert {"berenger", "rousseau", "helene"} <= vocabulary_of(db)
    assert_in_step(db)


def test_a_failed_batched_block_rolls_back_with_its_triggers(db: Database) -> None:
    from desktop_crm.models.bulk import insert_rows

    def failing_import() -> None:
        with db.session() as s, s.begin():
            conn = s.connection()
            with search_inserts_batched(conn, ["contacts"]):
                insert_rows(conn, "contacts", BULK_COLUMNS, [bulk_contact("c1", "Lefèvre")])
                raise RuntimeError("the import failed")

    with pytest.raises(RuntimeError):
        failing_import()
    with db.session() as s, s.begin():
        s.add(Contact(id="c2", first_name="Jean", last_name="Durand"))
    assert found(db, "durand") == {"c2"}  # the insert trigger is back
    assert_in_step(db)


def vocabulary_of(db: Database) -> set[str]:
    with db.read_session() as s:
        return vocabulary(s.connection())


def test_a_purged_record_from_the_trash_leaves_nothing_behind(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add(Lead(id="l1", last_name="Garnier", company="Acme", deleted_at=utc_now()))
        s.add(Case(id="k1", subject="Facture en double", opened_at=utc_now()))
        s.add(Campaign(id="p1", name="Salon 2026"))
    assert found(db, "garnier") == set()
    with db.session() as s, s.begin():
        s.execute(text("DELETE FROM leads"))
        s.execute(text("UPDATE campaigns SET name = 'Salon 2027'"))
    assert found(db, "2027") == {"p1"}
    assert found(db, "facture") == {"k1"}
    assert_in_step(db)


def test_undo_and_redo_keep_the_index_in_step(db: Database) -> None:
    with db.session() as s, s.begin(), operation(s, "Create") as created:
        s.add(Contact(id="c1", first_name="Marie", last_name="Dupont"))
    with db.session() as s, s.begin(), operation(s, "Rename") as renamed:
        contact = s.get(Contact, "c1")
        assert contact is not None
        contact.last_name = "Durand"
    with db.session() as s, s.begin(), operation(s, "Purge") as purged:
        s.execute(text("DELETE FROM contacts WHERE id = 'c1'"))
    assert found(db, "durand") == set()

    for op, name in ((purged, "durand"), (renamed, "dupont")):
        with db.session() as s, s.begin():
            undo(s, op)
        assert found(db, name) == {"c1"}
        assert_in_step(db)
    with db.session() as s, s.begin():
        undo(s, created)
    assert found(db, "dupont") == set()
    with db.session() as s, s.begin():
        redo(s, created)
    assert found(db, "dupont") == {"c1"}
    assert_in_step(db)


# The journal's own property test, with the index checked as well.
writes = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.text(max_size=6)),
        st.tuples(st.just("rename"), st.integers(0, 20), st.text(max_size=6)),
        st.tuples(st.just("soft_delete"), st.integers(0, 20)),
        st.tuples(st.just("restore"), st.integers(0, 20)),
        st.tuples(st.just("purge"), st.integers(0, 20)),
        st.tuples(st.just("city_all"), st.sampled_from(["Zürich", None, "Saint-Étienne"])),
    ),
    min_size=1,
    max_size=5,
)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "crm.sqlite"
    Database.open(path).close()
    return path


def _apply(db: Database, batch: list[tuple[Any, ...]]) -> str:
    with db.session() as s, s.begin(), operation(s, "Random edit") as op:
        for w in batch:
            contacts = s.scalars(select(Contact).order_by(Contact.id)).all()
            index = w[1] if isinstance(w[1], int) else 0
            pick = contacts[index % len(contacts)] if contacts else None
            if w[0] == "insert":
                s.add(Contact(last_name=w[1] or "X", email=f"{w[1]}@ex.fr"))
            elif pick is not None and w[0] == "rename":
                pick.last_name = w[2] or "Y"
            elif pick is not None and w[0] == "soft_delete":
                pick.deleted_at = utc_now()
            elif pick is not None and w[0] == "restore":
                pick.deleted_at = None
            elif pick is not None and w[0] == "purge":
                s.delete(pick)
            elif w[0] == "city_all":
                s.execute(text("UPDATE contacts SET city = :c"), {"c": w[1]})
            s.flush()
    return op


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(writes, min_size=1, max_size=4))
def test_any_history_undone_and_redone_leaves_the_index_in_step(
    template_db: Path, history: list[list[tuple[Any, ...]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm.sqlite"
        shutil.copy(template_db, path)
        with Database.open(path) as db:
            ops = [_apply(db, batch) for batch in history]
            assert_in_step(db)
            with db.read_session() as s:
                kept = [
                    op
                    for op in ops
                    if s.execute(
                        text("SELECT 1 FROM journal_operations WHERE id = :id"), {"id": op}
                    ).first()
                ]
            for op in reversed(kept):
                with db.session() as s, s.begin():
                    undo(s, op)
                assert_in_step(db)
            for op in kept:
                with db.session() as s, s.begin():
                    redo(s, op)
            assert_in_step(db)


# --- migration ------------------------------------------------------------------------------


@pytest.fixture
def migrations_up_to_0002(tmp_path: Path) -> Path:
    """This version's migrations as release 0002 shipped them."""
    scripts = tmp_path / "migrations"

    def later(folder: str, names: list[str]) -> set[str]:
        drop = {"__pycache__"}
        if Path(folder).name == "versions":
            drop |= {n for n in names if n.endswith(".py") and not n.startswith(("0001", "0002"))}
        return drop

    shutil.copytree(database_module.MIGRATIONS_DIR, scripts, ignore=later)
    return scripts


def test_the_migration_backfills_the_records_already_there(
    db_path: Path, migrations_up_to_0002: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(database_module, "MIGRATIONS_DIR", migrations_up_to_0002)
        with Database.open(db_path) as old:
            assert old.schema_state().revision == "0002"
            with old.session() as s, s.begin():
                s.add(Account(id="a1", name="Société Générale", city="Paris"))
                s.add(Contact(id="c1", first_name="Hélène", last_name="Lefèvre"))
                s.add(Contact(id="c2", last_name="Lefèvre", deleted_at=utc_now()))
                s.add(Lead(id="l1", last_name="Müller", company="Dupont SA"))

    with Database.open(db_path) as db:
        assert db.schema_state().revision == database_module.head_revision()
        assert found(db, "lefevre") == {"c1"}  # the trashed c2 stays out
        assert found(db, "generale") == {"a1"}
        assert found(db, "muller") == {"l1"}
        assert_in_step(db)
        with db.read_session() as s:
            assert {"lefevre", "helene", "generale", "muller"} <= vocabulary(s.connection())
        with db.session() as s, s.begin():  # and the triggers run from then on
            s.add(Contact(id="c3", last_name="Lefebvre"))
        assert found(db, "lefebvre") == {"c3"}


def test_a_migration_that_rebuilds_a_searched_table_must_reinstall_the_index(
    db: Database,
) -> None:
    """Alembic's batch mode copies a table: its triggers go and its rowids are renumbered.
    Such a migration ends with install_triggers and install_search_index (models/search.py)."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from desktop_crm.models.journal import install_triggers
    from desktop_crm.models.search import install_search_index

    with db.session() as s, s.begin():
        s.add_all([Contact(id=f"c{i}", last_name=f"Name{i}") for i in range(5)])
    with db.session() as s, s.begin():
        s.execute(text("DELETE FROM contacts WHERE id IN ('c0', 'c2')"))  # rowid holes

    with db.connect() as conn:
        with (
            Operations.context(MigrationContext.configure(conn)) as op,
            op.batch_alter_table("contacts", recreate="always"),
        ):
            pass
        assert not [n for n in search_trigger_names(conn) if "contacts" in n]
        install_triggers(conn)
        install_search_index(conn)
        conn.commit()
    assert found(db, "name3") == {"c3"}
    assert_in_step(db)
