"""The demo's public-investment projects (issue 10, item 1): ten projects of Đồng Tháp across the four field
classes, groups B and C, several investors (departments and communes), the three phases and every status — one
paused, one completed — and one private project followed by Sở Tài chính (seed 000 art. 11.4). Some carry approved
changes with their documents (art. 7.2), one of them entered late, and one project was itself entered late
(art. 9.1). Dates are relative to today, so the demo reads the same whenever it is loaded."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from lib.core.calendar import WorkCalendar, local_today
from lib.core.demo import unit_editor
from lib.core.models import Account, Unit
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar
from lib.projects.demo_portfolio import load_portfolio, moment, months_after
from lib.projects.process_data import seed_default_templates
from lib.projects import records as R
from lib.projects.enums import (
    ApprovalDocKind, CapitalSource, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
    ProjectStatus,
)

BILLION = 1_000_000_000
MILLION = 1_000_000
F1, F2, F3, F4 = (ProjectField.TRANSPORT_ENERGY, ProjectField.INFRASTRUCTURE, ProjectField.AGRICULTURE,
                  ProjectField.SOCIAL)
NS_TW, NS_TINH, NS_XA, ODA, KHAC = (CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET,
                                    CapitalSource.COMMUNE_BUDGET, CapitalSource.ODA_LOAN, CapitalSource.OTHER)


@dataclass
class DemoProject:
    code: str
    name: str
    field: ProjectField
    group: ProjectGroup | None
    level: DecidingLevel | None
    investor: str                   # unit code
    form: str
    communes: list[str]
    total: int
    sources: dict[CapitalSource, int]
    started_days_ago: int           # the investment-policy preparation began this many days ago
    entry_delay: int                # working days between that start and the record's entry
    years: int                      # planned duration
    phase: ProjectPhase
    status: ProjectStatus = ProjectStatus.ACTIVE
    status_reason: str = ""
    private_investor: str | None = None
    # (new total or None, new end shift in months or 0, effective days ago, entry delay in working days, doc number)
    changes: list[tuple[int | None, int, int, int, str]] = dc_field(default_factory=list)


PROJECTS = [
    DemoProject("DT-2024-001", "Đường tỉnh ĐT.846 đoạn từ Tân Nghĩa đến Quốc lộ 30", F2, ProjectGroup.B,
                DecidingLevel.PROVINCE, "SXD", "Ban quản lý dự án chuyên ngành", ["X-THAPMUOI", "P-CAOLANH"],
                185 * BILLION, {NS_TW: 110 * BILLION, NS_TINH: 75 * BILLION}, 720, 6, 3, ProjectPhase.IMPLEMENTATION,
                changes=[(196 * BILLION, 0, 120, 3, "1875/QĐ-UBND"), (None, 6, 40, 9, "2210/QĐ-UBND")]),
    DemoProject("DT-2025-002", "Cầu Sa Đéc 3 và đường dẫn hai đầu cầu", F1, ProjectGroup.B, DecidingLevel.PROVINCE,
                "SXD", "Ban quản lý dự án chuyên ngành", ["P-SADEC"], 320 * BILLION,
                {NS_TW: 200 * BILLION, NS_TINH: 120 * BILLION}, 400, 4, 3, ProjectPhase.PREPARATION),
    DemoProject("DT-2024-003", "Nâng cấp đê bao chống lũ khu vực Tân Hồng – Hồng Ngự", F3, ProjectGroup.C,
                DecidingLevel.PROVINCE, "SNNMT", "Chủ đầu tư trực tiếp quản lý", ["X-TANHONG", "P-HONGNGU"],
                96 * BILLION, {NS_TW: 60 * BILLION, NS_TINH: 36 * BILLION}, 600, 7, 2, ProjectPhase.IMPLEMENTATION,
                changes=[(None, 4, 75, 4, "1502/QĐ-UBND")]),
    DemoProject("DT-2025-004", "Hệ thống thủy lợi phục vụ vùng lúa chất lượng cao xã Tháp Mười", F3, ProjectGroup.C,
                DecidingLevel.PROVINCE, "SNNMT", "Chủ đầu tư trực tiếp quản lý", ["X-THAPMUOI"], 68 * BILLION,
                {NS_TINH: 48 * BILLION, ODA: 20 * BILLION}, 250, 15, 2, ProjectPhase.PREPARATION),
    DemoProject("DT-2024-005", "Xây dựng Bệnh viện Đa khoa khu vực Hồng Ngự (giai đoạn 2)", F4, ProjectGroup.C,
                DecidingLevel.PROVINCE, "SYT", "Ban quản lý dự án chuyên ngành", ["P-HONGNGU"], 85 * BILLION,
                {NS_TINH: 85 * BILLION}, 650, 8, 2, ProjectPhase.IMPLEMENTATION, ProjectStatus.PAUSED,
                "Chờ điều chỉnh quy hoạch chi tiết khu đất mở rộng theo ý kiến của Sở Xây dựng"),
    DemoProject("DT-2023-006", "Trường THPT Cao Lãnh 2: khối phòng học và nhà đa năng", F4, ProjectGroup.C,
                DecidingLevel.PROVINCE, "SGDDT", "Ban quản lý dự án chuyên ngành", ["P-CAOLANH"], 42 * BILLION,
                {NS_TINH: 42 * BILLION}, 900, 5, 2, ProjectPhase.CLOSING, ProjectStatus.COMPLETED),
    DemoProject("DT-2025-007", "Nhà văn hóa và sân thể thao xã Lấp Vò", F4, ProjectGroup.C, DecidingLevel.COMMUNE,
                "X-LAPVO", "Chủ đầu tư trực tiếp quản lý", ["X-LAPVO"], 12 * BILLION + 500 * MILLION,
                {NS_TINH: 8 * BILLION, NS_XA: 4 * BILLION + 500 * MILLION}, 300, 6, 2, ProjectPhase.IMPLEMENTATION,
                changes=[(13 * BILLION + 200 * MILLION, 0, 30, 2, "356/QĐ-UBND")]),
    DemoProject("DT-2025-008", "Đường giao thông nông thôn liên ấp Vĩnh Thạnh – Long Hưng", F2, ProjectGroup.C,
                DecidingLevel.COMMUNE, "X-LAPVO", "Chủ đầu tư trực tiếp quản lý", ["X-LAPVO"], 9 * BILLION,
                {NS_TINH: 6 * BILLION, NS_XA: 3 * BILLION}, 120, 5, 1, ProjectPhase.PREPARATION),
    DemoProject("DT-2025-009", "Chuyển đổi số trong khám chữa bệnh tại các trung tâm y tế", F4, ProjectGroup.C,
                DecidingLevel.PROVINCE, "SYT", "Thuê tư vấn quản lý dự án", ["P-CAOLANH", "P-SADEC", "P-HONGNGU"],
                38 * BILLION, {NS_TINH: 38 * BILLION}, 200, 3, 2, ProjectPhase.PREPARATION),
    DemoProject("TN-2025-001", "Nhà máy chế biến trái cây xuất khẩu Sa Đéc", F3, None, None, "STC",
                "Nhà đầu tư tự quản lý", ["P-SADEC"], 620 * BILLION, {KHAC: 620 * BILLION}, 330, 3, 3,
                ProjectPhase.IMPLEMENTATION, private_investor="Công ty Cổ phần Nông sản Sen Hồng"),
]


def _working_day_back(calendar: WorkCalendar, today: date, days: int) -> date:
    return calendar.on_or_next_working_day(today - timedelta(days=days))


def load_demo_projects(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    seed_default_templates(session)  # the process templates the trainers show (item 2)
    calendar = work_calendar(session)
    today = local_today()
    for index, spec in enumerate(PROJECTS):
        private = spec.group is None
        actor = to_actor(accounts["kehoach.stc"] if private else unit_editor(accounts, units[spec.investor]))
        start = min(_working_day_back(calendar, today, spec.started_days_ago), today)
        entered_on = min(calendar.add_working_days(start, spec.entry_delay), today)
        planned_start = calendar.on_or_next_working_day(start + timedelta(days=150))
        planned_end = months_after(planned_start, 12 * spec.years)
        phases = R.PhaseDates(preparation_start=start)
        if spec.phase != ProjectPhase.PREPARATION:
            phases.preparation_end = planned_start - timedelta(days=1)
            phases.implementation_start = planned_start
        if spec.phase == ProjectPhase.CLOSING:
            phases.implementation_end = min(planned_end, today - timedelta(days=60))
            phases.closing_start = phases.implementation_end + timedelta(days=1)
        data = R.ProjectInput(
            code=spec.code, name=spec.name, field=spec.field, total_investment=spec.total,
            planned_start=planned_start, planned_end=planned_end, phases=phases,
            locations=[R.LocationInput(units[c].id) for c in spec.communes],
            kind=ProjectKind.PRIVATE if private else ProjectKind.PUBLIC, group=spec.group,
            deciding_level=spec.level, investor_unit_id=None if private else units[spec.investor].id,
            private_investor=spec.private_investor, management_form=spec.form, capital_sources=spec.sources,
            phase=spec.phase, published=not private)
        project_id = R.create_project(session, actor, data, now=moment(entered_on))
        issuer = ("UBND xã Lấp Vò" if spec.level == DecidingLevel.COMMUNE else "UBND tỉnh Đồng Tháp")
        policy_on = min(calendar.add_working_days(start, 20), today)
        summary = (f"Giao Sở Tài chính theo dõi tiến độ dự án {spec.name}" if private else
                   f"Phê duyệt chủ trương đầu tư dự án {spec.name}")
        R.add_document(session, actor, project_id, R.DocumentInput(
            ApprovalDocKind.DECISION, f"{1205 + 41 * index}/QĐ-UBND", policy_on, issuer, summary),
            now=moment(policy_on, 14))
        for new_total, shift, days_ago, delay, number in spec.changes:
            effective = _working_day_back(calendar, today, days_ago)
            entered = min(calendar.add_working_days(effective, delay), today)
            summary = ("Phê duyệt điều chỉnh tổng mức đầu tư" if new_total else
                       "Phê duyệt điều chỉnh thời gian thực hiện") + f" dự án {spec.name}"
            document_id = R.add_document(session, actor, project_id, R.DocumentInput(
                ApprovalDocKind.DECISION, number, effective, issuer, summary), now=moment(entered, 8))
            end = months_after(planned_end, shift) if shift else None
            R.apply_change(session, actor, project_id, None, R.ChangeInput(
                document_id, effective, total_investment=new_total, planned_end=end), now=moment(entered, 10))
            if end:
                planned_end = end
        if spec.status != ProjectStatus.ACTIVE:
            on = _working_day_back(calendar, today, 45)
            R.change_status(session, actor, project_id, None, status=spec.status, effective_on=on,
                            reason=spec.status_reason, now=moment(min(calendar.add_working_days(on, 1), today)))
    load_portfolio(session, units, accounts)
