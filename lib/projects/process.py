"""Process templates and each project's process (seed 000 art. 5.2, 7.1, 8.3).

Art. 5.2: «Thiết lập quy trình các bước thực hiện trong dự án. Phần mềm đã thiết lập cấu hình quy trình tự động ban
đầu, đơn vị sử dụng kiểm tra và hiệu chỉnh (nếu có) để phù hợp với nhu cầu quản lý của đơn vị, của dự án.»
Art. 7.1: «Chủ đầu tư khởi tạo thông tin dự án, cấu hình quy trình thực hiện tương ứng với dự án…»

Administrators (system administrator, Sở Tài chính's planning officers) keep the templates; the investor applies
the one proposed for the project's group and adjusts it (add, remove, move steps, change the resolving unit, the
duration, the deadline or the steps a step waits for). Planned dates always follow from the durations through the
working-day calendar: a step with nothing to wait for starts on the process's first working day, any other step the
working day after the last step it waits for ends; a step of n working days ends n − 1 working days after it starts.

Steps "in sequence": a step added or moved to a place waits for the step before it, and the step after it (if it
waited for that one) now waits for the new one; a removed step's followers wait for what it waited for."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor
from lib.core.calendar import WorkCalendar
from lib.core.enums import Role, UnitKind, UnitStatus
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.format import fmt_date
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.services.calendar_admin import work_calendar
from lib.core.text import nfc
from lib.projects import records, texts
from lib.projects.enums import ProjectGroup, ProjectPhase, ProjectStatus, ResolverKind
from lib.projects.models import (
    ProcessTemplate, Project, ProjectLocation, ProjectProcess, ProjectStep, ProjectStepLink, TemplateStep,
    TemplateStepLink,
)

TEMPLATE_ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.PLANNING_OFFICER})
# The official names the kinds of resolving unit are found by among the active units (the departments' names are
# the same in every province since the 2025 reform; the State Treasury's regional offices all begin so).
RESOLVER_NAMES: dict[ResolverKind, str] = {
    ResolverKind.FINANCE: "Sở Tài chính",
    ResolverKind.CONSTRUCTION: "Sở Xây dựng",
    ResolverKind.AGRICULTURE_ENVIRONMENT: "Sở Nông nghiệp và Môi trường",
}
TREASURY_PREFIX = "Kho bạc Nhà nước"
GROUP_ORDER = (ProjectGroup.NATIONAL, ProjectGroup.A, ProjectGroup.B, ProjectGroup.C)
CLOSED_STATUSES = frozenset({ProjectStatus.CANCELLED, ProjectStatus.COMPLETED})


# ---------------------------------------------------------------- planned dates (pure)

@dataclass(frozen=True)
class PlanStep:
    key: int
    name: str
    duration_days: int
    waits_for: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PlannedDates:
    start: date
    end: date


def check_duration(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValidationError(texts.PRC_DURATION_INVALID.format(name=name, value=value), field="duration_days")
    return value


def _cycle_error(steps: Mapping[int, PlanStep], cycle: list[int]) -> ValidationError:
    """`cycle` = [a, b, …, a]: a waits for b, …; named from its first link."""
    names = [steps[key].name for key in cycle]
    return ValidationError(texts.PRC_CYCLE.format(step=names[0], other=names[1],
                                                  cycle=" → ".join(f"«{name}»" for name in names)),
                           field="waits_for")


def _find_cycle(steps: Mapping[int, PlanStep], within: set[int]) -> list[int]:
    """A cycle among `within` (the steps a topological sort could not place): follow waits-for links until a step
    repeats."""
    current = min(within)
    path: list[int] = []
    seen: dict[int, int] = {}
    while current not in seen:
        seen[current] = len(path)
        path.append(current)
        current = min(k for k in steps[current].waits_for if k in within)
    return path[seen[current]:] + [current]


def topological_order(steps: Mapping[int, PlanStep]) -> list[int]:
    """The steps, each after every step it waits for; a cycle is refused with the steps it goes through."""
    for step in steps.values():
        unknown = step.waits_for - steps.keys()
        if unknown:
            raise NotFound(vi.ERR_NOT_FOUND)
    remaining = {key: set(step.waits_for) for key, step in steps.items()}
    order: list[int] = []
    ready = sorted(key for key, deps in remaining.items() if not deps)
    while ready:
        key = ready.pop(0)
        order.append(key)
        del remaining[key]
        for other, deps in remaining.items():
            if key in deps:
                deps.discard(key)
                if not deps:
                    ready.append(other)
        ready.sort()
    if remaining:
        raise _cycle_error(steps, _find_cycle(steps, set(remaining)))
    return order


def plan_dates(calendar: WorkCalendar, starts_on: date, steps: Iterable[PlanStep]) -> dict[int, PlannedDates]:
    """Planned start and end of every step: a step with nothing to wait for starts on the first working day on or
    after `starts_on`; any other the working day after the last step it waits for ends; n working days end n − 1
    working days after the start."""
    by_key = {step.key: step for step in steps}
    for step in by_key.values():
        check_duration(step.name, step.duration_days)
    first_day = calendar.on_or_next_working_day(starts_on)
    planned: dict[int, PlannedDates] = {}
    for key in topological_order(by_key):
        step = by_key[key]
        start = (calendar.next_working_day(max(planned[dep].end for dep in step.waits_for))
                 if step.waits_for else first_day)
        planned[key] = PlannedDates(start, calendar.add_working_days(start, step.duration_days - 1))
    return planned


# ---------------------------------------------------------------- steps in sequence (pure)

def detach(order: list[int], deps: dict[int, set[int]], key: int) -> None:
    """Take `key` out of the order; whoever waited for it now waits for what it waited for."""
    for other, waits in deps.items():
        if other != key and key in waits:
            waits.discard(key)
            waits.update(deps.get(key, set()) - {other})
    order.remove(key)
    deps.pop(key, None)


def insert_in_sequence(order: list[int], deps: dict[int, set[int]], key: int, index: int) -> None:
    """Put `key` at `index` (0-based): it waits for the step before it; the step after it, if it waited for that
    step (or for nothing, at the front), now waits for `key` instead."""
    previous = order[index - 1] if index > 0 else None
    following = order[index] if index < len(order) else None
    deps[key] = {previous} if previous is not None else set()
    if following is not None:
        waits = deps.setdefault(following, set())
        if previous is not None and previous in waits:
            waits.discard(previous)
            waits.add(key)
        elif previous is None and not waits:
            waits.add(key)
    order.insert(index, key)


# ---------------------------------------------------------------- common checks

def _clean_name(value: str | None) -> str:
    name = " ".join((nfc(value) or "").split())
    if not name:
        raise ValidationError(texts.PRC_STEP_NAME_REQUIRED, field="name")
    return name


def _active_unit(session: Session, unit_id: int | None, step_name: str) -> Unit:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None:
        raise ValidationError(texts.PRC_UNIT_REQUIRED.format(name=step_name), field="unit_id")
    if unit.status != UnitStatus.ACTIVE:
        raise ValidationError(texts.PRC_UNIT_INACTIVE.format(unit=unit.name), field="unit_id")
    return unit


def _position_index(position: int | None, count: int) -> int:
    """A 1-based position (None: at the end) as an index into a list of `count` items plus the one inserted."""
    if position is None:
        return count
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= count + 1:
        raise ValidationError(texts.PRC_POSITION_INVALID.format(count=count + 1), field="position")
    return position - 1


# ---------------------------------------------------------------- templates (administrators)

@dataclass
class TemplateStepInput:
    name: str
    phase: ProjectPhase
    resolver_kind: ResolverKind
    duration_days: int
    unit_id: int | None = None          # only for ResolverKind.UNIT
    position: int | None = None         # 1-based; None: at the end
    waits_for: list[int] | None = None  # ids of steps of the same template; None: in sequence


def _require_template_admin(session: Session, actor: Actor) -> None:
    if not actor.has(*TEMPLATE_ADMIN_ROLES):
        raise PermissionDenied(texts.PRC_TEMPLATE_ADMIN_ONLY)
    audit.bind_actor(session, actor.id, actor.full_name)


def _template(session: Session, template_id: int, expected_version: int | None = None) -> ProcessTemplate:
    template = session.get(ProcessTemplate, template_id)
    if template is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    if expected_version is not None and template.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    return template


def _template_name(session: Session, name: str | None, template_id: int | None) -> str:
    clean = " ".join((nfc(name) or "").split())
    if not clean:
        raise ValidationError(texts.PRC_TEMPLATE_NAME_REQUIRED, field="name")
    taken = session.scalar(sa.select(ProcessTemplate.id).where(ProcessTemplate.name == clean))
    if taken is not None and taken != template_id:
        raise ConflictError(texts.PRC_TEMPLATE_NAME_TAKEN.format(name=clean), field="name")
    return clean


def create_template(session: Session, actor: Actor, name: str, description: str = "",
                    project_group: ProjectGroup | None = None) -> int:
    _require_template_admin(session, actor)
    template = ProcessTemplate(name=_template_name(session, name, None), description=nfc(description or "").strip(),
                               project_group=project_group, created_by_id=actor.id)
    session.add(template)
    session.flush()
    return template.id


def update_template(session: Session, actor: Actor, template_id: int, expected_version: int | None, *, name: str,
                    description: str, project_group: ProjectGroup | None, active: bool) -> None:
    """Rename, describe, change the group it is proposed for, or deactivate (a deactivated template is no longer
    proposed nor applied; the projects that used it keep their steps)."""
    _require_template_admin(session, actor)
    template = _template(session, template_id, expected_version)
    template.name = _template_name(session, name, template.id)
    template.description = nfc(description or "").strip()
    template.project_group = project_group
    template.active = active
    session.flush()


def _check_template_step(session: Session, name: str, data: TemplateStepInput) -> None:
    check_duration(name, data.duration_days)
    if data.resolver_kind == ResolverKind.UNIT:
        _active_unit(session, data.unit_id, name)
    elif data.unit_id is not None:
        raise ValidationError(texts.PRC_UNIT_ONLY_FOR_KIND_UNIT.format(name=name, kind=data.resolver_kind.label),
                              field="unit_id")


def _template_graph(template: ProcessTemplate) -> tuple[list[int], dict[int, set[int]]]:
    order = [step.id for step in template.steps]
    return order, {step.id: {link.depends_on_id for link in step.waits_for} for step in template.steps}


def _save_template_graph(session: Session, template: ProcessTemplate, order: list[int],
                         deps: dict[int, set[int]]) -> None:
    """Positions and links as `order` and `deps` say, after checking there is no cycle; the template's version moves
    (one adjustment at a time)."""
    steps = {step.id: step for step in template.steps}
    topological_order({key: PlanStep(key, steps[key].name, 1, frozenset(deps.get(key, set()))) for key in order})
    for position, key in enumerate(order, start=1):
        steps[key].position = position
    for key in order:
        step = steps[key]
        wanted = deps.get(key, set())
        for link in list(step.waits_for):
            if link.depends_on_id not in wanted:
                step.waits_for.remove(link)
        have = {link.depends_on_id for link in step.waits_for}
        for dep in sorted(wanted - have):
            step.waits_for.append(TemplateStepLink(depends_on_id=dep))
    template.updated_at = utcnow()
    session.flush()
    session.expire(template, ["steps"])


def add_template_step(session: Session, actor: Actor, template_id: int, data: TemplateStepInput,
                      expected_version: int | None = None) -> int:
    _require_template_admin(session, actor)
    template = _template(session, template_id, expected_version)
    name = _clean_name(data.name)
    _check_template_step(session, name, data)
    order, deps = _template_graph(template)
    index = _position_index(data.position, len(order))
    if data.waits_for is not None and not set(data.waits_for) <= set(order):
        raise NotFound(vi.ERR_NOT_FOUND)
    step = TemplateStep(position=len(order) + 1, phase=data.phase, name=name, resolver_kind=data.resolver_kind,
                        unit_id=data.unit_id, duration_days=data.duration_days)
    template.steps.append(step)
    session.flush()
    insert_in_sequence(order, deps, step.id, index)
    if data.waits_for is not None:
        deps[step.id] = set(data.waits_for)
    _save_template_graph(session, template, order, deps)
    return step.id


def _template_step(session: Session, template: ProcessTemplate, step_id: int) -> TemplateStep:
    step = session.get(TemplateStep, step_id)
    if step is None or step.template_id != template.id:
        raise NotFound(vi.ERR_NOT_FOUND)
    return step


def update_template_step(session: Session, actor: Actor, template_id: int, step_id: int, data: TemplateStepInput,
                         expected_version: int | None = None) -> None:
    """Name, phase, resolver, duration and (when `data.waits_for` is given) the steps it waits for."""
    _require_template_admin(session, actor)
    template = _template(session, template_id, expected_version)
    step = _template_step(session, template, step_id)
    name = _clean_name(data.name)
    _check_template_step(session, name, data)
    step.name, step.phase, step.resolver_kind = name, data.phase, data.resolver_kind
    step.unit_id, step.duration_days = data.unit_id, data.duration_days
    order, deps = _template_graph(template)
    if data.waits_for is not None:
        if not set(data.waits_for) <= set(order):
            raise NotFound(vi.ERR_NOT_FOUND)
        deps[step.id] = set(data.waits_for)
    if data.position is not None and data.position - 1 != order.index(step.id):
        detach(order, deps, step.id)
        index = _position_index(data.position, len(order))
        insert_in_sequence(order, deps, step.id, index)
    _save_template_graph(session, template, order, deps)


def remove_template_step(session: Session, actor: Actor, template_id: int, step_id: int,
                         expected_version: int | None = None) -> None:
    _require_template_admin(session, actor)
    template = _template(session, template_id, expected_version)
    step = _template_step(session, template, step_id)
    order, deps = _template_graph(template)
    detach(order, deps, step.id)
    for other in template.steps:   # the links pointing at it go first
        for link in list(other.waits_for):
            if link.depends_on_id == step.id:
                other.waits_for.remove(link)
    session.flush()
    template.steps.remove(step)
    session.flush()
    _save_template_graph(session, template, order, deps)


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    description: str
    project_group: ProjectGroup | None
    active: bool
    step_count: int
    total_days: int          # the working days of the longest chain of steps (the template's critical path)
    version: int


@dataclass(frozen=True)
class TemplateStepRow:
    id: int
    position: int
    phase: ProjectPhase
    name: str
    resolver_kind: ResolverKind
    resolver: str            # the kind's label, or the unit's name
    duration_days: int
    waits_for: tuple[int, ...]   # positions of the steps it waits for


def _critical_days(template: ProcessTemplate) -> int:
    steps = {s.id: PlanStep(s.id, s.name, s.duration_days, frozenset(link.depends_on_id for link in s.waits_for))
             for s in template.steps}
    finish: dict[int, int] = {}
    for key in topological_order(steps):
        finish[key] = steps[key].duration_days + max((finish[d] for d in steps[key].waits_for), default=0)
    return max(finish.values(), default=0)


def list_templates(session: Session, actor: Actor, *, active_only: bool = False) -> list[TemplateRow]:
    """Every template (anyone with a log-in may read them: investors choose one)."""
    query = sa.select(ProcessTemplate).order_by(ProcessTemplate.name)
    if active_only:
        query = query.where(ProcessTemplate.active.is_(True))
    return [TemplateRow(t.id, t.name, t.description, t.project_group, t.active, len(t.steps), _critical_days(t),
                        t.version) for t in session.scalars(query)]


def template_steps(session: Session, actor: Actor, template_id: int) -> list[TemplateStepRow]:
    template = _template(session, template_id)
    positions = {step.id: step.position for step in template.steps}
    names = _unit_names(session, [s.unit_id for s in template.steps if s.unit_id is not None])
    return [TemplateStepRow(s.id, s.position, s.phase, s.name, s.resolver_kind,
                            names[s.unit_id] if s.unit_id is not None else s.resolver_kind.label, s.duration_days,
                            tuple(sorted(positions[link.depends_on_id] for link in s.waits_for)))
            for s in template.steps]


def _unit_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(session.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(wanted))).all())


# ---------------------------------------------------------------- proposing and applying a template

def pick_template(candidates: Iterable[tuple[int, ProjectGroup | None]], group: ProjectGroup | None) -> int | None:
    """The template for a project of `group`: one made for that group; else the nearest group's, the larger group
    first (a fuller process); else one for any group (None). Ties: the smallest id."""
    pairs = sorted(candidates)
    if group is None:
        return next((tid for tid, g in pairs if g is None), None)
    rank = GROUP_ORDER.index(group)
    grouped = [(abs(GROUP_ORDER.index(g) - rank), GROUP_ORDER.index(g) > rank, tid) for tid, g in pairs
               if g is not None]
    if grouped:
        return min(grouped)[2]
    return next((tid for tid, g in pairs if g is None), None)


def propose_template(session: Session, actor: Actor, project_id: int) -> int | None:
    """The active template proposed for the project (seed 000 art. 5.2: «cấu hình quy trình tự động ban đầu»)."""
    project = records._project(session, actor, project_id)
    candidates = session.execute(sa.select(ProcessTemplate.id, ProcessTemplate.project_group)
                                 .where(ProcessTemplate.active.is_(True))).all()
    return pick_template([(tid, g) for tid, g in candidates], project.project_group)


def _writable_project(session: Session, actor: Actor, project_id: int) -> Project:
    project = records._project(session, actor, project_id)
    records._require_writer(session, actor, project.kind, project.investor_unit_id)
    if project.status in CLOSED_STATUSES:
        raise ValidationError(texts.PRC_PROJECT_CLOSED.format(status=project.status.label))
    audit.bind_actor(session, actor.id, actor.full_name)
    return project


def _resolver_units(session: Session, project: Project) -> dict[ResolverKind, int | None]:
    """Each kind of resolving unit as the unit that resolves it for this project (None: no such active unit)."""
    active = session.execute(sa.select(Unit.id, Unit.name).where(Unit.status == UnitStatus.ACTIVE)
                             .order_by(Unit.id)).all()
    by_name = {nfc(name): uid for uid, name in reversed(active)}
    commune = session.scalar(sa.select(ProjectLocation.commune_id).join(Unit, Unit.id == ProjectLocation.commune_id)
                             .where(ProjectLocation.project_id == project.id, Unit.status == UnitStatus.ACTIVE,
                                    Unit.kind == UnitKind.COMMUNE)
                             .order_by(ProjectLocation.id).limit(1))
    treasury = next((uid for uid, name in active if nfc(name).startswith(TREASURY_PREFIX)), None)
    province = session.scalar(sa.select(Unit.id).where(Unit.kind == UnitKind.PEOPLES_COMMITTEE,
                                                       Unit.parent_id.is_(None), Unit.status == UnitStatus.ACTIVE)
                              .order_by(Unit.id).limit(1))
    found: dict[ResolverKind, int | None] = {kind: by_name.get(name) for kind, name in RESOLVER_NAMES.items()}
    found.update({ResolverKind.INVESTOR: project.investor_unit_id, ResolverKind.COMMUNE: commune,
                  ResolverKind.TREASURY: treasury, ResolverKind.PROVINCE: province})
    return found


@dataclass(frozen=True)
class Applied:
    step_ids: list[int]
    notes: list[str] = field(default_factory=list)   # steps given to the investor for want of a unit


def apply_template(session: Session, actor: Actor, project_id: int, template_id: int, start: date) -> Applied:
    """Create the project's steps from the template (seed 000 art. 7.1), each kind of resolving unit made the unit
    of this project, the planned dates computed from `start`. A process whose steps have not begun is replaced."""
    project = _writable_project(session, actor, project_id)
    template = _template(session, template_id)
    if not template.active:
        raise ValidationError(texts.PRC_TEMPLATE_INACTIVE.format(name=template.name), field="template_id")
    if not template.steps:
        raise ValidationError(texts.PRC_TEMPLATE_EMPTY.format(name=template.name), field="template_id")
    process = session.scalar(sa.select(ProjectProcess).where(ProjectProcess.project_id == project.id))
    if process is not None:
        _drop_steps(session, project.id)
        process.template_id, process.starts_on = template.id, start
    else:
        process = ProjectProcess(project_id=project.id, template_id=template.id, starts_on=start,
                                 created_by_id=actor.id)
        session.add(process)
    units = _resolver_units(session, project)
    notes: list[str] = []
    new_ids: dict[int, ProjectStep] = {}
    for source in template.steps:
        unit_id = source.unit_id if source.resolver_kind == ResolverKind.UNIT else units[source.resolver_kind]
        unit = session.get(Unit, unit_id) if unit_id is not None else None
        if unit is None or unit.status != UnitStatus.ACTIVE:
            kind = unit.name if unit is not None else source.resolver_kind.label
            notes.append(texts.PRC_RESOLVER_FALLBACK.format(kind=kind, name=source.name))
            unit_id = project.investor_unit_id
        step = ProjectStep(project_id=project.id, position=source.position, phase=source.phase, name=source.name,
                           unit_id=unit_id, resolver_kind=source.resolver_kind, duration_days=source.duration_days,
                           planned_start=start, planned_end=start, deadline=start)
        session.add(step)
        new_ids[source.id] = step
    session.flush()
    for source in template.steps:
        for link in source.waits_for:
            session.add(ProjectStepLink(step_id=new_ids[source.id].id, depends_on_id=new_ids[link.depends_on_id].id))
    session.flush()
    _replan(session, project.id, process)
    return Applied([step.id for step in new_ids.values()], notes)


def _drop_steps(session: Session, project_id: int) -> None:
    steps = list(session.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)))
    if any(step.actual_start is not None or step.actual_end is not None for step in steps):
        raise ValidationError(texts.PRC_PROCESS_STARTED)
    ids = [step.id for step in steps]
    for link in session.scalars(sa.select(ProjectStepLink).where(ProjectStepLink.step_id.in_(ids))):
        session.delete(link)
    session.flush()
    for step in steps:
        session.delete(step)
    session.flush()


# ---------------------------------------------------------------- the project's steps: recomputing

def _steps_of(session: Session, project_id: int) -> list[ProjectStep]:
    return list(session.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                                .order_by(ProjectStep.position, ProjectStep.id)))


def _links_of(session: Session, step_ids: list[int]) -> list[ProjectStepLink]:
    if not step_ids:
        return []
    return list(session.scalars(sa.select(ProjectStepLink).where(ProjectStepLink.step_id.in_(step_ids))))


def _graph(session: Session, steps: list[ProjectStep]) -> tuple[list[int], dict[int, set[int]]]:
    deps: dict[int, set[int]] = {step.id: set() for step in steps}
    for link in _links_of(session, list(deps)):
        deps[link.step_id].add(link.depends_on_id)
    return [step.id for step in steps], deps


def _replan(session: Session, project_id: int, process: ProjectProcess,
            graph: tuple[list[int], dict[int, set[int]]] | None = None) -> None:
    """Store positions and links (when `graph` is given), then recompute every planned date; a deadline the
    investor set stays, one that would fall before its step's new start is refused."""
    steps = _steps_of(session, project_id)
    by_id = {step.id: step for step in steps}
    order, deps = graph if graph is not None else _graph(session, steps)
    planned = plan_dates(work_calendar(session), process.starts_on,
                         [PlanStep(key, by_id[key].name, by_id[key].duration_days, frozenset(deps[key]))
                          for key in order])
    if graph is not None:
        _store_links(session, order, deps)
    for position, key in enumerate(order, start=1):
        step, dates = by_id[key], planned[key]
        step.position, step.planned_start, step.planned_end = position, dates.start, dates.end
        if not step.deadline_set:
            step.deadline = dates.end
        elif step.deadline < dates.start:
            raise ValidationError(texts.PRC_DEADLINE_BEFORE_START.format(
                name=step.name, deadline=fmt_date(step.deadline), start=fmt_date(dates.start)), field="deadline")
    process.updated_at = utcnow()   # the process's version moves with every adjustment
    records._flush(session)


