"""Demo data for trainers: a province after the 2025 reform, with history, and one account per role.

The passwords are printed in the README. Later modules add their own data through `EXTENSIONS`.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.core import audit, passwords
from lib.core.enums import AuditAction, Role, UnitEventKind, UnitKind, UnitStatus
from lib.core.models import Account, AccountRole, Base, Setting, Unit, UnitEvent
from lib.core.text import fold

DEMO_PASSWORD = "DonDoc@2026"
# A settings row that only `load` writes (not a setting an administrator can change): the database holds the demo
# province, so its published password may be set again (a trainer resetting a trainee); elsewhere it is refused.
DEMO_MODE_KEY = "demo_mode"
REFORM_DAY = date(2025, 3, 1)      # departments merged (Nghị quyết 18-NQ/TW)
COMMUNE_DAY = date(2025, 7, 1)     # district level abolished, communes merged

# code, name, kind, parent code, founded
UNITS: list[tuple[str, str, UnitKind, str | None, date]] = [
    ("UBND", "Ủy ban nhân dân tỉnh Đồng Tháp", UnitKind.PEOPLES_COMMITTEE, None, date(1976, 2, 24)),
    ("VP", "Văn phòng Ủy ban nhân dân tỉnh", UnitKind.OFFICE, "UBND", date(1976, 2, 24)),
    ("VP-TH", "Phòng Tổng hợp", UnitKind.SUB_UNIT, "VP", date(2008, 1, 1)),
    ("VP-KT", "Phòng Kinh tế", UnitKind.SUB_UNIT, "VP", date(2008, 1, 1)),
    ("SNV", "Sở Nội vụ", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("STC", "Sở Tài chính", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("SXD", "Sở Xây dựng", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("SGTVT", "Sở Giao thông vận tải", UnitKind.DEPARTMENT, "UBND", date(1992, 1, 1)),
    ("SNNMT", "Sở Nông nghiệp và Phát triển nông thôn", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("STNMT", "Sở Tài nguyên và Môi trường", UnitKind.DEPARTMENT, "UBND", date(2003, 5, 1)),
    ("SYT", "Sở Y tế", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("SGDDT", "Sở Giáo dục và Đào tạo", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("STP", "Sở Tư pháp", UnitKind.DEPARTMENT, "UBND", date(1982, 1, 1)),
    ("SCT", "Sở Công Thương", UnitKind.DEPARTMENT, "UBND", date(2008, 4, 1)),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, "UBND", date(2008, 4, 1)),
    ("SKHCN", "Sở Khoa học và Công nghệ", UnitKind.DEPARTMENT, "UBND", date(1993, 1, 1)),
    ("STTTT", "Sở Thông tin và Truyền thông", UnitKind.DEPARTMENT, "UBND", date(2008, 4, 1)),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", UnitKind.DEPARTMENT, "UBND", REFORM_DAY),
    ("TTT", "Thanh tra tỉnh", UnitKind.DEPARTMENT, "UBND", date(1976, 2, 24)),
    ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", UnitKind.ECONOMIC_ZONE, "UBND", date(2008, 10, 1)),
    ("H-LAPVO", "Huyện Lấp Vò", UnitKind.DISTRICT, "UBND", date(1989, 10, 24)),
    ("TT-LAPVO", "Thị trấn Lấp Vò", UnitKind.COMMUNE, "H-LAPVO", date(1989, 10, 24)),
    ("X-LAPVO", "Xã Lấp Vò", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("P-MYTHO", "Phường Mỹ Tho", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("P-CAOLANH", "Phường Cao Lãnh", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("P-SADEC", "Phường Sa Đéc", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("P-HONGNGU", "Phường Hồng Ngự", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-TANHONG", "Xã Tân Hồng", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-THAPMUOI", "Xã Tháp Mười", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-CAIBE", "Xã Cái Bè", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-GOCONG", "Xã Gò Công Đông", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-CHOGAO", "Xã Chợ Gạo", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
    ("X-THANHBINH", "Xã Thanh Bình", UnitKind.COMMUNE, "UBND", COMMUNE_DAY),
]

# predecessor, successor, day, decision
MERGERS = [
    ("SKHDT", "STC", REFORM_DAY, "Quyết định số 415/QĐ-UBND ngày 28/02/2025"),
    ("SGTVT", "SXD", REFORM_DAY, "Quyết định số 416/QĐ-UBND ngày 28/02/2025"),
    ("STNMT", "SNNMT", REFORM_DAY, "Quyết định số 417/QĐ-UBND ngày 28/02/2025"),
    ("STTTT", "SKHCN", REFORM_DAY, "Quyết định số 418/QĐ-UBND ngày 28/02/2025"),
    ("TT-LAPVO", "X-LAPVO", COMMUNE_DAY, "Nghị quyết số 1663/NQ-UBTVQH15 ngày 16/6/2025"),
    ("H-LAPVO", "X-LAPVO", COMMUNE_DAY, "Nghị quyết số 1663/NQ-UBTVQH15 ngày 16/6/2025"),
]

RENAMES = [("SNNMT", "Sở Nông nghiệp và Môi trường", REFORM_DAY, "Quyết định số 417/QĐ-UBND ngày 28/02/2025")]

# username, full name, position, unit code, roles
ACCOUNTS: list[tuple[str, str, str, str, tuple[Role, ...]]] = [
    ("quantri", "Trần Minh Quân", "Chuyên viên Trung tâm Chuyển đổi số", "SKHCN", (Role.SYSTEM_ADMIN,)),
    ("lanhdao", "Nguyễn Văn Thành", "Phó Chủ tịch UBND tỉnh", "UBND", (Role.LEADER,)),
    ("chuyenvien.vp", "Lê Thị Hồng Nhung", "Chuyên viên Phòng Tổng hợp", "VP-TH", (Role.OFFICE_OFFICER,)),
    ("quantri.sxd", "Phạm Quốc Bảo", "Chánh Văn phòng Sở", "SXD", (Role.UNIT_ADMIN,)),
    ("capnhat.sxd", "Võ Thị Mai", "Chuyên viên Phòng Kế hoạch", "SXD", (Role.UNIT_EDITOR,)),
    ("tracuu.sxd", "Huỳnh Văn Lộc", "Chuyên viên", "SXD", (Role.UNIT_VIEWER,)),
    ("capnhat.laplvo", "Đặng Thị Thu", "Công chức Văn phòng - Thống kê", "X-LAPVO", (Role.UNIT_EDITOR,)),
    ("quantri.laplvo", "Ngô Văn Hậu", "Phó Chủ tịch UBND xã", "X-LAPVO", (Role.UNIT_ADMIN,)),
    ("kehoach.stc", "Bùi Thị Kim Oanh", "Trưởng phòng Quản lý đầu tư", "STC", (Role.PLANNING_OFFICER,)),
    ("cchc.snv", "Trương Thanh Tùng", "Trưởng phòng Cải cách hành chính", "SNV", (Role.PAR_ADMIN,)),
    ("tgv.snv", "Lý Ngọc Hân", "Thành viên Tổ giúp việc", "SNV", (Role.PAR_ASSESSOR,)),
    ("hoidong.snv", "Mai Văn Đức", "Phó Giám đốc Sở Nội vụ", "SNV", (Role.PAR_COUNCIL,)),
]

# Every other unit that reports in the demo (tasks, Chỉ số CCHC) gets its own editor: a unit's report is made by
# an account of that unit, never by another unit's account. (username, full name, position, unit code, roles)
_EDITOR_NAMES = [
    "Nguyễn Thị Thanh Hương", "Trần Quốc Khánh", "Lê Hoàng Phúc", "Phạm Thị Ngọc Diễm", "Võ Minh Trí",
    "Đỗ Thị Bích Vân", "Huỳnh Thanh Sơn", "Bùi Văn Nghĩa", "Đặng Thị Kim Ngân", "Trương Công Danh",
    "Ngô Thị Mỹ Linh", "Dương Văn Hiếu", "Lâm Thị Thu Trang", "Phan Thanh Hải", "Hồ Thị Cẩm Tú",
    "Châu Văn Lợi", "Nguyễn Hoàng Nam", "Tạ Thị Lan Anh", "Cao Minh Hoàng", "Lý Thị Phương Thảo",
    "Mai Quốc Việt", "Đinh Thị Hồng Loan", "Tôn Thất Bình", "Kiều Thị Ánh Nguyệt",
]
_EDITOR_POSITIONS = {UnitKind.OFFICE: "Chuyên viên Phòng Hành chính - Tổ chức",
                     UnitKind.DEPARTMENT: "Chuyên viên Văn phòng Sở",
                     UnitKind.ECONOMIC_ZONE: "Chuyên viên Văn phòng Ban",
                     UnitKind.COMMUNE: "Công chức Văn phòng - Thống kê"}


def _unit_editors() -> list[tuple[str, str, str, str, tuple[Role, ...]]]:
    ended = {old for old, _, _, _ in MERGERS}
    have = {unit for _, _, _, unit, roles in ACCOUNTS if Role.UNIT_EDITOR in roles}
    codes = [code for code, _, kind, _, _ in UNITS
             if kind in _EDITOR_POSITIONS and code not in ended and code not in have]
    kinds = {code: kind for code, _, kind, _, _ in UNITS}
    slug = {"VP": "vpubnd"}  # «chuyenvien.vp» is the Office's follow-up officer
    return [(f"chuyenvien.{slug.get(code, code.split('-')[-1].lower())}", _EDITOR_NAMES[i],
             _EDITOR_POSITIONS[kinds[code]], code, (Role.UNIT_EDITOR,)) for i, code in enumerate(codes)]


UNIT_EDITORS = _unit_editors()


def unit_editor(accounts: dict[str, Account], unit: Unit) -> Account:
    """The demo editor account of `unit` (an account of that very unit)."""
    return next(a for a in accounts.values()
                if a.unit_id == unit.id and any(r.role == Role.UNIT_EDITOR for r in a.role_rows))


# Each module appends its loader (session, units by code, accounts by username) -> None: see lib.modules.
EXTENSIONS: list[Callable[[Session, dict[str, Unit], dict[str, Account]], None]] = []


def wipe(session: Session) -> None:
    """Delete every row of every table (children first). Used by `demo --reset` and by restore."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name == "units":
            session.execute(sa.update(table).values(parent_id=None, successor_id=None))
        session.execute(sa.delete(table))
    session.flush()


