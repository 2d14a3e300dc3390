"""Who may open which page: every page × every role, run the page file directly (no app.py around it).

Running a page file on its own is what happens if anyone reaches it without the app's log-in gate, so the
guard at the top of each page must hold by itself. The menu built by app.py is checked at the end.

One database per page, and one subtest per account (or per session state) on it: the table stays readable
in the report (`SUBFAILED(username='…') …[backup]`) without loading the demo province 180 times.
"""
from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib.core import demo, vi
from lib.core.db import session_scope
from lib.core.enums import AccountStatus, Role
from lib.core.models import Account
from lib.core.models.base import utcnow
from lib.core.services import accounts, auth
from lib.ui.nav import (BY_KEY, PAGES, SECTION_ADMIN, SECTION_GENERAL, SECTION_PAR, SECTION_PROJECTS, SECTION_TASKS,
                        PageSpec, allowed, pages_for)
from tests.app.drive import app, leaves, values
from tests.app.helpers import ROOT, login_as, page

ALL_ROLES = frozenset(Role)
ADMIN = frozenset({Role.SYSTEM_ADMIN})
UNIT_ROLES = frozenset({Role.UNIT_ADMIN, Role.UNIT_EDITOR, Role.UNIT_VIEWER})

# The access table, written out on purpose: a change to a page's roles in lib/ui/nav.py must also be made here.
EXPECTED_ROLES: dict[str, frozenset[Role]] = {
    "home": ALL_ROLES,
    "profile": ALL_ROLES,
    "units": ALL_ROLES,
    "task_entry": frozenset({Role.OFFICE_OFFICER}),
    "task_review": frozenset({Role.OFFICE_OFFICER}),
    "task_detail": ALL_ROLES,
    "task_inbox": UNIT_ROLES,
    "task_overview": frozenset({Role.LEADER, Role.OFFICE_OFFICER, Role.SYSTEM_ADMIN}),
    "task_reports": UNIT_ROLES | {Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER},
    "leaders": frozenset({Role.OFFICE_OFFICER, Role.SYSTEM_ADMIN}),
    "public_tasks": ALL_ROLES,
    "par_self": UNIT_ROLES | {Role.PAR_ADMIN},
    "par_assessment": ALL_ROLES,
    "par_appraisal": frozenset({Role.PAR_ASSESSOR}),
    "par_council": frozenset({Role.PAR_COUNCIL}),
    "par_results": UNIT_ROLES | {Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL, Role.LEADER, Role.SYSTEM_ADMIN},
    "par_rounds": frozenset({Role.PAR_ADMIN}),
    "par_catalogue": frozenset({Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL}),
    "public_par": ALL_ROLES,
    "projects": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},
    "project_board": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},  # seed 000 art. 5.7, 6
    "project_detail": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},
    "process_templates": frozenset({Role.SYSTEM_ADMIN, Role.PLANNING_OFFICER}),
    "project_steps": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},
    "project_treasury": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},  # seed 000 art. 11
    "public_projects": ALL_ROLES,
    "project_finance": UNIT_ROLES | {Role.LEADER, Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN},
    "accounts": frozenset({Role.SYSTEM_ADMIN, Role.UNIT_ADMIN, Role.PAR_ADMIN}),  # PAR accounts: seed 004 art. 9.1
    "calendar": ADMIN,
    "settings": ADMIN,
    "audit": ADMIN,
    "backup": ADMIN,
}
# Open without log-in (its guard is require_public) — and only these.
EXPECTED_PUBLIC = {"public_tasks", "public_par", "public_projects"}
# Registered (the address works for the allowed roles) but not listed in the menu.
EXPECTED_HIDDEN = {"task_detail", "par_assessment", "project_detail"}
# The st.title of a page when it differs from its menu title.
TITLES = {"public_tasks": "Công khai kết quả thực hiện nhiệm vụ do UBND tỉnh giao",
          "public_par": "Công bố kết quả Chỉ số cải cách hành chính",
          "public_projects": "Dự án đầu tư công công khai"}

DEMO_ROLES: dict[str, frozenset[Role]] = {username: frozenset(roles) for username, _, _, _, roles in demo.ACCOUNTS}
DEMO_NAMES: dict[str, str] = {username: full_name for username, full_name, _, _, _ in demo.ACCOUNTS}
USERNAMES = list(DEMO_ROLES)
PAGE_IDS = [p.key for p in PAGES]
SECTIONS = [SECTION_GENERAL, SECTION_TASKS, SECTION_PAR, SECTION_PROJECTS, SECTION_ADMIN]  # the order of the menu's sections


