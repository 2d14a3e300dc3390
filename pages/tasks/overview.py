"""Tổng quan nhiệm vụ: counts by status and timeliness, units ranked, by leader, month by month; every figure
opens the list behind it."""
import altair as alt
import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.enums import Timeliness
from lib.core.format import fmt_month, fmt_percent
from lib.core.periods import custom, presets
from lib.tasks import queries as task_queries, stats as task_stats
from lib.tasks.queries import TaskFilter
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.tasks.list_ui import open_task_button, task_table
from lib.ui.widgets import preset_filters

actor = require_page("task_overview")
st.title("Tổng quan nhiệm vụ")
today = local_today()
DRILL = "tq-drill"
COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)  # counts: whole numbers only


options = presets(today)
# A «Xem» link of the home page (?thoi-han=overdue[&theo-doi=1]) opens its list over the whole period, as counted.
linked = preset_filters(timeliness=("", Timeliness), mine=("", None))
if linked.get("timeliness"):
    mine = linked.get("mine", False)
    t = linked["timeliness"][0]
    st.session_state["tq-ky"] = "Toàn bộ"
    st.session_state[DRILL] = (f"Nhiệm vụ {'tôi theo dõi ' if mine else ''}{t.label.lower()}",
                               {"timeliness": [t]} | ({"follower_id": actor.id} if mine else {}))
c1, c2 = st.columns([2, 3])
choice = c1.selectbox("Kỳ (theo ngày ban hành văn bản)", list(options) + ["Tùy chọn", "Toàn bộ"], index=3,
                      key="tq-ky", placeholder=vi.CHOOSE)
if choice == "Tùy chọn":
    picked = c2.date_input("Từ ngày – đến ngày", value=(options["Năm nay"].start, today), format="DD/MM/YYYY",
                           key="tq-khoang")
    period = custom(*picked) if isinstance(picked, tuple) and len(picked) == 2 else options["Năm nay"]
elif choice == "Toàn bộ":
    period = None
else:
    period = options[choice]
if period is not None:
    c2.caption(f"Kỳ: {period.label}")

base = TaskFilter(issued_from=period.start if period else None, issued_to=period.end if period else None)
with db() as session:
    data = task_stats.overview(session, actor, base, today)


def drill(label: str, **changes) -> None:  # noqa: ANN003
    st.session_state[DRILL] = (label, changes)


st.subheader("Theo thời hạn")
cols = st.columns(6)
for col, t in zip(cols, [Timeliness.OVERDUE, Timeliness.DUE_SOON, Timeliness.IN_TIME, Timeliness.EARLY,
                         Timeliness.ON_TIME, Timeliness.LATE]):
    col.metric(t.label, data.by_timeliness[t])
    col.button("Xem danh sách", key=f"tq-t-{t.value}", on_click=drill, args=(f"Nhiệm vụ {t.label.lower()}",),
               kwargs={"timeliness": [t]}, width="stretch")

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader("Theo trạng thái")
    status_rows = [{"Trạng thái": s.label, "Số nhiệm vụ": n, "key": s.value} for s, n in data.by_status.items()]
    st.metric("Tổng số nhiệm vụ", data.total,
              help="Không tính nhiệm vụ đã thu hồi. Nhiệm vụ dài hạn đang theo dõi: "
                   f"{data.long_term_open}.")
    st.metric("Tỷ lệ hoàn thành đúng hạn", fmt_percent(data.on_time_rate) if data.on_time_rate is not None else "—",
              help="(Trước hạn + Đúng hạn) / số nhiệm vụ đã hoàn thành có thời hạn.")
    chosen = st.selectbox("Xem danh sách theo trạng thái", [None] + list(data.by_status),
                          format_func=lambda s: "— chọn —" if s is None else f"{s.label} ({data.by_status[s]})",
                          key="tq-tt", placeholder="— chọn —")
    if chosen is not None:
        drill(f"Nhiệm vụ {chosen.label.lower()}", statuses=[chosen])
