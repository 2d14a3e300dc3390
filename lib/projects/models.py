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
    ProjectStatus, ResolverKind,
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


# ---------------------------------------------------------------- process templates and the project's steps

class ProcessTemplate(Timestamped, Versioned, Base):
    """A process template (seed 000 art. 5.2: «Phần mềm đã thiết lập cấu hình quy trình tự động ban đầu, đơn vị sử
    dụng kiểm tra và hiệu chỉnh»): ordered steps in the three phases. `project_group` is the group it is proposed
    for (None: any group, proposed when no template of the project's group exists)."""

    __tablename__ = "process_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    description: Mapped[str] = mapped_column(NFCText(), default="")
    project_group: Mapped[ProjectGroup | None] = mapped_column(enum_type(ProjectGroup))
    active: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)

    steps: Mapped[list["TemplateStep"]] = relationship(
        cascade="all, delete-orphan", order_by="TemplateStep.position", lazy="selectin")


class TemplateStep(Base):
    """One step of a template: its phase, name, who resolves it by default (a kind of unit, or one unit), its planned
    duration in working days and the steps it waits for."""

    __tablename__ = "process_template_steps"
    __table_args__ = (
        sa.CheckConstraint("duration_days > 0", name="duration_positive"),
        sa.CheckConstraint("(resolver_kind = 'unit') = (unit_id IS NOT NULL)", name="unit_iff_kind_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(sa.ForeignKey("process_templates.id"), index=True)
    position: Mapped[int]                                       # 1, 2, … (the order shown)
    phase: Mapped[ProjectPhase] = mapped_column(enum_type(ProjectPhase))
    name: Mapped[str] = mapped_column(sa.String(300))
    resolver_kind: Mapped[ResolverKind] = mapped_column(enum_type(ResolverKind))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)  # only for UNIT
    duration_days: Mapped[int]                                  # planned duration, working days

    waits_for: Mapped[list["TemplateStepLink"]] = relationship(
        cascade="all, delete-orphan", foreign_keys="TemplateStepLink.step_id", lazy="selectin")


class TemplateStepLink(Base):
    """A template step waits for another step of the same template."""

    __tablename__ = "process_template_step_links"
    __table_args__ = (sa.UniqueConstraint("step_id", "depends_on_id", name="uq_process_template_step_links_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("process_template_steps.id"), index=True)
    depends_on_id: Mapped[int] = mapped_column(sa.ForeignKey("process_template_steps.id"), index=True)


class ProjectProcess(Timestamped, Versioned, Base):
    """A project's process (seed 000 art. 7.1: the investor configures it when the project starts): the template
    it came from and the day its first steps start. Its version guards every adjustment of the steps."""

    __tablename__ = "project_processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True, unique=True)
    template_id: Mapped[int | None] = mapped_column(sa.ForeignKey("process_templates.id"), index=True)
    starts_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)


class ProjectStep(Base):
    """One step of a project's process: who resolves it, its planned duration in working days, the planned dates
    computed through the working-day calendar from the steps it waits for, its deadline (the planned end unless the
    investor set one), and its actual start and finish (from the step reports, later)."""

    __tablename__ = "project_steps"
    __table_args__ = (
        sa.CheckConstraint("duration_days > 0", name="duration_positive"),
        sa.Index("ix_project_steps_unit_id_deadline", "unit_id", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    position: Mapped[int]
    phase: Mapped[ProjectPhase] = mapped_column(enum_type(ProjectPhase))
    name: Mapped[str] = mapped_column(sa.String(300))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)   # the resolving unit
    resolver_kind: Mapped[ResolverKind] = mapped_column(enum_type(ResolverKind), default=ResolverKind.UNIT)
    duration_days: Mapped[int]
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    deadline: Mapped[date]
    deadline_set: Mapped[bool] = mapped_column(default=False)  # the investor set the deadline (kept on recompute)
    actual_start: Mapped[date | None]
    actual_end: Mapped[date | None]


class ProjectStepLink(Base):
    """A project step waits for another step of the same project."""

    __tablename__ = "project_step_links"
    __table_args__ = (sa.UniqueConstraint("step_id", "depends_on_id", name="uq_project_step_links_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)
    depends_on_id: Mapped[int] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)


# ---------------------------------------------------------------- photos and settlement

class ProjectPhoto(Base):
    """A photo of the project's site (an image attachment) with its caption and the day it was taken, optionally
    tied to a step; shown as a gallery (issue 10 item 1) and, for published projects, on the public page."""

    __tablename__ = "project_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    step_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)
    attachment_id: Mapped[int] = mapped_column(sa.ForeignKey("attachments.id"), index=True)
    caption: Mapped[str] = mapped_column(NFCText(), default="")
    taken_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)


class ProjectSettlement(Timestamped, Versioned, Base):
    """After completion (Nghị định 99/2021/NĐ-CP, art. 47): the acceptance and handover record starts the
    settlement clocks (dossier, verification, approval — months or days by group, settings); the record keeps the
    final value and end date against the approved ones, with the reasons for the difference."""

    __tablename__ = "project_settlements"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True, unique=True)
    handover_on: Mapped[date]                                   # biên bản nghiệm thu, bàn giao đưa vào sử dụng
    handover_document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_documents.id"), index=True)
    dossier_submitted_on: Mapped[date | None]                   # hồ sơ quyết toán nộp cơ quan thẩm tra
    verified_on: Mapped[date | None]                            # thẩm tra xong
    approved_on: Mapped[date | None]                            # phê duyệt quyết toán
    approval_document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_documents.id"), index=True)
    final_value: Mapped[int | None] = mapped_column(sa.BigInteger)  # giá trị quyết toán, đồng
    actual_end: Mapped[date | None]
    difference_reasons: Mapped[str] = mapped_column(NFCText(), default="")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
