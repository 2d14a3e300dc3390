"""Capital plans and disbursement (seed 000 art. 5.6 «Báo cáo tiến độ giải ngân», art. 9.3 «Định kỳ hằng tháng hoặc
đột xuất (nếu có), các chủ đầu tư báo cáo tình hình thực hiện và giải ngân kế hoạch vốn», art. 9.4 «Chậm nhất 05 ngày
làm việc kể từ Kho bạc Nhà nước nơi giao dịch xác nhận hoàn thành thủ tục giải ngân, chủ đầu tư phải cập nhật tiến độ
giải ngân lên phần mềm»; issue 10 item 5).

- the year's capital plan of a project and source is the sum of its lines (given, adjusted, carried over), never
  below zero nor below what is already disbursed;
- disbursements by month and source with the day the State Treasury confirmed them, entered within a number of
  working days of that confirmation (setting `project_disbursement_entry_days`), never above the plan;
- the monthly physical progress of each project against its financial progress (cumulative disbursed / total
  investment), flagged beyond two settings;
- the investor's monthly report, due on a day of the following month (setting `project_monthly_report_day`);
- the figures: cumulative disbursed and rate against the plan per project, investor, source and for the province,
  compared with the provincial average and the target curve (setting `project_disbursement_target_curve`), with
  a year-end projection at the current pace. Paused and cancelled projects stay out of totals and rates. The
  figures are aggregated in SQL (a province holds hundreds of thousands of disbursement rows).

Who: the investor's editors enter and correct their projects' figures (records' scope); the Department of Finance
(PLANNING_OFFICER) also enters capital plans; leaders, the Department of Finance and the administrator read all."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, subtree_ids
from lib.core.calendar import WorkCalendar, to_local
from lib.core.enums import AuditAction, Role
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date, fmt_money, fmt_percent
from lib.core.models import Attachment, Unit
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import nfc
from lib.projects import records, rules, texts
from lib.projects.enums import CapitalPlanKind, CapitalSource, ProjectKind, ProjectStatus
from lib.projects.finance_models import (
    CapitalPlanLine, Disbursement, InvestorMonthlyReport, ProjectMonthlyProgress,
)
from lib.projects.models import Project, ProjectStatusChange

OWNER_PLAN_LINE = "capital_plan_line"
STOPPED = (ProjectStatus.PAUSED, ProjectStatus.CANCELLED)


# ---------------------------------------------------------------- inputs

@dataclass
class PlanLineInput:
    year: int
    source: CapitalSource
    kind: CapitalPlanKind
    amount: int                     # đồng; an adjustment is signed
    decision_number: str
    decision_date: date | None
    issuer: str
    month_from: int = 1
    note: str = ""


@dataclass
class DisbursementInput:
    year: int
    month: int
    source: CapitalSource
    amount: int                     # đồng, > 0
    treasury_confirmed_on: date | None
    note: str = ""


@dataclass
class MonthlyReportInput:
    results: str
    difficulties: str = ""
    proposals: str = ""


# ---------------------------------------------------------------- rights

def _today(now: datetime | None) -> date:
    return to_local(now or utcnow()).date()


def _visible(session: Session, actor: Actor, project_id: int) -> Project:
    return records._project(session, actor, project_id)  # noqa: SLF001 - the module's one scope rule


def _public(project: Project) -> None:
    if project.kind == ProjectKind.PRIVATE:
        raise ValidationError(texts.CAP_PRIVATE.format(code=project.code, regulation=texts.CAP_REGULATION))


def _require_investor(session: Session, actor: Actor, project: Project) -> None:
    if actor.has(*records.INVESTOR_WRITER_ROLES) and project.investor_unit_id in subtree_ids(session, actor.unit_id):
        return
    raise PermissionDenied(texts.PRJ_READ_ONLY if actor.has(Role.UNIT_VIEWER) else texts.CAP_NOT_WRITER)


def _plan_writer(session: Session, actor: Actor, project_id: int) -> Project:
    """Capital plans: the Department of Finance for any project, the investor's editors for their own."""
    project = _visible(session, actor, project_id)
    _public(project)
    if not actor.has(Role.PLANNING_OFFICER):
        _require_investor(session, actor, project)
    audit.bind_actor(session, actor.id, actor.full_name)
    return project


def _investor_writer(session: Session, actor: Actor, project_id: int) -> Project:
    """Disbursements and progress: the investor's editors (art. 9.3–9.4: «chủ đầu tư phải cập nhật»)."""
    project = _visible(session, actor, project_id)
    _public(project)
    _require_investor(session, actor, project)
    audit.bind_actor(session, actor.id, actor.full_name)
    return project


def may_enter(session: Session, actor: Actor, project_id: int) -> tuple[bool, bool]:
    """(may enter plan lines, may enter disbursements and progress) — what the page offers."""
    def ok(check) -> bool:  # noqa: ANN001
        try:
            check(session, actor, project_id)
        except (PermissionDenied, ValidationError):
            return False
        return True
    return ok(_plan_writer), ok(_investor_writer)


