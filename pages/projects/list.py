"""Dự án đầu tư công: the projects the actor may see (its own as an investor; all for leaders, Sở Tài chính and the
administrator), with filters, and the form to create a project (seed 000 art. 7.1, 9.1, 11.4)."""
from datetime import timedelta

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.enums import Role
from lib.core.format import fmt_money_short
from lib.projects import excel_ui, records, views
from lib.projects.enums import (CapitalSource, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
                                ProjectStatus)
from lib.projects.ui import money_input
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, show_flash, submit_button, unit_select

actor = require_page("projects")
today = local_today()
st.title("Dự án đầu tư công")
st.caption("Hồ sơ các dự án đầu tư công (và dự án đầu tư tư nhân do Sở Tài chính theo dõi). Chủ đầu tư khởi tạo "
           "và cập nhật dự án của mình; lãnh đạo UBND tỉnh và Sở Tài chính xem tất cả dự án. Chọn một dòng để mở "
           "hồ sơ dự án.")
show_flash()

with db() as session:
    rows = records.list_projects(session, actor)
    investors = views.investor_choices(session, actor)
    communes = dict(views.commune_choices(session))

# ---------------------------------------------------------------- filters
c1, c2, c3, c4 = st.columns([1.6, 1, 1, 1.4])
text = c1.text_input("Tìm theo mã hoặc tên dự án", key="da-tim", placeholder="ví dụ: ĐT.846, bệnh viện")
group = c2.selectbox("Nhóm dự án", [None, *ProjectGroup], key="da-nhom", placeholder=vi.ALL,
                     format_func=lambda g: vi.ALL if g is None else g.label)
status = c3.selectbox("Trạng thái", [None, *ProjectStatus], key="da-trang-thai", placeholder=vi.ALL,
                      format_func=lambda s: vi.ALL if s is None else s.label)
investor_names = sorted({r.investor for r in rows})
investor = c4.selectbox("Chủ đầu tư", [None, *investor_names], key="da-chu-dau-tu", placeholder=vi.ALL,
                        format_func=lambda n: vi.ALL if n is None else n)
chosen = views.ProjectFilter(text, group, status, investor)
shown = views.filter_projects(rows, chosen)

if not rows:
    st.info("Chưa có dự án nào trong phạm vi của bạn.", icon=":material/info:")
elif not shown:
    st.info("Không có dự án nào khớp với bộ lọc.", icon=":material/filter_alt_off:")
else:
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.caption(f"{len(shown)} / {len(rows)} dự án. Tổng mức đầu tư: "
               f"{fmt_money_short(sum(r.total_investment for r in shown))}.")
    with c2:
        excel_ui.export_button(actor, chosen)
    table = pd.DataFrame([{
        "Mã dự án": r.code, "Tên dự án": r.name,
        "Nhóm": r.group.label.removeprefix("Dự án nhóm ").removeprefix("Dự án ") if r.group else "Tư nhân",
        "Chủ đầu tư": r.investor, "Tổng mức đầu tư": fmt_money_short(r.total_investment),
        "Giai đoạn": r.phase.label, "Trạng thái": r.status.label} for r in shown])
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key="da-bang", column_config={
                             "Mã dự án": st.column_config.TextColumn(width=92),
                             "Tên dự án": st.column_config.TextColumn(width=262),
                             "Nhóm": st.column_config.TextColumn(width=62),
                             "Chủ đầu tư": st.column_config.TextColumn(width=140),
                             "Tổng mức đầu tư": st.column_config.TextColumn(width=100),
                             "Giai đoạn": st.column_config.TextColumn(width=112),
                             "Trạng thái": st.column_config.TextColumn(width=100)})
    if event and event.selection.rows:
        picked = shown[event.selection.rows[0]]
        st.write(f"**{picked.code}** — {picked.name}")
        if st.button("Mở hồ sơ dự án", type="primary", icon=":material/open_in_new:", key="da-mo"):
            st.switch_page(BY_KEY["project_detail"].path, query_params={"id": str(picked.id)})

