"""Sở Tài chính and the State Treasury (seed 000 art. 11.1: «phối hợp chặt chẽ với Kho bạc Nhà nước … tổng hợp số liệu
giải ngân»; art. 11.3: «đối soát với dữ liệu tổng hợp … để kịp thời theo dõi, đôn đốc tiến độ thực hiện của các chủ
đầu tư»; art. 9.3–9.4: the investors' monthly reports and disbursements): the Treasury import (all or nothing, every
error by row and column), the reconciliation with the investors' figures, the investors' explanations, and the
reminders to investors whose monthly report is missing."""
from __future__ import annotations

import io
import time
from datetime import date as D

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from lib.core.db import session_scope
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.models import Attachment
from lib.core.models.base import utcnow
from lib.home import finance_actions
from lib.projects import texts, treasury
from lib.projects.enums import CapitalSource, ProjectStatus
from lib.projects.finance_models import (
    Disbursement, InvestorMonthlyReport, ReconciliationNote, TreasuryFigure, TreasuryImport,
)
from lib.projects.models import Project

Y = 2023                     # a year the demo has no disbursement in
TODAY = D(2026, 12, 3)
NS_TW, NS_TINH, NS_XA = CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET, CapitalSource.COMMUNE_BUDGET
SXD_1, SXD_2, LAPVO = "DT-2024-001", "DT-2025-002", "DT-2025-007"   # demo: two of Sở Xây dựng, one of xã Lấp Vò


def xlsx(rows, headers=treasury.HEADERS, sheet=treasury.SHEET) -> bytes:  # noqa: ANN001
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ids(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return dict(s.execute(sa.select(Project.code, Project.id)).all())


def disburse(engine, code: str, source: CapitalSource, month: int, amount: int, year: int = Y) -> None:  # noqa: ANN001
    with session_scope(engine) as s:
        pid = s.scalar(sa.select(Project.id).where(Project.code == code))
        s.add(Disbursement(project_id=pid, year=year, month=month, source=source, amount=amount,
                           treasury_confirmed_on=D(year, month, 20), entry_due_on=D(year, month, 27)))


def do_import(engine, actor, rows, month: int = 11, name: str = "kho_bac.xlsx"):  # noqa: ANN001, ANN201
    with session_scope(engine) as s:
        return treasury.import_treasury(s, actor, year=Y, month=month, filename=name, data=xlsx(rows), today=TODAY)


def counts(engine) -> tuple[int, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return (s.scalar(sa.select(sa.func.count()).select_from(TreasuryImport)),
                s.scalar(sa.select(sa.func.count()).select_from(TreasuryFigure)))


GOOD = [
    ("SXD", SXD_1, "Ngân sách trung ương", "11/2023", 2_000_000_000),
    ("SXD", SXD_1, "Ngân sách tỉnh", "11/2023", "1.500.000.000"),
    ("X-LAPVO", LAPVO, "NS xã", "11/2023", 300_000_000),
    ("Sở Xây dựng", SXD_2, "Ngân sách tỉnh", "10/2023", 700_000_000),
]


@pytest.fixture
def entered(demo_db):  # noqa: ANN001, ANN201
    """What the investors entered: SXD_1 central budget agrees with the Treasury, SXD_1 province budget differs by
    100 million, LAPVO's commune budget is missing on the investor's side, and SXD_1 has an ODA disbursement in
    November that the Treasury does not report. The demo's own Treasury file is taken away: these tests start
    before any file was imported."""
    with session_scope(demo_db) as s:
        s.execute(sa.delete(TreasuryFigure))
        s.execute(sa.delete(TreasuryImport))
        s.execute(sa.delete(Attachment).where(Attachment.owner_type == "treasury_import"))
    disburse(demo_db, SXD_1, NS_TW, 11, 1_200_000_000)
    disburse(demo_db, SXD_1, NS_TW, 11, 800_000_000)        # two entries of one month add up
    disburse(demo_db, SXD_1, NS_TINH, 11, 1_400_000_000)
    disburse(demo_db, SXD_1, CapitalSource.ODA_LOAN, 11, 90_000_000)
    disburse(demo_db, SXD_2, NS_TINH, 10, 700_000_000)
    disburse(demo_db, SXD_2, NS_TINH, 3, 50_000_000)          # a month no Treasury file covers: not compared
    return demo_db


# ---------------------------------------------------------------- the import

def test_a_good_file_is_imported_kept_as_an_attachment_and_reconciled(entered, actors):
    result = do_import(entered, actors["kehoach.stc"], GOOD)
    assert result.ok, result.errors
    assert result.rows == 4
    with session_scope(entered) as s:
        record = s.get(TreasuryImport, result.import_id)
        assert (record.year, record.month, record.row_count, record.superseded) == (Y, 11, 4, False)
        attachment = s.get(Attachment, record.attachment_id)
        assert (attachment.owner_type, attachment.owner_id, attachment.name) == ("treasury_import", record.id,
                                                                                 "kho_bac.xlsx")
        figures = {(f.project_id, f.source, f.month): f.amount for f in s.scalars(sa.select(TreasuryFigure))}
    p = ids(entered)
    assert figures == {(p[SXD_1], NS_TW, 11): 2_000_000_000, (p[SXD_1], NS_TINH, 11): 1_500_000_000,
                       (p[LAPVO], NS_XA, 11): 300_000_000, (p[SXD_2], NS_TINH, 10): 700_000_000}

    with session_scope(entered) as s:
        november = treasury.reconciliation(s, actors["kehoach.stc"], Y, 11)
        since_january = treasury.reconciliation(s, actors["kehoach.stc"], Y, 11, cumulative=True)
    # Exactly the differences, one-sided ones included: the province budget (100 million less entered), the
    # commune budget the investor never entered, the ODA amount the Treasury does not report.
    assert sorted((d.code, d.source, d.month, d.investor_amount, d.treasury_amount, d.difference) for d in november) \
        == sorted([(SXD_1, NS_TINH, 11, 1_400_000_000, 1_500_000_000, -100_000_000),
                   (LAPVO, NS_XA, 11, None, 300_000_000, -300_000_000),
                   (SXD_1, CapitalSource.ODA_LOAN, 11, 90_000_000, None, 90_000_000)])
    # October agrees; March has no Treasury figures at all, so nothing to reconcile there.
    assert {(d.code, d.source, d.month) for d in since_january} == {(d.code, d.source, d.month) for d in november}


def test_an_unknown_project_code_saves_nothing_and_names_row_and_column(entered, actors):
    rows = [*GOOD[:2], ("SXD", "DT-9999-404", "Ngân sách tỉnh", "11/2023", 5_000_000)]
    result = do_import(entered, actors["kehoach.stc"], rows)
    assert not result.ok and result.import_id is None
    assert [(e.row, e.column) for e in result.errors] == [(4, "Mã dự án")]
    assert result.errors[0].message == texts.FIN_PROJECT_UNKNOWN.format(value="DT-9999-404")
    assert "DT-9999-404" in result.errors[0].message
    assert counts(entered) == (0, 0)
    with session_scope(entered) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Attachment)
                        .where(Attachment.owner_type == "treasury_import")) == 0


