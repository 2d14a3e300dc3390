"""Step reports, the on-time / late judgement of each step and the investor's reminders (seed 000 art. 8.3–8.7, 9.2).

Art. 9.2: «Chậm nhất 05 ngày làm việc sau khi hoàn thành phần công việc của quy trình dự án, cơ quan giải quyết công
việc có trách nhiệm phải báo cáo tiến độ trên phần mềm.» — the report on a finished step is due 5 working days after
its finish (setting `project_step_report_days`); how late it came is recorded with working-day arithmetic.
Art. 8.4: the report states «mức độ hoàn thành» and «các thuận lợi, khó khăn gặp phải trong quá trình giải quyết».
Art. 8.3: «Chủ đầu tư xác định việc giải quyết đúng hạn, trễ hạn của từng công việc và đơn vị giải quyết cụ thể…»
— the software proposes the judgement (finish against the step's deadline, in working days; the resolving unit
answers for the delay, art. 8.7) and the investor confirms or corrects it with a reason; every line is kept.
Art. 8.5–8.6: the investor follows the reports and works with the late units — the reminder (đôn đốc).

Scope (issue 10, item 8): the resolving unit (its subtree) sees the steps assigned to it and the summary of those
projects and reports only on its steps; the investor's people see every step of their projects, confirm, correct
and remind; leaders, Sở Tài chính and the administrator see all; anyone else gets «not found», typed ids included."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, subtree_ids
from lib.core.calendar import LOCAL_TZ, WorkCalendar, local_today, to_local
from lib.core.enums import Role, Timeliness
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date
from lib.core.models import Account, Attachment, Unit
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import nfc
from lib.projects import records, rules, texts
from lib.projects.enums import JudgementKind, ProjectPhase, ProjectStatus
from lib.projects.models import Project, ProjectStep
from lib.projects.step_models import ProjectStepJudgement, ProjectStepReminder, ProjectStepReport

OWNER_EVIDENCE = "project_step_report"
WRITER_ROLES = records.INVESTOR_WRITER_ROLES
UNIT_ROLES = frozenset({Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.UNIT_VIEWER})
NO_REPORT_STATUSES = frozenset({ProjectStatus.CANCELLED})
MESSAGE_LIMIT = 1000
RECENT_DAYS = 60   # finished steps stay listed this many days after their finish or their last report


# ---------------------------------------------------------------- pure rules

@dataclass(frozen=True)
class Verdict:
    late: bool
    late_days: int


def judge(calendar: WorkCalendar, deadline: date, finished_on: date) -> Verdict:
    """On time when finished by the end of the deadline's working day (a deadline on a day off runs to the next
    working day, Bộ luật Dân sự 2015 art. 148.5); otherwise late by the working days between (WorkCalendar.late_by)."""
    days = calendar.late_by(deadline, finished_on)
    return Verdict(days > 0, days)


def report_lateness(calendar: WorkCalendar, finished_on: date, working_days: int,
                    reported_on: date) -> rules.EntryLateness:
    """Art. 9.2: due `working_days` working days after the finish (the finish day never counts)."""
    return rules.entry_lateness(calendar, finished_on, working_days, reported_on)


def days_left(calendar: WorkCalendar, deadline: date, today: date) -> int:
    """Working days left until the deadline's end (0: due today); negative: working days overdue."""
    return calendar.working_days_between(today, calendar.deadline_ends_on(deadline))


def explain_judgement(calendar: WorkCalendar, deadline: date, finished_on: date, late_days: int) -> str:
    """E.g. «Thời hạn của bước 13/02/2026; hoàn thành 24/02/2026 (không tính 16/02/2026–20/02/2026 (Tết Nguyên
    Đán)): chậm 2 ngày làm việc»."""
    ends_on = calendar.deadline_ends_on(deadline)
    shift = texts.STP_DEADLINE_SHIFT.format(day=fmt_date(ends_on)) if ends_on != deadline else ""
    notes = []
    if finished_on > ends_on:
        first = ends_on + timedelta(days=1)
        off = rules._weekday_days_off(calendar, first, finished_on)
        if off:
            notes.append(texts.PRJ_SKIPPED.format(days=rules._days_off_text(calendar, off)))
        make_up = rules._weekend_working_days(calendar, first, finished_on)
        if make_up:
            notes.append(texts.PRJ_MAKE_UP.format(days=rules._make_up_text(make_up)))
    verdict = texts.PRJ_LATE_DAYS.format(days=late_days) if late_days else texts.PRJ_ON_TIME
    return texts.STP_JUDGE_EXPLAIN.format(deadline=fmt_date(deadline), shift=shift, finish=fmt_date(finished_on),
                                          notes=f" ({'; '.join(notes)})" if notes else "", verdict=verdict)


