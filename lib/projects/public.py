"""The public page of Dự án đầu tư công (issue 10 item 11; seed 000 art. 7.3, the record's information): the
projects the investors marked public, with their progress — physical (the latest monthly figure), financial
(cumulative disbursement against the total investment) and steps done out of all — and their photos, for everyone
without log-in. Nothing of an unpublished project is read here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import vi
from lib.core.errors import NotFound
from lib.core.models import Unit
from lib.projects import photos
from lib.projects.enums import ProjectField, ProjectGroup, ProjectPhase, ProjectStatus
from lib.projects.finance_models import Disbursement, ProjectMonthlyProgress
from lib.projects.models import Project, ProjectLocation, ProjectStep


@dataclass(frozen=True)
class PublicProject:
    id: int
    code: str
    name: str
    investor: str
    field: ProjectField
    group: ProjectGroup | None
    phase: ProjectPhase
    status: ProjectStatus
    total_investment: int
    planned_start: date
    planned_end: date
    communes: list[str]
    physical_percent: float | None      # the latest monthly figure, None when never reported
    disbursed: int
    financial_percent: float | None     # cumulative disbursed / total investment
    steps_done: int
    steps_total: int
    photo_count: int


def published_projects(session: Session) -> list[PublicProject]:
    """Every published project, by code, with its progress."""
    projects = session.execute(
        sa.select(Project, Unit.name).join(Unit, Unit.id == Project.investor_unit_id)
        .where(Project.published.is_(True)).order_by(Project.code)).all()
    ids = [p.id for p, _ in projects]
    if not ids:
        return []
    disbursed = dict(session.execute(
        sa.select(Disbursement.project_id, sa.func.sum(Disbursement.amount))
        .where(Disbursement.project_id.in_(ids)).group_by(Disbursement.project_id)).all())
    latest = (sa.select(ProjectMonthlyProgress.project_id,
                        sa.func.max(ProjectMonthlyProgress.year * 100 + ProjectMonthlyProgress.month).label("ym"))
              .where(ProjectMonthlyProgress.project_id.in_(ids)).group_by(ProjectMonthlyProgress.project_id)
              .subquery())
    physical = dict(session.execute(
        sa.select(ProjectMonthlyProgress.project_id, ProjectMonthlyProgress.physical_percent)
        .join(latest, sa.and_(latest.c.project_id == ProjectMonthlyProgress.project_id,
                              latest.c.ym == ProjectMonthlyProgress.year * 100 + ProjectMonthlyProgress.month))).all())
    steps = {pid: (int(done or 0), int(total)) for pid, done, total in session.execute(
        sa.select(ProjectStep.project_id,
                  sa.func.sum(sa.case((ProjectStep.actual_end.is_not(None), 1), else_=0)),
                  sa.func.count(ProjectStep.id))
        .where(ProjectStep.project_id.in_(ids)).group_by(ProjectStep.project_id))}
    communes: dict[int, list[str]] = {}
    for pid, name in session.execute(
            sa.select(ProjectLocation.project_id, Unit.name).join(Unit, Unit.id == ProjectLocation.commune_id)
            .where(ProjectLocation.project_id.in_(ids)).order_by(ProjectLocation.id)):
        communes.setdefault(pid, []).append(name)
    counts = photos.photo_counts(session, ids)
    out = []
    for project, investor in projects:
        paid = int(disbursed.get(project.id) or 0)
        financial = round(100 * paid / project.total_investment, 1) if project.total_investment else None
        done, total = steps.get(project.id, (0, 0))
        out.append(PublicProject(
            project.id, project.code, project.name, investor, project.field, project.project_group, project.phase,
            project.status, project.total_investment, project.planned_start, project.planned_end,
            communes.get(project.id, []), physical.get(project.id), paid, financial, done, total,
            counts.get(project.id, 0)))
    return out


def published_project(session: Session, project_id: int) -> PublicProject:
    """One published project; NotFound for any other id (an unpublished project is not revealed)."""
    found = next((p for p in published_projects(session) if p.id == project_id), None)
    if found is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    return found
