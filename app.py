"""Đôn Đốc — entry point: page setup, first start, log-in gate, and the menu built from the user's roles."""
from __future__ import annotations

import logging
import os

import streamlit as st

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import vi
from lib.ui import chrome, outcome
from lib.ui.nav import BY_KEY, PAGES, SECTION_GENERAL, SECTIONS, pages_for, public_pages
from lib.ui.session import must_change_password_reason

APP_STATE_PATHS = ("dang-nhap", "khoi-tao", "doi-mat-khau")  # addresses of the log-in, first start, password change


def main() -> None:
    # Imported here, not at the top: the server also imports this file to build its web app (the end of the file),
    # outside any session, and the log-in library makes Streamlit calls when imported (Streamlit's «No runtime
    # found» and «missing ScriptRunContext» warnings at every start).
    from lib.ui.login import cookie_login, logout_button, make_authenticator, session_actor

    outcome.new_run()
    chrome.style()
    chrome.maintenance_banner()
    if chrome.needs_first_setup():  # every address shows the first start (there is nothing else yet)
        setup = chrome.root_page(chrome.first_setup_page, title="Khởi tạo hệ thống", url_path="khoi-tao")
        st.navigation(chrome.with_address(setup, lambda _: chrome.first_setup_page, "Khởi tạo hệ thống")).run()
        return
    authenticator = make_authenticator()
    actor = session_actor(authenticator)
    if actor is None:
        page = st.navigation(_login_pages(authenticator), position="hidden")
        # A valid cookie logs the user in whatever the address (not only on the log-in page); after st.navigation,
        # so that the rerun as the user stays on the address asked for.
        cookie_login(authenticator)
        page.run()
        return
    chrome.sidebar_identity(actor)
    logout_button(authenticator, actor)
    if not st.session_state.get("authentication_status"):  # just logged out: the log-in form, without the menu
        st.rerun()
    if must_change_password_reason(actor):  # every address shows the password change until it is done
        st.navigation(_change_password_pages(), position="hidden").run()
        return
    page = st.navigation(_menu(actor), expanded=True)  # never Streamlit's English «View N more»
    if page.url_path and page.title != chrome.FORBIDDEN_TITLE:  # another page than home: the note has been read
        chrome.clear_forbidden_note()
    page.run()


def _login_pages(authenticator) -> list[st.Page]:  # noqa: ANN001
    """Every page address shows the log-in form until the user is in; then the same address shows the page."""
    from lib.ui.login import login_form  # not at the top: see main()

    def login_page() -> None:
        middle = chrome.login_header()
        with middle:
            login_form(authenticator)
            chrome.public_link()

    root = chrome.root_page(login_page, title=vi.LOGIN_TITLE, url_path="dang-nhap")
    default = root[0]
    st.session_state[chrome.LOGIN_PAGE_KEY] = default  # the public pages link back to it
    public = [st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path) for spec in public_pages()]
    pages = root + public + [st.Page(login_page, title=vi.LOGIN_TITLE, url_path=path)
                                  for path in [s.url_path for s in PAGES if not s.public] + list(APP_STATE_PATHS[1:])]
    return chrome.with_address(pages, chrome.not_found_page(default, vi.BACK_LOGIN, ":material/login:"),
                              vi.NOT_FOUND_TITLE)


def _change_password_pages() -> list[st.Page]:
    """The password change, under its own address and under every other one."""
    profile = "pages/account/profile.py"
    pages = chrome.root_page(profile, title="Đổi mật khẩu", url_path="doi-mat-khau")
    pages += [st.Page(profile, title="Đổi mật khẩu", url_path=path)
              for path in [s.url_path for s in PAGES] + ["dang-nhap", "khoi-tao"]]
    return chrome.with_address(pages, lambda _: profile, "Đổi mật khẩu")


def _menu(actor) -> dict[str, list[st.Page]]:  # noqa: ANN001
    sections: dict[str, list[st.Page]] = {section: [] for section in SECTIONS}
    mine = pages_for(actor.roles, include_hidden=True)  # hidden pages: not in the menu, their URL works
    for spec in mine:
        sections.setdefault(spec.section, []).extend(
            chrome.root_page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path) if spec.default
            else [st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path,
                          visibility="hidden" if spec.hidden else "visible")])
    # The address of a page this account may not open (typed, bookmarked, or left from another account) answers
    # with the home page and a note; without it Streamlit would open the home page with an English dialog.
    sections[SECTION_GENERAL] += [
        st.Page(chrome.forbidden_page, title=chrome.FORBIDDEN_TITLE, url_path=spec.url_path, visibility="hidden")
        for spec in PAGES if spec not in mine]
    # The addresses of the states before the menu (log-in, first start, forced password change) are done with:
    # the home page answers them (the password change lives on «Tài khoản của tôi»).
    sections[SECTION_GENERAL] += [st.Page(chrome.home_redirect_page, title=chrome.HOME_REDIRECT_TITLE, url_path=path,
                                          visibility="hidden") for path in APP_STATE_PATHS]
    sections[SECTION_GENERAL] += chrome.unknown_addresses(
        [p for pages in sections.values() for p in pages], chrome.not_found_page(BY_KEY["home"].path, vi.BACK_HOME),
        vi.NOT_FOUND_TITLE)
    return {name: pages for name, pages in sections.items() if pages}


def run() -> None:
    """An unexpected error is logged in full and shown to the user in Vietnamese, never as a traceback."""
    st.set_page_config(page_title=vi.APP_NAME, page_icon="📋", layout="wide", initial_sidebar_state="auto")
    try:
        main()
    except Exception:  # noqa: BLE001 - Streamlit's own rerun/stop signals are BaseException and pass through
        if os.environ.get("DONDOC_DEBUG"):
            raise
        logging.getLogger("dondoc").exception("Unexpected error")
        st.error(vi.ERR_UNEXPECTED, icon=":material/error:")


if __name__ == "__main__":  # Streamlit runs this file as the script of every session
    run()
else:  # `streamlit run app.py` imports it to find the web app: Streamlit plus the route that sets the log-in cookie
    from lib.ui.cookie_route import routes

    app = st.App(__file__, routes=routes())
