"""Module Nhiệm vụ, reading: the unit inbox and its filters, the review queue, timeliness in SQL against the
calendar, the leader's figures, the Excel export, the public page and the home page's counts.

A small province of tasks is entered for documents issued in March 2026 and looked at on TODAY (15/4/2026);
the demo's own tasks (dated around the real date) are present too and are kept out by the issue-date filter
or counted by an independent oracle written here in Python.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from lib.core.access import subtree_ids
from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.core.enums import AuditAction, Timeliness
from lib.tasks.enums import DocType, ReportDecision, TaskStatus
from lib.core.errors import NotFound, PermissionDenied
from lib.core.models import Attachment, AuditLog
from lib.tasks.models import DirectiveDocument, Task, TaskReport
from lib.core.services import attachments, settings
from lib import home
from lib.tasks import public, queries as task_queries, reports as task_reports, stats as task_stats, workflow as tasks
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.queries import TaskFilter
from lib.tasks.workflow import DocumentInput, ReportInput, TaskInput, Upload
from tests.unit.core_helpers import leader_id

OFFICER = "chuyenvien.vp"
EDITOR = "capnhat.sxd"
LAPVO = "capnhat.laplvo"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TODAY = date(2026, 4, 15)                 # a Wednesday; 27/4 (Giỗ Tổ make-up), 30/4 and 1/5 are days off
MARCH = TaskFilter(issued_from=date(2026, 3, 1), issued_to=date(2026, 3, 31))
PHO_CHU_TICH = "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"
CHU_TICH = "Chủ tịch UBND tỉnh Phạm Thiện Nghĩa"
REJECTION = "LÝ DO NỘI BỘ: thiếu hồ sơ kiểm chứng của Ban quản lý dự án"
PROGRESS = "TIẾN ĐỘ NỘI BỘ: đang chờ ý kiến Sở Tài chính"


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def march() -> TaskFilter:
    return TaskFilter(issued_from=MARCH.issued_from, issued_to=MARCH.issued_to)


def act(engine, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    with session_scope(engine) as s:
        return fn(s, *args, **kw)


@dataclass
class Province:
    ids: dict[str, int]
    documents: dict[str, int]
    files: dict[str, int]

    def names(self, task_ids) -> set[str]:  # noqa: ANN001
        by_id = {v: k for k, v in self.ids.items()}
        return {by_id[i] for i in task_ids if i in by_id}


# key: (document, content, lead, co-units, deadline, public)
TASKS = {
    "sxd_new": ("D1", "Đẩy nhanh giải ngân các dự án giao thông trọng điểm", "SXD", ("X-LAPVO",),
                date(2026, 4, 30), True),
    "sxd_overdue": ("D1", "Báo cáo khối lượng hoàn thành chưa thanh toán", "SXD", (), date(2026, 4, 10), True),
    "sxd_soon": ("D1", "Rà soát hồ sơ quyết toán dự án hoàn thành", "SXD", (), date(2026, 4, 17), True),
    "lapvo_submitted": ("D1", "Hoàn thiện hồ sơ bồi thường trên địa bàn xã", "X-LAPVO", ("SXD",),
                        date(2026, 4, 20), True),
    "lapvo_early": ("D1", "Báo cáo tình hình giải phóng mặt bằng", "X-LAPVO", (), date(2026, 4, 1), True),
    "stc_ontime": ("D2", "Xây dựng kế hoạch chuyển đổi số của ngành tài chính", "STC", (), date(2026, 4, 3), True),
    "stc_late": ("D2", "Số hóa hồ sơ thủ tục hành chính", "STC", (), date(2026, 3, 31), True),
    "sxd_late": ("D2", "Triển khai hệ thống cấp phép xây dựng trực tuyến", "SXD", (), date(2026, 3, 25), True),
    "sct_early": ("D2", "Phát triển thương mại điện tử", "SCT", (), date(2026, 4, 10), True),
    "sct_overdue": ("D2", "Kết nối sàn thương mại điện tử với hợp tác xã", "SCT", (), date(2026, 4, 13), True),
    "stc_private": ("D2", "Rà soát kinh phí ứng dụng công nghệ thông tin (không công khai)", "STC", (),
                    date(2026, 5, 29), False),
    "snv_longterm": ("D3", "Thực hiện nghiêm quy chế văn hóa công sở", "SNV", (), None, True),
    "snv_returned": ("D3", "Tổ chức thi tuyển công chức", "SNV", (), date(2026, 5, 15), True),
    "syt_rejected": ("D3", "Kiểm tra an toàn thực phẩm bếp ăn tập thể", "SYT", (), date(2026, 4, 8), True),
}
DOCUMENTS = {  # key: (number, type, summary, issued, leader, public)
    "D1": ("801/VP-TH", DocType.CONG_VAN, "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026",
           date(2026, 3, 2), PHO_CHU_TICH, True),
    "D2": ("802/TB-VP", DocType.THONG_BAO_KET_LUAN, "Kết luận của Chủ tịch UBND tỉnh về chuyển đổi số",
           date(2026, 3, 16), CHU_TICH, True),
    "D3": ("803/VP-TH", DocType.CONG_VAN, "Về công tác cán bộ và an toàn thực phẩm (văn bản không công khai)",
           date(2026, 3, 20), PHO_CHU_TICH, False),
}


def report(text: str, day: date) -> ReportInput:
    return ReportInput(text, "Báo cáo kết quả", "15/BC-DV", "Kết quả thực hiện", day, "Giám đốc")


def _editor_for(actors, unit_ids, code: str):  # noqa: ANN001, ANN202
    """The demo has editors for SXD and X-LAPVO; other units report through a stand-in editor (as the demo does)."""
    from lib.core.access import Actor
    from lib.core.enums import Role

    if code == "SXD":
        return actors[EDITOR]
    if code == "X-LAPVO":
        return actors[LAPVO]
    return Actor(id=actors[OFFICER].id, username=f"thu.{code.lower()}", full_name=f"Cán bộ {code}",
                 unit_id=unit_ids[code], roles=frozenset({Role.UNIT_EDITOR}))


@pytest.fixture
def province(demo_db, actors, unit_ids) -> Province:
    officer = actors[OFFICER]
    ids: dict[str, int] = {}
    documents: dict[str, int] = {}
    for key, (number, doc_type, summary, issued, leader, is_public) in DOCUMENTS.items():
        keys = [k for k, v in TASKS.items() if v[0] == key]
        with session_scope(demo_db) as s:
            document_id = tasks.create_document(
                s, officer, DocumentInput(doc_type, number, summary, issued, unit_ids["VP"], leader_id(s, leader),
                                          leader.split(" UBND tỉnh ")[-1], issued_time=time(9, 0),
                                          is_public=is_public, drafter_id=officer.id),
                [TaskInput(TASKS[k][1], unit_ids[TASKS[k][2]], [unit_ids[c] for c in TASKS[k][3]],
                           deadline=TASKS[k][4], long_term=TASKS[k][4] is None, follower_id=officer.id,
                           is_public=TASKS[k][5]) for k in keys],
                signed_file=Upload(f"{key}.pdf", PDF + key.encode()),
                now=datetime.combine(issued, time(11, 0), tzinfo=LOCAL_TZ))
            documents[key] = document_id
            rows = s.scalars(sa.select(Task).where(Task.document_id == document_id).order_by(Task.seq)).all()
            ids.update(zip(keys, (t.id for t in rows)))

    def editor(key: str):  # noqa: ANN202
        return _editor_for(actors, unit_ids, TASKS[key][2])

    def submit(key: str, text: str, moment: datetime) -> int:
        return act(demo_db, tasks.submit_report, editor(key), ids[key], report(text, moment.date()),
                   Upload(f"bao-cao-{key}.pdf", PDF), now=moment)

    act(demo_db, tasks.acknowledge, editor("sxd_soon"), ids["sxd_soon"])
    act(demo_db, tasks.post_progress, editor("sxd_soon"), ids["sxd_soon"], PROGRESS)
    submit("lapvo_submitted", "Đã hoàn thiện 80% hồ sơ", at(2026, 4, 14, 9))
    first = submit("lapvo_early", "Báo cáo lần đầu", at(2026, 3, 30, 9))
    act(demo_db, tasks.reject, officer, first, REJECTION)
    approved = {
        "lapvo_early": submit("lapvo_early", "Đã giải phóng mặt bằng 95% diện tích", at(2026, 3, 31, 9)),
        "stc_ontime": submit("stc_ontime", "Đã ban hành kế hoạch chuyển đổi số", at(2026, 4, 3, 16)),
        "stc_late": submit("stc_late", "Đã số hóa 70% hồ sơ", at(2026, 4, 2, 9)),
        "sxd_late": submit("sxd_late", "Đã vận hành hệ thống cấp phép", at(2026, 3, 27, 9)),
        "sct_early": submit("sct_early", "Đã kết nối 12 doanh nghiệp", at(2026, 4, 8, 9)),
    }
    for report_id in approved.values():
        act(demo_db, tasks.approve, officer, report_id)
    act(demo_db, tasks.return_to_office, editor("snv_returned"), ids["snv_returned"], "Không thuộc thẩm quyền.")
    rejected = submit("syt_rejected", "Đã kiểm tra 5 bếp ăn", at(2026, 4, 7, 9))
    act(demo_db, tasks.reject, officer, rejected, "Chưa kiểm tra đủ các trường học.")
    with session_scope(demo_db) as s:
        files = {k: s.get(DirectiveDocument, d).attachment_id for k, d in documents.items()}
        # The Office withholds D2's signed file from the public, though the document itself is public.
        s.get(Attachment, files["D2"]).is_public = False
    return Province(ids, documents, files)


EXPECTED_TIMELINESS = {   # on TODAY, with «sắp đến hạn» = 3 working days
    "sxd_new": Timeliness.IN_TIME, "sxd_overdue": Timeliness.OVERDUE, "sxd_soon": Timeliness.DUE_SOON,
    "lapvo_submitted": Timeliness.DUE_SOON, "lapvo_early": Timeliness.EARLY, "stc_ontime": Timeliness.ON_TIME,
    "stc_late": Timeliness.LATE, "sxd_late": Timeliness.LATE, "sct_early": Timeliness.EARLY,
    "sct_overdue": Timeliness.OVERDUE, "stc_private": Timeliness.IN_TIME, "snv_longterm": None,
    "snv_returned": Timeliness.IN_TIME, "syt_rejected": Timeliness.OVERDUE,
}
EXPECTED_STATUS = {
    "sxd_new": TaskStatus.NEW, "sxd_overdue": TaskStatus.NEW, "sxd_soon": TaskStatus.ACKNOWLEDGED,
    "lapvo_submitted": TaskStatus.SUBMITTED, "lapvo_early": TaskStatus.DONE, "stc_ontime": TaskStatus.DONE,
    "stc_late": TaskStatus.DONE, "sxd_late": TaskStatus.DONE, "sct_early": TaskStatus.DONE,
    "sct_overdue": TaskStatus.NEW, "stc_private": TaskStatus.NEW, "snv_longterm": TaskStatus.NEW,
    "snv_returned": TaskStatus.RETURNED, "syt_rejected": TaskStatus.REJECTED,
}
SXD_SCOPE = {"sxd_new", "sxd_overdue", "sxd_soon", "lapvo_submitted", "sxd_late"}   # lead or coordinator


def listed(engine, actor, f: TaskFilter, today: date = TODAY, **kw) -> list:  # noqa: ANN001
    rows, total = act(engine, task_queries.list_tasks, actor, f, limit=10_000, today=today, **kw)
    assert total == len(rows)
    return rows


# ---------------------------------------------------------------- the province as the Office sees it

def test_the_list_shows_status_and_timeliness_of_every_task(demo_db, actors, province):
    rows = listed(demo_db, actors[OFFICER], march())
    assert province.names(r.id for r in rows) == set(TASKS) and len(rows) == len(TASKS)
    by_name = {k: r for r in rows for k, v in province.ids.items() if v == r.id}
    assert {k: r.status for k, r in by_name.items()} == EXPECTED_STATUS
    assert {k: r.timeliness for k, r in by_name.items()} == EXPECTED_TIMELINESS
    assert by_name["lapvo_early"].done_on == date(2026, 3, 31)
    assert by_name["sxd_new"].follower == "Lê Thị Hồng Nhung" and by_name["sxd_new"].lead_unit == "Sở Xây dựng"
    # Nearest deadline first, long-term last.
    deadlines = [r.deadline for r in rows]
    assert deadlines[-1] is None and deadlines[:-1] == sorted(deadlines[:-1])


def test_working_days_left_are_counted_on_the_calendar(demo_db, actors, province):
    rows = {r.id: r for r in listed(demo_db, actors[OFFICER], march())}
    left = {k: rows[province.ids[k]].working_days_left for k in ("sxd_new", "sxd_overdue", "sxd_soon",
                                                                  "lapvo_submitted", "snv_longterm", "sxd_late")}
    # 15/4 → 30/4: 16, 17, 20–24, 28, 29 (27/4 make-up day for Giỗ Tổ and 30/4 are off) = 9
    assert left == {"sxd_new": 9, "sxd_overdue": -3, "sxd_soon": 2, "lapvo_submitted": 3, "snv_longterm": None,
                    "sxd_late": None}
    # Across Tết: from Thu 12/2, a deadline of Tue 24/2 is 13/2, 23/2, 24/2 away.
    with session_scope(demo_db) as s:
        assert work_calendar(s).working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3
    [row] = [r for r in listed(demo_db, actors[OFFICER], march(), today=date(2026, 4, 28))
             if r.id == province.ids["sxd_new"]]
    assert row.working_days_left == 1   # 29/4 only


# ---------------------------------------------------------------- the unit inbox and its filters

def test_the_inbox_holds_the_units_tasks_as_lead_or_coordinator(demo_db, actors, province):
    rows, total = act(demo_db, task_queries.inbox, actors[EDITOR], march(), today=TODAY)
    assert province.names(r.id for r in rows) == SXD_SCOPE - {"sxd_late"}, "open tasks only by default"
    assert total == len(rows) == 4
    assert [r.id for r in rows] == [province.ids[k] for k in ("sxd_overdue", "sxd_soon", "lapvo_submitted",
                                                               "sxd_new")], "nearest deadline first"
    everything, _ = act(demo_db, task_queries.inbox, actors[EDITOR],
                        TaskFilter(statuses=list(TaskStatus), issued_from=date(2026, 3, 1)), today=TODAY)
    assert province.names(r.id for r in everything) == SXD_SCOPE
    lapvo, _ = act(demo_db, task_queries.inbox, actors[LAPVO], march(), today=TODAY)
    assert province.names(r.id for r in lapvo) == {"lapvo_submitted", "sxd_new"}


def test_the_inbox_of_the_whole_demo_matches_the_scope_rule(demo_db, actors, unit_ids, province):
    """Every task the editor sees involves the unit (or a unit merged into it); every such task is seen."""
    for username in (EDITOR, LAPVO):
        actor = actors[username]
        with session_scope(demo_db) as s:
            own = subtree_ids(s, actor.unit_id)
            expected = {t.id for t in s.scalars(sa.select(Task))
                        if t.lead_unit_id in own or any(c.unit_id in own for c in t.co_units)}
        assert {r.id for r in listed(demo_db, actor, TaskFilter())} == expected
        assert len(expected) > 5


@pytest.mark.parametrize("f, expected", [
    (TaskFilter(statuses=[TaskStatus.NEW]), {"sxd_new", "sxd_overdue"}),
    (TaskFilter(statuses=[TaskStatus.DONE]), {"sxd_late"}),
    (TaskFilter(statuses=[TaskStatus.ACKNOWLEDGED, TaskStatus.SUBMITTED]), {"sxd_soon", "lapvo_submitted"}),
    (TaskFilter(timeliness=[Timeliness.OVERDUE]), {"sxd_overdue"}),
    (TaskFilter(timeliness=[Timeliness.DUE_SOON]), {"sxd_soon", "lapvo_submitted"}),
    (TaskFilter(timeliness=[Timeliness.IN_TIME, Timeliness.LATE]), {"sxd_new", "sxd_late"}),
    (TaskFilter(deadline_from=date(2026, 4, 15), deadline_to=date(2026, 4, 20)), {"sxd_soon", "lapvo_submitted"}),
    (TaskFilter(deadline_to=date(2026, 4, 10)), {"sxd_overdue", "sxd_late"}),
    (TaskFilter(document_text="chuyen doi so"), {"sxd_late"}),
    (TaskFilter(document_text="802/TB"), {"sxd_late"}),
    (TaskFilter(document_text="ĐẦU TƯ CÔNG"), {"sxd_new", "sxd_overdue", "sxd_soon", "lapvo_submitted"}),
    (TaskFilter(text="giai ngan"), {"sxd_new", "sxd_overdue", "sxd_soon", "lapvo_submitted"}),
    (TaskFilter(text="trong diem"), {"sxd_new"}),
    (TaskFilter(text="TRỌNG ĐIỂM"), {"sxd_new"}),
    (TaskFilter(text=unicodedata.normalize("NFD", "bồi thường")), {"lapvo_submitted"}),
    (TaskFilter(text="cấp phép  xây dựng"), {"sxd_late"}),
    (TaskFilter(text="100%_"), set()),
    (TaskFilter(text="thanh toan", timeliness=[Timeliness.DUE_SOON]), set()),
])
def test_inbox_filters(demo_db, actors, province, f, expected):
    f.statuses = f.statuses or list(TaskStatus)
    f.issued_from, f.issued_to = MARCH.issued_from, MARCH.issued_to
    rows, total = act(demo_db, task_queries.inbox, actors[EDITOR], f, today=TODAY)
    assert province.names(r.id for r in rows) == expected and total == len(expected)


def test_the_office_filters_by_leader_and_follower(demo_db, actors, province, leader_ids):
    officer = actors[OFFICER]
    chu_tich = listed(demo_db, officer, TaskFilter(leader_id=leader_ids["Phạm Thiện Nghĩa"],
                                                    issued_from=date(2026, 3, 1), issued_to=date(2026, 3, 31)))
    assert province.names(r.id for r in chu_tich) == {k for k, v in TASKS.items() if v[0] == "D2"}
    mine = listed(demo_db, officer, TaskFilter(follower_id=officer.id, issued_month="2026-03"))
    assert province.names(r.id for r in mine) == set(TASKS)
    done_april = listed(demo_db, officer, TaskFilter(done_month="2026-04"))
    assert province.names(r.id for r in done_april) == {"stc_ontime", "stc_late", "sct_early"}


# ---------------------------------------------------------------- the review queue

def test_the_review_queue_holds_pending_reports_oldest_first(demo_db, actors, province):
    officer = actors[OFFICER]
    # A report submitted later in real time but dated earlier goes before the one of 14/4.
    act(demo_db, tasks.submit_report, actors[EDITOR], province.ids["sxd_soon"],
        report("Đã rà soát 3 hồ sơ", date(2026, 4, 13)), Upload("bao-cao.pdf", PDF), now=at(2026, 4, 13, 15))
    rows, total = act(demo_db, task_queries.review_queue, officer)
    with session_scope(demo_db) as s:
        pending = {r.id: r.submitted_at for r in s.scalars(sa.select(TaskReport).where(
            TaskReport.decision == ReportDecision.PENDING))}
    assert total == len(rows) == len(pending) and {r.report_id for r in rows} == set(pending)
    assert [r.submitted_at for r in rows] == sorted(pending.values())
    mine = [province.names([r.task_id]).pop() for r in rows if province.names([r.task_id])]
    assert mine == ["sxd_soon", "lapvo_submitted"], "decided reports (approved, rejected) are not in the queue"
    first = rows[0]
    assert (first.unit, first.number_symbol, first.would_be, first.previous_rejections, first.follower) == (
        "Sở Xây dựng", "801/VP-TH", Timeliness.EARLY, 0, "Lê Thị Hồng Nhung")
    only_mine, _ = act(demo_db, task_queries.review_queue, officer, only_mine=True)
    assert {r.report_id for r in only_mine} <= set(pending)
    with pytest.raises(PermissionDenied):
        act(demo_db, task_queries.review_queue, actors["lanhdao"])


# ---------------------------------------------------------------- timeliness in SQL = the calendar

TODAYS = [date(2026, 2, 11), date(2026, 2, 12), date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 15),
          date(2026, 2, 16), date(2026, 2, 18), date(2026, 2, 20), date(2026, 2, 21), date(2026, 2, 23),
          date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 10), date(2026, 4, 22),
          date(2026, 4, 24), date(2026, 4, 25), date(2026, 4, 27), date(2026, 4, 28), date(2026, 4, 29),
          date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 3), date(2026, 5, 4)]


@pytest.mark.parametrize("due_soon_days", [3, 0, 1, 5])
def test_sql_timeliness_equals_the_calendar_for_open_tasks(demo_db, actors, unit_ids, due_soon_days):
    """One task for every deadline from 2/2 to 31/5/2026 (weekends, Tết, Giỗ Tổ, 30/4–1/5 included), looked at
    from many days; the SQL expression (list, filter, overview) must agree with WorkCalendar.classify_open."""
    if due_soon_days != 3:
        with session_scope(demo_db) as s:
            settings.update(s, actors["quantri"], {"due_soon_working_days": due_soon_days})
    issued = date(2026, 2, 2)
    deadlines = [issued + timedelta(days=i) for i in range((date(2026, 5, 31) - issued).days + 1)]
    with session_scope(demo_db) as s:
        document_id = tasks.create_document(
            s, actors[OFFICER], DocumentInput(DocType.KE_HOACH, "901/KH-VP", "Kế hoạch kiểm thử thời hạn", issued,
                                              unit_ids["VP"], leader_id(s, PHO_CHU_TICH), "Nguyễn Văn Thành",
                                              drafter_id=actors[OFFICER].id),
            [TaskInput(f"Việc hạn {d:%d/%m}", unit_ids["SXD"], deadline=d, follower_id=actors[OFFICER].id)
             for d in deadlines]
            + [TaskInput("Việc dài hạn", unit_ids["SXD"], long_term=True, follower_id=actors[OFFICER].id)],
            signed_file=Upload("ke-hoach.pdf", PDF), now=at(2026, 2, 2))
        calendar = work_calendar(s)
        assert settings.get(s, "due_soon_working_days") == due_soon_days
    f = TaskFilter(document_id=document_id)
    mismatches = []
    for today in TODAYS:
        rows = listed(demo_db, actors[OFFICER], f, today=today)
        assert len(rows) == len(deadlines) + 1
        expected: dict[int, Timeliness | None] = {}
        for row in rows:
            want = calendar.classify_open(row.deadline, today, due_soon_days) if row.deadline else None
            expected[row.id] = want
            if row.timeliness != want:
                mismatches.append((today, row.deadline, row.timeliness, want))
            if row.deadline:
                assert row.working_days_left == calendar.working_days_between(today, row.deadline)
        # The same expression filters and counts.
        for timeliness in (Timeliness.IN_TIME, Timeliness.DUE_SOON, Timeliness.OVERDUE):
            picked = {r.id for r in listed(demo_db, actors[OFFICER], TaskFilter(document_id=document_id,
                                                                                  timeliness=[timeliness]),
                                           today=today)}
            assert picked == {i for i, t in expected.items() if t == timeliness}, (today, timeliness)
        figures = act(demo_db, task_stats.overview, actors[OFFICER], TaskFilter(document_id=document_id), today)
        for timeliness in (Timeliness.IN_TIME, Timeliness.DUE_SOON, Timeliness.OVERDUE):
            assert figures.by_timeliness[timeliness] == sum(t == timeliness for t in expected.values())
        assert figures.long_term_open == 1
    assert mismatches == []


def test_a_friday_deadline_seen_on_monday_is_overdue_and_a_saturday_one_seen_on_friday_is_due_soon(
        demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        document_id = tasks.create_document(
            s, actors[OFFICER], DocumentInput(DocType.CONG_VAN, "902/VP-TH", "Thời hạn cuối tuần", date(2026, 3, 2),
                                              unit_ids["VP"], leader_id(s, PHO_CHU_TICH), "Nguyễn Văn Thành",
                                              drafter_id=actors[OFFICER].id),
            [TaskInput("Hạn thứ Sáu", unit_ids["SXD"], deadline=date(2026, 3, 6), follower_id=actors[OFFICER].id),
             TaskInput("Hạn thứ Bảy", unit_ids["SXD"], deadline=date(2026, 3, 14), follower_id=actors[OFFICER].id)],
            signed_file=Upload("cong-van.pdf", PDF), now=at(2026, 3, 2))
    friday, saturday = listed(demo_db, actors[OFFICER], TaskFilter(document_id=document_id), today=date(2026, 3, 9))
    assert (friday.timeliness, friday.working_days_left) == (Timeliness.OVERDUE, -1)
    # Seen on Tue 10/3: 11, 12, 13 are the three working days up to Saturday 14/3.
    _, saturday = listed(demo_db, actors[OFFICER], TaskFilter(document_id=document_id), today=date(2026, 3, 10))
    assert (saturday.timeliness, saturday.working_days_left) == (Timeliness.DUE_SOON, 3)


# ---------------------------------------------------------------- the leader's figures

def test_overview_counts_equal_a_hand_count(demo_db, actors, province):
    figures = act(demo_db, task_stats.overview, actors["lanhdao"], march(), TODAY)
    assert figures.total == 14
    assert {k: v for k, v in figures.by_status.items() if v} == {
        TaskStatus.NEW: 5, TaskStatus.ACKNOWLEDGED: 1, TaskStatus.SUBMITTED: 1, TaskStatus.REJECTED: 1,
        TaskStatus.RETURNED: 1, TaskStatus.DONE: 5}
    assert figures.by_timeliness == {
        Timeliness.EARLY: 2, Timeliness.ON_TIME: 1, Timeliness.LATE: 2, Timeliness.IN_TIME: 3,
        Timeliness.DUE_SOON: 2, Timeliness.OVERDUE: 3}
    assert figures.long_term_open == 1
    assert figures.on_time_rate == pytest.approx(3 / 5)


def test_units_are_ranked_by_on_time_rate_then_fewest_overdue(demo_db, actors, unit_ids, province):
    frame = act(demo_db, task_stats.overview, actors["lanhdao"], march(), TODAY).by_unit
    assert list(frame["unit"]) == ["Xã Lấp Vò", "Sở Công Thương", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ",
                                   "Sở Y tế"]
    rows = {r["unit"]: r for r in frame.to_dict("records")}
    assert (rows["Sở Xây dựng"]["total"], rows["Sở Xây dựng"]["done"], rows["Sở Xây dựng"]["late"],
            rows["Sở Xây dựng"]["overdue"], rows["Sở Xây dựng"]["due_soon"]) == (4, 1, 1, 1, 1)
    assert rows["Sở Tài chính"]["on_time_rate"] == pytest.approx(0.5)
    assert rows["Sở Công Thương"]["on_time_rate"] == rows["Xã Lấp Vò"]["on_time_rate"] == 1.0
    assert (rows["Sở Công Thương"]["overdue"], rows["Xã Lấp Vò"]["overdue"]) == (1, 0)
    assert frame["on_time_rate"].isna().tolist()[-2:] == [True, True]
    assert dict(zip(frame["unit"], frame["key"]))["Sở Y tế"] == unit_ids["SYT"]


def test_by_leader_and_by_month(demo_db, actors, province):
    figures = act(demo_db, task_stats.overview, actors["lanhdao"], march(), TODAY)
    assert list(zip(figures.by_leader["leader"], figures.by_leader["total"])) == [(PHO_CHU_TICH, 8), (CHU_TICH, 6)]
    assert figures.by_month.to_dict("records") == [
        {"month": "2026-03", "assigned": 14, "done": 2, "on_time": 1},
        {"month": "2026-04", "assigned": 0, "done": 3, "on_time": 2}]
    documents = act(demo_db, task_stats.by_document, actors["lanhdao"], march(), TODAY)
    assert dict(zip(documents["key"], documents["total"])) == {province.documents["D1"]: 5,
                                                                province.documents["D2"]: 6,
                                                                province.documents["D3"]: 3}


def test_an_editor_sees_figures_of_its_own_scope_only(demo_db, actors, province):
    figures = act(demo_db, task_stats.overview, actors[EDITOR], march(), TODAY)
    assert figures.total == len(SXD_SCOPE)
    assert {k: v for k, v in figures.by_status.items() if v} == {
        TaskStatus.NEW: 2, TaskStatus.ACKNOWLEDGED: 1, TaskStatus.SUBMITTED: 1, TaskStatus.DONE: 1}
    assert set(figures.by_unit["unit"]) == {"Sở Xây dựng", "Xã Lấp Vò"}
    assert int(figures.by_unit["total"].sum()) == len(SXD_SCOPE)
    assert int(figures.by_month["assigned"].sum()) == len(SXD_SCOPE)
    rows = listed(demo_db, actors[EDITOR], march())
    assert province.names(r.id for r in rows) == SXD_SCOPE
    # Without a period: the editor's whole scope, demo included, never another unit's task.
    everything = act(demo_db, task_stats.overview, actors[EDITOR], TaskFilter(), TODAY)
    assert everything.total == len(listed(demo_db, actors[EDITOR], TaskFilter()))
    assert everything.total < act(demo_db, task_stats.overview, actors["lanhdao"], TaskFilter(), TODAY).total


# ---------------------------------------------------------------- Excel export

def _sheet_rows(data: bytes) -> tuple[list[list], list[list]]:
    ws = load_workbook(io.BytesIO(data)).active
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(values) if r[0] == "STT")
    end = next(i for i, r in enumerate(values) if isinstance(r[0], str) and r[0].startswith("Tổng số"))
    return values[:header + 1], values[header + 1:end]


def _plain(value):  # noqa: ANN001, ANN202
    return value.date() if isinstance(value, datetime) else value


def test_the_excel_list_equals_the_filtered_scoped_list(demo_db, actors, province):
    editor = actors[EDITOR]
    with session_scope(demo_db) as s:
        table = task_reports.task_list(s, editor, march(), today=TODAY)
        data = task_reports.to_excel(s, editor, table, title="Danh sách nhiệm vụ được giao", period="Tháng 3/2026")
    heading, rows = _sheet_rows(data)
    expected = listed(demo_db, editor, march(), order="newest")
    assert province.names(r.id for r in expected) == SXD_SCOPE
    assert [[_plain(v) for v in row] for row in rows] == [
        [i, r.number_symbol, r.issued_on, r.document_summary, r.directed_by, r.content, r.lead_unit,
         r.deadline, r.status.label, r.timeliness.label if r.timeliness else None, r.done_on, r.follower]
        for i, r in enumerate(expected, 1)]
    contents = {row[5] for row in rows}
    assert contents == {TASKS[k][1] for k in SXD_SCOPE}
    assert not contents & {TASKS[k][1] for k in set(TASKS) - SXD_SCOPE}, "nothing outside the editor's scope"
    text = [v for row in heading for v in row if isinstance(v, str)]
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "VĂN PHÒNG UBND TỈNH",
                 "UBND TỈNH ĐỒNG THÁP", "DANH SÁCH NHIỆM VỤ ĐƯỢC GIAO", "Kỳ báo cáo: Tháng 3/2026"):
        assert line in text, line
    assert any(v.startswith("Ngày trích xuất:") and "Võ Thị Mai" in v for v in text)
    ws = load_workbook(io.BytesIO(data)).active
    assert {c.font.name for row in ws.iter_rows() for c in row if c.value is not None} == {"Times New Roman"}
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(
            AuditLog.action == AuditAction.EXPORT, AuditLog.actor_id == editor.id)) == 1


def test_the_excel_list_honours_status_and_timeliness_filters(demo_db, actors, province):
    officer = actors[OFFICER]
    f = march()
    f.timeliness = [Timeliness.OVERDUE]
    with session_scope(demo_db) as s:
        data = task_reports.to_excel(s, officer, task_reports.task_list(s, officer, f, today=TODAY),
                                     title="Nhiệm vụ quá hạn", period=None)
    heading, rows = _sheet_rows(data)
    assert {row[5] for row in rows} == {TASKS[k][1] for k in ("sxd_overdue", "sct_overdue", "syt_rejected")}
    assert {row[9] for row in rows} == {"Quá hạn"}
    assert not any(isinstance(v, str) and v.startswith("Kỳ báo cáo") for row in heading for v in row)


def test_the_excel_summary_by_unit_follows_the_ranking(demo_db, actors, province):
    with session_scope(demo_db) as s:
        table = task_reports.summary(s, actors["lanhdao"], "unit", march(), today=TODAY)
        data = task_reports.to_excel(s, actors["lanhdao"], table, title="Tổng hợp theo đơn vị", period="Quý I/2026")
    _, rows = _sheet_rows(data)
    assert [r[1] for r in rows] == ["Xã Lấp Vò", "Sở Công Thương", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ",
                                    "Sở Y tế"]
    assert [r[2] for r in rows] == [2, 2, 3, 4, 2, 1]
    assert rows[2][-1] == pytest.approx(0.5) and rows[-1][-1] is None


# ---------------------------------------------------------------- the public page

def test_the_public_page_shows_public_tasks_and_approved_results_only(demo_db, province):
    rows, total = act(demo_db, public.public_tasks, limit=10_000)
    assert total == len(rows)
    shown = {r.task_id: r for r in rows}
    expected = {k for k, v in TASKS.items() if v[5] and DOCUMENTS[v[0]][5]}
    assert province.names(shown) == expected
    assert "stc_private" not in expected and not expected & {"snv_longterm", "snv_returned", "syt_rejected"}
    with session_scope(demo_db) as s:   # nothing hidden anywhere, demo included
        for task_id in shown:
            t = s.get(Task, task_id)
            assert t.is_public and t.document.is_public
    early = shown[province.ids["lapvo_early"]]
    assert (early.result, early.status, early.timeliness, early.done_on) == (
        "Đã giải phóng mặt bằng 95% diện tích", "Đã hoàn thành", Timeliness.EARLY, date(2026, 3, 31))
    waiting = shown[province.ids["lapvo_submitted"]]
    assert (waiting.result, waiting.status) == (None, "Đang thực hiện"), "a report not yet approved is not shown"
    # No internal comment reaches the page: no rejection reason, no progress note, no first (rejected) report.
    dump = repr(rows)
    for secret in (REJECTION, PROGRESS, "Báo cáo lần đầu", "Chưa kiểm tra đủ các trường học"):
        assert secret not in dump


def test_the_public_page_offers_the_document_file_only_if_the_file_is_public(demo_db, province):
    rows, _ = act(demo_db, public.public_tasks, limit=10_000)
    shown = {r.task_id: r for r in rows}
    assert shown[province.ids["sxd_new"]].document_file_id == province.files["D1"]
    assert shown[province.ids["sxd_late"]].document_file_id is None
    assert act(demo_db, attachments.download, None, province.files["D1"]).data == PDF + b"D1"
    with pytest.raises((NotFound, PermissionDenied)):
        act(demo_db, attachments.download, None, province.files["D2"])
    with session_scope(demo_db) as s:   # report files are never public
        for r in s.scalars(sa.select(TaskReport).where(TaskReport.attachment_id.is_not(None))):
            assert not s.get(Attachment, r.attachment_id).is_public


@pytest.mark.parametrize("text, expected", [
    ("giai ngan", {"sxd_new", "sxd_overdue", "sxd_soon", "lapvo_submitted", "lapvo_early"}),
    ("CHUYỂN ĐỔI SỐ", {"stc_ontime", "stc_late", "sxd_late", "sct_early", "sct_overdue"}),
    ("thuong mai dien tu", {"sct_early", "sct_overdue"}),
    ("803/VP-TH", set()),
    ("an toan thuc pham", set()),
    ("khong cong khai", set()),
])
def test_the_public_search_never_reaches_what_is_not_public(demo_db, province, text, expected):
    rows, total = act(demo_db, public.public_tasks, text, limit=10_000)
    assert province.names(r.task_id for r in rows) == expected
    assert total == len(rows)


# ---------------------------------------------------------------- the home page

def _oracle(engine, actor, today: date) -> dict[str, int]:  # noqa: ANN001
    """The home page's counts, computed here from the raw rows with the calendar."""
    with session_scope(engine) as s:
        calendar = work_calendar(s)
        soon = settings.get(s, "due_soon_working_days")
        own = subtree_ids(s, actor.unit_id)
        all_tasks = s.scalars(sa.select(Task)).all()
        pending = s.scalar(sa.select(sa.func.count()).select_from(TaskReport).where(
            TaskReport.decision == ReportDecision.PENDING))

        def timeliness(t: Task) -> Timeliness | None:
            if t.status == TaskStatus.DONE:
                return t.done_timeliness
            return calendar.classify_open(t.deadline, today, soon) if t.deadline else None

        mine = [t for t in all_tasks if t.lead_unit_id in own or any(c.unit_id in own for c in t.co_units)]
        working = [t for t in mine if t.status.is_open and t.status != TaskStatus.SUBMITTED]
        led = [t for t in all_tasks if t.lead_unit_id in own]  # only the lead unit acknowledges and reports
        return {
            "Nhiệm vụ quá hạn": sum(timeliness(t) == Timeliness.OVERDUE for t in working),
            "Nhiệm vụ sắp đến hạn": sum(timeliness(t) == Timeliness.DUE_SOON for t in working),
            "Nhiệm vụ mới chưa tiếp nhận": sum(t.status == TaskStatus.NEW for t in led),
            "Báo cáo bị trả lại (không đạt)": sum(t.status == TaskStatus.REJECTED for t in led),
            "Báo cáo chờ duyệt": pending,
            "Nhiệm vụ đơn vị trả lại": sum(t.status == TaskStatus.RETURNED for t in all_tasks),
            "Nhiệm vụ tôi theo dõi đã quá hạn": sum(t.follower_id == actor.id and timeliness(t) == Timeliness.OVERDUE
                                                   for t in all_tasks),
            "Nhiệm vụ quá hạn toàn tỉnh": sum(timeliness(t) == Timeliness.OVERDUE for t in all_tasks),
            "Nhiệm vụ sắp đến hạn (toàn tỉnh)": sum(timeliness(t) == Timeliness.DUE_SOON for t in all_tasks),
        }


