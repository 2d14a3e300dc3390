"""Capital plans and disbursement (seed 000 art. 5.6, 9.3 «Định kỳ hằng tháng hoặc đột xuất (nếu có), các chủ đầu tư
báo cáo tình hình thực hiện và giải ngân kế hoạch vốn», art. 9.4 «Chậm nhất 05 ngày làm việc kể từ Kho bạc Nhà nước nơi
giao dịch xác nhận hoàn thành thủ tục giải ngân, chủ đầu tư phải cập nhật tiến độ giải ngân lên phần mềm»; issue 10
item 5): plan sums and adjustments, the disbursement rules, the entry lateness across Tết and a make-up Saturday, the
rates per project / investor / source / province without paused and cancelled projects, the target curve, the
projection, the progress gap, the monthly report, and the scope (a peer neither sees nor enters)."""
from __future__ import annotations

from datetime import date as D, datetime

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.core.enums import CalendarOverrideKind
from lib.core.errors import ConflictError, DomainError, NotFound, PermissionDenied, ValidationError
from lib.core.models import AuditLog
from lib.core.services import attachments, calendar_admin, settings
from lib.projects import capital, records
from lib.projects.capital import DisbursementInput, MonthlyReportInput, PlanLineInput
from lib.projects.enums import (
    CapitalPlanKind as K, CapitalSource as S, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectStatus,
)
from lib.projects.finance_models import CapitalPlanLine, Disbursement, InvestorMonthlyReport, ProjectMonthlyProgress
from lib.projects.models import Project
from lib.projects.records import LocationInput, PhaseDates, ProjectInput

TY = 1_000_000_000
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LOCAL_TZ)   # Tuesday after Tết 2026
YEAR = 2021                                          # a year no demo figure uses: the totals are ours alone
TABLES = (CapitalPlanLine, Disbursement, InvestorMonthlyReport, ProjectMonthlyProgress)


def new_project(engine, actor, unit_ids, code: str, investor: str = "SXD", commune: str = "P-CAOLANH",  # noqa: ANN001
                total: int = 80 * TY) -> int:
    data = ProjectInput(
        code=code, name=f"Dự án thử {code}", field=ProjectField.SOCIAL, total_investment=total,
        planned_start=D(2026, 2, 6), planned_end=D(2028, 12, 31), phases=PhaseDates(preparation_start=D(2026, 2, 6)),
        locations=[LocationInput(unit_ids[commune])], group=ProjectGroup.C,
        deciding_level=DecidingLevel.PROVINCE, investor_unit_id=unit_ids[investor],
        capital_sources={S.PROVINCE_BUDGET: total})
    with session_scope(engine) as s:
        return records.create_project(s, actor, data, now=NOW)


def plan(engine, actor, project_id: int, amount: int,  # noqa: ANN001
         kind: K = K.ALLOCATED, source: S = S.PROVINCE_BUDGET, year: int = YEAR) -> int:
    with session_scope(engine) as s:
        return capital.add_plan_line(s, actor, project_id, PlanLineInput(
            year, source, kind, amount, "125/QĐ-UBND", D(year, 1, 10), "UBND tỉnh Đồng Tháp"), now=NOW)


def disburse(engine, actor, project_id: int, amount: int, month: int = 3, source: S = S.PROVINCE_BUDGET,  # noqa: ANN001
             year: int = YEAR, confirmed: D | None = None, now: datetime = NOW) -> int:
    with session_scope(engine) as s:
        return capital.add_disbursement(s, actor, project_id, DisbursementInput(
            year, month, source, amount, confirmed or D(year, month, 20)), now=now)


def counts(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return {m.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(m)) for m in TABLES}


def refused(engine, error: type[DomainError], call) -> DomainError:  # noqa: ANN001
    before = counts(engine)
    with pytest.raises(error) as caught:
        with session_scope(engine) as s:
            call(s)
    assert counts(engine) == before
    return caught.value