@pytest.mark.parametrize("row, column, message", [
    (("X-LAPVO", SXD_1, "Ngân sách tỉnh", "11/2023", 1), "Chủ đầu tư", "không phải là chủ đầu tư của dự án"),
    (("KHONGCO", SXD_1, "Ngân sách tỉnh", "11/2023", 1), "Chủ đầu tư", "Không có chủ đầu tư «KHONGCO»"),
    (("SXD", SXD_1, "Vốn tự có", "11/2023", 1), "Nguồn vốn", "Nguồn vốn «Vốn tự có» không có trong danh mục"),
    (("SXD", SXD_1, "Ngân sách tỉnh", "11/2023", -5_000_000), "Số tiền (đồng)", "Số tiền không được âm"),
    (("SXD", SXD_1, "Ngân sách tỉnh", "11/2023", "năm tỷ"), "Số tiền (đồng)", "Số tiền «năm tỷ» không hợp lệ"),
    (("SXD", SXD_1, "Ngân sách tỉnh", "13/2023", 1), "Tháng (mm/yyyy)", "Tháng «13/2023» không hợp lệ"),
    (("SXD", SXD_1, "Ngân sách tỉnh", "01/2027", 1), "Tháng (mm/yyyy)", "là tháng chưa tới"),
    (("SXD", SXD_1, "Ngân sách tỉnh", "12/2023", 1), "Tháng (mm/yyyy)", "nằm ngoài kỳ số liệu"),
    (("SXD", "", "Ngân sách tỉnh", "11/2023", 1), "Mã dự án", "Vui lòng nhập «Mã dự án»"),
    (("SXD", SXD_1, "Ngân sách trung ương", "11/2023", 7), "Mã dự án", "Trùng với dòng 2"),
])
def test_every_bad_row_is_refused_with_its_row_and_column(entered, actors, row, column, message):
    result = do_import(entered, actors["kehoach.stc"], [GOOD[0], *GOOD[2:], row])
    assert [(e.row, e.column) for e in result.errors] == [(5, column)], result.errors
    assert message in result.errors[0].message
    assert counts(entered) == (0, 0)


