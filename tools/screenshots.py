"""Screenshots of every screen for review: the app on a temporary copy of the demo data, in the system Chromium.

    .venv/bin/python tools/screenshots.py            # writes ./screenshots/*.png (git-ignored)
    .venv/bin/python tools/screenshots.py --out /tmp/shots --width 1366 --height 768

Starts its own servers (demo data; and an empty database for the first-start page) on free ports of
127.0.0.1, like the browser tests, and stops them at the end. Needs the `playwright` Python package and
Chromium from the OS packages (or CHROMIUM_PATH). Each shot is the whole page, not just the window.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import (CHROMIUM_ARGS, DEMO_PASSWORD, LOAD_QUIET_MS, AppServer,  # noqa: E402
                                browser_missing_message, find_browser, goto, login, logout, settle, start_server)

FORCED_CHANGE_USER = "tracuu.sxd"  # marked "must change password" before the shots
UNIT_ADMIN = "quantri.sxd"


class Shooter:
    def __init__(self, browser, out: Path, width: int, height: int) -> None:  # noqa: ANN001
        self.browser, self.out, self.viewport = browser, out, {"width": width, "height": height}
        self.count = 0

    def page(self, server: AppServer):  # noqa: ANN201
        context = self.browser.new_context(base_url=server.url, viewport=self.viewport, locale="vi-VN",
                                           timezone_id="Asia/Ho_Chi_Minh")
        context.set_default_timeout(30_000)
        return context.new_page()

    def shot(self, page, name: str) -> None:  # noqa: ANN001
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        page.wait_for_timeout(400)  # fonts, charts, the data grid's canvas
        # Streamlit scrolls inside its main container, so "full page" alone stops at the window: make the
        # window as tall as the content for the shot, then put it back.
        height = page.evaluate("""() => Math.max(...Array.from(document.querySelectorAll(
            "[data-testid='stMain'], [data-testid='stAppViewContainer'], [data-testid='stSidebarContent']"))
            .map(e => e.scrollHeight), document.documentElement.scrollHeight)""")
        if height > self.viewport["height"]:
            page.set_viewport_size({"width": self.viewport["width"], "height": min(height, 6000)})
            page.wait_for_timeout(400)
        page.screenshot(path=str(path), full_page=True)
        page.set_viewport_size(self.viewport)
        print(path)


def mark_must_change(server: AppServer, username: str) -> None:
    import sqlalchemy as sa

    from lib.core.db import get_engine, session_scope
    from lib.core.models import Account

    with session_scope(get_engine(server.database_url)) as session:
        session.execute(sa.update(Account).where(Account.username == username).values(must_change_password=True))


def select_first_row(page, table_key: str = "dv-table") -> None:  # noqa: ANN001
    """Tick the first row of a selectable data frame (a canvas: click the row marker column)."""
    grid = page.locator(f"[class*='st-key-{table_key}'] [data-testid='stDataFrame']")
    if not grid.count():
        grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # header row ~35 px, then the first row
    settle(page)


def shoot_demo(shooter: Shooter, server: AppServer) -> None:
    from lib.core.enums import Role
    from lib.ui.nav import pages_for

    page = shooter.page(server)
    page.goto("/")
    settle(page, LOAD_QUIET_MS)
    shooter.shot(page, "dang-nhap")

    login(page, "quantri", "sai-mat-khau")
    shooter.shot(page, "dang-nhap-sai-mat-khau")
    login(page, "quantri", DEMO_PASSWORD)
    shooter.shot(page, "trang-chu-quantri")
    for spec in pages_for(frozenset({Role.SYSTEM_ADMIN})):
        if spec.key == "home":
            continue
        goto(page, spec.url_path)
        shooter.shot(page, f"{spec.url_path}-quantri")

    goto(page, "quan-ly-tai-khoan")
    page.get_by_role("tab", name="Tạo tài khoản mới", exact=True).click()
    settle(page)
    shooter.shot(page, "quan-ly-tai-khoan-tao-moi")

    goto(page, "don-vi")
    page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True).fill("SKHDT")
    page.keyboard.press("Enter")
    settle(page)
    select_first_row(page)
    shooter.shot(page, "don-vi-lich-su-skhdt")

    page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True).fill("SXD")
    page.keyboard.press("Enter")
    settle(page)
    select_first_row(page)
    shooter.shot(page, "don-vi-sxd-thao-tac")

    goto(page, "don-vi")
    page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True).fill("")
    page.keyboard.press("Enter")
    settle(page)
    page.locator("[data-testid='stExpander'] summary", has_text="Thêm đơn vị mới").click()
    settle(page)
    shooter.shot(page, "don-vi-them-moi")

    goto(page, "quan-ly-tai-khoan")
    select_first_row(page, "acc-table")
    shooter.shot(page, "quan-ly-tai-khoan-sua")
    logout(page)
    shooter.shot(page, "da-dang-xuat")
    page.context.close()

    mark_must_change(server, FORCED_CHANGE_USER)
    page = shooter.page(server)
    login(page, FORCED_CHANGE_USER, DEMO_PASSWORD)
    shooter.shot(page, "doi-mat-khau-bat-buoc")
    page.context.close()

    page = shooter.page(server)
    login(page, UNIT_ADMIN, DEMO_PASSWORD)
    shooter.shot(page, "trang-chu-quantri-sxd")
    for path in ("quan-ly-tai-khoan", "don-vi"):
        goto(page, path)
        shooter.shot(page, f"{path}-quantri-sxd")
    goto(page, "quan-ly-tai-khoan")
    page.get_by_role("tab", name="Tạo tài khoản mới", exact=True).click()
    settle(page)
    shooter.shot(page, "quan-ly-tai-khoan-tao-moi-quantri-sxd")
    goto(page, "nhat-ky")  # not in the menu of a unit administrator
    shooter.shot(page, "nhat-ky-quantri-sxd-khong-duoc-phep")
    page.context.close()


def shoot_first_start(shooter: Shooter, server: AppServer) -> None:
    page = shooter.page(server)
    page.goto("/")
    settle(page, LOAD_QUIET_MS)
    shooter.shot(page, "khoi-tao")
    page.get_by_role("tab", name="Nạp dữ liệu mẫu (tập huấn)", exact=True).click()
    settle(page)
    shooter.shot(page, "khoi-tao-du-lieu-mau")
    page.context.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "screenshots"))
    ap.add_argument("--width", type=int, default=1366)
    ap.add_argument("--height", type=int, default=768)
    args = ap.parse_args()
    executable = find_browser()
    if executable is None:
        print(browser_missing_message(), file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="dondoc-shots-"))
    servers: list[AppServer] = []
    try:
        servers.append(start_server(work / "demo", demo=True, tag="shots"))
        servers.append(start_server(work / "empty", demo=False, tag="shots_empty"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            shooter = Shooter(browser, out, args.width, args.height)
            shoot_demo(shooter, servers[0])
            shoot_first_start(shooter, servers[1])
            browser.close()
        print(f"{shooter.count} ảnh trong {out}")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
