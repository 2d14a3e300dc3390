"""Reporting periods (seed 002 art. 10.1: tháng, quý, 6 tháng, năm) and their Vietnamese names."""
from __future__ import annotations

import calendar as std_calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def month(year: int, m: int) -> Period:
    return Period(date(year, m, 1), date(year, m, std_calendar.monthrange(year, m)[1]), f"tháng {m:02d}/{year}")


def quarter(year: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    roman = ("I", "II", "III", "IV")[q - 1]
    return Period(date(year, first, 1), month(year, first + 2).end, f"quý {roman} năm {year}")


def half_year(year: int, h: int) -> Period:
    return (Period(date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}") if h == 1
            else Period(date(year, 7, 1), date(year, 12, 31), f"6 tháng cuối năm {year}"))


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), f"năm {y}")


def custom(start: date, end: date) -> Period:
    return Period(start, end, f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")


def presets(today: date) -> dict[str, Period]:
    """The periods a user picks from, containing today."""
    q = (today.month - 1) // 3 + 1
    return {
        "Tháng này": month(today.year, today.month),
        "Quý này": quarter(today.year, q),
        "6 tháng": half_year(today.year, 1 if today.month <= 6 else 2),
        "Năm nay": year(today.year),
        "Năm trước": year(today.year - 1),
    }
