"""Process templates and the project's steps (seed 000 art. 5.2 «Thiết lập quy trình các bước thực hiện trong dự án.
Phần mềm đã thiết lập cấu hình quy trình tự động ban đầu, đơn vị sử dụng kiểm tra và hiệu chỉnh (nếu có)…», art. 7.1
«Chủ đầu tư khởi tạo thông tin dự án, cấu hình quy trình thực hiện tương ứng với dự án…»): planned dates through the
working-day calendar (Tết 2026, make-up Saturdays), cycles refused, adjustments recomputing the following steps, and
the scope of art. 8.3 (the investor's people write, peers get «not found»)."""
from __future__ import annotations

from datetime import date as D

import pytest
import sqlalchemy as sa

from lib.core.calendar import Overrides, WorkCalendar
from lib.core.db import session_scope
from lib.core.enums import CalendarOverrideKind
from lib.core.errors import ConflictError, DomainError, NotFound, PermissionDenied, ValidationError
from lib.core.models import AuditLog
from lib.core.services import calendar_admin
from lib.projects import process, process_data
from lib.projects.enums import ProjectGroup, ProjectPhase, ResolverKind
from lib.projects.models import (
    ProcessTemplate, ProjectProcess, ProjectStep, ProjectStepLink, TemplateStep, TemplateStepLink,
)
from lib.projects.process import PlanStep, StepInput, TemplateStepInput
from tests.unit.projects.test_project_records import NOT_FOUND, create, school

G, N = ProjectGroup, None
TABLES = (ProcessTemplate, TemplateStep, TemplateStepLink, ProjectProcess, ProjectStep, ProjectStepLink)
MAKE_UP_SATURDAY = D(2026, 2, 28)


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


def chain(*durations: int) -> list[PlanStep]:
    """Steps 1..n, each waiting for the one before it."""
    return [PlanStep(n, f"Bước {n}", days, frozenset({n - 1}) if n > 1 else frozenset())
            for n, days in enumerate(durations, start=1)]


# ---------------------------------------------------------------- planned dates (pure, table-driven)

PLAIN = WorkCalendar()
MAKE_UP = WorkCalendar(Overrides(working_days=frozenset({MAKE_UP_SATURDAY})))


@pytest.mark.parametrize("calendar, start, steps, expected", [
    # 3 days from Wed 11/02/2026: 11, 12, 13; the next step starts after Tết (16–20/02) and the weekends: Mon 23/02.
    (PLAIN, D(2026, 2, 11), chain(3, 2), {1: (D(2026, 2, 11), D(2026, 2, 13)), 2: (D(2026, 2, 23), D(2026, 2, 24))}),
    # A process starting on a Tết day starts on the first working day after it.
    (PLAIN, D(2026, 2, 17), chain(1), {1: (D(2026, 2, 23), D(2026, 2, 23))}),
    # 10 working days from Fri 06/02: 06, 09–13, 23–26 (Tết not counted) → Thu 26/02.
    (PLAIN, D(2026, 2, 6), chain(10, 1), {1: (D(2026, 2, 6), D(2026, 2, 26)), 2: (D(2026, 2, 27), D(2026, 2, 27))}),
    # Without the make-up Saturday: 26/02, 27/02, Mon 02/03; the next step on Tue 03/03.
    (PLAIN, D(2026, 2, 26), chain(3, 1), {1: (D(2026, 2, 26), D(2026, 3, 2)), 2: (D(2026, 3, 3), D(2026, 3, 3))}),
    # With the province's make-up Saturday 28/02: 26/02, 27/02, 28/02; the next step on Mon 02/03.
    (MAKE_UP, D(2026, 2, 26), chain(3, 1), {1: (D(2026, 2, 26), D(2026, 2, 28)), 2: (D(2026, 3, 2), D(2026, 3, 2))}),
    # A step that ends on Friday 27/02 is followed on the make-up Saturday.
    (MAKE_UP, D(2026, 2, 26), chain(2, 1), {1: (D(2026, 2, 26), D(2026, 2, 27)), 2: (D(2026, 2, 28), D(2026, 2, 28))}),
    # The national calendar's own make-up Saturday (22/08/2026, in the `holidays` package) is a working day too.
    (PLAIN, D(2026, 8, 20), chain(3, 1), {1: (D(2026, 8, 20), D(2026, 8, 22)), 2: (D(2026, 8, 24), D(2026, 8, 24))}),
    # A step waiting for two others starts after the later one ends; steps with nothing to wait for start together.
    (PLAIN, D(2026, 2, 9), [PlanStep(1, "A", 5), PlanStep(2, "B", 2), PlanStep(3, "C", 1, frozenset({1, 2}))],
     {1: (D(2026, 2, 9), D(2026, 2, 13)), 2: (D(2026, 2, 9), D(2026, 2, 10)), 3: (D(2026, 2, 23), D(2026, 2, 23))}),
    # The order in the list does not matter, only what each step waits for.
    (PLAIN, D(2026, 3, 2), [PlanStep(2, "B", 2, frozenset({1})), PlanStep(1, "A", 1)],
     {1: (D(2026, 3, 2), D(2026, 3, 2)), 2: (D(2026, 3, 3), D(2026, 3, 4))}),
])
def test_planned_dates_follow_the_working_day_calendar(calendar, start, steps, expected):
    planned = process.plan_dates(calendar, start, steps)
    assert {key: (dates.start, dates.end) for key, dates in planned.items()} == expected


