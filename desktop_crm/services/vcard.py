"""vCard files for contacts: write 3.0 or 4.0 cards, and read 2.1/3.0/4.0 cards (Google,
Apple, Outlook) into plain dicts of contact field names, one card at a time.

Parsing and encoding of each card (parameters, escapes, quoted-printable, charsets, the
structured N/ADR/ORG values) is vobject's. This module only cuts the stream into cards,
so that one bad card is reported by its number and line instead of ending the whole file,
and maps the properties to the contact's columns.

The dicts read and written share one key set, `VCARD_FIELDS`: the column names of
`models/contact.py` plus `company` (the account name, vCard ORG). The reader yields only
the keys a card has, values as non-empty stripped text. A contact has one e-mail, one
phone and one mobile; what a card holds beyond that (a second e-mail, a fax, a home address
next to the work one) is kept at the end of `notes` with a label, never silently dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import vobject
from vobject.base import VObjectError
from vobject.vcard import Address, Name

#: Keys of the dicts read and written: contact columns plus `company` (ORG).
VCARD_FIELDS = (
    "id",
    "salutation",
    "first_name",
    "last_name",
    "company",
    "department",
    "job_title",
    "email",
    "phone_raw",
    "mobile_raw",
    "street",
    "postal_code",
    "city",
    "country",
    "language",
    "notes",
)

Version = Literal["3.0", "4.0"]
VERSIONS: tuple[Version, ...] = ("3.0", "4.0")

#: Control characters a vCard cannot carry (all but tab and newline); dropped on writing.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# --- writing --------------------------------------------------------------------------------


def card_text(contact: Mapping[str, Any], version: Version = "3.0") -> str:
    """One contact (keys from `VCARD_FIELDS`; missing or None are left out) as a card.

    Written directly rather than through vobject's object tree: serialising with vobject
    cost about 1.5 ms a card (25 minutes for a million contacts) for what is escaping,
    joining and folding. vobject still reads every card, so the tests read the written
    cards back with it."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: write 3.0 or 4.0")
    v4 = version == "4.0"

    def value(key: str) -> str:
        raw = contact.get(key)
        if raw is None:
            return ""
        text = str(raw)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL.sub("", text) if _CONTROL.search(text) else text

    def types(*names: str) -> str:
        return "TYPE=" + ",".join(n.lower() if v4 else n.upper() for n in names)

    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if uid := value("id"):
        lines.append("UID:" + _escaped(uid))
    first, last, company = value("first_name"), value("last_name"), value("company")
    salutation, department = value("salutation"), value("department")
    lines.append("N:" + ";".join(_escaped(part) for part in (last, first, "", salutation, "")))
    full = " ".join(part for part in (salutation, first, last) if part.strip())
    lines.append("FN:" + _escaped(full or company or value("email") or value("phone_raw")))
    if company or department:
        org = [company] + ([department] if department else [])
        lines.append("ORG:" + ";".join(_escaped(part) for part in org))
    if title := value("job_title"):
        lines.append("TITLE:" + _escaped(title))
    if email := value("email"):
        lines.append(f"EMAIL;{types('work' if v4 else 'internet')}:{_escaped(email)}")
    for key, kinds in (("phone_raw", ("work", "voice")), ("mobile_raw", ("cell",))):
        if number := value(key):
            as_text = ";VALUE=text" if v4 else ""  # as typed, not a tel: URI
            lines.append(f"TEL;{types(*kinds)}{as_text}:{_escaped(number)}")
    address = [value(k) for k in ("street", "city", "postal_code", "country")]
    if any(address):
        street, city, code, country = address
        parts = ("", "", street, city, "", code, country)  # RFC 6350 ADR component order
        lines.append(f"ADR;{types('work')}:" + ";".join(_escaped(part) for part in parts))
    if notes := value("notes"):
        lines.append("NOTE:" + _escaped(notes))
    if v4 and (language := value("language")):
        lines.append("LANG:" + _escaped(language))
    lines.append("END:VCARD")
    return "".join(_folded(line) for line in lines)


