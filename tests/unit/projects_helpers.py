"""Helpers of the project tests: a province without the demo's money figures, for tests that enter their own."""
from __future__ import annotations

import sqlalchemy as sa

from lib.core.db import session_scope
from lib.core.models import Attachment
from lib.projects.finance_models import (
    CapitalPlanLine, Disbursement, InvestorMonthlyReport, ProjectMonthlyProgress, ReconciliationNote, TreasuryFigure,
    TreasuryImport,
)


def without_demo_figures(engine: sa.Engine) -> sa.Engine:
    """Take away the demo's capital plans, disbursements, progress, monthly reports and Treasury file: the test
    enters its own figures and checks the sums exactly."""
    with session_scope(engine) as s:
        for model in (TreasuryFigure, TreasuryImport, ReconciliationNote, Disbursement, CapitalPlanLine,
                      ProjectMonthlyProgress, InvestorMonthlyReport):
            s.execute(sa.delete(model))
        s.execute(sa.delete(Attachment).where(Attachment.owner_type.in_(("treasury_import", "capital_plan_line"))))
    return engine