# ---------------------------------------------------------------- scope and rights

def _wide(actor: Actor) -> bool:
    return actor.has(*records.PROJECT_WIDE_ROLES)


def _own_units(session: Session, actor: Actor) -> frozenset[int]:
    return subtree_ids(session, actor.unit_id)


def _step_context(session: Session, actor: Actor, step_id: int) -> tuple[ProjectStep, Project]:
    """The step and its project if the actor may see the step: the project is in the actor's scope, or the step is
    resolved by the actor's unit (or a unit below it). NotFound otherwise, whatever id was typed."""
    step = session.get(ProjectStep, step_id) if isinstance(step_id, int) else None
    if step is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    project = session.get(Project, step.project_id)
    if project is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if records.project_scope(session, actor).contains(project.investor_unit_id):
        return step, project
    if step.unit_id in _own_units(session, actor):
        return step, project
    raise NotFound(vi.ERR_NOT_FOUND)


def _resolver_denial(session: Session, actor: Actor, step: ProjectStep) -> str | None:
    """Why the actor may not report on the step (None: it may): only the resolving unit's editors (art. 9.2)."""
    if step.unit_id in _own_units(session, actor):
        if actor.has(*WRITER_ROLES):
            return None
        if actor.has(Role.UNIT_VIEWER):
            return texts.STP_READ_ONLY
    unit = session.get(Unit, step.unit_id)
    return texts.STP_ONLY_RESOLVER.format(step=step.name, unit=unit.name if unit else "")


def _investor_denial(session: Session, actor: Actor, project: Project) -> str | None:
    """Why the actor may not judge or remind (None: it may): the investor's editors (art. 8.3, 8.5); for a private
    project the Department of Finance that follows it (art. 11.4)."""
    try:
        records._require_writer(session, actor, project.kind, project.investor_unit_id)
    except PermissionDenied:
        return texts.STP_READ_ONLY if actor.has(Role.UNIT_VIEWER) and not actor.has(*WRITER_ROLES) \
            else texts.STP_ONLY_INVESTOR
    return None


def _open_project(project: Project) -> None:
    if project.status in NO_REPORT_STATUSES:
        raise ValidationError(texts.STP_PROJECT_CANCELLED.format(status=project.status.label))


# ---------------------------------------------------------------- reports

@dataclass
class ReportInput:
    started_on: date | None
    progress_percent: int
    finished_on: date | None = None
    advantages: str = ""
    difficulties: str = ""
    proposals: str = ""


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def _text(value: str | None) -> str:
    return (nfc(value) or "").strip()


def _check_report(step: ProjectStep, data: ReportInput, today: date) -> None:
    if data.started_on is None:
        raise ValidationError(texts.STP_START_REQUIRED, field="started_on")
    for label, day, name in ((texts.STP_STARTED_LABEL, data.started_on, "started_on"),
                             (texts.STP_FINISHED_LABEL, data.finished_on, "finished_on")):
        if day is not None and day > today:
            raise ValidationError(texts.STP_DATE_FUTURE.format(label=label, day=fmt_date(day), today=fmt_date(today)),
                                  field=name)
    if data.finished_on is not None and data.finished_on < data.started_on:
        raise ValidationError(texts.STP_FINISH_BEFORE_START.format(finish=fmt_date(data.finished_on),
                                                                   start=fmt_date(data.started_on)),
                              field="finished_on")
    percent = data.progress_percent
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError(texts.STP_PERCENT_INVALID.format(value=percent), field="progress_percent")
    if data.finished_on is not None and percent != 100:
        raise ValidationError(texts.STP_FINISH_NEEDS_100.format(value=percent), field="progress_percent")
    if data.finished_on is None and step.actual_end is not None:
        raise ValidationError(texts.STP_STILL_FINISHED.format(day=fmt_date(step.actual_end)), field="finished_on")


def _report_count(session: Session, step_id: int) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(ProjectStepReport)
                          .where(ProjectStepReport.step_id == step_id)) or 0


