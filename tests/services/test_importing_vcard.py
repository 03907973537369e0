"""Importing contacts from vCard files (issue #6): each card is a row whose columns are the
contact's fields, a broken card is reported by card and line while the others import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.import_sources import ImportSourceError, SourceSpec, open_source
from desktop_crm.services.importing import ImportOptions, ImportReport, preview, run_import

VCARDS = Path(__file__).parent / "vcards"

CONTACTS_SQL = (
    "SELECT c.first_name, c.last_name, c.email, c.phone_e164, c.mobile_e164, c.job_title, "
    "c.city, c.postal_code, c.country, a.name FROM contacts c "
    "LEFT JOIN accounts a ON a.id = c.account_id ORDER BY c.last_name"
)


def import_file(db: Database, path: Path) -> ImportReport:
    spec = SourceSpec(path)
    with db.read_session() as session:
        found = preview(session, spec, "contact")
    return run_import(db, spec, ImportOptions("contact", found.mapping), take_backup=False)


def contacts(db: Database) -> list[tuple[Any, ...]]:
    with db.read_session() as session:
        return [tuple(row) for row in session.execute(text(CONTACTS_SQL))]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "google_contacts.vcf",
            [
                ("Hélène", "Lefèvre", "helene@boulangerie-lefevre.fr", "+33478001122",
                 "+33612345678", "Gérante", "Lyon", "69002", "FR", "Boulangerie Lefèvre SARL"),
                ("John Paul", "Smith", "john.smith@example.com", "+442079460958", None, None,
                 "London", "NW1 6XE", "GB", None),
            ],
        ),
        (
            "apple_contacts.vcf",
            [("François", "Durand", "f.durand@atelier-durand.fr", "+33123456789",
              "+33698765432", "Directeur technique", "Nantes", "44000", "FR",
              "Atelier Durand & Fils")],
        ),
        (
            "outlook_21.vcf",
            [("Jérôme", "Châtelet", "jerome.chatelet@sge-eaux.fr", "+33140000000",
              "+33700000001", "Acheteur", "Créteil", "94000", "FR",
              "Société Générale des Eaux")],
        ),
        (
            "rfc6350_40.vcf",
            [("Ana María", "Núñez", "ana@ejemplo.es", "+34911234567", "+34600123456", None,
              "Madrid", "28013", "ES", "Compañía Ejemplo S.L.")],
        ),
    ],
)  # fmt: skip
def test_sample_vcards_import_as_contacts_with_their_company(
    db: Database, name: str, expected: list[tuple[Any, ...]]
) -> None:
    report = import_file(db, VCARDS / name)
    assert (report.rows, report.created, report.failed) == (len(expected), len(expected), 0)
    assert contacts(db) == expected
    assert report.linked_created == {"accounts": 1}


def test_every_vcard_column_is_mapped_to_the_field_of_the_same_name(db: Database) -> None:
    with db.read_session() as session:
        found = preview(session, SourceSpec(VCARDS / "google_contacts.vcf"), "contact")
    assert found.info.format == "vcard"
    renamed = {"company": "account"}
    assert found.mapping.targets == tuple(renamed.get(h, h) for h in found.header)


BROKEN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dupont;Jean;;;\r\nEMAIL:jean@dupont.fr\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Martin;Zoé;;;\r\nADR:;;1 rue Haute;Nice;;06000;France\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Petit;Luc;;;\r\n"
)


def test_a_broken_card_is_reported_by_card_and_line_and_the_others_import(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(BROKEN.encode("utf-8"))
    report = import_file(db, path)
    assert (report.rows, report.created, report.failed) == (4, 2, 2)
    assert [issue.message(path.name) for issue in report.issues] == [
        "contacts.vcf, row 2: Card 2 (starting line 6): line 8: “this is not a property” is "
        "not a property (NAME:value)",
        "contacts.vcf, row 4: Card 4 (starting line 15): it has no END:VCARD line (the file "
        "ends inside it)",
    ]
    assert [(row[1], row[6], row[8]) for row in contacts(db)] == [
        ("Dupont", None, None),
        ("Martin", "Nice", "FR"),
    ]


def test_an_empty_vcard_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"\r\n  \r\n")
    with pytest.raises(ImportSourceError, match=r"^empty\.vcf is empty\.$"):
        open_source(SourceSpec(path))


def test_a_vcard_source_reports_its_progress_in_bytes() -> None:
    path = VCARDS / "google_contacts.vcf"
    source = open_source(SourceSpec(path))
    try:
        assert source.size == path.stat().st_size
        numbers = [row.number for row in source.rows()]
        assert numbers == [1, 2]
        assert source.position() == source.size
    finally:
        source.close()
