"""Tài khoản người dùng: system administrators manage every account, unit administrators their unit's, the PAR
administrator creates the PAR appraisal's accounts and resets their passwords (seed 004 art. 6.2, 9.1)."""
import secrets
import string

import streamlit as st

from lib.core import vi
from lib.core.access import AccountAction, account_management_scope, grantable_roles
from lib.core.enums import AccountStatus, Role
from lib.core.format import fmt_datetime
from lib.core.services import accounts, units
from lib.core.services.accounts import AccountInput
from lib.ui.guard import require_page
from lib.ui.outcome import action_button, submit_button
from lib.ui.outcome import tabs as outcome_tabs
from lib.ui.session import db
from lib.ui.widgets import attempt, enum_select, selection_key, show_flash, unit_select

actor = require_page("accounts")
st.title("Tài khoản người dùng")
show_flash()

with db() as session:
    scope = account_management_scope(session, actor)
    unit_rows = units.units_in(session, None if scope.all_units else scope.unit_ids)
grantable = sorted(grantable_roles(actor), key=lambda r: list(Role).index(r))
actions = accounts.allowed_actions(actor)


def suggested_password() -> str:
    alphabet = string.ascii_letters + string.digits
    return "Dd@" + "".join(secrets.choice(alphabet) for _ in range(9)) + "7"


list_tab, create_tab = outcome_tabs(["Danh sách tài khoản", "Tạo tài khoản mới"], {"Tạo tài khoản mới": ["Tạo tài khoản"]})
ROW_ACTIONS = {AccountAction.EDIT: "Sửa thông tin và vai trò", AccountAction.CHANGE_STATUS: "Khóa / mở khóa",
               AccountAction.RESET_PASSWORD: "Cấp lại mật khẩu"}
row_actions = [a for a in ROW_ACTIONS if a in actions]
ROW_SLOTS = {ROW_ACTIONS[AccountAction.EDIT]: ["Lưu thay đổi"], ROW_ACTIONS[AccountAction.CHANGE_STATUS]: ["Thực hiện"],
             ROW_ACTIONS[AccountAction.RESET_PASSWORD]: ["Cấp lại mật khẩu"]}

