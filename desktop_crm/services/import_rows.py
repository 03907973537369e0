"""Turning one source row into stored values, with a validation issue per bad cell.

`RowParser` is compiled once per import from the mapping: each mapped column gets the
converter of its field's kind, so the per-row work is a loop over ready functions. The
result is data: the columns to store, the custom field values, the relations to resolve
(a company name, a contact), and the issues (row, column, field, value, reason) that make
the validation report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers

from desktop_crm.services.import_mapping import (
    CUSTOM_PREFIX,
    FieldKind,
    FieldMapping,
    ImportField,
)
from desktop_crm.services.import_parsing import (
    ImportLocale,
    ParseError,
    cell_text,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_money,
)
from desktop_crm.services.normalise import (
    VALUE_CACHE,
    domain_of,
    email_key,
    fold,
    phone_key,
    siren_key,
)


@dataclass(frozen=True)
class ImportIssue:
    """One problem of one cell (or of the whole row when `column` is None)."""

    row: int
    column: int | None
    column_name: str | None
    field: str | None
    value: str
    reason: str

    def message(self, file_name: str = "") -> str:
        where = f"{file_name}, row {self.row}" if file_name else f"Row {self.row}"
        if self.column_name:
            where += f", column “{self.column_name}”"
        shown = f" “{self.value}”" if self.value else ""
        return f"{where}:{shown} {self.reason}".replace(": ", ": ", 1)


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    #: Custom field values by definition id, in stored form (column name, value).
    custom: dict[str, tuple[str, Any]] = field(default_factory=dict)
    #: Relation field key -> the text naming the related record.
    links: dict[str, str] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)


_COUNTRY_NAMES = {
    "france": "FR", "belgique": "BE", "belgium": "BE", "suisse": "CH", "switzerland": "CH",
    "luxembourg": "LU", "allemagne": "DE", "germany": "DE", "deutschland": "DE",
    "espagne": "ES", "spain": "ES", "italie": "IT", "italy": "IT", "royaume uni": "GB",
    "united kingdom": "GB", "uk": "GB", "england": "GB", "angleterre": "GB",
    "etats unis": "US", "united states": "US", "usa": "US", "canada": "CA",
    "pays bas": "NL", "netherlands": "NL", "portugal": "PT", "maroc": "MA", "morocco": "MA",
    "tunisie": "TN", "tunisia": "TN", "algerie": "DZ", "algeria": "DZ", "senegal": "SN",
    "cote d ivoire": "CI", "monaco": "MC", "irlande": "IE", "ireland": "IE",
    "autriche": "AT", "austria": "AT", "suede": "SE", "sweden": "SE", "pologne": "PL",
    "poland": "PL", "reunion": "RE", "martinique": "MQ", "guadeloupe": "GP",
}  # fmt: skip
_REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)


@lru_cache(maxsize=4096)
def parse_country(text: str) -> str:
    """An ISO 3166 alpha-2 code from a code (`fr`, `FRA` for France) or a common French or
    English country name."""
    folded = " ".join(fold(text).replace("-", " ").replace("'", " ").split())
    if len(folded) == 2 and folded.upper() in _REGIONS:
        return folded.upper()
    if folded == "fra":
        return "FR"
    code = _COUNTRY_NAMES.get(folded)
    if code is None:
        raise ParseError("is not a country this app knows (use a code such as FR, BE, CH)")
    return code


# --- fast paths of the matching keys ----------------------------------------------------------
# email-validator and phonenumbers cost some 150 µs a value, most of an import's time. The
# common shapes below give exactly what normalise.email_key / phone_key give (a property
# test checks it) at a fraction of the cost; anything else goes to them.

_SIMPLE_LOCAL = re.compile(r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*")
_SEPARATORS = re.compile(r"[ .\-\u00a0]")
_FR_NATIONAL = re.compile(r"0[1-9]\d{8}")
_FR_INTERNATIONAL = re.compile(r"\+33[1-9]\d{8}")


@lru_cache(maxsize=VALUE_CACHE)
def _domain_accepted(domain: str) -> bool:
    return email_key(f"a@{domain}") is not None


def fast_email_key(text: str) -> str | None:
    """normalise.email_key, with ASCII addresses checked by a pattern and their domain
    validated once by email-validator."""
    local, at, domain = text.rpartition("@")
    if (
        at
        and len(local) <= 64
        and len(text) <= 254
        and domain.isascii()
        and _SIMPLE_LOCAL.fullmatch(local)
        and _domain_accepted(domain.lower())
    ):
        return f"{local}@{domain}".lower()
    return email_key(text)


def fast_phone_key(text: str, region: str) -> str | None:
    """normalise.phone_key, with French numbers in their usual shapes (`06 12 34 56 78`,
    `06.12.34.56.78`, `+33 6 12 34 56 78`) converted directly."""
    digits = _SEPARATORS.sub("", text)
    if region == "FR" and _FR_NATIONAL.fullmatch(digits):
        return "+33" + digits[1:]
    if _FR_INTERNATIONAL.fullmatch(digits):
        return digits
    return phone_key(text, region)


Converter = Callable[[Any, ParsedRow, str], None]
#: A unit written with a number (`1 200 €`, `15 %`, `12 EUR`): dropped from custom numbers.
_UNIT = re.compile(r"\s*(?:[€$£%]|\b[A-Z]{3}\b)\s*")


class RowParser:
    """Converts source rows with one mapping, in one locale, for one table's columns."""

    def __init__(
        self,
        mapping: FieldMapping,
        fields: Sequence[ImportField],
        locale: ImportLocale,
        table_columns: Sequence[str],
    ) -> None:
        by_key = {f.key: f for f in fields}
        self.mapping = mapping
        self.locale = locale
        self.columns = frozenset(table_columns)
        self.width = len(mapping.header)
        unknown = [t for t in mapping.targets if t is not None and t not in by_key]
        if unknown:
            raise ValueError(f"unknown fields in the mapping: {', '.join(sorted(unknown))}")
        steps: list[tuple[int, ImportField, Converter]] = []
        for index, key in enumerate(mapping.targets):
            if key is not None:
                spec = by_key[key]
                steps.append((index, spec, self._converter(spec)))
        # The country first: national phone numbers are read in the row's country.
        steps.sort(key=lambda s: s[1].kind is not FieldKind.COUNTRY)
        self.steps = steps
        self.required = [f for f in fields if f.required]
        self.mapped = {key for key in mapping.targets if key is not None}

    # --- converters --------------------------------------------------------------------------
    def _converter(self, spec: ImportField) -> Converter:
        if spec.key.startswith(CUSTOM_PREFIX):
            return self._custom(spec)
        column = spec.column or ""
        kind = spec.kind
        locale = self.locale
        if kind is FieldKind.RELATION:

            def relation(value: Any, row: ParsedRow, shown: str) -> None:
                row.links[spec.key] = shown

            return relation
        if kind is FieldKind.EMAIL:
            normalized = "email_normalized" if "email_normalized" in self.columns else None

            def email(value: Any, row: ParsedRow, shown: str) -> None:
                key = fast_email_key(shown)
                if key is None:
                    raise ParseError("is not a valid e-mail address")
                row.values[column] = shown
                if normalized:
                    row.values[normalized] = key

            return email
        if kind is FieldKind.PHONE:
            e164 = column.replace("_raw", "_e164")

            def phone(value: Any, row: ParsedRow, shown: str) -> None:
                region = row.values.get("country") or locale.region
                key = fast_phone_key(shown, region)
                if key is None:
                    raise ParseError("is not a phone number")
                row.values[column] = shown
                row.values[e164] = key

            return phone
        if kind is FieldKind.COUNTRY:

            def country(value: Any, row: ParsedRow, shown: str) -> None:
                row.values[column] = parse_country(shown)

            return country
        if kind is FieldKind.SIREN:

            def siren(value: Any, row: ParsedRow, shown: str) -> None:
                key = siren_key(shown)
                if key is None:
                    raise ParseError("is not a SIREN or SIRET (9 or 14 digits, checksum)")
                row.values[column] = key

            return siren
        if kind is FieldKind.WEBSITE:
            has_domain = "domain" in self.columns

            def website(value: Any, row: ParsedRow, shown: str) -> None:
                row.values[column] = shown
                domain = domain_of(shown)
                if has_domain and domain:
                    row.values.setdefault("domain", domain)

            return website
        if kind is FieldKind.MONEY:
            has_currency = "currency" in self.columns

            def money(value: Any, row: ParsedRow, shown: str) -> None:
                minor, currency = parse_money(value, locale)
                if minor < 0:
                    raise ParseError("is negative; an amount is at least 0")
                row.values[column] = minor
                if has_currency:
                    row.values["currency"] = currency

            return money
        if kind is FieldKind.INTEGER:
            percent = column in ("score", "probability")

            def integer(value: Any, row: ParsedRow, shown: str) -> None:
                number = parse_integer(
                    value.rstrip("% ") if percent and isinstance(value, str) else value, locale
                )
                if percent and not 0 <= number <= 100:
                    raise ParseError("is not between 0 and 100")
                if number < 0:
                    raise ParseError("is negative")
                row.values[column] = number

            return integer
        if kind is FieldKind.DATE:

            def date_(value: Any, row: ParsedRow, shown: str) -> None:
                row.values[column] = parse_date(value, locale).isoformat()

            return date_
        if kind is FieldKind.CHOICE:
            choices = dict(spec.choices)
            stored = set(choices.values())

            def choice(value: Any, row: ParsedRow, shown: str) -> None:
                folded = fold(shown).replace("_", " ").strip()
                if shown in stored:
                    row.values[column] = shown
                elif folded in choices:
                    row.values[column] = choices[folded]
                else:
                    allowed = ", ".join(sorted(stored))
                    raise ParseError(f"is not one of the allowed values ({allowed})")

            return choice

        def text(value: Any, row: ParsedRow, shown: str) -> None:
            row.values[column] = shown

        return text

    def _custom(self, spec: ImportField) -> Converter:
        definition = spec.definition_id or ""
        kind = spec.kind
        locale = self.locale
        decimals = spec.decimals

        def custom(value: Any, row: ParsedRow, shown: str) -> None:
            stored: tuple[str, Any]
            if kind is FieldKind.NUMBER:
                number = _UNIT.sub("", value) if isinstance(value, str) else value
                scaled = parse_decimal(number, locale).scaleb(decimals)
                if scaled != scaled.to_integral_value():
                    raise ParseError(f"has more than {decimals} decimals")
                stored = ("value_number", int(scaled))
            elif kind is FieldKind.DATE:
                stored = ("value_date", parse_date(value, locale).isoformat())
            elif kind is FieldKind.BOOL:
                stored = ("value_bool", 1 if parse_bool(value) else 0)
            elif kind is FieldKind.CHOICE:
                allowed = dict(spec.choices)
                folded = fold(shown)
                if folded not in allowed:
                    raise ParseError(
                        "is not one of the allowed values (" + ", ".join(allowed.values()) + ")"
                    )
                stored = ("value_text", allowed[folded])
            else:
                stored = ("value_text", shown)
            row.custom[definition] = stored

        return custom

    # --- rows --------------------------------------------------------------------------------
    def parse(self, number: int, cells: Sequence[Any]) -> ParsedRow:
        row = ParsedRow(number)
        if len(cells) > self.width:
            extra = [c for c in cells[self.width :] if cell_text(c)]
            if extra:
                row.issues.append(
                    ImportIssue(
                        number,
                        self.width,
                        f"Column {self.width + 1}",
                        None,
                        cell_text(extra[0])[:200],
                        f"this row has {len(cells)} cells but the header has {self.width} "
                        "columns (a delimiter inside an unquoted cell?)",
                    )
                )
        for index, spec, convert in self.steps:
            value = cells[index] if index < len(cells) else None
            # Most cells are text: stripped here, without a call per cell.
            shown = value.strip() if type(value) is str else cell_text(value)
            if not shown:
                continue
            try:
                convert(value, row, shown)
            except ParseError as error:
                row.issues.append(
                    ImportIssue(
                        number,
                        index,
                        self.mapping.header[index],
                        spec.key,
                        shown[:200],
                        str(error),
                    )
                )
        for spec in self.required:
            filled = (
                spec.column in row.values
                if spec.column
                else spec.key in row.links or spec.definition_id in row.custom
            )
            if not filled and not any(i.field == spec.key for i in row.issues):
                at = self.mapping.column_of(spec.key)
                row.issues.append(
                    ImportIssue(
                        number,
                        at,
                        None if at is None else self.mapping.header[at],
                        spec.key,
                        "",
                        f"{spec.label} is required but empty",
                    )
                )
        return row
