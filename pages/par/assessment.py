"""Hồ sơ Chỉ số CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_assessment")
st.title("Hồ sơ Chỉ số CCHC")
st.info("Trang đang được xây dựng.")
