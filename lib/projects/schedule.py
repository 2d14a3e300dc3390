"""The schedule of a project's process: forecast, the state of each step and the early warnings (issue 10, item 4),
every late figure with its working-day arithmetic.

Seed 000 art. 8.3: «Chủ đầu tư xác định việc giải quyết đúng hạn, trễ hạn của từng công việc và đơn vị giải quyết cụ
thể…»; art. 8.6: «Chủ đầu tư có trách nhiệm làm việc với đơn vị giải quyết trễ hạn các công việc, thực hiện các biện
pháp điều chỉnh kịp thời để dự án đảm bảo tiến độ được giao»; art. 9.2: «Chậm nhất 05 ngày làm việc sau khi hoàn thành
phần công việc của quy trình dự án, cơ quan giải quyết công việc có trách nhiệm phải báo cáo tiến độ trên phần mềm.»

The forecast (pure, through the working-day calendar only):
- a finished step keeps its actual dates;
- a started step ends on the later of its planned end and its actual start + duration − 1 working days; a started
  step still open after that day ends, at the earliest, on today (the first working day on or after today);
- a step not started starts on the latest of: its planned start, the working day after the forecast end of every
  step it waits for, and today (the first working day on or after it); it ends duration − 1 working days later.
  A step is never forecast earlier than planned: the resolving units plan their work on the planned dates.
The project's forecast end is the latest forecast step end; it is late when it passes the approved planned end.

A deadline on a day off ends at the end of the next working day (Bộ luật Dân sự 2015, art. 148.5;
WorkCalendar.deadline_ends_on); lateness is counted in working days (WorkCalendar.late_by)."""
from __future__ import annotations

from collections.abc import Iterable, Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor
from lib.core.calendar import WorkCalendar
from lib.core.enums import LabelledEnum
from lib.core.format import fmt_date
from lib.core.models import Unit
from lib.core.services import settings
from lib.core.services.calendar_admin import work_calendar
from lib.projects import process, records, rules, texts
from lib.projects.enums import ProjectStatus
from lib.projects.step_models import ProjectStepReport
from lib.projects.models import Project, ProjectStep, ProjectStepLink
from lib.projects.process import PlanStep, topological_order

WARNING_DAYS_KEY = "project_step_warning_days"
MAX_NAMED_RUNS = 3   # the days off of an arithmetic are named up to this many runs; beyond, counted


# ---------------------------------------------------------------- the facts of a step (pure)

@dataclass(frozen=True)
class StepFacts:
    key: int
    name: str
    duration_days: int
    waits_for: frozenset[int]
    planned_start: date
    planned_end: date
    deadline: date
    actual_start: date | None = None
    actual_end: date | None = None


@dataclass(frozen=True)
class Forecast:
    start: date
    end: date


def _later(*days: date) -> date:
    return max(days)


def forecast(calendar: WorkCalendar, steps: Iterable[StepFacts], today: date) -> dict[int, Forecast]:
    """The forecast start and end of every step (see the module's docstring)."""
    by_key = {step.key: step for step in steps}
    order = topological_order({k: PlanStep(k, s.name, s.duration_days, s.waits_for) for k, s in by_key.items()})
    first_open_day = calendar.on_or_next_working_day(today)
    result: dict[int, Forecast] = {}
    for key in order:
        step = by_key[key]
        if step.actual_end is not None:
            start = step.actual_start or min(step.planned_start, step.actual_end)
            result[key] = Forecast(start, step.actual_end)
        elif step.actual_start is not None:
            natural = calendar.add_working_days(calendar.on_or_next_working_day(step.actual_start),
                                                step.duration_days - 1)
            result[key] = Forecast(step.actual_start, _later(step.planned_end, natural, first_open_day))
        else:
            after = [calendar.next_working_day(result[dep].end) for dep in step.waits_for]
            start = _later(calendar.on_or_next_working_day(step.planned_start), first_open_day, *after)
            result[key] = Forecast(start, calendar.add_working_days(start, step.duration_days - 1))
    return result


# ---------------------------------------------------------------- the state of a step (pure)

