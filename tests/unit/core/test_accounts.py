"""Account administration by the system administrator and by unit administrators (seed 000 art. 4; 004 art. 8)."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.core.access import AccountAction
from lib.core.enums import AccountStatus, AuditAction, Role
from lib.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from lib.core.models import Account, AuditLog
from lib.core.passwords import check_password
from lib.core.services import accounts, auth, units
from lib.core.services.accounts import AccountInput
from tests.unit.core_helpers import (
    GOOD_PASSWORD,
    OTHER_PASSWORD,
    account_by_name,
    account_id,
    audit_since,
    counts,
    max_audit_id,
)


def _input(unit_id: int, username: str = "nguyenvana", roles=(Role.UNIT_EDITOR,), **kw) -> AccountInput:  # noqa: ANN001
    return AccountInput(username=username, full_name=kw.pop("full_name", "Nguyễn Văn A"), unit_id=unit_id,
                        roles=set(roles), **kw)


def _create(engine, actor, data: AccountInput, password: str = GOOD_PASSWORD) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        return accounts.create_account(s, actor, data, password)


def _row(engine, actor, acc_id: int):  # noqa: ANN001, ANN202
    with session_scope(engine) as s:
        return accounts.get_account(s, actor, acc_id)


def _refused(engine, exc_type, call):  # noqa: ANN001, ANN202
    """Run `call(session)` in its own transaction; it must raise `exc_type` and write nothing at all."""
    before = counts(engine)
    with pytest.raises(exc_type) as err, session_scope(engine) as s:
        call(s)
    assert counts(engine) == before, "a refused request must not write anything"
    return err.value


# --------------------------------------------------------------------------- create

@pytest.mark.parametrize(("admin", "unit_code", "roles"), [
    ("quantri", "STC", {Role.UNIT_ADMIN}),
    ("quantri", "SNV", {Role.PAR_ASSESSOR, Role.PAR_COUNCIL}),
    ("quantri", "UBND", {Role.LEADER}),
    ("quantri.sxd", "SXD", {Role.UNIT_EDITOR}),
    ("quantri.sxd", "SXD", {Role.UNIT_VIEWER, Role.UNIT_EDITOR}),
    ("quantri.laplvo", "X-LAPVO", {Role.UNIT_VIEWER}),
], ids=["sys-unit_admin", "sys-par", "sys-leader", "sxd-editor", "sxd-two-roles", "laplvo-viewer"])
def test_create_account(demo_db, actors, unit_ids, admin, unit_code, roles):
    actor = actors[admin]
    new_id = _create(demo_db, actor, _input(unit_ids[unit_code], "  Nguyen.Van.A@DongThap.gov.vn ", roles,
                                              email="Nguyen.Van.A@DongThap.gov.vn", position="Chuyên viên"))
    acc = account_by_name(demo_db, "nguyen.van.a@dongthap.gov.vn")
    assert acc is not None and acc.id == new_id
    assert acc.unit_id == unit_ids[unit_code]
    assert acc.roles == frozenset(roles)
    assert acc.must_change_password is True
    assert acc.status == AccountStatus.ACTIVE
    assert acc.email == "nguyen.van.a@dongthap.gov.vn"
    assert check_password(GOOD_PASSWORD, acc.password_hash)
    assert GOOD_PASSWORD not in acc.password_hash
    assert all(r.granted_by_id == actor.id for r in acc.role_rows)
    created = [r for r in audit_since(demo_db, 0) if r["entity"] == "accounts" and r["action"] == AuditAction.CREATE]
    assert created and created[-1]["actor_id"] == actor.id and created[-1]["entity_id"] == str(new_id)


def test_created_account_appears_in_unit_admin_list(demo_db, actors, unit_ids):
    _create(demo_db, actors["quantri.sxd"], _input(unit_ids["SXD"], "moi.sxd", full_name="Trần Thị Mới"))
    with session_scope(demo_db) as s:
        rows = accounts.list_accounts(s, actors["quantri.sxd"], text="tran thi moi")
        all_rows = accounts.list_accounts(s, actors["quantri.sxd"])
    assert [r.username for r in rows] == ["moi.sxd"]
    assert {r.username for r in all_rows} == {"quantri.sxd", "capnhat.sxd", "tracuu.sxd", "moi.sxd"}


@pytest.mark.parametrize(("admin", "unit_code"), [
    ("quantri.sxd", "STC"),          # sibling department
    ("quantri.sxd", "UBND"),         # parent
    ("quantri.sxd", "X-LAPVO"),
    ("quantri.laplvo", "SXD"),
    ("quantri.laplvo", "P-SADEC"),   # sibling commune
], ids=lambda v: str(v))
def test_unit_admin_cannot_create_outside_own_subtree(demo_db, actors, unit_ids, admin, unit_code):
    error = _refused(demo_db, PermissionDenied, lambda s: accounts.create_account(
        s, actors[admin], _input(unit_ids[unit_code], "ngoai.pham.vi"), GOOD_PASSWORD))
    assert str(error) == vi.ERR_OUT_OF_SCOPE
    assert "đơn vị" in str(error)
    assert account_by_name(demo_db, "ngoai.pham.vi") is None


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.SYSTEM_ADMIN, Role.LEADER, Role.OFFICE_OFFICER,
                                  Role.PLANNING_OFFICER, Role.PAR_ADMIN, Role.PAR_ASSESSOR, Role.PAR_COUNCIL],
                         ids=lambda r: r.value)
def test_unit_admin_cannot_grant_higher_roles(demo_db, actors, unit_ids, role):
    error = _refused(demo_db, PermissionDenied, lambda s: accounts.create_account(
        s, actors["quantri.sxd"], _input(unit_ids["SXD"], "leo.quyen", {Role.UNIT_EDITOR, role}), GOOD_PASSWORD))
    assert str(error) == vi.ACC_ROLE_NOT_GRANTABLE.format(role=role.label)


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.SYSTEM_ADMIN, Role.LEADER], ids=lambda r: r.value)
def test_unit_admin_cannot_grant_higher_roles_on_update(demo_db, actors, unit_ids, role):
    target = account_id(demo_db, "capnhat.sxd")
    row = _row(demo_db, actors["quantri.sxd"], target)
    error = _refused(demo_db, PermissionDenied, lambda s: accounts.update_account(
        s, actors["quantri.sxd"], target, row.version,
        _input(unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_EDITOR, role}, full_name=row.full_name)))
    assert role.label in str(error)
    assert account_by_name(demo_db, "capnhat.sxd").roles == {Role.UNIT_EDITOR}


@pytest.mark.parametrize("username", ["CapNhat.SXD", "capnhat.sxd", " CAPNHAT.SXD "], ids=["mixed", "same", "upper"])
def test_duplicate_username_refused_case_insensitive(demo_db, actors, unit_ids, username):
    error = _refused(demo_db, ConflictError, lambda s: accounts.create_account(
        s, actors["quantri"], _input(unit_ids["SXD"], username), GOOD_PASSWORD))
    assert "capnhat.sxd" in str(error)
    assert "đã được sử dụng" in str(error)
    assert error.field == "username"


def test_duplicate_username_refused_on_rename(demo_db, actors, unit_ids):
    target = account_id(demo_db, "tracuu.sxd")
    row = _row(demo_db, actors["quantri"], target)
    error = _refused(demo_db, ConflictError, lambda s: accounts.update_account(
        s, actors["quantri"], target, row.version,
        _input(unit_ids["SXD"], "CapNhat.SXD", {Role.UNIT_VIEWER}, full_name=row.full_name)))
    assert "capnhat.sxd" in str(error)
    assert account_by_name(demo_db, "tracuu.sxd") is not None


@pytest.mark.parametrize(("password", "keywords"), [
    ("Ab1!", ["ít nhất 8 ký tự"]),
    ("abcdefghij", ["độ mạnh", "Dãy liên tiếp như «abc»"]),
    ("Nguyenvana#2026", [vi.PW_PERSONAL]),
    ("short", ["ít nhất 8 ký tự", "độ mạnh"]),
    ("Password1", ["Đây là một mật khẩu rất phổ biến."]),
], ids=["too-short", "sequence", "contains-username", "short-and-simple", "common"])
def test_weak_password_refused(demo_db, actors, unit_ids, password, keywords):
    error = _refused(demo_db, ValidationError, lambda s: accounts.create_account(
        s, actors["quantri"], _input(unit_ids["SXD"], "nguyenvana"), password))
    assert error.field == "password"
    for keyword in keywords:
        assert keyword in str(error)
    assert str(error).startswith("Mật khẩu")


@pytest.mark.parametrize(("kw", "message_part", "field"), [
    ({"username": "ab"}, "Tên đăng nhập chỉ gồm", "username"),
    ({"username": "nguyễn.văn.a"}, "Tên đăng nhập chỉ gồm", "username"),
    ({"username": "nguyen van a"}, "Tên đăng nhập chỉ gồm", "username"),
    ({"username": ".batdau"}, "Tên đăng nhập chỉ gồm", "username"),
    ({"username": "a" * 101}, "Tên đăng nhập chỉ gồm", "username"),
    ({"email": "khong-phai-email"}, "không hợp lệ", "email"),
    ({"email": "a@b"}, "không hợp lệ", "email"),
    ({"full_name": "   "}, "họ và tên", "full_name"),
    ({"roles": ()}, "ít nhất một vai trò", "roles"),
], ids=["short", "diacritics", "space", "leading-dot", "too-long", "email-plain", "email-no-dot", "no-name",
        "no-role"])
def test_invalid_input_refused(demo_db, actors, unit_ids, kw, message_part, field):
    data = _input(unit_ids["SXD"], kw.pop("username", "hople.sxd"), kw.pop("roles", (Role.UNIT_EDITOR,)), **kw)
    error = _refused(demo_db, ValidationError,
                     lambda s: accounts.create_account(s, actors["quantri"], data, GOOD_PASSWORD))
    assert message_part in str(error)
    assert error.field == field


@pytest.mark.parametrize("code", ["SKHDT", "H-LAPVO", "TT-LAPVO"])
def test_merged_unit_refused(demo_db, actors, unit_ids, code):
    error = _refused(demo_db, ValidationError, lambda s: accounts.create_account(
        s, actors["quantri"], _input(unit_ids[code], "vao.don.vi.cu"), GOOD_PASSWORD))
    assert "đã sáp nhập hoặc giải thể" in str(error)
    with session_scope(demo_db) as s:
        assert units.get_unit(s, unit_ids[code]).name in str(error)


def test_unknown_unit_refused(demo_db, actors):
    _refused(demo_db, NotFound, lambda s: accounts.create_account(
        s, actors["quantri"], _input(987654, "khong.co.don.vi"), GOOD_PASSWORD))


def test_non_admin_cannot_create_or_list(demo_db, actors, unit_ids):
    for name in ("capnhat.sxd", "lanhdao", "tracuu.sxd"):
        error = _refused(demo_db, PermissionDenied, lambda s, n=name: accounts.create_account(
            s, actors[n], _input(unit_ids["SXD"], "khong.duoc"), GOOD_PASSWORD))
        assert str(error) == vi.ERR_NO_PERMISSION
        with session_scope(demo_db) as s, pytest.raises(PermissionDenied):
            accounts.list_accounts(s, actors[name])


# --------------------------------------------------------------------------- update

@pytest.mark.parametrize("admin", ["quantri", "quantri.sxd"])
def test_update_account(demo_db, actors, unit_ids, admin):
    target = account_id(demo_db, "tracuu.sxd")
    row = _row(demo_db, actors[admin], target)
    with session_scope(demo_db) as s:
        accounts.update_account(s, actors[admin], target, row.version, _input(
            unit_ids["SXD"], "tracuu.sxd", {Role.UNIT_VIEWER}, full_name="Huỳnh Văn Lộc", phone="0277 3851 234",
            position="Phó Trưởng phòng", email="loc.hv@dongthap.gov.vn"))
    after = _row(demo_db, actors[admin], target)
    assert (after.position, after.phone, after.email) == ("Phó Trưởng phòng", "0277 3851 234",
                                                          "loc.hv@dongthap.gov.vn")
    assert after.version == row.version + 1
    acc = account_by_name(demo_db, "tracuu.sxd")
    assert acc.credential_version == 1  # no role change: open sessions stay


def test_unit_admin_cannot_touch_account_outside_subtree(demo_db, actors, unit_ids):
    admin = actors["quantri.sxd"]
    target = account_id(demo_db, "kehoach.stc")
    version = account_by_name(demo_db, "kehoach.stc").version
    calls = {
        "get": lambda s: accounts.get_account(s, admin, target),
        "update": lambda s: accounts.update_account(s, admin, target, version, _input(
            unit_ids["STC"], "kehoach.stc", {Role.PLANNING_OFFICER}, full_name="Tên Khác")),
        "lock": lambda s: accounts.lock_account(s, admin, target, "Chuyển công tác"),
        "unlock": lambda s: accounts.unlock_account(s, admin, target),
        "deactivate": lambda s: accounts.deactivate_account(s, admin, target, "Nghỉ hưu"),
        "reset": lambda s: accounts.reset_password(s, admin, target, GOOD_PASSWORD),
    }
    for name, call in calls.items():
        error = _refused(demo_db, PermissionDenied, call)
        assert str(error) == vi.ERR_OUT_OF_SCOPE, name
    acc = account_by_name(demo_db, "kehoach.stc")
    assert acc.full_name == "Bùi Thị Kim Oanh" and acc.status == AccountStatus.ACTIVE
    assert check_password("DonDoc@2026", acc.password_hash)


def test_unit_admin_cannot_move_account_out_of_subtree(demo_db, actors, unit_ids):
    target = account_id(demo_db, "capnhat.sxd")
    row = _row(demo_db, actors["quantri.sxd"], target)
    error = _refused(demo_db, PermissionDenied, lambda s: accounts.update_account(
        s, actors["quantri.sxd"], target, row.version,
        _input(unit_ids["STC"], "capnhat.sxd", {Role.UNIT_EDITOR}, full_name=row.full_name)))
    assert str(error) == vi.ERR_OUT_OF_SCOPE
    assert account_by_name(demo_db, "capnhat.sxd").unit_id == unit_ids["SXD"]


@pytest.mark.parametrize("target_name", ["quantri", "lanhdao"])
def test_unit_admin_cannot_take_over_higher_account_in_own_unit(demo_db, actors, unit_ids, target_name):
    """A unit admin must not reset, lock or edit an account holding roles they may not grant (privilege escalation)."""
    target = account_id(demo_db, target_name)
    # a unit admin of the unit where the higher account sits
    sys_actor = actors["quantri"]
    home = account_by_name(demo_db, target_name).unit_id
    _create(demo_db, sys_actor, _input(home, "qtdv.cung.don.vi", {Role.UNIT_ADMIN}))
    with session_scope(demo_db) as s:
        unit_admin = auth.to_actor(auth.find_account(s, "qtdv.cung.don.vi"))
    acc = account_by_name(demo_db, target_name)
    for call in (
        lambda s: accounts.reset_password(s, unit_admin, target, OTHER_PASSWORD),
        lambda s: accounts.lock_account(s, unit_admin, target, "Thử chiếm quyền"),
        lambda s: accounts.deactivate_account(s, unit_admin, target, "Thử chiếm quyền"),
        lambda s: accounts.update_account(s, unit_admin, target, acc.version, _input(
            home, target_name, acc.roles, full_name=acc.full_name, email="ke.gian@example.com")),
    ):
        error = _refused(demo_db, PermissionDenied, call)
        assert str(error) == vi.ACC_HIGHER_ROLE.format(role=next(iter(acc.roles)).label)
    after = account_by_name(demo_db, target_name)
    assert check_password("DonDoc@2026", after.password_hash)
    assert after.status == AccountStatus.ACTIVE and after.email == acc.email


def test_unit_admin_cannot_lock_another_unit_admin(demo_db, actors, unit_ids):
    peer = _create(demo_db, actors["quantri"], _input(unit_ids["SXD"], "qtdv2.sxd", {Role.UNIT_ADMIN}))
    error = _refused(demo_db, PermissionDenied,
                     lambda s: accounts.lock_account(s, actors["quantri.sxd"], peer, "Tranh chấp quyền"))
    assert str(error) == vi.ACC_HIGHER_ROLE.format(role=Role.UNIT_ADMIN.label)
    with session_scope(demo_db) as s:  # the system administrator can
        accounts.lock_account(s, actors["quantri"], peer, "Tranh chấp quyền")
    assert account_by_name(demo_db, "qtdv2.sxd").status == AccountStatus.LOCKED


def test_unit_admin_may_edit_own_contact_details(demo_db, actors, unit_ids):
    me = actors["quantri.sxd"]
    acc = account_by_name(demo_db, "quantri.sxd")
    with session_scope(demo_db) as s:
        accounts.update_account(s, me, me.id, acc.version, _input(
            unit_ids["SXD"], "quantri.sxd", {Role.UNIT_ADMIN}, full_name=acc.full_name, phone="0909 123 456"))
    assert account_by_name(demo_db, "quantri.sxd").phone == "0909 123 456"


def test_role_change_bumps_credential_version(demo_db, actors, unit_ids):
    target = account_id(demo_db, "capnhat.sxd")
    before = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        old_login = auth.verify_login(s, "capnhat.sxd", "DonDoc@2026").token
    with session_scope(demo_db) as s:
        accounts.update_account(s, actors["quantri.sxd"], target, before.version, _input(
            unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_VIEWER}, full_name=before.full_name))
    after = account_by_name(demo_db, "capnhat.sxd")
    assert after.roles == {Role.UNIT_VIEWER}
    assert after.credential_version == before.credential_version + 1
    assert after.version == before.version + 1
    with session_scope(demo_db) as s:  # the open session of the account ends; a new log-in has the new roles
        assert auth.actor_for_session(s, old_login) is None
        new_login = auth.verify_login(s, "capnhat.sxd", "DonDoc@2026").token
    with session_scope(demo_db) as s:
        assert auth.actor_for_session(s, new_login).roles == {Role.UNIT_VIEWER}


def test_concurrent_edit_first_wins_second_gets_stale(demo_db, actors, unit_ids):
    target = account_id(demo_db, "capnhat.sxd")
    v = _row(demo_db, actors["quantri"], target).version
    assert _row(demo_db, actors["quantri.sxd"], target).version == v  # both admins loaded version v

    with session_scope(demo_db) as s:
        accounts.update_account(s, actors["quantri"], target, v, _input(
            unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_EDITOR}, full_name="Võ Thị Mai", position="Trưởng phòng"))
    error = _refused(demo_db, ConflictError, lambda s: accounts.update_account(
        s, actors["quantri.sxd"], target, v, _input(
            unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_EDITOR}, full_name="Võ Thị Mai", position="Chuyên viên chính")))
    assert str(error) == vi.ERR_STALE
    after = _row(demo_db, actors["quantri"], target)
    assert after.position == "Trưởng phòng" and after.version == v + 1


def test_concurrent_edit_detected_at_write_time(demo_db, actors, unit_ids):
    """Both requests read the row before either wrote: the database-level version check refuses the second."""
    target = account_id(demo_db, "capnhat.sxd")
    factory_session = session_scope(demo_db)
    second = factory_session.__enter__()
    loaded = second.get(Account, target)  # second admin's transaction has the row at version v
    v = loaded.version
    try:
        with session_scope(demo_db) as s:
            accounts.update_account(s, actors["quantri"], target, v, _input(
                unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_EDITOR}, full_name="Võ Thị Mai", position="Trưởng phòng"))
        with pytest.raises(ConflictError) as err:
            accounts.update_account(second, actors["quantri.sxd"], target, v, _input(
                unit_ids["SXD"], "capnhat.sxd", {Role.UNIT_EDITOR}, full_name="Võ Thị Mai", position="Khác"))
        assert str(err.value) == vi.ERR_STALE
    finally:
        second.rollback()
        second.close()
    assert account_by_name(demo_db, "capnhat.sxd").position == "Trưởng phòng"


@pytest.mark.parametrize("op", ["lock", "deactivate", "reset"])
def test_stale_version_refused_for_status_and_reset(demo_db, actors, op):
    target = account_id(demo_db, "capnhat.sxd")
    v = account_by_name(demo_db, "capnhat.sxd").version
    admin = actors["quantri.sxd"]
    calls = {
        "lock": lambda s: accounts.lock_account(s, admin, target, "Lý do", expected_version=v - 1),
        "deactivate": lambda s: accounts.deactivate_account(s, admin, target, "Lý do", expected_version=v - 1),
        "reset": lambda s: accounts.reset_password(s, admin, target, GOOD_PASSWORD, expected_version=v - 1),
    }
    error = _refused(demo_db, ConflictError, calls[op])
    assert str(error) == vi.ERR_STALE


# --------------------------------------------------------------------------- lock, unlock, deactivate, reset

@pytest.mark.parametrize("admin", ["quantri", "quantri.sxd"])
def test_lock_and_unlock(demo_db, actors, admin):
    target = account_id(demo_db, "capnhat.sxd")
    before = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors[admin], target, "Nghỉ phép dài hạn", expected_version=before.version)
    locked = account_by_name(demo_db, "capnhat.sxd")
    assert locked.status == AccountStatus.LOCKED
    assert locked.status_reason == "Nghỉ phép dài hạn"
    assert locked.credential_version == before.credential_version + 1
    with session_scope(demo_db) as s:
        assert auth.verify_login(s, "capnhat.sxd", "DonDoc@2026").ok is False
    with session_scope(demo_db) as s:
        accounts.unlock_account(s, actors[admin], target)
    unlocked = account_by_name(demo_db, "capnhat.sxd")
    assert unlocked.status == AccountStatus.ACTIVE and unlocked.status_reason is None
    assert unlocked.failed_logins == 0
    with session_scope(demo_db) as s:
        assert auth.verify_login(s, "capnhat.sxd", "DonDoc@2026").ok is True


@pytest.mark.parametrize("op", ["lock", "deactivate"])
def test_reason_required(demo_db, actors, op):
    target = account_id(demo_db, "capnhat.sxd")
    call = accounts.lock_account if op == "lock" else accounts.deactivate_account
    error = _refused(demo_db, ValidationError, lambda s: call(s, actors["quantri"], target, "   "))
    assert str(error) == vi.ACC_REASON_REQUIRED


@pytest.mark.parametrize(("admin", "op"), [
    ("quantri", "lock"), ("quantri", "deactivate"), ("quantri.sxd", "lock"), ("quantri.sxd", "deactivate"),
])
def test_self_lock_refused(demo_db, actors, admin, op):
    actor = actors[admin]
    call = accounts.lock_account if op == "lock" else accounts.deactivate_account
    error = _refused(demo_db, ValidationError, lambda s: call(s, actor, actor.id, "Tự khóa"))
    assert str(error) == vi.ACC_NOT_SELF
    assert account_by_name(demo_db, admin).status == AccountStatus.ACTIVE


def test_system_admin_cannot_drop_own_admin_role(demo_db, actors, unit_ids):
    me = actors["quantri"]
    acc = account_by_name(demo_db, "quantri")
    error = _refused(demo_db, ValidationError, lambda s: accounts.update_account(
        s, me, me.id, acc.version, _input(acc.unit_id, "quantri", {Role.LEADER}, full_name=acc.full_name)))
    assert str(error) == vi.ACC_NOT_SELF
    assert account_by_name(demo_db, "quantri").roles == {Role.SYSTEM_ADMIN}


@pytest.mark.parametrize("admin", ["quantri", "quantri.laplvo"])
def test_deactivated_account_keeps_history(demo_db, actors, admin):
    target = account_id(demo_db, "capnhat.laplvo")
    with session_scope(demo_db) as s:  # the account has a history: a log-in
        assert auth.verify_login(s, "capnhat.laplvo", "DonDoc@2026").ok
    with session_scope(demo_db) as s:
        accounts.deactivate_account(s, actors[admin], target, "Chuyển công tác sang Sở Nội vụ")
    acc = account_by_name(demo_db, "capnhat.laplvo")
    assert acc is not None and acc.id == target  # never physically deleted
    assert acc.status == AccountStatus.DEACTIVATED
    assert acc.status_reason == "Chuyển công tác sang Sở Nội vụ"
    assert acc.roles == {Role.UNIT_EDITOR}
    with session_scope(demo_db) as s:
        logins = s.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(
            AuditLog.action == AuditAction.LOGIN, AuditLog.entity_id == str(target)))
        assert logins == 1
        result = auth.verify_login(s, "capnhat.laplvo", "DonDoc@2026")
    assert not result.ok and result.message == vi.LOGIN_DEACTIVATED
    with session_scope(demo_db) as s:
        listed = accounts.list_accounts(s, actors[admin], status=AccountStatus.DEACTIVATED)
    assert [r.username for r in listed] == ["capnhat.laplvo"]


@pytest.mark.parametrize("admin", ["quantri", "quantri.sxd"])
def test_reset_password(demo_db, actors, admin):
    target = account_id(demo_db, "capnhat.sxd")
    before = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.reset_password(s, actors[admin], target, OTHER_PASSWORD)
    after = account_by_name(demo_db, "capnhat.sxd")
    assert check_password(OTHER_PASSWORD, after.password_hash)
    assert not check_password("DonDoc@2026", after.password_hash)
    assert after.must_change_password is True
    assert after.credential_version == before.credential_version + 1
    assert after.password_changed_at > before.password_changed_at
    with session_scope(demo_db) as s:
        assert auth.password_change_reason(s, target) == vi.PW_FIRST_LOGIN


def test_reset_password_weak_refused(demo_db, actors):
    target = account_id(demo_db, "capnhat.sxd")
    error = _refused(demo_db, ValidationError,
                     lambda s: accounts.reset_password(s, actors["quantri.sxd"], target, "12345678"))
    assert vi.PW_WEAK.format(score=0, min=3) in str(error)
    assert check_password("DonDoc@2026", account_by_name(demo_db, "capnhat.sxd").password_hash)


def test_unit_admin_of_successor_manages_accounts_moved_by_merger(demo_db, actors, unit_ids):
    """After a merger the successor's unit admin manages the accounts that came with the merged unit."""
    with session_scope(demo_db) as s:
        v = units.get_unit(s, unit_ids["SXD"]).version
    with session_scope(demo_db) as s:
        units.merge_unit(s, actors["quantri"], unit_ids["SXD"], v, successor_id=unit_ids["X-LAPVO"],
                         on_date=date(2026, 1, 1))
    target = account_id(demo_db, "tracuu.sxd")
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri.laplvo"], target, "Sắp xếp lại")
    assert account_by_name(demo_db, "tracuu.sxd").status == AccountStatus.LOCKED