def _store_links(session: Session, order: list[int], deps: dict[int, set[int]]) -> None:
    current = _links_of(session, order)
    have = {(link.step_id, link.depends_on_id): link for link in current}
    wanted = {(key, dep) for key in order for dep in deps.get(key, set())}
    for pair, link in have.items():
        if pair not in wanted:
            session.delete(link)
    for step_id, dep in sorted(wanted - have.keys()):
        session.add(ProjectStepLink(step_id=step_id, depends_on_id=dep))
    session.flush()


def _process(session: Session, project: Project, expected_version: int | None) -> ProjectProcess:
    process = session.scalar(sa.select(ProjectProcess).where(ProjectProcess.project_id == project.id))
    if process is None:
        raise ValidationError(texts.PRC_NO_PROCESS)
    if expected_version is not None and process.version != expected_version:
        raise ConflictError(vi.ERR_STALE)
    return process


def _step(session: Session, project: Project, step_id: int) -> ProjectStep:
    step = session.get(ProjectStep, step_id)
    if step is None or step.project_id != project.id:
        raise NotFound(vi.ERR_NOT_FOUND)
    return step


# ---------------------------------------------------------------- the investor's adjustments

@dataclass
class StepInput:
    name: str
    phase: ProjectPhase
    unit_id: int
    duration_days: int
    position: int | None = None          # 1-based; None: at the end
    waits_for: list[int] | None = None   # ids of steps of the project; None: in sequence
    deadline: date | None = None         # None: the planned end


