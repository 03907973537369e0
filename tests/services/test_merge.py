"""Merging duplicates: field choices, related records moved, redirects, unmerge by undo."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_crm.models import (
    Account,
    Activity,
    Campaign,
    CampaignMember,
    Case,
    Contact,
    CustomFieldDefinition,
    CustomFieldValue,
    Lead,
    Opportunity,
    Tag,
    Tagging,
)
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.merge import (
    MAX_MERGE,
    MergeError,
    merge,
    merged_into,
    resolve_merged,
)
from desktop_crm.services.undo import redo, undo
from tests.snapshots import domain_snapshot


def at(day: int) -> datetime:
    return datetime(2026, 1, day, 9, 0, tzinfo=UTC)


def row(db: Database, table: str, record_id: str) -> dict[str, Any]:
    with db.read_session() as s:
        found = s.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": record_id})
        return dict(found.mappings().one())


def column(db: Database, sql: str) -> list[Any]:
    with db.read_session() as s:
        return list(s.execute(text(sql)).scalars())


def run_merge(db: Database, object_type: str, survivor: str, others: list[str], **kw: Any) -> Any:
    with db.session() as s, s.begin():
        return merge(s, object_type, survivor, others, **kw)


def run_undo(db: Database, operation_id: str) -> None:
    with db.session() as s, s.begin():
        undo(s, operation_id)


@pytest.fixture
def crm(db: Database) -> Database:
    """Three Jean Duponts with links of every kind, an account pair and a lead pair."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s)
        stage = s.execute(
            text("SELECT id FROM pipeline_stages WHERE pipeline_id = :p LIMIT 1"),
            {"p": pipeline.id},
        ).scalar()
        s.add_all(
            [
                Account(id="a1", name="Dupont Plomberie SARL", city="Lyon", updated_at=at(2)),
                Account(id="a2", name="DUPONT PLOMBERIE", phone_raw="04 72 00 00 01",
                        phone_e164="+33472000001", updated_at=at(5)),
                Account(id="a3", name="Dupont Lyon Est"),
                Campaign(id="k1", name="Salon 2026"),
                Campaign(id="k2", name="Newsletter"),
                Tag(id="t1", name="VIP"),
                Tag(id="t2", name="Relance"),
                CustomFieldDefinition(id="d1", record_type="contact", key="birth", label="Né le",
                                      field_type="text"),
                CustomFieldDefinition(id="d2", record_type="contact", key="segment",
                                      label="Segment", field_type="text"),
                CustomFieldDefinition(id="d3", record_type="contact", key="size", label="Taille",
                                      field_type="number"),
            ]
        )  # fmt: skip
        s.flush()
        s.add_all(
            [
                Contact(id="c1", first_name="Jean", last_name="Dupont", city="Paris",
                        account_id="a1", updated_at=at(1)),
                Contact(id="c2", first_name="Jean", last_name="Dupnt", email="jd@old.fr",
                        email_normalized="jd@old.fr", phone_raw="06 12 34 56 78",
                        phone_e164="+33612345678", consent_status="granted",
                        consent_source="form", updated_at=at(2)),
                Contact(id="c3", first_name="J.", last_name="Dupont", email="Jean@Dupont.fr",
                        email_normalized="jean@dupont.fr", phone_raw="01 02 03 04 05",
                        phone_e164="+33102030405", city="Lyon", updated_at=at(3)),
                Contact(id="c9", first_name="Autre", last_name="Personne"),
                Lead(id="l1", first_name="Marc", last_name="Durand", company="Acme"),
                Lead(id="l2", first_name="Marc", last_name="Durant", email="m@acme.fr"),
            ]
        )  # fmt: skip
        s.flush()
        s.execute(text("UPDATE accounts SET parent_account_id = 'a1' WHERE id = 'a3'"))
        s.add_all(
            [
                Activity(id="x1", activity_type="call", subject="Appel", contact_id="c2",
                         account_id="a2"),
                Activity(id="x2", activity_type="note", subject="Note", contact_id="c3",
                         deleted_at=at(4)),
                Activity(id="x3", activity_type="email", subject="Mail", contact_id="c1"),
                Activity(id="x4", activity_type="task", subject="Relancer", lead_id="l2"),
                Opportunity(id="o1", name="Chaudière", primary_contact_id="c3",
                            account_id="a2", pipeline_id=pipeline.id, stage_id=stage),
                Case(id="s1", subject="Fuite", contact_id="c2", account_id="a2",
                     opened_at=at(3)),
                CampaignMember(id="m1", campaign_id="k1", contact_id="c1"),
                CampaignMember(id="m2", campaign_id="k1", contact_id="c2", status="responded"),
                CampaignMember(id="m3", campaign_id="k2", contact_id="c3", updated_at=at(5)),
                CampaignMember(id="m4", campaign_id="k2", contact_id="c2", updated_at=at(1)),
                CampaignMember(id="m5", campaign_id="k2", lead_id="l2"),
                Tagging(id="g1", tag_id="t1", record_type="contact", record_id="c1"),
                Tagging(id="g2", tag_id="t1", record_type="contact", record_id="c2"),
                Tagging(id="g3", tag_id="t2", record_type="contact", record_id="c3"),
                Tagging(id="g4", tag_id="t2", record_type="contact", record_id="c2",
                        deleted_at=at(1)),
                CustomFieldValue(id="v1", definition_id="d1", record_id="c1",
                                 value_text="1970-01-01"),
                CustomFieldValue(id="v2", definition_id="d1", record_id="c2",
                                 value_text="1971-01-01"),
                CustomFieldValue(id="v3", definition_id="d2", record_id="c2", value_text="PME",
                                 updated_at=at(1)),
                CustomFieldValue(id="v4", definition_id="d2", record_id="c3", value_text="ETI",
                                 updated_at=at(3)),
                CustomFieldValue(id="v5", definition_id="d3", record_id="c1", value_number=None,
                                 deleted_at=at(1)),
                CustomFieldValue(id="v6", definition_id="d3", record_id="c3", value_number=250),
                Lead(id="l3", first_name="Jean", last_name="Dupont",
                     converted_contact_id="c2", converted_account_id="a2"),
            ]
        )  # fmt: skip
    return db


