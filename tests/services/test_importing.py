"""Importing files into the CRM: validation, relations, duplicate policies, one operation
with backup and undo, nothing half-imported (issue #6)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models import Account, Contact, CustomFieldDefinition
from desktop_crm.models.base import utc_now
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.import_mapping import importable_fields, saved_mapping
from desktop_crm.services.import_sources import ImportSourceError, SourceSpec
from desktop_crm.services.importing import (
    DuplicatePolicy,
    ImportOptions,
    ImportRefused,
    ImportReport,
    check_row,
    preview,
    run_import,
)
from desktop_crm.services.progress import Cancelled
from desktop_crm.services.undo import recent_operations, undo
from tests.snapshots import domain_snapshot

FRENCH_EXCEL = (
    "Civilité;Prénom;Nom;Société;Courriel;Portable;Code postal;Ville\r\n"
    "M.;Jean;Dupont;Dupont SARL;jean.dupont@dupont.fr;06 12 34 56 78;75001;Paris\r\n"
    "Mme;Hélène;Lefèvre;Crème & Café;helene@creme-cafe.fr;07 98 76 54 32;69002;Lyon\r\n"
    "Mme;Zoé;Martin;;zoe.martin@dupont.fr;;13001;Marseille\r\n"
    "M.;Paul;Durand;Acme;paul@@acme;06 99;33000;Bordeaux\r\n"
)


def write(path: Path, content: str, encoding: str = "cp1252") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def rows(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with db.read_session() as session:
        return [tuple(r) for r in session.execute(text(sql), params)]


def do_import(
    db: Database, path: Path, object_type: str = "contact", **options: Any
) -> ImportReport:
    spec = SourceSpec(path)
    with db.read_session() as session:
        found = preview(session, spec, object_type)
    dry_run = options.pop("dry_run", False)
    take_backup = options.pop("take_backup", False)
    mapping = options.pop("mapping", found.mapping)
    return run_import(
        db,
        spec,
        ImportOptions(object_type, mapping, **options),
        dry_run=dry_run,
        take_backup=take_backup,
    )


def test_a_french_excel_csv_imports_with_its_phones_accents_and_companies(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="acme", name="DUPONT S.A.R.L.", domain="dupont.fr"))
    report = do_import(db, write(tmp_path / "export.csv", FRENCH_EXCEL))
    assert (report.rows, report.created, report.failed) == (4, 3, 1)
    assert report.info.encoding == "cp1252"
    assert report.info.delimiter == ";"
    assert report.linked_created == {"accounts": 1}
    assert rows(
        db,
        "SELECT c.first_name, c.last_name, c.mobile_raw, c.mobile_e164, c.email_normalized, "
        "c.postal_code, a.name FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id "
        "ORDER BY c.last_name",
    ) == [
        ("Jean", "Dupont", "06 12 34 56 78", "+33612345678", "jean.dupont@dupont.fr", "75001",
         "DUPONT S.A.R.L."),  # by name, legal form and dots ignored
        ("Hélène", "Lefèvre", "07 98 76 54 32", "+33798765432", "helene@creme-cafe.fr", "69002",
         "Crème & Café"),  # created, with its domain
        ("Zoé", "Martin", None, None, "zoe.martin@dupont.fr", "13001",
         "DUPONT S.A.R.L."),  # no company: linked by the e-mail's domain
    ]  # fmt: skip
    assert rows(db, "SELECT domain FROM accounts WHERE name = 'Crème & Café'") == [
        ("creme-cafe.fr",)
    ]
    problems = sorted((i.row, i.column_name, i.value, i.reason) for i in report.issues)
    assert problems == [
        (5, "Courriel", "paul@@acme", "is not a valid e-mail address"),
        (5, "Portable", "06 99", "is not a phone number"),
    ]
    assert report.issues[0].message("export.csv").startswith("export.csv, row 5, column “")


def test_the_import_is_one_operation_and_undo_removes_it_all(db: Database, tmp_path: Path) -> None:
    before = domain_snapshot(db)
    report = do_import(db, write(tmp_path / "export.csv", FRENCH_EXCEL))
    assert report.operation_id is not None
    [last] = recent_operations_of(db)[:1]
    assert (last.id, last.kind, last.label) == (report.operation_id, "import", "Import export.csv")
    with db.session() as s, s.begin():
        undo(s, report.operation_id)
    assert domain_snapshot(db) == before


def recent_operations_of(db: Database) -> list[Any]:
    with db.read_session() as s:
        return recent_operations(s)


@pytest.fixture
def existing(db: Database) -> Database:
    with db.session() as s, s.begin():
        s.add(Account(id="acc", name="Dupont SARL", domain="dupont.fr"))
        s.add(
            Contact(
                id="c1",
                first_name="Jean",
                last_name="Dupont",
                email="Jean.Dupont@dupont.fr",
                email_normalized="jean.dupont@dupont.fr",
                account_id="acc",
                city="Paris",
                job_title="Gérant",
            )
        )
        s.add(
            Contact(
                id="c2",
                first_name="Marie",
                last_name="Curie",
                phone_raw="01 23 45 67 89",
                phone_e164="+33123456789",
                account_id="acc",
            )
        )
    return db


UPDATES = (
    "Prénom;Nom;Courriel;Téléphone;Ville;Fonction;Société\n"
    "Jean;Dupont;jean.dupont@dupont.fr;04 11 22 33 44;Lyon;Directeur;Dupont SARL\n"
    "Marie;Curie;marie@dupont.fr;01 23 45 67 89;;Chercheuse;Dupont\n"
    "Pierre;Neuf;pierre@neuf.fr;;Nantes;;\n"
)


@pytest.mark.parametrize(
    ("policy", "created", "updated", "skipped", "jean", "marie"),
    [
        (DuplicatePolicy.SKIP, 1, 0, 2,
         ("Paris", "Gérant", None), (None, None, "+33123456789")),
        (DuplicatePolicy.UPDATE_EMPTY, 1, 2, 0,
         ("Paris", "Gérant", "+33411223344"), ("marie@dupont.fr", "Chercheuse", "+33123456789")),
        (DuplicatePolicy.OVERWRITE, 1, 2, 0,
         ("Lyon", "Directeur", "+33411223344"), ("marie@dupont.fr", "Chercheuse", "+33123456789")),
        (DuplicatePolicy.CREATE, 3, 0, 0,
         ("Paris", "Gérant", None), (None, None, "+33123456789")),
    ],
)  # fmt: skip
def test_duplicate_policies(
    existing: Database,
    tmp_path: Path,
    policy: DuplicatePolicy,
    created: int,
    updated: int,
    skipped: int,
    jean: tuple[Any, ...],
    marie: tuple[Any, ...],
) -> None:
    report = do_import(existing, write(tmp_path / "u.csv", UPDATES), on_duplicate=policy)
    assert (report.created, report.updated, report.skipped, report.failed) == (
        created,
        updated,
        skipped,
        0,
    )
    assert rows(existing, "SELECT city, job_title, phone_e164 FROM contacts WHERE id = 'c1'") == [
        jean
    ]
    assert rows(
        existing, "SELECT email_normalized, job_title, phone_e164 FROM contacts WHERE id = 'c2'"
    ) == [marie]
    total = rows(existing, "SELECT count(*) FROM contacts")[0][0]
    assert total == 2 + created
    if policy is not DuplicatePolicy.CREATE:
        hits = {(h.row, h.record_id) for h in report.duplicates}
        assert hits == {(2, "c1"), (3, "c2")}
        assert all("same" in " ".join(h.reasons) for h in report.duplicates)


@pytest.mark.parametrize("policy", [DuplicatePolicy.UPDATE_EMPTY, DuplicatePolicy.OVERWRITE])
def test_undo_of_an_import_with_updates_restores_the_database_exactly(
    existing: Database, tmp_path: Path, policy: DuplicatePolicy
) -> None:
    before = domain_snapshot(existing)
    report = do_import(existing, write(tmp_path / "u.csv", UPDATES), on_duplicate=policy)
    assert report.updated == 2
    assert report.created == 1
    assert domain_snapshot(existing) != before
    assert report.operation_id is not None
    with existing.session() as s, s.begin():
        undo(s, report.operation_id)
    assert domain_snapshot(existing) == before


def test_rows_duplicated_inside_the_file_are_matched_with_each_other(
    db: Database, tmp_path: Path
) -> None:
    content = (
        "Prénom;Nom;Courriel;Ville\nJean;Dupont;jean@dupont.fr;\nJean;DUPONT;JEAN@dupont.fr;Paris\n"
    )
    report = do_import(
        db, write(tmp_path / "d.csv", content), on_duplicate=DuplicatePolicy.UPDATE_EMPTY
    )
    assert (report.created, report.updated) == (1, 1)
    assert rows(db, "SELECT last_name, city FROM contacts") == [("Dupont", "Paris")]


@pytest.mark.parametrize("policy", [DuplicatePolicy.SKIP, DuplicatePolicy.OVERWRITE])
def test_imported_records_are_searchable_and_the_index_stays_in_step(
    existing: Database, tmp_path: Path, policy: DuplicatePolicy
) -> None:
    # Issue #6 (speed): the search index of imported rows is written batch by batch, not by
    # the per-row trigger; rows updated after their insert (a file holding a person twice)
    # and the undo of the import must leave it as the triggers would.
    from tests.models.test_search_index import assert_in_step, found

    again = "Mme;Hélène;Lefèvre-Rousseau;Crème & Café;helene@creme-cafe.fr;;69003;Villeurbanne\r\n"
    report = do_import(
        existing, write(tmp_path / "f.csv", FRENCH_EXCEL + again), on_duplicate=policy
    )
    assert (report.created, report.updated) == (
        (2, 0) if policy is DuplicatePolicy.SKIP else (2, 2)
    )
    assert found(existing, "villeurbanne") == (
        set() if policy is DuplicatePolicy.SKIP else found(existing, "helene")
    )
    assert found(existing, "lefevre")
    assert found(existing, "creme")  # the account the import created
    assert_in_step(existing)
    assert report.operation_id is not None
    with existing.session() as s, s.begin():
        undo(s, report.operation_id)
    assert not found(existing, "lefevre")
    assert_in_step(existing)


@pytest.mark.parametrize(
    ("company", "matched"),
    [("DUPONT S.A.R.L.", "at-dupont"), ("Durand et Fils", "at-durand"), ("Martin", None)],
)
def test_a_namesake_is_matched_through_its_company(
    db: Database, tmp_path: Path, company: str, matched: str | None
) -> None:
    # Issue #6 (speed): namesakes are left out before loading unless they share a name
    # and company block with the batch; the match must be the one a full load gives.
    with db.session() as s, s.begin():
        s.add(Account(id="dupont", name="Dupont SARL"))
        s.add(Account(id="durand", name="Durand & Fils", deleted_at=utc_now()))
        for id_, account in (("at-dupont", "dupont"), ("at-durand", "durand"), ("alone", None)):
            s.add(Contact(id=id_, first_name="Jean", last_name="Dupont", account_id=account))
    content = f"Prénom;Nom;Société;Ville\nJean;Dupont;{company};Lyon\n"
    report = do_import(db, write(tmp_path / "n.csv", content))
    assert [h.record_id for h in report.duplicates] == ([matched] if matched else [])
    assert report.created == (0 if matched else 1)


def test_rows_with_errors_can_refuse_the_whole_import(db: Database, tmp_path: Path) -> None:
    before = domain_snapshot(db)
    report = do_import(db, write(tmp_path / "e.csv", FRENCH_EXCEL), skip_invalid_rows=False)
    assert report.refused
    assert not report.committed
    assert report.operation_id is None
    assert report.failed == 1
    assert report.summary().startswith(
        "Refused e.csv: 1 of 4 rows have errors, so nothing was imported (it would have been:"
    )
    assert domain_snapshot(db) == before


def test_a_dry_run_reports_everything_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = domain_snapshot(db)
    report = do_import(db, write(tmp_path / "e.csv", FRENCH_EXCEL), dry_run=True)
    assert (report.created, report.failed, report.committed) == (3, 1, False)
    assert report.summary().startswith("Would import e.csv: 4 rows, 3 created")
    assert domain_snapshot(db) == before
    with db.read_session() as s:
        assert saved_mapping(s, "contact", report.info and _header(tmp_path / "e.csv")) is None


def _header(path: Path) -> tuple[str, ...]:
    return tuple(path.read_bytes().decode("cp1252").splitlines()[0].split(";"))


def test_the_mapping_is_saved_and_reused_next_time(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "e.csv", "Nom;Bizarre\nDupont;Paris\n")
    spec = SourceSpec(path)
    with db.read_session() as s:
        first = preview(s, spec, "contact")
    assert first.mapping_origin == "suggested"
    assert first.mapping.targets == ("last_name", None)
    run_import(
        db, spec, ImportOptions("contact", first.mapping.with_target(1, "city")), take_backup=False
    )
    with db.read_session() as s:
        second = preview(s, spec, "contact")
    assert second.mapping_origin == "saved"
    assert second.mapping.targets == ("last_name", "city")


def test_a_cancelled_import_rolls_back_whole(db: Database, tmp_path: Path) -> None:
    lines = ["Nom;Courriel"] + [f"Nom{i};n{i}@example.org" for i in range(3000)]
    path = write(tmp_path / "big.csv", "\n".join(lines) + "\n")

    class CancelAt:
        cancelled = False

        def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
            self.cancelled = "1,500" in (status or "")

    before = domain_snapshot(db)
    with db.read_session() as s:
        mapping = preview(s, SourceSpec(path), "contact").mapping
    with pytest.raises(Cancelled):
        run_import(
            db, SourceSpec(path), ImportOptions("contact", mapping), progress=CancelAt(),
            take_backup=False,
        )  # fmt: skip
    assert domain_snapshot(db) == before
    assert [op.kind for op in recent_operations_of(db)] == ["setup"]


def test_a_file_broken_mid_way_imports_nothing(db: Database, tmp_path: Path) -> None:
    lines = ["Nom;Ville"] + [f"Nom{i};Ville{i}" for i in range(2500)]
    lines.insert(2000, 'Dupont;"Paris')
    path = write(tmp_path / "broken.csv", "\n".join(lines) + "\n")
    with db.read_session() as s:
        mapping = preview(s, SourceSpec(path), "contact").mapping
    before = domain_snapshot(db)
    with pytest.raises(ImportSourceError, match=r"broken\.csv, row 2001: a quote"):
        run_import(db, SourceSpec(path), ImportOptions("contact", mapping), take_backup=False)
    assert domain_snapshot(db) == before


def test_a_header_only_file_is_refused_with_a_sentence(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "header.csv", "Nom;Ville\n")
    with pytest.raises(ImportSourceError, match=r"header\.csv has a header row but no data rows"):
        do_import(db, path)


def test_a_row_with_more_cells_than_the_header_is_reported_and_left_out(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "x.csv", "Nom;Ville\nDupont;Paris\nMartin;Lyon;Rue Haute;12\n")
    report = do_import(db, path)
    assert (report.created, report.failed) == (1, 1)
    [issue] = report.issues
    assert (issue.row, issue.column_name, issue.value) == (3, "Column 3", "Rue Haute")
    assert "4 cells but the header has 2 columns" in issue.reason
    assert rows(db, "SELECT last_name FROM contacts") == [("Dupont",)]


def test_trailing_empty_cells_are_not_an_error(db: Database, tmp_path: Path) -> None:
    report = do_import(db, write(tmp_path / "x.csv", "Nom;Ville\nDupont;Paris;;;\n"))
    assert (report.created, report.failed) == (1, 0)


def test_ten_thousand_columns_import_the_mapped_ones(db: Database, tmp_path: Path) -> None:
    header = ["Nom", *[f"Colonne {i}" for i in range(9_998)], "Ville"]
    values = ["Dupont", *["x"] * 9_998, "Paris"]
    path = write(tmp_path / "wide.csv", ";".join(header) + "\n" + ";".join(values) + "\n")
    report = do_import(db, path)
    assert report.created == 1
    assert rows(db, "SELECT last_name, city FROM contacts") == [("Dupont", "Paris")]


def test_a_missing_required_field_is_reported_per_row(db: Database, tmp_path: Path) -> None:
    report = do_import(db, write(tmp_path / "r.csv", "Prénom;Nom\nJean;\nMarie;Curie\n"))
    assert (report.created, report.failed) == (1, 1)
    [issue] = report.issues
    assert (issue.row, issue.column_name, issue.reason) == (
        2,
        "Nom",
        "Last name is required but empty",
    )


def test_a_mapping_without_a_required_field_is_refused(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "Prénom;Ville\nJean;Paris\n")
    with pytest.raises(ImportRefused, match="No column is mapped to Last name"):
        do_import(db, path)


def test_fixes_typed_in_the_wizard_replace_cells(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "export.csv", FRENCH_EXCEL)
    with db.read_session() as s:
        found = preview(s, SourceSpec(path), "contact")
        fields = importable_fields(s, "contact")
    fixes = {(5, 4): "paul@acme.fr", (5, 5): "06 99 88 77 66"}
    options = ImportOptions("contact", found.mapping, fixes=fixes)
    row5 = found.rows[3]
    assert row5.number == 5
    assert len(check_row(ImportOptions("contact", found.mapping), fields, 5, row5.cells)) == 2
    assert check_row(options, fields, 5, row5.cells) == []
    report = run_import(db, SourceSpec(path), options, take_backup=False)
    assert (report.created, report.failed) == (4, 0)
    assert rows(db, "SELECT email, mobile_e164 FROM contacts WHERE last_name = 'Durand'") == [
        ("paul@acme.fr", "+33699887766")
    ]


def test_the_report_exports_its_issues_as_csv(db: Database, tmp_path: Path) -> None:
    report = do_import(db, write(tmp_path / "export.csv", FRENCH_EXCEL))
    out = report.write_issues_csv(tmp_path / "issues.csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["row", "column", "field", "value", "reason"]
    assert ["5", "Courriel", "email", "paul@@acme", "is not a valid e-mail address"] in table


def test_a_backup_is_taken_before_the_import(db: Database, tmp_path: Path) -> None:
    report = do_import(db, write(tmp_path / "export.csv", FRENCH_EXCEL), take_backup=True)
    assert report.backup is not None
    assert report.backup.exists()
    assert report.backup.parent == db.path.parent / "backups"


def test_accounts_import_matches_siren_and_parses_money(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="old", name="Ancien nom", siren="552100554"))
    content = (
        "Raison sociale;SIRET;Chiffre d'affaires;Effectif;Site web;Type\n"
        "Peugeot SA;552 100 554 00012;12 345,50 €;1 200;https://www.peugeot.fr/;Client\n"
        "Nouvelle SAS;;1.000.000 €;12;;Partenaire\n"
        "Mauvaise;123;abc;12,5;;Ennemi\n"
    )
    report = do_import(
        db, write(tmp_path / "a.csv", content), "account", on_duplicate=DuplicatePolicy.UPDATE_EMPTY
    )
    assert (report.created, report.updated, report.failed) == (1, 1, 1)
    assert rows(
        db,
        "SELECT id, name, siren, annual_revenue_minor, employees, domain, account_type "
        "FROM accounts ORDER BY name",
    ) == [
        ("old", "Ancien nom", "552100554", 1234550, 1200, "peugeot.fr", "prospect"),
        (rows(db, "SELECT id FROM accounts WHERE name = 'Nouvelle SAS'")[0][0],
         "Nouvelle SAS", None, 100000000, 12, None, "partner"),
    ]  # fmt: skip
    reasons = sorted((i.column_name, i.reason.split(" (")[0]) for i in report.issues)
    assert reasons == [
        ("Chiffre d'affaires", "is not a number"),
        ("Effectif", "is not a whole number"),
        ("SIRET", "is not a SIREN or SIRET"),
        ("Type", "is not one of the allowed values"),
    ]


def test_leads_import_with_choices_and_scores(db: Database, tmp_path: Path) -> None:
    content = "Prénom;Nom;Société;Origine;Statut;Score\nJean;Dupont;Dupont SARL;Salon;Qualifié;80\n"
    report = do_import(db, write(tmp_path / "l.csv", content), "lead")
    assert report.created == 1
    assert rows(db, "SELECT first_name, company, source, status, score FROM leads") == [
        ("Jean", "Dupont SARL", "trade_show", "qualified", 80)
    ]
    again = do_import(db, write(tmp_path / "l.csv", content), "lead")
    assert (again.created, again.skipped) == (0, 1)


def test_custom_fields_are_imported_typed(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        s.add(CustomFieldDefinition(id="d1", record_type="contact", key="budget",
                                    label="Budget", field_type="number", decimals=2))  # fmt: skip
        s.add(CustomFieldDefinition(id="d2", record_type="contact", key="vip",
                                    label="VIP", field_type="bool"))  # fmt: skip
        s.add(CustomFieldDefinition(id="d3", record_type="contact", key="since",
                                    label="Client depuis", field_type="date"))  # fmt: skip
    content = (
        "Nom;Budget;VIP;Client depuis\nDupont;1 234,50 €;oui;31/12/2020\nMartin;x;peut-être;\n"
    )
    report = do_import(db, write(tmp_path / "c.csv", content))
    assert (report.created, report.failed) == (1, 1)
    assert rows(
        db,
        "SELECT definition_id, value_number, value_bool, value_date FROM custom_field_values "
        "ORDER BY definition_id",
    ) == [("d1", 123450, None, None), ("d2", None, 1, None), ("d3", None, None, "2020-12-31")]
    assert {i.column_name for i in report.issues} == {"Budget", "VIP"}


def test_opportunities_link_account_contact_and_stage(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        ensure_default_pipeline(s, "fr")
        s.add(Account(id="acc", name="Dupont SARL"))
        s.add(Contact(id="c1", first_name="Jean", last_name="Dupont", account_id="acc"))
    content = (
        "Affaire;Société;Contact;Montant;Étape;Date de clôture\n"
        "Contrat 2025;DUPONT;Jean Dupont;12 345,50 €;Proposition;31/03/2025\n"
        "Nouveau;Neuve SA;Anne Neuve;1 000 €;;\n"
        "Perdue;Dupont;;10 €;Inconnue;\n"
    )
    report = do_import(db, write(tmp_path / "o.csv", content), "opportunity")
    assert (report.created, report.failed) == (2, 1)
    assert report.linked_created == {"accounts": 1, "contacts": 1}
    got = rows(
        db,
        "SELECT o.name, a.name, c.first_name || ' ' || c.last_name, o.amount_minor, s.name, "
        "o.expected_close_date FROM opportunities o JOIN accounts a ON a.id = o.account_id "
        "JOIN contacts c ON c.id = o.primary_contact_id JOIN pipeline_stages s ON "
        "s.id = o.stage_id ORDER BY o.name",
    )
    assert got == [
        ("Contrat 2025", "Dupont SARL", "Jean Dupont", 1234550, "Proposition", "2025-03-31"),
        ("Nouveau", "Neuve SA", "Anne Neuve", 100000, "Prospection", None),
    ]
    [issue] = report.issues
    assert (issue.row, issue.column_name, issue.value) == (4, "Étape", "Inconnue")


def test_xlsx_import_reads_typed_cells(db: Database, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "contacts.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Société", "Portable", "Code postal"])
    sheet.append(["Dupont", "Dupont SARL", 612345678, 75001])
    sheet.append(["Martin", None, "07 11 22 33 44", "06000"])
    sheet.merge_cells("B2:B3")
    book.save(path)
    report = do_import(db, path)
    assert report.created == 2
    assert rows(
        db,
        "SELECT c.last_name, a.name, c.mobile_e164, c.postal_code FROM contacts c "
        "JOIN accounts a ON a.id = c.account_id ORDER BY c.last_name",
    ) == [
        ("Dupont", "Dupont SARL", "+33612345678", "75001"),
        ("Martin", "Dupont SARL", "+33711223344", "06000"),
    ]


def test_a_row_skipped_as_a_duplicate_creates_no_company(
    existing: Database, tmp_path: Path
) -> None:
    content = "Prénom;Nom;Courriel;Société\nJean;Dupont;jean.dupont@dupont.fr;Nouvelle Société\n"
    report = do_import(existing, write(tmp_path / "s.csv", content))
    assert (report.created, report.skipped, report.linked_created) == (0, 1, {})
    assert rows(existing, "SELECT name FROM accounts") == [("Dupont SARL",)]


def test_utf16_and_tab_separated_exports_import(db: Database, tmp_path: Path) -> None:
    content = (
        "First Name\tLast Name\tCompany\tE-mail Address\r\nJosé\tNuñez\tACME Ltd\tjose@acme.com\r\n"
    )
    report = do_import(db, write(tmp_path / "outlook.csv", content, "utf-16"))
    assert report.info.encoding == "utf-16"
    assert report.info.delimiter == "\t"
    assert rows(db, "SELECT c.first_name, c.last_name, a.name FROM contacts c JOIN accounts a "
                    "ON a.id = c.account_id") == [("José", "Nuñez", "ACME Ltd")]  # fmt: skip


def test_a_named_company_is_found_by_name_not_by_another_accounts_domain(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as s, s.begin():
        s.add(Account(id="acc", name="Exemple", domain="exemple.fr"))
    content = (
        "Nom;Société;Courriel\n"
        "Martin;Autre SAS;zoe@exemple.fr\n"  # names its company: created
        "Durand;;luc@exemple.fr\n"  # names none: linked by the e-mail's domain
    )
    report = do_import(db, write(tmp_path / "c.csv", content))
    assert report.linked_created == {"accounts": 1}
    assert rows(
        db,
        "SELECT c.last_name, a.name FROM contacts c JOIN accounts a ON a.id = c.account_id "
        "ORDER BY c.last_name",
    ) == [("Durand", "Exemple"), ("Martin", "Autre SAS")]


class _LiveRows:
    """A progress that counts, at every update, the rows and profiles the import holds."""

    cancelled = False

    def __init__(self) -> None:
        self.held: list[int] = []

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        import gc

        from desktop_crm.services.dedupe import Profile
        from desktop_crm.services.import_rows import ParsedRow
        from desktop_crm.services.import_sources import SourceRow

        if status and status.startswith("Importing row") and len(self.held) < 8:
            kinds = (ParsedRow, SourceRow, Profile)
            self.held.append(sum(isinstance(o, kinds) for o in gc.get_objects()))


def test_an_import_holds_a_batch_of_rows_whatever_the_length_of_the_file(
    db: Database, tmp_path: Path
) -> None:
    # Issue #6: memory stays flat with the file's size (streamed, batch by batch); the
    # benchmark's --mb 200 runs the same import on a 200 MB file.
    from desktop_crm.services.importing import MATCH_BATCH, PROGRESS_EVERY

    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Prénom;Nom;Courriel;Société;Portable\n")
        for i in range(PROGRESS_EVERY * 8):
            out.write(
                f"Jean;Dupont{i};jean.{i}@ex{i % 50}.fr;Société {i % 300};"
                f"06 12 {i // 100:02d} {i % 100:02d} 00\n"
            )
    progress = _LiveRows()
    with db.read_session() as session:
        mapping = preview(session, SourceSpec(path), "contact").mapping
    report = run_import(
        db,
        SourceSpec(path),
        ImportOptions("contact", mapping),
        progress=progress,
        take_backup=False,
    )
    assert report.created == PROGRESS_EVERY * 8
    assert len(progress.held) == 8
    assert max(progress.held) <= 4 * MATCH_BATCH, progress.held
