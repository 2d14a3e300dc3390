"""The audit trail (seeds 002 art. 6.4, 004 art. 5.2): who, when, what, before and after, in the same transaction."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest
import sqlalchemy as sa

from lib.core import audit, vi
from lib.core.db import session_scope
from lib.core.demo import DEMO_PASSWORD
from lib.core.enums import AuditAction, CalendarOverrideKind, Role, UnitKind
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.models import Account, AuditLog, CalendarOverride
from lib.core.services import accounts, attachments, audit_log, auth, calendar_admin, settings, units
from lib.core.services.accounts import AccountInput
from lib.core.services.audit_log import AuditFilter
from tests.unit.core_helpers import (GOOD_PASSWORD, OTHER_PASSWORD, audit_since, count, counts, leader_id,
                                     max_audit_id)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"


class Boom(Exception):
    """Raised after the service call to roll the transaction back."""


def _acc(engine, username: str) -> Account:  # noqa: ANN001
    with session_scope(engine) as s:
        return s.scalar(sa.select(Account).where(Account.username == username))


# Each case: (actor username, write(session, actor, ids) -> None, expected (entity, action) rows,
#             (entity, field, old, new) that an UPDATE row must show, or None)
def _w_create_account(s, a, ids):  # noqa: ANN001, ANN202
    accounts.create_account(s, a, AccountInput("moi.sxd", "Người Mới", ids["SXD"], {Role.UNIT_EDITOR}),
                            GOOD_PASSWORD)


def _w_update_account(s, a, ids):  # noqa: ANN001, ANN202
    acc = s.scalar(sa.select(Account).where(Account.username == "tracuu.sxd"))
    accounts.update_account(s, a, acc.id, acc.version, AccountInput(
        "tracuu.sxd", acc.full_name, acc.unit_id, set(acc.roles), position="Trưởng phòng"))


def _w_role_change(s, a, ids):  # noqa: ANN001, ANN202
    acc = s.scalar(sa.select(Account).where(Account.username == "tracuu.sxd"))
    accounts.update_account(s, a, acc.id, acc.version, AccountInput(
        "tracuu.sxd", acc.full_name, acc.unit_id, {Role.UNIT_EDITOR}, position=acc.position))


def _w_lock(s, a, ids):  # noqa: ANN001, ANN202
    accounts.lock_account(s, a, s.scalar(sa.select(Account.id).where(Account.username == "tracuu.sxd")), "Nghỉ")


def _w_reset(s, a, ids):  # noqa: ANN001, ANN202
    accounts.reset_password(s, a, s.scalar(sa.select(Account.id).where(Account.username == "tracuu.sxd")),
                            OTHER_PASSWORD)


def _w_own_password(s, a, ids):  # noqa: ANN001, ANN202
    auth.change_own_password(s, a, DEMO_PASSWORD, GOOD_PASSWORD, GOOD_PASSWORD)


def _w_create_unit(s, a, ids):  # noqa: ANN001, ANN202
    units.create_unit(s, a, code="SXD-QH", name="Phòng Quy hoạch", kind=UnitKind.SUB_UNIT, parent_id=ids["SXD"],
                      founded_on=date(2026, 1, 1))


def _w_rename_unit(s, a, ids):  # noqa: ANN001, ANN202
    unit = units.get_unit(s, ids["SXD"])
    units.rename_unit(s, a, unit.id, unit.version, new_name="Sở Xây dựng mới", on_date=date(2026, 1, 1))


def _w_merge(s, a, ids):  # noqa: ANN001, ANN202
    unit = units.get_unit(s, ids["SXD"])
    units.merge_unit(s, a, unit.id, unit.version, successor_id=ids["STC"], on_date=date(2026, 1, 1))


def _w_settings(s, a, ids):  # noqa: ANN001, ANN202
    settings.update(s, a, {"upload_max_mb": 5})


def _w_settings_twice(s, a, ids):  # noqa: ANN001, ANN202
    settings.update(s, a, {"upload_max_mb": 5})
    settings.update(s, a, {"upload_max_mb": 7})


def _w_add_override(s, a, ids):  # noqa: ANN001, ANN202
    calendar_admin.add_override(s, a, date(2026, 3, 10), CalendarOverrideKind.DAY_OFF, "Quyết định 12/QĐ-UBND")


def _w_withdraw_override(s, a, ids):  # noqa: ANN001, ANN202
    row_id = calendar_admin.add_override(s, a, date(2026, 3, 10), CalendarOverrideKind.DAY_OFF, "QĐ 12")
    calendar_admin.withdraw_override(s, a, row_id)


def _w_upload(s, a, ids):  # noqa: ANN001, ANN202
    attachments.save_upload(s, a, filename="quyet-dinh.pdf", data=PDF, owner_type="unit_event", unit_id=ids["SXD"])


WRITES = [
    ("quantri", _w_create_account, {("accounts", "create"), ("account_roles", "create")}, None),
    ("quantri.sxd", _w_create_account, {("accounts", "create"), ("account_roles", "create")}, None),
    ("quantri.sxd", _w_update_account, {("accounts", "update")}, ("accounts", "position", "Chuyên viên", "Trưởng phòng")),
    ("quantri", _w_role_change, {("accounts", "update"), ("account_roles", "create"), ("account_roles", "delete")},
     ("accounts", "credential_version", 1, 2)),
    ("quantri.sxd", _w_lock, {("accounts", "update")}, ("accounts", "status", "active", "locked")),
    ("quantri", _w_reset, {("accounts", "update")}, ("accounts", "password_hash", "***", "***")),
    ("capnhat.sxd", _w_own_password, {("accounts", "update")}, ("accounts", "password_hash", "***", "***")),
    ("quantri", _w_create_unit, {("units", "create"), ("unit_events", "create")}, None),
    ("quantri", _w_rename_unit, {("units", "update"), ("unit_events", "create")},
     ("units", "name", "Sở Xây dựng", "Sở Xây dựng mới")),
    ("quantri", _w_merge, {("units", "update"), ("unit_events", "create"), ("accounts", "update")},
     ("units", "status", "active", "merged")),
    ("quantri", _w_settings, {("settings", "create")}, None),
    ("quantri", _w_settings_twice, {("settings", "create"), ("settings", "update")}, ("settings", "value", "5", "7")),
    ("quantri", _w_add_override, {("calendar_overrides", "create")}, None),
    ("quantri", _w_withdraw_override, {("calendar_overrides", "create"), ("calendar_overrides", "update")},
     ("calendar_overrides", "active", True, False)),
    ("quantri", _w_upload, {("attachments", "create")}, None),
]
WRITE_IDS = ["create-account-sys", "create-account-unit-admin", "update-account", "role-change", "lock",
             "reset-password", "own-password", "create-unit", "rename-unit", "merge-unit", "settings-create",
             "settings-update", "calendar-add", "calendar-withdraw", "upload"]


@pytest.mark.parametrize(("username", "write", "expected", "change"), WRITES, ids=WRITE_IDS)
def test_every_service_write_is_audited(demo_db, actors, unit_ids, username, write, expected, change):
    actor = actors[username]
    hashes_before = {a.username: a.password_hash for a in _all_accounts(demo_db)}
    start = max_audit_id(demo_db)
    with session_scope(demo_db) as s:
        write(s, actor, unit_ids)
    rows = audit_since(demo_db, start)
    assert rows, "a write without an audit row"
    written = {(r["entity"], r["action"].value) for r in rows}
    if write is _w_merge:  # modules' merge handlers move their open work too (and audit it)
        assert expected <= written
    else:
        assert written == expected
    for r in rows:
        assert r["actor_id"] == actor.id, r
        assert r["actor_name"] == actor.full_name
        assert r["entity_id"], r  # the changed record can be found again
        if r["action"] == AuditAction.CREATE:
            assert r["after"] and not r["before"]
        if r["action"] == AuditAction.DELETE:
            assert r["before"] and not r["after"]
    if change:
        entity, field, old, new = change
        updates = [r for r in rows if r["entity"] == entity and r["action"] == AuditAction.UPDATE
                   and field in r["after"]]
        assert updates, f"no update of {entity}.{field}"
        assert (updates[-1]["before"][field], updates[-1]["after"][field]) == (old, new)
    # password hashes never reach the audit trail, old or new
    for account in _all_accounts(demo_db):
        for hashed in {account.password_hash, hashes_before.get(account.username)} - {None}:
            assert all(hashed not in r["raw"] for r in rows)
    for r in rows:
        if "password_hash" in r["after"]:
            assert r["after"]["password_hash"] == "***"


def _all_accounts(engine) -> list[Account]:  # noqa: ANN001
    with session_scope(engine) as s:
        return list(s.scalars(sa.select(Account)))


def test_update_row_shows_old_to_new_in_search(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        _w_update_account(s, actors["quantri.sxd"], unit_ids)
    with session_scope(demo_db) as s:
        _w_reset(s, actors["quantri"], unit_ids)
    acc = _acc(demo_db, "tracuu.sxd")
    with session_scope(demo_db) as s:
        rows, total = audit_log.search(s, actors["quantri"], AuditFilter(entity="accounts", entity_id=str(acc.id),
                                                                          action=AuditAction.UPDATE))
    assert total == 2
    reset, update = rows  # newest first
    assert "Chức vụ: Chuyên viên → Trưởng phòng" in update.changes
    assert update.actor == "Phạm Quốc Bảo" and update.entity == "Tài khoản"
    assert "Mật khẩu: *** → ***" in reset.changes
    assert "Phải đổi mật khẩu: Không → Có" in reset.changes
    assert acc.password_hash not in reset.changes


def test_a_row_removed_by_the_orphan_cascade_is_audited(demo_db, actors):
    """Not only `session.delete`: a child dropped from its parent's collection (delete-orphan) and a child deleted
    with its parent (delete cascade) both leave a DELETE row with what was removed (issue 8 item 9)."""
    start = max_audit_id(demo_db)
    with session_scope(demo_db) as s:
        audit.bind_actor(s, actors["quantri"].id, actors["quantri"].full_name)
        account = s.scalar(sa.select(Account).where(Account.username == "tracuu.sxd"))
        removed_role = account.role_rows[0]
        account.role_rows.remove(removed_role)  # orphan: never in session.deleted
        s.flush()
        role_id, role = removed_role.id, removed_role.role.value
    rows = audit_since(demo_db, start)
    assert [(r["entity"], r["action"], r["entity_id"], r["before"]["role"], r["actor_id"]) for r in rows] == [
        ("account_roles", AuditAction.DELETE, str(role_id), role, actors["quantri"].id)]


def test_a_failed_flush_leaves_no_recorded_delete_behind(demo_db, actors):
    """A delete recorded during a flush that then fails must not appear in the next flush's audit rows."""
    with session_scope(demo_db) as s:
        s.scalar(sa.select(Account).where(Account.username == "tracuu.sxd"))
        s.info[audit.DELETED_KEY] = [{"stale": True}]
        s.rollback()
        assert audit.DELETED_KEY not in s.info


