"""The demo's province portfolio (issue 10, item 12): about fifty more public-investment projects beside the ten
hand-written ones of demo.py, so that trainers show boards and rates on a realistic province — every field class,
groups B and C, departments, the Economic Zone Authority and communes as investors, the three phases, a few paused,
one cancelled, some completed — each with the process proposed for its group applied.

The projects are drawn from fixed lists with a fixed random seed, so the demo is the same on every load; dates are
relative to today. Sở Xây dựng and Xã Lấp Vò keep only their hand-written projects (the page tests name them)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, WorkCalendar, local_today
from lib.core.demo import unit_editor
from lib.core.models import Account, Unit
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar
from lib.projects import process, records as R
from lib.projects.enums import (
    ApprovalDocKind, CapitalSource, DecidingLevel, ProjectField, ProjectGroup, ProjectPhase, ProjectStatus,
)

BILLION = 1_000_000_000
F1, F2, F3, F4 = (ProjectField.TRANSPORT_ENERGY, ProjectField.INFRASTRUCTURE, ProjectField.AGRICULTURE,
                  ProjectField.SOCIAL)
HAMLETS = ["Bình Hòa", "Tân Lập", "Phú Điền", "Mỹ Long", "An Phong", "Long Thạnh", "Hòa An", "Tân Phú", "Phong Mỹ",
           "Bình Thành", "Mỹ Hiệp", "Thạnh Lợi"]
CANALS = ["Nguyễn Văn Tiếp", "Đồng Tiến", "Phước Xuyên", "Tư Mới", "Cái Cái", "Thống Nhất"]


@dataclass(frozen=True)
class Kind:
    """A kind of project an investor carries out: name pattern, field, total range (tỷ đồng), sources."""

    pattern: str
    field: ProjectField
    low: int
    high: int
    sources: tuple[CapitalSource, ...]


NS_TW, NS_TINH, NS_XA, ODA = (CapitalSource.CENTRAL_BUDGET, CapitalSource.PROVINCE_BUDGET,
                              CapitalSource.COMMUNE_BUDGET, CapitalSource.ODA_LOAN)
DEPARTMENT_WORK: dict[str, list[Kind]] = {
    "SNNMT": [Kind("Kè chống sạt lở bờ sông Tiền đoạn qua ấp {h}", F3, 40, 180, (NS_TW, NS_TINH)),
              Kind("Nạo vét, gia cố kênh {c}", F3, 25, 110, (NS_TINH,)),
              Kind("Cống ngăn mặn, trữ ngọt kênh {c}", F3, 60, 400, (NS_TW, ODA))],
    "SYT": [Kind("Trạm y tế ấp {h}: nhà khám bệnh và thiết bị", F4, 5, 12, (NS_TINH,)),
            Kind("Trung tâm Y tế khu vực {h}: khối điều trị nội trú", F4, 45, 85, (NS_TW, NS_TINH))],
    "SGDDT": [Kind("Trường THCS {h}: khối phòng học bộ môn", F4, 15, 40, (NS_TINH,)),
              Kind("Trường Mầm non {h}: xây mới 12 phòng học", F4, 8, 20, (NS_TINH,))],
    "SVHTTDL": [Kind("Tu bổ, tôn tạo di tích đình {h}", F4, 6, 25, (NS_TINH,)),
                Kind("Nhà thi đấu đa năng khu vực {h}", F4, 50, 88, (NS_TINH,))],
    "SCT": [Kind("Chợ {h}: nhà lồng chợ và hạ tầng", F2, 10, 60, (NS_TINH,)),
            Kind("Lưới điện trung, hạ thế ấp {h}", F1, 20, 90, (NS_TW, NS_TINH))],
    "BQLKKT": [Kind("Hạ tầng kỹ thuật Khu công nghiệp {h} giai đoạn 2", F2, 170, 600, (NS_TW, NS_TINH)),
               Kind("Trạm xử lý nước thải tập trung Khu công nghiệp {h}", F2, 60, 150, (NS_TINH, ODA))],
}
COMMUNE_WORK = [Kind("Đường giao thông nông thôn ấp {h} – ấp {h2}", F2, 3, 15, (NS_TINH, NS_XA)),
                Kind("Cầu {h} trên kênh {c}", F2, 4, 18, (NS_TINH, NS_XA)),
                Kind("Nhà văn hóa ấp {h}", F4, 2, 5, (NS_XA,)),
                Kind("Hệ thống cấp nước sinh hoạt ấp {h}", F2, 5, 14, (NS_TINH, NS_XA))]
COMMUNES = ["P-MYTHO", "P-CAOLANH", "P-SADEC", "P-HONGNGU", "X-TANHONG", "X-THAPMUOI", "X-CAIBE", "X-GOCONG",
            "X-CHOGAO", "X-THANHBINH"]
COUNT = 50


@dataclass(frozen=True)
class Drawn:
    code: str
    name: str
    kind: Kind
    investor: str
    commune: str
    total: int
    started_days_ago: int
    phase: ProjectPhase
    status: ProjectStatus


def _group(thresholds, field: ProjectField, total: int) -> ProjectGroup:  # noqa: ANN001
    from lib.projects.rules import expected_group
    return expected_group(thresholds, field, total).group


def draw() -> list[Drawn]:
    """The portfolio, drawn with a fixed seed: a third of the projects are communes', the rest departments'."""
    rng = random.Random(2026)
    investors = list(DEPARTMENT_WORK)
    drawn: list[Drawn] = []
    for n in range(COUNT):
        commune = COMMUNES[n % len(COMMUNES)]
        investor = commune if n % 3 == 2 else investors[(n - n // 3) % len(investors)]
        kind = rng.choice(COMMUNE_WORK if investor == commune else DEPARTMENT_WORK[investor])
        h, h2 = rng.sample(HAMLETS, 2)
        name = kind.pattern.format(h=h, h2=h2, c=rng.choice(CANALS))
        total = rng.randrange(kind.low * 10, kind.high * 10) * BILLION // 10
        days_ago = rng.randrange(60, 1500)
        phase = (ProjectPhase.PREPARATION if days_ago < 300 else
                 ProjectPhase.CLOSING if days_ago > 1250 else ProjectPhase.IMPLEMENTATION)
        status = (ProjectStatus.COMPLETED if phase == ProjectPhase.CLOSING and n % 2 else
                  ProjectStatus.PAUSED if n in (7, 31) else ProjectStatus.CANCELLED if n == 19 else
                  ProjectStatus.ACTIVE)
        year = local_today().year - days_ago // 365
        drawn.append(Drawn(f"DT-{year}-{100 + n:03d}", name, kind, investor, commune, total, days_ago, phase, status))
    return drawn


def _split(total: int, sources: tuple[CapitalSource, ...]) -> dict[CapitalSource, int]:
    shares = {source: total * (60 if i == 0 and len(sources) > 1 else 100 // len(sources)) // 100
              for i, source in enumerate(sources)}
    first = sources[0]
    shares[first] += total - sum(shares.values())
    return shares


def moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ)


def months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _report_past_steps(session: Session, accounts: dict[str, Account], units: dict[str, Unit], project_id: int,
                       status: ProjectStatus, rng: random.Random, today: date) -> None:
    """The steps whose planned end has passed are reported finished by their resolving unit's editor — most on
    time, some a few working days late (art. 8.3), some reports late themselves (art. 9.2); a completed project has
    every step done. Steps of a unit without an editor account in the demo (Ủy ban nhân dân tỉnh) are marked done
    without a report. The first step still open is left as it is: on time, due soon or overdue."""
    from lib.projects import step_reports
    from lib.projects.models import ProjectStep

    calendar = work_calendar(session)
    editors = {unit.id: unit for unit in units.values()}
    started = None
    for step in session.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                                .order_by(ProjectStep.position)).all():
        done = step.planned_end < today or status == ProjectStatus.COMPLETED
        if not done:
            break
        slip = rng.choice((0, 0, 0, 0, 1, 3, 6))
        finish = min(calendar.add_working_days(step.planned_end, slip), today)
        begin = min(started or step.planned_start, finish)
        try:
            editor = unit_editor(accounts, editors[step.unit_id])
        except (StopIteration, KeyError):
            step.actual_start, step.actual_end = begin, finish
        else:
            reported = min(calendar.add_working_days(finish, rng.choice((1, 2, 3, 7))), today)
            step_reports.report_step(session, to_actor(editor), step.id, step_reports.ReportInput(begin, 100, finish),
                                     now=moment(reported))
        started = min(calendar.next_working_day(finish), today)
    session.flush()


def load_portfolio(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> list[int]:
    """Create the drawn projects through the services (record, policy decision, process); their ids."""
    from lib.projects.rules import group_thresholds

    calendar: WorkCalendar = work_calendar(session)
    thresholds = group_thresholds(session)
    today = local_today()
    ids: list[int] = []
    for n, spec in enumerate(draw()):
        actor = to_actor(unit_editor(accounts, units[spec.investor]))
        start = calendar.on_or_next_working_day(today - timedelta(days=spec.started_days_ago))
        entered_on = min(calendar.add_working_days(start, 4 + n % 9), today)   # a few entered late (art. 9.1)
        planned_start = calendar.on_or_next_working_day(start + timedelta(days=120))
        planned_end = months_after(planned_start, 18 + 6 * (n % 4))
        phases = R.PhaseDates(preparation_start=start)
        if spec.phase != ProjectPhase.PREPARATION:
            phases.preparation_end = planned_start - timedelta(days=1)
            phases.implementation_start = planned_start
        if spec.phase == ProjectPhase.CLOSING:
            phases.implementation_end = min(planned_end, today - timedelta(days=30))
            phases.closing_start = phases.implementation_end + timedelta(days=1)
        group = _group(thresholds, spec.kind.field, spec.total)
        commune_level = spec.investor == spec.commune
        data = R.ProjectInput(
            code=spec.code, name=spec.name, field=spec.kind.field, total_investment=spec.total,
            planned_start=planned_start, planned_end=planned_end, phases=phases,
            locations=[R.LocationInput(units[spec.commune].id)], group=group,
            deciding_level=DecidingLevel.COMMUNE if commune_level else DecidingLevel.PROVINCE,
            investor_unit_id=units[spec.investor].id,
            management_form="Chủ đầu tư trực tiếp quản lý" if commune_level else "Ban quản lý dự án chuyên ngành",
            capital_sources=_split(spec.total, spec.kind.sources), phase=spec.phase, published=n % 4 == 0)
        project_id = R.create_project(session, actor, data, now=moment(entered_on))
        issuer = f"UBND {units[spec.commune].name}" if commune_level else "UBND tỉnh Đồng Tháp"
        policy_on = min(calendar.add_working_days(start, 15), today)
        R.add_document(session, actor, project_id, R.DocumentInput(
            ApprovalDocKind.DECISION, f"{2300 + 17 * n}/QĐ-UBND", policy_on, issuer,
            f"Phê duyệt chủ trương đầu tư dự án {spec.name}"), now=moment(policy_on, 14))
        template_id = process.propose_template(session, actor, project_id)
        if template_id is not None:
            process.apply_template(session, actor, project_id, template_id, start)
            _report_past_steps(session, accounts, units, project_id, spec.status, random.Random(n), today)
        if spec.status != ProjectStatus.ACTIVE:
            on = calendar.on_or_next_working_day(today - timedelta(days=20 + n))
            reason = {ProjectStatus.PAUSED: "Vướng mặt bằng, chờ phương án bồi thường bổ sung",
                      ProjectStatus.CANCELLED: "Không còn phù hợp quy hoạch sau sắp xếp đơn vị hành chính",
                      ProjectStatus.COMPLETED: "Đã nghiệm thu, bàn giao đưa vào sử dụng"}[spec.status]
            R.change_status(session, actor, project_id, None, status=spec.status, effective_on=min(on, today),
                            reason=reason, now=moment(min(calendar.add_working_days(on, 1), today)))
        ids.append(project_id)
    return ids
