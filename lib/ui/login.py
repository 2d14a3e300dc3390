"""streamlit-authenticator draws the log-in form; the database decides; the server sets the cookie.

The library's credential check is replaced by ours (lockout, status, audit), and its credentials dict
only ever holds the one account being logged in, built from the database on this rerun. Its cookie names the
log-in's server-side record and is set and cleared by the server (HttpOnly), not by the library's JavaScript.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.models import CookieModel
from streamlit_authenticator.models import cookie_model as _library_cookie_model
from streamlit_authenticator.utilities import LoginError

from lib.core import auth_config, vi
from lib.core.access import Actor
from lib.core.services import auth
from lib.ui import cookie_route
from lib.ui.session import ACCOUNT_KEY, current_actor, db, forget_login, login_token, remember_login

MESSAGE_KEY = "login_message"
ENDED_KEY = "session_ended"
AUTHENTICATOR_KEY = "_authenticator"
PENDING_COOKIE_KEY = "_pending_cookie"
CLEAR_COOKIE_KEY = "_clear_cookie"

COOKIE_STYLE = ("<style>[data-testid='stElementContainer']:has(img.dondoc-cookie),"
                ".element-container:has(img.dondoc-cookie){display:none}</style>")

LOGIN_FIELDS = {"Form name": vi.LOGIN_TITLE, "Username": vi.LOGIN_USERNAME, "Password": vi.LOGIN_PASSWORD,
                "Login": vi.LOGIN_BUTTON, "Captcha": "Mã xác nhận"}


class _NoCookieComponent:
    """Stands in for the library's JavaScript cookie component (extra_streamlit_components.CookieManager), which
    the library draws on every run although this app never uses it: the cookie is read from the request
    (st.context.cookies) and set and cleared by the server (cookie_route). Drawn, it was an empty grey bar above
    every page's title and one more rerun of every page opened."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        self.cookies: dict[str, str] = {}


# Only the library's cookie model sees the stand-in (the module's own name for the components package).
_library_cookie_model.stx = SimpleNamespace(CookieManager=_NoCookieComponent)


def _authenticator() -> stauth.Authenticate:
    cfg = auth_config.load()
    authenticator = stauth.Authenticate({"usernames": {}}, cfg.cookie_name, cfg.cookie_key, cfg.cookie_expiry_days,
                                        auto_hash=False, login_sleep_time=0)
    _bind_cookie(authenticator.cookie_controller.cookie_model, cfg)
    return authenticator


def _bind_cookie(model: CookieModel, cfg: auth_config.AuthConfig) -> None:
    """The library's cookie names only the user, so a copy of it would log in until it expires. Ours also names
    this log-in's server-side record (signed with the cookie key, so it cannot be swapped), which log-out, lock,
    unlock, role change, password change or reset and deactivation revoke. The server sets and clears it
    (lib.ui.cookie_route): HttpOnly, SameSite=Strict, and Secure when auth.yaml says cookie.secure."""
    def token_encode() -> str:
        return jwt.encode({"username": st.session_state["username"], "exp_date": model.exp_date,
                           "sid": login_token()}, model.cookie_key, algorithm="HS256")

    def set_cookie() -> None:
        if not login_token() or not model.cookie_expiry_days:
            return
        lifetime = timedelta(days=model.cookie_expiry_days)
        model.exp_date = (datetime.now() + lifetime).timestamp()
        _send(cookie_route.order_cookie(token_encode(), int(lifetime.total_seconds())))

    def delete_cookie() -> None:
        # Cleared by the log-in form's run (a log-out reruns the app at once, which would drop the image).
        st.session_state[CLEAR_COOKIE_KEY] = True

    model._token_encode = token_encode  # noqa: SLF001 - the library has no option for the cookie's content
    model.set_cookie = set_cookie
    model.delete_cookie = delete_cookie


def _send(ticket: str) -> None:
    """An invisible image whose fetch makes the server set or clear the cookie (the only way to make it HttpOnly)."""
    st.markdown(f"{COOKIE_STYLE}<img class='dondoc-cookie' src='{cookie_route.url(ticket)}' alt='' width='1' "
                "height='1'>", unsafe_allow_html=True)


def _lifetime() -> timedelta:
    return timedelta(days=auth_config.load().cookie_expiry_days)


