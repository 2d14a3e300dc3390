"""Module Nhiệm vụ, the work on a task: the unit acknowledges and reports, the Office approves or rejects, returned
tasks are reassigned or corrected, deadlines change with a reason, two officers decide at once, units merge.

One `session_scope` per user action; documents issued in March 2026, reports submitted with an explicit `now`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.projects.models import Project, ProjectStep
from lib.projects.process import CLOSED_STATUSES
from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus, Urgency
from lib.core.enums import Role, Timeliness, UnitStatus
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.tasks.models import Task, TaskCoUnit, TaskEvent, TaskReport
from lib.core.models import Unit
from lib.core.services import accounts, attachments, units
from lib.tasks import queries as task_queries, workflow as tasks
from lib.core.services.auth import to_actor
from lib.tasks.queries import TaskFilter
from lib.tasks.workflow import DocumentInput, ReportInput, TaskInput, Upload
from tests.unit.core_helpers import leader_id

OFFICER = "chuyenvien.vp"
EDITOR = "capnhat.sxd"          # editor of Sở Xây dựng
VIEWER = "tracuu.sxd"           # read-only account of Sở Xây dựng
OTHER = "capnhat.laplvo"        # editor of Xã Lấp Vò
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ISSUED = date(2026, 3, 2)
DEADLINE = date(2026, 3, 31)     # a Tuesday
TODAY = date(2026, 3, 16)


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


_numbers = iter(range(700, 9999))


def new_task(engine, actors, unit_ids, lead: str = "SXD", co: tuple[str, ...] = (),  # noqa: ANN001
             deadline: date | None = DEADLINE, content: str = "Rà soát danh mục dự án chậm giải ngân",
             signed_file: Upload | None = None) -> int:
    """A document of the Office with one task; returns the task id."""
    with session_scope(engine) as s:
        document_id = tasks.create_document(
            s, actors[OFFICER],
            DocumentInput(DocType.CONG_VAN, f"{next(_numbers)}/VP-TH", "Về việc đôn đốc thực hiện nhiệm vụ", ISSUED,
                          unit_ids["VP"], leader_id(s, "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"), "Nguyễn Văn Thành",
                          issued_time=time(9, 0), drafter_id=actors[OFFICER].id),
            [TaskInput(content, unit_ids[lead], [unit_ids[c] for c in co], deadline=deadline,
                       long_term=deadline is None, follower_id=actors[OFFICER].id)],
            signed_file=signed_file or Upload("van-ban.pdf", PDF), now=at(2026, 3, 2))
        return s.scalar(sa.select(Task.id).where(Task.document_id == document_id))


def act(engine, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    """One user action in its own transaction."""
    with session_scope(engine) as s:
        return fn(s, *args, **kw)


def submit_report(session, actor, task_id: int, report: ReportInput, upload: Upload | None = None,  # noqa: ANN001
                  **kw) -> int:  # noqa: ANN003
    """`tasks.submit_report` with the report document's file (seed 001 art. 7.5c) where a test did not care."""
    return tasks.submit_report(session, actor, task_id, report, upload or Upload("bao-cao.pdf", PDF), **kw)


def report(text: str = "Đã rà soát 12 dự án; đề xuất điều chuyển 35 tỷ đồng.") -> ReportInput:
    return ReportInput(text, "Báo cáo kết quả rà soát", "125/BC-SXD", "Kết quả rà soát dự án chậm giải ngân",
                       date(2026, 3, 16), "Giám đốc Sở Xây dựng")


@dataclass(frozen=True)
class State:
    status: TaskStatus
    version: int
    lead_unit_id: int
    deadline: date | None
    content: str
    events: tuple[tuple[TaskEventKind, str | None], ...]
    reports: tuple[tuple[int, ReportDecision, str | None], ...]


def state(engine, task_id: int) -> State:  # noqa: ANN001
    with session_scope(engine) as s:
        t = s.get(Task, task_id)
        events = tuple((e.kind, e.text) for e in s.scalars(
            sa.select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)))
        reports = tuple((r.id, r.decision, r.decision_reason) for r in s.scalars(
            sa.select(TaskReport).where(TaskReport.task_id == task_id).order_by(TaskReport.id)))
        return State(t.status, t.version, t.lead_unit_id, t.deadline, t.content, events, reports)


def refused(engine, task_id: int, error: type[Exception], keywords: tuple[str, ...],  # noqa: ANN001
            fn, *args, **kw) -> str:  # noqa: ANN001, ANN002, ANN003
    """The action is refused with `error` and every keyword in its message; the task is unchanged."""
    before = state(engine, task_id)
    with pytest.raises(error) as caught:
        act(engine, fn, *args, **kw)
    message = str(caught.value)
    for keyword in keywords:
        assert keyword in message, (keyword, message)
    assert state(engine, task_id) == before, "a refused action changes nothing"
    return message


def kinds(engine, task_id: int) -> list[TaskEventKind]:  # noqa: ANN001
    return [k for k, _ in state(engine, task_id).events]


def second_officer(engine, unit_ids) -> object:  # noqa: ANN001
    """Another Office officer (the demo has one), created by the system administrator."""
    with session_scope(engine) as s:
        from lib.core.models import Account

        admin = to_actor(s.scalar(sa.select(Account).where(Account.username == "quantri")))
        account_id = accounts.create_account(s, admin, accounts.AccountInput(
            "chuyenvien2.vp", "Trần Văn Bình", unit_ids["VP-TH"], {Role.OFFICE_OFFICER}), "Khoi@Tao2026")
        return to_actor(s.get(Account, account_id))


# ---------------------------------------------------------------- the whole cycle

