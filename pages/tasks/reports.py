"""Báo cáo nhiệm vụ: by unit, by leader, by document, or the list, for a period; Excel in the official layout."""
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.format import fmt_date
from lib.tasks.enums import TaskStatus
from lib.core.enums import Timeliness
from lib.core.periods import custom, half_year, month, quarter, year
from lib.core.excel import excel_filename
from lib.tasks import reports as task_reports
from lib.tasks.queries import TaskFilter
from lib.ui.guard import require_page
from lib.ui.session import db

actor = require_page("task_reports")
st.title("Báo cáo nhiệm vụ")
today = local_today()

c1, c2, c3, c4 = st.columns([1.6, 1.2, 1, 1.2])
kind = c1.selectbox("Loại báo cáo", list(task_reports.SUMMARY_KINDS) + ["list"], key="bc-loai",
                    placeholder=vi.CHOOSE,
                    format_func=lambda k: task_reports.SUMMARY_KINDS.get(k, "Danh sách nhiệm vụ"))
PERIOD_KINDS = {"month": "Tháng", "quarter": "Quý", "half": "6 tháng", "year": "Năm", "custom": "Tùy chọn"}
period_kind = c2.selectbox("Kỳ báo cáo", list(PERIOD_KINDS), index=3, key="bc-ky", placeholder=vi.CHOOSE,
                           format_func=PERIOD_KINDS.get)
y = c3.number_input("Năm", min_value=2010, max_value=today.year + 1, value=today.year, key="bc-nam")
with c4:
    if period_kind == "month":
        period = month(y, st.selectbox("Tháng", range(1, 13), index=today.month - 1, key="bc-thang",
                                        placeholder=vi.CHOOSE))
    elif period_kind == "quarter":
        period = quarter(y, st.selectbox("Quý", [1, 2, 3, 4], index=(today.month - 1) // 3, key="bc-quy",
                                         placeholder=vi.CHOOSE, format_func=lambda q: ("I", "II", "III", "IV")[q - 1]))
    elif period_kind == "half":
        period = half_year(y, st.selectbox("Nửa năm", [1, 2], key="bc-nua", placeholder=vi.CHOOSE,
                                           format_func=lambda h: "6 tháng đầu năm" if h == 1 else "6 tháng cuối năm"))
    elif period_kind == "custom":
        picked = st.date_input("Từ ngày – đến ngày", value=(today.replace(day=1), today), format="DD/MM/YYYY",
                               key="bc-khoang")
        period = custom(*picked) if isinstance(picked, tuple) and len(picked) == 2 else year(y)
    else:
        period = year(y)

f1, f2, f3 = st.columns([1.5, 1.5, 2])
statuses = f1.multiselect("Trạng thái", list(TaskStatus)[:-1], format_func=lambda s: s.label, key="bc-tt",
                          placeholder="Tất cả")
timeliness = f2.multiselect("Thời hạn", list(Timeliness), format_func=lambda t: t.label, key="bc-th",
                            placeholder="Tất cả")
text = f3.text_input("Nội dung nhiệm vụ có chứa", key="bc-text", placeholder="ví dụ: giai ngan")

flt = TaskFilter(statuses=statuses, timeliness=timeliness, text=text, issued_from=period.start,
                 issued_to=period.end)
title = ("Báo cáo kết quả thực hiện nhiệm vụ do UBND tỉnh giao — "
         + task_reports.SUMMARY_KINDS.get(kind, "danh sách nhiệm vụ").lower())
as_of = task_reports.as_of(period.end, today)   # open tasks are judged as of the period's end
with db() as session:
    table = (task_reports.task_list(session, actor, flt, as_of) if kind == "list"
             else task_reports.summary(session, actor, kind, flt, as_of))
if kind == "office":
    st.caption(f"Kỳ báo cáo: {period.label} · văn bản ban hành trong kỳ, báo cáo có hạn duyệt trong kỳ · "
               f"{len(table.rows)} chuyên viên. Số ngày chậm tính bằng ngày làm việc (Quy chế kèm Quyết định "
               "1298/QĐ-UBND-HC, Điều 6.3b, 6.4; Quy chế kèm Quyết định 520/QĐ-UBND, Điều 8.1).")
else:
    st.caption(f"Kỳ báo cáo: {period.label} (theo ngày ban hành văn bản giao nhiệm vụ) · tình hình thời hạn tính đến "
               f"ngày {fmt_date(as_of)} · {len(table.rows)} dòng")

frame = [{c.title: (v.label if hasattr(v, "label") else v) for c, v in zip(table.columns, row)} for row in table.rows]
for row in frame:
    if "Tỷ lệ đúng hạn" in row:  # no task done with a deadline yet: «—», as on the overview
        rate = row["Tỷ lệ đúng hạn"]
        row["Tỷ lệ đúng hạn"] = "—" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")
if kind == "list":
    st.dataframe(frame, hide_index=True, width="stretch", height=460)
else:  # a summary: every column in sight with its header wrapped (a data frame cut them off at the right)
    st.table(frame, hide_index=True, border="horizontal")

signature = repr((kind, period, statuses, timeliness, text))
if st.button("Chuẩn bị tệp Excel", icon=":material/table_view:", key="bc-chuanbi"):
    with db() as session:
        st.session_state["bc-excel"] = (signature, task_reports.to_excel(session, actor, table, title=title,
                                                                          period=period.label))
prepared = st.session_state.get("bc-excel")
if prepared and prepared[0] == signature:  # a file prepared for other filters is never offered
    st.download_button("Tải tệp Excel", prepared[1],
                       file_name=excel_filename("Bao cao nhiem vu", __import__("datetime").datetime.now()),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type="primary")