def _credentials_entry(username: str, full_name: str, email: str | None) -> dict:
    # The library reads these keys after a successful check; the hash itself is never needed here.
    return {"name": full_name, "email": email, "password": "", "roles": [], "failed_login_attempts": 0,
            "logged_in": False}


def _install_check(authenticator: stauth.Authenticate) -> None:
    model = authenticator.authentication_controller.authentication_model

    def check_credentials(username: str, password: str) -> bool:
        with db() as session:
            result = auth.verify_login(session, username, password, _lifetime())
            if result.ok:
                account = auth.find_account(session, username)
                model.credentials["usernames"][account.username] = _credentials_entry(
                    account.username, account.full_name, account.email)
                remember_login(result.account_id, result.token)
                st.session_state.pop(MESSAGE_KEY, None)
            else:
                st.session_state[MESSAGE_KEY] = result.message
            return result.ok

    model.check_credentials = check_credentials


def _accept_cookie(authenticator: stauth.Authenticate) -> None:
    """Let the cookie log the user in only while the log-in record it names is live and its account active."""
    cookie_model = authenticator.cookie_controller.cookie_model
    token = cookie_model.get_cookie()
    if not token:
        return
    with db() as session:
        actor = auth.actor_for_session(session, token.get("sid"), token.get("username"))
        account = auth.find_account(session, actor.username) if actor is not None else None
        if account is None:
            authenticator.cookie_controller.delete_cookie()
            cookie_model.get_cookie = lambda: None  # the library must not log in with it either
            return
        model = authenticator.authentication_controller.authentication_model
        model.credentials["usernames"][account.username] = _credentials_entry(
            account.username, account.full_name, account.email)
        remember_login(account.id, token["sid"])


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


def cookie_login(authenticator: stauth.Authenticate) -> None:
    """Once the page is chosen, before it runs: a valid cookie logs the user in whatever the address, and the app
    reruns as theirs on the same address.
    (Left to the log-in form alone, an address that shows no form — a public page, the not-found page — opened in
    a new tab would be shown as to a visitor, with «Về trang đăng nhập» to a user who is in.)"""
    if st.session_state.get(ENDED_KEY):
        return
    _accept_cookie(authenticator)
    try:
        authenticator.login(location="unrendered")
    except LoginError:
        authenticator.cookie_controller.delete_cookie()
        forget_login()
        return
    _enter_if_in()


def _enter_if_in() -> None:
    """Once the user is in: the app reruns as theirs (and stores a fresh cookie on that run)."""
    if st.session_state.get("authentication_status"):
        st.session_state.pop(ENDED_KEY, None)
        # The image that has the server store a fresh cookie would be lost in this rerun: it is drawn on the next
        # run instead (session_actor).
        st.session_state[PENDING_COOKIE_KEY] = True
        st.rerun()


def login_form(authenticator: stauth.Authenticate) -> None:
    """Draw the log-in form (or accept a valid cookie); reruns the app once the user is in."""
    _install_check(authenticator)
    if not st.session_state.get(ENDED_KEY):
        _accept_cookie(authenticator)
    if st.session_state.get(ENDED_KEY):
        st.warning(vi.SESSION_ENDED)
    try:
        authenticator.login(location="main", fields=LOGIN_FIELDS, key="dang-nhap")
    except LoginError:
        authenticator.cookie_controller.delete_cookie()
        forget_login()
    clear = st.session_state.pop(CLEAR_COOKIE_KEY, False)
    _enter_if_in()
    if clear:
        _send(cookie_route.order_cookie(None))
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
        with db() as session:
            auth.logout(session, login_token(), actor)  # the cookie, and every copy of it, is worthless now
        forget_login()

    authenticator.logout(button_name=vi.LOGOUT, location="sidebar", key="dang-xuat", callback=on_logout,
                         use_container_width=True)


def make_authenticator_for_refresh(_credential_version: int) -> None:
    """After one's own password change every log-in record of the account ended: this browser alone goes on,
    with a new record and a new cookie (stored on the next run, as the page reruns now)."""
    account_id = st.session_state.get(ACCOUNT_KEY)
    if account_id is None:
        return
    with db() as session:
        token = auth.start_login_session(session, account_id, _lifetime())
    remember_login(account_id, token)
    st.session_state[PENDING_COOKIE_KEY] = True
