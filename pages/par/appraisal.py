"""Thẩm định CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_appraisal")
st.title("Thẩm định CCHC")
st.info("Trang đang được xây dựng.")
