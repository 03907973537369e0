"""Reading imported cell values in the user's locale: numbers, money, dates, booleans.

Spreadsheets exported from French Excel write `12 345,50 €`, `06 12 34 56 78` and
`31/12/2024`; English ones `1,234.50` and, in the US, `12/31/2024`. Every parser takes text
(or an already typed value from an XLSX cell) and returns the stored form, or raises
`ParseError` whose message says in plain words what is wrong with the value, for the
validation report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from desktop_crm.services.normalise import fold


class ParseError(ValueError):
    """A value that cannot be read as the field's type; the message is for the user."""


@dataclass(frozen=True)
class ImportLocale:
    """How the user writes numbers and dates: the decimal separator (the other of `.`/`,`
    is then a thousands separator), whether dates are day-first, the region national phone
    numbers are read in, and the currency of amounts that name none."""

    decimal: str = ","
    day_first: bool = True
    region: str = "FR"
    currency: str = "EUR"


LOCALES = {
    "fr": ImportLocale(",", True, "FR", "EUR"),
    "fr_FR": ImportLocale(",", True, "FR", "EUR"),
    "fr_BE": ImportLocale(",", True, "BE", "EUR"),
    "fr_CH": ImportLocale(".", True, "CH", "CHF"),
    "en": ImportLocale(".", True, "GB", "GBP"),
    "en_GB": ImportLocale(".", True, "GB", "GBP"),
    "en_US": ImportLocale(".", False, "US", "USD"),
}


def locale_named(name: str | None) -> ImportLocale:
    """The import locale of a locale name (`fr_FR.UTF-8`, `en_US`, `fr`); French by default,
    as most of the app's users are."""
    if not name:
        return LOCALES["fr"]
    base = name.split(".")[0].replace("-", "_")
    return LOCALES.get(base) or LOCALES.get(base.split("_")[0].lower()) or LOCALES["fr"]


# --- numbers ---------------------------------------------------------------------------------