def test_unit_reports_office_rejects_unit_reports_again_office_approves(demo_db, actors, unit_ids):
    officer, editor = actors[OFFICER], actors[EDITOR]
    task_id = new_task(demo_db, actors, unit_ids)
    assert state(demo_db, task_id).status == TaskStatus.NEW

    act(demo_db, tasks.acknowledge, editor, task_id)
    assert state(demo_db, task_id).status == TaskStatus.ACKNOWLEDGED
    refused(demo_db, task_id, ValidationError, ("Đã tiếp nhận", "không thể tiếp nhận"), tasks.acknowledge, editor,
            task_id)
    act(demo_db, tasks.post_progress, editor, task_id, "Đã làm việc với 5 chủ đầu tư.",
        Upload("bien-ban.pdf", PDF))
    refused(demo_db, task_id, ValidationError, ("nội dung tiến độ",), tasks.post_progress, editor, task_id, "  ")

    first = act(demo_db, submit_report, editor, task_id, report("Báo cáo lần 1"),
                Upload("bao-cao-1.pdf", PDF), now=at(2026, 3, 20, 9))
    assert state(demo_db, task_id).status == TaskStatus.SUBMITTED
    queue, _ = act(demo_db, task_queries.review_queue, officer)
    [row] = [q for q in queue if q.task_id == task_id]
    assert (row.report_id, row.would_be, row.previous_rejections) == (first, Timeliness.EARLY, 0)

    # Không đạt needs a reason; an empty one changes nothing.
    for blank in ("", "   "):
        refused(demo_db, task_id, ValidationError, ("lý do",), tasks.reject, officer, first, blank)
    act(demo_db, tasks.reject, officer, first, "Chưa nêu danh mục dự án cụ thể.")
    after_reject = state(demo_db, task_id)
    assert after_reject.status == TaskStatus.REJECTED
    assert after_reject.reports == ((first, ReportDecision.REJECTED, "Chưa nêu danh mục dự án cụ thể."),)

    # The unit works on and reports again; the queue shows the earlier rejection.
    act(demo_db, tasks.post_progress, editor, task_id, "Bổ sung danh mục theo yêu cầu.")
    assert state(demo_db, task_id).status == TaskStatus.REJECTED
    second = act(demo_db, submit_report, editor, task_id, report("Báo cáo lần 2, đủ danh mục"),
                 now=at(2026, 3, 31, 16))
    queue, _ = act(demo_db, task_queries.review_queue, officer)
    [row] = [q for q in queue if q.task_id == task_id]
    assert (row.report_id, row.previous_rejections, row.would_be) == (second, 1, Timeliness.ON_TIME)

    act(demo_db, tasks.approve, officer, second)
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        approved = s.get(TaskReport, second)
        assert t.status == TaskStatus.DONE and approved.decision == ReportDecision.APPROVED
        assert t.done_at == approved.submitted_at == at(2026, 3, 31, 16)
        assert t.done_on == DEADLINE and t.done_timeliness == Timeliness.ON_TIME
        assert approved.decided_by_id == officer.id and approved.decided_at is not None
    assert kinds(demo_db, task_id) == [
        TaskEventKind.CREATED, TaskEventKind.ACKNOWLEDGED, TaskEventKind.PROGRESS, TaskEventKind.REPORTED,
        TaskEventKind.REJECTED, TaskEventKind.PROGRESS, TaskEventKind.REPORTED, TaskEventKind.APPROVED]
    # The full history is shown to the Office and to the unit; both reports are kept with their decisions.
    for who in (officer, editor):  # seen after the approval (a task done later is still open as of an earlier day)
        detail = act(demo_db, task_queries.task_detail, who, task_id, today=date(2026, 4, 1))
        assert [(r.id, r.decision) for r in detail.reports] == [(first, ReportDecision.REJECTED),
                                                                 (second, ReportDecision.APPROVED)]
        assert detail.reports[0].reason == "Chưa nêu danh mục dự án cụ thể."
        assert [h.kind for h in detail.history][-1] == TaskEventKind.APPROVED
        assert detail.row.status == TaskStatus.DONE and detail.row.timeliness == Timeliness.ON_TIME
    # A decided task takes no further report.
    refused(demo_db, task_id, ValidationError, ("Hoàn thành",), submit_report, editor, task_id, report(),
            now=at(2026, 4, 1))


def test_a_report_needs_content_and_a_report_date_not_in_the_future(demo_db, actors, unit_ids):
    task_id = new_task(demo_db, actors, unit_ids)
    refused(demo_db, task_id, ValidationError, ("nội dung kết quả",), submit_report, actors[EDITOR], task_id,
            report(" "), now=at(2026, 3, 20))
    future = report()
    future.doc_date = date(2026, 3, 21)
    refused(demo_db, task_id, ValidationError, ("Ngày của văn bản báo cáo", "không được sau"), submit_report,
            actors[EDITOR], task_id, future, now=at(2026, 3, 20, 23, 59))
    # Reporting straight from «mới giao» acknowledges the task too.
    act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=at(2026, 3, 20))
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert t.status == TaskStatus.SUBMITTED and t.acknowledged_at == at(2026, 3, 20)


# ---------------------------------------------------------------- timeliness of done tasks

