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

from lib import audit, vi
from lib.access import Actor, subtree_ids
from lib.enums import AuditAction, ParAssessmentStatus, ParUnitGroup, Role
from lib.errors import NotFound
from lib.format import fmt_decimal
from lib.models import (ParAssessment, ParComponent, ParComponentScore, ParCriterion, ParRound, ParRoundMember,
                        ParScore, Unit)
from lib.models.base import utcnow
from lib.models.types import Points
from lib.reports.excel import Column, official_workbook
from lib.services import settings
from lib.services.par_assessments import UNIT_ROLES, WIDE_READERS

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


def grade(session: Session, percent: float | None) -> str:
    if percent is None:
        return ""
    values = settings.all_settings(session)
    for key, label in GRADES:
        if percent >= values[key]:
            return label
    return LOWEST_GRADE


@dataclass
class RoundResults:
    round: ParRound
    table: pd.DataFrame          # one row per unit (see `results`)
    fields: pd.DataFrame         # one row per unit and field: self, appraised, final, max
    components: list[ParComponent]
    totals_only: bool


def _field_sums(session: Session, round_id: int, unit_ids: frozenset[int] | None) -> pd.DataFrame:
    """Per assessment and field: sums of self, appraised and final scores (one grouped query)."""
    points = Points()
    query = (sa.select(ParScore.assessment_id, ParScore.field_id,
                       sa.type_coerce(sa.func.sum(ParScore.self_score), points).label("self"),
                       sa.type_coerce(sa.func.sum(ParScore.appraised_score), points).label("appraised"),
                       sa.type_coerce(sa.func.sum(ParScore.final_score), points).label("final"))
             .join(ParAssessment, ParAssessment.id == ParScore.assessment_id)
             .where(ParAssessment.round_id == round_id)
             .group_by(ParScore.assessment_id, ParScore.field_id))
    if unit_ids is not None:
        query = query.where(ParAssessment.unit_id.in_(sorted(unit_ids)))
    return pd.DataFrame(session.execute(query).all(), columns=["assessment_id", "field_id", "self", "appraised",
                                                               "final"])


def results(session: Session, actor: Actor | None, round_id: int) -> RoundResults:
    """Every visible unit of the round with its totals; ranked within its kind of unit on the approved total
    (plus the other components) once the council approved every field."""
    round_ = session.get(ParRound, round_id)
    if round_ is None:
        raise NotFound(vi.ERR_NOT_FOUND)
    seen = visibility(session, actor, round_)
    query = (sa.select(ParAssessment.id, ParAssessment.unit_id, Unit.name, ParAssessment.unit_group,
                       ParAssessment.status, ParAssessment.submitted_late)
             .join(Unit, Unit.id == ParAssessment.unit_id).where(ParAssessment.round_id == round_id))
    base = pd.DataFrame(session.execute(query).all(),
                        columns=["assessment_id", "unit_id", "unit", "group", "status", "late"])
    # ranks come from every unit of the round; a unit that sees only itself still sees its place
    sums = _field_sums(session, round_id, None)
    fields = pd.DataFrame(session.execute(sa.select(ParCriterion.id, ParCriterion.code, ParCriterion.name,
                                                    ParCriterion.max_score, ParCriterion.unit_group).where(
        ParCriterion.year == round_.year, ParCriterion.parent_id.is_(None))).all(),
        columns=["field_id", "code", "field", "max", "group"])
    components = list(round_.components)
    component_scores = pd.DataFrame(session.execute(sa.select(ParComponentScore.unit_id,
                                                              ParComponentScore.component_id,
                                                              ParComponentScore.score).join(ParComponent).where(
        ParComponent.round_id == round_id)).all(), columns=["unit_id", "component_id", "score"])
    table = _table(session, base, sums, fields, components, component_scores)
    if not seen.all_units:
        table = table[table["unit_id"].isin(seen.unit_ids)].reset_index(drop=True)
    per_field = sums.merge(fields[["field_id", "code", "field", "max"]], on="field_id", how="left").merge(
        base[["assessment_id", "unit_id", "unit"]], on="assessment_id")
    if not seen.all_units:
        per_field = per_field[per_field["unit_id"].isin(seen.unit_ids)]
    if seen.totals_only:
        per_field = per_field.iloc[0:0]
    return RoundResults(round_, table, per_field.sort_values(["unit", "code"]).reset_index(drop=True), components,
                        seen.totals_only)


