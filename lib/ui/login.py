"""streamlit-authenticator draws the log-in form and keeps the cookie; the database decides.

The library's credential check is replaced by ours (lockout, status, audit), and its credentials dict
only ever holds the one account being logged in, built from the database on this rerun.
"""
from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from lib import auth_config, vi
from lib.access import Actor
from lib.enums import AccountStatus
from lib.services import auth
from lib.ui.session import current_actor, db, forget_login, remember_login

MESSAGE_KEY = "login_message"
ENDED_KEY = "session_ended"
AUTHENTICATOR_KEY = "_authenticator"
PENDING_COOKIE_KEY = "_pending_cookie"

LOGIN_FIELDS = {"Form name": vi.LOGIN_TITLE, "Username": vi.LOGIN_USERNAME, "Password": vi.LOGIN_PASSWORD,
                "Login": vi.LOGIN_BUTTON, "Captcha": "Mã xác nhận"}


def _authenticator() -> stauth.Authenticate:
    cfg = auth_config.load()
    return stauth.Authenticate({"usernames": {}}, cfg.cookie_name, cfg.cookie_key, cfg.cookie_expiry_days,
                               auto_hash=False, login_sleep_time=0)


def _credentials_entry(username: str, full_name: str, email: str | None) -> dict:
    # The library reads these keys after a successful check; the hash itself is never needed here.
    return {"name": full_name, "email": email, "password": "", "roles": [], "failed_login_attempts": 0,
            "logged_in": False}


def _install_check(authenticator: stauth.Authenticate) -> None:
    model = authenticator.authentication_controller.authentication_model

    def check_credentials(username: str, password: str) -> bool:
        with db() as session:
            result = auth.verify_login(session, username, password)
            if result.ok:
                account = auth.find_account(session, username)
                model.credentials["usernames"][account.username] = _credentials_entry(
                    account.username, account.full_name, account.email)
                remember_login(result.account_id, result.credential_version)
                st.session_state.pop(MESSAGE_KEY, None)
            else:
                st.session_state[MESSAGE_KEY] = result.message
            return result.ok

    model.check_credentials = check_credentials


def _accept_cookie(authenticator: stauth.Authenticate, cfg_expiry_days: float) -> None:
    """Let the cookie log the user in only if the account is active and the cookie is newer than the password."""
    token = authenticator.cookie_controller.get_cookie()
    if not token:
        return
    issued = datetime.fromtimestamp(token["exp_date"] - cfg_expiry_days * 86400, tz=timezone.utc)
    with db() as session:
        account = auth.find_account(session, token["username"])
        if (account is None or account.status != AccountStatus.ACTIVE
                or issued < account.password_changed_at.replace(microsecond=0)):
            authenticator.cookie_controller.delete_cookie()
            return
        model = authenticator.authentication_controller.authentication_model
        model.credentials["usernames"][account.username] = _credentials_entry(
            account.username, account.full_name, account.email)
        remember_login(account.id, account.credential_version)


def make_authenticator() -> stauth.Authenticate:
    """One per rerun (it renders the cookie component); pages reach it through the session state."""
    authenticator = _authenticator()
    st.session_state[AUTHENTICATOR_KEY] = authenticator
    return authenticator


def session_actor(authenticator: stauth.Authenticate) -> Actor | None:
    """The logged-in actor, checked against the database; a session whose account changed is ended here."""
    if not st.session_state.get("authentication_status"):
        return None
    actor = current_actor()
    if actor is None:
        _end_session(authenticator)
    elif st.session_state.pop(PENDING_COOKIE_KEY, False):
        authenticator.cookie_controller.set_cookie()
    return actor


def login_form(authenticator: stauth.Authenticate) -> None:
    """Draw the log-in form (or accept a valid cookie); reruns the app once the user is in."""
    _install_check(authenticator)
    if not st.session_state.get(ENDED_KEY):
        _accept_cookie(authenticator, auth_config.load().cookie_expiry_days)
    if st.session_state.get(ENDED_KEY):
        st.warning(vi.SESSION_ENDED)
    try:
        authenticator.login(location="main", fields=LOGIN_FIELDS, key="dang-nhap")
    except LoginError:
        authenticator.cookie_controller.delete_cookie()
        forget_login()
    if st.session_state.get("authentication_status"):
        st.session_state.pop(ENDED_KEY, None)
        # The library asked its cookie component to store the cookie, but a rerun now would cancel that
        # render: store it on the next run instead.
        st.session_state[PENDING_COOKIE_KEY] = True
        st.rerun()
    message = st.session_state.get(MESSAGE_KEY)
    if st.session_state.get("authentication_status") is False and message:
        st.error(message)


def _end_session(authenticator: stauth.Authenticate) -> None:
    authenticator.authentication_controller.logout()
    authenticator.cookie_controller.delete_cookie()
    forget_login()
    st.session_state[ENDED_KEY] = True


def logout_button(authenticator: stauth.Authenticate, actor: Actor) -> None:
    def on_logout(_info: dict) -> None:
        from lib import audit
        from lib.enums import AuditAction

        with db() as session:
            audit.record_event(session, AuditAction.LOGOUT, entity="accounts", entity_id=actor.id,
                               summary=actor.username, unit_id=actor.unit_id, actor_id=actor.id,
                               actor_name=actor.full_name)
        forget_login()

    authenticator.logout(button_name=vi.LOGOUT, location="sidebar", key="dang-xuat", callback=on_logout,
                         use_container_width=True)


def make_authenticator_for_refresh(credential_version: int) -> None:
    """After one's own password change: keep this session, and give the browser a cookie newer than the change."""
    st.session_state["credential_version"] = credential_version
    authenticator = st.session_state.get(AUTHENTICATOR_KEY)
    if authenticator is not None and st.session_state.get("username"):
        authenticator.cookie_controller.set_cookie()
