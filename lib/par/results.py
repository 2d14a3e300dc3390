"""Chỉ số CCHC — results: self, appraised and approved scores side by side, by field and in total, the other
components, ranking within each kind of unit with grade bands, earlier years, Excel, publication.

Who reads which rows: the PAR administrator, the system administrator and the round's team and council members
read every unit; leaders once the round is published to them; the public once it is published to the public
(totals and grades only); a unit reads its own rows and those of the units below it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, subtree_ids
from lib.core.enums import AuditAction, Role
from lib.par.enums import ParAssessmentStatus, ParUnitGroup
from lib.core.errors import NotFound
from lib.core.format import fmt_decimal
from lib.par.models import (ParAssessment, ParComponent, ParComponentScore, ParCriterion, ParRound, ParRoundMember,
                            ParScore)
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.models.types import Points
from lib.core.excel import Column, official_workbook
from lib.core.services import settings
from lib.par.assessments import UNIT_ROLES, WIDE_READERS

GRADES = (("par_grade_excellent", "Xuất sắc"), ("par_grade_good", "Tốt"), ("par_grade_fair", "Khá"),
          ("par_grade_average", "Trung bình"))
LOWEST_GRADE = "Yếu"


@dataclass(frozen=True)
class Visibility:
    all_units: bool
    unit_ids: frozenset[int] = frozenset()
    totals_only: bool = False


def visibility(session: Session, actor: Actor | None, round_: ParRound) -> Visibility:
    """Which units' results the actor (None = the public page) may read in this round."""
    if actor is None:
        if not round_.published_to_public:
            raise NotFound(vi.PAR_NOT_PUBLISHED)
        return Visibility(True, totals_only=True)
    if actor.has(*WIDE_READERS):
        return Visibility(True)
    member = session.scalar(sa.select(sa.func.count()).select_from(ParRoundMember).where(
        ParRoundMember.round_id == round_.id, ParRoundMember.account_id == actor.id))
    if member and actor.has(Role.PAR_ASSESSOR, Role.PAR_COUNCIL):
        return Visibility(True)
    if actor.has(Role.LEADER) and round_.published_to_leaders:
        return Visibility(True)
    if actor.has(*UNIT_ROLES):
        return Visibility(False, subtree_ids(session, actor.unit_id))
    raise NotFound(vi.PAR_NOT_PUBLISHED if actor.has(Role.LEADER) else vi.ERR_NOT_FOUND)


def readable_rounds(session: Session, actor: Actor | None) -> list[ParRound]:
    out = []
    for round_ in session.scalars(sa.select(ParRound).order_by(ParRound.year.desc(), ParRound.id.desc())):
        try:
            visibility(session, actor, round_)
        except NotFound:
            continue
        out.append(round_)
    return out


def grade_bands(session: Session) -> list[tuple[int, str]]:
    """(minimum percentage, grade) from the settings, best first."""
    values = settings.all_settings(session)
    return [(int(values[key]), label) for key, label in GRADES]


def grade(bands: list[tuple[int, str]], percent: float | None) -> str:
    if percent is None:
        return ""
    for minimum, label in bands:
        if percent >= minimum:
            return label
    return LOWEST_GRADE


@dataclass
class RoundResults:
    round: ParRound
    table: pd.DataFrame          # one row per unit (see `results`)
    fields: pd.DataFrame         # one row per unit and field: self, appraised, final, max
    components: list[ParComponent]
    totals_only: bool


TABLE_COLUMNS = ["assessment_id", "unit_id", "unit", "group", "status", "late", "self", "appraised", "final"]
FIELD_COLUMNS = ["assessment_id", "field_id", "self", "appraised", "final", "code", "field", "max", "unit_id",
                 "unit"]
ZERO = Decimal(0)


def _sums(session: Session, round_ids: list[int], by_field: bool) -> list[tuple]:
    """Sums of self, appraised and final scores per assessment (and field): one grouped query."""
    points = Points()
    keys = [ParScore.assessment_id, ParScore.field_id] if by_field else [ParScore.assessment_id]
    query = (sa.select(*keys, sa.type_coerce(sa.func.sum(ParScore.self_score), points),
                       sa.type_coerce(sa.func.sum(ParScore.appraised_score), points),
                       sa.type_coerce(sa.func.sum(ParScore.final_score), points))
             .join(ParAssessment, ParAssessment.id == ParScore.assessment_id)
             .where(ParAssessment.round_id.in_(round_ids)).group_by(*keys))
    return session.execute(query).all()


