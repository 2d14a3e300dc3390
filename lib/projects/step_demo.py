"""The demo's step reports (issue 10, items 3 and 12): four demo projects in preparation get the process proposed
for their group, started so that today they are at the appraisal of their investment policy by Sở Tài chính — the
step before the province's approval (Ủy ban nhân dân tỉnh has no editor account in the demo, so none of its steps
lie in the past). The earlier steps are reported finished — most on time, some late (counted against their unit),
some reports late themselves (art. 9.2); the current step carries a progress report with its difficulties; the
investors confirm or correct the first judgements (art. 8.3) and remind Sở Tài chính of an overdue step (đôn
đốc). Dates are relative to today, like the rest of the demo. Projects that already have a process are left alone."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core.calendar import LOCAL_TZ, local_today
from lib.core.demo import unit_editor
from lib.core.models import Account, Unit
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar
from lib.projects import process, step_reports
from lib.projects.models import Project, ProjectProcess, ProjectStep

# project code: (working days the current step is past its deadline (negative: days left), working days each
# finished step slipped, in turn; working days after its finish each report came)
DEMO_PROCESSES: dict[str, tuple[int, tuple[int, ...], tuple[int, ...]]] = {
    "DT-2025-002": (4, (0, 3), (2, 7)),
    "DT-2025-004": (-2, (2, 0), (3, 4)),
    "DT-2025-008": (-8, (0, 0), (1, 6)),
    "DT-2025-009": (1, (5, 1), (4, 2)),
}
DIFFICULTIES = ("Chờ ý kiến thẩm định của các sở, ngành; hồ sơ phải bổ sung số liệu khảo sát.",
                "Một số hộ dân chưa thống nhất phương án bồi thường, hỗ trợ.",
                "Giá vật liệu xây dựng tăng so với dự toán được duyệt.")


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LOCAL_TZ)


def _reporter(accounts: dict[str, Account], units: dict[int, Unit], unit_id: int) -> Account | None:
    try:
        return unit_editor(accounts, units[unit_id])
    except StopIteration:  # a unit without an editor account in the demo (Ủy ban nhân dân tỉnh): not reported
        return None


def _back(calendar, day: date, working_days: int) -> date:  # noqa: ANN001
    """`working_days` working days before `day` (after it when negative)."""
    if working_days < 0:
        return calendar.add_working_days(day, -working_days)
    for _ in range(working_days):
        day = calendar.previous_working_day(day)
    return day


def load_demo_steps(session: Session, units: dict[str, Unit], accounts: dict[str, Account]) -> None:
    today = local_today()
    calendar = work_calendar(session)
    by_id = {unit.id: unit for unit in units.values()}
    for code, (margin, slips, delays) in DEMO_PROCESSES.items():
        project = session.scalar(sa.select(Project).where(Project.code == code))
        if project is None or session.scalar(sa.select(ProjectProcess.id).where(
                ProjectProcess.project_id == project.id)) is not None:
            continue
        investor = to_actor(unit_editor(accounts, by_id[project.investor_unit_id]))
        template_id = process.propose_template(session, investor, project.id)
        if template_id is None:
            continue
        first_day = calendar.on_or_next_working_day(today)
        process.apply_template(session, investor, project.id, template_id, first_day)
        steps = _steps(session, project.id)
        current = next((i for i, step in enumerate(steps) if _reporter(accounts, by_id, step.unit_id) is None),
                       len(steps)) - 1
        if current < 1:
            continue
        # the start that puts the current step's deadline `margin` working days before today
        span = calendar.working_days_between(first_day, steps[current].planned_end)
        start = _back(calendar, _back(calendar, today, margin), span)
        process.apply_template(session, investor, project.id, template_id, start)
        steps = _steps(session, project.id)
        started = steps[0].planned_start
        for index, step in enumerate(steps[:current]):
            actor = to_actor(_reporter(accounts, by_id, step.unit_id))
            finish = min(calendar.add_working_days(step.planned_end, slips[index]), today)
            reported = min(calendar.add_working_days(finish, delays[index]), today)
            step_reports.report_step(session, actor, step.id, step_reports.ReportInput(
                started, 100, finish, advantages="Được chủ đầu tư và các sở, ngành phối hợp kịp thời.",
                difficulties=DIFFICULTIES[index % len(DIFFICULTIES)] if slips[index] else ""),
                now=_moment(reported))
            started = min(calendar.next_working_day(finish), today)
        step = steps[current]
        actor = to_actor(_reporter(accounts, by_id, step.unit_id))
        step_reports.report_step(session, actor, step.id, step_reports.ReportInput(
            started, 60, difficulties=DIFFICULTIES[0], proposals="Đề nghị chủ đầu tư bổ sung hồ sơ trong tuần."),
            now=_moment(min(calendar.add_working_days(started, 3), today), 15))
        if margin > 0:
            step_reports.remind(session, investor, step.id, now=_moment(today, 8))
        _judge_some(session, investor, steps[:current], today)


def _steps(session: Session, project_id: int) -> list[ProjectStep]:
    return list(session.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                                .order_by(ProjectStep.position)))


def _judge_some(session: Session, investor, steps: list[ProjectStep], today: date) -> None:  # noqa: ANN001
    """The investor confirms the judgements; the first late one of another unit is corrected to on time."""
    corrected = False
    for step in steps:
        detail = step_reports.step_detail(session, investor, step.id, today)
        current = detail.judgements[-1] if detail.judgements else None
        if current is None:
            continue
        moment = _moment(min(today, step.actual_end or today), 16)
        moment = max(moment, current.at)
        if current.late and not corrected and step.unit_id != steps[0].unit_id:
            step_reports.correct_judgement(
                session, investor, step.id, current.id, late=False, late_days=0, responsible_unit_id=None,
                reason="Chủ đầu tư chậm bổ sung hồ sơ theo yêu cầu; đơn vị giải quyết không chịu trách nhiệm.",
                now=moment)
            corrected = True
        else:
            step_reports.confirm_judgement(session, investor, step.id, current.id, now=moment)