@pytest.fixture
def sxd(demo_db, actors, unit_ids) -> int:  # noqa: ANN001
    """A project of Sở Xây dựng with a 2021 plan of 10 tỷ from the province budget."""
    project_id = new_project(demo_db, actors["capnhat.sxd"], unit_ids, "KV-001")
    plan(demo_db, actors["capnhat.sxd"], project_id, 10 * TY)
    return project_id


# ---------------------------------------------------------------- the plan

def test_the_plan_is_the_sum_of_its_lines(demo_db, actors, sxd):
    editor = actors["capnhat.sxd"]
    plan(demo_db, editor, sxd, 2 * TY, K.CARRIED_OVER)
    plan(demo_db, actors["kehoach.stc"], sxd, -3 * TY, K.ADJUSTED)       # Sở Tài chính enters plans for any project
    plan(demo_db, editor, sxd, 4 * TY, source=S.CENTRAL_BUDGET)
    with session_scope(demo_db) as s:
        assert capital.plan_amount(s, sxd, YEAR, S.PROVINCE_BUDGET) == 9 * TY
        assert capital.plan_amount(s, sxd, YEAR, S.CENTRAL_BUDGET) == 4 * TY
        assert capital.plan_amount(s, sxd, YEAR + 1, S.PROVINCE_BUDGET) == 0
        lines = capital.plan_lines(s, editor, sxd, YEAR)
    assert [line.kind for line in lines if line.source == S.PROVINCE_BUDGET] == [K.ALLOCATED, K.CARRIED_OVER,
                                                                               K.ADJUSTED]


def test_an_adjustment_below_zero_or_below_what_is_disbursed_is_refused(demo_db, actors, sxd):
    editor = actors["capnhat.sxd"]
    disburse(demo_db, editor, sxd, 6 * TY)

    def adjust(amount: int):  # noqa: ANN202
        return lambda s: capital.add_plan_line(s, editor, sxd, PlanLineInput(
            YEAR, S.PROVINCE_BUDGET, K.ADJUSTED, amount, "9/QĐ-UBND", D(YEAR, 6, 1), "UBND tỉnh"), now=NOW)

    error = refused(demo_db, ValidationError, adjust(-5 * TY))
    assert "thấp hơn số đã giải ngân 6.000.000.000 đ" in str(error) and "5.000.000.000 đ" in str(error)
    error = refused(demo_db, ValidationError, adjust(-11 * TY))
    assert "kế hoạch vốn âm" in str(error)
    with session_scope(demo_db) as s:
        capital.add_plan_line(s, editor, sxd, PlanLineInput(YEAR, S.PROVINCE_BUDGET, K.ADJUSTED, -4 * TY,
                                                            "9/QĐ-UBND", D(YEAR, 6, 1), "UBND tỉnh"), now=NOW)
        assert capital.plan_amount(s, sxd, YEAR, S.PROVINCE_BUDGET) == 6 * TY   # down to what is disbursed: fine


@pytest.mark.parametrize("changes, field", [
    ({"amount": -TY}, "amount"),                          # a negative plan given
    ({"amount": 0}, "amount"),
    ({"decision_number": "  "}, "decision_number"),
    ({"issuer": ""}, "issuer"),
    ({"decision_date": D(2026, 3, 4)}, "decision_date"),  # a decision of tomorrow
    ({"year": 1999}, "year"),
])
def test_a_plan_line_needs_a_positive_amount_and_its_decision(demo_db, actors, sxd, changes, field):
    data = dict(year=YEAR, source=S.PROVINCE_BUDGET, kind=K.ALLOCATED, amount=TY, decision_number="1/QĐ-UBND",
                decision_date=D(YEAR, 1, 5), issuer="UBND tỉnh") | changes
    error = refused(demo_db, ValidationError, lambda s: capital.add_plan_line(
        s, actors["capnhat.sxd"], sxd, PlanLineInput(**data), now=NOW))
    assert error.field == field


