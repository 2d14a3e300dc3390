"""Bảng điều hành dự án: the investor's overview of its projects (seed 000 art. 5.7) and the leaders' view of every
project (art. 6) — counts by group, field, phase and status; late steps by responsible unit; disbursement by
investor against the provincial average and the target curve; the projects most at risk. Every figure opens the
list behind it, and every list opens one project's record."""
import altair as alt
import pandas as pd
import streamlit as st

from lib.core.format import fmt_date, fmt_money_short, fmt_number, fmt_percent
from lib.projects import boards, step_reports
from lib.projects.finance_ui import period_chooser
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY
from lib.ui.session import db

actor = require_page("project_board")
DRILL = "bd-drill"
st.title("Bảng điều hành dự án")
year, month = period_chooser("bd")
with db() as session:
    board = boards.board(session, actor, year=year, month=month)
st.caption(("Toàn bộ dự án của tỉnh" if board.wide else "Các dự án đơn vị làm chủ đầu tư")
           + f"; giải ngân lũy kế từ đầu năm {year} đến hết tháng {month}. Dự án tạm dừng, hủy bỏ không tính vào "
             "số liệu tiến độ.")
if not board.projects:
    st.info("Chưa có dự án nào trong phạm vi theo dõi của bạn.", icon=":material/info:")
    st.stop()


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def drill(label: str, lines: list[boards.ProjectLine]) -> None:
    st.session_state[DRILL] = (label, [line.id for line in lines])


def open_project(project_id: int, key: str) -> None:
    if st.button("Mở hồ sơ dự án", type="primary", icon=":material/open_in_new:", key=key):
        st.switch_page(BY_KEY["project_detail"].path, query_params={"id": str(project_id)})


def picked_row(table: pd.DataFrame, key: str, column_config: dict | None = None) -> int | None:
    """A table whose row can be chosen; the chosen row's index (None: none)."""
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=key, column_config=column_config)
    return event.selection.rows[0] if event and event.selection.rows else None


c = st.columns(6)
c[0].metric("Dự án", len(board.projects), help=f"{board.counted} dự án tính vào số liệu tiến độ")
c[1].metric("Bước quá hạn", board.overdue_steps)
c[2].metric("Bước sắp đến hạn", board.due_soon_steps)
c[3].metric("Chưa báo cáo", board.unreported_steps, help="Bước đã hoàn thành nhưng đơn vị giải quyết chưa báo cáo")
c[4].metric("Dự báo chậm tiến độ", board.late_forecasts)
c[5].metric("Tỷ lệ giải ngân", fmt_percent(board.province.rate) or "—",
            help=f"Đã giải ngân {fmt_money_short(board.province.disbursed)} / kế hoạch "
                 f"{fmt_money_short(board.province.plan)}; mục tiêu đến hết tháng {month}: "
                 f"{fmt_percent(board.province.target)}")

tab_counts, tab_late, tab_money, tab_risk = st.tabs(["Dự án theo nhóm, lĩnh vực, giai đoạn",
                                                     "Bước trễ hạn theo đơn vị", "Giải ngân theo chủ đầu tư",
                                                     f"Dự án có nguy cơ ({len(board.risks)})"])
with tab_counts:
    dimensions = [("group", "Nhóm dự án", "Dự án tư nhân (theo dõi)"), ("phase", "Giai đoạn", ""),
                  ("status", "Trạng thái", ""), ("field", "Lĩnh vực", "")]
    columns = st.columns(2)
    for index, (attribute, title, none_label) in enumerate(dimensions):
        counts = board.count_by(attribute)
        labels = [value.label if value is not None else none_label for value, _ in counts]
        with columns[index % 2]:
            st.markdown(f"**{title}**")
            row = picked_row(pd.DataFrame({title: labels, "Số dự án": [n for _, n in counts]}), f"bd-{attribute}",
                             {title: st.column_config.TextColumn(width=330 if attribute == "field" else 240)})
            if row is not None:
                value = counts[row][0]
                drill(f"{title}: {labels[row]}", board.lines_where(attribute, value))