def load(session: Session, *, reset: bool = False) -> dict[str, int]:
    audit.suspend(session)
    if reset:
        wipe(session)
    session.merge(Setting(key=DEMO_MODE_KEY, value="true"))
    units = _load_units(session)
    _load_history(session, units)
    accounts = _load_accounts(session, units)
    for extend in EXTENSIONS:
        extend(session, units, accounts)
    session.flush()
    session.info.pop("audit_suspended", None)
    audit.record_event(session, AuditAction.CREATE, entity="system", summary="Nạp dữ liệu mẫu",
                       details={"units": len(units), "accounts": len(accounts)}, actor_name="Hệ thống")
    return {"units": len(units), "accounts": len(accounts)}


def is_demo_mode(session: Session) -> bool:
    return session.scalar(sa.select(Setting.value).where(Setting.key == DEMO_MODE_KEY)) == "true"


def _load_units(session: Session) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for code, name, kind, parent, founded in UNITS:
        unit = Unit(code=code, name=name, kind=kind, founded_on=founded,
                    parent_id=units[parent].id if parent else None, search_key=fold(f"{code} {name}"))
        session.add(unit)
        session.flush()
        units[code] = unit
        session.add(UnitEvent(unit_id=unit.id, kind=UnitEventKind.FOUNDED, on_date=founded, new_name=name))
    return units


