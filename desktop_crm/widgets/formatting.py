"""Values as the user reads them, in the user's locale: money with its currency, dates,
timestamps in local time, choice codes as words."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale

from desktop_crm.services.record_lists import Kind, ListColumn

#: Symbols QLocale would not know from an ISO code alone; others show as the code.
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹"}


def choice_label(code: str) -> str:
    """'trade_show' → 'Trade show', through the translation catalogue."""
    words = code.replace("_", " ")
    return QCoreApplication.translate("Choices", words[:1].upper() + words[1:])


def money_text(minor: int, currency: str | None, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    code = (currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(code, code)
    return locale.toCurrencyString(minor / 100, symbol)


def display_text(
    spec: ListColumn, value: Any, currency: str | None = None, locale: QLocale | None = None
) -> str:
    """Never raises: a value of an unexpected type is shown as plain text."""
    if value is None or value == "":
        return ""
    locale = locale or QLocale()
    try:
        if spec.kind is Kind.MONEY:
            return money_text(int(value), currency, locale)
        if spec.kind is Kind.NUMBER:
            if spec.decimals:
                return locale.toString(int(value) / 10**spec.decimals, "f", spec.decimals)
            return locale.toString(int(value))
        if spec.kind is Kind.DATE and isinstance(value, date):
            return locale.toString(QDate(value.year, value.month, value.day), _short())
        if spec.kind is Kind.DATETIME and isinstance(value, datetime):
            moment = QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))
            return locale.toString(moment, _short())
        if spec.kind is Kind.CHOICE:
            return choice_label(str(value))
        if spec.kind is Kind.BOOL:
            return (
                QCoreApplication.translate("Values", "Yes")
                if value
                else QCoreApplication.translate("Values", "No")
            )
    except (TypeError, ValueError, OverflowError):
        pass
    return str(value)


def _short() -> QLocale.FormatType:
    return QLocale.FormatType.ShortFormat


def is_numeric(spec: ListColumn) -> bool:
    """Right-aligned in tables, so digits line up."""
    return spec.kind in (Kind.NUMBER, Kind.MONEY)
