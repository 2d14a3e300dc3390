"""Tự đánh giá CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_self")
st.title("Tự đánh giá CCHC")
st.info("Trang đang được xây dựng.")
