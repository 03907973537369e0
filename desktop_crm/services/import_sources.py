"""Where imported rows come from: CSV and XLSX files behind one small streaming protocol.

A source has a header (the column names) and streams rows, each with its position in the
file (the spreadsheet row number: the header is row 1), so every message can name the file,
the row and the column. Nothing is loaded whole: a CSV is decoded and split as it is read,
an XLSX is read with openpyxl's read-only (streaming) mode. A file that cannot be read at
all raises `ImportSourceError` with one sentence naming the file and, where known, the row.

More formats plug in through `SOURCE_OPENERS` (file suffix -> opener). vCard files are one:
`VCardSource` turns each card read by `services/vcard.py` into a row whose header is the
contact's import field keys, so the mapping is exact. A card that cannot be read is a row
carrying its `problem` (naming the card and its line), reported like a row with errors while
the other cards import: the cards of a file are independent, unlike the rows after a CSV
quote left open.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO, Protocol, cast
from xml.etree.ElementTree import iterparse

from desktop_crm.services.import_parsing import cell_text

#: Bytes read to detect the delimiter, and to look for binary content.
SAMPLE_BYTES = 64 * 1024
#: Bytes per read while checking that a whole file is valid UTF-8.
SCAN_CHUNK = 1 << 20
#: Delimiters a CSV is sniffed for, in order of preference on a tie.
DELIMITERS = (";", ",", "\t", "|")
#: Longest field accepted: a longer one is nearly always a quote left open.
FIELD_LIMIT = 1 << 20
#: Most columns read from a file (a sheet of 16,384 columns is Excel's own limit).
MAX_COLUMNS = 20_000


class ImportSourceError(Exception):
    """The file cannot be read as it is; the message names the file (and row) and says why."""


@dataclass(frozen=True)
class SourceRow:
    """One data row: its spreadsheet row number (header = 1) and its cells, typed where the
    format types them (XLSX numbers, dates, booleans), text otherwise."""

    number: int
    cells: tuple[Any, ...]
    #: Why the row could not be read at all (a broken vCard); its cells are then empty.
    problem: str | None = None


@dataclass(frozen=True)
class SourceSpec:
    """How to open a file: the choices a user can override in the wizard or on the command
    line. None means detect."""

    path: Path
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """What was found or chosen, shown in the preview so the user can correct it."""

    format: str
    name: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    #: Why this encoding: "byte order mark", "valid UTF-8", "detected", "chosen".
    encoding_reason: str | None = None


class RowSource(Protocol):
    """A header and a stream of rows. `size` and `position()` are in one unit of the
    source's choice (bytes, rows) for progress; `size` is None when unknown."""

    @property
    def info(self) -> SourceInfo: ...

    @property
    def header(self) -> tuple[str, ...]: ...

    @property
    def size(self) -> int | None: ...

    def position(self) -> int: ...

    def rows(self) -> Iterator[SourceRow]: ...

    def close(self) -> None: ...


class _Closing:
    """What every source shares: its description, header and size, set by its opener,
    and closing as a context manager."""

    _info: SourceInfo
    _header: tuple[str, ...]
    _size: int | None

    @property
    def info(self) -> SourceInfo:
        return self._info

    @property
    def header(self) -> tuple[str, ...]:
        return self._header

    @property
    def size(self) -> int | None:
        return self._size

    def close(self) -> None:  # pragma: no cover - overridden
        pass

    def __enter__(self) -> _Closing:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def clean_header(names: list[Any]) -> tuple[str, ...]:
    """Header names as shown: stripped, a BOM left by a wrong encoding removed, an empty
    name replaced by its column's letter-free name `Column N`."""
    out = []
    for i, name in enumerate(names):
        text = cell_text(name).lstrip("\ufeff").strip()
        out.append(text or f"Column {i + 1}")
    return tuple(out)


# --- CSV -------------------------------------------------------------------------------------


