"""Chỉ số CCHC — rounds (đợt đánh giá): the units assessed, the self-assessment deadline, who appraises and who
approves each field, the score components outside self-assessment, closing and publication.

Everything here is the PAR administrator's (Sở Nội vụ, seed 004 art. 7.1, 9.1).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, require_role
from lib.core.calendar import local_today, to_local
from lib.core.enums import AccountStatus, Role, UnitKind, UnitStatus
from lib.par.enums import ParMemberKind, ParRoundStatus, ParUnitGroup
from lib.core.errors import NotFound, ValidationError
from lib.core.format import fmt_date, fmt_decimal
from lib.core.models import Account, AccountRole, Unit
from lib.par.models import ParAssessment, ParComponent, ParComponentScore, ParRound, ParRoundMember, ParScore
from lib.core import excel_reader
from lib.core.excel import save_workbook
from lib.par import catalogue as par_catalogue
from lib.par.catalogue import CellError, ImportRefused, to_decimal
from lib.core.text import fold, nfc

ADMIN_ROLES = (Role.PAR_ADMIN,)
GROUP_OF_KIND = {
    UnitKind.DEPARTMENT: ParUnitGroup.DEPARTMENT, UnitKind.OFFICE: ParUnitGroup.DEPARTMENT,
    UnitKind.ECONOMIC_ZONE: ParUnitGroup.DEPARTMENT,
    UnitKind.DISTRICT: ParUnitGroup.DISTRICT, UnitKind.COMMUNE: ParUnitGroup.COMMUNE,
}
ROLE_OF_KIND = {ParMemberKind.ASSESSOR: Role.PAR_ASSESSOR, ParMemberKind.COUNCIL: Role.PAR_COUNCIL}


@dataclass
class RoundInput:
    year: int
    name: str
    self_deadline: date
    unit_ids: list[int]
    appraisal_deadline: date | None = None   # the assistance teams finish every field (seed 004 art. 7.3)
    council_deadline: date | None = None     # the councils approve every field (art. 7.4)


def _check_deadlines(self_deadline: date, appraisal_deadline: date | None, council_deadline: date | None) -> None:
    """Each step comes after the one before it: self-assessment, appraisal, approval (seed 004 art. 7.2–7.4)."""
    if appraisal_deadline is not None and appraisal_deadline < self_deadline:
        raise ValidationError(vi.PAR_ROUND_APPRAISAL_DEADLINE.format(self=fmt_date(self_deadline)),
                              field="appraisal_deadline")
    if council_deadline is not None and council_deadline < (appraisal_deadline or self_deadline):
        raise ValidationError(vi.PAR_ROUND_COUNCIL_DEADLINE.format(before=fmt_date(appraisal_deadline
                                                                                   or self_deadline)),
                              field="council_deadline")


def late_days(deadline: date | None, at: datetime | None = None) -> int:
    """Days past one of a round's deadlines at a moment (now by default), by the date in Vietnam; 0 when on time
    or when the round sets no such deadline."""
    if deadline is None:
        return 0
    day = to_local(at).date() if at is not None else local_today()
    return max(0, (day - deadline).days)


def group_of(unit: Unit) -> ParUnitGroup | None:
    return GROUP_OF_KIND.get(unit.kind)


def assessable_units(session: Session) -> list[Unit]:
    """Active units that take part in the index: departments (sở, ban, ngành) and local governments."""
    return list(session.scalars(sa.select(Unit).where(
        Unit.status == UnitStatus.ACTIVE, Unit.kind.in_(list(GROUP_OF_KIND))).order_by(Unit.kind, Unit.name)))


def get_round(session: Session, round_id: int) -> ParRound:
    row = session.get(ParRound, round_id)
    if row is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    return row


def rounds(session: Session) -> list[ParRound]:
    return list(session.scalars(sa.select(ParRound).order_by(ParRound.year.desc(), ParRound.id.desc())))


def require_open(row: ParRound) -> None:
    if row.status == ParRoundStatus.CLOSED:
        raise ValidationError(vi.PAR_ROUND_CLOSED.format(round=row.name))


def _check_trees(session: Session, year: int, groups: set[ParUnitGroup]) -> None:
    for group in sorted(groups):
        nodes = par_catalogue.tree(session, year, group)
        if not nodes:
            raise ValidationError(vi.PAR_TREE_EMPTY.format(year=year, group=group.label))
        found = par_catalogue.problems(nodes)
        if found:
            raise ValidationError(vi.PAR_ROUND_TREE_PROBLEMS.format(year=year, group=group.label,
                                                                     problems=" ".join(found[:3])))


def _units_for(session: Session, unit_ids: list[int]) -> list[Unit]:
    units = [session.get(Unit, i) for i in dict.fromkeys(unit_ids)]
    for unit in units:
        if unit is None:
            raise NotFound(vi.ERR_NOT_FOUND)
        if group_of(unit) is None or unit.status != UnitStatus.ACTIVE:
            raise ValidationError(vi.PAR_ROUND_UNIT_KIND.format(unit=unit.name))
    return units


def _add_assessments(session: Session, row: ParRound, units: list[Unit]) -> None:
    _check_trees(session, row.year, {group_of(u) for u in units})
    for unit in units:
        taken = session.scalar(sa.select(ParRound.name).join(ParAssessment).where(
            ParRound.year == row.year, ParAssessment.unit_id == unit.id))
        if taken:
            raise ValidationError(vi.PAR_ROUND_UNIT_TAKEN.format(unit=unit.name, round=taken, year=row.year))
        session.add(ParAssessment(round_id=row.id, unit_id=unit.id, unit_group=group_of(unit)))


def create_round(session: Session, actor: Actor, data: RoundInput) -> int:
    """Open self-assessment for the chosen units (each scored on its kind's tree of that year)."""
    require_role(actor, *ADMIN_ROLES)
    name = nfc(data.name or "").strip()
    if not name:
        raise ValidationError(vi.PAR_ROUND_NAME_REQUIRED, field="name")
    if not data.unit_ids:
        raise ValidationError(vi.PAR_ROUND_NO_UNITS, field="units")
    _check_deadlines(data.self_deadline, data.appraisal_deadline, data.council_deadline)
    units = _units_for(session, data.unit_ids)
    audit.bind_actor(session, actor.id, actor.full_name)
    row = ParRound(year=data.year, name=name, self_deadline=data.self_deadline, created_by_id=actor.id,
                   appraisal_deadline=data.appraisal_deadline, council_deadline=data.council_deadline)
    session.add(row)
    session.flush()
    _add_assessments(session, row, units)
    session.flush()
    return row.id


def add_units(session: Session, actor: Actor, round_id: int, unit_ids: list[int]) -> None:
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    require_open(row)
    audit.bind_actor(session, actor.id, actor.full_name)
    _add_assessments(session, row, _units_for(session, unit_ids))
    session.flush()


def update_round(session: Session, actor: Actor, round_id: int, *, name: str, self_deadline: date,
                 appraisal_deadline: date | None = None, council_deadline: date | None = None) -> None:
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    require_open(row)
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError(vi.PAR_ROUND_NAME_REQUIRED, field="name")
    _check_deadlines(self_deadline, appraisal_deadline, council_deadline)
    audit.bind_actor(session, actor.id, actor.full_name)
    row.name, row.self_deadline = name, self_deadline
    row.appraisal_deadline, row.council_deadline = appraisal_deadline, council_deadline
    session.flush()


def close_round(session: Session, actor: Actor, round_id: int) -> None:
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    require_open(row)
    audit.bind_actor(session, actor.id, actor.full_name)
    row.status = ParRoundStatus.CLOSED
    session.flush()


def publish(session: Session, actor: Actor, round_id: int, *, to_leaders: bool, to_public: bool) -> None:
    """Show the results to the province's leaders and, optionally, on the public page (public implies leaders)."""
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    audit.bind_actor(session, actor.id, actor.full_name)
    row.published_to_leaders = bool(to_leaders or to_public)
    row.published_to_public = bool(to_public)
    session.flush()


# ---------------------------------------------------------------- members (Tổ giúp việc, Hội đồng thẩm định)

def eligible_members(session: Session, kind: ParMemberKind) -> list[Account]:
    return list(session.scalars(sa.select(Account).join(AccountRole, AccountRole.account_id == Account.id).where(
        AccountRole.role == ROLE_OF_KIND[kind], Account.status == AccountStatus.ACTIVE).order_by(Account.full_name)))


def members(session: Session, round_id: int) -> dict[tuple[str, ParMemberKind], list[int]]:
    out: dict[tuple[str, ParMemberKind], list[int]] = {}
    for m in session.scalars(sa.select(ParRoundMember).where(ParRoundMember.round_id == round_id)):
        out.setdefault((m.field_code, m.kind), []).append(m.account_id)
    return out


def set_members(session: Session, actor: Actor, round_id: int, field_code: str, kind: ParMemberKind,
                account_ids: list[int]) -> None:
    """The members of the team (or council) for one field; replaces the previous list."""
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    require_open(row)
    role = ROLE_OF_KIND[kind]
    for account_id in account_ids:
        account = session.get(Account, account_id)
        if account is None or account.status != AccountStatus.ACTIVE or role not in {r.role for r in account.role_rows}:
            raise ValidationError(vi.PAR_ROUND_MEMBER_ROLE.format(name=account.full_name if account else account_id,
                                                                  role=role.label))
    audit.bind_actor(session, actor.id, actor.full_name)
    current = {m.account_id: m for m in row.members if m.field_code == field_code and m.kind == kind}
    for account_id, member in current.items():
        if account_id not in account_ids:
            row.members.remove(member)
    for account_id in dict.fromkeys(account_ids):
        if account_id not in current:
            row.members.append(ParRoundMember(field_code=field_code, account_id=account_id, kind=kind))
    session.flush()


def field_codes_of(session: Session, actor: Actor, round_id: int, kind: ParMemberKind) -> set[str]:
    return set(session.scalars(sa.select(ParRoundMember.field_code).where(
        ParRoundMember.round_id == round_id, ParRoundMember.account_id == actor.id, ParRoundMember.kind == kind)))


# ---------------------------------------------------------------- other components (e.g. the survey)

def add_component(session: Session, actor: Actor, round_id: int, name: str, max_score: object) -> int:
    require_role(actor, *ADMIN_ROLES)
    row = get_round(session, round_id)
    require_open(row)
    name = nfc(name or "").strip()
    if not name:
        raise ValidationError(vi.PAR_COMPONENT_NAME_REQUIRED, field="name")
    try:
        maximum = to_decimal(max_score)
    except ValueError:
        maximum = None
    if maximum is None or maximum <= 0 or maximum > 100:
        raise ValidationError(vi.PAR_COMPONENT_MAX, field="max_score")
    audit.bind_actor(session, actor.id, actor.full_name)
    component = ParComponent(name=name, max_score=maximum, seq=len(row.components) + 1)
    row.components.append(component)
    session.flush()
    return component.id


def _component(session: Session, component_id: int) -> tuple[ParComponent, ParRound]:
    component = session.get(ParComponent, component_id)
    if component is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    return component, get_round(session, component.round_id)


def _round_units(session: Session, round_id: int) -> dict[int, Unit]:
    return {u.id: u for u in session.scalars(sa.select(Unit).join(ParAssessment, ParAssessment.unit_id == Unit.id)
                                             .where(ParAssessment.round_id == round_id))}


def _check_component_score(component: ParComponent, unit: Unit, value: object) -> Decimal:
    try:
        score = to_decimal(value)
    except ValueError:
        score = None
    if score is None or score < 0 or score > component.max_score:
        raise ValidationError(vi.PAR_COMPONENT_SCORE.format(value=value, unit=unit.name,
                                                            max=fmt_decimal(component.max_score)))
    return score.quantize(Decimal("0.01"))


def set_component_scores(session: Session, actor: Actor, component_id: int, scores: dict[int, object]) -> None:
    """Enter the component's score of several units at once (all valid, or nothing is saved)."""
    require_role(actor, *ADMIN_ROLES)
    component, row = _component(session, component_id)
    require_open(row)
    units = _round_units(session, row.id)
    checked = {}
    for unit_id, value in scores.items():
        if unit_id not in units:
            raise ValidationError(vi.PAR_COMPONENT_UNIT.format(unit=unit_id))
        if value in (None, ""):
            continue
        checked[unit_id] = _check_component_score(component, units[unit_id], value)
    audit.bind_actor(session, actor.id, actor.full_name)
    existing = {s.unit_id: s for s in session.scalars(sa.select(ParComponentScore).where(
        ParComponentScore.component_id == component.id))}
    for unit_id, score in checked.items():
        if unit_id in existing:
            if existing[unit_id].score != score:
                existing[unit_id].score = score
        else:
            session.add(ParComponentScore(component_id=component.id, unit_id=unit_id, score=score))
    session.flush()


def component_scores(session: Session, component_id: int) -> dict[int, Decimal]:
    return dict(session.execute(sa.select(ParComponentScore.unit_id, ParComponentScore.score).where(
        ParComponentScore.component_id == component_id)).all())


COMPONENT_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Điểm")


def component_template(session: Session, component_id: int) -> bytes:
    """A workbook listing the round's units, to fill in the component's scores and import back."""
    component, row = _component(session, component_id)
    scores = component_scores(session, component.id)
    wb = Workbook()
    ws = wb.active
    ws.title = "Điểm thành phần"
    ws.append(list(COMPONENT_HEADERS))
    for cell in ws[1]:
        cell.font = Font(name="Times New Roman", bold=True)
    for unit in sorted(_round_units(session, row.id).values(), key=lambda u: u.name):
        score = scores.get(unit.id)
        ws.append([unit.code, unit.name, float(score) if score is not None else None])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 50
    return save_workbook(wb)


def import_component_scores(session: Session, actor: Actor, component_id: int, data: bytes) -> int:
    """Read a filled template; every row is checked and nothing is saved unless all rows are valid."""
    require_role(actor, *ADMIN_ROLES)
    component, row = _component(session, component_id)
    require_open(row)
    with excel_reader.open_workbook(data) as wb:
        rows = list(excel_reader.rows(wb.worksheets[0]))[1:]
    units = _round_units(session, row.id)
    by_code = {fold(u.code): u for u in units.values()}
    errors: list[CellError] = []
    scores: dict[int, object] = {}
    for number, values in rows:
        code, _name, value = (list(values) + [None, None, None])[:3]
        if code in (None, "") and value in (None, ""):
            continue
        unit = by_code.get(fold(str(code or "")))
        if unit is None:
            errors.append(CellError(number, COMPONENT_HEADERS[0], vi.PAR_COMPONENT_UNIT.format(unit=code)))
            continue
        if value in (None, ""):
            continue
        if isinstance(value, bool):
            errors.append(CellError(number, COMPONENT_HEADERS[2], vi.XL_BOOLEAN_CELL))
            continue
        try:
            _check_component_score(component, unit, value)
        except ValidationError as error:
            errors.append(CellError(number, COMPONENT_HEADERS[2], str(error)))
            continue
        scores[unit.id] = value
    if errors:
        raise ImportRefused(errors)
    set_component_scores(session, actor, component.id, scores)
    return len(scores)


def assessments_of(session: Session, round_id: int) -> list[ParAssessment]:
    return list(session.scalars(sa.select(ParAssessment).where(ParAssessment.round_id == round_id)))


def score_rows(session: Session, assessment_id: int) -> list[ParScore]:
    return list(session.scalars(sa.select(ParScore).where(ParScore.assessment_id == assessment_id)))
