"""The tab «Quy trình thực hiện» of a project's page and the page «Quy trình mẫu» (issue 10, items 2 and 4; seed 000
art. 5.2, 7.1, 8.3, 8.6) for each decisive role: the investor's editor applies the proposed template and adjusts a
step (the planned dates move), a leader reads the process and its chart without a form, Sở Tài chính adds a template
step, a plain unit editor has no access to the templates."""
from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from lib.core.db import session_scope
from lib.core.services.calendar_admin import work_calendar
from lib.projects import process_data
from lib.projects.models import ProcessTemplate, Project, ProjectProcess, ProjectStep, TemplateStep
from tests.app.helpers import page, texts as page_texts

DETAIL = "pages/projects/project.py"
TEMPLATES = "pages/projects/templates.py"


def _project_id(engine, code: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Project.id).where(Project.code == code))


def _detail(engine, username: str, code: str):  # noqa: ANN001, ANN202
    at = page(DETAIL, engine, username)
    at.query_params["id"] = str(_project_id(engine, code))
    return at.run()


def _no_exception(at) -> None:  # noqa: ANN001
    assert not at.exception, [e.value for e in at.exception]


def _steps(engine, code: str) -> list[ProjectStep]:  # noqa: ANN001
    with session_scope(engine) as s:
        project_id = s.scalar(sa.select(Project.id).where(Project.code == code))
        steps = list(s.scalars(sa.select(ProjectStep).where(ProjectStep.project_id == project_id)
                               .order_by(ProjectStep.position)))
        s.expunge_all()
        return steps


def _charts(at) -> list[dict]:  # noqa: ANN001
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _apply(at, engine, code: str):  # noqa: ANN001, ANN202
    """The investor applies the proposed template from the first working day of March 2026."""
    at.date_input(key="qt-bat-dau").set_value(date(2026, 3, 2))
    return at.button(key="qt-luu-ap-dung").click().run()


# ---------------------------------------------------------------- the process tab