def expected_title(spec: PageSpec, username: str | None) -> str:
    """The st.title a page shows when it is allowed (the home page greets the user by name)."""
    if spec.key == "home":
        return f"Xin chào, {DEMO_NAMES[username]}"
    return TITLES.get(spec.key, spec.title)


def may_open(spec: PageSpec, username: str) -> bool:
    return bool(DEMO_ROLES[username] & EXPECTED_ROLES[spec.key])


def a_user_of(spec: PageSpec) -> str:
    """A demo account allowed on the page (the system administrator where possible)."""
    return next(u for u in USERNAMES if may_open(spec, u))


def no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def refused_as_not_logged_in(at) -> None:  # noqa: ANN001
    no_exception(at)
    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED]
    assert len(leaves(at.main)) == 1 and not leaves(at.sidebar)
    assert not at.title


def shown(at, spec: PageSpec, username: str | None) -> None:  # noqa: ANN001
    no_exception(at)
    assert vi.ERR_PAGE_FORBIDDEN not in values(at.error)
    assert vi.ERR_LOGIN_REQUIRED not in values(at.warning)
    assert vi.ERR_MUST_CHANGE_PASSWORD not in values(at.warning)
    assert expected_title(spec, username) in values(at.title)


# ---- the table itself ---------------------------------------------------------------------------------------


def test_the_demo_accounts_cover_every_role() -> None:
    assert set().union(*DEMO_ROLES.values()) == set(Role)


def test_the_access_table_matches_the_menu_definition() -> None:
    assert set(BY_KEY) == set(EXPECTED_ROLES), "add every new page to EXPECTED_ROLES (and the other way round)"
    for spec in PAGES:
        assert spec.roles == EXPECTED_ROLES[spec.key], spec.key
    assert {p.key for p in PAGES if p.public} == EXPECTED_PUBLIC
    assert {p.key for p in PAGES if p.hidden} == EXPECTED_HIDDEN


def test_no_page_file_sits_directly_in_pages_and_every_page_file_is_in_the_table() -> None:
    pages_dir = ROOT / "pages"
    assert not list(pages_dir.glob("*.py")), "a .py directly in pages/ runs without app.py (Streamlit's old mode)"
    files = {p.relative_to(ROOT).as_posix() for p in pages_dir.rglob("*.py") if p.name != "__init__.py"}
    assert files == {spec.path for spec in PAGES}


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_every_page_starts_with_its_guard(spec: PageSpec) -> None:
    """The first statement after the imports is the page's own guard (nothing is read or drawn before it)."""
    module = ast.parse((ROOT / spec.path).read_text(encoding="utf-8"))
    body = [n for n in module.body if not isinstance(n, (ast.Import, ast.ImportFrom))  # imports, docstring and
            and not (isinstance(n, (ast.Expr, ast.Assign)) and isinstance(n.value, ast.Constant))]  # constants
    first = body[0]
    call = first.value if isinstance(first, (ast.Assign, ast.Expr)) else None
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name), ast.dump(first)
    if spec.key in EXPECTED_PUBLIC:
        assert call.func.id == "require_public" and not call.args
    else:
        assert call.func.id == "require_page" and [a.value for a in call.args] == [spec.key]


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_by_role(demo_db: sa.Engine, subtests, spec: PageSpec) -> None:  # noqa: ANN001
    for username in USERNAMES:
        with subtests.test(username=username):
            roles = DEMO_ROLES[username]
            at = page(spec.path, demo_db, username).run()

            no_exception(at)
            if may_open(spec, username):
                assert allowed(spec, roles)
                shown(at, spec, username)
            else:
                assert not allowed(spec, roles)
                assert values(at.error) == [vi.ERR_PAGE_FORBIDDEN]
                assert not at.title
                assert [e.type for e in leaves(at.main)] == ["error"] and not leaves(at.sidebar)


