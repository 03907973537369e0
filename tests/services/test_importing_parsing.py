"""Locale-aware parsing of imported cells: numbers, money, dates, booleans (issue #6)."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.services.import_parsing import (
    LOCALES,
    ParseError,
    cell_text,
    locale_named,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_money,
)
from desktop_crm.services.import_rows import fast_email_key, fast_phone_key
from desktop_crm.services.normalise import email_key, phone_key

FR, US, GB = LOCALES["fr"], LOCALES["en_US"], LOCALES["en_GB"]


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("12 345,50", FR, "12345.50"),
        ("12\u00a0345,50", FR, "12345.50"),
        ("12\u202f345,50", FR, "12345.50"),
        ("1.234,5", FR, "1234.5"),
        ("1.234", FR, "1234"),
        ("12.5", FR, "12.5"),
        ("-3,2", FR, "-3.2"),
        ("(42)", FR, "-42"),
        ("1,234.50", US, "1234.50"),
        ("1,234", US, "1234"),
        ("1,5", US, "1.5"),
        ("1'234.5", LOCALES["fr_CH"], "1234.5"),
        ("0", FR, "0"),
        (12, FR, "12"),
        (2.5, FR, "2.5"),
    ],
)
def test_numbers_are_read_in_the_users_locale(text: object, locale: object, expected: str) -> None:
    assert parse_decimal(text, locale) == Decimal(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "abc", "1,2,3,4", "12,34,5", "1.2.3,4,5", "--1", "1 2 3 x"])
def test_what_is_not_a_number_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ParseError, match=r"number|empty"):
        parse_decimal(text, FR)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("12 345,50 €", FR, (1234550, "EUR")),
        ("12\u202f345,50\u00a0€", FR, (1234550, "EUR")),
        ("€ 99", FR, (9900, "EUR")),
        ("1 500 EUR", FR, (150000, "EUR")),
        ("$1,200", US, (120000, "USD")),
        ("1,200.5 USD", US, (120050, "USD")),
        ("£3.99", GB, (399, "GBP")),
        ("0,00", FR, (0, "EUR")),
        ("10", US, (1000, "USD")),
        (1500.25, FR, (150025, "EUR")),
    ],
)
def test_money_becomes_minor_units_and_a_currency(
    text: object, locale: object, expected: tuple[int, str]
) -> None:
    assert parse_money(text, locale) == expected  # type: ignore[arg-type]


def test_money_with_more_decimals_than_the_currency_is_refused_not_rounded() -> None:
    with pytest.raises(ParseError, match="more than 2 decimals"):
        parse_money("12,345 €", FR)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("31/12/2024", FR, date(2024, 12, 31)),
        ("01/02/2024", FR, date(2024, 2, 1)),
        ("01/02/2024", US, date(2024, 1, 2)),
        ("12/31/2024", FR, date(2024, 12, 31)),  # impossible day-first: month-first taken
        ("2024-12-31", US, date(2024, 12, 31)),
        ("31.12.2024", FR, date(2024, 12, 31)),
        ("31-12-2024", FR, date(2024, 12, 31)),
        ("5/3/24", FR, date(2024, 3, 5)),
        ("31/12/2024 14:30", FR, date(2024, 12, 31)),
        ("2024-12-31T14:30:00Z", FR, date(2024, 12, 31)),
        ("31 décembre 2024", FR, date(2024, 12, 31)),
        ("1er janv. 2025", FR, date(2025, 1, 1)),
        ("Dec 31, 2024", US, date(2024, 12, 31)),
        (datetime(2024, 5, 6, 7, 8), FR, date(2024, 5, 6)),
        (date(2024, 5, 6), FR, date(2024, 5, 6)),
    ],
)
def test_dates_are_read_day_first_unless_impossible(
    text: object, locale: object, expected: date
) -> None:
    assert parse_date(text, locale) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["31/02/2024", "13/13/2024", "hier", "2024", "32 mai 2024"])
def test_bad_dates_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ParseError, match="date"):
        parse_date(text, FR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("oui", True), ("Non", False), ("YES", True), ("no", False), ("vrai", True),
     ("Faux", False), ("1", True), ("0", False), ("x", True), (True, True), (0, False)],
)  # fmt: skip
def test_booleans_in_french_and_english(text: object, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_a_word_that_is_not_yes_or_no_is_refused() -> None:
    with pytest.raises(ParseError, match="yes or no"):
        parse_bool("peut-être")


def test_integers_refuse_fractions() -> None:
    assert parse_integer("1 200", FR) == 1200
    with pytest.raises(ParseError, match="whole"):
        parse_integer("1,5", FR)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(612345678.0, "612345678"), (75001, "75001"), (" Paris ", "Paris"), (None, ""),
     (datetime(2024, 1, 2), "2024-01-02"), (2.5, "2.5")],
)  # fmt: skip
def test_cell_text_keeps_the_digits_of_numbers_typed_in_excel(value: object, expected: str) -> None:
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("name", "decimal", "day_first"),
    [("fr_FR.UTF-8", ",", True), ("en_US", ".", False), ("en", ".", True), (None, ",", True)],
)
def test_locale_names(name: str | None, decimal: str, day_first: bool) -> None:
    locale = locale_named(name)
    assert (locale.decimal, locale.day_first) == (decimal, day_first)


# --- properties ------------------------------------------------------------------------------

amounts = st.decimals(
    min_value=Decimal("-99999999999.99"),
    max_value=Decimal("99999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


def _french(number: Decimal, grouping: str) -> str:
    sign = "-" if number < 0 else ""
    whole, _, cents = f"{abs(number):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{grouping.join(groups)},{cents}"


@given(amounts, st.sampled_from([" ", "\u00a0", "\u202f", ""]))
def test_any_french_amount_reads_back_exactly(number: Decimal, grouping: str) -> None:
    text = _french(number, grouping)
    assert parse_decimal(text, FR) == number
    if number >= 0:
        assert parse_money(text + " €", FR) == (int(number * 100), "EUR")


@given(amounts)
def test_any_english_amount_reads_back_exactly(number: Decimal) -> None:
    assert parse_decimal(f"{number:,.2f}", US) == number


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_date_reads_back_in_every_written_form(day: date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y"), FR) == day
    assert parse_date(day.strftime("%m/%d/%Y"), US) == day
    assert parse_date(day.isoformat(), FR) == day
    assert parse_date(day.strftime("%d.%m.%Y"), FR) == day


@given(st.text(max_size=30))
def test_parsers_raise_only_parse_errors_on_any_text(text: str) -> None:
    for parse in (
        lambda t: parse_decimal(t, FR),
        lambda t: parse_money(t, FR),
        lambda t: parse_date(t, FR),
        parse_bool,
    ):
        with contextlib.suppress(ParseError):
            parse(text)


# --- the fast paths give exactly the normalise keys ------------------------------------------

local_parts = st.from_regex(r"[A-Za-z0-9_%+.-]{1,70}", fullmatch=True)
domains = st.sampled_from(
    ["dupont.fr", "Exemple.COM", "a.b.c.org", "localhost", "x.test", "bad_domain.fr", "-x.fr",
     "crème.fr", "a..b.fr", "gmail.com", "xn--crme-6oa.fr", "1.2.3.4", "fr"]
)  # fmt: skip


@given(local_parts, domains)
def test_the_fast_email_key_is_the_normalise_key(local: str, domain: str) -> None:
    text = f"{local}@{domain}"
    assert fast_email_key(text) == email_key(text)


phones = st.builds(
    lambda prefix, digits, sep: prefix + sep.join(digits[i : i + 2] for i in range(0, 8, 2)),
    st.sampled_from(["0", "01", "06", "07", "09", "+33 6", "+33 1", "+336", "+33 0", "0033 6"]),
    st.from_regex(r"[0-9]{8}", fullmatch=True),
    st.sampled_from([" ", ".", "-", "", "\u00a0", "/"]),
)


@given(phones, st.sampled_from(["FR", "BE", "US"]))
def test_the_fast_phone_key_is_the_normalise_key(text: str, region: str) -> None:
    assert fast_phone_key(text, region) == phone_key(text, region)
