"""lib.reports.excel: the official export layout, read back with openpyxl."""
from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from lib.core.enums import Role, UnitStatus
from lib.core.excel import Column, cell_value, excel_filename, official_workbook

UTC = timezone.utc
EXTRACTED_AT = datetime(2026, 11, 22, 7, 5, tzinfo=UTC)  # 14:05 in Vietnam
FONT = "Times New Roman"

COLUMNS = [
    Column("Nội dung", 40),
    Column("Hạn xử lý", 12, "date"),
    Column("Cập nhật lúc", 18, "datetime"),
    Column("Vốn giao", 16, "money"),
    Column("Số văn bản", 10, "int"),
    Column("Tỷ lệ giải ngân", 10, "percent"),
    Column("Điểm", 10, "decimal"),
    Column("Vai trò", 20),
]
# STT + 8 columns = 9 columns, A..I.
LAST = "I"
ROWS: list[tuple[Any, ...]] = [
    ("Nhiệm vụ <một> & hai", date(2026, 3, 5), datetime(2026, 3, 5, 20, 0, tzinfo=UTC),
     Decimal("1234567.5"), 42, 0.875, Decimal("12.5"), Role.LEADER),
    ("=1+1", datetime(2026, 3, 5, 18, 0, tzinfo=UTC), datetime(2026, 3, 5, 1, 2),
     1_000_000_000, 0, Decimal("0.5"), 7, UnitStatus.MERGED),
    (None, None, None, None, None, None, None, None),
]
HEADER_ROW = 8  # issuer 1-2, blank 3, title 4, period 5, stamp 6, blank 7


@dataclass
class Labelled:
    label: str


def build(**overrides: Any) -> Worksheet:
    arguments: dict[str, Any] = dict(
        issuer_parent="UBND tỉnh Đồng Tháp",
        issuer="Văn phòng UBND tỉnh",
        title="Báo cáo nhật ký hệ thống",
        period="Quý IV/2026",
        columns=COLUMNS,
        rows=ROWS,
        extracted_at=EXTRACTED_AT,
        extracted_by="Nguyễn Văn A",
    )
    arguments.update(overrides)
    data = official_workbook(**arguments)
    assert data[:2] == b"PK"
    return load_workbook(io.BytesIO(data)).active


@pytest.fixture(scope="module")
def ws() -> Worksheet:
    return build(notes=["Ghi chú thứ nhất.", "Số liệu do các đơn vị tự cập nhật."])


def merged_range(ws: Worksheet, coordinate: str) -> str | None:
    for merged in ws.merged_cells.ranges:
        if coordinate in merged:
            return merged.coord
    return None


def row_values(ws: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in ws[row]]


def data_cell(ws: Worksheet, data_index: int, column_title: str) -> Cell:
    """The cell of data row `data_index` (0-based) under `column_title`."""
    titles = row_values(ws, HEADER_ROW)
    return ws.cell(row=HEADER_ROW + 1 + data_index, column=titles.index(column_title) + 1)


# --- heading -------------------------------------------------------------------------------


def test_national_title_and_motto_top_right(ws: Worksheet) -> None:
    title, motto = ws["E1"], ws["E2"]
    assert title.value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert motto.value == "Độc lập - Tự do - Hạnh phúc"
    assert title.font.b and motto.font.b
    assert merged_range(ws, "E1") == f"E1:{LAST}1"
    assert merged_range(ws, "E2") == f"E2:{LAST}2"
    assert title.alignment.horizontal == "center"


def test_issuer_lines_top_left(ws: Worksheet) -> None:
    parent, issuer = ws["A1"], ws["A2"]
    assert parent.value == "UBND TỈNH ĐỒNG THÁP"
    assert not parent.font.b
    assert issuer.value == "VĂN PHÒNG UBND TỈNH"
    assert issuer.font.b
    assert merged_range(ws, "A1") == "A1:C1"  # about the first third of 9 columns
    assert merged_range(ws, "A2") == "A2:C2"
    assert ws["A3"].value is None


