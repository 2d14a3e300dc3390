"""Excel export of the project lists with the filters applied (issue 10 item 9: «export of every list with the filters
applied»; seed 000 art. 6, 11: leaders and Sở Tài chính follow every project, investors their own).

`list_workbook` is the builder every list of the module uses (projects now; steps, disbursement later): the official
layout of lib.core.excel (Quốc hiệu, issuing body, title, the filters in words, the extraction date dd/mm/yyyy, one
table with «STT», money as whole-đồng numbers formatted with thousands separators in Excel), and an audit event.

`projects_workbook` exports exactly the rows the list page shows: it applies the same filter function
(`views.filter_projects`) to the same scoped list (`records.list_projects`), so a filter or the actor's scope can
never be bypassed by the export.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit
from lib.core.access import Actor
from lib.core.enums import AuditAction
from lib.core.excel import Column, excel_filename, official_workbook
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.services import settings
from lib.projects import records, views
from lib.projects.enums import CapitalSource, ProjectKind
from lib.projects.models import Project, ProjectCapitalSource, ProjectLocation

PROJECTS_TITLE = "Danh sách dự án đầu tư công"
NO_FILTER = "không có (tất cả dự án trong phạm vi được xem)"

PROJECT_COLUMNS = [
    Column("Mã dự án", 14), Column("Tên dự án", 40), Column("Lĩnh vực", 10), Column("Nhóm dự án", 14),
    Column("Cấp quyết định", 12), Column("Chủ đầu tư", 26), Column("Hình thức quản lý", 20),
    Column("Địa điểm", 26), Column("Tổng mức đầu tư (đồng)", 20, "money"),
    *(Column(f"{source.label} (đồng)", 18, "money") for source in CapitalSource),
    Column("Ngày bắt đầu lập chủ trương", 13, "date"), Column("Ngày dự kiến bắt đầu", 13, "date"),
    Column("Ngày dự kiến kết thúc", 13, "date"), Column("Giai đoạn", 16), Column("Trạng thái", 14),
    Column("Số ngày làm việc khởi tạo chậm", 12, "int"),
]


def filter_words(filters: Sequence[tuple[str, str]]) -> str:
    """«Bộ lọc: Nhóm dự án: Dự án nhóm C; Trạng thái: Tạm dừng» (or that nothing was filtered)."""
    chosen = "; ".join(f"{label}: {value}" for label, value in filters)
    return f"Bộ lọc: {chosen or NO_FILTER}"


def list_workbook(session: Session, actor: Actor, *, title: str, filters: Sequence[tuple[str, str]],
                  columns: list[Column], rows: Sequence[Sequence[Any]], entity: str,
                  now: datetime | None = None) -> bytes:
    """One list in the official layout, issued by the actor's unit under the provincial committee; audited."""
    now = now or utcnow()
    province = settings.get(session, "province_name")
    unit = session.scalar(sa.select(Unit.name).where(Unit.id == actor.unit_id)) or ""
    data = official_workbook(issuer_parent=f"UBND {province}", issuer=unit, title=title, period=None,
                             subtitle=filter_words(filters), columns=columns, rows=rows, extracted_at=now,
                             extracted_by=actor.full_name, sheet_name=title[:31])
    audit.record_event(session, AuditAction.EXPORT, entity=entity, summary=f"{title} ({len(rows)} dòng)",
                       details={"filters": dict(filters)}, actor_id=actor.id, actor_name=actor.full_name)
    return data


def project_filters(chosen: views.ProjectFilter) -> list[tuple[str, str]]:
    """The list page's filters in words, in the order the page shows them."""
    words = []
    if chosen.text and chosen.text.strip():
        words.append(("Tìm theo mã hoặc tên", f"«{chosen.text.strip()}»"))
    if chosen.group is not None:
        words.append(("Nhóm dự án", chosen.group.label))
    if chosen.status is not None:
        words.append(("Trạng thái", chosen.status.label))
    if chosen.investor:
        words.append(("Chủ đầu tư", chosen.investor))
    return words


def project_table(session: Session, ids: Sequence[int]) -> list[list[Any]]:
    """The export's rows of the projects `ids` (already scoped), in that order."""
    if not ids:
        return []
    projects = {p.id: p for p in session.scalars(sa.select(Project).where(Project.id.in_(ids)))}
    names = dict(session.execute(sa.select(Unit.id, Unit.name).where(
        Unit.id.in_({p.investor_unit_id for p in projects.values()}))).all())
    places: dict[int, list[str]] = {}
    for project_id, name in session.execute(
            sa.select(ProjectLocation.project_id, Unit.name).join(Unit, Unit.id == ProjectLocation.commune_id)
            .where(ProjectLocation.project_id.in_(ids)).order_by(ProjectLocation.id)):
        places.setdefault(project_id, []).append(name)
    sources: dict[int, dict[CapitalSource, int]] = {}
    for project_id, source, amount in session.execute(
            sa.select(ProjectCapitalSource.project_id, ProjectCapitalSource.source, ProjectCapitalSource.amount)
            .where(ProjectCapitalSource.project_id.in_(ids))):
        sources.setdefault(project_id, {})[source] = amount
    table = []
    for project_id in ids:
        p = projects[project_id]
        private = p.kind == ProjectKind.PRIVATE
        table.append([
            p.code, p.name, f"Loại {p.field.field_class}", "Tư nhân" if private or p.project_group is None
            else p.project_group.label, p.deciding_level.label if p.deciding_level else "",
            f"{p.private_investor} (nhà đầu tư)" if private and p.private_investor else names.get(p.investor_unit_id),
            p.management_form, "; ".join(places.get(project_id, [])), p.total_investment,
            *(sources.get(project_id, {}).get(source) for source in CapitalSource),
            p.preparation_start, p.planned_start, p.planned_end, p.phase.label, p.status.label, p.entry_late_days])
    return table


def projects_workbook(session: Session, actor: Actor, chosen: views.ProjectFilter,
                      now: datetime | None = None) -> bytes:
    """The project list exactly as the list page shows it with `chosen` filters (the actor's scope applied)."""
    shown = views.filter_projects(records.list_projects(session, actor), chosen)
    return list_workbook(session, actor, title=PROJECTS_TITLE, filters=project_filters(chosen),
                         columns=PROJECT_COLUMNS, rows=project_table(session, [r.id for r in shown]),
                         entity="projects", now=now)


def projects_file_name(now: datetime | None = None) -> str:
    return excel_filename(PROJECTS_TITLE, now or utcnow())