@pytest.mark.parametrize("steps, message", [
    ([PlanStep(1, "Thẩm định", 5, frozenset({2})), PlanStep(2, "Phê duyệt", 3, frozenset({1}))],
     "Không thể để bước «Thẩm định» chờ bước «Phê duyệt»: các bước sẽ chờ nhau thành vòng tròn («Thẩm định» → "
     "«Phê duyệt» → «Thẩm định»), không tính được ngày dự kiến."),
    ([PlanStep(1, "Lập báo cáo", 5), PlanStep(2, "Thẩm định", 5, frozenset({1, 4})),
      PlanStep(3, "Phê duyệt", 5, frozenset({2})), PlanStep(4, "Bố trí vốn", 5, frozenset({3}))],
     "Không thể để bước «Thẩm định» chờ bước «Bố trí vốn»: các bước sẽ chờ nhau thành vòng tròn («Thẩm định» → "
     "«Bố trí vốn» → «Phê duyệt» → «Thẩm định»), không tính được ngày dự kiến."),
    ([PlanStep(1, "Thi công", 5, frozenset({1}))],
     "Không thể để bước «Thi công» chờ bước «Thi công»: các bước sẽ chờ nhau thành vòng tròn («Thi công» → "
     "«Thi công»), không tính được ngày dự kiến."),
    ([PlanStep(1, "Thi công", 0)],
     "Số ngày làm việc dự kiến của bước «Thi công» phải là số nguyên lớn hơn 0 (đã nhập: 0)."),
    ([PlanStep(1, "Thi công", -3)],
     "Số ngày làm việc dự kiến của bước «Thi công» phải là số nguyên lớn hơn 0 (đã nhập: -3)."),
])
def test_cycles_and_bad_durations_are_refused(steps, message):
    with pytest.raises(ValidationError) as caught:
        process.plan_dates(PLAIN, D(2026, 3, 2), steps)
    assert str(caught.value) == message


@pytest.mark.parametrize("templates, group, expected", [
    ([(1, G.C), (2, G.B), (3, N)], G.C, 1),
    ([(1, G.C), (2, G.B), (3, N)], G.B, 2),
    ([(1, G.C), (2, G.B), (3, N)], G.A, 2),          # no group A template: the nearest, group B
    ([(1, G.C), (3, N)], G.NATIONAL, 1),
    ([(1, G.C), (2, G.A)], G.B, 2),                  # as near either way: the larger group's, a fuller process
    ([(3, N)], G.C, 3),                              # only a template for any group
    ([(1, G.C), (3, N)], None, 3),                   # a private project (no group)
    ([], G.C, None),
])
def test_the_template_proposed_for_a_group(templates, group, expected):
    assert process.pick_template(templates, group) == expected


# ---------------------------------------------------------------- templates kept by administrators