@pytest.mark.parametrize("submitted, expected", [
    (at(2026, 3, 30, 16), Timeliness.EARLY),
    (at(2026, 3, 31, 0, 30), Timeliness.ON_TIME),   # 30/3 17:30 UTC: the local day decides
    (at(2026, 3, 31, 16), Timeliness.ON_TIME),
    (at(2026, 3, 31, 23, 59), Timeliness.ON_TIME),
    (at(2026, 4, 1, 6, 30), Timeliness.LATE),       # still 31/3 in UTC
    (at(2026, 4, 6, 9), Timeliness.LATE),
])
def test_the_submission_moment_of_the_approved_report_decides_the_timeliness(demo_db, actors, unit_ids,
                                                                             submitted, expected):
    task_id = new_task(demo_db, actors, unit_ids)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=submitted)
    act(demo_db, tasks.approve, actors[OFFICER], report_id)
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert (t.done_timeliness, t.done_at, t.done_on) == (expected, submitted, submitted.date())
    [row], _ = act(demo_db, task_queries.list_tasks, actors[OFFICER], TaskFilter(document_id=_document_of(
        demo_db, task_id)), today=date(2026, 5, 1))
    assert (row.status, row.timeliness, row.working_days_left) == (TaskStatus.DONE, expected, None)


def _document_of(engine, task_id: int) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.get(Task, task_id).document_id


def test_a_rejected_early_report_does_not_count_the_approved_late_one_decides(demo_db, actors, unit_ids):
    officer, editor = actors[OFFICER], actors[EDITOR]
    task_id = new_task(demo_db, actors, unit_ids)
    early = act(demo_db, submit_report, editor, task_id, report("Lần 1"), now=at(2026, 3, 25, 9))
    act(demo_db, tasks.reject, officer, early, "Thiếu số liệu.")
    late = act(demo_db, submit_report, editor, task_id, report("Lần 2"), now=at(2026, 4, 2, 9))
    act(demo_db, tasks.approve, officer, late)
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert t.done_timeliness == Timeliness.LATE
        assert t.done_at == s.get(TaskReport, late).submitted_at == at(2026, 4, 2, 9)
        assert t.done_on == date(2026, 4, 2)


def test_a_long_term_task_is_done_without_a_timeliness(demo_db, actors, unit_ids):
    task_id = new_task(demo_db, actors, unit_ids, deadline=None)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=at(2026, 6, 1))
    act(demo_db, tasks.approve, actors[OFFICER], report_id)
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert (t.status, t.done_timeliness, t.done_on) == (TaskStatus.DONE, None, date(2026, 6, 1))


# ---------------------------------------------------------------- who may do what

def test_a_read_only_account_sees_the_task_but_cannot_act(demo_db, actors, unit_ids):
    viewer = actors[VIEWER]
    task_id = new_task(demo_db, actors, unit_ids)
    detail = act(demo_db, task_queries.task_detail, viewer, task_id, today=TODAY)
    assert detail.is_lead_unit and detail.row.id == task_id
    for fn, args, kw in [(submit_report, (report(),), {"now": at(2026, 3, 20)}),
                         (tasks.acknowledge, (), {}), (tasks.post_progress, ("Tiến độ",), {}),
                         (tasks.return_to_office, ("Không thuộc thẩm quyền",), {})]:
        message = refused(demo_db, task_id, PermissionDenied, ("chỉ được xem",), fn, viewer, task_id, *args, **kw)
        assert message == vi.TASK_READ_ONLY


def test_another_unit_can_neither_act_on_nor_see_the_task_nor_its_files(demo_db, actors, unit_ids):
    editor, other = actors[EDITOR], actors[OTHER]
    task_id = new_task(demo_db, actors, unit_ids, signed_file=Upload("van-ban.pdf", PDF))
    report_id = act(demo_db, submit_report, editor, task_id, report(), Upload("bao-cao.pdf", PDF),
                    now=at(2026, 3, 20))
    with session_scope(demo_db) as s:
        report_file = s.get(TaskReport, report_id).attachment_id
        document_file = s.get(Task, task_id).document.attachment_id
    # The id typed in reveals nothing: the same answer as for a task that does not exist.
    for task in (task_id, 987654):
        for fn, args in [(task_queries.task_detail, ()), (tasks.acknowledge, ()),
                         (tasks.post_progress, ("x",)), (tasks.contribute, ("x",))]:
            with pytest.raises(NotFound) as caught:
                act(demo_db, fn, other, task, *args)
            assert str(caught.value) == vi.ERR_NOT_FOUND
    for fn in (tasks.approve, tasks.reject):   # only the Office decides
        with pytest.raises(PermissionDenied):
            act(demo_db, fn, other, report_id, *(["lý do"] if fn is tasks.reject else []))
    rows, total = act(demo_db, task_queries.inbox, other, TaskFilter(statuses=list(TaskStatus)), today=TODAY)
    assert task_id not in {r.id for r in rows}
    rows, _ = act(demo_db, task_queries.list_tasks, other, TaskFilter(include_withdrawn=True), limit=10_000,
                  today=TODAY)
    assert task_id not in {r.id for r in rows}
    for attachment_id in (report_file, document_file):
        with pytest.raises((NotFound, PermissionDenied)):
            act(demo_db, attachments.download, other, attachment_id)
        assert act(demo_db, attachments.download, editor, attachment_id).data == PDF
    # Nor the review queue, which is the Office's.
    with pytest.raises(PermissionDenied):
        act(demo_db, task_queries.review_queue, editor)
    assert state(demo_db, task_id).status == TaskStatus.SUBMITTED


