"""The whole task flow of module Nhiệm vụ in a real browser, each person in their own browser:

the Office enters a directive with two tasks (Sở Xây dựng, Xã Lấp Vò) → Sở Xây dựng acknowledges and reports →
the Office rejects with a reason → Sở Xây dựng sees the reason and reports again → the Office approves →
the leader's overview counts the task as done ahead of its deadline → Xã Lấp Vò sees only its own task: neither
Sở Xây dựng's task nor its report file, not even by typing the task's address.
"""
from __future__ import annotations

import random
import re
import sys
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.core import vi
from lib.core.calendar import local_today
from tests.e2e.conftest import DEMO_PASSWORD, AppServer, goto, login, logout, new_page, settle

pytestmark = pytest.mark.e2e

OFFICE, LEADER, EDITOR_A, EDITOR_B = "chuyenvien.vp", "lanhdao", "capnhat.sxd", "capnhat.laplvo"
UNIT_A, UNIT_B = "Sở Xây dựng", "Xã Lấp Vò"
TASK_PATH = "chi-tiet-nhiem-vu"
TIMELINESS_METRICS = ("Quá hạn", "Sắp đến hạn", "Trong hạn", "Trước hạn", "Đúng hạn", "Trễ hạn")


def pdf(title: str) -> bytes:
    """A small file that passes the upload content check for .pdf."""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + title.encode() + b"\ntrailer << /Root 1 0 R >>\n"
            b"%%EOF\n")


# ------------------------------------------------------------------------------------------- helpers

def main(page: Page) -> Locator:
    return page.locator("[data-testid='stMain']")


def sign_in(browser, server: AppServer, username: str) -> Page:  # noqa: ANN001
    """A person's own browser (new context: no cookie, no session), logged in through the real form."""
    page = new_page(browser, server)
    login(page, username, DEMO_PASSWORD)
    expect(main(page).get_by_text("Xin chào", exact=False).first).to_be_visible()
    return page


def fill_field(scope: Locator, label: str, value: str, nth: int = 0) -> None:
    scope.get_by_label(label, exact=True).nth(nth).fill(value)


def fill_date(scope: Locator, label: str, day: date, nth: int = 0) -> None:
    """A date field (day / month / year segments): type the digits into the day segment, they flow on."""
    scope.get_by_role("spinbutton", name=re.compile(rf"^(day|ngày), {re.escape(label)}$")).nth(nth).click()
    scope.page.keyboard.type(day.strftime("%d%m%Y"))
    scope.page.keyboard.press("Tab")


def choose(scope: Locator, label: str, option: str, nth: int = 0) -> None:
    """Pick `option` in the select box labelled `label`, typing to filter the list first."""
    page = scope.page
    scope.get_by_role("combobox", name=label, exact=True).nth(nth).click()
    page.keyboard.type(option)  # to the focused box: an open box may not keep its accessible name
    page.get_by_role("listbox").get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).first.click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def upload(scope: Locator, label: str, name: str, data: bytes) -> None:
    uploader = scope.locator("[data-testid='stFileUploader']", has_text=label)
    uploader.locator("input[type='file']").set_input_files({"name": name, "mimeType": "application/pdf",
                                                             "buffer": data})
    expect(uploader.get_by_text(name)).to_be_visible()


def press(scope: Locator, name: str) -> None:
    """Click a button and wait for the reruns it starts to end."""
    scope.get_by_role("button", name=name, exact=True).click()
    settle(scope.page)


def expect_message(page: Page, text: str) -> None:
    expect(main(page).locator("[data-testid='stAlert']", has_text=text).first).to_be_visible()


def grid_row(table: Locator, text: str) -> int:
    """The row number, in a data frame, of the (visible) row with a cell that contains `text`."""
    cell = table.locator("td[role='gridcell']", has_text=text).first
    expect(cell).to_be_attached()
    return int(cell.get_attribute("id").rsplit("-", 1)[1])


def select_row(page: Page, table: Locator, text: str) -> None:
    """Tick the row marker (the grid is a canvas) of the row that shows `text`."""
    row = grid_row(table, text)
    grid = table.locator("[data-testid='stDataFrameResizable']")
    grid.scroll_into_view_if_needed()  # a mouse click lands only inside the window
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 * (row + 1) + 17)  # header ~35 px, then 35 px per row
    settle(page)


def row_cells(table: Locator, text: str) -> list[str]:
    """The texts of the cells of the (visible) row that shows `text`."""
    row = table.locator("tr[role='row']", has=table.page.locator("td", has_text=text)).first
    expect(row).to_be_attached()
    return [t.strip() for t in row.locator("td").all_inner_texts()]