def _escaped(text: str) -> str:
    """A text value or structured component with the vCard separators escaped
    (RFC 6350 3.4): backslash, comma, semicolon and line breaks."""
    if not _SPECIAL.search(text):
        return text
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


_SPECIAL = re.compile(r"[\\,;\n]")
#: A content line longer than this many octets is folded (RFC 6350 3.2).
_FOLD_AT = 75


def _folded(line: str) -> str:
    """The line ended by CRLF, folded into pieces of at most 75 UTF-8 octets (a
    continuation starts with a space, which counts), never inside a character."""
    if len(line) * 4 <= _FOLD_AT or len(line.encode()) <= _FOLD_AT:
        return line + "\r\n"
    pieces: list[str] = []
    piece: list[str] = []
    size, limit = 0, _FOLD_AT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, _FOLD_AT - 1
        piece.append(char)
        size += width
    pieces.append("".join(piece))
    return "\r\n ".join(pieces) + "\r\n"


def write_vcards(
    contacts: Iterable[Mapping[str, Any]], stream: IO[str], version: Version = "3.0"
) -> int:
    """Write each contact as one card to a text stream (open it with newline="" so the
    cards' CRLF line ends are kept); returns the number of cards."""
    count = 0
    for contact in contacts:
        stream.write(card_text(contact, version))
        count += 1
    return count


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardPosition:
    """Where a card is in its file, for messages: its number (1-based) and the line of
    its BEGIN:VCARD."""

    card: int
    line: int

    def describe(self) -> str:
        return f"Card {self.card} (starting line {self.line})"


class VCardError(ValueError):
    """A card that cannot be read; the message names the card, its line and the reason."""

    def __init__(self, position: CardPosition, reason: str) -> None:
        super().__init__(f"{position.describe()}: {reason}")
        self.position = position
        self.reason = reason


_BEGIN = re.compile(rb"^\s*(?:[A-Za-z0-9_-]+\.)?BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*(?:[A-Za-z0-9_-]+\.)?END\s*:\s*VCARD\s*$", re.IGNORECASE)
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_vcards(
    source: str | Path | IO[bytes],
    *,
    on_error: Callable[[VCardError], object] | None = None,
) -> Iterator[tuple[CardPosition, dict[str, str]]]:
    """Each readable card of a .vcf file, with its position, as a dict of contact fields.

    Streamed: one card in memory at a time. A bad card raises `VCardError` (reading
    stops), or, given `on_error`, is passed to it and reading goes on with the next card.
    A file without a single card is an error at card 1.
    """
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            yield from read_vcards(stream, on_error=on_error)
        return

    def fail(position: CardPosition, reason: str) -> None:
        error = VCardError(position, reason)
        if on_error is None:
            raise error
        on_error(error)

    cards = 0
    for position, lines, problem in _cards(_decoded_lines(source)):
        cards += 1
        if problem is not None:
            fail(position, problem)
            continue
        try:
            fields = _fields(_parse(lines))
        except _CardProblem as error:
            fail(position, str(error))
            continue
        if not any(fields.get(k) for k in ("last_name", "first_name", "company", "email")) and not (
            fields.get("phone_raw") or fields.get("mobile_raw")
        ):
            fail(position, "it has no name, company, e-mail or phone")
            continue
        yield position, fields
    if cards == 0:
        fail(CardPosition(1, 1), "the file holds no vCard (no BEGIN:VCARD line)")


class _CardProblem(Exception):
    pass


def _decoded_lines(stream: IO[bytes]) -> Iterator[tuple[int, str, bool]]:
    """(line number, text, is BEGIN/END marker) per physical line. UTF-8 (with or
    without BOM) line by line, else the line's CHARSET parameter, else cp1252, so that one
    8-bit line in an old export does not spoil the file; UTF-16 by its BOM."""
    head = stream.read(4)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = io.TextIOWrapper(_prefixed(head, stream), encoding="utf-16", newline="")
        for number, line in enumerate(_text_lines(text), 1):
            encoded = line.encode("utf-8")
            yield number, line, bool(_BEGIN.match(encoded) or _END.match(encoded))
        return
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    for number, raw in enumerate(_prefixed(head, stream), 1):
        raw = raw.rstrip(b"\r\n")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            found = _CHARSET.search(raw)
            try:
                line = raw.decode(found.group(1).decode("ascii") if found else "cp1252")
            except (LookupError, UnicodeDecodeError):
                line = raw.decode("cp1252", errors="replace")
        yield number, line, bool(_BEGIN.match(raw) or _END.match(raw))