def test_home_page_actions_count_what_needs_doing(demo_db, actors, province):
    for username, labels in [
        (EDITOR, ["Nhiệm vụ quá hạn", "Nhiệm vụ sắp đến hạn", "Nhiệm vụ mới chưa tiếp nhận",
                  "Báo cáo bị trả lại (không đạt)"]),
        (LAPVO, ["Nhiệm vụ quá hạn", "Nhiệm vụ sắp đến hạn", "Nhiệm vụ mới chưa tiếp nhận",
                 "Báo cáo bị trả lại (không đạt)"]),
        (OFFICER, ["Báo cáo chờ duyệt", "Nhiệm vụ đơn vị trả lại", "Nhiệm vụ tôi theo dõi đã quá hạn"]),
        ("lanhdao", ["Nhiệm vụ quá hạn toàn tỉnh", "Nhiệm vụ sắp đến hạn"]),
    ]:
        actor = actors[username]
        for today in (TODAY, date(2026, 4, 30), date(2026, 12, 28)):
            items = act(demo_db, home.task_actions, actor, today)
            assert [i.label for i in items] == labels
            oracle = _oracle(demo_db, actor, today)
            if username == "lanhdao":
                oracle["Nhiệm vụ sắp đến hạn"] = oracle["Nhiệm vụ sắp đến hạn (toàn tỉnh)"]
            assert {i.label: i.count for i in items} == {label: oracle[label] for label in labels}, (username, today)
    assert act(demo_db, home.task_actions, actors["quantri"], TODAY) == []


