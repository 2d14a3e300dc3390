"""Nobody logged in, on servers that have never served anyone: no page's content may ever appear.

Streamlit runs any `pages/*.py` by its address until some session has called `st.navigation` (its old
"multipage" mode). The app keeps its pages in sub-folders and guards each one; these tests ask for every page
of the menu, and every address a page file could have in the old mode, as the very first requests to a fresh
server, each in a new browser context (no cookie, no session).
"""
from __future__ import annotations

import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lib.core import vi
from lib.ui.nav import PAGES, SECTION_ADMIN
from tests.e2e.conftest import LOAD_QUIET_MS, LOGIN_USERNAME, ROOT, AppServer, new_page, settle, wait_idle

pytestmark = pytest.mark.e2e

FIRST_START = "Khởi tạo hệ thống Đôn Đốc"
PUBLIC = {f"/{p.url_path}" for p in PAGES if p.public}  # open to everyone by design (published results)
# Headings that only a page past the log-in shows.
FORBIDDEN_HEADINGS = {p.title for p in PAGES if not p.public} | {"Đổi mật khẩu", FIRST_START}
FORBIDDEN_PREFIXES = ("Xin chào",)
STREAMLIT_NOT_FOUND = "Page not found"
UNKNOWN = ["/khong-co-trang-nay", "/trang-chu-cu"]  # addresses that are no page of the app
BATCH = 4          # pages loading at once (each is a whole Streamlit front end: CPU-bound on 2 cores)
WAIT_S = 60         # generous: the first run on a cold server imports the whole app

# Records every heading, alert and menu entry the page ever draws, even if it is gone by the time we look.
WATCH = """
window.__seen = new Set();
let __pending = false;
const record = () => {
  __pending = false;
  document.querySelectorAll("[data-testid='stMain'] h1, [data-testid='stMain'] h2, [data-testid='stMain'] h3,"
                            + " [data-testid='stAlert'], [data-testid='stSidebarNav'] a [data-testid='stMarkdownContainer'],"
                            + " [role='dialog']")
    .forEach(e => window.__seen.add((e.textContent || '').trim()));
};
new MutationObserver(() => { if (!__pending) { __pending = true; setTimeout(record, 30); } })
  .observe(document, {subtree: true, childList: true, characterData: true});
"""

# path -> (heading that must show, or None for any; whether the log-in form must show)
Expectation = Callable[[str], "tuple[str | None, bool]"]


def page_files() -> list[str]:
    """Every page file: those of the menu and any .py under pages/ (relative to pages/)."""
    files = {Path(p.path).relative_to("pages").as_posix() for p in PAGES}
    files |= {f.relative_to(ROOT / "pages").as_posix() for f in (ROOT / "pages").rglob("*.py")}
    return sorted(files)


def menu_paths() -> list[str]:
    return ["/", "/dang-nhap", "/doi-mat-khau", "/khoi-tao"] + [f"/{p.url_path}" for p in PAGES]


def old_style_paths() -> list[str]:
    """Where a page file would be served in Streamlit's old mode: its file name (pages/units.py -> /units),
    and its path as a file (/pages/admin/units.py)."""
    paths = []
    for relative in page_files():
        stem = Path(relative).stem
        paths += [f"/{stem}", f"/pages/{relative}"]
    return paths


def _visible_text(page: Page) -> str:
    try:
        return page.locator("body").inner_text(timeout=2000)
    except PlaywrightTimeout:
        return ""


def _heading(page: Page, text: str):  # noqa: ANN202
    return page.locator("[data-testid='stMain']").get_by_role("heading", name=text, exact=True)


def _open(browser: Browser, server: AppServer, paths: list[str], wait_until: str) -> list[tuple[str, Page]]:
    """Each address in its own new browser context, all loading at the same time."""
    opened = []
    for path in paths:
        page = new_page(browser, server)
        page.add_init_script(WATCH)
        page.goto(path, wait_until=wait_until)
        opened.append((path, page))
    return opened


def _close(opened: list[tuple[str, Page]]) -> None:
    for _, page in opened:
        page.context.close()


def check_paths(browser: Browser, server: AppServer, paths: list[str], expect: Expectation) -> None:
    """Open every address in a new browser context; each must show what `expect` says, and nothing forbidden.

    Single-segment addresses (/don-vi, /units …) draw the app. Nested addresses (/pages/admin/units.py …)
    do not even load the app's scripts in Streamlit 1.67 (they are looked up relative to the address); they
    must show nothing of a page either way.
    """
    paths = list(dict.fromkeys(paths))
    flat = [p for p in paths if "/" not in p.strip("/")]
    nested = [p for p in paths if p not in flat]
    problems: list[str] = []
    for start in range(0, len(flat), BATCH):
        opened = _open(browser, server, flat[start:start + BATCH], "commit")
        try:
            for path, page in opened:
                heading, _ = expect(path)
                try:
                    if heading is None:
                        page.wait_for_selector("[data-testid='stMain'] h1", timeout=WAIT_S * 1000)
                    else:
                        _heading(page, heading).wait_for(timeout=WAIT_S * 1000)
                except PlaywrightTimeout:
                    problems.append(f"{path}: «{heading or 'a heading'}» is not shown")
            opened[-1][1].wait_for_timeout(LOAD_QUIET_MS)  # the late rerun of the log-in cookie component
            for path, page in opened:
                wait_idle(page)
                heading, login_form = expect(path)
                if login_form:
                    try:
                        page.get_by_label(LOGIN_USERNAME, exact=True).wait_for(timeout=WAIT_S * 1000)
                    except PlaywrightTimeout:
                        problems.append(f"{path}: the log-in form is not shown")
                problems += _forbidden_seen(page, path, heading)
        finally:
            _close(opened)
    for start in range(0, len(nested), BATCH * 3):
        opened = _open(browser, server, nested[start:start + BATCH * 3], "load")
        try:
            opened[-1][1].wait_for_timeout(1000)
            for path, page in opened:
                heading, _ = expect(path)
                if page.locator("[data-testid='stApp']").count():  # a Streamlit that does serve nested addresses
                    settle(page, LOAD_QUIET_MS)
                    if heading is not None and not _heading(page, heading).count():
                        problems.append(f"{path}: «{heading}» is not shown")
                problems += _forbidden_seen(page, path, heading)
        finally:
            _close(opened)
    assert not problems, "\n".join(problems)


