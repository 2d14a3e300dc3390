"""The schedule of a project's process (issue 10, item 4; seed 000 art. 8.3 «xác định việc giải quyết đúng hạn, trễ
hạn của từng công việc», 8.6 «thực hiện các biện pháp điều chỉnh kịp thời để dự án đảm bảo tiến độ được giao», 9.2
«Chậm nhất 05 ngày làm việc sau khi hoàn thành … phải báo cáo tiến độ»): the forecast through the working-day calendar
(Tết 2026: 16–20/02; the province's make-up Saturday 28/02/2026), the state of each step, the early warnings with
their arithmetic, and the service reader's scope and setting."""
from __future__ import annotations

from datetime import date as D, timedelta

import altair as alt
import pytest
import sqlalchemy as sa

from lib.core.calendar import Overrides, WorkCalendar
from lib.core.db import session_scope
from lib.core.errors import NotFound
from lib.core.services import settings
from lib.projects import process, rules, schedule
from lib.projects.enums import ProjectStatus
from lib.projects.step_models import ProjectStepReport
from lib.projects.models import Project, ProjectStep
from lib.projects.process_ui import gantt_chart
from lib.projects.schedule import AlertKind, Forecast, StepFacts, StepState
from tests.unit.projects.test_project_process import project_with_process
from tests.unit.projects.test_project_records import create, school

PLAIN = WorkCalendar()
MAKE_UP = WorkCalendar(Overrides(working_days=frozenset({D(2026, 2, 28)})))
TET = "không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán)"


def step(key: int, days: int, planned: tuple[D, D], *, waits: tuple[int, ...] = (), deadline: D | None = None,
         actual: tuple[D | None, D | None] = (None, None)) -> StepFacts:
    return StepFacts(key, f"Bước {key}", days, frozenset(waits), planned[0], planned[1], deadline or planned[1],
                     actual[0], actual[1])


# A: 3 working days 09–11/02; B: 2 days 12–13/02 after A (planned before Tết).
A = step(1, 3, (D(2026, 2, 9), D(2026, 2, 11)))
B = step(2, 2, (D(2026, 2, 12), D(2026, 2, 13)), waits=(1,))
B3 = step(2, 3, (D(2026, 2, 12), D(2026, 2, 16)), waits=(1,))


def started(base: StepFacts, on: D) -> StepFacts:
    return StepFacts(*[*vars(base).values()][:7], on, None)


def finished(base: StepFacts, start: D, end: D) -> StepFacts:
    return StepFacts(*[*vars(base).values()][:7], start, end)


# ---------------------------------------------------------------- the forecast (pure, table-driven)