def test_home_page_counts_move_with_the_work(demo_db, actors, province):
    editor, officer = actors[EDITOR], actors[OFFICER]

    def counts(actor) -> dict[str, int]:  # noqa: ANN001
        return {i.label: i.count for i in act(demo_db, home.task_actions, actor, TODAY)}

    before_unit, before_office = counts(editor), counts(officer)
    act(demo_db, tasks.acknowledge, editor, province.ids["sxd_new"])      # no longer «new»
    report_id = act(demo_db, tasks.submit_report, editor, province.ids["sxd_overdue"],
                    report("Đã báo cáo", date(2026, 4, 15)), Upload("bao-cao.pdf", PDF),
                    now=at(2026, 4, 15, 9))   # waiting for the Office
    unit, office = counts(editor), counts(officer)
    assert unit["Nhiệm vụ mới chưa tiếp nhận"] == before_unit["Nhiệm vụ mới chưa tiếp nhận"] - 2
    assert unit["Nhiệm vụ quá hạn"] == before_unit["Nhiệm vụ quá hạn"] - 1, "submitted: the ball is with the Office"
    assert office["Báo cáo chờ duyệt"] == before_office["Báo cáo chờ duyệt"] + 1
    act(demo_db, tasks.reject, officer, report_id, "Chưa đạt")
    unit, office = counts(editor), counts(officer)
    assert unit["Báo cáo bị trả lại (không đạt)"] == before_unit["Báo cáo bị trả lại (không đạt)"] + 1
    assert unit["Nhiệm vụ quá hạn"] == before_unit["Nhiệm vụ quá hạn"]
    assert office["Báo cáo chờ duyệt"] == before_office["Báo cáo chờ duyệt"]


