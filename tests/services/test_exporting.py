"""Export: what the list shows, in files that Excel opens right (CSV per locale, typed
XLSX) and vCards that read back; a failed or cancelled export leaves no file."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from desktop_crm.models import (
    Account,
    Contact,
    CustomFieldDefinition,
    CustomFieldValue,
    Opportunity,
    PipelineStage,
)
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.exporting import (
    ExportError,
    ExportFormat,
    ExportRequest,
    default_columns,
    export,
    format_for,
    parse_where,
    whole_object,
)
from desktop_crm.services.progress import Cancelled, NullProgress
from desktop_crm.services.record_lists import (
    COLUMNS,
    Condition,
    ListColumn,
    ListQuery,
    ListQueryError,
    Op,
    ordered_rowids,
)
from desktop_crm.services.vcard import read_vcards

UPDATED = datetime(2025, 3, 14, 9, 30, 5, tzinfo=UTC)

CONTACTS = [
    # id, last, first, account, city, email, phone, notes
    ("c1", "Dupont", "Marie", "acc-zed", "Paris", "marie@dupont.fr", "+33 6 12 34 56 78", None),
    ("c2", "durand", "Paul", "acc-acme", "Lyon", None, "04 78 00 11 22", "Rappeler\nen mai"),
    ("c3", "Émile", "Zoé", None, "Lyon", "zoe@example.com", None, None),
    ("c4", "Martin", "Luc", "acc-acme", "Paris", "luc@martin.fr", "0612345678", None),
    ("c5", '=HYPERLINK("http://x")', "Eve", None, "Lille", None, None, None),
]


@pytest.fixture
def crm(db: Database) -> Database:
    """Five contacts in two accounts, one more deleted; three deals in two currencies."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        stage = s.query(PipelineStage).filter_by(pipeline_id=pipeline.id).first()
        assert stage is not None
        s.add_all(
            [
                Account(id="acc-acme", name="Acme", city="Lyon"),
                Account(id="acc-zed", name="Zed Industries", city="Paris"),
                CustomFieldDefinition(
                    id="cf-budget",
                    record_type="contact",
                    key="budget",
                    label="Budget",
                    field_type="number",
                    decimals=2,
                ),
            ]
        )
        s.flush()
        for id_, last, first, account, city, email, phone, notes in CONTACTS:
            s.add(
                Contact(
                    id=id_,
                    last_name=last,
                    first_name=first,
                    account_id=account,
                    city=city,
                    email=email,
                    phone_raw=phone,
                    notes=notes,
                    country="FR",
                    updated_at=UPDATED,
                )
            )
        s.add(Contact(id="c6", last_name="Gone", first_name="Ann", city="Paris"))
        s.flush()
        s.add(CustomFieldValue(definition_id="cf-budget", record_id="c1", value_number=123_456))
        deals = [
            ("o1", "Renewal", "acc-acme", 1_234_550, "EUR", date(2026, 3, 31)),
            ("o2", "Upsell", "acc-zed", 99_900, "USD", None),
            ("o3", "Audit", "acc-acme", None, "EUR", date(2025, 12, 1)),
        ]
        for id_, name, account, amount, currency, close in deals:
            s.add(
                Opportunity(
                    id=id_,
                    name=name,
                    account_id=account,
                    pipeline_id=pipeline.id,
                    stage_id=stage.id,
                    amount_minor=amount,
                    currency=currency,
                    probability=40,
                    expected_close_date=close,
                )
            )
        s.flush()
        s.execute(
            text("UPDATE contacts SET deleted_at = '2025-01-01T00:00:00.000000Z' WHERE id = 'c6'")
        )
    return db


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the exported files (the database is in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def columns(object_type: str, *keys: str) -> tuple[ListColumn, ...]:
    by_key = {c.key: c for c in COLUMNS[object_type]}
    return tuple(by_key[k] for k in keys)


def contacts_list(*conditions: Condition, sort: str = "last_name", **options: Any) -> ExportRequest:
    return ExportRequest(
        ListQuery("contact", conditions=conditions, sort_key=sort),
        columns("contact", "last_name", "first_name", "account_id.name", "phone_raw", "city"),
        **options,
    )


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel's cue for UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_a_filtered_sorted_list_exports_exactly_its_rows_and_columns(
    crm: Database, out: Path
) -> None:
    out = out / "paris.csv"
    report = export(crm.read_session, contacts_list(Condition("city", Op.EQUALS, "paris")), out)
    assert (report.rows, report.format, report.path) == (2, ExportFormat.CSV, out)
    assert read_csv(out, ",") == [
        ["Last name", "First name", "Account", "Phone", "City"],
        ["Dupont", "Marie", "Zed Industries", "+33 6 12 34 56 78", "Paris"],
        ["Martin", "Luc", "Acme", "0612345678", "Paris"],
    ]