@pytest.mark.parametrize("calendar, steps, today, expected", [
    # Nothing begun, today before the start: the forecast is the plan.
    (PLAIN, [A, B], D(2026, 2, 2), {1: (D(2026, 2, 9), D(2026, 2, 11)), 2: (D(2026, 2, 12), D(2026, 2, 13))}),
    # A started two days late (11/02): it ends on 13/02 (3 days), B is pushed past Tết to Mon 23/02–24/02.
    (PLAIN, [started(A, D(2026, 2, 11)), B], D(2026, 2, 11),
     {1: (D(2026, 2, 11), D(2026, 2, 13)), 2: (D(2026, 2, 23), D(2026, 2, 24))}),
    # A started on time but still open on 25/02 (overdue): it ends today at the earliest; B follows on 26–27/02.
    (PLAIN, [started(A, D(2026, 2, 9)), B], D(2026, 2, 25),
     {1: (D(2026, 2, 9), D(2026, 2, 25)), 2: (D(2026, 2, 26), D(2026, 2, 27))}),
    # The same with a 3-day B: without the make-up Saturday it ends on Mon 02/03 …
    (PLAIN, [started(A, D(2026, 2, 9)), B3], D(2026, 2, 25),
     {1: (D(2026, 2, 9), D(2026, 2, 25)), 2: (D(2026, 2, 26), D(2026, 3, 2))}),
    # … with the province's make-up Saturday 28/02 it ends that Saturday.
    (MAKE_UP, [started(A, D(2026, 2, 9)), B3], D(2026, 2, 25),
     {1: (D(2026, 2, 9), D(2026, 2, 25)), 2: (D(2026, 2, 26), D(2026, 2, 28))}),
    # A finished late on 24/02: its actual dates stay; B starts the next working day.
    (PLAIN, [finished(A, D(2026, 2, 9), D(2026, 2, 24)), B], D(2026, 3, 2),
     {1: (D(2026, 2, 9), D(2026, 2, 24)), 2: (D(2026, 3, 2), D(2026, 3, 3))}),
    # A finished early (10/02): B is never forecast before its planned start.
    (PLAIN, [finished(A, D(2026, 2, 9), D(2026, 2, 10)), B], D(2026, 2, 10),
     {1: (D(2026, 2, 9), D(2026, 2, 10)), 2: (D(2026, 2, 12), D(2026, 2, 13))}),
    # Today is a Tết day and B has not begun: it cannot start before the first working day after Tết.
    (PLAIN, [finished(A, D(2026, 2, 9), D(2026, 2, 11)), B], D(2026, 2, 17),
     {1: (D(2026, 2, 9), D(2026, 2, 11)), 2: (D(2026, 2, 23), D(2026, 2, 24))}),
    # Today is the make-up Saturday: an overdue open step ends that day at the earliest; without it, on Monday.
    (MAKE_UP, [started(A, D(2026, 2, 9))], D(2026, 2, 28), {1: (D(2026, 2, 9), D(2026, 2, 28))}),
    (PLAIN, [started(A, D(2026, 2, 9))], D(2026, 2, 28), {1: (D(2026, 2, 9), D(2026, 3, 2))}),
    # C waits for A (finished on time) and for B (8 days, started a day late on 10/02: 10–13/02 and 23–26/02 after
    # Tết, one day past its planned end 25/02): C moves from 26/02 to 27/02.
    (PLAIN, [finished(A, D(2026, 2, 9), D(2026, 2, 11)),
             step(2, 8, (D(2026, 2, 9), D(2026, 2, 25)), actual=(D(2026, 2, 10), None)),
             step(3, 1, (D(2026, 2, 26), D(2026, 2, 26)), waits=(1, 2))], D(2026, 2, 24),
     {1: (D(2026, 2, 9), D(2026, 2, 11)), 2: (D(2026, 2, 10), D(2026, 2, 26)), 3: (D(2026, 2, 27), D(2026, 2, 27))}),
])
def test_the_forecast_shifts_the_remaining_steps_through_the_calendar(calendar, steps, today, expected):
    assert schedule.forecast(calendar, steps, today) == {k: Forecast(*v) for k, v in expected.items()}


def test_the_project_forecast_end_is_compared_with_the_approved_end_in_working_days():
    steps = [finished(A, D(2026, 2, 9), D(2026, 2, 11)), started(B, D(2026, 2, 12))]
    forecasts = schedule.forecast(PLAIN, steps, D(2026, 2, 24))       # B open on 24/02: ends today at the earliest
    whole = schedule.project_forecast(PLAIN, steps, forecasts, D(2026, 2, 13))
    assert (whole.end, whole.last_step, whole.late_days) == (D(2026, 2, 24), 2, 2)   # 23 and 24/02; Tết skipped
    assert whole.explanation == ("Ngày kết thúc được phê duyệt 13/02/2026; bước cuối «Bước 2» dự báo kết thúc "
                                 f"24/02/2026 ({TET}): chậm 2 ngày làm việc")
    on_time = schedule.project_forecast(PLAIN, steps, forecasts, D(2026, 3, 31))
    assert on_time.late_days == 0 and on_time.explanation.endswith("đúng hạn")


