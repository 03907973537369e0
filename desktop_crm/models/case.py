"""Cases: customer support requests with priority, resolution time and satisfaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow, UtcDateTime, live_covering_index

CASE_STATUSES = ("new", "open", "pending", "resolved", "closed")
CASE_PRIORITIES = ("low", "normal", "high", "urgent")
CASE_CHANNELS = ("email", "phone", "web", "in_person", "other")


class Case(DomainRow, Base):
    __tablename__ = "cases"
    object_type = "case"
    __extra_table_args__ = (
        Index("ix_cases_status_priority", "status", "priority"),
        Index("ix_cases_opened", "opened_at"),
        # The dashboard (issue #5): cases resolved in a period, cases open per priority.
        live_covering_index(
            "ix_cases_kpi_resolved",
            "resolved_at",
            "opened_at",
            "satisfaction",
            "owner_id",
        ),
        live_covering_index(
            "ix_cases_kpi_open",
            "status",
            "priority",
            "owner_id",
        ),
        CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction_1_to_5"
        ),
    )

    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("accounts.id"), index=True
    )
    contact_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("contacts.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="new")
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    channel: Mapped[str | None] = mapped_column(String(10))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    #: 1 (very unhappy) to 5 (very happy), asked once the case is resolved.
    satisfaction: Mapped[int | None] = mapped_column(Integer)
