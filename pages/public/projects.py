"""Dự án công khai: the public-investment projects the investors marked public (issue 10 item 11), open to everyone
without log-in — progress (physical, financial, steps done), photos, and the OC4IDS 0.9.5 open-data file."""
import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.errors import NotFound
from lib.core.format import fmt_date, fmt_money, fmt_money_short, fmt_percent
from lib.core.calendar import local_today
from lib.projects import oc4ids, photos, public, texts
from lib.projects.photos_ui import photo_grid
from lib.projects.ui import facts
from lib.ui.chrome import public_links
from lib.ui.guard import require_public
from lib.ui.session import db

require_public()
st.title(texts.OC4_PUBLIC_TITLE)
st.caption("Các dự án được chủ đầu tư công khai: tiến độ thực hiện, giải ngân và hình ảnh công trường. Dữ liệu mở "
           "theo chuẩn OC4IDS 0.9.5 (Open Contracting for Infrastructure Data Standard).")
public_links(current="public_projects")

with db() as session:
    rows = public.published_projects(session)
    package = oc4ids.export_json(session)
if not rows:
    st.info(texts.OC4_NOTHING, icon=":material/info:")
    st.stop()


def _percent(value: float | None) -> str:
    return "—" if value is None else fmt_percent(value / 100)


c1, c2, c3 = st.columns(3)
c1.metric("Dự án công khai", len(rows))
c2.metric("Tổng mức đầu tư", fmt_money_short(sum(r.total_investment for r in rows)))
c3.metric("Đã giải ngân", fmt_money_short(sum(r.disbursed for r in rows)))
st.download_button("Tải dữ liệu mở (OC4IDS, JSON)", package, file_name=f"du-an-cong-khai-{local_today():%Y%m%d}.json",
                   mime="application/json", key="ck-da-oc4ids", icon=":material/download:")

frame = pd.DataFrame([{
    "Mã dự án": r.code, "Tên dự án": r.name, "Chủ đầu tư": r.investor,
    "Nhóm": r.group.label.replace("Dự án ", "") if r.group else "—", "Giai đoạn": r.phase.label,
    "Trạng thái": r.status.label, "Tổng mức đầu tư": fmt_money_short(r.total_investment),
    "Khối lượng hoàn thành": _percent(r.physical_percent), "Giải ngân / TMĐT": _percent(r.financial_percent),
    "Bước đã xong": f"{r.steps_done}/{r.steps_total}" if r.steps_total else "—", "Ảnh": r.photo_count,
} for r in rows])
st.dataframe(frame, hide_index=True, width="stretch")

by_id = {r.id: r for r in rows}
chosen = st.selectbox("Xem chi tiết dự án", list(by_id), index=None, key="ck-da-chon", placeholder=vi.CHOOSE,
                      format_func=lambda i: f"{by_id[i].code} — {by_id[i].name}")
if chosen is not None:
    try:
        with db() as session:
            project = public.published_project(session, chosen)
            gallery = photos.public_gallery(session, chosen)
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        st.stop()
    st.subheader(project.name)
    facts([("Mã dự án", project.code), ("Chủ đầu tư", project.investor), ("Lĩnh vực", project.field.label),
           ("Nhóm dự án", project.group.label if project.group else "—"), ("Giai đoạn", project.phase.label),
           ("Trạng thái", project.status.label), ("Tổng mức đầu tư", fmt_money(project.total_investment)),
           ("Thời gian thực hiện", f"{fmt_date(project.planned_start)} – {fmt_date(project.planned_end)}"),
           ("Địa điểm", ", ".join(project.communes))])
    p1, p2, p3 = st.columns(3)
    p1.metric("Khối lượng hoàn thành", _percent(project.physical_percent))
    p2.metric("Giải ngân so với tổng mức đầu tư", _percent(project.financial_percent),
              help=f"Đã giải ngân {fmt_money(project.disbursed)}")
    p3.metric("Bước đã hoàn thành", f"{project.steps_done}/{project.steps_total}" if project.steps_total else "—")
    if gallery:
        photo_grid(gallery, key="ck-da-anh")
    else:
        st.info("Dự án chưa có ảnh công khai.", icon=":material/photo_library:")