@pytest.mark.parametrize(("username", "write"), [(w[0], w[1]) for w in WRITES], ids=WRITE_IDS)
def test_rolled_back_write_leaves_no_audit_row(demo_db, actors, unit_ids, username, write):
    before = counts(demo_db)
    overrides, files = count(demo_db, CalendarOverride), _count_attachments(demo_db)
    with pytest.raises(Boom), session_scope(demo_db) as s:
        write(s, actors[username], unit_ids)
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditLog)) > before["audit_log"]  # written...
        raise Boom  # ...but the request fails later: the change and its audit row go together
    assert counts(demo_db) == before
    assert count(demo_db, CalendarOverride) == overrides and _count_attachments(demo_db) == files


def _count_attachments(engine) -> int:  # noqa: ANN001
    from lib.core.models import Attachment

    return count(engine, Attachment)


@pytest.mark.parametrize(("exc", "call"), [
    (ConflictError, lambda s, a, ids: accounts.create_account(
        s, a, AccountInput("capnhat.sxd", "Trùng", ids["SXD"], {Role.UNIT_EDITOR}), GOOD_PASSWORD)),
    (PermissionDenied, lambda s, a, ids: accounts.create_account(
        s, a, AccountInput("moi.sxd", "Mới", ids["SXD"], {Role.LEADER}), GOOD_PASSWORD)),
    (ValidationError, lambda s, a, ids: settings.update(s, a, {"upload_max_mb": 5, "max_failed_logins": 99})),
    (ValidationError, lambda s, a, ids: calendar_admin.add_override(
        s, a, date(2026, 9, 2), CalendarOverrideKind.DAY_OFF, "Quốc khánh")),
    (ValidationError, lambda s, a, ids: attachments.save_upload(
        s, a, filename="virus.pdf", data=b"MZ\x90\x00" + b"\x00" * 100, owner_type="unit_event")),
], ids=["duplicate", "not-grantable", "setting-range", "calendar-already-off", "executable"])
def test_refused_write_leaves_no_audit_row(demo_db, actors, unit_ids, exc, call):
    actor = actors["quantri.sxd"] if exc is PermissionDenied else actors["quantri"]
    before = counts(demo_db)
    with pytest.raises(exc), session_scope(demo_db) as s:
        call(s, actor, unit_ids)
    assert counts(demo_db) == before


