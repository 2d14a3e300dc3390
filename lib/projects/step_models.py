"""Step reports of Dự án đầu tư công (seed 000 art. 8.3–8.7, 9.2): what the resolving unit reports on each step
(start, degree of completion, finish, advantages and difficulties, evidence), the on-time / late judgement of each
step with the investor's confirmation or correction, and the investor's reminders (đôn đốc). Every foreign key has an
index."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from lib.core.models.base import Base, utcnow
from lib.core.models.types import NFCText, enum_type
from lib.projects.enums import JudgementKind


class ProjectStepReport(Base):
    """One progress report of the resolving unit on a step (art. 8.4: «xác định rõ mức độ hoàn thành, nêu rõ các
    thuận lợi, khó khăn»). A report with a finish date is due 05 working days after that date (art. 9.2); `due_on`
    and `late_days` keep how late this report was (None: the step was not finished yet, no deadline)."""

    __tablename__ = "project_step_reports"
    __table_args__ = (
        sa.CheckConstraint("progress_percent >= 0 AND progress_percent <= 100", name="percent_range"),
        sa.Index("ix_project_step_reports_step_reported", "step_id", "reported_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)        # the reporting unit
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_on: Mapped[date]
    progress_percent: Mapped[int]          # degree of completion; for construction also the physical progress
    finished_on: Mapped[date | None]
    advantages: Mapped[str] = mapped_column(NFCText(), default="")     # thuận lợi
    difficulties: Mapped[str] = mapped_column(NFCText(), default="")   # khó khăn, vướng mắc
    proposals: Mapped[str] = mapped_column(NFCText(), default="")      # đề xuất, kiến nghị
    due_on: Mapped[date | None]
    late_days: Mapped[int | None]


class ProjectStepJudgement(Base):
    """One line of a step's on-time / late history (art. 8.3 «Chủ đầu tư xác định việc giải quyết đúng hạn, trễ hạn
    của từng công việc và đơn vị giải quyết cụ thể»; art. 8.7 the late unit answers for the delay). The software's
    line (no author) compares the finish with the deadline in working days; the investor's lines confirm or correct
    it, with a reason. The current judgement is the latest line."""

    __tablename__ = "project_step_judgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)
    kind: Mapped[JudgementKind] = mapped_column(enum_type(JudgementKind))
    deadline: Mapped[date]
    finished_on: Mapped[date]
    late: Mapped[bool]
    late_days: Mapped[int] = mapped_column(default=0)
    responsible_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    reason: Mapped[str] = mapped_column(NFCText(), default="")
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)  # None: the software
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ProjectStepReminder(Base):
    """The investor asks the resolving unit to report on a step (đôn đốc, art. 8.5–8.6); answered by the unit's next
    report."""

    __tablename__ = "project_step_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("project_steps.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)        # the unit reminded
    from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    message: Mapped[str] = mapped_column(NFCText(), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    report_id: Mapped[int | None] = mapped_column(sa.ForeignKey("project_step_reports.id"), index=True)