def test_a_coordinating_unit_contributes_but_does_not_report(demo_db, actors, unit_ids):
    editor, co_editor = actors[EDITOR], actors[OTHER]
    task_id = new_task(demo_db, actors, unit_ids, lead="SXD", co=("X-LAPVO",))
    detail = act(demo_db, task_queries.task_detail, co_editor, task_id, today=TODAY)
    assert (detail.is_lead_unit, detail.is_co_unit) == (False, True)
    rows, _ = act(demo_db, task_queries.inbox, co_editor, today=TODAY)
    assert task_id in {r.id for r in rows}

    act(demo_db, tasks.contribute, co_editor, task_id, "Xã đã rà soát 3 dự án trên địa bàn.",
        Upload("gop-y.pdf", PDF))
    with session_scope(demo_db) as s:
        event = s.scalar(sa.select(TaskEvent).where(TaskEvent.task_id == task_id,
                                                    TaskEvent.kind == TaskEventKind.CONTRIBUTION))
        assert event.unit_id == unit_ids["X-LAPVO"] and event.attachment_id and event.actor_id == co_editor.id
    assert act(demo_db, task_queries.task_detail, editor, task_id, today=TODAY).history[-1].text == \
        "Xã đã rà soát 3 dự án trên địa bàn."
    for fn, args, kw in [(submit_report, (report(),), {"now": at(2026, 3, 20)}), (tasks.acknowledge, (), {}),
                         (tasks.return_to_office, ("Không phải việc của xã",), {})]:
        refused(demo_db, task_id, PermissionDenied, ("Chỉ đơn vị chủ trì",), fn, co_editor, task_id, *args, **kw)
    refused(demo_db, task_id, ValidationError, ("nội dung phối hợp",), tasks.contribute, co_editor, task_id, " ")
    # The lead unit does not «contribute» to itself.
    refused(demo_db, task_id, PermissionDenied, ("không phải đơn vị phối hợp",), tasks.contribute, editor, task_id,
            "Góp ý")
    # While the report waits for review the coordinator may still add; after approval not.
    report_id = act(demo_db, submit_report, editor, task_id, report(), now=at(2026, 3, 20))
    act(demo_db, tasks.contribute, co_editor, task_id, "Bổ sung số liệu của xã.")
    act(demo_db, tasks.approve, actors[OFFICER], report_id)
    refused(demo_db, task_id, ValidationError, ("Hoàn thành",), tasks.contribute, co_editor, task_id, "Muộn")


def test_only_the_office_decides_reports(demo_db, actors, unit_ids):
    task_id = new_task(demo_db, actors, unit_ids)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=at(2026, 3, 20))
    for username in (EDITOR, VIEWER, "lanhdao", "quantri"):
        refused(demo_db, task_id, PermissionDenied, ("không có quyền",), tasks.approve, actors[username], report_id)
        refused(demo_db, task_id, PermissionDenied, ("không có quyền",), tasks.reject, actors[username], report_id,
                "Không đạt")


# ---------------------------------------------------------------- two officers at once

def test_two_officers_decide_the_same_report_the_first_wins(demo_db, actors, unit_ids):
    officer = actors[OFFICER]
    colleague = second_officer(demo_db, unit_ids)
    task_id = new_task(demo_db, actors, unit_ids)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=at(2026, 3, 20))
    # Both load the queue (and the report's version).
    seen = [{q.report_id: q.report_version for q in act(demo_db, task_queries.review_queue, who)[0]}[report_id]
            for who in (officer, colleague)]
    act(demo_db, tasks.approve, officer, report_id, expected_version=seen[0])
    message = refused(demo_db, task_id, ConflictError, ("Lê Thị Hồng Nhung", "Đạt", "chưa được lưu"),
                      tasks.reject, colleague, report_id, "Không đạt", expected_version=seen[1])
    assert message.startswith("Báo cáo này đã được Lê Thị Hồng Nhung xác nhận «Đạt» lúc ")
    with session_scope(demo_db) as s:
        assert s.get(Task, task_id).status == TaskStatus.DONE
        r = s.get(TaskReport, report_id)
        assert (r.decision, r.decided_by_id, r.decision_reason) == (ReportDecision.APPROVED, officer.id, None)
    # Without a version, a report decided already is refused the same way.
    for fn, args in [(tasks.reject, ("Không đạt",)), (tasks.approve, ())]:
        message = refused(demo_db, task_id, ConflictError, ("đã được Lê Thị Hồng Nhung xác nhận",), fn, colleague,
                          report_id, *args, expected_version=None)


def test_the_second_decision_is_refused_even_when_both_read_before_either_wrote(demo_db, actors, unit_ids):
    """A real race: the colleague's session loaded the pending report, then the officer approved and committed."""
    from lib.core.db import session_factory

    officer = actors[OFFICER]
    colleague = second_officer(demo_db, unit_ids)
    task_id = new_task(demo_db, actors, unit_ids)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=at(2026, 3, 20))
    slow = session_factory(demo_db)()
    try:
        queue, _ = task_queries.review_queue(slow, colleague)      # the report is now in the slow session
        assert report_id in {q.report_id for q in queue}
        act(demo_db, tasks.reject, officer, report_id, "Không đạt: thiếu văn bản.")
        with pytest.raises(ConflictError) as caught:
            tasks.approve(slow, colleague, report_id)
        assert "Lê Thị Hồng Nhung" in str(caught.value) and "«Không đạt»" in str(caught.value)
        slow.rollback()
    finally:
        slow.close()
    after = state(demo_db, task_id)
    assert after.status == TaskStatus.REJECTED
    assert after.reports == ((report_id, ReportDecision.REJECTED, "Không đạt: thiếu văn bản."),)
    assert TaskEventKind.APPROVED not in kinds(demo_db, task_id)


def test_a_stale_version_of_the_task_is_refused(demo_db, actors, unit_ids):
    task_id = new_task(demo_db, actors, unit_ids)
    version = state(demo_db, task_id).version
    act(demo_db, tasks.acknowledge, actors[EDITOR], task_id)
    refused(demo_db, task_id, ConflictError, ("người khác cập nhật",), tasks.change_deadline, actors[OFFICER],
            task_id, version, new_deadline=date(2026, 4, 15), reason="Theo đề nghị của Sở")
    refused(demo_db, task_id, ConflictError, ("người khác cập nhật",), submit_report, actors[EDITOR], task_id,
            report(), expected_version=version, now=at(2026, 3, 20))


