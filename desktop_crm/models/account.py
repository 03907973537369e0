"""Accounts: the companies (customers, prospects, partners) that contacts belong to."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow, list_index

ACCOUNT_TYPES = ("prospect", "customer", "partner", "supplier", "other")


class Account(DomainRow, Base):
    __tablename__ = "accounts"
    object_type = "account"
    __extra_table_args__ = (
        list_index("accounts", "name"),
        list_index("accounts", "city"),
    )

    name: Mapped[str] = mapped_column(String(300))
    account_type: Mapped[str] = mapped_column(String(20), default="prospect")
    #: French company registry number (9 digits), the natural key for matching.
    siren: Mapped[str | None] = mapped_column(String(9), index=True)
    industry: Mapped[str | None] = mapped_column(String(100))
    employees: Mapped[int | None] = mapped_column(Integer)
    annual_revenue_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    website: Mapped[str | None] = mapped_column(String(300))
    #: Lower-cased web/e-mail domain, used to link contacts and imports to the account.
    domain: Mapped[str | None] = mapped_column(String(253), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    phone_raw: Mapped[str | None] = mapped_column(String(50))
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    street: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    parent_account_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("accounts.id"), index=True
    )
    description: Mapped[str | None] = mapped_column(Text)