class StepState(LabelledEnum):
    DONE_ON_TIME = ("done_on_time", "Hoàn thành đúng hạn")
    DONE_LATE = ("done_late", "Hoàn thành chậm")
    OVERDUE = ("overdue", "Quá hạn")
    DUE_SOON = ("due_soon", "Sắp đến hạn")
    IN_PROGRESS = ("in_progress", "Đang thực hiện")
    NOT_STARTED = ("not_started", "Chưa bắt đầu")


@dataclass(frozen=True)
class StepStatus:
    state: StepState
    days: int                  # late (done late), overdue (overdue), left (due soon); 0 otherwise
    explanation: str | None    # the working-day arithmetic of a late, overdue or due-soon figure


def _notes(calendar: WorkCalendar, after: date, last: date) -> str:
    """« (không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán); tính cả ngày làm bù thứ Bảy 28/02/2026)» for the days
    after `after` up to `last`; weekends are not named."""
    if last <= after:
        return ""
    first = after + timedelta(days=1)
    notes = []
    off = _weekday_days_off(calendar, first, last)
    if len(rules._runs(off)) > MAX_NAMED_RUNS:     # a long span: the count, not every holiday of the years
        notes.append(texts.SCH_SKIPPED_MANY.format(count=len(off), first=fmt_date(off[0]), last=fmt_date(off[-1])))
    elif off:
        notes.append(texts.PRJ_SKIPPED.format(days=rules._days_off_text(calendar, off)))
    make_up = _weekend_working_days(calendar, first, last, len(off))
    if len(make_up) > MAX_NAMED_RUNS:
        notes.append(texts.SCH_MAKE_UP_MANY.format(count=len(make_up)))
    elif make_up:
        notes.append(texts.PRJ_MAKE_UP.format(days=rules._make_up_text(make_up)))
    return f" ({'; '.join(notes)})" if notes else ""


def _weekdays(first: date, last: date) -> int:
    """Monday–Friday days from `first` to `last`, both included."""
    full, rest = divmod((last - first).days + 1, 7)
    return 5 * full + sum(1 for i in range(rest) if (first.weekday() + i) % 7 < 5)


def _weekday_days_off(calendar: WorkCalendar, first: date, last: date) -> list[date]:
    """The weekdays off from `first` to `last` (holidays, swapped and added days off), read from the calendar's
    named days off year by year rather than day by day (a forecast spans years)."""
    return sorted(d for year in range(first.year, last.year + 1) for d, _ in calendar.days_in_year(year)
                  if first <= d <= last and d.weekday() < 5)


