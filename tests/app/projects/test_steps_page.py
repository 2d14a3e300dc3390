"""«Bước cần giải quyết» (issue 10, item 3; seed 000 art. 8.3–8.7, 9.2) for each decisive role: the resolving
department reports a step late, the investor confirms the software's judgement and reminds, a peer sees nothing of
the project (not even by typing its id), a lookup account only reads."""
from __future__ import annotations

from datetime import date as D

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from lib.core import vi
from lib.core.db import session_scope
from lib.projects import process
from lib.projects.enums import JudgementKind
from lib.projects.models import ProjectStep
from lib.projects.step_models import ProjectStepJudgement, ProjectStepReminder, ProjectStepReport
from tests.app.helpers import login_as, page, texts as page_texts
from tests.unit.projects.test_project_process import project_with_process

STEPS = "pages/projects/steps.py"
FINANCE_STEP = "Thẩm định nguồn vốn và khả năng cân đối vốn"


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _setup(engine, actors, unit_ids) -> tuple[int, int]:  # noqa: ANN001
    """The school project of Sở Xây dựng from 06/02/2026; its step 2 is Sở Tài chính's (deadline 02/04/2026)."""
    project_id, _ = project_with_process(engine, actors, unit_ids)
    with session_scope(engine) as s:
        view = process.project_process(s, actors["capnhat.sxd"], project_id)
    return project_id, view.steps[1].id


def test_the_resolving_department_reports_a_step_late(demo_db, actors, unit_ids):
    project_id, step_id = _setup(demo_db, actors, unit_ids)
    at = page(STEPS, demo_db, "chuyenvien.stc").run()
    _no_exception(at)
    assert at.title[0].value == "Bước cần giải quyết"
    table = at.dataframe[0].value
    assert any(FINANCE_STEP in name for name in table["Bước"])
    assert "Quá hạn" in " ".join(table["Tình trạng"])            # due 02/04/2026, still open
    at.selectbox(key="bgq-chon").set_value(step_id).run()
    _no_exception(at)
    key = f"bgq-{step_id}"
    at.date_input(key=f"{key}-bat-dau").set_value(D(2026, 3, 13))
    at.number_input(key=f"{key}-phan-tram").set_value(90)
    at.date_input(key=f"{key}-hoan-thanh").set_value(D(2026, 4, 10))
    at.text_area(key=f"{key}-kho-khan").input("Chờ chủ đầu tư bổ sung hồ sơ")
    at.button(key=f"{key}-bao-cao").click().run()
    # finish without 100 %: refused in Vietnamese, nothing saved
    assert any("mức độ hoàn thành phải là 100 %" in e.value for e in at.error)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ProjectStepReport)
                        .where(ProjectStepReport.step_id == step_id)) == 0
    at.number_input(key=f"{key}-phan-tram").set_value(100)
    at.button(key=f"{key}-bao-cao").click().run()
    _no_exception(at)
    assert f"Đã gửi báo cáo tiến độ bước «{FINANCE_STEP}»." in [e.value for e in at.success]
    with session_scope(demo_db) as s:
        step = s.get(ProjectStep, step_id)
        assert (step.actual_start, step.actual_end) == (D(2026, 3, 13), D(2026, 4, 10))
        report = s.scalar(sa.select(ProjectStepReport).where(ProjectStepReport.step_id == step_id))
        assert report.late_days > 0 and report.difficulties == "Chờ chủ đầu tư bổ sung hồ sơ"
        judgement = s.scalar(sa.select(ProjectStepJudgement).where(ProjectStepJudgement.step_id == step_id))
        assert judgement.late and judgement.kind == JudgementKind.SOFTWARE
    text = page_texts(at)
    assert "Thời hạn báo cáo (Điều 9 khoản 2): Hoàn thành bước 10/04/2026 + 5 ngày làm việc" in text
    assert "Phần mềm xác định" in text and "trễ hạn" in text
    # the resolving unit does not judge: no confirmation form
    assert not [b for b in at.button if b.key == f"{key}-xac-nhan"]