# ---------------------------------------------------------------- the state of a step (pure, table-driven)

@pytest.mark.parametrize("calendar, facts, today, warning_days, state, days, explained", [
    # Finished on its deadline: on time.
    (PLAIN, finished(A, D(2026, 2, 9), D(2026, 2, 11)), D(2026, 3, 2), 5, StepState.DONE_ON_TIME, 0, None),
    # Finished on Mon 23/02 after a deadline on Fri 13/02: 1 working day late (Tết skipped).
    (PLAIN, finished(B, D(2026, 2, 12), D(2026, 2, 23)), D(2026, 3, 2), 5, StepState.DONE_LATE, 1,
     f"Thời hạn 13/02/2026; hoàn thành 23/02/2026 ({TET}): chậm 1 ngày làm việc"),
    # A deadline on Saturday 14/02 ends on the first working day after it, Mon 23/02 (Bộ luật Dân sự, art. 148).
    (PLAIN, finished(step(3, 1, (D(2026, 2, 9), D(2026, 2, 9)), deadline=D(2026, 2, 14)), D(2026, 2, 9),
                     D(2026, 2, 23)), D(2026, 3, 2), 5, StepState.DONE_ON_TIME, 0, None),
    (PLAIN, finished(step(3, 1, (D(2026, 2, 9), D(2026, 2, 9)), deadline=D(2026, 2, 14)), D(2026, 2, 9),
                     D(2026, 2, 24)), D(2026, 3, 2), 5, StepState.DONE_LATE, 1,
     "Thời hạn 14/02/2026 (ngày nghỉ: kéo dài đến hết 23/02/2026, Bộ luật Dân sự 2015, Điều 148); hoàn thành "
     "24/02/2026: chậm 1 ngày làm việc"),
    # Open past its deadline 13/02 on 24/02: overdue by 2 working days (23, 24/02).
    (PLAIN, started(B, D(2026, 2, 12)), D(2026, 2, 24), 5, StepState.OVERDUE, 2,
     f"Thời hạn 13/02/2026; hôm nay 24/02/2026 chưa hoàn thành ({TET}): quá hạn 2 ngày làm việc"),
    # Due in 4 working days (deadline 27/02, today 23/02): due soon within 5, not within 3.
    (PLAIN, step(4, 5, (D(2026, 2, 23), D(2026, 2, 27))), D(2026, 2, 23), 5, StepState.DUE_SOON, 4,
     "Thời hạn 27/02/2026; hôm nay 23/02/2026: còn 4 ngày làm việc"),
    (PLAIN, step(4, 5, (D(2026, 2, 23), D(2026, 2, 27))), D(2026, 2, 23), 3, StepState.NOT_STARTED, 0, None),
    (PLAIN, started(step(4, 5, (D(2026, 2, 23), D(2026, 2, 27))), D(2026, 2, 23)), D(2026, 2, 23), 3,
     StepState.IN_PROGRESS, 0, None),
    # Due today.
    (PLAIN, step(4, 1, (D(2026, 2, 23), D(2026, 2, 23))), D(2026, 2, 23), 0, StepState.DUE_SOON, 0,
     "Thời hạn 23/02/2026; hôm nay 23/02/2026: đến hạn hôm nay"),
    # From Friday 13/02 to a deadline on Tue 24/02: 2 working days left, Tết not counted.
    (PLAIN, step(4, 1, (D(2026, 2, 24), D(2026, 2, 24))), D(2026, 2, 13), 5, StepState.DUE_SOON, 2,
     f"Thời hạn 24/02/2026; hôm nay 13/02/2026 ({TET}): còn 2 ngày làm việc"),
    # From Friday 27/02 to Mon 02/03: 1 working day left, 2 with the make-up Saturday (named in the arithmetic).
    (PLAIN, step(4, 1, (D(2026, 3, 2), D(2026, 3, 2))), D(2026, 2, 27), 1, StepState.DUE_SOON, 1,
     "Thời hạn 02/03/2026; hôm nay 27/02/2026: còn 1 ngày làm việc"),
    (MAKE_UP, step(4, 1, (D(2026, 3, 2), D(2026, 3, 2))), D(2026, 2, 27), 1, StepState.NOT_STARTED, 0, None),
    (MAKE_UP, step(4, 1, (D(2026, 3, 2), D(2026, 3, 2))), D(2026, 2, 27), 2, StepState.DUE_SOON, 2,
     "Thời hạn 02/03/2026; hôm nay 27/02/2026 (tính cả ngày làm bù thứ Bảy 28/02/2026): còn 2 ngày làm việc"),
])
def test_each_step_is_on_time_late_overdue_or_due_soon_in_working_days(calendar, facts, today, warning_days, state,
                                                                       days, explained):
    status = schedule.step_status(calendar, facts, today, warning_days)
    assert (status.state, status.days, status.explanation) == (state, days, explained)


