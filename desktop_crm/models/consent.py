"""GDPR consent columns shared by contacts and leads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

#: unknown: never asked; granted / refused: an explicit answer; withdrawn: granted then revoked.
CONSENT_STATUSES = ("unknown", "granted", "refused", "withdrawn")
CONSENT_SOURCES = ("form", "email", "phone", "paper", "event", "import", "other")


class ConsentColumns:
    """Whether the person agreed to be contacted, where that came from and when: the proof
    a French business must be able to show under the GDPR."""

    consent_status: Mapped[str] = mapped_column(String(12), default="unknown")
    consent_source: Mapped[str | None] = mapped_column(String(20))
    consent_date: Mapped[date | None] = mapped_column(Date)
