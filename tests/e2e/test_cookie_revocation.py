"""A copied log-in cookie is worthless once the log-in it belongs to has ended (issue 8, item 1), in a real browser
against a live server: log in, copy the cookie, end the log-in (log-out; lock then unlock; a role change), and
present the copy in a new browser — the log-in form, not the app.

Each test first shows that the copy *does* log in while the log-in is live, so a refusal afterwards is the
revocation at work and not a cookie that never worked.
"""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from lib.core.config import normalise_url
from lib.core.db import session_scope
from lib.core.enums import Role
from lib.core.models import Account
from lib.core.services import accounts
from lib.core.services.auth import to_actor
from tests.e2e.conftest import (
    DEMO_PASSWORD,
    LOAD_QUIET_MS,
    LOGIN_USERNAME,
    AppServer,
    login,
    logout,
    new_page,
    settle,
)

pytestmark = pytest.mark.e2e

COOKIE_NAME = "dondoc_auth"


def _log_in(browser: Browser, server: AppServer, username: str) -> Page:
    page = new_page(browser, server)
    login(page, username, DEMO_PASSWORD)
    expect(page.locator("[data-testid='stMain']").get_by_text("Xin chào", exact=False).first).to_be_visible()
    return page


def _copy_cookie(page: Page) -> dict:
    """The log-in cookie as the browser holds it (stored a moment after the log-in, by the cookie component)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
        if found:
            return found[0]
        page.wait_for_timeout(200)
    raise AssertionError(f"no {COOKIE_NAME} cookie after the log-in: {page.context.cookies()}")


def _expect_cookie_cleared(page: Page) -> None:
    deadline = time.monotonic() + 20
    while any(c["name"] == COOKIE_NAME for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the log-out did not clear the cookie"
        page.wait_for_timeout(200)


def _present(browser: Browser, server: AppServer, cookie: dict) -> Page:
    """A new browser (no session) that carries only the copied cookie, opening the start page."""
    page = new_page(browser, server)
    keys = ("name", "value", "domain", "path", "expires", "httpOnly", "secure", "sameSite")
    page.context.add_cookies([{k: cookie[k] for k in keys}])
    page.goto("/")
    settle(page, LOAD_QUIET_MS)
    return page


def _logged_in(page: Page) -> bool:
    return page.locator("[data-testid='stMain']").get_by_text("Xin chào", exact=False).count() > 0


def _expect_login_form(page: Page) -> None:
    expect(page.get_by_label(LOGIN_USERNAME, exact=True)).to_be_visible()
    assert not _logged_in(page)
    assert not page.locator("[data-testid='stSidebar']").get_by_role("button", name="Đăng xuất").count()


def _close(*pages: Page) -> None:
    for page in pages:
        page.context.close()


def _log_in_and_copy_the_cookie(browser: Browser, server: AppServer, username: str) -> tuple[Page, dict]:
    """Log in as `username` and copy the cookie; the copy, presented in a new browser, logs in while the log-in
    is live (the page stays open: the tests then end the log-in and present the copy again)."""
    page = _log_in(browser, server, username)
    cookie = _copy_cookie(page)
    copy = _present(browser, server, cookie)
    # the copied cookie logs in while the log-in is live (waited for: on a busy machine the page comes late)
    expect(copy.locator("[data-testid='stMain']").get_by_text("Xin chào", exact=False).first).to_be_visible()
    _close(copy)
    return page, cookie


def _admin_act(server: AppServer, act) -> None:  # noqa: ANN001
    """What an administrator does on the accounts page, through the same services, on the server's database."""
    engine = sa.create_engine(normalise_url(server.database_url))
    try:
        with session_scope(engine) as s:
            admin = to_actor(s.scalar(sa.select(Account).where(Account.username == "quantri")))
            act(s, admin)
    finally:
        engine.dispose()


def _account_id(session, username: str) -> int:  # noqa: ANN001
    return session.scalar(sa.select(Account.id).where(Account.username == username))


def test_cookie_flags(browser: Browser, server: AppServer) -> None:
    page = _log_in(browser, server, "chuyenvien.vp")
    cookie = _copy_cookie(page)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert cookie["secure"] is False  # plain HTTP here; auth.yaml cookie.secure: true behind TLS
    assert COOKIE_NAME not in page.evaluate("document.cookie")  # no script in the page can read it
    _close(page)


def test_copied_cookie_is_worthless_after_logout(browser: Browser, server: AppServer) -> None:
    page, cookie = _log_in_and_copy_the_cookie(browser, server, "capnhat.sxd")

    logout(page)
    _expect_login_form(page)
    _expect_cookie_cleared(page)

    stolen = _present(browser, server, cookie)
    _expect_login_form(stolen)
    _close(page, stolen)


def test_copied_cookie_is_worthless_after_lock_and_unlock(browser: Browser, server: AppServer) -> None:
    page, cookie = _log_in_and_copy_the_cookie(browser, server, "tracuu.sxd")

    def lock_then_unlock(s, admin) -> None:  # noqa: ANN001
        target = _account_id(s, "tracuu.sxd")
        accounts.lock_account(s, admin, target, "Kiểm tra")
        s.flush()
        accounts.unlock_account(s, admin, target)

    _admin_act(server, lock_then_unlock)

    stolen = _present(browser, server, cookie)
    _expect_login_form(stolen)
    # the account works again with its password: only the old log-in ended
    login(stolen, "tracuu.sxd", DEMO_PASSWORD)
    expect(stolen.locator("[data-testid='stMain']").get_by_text("Xin chào", exact=False).first).to_be_visible()
    _close(page, stolen)


def test_copied_cookie_is_worthless_after_a_role_change(browser: Browser, server: AppServer) -> None:
    page, cookie = _log_in_and_copy_the_cookie(browser, server, "kehoach.stc")

    def change_roles(s, admin) -> None:  # noqa: ANN001
        row = accounts.get_account(s, admin, _account_id(s, "kehoach.stc"))
        accounts.update_account(s, admin, row.id, row.version, accounts.AccountInput(
            row.username, row.full_name, row.unit_id, {Role.PLANNING_OFFICER, Role.UNIT_VIEWER}))

    _admin_act(server, change_roles)

    stolen = _present(browser, server, cookie)
    _expect_login_form(stolen)
    # the browser that was logged in is ended at its next action, too
    page.reload()
    settle(page, LOAD_QUIET_MS)
    _expect_login_form(page)
    _close(page, stolen)