with list_tab:
    f1, f2, f3, f4 = st.columns([2, 2, 1.2, 1.5])
    text = f1.text_input("Tìm theo tên, tên đăng nhập, thư điện tử", key="acc-text",
                         placeholder="ví dụ: nguyen van a")
    unit_filter = f2.selectbox("Đơn vị", [None] + [r.id for r in unit_rows], key="acc-unit", placeholder=vi.ALL,
                               format_func=lambda i: vi.ALL if i is None else
                               next(r.name for r in unit_rows if r.id == i))
    with f3:
        status = enum_select("Trạng thái", list(AccountStatus), key="acc-status", allow_all=True)
    with f4:
        role = enum_select("Vai trò", list(Role) if AccountAction.EDIT in actions else grantable, key="acc-role",
                           allow_all=True)
    with db() as session:
        rows = accounts.list_accounts(session, actor, unit_id=unit_filter, text=text, status=status, role=role)
    st.caption(f"{len(rows)} tài khoản")
    table = [{"Tên đăng nhập": r.username, "Họ và tên": r.full_name, "Đơn vị": r.unit_name,
              "Chức vụ": r.position or "", "Vai trò": ", ".join(sorted(x.label for x in r.roles)),
              "Trạng thái": r.status.label + (vi.ACC_TEMP_LOCKED_SHORT if r.locked_until else ""), "Đăng nhập lần cuối": fmt_datetime(r.last_login_at)} for r in rows]
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=selection_key("acc-table", [r.id for r in rows]))
    picked = event.selection.rows[0] if event and event.selection.rows else None
    if picked is None:
        st.info("Chọn một dòng trong bảng để sửa, khóa, mở khóa hoặc cấp lại mật khẩu." if len(row_actions) > 1
                else "Chọn một dòng trong bảng để cấp lại mật khẩu.")
    else:
        row = rows[picked]
        st.subheader(f"{row.full_name} · {row.username}")
        st.caption(f"Trạng thái: **{row.status.label}**" + (f" — {row.status_reason}" if row.status_reason else "")
                   + (vi.ACC_TEMP_LOCKED.format(until=fmt_datetime(row.locked_until)) if row.locked_until else ""))
        tabs = dict(zip(row_actions, outcome_tabs([ROW_ACTIONS[a] for a in row_actions], ROW_SLOTS), strict=True))
        if AccountAction.EDIT in tabs:
            with tabs[AccountAction.EDIT], st.form(f"sua-{row.id}"):
                c1, c2 = st.columns(2)
                username = c1.text_input("Tên đăng nhập", value=row.username)
                full_name = c2.text_input("Họ và tên", value=row.full_name)
                position = c1.text_input("Chức vụ", value=row.position or "")
                email = c2.text_input("Thư điện tử công vụ", value=row.email or "")
                phone = c1.text_input("Điện thoại", value=row.phone or "")
                with c2:
                    new_unit = unit_select("Đơn vị", unit_rows, key=f"sua-dv-{row.id}", default_id=row.unit_id)
                role_options = sorted(set(grantable) | set(row.roles), key=lambda r: list(Role).index(r))
                roles = st.multiselect("Vai trò", role_options,
                                       default=sorted(row.roles, key=lambda r: list(Role).index(r)),
                                       format_func=lambda r: r.label, placeholder="Chọn một hoặc nhiều vai trò",
                                       help="Bạn chỉ được cấp hoặc thu hồi những vai trò thuộc thẩm quyền của mình.")
                if submit_button("Lưu thay đổi", type="primary"):
                    def save() -> None:
                        with db() as session:
                            accounts.update_account(session, actor, row.id, row.version, AccountInput(
                                username, full_name, new_unit, set(roles), email, phone, position))
                    attempt(save, vi.ACC_SAVED)
        if AccountAction.CHANGE_STATUS in tabs:
            with tabs[AccountAction.CHANGE_STATUS]:
                if row.locked_until and action_button(vi.ACC_LIFT_TEMP_LOCK, key=f"mo-tam-{row.id}"):
                    def lift() -> None:
                        with db() as session:
                            accounts.unlock_account(session, actor, row.id, row.version)
                    attempt(lift, vi.ACC_UNLOCKED)
                if row.status == AccountStatus.ACTIVE:
                    with st.form(f"khoa-{row.id}"):
                        reason = st.text_input("Lý do", placeholder="ví dụ: nghỉ phép dài ngày, nghi lộ mật khẩu")
                        kind = st.radio("Hình thức", ["lock", "deactivate"], horizontal=True,
                                        format_func=lambda k: "Khóa tạm thời" if k == "lock" else
                                        "Ngừng sử dụng (chuyển công tác, nghỉ hưu, thôi việc)")
                        if submit_button("Thực hiện"):
                            def change_status() -> None:
                                with db() as session:
                                    if kind == "lock":
                                        accounts.lock_account(session, actor, row.id, reason, row.version)
                                    else:
                                        accounts.deactivate_account(session, actor, row.id, reason, row.version)
                            attempt(change_status, vi.ACC_LOCKED if kind == "lock" else vi.ACC_DEACTIVATED)
                else:
                    if action_button("Mở khóa / kích hoạt lại tài khoản", key=f"mo-{row.id}", type="primary"):
                        def unlock() -> None:
                            with db() as session:
                                accounts.unlock_account(session, actor, row.id, row.version)
                        attempt(unlock, vi.ACC_UNLOCKED)
        if AccountAction.RESET_PASSWORD in tabs:
            with tabs[AccountAction.RESET_PASSWORD], st.form(f"cap-lai-{row.id}"):
                st.write("Người dùng sẽ phải đổi mật khẩu này ở lần đăng nhập tới.")
                st.session_state.setdefault(f"mk-{row.id}", suggested_password())
                new_password = st.text_input("Mật khẩu mới", key=f"mk-{row.id}")
                if submit_button("Cấp lại mật khẩu"):
                    def reset_pw() -> None:
                        with db() as session:
                            accounts.reset_password(session, actor, row.id, new_password, row.version)
                    attempt(reset_pw, vi.ACC_PASSWORD_RESET)

with create_tab, st.form("tao-tai-khoan", clear_on_submit=False):  # every account manager may create
    c1, c2 = st.columns(2)
    username = c1.text_input("Tên đăng nhập *", placeholder="ví dụ: nguyenvana hoặc thư điện tử công vụ")
    full_name = c2.text_input("Họ và tên *")
    position = c1.text_input("Chức vụ")
    email = c2.text_input("Thư điện tử công vụ")
    phone = c1.text_input("Điện thoại")
    with c2:
        unit_id = unit_select("Đơn vị *", unit_rows, key="tao-dv",
                              default_id=actor.unit_id if any(r.id == actor.unit_id for r in unit_rows) else None)
    roles = st.multiselect("Vai trò *", grantable, format_func=lambda r: r.label,
                           placeholder="Chọn một hoặc nhiều vai trò")
    st.session_state.setdefault("tao-mk", suggested_password())
    password = st.text_input("Mật khẩu ban đầu *", key="tao-mk",
                             help="Người dùng phải đổi mật khẩu này ở lần đăng nhập đầu tiên.")
    if submit_button("Tạo tài khoản", type="primary"):
        def create() -> None:
            with db() as session:
                accounts.create_account(session, actor, AccountInput(
                    username, full_name, unit_id, set(roles), email, phone, position), password)
        attempt(create, vi.ACC_CREATED.format(username=username.strip().lower()))