def test_a_plan_decision_keeps_its_file_readable_by_whoever_sees_the_project(demo_db, actors, sxd):
    with session_scope(demo_db) as s:
        line_id = capital.add_plan_line(s, actors["kehoach.stc"], sxd, PlanLineInput(
            YEAR, S.PROVINCE_BUDGET, K.ADJUSTED, TY, "77/QĐ-UBND", D(YEAR, 5, 5), "UBND tỉnh"),
            upload=records.Upload("qd-77.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), now=NOW)
        attachment_id = s.get(CapitalPlanLine, line_id).attachment_id
    with session_scope(demo_db) as s:
        assert attachments.info(s, actors["capnhat.sxd"], attachment_id).name == "qd-77.pdf"
        assert attachments.info(s, actors["lanhdao"], attachment_id).name == "qd-77.pdf"
        with pytest.raises((NotFound, PermissionDenied)):
            attachments.info(s, actors["capnhat.laplvo"], attachment_id)


def test_a_private_project_has_no_public_capital(demo_db, actors):
    with session_scope(demo_db) as s:
        private_id = s.scalar(sa.select(Project.id).where(Project.kind == ProjectKind.PRIVATE))
    error = refused(demo_db, ValidationError, lambda s: capital.add_plan_line(
        s, actors["kehoach.stc"], private_id, PlanLineInput(YEAR, S.OTHER, K.ALLOCATED, TY, "1/QĐ-UBND",
                                                            D(YEAR, 1, 5), "UBND tỉnh"), now=NOW))
    assert "dự án đầu tư tư nhân" in str(error) and "Điều 11 khoản 4" in str(error)


# ---------------------------------------------------------------- disbursements

def test_a_disbursement_above_the_plan_is_refused_with_both_amounts(demo_db, actors, sxd):
    disburse(demo_db, actors["capnhat.sxd"], sxd, 7 * TY, month=2)
    error = refused(demo_db, ValidationError, lambda s: capital.add_disbursement(
        s, actors["capnhat.sxd"], sxd, DisbursementInput(YEAR, 3, S.PROVINCE_BUDGET, 4 * TY, D(YEAR, 3, 10)),
        now=NOW))
    assert str(error) == ("Không thể cập nhật: lũy kế giải ngân năm 2021 nguồn «Ngân sách tỉnh» sẽ là "
                          "11.000.000.000 đ (đã giải ngân 7.000.000.000 đ + lần này 4.000.000.000 đ), vượt kế hoạch "
                          "vốn 10.000.000.000 đ.")
    disburse(demo_db, actors["capnhat.sxd"], sxd, 3 * TY, month=3)            # exactly the plan: fine


@pytest.mark.parametrize("amount, month, confirmed, source, field, words", [
    (-TY, 3, D(2021, 3, 10), S.PROVINCE_BUDGET, "amount", "lớn hơn 0"),
    (0, 3, D(2021, 3, 10), S.PROVINCE_BUDGET, "amount", "lớn hơn 0"),
    (TY, 3, D(2026, 3, 4), S.PROVINCE_BUDGET, "treasury_confirmed_on", "không được sau ngày hôm nay"),
    (TY, 3, None, S.PROVINCE_BUDGET, "treasury_confirmed_on", "Vui lòng nhập ngày Kho bạc"),
    (TY, 4, D(2021, 3, 31), S.PROVINCE_BUDGET, "month", "không được sau tháng Kho bạc"),
    (TY, 13, D(2021, 3, 31), S.PROVINCE_BUDGET, "month", "Tháng 13 không hợp lệ"),
    (TY, 3, D(2021, 3, 10), S.ODA_LOAN, "source", "chưa có kế hoạch vốn năm 2021 nguồn «Vốn ODA"),
])
def test_bad_disbursements_are_refused(demo_db, actors, sxd, amount, month, confirmed, source, field, words):
    error = refused(demo_db, ValidationError, lambda s: capital.add_disbursement(
        s, actors["capnhat.sxd"], sxd, DisbursementInput(YEAR, month, source, amount, confirmed), now=NOW))
    assert error.field == field and words in str(error)


def test_a_paused_project_takes_no_disbursement_and_says_why(demo_db, actors, sxd):
    with session_scope(demo_db) as s:
        records.change_status(s, actors["capnhat.sxd"], sxd, None, status=ProjectStatus.PAUSED,
                              effective_on=D(2026, 3, 2), reason="Chờ điều chỉnh quy hoạch", now=NOW)
    error = refused(demo_db, ValidationError, lambda s: capital.add_disbursement(
        s, actors["capnhat.sxd"], sxd, DisbursementInput(YEAR, 3, S.PROVINCE_BUDGET, TY, D(YEAR, 3, 10)), now=NOW))
    assert "«Tạm dừng» từ 02/03/2026, lý do: Chờ điều chỉnh quy hoạch" in str(error)


# Seed 000 art. 9.4: within 05 working days of the Treasury's confirmation. Tết 2026: Mon 16/02 – Fri 20/02 off;
# the province's make-up Saturday 28/02/2026 counts as a working day where the calendar holds it.
@pytest.mark.parametrize("case, make_up, confirmed, entered, due, late", [
    ("plain-week", False, D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 12), 0),
    ("plain-one-day-late", False, D(2026, 1, 5), D(2026, 1, 13), D(2026, 1, 12), 1),
    ("across-tet", False, D(2026, 2, 12), D(2026, 2, 26), D(2026, 2, 26), 0),
    ("across-tet-late", False, D(2026, 2, 12), D(2026, 3, 2), D(2026, 2, 26), 2),
    ("make-up-saturday-shortens", True, D(2026, 2, 24), D(2026, 3, 2), D(2026, 3, 2), 0),
    ("make-up-saturday-is-day-3", True, D(2026, 2, 25), D(2026, 3, 4), D(2026, 3, 3), 1),
    ("without-make-up", False, D(2026, 2, 25), D(2026, 3, 4), D(2026, 3, 4), 0),
    ("confirmed-on-a-sunday", False, D(2026, 1, 4), D(2026, 1, 9), D(2026, 1, 9), 0),
])
def test_the_entry_is_due_five_working_days_after_the_treasury(demo_db, actors, unit_ids, case, make_up, confirmed,
                                                                 entered, due, late):
    if make_up:
        with session_scope(demo_db) as s:
            calendar_admin.add_override(s, actors["quantri"], D(2026, 2, 28), CalendarOverrideKind.WORKING_DAY,
                                        "Làm bù cho ngày nghỉ Tết theo Quyết định của UBND tỉnh")
    project_id = new_project(demo_db, actors["capnhat.sxd"], unit_ids, "KV-LATE")
    plan(demo_db, actors["capnhat.sxd"], project_id, 10 * TY, year=2026)
    row_id = disburse(demo_db, actors["capnhat.sxd"], project_id, TY, month=confirmed.month, year=2026,
                      confirmed=confirmed, now=datetime.combine(entered, datetime.min.time(), LOCAL_TZ)
                      .replace(hour=10))
    with session_scope(demo_db) as s:
        row = s.get(Disbursement, row_id)
        assert (row.entry_due_on, row.entry_late_days) == (due, late), case
        shown = capital.disbursements(s, actors["capnhat.sxd"], project_id, 2026)[0]
    assert shown.explanation.startswith(f"Kho bạc Nhà nước xác nhận giải ngân {confirmed:%d/%m/%Y} + 5 ngày làm việc "
                                        f"→ hạn cập nhật {due:%d/%m/%Y}")
    if case == "across-tet-late":
        assert "không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán)" in shown.explanation
        assert shown.explanation.endswith("chậm 2 ngày làm việc")
    if case == "make-up-saturday-is-day-3":
        assert "tính cả ngày làm bù thứ Bảy 28/02/2026" in shown.explanation


def test_the_entry_days_are_a_setting(demo_db, actors, sxd):
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"project_disbursement_entry_days": 10})
    row_id = disburse(demo_db, actors["capnhat.sxd"], sxd, TY, month=3, year=2021, confirmed=D(2021, 3, 1))
    with session_scope(demo_db) as s:
        assert s.get(Disbursement, row_id).entry_due_on == D(2021, 3, 15)
    assert "Điều 9 khoản 4" in settings.BY_KEY["project_disbursement_entry_days"].source