def add_step(session: Session, actor: Actor, project_id: int, expected_version: int | None,
             data: StepInput) -> int:
    project = _writable_project(session, actor, project_id)
    process = _process(session, project, expected_version)
    name = _clean_name(data.name)
    check_duration(name, data.duration_days)
    _active_unit(session, data.unit_id, name)
    order, deps = _graph(session, _steps_of(session, project.id))
    index = _position_index(data.position, len(order))
    if data.waits_for is not None and not set(data.waits_for) <= set(order):
        raise NotFound(vi.ERR_NOT_FOUND)
    step = ProjectStep(project_id=project.id, position=index + 1, phase=data.phase, name=name, unit_id=data.unit_id,
                       resolver_kind=ResolverKind.UNIT, duration_days=data.duration_days,
                       planned_start=process.starts_on, planned_end=process.starts_on,
                       deadline=data.deadline or process.starts_on, deadline_set=data.deadline is not None)
    session.add(step)
    session.flush()
    insert_in_sequence(order, deps, step.id, index)
    if data.waits_for is not None:
        deps[step.id] = set(data.waits_for)
    _replan(session, project.id, process, (order, deps))
    return step.id


def remove_step(session: Session, actor: Actor, project_id: int, expected_version: int | None, step_id: int) -> None:
    """Remove a step that has not begun; the steps that waited for it wait for what it waited for."""
    project = _writable_project(session, actor, project_id)
    process = _process(session, project, expected_version)
    step = _step(session, project, step_id)
    if step.actual_start is not None or step.actual_end is not None:
        raise ValidationError(texts.PRC_STEP_STARTED.format(name=step.name))
    order, deps = _graph(session, _steps_of(session, project.id))
    detach(order, deps, step.id)
    _store_links(session, order + [step.id], {**deps, step.id: set()})
    session.delete(step)
    session.flush()
    _replan(session, project.id, process, (order, deps))


