"""Excel in and out on the project list (issue 10 item 9): the «Tải Excel» button that exports the filtered rows,
and the «Nhập từ Excel» expander (template, upload, errors by row and column, result) for those who may import.
The rules are the services' (lib.projects.excel_export, lib.projects.excel_import)."""
from __future__ import annotations

import streamlit as st

from lib.core.access import Actor
from lib.core.services import settings
from lib.projects import excel_export, excel_import, views
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import action_button, attempt, file_input, flash

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_KEY = "da-nhap-excel"
ERRORS_KEY = "_da-nhap-excel-loi"
UPLOADS_KEY = "_da-tep-excel-lan"     # a new upload box after each import: the imported file is not offered again


def export_button(actor: Actor, chosen: views.ProjectFilter) -> None:
    """«Tải Excel»: the list exactly as shown with `chosen` filters; the file is made when the user clicks."""
    def make() -> bytes:
        with db() as session:
            return excel_export.projects_workbook(session, actor, chosen)

    st.download_button("Tải Excel", make, file_name=excel_export.projects_file_name(), mime=XLSX_MIME,
                       key="da-tai-excel", icon=":material/download:", on_click="ignore",
                       help="Tải danh sách dự án đang hiển thị (theo bộ lọc đã chọn) ra tệp Excel theo thể thức "
                            "văn bản hành chính.")


def import_expander(actor: Actor) -> None:
    """«Nhập từ Excel»: template, upload, every error by row and column, or «Đã nhập N dự án»."""
    if not excel_import.may_import(actor):
        return
    kept = st.session_state.get(ERRORS_KEY)     # (the file checked, its errors): shown while that file is chosen
    opened = bool(st.session_state.get(IMPORT_KEY)) or bool(kept)
    with outcome.expander("Nhập từ Excel", IMPORT_KEY, icon=":material/upload_file:", expanded=opened):
        st.markdown("Nhập nhiều dự án cùng lúc: tải tệp mẫu, mỗi dòng một dự án, rồi tải tệp lên. Phần mềm kiểm tra "
                    "**toàn bộ** tệp theo đúng các quy định như khi khởi tạo từng dự án (nhóm dự án theo tổng mức "
                    "đầu tư, nguồn vốn, mã dự án không trùng, chủ đầu tư, địa điểm): chỉ khi mọi dòng hợp lệ mới "
                    "nhập, nếu còn lỗi thì chưa nhập dòng nào. Số ngày làm việc khởi tạo chậm (Điều 9 khoản 1) được "
                    "tính cho từng dự án.")
        with db() as session:
            upload_mb = settings.get(session, "upload_max_mb")

        def template() -> bytes:
            with db() as session:
                return excel_import.template_bytes(session, actor)

        st.download_button("Tải tệp mẫu (.xlsx)", template, file_name=excel_import.FILE_NAME, mime=XLSX_MIME,
                           icon=":material/download:", key="da-tai-mau", on_click="ignore")
        uploads = st.session_state.get(UPLOADS_KEY, 0)
        workbook = file_input("Tệp Excel đã điền", key="da-tep-excel" if not uploads else f"da-tep-excel-{uploads}",
                              max_mb=upload_mb, types=["xlsx"],
                              help="Tệp theo mẫu ở trên (trang tính «Dự án»).")
        if action_button("Kiểm tra và nhập", type="primary", icon=":material/upload_file:", key=IMPORT_KEY,
                         disabled=workbook is None):
            def run_import() -> excel_import.ImportResult:
                with db() as session:
                    return excel_import.import_workbook(session, actor, workbook.getvalue())

            result = attempt(run_import, rerun=False)
            kept = None
            st.session_state.pop(ERRORS_KEY, None)
            if result is not None and result.ok:
                late = f", trong đó {result.late} dự án khởi tạo chậm so với Điều 9 khoản 1" if result.late else ""
                flash(f"Đã nhập {result.imported} dự án từ tệp «{workbook.name}»{late}.")
                st.session_state[UPLOADS_KEY] = uploads + 1
                st.rerun()
            elif result is not None:
                kept = st.session_state[ERRORS_KEY] = (workbook.file_id, [(e.row, e.column, e.message)
                                                                          for e in result.errors])
        if kept and workbook is not None and kept[0] == workbook.file_id:
            _errors_table(kept[1])


def _errors_table(errors: list[tuple[int, str, str]]) -> None:
    st.error(f"Tệp còn {len(errors)} lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp rồi tải lên lại.",
             icon=":material/error:")
    table = [{"Dòng": "Cả tệp" if row == 0 else str(row), "Cột": column, "Lỗi": message}
             for row, column, message in errors]
    if len(table) <= 100:  # a static table: every message is read in full
        st.table(table, hide_index=True, border="horizontal")
    else:
        st.dataframe(table, hide_index=True, width="stretch", key="da-loi-excel",
                     column_config={"Dòng": st.column_config.TextColumn(width=60),
                                    "Cột": st.column_config.TextColumn(width=150),
                                    "Lỗi": st.column_config.TextColumn(width=900)})
