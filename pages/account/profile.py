"""Tài khoản của tôi: one's own details and password change (forced at first log-in and periodically)."""
import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.format import fmt_datetime
from lib.core.services import auth, password_policy
from lib.ui.guard import require_page
from lib.ui.login import make_authenticator_for_refresh
from lib.ui.outcome import submit_button
from lib.ui.session import db, must_change_password_reason
from lib.ui.widgets import attempt, show_flash

actor = require_page("profile")

st.title("Tài khoản của tôi")
show_flash()
reason = must_change_password_reason(actor)
if reason:
    st.warning(reason, icon=":material/lock_reset:")

with db() as session:
    me = auth.profile(session, actor)

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader("Thông tin")
    rows = [("Họ và tên", me.full_name), ("Tên đăng nhập", me.username), ("Đơn vị", me.unit_name),
            ("Chức vụ", me.position or vi.NONE), ("Thư điện tử", me.email or vi.NONE),
            ("Vai trò", ", ".join(sorted(r.label for r in actor.roles))),
            ("Đổi mật khẩu lần cuối", fmt_datetime(me.password_changed_at)),
            ("Đăng nhập lần cuối", fmt_datetime(me.last_login_at) or vi.NONE)]
    # A two-column list without a header row (a Markdown table needs one, and an empty one showed as a bar).
    st.table(pd.DataFrame(rows, columns=["Mục", "Nội dung"]), hide_index=True, hide_header=True,
             border="horizontal")

with right:
    st.subheader("Đổi mật khẩu")
    with db() as session:
        st.caption(password_policy.describe(session))
    with st.form("doi-mat-khau", clear_on_submit=False):
        old = st.text_input("Mật khẩu hiện tại", type="password")
        new = st.text_input("Mật khẩu mới", type="password")
        confirm = st.text_input("Nhập lại mật khẩu mới", type="password")
        submitted = submit_button("Đổi mật khẩu", type="primary")
    if submitted:
        def change() -> int:
            with db() as session:
                return auth.change_own_password(session, actor, old, new, confirm)

        version = attempt(change, vi.PW_CHANGED, rerun=False)
        if version is not None:
            make_authenticator_for_refresh(version)
            st.rerun()