def move_step(session: Session, actor: Actor, project_id: int, expected_version: int | None, step_id: int,
              position: int) -> None:
    """Move a step to `position` (1-based), in sequence: its old neighbours are joined, it waits for its new
    predecessor and its new follower waits for it."""
    project = _writable_project(session, actor, project_id)
    process = _process(session, project, expected_version)
    step = _step(session, project, step_id)
    order, deps = _graph(session, _steps_of(session, project.id))
    detach(order, deps, step.id)
    insert_in_sequence(order, deps, step.id, _position_index(position, len(order)))
    _replan(session, project.id, process, (order, deps))


_UNCHANGED = object()


def _adjustable(step: ProjectStep) -> tuple:
    return step.name, step.phase, step.unit_id, step.duration_days, step.deadline, step.deadline_set


def update_step(session: Session, actor: Actor, project_id: int, expected_version: int | None, step_id: int, *,
                name: str | None = None, phase: ProjectPhase | None = None, unit_id: int | None = None,
                duration_days: int | None = None, deadline: date | None | object = _UNCHANGED,
                waits_for: list[int] | None = None) -> None:
    """Change what the investor adjusts on one step (None: unchanged; `deadline=None` gives the deadline back to the
    planned end); the planned dates of the steps that follow are recomputed."""
    project = _writable_project(session, actor, project_id)
    process = _process(session, project, expected_version)
    step = _step(session, project, step_id)
    before = _adjustable(step)
    if name is not None:
        step.name = _clean_name(name)
    if phase is not None:
        step.phase = phase
    if unit_id is not None and unit_id != step.unit_id:
        _active_unit(session, unit_id, step.name)
        step.unit_id, step.resolver_kind = unit_id, ResolverKind.UNIT
    if duration_days is not None:
        step.duration_days = check_duration(step.name, duration_days)
    if deadline is not _UNCHANGED:
        step.deadline_set = deadline is not None
        if isinstance(deadline, date):
            step.deadline = deadline
    order, deps = _graph(session, _steps_of(session, project.id))
    if waits_for is not None and not set(waits_for) <= set(order):
        raise NotFound(vi.ERR_NOT_FOUND)
    if _adjustable(step) == before and (waits_for is None or set(waits_for) == deps[step.id]):
        raise ValidationError(texts.PRC_NOTHING_CHANGED)
    if waits_for is not None:
        deps[step.id] = set(waits_for)
    _replan(session, project.id, process, (order, deps))


