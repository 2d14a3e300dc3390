"""Step reports, the on-time / late judgement and the investor's reminders (seed 000 art. 8.3–8.7, 9.2).

Art. 9.2 «Chậm nhất 05 ngày làm việc sau khi hoàn thành phần công việc của quy trình dự án, cơ quan giải quyết công
việc có trách nhiệm phải báo cáo tiến độ trên phần mềm»; art. 8.3 «Chủ đầu tư xác định việc giải quyết đúng hạn, trễ
hạn của từng công việc và đơn vị giải quyết cụ thể»; art. 8.4 «xác định rõ mức độ hoàn thành, nêu rõ các thuận lợi,
khó khăn»; art. 8.7 «Các đơn vị giải quyết trễ hạn … sẽ chịu trách nhiệm trực tiếp»."""
from __future__ import annotations

from datetime import date as D, datetime

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ, Overrides, WorkCalendar
from lib.core.db import session_scope
from lib.core.enums import CalendarOverrideKind, Timeliness
from lib.core.errors import ConflictError, DomainError, NotFound, PermissionDenied, ValidationError
from lib.core.models import Attachment
from lib.core.services import attachments, calendar_admin, settings
from lib.projects import process, step_reports
from lib.projects.enums import JudgementKind
from lib.projects.models import ProjectStep
from lib.projects.step_models import ProjectStepJudgement, ProjectStepReminder, ProjectStepReport
from lib.projects.step_reports import ReportInput, Upload
from tests.unit.projects.test_project_process import project_with_process
from tests.unit.projects.test_project_records import NOT_FOUND

TABLES = (ProjectStepReport, ProjectStepJudgement, ProjectStepReminder, Attachment)
PLAIN = WorkCalendar()
MAKE_UP_SATURDAY = D(2026, 2, 28)
MAKE_UP = WorkCalendar(Overrides(working_days=frozenset({MAKE_UP_SATURDAY})))
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def at(day: D, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LOCAL_TZ)


def counts(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return {m.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(m)) for m in TABLES}


def refused(engine, error: type[DomainError], call) -> DomainError:  # noqa: ANN001
    """Run `call(session)` in one transaction, expect `error`, and check that nothing was saved."""
    before = counts(engine)
    with pytest.raises(error) as caught:
        with session_scope(engine) as s:
            call(s)
    assert counts(engine) == before
    return caught.value


# ---------------------------------------------------------------- the rules (pure, table-driven)

@pytest.mark.parametrize("calendar, finished, reported, due, late", [
    # Finished Wed 11/02/2026: 12, 13, then Tết (16–20/02) not counted: 23, 24, 25 → due Wed 25/02.
    (PLAIN, D(2026, 2, 11), D(2026, 2, 25), D(2026, 2, 25), 0),
    (PLAIN, D(2026, 2, 11), D(2026, 2, 26), D(2026, 2, 25), 1),
    # A report sent on a Tết day counts from the next working day: not late before 25/02.
    (PLAIN, D(2026, 2, 11), D(2026, 2, 18), D(2026, 2, 25), 0),
    # Finished Fri 13/02: 23, 24, 25, 26, 27 → due Fri 27/02; sent Mon 02/03: 1 day late.
    (PLAIN, D(2026, 2, 13), D(2026, 3, 2), D(2026, 2, 27), 1),
    # The province's make-up Saturday 28/02 counts: finished Mon 23/02 → 24, 25, 26, 27, 28 → due Sat 28/02.
    (MAKE_UP, D(2026, 2, 23), D(2026, 2, 28), D(2026, 2, 28), 0),
    (MAKE_UP, D(2026, 2, 23), D(2026, 3, 2), D(2026, 2, 28), 1),
    # Without it: due Mon 02/03, on time then.
    (PLAIN, D(2026, 2, 23), D(2026, 3, 2), D(2026, 3, 2), 0),
    # Finished on the make-up Saturday itself: 02, 03, 04, 05, 06/03 → due Fri 06/03; sent Tue 10/03: 2 days late.
    (MAKE_UP, MAKE_UP_SATURDAY, D(2026, 3, 10), D(2026, 3, 6), 2),
    # Reported the day of the finish: on time.
    (PLAIN, D(2026, 3, 4), D(2026, 3, 4), D(2026, 3, 11), 0),
])
def test_the_report_on_a_finished_step_is_due_five_working_days_later(calendar, finished, reported, due, late):
    """Art. 9.2: «Chậm nhất 05 ngày làm việc sau khi hoàn thành phần công việc…»."""
    lateness = step_reports.report_lateness(calendar, finished, 5, reported)
    assert (lateness.due, lateness.late_days) == (due, late)


