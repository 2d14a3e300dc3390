"""The enumerations of Dự án đầu tư công, each with its Vietnamese label; values are stored."""
from __future__ import annotations

from lib.core.enums import LabelledEnum


class ProjectKind(LabelledEnum):
    """A public-investment project, or a private project the province asks the Department of Finance to follow
    (seed 000 art. 3.3, 11.4): the latter has no group, no deciding level and no public capital."""

    PUBLIC = ("public", "Dự án đầu tư công")
    PRIVATE = ("private", "Dự án đầu tư tư nhân (theo dõi)")


class ProjectGroup(LabelledEnum):
    """Luật Đầu tư công 58/2024/QH15, art. 6–10, from the largest to the smallest."""

    NATIONAL = ("national", "Dự án quan trọng quốc gia")
    A = ("a", "Dự án nhóm A")
    B = ("b", "Dự án nhóm B")
    C = ("c", "Dự án nhóm C")


class DecidingLevel(LabelledEnum):
    """Who decides the investment (seed 000 art. 3.3: trung ương, tỉnh, huyện; the district level is gone since
    1/7/2025, its projects now belong to the commune level)."""

    CENTRAL = ("central", "Trung ương")
    PROVINCE = ("province", "Cấp tỉnh")
    COMMUNE = ("commune", "Cấp xã")


class ProjectField(LabelledEnum):
    """The four field classes of Luật Đầu tư công 58/2024/QH15 that set the group thresholds (art. 8 cl. 2–5 for
    group A, art. 9 for group B, art. 10 for group C). `field_class` (1–4) names the settings of each class."""

    TRANSPORT_ENERGY = ("class_1", "Giao thông trọng điểm (cầu, cảng biển, cảng sông, sân bay, đường sắt, quốc lộ), "
                                   "công nghiệp điện, dầu khí, hóa chất, phân bón, xi măng, chế tạo máy, luyện kim, "
                                   "khai thác và chế biến khoáng sản, xây dựng khu nhà ở")
    INFRASTRUCTURE = ("class_2", "Giao thông (trừ loại trên), thủy lợi, cấp thoát nước, xử lý rác thải, hạ tầng kỹ "
                                 "thuật, kỹ thuật điện, sản xuất thiết bị thông tin – điện tử, hóa dược, vật liệu, "
                                 "công trình cơ khí, bưu chính – viễn thông")
    AGRICULTURE = ("class_3", "Nông nghiệp, lâm nghiệp, nuôi trồng thủy sản, vườn quốc gia, khu bảo tồn thiên "
                              "nhiên, hạ tầng kỹ thuật khu đô thị mới, công nghiệp (trừ các loại trên)")
    SOCIAL = ("class_4", "Y tế, văn hóa, giáo dục, nghiên cứu khoa học, công nghệ thông tin, phát thanh – truyền "
                         "hình, kho tàng, du lịch, thể dục thể thao, xây dựng dân dụng, quốc phòng – an ninh")

    @property
    def field_class(self) -> int:
        return int(self.value.rsplit("_", 1)[1])


class ProjectPhase(LabelledEnum):
    """The three phases of every project (seed 000 art. 3.3)."""

    PREPARATION = ("preparation", "Chuẩn bị đầu tư")
    IMPLEMENTATION = ("implementation", "Thực hiện đầu tư")
    CLOSING = ("closing", "Kết thúc đầu tư")


class ProjectStatus(LabelledEnum):
    """Paused and cancelled projects stay on record but out of progress totals and rates (issue 10, item 1)."""

    ACTIVE = ("active", "Đang thực hiện")
    PAUSED = ("paused", "Tạm dừng")
    CANCELLED = ("cancelled", "Hủy bỏ")
    COMPLETED = ("completed", "Đã hoàn thành")


class CapitalSource(LabelledEnum):
    CENTRAL_BUDGET = ("central_budget", "Ngân sách trung ương")
    PROVINCE_BUDGET = ("province_budget", "Ngân sách tỉnh")
    COMMUNE_BUDGET = ("commune_budget", "Ngân sách xã")
    ODA_LOAN = ("oda_loan", "Vốn ODA, vốn vay ưu đãi")
    OTHER = ("other", "Nguồn vốn khác")


class ApprovalDocKind(LabelledEnum):
    """The documents behind each value of the record (seed 000 art. 7.3: «đi kèm theo các tờ trình, quyết định»)."""

    SUBMISSION = ("submission", "Tờ trình")
    DECISION = ("decision", "Quyết định")


class ChangeKind(LabelledEnum):
    """What an approved change touches (seed 000 art. 7.2; issue 10 item 1: total investment, dates, group,
    investor)."""

    TOTAL_INVESTMENT = ("total_investment", "Điều chỉnh tổng mức đầu tư")
    SCHEDULE = ("schedule", "Điều chỉnh thời gian thực hiện")
    GROUP = ("group", "Điều chỉnh nhóm dự án")
    INVESTOR = ("investor", "Thay đổi chủ đầu tư")


class ResolverKind(LabelledEnum):
    """Who resolves a step of a process template by default (seed 000 art. 5.2, 8.3): a kind of unit that each
    project turns into a unit when the template is applied, or one named unit (`UNIT`). The departments and the
    State Treasury are found among the active units by their official name (`process.RESOLVER_NAMES`)."""

    INVESTOR = ("investor", "Chủ đầu tư")
    PROVINCE = ("province", "Ủy ban nhân dân tỉnh")
    COMMUNE = ("commune", "UBND xã, phường nơi thực hiện dự án")
    FINANCE = ("finance", "Sở Tài chính")
    CONSTRUCTION = ("construction", "Sở Xây dựng")
    AGRICULTURE_ENVIRONMENT = ("agriculture_environment", "Sở Nông nghiệp và Môi trường")
    TREASURY = ("treasury", "Kho bạc Nhà nước")
    UNIT = ("unit", "Đơn vị cụ thể")


class CapitalPlanKind(LabelledEnum):
    """The lines that make up a project's capital plan for a year and source (seed 000 art. 5.6, 9.3): the plan
    given at the start of the year, each adjustment (a signed amount, behind its decision) and the plan carried
    over from the previous year (kế hoạch vốn kéo dài)."""

    ALLOCATED = ("allocated", "Kế hoạch vốn giao")
    ADJUSTED = ("adjusted", "Điều chỉnh kế hoạch vốn")
    CARRIED_OVER = ("carried_over", "Kế hoạch vốn năm trước chuyển sang")


class JudgementKind(LabelledEnum):
    """A line of a step's on-time / late history (seed 000 art. 8.3): the software's judgement, then the investor's
    confirmation or correction; every line is kept."""

    SOFTWARE = ("software", "Phần mềm xác định")
    CONFIRMED = ("confirmed", "Chủ đầu tư xác nhận")
    CORRECTED = ("corrected", "Chủ đầu tư điều chỉnh")