# ---------------------------------------------------------------- early warnings (pure)

def test_the_warnings_name_the_late_project_the_overdue_the_due_soon_and_the_unreported_steps():
    today = D(2026, 2, 24)
    steps = [
        finished(step(1, 1, (D(2026, 2, 2), D(2026, 2, 2))), D(2026, 2, 2), D(2026, 2, 2)),     # reported
        finished(step(2, 1, (D(2026, 2, 3), D(2026, 2, 3)), waits=(1,)), D(2026, 2, 3), D(2026, 2, 11)),  # not
        started(step(3, 3, (D(2026, 2, 4), D(2026, 2, 6)), waits=(2,)), D(2026, 2, 12)),          # overdue
        step(4, 2, (D(2026, 2, 25), D(2026, 2, 26)), waits=(3,)),                                # due in 2 days
        step(5, 30, (D(2026, 2, 27), D(2026, 4, 9)), waits=(4,)),                                # far away
    ]
    forecasts = schedule.forecast(PLAIN, steps, today)
    whole = schedule.project_forecast(PLAIN, steps, forecasts, D(2026, 3, 31))   # forecast: 09/04
    labels = {n: schedule.StepLabel(n, "Sở Xây dựng") for n in range(1, 6)}
    found = schedule.alerts(PLAIN, steps, today, 5, {1}, whole, labels)
    assert [(a.kind, a.step, a.days) for a in found] == [
        (AlertKind.PROJECT_LATE, None, 7), (AlertKind.OVERDUE, 3, 7), (AlertKind.DUE_SOON, 4, 2),
        (AlertKind.UNREPORTED, 2, 4)]
    overdue = found[1]
    assert overdue.title == "Bước 3 «Bước 3» (Sở Xây dựng) quá hạn 7 ngày làm việc"
    assert overdue.explanation == f"Thời hạn 06/02/2026; hôm nay 24/02/2026 chưa hoàn thành ({TET}): quá hạn 7 ngày " \
                                  "làm việc"
    assert found[2].title == "Bước 4 «Bước 4» (Sở Xây dựng) sắp đến hạn: còn 2 ngày làm việc"
    assert "Điều 9 khoản 2" in found[3].explanation and TET in found[3].explanation
    # Every finished step reported and a warning threshold of 1 day: the due-soon step is no longer named.
    quiet = schedule.alerts(PLAIN, steps, today, 1, {1, 2}, whole, labels)
    assert [a.kind for a in quiet] == [AlertKind.PROJECT_LATE, AlertKind.OVERDUE]


# ---------------------------------------------------------------- the service reader

