"""Đơn vị: the organisation tree with its history; system administrators found, rename, move, merge, dissolve."""
import streamlit as st

from lib.core import vi
from lib.core.enums import Role, UnitKind, UnitStatus
from lib.core.format import fmt_date
from lib.core.services import settings, units
from lib.core.text import fold
from lib.ui.guard import require_page
from lib.ui.outcome import at_input, expander, submit_button
from lib.ui.outcome import tabs as outcome_tabs
from lib.ui.session import db
from lib.ui.widgets import (attempt, date_input, file_download_button, file_input, selection_key, show_flash,
                             unit_label, unit_select)

actor = require_page("units")
is_admin = actor.has(Role.SYSTEM_ADMIN)
st.title("Đơn vị")
show_flash()

with db() as session:
    all_rows = units.tree(session)
    upload_mb = settings.get(session, "upload_max_mb")
active_rows = [r for r in all_rows if r.status == UnitStatus.ACTIVE]
names = {r.id: r.name for r in all_rows}

f1, f2 = st.columns([3, 1.4], vertical_alignment="bottom")
text = f1.text_input("Tìm theo mã hoặc tên đơn vị", key="dv-text", placeholder="ví dụ: so xay dung")
show_history = f2.toggle("Hiện đơn vị đã sáp nhập, giải thể", value=True, key="dv-all")
shown = [r for r in all_rows if (show_history or r.status == UnitStatus.ACTIVE)
         and (not text or fold(text) in fold(f"{r.code} {r.name}"))]
table = [{"Mã": r.code, "Tên đơn vị": unit_label(r), "Loại": r.kind.label, "Trạng thái": r.status.label,
          "Thành lập": fmt_date(r.founded_on), "Kết thúc": fmt_date(r.ended_on),
          "Đơn vị tiếp nhận": names.get(r.successor_id, "")} for r in shown]
st.caption(f"{len(shown)} đơn vị")
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     key=selection_key("dv-table", [r.id for r in shown]),
                     height=min(380, 38 + 35 * max(len(shown), 1)))
picked = shown[event.selection.rows[0]] if event and event.selection.rows else None


def decision_fields(prefix: str) -> tuple:
    decision = st.text_input("Căn cứ (số, ngày văn bản quyết định)", key=f"{prefix}-qd",
                             placeholder="ví dụ: Quyết định số 415/QĐ-UBND ngày 28/02/2025")
    upload = file_input("Tệp văn bản quyết định (không bắt buộc)", key=f"{prefix}-tep", max_mb=upload_mb)
    note = st.text_area("Ghi chú", key=f"{prefix}-gc", height=68)
    return decision, upload, note


def with_file(session, upload, unit_id: int | None = None) -> int | None:  # noqa: ANN001
    if upload is None:
        return None
    return units.store_decision_file(session, actor, unit_id, filename=upload.name, data=upload.getvalue())


