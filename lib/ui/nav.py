"""The list of pages: file, title, section, and the roles allowed. One source for the menu and the guards."""
from __future__ import annotations

from dataclasses import dataclass

from lib.enums import Role

EVERYONE: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title: str
    icon: str
    section: str
    roles: frozenset[Role]
    url_path: str
    default: bool = False


SECTION_GENERAL = "Chung"
SECTION_ADMIN = "Quản trị hệ thống"

PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/account/home.py", "Trang chủ", ":material/home:", SECTION_GENERAL, EVERYONE,
             "trang-chu", default=True),
    PageSpec("profile", "pages/account/profile.py", "Tài khoản của tôi", ":material/person:", SECTION_GENERAL,
             EVERYONE, "tai-khoan-cua-toi"),
    PageSpec("units", "pages/admin/units.py", "Đơn vị", ":material/account_tree:", SECTION_GENERAL,
             EVERYONE, "don-vi"),
    PageSpec("accounts", "pages/admin/accounts.py", "Tài khoản người dùng", ":material/group:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN, Role.UNIT_ADMIN}), "quan-ly-tai-khoan"),
    PageSpec("calendar", "pages/admin/calendar.py", "Lịch làm việc", ":material/calendar_month:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "lich-lam-viec"),
    PageSpec("settings", "pages/admin/settings.py", "Tham số và bảo trì", ":material/settings:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "tham-so"),
    PageSpec("audit", "pages/admin/audit.py", "Nhật ký hệ thống", ":material/history:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "nhat-ky"),
    PageSpec("backup", "pages/admin/backup.py", "Sao lưu dữ liệu", ":material/backup:", SECTION_ADMIN,
             frozenset({Role.SYSTEM_ADMIN}), "sao-luu"),
)

BY_KEY = {p.key: p for p in PAGES}


def allowed(spec: PageSpec, roles: frozenset[Role]) -> bool:
    return bool(spec.roles & roles)


def pages_for(roles: frozenset[Role]) -> list[PageSpec]:
    return [p for p in PAGES if allowed(p, roles)]
