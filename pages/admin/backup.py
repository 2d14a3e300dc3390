"""Sao lưu dữ liệu: a consistent copy of the database and the attachments, made while everyone keeps working."""
import io
from datetime import datetime

import streamlit as st

from lib.core.errors import DomainError
from lib.core.services import backup_admin
from lib.ui.guard import require_page
from lib.ui.session import db

actor = require_page("backup")
st.title("Sao lưu dữ liệu")
st.write("Bản sao lưu gồm toàn bộ cơ sở dữ liệu và các tệp đính kèm, trong một tệp .zip. "
         "Có thể sao lưu trong khi mọi người vẫn đang làm việc.")

if st.button("Tạo bản sao lưu", type="primary", icon=":material/backup:"):
    buffer = io.BytesIO()
    try:
        with st.spinner("Đang sao lưu…"), db() as session:
            counts = backup_admin.backup_now(session, actor, buffer)
    except DomainError as error:  # e.g. an attachment missing from the store: no backup is offered
        st.session_state.pop("sl-tep", None)
        st.error(str(error))
    else:
        st.session_state["sl-tep"] = buffer.getvalue()
        st.session_state["sl-ten"] = f"dondoc-saoluu-{datetime.now():%Y%m%d-%H%M}.zip"
        st.success(f"Đã sao lưu {sum(counts.values())} dòng dữ liệu.")
if st.session_state.get("sl-tep"):
    st.download_button("Tải bản sao lưu", st.session_state["sl-tep"], file_name=st.session_state["sl-ten"],
                       mime="application/zip", icon=":material/download:")

st.subheader("Phục hồi")
st.info("Phục hồi thay thế toàn bộ dữ liệu hiện tại, nên chỉ thực hiện trên máy chủ, bằng dòng lệnh, khi đã "
        "thông báo bảo trì:\n\n`python -m lib.cli restore <tệp-sao-lưu.zip>`\n\n"
        "Sao lưu định kỳ bằng lệnh `python -m lib.cli backup` (có thể đặt lịch chạy tự động hằng ngày).")