with right:
    st.subheader("Xu hướng theo tháng")
    if data.by_month.empty:
        st.info("Chưa có dữ liệu trong kỳ.")
    else:
        trend = data.by_month.assign(month=data.by_month["month"].map(fmt_month)).rename(columns={"month": "Tháng", "assigned": "Giao mới", "done": "Hoàn thành",
                                              "on_time": "Hoàn thành đúng hạn"})
        long = trend.melt("Tháng", var_name="Chỉ tiêu", value_name="Số nhiệm vụ")
        chart = alt.Chart(long).mark_line(point=True).encode(
            x=alt.X("Tháng:N", sort=None), y=alt.Y("Số nhiệm vụ:Q", axis=COUNT_AXIS), color=alt.Color("Chỉ tiêu:N", legend=alt.Legend(
                orient="bottom")), tooltip=["Tháng", "Chỉ tiêu", "Số nhiệm vụ"])
        st.altair_chart(chart, width="stretch")

st.subheader("Xếp hạng đơn vị chủ trì")
units = data.by_unit
if units.empty:
    st.info("Chưa có dữ liệu trong kỳ.")
else:
    shown = units.assign(**{"Tỷ lệ đúng hạn": units["on_time_rate"].map(
        lambda x: fmt_percent(x) if pd.notna(x) else "—")}).rename(columns={
            "unit": "Đơn vị", "total": "Tổng số", "done": "Hoàn thành", "on_time": "Đúng hạn/trước hạn",
            "late": "Trễ hạn", "overdue": "Quá hạn", "due_soon": "Sắp đến hạn"})
    shown.insert(0, "Hạng", range(1, len(shown) + 1))
    # The table across the page (every column in sight), the units with overdue tasks charted under it.
    event = st.dataframe(shown[["Hạng", "Đơn vị", "Tổng số", "Hoàn thành", "Đúng hạn/trước hạn", "Trễ hạn",
                                "Quá hạn", "Sắp đến hạn", "Tỷ lệ đúng hạn"]],
                         hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key="tq-dv", column_config={"Hạng": st.column_config.NumberColumn(width=56),
                                                     "Đơn vị": st.column_config.TextColumn(width=220)})
    if event and event.selection.rows:
        row = units.iloc[event.selection.rows[0]]
        drill(f"Nhiệm vụ do {row['unit']} chủ trì", unit_id=int(row["key"]))
    late_units = units[units["overdue"] > 0].head(15)
    if not late_units.empty:
        bars = alt.Chart(late_units).mark_bar().encode(
            y=alt.Y("unit:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("overdue:Q", title="Số nhiệm vụ quá hạn", axis=COUNT_AXIS),
            tooltip=[alt.Tooltip("unit:N", title="Đơn vị"), alt.Tooltip("overdue:Q", title="Quá hạn"),
                     alt.Tooltip("total:Q", title="Tổng số")]).properties(
            height=alt.Step(26), title="Đơn vị có nhiệm vụ quá hạn")  # one band per unit, every name shown
        st.altair_chart(bars, width="stretch", height="content")

st.subheader("Theo lãnh đạo chỉ đạo")
leaders = data.by_leader
if not leaders.empty:
    event = st.dataframe(leaders.rename(columns={"leader": "Người chỉ đạo", "total": "Tổng số", "done": "Hoàn thành",
                                                 "on_time": "Đúng hạn/trước hạn", "late": "Trễ hạn",
                                                 "overdue": "Quá hạn"})[
        ["Người chỉ đạo", "Tổng số", "Hoàn thành", "Đúng hạn/trước hạn", "Trễ hạn", "Quá hạn"]],
        hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="tq-ld")
    if event and event.selection.rows:
        picked = leaders.iloc[event.selection.rows[0]]
        drill(f"Nhiệm vụ do {picked['leader']} chỉ đạo", leader_id=int(picked["key"]))

if st.session_state.get(DRILL):
    label, changes = st.session_state[DRILL]
    st.divider()
    st.subheader(label)
    flt = TaskFilter(issued_from=base.issued_from, issued_to=base.issued_to, **changes)
    with db() as session:
        rows, total = task_queries.list_tasks(session, actor, flt, today=today)
    st.caption(f"{total} nhiệm vụ" + (" (hiển thị 200 nhiệm vụ đầu)" if total > len(rows) else ""))
    picked = task_table(rows, key="tq-bang")
    if picked is not None:
        open_task_button(picked, key="tq-mo")
