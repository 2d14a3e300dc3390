"""Working days and deadlines: the only place in the product where they are computed.

A working day is Monday–Friday that is not a public holiday, plus the Saturdays/Sundays that the
`holidays` package lists in `weekend_workdays` (swapped days); administrator overrides are applied
last and always win.

Counting is arithmetic: the number of plain Monday–Friday days up to an ordinal is a closed formula,
and the few days whose status differs from that plain rule ("flips": holidays on weekdays, swapped
weekend working days, overrides) are kept in a sorted list with prefix sums, so that
`working_days_between` and `add_working_days` never walk day by day.
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from datetime import MAXYEAR, MINYEAR, date, datetime, time
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

from lib.core.enums import CalendarOverrideKind, Timeliness
from lib.core.errors import ValidationError

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CUTOFF = time(15, 0)  # the 15:00 rule

_MAX_ORDINAL = date.max.toordinal()
_MAX_DAYS_OFF_IN_A_ROW = 366  # a bound for walking back over days off
_MSG_NEGATIVE_DAYS = "Số ngày làm việc không được là số âm."
_MSG_OUT_OF_RANGE = "Thời hạn tính được vượt quá phạm vi lịch cho phép."


# --------------------------------------------------------------------------- time zone helpers


def to_local(moment: datetime) -> datetime:
    """`moment` in Vietnam time. A naive datetime is taken as already local."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        return moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(LOCAL_TZ)


def local_today() -> date:
    """Today's date in Vietnam."""
    return datetime.now(LOCAL_TZ).date()


# --------------------------------------------------------------------------- overrides


def _plain_date(value: date) -> date:
    """A `date` (a `datetime` would never compare equal to a `date` in a set)."""
    return date(value.year, value.month, value.day)


@dataclass(frozen=True)
class Overrides:
    """Days decided by the province that differ from the national calendar."""

    days_off: frozenset[date] = frozenset()  # extra days off decided by the province
    working_days: frozenset[date] = frozenset()  # extra working days (e.g. a make-up Saturday)

    def __post_init__(self) -> None:
        days_off = frozenset(_plain_date(d) for d in self.days_off)
        working_days = frozenset(_plain_date(d) for d in self.working_days)
        both = sorted(days_off & working_days)
        if both:
            raise ValidationError(
                f"Ngày {both[0]:%d/%m/%Y} không thể vừa là ngày nghỉ bổ sung "
                "vừa là ngày làm việc bổ sung."
            )
        object.__setattr__(self, "days_off", days_off)
        object.__setattr__(self, "working_days", working_days)


class EntryBasis(StrEnum):
    """Which rule set an entry deadline (see `WorkCalendar.entry_due`)."""

    URGENT = "urgent"
    WORKING_DAYS = "working_days"
    SAME_DAY = "same_day"
    NEXT_WORKING_DAY = "next_working_day"
    TASK_DEADLINE = "task_deadline"


@dataclass(frozen=True)
class EntryDue:
    issued_on: date
    due: date
    basis: EntryBasis
    working_days: int = 0


# --------------------------------------------------------------------------- package data


@dataclass(frozen=True)
class _PackageYear:
    names: Mapping[date, str]  # holidays (incl. observed and swapped days off) of the year
    weekend_workdays: frozenset[date]  # Saturdays/Sundays of the year that are working days


@lru_cache(maxsize=None)
def _package_year(year: int) -> _PackageYear:
    """The `holidays` package's data for one year (immutable, shared by every calendar)."""
    vn = holidays.VN(language="vi", years=year)
    names = {d: name for d, name in vn.items() if d.year == year}
    # Cross-year swaps are preloaded by the package; same-year ones appear once `year` is populated.
    weekend_workdays = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return _PackageYear(MappingProxyType(names), weekend_workdays)


# --------------------------------------------------------------------------- ordinal arithmetic