def _text_lines(text: IO[str]) -> Iterator[str]:
    for line in text:
        yield line.rstrip("\r\n")


def _prefixed(prefix: bytes, stream: IO[bytes]) -> io.BufferedReader:
    """The stream with the bytes already peeked at put back in front, read by lines."""
    return io.BufferedReader(_Prefixed(prefix, stream))


class _Prefixed(io.RawIOBase):
    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


_Lines = list[tuple[int, str]]


def _cards(
    lines: Iterator[tuple[int, str, bool]],
) -> Iterator[tuple[CardPosition, _Lines, str | None]]:
    """Cut the stream into cards: (position, its lines, a structural problem or None).
    Nested cards (vCard 2.1 AGENT) stay inside their parent."""
    card_lines: _Lines = []
    depth = 0
    cards = 0
    position = CardPosition(1, 1)
    stray: int | None = None
    for number, line, marker in lines:
        is_begin = marker and "BEGIN" in line.upper()
        if depth == 0:
            if is_begin:
                if stray is not None:
                    cards += 1
                    yield CardPosition(cards, stray), [], _stray_text(stray)
                    stray = None
                cards += 1
                position = CardPosition(cards, number)
                card_lines = [(number, line)]
                depth = 1
            elif line.strip() and stray is None:
                stray = number
            continue
        card_lines.append((number, line))
        if marker:
            depth += 1 if is_begin else -1
            if depth == 0:
                yield position, card_lines, None
                card_lines = []
    if depth > 0:
        yield position, [], "it has no END:VCARD line (the file ends inside it)"
    elif stray is not None:
        yield CardPosition(cards + 1, stray), [], _stray_text(stray)


def _stray_text(line: int) -> str:
    return f"line {line} is outside any card (not between BEGIN:VCARD and END:VCARD)"


def _parse(lines: _Lines) -> Any:
    """vobject's component for one card. Folded lines are joined here first (vobject takes
    a folded piece of only spaces for a blank line); quoted-printable soft breaks are left
    to vobject."""
    logical: list[str] = []
    numbers: list[int] = []
    for number, line in lines:
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        elif line.strip():
            logical.append(line)
            numbers.append(number)
    try:
        return vobject.readOne("\r\n".join(logical) + "\r\n", allowQP=True)
    except VObjectError as error:
        at = getattr(error, "lineNumber", None)
        where = numbers[at - 1] if isinstance(at, int) and 0 < at <= len(numbers) else None
        message = str(error.msg)
        if message.startswith("Failed to parse line:"):
            text = message.removeprefix("Failed to parse line:").strip()
            message = f"“{text[:60]}” is not a property (NAME:value)"
        raise _CardProblem(f"line {where}: {message}" if where else message) from None
    except (UnicodeDecodeError, LookupError, ValueError) as error:
        raise _CardProblem(f"a value cannot be decoded ({error})") from None


def _types(line: Any) -> set[str]:
    """TYPE values in every spelling: 2.1 bare words, 3.0 lists, 4.0 quoted lists."""
    found: set[str] = set()
    for item in line.params.get("TYPE", []):
        found.update(part.strip().lower() for part in str(item).split(",") if part.strip())
    found.update(str(word).lower() for word in line.singletonparams)
    if line.params.get("PREF"):
        found.add("pref")
    return found