def _weekend_working_days(calendar: WorkCalendar, first: date, last: date, weekdays_off: int) -> list[date]:
    """The Saturdays and Sundays worked from `first` to `last`; looked for only when the count says there are."""
    worked = calendar.working_days_between(first - timedelta(days=1), last)
    if worked == _weekdays(first, last) - weekdays_off:
        return []
    saturday = first - timedelta(days=(first.weekday() - 5) % 7)     # the Saturday on or before `first`
    days = [saturday + timedelta(days=7 * i + j) for i in range((last - saturday).days // 7 + 1) for j in (0, 1)]
    return [d for d in days if first <= d <= last and calendar.is_working_day(d)]


def _deadline_text(calendar: WorkCalendar, deadline: date) -> str:
    ends_on = calendar.deadline_ends_on(deadline)
    if ends_on != deadline:
        return texts.SCH_DEADLINE_DAY_OFF.format(deadline=fmt_date(deadline), ends_on=fmt_date(ends_on))
    return texts.SCH_DEADLINE.format(deadline=fmt_date(deadline))


def explain_late(calendar: WorkCalendar, deadline: date, done_on: date) -> str:
    """E.g. «Thời hạn 13/02/2026; hoàn thành 25/02/2026 (không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán)): chậm 2
    ngày làm việc»."""
    days = calendar.late_by(deadline, done_on)
    verdict = texts.SCH_LATE.format(days=days) if days else texts.SCH_ON_TIME
    skipped = _notes(calendar, calendar.deadline_ends_on(deadline), done_on) if days else ""
    return (f"{_deadline_text(calendar, deadline)}; {texts.SCH_DONE_ON.format(day=fmt_date(done_on))}{skipped}: "
            f"{verdict}")


def explain_overdue(calendar: WorkCalendar, deadline: date, today: date) -> str:
    days = calendar.late_by(deadline, today)
    skipped = _notes(calendar, calendar.deadline_ends_on(deadline), today)
    return (f"{_deadline_text(calendar, deadline)}; {texts.SCH_TODAY.format(day=fmt_date(today))}{skipped}: "
            f"{texts.SCH_OVERDUE.format(days=days)}")


def days_left(calendar: WorkCalendar, deadline: date, today: date) -> int:
    """Working days from today to the day the deadline ends (0: it ends today)."""
    return max(0, calendar.working_days_between(today, calendar.deadline_ends_on(deadline)))


def explain_left(calendar: WorkCalendar, deadline: date, today: date) -> str:
    days = days_left(calendar, deadline, today)
    verdict = texts.SCH_LEFT.format(days=days) if days else texts.SCH_DUE_TODAY
    skipped = _notes(calendar, today, calendar.deadline_ends_on(deadline))
    return (f"{_deadline_text(calendar, deadline)}; {texts.SCH_TODAY_LEFT.format(day=fmt_date(today))}{skipped}: "
            f"{verdict}")


def step_status(calendar: WorkCalendar, step: StepFacts, today: date, warning_days: int) -> StepStatus:
    """On time / late for a finished step (its finish against its deadline, art. 8.3); overdue, due soon (within
    `warning_days` working days), in progress or not started for an open one."""
    if step.actual_end is not None:
        late = calendar.late_by(step.deadline, step.actual_end)
        return StepStatus(StepState.DONE_LATE if late else StepState.DONE_ON_TIME, late,
                          explain_late(calendar, step.deadline, step.actual_end) if late else None)
    if today > calendar.deadline_ends_on(step.deadline):
        return StepStatus(StepState.OVERDUE, calendar.late_by(step.deadline, today),
                          explain_overdue(calendar, step.deadline, today))
    left = days_left(calendar, step.deadline, today)
    if left <= warning_days:
        return StepStatus(StepState.DUE_SOON, left, explain_left(calendar, step.deadline, today))
    return StepStatus(StepState.IN_PROGRESS if step.actual_start is not None else StepState.NOT_STARTED, 0, None)


# ---------------------------------------------------------------- the project's forecast end (pure)

@dataclass(frozen=True)
class ProjectForecast:
    end: date | None            # the latest forecast step end (None: no step)
    last_step: int | None       # the step that ends last
    approved_end: date | None
    late_days: int              # working days past the approved end (0: not late)
    explanation: str | None


def project_forecast(calendar: WorkCalendar, steps: Iterable[StepFacts], forecasts: dict[int, Forecast],
                     approved_end: date | None) -> ProjectForecast:
    names = {step.key: step.name for step in steps}
    if not forecasts:
        return ProjectForecast(None, None, approved_end, 0, None)
    last = max(forecasts, key=lambda k: (forecasts[k].end, k))
    end = forecasts[last].end
    if approved_end is None:
        return ProjectForecast(end, last, None, 0, None)
    late = calendar.late_by(approved_end, end)
    if late:
        text = texts.SCH_PROJECT_LATE.format(approved=fmt_date(approved_end), forecast=fmt_date(end),
                                             step=names[last], days=late,
                                             skipped=_notes(calendar, calendar.deadline_ends_on(approved_end), end))
    else:
        text = texts.SCH_PROJECT_ON_TIME.format(approved=fmt_date(approved_end), forecast=fmt_date(end),
                                                step=names[last])
    return ProjectForecast(end, last, approved_end, late, text)


# ---------------------------------------------------------------- early warnings (pure)

class AlertKind(LabelledEnum):
    PROJECT_LATE = ("project_late", "Dự án dự báo chậm so với ngày kết thúc được phê duyệt")
    OVERDUE = ("overdue", "Bước quá hạn")
    DUE_SOON = ("due_soon", "Bước sắp đến hạn")
    UNREPORTED = ("unreported", "Bước đã hoàn thành chưa báo cáo")


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    step: int | None       # the step's key (None: the project)
    days: int              # overdue / left / since finished / project late, in working days
    title: str
    explanation: str


@dataclass(frozen=True)
class StepLabel:
    """How a warning names a step: its position and its resolving unit."""

    position: int
    unit: str


def alerts(calendar: WorkCalendar, steps: Iterable[StepFacts], today: date, warning_days: int,
           reported: AbstractSet[int], project: ProjectForecast | None = None,
           labels: dict[int, StepLabel] | None = None,
           statuses: dict[int, StepStatus] | None = None) -> list[Alert]:
    """The warnings of one project: its forecast end past the approved end; overdue steps (most overdue first);
    steps due within `warning_days` working days (soonest first); finished steps whose key is not in `reported`
    (the step reports, wired by the caller)."""
    listed = list(steps)
    labels = labels or {s.key: StepLabel(n, "") for n, s in enumerate(listed, start=1)}

    def named(template: str, step: StepFacts, **extra: object) -> str:
        label = labels[step.key]
        return template.format(position=label.position, name=step.name, unit=label.unit, **extra).replace(" ()", "")

    found: list[Alert] = []
    if project is not None and project.late_days and project.explanation:
        found.append(Alert(AlertKind.PROJECT_LATE, None, project.late_days,
                           texts.SCH_ALERT_PROJECT_LATE.format(days=project.late_days), project.explanation))
    overdue, soon, unreported = [], [], []
    for step in listed:
        if step.actual_end is not None:
            if step.key not in reported:
                since = max(0, calendar.working_days_between(step.actual_end, today))
                text = texts.SCH_UNREPORTED.format(done=fmt_date(step.actual_end), today=fmt_date(today), days=since,
                                                   skipped=_notes(calendar, step.actual_end, today))
                unreported.append(Alert(AlertKind.UNREPORTED, step.key, since,
                                        named(texts.SCH_ALERT_UNREPORTED, step), text))
            continue
        status = (statuses or {}).get(step.key) or step_status(calendar, step, today, warning_days)
        if status.state == StepState.OVERDUE:
            overdue.append(Alert(AlertKind.OVERDUE, step.key, status.days,
                                 named(texts.SCH_ALERT_OVERDUE, step, days=status.days), status.explanation or ""))
        elif status.state == StepState.DUE_SOON:
            verdict = texts.SCH_LEFT.format(days=status.days) if status.days else texts.SCH_DUE_TODAY
            soon.append(Alert(AlertKind.DUE_SOON, step.key, status.days,
                              named(texts.SCH_ALERT_DUE_SOON, step, days=verdict), status.explanation or ""))
    overdue.sort(key=lambda a: -a.days)
    soon.sort(key=lambda a: a.days)
    unreported.sort(key=lambda a: -a.days)
    return found + overdue + soon + unreported


# ---------------------------------------------------------------- the service reader

def reported_step_ids(session: Session, step_ids: list[int]) -> set[int]:
    """The steps whose finish the resolving unit has reported (seed 000 art. 9.2): a report with a finish date."""
    if not step_ids:
        return set()
    return set(session.scalars(sa.select(ProjectStepReport.step_id).distinct().where(
        ProjectStepReport.step_id.in_(step_ids), ProjectStepReport.finished_on.is_not(None))))


@dataclass(frozen=True)
class StepSchedule:
    row: process.StepRow
    forecast: Forecast
    status: StepStatus
    forecast_late_days: int     # the forecast end against the deadline (0: on time)
    moved_days: int             # working days the forecast end is after the planned end (negative: before)


@dataclass(frozen=True)
class ProjectSchedule:
    view: process.ProcessView
    today: date
    warning_days: int
    steps: list[StepSchedule]
    project: ProjectForecast
    alerts: list[Alert]


def facts_of(row: process.StepRow, key_of_position: dict[int, int]) -> StepFacts:
    return StepFacts(row.id, row.name, row.duration_days, frozenset(key_of_position[p] for p in row.waits_for),
                     row.planned_start, row.planned_end, row.deadline, row.actual_start, row.actual_end)


def project_schedule(session: Session, actor: Actor, project_id: int, today: date,
                     reported: AbstractSet[int] | None = None) -> ProjectSchedule | None:
    """The project's steps with their forecast and state, the forecast end and the warnings (None: no process yet),
    for whoever may see the project. `reported`: the ids of the finished steps that have a report (default: what
    the registered report readers say)."""
    view = process.project_process(session, actor, project_id)
    if view is None:
        return None
    project = records._project(session, actor, project_id)
    calendar = work_calendar(session)
    warning_days = int(settings.get(session, WARNING_DAYS_KEY))
    key_of_position = {row.position: row.id for row in view.steps}
    facts = [facts_of(row, key_of_position) for row in view.steps]
    forecasts = forecast(calendar, facts, today)
    whole = project_forecast(calendar, facts, forecasts, project.planned_end)
    if reported is None:
        reported = reported_step_ids(session, [f.key for f in facts if f.actual_end is not None])
    labels = {row.id: StepLabel(row.position, row.unit) for row in view.steps}
    statuses = {step.key: step_status(calendar, step, today, warning_days) for step in facts}
    rows = []
    for row, step in zip(view.steps, facts, strict=True):
        end = forecasts[step.key].end
        rows.append(StepSchedule(row, forecasts[step.key], statuses[step.key], calendar.late_by(step.deadline, end),
                                 calendar.working_days_between(step.planned_end, end)))
    return ProjectSchedule(view, today, warning_days, rows, whole,
                           alerts(calendar, facts, today, warning_days, reported, whole, labels, statuses))


# ---------------------------------------------------------------- the warnings of many projects (boards, home page)

@dataclass(frozen=True)
class ProjectAlerts:
    project_id: int
    code: str
    name: str
    investor_unit_id: int | None
    project: ProjectForecast
    alerts: list[Alert]


def portfolio_alerts(session: Session, actor: Actor, today: date, *, project_ids: Iterable[int] | None = None,
                     reported: AbstractSet[int] | None = None) -> list[ProjectAlerts]:
    """The warnings of every running project the actor may see (or of `project_ids` among them), read in a few
    queries: for the investor's overview board (art. 5.7), the leaders' board (art. 6) and the home page. Paused,
    cancelled and completed projects raise no warning (kept out of progress, issue 10 item 1). Projects with no
    warning are left out; the most overdue project first."""
    query = (sa.select(Project.id, Project.code, Project.name, Project.investor_unit_id, Project.planned_end)
             .where(records.visible_project_clause(records.project_scope(session, actor)),
                    Project.status == ProjectStatus.ACTIVE))
    if project_ids is not None:
        query = query.where(Project.id.in_(list(project_ids)))
    projects = {row.id: row for row in session.execute(query)}
    if not projects:
        return []
    steps = list(session.execute(
        sa.select(ProjectStep.id, ProjectStep.project_id, ProjectStep.position, ProjectStep.name,
                  ProjectStep.duration_days, ProjectStep.planned_start, ProjectStep.planned_end, ProjectStep.deadline,
                  ProjectStep.actual_start, ProjectStep.actual_end, Unit.name.label("unit"))
        .join(Unit, Unit.id == ProjectStep.unit_id)
        .where(ProjectStep.project_id.in_(list(projects))).order_by(ProjectStep.project_id, ProjectStep.position)))
    waits: dict[int, set[int]] = {row.id: set() for row in steps}
    links = sa.select(ProjectStepLink.step_id, ProjectStepLink.depends_on_id).join(
        ProjectStep, ProjectStep.id == ProjectStepLink.step_id).where(ProjectStep.project_id.in_(list(projects)))
    for step_id, depends_on_id in session.execute(links):
        waits[step_id].add(depends_on_id)
    if reported is None:
        reported = reported_step_ids(session, [row.id for row in steps if row.actual_end is not None])
    calendar = work_calendar(session)
    warning_days = int(settings.get(session, WARNING_DAYS_KEY))
    by_project: dict[int, list] = {}
    for row in steps:
        by_project.setdefault(row.project_id, []).append(row)
    found: list[ProjectAlerts] = []
    for project_id, rows in by_project.items():
        facts = [StepFacts(r.id, r.name, r.duration_days, frozenset(waits[r.id]), r.planned_start, r.planned_end,
                           r.deadline, r.actual_start, r.actual_end) for r in rows]
        whole = project_forecast(calendar, facts, forecast(calendar, facts, today), projects[project_id].planned_end)
        labels = {r.id: StepLabel(r.position, r.unit) for r in rows}
        listed = alerts(calendar, facts, today, warning_days, reported, whole, labels)
        if listed:
            project = projects[project_id]
            found.append(ProjectAlerts(project_id, project.code, project.name, project.investor_unit_id, whole,
                                       listed))
    found.sort(key=lambda p: (-max((a.days for a in p.alerts if a.kind == AlertKind.OVERDUE), default=-1),
                              -p.project.late_days, p.code))
    return found
