"""Widgets of «Kế hoạch vốn và giải ngân» (seed 000 art. 5.6, 9.3–9.4; issue 10 item 5): the figures' tables and
charts, the forms (disbursement, plan line, physical progress, monthly report, Excel import) and one project's
disbursement block for its record page (`render_project_finance`). Every rule is the service's (lib.projects.capital);
these only draw and call."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.enums import Role
from lib.core.errors import NotFound, ValidationError
from lib.core.format import fmt_date, fmt_money, fmt_percent
from lib.core.services import settings
from lib.projects import capital, capital_import, records
from lib.projects.capital import DisbursementInput, Figure, MonthlyReportInput, PlanLineInput, ProjectFigure
from lib.projects.enums import CapitalPlanKind, CapitalSource
from lib.projects.ui import money_input
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, file_input, submit_button

MONTHS = list(range(1, 13))


def period_chooser(key: str) -> tuple[int, int]:
    """Year and month (the figures run from January to the end of that month)."""
    today = local_today()
    years = list(range(today.year + 1, today.year - 5, -1))
    c1, c2, _ = st.columns([1, 1, 3])
    year = c1.selectbox("Năm kế hoạch", years, index=1, key=f"{key}-nam", placeholder=vi.CHOOSE)
    month = c2.selectbox("Lũy kế đến hết tháng", MONTHS, index=today.month - 1, key=f"{key}-thang",
                         placeholder=vi.CHOOSE, format_func=lambda m: f"Tháng {m}")
    return int(year or today.year), int(month or today.month)


def _rate(value: float | None) -> str:
    return fmt_percent(value) if value is not None else "—"


def figure_metrics(figure: Figure) -> None:
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric("Kế hoạch vốn năm", fmt_money(figure.plan))
    c2.metric("Lũy kế giải ngân", fmt_money(figure.disbursed))
    c3.metric("Tỷ lệ giải ngân", _rate(figure.rate))
    c4.metric("Bình quân toàn tỉnh", _rate(figure.province_rate))
    c5.metric(f"Mục tiêu hết tháng {figure.month}", fmt_percent(figure.target))
    if figure.plan > 0:
        st.caption(f"{figure.target_text()} {figure.projection_text()}")


def figures_table(figures: Sequence[Figure], first: str) -> pd.DataFrame:
    return pd.DataFrame([{
        first: f.name, "Kế hoạch vốn": fmt_money(f.plan), "Đã giải ngân": fmt_money(f.disbursed),
        "Tỷ lệ": _rate(f.rate), "So với bình quân tỉnh": ("Thấp hơn" if f.below_average else "Bằng hoặc cao hơn")
        if f.rate is not None else "—",
        "Đường mục tiêu": fmt_percent(f.target), "Cảnh báo": "Chậm so với mục tiêu" if f.behind else "",
        "Dự kiến cả năm": fmt_money(f.projection)} for f in figures])


def projects_table(rows: Sequence[ProjectFigure]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Mã dự án": r.code, "Tên dự án": r.name, "Chủ đầu tư": r.investor,
        "Kế hoạch vốn": fmt_money(r.figure.plan), "Đã giải ngân": fmt_money(r.figure.disbursed),
        "Tỷ lệ": _rate(r.figure.rate) if r.counted else f"{_rate(r.figure.rate)} (không tính)",
        "Mục tiêu": "Chậm" if r.counted and r.figure.behind else "",
        "Khối lượng": fmt_percent(r.physical / 100) if r.physical is not None else "—",
        "Giải ngân / TMĐT": _rate(r.financial),
        "Chênh lệch tiến độ": r.gap.label,
        "Trạng thái": r.status.label} for r in rows])


def rate_chart(rates: Sequence[tuple[int, float | None]], curve: Sequence[float], month: int) -> alt.Chart:
    """The cumulative rate month by month against the target curve."""
    data = pd.DataFrame(
        [{"Tháng": m, "Tỷ lệ": rate * 100, "Đường": "Tỷ lệ giải ngân lũy kế"} for m, rate in rates
         if rate is not None and m <= month]
        + [{"Tháng": m, "Tỷ lệ": curve[m - 1] * 100, "Đường": "Đường mục tiêu của tỉnh"} for m in MONTHS])
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("Tháng:O", title="Tháng"), y=alt.Y("Tỷ lệ:Q", title="% kế hoạch vốn năm"),
        color=alt.Color("Đường:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["Đường", "Tháng", alt.Tooltip("Tỷ lệ:Q", format=".1f")]).properties(height=280)


def progress_chart(points: Sequence[capital.ProgressPoint]) -> alt.Chart:
    """Physical progress (as reported) against financial progress (disbursed / total investment)."""
    data = pd.DataFrame(
        [{"Tháng": p.month, "Tiến độ": p.physical, "Đường": "Khối lượng thực hiện"} for p in points
         if p.physical is not None]
        + [{"Tháng": p.month, "Tiến độ": p.financial * 100, "Đường": "Giải ngân / tổng mức đầu tư"} for p in points])
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("Tháng:O", title="Tháng"), y=alt.Y("Tiến độ:Q", title="%", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("Đường:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["Đường", "Tháng", alt.Tooltip("Tiến độ:Q", format=".1f")]).properties(height=260)


# ---------------------------------------------------------------- forms

def _project_choice(label: str, choices: dict[int, str], key: str, fixed: int | None) -> int | None:
    if fixed is not None:
        return fixed
    return st.selectbox(label, list(choices), key=key, placeholder=vi.CHOOSE, index=None,
                        format_func=lambda i: choices[i])


def disbursement_form(actor: Actor, choices: dict[int, str], year: int, key: str,
                      project_id: int | None = None) -> None:
    with st.form(f"{key}-form"):
        st.caption("Chủ đầu tư cập nhật giải ngân chậm nhất 05 ngày làm việc kể từ ngày Kho bạc Nhà nước xác nhận "
                   "hoàn thành thủ tục giải ngân (Điều 9 khoản 4); nếu chậm, phần mềm ghi nhận số ngày chậm.")
        chosen = _project_choice("Dự án *", choices, f"{key}-du-an", project_id)
        c1, c2, c3 = st.columns(3)
        month = c1.selectbox("Tháng giải ngân *", MONTHS, index=local_today().month - 1, key=f"{key}-thang",
                             placeholder=vi.CHOOSE, format_func=lambda m: f"Tháng {m}/{year}")
        source = c2.selectbox("Nguồn vốn *", list(CapitalSource),
                              key=f"{key}-nguon", placeholder=vi.CHOOSE, format_func=lambda s: s.label)
        with c3:
            confirmed = date_input("Ngày Kho bạc xác nhận *", value=local_today(), key=f"{key}-kbnn",
                                   max_value=local_today())
        outcome.at_input(key, "month")
        outcome.at_input(key, "treasury_confirmed_on")
        amount = money_input("Số tiền giải ngân (đồng) *", key=f"{key}-so-tien")
        outcome.at_input(key, "amount")
        note = st.text_input("Ghi chú", key=f"{key}-ghi-chu")
        if submit_button("Cập nhật giải ngân", key=key, type="primary", icon=":material/payments:"):
            data = DisbursementInput(year, int(month or 1), source, amount, confirmed, note)

            def save() -> None:
                if chosen is None:
                    raise ValidationError("Vui lòng chọn dự án.", field="project")
                with db() as session:
                    capital.add_disbursement(session, actor, chosen, data)
            attempt(save, f"Đã cập nhật giải ngân {fmt_money(amount)} tháng {month}/{year}.")


def plan_form(actor: Actor, choices: dict[int, str], year: int, key: str, max_mb: int,
              project_id: int | None = None) -> None:
    with st.form(f"{key}-form"):
        chosen = _project_choice("Dự án *", choices, f"{key}-du-an", project_id)
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Loại *", list(CapitalPlanKind), key=f"{key}-loai", placeholder=vi.CHOOSE,
                            format_func=lambda k: k.label)
        source = c2.selectbox("Nguồn vốn *", list(CapitalSource), key=f"{key}-nguon", placeholder=vi.CHOOSE,
                              format_func=lambda s: s.label)
        month_from = c3.selectbox("Áp dụng từ tháng", MONTHS, key=f"{key}-tu-thang", placeholder=vi.CHOOSE,
                                  format_func=lambda m: f"Tháng {m}/{year}")
        amount = st.number_input("Số tiền (đồng; điều chỉnh giảm ghi số âm) *", value=0, step=1_000_000, format="%d",
                                 key=f"{key}-so-tien")
        st.caption(f"= {fmt_money(int(amount or 0))}")
        outcome.at_input(key, "amount")
        c1, c2, c3 = st.columns(3)
        number = c1.text_input("Số quyết định *", key=f"{key}-so-qd", placeholder="125/QĐ-UBND")
        with c2:
            decided = date_input("Ngày quyết định *", value=local_today(), key=f"{key}-ngay-qd",
                                 max_value=local_today())
        issuer = c3.text_input("Cơ quan ban hành *", key=f"{key}-cq", placeholder="UBND tỉnh Đồng Tháp")
        upload = file_input("Tệp quyết định (không bắt buộc)", key=f"{key}-tep", max_mb=max_mb)
        if submit_button("Lưu kế hoạch vốn", key=key, type="primary", icon=":material/save:"):
            data = PlanLineInput(year, source, kind, int(amount or 0), number, decided, issuer, int(month_from or 1))
            file = records.Upload(upload.name, upload.getvalue()) if upload is not None else None

            def save() -> None:
                if chosen is None:
                    raise ValidationError("Vui lòng chọn dự án.", field="project")
                with db() as session:
                    capital.add_plan_line(session, actor, chosen, data, file)
            attempt(save, f"Đã lưu kế hoạch vốn năm {year}.")


def progress_form(actor: Actor, choices: dict[int, str], year: int, month: int, key: str,
                  project_id: int | None = None) -> None:
    with st.form(f"{key}-form"):
        chosen = _project_choice("Dự án *", choices, f"{key}-du-an", project_id)
        c1, c2 = st.columns(2)
        chosen_month = c1.selectbox("Tháng *", MONTHS, index=month - 1, key=f"{key}-thang", placeholder=vi.CHOOSE,
                                    format_func=lambda m: f"Tháng {m}/{year}")
        percent = c2.number_input("Khối lượng thực hiện lũy kế (%) *", min_value=0.0, max_value=100.0, value=0.0,
                                  step=1.0, key=f"{key}-phan-tram")
        note = st.text_input("Ghi chú", key=f"{key}-ghi-chu")
        if submit_button("Lưu tiến độ khối lượng", key=key, type="primary", icon=":material/save:"):
            def save() -> None:
                if chosen is None:
                    raise ValidationError("Vui lòng chọn dự án.", field="project")
                with db() as session:
                    capital.record_progress(session, actor, chosen, year, int(chosen_month or month),
                                            float(percent), note)
            attempt(save, f"Đã lưu tiến độ khối lượng tháng {chosen_month}/{year}.")


def report_form(actor: Actor, year: int, month: int, key: str) -> None:
    """The investor's monthly report (art. 9.3) for the chosen month: a new one or an edit of the one sent."""
    try:
        with db() as session:
            current = capital.monthly_report(session, actor, actor.unit_id, year, month)
            day = settings.get(session, "project_monthly_report_day")
    except NotFound:
        return
    if current is not None:
        late = f", chậm {current.late_days} ngày làm việc" if current.late_days else ", đúng hạn"
        st.caption(f"Đã gửi ngày {fmt_date(current.submitted_at)} (hạn {fmt_date(current.due_on)}{late}). Sửa nội "
                   "dung bên dưới rồi lưu lại.")
    else:
        st.caption(f"Báo cáo tháng {month}/{year}: hạn ngày {day} tháng sau (Điều 9 khoản 3: «Định kỳ hằng tháng … "
                   "các chủ đầu tư báo cáo tình hình thực hiện và giải ngân kế hoạch vốn»).")
    with st.form(f"{key}-form"):
        results = st.text_area("Kết quả thực hiện và giải ngân *", value=current.results if current else "",
                               key=f"{key}-ket-qua-{year}-{month}")
        outcome.at_input(key, "results")
        difficulties = st.text_area("Khó khăn, vướng mắc", value=current.difficulties if current else "",
                                    key=f"{key}-kho-khan-{year}-{month}")
        proposals = st.text_area("Kiến nghị, đề xuất", value=current.proposals if current else "",
                                 key=f"{key}-kien-nghi-{year}-{month}")
        if submit_button("Gửi báo cáo tháng", key=key, type="primary", icon=":material/send:"):
            data = MonthlyReportInput(results, difficulties, proposals)

            def save() -> None:
                with db() as session:
                    capital.submit_monthly_report(session, actor, actor.unit_id, year, month, data,
                                                  current.version if current else None)
            attempt(save, f"Đã gửi báo cáo tháng {month}/{year}.")


