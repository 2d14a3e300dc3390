"""The demo's capital plans and disbursements (issue 10 items 5 and 12): this year's plan of every public demo
project (given by Sở Tài chính in January, one raised mid-year, one lowered, one with the previous year's plan carried
over), the months' disbursements entered by the investors after the State Treasury's confirmation (a few late), the
monthly physical progress (one project far ahead of its disbursement) and the investors' monthly reports (one late).
Investors move at different paces, so that some fall behind the target curve. Dates are relative to today.

Not yet in `demo.EXTENSIONS`: the lead wires it (lib/modules.py) together with the Treasury demo file, which must
then be built from these disbursements."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, local_today
from lib.core.demo import unit_editor
from lib.core.models import Account, Unit
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar
from lib.projects import capital
from lib.projects.capital import DisbursementInput, MonthlyReportInput, PlanLineInput
from lib.projects.enums import CapitalPlanKind, ProjectKind, ProjectPhase, ProjectStatus
from lib.projects.models import Project

MILLION = 1_000_000
BILLION = 1_000_000_000
# The share of the target curve each investor reaches (unit code → pace): some ahead, some behind.
PACE = {"SXD": 1.1, "SNNMT": 0.55, "SGDDT": 1.0, "X-LAPVO": 0.8, "SYT": 0.7}
# Physical progress reported against the financial one (project code → points ahead): one far ahead (alarm).
PHYSICAL_AHEAD = {"DT-2024-001": 8, "DT-2024-003": 34, "DT-2025-007": 18}


def _moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ)


def _round_million(amount: float) -> int:
    return int(amount // MILLION) * MILLION


def load_demo_finance(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    today = local_today()
    year, through = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    calendar = work_calendar(session)
    curve = capital.target_curve(session)
    stc = to_actor(accounts["kehoach.stc"])
    by_id = {u.id: u for u in units.values()}
    projects = session.scalars(sa.select(Project).where(Project.kind == ProjectKind.PUBLIC)
                               .order_by(Project.code)).all()
    decided = min(calendar.on_or_next_working_day(date(year, 1, 10)), today)
    for index, project in enumerate(projects):
        if project.status == ProjectStatus.COMPLETED:
            continue
        investor = by_id[project.investor_unit_id]
        editor = to_actor(unit_editor(accounts, investor))
        share = 0.3 if project.phase == ProjectPhase.IMPLEMENTATION else 0.05
        plans = {row.source: _round_million(row.amount * share) for row in project.capital_sources if row.amount}
        for source, amount in plans.items():
            capital.add_plan_line(session, stc, project.id, PlanLineInput(
                year, source, CapitalPlanKind.ALLOCATED, amount, f"{25 + index}/QĐ-UBND", decided,
                "UBND tỉnh Đồng Tháp", note="Giao kế hoạch vốn đầu tư công năm"), now=_moment(decided, 15))
        first = next(iter(plans), None)
        if first is not None and project.code == "DT-2024-001" and through >= 7:
            raised = min(calendar.on_or_next_working_day(date(year, 7, 15)), today)
            capital.add_plan_line(session, stc, project.id, PlanLineInput(
                year, first, CapitalPlanKind.ADJUSTED, 5 * BILLION, "1620/QĐ-UBND", raised, "UBND tỉnh Đồng Tháp",
                month_from=7), now=_moment(raised, 15))
            capital.add_plan_line(session, stc, project.id, PlanLineInput(
                year, first, CapitalPlanKind.CARRIED_OVER, 3 * BILLION, "312/QĐ-UBND", decided,
                "UBND tỉnh Đồng Tháp"), now=_moment(decided, 16))
        if first is not None and project.code == "DT-2024-003" and through >= 6:
            lowered = min(calendar.on_or_next_working_day(date(year, 6, 12)), today)
            capital.add_plan_line(session, stc, project.id, PlanLineInput(
                year, first, CapitalPlanKind.ADJUSTED, -_round_million(plans[first] * 0.2), "1388/QĐ-UBND", lowered,
                "UBND tỉnh Đồng Tháp", month_from=6), now=_moment(lowered, 15))
        if project.status != ProjectStatus.ACTIVE:
            continue
        pace = PACE.get(investor.code, 0.8)
        done: dict = {}
        for month in range(1, through + 1):
            for source in plans:
                plan = capital.plan_amount(session, project.id, year, source)
                goal = _round_million(plan * min(1.0, curve[month - 1] * pace))
                amount = goal - done.get(source, 0)
                if amount <= 0:
                    continue
                confirmed = calendar.on_or_next_working_day(date(year, month, 20))
                if confirmed > today:
                    continue
                delay = 8 if (month + index) % 7 == 0 else 2 + (month + index) % 3   # a few entered late
                entered = min(calendar.add_working_days(confirmed, delay), today)
                capital.add_disbursement(session, editor, project.id, DisbursementInput(
                    year, month, source, amount, confirmed), now=_moment(entered, 10))
                done[source] = goal
            total_done = sum(done.values())
            ahead = PHYSICAL_AHEAD.get(project.code, 3)
            physical = min(100.0, round(total_done / project.total_investment * 100 + ahead, 1))
            capital.record_progress(session, editor, project.id, year, month, physical,
                                    now=_moment(min(date(year, month, 28), today), 16))
    _reports(session, units, accounts, year, through, calendar)


def _reports(session: Session, units: dict[str, Unit], accounts: dict[str, Account], year: int, month: int,
             calendar) -> None:  # noqa: ANN001
    """A month's reports of three investors; Xã Lấp Vò's sent late."""
    texts = {
        "SXD": ("Giải ngân đạt tiến độ kế hoạch; đường ĐT.846 đang thi công nền đường, cầu Sa Đéc 3 hoàn thiện hồ sơ "
                "thiết kế.", "Một số hộ dân chưa nhận tiền bồi thường.", "Đề nghị UBND xã Tháp Mười hỗ trợ vận động "
                "bàn giao mặt bằng."),
        "SNNMT": ("Đê bao Tân Hồng – Hồng Ngự thi công đạt khoảng 40% khối lượng.", "Giải ngân chậm do nhà thầu "
                  "chưa hoàn thiện hồ sơ thanh toán khối lượng.", "Đề nghị Kho bạc Nhà nước hướng dẫn hồ sơ tạm ứng."),
        "X-LAPVO": ("Nhà văn hóa xã Lấp Vò hoàn thành phần móng.", "", ""),
    }
    if calendar.add_working_days(capital.report_due(session, calendar, year, month), 3) > local_today() and month > 1:
        month -= 1          # the last month whose report is already overdue, so that one report is late
    for code, (results, difficulties, proposals) in texts.items():
        editor = to_actor(unit_editor(accounts, units[code]))
        due = capital.report_due(session, calendar, year, month)
        sent = calendar.add_working_days(due, 3) if code == "X-LAPVO" else calendar.previous_working_day(due)
        sent = min(sent, local_today())
        capital.submit_monthly_report(session, editor, units[code].id, year, month,
                                      MonthlyReportInput(results, difficulties, proposals), now=_moment(sent, 11))
