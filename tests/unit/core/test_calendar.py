"""Working days and deadlines (lib/core/calendar.py), table-driven."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import holidays
import pytest

from lib.core.calendar import LOCAL_TZ, Overrides, WorkCalendar, local_today, to_local
from lib.core.enums import Timeliness
from lib.core.errors import ValidationError

D = date
UTC = timezone.utc


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# --------------------------------------------------------------------------- single days

WORKING_DAY_CASES = [
    # Tết 2026 (Bính Ngọ)
    ("tet2026-fri-13-2-before-tet", D(2026, 2, 13), True),
    ("tet2026-mon-16-2-off", D(2026, 2, 16), False),
    ("tet2026-tue-17-2-off", D(2026, 2, 17), False),
    ("tet2026-wed-18-2-off", D(2026, 2, 18), False),
    ("tet2026-thu-19-2-off", D(2026, 2, 19), False),
    ("tet2026-fri-20-2-off", D(2026, 2, 20), False),
    ("tet2026-mon-23-2-back-to-work", D(2026, 2, 23), True),
    # 30/4 - 1/5 2025 and the swap 2/5 <-> Saturday 26/4
    ("2025-sat-26-4-swapped-working", D(2025, 4, 26), True),
    ("2025-wed-30-4-off", D(2025, 4, 30), False),
    ("2025-thu-1-5-off", D(2025, 5, 1), False),
    ("2025-fri-2-5-swapped-off", D(2025, 5, 2), False),
    ("2025-sat-3-5-plain-weekend", D(2025, 5, 3), False),
    # Ngày Văn hóa Việt Nam, from 2026 only
    ("2026-tue-24-11-culture-day-off", D(2026, 11, 24), False),
    ("2025-mon-24-11-still-working", D(2025, 11, 24), True),
    # Giỗ Tổ 2026 on a Sunday, observed on Monday
    ("2026-sun-26-4-gio-to", D(2026, 4, 26), False),
    ("2026-mon-27-4-gio-to-observed", D(2026, 4, 27), False),
    ("2026-tue-28-4-working", D(2026, 4, 28), True),
    # Quốc khánh 2025: 1/9 + 2/9
    ("2025-mon-1-9-off", D(2025, 9, 1), False),
    ("2025-tue-2-9-off", D(2025, 9, 2), False),
    ("2025-wed-3-9-working", D(2025, 9, 3), True),
    # 2026: 31/8 off swapped with Saturday 22/8
    ("2026-mon-31-8-swapped-off", D(2026, 8, 31), False),
    ("2026-sat-22-8-swapped-working", D(2026, 8, 22), True),
    ("2026-sat-29-8-plain-weekend", D(2026, 8, 29), False),
    ("2026-tue-1-9-off", D(2026, 9, 1), False),
    ("2026-wed-2-9-off", D(2026, 9, 2), False),
    # plain days
    ("plain-wednesday", D(2026, 3, 11), True),
    ("plain-sunday", D(2026, 3, 15), False),
    ("new-year-2026", D(2026, 1, 1), False),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    [pytest.param(d, e, id=i) for i, d, e in WORKING_DAY_CASES],
)
def test_is_working_day(cal: WorkCalendar, day: date, expected: bool) -> None:
    assert cal.is_working_day(day) is expected


HOLIDAY_NAME_CASES = [
    ("culture-day-2026", D(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
    ("gio-to-observed-2026", D(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("swapped-2-5-2025", D(2025, 5, 2), "Ngày nghỉ (thay cho ngày 26/04/2025)"),
    ("tet-day-2026", D(2026, 2, 17), "Tết Nguyên Đán"),
    ("swapped-working-saturday", D(2025, 4, 26), None),
    ("plain-saturday", D(2026, 3, 14), None),
    ("plain-working-day", D(2026, 3, 11), None),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    [pytest.param(d, e, id=i) for i, d, e in HOLIDAY_NAME_CASES],
)
def test_holiday_name(cal: WorkCalendar, day: date, expected: str | None) -> None:
    assert cal.holiday_name(day) == expected


def test_days_in_year_2026_lists_exactly_the_days_off(cal: WorkCalendar) -> None:
    days = cal.days_in_year(2026)
    assert [d for d, _ in days] == [
        D(2026, 1, 1),
        D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
        D(2026, 4, 26), D(2026, 4, 27),
        D(2026, 4, 30), D(2026, 5, 1),
        D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2),
        D(2026, 11, 24),
    ]
    assert dict(days)[D(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"


def test_days_in_year_2025_has_swapped_day_off_not_the_working_saturday(cal: WorkCalendar) -> None:
    days = dict(cal.days_in_year(2025))
    assert D(2025, 5, 2) in days
    assert D(2025, 4, 26) not in days
    assert D(2025, 11, 24) not in days


# --------------------------------------------------------------------------- counting

ADD_CASES = [
    ("tet2026-fri-plus-1-jumps-tet", D(2026, 2, 13), 1, D(2026, 2, 23)),
    ("tet2026-fri-plus-2", D(2026, 2, 13), 2, D(2026, 2, 24)),
    ("zero-on-working-day-is-itself", D(2026, 2, 13), 0, D(2026, 2, 13)),
    ("zero-on-tet-is-next-working-day", D(2026, 2, 14), 0, D(2026, 2, 23)),
    ("plain-week", D(2026, 3, 6), 5, D(2026, 3, 13)),
    ("fri-plus-1-is-monday", D(2026, 3, 6), 1, D(2026, 3, 9)),
    ("2025-fri-plus-1-is-swapped-saturday", D(2025, 4, 25), 1, D(2025, 4, 26)),
    ("2025-tue-29-4-plus-1-skips-30-4-to-4-5", D(2025, 4, 29), 1, D(2025, 5, 5)),
    ("2026-fri-21-8-plus-1-is-swapped-saturday", D(2026, 8, 21), 1, D(2026, 8, 22)),
    ("2026-fri-28-8-plus-1-skips-31-8-to-2-9", D(2026, 8, 28), 1, D(2026, 9, 3)),
    ("2026-gio-to-fri-24-4-plus-1", D(2026, 4, 24), 1, D(2026, 4, 28)),
    ("2026-mon-23-11-plus-1-skips-culture-day", D(2026, 11, 23), 1, D(2026, 11, 25)),
    ("2025-fri-21-11-plus-1-is-mon-24-11", D(2025, 11, 21), 1, D(2025, 11, 24)),
    ("across-new-year", D(2025, 12, 31), 1, D(2026, 1, 2)),
]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [pytest.param(s, n, e, id=i) for i, s, n, e in ADD_CASES],
)
def test_add_working_days(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected


def test_add_working_days_negative_raises_vietnamese_message(cal: WorkCalendar) -> None:
    with pytest.raises(ValidationError) as info:
        cal.add_working_days(D(2026, 3, 11), -1)
    assert "Số ngày làm việc" in str(info.value)


NEXT_CASES = [
    ("next-after-working-day", D(2026, 3, 11), D(2026, 3, 12), D(2026, 3, 11)),
    ("next-after-friday-before-gio-to", D(2026, 4, 24), D(2026, 4, 28), D(2026, 4, 24)),
    ("from-gio-to-sunday", D(2026, 4, 26), D(2026, 4, 28), D(2026, 4, 28)),
    ("from-tet-eve", D(2026, 2, 16), D(2026, 2, 23), D(2026, 2, 23)),
]


@pytest.mark.parametrize(
    ("day", "expected_next", "expected_on_or_next"),
    [pytest.param(d, n, o, id=i) for i, d, n, o in NEXT_CASES],
)
def test_next_and_on_or_next_working_day(
    cal: WorkCalendar, day: date, expected_next: date, expected_on_or_next: date
) -> None:
    assert cal.next_working_day(day) == expected_next
    assert cal.on_or_next_working_day(day) == expected_on_or_next


BETWEEN_CASES = [
    ("across-tet-2026", D(2026, 2, 13), D(2026, 2, 23), 1),
    ("across-tet-2026-wider", D(2026, 2, 12), D(2026, 2, 24), 3),
    ("across-weekend", D(2026, 3, 6), D(2026, 3, 9), 1),
    ("one-plain-week", D(2026, 3, 6), D(2026, 3, 13), 5),
    ("mirror-across-tet", D(2026, 2, 23), D(2026, 2, 13), -1),
    ("mirror-one-week", D(2026, 3, 13), D(2026, 3, 6), -5),
    ("same-working-day", D(2026, 3, 11), D(2026, 3, 11), 0),
    ("same-holiday", D(2026, 2, 17), D(2026, 2, 17), 0),
    ("saturday-to-sunday", D(2026, 3, 14), D(2026, 3, 15), 0),
    ("across-new-year", D(2025, 12, 31), D(2026, 1, 2), 1),
    ("april-may-2025-with-swap", D(2025, 4, 25), D(2025, 5, 5), 4),
    # 261 weekdays - 13 weekday holidays + Saturday 22/8
    ("whole-2026", D(2025, 12, 31), D(2026, 12, 31), 249),
]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [pytest.param(s, e, x, id=i) for i, s, e, x in BETWEEN_CASES],
)
def test_working_days_between(cal: WorkCalendar, start: date, end: date, expected: int) -> None:
    assert cal.working_days_between(start, end) == expected


# --------------------------------------------------------------------------- the 15:00 rule

DUE_CASES = [
    ("14h59-same-day", datetime(2026, 3, 11, 14, 59), 0, D(2026, 3, 11)),
    ("15h00-same-day", datetime(2026, 3, 11, 15, 0), 0, D(2026, 3, 11)),
    ("15h00m30s-is-after-15h", datetime(2026, 3, 11, 15, 0, 30), 0, D(2026, 3, 12)),
    ("15h01-next-working-day", datetime(2026, 3, 11, 15, 1), 0, D(2026, 3, 12)),
    ("friday-15h01-monday", datetime(2026, 3, 13, 15, 1), 0, D(2026, 3, 16)),
    ("wed-29-4-2026-15h01-to-mon-4-5", datetime(2026, 4, 29, 15, 1), 0, D(2026, 5, 4)),
    ("saturday-morning-monday", datetime(2026, 3, 14, 9, 0), 0, D(2026, 3, 16)),
    ("holiday-morning-next-day", datetime(2026, 11, 24, 9, 0), 0, D(2026, 11, 25)),
    ("swapped-saturday-morning-same-day", datetime(2025, 4, 26, 9, 0), 0, D(2025, 4, 26)),
    ("utc-07h59-is-14h59-local", datetime(2026, 3, 11, 7, 59, tzinfo=UTC), 0, D(2026, 3, 11)),
    ("utc-08h30-is-15h30-local", datetime(2026, 3, 11, 8, 30, tzinfo=UTC), 0, D(2026, 3, 12)),
    ("utc-18h00-is-01h00-next-day", datetime(2026, 3, 11, 18, 0, tzinfo=UTC), 0, D(2026, 3, 12)),
    (
        "plus7-offset-15h00",
        datetime(2026, 3, 11, 15, 0, tzinfo=timezone(timedelta(hours=7))),
        0,
        D(2026, 3, 11),
    ),
    ("plus-1-before-tet", datetime(2026, 2, 13, 10, 0), 1, D(2026, 2, 23)),
    ("plus-1-after-15h-before-tet", datetime(2026, 2, 13, 16, 0), 1, D(2026, 2, 24)),
    ("plus-3-after-15h-29-4-2026", datetime(2026, 4, 29, 15, 1), 3, D(2026, 5, 7)),
]


@pytest.mark.parametrize(
    ("moment", "working_days", "expected"),
    [pytest.param(m, n, e, id=i) for i, m, n, e in DUE_CASES],
)
def test_due_date_for(cal: WorkCalendar, moment: datetime, working_days: int, expected: date) -> None:
    assert cal.due_date_for(moment, working_days) == expected


def test_due_date_for_negative_days_raises(cal: WorkCalendar) -> None:
    with pytest.raises(ValidationError):
        cal.due_date_for(datetime(2026, 3, 11, 9, 0), -1)


TO_LOCAL_CASES = [
    ("naive-is-local", datetime(2026, 3, 11, 9, 0), datetime(2026, 3, 11, 9, 0)),
    ("utc-plus-7", datetime(2026, 3, 11, 20, 0, tzinfo=UTC), datetime(2026, 3, 12, 3, 0)),
]


@pytest.mark.parametrize(
    ("moment", "wall_clock"),
    [pytest.param(m, w, id=i) for i, m, w in TO_LOCAL_CASES],
)
def test_to_local(moment: datetime, wall_clock: datetime) -> None:
    local = to_local(moment)
    assert local.utcoffset() == timedelta(hours=7)
    assert local.replace(tzinfo=None) == wall_clock


def test_local_today_is_vietnam_date() -> None:
    before = datetime.now(LOCAL_TZ).date()
    today = local_today()
    after = datetime.now(LOCAL_TZ).date()
    assert before <= today <= after


# --------------------------------------------------------------------------- classification

DONE_CASES = [
    ("day-before-early", datetime(2026, 3, 10, 23, 59), Timeliness.EARLY),
    ("deadline-midnight-on-time", datetime(2026, 3, 11, 0, 0), Timeliness.ON_TIME),
    ("deadline-evening-on-time", datetime(2026, 3, 11, 23, 59), Timeliness.ON_TIME),
    ("day-after-late", datetime(2026, 3, 12, 0, 1), Timeliness.LATE),
    ("utc-17h30-on-deadline-is-next-day-local-late", datetime(2026, 3, 11, 17, 30, tzinfo=UTC), Timeliness.LATE),
    ("utc-17h30-day-before-is-deadline-local-on-time", datetime(2026, 3, 10, 17, 30, tzinfo=UTC), Timeliness.ON_TIME),
]


@pytest.mark.parametrize(
    ("done_at", "expected"),
    [pytest.param(d, e, id=i) for i, d, e in DONE_CASES],
)
def test_classify_done(cal: WorkCalendar, done_at: datetime, expected: Timeliness) -> None:
    assert cal.classify_done(D(2026, 3, 11), done_at) is expected


OPEN_CASES = [
    ("deadline-yesterday-overdue", D(2026, 3, 13), D(2026, 3, 14), 3, Timeliness.OVERDUE),
    ("deadline-long-ago-overdue", D(2026, 3, 13), D(2026, 4, 1), 3, Timeliness.OVERDUE),
    ("deadline-today-window-0-due-soon", D(2026, 3, 13), D(2026, 3, 13), 0, Timeliness.DUE_SOON),
    ("deadline-today-window-2-due-soon", D(2026, 3, 13), D(2026, 3, 13), 2, Timeliness.DUE_SOON),
    ("deadline-today-negative-window-in-time", D(2026, 3, 13), D(2026, 3, 13), -1, Timeliness.IN_TIME),
    ("2-working-days-window-2-due-soon", D(2026, 3, 13), D(2026, 3, 11), 2, Timeliness.DUE_SOON),
    ("2-working-days-window-1-in-time", D(2026, 3, 13), D(2026, 3, 11), 1, Timeliness.IN_TIME),
    ("monday-deadline-seen-friday-due-soon", D(2026, 3, 16), D(2026, 3, 13), 1, Timeliness.DUE_SOON),
    ("after-tet-deadline-seen-before-tet-due-soon", D(2026, 2, 23), D(2026, 2, 13), 1, Timeliness.DUE_SOON),
    ("far-deadline-in-time", D(2026, 4, 15), D(2026, 3, 11), 3, Timeliness.IN_TIME),
]


@pytest.mark.parametrize(
    ("deadline", "today", "window", "expected"),
    [pytest.param(d, t, w, e, id=i) for i, d, t, w, e in OPEN_CASES],
)
def test_classify_open(
    cal: WorkCalendar, deadline: date, today: date, window: int, expected: Timeliness
) -> None:
    assert cal.classify_open(deadline, today, window) is expected


LATE_BY_CASES = [
    ("done-before-deadline", D(2026, 3, 13), D(2026, 3, 12), 0),
    ("done-on-deadline", D(2026, 3, 13), D(2026, 3, 13), 0),
    ("done-saturday-after-friday-deadline", D(2026, 3, 13), D(2026, 3, 14), 1),
    ("done-monday-after-friday-deadline", D(2026, 3, 13), D(2026, 3, 16), 1),
    ("done-tuesday-after-friday-deadline", D(2026, 3, 13), D(2026, 3, 17), 2),
    ("done-after-tet", D(2026, 2, 13), D(2026, 2, 23), 1),
    ("done-during-tet", D(2026, 2, 13), D(2026, 2, 18), 1),
    ("done-a-week-late-with-gio-to", D(2026, 4, 24), D(2026, 5, 5), 4),
]


@pytest.mark.parametrize(
    ("deadline", "done_on", "expected"),
    [pytest.param(d, o, e, id=i) for i, d, o, e in LATE_BY_CASES],
)
def test_late_by(cal: WorkCalendar, deadline: date, done_on: date, expected: int) -> None:
    assert cal.late_by(deadline, done_on) == expected


# --------------------------------------------------------------------------- overrides

EXTRA_OFF = D(2026, 3, 11)  # a Wednesday the province gives off
EXTRA_SATURDAY = D(2026, 3, 14)  # a make-up Saturday
TET_DAY_WORKED = D(2026, 2, 17)  # override beats the package: a Tết day made working
CULTURE_DAY_WORKED = D(2026, 11, 24)
SWAPPED_SATURDAY_OFF = D(2025, 4, 26)  # override beats the package: the swapped Saturday made off


@pytest.fixture(scope="module")
def ocal() -> WorkCalendar:
    return WorkCalendar(
        Overrides(
            days_off=frozenset({EXTRA_OFF, SWAPPED_SATURDAY_OFF}),
            working_days=frozenset({EXTRA_SATURDAY, TET_DAY_WORKED, CULTURE_DAY_WORKED}),
        )
    )


OVERRIDE_DAY_CASES = [
    ("extra-day-off-weekday", EXTRA_OFF, False, "Ngày nghỉ bổ sung"),
    ("extra-working-saturday", EXTRA_SATURDAY, True, None),
    ("override-makes-tet-day-working", TET_DAY_WORKED, True, None),
    ("override-makes-culture-day-working", CULTURE_DAY_WORKED, True, None),
    (
        "override-makes-swapped-saturday-off",
        SWAPPED_SATURDAY_OFF,
        False,
        "Ngày nghỉ bổ sung",
    ),
    ("untouched-tet-day-still-off", D(2026, 2, 18), False, "Mùng hai Tết Nguyên Đán"),
]


@pytest.mark.parametrize(
    ("day", "working", "name"),
    [pytest.param(d, w, n, id=i) for i, d, w, n in OVERRIDE_DAY_CASES],
)
def test_override_days(ocal: WorkCalendar, day: date, working: bool, name: str | None) -> None:
    assert ocal.is_working_day(day) is working
    assert ocal.holiday_name(day) == name


OVERRIDE_ADD_CASES = [
    ("extra-day-off-shifts-plus-1", D(2026, 3, 10), 1, D(2026, 3, 12)),
    ("extra-saturday-counts", D(2026, 3, 13), 1, D(2026, 3, 14)),
    ("tet-day-worked-counts", D(2026, 2, 13), 1, D(2026, 2, 17)),
    ("tet-day-worked-then-tet-again", D(2026, 2, 13), 2, D(2026, 2, 23)),
    ("swapped-saturday-off-skipped", D(2025, 4, 25), 1, D(2025, 4, 28)),
    ("zero-on-extra-day-off", EXTRA_OFF, 0, D(2026, 3, 12)),
]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [pytest.param(s, n, e, id=i) for i, s, n, e in OVERRIDE_ADD_CASES],
)
def test_override_add_working_days(ocal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert ocal.add_working_days(start, n) == expected


OVERRIDE_BETWEEN_CASES = [
    ("week-with-extra-day-off", D(2026, 3, 6), D(2026, 3, 13), 4),
    ("weekend-with-extra-saturday", D(2026, 3, 13), D(2026, 3, 16), 2),
    ("across-tet-with-worked-day", D(2026, 2, 13), D(2026, 2, 23), 2),
    ("mirror-week-with-extra-day-off", D(2026, 3, 13), D(2026, 3, 6), -4),
]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [pytest.param(s, e, x, id=i) for i, s, e, x in OVERRIDE_BETWEEN_CASES],
)
def test_override_working_days_between(
    ocal: WorkCalendar, start: date, end: date, expected: int
) -> None:
    assert ocal.working_days_between(start, end) == expected


def test_override_days_in_year(ocal: WorkCalendar) -> None:
    days = ocal.days_in_year(2026)
    dates = [d for d, _ in days]
    assert dates == sorted(dates)
    assert (EXTRA_OFF, "Ngày nghỉ bổ sung") in days
    assert TET_DAY_WORKED not in dates
    assert CULTURE_DAY_WORKED not in dates
    assert D(2026, 2, 18) in dates


def test_overrides_conflict_raises() -> None:
    with pytest.raises(ValidationError) as info:
        Overrides(days_off=frozenset({EXTRA_OFF}), working_days=frozenset({EXTRA_OFF}))
    assert "11/03/2026" in str(info.value)


def test_overrides_accept_datetimes_as_dates() -> None:
    calendar = WorkCalendar(Overrides(days_off=frozenset({datetime(2026, 3, 11, 8, 0)})))
    assert calendar.is_working_day(D(2026, 3, 11)) is False


# --------------------------------------------------------------------------- equivalence with the naive definition

FIRST, LAST = D(2019, 1, 1), D(2030, 12, 31)
RANDOM_OVERRIDES = Overrides(
    days_off=frozenset(
        {D(2019, 1, 2), D(2021, 6, 15), D(2023, 12, 29), D(2025, 4, 26), D(2027, 1, 1), D(2030, 12, 31)}
    ),
    working_days=frozenset(
        {D(2020, 1, 4), D(2022, 12, 31), D(2024, 2, 10), D(2026, 2, 17), D(2029, 1, 1), D(2030, 12, 28)}
    ),
)


class NaiveCalendar:
    """The definition, day by day, straight from the package's own `is_working_day`."""

    def __init__(self, overrides: Overrides) -> None:
        self._vn = holidays.VN(language="vi", years=range(2017, 2034))
        self._overrides = overrides
        self._memo: dict[date, bool] = {}  # the package is slow per call; remember each answer

    def is_working_day(self, d: date) -> bool:
        answer = self._memo.get(d)
        if answer is None:
            answer = self._memo[d] = self._decide(d)
        return answer

    def _decide(self, d: date) -> bool:
        if d in self._overrides.working_days:
            return True
        if d in self._overrides.days_off:
            return False
        return bool(self._vn.is_working_day(d))

    def between(self, start: date, end: date) -> int:
        low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
        count, d = 0, low
        while d < high:
            d += timedelta(days=1)
            count += self.is_working_day(d)
        return sign * count

    def add(self, start: date, n: int) -> date:
        d = start
        if n == 0:
            while not self.is_working_day(d):
                d += timedelta(days=1)
            return d
        while n:
            d += timedelta(days=1)
            n -= self.is_working_day(d)
        return d