def set_start(session: Session, actor: Actor, project_id: int, expected_version: int | None, start: date) -> None:
    """Move the day the process starts; every planned date follows."""
    project = _writable_project(session, actor, project_id)
    process = _process(session, project, expected_version)
    process.starts_on = start
    _replan(session, project.id, process)


# ---------------------------------------------------------------- plugging into the core

def move_open_steps(session: Session, predecessor_id: int, successor_id: int) -> int:
    """A merged unit's steps not finished yet (of projects still running or paused) pass to its successor, and so do
    the template steps named for it; finished steps keep the unit that resolved them (its lateness stays its own)."""
    moved = 0
    open_projects = sa.select(Project.id).where(Project.status.not_in(list(CLOSED_STATUSES)))
    for step in session.scalars(sa.select(ProjectStep).where(ProjectStep.unit_id == predecessor_id,
                                                             ProjectStep.actual_end.is_(None),
                                                             ProjectStep.project_id.in_(open_projects))):
        step.unit_id = successor_id
        moved += 1
    for template_step in session.scalars(sa.select(TemplateStep).where(TemplateStep.unit_id == predecessor_id)):
        template_step.unit_id = successor_id
        moved += 1
    return moved


def _register() -> None:
    from lib.core.services.units import MERGE_HANDLERS

    if move_open_steps not in MERGE_HANDLERS:
        MERGE_HANDLERS.append(move_open_steps)


