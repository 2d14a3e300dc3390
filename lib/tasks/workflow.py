"""Module Nhiệm vụ: entry by the Office, the unit's work on a task, the Office's review (seeds 001, 002)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, Scope, data_scope, require_role, subtree_ids
from lib.core.calendar import LOCAL_TZ, EntryBasis, EntryDue, WorkCalendar, local_today, to_local
from lib.core.enums import AccountStatus, Role, UnitStatus
from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus, Urgency
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date, fmt_datetime
from lib.core.models import Account, AccountRole, Attachment, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent, TaskReport
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from lib.tasks import leaders
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import fold, nfc

# Who sees every task: the Office follows up all of them, leaders and administrators read all.
TASK_WIDE_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER})
UNIT_WRITER_ROLES = frozenset({Role.UNIT_EDITOR, Role.UNIT_ADMIN})

# số/ký hiệu per Nghị định 30/2020: "1298/QĐ-UBND-HC", "02/2020/QĐ-UBND", "125/UBND-KT", "313/TTr-VP"
NUMBER_RE = re.compile(
    r"^(?P<number>\d{1,5})/(?P<symbol>(?:\d{4}/)?[A-ZĐa-zđ][A-ZĐa-zđ0-9&]*(?:-[A-ZĐa-zđ0-9&]+)*)$")
OWNER_DOCUMENT = "directive_document"
OWNER_REPORT = "task_report"
OWNER_EVENT = "task_event"


@dataclass
class DocumentInput:
    doc_type: DocType
    number_symbol: str
    summary: str
    issued_on: date
    issuer_unit_id: int
    leader_id: int | None          # người chỉ đạo: a row of the directing leaders' list (lib.services.leaders)
    signer: str
    issued_time: time | None = None
    drafter_id: int | None = None
    urgency: Urgency = Urgency.NORMAL
    classified: bool = False
    is_public: bool = True


@dataclass
class TaskInput:
    content: str
    lead_unit_id: int | None
    co_unit_ids: list[int] = field(default_factory=list)
    deadline: date | None = None
    deadline_working_days: int | None = None
    long_term: bool = False
    follower_id: int | None = None
    is_public: bool = True


@dataclass
class ReportInput:
    content: str
    doc_name: str | None = None
    doc_number: str | None = None
    doc_summary: str | None = None
    doc_date: date | None = None
    doc_signer: str | None = None
    doc_time: time | None = None
    doc_urgency: Urgency = Urgency.NORMAL


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


# ---------------------------------------------------------------- scope and checks

def task_scope(session: Session, actor: Actor) -> Scope:
    return data_scope(session, actor, TASK_WIDE_ROLES)


def visible_task_clause(scope: Scope) -> sa.ColumnElement[bool]:
    """A task is visible when its lead unit, or one of its coordinating units, is in the scope."""
    if scope.all_units:
        return sa.true()
    ids = sorted(scope.unit_ids)
    co = sa.select(TaskCoUnit.task_id).where(TaskCoUnit.unit_id.in_(ids))
    return sa.or_(Task.lead_unit_id.in_(ids), Task.id.in_(co))


def _task(session: Session, actor: Actor, task_id: int) -> Task:
    """The task if the actor may see it; NotFound otherwise (an id typed in a URL reveals nothing)."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    scope = task_scope(session, actor)
    if not scope.all_units and not (scope.contains(task.lead_unit_id)
                                    or any(scope.contains(c.unit_id) for c in task.co_units)):
        raise NotFound(vi.ERR_NOT_FOUND)
    return task


def _own_units(session: Session, actor: Actor) -> frozenset[int]:
    return subtree_ids(session, actor.unit_id)


def _require_lead_writer(session: Session, actor: Actor, task: Task, action: str) -> None:
    if not actor.has(*UNIT_WRITER_ROLES):
        raise PermissionDenied(vi.TASK_READ_ONLY if actor.has(Role.UNIT_VIEWER) else vi.ERR_NO_PERMISSION)
    if task.lead_unit_id not in _own_units(session, actor):
        raise PermissionDenied(vi.TASK_NOT_LEAD.format(action=action))


def _require_state(task: Task, allowed: set[TaskStatus], action: str) -> None:
    if task.status not in allowed:
        raise ValidationError(vi.TASK_WRONG_STATE.format(status=task.status.label, action=action))


def _check_version(obj, expected: int | None) -> None:  # noqa: ANN001
    if expected is not None and obj.version != expected:
        raise ConflictError(vi.ERR_STALE)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error