# ---------------------------------------------------------------- returned, reassigned, corrected, deadline

def test_a_returned_task_is_reassigned_to_another_unit(demo_db, actors, unit_ids):
    officer, editor, other = actors[OFFICER], actors[EDITOR], actors[OTHER]
    task_id = new_task(demo_db, actors, unit_ids, co=("SNV",))
    act(demo_db, tasks.acknowledge, editor, task_id)
    refused(demo_db, task_id, ValidationError, ("lý do",), tasks.return_to_office, editor, task_id, "  ")
    act(demo_db, tasks.return_to_office, editor, task_id, "Nội dung thuộc thẩm quyền của UBND xã Lấp Vò.")
    returned = state(demo_db, task_id)
    assert returned.status == TaskStatus.RETURNED
    # Returned: the unit can no longer report; the Office sees it among the returned tasks.
    refused(demo_db, task_id, ValidationError, ("Đơn vị trả lại Văn phòng",), submit_report, editor, task_id,
            report(), now=at(2026, 3, 20))
    rows, _ = act(demo_db, task_queries.list_tasks, officer, TaskFilter(statuses=[TaskStatus.RETURNED]), today=TODAY)
    assert task_id in {r.id for r in rows}

    for reason in ("", " "):
        refused(demo_db, task_id, ValidationError, ("lý do",), tasks.reassign, officer, task_id, returned.version,
                lead_unit_id=unit_ids["X-LAPVO"], reason=reason)
    refused(demo_db, task_id, ValidationError, ("đã sáp nhập",), tasks.reassign, officer, task_id, returned.version,
            lead_unit_id=unit_ids["SKHDT"], reason="Giao lại")
    refused(demo_db, task_id, PermissionDenied, ("không có quyền",), tasks.reassign, editor, task_id,
            returned.version, lead_unit_id=unit_ids["X-LAPVO"], reason="Giao lại")
    act(demo_db, tasks.reassign, officer, task_id, returned.version, lead_unit_id=unit_ids["X-LAPVO"],
        co_unit_ids=[unit_ids["SXD"], unit_ids["X-LAPVO"]], reason="Đúng thẩm quyền của xã.")

    after = state(demo_db, task_id)
    assert (after.status, after.lead_unit_id) == (TaskStatus.NEW, unit_ids["X-LAPVO"])
    with session_scope(demo_db) as s:
        assert [c.unit_id for c in s.get(Task, task_id).co_units] == [unit_ids["SXD"]]   # SNV dropped, lead not co
        events = {e.kind: e for e in s.scalars(sa.select(TaskEvent).where(TaskEvent.task_id == task_id))}
        assert events[TaskEventKind.RETURNED].text == "Nội dung thuộc thẩm quyền của UBND xã Lấp Vò."
        assert events[TaskEventKind.RETURNED].unit_id == unit_ids["SXD"]
        reassigned = events[TaskEventKind.REASSIGNED]
        assert (reassigned.old_value, reassigned.new_value, reassigned.text) == (
            "Sở Xây dựng", "Xã Lấp Vò", "Đúng thẩm quyền của xã.")
    assert kinds(demo_db, task_id) == [TaskEventKind.CREATED, TaskEventKind.ACKNOWLEDGED, TaskEventKind.RETURNED,
                                       TaskEventKind.REASSIGNED]
    # The new unit has it in its inbox, as new; it acts on it.
    rows, _ = act(demo_db, task_queries.inbox, other, TaskFilter(statuses=[TaskStatus.NEW]), today=TODAY)
    assert task_id in {r.id for r in rows}
    act(demo_db, tasks.acknowledge, other, task_id)
    # SXD now coordinates only: it sees the task, cannot report it.
    assert act(demo_db, task_queries.task_detail, editor, task_id, today=TODAY).is_co_unit
    refused(demo_db, task_id, PermissionDenied, ("Chỉ đơn vị chủ trì",), submit_report, editor, task_id,
            report(), now=at(2026, 3, 20))


def test_a_task_no_longer_involving_a_unit_disappears_from_it(demo_db, actors, unit_ids):
    officer, editor = actors[OFFICER], actors[EDITOR]
    task_id = new_task(demo_db, actors, unit_ids)
    act(demo_db, tasks.return_to_office, editor, task_id, "Không thuộc thẩm quyền.")
    act(demo_db, tasks.reassign, officer, task_id, None, lead_unit_id=unit_ids["STC"], reason="Giao Sở Tài chính")
    with pytest.raises(NotFound):
        act(demo_db, task_queries.task_detail, editor, task_id, today=TODAY)
    rows, _ = act(demo_db, task_queries.inbox, editor, TaskFilter(statuses=list(TaskStatus)), today=TODAY)
    assert task_id not in {r.id for r in rows}