def _current_judgement(session: Session, step_id: int) -> ProjectStepJudgement | None:
    return session.scalar(sa.select(ProjectStepJudgement).where(ProjectStepJudgement.step_id == step_id)
                          .order_by(ProjectStepJudgement.at.desc(), ProjectStepJudgement.id.desc()).limit(1))


def _software_judgement(session: Session, calendar: WorkCalendar, step: ProjectStep, now: datetime) -> None:
    """A new software line when the finish (or the deadline) differs from the last software line's."""
    last = session.scalar(sa.select(ProjectStepJudgement).where(
        ProjectStepJudgement.step_id == step.id, ProjectStepJudgement.kind == JudgementKind.SOFTWARE)
        .order_by(ProjectStepJudgement.at.desc(), ProjectStepJudgement.id.desc()).limit(1))
    if last is not None and (last.finished_on, last.deadline) == (step.actual_end, step.deadline):
        return
    verdict = judge(calendar, step.deadline, step.actual_end)
    session.add(ProjectStepJudgement(step_id=step.id, kind=JudgementKind.SOFTWARE, deadline=step.deadline,
                                     finished_on=step.actual_end, late=verdict.late, late_days=verdict.late_days,
                                     responsible_unit_id=step.unit_id if verdict.late else None, at=now))


def report_step(session: Session, actor: Actor, step_id: int, data: ReportInput, uploads: Sequence[Upload] = (),
                *, expected_reports: int | None = None, now: datetime | None = None) -> int:
    """The resolving unit reports a step (art. 8.4, 9.2): start, degree of completion, finish, advantages and
    difficulties, proposals, evidence files. Sets the step's actual dates; a report with a finish records how late
    it came (finish + 5 working days, a setting) and the software's on-time / late judgement of the step; open
    reminders of the step are answered. `expected_reports`: the number of reports the user saw (a concurrent report
    in between is a conflict)."""
    now = now or utcnow()
    today = to_local(now).date()
    step, project = _step_context(session, actor, step_id)
    denial = _resolver_denial(session, actor, step)
    if denial:
        raise PermissionDenied(denial)
    _open_project(project)
    _check_report(step, data, today)
    if expected_reports is not None and _report_count(session, step.id) != expected_reports:
        raise ConflictError(vi.ERR_STALE)
    audit.bind_actor(session, actor.id, actor.full_name)
    calendar = work_calendar(session)
    lateness = None
    if data.finished_on is not None:
        lateness = report_lateness(calendar, data.finished_on, int(settings.get(session, "project_step_report_days")),
                                   today)
    report = ProjectStepReport(
        step_id=step.id, unit_id=step.unit_id, reported_by_id=actor.id, reported_at=now, started_on=data.started_on,
        progress_percent=data.progress_percent, finished_on=data.finished_on, advantages=_text(data.advantages),
        difficulties=_text(data.difficulties), proposals=_text(data.proposals),
        due_on=lateness.due if lateness else None, late_days=lateness.late_days if lateness else None)
    session.add(report)
    step.actual_start, step.actual_end = data.started_on, data.finished_on
    session.flush()
    if step.actual_end is not None:
        _software_judgement(session, calendar, step, now)
    for reminder in session.scalars(sa.select(ProjectStepReminder).where(
            ProjectStepReminder.step_id == step.id, ProjectStepReminder.answered_at.is_(None))):
        reminder.answered_at, reminder.report_id = now, report.id
    for upload in uploads:
        attachments.save_upload(session, actor, filename=upload.filename, data=upload.data,
                                owner_type=OWNER_EVIDENCE, owner_id=report.id, unit_id=step.unit_id)
    records._flush(session)
    return report.id


# ---------------------------------------------------------------- the investor's judgement

def _judgeable(session: Session, actor: Actor, step_id: int,
               expected_judgement_id: int | None) -> tuple[ProjectStep, Project, ProjectStepJudgement]:
    step, project = _step_context(session, actor, step_id)
    denial = _investor_denial(session, actor, project)
    if denial:
        raise PermissionDenied(denial)
    _open_project(project)
    current = _current_judgement(session, step.id)
    if current is None:
        raise ValidationError(texts.STP_NOT_FINISHED.format(step=step.name))
    if expected_judgement_id is not None and current.id != expected_judgement_id:
        raise ConflictError(vi.ERR_STALE)
    audit.bind_actor(session, actor.id, actor.full_name)
    return step, project, current


