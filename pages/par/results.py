"""Kết quả Chỉ số CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_results")
st.title("Kết quả Chỉ số CCHC")
st.info("Trang đang được xây dựng.")
