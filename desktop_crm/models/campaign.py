"""Marketing campaigns and their members (contacts or leads) with a response status."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow, UtcDateTime

CAMPAIGN_TYPES = ("email", "event", "webinar", "trade_show", "advertising", "direct_mail", "other")
CAMPAIGN_STATUSES = ("planned", "active", "completed", "cancelled")
MEMBER_STATUSES = (
    "targeted",
    "sent",
    "opened",
    "clicked",
    "responded",
    "converted",
    "unsubscribed",
)


class Campaign(DomainRow, Base):
    __tablename__ = "campaigns"
    object_type = "campaign"
    __extra_table_args__ = (
        Index("ix_campaigns_start", "start_date"),
        CheckConstraint("budget_minor IS NULL OR budget_minor >= 0", name="budget_not_negative"),
        CheckConstraint(
            "actual_cost_minor IS NULL OR actual_cost_minor >= 0", name="cost_not_negative"
        ),
    )

    name: Mapped[str] = mapped_column(String(300))
    campaign_type: Mapped[str] = mapped_column(String(20), default="email")
    status: Mapped[str] = mapped_column(String(12), default="planned")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    budget_minor: Mapped[int | None] = mapped_column(Integer)
    actual_cost_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    description: Mapped[str | None] = mapped_column(Text)


class CampaignMember(DomainRow, Base):
    __tablename__ = "campaign_members"
    object_type = "campaign_member"
    __extra_table_args__ = (
        Index("ix_campaign_members_campaign_status", "campaign_id", "status"),
        Index("ix_campaign_members_contact", "contact_id"),
        Index("ix_campaign_members_lead", "lead_id"),
        CheckConstraint("(contact_id IS NULL) <> (lead_id IS NULL)", name="exactly_one_member"),
    )

    campaign_id: Mapped[str] = mapped_column(String(36), ForeignKey("campaigns.id"))
    contact_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("contacts.id"))
    lead_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("leads.id"))
    status: Mapped[str] = mapped_column(String(12), default="targeted")
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
