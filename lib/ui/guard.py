"""The guard every page calls first: it stops the page unless the current user may see it."""
from __future__ import annotations

import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.ui.nav import BY_KEY, allowed
from lib.ui.session import current_actor, must_change_password_reason


def require_page(key: str) -> Actor:
    """Return the actor if logged in, active, with a role allowed on page `key`; otherwise stop the script."""
    spec = BY_KEY[key]
    actor = current_actor()
    if actor is None:
        st.warning(vi.ERR_LOGIN_REQUIRED)
        st.stop()
    if key != "profile" and must_change_password_reason(actor):
        st.warning(vi.ERR_MUST_CHANGE_PASSWORD)
        st.stop()
    if not allowed(spec, actor.roles):
        st.error(vi.ERR_PAGE_FORBIDDEN)
        st.stop()
    return actor


def require_public() -> None:
    """The guard of a page meant for everyone (no log-in): it exists so that every page visibly declares who
    may see it; such a page may only call services that return public data."""
    return None
