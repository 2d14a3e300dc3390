"""Trang chủ: who I am, today in the working-day calendar, and where to go."""
import streamlit as st

from lib.core.calendar import local_today
from lib.core.format import fmt_date
from lib.core.services import calendar_admin
from lib import home
from lib.ui.chrome import forbidden_note
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY, allowed, pages_for
from lib.ui.session import db
from lib.ui.widgets import filter_query, page_link, show_flash

actor = require_page("home")
forbidden_note()
show_flash()
today = local_today()
with db() as session:
    calendar = calendar_admin.work_calendar(session)
    summary = home.summary(session, actor)

st.title(f"Xin chào, {actor.full_name}")
st.caption(f"{summary.unit_name} · Hôm nay {home.weekday_vi(today)}, {fmt_date(today)} · "
           + ("ngày làm việc" if calendar.is_working_day(today) else
              f"ngày nghỉ{(' (' + calendar.holiday_name(today) + ')') if calendar.holiday_name(today) else ''}"))

with db() as session:
    actions = (home.task_actions(session, actor, today) + home.par_actions(session, actor)
               + home.project_step_actions(session, actor, today)
               + home.finance_actions(session, actor, today))
if actions:
    st.subheader("Việc cần làm hôm nay")
    per_row = 4 if len(actions) >= 4 else 3
    for start in range(0, len(actions), per_row):
        cols = st.columns(per_row)
        for col, item in zip(cols, actions[start:start + per_row]):
            # The label in full above the number (a metric's own label is cut to one line), the hint under it.
            with col.container(border=True, height="stretch"):
                st.markdown(f"**{item.label}**")
                st.metric(item.label, item.count, label_visibility="collapsed")
                if item.hint:
                    st.caption(item.hint)
                spec = BY_KEY[item.page_key]
                if item.count and allowed(spec, actor.roles):
                    page_link(spec, label="Xem danh sách", query_params=filter_query(**item.filters))
else:
    cols = st.columns(3)
    cols[0].metric("Đơn vị trong phạm vi của bạn", summary.units_in_scope)
    cols[1].metric("Tài khoản đang hoạt động trong phạm vi", summary.active_accounts)
    cols[2].metric("Ngày làm việc còn lại trong tháng", summary.working_days_left_in_month)

left, right = st.columns([1, 1.25], gap="large")
with left:
    st.subheader("Các chức năng của bạn")
    for spec in pages_for(actor.roles):
        if spec.key != "home":
            page_link(spec)
with right:
    st.subheader("Ngày nghỉ sắp tới")
    upcoming = home.upcoming_days_off(calendar, today)
    if upcoming:
        # A static table: the reasons wrap instead of being cut («… (trùng Chủ nhật)»).
        st.table([{"Ngày": fmt_date(d), "Thứ": home.weekday_vi(d), "Lý do": name} for d, name in upcoming],
                 hide_index=True, border="horizontal")
    else:
        st.write("Không có ngày nghỉ lễ nào trong 12 tháng tới.")
