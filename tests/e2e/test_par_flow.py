"""The whole Chỉ số CCHC (PAR Index) flow in a real browser, each person in their own browser:

Sở Xây dựng scores every criterion of both fields, explains, attaches a PDF and submits → the assistance team
(tgv.snv) appraises field 1 and asks for more evidence on one criterion of field 2 → Sở Xây dựng answers that
criterion only → the team appraises field 2 → the council (hoidong.snv) approves both fields → the leader's ranking
shows Sở Xây dựng's approved total and rank → Xã Lấp Vò (the peer in the same round) sees nothing of Sở Xây dựng's
assessment: not in its list, not by typing its address, not its evidence files.

Arranged through the services before the browser steps (setup, not under test): the small 100-point tree of
tests/unit/par_helpers.py for 2031 (both kinds of unit) and a round of Sở Xây dựng and Xã Lấp Vò with tgv.snv and
hoidong.snv on both fields, published to the leaders.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.format import fmt_date, fmt_decimal
from tests.e2e.conftest import DEMO_PASSWORD, AppServer, goto, login, new_page, settle

pytestmark = pytest.mark.e2e

EDITOR, PEER, ASSESSOR, COUNCIL, ADMIN, LEADER = ("capnhat.sxd", "capnhat.laplvo", "tgv.snv", "hoidong.snv",
                                                  "cchc.snv", "lanhdao")
UNIT, PEER_UNIT = "Sở Xây dựng", "Xã Lấp Vò"
YEAR = 2031
ROUND_NAME = f"Kiểm thử Chỉ số CCHC năm {YEAR}"
ASSESSMENT_PATH = "ho-so-cchc"
FIELDS = {"1": "1. Công tác chỉ đạo, điều hành cải cách hành chính", "2": "2. Cải cách thủ tục hành chính"}

# What each person enters, criterion by criterion: a typed score (range criteria) or the option chosen
# ("score — label", yes/no and levels criteria), with a text. Totals are computed from these.
SELF = {
    "1.1": ("9,5", "Kế hoạch CCHC số 15/KH-SXD ban hành ngày 10/01, đủ nội dung."),
    "1.2": ("20 — Có", "Báo cáo quý, 6 tháng và năm gửi đúng hạn."),
    "1.3.1": ("5 — Ban hành chậm", "Kế hoạch kiểm tra ban hành chậm 10 ngày."),
    "1.3.2": ("7,75", "Đã kiểm tra 31/40 đơn vị trực thuộc."),
    "2.1": ("28", "Công khai 280/300 thủ tục hành chính trên Cổng dịch vụ công."),
    "2.2": ("20 — 100% đúng hạn", "Toàn bộ hồ sơ giải quyết đúng hạn."),
}
APPRAISAL = {
    "1.1": ("9", "Kế hoạch chưa có chỉ tiêu đo lường kết quả."),
    "1.2": ("20 — Có", "Đúng với hồ sơ."),
    "1.3.1": ("5 — Ban hành chậm", "Đúng với hồ sơ."),
    "1.3.2": ("7,5", "Tỷ lệ thực tế 77,5%."),
    "2.1": ("26", "Danh mục bổ sung cho thấy 26 nhóm thủ tục đã công khai đầy đủ."),
    "2.2": ("10 — Từ 90% đến dưới 100%", "Còn hồ sơ trễ hạn trong quý IV."),
}
EVIDENCE_CRITERION, REQUESTED_CRITERION = "1.1", "2.1"   # both require evidence in the small tree
EVIDENCE_FILE, ANSWER_FILE = "ke-hoach-cchc-2031.pdf", "danh-muc-tthc.pdf"
REQUEST_NOTE = "Đề nghị bổ sung danh mục thủ tục hành chính đã công khai."
ANSWER_TEXT = "Gửi kèm danh mục 280 thủ tục đã công khai, có xác nhận của Văn phòng Sở."


def points(entered: str) -> Decimal:
    """The score in what was typed or chosen: «7,75» → 7.75, «20 — Có» → 20."""
    return Decimal(entered.split(" — ")[0].replace(",", "."))


def total(scores: dict[str, tuple[str, str]], field: str | None = None) -> str:
    """The sum of the scores (of one field, or all), as the pages write it (comma, no trailing zeros)."""
    return fmt_decimal(sum(points(v) for code, (v, _t) in scores.items() if field in (None, code.split(".")[0])))


def pdf(title: str) -> bytes:
    """A small file that passes the upload content check for .pdf."""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + title.encode() + b"\ntrailer << /Root 1 0 R >>\n"
            b"%%EOF\n")


# ------------------------------------------------------------------------------------------- arrange (services)

@dataclass
class Arranged:
    assessment_id: int       # Sở Xây dựng's
    peer_assessment_id: int  # Xã Lấp Vò's
    grade: str               # the grade the approved total earns under the current settings


def arrange(server: AppServer) -> Arranged:
    """On the server's database: the small tree for YEAR (both kinds of unit) and a round of Sở Xây dựng and Xã Lấp Vò,
    tgv.snv and hoidong.snv on both fields, published to the leaders."""
    import sqlalchemy as sa

    from lib.core.db import get_engine, session_scope
    from lib.par.enums import ParMemberKind, ParUnitGroup
    from lib.core.models import Account, Unit
    from lib.par.models import ParAssessment
    from lib.par import catalogue as par_catalogue, results as par_results, rounds as par_rounds
    from lib.core.services.auth import to_actor
    from lib.par.rounds import RoundInput
    from tests.unit.par_helpers import SMALL_TREE

    with session_scope(get_engine(server.database_url)) as s:
        def actor(username: str):  # noqa: ANN202
            return to_actor(s.scalar(sa.select(Account).where(Account.username == username)))

        admin = actor(ADMIN)
        for group in (ParUnitGroup.DEPARTMENT, ParUnitGroup.COMMUNE):
            par_catalogue.load_data(s, YEAR, group, SMALL_TREE)
        unit_ids = dict(s.execute(sa.select(Unit.name, Unit.id).where(Unit.name.in_([UNIT, PEER_UNIT]))).all())
        round_id = par_rounds.create_round(s, admin, RoundInput(
            YEAR, ROUND_NAME, local_today() + timedelta(days=30), [unit_ids[UNIT], unit_ids[PEER_UNIT]]))
        for code in FIELDS:
            par_rounds.set_members(s, admin, round_id, code, ParMemberKind.ASSESSOR, [actor(ASSESSOR).id])
            par_rounds.set_members(s, admin, round_id, code, ParMemberKind.COUNCIL, [actor(COUNCIL).id])
        par_rounds.publish(s, admin, round_id, to_leaders=True, to_public=False)
        ids = dict(s.execute(sa.select(ParAssessment.unit_id, ParAssessment.id).where(
            ParAssessment.round_id == round_id)).all())
        grade = par_results.grade(par_results.grade_bands(s), float(points(total(APPRAISAL))))  # of 100 points
    return Arranged(ids[unit_ids[UNIT]], ids[unit_ids[PEER_UNIT]], grade)


# ------------------------------------------------------------------------------------------- page helpers

def main(page: Page) -> Locator:
    return page.locator("[data-testid='stMain']")


def sign_in(browser, server: AppServer, username: str) -> Page:  # noqa: ANN001
    """A person's own browser (new context: no cookie, no session), logged in through the real form."""
    page = new_page(browser, server)
    login(page, username, DEMO_PASSWORD)
    expect(main(page).get_by_text("Xin chào", exact=False).first).to_be_visible()
    return page