NOT_LOGGED_IN_STATES = {
    "no session state": {},
    "authenticator said no": {"authentication_status": False, "account_id": 1, "credential_version": 1},
    "account id without authentication": {"account_id": 1, "credential_version": 1},
    "authenticated without account id": {"authentication_status": True, "username": "quantri"},
    "unknown account": {"authentication_status": True, "account_id": 999_999, "credential_version": 1},
}


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_without_login(demo_db: sa.Engine, subtests, spec: PageSpec) -> None:  # noqa: ANN001
    """Every guarded page shows only the log-in warning; a public page shows itself."""
    for state, values_ in NOT_LOGGED_IN_STATES.items():
        with subtests.test(state=state):
            at = page(spec.path)
            for key, value in values_.items():
                at.session_state[key] = value
            at.run()

            if spec.key in EXPECTED_PUBLIC:
                shown(at, spec, None)
            else:
                refused_as_not_logged_in(at)


# ---- sessions that must end ---------------------------------------------------------------------------------


def _set_account(engine: sa.Engine, username: str, **changes) -> None:  # noqa: ANN003
    with session_scope(engine) as s:
        s.execute(sa.update(Account).where(Account.username == username).values(**changes))


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_a_locked_or_deactivated_account_is_not_logged_in(demo_db: sa.Engine, subtests,  # noqa: ANN001
                                                          spec: PageSpec) -> None:
    username = a_user_of(spec)
    for status in (AccountStatus.LOCKED, AccountStatus.DEACTIVATED):
        with subtests.test(status=status.value, username=username):
            _set_account(demo_db, username, status=AccountStatus.ACTIVE)
            at = page(spec.path, demo_db, username).run()
            shown(at, spec, username)

            # Only the status changes (the credential version stays as the session knows it).
            _set_account(demo_db, username, status=status)
            login_as(at, demo_db, username)
            at.run()

            if spec.key in EXPECTED_PUBLIC:
                shown(at, spec, username)
            else:
                refused_as_not_logged_in(at)


UNIT_ADMIN_PAGES = [s for s in pages_for(DEMO_ROLES["quantri.sxd"], include_hidden=True)
                    if s.key not in EXPECTED_PUBLIC]


@pytest.mark.parametrize("spec", UNIT_ADMIN_PAGES, ids=[s.key for s in UNIT_ADMIN_PAGES])
def test_an_open_session_ends_when_an_administrator_locks_the_account(demo_db: sa.Engine, actors: dict,
                                                                      spec: PageSpec) -> None:
    at = page(spec.path, demo_db, "quantri.sxd").run()
    shown(at, spec, "quantri.sxd")

    with session_scope(demo_db) as s:
        target = s.scalar(sa.select(Account).where(Account.username == "quantri.sxd"))
        accounts.lock_account(s, actors["quantri"], target.id, "Nghi lộ mật khẩu", target.version)
    at.run()

    refused_as_not_logged_in(at)


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_a_session_whose_password_was_changed_elsewhere_is_refused(demo_db: sa.Engine, actors: dict,
                                                                     spec: PageSpec) -> None:
    username = a_user_of(spec)
    at = page(spec.path, demo_db, username).run()
    shown(at, spec, username)

    # Another browser of the same account changes the password: this session's credential version is stale.
    with session_scope(demo_db) as s:
        auth.change_own_password(s, actors[username], demo.DEMO_PASSWORD, "MoiHon#2027x", "MoiHon#2027x")
    at.run()

    if spec.key in EXPECTED_PUBLIC:
        shown(at, spec, username)
    else:
        refused_as_not_logged_in(at)


MUST_CHANGE = {"first-login": vi.PW_FIRST_LOGIN, "expired": vi.PW_EXPIRED.format(days=90)}


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_an_account_that_must_change_its_password_sees_only_the_profile(demo_db: sa.Engine, subtests,  # noqa: ANN001
                                                                         spec: PageSpec) -> None:
    username = a_user_of(spec)
    for why, reason in MUST_CHANGE.items():
        with subtests.test(why=why, username=username):
            if why == "first-login":
                _set_account(demo_db, username, must_change_password=True, password_changed_at=utcnow())
            else:
                _set_account(demo_db, username, must_change_password=False,
                             password_changed_at=utcnow() - timedelta(days=91))
            at = page(spec.path, demo_db, username).run()

            no_exception(at)
            if spec.key == "profile":
                assert values(at.title) == [spec.title]
                assert reason in values(at.warning)
                assert any(b.label == "Đổi mật khẩu" for b in at.button)
            elif spec.key in EXPECTED_PUBLIC:
                shown(at, spec, username)
            else:
                assert values(at.warning) == [vi.ERR_MUST_CHANGE_PASSWORD]
                assert not at.title and len(leaves(at.main)) == 1