def test_the_french_csv_has_semicolons_decimal_commas_and_day_first_dates(
    crm: Database, out: Path
) -> None:
    request = ExportRequest(
        ListQuery("opportunity", sort_key="name"),
        columns("opportunity", "name", "amount_minor", "probability", "expected_close_date"),
    )
    out = out / "deals.csv"
    export(crm.read_session, request, out, locale="fr_FR")
    assert read_csv(out, ";") == [
        ["Name", "Amount", "Amount currency", "Probability %", "Expected close"],
        ["Audit", "", "EUR", "40", "01/12/2025"],
        ["Renewal", "12345,50", "EUR", "40", "31/03/2026"],
        ["Upsell", "999,00", "USD", "40", ""],
    ]
    assert out.read_bytes().count(b"\r\n") == 4


def test_the_english_csv_has_commas_decimal_points_and_iso_dates(crm: Database, out: Path) -> None:
    request = ExportRequest(
        ListQuery("opportunity", sort_key="name"),
        columns("opportunity", "name", "amount_minor", "expected_close_date"),
    )
    out = out / "deals.csv"
    export(crm.read_session, request, out, locale="en_GB")
    assert read_csv(out, ",")[2] == ["Renewal", "12345.50", "EUR", "2026-03-31"]


def test_timestamps_and_scaled_custom_numbers_are_written_as_excel_reads_them(
    crm: Database, out: Path
) -> None:
    with crm.read_session() as s:
        request = whole_object(s, "contact")
    budget = next(c for c in request.columns if c.key == "cf:cf-budget")
    request = ExportRequest(
        ListQuery("contact", sort_key="last_name"),
        (*columns("contact", "last_name", "updated_at"), budget),
        custom_columns=(budget,),
    )
    out = out / "c.csv"
    export(crm.read_session, request, out, locale="fr", tz=UTC)
    rows = read_csv(out, ";")
    assert rows[0] == ["Last name", "Updated", "Budget"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "14/03/2025 09:30:05", ""]
    assert rows[2] == ["Dupont", "14/03/2025 09:30:05", "1234,56"]


def test_text_that_excel_would_run_as_a_formula_is_quoted_but_phones_are_not(
    crm: Database, out: Path
) -> None:
    out = out / "c.csv"
    export(crm.read_session, contacts_list(), out)
    rows = read_csv(out, ",")
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert [r[3] for r in rows[1:]] == ["", "+33 6 12 34 56 78", "04 78 00 11 22", "0612345678", ""]


def test_the_xlsx_has_typed_cells_a_styled_frozen_header_and_an_autofilter(
    crm: Database, out: Path
) -> None:
    request = ExportRequest(
        ListQuery("opportunity", sort_key="name"),
        columns("opportunity", "name", "account_id.name", "amount_minor", "expected_close_date"),
        sheet_title="Deals: 2025/26",
    )
    out = out / "deals.xlsx"
    report = export(crm.read_session, request, out, locale="fr")
    assert report.rows == 3
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet.title == "Deals  2025 26"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E4"
    header = [c.value for c in sheet[1]]
    assert header == ["Name", "Account", "Amount", "Amount currency", "Expected close"]
    assert all(c.font.b for c in sheet[1])
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        ["Audit", "Acme", None, "EUR", datetime(2025, 12, 1)],
        ["Renewal", "Acme", 12345.5, "EUR", datetime(2026, 3, 31)],
        ["Upsell", "Zed Industries", 999.0, "USD", None],
    ]
    assert sheet["C3"].number_format == "#,##0.00"
    assert sheet["E3"].number_format == "dd/mm/yyyy"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert all(8 <= w <= 60 for w in widths)
    assert widths[1] >= len("Zed Industries")


