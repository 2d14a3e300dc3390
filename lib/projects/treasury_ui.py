"""The parts of the page «Đối chiếu giải ngân» (seed 000 art. 9.3–9.4, 11): the month chooser, the monthly extraction
download, the Treasury import, the reconciliation table with its filters, the investor's explanation form and the
investors whose monthly report is missing with the reminder button. Each part calls `lib.projects.treasury` /
`lib.projects.extraction`, which check the rights; the page only draws."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.format import fmt_datetime, fmt_money
from lib.projects import extraction, records, texts, treasury
from lib.projects.enums import CapitalSource
from lib.ui.session import db
from lib.ui.widgets import (action_button, at_input, attempt, file_download_button, file_input, flash,
                           submit_button)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = list(range(1, 13))


@dataclass(frozen=True)
class Period:
    year: int
    month: int
    cumulative: bool

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


def period_chooser(today: date, cumulative: bool = False) -> Period:
    """Year, month (last month by default: the Treasury reports a finished month) and «lũy kế từ đầu năm» (on by
    default for an investor, who looks for every difference still to explain)."""
    last_year, last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    years = [today.year - i for i in range(0, 5)]
    c1, c2, c3 = st.columns([1, 1, 2], vertical_alignment="bottom")
    year = c1.selectbox("Năm", years, index=years.index(last_year), key="dc-nam", placeholder=vi.CHOOSE)
    month = c2.selectbox("Tháng", MONTHS, index=last_month - 1, key="dc-thang", placeholder=vi.CHOOSE,
                         format_func=lambda m: f"Tháng {m:02d}")
    cumulative = c3.toggle("Lũy kế từ tháng 01 đến tháng đã chọn", value=cumulative, key="dc-luy-ke")
    return Period(int(year or last_year), int(month or last_month), cumulative)


def extraction_download(actor: Actor, period: Period) -> None:
    """«Tải báo cáo trích xuất tháng» in one click (art. 11.2)."""
    def build() -> bytes:
        with db() as session:
            return extraction.workbook(session, actor, period.year, period.month)

    st.download_button(f"Tải báo cáo trích xuất tháng {period.label}", data=build,
                       file_name=extraction.file_name(period.year, period.month), mime=XLSX_MIME,
                       icon=":material/download:", key="dc-trich-xuat", on_click="ignore", type="primary")


def differences(actor: Actor, period: Period) -> list[treasury.Difference]:
    with db() as session:
        return treasury.reconciliation(session, actor, period.year, period.month, cumulative=period.cumulative)


def reconciliation_table(rows: list[treasury.Difference], period: Period) -> list[treasury.Difference]:
    """The filters and the table of differences; returns the rows shown."""
    if not rows:
        st.success(f"Không có chênh lệch giữa số liệu của chủ đầu tư và số liệu Kho bạc (kỳ {period.label}"
                   f"{', lũy kế từ đầu năm' if period.cumulative else ''}).", icon=":material/check_circle:")
        return []
    c1, c2, c3 = st.columns([2, 1.4, 1], vertical_alignment="bottom")
    investors = sorted({r.investor for r in rows})
    investor = None
    if len(investors) > 1:   # an investor sees its own rows only: nothing to choose
        investor = c1.selectbox("Chủ đầu tư", [None, *investors], key="dc-loc-cdt", placeholder=vi.CHOOSE,
                                format_func=lambda n: vi.ALL if n is None else n)
    sources = [s for s in CapitalSource if any(r.source == s for r in rows)]
    source = c2.selectbox("Nguồn vốn", [None, *sources], key="dc-loc-nguon", placeholder=vi.CHOOSE,
                          format_func=lambda s: vi.ALL if s is None else s.label)
    unexplained = c3.checkbox("Chỉ dòng chưa giải trình", key="dc-loc-chua-gt")
    shown = [r for r in rows if (investor is None or r.investor == investor) and (source is None or r.source == source)
             and (not unexplained or r.note_version is None)]
    st.caption(f"{len(shown)} / {len(rows)} chênh lệch. «—»: bên đó không có số liệu cho dự án, nguồn vốn, tháng này.")
    if shown:
        table = pd.DataFrame([{
            "Chủ đầu tư": r.investor, "Mã dự án": r.code, "Tên dự án": r.project, "Nguồn vốn": r.source.label,
            "Tháng": f"{r.month:02d}/{r.year}",
            "Số chủ đầu tư": "—" if r.investor_amount is None else fmt_money(r.investor_amount),
            "Số Kho bạc": "—" if r.treasury_amount is None else fmt_money(r.treasury_amount),
            "Chênh lệch": fmt_money(r.difference), "Giải trình": r.explanation or "Chưa giải trình"} for r in shown])
        st.dataframe(table, hide_index=True, width="stretch", key="dc-bang", column_config={
            "Chủ đầu tư": st.column_config.TextColumn(width=130), "Mã dự án": st.column_config.TextColumn(width=92),
            "Tên dự án": st.column_config.TextColumn(width=200), "Nguồn vốn": st.column_config.TextColumn(width=120),
            "Tháng": st.column_config.TextColumn(width=70), "Số chủ đầu tư": st.column_config.TextColumn(width=120),
            "Số Kho bạc": st.column_config.TextColumn(width=120), "Chênh lệch": st.column_config.TextColumn(width=110),
            "Giải trình": st.column_config.TextColumn(width=220)})
    return shown


def explanation_form(actor: Actor, rows: list[treasury.Difference]) -> None:
    """The investor explains one of its differences (art. 11.3)."""
    if not rows or not actor.has(*records.INVESTOR_WRITER_ROLES):
        return
    st.subheader("Giải trình chênh lệch")
    with st.form("dc-gt"):
        picked = st.selectbox("Chênh lệch cần giải trình", rows, index=None, key="dc-gt-chon", placeholder=vi.CHOOSE,
                              format_func=lambda r: f"{r.code} · {r.source.label} · tháng {r.month:02d}/{r.year} · "
                                                    f"chênh lệch {fmt_money(r.difference)}")
        text = st.text_area("Nội dung giải trình", key="dc-gt-noi-dung", height=90,
                            placeholder="Ví dụ: khoản giải ngân ngày 28/11 Kho bạc đã xác nhận, đơn vị cập nhật bổ sung.")
        at_input("dc-gt-luu", "explanation")
        if submit_button("Lưu giải trình", key="dc-gt-luu", type="primary", icon=":material/save:"):
            if picked is None:
                st.error("Vui lòng chọn chênh lệch cần giải trình.", icon=":material/error:")
                return

            def save() -> int:
                with db() as session:
                    return treasury.save_explanation(
                        session, actor, project_id=picked.project_id, source=picked.source, year=picked.year,
                        month=picked.month, text=text, expected_version=picked.note_version)

            attempt(save, texts.FIN_EXPLANATION_SAVED)


def reminders_received(actor: Actor) -> None:
    with db() as session:
        reminders = treasury.reminders_for(session, actor)
    for r in reminders:
        st.warning(f"Sở Tài chính ({r.by}) nhắc gửi báo cáo tình hình thực hiện, giải ngân tháng "
                   f"{r.month:02d}/{r.year} (nhắc lúc {fmt_datetime(r.at)}).", icon=":material/notifications:")


def treasury_import(actor: Actor, period: Period, upload_mb: int) -> None:
    """Template, upload, errors by row and column, result, and the files imported for the year."""
    st.markdown(f"Nhập số liệu giải ngân do Kho bạc Nhà nước cung cấp cho kỳ **tháng {period.label}** (các tháng từ "
                f"01/{period.year} đến {period.label}). Phần mềm kiểm tra **toàn bộ** tệp: chỉ khi mọi dòng hợp lệ mới "
                "nhập; nhập lại cho cùng kỳ thì tệp mới thay thế tệp trước (tệp trước vẫn được lưu).")

    def template() -> bytes:
        with db() as session:
            return treasury.template_bytes(session, actor)

    st.download_button("Tải tệp mẫu (.xlsx)", data=template, file_name=treasury.TEMPLATE_NAME, mime=XLSX_MIME,
                       icon=":material/download:", key="dc-tai-mau", on_click="ignore")
    upload = file_input("Tệp số liệu Kho bạc đã điền", key="dc-tep", max_mb=upload_mb, types=["xlsx"],
                        help="Tệp theo mẫu ở trên.")
    if action_button("Kiểm tra và nhập", type="primary", icon=":material/upload_file:", key="dc-nhap",
                     disabled=upload is None):
        def run() -> treasury.ImportResult:
            with db() as session:
                return treasury.import_treasury(session, actor, year=period.year, month=period.month,
                                                filename=upload.name, data=upload.getvalue())

        result = attempt(run, rerun=False)
        if result is not None and result.ok:
            message = texts.FIN_IMPORTED.format(rows=result.rows, period=period.label)
            flash(message + (texts.FIN_IMPORTED_SUPERSEDED if result.superseded else ""))
            st.rerun()
        elif result is not None:
            st.error(f"Tệp còn {len(result.errors)} lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp rồi "
                     "tải lên lại.", icon=":material/error:")
            table = [{"Dòng": "Cả tệp" if e.row == 0 else str(e.row), "Cột": e.column, "Lỗi": e.message}
                     for e in result.errors]
            if len(table) <= 100:
                st.table(table, hide_index=True, border="horizontal")
            else:
                st.dataframe(table, hide_index=True, width="stretch", key="dc-loi")
    with db() as session:
        imports = treasury.list_imports(session, actor, period.year)
    if imports:
        st.markdown(f"**Các tệp đã nhập năm {period.year}**")
        st.dataframe(pd.DataFrame([{
            "Kỳ": f"{i.month:02d}/{i.year}", "Tệp": i.file_name, "Số dòng": i.row_count,
            "Thời điểm nhập": fmt_datetime(i.imported_at), "Người nhập": i.imported_by,
            "Tình trạng": "Đã được thay thế" if i.superseded else "Đang dùng"} for i in imports]),
            hide_index=True, width="stretch", key="dc-tep-da-nhap")
        current = [i for i in imports if not i.superseded and i.attachment_id]
        if current:
            file_download_button(actor, current[0].attachment_id, label=f"Tải tệp đang dùng: {current[0].file_name}",
                                 key="dc-tai-tep")


def missing_reports(actor: Actor, period: Period) -> None:
    """The investors without a monthly report for the month (art. 9.3) and the «Nhắc» button (art. 11.3)."""
    with db() as session:
        rows = treasury.missing_reports(session, actor, period.year, period.month)
    if not rows:
        st.success(f"Tất cả chủ đầu tư đã gửi báo cáo tháng {period.label}.", icon=":material/check_circle:")
        return
    st.caption(f"{len(rows)} chủ đầu tư chưa gửi báo cáo tình hình thực hiện, giải ngân tháng {period.label} "
               "(Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 3).")
    st.dataframe(pd.DataFrame([{
        "Chủ đầu tư": r.unit, "Số dự án đang thực hiện": r.projects, "Số lần đã nhắc": r.reminders,
        "Lần nhắc gần nhất": fmt_datetime(r.last_reminded_at) if r.last_reminded_at else "—"} for r in rows]),
        hide_index=True, width="stretch", key="dc-chua-bc")
    if not actor.has(*treasury.IMPORT_ROLES):
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    picked = c1.selectbox("Chủ đầu tư cần nhắc", rows, index=None, key="dc-nhac-chon", placeholder=vi.CHOOSE,
                          format_func=lambda r: r.unit)
    with c2:
        pressed = action_button("Nhắc", key="dc-nhac", icon=":material/notifications_active:", disabled=picked is None)
    if pressed and picked is not None:
        def remind() -> None:
            with db() as session:
                treasury.remind(session, actor, picked.unit_id, period.year, period.month)

        attempt(remind, texts.FIN_REMINDED.format(unit=picked.unit, period=period.label))