def test_the_investor_corrects_and_deletes_a_wrong_entry_with_audit(demo_db, actors, sxd):
    editor = actors["capnhat.sxd"]
    row_id = disburse(demo_db, editor, sxd, 2 * TY)
    with session_scope(demo_db) as s:
        capital.correct_disbursement(s, editor, row_id, DisbursementInput(YEAR, 3, S.PROVINCE_BUDGET, 3 * TY,
                                                                          D(YEAR, 3, 20)),
                                     "Nhập nhầm số tiền", expected_amount=2 * TY, now=NOW)
    with pytest.raises(ConflictError):      # another correction meanwhile: the amount seen is stale
        with session_scope(demo_db) as s:
            capital.delete_disbursement(s, editor, row_id, "Trùng", expected_amount=2 * TY)
    refused(demo_db, ValidationError, lambda s: capital.delete_disbursement(s, editor, row_id, " "))
    with session_scope(demo_db) as s:
        capital.delete_disbursement(s, editor, row_id, "Nhập trùng với lần trước", expected_amount=3 * TY)
    with session_scope(demo_db) as s:
        assert s.get(Disbursement, row_id) is None
        entries = s.scalars(sa.select(AuditLog).where(AuditLog.entity == "disbursements")).all()
    assert {e.action.value if hasattr(e.action, "value") else e.action for e in entries} >= {"create", "update",
                                                                                              "delete"}
    assert any("Nhập trùng với lần trước" in (e.summary or "") for e in entries)