def test_refused_after_earlier_write_in_same_request_rolls_back_both(demo_db, actors, unit_ids):
    """One user action = one transaction: an error after a successful step undoes the step and its audit row."""
    before = counts(demo_db)
    with pytest.raises(ConflictError), session_scope(demo_db) as s:
        accounts.create_account(s, actors["quantri"], AccountInput("mot.sxd", "Một", unit_ids["SXD"],
                                                                   {Role.UNIT_EDITOR}), GOOD_PASSWORD)
        accounts.create_account(s, actors["quantri"], AccountInput("MOT.SXD", "Hai", unit_ids["SXD"],
                                                                   {Role.UNIT_EDITOR}), GOOD_PASSWORD)
    assert counts(demo_db) == before


# --------------------------------------------------------------------------- search

UTC = timezone.utc


def _add_log(s, at: datetime, actor_name: str, action: AuditAction, entity: str, summary: str = "") -> None:  # noqa: ANN001
    s.add(AuditLog(at=at, actor_name=actor_name, action=action, entity=entity, summary=summary or None))


@pytest.fixture
def logs(demo_db):  # noqa: ANN001, ANN201
    """Four rows around local midnights of 9–11/3/2025 (Vietnam is UTC+7)."""
    with session_scope(demo_db) as s:
        _add_log(s, datetime(2025, 3, 9, 16, 59, 59, tzinfo=UTC), "Trần Minh Quân", AuditAction.UPDATE, "accounts", "a")
        _add_log(s, datetime(2025, 3, 9, 17, 0, 0, tzinfo=UTC), "Trần Minh Quân", AuditAction.CREATE, "units", "b")
        _add_log(s, datetime(2025, 3, 10, 16, 59, 59, tzinfo=UTC), "Võ Thị Mai", AuditAction.LOGIN, "accounts", "c")
        _add_log(s, datetime(2025, 3, 10, 17, 0, 0, tzinfo=UTC), "Đặng Thị Thu", AuditAction.UPDATE, "units", "d")
    return demo_db