def detect_encoding(path: Path) -> tuple[str, str]:
    """(encoding, reason) of a text file: a byte order mark (UTF-8, UTF-16), else UTF-8 if
    the whole file decodes as UTF-8, else cp1252 (Windows Western, what French Excel writes)
    if it decodes, else charset-normalizer's guess. The whole file is scanned, in chunks, so
    a bad byte on row 90,000 is found before anything is imported. Raises ImportSourceError
    for an empty file, binary content, or a file that mixes UTF-8 with another encoding."""
    name = path.name
    with path.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
        if not head:
            raise ImportSourceError(f"{name} is empty.")
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", "byte order mark"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", "byte order mark"
        if b"\x00" in head:
            guess = _utf16_without_bom(head)
            if guess:
                return guess, "detected"
            raise ImportSourceError(_binary_message(name, head))
        stream.seek(0)
        bad = _utf8_problem(stream)
    if bad is None:
        return "utf-8", "valid UTF-8"
    _, line, saw_utf8 = bad
    if saw_utf8:
        raise ImportSourceError(
            f"{name}, line {line}: this line is not UTF-8 while the lines before it are: the "
            "file mixes two encodings. Save it again from one program (as UTF-8), or choose "
            "the encoding to read it with."
        )
    if _decodes_whole(path, "cp1252"):
        return "cp1252", "not UTF-8; read as Windows (cp1252)"
    from charset_normalizer import from_path

    best = from_path(path).best()
    if best is None:
        raise ImportSourceError(
            f"{name}, line {line}: the text encoding cannot be recognised; choose it."
        )
    return best.encoding, "detected"


