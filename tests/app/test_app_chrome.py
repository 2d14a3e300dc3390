"""What surrounds every page of the whole app (app.py): nothing empty above the title, the cookie honoured on every
address, a clean server start."""
from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.app.drive import app, leaves
from tests.app.helpers import ROOT


@pytest.mark.parametrize("username", [None, "quantri", "capnhat.sxd"])
def test_no_page_draws_the_cookie_component(demo_db: sa.Engine, username: str | None) -> None:
    """The library's JavaScript cookie component (unused: the server sets the cookie) drew an empty grey bar above
    every page's title, and reran every page once more when it loaded."""
    at = app(demo_db, username).run()
    assert not at.exception
    drawn = [e.type for e in leaves(at.main) + leaves(at.sidebar)]
    assert "component_instance" not in drawn, drawn


def test_importing_the_app_as_the_server_does_prints_no_streamlit_warning() -> None:
    """The server imports app.py to build its web app, outside any session: nothing there may call Streamlit
    («No runtime found …», «missing ScriptRunContext!» at every start)."""
    done = subprocess.run([sys.executable, "-c", "import app; assert app.app is not None"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "No runtime found" not in done.stderr + done.stdout
    assert "missing ScriptRunContext" not in done.stderr + done.stdout