def test_a_file_that_is_not_the_template_is_refused_as_a_whole(entered, actors):
    with session_scope(entered) as s:
        missing = treasury.import_treasury(s, actors["kehoach.stc"], year=Y, month=11, filename="x.xlsx",
                                           data=xlsx([], headers=("Mã dự án", "Số tiền")), today=TODAY)
        not_excel = treasury.import_treasury(s, actors["kehoach.stc"], year=Y, month=11, filename="x.xlsx",
                                             data=b"PK\x03\x04 not really", today=TODAY)
    assert {e.column for e in missing.errors} == {"Chủ đầu tư", "Nguồn vốn", "Tháng (mm/yyyy)"}
    assert not_excel.errors[0].row == 0
    assert counts(entered) == (0, 0)


@pytest.mark.parametrize("username", ["capnhat.sxd", "lanhdao", "tracuu.sxd"])
def test_only_the_finance_officer_and_the_administrator_import(entered, actors, username):
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ Sở Tài chính"):
        do_import(entered, actors[username], GOOD)
    assert do_import(entered, actors["quantri"], GOOD).ok


def test_a_future_period_is_refused(entered, actors):
    with session_scope(entered) as s, pytest.raises(ValidationError, match="tháng chưa tới"):
        treasury.import_treasury(s, actors["kehoach.stc"], year=2027, month=1, filename="x.xlsx",
                                 data=xlsx(GOOD), today=D(2026, 12, 3))


def test_a_second_file_for_the_same_period_supersedes_the_first(entered, actors):
    first = do_import(entered, actors["kehoach.stc"], GOOD, name="lan1.xlsx")
    corrected = [GOOD[0], ("SXD", SXD_1, "Ngân sách tỉnh", "11/2023", 1_400_000_000), *GOOD[2:]]
    second = do_import(entered, actors["kehoach.stc"], corrected, name="lan2.xlsx")
    assert second.ok and second.superseded == 1
    with session_scope(entered) as s:
        assert s.get(TreasuryImport, first.import_id).superseded          # kept, marked
        assert not s.get(TreasuryImport, second.import_id).superseded
        listed = treasury.list_imports(s, actors["kehoach.stc"], Y)
        diffs = treasury.reconciliation(s, actors["kehoach.stc"], Y, 11)
    assert [(r.file_name, r.superseded) for r in listed] == [("lan2.xlsx", False), ("lan1.xlsx", True)]
    # The corrected province-budget figure now agrees: only the two one-sided differences remain.
    assert sorted((d.code, d.source) for d in diffs) == sorted([(LAPVO, NS_XA), (SXD_1, CapitalSource.ODA_LOAN)])
    # A file for another period does not supersede it.
    october = do_import(entered, actors["kehoach.stc"], [GOOD[3]], month=10)
    assert october.ok and october.superseded == 0


def test_the_treasury_file_is_read_by_the_province_roles_only(entered, actors):
    from lib.core.services import attachments

    result = do_import(entered, actors["kehoach.stc"], GOOD)
    with session_scope(entered) as s:
        attachment_id = s.get(TreasuryImport, result.import_id).attachment_id
        assert attachments.download(s, actors["lanhdao"], attachment_id).name == "kho_bac.xlsx"
        with pytest.raises(PermissionDenied):
            attachments.download(s, actors["capnhat.sxd"], attachment_id)


# ---------------------------------------------------------------- scope and explanations

def test_investors_see_only_their_own_differences(entered, actors):
    do_import(entered, actors["kehoach.stc"], GOOD)
    with session_scope(entered) as s:
        sxd = treasury.reconciliation(s, actors["capnhat.sxd"], Y, 11)
        lapvo = treasury.reconciliation(s, actors["capnhat.laplvo"], Y, 11)
        leader = treasury.reconciliation(s, actors["lanhdao"], Y, 11)
        other = treasury.reconciliation(s, actors["chuyenvien.snv"], Y, 11)
    assert {d.code for d in sxd} == {SXD_1}
    assert {d.code for d in lapvo} == {LAPVO}
    assert len(leader) == 3
    assert other == []