# ---------------------------------------------------------------- scope

def test_a_peer_neither_sees_nor_enters_and_a_lookup_account_only_reads(demo_db, actors, sxd):
    peer = actors["capnhat.laplvo"]
    for call in (lambda s: capital.add_disbursement(s, peer, sxd, DisbursementInput(
                     YEAR, 3, S.PROVINCE_BUDGET, TY, D(YEAR, 3, 10)), now=NOW),
                 lambda s: capital.add_plan_line(s, peer, sxd, PlanLineInput(
                     YEAR, S.PROVINCE_BUDGET, K.ALLOCATED, TY, "1/QĐ-UBND", D(YEAR, 1, 5), "UBND tỉnh"), now=NOW),
                 lambda s: capital.disbursements(s, peer, sxd),
                 lambda s: capital.record_progress(s, peer, sxd, YEAR, 3, 10, now=NOW)):
        refused(demo_db, NotFound, call)
    with session_scope(demo_db) as s:
        assert sxd not in {f.id for f in capital.project_figures(s, peer, YEAR, 12)}
        assert all(f.key != s.get(Project, sxd).investor_unit_id
                   for f in capital.disbursement_by_investor(s, peer, YEAR, 12))
    error = refused(demo_db, PermissionDenied, lambda s: capital.add_disbursement(
        s, actors["tracuu.sxd"], sxd, DisbursementInput(YEAR, 3, S.PROVINCE_BUDGET, TY, D(YEAR, 3, 10)), now=NOW))
    assert "Tài khoản tra cứu" in str(error)
    # Sở Tài chính enters plans, not the investor's disbursements (art. 9.4: «chủ đầu tư phải cập nhật»).
    refused(demo_db, PermissionDenied, lambda s: capital.add_disbursement(
        s, actors["kehoach.stc"], sxd, DisbursementInput(YEAR, 3, S.PROVINCE_BUDGET, TY, D(YEAR, 3, 10)), now=NOW))
    with session_scope(demo_db) as s:
        assert sxd in {f.id for f in capital.project_figures(s, actors["kehoach.stc"], YEAR, 12)}
        assert sxd in {f.id for f in capital.project_figures(s, actors["lanhdao"], YEAR, 12)}


# ---------------------------------------------------------------- figures

