"""Export then import into an empty database gives back the same contacts (issue #6), for
CSV in French and English, XLSX and vCard: names, e-mail, phones, job title, address and
the company, with accents, apostrophes, `;`, `,` and quotes in the text."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_crm.models import Account, Contact
from desktop_crm.models.database import Database
from desktop_crm.services.exporting import ExportFormat, export, whole_object
from desktop_crm.services.import_parsing import LOCALES
from desktop_crm.services.importing import (
    DuplicatePolicy,
    ImportOptions,
    SourceSpec,
    preview,
    run_import,
)
from desktop_crm.services.normalise import company_key
from desktop_crm.services.vcard import Version

#: (export format, file name, CSV style / import locale, vCard version)
FORMATS: list[tuple[ExportFormat, str, str, Version]] = [
    (ExportFormat.CSV, "fr.csv", "fr", "3.0"),
    (ExportFormat.CSV, "en.csv", "en", "3.0"),
    (ExportFormat.XLSX, "fr.xlsx", "fr", "3.0"),
    (ExportFormat.VCARD, "v3.vcf", "fr", "3.0"),
    (ExportFormat.VCARD, "v4.vcf", "en", "4.0"),
]

COMPARED = ", ".join(
    f"c.{name}"
    for name in (
        "first_name", "last_name", "email", "phone_raw", "phone_e164", "mobile_raw",
        "mobile_e164", "job_title", "city", "postal_code", "country",
    )
)  # fmt: skip

_LETTERS = "abcdeéèêàâçîïôöùûüÿœæAÉÈÇÔŒZzñÑßøØ"
_PUNCT = " '’;,\"-&."
#: Text as a user types it: letters with accents, apostrophes, `;`, `,`, quotes; never
#: blank, never padded with spaces. (A leading = + - @ is left out: the export prefixes
#: such text with an apostrophe on purpose, so Excel does not run it as a formula.)
words = (
    st.text(alphabet=_LETTERS + _PUNCT, min_size=1, max_size=14)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s != "" and s[0] not in "=+-@")
)
optional_words = st.none() | words


def _example(region: str, kind: phonenumbers.PhoneNumberType) -> str:
    number = phonenumbers.example_number_for_type(region, kind)
    assert number is not None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_REGIONS = ("FR", "BE", "CH", "GB", "DE", "ES", "US", "CA", "MA")
#: Valid numbers written internationally: they mean one number whatever the country.
international_phones = st.sampled_from(
    [_example(r, phonenumbers.PhoneNumberType.FIXED_LINE) for r in _REGIONS]
    + [_example(r, phonenumbers.PhoneNumberType.MOBILE) for r in _REGIONS]
)
#: French numbers as typed in France: read in the contact's country, FR.
french_phones = st.sampled_from(
    ["01 23 45 67 89", "06 12 34 56 78", "07.98.76.54.32", "0478001122", "+33 6 12 34 56 78"]
)


EMPTY: dict[str, Any] = dict.fromkeys(
    ("first_name", "email", "phone_raw", "mobile_raw", "job_title", "city", "postal_code",
     "country", "company")
)  # fmt: skip


@st.composite
def contacts(draw: st.DrawFn) -> dict[str, Any]:
    country = draw(st.none() | st.sampled_from(_REGIONS))
    phones = international_phones | (french_phones if country == "FR" else st.nothing())
    email = draw(
        st.none()
        | st.builds(
            "{}.{}@{}".format,
            st.from_regex(r"[a-z]{1,8}", fullmatch=True),
            st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True),
            st.sampled_from(["example.com", "exemple.fr", "gmail.com", "société.fr"]),
        )
    )
    return {
        "first_name": draw(optional_words),
        "last_name": draw(words),
        "email": email,
        "phone_raw": draw(st.none() | phones),
        "mobile_raw": draw(st.none() | phones),
        "job_title": draw(optional_words),
        "city": draw(optional_words),
        "postal_code": draw(
            st.none() | st.from_regex(r"[0-9]{5}|[A-Z]{2}[0-9] [0-9][A-Z]{2}", fullmatch=True)
        ),
        "country": country,
        "company": draw(optional_words),
    }


def e164_of(raw: str | None, region: str) -> str | None:
    if raw is None:
        return None
    number = phonenumbers.parse(raw, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pytest.fixture(scope="module")
def empty_db_file() -> Iterator[Path]:
    """A migrated empty database, copied for each example (migrating costs more)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "empty.sqlite"
        Database.open(path).close()
        yield path


def fresh_db(template: Path, folder: Path, name: str) -> Database:
    path = folder / f"{name}.sqlite"
    shutil.copy(template, path)
    return Database.open(path)


def stored(db: Database) -> list[tuple[Any, ...]]:
    with db.read_session() as session:
        found = session.execute(
            text(
                f"SELECT {COMPARED}, a.name FROM contacts c "
                "LEFT JOIN accounts a ON a.id = c.account_id "
                "WHERE c.deleted_at IS NULL"
            )
        )
        # In any order: the export writes the list's sort, the source was filled unsorted.
        return sorted((tuple(row) for row in found), key=repr)


def fill(db: Database, people: list[dict[str, Any]]) -> None:
    """The contacts as the app stores them: the source's own import of them is not used,
    so a bug of the importer cannot hide in both sides."""
    accounts: dict[str, str] = {}
    with db.session() as session, session.begin():
        for i, person in enumerate(people):
            values = dict(person)
            company = values.pop("company")
            account_id = None
            if company:
                account_id = accounts.get(company_key(company) or company)
                if account_id is None:
                    account_id = f"acc{i}"
                    accounts[company_key(company) or company] = account_id
                    session.add(Account(id=account_id, name=company))
            for raw, e164 in (("phone_raw", "phone_e164"), ("mobile_raw", "mobile_e164")):
                values[e164] = e164_of(values[raw], values["country"] or "FR")
            session.add(Contact(id=f"c{i}", account_id=account_id, **values))


TWO_COMPANIES_ONE_DOMAIN = [
    {**EMPTY, "last_name": "Dupont", "email": "jean@exemple.fr", "company": "Exemple"},
    {**EMPTY, "last_name": "Martin", "email": "zoe@exemple.fr", "company": "Autre SAS"},
]


@settings(max_examples=25, deadline=None)
@given(people=st.lists(contacts(), min_size=1, max_size=6))
@example(people=TWO_COMPANIES_ONE_DOMAIN)
def test_exported_contacts_import_back_the_same(
    empty_db_file: Path, people: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = fresh_db(empty_db_file, folder, "source")
        try:
            fill(source, people)
            expected = stored(source)
            for fmt, file_name, locale, version in FORMATS:
                path = folder / f"contacts-{file_name}"
                with source.read_session() as session:
                    request = whole_object(session, "contact")
                export(
                    source.read_session, request, path, fmt, locale=locale, vcard_version=version
                )
                target = fresh_db(empty_db_file, folder, file_name)
                try:
                    spec = SourceSpec(path)
                    with target.read_session() as session:
                        mapping = preview(session, spec, "contact").mapping
                    options = ImportOptions(
                        "contact",
                        mapping,
                        locale=LOCALES[locale],
                        on_duplicate=DuplicatePolicy.CREATE,
                    )
                    report = run_import(target, spec, options, take_backup=False)
                    assert [i.message(path.name) for i in report.issues] == [], file_name
                    assert report.created == len(people), file_name
                    assert stored(target) == expected, file_name
                finally:
                    target.close()
        finally:
            source.close()
