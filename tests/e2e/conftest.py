"""Browser tests: a real `streamlit run` of app.py per test module, driven in the system Chromium.

Each test module gets its own server on a free port of 127.0.0.1, on a fresh data directory (SQLite file there,
or a fresh schema on the PostgreSQL of TEST_DATABASE_URL), with the demo data loaded by `python -m lib.cli demo`.
`playwright install` is not needed: the browser is the one from the OS packages (or CHROMIUM_PATH).

The helpers below (find_browser, start_server, settle, login, goto) are plain functions, so that
tools/screenshots.py can use them too.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "DonDoc@2026"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 768}
START_TIMEOUT_S = 60
ACTION_TIMEOUT_MS = 30_000

LOGIN_USERNAME = "Tên đăng nhập (hoặc thư điện tử công vụ)"
LOGIN_PASSWORD = "Mật khẩu"
LOGIN_BUTTON = "Đăng nhập"
LOGOUT_BUTTON = "Đăng xuất"


# --------------------------------------------------------------------------------------------- browser

def browser_candidates() -> list[str]:
    """Where Chromium (or, on Windows, Edge/Chrome) is looked for, in order."""
    if os.environ.get("CHROMIUM_PATH"):
        return [os.environ["CHROMIUM_PATH"]]  # set on purpose: no silent fallback to another browser
    found = [shutil.which(name) for name in ("chromium", "chromium-browser")]
    candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", *(f for f in found if f)]
    if os.name == "nt":
        bases = [os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"),
                 os.environ.get("PROGRAMFILES", r"C:\Program Files"), os.environ.get("LOCALAPPDATA", "")]
        for base in filter(None, bases):
            candidates += [str(Path(base, "Microsoft", "Edge", "Application", "msedge.exe")),
                           str(Path(base, "Google", "Chrome", "Application", "chrome.exe"))]
    return candidates


def find_browser() -> str | None:
    return next((c for c in browser_candidates() if Path(c).is_file()), None)


def browser_missing_message() -> str:
    tried = "\n  ".join(browser_candidates())
    return ("Không tìm thấy trình duyệt Chromium cho kiểm thử trình duyệt (browser tests need Chromium).\n"
            f"Đã tìm (tried):\n  {tried}\n"
            "Cài gói chromium của hệ điều hành (apt-get install chromium) hoặc đặt biến môi trường "
            "CHROMIUM_PATH trỏ tới tệp chạy của Chromium/Chrome/Edge.")


# --------------------------------------------------------------------------------------------- server

def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _pg_url(schema: str) -> str:
    """A fresh, empty schema on TEST_DATABASE_URL's server; the app finds its tables there via search_path."""
    import sqlalchemy as sa

    from lib.core.config import normalise_url

    base_url = os.environ["TEST_DATABASE_URL"]
    engine = sa.create_engine(normalise_url(base_url))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}"


def _drop_pg_schema(schema: str) -> None:
    import sqlalchemy as sa

    from lib.core.config import normalise_url

    engine = sa.create_engine(normalise_url(os.environ["TEST_DATABASE_URL"]))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerError(RuntimeError):
    pass


@dataclass
class AppServer:
    """A running `streamlit run app.py`; `url` is its address, `log()` what it printed."""
    data_dir: Path
    database_url: str
    port: int
    process: subprocess.Popen
    log_path: Path
    pg_schema: str | None = None
    _log_file: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log_file is not None:
            self._log_file.close()
        if self.pg_schema:
            try:
                _drop_pg_schema(self.pg_schema)
            except Exception:  # noqa: BLE001 - the next run drops it anyway
                pass


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the test run itself is killed (a CI timeout), instead of lingering."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def server_env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DONDOC_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "DONDOC_BCRYPT_ROUNDS": "4",
                "DONDOC_AUTH_CONFIG": str(data_dir / "auth.yaml"), "PYTHONIOENCODING": "utf-8",
                "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    return env


