"""Duplicate scan, as-you-type check and "not a duplicate" marks (issue #7)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models import Account, Contact, Lead
from desktop_crm.models.database import Database
from desktop_crm.services import dedupe
from desktop_crm.services.dedupe import (
    DedupeError,
    find_duplicates,
    mark_not_duplicates,
    not_duplicate_pairs,
    possible_duplicates_of,
    scan_duplicates,
    unmark_not_duplicates,
)
from desktop_crm.services.progress import Cancelled
from desktop_crm.services.sample_data import generate


def accounts() -> list[Account]:
    return [
        Account(id="a1", name="Dupont Plomberie SARL", city="Lyon", phone_e164="+33472000001"),
        Account(id="a2", name="DUPONT PLOMBERIE", city="Lyon"),
        Account(id="a3", name="Moreau & Fils", city="Paris"),
        Account(id="a4", name="Informatique Gautier SAS", city="Nantes"),
        Account(
            id="a5",
            name="Boulangerie Petit",
            city="Paris",
            siren="552100554",
            website="https://www.boulangerie-petit.fr",
        ),
        Account(id="a6", name="Boulangerie Petit SAS", city="Paris", siren="552100554"),
        Account(id="a7", name="Petit Traiteur", city="Paris"),
    ]


def contact(id_: str, first: str | None, last: str, **fields: Any) -> Contact:
    email = fields.pop("email", None)
    normalised = fields.pop("email_normalized", email.lower() if email else None)
    return Contact(
        id=id_, first_name=first, last_name=last, email=email, email_normalized=normalised, **fields
    )


def contacts() -> list[Contact]:
    return [
        # a typo in the last name, same company
        contact(
            "c1",
            "Jean",
            "Dupont",
            email="jean.dupont@dupont-plomberie.fr",
            phone_raw="06 12 34 56 78",
            phone_e164="+33612345678",
            account_id="a1",
            city="Lyon",
            job_title="Gérant",
        ),
        contact("c2", "Jean", "Dupnt", account_id="a1", city="Lyon"),
        # accents dropped and capitals; the e-mail typed in other case, not normalised yet
        contact(
            "c3",
            "Hélène",
            "Lefèvre",
            email="h.lefevre@moreau-fils.fr",
            account_id="a3",
            city="Paris",
        ),
        contact(
            "c4",
            "Helene",
            "LEFEVRE",
            email="H.Lefevre@Moreau-Fils.FR",
            email_normalized=None,
            city="Paris",
        ),
        # first and last name swapped; the mobile typed in another format, no E.164 stored
        contact(
            "c5",
            "Mathieu",
            "Bernard",
            mobile_raw="+33 6 98 76 54 32",
            mobile_e164="+33698765432",
            city="Nantes",
        ),
        contact("c6", "Bernard", "Mathieu", phone_raw="06.98.76.54.32", country="FR"),
        # the same company under two legal forms (two account records)
        contact("c7", "Sophie", "Martin", email="s.martin@dupont-plomberie.fr", account_id="a1"),
        contact("c8", "Sophie", "Martin", account_id="a2"),
        # namesakes and colleagues that are different people
        contact(
            "c9",
            "Pierre",
            "Martin",
            email="pierre.martin@gmail.com",
            phone_e164="+33611111111",
            account_id="a3",
            city="Paris",
        ),
        contact(
            "c10",
            "Luc",
            "Martin",
            email="luc.martin@gautier.fr",
            phone_e164="+33622222222",
            account_id="a4",
            city="Nantes",
        ),
        contact(
            "c11",
            "Pierre",
            "Martin",
            email="pmartin@gautier.fr",
            phone_e164="+33633333333",
            account_id="a4",
            city="Nantes",
        ),
        contact("c12", "Anne", "Martin", email="a.martin@dupont-plomberie.fr", account_id="a1"),
        contact("c13", "Marie", "Bernard", mobile_e164="+33698765432", city="Nantes"),
    ]


EXPECTED_CONTACT_GROUPS = [{"c1", "c2"}, {"c3", "c4"}, {"c5", "c6"}, {"c7", "c8"}]


@pytest.fixture
def people(db: Database) -> Database:
    with db.session() as s, s.begin():
        s.add_all(accounts())
        s.flush()
        s.add_all(contacts())
        s.add_all(
            [
                Lead(id="l1", first_name="Marc", last_name="Durand", company="Acme SAS",
                     email="m.durand@acme.fr", email_normalized="m.durand@acme.fr"),
                Lead(id="l2", first_name="Marc", last_name="Durant", company="ACME",
                     email="M.Durand@ACME.fr"),
                Lead(id="l3", first_name="Marc", last_name="Durand", company="Globex",
                     email="marc@globex.com", email_normalized="marc@globex.com"),
            ]
        )  # fmt: skip
    return db


def groups_of(db: Database, object_type: str, **kw: Any) -> list[set[str]]:
    with db.read_session() as s:
        return [set(g.record_ids) for g in find_duplicates(s, object_type, **kw)]


def test_scan_finds_typo_accent_swap_phone_email_and_company_duplicates(people: Database) -> None:
    groups = groups_of(people, "contact")
    assert sorted(groups, key=min) == EXPECTED_CONTACT_GROUPS


def test_scan_does_not_pair_namesakes_or_relatives(people: Database) -> None:
    together = {frozenset(p) for g in groups_of(people, "contact") for p in _pairs(g)}
    for a, b in [("c9", "c11"), ("c9", "c10"), ("c7", "c12"), ("c5", "c13"), ("c6", "c13")]:
        assert frozenset((a, b)) not in together


def _pairs(group: set[str]) -> list[tuple[str, str]]:
    ids = sorted(group)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def test_groups_give_reasons_scores_and_a_survivor(people: Database) -> None:
    with people.read_session() as s:
        groups = {frozenset(g.record_ids): g for g in find_duplicates(s, "contact")}
    scores = [g.score for g in groups.values()]
    typo = groups[frozenset({"c1", "c2"})]
    assert typo.record_ids[0] == "c1"  # the more complete record
    assert typo.labels == ("Jean Dupont", "Jean Dupnt")
    assert typo.pairs[0].reasons[:2] == ("name 95% similar", "same company")
    swap = groups[frozenset({"c5", "c6"})]
    assert swap.pairs[0].reasons[:2] == ("same name", "same phone")
    accent = groups[frozenset({"c3", "c4"})]
    assert accent.pairs[0].reasons[:2] == ("same name", "same e-mail")
    company = groups[frozenset({"c7", "c8"})]
    assert "same company after normalisation" in company.pairs[0].reasons
    assert all(70 <= score <= 100 for score in scores)
    with people.read_session() as s:
        ordered = [g.score for g in find_duplicates(s, "contact")]
    assert ordered == sorted(ordered, reverse=True)


def test_transitive_matches_make_one_group(people: Database) -> None:
    with people.session() as s, s.begin():
        s.add(contact("c14", "J.", "Dupont", email="Jean.Dupont@dupont-plomberie.fr"))
    assert {"c1", "c2", "c14"} in groups_of(people, "contact")


def test_accounts_match_on_normalised_name_and_siren(people: Database) -> None:
    with people.read_session() as s:
        groups = {frozenset(g.record_ids): g for g in find_duplicates(s, "account")}
    assert set(groups) == {frozenset({"a1", "a2"}), frozenset({"a5", "a6"})}
    assert groups[frozenset({"a1", "a2"})].pairs[0].reasons[:2] == (
        "same company after normalisation",
        "same city",
    )
    assert "same SIREN" in groups[frozenset({"a5", "a6"})].pairs[0].reasons


def test_leads_match_on_company_after_normalisation(people: Database) -> None:
    with people.read_session() as s:
        groups = find_duplicates(s, "lead")
    assert [set(g.record_ids) for g in groups] == [{"l1", "l2"}]
    assert groups[0].pairs[0].reasons == (
        "name 91% similar",
        "same e-mail",
        "same company after normalisation",
    )


def test_not_a_duplicate_is_remembered_across_scans(people: Database) -> None:
    with people.session() as s, s.begin():
        assert mark_not_duplicates(s, "contact", ["c2", "c1"]) == 1
        assert mark_not_duplicates(s, "contact", ["c1", "c2"]) == 0
    groups = groups_of(people, "contact")
    assert {"c1", "c2"} not in groups
    assert len(groups) == len(EXPECTED_CONTACT_GROUPS) - 1
    with people.read_session() as s:
        assert not_duplicate_pairs(s, "contact") == {("c1", "c2")}
        assert scan_duplicates(s, "contact").dismissed_pairs == 1
        assert not_duplicate_pairs(s, "account") == frozenset()
    # reopened database: still remembered
    with Database.open(people.path, exclusive=False) as again, again.read_session() as s:
        assert not_duplicate_pairs(s, "contact") == {("c1", "c2")}
    with people.session() as s, s.begin():
        assert unmark_not_duplicates(s, "contact", ["c1", "c2"]) == 1
    assert {"c1", "c2"} in groups_of(people, "contact")


def test_marking_a_group_marks_every_pair(people: Database) -> None:
    with people.session() as s, s.begin():
        assert mark_not_duplicates(s, "contact", ["c1", "c2", "c9"]) == 3
    with people.read_session() as s:
        assert not_duplicate_pairs(s, "contact") == {("c1", "c2"), ("c1", "c9"), ("c2", "c9")}


def test_as_you_type_finds_a_typo_with_the_same_company(people: Database) -> None:
    with people.read_session() as s:
        matches = possible_duplicates_of(
            s, "contact", {"first_name": "jean", "last_name": "dupnt", "account_id": "a1"}
        )
    by_id = {m.record_id: m for m in matches}
    assert by_id["c1"].label == "Jean Dupont"
    assert by_id["c1"].reasons == ("name 95% similar", "same company")
    assert by_id["c1"].score >= dedupe.DEFAULT_THRESHOLD
    assert matches[0].record_id == "c2"  # typed exactly as c2 is
    assert "c12" not in by_id  # Anne Martin, same company, another person


@pytest.mark.parametrize(
    ("fields", "expected", "reason"),
    [
        ({"email": "JEAN.DUPONT@Dupont-Plomberie.fr"}, "c1", "same e-mail"),
        ({"phone": "+33 6 12 34 56 78"}, "c1", "same phone"),
        ({"phone_raw": "06 98 76 54 32"}, "c5", "same phone"),
        ({"first_name": "Hélène", "last_name": "Lefevre"}, "c3", "same name"),
        ({"first_name": "Lefèvre", "last_name": "Helene"}, "c3", "same name"),
    ],
)
def test_as_you_type_matches_on_any_typed_field(
    people: Database, fields: dict[str, str], expected: str, reason: str
) -> None:
    with people.read_session() as s:
        matches = possible_duplicates_of(s, "contact", fields)
    assert expected in [m.record_id for m in matches]
    found = next(m for m in matches if m.record_id == expected)
    assert reason in found.reasons


def test_as_you_type_skips_the_record_itself_and_dismissed_pairs(people: Database) -> None:
    fields = {"first_name": "Jean", "last_name": "Dupont", "account_id": "a1"}
    with people.read_session() as s:
        assert possible_duplicates_of(s, "contact", fields, exclude_id="c1")[0].record_id == "c2"
    with people.session() as s, s.begin():
        mark_not_duplicates(s, "contact", ["c1", "c2"])
    with people.read_session() as s:
        assert [m.record_id for m in possible_duplicates_of(s, "contact", fields, "c1")] == []
        assert possible_duplicates_of(s, "contact", {}) == []
        assert possible_duplicates_of(s, "contact", {"last_name": "Zyx"}) == []


def test_as_you_type_for_accounts_and_leads(people: Database) -> None:
    with people.read_session() as s:
        accounts = possible_duplicates_of(
            s, "account", {"name": "Dupont Plomberie", "city": "Lyon"}
        )
        by_siren = possible_duplicates_of(s, "account", {"siren": "552 100 554 00013"})
        leads = possible_duplicates_of(
            s, "lead", {"first_name": "Marc", "last_name": "Durand", "email": "m.durand@acme.fr"}
        )
        elsewhere = possible_duplicates_of(
            s,
            "account",
            {"name": "Boulangerie Petit", "siren": "732829320", "city": "Marseille",
             "website": "autre.fr"},
        )  # fmt: skip
    assert {m.record_id for m in accounts} == {"a1", "a2"}
    assert "a5" not in {m.record_id for m in elsewhere}  # another company of the same name
    assert {m.record_id for m in by_siren} == {"a5", "a6"}
    assert {m.record_id for m in leads} == {"l1", "l2"}


def test_a_huge_block_is_compared_by_neighbourhood_not_all_pairs(db: Database) -> None:
    """A switchboard number shared by 150 people must not cost 150²/2 comparisons, and a
    duplicate inside it is still found."""
    firsts = ["Anne", "Paul", "Marc", "Lucie", "Hugo", "Emma", "Louis", "Chloé", "Noé", "Inès"]
    lasts = ["Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel",
             "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel"]  # fmt: skip
    with db.session() as s, s.begin():
        s.add_all(
            contact(f"s{i:03}", f, la, phone_e164="+33142000000")
            for i, (f, la) in enumerate((f, la) for f in firsts for la in lasts)
        )
        s.add(contact("dup", "Anne", "Petti", phone_e164="+33142000000"))
    with db.read_session() as s:
        result = scan_duplicates(s, "contact")
    assert result.records == 151
    assert result.oversized_blocks >= 1
    assert result.compared_pairs < result.all_pairs / 4
    assert [set(g.record_ids) for g in result.groups] == [{"s000", "dup"}]


class Cancelling:
    def __init__(self, after: int) -> None:
        self.updates: list[tuple[int, int | None, str | None]] = []
        self.after = after

    @property
    def cancelled(self) -> bool:
        return len(self.updates) >= self.after

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        self.updates.append((done, total, status))


def test_scan_reports_progress_and_can_be_cancelled(db: Database) -> None:
    generate(db.session, 2500, seed=3)
    with db.read_session() as s:
        progress = Cancelling(after=1000)
        result = scan_duplicates(s, "contact", progress)
        assert result.records == 2500
        assert {status for _, _, status in progress.updates} >= {"Reading contacts", "Comparing"}
        with pytest.raises(Cancelled):
            scan_duplicates(s, "contact", Cancelling(after=1))


def test_scan_of_sample_data_groups_by_best_score(db: Database) -> None:
    generate(db.session, 400, seed=1)
    with db.read_session() as s:
        for object_type in ("contact", "account", "lead"):
            result = scan_duplicates(s, object_type)
            assert result.compared_pairs < result.all_pairs
            scores = [g.score for g in result.groups]
            assert scores == sorted(scores, reverse=True)
            assert all(len(g.record_ids) == len(set(g.record_ids)) >= 2 for g in result.groups)


def test_deleted_records_are_not_scanned(people: Database) -> None:
    with people.session() as s, s.begin():
        s.execute(text("UPDATE contacts SET deleted_at = '2026-01-01T00:00:00.000000Z' "
                       "WHERE id = 'c2'"))  # fmt: skip
    assert {"c1", "c2"} not in groups_of(people, "contact")
    with people.read_session() as s:
        assert "c2" not in [m.record_id for m in possible_duplicates_of(
            s, "contact", {"first_name": "Jean", "last_name": "Dupnt"})]  # fmt: skip


def test_unknown_object_type_is_refused(db: Database) -> None:
    with db.read_session() as s, pytest.raises(DedupeError, match="not 'opportunity'"):
        find_duplicates(s, "opportunity")


def test_lower_threshold_adds_name_only_matches(people: Database) -> None:
    with people.session() as s, s.begin():
        s.add(contact("c15", "Pierre", "Martin", city="Paris"))
    assert not any("c15" in g for g in groups_of(people, "contact"))
    loose = groups_of(people, "contact", threshold=50)
    assert any({"c9", "c15"} <= g for g in loose)


def test_a_scan_pauses_the_garbage_collector_and_always_turns_it_back_on(
    people: Database,
) -> None:
    import gc

    seen: list[bool] = []

    class Watching:
        cancel_after = 1

        @property
        def cancelled(self) -> bool:
            seen.append(gc.isenabled())
            self.cancel_after -= 1
            return self.cancel_after < 0

        def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
            seen.append(gc.isenabled())

    gc.enable()  # the suite runs with automatic collection off (tests/conftest.py)
    with people.read_session() as s, pytest.raises(Cancelled):
        scan_duplicates(s, "contact", Watching())
    assert seen
    assert not any(seen)
    assert gc.isenabled()  # and back on, though the scan was cancelled
    gc.disable()
    try:
        with people.read_session() as s:
            scan_duplicates(s, "contact")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.disable()  # as the rest of the suite runs
