"""Reading tasks: lists with filters (inbox, drill-down, reports), the review queue, one task in full."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from lib.core import vi
from lib.core.access import Actor, require_role
from lib.core.calendar import WorkCalendar, local_today, to_local
from lib.tasks.enums import ReportDecision, TaskEventKind, TaskStatus, Urgency
from lib.core.enums import Role, Timeliness
from lib.core.format import fmt_date
from lib.core.errors import NotFound
from lib.core.models import Account, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent, TaskReport
from lib.core.services import settings
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.workflow import _task, deadline_rules, explain_lateness, review_due, task_scope, visible_task_clause
from lib.core.text import fold

OPEN_STATES = tuple(s for s in TaskStatus if s.is_open)


@dataclass
class TaskFilter:
    statuses: list[TaskStatus] = field(default_factory=list)
    timeliness: list[Timeliness] = field(default_factory=list)
    unit_id: int | None = None              # lead unit (for reports and drill-down)
    involving_unit_ids: frozenset[int] | None = None   # lead or coordinating (for a unit's inbox)
    lead_unit_ids: frozenset[int] | None = None        # lead only (what only the lead unit acts on)
    document_id: int | None = None
    document_text: str = ""
    leader_id: int | None = None            # người chỉ đạo (a row of the leaders' list)
    issued_from: date | None = None
    issued_to: date | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    done_month: str | None = None           # "YYYY-MM"
    issued_month: str | None = None
    follower_id: int | None = None
    text: str = ""
    include_withdrawn: bool = False


@dataclass(frozen=True)
class TaskRow:
    id: int
    document_id: int
    number_symbol: str
    document_summary: str
    issued_on: date
    directed_by: str
    content: str
    lead_unit_id: int
    lead_unit: str
    deadline: date | None
    long_term: bool
    status: TaskStatus
    timeliness: Timeliness | None
    working_days_left: int | None
    done_on: date | None
    follower: str | None
    version: int


def timeliness_expr(as_of: date, overdue_until: date, soon_limit: date) -> sa.ColumnElement[str]:
    """Timeliness as a SQL expression, judged as of `as_of` (today, or a period's end): stored for tasks done by
    then, from the deadline for tasks still open then. The bounds come from `WorkCalendar` (see `bounds`), so the
    SQL agrees with `WorkCalendar.classify_open`, including a deadline on a day off (Bộ luật Dân sự art. 148.5)."""
    return sa.case(
        (done_by(as_of), sa.type_coerce(Task.done_timeliness, sa.String)),
        (Task.deadline.is_(None), sa.null()),
        (Task.deadline <= overdue_until, sa.literal(Timeliness.OVERDUE.value)),
        (Task.deadline <= soon_limit, sa.literal(Timeliness.DUE_SOON.value)),
        else_=sa.literal(Timeliness.IN_TIME.value),
    )


def done_by(as_of: date) -> sa.ColumnElement[bool]:
    """The task was done on or before `as_of` (a task done later was still open then)."""
    return sa.and_(Task.status == TaskStatus.DONE, sa.or_(Task.done_on.is_(None), Task.done_on <= as_of))


def soon_limit(session: Session, today: date) -> date:
    """The last deadline that counts as «sắp đến hạn» today (setting: N working days).

    As in `WorkCalendar.classify_open`, a deadline is due soon while at most N working days separate it from
    today; a deadline on a day off right after the N-th working day (a Saturday, a holiday) still is, so the
    limit is the day before the (N+1)-th working day, not the N-th working day itself.
    """
    n = int(settings.get(session, "due_soon_working_days"))
    return work_calendar(session).add_working_days(today, n + 1) - timedelta(days=1)


def timeliness_of(session: Session, as_of: date) -> sa.ColumnElement[str]:
    """`timeliness_expr` with the bounds of `as_of` from the province's calendar and settings."""
    return timeliness_expr(as_of, work_calendar(session).last_overdue_deadline(as_of), soon_limit(session, as_of))


def _filtered(session: Session, actor: Actor, f: TaskFilter, today: date) -> tuple[sa.Select, sa.ColumnElement]:
    timeliness = timeliness_of(session, today).label("timeliness")
    follower = aliased(Account)
    query = (sa.select(Task.id, Task.document_id, DirectiveDocument.number_symbol, DirectiveDocument.summary,
                       DirectiveDocument.issued_on, DirectiveDocument.directed_by_name, Task.content,
                       Task.lead_unit_id, Unit.name, Task.deadline, Task.long_term, Task.status, timeliness,
                       Task.done_on, follower.full_name, Task.version)
             .join(DirectiveDocument, DirectiveDocument.id == Task.document_id)
             .join(Unit, Unit.id == Task.lead_unit_id)
             .outerjoin(follower, follower.id == Task.follower_id)
             .where(visible_task_clause(task_scope(session, actor))))
    return _apply(query, f, timeliness, today), timeliness


def _apply(query: sa.Select, f: TaskFilter, timeliness: sa.ColumnElement, today: date) -> sa.Select:
    if not f.include_withdrawn:
        query = query.where(Task.status != TaskStatus.WITHDRAWN)
    if f.statuses:
        query = query.where(Task.status.in_(f.statuses))
    if f.timeliness:
        query = query.where(timeliness.in_([t.value for t in f.timeliness]))
    if f.unit_id is not None:
        query = query.where(Task.lead_unit_id == f.unit_id)
    if f.involving_unit_ids is not None:
        ids = sorted(f.involving_unit_ids)
        query = query.where(sa.or_(Task.lead_unit_id.in_(ids), Task.id.in_(
            sa.select(TaskCoUnit.task_id).where(TaskCoUnit.unit_id.in_(ids)))))
    if f.lead_unit_ids is not None:
        query = query.where(Task.lead_unit_id.in_(sorted(f.lead_unit_ids)))
    if f.document_id is not None:
        query = query.where(Task.document_id == f.document_id)
    if f.document_text:
        query = query.where(Task.document_id.in_(sa.select(DirectiveDocument.id).where(
            DirectiveDocument.search_key.contains(fold(f.document_text), autoescape=True))))
    if f.leader_id is not None:
        query = query.where(Task.document_id.in_(sa.select(DirectiveDocument.id).where(
            DirectiveDocument.leader_id == f.leader_id)))
    if f.issued_from:
        query = query.where(Task.issued_on >= f.issued_from)
    if f.issued_to:
        query = query.where(Task.issued_on <= f.issued_to)
    if f.deadline_from:
        query = query.where(Task.deadline >= f.deadline_from)
    if f.deadline_to:
        query = query.where(Task.deadline <= f.deadline_to)
    if f.done_month:
        from lib.core.db import year_month
        query = query.where(year_month(Task.done_on) == f.done_month)
    if f.issued_month:
        from lib.core.db import year_month
        query = query.where(year_month(Task.issued_on) == f.issued_month)
    if f.follower_id is not None:
        query = query.where(Task.follower_id == f.follower_id)
    if f.text:
        query = query.where(Task.search_key.contains(fold(f.text), autoescape=True))
    return query


def list_tasks(session: Session, actor: Actor, f: TaskFilter, *, limit: int = 200, offset: int = 0,
               today: date | None = None, order: str = "deadline") -> tuple[list[TaskRow], int]:
    """One page of the tasks the actor may see that match the filter, and how many match in all."""
    today = today or local_today()
    query, _ = _filtered(session, actor, f, today)
    total = session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    ordering = {
        "deadline": (Task.deadline.is_(None), Task.deadline, Task.id),
        "newest": (Task.issued_on.desc(), Task.id.desc()),
    }[order]
    rows = session.execute(query.order_by(*ordering).limit(limit).offset(offset)).all()
    calendar = work_calendar(session)
    return [_row(r, calendar, today) for r in rows], total


def _row(r: sa.Row, calendar, today: date) -> TaskRow:  # noqa: ANN001
    (task_id, document_id, number_symbol, summary, issued_on, directed_by, content, lead_unit_id, unit, deadline,
     long_term, status, timeliness, done_on, follower, version) = r
    left = calendar.working_days_between(today, deadline) if deadline is not None and status.is_open else None
    return TaskRow(task_id, document_id, number_symbol, summary, issued_on, directed_by, content, lead_unit_id, unit,
                   deadline, long_term, status, Timeliness(timeliness) if timeliness else None, left, done_on,
                   follower, version)


def inbox(session: Session, actor: Actor, f: TaskFilter | None = None, *, limit: int = 200, offset: int = 0,
          today: date | None = None) -> tuple[list[TaskRow], int]:
    """The unit's tasks (as lead or coordinator), nearest deadline first. Open tasks unless filtered otherwise."""
    from lib.core.access import subtree_ids

    f = replace(f or TaskFilter(), involving_unit_ids=subtree_ids(session, actor.unit_id))  # the caller's is kept
    if not f.statuses:
        f.statuses = list(OPEN_STATES)
    return list_tasks(session, actor, f, limit=limit, offset=offset, today=today)


@dataclass(frozen=True)
class QueueRow:
    report_id: int
    report_version: int
    task_id: int
    submitted_at: datetime
    unit: str
    content: str
    report_content: str
    number_symbol: str
    deadline: date | None
    would_be: Timeliness | None
    previous_rejections: int
    follower: str | None
    review_due_on: date | None = None
    review_note: str | None = None       # «Báo cáo gửi … → hạn duyệt …; nếu duyệt hôm nay …: …» (seed 001 art. 6.4)


def review_queue(session: Session, actor: Actor, *, only_mine: bool = False, limit: int = 200,
                 today: date | None = None) -> tuple[list[QueueRow], int]:
    """Reports waiting for the Office's decision, oldest first."""
    require_role(actor, Role.OFFICE_OFFICER)
    follower = aliased(Account)
    earlier = aliased(TaskReport)
    rejections = (sa.select(sa.func.count()).where(earlier.task_id == Task.id,
                                                   earlier.decision == ReportDecision.REJECTED)
                  .correlate(Task).scalar_subquery())
    query = (sa.select(TaskReport, Task, DirectiveDocument.number_symbol, Unit.name, follower.full_name, rejections)
             .join(Task, Task.id == TaskReport.task_id)
             .join(DirectiveDocument, DirectiveDocument.id == Task.document_id)
             .join(Unit, Unit.id == TaskReport.unit_id)
             .outerjoin(follower, follower.id == Task.follower_id)
             .where(TaskReport.decision == ReportDecision.PENDING))
    if only_mine:
        query = query.where(Task.follower_id == actor.id)
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    calendar = work_calendar(session)
    today = today or local_today()
    rows = []
    for report, task, number, unit, follower_name, rejected in session.execute(
            query.order_by(TaskReport.submitted_at, TaskReport.id).limit(limit)):
        would_be = calendar.classify_done(task.deadline, report.submitted_at) if task.deadline else None
        due = review_due(session, calendar, report.submitted_at)
        late = calendar.late_by(due.due, today)
        note = _review_note(session, calendar, report.submitted_at, None, None)
        note += f"; nếu duyệt hôm nay {fmt_date(today)}: " + (vi.TASK_LATE_DAYS.format(days=late) if late
                                                              else vi.TASK_ON_TIME)
        rows.append(QueueRow(report.id, report.version, task.id, report.submitted_at, unit, task.content,
                             report.content, number, task.deadline, would_be, rejected or 0, follower_name,
                             due.due, note))
    return rows, total


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    kind: TaskEventKind
    actor: str | None
    unit: str | None
    text: str | None
    old: str | None
    new: str | None
    attachment_id: int | None


@dataclass(frozen=True)
class ReportLine:
    id: int
    version: int
    submitted_at: datetime
    submitted_by: str | None
    content: str
    doc_name: str | None
    doc_number: str | None
    doc_summary: str | None
    doc_date: date | None
    doc_signer: str | None
    attachment_id: int | None
    decision: ReportDecision
    decided_at: datetime | None
    decided_by: str | None
    reason: str | None
    doc_urgency: Urgency = Urgency.NORMAL
    entry_late_days: int | None = None
    entry_note: str | None = None        # the unit's entry lateness with its arithmetic (seed 002 art. 8.2)
    review_late_days: int | None = None
    review_note: str | None = None       # the Office's review lateness with its arithmetic (seed 001 art. 6.4)


@dataclass(frozen=True)
class TaskDetail:
    row: TaskRow
    document: DirectiveDocument
    issuer: str
    co_units: list[tuple[int, str]]
    reports: list[ReportLine]
    history: list[HistoryLine]
    is_lead_unit: bool       # the actor's unit (subtree) leads this task
    is_co_unit: bool
    entry_note: str | None = None   # the Office's entry lateness with its arithmetic (seed 002 art. 8.1)


def task_detail(session: Session, actor: Actor, task_id: int, today: date | None = None) -> TaskDetail:
    """One task with its document, reports and full history — only if the actor may see it."""
    task = _task(session, actor, task_id)
    today = today or local_today()
    rows, _ = list_tasks(session, actor, TaskFilter(include_withdrawn=True, document_id=task.document_id),
                         limit=1000, today=today)
    row = next((r for r in rows if r.id == task.id), None)
    if row is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    names = dict(session.execute(sa.select(Unit.id, Unit.name)).all())
    people = dict(session.execute(sa.select(Account.id, Account.full_name)).all())
    from lib.core.access import subtree_ids
    own = subtree_ids(session, actor.unit_id)
    calendar = work_calendar(session)
    reports = [ReportLine(r.id, r.version, r.submitted_at, people.get(r.submitted_by_id), r.content, r.doc_name,
                          r.doc_number, r.doc_summary, r.doc_date, r.doc_signer, r.attachment_id, r.decision,
                          r.decided_at, people.get(r.decided_by_id), r.decision_reason, r.doc_urgency,
                          r.entry_late_days, _report_entry_note(session, calendar, r), r.review_late_days,
                          _review_note(session, calendar, r.submitted_at, r.decided_at, r.review_late_days)
                          if r.decided_at else None)
               for r in session.scalars(sa.select(TaskReport).where(TaskReport.task_id == task.id)
                                        .order_by(TaskReport.submitted_at))]
    history = [HistoryLine(e.at, e.kind, e.actor_name, names.get(e.unit_id), e.text, e.old_value, e.new_value,
                           e.attachment_id)
               for e in session.scalars(sa.select(TaskEvent).where(TaskEvent.task_id == task.id)
                                        .order_by(TaskEvent.at, TaskEvent.id))]
    document = task.document
    return TaskDetail(row, document, names.get(document.issuer_unit_id, ""),
                      [(c.unit_id, names.get(c.unit_id, "")) for c in task.co_units], reports, history,
                      task.lead_unit_id in own, any(c.unit_id in own for c in task.co_units),
                      document_entry_note(session, calendar, document))


def document_entry_note(session: Session, calendar: WorkCalendar, document: DirectiveDocument) -> str:
    """«Ban hành 02/12/2026 (khẩn) → hạn nhập 02/12/2026 (…); nhập 03/12/2026: chậm 1 ngày làm việc»."""
    return explain_lateness(calendar, start="Ban hành", issued_on=document.issued_on,
                            issued_time=document.issued_time, urgency=document.urgency, due=document.entry_due_on,
                            basis=document.entry_basis, verb="nhập", done_on=to_local(document.entered_at).date(),
                            late_days=document.entry_late_days, cutoff=deadline_rules(session).cutoff)


def _report_entry_note(session: Session, calendar: WorkCalendar, report: TaskReport) -> str | None:
    if report.entry_due_on is None or report.doc_date is None:  # reports entered before the rule was kept
        return None
    return explain_lateness(calendar, start="Văn bản báo cáo ban hành", issued_on=report.doc_date,
                            issued_time=report.doc_time, urgency=report.doc_urgency, due=report.entry_due_on,
                            basis=report.entry_basis, verb="cập nhật", done_on=to_local(report.submitted_at).date(),
                            late_days=report.entry_late_days, cutoff=deadline_rules(session).cutoff)


def _review_note(session: Session, calendar: WorkCalendar, submitted_at: datetime, decided_at: datetime | None,
                 late_days: int | None) -> str:
    local = to_local(submitted_at)
    due = review_due(session, calendar, submitted_at)
    return explain_lateness(calendar, start="Báo cáo gửi", issued_on=local.date(), issued_time=local.time(),
                            urgency=None, due=due.due, basis=due.basis.value, verb="duyệt",
                            done_on=to_local(decided_at).date() if decided_at else None, late_days=late_days,
                            cutoff=deadline_rules(session).cutoff)


def office_officers(session: Session) -> list[tuple[int, str]]:
    from lib.core.enums import AccountStatus
    from lib.core.models import AccountRole

    return [(i, n) for i, n in session.execute(
        sa.select(Account.id, Account.full_name).join(AccountRole, AccountRole.account_id == Account.id)
        .where(AccountRole.role == Role.OFFICE_OFFICER, Account.status == AccountStatus.ACTIVE)
        .order_by(Account.full_name))]
