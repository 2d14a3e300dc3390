"""What surrounds every page of the whole app (app.py): nothing empty above the title, the cookie honoured on every
address, a clean server start."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from streamlit.util import calc_hash
from streamlit_authenticator.models import CookieModel

from lib.core import vi
from lib.core.db import session_scope
from lib.core.models import Account
from lib.core.services.auth import start_login_session
from lib.ui import chrome
from tests.app.drive import app, leaves, values
from tests.app.helpers import ROOT


@pytest.mark.parametrize("username", [None, "quantri", "capnhat.sxd"])
def test_no_page_draws_the_cookie_component(demo_db: sa.Engine, username: str | None) -> None:
    """The library's JavaScript cookie component (unused: the server sets the cookie) drew an empty grey bar above
    every page's title, and reran every page once more when it loaded."""
    at = app(demo_db, username).run()
    assert not at.exception
    drawn = [e.type for e in leaves(at.main) + leaves(at.sidebar)]
    assert "component_instance" not in drawn, drawn


def _cookie_of(demo_db: sa.Engine, username: str) -> dict:
    """What the log-in cookie of a live log-in record of `username` decodes to."""
    with session_scope(demo_db) as s:
        account_id = s.scalar(sa.select(Account.id).where(Account.username == username))
        token = start_login_session(s, account_id)
    return {"username": username, "sid": token, "exp_date": (datetime.now() + timedelta(days=1)).timestamp()}


def test_an_unknown_address_opened_with_the_cookie_offers_the_home_page(demo_db: sa.Engine,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A user who is in opens a mistyped address in a new tab (a new session, logged in by the cookie): the
    not-found page is that of a user who is in (menu, «Về trang chủ»), not a visitor's «Về trang đăng nhập»."""
    cookie = _cookie_of(demo_db, "quantri")
    monkeypatch.setattr(CookieModel, "get_cookie", lambda self: cookie)
    monkeypatch.setattr(chrome, "requested_url_path", lambda: "khong-co")
    at = app()
    at._page_hash = calc_hash("khong-co")  # the browser asked for /khong-co (AppTest has no URL setter)  # noqa: SLF001
    at.run()

    assert not at.exception
    assert values(at.title) == [vi.NOT_FOUND_TITLE]
    assert vi.BACK_HOME in values(at.page_link) and vi.BACK_LOGIN not in values(at.page_link)
    assert any(b.label == vi.LOGOUT for b in at.sidebar.button)


def test_a_revoked_cookie_logs_no_one_in_on_an_unknown_address(demo_db: sa.Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cookie = _cookie_of(demo_db, "quantri") | {"sid": "thu-hoi"}
    monkeypatch.setattr(CookieModel, "get_cookie", lambda self: cookie)
    monkeypatch.setattr(chrome, "requested_url_path", lambda: "khong-co")
    at = app()
    at._page_hash = calc_hash("khong-co")  # noqa: SLF001
    at.run()

    assert not at.exception
    [back] = [link for link in at.page_link if link.value == vi.BACK_LOGIN]
    assert back.proto.icon == ":material/login:"  # the way to the log-in, not a house
    assert "account_id" not in at.session_state


def test_importing_the_app_as_the_server_does_prints_no_streamlit_warning() -> None:
    """The server imports app.py to build its web app, outside any session: nothing there may call Streamlit
    («No runtime found …», «missing ScriptRunContext!» at every start)."""
    done = subprocess.run([sys.executable, "-c", "import app; assert app.app is not None"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "No runtime found" not in done.stderr + done.stdout
    assert "missing ScriptRunContext" not in done.stderr + done.stdout
