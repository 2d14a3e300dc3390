"""First start: the first administrator (form, command line, YAML) and the demo data for trainers."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from lib.core import auth_config, demo, vi
from lib.core.db import session_scope
from lib.core.enums import AccountStatus, Role, UnitEventKind, UnitKind, UnitStatus
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.models import Account, AccountRole, Unit, UnitEvent
from lib.core.passwords import check_password, hash_password

# The twelve accounts of the README (one per role) and an editor of every other unit that reports in the demo.
DEMO_ACCOUNTS = len(demo.ACCOUNTS) + len(demo.UNIT_EDITORS)
from lib.core.services import auth, settings, setup, units
from tests.unit.core_helpers import GOOD_PASSWORD, count, counts


def _first_admin(engine, **kw) -> int:  # noqa: ANN001
    args = {"province": "Tỉnh Vĩnh Long", "full_name": "Nguyễn Quản Trị", "username": "QuanTri", "password": GOOD_PASSWORD}
    args.update(kw)
    with session_scope(engine) as s:
        return setup.create_first_admin(s, **args)


def test_create_first_admin(engine):
    account_id = _first_admin(engine)
    with session_scope(engine) as s:
        acc = s.get(Account, account_id)
        assert acc.username == "quantri" and acc.full_name == "Nguyễn Quản Trị"
        assert acc.roles == {Role.SYSTEM_ADMIN}
        assert acc.status == AccountStatus.ACTIVE
        assert check_password(GOOD_PASSWORD, acc.password_hash)
        root = s.get(Unit, acc.unit_id)
        assert (root.code, root.name, root.kind, root.parent_id) == (
            "UBND", "Ủy ban nhân dân tỉnh Vĩnh Long", UnitKind.PEOPLES_COMMITTEE, None)
        assert settings.get(s, "province_name") == "Tỉnh Vĩnh Long"
        assert setup.unit_name(s, root.id) == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert count(engine, Unit) == 1 and count(engine, Account) == 1
    with session_scope(engine) as s:
        assert auth.verify_login(s, "quantri", GOOD_PASSWORD).ok


@pytest.mark.parametrize(("kw", "exc", "keyword"), [
    ({"province": "  "}, ValidationError, "tên tỉnh"),
    ({"password": "yeu"}, ValidationError, "Mật khẩu phải có ít nhất 8 ký tự"),
    ({"username": "quản trị"}, ValidationError, "Tên đăng nhập chỉ gồm"),
], ids=["no-province", "weak-password", "bad-username"])
def test_create_first_admin_invalid(engine, kw, exc, keyword):
    with pytest.raises(exc) as err, session_scope(engine) as s:
        setup.create_first_admin(s, **{"province": "Tỉnh Vĩnh Long", "full_name": "Quản trị", "username": "quantri",
                                        "password": GOOD_PASSWORD, **kw})
    assert keyword in str(err.value)
    assert count(engine, Unit) == 0 and count(engine, Account) == 0


def test_create_first_admin_refused_when_accounts_exist(demo_db):
    before = counts(demo_db)
    with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
        setup.create_first_admin(s, province="Tỉnh Khác", full_name="Kẻ lạ", username="kela", password=GOOD_PASSWORD)
    assert str(err.value) == vi.ERR_NO_PERMISSION
    assert counts(demo_db) == before


def test_create_first_admin_twice_refused(engine):
    _first_admin(engine)
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        setup.create_first_admin(s, province="Tỉnh Vĩnh Long", full_name="Thứ hai", username="thuhai",
                                 password=GOOD_PASSWORD)
    assert count(engine, Account) == 1 and count(engine, Unit) == 1


def test_accounts_create_first_admin_refused_once_admin_exists(demo_db, unit_ids):
    from lib.core.services import accounts

    with pytest.raises(PermissionDenied), session_scope(demo_db) as s:
        accounts.create_first_admin(s, "quantri2", "Quản trị 2", GOOD_PASSWORD, unit_ids["UBND"])
    assert count(demo_db, Account) == DEMO_ACCOUNTS


# --------------------------------------------------------------------------- YAML bootstrap

YAML = """\
cookie:
  name: dondoc_auth
  key: khoa-bi-mat-thu-nghiem
  expiry_days: 2
bootstrap_admin:
  username: QuanTri.Tinh
  name: Quản trị tỉnh
  password_hash: "{hash}"