def _forbidden_seen(page: Page, path: str, allowed_heading: str | None) -> list[str]:
    """Anything of a logged-in page that was ever drawn, or is visible now."""
    problems = []
    forbidden = FORBIDDEN_HEADINGS - {allowed_heading}
    for text in page.evaluate("Array.from(window.__seen || [])"):
        if STREAMLIT_NOT_FOUND in text:
            problems.append(f"{path}: Streamlit's English «{STREAMLIT_NOT_FOUND}» dialog")
        if text in forbidden or text.startswith(FORBIDDEN_PREFIXES):
            problems.append(f"{path}: showed «{text}» without log-in")
        if vi.ERR_LOGIN_REQUIRED in text:
            problems.append(f"{path}: a page file ran outside app.py (its guard answered «{text}»)")
    shown = f"\n{_visible_text(page)}\n"
    problems += [f"{path}: «{title}» is visible without log-in" for title in forbidden if f"\n{title}\n" in shown]
    return problems


def check_no_source(server: AppServer, paths: list[str]) -> None:
    """Asking for a page file by its path must never send the Python source."""
    for path in paths:
        with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as answer:
            body = answer.read().decode("utf-8", "replace")
        assert "require_page" not in body and "import streamlit" not in body, path


def _login_everywhere_but_public(path: str) -> tuple[str | None, bool]:
    """The log-in form, except on the public pages (published results, open by design), which show their own
    heading, no log-in form, and nothing of the other pages either."""
    return (None, False) if path in PUBLIC else (vi.LOGIN_TITLE, True)


def _app_address_or_not_found(path: str) -> tuple[str | None, bool]:
    """An old-style address that is also an address of the app shows what the app shows there; any other is no
    page of the app: the Vietnamese «Không tìm thấy trang» (item 14), without the log-in form."""
    return _login_everywhere_but_public(path) if path in menu_paths() else (vi.NOT_FOUND_TITLE, False)


def test_old_style_addresses_show_nothing_before_log_in(browser: Browser, fresh_server: AppServer) -> None:
    """The addresses of Streamlit's old mode, as the very first requests to a fresh server (the window in which
    that mode would still serve pages/*.py is before any session has run app.py's st.navigation)."""
    paths = old_style_paths()
    check_paths(browser, fresh_server, paths, _app_address_or_not_found)
    check_no_source(fresh_server, paths)


def _not_found_or_log_in(path: str) -> tuple[str | None, bool]:
    return (vi.NOT_FOUND_TITLE, False) if path in UNKNOWN else _login_everywhere_but_public(path)


def test_unknown_addresses_show_the_vietnamese_not_found_page(browser: Browser, fresh_server: AppServer) -> None:
    """An address that is no page (issue 8 item 14), as the very first requests to a fresh server and again on a
    server that has served the app: the Vietnamese «Không tìm thấy trang» page with its way back, never
    Streamlit's English «Page not found» dialog (checked for every address by `_forbidden_seen`)."""
    check_paths(browser, fresh_server, UNKNOWN + ["/dang-nhap"], _not_found_or_log_in)
    check_paths(browser, fresh_server, UNKNOWN, _not_found_or_log_in)
    page = new_page(browser, fresh_server)
    try:
        page.goto(UNKNOWN[0])
        link = page.get_by_role("link", name=vi.BACK_LOGIN)
        link.wait_for(timeout=WAIT_S * 1000)
        link.click()
        page.get_by_label(LOGIN_USERNAME, exact=True).wait_for(timeout=WAIT_S * 1000)
    finally:
        page.context.close()


def test_menu_addresses_show_only_the_log_in_form(browser: Browser, fresh_server: AppServer) -> None:
    """Every page of the menu (and the log-in, first-start and password-change addresses), as the very first
    requests to a fresh server, each in a new browser context: only the log-in form shows."""
    paths = menu_paths()
    check_paths(browser, fresh_server, paths, _login_everywhere_but_public)
    check_no_source(fresh_server, paths)


def test_empty_database_shows_only_the_first_start_page(browser: Browser, empty_server: AppServer) -> None:
    paths = ["/", "/dang-nhap", "/khoi-tao", "/doi-mat-khau", "/units", "/pages/admin/accounts.py"] + [
        f"/{p.url_path}" for p in PAGES if p.public or p.section == SECTION_ADMIN]
    check_paths(browser, empty_server, paths, lambda path: (FIRST_START, False))
