"""The page «Đối chiếu giải ngân» (seed 000 art. 9.3–9.4, 11; issue 10 item 6) for each decisive role: Sở Tài chính
(kehoach.stc) imports the Treasury's file and sees the one difference, refuses a file with an unknown project code,
and reminds an investor, who then sees the reminder on its home page; the investor sees only its own difference and
explains it; a peer investor sees nothing; the leader reads without importing."""
from __future__ import annotations

import io
from datetime import date as D

import sqlalchemy as sa
from openpyxl import Workbook

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.projects import texts, treasury
from lib.projects.enums import CapitalSource
from lib.projects.finance_models import Disbursement, ReconciliationNote, TreasuryFigure, TreasuryImport
from lib.projects.models import Project
from tests.app.helpers import page, texts as page_texts
from tests.unit.projects_helpers import without_demo_figures

PAGE = "pages/projects/treasury.py"
HOME = "pages/account/home.py"
Y = local_today().year - 3            # a year the demo has no disbursement or Treasury file in
SXD_1, SXD_2 = "DT-2024-001", "DT-2025-002"
NS_TW, NS_TINH = CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET


def _xlsx(rows) -> bytes:  # noqa: ANN001
    wb = Workbook()
    ws = wb.active
    ws.title = treasury.SHEET
    ws.append(list(treasury.HEADERS))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _entered(engine) -> None:  # noqa: ANN001
    without_demo_figures(engine)   # the investors' figures of this test only, no Treasury file yet
    with session_scope(engine) as s:
        for code, source, amount in ((SXD_1, NS_TW, 1_000_000_000), (SXD_2, NS_TINH, 500_000_000)):
            pid = s.scalar(sa.select(Project.id).where(Project.code == code))
            s.add(Disbursement(project_id=pid, year=Y, month=11, source=source, amount=amount,
                               treasury_confirmed_on=D(Y, 11, 20), entry_due_on=D(Y, 11, 27)))


def _open(engine, username: str):  # noqa: ANN001, ANN202
    at = page(PAGE, engine, username).run()
    _ok(at)
    at.selectbox(key="dc-nam").set_value(Y).run()
    at.selectbox(key="dc-thang").set_value(11).run()
    _ok(at)
    return at


def _differences(at):  # noqa: ANN001, ANN202
    """The reconciliation table (the first data frame with the Treasury's column)."""
    return next(d.value for d in at.dataframe if "Số Kho bạc" in d.value.columns)


def _ok(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _import(engine) -> None:  # noqa: ANN001
    from lib.core.services.auth import to_actor
    from lib.core.models import Account

    with session_scope(engine) as s:
        actor = to_actor(s.scalar(sa.select(Account).where(Account.username == "kehoach.stc")))
        assert treasury.import_treasury(s, actor, year=Y, month=11, filename="kb.xlsx", data=_xlsx([
            ("SXD", SXD_1, NS_TW.label, f"11/{Y}", 1_000_000_000),
            ("SXD", SXD_2, NS_TINH.label, f"11/{Y}", 600_000_000)])).ok


def test_the_finance_officer_imports_the_treasury_file_and_sees_the_one_difference(demo_db):
    _entered(demo_db)
    at = _open(demo_db, "kehoach.stc")
    assert [t.label for t in at.tabs] == ["Chênh lệch với Kho bạc", "Nhập số liệu Kho bạc",
                                          "Chủ đầu tư chưa gửi báo cáo tháng"]
    assert any(b.label.startswith(f"Tải báo cáo trích xuất tháng 11/{Y}") for b in at.get("download_button"))

    # A file with an unknown project code: every error by row and column, nothing saved.
    at.file_uploader(key="dc-tep").set_value(("kho_bac.xlsx", _xlsx([
        ("SXD", SXD_1, NS_TW.label, f"11/{Y}", 1_000_000_000),
        ("SXD", "DT-0000-999", NS_TINH.label, f"11/{Y}", 600_000_000)]), "application/octet-stream"))
    at.run()
    at.button(key="dc-nhap").click().run()
    _ok(at)
    assert any("Tệp còn 1 lỗi; chưa nhập dòng nào" in e.value for e in at.error)
    assert at.table[0].value.to_dict("records") == [
        {"Dòng": "3", "Cột": "Mã dự án", "Lỗi": texts.FIN_PROJECT_UNKNOWN.format(value="DT-0000-999")}]
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TreasuryImport)) == 0

    # The right file: imported, and the reconciliation shows the one difference (100 million on DT-2025-002).
    at.file_uploader(key="dc-tep").set_value(("kho_bac.xlsx", _xlsx([
        ("SXD", SXD_1, NS_TW.label, f"11/{Y}", 1_000_000_000),
        ("SXD", SXD_2, NS_TINH.label, f"11/{Y}", 600_000_000)]), "application/octet-stream"))
    at.run()
    at.button(key="dc-nhap").click().run()
    _ok(at)
    assert texts.FIN_IMPORTED.format(rows=2, period=f"11/{Y}") in page_texts(at)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TreasuryFigure)) == 2
    table = _differences(at)
    assert table[["Mã dự án", "Nguồn vốn", "Số chủ đầu tư", "Số Kho bạc", "Chênh lệch", "Giải trình"]] \
        .to_dict("records") == [{"Mã dự án": SXD_2, "Nguồn vốn": NS_TINH.label, "Số chủ đầu tư": "500.000.000 đ",
                                 "Số Kho bạc": "600.000.000 đ", "Chênh lệch": "-100.000.000 đ",
                                 "Giải trình": "Chưa giải trình"}]


