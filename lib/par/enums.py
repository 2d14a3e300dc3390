"""The enumerations of Chỉ số CCHC (seed 004), each with its Vietnamese label; values are stored."""
from __future__ import annotations

from lib.core.enums import LabelledEnum


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