def confirm_judgement(session: Session, actor: Actor, step_id: int, expected_judgement_id: int | None,
                      now: datetime | None = None) -> int:
    """The investor confirms the current judgement (art. 8.3): a new line with the same result."""
    step, _, current = _judgeable(session, actor, step_id, expected_judgement_id)
    row = ProjectStepJudgement(step_id=step.id, kind=JudgementKind.CONFIRMED, deadline=current.deadline,
                               finished_on=current.finished_on, late=current.late, late_days=current.late_days,
                               responsible_unit_id=current.responsible_unit_id, by_id=actor.id, at=now or utcnow())
    session.add(row)
    records._flush(session)
    return row.id


def correct_judgement(session: Session, actor: Actor, step_id: int, expected_judgement_id: int | None, *,
                      late: bool, late_days: int, responsible_unit_id: int | None, reason: str,
                      now: datetime | None = None) -> int:
    """The investor corrects the judgement with a reason (art. 8.3): on time, or late by `late_days` working days
    with the unit responsible (art. 8.7). The software's line and every earlier line stay."""
    step, _, current = _judgeable(session, actor, step_id, expected_judgement_id)
    reason = " ".join(_text(reason).split())
    if not late:
        late_days, responsible_unit_id = 0, None
    else:
        if isinstance(late_days, bool) or not isinstance(late_days, int) or late_days < 1:
            raise ValidationError(texts.STP_LATE_DAYS_INVALID.format(value=late_days), field="late_days")
        if responsible_unit_id is None or session.get(Unit, responsible_unit_id) is None:
            raise ValidationError(texts.STP_RESPONSIBLE_REQUIRED, field="responsible_unit_id")
    if (late, late_days, responsible_unit_id) == (current.late, current.late_days, current.responsible_unit_id):
        raise ValidationError(texts.STP_CORRECTION_SAME, field="late")
    if not reason:
        raise ValidationError(texts.STP_REASON_REQUIRED, field="reason")
    row = ProjectStepJudgement(step_id=step.id, kind=JudgementKind.CORRECTED, deadline=current.deadline,
                               finished_on=current.finished_on, late=late, late_days=late_days,
                               responsible_unit_id=responsible_unit_id, reason=reason, by_id=actor.id,
                               at=now or utcnow())
    session.add(row)
    records._flush(session)
    return row.id


# ---------------------------------------------------------------- reminders (đôn đốc)

def remind(session: Session, actor: Actor, step_id: int, message: str = "", now: datetime | None = None) -> int:
    """The investor asks the resolving unit to report on a step not reported finished (art. 8.5–8.6); the unit sees
    it on its home page until its next report on the step."""
    step, project = _step_context(session, actor, step_id)
    denial = _investor_denial(session, actor, project)
    if denial:
        raise PermissionDenied(denial)
    _open_project(project)
    if step.actual_end is not None:
        raise ValidationError(texts.STP_REMIND_FINISHED.format(step=step.name, day=fmt_date(step.actual_end)))
    text = _text(message)
    if len(text) > MESSAGE_LIMIT:
        raise ValidationError(texts.STP_MESSAGE_TOO_LONG.format(limit=MESSAGE_LIMIT, length=len(text)),
                              field="message")
    audit.bind_actor(session, actor.id, actor.full_name)
    row = ProjectStepReminder(step_id=step.id, unit_id=step.unit_id, from_id=actor.id,
                              message=text or texts.STP_DEFAULT_REMINDER.format(step=step.name, code=project.code),
                              at=now or utcnow())
    session.add(row)
    records._flush(session)
    return row.id


# ---------------------------------------------------------------- lists

@dataclass(frozen=True)
class JudgementRow:
    id: int
    kind: JudgementKind
    deadline: date
    finished_on: date
    late: bool
    late_days: int
    responsible_unit_id: int | None
    responsible_unit: str
    reason: str
    by: str
    at: datetime
    explanation: str


@dataclass(frozen=True)
class StepListRow:
    step_id: int
    project_id: int
    project_code: str
    project_name: str
    investor: str
    position: int
    phase: ProjectPhase
    step_name: str
    unit_id: int
    unit: str
    planned_start: date
    deadline: date
    actual_start: date | None
    actual_end: date | None
    progress: int | None           # the last report's degree of completion (None: never reported)
    days_left: int | None          # open steps: working days left (negative: overdue)
    timeliness: Timeliness
    open_reminders: int
    judgement: JudgementRow | None


