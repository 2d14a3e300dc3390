"""What the home page shows everyone: scope counts and the calendar ahead."""
from __future__ import annotations

import calendar as std_calendar
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.access import Actor, data_scope
from lib.calendar import WorkCalendar
from lib.enums import AccountStatus, UnitStatus
from lib.models import Account, Unit
from lib.services.calendar_admin import work_calendar

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Summary:
    unit_name: str
    units_in_scope: int
    active_accounts: int
    working_days_left_in_month: int


def weekday_vi(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def summary(session: Session, actor: Actor, today: date | None = None) -> Summary:
    from lib.calendar import local_today

    today = today or local_today()
    scope = data_scope(session, actor)
    units = session.scalar(sa.select(sa.func.count()).select_from(Unit).where(
        scope.clause(Unit.id), Unit.status == UnitStatus.ACTIVE)) or 0
    accounts = session.scalar(sa.select(sa.func.count()).select_from(Account).where(
        scope.clause(Account.unit_id), Account.status == AccountStatus.ACTIVE)) or 0
    month_end = date(today.year, today.month, std_calendar.monthrange(today.year, today.month)[1])
    left = work_calendar(session).working_days_between(today, month_end)
    unit = session.get(Unit, actor.unit_id)
    return Summary(unit.name if unit else "", units, accounts, left)


def upcoming_days_off(calendar: WorkCalendar, today: date, limit: int = 6) -> list[tuple[date, str]]:
    """Holidays and province days off from today on (weekends left out), at most `limit`."""
    found: list[tuple[date, str]] = []
    for year in (today.year, today.year + 1):
        for day, name in calendar.days_in_year(year):
            if day >= today and day.weekday() < 5 and len(found) < limit:
                found.append((day, name))
    return [(d, n) for d, n in found if d <= today + timedelta(days=366)]
