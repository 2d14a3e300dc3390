"""A project's record (seed 000 art. 7 «Thiết lập thông tin dự án trên phần mềm»): creation by the investor with the
entry lateness of art. 9.1, the group checked against the total investment (Luật Đầu tư công 58/2024/QH15), approved
changes with their document and the 5 working days of art. 7.2, the status history, and the scope of art. 4, 6, 8.3
and 11 (investors see their own projects, leaders and Sở Tài chính all, peers nothing)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date as D, datetime

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.core.enums import CalendarOverrideKind
from lib.core.errors import ConflictError, DomainError, NotFound, PermissionDenied, ValidationError
from lib.core.models import AuditLog
from lib.core.services import attachments, calendar_admin, settings
from lib.projects import records
from lib.projects.enums import (
    ApprovalDocKind, CapitalSource, ChangeKind, DecidingLevel, ProjectField, ProjectGroup, ProjectKind, ProjectPhase,
    ProjectStatus,
)
from lib.projects.models import (
    Project, ProjectCapitalSource, ProjectChange, ProjectDocument, ProjectLocation, ProjectStatusChange,
)
from lib.projects.demo import PROJECTS as DEMO_PROJECTS
from lib.projects.demo_portfolio import draw
from lib.projects.records import ChangeInput, DocumentInput, LocationInput, PhaseDates, ProjectInput, RecordEdit

TY = 1_000_000_000
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=LOCAL_TZ)  # Tuesday after Tết 2026
NOT_FOUND = "Không tìm thấy dữ liệu (có thể đã bị thu hồi hoặc bạn không có quyền xem)."
TABLES = (Project, ProjectLocation, ProjectCapitalSource, ProjectDocument, ProjectChange, ProjectStatusChange)


DEMO_CODES = {p.code for p in DEMO_PROJECTS} | {p.code for p in draw()}


def listed_new(session, actor) -> list[int]:  # noqa: ANN001
    """The ids the actor lists, without the demo's own projects (lib/projects/demo.py)."""
    return [row.id for row in records.list_projects(session, actor) if row.code not in DEMO_CODES]


def school(unit_ids: dict[str, int], **changes) -> ProjectInput:  # noqa: ANN003
    """A group C school project of Sở Xây dựng (field class 4: 90 tỷ threshold), begun on 06/02/2026."""
    data = ProjectInput(
        code="DA-2026-001", name="Trường THPT Cao Lãnh 2 – xây mới khối phòng học", field=ProjectField.SOCIAL,
        total_investment=45 * TY, planned_start=D(2026, 2, 6), planned_end=D(2028, 12, 31),
        phases=PhaseDates(preparation_start=D(2026, 2, 6)),
        locations=[LocationInput(unit_ids["P-CAOLANH"], 10.4603, 105.6325)], group=ProjectGroup.C,
        deciding_level=DecidingLevel.PROVINCE, investor_unit_id=unit_ids["SXD"],
        management_form="Chủ đầu tư trực tiếp quản lý",
        capital_sources={CapitalSource.PROVINCE_BUDGET: 40 * TY, CapitalSource.COMMUNE_BUDGET: 5 * TY},
    )
    return replace(data, **changes)


def create(engine, actor, data: ProjectInput, now: datetime = NOW) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return records.create_project(s, actor, data, now=now)


def counts(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as s:
        return {m.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(m)) for m in TABLES}


def refused(engine, error: type[DomainError], call) -> DomainError:  # noqa: ANN001
    """Run `call(session)` as a page would (one transaction), expect `error`, and check that nothing was saved."""
    before = counts(engine)
    with pytest.raises(error) as caught:
        with session_scope(engine) as s:
            call(s)
    assert counts(engine) == before
    return caught.value


def project(engine, project_id: int) -> Project:  # noqa: ANN001
    with session_scope(engine) as s:
        row = s.get(Project, project_id)
        s.expunge(row)
        return row


def add_decision(engine, actor, project_id: int, *, signed_on: D = D(2026, 2, 20),  # noqa: ANN001
                 upload: records.Upload | None = None) -> int:
    with session_scope(engine) as s:
        return records.add_document(s, actor, project_id, DocumentInput(
            ApprovalDocKind.DECISION, "245/QĐ-UBND", signed_on, "Ủy ban nhân dân tỉnh Đồng Tháp",
            "Phê duyệt điều chỉnh dự án"), upload, now=NOW)


