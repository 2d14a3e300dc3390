"""What surrounds every page of the whole app (app.py): nothing empty above the title, the cookie honoured on every
address, a clean server start."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.app.drive import app, leaves


@pytest.mark.parametrize("username", [None, "quantri", "capnhat.sxd"])
def test_no_page_draws_the_cookie_component(demo_db: sa.Engine, username: str | None) -> None:
    """The library's JavaScript cookie component (unused: the server sets the cookie) drew an empty grey bar above
    every page's title, and reran every page once more when it loaded."""
    at = app(demo_db, username).run()
    assert not at.exception
    drawn = [e.type for e in leaves(at.main) + leaves(at.sidebar)]
    assert "component_instance" not in drawn, drawn
