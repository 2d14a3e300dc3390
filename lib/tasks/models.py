"""Module Nhiệm vụ: directive documents, the tasks they assign, unit reports and the history of each task."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus, Urgency
from lib.core.enums import Timeliness
from lib.core.models.base import Base, Timestamped, Versioned, utcnow
from lib.core.models.types import NFCText, enum_type


class DirectiveDocument(Timestamped, Versioned, Base):
    """A directive document (văn bản chỉ đạo) entered by the Office."""

    __tablename__ = "directive_documents"
    __table_args__ = (
        sa.UniqueConstraint("issuer_unit_id", "issued_year", "number", name="uq_directive_documents_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[DocType] = mapped_column(enum_type(DocType))
    # An online opinion form (phiếu lấy ý kiến qua mạng) has no number or symbol (seed 001 art. 6.3a): None, and
    # number_symbol then holds vi.TASK_NO_NUMBER for lists.
    number: Mapped[str | None] = mapped_column(sa.String(10))     # số: "1298"
    symbol: Mapped[str | None] = mapped_column(sa.String(60))     # ký hiệu: "QĐ-UBND-HC", "2020/QĐ-UBND"
    number_symbol: Mapped[str] = mapped_column(sa.String(80))     # "1298/QĐ-UBND-HC"
    summary: Mapped[str] = mapped_column(NFCText())               # trích yếu
    issued_on: Mapped[date] = mapped_column(index=True)
    issued_time: Mapped[time | None]                               # for the 15:00 rule
    issued_year: Mapped[int]
    issuer_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    leader_id: Mapped[int] = mapped_column(sa.ForeignKey("leaders.id"), index=True)  # người chỉ đạo (the list)
    directed_by_name: Mapped[str] = mapped_column(sa.String(150))  # the leader's title and name as at entry
    signer: Mapped[str] = mapped_column(sa.String(150))             # người ký
    drafter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))  # chuyên viên soạn thảo
    urgency: Mapped[Urgency] = mapped_column(enum_type(Urgency), default=Urgency.NORMAL)
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"))
    is_public: Mapped[bool] = mapped_column(default=True)
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    entry_due_on: Mapped[date]                                      # by when the Office had to enter it
    entry_late_days: Mapped[int] = mapped_column(default=0)         # working days late (0 = on time)
    entry_basis: Mapped[str | None] = mapped_column(sa.String(20))  # which rule set entry_due_on (EntryBasis)
    search_key: Mapped[str] = mapped_column(NFCText(), default="")

    tasks: Mapped[list["Task"]] = relationship(back_populates="document", order_by="Task.seq")


class Task(Timestamped, Versioned, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        # Serves the unit inbox (lead unit, status, deadline) and covers the leader's aggregates (counts by
        # unit, timeliness, month) so that they never read the wide rows.
        sa.Index("ix_tasks_lead_stats", "lead_unit_id", "status", "deadline", "done_timeliness", "done_on",
                 "long_term", "issued_on", "document_id"),
        sa.Index("ix_tasks_status_deadline", "status", "deadline"),
        # Cover the same aggregates when a period (issue date) is chosen, and per document (by leader).
        sa.Index("ix_tasks_period_stats", "issued_on", "status", "deadline", "done_timeliness", "done_on",
                 "long_term", "lead_unit_id", "document_id"),
        sa.Index("ix_tasks_document_stats", "document_id", "status", "deadline", "done_timeliness", "long_term",
                 "lead_unit_id", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("directive_documents.id"))
    seq: Mapped[int] = mapped_column(default=1)
    issued_on: Mapped[date]   # the document's issue date, repeated here so period statistics need no join
    content: Mapped[str] = mapped_column(NFCText())
    lead_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    deadline: Mapped[date | None]
    long_term: Mapped[bool] = mapped_column(default=False)
    follower_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"), index=True)
    status: Mapped[TaskStatus] = mapped_column(enum_type(TaskStatus), default=TaskStatus.NEW)
    acknowledged_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]              # submission moment of the report that was approved
    done_on: Mapped[date | None] = mapped_column(index=True)  # its local date (for periods and monthly trends)
    done_timeliness: Mapped[Timeliness | None] = mapped_column(enum_type(Timeliness))
    is_public: Mapped[bool] = mapped_column(default=True)
    search_key: Mapped[str] = mapped_column(NFCText(), default="")

    document: Mapped[DirectiveDocument] = relationship(back_populates="tasks")
    co_units: Mapped[list["TaskCoUnit"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class TaskCoUnit(Base):
    """A coordinating unit (đơn vị phối hợp) of a task."""

    __tablename__ = "task_co_units"
    __table_args__ = (sa.UniqueConstraint("task_id", "unit_id", name="uq_task_co_units_task_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)


class TaskReport(Timestamped, Versioned, Base):
    """A unit's report of the result (báo cáo kết quả), reviewed by the Office: đạt or không đạt."""

    __tablename__ = "task_reports"
    __table_args__ = (sa.Index("ix_task_reports_decision_submitted", "decision", "submitted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    content: Mapped[str] = mapped_column(NFCText())                  # nội dung thực hiện
    doc_name: Mapped[str | None] = mapped_column(sa.String(255))     # tên văn bản báo cáo
    doc_number: Mapped[str | None] = mapped_column(sa.String(80))    # số, ký hiệu
    doc_summary: Mapped[str | None] = mapped_column(NFCText())       # trích yếu
    doc_date: Mapped[date | None]
    doc_signer: Mapped[str | None] = mapped_column(sa.String(150))
    doc_time: Mapped[time | None]                                    # for the 15:00 rule (seed 001 art. 7.5)
    doc_urgency: Mapped[Urgency] = mapped_column(enum_type(Urgency), default=Urgency.NORMAL,
                                                 server_default=Urgency.NORMAL.value)
    # The unit's own entry lateness (seed 002 art. 8.2; seed 001 art. 7.5); None for reports entered before it.
    entry_due_on: Mapped[date | None]
    entry_basis: Mapped[str | None] = mapped_column(sa.String(20))
    entry_late_days: Mapped[int | None]
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"))
    decision: Mapped[ReportDecision] = mapped_column(enum_type(ReportDecision), default=ReportDecision.PENDING)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    decision_reason: Mapped[str | None] = mapped_column(NFCText())
    # The Office's review lateness: the same working day, 15:00 rule (seed 001 art. 6.4).
    review_due_on: Mapped[date | None]
    review_late_days: Mapped[int | None]


class TaskEvent(Base):
    """One line of a task's history. Internal lines never reach the public page."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("tasks.id"), index=True)
    kind: Mapped[TaskEventKind] = mapped_column(enum_type(TaskEventKind))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("accounts.id"))
    actor_name: Mapped[str | None] = mapped_column(sa.String(150))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"))
    text: Mapped[str | None] = mapped_column(NFCText())
    old_value: Mapped[str | None] = mapped_column(sa.String(255))
    new_value: Mapped[str | None] = mapped_column(sa.String(255))
    report_id: Mapped[int | None] = mapped_column(sa.ForeignKey("task_reports.id"))
    attachment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attachments.id"))
    internal: Mapped[bool] = mapped_column(default=True)
