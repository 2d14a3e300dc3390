"""Organisation units and their history (founded, renamed, moved, merged, dissolved)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lib.core.enums import UnitEventKind, UnitKind, UnitStatus
from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, enum_type


class Unit(Timestamped, Versioned, Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    short_name: Mapped[str | None] = mapped_column(sa.String(100))
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    status: Mapped[UnitStatus] = mapped_column(enum_type(UnitStatus), default=UnitStatus.ACTIVE, index=True)
    founded_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    successor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    search_key: Mapped[str] = mapped_column(sa.String(400), default="")
    note: Mapped[str | None] = mapped_column(NFCText())

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], foreign_keys=[parent_id])
    successor: Mapped["Unit | None"] = relationship(remote_side=[id], foreign_keys=[successor_id])

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE


class UnitEvent(Base):
    """One line of a unit's history, with the decision that made it."""

    __tablename__ = "unit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    kind: Mapped[UnitEventKind] = mapped_column(enum_type(UnitEventKind))
    on_date: Mapped[date]
    old_name: Mapped[str | None] = mapped_column(sa.String(255))
    new_name: Mapped[str | None] = mapped_column(sa.String(255))
    related_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    decision: Mapped[str | None] = mapped_column(sa.String(255))
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"))
    note: Mapped[str | None] = mapped_column(NFCText())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
