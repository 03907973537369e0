"""Deal rows matched to existing deals: same account and the same name, or a name typed
another way; names whose numbers differ are other deals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_crm.models import Account, Opportunity
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.import_deals import MAX_PER_ACCOUNT, DealIndex
from desktop_crm.services.importing import DuplicatePolicy
from tests.services.test_importing import do_import, rows, write


@pytest.mark.parametrize(
    ("existing", "row", "account", "expected"),
    [
        ("Renouvellement 2026 – ACME", "Renouvellement 2026 – ACME", "a1", 100),
        ("Renouvellement 2026 – ACME", "renouvellement 2026 acme", "a1", 100),
        ("Renouvellement 2026 – ACME", "ACME renouvellement 2026", "a1", 100),
        ("Renouvellement 2026 – ACME", "Renouvelement 2026 ACME", "a1", "similar"),
        ("Équipement atelier Lyon", "Equipement atelier de Lyon", "a1", "similar"),
        ("Contrat 2025", "Contrat 2026", "a1", None),
        ("Lot 3 – toitures", "Lot 4 – toitures", "a1", None),
        ("Renouvellement 2026 – ACME", "Renouvellement 2026 – ACME", "a2", None),
        ("Licences", "Formation", "a1", None),
        ("Sans compte", "Sans compte", None, 100),
        ("Sans compte", "sans compte, bis", None, None),
    ],
    ids=[
        "same",
        "case-and-accents",
        "words-reordered",
        "typo",
        "small-word-added",
        "other-year",
        "other-lot",
        "other-account",
        "unrelated",
        "no-account-exact",
        "no-account-fuzzy-not-tried",
    ],
)
def test_a_deal_row_matches_by_name_within_its_account(
    existing: str, row: str, account: str | None, expected: int | str | None
) -> None:
    index = DealIndex()
    index.add("d1", existing, "a1" if account is not None else None)
    found = index.find(row, account)
    if expected is None:
        assert found is None
    elif expected == "similar":
        assert found is not None
        assert found.record_id == "d1"
        assert 90 <= found.score < 100
        assert found.reasons == (f"name {found.score}% similar", "same company")
    else:
        assert found is not None
        assert (found.record_id, found.score) == ("d1", 100)


def test_the_closest_and_most_recent_deals_are_the_ones_compared() -> None:
    index = DealIndex()
    index.add("old", "Maintenance annuelle des locaux", "a1")
    for n in range(MAX_PER_ACCOUNT):
        index.add(f"d{n}", f"Commande {n}", "a1")
    # The old deal is beyond the most recent MAX_PER_ACCOUNT: not compared.
    assert index.find("Maintenance anuelle des locaux", "a1") is None
    index.add("new", "Maintenance annuelle des locaux", "a1")
    found = index.find("Maintenance anuelle des locaux", "a1")
    assert found is not None
    assert found.record_id == "new"


def test_an_import_skips_a_deal_typed_another_way_and_creates_next_years(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as s, s.begin():
        ensure_default_pipeline(s, "fr")
        s.add(Account(id="acc", name="ACME SA"))
    with db.session() as s, s.begin():
        stage = s.execute(text("SELECT id, pipeline_id FROM pipeline_stages LIMIT 1")).one()
        s.add(
            Opportunity(
                id="deal",
                name="Renouvellement 2026 – ACME",
                account_id="acc",
                pipeline_id=stage[1],
                stage_id=stage[0],
                currency="EUR",
            )
        )
    content = (
        "Affaire;Société;Montant\n"
        "Renouvelement 2026 ACME;ACME;1 000 €\n"
        "Renouvellement 2027 – ACME;ACME;2 000 €\n"
    )
    report = do_import(
        db, write(tmp_path / "o.csv", content), "opportunity", on_duplicate=DuplicatePolicy.SKIP
    )
    assert (report.created, report.skipped) == (1, 1)
    [hit] = report.duplicates
    assert (hit.row, hit.record_id, hit.action) == (2, "deal", "skipped")
    assert hit.reasons[1] == "same company"
    assert rows(db, "SELECT name FROM opportunities ORDER BY name") == [
        ("Renouvellement 2026 – ACME",),
        ("Renouvellement 2027 – ACME",),
    ]