def reports_table(rows: Sequence[capital.MonthlyReportRow]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Chủ đầu tư": r.investor, "Ngày gửi": fmt_date(r.submitted_at), "Hạn": fmt_date(r.due_on),
        "Đúng hạn": "Chậm {} ngày làm việc".format(r.late_days) if r.late_days else "Đúng hạn",
        "Kết quả": r.results, "Khó khăn": r.difficulties, "Kiến nghị": r.proposals} for r in rows])


def import_block(actor: Actor, key: str, max_mb: int) -> None:
    """The capital-plan import: the template to download, the filled workbook to upload, every error listed."""
    with db() as session:
        template = capital_import.template_bytes(session, actor)
    st.download_button("Tải tệp mẫu", template, file_name=capital_import.FILE_NAME, key=f"{key}-mau",
                       icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    with st.form(f"{key}-form"):
        upload = file_input("Tệp kế hoạch vốn (.xlsx)", key=f"{key}-tep", max_mb=max_mb, types=["xlsx"])
        if submit_button("Nhập kế hoạch vốn", key=key, type="primary", icon=":material/upload_file:"):
            if upload is None:
                st.error("Vui lòng chọn tệp Excel đã điền theo mẫu.")
                return
            data = upload.getvalue()

            def run() -> capital_import.ImportResult:
                with db() as session:
                    return capital_import.import_workbook(session, actor, data)
            result = attempt(run, rerun=False)
            if result is not None and result.ok:
                st.success(f"Đã nhập {len(result.line_ids)} dòng kế hoạch vốn.")
            elif result is not None:
                st.error("Tệp có lỗi, chưa nhập dòng nào. Sửa các lỗi sau rồi tải lên lại:")
                st.dataframe(pd.DataFrame([{"Dòng": e.row or "", "Cột": e.column, "Lỗi": e.message}
                                           for e in result.errors]), hide_index=True, width="stretch")


# ---------------------------------------------------------------- one project (for its record page)

def render_project_finance(actor: Actor, project_id: int) -> None:
    """One project's capital plan, disbursements (each with its entry deadline's arithmetic), rate against the
    target curve, physical against financial progress, and the investor's forms."""
    key = f"tc-{project_id}"
    year, month = period_chooser(key)
    try:
        with db() as session:
            figure = capital.project_figure(session, actor, project_id, year, month)
            lines = capital.plan_lines(session, actor, project_id, year)
            rows = capital.disbursements(session, actor, project_id, year)
            points = capital.progress_series(session, actor, project_id, year, month)
            may_plan, may_disburse = capital.may_enter(session, actor, project_id)
            max_mb = settings.get(session, "upload_max_mb")
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        return
    if figure is None:
        st.info("Dự án đầu tư tư nhân không sử dụng vốn đầu tư công: không có kế hoạch vốn và giải ngân.",
                icon=":material/info:")
        return
    if not figure.counted:
        st.warning(f"Dự án đang «{figure.status.label}»: không tính vào tổng số và tỷ lệ giải ngân của tỉnh.",
                   icon=":material/pause_circle:")
    figure_metrics(figure.figure)
    if figure.gap != capital.GapLevel.OK:
        st.warning(f"{figure.gap.label}: khối lượng thực hiện {fmt_percent((figure.physical or 0) / 100)}, giải "
                   f"ngân / tổng mức đầu tư {_rate(figure.financial)}.", icon=":material/warning:")
    st.markdown("**Kế hoạch vốn năm**")
    if lines:
        st.dataframe(pd.DataFrame([{"Nguồn vốn": r.source.label, "Loại": r.kind.label, "Số tiền": fmt_money(r.amount),
                                    "Từ tháng": r.month_from, "Quyết định": r.decision} for r in lines]),
                     hide_index=True, width="stretch")
    else:
        st.caption(f"Chưa có kế hoạch vốn năm {year}.")
    st.markdown("**Giải ngân**")
    if rows:
        st.dataframe(pd.DataFrame([{"Tháng": f"{r.month:02d}/{r.year}", "Nguồn vốn": r.source.label,
                                    "Số tiền": fmt_money(r.amount),
                                    "Kho bạc xác nhận": fmt_date(r.treasury_confirmed_on),
                                    "Cập nhật": fmt_date(r.entered_on), "Hạn cập nhật": fmt_date(r.entry_due_on),
                                    "Cách tính": r.explanation} for r in rows]), hide_index=True, width="stretch")
    else:
        st.caption(f"Chưa có số liệu giải ngân năm {year}.")
    st.altair_chart(progress_chart(points), width="stretch")
    if may_disburse:
        with outcome.expander("Cập nhật giải ngân", f"{key}-gn", icon=":material/payments:"):
            disbursement_form(actor, {}, year, f"{key}-gn", project_id)
        with outcome.expander("Cập nhật tiến độ khối lượng", f"{key}-kl", icon=":material/construction:"):
            progress_form(actor, {}, year, month, f"{key}-kl", project_id)
        if rows:
            _correction(actor, rows, year, f"{key}-sua")
    if may_plan:
        with outcome.expander("Thêm kế hoạch vốn (giao, điều chỉnh, chuyển sang)", f"{key}-kh",
                              icon=":material/request_quote:"):
            plan_form(actor, {}, year, f"{key}-kh", max_mb, project_id)


def _correction(actor: Actor, rows: Sequence[capital.DisbursementRow], year: int, key: str) -> None:
    """Correct or delete a wrong entry, with the reason (audited)."""
    by_id = {r.id: r for r in rows}
    with outcome.expander("Sửa hoặc xóa số liệu giải ngân đã nhập", key, f"{key}-xoa", icon=":material/edit:"):
        with st.form(f"{key}-form"):
            chosen = st.selectbox("Lần giải ngân *", list(by_id), key=f"{key}-dong", placeholder=vi.CHOOSE,
                                  format_func=lambda i: f"Tháng {by_id[i].month}/{by_id[i].year} · "
                                                        f"{by_id[i].source.label} · {fmt_money(by_id[i].amount)}")
            amount = money_input("Số tiền đúng (đồng)", key=f"{key}-so-tien")
            reason = st.text_input("Lý do sửa, xóa *", key=f"{key}-ly-do")
            outcome.at_input(key, "reason")
            c1, c2 = st.columns(2)
            with c1:
                fix = submit_button("Sửa số tiền", key=key, icon=":material/edit:")
            with c2:
                drop = submit_button("Xóa lần giải ngân", key=f"{key}-xoa", icon=":material/delete:")
            if (fix or drop) and chosen is not None:
                row = by_id[chosen]

                def save() -> None:
                    with db() as session:
                        if drop:
                            capital.delete_disbursement(session, actor, row.id, reason, expected_amount=row.amount)
                        else:
                            capital.correct_disbursement(
                                session, actor, row.id, DisbursementInput(row.year, row.month, row.source, amount,
                                                                          row.treasury_confirmed_on, row.note),
                                reason, expected_amount=row.amount)
                attempt(save, "Đã xóa lần giải ngân." if drop else "Đã sửa số tiền giải ngân.")


def writer_roles(actor: Actor) -> tuple[bool, bool]:
    """(may enter plans, may enter disbursements) by role; the service checks each project."""
    investor = actor.has(*records.INVESTOR_WRITER_ROLES)
    return investor or actor.has(Role.PLANNING_OFFICER), investor


def today() -> date:
    return local_today()