def test_issuer_alone_without_parent() -> None:
    ws = build(issuer_parent="")
    assert ws["A1"].value == "VĂN PHÒNG UBND TỈNH"
    assert ws["A1"].font.b
    assert ws["A2"].value is None
    assert ws["E1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_title_upper_bold_14_centred_across_all_columns(ws: Worksheet) -> None:
    title = ws["A4"]
    assert title.value == "BÁO CÁO NHẬT KÝ HỆ THỐNG"
    assert title.font.b
    assert title.font.sz == 14
    assert title.font.name == FONT
    assert title.alignment.horizontal == "center"
    assert merged_range(ws, "A4") == f"A4:{LAST}4"


def test_period_line_in_italics(ws: Worksheet) -> None:
    assert ws["A5"].value == "Kỳ báo cáo: Quý IV/2026"
    assert ws["A5"].font.i


def test_extraction_stamp_in_local_time(ws: Worksheet) -> None:
    assert ws["A6"].value == "Ngày trích xuất: 22/11/2026 14:05 — Người trích xuất: Nguyễn Văn A"
    assert ws["A7"].value is None


def test_without_period_and_extractor_everything_moves_up() -> None:
    ws = build(period=None, extracted_by=None)
    assert ws["A5"].value == "Ngày trích xuất: 22/11/2026 14:05"
    assert ws["A6"].value is None
    assert ws["A7"].value == "STT"


def test_heading_cells_use_times_new_roman(ws: Worksheet) -> None:
    for coordinate in ("A1", "A2", "E1", "E2", "A4", "A5", "A6"):
        assert ws[coordinate].font.name == FONT, coordinate


# --- table ---------------------------------------------------------------------------------


def test_header_row_with_stt(ws: Worksheet) -> None:
    assert row_values(ws, HEADER_ROW) == ["STT", *(column.title for column in COLUMNS)]
    for cell in ws[HEADER_ROW]:
        assert cell.font.b and cell.font.name == FONT
        assert cell.alignment.horizontal == "center" and cell.alignment.wrap_text
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert cell.fill.fill_type == "solid"


def test_stt_numbers_the_rows(ws: Worksheet) -> None:
    assert [ws.cell(row=HEADER_ROW + i, column=1).value for i in (1, 2, 3)] == [1, 2, 3]


def test_date_cells_are_real_dates(ws: Worksheet) -> None:
    first = data_cell(ws, 0, "Hạn xử lý")
    assert first.is_date
    assert first.value.date() == date(2026, 3, 5)
    assert first.number_format == "DD/MM/YYYY"
    # A moment given for a date column shows its local day: 18:00 UTC is 01:00 the next day.
    assert data_cell(ws, 1, "Hạn xử lý").value.date() == date(2026, 3, 6)


def test_datetime_cells_are_local(ws: Worksheet) -> None:
    first = data_cell(ws, 0, "Cập nhật lúc")
    assert first.is_date
    assert first.value == datetime(2026, 3, 6, 3, 0)
    assert first.number_format == "DD/MM/YYYY HH:MM"
    assert data_cell(ws, 1, "Cập nhật lúc").value == datetime(2026, 3, 5, 8, 2)  # naive = UTC


def test_money_and_int_are_integers_with_grouping(ws: Worksheet) -> None:
    money = data_cell(ws, 0, "Vốn giao")
    assert money.value == 1_234_568 and type(money.value) is int  # half up
    assert money.number_format == "#,##0"
    assert data_cell(ws, 1, "Vốn giao").value == 1_000_000_000
    count = data_cell(ws, 0, "Số văn bản")
    assert count.value == 42 and count.number_format == "#,##0"
    assert data_cell(ws, 1, "Số văn bản").value == 0


def test_percent_and_decimal(ws: Worksheet) -> None:
    percent = data_cell(ws, 0, "Tỷ lệ giải ngân")
    assert percent.value == pytest.approx(0.875)
    assert percent.number_format == "0.0%"
    assert data_cell(ws, 1, "Tỷ lệ giải ngân").value == pytest.approx(0.5)
    score = data_cell(ws, 0, "Điểm")
    assert score.value == pytest.approx(12.5)
    assert score.number_format == "#,##0.00"


def test_text_is_kept_literally(ws: Worksheet) -> None:
    assert data_cell(ws, 0, "Nội dung").value == "Nhiệm vụ <một> & hai"
    formula_like = data_cell(ws, 1, "Nội dung")
    assert formula_like.value == "=1+1"
    assert formula_like.data_type == "s"  # never a formula


def test_enum_labels(ws: Worksheet) -> None:
    assert data_cell(ws, 0, "Vai trò").value == "Lãnh đạo UBND"
    assert data_cell(ws, 1, "Vai trò").value == "Đã sáp nhập"


def test_none_gives_an_empty_bordered_cell(ws: Worksheet) -> None:
    for title in ("Nội dung", "Hạn xử lý", "Vốn giao", "Tỷ lệ giải ngân", "Vai trò"):
        cell = data_cell(ws, 2, title)
        assert cell.value is None, title
        assert cell.border.left.style == "thin", title


def test_data_cells_style(ws: Worksheet) -> None:
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + len(ROWS)):
        for cell in row:
            assert cell.font.name == FONT, cell.coordinate
            assert not cell.font.b, cell.coordinate
            assert cell.border.top.style == "thin", cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate


