"""Every enumeration of the product, in one place, each with its Vietnamese label.

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


class DocType(LabelledEnum):
    """Types of administrative documents (Nghị định 30/2020/NĐ-CP, art. 7), with their abbreviations."""

    NGHI_QUYET = ("nghi_quyet", "Nghị quyết")
    QUYET_DINH = ("quyet_dinh", "Quyết định")
    CHI_THI = ("chi_thi", "Chỉ thị")
    QUY_CHE = ("quy_che", "Quy chế")
    QUY_DINH = ("quy_dinh", "Quy định")
    THONG_CAO = ("thong_cao", "Thông cáo")
    THONG_BAO = ("thong_bao", "Thông báo")
    THONG_BAO_KET_LUAN = ("thong_bao_ket_luan", "Thông báo kết luận")
    HUONG_DAN = ("huong_dan", "Hướng dẫn")
    CHUONG_TRINH = ("chuong_trinh", "Chương trình")
    KE_HOACH = ("ke_hoach", "Kế hoạch")
    PHUONG_AN = ("phuong_an", "Phương án")
    DE_AN = ("de_an", "Đề án")
    DU_AN = ("du_an", "Dự án")
    BAO_CAO = ("bao_cao", "Báo cáo")
    BIEN_BAN = ("bien_ban", "Biên bản")
    TO_TRINH = ("to_trinh", "Tờ trình")
    HOP_DONG = ("hop_dong", "Hợp đồng")
    CONG_VAN = ("cong_van", "Công văn")
    CONG_DIEN = ("cong_dien", "Công điện")
    BAN_GHI_NHO = ("ban_ghi_nho", "Bản ghi nhớ")
    BAN_THOA_THUAN = ("ban_thoa_thuan", "Bản thỏa thuận")
    GIAY_UY_QUYEN = ("giay_uy_quyen", "Giấy ủy quyền")
    GIAY_MOI = ("giay_moi", "Giấy mời")
    GIAY_GIOI_THIEU = ("giay_gioi_thieu", "Giấy giới thiệu")
    GIAY_NGHI_PHEP = ("giay_nghi_phep", "Giấy nghỉ phép")
    PHIEU_GUI = ("phieu_gui", "Phiếu gửi")
    PHIEU_CHUYEN = ("phieu_chuyen", "Phiếu chuyển")
    PHIEU_BAO = ("phieu_bao", "Phiếu báo")
    THU_CONG = ("thu_cong", "Thư công")
    # Seed 001 art. 6.3a: an online opinion form needs no number or symbol.
    PHIEU_LAY_Y_KIEN = ("phieu_lay_y_kien", "Phiếu lấy ý kiến qua mạng")

    @property
    def needs_number(self) -> bool:
        return self is not DocType.PHIEU_LAY_Y_KIEN


class Urgency(LabelledEnum):
    NORMAL = ("normal", "Thường")
    URGENT = ("urgent", "Khẩn")
    VERY_URGENT = ("very_urgent", "Thượng khẩn")
    FLASH = ("flash", "Hỏa tốc")

    @property
    def is_urgent(self) -> bool:
        return self is not Urgency.NORMAL


class TaskStatus(LabelledEnum):
    NEW = ("new", "Mới giao")
    ACKNOWLEDGED = ("acknowledged", "Đã tiếp nhận")
    SUBMITTED = ("submitted", "Chờ duyệt báo cáo")
    REJECTED = ("rejected", "Báo cáo không đạt – thực hiện lại")
    RETURNED = ("returned", "Đơn vị trả lại Văn phòng")
    DONE = ("done", "Hoàn thành")
    WITHDRAWN = ("withdrawn", "Đã thu hồi")

    @property
    def is_open(self) -> bool:
        return self not in (TaskStatus.DONE, TaskStatus.WITHDRAWN)


class ReportDecision(LabelledEnum):
    PENDING = ("pending", "Chờ duyệt")
    APPROVED = ("approved", "Đạt")
    REJECTED = ("rejected", "Không đạt")


class TaskEventKind(LabelledEnum):
    CREATED = ("created", "Giao nhiệm vụ")
    ACKNOWLEDGED = ("acknowledged", "Tiếp nhận")
    PROGRESS = ("progress", "Cập nhật tiến độ")
    CONTRIBUTION = ("contribution", "Đơn vị phối hợp góp ý")
    REPORTED = ("reported", "Báo cáo kết quả")
    APPROVED = ("approved", "Duyệt: đạt")
    REJECTED = ("rejected", "Duyệt: không đạt")
    RETURNED = ("returned", "Đơn vị trả lại Văn phòng")
    REASSIGNED = ("reassigned", "Giao lại đơn vị")
    CORRECTED = ("corrected", "Văn phòng điều chỉnh nội dung")
    DEADLINE_CHANGED = ("deadline_changed", "Điều chỉnh thời hạn")
    WITHDRAWN = ("withdrawn", "Thu hồi nhiệm vụ")


# ---------------------------------------------------------------- Chỉ số CCHC (PAR Index, seed 004)

class ParUnitGroup(LabelledEnum):
    """The kinds of unit ranked separately, each with its own criteria tree (seed 004 art. 7.1, 7.5): the
    province's departments, the district-level and the commune-level People's Committees."""
    DEPARTMENT = ("department", "Sở, ban, ngành tỉnh")
    DISTRICT = ("district", "UBND cấp huyện")
    COMMUNE = ("commune", "UBND cấp xã")


class ScoringMethod(LabelledEnum):
    RANGE = ("range", "Chấm điểm trong khoảng, theo bước")
    YES_NO = ("yes_no", "Có / không (0 hoặc điểm tối đa)")
    LEVELS = ("levels", "Chọn một mức điểm")


class ParRoundStatus(LabelledEnum):
    OPEN = ("open", "Đang thực hiện")
    CLOSED = ("closed", "Đã kết thúc")


class ParMemberKind(LabelledEnum):
    ASSESSOR = ("assessor", "Thành viên Tổ giúp việc")
    COUNCIL = ("council", "Thành viên Hội đồng thẩm định")


class ParAssessmentStatus(LabelledEnum):
    DRAFT = ("draft", "Đang tự đánh giá")
    SUBMITTED = ("submitted", "Đã nộp, đang thẩm định")
    FINAL = ("final", "Đã phê duyệt toàn bộ")


class ParFieldStatus(LabelledEnum):
    WAITING = ("waiting", "Chờ thẩm định")
    APPRAISED = ("appraised", "Đã thẩm định, chờ Hội đồng")
    RETURNED = ("returned", "Hội đồng trả lại, thẩm định lại")
    APPROVED = ("approved", "Hội đồng đã phê duyệt")


class ParRequestStatus(LabelledEnum):
    OPEN = ("open", "Chờ đơn vị bổ sung")
    ANSWERED = ("answered", "Đơn vị đã bổ sung")


class ParEventKind(LabelledEnum):
    SUBMITTED = ("submitted", "Nộp kết quả tự đánh giá")
    CORRECTED = ("corrected", "Cấp trên điều chỉnh điểm tự đánh giá")
    REOPENED = ("reopened", "Mở lại để đơn vị tự đánh giá")
    APPRAISED = ("appraised", "Hoàn thành thẩm định lĩnh vực")
    EVIDENCE_REQUESTED = ("evidence_requested", "Yêu cầu bổ sung tài liệu kiểm chứng")
    EVIDENCE_ANSWERED = ("evidence_answered", "Đơn vị bổ sung tài liệu kiểm chứng")
    FIELD_APPROVED = ("field_approved", "Hội đồng phê duyệt lĩnh vực")
    FIELD_RETURNED = ("field_returned", "Hội đồng trả lại lĩnh vực")
