"""Hồ sơ dự án: one project (?id=…) — its record, approving documents, the history of its approved values (each
change with its document, effective date and entry lateness in working days, art. 7.2) and of its status, and the
investor's forms: approved change, document, status, correction (seed 000 art. 7)."""
import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.errors import NotFound
from lib.core.format import fmt_date, fmt_datetime, fmt_money
from lib.core.services import settings
from lib.projects import records, views
from lib.projects.enums import ApprovalDocKind, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase
from lib.projects.process_ui import PROCESS_SLOTS, PROCESS_TAB, render_process
from lib.projects.finance_ui import render_project_finance
from lib.projects.photos_ui import render_photos
from lib.projects.settlement_ui import SLOT as SETTLEMENT_SLOT, render_settlement
from lib.projects.steps_ui import render_step_reports
from lib.projects.ui import facts, money_input
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY
from lib.ui.session import db
from lib.ui.widgets import (
    attempt, date_input, file_download_button, file_input, page_link, show_flash, submit_button, unit_select,
)

actor = require_page("project_detail")
today = local_today()
raw_id = st.query_params.get("id", "")

if not raw_id.strip().isdigit():
    st.title("Hồ sơ dự án")
    st.info("Chưa chọn dự án. Hãy mở một dự án từ danh sách «Dự án đầu tư công».", icon=":material/info:")
    page_link(BY_KEY["projects"])
    st.stop()

project_id = int(raw_id)
try:
    with db() as session:
        detail = records.project_detail(session, actor, project_id)
        documents = views.documents(session, actor, project_id)
        changes = records.value_history(session, actor, project_id)
        statuses = records.status_history(session, actor, project_id)
        investors = views.all_investor_choices(session) if detail.may_edit else []
        upload_mb = settings.get(session, "upload_max_mb")
        project = detail.project
        version = project.version
        location_inputs = [records.LocationInput(loc.commune_id, loc.latitude, loc.longitude)
                           for loc in project.locations]
except NotFound:
    st.error(vi.ERR_NOT_FOUND)   # a typed id outside the actor's scope reveals nothing, not even that it exists
    st.stop()

private = project.kind == ProjectKind.PRIVATE
st.title("Hồ sơ dự án")
show_flash()
page_link(BY_KEY["projects"], "Về danh sách dự án")

# ---------------------------------------------------------------- the record
st.subheader(project.name)
status_line = f"**{project.status.label}** · giai đoạn {project.phase.label.lower()}"
if not records.counted_in_progress(project.status):
    status_line += " · không tính vào số liệu tiến độ"
st.markdown(status_line)
NBSP = "\u00a0"   # «85.000.000.000 đ» never breaks before its «đ»
sources = "; ".join(f"{source.label}: {fmt_money(amount).replace(' ', NBSP)}"
                    for source, amount in detail.capital_sources)
places = ", ".join(name + (f" ({lat:.5f}, {lon:.5f})" if lat is not None else "")
                   for name, lat, lon in detail.locations)
lines = [("Mã dự án", project.code), ("Loại dự án", project.kind.label)]
if private:
    lines += [("Nhà đầu tư", project.private_investor or ""), ("Đơn vị theo dõi", detail.investor)]
else:
    lines += [("Nhóm dự án", project.project_group.label if project.project_group else ""),
              ("Cấp quyết định đầu tư", project.deciding_level.label if project.deciding_level else ""),
              ("Chủ đầu tư", detail.investor)]
lines += [("Hình thức quản lý", project.management_form), ("Địa điểm", places),
          ("Tổng mức đầu tư", fmt_money(project.total_investment).replace(" ", NBSP)), ("Nguồn vốn", sources),
          ("Thời gian thực hiện", f"{fmt_date(project.planned_start)} – {fmt_date(project.planned_end)}"),
          ("Công khai", "Có" if project.published else "Không")]
for start_key, end_key, label in records.PHASE_DATES:
    start, end = getattr(project, start_key), getattr(project, end_key)
    if start or end:
        lines.append((f"Giai đoạn {label.lower()}", f"{fmt_date(start) or '…'} – {fmt_date(end) or '…'}"))
facts(lines)
st.caption(f"Lĩnh vực loại {project.field.field_class} (Luật Đầu tư công): {project.field.label}")
if detail.entry_explanation:
    late = bool(project.entry_late_days)
    (st.warning if late else st.info)(f"**Thời hạn khởi tạo dự án (Điều 9 khoản 1):** {detail.entry_explanation}.",
                                      icon=":material/schedule:")