with tab_late:
    if not board.late_units:
        st.success("Không có bước nào trễ hạn.", icon=":material/check_circle:")
    else:
        st.caption("Bước hoàn thành trễ hạn tính cho đơn vị chịu trách nhiệm theo xác nhận của chủ đầu tư (Điều 8 "
                   "khoản 3, khoản 7); bước chưa hoàn thành đã quá hạn tính cho đơn vị giải quyết.")
        table = pd.DataFrame([{"Đơn vị": u.unit, "Hoàn thành trễ hạn": u.late_finished, "Quá hạn chưa xong":
                               u.overdue_open, "Tổng số ngày làm việc trễ": fmt_number(u.late_days)} for u in board.late_units])
        row = picked_row(table, "bd-tre", {"Đơn vị": st.column_config.TextColumn(width=300)})
        if row is not None:
            unit = board.late_units[row]
            with db() as session:
                steps = step_reports.late_steps(session, actor, unit_id=unit.unit_id)
            st.markdown(f"**Các bước trễ hạn tính cho {unit.unit}**")
            chosen = picked_row(pd.DataFrame([{
                "Mã dự án": s.project_code, "Dự án": s.project_name, "Bước": s.step_name,
                "Hạn": fmt_date(s.deadline), "Hoàn thành": fmt_date(s.finished_on) or "chưa xong",
                "Trễ (ngày làm việc)": s.late_days} for s in steps]), "bd-tre-buoc",
                {"Dự án": st.column_config.TextColumn(width=260), "Bước": st.column_config.TextColumn(width=220)})
            if chosen is not None:
                open_project(steps[chosen].project_id, "bd-tre-mo")

with tab_money:
    figures = [f for f in board.investors if f.plan > 0]
    if not figures:
        st.info(f"Chưa có kế hoạch vốn năm {year}.", icon=":material/info:")
    else:
        average = board.province.rate or 0.0
        st.caption(f"Bình quân toàn tỉnh: {fmt_percent(average)}; mục tiêu đến hết tháng {month}: "
                   f"{fmt_percent(board.province.target)}. Chủ đầu tư dưới đường mục tiêu được đánh dấu.")
        chart = pd.DataFrame({"Chủ đầu tư": [f.name for f in figures], "Tỷ lệ": [f.rate or 0.0 for f in figures],
                              "Tình trạng": ["Chậm so với mục tiêu" if f.behind else "Đạt mục tiêu"
                                             for f in figures]})
        bars = alt.Chart(chart).mark_bar().encode(
            x=alt.X("Tỷ lệ:Q", title="Tỷ lệ giải ngân so với kế hoạch", axis=alt.Axis(format="%")),
            y=alt.Y("Chủ đầu tư:N", sort="x", title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color("Tình trạng:N", scale=alt.Scale(domain=["Chậm so với mục tiêu", "Đạt mục tiêu"],
                                                            range=["#d62728", "#2ca02c"]),
                            legend=alt.Legend(orient="bottom", title=None)))
        rules = alt.Chart(pd.DataFrame({"Mốc": ["Bình quân toàn tỉnh", "Mục tiêu"],
                                        "Giá trị": [average, board.province.target]})).mark_rule(
            strokeDash=[4, 3]).encode(x="Giá trị:Q", color=alt.value("#555"), tooltip=["Mốc:N", "Giá trị:Q"])
        st.altair_chart((bars + rules).properties(height=max(160, 26 * len(figures))), width="stretch")
        table = pd.DataFrame([{"Chủ đầu tư": f.name, "Kế hoạch": fmt_money_short(f.plan),
                               "Đã giải ngân": fmt_money_short(f.disbursed), "Tỷ lệ": fmt_percent(f.rate),
                               "Dự kiến cả năm": fmt_money_short(f.projection),
                               "Đánh giá": "Chậm so với mục tiêu" if f.behind else "Đạt mục tiêu"} for f in figures])
        row = picked_row(table, "bd-gn", {"Chủ đầu tư": st.column_config.TextColumn(width=280)})
        if row is not None:
            drill(f"Dự án của {figures[row].name}", board.lines_where("investor_unit_id", figures[row].key))

with tab_risk:
    if not board.risks:
        st.success("Không có dự án nào có dấu hiệu chậm tiến độ.", icon=":material/check_circle:")
    else:
        table = pd.DataFrame([{"Mã dự án": r.project.code, "Dự án": r.project.name, "Chủ đầu tư": r.project.investor,
                               "Lý do": sentence("; ".join(r.reasons))} for r in board.risks])
        row = picked_row(table, "bd-nguy-co", {"Dự án": st.column_config.TextColumn(width=260),
                                               "Lý do": st.column_config.TextColumn(width=420)})
        if row is not None:
            open_project(board.risks[row].project.id, "bd-nguy-co-mo")

if st.session_state.get(DRILL):
    label, ids = st.session_state[DRILL]
    shown = [line for line in board.projects if line.id in set(ids)]
    st.divider()
    st.subheader(f"{label} ({len(shown)} dự án)")
    row = picked_row(pd.DataFrame([{"Mã dự án": p.code, "Tên dự án": p.name, "Chủ đầu tư": p.investor,
                                    "Tổng mức đầu tư": fmt_money_short(p.total_investment),
                                    "Giai đoạn": p.phase.label, "Trạng thái": p.status.label} for p in shown]),
                     "bd-ds", {"Tên dự án": st.column_config.TextColumn(width=300)})
    if row is not None:
        open_project(shown[row].id, "bd-ds-mo")
