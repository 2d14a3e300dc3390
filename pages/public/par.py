"""Công bố kết quả Chỉ số CCHC (placeholder)."""
import streamlit as st

from lib.ui.guard import require_public

require_public()
st.title("Công bố kết quả Chỉ số cải cách hành chính")
st.info("Trang đang được xây dựng.")