def test_merge_moves_every_link_and_soft_deletes_the_others(crm: Database) -> None:
    report = run_merge(crm, "contact", "c1", ["c2", "c3"], field_choices={"phone": "c2"})
    assert report.merged_ids == ("c2", "c3")
    survivor = row(crm, "contacts", "c1")
    # survivor's own values kept; empty ones from the most recently updated other (c3)...
    assert (survivor["first_name"], survivor["last_name"]) == ("Jean", "Dupont")
    assert (survivor["city"], survivor["account_id"]) == ("Paris", "a1")
    assert (survivor["email"], survivor["email_normalized"]) == ("Jean@Dupont.fr", "jean@dupont.fr")
    # ... or from the record the user chose, both phone columns together
    assert (survivor["phone_raw"], survivor["phone_e164"]) == ("06 12 34 56 78", "+33612345678")
    assert (survivor["consent_status"], survivor["consent_source"]) == ("granted", "form")
    assert report.taken == {"email": "c3", "phone": "c2", "consent": "c2"}
    assert {"phone", "first_name", "last_name"} <= set(report.conflicts)
    for merged in ("c2", "c3"):
        assert row(crm, "contacts", merged)["deleted_at"] is not None
    assert column(crm, "SELECT id FROM activities WHERE contact_id = 'c1' ORDER BY id") == [
        "x1",
        "x2",
        "x3",
    ]
    assert row(crm, "opportunities", "o1")["primary_contact_id"] == "c1"
    assert row(crm, "cases", "s1")["contact_id"] == "c1"
    assert row(crm, "leads", "l3")["converted_contact_id"] == "c1"
    # memberships: one per campaign, the survivor's kept, a repeat dropped
    members = column(
        crm,
        "SELECT id || ':' || contact_id || ':' || (deleted_at IS NULL) FROM campaign_members "
        "WHERE contact_id IS NOT NULL ORDER BY id",
    )
    assert members == ["m1:c1:1", "m2:c2:0", "m3:c1:1", "m4:c2:0"]
    # tags: the same, and a tagging already in the trash stays with its record
    tags = column(
        crm,
        "SELECT id || ':' || record_id || ':' || (deleted_at IS NULL) FROM taggings ORDER BY id",
    )
    assert tags == ["g1:c1:1", "g2:c2:0", "g3:c1:1", "g4:c2:0"]
    # custom fields: the survivor's kept, missing ones filled (moved, or copied into its
    # trashed row that the unique index keeps)
    values = column(
        crm,
        "SELECT definition_id || ':' || coalesce(value_text, value_number) FROM "
        "custom_field_values WHERE record_id = 'c1' AND deleted_at IS NULL ORDER BY definition_id",
    )
    assert values == ["d1:1970-01-01", "d2:ETI", "d3:250"]
    assert report.moved == {
        "activities.contact_id": 2,
        "campaign_members.contact_id": 1,
        "cases.contact_id": 1,
        "custom_field_values.record_id": 1,
        "leads.converted_contact_id": 1,
        "opportunities.primary_contact_id": 1,
        "taggings.record_id": 1,
    }
    assert report.dropped == {"campaign_members": 2, "taggings": 1}
    assert report.filled == {"custom_field_values": 2}


