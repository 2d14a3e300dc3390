"""Đối chiếu giải ngân (seed 000 art. 9.3–9.4, 11): Sở Tài chính extracts each month's disbursement in the official
layout, imports the State Treasury's figures and reconciles them with what the investors entered, and reminds the
investors whose monthly report is missing; leaders read; each investor sees its own differences and explains them."""
import streamlit as st

from lib.core.calendar import local_today
from lib.core.services import settings
from lib.projects import records, treasury, treasury_ui as ui
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import show_flash

actor = require_page("project_treasury")
today = local_today()
st.title("Đối chiếu giải ngân")
st.caption("Số liệu giải ngân do chủ đầu tư cập nhật (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 3, 4) đối "
           "soát với số liệu của Kho bạc Nhà nước; Sở Tài chính tổng hợp, trích xuất báo cáo tháng và đôn đốc các chủ "
           "đầu tư (Điều 11).")
show_flash()
with db() as session:
    upload_mb = int(settings.get(session, "upload_max_mb"))

wide = actor.has(*records.PROJECT_WIDE_ROLES)
period = ui.period_chooser(today, cumulative=not wide)
if wide:
    ui.extraction_download(actor, period)
else:
    ui.reminders_received(actor)

rows = ui.differences(actor, period)
if not wide:
    st.subheader("Chênh lệch với số liệu Kho bạc")
    shown = ui.reconciliation_table(rows, period)
    ui.explanation_form(actor, shown)
else:
    labels = ["Chênh lệch với Kho bạc", "Chủ đầu tư chưa gửi báo cáo tháng"]
    slots = {labels[1]: ["dc-nhac"]}
    if actor.has(*treasury.IMPORT_ROLES):
        labels.insert(1, "Nhập số liệu Kho bạc")
        slots[labels[1]] = ["dc-nhap"]
    tabs = outcome.tabs(labels, slots)
    with tabs[0]:
        ui.reconciliation_table(rows, period)
    if actor.has(*treasury.IMPORT_ROLES):
        with tabs[1]:
            ui.treasury_import(actor, period, upload_mb)
    with tabs[-1]:
        ui.missing_reports(actor, period)
