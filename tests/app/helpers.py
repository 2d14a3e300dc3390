"""Running real pages with Streamlit's AppTest, as a given logged-in account."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from lib.core.db import session_scope
from lib.core.models import Account

ROOT = Path(__file__).resolve().parents[2]


def page(path: str, engine: sa.Engine | None = None, username: str | None = None, timeout: float = 30) -> AppTest:
    """An AppTest of one page file, logged in as `username` (its id and a live log-in record in session state)."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    if username is not None:
        login_as(at, engine, username)
    return at


def login_as(at: AppTest, engine: sa.Engine, username: str) -> AppTest:
    from lib.core.services.auth import start_login_session

    with session_scope(engine) as s:
        account = s.scalar(sa.select(Account).where(Account.username == username))
        at.session_state["authentication_status"] = True
        at.session_state["username"] = account.username
        at.session_state["account_id"] = account.id
        at.session_state["login_token"] = start_login_session(s, account.id)
    return at


def texts(at: AppTest) -> str:
    """Everything the page wrote, as one string, for 'the user sees X' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "error", "warning", "info",
                 "text", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
    return "\n".join(parts)
