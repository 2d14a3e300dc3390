"""Nhiệm vụ của đơn vị: the unit's tasks (as lead or coordinator) with working days left, and what to do next."""
import streamlit as st

from lib.core.access import subtree_ids
from lib.core.calendar import local_today
from lib.tasks.enums import TaskStatus
from lib.core.enums import Timeliness
from lib.core.format import fmt_date
from lib.tasks import queries as task_queries
from lib.tasks.queries import TaskFilter
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.tasks.list_ui import open_task_button, task_table
from lib.ui.widgets import preset_filters, show_flash

actor = require_page("task_inbox")
st.title("Nhiệm vụ của đơn vị")
show_flash()
today = local_today()

OPEN = [s for s in TaskStatus if s.is_open]
# A «Xem» link of the home page opens the list its count was made of (?trang-thai=…&thoi-han=…&chu-tri=1).
preset_filters(statuses=("hop-tt", TaskStatus), timeliness=("hop-th", Timeliness), lead_only=("hop-chu-tri", None))

c1, c2, c3 = st.columns([2.2, 1.3, 1.5])
# Five statuses are chosen at first: their chips wrap onto more rows instead of hiding off the box's edge.
statuses = c1.multiselect("Trạng thái", list(TaskStatus)[:-1], default=OPEN, format_func=lambda s: s.label,
                          key="hop-tt", placeholder="Tất cả", wrap=True)
timeliness = c2.multiselect("Tình hình thời hạn", list(Timeliness), format_func=lambda t: t.label, key="hop-th",
                            placeholder="Tất cả")
text = c3.text_input("Tìm trong nội dung nhiệm vụ", key="hop-text", placeholder="ví dụ: giai ngan")
c4, c5, c6, c7 = st.columns([1, 1, 1.6, 1.6], vertical_alignment="bottom")
deadline_from = c4.date_input("Hạn xử lý từ ngày", value=None, format="DD/MM/YYYY", key="hop-tu")
deadline_to = c5.date_input("đến ngày", value=None, format="DD/MM/YYYY", key="hop-den")
document_text = c6.text_input("Văn bản giao (số, ký hiệu hoặc trích yếu)", key="hop-vb",
                              placeholder="ví dụ: 125/UBND-KT")
lead_only = c7.toggle("Chỉ nhiệm vụ đơn vị chủ trì", key="hop-chu-tri",
                      help="Ẩn các nhiệm vụ đơn vị chỉ phối hợp: chỉ đơn vị chủ trì tiếp nhận và báo cáo kết quả.")

with db() as session:
    own = subtree_ids(session, actor.unit_id)
    flt = TaskFilter(statuses=statuses or list(TaskStatus)[:-1], timeliness=timeliness, text=text,
                     deadline_from=deadline_from, deadline_to=deadline_to, document_text=document_text,
                     lead_unit_ids=own if lead_only else None)
    rows, total = task_queries.inbox(session, actor, flt, today=today)

counts = {t: sum(1 for r in rows if r.timeliness == t) for t in (Timeliness.OVERDUE, Timeliness.DUE_SOON)}
m1, m2, m3, m4 = st.columns(4)
m1.metric("Nhiệm vụ phù hợp bộ lọc", total)
m2.metric("Quá hạn", counts[Timeliness.OVERDUE])
m3.metric("Sắp đến hạn", counts[Timeliness.DUE_SOON])
m4.metric("Chưa tiếp nhận", sum(1 for r in rows if r.status == TaskStatus.NEW and r.lead_unit_id in own),
          help="Nhiệm vụ mới giao mà đơn vị chủ trì chưa tiếp nhận (đơn vị phối hợp không tiếp nhận).")

picked = task_table(rows, key="hop-bang", unit_column=True)
st.caption(f"Hôm nay {fmt_date(today)}. «Còn lại» tính bằng ngày làm việc, không kể thứ Bảy, Chủ nhật và ngày lễ; "
           "hạn rơi vào ngày nghỉ được tính đến hết ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148.5).")
if picked is not None:
    open_task_button(picked)