def _binary_message(name: str, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return (
            f"{name} is a zip archive (an Excel workbook?), not a CSV text file: "
            "save it as .xlsx to import it as a workbook."
        )
    return f"{name} is not a text file: it holds binary data, so it cannot be read as CSV."


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly ASCII, so every other byte is NUL."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.9 * half and even == 0:
        return "utf-16-le"
    if even > 0.9 * half and odd == 0:
        return "utf-16-be"
    return None


def _utf8_problem(stream: BinaryIO) -> tuple[int, int, bool] | None:
    """(byte offset, line, whether multi-byte UTF-8 came before) of the first byte that is
    not UTF-8, or None when the whole stream decodes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines, saw_utf8 = 0, 1, False
    while True:
        chunk = stream.read(SCAN_CHUNK)
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            good = chunk[: error.start]
            saw_utf8 = saw_utf8 or not good.isascii()
            return offset + error.start, lines + good.count(b"\n"), saw_utf8
        if not chunk:
            return None
        saw_utf8 = saw_utf8 or not chunk.isascii()
        offset += len(chunk)
        lines += chunk.count(b"\n")


def _decodes_whole(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as stream:
        while True:
            chunk = stream.read(SCAN_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return False
            if not chunk:
                return True


def sniff_delimiter(sample: str) -> str:
    """The delimiter among `DELIMITERS` that splits the sample's lines into the same number
    of fields (more than one) most often; `,` for a one-column file. Quotes are respected,
    so `;` inside a quoted address does not count."""
    lines = sample.splitlines()
    if len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut in the middle
    lines = [line for line in lines[:50] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common), common) if common > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it, for progress by bytes: a text
    wrapper cannot tell() while it is iterated."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _ByteCounted(_Closing):
    """A source read from a byte stream: its position is the bytes read so far."""

    _counter: _CountingReader

    def position(self) -> int:
        return self._counter.count


class CsvSource(_ByteCounted):
    """A CSV file, decoded and split as it is read."""

    def __init__(self, spec: SourceSpec) -> None:
        path = spec.path
        self._name = path.name
        if not path.is_file():
            raise ImportSourceError(f"{path} does not exist or is not a file.")
        if spec.encoding:
            try:
                codecs.lookup(spec.encoding)
            except LookupError:
                raise ImportSourceError(f"{spec.encoding!r} is not a known encoding.") from None
            encoding, reason = spec.encoding, "chosen"
        else:
            encoding, reason = detect_encoding(path)
        self._size = path.stat().st_size
        with path.open("rb") as head:
            try:
                decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
                sample = decoder.decode(head.read(SAMPLE_BYTES), final=False)
            except UnicodeDecodeError:
                raise ImportSourceError(
                    f"{self._name} cannot be read as {encoding}; choose another encoding."
                ) from None
        delimiter = spec.delimiter or sniff_delimiter(sample)
        if delimiter in ("\\t", "tab", "TAB"):
            delimiter = "\t"
        if len(delimiter) != 1:
            raise ImportSourceError(f"The delimiter must be one character, not {delimiter!r}.")
        self._counter = _CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, SCAN_CHUNK), encoding=encoding, newline=""
        )
        self._info = SourceInfo("csv", self._name, encoding, delimiter, encoding_reason=reason)
        csv.field_size_limit(FIELD_LIMIT)
        self._reader = csv.reader(self._text, delimiter=delimiter, strict=True)
        self._line = 0
        first = self._next()
        if first is None:
            self.close()
            raise ImportSourceError(f"{self._name} is empty.")
        if len(first) > MAX_COLUMNS:
            self.close()
            raise ImportSourceError(
                f"{self._name} has {len(first):,} columns; at most {MAX_COLUMNS:,} are read."
            )
        self._header = clean_header(first)

    def _next(self) -> list[str] | None:
        """The next record, skipping blank lines; `self._line` is the line it starts on."""
        while True:
            start = self._reader.line_num + 1
            try:
                record = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as error:
                raise ImportSourceError(_csv_message(self._name, start, error)) from None
            except UnicodeDecodeError:
                raise ImportSourceError(
                    f"{self._name}, near row {start}: the text is not valid "
                    f"{self._info.encoding}; choose another encoding."
                ) from None
            self._line = start
            if any(cell.strip() for cell in record):
                return record

    def rows(self) -> Iterator[SourceRow]:
        while True:
            record = self._next()
            if record is None:
                return
            yield SourceRow(self._line, tuple(record))

    def close(self) -> None:
        if hasattr(self, "_text"):
            self._text.close()


def _csv_message(name: str, line: int, error: csv.Error) -> str:
    reason = str(error)
    if "field larger than field limit" in reason or "unexpected end of data" in reason:
        return (
            f'{name}, row {line}: a quote (") opened in this row is never closed, so the rest '
            "of the file would be read as one cell. Fix the quotes, then import again."
        )
    if "expected after" in reason:
        return (
            f"{name}, row {line}: a quoted cell is followed by other text before the "
            f"delimiter ({reason}). Fix the quotes, then import again."
        )
    return f"{name}, row {line}: {reason}."


# --- XLSX ------------------------------------------------------------------------------------

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass
class _Merge:
    min_col: int
    min_row: int
    max_col: int
    max_row: int
    value: Any = None


@dataclass
class _MergeFill:
    """Merged ranges of a sheet: every cell of a range gets the top-left cell's value, as
    the user sees it in Excel (a company name merged over the rows of its contacts)."""

    merges: list[_Merge] = field(default_factory=list)

    def apply(self, row_number: int, cells: list[Any]) -> list[Any]:
        for merge in self.merges:
            if merge.min_row <= row_number <= merge.max_row:
                if row_number == merge.min_row:
                    merge.value = cells[merge.min_col - 1] if len(cells) >= merge.min_col else None
                if len(cells) < merge.max_col:
                    cells.extend([None] * (merge.max_col - len(cells)))
                for col in range(merge.min_col, merge.max_col + 1):
                    cells[col - 1] = merge.value
        return cells


@lru_cache(maxsize=1)
def _sheet_parser() -> type[Any]:
    """openpyxl's sheet parser, with inline strings (`<c t="inlineStr"><is><t>...`, what
    openpyxl's own write-only mode and many exporters write) read directly: openpyxl builds
    a rich-text object per such cell, which made a sheet of them read at 40,000 cells/s.
    The text is the same: the plain part, then each formatted run's (phonetic runs left
    out)."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser

    plain_tag, run_tag = f"{_MAIN_NS}t", f"{_MAIN_NS}r"

    class InlineStringParser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            child = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
            if child is None or not self.data_only:
                return super().parse_cell(element)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            parts = [child.findtext(plain_tag) or ""]
            parts += [run.findtext(plain_tag) or "" for run in child.iterfind(run_tag)]
            style_id = element.get("s", 0)
            return {
                "row": row,
                "column": column,
                "value": "".join(parts),
                "data_type": "s",
                "style_id": int(style_id) if style_id else 0,
            }

    return InlineStringParser