def test_audit_of_account_writes_has_actor(demo_db, actors, unit_ids):
    start = max_audit_id(demo_db)
    target = account_id(demo_db, "tracuu.sxd")
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri.sxd"], target, "Nghỉ việc")
    rows = [r for r in audit_since(demo_db, start) if r["entity"] == "accounts"]
    assert len(rows) == 1
    assert rows[0]["actor_id"] == actors["quantri.sxd"].id
    assert rows[0]["before"]["status"] == "active" and rows[0]["after"]["status"] == "locked"


# --------------------------------------------------------------------------- the PAR administrator (issue 8, item 4)
# Seed 004 art. 6.2: units use the PAR software with accounts the Department of Home Affairs provides; art. 9.1:
# it manages the accounts and resets their passwords. Here: the working group's and the council's accounts only.

PAR_ADMIN = "cchc.snv"
NOT_PAR_ROLES = [r for r in Role if r not in (Role.PAR_ASSESSOR, Role.PAR_COUNCIL)]


@pytest.mark.parametrize(("unit_code", "roles"), [
    ("SNV", {Role.PAR_ASSESSOR}),
    ("SNV", {Role.PAR_COUNCIL}),
    ("STC", {Role.PAR_COUNCIL}),                      # a council member from another department
    ("X-LAPVO", {Role.PAR_ASSESSOR, Role.PAR_COUNCIL}),
], ids=["assessor", "council", "council-other-unit", "both-commune"])
def test_par_admin_creates_par_accounts(demo_db, actors, unit_ids, unit_code, roles):
    new_id = _create(demo_db, actors[PAR_ADMIN], _input(unit_ids[unit_code], "thanhvien.cchc", roles))
    acc = account_by_name(demo_db, "thanhvien.cchc")
    assert acc.id == new_id and acc.roles == frozenset(roles) and acc.unit_id == unit_ids[unit_code]
    assert acc.must_change_password and all(r.granted_by_id == actors[PAR_ADMIN].id for r in acc.role_rows)
    assert _login_ok(demo_db, "thanhvien.cchc", GOOD_PASSWORD)


