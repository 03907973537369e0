"""Saved views of the object lists: a named set of filters, sort and columns.

A domain row like any record (journaled, soft-deleted, owned), so saving a view is
undoable and views replicate to the user's other machines; `app_settings` would keep them
on this computer only. The definition is JSON read by `services.saved_views`.
"""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow


class SavedView(DomainRow, Base):
    __tablename__ = "saved_views"
    object_type = "saved_view"
    __extra_table_args__ = (Index("ix_saved_views_record_type_name", "record_type", "name"),)

    #: The listed object ("contact", "opportunity", ...).
    record_type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    #: JSON: conditions, quick text, mine only, sort, columns (services.saved_views).
    definition: Mapped[str] = mapped_column(Text)
