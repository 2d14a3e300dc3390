"""The administrators' flow in a real browser: units, accounts, first log-in, unit scope, lockout, uploads."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DEMO_PASSWORD, LOGIN_USERNAME, goto, login, logout, settle

pytestmark = pytest.mark.e2e

NEW_UNIT_CODE = "SNN-TEST"
NEW_UNIT_NAME = "Sở Thử nghiệm"
UNIT_ADMIN = "qt.thunghiem"
FIRST_PASSWORD = "KhoiTao@2026"
NEW_PASSWORD = "MatKhauMoi@2026"
EDITOR = "cb.thunghiem"


# ------------------------------------------------------------------------------------------- helpers

def main(page: Page) -> Locator:
    return page.locator("[data-testid='stMain']")


def menu_links(page: Page) -> list[str]:
    """The titles of the sidebar menu (empty when the menu is hidden, e.g. a single page)."""
    return [t.strip() for t in page.locator(
        "[data-testid='stSidebarNav'] a [data-testid='stMarkdownContainer']").all_inner_texts()]


def open_expander(page: Page, title: str) -> Locator:
    expander = page.locator("[data-testid='stExpander']", has=page.locator("summary", has_text=title))
    summary = expander.locator("summary")
    if expander.locator("details[open]").count() == 0 and summary.get_attribute("aria-expanded") != "true":
        summary.click()
    expect(expander.get_by_role("button").last).to_be_visible()
    return expander


def open_tab(page: Page, name: str) -> Locator:
    page.get_by_role("tab", name=name, exact=True).click()
    panel = page.get_by_role("tabpanel", name=name)
    expect(panel).to_be_visible()
    return panel


def open_options(page: Page, box: Locator) -> list[str]:
    """Open a select box and return the labels of its options (diacritics kept, tree indentation stripped)."""
    box.click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    return [t.replace("\u3000", " ").strip() for t in listbox.get_by_role("option").all_inner_texts()]


def option_count(page: Page) -> int:
    """The size of the open list as the widget announces it (the list is virtualised: not every option is drawn)."""
    sizes = page.get_by_role("listbox").get_by_role("option").evaluate_all(
        "els => els.map(e => parseInt(e.getAttribute('aria-setsize') || '0'))")
    return max([len(sizes), *sizes])


def choose(page: Page, scope: Locator, label: str, option: str) -> None:
    """Pick `option` in the select box (or multiselect) labelled `label`, typing to filter the list first."""
    box = scope.get_by_role("combobox", name=label, exact=True)
    if box.input_value().replace("\u3000", " ").strip() == option:
        return  # already chosen (typing the same text again would not open the list)
    box.click()
    box.fill(option)
    page.get_by_role("listbox").get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).first.click()
    page.keyboard.press("Escape")
    settle(page)


def expect_success(page: Page, text: str) -> None:
    expect(main(page).get_by_text(text, exact=False).first).to_be_visible()


def change_own_password(page: Page, old: str, new: str) -> None:
    page.get_by_label("Mật khẩu hiện tại", exact=True).fill(old)
    page.get_by_label("Mật khẩu mới", exact=True).fill(new)
    page.get_by_label("Nhập lại mật khẩu mới", exact=True).fill(new)
    page.get_by_role("button", name="Đổi mật khẩu", exact=True).click()
    settle(page)


def fill_new_unit(page: Page, code: str, name: str) -> Locator:
    form = open_expander(page, "Thêm đơn vị mới").locator("[data-testid='stForm']")
    form.get_by_label("Mã đơn vị *", exact=True).fill(code)
    form.get_by_label("Tên đơn vị *", exact=True).fill(name)
    return form


# ------------------------------------------------------------------------------------------- tests

def test_system_admin_to_unit_admin_to_editor_and_lockout(page: Page) -> None:
    # 1. The system administrator logs in and sees the home page.
    login(page, "quantri", DEMO_PASSWORD)
    expect(main(page).get_by_text("Xin chào", exact=False).first).to_be_visible()
    assert {"Đơn vị", "Tài khoản người dùng", "Nhật ký hệ thống"} <= set(menu_links(page))

    # 2. A new department under the provincial People's Committee.
    goto(page, "don-vi")
    expect(main(page).get_by_role("heading", name="Đơn vị", exact=True)).to_be_visible()
    form = fill_new_unit(page, NEW_UNIT_CODE, NEW_UNIT_NAME)
    expect(form.get_by_role("combobox", name="Loại đơn vị *")).to_have_value("Sở, ban, ngành")
    choose(page, form, "Đơn vị cấp trên", "Ủy ban nhân dân tỉnh Đồng Tháp")
    form.get_by_role("button", name="Thêm đơn vị", exact=True).click()
    settle(page)
    expect_success(page, f"Đã thêm đơn vị «{NEW_UNIT_NAME}»")
    page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True).fill(NEW_UNIT_CODE)
    page.keyboard.press("Enter")
    settle(page)
    expect(main(page).get_by_text("1 đơn vị", exact=True)).to_be_visible()

    # 3. Its administrator, created by the system administrator.
    goto(page, "quan-ly-tai-khoan")
    panel = open_tab(page, "Tạo tài khoản mới")
    panel.get_by_label("Tên đăng nhập *", exact=True).fill(UNIT_ADMIN)
    panel.get_by_label("Họ và tên *", exact=True).fill("Nguyễn Thị Thử Nghiệm")
    panel.get_by_label("Chức vụ", exact=True).fill("Chánh Văn phòng Sở")
    choose(page, panel, "Đơn vị *", NEW_UNIT_NAME)
    choose(page, panel, "Vai trò *", "Quản trị đơn vị")
    panel.get_by_label("Mật khẩu ban đầu *", exact=True).fill(FIRST_PASSWORD)
    panel.get_by_role("button", name="Tạo tài khoản", exact=True).click()
    settle(page)
    expect_success(page, f"Đã tạo tài khoản «{UNIT_ADMIN}»")

    # 4. Log out.
    logout(page)
    expect(page.get_by_label(LOGIN_USERNAME, exact=True)).to_be_visible()
    expect(main(page).get_by_text("Xin chào", exact=False)).to_have_count(0)

    # 5. First log-in of the unit administrator: only the password change until it is done.
    login(page, UNIT_ADMIN, FIRST_PASSWORD)
    expect(main(page).get_by_text("Đây là lần đăng nhập đầu tiên", exact=False)).to_be_visible()
    expect(main(page).get_by_role("heading", name="Đổi mật khẩu")).to_be_visible()
    assert set(menu_links(page)) <= {"Đổi mật khẩu"}, menu_links(page)
    change_own_password(page, FIRST_PASSWORD, NEW_PASSWORD)
    expect(page.locator("[data-testid='stSidebarNav'] a", has_text="Tài khoản người dùng")).to_be_visible()
    links = set(menu_links(page))
    assert {"Trang chủ", "Đơn vị", "Tài khoản người dùng"} <= links, links
    assert not links & {"Nhật ký hệ thống", "Sao lưu dữ liệu", "Tham số và bảo trì", "Lịch làm việc"}, links

    # 6. The unit administrator creates an editor of the own unit; other units cannot even be chosen.
    goto(page, "quan-ly-tai-khoan")
    panel = open_tab(page, "Tạo tài khoản mới")
    panel.get_by_label("Tên đăng nhập *", exact=True).fill(EDITOR)
    panel.get_by_label("Họ và tên *", exact=True).fill("Trần Văn Cập Nhật")
    unit_box = panel.get_by_role("combobox", name="Đơn vị *", exact=True)
    expect(unit_box).to_have_value(re.compile(rf"^\s*{re.escape(NEW_UNIT_NAME)}\s*$"))
    roles = open_options(page, panel.get_by_role("combobox", name="Vai trò *", exact=True))
    page.keyboard.press("Escape")
    assert "Quản trị hệ thống" not in roles and "Cán bộ cập nhật" in roles, roles
    choose(page, panel, "Vai trò *", "Cán bộ cập nhật")
    panel.get_by_label("Mật khẩu ban đầu *", exact=True).fill("Ghe-xuong-ben-Ninh-Kieu-72")  # not on the name
    panel.get_by_role("button", name="Tạo tài khoản", exact=True).click()
    settle(page)
    expect_success(page, f"Đã tạo tài khoản «{EDITOR}»")

    panel = open_tab(page, "Tạo tài khoản mới")
    unit_box = panel.get_by_role("combobox", name="Đơn vị *", exact=True)
    offered = open_options(page, unit_box)
    assert offered == [NEW_UNIT_NAME] and option_count(page) == 1, offered
    unit_box.fill("Sở Xây dựng")
    expect(page.get_by_role("listbox").get_by_role("option", name="Sở Xây dựng")).to_have_count(0)
    page.keyboard.press("Escape")
    settle(page)
    logout(page)

    # 7. Five wrong passwords lock the account for a while; then even the right one is refused, with the same
    #    answer as a wrong password or an unknown user name (it never tells which).
    for attempt in range(1, 6):
        login(page, "capnhat.sxd", f"SaiMatKhau@{attempt}")
        error = main(page).locator("[data-testid='stAlert']").last
        expect(error).to_contain_text("không đúng")
        expect(error).to_contain_text("tạm khóa 15 phút")
    login(page, "capnhat.sxd", DEMO_PASSWORD)
    expect(main(page).locator("[data-testid='stAlert']").last).to_contain_text("tạm khóa 15 phút")
    expect(page.get_by_label(LOGIN_USERNAME, exact=True)).to_be_visible()
    expect(main(page).get_by_text("Xin chào", exact=False)).to_have_count(0)


def test_executable_disguised_as_pdf_is_refused(page: Page) -> None:
    login(page, "quantri", DEMO_PASSWORD)
    expect(main(page).get_by_text("Xin chào", exact=False).first).to_be_visible()
    goto(page, "don-vi")
    form = fill_new_unit(page, "EXE-TEST", "Đơn vị có tệp độc hại")
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200
    form.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": "quyetdinh.pdf", "mimeType": "application/pdf", "buffer": program})
    expect(form.get_by_text("quyetdinh.pdf")).to_be_visible()
    settle(page)
    form.get_by_role("button", name="Thêm đơn vị", exact=True).click()
    settle(page)
    error = main(page).locator("[data-testid='stAlert']", has_text="tệp thực thi")
    expect(error).to_be_visible()
    expect(main(page).get_by_text("Đã thêm đơn vị", exact=False)).to_have_count(0)
    page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True).fill("EXE-TEST")
    page.keyboard.press("Enter")
    settle(page)
    expect(main(page).get_by_text("0 đơn vị", exact=True)).to_be_visible()


def test_selected_unit_does_not_follow_a_new_search(page: Page) -> None:
    """The table's selection is a row number; after a new search it must not point at another unit."""
    login(page, "quantri", DEMO_PASSWORD)
    expect(main(page).get_by_text("Xin chào", exact=False).first).to_be_visible()
    goto(page, "don-vi")
    search = page.get_by_label("Tìm theo mã hoặc tên đơn vị", exact=True)
    search.fill("SKHDT")
    page.keyboard.press("Enter")
    settle(page)
    grid = main(page).locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the row marker of the first row (a canvas)
    settle(page)
    expect(main(page).get_by_role("heading", name="Sở Kế hoạch và Đầu tư (SKHDT)")).to_be_visible()
    expect(main(page).get_by_text("Lịch sử đơn vị", exact=True)).to_be_visible()
    search.fill("SXD")
    page.keyboard.press("Enter")
    settle(page)
    expect(main(page).get_by_role("heading", name="Sở Xây dựng (SXD)")).to_have_count(0)
    expect(main(page).get_by_role("tab", name="Sáp nhập")).to_have_count(0)
