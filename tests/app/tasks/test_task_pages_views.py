"""The task module's reading pages driven through AppTest: the unit inbox, the leader's overview and its
drill-downs, reports with the Excel file, the public page (no log-in), and the home page's «việc cần làm».

Arrangement goes through the services; every figure a page shows is checked against a hand count made here from
the task rows and the working-day calendar (not through the query code the pages use)."""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager

from lib.core import vi
from lib.core.access import subtree_ids
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.core.enums import AuditAction, Role, Timeliness
from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus
from lib.core.format import fmt_date
from lib.core.models import Account, Attachment, AuditLog, Unit
from lib.tasks.models import DirectiveDocument, Task, TaskCoUnit, TaskEvent, TaskReport
from lib.tasks.leader_models import Leader
from lib.core.excel import NATIONAL_MOTTO, NATIONAL_TITLE
from lib.core.services import accounts, settings
from lib import home
from lib.tasks import leaders, workflow as tasks
from lib.core.services.accounts import AccountInput
from lib.core.services.auth import to_actor
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.workflow import DocumentInput, ReportInput, TaskInput, Upload
from tests.app.drive import app, values
from tests.app.helpers import page, texts
from tests.unit.core_helpers import leader_id

INBOX = "pages/tasks/inbox.py"
OVERVIEW = "pages/tasks/overview.py"
REPORTS = "pages/tasks/reports.py"
PUBLIC = "pages/public/tasks.py"
DETAIL = "pages/tasks/task.py"
OFFICER = "chuyenvien.vp"
EDITOR = "capnhat.sxd"
LAPVO = "capnhat.laplvo"
LEADER_NAME = "Nguyễn Văn Thành"
LEADER_LABEL = "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"   # as the leaders' list shows him
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


# ---------------------------------------------------------------- arranging through the services

def _today() -> date:
    return local_today()


def _document(engine, actors, unit_ids, number: str, summary: str, items: list[dict], *,  # noqa: ANN001
              issued: date | None = None, public: bool = True, signed_file: Upload | None = None,
              directed_by: str = LEADER_NAME) -> list[int]:
    """A document entered by the Office with tasks `items` (content, lead, co, deadline, public); the task ids."""
    issued = issued or _today() - timedelta(days=3)
    with session_scope(engine) as s:
        doc_id = tasks.create_document(s, actors[OFFICER], DocumentInput(
            DocType.CONG_VAN, number, summary, issued, unit_ids["UBND"], leader_id(s, directed_by),
            directed_by.split(" UBND tỉnh ")[-1], is_public=public,
            drafter_id=actors[OFFICER].id),
            [TaskInput(i["content"], unit_ids[i["lead"]], [unit_ids[c] for c in i.get("co", ())],
                       deadline=i.get("deadline", _today() + timedelta(days=20)),
                       follower_id=actors[OFFICER].id if i.get("followed", True) else _other_officer(s, unit_ids),
                       is_public=i.get("public", True)) for i in items],
            signed_file=signed_file or Upload(f"{number.replace('/', '-')}.pdf", PDF))
        return [t.id for t in s.get(DirectiveDocument, doc_id).tasks]


def _other_officer(session, unit_ids) -> int:  # noqa: ANN001
    """A second Office officer (every task has a follower: seed 002 art. 8.1đ), created once."""
    import sqlalchemy as sa

    from lib.core.enums import Role
    from lib.core.models import Account, AccountRole

    found = session.scalar(sa.select(Account.id).where(Account.username == "chuyenvien2.vp"))
    if found is not None:
        return found
    other = Account(username="chuyenvien2.vp", full_name="Trần Văn Bình", unit_id=unit_ids["VP-TH"], password_hash="x")
    other.role_rows = [AccountRole(role=Role.OFFICE_OFFICER)]
    session.add(other)
    session.flush()
    return other.id


def _submit(session, actor, task_id: int, report: ReportInput, upload: Upload | None = None,  # noqa: ANN001
            **kw) -> int:  # noqa: ANN003
    """`tasks.submit_report` with the report document's file (seed 001 art. 7.5c) where a test did not care."""
    return tasks.submit_report(session, actor, task_id, report, upload or Upload("bao-cao.pdf", PDF), **kw)


