"""The enumerations of Nhiệm vụ (documents, tasks, reports), each with its Vietnamese label; values are stored."""
from __future__ import annotations

from lib.core.enums import LabelledEnum


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
