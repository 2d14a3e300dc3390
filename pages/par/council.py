"""Phê duyệt CCHC: the fields the assistance team has appraised, waiting for the council member's decision, oldest
submission first, and the way into each assessment on that field."""
import streamlit as st

from lib.par import assessments as par_assessments
from lib.par import ui as pw
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import show_flash

actor = require_page("par_council")
st.title("Phê duyệt CCHC")
show_flash()

with db() as session:
    rows = par_assessments.council_queue(session, actor)

if not rows:
    st.success("Không có lĩnh vực nào chờ Hội đồng phê duyệt.", icon=":material/task_alt:")
    st.stop()

m1, m2 = st.columns(2)
m1.metric("Lĩnh vực chờ phê duyệt", len(rows), border=True)
m2.metric("Hồ sơ", len({q.assessment_id for q in rows}), border=True)
st.caption("Hồ sơ nộp sớm nhất ở trên cùng. Chọn một dòng để mở hồ sơ, xem kết quả thẩm định và quyết định.")
picked = pw.queue_table(rows, key="hdq-bang")
if picked is not None:
    st.markdown(f"**{picked.unit_name}** — lĩnh vực {picked.field_code}. {picked.field_name}")
    pw.open_assessment(picked.assessment_id, field_code=picked.field_code, key="hdq-mo",
                       label="Mở hồ sơ để phê duyệt")