def _names(session: Session, model: type, ids: set[int], column: str) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(sa.select(model.id, getattr(model, column)).where(model.id.in_(ids))).all())


def _judgement_rows(session: Session, calendar: WorkCalendar, rows: Sequence[ProjectStepJudgement]
                    ) -> list[JudgementRow]:
    units = _names(session, Unit, {r.responsible_unit_id for r in rows if r.responsible_unit_id}, "name")
    people = _names(session, Account, {r.by_id for r in rows if r.by_id}, "full_name")
    return [JudgementRow(r.id, r.kind, r.deadline, r.finished_on, r.late, r.late_days, r.responsible_unit_id,
                         units.get(r.responsible_unit_id, "") if r.responsible_unit_id else "", r.reason,
                         people.get(r.by_id, "") if r.by_id else "Phần mềm", r.at,
                         explain_judgement(calendar, r.deadline, r.finished_on, r.late_days)) for r in rows]


def _list_rows(session: Session, query: sa.Select, today: date) -> list[StepListRow]:
    calendar = work_calendar(session)
    soon = int(settings.get(session, "due_soon_working_days"))
    investor = sa.orm.aliased(Unit)
    resolver = sa.orm.aliased(Unit)
    rows = session.execute(
        query.add_columns(Project.code, Project.name, investor.name, resolver.name)
        .join(investor, investor.id == Project.investor_unit_id).join(resolver, resolver.id == ProjectStep.unit_id)
        .order_by(ProjectStep.deadline, Project.code, ProjectStep.position)).all()
    ids = [row[0].id for row in rows]
    progress: dict[int, int] = {}
    reminders: dict[int, int] = {}
    judgements: dict[int, ProjectStepJudgement] = {}
    for chunk in (ids[i:i + 900] for i in range(0, len(ids), 900)):
        latest = (sa.select(sa.func.max(ProjectStepReport.id)).where(ProjectStepReport.step_id.in_(chunk))
                  .group_by(ProjectStepReport.step_id))
        progress.update(session.execute(sa.select(ProjectStepReport.step_id, ProjectStepReport.progress_percent)
                                        .where(ProjectStepReport.id.in_(latest))).all())
        reminders.update(session.execute(
            sa.select(ProjectStepReminder.step_id, sa.func.count()).where(
                ProjectStepReminder.step_id.in_(chunk), ProjectStepReminder.answered_at.is_(None))
            .group_by(ProjectStepReminder.step_id)).all())
        for judgement in session.scalars(sa.select(ProjectStepJudgement).where(
                ProjectStepJudgement.step_id.in_(chunk))
                .order_by(ProjectStepJudgement.at, ProjectStepJudgement.id)):
            judgements[judgement.step_id] = judgement   # the latest line wins
    judged = {r.id: r for r in _judgement_rows(session, calendar, list(judgements.values()))}
    result = []
    for step, code, name, investor_name, unit_name in rows:
        if step.actual_end is not None:
            timeliness, left = calendar.classify_done(step.deadline, step.actual_end), None
        else:
            timeliness, left = calendar.classify_open(step.deadline, today, soon), days_left(calendar, step.deadline,
                                                                                              today)
        current = judgements.get(step.id)
        result.append(StepListRow(
            step.id, step.project_id, code, name, investor_name, step.position, step.phase, step.name, step.unit_id,
            unit_name, step.planned_start, step.deadline, step.actual_start, step.actual_end, progress.get(step.id),
            left, timeliness, reminders.get(step.id, 0), judged[current.id] if current is not None else None))
    return result


def _base_query(today: date, include_finished: bool) -> sa.Select:
    query = (sa.select(ProjectStep).join(Project, Project.id == ProjectStep.project_id)
             .where(Project.status.not_in(list(NO_REPORT_STATUSES))))
    if include_finished:
        since = today - timedelta(days=RECENT_DAYS)
        reported = sa.select(ProjectStepReport.step_id).where(
            ProjectStepReport.reported_at >= datetime.combine(since, time.min, tzinfo=LOCAL_TZ))
        return query.where(sa.or_(ProjectStep.actual_end.is_(None), ProjectStep.actual_end >= since,
                                  ProjectStep.id.in_(reported)))
    return query.where(ProjectStep.actual_end.is_(None))