def test_the_investor_explains_its_own_difference_with_a_version_check(entered, actors):
    do_import(entered, actors["kehoach.stc"], GOOD)
    p = ids(entered)
    key = dict(project_id=p[SXD_1], source=NS_TINH, year=Y, month=11)
    with session_scope(entered) as s:
        version = treasury.save_explanation(s, actors["capnhat.sxd"], **key, expected_version=None,
                                            text="Khoản 100 triệu đồng Kho bạc xác nhận ngày 30/11, sẽ cập nhật.")
    with session_scope(entered) as s:
        diff = next(d for d in treasury.reconciliation(s, actors["kehoach.stc"], Y, 11) if d.source == NS_TINH)
        assert diff.explanation.startswith("Khoản 100 triệu") and diff.note_version == version
    with session_scope(entered) as s, pytest.raises(ConflictError):   # drawn before the first save
        treasury.save_explanation(s, actors["capnhat.sxd"], **key, expected_version=None, text="Khác")
    with session_scope(entered) as s:
        treasury.save_explanation(s, actors["quantri.sxd"], **key, expected_version=version, text="Đã cập nhật bổ sung.")
    with session_scope(entered) as s, pytest.raises(ConflictError):
        treasury.save_explanation(s, actors["capnhat.sxd"], **key, expected_version=version, text="Muộn")
    with session_scope(entered) as s, pytest.raises(ValidationError, match="Vui lòng nhập nội dung"):
        treasury.save_explanation(s, actors["capnhat.sxd"], project_id=p[SXD_1], source=NS_TW, year=Y, month=11,
                                  text="   ", expected_version=None)


@pytest.mark.parametrize("username, error", [
    ("capnhat.laplvo", NotFound),          # a peer investor: the project does not exist for it
    ("kehoach.stc", PermissionDenied),     # Sở Tài chính reads, the investor explains
    ("lanhdao", PermissionDenied),
    ("tracuu.sxd", PermissionDenied),      # lookup accounts read only
])
def test_only_the_investor_explains(entered, actors, username, error):
    p = ids(entered)
    with session_scope(entered) as s, pytest.raises(error):
        treasury.save_explanation(s, actors[username], project_id=p[SXD_1], source=NS_TINH, year=Y, month=11,
                                  text="Giải trình", expected_version=None)
    with session_scope(entered) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ReconciliationNote)) == 0


# ---------------------------------------------------------------- monthly reports and reminders