# ---------------------------------------------------------------- checks

def _check_year(year: Any, today: date) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= today.year + 1:
        raise ValidationError(texts.CAP_YEAR_INVALID.format(year=year, last=today.year + 1), field="year")
    return year


def _check_month(month: Any, field_name: str = "month") -> int:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ValidationError(texts.CAP_MONTH_INVALID.format(month=month), field=field_name)
    return month


def _check_not_future(year: int, month: int, today: date) -> None:
    if (year, month) > (today.year, today.month):
        raise ValidationError(texts.CAP_PERIOD_FUTURE.format(month=month, year=year), field="month")


def _clean(value: str | None) -> str:
    return " ".join((nfc(value) or "").split())


def plan_amount(session: Session, project_id: int, year: int, source: CapitalSource) -> int:
    """The plan of a project for a year and source: the sum of its lines."""
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CapitalPlanLine.amount), 0)).where(
        CapitalPlanLine.project_id == project_id, CapitalPlanLine.year == year,
        CapitalPlanLine.source == source)) or 0)


def disbursed_amount(session: Session, project_id: int, year: int, source: CapitalSource,
                     except_id: int | None = None) -> int:
    """What was disbursed for a project in a year from a source (all months)."""
    query = sa.select(sa.func.coalesce(sa.func.sum(Disbursement.amount), 0)).where(
        Disbursement.project_id == project_id, Disbursement.year == year, Disbursement.source == source)
    if except_id is not None:
        query = query.where(Disbursement.id != except_id)
    return int(session.scalar(query) or 0)


# ---------------------------------------------------------------- capital plan lines

def check_plan_line(session: Session, project: Project, data: PlanLineInput, today: date,
                    pending: int = 0) -> PlanLineInput:
    """Every rule of a plan line; `pending` is what earlier lines of the same import add to the plan."""
    _public(project)
    year = _check_year(data.year, today)
    month_from = _check_month(data.month_from, "month_from")
    amount = data.amount
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(texts.CAP_AMOUNT_INVALID.format(value=amount), field="amount")
    if data.kind == CapitalPlanKind.ADJUSTED:
        if amount == 0:
            raise ValidationError(texts.CAP_ADJUST_ZERO, field="amount")
    elif amount <= 0:
        raise ValidationError(texts.CAP_AMOUNT_INVALID.format(value=fmt_money(amount)), field="amount")
    number = _clean(data.decision_number)
    if not number:
        raise ValidationError(texts.CAP_DECISION_NUMBER, field="decision_number")
    if data.decision_date is None:
        raise ValidationError(texts.CAP_DECISION_DATE, field="decision_date")
    if data.decision_date > today:
        raise ValidationError(texts.CAP_DECISION_FUTURE.format(day=fmt_date(data.decision_date)),
                              field="decision_date")
    issuer = _clean(data.issuer)
    if not issuer:
        raise ValidationError(texts.CAP_ISSUER, field="issuer")
    plan = plan_amount(session, project.id, year, data.source) + pending
    after = plan + amount
    if after < 0:
        raise ValidationError(texts.CAP_PLAN_NEGATIVE.format(
            year=year, source=data.source.label, code=project.code, plan=fmt_money(plan), amount=fmt_money(amount),
            after=fmt_money(after)), field="amount")
    if amount < 0:
        disbursed = disbursed_amount(session, project.id, year, data.source)
        if after < disbursed:
            raise ValidationError(texts.CAP_PLAN_BELOW_DISBURSED.format(
                year=year, source=data.source.label, code=project.code, after=fmt_money(after),
                disbursed=fmt_money(disbursed)), field="amount")
    return PlanLineInput(year, data.source, data.kind, amount, number, data.decision_date, issuer, month_from,
                         _clean(data.note))


def add_plan_line(session: Session, actor: Actor, project_id: int, data: PlanLineInput,
                  upload: records.Upload | None = None, now: datetime | None = None) -> int:
    """A line of the year's capital plan with its decision (number, date, issuer, optional signed file)."""
    project = _plan_writer(session, actor, project_id)
    clean = check_plan_line(session, project, data, _today(now))
    return _store_plan_line(session, actor, project, clean, upload)


def _store_plan_line(session: Session, actor: Actor, project: Project, clean: PlanLineInput,
                     upload: records.Upload | None) -> int:
    row = CapitalPlanLine(project_id=project.id, year=clean.year, source=clean.source, kind=clean.kind,
                          amount=clean.amount, month_from=clean.month_from, decision_number=clean.decision_number,
                          decision_date=clean.decision_date, issuer=clean.issuer, note=clean.note,
                          entered_by_id=actor.id)
    session.add(row)
    session.flush()
    if upload is not None:
        row.attachment_id = attachments.save_upload(
            session, actor, filename=upload.filename, data=upload.data, owner_type=OWNER_PLAN_LINE,
            owner_id=row.id, unit_id=project.investor_unit_id)
        session.flush()
    return row.id


