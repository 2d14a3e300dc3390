"""The enumerations every module shares (roles, units, accounts, calendar, audit), each with its Vietnamese label.
Each module keeps its own statuses in its `enums.py` (lib/tasks/enums.py, lib/par/enums.py), built on `LabelledEnum`.

Values are stable English identifiers (stored in the database); `label` is what users see.
"""
from __future__ import annotations

import enum


class LabelledEnum(str, enum.Enum):
    """A string enum whose members carry a Vietnamese label: `Member = ("value", "Nhãn")`."""

    def __new__(cls, value: str, label: str) -> "LabelledEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label  # type: ignore[attr-defined]
        return member

    def __str__(self) -> str:
        return self.value

    @classmethod
    def choices(cls) -> list["LabelledEnum"]:
        return list(cls)


class Role(LabelledEnum):
    SYSTEM_ADMIN = ("system_admin", "Quản trị hệ thống")
    UNIT_ADMIN = ("unit_admin", "Quản trị đơn vị")
    UNIT_EDITOR = ("unit_editor", "Cán bộ cập nhật")
    UNIT_VIEWER = ("unit_viewer", "Tài khoản tra cứu")
    OFFICE_OFFICER = ("office_officer", "Chuyên viên Văn phòng")
    LEADER = ("leader", "Lãnh đạo UBND")
    PLANNING_OFFICER = ("planning_officer", "Cán bộ Sở Tài chính (kế hoạch, đầu tư)")
    PAR_ADMIN = ("par_admin", "Quản trị Chỉ số CCHC (Sở Nội vụ)")
    PAR_ASSESSOR = ("par_assessor", "Thành viên Tổ giúp việc CCHC")
    PAR_COUNCIL = ("par_council", "Thành viên Hội đồng thẩm định CCHC")


class UnitKind(LabelledEnum):
    PEOPLES_COMMITTEE = ("peoples_committee", "Ủy ban nhân dân")
    OFFICE = ("office", "Văn phòng UBND")
    DEPARTMENT = ("department", "Sở, ban, ngành")
    ECONOMIC_ZONE = ("economic_zone", "Ban Quản lý Khu kinh tế")
    DISTRICT = ("district", "Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = ("commune", "Xã, phường, đặc khu")
    SUB_UNIT = ("sub_unit", "Đơn vị trực thuộc")


class UnitStatus(LabelledEnum):
    ACTIVE = ("active", "Đang hoạt động")
    MERGED = ("merged", "Đã sáp nhập")
    DISSOLVED = ("dissolved", "Đã giải thể")


class UnitEventKind(LabelledEnum):
    FOUNDED = ("founded", "Thành lập")
    RENAMED = ("renamed", "Đổi tên")
    MOVED = ("moved", "Chuyển đơn vị cấp trên")
    MERGED = ("merged", "Sáp nhập vào đơn vị khác")
    ABSORBED = ("absorbed", "Tiếp nhận đơn vị sáp nhập")
    DISSOLVED = ("dissolved", "Giải thể")


class AccountStatus(LabelledEnum):
    ACTIVE = ("active", "Đang hoạt động")
    LOCKED = ("locked", "Đã khóa")
    DEACTIVATED = ("deactivated", "Ngừng sử dụng")


class CalendarOverrideKind(LabelledEnum):
    DAY_OFF = ("day_off", "Ngày nghỉ bổ sung")
    WORKING_DAY = ("working_day", "Ngày làm việc bổ sung")


class Timeliness(LabelledEnum):
    """Done work: EARLY / ON_TIME / LATE. Open work: IN_TIME / DUE_SOON / OVERDUE."""

    EARLY = ("early", "Trước hạn")
    ON_TIME = ("on_time", "Đúng hạn")
    LATE = ("late", "Trễ hạn")
    IN_TIME = ("in_time", "Trong hạn")
    DUE_SOON = ("due_soon", "Sắp đến hạn")
    OVERDUE = ("overdue", "Quá hạn")


class AuditAction(LabelledEnum):
    CREATE = ("create", "Tạo mới")
    UPDATE = ("update", "Cập nhật")
    DELETE = ("delete", "Xóa")
    LOGIN = ("login", "Đăng nhập")
    LOGIN_FAILED = ("login_failed", "Đăng nhập sai")
    LOGOUT = ("logout", "Đăng xuất")
    EXPORT = ("export", "Xuất dữ liệu")
    DOWNLOAD = ("download", "Tải tệp")
    BACKUP = ("backup", "Sao lưu")
    RESTORE = ("restore", "Phục hồi")
