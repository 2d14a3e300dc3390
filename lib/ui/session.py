"""Database access for pages, and who is logged in (checked against the database on every rerun)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.orm import Session

from lib.access import Actor
from lib.db import get_engine, session_scope
from lib.services import auth

ACCOUNT_KEY = "account_id"
VERSION_KEY = "credential_version"


@st.cache_resource(show_spinner=False)
def _engine():  # noqa: ANN202
    return get_engine()


@contextmanager
def db() -> Iterator[Session]:
    """A unit of work for one user action: committed at the end, rolled back on error."""
    with session_scope(_engine()) as session:
        yield session


def current_actor() -> Actor | None:
    """The logged-in account, or None if nobody is, or the account was locked or its password changed."""
    account_id = st.session_state.get(ACCOUNT_KEY)
    if account_id is None or not st.session_state.get("authentication_status"):
        return None
    with db() as session:
        return auth.actor_for_session(session, account_id, st.session_state.get(VERSION_KEY))


def must_change_password_reason(actor: Actor) -> str | None:
    with db() as session:
        return auth.password_change_reason(session, actor.id)


def remember_login(account_id: int, credential_version: int) -> None:
    st.session_state[ACCOUNT_KEY] = account_id
    st.session_state[VERSION_KEY] = credential_version


def forget_login() -> None:
    for key in (ACCOUNT_KEY, VERSION_KEY):
        st.session_state.pop(key, None)
