"""A project's record («Cấu hình thông tin», seed 000 art. 7): creation by the investor within 10 working days of the
start of its investment-policy preparation (art. 9.1), corrections, approving documents, approved changes entered
within 5 working days (art. 7.2) with their history, and the status history (tạm dừng, hủy bỏ, hoàn thành).

Scope (art. 4, 6, 8.3, 11): the investor's people see and edit their own projects; leaders and the Department of
Finance see all; private projects (art. 11.4) are entered by the Department of Finance; anyone else gets the same
«not found» as for a missing project, whatever id they type."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, Scope, data_scope, subtree_ids
from lib.core.calendar import WorkCalendar, to_local
from lib.core.enums import Role, UnitKind, UnitStatus
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date, fmt_money_short
from lib.core.models import Attachment, Unit
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import fold, nfc
from lib.projects import rules, texts
from lib.projects.enums import (
    ApprovalDocKind, CapitalSource, ChangeKind, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
    ProjectStatus,
)
from lib.projects.models import (
    Project, ProjectCapitalSource, ProjectChange, ProjectDocument, ProjectLocation, ProjectStatusChange,
)

# Leaders follow every project (art. 6), the Department of Finance every disbursement and the private projects
# (art. 11, role «Cán bộ Sở Tài chính (kế hoạch, đầu tư)»), the system administrator manages the software (art. 10).
PROJECT_WIDE_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.LEADER, Role.PLANNING_OFFICER})
INVESTOR_WRITER_ROLES = frozenset({Role.UNIT_EDITOR, Role.UNIT_ADMIN})
# A bulk import from Excel (issue 10 item 9): Sở Tài chính and the administrator load projects of any investor.
BULK_ANY_INVESTOR_ROLES = frozenset({Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN})
PUBLIC_SOURCES = frozenset(CapitalSource) - {CapitalSource.OTHER}
OWNER_DOCUMENT = "project_document"
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9./_-]{1,29}$")

# The approved values (art. 7.2): each changes only with the document that approved it.
APPROVED_FIELDS: dict[str, tuple[ChangeKind, str]] = {
    "total_investment": (ChangeKind.TOTAL_INVESTMENT, "Tổng mức đầu tư"),
    "planned_start": (ChangeKind.SCHEDULE, "Ngày dự kiến bắt đầu"),
    "planned_end": (ChangeKind.SCHEDULE, "Ngày dự kiến kết thúc"),
    "project_group": (ChangeKind.GROUP, "Nhóm dự án"),
    "investor_unit_id": (ChangeKind.INVESTOR, "Chủ đầu tư"),
}
PHASE_DATES = (("preparation_start", "preparation_end", "Chuẩn bị đầu tư"),
               ("implementation_start", "implementation_end", "Thực hiện đầu tư"),
               ("closing_start", "closing_end", "Kết thúc đầu tư"))
# Allowed status moves; cancelled and completed projects stay as they are.
STATUS_MOVES: dict[ProjectStatus, frozenset[ProjectStatus]] = {
    ProjectStatus.ACTIVE: frozenset({ProjectStatus.PAUSED, ProjectStatus.CANCELLED, ProjectStatus.COMPLETED}),
    ProjectStatus.PAUSED: frozenset({ProjectStatus.ACTIVE, ProjectStatus.CANCELLED}),
    ProjectStatus.CANCELLED: frozenset(),
    ProjectStatus.COMPLETED: frozenset(),
}
REASON_ACTIONS = {ProjectStatus.PAUSED: "tạm dừng", ProjectStatus.CANCELLED: "hủy bỏ"}


# ---------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class LocationInput:
    commune_id: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class PhaseDates:
    """The dates of each phase (art. 7.3); preparation_start is when the investment policy's preparation began."""

    preparation_start: date
    preparation_end: date | None = None
    implementation_start: date | None = None
    implementation_end: date | None = None
    closing_start: date | None = None
    closing_end: date | None = None