#: Thousands separators besides the non-decimal one of `.`/`,`: space, NBSP, narrow NBSP,
#: thin space, apostrophe (Swiss) and its typographic form.
_GROUPING = " \u00a0\u202f\u2009'\u2019"
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "chf": "CHF", "fr": "CHF"}
_CURRENCY_CODES = frozenset({"EUR", "USD", "GBP", "CHF", "CAD", "JPY", "SEK", "NOK", "DKK"})
#: Digits after the decimal point of each currency's minor unit (ISO 4217).
MINOR_DIGITS = {"JPY": 0}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_decimal(value: object, locale: ImportLocale = LOCALES["fr"]) -> Decimal:
    """A number as written: `12 345,50`, `1.234,5`, `-3,2`, `1,234.50` (the separator that
    comes last is the decimal one when both appear), `1 000` with any space kind as
    grouping. A lone separator of the other kind is grouping when exactly three digits
    follow it (`1.234` is 1234 in French) and decimal otherwise (`12.5`)."""
    if isinstance(value, bool):
        raise ParseError("is a yes/no value, not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if not text:
        raise ParseError("is empty")
    negative = text.startswith("(") and text.endswith(")")  # accounting negatives
    if negative:
        text = text[1:-1].strip()
    for char in _GROUPING:
        text = text.replace(char, "")
    other = "." if locale.decimal == "," else ","
    dec, oth = text.rfind(locale.decimal), text.rfind(other)
    if dec >= 0 and oth >= 0:
        decimal_sep = locale.decimal if dec > oth else other
    elif oth >= 0:
        groups = text.split(other)
        grouping = all(len(g) == 3 and g.isdigit() for g in groups[1:]) and (
            1 <= len(groups[0].lstrip("+-")) <= 3
        )
        decimal_sep = "" if grouping else other
        if not grouping and len(groups) > 2:
            raise ParseError(f"is not a number (the {other!r} separators are out of place)")
    else:
        decimal_sep = locale.decimal
    thousands = locale.decimal if decimal_sep == other else other
    if decimal_sep and text.count(decimal_sep) > 1:
        raise ParseError("is not a number (more than one decimal separator)")
    text = text.replace(thousands, "")
    if decimal_sep:
        text = text.replace(decimal_sep, ".")
    if not _NUMBER.fullmatch(text):
        raise ParseError("is not a number")
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ParseError("is not a number") from None
    return -number if negative else number


def parse_integer(value: object, locale: ImportLocale = LOCALES["fr"]) -> int:
    number = parse_decimal(value, locale)
    if number != number.to_integral_value():
        raise ParseError("is not a whole number")
    return int(number)


def parse_money(value: object, locale: ImportLocale = LOCALES["fr"]) -> tuple[int, str]:
    """An amount in integer minor units and its currency: `12 345,50 €` -> (1234550, "EUR"),
    `$1,200` -> (120000, "USD"), `1 500 EUR`. A currency sign or ISO code may stand before
    or after the number; without one the locale's currency is used. More decimals than the
    currency has are refused rather than rounded: a silent rounding changes an amount."""
    currency = locale.currency
    if isinstance(value, str):
        text = value.strip()
        code = re.search(r"\b([A-Za-z]{3})\b", text)
        if code and code.group(1).upper() in _CURRENCY_CODES:
            currency = code.group(1).upper()
            text = text[: code.start()] + text[code.end() :]
        else:
            lowered = text.lower()
            for sign, iso in _CURRENCY_SIGNS.items():
                if sign in lowered:
                    currency = iso
                    index = lowered.index(sign)
                    text = text[:index] + text[index + len(sign) :]
                    break
        value = text
    number = parse_decimal(value, locale)
    digits = MINOR_DIGITS.get(currency, 2)
    scaled = number.scaleb(digits)
    if scaled != scaled.to_integral_value():
        raise ParseError(f"has more than {digits} decimals for an amount in {currency}")
    return int(scaled), currency


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    **{
        name: i + 1
        for i, names in enumerate(
            (
                ("janvier", "janv", "jan", "january"),
                ("fevrier", "fevr", "fev", "feb", "february"),
                ("mars", "mar", "march"),
                ("avril", "avr", "apr", "april"),
                ("mai", "may"),
                ("juin", "jun", "june"),
                ("juillet", "juil", "jul", "july"),
                ("aout", "aug", "august"),
                ("septembre", "sept", "sep", "september"),
                ("octobre", "oct", "october"),
                ("novembre", "nov", "november"),
                ("decembre", "dec", "december"),
            )
        )
        for name in names
    }
}
_NUMERIC_DATE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_TIME_PART = re.compile(r"[ T]\d{1,2}[:h]\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_WORDS = re.compile(r"[a-z]+|\d+")


def parse_date(value: object, locale: ImportLocale = LOCALES["fr"]) -> date:
    """A calendar date as written: ISO `2024-12-31`, day-first `31/12/2024`, `31.12.24`,
    `31-12-2024` (month-first when the locale says so), a time part ignored, or words
    (`31 décembre 2024`, `Dec 31, 2024`, `1er janv. 2024`). When the preferred order gives
    an impossible month but the other order works (`12/31/2024` in France) the other order
    is taken: a CSV written by American software keeps its dates. Two-digit years are
    read within 80 years before and 20 after today."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse_date_text(str(value).strip(), locale)


@lru_cache(maxsize=8192)
def _parse_date_text(text: str, locale: ImportLocale) -> date:
    """Cached: a file holds the same dates many times (a signup day, a close date)."""
    if not text:
        raise ParseError("is empty")
    text = _TIME_PART.sub("", text)
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        a, b, c = numeric.groups()
        if len(a) == 4:
            return _make_date(int(a), int(b), int(c))
        first, second, year = int(a), int(b), _full_year(c)
        day, month = (first, second) if locale.day_first else (second, first)
        if month > 12 and day <= 12:
            day, month = month, day
        return _make_date(year, month, day)
    words = _WORDS.findall(fold(text).replace("1er", "1"))
    numbers = [int(w) for w in words if w.isdigit()]
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    if len(months) == 1 and len(numbers) == 2:
        day, year = (numbers[0], numbers[1]) if numbers[0] <= 31 else (numbers[1], numbers[0])
        return _make_date(_full_year(str(year)), months[0], day)
    raise ParseError("is not a date (expected for example 31/12/2024 or 2024-12-31)")


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        this_year = date.today().year
        year += (this_year // 100) * 100
        if year > this_year + 20:
            year -= 100
    return year


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError("is not a date that exists") from None


# --- booleans --------------------------------------------------------------------------------

_TRUE = frozenset({"oui", "o", "yes", "y", "true", "vrai", "1", "x", "on", "ok"})
_FALSE = frozenset({"non", "n", "no", "false", "faux", "0", "off", "-"})


def parse_bool(value: object) -> bool:
    """Yes or no as people type it in French and English: oui/non, yes/no, vrai/faux,
    true/false, 1/0, x (a ticked box)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = fold(str(value).strip())
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParseError("is not yes or no (expected oui/non, yes/no, 1/0)")


# --- text ------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """The text of a cell, whatever its type: numbers without a trailing `.0`, dates in ISO
    form, so a phone typed as a number in Excel (612345678) or a postal code keeps its
    digits."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
