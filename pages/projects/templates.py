"""«Quy trình mẫu»: the process templates (seed 000 art. 5.2 «Phần mềm đã thiết lập cấu hình quy trình tự động ban
đầu…»): list, create, rename, (de)activate, and their steps (phase, name, resolver, duration, the steps each waits
for), with each template's critical-path duration. The system administrator and Sở Tài chính keep them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.errors import ValidationError
from lib.projects import process, texts, views
from lib.projects.enums import ProjectGroup, ProjectPhase, ResolverKind
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import attempt, selection_key, show_flash, submit_button, unit_select

actor = require_page("process_templates")
ANY_GROUP = "any"
GROUPS = [ANY_GROUP, *ProjectGroup]


def group_label(value: object) -> str:
    return "Mọi nhóm dự án" if value == ANY_GROUP else value.label  # type: ignore[union-attr]


with db() as session:
    templates = process.list_templates(session, actor)
    units = views.all_investor_choices(session)

st.title("Quy trình mẫu")
show_flash()
st.caption("Mẫu quy trình được đề xuất khi chủ đầu tư cấu hình quy trình cho dự án theo nhóm dự án; chủ đầu tư hiệu "
           "chỉnh cho từng dự án (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 5 khoản 2, Điều 7 khoản 1). Đường găng: "
           "tổng số ngày làm việc của chuỗi bước dài nhất.")
st.dataframe(pd.DataFrame([{"Tên mẫu": t.name, "Áp dụng cho": group_label(t.project_group or ANY_GROUP),
                            "Số bước": t.step_count, "Đường găng (ngày LV)": t.total_days,
                            "Đang sử dụng": "Có" if t.active else "Ngừng sử dụng"} for t in templates],
                          columns=["Tên mẫu", "Áp dụng cho", "Số bước", "Đường găng (ngày LV)", "Đang sử dụng"]),
             hide_index=True, width="stretch")

with outcome.expander("Tạo mẫu quy trình mới", "qm-luu-moi"), st.form("qm-moi"):
    c1, c2 = st.columns([2, 1])
    new_name = c1.text_input("Tên mẫu *", key="qm-moi-ten")
    new_group = c2.selectbox("Áp dụng cho *", GROUPS, key="qm-moi-nhom", placeholder=vi.CHOOSE,
                             format_func=group_label)
    outcome.at_input("qm-luu-moi", "name")
    new_description = st.text_area("Mô tả", key="qm-moi-mo-ta", height=70)
    if submit_button("Tạo mẫu", key="qm-luu-moi", type="primary", icon=":material/add:"):
        def create() -> None:
            with db() as session:
                process.create_template(session, actor, new_name, new_description,
                                        None if new_group == ANY_GROUP else new_group)
        attempt(create, f"Đã tạo mẫu quy trình «{' '.join(new_name.split())}».")

if not templates:
    st.stop()

by_id = {t.id: t for t in templates}
template_id = st.selectbox("Mẫu quy trình", list(by_id), key="qm-mau", placeholder=vi.CHOOSE,
                           format_func=lambda i: by_id[i].name + ("" if by_id[i].active else " (ngừng sử dụng)"))
if template_id is None:
    st.stop()
template = by_id[template_id]
with db() as session:
    steps = process.template_steps(session, actor, template_id)

st.subheader(template.name)
st.caption(f"{group_label(template.project_group or ANY_GROUP)} · {len(steps)} bước · đường găng "
           f"{template.total_days} ngày làm việc" + (f" · {template.description}" if template.description else ""))
st.dataframe(pd.DataFrame([{"TT": s.position, "Giai đoạn": s.phase.label, "Tên bước": s.name,
                            "Đơn vị giải quyết": s.resolver, "Số ngày LV": s.duration_days,
                            "Chờ bước": ", ".join(str(p) for p in s.waits_for)} for s in steps],
                          columns=["TT", "Giai đoạn", "Tên bước", "Đơn vị giải quyết", "Số ngày LV", "Chờ bước"]),
             hide_index=True, width="stretch", column_config={
                 "TT": st.column_config.NumberColumn(width=40),
                 "Giai đoạn": st.column_config.TextColumn(width=130),
                 "Tên bước": st.column_config.TextColumn(width=380),
                 "Đơn vị giải quyết": st.column_config.TextColumn(width=230),
                 "Số ngày LV": st.column_config.NumberColumn(width=80),
                 "Chờ bước": st.column_config.TextColumn(width=80)})

options = {s.id: f"{s.position}. {s.name}" for s in steps}
ids = list(options)
kinds = list(ResolverKind)
phases = list(ProjectPhase)
version = template.version


def resolver_fields(prefix: str, kind: ResolverKind = ResolverKind.INVESTOR,
                    unit_id: int | None = None) -> tuple[ResolverKind, int | None]:
    c1, c2 = st.columns(2)
    chosen = c1.selectbox("Đơn vị giải quyết mặc định *", kinds, index=kinds.index(kind), key=f"{prefix}-loai",
                          placeholder=vi.CHOOSE, format_func=lambda k: k.label)
    with c2:
        unit = unit_select("Đơn vị cụ thể (khi chọn «Đơn vị cụ thể»)", units, key=f"{prefix}-dv", default_id=unit_id,
                           allow_none=True, none_label="(không chọn)")
    return chosen, unit if chosen == ResolverKind.UNIT else None


labels = ["Thêm bước", "Sửa bước", "Xóa bước", "Thông tin mẫu"]
tab_add, tab_edit, tab_remove, tab_info = outcome.tabs(labels, {
    "Thêm bước": ["qm-luu-them"], "Sửa bước": ["qm-luu-sua-buoc"], "Xóa bước": ["qm-luu-xoa"],
    "Thông tin mẫu": ["qm-luu-mau"]})

with tab_add, st.form("qm-them"):
    c1, c2 = st.columns([2, 1])
    name = c1.text_input("Tên bước *", key="qm-them-ten")
    phase = c2.selectbox("Giai đoạn *", phases, key="qm-them-gd", placeholder=vi.CHOOSE,
                         format_func=lambda p: p.label)
    outcome.at_input("qm-luu-them", "name")
    kind, unit_id = resolver_fields("qm-them")
    outcome.at_input("qm-luu-them", "unit_id")
    c1, c2 = st.columns(2)
    duration = c1.number_input("Số ngày làm việc *", min_value=1, max_value=2000, step=1, value=5,
                               key="qm-them-so-ngay")
    position = c2.number_input("Vị trí", min_value=1, max_value=len(ids) + 1, step=1, value=len(ids) + 1,
                               key="qm-them-vi-tri")
    waits = st.multiselect("Chờ hoàn thành các bước (để trống: chờ bước đứng trước)", ids,
                           key=selection_key("qm-them-cho", ids),
                           placeholder=vi.CHOOSE, format_func=lambda i: options[i])
    if submit_button("Thêm bước", key="qm-luu-them", type="primary", icon=":material/add:"):
        data = process.TemplateStepInput(name=name, phase=phase, resolver_kind=kind, duration_days=int(duration),
                                         unit_id=unit_id, position=int(position), waits_for=list(waits) or None)

        def add() -> None:
            with db() as session:
                process.add_template_step(session, actor, template_id, data, version)
        attempt(add, f"Đã thêm bước «{' '.join(name.split())}» vào mẫu «{template.name}».")

with tab_edit:
    step_id = st.selectbox("Bước cần sửa", ids, key=selection_key("qm-sua-buoc", ids), placeholder=vi.CHOOSE,
                           format_func=lambda i: options[i])
    if step_id is not None:
        step = next(s for s in steps if s.id == step_id)
        unit_default = next((u.id for u in units if u.name == step.resolver), None)
        with st.form(f"qm-sua-{step_id}"):
            c1, c2 = st.columns([2, 1])
            edit_name = c1.text_input("Tên bước *", value=step.name, key=f"qm-sua-ten-{step_id}")
            edit_phase = c2.selectbox("Giai đoạn *", phases, index=phases.index(step.phase),
                                      key=f"qm-sua-gd-{step_id}", placeholder=vi.CHOOSE, format_func=lambda p: p.label)
            edit_kind, edit_unit = resolver_fields(f"qm-sua-{step_id}", step.resolver_kind,
                                                   unit_default if step.resolver_kind == ResolverKind.UNIT else None)
            outcome.at_input("qm-luu-sua-buoc", "unit_id")
            c1, c2 = st.columns(2)
            edit_duration = c1.number_input("Số ngày làm việc *", min_value=1, max_value=2000, step=1,
                                            value=step.duration_days, key=f"qm-sua-so-ngay-{step_id}")
            edit_position = c2.number_input("Vị trí", min_value=1, max_value=len(ids), step=1, value=step.position,
                                            key=f"qm-sua-vi-tri-{step_id}")
            position_ids = {s.position: s.id for s in steps}
            others = [i for i in ids if i != step_id]
            edit_waits = st.multiselect("Chờ hoàn thành các bước", others, key=f"qm-sua-cho-{step_id}",
                                        default=[position_ids[p] for p in step.waits_for], placeholder=vi.CHOOSE,
                                        format_func=lambda i: options[i])
            outcome.at_input("qm-luu-sua-buoc", "waits_for")
            if submit_button("Lưu bước", key="qm-luu-sua-buoc", type="primary", icon=":material/save:"):
                edit = process.TemplateStepInput(name=edit_name, phase=edit_phase, resolver_kind=edit_kind,
                                                 duration_days=int(edit_duration), unit_id=edit_unit,
                                                 position=int(edit_position), waits_for=list(edit_waits))

                def save_step() -> None:
                    with db() as session:
                        process.update_template_step(session, actor, template_id, step_id, edit, version)
                attempt(save_step, f"Đã lưu bước «{' '.join(edit_name.split())}».")

with tab_remove, st.form("qm-xoa"):
    removed = st.selectbox("Bước cần xóa *", ids, index=None, key=selection_key("qm-xoa-buoc", ids),
                           placeholder=vi.CHOOSE,
                           format_func=lambda i: options[i])
    st.caption("Các bước chờ bước bị xóa sẽ chờ các bước mà nó chờ. Dự án đã áp dụng mẫu giữ nguyên quy trình của "
               "mình.")
    if submit_button("Xóa bước", key="qm-luu-xoa", icon=":material/delete:"):
        def remove() -> None:
            if removed is None:
                raise ValidationError(texts.PRC_STEP_REQUIRED, field="step_id")
            with db() as session:
                process.remove_template_step(session, actor, template_id, removed, version)
        attempt(remove, f"Đã xóa bước «{options[removed]}»." if removed is not None else None)

with tab_info, st.form("qm-sua-mau"):
    c1, c2 = st.columns([2, 1])
    info_name = c1.text_input("Tên mẫu *", value=template.name, key=f"qm-mau-ten-{template_id}")
    group_now = template.project_group or ANY_GROUP
    info_group = c2.selectbox("Áp dụng cho *", GROUPS, index=GROUPS.index(group_now), key=f"qm-mau-nhom-{template_id}",
                              placeholder=vi.CHOOSE, format_func=group_label)
    outcome.at_input("qm-luu-mau", "name")
    info_description = st.text_area("Mô tả", value=template.description, key=f"qm-mau-mo-ta-{template_id}",
                                    height=70)
    info_active = st.checkbox("Đang sử dụng (bỏ chọn: ngừng đề xuất và áp dụng mẫu này)", value=template.active,
                              key=f"qm-mau-dung-{template_id}")
    if submit_button("Lưu thông tin mẫu", key="qm-luu-mau", type="primary", icon=":material/save:"):
        def save_template() -> None:
            with db() as session:
                process.update_template(session, actor, template_id, version, name=info_name,
                                        description=info_description,
                                        project_group=None if info_group == ANY_GROUP else info_group,
                                        active=info_active)
        attempt(save_template, f"Đã lưu mẫu quy trình «{' '.join(info_name.split())}».")
