"""Open data beyond any provincial system (issue 10 item 11; seed 000 art. 7.3, the record that is published): the
published projects as an OC4IDS 0.9.5 project package (Open Contracting for Infrastructure Data Standard, schema and
codelists in lib/projects/oc4ids_schema, Apache License 2.0).

Each project carries its identification (id = the prefix setting + the project code), title, description, sector
(from the law's field class and the project's name), type, status (from our status and phase), the period and the
stage periods, the budget with its breakdowns by capital source and by year (the capital plan lines), the parties
(the investor as public authority and buyer, the resolving units as review bodies), the locations (communes, with a
GeoJSON Point when the coordinates are known), the documents with their `documentType` (decisions, submissions, the
handover and settlement documents, the photos as illustrations), the milestones from the steps (`dueDate` = the
step's deadline, `dateMet` = its actual end, `status` from the milestoneStatus codelist), the physical and financial
progress as `metrics`, and the completion from the settlement. Nothing of an unpublished project is exported.

`validate_package` checks every project against the schema with `jsonschema` and every code against its codelist;
the CLI (`python -m lib.cli oc4ids --out file.json`) and the public page use `export_json`."""
from __future__ import annotations

import csv
import json
from calendar import monthrange
from collections import defaultdict
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, to_local
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.services import settings
from lib.core.text import fold
from lib.projects.enums import ApprovalDocKind, ProjectField, ProjectPhase, ProjectStatus
from lib.projects.finance_models import CapitalPlanLine, Disbursement, ProjectMonthlyProgress
from lib.projects.models import (
    Project, ProjectDocument, ProjectLocation, ProjectPhoto, ProjectSettlement, ProjectStep,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "oc4ids_schema"
PACKAGE_VERSION = "0.9"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CURRENCY = "VND"

# The law's field class -> the OC4IDS sector when the project's name says nothing more precise.
SECTOR_BY_FIELD: dict[ProjectField, str] = {
    ProjectField.TRANSPORT_ENERGY: "transport",
    ProjectField.INFRASTRUCTURE: "transport",
    ProjectField.AGRICULTURE: "naturalResources",
    ProjectField.SOCIAL: "governance",
}
# Words of the project's name (without diacritics) -> a sector; the first that matches wins.
SECTOR_BY_WORD: tuple[tuple[tuple[str, ...], str], ...] = (
    (("benh vien", "y te", "kham chua benh", "tram y te"), "health"),
    (("truong thpt", "truong thcs", "truong tieu hoc", "truong mam non", "truong hoc", "phong hoc", "giao duc"),
     "education"),
    (("van hoa", "the thao", "du lich", "nha van hoa"), "cultureSportsAndRecreation"),
    (("de bao", "chong lu", "sat lo", "ke "), "naturalResources.floodProtection"),
    (("thuy loi", "cap nuoc", "thoat nuoc", "rac thai", "xu ly nuoc"), "waterAndWaste"),
    (("cau ", "cau,", "duong", "quoc lo", "giao thong"), "transport.road"),
    (("dien", "nang luong"), "energy"),
    (("nha o xa hoi",), "socialHousing"),
    (("chuyen doi so", "cong nghe thong tin", "vien thong"), "communications"),
)


# ---------------------------------------------------------------- codes

def sectors(field: ProjectField, name: str) -> list[str]:
    folded = f" {fold(name).lower()} "
    for words, sector in SECTOR_BY_WORD:
        if any(word in folded for word in words):
            return [sector]
    return [SECTOR_BY_FIELD[field]]


def project_status(status: ProjectStatus, phase: ProjectPhase) -> str:
    """Our status and phase -> projectStatus (closed codelist). A paused project keeps the stage it is in."""
    if status == ProjectStatus.CANCELLED:
        return "cancelled"
    if status == ProjectStatus.COMPLETED or phase == ProjectPhase.CLOSING:
        return "completion"
    return {ProjectPhase.PREPARATION: "preparation", ProjectPhase.IMPLEMENTATION: "implementation"}[phase]


def milestone_status(deadline: date, actual_end: date | None, today: date) -> str:
    """met: finished; notMet: past its deadline and not finished; scheduled: still ahead."""
    if actual_end is not None:
        return "met"
    return "notMet" if today > deadline else "scheduled"


def milestone_type(phase: ProjectPhase, name: str) -> str:
    folded = fold(name).lower()
    if "nha thau" in folded or "dau thau" in folded:
        return "procurement"
    if "quyet toan" in folded:
        return "financing"
    if phase == ProjectPhase.PREPARATION or "phe duyet" in folded or "tham dinh" in folded:
        return "approval"
    return "delivery"


def document_type(kind: ApprovalDocKind, summary: str) -> str:
    folded = fold(summary).lower()
    if kind == ApprovalDocKind.SUBMISSION:
        return "submissionDocuments"
    if "dieu chinh" in folded:
        return "budgetAmendmentApproval"
    if "chu truong" in folded or "du an" in folded:
        return "budgetApproval"
    return "projectPlan"


def _dt(day: date | datetime | None) -> str | None:
    """A date as OC4IDS date-time (local midnight, +07:00)."""
    if day is None:
        return None
    if isinstance(day, datetime):
        return to_local(day).replace(microsecond=0).isoformat()
    return datetime.combine(day, time(0, 0), tzinfo=LOCAL_TZ).isoformat()


def _period(start: date | None, end: date | None) -> dict[str, str] | None:
    out = {k: v for k, v in (("startDate", _dt(start)), ("endDate", _dt(end))) if v}
    return out or None


def _value(amount: int | float) -> dict[str, Any]:
    return {"amount": amount, "currency": CURRENCY}


# ---------------------------------------------------------------- the export

def published_ids(session: Session) -> list[int]:
    return list(session.scalars(sa.select(Project.id).where(Project.published.is_(True)).order_by(Project.code)))


def _grouped(session: Session, query: sa.Select) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        out[row[0]].append(row)
    return out


def build_package(session: Session, now: datetime | None = None, project_ids: list[int] | None = None
                  ) -> dict[str, Any]:
    """The OC4IDS project package of the published projects (or of those of `project_ids` that are published)."""
    now = now or utcnow()
    today = to_local(now).date()
    prefix = str(settings.get(session, "project_oc4ids_prefix")).strip() or "oc4ids-dondoc"
    province = str(settings.get(session, "province_name"))
    ids = published_ids(session)
    if project_ids is not None:
        ids = [i for i in ids if i in set(project_ids)]
    projects = list(session.scalars(sa.select(Project).where(Project.id.in_(ids)).order_by(Project.code)))

    def where(column: Any) -> Any:
        return column.in_(ids)
    locations = _grouped(session, sa.select(ProjectLocation.project_id, ProjectLocation).where(
        where(ProjectLocation.project_id)).order_by(ProjectLocation.id))
    steps = _grouped(session, sa.select(ProjectStep.project_id, ProjectStep).where(
        where(ProjectStep.project_id)).order_by(ProjectStep.position))
    documents = _grouped(session, sa.select(ProjectDocument.project_id, ProjectDocument).where(
        where(ProjectDocument.project_id)).order_by(ProjectDocument.signed_on, ProjectDocument.id))
    plans = _grouped(session, sa.select(CapitalPlanLine.project_id, CapitalPlanLine.year, CapitalPlanLine.source,
                                        sa.func.sum(CapitalPlanLine.amount))
                     .where(where(CapitalPlanLine.project_id))
                     .group_by(CapitalPlanLine.project_id, CapitalPlanLine.year, CapitalPlanLine.source)
                     .order_by(CapitalPlanLine.year, CapitalPlanLine.source))
    disbursed = _grouped(session, sa.select(Disbursement.project_id, Disbursement.year, Disbursement.month,
                                            sa.func.sum(Disbursement.amount))
                         .where(where(Disbursement.project_id))
                         .group_by(Disbursement.project_id, Disbursement.year, Disbursement.month)
                         .order_by(Disbursement.year, Disbursement.month))
    progress = _grouped(session, sa.select(ProjectMonthlyProgress.project_id, ProjectMonthlyProgress)
                        .where(where(ProjectMonthlyProgress.project_id))
                        .order_by(ProjectMonthlyProgress.year, ProjectMonthlyProgress.month))
    photos = _grouped(session, sa.select(ProjectPhoto.project_id, ProjectPhoto).where(
        where(ProjectPhoto.project_id)).order_by(ProjectPhoto.taken_on, ProjectPhoto.id))
    settlements = {row.project_id: row for row in session.scalars(
        sa.select(ProjectSettlement).where(where(ProjectSettlement.project_id)))}
    unit_ids = {p.investor_unit_id for p in projects}
    unit_ids |= {loc.commune_id for rows in locations.values() for _, loc in rows}
    unit_ids |= {step.unit_id for rows in steps.values() for _, step in rows}
    names = dict(session.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
    out = []
    for project in projects:
        out.append(_project(project, prefix, names, today,
                            [loc for _, loc in locations.get(project.id, [])],
                            [step for _, step in steps.get(project.id, [])],
                            [doc for _, doc in documents.get(project.id, [])],
                            [row[1:] for row in plans.get(project.id, [])],
                            [row[1:] for row in disbursed.get(project.id, [])],
                            [p for _, p in progress.get(project.id, [])],
                            [p for _, p in photos.get(project.id, [])],
                            settlements.get(project.id)))
    return {
        "version": PACKAGE_VERSION,
        "uri": f"{prefix}-du-an-cong-khai.json",
        "publishedDate": _dt(now),
        "publisher": {"name": f"Ủy ban nhân dân {province[0].lower()}{province[1:]}" if province else "Đôn Đốc"},
        "license": LICENSE,
        "publicationPolicy": "Dự án đầu tư công được chủ đầu tư đánh dấu công khai trên phần mềm Đôn Đốc.",
        "projects": out,
    }


def _project(project: Project, prefix: str, names: dict[int, str], today: date, locations: list[ProjectLocation],
             steps: list[ProjectStep], documents: list[ProjectDocument], plans: list[tuple[int, Any, int]],
             disbursed: list[tuple[int, int, int]], progress: list[ProjectMonthlyProgress], photos: list[ProjectPhoto],
             settlement: ProjectSettlement | None) -> dict[str, Any]:
    investor_id = f"unit-{project.investor_unit_id}"
    description = f"{project.name}. Lĩnh vực: {project.field.label}."
    if project.project_group is not None:
        description += f" {project.project_group.label}."
    if project.management_form:
        description += f" Hình thức quản lý dự án: {project.management_form}."
    data: dict[str, Any] = {
        "id": f"{prefix}-{project.code}",
        "updated": _dt(project.updated_at),
        "language": "vi",
        "identifiers": [{"id": project.code, "scheme": "Mã dự án (phần mềm Đôn Đốc)"}],
        "publicAuthority": {"id": investor_id, "name": names.get(project.investor_unit_id, "")},
        "title": project.name,
        "description": description,
        "status": project_status(project.status, project.phase),
        "type": "construction",
        "sector": sectors(project.field, project.name),
        "period": _period(project.planned_start, project.planned_end),
        "budget": _budget(project, plans),
        "parties": _parties(project, names, steps),
    }
    for key, start, end in (("preparationPeriod", project.preparation_start, project.preparation_end),
                            ("implementationPeriod", project.implementation_start, project.implementation_end),
                            ("completionPeriod", project.closing_start, project.closing_end)):
        period = _period(start, end)
        if period:
            data[key] = period
    if locations:
        data["locations"] = [_location(loc, names) for loc in locations]
    docs = _documents(documents, photos, settlement)
    if docs:
        data["documents"] = docs
    if steps:
        data["milestones"] = [{
            "id": f"step-{step.id}", "title": step.name, "type": milestone_type(step.phase, step.name),
            "dueDate": _dt(step.deadline), **({"dateMet": _dt(step.actual_end)} if step.actual_end else {}),
            "status": milestone_status(step.deadline, step.actual_end, today)} for step in steps]
    metrics = _metrics(project, disbursed, progress)
    if metrics:
        data["metrics"] = metrics
    completion = _completion(settlement)
    if completion:
        data["completion"] = completion
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _budget(project: Project, plans: list[tuple[int, Any, int]]) -> dict[str, Any]:
    budget: dict[str, Any] = {"amount": _value(project.total_investment),
                              "description": "Tổng mức đầu tư được phê duyệt (đồng)."}
    breakdowns = []
    if project.capital_sources:
        breakdowns.append({"id": "nguon-von", "description": "Cơ cấu nguồn vốn trong tổng mức đầu tư",
                           "budgetBreakdown": [{"id": row.source.value, "description": row.source.label,
                                                "amount": _value(row.amount)} for row in project.capital_sources]})
    if plans:
        breakdowns.append({"id": "ke-hoach-von", "description": "Kế hoạch vốn theo năm và nguồn vốn",
                           "budgetBreakdown": [{
                               "id": f"{year}-{source.value}", "description": f"Năm {year} — {source.label}",
                               "amount": _value(int(amount)),
                               "period": _period(date(year, 1, 1), date(year, 12, 31))}
                               for year, source, amount in plans]})
    if breakdowns:
        budget["budgetBreakdowns"] = breakdowns
    return budget


def _parties(project: Project, names: dict[int, str], steps: list[ProjectStep]) -> list[dict[str, Any]]:
    roles: dict[int, list[str]] = {project.investor_unit_id: ["publicAuthority", "buyer"]}
    for step in steps:
        if step.unit_id not in roles:
            roles[step.unit_id] = ["reviewBody"]
    parties = [{"id": f"unit-{unit_id}", "name": names.get(unit_id, ""), "roles": unit_roles}
               for unit_id, unit_roles in roles.items()]
    if project.private_investor:
        parties.append({"id": f"private-{project.id}", "name": project.private_investor, "roles": ["funder"]})
    return parties


def _location(loc: ProjectLocation, names: dict[int, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f"unit-{loc.commune_id}", "description": names.get(loc.commune_id, "")}
    if loc.latitude is not None and loc.longitude is not None:
        out["geometry"] = {"type": "Point", "coordinates": [loc.longitude, loc.latitude]}   # GeoJSON: lon, lat
    return out


def _documents(documents: list[ProjectDocument], photos: list[ProjectPhoto],
               settlement: ProjectSettlement | None) -> list[dict[str, Any]]:
    special = {}
    if settlement is not None:
        special = {settlement.handover_document_id: "completionCertificate",
                   settlement.approval_document_id: "financialAuditReport"}
    out = []
    for doc in documents:
        out.append({k: v for k, v in {
            "id": f"doc-{doc.id}", "documentType": special.get(doc.id) or document_type(doc.kind, doc.summary),
            "title": f"{doc.kind.label} số {doc.number}", "description": doc.summary or None,
            "datePublished": _dt(doc.signed_on), "author": doc.issuer or None}.items() if v})
    for photo in photos:
        out.append({"id": f"photo-{photo.id}", "documentType": "illustration", "title": photo.caption or "Ảnh dự án",
                    "datePublished": _dt(photo.taken_on), "format": "image"})
    return out


def _metrics(project: Project, disbursed: list[tuple[int, int, int]],
             progress: list[ProjectMonthlyProgress]) -> list[dict[str, Any]]:
    metrics = []
    if progress:
        metrics.append({"id": "physicalProgress", "title": "Tiến độ thực hiện (khối lượng hoàn thành)",
                        "observations": [{
                            "id": f"{row.year}-{row.month:02d}",
                            "period": _period(date(row.year, row.month, 1), _month_end(row.year, row.month)),
                            "measure": round(float(row.physical_percent), 2), "unit": {"name": "%"}}
                            for row in progress]})
    if disbursed and project.total_investment > 0:
        total, observations = 0, []
        for year, month, amount in disbursed:
            total += int(amount)
            observations.append({
                "id": f"{year}-{month:02d}", "period": _period(date(year, month, 1), _month_end(year, month)),
                "value": _value(total), "measure": round(100 * total / project.total_investment, 2),
                "unit": {"name": "%"}, "notes": "Lũy kế giải ngân so với tổng mức đầu tư"})
        metrics.append({"id": "financialProgress", "title": "Tiến độ giải ngân (lũy kế / tổng mức đầu tư)",
                        "observations": observations})
    return metrics


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _completion(settlement: ProjectSettlement | None) -> dict[str, Any] | None:
    if settlement is None or (settlement.actual_end is None and settlement.final_value is None):
        return None
    out: dict[str, Any] = {}
    if settlement.actual_end is not None:
        out["endDate"] = _dt(settlement.actual_end)
    if settlement.final_value is not None:
        out["finalValue"] = _value(settlement.final_value)
    if settlement.difference_reasons:
        if "endDate" in out:
            out["endDateDetails"] = settlement.difference_reasons
        if "finalValue" in out:
            out["finalValueDetails"] = settlement.difference_reasons
    return out


def package_bytes(package: dict[str, Any]) -> bytes:
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


def export_json(session: Session, now: datetime | None = None) -> bytes:
    """The package as UTF-8 JSON, for the public page's download button."""
    return package_bytes(build_package(session, now))


# ---------------------------------------------------------------- validation

@cache
def project_schema() -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / "project-schema.json").read_text(encoding="utf-8"))


@cache
def codelist(name: str) -> frozenset[str]:
    with (SCHEMA_DIR / "codelists" / name).open(encoding="utf-8", newline="") as handle:
        return frozenset(row["Code"] for row in csv.DictReader(handle))


def schema_errors(project: dict[str, Any]) -> list[str]:
    """jsonschema's complaints about one project (empty: valid OC4IDS 0.9.5)."""
    from jsonschema import Draft4Validator, FormatChecker

    validator = Draft4Validator(project_schema(), format_checker=FormatChecker())
    return [f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
            for error in validator.iter_errors(project)]


def codelist_errors(project: dict[str, Any]) -> list[str]:
    """Every value of a field that names a codelist (open or closed) that is not in that codelist's CSV."""
    schema = project_schema()
    found: list[str] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def walk(value: Any, node: dict[str, Any], path: str) -> None:
        node = resolve(node)
        if "codelist" in node:
            values = value if isinstance(value, list) else [value]
            allowed = codelist(node["codelist"])
            found.extend(f"{path}: «{v}» không có trong {node['codelist']}" for v in values if v not in allowed)
            return
        if isinstance(value, dict):
            for key, item in value.items():
                child = node.get("properties", {}).get(key)
                if child is not None:
                    walk(item, child, f"{path}/{key}")
        elif isinstance(value, list) and "items" in node:
            for index, item in enumerate(value):
                walk(item, node["items"], f"{path}/{index}")

    walk(project, schema, "")
    return found


def validate_package(package: dict[str, Any]) -> list[str]:
    """Schema and codelist errors of every project of the package, each prefixed by the project's id."""
    errors = []
    if package.get("version") != PACKAGE_VERSION or not isinstance(package.get("projects"), list):
        errors.append("package: thiếu «version» 0.9 hoặc danh sách «projects»")
    for project in package.get("projects", []):
        pid = project.get("id", "?")
        errors.extend(f"{pid} {e}" for e in schema_errors(project) + codelist_errors(project))
    return errors