@pytest.mark.parametrize("calendar, deadline, finished, late_days", [
    (PLAIN, D(2026, 2, 13), D(2026, 2, 13), 0),            # on the deadline
    (PLAIN, D(2026, 2, 13), D(2026, 2, 10), 0),            # before it
    (PLAIN, D(2026, 2, 13), D(2026, 2, 23), 1),            # Tết skipped: the first working day after is 1 day late
    (PLAIN, D(2026, 2, 13), D(2026, 2, 24), 2),
    (PLAIN, D(2026, 2, 17), D(2026, 2, 23), 0),            # a deadline on a Tết day runs to Mon 23/02
    (PLAIN, D(2026, 2, 27), D(2026, 2, 28), 1),            # Saturday after a Friday deadline: late
    (MAKE_UP, D(2026, 2, 27), D(2026, 2, 28), 1),          # the make-up Saturday is a working day: 1 day late
    (MAKE_UP, D(2026, 2, 27), D(2026, 3, 2), 2),           # … and counts: Mon 02/03 is 2 days late
    (PLAIN, D(2026, 2, 27), D(2026, 3, 2), 1),             # without it, 1
])
def test_the_software_judges_each_step_against_its_deadline_in_working_days(calendar, deadline, finished,
                                                                            late_days):
    verdict = step_reports.judge(calendar, deadline, finished)
    assert (verdict.late, verdict.late_days) == (late_days > 0, late_days)


def test_the_judgement_shows_its_arithmetic():
    assert step_reports.explain_judgement(PLAIN, D(2026, 2, 13), D(2026, 2, 24), 2) == (
        "Thời hạn của bước 13/02/2026; hoàn thành 24/02/2026 (không tính 16/02/2026–20/02/2026 (Tết Nguyên Đán)): "
        "chậm 2 ngày làm việc")
    assert step_reports.explain_judgement(PLAIN, D(2026, 2, 17), D(2026, 2, 23), 0) == (
        "Thời hạn của bước 17/02/2026 (rơi vào ngày nghỉ, kéo dài đến hết ngày làm việc 23/02/2026); hoàn thành "
        "23/02/2026: đúng hạn")


@pytest.mark.parametrize("deadline, today, left", [
    (D(2026, 2, 27), D(2026, 2, 27), 0),
    (D(2026, 2, 27), D(2026, 2, 12), 6),          # 13/02 and 23–27/02: Tết not counted
    (D(2026, 2, 13), D(2026, 2, 24), -2),         # 23 and 24/02 overdue
    (D(2026, 2, 17), D(2026, 2, 23), 0),          # a deadline on a Tết day runs to Mon 23/02
])
def test_working_days_left_are_negative_when_overdue(deadline, today, left):
    assert step_reports.days_left(PLAIN, deadline, today) == left


# ---------------------------------------------------------------- the service

SXD_EDITOR, STC_EDITOR, PEER = "capnhat.sxd", "chuyenvien.stc", "capnhat.laplvo"


@pytest.fixture
def steps(demo_db, actors, unit_ids):  # noqa: ANN001, ANN201
    """The school project of Sở Xây dựng with the group C template from 06/02/2026. Step 1 (the investor's own,
    deadline set to Fri 13/02/2026) and step 2 (Sở Tài chính's: «Thẩm định nguồn vốn…»)."""
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        view = process.project_process(s, actors[SXD_EDITOR], project_id)
        process.update_step(s, actors[SXD_EDITOR], project_id, view.version, view.steps[0].id,
                            deadline=D(2026, 2, 13))
    return {"project": project_id, "first": view.steps[0].id, "second": view.steps[1].id}


