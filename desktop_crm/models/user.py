"""Users (record owners) and the teams they belong to."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_crm.models.base import Base, DomainRow


class Team(DomainRow, Base):
    __tablename__ = "teams"
    object_type = "team"

    name: Mapped[str] = mapped_column(String(200))


class User(DomainRow, Base):
    __tablename__ = "users"
    object_type = "user"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    team_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("teams.id", use_alter=True), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