if picked is not None:
    st.divider()
    st.subheader(f"{picked.name} ({picked.code})")
    with db() as session:
        events = units.history_rows(session, picked.id)
    st.write("**Lịch sử đơn vị**")
    st.dataframe([{"Ngày": fmt_date(e.on_date), "Sự kiện": e.kind.label, "Nội dung": e.description,
                   "Căn cứ": e.decision or ""} for e in events], hide_index=True, width="stretch")
    for e in events:
        if e.attachment_id:
            file_download_button(actor, e.attachment_id, label=f"Tải văn bản: {e.decision or e.kind.label}",
                                 key=f"tai-{e.id}")

    if is_admin and picked.status == UnitStatus.ACTIVE:
        rename, move, merge, dissolve, details = outcome_tabs(
            ["Đổi tên", "Chuyển đơn vị cấp trên", "Sáp nhập", "Giải thể", "Sửa thông tin khác"],
            {"Đổi tên": ["Đổi tên"], "Chuyển đơn vị cấp trên": ["Chuyển"], "Sáp nhập": ["Sáp nhập"],
             "Giải thể": ["Giải thể"], "Sửa thông tin khác": ["Lưu"]})
        with rename, st.form(f"doi-ten-{picked.id}"):
            new_name = st.text_input("Tên mới", value=picked.name)
            on = date_input("Ngày hiệu lực", key=f"dt-ngay-{picked.id}")
            decision, upload, note = decision_fields(f"dt-{picked.id}")
            if submit_button("Đổi tên", type="primary"):
                def do_rename() -> None:
                    with db() as session:
                        units.rename_unit(session, actor, picked.id, picked.version, new_name=new_name, on_date=on,
                                          decision=decision, note=note, attachment_id=with_file(session, upload, picked.id))
                attempt(do_rename, f"Đã đổi tên đơn vị thành «{new_name.strip()}». Hồ sơ cũ vẫn giữ tên cũ.")
        with move, st.form(f"chuyen-{picked.id}"):
            parent = unit_select("Đơn vị cấp trên mới", active_rows, key=f"cv-cha-{picked.id}",
                                 default_id=picked.parent_id, allow_none=True, none_label="(cấp cao nhất)")
            on = date_input("Ngày hiệu lực", key=f"cv-ngay-{picked.id}")
            decision, _, note = decision_fields(f"cv-{picked.id}")
            if submit_button("Chuyển", type="primary"):
                def do_move() -> None:
                    with db() as session:
                        units.move_unit(session, actor, picked.id, picked.version, new_parent_id=parent, on_date=on,
                                        decision=decision, note=note)
                attempt(do_move, "Đã chuyển đơn vị cấp trên.")
        with merge, st.form(f"sap-nhap-{picked.id}"):
            st.write("Tài khoản, đơn vị trực thuộc và công việc chưa hoàn thành được chuyển sang đơn vị tiếp nhận; "
                     "hồ sơ cũ vẫn mang tên đơn vị này.")
            successor = unit_select("Sáp nhập vào đơn vị", [r for r in active_rows if r.id != picked.id],
                                    key=f"sn-dv-{picked.id}")
            on = date_input("Ngày hiệu lực", key=f"sn-ngay-{picked.id}")
            decision, upload, note = decision_fields(f"sn-{picked.id}")
            confirm = st.checkbox("Tôi đã kiểm tra: việc sáp nhập không thể hoàn tác.", key=f"sn-xn-{picked.id}")
            if submit_button("Sáp nhập", type="primary"):
                def do_merge() -> dict:
                    if not confirm:
                        from lib.core.errors import ValidationError
                        raise ValidationError("Vui lòng đánh dấu xác nhận trước khi sáp nhập.")
                    with db() as session:
                        return units.merge_unit(session, actor, picked.id, picked.version, successor_id=successor,
                                                on_date=on, decision=decision, note=note,
                                                attachment_id=with_file(session, upload, picked.id))
                attempt(do_merge, f"Đã sáp nhập «{picked.name}» vào «{names.get(successor, '')}».")
        with dissolve, st.form(f"giai-the-{picked.id}"):
            successor = unit_select("Đơn vị tiếp nhận tài khoản và công việc", [r for r in active_rows
                                                                              if r.id != picked.id],
                                    key=f"gt-dv-{picked.id}", allow_none=True, none_label="(không có)")
            on = date_input("Ngày hiệu lực", key=f"gt-ngay-{picked.id}")
            decision, upload, note = decision_fields(f"gt-{picked.id}")
            if submit_button("Giải thể", type="primary"):
                def do_dissolve() -> dict:
                    with db() as session:
                        return units.dissolve_unit(session, actor, picked.id, picked.version, on_date=on,
                                                   successor_id=successor, decision=decision, note=note,
                                                   attachment_id=with_file(session, upload, picked.id))
                attempt(do_dissolve, f"Đã giải thể «{picked.name}».")
        with details, st.form(f"sua-dv-{picked.id}"):
            with db() as session:
                current = units.get_unit(session, picked.id)
            short = st.text_input("Tên viết tắt", value=current.short_name or "")
            kind = st.selectbox("Loại đơn vị", list(UnitKind), index=list(UnitKind).index(current.kind),
                                format_func=lambda k: k.label, placeholder=vi.CHOOSE)
            note = st.text_area("Ghi chú", value=current.note or "")
            if submit_button("Lưu", type="primary"):
                def do_details() -> None:
                    with db() as session:
                        units.update_details(session, actor, picked.id, picked.version, short_name=short, kind=kind,
                                             note=note)
                attempt(do_details, "Đã lưu thông tin đơn vị.")

if is_admin:
    st.divider()
    with expander("Thêm đơn vị mới", "Thêm đơn vị", icon=":material/add:"):
        with st.form("them-don-vi"):
            c1, c2 = st.columns([1, 2])
            code = c1.text_input("Mã đơn vị *", placeholder="ví dụ: SXD, X-LAPVO")
            name = c2.text_input("Tên đơn vị *", placeholder="ví dụ: Sở Xây dựng")
            with c1:
                at_input("Thêm đơn vị", "code")  # a refusal about the code, under it
            with c2:
                at_input("Thêm đơn vị", "name")
            kind = c1.selectbox("Loại đơn vị *", list(UnitKind), format_func=lambda k: k.label, index=2,
                                placeholder=vi.CHOOSE)
            with c2:
                parent = unit_select("Đơn vị cấp trên", active_rows, key="them-cha", allow_none=True,
                                     none_label="(cấp cao nhất)", default_id=active_rows[0].id if active_rows else None)
            founded = date_input("Ngày thành lập", key="them-ngay")
            decision, upload, note = decision_fields("them")
            if submit_button("Thêm đơn vị", type="primary"):
                def do_create() -> int:
                    with db() as session:
                        attachment_id = with_file(session, upload)
                        return units.create_unit(session, actor, code=code, name=name, kind=kind, parent_id=parent,
                                                 founded_on=founded, decision=decision, note=note,
                                                 attachment_id=attachment_id)
                attempt(do_create, f"Đã thêm đơn vị «{name.strip()}».")
