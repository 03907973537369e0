"""Typed custom fields: definitions per object and their values, filterable and sortable in SQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow

FIELD_TYPES = ("text", "number", "date", "choice", "bool")


class CustomFieldDefinition(DomainRow, Base):
    __tablename__ = "custom_field_definitions"
    object_type = "custom_field_definition"
    __extra_table_args__ = (
        Index("ix_custom_field_definitions_object_key", "record_type", "key"),
        CheckConstraint("decimals BETWEEN 0 AND 6", name="decimals_0_to_6"),
        CheckConstraint(
            "field_type IN ('text', 'number', 'date', 'choice', 'bool')", name="field_type"
        ),
    )

    record_type: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    field_type: Mapped[str] = mapped_column(String(6))
    #: Choice fields: a JSON list of allowed values.
    choices: Mapped[str | None] = mapped_column(Text)
    #: Number fields are stored as integers scaled by 10**decimals: exact, sortable, and
    #: free of the float rounding that would break journal undo.
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CustomFieldValue(DomainRow, Base):
    """One value; only the column matching the definition's type is set, so each type sorts
    and filters with its own index."""

    __tablename__ = "custom_field_values"
    object_type = "custom_field_value"
    __extra_table_args__ = (
        Index("ix_custom_field_values_record", "record_id", "definition_id", unique=True),
        Index("ix_custom_field_values_text", "definition_id", "value_text"),
        Index("ix_custom_field_values_number", "definition_id", "value_number"),
        Index("ix_custom_field_values_date", "definition_id", "value_date"),
    )

    definition_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("custom_field_definitions.id")
    )
    record_id: Mapped[str] = mapped_column(String(36))
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[int | None] = mapped_column(Integer)
    value_date: Mapped[date | None] = mapped_column(Date)
    value_bool: Mapped[bool | None] = mapped_column(Boolean)
