"""Directing leaders (lãnh đạo chỉ đạo) are one list (issue 8, item 13): the Office keeps it, entry and statistics
use it, and the migration turns the old free-text leaders into its rows so that one person is one row."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from lib.core import db as dbmod
from lib.core import vi
from lib.core.db import session_scope
from lib.core.enums import AuditAction
from lib.tasks.enums import DocType
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.models import AuditLog
from lib.tasks.models import DirectiveDocument
from lib.tasks.leader_models import Leader
from lib.tasks import leaders, stats as task_stats, workflow as tasks
from lib.tasks.leaders import LeaderInput
from lib.tasks.queries import TaskFilter
from lib.tasks.workflow import DocumentInput, TaskInput

OFFICER = "chuyenvien.vp"
THANH = "Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành"
NGHIA = "Chủ tịch UBND tỉnh Phạm Thiện Nghĩa"


def _call(engine, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    with session_scope(engine) as s:
        return fn(s, *args, **kwargs)


def _rows(engine) -> list[leaders.LeaderRow]:  # noqa: ANN001
    return _call(engine, leaders.list_leaders, active_only=False)


# ---------------------------------------------------------------- matching a written name to the list

@pytest.mark.parametrize("text", [
    "Nguyễn Văn Thành", "nguyen van thanh", "  NGUYỄN   VĂN THÀNH ", THANH,
    "Phó Chủ tịch UBND tỉnh Đồng Tháp Nguyễn Văn Thành",
    "PCT Nguyễn Văn Thành", "Nguyễn Văn Thành, Phó Chủ tịch UBND tỉnh", "Đ/c Phó Chủ tịch Nguyễn Văn Thành",
    "Nguyễn Văn Thành (Phó Chủ tịch Thường trực)", "Ông Nguyễn Văn Thành",
])
def test_a_leader_is_found_by_name_with_or_without_the_title(demo_db, leader_ids, text):
    found = leaders.match_leader(_rows(demo_db), text)
    assert found is not None and found.id == leader_ids["Nguyễn Văn Thành"]


@pytest.mark.parametrize("text", ["Trần Nguyễn Văn Thành", "Văn Thành", "Nguyễn Văn", "Giám đốc Nguyễn Văn Thành",
                                  "Nguyễn Văn Thành Long", ""])
def test_another_name_is_not_a_leader_of_the_list(demo_db, text):
    assert leaders.match_leader(_rows(demo_db), text) is None


# ---------------------------------------------------------------- keeping the list

def test_the_office_adds_a_leader_and_the_change_is_audited(demo_db, actors):
    leader_id = _call(demo_db, leaders.create_leader, actors[OFFICER],
                      LeaderInput("  Trần   Quốc Bảo ", "Phó Chủ tịch UBND tỉnh", sort_order=4))
    row = next(r for r in _rows(demo_db) if r.id == leader_id)
    assert (row.full_name, row.label, row.active, row.search_key) == (
        "Trần Quốc Bảo", "Phó Chủ tịch UBND tỉnh Trần Quốc Bảo", True, "tran quoc bao")
    with session_scope(demo_db) as s:
        audit_row = s.scalar(sa.select(AuditLog).where(AuditLog.entity == "leaders",
                                                       AuditLog.entity_id == str(leader_id)))
        assert audit_row.action == AuditAction.CREATE and audit_row.actor_id == actors[OFFICER].id


def test_the_system_administrator_keeps_the_list_too_and_nobody_else(demo_db, actors):
    _call(demo_db, leaders.create_leader, actors["quantri"], LeaderInput("Lê Minh Hoan", "Phó Chủ tịch UBND tỉnh"))
    for username in ("lanhdao", "capnhat.sxd", "quantri.sxd", "cchc.snv"):
        with pytest.raises(PermissionDenied):
            _call(demo_db, leaders.create_leader, actors[username], LeaderInput("Lê Văn Khác", "Phó Chủ tịch"))


@pytest.mark.parametrize("data, error, message", [
    (LeaderInput("nguyen van THANH", "Phó Chủ tịch UBND tỉnh"), ConflictError,
     vi.LEADER_DUPLICATE.format(existing=THANH)),
    (LeaderInput(THANH, "Phó Chủ tịch UBND tỉnh"), ValidationError, vi.LEADER_NAME_HAS_TITLE.format(value=THANH)),
    (LeaderInput(" ", "Phó Chủ tịch UBND tỉnh"), ValidationError, vi.LEADER_NAME_REQUIRED),
    (LeaderInput("Lê Văn Mới", ""), ValidationError, vi.LEADER_TITLE_REQUIRED),
], ids=["same-person-other-spelling", "title-in-the-name", "no-name", "no-title"])
def test_a_second_row_for_one_person_or_a_row_without_name_or_title_is_refused(demo_db, actors, data, error, message):
    before = len(_rows(demo_db))
    with pytest.raises(error) as refused:
        _call(demo_db, leaders.create_leader, actors[OFFICER], data)
    assert str(refused.value) == message
    assert len(_rows(demo_db)) == before


def test_a_linked_account_must_be_a_leader_and_linked_once(demo_db, actors, leader_ids):
    with pytest.raises(ValidationError, match="Lãnh đạo UBND"):
        _call(demo_db, leaders.create_leader, actors[OFFICER],
              LeaderInput("Võ Thị Mai", "Phó Chủ tịch UBND tỉnh", account_id=actors["capnhat.sxd"].id))
    with pytest.raises(ConflictError) as taken:
        _call(demo_db, leaders.update_leader, actors[OFFICER], leader_ids["Phạm Thiện Nghĩa"], None,
              LeaderInput("Phạm Thiện Nghĩa", "Chủ tịch UBND tỉnh", account_id=actors["lanhdao"].id))
    assert str(taken.value) == vi.LEADER_ACCOUNT_TAKEN.format(existing=THANH)


def test_an_edit_made_on_an_old_version_is_refused(demo_db, actors, leader_ids):
    row = next(r for r in _rows(demo_db) if r.id == leader_ids["Phạm Thiện Nghĩa"])
    _call(demo_db, leaders.update_leader, actors[OFFICER], row.id, row.version,
          LeaderInput("Phạm Thiện Nghĩa", "Chủ tịch UBND tỉnh", sort_order=5))
    with pytest.raises(ConflictError):
        _call(demo_db, leaders.update_leader, actors["quantri"], row.id, row.version,
              LeaderInput("Phạm Thiện Nghĩa", "Chủ tịch UBND tỉnh", sort_order=6))


# ---------------------------------------------------------------- entry uses the list

def _document(unit_ids, leader_id: int | None, number: str = "9701/UBND-TH") -> DocumentInput:  # noqa: ANN001
    return DocumentInput(DocType.CONG_VAN, number, "Về việc thử danh sách lãnh đạo", date.today() - timedelta(days=1),
                         unit_ids["UBND"], leader_id, "Nguyễn Văn Thành")


def _task(unit_ids) -> list[TaskInput]:  # noqa: ANN001
    return [TaskInput("Báo cáo thử", unit_ids["SXD"], deadline=date.today() + timedelta(days=20))]


def test_entry_names_the_leader_of_the_list_as_the_list_writes_him(demo_db, actors, unit_ids, leader_ids):
    officer = actors[OFFICER].id
    document = dataclasses.replace(_document(unit_ids, leader_ids["Nguyễn Văn Thành"]), drafter_id=officer)
    [task] = _task(unit_ids)
    document_id = _call(demo_db, tasks.create_document, actors[OFFICER], document,
                        [dataclasses.replace(task, follower_id=officer)],
                        signed_file=tasks.Upload("van-ban.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
    with session_scope(demo_db) as s:
        row = s.get(DirectiveDocument, document_id)
        assert (row.leader_id, row.directed_by_name) == (leader_ids["Nguyễn Văn Thành"], THANH)


def test_entry_without_a_leader_of_the_list_or_with_a_retired_one_is_refused(demo_db, actors, unit_ids, leader_ids):
    with pytest.raises(ValidationError) as missing:
        _call(demo_db, tasks.create_document, actors[OFFICER], _document(unit_ids, None), _task(unit_ids))
    assert str(missing.value) == vi.LEADER_REQUIRED and missing.value.field == "leader_id"
    tuan = leader_ids["Huỳnh Minh Tuấn"]
    _call(demo_db, leaders.update_leader, actors[OFFICER], tuan, None,
          LeaderInput("Huỳnh Minh Tuấn", "Phó Chủ tịch UBND tỉnh", active=False))
    with pytest.raises(ValidationError) as retired:
        _call(demo_db, tasks.create_document, actors[OFFICER], _document(unit_ids, tuan), _task(unit_ids))
    assert str(retired.value) == vi.LEADER_INACTIVE.format(name="Phó Chủ tịch UBND tỉnh Huỳnh Minh Tuấn")
    assert [r.full_name for r in _call(demo_db, leaders.list_leaders)] == ["Phạm Thiện Nghĩa", "Nguyễn Văn Thành"]


# ---------------------------------------------------------------- the migration: free text becomes the list

def _by_leader(engine, actor) -> dict[str, int]:  # noqa: ANN001
    frame = _call(engine, task_stats.by_leader, actor, TaskFilter())
    return dict(zip(frame["leader"], frame["total"]))


def test_the_migration_makes_one_leader_of_two_spellings_in_the_overview(demo_db, actors):
    """Documents written before the list, one «Nguyễn Văn Thành», others «Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành»
    (the overview showed two rows for him), one «CHỦ TỊCH UBND TỈNH ĐỒNG THÁP Phạm Thiện Nghĩa»: after revision
    0008 there is one row per person, linked through the account where the document had one."""
    leader = actors["lanhdao"]
    expected = _by_leader(demo_db, leader)
    assert set(expected) == {THANH, NGHIA, "Phó Chủ tịch UBND tỉnh Huỳnh Minh Tuấn"}
    config = dbmod.alembic_config(demo_db)
    command.downgrade(config, "0007")
    try:
        with demo_db.begin() as conn:
            documents = sa.table("directive_documents", sa.column("id"), sa.column("directed_by_id"),
                                 sa.column("directed_by_name"))
            thanh = [i for i, in conn.execute(sa.select(documents.c.id).where(documents.c.directed_by_name == THANH)
                                              .order_by(documents.c.id))]
            nghia = [i for i, in conn.execute(sa.select(documents.c.id).where(documents.c.directed_by_name == NGHIA)
                                              .order_by(documents.c.id))]
            assert len(thanh) >= 2 and len(nghia) >= 2
            conn.execute(sa.update(documents).where(documents.c.id == thanh[0])
                         .values(directed_by_name="Nguyễn Văn Thành", directed_by_id=None))
            conn.execute(sa.update(documents).where(documents.c.id == thanh[1])
                         .values(directed_by_name="nguyễn văn thành", directed_by_id=None))
            conn.execute(sa.update(documents).where(documents.c.id == nghia[0])
                         .values(directed_by_name="CHỦ TỊCH UBND TỈNH ĐỒNG THÁP Phạm Thiện Nghĩa"))
    finally:
        command.upgrade(config, "head")
    assert _by_leader(demo_db, leader) == expected
    with session_scope(demo_db) as s:
        rows = {r.full_name: r for r in s.scalars(sa.select(Leader))}
        assert set(rows) == {"Nguyễn Văn Thành", "Phạm Thiện Nghĩa", "Huỳnh Minh Tuấn"}
        assert rows["Nguyễn Văn Thành"].account_id == actors["lanhdao"].id   # from the account with the role
        assert rows["Phạm Thiện Nghĩa"].title == "Chủ tịch UBND tỉnh" and rows["Phạm Thiện Nghĩa"].account_id is None
        # What each document said is kept as written.
        written = set(s.scalars(sa.select(DirectiveDocument.directed_by_name)))
        assert {"Nguyễn Văn Thành", "nguyễn văn thành", "CHỦ TỊCH UBND TỈNH ĐỒNG THÁP Phạm Thiện Nghĩa"} <= written