def _event(session: Session, actor: Actor | None, task: Task, kind: TaskEventKind, *, text: str | None = None,
           old: str | None = None, new: str | None = None, report_id: int | None = None,
           attachment_id: int | None = None, unit_id: int | None = None, internal: bool = True,
           at: datetime | None = None) -> TaskEvent:
    event = TaskEvent(task_id=task.id, kind=kind, at=at or utcnow(), actor_id=actor.id if actor else None,
                      actor_name=actor.full_name if actor else vi.SYSTEM, unit_id=unit_id,
                      text=nfc(text) or None, old_value=old, new_value=new, report_id=report_id,
                      attachment_id=attachment_id, internal=internal)
    session.add(event)
    return event


def _store(session: Session, actor: Actor, upload: Upload | None, owner_type: str, unit_id: int | None,
           is_public: bool = False) -> int | None:
    if upload is None:
        return None
    return attachments.save_upload(session, actor, filename=upload.filename, data=upload.data,
                                   owner_type=owner_type, unit_id=unit_id, is_public=is_public)


# ---------------------------------------------------------------- entry by the Office

def parse_number_symbol(value: str) -> tuple[str, str]:
    text = re.sub(r"\s+", "", nfc(value) or "")
    match = NUMBER_RE.match(text)
    if not match:
        raise ValidationError(vi.TASK_NUMBER_INVALID.format(value=value.strip()), field="number_symbol")
    return match["number"], match["symbol"]


@dataclass(frozen=True)
class DeadlineRules:
    """The durations of the seeds, as the administrator set them (lib/core/services/settings.py)."""

    by_working_days: bool          # seed 002 (N working days) rather than seed 001 (same day, 15:00 rule)
    entry_working_days: int        # seed 002 art. 8.1: 03
    report_working_days: int       # seed 002 art. 8.2: 02
    cutoff: time                   # seed 001 art. 6.3b, 6.4, 7.5: 15:00


def deadline_rules(session: Session) -> DeadlineRules:
    values = settings.all_settings(session)
    return DeadlineRules(values["entry_rule"] == "working_days", int(values["entry_working_days"]),
                         int(values["report_entry_working_days"]), time(int(values["cutoff_hour"]), 0))


def _local_moment(day: date, at: time | None) -> datetime:
    """When a document was issued; an unknown hour counts as within office hours (before the 15:00 cut-off)."""
    return datetime.combine(day, at or time(8, 0), tzinfo=LOCAL_TZ)


def entry_due_date(session: Session, calendar: WorkCalendar, issued_on: date, issued_time: time | None,
                   urgency: Urgency, task_deadlines: list[date | None] | None = None) -> EntryDue:
    """By when the Office had to enter the document: urgent ones the same day without the 15:00 shift, others
    by the setting (same day with the 15:00 rule, or N working days from the issue date), and never after the
    earliest deadline of its tasks (seed 002 art. 8.1; seed 001 art. 6.3b)."""
    rules = deadline_rules(session)
    dated = [d for d in task_deadlines or [] if d is not None]
    return calendar.entry_due(_local_moment(issued_on, issued_time), urgent=urgency.is_urgent,
                              working_days=rules.entry_working_days if rules.by_working_days else 0,
                              cutoff=rules.cutoff, not_after=min(dated) if dated else None)


def report_entry_due(session: Session, calendar: WorkCalendar, doc_date: date, doc_time: time | None,
                     urgency: Urgency) -> EntryDue:
    """By when the unit had to enter its report: N working days after the report document (seed 002 art. 8.2)
    or the same day with the 15:00 rule (seed 001 art. 7.5); urgent ones the same day."""
    rules = deadline_rules(session)
    return calendar.entry_due(_local_moment(doc_date, doc_time), urgent=urgency.is_urgent,
                              working_days=rules.report_working_days if rules.by_working_days else 0,
                              cutoff=rules.cutoff)


def review_due(session: Session, calendar: WorkCalendar, submitted_at: datetime) -> EntryDue:
    """By when the Office had to review a report: the same working day, after 15:00 the next (seed 001 art. 6.4)."""
    return calendar.entry_due(submitted_at, urgent=False, working_days=0, cutoff=deadline_rules(session).cutoff)