def _ranked(session: Session, rounds_: list[ParRound], sums: dict[int, tuple]) -> list[dict]:
    """One row per assessment of the rounds: totals, components, grade, and rank within round and kind of unit
    (only once every field is approved; equal totals share a rank)."""
    round_ids = [r.id for r in rounds_]
    base = session.execute(
        sa.select(ParAssessment.id, ParAssessment.round_id, ParAssessment.unit_id, Unit.name,
                  ParAssessment.unit_group, ParAssessment.status, ParAssessment.submitted_late)
        .join(Unit, Unit.id == ParAssessment.unit_id).where(ParAssessment.round_id.in_(round_ids))).all()
    components = {r.id: list(r.components) for r in rounds_}
    extra: dict[tuple[int, int], dict[int, Decimal]] = {}
    for round_id, unit_id, component_id, score in session.execute(
            sa.select(ParComponent.round_id, ParComponentScore.unit_id, ParComponentScore.component_id,
                      ParComponentScore.score).join(ParComponent).where(ParComponent.round_id.in_(round_ids))):
        extra.setdefault((round_id, unit_id), {})[component_id] = score
    years = {r.id: r.year for r in rounds_}
    tree_max = {(year, group): total for year, group, total in session.execute(
        sa.select(ParCriterion.year, ParCriterion.unit_group, sa.type_coerce(sa.func.sum(ParCriterion.max_score),
                                                                            Points()))
        .where(ParCriterion.year.in_(set(years.values())), ParCriterion.parent_id.is_(None))
        .group_by(ParCriterion.year, ParCriterion.unit_group))}
    bands = grade_bands(session)
    rows = []
    for assessment_id, round_id, unit_id, unit, group, status, late in base:
        own, appraised, final = sums.get(assessment_id, (None, None, None))
        scores = extra.get((round_id, unit_id), {})
        component_max = sum((c.max_score for c in components[round_id]), ZERO)
        maximum = tree_max.get((years[round_id], group), ZERO) + component_max
        done = status == ParAssessmentStatus.FINAL
        total = (final or ZERO) + sum(scores.values(), ZERO) if done else None
        percent = float(total / maximum * 100) if total is not None and maximum else None
        row = {"round_id": round_id, "assessment_id": assessment_id, "unit_id": unit_id, "unit": unit,
               "group": group, "status": status, "late": late, "self": own or ZERO,
               "appraised": appraised or ZERO, "final": final or ZERO, "total": total, "max_total": maximum,
               "percent": percent, "grade": grade(bands, percent), "rank": None}
        row.update({f"component_{c.id}": scores.get(c.id) for c in components[round_id]})
        rows.append(row)
    by_pool: dict[tuple[int, ParUnitGroup], list[dict]] = {}
    for row in rows:
        if row["total"] is not None:
            by_pool.setdefault((row["round_id"], row["group"]), []).append(row)
    for pool in by_pool.values():
        pool.sort(key=lambda r: (-r["total"], r["unit"]))
        previous, place = None, 0
        for position, row in enumerate(pool, start=1):
            if row["total"] != previous:
                place, previous = position, row["total"]
            row["rank"] = place
    order = {g: i for i, g in enumerate(ParUnitGroup)}
    rows.sort(key=lambda r: (r["round_id"], order[r["group"]], r["rank"] is None, r["rank"] or 0, r["unit"]))
    return rows


def results(session: Session, actor: Actor | None, round_id: int) -> RoundResults:
    """Every visible unit of the round with its totals; ranked within its kind of unit on the approved total
    (plus the other components) once the council approved every field."""
    round_ = session.get(ParRound, round_id)
    if round_ is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    seen = visibility(session, actor, round_)
    per_field = _sums(session, [round_id], by_field=True)
    totals: dict[int, list[Decimal | None]] = {}
    for assessment_id, _field_id, own, appraised, final in per_field:
        into = totals.setdefault(assessment_id, [None, None, None])
        for i, value in enumerate((own, appraised, final)):
            if value is not None:
                into[i] = (into[i] or ZERO) + value
    # ranks come from every unit of the round; a unit that sees only itself still sees its place
    rows = [r for r in _ranked(session, [round_], {k: tuple(v) for k, v in totals.items()})
            if seen.all_units or r["unit_id"] in seen.unit_ids]
    if seen.totals_only:  # the public sees approved results only: no unit's self or appraised score, no draft
        rows = [{**r, "self": None, "appraised": None} for r in rows if r["total"] is not None]
    components = list(round_.components)
    columns = TABLE_COLUMNS + [f"component_{c.id}" for c in components] + ["total", "max_total", "percent", "grade",
                                                                           "rank"]
    table = pd.DataFrame(rows, columns=columns)
    table["rank"] = table["rank"].astype("Int64")  # a whole number, or <NA> before the council has finished
    fields = {i: (code, name, maximum) for i, code, name, maximum in session.execute(
        sa.select(ParCriterion.id, ParCriterion.code, ParCriterion.name, ParCriterion.max_score).where(
            ParCriterion.year == round_.year, ParCriterion.parent_id.is_(None)))}
    units = {r["assessment_id"]: (r["unit_id"], r["unit"]) for r in rows}
    field_rows = [] if seen.totals_only else [
        (a, f, own, appraised, final, *fields[f], *units[a]) for a, f, own, appraised, final in per_field
        if a in units and f in fields]
    field_table = pd.DataFrame(field_rows, columns=FIELD_COLUMNS)
    return RoundResults(round_, table, field_table.sort_values(["unit", "code"]).reset_index(drop=True), components,
                        seen.totals_only)