def my_steps(session: Session, actor: Actor, *, include_finished: bool = True, project_id: int | None = None,
             timeliness: Sequence[Timeliness] = (), today: date | None = None) -> list[StepListRow]:
    """The steps the actor's unit (or a unit below it) must resolve across all projects — every step for leaders,
    Sở Tài chính and the administrator — open ones and those finished in the last 60 days, by deadline, with the
    working days left. Cancelled projects are left out."""
    today = today or local_today()
    query = _base_query(today, include_finished)
    if not _wide(actor):
        query = query.where(ProjectStep.unit_id.in_(sorted(_own_units(session, actor))))
    if project_id is not None:
        query = query.where(ProjectStep.project_id == project_id)
    rows = _list_rows(session, query, today)
    return [r for r in rows if r.timeliness in timeliness] if timeliness else rows


def investor_steps(session: Session, actor: Actor, *, include_finished: bool = True,
                   timeliness: Sequence[Timeliness] = (), today: date | None = None) -> list[StepListRow]:
    """The steps of the projects the actor's unit invests in (its scope), for the investor's follow-up: judgements to
    confirm, steps to remind."""
    today = today or local_today()
    query = _base_query(today, include_finished).where(
        records.visible_project_clause(records.project_scope(session, actor)))
    rows = _list_rows(session, query, today)
    return [r for r in rows if r.timeliness in timeliness] if timeliness else rows


# ---------------------------------------------------------------- one step

@dataclass(frozen=True)
class EvidenceRow:
    attachment_id: int
    name: str


@dataclass(frozen=True)
class ReportRow:
    id: int
    reported_at: datetime
    reporter: str
    unit: str
    started_on: date
    progress_percent: int
    finished_on: date | None
    advantages: str
    difficulties: str
    proposals: str
    due_on: date | None
    late_days: int | None
    explanation: str | None
    evidence: list[EvidenceRow]


@dataclass(frozen=True)
class ReminderRow:
    id: int
    at: datetime
    sender: str
    message: str
    answered_at: datetime | None


@dataclass(frozen=True)
class StepDetail:
    row: StepListRow
    project_status: ProjectStatus
    reports: list[ReportRow]          # newest first
    judgements: list[JudgementRow]    # oldest first: the software's line, then the investor's
    reminders: list[ReminderRow]      # newest first
    may_report: bool
    may_judge: bool
    report_count: int
    current_judgement_id: int | None


def step_detail(session: Session, actor: Actor, step_id: int, today: date | None = None) -> StepDetail:
    today = today or local_today()
    step, project = _step_context(session, actor, step_id)
    calendar = work_calendar(session)
    row = _list_rows(session, sa.select(ProjectStep).join(Project, Project.id == ProjectStep.project_id)
                     .where(ProjectStep.id == step.id), today)[0]
    reports = list(session.scalars(sa.select(ProjectStepReport).where(ProjectStepReport.step_id == step.id)
                                   .order_by(ProjectStepReport.reported_at.desc(), ProjectStepReport.id.desc())))
    people = _names(session, Account, {r.reported_by_id for r in reports if r.reported_by_id}, "full_name")
    units = _names(session, Unit, {r.unit_id for r in reports}, "name")
    files: dict[int, list[EvidenceRow]] = {}
    if reports:
        for file in session.scalars(sa.select(Attachment).where(
                Attachment.owner_type == OWNER_EVIDENCE, Attachment.owner_id.in_([r.id for r in reports]),
                Attachment.withdrawn_at.is_(None)).order_by(Attachment.id)):
            files.setdefault(file.owner_id, []).append(EvidenceRow(file.id, file.name))
    report_rows = []
    for r in reports:
        explanation = None
        if r.finished_on is not None and r.due_on is not None:
            lateness = rules.EntryLateness(r.finished_on, calendar.working_days_between(r.finished_on, r.due_on),
                                           r.due_on, to_local(r.reported_at).date(), r.late_days or 0)
            explanation = rules.explain_entry(calendar, lateness, texts.STP_START_FINISH, "báo cáo")
        report_rows.append(ReportRow(r.id, r.reported_at, people.get(r.reported_by_id, ""), units.get(r.unit_id, ""),
                                     r.started_on, r.progress_percent, r.finished_on, r.advantages, r.difficulties,
                                     r.proposals, r.due_on, r.late_days, explanation, files.get(r.id, [])))
    judgements = _judgement_rows(session, calendar, list(session.scalars(
        sa.select(ProjectStepJudgement).where(ProjectStepJudgement.step_id == step.id)
        .order_by(ProjectStepJudgement.at, ProjectStepJudgement.id))))
    reminders = list(session.scalars(sa.select(ProjectStepReminder).where(ProjectStepReminder.step_id == step.id)
                                     .order_by(ProjectStepReminder.at.desc(), ProjectStepReminder.id.desc())))
    senders = _names(session, Account, {r.from_id for r in reminders if r.from_id}, "full_name")
    open_project = project.status not in NO_REPORT_STATUSES
    return StepDetail(
        row, project.status, report_rows, judgements,
        [ReminderRow(r.id, r.at, senders.get(r.from_id, ""), r.message, r.answered_at) for r in reminders],
        open_project and _resolver_denial(session, actor, step) is None,
        open_project and _investor_denial(session, actor, project) is None,
        len(report_rows), judgements[-1].id if judgements else None)