def test_the_investor_confirms_the_judgement_and_reminds(demo_db, actors, unit_ids):
    from lib.projects import step_reports

    project_id, step_id = _setup(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        step_reports.report_step(s, actors["chuyenvien.stc"], step_id, step_reports.ReportInput(
            D(2026, 3, 13), 100, D(2026, 4, 10)))
        next_step = s.scalar(sa.select(ProjectStep.id).where(ProjectStep.project_id == project_id,
                                                             ProjectStep.position == 3))
    at = page(STEPS, demo_db, "capnhat.sxd").run()
    _no_exception(at)
    # Sở Xây dựng resolves some steps itself (the investor's own, the appraisal of Sở Xây dựng) and invests in this
    # project: both lists
    assert [t.label for t in at.tabs][:2] == ["Bước đơn vị giải quyết", "Bước của dự án đơn vị làm chủ đầu tư"]
    at.selectbox(key="cdt-chon").set_value(step_id).run()
    _no_exception(at)
    at.button(key=f"cdt-{step_id}-xac-nhan").click().run()
    _no_exception(at)
    assert "Đã xác nhận kết quả đúng hạn, trễ hạn của bước." in [e.value for e in at.success]
    with session_scope(demo_db) as s:
        kinds = list(s.scalars(sa.select(ProjectStepJudgement.kind).where(ProjectStepJudgement.step_id == step_id)
                               .order_by(ProjectStepJudgement.id)))
    assert kinds == [JudgementKind.SOFTWARE, JudgementKind.CONFIRMED]
    # a correction without a reason is refused under the reason box
    at.selectbox(key=f"cdt-{step_id}-ket-qua").set_value("on_time")
    at.button(key=f"cdt-{step_id}-dieu-chinh").click().run()
    assert "Vui lòng nêu lý do điều chỉnh kết quả đúng hạn, trễ hạn (Điều 8 khoản 3)." in [e.value for e in at.error]
    # remind Sở Tài chính about the next step
    at.selectbox(key="cdt-chon").set_value(next_step).run()
    at.button(key=f"cdt-{next_step}-don-doc").click().run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        reminder = s.scalar(sa.select(ProjectStepReminder).where(ProjectStepReminder.step_id == next_step))
        assert reminder.answered_at is None
    # the department sees it on its home page
    home = page("pages/account/home.py", demo_db, "chuyenvien.stc").run()
    _no_exception(home)
    assert "Bước dự án được đôn đốc báo cáo" in page_texts(home)


def _project_panel(project_id: int) -> None:
    from lib.projects.steps_ui import render_step_reports
    from lib.ui.guard import require_page

    render_step_reports(require_page("project_steps"), project_id)


def test_a_peer_sees_nothing_and_a_lookup_account_only_reads(demo_db, actors, unit_ids):
    project_id, step_id = _setup(demo_db, actors, unit_ids)
    at = page(STEPS, demo_db, "capnhat.laplvo").run()
    _no_exception(at)
    assert "DA-2026-001" not in page_texts(at)       # the school project of Sở Xây dựng
    assert not any("DA-2026-001" in str(v) for df in at.dataframe for v in df.value.get("Dự án", []))
    # typing the project's id into the project page's step panel
    peer = login_as(AppTest.from_function(_project_panel, args=(project_id,)), demo_db, "capnhat.laplvo").run()
    assert [e.value for e in peer.error] == [vi.ERR_NOT_FOUND]
    # the resolving department sees the project's summary with its own steps only
    finance = login_as(AppTest.from_function(_project_panel, args=(project_id,)), demo_db, "chuyenvien.stc").run()
    _no_exception(finance)
    assert "Đơn vị của bạn chỉ xem các bước được giao giải quyết trong dự án này." in page_texts(finance)
    assert all("Sở Tài chính" == unit for unit in finance.dataframe[0].value["Đơn vị giải quyết"])
    # a lookup account of the investor reads every step, reports and confirms nothing
    reader = page(STEPS, demo_db, "tracuu.sxd").run()
    _no_exception(reader)
    reader.selectbox(key="cdt-chon").set_value(step_id).run()
    _no_exception(reader)
    assert not [b for b in reader.button if b.key and b.key.startswith(f"cdt-{step_id}-")]
    assert "Chỉ cán bộ của đơn vị giải quyết bước này báo cáo tiến độ (Điều 9 khoản 2)." in page_texts(reader)


def test_the_department_of_finance_and_the_leader_see_every_step(demo_db, actors, unit_ids):
    _setup(demo_db, actors, unit_ids)
    for username in ("kehoach.stc", "lanhdao"):
        at = page(STEPS, demo_db, username).run()
        _no_exception(at)
        assert not at.tabs                                     # one list: every step of every project
        shown = set(at.dataframe[0].value["Dự án"])
        assert "DA-2026-001" in shown and len(shown) > 1       # the school project and the demo's
        # the home page's «Bước dự án quá hạn» link opens the list filtered on overdue steps
        at = page(STEPS, demo_db, username)
        at.query_params["thoi-han"] = "overdue"
        at.run()
        _no_exception(at)
        assert set(at.dataframe[0].value["Tình trạng"]) == {"Quá hạn"}