@dataclass(frozen=True)
class PlanLineRow:
    id: int
    year: int
    source: CapitalSource
    kind: CapitalPlanKind
    amount: int
    month_from: int
    decision: str
    attachment_id: int | None


def plan_lines(session: Session, actor: Actor, project_id: int, year: int | None = None) -> list[PlanLineRow]:
    project = _visible(session, actor, project_id)
    query = sa.select(CapitalPlanLine).where(CapitalPlanLine.project_id == project.id)
    if year is not None:
        query = query.where(CapitalPlanLine.year == year)
    rows = session.scalars(query.order_by(CapitalPlanLine.year, CapitalPlanLine.source, CapitalPlanLine.id))
    return [PlanLineRow(r.id, r.year, r.source, r.kind, r.amount, r.month_from,
                        f"{r.decision_number} ngày {fmt_date(r.decision_date)} của {r.issuer}", r.attachment_id)
            for r in rows]


# ---------------------------------------------------------------- disbursements

def _stopped_reason(session: Session, project: Project) -> str:
    last = session.scalar(sa.select(ProjectStatusChange).where(
        ProjectStatusChange.project_id == project.id, ProjectStatusChange.new_status == project.status)
        .order_by(ProjectStatusChange.at.desc(), ProjectStatusChange.id.desc()).limit(1))
    since = f" từ {fmt_date(last.effective_on)}" if last is not None else ""
    reason = f", lý do: {last.reason}" if last is not None and last.reason else ""
    return texts.CAP_PROJECT_STOPPED.format(code=project.code, status=project.status.label, since=since,
                                            reason=reason)


def _check_disbursement(session: Session, project: Project, data: DisbursementInput, today: date,
                        except_id: int | None = None) -> None:
    if project.status in STOPPED:
        raise ValidationError(_stopped_reason(session, project), field="project")
    year = _check_year(data.year, today)
    month = _check_month(data.month)
    amount = data.amount
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        shown = fmt_money(amount) if isinstance(amount, int) else amount
        raise ValidationError(texts.CAP_AMOUNT_INVALID.format(value=shown), field="amount")
    confirmed = data.treasury_confirmed_on
    if confirmed is None:
        raise ValidationError(texts.CAP_CONFIRMED_REQUIRED, field="treasury_confirmed_on")
    if confirmed > today:
        raise ValidationError(texts.CAP_CONFIRMED_FUTURE.format(day=fmt_date(confirmed)),
                              field="treasury_confirmed_on")
    if (year, month) > (confirmed.year, confirmed.month):
        raise ValidationError(texts.CAP_MONTH_AFTER_CONFIRMED.format(month=month, year=year,
                                                                     day=fmt_date(confirmed)), field="month")
    plan = plan_amount(session, project.id, year, data.source)
    if plan <= 0:
        raise ValidationError(texts.CAP_NO_PLAN.format(code=project.code, year=year, source=data.source.label),
                              field="source")
    before = disbursed_amount(session, project.id, year, data.source, except_id)
    if before + amount > plan:
        raise ValidationError(texts.CAP_ABOVE_PLAN.format(
            year=year, source=data.source.label, total=fmt_money(before + amount), before=fmt_money(before),
            amount=fmt_money(amount), plan=fmt_money(plan)), field="amount")


def add_disbursement(session: Session, actor: Actor, project_id: int, data: DisbursementInput,
                     now: datetime | None = None) -> int:
    """An amount disbursed in a month from a source, with the Treasury's confirmation date; the entry is due
    `project_disbursement_entry_days` working days after that confirmation (art. 9.4) and its lateness recorded."""
    now = now or utcnow()
    project = _investor_writer(session, actor, project_id)
    today = _today(now)
    _check_disbursement(session, project, data, today)
    lateness = disbursement_lateness(work_calendar(session), session, data.treasury_confirmed_on, today)
    row = Disbursement(project_id=project.id, year=data.year, month=data.month, source=data.source,
                       amount=data.amount, treasury_confirmed_on=data.treasury_confirmed_on, note=_clean(data.note),
                       entered_at=now, entered_by_id=actor.id, entry_due_on=lateness.due,
                       entry_late_days=lateness.late_days)
    session.add(row)
    session.flush()
    return row.id


def disbursement_lateness(calendar: WorkCalendar, session: Session, confirmed_on: date,
                          entered_on: date) -> rules.EntryLateness:
    days = int(settings.get(session, "project_disbursement_entry_days"))
    return rules.entry_lateness(calendar, confirmed_on, days, entered_on)


def _own_disbursement(session: Session, actor: Actor, disbursement_id: int) -> tuple[Disbursement, Project]:
    row = session.get(Disbursement, disbursement_id)
    if row is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    project = _investor_writer(session, actor, row.project_id)
    return row, project