@pytest.fixture
def portfolio(demo_db, actors, unit_ids):  # noqa: ANN001, ANN201
    """2021, up to June: SXD's A (plan 10 + ODA 10, disbursed 4 + 2) and B (plan 10, paused after disbursing 9);
    Lấp Vò's C (plan 20, disbursed 12); SXD's D cancelled (plan 5, disbursed 5)."""
    sxd, lapvo = actors["capnhat.sxd"], actors["capnhat.laplvo"]
    a = new_project(demo_db, sxd, unit_ids, "KV-A")
    b = new_project(demo_db, sxd, unit_ids, "KV-B")
    d = new_project(demo_db, sxd, unit_ids, "KV-D")
    c = new_project(demo_db, lapvo, unit_ids, "KV-C", investor="X-LAPVO", commune="X-LAPVO")
    for pid, who, amount in ((a, sxd, 10), (b, sxd, 10), (c, lapvo, 20), (d, sxd, 5)):
        plan(demo_db, who, pid, amount * TY)
    plan(demo_db, sxd, a, 10 * TY, source=S.ODA_LOAN)
    disburse(demo_db, sxd, a, 4 * TY, month=5)
    disburse(demo_db, sxd, a, 2 * TY, month=6, source=S.ODA_LOAN)
    disburse(demo_db, sxd, a, 1 * TY, month=7)                       # after June: not in the figures up to June
    disburse(demo_db, sxd, b, 9 * TY, month=2)
    disburse(demo_db, sxd, d, 5 * TY, month=2)
    disburse(demo_db, lapvo, c, 12 * TY, month=6)
    with session_scope(demo_db) as s:
        records.change_status(s, sxd, b, None, status=ProjectStatus.PAUSED, effective_on=D(2026, 3, 2),
                              reason="Vướng giải phóng mặt bằng", now=NOW)
        records.change_status(s, sxd, d, None, status=ProjectStatus.CANCELLED, effective_on=D(2026, 3, 2),
                              reason="Không còn phù hợp quy hoạch", now=NOW)
    return {"A": a, "B": b, "C": c, "D": d}


def test_rates_per_project_investor_source_and_province_leave_out_paused_and_cancelled(demo_db, actors, unit_ids,
                                                                                        portfolio):
    stc = actors["kehoach.stc"]
    with session_scope(demo_db) as s:
        province = capital.province_figure(s, stc, YEAR, 6)
        by_investor = {f.key: f for f in capital.disbursement_by_investor(s, stc, YEAR, 6)}
        by_source = {f.key: f for f in capital.disbursement_by_source(s, stc, YEAR, 6)}
        by_project = {f.id: f for f in capital.project_figures(s, stc, YEAR, 6)}
    # Counted: A (plan 20, disbursed 6) and C (plan 20, disbursed 12); B paused and D cancelled stay out.
    assert (province.plan, province.disbursed, province.rate) == (40 * TY, 18 * TY, 0.45)
    assert province.province_rate == 0.45
    sxd_figure, lapvo_figure = by_investor[unit_ids["SXD"]], by_investor[unit_ids["X-LAPVO"]]
    assert (sxd_figure.plan, sxd_figure.disbursed, sxd_figure.rate) == (20 * TY, 6 * TY, 0.3)
    assert (lapvo_figure.plan, lapvo_figure.disbursed, lapvo_figure.rate) == (20 * TY, 12 * TY, 0.6)
    assert sxd_figure.below_average and not lapvo_figure.below_average
    assert list(by_investor) == [unit_ids["SXD"], unit_ids["X-LAPVO"]]       # the lowest rate first
    assert (by_source[S.PROVINCE_BUDGET].plan, by_source[S.PROVINCE_BUDGET].disbursed) == (30 * TY, 16 * TY)
    assert (by_source[S.ODA_LOAN].plan, by_source[S.ODA_LOAN].disbursed) == (10 * TY, 2 * TY)
    a, b = by_project[portfolio["A"]], by_project[portfolio["B"]]
    assert (a.figure.plan, a.figure.disbursed, a.counted) == (20 * TY, 6 * TY, True)
    assert (b.figure.disbursed, b.counted, b.status) == (9 * TY, False, ProjectStatus.PAUSED)