def _random_day(rng: random.Random) -> date:
    return FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))


@pytest.mark.parametrize(
    "overrides",
    [pytest.param(Overrides(), id="no-overrides"), pytest.param(RANDOM_OVERRIDES, id="with-overrides")],
)
def test_fast_counting_equals_naive_definition(overrides: Overrides) -> None:
    rng = random.Random(20260216)
    naive = NaiveCalendar(overrides)
    fast = WorkCalendar(overrides)
    # First touch in the middle, so the cached span has to grow in both directions later.
    assert fast.is_working_day(D(2025, 6, 2)) is naive.is_working_day(D(2025, 6, 2))

    d = FIRST
    while d <= LAST:
        assert fast.is_working_day(d) is naive.is_working_day(d), d
        d += timedelta(days=1)

    for _ in range(800):
        start, end = _random_day(rng), _random_day(rng)
        assert fast.working_days_between(start, end) == naive.between(start, end), (start, end)

    for _ in range(400):
        start = _random_day(rng)
        n = rng.choice([0, 1, 2, 3, 5, 10, 22, rng.randrange(0, 300), rng.randrange(0, 1500)])
        assert fast.add_working_days(start, n) == naive.add(start, n), (start, n)


def test_add_working_days_grows_cache_across_many_years() -> None:
    naive = NaiveCalendar(RANDOM_OVERRIDES)
    fast = WorkCalendar(RANDOM_OVERRIDES)
    start = D(2019, 3, 1)
    result = fast.add_working_days(start, 2500)
    assert result == naive.add(start, 2500)
    assert fast.working_days_between(start, result) == 2500


