"""Opportunities: deals moving through a pipeline towards won or lost."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import (
    Base,
    DomainRow,
    UtcDateTime,
    list_index,
    live_covering_index,
)

OPPORTUNITY_STATUSES = ("open", "won", "lost")
LOST_REASONS = ("price", "competitor", "no_budget", "no_decision", "timing", "product_fit", "other")


class Opportunity(DomainRow, Base):
    __tablename__ = "opportunities"
    object_type = "opportunity"
    __extra_table_args__ = (
        Index("ix_opportunities_stage_position", "stage_id", "board_position"),
        Index("ix_opportunities_status_close", "status", "expected_close_date"),
        Index("ix_opportunities_closed_at", "closed_at"),
        list_index("opportunities", "name"),
        # The dashboard's deal KPIs (issue #5) read these instead of the table: deals
        # closed in a period; open deals per stage and currency (pipeline value, in group
        # order); open deals per stage by last change (stale deals); open deals by expected
        # close (forecast); the cohort created in a period per pipeline; the
        # currencies in use.
        live_covering_index(
            "ix_opportunities_kpi_closed",
            "status",
            "closed_at",
            "currency",
            "amount_minor",
            "created_at",
            "owner_id",
            "pipeline_id",
            "campaign_id",
        ),
        live_covering_index(
            "ix_opportunities_kpi_open",
            "status",
            "stage_id",
            "currency",
            "amount_minor",
            "probability",
            "owner_id",
            "pipeline_id",
        ),
        live_covering_index(
            "ix_opportunities_kpi_stale",
            "status",
            "stage_id",
            "updated_at",
            "activity_touched_at",
            "owner_id",
            "pipeline_id",
        ),
        live_covering_index(
            "ix_opportunities_kpi_forecast",
            "status",
            "expected_close_date",
            "currency",
            "amount_minor",
            "probability",
            "owner_id",
            "pipeline_id",
        ),
        live_covering_index(
            "ix_opportunities_kpi_cohort",
            "pipeline_id",
            "created_at",
            "stage_id",
            "owner_id",
            "id",
        ),
        live_covering_index(
            "ix_opportunities_kpi_currency",
            "currency",
            "owner_id",
            "pipeline_id",
        ),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability_percent"),
        CheckConstraint("amount_minor IS NULL OR amount_minor >= 0", name="amount_not_negative"),
        CheckConstraint("status IN ('open', 'won', 'lost')", name="status"),
    )

    name: Mapped[str] = mapped_column(String(300))
    account_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("accounts.id"), index=True
    )
    primary_contact_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("contacts.id"), index=True
    )
    pipeline_id: Mapped[str] = mapped_column(String(36), ForeignKey("pipelines.id"), index=True)
    stage_id: Mapped[str] = mapped_column(String(36), ForeignKey("pipeline_stages.id"))
    #: Order of the card inside its kanban column.
    board_position: Mapped[int] = mapped_column(Integer, default=0)
    stage_entered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    probability: Mapped[int] = mapped_column(Integer, default=10)
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(4), default="open")
    closed_at: Mapped[date | None] = mapped_column(Date)
    lost_reason: Mapped[str | None] = mapped_column(String(20))
    lost_detail: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(20))
    campaign_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("campaigns.id"), index=True
    )
    description: Mapped[str | None] = mapped_column(Text)
    #: Derived, kept by SQLite triggers on activities (migration 0006), never written by
    #: the app: the latest creation or completion time of the deal's live activities, None
    #: without any. Stale deals compare it with their stage's idle limit. Not journaled.
    activity_touched_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