def correct_disbursement(session: Session, actor: Actor, disbursement_id: int, data: DisbursementInput,
                         reason: str, expected_amount: int | None = None, now: datetime | None = None) -> None:
    """The investor corrects a wrong entry (audited, with the reason). `expected_amount` is the amount the user saw:
    another correction meanwhile is a conflict. The lateness stays that of the first entry, against the (possibly
    corrected) confirmation date."""
    row, project = _own_disbursement(session, actor, disbursement_id)
    if expected_amount is not None and row.amount != expected_amount:
        raise ConflictError(vi.ERR_STALE)
    reason = _clean(reason)
    if not reason:
        raise ValidationError(texts.CAP_REASON_REQUIRED, field="reason")
    _check_disbursement(session, project, data, _today(now), except_id=row.id)
    lateness = disbursement_lateness(work_calendar(session), session, data.treasury_confirmed_on,
                                     to_local(row.entered_at).date())
    row.year, row.month, row.source, row.amount = data.year, data.month, data.source, data.amount
    row.treasury_confirmed_on, row.entry_due_on, row.entry_late_days = (data.treasury_confirmed_on, lateness.due,
                                                                        lateness.late_days)
    row.note = _clean(f"{_clean(data.note)} (sửa: {reason})")
    session.flush()


def delete_disbursement(session: Session, actor: Actor, disbursement_id: int, reason: str,
                        expected_amount: int | None = None) -> None:
    """The investor deletes a wrong entry; the audit trail keeps the row and the reason."""
    row, project = _own_disbursement(session, actor, disbursement_id)
    if expected_amount is not None and row.amount != expected_amount:
        raise ConflictError(vi.ERR_STALE)
    reason = _clean(reason)
    if not reason:
        raise ValidationError(texts.CAP_REASON_REQUIRED, field="reason")
    audit.record_event(session, AuditAction.DELETE, entity="disbursements", entity_id=row.id,
                       summary=f"Xóa giải ngân {fmt_money(row.amount)} tháng {row.month}/{row.year} của dự án "
                               f"{project.code}: {reason}", unit_id=project.investor_unit_id)
    session.delete(row)
    session.flush()


@dataclass(frozen=True)
class DisbursementRow:
    id: int
    year: int
    month: int
    source: CapitalSource
    amount: int
    treasury_confirmed_on: date
    entered_on: date
    entry_due_on: date
    entry_late_days: int
    explanation: str
    note: str


def disbursements(session: Session, actor: Actor, project_id: int, year: int | None = None) -> list[DisbursementRow]:
    """A project's disbursements, by month, each with its entry deadline's working-day arithmetic."""
    project = _visible(session, actor, project_id)
    query = sa.select(Disbursement).where(Disbursement.project_id == project.id)
    if year is not None:
        query = query.where(Disbursement.year == year)
    calendar = work_calendar(session)
    out = []
    for r in session.scalars(query.order_by(Disbursement.year, Disbursement.month, Disbursement.id)):
        entered = to_local(r.entered_at).date()
        lateness = rules.EntryLateness(r.treasury_confirmed_on,
                                       calendar.working_days_between(r.treasury_confirmed_on, r.entry_due_on),
                                       r.entry_due_on, entered, r.entry_late_days)
        out.append(DisbursementRow(r.id, r.year, r.month, r.source, r.amount, r.treasury_confirmed_on, entered,
                                   r.entry_due_on, r.entry_late_days,
                                   rules.explain_entry(calendar, lateness, texts.CAP_START_TREASURY), r.note))
    return out


# ---------------------------------------------------------------- physical progress

class GapLevel(enum.Enum):
    OK = "ok"
    WARN = "warn"
    ALARM = "alarm"

    @property
    def label(self) -> str:
        return {"ok": texts.CAP_GAP_OK, "warn": texts.CAP_GAP_WARN, "alarm": texts.CAP_GAP_ALARM}[self.value]


def gap_level(session: Session, physical: float | None, financial: float | None,
              values: dict[str, Any] | None = None) -> GapLevel:
    """|physical − financial| in percentage points against the two settings (issue 10 item 5)."""
    if physical is None or financial is None:
        return GapLevel.OK
    values = values or settings.all_settings(session)
    gap = abs(physical - financial * 100)
    if gap > int(values["project_progress_gap_alarm"]):
        return GapLevel.ALARM
    if gap > int(values["project_progress_gap_warn"]):
        return GapLevel.WARN
    return GapLevel.OK