_BASIS_TEXT = {
    EntryBasis.URGENT: "trong ngày, văn bản khẩn",
    EntryBasis.SAME_DAY: "trong ngày",
    EntryBasis.NEXT_WORKING_DAY: "ngày làm việc tiếp theo",
    EntryBasis.WORKING_DAYS: "{n} ngày làm việc",
    EntryBasis.TASK_DEADLINE: "không quá thời hạn thực hiện nhiệm vụ",
}


def explain_lateness(calendar: WorkCalendar, *, start: str, issued_on: date, issued_time: time | None,
                     urgency: Urgency | None, due: date, basis: str | None, verb: str, done_on: date | None,
                     late_days: int | None, cutoff: time = time(15, 0)) -> str:
    """The arithmetic of a lateness, e.g. «Ban hành 02/12/2026 (khẩn) → hạn nhập 02/12/2026; nhập 03/12/2026:
    chậm 1 ngày làm việc»."""
    head = f"{start} {fmt_date(issued_on)}"
    notes = []
    if issued_time is not None:
        head += f" lúc {issued_time:%H:%M}"
        if issued_time > cutoff and basis == EntryBasis.NEXT_WORKING_DAY:
            notes.append(f"sau {cutoff:%H:%M}")
    if urgency is not None and urgency.is_urgent:
        notes.append(urgency.label.lower())
    if notes:
        head += f" ({', '.join(notes)})"
    rule = _BASIS_TEXT.get(EntryBasis(basis)) if basis else None
    if rule and basis == EntryBasis.WORKING_DAYS:
        rule = rule.format(n=calendar.working_days_between(issued_on, due))
    text = f"{head} → hạn {verb} {fmt_date(due)}" + (f" ({rule})" if rule else "")
    ends_on = calendar.deadline_ends_on(due)
    if ends_on != due:  # Bộ luật Dân sự 2015 art. 148.5
        text += f", là ngày nghỉ nên kéo dài đến hết {fmt_date(ends_on)}"
    if done_on is None:
        return text
    verdict = vi.TASK_LATE_DAYS.format(days=late_days) if late_days else vi.TASK_ON_TIME
    return f"{text}; {verb} {fmt_date(done_on)}: {verdict}"


def _clean_number(doc: DocumentInput) -> tuple[str | None, str | None]:
    """Số, ký hiệu; an online opinion form may have none (seed 001 art. 6.3a)."""
    if not (nfc(doc.number_symbol) or "").strip():
        if doc.doc_type.needs_number:
            raise ValidationError(vi.TASK_NUMBER_REQUIRED, field="number_symbol")
        return None, None
    return parse_number_symbol(doc.number_symbol)


def _check_officer(session: Session, account_id: int | None) -> bool:
    """An active Office officer."""
    if account_id is None:
        return False
    return session.scalar(sa.select(Account.id).join(AccountRole, AccountRole.account_id == Account.id).where(
        Account.id == account_id, Account.status == AccountStatus.ACTIVE,
        AccountRole.role == Role.OFFICE_OFFICER)) is not None


def _clean_document(session: Session, doc: DocumentInput, today: date) -> tuple[str | None, str | None]:
    if doc.classified:
        raise ValidationError(vi.TASK_CLASSIFIED, field="classified")
    number, symbol = _clean_number(doc)
    for value, label in ((doc.summary, "trích yếu"), (doc.signer, "người ký")):
        if not (nfc(value) or ""):
            raise ValidationError(vi.ERR_REQUIRED.format(field=label))
    leaders.active_leader(session, doc.leader_id)
    if doc.issued_on > today:
        raise ValidationError(vi.TASK_ISSUED_FUTURE, field="issued_on")
    if doc.drafter_id is None:
        raise ValidationError(vi.TASK_DRAFTER_REQUIRED, field="drafter_id")
    if not _check_officer(session, doc.drafter_id):
        raise ValidationError(vi.TASK_DRAFTER_INVALID, field="drafter_id")
    issuer = session.get(Unit, doc.issuer_unit_id)
    if issuer is None:
        raise ValidationError(vi.ERR_REQUIRED.format(field="cơ quan ban hành"), field="issuer_unit_id")
    if number is None:
        return number, symbol
    existing = session.scalar(sa.select(DirectiveDocument).where(
        DirectiveDocument.issuer_unit_id == issuer.id, DirectiveDocument.issued_year == doc.issued_on.year,
        DirectiveDocument.number == number))
    if existing is not None:
        raise ConflictError(vi.TASK_NUMBER_TAKEN.format(number=number, issuer=issuer.name, year=doc.issued_on.year,
                                                        existing=existing.number_symbol), field="number_symbol")
    return number, symbol


