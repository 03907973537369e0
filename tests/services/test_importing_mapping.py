"""Column mapping: suggested from French and English headers, saved by header, reused
(issue #6)."""

from __future__ import annotations

import time

import pytest

from desktop_crm.models import CustomFieldDefinition
from desktop_crm.models.database import Database
from desktop_crm.services.import_mapping import (
    FieldMapping,
    fit_mapping,
    header_signature,
    importable_fields,
    mapping_names,
    named_mapping,
    save_mapping,
    saved_mapping,
    suggest_mapping,
)


@pytest.mark.parametrize(
    ("object_type", "header", "expected"),
    [
        ("contact", "Société", "account"),
        ("contact", "Raison sociale", "account"),
        ("contact", "Company", "account"),
        ("contact", "Entreprise", "account"),
        ("contact", "Prénom", "first_name"),
        ("contact", "PRENOM", "first_name"),
        ("contact", "First Name", "first_name"),
        ("contact", "first_name", "first_name"),
        ("contact", "Nom", "last_name"),
        ("contact", "Last name", "last_name"),
        ("contact", "Surname", "last_name"),
        ("contact", "Portable", "mobile"),
        ("contact", "Mobile", "mobile"),
        ("contact", "Tél. portable", "mobile"),
        ("contact", "Téléphone", "phone"),
        ("contact", "Tel", "phone"),
        ("contact", "Code postal", "postal_code"),
        ("contact", "CP", "postal_code"),
        ("contact", "Zip code", "postal_code"),
        ("contact", "Courriel", "email"),
        ("contact", "E-mail", "email"),
        ("contact", "Adresse e-mail", "email"),
        ("contact", "Email Address", "email"),
        ("contact", "Ville", "city"),
        ("contact", "Pays", "country"),
        ("contact", "Fonction", "job_title"),
        ("contact", "Job Title", "job_title"),
        ("contact", "Adresse", "street"),
        ("contact", "Civilité", "salutation"),
        ("contact", "Commentaires", "notes"),
        ("contact", "Telephone portable", "mobile"),  # accents missing
        ("contact", "Code postale", "postal_code"),  # a typo
        ("contact", "Date de naissance", None),
        ("contact", "Chiffre", None),
        ("account", "Raison sociale", "name"),
        ("account", "Nom", "name"),
        ("account", "SIRET", "siren"),
        ("account", "Chiffre d'affaires", "annual_revenue"),
        ("account", "Site web", "website"),
        ("account", "Effectif", "employees"),
        ("lead", "Société", "company"),
        ("lead", "Origine", "source"),
        ("opportunity", "Montant", "amount"),
        ("opportunity", "Étape", "stage"),
        ("opportunity", "Date de clôture", "expected_close_date"),
    ],
)
def test_headers_suggest_their_field(object_type: str, header: str, expected: str | None) -> None:
    mapping = suggest_mapping(object_type, ["Zzz", header])
    assert mapping.targets == (None, expected)


def test_each_field_goes_to_the_column_that_matches_it_best() -> None:
    mapping = suggest_mapping("contact", ["Nom complet", "Nom", "E-mail", "Email 2"])
    assert mapping.targets == (None, "last_name", "email", None)


def test_a_french_excel_export_is_mapped_whole() -> None:
    header = ["Civilité", "Prénom", "Nom", "Société", "Fonction", "Courriel", "Téléphone",
              "Portable", "Adresse", "Code postal", "Ville", "Pays"]  # fmt: skip
    assert suggest_mapping("contact", header).targets == (
        "salutation", "first_name", "last_name", "account", "job_title", "email", "phone",
        "mobile", "street", "postal_code", "city", "country",
    )  # fmt: skip


def test_custom_fields_are_mapped_by_their_label(db: Database) -> None:
    with db.session() as session, session.begin():
        session.add(
            CustomFieldDefinition(
                record_type="contact", key="segment", label="Segment client", field_type="text"
            )
        )
    with db.read_session() as session:
        fields = importable_fields(session, "contact")
    assert "custom:segment" in {f.key for f in fields}
    assert suggest_mapping("contact", ["Nom", "Segment client"], fields).targets == (
        "last_name",
        "custom:segment",
    )


def test_ten_thousand_columns_are_mapped_quickly() -> None:
    header = [f"Colonne {i}" for i in range(10_000)] + ["Prénom", "Nom"]
    started = time.perf_counter()
    mapping = suggest_mapping("contact", header)
    assert time.perf_counter() - started < 10
    assert mapping.targets[-2:] == ("first_name", "last_name")
    assert set(mapping.targets[:-2]) == {None}


def test_a_mapping_is_saved_by_header_and_by_name(db: Database) -> None:
    header = ("Nom", "Société", "Notes perso")
    mapping = FieldMapping("contact", header, ("last_name", "account", "notes"))
    with db.session() as session, session.begin():
        save_mapping(session, mapping, name="Export Outlook")
    with db.read_session() as session:
        assert saved_mapping(session, "contact", header) == mapping
        assert saved_mapping(session, "contact", ("NOM", "société", "notes perso")) == mapping
        assert saved_mapping(session, "account", header) is None
        assert saved_mapping(session, "contact", ("Nom",)) is None
        assert named_mapping(session, "contact", "Export Outlook") == mapping
        assert mapping_names(session, "contact") == ["Export Outlook"]


def test_a_named_mapping_fits_columns_in_another_order() -> None:
    saved = FieldMapping("contact", ("Nom", "Ville"), ("last_name", "city"))
    fitted = fit_mapping(saved, ("Ville", "Extra", "NOM"))
    assert fitted.targets == ("city", None, "last_name")


def test_header_signatures_ignore_case_and_accents_not_order() -> None:
    assert header_signature("contact", ["Prénom", "Nom"]) == header_signature(
        "contact", ["PRENOM", "nom"]
    )
    assert header_signature("contact", ["Prénom", "Nom"]) != header_signature(
        "contact", ["Nom", "Prénom"]
    )


def test_moving_a_field_to_another_column_unmaps_the_first() -> None:
    mapping = FieldMapping("contact", ("A", "B"), ("email", None))
    assert mapping.with_target(1, "email").targets == (None, "email")
