"""Bước cần giải quyết: the steps the actor's unit must resolve across all projects, with the working days left, the
report form with evidence files and the report history; for an investor, the steps of its own projects with the
on-time / late judgement to confirm or correct and the reminder form (seed 000 art. 8.3–8.7, 9.2)."""
import streamlit as st

from lib.projects import steps_ui
from lib.ui.guard import require_page
from lib.ui.widgets import show_flash

actor = require_page("project_steps")
st.title("Bước cần giải quyết")
st.caption("Các bước trong quy trình dự án mà đơn vị được giao giải quyết. Đơn vị báo cáo tiến độ, mức độ hoàn "
           "thành, thuận lợi, khó khăn; bước đã hoàn thành phải được báo cáo trong thời hạn quy định "
           "(Điều 9 khoản 2). Chủ đầu tư xác nhận đúng hạn, trễ hạn và đôn đốc đơn vị giải quyết (Điều 8).")
show_flash()
steps_ui.render_steps_page(actor)
