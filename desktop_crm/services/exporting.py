"""Export of a list, a selection or a whole object to CSV, Excel (XLSX) or vCard, streamed.

"What I see is what I get": an export takes the list's own `ListQuery` (filters, quick
filter, mine only, sort) and its chosen columns, reads the rowids in display order with
`ordered_rowids` and the values a batch at a time with `fetch_rows`, so memory stays flat
on a million rows (8 bytes a rowid plus one batch). Everything is read in one read
transaction: the file is one consistent snapshot even while others write.

The file is written to a temporary file beside the destination and renamed over it at the
end, so a failed or cancelled export never leaves a half file, and an existing file at the
destination stays as it was until the new one is complete.

Formats, chosen so that Excel opens the file right in the user's locale:
- CSV: UTF-8 with a BOM (Excel's cue for UTF-8); French: `;` between fields, decimal
  comma, dates dd/mm/yyyy; otherwise `,`, `.` and ISO dates. Money is a decimal amount in
  major units followed by its currency column; phones as entered; choices by their code.
- XLSX: typed cells (numbers, dates, money with a number format, booleans), the header row
  styled and frozen, an autofilter over the data, widths fitted to the first rows.
- vCard (contacts only): every contact field, see `services/vcard.py`.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import Integer, Table, inspect, literal_column, select
from sqlalchemy.orm import Session

from desktop_crm.models import OBJECT_MODELS
from desktop_crm.services.progress import NullProgress, Progress, check_cancelled
from desktop_crm.services.record_lists import (
    COLUMNS,
    IN_CHUNK,
    Condition,
    Kind,
    ListColumn,
    ListQuery,
    ListQueryError,
    Op,
    available_columns,
    fetch_rows,
    ordered_rowids,
)
from desktop_crm.services.vcard import VCARD_FIELDS, Version, card_text

#: Rows read per `fetch_rows` call: big enough to amortise the query, small in memory.
BATCH = 2_000
#: Rows looked at to size the XLSX columns (the file is streamed: widths come first).
WIDTH_SAMPLE = 500
#: Excel's limit for one cell's text.
XLSX_MAX_TEXT = 32_767


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    VCARD = "vcf"


class ExportError(ValueError):
    """An export that cannot run as asked (vCard of accounts, an unwritable folder); the
    message says why in one sentence."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the list's query and columns, optionally narrowed to a selection.

    `rowids` (in the order to write, as the list model holds them) or `record_ids` (a saved
    selection, written in the query's order) pick records; with neither, every record the
    query matches. `headers` replaces the column labels (the GUI passes translated ones).
    """

    query: ListQuery
    columns: tuple[ListColumn, ...]
    custom_columns: tuple[ListColumn, ...] = ()
    rowids: tuple[int, ...] | array[int] | None = None
    record_ids: tuple[str, ...] | None = None
    headers: tuple[str, ...] | None = None
    #: Header of the currency column after each money column.
    currency_header: str = "{label} currency"
    sheet_title: str = ""


@dataclass(frozen=True)
class ExportReport:
    path: Path
    format: ExportFormat
    rows: int
    seconds: float


@dataclass(frozen=True)
class CsvStyle:
    delimiter: str
    decimal: str
    date_format: str
    datetime_format: str
    yes: str
    no: str
    #: Excel number formats for the XLSX cells.
    xlsx_date: str
    xlsx_datetime: str


CSV_STYLES: dict[str, CsvStyle] = {
    "en": CsvStyle(
        ",", ".", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "yes", "no", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
    ),
    "fr": CsvStyle(
        ";", ",", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "oui", "non", "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
    ),
}


def style_for(locale: str) -> CsvStyle:
    """fr, fr_FR, fr-BE... → French; anything else → English."""
    return CSV_STYLES["fr" if locale.lower().startswith("fr") else "en"]


def format_for(path: Path) -> ExportFormat:
    """The format a file name asks for by its extension."""
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"vcard": "vcf", "xlsm": "xlsx"}
    try:
        return ExportFormat(aliases.get(suffix, suffix))
    except ValueError:
        raise ExportError(
            f"“{path.name}”: export to a .csv, .xlsx or .vcf file (or choose the format)."
        ) from None


# --- what to export -------------------------------------------------------------------------


def whole_object(session: Session, object_type: str) -> ExportRequest:
    """Every live record of an object with every column it has, custom fields included."""
    columns = tuple(available_columns(session, object_type))
    custom = tuple(c for c in columns if c.key.startswith("cf:"))
    return ExportRequest(
        ListQuery(object_type, sort_key=columns[0].key), columns, custom_columns=custom
    )


def default_columns(session: Session, object_type: str) -> tuple[ListColumn, ...]:
    return tuple(c for c in available_columns(session, object_type) if c.default)


_WHERE = re.compile(r"^\s*(?P<key>[^=~<>!]+?)\s*(?P<op>>=|<=|!=|=|~)\s*(?P<value>.*?)\s*$")


def parse_where(text: str, columns: Sequence[ListColumn]) -> Condition:
    """One filter of the command line's `--where`, by column key or label (any case):

    `city=Lyon` equals (no case), `email~@acme` contains, `amount_minor>=1000` and
    `expected_close_date<=2025-12-31` range bounds (money in major units, dates ISO),
    `phone_raw=` is empty, `phone_raw!=` is not empty.
    """
    match = _WHERE.match(text)
    if match is None:
        raise ListQueryError(
            f"--where {text!r}: write COLUMN=VALUE, COLUMN~TEXT, COLUMN>=LOW or COLUMN<=HIGH."
        )
    name, op, value = match["key"], match["op"], match["value"]
    spec = _column_named(name, columns, f"--where {text!r}")
    if op == "=" and not value:
        return Condition(spec.key, Op.EMPTY)
    if op == "!=":
        if value:
            raise ListQueryError(f"--where {text!r}: != only tests for a non-empty value.")
        return Condition(spec.key, Op.NOT_EMPTY)
    if op == "~":
        return Condition(spec.key, Op.CONTAINS, value)
    if op == ">=":
        return Condition(spec.key, Op.BETWEEN, value, None)
    if op == "<=":
        return Condition(spec.key, Op.BETWEEN, None, value)
    if spec.kind is Kind.BOOL:
        return Condition(spec.key, Op.EQUALS, value.lower() in ("1", "true", "yes", "oui", "vrai"))
    return Condition(spec.key, Op.EQUALS, value)


def command_line_request(
    session: Session,
    object_type: str,
    *,
    where: Sequence[str] = (),
    search: str = "",
    sort: str | None = None,
    columns: str | None = None,
    all_columns: bool = False,
    ids: Sequence[str] | None = None,
) -> ExportRequest:
    """The request the `desktop-crm export` options describe (see `parse_where`)."""
    available = available_columns(session, object_type)
    custom = tuple(c for c in available if c.key.startswith("cf:"))
    chosen: tuple[ListColumn, ...]
    if all_columns:
        chosen = tuple(available)
    elif columns:
        chosen = tuple(_column_named(name, available, "--columns") for name in columns.split(","))
    else:
        chosen = tuple(c for c in available if c.default)
    conditions = tuple(parse_where(text, available) for text in where)
    sort_key, descending = chosen[0].key, False
    if sort:
        name, _, order = sort.rpartition(":") if sort.lower().endswith(":desc") else (sort, "", "")
        sort_key = _column_named(name, available, "--sort").key
        descending = order.lower() == "desc"
    record_ids = None
    if ids is not None:
        record_ids = tuple(i.strip() for text in ids for i in text.split(",") if i.strip())
    query = ListQuery(
        object_type, conditions, text=search.strip(), sort_key=sort_key, descending=descending
    )
    return ExportRequest(query, chosen, custom_columns=custom, record_ids=record_ids)


def _column_named(name: str, columns: Sequence[ListColumn], option: str) -> ListColumn:
    wanted = name.strip().lower()
    for column in columns:
        if wanted in (column.key.lower(), column.label.lower()):
            return column
    known = ", ".join(c.key for c in columns)
    raise ListQueryError(f"{option}: no column {name.strip()!r}; the columns are {known}.")


# --- running --------------------------------------------------------------------------------


def export(
    session_factory: Callable[[], Session],
    request: ExportRequest,
    destination: Path,
    fmt: ExportFormat | None = None,
    *,
    locale: str = "en",
    vcard_version: Version = "3.0",
    tz: tzinfo | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the request's records to `destination` and say how many. `tz` is the zone
    timestamps are written in (default: the computer's). Raises `Cancelled` (no file
    left) when the progress is cancelled."""
    started = time.perf_counter()
    progress = progress or NullProgress()
    destination = Path(destination)
    fmt = fmt or format_for(destination)
    if fmt is ExportFormat.VCARD and request.query.object_type != "contact":
        raise ExportError("Only contacts can be exported as vCards; choose CSV or Excel.")
    if not destination.parent.is_dir():
        raise ExportError(f"The folder {destination.parent} does not exist.")
    style = style_for(locale)
    progress.update(0, None, "Reading the list")
    with session_factory() as session, _temporary_beside(destination) as (stream_path, done):
        rowids = _rowids(session, request)
        total = len(rowids)
        if fmt is ExportFormat.VCARD:
            rows = _vcards(session, request, rowids, stream_path, vcard_version, progress)
        else:
            table = _Table(session, request, rowids, progress, total)
            if fmt is ExportFormat.CSV:
                rows = _write_csv(table, stream_path, style, tz)
            else:
                rows = _write_xlsx(table, stream_path, style, tz)
        check_cancelled(progress)
        done()
    progress.update(rows, total, "Done")
    return ExportReport(destination, fmt, rows, time.perf_counter() - started)


@contextmanager
def _temporary_beside(destination: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A temporary path in the destination's folder (so the final rename is atomic),
    renamed over the destination when `done()` was called, removed otherwise (error,
    cancel). Made with the user's usual permissions (umask), not a temp file's 0600."""
    finished = False

    def done() -> None:
        nonlocal finished
        finished = True

    path = _new_part_file(destination)
    try:
        yield path, done
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if not finished:
        path.unlink(missing_ok=True)
        return
    try:
        os.replace(path, destination)
    except OSError as error:
        path.unlink(missing_ok=True)
        hint = " Is it open in another program?" if isinstance(error, PermissionError) else ""
        raise ExportError(f"Cannot write {destination}: {error.strerror}.{hint}") from None


def _new_part_file(destination: Path) -> Path:
    for _ in range(100):
        path = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(f"Cannot write in {destination.parent}: {error.strerror}.") from None
        return path
    raise ExportError(f"Cannot make a temporary file in {destination.parent}.")  # pragma: no cover


def _rowids(session: Session, request: ExportRequest) -> Sequence[int]:
    if request.rowids is not None:
        return request.rowids
    ordered = ordered_rowids(session, request.query, request.custom_columns)
    if request.record_ids is None:
        return ordered
    model = OBJECT_MODELS[request.query.object_type]
    table: Table = inspect(model).local_table
    rowid = literal_column(f'"{table.name}".rowid', Integer)
    wanted: set[int] = set()
    ids = list(request.record_ids)
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        wanted.update(session.scalars(select(rowid).where(table.c.id.in_(chunk))))
    return array("q", (r for r in ordered if r in wanted))


def _batches(
    session: Session,
    object_type: str,
    keys: Sequence[str],
    rowids: Sequence[int],
    custom: Sequence[ListColumn],
    progress: Progress,
) -> Iterator[tuple[Any, ...]]:
    """Rows in rowid order, one batch of queries at a time, checking for cancel."""
    total = len(rowids)
    for start in range(0, total, BATCH):
        check_cancelled(progress)
        chunk = rowids[start : start + BATCH]
        fetched = fetch_rows(session, object_type, keys, chunk, custom)
        for rowid in chunk:
            row = fetched.get(rowid)
            if row is not None:  # deleted since the ids were read: not in the snapshot
                yield row
        progress.update(min(start + BATCH, total), total, "Writing the file")


# --- tables (CSV, XLSX) ---------------------------------------------------------------------


@dataclass
class _Table:
    """The columns to write, with a currency column after each money column, and the rows
    as (spec, value) cells."""

    session: Session
    request: ExportRequest
    rowids: Sequence[int]
    progress: Progress
    total: int
    headers: list[str] = field(default_factory=list)
    #: Per output column: the list column and where its value is in a fetched row; a
    #: currency column has spec None.
    layout: list[tuple[ListColumn | None, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        request = self.request
        labels = request.headers or tuple(c.label for c in request.columns)
        if len(labels) != len(request.columns):
            raise ValueError("one header per column")
        currency_at = 1 + len(request.columns)
        for position, (spec, label) in enumerate(zip(request.columns, labels, strict=True)):
            self.headers.append(label)
            self.layout.append((spec, 1 + position))
            if spec.currency_key is not None:
                self.headers.append(request.currency_header.format(label=label))
                self.layout.append((None, currency_at))
                currency_at += 1

    def rows(self) -> Iterator[tuple[Any, ...]]:
        return _batches(
            self.session,
            self.request.query.object_type,
            [c.key for c in self.request.columns],
            self.rowids,
            self.request.custom_columns,
            self.progress,
        )


def _local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz).replace(tzinfo=None)


def _scaled(spec: ListColumn, value: Any) -> Decimal:
    digits = 2 if spec.kind is Kind.MONEY else spec.decimals
    return Decimal(int(value)).scaleb(-digits)


#: A text Excel would run as a formula: = + - @ first, and more than a number's characters
#: (a phone such as "+33 6 12 34 56 78" is left as typed).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBERISH = re.compile(r"^[+\-]?[\d\s().\-/]*$")


def _safe_text(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _NUMBERISH.match(text):
        return "'" + text
    return text


def _csv_text(spec: ListColumn | None, value: Any, style: CsvStyle, tz: tzinfo | None) -> str:
    if value is None:
        return ""
    if spec is None:  # a currency code
        return str(value)
    kind = spec.kind
    if kind is Kind.MONEY or (kind is Kind.NUMBER and spec.decimals):
        text = str(_scaled(spec, value))
        return text.replace(".", style.decimal)
    if kind is Kind.NUMBER:
        return str(value)
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return _local(value, tz).strftime(style.datetime_format)
    if kind is Kind.DATE and isinstance(value, date):
        return value.strftime(style.date_format)
    if kind is Kind.BOOL:
        return style.yes if value else style.no
    return _safe_text(str(value))


def _csv_formatter(
    spec: ListColumn | None, style: CsvStyle, tz: tzinfo | None
) -> Callable[[Any], str]:
    """`_csv_text` for one column, its kind decided once instead of for every cell (the
    text columns, most of a list, then cost one test a cell)."""
    if spec is not None and spec.kind is Kind.TEXT:

        def text(value: Any) -> str:
            if value is None:
                return ""
            if not isinstance(value, str):
                return _csv_text(spec, value, style, tz)
            if value[:1] in _FORMULA_CHARS:
                return _safe_text(value)
            return value

        return text
    return lambda value: _csv_text(spec, value, style, tz)


_FORMULA_CHARS = frozenset(_FORMULA_START)


def _write_csv(table: _Table, path: Path, style: CsvStyle, tz: tzinfo | None) -> int:
    count = 0
    formatters = [(at, _csv_formatter(spec, style, tz)) for spec, at in table.layout]
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=style.delimiter, lineterminator="\r\n")
        writer.writerow(table.headers)
        for row in table.rows():
            writer.writerow([fmt(row[at]) for at, fmt in formatters])
            count += 1
    return count


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3864"))
_HEADER_ALIGN = Alignment(vertical="center")


def _sheet_title(text: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip() or "Export"
    return cleaned[:31]


def _write_xlsx(table: _Table, path: Path, style: CsvStyle, tz: tzinfo | None) -> int:
    workbook = Workbook(write_only=True)
    title = table.request.sheet_title or table.request.query.object_type.capitalize()
    sheet = workbook.create_sheet(_sheet_title(title))
    rows = table.rows()
    sample: list[tuple[Any, ...]] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= WIDTH_SAMPLE:
            break
    # One reusable cell per typed column: write-only cells are serialised as each row is
    # appended, so a styled cell need not be made (and its style looked up) per row.
    typed: list[Cell | None] = []
    for column, ((spec, at), header) in enumerate(zip(table.layout, table.headers, strict=True), 1):
        widths = [len(header) + 4, *(_shown_length(spec, r[at], style) for r in sample)]
        sheet.column_dimensions[get_column_letter(column)].width = min(max(*widths, 8), 60)
        typed.append(_typed_cell(sheet, spec, style))
    sheet.freeze_panes = "A2"
    header_cells = []
    for label in table.headers:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _HEADER_ALIGN
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    layout = table.layout

    def cells(row: tuple[Any, ...]) -> list[Any]:
        out: list[Any] = []
        for (spec, at), cell in zip(layout, typed, strict=True):
            value = _xlsx_value(spec, row[at], tz)
            if cell is None or value is None:
                if isinstance(value, str) and value.startswith("="):
                    text_cell = WriteOnlyCell(sheet, value=value)
                    text_cell.data_type = "s"  # text, never a formula
                    value = text_cell
                out.append(value)
            else:
                cell.value = value
                out.append(cell)
        return out

    for row in sample:
        sheet.append(cells(row))
        count += 1
    for row in rows:
        sheet.append(cells(row))
        count += 1
    # Written with the sheet's tail, at save: the range can be the rows actually written.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.layout))}{count + 1}"
    workbook.save(path)
    return count


def _typed_cell(sheet: Any, spec: ListColumn | None, style: CsvStyle) -> Cell | None:
    """A cell carrying the number format of a typed column; None for plain values."""
    if spec is None:
        return None
    formats = {
        Kind.MONEY: "#,##0.00",
        Kind.DATE: style.xlsx_date,
        Kind.DATETIME: style.xlsx_datetime,
    }
    number_format = formats.get(spec.kind)
    if spec.kind is Kind.NUMBER and spec.decimals:
        number_format = "0." + "0" * spec.decimals
    if number_format is None:
        return None
    cell = WriteOnlyCell(sheet)
    cell.number_format = number_format
    return cell


def _xlsx_value(spec: ListColumn | None, value: Any, tz: tzinfo | None) -> Any:
    if value is None or value == "":
        return None
    if spec is None:
        return str(value)
    kind = spec.kind
    if kind is Kind.MONEY or (kind is Kind.NUMBER and spec.decimals):
        return float(_scaled(spec, value))
    if kind is Kind.NUMBER:
        return int(value)
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return _local(value, tz)
    if kind is Kind.DATE and isinstance(value, date):
        return value
    if kind is Kind.BOOL:
        return bool(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:XLSX_MAX_TEXT]


def _shown_length(spec: ListColumn | None, value: Any, style: CsvStyle) -> int:
    if value is None:
        return 0
    if spec is not None and spec.kind in (Kind.DATE, Kind.DATETIME):
        return 12 if spec.kind is Kind.DATE else 17
    text = _csv_text(spec, value, style, None) if spec is not None else str(value)
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest + (4 if spec is not None and spec.kind is Kind.MONEY else 2)


# --- vCard ----------------------------------------------------------------------------------

#: vCard field → list column key, where the contact list has one under another name.
_VCARD_KEYS = {"company": "account_id.name"}


def _vcards(
    session: Session,
    request: ExportRequest,
    rowids: Sequence[int],
    path: Path,
    version: Version,
    progress: Progress,
) -> int:
    fields = [f for f in VCARD_FIELDS if f != "id"]  # the id comes first in every row
    keys = [_VCARD_KEYS.get(f, f) for f in fields]
    listed = {c.key for c in COLUMNS["contact"]}
    extra = tuple(ListColumn(key, key) for key in keys if key not in listed)
    custom = (*request.custom_columns, *extra)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as stream:
        for row in _batches(session, "contact", keys, rowids, custom, progress):
            contact = dict(zip(fields, row[1 : 1 + len(fields)], strict=True))
            contact["id"] = row[0]
            stream.write(card_text(contact, version))
            count += 1
    return count
