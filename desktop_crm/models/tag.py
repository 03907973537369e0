"""Tags and their attachment to any record."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow


class Tag(DomainRow, Base):
    __tablename__ = "tags"
    object_type = "tag"
    __extra_table_args__ = (Index("ix_tags_name", "name"),)

    name: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str | None] = mapped_column(String(7))


class Tagging(DomainRow, Base):
    """One tag on one record. `record_id` points into whichever table `object_type` names;
    ids are UUIDs, unique across tables, so the pair is unambiguous."""

    __tablename__ = "taggings"
    object_type = "tagging"
    __extra_table_args__ = (
        Index("ix_taggings_record", "record_id", "tag_id"),
        Index("ix_taggings_tag_type", "tag_id", "record_type"),
    )

    tag_id: Mapped[str] = mapped_column(String(36), ForeignKey("tags.id"))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36))