@pytest.mark.parametrize("role", NOT_PAR_ROLES, ids=lambda r: r.value)
def test_par_admin_cannot_grant_other_roles(demo_db, actors, unit_ids, role):
    for roles in ({role}, {role, Role.PAR_ASSESSOR}):
        error = _refused(demo_db, PermissionDenied, lambda s, r=roles: accounts.create_account(
            s, actors[PAR_ADMIN], _input(unit_ids["SNV"], "leo.quyen", r), GOOD_PASSWORD))
        assert str(error) == vi.ACC_ROLE_NOT_GRANTABLE.format(role=role.label)
    assert account_by_name(demo_db, "leo.quyen") is None


@pytest.mark.parametrize("target_name", ["tgv.snv", "hoidong.snv"])
def test_par_admin_resets_par_passwords(demo_db, actors, target_name):
    target = account_id(demo_db, target_name)
    with session_scope(demo_db) as s:
        accounts.reset_password(s, actors[PAR_ADMIN], target, OTHER_PASSWORD)
    after = account_by_name(demo_db, target_name)
    assert after.must_change_password and check_password(OTHER_PASSWORD, after.password_hash)
    assert _login_ok(demo_db, target_name, OTHER_PASSWORD)


def test_par_admin_lists_only_par_accounts(demo_db, actors, unit_ids):
    _create(demo_db, actors["quantri"], _input(unit_ids["SXD"], "hon.hop", {Role.PAR_ASSESSOR, Role.UNIT_EDITOR}))
    _create(demo_db, actors[PAR_ADMIN], _input(unit_ids["STC"], "hoidong.stc", {Role.PAR_COUNCIL}))
    with session_scope(demo_db) as s:
        listed = {r.username for r in accounts.list_accounts(s, actors[PAR_ADMIN])}
    assert listed == {"tgv.snv", "hoidong.snv", "hoidong.stc"}


