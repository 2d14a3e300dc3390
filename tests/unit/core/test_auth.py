"""Log-in, lock-out after failed attempts, session checks, one's own password (seed 003 art. 4.2, 9.1)."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from lib.core import vi
from lib.core.db import session_scope
from lib.core.demo import DEMO_PASSWORD
from lib.core.enums import AccountStatus, AuditAction, Role
from lib.core.errors import ValidationError
from lib.core.models import Account, AuditLog
from lib.core.models.base import utcnow
from lib.core.passwords import check_password
from lib.core.services import accounts, auth, password_policy, settings
from tests.unit.core_helpers import GOOD_PASSWORD, OTHER_PASSWORD, account_by_name, audit_since, max_audit_id


def _login(engine, username: str, password: str) -> auth.LoginResult:  # noqa: ANN001
    with session_scope(engine) as s:  # one log-in attempt = one request = one transaction
        return auth.verify_login(s, username, password)


def _set(engine, actor, **values) -> None:  # noqa: ANN001
    with session_scope(engine) as s:
        settings.update(s, actor, values)


# --------------------------------------------------------------------------- verify_login

def _failed(engine) -> str:  # noqa: ANN001
    with session_scope(engine) as s:
        return auth.failed_message(s)


@pytest.mark.parametrize("username", ["capnhat.sxd", "CapNhat.SXD", "  capnhat.sxd  "], ids=["plain", "case", "spaces"])
def test_login_ok(demo_db, username):
    result = _login(demo_db, username, DEMO_PASSWORD)
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert result.ok and result.message == ""
    assert result.account_id == acc.id
    assert result.credential_version == acc.credential_version
    assert acc.last_login_at is not None
    assert _session_actor(demo_db, result.token).id == acc.id  # a live log-in record


@pytest.mark.parametrize(("username", "password"), [
    ("capnhat.sxd", "sai-mat-khau"),
    ("capnhat.sxd", ""),
    ("capnhat.sxd", DEMO_PASSWORD.lower()),
    ("khongtontai", DEMO_PASSWORD),
], ids=["wrong", "empty", "case-of-password", "unknown-user"])
def test_login_bad(demo_db, username, password):
    result = _login(demo_db, username, password)
    assert not result.ok
    assert result.account_id is None and result.token is None
    # one text for a wrong password and an unknown name: it never tells whether the user name exists
    assert result.message == _failed(demo_db)
    assert result.message.startswith("Tên đăng nhập hoặc mật khẩu không đúng")
    assert "5 lần" in result.message and "15 phút" in result.message


def test_wrong_password_and_unknown_user_answer_alike_every_time(demo_db):
    """Before the limit, too: no 'N attempts left' that only an existing account would get."""
    for _ in range(4):
        assert _login(demo_db, "capnhat.sxd", "sai").message == _login(demo_db, "khongtontai", "sai").message


def test_unknown_user_costs_a_password_hash(demo_db, monkeypatch):
    """An unknown name is checked against a dummy hash, so it takes as long as a wrong password."""
    from lib.core import passwords

    checked: list[str] = []
    real = passwords.check_password
    monkeypatch.setattr(passwords, "check_password", lambda p, h: checked.append(h) or real(p, h))
    _login(demo_db, "khongtontai", "x")
    _login(demo_db, "capnhat.sxd", "x")
    assert len(checked) == 2
    assert checked[0].startswith((passwords.PREHASHED, "$2b$")) and checked[0] != account_by_name(demo_db, "capnhat.sxd").password_hash


def test_unknown_user_is_not_an_account_failure(demo_db):
    _login(demo_db, "khongtontai", "x")
    assert all(a.failed_logins == 0 for a in _all_accounts(demo_db))


def _all_accounts(engine) -> list[Account]:  # noqa: ANN001
    with session_scope(engine) as s:
        return list(s.scalars(sa.select(Account)))


def _lockout_ends(engine, username: str) -> None:  # noqa: ANN001
    """Time passes: the temporary lockout is over."""
    with session_scope(engine) as s:
        s.execute(sa.update(Account).where(Account.username == username)
                  .values(locked_until=utcnow() - timedelta(seconds=1)))


def _fail(engine, username: str, times: int) -> None:  # noqa: ANN001
    for _ in range(times):
        assert not _login(engine, username, "sai").ok


@pytest.mark.parametrize(("limit", "minutes"), [(5, 15), (3, 7)], ids=["defaults", "settings"])
def test_repeated_failures_lock_the_account_for_a_while(demo_db, actors, limit, minutes):
    if limit != 5:
        _set(demo_db, actors["quantri"], max_failed_logins=limit, lockout_minutes=minutes)
    _fail(demo_db, "capnhat.sxd", limit - 1)
    assert account_by_name(demo_db, "capnhat.sxd").locked_until is None
    before = account_by_name(demo_db, "capnhat.sxd")
    start = utcnow()
    result = _login(demo_db, "capnhat.sxd", "sai-lan-cuoi")
    assert not result.ok and result.message == _failed(demo_db)
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert acc.status == AccountStatus.ACTIVE  # not the administrator's lock
    assert start + timedelta(minutes=minutes) <= acc.locked_until <= utcnow() + timedelta(minutes=minutes)
    assert acc.lockouts == 1 and acc.failed_logins == 0
    assert acc.version == before.version + 1  # an admin editing the account meanwhile gets a stale error
    # meanwhile even the right password is refused, with the same answer (the password is not even checked)
    right = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert not right.ok and right.message == _failed(demo_db)
    # and the lockout ends by itself
    _lockout_ends(demo_db, "capnhat.sxd")
    assert _login(demo_db, "capnhat.sxd", DEMO_PASSWORD).ok


def test_repeat_lockouts_double_until_a_good_login(demo_db):
    expected = [15, 30, 60]
    for minutes in expected:
        start = utcnow()
        _fail(demo_db, "capnhat.sxd", 5)
        acc = account_by_name(demo_db, "capnhat.sxd")
        assert start + timedelta(minutes=minutes) <= acc.locked_until <= utcnow() + timedelta(minutes=minutes)
        _lockout_ends(demo_db, "capnhat.sxd")
    assert account_by_name(demo_db, "capnhat.sxd").lockouts == 3
    assert _login(demo_db, "capnhat.sxd", DEMO_PASSWORD).ok
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert acc.lockouts == 0 and acc.locked_until is None
    start = utcnow()
    _fail(demo_db, "capnhat.sxd", 5)
    assert account_by_name(demo_db, "capnhat.sxd").locked_until <= utcnow() + timedelta(minutes=15)
    assert account_by_name(demo_db, "capnhat.sxd").locked_until >= start + timedelta(minutes=15)


@pytest.mark.parametrize(("base", "earlier", "minutes"), [
    (15, 0, 15), (15, 1, 30), (15, 2, 60), (15, 6, 960), (15, 7, 1440), (15, 500, 1440), (1, 3, 8),
])
def test_lockout_duration(base, earlier, minutes):
    assert auth.lockout_duration(base, earlier) == timedelta(minutes=minutes)


def test_lockout_minutes_setting_has_limits(demo_db, actors):
    for bad in (0, 1441):
        with pytest.raises(ValidationError), session_scope(demo_db) as s:
            settings.update(s, actors["quantri"], {"lockout_minutes": bad})
    with session_scope(demo_db) as s:
        assert settings.get(s, "lockout_minutes") == 15


def test_the_only_system_administrator_is_locked_out_only_for_a_while(demo_db):
    """Five wrong passwords against the only system administrator: back in after the lockout, no SQL needed."""
    _fail(demo_db, "quantri", 5)
    acc = account_by_name(demo_db, "quantri")
    assert acc.status == AccountStatus.ACTIVE and acc.locked_until is not None
    _lockout_ends(demo_db, "quantri")
    assert _login(demo_db, "quantri", DEMO_PASSWORD).ok


def test_failed_counter_reset_on_success(demo_db):
    _fail(demo_db, "capnhat.sxd", 4)
    assert account_by_name(demo_db, "capnhat.sxd").failed_logins == 4
    assert _login(demo_db, "capnhat.sxd", DEMO_PASSWORD).ok
    assert account_by_name(demo_db, "capnhat.sxd").failed_logins == 0
    # the count starts again: four more wrong attempts do not lock
    _fail(demo_db, "capnhat.sxd", 4)
    assert account_by_name(demo_db, "capnhat.sxd").locked_until is None


def test_failures_of_one_account_do_not_touch_another(demo_db):
    _fail(demo_db, "capnhat.sxd", 5)
    assert account_by_name(demo_db, "tracuu.sxd").failed_logins == 0
    assert _login(demo_db, "tracuu.sxd", DEMO_PASSWORD).ok


@pytest.mark.parametrize("status", ["locked", "deactivated"])
def test_admin_locked_or_deactivated(demo_db, actors, status):
    """The state is told only to someone who knows the password; a wrong password gets the common answer."""
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        if status == "locked":
            accounts.lock_account(s, actors["quantri.sxd"], acc.id, "Tạm khóa")
        else:
            accounts.deactivate_account(s, actors["quantri"], acc.id, "Nghỉ hưu")
    right = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert not right.ok and right.token is None
    assert right.message == (vi.LOGIN_LOCKED if status == "locked" else vi.LOGIN_DEACTIVATED)
    wrong = _login(demo_db, "capnhat.sxd", "sai")
    assert not wrong.ok and wrong.message == _failed(demo_db)
    assert account_by_name(demo_db, "capnhat.sxd").failed_logins == 0


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
    _fail(demo_db, "capnhat.sxd", 3)
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows].count(AuditAction.LOGIN_FAILED) == 3
    locks = [r for r in rows if r["action"] == AuditAction.UPDATE]
    assert len(locks) == 1 and set(locks[0]["after"]) == {"locked_until", "failed_logins"}
    assert locks[0]["after"]["failed_logins"] == 3


@pytest.mark.parametrize("state", ["temporary", "locked", "deactivated"])
def test_attempts_on_a_locked_account_are_audited(demo_db, actors, state):
    acc = account_by_name(demo_db, "capnhat.sxd")
    if state == "temporary":
        _fail(demo_db, "capnhat.sxd", 5)
    else:
        with session_scope(demo_db) as s:
            if state == "locked":
                accounts.lock_account(s, actors["quantri.sxd"], acc.id, "Khóa")
            else:
                accounts.deactivate_account(s, actors["quantri"], acc.id, "Nghỉ hưu")
    start = max_audit_id(demo_db)
    _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    _login(demo_db, "capnhat.sxd", "sai")
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows] == [AuditAction.LOGIN_FAILED] * 2
    assert all(r["entity_id"] == str(acc.id) for r in rows)
    key = "locked_until" if state == "temporary" else "status"
    assert all(key in r["after"] for r in rows)
    if state != "temporary":
        assert rows[0]["after"]["status"] == state


# --------------------------------------------------------------------------- log-in records and actor_for_session

def _session_actor(engine, token: str | None, username: str | None = None):  # noqa: ANN001, ANN202
    with session_scope(engine) as s:
        return auth.actor_for_session(s, token, username)


def test_actor_for_session_ok(demo_db):
    result = _login(demo_db, "quantri.sxd", DEMO_PASSWORD)
    actor = _session_actor(demo_db, result.token)
    assert actor is not None
    assert actor.username == "quantri.sxd" and actor.roles == {Role.UNIT_ADMIN}
    assert _session_actor(demo_db, result.token, "quantri.sxd") is not None
    assert _session_actor(demo_db, None) is None
    assert _session_actor(demo_db, "") is None
    assert _session_actor(demo_db, "khong-phai-ma-that") is None
    # a cookie naming another user than the record's (a forged or mixed-up cookie) is refused
    assert _session_actor(demo_db, result.token, "quantri") is None


def test_only_a_hash_of_the_token_is_stored(demo_db):
    from lib.core.models import LoginSession

    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        stored = s.scalars(sa.select(LoginSession.token_hash)).all()
    assert stored and result.token not in stored


def test_expired_login_record_is_refused(demo_db):
    from lib.core.models import LoginSession

    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        s.execute(sa.update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert _session_actor(demo_db, result.token) is None


def test_expired_records_are_removed_at_the_next_login(demo_db):
    from lib.core.models import LoginSession

    old = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    other = _login(demo_db, "tracuu.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        s.execute(sa.update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    fresh = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        owners = s.scalars(sa.select(LoginSession.account_id).order_by(LoginSession.id)).all()
    assert owners == [other.account_id, fresh.account_id]  # another account's record waits for its own next log-in
    assert old.account_id == fresh.account_id


def _end_by(engine, actors, event: str, acc_id: int, token: str) -> None:  # noqa: ANN001
    admin = actors["quantri.sxd"]
    with session_scope(engine) as s:
        if event == "logout":
            auth.logout(s, token, actors["capnhat.sxd"])
        elif event == "admin-lock":
            accounts.lock_account(s, admin, acc_id, "Khóa")
        elif event == "lock-unlock":
            accounts.lock_account(s, admin, acc_id, "Khóa")
        elif event == "role-change":
            row = accounts.get_account(s, admin, acc_id)
            accounts.update_account(s, admin, acc_id, row.version, accounts.AccountInput(
                row.username, row.full_name, row.unit_id, {Role.UNIT_VIEWER}))
        elif event == "deactivate":
            accounts.deactivate_account(s, admin, acc_id, "Chuyển công tác")
        elif event == "reset-password":
            accounts.reset_password(s, admin, acc_id, GOOD_PASSWORD)
        elif event == "own-password":
            # the same person changes the password in another browser: this session ends
            auth.change_own_password(s, actors["capnhat.sxd"], DEMO_PASSWORD, GOOD_PASSWORD, GOOD_PASSWORD)
        elif event == "unlock-from-shell":
            accounts.unlock_from_shell(s, "capnhat.sxd")
    if event == "lock-unlock":
        with session_scope(engine) as s:
            accounts.unlock_account(s, admin, acc_id)
    if event == "auto-lock":
        _fail(engine, "capnhat.sxd", 5)


SESSION_ENDING_EVENTS = ["logout", "admin-lock", "lock-unlock", "role-change", "deactivate", "reset-password",
                         "own-password", "auto-lock", "unlock-from-shell"]


@pytest.mark.parametrize("event", SESSION_ENDING_EVENTS)
def test_every_way_a_session_ends_makes_the_cookie_worthless(demo_db, actors, event):
    """The browser session and any copy of its cookie (the cookie names this record) end; other accounts' stay."""
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    other = _login(demo_db, "tracuu.sxd", DEMO_PASSWORD)
    assert _session_actor(demo_db, result.token, "capnhat.sxd") is not None
    _end_by(demo_db, actors, event, result.account_id, result.token)
    assert _session_actor(demo_db, result.token) is None
    assert _session_actor(demo_db, result.token, "capnhat.sxd") is None
    assert _session_actor(demo_db, other.token) is not None