def test_investors_behind_the_target_curve_are_flagged(demo_db, actors, unit_ids, portfolio):
    with session_scope(demo_db) as s:
        by_investor = {f.key: f for f in capital.disbursement_by_investor(s, actors["kehoach.stc"], YEAR, 6)}
    sxd_figure, lapvo_figure = by_investor[unit_ids["SXD"]], by_investor[unit_ids["X-LAPVO"]]
    assert sxd_figure.target == 0.42                     # default curve: 42 % of the plan by the end of June
    assert sxd_figure.behind and not lapvo_figure.behind
    assert sxd_figure.target_text() == ("Đường mục tiêu hết tháng 6: 42,0% kế hoạch vốn; tỷ lệ giải ngân 30,0%, "
                                        "thấp hơn mục tiêu 12,0 điểm %.")
    with session_scope(demo_db) as s:                    # the province sets the curve
        settings.update(s, actors["quantri"], {"project_disbursement_target_curve":
                                               "5,10,15,20,25,28,50,58,66,75,85,100"})
        assert not capital.disbursement_by_investor(s, actors["capnhat.sxd"], YEAR, 6)[0].behind
    with pytest.raises(ValidationError):
        with session_scope(demo_db) as s:
            settings.update(s, actors["quantri"], {"project_disbursement_target_curve": "5,10,8,20"})


def test_the_year_end_projection_follows_the_pace_and_stops_at_the_plan(demo_db, actors, unit_ids, portfolio):
    with session_scope(demo_db) as s:
        by_investor = {f.key: f for f in capital.disbursement_by_investor(s, actors["kehoach.stc"], YEAR, 6)}
        by_investor_march = {f.key: f for f in capital.disbursement_by_investor(s, actors["kehoach.stc"], YEAR, 2)}
    sxd_figure = by_investor[unit_ids["SXD"]]
    assert sxd_figure.projection == 12 * TY              # 6 tỷ ÷ 6 months × 12
    assert sxd_figure.projection_text() == ("Dự kiến cả năm theo nhịp hiện tại: 6.000.000.000 đ ÷ 6 tháng × 12 = "
                                            "12.000.000.000 đ → 12.000.000.000 đ (60,0% kế hoạch vốn).")
    lapvo = by_investor[unit_ids["X-LAPVO"]]
    assert (lapvo.projection_raw, lapvo.projection) == (24 * TY, 20 * TY)          # capped at the plan
    assert "không vượt kế hoạch vốn 20.000.000.000 đ" in lapvo.projection_text()
    assert by_investor_march[unit_ids["SXD"]].projection == 0                      # nothing counted by February


def test_the_progress_gap_warns_and_alarms(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id = new_project(demo_db, editor, unit_ids, "KV-GAP", total=50 * TY)
    plan(demo_db, editor, project_id, 50 * TY)
    disburse(demo_db, editor, project_id, 10 * TY, month=3)          # financial progress 20 %

    def level(physical: float) -> capital.GapLevel:
        with session_scope(demo_db) as s:
            capital.record_progress(s, editor, project_id, YEAR, 4, physical, now=NOW)
            figure = next(f for f in capital.project_figures(s, editor, YEAR, 4) if f.id == project_id)
            series = capital.progress_series(s, editor, project_id, YEAR, 4)
        assert series[-1].gap == figure.gap and series[-1].physical == physical
        return figure.gap

    assert level(30) == capital.GapLevel.OK               # 10 points
    assert level(40) == capital.GapLevel.WARN             # 20 points > 15
    assert level(55) == capital.GapLevel.ALARM            # 35 points > 30
    assert level(5) == capital.GapLevel.OK                # 15 points: not beyond
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ProjectMonthlyProgress).where(
            ProjectMonthlyProgress.project_id == project_id)) == 1          # one row per month, replaced
    refused(demo_db, ValidationError, lambda s: capital.record_progress(s, editor, project_id, YEAR, 5, 101, now=NOW))
    refused(demo_db, ValidationError, lambda s: capital.record_progress(s, editor, project_id, 2026, 4, 10, now=NOW))
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"project_progress_gap_warn": 10, "project_progress_gap_alarm": 12})
        capital.record_progress(s, editor, project_id, YEAR, 4, 33, now=NOW)
        assert next(f for f in capital.project_figures(s, editor, YEAR, 4) if f.id == project_id).gap \
            == capital.GapLevel.ALARM
    with pytest.raises(ValidationError):
        with session_scope(demo_db) as s:
            settings.update(s, actors["quantri"], {"project_progress_gap_alarm": 5})