@pytest.mark.parametrize("target_name", ["capnhat.sxd", "quantri", "lanhdao", "quantri.sxd", "hon.hop", "cchc.peer"])
def test_par_admin_cannot_touch_other_accounts(demo_db, actors, unit_ids, target_name):
    """Accounts holding any role outside the PAR appraisal (a second PAR administrator too) are not theirs."""
    if target_name == "hon.hop":
        _create(demo_db, actors["quantri"], _input(unit_ids["SNV"], "hon.hop", {Role.PAR_ASSESSOR, Role.UNIT_EDITOR}))
    if target_name == "cchc.peer":
        _create(demo_db, actors["quantri"], _input(unit_ids["SNV"], "cchc.peer", {Role.PAR_ADMIN}))
    target = account_id(demo_db, target_name)
    before = account_by_name(demo_db, target_name)
    for call in (lambda s: accounts.reset_password(s, actors[PAR_ADMIN], target, OTHER_PASSWORD),
                 lambda s: accounts.get_account(s, actors[PAR_ADMIN], target)):
        assert str(_refused(demo_db, PermissionDenied, call)) == vi.ERR_OUT_OF_SCOPE
    assert account_by_name(demo_db, target_name).password_hash == before.password_hash


def test_par_admin_only_creates_and_resets(demo_db, actors, unit_ids):
    """Editing, locking, unlocking and deactivating stay with the system and unit administrators."""
    target = account_id(demo_db, "tgv.snv")
    acc = account_by_name(demo_db, "tgv.snv")
    par_admin = actors[PAR_ADMIN]
    for call in (
        lambda s: accounts.update_account(s, par_admin, target, acc.version, _input(
            unit_ids["SNV"], "tgv.snv", {Role.PAR_ASSESSOR, Role.PAR_COUNCIL}, full_name=acc.full_name)),
        lambda s: accounts.lock_account(s, par_admin, target, "Thử"),
        lambda s: accounts.unlock_account(s, par_admin, target),
        lambda s: accounts.deactivate_account(s, par_admin, target, "Thử"),
    ):
        assert str(_refused(demo_db, PermissionDenied, call)) == vi.ACC_ACTION_NOT_ALLOWED
    assert accounts.allowed_actions(par_admin) == {AccountAction.CREATE, AccountAction.RESET_PASSWORD}
    assert accounts.allowed_actions(actors["quantri.sxd"]) == set(AccountAction)


