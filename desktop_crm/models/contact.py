"""Contacts: the people at accounts that the team talks to."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow, list_index
from desktop_crm.models.consent import ConsentColumns

PREFERRED_CHANNELS = ("email", "phone", "mobile", "mail", "none")


class Contact(ConsentColumns, DomainRow, Base):
    __tablename__ = "contacts"
    object_type = "contact"
    __extra_table_args__ = (
        list_index("contacts", "last_name", "first_name"),
        list_index("contacts", "city"),
    )

    account_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("accounts.id"), index=True
    )
    salutation: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    job_title: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(100))
    #: As typed, for display.
    email: Mapped[str | None] = mapped_column(String(320))
    #: Normalised (lower-cased, IDNA domain) for matching and uniqueness checks.
    email_normalized: Mapped[str | None] = mapped_column(String(320), index=True)
    phone_raw: Mapped[str | None] = mapped_column(String(50))
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    mobile_raw: Mapped[str | None] = mapped_column(String(50))
    mobile_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    preferred_channel: Mapped[str | None] = mapped_column(String(10))
    street: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(5))
    notes: Mapped[str | None] = mapped_column(Text)