def test_merge_is_one_operation_and_undo_restores_everything(crm: Database) -> None:
    before = domain_snapshot(crm)
    report = run_merge(crm, "contact", "c1", ["c2", "c3"], field_choices={"city": "c3"})
    after = domain_snapshot(crm)
    assert after != before
    with crm.read_session() as s:
        kinds = s.execute(
            text("SELECT kind FROM journal_operations WHERE id = :id"), {"id": report.operation_id}
        ).scalar()
        assert kinds == "merge"
        assert merged_into(s, "contact", "c2") == "c1"
        assert resolve_merged(s, "contact", "c3") == "c1"
        assert merged_into(s, "contact", "c1") is None
    run_undo(crm, report.operation_id)
    assert domain_snapshot(crm) == before
    with crm.read_session() as s:
        assert merged_into(s, "contact", "c2") is None  # the redirect died with the merge
        assert resolve_merged(s, "contact", "c2") == "c2"
    with crm.session() as s, s.begin():
        redo(s, report.operation_id)
    assert domain_snapshot(crm) == after
    with crm.read_session() as s:
        assert merged_into(s, "contact", "c2") == "c1"


def test_redirects_follow_merges_of_merges(crm: Database) -> None:
    run_merge(crm, "contact", "c2", ["c3"])
    run_merge(crm, "contact", "c1", ["c2"])
    with crm.read_session() as s:
        assert merged_into(s, "contact", "c3") == "c2"
        assert resolve_merged(s, "contact", "c3") == "c1"


def test_account_merge_moves_contacts_deals_children_and_drops_a_self_parent(
    crm: Database,
) -> None:
    with crm.session() as s, s.begin():
        s.execute(text("UPDATE accounts SET parent_account_id = 'a2' WHERE id = 'a1'"))
    before = domain_snapshot(crm)
    report = run_merge(crm, "account", "a1", ["a2"])
    survivor = row(crm, "accounts", "a1")
    assert survivor["parent_account_id"] is None  # was a2, merged into a1 itself
    assert survivor["phone_e164"] == "+33472000001"  # a1 had none
    assert survivor["name"] == "Dupont Plomberie SARL"
    assert row(crm, "activities", "x1")["account_id"] == "a1"
    assert row(crm, "opportunities", "o1")["account_id"] == "a1"
    assert row(crm, "cases", "s1")["account_id"] == "a1"
    assert row(crm, "leads", "l3")["converted_account_id"] == "a1"
    assert row(crm, "accounts", "a3")["parent_account_id"] == "a1"
    assert row(crm, "accounts", "a2")["deleted_at"] is not None
    run_undo(crm, report.operation_id)
    assert domain_snapshot(crm) == before


def test_lead_merge_moves_activities_and_memberships(crm: Database) -> None:
    before = domain_snapshot(crm)
    report = run_merge(crm, "lead", "l1", ["l2"])
    assert row(crm, "activities", "x4")["lead_id"] == "l1"
    assert row(crm, "campaign_members", "m5")["lead_id"] == "l1"
    assert row(crm, "leads", "l1")["email"] == "m@acme.fr"
    assert row(crm, "leads", "l1")["company"] == "Acme"
    run_undo(crm, report.operation_id)
    assert domain_snapshot(crm) == before


@pytest.mark.parametrize(
    ("object_type", "survivor", "others", "choices", "message"),
    [
        ("contact", "c1", ["c1"], None, "cannot be merged with itself"),
        ("contact", "c1", ["c2", "c2"], None, "c2 is listed twice"),
        ("contact", "c1", [], None, "Choose at least one other contact"),
        ("contact", "c1", ["nope"], None, "There is no contact nope"),
        ("contact", "c1", ["a2"], None, "Record a2 is an account, not a contact"),
        ("contact", "l1", ["c2"], None, "Record l1 is a lead, not a contact"),
        ("account", "a1", ["c2"], None, "Record c2 is a contact, not an account"),
        ("opportunity", "o1", ["o2"], None, "Only contacts, accounts and leads"),
        ("contact", "c1", ["c2"], {"shoe_size": "c2"}, "no field 'shoe_size'"),
        ("contact", "c1", ["c2"], {"email": "c9"}, "must come from one of the merged records"),
        ("contact", "c1", ["c2"], {"email": "c2", "email_normalized": "c1"}, "choose one record"),
    ],
)
def test_bad_merges_are_refused_and_write_nothing(
    crm: Database,
    object_type: str,
    survivor: str,
    others: list[str],
    choices: dict[str, str] | None,
    message: str,
) -> None:
    before = domain_snapshot(crm)
    with pytest.raises(MergeError, match=message):
        run_merge(crm, object_type, survivor, others, field_choices=choices)
    assert domain_snapshot(crm) == before


