"""lib.text and lib.format: Vietnamese text folding and display conventions."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from lib.core.errors import ValidationError
from lib.core.format import (LOCAL_TZ, fmt_date, fmt_datetime, fmt_decimal, fmt_money, fmt_money_short, fmt_number,
                             fmt_month, fmt_percent, now_utc, parse_date, parse_money, to_local)
from lib.core.text import contains_folded, fold, in_sentence, nfc

UTC = timezone.utc


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- lib.text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", ""),
        ("  Nhiệm vụ \n", "Nhiệm vụ"),
        (nfd("Đồng Tháp"), "Đồng Tháp"),
        (nfd(" Ủy ban nhân dân "), "Ủy ban nhân dân"),
    ],
)
def test_nfc(raw: str | None, expected: str | None) -> None:
    result = nfc(raw)
    assert result == expected
    if result is not None:
        assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nhiệm vụ  ĐÔN ĐỐC", "nhiem vu don doc"),
        (None, ""),
        ("", ""),
        ("   ", ""),
        (nfd("Đồng Tháp"), "dong thap"),
        ("  Ủy ban\tnhân\n dân ", "uy ban nhan dan"),
        ("đường Đinh Tiên Hoàng", "duong dinh tien hoang"),
        ("Quý IV/2026", "quy iv/2026"),
        ("Kế hoạch số 12/KH-UBND", "ke hoach so 12/kh-ubnd"),
    ],
)
def test_fold(raw: str | None, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [
        ("Nhiệm vụ đôn đốc", "nhiem vu", True),
        ("Nhiệm vụ đôn đốc", "NHIỆM  VỤ", True),
        (nfd("Sở Tài chính"), "tài chính", True),
        ("Sở Tài chính", "tai chanh", False),
        ("Đôn Đốc", "don doc", True),
        (None, "x", False),
        ("abc", "", True),
    ],
)
def test_contains_folded(haystack: str | None, needle: str, expected: bool) -> None:
    assert contains_folded(haystack, needle) is expected


# --- moments -------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "expected"), [
    ("UBND cấp huyện", "UBND cấp huyện"),             # an acronym stays upper-case (issue 8 item 15)
    ("HĐND tỉnh", "HĐND tỉnh"),
    ("Sở, ban, ngành tỉnh", "sở, ban, ngành tỉnh"),
    ("Đã hoàn thành", "đã hoàn thành"),
    ("", ""),
])
def test_in_sentence_keeps_acronyms(label: str, expected: str) -> None:
    assert in_sentence(label) == expected


def test_now_utc_is_aware_utc() -> None:
    now = now_utc()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 5, 20, 0), datetime(2026, 3, 6, 3, 0)),  # naive = UTC
        (datetime(2026, 3, 5, 20, 0, tzinfo=UTC), datetime(2026, 3, 6, 3, 0)),
        (datetime(2026, 3, 5, 9, 0, tzinfo=timezone(timedelta(hours=9))),
         datetime(2026, 3, 5, 7, 0)),
    ],
)
def test_to_local(moment: datetime, expected: datetime) -> None:
    local = to_local(moment)
    assert local.utcoffset() == timedelta(hours=7)
    assert local.replace(tzinfo=None) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (date(2026, 3, 5), "05/03/2026"),
        (date(2026, 12, 31), "31/12/2026"),
        (datetime(2026, 3, 5, 20, 0, tzinfo=UTC), "06/03/2026"),  # 03:00 next day locally
        (datetime(2026, 3, 5, 20, 0), "06/03/2026"),  # naive = UTC
        (datetime(2026, 3, 5, 16, 59, tzinfo=UTC), "05/03/2026"),
        (datetime(2026, 3, 5, 17, 0, tzinfo=UTC), "06/03/2026"),
        (datetime(2026, 3, 5, 23, 30, tzinfo=LOCAL_TZ), "05/03/2026"),
    ],
)
def test_fmt_date(value: date | datetime | None, expected: str) -> None:
    assert fmt_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (datetime(2026, 3, 5, 7, 7, tzinfo=UTC), "05/03/2026 14:07"),
        (datetime(2026, 3, 5, 7, 7), "05/03/2026 14:07"),
        (datetime(2026, 3, 5, 14, 7, 59, tzinfo=LOCAL_TZ), "05/03/2026 14:07"),
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), "01/01/2027 00:00"),
    ],
)
def test_fmt_datetime(value: datetime | None, expected: str) -> None:
    assert fmt_datetime(value) == expected


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567, 0, "1.234.567"),
        (-1234567, 0, "-1.234.567"),
        (12.5, 1, "12,5"),
        (12.5, 2, "12,50"),
        (1234.5, 2, "1.234,50"),
        (Decimal("1234.5"), 0, "1.235"),
        (2.5, 0, "3"),  # half up, not banker's
        (0.125, 2, "0,13"),
        (-2.5, 0, "-3"),
        (-0.001, 2, "0,00"),  # no "-0,00"
        (None, 0, ""),
        (float("nan"), 0, ""),
    ],
)
def test_fmt_number(value: float | Decimal | None, decimals: int, expected: str) -> None:
    assert fmt_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "max_decimals", "expected"),
    [
        (12.50, 2, "12,5"),
        (12.0, 2, "12"),
        (Decimal("12.345"), 2, "12,35"),
        (1.005, 2, "1,01"),  # half up on the written value (round() would give 1.0)
        (1234.5, 2, "1.234,5"),
        (1234567, 2, "1.234.567"),
        (0, 2, "0"),
        (-0.5, 2, "-0,5"),
        (2.5, 0, "3"),
        (None, 2, ""),
    ],
)
def test_fmt_decimal(value: float | Decimal | None, max_decimals: int, expected: str) -> None:
    assert fmt_decimal(value, max_decimals) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đ"),
        (999_999, "999.999 đ"),
        (1_234_567, "1.234.567 đ"),
        (-1_234, "-1.234 đ"),
        (Decimal("999.5"), "1.000 đ"),
        (Decimal("-0.4"), "0 đ"),
        (None, ""),
    ],
)
def test_fmt_money(amount: int | Decimal | None, expected: str) -> None:
    assert fmt_money(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đ"),
        (999_999, "999.999 đ"),
        (-999_999, "-999.999 đ"),
        (1_000_000, "1 triệu đồng"),
        (1_250_000, "1,25 triệu đồng"),
        (1_255_000, "1,26 triệu đồng"),  # half up
        (350_000_000, "350 triệu đồng"),
        (-350_000_000, "-350 triệu đồng"),
        (999_994_999, "999,99 triệu đồng"),
        (999_999_999, "1 tỷ đồng"),  # rounds to 1.000 triệu: shown in tỷ
        (1_000_000_000, "1 tỷ đồng"),
        (12_345_000_000, "12,35 tỷ đồng"),
        (12_344_999_999, "12,34 tỷ đồng"),
        (12_500_000_000, "12,5 tỷ đồng"),
        (-12_500_000_000, "-12,5 tỷ đồng"),
        (1_234_567_890_000, "1.234,57 tỷ đồng"),
        (Decimal("12345000000"), "12,35 tỷ đồng"),
        (None, ""),
    ],
)
def test_fmt_money_short(amount: int | Decimal | None, expected: str) -> None:
    assert fmt_money_short(amount) == expected


@pytest.mark.parametrize(
    ("ratio", "decimals", "expected"),
    [
        (0.875, 1, "87,5%"),
        (1, 1, "100,0%"),
        (0, 1, "0,0%"),
        (0.12345, 2, "12,35%"),
        (Decimal("0.0005"), 1, "0,1%"),
        (-0.05, 1, "-5,0%"),
        (0.5, 0, "50%"),
        (12.5, 0, "1.250%"),
        (None, 1, ""),
    ],
)
def test_fmt_percent(ratio: float | Decimal | None, decimals: int, expected: str) -> None:
    assert fmt_percent(ratio, decimals) == expected


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/2026", date(2026, 3, 5)),
        ("5/3/2026", date(2026, 3, 5)),
        (" 31/12/2026 ", date(2026, 12, 31)),
        ("29/02/2028", date(2028, 2, 29)),
        ("2026-03-05", date(2026, 3, 5)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026", "29/02/2026", "32/01/2026", "00/01/2026", "15/13/2026", "2026-02-30",
        "2026/03/05", "05-03-2026", "5/3/26", "05.03.2026", "abc", "", "05/03/2026 10:00",
        "٠٥/٠٣/٢٠٢٦",
    ],
)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text)
    assert str(caught.value) == f"Ngày «{text.strip()}» không đúng định dạng dd/mm/yyyy."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567", 1_234_567),
        ("1234567", 1_234_567),
        ("1.234.567 đ", 1_234_567),
        ("1.234.567đ", 1_234_567),
        ("1 234 567", 1_234_567),
        ("1\u00a0234\u00a0567", 1_234_567),
        ("  500 đồng ", 500),
        ("2.000.000 VNĐ", 2_000_000),
        ("0", 0),
        ("-1.234", -1_234),
        ("-1234 đ", -1_234),
    ],
)
def test_parse_money(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "  ", "abc", "đ", "1,5", "12.34", "1.234.56", "1.234 567", "1.5 triệu", "--5", "5-",
        "+5", "- 5", "1.234,00", "12a",
    ],
)
def test_parse_money_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text)
    assert str(caught.value) == f"Số tiền «{text.strip()}» không hợp lệ."


@pytest.mark.parametrize(("key", "expected"), [("2026-06", "06/2026"), ("2025-12", "12/2025")])
def test_fmt_month_shows_month_then_year(key: str, expected: str) -> None:
    assert fmt_month(key) == expected