# ---------------------------------------------------------------- documents and histories
STEPS_TAB, FINANCE_TAB, PHOTOS_TAB, SETTLEMENT_TAB = ("Báo cáo tiến độ các bước", "Vốn và giải ngân", "Hình ảnh",
                                                     "Quyết toán")
tab_process, tab_steps, tab_finance, tab_photos, tab_settlement, tab_docs, tab_changes, tab_status = outcome.tabs(
    [PROCESS_TAB, STEPS_TAB, FINANCE_TAB, PHOTOS_TAB, SETTLEMENT_TAB, f"Văn bản phê duyệt ({len(documents)})",
     f"Thay đổi được phê duyệt ({len(changes)})", f"Lịch sử trạng thái ({len(statuses)})"],
    {PROCESS_TAB: PROCESS_SLOTS, STEPS_TAB: [f"da-buoc-{project_id}-*"], FINANCE_TAB: [f"tc-{project_id}*"], PHOTOS_TAB: ["anh-luu", "anh-xoa-*"],
     SETTLEMENT_TAB: [SETTLEMENT_SLOT]})
with tab_process:
    render_process(actor, project_id, today=today)
with tab_steps:
    render_step_reports(actor, project_id)
with tab_finance:
    render_project_finance(actor, project_id)
with tab_photos:
    render_photos(actor, project_id)
with tab_settlement:
    render_settlement(actor, project_id)
with tab_docs:
    if not documents:
        st.info("Chưa có văn bản phê duyệt nào.", icon=":material/info:")
    else:
        st.dataframe(pd.DataFrame([{"Loại": d.kind.label, "Số, ký hiệu": d.number, "Ngày ký": fmt_date(d.signed_on),
                                    "Cơ quan ban hành": d.issuer, "Trích yếu": d.summary} for d in documents]),
                     hide_index=True, width="stretch", column_config={
                         "Loại": st.column_config.TextColumn(width=90),
                         "Số, ký hiệu": st.column_config.TextColumn(width=120),
                         "Ngày ký": st.column_config.TextColumn(width=90),
                         "Cơ quan ban hành": st.column_config.TextColumn(width=170),
                         "Trích yếu": st.column_config.TextColumn(width=420)})
        for d in documents:
            if d.attachment_id:
                file_download_button(actor, d.attachment_id, label=f"Tải tệp {d.kind.label.lower()} {d.number}",
                                     key=f"hs-tep-{d.id}")
with tab_changes:
    if not changes:
        st.info("Dự án chưa có thay đổi nào được phê duyệt.", icon=":material/info:")
    for c in changes:
        with st.container(border=True):
            st.markdown(f"**{c.label}:** {c.old} → **{c.new}**")
            st.caption(f"Theo {c.document}; có hiệu lực từ {fmt_date(c.effective_on)}; cập nhật lúc "
                       f"{fmt_datetime(c.entered_at)}.")
            (st.warning if c.entry_late_days else st.success)(
                f"Thời hạn cập nhật (Điều 7 khoản 2): {c.explanation}.",
                icon=":material/schedule:" if c.entry_late_days else ":material/check_circle:")
with tab_status:
    st.dataframe(pd.DataFrame([{
        "Ngày hiệu lực": fmt_date(s.effective_on),
        "Trạng thái": (f"{s.old_status.label} → " if s.old_status and s.old_status != s.new_status else "")
        + s.new_status.label,
        "Giai đoạn": (f"{s.old_phase.label} → " if s.old_phase and s.old_phase != s.new_phase else "")
        + s.new_phase.label,
        "Lý do": s.reason or "", "Cập nhật lúc": fmt_datetime(s.at)} for s in statuses]),
        hide_index=True, width="stretch", column_config={
            "Ngày hiệu lực": st.column_config.TextColumn(width=100),
            "Trạng thái": st.column_config.TextColumn(width=220),
            "Giai đoạn": st.column_config.TextColumn(width=220),
            "Lý do": st.column_config.TextColumn(width=330),
            "Cập nhật lúc": st.column_config.TextColumn(width=130)})

if not detail.may_edit:
    st.caption("Bạn chỉ được xem hồ sơ dự án này; chủ đầu tư cập nhật thông tin dự án.")
    st.stop()

