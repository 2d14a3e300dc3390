"""Vietnamese display conventions: dd/mm/yyyy, "." for thousands, "," for decimals, money in đồng.

Moments are stored in UTC (naive datetimes are UTC); they are shown in Asia/Ho_Chi_Minh time.
Rounding is always half up (12,345 -> 12,35), never banker's rounding.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from lib.core.errors import ValidationError

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

Number = int | float | Decimal

_ONE_BILLION = Decimal(1_000_000_000)
_ONE_MILLION = Decimal(1_000_000)


# --- Moments -------------------------------------------------------------------------------


def now_utc() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def to_local(dt: datetime) -> datetime:
    """Convert `dt` to Asia/Ho_Chi_Minh (aware). A naive `dt` is taken as UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(LOCAL_TZ)


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def fmt_date(d: date | datetime | None) -> str:
    """"05/03/2026"; a datetime is first converted to local time; None gives ""."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = to_local(d).date()
    return _dmy(d)


def fmt_datetime(dt: datetime | None) -> str:
    """"05/03/2026 14:07" in local time; None gives ""."""
    if dt is None:
        return ""
    local = to_local(dt)
    return f"{_dmy(local)} {local.hour:02d}:{local.minute:02d}"


# --- Numbers -------------------------------------------------------------------------------


def _to_decimal(x: Number) -> Decimal | None:
    """Exact Decimal of `x` (a float through its shortest repr); None when not finite."""
    value = x if isinstance(x, Decimal) else Decimal(str(x)) if isinstance(x, float) else Decimal(x)
    return value if value.is_finite() else None


def _round(value: Decimal, decimals: int) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded  # no "-0"


def _vn_digits(value: Decimal, decimals: int) -> str:
    """Format an already rounded value with Vietnamese separators."""
    english = f"{value:,.{decimals}f}"
    return english.translate(str.maketrans({",": ".", ".": ","}))


def fmt_month(year_month: str) -> str:
    """A 'YYYY-MM' key (as grouped in SQL) shown as 'MM/YYYY'."""
    year, month = year_month.split("-")
    return f"{month}/{year}"


def fmt_number(x: Number | None, decimals: int = 0) -> str:
    """Fixed decimals: 1234567 -> "1.234.567", fmt_number(12.5, 2) -> "12,50". None/NaN -> ""."""
    if x is None:
        return ""
    value = _to_decimal(x)
    if value is None:
        return ""
    return _vn_digits(_round(value, decimals), decimals)


def fmt_decimal(x: Number | None, max_decimals: int = 2) -> str:
    """Up to `max_decimals`, trailing zeros trimmed: 12.50 -> "12,5", 12.0 -> "12"."""
    if x is None:
        return ""
    value = _to_decimal(x)
    if value is None:
        return ""
    return _fmt_trimmed(value, max_decimals)


def _fmt_trimmed(value: Decimal, max_decimals: int) -> str:
    rounded = _round(value, max_decimals)
    text = _vn_digits(rounded, max_decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def fmt_money(amount: Number | None) -> str:
    """Whole đồng: 1234567 -> "1.234.567 đ", -1234 -> "-1.234 đ". None -> ""."""
    if amount is None:
        return ""
    value = _to_decimal(amount)
    if value is None:
        return ""
    return f"{_vn_digits(_round(value, 0), 0)} đ"


def fmt_money_short(amount: Number | None) -> str:
    """Readable amount: "12,5 tỷ đồng", "350 triệu đồng", below one million as fmt_money.

    Up to two decimals, trailing zeros trimmed, rounded half up; an amount that rounds to
    1.000 triệu is shown as "1 tỷ đồng".
    """
    if amount is None:
        return ""
    value = _to_decimal(amount)
    if value is None:
        return ""
    if abs(value) >= _ONE_MILLION:
        millions = _round(value / _ONE_MILLION, 2)
        if abs(millions) < 1000:
            return f"{_fmt_trimmed(millions, 2)} triệu đồng"
        return f"{_fmt_trimmed(value / _ONE_BILLION, 2)} tỷ đồng"
    return fmt_money(value)


def fmt_percent(x: Number | None, decimals: int = 1) -> str:
    """A ratio as a percentage: 0.875 -> "87,5%" (same convention as Excel's 0.0% format)."""
    if x is None:
        return ""
    value = _to_decimal(x)
    if value is None:
        return ""
    return f"{_vn_digits(_round(value * 100, decimals), decimals)}%"


# --- Parsing -------------------------------------------------------------------------------

_DMY_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_CURRENCY_RE = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)
_AMOUNT_RE = re.compile(r"-?(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+)", re.ASCII)


def parse_date(s: str) -> date:
    """Read "dd/mm/yyyy", "d/m/yyyy" or ISO "yyyy-mm-dd"; ValidationError otherwise."""
    text = (s or "").strip()
    error = ValidationError(f"Ngày «{text}» không đúng định dạng dd/mm/yyyy.")
    if match := _DMY_RE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_RE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise error
    try:
        return date(year, month, day)
    except ValueError:
        raise error from None


def parse_money(s: str) -> int:
    """Read a whole amount of đồng: "1.234.567", "1234567", "1.234.567 đ", "1 234 567".

    A negative amount needs a leading "-". ValidationError otherwise.
    """
    text = (s or "").strip()
    error = ValidationError(f"Số tiền «{text}» không hợp lệ.")
    body = _CURRENCY_RE.sub("", text.replace("\u00a0", " ").replace("\u202f", " "))
    if not _AMOUNT_RE.fullmatch(body):
        raise error
    return int(body.replace(".", "").replace(" ", ""))