def _text(value: Any, sep: str = " ") -> str:
    """A property's value as stripped text, lists joined by `sep`, line ends as \\n."""
    if isinstance(value, (list, tuple)):
        text = sep.join(str(v).strip() for v in value if str(v).strip())
    else:
        text = "" if value is None else str(value).strip()
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ordered(lines: list[Any]) -> list[Any]:
    """Preferred ones first, then in file order."""
    return sorted(lines, key=lambda line: "pref" not in _types(line))


def _fields(card: Any) -> dict[str, str]:
    contents: dict[str, list[Any]] = card.contents
    fields: dict[str, str] = {}
    extras: list[str] = []
    version = contents["version"][0].value if contents.get("version") else "3.0"
    # vobject reads every card by the 3.0 rules, where a comma separates list items; in
    # 2.1 it is just a comma ("12, allée des Chênes").
    lines_sep = ", " if str(version).startswith("2") else "\n"

    def first(name: str) -> Any | None:
        found = contents.get(name)
        return found[0] if found else None

    def put(key: str, value: str) -> None:
        if value and key not in fields:
            fields[key] = value

    if (uid := first("uid")) is not None:
        put("id", _text(uid.value).removeprefix("urn:uuid:"))
    n = first("n")
    if n is not None and isinstance(n.value, Name):
        put("last_name", _text(n.value.family))
        put("first_name", " ".join(filter(None, (_text(n.value.given), _text(n.value.additional)))))
        put("salutation", _text(n.value.prefix))
    org = first("org")
    if org is not None:
        parts = org.value if isinstance(org.value, list) else [org.value]
        put("company", _text(parts[0]) if parts else "")
        put("department", ", ".join(_text(p) for p in parts[1:] if _text(p)))
    fn = first("fn")
    if fn is not None and not (fields.get("last_name") or fields.get("first_name")):
        full = _text(fn.value)
        # Not a person's name: the company's, or an e-mail or number standing in for one.
        is_name = "@" not in full and any(ch.isalpha() for ch in full)
        if full and full != fields.get("company") and is_name:
            given, _, family = full.rpartition(" ")
            put("last_name", family)
            put("first_name", given)
    for name, key in (("title", "job_title"), ("role", "job_title"), ("lang", "language")):
        if (line := first(name)) is not None:
            put(key, _text(line.value))

    for email in _ordered(contents.get("email", [])):
        address = _text(email.value).removeprefix("mailto:")
        if address and "email" not in fields:
            fields["email"] = address
        elif address:
            extras.append(f"E-mail: {address}")
    for tel in _ordered(contents.get("tel", [])):
        number = _text(tel.value)
        number = number[4:] if number.lower().startswith("tel:") else number
        if not number:
            continue
        kinds = _types(tel)
        if "fax" in kinds or "pager" in kinds:
            extras.append(f"{'Fax' if 'fax' in kinds else 'Pager'}: {number}")
        elif {"cell", "mobile", "iphone"} & kinds and "mobile_raw" not in fields:
            fields["mobile_raw"] = number
        elif not {"cell", "mobile", "iphone"} & kinds and "phone_raw" not in fields:
            fields["phone_raw"] = number
        else:
            extras.append(f"Phone: {number}")
    addresses = contents.get("adr", [])
    addresses = sorted(addresses, key=lambda a: ("work" not in _types(a), "pref" not in _types(a)))
    for index, adr in enumerate(addresses):
        if not isinstance(adr.value, Address):
            continue
        a = adr.value
        street = "\n".join(
            part for part in (_text(a.box), _text(a.extended), _text(a.street, lines_sep)) if part
        )
        if index == 0:
            put("street", street)
            put("postal_code", _text(a.code))
            put("city", _text(a.city))
            country = _text(a.country)
            put("country", country.upper() if len(country) == 2 else country)
            if _text(a.region):
                extras.append(f"Region: {_text(a.region)}")
        else:
            one_line = ", ".join(
                part for part in (street, _text(a.code), _text(a.city), _text(a.country)) if part
            )
            if one_line:
                extras.append(f"Address: {one_line}")
    notes = [_text(line.value) for line in contents.get("note", []) if _text(line.value)]
    if extras:
        notes.append("\n".join(extras))
    put("notes", "\n\n".join(notes))
    return fields