# ---- the menu that app.py builds ---------------------------------------------------------------------------


def _registered(at) -> list[tuple[Path | None, str, str]]:  # noqa: ANN001
    """The pages st.navigation registered on the last run: (file or None for a function, title, url path).

    AppTest keeps this registry to resolve switch_page(); it is what the sidebar menu is drawn from.
    """
    return [(Path(str(info["script_path"])).resolve() if info.get("script_path") else None, info["page_name"],
             info["url_pathname"]) for info in at._registered_pages.values()]


@pytest.mark.parametrize("username", USERNAMES)
def test_the_menu_offers_exactly_the_pages_of_the_roles(demo_db: sa.Engine, username: str) -> None:
    roles = DEMO_ROLES[username]
    at = app(demo_db, username).run()
    no_exception(at)
    assert values(at.title) == [f"Xin chào, {DEMO_NAMES[username]}"]

    listed = pages_for(roles)
    assert [s.key for s in listed] == [k for k, r in EXPECTED_ROLES.items() if r & roles and k not in EXPECTED_HIDDEN]
    # Hidden pages (a task opened by its id) are registered so that their address works, but not listed.
    registered = pages_for(roles, include_hidden=True)
    assert [s.key for s in registered] == [k for k, r in EXPECTED_ROLES.items() if r & roles]
    in_menu_order = sorted(registered, key=lambda s: SECTIONS.index(s.section))  # grouped by section
    # The home page is the root address «/», and also answers its own address /trang-chu (a hidden twin).
    assert [r for r in _registered(at) if r[0] is not None] == [
        entry for s in in_menu_order for entry in (
            [((ROOT / s.path).resolve(), s.title, ""), ((ROOT / s.path).resolve(), s.title, s.url_path)] if s.default
            else [((ROOT / s.path).resolve(), s.title, s.url_path)])]
    # The address of every other page is registered too, as a function that sends the user home with a note; and
    # so are the addresses of the log-in, the first start and the password change (no English «Page not found»).
    assert sorted(url for path, _, url in _registered(at) if path is None) == sorted(
        [s.url_path for s in PAGES if s not in registered] + ["dang-nhap", "khoi-tao", "doi-mat-khau"])
    # The home page lists the same functions as links (besides the «Xem» links of today's work).
    assert [v for v in values(at.page_link) if v != "Xem danh sách"] == [s.title for s in listed if s.key != "home"]

    for spec in PAGES:
        if spec in registered:
            at.switch_page(spec.path).run()
            shown(at, spec, username)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(spec.path)


@pytest.mark.parametrize(("username", "key"), [("quantri.sxd", "audit"), ("capnhat.sxd", "task_entry"),
                                             ("lanhdao", "task_inbox")])
def test_the_address_of_a_page_the_account_may_not_open_shows_the_home_page_with_a_note(
        demo_db: sa.Engine, username: str, key: str) -> None:
    """E.g. a unit administrator types …/nhat-ky: the home page opens and says why (not Streamlit's English
    «Page not found» dialog, not silently)."""
    at = app(demo_db, username).run()
    assert not allowed(BY_KEY[key], DEMO_ROLES[username])
    [page_hash] = [h for h, info in at._registered_pages.items() if info["url_pathname"] == BY_KEY[key].url_path]
    at._page_hash = page_hash  # what the browser asks for when the address is typed (AppTest has no URL setter)
    at.run()

    no_exception(at)
    assert values(at.title) == [f"Xin chào, {DEMO_NAMES[username]}"]
    assert values(at.warning) == [vi.ERR_PAGE_FORBIDDEN]
    # It stays while the home page reruns (a freshly loaded address logs in from the cookie with one more run)...
    at.run()
    assert values(at.warning) == [vi.ERR_PAGE_FORBIDDEN]
    # ...and is gone once the user has opened another page.
    at.switch_page(BY_KEY["profile"].path).run()
    at.switch_page(BY_KEY["home"].path).run()
    no_exception(at)
    assert vi.ERR_PAGE_FORBIDDEN not in values(at.warning)