def report(engine, actor, step_id: int, now: datetime, **fields) -> int:  # noqa: ANN001, ANN003
    data = ReportInput(**{"started_on": D(2026, 2, 6), "progress_percent": 40, **fields})
    with session_scope(engine) as s:
        return step_reports.report_step(s, actor, step_id, data, now=now)


def test_the_resolving_unit_reports_and_the_step_is_judged(demo_db, actors, steps):
    editor = actors[SXD_EDITOR]
    report(demo_db, editor, steps["first"], at(D(2026, 2, 12)), progress_percent=60,
           difficulties="Chờ số liệu khảo sát địa chất")
    report_id = report(demo_db, editor, steps["first"], at(D(2026, 3, 4)), progress_percent=100,
                       finished_on=D(2026, 2, 24), advantages="Được Sở Xây dựng hướng dẫn kịp thời")
    with session_scope(demo_db) as s:
        step = s.get(ProjectStep, steps["first"])
        assert (step.actual_start, step.actual_end) == (D(2026, 2, 6), D(2026, 2, 24))
        row = s.get(ProjectStepReport, report_id)
        # finished Tue 24/02: 25, 26, 27/02, 02, 03/03 → due 03/03; reported 04/03: 1 working day late
        assert (row.due_on, row.late_days) == (D(2026, 3, 3), 1)
        detail = step_reports.step_detail(s, editor, steps["first"], today=D(2026, 3, 4))
    assert [r.progress_percent for r in detail.reports] == [100, 60]
    assert detail.reports[0].explanation == (
        "Hoàn thành bước 24/02/2026 + 5 ngày làm việc → hạn báo cáo 03/03/2026; báo cáo 04/03/2026: chậm 1 ngày làm "
        "việc")
    assert detail.reports[1].difficulties == "Chờ số liệu khảo sát địa chất"
    [judgement] = detail.judgements
    assert (judgement.kind, judgement.late, judgement.late_days, judgement.responsible_unit, judgement.by) == (
        JudgementKind.SOFTWARE, True, 2, "Sở Xây dựng", "Phần mềm")
    assert detail.row.timeliness == Timeliness.LATE and detail.row.progress == 100
    assert detail.may_report and detail.may_judge


def test_the_setting_changes_the_report_deadline(demo_db, actors, steps):
    with session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {"project_step_report_days": 10})
    report_id = report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 3, 4)), progress_percent=100,
                       finished_on=D(2026, 2, 24))
    with session_scope(demo_db) as s:
        row = s.get(ProjectStepReport, report_id)
    assert (row.due_on, row.late_days) == (D(2026, 3, 10), 0)


def test_a_make_up_saturday_of_the_province_shortens_the_report_deadline(demo_db, actors, steps):
    with session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], MAKE_UP_SATURDAY, CalendarOverrideKind.WORKING_DAY,
                                    "Làm bù cho ngày nghỉ Tết")
    report_id = report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 3, 2)), progress_percent=100,
                       finished_on=D(2026, 2, 23))
    with session_scope(demo_db) as s:
        row = s.get(ProjectStepReport, report_id)
    assert (row.due_on, row.late_days) == (D(2026, 2, 28), 1)