# ---------------------------------------------------------------- creation


def test_the_investor_creates_a_project_and_its_entry_lateness_is_recorded(demo_db, actors, unit_ids):
    """Art. 9.1: begun on Friday 06/02/2026, due 10 working days later — Tết (16–20/02) not counted — on 27/02;
    entered on Tuesday 03/03: 2 working days late, with the arithmetic shown."""
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    row = project(demo_db, project_id)
    assert (row.code, row.project_group, row.status, row.phase) == (
        "DA-2026-001", ProjectGroup.C, ProjectStatus.ACTIVE, ProjectPhase.PREPARATION)
    assert (row.entry_due_on, row.entry_late_days, row.total_investment) == (D(2026, 2, 27), 2, 45 * TY)
    with session_scope(demo_db) as s:
        detail = records.project_detail(s, actors["capnhat.sxd"], project_id)
        history = records.status_history(s, actors["capnhat.sxd"], project_id)
    assert detail.investor == "Sở Xây dựng" and detail.may_edit
    assert detail.locations == [("Phường Cao Lãnh", 10.4603, 105.6325)]
    assert sorted(detail.capital_sources) == sorted([(CapitalSource.PROVINCE_BUDGET, 40 * TY),
                                                     (CapitalSource.COMMUNE_BUDGET, 5 * TY)])
    assert detail.entry_explanation == (
        "Bắt đầu lập chủ trương đầu tư 06/02/2026 + 10 ngày làm việc → hạn khởi tạo 27/02/2026 (không tính "
        "16/02/2026–20/02/2026 (Tết Nguyên Đán)); khởi tạo 03/03/2026: chậm 2 ngày làm việc")
    assert [(h.old_status, h.new_status, h.new_phase) for h in history] == [
        (None, ProjectStatus.ACTIVE, ProjectPhase.PREPARATION)]


