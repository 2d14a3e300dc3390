"""Database access for pages, and who is logged in (checked against the database on every rerun)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.orm import Session

from lib.core.access import Actor
from lib.core.db import get_engine, session_scope
from lib.core.services import auth

ACCOUNT_KEY = "account_id"
TOKEN_KEY = "login_token"  # names this log-in's server-side record (lib.services.auth); also inside the cookie


@st.cache_resource(show_spinner=False)
def _engine():  # noqa: ANN202
    return get_engine()


@contextmanager
def db() -> Iterator[Session]:
    """A unit of work for one user action: committed at the end, rolled back on error."""
    with session_scope(_engine()) as session:
        yield session


def current_actor() -> Actor | None:
    """The logged-in account, or None if nobody is, or its log-in record was revoked (log-out elsewhere, lock,
    unlock, role change, password change or reset, deactivation) or expired."""
    account_id = st.session_state.get(ACCOUNT_KEY)
    if account_id is None or not st.session_state.get("authentication_status"):
        return None
    with db() as session:
        actor = auth.actor_for_session(session, st.session_state.get(TOKEN_KEY))
    return actor if actor is not None and actor.id == account_id else None


def login_token() -> str | None:
    return st.session_state.get(TOKEN_KEY)


def must_change_password_reason(actor: Actor) -> str | None:
    with db() as session:
        return auth.password_change_reason(session, actor.id)


def remember_login(account_id: int, token: str) -> None:
    st.session_state[ACCOUNT_KEY] = account_id
    st.session_state[TOKEN_KEY] = token


def forget_login() -> None:
    for key in (ACCOUNT_KEY, TOKEN_KEY):
        st.session_state.pop(key, None)
