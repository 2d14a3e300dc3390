"""The Office's task pages driven through AppTest: entry form, review queue, returned tasks, the task page."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.calendar import local_today
from lib.core.db import session_scope
from lib.tasks.enums import DocType, ReportDecision, TaskEventKind, TaskStatus
from lib.core.enums import Timeliness
from lib.core.format import fmt_date
from lib.tasks.models import DirectiveDocument, Task, TaskEvent, TaskReport
from lib.tasks import workflow as tasks
from lib.tasks.workflow import DocumentInput, ReportInput, TaskInput, Upload
from tests.app.drive import leaves, values
from tests.app.helpers import page, texts
from tests.unit.core_helpers import leader_id

ENTRY = "pages/tasks/entry.py"
REVIEW = "pages/tasks/review.py"
DETAIL = "pages/tasks/task.py"
OFFICER = "chuyenvien.vp"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _issued() -> date:
    return local_today() - timedelta(days=7)


def _documents(engine) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(sa.func.count()).select_from(DirectiveDocument)) or 0


def _arrange_task(engine, actors, unit_ids, *, number: str = "9301/UBND-TH", lead: str = "SXD",  # noqa: ANN001
                  co: tuple[str, ...] = (), follower_id: int | None = None) -> int:
    """A document with one task for `lead`, entered by the Office through the service."""
    with session_scope(engine) as s:
        doc_id = tasks.create_document(s, actors[OFFICER], DocumentInput(
            DocType.CONG_VAN, number, "Về việc chuẩn bị báo cáo thử nghiệm", _issued(), unit_ids["UBND"],
            leader_id(s, "Nguyễn Văn Thành"), "Nguyễn Văn Thành", drafter_id=actors[OFFICER].id),
            [TaskInput("Báo cáo tình hình thực hiện thử nghiệm", unit_ids[lead], [unit_ids[c] for c in co],
                       deadline=local_today() + timedelta(days=20), follower_id=follower_id or actors[OFFICER].id)],
            signed_file=Upload("van-ban.pdf", PDF))
        return s.get(DirectiveDocument, doc_id).tasks[0].id


def _arrange_report(engine, actors, unit_ids, **kwargs) -> tuple[int, int]:  # noqa: ANN001, ANN003
    task_id = _arrange_task(engine, actors, unit_ids, **kwargs)
    with session_scope(engine) as s:
        report_id = tasks.submit_report(s, actors["capnhat.sxd"], task_id, ReportInput(
            "Đã hoàn thành báo cáo thử nghiệm", "Báo cáo", "77/BC-SXD", "Kết quả thử nghiệm", _issued(),
            "Giám đốc Sở"), Upload("bao-cao.pdf", PDF))
    return task_id, report_id


# ---------------------------------------------------------------- entry form

def _fill_document(at, engine, number: str = "9201/UBND-TH") -> None:  # noqa: ANN001
    at.text_input(key="vb-so.0").input(number)
    at.text_area(key="vb-trich-yeu.0").input("Về việc thử nghiệm nhập văn bản chỉ đạo")
    at.date_input(key="vb-ngay.0").set_value(_issued())
    with session_scope(engine) as s:  # a row of the directing leaders' list
        at.selectbox(key="vb-chi-dao.0").set_value(leader_id(s, "Nguyễn Văn Thành"))
    at.text_input(key="vb-nguoi-ky.0").input("Nguyễn Văn Thành")
    at.file_uploader(key="vb-tep.0").set_value(("van-ban.pdf", PDF, "application/pdf"))


def _fill_task(at, i: int, content: str, lead_id: int, **kw) -> None:  # noqa: ANN001, ANN003
    at.text_area(key=f"nv-{i}-noi-dung.0").input(content)
    at.selectbox(key=f"nv-{i}-chu-tri.0").set_value(lead_id)
    if kw.get("co"):
        at.multiselect(key=f"nv-{i}-phoi-hop.0").set_value(kw["co"])
    if kw.get("deadline"):
        at.radio(key=f"nv-{i}-kieu-han.0").set_value("date")
        at.date_input(key=f"nv-{i}-han.0").set_value(kw["deadline"])
    if kw.get("days"):
        at.radio(key=f"nv-{i}-kieu-han.0").set_value("days")
        at.number_input(key=f"nv-{i}-so-ngay.0").set_value(kw["days"])


def test_the_office_enters_a_document_with_two_tasks(demo_db, actors, unit_ids):
    at = page(ENTRY, demo_db, OFFICER).run()
    assert not at.exception
    at.number_input(key="so-nv").set_value(2).run()
    assert len([w for w in at.text_area if w.key.startswith("nv-")]) == 2
    _fill_document(at, demo_db)
    _fill_task(at, 0, "Rà soát hồ sơ dự án", unit_ids["SXD"], co=[unit_ids["SNV"]],
               deadline=local_today() + timedelta(days=15))
    _fill_task(at, 1, "Kiểm tra thực địa", unit_ids["X-LAPVO"], days=10)
    at.button(key="luu-van-ban").click().run()

    assert not at.exception and not at.error, values(at.error)
    [message] = values(at.success)
    assert "9201/UBND-TH" in message and "2 nhiệm vụ" in message
    assert at.text_input(key="vb-so.1").value == "", "after a save the form is empty for the next document"
    with session_scope(demo_db) as s:
        doc = s.scalar(sa.select(DirectiveDocument).where(DirectiveDocument.number_symbol == "9201/UBND-TH"))
        assert doc.issued_on == _issued() and doc.drafter_id == actors[OFFICER].id
        assert doc.leader_id == leader_id(s, "Nguyễn Văn Thành") and doc.entered_by_id == actors[OFFICER].id
        assert doc.directed_by_name == "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"
        first, second = doc.tasks
        assert (first.content, first.lead_unit_id) == ("Rà soát hồ sơ dự án", unit_ids["SXD"])
        assert [c.unit_id for c in first.co_units] == [unit_ids["SNV"]]
        assert first.deadline == local_today() + timedelta(days=15) and first.follower_id == actors[OFFICER].id
        assert second.lead_unit_id == unit_ids["X-LAPVO"] and second.deadline > doc.issued_on
        assert doc.entry_late_days > 0, "entered a week after the issue date: late against the same-day rule"
        # The lateness with its arithmetic (issue 8, item 10).
        assert f"Ban hành {fmt_date(doc.issued_on)} → hạn nhập {fmt_date(doc.entry_due_on)} (" in message
        assert f"; nhập {fmt_date(local_today())}: chậm {doc.entry_late_days} ngày làm việc" in message


def test_a_classified_document_is_refused_and_what_was_typed_is_kept(demo_db, actors, unit_ids):
    before = _documents(demo_db)
    at = page(ENTRY, demo_db, OFFICER).run()
    _fill_document(at, demo_db, "9202/UBND-TH")
    _fill_task(at, 0, "Việc mật", unit_ids["SXD"], deadline=local_today() + timedelta(days=5))
    at.checkbox(key="vb-mat.0").check()
    at.button(key="luu-van-ban").click().run()

    assert values(at.error) == [vi.TASK_CLASSIFIED]
    assert _documents(demo_db) == before
    assert at.text_input(key="vb-so.0").value == "9202/UBND-TH"
    assert at.text_area(key="nv-0-noi-dung.0").value == "Việc mật"


def test_a_deadline_before_the_issue_date_is_refused_with_its_message(demo_db, actors, unit_ids):
    before = _documents(demo_db)
    at = page(ENTRY, demo_db, OFFICER).run()
    _fill_document(at, demo_db, "9203/UBND-TH")
    _fill_task(at, 0, "Việc có hạn sai", unit_ids["SXD"], deadline=_issued() - timedelta(days=2))
    at.button(key="luu-van-ban").click().run()

    assert values(at.error) == [vi.TASK_DEADLINE_BEFORE_ISSUE.format(
        n=1, deadline=fmt_date(_issued() - timedelta(days=2)), issued=fmt_date(_issued()))]
    assert _documents(demo_db) == before
    assert at.text_area(key="nv-0-noi-dung.0").value == "Việc có hạn sai"


def test_a_task_without_deadline_is_refused_unless_long_term(demo_db, actors, unit_ids):
    at = page(ENTRY, demo_db, OFFICER).run()
    _fill_document(at, demo_db, "9204/UBND-TH")
    _fill_task(at, 0, "Việc thường xuyên", unit_ids["SNV"])
    at.button(key="luu-van-ban").click().run()
    assert values(at.error) == [vi.TASK_NO_DEADLINE.format(n=1)]

    at.radio(key="nv-0-kieu-han.0").set_value("long")
    at.button(key="luu-van-ban").click().run()
    assert not at.error and "9204/UBND-TH" in values(at.success)[0]
    with session_scope(demo_db) as s:
        task = s.scalar(sa.select(Task).join(DirectiveDocument)
                        .where(DirectiveDocument.number_symbol == "9204/UBND-TH"))
        assert task.long_term and task.deadline is None


def test_the_excel_tab_offers_the_template_and_refuses_a_wrong_file(demo_db):
    at = page(ENTRY, demo_db, OFFICER).run()
    labels = [b.label for b in at.get("download_button")]
    assert "Tải tệp mẫu (.xlsx)" in labels
    assert at.button(key="nhap-excel").disabled, "nothing to import before a file is chosen"


# ---------------------------------------------------------------- review queue

def _pick(at, prefix: str, row: int = 0) -> None:  # noqa: ANN001
    [table] = [d for d in at.dataframe if d.key and d.key.startswith(prefix)]
    at.session_state[table.key] = {"selection": {"rows": [row], "columns": []}}


def _queue_page(engine):  # noqa: ANN001, ANN202
    at = page(REVIEW, engine, OFFICER).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _row_of(at, report_task_content: str) -> int:  # noqa: ANN001
    [table] = [d for d in at.dataframe if d.key and d.key.startswith("dbc-bang")]
    return list(table.value["Nội dung nhiệm vụ"]).index(report_task_content)


def test_the_review_page_approves_a_pending_report(demo_db, actors, unit_ids):
    task_id, report_id = _arrange_report(demo_db, actors, unit_ids)
    at = _queue_page(demo_db)
    _pick(at, "dbc-bang", _row_of(at, "Báo cáo tình hình thực hiện thử nghiệm"))
    at.run()
    assert "Đã hoàn thành báo cáo thử nghiệm" in texts(at)
    assert "Về việc chuẩn bị báo cáo thử nghiệm" in texts(at)
    at.text_input(key=f"dbc-nhan-xet-{report_id}").input("Đạt yêu cầu")
    at.button(key="dbc-dat").click().run()

    assert not at.error, values(at.error)
    assert any("Đạt" in m and "trước hạn" in m for m in values(at.success))
    with session_scope(demo_db) as s:
        report, task = s.get(TaskReport, report_id), s.get(Task, task_id)
        assert report.decision == ReportDecision.APPROVED and report.decided_by_id == actors[OFFICER].id
        assert task.status == TaskStatus.DONE and task.done_timeliness == Timeliness.EARLY


def test_the_review_page_rejects_only_with_a_reason(demo_db, actors, unit_ids):
    task_id, report_id = _arrange_report(demo_db, actors, unit_ids)
    at = _queue_page(demo_db)
    _pick(at, "dbc-bang", _row_of(at, "Báo cáo tình hình thực hiện thử nghiệm"))
    at.run()
    at.button(key="dbc-khong-dat").click().run()
    assert values(at.error) == [vi.TASK_REASON_REQUIRED]

    at.text_area(key=f"dbc-ly-do-{report_id}").input("Chưa kèm văn bản đã ký")
    at.button(key="dbc-khong-dat").click().run()
    assert not at.error
    with session_scope(demo_db) as s:
        report, task = s.get(TaskReport, report_id), s.get(Task, task_id)
        assert report.decision == ReportDecision.REJECTED and report.decision_reason == "Chưa kèm văn bản đã ký"
        assert task.status == TaskStatus.REJECTED


def test_two_officers_deciding_at_once_the_second_sees_the_conflict(demo_db, actors, unit_ids):
    task_id, report_id = _arrange_report(demo_db, actors, unit_ids)
    at = _queue_page(demo_db)
    _pick(at, "dbc-bang", _row_of(at, "Báo cáo tình hình thực hiện thử nghiệm"))
    at.run()
    # Another officer approves while this page is open.
    with session_scope(demo_db) as s:
        tasks.approve(s, actors[OFFICER], report_id)
    at.text_area(key=f"dbc-ly-do-{report_id}").input("Không đạt")
    at.button(key="dbc-khong-dat").click().run()

    [message] = values(at.error)
    assert message.startswith("Báo cáo này đã được") and "Quyết định của bạn chưa được lưu" in message
    with session_scope(demo_db) as s:
        assert s.get(TaskReport, report_id).decision == ReportDecision.APPROVED
        assert s.get(Task, task_id).status == TaskStatus.DONE


def _second_officer(engine, unit_ids) -> int:  # noqa: ANN001
    from lib.core.enums import Role
    from lib.core.models import Account, AccountRole

    with session_scope(engine) as s:
        other = Account(username="chuyenvien2.vp", full_name="Trần Văn Bình", unit_id=unit_ids["VP-TH"],
                        password_hash="x")
        other.role_rows = [AccountRole(role=Role.OFFICE_OFFICER)]
        s.add(other)
        s.flush()
        return other.id


def test_only_mine_filters_the_queue_by_follower(demo_db, actors, unit_ids):
    _arrange_report(demo_db, actors, unit_ids, number="9308/UBND-TH")
    _arrange_report(demo_db, actors, unit_ids, number="9309/UBND-TH", follower_id=_second_officer(demo_db, unit_ids))
    at = _queue_page(demo_db)
    [table] = [d for d in at.dataframe if d.key and d.key.startswith("dbc-bang")]
    assert {"9308/UBND-TH", "9309/UBND-TH"} <= set(table.value["Văn bản"])
    at.toggle(key="dbc-cua-toi").set_value(True).run()
    [table] = [d for d in at.dataframe if d.key and d.key.startswith("dbc-bang")]
    assert "9308/UBND-TH" in set(table.value["Văn bản"]) and "9309/UBND-TH" not in set(table.value["Văn bản"])


def test_a_returned_task_is_reassigned_from_the_second_tab(demo_db, actors, unit_ids):
    task_id = _arrange_task(demo_db, actors, unit_ids, number="9302/UBND-TH")
    with session_scope(demo_db) as s:
        tasks.return_to_office(s, actors["capnhat.sxd"], task_id, "Không thuộc chức năng của Sở Xây dựng")
    at = _queue_page(demo_db)
    [table] = [d for d in at.dataframe if d.key and d.key.startswith("tl-bang")]
    _pick(at, "tl-bang", list(table.value["Văn bản"]).index("9302/UBND-TH"))
    at.run()
    assert "Không thuộc chức năng của Sở Xây dựng" in texts(at)
    at.selectbox(key=f"tl-chu-tri-{task_id}").set_value(unit_ids["SNV"])
    at.text_area(key=f"tl-ly-do-gl-{task_id}").input("Giao Sở Nội vụ chủ trì")
    at.button(key="tl-giao-lai").click().run()

    assert not at.error, values(at.error)
    with session_scope(demo_db) as s:
        task = s.get(Task, task_id)
        assert task.lead_unit_id == unit_ids["SNV"] and task.status == TaskStatus.NEW
        kinds = [e.kind for e in s.scalars(sa.select(TaskEvent).where(TaskEvent.task_id == task_id))]
        assert kinds[-1] == TaskEventKind.REASSIGNED


def test_a_deadline_is_changed_with_a_reason(demo_db, actors, unit_ids):
    task_id = _arrange_task(demo_db, actors, unit_ids, number="9303/UBND-TH")
    at = _queue_page(demo_db)
    at.text_input(key="dth-tim").input("9303/UBND-TH").run()
    at.selectbox(key="dth-chon").set_value(task_id).run()
    new_deadline = local_today() + timedelta(days=40)
    at.date_input(key=f"dth-han-{task_id}").set_value(new_deadline)
    at.button(key="dth-luu").click().run()
    assert values(at.error) == [vi.TASK_REASON_REQUIRED]
    at.text_area(key=f"dth-ly-do-{task_id}").input("Theo đề nghị của Sở Xây dựng")
    at.button(key="dth-luu").click().run()
    assert not at.error
    with session_scope(demo_db) as s:
        assert s.get(Task, task_id).deadline == new_deadline


# ---------------------------------------------------------------- the task page

def _detail(engine, username: str, task_id: int | str):  # noqa: ANN001, ANN202
    at = page(DETAIL, engine, username)
    at.query_params["id"] = str(task_id)
    return at.run()


def test_a_unit_outside_the_task_sees_only_not_found(demo_db, actors, unit_ids):
    task_id = _arrange_task(demo_db, actors, unit_ids, number="9304/UBND-TH", lead="SXD")
    at = _detail(demo_db, "capnhat.laplvo", task_id)
    assert not at.exception
    assert values(at.error) == [vi.ERR_NOT_FOUND]
    assert [e.type for e in leaves(at.main)] == ["error"]
    assert "9304" not in texts(at) and "thử nghiệm" not in texts(at)
    # An id that does not exist looks exactly the same.
    at = _detail(demo_db, "capnhat.laplvo", 987654)
    assert values(at.error) == [vi.ERR_NOT_FOUND] and [e.type for e in leaves(at.main)] == ["error"]


@pytest.mark.parametrize("username", ["capnhat.sxd", OFFICER, "lanhdao", "tracuu.sxd"])
def test_those_in_scope_see_the_task(demo_db, actors, unit_ids, username):
    task_id, _ = _arrange_report(demo_db, actors, unit_ids, number="9305/UBND-TH")
    at = _detail(demo_db, username, task_id)
    assert not at.exception and not at.error
    shown = texts(at)
    assert "Báo cáo tình hình thực hiện thử nghiệm" in shown and "9305/UBND-TH" in shown
    assert "Đã hoàn thành báo cáo thử nghiệm" in shown
    [history] = [t.value for t in at.table if "Bước" in t.value.columns]
    assert list(history["Bước"]) == [TaskEventKind.CREATED.label, TaskEventKind.REPORTED.label]


def test_the_lead_unit_acknowledges_and_reports_from_the_task_page(demo_db, actors, unit_ids):
    task_id = _arrange_task(demo_db, actors, unit_ids, number="9306/UBND-TH")
    at = _detail(demo_db, "capnhat.sxd", task_id)
    at.button(key="ct-tiep-nhan").click().run()
    assert not at.error and "Đã tiếp nhận nhiệm vụ." in values(at.success)

    at.button(key="ct-gui-bc").click().run()
    assert values(at.error) == [vi.TASK_REPORT_CONTENT_REQUIRED]
    at.text_area(key="ct-bc-noi-dung").input("Đã báo cáo UBND tỉnh")
    at.text_input(key="ct-bc-so").input("88/BC-SXD")
    at.button(key="ct-gui-bc").click().run()
    # The report document is required (seed 001 art. 7.5b–c): its name first, then the rest.
    assert values(at.error) == [vi.TASK_REPORT_DOC_REQUIRED.format(field="tên")]
    at.text_input(key="ct-bc-ten").input("Báo cáo kết quả thực hiện")
    at.text_input(key="ct-bc-nguoi-ky").input("Giám đốc Sở Xây dựng")
    at.date_input(key="ct-bc-ngay").set_value(local_today() - timedelta(days=7))
    at.button(key="ct-gui-bc").click().run()
    assert values(at.error) == [vi.TASK_REPORT_FILE_REQUIRED]
    at.file_uploader(key="ct-bc-tep").set_value(("bao-cao.pdf", PDF, "application/pdf"))
    at.button(key="ct-gui-bc").click().run()
    assert not at.error, values(at.error)
    with session_scope(demo_db) as s:
        task = s.get(Task, task_id)
        assert task.status == TaskStatus.SUBMITTED
        [report] = s.scalars(sa.select(TaskReport).where(TaskReport.task_id == task_id))
        assert report.doc_number == "88/BC-SXD" and report.attachment_id
        late = report.entry_late_days
    # The report shows its own entry lateness with the arithmetic.
    assert late > 0 and f"chậm {late} ngày làm việc" in texts(at)
    assert f"Văn bản báo cáo ban hành {fmt_date(local_today() - timedelta(days=7))} → hạn cập nhật" in texts(at)


def test_a_coordinating_unit_contributes_and_a_viewer_cannot_act(demo_db, actors, unit_ids):
    task_id = _arrange_task(demo_db, actors, unit_ids, number="9307/UBND-TH", lead="SNV", co=("SXD",))
    viewer = _detail(demo_db, "tracuu.sxd", task_id)
    assert not viewer.button and vi.TASK_READ_ONLY in texts(viewer)

    at = _detail(demo_db, "capnhat.sxd", task_id)
    assert not [b for b in at.button if b.key == "ct-tiep-nhan"], "only the lead unit acknowledges"
    at.text_area(key="ct-gy-noi-dung").input("Sở Xây dựng thống nhất nội dung dự thảo")
    at.button(key="ct-gui-gy").click().run()
    assert not at.error
    with session_scope(demo_db) as s:
        kinds = [e.kind for e in s.scalars(sa.select(TaskEvent).where(TaskEvent.task_id == task_id))]
        assert TaskEventKind.CONTRIBUTION in kinds


def test_the_task_page_without_an_id_explains_itself(demo_db):
    at = page(DETAIL, demo_db, "capnhat.sxd").run()
    assert not at.exception and values(at.title) == ["Chi tiết nhiệm vụ"]
    assert not at.error and at.info
