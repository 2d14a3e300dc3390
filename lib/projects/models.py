"""Module Dự án đầu tư công: each project's record, its locations, capital sources, approving documents, the history
of its approved values and of its status (seed 000 art. 7, 9.1). Every foreign key has an index."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, enum_type
from lib.projects.enums import (
    ApprovalDocKind, CapitalSource, ChangeKind, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
    ProjectStatus,
)


class Project(Timestamped, Versioned, Base):
    """A project's record («Cấu hình thông tin», seed 000 art. 7.3). The approved values (total investment, planned
    dates, group, investor) change only through `ProjectChange` rows, each behind an approving document."""

    __tablename__ = "projects"
    __table_args__ = (
        sa.CheckConstraint("total_investment >= 0", name="total_investment_not_negative"),
        sa.Index("ix_projects_status_phase", "status", "phase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)            # mã dự án
    name: Mapped[str] = mapped_column(sa.String(500))
    kind: Mapped[ProjectKind] = mapped_column(enum_type(ProjectKind), default=ProjectKind.PUBLIC)
    field: Mapped[ProjectField] = mapped_column(enum_type(ProjectField))     # lĩnh vực (the law's field class)
    project_group: Mapped[ProjectGroup | None] = mapped_column(enum_type(ProjectGroup))  # None: a private project
    deciding_level: Mapped[DecidingLevel | None] = mapped_column(enum_type(DecidingLevel))  # None: private
    # The investor (chủ đầu tư); for a private project the unit that follows it (Sở Tài chính, art. 11.4). The
    # project's data scope follows this unit.
    investor_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    private_investor: Mapped[str | None] = mapped_column(sa.String(300))  # the private investor's name (art. 11.4)
    management_form: Mapped[str] = mapped_column(sa.String(200), default="")  # hình thức quản lý dự án
    total_investment: Mapped[int] = mapped_column(sa.BigInteger)            # tổng mức đầu tư, đồng
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    # The dates of each phase (seed 000 art. 7.3); preparation_start is when the investment policy's preparation
    # began: the new record is due 10 working days after it (art. 9.1).
    preparation_start: Mapped[date]
    preparation_end: Mapped[date | None]
    implementation_start: Mapped[date | None]
    implementation_end: Mapped[date | None]
    closing_start: Mapped[date | None]
    closing_end: Mapped[date | None]
    phase: Mapped[ProjectPhase] = mapped_column(enum_type(ProjectPhase), default=ProjectPhase.PREPARATION)
    status: Mapped[ProjectStatus] = mapped_column(enum_type(ProjectStatus), default=ProjectStatus.ACTIVE)
    published: Mapped[bool] = mapped_column(default=False)                  # shown on the public page (open data)
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entry_due_on: Mapped[date | None]             # art. 9.1 (None: a private project, no entry deadline)
    entry_late_days: Mapped[int | None]           # working days late (0 = on time)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    search_key: Mapped[str] = mapped_column(NFCText(), default="")

    locations: Mapped[list["ProjectLocation"]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectLocation.id", lazy="selectin")
    capital_sources: Mapped[list["ProjectCapitalSource"]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectCapitalSource.id", lazy="selectin")


class ProjectLocation(Base):
    """A commune or ward where the project lies, with optional coordinates (WGS 84)."""

    __tablename__ = "project_locations"
    __table_args__ = (sa.UniqueConstraint("project_id", "commune_id", name="uq_project_locations_commune"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    commune_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)


class ProjectCapitalSource(Base):
    """The share of the total investment that one capital source brings (đồng)."""

    __tablename__ = "project_capital_sources"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "source", name="uq_project_capital_sources_source"),
        sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    source: Mapped[CapitalSource] = mapped_column(enum_type(CapitalSource))
    amount: Mapped[int] = mapped_column(sa.BigInteger)


class ProjectDocument(Base):
    """A tờ trình or quyết định behind the record's values (seed 000 art. 7.3)."""

    __tablename__ = "project_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    kind: Mapped[ApprovalDocKind] = mapped_column(enum_type(ApprovalDocKind))
    number: Mapped[str] = mapped_column(sa.String(80))          # số, ký hiệu: "1234/QĐ-UBND"
    signed_on: Mapped[date]
    issuer: Mapped[str] = mapped_column(sa.String(300))         # cơ quan ban hành
    summary: Mapped[str] = mapped_column(NFCText(), default="")  # trích yếu
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)


class ProjectChange(Base):
    """One value changed by an approved change: the old and new value (as text), the document that approved it, the
    day it took effect and how late it was entered (seed 000 art. 7.2: within 05 working days)."""

    __tablename__ = "project_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    kind: Mapped[ChangeKind] = mapped_column(enum_type(ChangeKind))
    field_name: Mapped[str] = mapped_column(sa.String(40))      # the record's attribute: "total_investment", …
    old_value: Mapped[str | None] = mapped_column(sa.String(300))
    new_value: Mapped[str | None] = mapped_column(sa.String(300))
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("project_documents.id"), index=True)
    effective_on: Mapped[date]
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    entry_due_on: Mapped[date]
    entry_late_days: Mapped[int] = mapped_column(default=0)


class ProjectStatusChange(Base):
    """One line of the status history (tạm dừng, hủy bỏ, hoạt động lại, hoàn thành) and of the phase."""

    __tablename__ = "project_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    old_status: Mapped[ProjectStatus | None] = mapped_column(enum_type(ProjectStatus))  # None: the record's start
    new_status: Mapped[ProjectStatus] = mapped_column(enum_type(ProjectStatus))
    old_phase: Mapped[ProjectPhase | None] = mapped_column(enum_type(ProjectPhase))
    new_phase: Mapped[ProjectPhase] = mapped_column(enum_type(ProjectPhase))
    effective_on: Mapped[date]
    reason: Mapped[str] = mapped_column(NFCText(), default="")
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_documents.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