def metric(page: Page, label: str) -> int:
    box = main(page).locator("[data-testid='stMetric']", has=page.locator(
        "[data-testid='stMetricLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
    return int(box.locator("[data-testid='stMetricValue']").inner_text().replace(".", "").strip())


def overview_counts(page: Page) -> dict[str, int]:
    """The leader's overview, read afresh: the six timeliness figures, the total and the count of done tasks."""
    goto(page, "tong-quan-nhiem-vu")
    counts = {label: metric(page, label) for label in (*TIMELINESS_METRICS, "Tổng số nhiệm vụ")}
    box = main(page).get_by_role("combobox", name="Xem danh sách theo trạng thái", exact=True)
    box.click()
    page.keyboard.type("Hoàn thành")  # typing opens the list (a click alone may not, near the window's edge)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    done = [t for t in options.all_inner_texts() if t.strip().startswith("Hoàn thành (")]
    assert len(done) == 1, options.all_inner_texts()
    counts["Hoàn thành"] = int(re.search(r"\((\d+)\)", done[0])[1])
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_have_count(0)
    return counts


def task_id_from(page: Page) -> int:
    match = re.search(r"[?&]id=(\d+)", page.url)
    assert match, page.url
    return int(match[1])


def open_in_inbox(page: Page, text: str) -> Locator:
    """The unit's inbox, searched for `text`; returns the task table."""
    goto(page, "nhiem-vu-don-vi")
    search = main(page).get_by_label("Tìm trong nội dung nhiệm vụ", exact=True)
    search.fill(text)
    search.press("Enter")
    settle(page)
    return main(page).locator("[data-testid='stDataFrame']").first


def send_report(page: Page, content: str, file_name: str) -> None:
    """The lead unit's report of results, with the signed report file, from the task's own page."""
    page.get_by_role("tab", name="Báo cáo kết quả", exact=True).click()
    form = main(page).locator("[data-testid='stForm']", has=page.get_by_role("button", name="Gửi báo cáo"))
    expect(form).to_be_visible()
    fill_field(form, "Nội dung thực hiện *", content)
    fill_field(form, "Tên văn bản báo cáo *", "Báo cáo kết quả thực hiện")
    fill_field(form, "Số, ký hiệu *", f"{random.randint(100, 999)}/BC-SXD")
    fill_date(form, "Ngày ban hành *", local_today())
    fill_field(form, "Người ký *", "Giám đốc Sở Xây dựng")
    upload(form, "Tệp văn bản báo cáo", file_name, pdf(content))
    press(form, "Gửi báo cáo")
    expect_message(page, "Đã gửi báo cáo kết quả")
    expect_message(page, "Văn phòng UBND đang xem xét")


def enter_directive(page: Page, number_symbol: str, summary: str, file_name: str,
                    task_a: str, deadline_a: date, task_b: str) -> None:
    """The Office's entry form: a «Thông báo» with its signed file; task A for Sở Xây dựng by a date,
    task B for Xã Lấp Vò by 10 working days."""
    goto(page, "nhap-van-ban-chi-dao")
    count = main(page).get_by_label("Số nhiệm vụ", exact=True)
    count.fill("2")
    count.press("Enter")
    settle(page)
    form = main(page).locator("[data-testid='stForm']").first
    expect(form.get_by_text("Nhiệm vụ 2", exact=True)).to_be_visible()

    choose(form, "Loại văn bản *", "Thông báo")
    fill_field(form, "Số, ký hiệu *", number_symbol)
    fill_field(form, "Trích yếu *", summary)
    choose(form, "Người chỉ đạo *", "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành")
    fill_field(form, "Người ký *", "Nguyễn Văn Thành")
    upload(form, "Tệp văn bản đã ký, đóng dấu", file_name, pdf(summary))

    fill_field(form, "Nội dung nhiệm vụ *", task_a, nth=0)
    choose(form, "Đơn vị chủ trì *", UNIT_A, nth=0)
    fill_date(form, "Hạn xử lý (theo ngày)", deadline_a, nth=0)

    fill_field(form, "Nội dung nhiệm vụ *", task_b, nth=1)
    choose(form, "Đơn vị chủ trì *", UNIT_B, nth=1)
    form.get_by_role("radiogroup", name="Thời hạn *").nth(1).get_by_text(
        "Theo số ngày làm việc từ ngày ban hành", exact=True).click()
    fill_field(form, "Số ngày làm việc", "10", nth=1)

    press(form, "Lưu văn bản và nhiệm vụ")


def review(page: Page, task_text: str) -> Locator:
    """The Office's review queue with the report of the task that shows `task_text` selected; returns the pane."""
    goto(page, "duyet-bao-cao")
    queue = main(page).locator("[data-testid='stDataFrame']").first
    select_row(page, queue, task_text)
    expect(main(page).get_by_role("heading", name="Báo cáo chờ duyệt")).to_be_visible()
    return main(page)


# ------------------------------------------------------------------------------------------- the test

def test_whole_task_flow_in_the_browser(browser, server: AppServer, page: Page,  # noqa: ANN001, PLR0915
                                        tmp_path) -> None:  # noqa: ANN001
    tag = random.randint(1000, 9999)
    number_symbol = f"{tag}/TB-UBND"
    summary = f"Kết luận của Phó Chủ tịch UBND tỉnh về chỉnh trang đô thị (kiểm thử {tag})"
    task_a = f"Lập kế hoạch chỉnh trang vỉa hè các tuyến đường trung tâm, mã kiểm thử {tag}-A"
    task_b = f"Rà soát điểm ngập úng trên địa bàn xã, mã kiểm thử {tag}-B"
    deadline_a = local_today() + timedelta(days=30)
    reason = f"Báo cáo chưa nêu kinh phí và tiến độ từng tuyến đường ({tag})"
    report_file = f"bao-cao-sxd-{tag}.pdf"
    others: list[Page] = []

    try:
        # 1. The Office officer enters the directive and its two tasks through the form, with the signed file.
        office = page
        login(office, OFFICE, DEMO_PASSWORD)
        enter_directive(office, number_symbol, summary, f"thong-bao-{tag}.pdf", task_a, deadline_a, task_b)
        expect_message(office, f"Đã lưu thông báo số {number_symbol} với 2 nhiệm vụ.")

        # 2. Sở Xây dựng finds the task in its inbox, acknowledges it and reports the result with a file.
        unit_a = sign_in(browser, server, EDITOR_A)
        others.append(unit_a)
        inbox = open_in_inbox(unit_a, f"{tag}-A")
        assert metric(unit_a, "Nhiệm vụ phù hợp bộ lọc") == 1
        assert metric(unit_a, "Chưa tiếp nhận") == 1
        assert UNIT_A in row_cells(inbox, task_a)
        select_row(unit_a, inbox, task_a)
        press(main(unit_a), "Mở nhiệm vụ")
        expect(main(unit_a).get_by_role("heading", name="Chi tiết nhiệm vụ")).to_be_visible()
        task_a_id = task_id_from(unit_a)
        expect(main(unit_a).get_by_text(task_a, exact=True)).to_be_visible()
        expect(main(unit_a).get_by_text(f"Thông báo số {number_symbol}", exact=False).first).to_be_visible()
        expect(main(unit_a).get_by_text(f"{deadline_a:%d/%m/%Y} (còn", exact=False).first).to_be_visible()

        press(main(unit_a), "Tiếp nhận nhiệm vụ")
        expect_message(unit_a, "Đã tiếp nhận nhiệm vụ.")
        send_report(unit_a, f"Đã lập kế hoạch chỉnh trang 12 tuyến đường ({tag}).", report_file)

        # 3. The Office rejects the report, with a reason.
        pane = review(office, task_a)
        expect(pane.get_by_text(f"Đã lập kế hoạch chỉnh trang 12 tuyến đường ({tag}).").first).to_be_visible()
        expect(pane.locator("[data-testid='stDownloadButton']", has_text=report_file)).to_be_visible()
        fill_field(pane, "Lý do không đạt *", reason)
        press(pane, "Không đạt")
        expect_message(office, f"Đã xác nhận «Không đạt» báo cáo của {UNIT_A}")

        # 4. Sở Xây dựng sees the task returned with the reason, and reports again.
        goto(unit_a, f"{TASK_PATH}?id={task_a_id}")
        expect_message(unit_a, f"Báo cáo lần trước không đạt. Lý do: {reason}")
        send_report(unit_a, f"Đã bổ sung kinh phí 25 tỷ đồng và tiến độ từng tuyến ({tag}).", report_file)

        # The leader reads the overview before the decision.
        leader = sign_in(browser, server, LEADER)
        others.append(leader)
        before = overview_counts(leader)

        # 5. The Office approves («Đạt»): done, ahead of the deadline.
        pane = review(office, task_a)
        expect(pane.get_by_text("Báo cáo lần 2", exact=False).first).to_be_visible()
        expect(pane.locator("[data-testid='stCaptionContainer']", has_text="Nếu xác nhận đạt")).to_contain_text(
            "được tính là trước hạn")
        press(pane, "Đạt")
        expect_message(office, f"Đã xác nhận «Đạt» báo cáo của {UNIT_A}: nhiệm vụ hoàn thành, trước hạn.")

        # 6. The leader's overview counts it: one more done ahead of time, one fewer in progress.
        after = overview_counts(leader)
        assert after["Trước hạn"] == before["Trước hạn"] + 1, (before, after)
        assert after["Hoàn thành"] == before["Hoàn thành"] + 1, (before, after)
        assert after["Trong hạn"] == before["Trong hạn"] - 1, (before, after)
        for label in ("Đúng hạn", "Trễ hạn", "Quá hạn", "Tổng số nhiệm vụ"):
            assert after[label] == before[label], (label, before, after)
        early_button = main(leader).get_by_role("button", name="Xem danh sách").nth(TIMELINESS_METRICS.index(
            "Trước hạn"))
        early_button.click()
        settle(leader)
        expect(main(leader).get_by_role("heading", name="Nhiệm vụ trước hạn")).to_be_visible()
        drilled = main(leader).locator("[data-testid='stDataFrame']").last
        assert UNIT_A in row_cells(drilled, task_a)
        select_row(leader, drilled, task_a)
        press(main(leader), "Mở nhiệm vụ")
        expect(main(leader).get_by_text(task_a, exact=True)).to_be_visible()
        badges = main(leader).locator("span.stMarkdownBadge")  # the task card: status, timeliness, id
        expect(badges.filter(has_text=re.compile(r"^\s*Hoàn thành\s*$"))).to_have_count(1)
        expect(badges.filter(has_text=re.compile(r"Trước hạn\s*$"))).to_have_count(1)
        expect(badges.filter(has_text=f"#{task_a_id}").first).to_be_visible()

        # 7. Xã Lấp Vò: its own task only; Sở Xây dựng's task, report and file stay out of reach.
        unit_b = sign_in(browser, server, EDITOR_B)
        others.append(unit_b)
        inbox = open_in_inbox(unit_b, str(tag))
        assert metric(unit_b, "Nhiệm vụ phù hợp bộ lọc") == 1
        expect(inbox.locator("td", has_text=task_b)).to_have_count(1)
        expect(inbox.locator("td", has_text=task_a)).to_have_count(0)
        select_row(unit_b, inbox, task_b)
        press(main(unit_b), "Mở nhiệm vụ")
        expect(main(unit_b).get_by_text(task_b, exact=True)).to_be_visible()
        expect(main(unit_b).get_by_role("tab", name="Tiếp nhận")).to_be_visible()
        expect(main(unit_b).get_by_text(task_a)).to_have_count(0)

        goto(unit_b, f"{TASK_PATH}?id={task_a_id}")
        expect_message(unit_b, vi.ERR_NOT_FOUND)
        text = main(unit_b).inner_text()
        assert "không có quyền" in text, text
        for hidden in (task_a, reason, report_file, "Đã bổ sung kinh phí"):
            assert hidden not in text, hidden
        expect(main(unit_b).locator("[data-testid='stDownloadButton']")).to_have_count(0)
        expect(main(unit_b).get_by_role("button", name="Tiếp nhận nhiệm vụ")).to_have_count(0)

        # ... and the file service refuses B the report file too (the check behind every download button).
        _expect_report_file_refused(server, task_a_id, EDITOR_B, report_file)

        logout(unit_b)
        expect(main(unit_b).get_by_text("Xin chào", exact=False)).to_have_count(0)
    finally:
        failing = sys.exc_info()[0] is not None
        for n, other in enumerate(others, 1):
            if failing:  # the Office's page is saved by the fixture; the others' pages here
                shot = tmp_path / f"nguoi-dung-{n}.png"
                other.screenshot(path=str(shot), full_page=True)
                print(f"Ảnh màn hình ({n}): {shot}")
            other.context.close()


def _expect_report_file_refused(server: AppServer, task_id: int, username: str, file_name: str) -> None:
    import sqlalchemy as sa

    from lib.core.db import get_engine, session_scope
    from lib.core.errors import DomainError
    from lib.core.models import Account, Attachment
    from lib.tasks.models import TaskReport
    from lib.core.services import attachments
    from lib.core.services.auth import to_actor

    with session_scope(get_engine(server.database_url)) as session:
        actor = to_actor(session.scalar(sa.select(Account).where(Account.username == username)))
        ids = session.scalars(sa.select(TaskReport.attachment_id).where(TaskReport.task_id == task_id)).all()
        assert len(ids) == 2 and all(ids), ids
        assert {session.get(Attachment, i).name for i in ids} == {file_name}
        for attachment_id in ids:
            with pytest.raises(DomainError):
                attachments.info(session, actor, attachment_id)
            with pytest.raises(DomainError):
                attachments.download(session, actor, attachment_id)