def _do(engine, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    with session_scope(engine) as s:
        return fn(s, *args, **kwargs)


def _report(text: str) -> ReportInput:
    return ReportInput(text, "Báo cáo", "15/BC-SXD", "Kết quả thực hiện", _today() - timedelta(days=1),
                       "Giám đốc Sở")


# ---------------------------------------------------------------- the hand count

@dataclass(frozen=True)
class Fact:
    id: int
    number: str
    summary: str
    content: str
    unit: str
    lead_id: int
    co_ids: frozenset[int]
    status: TaskStatus
    timeliness: Timeliness | None
    issued_on: date
    deadline: date | None
    follower_id: int | None
    directed_by: str
    public: bool

    @property
    def key(self) -> tuple[str, str, str]:
        """How a task is recognised in a table: document, content, lead unit."""
        return self.number, self.content, self.unit

    def involves(self, unit_ids: frozenset[int]) -> bool:
        return self.lead_id in unit_ids or bool(self.co_ids & unit_ids)


def facts(engine, as_of: date | None = None) -> list[Fact]:  # noqa: ANN001
    """Every task that is not withdrawn, its timeliness worked out here from the calendar as of `as_of` (today):
    a task done after that day was still open then."""
    today = as_of or _today()
    with session_scope(engine) as s:
        calendar = work_calendar(s)
        soon = int(settings.get(s, "due_soon_working_days"))
        names = dict(s.execute(sa.select(Unit.id, Unit.name)).all())
        co: dict[int, set[int]] = {}
        for task_id, unit_id in s.execute(sa.select(TaskCoUnit.task_id, TaskCoUnit.unit_id)):
            co.setdefault(task_id, set()).add(unit_id)
        out = []
        for t, doc, leader in s.execute(sa.select(Task, DirectiveDocument, Leader).select_from(Task)
                                        .join(DirectiveDocument, DirectiveDocument.id == Task.document_id)
                                        .join(Leader, Leader.id == DirectiveDocument.leader_id)
                                        .where(Task.status != TaskStatus.WITHDRAWN)):
            if t.status == TaskStatus.DONE and (t.done_on is None or t.done_on <= today):
                timeliness = t.done_timeliness
            elif t.deadline is None:
                timeliness = None
            else:
                timeliness = calendar.classify_open(t.deadline, today, soon)
            out.append(Fact(t.id, doc.number_symbol, doc.summary, t.content, names[t.lead_unit_id], t.lead_unit_id,
                            frozenset(co.get(t.id, ())), t.status, timeliness, t.issued_on, t.deadline,
                            t.follower_id, leader.label, t.is_public and doc.is_public))
        return out


def in_year(rows: list[Fact], year: int) -> list[Fact]:
    return [f for f in rows if f.issued_on.year == year]


def own_units(engine, unit_id: int) -> frozenset[int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return frozenset(subtree_ids(s, unit_id))


# ---------------------------------------------------------------- reading the pages

def metric(at, label: str) -> int:  # noqa: ANN001
    found = [m for m in at.metric if m.label == label]
    assert len(found) == 1, f"one metric {label!r} expected, found {[m.label for m in at.metric]}"
    return int(found[0].value)


def table(at, key: str):  # noqa: ANN001, ANN201
    """The value of the data frame with this key."""
    found = [d for d in at.dataframe if d.key == key]
    assert len(found) == 1, f"table {key!r} expected, found {[d.key for d in at.dataframe]}"
    return found[0].value


def has_table(at, key: str) -> bool:  # noqa: ANN001
    return any(d.key == key for d in at.dataframe)


def listed(at, key: str) -> Counter:  # noqa: ANN001
    """The tasks a task table shows, as (document, content, lead unit), with multiplicity."""
    frame = table(at, key)
    return Counter(zip(frame["Văn bản"], frame["Nội dung nhiệm vụ"], frame["Đơn vị chủ trì"]))


def keys(rows: list[Fact]) -> Counter:
    return Counter(f.key for f in rows)


def no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the pages hand to st.download_button: eager files by URL, deferred ones (read on click) by id.

    AppTest drops its media store after every run; this keeps what the user would receive on a click."""
    files: dict[str, tuple] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self, data, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        url = add(self, data, mimetype, coordinates, file_name=file_name, **kwargs)
        files[url] = (data, file_name)
        return url

    def keep_deferred(self, maker, mimetype, coordinates, file_name=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        file_id = add_deferred(self, maker, mimetype, coordinates, file_name=file_name, **kwargs)
        files[file_id] = (maker, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return files


def downloaded(at, downloads: dict, label: str) -> tuple[bytes, str]:  # noqa: ANN001
    """The bytes and file name the download button `label` gives (a deferred one is generated as on a click)."""
    proto = next(b for b in at.get("download_button") if b.label == label).proto
    if proto.url:
        data, name = downloads[proto.url]
        return data, name
    maker, name = downloads[proto.deferred_file_id]
    return maker(), name


# ================================================================ the unit inbox

@pytest.fixture
def inbox_tasks(demo_db, actors, unit_ids) -> dict[str, int]:
    """Sở Xây dựng leads one task, coordinates another, is overdue on a third; Xã Lấp Vò alone leads a fourth."""
    today = _today()
    with session_scope(demo_db) as s:
        in_ten = work_calendar(s).add_working_days(today, 10)
    own, co, other = _document(demo_db, actors, unit_ids, "9401/UBND-TH", "Về phát triển nhà ở xã hội", [
        {"content": "Kiểm tra tiến độ dự án nhà ở xã hội", "lead": "SXD", "deadline": in_ten},
        {"content": "Rà soát quỹ đất phát triển đô thị", "lead": "SNV", "co": ("SXD",),
         "deadline": today + timedelta(days=14)},
        {"content": "Kiểm định chất lượng công trình trường học", "lead": "X-LAPVO",
         "deadline": today + timedelta(days=14)},
    ])
    [late] = _document(demo_db, actors, unit_ids, "9402/UBND-TH", "Về phòng cháy, chữa cháy nhà cao tầng", [
        {"content": "Báo cáo công tác phòng cháy nhà cao tầng", "lead": "SXD", "deadline": today - timedelta(days=5)},
    ], issued=today - timedelta(days=20))
    return {"own": own, "co": co, "other": other, "late": late}


def _inbox(engine, username: str = EDITOR):  # noqa: ANN001, ANN202
    at = page(INBOX, engine, username).run()
    no_exception(at)
    return at


def test_the_inbox_lists_the_units_open_tasks_with_working_days_left(demo_db, inbox_tasks):
    at = _inbox(demo_db)
    sxd = own_units(demo_db, _fact(demo_db, inbox_tasks["own"]).lead_id)
    expected = [f for f in facts(demo_db) if f.status.is_open and f.involves(sxd)]
    assert listed(at, "hop-bang") == keys(expected)
    assert metric(at, "Nhiệm vụ phù hợp bộ lọc") == len(expected)
    assert metric(at, "Quá hạn") == sum(f.timeliness == Timeliness.OVERDUE for f in expected)
    assert metric(at, "Sắp đến hạn") == sum(f.timeliness == Timeliness.DUE_SOON for f in expected)
    # Only the lead unit acknowledges: the new task Sở Xây dựng coordinates is listed but not counted here.
    assert metric(at, "Chưa tiếp nhận") == sum(f.status == TaskStatus.NEW and f.lead_id in sxd for f in expected)
    assert _fact(demo_db, inbox_tasks["co"]).status == TaskStatus.NEW

    frame = table(at, "hop-bang")
    rows = {content: r for content, r in zip(frame["Nội dung nhiệm vụ"], frame.to_dict("records"))}
    with session_scope(demo_db) as s:
        calendar = work_calendar(s)
    own = _fact(demo_db, inbox_tasks["own"])
    left = calendar.working_days_between(_today(), own.deadline)
    assert left == 10
    assert (rows[own.content]["Còn lại"], rows[own.content]["Hạn xử lý"], rows[own.content]["Thời hạn"],
            rows[own.content]["Trạng thái"]) == (f"{left} ngày", fmt_date(own.deadline), "Trong hạn", "Mới giao")
    late = _fact(demo_db, inbox_tasks["late"])
    behind = calendar.working_days_between(late.deadline, _today())
    assert (rows[late.content]["Còn lại"], rows[late.content]["Thời hạn"]) == (f"quá {behind} ngày", "Quá hạn")
    co = _fact(demo_db, inbox_tasks["co"])
    assert rows[co.content]["Đơn vị chủ trì"] == "Sở Nội vụ", "a task the unit coordinates is in its inbox too"
    other = _fact(demo_db, inbox_tasks["other"])
    assert other.content not in rows and other.content not in texts(at), "another unit's task is never shown"


def _fact(engine, task_id: int) -> Fact:  # noqa: ANN001
    [found] = [f for f in facts(engine) if f.id == task_id]
    return found


def test_the_inbox_search_ignores_accents_and_never_reaches_another_units_task(demo_db, inbox_tasks):
    at = _inbox(demo_db)
    at.text_input(key="hop-text").input("kiem tra TIEN DO du an").run()
    assert list(table(at, "hop-bang")["Nội dung nhiệm vụ"]) == ["Kiểm tra tiến độ dự án nhà ở xã hội"]
    assert metric(at, "Nhiệm vụ phù hợp bộ lọc") == 1
    # The words of the document's summary find its three tasks; Sở Xây dựng sees the two that involve it.
    at.text_input(key="hop-text").input("NHA O xa hoi").run()
    assert sorted(table(at, "hop-bang")["Nội dung nhiệm vụ"]) == ["Kiểm tra tiến độ dự án nhà ở xã hội",
                                                                "Rà soát quỹ đất phát triển đô thị"]

    # Xã Lấp Vò's task matches the words, but it is not Sở Xây dựng's.
    at.text_input(key="hop-text").input("kiem dinh chat luong cong trinh").run()
    assert not has_table(at, "hop-bang") and "Không có nhiệm vụ nào phù hợp." in values(at.info)
    assert metric(at, "Nhiệm vụ phù hợp bộ lọc") == 0
    # Its own editor finds it with the same words.
    at = _inbox(demo_db, LAPVO)
    at.text_input(key="hop-text").input("kiem dinh chat luong cong trinh").run()
    assert list(table(at, "hop-bang")["Nội dung nhiệm vụ"]) == ["Kiểm định chất lượng công trình trường học"]

    # The document box searches the number and the summary, also without accents.
    at = _inbox(demo_db)
    at.text_input(key="hop-vb").input("phong chay, chua chay").run()
    assert listed(at, "hop-bang") == Counter({("9402/UBND-TH", "Báo cáo công tác phòng cháy nhà cao tầng",
                                               "Sở Xây dựng"): 1})


def test_the_inbox_filters_by_status_and_by_timeliness(demo_db, actors, inbox_tasks):
    _do(demo_db, tasks.acknowledge, actors[EDITOR], inbox_tasks["own"])
    sxd = own_units(demo_db, actors[EDITOR].unit_id)
    mine = [f for f in facts(demo_db) if f.involves(sxd)]
    at = _inbox(demo_db)

    at.multiselect(key="hop-tt").set_value([TaskStatus.ACKNOWLEDGED]).run()
    acknowledged = [f for f in mine if f.status == TaskStatus.ACKNOWLEDGED]
    assert inbox_tasks["own"] in {f.id for f in acknowledged}
    assert listed(at, "hop-bang") == keys(acknowledged)
    assert set(table(at, "hop-bang")["Trạng thái"]) == {TaskStatus.ACKNOWLEDGED.label}

    at.multiselect(key="hop-tt").set_value([TaskStatus.DONE]).run()
    done = [f for f in mine if f.status == TaskStatus.DONE]
    assert done, "the demo has work Sở Xây dựng finished"
    assert listed(at, "hop-bang") == keys(done)

    at.multiselect(key="hop-tt").set_value([]).run()       # nothing chosen: every status but withdrawn
    at.multiselect(key="hop-th").set_value([Timeliness.OVERDUE]).run()
    overdue = [f for f in mine if f.timeliness == Timeliness.OVERDUE]
    assert inbox_tasks["late"] in {f.id for f in overdue}
    assert listed(at, "hop-bang") == keys(overdue)
    assert set(table(at, "hop-bang")["Thời hạn"]) == {"Quá hạn"}
    assert metric(at, "Quá hạn") == len(overdue)

    at.multiselect(key="hop-th").set_value([Timeliness.IN_TIME, Timeliness.DUE_SOON]).run()
    assert listed(at, "hop-bang") == keys([f for f in mine if f.timeliness in (Timeliness.IN_TIME,
                                                                                Timeliness.DUE_SOON)])


def test_the_editor_opens_a_task_from_the_inbox_and_acknowledges_it(demo_db, actors, inbox_tasks):
    task_id = inbox_tasks["own"]
    at = app(demo_db, EDITOR).run()
    at.switch_page(INBOX).run()
    no_exception(at)
    waiting = metric(at, "Chưa tiếp nhận")
    at.text_input(key="hop-text").input("nha o xa hoi").run()
    row = list(table(at, "hop-bang")["Nội dung nhiệm vụ"]).index("Kiểm tra tiến độ dự án nhà ở xã hội")
    at.session_state["hop-bang"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert "**9401/UBND-TH** — Kiểm tra tiến độ dự án nhà ở xã hội" in values(at.markdown)
    at.button(key="mo-nhiem-vu").click().run()

    no_exception(at)
    assert values(at.title) == ["Chi tiết nhiệm vụ"] and at.query_params["id"] == str(task_id)
    # The browser stays on the page it was sent to; AppTest must be told (its requested page is sticky).
    at.switch_page(DETAIL)
    at.button(key="ct-tiep-nhan").click().run()
    assert not at.error and "Đã tiếp nhận nhiệm vụ." in values(at.success)
    with session_scope(demo_db) as s:
        assert s.get(Task, task_id).status == TaskStatus.ACKNOWLEDGED
        [event] = s.scalars(sa.select(TaskEvent).where(TaskEvent.task_id == task_id,
                                                       TaskEvent.kind == TaskEventKind.ACKNOWLEDGED))
        assert event.actor_id == actors[EDITOR].id

    at.switch_page(INBOX).run()
    assert metric(at, "Chưa tiếp nhận") == waiting - 1
    frame = table(at, "hop-bang")
    assert dict(zip(frame["Nội dung nhiệm vụ"], frame["Trạng thái"]))[
        "Kiểm tra tiến độ dự án nhà ở xã hội"] == TaskStatus.ACKNOWLEDGED.label


# ================================================================ the leader's overview

THIS_YEAR_TIMELINESS = [Timeliness.OVERDUE, Timeliness.DUE_SOON, Timeliness.IN_TIME, Timeliness.EARLY,
                        Timeliness.ON_TIME, Timeliness.LATE]


@pytest.fixture
def last_year(demo_db, actors, unit_ids) -> list[int]:
    """Two tasks of a document issued last year, still open, so overdue; today one done early, one submitted."""
    year = _today().year - 1
    with session_scope(demo_db) as s:  # a Vice-Chairman of last year, no longer in office
        former = leaders.create_leader(s, actors[OFFICER], leaders.LeaderInput("Lê Văn Cũ", "Phó Chủ tịch UBND tỉnh"))
    ids = _document(demo_db, actors, unit_ids, "9501/UBND-TH", "Về tổng kết công tác xây dựng năm trước", [
        {"content": "Tổng kết công tác quản lý trật tự xây dựng", "lead": "SXD", "deadline": date(year, 12, 15)},
        {"content": "Tổng kết công tác tổ chức bộ máy", "lead": "SNV", "deadline": date(year, 12, 15)},
    ], issued=date(year, 11, 3), directed_by="Phó Chủ tịch UBND tỉnh Lê Văn Cũ")
    with session_scope(demo_db) as s:
        leaders.update_leader(s, actors[OFFICER], former, None, leaders.LeaderInput(
            "Lê Văn Cũ", "Phó Chủ tịch UBND tỉnh", active=False))
    with session_scope(demo_db) as s:
        later = work_calendar(s).add_working_days(_today(), 20)
    done, submitted = _document(demo_db, actors, unit_ids, "9502/UBND-TH", "Về cấp phép xây dựng", [
        {"content": "Rút ngắn thời gian cấp phép xây dựng", "lead": "SXD", "deadline": later},
        {"content": "Công khai quy trình cấp phép xây dựng", "lead": "SXD", "deadline": later},
    ], issued=_today())
    report_id = _do(demo_db, _submit, actors[EDITOR], done, _report("Đã rút ngắn còn 10 ngày"))
    _do(demo_db, tasks.approve, actors[OFFICER], report_id)
    _do(demo_db, _submit, actors[EDITOR], submitted, _report("Đã công khai trên cổng thông tin"))
    return ids


def _overview(engine, username: str = "lanhdao"):  # noqa: ANN001, ANN202
    at = page(OVERVIEW, engine, username).run()
    no_exception(at)
    return at


def test_the_overview_figures_equal_a_hand_count_and_each_opens_exactly_its_list(demo_db, last_year):
    at = _overview(demo_db)
    assert at.selectbox(key="tq-ky").value == "Năm nay"
    year = in_year(facts(demo_db), _today().year)
    assert metric(at, "Tổng số nhiệm vụ") == len(year)
    for t in THIS_YEAR_TIMELINESS:
        assert metric(at, t.label) == sum(f.timeliness == t for f in year), t
    assert metric(at, Timeliness.EARLY.label) and metric(at, Timeliness.IN_TIME.label), "some figures count"

    for t in THIS_YEAR_TIMELINESS:
        at.button(key=f"tq-t-{t.value}").click().run()
        no_exception(at)
        behind = [f for f in year if f.timeliness == t]
        assert values(at.subheader)[-1] == f"Nhiệm vụ {t.label.lower()}"
        assert f"{len(behind)} nhiệm vụ" in values(at.caption)
        if behind:
            assert listed(at, "tq-bang") == keys(behind), t
        else:
            assert not has_table(at, "tq-bang") and "Không có nhiệm vụ nào phù hợp." in values(at.info)


def test_the_overview_status_choice_opens_the_tasks_of_that_status(demo_db, last_year):
    at = _overview(demo_db)
    year = in_year(facts(demo_db), _today().year)
    at.selectbox(key="tq-tt").set_value(TaskStatus.SUBMITTED).run()
    submitted = [f for f in year if f.status == TaskStatus.SUBMITTED]
    assert submitted and values(at.subheader)[-1] == f"Nhiệm vụ {TaskStatus.SUBMITTED.label.lower()}"
    assert listed(at, "tq-bang") == keys(submitted)


def test_choosing_a_unit_row_opens_that_units_tasks(demo_db, last_year):
    at = _overview(demo_db)
    year = in_year(facts(demo_db), _today().year)
    units = table(at, "tq-dv")
    row = list(units["Đơn vị"]).index("Sở Xây dựng")
    sxd = [f for f in year if f.unit == "Sở Xây dựng"]
    assert units["Tổng số"][row] == len(sxd)
    assert units["Quá hạn"][row] == sum(f.timeliness == Timeliness.OVERDUE for f in sxd)
    assert units["Hoàn thành"][row] == sum(f.status == TaskStatus.DONE for f in sxd)
    assert list(units["Hạng"]) == list(range(1, len(units) + 1))
    assert sorted(units["Đơn vị"]) == sorted({f.unit for f in year})

    at.session_state["tq-dv"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    no_exception(at)
    assert values(at.subheader)[-1] == "Nhiệm vụ do Sở Xây dựng chủ trì"
    assert listed(at, "tq-bang") == keys(sxd)
    assert ("9501/UBND-TH", "Tổng kết công tác quản lý trật tự xây dựng", "Sở Xây dựng") not in listed(at, "tq-bang")


def test_choosing_a_leader_row_opens_the_tasks_that_leader_directed(demo_db, last_year):
    at = _overview(demo_db)
    year = in_year(facts(demo_db), _today().year)
    by_leader = table(at, "tq-ld")
    assert dict(zip(by_leader["Người chỉ đạo"], by_leader["Tổng số"])) == dict(Counter(f.directed_by for f in year))
    row = list(by_leader["Người chỉ đạo"]).index(LEADER_LABEL)
    at.session_state["tq-ld"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert values(at.subheader)[-1] == f"Nhiệm vụ do {LEADER_LABEL} chỉ đạo"
    assert listed(at, "tq-bang") == keys([f for f in year if f.directed_by == LEADER_LABEL])


def test_the_whole_period_adds_last_years_tasks_to_the_figures_and_lists(demo_db, last_year):
    everything = facts(demo_db)
    year = in_year(everything, _today().year)
    previous = [f for f in everything if f.id in last_year]
    assert all(f.timeliness == Timeliness.OVERDUE for f in previous)
    overdue = [f for f in everything if f.timeliness == Timeliness.OVERDUE]

    at = _overview(demo_db)
    this_year = (metric(at, "Tổng số nhiệm vụ"), metric(at, "Quá hạn"))
    assert this_year == (len(year), sum(f.timeliness == Timeliness.OVERDUE for f in year))
    at.button(key="tq-t-overdue").click().run()
    assert not set(keys(previous)) & set(listed(at, "tq-bang"))

    at.selectbox(key="tq-ky").set_value("Toàn bộ").run()
    no_exception(at)
    assert (metric(at, "Tổng số nhiệm vụ"), metric(at, "Quá hạn")) == (len(everything), len(overdue))
    assert len(everything) >= this_year[0] + 2 and len(overdue) >= this_year[1] + 2
    assert listed(at, "tq-bang") == keys(overdue)
    assert "Phó Chủ tịch UBND tỉnh Lê Văn Cũ" in set(table(at, "tq-ld")["Người chỉ đạo"])

    at.selectbox(key="tq-ky").set_value("Năm trước").run()
    before = in_year(everything, _today().year - 1)
    assert metric(at, "Tổng số nhiệm vụ") == len(before) == len(everything) - len(year)
    assert listed(at, "tq-bang") == keys([f for f in before if f.timeliness == Timeliness.OVERDUE])
    assert set(keys(previous)) <= set(listed(at, "tq-bang"))


def test_the_overview_is_the_leaders_and_the_offices_not_a_units(demo_db, last_year):
    leader, officer = _overview(demo_db), _overview(demo_db, OFFICER)
    assert metric(officer, "Tổng số nhiệm vụ") == metric(leader, "Tổng số nhiệm vụ"), "both see the whole province"
    for username in (EDITOR, "tracuu.sxd", "quantri.sxd"):
        at = _overview(demo_db, username)
        assert values(at.error) == [vi.ERR_PAGE_FORBIDDEN] and not at.metric and not at.dataframe


# ================================================================ reports and Excel

def _reports(engine, username: str):  # noqa: ANN001, ANN202
    at = page(REPORTS, engine, username).run()
    no_exception(at)
    return at


def _month(at, year: int, month: int) -> None:  # noqa: ANN001
    at.selectbox(key="bc-ky").set_value("month").run()
    at.number_input(key="bc-nam").set_value(year)
    at.selectbox(key="bc-thang").set_value(month).run()
    no_exception(at)


def _report_table(at):  # noqa: ANN001, ANN202
    """The report on the page: a static table for a summary, a data frame for the list of tasks."""
    [frame] = list(at.dataframe) + list(at.table)
    return frame.value


def test_reports_by_unit_leader_and_document_for_a_month(demo_db, last_year):
    year = _today().year - 1
    # A period report judges open tasks as of the period's end (issue 8, item 10), not as of today.
    month = [f for f in facts(demo_db, as_of=date(year, 11, 30)) if (f.issued_on.year, f.issued_on.month) == (year, 11)]
    assert {f.id for f in month} >= set(last_year)
    at = _reports(demo_db, OFFICER)
    _month(at, year, 11)
    assert f"Kỳ báo cáo: tháng 11/{year}" in " ".join(values(at.caption))
    frame = _report_table(at)
    assert dict(zip(frame["Đơn vị chủ trì"], frame["Tổng số"])) == dict(Counter(f.unit for f in month))
    assert {u: n for u, n in zip(frame["Đơn vị chủ trì"], frame["Chưa hoàn thành, quá hạn"]) if n} == dict(
        Counter(f.unit for f in month if f.timeliness == Timeliness.OVERDUE))

    at.selectbox(key="bc-loai").set_value("leader").run()
    frame = _report_table(at)
    assert dict(zip(frame["Người chỉ đạo"], frame["Tổng số"])) == dict(Counter(f.directed_by for f in month))
    assert "Phó Chủ tịch UBND tỉnh Lê Văn Cũ" in set(frame["Người chỉ đạo"])

    at.selectbox(key="bc-loai").set_value("document").run()
    frame = _report_table(at)
    assert dict(zip(frame["Văn bản"], frame["Tổng số"])) == dict(Counter(f"{f.number} — {f.summary}" for f in month))
    assert "9501/UBND-TH — Về tổng kết công tác xây dựng năm trước" in set(frame["Văn bản"])

    at.selectbox(key="bc-loai").set_value("list").run()
    frame = _report_table(at)
    assert Counter(zip(frame["Văn bản giao"], frame["Nội dung nhiệm vụ"], frame["Đơn vị chủ trì"])) == keys(month)
    # Due 15/12, overdue today, but in time on 30/11, the end of the period.
    assert dict(zip(frame["Nội dung nhiệm vụ"], frame["Thời hạn"]))[
        "Tổng kết công tác quản lý trật tự xây dựng"] == Timeliness.IN_TIME.label
    assert f"tính đến ngày 30/11/{year}" in " ".join(values(at.caption))

    # The Office's own lateness, by officer: 9501/UBND-TH, issued 3/11 last year, was entered today.
    at.selectbox(key="bc-loai").set_value("office").run()
    frame = _report_table(at)
    rows = {r["Chuyên viên"]: r for r in frame.to_dict("records")}
    assert rows["Lê Thị Hồng Nhung"]["Văn bản nhập chậm"] >= 1
    assert rows["Lê Thị Hồng Nhung"]["Tổng số ngày nhập chậm"] > 200


def test_the_yearly_report_by_unit_equals_a_hand_count(demo_db, last_year):
    at = _reports(demo_db, "lanhdao")
    assert at.selectbox(key="bc-ky").value == "year" and at.number_input(key="bc-nam").value == _today().year
    year = in_year(facts(demo_db), _today().year)
    frame = _report_table(at)
    shown = {r["Đơn vị chủ trì"]: r for r in frame.to_dict("records")}
    assert set(shown) == {f.unit for f in year}
    for unit, row in shown.items():
        mine = [f for f in year if f.unit == unit]
        assert (row["Tổng số"], row["Đã hoàn thành"], row["Hoàn thành trễ hạn"], row["Chưa hoàn thành, quá hạn"],
                row["Sắp đến hạn"]) == (
            len(mine), sum(f.status == TaskStatus.DONE for f in mine),
            sum(f.timeliness == Timeliness.LATE for f in mine),
            sum(f.timeliness == Timeliness.OVERDUE for f in mine),
            sum(f.timeliness == Timeliness.DUE_SOON for f in mine)), unit


def _sheet(data: bytes) -> tuple[list[str], list[dict], object]:
    """The heading text above the table, the data rows by column title, and the worksheet."""
    ws = load_workbook(io.BytesIO(data)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    end = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith("Tổng số:"))
    heading = [v for r in rows[:header] for v in r if isinstance(v, str)]
    titles = rows[header]
    return heading, [dict(zip(titles, r)) for r in rows[header + 1:end]], ws


def test_the_editors_excel_list_has_the_official_heading_and_only_its_scope(demo_db, actors, inbox_tasks,
                                                                            downloads):
    start, end = _today() - timedelta(days=30), _today()
    at = _reports(demo_db, EDITOR)
    at.selectbox(key="bc-loai").set_value("list")
    at.selectbox(key="bc-ky").set_value("custom").run()
    at.date_input(key="bc-khoang").set_value((start, end)).run()
    no_exception(at)
    assert not at.get("download_button"), "no file before the user asks for one"
    at.button(key="bc-chuanbi").click().run()
    no_exception(at)
    data, name = downloaded(at, downloads, "Tải tệp Excel")
    assert name.startswith("bao-cao-nhiem-vu_") and name.endswith(".xlsx")

    heading, rows, ws = _sheet(data)
    for line in (NATIONAL_TITLE, NATIONAL_MOTTO, "VĂN PHÒNG UBND TỈNH",
                 "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH GIAO — DANH SÁCH NHIỆM VỤ",
                 f"Kỳ báo cáo: từ ngày {fmt_date(start)} đến ngày {fmt_date(end)}"):
        assert line in heading, line
    assert any(v.startswith("Ngày trích xuất:") and actors[EDITOR].full_name in v for v in heading)
    assert {c.font.name for r in ws.iter_rows() for c in r if c.value is not None} == {"Times New Roman"}

    sxd = own_units(demo_db, actors[EDITOR].unit_id)
    expected = [f for f in facts(demo_db) if start <= f.issued_on <= end and f.involves(sxd)]
    assert Counter((r["Văn bản giao"], r["Nội dung nhiệm vụ"], r["Đơn vị chủ trì"]) for r in rows) == keys(expected)
    assert len(rows) == len(_report_table(at)), "the file holds the rows the page shows"
    contents = {r["Nội dung nhiệm vụ"] for r in rows}
    assert "Rà soát quỹ đất phát triển đô thị" in contents, "a task it coordinates is in its scope"
    assert "Kiểm định chất lượng công trình trường học" not in contents, "nothing of another unit"
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(
            AuditLog.action == AuditAction.EXPORT, AuditLog.actor_id == actors[EDITOR].id)) == 1

    # A new filter: the file made for the old one is no longer offered; the new file honours the filter.
    at.multiselect(key="bc-th").set_value([Timeliness.OVERDUE]).run()
    assert not at.get("download_button")
    at.button(key="bc-chuanbi").click().run()
    _, rows, _ = _sheet(downloaded(at, downloads, "Tải tệp Excel")[0])
    overdue = [f for f in expected if f.timeliness == Timeliness.OVERDUE]
    assert "Báo cáo công tác phòng cháy nhà cao tầng" in {f.content for f in overdue}
    assert Counter((r["Văn bản giao"], r["Nội dung nhiệm vụ"], r["Đơn vị chủ trì"]) for r in rows) == keys(overdue)
    assert {r["Thời hạn"] for r in rows} == {Timeliness.OVERDUE.label}


def test_the_excel_summary_by_unit_is_the_table_on_the_page(demo_db, last_year, downloads):
    year = _today().year - 1
    at = _reports(demo_db, "lanhdao")
    _month(at, year, 11)
    at.button(key="bc-chuanbi").click().run()
    heading, rows, _ = _sheet(downloaded(at, downloads, "Tải tệp Excel")[0])
    assert f"Kỳ báo cáo: tháng 11/{year}" in heading
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH GIAO — THEO ĐƠN VỊ CHỦ TRÌ" in heading
    frame = _report_table(at)
    assert [(r["Đơn vị chủ trì"], r["Tổng số"], r["Chưa hoàn thành, quá hạn"]) for r in rows] == list(
        zip(frame["Đơn vị chủ trì"], frame["Tổng số"], frame["Chưa hoàn thành, quá hạn"]))
    month = [f for f in facts(demo_db) if (f.issued_on.year, f.issued_on.month) == (year, 11)]
    assert {r["Đơn vị chủ trì"]: r["Tổng số"] for r in rows} == dict(Counter(f.unit for f in month))
    assert {"Sở Nội vụ", "Sở Xây dựng"} <= {r["Đơn vị chủ trì"] for r in rows}


# ================================================================ the public page

PROGRESS = "Ghi chú nội bộ: đang chờ ý kiến Sở Tài chính"
REJECTION = "Lý do nội bộ: thiếu biên bản nghiệm thu"
FIRST_REPORT = "Báo cáo lần đầu chưa đầy đủ"
RESULT = "Đã chỉnh trang 12 tuyến phố trung tâm"
RETURN_REASON = "Lý do trả lại nội bộ: không thuộc thẩm quyền của xã"
DOC_FILE = PDF + b"% van ban 9601\n"


@pytest.fixture
def published(demo_db, actors, unit_ids) -> dict[str, int]:
    """A public document with a public task (done, after a rejected report), a withheld task, a task returned by
    its unit; a document that is not public; internal notes on the way."""
    done, withheld, returned = _document(
        demo_db, actors, unit_ids, "9601/UBND-TH", "Về chỉnh trang đô thị năm 2026", [
            {"content": "Chỉnh trang các tuyến phố trung tâm", "lead": "SXD"},
            {"content": "Chỉnh trang đô thị: phương án nhân sự nội bộ", "lead": "SXD", "public": False},
            {"content": "Chỉnh trang đô thị ở xã", "lead": "X-LAPVO"},
        ], signed_file=Upload("van-ban-9601.pdf", DOC_FILE))
    [hidden] = _document(demo_db, actors, unit_ids, "9602/UBND-TH", "Về công tác chỉnh trang đô thị (không công khai)",
                         [{"content": "Chỉnh trang trụ sở cơ quan", "lead": "SXD"}], public=False,
                         signed_file=Upload("van-ban-9602.pdf", PDF + b"% 9602\n"))
    editor = actors[EDITOR]
    _do(demo_db, tasks.post_progress, editor, done, PROGRESS)
    first = _do(demo_db, _submit, editor, done, _report(FIRST_REPORT))
    _do(demo_db, tasks.reject, actors[OFFICER], first, REJECTION)
    final = _do(demo_db, _submit, editor, done, _report(RESULT),
                Upload("bao-cao-noi-bo-9601.pdf", PDF + b"% bao cao\n"))
    _do(demo_db, tasks.approve, actors[OFFICER], final)
    _do(demo_db, tasks.return_to_office, actors[LAPVO], returned, RETURN_REASON)
    return {"done": done, "withheld": withheld, "returned": returned, "hidden": hidden}


def _public(engine):  # noqa: ANN001, ANN202
    at = page(PUBLIC, engine).run()       # nobody logged in
    no_exception(at)
    assert "account_id" not in at.session_state
    return at


def test_the_public_page_shows_only_public_tasks_and_their_approved_results(demo_db, published, downloads):
    at = _public(demo_db)
    public = [f for f in facts(demo_db) if f.public]
    assert f"{len(public)} nhiệm vụ" in values(at.caption)
    shown = texts(at)
    for f in public:
        assert f.content in shown, f.content
    for key in ("withheld", "hidden"):
        assert _fact(demo_db, published[key]).content not in shown
    assert "9602/UBND-TH" not in shown
    assert f"*Kết quả:* {RESULT}" in values(at.markdown)
    assert "Tình trạng: **Đã hoàn thành**" in shown
    # Nothing internal: no progress note, no rejection reason, no rejected report, no reason for returning.
    for secret in (PROGRESS, REJECTION, FIRST_REPORT, RETURN_REASON):
        assert secret not in shown, secret

    # Files: the signed public document only; never the report's file, never the non-public document's.
    buttons = at.get("download_button")
    # The demo's documents carry their signed files too (seed 001 art. 6.3a); of this test's two, only 9601.
    assert [b.label for b in buttons if b.label.startswith("Tải văn bản 96")] == ["Tải văn bản 9601/UBND-TH"], \
        "once, on the card of its two public tasks"
    data, name = downloaded(at, downloads, "Tải văn bản 9601/UBND-TH")
    assert (data, name) == (DOC_FILE, "van-ban-9601.pdf")
    assert "bao-cao-noi-bo-9601" not in repr([b.proto for b in buttons]) + shown


def test_the_public_page_search_ignores_accents_and_finds_nothing_withheld(demo_db, published):
    at = _public(demo_db)
    at.text_input(key="ck-text").input("chinh trang do thi").run()
    expected = {f.content for f in facts(demo_db) if f.public and "9601" in f.number}
    assert expected == {"Chỉnh trang các tuyến phố trung tâm", "Chỉnh trang đô thị ở xã"}
    assert f"{len(expected)} nhiệm vụ" in values(at.caption)
    shown = texts(at)
    assert all(content in shown for content in expected)
    assert "phương án nhân sự nội bộ" not in shown and "Chỉnh trang trụ sở cơ quan" not in shown

    at.text_input(key="ck-text").input("9602/UBND").run()
    assert "0 nhiệm vụ" in values(at.caption) and "Chỉnh trang trụ sở cơ quan" not in texts(at)


def test_a_document_file_withheld_by_the_office_is_not_offered(demo_db, published):
    with session_scope(demo_db) as s:
        task = s.get(Task, published["done"])
        s.get(Attachment, task.document.attachment_id).is_public = False
    at = _public(demo_db)
    assert "Chỉnh trang các tuyến phố trung tâm" in texts(at)
    assert not [b for b in at.get("download_button") if "9601" in b.label]


# ================================================================ the home page's «việc cần làm»

def _home(engine, username: str):  # noqa: ANN001, ANN202
    at = app(engine, username).run()
    no_exception(at)
    return at


def _editor_counts(engine, unit_id: int) -> dict[str, int]:  # noqa: ANN001
    """Overdue and due soon: every task the unit leads or coordinates. New and rejected: only the tasks it leads
    (only the lead unit acknowledges a task and reports on it)."""
    own = own_units(engine, unit_id)
    mine = [f for f in facts(engine) if f.involves(own)]
    led = [f for f in mine if f.lead_id in own]
    working = [f for f in mine if f.status.is_open and f.status != TaskStatus.SUBMITTED]
    return {"Nhiệm vụ quá hạn": sum(f.timeliness == Timeliness.OVERDUE for f in working),
            "Nhiệm vụ sắp đến hạn": sum(f.timeliness == Timeliness.DUE_SOON for f in working),
            "Nhiệm vụ mới chưa tiếp nhận": sum(f.status == TaskStatus.NEW for f in led),
            "Báo cáo bị trả lại (không đạt)": sum(f.status == TaskStatus.REJECTED for f in led)}


def _editor_of(engine, actors, unit_ids, code: str):  # noqa: ANN001, ANN202
    """A unit editor account of unit `code` (the demo has none in every unit), as an actor."""
    with session_scope(engine) as s:
        account_id = accounts.create_account(s, actors["quantri"], AccountInput(
            f"capnhat.{code.lower()}", f"Cán bộ cập nhật {code}", unit_ids[code], {Role.UNIT_EDITOR}), "Khoi@Tao2026")
        return to_actor(s.get(Account, account_id))


def _office_counts(engine, officer_id: int) -> dict[str, int]:  # noqa: ANN001
    everything = facts(engine)
    with session_scope(engine) as s:
        pending = s.scalar(sa.select(sa.func.count()).select_from(TaskReport).where(
            TaskReport.decision == ReportDecision.PENDING))
    return {"Báo cáo chờ duyệt": pending,
            "Nhiệm vụ đơn vị trả lại": sum(f.status == TaskStatus.RETURNED for f in everything),
            "Nhiệm vụ tôi theo dõi đã quá hạn": sum(f.follower_id == officer_id and f.timeliness == Timeliness.OVERDUE
                                                    for f in everything)}


def _opened(target, link):  # noqa: ANN001, ANN202
    """`target` (an AppTest of the linked page) run with the query string of the home page's `link`."""
    from urllib.parse import parse_qsl

    for name, value in parse_qsl(link.proto.query_string):
        target.query_params[name] = value
    target.run()
    no_exception(target)
    return target


def _shown(at, labels) -> dict[str, int]:  # noqa: ANN001
    assert "Việc cần làm hôm nay" in values(at.subheader)
    return {label: metric(at, label) for label in labels}


def test_the_editors_home_counts_what_waits_for_its_unit(demo_db, actors, unit_ids):
    editor = actors[EDITOR]
    at = _home(demo_db, EDITOR)
    before = _editor_counts(demo_db, editor.unit_id)
    assert _shown(at, before) == before
    with session_scope(demo_db) as s:  # the Chỉ số CCHC cards (the demo round's draft) have their link too
        par_cards = [i for i in home.par_actions(s, editor) if i.count]
        project_cards = [i for i in home.project_step_actions(s, editor, _today())
                         + home.finance_actions(s, editor, _today()) if i.count]
    assert par_cards and all(metric(at, i.label) == i.count for i in par_cards + project_cards)
    assert values(at.page_link).count("Xem danh sách") == (sum(1 for n in before.values() if n) + len(par_cards)
                                                           + len(project_cards))

    with session_scope(demo_db) as s:
        soon = work_calendar(s).add_working_days(_today(), 1)
    today = _today()
    late, _, bounced, _, co_bounced = _document(
        demo_db, actors, unit_ids, "9701/UBND-TH", "Về việc cần làm của Sở Xây dựng", [
            {"content": "Việc đã quá hạn", "lead": "SXD", "deadline": today - timedelta(days=2)},
            {"content": "Việc sắp đến hạn", "lead": "SXD", "deadline": soon},
            {"content": "Việc có báo cáo không đạt", "lead": "SXD"},
            # Sở Xây dựng only coordinates these two: a new task and a rejected report are Sở Nội vụ's to act on.
            {"content": "Việc mới Sở Xây dựng phối hợp", "lead": "SNV", "co": ("SXD",)},
            {"content": "Việc phối hợp có báo cáo không đạt", "lead": "SNV", "co": ("SXD",)},
        ], issued=today - timedelta(days=10))
    # Xã Lấp Vò's own work is not Sở Xây dựng's.
    _document(demo_db, actors, unit_ids, "9702/UBND-TH", "Về việc của xã",
              [{"content": "Việc quá hạn của xã", "lead": "X-LAPVO", "deadline": today - timedelta(days=2)}],
              issued=today - timedelta(days=10))
    report_id = _do(demo_db, _submit, editor, bounced, _report("Chưa đủ"))
    _do(demo_db, tasks.reject, actors[OFFICER], report_id, "Thiếu số liệu")
    report_id = _do(demo_db, _submit, _editor_of(demo_db, actors, unit_ids, "SNV"), co_bounced,
                    _report("Chưa đủ"))
    _do(demo_db, tasks.reject, actors[OFFICER], report_id, "Thiếu số liệu")

    at = _home(demo_db, EDITOR)
    after = _editor_counts(demo_db, editor.unit_id)
    assert _shown(at, after) == after
    assert {k: after[k] - before[k] for k in after} == {
        "Nhiệm vụ quá hạn": 1, "Nhiệm vụ sắp đến hạn": 1, "Nhiệm vụ mới chưa tiếp nhận": 2,
        "Báo cáo bị trả lại (không đạt)": 1}
    assert not {"Báo cáo chờ duyệt", "Nhiệm vụ đơn vị trả lại"} & {m.label for m in at.metric}

    # Each «Xem danh sách» opens the inbox filtered to exactly the tasks its card counted.
    links = [link for link in at.page_link if link.label == "Xem danh sách"][:len(after)]  # then the CCHC cards
    assert all(after.values())
    for (label, n), link in zip(after.items(), links):
        inbox = _opened(page(INBOX, demo_db, EDITOR), link)
        assert metric(inbox, "Nhiệm vụ phù hợp bộ lọc") == n, label
        assert not dict(inbox.query_params), "the filters move from the address into the widgets"

    # A submitted report waits for the Office: it is no longer the unit's to do, overdue or not.
    _do(demo_db, _submit, editor, late, _report("Đã xong"))
    at = _home(demo_db, EDITOR)
    assert metric(at, "Nhiệm vụ quá hạn") == after["Nhiệm vụ quá hạn"] - 1 == _editor_counts(
        demo_db, editor.unit_id)["Nhiệm vụ quá hạn"]


def test_the_officers_home_counts_reports_to_review_and_returned_tasks(demo_db, actors, unit_ids):
    officer = actors[OFFICER]
    at = _home(demo_db, OFFICER)
    before = _office_counts(demo_db, officer.id)
    assert _shown(at, before) == before
    assert before["Báo cáo chờ duyệt"] > 0 and before["Nhiệm vụ đơn vị trả lại"] > 0, "the demo has both"
    assert values(at.page_link).count("Xem danh sách") == sum(1 for n in before.values() if n)
    assert not {"Nhiệm vụ mới chưa tiếp nhận", "Báo cáo bị trả lại (không đạt)"} & {m.label for m in at.metric}

    today = _today()
    reported, given_back, _, _ = _document(
        demo_db, actors, unit_ids, "9801/UBND-TH", "Về việc cần duyệt", [
            {"content": "Việc đã báo cáo", "lead": "SXD"},
            {"content": "Việc bị trả lại", "lead": "X-LAPVO"},
            {"content": "Việc tôi theo dõi đã quá hạn", "lead": "SXD", "deadline": today - timedelta(days=1)},
            {"content": "Việc người khác theo dõi đã quá hạn", "lead": "SXD", "deadline": today - timedelta(days=1),
             "followed": False},
        ], issued=today - timedelta(days=10))
    _do(demo_db, _submit, actors[EDITOR], reported, _report("Đã thực hiện"))
    _do(demo_db, tasks.return_to_office, actors[LAPVO], given_back, "Không thuộc thẩm quyền")

    at = _home(demo_db, OFFICER)
    after = _office_counts(demo_db, officer.id)
    assert _shown(at, after) == after
    assert {k: after[k] - before[k] for k in after} == {
        "Báo cáo chờ duyệt": 1, "Nhiệm vụ đơn vị trả lại": 1, "Nhiệm vụ tôi theo dõi đã quá hạn": 1}

    # «Xem danh sách» of the followed overdue tasks opens the overview's list of exactly those, whatever the year.
    queue, returned, followed = [link for link in at.page_link if link.label == "Xem danh sách"]
    assert (queue.proto.query_string, returned.proto.query_string) == ("", "tra-lai=1")
    overview = _opened(page(OVERVIEW, demo_db, OFFICER), followed)
    assert "Nhiệm vụ tôi theo dõi quá hạn" in values(overview.subheader)
    assert f"{after['Nhiệm vụ tôi theo dõi đã quá hạn']} nhiệm vụ" in values(overview.caption)
    assert overview.selectbox(key="tq-ky").value == "Toàn bộ"