def _plain_count(ordinal: int) -> int:
    """Number of Monday–Friday days among ordinals 1..ordinal (ordinal 1 = Monday 1/1/1)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _plain_inverse(count: int) -> int:
    """Smallest ordinal whose `_plain_count` reaches `count` (0 when count <= 0)."""
    if count <= 0:
        return 0
    weeks, rest = divmod(count - 1, 5)
    return 7 * weeks + rest + 1


def _is_plain_working(ordinal: int) -> bool:
    return (ordinal - 1) % 7 < 5


@dataclass(frozen=True)
class _Span:
    """Flips of a contiguous range of loaded years, ready for bisect."""

    first_year: int
    last_year: int
    flips: Mapping[int, bool]  # ordinal -> is working day, only where it differs from Mon–Fri
    ordinals: tuple[int, ...]  # sorted keys of `flips`
    prefix: tuple[int, ...]  # prefix[i] = sum of (+1 working / -1 off) over ordinals[:i]

    def covers(self, first_year: int, last_year: int) -> bool:
        return self.first_year <= first_year and last_year <= self.last_year

    def count(self, ordinal: int) -> int:
        """Working days among ordinals 1..ordinal, as far as the loaded flips go (for differences)."""
        return _plain_count(ordinal) + self.prefix[bisect_right(self.ordinals, ordinal)]

    def nth_after(self, start: int, n: int) -> int:
        """Ordinal of the n-th (n >= 1) working day after `start`, assuming no flip past the span."""
        ordinals, prefix = self.ordinals, self.prefix
        k = bisect_right(ordinals, start)
        target = _plain_count(start) + prefix[k] + n
        low = start + 1
        # Between two flips the offset prefix[k] is constant: solve the plain count directly.
        while True:
            candidate = max(low, _plain_inverse(target - prefix[k]))
            if k == len(ordinals) or candidate < ordinals[k]:
                return candidate
            low = ordinals[k]
            k += 1


def _build_span(first_year: int, last_year: int, flips: dict[int, bool]) -> _Span:
    ordinals = tuple(sorted(flips))
    prefix = [0]
    for ordinal in ordinals:
        prefix.append(prefix[-1] + (1 if flips[ordinal] else -1))
    return _Span(first_year, last_year, MappingProxyType(flips), ordinals, tuple(prefix))


# --------------------------------------------------------------------------- the calendar


class WorkCalendar:
    """Working days of the province: national calendar from `holidays`, then the overrides."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self._overrides = overrides or Overrides()
        self._year_flips: dict[int, dict[int, bool]] = {}
        self._span: _Span | None = None
        self._lock = threading.Lock()

    @property
    def overrides(self) -> Overrides:
        return self._overrides

    # ----------------------------------------------------------------- single days

    def is_working_day(self, d: date) -> bool:
        ordinal = d.toordinal()
        flipped = self._ensure(d.year, d.year).flips.get(ordinal)
        return _is_plain_working(ordinal) if flipped is None else flipped

    def holiday_name(self, d: date) -> str | None:
        """Why `d` is a day off: the package's Vietnamese name, or "Ngày nghỉ bổ sung" for an
        override; None for a working day or a plain weekend day."""
        if self.is_working_day(d):
            return None
        name = _package_year(d.year).names.get(_plain_date(d))
        if name is not None:
            return name
        if _plain_date(d) in self._overrides.days_off:
            return str(CalendarOverrideKind.DAY_OFF.label)  # type: ignore[attr-defined]
        return None

    def days_in_year(self, year: int) -> list[tuple[date, str]]:
        """Named days off of `year` (package holidays and override days off), sorted by date.
        A holiday that an override turned into a working day is not listed."""
        candidates = set(_package_year(year).names)
        candidates.update(d for d in self._overrides.days_off if d.year == year)
        result: list[tuple[date, str]] = []
        for d in sorted(candidates):
            name = self.holiday_name(d)
            if name is not None:
                result.append((d, name))
        return result

    # ----------------------------------------------------------------- counting

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self.add_working_days(d, 1)

    def on_or_next_working_day(self, d: date) -> date:
        return _plain_date(d) if self.is_working_day(d) else self.next_working_day(d)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (`start` never counts); n = 0 gives
        `on_or_next_working_day(start)`."""
        if n < 0:
            raise ValidationError(_MSG_NEGATIVE_DAYS, field="working_days")
        if n == 0:
            return self.on_or_next_working_day(start)
        start_ordinal = start.toordinal()
        last_year = min(MAXYEAR, start.year + 1 + (n * 7 // 5) // 365)
        while True:
            span = self._ensure(start.year, last_year)
            result = span.nth_after(start_ordinal, n)
            if result > _MAX_ORDINAL:
                raise ValidationError(_MSG_OUT_OF_RANGE, field="working_days")
            result_year = date.fromordinal(result).year
            if result_year <= span.last_year:
                return date.fromordinal(result)
            # The answer lies past the loaded years: load them and solve again.
            last_year = min(MAXYEAR, result_year + 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d <= end; the negative mirror when end < start."""
        span = self._ensure(min(start.year, end.year), max(start.year, end.year))
        return span.count(end.toordinal()) - span.count(start.toordinal())

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before `d`."""
        day = _plain_date(d)
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            day = date.fromordinal(day.toordinal() - 1)
            if self.is_working_day(day):
                return day
        raise ValidationError(_MSG_OUT_OF_RANGE)

    # ----------------------------------------------------------------- deadlines

    def due_date_for(self, moment: datetime, working_days: int = 0, *, cutoff: time | None = CUTOFF) -> date:
        """Deadline for something issued at `moment` (the 15:00 rule: after `cutoff`, or on a day off, it
        counts from the next working day), plus `working_days` working days. `cutoff=None`: no shift."""
        if working_days < 0:
            raise ValidationError(_MSG_NEGATIVE_DAYS, field="working_days")
        local = to_local(moment)
        day = local.date()
        if cutoff is None:
            start_day = day
        elif local.time() <= cutoff and self.is_working_day(day):
            start_day = day
        else:
            start_day = self.next_working_day(day)
        return self.add_working_days(start_day, working_days) if working_days > 0 else start_day

    def entry_due(self, issued_at: datetime, *, urgent: bool, working_days: int, cutoff: time | None = CUTOFF,
                  not_after: date | None = None) -> EntryDue:
        """By when a document issued at `issued_at` must be entered into the software.

        - urgent (khẩn, thượng khẩn, hỏa tốc): the day it is issued, with no 15:00 shift (seed 002 art. 8.1, 8.2);
        - `working_days` > 0: that many working days counted from the issue date, with no 15:00 shift
          (seed 002 art. 8.1: 03 days for directives; art. 8.2: 02 days for reports);
        - `working_days` == 0: the day it is issued; issued after `cutoff` (or on a day off): the next working
          day (seed 001 art. 6.3b, 7.5 — the 15:00 rule);
        - never later than `not_after`, the task's own deadline ("và không quá thời hạn thực hiện nhiệm vụ").
        """
        if working_days < 0:
            raise ValidationError(_MSG_NEGATIVE_DAYS, field="working_days")
        issued_on = to_local(issued_at).date()
        if urgent:
            due, basis = issued_on, EntryBasis.URGENT
        elif working_days > 0:
            due, basis = self.add_working_days(issued_on, working_days), EntryBasis.WORKING_DAYS
        else:
            due = self.due_date_for(issued_at, 0, cutoff=cutoff)
            basis = EntryBasis.SAME_DAY if due == issued_on else EntryBasis.NEXT_WORKING_DAY
        if not_after is not None and not_after < due:
            due, basis = max(not_after, issued_on), EntryBasis.TASK_DEADLINE
        return EntryDue(issued_on, due, basis, working_days)

    def deadline_ends_on(self, deadline: date) -> date:
        """The day a deadline really ends: one that falls on a day off ends at the end of the next working
        day (Bộ luật Dân sự 2015, art. 148.5)."""
        return self.on_or_next_working_day(deadline)

    def last_overdue_deadline(self, today: date) -> date:
        """The latest deadline that is overdue on `today`: a deadline is overdue once the working day it ends on
        (art. 148.5) is over, i.e. it is on or before the last working day before `today`."""
        return self.previous_working_day(today)

    def classify_done(self, deadline: date, done_at: datetime | date) -> Timeliness:
        done_on = to_local(done_at).date() if isinstance(done_at, datetime) else done_at
        if done_on < deadline:
            return Timeliness.EARLY
        if done_on <= self.deadline_ends_on(deadline):
            return Timeliness.ON_TIME
        return Timeliness.LATE

    def classify_open(self, deadline: date, today: date, due_soon_days: int) -> Timeliness:
        if today > self.deadline_ends_on(deadline):
            return Timeliness.OVERDUE
        if self.working_days_between(today, deadline) <= due_soon_days:
            return Timeliness.DUE_SOON
        return Timeliness.IN_TIME

    def late_by(self, deadline: date, done_on: date) -> int:
        """Working days late. A deadline on a day off ends on the next working day (art. 148.5); work done on a
        day off counts as done on the next working day, so work done late is always at least one day late
        (e.g. Saturday after a Friday deadline)."""
        ends_on = self.deadline_ends_on(deadline)
        if done_on <= ends_on:
            return 0
        return self.working_days_between(ends_on, self.on_or_next_working_day(done_on))

    # ----------------------------------------------------------------- caches

    def _flips_of_year(self, year: int) -> dict[int, bool]:
        """Days of `year` whose status differs from plain Monday–Friday (cached per year)."""
        cached = self._year_flips.get(year)
        if cached is not None:
            return cached
        package = _package_year(year)
        overrides = self._overrides
        flips: dict[int, bool] = {}
        for d in package.names:
            if d.weekday() < 5:
                flips[d.toordinal()] = False
        for d in package.weekend_workdays:
            flips[d.toordinal()] = True
        _apply_overrides(flips, (d for d in overrides.days_off if d.year == year), working=False)
        _apply_overrides(flips, (d for d in overrides.working_days if d.year == year), working=True)
        self._year_flips[year] = flips
        return flips

    def _ensure(self, first_year: int, last_year: int) -> _Span:
        """A span covering the given years, loading (and caching) what is missing."""
        span = self._span
        if span is not None and span.covers(first_year, last_year):
            return span
        with self._lock:
            span = self._span
            if span is not None and span.covers(first_year, last_year):
                return span
            if span is None:  # start with a margin so that year boundaries need no reload
                first, last = first_year - 1, last_year + 1
            else:
                first, last = min(first_year, span.first_year), max(last_year, span.last_year)
            first, last = max(MINYEAR, first), min(MAXYEAR, last)
            flips: dict[int, bool] = {}
            for year in range(first, last + 1):
                flips.update(self._flips_of_year(year))
            span = _build_span(first, last, flips)
            self._span = span
            return span


def _apply_overrides(flips: dict[int, bool], days: Iterable[date], *, working: bool) -> None:
    """Set the final status of override days, dropping those that end up plain."""
    for d in days:
        ordinal = d.toordinal()
        if working == _is_plain_working(ordinal):
            flips.pop(ordinal, None)
        else:
            flips[ordinal] = working