def test_total_line_and_notes(ws: Worksheet) -> None:
    total_row = HEADER_ROW + len(ROWS) + 1
    assert ws.cell(row=total_row, column=1).value == "Tổng số: 3 dòng"
    assert ws.cell(row=total_row, column=1).font.name == FONT
    assert ws.cell(row=total_row + 1, column=1).value == "Ghi chú thứ nhất."
    assert ws.cell(row=total_row + 2, column=1).value == "Số liệu do các đơn vị tự cập nhật."
    assert ws.max_row == total_row + 2


def test_zero_rows() -> None:
    ws = build(rows=[])
    assert row_values(ws, HEADER_ROW)[0] == "STT"
    assert ws.cell(row=HEADER_ROW + 1, column=1).value == "Tổng số: 0 dòng"
    assert ws.max_row == HEADER_ROW + 1
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"


def test_many_rows_from_a_generator() -> None:
    def rows() -> Iterator[Sequence[Any]]:
        for i in range(1234):
            yield (f"Dòng {i}", i * 1000)

    ws = build(columns=[Column("Nội dung"), Column("Số tiền", kind="money")], rows=rows())
    last = HEADER_ROW + 1234
    assert ws.cell(row=last, column=1).value == 1234
    assert ws.cell(row=last, column=2).value == "Dòng 1233"
    assert ws.cell(row=last, column=3).value == 1_233_000
    assert ws.cell(row=last + 1, column=1).value == "Tổng số: 1.234 dòng"


def test_objects_with_a_label_attribute() -> None:
    ws = build(columns=[Column("Trạng thái")], rows=[(Labelled("Đang thực hiện"),)])
    assert ws.cell(row=HEADER_ROW + 1, column=2).value == "Đang thực hiện"


# --- page ----------------------------------------------------------------------------------


def test_page_setup_for_printing(ws: Worksheet) -> None:
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"


def test_column_widths(ws: Worksheet) -> None:
    assert ws.column_dimensions["A"].width == pytest.approx(6)
    assert ws.column_dimensions["B"].width == pytest.approx(40)
    assert ws.column_dimensions["C"].width == pytest.approx(12)


def test_sheet_name() -> None:
    assert build().title == "Báo cáo"
    assert build(sheet_name="Nhật ký [Quý IV/2026]").title == "Nhật ký  Quý IV 2026"


# --- errors and helpers --------------------------------------------------------------------


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        Column("Tiền", kind="currency")


def test_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError):
        build(rows=[("chỉ một giá trị",)])


def test_no_columns_is_refused() -> None:
    with pytest.raises(ValueError):
        build(columns=[], rows=[])


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "text", None),
        (float("nan"), "money", None),
        (float("inf"), "decimal", None),
        (True, "text", "Có"),
        (False, "text", "Không"),
        (Role.LEADER, "text", "Lãnh đạo UBND"),
        ("chuông\x07", "text", "chuông"),
        (date(2026, 3, 5), "text", "05/03/2026"),
        (datetime(2026, 3, 5, 7, 7, tzinfo=UTC), "text", "05/03/2026 14:07"),
        (12.5, "money", 13),
        (Decimal("-2.5"), "int", -3),
        (Decimal("0.25"), "percent", 0.25),
        (date(2026, 3, 5), "datetime", datetime(2026, 3, 5)),
        (datetime(2026, 3, 5, 20, 0, tzinfo=UTC), "date", date(2026, 3, 6)),
    ],
)
def test_cell_value(value: Any, kind: str, expected: Any) -> None:
    assert cell_value(value, kind) == expected


@pytest.mark.parametrize(
    ("title", "moment", "expected"),
    [
        ("Báo cáo nhật ký hệ thống", EXTRACTED_AT, "bao-cao-nhat-ky-he-thong_20261122-1405.xlsx"),
        ("Nhiệm vụ: Đôn đốc (Quý IV/2026)", datetime(2026, 12, 31, 17, 30),
         "nhiem-vu-don-doc-quy-iv-2026_20270101-0030.xlsx"),
        ("???", EXTRACTED_AT, "bao-cao_20261122-1405.xlsx"),
    ],
)
def test_excel_filename(title: str, moment: datetime, expected: str) -> None:
    name = excel_filename(title, moment)
    assert name == expected
    assert name.isascii()