def record_progress(session: Session, actor: Actor, project_id: int, year: int, month: int,
                    physical_percent: float, note: str = "", now: datetime | None = None) -> int:
    """The project's physical progress (% of the work done) at the end of a month; a second entry for the same
    month replaces the first (audited)."""
    now = now or utcnow()
    project = _investor_writer(session, actor, project_id)
    today = _today(now)
    _check_year(year, today)
    _check_month(month)
    _check_not_future(year, month, today)
    if isinstance(physical_percent, bool) or not isinstance(physical_percent, (int, float)) \
            or not 0 <= physical_percent <= 100:
        raise ValidationError(texts.CAP_PERCENT_INVALID.format(value=physical_percent), field="physical_percent")
    row = session.scalar(sa.select(ProjectMonthlyProgress).where(
        ProjectMonthlyProgress.project_id == project.id, ProjectMonthlyProgress.year == year,
        ProjectMonthlyProgress.month == month))
    if row is None:
        row = ProjectMonthlyProgress(project_id=project.id, year=year, month=month)
        session.add(row)
    row.physical_percent, row.note = float(physical_percent), _clean(note)
    row.reported_at, row.reported_by_id = now, actor.id
    session.flush()
    return row.id


@dataclass(frozen=True)
class ProgressPoint:
    year: int
    month: int
    physical: float | None          # percent 0–100, the last reported up to this month
    financial: float                # ratio: cumulative disbursed (all years) / total investment
    gap: GapLevel


def progress_series(session: Session, actor: Actor, project_id: int, year: int, month: int = 12) -> list[ProgressPoint]:
    """Month by month up to `month` of `year`: physical (as reported, carried forward) and financial progress."""
    project = _visible(session, actor, project_id)
    values = settings.all_settings(session)
    before = int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Disbursement.amount), 0)).where(
        Disbursement.project_id == project.id, Disbursement.year < year)) or 0)
    by_month = dict(session.execute(sa.select(Disbursement.month, sa.func.sum(Disbursement.amount)).where(
        Disbursement.project_id == project.id, Disbursement.year == year).group_by(Disbursement.month)).all())
    reported = dict(session.execute(sa.select(ProjectMonthlyProgress.month, ProjectMonthlyProgress.physical_percent)
                                    .where(ProjectMonthlyProgress.project_id == project.id,
                                           ProjectMonthlyProgress.year == year)).all())
    last = session.scalar(sa.select(ProjectMonthlyProgress.physical_percent).where(
        ProjectMonthlyProgress.project_id == project.id, ProjectMonthlyProgress.year < year)
        .order_by(ProjectMonthlyProgress.year.desc(), ProjectMonthlyProgress.month.desc()).limit(1))
    out, cumulative = [], before
    for m in range(1, month + 1):
        cumulative += int(by_month.get(m, 0) or 0)
        last = reported.get(m, last)
        financial = cumulative / project.total_investment if project.total_investment else 0.0
        out.append(ProgressPoint(year, m, last, financial, gap_level(session, last, financial, values)))
    return out


# ---------------------------------------------------------------- the investor's monthly report

def report_due(session: Session, calendar: WorkCalendar, year: int, month: int) -> date:
    """The report of a month is due on the set day of the next month, or the next working day (art. 9.3)."""
    day = int(settings.get(session, "project_monthly_report_day"))
    nxt = date(year + (month == 12), month % 12 + 1, day)
    return calendar.on_or_next_working_day(nxt)


def submit_monthly_report(session: Session, actor: Actor, investor_unit_id: int, year: int, month: int,
                          data: MonthlyReportInput, expected_version: int | None = None,
                          now: datetime | None = None) -> int:
    """The investor's monthly report (results, difficulties, proposals): one per investor and month; a second
    submission edits it and needs the version the user saw (another edit meanwhile is a conflict)."""
    now = now or utcnow()
    if not actor.has(*records.INVESTOR_WRITER_ROLES) or investor_unit_id not in subtree_ids(session, actor.unit_id):
        raise PermissionDenied(texts.PRJ_READ_ONLY if actor.has(Role.UNIT_VIEWER) else texts.CAP_REPORT_NOT_INVESTOR)
    today = _today(now)
    _check_year(year, today)
    _check_month(month)
    _check_not_future(year, month, today)
    results = (nfc(data.results) or "").strip()
    if not results:
        raise ValidationError(texts.CAP_REPORT_RESULTS, field="results")
    audit.bind_actor(session, actor.id, actor.full_name)
    row = session.scalar(sa.select(InvestorMonthlyReport).where(
        InvestorMonthlyReport.investor_unit_id == investor_unit_id, InvestorMonthlyReport.year == year,
        InvestorMonthlyReport.month == month))
    if row is None:
        if expected_version is not None:
            raise ConflictError(vi.ERR_STALE)
        row = InvestorMonthlyReport(investor_unit_id=investor_unit_id, year=year, month=month)
        session.add(row)
    elif expected_version is None:
        raise ValidationError(texts.CAP_REPORT_EXISTS.format(month=month, year=year))
    elif row.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    calendar = work_calendar(session)
    due = report_due(session, calendar, year, month)
    row.results, row.difficulties, row.proposals = (results, (nfc(data.difficulties) or "").strip(),
                                                    (nfc(data.proposals) or "").strip())
    row.submitted_at, row.submitted_by_id = now, actor.id
    row.due_on, row.late_days = due, calendar.late_by(due, today)
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error
    except sa.exc.IntegrityError as error:   # the same report created by a colleague a moment ago
        raise ConflictError(vi.ERR_STALE) from error
    return row.id


