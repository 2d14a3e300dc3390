"""The public page (seed 001 art. 2.2, 4.5): tasks and results the Office marks public — nothing else."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.tasks.enums import ReportDecision, TaskStatus
from lib.core.enums import Timeliness
from lib.core.models import Attachment, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskReport
from lib.core.text import fold


@dataclass(frozen=True)
class PublicTask:
    task_id: int
    number_symbol: str
    issued_on: date
    document_summary: str
    content: str
    lead_unit: str
    deadline: date | None
    status: str
    result: str | None                  # content of the approved report
    done_on: date | None
    timeliness: Timeliness | None
    document_file_id: int | None        # only if that file itself is public


def public_tasks(session: Session, text: str = "", *, limit: int = 100, offset: int = 0) -> tuple[list[PublicTask], int]:
    approved = (sa.select(TaskReport.content).where(TaskReport.task_id == Task.id,
                                                   TaskReport.decision == ReportDecision.APPROVED)
                .order_by(TaskReport.decided_at.desc()).limit(1).correlate(Task).scalar_subquery())
    public_file = sa.select(Attachment.id).where(Attachment.id == DirectiveDocument.attachment_id,
                                                 Attachment.is_public.is_(True),
                                                 Attachment.withdrawn_at.is_(None)).correlate(DirectiveDocument)
    query = (sa.select(Task, DirectiveDocument.number_symbol, DirectiveDocument.issued_on, DirectiveDocument.summary,
                       Unit.name, approved.label("result"), public_file.scalar_subquery().label("file_id"))
             .join(DirectiveDocument, DirectiveDocument.id == Task.document_id)
             .join(Unit, Unit.id == Task.lead_unit_id)
             .where(Task.is_public.is_(True), DirectiveDocument.is_public.is_(True),
                    Task.status != TaskStatus.WITHDRAWN))
    key = fold(text)
    if key:
        query = query.where(sa.or_(Task.search_key.contains(key, autoescape=True),
                                   DirectiveDocument.search_key.contains(key, autoescape=True)))
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(DirectiveDocument.issued_on.desc(), DirectiveDocument.id.desc(), Task.seq,
                                          Task.id).limit(limit).offset(offset))  # document by document
    return [PublicTask(t.id, number, issued, summary, t.content, unit, t.deadline,
                       "Đã hoàn thành" if t.status == TaskStatus.DONE else "Đang thực hiện",
                       result if t.status == TaskStatus.DONE else None, t.done_on, t.done_timeliness, file_id)
            for t, number, issued, summary, unit, result, file_id in rows], total