# ---------------------------------------------------------------- the investor's forms
st.divider()
st.subheader("Cập nhật hồ sơ dự án")
doc_options = {d.id: d.label for d in documents}
actions = ["Thay đổi được phê duyệt", "Thêm văn bản", "Trạng thái, giai đoạn", "Hiệu chỉnh thông tin"]
tab_change, tab_doc, tab_state, tab_edit = outcome.tabs(actions, {
    "Thay đổi được phê duyệt": ["hs-luu-thay-doi"], "Thêm văn bản": ["hs-luu-van-ban"],
    "Trạng thái, giai đoạn": ["hs-luu-trang-thai"], "Hiệu chỉnh thông tin": ["hs-luu-hieu-chinh"]})

with tab_change:
    if not documents:
        st.info("Hãy thêm văn bản phê duyệt (tab «Thêm văn bản») trước khi cập nhật thay đổi.",
                icon=":material/info:")
    else:
        with st.form("hs-thay-doi"):
            st.caption("Mỗi thay đổi tổng mức đầu tư, thời gian, nhóm dự án hoặc chủ đầu tư được cập nhật kèm văn "
                       "bản phê duyệt và ngày có hiệu lực, trong 5 ngày làm việc kể từ ngày thay đổi (Điều 7 khoản "
                       "2). Chỉ nhập giá trị thay đổi; để nguyên các giá trị không đổi.")
            c1, c2 = st.columns([2, 1])
            document_id = c1.selectbox("Văn bản phê duyệt *", list(doc_options), index=len(doc_options) - 1,
                                       key="hs-td-van-ban", placeholder=vi.CHOOSE,
                                       format_func=lambda i: doc_options[i])
            with c2:
                effective = date_input("Ngày thay đổi có hiệu lực *", value=today, key="hs-td-hieu-luc")
            outcome.at_input("hs-luu-thay-doi", "effective_on")
            new_total = money_input("Tổng mức đầu tư mới (đồng)", key="hs-td-tmdt", value=project.total_investment)
            c1, c2, c3 = st.columns(3)
            with c1:
                new_start = date_input("Ngày dự kiến bắt đầu", value=project.planned_start, key="hs-td-bat-dau")
            with c2:
                new_end = date_input("Ngày dự kiến kết thúc", value=project.planned_end, key="hs-td-ket-thuc")
            if private:
                new_group, new_investor = None, None
            else:
                groups = list(ProjectGroup)
                new_group = c3.selectbox("Nhóm dự án", groups, index=groups.index(project.project_group),
                                         key="hs-td-nhom", placeholder=vi.CHOOSE, format_func=lambda g: g.label)
                new_investor = unit_select("Chủ đầu tư", investors, key="hs-td-cdt",
                                           default_id=project.investor_unit_id)
            outcome.at_input("hs-luu-thay-doi", "group")
            if submit_button("Cập nhật thay đổi", key="hs-luu-thay-doi", type="primary", icon=":material/save:"):
                change = records.ChangeInput(document_id, effective, total_investment=new_total or None,
                                             planned_start=new_start, planned_end=new_end, group=new_group,
                                             investor_unit_id=new_investor)

                def save_change() -> None:
                    with db() as session:
                        records.apply_change(session, actor, project_id, version, change)
                attempt(save_change, "Đã cập nhật thay đổi được phê duyệt.")

with tab_doc, st.form("hs-van-ban"):
    c1, c2, c3 = st.columns([1, 1.2, 1])
    kind = c1.selectbox("Loại văn bản *", list(ApprovalDocKind), index=1, key="hs-vb-loai",
                        placeholder=vi.CHOOSE, format_func=lambda k: k.label)
    number = c2.text_input("Số, ký hiệu *", key="hs-vb-so", placeholder="ví dụ: 1234/QĐ-UBND")
    with c3:
        signed = date_input("Ngày ký *", value=today, key="hs-vb-ngay", max_value=today)
    issuer = st.text_input("Cơ quan ban hành *", key="hs-vb-co-quan", placeholder="ví dụ: UBND tỉnh Đồng Tháp")
    summary = st.text_input("Trích yếu", key="hs-vb-trich-yeu")
    upload = file_input("Tệp văn bản (bản ký số hoặc bản quét)", key="hs-vb-tep", max_mb=upload_mb)
    if submit_button("Thêm văn bản", key="hs-luu-van-ban", type="primary", icon=":material/note_add:"):
        doc = records.DocumentInput(kind, number, signed, issuer, summary)
        file = records.Upload(upload.name, upload.getvalue()) if upload is not None else None

        def save_document() -> None:
            with db() as session:
                records.add_document(session, actor, project_id, doc, file)
        attempt(save_document, f"Đã thêm {kind.label.lower()} số {number.strip()}.")