def _load_history(session: Session, units: dict[str, Unit]) -> None:
    for code, new_name, day, decision in RENAMES:
        unit = units[code]
        session.add(UnitEvent(unit_id=unit.id, kind=UnitEventKind.RENAMED, on_date=day, old_name=unit.name,
                              new_name=new_name, decision=decision))
        unit.name, unit.search_key = new_name, fold(f"{code} {new_name}")
    for old, new, day, decision in MERGERS:
        predecessor, successor = units[old], units[new]
        predecessor.status, predecessor.ended_on, predecessor.successor_id = UnitStatus.MERGED, day, successor.id
        session.add(UnitEvent(unit_id=predecessor.id, kind=UnitEventKind.MERGED, on_date=day,
                              related_unit_id=successor.id, decision=decision))
        session.add(UnitEvent(unit_id=successor.id, kind=UnitEventKind.ABSORBED, on_date=day,
                              related_unit_id=predecessor.id, decision=decision))


def _load_accounts(session: Session, units: dict[str, Unit]) -> dict[str, Account]:
    hashed = passwords.hash_password(DEMO_PASSWORD)
    accounts: dict[str, Account] = {}
    for username, full_name, position, unit_code, roles in ACCOUNTS + UNIT_EDITORS:
        account = Account(username=username, full_name=full_name, position=position, unit_id=units[unit_code].id,
                          email=f"{username.replace('.', '_')}@dongthap.gov.vn", password_hash=hashed,
                          must_change_password=False, search_key=fold(f"{username} {full_name} {position}"))
        account.role_rows = [AccountRole(role=r) for r in roles]
        session.add(account)
        accounts[username] = account
    session.flush()
    return accounts