def test_the_investor_applies_the_proposed_template_and_a_longer_step_moves_the_planned_dates(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    _no_exception(at)
    shown = page_texts(at)
    assert "Dự án chưa có quy trình thực hiện." in shown
    assert "Mẫu quy trình đề xuất" in shown                          # art. 5.2: the software proposes it
    with session_scope(demo_db) as s:
        group = s.scalar(sa.select(Project.project_group).where(Project.code == "DT-2024-001"))
        proposed = s.scalar(sa.select(ProcessTemplate.name).where(ProcessTemplate.project_group == group))
    assert f"«{proposed}»" in shown

    at = _apply(at, demo_db, "DT-2024-001")
    _no_exception(at)
    assert any("Đã áp dụng mẫu quy trình" in e.value for e in at.success)
    steps = _steps(demo_db, "DT-2024-001")
    assert steps and steps[0].planned_start.isoformat() == "2026-03-02"
    assert at.get("vega_lite_chart")                                  # the Gantt chart
    assert "Dự báo kết thúc" in [m.label for m in at.metric]

    # Adjust step 1: 5 more working days; every following planned date moves by 5 working days.
    first, second = steps[0], steps[1]
    at.selectbox(key="qt-dc-buoc").set_value(first.id).run()
    at.number_input(key=f"qt-dc-so-ngay-{first.id}").set_value(first.duration_days + 5)
    at.button(key="qt-luu-dieu-chinh").click().run()
    _no_exception(at)
    assert any("Đã điều chỉnh bước" in e.value for e in at.success)
    after = {s.id: s for s in _steps(demo_db, "DT-2024-001")}
    with session_scope(demo_db) as s:
        calendar = work_calendar(s)
    assert after[first.id].duration_days == first.duration_days + 5
    assert after[first.id].planned_end == calendar.add_working_days(first.planned_end, 5)
    assert after[second.id].planned_start == calendar.add_working_days(second.planned_start, 5)


def test_a_bad_adjustment_is_refused_in_vietnamese_and_nothing_moves(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    at = _apply(at, demo_db, "DT-2024-001")
    steps = _steps(demo_db, "DT-2024-001")
    first, second = steps[0], steps[1]
    # Step 1 waiting for step 2, which waits for step 1: a cycle.
    at.selectbox(key="qt-dc-buoc").set_value(first.id).run()
    at.multiselect(key=f"qt-dc-cho-{first.id}").set_value([second.id])
    at.button(key="qt-luu-dieu-chinh").click().run()
    _no_exception(at)
    assert any("vòng tròn" in e.value for e in at.error)
    assert [(s.id, s.planned_start) for s in _steps(demo_db, "DT-2024-001")] == [(s.id, s.planned_start)
                                                                                  for s in steps]


def test_the_investor_adds_and_removes_a_step(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    at = _apply(at, demo_db, "DT-2024-001")
    count = len(_steps(demo_db, "DT-2024-001"))
    at.text_input(key="qt-them-ten").input("Khảo sát địa chất bổ sung")
    at.number_input(key="qt-them-vi-tri").set_value(2)
    at.button(key="qt-luu-them").click().run()
    _no_exception(at)
    steps = _steps(demo_db, "DT-2024-001")
    assert len(steps) == count + 1 and steps[1].name == "Khảo sát địa chất bổ sung"

    remove = next(box for box in at.selectbox if box.label == "Bước cần xóa *")   # a new key for the new list
    remove.set_value(steps[1].id)
    at.button(key="qt-luu-xoa").click().run()
    _no_exception(at)
    assert [s.name for s in _steps(demo_db, "DT-2024-001")] == [s.name for s in steps if s.id != steps[1].id]


@pytest.mark.parametrize("username", ["lanhdao", "tracuu.sxd"])   # a leader; the investor's lookup account
def test_read_only_people_see_the_process_and_its_chart_without_a_form(demo_db, username):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    _apply(at, demo_db, "DT-2024-001")
    at = _detail(demo_db, username, "DT-2024-001")
    _no_exception(at)
    assert not at.button and not at.text_input and not at.number_input
    charts = _charts(at)
    assert charts and "Tiến độ các bước" in json.dumps(charts[0], ensure_ascii=False)
    assert "%d/%m/%Y" in json.dumps(charts[0])
    shown = page_texts(at)
    assert "Bạn chỉ được xem quy trình của dự án này" in shown
    assert "Ngày kết thúc được phê duyệt" in [m.label for m in at.metric]


def test_a_leader_sees_no_process_yet_without_a_form(demo_db):
    at = _detail(demo_db, "lanhdao", "DT-2024-003")
    _no_exception(at)
    shown = page_texts(at)
    assert "Dự án chưa có quy trình thực hiện." in shown
    with session_scope(demo_db) as s:
        group = s.scalar(sa.select(Project.project_group).where(Project.code == "DT-2024-003"))
        proposed = s.scalar(sa.select(ProcessTemplate.name).where(ProcessTemplate.project_group == group))
    assert f"«{proposed}»" in shown                                   # the proposal is read, not applied
    assert not at.button


# ---------------------------------------------------------------- the templates page

def test_the_finance_officer_adds_a_step_to_a_template(demo_db):
    at = page(TEMPLATES, demo_db, "kehoach.stc").run()
    _no_exception(at)
    assert "Quy trình mẫu" in [t.value for t in at.title]
    with session_scope(demo_db) as s:
        template = s.scalar(sa.select(ProcessTemplate).where(
            ProcessTemplate.name == process_data.DEFAULT_TEMPLATES[0].name))
        template_id, before = template.id, len(template.steps)
    names = list(at.dataframe[0].value["Tên mẫu"])
    assert process_data.DEFAULT_TEMPLATES[0].name in names
    assert "Đường găng (ngày LV)" in at.dataframe[0].value.columns

    at.selectbox(key="qm-mau").set_value(template_id).run()
    at.text_input(key="qm-them-ten").input("Kiểm tra hiện trường trước khởi công")
    at.number_input(key="qm-them-so-ngay").set_value(3)
    at.button(key="qm-luu-them").click().run()
    _no_exception(at)
    assert any("Đã thêm bước" in e.value for e in at.success)
    with session_scope(demo_db) as s:
        steps = list(s.scalars(sa.select(TemplateStep).where(TemplateStep.template_id == template_id)))
        assert len(steps) == before + 1
        assert "Kiểm tra hiện trường trước khởi công" in [step.name for step in steps]


def test_the_finance_officer_is_refused_a_duplicate_template_name(demo_db):
    at = page(TEMPLATES, demo_db, "kehoach.stc").run()
    at.text_input(key="qm-moi-ten").input(process_data.DEFAULT_TEMPLATES[0].name)
    at.button(key="qm-luu-moi").click().run()
    _no_exception(at)
    assert any("đã được dùng" in e.value for e in at.error)


def test_a_plain_unit_editor_has_no_access_to_the_templates(demo_db):
    with session_scope(demo_db) as s:
        before = s.scalar(sa.select(sa.func.count()).select_from(ProjectProcess))
    at = page(TEMPLATES, demo_db, "capnhat.sxd").run()
    _no_exception(at)
    assert not at.dataframe and not at.button
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(ProjectProcess)) == before


def test_the_administrator_deactivates_a_template_and_edits_a_step_wait(demo_db):
    at = page(TEMPLATES, demo_db, "quantri").run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        template = s.scalar(sa.select(ProcessTemplate).where(
            ProcessTemplate.name == process_data.DEFAULT_TEMPLATES[2].name))
        template_id = template.id
        steps = [(step.id, step.duration_days) for step in template.steps]
    at.selectbox(key="qm-mau").set_value(template_id).run()
    # The last step's duration grows by 10 working days: the critical path shown grows by as much.
    before = at.dataframe[0].value.set_index("Tên mẫu").loc[process_data.DEFAULT_TEMPLATES[2].name,
                                                             "Đường găng (ngày LV)"]
    last_id, last_days = steps[-1]
    edit = next(box for box in at.selectbox if box.label == "Bước cần sửa")
    edit.set_value(last_id).run()
    at.number_input(key=f"qm-sua-so-ngay-{last_id}").set_value(last_days + 10)
    at.button(key="qm-luu-sua-buoc").click().run()
    _no_exception(at)
    assert any("Đã lưu bước" in e.value for e in at.success)
    after = at.dataframe[0].value.set_index("Tên mẫu").loc[process_data.DEFAULT_TEMPLATES[2].name,
                                                            "Đường găng (ngày LV)"]
    assert after == before + 10

    at.checkbox(key=f"qm-mau-dung-{template_id}").uncheck()
    at.button(key="qm-luu-mau").click().run()
    _no_exception(at)
    with session_scope(demo_db) as s:
        assert s.get(ProcessTemplate, template_id).active is False
    assert "Ngừng sử dụng" in list(at.dataframe[0].value["Đang sử dụng"])


def test_the_investor_sets_a_deadline_moves_the_start_and_reapplies_a_template(demo_db):
    at = _detail(demo_db, "capnhat.sxd", "DT-2024-001")
    at = _apply(at, demo_db, "DT-2024-001")
    first = _steps(demo_db, "DT-2024-001")[0]
    at.selectbox(key="qt-dc-buoc").set_value(first.id).run()
    at.date_input(key=f"qt-dc-han-{first.id}").set_value(date(2026, 3, 31))   # a new date: the investor's deadline
    at.button(key="qt-luu-dieu-chinh").click().run()
    _no_exception(at)
    changed = _steps(demo_db, "DT-2024-001")[0]
    assert (changed.deadline, changed.deadline_set) == (date(2026, 3, 31), True)

    at.date_input(key="qt-ngay-bd").set_value(date(2026, 3, 9))               # one week later
    at.button(key="qt-luu-bat-dau").click().run()
    _no_exception(at)
    moved = _steps(demo_db, "DT-2024-001")[0]
    assert moved.planned_start == date(2026, 3, 9) and moved.deadline == date(2026, 3, 31)   # the deadline stays

    with session_scope(demo_db) as s:
        other = s.scalar(sa.select(ProcessTemplate.id).where(
            ProcessTemplate.name == process_data.DEFAULT_TEMPLATES[2].name))
    at.selectbox(key="qt-lai-mau").set_value(other)
    at.button(key="qt-luu-ap-dung-lai").click().run()
    _no_exception(at)
    assert any("Đã áp dụng lại mẫu quy trình" in e.value for e in at.success)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(ProjectProcess.template_id).where(
            ProjectProcess.project_id == _project_id(demo_db, "DT-2024-001"))) == other
