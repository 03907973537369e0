"""Reading and writing one record: validation before any write, one journal operation per
action, the trash with its cascade, restore, purge and bulk edit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services import records
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.record_fields import InputFormat
from desktop_crm.services.records import RecordError
from desktop_crm.services.undo import redo, undo
from tests.snapshots import domain_snapshot

FR = InputFormat()


def scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.read_session() as s:
        return s.execute(text(sql), params).scalar()


def operations(db: Database) -> int:
    return int(scalar(db, "SELECT count(*) FROM journal_operations"))


def create(db: Database, object_type: str, **typed: Any) -> str:
    with db.session() as s, s.begin():
        result = records.create_record(s, object_type, typed, owner_id=db.current_user_id, fmt=FR)
    assert result.ok, result.errors
    assert result.record_id is not None
    return result.record_id


@pytest.fixture
def world(db: Database) -> dict[str, str]:
    """An account with two contacts, a deal, a case and activities; another account."""
    with db.session() as s, s.begin():
        ensure_default_pipeline(s, "en")
    acme = create(db, "account", name="Acme", city="Lyon", country="FR")
    other = create(db, "account", name="Other Ltd")
    jean = create(db, "contact", first_name="Jean", last_name="Dupont", account_id=acme)
    marie = create(db, "contact", first_name="Marie", last_name="Curie", account_id=acme)
    deal = create(db, "opportunity", name="Big deal", account_id=acme, primary_contact_id=jean)
    case = create(db, "case", subject="Broken", account_id=acme, contact_id=jean)
    call = create(db, "activity", subject="Call Jean", activity_type="call", contact_id=jean)
    note = create(db, "activity", subject="Deal note", activity_type="note", opportunity_id=deal)
    elsewhere = create(
        db, "opportunity", name="Other deal", account_id=other, primary_contact_id=jean
    )
    return {
        "acme": acme,
        "other": other,
        "jean": jean,
        "marie": marie,
        "deal": deal,
        "case": case,
        "call": call,
        "note": note,
        "elsewhere": elsewhere,
    }


# --- create and update -----------------------------------------------------------------------


def test_a_new_contact_is_stored_normalised_as_one_operation(db: Database) -> None:
    before = operations(db)
    with db.session() as s, s.begin():
        result = records.create_record(
            s,
            "contact",
            {
                "last_name": "Lefèvre",
                "email": "H.Lefevre@Exemple.fr",
                "phone_raw": "06 12 34 56 78",
            },
            owner_id=db.current_user_id,
        )
    assert result.ok
    assert result.label == "New contact Lefèvre"
    assert operations(db) == before + 1
    with db.read_session() as s:
        row = s.execute(
            text(
                "SELECT email, email_normalized, phone_raw, phone_e164, owner_id, consent_status "
                "FROM contacts WHERE id = :id"
            ),
            {"id": result.record_id},
        ).one()
    assert tuple(row) == (
        "H.Lefevre@Exemple.fr",
        "h.lefevre@exemple.fr",
        "06 12 34 56 78",
        "+33612345678",
        db.current_user_id,
        "unknown",
    )


@pytest.mark.parametrize(
    ("typed", "errors"),
    [
        ({"last_name": "Dupont", "email": "dupont@"}, {"email"}),
        ({"first_name": "Jean"}, {"last_name"}),
        ({"last_name": "x" * 10_000}, {"last_name"}),
        (
            {"last_name": "Dupont", "consent_date": "31/02/2025", "phone_raw": "0"},
            {"consent_date", "phone_raw"},
        ),
        ({"last_name": "Dupont", "account_id": "no-such-account"}, {"account_id"}),
    ],
)
def test_a_refused_create_writes_nothing(
    db: Database, typed: dict[str, Any], errors: set[str]
) -> None:
    before = domain_snapshot(db), operations(db)
    with db.session() as s, s.begin():
        result = records.create_record(s, "contact", typed, owner_id=db.current_user_id)
    assert not result.ok
    assert set(result.errors) == errors
    assert result.record_id is None
    assert (domain_snapshot(db), operations(db)) == before


def test_a_negative_amount_is_refused_and_nothing_is_written(
    db: Database, world: dict[str, str]
) -> None:
    before = domain_snapshot(db)
    with db.session() as s, s.begin():
        result = records.update_record(
            s, "opportunity", world["deal"], {"amount_minor": "-10", "name": "Renamed"}
        )
    assert result.errors == {"amount_minor": "Amount cannot be negative."}
    assert domain_snapshot(db) == before


def test_an_edit_writes_only_what_changed_and_undo_redo_round_trip(
    db: Database, world: dict[str, str]
) -> None:
    before = domain_snapshot(db)
    with db.session() as s, s.begin():
        result = records.update_record(
            s,
            "contact",
            world["jean"],
            {"first_name": "Jean", "last_name": "Dupond", "mobile_raw": "07 00 00 00 01"},
        )
    assert result.label == "Edit contact Jean Dupond"
    assert result.operation_id is not None
    fields = {row[0] for row in _entries(db, result.operation_id) if row[0] != "updated_at"}
    assert fields == {"last_name", "mobile_raw", "mobile_e164"}
    after = domain_snapshot(db)
    with db.session() as s, s.begin():
        undo(s, result.operation_id)
    assert domain_snapshot(db) == before
    with db.session() as s, s.begin():
        redo(s, result.operation_id)
    assert domain_snapshot(db) == after


def _entries(db: Database, operation_id: str) -> list[tuple[Any, ...]]:
    with db.read_session() as s:
        return [
            tuple(r)
            for r in s.execute(
                text("SELECT field, new_value FROM journal_entries WHERE operation_id = :op"),
                {"op": operation_id},
            )
        ]


def test_saving_unchanged_values_makes_no_operation(db: Database, world: dict[str, str]) -> None:
    before = operations(db)
    with db.session() as s, s.begin():
        result = records.update_record(
            s, "account", world["acme"], {"name": "Acme", "city": "Lyon"}
        )
    assert result.ok
    assert result.operation_id is None
    assert operations(db) == before


def test_a_record_in_the_trash_cannot_be_edited(db: Database, world: dict[str, str]) -> None:
    with db.session() as s, s.begin():
        records.delete_records(s, "case", [world["case"]])
    with db.session() as s, s.begin(), pytest.raises(RecordError, match="in the trash"):
        records.update_record(s, "case", world["case"], {"subject": "Fixed"})


def test_custom_field_values_are_read_and_written_with_the_record(
    db: Database, world: dict[str, str]
) -> None:
    with db.session() as s, s.begin(), operation(s, "Define a field"):
        s.execute(
            text(
                "INSERT INTO custom_field_definitions (id, created_at, updated_at, record_type, "
                "key, label, field_type, decimals, required, position) VALUES ('d1', "
                "'2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z', 'account', "
                "'potential', 'Potential', 'number', 1, 0, 0)"
            )
        )
    with db.session() as s, s.begin():
        result = records.update_record(s, "account", world["acme"], {"cf:d1": "12,5"})
    assert result.ok
    assert (
        scalar(
            db, "SELECT value_number FROM custom_field_values WHERE record_id = :r", r=world["acme"]
        )
        == 125
    )
    with db.read_session() as s:
        assert records.read_record(s, "account", world["acme"]).values["cf:d1"] == 125
    with db.session() as s, s.begin():
        records.update_record(s, "account", world["acme"], {"cf:d1": ""})
    with db.read_session() as s:
        assert records.read_record(s, "account", world["acme"]).values["cf:d1"] is None


def test_an_opportunity_follows_its_stage(db: Database, world: dict[str, str]) -> None:
    with db.read_session() as s:
        stages = {
            kind: (id_, probability)
            for id_, kind, probability in s.execute(
                text("SELECT id, kind, probability FROM pipeline_stages ORDER BY position DESC")
            )
        }
    won, won_probability = stages["won"]
    with db.session() as s, s.begin():
        records.update_record(s, "opportunity", world["deal"], {"stage_id": won})
    with db.read_session() as s:
        row = s.execute(
            text(
                "SELECT status, probability, closed_at IS NOT NULL FROM opportunities "
                "WHERE id = :id"
            ),
            {"id": world["deal"]},
        ).one()
    assert tuple(row) == ("won", won_probability, 1)


# --- reading ---------------------------------------------------------------------------------


def test_an_account_reads_with_its_related_lists_and_timeline(
    db: Database, world: dict[str, str]
) -> None:
    with db.session() as s, s.begin():
        records.update_record(s, "account", world["acme"], {"city": "Paris"})
        create_in = records.create_record(
            s,
            "activity",
            {
                "subject": "Visit",
                "activity_type": "meeting",
                "account_id": world["acme"],
            },
        )
    assert create_in.ok
    with db.read_session() as s:
        data = records.read_record(s, "account", world["acme"])
        lists = {r.title: r for r in records.related_lists(s, "account", world["acme"])}
        items = records.timeline(s, "account", world["acme"])
    assert data.label == "Acme"
    assert data.relation_labels["owner_id"]
    assert {title: r.total for title, r in lists.items()} == {
        "Contacts": 2,
        "Opportunities": 1,
        "Cases": 1,
        "Activities": 1,
        "Subsidiaries": 0,
    }
    assert [row[1][0] for row in lists["Contacts"].rows] == ["Curie", "Dupont"]
    assert items == tuple(sorted(items, key=lambda i: i.at, reverse=True))
    assert any(i.kind == "change" and i.detail == "City: Lyon → Paris" for i in items)
    assert any(i.kind == "activity" and i.title == "Visit" for i in items)


def test_a_relation_lookup_finds_names_by_prefix_then_by_part(
    db: Database, world: dict[str, str]
) -> None:
    with db.read_session() as s:
        assert records.lookup(s, "account", "ac") == [(world["acme"], "Acme")]
        assert records.lookup(s, "account", "ltd") == [(world["other"], "Other Ltd")]
        assert records.lookup(s, "contact", "dup") == [(world["jean"], "Jean Dupont")]


# --- trash -----------------------------------------------------------------------------------


def live(db: Database, table: str) -> set[str]:
    with db.read_session() as s:
        return set(s.execute(text(f"SELECT id FROM {table} WHERE deleted_at IS NULL")).scalars())


def test_deleting_an_account_trashes_what_depends_on_it_and_undo_restores_all(
    db: Database, world: dict[str, str]
) -> None:
    before = domain_snapshot(db)
    with db.read_session() as s:
        preview = records.delete_preview(s, "account", [world["acme"]])
    assert preview == {"account": 1, "contact": 2, "opportunity": 1, "case": 1, "activity": 2}
    with db.session() as s, s.begin():
        report = records.delete_records(s, "account", [world["acme"]])
    assert report.label == (
        "Delete account Acme (with 2 contacts, 1 opportunity, 1 case and 2 activities)"
    )
    assert live(db, "accounts") == {world["other"]}
    assert live(db, "contacts") == set()
    # A deal of another account keeps its (now trashed) primary contact.
    assert live(db, "opportunities") == {world["elsewhere"]}
    assert (
        scalar(
            db, "SELECT primary_contact_id FROM opportunities WHERE id = :id", id=world["elsewhere"]
        )
        == world["jean"]
    )
    assert report.operation_id is not None
    with db.session() as s, s.begin():
        undo(s, report.operation_id)
    assert domain_snapshot(db) == before


def test_restore_brings_back_what_went_to_the_trash_with_the_record_only(
    db: Database, world: dict[str, str]
) -> None:
    with db.session() as s, s.begin():
        records.delete_records(s, "activity", [world["call"]])  # on its own, earlier
    with db.session() as s, s.begin():
        records.delete_records(s, "account", [world["acme"]])
    with db.session() as s, s.begin():
        report = records.restore_records(s, "account", [world["acme"]])
    assert report.counts == {"account": 1, "contact": 2, "opportunity": 1, "case": 1, "activity": 1}
    assert world["jean"] in live(db, "contacts")
    assert world["note"] in live(db, "activities")
    assert world["call"] not in live(db, "activities")


def test_purge_deletes_for_good_clears_links_and_can_be_undone(
    db: Database, world: dict[str, str]
) -> None:
    with db.session() as s, s.begin():
        records.delete_records(s, "account", [world["acme"]])
    before = domain_snapshot(db)
    with db.session() as s, s.begin():
        report = records.purge_records(s, "account", [world["acme"]])
    assert report.counts == {"account": 1, "contact": 2, "opportunity": 1, "case": 1, "activity": 2}
    assert scalar(db, "SELECT count(*) FROM contacts") == 0
    assert (
        scalar(
            db, "SELECT primary_contact_id FROM opportunities WHERE id = :id", id=world["elsewhere"]
        )
        is None
    )
    assert report.operation_id is not None
    with db.session() as s, s.begin():
        undo(s, report.operation_id)
    assert domain_snapshot(db) == before


def test_only_records_in_the_trash_can_be_purged(db: Database, world: dict[str, str]) -> None:
    before = domain_snapshot(db)
    with db.session() as s, s.begin(), pytest.raises(RecordError, match="not in it"):
        records.purge_records(s, "contact", [world["jean"]])
    assert domain_snapshot(db) == before


# --- bulk edit -------------------------------------------------------------------------------


def test_bulk_edit_sets_one_field_on_live_records_as_one_operation(
    db: Database, world: dict[str, str]
) -> None:
    with db.session() as s, s.begin():
        records.update_record(s, "contact", world["marie"], {"country": "BE"})
        records.delete_records(s, "case", [world["case"]])
    before = operations(db)
    with db.session() as s, s.begin():
        result = records.bulk_update(
            s, "contact", [world["jean"], world["marie"]], "phone_raw", "0470 12 34 56"
        )
    assert result.ok
    assert result.label == "Set Phone on 2 contacts"
    assert operations(db) == before + 1
    with db.read_session() as s:
        phones = dict(s.execute(text("SELECT last_name, phone_e164 FROM contacts")).all())
    # Read in each contact's country: a French number for Jean, a Belgian one for Marie.
    assert phones == {"Dupont": "+33470123456", "Curie": "+32470123456"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("email", "nobody@", "E-mail is not a valid address"),
        ("last_name", "", "Last name is required."),
        ("consent_status", "maybe", "must be one of"),
        ("account_id", "missing", "the chosen record does not exist"),
    ],
)
def test_a_refused_bulk_edit_writes_nothing(
    db: Database, world: dict[str, str], key: str, value: str, message: str
) -> None:
    before = domain_snapshot(db)
    with db.session() as s, s.begin():
        result = records.bulk_update(s, "contact", [world["jean"], world["marie"]], key, value)
    assert message in result.errors[key]
    assert domain_snapshot(db) == before
