"""First start: the first administrator (from the form, the command line or the YAML), or the demo data."""
from __future__ import annotations

from sqlalchemy.orm import Session

from lib.core import demo, vi
from lib.core.auth_config import AuthConfig
from lib.core.enums import Role, UnitKind
from lib.core.errors import PermissionDenied, ValidationError
from lib.core.models import Account, AccountRole, Unit
from lib.core.services import accounts, settings, units
from lib.core.text import fold, nfc


def unit_name(session: Session, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    return unit.name if unit else ""


def create_first_admin(session: Session, *, province: str, full_name: str, username: str, password: str) -> int:
    """Create the province's People's Committee as the root unit and its first system administrator."""
    if accounts.count_accounts(session) > 0:
        raise PermissionDenied(vi.ERR_NO_PERMISSION)
    province = nfc(province) or ""
    if not province:
        raise ValidationError(vi.ERR_REQUIRED.format(field="tên tỉnh"), field="province")
    root_id = units.create_unit(session, None, code="UBND", name=f"Ủy ban nhân dân {province[0].lower()}{province[1:]}",
                                kind=UnitKind.PEOPLES_COMMITTEE, parent_id=None)
    account_id = accounts.create_first_admin(session, username, full_name, password, root_id)
    settings.store(session, {"province_name": province})
    return account_id


def load_demo(session: Session, *, reset: bool = False) -> dict[str, int]:
    if not reset and accounts.count_accounts(session) > 0:
        raise PermissionDenied("Cơ sở dữ liệu đã có dữ liệu. Dùng lệnh «demo --reset» để xóa và nạp lại dữ liệu mẫu.")
    return demo.load(session, reset=reset)


def bootstrap_from_config(session: Session, cfg: AuthConfig) -> bool:
    """Create the YAML's bootstrap administrator when the database has no system administrator yet."""
    entry = cfg.bootstrap_admin
    if not entry or accounts.has_system_admin(session):
        return False
    root = session.query(Unit).filter(Unit.parent_id.is_(None)).order_by(Unit.id).first()
    if root is None:
        root_id = units.create_unit(session, None, code="UBND", name="Ủy ban nhân dân tỉnh",
                                    kind=UnitKind.PEOPLES_COMMITTEE, parent_id=None)
    else:
        root_id = root.id
    username = str(entry["username"]).strip().lower()
    account = Account(username=username, full_name=nfc(str(entry.get("name") or username)), unit_id=root_id,
                      password_hash=str(entry["password_hash"]), must_change_password=True,
                      search_key=fold(username))
    account.role_rows = [AccountRole(role=Role.SYSTEM_ADMIN)]
    session.add(account)
    session.flush()
    return True