def _task_deadline(calendar: WorkCalendar, n: int, t: TaskInput, issued_on: date) -> date | None:
    if t.deadline is not None and t.deadline_working_days:
        raise ValidationError(vi.TASK_BOTH_DEADLINES.format(n=n))
    deadline = t.deadline
    if t.deadline_working_days:
        deadline = calendar.add_working_days(issued_on, int(t.deadline_working_days))
    if deadline is None and not t.long_term:
        raise ValidationError(vi.TASK_NO_DEADLINE.format(n=n), field="deadline")
    if deadline is not None and deadline < issued_on:
        raise ValidationError(vi.TASK_DEADLINE_BEFORE_ISSUE.format(n=n, deadline=fmt_date(deadline),
                                                                   issued=fmt_date(issued_on)), field="deadline")
    return deadline


def _active_unit(session: Session, n: int, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise ValidationError(vi.TASK_LEAD_REQUIRED.format(n=n))
    if unit.status != UnitStatus.ACTIVE:
        raise ValidationError(vi.TASK_UNIT_INACTIVE.format(n=n, unit=unit.name))
    return unit


def _check_follower(session: Session, n: int, follower_id: int | None) -> None:
    """Seed 002 art. 8.1đ: every task has its follow-up officer of the Office."""
    if follower_id is None:
        raise ValidationError(vi.TASK_FOLLOWER_REQUIRED.format(n=n), field="follower_id")
    if not _check_officer(session, follower_id):
        raise ValidationError(vi.TASK_FOLLOWER_INVALID, field="follower_id")


def _clean_task(session: Session, calendar: WorkCalendar, n: int, t: TaskInput, issued_on: date) -> TaskInput:
    content = nfc(t.content) or ""
    if not content:
        raise ValidationError(vi.TASK_CONTENT_REQUIRED.format(n=n), field="content")
    if t.lead_unit_id is None:
        raise ValidationError(vi.TASK_LEAD_REQUIRED.format(n=n), field="lead_unit_id")
    _active_unit(session, n, t.lead_unit_id)
    co = list(dict.fromkeys(t.co_unit_ids))
    if t.lead_unit_id in co:
        raise ValidationError(vi.TASK_CO_IS_LEAD.format(n=n), field="co_unit_ids")
    for unit_id in co:
        _active_unit(session, n, unit_id)
    _check_follower(session, n, t.follower_id)
    deadline = _task_deadline(calendar, n, t, issued_on)
    return TaskInput(content, t.lead_unit_id, co, deadline, None, t.long_term and deadline is None,
                     t.follower_id, t.is_public)


def validate_entry(session: Session, actor: Actor, doc: DocumentInput, tasks: list[TaskInput],
                   today: date | None = None) -> tuple[tuple[str | None, str | None], list[TaskInput]]:
    """Every check of `create_document`, without writing anything (also used by the Excel import)."""
    require_role(actor, Role.OFFICE_OFFICER)
    today = today or local_today()
    number_symbol = _clean_document(session, doc, today)
    if not tasks:
        raise ValidationError(vi.TASK_NO_TASKS)
    calendar = work_calendar(session)
    return number_symbol, [_clean_task(session, calendar, i, t, doc.issued_on) for i, t in enumerate(tasks, 1)]


def create_document(session: Session, actor: Actor, doc: DocumentInput, tasks: list[TaskInput],
                    signed_file: Upload | None = None, now: datetime | None = None) -> int:
    """Enter a directive document and its tasks in one transaction; record how late the Office entered it."""
    now = now or utcnow()
    (number, symbol), clean_tasks = validate_entry(session, actor, doc, tasks, to_local(now).date())
    if signed_file is None:  # seed 001 art. 6.3a: the signed, sealed document is attached
        raise ValidationError(vi.TASK_SIGNED_FILE_REQUIRED, field="signed_file")
    calendar = work_calendar(session)
    entry = entry_due_date(session, calendar, doc.issued_on, doc.issued_time, doc.urgency,
                           [t.deadline for t in clean_tasks])
    due = entry.due
    number_symbol = f"{number}/{symbol}" if number else vi.TASK_NO_NUMBER
    audit.bind_actor(session, actor.id, actor.full_name)
    leader = leaders.active_leader(session, doc.leader_id).label
    document = DirectiveDocument(
        doc_type=doc.doc_type, number=number, symbol=symbol, number_symbol=number_symbol,
        summary=nfc(doc.summary), issued_on=doc.issued_on, issued_time=doc.issued_time,
        issued_year=doc.issued_on.year, issuer_unit_id=doc.issuer_unit_id, leader_id=doc.leader_id,
        directed_by_name=leader, signer=nfc(doc.signer), drafter_id=doc.drafter_id,
        urgency=doc.urgency, is_public=doc.is_public, entered_at=now, entered_by_id=actor.id, entry_due_on=due,
        entry_late_days=calendar.late_by(due, to_local(now).date()), entry_basis=entry.basis.value,
        search_key=fold(f"{number_symbol} {doc.summary} {leader} {doc.signer}"),
    )
    session.add(document)
    try:
        session.flush()
    except sa.exc.IntegrityError as error:  # the same number entered by another officer a moment ago
        raise ConflictError(vi.TASK_NUMBER_TAKEN.format(number=number, issuer="cơ quan ban hành",
                                                        year=doc.issued_on.year, existing=number_symbol)) from error
    document.attachment_id = _store(session, actor, signed_file, OWNER_DOCUMENT, doc.issuer_unit_id,
                                    is_public=doc.is_public)
    if document.attachment_id:
        attachments.attach_to(session, document.attachment_id, document.id)
    for seq, t in enumerate(clean_tasks, 1):
        _add_task(session, actor, document, seq, t, now)
    session.flush()
    return document.id


def _add_task(session: Session, actor: Actor, document: DirectiveDocument, seq: int, t: TaskInput,
              now: datetime) -> Task:
    task = Task(document_id=document.id, seq=seq, issued_on=document.issued_on, content=t.content,
                lead_unit_id=t.lead_unit_id,
                deadline=t.deadline, long_term=t.long_term, follower_id=t.follower_id,
                is_public=t.is_public and document.is_public,
                search_key=fold(f"{t.content} {document.number_symbol} {document.summary}"))
    task.co_units = [TaskCoUnit(unit_id=u) for u in t.co_unit_ids]
    session.add(task)
    session.flush()
    _event(session, actor, task, TaskEventKind.CREATED, unit_id=t.lead_unit_id, internal=False,
           new=fmt_date(t.deadline) if t.deadline else "Dài hạn", at=now)
    return task


# ---------------------------------------------------------------- the unit's work

def acknowledge(session: Session, actor: Actor, task_id: int, now: datetime | None = None) -> None:
    task = _task(session, actor, task_id)
    _require_lead_writer(session, actor, task, "tiếp nhận")
    _require_state(task, {TaskStatus.NEW}, "tiếp nhận")
    audit.bind_actor(session, actor.id, actor.full_name)
    now = now or utcnow()
    task.status, task.acknowledged_at = TaskStatus.ACKNOWLEDGED, now
    _event(session, actor, task, TaskEventKind.ACKNOWLEDGED, unit_id=actor.unit_id, at=now)
    _flush(session)


def post_progress(session: Session, actor: Actor, task_id: int, text: str, upload: Upload | None = None) -> None:
    task = _task(session, actor, task_id)
    _require_lead_writer(session, actor, task, "cập nhật tiến độ")
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.REJECTED}, "cập nhật tiến độ")
    if not (nfc(text) or ""):
        raise ValidationError(vi.ERR_REQUIRED.format(field="nội dung tiến độ"))
    audit.bind_actor(session, actor.id, actor.full_name)
    if task.status == TaskStatus.NEW:
        task.status, task.acknowledged_at = TaskStatus.ACKNOWLEDGED, utcnow()
    attachment_id = _store(session, actor, upload, OWNER_EVENT, task.lead_unit_id)
    event = _event(session, actor, task, TaskEventKind.PROGRESS, text=text, unit_id=actor.unit_id,
                   attachment_id=attachment_id)
    _flush(session)
    if attachment_id:
        attachments.attach_to(session, attachment_id, event.id)