# --------------------------------------------------------------------------- a deadline on a day off (art. 148.5)

# Bộ luật Dân sự 2015 art. 148.5: «Khi ngày cuối cùng của thời hạn là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì thời
# hạn kết thúc tại thời điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó.»
SATURDAY = D(2026, 3, 14)


def test_a_deadline_on_a_day_off_ends_on_the_next_working_day(cal: WorkCalendar) -> None:
    assert cal.deadline_ends_on(SATURDAY) == D(2026, 3, 16)
    assert cal.deadline_ends_on(D(2026, 4, 30)) == D(2026, 5, 4)  # 30/4, 1/5 and the weekend
    assert cal.deadline_ends_on(D(2026, 3, 13)) == D(2026, 3, 13)


def test_a_report_on_the_next_working_day_after_a_day_off_deadline_is_on_time(cal: WorkCalendar) -> None:
    assert cal.classify_done(SATURDAY, datetime(2026, 3, 16, 16, 0, tzinfo=LOCAL_TZ)) is Timeliness.ON_TIME
    assert cal.classify_done(SATURDAY, datetime(2026, 3, 17, 8, 0, tzinfo=LOCAL_TZ)) is Timeliness.LATE
    assert cal.late_by(SATURDAY, D(2026, 3, 16)) == 0
    assert cal.late_by(SATURDAY, D(2026, 3, 17)) == 1
    assert cal.late_by(D(2026, 4, 30), D(2026, 5, 5)) == 1


