"""Generate the PAR Index at scale: 300 units × 100 scored criteria × 5 years (150 000 scores).

    python -m bench.par_generate [--units 300] [--years 5]      (uses DATABASE_URL / DONDOC_DATA_DIR)

The demo province is loaded first (accounts, demo rounds); the extra units, trees and rounds are written in bulk.
The last year's round is open: one fifth of the units still drafting, the others submitted or further on.
"""
from __future__ import annotations

import argparse
import random
import time as clock
from datetime import date, datetime, time, timezone
from decimal import Decimal

import sqlalchemy as sa

from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core import demo
from lib.core.calendar import LOCAL_TZ, local_today
from lib.core.db import get_engine, session_scope
from lib.par.enums import ParAssessmentStatus, ParFieldStatus, ParMemberKind, ParRoundStatus, ParUnitGroup
from lib.core.enums import UnitKind
from lib.core.models import Account, Unit
from lib.par.models import (ParAssessment, ParComponent, ParComponentScore, ParCriterion, ParFieldReview, ParRound,
                            ParRoundMember, ParScore)
from lib.par import catalogue as par_catalogue, rounds as par_rounds
from lib.par.catalogue import CriterionInput
from lib.par.enums import ScoringMethod
from lib.core.text import fold

FIELDS = ["Công tác chỉ đạo, điều hành CCHC", "Cải cách thể chế", "Cải cách thủ tục hành chính",
          "Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách chế độ công vụ", "Cải cách tài chính công",
          "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "Tác động của cải cách hành chính"]
LEAVES_PER_FIELD = [13, 13, 13, 13, 12, 12, 12, 12]  # 100 scored criteria, 1 point each
CRITERIA_PER_FIELD = 3


def tree_rows() -> list[CriterionInput]:
    rows = []
    for f, (name, leaves) in enumerate(zip(FIELDS, LEAVES_PER_FIELD), start=1):
        rows.append(CriterionInput(str(f), name))
        per = [leaves // CRITERIA_PER_FIELD + (1 if i < leaves % CRITERIA_PER_FIELD else 0)
               for i in range(CRITERIA_PER_FIELD)]
        for c, count in enumerate(per, start=1):
            rows.append(CriterionInput(f"{f}.{c}", f"Tiêu chí {f}.{c} của lĩnh vực {name.lower()}"))
            for leaf in range(1, count + 1):
                code = f"{f}.{c}.{leaf}"
                method = [ScoringMethod.RANGE, ScoringMethod.YES_NO, ScoringMethod.LEVELS][leaf % 3]
                rows.append(CriterionInput(
                    code, f"Tiêu chí thành phần {code}: kết quả thực hiện nhiệm vụ theo kế hoạch", "1",
                    "Tài liệu kiểm chứng: báo cáo, văn bản của đơn vị.", method, "0.25",
                    [("0", "Không thực hiện"), ("0.5", "Thực hiện một phần"), ("1", "Thực hiện đầy đủ")],
                    leaf % 2 == 0))
    return rows


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=LOCAL_TZ).astimezone(timezone.utc)


def add_units(session, n_units: int) -> list[Unit]:  # noqa: ANN001
    root = session.scalar(sa.select(Unit.id).where(Unit.code == "UBND"))
    for i in range(n_units):
        kind = UnitKind.DEPARTMENT if i % 5 == 0 else UnitKind.COMMUNE
        name = f"{'Sở' if kind == UnitKind.DEPARTMENT else 'Xã'} Thử tải CCHC {i + 1:03d}"
        session.add(Unit(code=f"PAR-{i + 1:03d}", name=name, kind=kind, parent_id=root, search_key=fold(name)))
    session.flush()
    return list(session.scalars(sa.select(Unit).where(Unit.code.like("PAR-%")).order_by(Unit.code)))


