"""Excel in and out for projects (issue 10 item 9; seed 000 art. 7.1, 7.3, 9.1, 11): the bulk import of projects from
the template — all or nothing, every error by row and column in Vietnamese, the rules of `records.create_project`
(group against total investment by Luật Đầu tư công 58/2024/QH15, capital sources, duplicate codes, investors and
communes, the importer's scope), entry lateness per art. 9.1 — and the export of the project list with its filters."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.errors import PermissionDenied
from lib.core.excel_reader import MAX_UNCOMPRESSED_BYTES
from lib.core.format import fmt_date
from lib.core.models import AuditLog, Unit
from lib.core.services import settings
from lib.core.services.calendar_admin import work_calendar
from lib.projects import excel_export, excel_import, records, rules, texts, views
from lib.projects.enums import CapitalSource, DecidingLevel, ProjectField, ProjectGroup, ProjectStatus
from lib.projects.excel_import import HEADERS, SHEET, SHEET_GUIDE, RowError
from lib.projects.models import Project, ProjectCapitalSource, ProjectLocation, ProjectStatusChange
from tests.unit.core.test_excel_reader import _BILLION_LAUGHS, declared_size_bomb, last_row_bomb, xlsx

TY = 1_000_000_000
EDITOR = "capnhat.sxd"            # Sở Xây dựng's editor
TABLES = (Project, ProjectLocation, ProjectCapitalSource, ProjectStatusChange)


def _today() -> date:
    return local_today()


def _row(**values) -> dict:  # noqa: ANN003
    """A valid group C school project of Sở Xây dựng, by the template's columns; keywords override columns
    (by header, or by a short name: code, name, field, group, level, investor, places, total, start, end, prep)."""
    short = {"code": "Mã dự án", "name": "Tên dự án", "field": "Lĩnh vực", "group": "Nhóm dự án",
             "level": "Cấp quyết định đầu tư", "investor": "Chủ đầu tư", "form": "Hình thức quản lý dự án",
             "places": "Địa điểm (xã, phường)", "total": "Tổng mức đầu tư (đồng)",
             "province": "Ngân sách tỉnh (đồng)", "commune": "Ngân sách xã (đồng)", "start": "Ngày dự kiến bắt đầu",
             "end": "Ngày dự kiến kết thúc", "prep": "Ngày bắt đầu lập chủ trương đầu tư"}
    base = {
        "code": "DA-2026-101", "name": "Trường THCS Mỹ Tho – xây mới khối phòng học", "field": "Loại 4",
        "group": "Nhóm C", "level": "Cấp tỉnh", "investor": "Sở Xây dựng", "form": "Chủ đầu tư trực tiếp quản lý",
        "places": "Phường Mỹ Tho; Xã Chợ Gạo", "total": "45.000.000.000", "province": "40.000.000.000",
        "commune": "5.000.000.000", "start": fmt_date(_today() + timedelta(days=60)),
        "end": fmt_date(_today() + timedelta(days=800)), "prep": fmt_date(_today() - timedelta(days=3)),
    }
    base.update(values)
    return {short.get(k, k): v for k, v in base.items()}


def _fill(template: bytes, rows: list[dict]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb[SHEET]
    for r in range(2, 4):                    # the example row (and a spare) cleared
        for c in range(1, len(HEADERS) + 1):
            ws.cell(row=r, column=c).value = None
    for r, row in enumerate(rows, 2):
        for c, header in enumerate(HEADERS, 1):
            ws.cell(row=r, column=c).value = row.get(header)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template(engine, actor) -> bytes:  # noqa: ANN001
    with session_scope(engine) as s:
        return excel_import.template_bytes(s, actor)


def _import(engine, actor, data: bytes) -> excel_import.ImportResult:  # noqa: ANN001
    with session_scope(engine) as s:
        return excel_import.import_workbook(s, actor, data)


def _file(engine, actors, rows: list[dict], username: str = EDITOR) -> bytes:  # noqa: ANN001
    return _fill(_template(engine, actors[username]), rows)


def _counts(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return {m.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(m)) for m in TABLES}


def _errors(result) -> set[tuple[int, str]]:  # noqa: ANN001
    return {(e.row, e.column) for e in result.errors}


def _project(engine, code: str) -> Project:  # noqa: ANN001
    with session_scope(engine) as s:
        row = s.scalar(sa.select(Project).where(Project.code == code))
        if row is not None:
            s.expunge(row)
        return row


def _refused(engine, actor, data: bytes) -> excel_import.ImportResult:  # noqa: ANN001
    """An import that must fail: nothing written."""
    before = _counts(engine)
    result = _import(engine, actor, data)
    assert not result.ok and result.project_ids == []
    assert _counts(engine) == before
    return result


# ---------------------------------------------------------------- the template

def test_the_template_has_the_columns_an_example_row_and_a_guide_with_the_allowed_values(demo_db, actors):
    wb = load_workbook(io.BytesIO(_template(demo_db, actors[EDITOR])))
    assert wb.sheetnames == [SHEET, SHEET_GUIDE]
    ws = wb[SHEET]
    assert tuple(c.value for c in ws[1]) == HEADERS
    assert {"Mã dự án", "Tên dự án", "Lĩnh vực", "Nhóm dự án", "Cấp quyết định đầu tư", "Chủ đầu tư",
            "Hình thức quản lý dự án", "Địa điểm (xã, phường)", "Tổng mức đầu tư (đồng)", "Ngày dự kiến bắt đầu",
            "Ngày dự kiến kết thúc", "Ngày bắt đầu lập chủ trương đầu tư"} <= set(HEADERS)
    assert {f"{s.label} (đồng)" for s in CapitalSource} <= set(HEADERS)   # one column per capital source
    example = dict(zip(HEADERS, (c.value for c in ws[2])))
    assert example["Mã dự án"] == "DA-2026-101" and example["Chủ đầu tư"] == "Sở Xây dựng"
    guide = [str(c.value) for row in wb[SHEET_GUIDE].iter_rows() for c in row if c.value is not None]
    for value in ["Loại 1", "Loại 4", "Quan trọng quốc gia", "Nhóm A", "Nhóm C", "Trung ương", "Cấp tỉnh", "Cấp xã",
                  "Ngân sách trung ương", "Vốn ODA, vốn vay ưu đãi", "Phường Mỹ Tho", "Xã Lấp Vò"]:
        assert value in guide, value
    assert any("trong 10 ngày làm việc kể từ ngày này" in text for text in guide)      # the setting of art. 9.1
    # An investor's editor is offered its own unit only; Sở Tài chính every active unit.
    investors = [c.value for c in wb[SHEET_GUIDE]["I"][1:] if c.value]
    assert investors == ["Sở Xây dựng"]
    wide = load_workbook(io.BytesIO(_template(demo_db, actors["kehoach.stc"])))
    wide_investors = {c.value for c in wide[SHEET_GUIDE]["I"][1:] if c.value}
    assert {"Sở Xây dựng", "Xã Lấp Vò", "Sở Y tế"} <= wide_investors
    assert "Sở Giao thông vận tải" not in wide_investors               # merged into Sở Xây dựng in 2025


def test_the_example_row_of_the_template_imports_as_it_is(demo_db, actors):
    result = _import(demo_db, actors[EDITOR], _template(demo_db, actors[EDITOR]))
    assert result.ok and result.imported == 1, result.errors
    project = _project(demo_db, "DA-2026-101")
    assert (project.total_investment, project.preparation_start, project.entry_late_days) == (45 * TY, _today(), 0)


# ---------------------------------------------------------------- a good file

def test_a_good_file_imports_every_row_with_its_entry_lateness(demo_db, actors, unit_ids):
    """Art. 9.1: each project is due 10 working days after its preparation began, computed as records does."""
    prep_late = _today() - timedelta(days=60)
    rows = [_row(),
            _row(code="da-2026-102", name="Đường nội thị Phường Cao Lãnh", field="2", group="Dự án nhóm B",
                 places="Phường Cao Lãnh", total=300 * TY, province=None, commune=None,
                 **{"Ngân sách trung ương (đồng)": 200 * TY, "Ngân sách tỉnh (đồng)": 100 * TY},
                 prep=datetime.combine(prep_late, datetime.min.time()), level="Trung ương")]
    before = _counts(demo_db)
    result = _import(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert result.ok, result.errors
    assert result.imported == 2 and result.late == 1
    assert _counts(demo_db)["projects"] == before["projects"] + 2
    first, second = _project(demo_db, "DA-2026-101"), _project(demo_db, "DA-2026-102")
    assert (first.field, first.project_group, first.deciding_level, first.investor_unit_id) == (
        ProjectField.SOCIAL, ProjectGroup.C, DecidingLevel.PROVINCE, unit_ids["SXD"])
    assert first.management_form == "Chủ đầu tư trực tiếp quản lý" and first.status == ProjectStatus.ACTIVE
    assert first.entry_late_days == 0
    with session_scope(demo_db) as s:
        lateness = rules.entry_lateness(work_calendar(s), prep_late,
                                        int(settings.get(s, "project_entry_working_days")), _today())
        detail = records.project_detail(s, actors[EDITOR], first.id)
        second_detail = records.project_detail(s, actors["kehoach.stc"], second.id)
    assert (second.entry_due_on, second.entry_late_days) == (lateness.due, lateness.late_days)
    assert second.entry_late_days > 0 and second.deciding_level == DecidingLevel.CENTRAL
    assert [name for name, _, _ in detail.locations] == ["Phường Mỹ Tho", "Xã Chợ Gạo"]
    assert sorted(detail.capital_sources) == sorted([(CapitalSource.PROVINCE_BUDGET, 40 * TY),
                                                     (CapitalSource.COMMUNE_BUDGET, 5 * TY)])
    assert sorted(second_detail.capital_sources) == sorted([(CapitalSource.CENTRAL_BUDGET, 200 * TY),
                                                            (CapitalSource.PROVINCE_BUDGET, 100 * TY)])


def test_real_excel_dates_and_number_cells_are_read(demo_db, actors):
    row = _row(total=45 * TY, province=40 * TY, commune=5.0 * TY,
               start=datetime.combine(_today() + timedelta(days=10), datetime.min.time()),
               end=_today() + timedelta(days=900), prep=_today() - timedelta(days=2))
    result = _import(demo_db, actors[EDITOR], _file(demo_db, actors, [row]))
    assert result.ok, result.errors
    project = _project(demo_db, "DA-2026-101")
    assert (project.planned_start, project.planned_end, project.preparation_start) == (
        _today() + timedelta(days=10), _today() + timedelta(days=900), _today() - timedelta(days=2))


# ---------------------------------------------------------------- bad rows: nothing saved

def test_one_bad_row_means_nothing_is_saved_and_the_error_names_row_and_column(demo_db, actors):
    rows = [_row(), _row(code="DA-2026-102", prep="31/02/2026"), _row(code="DA-2026-103")]
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert result.errors == [RowError(3, "Ngày bắt đầu lập chủ trương đầu tư",
                                      "Ngày «31/02/2026» không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026.")]
    assert _project(demo_db, "DA-2026-101") is None


def test_every_error_of_the_file_is_reported_by_row_and_column(demo_db, actors):
    rows = [
        _row(name="", field="Loại 9"),                                     # row 2
        _row(code="DA-2026-102", group="Nhóm D", level="Huyện", total="45 tỷ"),   # row 3
        _row(code="DA-2026-103", province="-5", investor="Sở Không Có"),   # row 4
        _row(code="DA-2026-104", start="01/01/2030", end="01/01/2029"),    # row 5: the service's rule
        _row(code="DA-2026-105", prep=fmt_date(_today() + timedelta(days=5))),   # row 6: future
    ]
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert _errors(result) == {
        (2, "Tên dự án"), (2, "Lĩnh vực"), (3, "Nhóm dự án"), (3, "Cấp quyết định đầu tư"),
        (3, "Tổng mức đầu tư (đồng)"), (4, "Chủ đầu tư"), (5, "Ngày dự kiến kết thúc"),
        (6, "Ngày bắt đầu lập chủ trương đầu tư")}
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(2, "Tên dự án")] == "Chưa nhập «Tên dự án» (cột bắt buộc)."
    assert messages[(3, "Nhóm dự án")] == texts.PXL_GROUP.format(value="Nhóm D")
    assert messages[(4, "Chủ đầu tư")] == "Không có đơn vị «Sở Không Có» (xem danh sách chủ đầu tư ở trang «Hướng dẫn»)."
    assert messages[(5, "Ngày dự kiến kết thúc")] == (
        "Ngày dự kiến kết thúc (01/01/2029) không được trước ngày dự kiến bắt đầu (01/01/2030).")
    assert messages[(6, "Ngày bắt đầu lập chủ trương đầu tư")].startswith("Ngày bắt đầu lập chủ trương đầu tư (")


def test_a_negative_capital_source_is_refused_on_its_column(demo_db, actors):
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(province="-5.000.000.000")]))
    assert result.errors == [RowError(2, "Ngân sách tỉnh (đồng)",
                                      "Số vốn của nguồn «Ngân sách tỉnh» phải là số nguyên đồng không âm (đã nhập: "
                                      "-5000000000).")]


def test_capital_sources_above_the_total_are_refused(demo_db, actors):
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(province="44.000.000.000")]))
    (error,) = result.errors
    assert (error.row, error.column) == (2, "Tổng mức đầu tư (đồng)")
    assert error.message.startswith("Tổng các nguồn vốn (") and "vượt tổng mức đầu tư" in error.message


def test_a_group_inconsistent_with_the_total_investment_is_refused(demo_db, actors):
    """Luật Đầu tư công 58/2024/QH15: 300 tỷ in field class 4 (ceiling of group C: 90 tỷ) is group B, not C."""
    row = _row(total="300.000.000.000", province="300.000.000.000", commune=None)
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [row]))
    (error,) = result.errors
    assert (error.row, error.column) == (2, "Nhóm dự án")
    assert error.message.startswith("Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại 4")
    assert "Dự án nhóm B" in error.message and "đã chọn Dự án nhóm C" in error.message


def test_a_code_twice_in_the_file_is_refused_on_the_later_row(demo_db, actors):
    rows = [_row(), _row(code=" da-2026-101 ", name="Dự án khác")]
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert result.errors == [RowError(3, "Mã dự án", "Mã dự án «DA-2026-101» đã dùng ở dòng 2 của tệp. Mỗi dự án "
                                                     "một mã riêng.")]


def test_a_code_already_in_the_database_is_refused(demo_db, actors):
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(code="DT-2024-001")]))
    assert result.errors == [RowError(2, "Mã dự án", texts.PRJ_CODE_TAKEN.format(code="DT-2024-001"))]


def test_an_unknown_commune_is_refused_by_name(demo_db, actors):
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(places="Phường Mỹ Tho; Xã Không Tên")]))
    assert result.errors == [RowError(2, "Địa điểm (xã, phường)", texts.PXL_COMMUNE_UNKNOWN.format(
        value="Xã Không Tên"))]
    # A commune that merged away (Thị trấn Lấp Vò, 1/7/2025) is no longer a place of a new project.
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(places="Thị trấn Lấp Vò")]))
    assert (result.errors[0].row, result.errors[0].column) == (2, "Địa điểm (xã, phường)")


def test_communes_and_investors_are_matched_without_case_or_diacritics(demo_db, actors, unit_ids):
    result = _import(demo_db, actors[EDITOR], _file(demo_db, actors, [_row(places="phuong my tho;  XÃ CHỢ GẠO",
                                                                           investor="so xay dung")]))
    assert result.ok, result.errors
    assert _project(demo_db, "DA-2026-101").investor_unit_id == unit_ids["SXD"]


def test_a_merged_investor_is_refused(demo_db, actors):
    result = _refused(demo_db, actors["kehoach.stc"], _file(demo_db, actors, [_row(investor="Sở Giao thông vận tải")],
                                                            "kehoach.stc"))
    assert result.errors == [RowError(2, "Chủ đầu tư", texts.PRJ_INVESTOR_INVALID)]


def test_a_code_taken_between_the_check_and_the_save_undoes_the_whole_import(demo_db, actors, monkeypatch):
    """Another user saves the same code a moment after the rows were checked: the rows already created in this
    import are undone with it (all or nothing), and the row is named."""
    monkeypatch.setattr(records, "check_new_project", lambda *args, **kwargs: None)
    rows = [_row(), _row(code="DT-2024-001")]
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert result.errors == [RowError(3, "Mã dự án", texts.PRJ_CODE_TAKEN.format(code="DT-2024-001"))]
    assert _project(demo_db, "DA-2026-101") is None


# ---------------------------------------------------------------- scope

def test_an_investor_imports_only_for_its_own_unit(demo_db, actors):
    """Art. 7.1: the investor creates its own projects; a row naming another investor is refused on its cell."""
    rows = [_row(), _row(code="DA-2026-102", investor="Xã Lấp Vò")]
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, rows))
    assert result.errors == [RowError(3, "Chủ đầu tư", texts.PRJ_INVESTOR_OUT_OF_SCOPE)]


def test_the_department_of_finance_and_the_administrator_import_for_any_investor(demo_db, actors, unit_ids):
    rows = [_row(), _row(code="DA-2026-102", investor="Xã Lấp Vò", places="Xã Lấp Vò")]
    result = _import(demo_db, actors["kehoach.stc"], _file(demo_db, actors, rows, "kehoach.stc"))
    assert result.ok, result.errors
    assert _project(demo_db, "DA-2026-102").investor_unit_id == unit_ids["X-LAPVO"]
    result = _import(demo_db, actors["quantri"], _file(demo_db, actors, [_row(code="DA-2026-103", investor="SYT")],
                                                       "quantri"))
    assert result.ok, result.errors
    assert _project(demo_db, "DA-2026-103").investor_unit_id == unit_ids["SYT"]
    with session_scope(demo_db) as s:                      # the investor sees its project, a peer does not
        assert "DA-2026-102" in {r.code for r in records.list_projects(s, actors["capnhat.laplvo"])}
        assert "DA-2026-102" not in {r.code for r in records.list_projects(s, actors[EDITOR])}


@pytest.mark.parametrize("username", ["tracuu.sxd", "lanhdao", "chuyenvien.vp"])
def test_lookup_accounts_leaders_and_others_may_not_import(demo_db, actors, username):
    data = _file(demo_db, actors, [_row()])
    before = _counts(demo_db)
    with pytest.raises(PermissionDenied) as refused, session_scope(demo_db) as s:
        excel_import.import_workbook(s, actors[username], data)
    assert str(refused.value) == texts.PXL_NOT_ALLOWED
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        excel_import.template_bytes(s, actors[username])
    assert _counts(demo_db) == before
    assert not excel_import.may_import(actors[username])


# ---------------------------------------------------------------- the wrong file

def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("data, expected", [
    (_docx(), texts.PXL_NOT_XLSX),
    (b"%PDF-1.4 not a workbook", texts.PXL_NOT_XLSX),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, texts.PXL_XLS),
    (b"", texts.PXL_NOT_XLSX),
    (declared_size_bomb(), vi.XL_TOO_LARGE_UNPACKED.format(mb=MAX_UNCOMPRESSED_BYTES // (1024 * 1024))),
    (xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', sheet=SHEET,
          sheet_prolog=_BILLION_LAUGHS), vi.XL_XML_FORBIDDEN),
    (last_row_bomb(HEADERS, sheet=SHEET), vi.XL_TOO_MANY_ROWS.format(sheet=SHEET, n=excel_import.MAX_ROWS)),
    (last_row_bomb(HEADERS, sheet="Nhiệm vụ"), texts.PXL_NO_SHEET.format(sheet=SHEET)),
], ids=["docx-renamed", "pdf", "xls", "empty", "zip-bomb", "entity-bomb", "last-row", "other-sheet"])
def test_a_wrong_or_hostile_file_gives_one_clear_error_and_nothing_is_saved(demo_db, actors, data, expected):
    result = _refused(demo_db, actors[EDITOR], data)
    assert result.errors == [RowError(0, "", expected)]


def test_a_workbook_without_the_required_columns_is_refused_by_column(demo_db, actors):
    wb = Workbook()
    wb.active.title = SHEET
    wb.active.append(["Mã dự án", "Tên dự án", "Ngân sách tỉnh (đồng)"])
    wb.active.append(["DA-2026-101", "Thiếu cột"])
    out = io.BytesIO()
    wb.save(out)
    result = _refused(demo_db, actors[EDITOR], out.getvalue())
    assert all(e.row == 1 for e in result.errors)
    missing = {e.column for e in result.errors}
    assert {"Lĩnh vực", "Nhóm dự án", "Chủ đầu tư", "Tổng mức đầu tư (đồng)", "Địa điểm (xã, phường)"} <= missing
    assert not {"Mã dự án", "Tên dự án", "Hình thức quản lý dự án", "Ngân sách tỉnh (đồng)"} & missing


def test_an_empty_template_imports_nothing_with_a_clear_error(demo_db, actors):
    result = _refused(demo_db, actors[EDITOR], _file(demo_db, actors, []))
    assert result.errors == [RowError(0, "", texts.PXL_NO_ROWS)]


# ---------------------------------------------------------------- the export

def _sheet_values(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_export_has_exactly_the_filtered_rows_with_the_filters_in_words(demo_db, actors):
    chosen = views.ProjectFilter(status=ProjectStatus.ACTIVE, group=ProjectGroup.B)
    with session_scope(demo_db) as s:
        expected = [r.code for r in views.filter_projects(records.list_projects(s, actors["kehoach.stc"]), chosen)]
        everything = [r.code for r in records.list_projects(s, actors["kehoach.stc"])]
        data = excel_export.projects_workbook(s, actors["kehoach.stc"], chosen)
    assert 0 < len(expected) < len(everything)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    values = _sheet_values(data)
    text = [str(v) for row in values for v in row if v is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "DANH SÁCH DỰ ÁN ĐẦU TƯ CÔNG" in text
    assert "Bộ lọc: Nhóm dự án: Dự án nhóm B; Trạng thái: Đang thực hiện" in text
    stamp = next(t for t in text if t.startswith("Ngày trích xuất: "))
    assert stamp.startswith(f"Ngày trích xuất: {fmt_date(local_today())}") and "Bùi Thị Kim Oanh" in stamp
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    titles = values[header]
    data_rows = [row for row in values[header + 1:] if isinstance(row[0], int)]
    assert [row[titles.index("Mã dự án")] for row in data_rows] == expected
    assert {row[titles.index("Nhóm dự án")] for row in data_rows} == {"Dự án nhóm B"}
    total_col = titles.index("Tổng mức đầu tư (đồng)")
    first = ws.cell(row=header + 2, column=total_col + 1)
    assert isinstance(first.value, int) and first.number_format == "#,##0"    # money: a number with thousands
    assert f"Tổng số: {len(expected)} dòng" in text
    with session_scope(demo_db) as s:
        event = s.scalar(sa.select(AuditLog).where(AuditLog.entity == "projects", AuditLog.action == "export")
                         .order_by(AuditLog.id.desc()))
    assert event is not None and f"({len(expected)} dòng)" in event.summary


def test_the_export_keeps_to_the_actors_scope(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        mine = {r.code for r in records.list_projects(s, actors[EDITOR])}
        data = excel_export.projects_workbook(s, actors[EDITOR], views.ProjectFilter())
    values = _sheet_values(data)
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    codes = {row[1] for row in values[header + 1:] if isinstance(row[0], int)}
    assert codes == mine and codes
    assert "Bộ lọc: không có (tất cả dự án trong phạm vi được xem)" in [v for row in values for v in row]
    with session_scope(demo_db) as s:
        investors = set(s.scalars(sa.select(Project.investor_unit_id).where(Project.code.in_(codes))))
        assert investors == {unit_ids["SXD"]}
        assert s.scalar(sa.select(Unit.name).where(Unit.id == unit_ids["SXD"])).upper() in [
            v for row in values for v in row]                 # the issuing body: the exporter's unit