def test_the_creation_is_audited_with_the_actor(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(demo_db) as s:
        row = s.scalar(sa.select(AuditLog).where(AuditLog.entity == "projects",
                                                 AuditLog.entity_id == str(project_id)))
        assert (row.action, row.actor_name, row.summary) == (
            "create", "Võ Thị Mai", "Trường THPT Cao Lãnh 2 – xây mới khối phòng học")


def test_a_make_up_saturday_of_the_province_counts_as_a_working_day(demo_db, actors, unit_ids):
    """An administrator's make-up Saturday (28/02/2026) is a working day: entered on 03/03, 3 days late."""
    with session_scope(demo_db) as s:
        calendar_admin.add_override(s, actors["quantri"], D(2026, 2, 28), CalendarOverrideKind.WORKING_DAY,
                                    "Làm bù cho ngày nghỉ Tết theo Quyết định của UBND tỉnh")
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    assert (project(demo_db, project_id).entry_due_on, project(demo_db, project_id).entry_late_days) == (
        D(2026, 2, 27), 3)


def test_the_entry_deadline_is_a_setting(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        settings.store(s, {"project_entry_working_days": 15})
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    assert (project(demo_db, project_id).entry_due_on, project(demo_db, project_id).entry_late_days) == (
        D(2026, 3, 6), 0)


@pytest.mark.parametrize("changes, message", [
    ({"group": ProjectGroup.B},
     "Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại 4 có tổng mức đầu tư 45 tỷ đồng, dưới 90 tỷ "
     "đồng, nên là Dự án nhóm C theo Luật Đầu tư công số 58/2024/QH15, Điều 10 khoản 4; đã chọn Dự án nhóm B."),
    ({"total_investment": 250 * TY, "capital_sources": {}},
     "Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại 4 có tổng mức đầu tư 250 tỷ đồng, từ 90 tỷ "
     "đồng đến dưới 1.400 tỷ đồng, nên là Dự án nhóm B theo Luật Đầu tư công số 58/2024/QH15, Điều 9 khoản 4; đã "
     "chọn Dự án nhóm C."),
    ({"total_investment": -45 * TY},
     "Tổng mức đầu tư phải là số nguyên đồng lớn hơn 0 (đã nhập: -45000000000). Nhập số tiền bằng đồng, ví dụ "
     "45.000.000.000 cho 45 tỷ đồng."),
    ({"capital_sources": {CapitalSource.PROVINCE_BUDGET: -1}},
     "Số vốn của nguồn «Ngân sách tỉnh» phải là số nguyên đồng không âm (đã nhập: -1)."),
    ({"capital_sources": {CapitalSource.PROVINCE_BUDGET: 40 * TY, CapitalSource.CENTRAL_BUDGET: 10 * TY}},
     "Tổng các nguồn vốn (50 tỷ đồng) vượt tổng mức đầu tư (45 tỷ đồng). Vui lòng kiểm tra lại số vốn từng nguồn."),
    ({"planned_end": D(2026, 1, 31)},
     "Ngày dự kiến kết thúc (31/01/2026) không được trước ngày dự kiến bắt đầu (06/02/2026)."),
    ({"phases": PhaseDates(D(2026, 2, 6), preparation_end=D(2026, 2, 5))},
     "Ngày kết thúc giai đoạn chuẩn bị đầu tư (05/02/2026) không được trước ngày bắt đầu giai đoạn chuẩn bị đầu tư "
     "(06/02/2026)."),
    ({"phases": PhaseDates(D(2026, 2, 6), implementation_start=D(2026, 1, 5))},
     "Ngày bắt đầu giai đoạn thực hiện đầu tư (05/01/2026) không được trước ngày bắt đầu giai đoạn chuẩn bị đầu tư "
     "(06/02/2026)."),
    ({"phases": PhaseDates(D(2026, 3, 10))},
     "Ngày bắt đầu lập chủ trương đầu tư (10/03/2026) là ngày trong tương lai. Dự án được khởi tạo khi đã bắt đầu "
     "bước đầu tiên của chuẩn bị đầu tư (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 7 khoản 1)."),
    ({"code": "DA 2026 #1"},
     "Mã dự án «DA 2026 #1» không hợp lệ: dùng 2–30 ký tự gồm chữ cái không dấu, chữ số và các dấu - . / _ (ví dụ: "
     "DA-2026-001)."),
    ({"name": "   "}, "Vui lòng nhập tên dự án."),
    ({"group": None}, "Vui lòng chọn nhóm dự án (quan trọng quốc gia, A, B hoặc C)."),
    ({"deciding_level": None}, "Vui lòng chọn cấp quyết định đầu tư (trung ương, cấp tỉnh hoặc cấp xã)."),
    ({"locations": []}, "Vui lòng chọn ít nhất một xã, phường nơi thực hiện dự án."),
])
def test_bad_input_is_refused_with_a_vietnamese_message_and_nothing_is_saved(demo_db, actors, unit_ids, changes,
                                                                             message):
    error = refused(demo_db, ValidationError,
                    lambda s: records.create_project(s, actors["capnhat.sxd"], school(unit_ids, **changes), now=NOW))
    assert str(error) == message


def test_locations_must_be_active_communes_with_coordinates_in_vietnam(demo_db, actors, unit_ids):
    for locations, message in [
        ([LocationInput(unit_ids["SXD"])], "«Sở Xây dựng» không phải là xã, phường, đặc khu đang hoạt động."),
        ([LocationInput(unit_ids["TT-LAPVO"])],
         "«Thị trấn Lấp Vò» không phải là xã, phường, đặc khu đang hoạt động."),
        ([LocationInput(unit_ids["P-CAOLANH"]), LocationInput(unit_ids["P-CAOLANH"])],
         "Xã, phường «Phường Cao Lãnh» được chọn hai lần."),
        ([LocationInput(unit_ids["P-CAOLANH"], 105.63, 10.46)],
         "Tọa độ của «Phường Cao Lãnh» không hợp lệ: nhập cả vĩ độ (8–24) và kinh độ (102–118) trong lãnh thổ Việt "
         "Nam, hoặc để trống cả hai."),
    ]:
        error = refused(demo_db, ValidationError, lambda s: records.create_project(
            s, actors["capnhat.sxd"], school(unit_ids, locations=locations), now=NOW))
        assert str(error) == message


def test_a_duplicate_code_is_refused(demo_db, actors, unit_ids):
    create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    error = refused(demo_db, ConflictError, lambda s: records.create_project(
        s, actors["capnhat.sxd"], school(unit_ids, code="da-2026-001", name="Dự án khác"), now=NOW))
    assert str(error) == "Mã dự án «DA-2026-001» đã được dùng cho dự án khác. Vui lòng nhập mã khác."


@pytest.mark.parametrize("username, investor, error, message", [
    ("capnhat.laplvo", "SXD", PermissionDenied,
     "Bạn chỉ được khởi tạo dự án mà đơn vị mình (hoặc đơn vị trực thuộc) là chủ đầu tư (Quy chế kèm Quyết định "
     "561/QĐ-UBND-HC, Điều 7 khoản 1)."),
    ("tracuu.sxd", "SXD", PermissionDenied, "Tài khoản tra cứu chỉ được xem thông tin dự án, không được cập nhật."),
    ("lanhdao", "SXD", PermissionDenied, "Bạn không có quyền thực hiện thao tác này."),
    ("kehoach.stc", "STC", PermissionDenied, "Bạn không có quyền thực hiện thao tác này."),
])
def test_only_the_investors_editors_create_public_projects(demo_db, actors, unit_ids, username, investor, error,
                                                           message):
    refusal = refused(demo_db, error, lambda s: records.create_project(
        s, actors[username], school(unit_ids, investor_unit_id=unit_ids[investor]), now=NOW))
    assert str(refusal) == message


def test_the_unit_administrator_of_the_investor_creates_too(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["quantri.sxd"], school(unit_ids))
    assert project(demo_db, project_id).investor_unit_id == unit_ids["SXD"]


# ---------------------------------------------------------------- private projects (art. 11.4)


def private_port(unit_ids: dict[str, int], **changes) -> ProjectInput:  # noqa: ANN003
    data = school(unit_ids, code="TN-2026-001", name="Cảng tổng hợp Sa Đéc (nhà đầu tư tư nhân)",
                  kind=ProjectKind.PRIVATE, field=ProjectField.TRANSPORT_ENERGY, group=None, deciding_level=None,
                  investor_unit_id=None, private_investor="Công ty Cổ phần Cảng Sa Đéc",
                  total_investment=1200 * TY, capital_sources={CapitalSource.OTHER: 1200 * TY},
                  locations=[LocationInput(unit_ids["P-SADEC"])])
    return replace(data, **changes)


def test_the_department_of_finance_enters_private_projects_without_public_capital(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["kehoach.stc"], private_port(unit_ids))
    row = project(demo_db, project_id)
    assert (row.kind, row.project_group, row.deciding_level, row.investor_unit_id, row.private_investor) == (
        ProjectKind.PRIVATE, None, None, unit_ids["STC"], "Công ty Cổ phần Cảng Sa Đéc")
    assert (row.entry_due_on, row.entry_late_days) == (None, None)  # art. 9.1 binds public investors only
    error = refused(demo_db, ValidationError, lambda s: records.create_project(
        s, actors["kehoach.stc"], private_port(unit_ids, code="TN-2026-002",
                                               capital_sources={CapitalSource.PROVINCE_BUDGET: 10 * TY}), now=NOW))
    assert "không được ghi nguồn «Ngân sách tỉnh»" in str(error)
    error = refused(demo_db, PermissionDenied, lambda s: records.create_project(
        s, actors["capnhat.sxd"], private_port(unit_ids, code="TN-2026-003"), now=NOW))
    assert str(error) == ("Dự án đầu tư tư nhân do Sở Tài chính khởi tạo và cập nhật (Quy chế kèm Quyết định "
                          "561/QĐ-UBND-HC, Điều 11 khoản 4).")


# ---------------------------------------------------------------- scope


def test_peers_never_see_a_project_even_by_typing_its_id(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    peer, row = actors["capnhat.laplvo"], project(demo_db, project_id)
    for call in (lambda s: records.project_detail(s, peer, project_id),
                 lambda s: records.value_history(s, peer, project_id),
                 lambda s: records.status_history(s, peer, project_id),
                 lambda s: records.change_status(s, peer, project_id, None, status=ProjectStatus.PAUSED,
                                                 effective_on=D(2026, 3, 2), reason="Thử", now=NOW),
                 lambda s: records.add_document(s, peer, project_id, DocumentInput(
                     ApprovalDocKind.DECISION, "1/QĐ-UBND", D(2026, 3, 1), "UBND tỉnh"), now=NOW),
                 lambda s: records.update_project(s, peer, project_id, None, edit_of(row, unit_ids)),
                 lambda s: records.apply_change(s, peer, project_id, None, ChangeInput(
                     1, D(2026, 3, 2), planned_end=D(2029, 1, 1)), now=NOW)):
        assert str(refused(demo_db, NotFound, call)) == NOT_FOUND
    # the same message as for an id that does not exist at all
    assert str(refused(demo_db, NotFound, lambda s: records.project_detail(s, peer, project_id + 1000))) == NOT_FOUND
    with session_scope(demo_db) as s:
        assert listed_new(s, peer) == []


@pytest.mark.parametrize("username, sees, may_edit", [
    ("capnhat.sxd", True, True), ("quantri.sxd", True, True), ("tracuu.sxd", True, False),
    ("lanhdao", True, False), ("kehoach.stc", True, False), ("quantri", True, False),
    ("capnhat.laplvo", False, False), ("chuyenvien.syt", False, False),
])
def test_who_sees_and_who_edits_a_public_project(demo_db, actors, unit_ids, username, sees, may_edit):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    with session_scope(demo_db) as s:
        listed = listed_new(s, actors[username])
        assert listed == ([project_id] if sees else [])
        if sees:
            assert records.project_detail(s, actors[username], project_id).may_edit is may_edit


def test_a_leader_reading_may_not_write(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    error = refused(demo_db, PermissionDenied, lambda s: records.change_status(
        s, actors["lanhdao"], project_id, None, status=ProjectStatus.PAUSED, effective_on=D(2026, 3, 2),
        reason="Chờ bố trí vốn", now=NOW))
    assert str(error) == "Bạn không có quyền thực hiện thao tác này."


# ---------------------------------------------------------------- corrections


def edit_of(row: Project, unit_ids: dict[str, int], **changes) -> RecordEdit:  # noqa: ANN003
    edit = RecordEdit(name=row.name, field=row.field, deciding_level=row.deciding_level,
                      management_form=row.management_form, phases=PhaseDates(row.preparation_start),
                      locations=[LocationInput(unit_ids["P-CAOLANH"])],
                      capital_sources={CapitalSource.PROVINCE_BUDGET: 45 * TY}, published=False)
    return replace(edit, **changes)


def test_the_investor_corrects_the_record_and_locations_and_sources_follow(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    row = project(demo_db, project_id)
    with session_scope(demo_db) as s:
        records.update_project(s, actors["capnhat.sxd"], project_id, row.version, edit_of(
            row, unit_ids, name="Trường THPT Cao Lãnh 2", published=True,
            phases=PhaseDates(D(2026, 2, 6), preparation_end=D(2026, 6, 30), implementation_start=D(2026, 7, 1)),
            locations=[LocationInput(unit_ids["P-CAOLANH"]), LocationInput(unit_ids["X-THAPMUOI"], 10.55, 105.85)]))
    with session_scope(demo_db) as s:
        detail = records.project_detail(s, actors["lanhdao"], project_id)
        assert (detail.project.name, detail.project.published, detail.project.implementation_start) == (
            "Trường THPT Cao Lãnh 2", True, D(2026, 7, 1))
        assert detail.locations == [("Phường Cao Lãnh", None, None), ("Xã Tháp Mười", 10.55, 105.85)]
        assert detail.capital_sources == [(CapitalSource.PROVINCE_BUDGET, 45 * TY)]


def test_a_field_change_that_breaks_the_group_is_refused(demo_db, actors, unit_ids):
    """100 tỷ in field class 4 is group B; moved to field class 1 (below 240 tỷ) it would be group C."""
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids, total_investment=100 * TY,
                                                               group=ProjectGroup.B, capital_sources={}))
    row = project(demo_db, project_id)
    error = refused(demo_db, ValidationError, lambda s: records.update_project(
        s, actors["capnhat.sxd"], project_id, row.version, edit_of(row, unit_ids, field=ProjectField.TRANSPORT_ENERGY,
                                                                   capital_sources={})))
    assert "nên là Dự án nhóm C theo Luật Đầu tư công số 58/2024/QH15, Điều 10 khoản 1" in str(error)


def test_a_stale_version_is_refused(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    row = project(demo_db, project_id)
    refused(demo_db, ConflictError, lambda s: records.update_project(
        s, actors["capnhat.sxd"], project_id, row.version - 1, edit_of(row, unit_ids)))


# ---------------------------------------------------------------- approved changes (art. 7.2)


def test_an_approved_change_keeps_the_history_and_its_entry_lateness(demo_db, actors, unit_ids):
    """The decision of 20/02/2026 raised the total to 120 tỷ (group B) from 24/02; entered 03/03/2026, 5 working
    days after 24/02 is 03/03: on time. The history shows old and new values with the document."""
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        records.apply_change(s, editor, project_id, None, ChangeInput(
            document_id, D(2026, 2, 24), total_investment=120 * TY, group=ProjectGroup.B,
            planned_end=D(2029, 6, 30)), now=NOW)
    row = project(demo_db, project_id)
    assert (row.total_investment, row.project_group, row.planned_end) == (120 * TY, ProjectGroup.B, D(2029, 6, 30))
    with session_scope(demo_db) as s:
        history = records.value_history(s, actors["lanhdao"], project_id)
    assert [(h.kind, h.label, h.old, h.new) for h in history] == [
        (ChangeKind.TOTAL_INVESTMENT, "Tổng mức đầu tư", "45 tỷ đồng", "120 tỷ đồng"),
        (ChangeKind.SCHEDULE, "Ngày dự kiến kết thúc", "31/12/2028", "30/06/2029"),
        (ChangeKind.GROUP, "Nhóm dự án", "Dự án nhóm C", "Dự án nhóm B"),
    ]
    assert {(h.document, h.effective_on, h.entry_due_on, h.entry_late_days) for h in history} == {
        ("Quyết định số 245/QĐ-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh Đồng Tháp", D(2026, 2, 24),
         D(2026, 3, 3), 0)}
    assert history[0].explanation == ("Thay đổi có hiệu lực 24/02/2026 + 5 ngày làm việc → hạn cập nhật 03/03/2026; "
                                      "cập nhật 03/03/2026: đúng hạn")


@pytest.mark.parametrize("effective_on, due, late", [
    (D(2026, 2, 12), D(2026, 2, 26), 3),   # across Tết: Fri 13/02, then 23–26/02; entered 03/03
    (D(2026, 2, 13), D(2026, 2, 27), 2),
    (D(2026, 2, 24), D(2026, 3, 3), 0),
    (D(2026, 3, 3), D(2026, 3, 10), 0),
])
def test_the_lateness_of_an_approved_change(demo_db, actors, unit_ids, effective_on, due, late):
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id, signed_on=D(2026, 2, 10))
    with session_scope(demo_db) as s:
        ids = records.apply_change(s, editor, project_id, None,
                                   ChangeInput(document_id, effective_on, planned_end=D(2029, 1, 31)), now=NOW)
        change = s.get(ProjectChange, ids[0])
        assert (change.entry_due_on, change.entry_late_days) == (due, late)


def test_an_approved_change_must_keep_the_group_consistent(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id)
    error = refused(demo_db, ValidationError, lambda s: records.apply_change(
        s, editor, project_id, None, ChangeInput(document_id, D(2026, 2, 24), total_investment=120 * TY), now=NOW))
    assert str(error) == ("Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại 4 có tổng mức đầu tư "
                          "120 tỷ đồng, từ 90 tỷ đồng đến dưới 1.400 tỷ đồng, nên là Dự án nhóm B theo Luật Đầu tư "
                          "công số 58/2024/QH15, Điều 9 khoản 4; đã chọn Dự án nhóm C.")
    assert project(demo_db, project_id).total_investment == 45 * TY


@pytest.mark.parametrize("change, error, message", [
    ({"total_investment": 30 * TY}, ValidationError,
     "Tổng các nguồn vốn (45 tỷ đồng) vượt tổng mức đầu tư (30 tỷ đồng). Vui lòng kiểm tra lại số vốn từng nguồn."),
    ({"total_investment": -1}, ValidationError,
     "Tổng mức đầu tư phải là số nguyên đồng lớn hơn 0 (đã nhập: -1). Nhập số tiền bằng đồng, ví dụ 45.000.000.000 "
     "cho 45 tỷ đồng."),
    ({"planned_end": D(2026, 1, 1)}, ValidationError,
     "Ngày dự kiến kết thúc (01/01/2026) không được trước ngày dự kiến bắt đầu (06/02/2026)."),
    ({"total_investment": 45 * TY}, ValidationError,
     "Không có giá trị nào thay đổi so với thông tin hiện tại của dự án."),
    ({"effective_on": D(2026, 2, 19), "planned_end": D(2029, 1, 1)}, ValidationError,
     "Ngày thay đổi có hiệu lực (19/02/2026) không được trước ngày ký văn bản phê duyệt 245/QĐ-UBND (20/02/2026)."),
    ({"investor_unit_id": 999_999}, ValidationError, "Chủ đầu tư phải là một đơn vị đang hoạt động."),
])
def test_bad_approved_changes_are_refused(demo_db, actors, unit_ids, change, error, message):
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id)
    values = {"effective_on": D(2026, 2, 24), **change}
    refusal = refused(demo_db, error, lambda s: records.apply_change(
        s, editor, project_id, None, ChangeInput(document_id, **values), now=NOW))
    assert str(refusal) == message


def test_a_change_needs_a_document_of_the_same_project(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    first = create(demo_db, editor, school(unit_ids))
    second = create(demo_db, editor, school(unit_ids, code="DA-2026-002"))
    document_id = add_decision(demo_db, editor, first)
    refused(demo_db, NotFound, lambda s: records.apply_change(
        s, editor, second, None, ChangeInput(document_id, D(2026, 2, 24), planned_end=D(2029, 1, 1)), now=NOW))


def test_a_new_investor_takes_the_project_over(demo_db, actors, unit_ids):
    """After the change of investor (to Xã Lấp Vò), the old investor no longer sees the project; the new one does."""
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id)
    with session_scope(demo_db) as s:
        records.apply_change(s, editor, project_id, None, ChangeInput(
            document_id, D(2026, 2, 24), investor_unit_id=unit_ids["X-LAPVO"]), now=NOW)
    with session_scope(demo_db) as s:
        assert listed_new(s, editor) == []
        assert listed_new(s, actors["capnhat.laplvo"]) == [project_id]
        history = records.value_history(s, actors["capnhat.laplvo"], project_id)
    assert [(h.kind, h.old, h.new) for h in history] == [(ChangeKind.INVESTOR, "Sở Xây dựng", "Xã Lấp Vò")]


def test_a_document_with_its_signed_file_is_readable_by_who_sees_the_project(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    document_id = add_decision(demo_db, editor, project_id, upload=records.Upload(
        "quyet-dinh-245.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
    with session_scope(demo_db) as s:
        attachment_id = s.get(ProjectDocument, document_id).attachment_id
        assert attachments.info(s, actors["lanhdao"], attachment_id).name == "quyet-dinh-245.pdf"
        with pytest.raises(NotFound):
            attachments.info(s, actors["capnhat.laplvo"], attachment_id)


def test_a_document_signed_in_the_future_is_refused(demo_db, actors, unit_ids):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    error = refused(demo_db, ValidationError, lambda s: records.add_document(
        s, actors["capnhat.sxd"], project_id, DocumentInput(ApprovalDocKind.SUBMISSION, "12/TTr-SXD",
                                                            D(2026, 3, 4), "Sở Xây dựng"), now=NOW))
    assert str(error) == "Ngày ký văn bản (04/03/2026) không được sau ngày hôm nay."


# ---------------------------------------------------------------- status


def test_pause_resume_and_cancel_are_kept_in_the_history(demo_db, actors, unit_ids):
    editor = actors["capnhat.sxd"]
    project_id = create(demo_db, editor, school(unit_ids))
    moves = [
        {"status": ProjectStatus.PAUSED, "effective_on": D(2026, 2, 24), "reason": "Chờ bố trí vốn"},
        {"status": ProjectStatus.ACTIVE, "phase": ProjectPhase.IMPLEMENTATION, "effective_on": D(2026, 2, 27)},
        {"status": ProjectStatus.CANCELLED, "effective_on": D(2026, 3, 2), "reason": "Không còn nhu cầu đầu tư"},
    ]
    for move in moves:
        with session_scope(demo_db) as s:
            records.change_status(s, editor, project_id, None, now=NOW, **move)
    with session_scope(demo_db) as s:
        history = records.status_history(s, actors["kehoach.stc"], project_id)
    assert [(h.old_status, h.new_status, h.new_phase, h.reason) for h in history] == [
        (None, ProjectStatus.ACTIVE, ProjectPhase.PREPARATION, ""),
        (ProjectStatus.ACTIVE, ProjectStatus.PAUSED, ProjectPhase.PREPARATION, "Chờ bố trí vốn"),
        (ProjectStatus.PAUSED, ProjectStatus.ACTIVE, ProjectPhase.IMPLEMENTATION, ""),
        (ProjectStatus.ACTIVE, ProjectStatus.CANCELLED, ProjectPhase.IMPLEMENTATION, "Không còn nhu cầu đầu tư"),
    ]
    assert not records.counted_in_progress(ProjectStatus.CANCELLED)
    assert not records.counted_in_progress(ProjectStatus.PAUSED)
    assert records.counted_in_progress(ProjectStatus.ACTIVE)
    error = refused(demo_db, ValidationError, lambda s: records.change_status(
        s, editor, project_id, None, status=ProjectStatus.ACTIVE, effective_on=D(2026, 3, 3), now=NOW))
    assert str(error) == "Dự án đã ở trạng thái «Hủy bỏ», không thể chuyển sang trạng thái khác."


@pytest.mark.parametrize("move, message", [
    ({"status": ProjectStatus.PAUSED, "effective_on": D(2026, 3, 2), "reason": " "},
     "Vui lòng nêu lý do tạm dừng dự án."),
    ({"status": ProjectStatus.CANCELLED, "effective_on": D(2026, 3, 2)}, "Vui lòng nêu lý do hủy bỏ dự án."),
    ({"status": ProjectStatus.ACTIVE, "effective_on": D(2026, 3, 2)},
     "Trạng thái và giai đoạn chọn giống hiện tại: không có gì để cập nhật."),
    ({"status": ProjectStatus.PAUSED, "effective_on": D(2026, 3, 4), "reason": "Chờ vốn"},
     "Ngày hiệu lực (04/03/2026) không được sau ngày hôm nay."),
])
def test_bad_status_moves_are_refused(demo_db, actors, unit_ids, move, message):
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids))
    error = refused(demo_db, ValidationError, lambda s: records.change_status(
        s, actors["capnhat.sxd"], project_id, None, now=NOW, **move))
    assert str(error) == message


# ---------------------------------------------------------------- settings


def test_the_thresholds_are_settings_checked_for_consistency(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        settings.store(s, {"project_group_c_max_4": 50})
    # 60 tỷ in field class 4 is group B once the ceiling of group C is 50 tỷ
    project_id = create(demo_db, actors["capnhat.sxd"], school(unit_ids, total_investment=60 * TY,
                                                               group=ProjectGroup.B, capital_sources={}))
    assert project(demo_db, project_id).project_group == ProjectGroup.B
    with pytest.raises(ValidationError) as caught:
        with session_scope(demo_db) as s:
            settings.store(s, {"project_group_c_max_4": 1500})
    assert str(caught.value) == ("Lĩnh vực loại 4: mức «nhóm C dưới» (1500 tỷ đồng) phải thấp hơn mức «nhóm A từ» "
                                 "(1400 tỷ đồng); dự án nhóm B nằm giữa hai mức này.")
    definitions = {d.key: d for d in settings.DEFINITIONS}
    assert definitions["project_group_a_min_1"].default == 4600
    assert definitions["project_entry_working_days"].source == "Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 9 khoản 1"
    assert definitions["project_change_working_days"].default == 5
    assert {d.group for k, d in definitions.items() if k.startswith("project_")} == {"Dự án đầu tư công"}


# ---------------------------------------------------------------- unit mergers


def test_a_merged_investor_hands_its_running_projects_to_its_successor(demo_db, actors, unit_ids):
    """Running and paused projects pass to the successor (Sở Tài chính here); a cancelled one stays with the old
    investor's name, and the successor's people still see it (the merged unit's data counts as theirs)."""
    from lib.core.models import Unit
    from lib.core.services import units

    editor = actors["capnhat.sxd"]
    running = create(demo_db, editor, school(unit_ids))
    cancelled = create(demo_db, editor, school(unit_ids, code="DA-2026-002"))
    with session_scope(demo_db) as s:
        records.change_status(s, editor, cancelled, None, status=ProjectStatus.CANCELLED, effective_on=D(2026, 3, 2),
                              reason="Không còn nhu cầu", now=NOW)
    with session_scope(demo_db) as s:
        sxd = s.get(Unit, unit_ids["SXD"])
        moved = units.merge_unit(s, actors["quantri"], sxd.id, sxd.version, successor_id=unit_ids["STC"],
                                 on_date=D(2026, 3, 3), decision="Quyết định số 5/QĐ-UBND")
    assert moved["work"] >= 1
    assert project(demo_db, running).investor_unit_id == unit_ids["STC"]
    assert project(demo_db, cancelled).investor_unit_id == unit_ids["SXD"]
    with session_scope(demo_db) as s:
        assert set(listed_new(s, actors["chuyenvien.stc"])) == {running, cancelled}
