"""The boards (issue 10 item 7; seed 000 art. 5.7, 6): the figures are those of the services they compose, the scope
is the actor's, and a project with an overdue step or a disbursement behind the target curve is named at risk with
its reason."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.projects import boards, capital, records, schedule, step_reports
from lib.projects.enums import ProjectStatus
from lib.projects.models import Project, ProjectStep
from lib.projects.schedule import AlertKind


def test_the_leaders_board_counts_every_project_and_repeats_the_services_figures(demo_db, actors):
    leader, today = actors["lanhdao"], local_today()
    with session_scope(demo_db) as s:
        board = boards.board(s, leader)
        total = s.scalar(sa.select(sa.func.count()).select_from(Project))
        paused = s.scalar(sa.select(sa.func.count()).select_from(Project).where(
            Project.status.in_([st for st in ProjectStatus if not records.counted_in_progress(st)])))
        late = step_reports.late_steps_by_unit(s, leader, today)
        investors = capital.disbursement_by_investor(s, leader, today.year, today.month)
        alerts = schedule.portfolio_alerts(s, leader, today)
    assert board.wide and len(board.projects) == total and board.counted == total - paused
    for attribute in ("group", "field", "phase", "status"):
        assert sum(n for _, n in board.count_by(attribute)) == total
    assert board.late_units == late and board.investors == investors
    assert board.overdue_steps == sum(1 for p in alerts for a in p.alerts if a.kind == AlertKind.OVERDUE)


def test_an_investors_board_holds_its_own_projects_only(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        board = boards.board(s, actors["capnhat.laplvo"])
        own = set(s.scalars(sa.select(Project.id).where(Project.investor_unit_id == unit_ids["X-LAPVO"])))
    assert not board.wide and {p.id for p in board.projects} == own
    assert all(f.key == unit_ids["X-LAPVO"] for f in board.investors)


def test_a_project_with_an_overdue_step_is_at_risk_with_its_reason(demo_db, actors):
    leader, today = actors["lanhdao"], local_today()
    with session_scope(demo_db) as s:
        project_id = s.scalar(sa.select(Project.id).join(ProjectStep, ProjectStep.project_id == Project.id)
                              .where(Project.status == ProjectStatus.ACTIVE).order_by(Project.code).limit(1))
        steps = list(s.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                               .order_by(ProjectStep.position)))
        for step in steps:
            step.actual_start = step.actual_end = None
        steps[0].deadline = date(today.year - 1, today.month, 1)    # open and a year past its deadline
    with session_scope(demo_db) as s:
        board = boards.board(s, leader)
    risk = next(r for r in board.risks if r.project.id == project_id)
    assert any("bước quá hạn" in reason for reason in risk.reasons)
    assert [r.score for r in board.risks] == sorted((r.score for r in board.risks), reverse=True)