def start_server(data_dir: Path, *, demo: bool = True, tag: str = "app",
                 timeout_s: float = START_TIMEOUT_S) -> AppServer:
    """Load the demo data (if asked), start Streamlit on a free port and wait until it answers its health check."""
    data_dir.mkdir(parents=True, exist_ok=True)
    pg_schema = None
    if os.environ.get("TEST_DATABASE_URL"):
        pg_schema = f"e2e_{_worker()}_{tag}".lower()
        database_url = _pg_url(pg_schema)
    else:
        database_url = f"sqlite:///{(data_dir / 'app.db').as_posix()}"
    env = server_env(data_dir, database_url)
    if demo:
        loaded = subprocess.run([sys.executable, "-m", "lib.cli", "demo"], cwd=ROOT, env=env, capture_output=True,
                                timeout=180)
        if loaded.returncode != 0:
            raise ServerError("`python -m lib.cli demo` failed:\n"
                              + loaded.stdout.decode("utf-8", "replace") + loaded.stderr.decode("utf-8", "replace"))
    port = free_port()
    log_path = data_dir / "streamlit.log"
    log_file = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
    process = subprocess.Popen(
        [sys.executable, "-m", "lib.ui.server", "--server.port", str(port),  # as run.py starts it
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
        cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent if os.name == "posix" else None)
    server = AppServer(data_dir, database_url, port, process, log_path, pg_schema, log_file)
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            server.stop()
            raise ServerError(f"Streamlit exited with code {process.returncode} before it answered:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200 and answer.read().strip() == b"ok":
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise ServerError(f"Streamlit did not answer /_stcore/health within {timeout_s:.0f} s:\n{server.log()}")
        time.sleep(0.3)


# --------------------------------------------------------------------------------------------- page helpers

_IDLE = ("() => { const a = document.querySelector(\"[data-testid='stApp']\");"
         " const s = a && a.getAttribute('data-test-script-state');"
         " return s === 'notRunning' || s === 'compilationError'; }")
_BUSY = ("() => { const a = document.querySelector(\"[data-testid='stApp']\");"
         " const s = a && a.getAttribute('data-test-script-state');"
         " return s !== 'notRunning' && s !== 'compilationError'; }")
LOAD_QUIET_MS = 1500  # after a page load or a log-in: the cookie component reports up to ~1 s after a run


def settle(page, quiet_ms: int = 500, timeout_ms: int = ACTION_TIMEOUT_MS) -> None:  # noqa: ANN001
    """Wait until the app is drawn and its script has stopped running, and no new run starts for `quiet_ms`.

    A run can start a moment after another ends (the log-in cookie component reports after it loads), so
    "not running" alone is not enough right after a page load or a log-in; those use a longer quiet time.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout_ms / 1000
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    while True:
        left = max(1000, int((deadline - time.monotonic()) * 1000))
        page.wait_for_function(_IDLE, timeout=left, polling=50)
        try:
            page.wait_for_function(_BUSY, timeout=quiet_ms, polling=25)
        except PlaywrightTimeout:
            return
        if time.monotonic() > deadline:
            raise PlaywrightTimeout(f"the app kept rerunning for {timeout_ms} ms")


def wait_idle(page, timeout_ms: int = ACTION_TIMEOUT_MS) -> None:  # noqa: ANN001
    """Wait until the script is not running (no quiet time: for a page already given time to settle)."""
    page.wait_for_function(_IDLE, timeout=timeout_ms, polling=50)


def goto(page, url_path: str) -> None:  # noqa: ANN001
    """Open a page of the app. A link of the menu is clicked when there is one (the session stays, as for a user);
    otherwise the address is loaded (a new session, logged in again by the cookie)."""
    path = "/" + url_path.strip("/")
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='{path}']")
    if path != "/" and link.count():
        link.first.click()
        settle(page)
    else:
        page.goto(path)
        settle(page, LOAD_QUIET_MS)


def login(page, user: str, password: str) -> None:  # noqa: ANN001
    """Fill the log-in form (opening the start page first when the form is not shown) and submit it."""
    username_box = page.get_by_label(LOGIN_USERNAME, exact=True)
    if not username_box.count():
        page.goto("/")
        settle(page, LOAD_QUIET_MS)
    username_box.fill(user)
    page.get_by_label(LOGIN_PASSWORD, exact=True).fill(password)
    page.get_by_role("button", name=LOGIN_BUTTON, exact=True).click()
    settle(page, LOAD_QUIET_MS)


def logout(page) -> None:  # noqa: ANN001
    page.locator("[data-testid='stSidebar']").get_by_role("button", name=LOGOUT_BUTTON).click()
    settle(page, LOAD_QUIET_MS)


def main_text(page) -> str:  # noqa: ANN001
    """What the main area (not the menu) shows, as text."""
    return page.locator("[data-testid='stMain']").inner_text()


# --------------------------------------------------------------------------------------------- fixtures

def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = find_browser()
    if executable is None:
        pytest.fail(browser_missing_message(), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def running_server(*, demo: bool, tag: str) -> Iterator[AppServer]:
    """A fresh server on a fresh data directory, stopped and removed afterwards; a start failure fails the test."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"dondoc-e2e-{tag}-"))
    try:
        app = start_server(data_dir, demo=demo, tag=tag)
    except ServerError as error:
        shutil.rmtree(data_dir, ignore_errors=True)
        pytest.fail(str(error), pytrace=False)
    try:
        yield app
    finally:
        app.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def server(browser: object) -> Iterator[AppServer]:  # noqa: ARG001 - browser first: no server without one
    """A fresh server with the demo data, for this test module only; nobody has used it before."""
    with running_server(demo=True, tag="demo") as app:
        yield app


@pytest.fixture
def fresh_server(browser: object) -> Iterator[AppServer]:  # noqa: ARG001
    """A fresh server with the demo data for this one test: the test's requests are the first it ever serves."""
    with running_server(demo=True, tag="fresh") as app:
        yield app


@pytest.fixture
def empty_server(browser: object) -> Iterator[AppServer]:  # noqa: ARG001
    """A fresh server on an empty database (no account yet), for this one test."""
    with running_server(demo=False, tag="empty") as app:
        yield app


def new_page(browser, server: AppServer):  # noqa: ANN001, ANN201
    """A page in a new browser context (no cookie, no session) whose relative addresses go to `server`."""
    context = browser.new_context(base_url=server.url, viewport=VIEWPORT, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    from playwright.sync_api import expect

    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser, server: AppServer, request: pytest.FixtureRequest, tmp_path_factory):  # noqa: ANN001, ANN201
    page = new_page(browser, server)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        shot = tmp_path_factory.mktemp("e2e-failure") / f"{request.node.name}.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nẢnh màn hình lúc lỗi: {shot}\nNhật ký máy chủ (cuối):\n{server.log()[-3000:]}")
        except Exception:  # noqa: BLE001
            pass
    page.context.close()
