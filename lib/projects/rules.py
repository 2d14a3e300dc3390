"""The rules of a project's record that need no account: the group a total investment gives (Luật Đầu tư công
58/2024/QH15, art. 7–10, thresholds kept as settings) and the entry deadlines in working days with their arithmetic
(seed 000 art. 9.1: a new project within 10 working days; art. 7.2: an approved change within 5)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from lib.core.calendar import WorkCalendar
from lib.core.format import fmt_date, fmt_money_short, fmt_number
from lib.core.services import settings
from lib.projects import texts
from lib.projects.enums import ProjectField, ProjectGroup

BILLION = 1_000_000_000
LAW = "Luật Đầu tư công số 58/2024/QH15"


# ---------------------------------------------------------------- project group

@dataclass(frozen=True)
class GroupThresholds:
    """In tỷ đồng: the national-importance floor, group A's floor and group C's ceiling by field class (1–4)."""

    national_min: int
    a_min: dict[int, int]
    c_max: dict[int, int]


def group_thresholds(session: Session) -> GroupThresholds:
    values = settings.all_settings(session)
    return GroupThresholds(int(values["project_national_min_billion"]),
                           {n: int(values[f"project_group_a_min_{n}"]) for n in range(1, 5)},
                           {n: int(values[f"project_group_c_max_{n}"]) for n in range(1, 5)})


@dataclass(frozen=True)
class GroupRule:
    """The group a total investment gives, the band it falls in and the article that says so."""

    group: ProjectGroup
    band: str
    article: str


def _billion(value: int) -> str:
    return f"{fmt_number(value)} tỷ đồng"


def expected_group(thresholds: GroupThresholds, field: ProjectField, total: int) -> GroupRule:
    """National importance from 30.000 tỷ (art. 7.1); group A from its field's floor (art. 8.2–8.5); group C below
    its field's ceiling (art. 10); group B in between (art. 9)."""
    n = field.field_class
    a_min, c_max = thresholds.a_min[n], thresholds.c_max[n]
    if total >= thresholds.national_min * BILLION:
        return GroupRule(ProjectGroup.NATIONAL, f"từ {_billion(thresholds.national_min)} trở lên",
                         f"{LAW}, Điều 7 khoản 1")
    if total >= a_min * BILLION:
        return GroupRule(ProjectGroup.A, f"từ {_billion(a_min)} trở lên", f"{LAW}, Điều 8 khoản {n + 1}")
    if total < c_max * BILLION:
        return GroupRule(ProjectGroup.C, f"dưới {_billion(c_max)}", f"{LAW}, Điều 10 khoản {n}")
    return GroupRule(ProjectGroup.B, f"từ {_billion(c_max)} đến dưới {_billion(a_min)}", f"{LAW}, Điều 9 khoản {n}")


def group_mismatch(thresholds: GroupThresholds, field: ProjectField, total: int,
                   chosen: ProjectGroup) -> str | None:
    """The Vietnamese message when `chosen` is not the group the total investment gives; None when it is."""
    rule = expected_group(thresholds, field, total)
    if rule.group == chosen:
        return None
    return texts.PRJ_GROUP_MISMATCH.format(field_class=field.field_class, total=fmt_money_short(total),
                                           rule=rule.band, expected=rule.group.label, article=rule.article,
                                           chosen=chosen.label)


# ---------------------------------------------------------------- entry deadlines

@dataclass(frozen=True)
class EntryLateness:
    """An entry deadline: `working_days` after `start`; entered on `entered_on`, `late_days` working days late."""

    start: date
    working_days: int
    due: date
    entered_on: date
    late_days: int


def entry_lateness(calendar: WorkCalendar, start: date, working_days: int, entered_on: date) -> EntryLateness:
    """The deadline is the `working_days`-th working day after `start` (the start day never counts); an entry after
    it is late by the working days between (WorkCalendar.late_by)."""
    due = calendar.add_working_days(start, working_days)
    return EntryLateness(start, working_days, due, entered_on, calendar.late_by(due, entered_on))


def _runs(days: list[date]) -> list[list[date]]:
    """Consecutive days grouped: [[16/02, 17/02, …, 20/02], [31/08], …]."""
    runs: list[list[date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _run_text(run: list[date]) -> str:
    return fmt_date(run[0]) if len(run) == 1 else f"{fmt_date(run[0])}–{fmt_date(run[-1])}"


def _run_name(calendar: WorkCalendar, run: list[date]) -> str:
    """The holiday's name for a run of days off: the name every day's name contains («Tết Nguyên Đán» for «Giao thừa
    Tết Nguyên Đán», «Mùng hai Tết Nguyên Đán»…), else the distinct names in date order."""
    names = list(dict.fromkeys(n for n in (calendar.holiday_name(d) for d in run) if n))
    common = [n for n in names if all(n in other for other in names)]
    return common[0] if common else ", ".join(names)


def _days_off_text(calendar: WorkCalendar, days: list[date]) -> str:
    parts = []
    for run in _runs(days):
        name = _run_name(calendar, run)
        parts.append(f"{_run_text(run)} ({name})" if name else _run_text(run))
    return "; ".join(parts)


def _make_up_text(days: list[date]) -> str:
    return ", ".join(f"{'thứ Bảy' if d.weekday() == 5 else 'Chủ nhật'} {fmt_date(d)}" for d in days)


def _weekday_days_off(calendar: WorkCalendar, first: date, last: date) -> list[date]:
    return [d for d in _days(first, last) if d.weekday() < 5 and not calendar.is_working_day(d)]


def _weekend_working_days(calendar: WorkCalendar, first: date, last: date) -> list[date]:
    return [d for d in _days(first, last) if d.weekday() >= 5 and calendar.is_working_day(d)]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def explain_entry(calendar: WorkCalendar, lateness: EntryLateness, start_label: str, verb: str = "cập nhật") -> str:
    """The working-day arithmetic of an entry deadline, e.g. «Bắt đầu lập chủ trương đầu tư 06/02/2026 + 10 ngày
    làm việc → hạn cập nhật 27/02/2026 (không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán)); cập nhật 03/03/2026:
    chậm 2 ngày làm việc». Weekends are not named; weekday days off and weekend working days are."""
    last = max(lateness.due, lateness.entered_on)
    first = lateness.start + timedelta(days=1)
    notes = []
    off = _weekday_days_off(calendar, first, last)
    if off:
        notes.append(texts.PRJ_SKIPPED.format(days=_days_off_text(calendar, off)))
    make_up = _weekend_working_days(calendar, first, last)
    if make_up:
        notes.append(texts.PRJ_MAKE_UP.format(days=_make_up_text(make_up)))
    text = (f"{start_label} {fmt_date(lateness.start)} + {lateness.working_days} ngày làm việc → hạn {verb} "
            f"{fmt_date(lateness.due)}")
    if notes:
        text += f" ({'; '.join(notes)})"
    verdict = texts.PRJ_LATE_DAYS.format(days=lateness.late_days) if lateness.late_days else texts.PRJ_ON_TIME
    return f"{text}; {verb} {fmt_date(lateness.entered_on)}: {verdict}"
