"""The log-in cookie is set and cleared by the server, HttpOnly, SameSite=Strict, Secure behind TLS (issue 8, item 1).

The route is served by Streamlit through app.py's `st.App`; tests/e2e/test_cookie_revocation.py checks it in a
browser. Here: what the route answers to a ticket.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.core import auth_config
from lib.ui import cookie_route


class _Client:
    """What the browser gets back for the image address (the route's endpoint is this function, nothing more)."""

    @staticmethod
    def get(address: str):  # noqa: ANN205
        path, _, query = address.partition("?t=")
        assert path == cookie_route.routes()[0].path
        return cookie_route.cookie_response(query)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Client:
    monkeypatch.setenv("DONDOC_AUTH_CONFIG", str(tmp_path / "auth.yaml"))
    auth_config.load()  # written once, as on a first start
    return _Client()


def _secure(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("secure: false", "secure: true"), encoding="utf-8")


def test_new_config_file_says_not_secure_by_default(client, tmp_path):
    assert "secure: false" in (tmp_path / "auth.yaml").read_text(encoding="utf-8")
    assert auth_config.load().cookie_secure is False


@pytest.mark.parametrize("secure", [False, True], ids=["http", "behind-tls"])
def test_ticket_sets_an_httponly_strict_cookie(client, tmp_path, secure):
    if secure:
        _secure(tmp_path)
    ticket = cookie_route.order_cookie("signed.jwt.value", 86400)
    answer = client.get(cookie_route.url(ticket))
    assert answer.status_code == 200 and answer.body == cookie_route.PIXEL and answer.headers["content-type"] == "image/gif"
    header = answer.headers["set-cookie"]
    assert header.startswith("dondoc_auth=signed.jwt.value;")
    assert "HttpOnly" in header and "SameSite=strict" in header and "Max-Age=86400" in header and "Path=/" in header
    assert ("Secure" in header) is secure
    assert answer.headers["cache-control"] == "no-store"


def test_ticket_is_good_once(client):
    ticket = cookie_route.order_cookie("v", 60)
    assert "set-cookie" in client.get(cookie_route.url(ticket)).headers
    again = client.get(cookie_route.url(ticket))
    assert again.status_code == 404 and "set-cookie" not in again.headers


@pytest.mark.parametrize("ticket", ["", "made-up"])
def test_unknown_ticket_changes_nothing(client, ticket):
    answer = client.get(cookie_route.url(ticket))
    assert answer.status_code == 404 and "set-cookie" not in answer.headers


def test_expired_ticket_changes_nothing(client, monkeypatch):
    ticket = cookie_route.order_cookie("v", 60)
    later = cookie_route.time.monotonic() + cookie_route.TICKET_SECONDS + 1
    monkeypatch.setattr(cookie_route.time, "monotonic", lambda: later)
    assert "set-cookie" not in client.get(cookie_route.url(ticket)).headers


def test_clearing_ticket_expires_the_cookie(client):
    answer = client.get(cookie_route.url(cookie_route.order_cookie(None)))
    header = answer.headers["set-cookie"]
    assert header.startswith('dondoc_auth="";') and "Max-Age=0" in header and "HttpOnly" in header


def test_route_is_declared_for_get():
    (route,) = cookie_route.routes()
    assert route.path == cookie_route.PATH and route.methods >= {"GET"}


def test_route_follows_the_base_url_path(client):
    from streamlit import config

    config.set_option("server.baseUrlPath", "dondoc/")
    try:
        assert cookie_route.routes()[0].path == "/dondoc/_dondoc/cookie"
        ticket = cookie_route.order_cookie("v", 60)
        assert cookie_route.url(ticket) == f"/dondoc/_dondoc/cookie?t={ticket}"
        assert "set-cookie" in client.get(cookie_route.url(ticket)).headers
    finally:
        config.set_option("server.baseUrlPath", "")


def test_app_py_serves_the_route():
    """`streamlit run app.py` finds `app` (an st.App with the route) when it imports app.py."""
    import ast

    source = (Path(__file__).resolve().parents[3] / "app.py").read_text(encoding="utf-8")
    assigned = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "app" for t in node.targets)]
    assert len(assigned) == 1 and "st.App" in ast.unparse(assigned[0].value)
    assert "routes=routes()" in ast.unparse(assigned[0].value)