def seed(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        process_data.seed_default_templates(s)
        return dict(s.execute(sa.select(ProcessTemplate.name, ProcessTemplate.id)).all())


def test_the_default_templates_are_seeded_once_with_their_resolving_units(demo_db, actors):
    ids = seed(demo_db)
    assert seed(demo_db) == ids   # idempotent
    assert set(ids) == {"Dự án nhóm C có xây dựng", "Dự án nhóm B", "Dự án chỉ chuẩn bị đầu tư"}
    with session_scope(demo_db) as s:
        rows = process.list_templates(s, actors["capnhat.sxd"])
        steps = process.template_steps(s, actors["capnhat.sxd"], ids["Dự án nhóm C có xây dựng"])
    by_name = {row.name: row for row in rows}
    assert by_name["Dự án nhóm C có xây dựng"].project_group == G.C and by_name["Dự án nhóm B"].project_group == G.B
    assert by_name["Dự án chỉ chuẩn bị đầu tư"].project_group is None
    assert [s.phase for s in steps] == sorted((s.phase for s in steps), key=list(ProjectPhase).index)
    assert {s.resolver for s in steps} == {"Chủ đầu tư", "Sở Tài chính", "Sở Xây dựng", "Ủy ban nhân dân tỉnh",
                                           "UBND xã, phường nơi thực hiện dự án", "Kho bạc Nhà nước"}
    construction = next(s for s in steps if s.name == "Thi công xây dựng công trình")
    assert construction.waits_for == (9, 10)   # site clearance and the contractor's selection
    with session_scope(demo_db) as s:
        group_b = process.template_steps(s, actors["lanhdao"], ids["Dự án nhóm B"])
    assert "Sở Nông nghiệp và Môi trường" in {row.resolver for row in group_b}   # the environmental appraisal


def test_administrators_keep_templates_with_audit(demo_db, actors, unit_ids):
    admin = actors["quantri"]
    with session_scope(demo_db) as s:
        template_id = process.create_template(s, admin, "  Dự án   sửa chữa nhỏ ", "Sửa chữa, cải tạo", G.C)
        first = process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Lập báo cáo kinh tế – kỹ thuật", ProjectPhase.PREPARATION, ResolverKind.INVESTOR, 15))
        second = process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Thi công", ProjectPhase.IMPLEMENTATION, ResolverKind.INVESTOR, 60))
        middle = process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Thẩm định", ProjectPhase.PREPARATION, ResolverKind.UNIT, 10, unit_id=unit_ids["SXD"], position=2))
    with session_scope(demo_db) as s:
        rows = process.template_steps(s, admin, template_id)
        assert [(r.position, r.name, r.resolver, r.waits_for) for r in rows] == [
            (1, "Lập báo cáo kinh tế – kỹ thuật", "Chủ đầu tư", ()), (2, "Thẩm định", "Sở Xây dựng", (1,)),
            (3, "Thi công", "Chủ đầu tư", (2,))]   # inserted in sequence: the third now waits for it
        template = next(t for t in process.list_templates(s, admin) if t.id == template_id)  # beside the demo's
        assert (template.name, template.step_count, template.total_days) == ("Dự án sửa chữa nhỏ", 3, 85)
        # reorder: the appraisal moved to the front waits for nothing; the report waits for it
        process.update_template_step(s, admin, template_id, middle, TemplateStepInput(
            "Thẩm định", ProjectPhase.PREPARATION, ResolverKind.UNIT, 10, unit_id=unit_ids["SXD"], position=1))
        assert [(r.id, r.waits_for) for r in process.template_steps(s, admin, template_id)] == [
            (middle, ()), (first, (1,)), (second, (2,))]
        process.remove_template_step(s, admin, template_id, first)
        assert [(r.id, r.position, r.waits_for) for r in process.template_steps(s, admin, template_id)] == [
            (middle, 1, ()), (second, 2, (1,))]
        version = s.get(ProcessTemplate, template_id).version
        process.update_template(s, actors["kehoach.stc"], template_id, version, name="Dự án sửa chữa nhỏ",
                                description="", project_group=G.C, active=False)
    with session_scope(demo_db) as s:
        entities = set(s.scalars(sa.select(AuditLog.entity).where(AuditLog.actor_name == "Trần Minh Quân")))
        assert {"process_templates", "process_template_steps", "process_template_step_links"} <= entities
        assert template_id not in {t.id for t in process.list_templates(s, admin, active_only=True)}
        assert template_id in {t.id for t in process.list_templates(s, admin)}


@pytest.mark.parametrize("username", ["capnhat.sxd", "quantri.sxd", "lanhdao", "tracuu.sxd"])
def test_only_administrators_keep_templates(demo_db, actors, username):
    error = refused(demo_db, PermissionDenied, lambda s: process.create_template(s, actors[username], "Mẫu mới"))
    assert str(error) == ("Chỉ quản trị hệ thống và cán bộ Sở Tài chính (kế hoạch, đầu tư) được quản lý mẫu quy "
                          "trình (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 5 khoản 2).")


def test_bad_template_input_is_refused(demo_db, actors, unit_ids):
    admin = actors["quantri"]
    ids = seed(demo_db)
    template_id = ids["Dự án nhóm B"]
    cases = [
        (ConflictError, lambda s: process.create_template(s, admin, "Dự án nhóm B"),
         "Tên mẫu quy trình «Dự án nhóm B» đã được dùng. Vui lòng đặt tên khác."),
        (ValidationError, lambda s: process.create_template(s, admin, "  "), "Vui lòng nhập tên mẫu quy trình."),
        (ValidationError, lambda s: process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Khảo sát", ProjectPhase.PREPARATION, ResolverKind.INVESTOR, 0)),
         "Số ngày làm việc dự kiến của bước «Khảo sát» phải là số nguyên lớn hơn 0 (đã nhập: 0)."),
        (ValidationError, lambda s: process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Khảo sát", ProjectPhase.PREPARATION, ResolverKind.UNIT, 5, unit_id=unit_ids["SKHDT"])),
         "Đơn vị giải quyết «Sở Kế hoạch và Đầu tư» không còn hoạt động (đã sáp nhập hoặc giải thể). Vui lòng chọn "
         "một đơn vị đang hoạt động."),
        (ValidationError, lambda s: process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Khảo sát", ProjectPhase.PREPARATION, ResolverKind.FINANCE, 5, unit_id=unit_ids["STC"])),
         "Bước «Khảo sát» giao cho «Sở Tài chính»: không chọn đơn vị cụ thể (đơn vị được xác định khi áp dụng mẫu "
         "cho từng dự án)."),
    ]
    for error, call, message in cases:
        assert str(refused(demo_db, error, call)) == message
    with session_scope(demo_db) as s:
        steps = process.template_steps(s, admin, template_id)
    first, second = steps[0], steps[1]
    error = refused(demo_db, ValidationError, lambda s: process.update_template_step(
        s, admin, template_id, first.id, TemplateStepInput(first.name, first.phase, first.resolver_kind,
                                                           first.duration_days, waits_for=[second.id])))
    assert str(error).startswith(f"Không thể để bước «{first.name}» chờ bước «{second.name}»: các bước sẽ chờ nhau "
                                 "thành vòng tròn")


# ---------------------------------------------------------------- the project's process

def project_with_process(engine, actors, unit_ids, start: D = D(2026, 2, 6)) -> tuple[int, int]:  # noqa: ANN001
    """The school project (group C, Sở Xây dựng, Phường Cao Lãnh) with the proposed template applied."""
    seed(engine)
    project_id = create(engine, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(engine) as s:
        template_id = process.propose_template(s, actors["capnhat.sxd"], project_id)
        process.apply_template(s, actors["capnhat.sxd"], project_id, template_id, start)
    return project_id, template_id


def view(engine, actor, project_id: int) -> process.ProcessView:  # noqa: ANN001
    with session_scope(engine) as s:
        return process.project_process(s, actor, project_id)


def assert_consistent(calendar: WorkCalendar, steps: list[process.StepRow], starts_on: D) -> None:
    """Every step starts the working day after the last step it waits for (or on the first working day), ends after
    its duration, and its deadline is its planned end unless the investor set one."""
    by_position = {step.position: step for step in steps}
    for step in steps:
        expected_start = (calendar.next_working_day(max(by_position[p].planned_end for p in step.waits_for))
                          if step.waits_for else calendar.on_or_next_working_day(starts_on))
        assert step.planned_start == expected_start, step.name
        assert step.planned_end == calendar.add_working_days(step.planned_start, step.duration_days - 1), step.name
        assert step.deadline_set or step.deadline == step.planned_end


def test_the_investor_applies_the_proposed_template(demo_db, actors, unit_ids):
    seed(demo_db)
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(demo_db) as s:
        template_id = process.propose_template(s, actors["capnhat.sxd"], project_id)
        assert s.get(ProcessTemplate, template_id).name == "Dự án nhóm C có xây dựng"
        applied = process.apply_template(s, actors["capnhat.sxd"], project_id, template_id, D(2026, 2, 6))
    # the demo province has no State Treasury unit: that step goes to the investor, with a note
    assert applied.notes == ["Chưa có đơn vị «Kho bạc Nhà nước» đang hoạt động trong danh mục đơn vị: bước «Thanh "
                             "toán và tất toán tài khoản dự án» tạm giao cho chủ đầu tư, vui lòng chọn lại đơn vị giải "
                             "quyết."]
    result = view(demo_db, actors["capnhat.sxd"], project_id)
    assert (result.template, result.starts_on, result.may_edit, len(result.steps)) == (
        "Dự án nhóm C có xây dựng", D(2026, 2, 6), True, 17)
    units = {step.name: step.unit for step in result.steps}
    assert units["Thẩm định nguồn vốn và khả năng cân đối vốn"] == "Sở Tài chính"
    assert units["Thẩm định báo cáo kinh tế – kỹ thuật"] == "Sở Xây dựng"
    assert units["Giải phóng mặt bằng"] == "Phường Cao Lãnh"
    assert units["Phê duyệt chủ trương đầu tư"] == "Ủy ban nhân dân tỉnh Đồng Tháp"
    assert units["Thanh toán và tất toán tài khoản dự án"] == "Sở Xây dựng"
    # 20 working days from Fri 06/02/2026, Tết not counted: 06/02 … 12/03; the next step starts on 13/03
    first, second = result.steps[0], result.steps[1]
    assert (first.planned_start, first.planned_end, second.planned_start) == (D(2026, 2, 6), D(2026, 3, 12),
                                                                              D(2026, 3, 13))
    with session_scope(demo_db) as s:
        calendar = calendar_admin.work_calendar(s)
    assert_consistent(calendar, result.steps, D(2026, 2, 6))


def test_a_make_up_saturday_of_the_province_moves_the_plan(demo_db, actors, unit_ids):
    """The province's make-up Saturday 28/02/2026 counts: the first step (20 working days from 06/02) ends a day
    sooner, on 11/03."""
    with session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], MAKE_UP_SATURDAY, CalendarOverrideKind.WORKING_DAY,
                                    "Làm bù cho ngày nghỉ Tết theo Quyết định của UBND tỉnh")
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    first = view(demo_db, actors["capnhat.sxd"], project_id).steps[0]
    assert (first.planned_start, first.planned_end) == (D(2026, 2, 6), D(2026, 3, 11))