@dataclass
class ProjectInput:
    code: str
    name: str
    field: ProjectField
    total_investment: int                       # đồng
    planned_start: date
    planned_end: date
    phases: PhaseDates
    locations: list[LocationInput]
    kind: ProjectKind = ProjectKind.PUBLIC
    group: ProjectGroup | None = None           # required for a public project
    deciding_level: DecidingLevel | None = None  # required for a public project
    investor_unit_id: int | None = None         # a public project's investor; a private one: the actor's unit
    private_investor: str | None = None         # the private investor's name (art. 11.4)
    management_form: str = ""
    capital_sources: dict[CapitalSource, int] = dataclasses.field(default_factory=dict)
    phase: ProjectPhase = ProjectPhase.PREPARATION
    published: bool = False


@dataclass
class RecordEdit:
    """What the investor corrects without an approving document; the approved values go through `apply_change`."""

    name: str
    field: ProjectField
    deciding_level: DecidingLevel | None
    management_form: str
    phases: PhaseDates
    locations: list[LocationInput]
    capital_sources: dict[CapitalSource, int]
    published: bool
    private_investor: str | None = None


@dataclass
class DocumentInput:
    kind: ApprovalDocKind
    number: str
    signed_on: date
    issuer: str
    summary: str = ""


@dataclass
class ChangeInput:
    """An approved change (art. 7.2): the document that approved it, the day it took effect, the new values (None:
    unchanged)."""

    document_id: int
    effective_on: date
    total_investment: int | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    group: ProjectGroup | None = None
    investor_unit_id: int | None = None


# ---------------------------------------------------------------- scope and rights

def project_scope(session: Session, actor: Actor) -> Scope:
    return data_scope(session, actor, PROJECT_WIDE_ROLES)


def visible_project_clause(scope: Scope) -> sa.ColumnElement[bool]:
    return scope.clause(Project.investor_unit_id)


def _project(session: Session, actor: Actor, project_id: int) -> Project:
    """The project if the actor may see it; NotFound otherwise (a typed id reveals nothing)."""
    project = session.get(Project, project_id)
    if project is None or not project_scope(session, actor).contains(project.investor_unit_id):
        raise NotFound(vi.ERR_NOT_FOUND)
    return project


def _require_writer(session: Session, actor: Actor, kind: ProjectKind, investor_unit_id: int | None) -> None:
    """Private projects: the Department of Finance (art. 11.4). Public ones: the investor's editors (art. 7, 8.3)."""
    if kind == ProjectKind.PRIVATE:
        if not actor.has(Role.PLANNING_OFFICER):
            raise PermissionDenied(texts.PRJ_PRIVATE_FINANCE_ONLY)
        return
    if not actor.has(*INVESTOR_WRITER_ROLES):
        raise PermissionDenied(texts.PRJ_READ_ONLY if actor.has(Role.UNIT_VIEWER) else vi.ERR_NO_PERMISSION)
    if investor_unit_id not in subtree_ids(session, actor.unit_id):
        raise PermissionDenied(texts.PRJ_NOT_INVESTOR)


def _writable(session: Session, actor: Actor, project_id: int, expected_version: int | None) -> Project:
    project = _project(session, actor, project_id)
    _require_writer(session, actor, project.kind, project.investor_unit_id)
    if expected_version is not None and project.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    audit.bind_actor(session, actor.id, actor.full_name)
    return project


def _flush(session: Session) -> None:
    try:
        session.flush()
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(vi.ERR_STALE) from error


# ---------------------------------------------------------------- checks

def _clean_code(value: str) -> str:
    code = re.sub(r"\s+", "", nfc(value) or "").upper()
    if not code:
        raise ValidationError(texts.PRJ_CODE_REQUIRED, field="code")
    if not CODE_RE.match(code):
        raise ValidationError(texts.PRJ_CODE_INVALID.format(value=value.strip()), field="code")
    return code


def _clean_text(value: str | None, message: str, field_name: str) -> str:
    text = _squash(value)
    if not text:
        raise ValidationError(message, field=field_name)
    return text


def _squash(value: str | None) -> str:
    """NFC, with runs of white space made one space."""
    return " ".join((nfc(value) or "").split())


def _check_total(total: Any) -> int:
    if isinstance(total, bool) or not isinstance(total, int) or total <= 0:
        raise ValidationError(texts.PRJ_TOTAL_INVALID.format(value=total), field="total_investment")
    return total


