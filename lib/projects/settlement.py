"""After completion: the settlement of a completed project (quyết toán dự án hoàn thành; issue 10 item 10, Nghị định
99/2021/NĐ-CP, Điều 47, with the figures of the issue; seed 000 art. 7.3 keeps the record's values behind documents).

Three clocks run one after the other, each by the project's group (settings of the PROJECT_GROUP):
- the dossier (lập hồ sơ quyết toán): 9 / 9 / 6 / 4 months (quan trọng quốc gia / A / B / C) from the day the
  acceptance and handover record was signed (biên bản nghiệm thu, bàn giao đưa vào sử dụng);
- the verification (thẩm tra): 8 / 8 / 4 / 3 months from the day the full dossier was received;
- the approval (phê duyệt): 1 month / 1 month / 20 days / 15 days from the day the verification report was received.

The decree counts in months and in days («ngày», not «ngày làm việc»), so the clocks count calendar time, as the
Civil Code says (Bộ luật Dân sự 2015, Điều 147–148): the first day is not counted; n months end on the same day of
the month n months later, or on the last day of that month when it has no such day (Điều 148 khoản 3); a period
whose last day is a day off ends on the next working day of the working-day calendar (Điều 148 khoản 5). Lateness
is counted in calendar days after that day.

The record keeps the final value and the actual end against the approved total investment and planned end; the
reasons for a difference are required. The investor's editors enter it; scope as the project's record."""
from __future__ import annotations

import calendar as _month_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import WorkCalendar, to_local
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.format import fmt_date, fmt_money
from lib.core.models.base import utcnow
from lib.core.services import settings
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import nfc
from lib.projects import records, texts
from lib.projects.enums import ProjectGroup, ProjectKind
from lib.projects.models import Project, ProjectDocument, ProjectSettlement

MONTHS, DAYS = "months", "days"
_GROUP_KEY = {ProjectGroup.NATIONAL: "national", ProjectGroup.A: "a", ProjectGroup.B: "b", ProjectGroup.C: "c"}
# (clock, label, the date that starts it, the date that stops it, setting key pattern: {g} group, {u} unit)
CLOCKS: tuple[tuple[str, str, str, str, str], ...] = (
    ("dossier", texts.STL_CLOCK_DOSSIER, "handover_on", "dossier_submitted_on",
     "project_settlement_dossier_months_{g}"),
    ("verification", texts.STL_CLOCK_VERIFICATION, "dossier_submitted_on", "verified_on",
     "project_settlement_verification_months_{g}"),
    ("approval", texts.STL_CLOCK_APPROVAL, "verified_on", "approved_on", "project_settlement_approval_{u}_{g}"),
)
DATE_LABELS = {"handover_on": texts.STL_HANDOVER, "dossier_submitted_on": texts.STL_DOSSIER,
               "verified_on": texts.STL_VERIFIED, "approved_on": texts.STL_APPROVED}
DATE_ORDER = ("handover_on", "dossier_submitted_on", "verified_on", "approved_on")


def approval_unit(group: ProjectGroup) -> str:
    """The approval clock counts months for national and group A projects, days for groups B and C."""
    return MONTHS if group in (ProjectGroup.NATIONAL, ProjectGroup.A) else DAYS


def clock_length(session: Session, clock: str, group: ProjectGroup) -> tuple[int, str, str]:
    """(n, unit, setting key) of one clock for a group."""
    pattern = next(c[4] for c in CLOCKS if c[0] == clock)
    unit = approval_unit(group) if clock == "approval" else MONTHS
    key = pattern.format(g=_GROUP_KEY[group], u=unit)
    return int(settings.get(session, key)), unit, key


# ---------------------------------------------------------------- the arithmetic

