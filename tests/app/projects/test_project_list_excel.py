"""Excel in and out on the page «Dự án đầu tư công» (issue 10 item 9; seed 000 art. 7.1, 11): «Tải Excel» exports
exactly the rows the filters show, and an investor's editor imports projects from the template («Nhập từ Excel»):
a bad file shows its errors by row and column and saves nothing; the corrected file imports every row."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.format import fmt_date
from lib.projects.enums import ProjectGroup, ProjectStatus
from lib.projects.excel_import import HEADERS, SHEET
from lib.projects.models import Project
from tests.app.helpers import page

LIST = "pages/projects/list.py"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the page hands to st.download_button (deferred files are made as on a click)."""
    files: dict[str, tuple] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self, data, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        url = add(self, data, mimetype, coordinates, file_name=file_name, **kwargs)
        files[url] = (data, file_name)
        return url

    def keep_deferred(self, maker, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        file_id = add_deferred(self, maker, mimetype, coordinates, file_name=file_name, **kwargs)
        files[file_id] = (maker, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return files


def downloaded(at, downloads: dict, label: str) -> tuple[bytes, str]:  # noqa: ANN001
    proto = next(b for b in at.get("download_button") if b.label == label).proto
    if proto.url:
        return downloads[proto.url]
    maker, name = downloads[proto.deferred_file_id]
    return (maker() if callable(maker) else maker), name


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _exported_codes(data: bytes) -> tuple[list[str], list[str]]:
    """(the codes of the table, every text of the sheet)."""
    values = [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    codes = [row[1] for row in values[header + 1:] if isinstance(row[0], int)]
    return codes, [str(v) for row in values for v in row if v is not None]


def test_the_export_has_the_filtered_rows_only(demo_db, downloads):
    at = page(LIST, demo_db, "kehoach.stc").run()
    _no_exception(at)
    all_codes = list(at.dataframe[0].value["Mã dự án"])
    at.selectbox(key="da-nhom").set_value(ProjectGroup.C).run()
    at.selectbox(key="da-trang-thai").set_value(ProjectStatus.ACTIVE).run()
    _no_exception(at)
    shown = list(at.dataframe[0].value["Mã dự án"])
    assert 0 < len(shown) < len(all_codes)
    data, name = downloaded(at, downloads, "Tải Excel")
    assert name.startswith("danh-sach-du-an-dau-tu-cong_") and name.endswith(".xlsx")
    codes, text = _exported_codes(data)
    assert codes == shown                                     # exactly the rows on screen, in their order
    assert "Bộ lọc: Nhóm dự án: Dự án nhóm C; Trạng thái: Đang thực hiện" in text
    assert any(t.startswith(f"Ngày trích xuất: {fmt_date(local_today())}") for t in text)


def test_a_lookup_account_exports_but_does_not_import(demo_db, downloads):
    at = page(LIST, demo_db, "tracuu.sxd").run()
    _no_exception(at)
    assert "Nhập từ Excel" not in [e.label for e in at.expander]
    codes, _ = _exported_codes(downloaded(at, downloads, "Tải Excel")[0])
    assert codes == list(at.dataframe[0].value["Mã dự án"]) == ["DT-2024-001", "DT-2025-002"]


def _row(code: str, **values) -> dict:  # noqa: ANN003
    today = local_today()
    row = {"Mã dự án": code, "Tên dự án": f"Dự án nhập từ Excel {code}", "Lĩnh vực": "Loại 4", "Nhóm dự án": "Nhóm C",
           "Cấp quyết định đầu tư": "Cấp tỉnh", "Chủ đầu tư": "Sở Xây dựng", "Địa điểm (xã, phường)": "Phường Sa Đéc",
           "Tổng mức đầu tư (đồng)": "30.000.000.000", "Ngân sách tỉnh (đồng)": "30.000.000.000",
           "Ngày dự kiến bắt đầu": fmt_date(today + timedelta(days=30)),
           "Ngày dự kiến kết thúc": fmt_date(today + timedelta(days=700)),
           "Ngày bắt đầu lập chủ trương đầu tư": fmt_date(today - timedelta(days=1))}
    row.update(values)
    return row


def _workbook(template: bytes, rows: list[dict]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb[SHEET]
    for c, _ in enumerate(HEADERS, 1):
        ws.cell(row=2, column=c).value = None                # the example row
    for r, row in enumerate(rows, 2):
        for c, header in enumerate(HEADERS, 1):
            ws.cell(row=r, column=c).value = row.get(header)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _count(engine, codes: list[str]) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(Project).where(Project.code.in_(codes)))


def test_the_investors_editor_imports_projects_from_the_template(demo_db, downloads):
    at = page(LIST, demo_db, "capnhat.sxd").run()
    _no_exception(at)
    assert "Nhập từ Excel" in [e.label for e in at.expander]
    template, name = downloaded(at, downloads, "Tải tệp mẫu (.xlsx)")
    assert name == "mau_nhap_du_an.xlsx"

    # A row naming another investor and one with a group that does not fit its total: nothing is saved.
    bad = _workbook(template, [_row("DA-2026-201"), _row("DA-2026-202", **{"Chủ đầu tư": "Xã Lấp Vò"}),
                               _row("DA-2026-203", **{"Tổng mức đầu tư (đồng)": "300.000.000.000"})])
    at.file_uploader(key="da-tep-excel").upload("du-an.xlsx", bad).run()
    at.button(key="da-nhap-excel").click().run()
    _no_exception(at)
    assert [e.value for e in at.error] == ["Tệp còn 2 lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp "
                                           "rồi tải lên lại."]
    [table] = at.table
    errors = table.value.to_dict("records")
    assert [(e["Dòng"], e["Cột"]) for e in errors] == [("3", "Chủ đầu tư"), ("4", "Nhóm dự án")]
    assert errors[1]["Lỗi"].startswith("Nhóm dự án không phù hợp với tổng mức đầu tư")
    assert _count(demo_db, ["DA-2026-201", "DA-2026-202", "DA-2026-203"]) == 0

    good = _workbook(template, [_row("DA-2026-201"), _row("DA-2026-202", **{"Địa điểm (xã, phường)": "Xã Cái Bè"})])
    at.file_uploader(key="da-tep-excel").set_value(("du-an-sua.xlsx", good, "application/octet-stream"))
    at.run()
    at.button(key="da-nhap-excel").click().run()
    _no_exception(at)
    assert "Đã nhập 2 dự án từ tệp «du-an-sua.xlsx»." in [e.value for e in at.success]
    assert not at.table
    assert [u.value for u in at.file_uploader] == [None]           # a fresh upload box: the file is not offered again
    assert {"DA-2026-201", "DA-2026-202"} <= set(at.dataframe[0].value["Mã dự án"])
    assert _count(demo_db, ["DA-2026-201", "DA-2026-202"]) == 2