def test_correcting_a_task_keeps_the_old_content_in_the_history(demo_db, actors, unit_ids):
    officer, editor = actors[OFFICER], actors[EDITOR]
    task_id = new_task(demo_db, actors, unit_ids, content="Báo cáo tình hình giải ngân quý I")
    act(demo_db, tasks.return_to_office, editor, task_id, "Nội dung chưa rõ: báo cáo những dự án nào?")
    version = state(demo_db, task_id).version
    refused(demo_db, task_id, ValidationError, ("lý do",), tasks.correct_task, officer, task_id, version,
            content="Nội dung mới", reason=" ")
    refused(demo_db, task_id, ValidationError, ("nội dung nhiệm vụ",), tasks.correct_task, officer, task_id, version,
            content=" ", reason="Làm rõ")
    refused(demo_db, task_id, PermissionDenied, (), tasks.correct_task, editor, task_id, version,
            content="Nội dung mới", reason="Làm rõ")
    act(demo_db, tasks.correct_task, officer, task_id, version,
        content="Báo cáo tình hình giải ngân quý I các dự án giao thông", reason="Làm rõ phạm vi theo đề nghị của Sở")
    after = state(demo_db, task_id)
    assert after.content == "Báo cáo tình hình giải ngân quý I các dự án giao thông"
    assert after.status == TaskStatus.NEW and after.lead_unit_id == unit_ids["SXD"]
    kind, text = after.events[-1]
    assert kind == TaskEventKind.CORRECTED
    assert "Làm rõ phạm vi theo đề nghị của Sở" in text and "Báo cáo tình hình giải ngân quý I" in text
    assert "Nội dung cũ" in text
    detail = act(demo_db, task_queries.task_detail, editor, task_id, today=TODAY)
    assert detail.row.content == after.content and detail.history[-1].kind == TaskEventKind.CORRECTED


def test_changing_a_deadline_needs_a_reason_and_keeps_old_and_new(demo_db, actors, unit_ids):
    officer, editor = actors[OFFICER], actors[EDITOR]
    task_id = new_task(demo_db, actors, unit_ids)
    refused(demo_db, task_id, ValidationError, ("lý do",), tasks.change_deadline, officer, task_id, None,
            new_deadline=date(2026, 4, 30), reason="")
    refused(demo_db, task_id, ValidationError, ("không được trước ngày ban hành", "01/03/2026", "02/03/2026"),
            tasks.change_deadline, officer, task_id, None, new_deadline=date(2026, 3, 1), reason="Nhầm")
    refused(demo_db, task_id, PermissionDenied, (), tasks.change_deadline, editor, task_id, None,
            new_deadline=date(2026, 4, 30), reason="Xin gia hạn")
    act(demo_db, tasks.change_deadline, officer, task_id, None, new_deadline=date(2026, 4, 30),
        reason="Gia hạn theo ý kiến chỉ đạo của Phó Chủ tịch")
    act(demo_db, tasks.change_deadline, officer, task_id, None, new_deadline=date(2026, 5, 15),
        reason="Gia hạn lần 2")
    with session_scope(demo_db) as s:
        assert s.get(Task, task_id).deadline == date(2026, 5, 15)
        changes = [(e.old_value, e.new_value, e.text, e.internal) for e in s.scalars(
            sa.select(TaskEvent).where(TaskEvent.task_id == task_id, TaskEvent.kind == TaskEventKind.DEADLINE_CHANGED)
            .order_by(TaskEvent.id))]
    assert changes == [("31/03/2026", "30/04/2026", "Gia hạn theo ý kiến chỉ đạo của Phó Chủ tịch", False),
                       ("30/04/2026", "15/05/2026", "Gia hạn lần 2", False)]
    # The new deadline is what timeliness is judged against: submitted 20/4 is early now.
    report_id = act(demo_db, submit_report, editor, task_id, report(), now=at(2026, 4, 20))
    act(demo_db, tasks.approve, officer, report_id)
    assert state(demo_db, task_id).status == TaskStatus.DONE
    with session_scope(demo_db) as s:
        assert s.get(Task, task_id).done_timeliness == Timeliness.EARLY
    refused(demo_db, task_id, ValidationError, ("Hoàn thành", "đổi thời hạn"), tasks.change_deadline, officer,
            task_id, None, new_deadline=date(2026, 6, 1), reason="Sau khi xong")


def test_a_long_term_task_given_a_deadline_is_tracked_normally(demo_db, actors, unit_ids):
    task_id = new_task(demo_db, actors, unit_ids, deadline=None)
    act(demo_db, tasks.change_deadline, actors[OFFICER], task_id, None, new_deadline=date(2026, 12, 31),
        reason="Chánh Văn phòng quyết định thời hạn")
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert (t.long_term, t.deadline) == (False, date(2026, 12, 31))
        event = s.scalar(sa.select(TaskEvent).where(TaskEvent.task_id == task_id,
                                                    TaskEvent.kind == TaskEventKind.DEADLINE_CHANGED))
        assert (event.old_value, event.new_value) == ("Dài hạn", "31/12/2026")


# ---------------------------------------------------------------- merger of units

