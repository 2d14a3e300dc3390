"""Đợt đánh giá CCHC (placeholder until the page is written)."""
import streamlit as st

from lib.ui.guard import require_page

actor = require_page("par_rounds")
st.title("Đợt đánh giá CCHC")
st.info("Trang đang được xây dựng.")
