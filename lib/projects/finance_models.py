"""Module Dự án đầu tư công: capital plans, disbursements, the investors' monthly reports, the projects' monthly
physical progress, and the State Treasury's figures with the reconciliation notes (seed 000 art. 5.6, 9.3–9.4, 11).
Amounts are whole đồng. Every foreign key has an index."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, enum_type
from lib.projects.enums import CapitalPlanKind, CapitalSource


class CapitalPlanLine(Base):
    """One line of a project's capital plan for a year and source: the plan given, an adjustment (signed; the
    plan is the sum of the lines and never below zero) or the plan carried over from the previous year — each
    with the decision behind it (số, ngày, cơ quan ban hành, tệp)."""

    __tablename__ = "capital_plan_lines"
    __table_args__ = (
        sa.CheckConstraint("month_from BETWEEN 1 AND 12", name="month_from_valid"),
        sa.Index("ix_capital_plan_lines_year_project", "year", "project_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    year: Mapped[int]
    source: Mapped[CapitalSource] = mapped_column(enum_type(CapitalSource))
    kind: Mapped[CapitalPlanKind] = mapped_column(enum_type(CapitalPlanKind))
    amount: Mapped[int] = mapped_column(sa.BigInteger)          # đồng; an adjustment may be negative
    month_from: Mapped[int] = mapped_column(default=1)          # the month the line takes effect
    decision_number: Mapped[str] = mapped_column(sa.String(80), default="")
    decision_date: Mapped[date | None]
    issuer: Mapped[str] = mapped_column(sa.String(300), default="")
    note: Mapped[str] = mapped_column(NFCText(), default="")
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"), index=True)
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)


class Disbursement(Base):
    """An amount disbursed for a project from one source in one month, with the day the State Treasury confirmed
    it; entered within 05 working days of that confirmation (seed 000 art. 9.3; lateness recorded)."""

    __tablename__ = "disbursements"
    __table_args__ = (
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="month_valid"),
        sa.Index("ix_disbursements_year_month_project", "year", "month", "project_id"),
        # Covering indexes of the disbursement figures (lib.projects.capital): sums by year up to a month, and each
        # project's cumulative sum, read an index only, never the rows (400,000 rows in the benchmark).
        sa.Index("ix_disbursements_totals", "year", "month", "project_id", "source", "amount"),
        sa.Index("ix_disbursements_project_totals", "project_id", "year", "month", "amount"),  # cumulative by project
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    source: Mapped[CapitalSource] = mapped_column(enum_type(CapitalSource))
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    treasury_confirmed_on: Mapped[date]
    note: Mapped[str] = mapped_column(NFCText(), default="")
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    entry_due_on: Mapped[date]
    entry_late_days: Mapped[int] = mapped_column(default=0)


class InvestorMonthlyReport(Timestamped, Versioned, Base):
    """An investor's monthly situation report on its projects' disbursement (seed 000 art. 9.4): results,
    difficulties, proposals."""

    __tablename__ = "investor_monthly_reports"
    __table_args__ = (
        sa.UniqueConstraint("investor_unit_id", "year", "month", name="uq_investor_monthly_reports_period"),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="month_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    investor_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    results: Mapped[str] = mapped_column(NFCText(), default="")
    difficulties: Mapped[str] = mapped_column(NFCText(), default="")
    proposals: Mapped[str] = mapped_column(NFCText(), default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    due_on: Mapped[date | None]
    late_days: Mapped[int] = mapped_column(default=0)


class ProjectMonthlyProgress(Base):
    """A project's physical progress (% of the work done) at the end of a month, as reported; kept month by month
    and drawn against the financial progress (disbursed / total investment)."""

    __tablename__ = "project_monthly_progress"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "year", "month", name="uq_project_monthly_progress_period"),
        sa.CheckConstraint("physical_percent BETWEEN 0 AND 100", name="percent_valid"),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="month_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    physical_percent: Mapped[float] = mapped_column(sa.Float)
    note: Mapped[str] = mapped_column(NFCText(), default="")
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)


class TreasuryImport(Base):
    """One file of the State Treasury's disbursement figures imported by the Department of Finance (art. 11)."""

    __tablename__ = "treasury_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    month: Mapped[int]                                          # the last month the file covers
    file_name: Mapped[str] = mapped_column(sa.String(255))
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"), index=True)
    row_count: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    superseded: Mapped[bool] = mapped_column(default=False)     # a later file for the same period replaced it


class TreasuryFigure(Base):
    """One row of a Treasury file: what the Treasury reports as disbursed for a project, source and month."""

    __tablename__ = "treasury_figures"
    __table_args__ = (sa.Index("ix_treasury_figures_project_period", "project_id", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(sa.ForeignKey("treasury_imports.id"), index=True)
    investor_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    source: Mapped[CapitalSource] = mapped_column(enum_type(CapitalSource))
    year: Mapped[int]
    month: Mapped[int]
    amount: Mapped[int] = mapped_column(sa.BigInteger)


class ReconciliationNote(Timestamped, Versioned, Base):
    """The investor's explanation of a difference between its figures and the Treasury's, for a project, source
    and month (art. 11)."""

    __tablename__ = "reconciliation_notes"
    __table_args__ = (sa.UniqueConstraint("project_id", "source", "year", "month",
                                          name="uq_reconciliation_notes_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    source: Mapped[CapitalSource] = mapped_column(enum_type(CapitalSource))
    year: Mapped[int]
    month: Mapped[int]
    explanation: Mapped[str] = mapped_column(NFCText())
    written_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
