"""Công khai kết quả thực hiện nhiệm vụ: open to everyone without log-in; only what the Office marked public."""
import streamlit as st

from lib.core.format import fmt_date
from lib.tasks import public
from lib.ui.chrome import public_links
from lib.ui.guard import require_public
from lib.ui.session import db
from lib.ui.widgets import file_download_button

require_public()
st.title("Công khai kết quả thực hiện nhiệm vụ do UBND tỉnh giao")
st.caption("Thông tin được Văn phòng UBND tỉnh công khai theo quy chế; không bao gồm văn bản mật và ý kiến trao đổi "
           "nội bộ.")
public_links(current="public_tasks")
text = st.text_input("Tìm theo số, ký hiệu văn bản, trích yếu hoặc nội dung nhiệm vụ", key="ck-text",
                     placeholder="ví dụ: giai ngan von dau tu cong")
page = st.session_state.get("ck-trang", 1)
with db() as session:
    rows, total = public.public_tasks(session, text, limit=50, offset=(page - 1) * 50)
st.caption(f"{total} nhiệm vụ")
# One card per document, its tasks under it (the rows come document by document).
groups: list[list] = []
for r in rows:
    if groups and (groups[-1][0].number_symbol, groups[-1][0].issued_on) == (r.number_symbol, r.issued_on):
        groups[-1].append(r)
    else:
        groups.append([r])
for group in groups:
    doc = group[0]
    with st.container(border=True):
        st.markdown(f"**{doc.number_symbol}** ngày {fmt_date(doc.issued_on)} — {doc.document_summary}")
        for i, r in enumerate(group, start=1):
            st.markdown(f"**{i}.** {r.content}" if len(group) > 1 else r.content)
            line = (f"Đơn vị chủ trì: **{r.lead_unit}** · Thời hạn: {fmt_date(r.deadline) if r.deadline else 'dài hạn'}"
                    f" · Tình trạng: **{r.status}**")
            if r.done_on:
                line += f" ngày {fmt_date(r.done_on)}" + (f" ({r.timeliness.label.lower()})" if r.timeliness else "")
            st.caption(line)
            if r.result:
                st.markdown(f"*Kết quả:* {r.result}")
        if doc.document_file_id:
            file_download_button(None, doc.document_file_id, label=f"Tải văn bản {doc.number_symbol}",
                                 key=f"ck-tep-{doc.task_id}")
pages = max(1, (total + 49) // 50)
if pages > 1:
    st.number_input("Trang", min_value=1, max_value=pages, key="ck-trang")