@pytest.mark.parametrize("event", ["admin-lock", "role-change", "reset-password", "deactivate"])
def test_events_end_every_login_of_the_account(demo_db, actors, event):
    """Two browsers (or a browser and a copied cookie) logged in: both end."""
    first = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    second = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    _end_by(demo_db, actors, event, first.account_id, first.token)
    assert _session_actor(demo_db, first.token) is None and _session_actor(demo_db, second.token) is None


def test_logout_ends_only_that_login(demo_db, actors):
    first = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    second = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    start = max_audit_id(demo_db)
    with session_scope(demo_db) as s:
        auth.logout(s, first.token, actors["capnhat.sxd"])
    assert _session_actor(demo_db, first.token) is None
    assert _session_actor(demo_db, second.token) is not None
    assert [r["action"] for r in audit_since(demo_db, start)] == [AuditAction.LOGOUT]


def test_editing_without_role_change_keeps_sessions(demo_db, actors):
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    admin = actors["quantri.sxd"]
    with session_scope(demo_db) as s:
        row = accounts.get_account(s, admin, result.account_id)
        accounts.update_account(s, admin, result.account_id, row.version, accounts.AccountInput(
            row.username, "Võ Thị Mai Anh", row.unit_id, set(row.roles)))
    assert _session_actor(demo_db, result.token) is not None