@dataclass(frozen=True)
class MonthlyReportRow:
    id: int
    investor_unit_id: int
    investor: str
    year: int
    month: int
    results: str
    difficulties: str
    proposals: str
    submitted_at: datetime
    due_on: date | None
    late_days: int
    version: int


def monthly_report(session: Session, actor: Actor, investor_unit_id: int, year: int,
                   month: int) -> MonthlyReportRow | None:
    if not records.project_scope(session, actor).contains(investor_unit_id):
        raise NotFound(vi.ERR_NOT_FOUND)
    rows = _reports(session, sa.and_(InvestorMonthlyReport.investor_unit_id == investor_unit_id,
                                     InvestorMonthlyReport.year == year, InvestorMonthlyReport.month == month))
    return rows[0] if rows else None


def monthly_reports(session: Session, actor: Actor, year: int, month: int) -> list[MonthlyReportRow]:
    """The reports of a month the actor may read (its own investor's; all for the province-wide roles)."""
    scope = records.project_scope(session, actor)
    return _reports(session, sa.and_(InvestorMonthlyReport.year == year, InvestorMonthlyReport.month == month,
                                     scope.clause(InvestorMonthlyReport.investor_unit_id)))


def _reports(session: Session, where: sa.ColumnElement[bool]) -> list[MonthlyReportRow]:
    query = (sa.select(InvestorMonthlyReport, Unit.name).join(Unit, Unit.id == InvestorMonthlyReport.investor_unit_id)
             .where(where).order_by(Unit.name))
    return [MonthlyReportRow(r.id, r.investor_unit_id, name, r.year, r.month, r.results, r.difficulties,
                             r.proposals, r.submitted_at, r.due_on, r.late_days, r.version)
            for r, name in session.execute(query)]


# ---------------------------------------------------------------- figures

def target_curve(session: Session) -> list[float]:
    """The share of the year's plan expected by the end of each month (ratios), from the setting."""
    values = settings.parse_target_curve(settings.get(session, "project_disbursement_target_curve"))
    if values is None:  # a stored value from before the check: the default
        values = settings.parse_target_curve(settings.BY_KEY["project_disbursement_target_curve"].default)
    return [v / 100 for v in values]


@dataclass(frozen=True)
class Figure:
    """Cumulative disbursed against the year's plan up to a month, with the target curve and the projection."""

    key: Any                        # project id, investor unit id, source, or None for the province
    name: str
    plan: int
    disbursed: int
    month: int
    target: float                   # the curve's share at `month`
    province_rate: float | None

    @property
    def rate(self) -> float | None:
        return self.disbursed / self.plan if self.plan > 0 else None

    @property
    def behind(self) -> bool:
        """Below the target curve (only where there is a plan)."""
        return self.rate is not None and self.rate < self.target

    @property
    def below_average(self) -> bool:
        return self.rate is not None and self.province_rate is not None and self.rate < self.province_rate

    @property
    def projection_raw(self) -> int:
        return round(self.disbursed / self.month * 12) if self.month else 0

    @property
    def projection(self) -> int:
        """Year-end projection at the current pace: disbursed ÷ months elapsed × 12, never above the plan."""
        return min(self.plan, self.projection_raw)

    def projection_text(self) -> str:
        cap = texts.CAP_PROJECTION_CAP.format(plan=fmt_money(self.plan)) if self.projection_raw > self.plan else ""
        rate = fmt_percent(self.projection / self.plan) if self.plan else "—"
        return texts.CAP_PROJECTION.format(disbursed=fmt_money(self.disbursed), months=self.month,
                                           raw=fmt_money(self.projection_raw), cap=cap,
                                           projected=fmt_money(self.projection), rate=rate)

    def target_text(self) -> str:
        rate = self.rate
        if rate is None:
            verdict = ""
        elif rate < self.target:
            verdict = texts.CAP_BEHIND.format(points=fmt_percent(self.target - rate).rstrip("%"))
        else:
            verdict = texts.CAP_AHEAD
        return texts.CAP_TARGET.format(month=self.month, target=fmt_percent(self.target),
                                       rate=fmt_percent(rate) if rate is not None else "—", verdict=verdict)


def _amounts(year: int, month: int) -> sa.Subquery:
    """Plan lines of the year and disbursements up to the month, as one stream of (project, source, plan, done)."""
    plans = sa.select(CapitalPlanLine.project_id.label("project_id"), CapitalPlanLine.source.label("source"),
                      CapitalPlanLine.amount.label("plan"), sa.literal(0, sa.BigInteger).label("done")
                      ).where(CapitalPlanLine.year == year)
    done = sa.select(Disbursement.project_id, Disbursement.source, sa.literal(0, sa.BigInteger),
                     Disbursement.amount).where(Disbursement.year == year, Disbursement.month <= month)
    return sa.union_all(plans, done).subquery("amounts")


