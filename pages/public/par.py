"""Công bố kết quả Chỉ số CCHC: open to everyone without log-in; only rounds that Sở Nội vụ published to the public,
and of them only each unit's rank, total, rate and grade."""
import streamlit as st

from lib.par import results as par_results
from lib.ui.chrome import public_links
from lib.ui.guard import require_public
from lib.par.admin_ui import groups_in, ranking_columns, ranking_frame
from lib.ui.session import db

require_public()
st.title("Công bố kết quả Chỉ số cải cách hành chính")
public_links(current="public_par")

with db() as session:
    published = par_results.readable_rounds(session, None)
if not published:
    st.info("Chưa có kết quả Chỉ số cải cách hành chính nào được công bố.")
    st.stop()

by_id = {r.id: r for r in published}
round_id = st.selectbox("Năm đánh giá", list(by_id), key="ck-cchc-dot",
                        format_func=lambda i: f"Năm {by_id[i].year} — {by_id[i].name}")
with db() as session:
    result = par_results.results(session, None, round_id)
st.caption("Kết quả do Hội đồng thẩm định phê duyệt; xếp hạng trong từng nhóm đơn vị theo tổng điểm.")
if result.table.empty:
    st.info("Đợt đánh giá này chưa có kết quả.")
for group in groups_in(result.table):
    rows = result.table[result.table["group"] == group].reset_index(drop=True)
    st.subheader(group.label)
    st.dataframe(ranking_frame(rows, [], totals_only=True), hide_index=True, width="content",
                 column_config=ranking_columns([], short=False))