@dataclass(frozen=True)
class ProjectSteps:
    """A project's steps as the actor may see them: all of them for the investor's people and the province-wide
    roles; for a resolving unit the summary of the project and only its own steps."""

    project_id: int
    code: str
    name: str
    investor: str
    status: ProjectStatus
    phase: ProjectPhase
    steps: list[StepListRow]
    whole_project: bool
    may_judge: bool


def project_steps(session: Session, actor: Actor, project_id: int, today: date | None = None) -> ProjectSteps:
    today = today or local_today()
    project = session.get(Project, project_id) if isinstance(project_id, int) else None
    if project is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    whole = records.project_scope(session, actor).contains(project.investor_unit_id)
    query = sa.select(ProjectStep).join(Project, Project.id == ProjectStep.project_id).where(
        ProjectStep.project_id == project.id)
    if not whole:
        query = query.where(ProjectStep.unit_id.in_(sorted(_own_units(session, actor))))
    rows = sorted(_list_rows(session, query, today), key=lambda r: r.position)
    if not whole and not rows:
        raise NotFound(vi.ERR_NOT_FOUND)
    investor = session.get(Unit, project.investor_unit_id)
    return ProjectSteps(project.id, project.code, project.name, investor.name if investor else "", project.status,
                        project.phase, rows, whole,
                        project.status not in NO_REPORT_STATUSES and _investor_denial(session, actor, project) is None)


# ---------------------------------------------------------------- home page and leaders

@dataclass(frozen=True)
class StepAction:
    key: str          # reminded | overdue | due_soon | to_confirm
    count: int


def step_actions(session: Session, actor: Actor, today: date | None = None) -> list[StepAction]:
    """What waits for the actor's unit (home page): steps the investor asked it to report on, its overdue and
    soon-due steps; for an investor's editors the finished steps whose judgement waits for confirmation. Only
    non-zero counts."""
    today = today or local_today()
    found: list[StepAction] = []
    if actor.has(*UNIT_ROLES):
        own = sorted(_own_units(session, actor))
        reminded = session.scalar(
            sa.select(sa.func.count(sa.distinct(ProjectStepReminder.step_id)))
            .join(ProjectStep, ProjectStep.id == ProjectStepReminder.step_id)
            .join(Project, Project.id == ProjectStep.project_id)
            .where(ProjectStepReminder.answered_at.is_(None), ProjectStep.unit_id.in_(own),
                   Project.status.not_in(list(NO_REPORT_STATUSES)))) or 0
        found.append(StepAction("reminded", reminded))
        calendar = work_calendar(session)
        soon = int(settings.get(session, "due_soon_working_days"))
        deadlines = session.scalars(
            sa.select(ProjectStep.deadline).join(Project, Project.id == ProjectStep.project_id)
            .where(ProjectStep.unit_id.in_(own), ProjectStep.actual_end.is_(None),
                   Project.status == ProjectStatus.ACTIVE)).all()
        states = [calendar.classify_open(d, today, soon) for d in deadlines]
        found.append(StepAction("overdue", states.count(Timeliness.OVERDUE)))
        found.append(StepAction("due_soon", states.count(Timeliness.DUE_SOON)))
    if actor.has(*WRITER_ROLES):
        rows = investor_steps(session, actor, today=today)
        found.append(StepAction("to_confirm", sum(1 for r in rows if r.judgement is not None
                                                   and r.judgement.kind == JudgementKind.SOFTWARE)))
    return [a for a in found if a.count]


