"""Time the PAR Index pages on the generated data (run `python -m bench.par_generate` first).

    python -m bench.par_run [--repeat 7]

Prints the median of one rerun of the results page (PAR administrator, the newest round: 300 units) and of a
unit's self-assessment form (a draft with 100 scored criteria), plus the service calls alone.
"""
from __future__ import annotations

import argparse

import sqlalchemy as sa

from bench.run import actor_of, bench_editor, in_session, median_ms, page_rerun_ms
from lib import modules as _modules  # noqa: F401 - every module plugged into the core
from lib.core.db import get_engine, session_scope
from lib.par.enums import ParAssessmentStatus, ParUnitGroup
from lib.par.models import ParAssessment, ParRound, ParScore
from lib.par import assessments as par_assessments, results as par_results


def draft_with_scores(engine: sa.Engine) -> tuple[int, int]:
    """The newest round's draft assessment with the most scores: (assessment id, unit id)."""
    with session_scope(engine) as s:
        newest = s.scalar(sa.select(ParRound.id).where(ParRound.name.like("Thử tải%"))
                          .order_by(ParRound.year.desc()).limit(1))
        return s.execute(sa.select(ParAssessment.id, ParAssessment.unit_id)
                         .join(ParScore, ParScore.assessment_id == ParAssessment.id)
                         .where(ParAssessment.round_id == newest, ParAssessment.status == ParAssessmentStatus.DRAFT)
                         .group_by(ParAssessment.id, ParAssessment.unit_id)
                         .order_by(sa.func.count().desc()).limit(1)).one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    engine = get_engine()
    with session_scope(engine) as s:
        n_scores = s.scalar(sa.select(sa.func.count()).select_from(ParScore))
        n_assessments = s.scalar(sa.select(sa.func.count()).select_from(ParAssessment))
        newest = s.scalar(sa.select(ParRound.id).where(ParRound.name.like("Thử tải%")).order_by(ParRound.year.desc()))
    assessment_id, unit_id = draft_with_scores(engine)
    editor = bench_editor(engine, "bench.par", "Cán bộ thử tải CCHC", unit_id)
    admin, unit_actor = actor_of(engine, "cchc.snv"), actor_of(engine, editor)
    print(f"Database: {engine.dialect.name}, {n_assessments} assessments, {n_scores} scores")

    def with_session(fn):  # noqa: ANN001, ANN202
        return in_session(engine, fn)

    results = {
        "Kết quả (300 đơn vị) — dịch vụ": median_ms(with_session(
            lambda s: par_results.results(s, admin, newest)), args.repeat),
        "So sánh các năm — dịch vụ": median_ms(with_session(
            lambda s: par_results.comparison(s, admin, ParUnitGroup.COMMUNE)), args.repeat),
        "Hồ sơ tự đánh giá (100 tiêu chí) — dịch vụ": median_ms(with_session(
            lambda s: par_assessments.view(s, unit_actor, assessment_id)), args.repeat),
        "Trang kết quả — chạy lại trang": page_rerun_ms("pages/par/results.py", engine, "cchc.snv", args.repeat),
        "Biểu mẫu tự đánh giá — chạy lại trang": page_rerun_ms(
            "pages/par/assessment.py", engine, editor, args.repeat, query={"id": str(assessment_id)}),
    }
    for name, ms in results.items():
        print(f"{name:<55} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