def test_missing_monthly_reports_and_the_reminder_the_investor_sees(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        s.add(InvestorMonthlyReport(investor_unit_id=unit_ids["SNNMT"], year=Y, month=11, results="Đã giải ngân",
                                    submitted_at=utcnow()))
        s.execute(sa.update(Project).where(Project.investor_unit_id == unit_ids["SGDDT"])
                  .values(status=ProjectStatus.COMPLETED))
    with session_scope(demo_db) as s:
        missing = treasury.missing_reports(s, actors["kehoach.stc"], Y, 11)
    names = {m.unit_id for m in missing}
    assert unit_ids["SXD"] in names and unit_ids["X-LAPVO"] in names
    assert unit_ids["SNNMT"] not in names                       # its report is in
    assert unit_ids["SGDDT"] not in names                       # all its projects are completed

    with session_scope(demo_db) as s:
        assert finance_actions(s, actors["capnhat.sxd"], TODAY) == []
        treasury.remind(s, actors["kehoach.stc"], unit_ids["SXD"], Y, 11)
    with session_scope(demo_db) as s:
        row = next(m for m in treasury.missing_reports(s, actors["kehoach.stc"], Y, 11) if m.unit_id == unit_ids["SXD"])
        assert row.reminders == 1 and row.last_reminded_at is not None
        seen = treasury.reminders_for(s, actors["capnhat.sxd"])
        assert [(r.year, r.month, r.by) for r in seen] == [(Y, 11, actors["kehoach.stc"].full_name)]
        assert treasury.reminders_for(s, actors["capnhat.laplvo"]) == []       # a peer sees nothing
        items = finance_actions(s, actors["capnhat.sxd"], TODAY)
    assert [(i.label, i.count, i.page_key) for i in items] == [
        ("Sở Tài chính nhắc gửi báo cáo giải ngân", 1, "project_treasury")]

    with session_scope(demo_db) as s:                            # the report is sent: the reminder goes away
        s.add(InvestorMonthlyReport(investor_unit_id=unit_ids["SXD"], year=Y, month=11, submitted_at=utcnow()))
    with session_scope(demo_db) as s:
        assert treasury.reminders_for(s, actors["capnhat.sxd"]) == []
        with pytest.raises(ValidationError, match="đã gửi báo cáo tháng 11/2023"):
            treasury.remind(s, actors["kehoach.stc"], unit_ids["SXD"], Y, 11)


@pytest.mark.parametrize("username", ["capnhat.sxd", "lanhdao"])
def test_only_the_finance_officer_reminds(demo_db, actors, unit_ids, username):
    with session_scope(demo_db) as s, pytest.raises(PermissionDenied):
        treasury.remind(s, actors[username], unit_ids["X-LAPVO"], Y, 11)


def test_investors_do_not_list_the_missing_reports(demo_db, actors):
    with session_scope(demo_db) as s, pytest.raises(PermissionDenied):
        treasury.missing_reports(s, actors["capnhat.sxd"], Y, 11)


# ---------------------------------------------------------------- speed

def test_five_thousand_rows_import_and_reconcile_within_five_seconds(demo_db, actors):
    """Issue 10: «Treasury import of 5,000 rows with reconciliation ≤ 5 s» (bulk insert, aggregate queries)."""
    with session_scope(demo_db) as s:
        template = s.scalar(sa.select(Project).where(Project.code == SXD_1))
        columns = [c.key for c in Project.__table__.columns if c.key not in ("id", "code")]
        base = {c: getattr(template, c) for c in columns}
        s.execute(sa.insert(Project), [{**base, "code": f"BENCH-{i:04d}"} for i in range(420)])
    sources = list(CapitalSource)[:2]
    rows = [("SXD", f"BENCH-{i:04d}", src.label, f"{m:02d}/2023", 1_000_000 + i)
            for i in range(420) for src in sources for m in range(1, 7)][:5000]
    assert len(rows) == 5000
    data = xlsx(rows)
    # CPU time of this process: the 2-core machine is shared, so wall time measures the neighbours too (the
    # wall-clock medians come from `python -m bench.finance_run`).
    started = time.process_time()
    with session_scope(demo_db) as s:
        result = treasury.import_treasury(s, actors["kehoach.stc"], year=Y, month=6, filename="5000.xlsx", data=data,
                                          today=TODAY)
    with session_scope(demo_db) as s:
        diffs = treasury.reconciliation(s, actors["kehoach.stc"], Y, 6, cumulative=True)
    elapsed = time.process_time() - started
    assert result.ok and result.rows == 5000
    assert len(diffs) == 5000                  # nothing entered by the investor: every row is one-sided
    assert elapsed <= 5, elapsed


# ---------------------------------------------------------------- the template and the home page

def test_the_template_filled_in_is_imported(entered, actors):
    from openpyxl import load_workbook

    with session_scope(entered) as s:
        data = treasury.template_bytes(s, actors["kehoach.stc"])
        with pytest.raises(PermissionDenied):
            treasury.template_bytes(s, actors["capnhat.sxd"])
    wb = load_workbook(io.BytesIO(data))
    ws = wb[treasury.SHEET]
    assert [c.value for c in ws[1]] == list(treasury.HEADERS)
    guide = wb[treasury.SHEET_GUIDE]
    codes = {guide.cell(row=r, column=8).value for r in range(2, guide.max_row + 1)}
    assert {SXD_1, SXD_2, LAPVO} <= codes
    for i, row in enumerate(GOOD, 2):
        for j, value in enumerate(row, 1):
            ws.cell(row=i, column=j, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    with session_scope(entered) as s:
        result = treasury.import_treasury(s, actors["kehoach.stc"], year=Y, month=11, filename="mau.xlsx",
                                          data=buffer.getvalue(), today=TODAY)
    assert result.ok and result.rows == 4


def test_the_home_page_items(entered, actors):
    do_import(entered, actors["kehoach.stc"], GOOD)
    with session_scope(entered) as s:
        mine = finance_actions(s, actors["capnhat.sxd"], D(Y, 12, 5))
        finance = finance_actions(s, actors["kehoach.stc"], D(Y, 12, 5))
        leader = finance_actions(s, actors["lanhdao"], D(Y, 12, 5))
    # Sở Xây dựng: two differences of DT-2024-001 in November, neither explained yet.
    assert [(i.label, i.count) for i in mine] == [("Chênh lệch với Kho bạc chưa giải trình", 2)]
    assert [i.label for i in finance] == ["Chủ đầu tư chưa gửi báo cáo tháng 11/2023"]
    assert finance[0].count >= 3 and leader == []
