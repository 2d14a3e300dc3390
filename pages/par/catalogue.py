"""Bộ tiêu chí CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_catalogue")
st.title("Bộ tiêu chí CCHC")
st.info("Trang đang được xây dựng.")