def test_the_schedule_of_a_project_follows_the_reports_and_the_setting(demo_db, actors, unit_ids):
    project_id, _ = project_with_process(demo_db, actors, unit_ids, D(2026, 2, 6))
    editor = actors["capnhat.sxd"]
    with session_scope(demo_db) as s:
        before = schedule.project_schedule(s, editor, project_id, D(2026, 2, 6))
    assert [item.forecast.end for item in before.steps] == [item.row.planned_end for item in before.steps]
    assert all(item.moved_days == 0 for item in before.steps)
    assert before.warning_days == 5 and before.project.end == max(i.row.planned_end for i in before.steps)

    first = before.steps[0].row
    with session_scope(demo_db) as s:     # the first step starts 5 working days late (what a step report records)
        row = s.get(ProjectStep, first.id)
        row.actual_start = PLAIN.add_working_days(first.planned_start, 5)
    today = row.actual_start
    with session_scope(demo_db) as s:
        after = schedule.project_schedule(s, editor, project_id, today)
    moved = after.steps[0].forecast.end
    assert moved == PLAIN.add_working_days(first.planned_end, 5)
    assert after.project.end == PLAIN.add_working_days(before.project.end, 5)
    assert after.steps[-1].moved_days == 5 and after.steps[0].forecast_late_days == 5

    # The warning threshold is a setting of the province.
    with session_scope(demo_db) as s:
        settings.store(s, {schedule.WARNING_DAYS_KEY: 0})
    with session_scope(demo_db) as s:
        quiet = schedule.project_schedule(s, editor, project_id, today)
    assert quiet.warning_days == 0
    assert not any(a.kind == AlertKind.DUE_SOON and a.days > 0 for a in quiet.alerts)


def test_finished_steps_are_unreported_until_the_resolving_unit_reports_the_finish(demo_db, actors, unit_ids):
    project_id, _ = project_with_process(demo_db, actors, unit_ids, D(2026, 2, 6))
    editor = actors["capnhat.sxd"]
    with session_scope(demo_db) as s:
        first = s.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                          .order_by(ProjectStep.position)).first()
        first.actual_start, first.actual_end = first.planned_start, first.planned_end
        first_id, end = first.id, first.planned_end
    today = PLAIN.add_working_days(end, 3)
    with session_scope(demo_db) as s:
        found = schedule.project_schedule(s, editor, project_id, today).alerts
    assert [(a.kind, a.step, a.days) for a in found if a.kind == AlertKind.UNREPORTED] == [
        (AlertKind.UNREPORTED, first_id, 3)]
    with session_scope(demo_db) as s:      # the resolving unit reports the finish (art. 9.2)
        s.add(ProjectStepReport(step_id=first_id, unit_id=unit_ids["SXD"], started_on=end, progress_percent=100,
                                finished_on=end))
    with session_scope(demo_db) as s:
        found = schedule.project_schedule(s, editor, project_id, today).alerts
    assert not any(a.kind == AlertKind.UNREPORTED for a in found)
    with session_scope(demo_db) as s:   # or the caller names the reported steps itself
        found = schedule.project_schedule(s, editor, project_id, today, reported=set()).alerts
    assert any(a.kind == AlertKind.UNREPORTED for a in found)


@pytest.mark.parametrize("username, sees", [
    ("capnhat.sxd", True), ("lanhdao", True), ("kehoach.stc", True), ("capnhat.laplvo", False),
])
def test_the_schedule_is_read_in_the_projects_scope(demo_db, actors, unit_ids, username, sees):
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        if sees:
            result = schedule.project_schedule(s, actors[username], project_id, D(2026, 3, 2))
            assert result.steps and result.view.may_edit == (username == "capnhat.sxd")
        else:
            with pytest.raises(NotFound):
                schedule.project_schedule(s, actors[username], project_id, D(2026, 3, 2))