def _table(session: Session, base: pd.DataFrame, sums: pd.DataFrame, fields: pd.DataFrame,
           components: list[ParComponent], component_scores: pd.DataFrame) -> pd.DataFrame:
    zero = Decimal(0)
    per_assessment: dict[int, dict[str, Decimal]] = {}
    for record in sums.to_dict("records"):
        into = per_assessment.setdefault(record["assessment_id"], dict.fromkeys(("self", "appraised", "final"), zero))
        for key in into:
            into[key] += record[key] if record[key] is not None and pd.notna(record[key]) else zero
    totals = pd.DataFrame([{"assessment_id": k, **v} for k, v in per_assessment.items()],
                          columns=["assessment_id", "self", "appraised", "final"])
    table = base.merge(totals, on="assessment_id", how="left")
    tree_max = {g: sum(fields[fields["group"] == g]["max"], zero) for g in ParUnitGroup}
    component_max = sum((c.max_score for c in components), zero)
    for component in components:
        scores = component_scores[component_scores["component_id"] == component.id].set_index("unit_id")["score"]
        table[f"component_{component.id}"] = table["unit_id"].map(scores)
    rows = []
    for record in table.to_dict("records"):
        final_done = record["status"] == ParAssessmentStatus.FINAL
        extra = sum((record.get(f"component_{c.id}") or zero for c in components), zero)
        maximum = tree_max.get(record["group"], zero) + component_max
        total = (record["final"] or zero) + extra if final_done else None
        percent = float(total / maximum * 100) if total is not None and maximum else None
        rows.append({**record, "self": record["self"] if pd.notna(record["self"]) else zero,
                     "appraised": record["appraised"] if pd.notna(record["appraised"]) else zero,
                     "final": record["final"] if pd.notna(record["final"]) else zero,
                     "total": total, "max_total": maximum, "percent": percent, "grade": grade(session, percent)})
    table = pd.DataFrame(rows, columns=list(table.columns) + ["total", "max_total", "percent", "grade"])
    table["rank"] = None
    for group in ParUnitGroup:
        ranked = table[(table["group"] == group) & table["total"].notna()]
        order = sorted(ranked.index, key=lambda i: (-table.at[i, "total"], table.at[i, "unit"]))
        previous, place = None, 0
        for position, index in enumerate(order, start=1):
            if table.at[index, "total"] != previous:
                place, previous = position, table.at[index, "total"]
            table.at[index, "rank"] = place
    table["group_order"] = table["group"].map({g: i for i, g in enumerate(ParUnitGroup)})
    table = table.sort_values(["group_order", "rank", "unit"], na_position="last").drop(columns="group_order")
    return table.reset_index(drop=True)


def unit_history(session: Session, actor: Actor | None, unit_id: int) -> pd.DataFrame:
    """The unit's approved totals, rank and grade in every round the actor may read (earlier years)."""
    rows = []
    for round_ in readable_rounds(session, actor):
        result = results(session, actor, round_.id)
        mine = result.table[result.table["unit_id"] == unit_id]
        if not mine.empty:
            row = mine.iloc[0]
            rows.append({"year": round_.year, "round": round_.name, "total": row["total"], "rank": row["rank"],
                         "grade": row["grade"], "self": row["self"], "final": row["final"]})
    return pd.DataFrame(rows, columns=["year", "round", "total", "rank", "grade", "self", "final"])


def comparison(session: Session, actor: Actor | None, group: ParUnitGroup) -> pd.DataFrame:
    """Units × years: the approved total of each unit in each readable round of the kind of unit."""
    rows = []
    for round_ in readable_rounds(session, actor):
        table = results(session, actor, round_.id).table
        for record in table[table["group"] == group].to_dict("records"):
            rows.append({"unit": record["unit"], "year": round_.year, "total": record["total"]})
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows)
    return frame.pivot_table(index="unit", columns="year", values="total", aggfunc="first").reset_index()


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
        rows.append([ParUnitGroup(r["group"]).label, r["rank"], r["unit"], _cell(r["self"]), _cell(r["appraised"]),
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