@pytest.mark.parametrize("fields, field, message", [
    ({"started_on": D(2026, 3, 5)}, "started_on",
     "Ngày bắt đầu (05/03/2026) là ngày trong tương lai. Chỉ báo cáo việc đã diễn ra (hôm nay là 04/03/2026); ngày "
     "dự kiến đã có trong quy trình của dự án."),
    ({"finished_on": D(2026, 3, 9), "progress_percent": 100}, "finished_on",
     "Ngày hoàn thành (09/03/2026) là ngày trong tương lai. Chỉ báo cáo việc đã diễn ra (hôm nay là 04/03/2026); "
     "ngày dự kiến đã có trong quy trình của dự án."),
    ({"progress_percent": 101}, "progress_percent",
     "Mức độ hoàn thành phải là số nguyên từ 0 đến 100 (%) (đã nhập: 101)."),
    ({"progress_percent": -1}, "progress_percent",
     "Mức độ hoàn thành phải là số nguyên từ 0 đến 100 (%) (đã nhập: -1)."),
    ({"finished_on": D(2026, 3, 2), "progress_percent": 90}, "progress_percent",
     "Bước đã hoàn thành thì mức độ hoàn thành phải là 100 % (đã nhập: 90 %). Nếu bước chưa xong, để trống ngày "
     "hoàn thành."),
    ({"finished_on": D(2026, 2, 5), "progress_percent": 100}, "finished_on",
     "Ngày hoàn thành (05/02/2026) không được trước ngày bắt đầu (06/02/2026)."),
    ({"started_on": None}, "started_on", "Vui lòng nhập ngày bắt đầu thực hiện bước."),
])
def test_bad_reports_are_refused_and_nothing_is_saved(demo_db, actors, steps, fields, field, message):
    data = ReportInput(**{"started_on": D(2026, 2, 6), "progress_percent": 40, **fields})
    error = refused(demo_db, ValidationError, lambda s: step_reports.report_step(
        s, actors[SXD_EDITOR], steps["first"], data, [Upload("bien-ban.pdf", PDF)], now=at(D(2026, 3, 4))))
    assert (str(error), error.field) == (message, field)
    with session_scope(demo_db) as s:
        assert s.get(ProjectStep, steps["first"]).actual_start is None


def test_only_the_resolving_units_editors_report(demo_db, actors, steps):
    data = ReportInput(D(2026, 3, 13), 20)
    # the investor's editor on Sở Tài chính's step
    error = refused(demo_db, PermissionDenied, lambda s: step_reports.report_step(
        s, actors[SXD_EDITOR], steps["second"], data, now=at(D(2026, 3, 16))))
    assert str(error) == ("Chỉ cán bộ của đơn vị giải quyết bước «Thẩm định nguồn vốn và khả năng cân đối vốn» (Sở "
                          "Tài chính) được báo cáo tiến độ bước này (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 "
                          "khoản 2).")
    # a lookup account of the resolving unit, a leader who sees everything
    error = refused(demo_db, PermissionDenied, lambda s: step_reports.report_step(
        s, actors["tracuu.sxd"], steps["first"], data, now=at(D(2026, 3, 16))))
    assert str(error) == "Tài khoản tra cứu chỉ được xem tiến độ các bước, không được báo cáo hay cập nhật."
    refused(demo_db, PermissionDenied, lambda s: step_reports.report_step(
        s, actors["lanhdao"], steps["second"], data, now=at(D(2026, 3, 16))))
    # a peer: the step does not exist for it
    error = refused(demo_db, NotFound, lambda s: step_reports.report_step(
        s, actors[PEER], steps["second"], data, now=at(D(2026, 3, 16))))
    assert str(error) == NOT_FOUND
    # Sở Tài chính's editor reports, with evidence
    with session_scope(demo_db) as s:
        report_id = step_reports.report_step(s, actors[STC_EDITOR], steps["second"], data,
                                             [Upload("to-trinh-tham-dinh.pdf", PDF)], now=at(D(2026, 3, 16)))
    with session_scope(demo_db) as s:
        detail = step_reports.step_detail(s, actors[STC_EDITOR], steps["second"], today=D(2026, 3, 16))
        [evidence] = detail.reports[0].evidence
        assert evidence.name == "to-trinh-tham-dinh.pdf" and detail.reports[0].id == report_id
        assert detail.may_report and not detail.may_judge
        # the file: the reporter, the investor and the leader read it; the peer does not
        for username in (STC_EDITOR, SXD_EDITOR, "lanhdao"):
            assert attachments.info(s, actors[username], evidence.attachment_id).name == "to-trinh-tham-dinh.pdf"
        with pytest.raises(NotFound):
            attachments.info(s, actors[PEER], evidence.attachment_id)


def test_a_concurrent_report_is_a_conflict(demo_db, actors, steps):
    report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 2, 12)))
    refused(demo_db, ConflictError, lambda s: step_reports.report_step(
        s, actors[SXD_EDITOR], steps["first"], ReportInput(D(2026, 2, 6), 50), expected_reports=0,
        now=at(D(2026, 2, 13))))


