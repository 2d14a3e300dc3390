"""The demo's capital plans and disbursements (issue 10 items 5 and 12; lib/projects/capital_demo.py): loaded with the demo
through the services, they show every case a trainer needs — investors ahead of and behind the target curve, late entries,
a progress gap alarm, an adjusted and a carried-over plan, a late monthly report."""
from __future__ import annotations

import sqlalchemy as sa

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.projects import capital
from lib.projects.enums import CapitalPlanKind
from lib.projects.finance_models import CapitalPlanLine, Disbursement, InvestorMonthlyReport


def test_the_demo_figures_show_every_case(demo_db, actors):
    today = local_today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    with session_scope(demo_db) as s:
        kinds = set(s.scalars(sa.select(CapitalPlanLine.kind)))
        late = s.scalar(sa.select(sa.func.count()).select_from(Disbursement).where(Disbursement.entry_late_days > 0))
        on_time = s.scalar(sa.select(sa.func.count()).select_from(Disbursement)
                           .where(Disbursement.entry_late_days == 0))
        late_reports = s.scalar(sa.select(sa.func.count()).select_from(InvestorMonthlyReport)
                                .where(InvestorMonthlyReport.late_days > 0))
        investors = capital.disbursement_by_investor(s, actors["kehoach.stc"], year, month)
        projects = capital.project_figures(s, actors["kehoach.stc"], year, month)
    assert CapitalPlanKind.ALLOCATED in kinds and (month < 6 or CapitalPlanKind.ADJUSTED in kinds)
    assert on_time > late > 0 and late_reports == 1
    with_plan = [f for f in investors if f.plan > 0]
    assert any(f.behind for f in with_plan) and any(not f.behind for f in with_plan)
    assert any(f.gap == capital.GapLevel.ALARM for f in projects)
    assert all(f.figure.disbursed <= f.figure.plan for f in projects)
