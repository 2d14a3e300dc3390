"""Who may open which page: every page × every role, run the page file directly (no app.py around it).

Running a page file on its own is what happens if anyone reaches it without the app's log-in gate, so the
guard at the top of each page must hold by itself. The menu built by app.py is checked at the end.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib import demo, vi
from lib.db import session_scope
from lib.enums import AccountStatus, Role
from lib.models import Account
from lib.models.base import utcnow
from lib.services import accounts, auth
from lib.ui.nav import BY_KEY, PAGES, PageSpec, allowed, pages_for
from tests.app.drive import app, leaves, values
from tests.app.helpers import ROOT, login_as, page

ALL_ROLES = frozenset(Role)
ADMIN = frozenset({Role.SYSTEM_ADMIN})

# The access table, written out on purpose: a change to a page's roles in lib/ui/nav.py must also be made here.
EXPECTED_ROLES: dict[str, frozenset[Role]] = {
    "home": ALL_ROLES,
    "profile": ALL_ROLES,
    "units": ALL_ROLES,
    "accounts": frozenset({Role.SYSTEM_ADMIN, Role.UNIT_ADMIN}),
    "calendar": ADMIN,
    "settings": ADMIN,
    "audit": ADMIN,
    "backup": ADMIN,
}

DEMO_ROLES: dict[str, frozenset[Role]] = {username: frozenset(roles) for username, _, _, _, roles in demo.ACCOUNTS}
DEMO_NAMES: dict[str, str] = {username: full_name for username, full_name, _, _, _ in demo.ACCOUNTS}
USERNAMES = list(DEMO_ROLES)
PAGE_IDS = [p.key for p in PAGES]


def expected_title(spec: PageSpec, username: str) -> str:
    """The st.title a page shows when it is allowed (the home page greets the user by name)."""
    return f"Xin chào, {DEMO_NAMES[username]}" if spec.key == "home" else spec.title


def test_the_demo_accounts_cover_every_role() -> None:
    assert set().union(*DEMO_ROLES.values()) == set(Role)


def test_the_access_table_matches_the_menu_definition() -> None:
    assert set(BY_KEY) == set(EXPECTED_ROLES), "add every new page to EXPECTED_ROLES (and the other way round)"
    for spec in PAGES:
        assert spec.roles == EXPECTED_ROLES[spec.key], spec.key


def test_no_page_file_sits_directly_in_pages_and_every_page_file_is_in_the_table() -> None:
    pages_dir = ROOT / "pages"
    assert not list(pages_dir.glob("*.py")), "a .py directly in pages/ runs without app.py (Streamlit's old mode)"
    files = {p.relative_to(ROOT).as_posix() for p in pages_dir.rglob("*.py") if p.name != "__init__.py"}
    assert files == {spec.path for spec in PAGES}


@pytest.mark.parametrize("username", USERNAMES)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_by_role(demo_db: sa.Engine, spec: PageSpec, username: str) -> None:
    roles = DEMO_ROLES[username]
    at = page(spec.path, demo_db, username).run()

    assert not at.exception, [e.value for e in at.exception]
    if roles & EXPECTED_ROLES[spec.key]:
        assert allowed(spec, roles)
        assert vi.ERR_PAGE_FORBIDDEN not in values(at.error)
        assert vi.ERR_LOGIN_REQUIRED not in values(at.warning)
        assert expected_title(spec, username) in values(at.title)
    else:
        assert not allowed(spec, roles)
        assert values(at.error) == [vi.ERR_PAGE_FORBIDDEN]
        assert not at.title
        assert [e.type for e in leaves(at.main)] == ["alert"] and not leaves(at.sidebar)


NOT_LOGGED_IN_STATES = {
    "no session state": {},
    "authenticator said no": {"authentication_status": False, "account_id": 1, "credential_version": 1},
    "account id without authentication": {"account_id": 1, "credential_version": 1},
    "authenticated without account id": {"authentication_status": True, "username": "quantri"},
    "unknown account": {"authentication_status": True, "account_id": 999_999, "credential_version": 1},
}


@pytest.mark.parametrize("state", list(NOT_LOGGED_IN_STATES), ids=list(NOT_LOGGED_IN_STATES))
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_without_login_shows_only_the_login_warning(demo_db: sa.Engine, spec: PageSpec, state: str) -> None:
    at = page(spec.path)
    for key, value in NOT_LOGGED_IN_STATES[state].items():
        at.session_state[key] = value
    at.run()

    assert not at.exception
    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED]
    assert len(leaves(at.main)) == 1 and not leaves(at.sidebar)
    assert not at.title


def _set_status(engine: sa.Engine, username: str, status: AccountStatus) -> None:
    with session_scope(engine) as s:
        s.execute(sa.update(Account).where(Account.username == username).values(status=status))


@pytest.mark.parametrize("status", [AccountStatus.LOCKED, AccountStatus.DEACTIVATED], ids=lambda s: s.value)
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_a_locked_or_deactivated_account_is_not_logged_in(demo_db: sa.Engine, spec: PageSpec,
                                                          status: AccountStatus) -> None:
    at = page(spec.path, demo_db, "quantri").run()
    assert expected_title(spec, "quantri") in values(at.title)

    # Only the status changes (the credential version stays as the session knows it).
    _set_status(demo_db, "quantri", status)
    login_as(at, demo_db, "quantri")
    at.run()

    assert not at.exception
    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED]
    assert not at.title


@pytest.mark.parametrize("spec", [BY_KEY[k] for k in ("home", "profile", "units", "accounts")],
                         ids=["home", "profile", "units", "accounts"])
def test_an_open_session_ends_when_an_administrator_locks_the_account(demo_db: sa.Engine, actors: dict,
                                                                      spec: PageSpec) -> None:
    at = page(spec.path, demo_db, "quantri.sxd").run()
    assert expected_title(spec, "quantri.sxd") in values(at.title)

    with session_scope(demo_db) as s:
        target = s.scalar(sa.select(Account).where(Account.username == "quantri.sxd"))
        accounts.lock_account(s, actors["quantri"], target.id, "Nghi lộ mật khẩu", target.version)
    at.run()

    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED]
    assert not at.title


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_a_session_whose_password_was_changed_elsewhere_is_refused(demo_db: sa.Engine, actors: dict,
                                                                     spec: PageSpec) -> None:
    at = page(spec.path, demo_db, "quantri").run()
    assert expected_title(spec, "quantri") in values(at.title)

    # Another browser of the same account changes the password: this session's credential version is stale.
    with session_scope(demo_db) as s:
        auth.change_own_password(s, actors["quantri"], demo.DEMO_PASSWORD, "MoiHon#2027x", "MoiHon#2027x")
    at.run()

    assert not at.exception
    assert values(at.warning) == [vi.ERR_LOGIN_REQUIRED]
    assert not at.title


def _must_change(engine: sa.Engine, username: str, why: str) -> None:
    with session_scope(engine) as s:
        values_ = ({"must_change_password": True} if why == "first-login"
                   else {"password_changed_at": utcnow() - timedelta(days=91)})
        s.execute(sa.update(Account).where(Account.username == username).values(**values_))


@pytest.mark.parametrize("why", ["first-login", "expired"])
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_an_account_that_must_change_its_password_sees_only_the_profile(demo_db: sa.Engine, spec: PageSpec,
                                                                         why: str) -> None:
    _must_change(demo_db, "quantri", why)
    at = page(spec.path, demo_db, "quantri").run()

    assert not at.exception
    if spec.key == "profile":
        assert values(at.title) == [spec.title]
        reason = vi.PW_FIRST_LOGIN if why == "first-login" else vi.PW_EXPIRED.format(days=90)
        assert reason in values(at.warning)
        assert any(b.label == "Đổi mật khẩu" for b in at.button)
    else:
        assert values(at.warning) == [vi.ERR_MUST_CHANGE_PASSWORD]
        assert not at.title and len(leaves(at.main)) == 1


# ---- the menu that app.py builds ---------------------------------------------------------------------------


def _registered(at) -> list[tuple[Path, str, str]]:  # noqa: ANN001
    """The pages st.navigation registered on the last run: (file, title, url path).

    AppTest keeps this registry to resolve switch_page(); it is what the sidebar menu is drawn from.
    """
    return [(Path(str(info["script_path"])).resolve(), info["page_name"], info["url_pathname"])
            for info in at._registered_pages.values()]


@pytest.mark.parametrize("username", USERNAMES)
def test_the_menu_offers_exactly_the_pages_of_the_roles(demo_db: sa.Engine, username: str) -> None:
    roles = DEMO_ROLES[username]
    at = app(demo_db, username).run()
    assert not at.exception
    assert values(at.title) == [f"Xin chào, {DEMO_NAMES[username]}"]

    offered = pages_for(roles)
    assert [s.key for s in offered] == [k for k, r in EXPECTED_ROLES.items() if r & roles]
    assert _registered(at) == [((ROOT / s.path).resolve(), s.title, "" if s.default else s.url_path)
                               for s in offered]
    # The home page lists the same functions as links.
    assert values(at.page_link) == [s.title for s in offered if s.key != "home"]

    for spec in PAGES:
        if spec in offered:
            at.switch_page(spec.path).run()
            assert not at.exception
            assert expected_title(spec, username) in values(at.title), spec.key
            assert vi.ERR_PAGE_FORBIDDEN not in values(at.error)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(spec.path)


def test_the_menu_of_an_account_that_must_change_its_password_is_the_password_page(demo_db: sa.Engine) -> None:
    _must_change(demo_db, "quantri", "first-login")
    at = app(demo_db, "quantri").run()

    assert not at.exception
    assert _registered(at) == [((ROOT / "pages/account/profile.py").resolve(), "Đổi mật khẩu", "doi-mat-khau")]
    assert values(at.title) == ["Tài khoản của tôi"]
    assert vi.PW_FIRST_LOGIN in values(at.warning)
    with pytest.raises(ValueError):
        at.switch_page(BY_KEY["accounts"].path)


def test_the_app_logs_out_a_session_whose_account_was_locked(demo_db: sa.Engine, actors: dict) -> None:
    at = app(demo_db, "quantri.sxd").run()
    assert values(at.title) == [f"Xin chào, {DEMO_NAMES['quantri.sxd']}"]

    with session_scope(demo_db) as s:
        target = s.scalar(sa.select(Account).where(Account.username == "quantri.sxd"))
        accounts.lock_account(s, actors["quantri"], target.id, "Chuyển công tác", target.version)
    at.run()

    assert not at.exception
    assert not at.title
    assert vi.SESSION_ENDED in values(at.warning)
    assert {w.label for w in at.text_input} == {vi.LOGIN_USERNAME, vi.LOGIN_PASSWORD}
    assert "account_id" not in at.session_state
    assert [(p[1], p[2]) for p in _registered(at)] == [(vi.LOGIN_TITLE, "dang-nhap")]