def contribute(session: Session, actor: Actor, task_id: int, text: str, upload: Upload | None = None) -> None:
    """A coordinating unit's contribution to the lead unit (seed 002: đơn vị phối hợp)."""
    task = _task(session, actor, task_id)
    if not actor.has(*UNIT_WRITER_ROLES):
        raise PermissionDenied(vi.TASK_READ_ONLY if actor.has(Role.UNIT_VIEWER) else vi.ERR_NO_PERMISSION)
    own = _own_units(session, actor)
    co_unit = next((c.unit_id for c in task.co_units if c.unit_id in own), None)
    if co_unit is None:
        raise PermissionDenied(vi.TASK_NOT_CO_UNIT)
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.REJECTED, TaskStatus.SUBMITTED},
                   "góp ý")
    if not (nfc(text) or ""):
        raise ValidationError(vi.ERR_REQUIRED.format(field="nội dung phối hợp"))
    audit.bind_actor(session, actor.id, actor.full_name)
    attachment_id = _store(session, actor, upload, OWNER_EVENT, co_unit)
    event = _event(session, actor, task, TaskEventKind.CONTRIBUTION, text=text, unit_id=co_unit,
                   attachment_id=attachment_id)
    _flush(session)
    if attachment_id:
        attachments.attach_to(session, attachment_id, event.id)