def _readable_rows(session: Session, actor: Actor | None) -> list[dict]:
    """Totals and ranks of every readable round, limited to the units the actor may see in each."""
    rounds_ = readable_rounds(session, actor)
    if not rounds_:
        return []
    sums = {a: (own, appraised, final) for a, own, appraised, final in _sums(session, [r.id for r in rounds_],
                                                                               by_field=False)}
    seen = {r.id: visibility(session, actor, r) for r in rounds_}
    years = {r.id: (r.year, r.name) for r in rounds_}
    return [{**row, "year": years[row["round_id"]][0], "round": years[row["round_id"]][1]}
            for row in _ranked(session, rounds_, sums)
            if seen[row["round_id"]].all_units or row["unit_id"] in seen[row["round_id"]].unit_ids]


HISTORY_COLUMNS = ["year", "round", "total", "rank", "grade", "self", "final"]


def _history(rows: list[dict], unit_id: int) -> pd.DataFrame:
    mine = sorted((r for r in rows if r["unit_id"] == unit_id), key=lambda r: r["year"])
    return pd.DataFrame([{c: r[c] for c in HISTORY_COLUMNS} for r in mine], columns=HISTORY_COLUMNS)


def _comparison(rows: list[dict], group: ParUnitGroup) -> pd.DataFrame:
    picked = [{"unit": r["unit"], "year": r["year"], "total": r["total"]} for r in rows if r["group"] == group]
    if not picked:
        return pd.DataFrame()
    return pd.DataFrame(picked).pivot_table(index="unit", columns="year", values="total", aggfunc="first",
                                            dropna=False).reset_index()


def unit_history(session: Session, actor: Actor | None, unit_id: int) -> pd.DataFrame:
    """The unit's approved totals, rank and grade in every round the actor may read (earlier years)."""
    return _history(_readable_rows(session, actor), unit_id)


def comparison(session: Session, actor: Actor | None, group: ParUnitGroup) -> pd.DataFrame:
    """Units × years: the approved total of each unit in each readable round of the kind of unit."""
    return _comparison(_readable_rows(session, actor), group)


def over_the_years(session: Session, actor: Actor | None, unit_id: int,
                   group: ParUnitGroup) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`unit_history` and `comparison` from one reading of every readable round (for a page showing both)."""
    rows = _readable_rows(session, actor)
    return _history(rows, unit_id), _comparison(rows, group)


def _cell(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def to_excel(session: Session, actor: Actor, round_id: int) -> bytes:
    """The round's results in the official layout (Quốc hiệu, tiêu ngữ, title, date of extraction)."""
    result = results(session, actor, round_id)
    columns = [Column("Nhóm đơn vị", 22), Column("Xếp hạng", 9, "int"), Column("Đơn vị", 40),
               Column("Tự đánh giá", 12, "decimal"), Column("Thẩm định", 12, "decimal"),
               Column("Hội đồng phê duyệt", 14, "decimal")]
    columns += [Column(c.name, 14, "decimal") for c in result.components]
    columns += [Column("Tổng điểm", 12, "decimal"), Column("Tỷ lệ (%)", 10, "decimal"), Column("Xếp loại", 12)]
    rows = []
    for r in result.table.to_dict("records"):
        rows.append([ParUnitGroup(r["group"]).label, None if pd.isna(r["rank"]) else int(r["rank"]), r["unit"], _cell(r["self"]), _cell(r["appraised"]),
                     _cell(r["final"]), *[_cell(r.get(f"component_{c.id}")) for c in result.components],
                     _cell(r["total"]), round(r["percent"], 2) if r["percent"] is not None else None, r["grade"]])
    province = settings.get(session, "province_name")
    data = official_workbook(issuer_parent=f"UBND {province}".upper(), issuer="SỞ NỘI VỤ",
                             title=f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {result.round.year}",
                             period=result.round.name, columns=columns, rows=rows, extracted_at=utcnow(),
                             extracted_by=actor.full_name,
                             notes=["Xếp hạng trong từng nhóm đơn vị theo tổng điểm Hội đồng thẩm định phê duyệt "
                                    "và điểm các thành phần khác."])
    audit.record_event(session, AuditAction.EXPORT, entity="par_rounds", entity_id=round_id,
                       summary=f"Kết quả Chỉ số CCHC {result.round.name} ({len(rows)} đơn vị)",
                       actor_id=actor.id, actor_name=actor.full_name)
    return data


def fmt_score(value: Decimal | None) -> str:
    return "—" if value is None or (isinstance(value, float) and pd.isna(value)) else fmt_decimal(value)