@dataclass(frozen=True)
class UnitLateness:
    unit_id: int
    unit: str
    late_finished: int        # finished steps judged late (the investor's correction when there is one)
    overdue_open: int         # open steps past their deadline
    late_days: int            # working days late, both kinds together


@dataclass(frozen=True)
class LateStep:
    """One late step counted against a unit: finished late (by its current judgement) or open past its deadline."""

    step_id: int
    project_id: int
    project_code: str
    project_name: str
    step_name: str
    unit_id: int
    deadline: date
    finished_on: date | None      # None: still open, overdue
    late_days: int


def late_steps(session: Session, actor: Actor, today: date | None = None, *,
               unit_id: int | None = None) -> list[LateStep]:
    """The late steps (art. 8.7) of the projects the actor may see, counted in progress only (paused and cancelled
    projects left out): finished steps by their current judgement (the unit the investor named, else the resolving
    unit) and open overdue steps by their resolving unit; those counted against `unit_id` if given."""
    today = today or local_today()
    calendar = work_calendar(session)
    visible = records.visible_project_clause(records.project_scope(session, actor))
    counted = Project.status.in_([s for s in ProjectStatus if records.counted_in_progress(s)])
    columns = (ProjectStep.id, Project.id, Project.code, Project.name, ProjectStep.name, ProjectStep.deadline)
    judged = (sa.select(ProjectStepJudgement, *columns)
              .join(ProjectStep, ProjectStep.id == ProjectStepJudgement.step_id)
              .join(Project, Project.id == ProjectStep.project_id).where(visible, counted)
              .order_by(ProjectStepJudgement.at, ProjectStepJudgement.id))
    current: dict[int, tuple] = {}
    for row in session.execute(judged):
        current[row[0].step_id] = row
    found: list[LateStep] = []
    for judgement, step_id, project_id, code, name, step_name, deadline in current.values():
        if judgement.late and judgement.responsible_unit_id is not None:
            found.append(LateStep(step_id, project_id, code, name, step_name, judgement.responsible_unit_id,
                                  deadline, judgement.finished_on, judgement.late_days))
    last = calendar.last_overdue_deadline(today)
    for step_id, project_id, code, name, step_name, deadline, resolver in session.execute(
            sa.select(*columns, ProjectStep.unit_id).join(Project, Project.id == ProjectStep.project_id)
            .where(visible, counted, ProjectStep.actual_end.is_(None), ProjectStep.deadline <= last)):
        days = calendar.late_by(deadline, today)
        if days:
            found.append(LateStep(step_id, project_id, code, name, step_name, resolver, deadline, None, days))
    if unit_id is not None:
        found = [step for step in found if step.unit_id == unit_id]
    return sorted(found, key=lambda step: (-step.late_days, step.project_code, step.step_id))


def late_steps_by_unit(session: Session, actor: Actor, today: date | None = None) -> list[UnitLateness]:
    """Late steps by responsible unit (art. 8.7), for the leaders' board: the sums of `late_steps`. Most days
    first."""
    tally: dict[int, list[int]] = {}
    for step in late_steps(session, actor, today):
        entry = tally.setdefault(step.unit_id, [0, 0, 0])
        entry[0 if step.finished_on is not None else 1] += 1
        entry[2] += step.late_days
    names = _names(session, Unit, set(tally), "name")
    rows = [UnitLateness(uid, names.get(uid, ""), *values) for uid, values in tally.items()]
    return sorted(rows, key=lambda r: (-r.late_days, -(r.late_finished + r.overdue_open), r.unit))


# ---------------------------------------------------------------- plugging into the core

def _evidence_read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
    """A report's evidence file: whoever may see the step."""
    report = session.get(ProjectStepReport, row.owner_id) if row.owner_id is not None else None
    if report is None:
        return False
    try:
        _step_context(session, actor, report.step_id)
    except NotFound:
        return False
    return True


def _register() -> None:
    attachments.READ_RULES[OWNER_EVIDENCE] = _evidence_read_rule


_register()