def submit_report(session: Session, actor: Actor, task_id: int, report: ReportInput, upload: Upload | None = None,
                  expected_version: int | None = None, now: datetime | None = None) -> int:
    """The lead unit reports the result; the moment of submission later decides the timeliness."""
    task = _task(session, actor, task_id)
    _require_lead_writer(session, actor, task, "báo cáo kết quả")
    _check_version(task, expected_version)
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.REJECTED}, "báo cáo kết quả")
    content = nfc(report.content) or ""
    if not content:
        raise ValidationError(vi.TASK_REPORT_CONTENT_REQUIRED, field="content")
    now = now or utcnow()
    _check_report_document(report, upload)
    if report.doc_date > to_local(now).date():
        raise ValidationError(vi.TASK_REPORT_DATE_FUTURE, field="doc_date")
    calendar = work_calendar(session)
    entry = report_entry_due(session, calendar, report.doc_date, report.doc_time, report.doc_urgency)
    audit.bind_actor(session, actor.id, actor.full_name)
    attachment_id = _store(session, actor, upload, OWNER_REPORT, task.lead_unit_id, is_public=False)
    row = TaskReport(task_id=task.id, unit_id=task.lead_unit_id, submitted_at=now, submitted_by_id=actor.id,
                     content=content, doc_name=nfc(report.doc_name) or None, doc_number=nfc(report.doc_number) or None,
                     doc_summary=nfc(report.doc_summary) or None, doc_date=report.doc_date,
                     doc_signer=nfc(report.doc_signer) or None, doc_time=report.doc_time,
                     doc_urgency=report.doc_urgency, entry_due_on=entry.due, entry_basis=entry.basis.value,
                     entry_late_days=calendar.late_by(entry.due, to_local(now).date()),
                     attachment_id=attachment_id)
    session.add(row)
    if task.status == TaskStatus.NEW:
        task.acknowledged_at = now
    task.status = TaskStatus.SUBMITTED
    _flush(session)
    if attachment_id:
        attachments.attach_to(session, attachment_id, row.id)
    _event(session, actor, task, TaskEventKind.REPORTED, text=content, report_id=row.id, unit_id=task.lead_unit_id,
           attachment_id=attachment_id, internal=False, at=now)
    _flush(session)
    return row.id


_REPORT_DOC_FIELDS = (("doc_name", "tên"), ("doc_number", "số, ký hiệu"), ("doc_signer", "người ký"))


def _check_report_document(report: ReportInput, upload: Upload | None) -> None:
    """The report document: name, number, date, signer and its signed file (seed 001 art. 7.5b–c; seed 002
    art. 8.2b)."""
    for name, label in _REPORT_DOC_FIELDS:
        if not (nfc(getattr(report, name)) or "").strip():
            raise ValidationError(vi.TASK_REPORT_DOC_REQUIRED.format(field=label), field=name)
    if report.doc_date is None:
        raise ValidationError(vi.TASK_REPORT_DOC_REQUIRED.format(field="ngày"), field="doc_date")
    if upload is None:
        raise ValidationError(vi.TASK_REPORT_FILE_REQUIRED, field="attachment")


def return_to_office(session: Session, actor: Actor, task_id: int, reason: str) -> None:
    """A task outside the unit's remit goes back to the Office with a reason (seed 002 art. 9.1)."""
    task = _task(session, actor, task_id)
    _require_lead_writer(session, actor, task, "trả lại")
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED}, "trả lại Văn phòng")
    if not (nfc(reason) or ""):
        raise ValidationError(vi.TASK_REASON_REQUIRED, field="reason")
    audit.bind_actor(session, actor.id, actor.full_name)
    task.status = TaskStatus.RETURNED
    _event(session, actor, task, TaskEventKind.RETURNED, text=reason, unit_id=task.lead_unit_id)
    _flush(session)


