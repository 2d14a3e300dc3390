"""Kế hoạch vốn và giải ngân (seed 000 art. 5.6, 9.3–9.4, 11; issue 10 item 5): for a year up to a month, the
capital plan and the cumulative disbursement of the projects the actor may see, with the rate against the provincial
average and the province's target curve, the year-end projection, the progress gap; the tables per investor and
source; the investor's forms (disbursement, plan line, physical progress, monthly report) and the capital-plan
import from Excel."""
import streamlit as st

from lib.core import vi
from lib.core.services import settings
from lib.projects import capital, finance_ui
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import show_flash

actor = require_page("project_finance")
st.title("Kế hoạch vốn và giải ngân")
st.caption("Kế hoạch vốn năm, lũy kế giải ngân và tỷ lệ giải ngân của các dự án, so với bình quân toàn tỉnh và đường "
           "mục tiêu do UBND tỉnh đặt (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 5 khoản 6, Điều 9 khoản 3–4). Dự "
           "án tạm dừng, hủy bỏ không tính vào tổng số và tỷ lệ.")
show_flash()
year, month = finance_ui.period_chooser("gn")

with db() as session:
    rows = capital.project_figures(session, actor, year, month)
    province = capital.province_figure(session, actor, year, month)
    investors = capital.disbursement_by_investor(session, actor, year, month)
    sources = capital.disbursement_by_source(session, actor, year, month)
    rates = capital.monthly_rates(session, actor, year)
    curve = capital.target_curve(session)
    reports = capital.monthly_reports(session, actor, year, month)
    max_mb = settings.get(session, "upload_max_mb")

st.subheader(f"{province.name}: lũy kế đến hết tháng {month}/{year}")
finance_ui.figure_metrics(province)

may_plan, may_disburse = finance_ui.writer_roles(actor)
labels = ["Dự án", "Chủ đầu tư", "Nguồn vốn", "Biểu đồ", "Báo cáo tháng"]
slots = {"Báo cáo tháng": ["gn-bc"]}
if may_disburse or may_plan:
    labels.append("Cập nhật số liệu")
    slots["Cập nhật số liệu"] = ["gn-gn", "gn-kh", "gn-kl"]
if may_plan:
    labels.append("Nhập kế hoạch vốn từ Excel")
    slots["Nhập kế hoạch vốn từ Excel"] = ["gn-nhap"]
tabs = dict(zip(labels, outcome.tabs(labels, slots)))

with tabs["Dự án"]:
    if rows:
        behind = sum(1 for r in rows if r.counted and r.figure.behind)
        flagged = sum(1 for r in rows if r.gap != capital.GapLevel.OK)
        st.caption(f"{len(rows)} dự án; {behind} dự án giải ngân chậm so với đường mục tiêu; {flagged} dự án có "
                   "chênh lệch giữa tiến độ khối lượng và tiến độ giải ngân vượt ngưỡng.")
        st.dataframe(finance_ui.projects_table(rows), hide_index=True, width="stretch", key="gn-bang-du-an")
    else:
        st.info("Chưa có dự án đầu tư công nào trong phạm vi của bạn.", icon=":material/info:")
with tabs["Chủ đầu tư"]:
    if investors:
        st.dataframe(finance_ui.figures_table(investors, "Chủ đầu tư"), hide_index=True, width="stretch",
                     key="gn-bang-cdt")
        with st.expander("Cách tính dự kiến giải ngân cả năm và so sánh với đường mục tiêu"):
            for figure in investors:
                if figure.plan > 0:
                    st.markdown(f"**{figure.name}.** {figure.target_text()} {figure.projection_text()}")
    else:
        st.info("Chưa có kế hoạch vốn, giải ngân trong năm đã chọn.", icon=":material/info:")
with tabs["Nguồn vốn"]:
    if sources:
        st.dataframe(finance_ui.figures_table(sources, "Nguồn vốn"), hide_index=True, width="stretch",
                     key="gn-bang-nguon")
    else:
        st.info("Chưa có kế hoạch vốn, giải ngân trong năm đã chọn.", icon=":material/info:")
with tabs["Biểu đồ"]:
    st.markdown("**Tỷ lệ giải ngân lũy kế so với đường mục tiêu của tỉnh**")
    st.altair_chart(finance_ui.rate_chart(rates, curve, month), width="stretch")
    if rows:
        names = {r.id: f"{r.code} — {r.name}" for r in rows}
        chosen = st.selectbox("Tiến độ khối lượng và tiến độ giải ngân của dự án", list(names), key="gn-bd-du-an",
                              placeholder=vi.CHOOSE, format_func=lambda i: names[i])
        if chosen is not None:
            with db() as session:
                points = capital.progress_series(session, actor, chosen, year, month)
            st.altair_chart(finance_ui.progress_chart(points), width="stretch")
with tabs["Báo cáo tháng"]:
    if may_disburse:
        finance_ui.report_form(actor, year, month, "gn-bc")
    if reports:
        st.dataframe(finance_ui.reports_table(reports), hide_index=True, width="stretch", key="gn-bang-bc")
    else:
        st.caption(f"Chưa có báo cáo tháng {month}/{year}.")
if "Cập nhật số liệu" in tabs:
    choices = {r.id: f"{r.code} — {r.name}" for r in rows}
    with tabs["Cập nhật số liệu"]:
        if may_disburse:
            with outcome.expander("Cập nhật giải ngân", "gn-gn", icon=":material/payments:", expanded=True):
                finance_ui.disbursement_form(actor, choices, year, "gn-gn")
            with outcome.expander("Cập nhật tiến độ khối lượng", "gn-kl", icon=":material/construction:"):
                finance_ui.progress_form(actor, choices, year, month, "gn-kl")
        if may_plan:
            with outcome.expander("Thêm kế hoạch vốn (giao, điều chỉnh, chuyển sang)", "gn-kh",
                                  icon=":material/request_quote:"):
                finance_ui.plan_form(actor, choices, year, "gn-kh", max_mb)
if "Nhập kế hoạch vốn từ Excel" in tabs:
    with tabs["Nhập kế hoạch vốn từ Excel"]:
        finance_ui.import_block(actor, "gn-nhap", max_mb)
