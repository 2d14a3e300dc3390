"""Phê duyệt CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_council")
st.title("Phê duyệt CCHC")
st.info("Trang đang được xây dựng.")