def test_a_finished_step_stays_finished(demo_db, actors, steps):
    report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 2, 13)), progress_percent=100,
           finished_on=D(2026, 2, 13))
    error = refused(demo_db, ValidationError, lambda s: step_reports.report_step(
        s, actors[SXD_EDITOR], steps["first"], ReportInput(D(2026, 2, 6), 80), now=at(D(2026, 2, 23))))
    assert error.field == "finished_on"


# ---------------------------------------------------------------- scope

def test_each_role_sees_its_steps_and_peers_nothing(demo_db, actors, steps):
    today = D(2026, 3, 16)
    with session_scope(demo_db) as s:
        mine = {r.step_id for r in step_reports.my_steps(s, actors[STC_EDITOR], today=today)}
        assert steps["second"] in mine and steps["first"] not in mine
        assert not {r.step_id for r in step_reports.my_steps(s, actors[PEER], today=today)} & set(steps.values())
        wide = {r.step_id for r in step_reports.my_steps(s, actors["kehoach.stc"], today=today)}
        assert {steps["first"], steps["second"]} <= wide
        assert {steps["first"], steps["second"]} <= {r.step_id for r in step_reports.investor_steps(
            s, actors[SXD_EDITOR], today=today)}
        assert not step_reports.investor_steps(s, actors[STC_EDITOR], today=today)
        # the resolving unit sees the project's summary and only its own steps
        summary = step_reports.project_steps(s, actors[STC_EDITOR], steps["project"], today=today)
        assert not summary.whole_project and not summary.may_judge
        assert {r.step_id for r in summary.steps} == {r.step_id for r in step_reports.my_steps(
            s, actors[STC_EDITOR], project_id=steps["project"], today=today)}
        assert steps["first"] not in {r.step_id for r in summary.steps}
        whole = step_reports.project_steps(s, actors[SXD_EDITOR], steps["project"], today=today)
        assert whole.whole_project and whole.may_judge and len(whole.steps) == 17
    with session_scope(demo_db) as s:
        for call in (lambda: step_reports.project_steps(s, actors[PEER], steps["project"]),
                     lambda: step_reports.step_detail(s, actors[PEER], steps["second"]),
                     lambda: step_reports.step_detail(s, actors[STC_EDITOR], steps["first"]),
                     lambda: step_reports.step_detail(s, actors[SXD_EDITOR], 987654)):
            with pytest.raises(NotFound):
                call()


# ---------------------------------------------------------------- the investor's judgement

def test_the_investor_confirms_or_corrects_and_the_history_keeps_both(demo_db, actors, steps):
    report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 2, 24)), progress_percent=100,
           finished_on=D(2026, 2, 24))
    with session_scope(demo_db) as s:
        software = step_reports.step_detail(s, actors[SXD_EDITOR], steps["first"]).current_judgement_id
        step_reports.confirm_judgement(s, actors[SXD_EDITOR], steps["first"], software, now=at(D(2026, 2, 25)))
    with session_scope(demo_db) as s:
        confirmed = step_reports.step_detail(s, actors[SXD_EDITOR], steps["first"]).current_judgement_id
        step_reports.correct_judgement(
            s, actors[SXD_EDITOR], steps["first"], confirmed, late=True, late_days=2,
            responsible_unit_id=s.scalar(sa.text("SELECT id FROM units WHERE code = 'STC'")),
            reason="Sở Tài chính gửi ý kiến chậm, chủ đầu tư không thể hoàn thành đúng hạn",
            now=at(D(2026, 2, 26)))
    with session_scope(demo_db) as s:
        detail = step_reports.step_detail(s, actors[SXD_EDITOR], steps["first"])
        late_steps = step_reports.late_steps(s, actors["lanhdao"], today=D(2026, 2, 26))
        board = step_reports.late_steps_by_unit(s, actors["lanhdao"], today=D(2026, 2, 26))
        stc = s.scalar(sa.text("SELECT id FROM units WHERE code = 'STC'"))
    assert [(j.kind, j.late_days, j.responsible_unit, j.by) for j in detail.judgements] == [
        (JudgementKind.SOFTWARE, 2, "Sở Xây dựng", "Phần mềm"),
        (JudgementKind.CONFIRMED, 2, "Sở Xây dựng", "Võ Thị Mai"),
        (JudgementKind.CORRECTED, 2, "Sở Tài chính", "Võ Thị Mai")]
    assert detail.judgements[-1].reason.startswith("Sở Tài chính gửi ý kiến chậm")
    # the leader's board counts the step against the unit the investor named (beside the demo's own late steps)
    assert [step.unit_id for step in late_steps if step.step_id == steps["first"]] == [stc]
    counted = {r.unit_id: r.late_finished for r in board}
    assert counted[stc] == sum(1 for step in late_steps if step.unit_id == stc and step.finished_on)