def add_months(start: date, months: int) -> tuple[date, bool]:
    """The same day of the month `months` later; (the last day of that month, True) when it has no such day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = _month_calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last)), start.day > last


@dataclass(frozen=True)
class Clock:
    key: str
    label: str
    start: date | None          # None: not started (the previous stage is not done)
    length: int
    unit: str                   # MONTHS or DAYS (calendar days)
    due: date | None            # the nominal last day
    ends_on: date | None        # the day the period really ends (a day off moves it to the next working day)
    done: date | None
    late_days: int | None       # calendar days after ends_on; None: not started or still open and in time
    overdue: bool               # still open after ends_on
    explanation: str


def run_clock(calendar: WorkCalendar, key: str, label: str, start: date | None, length: int, unit: str,
              done: date | None, today: date, before_label: str) -> Clock:
    """One clock: due date, done date, days late and the arithmetic in words."""
    if start is None:
        return Clock(key, label, None, length, unit, None, None, done, None, False,
                     texts.STL_NOT_STARTED.format(before_label=before_label.lower()))
    notes = []
    if unit == MONTHS:
        due, clamped = add_months(start, length)
        if clamped:
            notes.append(texts.STL_END_OF_MONTH.format(month=f"{due.month:02d}/{due.year}", day=start.day))
        span = f"{length} tháng"
    else:
        due = start + timedelta(days=length)
        span = f"{length} ngày (theo lịch)"
    ends_on = calendar.deadline_ends_on(due)
    if ends_on != due:
        notes.append(texts.STL_LAST_DAY.format(day=fmt_date(due), ends=fmt_date(ends_on)))
    text = f"{before_label} {fmt_date(start)} + {span} → hạn {fmt_date(due)}"
    if notes:
        text += f" ({'; '.join(notes)})"
    if done is not None:
        late = max(0, (done - ends_on).days)
        verdict = texts.STL_LATE.format(days=late) if late else texts.STL_ON_TIME
        return Clock(key, label, start, length, unit, due, ends_on, done, late, False,
                     f"{text}; hoàn thành {fmt_date(done)}: {verdict}")
    if today > ends_on:
        late = (today - ends_on).days
        return Clock(key, label, start, length, unit, due, ends_on, None, late, True,
                     f"{text}; đến {fmt_date(today)} chưa hoàn thành: {texts.STL_OPEN_LATE.format(days=late)}")
    left = (ends_on - today).days
    return Clock(key, label, start, length, unit, due, ends_on, None, None, False,
                 f"{text}; đến {fmt_date(today)}: {texts.STL_OPEN_IN_TIME.format(days=left)}")


def clocks(session: Session, group: ProjectGroup, dates: dict[str, date | None], today: date,
           calendar: WorkCalendar | None = None) -> list[Clock]:
    """The three clocks of a settlement, one after the other (Nghị định 99/2021/NĐ-CP, Điều 47)."""
    calendar = calendar or work_calendar(session)
    out = []
    for key, label, start_field, done_field, _pattern in CLOCKS:
        length, unit, _ = clock_length(session, key, group)
        out.append(run_clock(calendar, key, label, dates.get(start_field), length, unit, dates.get(done_field),
                             today, DATE_LABELS[start_field]))
    return out


# ---------------------------------------------------------------- entering

@dataclass
class SettlementInput:
    handover_on: date | None
    dossier_submitted_on: date | None = None
    verified_on: date | None = None
    approved_on: date | None = None
    final_value: int | None = None           # giá trị quyết toán, đồng
    actual_end: date | None = None           # ngày hoàn thành thực tế
    difference_reasons: str = ""
    handover_document_id: int | None = None
    approval_document_id: int | None = None


def _check_dates(data: SettlementInput, today: date) -> None:
    """Handover first, then dossier, verification, approval: none in the future, none before the one it follows,
    none without it."""
    if data.handover_on is None:
        raise ValidationError(texts.STL_HANDOVER_REQUIRED, field="handover_on")
    previous: str | None = None
    for name in DATE_ORDER:
        value = getattr(data, name)
        if value is not None:
            if value > today:
                raise ValidationError(texts.STL_FUTURE.format(label=DATE_LABELS[name], day=fmt_date(value)),
                                      field=name)
            before = getattr(data, previous) if previous else None
            if previous is not None and before is None:
                raise ValidationError(texts.STL_NEEDS_PREVIOUS.format(
                    before_label=DATE_LABELS[previous].lower(), label=DATE_LABELS[name].lower()), field=name)
            if before is not None and value < before:
                raise ValidationError(texts.STL_ORDER.format(
                    label=DATE_LABELS[name], day=fmt_date(value), before_label=DATE_LABELS[previous].lower(),
                    before=fmt_date(before)), field=name)
        previous = name
    if data.actual_end is not None and data.actual_end > today:
        raise ValidationError(texts.STL_FUTURE.format(label="Ngày hoàn thành thực tế", day=fmt_date(data.actual_end)),
                              field="actual_end")


def _check_value(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(texts.STL_FINAL_VALUE_NEGATIVE, field="final_value")
    return value


def _check_document(session: Session, project: Project, document_id: int | None, field_name: str) -> int | None:
    if document_id is None:
        return None
    row = session.get(ProjectDocument, document_id)
    if row is None or row.project_id != project.id:
        raise ValidationError(texts.STL_DOCUMENT_NOT_IN_PROJECT, field=field_name)
    return row.id


def differs(project: Project, final_value: int | None, actual_end: date | None) -> bool:
    """The final value or the actual end differ from the approved total investment or planned end."""
    return ((final_value is not None and final_value != project.total_investment)
            or (actual_end is not None and actual_end != project.planned_end))


def save_settlement(session: Session, actor: Actor, project_id: int, expected_version: int | None,
                    data: SettlementInput, now: datetime | None = None) -> int:
    """Create or update the project's settlement (the investor's editors). `expected_version`: the version read
    with the form (ConflictError when someone saved in between); None for a first entry."""
    project = records._writable(session, actor, project_id, None)
    if project.kind == ProjectKind.PRIVATE:
        raise PermissionDenied(texts.STL_PRIVATE)
    if project.project_group is None:
        raise ValidationError(texts.STL_NO_GROUP)
    today = to_local(now or utcnow()).date()
    _check_dates(data, today)
    final_value = _check_value(data.final_value)
    reasons = nfc(data.difference_reasons or "").strip()
    if differs(project, final_value, data.actual_end) and not reasons:
        raise ValidationError(texts.STL_REASONS_REQUIRED, field="difference_reasons")
    handover_doc = _check_document(session, project, data.handover_document_id, "handover_document_id")
    approval_doc = _check_document(session, project, data.approval_document_id, "approval_document_id")
    row = session.scalar(sa.select(ProjectSettlement).where(ProjectSettlement.project_id == project.id))
    if row is None:
        row = ProjectSettlement(project_id=project.id, handover_on=data.handover_on)
        session.add(row)
    elif expected_version is not None and row.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    row.handover_on = data.handover_on
    row.dossier_submitted_on, row.verified_on, row.approved_on = (
        data.dossier_submitted_on, data.verified_on, data.approved_on)
    row.final_value, row.actual_end, row.difference_reasons = final_value, data.actual_end, reasons
    row.handover_document_id, row.approval_document_id = handover_doc, approval_doc
    row.updated_by_id = actor.id
    records._flush(session)
    return row.id


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class Comparison:
    label: str
    approved: str
    actual: str
    difference: str


@dataclass(frozen=True)
class SettlementView:
    project: Project
    settlement: ProjectSettlement | None
    clocks: list[Clock]
    comparisons: list[Comparison]
    may_edit: bool
    documents: list[tuple[int, str]]        # the project's documents (id, label) for the form


def _comparisons(project: Project, row: ProjectSettlement | None) -> list[Comparison]:
    final_value = row.final_value if row else None
    actual_end = row.actual_end if row else None
    value_diff = "—" if final_value is None else fmt_money(final_value - project.total_investment)
    end_diff = "—" if actual_end is None else f"{(actual_end - project.planned_end).days} ngày"
    return [Comparison("Giá trị (đồng)", fmt_money(project.total_investment),
                       "—" if final_value is None else fmt_money(final_value), value_diff),
            Comparison("Ngày hoàn thành", fmt_date(project.planned_end),
                       "—" if actual_end is None else fmt_date(actual_end), end_diff)]


def settlement_view(session: Session, actor: Actor, project_id: int, today: date | None = None) -> SettlementView:
    """The settlement with its clocks and the comparison with the approved values (NotFound outside scope)."""
    project = records._project(session, actor, project_id)
    try:
        records._require_writer(session, actor, project.kind, project.investor_unit_id)
        may_edit = project.kind == ProjectKind.PUBLIC
    except PermissionDenied:
        may_edit = False
    row = session.scalar(sa.select(ProjectSettlement).where(ProjectSettlement.project_id == project.id))
    today = today or to_local(utcnow()).date()
    found = []
    if row is not None and project.project_group is not None:
        dates = {name: getattr(row, name) for name in DATE_ORDER}
        found = clocks(session, project.project_group, dates, today)
    documents = [(d.id, f"{d.kind.label} số {d.number} ngày {fmt_date(d.signed_on)}")
                 for d in session.scalars(sa.select(ProjectDocument).where(ProjectDocument.project_id == project.id)
                                          .order_by(ProjectDocument.signed_on, ProjectDocument.id))]
    return SettlementView(project, row, found, _comparisons(project, row), may_edit, documents)
