"""System tables: settings, calendar overrides, attachments, audit log."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lib.core.enums import AuditAction, CalendarOverrideKind
from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, enum_type


class Setting(Versioned, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    value: Mapped[str] = mapped_column(NFCText())  # JSON
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))


class CalendarOverride(Timestamped, Versioned, Base):
    """A province-specific change to the national calendar: an extra day off or an extra working day."""

    __tablename__ = "calendar_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[CalendarOverrideKind] = mapped_column(enum_type(CalendarOverrideKind))
    note: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))


class Attachment(Base):
    """An uploaded file: metadata here, content in the blob store under data/attachments by its SHA-256."""

    __tablename__ = "attachments"
    __table_args__ = (sa.Index("ix_attachments_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    name: Mapped[str] = mapped_column(sa.String(255))
    extension: Mapped[str] = mapped_column(sa.String(10))
    mime: Mapped[str] = mapped_column(sa.String(120))
    owner_type: Mapped[str] = mapped_column(sa.String(40))
    owner_id: Mapped[int | None]
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    is_public: Mapped[bool] = mapped_column(default=False)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    withdrawn_at: Mapped[datetime | None]


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    actor_name: Mapped[str | None] = mapped_column(sa.String(150))
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction), index=True)
    entity: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[str | None] = mapped_column(sa.String(60))
    summary: Mapped[str | None] = mapped_column(sa.String(500))
    before: Mapped[str | None] = mapped_column(NFCText())  # JSON
    after: Mapped[str | None] = mapped_column(NFCText())  # JSON
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