def test_xlsx_keeps_text_as_text_phones_and_would_be_formulas_alike(
    crm: Database, out: Path
) -> None:
    out = out / "c.xlsx"
    export(crm.read_session, contacts_list(), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    first = [c.value for c in sheet[2]]
    assert first[0] == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"
    assert [sheet.cell(row, 4).value for row in range(3, 7)] == [
        "+33 6 12 34 56 78",
        "04 78 00 11 22",
        "0612345678",
        None,
    ]


def test_a_saved_selection_exports_just_those_records_in_list_order(
    crm: Database, out: Path
) -> None:
    out = out / "sel.csv"
    request = contacts_list(record_ids=("c4", "c1", "c6", "missing"))
    assert export(crm.read_session, request, out).rows == 2  # c6 is in the trash
    assert [r[0] for r in read_csv(out, ",")[1:]] == ["Dupont", "Martin"]


def test_a_selection_of_list_rows_exports_them_in_the_given_order(crm: Database, out: Path) -> None:
    with crm.read_session() as s:
        rowids = ordered_rowids(s, ListQuery("contact", sort_key="last_name"))
    out = out / "sel.csv"
    export(crm.read_session, contacts_list(rowids=(rowids[3], rowids[1])), out)
    assert [r[0] for r in read_csv(out, ",")[1:]] == ["Martin", "Dupont"]


def test_a_whole_object_has_every_column_including_custom_fields(crm: Database, out: Path) -> None:
    with crm.read_session() as s:
        request = whole_object(s, "contact")
        shown = default_columns(s, "contact")
    out = out / "all.csv"
    assert export(crm.read_session, request, out).rows == 5
    header = read_csv(out, ",")[0]
    assert header[-1] == "Budget"
    assert len(header) == len(COLUMNS["contact"]) + 1 > len(shown)


def test_contacts_export_as_vcards_that_read_back(crm: Database, out: Path) -> None:
    out = out / "contacts.vcf"
    report = export(crm.read_session, contacts_list(Condition("city", Op.EQUALS, "Lyon")), out)
    assert report.rows == 2
    cards = [fields for _, fields in read_vcards(out)]
    assert cards == [
        {
            "id": "c2",
            "last_name": "durand",
            "first_name": "Paul",
            "company": "Acme",
            "phone_raw": "04 78 00 11 22",
            "city": "Lyon",
            "country": "FR",
            "notes": "Rappeler\nen mai",
        },
        {
            "id": "c3",
            "last_name": "Émile",
            "first_name": "Zoé",
            "email": "zoe@example.com",
            "city": "Lyon",
            "country": "FR",
        },
    ]


def test_only_contacts_export_as_vcards(crm: Database, out: Path) -> None:
    request = ExportRequest(ListQuery("account"), columns("account", "name"))
    with pytest.raises(ExportError, match="Only contacts"):
        export(crm.read_session, request, out / "a.vcf")
    assert list(out.iterdir()) == []


class CancelWhileWriting(NullProgress):
    def __init__(self) -> None:
        self.cancelled = False

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        if status == "Writing the file":
            self.cancelled = True


class FailWhileWriting(NullProgress):
    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        if status == "Writing the file":
            raise OSError(28, "No space left on device")


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "vcf"])
def test_a_cancelled_export_leaves_no_file_and_the_old_one_untouched(
    crm: Database, out: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop_crm.services.exporting.BATCH", 2)
    fresh, kept = out / f"new.{suffix}", out / f"old.{suffix}"
    kept.write_text("the previous export")
    for destination in (fresh, kept):
        with pytest.raises(Cancelled):
            export(crm.read_session, contacts_list(), destination, progress=CancelWhileWriting())
    assert sorted(p.name for p in out.iterdir()) == [f"old.{suffix}"]
    assert kept.read_text() == "the previous export"


def test_a_failed_export_leaves_no_half_file(
    crm: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop_crm.services.exporting.BATCH", 2)
    with pytest.raises(OSError, match="No space"):
        export(crm.read_session, contacts_list(), out / "x.csv", progress=FailWhileWriting())
    assert list(out.iterdir()) == []


def test_an_export_into_a_missing_folder_says_so(crm: Database, out: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(crm.read_session, contacts_list(), out / "nope" / "x.csv")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.csv", ExportFormat.CSV), ("A.XLSX", ExportFormat.XLSX), ("b.vcf", ExportFormat.VCARD)],
)
def test_the_format_follows_the_file_extension(name: str, expected: ExportFormat) -> None:
    assert format_for(Path(name)) is expected


def test_an_unknown_extension_asks_for_a_known_one() -> None:
    with pytest.raises(ExportError, match=r"\.csv, \.xlsx or \.vcf"):
        format_for(Path("contacts.pdf"))


WHERE_CASES = [
    ("city=Lyon", Condition("city", Op.EQUALS, "Lyon")),
    ("City = Lyon ", Condition("city", Op.EQUALS, "Lyon")),
    ("email~@acme", Condition("email", Op.CONTAINS, "@acme")),
    ("account=Acme", Condition("account_id.name", Op.EQUALS, "Acme")),
    ("updated_at>=2025-01-01", Condition("updated_at", Op.BETWEEN, "2025-01-01", None)),
    ("updated_at<=2025-12-31", Condition("updated_at", Op.BETWEEN, None, "2025-12-31")),
    ("phone_raw=", Condition("phone_raw", Op.EMPTY)),
    ("phone=", Condition("phone_raw", Op.EMPTY)),
    ("email!=", Condition("email", Op.NOT_EMPTY)),
]


@pytest.mark.parametrize(("where", "expected"), WHERE_CASES)
def test_command_line_filters_name_a_column_by_key_or_label(
    where: str, expected: Condition
) -> None:
    assert parse_where(where, COLUMNS["contact"]) == expected


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("town=Lyon", "no column 'town'"),
        ("city", "write COLUMN=VALUE"),
        ("email!=x", "only tests for a non-empty value"),
    ],
)
def test_a_bad_command_line_filter_says_what_is_wrong(where: str, message: str) -> None:
    with pytest.raises(ListQueryError, match=message):
        parse_where(where, COLUMNS["contact"])


def test_the_file_gets_the_usual_permissions_not_a_temporary_files(
    crm: Database, out: Path
) -> None:
    umask = os.umask(0o022)
    try:
        export(crm.read_session, contacts_list(), out / "c.csv")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((out / "c.csv").stat().st_mode) == 0o644


def test_a_destination_that_is_a_folder_is_refused_and_nothing_is_left(
    crm: Database, out: Path
) -> None:
    (out / "taken.csv").mkdir()
    with pytest.raises(ExportError, match="Cannot write"):
        export(crm.read_session, contacts_list(), out / "taken.csv")
    assert [p.name for p in out.iterdir()] == ["taken.csv"]