"""


@pytest.fixture
def yaml_config(tmp_path):  # noqa: ANN001, ANN201
    path = tmp_path / "auth.yaml"
    path.write_text(YAML.format(hash=hash_password(GOOD_PASSWORD)), encoding="utf-8")
    return auth_config.load(path)


def test_yaml_loaded(yaml_config):
    assert yaml_config.cookie_name == "dondoc_auth" and yaml_config.cookie_expiry_days == 2
    assert yaml_config.bootstrap_admin["username"] == "QuanTri.Tinh"


def test_bootstrap_creates_yaml_admin_on_empty_database(engine, yaml_config):
    with session_scope(engine) as s:
        assert setup.bootstrap_from_config(s, yaml_config) is True
    with session_scope(engine) as s:
        acc = s.scalar(sa.select(Account).where(Account.username == "quantri.tinh"))
        assert acc is not None and acc.full_name == "Quản trị tỉnh"
        assert acc.roles == {Role.SYSTEM_ADMIN}
        assert acc.must_change_password is True
        root = s.get(Unit, acc.unit_id)
        assert root.parent_id is None and root.code == "UBND"
        result = auth.verify_login(s, "quantri.tinh", GOOD_PASSWORD)
    assert result.ok
    with session_scope(engine) as s:
        assert auth.password_change_reason(s, result.account_id) == vi.PW_FIRST_LOGIN
    # the next start does nothing
    with session_scope(engine) as s:
        assert setup.bootstrap_from_config(s, yaml_config) is False
    assert count(engine, Account) == 1 and count(engine, Unit) == 1


def test_bootstrap_uses_existing_root_unit(engine, yaml_config):
    with session_scope(engine) as s:
        root = units.create_unit(s, None, code="UBND", name="Ủy ban nhân dân tỉnh An Giang",
                                 kind=UnitKind.PEOPLES_COMMITTEE, parent_id=None)
    with session_scope(engine) as s:
        assert setup.bootstrap_from_config(s, yaml_config) is True
    assert count(engine, Unit) == 1
    with session_scope(engine) as s:
        assert s.scalar(sa.select(Account.unit_id).where(Account.username == "quantri.tinh")) == root


def test_bootstrap_skipped_when_a_system_admin_exists(demo_db, yaml_config):
    before = counts(demo_db)
    with session_scope(demo_db) as s:
        assert setup.bootstrap_from_config(s, yaml_config) is False
    assert counts(demo_db) == before
    with session_scope(demo_db) as s:
        assert auth.find_account(s, "quantri.tinh") is None


def test_bootstrap_without_entry_does_nothing(engine, tmp_path):
    path = tmp_path / "auth.yaml"
    cfg = auth_config.load(path)  # written from the template: no bootstrap administrator
    assert path.is_file() and cfg.bootstrap_admin is None and len(cfg.cookie_key) >= 32
    with session_scope(engine) as s:
        assert setup.bootstrap_from_config(s, cfg) is False
    assert count(engine, Account) == 0 and count(engine, Unit) == 0


# --------------------------------------------------------------------------- demo data

def test_demo_load(engine):
    with session_scope(engine) as s:
        result = setup.load_demo(s)
    assert result == {"units": 34, "accounts": DEMO_ACCOUNTS}
    assert count(engine, Unit) == 34 and count(engine, Account) == DEMO_ACCOUNTS
    with session_scope(engine) as s:
        by_code = {u.code: u for u in s.scalars(sa.select(Unit))}
        roles = {r for r in s.scalars(sa.select(AccountRole.role))}
        skhdt, stc = by_code["SKHDT"], by_code["STC"]
        assert (skhdt.status, skhdt.successor_id, skhdt.ended_on) == (UnitStatus.MERGED, stc.id, demo.REFORM_DAY)
        events = s.execute(sa.select(UnitEvent.unit_id, UnitEvent.kind, UnitEvent.related_unit_id)).all()
        assert (skhdt.id, UnitEventKind.MERGED, stc.id) in events
        assert (stc.id, UnitEventKind.ABSORBED, skhdt.id) in events
        assert sum(1 for u in by_code.values() if u.status == UnitStatus.MERGED) == 6
        for code in ("H-LAPVO", "TT-LAPVO"):
            assert by_code[code].successor_id == by_code["X-LAPVO"].id
        stc_history = [r.description for r in units.history_rows(s, stc.id)]
        assert units.name_at(s, by_code["SNNMT"].id, date(2025, 1, 1)) == "Sở Nông nghiệp và Phát triển nông thôn"
        for username, _name, _pos, _unit, _roles in demo.ACCOUNTS:
            assert auth.verify_login(s, username, demo.DEMO_PASSWORD).ok, username
    assert "Tiếp nhận Sở Kế hoạch và Đầu tư sáp nhập vào" in stc_history
    assert roles == set(Role)  # one account per role


def test_demo_load_refused_on_non_empty_database(demo_db):
    before = counts(demo_db)
    with pytest.raises(PermissionDenied) as err, session_scope(demo_db) as s:
        setup.load_demo(s)
    assert "demo --reset" in str(err.value)
    assert counts(demo_db) == before


def test_demo_reset_replaces_everything(demo_db, actors, unit_ids):
    from lib.core.services import accounts

    with session_scope(demo_db) as s:
        accounts.create_account(s, actors["quantri"], accounts.AccountInput(
            "se.bi.xoa", "Sẽ bị xóa", unit_ids["SXD"], {Role.UNIT_EDITOR}), GOOD_PASSWORD)
    with session_scope(demo_db) as s:
        assert setup.load_demo(s, reset=True) == {"units": 34, "accounts": DEMO_ACCOUNTS}
    assert count(demo_db, Account) == DEMO_ACCOUNTS
    with session_scope(demo_db) as s:
        assert auth.find_account(s, "se.bi.xoa") is None


def test_duplicate_bootstrap_username_conflict(engine):
    from lib.core.services import accounts

    _first_admin(engine)
    with session_scope(engine) as s:
        s.execute(sa.delete(AccountRole))  # no system admin left, but the user name is taken
    with pytest.raises(ConflictError), session_scope(engine) as s:
        root = s.scalar(sa.select(Unit.id))
        accounts.create_first_admin(s, "QUANTRI", "Khác", GOOD_PASSWORD, root)