# ---------------------------------------------------------------- seed fidelity (issue 8, item 10)

def _document(engine, actors, unit_ids, number: str, issued: date, deadlines: list[date],  # noqa: ANN001
              entered: datetime, officer: str = OFFICER) -> list[int]:
    with session_scope(engine) as s:
        document_id = tasks.create_document(
            s, actors[officer], DocumentInput(DocType.CONG_VAN, number, "Về việc kiểm thử kỳ báo cáo", issued,
                                              unit_ids["VP"], leader_id(s, PHO_CHU_TICH), "Nguyễn Văn Thành",
                                              issued_time=time(9, 0), drafter_id=actors[officer].id),
            [TaskInput(f"Việc hạn {d:%d/%m}", unit_ids["SXD"], deadline=d, follower_id=actors[officer].id)
             for d in deadlines], signed_file=Upload("van-ban.pdf", PDF), now=entered)
        return list(s.scalars(sa.select(Task.id).where(Task.document_id == document_id).order_by(Task.seq)))


def test_a_saturday_deadline_is_not_overdue_on_the_monday_after_in_sql(demo_db, actors, unit_ids):
    """Bộ luật Dân sự 2015 art. 148.5: the deadline of Saturday 14/3/2026 ends at the end of Monday 16/3."""
    _document(demo_db, actors, unit_ids, "961/VP-TH", date(2026, 3, 2), [date(2026, 3, 14)], at(2026, 3, 2))
    f = TaskFilter(text="Việc hạn 14/03")
    [monday] = listed(demo_db, actors[OFFICER], f, today=date(2026, 3, 16))
    assert monday.timeliness == Timeliness.DUE_SOON
    [tuesday] = listed(demo_db, actors[OFFICER], f, today=date(2026, 3, 17))
    assert tuesday.timeliness == Timeliness.OVERDUE