def test_unit_admin_who_is_also_par_admin_keeps_each_scope(demo_db, actors, unit_ids):
    """The unit roles stay within the own unit's subtree; the PAR roles reach every unit."""
    _create(demo_db, actors["quantri"], _input(unit_ids["SNV"], "kiemnhiem.snv", {Role.UNIT_ADMIN, Role.PAR_ADMIN}))
    with session_scope(demo_db) as s:
        both = auth.to_actor(auth.find_account(s, "kiemnhiem.snv"))
    error = _refused(demo_db, PermissionDenied, lambda s: accounts.create_account(
        s, both, _input(unit_ids["STC"], "capnhat.moi", {Role.UNIT_EDITOR}), GOOD_PASSWORD))
    assert str(error) == vi.ERR_OUT_OF_SCOPE
    _create(demo_db, both, _input(unit_ids["STC"], "tgv.stc", {Role.PAR_ASSESSOR}))
    _create(demo_db, both, _input(unit_ids["SNV"], "capnhat.snv", {Role.UNIT_EDITOR}))
    with session_scope(demo_db) as s:
        listed = {r.username for r in accounts.list_accounts(s, both)}
        # a unit editor of another unit is neither listed nor changeable
        with pytest.raises(PermissionDenied):
            accounts.reset_password(s, both, account_id(demo_db, "capnhat.sxd"), OTHER_PASSWORD)
    assert {"tgv.stc", "capnhat.snv", "tgv.snv", "hoidong.snv", "cchc.snv"} <= listed
    assert "capnhat.sxd" not in listed and "kehoach.stc" not in listed


def _login_ok(engine, username: str, password: str) -> bool:  # noqa: ANN001
    with session_scope(engine) as s:
        return auth.verify_login(s, username, password).ok