def test_a_project_without_process_has_no_schedule(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(demo_db) as s:
        assert schedule.project_schedule(s, actors["capnhat.sxd"], project_id, D(2026, 3, 2)) is None
        assert process.process_version(s, actors["capnhat.sxd"], project_id) is None


def test_the_portfolio_warnings_cover_the_projects_in_scope_and_skip_paused_ones(demo_db, actors, unit_ids):
    project_id, _ = project_with_process(demo_db, actors, unit_ids, D(2026, 2, 6))
    with session_scope(demo_db) as s:
        first = s.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                          .order_by(ProjectStep.position)).first()
        first.actual_start = first.planned_start
        deadline = first.deadline
    today = PLAIN.add_working_days(deadline, 3)             # the first step is 3 working days overdue
    with session_scope(demo_db) as s:
        mine = schedule.portfolio_alerts(s, actors["capnhat.sxd"], today)
        leader = schedule.portfolio_alerts(s, actors["lanhdao"], today)
        peer = schedule.portfolio_alerts(s, actors["capnhat.laplvo"], today)
        single = schedule.project_schedule(s, actors["capnhat.sxd"], project_id, today)
    # the demo's own projects carry warnings too: this test looks at its own project among them
    assert project_id in [p.project_id for p in mine] and project_id in [p.project_id for p in leader]
    assert project_id not in [p.project_id for p in peer]    # peers never see each other's projects
    ours = next(p for p in mine if p.project_id == project_id)
    assert [(a.kind, a.step, a.days) for a in ours.alerts] == [(a.kind, a.step, a.days) for a in single.alerts]
    assert (AlertKind.OVERDUE, first.id, 3) in [(a.kind, a.step, a.days) for a in ours.alerts]

    with session_scope(demo_db) as s:                          # a paused project is kept out of progress
        s.get(Project, project_id).status = ProjectStatus.PAUSED
    with session_scope(demo_db) as s:
        assert project_id not in [p.project_id for p in schedule.portfolio_alerts(s, actors["lanhdao"], today)]


def test_a_long_arithmetic_counts_the_days_off_instead_of_naming_every_holiday():
    text = schedule.explain_overdue(PLAIN, D(2026, 1, 30), D(2027, 3, 1))
    # Tết 2026, Giỗ Tổ, 30/4–1/5, Quốc khánh, Ngày Văn hóa, Tết Dương lịch 2027, Tết 2027: counted, not listed.
    assert "không tính" in text and "ngày nghỉ lễ, Tết, nghỉ bù từ 16/02/2026 đến" in text
    assert "Tết Nguyên Đán" not in text
    assert text.endswith(f"quá hạn {PLAIN.late_by(D(2026, 1, 30), D(2027, 3, 1))} ngày làm việc")


def test_the_gantt_chart_is_valid_vega_lite_with_dates_dd_mm_yyyy(demo_db, actors, unit_ids):
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        result = schedule.project_schedule(s, actors["capnhat.sxd"], project_id, D(2026, 3, 2))
    spec = gantt_chart(result)
    alt.LayerChart.from_dict({k: v for k, v in spec.items() if k != "$schema"})     # altair's schema validates it
    bars, rules = spec["layer"]
    assert bars["encoding"]["x"]["axis"]["format"] == "%d/%m/%Y"
    assert len(bars["data"]["values"]) == 2 * len(result.steps)                      # planned and actual / forecast
    assert [m["Mốc"] for m in rules["data"]["values"]][0] == "Hôm nay 02/03/2026"


@pytest.mark.parametrize("calendar", [PLAIN, MAKE_UP], ids=["plain", "make-up"])
def test_the_days_named_in_an_arithmetic_are_those_of_the_calendar_day_by_day(calendar):
    """The year-by-year reading of the days off and the worked weekend days agrees with a walk day by day."""
    starts = [D(2026, 1, 1) + timedelta(days=n) for n in range(0, 420, 17)]
    for first in starts:
        for length in (0, 1, 6, 13, 40, 200, 500):
            last = first + timedelta(days=length)
            off = schedule._weekday_days_off(calendar, first, last)
            assert off == rules._weekday_days_off(calendar, first, last), (first, last)
            assert schedule._weekend_working_days(calendar, first, last, len(off)) == \
                rules._weekend_working_days(calendar, first, last), (first, last)
