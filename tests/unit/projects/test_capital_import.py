"""The capital-plan import from an Excel template (issue 10 item 9; seed 000 art. 5.6): all-or-nothing, every error
by row and column in Vietnamese (unknown project code, a project outside the importer's scope, a negative plan, a
private project); Sở Tài chính imports for any project, an investor's editor for its own."""
from __future__ import annotations

import io
from datetime import date as D, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.core.errors import PermissionDenied
from lib.projects import capital, capital_import
from lib.projects.capital_import import HEADERS
from lib.projects.enums import CapitalSource as S, ProjectKind
from lib.projects.finance_models import CapitalPlanLine
from lib.projects.models import Project

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LOCAL_TZ)
SXD_CODE, LAPVO_CODE = "DT-2024-001", "DT-2025-007"     # demo projects of Sở Xây dựng and Xã Lấp Vò


def workbook(rows: list[list], headers: tuple[str, ...] = HEADERS) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = capital_import.SHEET
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def line_count(engine) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(CapitalPlanLine))


def run(engine, actor, data: bytes) -> capital_import.ImportResult:  # noqa: ANN001
    with session_scope(engine) as s:
        return capital_import.import_workbook(s, actor, data, now=NOW)


def good_rows() -> list[list]:
    return [
        [SXD_CODE, 2021, "Ngân sách tỉnh", "giao", 20_000_000_000, "15/QĐ-UBND", "10/01/2021", "UBND tỉnh Đồng Tháp"],
        [SXD_CODE, "2021", "ngan sach tinh", "Điều chỉnh", "-5.000.000.000", "90/QĐ-UBND", D(2021, 6, 1),
         "UBND tỉnh Đồng Tháp"],
        [LAPVO_CODE, 2021, "Ngân sách xã", "năm trước chuyển sang", 3_000_000_000, "2/QĐ-UBND", "05/01/2021",
         "UBND xã Lấp Vò"],
    ]


def test_the_department_of_finance_imports_every_line(demo_db, actors):
    before = line_count(demo_db)
    result = run(demo_db, actors["kehoach.stc"], workbook(good_rows()))
    assert result.ok and len(result.line_ids) == 3
    assert line_count(demo_db) == before + 3
    with session_scope(demo_db) as s:
        sxd = s.scalar(sa.select(Project.id).where(Project.code == SXD_CODE))
        assert capital.plan_amount(s, sxd, 2021, S.PROVINCE_BUDGET) == 15_000_000_000


def test_errors_by_row_and_column_and_nothing_saved(demo_db, actors):
    with session_scope(demo_db) as s:
        private = s.scalar(sa.select(Project.code).where(Project.kind == ProjectKind.PRIVATE))
    rows = good_rows() + [
        ["DA-KHONG-CO", 2021, "Ngân sách tỉnh", "giao", 1_000_000_000, "1/QĐ", "01/02/2021", "UBND tỉnh"],
        [SXD_CODE, 2021, "Ngân sách tỉnh", "giao", -2_000_000_000, "1/QĐ", "01/02/2021", "UBND tỉnh"],
        [SXD_CODE, 2021, "Ngân sách tỉnh", "điều chỉnh", -16_000_000_000, "2/QĐ", "01/03/2021", "UBND tỉnh"],
        [private, 2021, "Nguồn vốn khác", "giao", 1_000_000_000, "3/QĐ", "01/02/2021", "UBND tỉnh"],
        [SXD_CODE, 2021, "Ngân sách huyện", "cấp", "mười tỷ", "4/QĐ", "31/02/2021", ""],
    ]
    before = line_count(demo_db)
    result = run(demo_db, actors["kehoach.stc"], workbook(rows))
    assert not result.ok and line_count(demo_db) == before                          # all or nothing
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(5, "Mã dự án")] == "Không có dự án mã «DA-KHONG-CO»."
    assert "lớn hơn 0" in found[(6, "Số tiền (đồng)")]                              # a negative plan given
    assert "kế hoạch vốn âm" in found[(7, "Số tiền (đồng)")]                         # 15 tỷ − 16 tỷ (rows 2–3 count)
    assert "dự án đầu tư tư nhân" in found[(8, "Mã dự án")]
    assert set(found) >= {(9, "Nguồn vốn"), (9, "Loại"), (9, "Số tiền (đồng)"), (9, "Ngày quyết định"),
                          (9, "Cơ quan ban hành")}
    assert "Ngân sách huyện" in found[(9, "Nguồn vốn")]


def test_an_investor_imports_only_its_own_projects(demo_db, actors):
    before = line_count(demo_db)
    result = run(demo_db, actors["capnhat.sxd"], workbook(good_rows()))
    assert [(e.row, e.column) for e in result.errors] == [(4, "Mã dự án")]
    assert "không thuộc chủ đầu tư của bạn" in result.errors[0].message
    assert line_count(demo_db) == before
    assert run(demo_db, actors["capnhat.sxd"], workbook(good_rows()[:2])).ok
    with pytest.raises(PermissionDenied):
        run(demo_db, actors["tracuu.sxd"], workbook(good_rows()[:1]))


def test_a_wrong_file_is_refused_in_vietnamese(demo_db, actors):
    assert "không phải là tệp Excel" in run(demo_db, actors["kehoach.stc"], b"not a workbook").errors[0].message
    result = run(demo_db, actors["kehoach.stc"], workbook([], headers=HEADERS[:-1]))
    assert result.errors[0].message.startswith("Thiếu cột «Cơ quan ban hành»")
    assert run(demo_db, actors["kehoach.stc"], workbook([])).errors[0].message.startswith("Tệp không có dòng dữ liệu")


def test_the_template_lists_the_columns_and_the_actors_projects(demo_db, actors):
    with session_scope(demo_db) as s:
        data = capital_import.template_bytes(s, actors["capnhat.sxd"])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in wb[capital_import.SHEET][1]] == list(HEADERS)
    codes = [r[0] for r in wb[capital_import.SHEET_GUIDE].iter_rows(values_only=True)]
    assert SXD_CODE in codes and LAPVO_CODE not in codes