def _search(engine, actor, **kw) -> list[str]:  # noqa: ANN001
    limit = kw.pop("limit", 500)
    with session_scope(engine) as s:
        rows, total = audit_log.search(s, actor, AuditFilter(**kw), limit=limit)
    assert total == len(rows)
    return [r.summary for r in rows]


@pytest.mark.parametrize(("kw", "expected"), [
    ({"start": date(2025, 3, 10), "end": date(2025, 3, 10)}, ["c", "b"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 9)}, ["a"]),
    ({"start": date(2025, 3, 11), "end": date(2025, 3, 11)}, ["d"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11)}, ["d", "c", "b", "a"]),
    ({"end": date(2025, 3, 10)}, ["c", "b", "a"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "action": AuditAction.UPDATE}, ["d", "a"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "entity": "units"}, ["d", "b"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "tran minh quan"}, ["b", "a"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "TRẦN Minh"}, ["b", "a"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "Tra\u0300n minh qua\u0302n"}, ["b", "a"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "dang thi"}, ["d"]),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "khong co ai"}, []),
    ({"start": date(2025, 3, 9), "end": date(2025, 3, 11), "actor_text": "quan", "action": AuditAction.CREATE},
     ["b"]),
], ids=["local-day-10", "local-day-9", "local-day-11", "range", "until", "action", "entity", "actor-folded",
        "actor-upper", "actor-nfd", "actor-dstroke", "actor-none", "combined"])
