"""The home page's list of days off ahead: public holidays on a weekend are listed too, and say so."""
from __future__ import annotations

from datetime import date

from lib.core.calendar import WorkCalendar
from lib.home import day_off_label, upcoming_days_off


def test_tet_days_on_a_weekend_are_listed_and_marked() -> None:
    days = upcoming_days_off(WorkCalendar(), date(2027, 1, 20))
    assert days[:7] == [
        (date(2027, 2, 4), "29 Tết"),
        (date(2027, 2, 5), "Giao thừa Tết Nguyên Đán"),
        (date(2027, 2, 6), "Tết Nguyên Đán (trùng thứ Bảy)"),
        (date(2027, 2, 7), "Mùng hai Tết Nguyên Đán (trùng Chủ nhật)"),
        (date(2027, 2, 8), "Mùng ba Tết Nguyên Đán"),
        (date(2027, 2, 9), "Mùng bốn Tết Nguyên Đán"),
        (date(2027, 2, 10), "Mùng năm Tết Nguyên Đán"),
    ]


def test_a_holiday_on_a_weekend_and_its_compensating_day_are_both_listed() -> None:
    days = dict(upcoming_days_off(WorkCalendar(), date(2027, 4, 20)))
    assert days[date(2027, 5, 1)] == "Ngày Quốc tế Lao động (trùng thứ Bảy)"
    assert days[date(2027, 5, 3)] == "Ngày Quốc tế Lao động (nghỉ bù)"


def test_the_list_stops_at_the_limit_and_within_a_year() -> None:
    days = upcoming_days_off(WorkCalendar(), date(2026, 11, 22), limit=3)
    assert [d for d, _ in days] == [date(2026, 11, 24), date(2027, 1, 1), date(2027, 2, 4)]
    assert all(d <= date(2027, 11, 23) for d, _ in upcoming_days_off(WorkCalendar(), date(2026, 11, 22), limit=99))


def test_a_weekday_holiday_keeps_its_name() -> None:
    assert day_off_label(date(2026, 9, 2), "Quốc khánh") == "Quốc khánh"
