"""Sales pipelines and their ordered stages."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow

#: open stages hold live deals; a deal entering a won or lost stage is closed.
STAGE_KINDS = ("open", "won", "lost")


class Pipeline(DomainRow, Base):
    __tablename__ = "pipelines"
    object_type = "pipeline"

    name: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class PipelineStage(DomainRow, Base):
    __tablename__ = "pipeline_stages"
    object_type = "pipeline_stage"
    __extra_table_args__ = (
        Index("ix_pipeline_stages_pipeline_position", "pipeline_id", "position"),
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability_percent"),
        CheckConstraint("kind IN ('open', 'won', 'lost')", name="kind"),
    )

    pipeline_id: Mapped[str] = mapped_column(String(36), ForeignKey("pipelines.id"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    #: Default win probability in percent, copied onto a deal when it enters the stage.
    probability: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(4), default="open")
    #: Days without activity or change after which a deal in this stage is stale.
    idle_days_limit: Mapped[int | None] = mapped_column(Integer)
