"""The log-in cookie, set and cleared by the server so that it can be HttpOnly (script in the page cannot read it).

The authenticator (streamlit-authenticator) writes its cookie from JavaScript, which can never make it HttpOnly.
Instead, a Streamlit run that wants the cookie set or cleared leaves a one-time ticket here and draws an invisible
image whose address is `/_dondoc/cookie?t=<ticket>`; the browser fetches it from this route, which answers with
the `Set-Cookie` header (HttpOnly, SameSite=Strict, Secure when auth.yaml says cookie.secure). Streamlit serves the
route because app.py hands it to `st.App` (Streamlit's ASGI app). Reading the cookie needs nothing special: the
browser sends it with the WebSocket handshake, where `st.context.cookies` finds it.
"""
from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lib.core import auth_config

PATH = "/_dondoc/cookie"
TICKET_SECONDS = 120  # a ticket is used at once by the page that received it; an old one is worthless
# A transparent 1×1 GIF: the answer is drawn as an image.
PIXEL = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
         b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


@dataclass(frozen=True)
class _Order:
    value: str | None  # None: clear the cookie
    max_age: int
    until: float


_orders: dict[str, _Order] = {}
_lock = threading.Lock()


def order_cookie(value: str | None, max_age: int = 0) -> str:
    """A one-time ticket that sets the log-in cookie to `value` (or clears it when None) when its URL is fetched."""
    ticket = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        for old in [t for t, o in _orders.items() if o.until < now]:
            del _orders[old]
        _orders[ticket] = _Order(value, max_age, now + TICKET_SECONDS)
    return ticket


def _take(ticket: str) -> _Order | None:
    with _lock:
        order = _orders.pop(ticket, None)
    return order if order is not None and order.until >= time.monotonic() else None


def _base() -> str:
    """Streamlit's server.baseUrlPath (an app served under a sub-path by the reverse proxy): its routes move there."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def url(ticket: str) -> str:
    return f"{_base()}{PATH}?t={ticket}"


def cookie_response(ticket: str) -> Response:
    """The answer to a ticket: the pixel, with the cookie set or cleared; an unknown or used ticket changes nothing."""
    response = Response(PIXEL, media_type="image/gif", headers={"Cache-Control": "no-store"})
    order = _take(ticket or "")
    if order is None:
        response.status_code = 404
        return response
    cfg = auth_config.load()
    if order.value is None:
        response.delete_cookie(cfg.cookie_name, path="/", secure=cfg.cookie_secure, httponly=True, samesite="strict")
    else:
        response.set_cookie(cfg.cookie_name, order.value, max_age=order.max_age, path="/", secure=cfg.cookie_secure,
                            httponly=True, samesite="strict")
    return response


async def _endpoint(request: Request) -> Response:
    return cookie_response(request.query_params.get("t", ""))


def routes() -> list[Route]:
    return [Route(_base() + PATH, _endpoint, methods=["GET"])]