def test_after_unlock_a_new_login_works(demo_db, actors):
    result = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri.sxd"], result.account_id, "Khóa")
    with session_scope(demo_db) as s:
        accounts.unlock_account(s, actors["quantri.sxd"], result.account_id)
    assert _session_actor(demo_db, result.token) is None
    fresh = _login(demo_db, "capnhat.sxd", DEMO_PASSWORD)
    assert _session_actor(demo_db, fresh.token) is not None


def test_admin_unlock_lifts_a_temporary_lockout(demo_db, actors):
    _fail(demo_db, "capnhat.sxd", 5)
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:  # the administrator sees the lockout while it lasts
        assert accounts.get_account(s, actors["quantri.sxd"], acc.id).locked_until == acc.locked_until
        assert accounts.get_account(s, actors["quantri.sxd"], account_by_name(demo_db, "tracuu.sxd").id
                                    ).locked_until is None
    with session_scope(demo_db) as s:
        accounts.unlock_account(s, actors["quantri.sxd"], acc.id)
    acc = account_by_name(demo_db, "capnhat.sxd")
    assert acc.locked_until is None and acc.lockouts == 0
    assert _login(demo_db, "capnhat.sxd", DEMO_PASSWORD).ok


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
    session_before = _login(demo_db, "capnhat.sxd", OTHER_PASSWORD)
    assert _session_actor(demo_db, session_before.token) is not None
    with session_scope(demo_db) as s:
        new_version = auth.change_own_password(s, actors["capnhat.sxd"], OTHER_PASSWORD, GOOD_PASSWORD,
                                               GOOD_PASSWORD)
    after = account_by_name(demo_db, "capnhat.sxd")
    assert after.must_change_password is False
    assert after.credential_version == before.credential_version + 1 == new_version
    assert check_password(GOOD_PASSWORD, after.password_hash)
    assert after.password_changed_at > before.password_changed_at
    assert _session_actor(demo_db, session_before.token) is None
    # every log-in ended (the page gives the browser that changed it a new one: lib.ui.login)
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