def test_a_deleted_record_is_refused(crm: Database) -> None:
    with crm.session() as s, s.begin():
        s.execute(text("UPDATE contacts SET deleted_at = '2026-02-01T00:00:00.000000Z' "
                       "WHERE id = 'c3'"))  # fmt: skip
    before = domain_snapshot(crm)
    with pytest.raises(MergeError, match=r"“J. Dupont” \(c3\) is deleted; restore it first"):
        run_merge(crm, "contact", "c1", ["c2", "c3"])
    with pytest.raises(MergeError, match="is deleted"):
        run_merge(crm, "contact", "c3", ["c1"])
    assert domain_snapshot(crm) == before


def test_a_merged_record_cannot_be_merged_again(crm: Database) -> None:
    run_merge(crm, "contact", "c1", ["c2"])
    with pytest.raises(MergeError, match="is deleted"):
        run_merge(crm, "contact", "c3", ["c2"])


def test_more_than_the_maximum_is_refused(crm: Database) -> None:
    with pytest.raises(MergeError, match=f"At most {MAX_MERGE} contacts"):
        run_merge(crm, "contact", "c1", [f"x{i}" for i in range(MAX_MERGE)])


# --- property: any merge, then undo, restores the database exactly ---------------------------


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Campaigns, tags and custom field definitions the random contacts link to."""
    path = tmp_path_factory.mktemp("merge") / "crm.sqlite"
    with Database.open(path) as db, db.session() as s, s.begin():
        s.add_all([Campaign(id=f"k{i}", name=f"Campagne {i}") for i in range(3)])
        s.add_all([Tag(id=f"t{i}", name=f"Tag {i}") for i in range(3)])
        s.add_all(
            CustomFieldDefinition(
                id=f"d{i}", record_type="contact", key=f"f{i}", label=f"F{i}", field_type="text"
            )
            for i in range(3)
        )
        s.add(Account(id="acc", name="Acme"))
    return path


optional_text = st.one_of(st.none(), st.sampled_from(["", "Paris", "a@b.fr", "0612", "Zoë"]))
people = st.lists(
    st.fixed_dictionaries(
        {
            "first_name": optional_text,
            "email": optional_text,
            "city": optional_text,
            "account": st.booleans(),
            "consent": st.sampled_from(["unknown", "granted", "refused"]),
            "day": st.integers(1, 28),
        }
    ),
    min_size=2,
    max_size=5,
)
links = st.lists(
    st.tuples(
        st.sampled_from(["activity", "member", "tagging", "value"]),
        st.integers(0, 4),  # which contact
        st.integers(0, 2),  # which campaign / tag / definition
        st.booleans(),  # in the trash
    ),
    max_size=14,
)


#: (contacts, links, survivor index, other indexes, field choices)
MergeCase = tuple[list[dict[str, Any]], list[Any], int, list[int], dict[str, str]]


@st.composite
def merges(draw: st.DrawFn) -> MergeCase:
    contacts = draw(people)
    survivor = draw(st.integers(0, len(contacts) - 1))
    rest = [i for i in range(len(contacts)) if i != survivor]
    others = draw(st.lists(st.sampled_from(rest), min_size=1, max_size=len(rest), unique=True))
    group = draw(st.sampled_from(["email", "city", "consent", "owner_id", "account_id"]))
    choice = draw(st.sampled_from([None, survivor, *others]))
    choices = {} if choice is None else {group: f"p{choice}"}
    return contacts, draw(links), survivor, others, choices


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=merges())
def test_any_merge_then_undo_restores_the_database_exactly(
    template_db: Path,
    case: MergeCase,
) -> None:
    contacts, link_list, survivor, others, choices = case
    merged = ", ".join(f"'p{i}'" for i in others)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm.sqlite"
        shutil.copy(template_db, path)
        with Database.open(path) as db:
            load(db, contacts, link_list)
            before = domain_snapshot(db)
            report = run_merge(
                db, "contact", f"p{survivor}", [f"p{i}" for i in others], field_choices=choices
            )
            after = domain_snapshot(db)
            assert all(row(db, "contacts", f"p{i}")["deleted_at"] for i in others)
            assert row(db, "contacts", f"p{survivor}")["deleted_at"] is None
            for sql in (
                f"SELECT id FROM activities WHERE contact_id IN ({merged})",
                f"SELECT id FROM campaign_members WHERE contact_id IN ({merged}) "
                "AND deleted_at IS NULL",
                f"SELECT id FROM taggings WHERE record_id IN ({merged}) AND deleted_at IS NULL",
            ):
                assert column(db, sql) == []
            run_undo(db, report.operation_id)
            assert domain_snapshot(db) == before
            with db.session() as s, s.begin():
                redo(s, report.operation_id)
            assert domain_snapshot(db) == after


def load(db: Database, contacts: list[dict[str, Any]], link_list: list[Any]) -> None:
    with db.session() as s, s.begin():
        for i, person in enumerate(contacts):
            s.add(
                Contact(
                    id=f"p{i}",
                    first_name=person["first_name"],
                    last_name="Dupont",
                    email=person["email"],
                    email_normalized=person["email"],
                    city=person["city"],
                    account_id="acc" if person["account"] else None,
                    consent_status=person["consent"],
                    updated_at=at(person["day"]),
                )
            )
        s.flush()
        values_seen: set[tuple[int, int]] = set()
        for n, (kind, who, which, trashed) in enumerate(link_list):
            who %= len(contacts)
            deleted = at(1) if trashed else None
            if kind == "activity":
                s.add(
                    Activity(
                        id=f"x{n}",
                        activity_type="call",
                        subject="Appel",
                        contact_id=f"p{who}",
                        deleted_at=deleted,
                    )
                )
            elif kind == "member":
                s.add(
                    CampaignMember(
                        id=f"m{n}",
                        campaign_id=f"k{which}",
                        contact_id=f"p{who}",
                        deleted_at=deleted,
                    )
                )
            elif kind == "tagging":
                s.add(
                    Tagging(
                        id=f"g{n}",
                        tag_id=f"t{which}",
                        record_type="contact",
                        record_id=f"p{who}",
                        deleted_at=deleted,
                    )
                )
            elif (who, which) not in values_seen:
                values_seen.add((who, which))
                s.add(
                    CustomFieldValue(
                        id=f"v{n}",
                        definition_id=f"d{which}",
                        record_id=f"p{who}",
                        value_text=None if n % 3 == 0 else f"valeur {n}",
                        deleted_at=deleted,
                        updated_at=at(1 + n),
                    )
                )


# --- preview ---------------------------------------------------------------------------------


def test_the_preview_shows_each_field_and_the_defaults_merge_would_take(crm: Database) -> None:
    from desktop_crm.services.merge import preview_merge

    with crm.read_session() as s:
        preview = preview_merge(s, "contact", ["c1", "c2", "c3"])
    assert [r.id for r in preview.records] == ["c1", "c2", "c3"]
    assert preview.missing == ()
    by_name = {f.name: f for f in preview.fields}
    assert by_name["account_id"].values == ("Dupont Plomberie SARL", "", "")  # the name, not id
    assert by_name["phone"].values == ("", "06 12 34 56 78", "01 02 03 04 05")
    assert by_name["phone"].conflict
    assert not by_name["account_id"].conflict
    defaults = preview.default_sources(0)
    ids = [r.id for r in preview.records]
    report = run_merge(crm, "contact", "c1", ["c2", "c3"])
    taken = {name: ids[n] for name, n in defaults.items() if n != 0}
    assert taken == report.taken


def test_the_preview_counts_related_records_and_what_would_move(crm: Database) -> None:
    from desktop_crm.services.merge import preview_merge

    with crm.read_session() as s:
        preview = preview_merge(s, "contact", ["c1", "c2", "c3"])
    related = dict(preview.related)
    assert related["activities"] == (1, 1, 0)  # x2 (c3) is in the trash
    assert related["opportunities (primary contact)"] == (0, 0, 1)
    assert related["leads (converted contact)"] == (0, 1, 0)
    assert related["campaign memberships"] == (1, 2, 1)
    assert related["tags"] == (1, 1, 1)
    moving = dict(preview.moving(0))
    assert moving["activities"] == 1
    assert moving["campaign memberships"] == 3
    assert "cases" in moving


def test_the_preview_leaves_out_records_deleted_or_gone_since_the_scan(crm: Database) -> None:
    from desktop_crm.services.merge import preview_merge

    run_merge(crm, "contact", "c1", ["c3"])
    with crm.read_session() as s:
        preview = preview_merge(s, "contact", ["c1", "c2", "c3", "nope"])
    assert [r.id for r in preview.records] == ["c1", "c2"]
    assert preview.missing == ("c3", "nope")
    with crm.read_session() as s, pytest.raises(MergeError, match="campaign"):
        preview_merge(s, "campaign", ["k1"])