# ---------------------------------------------------------------- the Office's review

def _decidable(session: Session, actor: Actor, report_id: int, expected_version: int | None) -> TaskReport:
    require_role(actor, Role.OFFICE_OFFICER)
    report = session.get(TaskReport, report_id)
    if report is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if report.decision != ReportDecision.PENDING or (expected_version is not None
                                                     and report.version != expected_version):
        raise ConflictError(_already_decided(session, report))
    return report


def _already_decided(session: Session, report: TaskReport) -> str:
    who = session.get(Account, report.decided_by_id) if report.decided_by_id else None
    return vi.TASK_REPORT_DECIDED.format(who=who.full_name if who else "người khác",
                                         decision=report.decision.label,
                                         at=fmt_datetime(report.decided_at) if report.decided_at else "")


def _decide(session: Session, report: TaskReport, actor: Actor, decision: ReportDecision, reason: str | None,
            now: datetime) -> None:
    report.decision, report.decided_at, report.decided_by_id = decision, now, actor.id
    report.decision_reason = nfc(reason) or None
    calendar = work_calendar(session)
    report.review_due_on = review_due(session, calendar, report.submitted_at).due
    report.review_late_days = calendar.late_by(report.review_due_on, to_local(now).date())
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:  # another officer decided between our read and our write
        session.rollback()
        raise ConflictError(_already_decided(session, session.get(TaskReport, report.id))) from error