def test_search_filters(logs, actors, kw, expected):
    assert _search(logs, actors["quantri"], **kw) == expected


def test_search_paging(demo_db, actors):
    base = datetime(2024, 6, 1, 3, 0, tzinfo=UTC)
    with session_scope(demo_db) as s:
        for i in range(25):
            _add_log(s, base + timedelta(minutes=i), "Người thử", AuditAction.UPDATE, "units", f"r{i:02d}")
    f = AuditFilter(start=date(2024, 6, 1), end=date(2024, 6, 1))
    pages = []
    with session_scope(demo_db) as s:
        for offset in (0, 10, 20):
            rows, total = audit_log.search(s, actors["quantri"], f, limit=10, offset=offset)
            assert total == 25
            pages.append([r.summary for r in rows])
    assert [len(p) for p in pages] == [10, 10, 5]
    assert pages[0][0] == "r24" and pages[2][-1] == "r00"  # newest first
    flat = [x for p in pages for x in p]
    assert flat == [f"r{i:02d}" for i in range(24, -1, -1)]


@pytest.mark.parametrize("username", ["lanhdao", "quantri.sxd", "capnhat.sxd", "chuyenvien.vp", "cchc.snv"])
def test_search_and_export_refused_for_non_admin(logs, actors, username):
    before = counts(logs)
    for call in (audit_log.search, audit_log.export_excel):
        with pytest.raises(PermissionDenied) as err, session_scope(logs) as s:
            call(s, actors[username], AuditFilter())
        assert str(err.value) == vi.ERR_NO_PERMISSION
    assert counts(logs) == before  # no EXPORT event either


# --------------------------------------------------------------------------- export