def test_a_merger_moves_open_tasks_to_the_successor_and_leaves_done_ones(demo_db, actors, unit_ids):
    officer = actors[OFFICER]
    old, new = unit_ids["P-SADEC"], unit_ids["P-CAOLANH"]
    open_lead = new_task(demo_db, actors, unit_ids, lead="P-SADEC", content="Việc đang làm của Sa Đéc")
    done_lead = new_task(demo_db, actors, unit_ids, lead="P-SADEC", content="Việc đã xong của Sa Đéc")
    open_co = new_task(demo_db, actors, unit_ids, lead="SXD", co=("P-SADEC", "SNV"))
    co_with_successor_lead = new_task(demo_db, actors, unit_ids, lead="P-CAOLANH", co=("P-SADEC",))
    co_with_successor_co = new_task(demo_db, actors, unit_ids, lead="SYT", co=("P-SADEC", "P-CAOLANH"))
    done_co = new_task(demo_db, actors, unit_ids, lead="SXD", co=("P-SADEC",))
    sadec_editor = actors["chuyenvien.sadec"]  # the demo's editor of Phường Sa Đéc
    for task_id in (done_lead, done_co):
        editor = sadec_editor if task_id == done_lead else actors[EDITOR]
        report_id = act(demo_db, submit_report, editor, task_id, report(), now=at(2026, 3, 20))
        act(demo_db, tasks.approve, officer, report_id)
    with session_scope(demo_db) as s:
        open_states = [st for st in TaskStatus if st.is_open]
        expected_moved = (s.scalar(sa.select(sa.func.count()).select_from(Task).where(
            Task.lead_unit_id == old, Task.status.in_(open_states)))
            + s.scalar(sa.select(sa.func.count()).select_from(TaskCoUnit).join(Task, Task.id == TaskCoUnit.task_id)
                       .where(TaskCoUnit.unit_id == old, Task.status.in_(open_states)))
            # the open steps of the demo's projects that the commune resolves move too (lib.projects.process),
            + s.scalar(sa.select(sa.func.count()).select_from(ProjectStep).join(Project).where(
                ProjectStep.unit_id == old, ProjectStep.actual_end.is_(None),
                Project.status.not_in(list(CLOSED_STATUSES))))
            # and so do the projects it invests in that are still running (lib.projects.records)
            + s.scalar(sa.select(sa.func.count()).select_from(Project).where(
                Project.investor_unit_id == old, Project.status.not_in(list(CLOSED_STATUSES)))))
        version = s.get(Unit, old).version
    assert expected_moved >= 4

    moved = act(demo_db, units.merge_unit, actors["quantri"], old, version, successor_id=new,
                on_date=date(2026, 4, 1), decision="Nghị quyết số 99/NQ-UBTVQH15")
    assert moved["work"] == expected_moved and moved["accounts"] == 1

    with session_scope(demo_db) as s:
        assert s.get(Unit, old).status == UnitStatus.MERGED

        def lead(i: int) -> int:
            return s.get(Task, i).lead_unit_id

        def co(i: int) -> list[int]:
            return sorted(c.unit_id for c in s.scalars(sa.select(TaskCoUnit).where(TaskCoUnit.task_id == i)))

        assert lead(open_lead) == new, "open work passes to the successor"
        assert lead(done_lead) == old, "done work keeps the unit that did it"
        assert s.get(Task, done_lead).done_timeliness == Timeliness.EARLY
        assert co(open_co) == sorted([new, unit_ids["SNV"]])
        assert co(co_with_successor_lead) == [], "the successor leads it already"
        assert co(co_with_successor_co) == [new]
        assert co(done_co) == [old]
    # The successor's editor sees the moved task in its inbox and may act on it; the merged unit's editor too
    # (now an account of the successor).
    new_editor = act(demo_db, lambda s: to_actor(s.get(_account(), _create_editor(s, actors, new))))
    rows, _ = act(demo_db, task_queries.inbox, new_editor, today=TODAY)
    assert {open_lead, open_co, co_with_successor_lead, co_with_successor_co} <= {r.id for r in rows}
    act(demo_db, tasks.acknowledge, new_editor, open_lead)


def _account():  # noqa: ANN202
    from lib.core.models import Account

    return Account


def _create_editor(s, actors, unit_id: int, username: str = "capnhat.caolanh") -> int:  # noqa: ANN001
    return accounts.create_account(s, actors["quantri"], accounts.AccountInput(
        username, "Nguyễn Thị Cập Nhật", unit_id, {Role.UNIT_EDITOR}), "Khoi@Tao2026")


def test_the_merge_handler_of_the_task_module_is_registered_once():
    assert units.MERGE_HANDLERS.count(tasks.move_open_tasks) == 1


def test_utc_moments_are_compared_in_local_time(demo_db, actors, unit_ids):
    """A report submitted at 17:30 UTC on the 30th is submitted on the 31st in Vietnam."""
    task_id = new_task(demo_db, actors, unit_ids)
    moment = datetime(2026, 3, 30, 17, 30, tzinfo=timezone.utc)
    report_id = act(demo_db, submit_report, actors[EDITOR], task_id, report(), now=moment)
    act(demo_db, tasks.approve, actors[OFFICER], report_id)
    with session_scope(demo_db) as s:
        t = s.get(Task, task_id)
        assert (t.done_on, t.done_timeliness) == (DEADLINE, Timeliness.ON_TIME)


# ---------------------------------------------------------------- seed fidelity (issue 8, item 10)

def _report_row(engine, report_id: int) -> TaskReport:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.get(TaskReport, report_id)


@pytest.mark.parametrize("field, blank, keyword", [
    ("doc_name", " ", "tên"), ("doc_number", "", "số, ký hiệu"), ("doc_signer", None, "người ký"),
    ("doc_date", None, "ngày"),
])
def test_a_result_report_carries_its_report_document(demo_db, actors, unit_ids, field, blank, keyword):
    """Seed 001 art. 7.5b: name, number, date, signer of the report document; seed 002 art. 8.2b."""
    task_id = new_task(demo_db, actors, unit_ids)
    incomplete = report()
    setattr(incomplete, field, blank)
    refused(demo_db, task_id, ValidationError, (keyword, "văn bản báo cáo", "Điều 7.5b"), tasks.submit_report,
            actors[EDITOR], task_id, incomplete, Upload("bao-cao.pdf", PDF), now=at(2026, 3, 20))


def test_a_result_report_carries_the_signed_file_of_its_report_document(demo_db, actors, unit_ids):
    """Seed 001 art. 7.5c: «Đính kèm tập tin văn bản báo cáo … có ký tên, đóng dấu»."""
    task_id = new_task(demo_db, actors, unit_ids)
    refused(demo_db, task_id, ValidationError, ("tệp văn bản báo cáo", "Điều 7.5c"), tasks.submit_report,
            actors[EDITOR], task_id, report(), None, now=at(2026, 3, 20))


