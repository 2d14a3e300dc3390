"""Lãnh đạo chỉ đạo: the Office (and the system administrator) keeps the one list of directing leaders that
document entry, the Excel import and the statistics use."""
import streamlit as st

from lib.core import vi
from lib.tasks import leaders
from lib.tasks.leaders import LeaderInput
from lib.ui import outcome
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.ui.widgets import attempt, show_flash, submit_button

actor = require_page("leaders")
st.title("Lãnh đạo chỉ đạo")
st.caption("Danh sách Chủ tịch, Phó Chủ tịch UBND tỉnh chỉ đạo giao nhiệm vụ. Khi nhập văn bản (trên biểu mẫu hoặc "
           "từ Excel), người chỉ đạo được chọn trong danh sách này; số liệu «Theo lãnh đạo chỉ đạo» tính theo từng "
           "người trong danh sách. Lãnh đạo thôi giữ chức vụ thì bỏ đánh dấu «Đang giữ chức vụ» (không xóa, để "
           "giữ số liệu các văn bản đã nhập).")
show_flash()

with db() as session:
    rows = leaders.list_leaders(session, active_only=False)
    accounts = dict(leaders.leader_accounts(session))
NO_ACCOUNT = 0
account_ids = [NO_ACCOUNT, *accounts]


def account_label(account_id: int) -> str:
    return "— không liên kết —" if account_id == NO_ACCOUNT else accounts.get(account_id, "")


if rows:
    st.dataframe([{"Thứ tự": r.sort_order, "Họ và tên": r.full_name, "Chức vụ": r.title,
                   "Tài khoản": r.account_name or "", "Trạng thái": "Đang giữ chức vụ" if r.active else "Đã thôi"}
                  for r in rows], hide_index=True, width="stretch", key="ld-bang")
else:
    st.info("Chưa có lãnh đạo nào trong danh sách. Hãy thêm Chủ tịch, các Phó Chủ tịch UBND tỉnh.",
            icon=":material/info:")


def leader_fields(prefix: str, current: leaders.LeaderRow | None) -> LeaderInput:
    c1, c2 = st.columns(2)
    name = c1.text_input("Họ và tên *", value=current.full_name if current else "", key=f"{prefix}-ten",
                         placeholder="ví dụ: Nguyễn Văn Thành", help="Chỉ ghi họ và tên, không kèm chức vụ.")
    title = c2.text_input("Chức vụ *", value=current.title if current else "Phó Chủ tịch UBND tỉnh",
                          key=f"{prefix}-chuc-vu")
    c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    linked = current.account_id if current and current.account_id in accounts else NO_ACCOUNT
    account_id = c1.selectbox("Tài khoản trong phần mềm (nếu có)", account_ids, format_func=account_label,
                              index=account_ids.index(linked), key=f"{prefix}-tai-khoan", placeholder=vi.CHOOSE,
                              help="Tài khoản có vai trò «Lãnh đạo UBND» của chính người này.")
    order = c2.number_input("Thứ tự", min_value=0, max_value=99, step=1,
                            value=current.sort_order if current else len(rows) + 1, key=f"{prefix}-thu-tu")
    active = c3.checkbox("Đang giữ chức vụ", value=current.active if current else True, key=f"{prefix}-hoat-dong")
    return LeaderInput(name, title, None if account_id == NO_ACCOUNT else account_id, active, int(order))


add_tab, edit_tab = outcome.tabs(["Thêm lãnh đạo", "Sửa thông tin"], {"Thêm lãnh đạo": ["ld-luu-moi"],
                                                                     "Sửa thông tin": ["ld-luu-sua"]})
with add_tab, st.form("ld-them", enter_to_submit=False):
    new = leader_fields("ld-moi", None)
    if submit_button("Thêm vào danh sách", type="primary", icon=":material/person_add:", key="ld-luu-moi"):
        def add() -> None:
            with db() as session:
                leaders.create_leader(session, actor, new)
        attempt(add, f"Đã thêm «{new.title} {new.full_name}» vào danh sách lãnh đạo chỉ đạo.")

with edit_tab:
    if not rows:
        st.write("Chưa có lãnh đạo nào để sửa.")
    else:
        by_id = {r.id: r for r in rows}
        chosen = st.selectbox("Lãnh đạo", list(by_id), format_func=lambda i: by_id[i].label, key="ld-chon",
                              placeholder=vi.CHOOSE)
        current = by_id[chosen]
        with st.form(f"ld-sua-{chosen}", enter_to_submit=False):
            changed = leader_fields(f"ld-sua-{chosen}", current)
            if submit_button("Lưu thay đổi", type="primary", icon=":material/save:", key="ld-luu-sua"):
                def save() -> None:
                    with db() as session:
                        leaders.update_leader(session, actor, current.id, current.version, changed)
                attempt(save, f"Đã lưu thông tin lãnh đạo «{changed.title} {changed.full_name}».")