def test_bad_judgements_are_refused(demo_db, actors, steps):
    error = refused(demo_db, ValidationError, lambda s: step_reports.confirm_judgement(
        s, actors[SXD_EDITOR], steps["first"], None))
    assert "chưa được báo cáo hoàn thành" in str(error)
    report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 2, 24)), progress_percent=100,
           finished_on=D(2026, 2, 24))
    with session_scope(demo_db) as s:
        current = step_reports.step_detail(s, actors[SXD_EDITOR], steps["first"]).current_judgement_id
    cases = [
        (ValidationError, dict(late=False, late_days=0, responsible_unit_id=None, reason=""),
         "Vui lòng nêu lý do điều chỉnh kết quả đúng hạn, trễ hạn (Điều 8 khoản 3)."),
        (ValidationError, dict(late=True, late_days=0, responsible_unit_id=None, reason="x"),
         "Bước trễ hạn thì số ngày làm việc trễ phải là số nguyên từ 1 trở lên (đã nhập: 0)."),
        (ValidationError, dict(late=True, late_days=3, responsible_unit_id=None, reason="x"),
         "Vui lòng chọn đơn vị chịu trách nhiệm về việc trễ hạn (Điều 8 khoản 7)."),
    ]
    for error_type, kwargs, message in cases:
        error = refused(demo_db, error_type, lambda s: step_reports.correct_judgement(
            s, actors[SXD_EDITOR], steps["first"], current, **kwargs))
        assert str(error) == message
    refused(demo_db, ConflictError, lambda s: step_reports.confirm_judgement(
        s, actors[SXD_EDITOR], steps["first"], current + 1000))
    error = refused(demo_db, PermissionDenied, lambda s: step_reports.confirm_judgement(
        s, actors["tracuu.sxd"], steps["first"], current))
    refused(demo_db, PermissionDenied, lambda s: step_reports.confirm_judgement(
        s, actors["lanhdao"], steps["first"], current))
    refused(demo_db, NotFound, lambda s: step_reports.confirm_judgement(s, actors[PEER], steps["first"], current))


# ---------------------------------------------------------------- reminders

