"""Nhật ký hệ thống: who changed what and when, filtered, paged, exported to Excel."""
from datetime import timedelta

import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.enums import AuditAction
from lib.core.format import fmt_datetime
from lib.core.excel import excel_filename
from lib.core.services import audit_log
from lib.core.services.audit_log import AuditFilter
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import enum_select

PAGE_SIZE = 200

actor = require_page("audit")
st.title("Nhật ký hệ thống")
today = local_today()

c1, c2, c3, c4, c5 = st.columns([1.1, 1.1, 1.2, 1.3, 1.6])
start = c1.date_input("Từ ngày", value=today - timedelta(days=30), format="DD/MM/YYYY", key="nk-tu")
end = c2.date_input("Đến ngày", value=today, format="DD/MM/YYYY", key="nk-den")
with c3:
    action = enum_select("Thao tác", list(AuditAction), key="nk-tt", allow_all=True)
entity_labels = audit_log.entities()
entity = c4.selectbox("Đối tượng", [None] + list(entity_labels), key="nk-dt", placeholder=vi.ALL,
                      format_func=lambda k: "Tất cả" if k is None else entity_labels[k])
who = c5.text_input("Người thực hiện", key="nk-nguoi", placeholder="ví dụ: tran minh quan")

if start and end and start > end:
    st.error("«Từ ngày» phải trước hoặc bằng «Đến ngày».")
    st.stop()

flt = AuditFilter(start=start, end=end, action=action, entity=entity, actor_text=who)
with db() as session:
    total = audit_log.search(session, actor, flt, limit=1)[1]
pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
p1, p2 = st.columns([1, 4])
page = p1.number_input("Trang", min_value=1, max_value=pages, value=1, key="nk-trang")
p2.caption(f"{total} dòng nhật ký · {pages} trang")
with db() as session:
    rows, _ = audit_log.search(session, actor, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
st.dataframe([{"Thời điểm": fmt_datetime(r.at), "Người thực hiện": r.actor, "Thao tác": r.action.label,
               "Đối tượng": r.entity, "Mã": r.entity_id or "", "Mô tả": r.summary or "",
               "Nội dung thay đổi": r.changes} for r in rows],
             hide_index=True, width="stretch", height=480)

if st.button("Chuẩn bị tệp Excel", icon=":material/table_view:"):
    with db() as session:
        st.session_state["nk-excel"] = (flt, audit_log.export_excel(session, actor, flt))
prepared = st.session_state.get("nk-excel")
if prepared and prepared[0] == flt:  # a file prepared for other filters is never offered
    st.download_button("Tải tệp Excel nhật ký", prepared[1],
                       file_name=excel_filename("Nhat ky he thong", __import__("datetime").datetime.now()),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type="primary")