def test_the_menu_of_an_account_that_must_change_its_password_is_the_password_page(demo_db: sa.Engine) -> None:
    _set_account(demo_db, "quantri", must_change_password=True)
    at = app(demo_db, "quantri").run()

    no_exception(at)
    # A one-page navigation answers every address (Streamlit registers it under the old pages' hashes too).
    assert {(path, title) for path, title, _ in _registered(at)} == {
        ((ROOT / "pages/account/profile.py").resolve(), "Đổi mật khẩu")}
    assert values(at.title) == ["Tài khoản của tôi"]
    assert vi.PW_FIRST_LOGIN in values(at.warning)
    for spec in PAGES:
        if spec.key != "profile":
            with pytest.raises(ValueError):
                at.switch_page(spec.path)


def test_not_logged_in_the_app_offers_the_login_form_and_the_public_pages_only(demo_db: sa.Engine) -> None:
    at = app().run()
    no_exception(at)
    assert {w.label for w in at.text_input} == {vi.LOGIN_USERNAME, vi.LOGIN_PASSWORD}
    files = {path for path, _, _ in _registered(at) if path is not None}
    assert files == {(ROOT / BY_KEY[k].path).resolve() for k in EXPECTED_PUBLIC}
    assert {title for path, title, _ in _registered(at) if path is None} == {vi.LOGIN_TITLE}

    for spec in PAGES:
        if spec.key in EXPECTED_PUBLIC:
            at.switch_page(spec.path).run()
            shown(at, spec, None)
            assert "account_id" not in at.session_state
        else:
            with pytest.raises(ValueError):
                at.switch_page(spec.path)


def test_the_app_logs_out_a_session_whose_account_was_locked(demo_db: sa.Engine, actors: dict) -> None:
    at = app(demo_db, "quantri.sxd").run()
    assert values(at.title) == [f"Xin chào, {DEMO_NAMES['quantri.sxd']}"]

    with session_scope(demo_db) as s:
        target = s.scalar(sa.select(Account).where(Account.username == "quantri.sxd"))
        accounts.lock_account(s, actors["quantri"], target.id, "Chuyển công tác", target.version)
    at.run()

    no_exception(at)
    assert not at.title
    assert vi.SESSION_ENDED in values(at.warning)
    assert {w.label for w in at.text_input} == {vi.LOGIN_USERNAME, vi.LOGIN_PASSWORD}
    assert "account_id" not in at.session_state
    # Every address now answers with the log-in form, except the public pages.
    assert {title for path, title, _ in _registered(at) if path is None} == {vi.LOGIN_TITLE}
    for spec in PAGES:
        if spec.key not in EXPECTED_PUBLIC:
            with pytest.raises(ValueError):
                at.switch_page(spec.path)


def test_the_public_pages_link_to_each_other_and_to_the_log_in(demo_db: sa.Engine) -> None:
    """Issue 8 item 16: someone who opened the published results finds the other public page and the log-in."""
    at = app().run()
    at.switch_page(BY_KEY["public_tasks"].path).run()
    no_exception(at)
    assert {"Chỉ số CCHC công bố", vi.LOGIN_TITLE} <= set(values(at.page_link))
    at.switch_page(BY_KEY["public_par"].path).run()
    no_exception(at)
    assert {"Kết quả công khai", vi.LOGIN_TITLE} <= set(values(at.page_link))
    # Logged in, the way back is the home page instead of the log-in.
    logged_in = app(demo_db, "capnhat.sxd").run()
    logged_in.switch_page(BY_KEY["public_par"].path).run()
    assert {"Kết quả công khai", vi.BACK_HOME} <= set(values(logged_in.page_link))


def test_two_pages_of_the_menu_share_an_icon_only_when_both_are_public() -> None:
    """Issue 8 (newcomer's tour): «Đơn vị» and «Bộ tiêu chí CCHC» had the same icon side by side in a PAR
    member's menu. Only the two public pages share theirs (the globe: open to everyone)."""
    by_icon: dict[str, set[str]] = {}
    for spec in PAGES:
        if not spec.hidden:
            by_icon.setdefault(spec.icon, set()).add(spec.key)
    assert {icon: keys for icon, keys in by_icon.items() if len(keys) > 1} == {
        ":material/public:": EXPECTED_PUBLIC}