def _check_order(start: date | None, end: date | None, start_label: str, end_label: str, field_name: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(texts.PRJ_END_BEFORE_START.format(end_label=end_label, end=fmt_date(end),
                                                                start_label=start_label, start=fmt_date(start)),
                              field=field_name)


def _check_dates(planned_start: date, planned_end: date, phases: PhaseDates) -> None:
    _check_order(planned_start, planned_end, "ngày dự kiến bắt đầu", "Ngày dự kiến kết thúc", "planned_end")
    starts = []
    for start_key, end_key, label in PHASE_DATES:
        start, end = getattr(phases, start_key), getattr(phases, end_key)
        _check_order(start, end, f"ngày bắt đầu giai đoạn {label.lower()}",
                     f"Ngày kết thúc giai đoạn {label.lower()}", end_key)
        if start is not None:
            starts.append((start, label, start_key))
    for (earlier, earlier_label, _), (later, later_label, key) in zip(starts, starts[1:]):
        if later < earlier:
            raise ValidationError(texts.PRJ_PHASE_ORDER.format(
                later_label=f"Ngày bắt đầu giai đoạn {later_label.lower()}", later=fmt_date(later),
                earlier_label=f"ngày bắt đầu giai đoạn {earlier_label.lower()}", earlier=fmt_date(earlier)), field=key)


def _check_sources(kind: ProjectKind, sources: dict[CapitalSource, int], total: int) -> dict[CapitalSource, int]:
    for source, amount in sources.items():
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValidationError(texts.PRJ_SOURCE_NEGATIVE.format(source=source.label, value=amount),
                                  field="capital_sources")
        if kind == ProjectKind.PRIVATE and source in PUBLIC_SOURCES and amount:
            raise ValidationError(texts.PRJ_PRIVATE_PUBLIC_CAPITAL.format(source=source.label),
                                  field="capital_sources")
    if sum(sources.values()) > total:
        raise ValidationError(texts.PRJ_SOURCES_ABOVE_TOTAL.format(sources=fmt_money_short(sum(sources.values())),
                                                                   total=fmt_money_short(total)),
                              field="capital_sources")
    return {source: amount for source, amount in sources.items() if amount}


def _check_group(session: Session, kind: ProjectKind, group: ProjectGroup | None, field_class: ProjectField,
                 total: int) -> None:
    """A public project's group must be the one its total investment and field give (Luật Đầu tư công 58/2024)."""
    if kind == ProjectKind.PRIVATE:
        return
    if group is None:
        raise ValidationError(texts.PRJ_GROUP_REQUIRED, field="group")
    message = rules.group_mismatch(rules.group_thresholds(session), field_class, total, group)
    if message:
        raise ValidationError(message, field="group")


def _check_locations(session: Session, locations: list[LocationInput]) -> list[LocationInput]:
    if not locations:
        raise ValidationError(texts.PRJ_LOCATION_REQUIRED, field="locations")
    seen: set[int] = set()
    for location in locations:
        unit = session.get(Unit, location.commune_id)
        if unit is None or unit.kind != UnitKind.COMMUNE or unit.status != UnitStatus.ACTIVE:
            name = unit.name if unit is not None else f"#{location.commune_id}"
            raise ValidationError(texts.PRJ_LOCATION_NOT_COMMUNE.format(unit=name), field="locations")
        if location.commune_id in seen:
            raise ValidationError(texts.PRJ_LOCATION_DUPLICATE.format(unit=unit.name), field="locations")
        seen.add(location.commune_id)
        _check_coordinates(location, unit.name)
    return locations


def _check_coordinates(location: LocationInput, name: str) -> None:
    lat, lon = location.latitude, location.longitude
    if lat is None and lon is None:
        return
    if lat is None or lon is None or not (8 <= lat <= 24 and 102 <= lon <= 118):
        raise ValidationError(texts.PRJ_COORDINATES_INVALID.format(unit=name), field="locations")


def _active_unit(session: Session, unit_id: int | None) -> Unit:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None or unit.status != UnitStatus.ACTIVE:
        raise ValidationError(texts.PRJ_INVESTOR_INVALID, field="investor_unit_id")
    return unit


def _check_code_free(session: Session, code: str) -> None:
    if session.scalar(sa.select(Project.id).where(Project.code == code)) is not None:
        raise ConflictError(texts.PRJ_CODE_TAKEN.format(code=code), field="code")


# ---------------------------------------------------------------- creation

def _investor_of(session: Session, actor: Actor, data: ProjectInput, bulk: bool = False) -> int:
    """A private project belongs to the Department of Finance's unit; a public one to an investor the actor is in
    (in a bulk import from Excel, Sở Tài chính and the administrator may name any active investor)."""
    if data.kind == ProjectKind.PRIVATE:
        _require_writer(session, actor, data.kind, None)
        return actor.unit_id
    if bulk and actor.has(*BULK_ANY_INVESTOR_ROLES):
        return _active_unit(session, data.investor_unit_id).id
    _require_writer(session, actor, data.kind, actor.unit_id)
    unit = _active_unit(session, data.investor_unit_id)
    if unit.id not in subtree_ids(session, actor.unit_id):
        raise PermissionDenied(texts.PRJ_INVESTOR_OUT_OF_SCOPE)
    return unit.id


def _clean_input(session: Session, data: ProjectInput, today: date) -> tuple[str, str, dict[CapitalSource, int]]:
    code = _clean_code(data.code)
    name = _clean_text(data.name, texts.PRJ_NAME_REQUIRED, "name")
    total = _check_total(data.total_investment)
    _check_dates(data.planned_start, data.planned_end, data.phases)
    if data.phases.preparation_start > today:
        raise ValidationError(texts.PRJ_PREPARATION_FUTURE.format(day=fmt_date(data.phases.preparation_start)),
                              field="preparation_start")
    if data.kind == ProjectKind.PUBLIC and data.deciding_level is None:
        raise ValidationError(texts.PRJ_LEVEL_REQUIRED, field="deciding_level")
    if data.kind == ProjectKind.PRIVATE:
        _clean_text(data.private_investor, texts.PRJ_PRIVATE_INVESTOR_REQUIRED, "private_investor")
    _check_group(session, data.kind, data.group, data.field, total)
    sources = _check_sources(data.kind, data.capital_sources, total)
    _check_locations(session, data.locations)
    _check_code_free(session, code)
    return code, name, sources


def check_new_project(session: Session, actor: Actor, data: ProjectInput, now: datetime | None = None, *,
                      bulk: bool = False) -> None:
    """Every check of `create_project`, writing nothing: the Excel import checks each row with it before it
    creates any project (all or nothing)."""
    _investor_of(session, actor, data, bulk)
    _clean_input(session, data, to_local(now or utcnow()).date())


def create_project(session: Session, actor: Actor, data: ProjectInput, now: datetime | None = None, *,
                   bulk: bool = False) -> int:
    """Create a project's record; a public one records how late it was entered against art. 9.1 (10 working days
    from the start of the investment-policy preparation, a setting). `bulk`: an import from Excel."""
    now = now or utcnow()
    today = to_local(now).date()
    investor_unit_id = _investor_of(session, actor, data, bulk)
    code, name, sources = _clean_input(session, data, today)
    private = data.kind == ProjectKind.PRIVATE
    lateness = None if private else rules.entry_lateness(
        work_calendar(session), data.phases.preparation_start,
        int(settings.get(session, "project_entry_working_days")), today)
    audit.bind_actor(session, actor.id, actor.full_name)
    project = Project(
        code=code, name=name, kind=data.kind, field=data.field, project_group=None if private else data.group,
        deciding_level=None if private else data.deciding_level, investor_unit_id=investor_unit_id,
        private_investor=_squash(data.private_investor) if private else None,
        management_form=_squash(data.management_form),
        total_investment=data.total_investment, planned_start=data.planned_start, planned_end=data.planned_end,
        **_phase_values(data.phases), phase=data.phase, status=ProjectStatus.ACTIVE, published=data.published,
        entered_at=now, entry_due_on=lateness.due if lateness else None,
        entry_late_days=lateness.late_days if lateness else None, created_by_id=actor.id,
        search_key=fold(f"{code} {name}"),
    )
    project.locations = [_location_row(loc) for loc in data.locations]
    project.capital_sources = [ProjectCapitalSource(source=s, amount=a) for s, a in sources.items()]
    session.add(project)
    try:
        session.flush()
    except sa.exc.IntegrityError as error:  # the same code saved by someone else a moment ago
        raise ConflictError(texts.PRJ_CODE_TAKEN.format(code=code), field="code") from error
    session.add(ProjectStatusChange(project_id=project.id, old_status=None, new_status=ProjectStatus.ACTIVE,
                                    old_phase=None, new_phase=data.phase, effective_on=data.phases.preparation_start,
                                    at=now, actor_id=actor.id))
    session.flush()
    return project.id


def _phase_values(phases: PhaseDates) -> dict[str, date | None]:
    return {key: getattr(phases, key) for pair in PHASE_DATES for key in pair[:2]}


def _location_row(location: LocationInput) -> ProjectLocation:
    return ProjectLocation(commune_id=location.commune_id, latitude=location.latitude, longitude=location.longitude)


# ---------------------------------------------------------------- corrections

def update_project(session: Session, actor: Actor, project_id: int, expected_version: int | None,
                   edit: RecordEdit) -> None:
    """Correct the record's other information (name, field, deciding level, management form, phase dates,
    locations, capital sources, publication); the group is checked again when the field changes."""
    project = _writable(session, actor, project_id, expected_version)
    name = _clean_text(edit.name, texts.PRJ_NAME_REQUIRED, "name")
    _check_dates(project.planned_start, project.planned_end, edit.phases)
    if project.kind == ProjectKind.PUBLIC and edit.deciding_level is None:
        raise ValidationError(texts.PRJ_LEVEL_REQUIRED, field="deciding_level")
    _check_group(session, project.kind, project.project_group, edit.field, project.total_investment)
    sources = _check_sources(project.kind, edit.capital_sources, project.total_investment)
    _check_locations(session, edit.locations)
    project.name, project.field, project.published = name, edit.field, edit.published
    if project.kind == ProjectKind.PUBLIC:
        project.deciding_level = edit.deciding_level
    else:
        project.private_investor = _clean_text(edit.private_investor, texts.PRJ_PRIVATE_INVESTOR_REQUIRED,
                                               "private_investor")
    project.management_form = _squash(edit.management_form)
    for key, value in _phase_values(edit.phases).items():
        setattr(project, key, value)
    _replace_locations(project, edit.locations)
    _replace_sources(project, sources)
    project.search_key = fold(f"{project.code} {name}")
    _flush(session)


def _replace_locations(project: Project, locations: list[LocationInput]) -> None:
    by_commune = {row.commune_id: row for row in project.locations}
    wanted = {loc.commune_id: loc for loc in locations}
    project.locations = [row for row in project.locations if row.commune_id in wanted]
    for commune_id, loc in wanted.items():
        row = by_commune.get(commune_id)
        if row is None:
            project.locations.append(_location_row(loc))
        else:
            row.latitude, row.longitude = loc.latitude, loc.longitude


def _replace_sources(project: Project, sources: dict[CapitalSource, int]) -> None:
    by_source = {row.source: row for row in project.capital_sources}
    project.capital_sources = [row for row in project.capital_sources if row.source in sources]
    for source, amount in sources.items():
        row = by_source.get(source)
        if row is None:
            project.capital_sources.append(ProjectCapitalSource(source=source, amount=amount))
        else:
            row.amount = amount


# ---------------------------------------------------------------- approving documents

def add_document(session: Session, actor: Actor, project_id: int, doc: DocumentInput,
                 upload: Upload | None = None, now: datetime | None = None) -> int:
    """File a tờ trình or quyết định behind the record's values (art. 7.3), with its signed file if any."""
    project = _writable(session, actor, project_id, None)
    today = to_local(now or utcnow()).date()
    number = _clean_text(doc.number, texts.PRJ_DOC_NUMBER_REQUIRED, "number")
    issuer = _clean_text(doc.issuer, texts.PRJ_DOC_ISSUER_REQUIRED, "issuer")
    if doc.signed_on > today:
        raise ValidationError(texts.PRJ_DOC_FUTURE.format(day=fmt_date(doc.signed_on)), field="signed_on")
    row = ProjectDocument(project_id=project.id, kind=doc.kind, number=number, signed_on=doc.signed_on,
                          issuer=issuer, summary=nfc(doc.summary or "").strip(), created_by_id=actor.id)
    session.add(row)
    session.flush()
    if upload is not None:
        row.attachment_id = attachments.save_upload(
            session, actor, filename=upload.filename, data=upload.data, owner_type=OWNER_DOCUMENT,
            owner_id=row.id, unit_id=project.investor_unit_id, is_public=project.published)
        session.flush()
    return row.id


def _document_of(session: Session, project: Project, document_id: int | None) -> ProjectDocument:
    row = session.get(ProjectDocument, document_id) if document_id is not None else None
    if row is None or row.project_id != project.id:
        raise NotFound(vi.ERR_NOT_FOUND)
    return row


# ---------------------------------------------------------------- approved changes

def _new_values(project: Project, change: ChangeInput) -> dict[str, Any]:
    """The approved values that `change` really changes, by attribute."""
    proposed = {"total_investment": change.total_investment, "planned_start": change.planned_start,
                "planned_end": change.planned_end, "project_group": change.group,
                "investor_unit_id": change.investor_unit_id}
    return {key: value for key, value in proposed.items()
            if value is not None and value != getattr(project, key)}


def _check_change(session: Session, project: Project, new: dict[str, Any]) -> None:
    merged = {key: new.get(key, getattr(project, key)) for key in APPROVED_FIELDS}
    if "total_investment" in new:
        _check_total(new["total_investment"])
    phases = PhaseDates(**_phase_values_of(project))
    _check_dates(merged["planned_start"], merged["planned_end"], phases)
    _check_group(session, project.kind, merged["project_group"], project.field, merged["total_investment"])
    _check_sources(project.kind, {row.source: row.amount for row in project.capital_sources},
                   merged["total_investment"])
    if "investor_unit_id" in new:
        if project.kind == ProjectKind.PRIVATE:
            raise ValidationError(texts.PRJ_CHANGE_PRIVATE_INVESTOR, field="investor_unit_id")
        _active_unit(session, new["investor_unit_id"])


def _phase_values_of(project: Project) -> dict[str, date | None]:
    return {key: getattr(project, key) for pair in PHASE_DATES for key in pair[:2]}


def apply_change(session: Session, actor: Actor, project_id: int, expected_version: int | None,
                 change: ChangeInput, now: datetime | None = None) -> list[int]:
    """Enter an approved change (art. 7.2): every changed value keeps its old and new value, the approving document,
    the day it took effect and how late it was entered (5 working days from that day, a setting). The group is
    checked against the resulting total investment. Returns the ids of the history rows."""
    now = now or utcnow()
    project = _writable(session, actor, project_id, expected_version)
    document = _document_of(session, project, change.document_id)
    if change.effective_on < document.signed_on:
        raise ValidationError(texts.PRJ_CHANGE_BEFORE_DOCUMENT.format(
            effective=fmt_date(change.effective_on), number=document.number, signed=fmt_date(document.signed_on)),
            field="effective_on")
    new = _new_values(project, change)
    if not new:
        raise ValidationError(texts.PRJ_CHANGE_NOTHING)
    _check_change(session, project, new)
    lateness = rules.entry_lateness(work_calendar(session), change.effective_on,
                                    int(settings.get(session, "project_change_working_days")),
                                    to_local(now).date())
    rows = []
    for key, value in new.items():
        kind = APPROVED_FIELDS[key][0]
        rows.append(ProjectChange(
            project_id=project.id, kind=kind, field_name=key, old_value=_stored(getattr(project, key)),
            new_value=_stored(value), document_id=document.id, effective_on=change.effective_on, entered_at=now,
            entered_by_id=actor.id, entry_due_on=lateness.due, entry_late_days=lateness.late_days))
        setattr(project, key, value)
    session.add_all(rows)
    _flush(session)
    return [row.id for row in rows]


def _stored(value: Any) -> str | None:
    """A value as the history keeps it: enum value, ISO date, plain integer."""
    if value is None:
        return None
    if isinstance(value, ProjectGroup):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- status

def change_status(session: Session, actor: Actor, project_id: int, expected_version: int | None, *,
                  status: ProjectStatus, phase: ProjectPhase | None = None, effective_on: date, reason: str = "",
                  document_id: int | None = None, now: datetime | None = None) -> int:
    """Move the project's status (and phase): pausing and cancelling need a reason; cancelled and completed are
    final. Every move is kept in the status history."""
    now = now or utcnow()
    project = _writable(session, actor, project_id, expected_version)
    phase = phase or project.phase
    if status == project.status and phase == project.phase:
        raise ValidationError(texts.PRJ_STATUS_UNCHANGED, field="status")
    if status != project.status and status not in STATUS_MOVES[project.status]:
        raise ValidationError(texts.PRJ_STATUS_FINAL.format(status=project.status.label), field="status")
    reason = _squash(reason)
    if status in REASON_ACTIONS and status != project.status and not reason:
        raise ValidationError(texts.PRJ_STATUS_REASON.format(action=REASON_ACTIONS[status]), field="reason")
    if effective_on > to_local(now).date():
        raise ValidationError(texts.PRJ_STATUS_FUTURE.format(day=fmt_date(effective_on)), field="effective_on")
    if document_id is not None:
        _document_of(session, project, document_id)
    row = ProjectStatusChange(project_id=project.id, old_status=project.status, new_status=status,
                              old_phase=project.phase, new_phase=phase, effective_on=effective_on, reason=reason,
                              document_id=document_id, at=now, actor_id=actor.id)
    project.status, project.phase = status, phase
    session.add(row)
    _flush(session)
    return row.id


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class ProjectRow:
    id: int
    code: str
    name: str
    kind: ProjectKind
    group: ProjectGroup | None
    investor: str
    total_investment: int
    phase: ProjectPhase
    status: ProjectStatus
    version: int


def list_projects(session: Session, actor: Actor) -> list[ProjectRow]:
    """The projects the actor may see, by code."""
    query = (sa.select(Project.id, Project.code, Project.name, Project.kind, Project.project_group, Unit.name,
                       Project.total_investment, Project.phase, Project.status, Project.version)
             .join(Unit, Unit.id == Project.investor_unit_id)
             .where(visible_project_clause(project_scope(session, actor))).order_by(Project.code))
    return [ProjectRow(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class ProjectDetail:
    project: Project
    investor: str
    locations: list[tuple[str, float | None, float | None]]
    capital_sources: list[tuple[CapitalSource, int]]
    entry_explanation: str | None
    may_edit: bool


def project_detail(session: Session, actor: Actor, project_id: int) -> ProjectDetail:
    project = _project(session, actor, project_id)
    names = _unit_names(session, [project.investor_unit_id, *(loc.commune_id for loc in project.locations)])
    explanation = None
    if project.entry_due_on is not None:
        calendar = work_calendar(session)
        lateness = rules.EntryLateness(project.preparation_start,
                                       calendar.working_days_between(project.preparation_start, project.entry_due_on),
                                       project.entry_due_on, to_local(project.entered_at).date(),
                                       project.entry_late_days or 0)
        explanation = rules.explain_entry(calendar, lateness, texts.PRJ_START_PREPARATION, "khởi tạo")
    try:
        _require_writer(session, actor, project.kind, project.investor_unit_id)
        may_edit = True
    except PermissionDenied:
        may_edit = False
    return ProjectDetail(project, names[project.investor_unit_id],
                         [(names[loc.commune_id], loc.latitude, loc.longitude) for loc in project.locations],
                         [(row.source, row.amount) for row in project.capital_sources], explanation, may_edit)


def _unit_names(session: Session, ids: list[int]) -> dict[int, str]:
    return dict(session.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(set(ids)))).all())


@dataclass(frozen=True)
class ChangeRow:
    kind: ChangeKind
    label: str
    old: str
    new: str
    document: str
    effective_on: date
    entered_at: datetime
    entry_due_on: date
    entry_late_days: int
    explanation: str


def value_history(session: Session, actor: Actor, project_id: int) -> list[ChangeRow]:
    """Every approved change, oldest first, with values as users read them and the lateness arithmetic."""
    project = _project(session, actor, project_id)
    rows = session.execute(sa.select(ProjectChange, ProjectDocument)
                           .join(ProjectDocument, ProjectDocument.id == ProjectChange.document_id)
                           .where(ProjectChange.project_id == project.id)
                           .order_by(ProjectChange.entered_at, ProjectChange.id)).all()
    unit_ids = [int(v) for change, _ in rows if change.field_name == "investor_unit_id"
                for v in (change.old_value, change.new_value) if v]
    names = _unit_names(session, unit_ids)
    calendar = work_calendar(session)
    return [_change_row(calendar, change, document, names) for change, document in rows]


def _change_row(calendar: WorkCalendar, change: ProjectChange, document: ProjectDocument,
                names: dict[int, str]) -> ChangeRow:
    lateness = rules.EntryLateness(change.effective_on, calendar.working_days_between(change.effective_on,
                                                                                      change.entry_due_on),
                                   change.entry_due_on, to_local(change.entered_at).date(), change.entry_late_days)
    return ChangeRow(change.kind, APPROVED_FIELDS[change.field_name][1],
                     _shown(change.field_name, change.old_value, names), _shown(change.field_name, change.new_value,
                                                                                 names),
                     f"{document.kind.label} số {document.number} ngày {fmt_date(document.signed_on)} "
                     f"của {document.issuer}", change.effective_on, change.entered_at, change.entry_due_on,
                     change.entry_late_days, rules.explain_entry(calendar, lateness, texts.PRJ_START_CHANGE))


def _shown(field_name: str, value: str | None, names: dict[int, str]) -> str:
    if value is None:
        return "(trống)"
    if field_name == "total_investment":
        return fmt_money_short(int(value))
    if field_name in ("planned_start", "planned_end"):
        return fmt_date(date.fromisoformat(value))
    if field_name == "project_group":
        return ProjectGroup(value).label
    return names.get(int(value), value)


@dataclass(frozen=True)
class StatusRow:
    old_status: ProjectStatus | None
    new_status: ProjectStatus
    old_phase: ProjectPhase | None
    new_phase: ProjectPhase
    effective_on: date
    reason: str
    at: datetime


def status_history(session: Session, actor: Actor, project_id: int) -> list[StatusRow]:
    project = _project(session, actor, project_id)
    rows = session.scalars(sa.select(ProjectStatusChange).where(ProjectStatusChange.project_id == project.id)
                           .order_by(ProjectStatusChange.at, ProjectStatusChange.id))
    return [StatusRow(r.old_status, r.new_status, r.old_phase, r.new_phase, r.effective_on, r.reason, r.at)
            for r in rows]


def counted_in_progress(status: ProjectStatus) -> bool:
    """Paused and cancelled projects are kept out of progress totals and rates (issue 10, item 1)."""
    return status not in (ProjectStatus.PAUSED, ProjectStatus.CANCELLED)


# ---------------------------------------------------------------- plugging into the core

def _document_read_rule(session: Session, actor: Actor, row: Attachment) -> bool:
    """A project document's file: whoever may see the project."""
    document = session.get(ProjectDocument, row.owner_id) if row.owner_id is not None else None
    if document is None:
        return False
    try:
        _project(session, actor, document.project_id)
    except NotFound:
        return False
    return True


def move_open_projects(session: Session, predecessor_id: int, successor_id: int) -> int:
    """A merged investor's projects that are still running (or paused) pass to its successor; completed and
    cancelled ones stay with the old name, as records of the past."""
    moved = 0
    for project in session.scalars(sa.select(Project).where(
            Project.investor_unit_id == predecessor_id,
            Project.status.in_([ProjectStatus.ACTIVE, ProjectStatus.PAUSED]))):
        project.investor_unit_id = successor_id
        moved += 1
    return moved


def _register() -> None:
    from lib.core.services.units import MERGE_HANDLERS

    if move_open_projects not in MERGE_HANDLERS:
        MERGE_HANDLERS.append(move_open_projects)
    attachments.READ_RULES[OWNER_DOCUMENT] = _document_read_rule


_register()
