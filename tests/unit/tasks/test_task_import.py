"""Bulk entry from Excel: the template, a round trip, every error by row and column, all-or-nothing."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.tasks.enums import DocType, Urgency
from lib.core.errors import PermissionDenied
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent
from lib.core import vi
from lib.tasks import leaders, excel_import as task_import, stats as task_stats, workflow as tasks
from lib.tasks.queries import TaskFilter
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.excel_import import HEADERS, SHEET_GUIDE, SHEET_TASKS, RowError
from lib.core.format import fmt_date
from tests.unit.core_helpers import leader_id

OFFICER = "chuyenvien.vp"


def _today():  # noqa: ANN202
    return local_today()


def _issued():  # noqa: ANN202
    return _today() - timedelta(days=10)


def _row(**values) -> dict:  # noqa: ANN003
    """A valid row (document 9101/UBND-TH of UBND, one task for SXD); keyword arguments override columns."""
    base = {
        "Loại văn bản": "Công văn", "Số ký hiệu": "9101/UBND-TH", "Trích yếu": "Về việc thử nghiệm nhập từ Excel",
        "Ngày ban hành": fmt_date(_issued()), "Giờ ban hành": "09:30", "Cơ quan ban hành": "UBND",
        "Người chỉ đạo": "Nguyễn Văn Thành", "Người ký": "Nguyễn Văn Thành", "Độ khẩn": "Thường",
        "Nội dung nhiệm vụ": "Rà soát, báo cáo tiến độ dự án", "Đơn vị chủ trì": "SXD", "Đơn vị phối hợp": "",
        "Thời hạn": fmt_date(_today() + timedelta(days=20)), "Số ngày làm việc": "", "Dài hạn": "",
        "Người theo dõi": OFFICER, "Công khai": "Có", "Người soạn thảo": OFFICER,
    }
    base.update({k.replace("_", " "): v for k, v in values.items()})
    base.setdefault("Tệp văn bản đã ký", f"{base['Số ký hiệu'] or 'phieu'}.pdf".replace("/", "-"))
    return base


def _fill(template: bytes, rows: list[dict]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb[SHEET_TASKS]
    for r, row in enumerate(rows, 2):
        for c, header in enumerate(HEADERS, 1):
            ws.cell(row=r, column=c, value=row.get(header))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template(engine) -> bytes:  # noqa: ANN001
    with session_scope(engine) as s:
        return task_import.template_bytes(s)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _named_files(data: bytes) -> dict[str, bytes]:
    """A signed PDF for every file the workbook names (what the officer uploads with it)."""
    try:
        ws = load_workbook(io.BytesIO(data))[SHEET_TASKS]
    except Exception:  # noqa: BLE001 — not a workbook: nothing named
        return {}
    column = HEADERS.index(task_import.C_FILE)
    return {row[column]: PDF for row in ws.iter_rows(min_row=2, values_only=True)
            if len(row) > column and row[column]}


def _import(engine, actor, data: bytes,  # noqa: ANN001
            files: dict[str, bytes] | None = None) -> task_import.ImportResult:
    with session_scope(engine) as s:
        return task_import.import_workbook(s, actor, data, _named_files(data) if files is None else files)


def _counts(engine) -> tuple[int, int, int, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return tuple(s.scalar(sa.select(sa.func.count()).select_from(m)) or 0
                     for m in (DirectiveDocument, Task, TaskCoUnit, TaskEvent))


def _errors(result) -> set[tuple[int, str]]:  # noqa: ANN001
    return {(e.row, e.column) for e in result.errors}


# ---------------------------------------------------------------- the template

def test_the_template_has_the_columns_and_a_guide_with_the_valid_values(demo_db, unit_ids):
    wb = load_workbook(io.BytesIO(_template(demo_db)))
    assert wb.sheetnames == [SHEET_TASKS, SHEET_GUIDE]
    header = [c.value for c in wb[SHEET_TASKS][1]]
    assert header == list(HEADERS)
    assert header[:4] == ["Loại văn bản", "Số ký hiệu", "Trích yếu", "Ngày ban hành"]
    assert wb[SHEET_TASKS].max_row == task_import.TEMPLATE_ROWS + 1   # pre-formatted, but no data
    guide = [c for row in wb[SHEET_GUIDE].iter_rows(values_only=True) for c in row if c is not None]
    for expected in ["Công văn", "Thông báo kết luận", "Hỏa tốc", "SXD", "Sở Xây dựng", "X-LAPVO", OFFICER,
                     "Lê Thị Hồng Nhung", "Số ngày làm việc", "Dài hạn"]:
        assert expected in guide, expected
    assert "SGTVT" not in guide, "a merged unit is not offered"
    # Drop-down lists point at the guide.
    formulas = {dv.formula1 for dv in wb[SHEET_TASKS].data_validations.dataValidation}
    assert any(SHEET_GUIDE in f for f in formulas) and '"Có,Không"' in formulas


def test_an_empty_template_imports_nothing_with_a_clear_error(demo_db, actors):
    result = _import(demo_db, actors[OFFICER], _template(demo_db))
    assert not result.ok and [e.row for e in result.errors] == [0]
    assert "không có dòng dữ liệu" in result.errors[0].message


# ---------------------------------------------------------------- round trip

def test_three_rows_for_two_documents_are_imported(demo_db, actors, unit_ids):
    before = _counts(demo_db)
    rows = [
        _row(Đơn_vị_phối_hợp="SNV; stc"),
        _row(Nội_dung_nhiệm_vụ="Phối hợp kiểm tra hiện trường", Đơn_vị_chủ_trì="X-LAPVO", Thời_hạn="",
             Số_ngày_làm_việc="10", Công_khai="Không"),
        _row(Số_ký_hiệu="9102/QĐ-UBND", Loại_văn_bản="Quyết định", Trích_yếu="Ban hành kế hoạch thử nghiệm",
             Độ_khẩn="Khẩn", Giờ_ban_hành="", Nội_dung_nhiệm_vụ="Theo dõi thường xuyên", Thời_hạn="",
             Dài_hạn="Có"),
    ]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))

    assert result.ok, result.errors
    assert (result.documents, result.tasks) == (2, 3)
    after = _counts(demo_db)
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (2, 3, 2)
    with session_scope(demo_db) as s:
        first, second = (s.scalar(sa.select(DirectiveDocument).where(DirectiveDocument.id == i))
                         for i in result.document_ids)
        assert first.number_symbol == "9101/UBND-TH" and first.doc_type == DocType.CONG_VAN
        assert first.issued_time == time(9, 30) and first.issuer_unit_id == unit_ids["UBND"]
        assert first.drafter_id == actors[OFFICER].id and first.leader_id == leader_id(s, "Nguyễn Văn Thành")
        assert first.directed_by_name == "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"  # the list's title and name
        one, two = first.tasks
        assert {c.unit_id for c in one.co_units} == {unit_ids["SNV"], unit_ids["STC"]}
        assert one.deadline == _today() + timedelta(days=20) and one.follower_id == actors[OFFICER].id
        assert two.lead_unit_id == unit_ids["X-LAPVO"] and not two.is_public
        assert two.deadline == work_calendar(s).add_working_days(_issued(), 10)
        assert second.doc_type == DocType.QUYET_DINH and second.urgency == Urgency.URGENT
        [third] = second.tasks
        assert third.long_term and third.deadline is None and third.follower_id == actors[OFFICER].id
        assert first.attachment_id and second.attachment_id


def test_real_excel_dates_and_times_are_read(demo_db, actors):
    issued = _issued()
    rows = [_row(Ngày_ban_hành=datetime.combine(issued, time()), Giờ_ban_hành=time(16, 5),
                 Thời_hạn=datetime.combine(issued + timedelta(days=30), time()), Số_ngày_làm_việc=None)]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert result.ok, result.errors
    with session_scope(demo_db) as s:
        doc = s.get(DirectiveDocument, result.document_ids[0])
        assert doc.issued_on == issued and doc.issued_time == time(16, 5)
        assert doc.tasks[0].deadline == issued + timedelta(days=30)


# ---------------------------------------------------------------- errors by row and column

def test_every_error_is_reported_by_row_and_column_and_nothing_is_written(demo_db, actors):
    issued = _issued()
    with session_scope(demo_db) as s:  # a document already in the database
        tasks.create_document(s, actors[OFFICER], tasks.DocumentInput(
            DocType.CONG_VAN, "9150/UBND-TH", "Đã nhập trước", issued, s.scalar(sa.text(
                "select id from units where code = 'UBND'")), leader_id(s, "Nguyễn Văn Thành"), "Nguyễn Văn Thành",
            drafter_id=actors[OFFICER].id),
            [tasks.TaskInput("Việc cũ", s.scalar(sa.text("select id from units where code = 'SXD'")),
                             deadline=issued + timedelta(days=5), follower_id=actors[OFFICER].id)],
            signed_file=tasks.Upload("cu.pdf", PDF))
    before = _counts(demo_db)
    rows = [
        _row(),                                                                  # 2: valid
        _row(Số_ký_hiệu="9103/UBND-TH", Ngày_ban_hành="31/02/2026"),             # 3: bad date
        _row(Số_ký_hiệu="9104/UBND-TH", Đơn_vị_chủ_trì="SXX"),                   # 4: unknown unit
        _row(Số_ký_hiệu="9150/UBND-TH"),                                         # 5: number already in DB
        _row(Số_ký_hiệu="9105/UBND-TH", Thời_hạn=""),                            # 6: no deadline, not long-term
        _row(Số_ký_hiệu="9106/UBND-TH",                                          # 7: deadline before issue date
             Thời_hạn=fmt_date(issued - timedelta(days=1))),
        _row(Số_ký_hiệu="9107 UBND"),                                            # 8: number format
        _row(Trích_yếu="Một trích yếu khác"),                                    # 9: same document, other fields
        _row(Số_ký_hiệu="9101/QĐ-UBND", Loại_văn_bản="Quyết định"),              # 10: số 9101 used in row 2
        _row(Số_ký_hiệu="9108/UBND-TH", Đơn_vị_phối_hợp="SNV;SGTVT",             # 11: merged co-unit, bad days,
             Số_ngày_làm_việc="mười", Dài_hạn="Chắc chắn", Người_theo_dõi="capnhat.sxd"),  # yes/no, follower
        _row(Số_ký_hiệu="9109/UBND-TH", Loại_văn_bản="Văn bản mật", Giờ_ban_hành="25:00",   # 12
             Độ_khẩn="Rất khẩn", Người_ký=""),
    ]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))

    assert not result.ok and (result.documents, result.tasks) == (0, 0)
    assert _counts(demo_db) == before, "nothing is written when any row has an error"
    found = _errors(result)
    assert found == {
        (3, "Ngày ban hành"), (4, "Đơn vị chủ trì"), (5, "Số ký hiệu"), (6, "Thời hạn"), (7, "Thời hạn"),
        (8, "Số ký hiệu"), (9, "Trích yếu"), (10, "Số ký hiệu"),
        (11, "Đơn vị phối hợp"), (11, "Số ngày làm việc"), (11, "Dài hạn"), (11, "Người theo dõi"),
        (12, "Loại văn bản"), (12, "Giờ ban hành"), (12, "Độ khẩn"), (12, "Người ký"),
    }
    by_cell = {(e.row, e.column): e.message for e in result.errors}
    assert "31/02/2026" in by_cell[(3, "Ngày ban hành")] and "dd/mm/yyyy" in by_cell[(3, "Ngày ban hành")]
    assert "SXX" in by_cell[(4, "Đơn vị chủ trì")]
    assert "đã được dùng" in by_cell[(5, "Số ký hiệu")] and "9150/UBND-TH" in by_cell[(5, "Số ký hiệu")]
    assert by_cell[(6, "Thời hạn")].startswith("Chưa có thời hạn xử lý"), "the «Nhiệm vụ 1:» prefix is dropped"
    assert "không được trước ngày ban hành" in by_cell[(7, "Thời hạn")]
    assert "thể thức" in by_cell[(8, "Số ký hiệu")]
    assert "dòng 2" in by_cell[(9, "Trích yếu")]
    assert "dòng 2" in by_cell[(10, "Số ký hiệu")]
    assert "sáp nhập" in by_cell[(11, "Đơn vị phối hợp")]
    assert by_cell[(12, "Người ký")] == "Vui lòng nhập người ký."
    assert [e.row for e in result.errors] == sorted(e.row for e in result.errors)


def test_a_document_refused_as_a_whole_still_has_its_tasks_checked(demo_db, actors):
    future = fmt_date(_today() + timedelta(days=3))
    rows = [_row(Ngày_ban_hành=future, Thời_hạn=fmt_date(_today() + timedelta(days=10))),
            _row(Ngày_ban_hành=future, Thời_hạn="", Nội_dung_nhiệm_vụ="Việc thứ hai")]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert _errors(result) == {(2, "Ngày ban hành"), (3, "Thời hạn")}


def test_one_bad_row_means_nothing_is_imported(demo_db, actors):
    before = _counts(demo_db)
    rows = [_row(), _row(Nội_dung_nhiệm_vụ="Việc thứ hai"),
            _row(Số_ký_hiệu="9110/UBND-TH", Cơ_quan_ban_hành="KHONGCO")]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert [(e.row, e.column) for e in result.errors] == [(4, "Cơ quan ban hành")]
    assert _counts(demo_db) == before
    # Fixed: the same file goes in whole.
    rows[2]["Cơ quan ban hành"] = "UBND"
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert result.ok and (result.documents, result.tasks) == (2, 3)


# ---------------------------------------------------------------- the wrong file

def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("data, expected", [
    (_docx(), task_import.ERR_NOT_XLSX),
    (b"%PDF-1.4 not a workbook", task_import.ERR_NOT_XLSX),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, task_import.ERR_XLS),
    (b"", task_import.ERR_NOT_XLSX),
], ids=["docx-renamed", "pdf", "xls", "empty"])
def test_a_file_that_is_not_an_xlsx_gives_one_clear_error(demo_db, actors, data, expected):
    before = _counts(demo_db)
    result = _import(demo_db, actors[OFFICER], data)
    assert result.errors == [RowError(0, "", expected)]
    assert _counts(demo_db) == before


def test_a_workbook_without_the_columns_is_refused_by_column(demo_db, actors):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = SHEET_TASKS
    wb.active.append(["Số ký hiệu", "Trích yếu"])
    wb.active.append(["9111/UBND-TH", "Thiếu cột"])
    out = io.BytesIO()
    wb.save(out)
    result = _import(demo_db, actors[OFFICER], out.getvalue())
    missing = {e.column for e in result.errors}
    assert all(e.row == 1 for e in result.errors)
    assert {"Loại văn bản", "Ngày ban hành", "Cơ quan ban hành", "Nội dung nhiệm vụ", "Đơn vị chủ trì"} <= missing
    assert "Số ký hiệu" not in missing


def test_only_office_officers_may_import(demo_db, actors):
    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        task_import.import_workbook(s, actors["capnhat.sxd"], _fill(_template(demo_db), [_row()]))


# ---------------------------------------------------------------- seed fidelity (issue 8, item 10)

def test_the_import_requires_the_drafter_the_follower_and_the_signed_file(demo_db, actors):
    """The same fields as the form: drafter and signed file (seed 001 art. 6.3a), follower (seed 002 art. 8.1đ)."""
    before = _counts(demo_db)
    rows = [_row(Người_soạn_thảo=""),
            _row(Số_ký_hiệu="9121/UBND-TH", Người_theo_dõi=""),
            _row(Số_ký_hiệu="9122/UBND-TH", Tệp_văn_bản_đã_ký=""),
            _row(Số_ký_hiệu="9123/UBND-TH", Tệp_văn_bản_đã_ký="khong-tai-len.pdf"),
            _row(Số_ký_hiệu="9124/UBND-TH", Người_soạn_thảo="capnhat.sxd")]
    data = _fill(_template(demo_db), rows)
    files = {name: PDF for name in _named_files(data) if name != "khong-tai-len.pdf"}
    result = _import(demo_db, actors[OFFICER], data, files)
    assert _errors(result) == {(2, "Người soạn thảo"), (3, "Người theo dõi"), (4, "Tệp văn bản đã ký"),
                               (5, "Tệp văn bản đã ký"), (6, "Người soạn thảo")}
    by_cell = {(e.row, e.column): e.message for e in result.errors}
    assert "khong-tai-len.pdf" in by_cell[(5, "Tệp văn bản đã ký")]
    assert _counts(demo_db) == before
    wb = load_workbook(io.BytesIO(_template(demo_db)))
    assert {"Người soạn thảo", "Tệp văn bản đã ký", "Người theo dõi"} <= {c.value for c in wb[SHEET_TASKS][1]}


def test_an_online_opinion_form_is_imported_without_a_number(demo_db, actors):
    """Seed 001 art. 6.3a: a phiếu lấy ý kiến qua mạng needs no number or symbol; a công văn still does."""
    form = dict(Loại_văn_bản="Phiếu lấy ý kiến qua mạng", Số_ký_hiệu="", Trích_yếu="Lấy ý kiến dự thảo quy chế")
    rows = [_row(**form), _row(**form, Nội_dung_nhiệm_vụ="Góp ý dự thảo lần hai")]
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows + [_row(Số_ký_hiệu="")]))
    assert _errors(result) == {(4, "Số ký hiệu")}
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert result.ok, result.errors
    assert (result.documents, result.tasks) == (1, 2)
    with session_scope(demo_db) as s:
        doc = s.get(DirectiveDocument, result.document_ids[0])
        assert (doc.doc_type, doc.number, doc.number_symbol) == (DocType.PHIEU_LAY_Y_KIEN, None, "Không số")
# ---------------------------------------------------------------- the directing leader comes from the list (item 13)

def test_a_leader_not_in_the_list_is_a_row_error_and_nothing_is_written(demo_db, actors):
    """Before the leaders' list, any text was taken as a new «leader»: a typo made a second row in the statistics."""
    before = _counts(demo_db)
    rows = [_row(),                                                                      # 2: in the list
            _row(Số_ký_hiệu="9111/UBND-TH", Người_chỉ_đạo="Nguyễn Văn Tành"),           # 3: a typo
            _row(Số_ký_hiệu="9112/UBND-TH", Người_chỉ_đạo="Trần Nguyễn Văn Thành")]     # 4: another person
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert _errors(result) == {(3, "Người chỉ đạo"), (4, "Người chỉ đạo")}
    assert {e.message for e in result.errors} == {
        vi.LEADER_UNKNOWN.format(value="Nguyễn Văn Tành"), vi.LEADER_UNKNOWN.format(value="Trần Nguyễn Văn Thành")}
    assert _counts(demo_db) == before