def _aggregate(session: Session, year: int, month: int, keys: Any, where: sa.ColumnElement[bool]) -> list[tuple]:
    """(*keys, plan, disbursed) summed in SQL over counted projects (not paused or cancelled, public); `keys` gives
    the grouping columns from the amounts' subquery."""
    u = _amounts(year, month)
    keys = keys(u)
    query = (sa.select(*keys, sa.func.coalesce(sa.func.sum(u.c.plan), 0), sa.func.coalesce(sa.func.sum(u.c.done), 0))
             .select_from(u).join(Project, Project.id == u.c.project_id)
             .where(Project.status.notin_(STOPPED), Project.kind == ProjectKind.PUBLIC, where))
    if keys:
        query = query.group_by(*keys)
    return [tuple(row) for row in session.execute(query)]


def _check_period(year: int, month: int) -> None:
    _check_month(month)
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(texts.CAP_YEAR_INVALID.format(year=year, last=2100), field="year")


def province_rate(session: Session, year: int, month: int) -> float | None:
    """The provincial average: all counted projects' disbursed / plan (one figure, shown to everyone)."""
    rows = _aggregate(session, year, month, lambda u: [], sa.true())
    plan, done = (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)
    return done / plan if plan > 0 else None


def _average(session: Session, scope: Any, year: int, month: int, rows: list[tuple[int, int]]) -> float | None:
    """The provincial average: from the rows themselves when they already cover the province (no second pass over
    the disbursements), else its own query."""
    if not scope.all_units:
        return province_rate(session, year, month)
    plan, done = sum(r[0] for r in rows), sum(r[1] for r in rows)
    return done / plan if plan > 0 else None


def province_figure(session: Session, actor: Actor, year: int, month: int) -> Figure:
    """The province's total (the province-wide roles), or the total of the actor's own projects."""
    _check_period(year, month)
    scope = records.project_scope(session, actor)
    rows = _aggregate(session, year, month, lambda u: [], records.visible_project_clause(scope))
    plan, done = (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)
    name = "Toàn tỉnh" if scope.all_units else "Các dự án của đơn vị"
    return Figure(None, name, plan, done, month, target_curve(session)[month - 1],
                  _average(session, scope, year, month, [(plan, done)]))


def disbursement_by_investor(session: Session, actor: Actor, year: int, month: int) -> list[Figure]:
    """Per investor (the leader board's figure): cumulative disbursed and rate against the plan up to `month`, the
    provincial average and the target curve; investors the actor may see, by rate from the lowest."""
    _check_period(year, month)
    scope = records.project_scope(session, actor)
    rows = _aggregate(session, year, month, lambda u: [Project.investor_unit_id],
                      records.visible_project_clause(scope))
    names = dict(session.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_([r[0] for r in rows]))).all())
    target = target_curve(session)[month - 1]
    average = _average(session, scope, year, month, [(int(r[1]), int(r[2])) for r in rows])
    figures = [Figure(unit_id, names.get(unit_id, ""), int(plan), int(done), month, target, average)
               for unit_id, plan, done in rows]
    return sorted(figures, key=lambda f: (f.rate if f.rate is not None else 2.0, f.name))


def disbursement_by_source(session: Session, actor: Actor, year: int, month: int) -> list[Figure]:
    _check_period(year, month)
    scope = records.project_scope(session, actor)
    rows = _aggregate(session, year, month, lambda u: [u.c.source], records.visible_project_clause(scope))
    target = target_curve(session)[month - 1]
    average = _average(session, scope, year, month, [(int(r[1]), int(r[2])) for r in rows])
    figures = []
    for source, plan, done in rows:
        source = source if isinstance(source, CapitalSource) else CapitalSource(source)
        figures.append(Figure(source, source.label, int(plan), int(done), month, target, average))
    order = list(CapitalSource)
    return sorted(figures, key=lambda f: order.index(f.key))


@dataclass(frozen=True)
class ProjectFigure:
    id: int
    code: str
    name: str
    investor: str
    status: ProjectStatus
    counted: bool                   # paused and cancelled projects stay out of totals and rates
    figure: Figure
    total_investment: int
    cumulative_disbursed: int       # all years up to the month
    physical: float | None          # the last physical progress reported up to the month
    gap: GapLevel

    @property
    def financial(self) -> float | None:
        return self.cumulative_disbursed / self.total_investment if self.total_investment else None