def test_a_period_report_judges_open_tasks_as_of_the_periods_end(demo_db, actors, unit_ids):
    """A report for the first quarter, read in May: a task due 15/4 was in time on 31/3 (not overdue as today), and a
    task due 1/4 but done on 10/4 was still open (due soon) on 31/3 — neither done nor late in that quarter."""
    officer, editor = actors[OFFICER], actors[EDITOR]
    later, done_later = _document(demo_db, actors, unit_ids, "971/VP-TH", date(2026, 3, 2),
                                  [date(2026, 4, 15), date(2026, 4, 1)], at(2026, 3, 2))
    report_id = act(demo_db, tasks.submit_report, editor, done_later, report("Xong", date(2026, 4, 10)),
                    Upload("bao-cao.pdf", PDF), now=at(2026, 4, 10))
    act(demo_db, tasks.approve, officer, report_id, now=at(2026, 4, 10, 11))
    f = TaskFilter(issued_from=date(2026, 1, 1), issued_to=date(2026, 3, 31), text="Việc hạn")
    as_of = task_reports.as_of(date(2026, 3, 31), today=date(2026, 5, 15))
    assert as_of == date(2026, 3, 31)
    rows = {r.id: r.timeliness for r in listed(demo_db, officer, f, today=as_of)}
    assert (rows[later], rows[done_later]) == (Timeliness.IN_TIME, Timeliness.DUE_SOON)
    table = act(demo_db, task_reports.summary, officer, "unit", f, as_of)
    headers = [c.title for c in table.columns]
    [sxd] = [r for r in table.rows if r[0] == "Sở Xây dựng"]
    figures = dict(zip(headers, sxd))
    assert (figures["Tổng số"], figures["Đã hoàn thành"], figures["Hoàn thành trễ hạn"],
            figures["Chưa hoàn thành, quá hạn"], figures["Sắp đến hạn"]) == (2, 0, 0, 0, 1)
    # Read as of today (15/5), the same tasks are one overdue and one done late.
    today_rows = {r.id: r.timeliness for r in listed(demo_db, officer, f, today=date(2026, 5, 15))}
    assert (today_rows[later], today_rows[done_later]) == (Timeliness.OVERDUE, Timeliness.LATE)


