"""Reading import files: encodings, delimiters, XLSX sheets, and every kind of bad file
named in issue #6 gets one clear sentence naming the file and row."""

from __future__ import annotations

import codecs
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desktop_crm.services.import_sources import (
    ImportSourceError,
    SourceSpec,
    detect_encoding,
    open_source,
    sniff_delimiter,
)

FRENCH = "Prénom;Nom;Société\r\nHélène;Lefèvre;Crème & Café SARL\r\nJosé;Nuñez;Œuvres\r\n"


def _rows(
    path: Path, **options: str
) -> tuple[tuple[str, ...], list[tuple[int, tuple[object, ...]]]]:
    with open_source(SourceSpec(path, **options)) as source:  # type: ignore[attr-defined]
        return source.header, [(r.number, r.cells) for r in source.rows()]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),
    ],
)
def test_the_encoding_is_found_and_accents_survive(
    tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(FRENCH.encode(encoding))
    assert detect_encoding(path)[0] == expected
    header, rows = _rows(path)
    assert header == ("Prénom", "Nom", "Société")
    assert rows == [
        (2, ("Hélène", "Lefèvre", "Crème & Café SARL")),
        (3, ("José", "Nuñez", "Œuvres")),
    ]


def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(FRENCH.encode("utf-16-le"))
    assert _rows(path)[0] == ("Prénom", "Nom", "Société")


def test_a_file_mixing_utf8_and_cp1252_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("Nom;Ville\nHélène;Paris\n".encode() + "Zoé;Orléans\n".encode("cp1252"))
    with pytest.raises(ImportSourceError, match=r"mixed\.csv, line 3: .*mixes two encodings"):
        _rows(path)


def test_a_chosen_encoding_wins_over_detection(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Nom\nCrème\n".encode("cp1252"))
    assert _rows(path, encoding="latin-1")[1] == [(2, ("Crème",))]
    with pytest.raises(ImportSourceError, match="not a known encoding"):
        _rows(path, encoding="klingon")


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a;b;c\n1;2;3\n4;5;6\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('nom;adresse\nDupont;"1, rue de la Paix"\nMartin;"2, rue Haute"\n', ";"),
        ('name,amount\nDupont,"12 345,50"\nMartin,"1,5"\n', ","),
        ("just one column\nvalue\n", ","),
    ],
)
def test_the_delimiter_is_sniffed(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_the_delimiter_can_be_overridden(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("a;b|c\n1;2|3\n")
    assert _rows(path, delimiter="|")[0] == ("a;b", "c")
    assert _rows(path, delimiter="\\t")[0] == ("a;b|c",)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportSourceError, match=r"^empty\.csv is empty\.$"):
        _rows(path)


def test_a_header_only_file_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("Nom;Prénom\r\n")
    assert _rows(path) == (("Nom", "Prénom"), [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 50, r"binary\.csv is not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, r"binary\.csv is not a text file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100), r"binary\.csv is a zip archive"),
    ],
)
def test_a_binary_file_named_csv_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(content)
    with pytest.raises(ImportSourceError, match=message):
        _rows(path)


def test_a_quote_never_closed_names_the_row_it_opened_on(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    lines = ["Nom;Ville"] + [f"Nom{i};Ville{i}" for i in range(10)]
    lines.insert(6, 'Dupont;"Paris')
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportSourceError, match=r"quotes\.csv, row 7: a quote \(\"\) opened"):
        _rows(path)


def test_text_after_a_closing_quote_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('Nom;Ville\nA;B\n"Dupont"x;Paris\n')
    with pytest.raises(ImportSourceError, match=r"quotes\.csv, row 3: a quoted cell"):
        _rows(path)