def _rule(engine, actors, **values) -> None:  # noqa: ANN001, ANN003
    with session_scope(engine) as s:
        from lib.core.services import settings
        settings.update(s, actors["quantri"], values)


def _entered_report(engine, actors, unit_ids, doc_date: date, submitted: datetime,  # noqa: ANN001
                    doc_time: time | None = None, urgency: Urgency = Urgency.NORMAL) -> TaskReport:
    task_id = new_task(engine, actors, unit_ids)
    data = report()
    data.doc_date, data.doc_time, data.doc_urgency = doc_date, doc_time, urgency
    report_id = act(engine, submit_report, actors[EDITOR], task_id, data, now=submitted)
    return _report_row(engine, report_id)


def test_the_units_report_entry_lateness_same_day_rule(demo_db, actors, unit_ids):
    """Seed 001 art. 7.5: the report document is entered the day it is issued; after 15:00, the next working day.
    Urgent ones the same day whatever the hour (seed 002 art. 8.2)."""
    monday = date(2026, 3, 16)
    plain = _entered_report(demo_db, actors, unit_ids, monday, at(2026, 3, 17, 9))
    assert (plain.entry_due_on, plain.entry_late_days) == (monday, 1)
    evening = _entered_report(demo_db, actors, unit_ids, monday, at(2026, 3, 17, 9), doc_time=time(15, 30))
    assert (evening.entry_due_on, evening.entry_late_days) == (date(2026, 3, 17), 0)
    urgent = _entered_report(demo_db, actors, unit_ids, monday, at(2026, 3, 17, 9), doc_time=time(15, 30),
                             urgency=Urgency.URGENT)
    assert (urgent.entry_due_on, urgent.entry_late_days) == (monday, 1)


def test_the_units_report_entry_lateness_working_days_rule(demo_db, actors, unit_ids):
    """Seed 002 art. 8.2: «trong vòng 02 ngày sau khi phát hành văn bản báo cáo»; urgent ones the same day."""
    _rule(demo_db, actors, entry_rule="working_days", report_entry_working_days=2)
    friday = date(2026, 3, 13)
    within = _entered_report(demo_db, actors, unit_ids, friday, at(2026, 3, 17, 16))
    assert (within.entry_due_on, within.entry_late_days) == (date(2026, 3, 17), 0)
    late = _entered_report(demo_db, actors, unit_ids, friday, at(2026, 3, 18, 9))
    assert late.entry_late_days == 1
    urgent = _entered_report(demo_db, actors, unit_ids, friday, at(2026, 3, 16, 9), urgency=Urgency.FLASH)
    assert (urgent.entry_due_on, urgent.entry_late_days) == (friday, 1)
    with session_scope(demo_db) as s:
        detail = task_queries.task_detail(s, actors[OFFICER], urgent.task_id, today=date(2026, 3, 16))
    assert detail.reports[0].entry_note == (
        "Văn bản báo cáo ban hành 13/03/2026 (hỏa tốc) → hạn cập nhật 13/03/2026 (trong ngày, văn bản khẩn); "
        "cập nhật 16/03/2026: chậm 1 ngày làm việc")


def test_the_offices_review_lateness_same_working_day_with_the_15h_rule(demo_db, actors, unit_ids):
    """Seed 001 art. 6.4: reviewed the same working day; a report sent after 15:00, the next working day."""
    officer = actors[OFFICER]
    morning = _entered_report(demo_db, actors, unit_ids, date(2026, 3, 16), at(2026, 3, 16, 14, 0))
    act(demo_db, tasks.approve, officer, morning.id, now=at(2026, 3, 17, 8))
    decided = _report_row(demo_db, morning.id)
    assert (decided.review_due_on, decided.review_late_days) == (date(2026, 3, 16), 1)
    evening = _entered_report(demo_db, actors, unit_ids, date(2026, 3, 16), at(2026, 3, 16, 15, 20))
    queue, _ = act(demo_db, task_queries.review_queue, officer, today=date(2026, 3, 18))
    [row] = [q for q in queue if q.report_id == evening.id]
    assert row.review_due_on == date(2026, 3, 17)
    assert row.review_note == ("Báo cáo gửi 16/03/2026 lúc 15:20 (sau 15:00) → hạn duyệt 17/03/2026 "
                               "(ngày làm việc tiếp theo); nếu duyệt hôm nay 18/03/2026: chậm 1 ngày làm việc")
    act(demo_db, tasks.reject, officer, evening.id, "Chưa đủ", now=at(2026, 3, 17, 16))
    rejected = _report_row(demo_db, evening.id)
    assert (rejected.review_due_on, rejected.review_late_days) == (date(2026, 3, 17), 0)


def test_a_report_on_the_working_day_after_a_day_off_deadline_is_on_time(demo_db, actors, unit_ids):
    """Bộ luật Dân sự 2015 art. 148.5: a deadline on Saturday 14/3 ends at the end of Monday 16/3."""
    officer = actors[OFFICER]
    for submitted, expected in ((at(2026, 3, 16, 16), Timeliness.ON_TIME), (at(2026, 3, 17, 8), Timeliness.LATE)):
        task_id = new_task(demo_db, actors, unit_ids, deadline=date(2026, 3, 14))
        data = report()
        data.doc_date = submitted.date()
        report_id = act(demo_db, submit_report, actors[EDITOR], task_id, data, now=submitted)
        act(demo_db, tasks.approve, officer, report_id, now=submitted)
        with session_scope(demo_db) as s:
            assert s.get(Task, task_id).done_timeliness == expected
