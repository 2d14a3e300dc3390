"""`python -m lib.cli unlock USERNAME`: shell access on the server restores any account's access, so lockout can
never leave the province without an active system administrator (issue 8, item 2)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from lib import cli
from lib.core import vi
from lib.core.db import session_scope
from lib.core.demo import DEMO_PASSWORD
from lib.core.enums import AccountStatus, AuditAction
from lib.core.models import Account
from lib.core.services import accounts, auth
from tests.unit.core_helpers import account_by_name, audit_since, max_audit_id


def _login(engine, username: str, password: str = DEMO_PASSWORD) -> auth.LoginResult:  # noqa: ANN001
    with session_scope(engine) as s:
        return auth.verify_login(s, username, password)


def _only_admin(engine) -> None:  # noqa: ANN001
    """The demo province has one system administrator: locked out, the province has none until the shell helps."""
    with session_scope(engine) as s:
        admins = [a for a in s.scalars(sa.select(Account)) if "system_admin" in {r.value for r in a.roles}]
    assert [a.username for a in admins] == ["quantri"]


@pytest.mark.parametrize("state", ["temporary", "locked", "deactivated"])
def test_unlock_restores_the_only_system_administrator(demo_db, actors, state, capsys):
    _only_admin(demo_db)
    target = account_by_name(demo_db, "quantri")
    if state == "temporary":
        for _ in range(5):
            _login(demo_db, "quantri", "sai")
        assert account_by_name(demo_db, "quantri").locked_until is not None
    else:
        # no one may lock themselves, so the state is written as a second administrator's act would leave it
        with session_scope(demo_db) as s:
            s.execute(sa.update(Account).where(Account.id == target.id).values(
                status=AccountStatus(state), status_reason="Nhầm"))
    stale = _login(demo_db, "capnhat.sxd").token  # another account's session is not touched
    assert not _login(demo_db, "quantri").ok
    start = max_audit_id(demo_db)

    assert cli.main(["unlock", "QuanTri"]) == 0

    out = capsys.readouterr().out
    assert out.strip() == vi.ACC_UNLOCKED_SHELL.format(username="quantri", full_name=target.full_name)
    after = account_by_name(demo_db, "quantri")
    assert after.status == AccountStatus.ACTIVE and after.status_reason is None
    assert after.locked_until is None and after.failed_logins == 0 and after.lockouts == 0
    rows = audit_since(demo_db, start)
    assert [r["action"] for r in rows] == [AuditAction.UPDATE]
    assert rows[0]["actor_name"] == vi.SHELL_ACTOR and rows[0]["entity_id"] == str(target.id)
    assert _login(demo_db, "quantri").ok
    with session_scope(demo_db) as s:
        assert auth.actor_for_session(s, stale) is not None


def test_unlock_ends_earlier_logins(demo_db):
    token = _login(demo_db, "capnhat.sxd").token
    assert cli.main(["unlock", "capnhat.sxd"]) == 0
    with session_scope(demo_db) as s:
        assert auth.actor_for_session(s, token) is None


def test_unlock_unknown_user_is_a_vietnamese_message(demo_db, capsys):
    assert cli.main(["unlock", "khongtontai"]) == 2
    out = capsys.readouterr().out
    assert out.strip() == "Lỗi: " + vi.ACC_NO_SUCH_USERNAME.format(username="khongtontai")


def test_unlock_with_a_broken_database_is_a_vietnamese_message(demo_db, monkeypatch, capsys):
    def broken() -> None:
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("unable to open database file"))

    monkeypatch.setattr(cli, "get_engine", broken)
    assert cli.main(["unlock", "quantri"]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == vi.ACC_UNLOCK_FAILED.format(username="quantri", error=vi.CLI_NO_DATABASE)
    assert "Traceback" not in captured.out + captured.err


def test_create_admin_still_refused_while_an_administrator_exists(demo_db, capsys):
    """The shell's way back is `unlock`; create-admin keeps its rule (only the first administrator)."""
    assert cli.main(["create-admin", "--username", "quantri2", "--password", "Moi#Matkhau2026"]) == 2
    assert account_by_name(demo_db, "quantri2") is None


def test_unlock_from_shell_service_needs_no_actor(demo_db, actors):
    acc = account_by_name(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        accounts.lock_account(s, actors["quantri"], acc.id, "Khóa")
    with session_scope(demo_db) as s:
        accounts.unlock_from_shell(s, " CapNhat.SXD ")
    assert account_by_name(demo_db, "capnhat.sxd").status == AccountStatus.ACTIVE