class XlsxSource(_Closing):
    """A sheet of an Excel workbook, streamed with openpyxl read-only: typed cells, formulas
    read as the values Excel last computed, merged cells filled from their top-left cell."""

    def __init__(self, spec: SourceSpec) -> None:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        path = spec.path
        self._name = path.name
        if not path.is_file():
            raise ImportSourceError(f"{path} does not exist or is not a file.")
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
            kind = "a zip archive but not" if zipfile.is_zipfile(path) else "not"
            raise ImportSourceError(
                f"{self._name} is {kind} an Excel workbook (.xlsx), so it cannot be read "
                f"({type(err).__name__})."
            ) from None
        sheets = tuple(self._book.sheetnames)
        sheet = spec.sheet or sheets[0]
        if sheet not in sheets:
            if sheet.isdigit() and 1 <= int(sheet) <= len(sheets):
                sheet = sheets[int(sheet) - 1]
            else:
                self.close()
                raise ImportSourceError(
                    f"{self._name} has no sheet {sheet!r}; its sheets are "
                    + ", ".join(repr(s) for s in sheets)
                    + "."
                )
        self._sheet = self._book[sheet]
        self._sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        self._info = SourceInfo("xlsx", self._name, sheet=sheet, sheets=sheets)
        self._fill = _MergeFill(self._merged_ranges())
        self._iterator: Generator[SourceRow, None, None] = self._iter_cells()
        self._done = 0
        self._size = self._row_count()
        first = next(self._iterator, None)
        if first is None:
            self.close()
            raise ImportSourceError(f"{self._name}, sheet {sheet!r} is empty.")
        self._header = clean_header(list(first.cells))

    def _row_count(self) -> int | None:
        try:
            with self._sheet._get_source() as xml:  # type: ignore[attr-defined]
                for _, element in iterparse(xml, events=("start",)):
                    if element.tag == f"{_MAIN_NS}dimension":
                        ref = element.get("ref", "")
                        from openpyxl.utils.cell import range_boundaries

                        bounds = range_boundaries(ref)
                        return bounds[3] if bounds[3] else None
                    if element.tag == f"{_MAIN_NS}sheetData":
                        return None
        except Exception:
            return None
        return None

    def _merged_ranges(self) -> list[_Merge]:
        """The sheet's merged ranges: read-only mode does not expose them, so the sheet XML
        is scanned once for its `mergeCell` elements (they come after the rows), as bytes:
        parsing the XML a second time would cost as much as reading the rows."""
        from openpyxl.utils.cell import range_boundaries

        merges: list[_Merge] = []
        tail = b""
        try:
            with self._sheet._get_source() as xml:  # type: ignore[attr-defined]
                while chunk := xml.read(SCAN_CHUNK):
                    data = tail + chunk
                    end = 0
                    for match in _MERGE_CELL.finditer(data):
                        end = match.end()
                        bounds = range_boundaries(match.group(1).decode("ascii"))
                        if None not in bounds:
                            merges.append(_Merge(*bounds))
                    # An element cut at the chunk's end is read again with the next one.
                    tail = data[max(end, len(data) - 300) :]
        except Exception as error:
            raise ImportSourceError(
                f"{self._name}: the sheet cannot be read ({type(error).__name__})."
            ) from None
        merges.sort(key=lambda m: m.min_row)
        return merges

    def _iter_cells(self) -> Generator[SourceRow, None, None]:
        try:
            for number, cells in self._values():
                self._done = number
                if len(cells) > MAX_COLUMNS:
                    raise ImportSourceError(
                        f"{self._name}, row {number} has {len(cells):,} columns; at most "
                        f"{MAX_COLUMNS:,} are read."
                    )
                if self._fill.merges:
                    cells = self._fill.apply(number, cells)
                while cells and (cells[-1] is None or cells[-1] == ""):
                    cells.pop()
                if not cells:
                    continue
                yield SourceRow(number, tuple(cells))
        except ImportSourceError:
            raise
        except Exception as error:
            raise ImportSourceError(
                f"{self._name}, row {self._done + 1}: the sheet cannot be read "
                f"({type(error).__name__}: {error})."
            ) from None

    def _values(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cell values) of the sheet's rows, as openpyxl's read-only
        `iter_rows(values_only=True)` gives them (a row is as wide as its last cell, a row
        out of order is skipped), parsed by `_sheet_parser()`."""
        book, sheet = self._book, self._sheet
        with sheet._get_source() as xml:  # type: ignore[attr-defined]
            parser = _sheet_parser()(
                xml,
                sheet._shared_strings,  # type: ignore[attr-defined]
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,  # type: ignore[attr-defined]
                timedelta_formats=book._timedelta_formats,  # type: ignore[attr-defined]
            )
            expected = 1
            for number, cells in parser.parse():
                if number < expected:
                    continue
                expected = number + 1
                values: list[Any] = [None] * (cells[-1]["column"] if cells else 0)
                for cell in cells:
                    if 1 <= cell["column"] <= len(values):
                        values[cell["column"] - 1] = cell["value"]
                yield number, values

    def position(self) -> int:
        return self._done

    def rows(self) -> Iterator[SourceRow]:
        yield from self._iterator

    def close(self) -> None:
        # The row generator holds the sheet's XML stream open: end it first, or the
        # workbook file stays open after the workbook is closed.
        if hasattr(self, "_iterator"):
            self._iterator.close()
        if hasattr(self, "_book"):
            self._book.close()


# --- vCard ------------------------------------------------------------------------------------

#: The columns of a vCard source: (header name = contact import field key, key of the dicts
#: `read_vcards` yields). The card's UID is not imported: a new database makes new ids.
VCARD_COLUMNS = (
    ("salutation", "salutation"),
    ("first_name", "first_name"),
    ("last_name", "last_name"),
    ("company", "company"),
    ("department", "department"),
    ("job_title", "job_title"),
    ("email", "email"),
    ("phone", "phone_raw"),
    ("mobile", "mobile_raw"),
    ("street", "street"),
    ("postal_code", "postal_code"),
    ("city", "city"),
    ("country", "country"),
    ("language", "language"),
    ("notes", "notes"),
)


class VCardSource(_ByteCounted):
    """A .vcf file of contacts (vCard 2.1, 3.0 or 4.0), streamed one card at a time. Each
    card is one row, numbered by its place in the file (card 1 = row 1); a card that cannot
    be read is a row with a `problem` and the next card is read."""

    def __init__(self, spec: SourceSpec) -> None:
        path = spec.path
        self._name = path.name
        if not path.is_file():
            raise ImportSourceError(f"{path} does not exist or is not a file.")
        self._size = path.stat().st_size
        with path.open("rb") as head:
            if not head.read(SAMPLE_BYTES).strip():
                raise ImportSourceError(f"{self._name} is empty.")
        self._counter = _CountingReader(path.open("rb"))
        self._info = SourceInfo("vcard", self._name)
        self._header = tuple(name for name, _ in VCARD_COLUMNS)

    def rows(self) -> Iterator[SourceRow]:
        from desktop_crm.services.vcard import VCardError, read_vcards

        broken: list[VCardError] = []
        empty = ("",) * len(VCARD_COLUMNS)

        def failed() -> Iterator[SourceRow]:
            for error in broken:
                yield SourceRow(error.position.card, empty, str(error))
            broken.clear()

        stream = cast(IO[bytes], self._counter)
        for position, card in read_vcards(stream, on_error=broken.append):
            yield from failed()
            cells = tuple(card.get(key, "") for _, key in VCARD_COLUMNS)
            yield SourceRow(position.card, cells)
        yield from failed()

    def close(self) -> None:
        if hasattr(self, "_counter"):
            self._counter.close()


#: How to open each kind of file, by lower-case suffix.
SOURCE_OPENERS: dict[str, Callable[[SourceSpec], RowSource]] = {
    ".csv": CsvSource,
    ".txt": CsvSource,
    ".tsv": lambda spec: CsvSource(replace(spec, delimiter=spec.delimiter or "\t")),
    ".xlsx": XlsxSource,
    ".xlsm": XlsxSource,
    ".vcf": VCardSource,
    ".vcard": VCardSource,
}


def open_source(spec: SourceSpec) -> RowSource:
    """The source for a file, chosen by its suffix. Raises ImportSourceError for a file
    that cannot be read, in one sentence naming it."""
    suffix = spec.path.suffix.lower()
    opener = SOURCE_OPENERS.get(suffix)
    if opener is None:
        if suffix == ".xls":
            raise ImportSourceError(
                f"{spec.path.name} is an old Excel 97-2003 workbook: save it as .xlsx or CSV."
            )
        known = ", ".join(sorted(SOURCE_OPENERS))
        raise ImportSourceError(
            f"{spec.path.name}: files of this kind cannot be imported (known kinds: {known})."
        )
    return opener(spec)