def project_figures(session: Session, actor: Actor, year: int, month: int) -> list[ProjectFigure]:
    """Every public project the actor may see with its plan and disbursed amount for the year up to `month`, the
    rate, the target curve, the projection and the progress gap. Paused and cancelled projects are listed (their
    figures shown) but marked as not counted."""
    _check_period(year, month)
    scope = records.project_scope(session, actor)
    u = _amounts(year, month)
    sums = (sa.select(u.c.project_id, sa.func.sum(u.c.plan).label("plan"), sa.func.sum(u.c.done).label("done"))
            .group_by(u.c.project_id).subquery("sums"))
    up_to = sa.or_(Disbursement.year < year, sa.and_(Disbursement.year == year, Disbursement.month <= month))
    cumulative = (sa.select(Disbursement.project_id, sa.func.sum(Disbursement.amount).label("total"))
                  .where(up_to).group_by(Disbursement.project_id).subquery("cumulative"))
    p_period = ProjectMonthlyProgress.year * 100 + ProjectMonthlyProgress.month
    latest = (sa.select(ProjectMonthlyProgress.project_id, sa.func.max(p_period).label("period"))
              .where(p_period <= year * 100 + month).group_by(ProjectMonthlyProgress.project_id).subquery("latest"))
    physical = (sa.select(ProjectMonthlyProgress.project_id, ProjectMonthlyProgress.physical_percent)
                .join(latest, sa.and_(latest.c.project_id == ProjectMonthlyProgress.project_id,
                                      latest.c.period == p_period)).subquery("physical"))
    query = (sa.select(Project.id, Project.code, Project.name, Unit.name, Project.status, Project.total_investment,
                       sa.func.coalesce(sums.c.plan, 0), sa.func.coalesce(sums.c.done, 0),
                       sa.func.coalesce(cumulative.c.total, 0), physical.c.physical_percent)
             .join(Unit, Unit.id == Project.investor_unit_id)
             .outerjoin(sums, sums.c.project_id == Project.id)
             .outerjoin(cumulative, cumulative.c.project_id == Project.id)
             .outerjoin(physical, physical.c.project_id == Project.id)
             .where(Project.kind == ProjectKind.PUBLIC, records.visible_project_clause(scope))
             .order_by(Project.code))
    values = settings.all_settings(session)
    rows = session.execute(query).all()
    target = target_curve(session)[month - 1]
    average = _average(session, scope, year, month, [(int(r[6]), int(r[7])) for r in rows
                                                     if r[4] not in STOPPED])
    out = []
    for pid, code, name, investor, status, total, plan, done, cum, phys in rows:
        figure = Figure(pid, f"{code} — {name}", int(plan), int(done), month, target, average)
        financial = int(cum) / total if total else None
        out.append(ProjectFigure(pid, code, name, investor, status, records.counted_in_progress(status), figure,
                                 total, int(cum), phys, gap_level(session, phys, financial, values)))
    return out


def project_figure(session: Session, actor: Actor, project_id: int, year: int, month: int) -> ProjectFigure | None:
    """One project's figures (for its page)."""
    project = _visible(session, actor, project_id)
    return next((f for f in project_figures(session, actor, year, month) if f.id == project.id), None)


def monthly_rates(session: Session, actor: Actor, year: int, investor_unit_id: int | None = None,
                  project_id: int | None = None) -> list[tuple[int, float | None]]:
    """(month, cumulative rate against the year's plan) for months 1–12, for the actor's scope, one investor or one
    project (the chart against the target curve)."""
    scope = records.project_scope(session, actor)
    where = records.visible_project_clause(scope)
    if investor_unit_id is not None:
        where = sa.and_(where, Project.investor_unit_id == investor_unit_id)
    if project_id is not None:
        _visible(session, actor, project_id)
        where = sa.and_(where, Project.id == project_id)
    counted = sa.and_(Project.status.notin_(STOPPED), Project.kind == ProjectKind.PUBLIC, where)
    plan = int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CapitalPlanLine.amount), 0))
                              .join(Project, Project.id == CapitalPlanLine.project_id)
                              .where(CapitalPlanLine.year == year, counted)) or 0)
    by_month = dict(session.execute(sa.select(Disbursement.month, sa.func.sum(Disbursement.amount))
                                    .join(Project, Project.id == Disbursement.project_id)
                                    .where(Disbursement.year == year, counted).group_by(Disbursement.month)).all())
    out, total = [], 0
    for m in range(1, 13):
        total += int(by_month.get(m, 0) or 0)
        out.append((m, total / plan if plan > 0 else None))
    return out


# ---------------------------------------------------------------- plugging into the core

def _plan_file_rule(session: Session, actor: Actor, row: Attachment) -> bool:
    """A plan decision's file: whoever may see the project."""
    line = session.get(CapitalPlanLine, row.owner_id) if row.owner_id is not None else None
    if line is None:
        return False
    try:
        _visible(session, actor, line.project_id)
    except NotFound:
        return False
    return True


attachments.READ_RULES[OWNER_PLAN_LINE] = _plan_file_rule