def test_the_offices_own_lateness_is_summed_by_officer_and_period(demo_db, actors, unit_ids):
    """Seed 002 art. 8.1 / 001 art. 6.3b (entry) and 001 art. 6.4 (review), summed per officer for the period."""
    officer = actors[OFFICER]
    # Entered on time (Mon 2/3), one day late (issued Tue 3/3, entered Wed 4/3), three days late (issued Mon 9/3,
    # entered Fri 13/3); one in April, outside the period.
    _document(demo_db, actors, unit_ids, "981/VP-TH", date(2026, 3, 2), [date(2026, 3, 31)], at(2026, 3, 2))
    [task_id] = _document(demo_db, actors, unit_ids, "982/VP-TH", date(2026, 3, 3), [date(2026, 3, 31)],
                          at(2026, 3, 4))
    _document(demo_db, actors, unit_ids, "983/VP-TH", date(2026, 3, 9), [date(2026, 3, 31)], at(2026, 3, 12))
    _document(demo_db, actors, unit_ids, "984/VP-TH", date(2026, 4, 1), [date(2026, 4, 30)], at(2026, 4, 3))
    # A report sent Mon 16/3 at 10:00 and approved Wed 18/3: two working days late.
    report_id = act(demo_db, tasks.submit_report, actors[EDITOR], task_id, report("Xong", date(2026, 3, 16)),
                    Upload("bao-cao.pdf", PDF), now=at(2026, 3, 16))
    act(demo_db, tasks.approve, officer, report_id, now=at(2026, 3, 18))
    march_only = TaskFilter(issued_from=date(2026, 3, 1), issued_to=date(2026, 3, 31))
    frame = act(demo_db, task_stats.office_lateness, officer, march_only.issued_from, march_only.issued_to)
    row = frame[frame["key"] == officer.id].iloc[0]
    assert (row["entered"], row["entered_late"], row["entry_late_days"]) == (3, 2, 1 + 3)
    assert (row["reviewed"], row["reviewed_late"], row["review_late_days"]) == (1, 1, 2)
    table = act(demo_db, task_reports.summary, officer, "office", march_only, date(2026, 3, 31))
    assert [c.title for c in table.columns][:4] == ["Chuyên viên", "Văn bản đã nhập", "Văn bản nhập chậm",
                                                    "Tổng số ngày nhập chậm"]
    assert [officer.full_name, 3, 2, 4, 1, 1, 2] in table.rows
    with pytest.raises(PermissionDenied):
        act(demo_db, task_stats.office_lateness, actors[EDITOR], None, None)
