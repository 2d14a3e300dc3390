"""Small helpers for driving pages with AppTest: find widgets by label, list what a page rendered."""
from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from lib.core.db import session_scope
from lib.core.models import Account
from tests.app.helpers import ROOT, login_as


def app(engine: sa.Engine | None = None, username: str | None = None, timeout: float = 30) -> AppTest:
    """The whole app (app.py: first start, log-in gate, menu), optionally logged in as `username`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if username is not None:
        login_as(at, engine, username)
    return at


def one(elements: Iterable[Any], label: str) -> Any:
    """The single widget (or block) whose label is `label`."""
    found = [e for e in elements if getattr(e, "label", None) == label]
    assert len(found) == 1, f"expected one element labelled {label!r}, found {len(found)}"
    return found[0]


def values(elements: Iterable[Any]) -> list[str]:
    return [str(e.value) for e in elements]


def leaves(block: Block) -> list[Any]:
    """Every element (not container) under `block`, in order."""
    out: list[Any] = []
    for child in block.children.values():
        if isinstance(child, Block):
            out.extend(leaves(child))
        else:
            out.append(child)
    return out


def account(engine: sa.Engine, username: str) -> SimpleNamespace | None:
    """A snapshot of the account row as plain values, or None when there is no such account."""
    with session_scope(engine) as s:
        row = s.scalar(sa.select(Account).where(Account.username == username))
        if row is None:
            return None
        return SimpleNamespace(
            id=row.id, username=row.username, full_name=row.full_name, unit_code=row.unit.code,
            roles=frozenset(row.roles), status=row.status, must_change_password=row.must_change_password,
            credential_version=row.credential_version, failed_logins=row.failed_logins,
            password_hash=row.password_hash, version=row.version, last_login_at=row.last_login_at)


def count(engine: sa.Engine, model: Any) -> int:
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(model)) or 0