def test_the_monthly_chart_rates_follow_the_months(demo_db, actors, portfolio):
    with session_scope(demo_db) as s:
        rates = dict(capital.monthly_rates(s, actors["capnhat.sxd"], YEAR))
        one = dict(capital.monthly_rates(s, actors["capnhat.sxd"], YEAR, project_id=portfolio["A"]))
    assert (rates[4], rates[5], rates[6], rates[7]) == (0.0, 0.2, 0.3, 0.35)
    assert one == rates                                   # SXD's only counted project is A


# ---------------------------------------------------------------- the investor's monthly report

def test_one_monthly_report_per_investor_and_month_with_its_due_date(demo_db, actors, unit_ids):
    editor, sxd_unit = actors["capnhat.sxd"], unit_ids["SXD"]
    first = MonthlyReportInput("Giải ngân 30% kế hoạch", "Vướng mặt bằng", "Đề nghị hỗ trợ")
    late_now = datetime(2026, 2, 10, 9, tzinfo=LOCAL_TZ)
    with session_scope(demo_db) as s:
        report_id = capital.submit_monthly_report(s, editor, sxd_unit, 2026, 1, first, now=late_now)
    with session_scope(demo_db) as s:
        row = s.get(InvestorMonthlyReport, report_id)
        # Due on the 5th of February 2026 (a Thursday); submitted Tuesday 10/02: 3 working days late.
        assert (row.due_on, row.late_days) == (D(2026, 2, 5), 3)
        version = row.version
    refused(demo_db, ValidationError, lambda s: capital.submit_monthly_report(s, editor, sxd_unit, 2026, 1, first,
                                                                              now=late_now))
    refused(demo_db, ConflictError, lambda s: capital.submit_monthly_report(s, editor, sxd_unit, 2026, 1, first,
                                                                            expected_version=7, now=late_now))
    with session_scope(demo_db) as s:
        capital.submit_monthly_report(s, editor, sxd_unit, 2026, 1, MonthlyReportInput("Đã giải ngân 35%"),
                                      expected_version=version, now=late_now)
        shown = capital.monthly_report(s, actors["kehoach.stc"], sxd_unit, 2026, 1)
        assert (shown.results, shown.version) == ("Đã giải ngân 35%", version + 1)
    refused(demo_db, PermissionDenied, lambda s: capital.submit_monthly_report(
        s, actors["capnhat.laplvo"], sxd_unit, 2026, 2, first, now=late_now))
    refused(demo_db, ValidationError, lambda s: capital.submit_monthly_report(
        s, editor, sxd_unit, 2026, 3, first, now=late_now))              # a month still to come
    refused(demo_db, ValidationError, lambda s: capital.submit_monthly_report(
        s, editor, sxd_unit, 2026, 2, MonthlyReportInput("  "), now=late_now))
    with pytest.raises(NotFound):
        with session_scope(demo_db) as s:
            capital.monthly_report(s, actors["capnhat.laplvo"], sxd_unit, 2026, 1)
    with session_scope(demo_db) as s:
        assert [r.investor_unit_id for r in capital.monthly_reports(s, actors["capnhat.laplvo"], 2026, 1)] == []
        assert "Điều 9 khoản 3" in settings.BY_KEY["project_monthly_report_day"].source
