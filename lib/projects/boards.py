"""The boards of Dự án đầu tư công (issue 10 item 7): one reader composes what the other services of the module
compute, for the investor's overview of its projects (seed 000 art. 5.7: «bảng theo dõi tổng quan dự án,
dashboard») and for the leaders' view of every project (art. 6.1–6.2: «theo dõi tổng quát tình hình tiến độ tất cả
dự án và theo dõi chi tiết từng dự án»). The same function serves both: the scope of the actor decides which
projects are counted (records.project_scope), so an investor's board is the leaders' board cut to its projects.

Counts by group, field, phase and status cover every project in scope; the progress figures (late steps,
disbursement, risks) only the projects counted in progress (paused and cancelled ones left out, item 1)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.format import fmt_percent
from lib.core.models import Unit
from lib.projects import capital, records, schedule, step_reports
from lib.projects.enums import ProjectField, ProjectGroup, ProjectKind, ProjectPhase, ProjectStatus
from lib.projects.models import Project
from lib.projects.schedule import AlertKind

RISK_LIMIT = 10


@dataclass(frozen=True)
class ProjectLine:
    """A project as the board's drill-down lists show it."""

    id: int
    code: str
    name: str
    investor_unit_id: int
    investor: str
    kind: ProjectKind
    group: ProjectGroup | None
    field: ProjectField
    phase: ProjectPhase
    status: ProjectStatus
    total_investment: int


@dataclass(frozen=True)
class Risk:
    """A project at risk: its reasons (Vietnamese, each with its figure) and a score that orders them."""

    project: ProjectLine
    score: int
    reasons: list[str]


@dataclass
class Board:
    wide: bool                                   # every project of the province (leaders, Sở Tài chính)
    year: int
    month: int
    projects: list[ProjectLine]
    counted: int                                 # projects counted in progress
    overdue_steps: int
    due_soon_steps: int
    unreported_steps: int
    late_forecasts: int                          # projects whose forecast end passes the approved end
    late_units: list[step_reports.UnitLateness]
    province: capital.Figure
    investors: list[capital.Figure]
    risks: list[Risk]
    alerts: list[schedule.ProjectAlerts] = field(default_factory=list)

    def count_by(self, attribute: str) -> list[tuple[object, int]]:
        """Projects by group / field / phase / status, in the enumeration's order (private ones: group None)."""
        counts = Counter(getattr(p, attribute) for p in self.projects)
        order = {ProjectGroup: list(ProjectGroup), ProjectField: list(ProjectField), ProjectPhase: list(ProjectPhase),
                 ProjectStatus: list(ProjectStatus)}
        values = next((members for kind, members in order.items()
                       if any(isinstance(v, kind) for v in counts)), [])
        ordered = [(v, counts[v]) for v in values if counts.get(v)]
        return ordered + ([(None, counts[None])] if counts.get(None) else [])

    def lines_where(self, attribute: str, value: object) -> list[ProjectLine]:
        return [p for p in self.projects if getattr(p, attribute) == value]


def project_lines(session: Session, actor: Actor) -> list[ProjectLine]:
    """Every project the actor may see, by code."""
    query = (sa.select(Project.id, Project.code, Project.name, Project.investor_unit_id, Unit.name, Project.kind,
                       Project.project_group, Project.field, Project.phase, Project.status,
                       Project.total_investment)
             .join(Unit, Unit.id == Project.investor_unit_id)
             .where(records.visible_project_clause(records.project_scope(session, actor))).order_by(Project.code))
    return [ProjectLine(*row) for row in session.execute(query)]


def _risks(lines: dict[int, ProjectLine], alerts: list[schedule.ProjectAlerts],
           figures: list[capital.ProjectFigure]) -> list[Risk]:
    """The projects most at risk: forecast end past the approved end, overdue steps, disbursement behind the target
    curve, a progress gap alarm. Each reason weighs by its size; the highest scores first."""
    reasons: dict[int, list[str]] = {}
    scores: Counter[int] = Counter()
    for item in alerts:
        overdue = [a for a in item.alerts if a.kind == AlertKind.OVERDUE]
        late = next((a for a in item.alerts if a.kind == AlertKind.PROJECT_LATE), None)
        if late is not None:
            reasons.setdefault(item.project_id, []).append(f"dự báo chậm {late.days} ngày làm việc so với ngày "
                                                           "kết thúc được phê duyệt")
            scores[item.project_id] += 3 + late.days // 20
        if overdue:
            worst = max(a.days for a in overdue)
            reasons.setdefault(item.project_id, []).append(f"{len(overdue)} bước quá hạn (lâu nhất {worst} ngày "
                                                           "làm việc)")
            scores[item.project_id] += 2 * len(overdue) + worst // 10
    for figure in figures:
        if not figure.counted:
            continue
        if figure.figure.behind:
            rate = figure.figure.rate or 0.0
            reasons.setdefault(figure.id, []).append(
                f"giải ngân {fmt_percent(rate)} kế hoạch, dưới mục tiêu {fmt_percent(figure.figure.target)}")
            scores[figure.id] += 2 + round((figure.figure.target - rate) * 10)
        if figure.gap == capital.GapLevel.ALARM:
            reasons.setdefault(figure.id, []).append("chênh lệch tiến độ khối lượng và giải ngân vượt ngưỡng báo động")
            scores[figure.id] += 2
    ranked = sorted(scores, key=lambda pid: (-scores[pid], lines[pid].code if pid in lines else ""))
    return [Risk(lines[pid], scores[pid], reasons[pid]) for pid in ranked if pid in lines][:RISK_LIMIT]


def board(session: Session, actor: Actor, *, year: int | None = None, month: int | None = None,
          today: date | None = None) -> Board:
    """The board of the actor's projects for the year, cumulative up to `month` (default: this month)."""
    today = today or local_today()
    year, month = year or today.year, month or today.month
    lines = project_lines(session, actor)
    by_id = {line.id: line for line in lines}
    alerts = schedule.portfolio_alerts(session, actor, today)
    figures = capital.project_figures(session, actor, year, month)
    kinds = Counter(a.kind for item in alerts for a in item.alerts)
    return Board(
        wide=records.project_scope(session, actor).all_units, year=year, month=month, projects=lines,
        counted=sum(1 for line in lines if records.counted_in_progress(line.status)),
        overdue_steps=kinds[AlertKind.OVERDUE], due_soon_steps=kinds[AlertKind.DUE_SOON],
        unreported_steps=kinds[AlertKind.UNREPORTED], late_forecasts=kinds[AlertKind.PROJECT_LATE],
        late_units=step_reports.late_steps_by_unit(session, actor, today),
        province=capital.province_figure(session, actor, year, month),
        investors=capital.disbursement_by_investor(session, actor, year, month),
        risks=_risks(by_id, alerts, figures), alerts=alerts)