def generate(n_units: int, n_years: int, seed: int = 11) -> dict[str, int]:
    rng = random.Random(seed)
    engine = get_engine()
    today = local_today()
    first = today.year + 1 - n_years
    with session_scope(engine) as session:
        demo.load(session, reset=True)
        admin = session.scalar(sa.select(Account).where(Account.username == "cchc.snv"))
        assessor = session.scalar(sa.select(Account).where(Account.username == "tgv.snv"))
        council = session.scalar(sa.select(Account).where(Account.username == "hoidong.snv"))
        units = add_units(session, n_units)
        rows = [par_catalogue._clean(r, is_parent=r.method is None) for r in tree_rows()]  # noqa: SLF001
        trees = {}
        # the demo's own rounds use the demo trees; the generated rounds get years of their own
        counts = {"rounds": 0, "assessments": 0, "scores": 0}
        for year in range(first, today.year + 1):
            bench_year = year + 100  # keeps clear of the demo's trees and rounds (same shape, another year)
            for group in ParUnitGroup:
                par_catalogue._insert_tree(session, bench_year, group, rows)  # noqa: SLF001 — bulk load
                trees[(bench_year, group)] = par_catalogue.tree(session, bench_year, group)
            current = year == today.year
            round_ = ParRound(year=bench_year, name=f"Thử tải Chỉ số CCHC năm {bench_year}",
                              self_deadline=date(year, 12, 31) if current else date(year + 1, 1, 15),
                              status=ParRoundStatus.OPEN if current else ParRoundStatus.CLOSED,
                              published_to_leaders=not current, created_by_id=admin.id)
            session.add(round_)
            session.flush()
            for code in map(str, range(1, 9)):
                round_.members.append(ParRoundMember(field_code=code, account_id=assessor.id,
                                                     kind=ParMemberKind.ASSESSOR))
                round_.members.append(ParRoundMember(field_code=code, account_id=council.id,
                                                     kind=ParMemberKind.COUNCIL))
            survey = ParComponent(name="Điều tra xã hội học", max_score=Decimal(10), seq=1)
            round_.components.append(survey)
            session.flush()
            counts["rounds"] += 1
            for unit in units:
                group = par_rounds.group_of(unit) or ParUnitGroup.DEPARTMENT
                counts["scores"] += _assessment(session, rng, round_, unit, group, trees[(bench_year, group)],
                                                current)
                counts["assessments"] += 1
                if not current:
                    session.add(ParComponentScore(component_id=survey.id, unit_id=unit.id,
                                                  score=Decimal(rng.randint(500, 1000)) / 100))
            session.flush()
    return counts


def _assessment(session, rng: random.Random, round_: ParRound, unit: Unit, group: ParUnitGroup,  # noqa: ANN001
                nodes: list[ParCriterion], current: bool) -> int:
    state = rng.choice(["draft", "submitted", "appraised", "final", "final"]) if current else "final"
    status = {"draft": ParAssessmentStatus.DRAFT, "final": ParAssessmentStatus.FINAL}.get(
        state, ParAssessmentStatus.SUBMITTED)
    a = ParAssessment(round_id=round_.id, unit_id=unit.id, unit_group=group, status=status,
                      submitted_at=None if state == "draft" else _utc(round_.self_deadline))
    session.add(a)
    session.flush()
    fields = [n for n in nodes if n.parent_id is None]
    field_of = par_catalogue.field_of(nodes)
    parents = {n.parent_id for n in nodes}
    scores = []
    for node in nodes:
        if node.id in parents:
            continue
        top = field_of[node.id]
        allowed = par_catalogue.allowed_scores(node)
        own = allowed[min(len(allowed) - 1, max(0, int(rng.gauss(0.8, 0.2) * (len(allowed) - 1) + 0.5)))]
        appraised = own if state in ("draft", "submitted") or rng.random() > 0.3 else allowed[max(0, allowed.index(own) - 1)]
        scores.append({"assessment_id": a.id, "criterion_id": node.id, "field_id": top.id, "self_score": own,
                       "explanation": "Đã thực hiện.", "appraised_score": None if state in ("draft", "submitted") else appraised,
                       "appraisal_comment": "", "final_score": appraised if state == "final" else None,
                       "version": 1, "created_at": _utc(round_.self_deadline), "updated_at": _utc(round_.self_deadline)})
    session.execute(sa.insert(ParScore), scores)
    if state != "draft":
        field_status = {"final": ParFieldStatus.APPROVED, "appraised": ParFieldStatus.APPRAISED}.get(
            state, ParFieldStatus.WAITING)
        session.execute(sa.insert(ParFieldReview), [{"assessment_id": a.id, "field_id": f.id, "status": field_status,
                                                     "council_comment": "", "version": 1} for f in fields])
    return len(scores)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    started = clock.perf_counter()
    counts = generate(args.units, args.years)
    print(f"Generated {counts} in {clock.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
