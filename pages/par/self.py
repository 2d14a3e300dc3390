"""Tự đánh giá CCHC: the assessments of the actor's unit (and the units below it), and the way into each one."""
import streamlit as st

from lib.core import vi
from lib.par.enums import ParAssessmentStatus
from lib.core.format import fmt_date
from lib.par import assessments as par_assessments
from lib.par import ui as pw
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import show_flash

actor = require_page("par_self")
st.title("Tự đánh giá CCHC")
show_flash()

with db() as session:
    rows = par_assessments.unit_assessments(session, actor)

if not rows:
    st.info("Đơn vị chưa có trong đợt đánh giá Chỉ số CCHC nào.", icon=":material/info:")
    st.stop()

# What waits for the unit: a self-assessment still open, or a request for more evidence.
pending = [r for r in rows if r.status == ParAssessmentStatus.DRAFT or r.open_requests]
if len(pending) == 1:
    r = pending[0]
    with st.container(border=True):
        st.markdown(f"**{r.round_name}** — {r.unit_name}")
        if r.status == ParAssessmentStatus.DRAFT:
            st.write(f"Đơn vị đang tự đánh giá; hạn nộp kết quả **{fmt_date(r.deadline)}**.")
            label = "Mở hồ sơ tự đánh giá"
        else:
            st.write(f"Tổ giúp việc đang chờ đơn vị bổ sung tài liệu kiểm chứng ({r.open_requests} yêu cầu).")
            label = "Mở hồ sơ để bổ sung tài liệu"
        if not r.can_write:  # a read-only account reads the record; it is offered nothing it cannot do
            label = "Xem hồ sơ"
            st.caption(vi.TASK_READ_ONLY)
        pw.open_assessment(r.id, key="ts-mo-chinh", label=label)
elif pending:
    st.caption(f"{len(pending)} hồ sơ cần đơn vị xử lý (đang tự đánh giá hoặc có yêu cầu bổ sung tài liệu).")

st.subheader("Các đợt đánh giá")
picked = pw.assessments_table(rows, key="ts-bang")
if picked is None:
    st.caption("Chọn một dòng để mở hồ sơ: điểm tự đánh giá, kết quả thẩm định, lịch sử.")
else:
    pw.open_assessment(picked.id, key="ts-mo", primary=len(pending) != 1,
                       label=f"Mở hồ sơ: {picked.round_name} — {picked.unit_name}")
