"""Thẩm định CCHC: the fields waiting for the assessor's appraisal (also those the council sent back), oldest
submission first, and the way into each assessment on that field."""
import streamlit as st

from lib.par.enums import ParFieldStatus
from lib.par import assessments as par_assessments
from lib.par import ui as pw
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import show_flash

actor = require_page("par_appraisal")
st.title("Thẩm định CCHC")
show_flash()

with db() as session:
    rows = par_assessments.appraisal_queue(session, actor)

if not rows:
    st.success("Không có lĩnh vực nào chờ bạn thẩm định.", icon=":material/task_alt:")
    st.stop()

m1, m2, m3 = st.columns(3)
m1.metric("Lĩnh vực chờ thẩm định", len(rows), border=True)
m2.metric("Hội đồng trả lại", sum(1 for q in rows if q.status == ParFieldStatus.RETURNED), border=True)
m3.metric("Hồ sơ chờ đơn vị bổ sung", len({q.assessment_id for q in rows if q.open_request}), border=True)
st.caption("Hồ sơ nộp sớm nhất ở trên cùng. Chọn một dòng để mở hồ sơ đúng lĩnh vực cần thẩm định.")
picked = pw.queue_table(rows, key="tdq-bang")
if picked is not None:
    st.markdown(f"**{picked.unit_name}** — lĩnh vực {picked.field_code}. {picked.field_name}")
    pw.open_assessment(picked.assessment_id, field_code=picked.field_code, key="tdq-mo",
                       label="Mở hồ sơ để thẩm định")