def test_quoted_cells_may_span_lines_and_rows_keep_their_line_number(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('Nom;Notes\nA;"line 1\nline 2"\n\nB;x\n')
    assert _rows(path)[1] == [(2, ("A", "line 1\nline 2")), (5, ("B", "x"))]


def test_ten_thousand_columns_are_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ["Nom"] + [f"Col {i}" for i in range(9999)]
    path.write_text(";".join(header) + "\n" + ";".join(["Dupont"] + ["x"] * 9999) + "\n")
    header_read, rows = _rows(path)
    assert len(header_read) == 10_000
    assert rows[0][1][0] == "Dupont"


def test_a_file_that_does_not_exist_and_a_kind_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ImportSourceError, match="does not exist"):
        _rows(tmp_path / "missing.csv")
    with pytest.raises(ImportSourceError, match="old Excel 97-2003"):
        _rows(tmp_path / "old.xls")
    with pytest.raises(ImportSourceError, match="cannot be imported"):
        _rows(tmp_path / "notes.pdf")


# --- XLSX ------------------------------------------------------------------------------------


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(["Nom", "Société", "Né le", "Téléphone", "Montant"])
    sheet.append(["Dupont", "Dupont SARL", datetime(1980, 2, 1), 612345678, 12345.5])
    sheet.append(["Martin", None, None, "06 11 22 33 44", 7])
    sheet.append([])
    sheet.append(["Durand", "Acme", None, None, True])
    sheet.merge_cells("B2:B3")
    other = book.create_sheet("Deals")
    other.append(["Affaire", "Montant"])
    other.append(["Contrat", 1000])
    book.save(path)
    return path


def test_xlsx_cells_keep_their_types_and_rows_their_numbers(tmp_path: Path) -> None:
    header, rows = _rows(_workbook(tmp_path / "book.xlsx"))
    assert header == ("Nom", "Société", "Né le", "Téléphone", "Montant")
    assert rows == [
        (2, ("Dupont", "Dupont SARL", datetime(1980, 2, 1), 612345678, 12345.5)),
        (3, ("Martin", "Dupont SARL", None, "06 11 22 33 44", 7)),  # merged from B2
        (5, ("Durand", "Acme", None, None, True)),
    ]


def test_a_sheet_is_chosen_by_name_or_number_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    with open_source(SourceSpec(path, sheet="Deals")) as source:
        assert source.info.sheets == ("Contacts", "Deals")
        assert source.header == ("Affaire", "Montant")
    assert _rows(path, sheet="2")[1] == [(2, ("Contrat", 1000))]
    with pytest.raises(ImportSourceError, match=r"no sheet 'Leads'; its sheets are 'Contacts'"):
        _rows(path, sheet="Leads")


def test_formulas_are_read_as_the_values_excel_computed(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Total"])
    sheet.append(["Dupont", "=2*21"])
    book.save(path)
    # openpyxl writes no cached value; Excel does: add the one Excel would have saved.
    patched = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<f>2\*21</f><v>\s*</v>|<f>2\*21</f>", b"<f>2*21</f><v>42</v>", data
                )
            dst.writestr(item, data)
    assert _rows(patched)[1] == [(2, ("Dupont", 42))]


def test_a_zip_of_something_else_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ImportSourceError, match=r"fake\.xlsx is a zip archive but not an Excel"):
        _rows(path)


def test_a_text_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    path.write_text("Nom;Ville\n")
    with pytest.raises(ImportSourceError, match=r"text\.xlsx is not an Excel workbook"):
        _rows(path)


def test_an_empty_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(ImportSourceError, match=r"empty\.xlsx, sheet 'Sheet' is empty"):
        _rows(path)


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Nom,Ville\nA,B\n")
    assert _rows(path)[0] == ("Nom", "Ville")


def test_an_encoding_neither_utf8_nor_cp1252_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "serbian.csv"
    text = "Имя;Город\nДмитрий Ђорђевић;Москва\nНаталья Џонсон;Санкт-Петербург\n" * 5
    path.write_bytes(text.encode("cp1251"))  # bytes cp1252 has no letter for
    encoding, reason = detect_encoding(path)
    assert (encoding, reason) == ("cp1251", "detected")
    assert _rows(path)[1][0] == (2, ("Дмитрий Ђорђевић", "Москва"))