with tab_state, st.form("hs-trang-thai"):
    moves = [project.status, *sorted(records.STATUS_MOVES[project.status], key=lambda s: s.label)]
    c1, c2, c3 = st.columns(3)
    new_status = c1.selectbox("Trạng thái *", moves, key="hs-tt-trang-thai", placeholder=vi.CHOOSE,
                              format_func=lambda s: s.label)
    phases = list(ProjectPhase)
    new_phase = c2.selectbox("Giai đoạn *", phases, index=phases.index(project.phase), key="hs-tt-giai-doan",
                             placeholder=vi.CHOOSE, format_func=lambda p: p.label)
    with c3:
        on = date_input("Ngày hiệu lực *", value=today, key="hs-tt-ngay", max_value=today)
    reason = st.text_area("Lý do (bắt buộc khi tạm dừng hoặc hủy bỏ)", key="hs-tt-ly-do", height=80)
    outcome.at_input("hs-luu-trang-thai", "reason")
    none_doc = 0
    state_doc = st.selectbox("Văn bản liên quan", [none_doc, *doc_options], key="hs-tt-van-ban",
                             placeholder=vi.CHOOSE,
                             format_func=lambda i: "— không có —" if i == none_doc else doc_options[i])
    if submit_button("Cập nhật trạng thái", key="hs-luu-trang-thai", type="primary", icon=":material/save:"):
        def save_status() -> None:
            with db() as session:
                records.change_status(session, actor, project_id, version, status=new_status, phase=new_phase,
                                      effective_on=on, reason=reason, document_id=state_doc or None)
        attempt(save_status, f"Đã cập nhật trạng thái: {new_status.label}, giai đoạn {new_phase.label.lower()}.")

with tab_edit, st.form("hs-hieu-chinh"):
    st.caption("Hiệu chỉnh các thông tin không cần văn bản phê duyệt. Tổng mức đầu tư, thời gian, nhóm dự án và "
               "chủ đầu tư chỉ thay đổi ở tab «Thay đổi được phê duyệt».")
    edit_name = st.text_input("Tên dự án *", value=project.name, key="hs-hc-ten")
    fields = list(ProjectField)
    edit_field = st.selectbox("Lĩnh vực *", fields, index=fields.index(project.field), key="hs-hc-linh-vuc",
                              placeholder=vi.CHOOSE, format_func=lambda f: f"Loại {f.field_class}: {f.label}")
    outcome.at_input("hs-luu-hieu-chinh", "group")
    c1, c2 = st.columns(2)
    if private:
        edit_level = None
        edit_owner = c1.text_input("Nhà đầu tư *", value=project.private_investor or "", key="hs-hc-nha-dau-tu")
    else:
        levels = list(DecidingLevel)
        edit_level = c1.selectbox("Cấp quyết định đầu tư *", levels, key="hs-hc-cap",
                                  index=levels.index(project.deciding_level) if project.deciding_level else 1,
                                  placeholder=vi.CHOOSE, format_func=lambda d: d.label)
        edit_owner = None
    edit_form = c2.text_input("Hình thức quản lý dự án", value=project.management_form, key="hs-hc-hinh-thuc")
    edit_published = st.checkbox("Công khai trên trang dữ liệu mở", value=project.published, key="hs-hc-cong-khai")
    if submit_button("Lưu hiệu chỉnh", key="hs-luu-hieu-chinh", type="primary", icon=":material/save:"):
        edit = records.RecordEdit(
            name=edit_name, field=edit_field, deciding_level=edit_level, management_form=edit_form,
            phases=records.PhaseDates(**{key: getattr(project, key) for pair in records.PHASE_DATES
                                         for key in pair[:2]}),
            locations=location_inputs,
            capital_sources=dict(detail.capital_sources), published=edit_published, private_investor=edit_owner)

        def save_edit() -> None:
            with db() as session:
                records.update_project(session, actor, project_id, version, edit)
        attempt(save_edit, "Đã lưu hiệu chỉnh thông tin dự án.")
