"""Leads: unqualified prospects, scored and worked until converted or disqualified."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import (
    Base,
    DomainRow,
    UtcDateTime,
    list_index,
    live_covering_index,
)
from desktop_crm.models.consent import ConsentColumns

LEAD_SOURCES = (
    "website",
    "referral",
    "trade_show",
    "linkedin",
    "advertising",
    "inbound_call",
    "partner",
    "email_campaign",
    "cold_call",
    "other",
)
LEAD_STATUSES = ("new", "contacted", "qualified", "unqualified", "converted")


class Lead(ConsentColumns, DomainRow, Base):
    __tablename__ = "leads"
    object_type = "lead"
    __extra_table_args__ = (
        list_index("leads", "last_name", "first_name"),
        Index("ix_leads_status_source", "status", "source"),
        # The dashboard's lead conversion by source over a period (issue #5): in group
        # order, each source's range of days (a skip-scan over the ten sources).
        live_covering_index(
            "ix_leads_kpi_created",
            "source",
            "created_at",
            "status",
            "converted_at",
            "owner_id",
        ),
        # Campaign ROI: each campaign's live leads and the deals they were converted to.
        live_covering_index(
            "ix_leads_kpi_campaign",
            "campaign_id",
            "converted_opportunity_id",
        ),
    )

    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    company: Mapped[str | None] = mapped_column(String(300))
    job_title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    email_normalized: Mapped[str | None] = mapped_column(String(320), index=True)
    phone_raw: Mapped[str | None] = mapped_column(String(50))
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    source: Mapped[str] = mapped_column(String(20), default="other")
    status: Mapped[str] = mapped_column(String(12), default="new")
    #: 0–100, higher is hotter.
    score: Mapped[int] = mapped_column(Integer, default=0, index=True)
    campaign_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("campaigns.id"), index=True
    )
    converted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    converted_contact_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("contacts.id"))
    converted_account_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("accounts.id"))
    converted_opportunity_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("opportunities.id")
    )
    notes: Mapped[str | None] = mapped_column(Text)
