"""Activities: calls, e-mails, meetings, notes and tasks, linked to the records they concern."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import (
    Base,
    DomainRow,
    UtcDateTime,
    list_index,
    live_covering_index,
)

ACTIVITY_TYPES = ("call", "email", "meeting", "note", "task")
ACTIVITY_DIRECTIONS = ("inbound", "outbound")

#: The records an activity can concern. Several may be set at once (a call with a contact
#: about a deal), so each has its own enforced foreign key rather than one polymorphic link.
LINK_COLUMNS = (
    "account_id",
    "contact_id",
    "lead_id",
    "opportunity_id",
    "case_id",
    "campaign_id",
)


class Activity(DomainRow, Base):
    __tablename__ = "activities"
    object_type = "activity"
    __extra_table_args__ = (
        Index("ix_activities_account_due", "account_id", "due_at"),
        Index("ix_activities_contact_due", "contact_id", "due_at"),
        Index("ix_activities_opportunity_due", "opportunity_id", "due_at"),
        Index("ix_activities_lead", "lead_id"),
        list_index("activities", "due_at", text_columns=False),
        Index("ix_activities_case", "case_id"),
        Index("ix_activities_campaign", "campaign_id"),
        Index("ix_activities_owner_due", "owner_id", "due_at"),
        # The dashboard's activities per owner and type: read in group order, no sort, and
        # without reading the table (covering: see live_covering_index).
        live_covering_index(
            "ix_activities_owner_type_done", "owner_id", "activity_type", "done_at"
        ),
        CheckConstraint(
            "activity_type IN ('call', 'email', 'meeting', 'note', 'task')", name="activity_type"
        ),
    )

    activity_type: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    direction: Mapped[str | None] = mapped_column(String(8))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    account_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("accounts.id"))
    contact_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("contacts.id"))
    lead_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("leads.id"))
    opportunity_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("opportunities.id"))
    case_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("cases.id"))
    campaign_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("campaigns.id"))
