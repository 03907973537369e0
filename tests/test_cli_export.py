"""`desktop-crm export`: filters, sort, columns and locale from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_crm.cli import EXIT_OK, EXIT_USAGE, main
from desktop_crm.models import Account, Contact
from desktop_crm.models.database import Database
from desktop_crm.services.vcard import read_vcards


@pytest.fixture
def crm(db_path: Path) -> Path:
    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add(Account(id="a1", name="Acme", city="Lyon"))
        s.flush()
        for id_, last, first, city, email in [
            ("c1", "Dupont", "Marie", "Lyon", "marie@acme.fr"),
            ("c2", "Martin", "Luc", "Paris", "luc@acme.fr"),
            ("c3", "Bernard", "Anne", "Lyon", None),
            ("c4", "Petit", "Zoé", "Lyon", "zoe@example.com"),
        ]:
            s.add(
                Contact(
                    id=id_,
                    last_name=last,
                    first_name=first,
                    city=city,
                    email=email,
                    account_id="a1",
                )
            )
    return db_path


def rows(path: Path, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=delimiter))


def test_export_applies_every_where_the_sort_and_the_columns(
    crm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lyon.csv"
    args = ["--db", str(crm), "export", "--object", "contacts", "--out", str(out)]
    args += ["--where", "city=lyon", "--where", "E-mail!=", "--sort", "last_name:desc"]
    args += ["--columns", "Last name,email", "--locale", "fr"]
    assert main(args) == EXIT_OK
    assert rows(out, ";") == [
        ["Last name", "E-mail"],
        ["Petit", "zoe@example.com"],
        ["Dupont", "marie@acme.fr"],
    ]
    assert f"Exported 2 contact record(s) to {out}" in capsys.readouterr().out


def test_export_of_a_selection_to_excel_and_vcard(crm: Path, tmp_path: Path) -> None:
    base = ["--db", str(crm), "export", "--object", "contact", "--ids", "c2,c4", "--ids", "c9"]
    assert main([*base, "--out", str(tmp_path / "sel.xlsx")]) == EXIT_OK
    sheet = load_workbook(tmp_path / "sel.xlsx").active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Martin", "Petit"]
    assert main([*base, "--out", str(tmp_path / "sel.vcf"), "--vcard-version", "4.0"]) == EXIT_OK
    assert [f["id"] for _, f in read_vcards(tmp_path / "sel.vcf")] == ["c2", "c4"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--where", "town=Lyon"], "no column 'town'"),
        (["--sort", "nothing"], "--sort: no column 'nothing'"),
        (["--format", "vcf", "--object", "accounts"], "Only contacts"),
    ],
)
def test_bad_export_options_get_one_line_and_no_file(
    crm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    out = tmp_path / "out" / "x.csv"
    out.parent.mkdir()
    args = ["--db", str(crm), "export", "--object", "contacts", "--out", str(out), *option]
    assert main(args) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert list(out.parent.iterdir()) == []


def test_an_unknown_object_is_refused_by_name(crm: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--db", str(crm), "export", "--object", "widgets", "--out", str(tmp_path / "x")])
    assert raised.value.code == EXIT_USAGE