_register()


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class StepRow:
    id: int
    position: int
    phase: ProjectPhase
    name: str
    unit_id: int
    unit: str
    resolver_kind: ResolverKind
    duration_days: int
    planned_start: date
    planned_end: date
    deadline: date
    deadline_set: bool
    waits_for: tuple[int, ...]   # positions of the steps it waits for
    actual_start: date | None
    actual_end: date | None


@dataclass(frozen=True)
class ProcessView:
    template: str | None
    starts_on: date
    version: int
    steps: list[StepRow]
    may_edit: bool


def project_process(session: Session, actor: Actor, project_id: int) -> ProcessView | None:
    """The project's steps in order (None: no process yet), for whoever may see the project."""
    project = records._project(session, actor, project_id)
    process = session.scalar(sa.select(ProjectProcess).where(ProjectProcess.project_id == project.id))
    if process is None:
        return None
    steps = _steps_of(session, project.id)
    order, deps = _graph(session, steps)
    positions = {step.id: step.position for step in steps}
    names = _unit_names(session, [step.unit_id for step in steps])
    # the template's name only (getting the template would load all its steps and links)
    template = (session.scalar(sa.select(ProcessTemplate.name).where(ProcessTemplate.id == process.template_id))
                if process.template_id is not None else None)
    try:
        records._require_writer(session, actor, project.kind, project.investor_unit_id)
        may_edit = project.status not in CLOSED_STATUSES
    except PermissionDenied:
        may_edit = False
    rows = [StepRow(s.id, s.position, s.phase, s.name, s.unit_id, names[s.unit_id], s.resolver_kind,
                    s.duration_days, s.planned_start, s.planned_end, s.deadline, s.deadline_set,
                    tuple(sorted(positions[d] for d in deps[s.id])), s.actual_start, s.actual_end) for s in steps]
    return ProcessView(template, process.starts_on, process.version, rows, may_edit)


def process_version(session: Session, actor: Actor, project_id: int) -> int | None:
    """The version an adjustment must name (None: no process yet), for whoever may see the project."""
    project = records._project(session, actor, project_id)
    return session.scalar(sa.select(ProjectProcess.version).where(ProjectProcess.project_id == project.id))

