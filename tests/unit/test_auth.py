"""Log-in, lock-out after failed attempts, session checks, one's own password (seed 003 art. 4.2, 9.1)."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from lib import vi
from lib.db import session_scope
from lib.demo import DEMO_PASSWORD
from lib.enums import AccountStatus, AuditAction, Role
from lib.errors import ValidationError
from lib.models import Account, AuditLog
from lib.models.base import utcnow
from lib.passwords import check_password
from lib.services import accounts, auth, password_policy, settings
from tests.unit.core_helpers import GOOD_PASSWORD, OTHER_PASSWORD, account_by_name, audit_since, max_audit_id


def _login(engine, username: str, password: str) -> auth.LoginResult:  # noqa: ANN001
    with session_scope(engine) as s:  # one log-in attempt = one request = one transaction
        return auth.verify_login(s, username, password)


def _set(engine, actor, **values) -> None:  # noqa: ANN001
    with session_scope(engine) as s:
        settings.update(s, actor, values)


# --------------------------------------------------------------------------- verify_login

@pytest.mark.parametrize("username", ["capnhat.sxd", "CapNhat.SXD", "  capnhat.sxd  "], ids=["plain", "case", "spaces"])
def test_login_ok(demo_db, username):
    result = _login(demo_db, username, DEMO_PASSWORD)
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert result.ok and result.message == ""
    assert result.account_id == acc.id
    assert result.credential_version == acc.credential_version
    assert acc.last_login_at is not None


@pytest.mark.parametrize(("username", "password"), [
    ("capnhat.sxd", "sai-mat-khau"),
    ("capnhat.sxd", ""),
    ("capnhat.sxd", DEMO_PASSWORD.lower()),
    ("khongtontai", DEMO_PASSWORD),
], ids=["wrong", "empty", "case-of-password", "unknown-user"])
def test_login_bad(demo_db, username, password):
    result = _login(demo_db, username, password)
    assert not result.ok
    assert result.account_id is None
    assert result.message.startswith(vi.LOGIN_BAD)  # never tells which of the two was wrong


def test_unknown_user_is_not_an_account_failure(demo_db):
    _login(demo_db, "khongtontai", "x")
    assert all(a.failed_logins == 0 for a in _all_accounts(demo_db))


def _all_accounts(engine) -> list[Account]:  # noqa: ANN001
    with session_scope(engine) as s:
        return list(s.scalars(sa.select(Account)))


@pytest.mark.parametrize("limit", [5, 3], ids=["default-5", "setting-3"])
def test_repeated_failures_lock_the_account(demo_db, actors, limit):
    if limit != 5:
        _set(demo_db, actors["quantri"], max_failed_logins=limit)
    for attempt in range(1, limit):
        result = _login(demo_db, "capnhat.sxd", f"sai-{attempt}")
        assert not result.ok
        assert result.message == vi.LOGIN_BAD_REMAINING.format(left=limit - attempt)
        assert account_by_name(demo_db, "capnhat.sxd").status == AccountStatus.ACTIVE
    before = account_by_name(demo_db, "capnhat.sxd")
    result = _login(demo_db, "capnhat.sxd", "sai-lan-cuoi")
    assert not result.ok
    assert "bị khóa" in result.message and f"{limit} lần" in result.message
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert acc.status == AccountStatus.LOCKED
    assert acc.failed_logins == limit
    assert acc.credential_version == before.credential_version + 1
    assert acc.version == before.version + 1  # an admin editing the account meanwhile gets a stale error
    # locked: even the right password is refused, and nothing unlocks it by itself
    right = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert not right.ok and right.message == vi.LOGIN_LOCKED
    assert account_by_name(demo_db, "capnhat.sxd").status == AccountStatus.LOCKED


def test_failed_counter_reset_on_success(demo_db):
    for _ in range(4):
        _login(demo_db, "capnhat.sxd", "sai")
    assert account_by_name(demo_db, "capnhat.sxd").failed_logins == 4
    assert _login(demo_db, "capnhat.sxd", DEMO_PASSWORD).ok
    assert account_by_name(demo_db, "capnhat.sxd").failed_logins == 0
    # the count starts again: four more wrong attempts do not lock
    for _ in range(4):
        assert not _login(demo_db, "capnhat.sxd", "sai").ok
    assert account_by_name(demo_db, "capnhat.sxd").status == AccountStatus.ACTIVE


def test_failures_of_one_account_do_not_touch_another(demo_db):
    for _ in range(5):
        _login(demo_db, "capnhat.sxd", "sai")
    assert account_by_name(demo_db, "tracuu.sxd").failed_logins == 0
    assert _login(demo_db, "tracuu.sxd", DEMO_PASSWORD).ok


def test_locked_by_admin_refused_with_right_password(demo_db, actors):
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri.sxd"], acc.id, "Tạm khóa")
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert not result.ok and result.message == vi.LOGIN_LOCKED


def test_deactivated_refused(demo_db, actors):
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.deactivate_account(s, actors["quantri"], acc.id, "Nghỉ hưu")
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert not result.ok and result.message == vi.LOGIN_DEACTIVATED


def test_login_events_are_audited(demo_db):
    start = max_audit_id(demo_db)
    acc = account_by_name(demo_db, "capnhat.sxd")
    _login(demo_db, "capnhat.sxd", "sai")
    _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    _login(demo_db, "ai.do", "x")
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows] == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN, AuditAction.LOGIN_FAILED]
    failed, ok, unknown = rows
    assert failed["entity"] == "accounts" and failed["entity_id"] == str(acc.id)
    assert failed["after"] == {"failed_logins": 1}
    assert failed["unit_id"] == acc.unit_id
    assert ok["actor_id"] == acc.id and ok["actor_name"] == "Võ Thị Mai" and ok["entity_id"] == str(acc.id)
    assert unknown["summary"] == "ai.do" and unknown["entity_id"] is None
    assert DEMO_PASSWORD not in "".join(r["raw"] for r in rows)


def test_lock_out_is_audited(demo_db, actors):
    _set(demo_db, actors["quantri"], max_failed_logins=3)
    start = max_audit_id(demo_db)
    for _ in range(3):
        _login(demo_db, "capnhat.sxd", "sai")
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows].count(AuditAction.LOGIN_FAILED) == 3
    locks = [r for r in rows if r["action"] == AuditAction.UPDATE]
    assert len(locks) == 1 and locks[0]["after"] == {"status": "locked", "failed_logins": 3}


# --------------------------------------------------------------------------- actor_for_session

def _session_actor(engine, account_id: int, credential_version: int):  # noqa: ANN001, ANN202
    with session_scope(engine) as s:
        return auth.actor_for_session(s, account_id, credential_version)


def test_actor_for_session_ok(demo_db):
    result = _login(demo_db, "quantri.sxd", DEMO_PASSWORD)
    actor = _session_actor(demo_db, result.account_id, result.credential_version)
    assert actor is not None
    assert actor.username == "quantri.sxd" and actor.roles == {Role.UNIT_ADMIN}
    assert _session_actor(demo_db, None, None) is None
    assert _session_actor(demo_db, 987654, 1) is None


@pytest.mark.parametrize("event", ["admin-lock", "auto-lock", "deactivate", "reset-password", "own-password"])
def test_actor_for_session_ends(demo_db, actors, event):
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    acc_id, cred = result.account_id, result.credential_version
    assert _session_actor(demo_db, acc_id, cred) is not None
    with session_scope(demo_db) as s:
        if event == "admin-lock":
            accounts.lock_account(s, actors["quantri.sxd"], acc_id, "Khóa")
        elif event == "deactivate":
            accounts.deactivate_account(s, actors["quantri.sxd"], acc_id, "Chuyển công tác")
        elif event == "reset-password":
            accounts.reset_password(s, actors["quantri.sxd"], acc_id, GOOD_PASSWORD)
        elif event == "own-password":
            # the same person changes the password in another browser: this session ends
            auth.change_own_password(s, actors["capnhat.sxd"], DEMO_PASSWORD, GOOD_PASSWORD, GOOD_PASSWORD)
    if event == "auto-lock":
        for _ in range(5):
            _login(demo_db, "capnhat.sxd", "sai")
    assert _session_actor(demo_db, acc_id, cred) is None


def test_actor_for_session_after_unlock_needs_new_login(demo_db, actors):
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri.sxd"], result.account_id, "Khóa")
    with session_scope(demo_db) as s:
        accounts.unlock_account(s, actors["quantri.sxd"], result.account_id)
    assert _session_actor(demo_db, result.account_id, result.credential_version) is None
    fresh = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert _session_actor(demo_db, fresh.account_id, fresh.credential_version) is not None


# --------------------------------------------------------------------------- change_own_password

@pytest.mark.parametrize(("old", "new", "confirm", "expected", "field"), [
    ("Sai@2026", GOOD_PASSWORD, GOOD_PASSWORD, vi.PW_OLD_WRONG, "old"),
    (DEMO_PASSWORD, GOOD_PASSWORD, OTHER_PASSWORD, vi.PW_MISMATCH, "confirm"),
    (DEMO_PASSWORD, DEMO_PASSWORD, DEMO_PASSWORD, vi.PW_SAME_AS_OLD, "new"),
    (DEMO_PASSWORD, "abc", "abc", "Mật khẩu phải có ít nhất 8 ký tự.", "password"),
    # Strength by zxcvbn (issue 8, item 3): what the old class-counting rules let through.
    (DEMO_PASSWORD, "Password1", "Password1", "Đây là một mật khẩu rất phổ biến.", "password"),
    (DEMO_PASSWORD, "Qwerty123", "Qwerty123", "độ mạnh 0/4, cần tối thiểu 3/4", "password"),
    (DEMO_PASSWORD, "capnhat.sxd1", "capnhat.sxd1", vi.PW_PERSONAL, "password"),
    (DEMO_PASSWORD, "Capnhat.sxd#1", "Capnhat.sxd#1", vi.PW_PERSONAL, "password"),
    (DEMO_PASSWORD, "VoThiMai@2026", "VoThiMai@2026", vi.PW_PERSONAL, "password"),      # her full name
    (DEMO_PASSWORD, "SoXayDung@2026", "SoXayDung@2026", vi.PW_PERSONAL, "password"),    # her unit
    (DEMO_PASSWORD, "dondoc2026!", "dondoc2026!", vi.PW_PERSONAL, "password"),          # the product
], ids=["wrong-old", "mismatch", "same-as-old", "too-short", "Password1", "Qwerty123", "username-digit",
        "contains-username", "full-name", "unit-name", "product-name"])
def test_change_own_password_refused(demo_db, actors, old, new, confirm, expected, field):
    before = account_by_name(demo_db, "capnhat.sxd")
    start = max_audit_id(demo_db)
    with pytest.raises(ValidationError) as err, session_scope(demo_db) as s:
        auth.change_own_password(s, actors["capnhat.sxd"], old, new, confirm)
    assert expected in str(err.value)
    assert err.value.field == field
    after = account_by_name(demo_db, "capnhat.sxd")
    assert after.password_hash == before.password_hash
    assert after.credential_version == before.credential_version
    assert audit_since(demo_db, start) == []


def test_change_own_password_success(demo_db, actors):
    # an account that must change its password at first log-in
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.reset_password(s, actors["quantri.sxd"], acc.id, OTHER_PASSWORD)
    before = account_by_name(demo_db, "capnhat.sxd")
    assert before.must_change_password
    with session_scope(demo_db) as s:
        new_version = auth.change_own_password(s, actors["capnhat.sxd"], OTHER_PASSWORD, GOOD_PASSWORD,
                                               GOOD_PASSWORD)
    after = account_by_name(demo_db, "capnhat.sxd")
    assert after.must_change_password is False
    assert after.credential_version == before.credential_version + 1 == new_version
    assert check_password(GOOD_PASSWORD, after.password_hash)
    assert after.password_changed_at > before.password_changed_at
    assert _session_actor(demo_db, acc.id, new_version) is not None  # the session that changed it goes on
    assert _login(demo_db, "capnhat.sxd", GOOD_PASSWORD).ok
    assert not _login(demo_db, "capnhat.sxd", OTHER_PASSWORD).ok
    with session_scope(demo_db) as s:
        assert auth.password_change_reason(s, acc.id) is None


# --------------------------------------------------------------------------- password_change_reason

def _reason(engine, account_id: int, now=None):  # noqa: ANN001, ANN202
    with session_scope(engine) as s:
        return auth.password_change_reason(s, account_id, now=now)


def test_first_login_must_change_password(demo_db, actors, unit_ids):
    with session_scope(demo_db) as s:
        new_id = accounts.create_account(s, actors["quantri.sxd"], accounts.AccountInput(
            "moi.sxd", "Người Mới", unit_ids["SXD"], {Role.UNIT_EDITOR}), GOOD_PASSWORD)
    assert _login(demo_db, "moi.sxd", GOOD_PASSWORD).ok
    assert _reason(demo_db, new_id) == vi.PW_FIRST_LOGIN


@pytest.mark.parametrize(("max_age", "age_days", "expired"), [
    (90, 89, False), (90, 91, True), (30, 31, True), (30, 29, False), (0, 3650, False),
], ids=["90-not-yet", "90-expired", "30-expired", "30-not-yet", "0-disables"])
def test_password_expiry(demo_db, actors, max_age, age_days, expired):
    if max_age != 90:
        _set(demo_db, actors["quantri"], password_max_age_days=max_age)
    acc = account_by_name(demo_db, "capnhat.sxd")
    now = acc.password_changed_at + timedelta(days=age_days)
    reason = _reason(demo_db, acc.id, now=now)
    if expired:
        assert reason == vi.PW_EXPIRED.format(days=max_age)
        assert f"{max_age} ngày" in reason
    else:
        assert reason is None


def test_password_expiry_default_is_90_days(demo_db):
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert _reason(demo_db, acc.id, now=utcnow()) is None
    assert _reason(demo_db, acc.id, now=acc.password_changed_at + timedelta(days=90, hours=1)) == \
        vi.PW_EXPIRED.format(days=90)


def test_password_change_reason_unknown_account(demo_db):
    assert _reason(demo_db, 987654) is None


def test_policy_text_follows_settings(demo_db, actors):
    _set(demo_db, actors["quantri"], password_min_length=12, password_min_score=4, password_max_age_days=0)
    with session_scope(demo_db) as s:
        text = password_policy.describe(s)
    assert "ít nhất 12 ký tự" in text and "tối thiểu 4/4" in text and "phải được đổi sau" not in text


def test_no_audit_row_for_audit_log_itself(demo_db):
    _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(AuditLog.entity == "audit_log")) == 0