def press(scope: Locator, name: str) -> None:
    """Click a button and wait for the reruns it starts to end."""
    scope.get_by_role("button", name=name, exact=True).click()
    settle(scope.page)


def expect_message(page: Page, text: str) -> None:
    expect(main(page).locator("[data-testid='stAlert']", has_text=text).first).to_be_visible()


def expect_metric(scope: Locator, label: str, value: str) -> None:
    """The first metric labelled `label` in `scope` shows `value` (the totals come before the field's own)."""
    box = scope.locator("[data-testid='stMetric']", has=scope.page.locator(
        "[data-testid='stMetricLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))).first
    expect(box.locator("[data-testid='stMetricValue']")).to_have_text(value)


def choose(scope: Locator, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`, typing to filter the list first."""
    page = scope.page
    scope.get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)  # to the focused box: an open box may not keep its accessible name
    page.get_by_role("listbox").get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}\s*$")).first.click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def add_choice(scope: Locator, label: str, option: str) -> None:
    """Add the option that starts with `option` to the multi-select box labelled `label`."""
    page = scope.page
    scope.get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("listbox").get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(option)}")).first.click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_have_count(0)


def fill_date(scope: Locator, label: str, day) -> None:  # noqa: ANN001
    """A date field (day / month / year segments): type the digits into the day segment, they flow on."""
    scope.get_by_role("spinbutton", name=re.compile(rf"^(day|ngày), {re.escape(label)}$")).click()
    scope.page.keyboard.type(day.strftime("%d%m%Y"))
    scope.page.keyboard.press("Tab")


def upload(scope: Locator, name: str) -> None:
    """Attach a PDF in the (only) file box of `scope`."""
    uploader = scope.locator("[data-testid='stFileUploader']")
    uploader.locator("input[type='file']").set_input_files({"name": name, "mimeType": "application/pdf",
                                                             "buffer": pdf(name)})
    expect(uploader.get_by_role("button", name=f"Bỏ chọn {name}")).to_be_visible()  # long names are shortened; Streamlit's «Remove …» in Vietnamese


def tick(scope: Locator, label_start: str) -> None:
    """Tick the check box whose label starts with `label_start` (the label covers the box itself)."""
    box = scope.locator("[data-testid='stCheckbox']", has_text=label_start)
    box.get_by_text(label_start, exact=False).click()
    expect(box.get_by_role("checkbox")).to_be_checked()


def open_field(page: Page, code: str) -> Locator:
    """The tab of field `code` on the assessment page (only the open tab is drawn); returns its panel."""
    tab = main(page).get_by_role("tab", name=FIELDS[code], exact=True)  # a tab names its field (issue 8 item 15)
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
        settle(page)
    panel = main(page).get_by_role("tabpanel", name=FIELDS[code])
    expect(panel.get_by_text(FIELDS[code], exact=False).first).to_be_visible()
    return panel


def criterion(scope: Locator, code: str) -> Locator:
    """The columns of one criterion in a form: its title, rule and texts on the left, its inputs on the right."""
    title = scope.page.locator("p", has_text=re.compile(rf"^{re.escape(code)} "))  # «1.3» ≠ «1.3. …» heading
    row = scope.locator("[data-testid='stHorizontalBlock']", has=title).first
    expect(row).to_be_visible()
    return row


def enter_score(row: Locator, label: str, entered: str) -> None:
    if " — " in entered:
        choose(row, label, entered)
    else:
        row.get_by_role("textbox", name=label, exact=True).fill(entered)


# ------------------------------------------------------------------------------------------- data frames (canvas)

ROW_PX = 35  # header and rows of Streamlit's data frame
_GRID_CAUGHT_UP = ("t => { const s = t.querySelector('.dvn-scroller');"
                   " const c = t.querySelector(\"td[role='gridcell']\");"
                   f" return !!s && !!c && +c.id.split('-').pop() === Math.floor(s.scrollTop / {ROW_PX}); }}")


def table(page: Page, nth: int = 0) -> Locator:
    return main(page).locator("[data-testid='stDataFrame']").nth(nth)


def _drawn_row(grid: Locator, texts: tuple[str, ...]) -> int | None:
    """The row number of a drawn row with a cell containing each of `texts`; None if none is drawn.
    The grid is a canvas; its hidden accessible table holds the rows in view."""
    rows = grid.locator("tr[role='row']")
    for text in texts:
        rows = rows.filter(has=grid.page.locator("td", has_text=text))
    if not rows.count():
        return None
    return int(rows.first.locator("td[role='gridcell']").first.get_attribute("id").rsplit("-", 1)[1])


def _scroll_grid(grid: Locator, expression: str) -> int:
    """Set the grid's own scroll position, wait until its accessible table follows; returns the position."""
    top = grid.locator(".dvn-scroller").first.evaluate(f"e => {{ e.scrollTop = {expression}; return e.scrollTop; }}")
    grid.page.wait_for_function(_GRID_CAUGHT_UP, arg=grid.element_handle(), polling=50)
    return top


def select_row(page: Page, grid: Locator, *texts: str) -> None:
    """Tick the row marker of the row that shows all of `texts`, scrolling the grid to it (a queue is long)."""
    expect(grid.locator("td[role='gridcell']").first).to_be_attached()  # the grid is drawn
    row = _drawn_row(grid, texts)
    while row is None:
        before = grid.locator(".dvn-scroller").first.evaluate("e => e.scrollTop")
        if _scroll_grid(grid, f"e.scrollTop + e.clientHeight - 2 * {ROW_PX}") == before:
            raise AssertionError(f"no row with {texts} in the table")
        row = _drawn_row(grid, texts)
    top = _scroll_grid(grid, f"Math.max(0, ({row} - 1) * {ROW_PX})")  # the row second from the top (or the last ones)
    resizable = grid.locator("[data-testid='stDataFrameResizable']")
    resizable.scroll_into_view_if_needed()  # a mouse click lands only inside the window
    box = resizable.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * (row + 1) - top + ROW_PX // 2)
    settle(page)


def row_cells(grid: Locator, text: str) -> list[str]:
    """The texts of the cells of the (drawn) row with a cell that is exactly `text`."""
    cell = grid.page.locator("td", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    row = grid.locator("tr[role='row']", has=cell).first
    expect(row).to_be_attached()
    return [t.strip() for t in row.locator("td").all_inner_texts()]


def headers(grid: Locator) -> list[str]:
    return [t.strip() for t in grid.locator("th[role='columnheader']").all_text_contents()]


# ------------------------------------------------------------------------------------------- steps

def open_own_assessment(page: Page) -> None:
    """The unit's list (Tự đánh giá CCHC): pick this round's row and open it."""
    goto(page, "tu-danh-gia-cchc")
    select_row(page, table(page), ROUND_NAME)
    press(main(page), f"Mở hồ sơ: {ROUND_NAME} — {UNIT}")
    expect(main(page).get_by_text(f"{UNIT} · {ROUND_NAME}", exact=True)).to_be_visible()


def open_from_queue(page: Page, queue_path: str, field: str, button: str) -> None:
    """A queue (Thẩm định / Phê duyệt CCHC): pick Sở Xây dựng's row of `field` and open it on that field."""
    goto(page, queue_path)
    select_row(page, table(page), UNIT, FIELDS[field])  # the round is shown after opening (below)
    expect(main(page).get_by_text(f"{UNIT} — lĩnh vực {FIELDS[field]}", exact=True)).to_be_visible()
    press(main(page), button)
    expect(main(page).get_by_text(f"{UNIT} · {ROUND_NAME}", exact=True)).to_be_visible()
    assert re.search(rf"[?&]lv={field}(&|$)", page.url), page.url
    expect(main(page).get_by_role("tab", name=FIELDS[field], exact=True)).to_have_attribute(
        "aria-selected", "true")


def self_assess_field(page: Page, field: str) -> None:
    """Score and explain every criterion of the field (the PDF on the evidence criterion) and save the draft."""
    panel = open_field(page, field)
    codes = [c for c in SELF if c.split(".")[0] == field]
    for code in codes:
        row = criterion(panel, code)
        enter_score(row, "Điểm tự chấm", SELF[code][0])
        row.get_by_role("textbox", name="Giải trình, căn cứ chấm điểm", exact=True).fill(SELF[code][1])
        if code == EVIDENCE_CRITERION:
            upload(row, EVIDENCE_FILE)
    press(panel, "Lưu nháp")
    added = ", thêm 1 tệp tài liệu kiểm chứng" if EVIDENCE_CRITERION in codes else ""
    expect_message(page, f"Đã lưu nháp lĩnh vực {field}{added}.")
    panel = open_field(page, field)
    expect_metric(panel, "Tự chấm", f"{total(SELF, field)}/50")
    if EVIDENCE_CRITERION in codes:
        expect(criterion(panel, EVIDENCE_CRITERION).get_by_text(f"Đã đính kèm: {EVIDENCE_FILE}")).to_be_visible()


def appraise_field(page: Page, field: str, *, finish: bool) -> None:
    """Enter the appraised score and comment of every criterion of the field shown (and finish it)."""
    panel = open_field(page, field)
    for code in (c for c in APPRAISAL if c.split(".")[0] == field):
        row = criterion(panel, code)
        expect(row.get_by_text(f"Đơn vị tự chấm: {SELF[code][0]}", exact=True)).to_be_visible()
        enter_score(row, "Điểm thẩm định", APPRAISAL[code][0])
        row.get_by_role("textbox", name="Nhận xét", exact=True).fill(APPRAISAL[code][1])
    if finish:
        press(panel, "Hoàn thành thẩm định lĩnh vực")
        expect_message(page, f"Đã hoàn thành thẩm định lĩnh vực {field}; lĩnh vực được chuyển Hội đồng")
        panel = open_field(page, field)
        expect(panel.get_by_text("Đã thẩm định, chờ Hội đồng", exact=True)).to_be_visible()
        expect_metric(panel, "Thẩm định", f"{total(APPRAISAL, field)}/50")


# ------------------------------------------------------------------------------------------- the test

def test_whole_par_flow_in_the_browser(browser, server: AppServer, page: Page, tmp_path,  # noqa: ANN001, PLR0915
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    arranged = arrange(server)
    deadline = local_today() + timedelta(days=7)
    approved_total = total(APPRAISAL)
    others: list[Page] = []

    try:
        # 1. Sở Xây dựng scores both fields, explains, attaches a PDF, saves each field's draft and submits.
        unit = page
        login(unit, EDITOR, DEMO_PASSWORD)
        open_own_assessment(unit)
        assert re.search(rf"[?&]id={arranged.assessment_id}(&|$)", unit.url), unit.url
        expect(main(unit).get_by_text("Đang tự đánh giá", exact=True).first).to_be_visible()
        self_assess_field(unit, "1")
        self_assess_field(unit, "2")
        expect_metric(main(unit), "Tự đánh giá", f"{total(SELF)}/100")
        expect(main(unit).get_by_text(f"Đã chấm 6/6 tiêu chí; tổng điểm tự đánh giá {total(SELF)}/100",
                                      exact=False)).to_be_visible()
        press(main(unit), "Nộp kết quả tự đánh giá")  # without the confirmation tick: refused, nothing sent
        expect_message(unit, "Vui lòng đánh dấu ô xác nhận trước khi nộp kết quả tự đánh giá.")
        tick(main(unit), "Tôi đã kiểm tra điểm, giải trình và tài liệu kiểm chứng")
        press(main(unit), "Nộp kết quả tự đánh giá")
        expect_message(unit, "Đã nộp kết quả tự đánh giá; Tổ giúp việc sẽ thẩm định từng lĩnh vực.")
        expect(main(unit).get_by_text("Đã nộp, đang thẩm định", exact=True).first).to_be_visible()
        expect(main(unit).get_by_role("button", name="Nộp kết quả tự đánh giá")).to_have_count(0)
        expect(main(unit).get_by_role("button", name="Lưu nháp")).to_have_count(0)

        # 2. The assistance team appraises field 1 and finishes it; in field 2 it asks for more evidence on 2.1.
        team = sign_in(browser, server, ASSESSOR)
        others.append(team)
        open_from_queue(team, "tham-dinh-cchc", "1", "Mở hồ sơ để thẩm định")
        expect(criterion(main(team), EVIDENCE_CRITERION).get_by_text(
            f"Tài liệu kiểm chứng: {EVIDENCE_FILE}", exact=True)).to_be_visible()
        appraise_field(team, "1", finish=True)
        panel = open_field(team, "2")
        request = panel.locator("[data-testid='stForm']", has=team.get_by_role("button", name="Gửi yêu cầu bổ sung"))
        add_choice(request, "Tiêu chí cần bổ sung *", f"{REQUESTED_CRITERION} — ")
        fill_date(request, "Hạn bổ sung *", deadline)
        request.get_by_role("textbox", name="Nội dung yêu cầu", exact=True).fill(REQUEST_NOTE)
        press(request, "Gửi yêu cầu bổ sung")
        expect_message(team, f"Đã gửi yêu cầu bổ sung tài liệu cho {UNIT}.")
        expect(criterion(open_field(team, "2"), REQUESTED_CRITERION).get_by_text(
            f"Đang chờ đơn vị bổ sung tài liệu (hạn {fmt_date(deadline)}).", exact=True)).to_be_visible()

        # 3. Sở Xây dựng sees the request in its list and answers that criterion only, with a text and a file.
        goto(unit, "tu-danh-gia-cchc")
        cells = row_cells(table(unit), ROUND_NAME)
        assert "Đã nộp, đang thẩm định" in cells and cells[-1] == "1", cells  # «Chờ bổ sung»: one open request
        open_own_assessment(unit)
        expect(main(unit).get_by_text("1 yêu cầu bổ sung đang chờ", exact=False)).to_be_visible()
        answer = main(unit).locator("[data-testid='stForm']", has=unit.get_by_role("button", name="Gửi bổ sung"))
        expect(main(unit).get_by_text(f"hạn {fmt_date(deadline)}): tiêu chí {REQUESTED_CRITERION}.",
                                      exact=False)).to_be_visible()
        expect(main(unit).get_by_text(REQUEST_NOTE, exact=False).first).to_be_visible()
        offered = answer.locator("p", has_text=re.compile(r"^\d+(\.\d+)* \S")).all_inner_texts()
        assert [t.split()[0] for t in offered] == [REQUESTED_CRITERION], offered  # no other criterion offered
        expect(answer.get_by_role("textbox")).to_have_count(1)
        expect(answer.locator("[data-testid='stFileUploader']")).to_have_count(1)
        answer.get_by_role("textbox", name="Giải trình bổ sung", exact=True).fill(ANSWER_TEXT)
        upload(answer, ANSWER_FILE)
        press(answer, "Gửi bổ sung")
        expect_message(unit, f"Đã gửi nội dung bổ sung tiêu chí {REQUESTED_CRITERION} cho Tổ giúp việc.")
        expect(main(unit).get_by_role("button", name="Gửi bổ sung")).to_have_count(0)

        # 4. The team sees the answer and the file, appraises field 2 and finishes it.
        open_from_queue(team, "tham-dinh-cchc", "2", "Mở hồ sơ để thẩm định")
        answered = criterion(main(team), REQUESTED_CRITERION)
        expect(answered.get_by_text(ANSWER_TEXT, exact=False)).to_be_visible()
        expect(answered.get_by_text(f"Tài liệu kiểm chứng: {ANSWER_FILE}", exact=True)).to_be_visible()
        appraise_field(team, "2", finish=True)
        expect_metric(main(team), "Thẩm định", f"{approved_total}/100")

        # 5. The council approves both fields, each opened from its queue.
        council = sign_in(browser, server, COUNCIL)
        others.append(council)
        for field in FIELDS:
            open_from_queue(council, "phe-duyet-cchc", field, "Mở hồ sơ để phê duyệt")
            panel = open_field(council, field)
            if field == "1":  # the read-only table: the unit's and the team's scores side by side
                cells = row_cells(table(council), "1.1")
                assert cells[3:5] == [SELF["1.1"][0], APPRAISAL["1.1"][0]], cells
            press(panel, "Phê duyệt lĩnh vực")
            expect_message(council, f"Đã phê duyệt lĩnh vực {field}; điểm thẩm định là điểm chính thức.")
            expect_metric(open_field(council, field), "Phê duyệt", f"{total(APPRAISAL, field)}/50")
        expect(main(council).get_by_text("Đã phê duyệt toàn bộ", exact=True).first).to_be_visible()
        expect_metric(main(council), "Phê duyệt", f"{approved_total}/100")

        # 6. The leader's ranking (published to leaders): Sở Xây dựng with its approved total, ranked.
        leader = sign_in(browser, server, LEADER)
        others.append(leader)
        goto(leader, "ket-qua-cchc")
        expect(main(leader).get_by_role("combobox", name="Đợt đánh giá")).to_have_value(f"{ROUND_NAME} (năm {YEAR})")
        ranking = main(leader).locator("[data-testid='stDataFrame']", has=leader.locator(
            "td", has_text=re.compile(rf"^\s*{re.escape(UNIT)}\s*$"))).first
        cells = row_cells(ranking, UNIT)  # waits for the table to be drawn
        line = dict(zip(headers(ranking), cells))
        assert line["Hạng"] == "1", line   # the only department of the round, all fields approved
        assert line["Phê duyệt"] == approved_total, line
        assert line["Tổng"] == approved_total, line  # no other score component in this round
        assert line["Xếp loại"] == arranged.grade, line
        assert f"{total(SELF)}" in line.values(), line  # the self-assessment total beside it

        # 7. Xã Lấp Vò: its own assessment only; Sở Xây dựng's stays out of reach, even by its address.
        peer = sign_in(browser, server, PEER)
        others.append(peer)
        goto(peer, "tu-danh-gia-cchc")
        listed = table(peer)  # its own, and from before 2025 those of the district and town merged into it
        expect(listed.locator("td", has_text=PEER_UNIT)).not_to_have_count(0)
        expect(listed.locator("td", has_text=ROUND_NAME)).to_have_count(1)
        assert UNIT not in main(peer).inner_text()
        expect(listed.locator("td", has_text=UNIT)).to_have_count(0)
        select_row(peer, listed, ROUND_NAME)
        press(main(peer), f"Mở hồ sơ: {ROUND_NAME} — {PEER_UNIT}")
        expect(main(peer).get_by_text(f"{PEER_UNIT} · {ROUND_NAME}", exact=True)).to_be_visible()
        assert re.search(rf"[?&]id={arranged.peer_assessment_id}(&|$)", peer.url), peer.url

        goto(peer, f"{ASSESSMENT_PATH}?id={arranged.assessment_id}")
        expect_message(peer, vi.ERR_NOT_FOUND)
        text = main(peer).inner_text()
        for hidden in (UNIT, ROUND_NAME, EVIDENCE_FILE, ANSWER_FILE, ANSWER_TEXT, SELF["1.1"][1], FIELDS["1"],
                       f"{total(SELF)}/100"):
            assert hidden not in text, hidden
        expect(main(peer).locator("[data-testid='stDownloadButton']")).to_have_count(0)
        expect(main(peer).get_by_role("tab")).to_have_count(0)

        goto(peer, "ket-qua-cchc")  # the results page shows a unit its own rows only
        expect(main(peer).locator("td", has_text=PEER_UNIT).first).to_be_attached()
        assert UNIT not in main(peer).inner_text()

        # ... and the file service refuses Xã Lấp Vò both evidence files (the check behind every download button).
        _expect_evidence_refused(server, arranged.assessment_id, monkeypatch)
    finally:
        failing = sys.exc_info()[0] is not None
        for n, other in enumerate(others, 1):
            if failing:  # the unit's page is saved by the fixture; the others' pages here
                shot = tmp_path / f"nguoi-dung-{n}.png"
                other.screenshot(path=str(shot), full_page=True)
                print(f"Ảnh màn hình ({n}): {shot}")
            other.context.close()


def _expect_evidence_refused(server: AppServer, assessment_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlalchemy as sa

    from lib.core.db import get_engine, session_scope
    from lib.core.errors import DomainError
    from lib.core.models import Account, Attachment
    from lib.par.models import ParScore
    from lib.core.services import attachments
    from lib.core.services.auth import to_actor
    from lib.par.assessments import OWNER_EVIDENCE

    monkeypatch.setenv("DONDOC_DATA_DIR", str(server.data_dir))  # the server's file store, for the owner's download
    with session_scope(get_engine(server.database_url)) as session:
        def actor(username: str):  # noqa: ANN202
            return to_actor(session.scalar(sa.select(Account).where(Account.username == username)))

        files = session.execute(sa.select(Attachment.id, Attachment.name).join(
            ParScore, ParScore.id == Attachment.owner_id).where(
            Attachment.owner_type == OWNER_EVIDENCE, ParScore.assessment_id == assessment_id)).all()
        assert sorted(name for _id, name in files) == sorted([EVIDENCE_FILE, ANSWER_FILE]), files
        peer, owner = actor(PEER), actor(EDITOR)
        for attachment_id, name in files:
            with pytest.raises(DomainError):
                attachments.info(session, peer, attachment_id)
            with pytest.raises(DomainError):
                attachments.download(session, peer, attachment_id)
            assert attachments.download(session, owner, attachment_id).data == pdf(name)  # the check is not blind