def test_the_investor_reminds_and_the_unit_sees_it_until_it_reports(demo_db, actors, steps):
    def reminded(username: str) -> int:
        with session_scope(demo_db) as s:   # the demo's own reminders (lib/projects/step_demo.py) come on top
            return {a.key: a.count for a in step_reports.step_actions(s, actors[username])}.get("reminded", 0)

    before, peer_before = reminded(STC_EDITOR), reminded(PEER)
    with session_scope(demo_db) as s:
        step_reports.remind(s, actors[SXD_EDITOR], steps["second"], now=at(D(2026, 3, 16)))
    assert (reminded(STC_EDITOR), reminded(PEER)) == (before + 1, peer_before)
    with session_scope(demo_db) as s:
        [reminder] = step_reports.step_detail(s, actors[STC_EDITOR], steps["second"]).reminders
        assert reminder.message.startswith("Đề nghị đơn vị báo cáo tiến độ thực hiện bước «Thẩm định nguồn vốn")
        assert reminder.sender == "Võ Thị Mai" and reminder.answered_at is None
    with session_scope(demo_db) as s:
        step_reports.report_step(s, actors[STC_EDITOR], steps["second"], ReportInput(D(2026, 3, 13), 30),
                                 now=at(D(2026, 3, 17)))
    assert reminded(STC_EDITOR) == before
    with session_scope(demo_db) as s:
        assert step_reports.step_detail(s, actors[STC_EDITOR], steps["second"]).reminders[0].answered_at
    # only the investor's editors remind; never a finished step
    refused(demo_db, PermissionDenied, lambda s: step_reports.remind(s, actors[STC_EDITOR], steps["second"]))
    refused(demo_db, NotFound, lambda s: step_reports.remind(s, actors[PEER], steps["second"]))
    report(demo_db, actors[SXD_EDITOR], steps["first"], at(D(2026, 2, 24)), progress_percent=100,
           finished_on=D(2026, 2, 24))
    error = refused(demo_db, ValidationError, lambda s: step_reports.remind(s, actors[SXD_EDITOR], steps["first"]))
    assert "đã được báo cáo hoàn thành ngày 24/02/2026" in str(error)


def test_overdue_open_steps_count_against_their_resolving_unit(demo_db, actors, steps):
    """Sở Tài chính's step is due 02/04/2026 (15 working days from 13/03); on 08/04 it is overdue."""
    with session_scope(demo_db) as s:
        deadline = s.get(ProjectStep, steps["second"]).deadline
        calendar = calendar_admin.work_calendar(s)
        today = calendar.add_working_days(deadline, 3)
        board = {r.unit: r for r in step_reports.late_steps_by_unit(s, actors["lanhdao"], today=today)}
        row = next(r for r in step_reports.my_steps(s, actors[STC_EDITOR], today=today)
                   if r.step_id == steps["second"])
        actions = {a.key: a.count for a in step_reports.step_actions(s, actors[STC_EDITOR], today=today)}
    assert (row.timeliness, row.days_left) == (Timeliness.OVERDUE, -3)
    assert board["Sở Tài chính"].overdue_open >= 1 and board["Sở Tài chính"].late_days >= 3
    assert actions["overdue"] >= 1


def test_paused_projects_are_kept_out_of_the_late_steps_by_unit(demo_db, actors, steps):
    from lib.projects import records
    from lib.projects.enums import ProjectStatus

    def school_overdue(today: D) -> int:
        with session_scope(demo_db) as s:
            return sum(1 for r in step_reports.my_steps(s, actors["lanhdao"], project_id=steps["project"],
                                                        today=today) if r.timeliness == Timeliness.OVERDUE)

    def board(today: D) -> int:
        with session_scope(demo_db) as s:
            return sum(r.overdue_open for r in step_reports.late_steps_by_unit(s, actors["lanhdao"], today=today))

    today = D(2026, 3, 16)
    before = board(today)
    assert school_overdue(today) == 1          # step 1, due 13/02/2026 (set by the investor), not reported
    with session_scope(demo_db) as s:
        records.change_status(s, actors[SXD_EDITOR], steps["project"], None, status=ProjectStatus.PAUSED,
                              effective_on=D(2026, 3, 2), reason="Chờ bố trí vốn", now=at(D(2026, 3, 3)))
    assert board(today) == before - 1


def test_the_demo_has_reports_judgements_and_reminders(demo_db, actors):
    """lib/projects/step_demo.py: finished steps reported (some late), judgements confirmed and one corrected, an
    overdue step of Sở Tài chính reminded."""
    with session_scope(demo_db) as s:
        reports = list(s.scalars(sa.select(ProjectStepReport)))
        kinds = set(s.scalars(sa.select(ProjectStepJudgement.kind)))
        actions = {a.key: a.count for a in step_reports.step_actions(s, actors[STC_EDITOR])}
    assert any(r.late_days for r in reports if r.late_days is not None)
    assert any(r.finished_on is None for r in reports)                  # a step in progress
    assert kinds == {JudgementKind.SOFTWARE, JudgementKind.CONFIRMED, JudgementKind.CORRECTED}
    assert actions.get("reminded", 0) >= 1