# ---------------------------------------------------------------- a new project
private = actor.has(Role.PLANNING_OFFICER)
public_writer = actor.has(*records.INVESTOR_WRITER_ROLES)
if private or public_writer:
    st.divider()
    title = "Khởi tạo dự án đầu tư tư nhân được giao theo dõi" if private else "Khởi tạo dự án mới"
    with outcome.expander(title, "da-luu-moi", icon=":material/add_circle:"), st.form("da-moi"):
        if private:
            st.caption("Dự án đầu tư tư nhân do UBND tỉnh giao Sở Tài chính theo dõi (Điều 11 khoản 4): không có "
                       "nhóm dự án, cấp quyết định và vốn đầu tư công.")
        else:
            st.caption("Chủ đầu tư khởi tạo dự án trong 10 ngày làm việc kể từ ngày bắt đầu lập chủ trương đầu tư "
                       "(Điều 9 khoản 1); nếu chậm, phần mềm ghi nhận số ngày làm việc chậm.")
        c1, c2 = st.columns([1, 3])
        code = c1.text_input("Mã dự án *", key="da-ma", placeholder="DA-2026-001")
        name = c2.text_input("Tên dự án *", key="da-ten")
        outcome.at_input("da-luu-moi", "code")
        field = st.selectbox("Lĩnh vực (theo Luật Đầu tư công) *", list(ProjectField), key="da-linh-vuc",
                             placeholder=vi.CHOOSE, format_func=lambda f: f"Loại {f.field_class}: {f.label}")
        if private:
            owner = st.text_input("Nhà đầu tư *", key="da-nha-dau-tu")
            group_value, level, investor_id = None, None, None
        else:
            c1, c2, c3 = st.columns([1, 1, 1.6])
            group_value = c1.selectbox("Nhóm dự án *", list(ProjectGroup), index=3, key="da-moi-nhom",
                                       placeholder=vi.CHOOSE, format_func=lambda g: g.label)
            level = c2.selectbox("Cấp quyết định đầu tư *", list(DecidingLevel), index=1, key="da-cap",
                                 placeholder=vi.CHOOSE, format_func=lambda d: d.label)
            with c3:
                investor_id = unit_select("Chủ đầu tư *", investors, key="da-moi-cdt", default_id=actor.unit_id)
            owner = None
            outcome.at_input("da-luu-moi", "group")
        c1, c2 = st.columns(2)
        form = c1.text_input("Hình thức quản lý dự án", key="da-hinh-thuc",
                             placeholder="ví dụ: Ban quản lý dự án chuyên ngành")
        places = c2.multiselect("Địa điểm (xã, phường) *", list(communes), key="da-dia-diem",
                                format_func=lambda i: communes[i], placeholder=vi.CHOOSE_MANY)
        total = money_input("Tổng mức đầu tư (đồng) *", key="da-tmdt")
        st.markdown("**Nguồn vốn (đồng)**")
        sources_shown = [CapitalSource.OTHER] if private else list(CapitalSource)
        columns = st.columns(len(sources_shown))
        amounts = {}
        for column, source in zip(columns, sources_shown):
            with column:
                amounts[source] = money_input(source.label, key=f"da-von-{source.value}")
        outcome.at_input("da-luu-moi", "capital_sources")
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            prep = date_input("Ngày bắt đầu lập chủ trương đầu tư *", value=today, key="da-ngay-cbdt",
                              max_value=today)
        with c2:
            start = date_input("Ngày dự kiến bắt đầu *", value=today, key="da-bat-dau")
        with c3:
            end = date_input("Ngày dự kiến kết thúc *", value=today + timedelta(days=730), key="da-ket-thuc")
        phase = c4.selectbox("Giai đoạn hiện tại", list(ProjectPhase), key="da-giai-doan",
                             placeholder=vi.CHOOSE, format_func=lambda p: p.label)
        published = st.checkbox("Công khai trên trang dữ liệu mở", key="da-cong-khai", value=not private)
        if submit_button("Khởi tạo dự án", key="da-luu-moi", type="primary", icon=":material/save:"):
            data = records.ProjectInput(
                code=code, name=name, field=field, total_investment=total, planned_start=start, planned_end=end,
                phases=records.PhaseDates(preparation_start=prep), locations=[records.LocationInput(i) for i in places],
                kind=ProjectKind.PRIVATE if private else ProjectKind.PUBLIC, group=group_value, deciding_level=level,
                investor_unit_id=investor_id, private_investor=owner, management_form=form,
                capital_sources=amounts, phase=phase, published=published)

            def create() -> None:
                with db() as session:
                    records.create_project(session, actor, data)
            attempt(create, f"Đã khởi tạo dự án «{code.strip().upper()}».")

# ---------------------------------------------------------------- many projects from Excel (issue 10 item 9)
excel_ui.import_expander(actor)
