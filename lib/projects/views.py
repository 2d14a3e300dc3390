"""What the project pages read besides records.py: the filtered list, the approving documents of one project, and
the choices of the forms (investors the actor may name, communes). Scope is that of records.py: a project outside
the actor's scope is «not found»."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.access import Actor, subtree_ids
from lib.core.enums import UnitKind, UnitStatus
from lib.core.format import fmt_date
from lib.core.models import Unit
from lib.core.services import units as unit_services
from lib.core.services.units import UnitRow
from lib.core.text import fold
from lib.projects import records
from lib.projects.enums import ApprovalDocKind, ProjectGroup, ProjectStatus
from lib.projects.models import ProjectDocument


@dataclass(frozen=True)
class ProjectFilter:
    text: str = ""
    group: ProjectGroup | None = None       # None: every group (a private project has none)
    status: ProjectStatus | None = None
    investor: str | None = None             # the investor's name as the list shows it


def filter_projects(rows: list[records.ProjectRow], chosen: ProjectFilter) -> list[records.ProjectRow]:
    """The rows that match: text in code or name (without diacritics, any case), group, status, investor."""
    needle = fold(chosen.text.strip()) if chosen.text else ""
    return [row for row in rows
            if (not needle or needle in fold(f"{row.code} {row.name}"))
            and (chosen.group is None or row.group == chosen.group)
            and (chosen.status is None or row.status == chosen.status)
            and (chosen.investor is None or row.investor == chosen.investor)]


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: ApprovalDocKind
    number: str
    signed_on: date
    issuer: str
    summary: str
    attachment_id: int | None

    @property
    def label(self) -> str:
        return f"{self.kind.label} số {self.number} ngày {fmt_date(self.signed_on)}"


def documents(session: Session, actor: Actor, project_id: int) -> list[DocumentRow]:
    """The approving documents of a project the actor may see, by signing date."""
    records.project_detail(session, actor, project_id)    # NotFound outside the actor's scope
    rows = session.scalars(sa.select(ProjectDocument).where(ProjectDocument.project_id == project_id)
                           .order_by(ProjectDocument.signed_on, ProjectDocument.id))
    return [DocumentRow(r.id, r.kind, r.number, r.signed_on, r.issuer, r.summary, r.attachment_id) for r in rows]


def investor_choices(session: Session, actor: Actor) -> list[UnitRow]:
    """The active units the actor may name as a new public project's investor: its own unit and those under it."""
    return unit_services.units_in(session, frozenset(subtree_ids(session, actor.unit_id)))


def all_investor_choices(session: Session) -> list[UnitRow]:
    """Every active unit: an approved change may hand a project to another investor (art. 7.2)."""
    return unit_services.units_in(session, None)


def commune_choices(session: Session) -> list[tuple[int, str]]:
    """The active communes, wards and special zones, by name: where a project may be carried out."""
    return [(row.id, row.name) for row in session.execute(
        sa.select(Unit.id, Unit.name).where(Unit.kind == UnitKind.COMMUNE, Unit.status == UnitStatus.ACTIVE)
        .order_by(Unit.name))]