def test_the_investor_sees_only_its_own_difference_and_explains_it(demo_db):
    _entered(demo_db)
    _import(demo_db)
    peer = _open(demo_db, "capnhat.laplvo")
    assert "Không có chênh lệch" in page_texts(peer)
    assert not peer.tabs and not peer.get("download_button")           # no import, no province extraction

    at = _open(demo_db, "capnhat.sxd")
    assert list(_differences(at)["Mã dự án"]) == [SXD_2]
    at.selectbox(key="dc-gt-chon").select_index(0)
    at.text_area(key="dc-gt-noi-dung").input("Khoản 100 triệu đồng Kho bạc xác nhận ngày 30/11, đơn vị cập nhật bổ "
                                             "sung trong tháng 12.")
    at.button(key="dc-gt-luu").click().run()
    _ok(at)
    assert texts.FIN_EXPLANATION_SAVED in page_texts(at)
    with session_scope(demo_db) as s:
        note = s.scalar(sa.select(ReconciliationNote))
        assert (note.year, note.month, note.source) == (Y, 11, NS_TINH)
        assert note.explanation.startswith("Khoản 100 triệu")
    assert list(_differences(at)["Giải trình"])[0].startswith("Khoản 100 triệu")


def test_the_leader_reads_without_importing(demo_db):
    _entered(demo_db)
    _import(demo_db)
    at = _open(demo_db, "lanhdao")
    assert [t.label for t in at.tabs] == ["Chênh lệch với Kho bạc", "Chủ đầu tư chưa gửi báo cáo tháng"]
    assert list(_differences(at)["Mã dự án"]) == [SXD_2]
    keys = [b.key for b in at.button]
    assert "dc-nhac" not in keys and "dc-nhap" not in keys and "dc-gt-luu" not in keys


def test_the_reminder_reaches_the_investor_home_page(demo_db):
    at = _open(demo_db, "kehoach.stc")
    picker = at.selectbox(key="dc-nhac-chon")
    index = [o for o in picker.options].index("Sở Xây dựng")
    picker.select_index(index).run()
    at.button(key="dc-nhac").click().run()
    _ok(at)
    assert texts.FIN_REMINDED.format(unit="Sở Xây dựng", period=f"11/{Y}") in page_texts(at)

    home = page(HOME, demo_db, "capnhat.sxd").run()
    _ok(home)
    assert "Sở Tài chính nhắc gửi báo cáo giải ngân" in page_texts(home)
    mine = _open(demo_db, "capnhat.sxd")
    assert f"nhắc gửi báo cáo tình hình thực hiện, giải ngân tháng 11/{Y}" in page_texts(mine)