def test_a_longer_step_moves_only_the_steps_that_follow(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    before = view(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        calendar = calendar_admin.work_calendar(s)
        process.update_step(s, editor, project_id, before.version, before.steps[1].id, duration_days=20)  # 15 → 20
    after = view(demo_db, editor, project_id)
    assert after.version > before.version
    assert after.steps[:2] != before.steps[:2] and after.steps[0] == before.steps[0]
    assert after.steps[1].planned_end == calendar.add_working_days(before.steps[1].planned_end, 5)
    for old, new in zip(before.steps[2:], after.steps[2:]):   # every later step waits, directly or not, for step 2
        assert new.planned_start == calendar.add_working_days(old.planned_start, 5), new.name
    assert_consistent(calendar, after.steps, D(2026, 2, 6))


def test_add_remove_and_move_steps_in_sequence(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    original = view(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        calendar = calendar_admin.work_calendar(s)
        version = process.process_version(s, editor, project_id)
        added = process.add_step(s, editor, project_id, version, StepInput(
            "Xin ý kiến cộng đồng dân cư", ProjectPhase.PREPARATION, unit_ids["P-CAOLANH"], 10, position=2))
    result = view(demo_db, editor, project_id)
    names = [step.name for step in result.steps]
    assert names[:3] == ["Lập báo cáo đề xuất chủ trương đầu tư", "Xin ý kiến cộng đồng dân cư",
                         "Thẩm định nguồn vốn và khả năng cân đối vốn"]
    assert (result.steps[1].waits_for, result.steps[2].waits_for) == ((1,), (2,))
    assert result.steps[2].planned_start == calendar.add_working_days(result.steps[1].planned_end, 1)
    assert_consistent(calendar, result.steps, D(2026, 2, 6))

    with session_scope(demo_db) as s:   # moved to the end of the preparation phase (position 8)
        process.move_step(s, editor, project_id, result.version, added, 8)
    moved = view(demo_db, editor, project_id)
    assert [step.name for step in moved.steps][:8] == [
        "Lập báo cáo đề xuất chủ trương đầu tư", "Thẩm định nguồn vốn và khả năng cân đối vốn",
        "Thẩm định báo cáo đề xuất chủ trương đầu tư", "Phê duyệt chủ trương đầu tư",
        "Lập báo cáo kinh tế – kỹ thuật (báo cáo nghiên cứu khả thi)", "Thẩm định báo cáo kinh tế – kỹ thuật",
        "Phê duyệt dự án (quyết định đầu tư)", "Xin ý kiến cộng đồng dân cư"]
    assert moved.steps[1].waits_for == (1,) and moved.steps[7].waits_for == (7,)
    assert_consistent(calendar, moved.steps, D(2026, 2, 6))

    with session_scope(demo_db) as s:   # removing it joins its neighbours again: the plan is the template's
        process.remove_step(s, editor, project_id, moved.version, added)
    removed = view(demo_db, editor, project_id)
    assert [(s.name, s.planned_start, s.planned_end, s.deadline, s.waits_for) for s in removed.steps] == [
        (s.name, s.planned_start, s.planned_end, s.deadline, s.waits_for) for s in original.steps]


def test_a_new_resolving_unit_and_deadline(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    result = view(demo_db, editor, project_id)
    clearance = next(step for step in result.steps if step.name == "Giải phóng mặt bằng")
    with session_scope(demo_db) as s:
        process.update_step(s, editor, project_id, result.version, clearance.id, unit_id=unit_ids["X-LAPVO"],
                            deadline=clearance.planned_end.replace(year=clearance.planned_end.year + 1))
        version = process.process_version(s, editor, project_id)
        process.update_step(s, editor, project_id, version, result.steps[0].id, duration_days=25)
    after = view(demo_db, editor, project_id)
    changed = next(step for step in after.steps if step.id == clearance.id)
    assert (changed.unit, changed.resolver_kind, changed.deadline_set) == ("Xã Lấp Vò", ResolverKind.UNIT, True)
    assert changed.planned_end > clearance.planned_end                # moved with the longer first step …
    assert changed.deadline == clearance.planned_end.replace(year=clearance.planned_end.year + 1)  # … its deadline kept
    with session_scope(demo_db) as s:   # giving the deadline back to the plan
        process.update_step(s, editor, project_id, after.version, clearance.id, deadline=None)
    assert next(s for s in view(demo_db, editor, project_id).steps if s.id == clearance.id).deadline == \
        changed.planned_end


def test_bad_adjustments_are_refused_and_nothing_is_saved(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    result = view(demo_db, editor, project_id)
    first, second, third = result.steps[:3]
    cases = [
        (dict(duration_days=0), first,
         "Số ngày làm việc dự kiến của bước «Lập báo cáo đề xuất chủ trương đầu tư» phải là số nguyên lớn hơn 0 (đã "
         "nhập: 0)."),
        (dict(deadline=D(2026, 3, 12)), second,
         "Thời hạn của bước «Thẩm định nguồn vốn và khả năng cân đối vốn» (12/03/2026) không được trước ngày bắt đầu "
         "dự kiến của bước (13/03/2026)."),
        (dict(unit_id=unit_ids["SKHDT"]), second,
         "Đơn vị giải quyết «Sở Kế hoạch và Đầu tư» không còn hoạt động (đã sáp nhập hoặc giải thể). Vui lòng chọn "
         "một đơn vị đang hoạt động."),
        (dict(waits_for=[third.id]), first,
         "Không thể để bước «Lập báo cáo đề xuất chủ trương đầu tư» chờ bước «Thẩm định báo cáo đề xuất chủ trương "
         "đầu tư»: các bước sẽ chờ nhau thành vòng tròn («Lập báo cáo đề xuất chủ trương đầu tư» → «Thẩm định báo "
         "cáo đề xuất chủ trương đầu tư» → «Thẩm định nguồn vốn và khả năng cân đối vốn» → «Lập báo cáo đề xuất chủ "
         "trương đầu tư»), không tính được ngày dự kiến."),
        (dict(duration_days=first.duration_days), first, "Không có thông tin nào của bước thay đổi."),
    ]
    for changes, step, message in cases:
        error = refused(demo_db, ValidationError, lambda s: process.update_step(
            s, editor, project_id, result.version, step.id, **changes))
        assert str(error) == message
    # a manual deadline that a longer earlier step would overtake is refused too
    with session_scope(demo_db) as s:
        process.update_step(s, editor, project_id, result.version, second.id, deadline=second.planned_start)
        version = process.process_version(s, editor, project_id)
    error = refused(demo_db, ValidationError, lambda s: process.update_step(
        s, editor, project_id, version, first.id, duration_days=21))
    assert str(error) == ("Thời hạn của bước «Thẩm định nguồn vốn và khả năng cân đối vốn» (13/03/2026) không được "
                          "trước ngày bắt đầu dự kiến của bước (16/03/2026).")
    refused(demo_db, ConflictError, lambda s: process.update_step(    # a stale version of the process
        s, editor, project_id, result.version, first.id, duration_days=21))
    error = refused(demo_db, ValidationError, lambda s: process.add_step(s, editor, project_id, version, StepInput(
        "Khảo sát", ProjectPhase.PREPARATION, unit_ids["SXD"], 5, position=30)))
    assert str(error) == "Vị trí mới phải từ 1 đến 18."


def test_an_inactive_template_is_neither_proposed_nor_applied(demo_db, actors, unit_ids):
    ids = seed(demo_db)
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    group_c = ids["Dự án nhóm C có xây dựng"]
    with session_scope(demo_db) as s:
        row = s.get(ProcessTemplate, group_c)
        process.update_template(s, actors["quantri"], group_c, row.version, name=row.name,
                                description=row.description, project_group=row.project_group, active=False)
        assert process.propose_template(s, actors["capnhat.sxd"], project_id) == ids["Dự án nhóm B"]
    error = refused(demo_db, ValidationError, lambda s: process.apply_template(
        s, actors["capnhat.sxd"], project_id, group_c, D(2026, 2, 6)))
    assert str(error) == "Mẫu quy trình «Dự án nhóm C có xây dựng» đã ngừng sử dụng, không thể áp dụng cho dự án."


def test_reapplying_replaces_a_process_whose_steps_have_not_begun(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    ids = seed(demo_db)
    with session_scope(demo_db) as s:
        process.apply_template(s, editor, project_id, ids["Dự án chỉ chuẩn bị đầu tư"], D(2026, 3, 2))
    result = view(demo_db, editor, project_id)
    assert (result.template, result.starts_on, len(result.steps)) == ("Dự án chỉ chuẩn bị đầu tư", D(2026, 3, 2), 8)
    with session_scope(demo_db) as s:
        s.get(ProjectStep, result.steps[0].id).actual_start = D(2026, 3, 2)
    error = refused(demo_db, ValidationError, lambda s: process.apply_template(
        s, editor, project_id, ids["Dự án nhóm B"], D(2026, 3, 2)))
    assert str(error) == ("Dự án đã có quy trình với bước đã bắt đầu thực hiện, không thể áp dụng lại mẫu quy trình. "
                          "Vui lòng điều chỉnh từng bước.")
    error = refused(demo_db, ValidationError, lambda s: process.remove_step(
        s, editor, project_id, None, result.steps[0].id))
    assert str(error) == "Bước «Lập báo cáo đề xuất chủ trương đầu tư» đã bắt đầu thực hiện, không thể xóa."


# ---------------------------------------------------------------- scope (art. 8.3)

def test_peers_get_not_found_and_readers_may_not_write(demo_db, actors, unit_ids):
    project_id, template_id = project_with_process(demo_db, actors, unit_ids)
    step_id = view(demo_db, actors["capnhat.sxd"], project_id).steps[0].id
    peer = actors["capnhat.laplvo"]
    for call in (lambda s: process.project_process(s, peer, project_id),
                 lambda s: process.process_version(s, peer, project_id),
                 lambda s: process.propose_template(s, peer, project_id),
                 lambda s: process.apply_template(s, peer, project_id, template_id, D(2026, 2, 6)),
                 lambda s: process.update_step(s, peer, project_id, None, step_id, duration_days=3),
                 lambda s: process.remove_step(s, peer, project_id, None, step_id)):
        assert str(refused(demo_db, NotFound, call)) == NOT_FOUND
    # a leader and the Department of Finance read everything, but only the investor's editors adjust
    for reader in ("lanhdao", "kehoach.stc", "tracuu.sxd"):
        assert view(demo_db, actors[reader], project_id).may_edit is False
        refused(demo_db, PermissionDenied, lambda s: process.update_step(
            s, actors[reader], project_id, None, step_id, duration_days=3))
    assert view(demo_db, actors["quantri.sxd"], project_id).may_edit is True


def test_a_step_of_another_project_cannot_be_touched(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, template_id = project_with_process(demo_db, actors, unit_ids)
    other_id = create(demo_db, editor, school(unit_ids, code="DA-2026-002", name="Trường tiểu học Mỹ Tân"))
    with session_scope(demo_db) as s:
        process.apply_template(s, editor, other_id, template_id, D(2026, 2, 6))
    foreign = view(demo_db, editor, other_id).steps[0].id
    own = view(demo_db, editor, project_id).steps[1].id
    for call in (lambda s: process.update_step(s, editor, project_id, None, foreign, duration_days=3),
                 lambda s: process.update_step(s, editor, project_id, None, own, waits_for=[foreign])):
        assert str(refused(demo_db, NotFound, call)) == NOT_FOUND


def test_adjustments_are_audited(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    result = view(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        process.update_step(s, editor, project_id, result.version, result.steps[0].id, duration_days=22)
    with session_scope(demo_db) as s:
        rows = s.scalars(sa.select(AuditLog).where(AuditLog.entity == "project_steps",
                                                   AuditLog.entity_id == str(result.steps[0].id))).all()
    updates = [row for row in rows if row.action == "update"]
    assert {row.actor_name for row in updates} == {"Võ Thị Mai"}
    assert any('"duration_days": 22' in row.after for row in updates)
    assert any('"planned_end": "2026-03-16"' in row.after for row in updates)   # 22 days from 06/02: 16/03


# ---------------------------------------------------------------- status and unit mergers

def test_a_cancelled_project_keeps_its_process_as_it_was(demo_db, actors, unit_ids):
    from lib.projects import records
    from lib.projects.enums import ProjectStatus

    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    with session_scope(demo_db) as s:
        records.change_status(s, editor, project_id, None, status=ProjectStatus.CANCELLED,
                              effective_on=D(2026, 3, 2), reason="Không còn nhu cầu đầu tư")
    result = view(demo_db, editor, project_id)
    assert result.may_edit is False
    error = refused(demo_db, ValidationError, lambda s: process.update_step(
        s, editor, project_id, None, result.steps[0].id, duration_days=3))
    assert str(error) == "Dự án đang ở trạng thái «Hủy bỏ», không thể điều chỉnh quy trình."


def test_a_merged_resolving_unit_hands_its_open_steps_to_its_successor(demo_db, actors, unit_ids):
    """Finished steps keep the unit that resolved them; the others, and the template steps named for it, move."""
    from lib.core.models import Unit
    from lib.core.services import units

    editor, admin = actors["capnhat.sxd"], actors["quantri"]
    project_id, template_id = project_with_process(demo_db, actors, unit_ids)
    result = view(demo_db, editor, project_id)
    finance = [step for step in result.steps if step.unit == "Sở Tài chính"]
    with session_scope(demo_db) as s:
        s.get(ProjectStep, finance[0].id).actual_end = D(2026, 3, 20)
        template_step = process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Kiểm toán độc lập", ProjectPhase.CLOSING, ResolverKind.UNIT, 20, unit_id=unit_ids["STC"]))
    with session_scope(demo_db) as s:
        stc = s.get(Unit, unit_ids["STC"])
        units.merge_unit(s, admin, stc.id, stc.version, successor_id=unit_ids["SNV"], on_date=D(2026, 3, 25),
                         decision="Quyết định số 9/QĐ-UBND")
    after = {step.id: step.unit for step in view(demo_db, editor, project_id).steps}
    assert after[finance[0].id] == "Sở Tài chính"
    assert {after[step.id] for step in finance[1:]} == {"Sở Nội vụ"}
    with session_scope(demo_db) as s:
        assert s.get(TemplateStep, template_step).unit_id == unit_ids["SNV"]


def test_a_template_unit_no_longer_active_is_given_to_the_investor_with_a_note(demo_db, actors, unit_ids):
    from lib.core.models import Unit

    admin = actors["quantri"]
    with session_scope(demo_db) as s:
        template_id = process.create_template(s, admin, "Dự án cải tạo trụ sở", project_group=G.C)
        process.add_template_step(s, admin, template_id, TemplateStepInput(
            "Thẩm định thiết kế", ProjectPhase.PREPARATION, ResolverKind.UNIT, 10, unit_id=unit_ids["SYT"]))
    with session_scope(demo_db) as s:   # the unit is dissolved afterwards (no successor: the merger hook not run)
        s.get(Unit, unit_ids["SYT"]).status = s.get(Unit, unit_ids["SKHDT"]).status
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(demo_db) as s:
        applied = process.apply_template(s, actors["capnhat.sxd"], project_id, template_id, D(2026, 3, 2))
    assert applied.notes == ["Chưa có đơn vị «Sở Y tế» đang hoạt động trong danh mục đơn vị: bước «Thẩm định thiết "
                             "kế» tạm giao cho chủ đầu tư, vui lòng chọn lại đơn vị giải quyết."]
    assert [step.unit for step in view(demo_db, actors["capnhat.sxd"], project_id).steps] == ["Sở Xây dựng"]


def test_a_later_start_moves_every_planned_date(demo_db, actors, unit_ids):
    """Started on Mon 02/03/2026 instead of 06/02: the first step (20 working days) ends on Fri 27/03."""
    editor = actors["capnhat.sxd"]
    project_id, _ = project_with_process(demo_db, actors, unit_ids)
    result = view(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        process.set_start(s, editor, project_id, result.version, D(2026, 3, 2))
        calendar = calendar_admin.work_calendar(s)
    after = view(demo_db, editor, project_id)
    assert (after.starts_on, after.steps[0].planned_start, after.steps[0].planned_end) == (
        D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 27))
    assert_consistent(calendar, after.steps, D(2026, 3, 2))
