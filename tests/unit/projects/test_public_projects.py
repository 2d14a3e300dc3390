"""The public list of projects (issue 10 item 11): only published projects, each with its physical progress (the
latest month), financial progress (cumulative disbursement / total investment) and steps done out of all."""
from __future__ import annotations

from datetime import date as D

import pytest
import sqlalchemy as sa

from lib.core.db import session_scope
from lib.core.errors import NotFound
from lib.projects import process, public
from lib.projects.enums import CapitalSource
from lib.projects.finance_models import Disbursement, ProjectMonthlyProgress
from lib.projects.models import Project, ProjectStep
from tests.unit.projects_helpers import without_demo_figures

TY = 1_000_000_000


def test_published_projects_with_their_progress_and_nothing_else(demo_db, actors):
    without_demo_figures(demo_db)
    sxd = actors["capnhat.sxd"]
    with session_scope(demo_db) as s:
        shown = s.scalar(sa.select(Project).where(Project.code == "DT-2024-001"))
        hidden = s.scalar(sa.select(Project).where(Project.code == "DT-2025-002"))
        hidden.published = False
        process.apply_template(s, sxd, shown.id, process.propose_template(s, sxd, shown.id), D(2025, 1, 6))
        first = s.scalar(sa.select(ProjectStep).where(ProjectStep.project_id == shown.id)
                         .order_by(ProjectStep.position))
        first.actual_start, first.actual_end = D(2025, 1, 6), D(2025, 1, 20)
        for year, month, percent in ((2025, 12, 20.0), (2026, 2, 32.5), (2026, 1, 25.0)):
            s.add(ProjectMonthlyProgress(project_id=shown.id, year=year, month=month, physical_percent=percent))
        for month in (1, 2):
            s.add(Disbursement(project_id=shown.id, year=2026, month=month, source=CapitalSource.CENTRAL_BUDGET,
                               amount=49 * TY // 10, treasury_confirmed_on=D(2026, month, 20),
                               entry_due_on=D(2026, month, 27)))
        shown_id, hidden_id, total = shown.id, hidden.id, shown.total_investment
    with session_scope(demo_db) as s:
        rows = public.published_projects(s)
        published = set(s.scalars(sa.select(Project.id).where(Project.published.is_(True))))
        with pytest.raises(NotFound):
            public.published_project(s, hidden_id)
        one = public.published_project(s, shown_id)
        steps = s.scalar(sa.select(sa.func.count(ProjectStep.id)).where(ProjectStep.project_id == shown_id))
    assert {r.id for r in rows} == published and hidden_id not in published
    assert "TN-2025-001" not in {r.code for r in rows}
    assert one.physical_percent == 32.5                              # the latest month, not the last entered
    assert one.disbursed == 98 * TY // 10 and one.financial_percent == round(100 * 98 * TY / 10 / total, 1)
    assert (one.steps_done, one.steps_total) == (1, steps) and steps > 1
    other = next(r for r in rows if r.code == "DT-2025-007")
    assert (other.physical_percent, other.financial_percent, other.steps_total) == (None, 0.0, 0)
