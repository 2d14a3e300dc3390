"""Lịch làm việc: national holidays (holidays package) and the province's own overrides."""
from datetime import date

import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.enums import CalendarOverrideKind
from lib.core.format import fmt_date
from lib.core.services import calendar_admin
from lib.home import day_off_label, weekday_vi
from lib.ui.guard import require_page
from lib.ui.outcome import action_button, submit_button
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, show_flash

actor = require_page("calendar")
st.title("Lịch làm việc")
st.caption("Ngày làm việc: thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, Tết theo quy định; cộng các ngày làm bù do "
           "Chính phủ công bố. Quản trị hệ thống bổ sung các điều chỉnh riêng của tỉnh.")
show_flash()

today = local_today()
year = st.selectbox("Năm", list(range(today.year - 2, today.year + 3)), index=2, key="lich-nam",
                    placeholder=vi.CHOOSE, width=160)
with db() as session:
    calendar = calendar_admin.work_calendar(session)
    overrides = calendar_admin.list_overrides(session, year)

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(f"Ngày nghỉ năm {year}")
    days = calendar.days_in_year(year)
    st.dataframe([{"Ngày": fmt_date(d), "Thứ": weekday_vi(d), "Lý do": day_off_label(d, name)} for d, name in days],
                 hide_index=True, width="stretch", height=420)
    weekdays = sum(1 for d, _ in days if d.weekday() < 5)
    st.caption(f"{len(days)} ngày nghỉ lễ, Tết và ngày nghỉ của tỉnh, trong đó {weekdays} ngày rơi vào ngày "
               f"thường. Số ngày làm việc trong năm: "
               f"{calendar.working_days_between(date(year - 1, 12, 31), date(year, 12, 31))}.")

with right:
    st.subheader("Điều chỉnh của tỉnh")
    if overrides:
        for o in overrides:
            c1, c2 = st.columns([4, 1])
            c1.write(f"**{fmt_date(o.day)}** ({weekday_vi(o.day)}) — {o.kind.label}: {o.note}")
            with c2:
                withdrawn = action_button("Thu hồi", key=f"thu-hoi-{o.id}")
            if withdrawn:
                def withdraw(override_id: int = o.id) -> None:
                    with db() as session:
                        calendar_admin.withdraw_override(session, actor, override_id)
                attempt(withdraw, f"Đã thu hồi điều chỉnh ngày {fmt_date(o.day)}.")
    else:
        st.write("Chưa có điều chỉnh nào trong năm này.")
    with st.form("them-dieu-chinh"):
        st.write("**Thêm điều chỉnh**")
        day = date_input("Ngày", key="dc-ngay")
        kind = st.radio("Loại", list(CalendarOverrideKind), format_func=lambda k: k.label, horizontal=True)
        note = st.text_input("Căn cứ", placeholder="ví dụ: Công văn số 123/UBND-VP cho nghỉ bù ngày …")
        if submit_button("Thêm", type="primary"):
            def add() -> None:
                with db() as session:
                    calendar_admin.add_override(session, actor, day, kind, note)
            attempt(add, f"Đã thêm điều chỉnh ngày {fmt_date(day)}.")

st.subheader("Tra cứu hạn xử lý")
c1, c2, c3 = st.columns(3)
start = c1.date_input("Từ ngày", value=today, format="DD/MM/YYYY", key="tc-tu")
n = c2.number_input("Số ngày làm việc", min_value=0, max_value=365, value=5, key="tc-n")
c3.metric("Hạn xử lý", fmt_date(calendar.add_working_days(start, int(n))),
          help="Ngày làm việc thứ N sau ngày bắt đầu (không tính ngày bắt đầu).")