def approve(session: Session, actor: Actor, report_id: int, expected_version: int | None = None,
            comment: str | None = None, now: datetime | None = None) -> None:
    """Đạt: the task is done; its timeliness is decided by when this report was submitted (seed 001 art. 7)."""
    report = _decidable(session, actor, report_id, expected_version)
    task = session.get(Task, report.task_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    now = now or utcnow()
    _decide(session, report, actor, ReportDecision.APPROVED, comment, now)
    calendar = work_calendar(session)
    task.status, task.done_at, task.done_on = TaskStatus.DONE, report.submitted_at, to_local(report.submitted_at).date()
    task.done_timeliness = calendar.classify_done(task.deadline, report.submitted_at) if task.deadline else None
    _event(session, actor, task, TaskEventKind.APPROVED, text=comment, report_id=report.id, internal=False,
           new=task.done_timeliness.label if task.done_timeliness else None, at=now)
    _flush(session)


def reject(session: Session, actor: Actor, report_id: int, reason: str, expected_version: int | None = None,
           now: datetime | None = None) -> None:
    """Không đạt: the reason is required; the task goes back to the unit, which reports again."""
    if not (nfc(reason) or ""):
        raise ValidationError(vi.TASK_REASON_REQUIRED, field="reason")
    report = _decidable(session, actor, report_id, expected_version)
    task = session.get(Task, report.task_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    now = now or utcnow()
    _decide(session, report, actor, ReportDecision.REJECTED, reason, now)
    task.status = TaskStatus.REJECTED
    _event(session, actor, task, TaskEventKind.REJECTED, text=reason, report_id=report.id, at=now)
    _flush(session)


def reassign(session: Session, actor: Actor, task_id: int, expected_version: int | None, *, lead_unit_id: int,
             co_unit_ids: list[int] | None = None, reason: str) -> None:
    """Give a task (typically one returned by a unit) to another lead unit; it starts again as new."""
    require_role(actor, Role.OFFICE_OFFICER)
    task = _task(session, actor, task_id)
    _check_version(task, expected_version)
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.RETURNED, TaskStatus.REJECTED},
                   "giao lại")
    if not (nfc(reason) or ""):
        raise ValidationError(vi.TASK_REASON_REQUIRED, field="reason")
    _active_unit(session, 1, lead_unit_id)
    co = [u for u in dict.fromkeys(co_unit_ids or []) if u != lead_unit_id]
    for unit_id in co:
        _active_unit(session, 1, unit_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    old = session.get(Unit, task.lead_unit_id).name
    task.lead_unit_id, task.status, task.acknowledged_at = lead_unit_id, TaskStatus.NEW, None
    for row in list(task.co_units):
        if row.unit_id not in co:
            session.delete(row)
    have = {row.unit_id for row in task.co_units}
    task.co_units = [r for r in task.co_units if r.unit_id in co] + [TaskCoUnit(unit_id=u) for u in co if u not in have]
    _event(session, actor, task, TaskEventKind.REASSIGNED, text=reason, old=old,
           new=session.get(Unit, lead_unit_id).name, unit_id=lead_unit_id)
    _flush(session)


def correct_task(session: Session, actor: Actor, task_id: int, expected_version: int | None, *, content: str,
                 reason: str) -> None:
    """The Office corrects a task's wording (e.g. after a unit returned it as unclear); history keeps both."""
    require_role(actor, Role.OFFICE_OFFICER)
    task = _task(session, actor, task_id)
    _check_version(task, expected_version)
    _require_state(task, {TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.RETURNED, TaskStatus.REJECTED},
                   "điều chỉnh")
    content = nfc(content) or ""
    if not content:
        raise ValidationError(vi.TASK_CONTENT_REQUIRED.format(n=task.seq))
    if not (nfc(reason) or ""):
        raise ValidationError(vi.TASK_REASON_REQUIRED, field="reason")
    audit.bind_actor(session, actor.id, actor.full_name)
    _event(session, actor, task, TaskEventKind.CORRECTED, text=f"{reason}\nNội dung cũ: {task.content}")
    task.content = content
    if task.status == TaskStatus.RETURNED:
        task.status = TaskStatus.NEW
    _flush(session)


def change_deadline(session: Session, actor: Actor, task_id: int, expected_version: int | None, *,
                    new_deadline: date, reason: str) -> None:
    require_role(actor, Role.OFFICE_OFFICER)
    task = _task(session, actor, task_id)
    _check_version(task, expected_version)
    if not task.status.is_open:
        raise ValidationError(vi.TASK_WRONG_STATE.format(status=task.status.label, action="đổi thời hạn"))
    if not (nfc(reason) or ""):
        raise ValidationError(vi.TASK_REASON_REQUIRED, field="reason")
    issued = task.document.issued_on
    if new_deadline < issued:
        raise ValidationError(vi.TASK_DEADLINE_BEFORE_ISSUE.format(n=task.seq, deadline=fmt_date(new_deadline),
                                                                   issued=fmt_date(issued)))
    audit.bind_actor(session, actor.id, actor.full_name)
    old = fmt_date(task.deadline) if task.deadline else "Dài hạn"
    task.deadline, task.long_term = new_deadline, False
    _event(session, actor, task, TaskEventKind.DEADLINE_CHANGED, text=reason, old=old, new=fmt_date(new_deadline),
           internal=False)
    _flush(session)


# ---------------------------------------------------------------- merger of units

def move_open_tasks(session: Session, predecessor_id: int, successor_id: int) -> int:
    """A merged unit's open tasks (as lead or coordinator) pass to its successor; done ones stay put."""
    open_states = [s for s in TaskStatus if s.is_open]
    moved = 0
    for task in session.scalars(sa.select(Task).where(Task.lead_unit_id == predecessor_id,
                                                      Task.status.in_(open_states))):
        task.lead_unit_id = successor_id
        moved += 1
    for row in session.scalars(sa.select(TaskCoUnit).join(Task, Task.id == TaskCoUnit.task_id).where(
            TaskCoUnit.unit_id == predecessor_id, Task.status.in_(open_states))):
        task = session.get(Task, row.task_id)
        if successor_id == task.lead_unit_id or any(c.unit_id == successor_id for c in task.co_units):
            session.delete(row)
        else:
            row.unit_id = successor_id
        moved += 1
    return moved


def _register() -> None:
    from lib.core.services.units import MERGE_HANDLERS

    if move_open_tasks not in MERGE_HANDLERS:
        MERGE_HANDLERS.append(move_open_tasks)

    def read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
        try:
            if row.owner_type == OWNER_DOCUMENT:
                document = session.get(DirectiveDocument, row.owner_id)
                return document is not None and any(_visible(session, actor, t) for t in document.tasks)
            if row.owner_type == OWNER_REPORT:
                report = session.get(TaskReport, row.owner_id)
                return report is not None and _visible(session, actor, session.get(Task, report.task_id))
            if row.owner_type == OWNER_EVENT:
                event = session.get(TaskEvent, row.owner_id)
                return event is not None and _visible(session, actor, session.get(Task, event.task_id))
        except NotFound:
            return False
        return False

    for owner in (OWNER_DOCUMENT, OWNER_REPORT, OWNER_EVENT):
        attachments.READ_RULES[owner] = read_rule


def _visible(session: Session, actor: Actor, task: Task | None) -> bool:
    if task is None:
        return False
    try:
        _task(session, actor, task.id)
    except NotFound:
        return False
    return True


_register()