def _cells(data: bytes) -> list[list[object]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_export_excel(logs, actors):
    start = max_audit_id(logs)
    f = AuditFilter(start=date(2025, 3, 9), end=date(2025, 3, 11))
    with session_scope(logs) as s:
        data = audit_log.export_excel(s, actors["quantri"], f)
    assert data[:2] == b"PK"
    rows = _cells(data)
    flat = [str(v) for row in rows for v in row if v is not None]
    assert "NHẬT KÝ HỆ THỐNG" in flat
    assert any("09/03/2025" in v and "11/03/2025" in v for v in flat)  # the period of the filter
    data_rows = [row for row in rows if "Trần Minh Quân" in row or "Võ Thị Mai" in row or "Đặng Thị Thu" in row]
    assert len(data_rows) == 4
    assert {row[4] for row in data_rows} == {"Tài khoản", "Đơn vị"}   # entity labels in Vietnamese
    assert {row[3] for row in data_rows} == {"Cập nhật", "Tạo mới", "Đăng nhập"}  # action labels
    assert any("Tổng số: 4 dòng" in v for v in flat)
    events = audit_since(logs, start)
    assert [(e["action"], e["entity"], e["actor_id"]) for e in events] == [
        (AuditAction.EXPORT, "audit_log", actors["quantri"].id)]
    assert "4 dòng" in events[0]["summary"]


def test_export_excel_respects_filters(logs, actors):
    f = AuditFilter(start=date(2025, 3, 9), end=date(2025, 3, 11), actor_text="vo thi mai")
    with session_scope(logs) as s:
        data = audit_log.export_excel(s, actors["quantri"], f)
    flat = [str(v) for row in _cells(data) for v in row if v is not None]
    assert "Võ Thị Mai" in flat and "Trần Minh Quân" not in flat


def test_describe_changes():
    assert audit_log.describe_changes('{"name": "A"}', '{"name": "B"}', "units") == "Tên đơn vị: A → B"
    # In the order of the table's columns, whatever the order of the recorded keys.
    assert audit_log.describe_changes(None, '{"name": "B", "code": "X"}', "units") == "Mã đơn vị: X; Tên đơn vị: B"
    assert audit_log.describe_changes('{"code": "X"}', None, "units") == "Mã đơn vị: X"
    assert audit_log.describe_changes(None, None) == ""
    # Enum values by their label, Có/Không, dates dd/mm/yyyy, moments in Vietnam time, empty values named.
    assert audit_log.describe_changes(
        '{"status": "new", "deadline": "2026-12-01", "long_term": false, "acknowledged_at": null}',
        '{"status": "acknowledged", "deadline": "2026-12-15", "long_term": true, '
        '"acknowledged_at": "2026-11-20T02:30:00+00:00"}', "tasks") == (
        "Hạn xử lý: 01/12/2026 → 15/12/2026; Dài hạn: Không → Có; Trạng thái: Mới giao → Đã tiếp nhận; "
        "Thời điểm tiếp nhận: (trống) → 20/11/2026 09:30")
    assert audit_log.describe_changes(None, '{"role": "unit_editor"}', "account_roles") == "Vai trò: Cán bộ cập nhật"
    assert audit_log.describe_changes(None, '{"self_score": "1.50"}', "par_scores") == "Điểm tự đánh giá: 1,50"
    # Unit and account ids by name when the caller looked them up.
    assert audit_log.describe_changes('{"lead_unit_id": 3}', '{"lead_unit_id": 5}', "tasks",
                                      {("units", 3): "Sở Xây dựng", ("units", 5): "Sở Tài chính"}) == (
        "Đơn vị chủ trì: Sở Xây dựng → Sở Tài chính")
    # Keys of events that change no row.
    assert audit_log.describe_changes(None, '{"rows": 12}', "system") == "Số dòng: 12"


def test_every_audited_column_has_a_vietnamese_label():
    """The audit page never shows a raw column name (status, lead_unit_id…), including the par_* tables."""
    from lib.core.audit import FIELD_LABELS, IGNORED_FIELDS, NOT_AUDITED_TABLES, field_label
    from lib.core.models import Base

    missing = [f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables if t.name not in NOT_AUDITED_TABLES
               for c in t.c if c.name not in IGNORED_FIELDS and field_label(t.name, c.name) == c.name]
    assert not missing, f"add to lib.audit.FIELD_LABELS: {missing}"
    assert all(label and label[0].isupper() for label in FIELD_LABELS.values())
    every_table = {t.name for t in Base.metadata.sorted_tables} - NOT_AUDITED_TABLES
    assert every_table <= set(audit.ENTITY_LABELS), every_table - set(audit.ENTITY_LABELS)


def test_the_audit_search_names_units_and_shows_statuses_in_vietnamese(demo_db, actors, unit_ids):
    """What «Nội dung thay đổi» shows for a task: labels, not keys; names, not ids."""
    from lib.tasks.enums import DocType
    from lib.tasks.models import DirectiveDocument
    from lib.tasks import workflow as tasks
    from lib.tasks.workflow import DocumentInput, TaskInput, Upload

    with session_scope(demo_db) as s:
        doc_id = tasks.create_document(s, actors["chuyenvien.vp"], DocumentInput(
            DocType.CONG_VAN, "9951/UBND-TH", "Về việc thử nhật ký", date.today() - timedelta(days=2),
            unit_ids["UBND"], leader_id(s, "Nguyễn Văn Thành"), "Nguyễn Văn Thành", drafter_id=actors["chuyenvien.vp"].id),
            [TaskInput("Việc thử nhật ký", unit_ids["SXD"], [], deadline=date.today() + timedelta(days=30),
                       follower_id=actors["chuyenvien.vp"].id)],
            signed_file=Upload("van-ban.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
        task_id = s.get(DirectiveDocument, doc_id).tasks[0].id
    with session_scope(demo_db) as s:
        tasks.acknowledge(s, actors["capnhat.sxd"], task_id)
    with session_scope(demo_db) as s:
        rows, _ = audit_log.search(s, actors["quantri"], AuditFilter(entity="tasks", entity_id=str(task_id)))
    update, create = rows[0], rows[-1]
    assert update.action == AuditAction.UPDATE and "Trạng thái: Mới giao → Đã tiếp nhận" in update.changes
    assert create.action == AuditAction.CREATE
    assert "Đơn vị chủ trì: Sở Xây dựng" in create.changes and "Trạng thái: Mới giao" in create.changes
    for row in rows:
        assert "status" not in row.changes and "lead_unit_id" not in row.changes