def test_a_retired_leader_is_not_offered_and_not_accepted(demo_db, actors, leader_ids):
    with session_scope(demo_db) as s:
        leaders.update_leader(s, actors[OFFICER], leader_ids["Huỳnh Minh Tuấn"], None,
                              leaders.LeaderInput("Huỳnh Minh Tuấn", "Phó Chủ tịch UBND tỉnh", active=False))
    template = _template(demo_db)
    guide = {c for row in load_workbook(io.BytesIO(template))[SHEET_GUIDE].iter_rows(values_only=True) for c in row}
    assert {"Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành", "Chủ tịch UBND tỉnh Phạm Thiện Nghĩa"} <= guide
    assert "Phó Chủ tịch UBND tỉnh Huỳnh Minh Tuấn" not in guide
    result = _import(demo_db, actors[OFFICER], _fill(template, [_row(Người_chỉ_đạo="Huỳnh Minh Tuấn")]))
    assert _errors(result) == {(2, "Người chỉ đạo")}


def test_every_spelling_of_one_leader_is_that_leader_and_one_row_of_the_statistics(demo_db, actors, leader_ids):
    """The name alone, with the title before or after it, in any case, with or without diacritics: one leader,
    so the overview's «Theo lãnh đạo chỉ đạo» counts one row for him."""
    lanhdao = actors["lanhdao"]
    with session_scope(demo_db) as s:
        before = task_stats.by_leader(s, lanhdao, TaskFilter())
    spellings = ["nguyen van thanh", "PHÓ CHỦ TỊCH UBND TỈNH NGUYỄN VĂN THÀNH",
                 "Nguyễn Văn Thành - Phó Chủ tịch UBND tỉnh", "Đồng chí Phó Chủ tịch Nguyễn Văn Thành"]
    rows = [_row(Số_ký_hiệu=f"{9120 + i}/UBND-TH", Người_chỉ_đạo=text) for i, text in enumerate(spellings)]
    rows.append(_row(Số_ký_hiệu="9120/UBND-TH", Người_chỉ_đạo="Nguyễn Văn Thành",   # the same document again
                     Nội_dung_nhiệm_vụ="Một nhiệm vụ nữa của văn bản 9120"))
    result = _import(demo_db, actors[OFFICER], _fill(_template(demo_db), rows))
    assert result.ok, result.errors
    with session_scope(demo_db) as s:
        assert {s.get(DirectiveDocument, i).leader_id for i in result.document_ids} == {leader_ids["Nguyễn Văn Thành"]}
        after = task_stats.by_leader(s, lanhdao, TaskFilter())
    assert len(after) == len(before) == 3
    totals = dict(zip(after["leader"], after["total"]))
    assert totals["Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"] == dict(zip(before["leader"], before["total"]))[
        "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"] + 5