def test_a_day_off_deadline_is_overdue_only_after_the_next_working_day(cal: WorkCalendar) -> None:
    assert cal.classify_open(SATURDAY, D(2026, 3, 16), 0) is Timeliness.DUE_SOON
    assert cal.classify_open(SATURDAY, D(2026, 3, 17), 3) is Timeliness.OVERDUE
    # The bound the SQL uses: overdue deadlines are those on or before the last working day before today.
    assert cal.last_overdue_deadline(D(2026, 3, 17)) == D(2026, 3, 16)
    assert cal.last_overdue_deadline(D(2026, 3, 16)) == D(2026, 3, 13)
    assert cal.previous_working_day(D(2026, 5, 4)) == D(2026, 4, 29)


# --------------------------------------------------------------------------- entry deadlines (seeds 001, 002)

def _at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("issued_at", "urgent", "days", "not_after", "due", "basis"),
    [
        pytest.param(_at(2026, 12, 2, 16, 30), True, 0, None, D(2026, 12, 2), "urgent", id="urgent-no-1500-shift"),
        pytest.param(_at(2026, 12, 2, 16, 30), True, 3, None, D(2026, 12, 2), "urgent", id="urgent-over-3-days"),
        pytest.param(_at(2026, 12, 2, 14, 0), False, 0, None, D(2026, 12, 2), "same_day", id="same-day"),
        pytest.param(_at(2026, 12, 4, 15, 1), False, 0, None, D(2026, 12, 7), "next_working_day",
                     id="after-1500-friday-monday"),
        pytest.param(_at(2026, 4, 28, 16, 0), False, 3, None, D(2026, 5, 5), "working_days",
                     id="3-days-from-issue-date-no-shift"),
        pytest.param(_at(2026, 4, 28, 10, 0), False, 3, D(2026, 4, 29), D(2026, 4, 29), "task_deadline",
                     id="not-past-task-deadline"),
        pytest.param(_at(2026, 12, 2, 16, 30), False, 0, D(2026, 12, 2), D(2026, 12, 2), "task_deadline",
                     id="after-1500-but-task-due-that-day"),
    ],
)
def test_entry_due(cal: WorkCalendar, issued_at: datetime, urgent: bool, days: int, not_after: date | None,
                   due: date, basis: str) -> None:
    result = cal.entry_due(issued_at, urgent=urgent, working_days=days, not_after=not_after)
    assert (result.due, result.basis.value) == (due, basis)
