"""The default process templates (seed 000 art. 5.2: «Phần mềm đã thiết lập cấu hình quy trình tự động ban đầu»),
as data, and `seed_default_templates`, which stores the missing ones (the demo and a new province call it).

The steps follow Luật Đầu tư công 58/2024/QH15 (chủ trương đầu tư, thẩm định nguồn vốn, quyết định đầu tư), Luật
Xây dựng and Nghị định 175/2024/NĐ-CP (báo cáo nghiên cứu khả thi / kinh tế – kỹ thuật, thẩm định by Sở Xây dựng:
20 days for group C, 30 for group B), Luật Đấu thầu 2023 (lựa chọn nhà thầu) and Nghị định 99/2021/NĐ-CP art. 47
(settlement dossier 4 months for group C, 6 for group B; verification 3 and 4 months). Durations are planned working
days; each step waits for the one before it unless `waits` names others (1-based positions)."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lib.projects.enums import ProjectGroup, ProjectPhase, ResolverKind
from lib.projects.models import ProcessTemplate, TemplateStep, TemplateStepLink

P, I, C = ProjectPhase.PREPARATION, ProjectPhase.IMPLEMENTATION, ProjectPhase.CLOSING
INV, PROV, COM = ResolverKind.INVESTOR, ResolverKind.PROVINCE, ResolverKind.COMMUNE
FIN, CON, AGR, TRE = (ResolverKind.FINANCE, ResolverKind.CONSTRUCTION, ResolverKind.AGRICULTURE_ENVIRONMENT,
                      ResolverKind.TREASURY)


@dataclass(frozen=True)
class StepData:
    phase: ProjectPhase
    name: str
    resolver: ResolverKind
    days: int
    waits: tuple[int, ...] | None = None   # None: the step before it


@dataclass(frozen=True)
class TemplateData:
    name: str
    group: ProjectGroup | None
    description: str
    steps: tuple[StepData, ...]


GROUP_C_CONSTRUCTION = TemplateData(
    "Dự án nhóm C có xây dựng", ProjectGroup.C,
    "Dự án nhóm C có cấu phần xây dựng: chủ trương đầu tư, báo cáo kinh tế – kỹ thuật (hoặc báo cáo nghiên cứu khả "
    "thi), thiết kế – dự toán, giải phóng mặt bằng, lựa chọn nhà thầu, thi công, nghiệm thu, bàn giao và quyết toán.",
    (
        StepData(P, "Lập báo cáo đề xuất chủ trương đầu tư", INV, 20),
        StepData(P, "Thẩm định nguồn vốn và khả năng cân đối vốn", FIN, 15),
        StepData(P, "Thẩm định báo cáo đề xuất chủ trương đầu tư", FIN, 15),
        StepData(P, "Phê duyệt chủ trương đầu tư", PROV, 10),
        StepData(P, "Lập báo cáo kinh tế – kỹ thuật (báo cáo nghiên cứu khả thi)", INV, 30),
        StepData(P, "Thẩm định báo cáo kinh tế – kỹ thuật", CON, 20),
        StepData(P, "Phê duyệt dự án (quyết định đầu tư)", PROV, 7),
        StepData(I, "Lập, thẩm định, phê duyệt thiết kế – dự toán", INV, 30),
        StepData(I, "Giải phóng mặt bằng", COM, 60, waits=(7,)),
        StepData(I, "Lựa chọn nhà thầu thi công xây dựng", INV, 35, waits=(8,)),
        StepData(I, "Thi công xây dựng công trình", INV, 180, waits=(9, 10)),
        StepData(I, "Nghiệm thu hoàn thành công trình", INV, 10),
        StepData(I, "Kiểm tra công tác nghiệm thu của cơ quan chuyên môn về xây dựng", CON, 15),
        StepData(C, "Bàn giao công trình đưa vào sử dụng", INV, 10),
        StepData(C, "Lập hồ sơ quyết toán dự án hoàn thành", INV, 80),
        StepData(C, "Thẩm tra, phê duyệt quyết toán dự án hoàn thành", FIN, 75),
        StepData(C, "Thanh toán và tất toán tài khoản dự án", TRE, 10),
    ))

GROUP_B = TemplateData(
    "Dự án nhóm B", ProjectGroup.B,
    "Dự án nhóm B: chủ trương đầu tư do Hội đồng nhân dân tỉnh quyết định, báo cáo nghiên cứu khả thi với đánh giá "
    "tác động môi trường, thiết kế – dự toán, giải phóng mặt bằng, lựa chọn nhà thầu, thi công, nghiệm thu, bàn "
    "giao và quyết toán.",
    (
        StepData(P, "Lập báo cáo đề xuất chủ trương đầu tư", INV, 30),
        StepData(P, "Thẩm định nguồn vốn và khả năng cân đối vốn", FIN, 20),
        StepData(P, "Thẩm định báo cáo đề xuất chủ trương đầu tư", FIN, 20),
        StepData(P, "Phê duyệt chủ trương đầu tư", PROV, 15),
        StepData(P, "Lập báo cáo nghiên cứu khả thi", INV, 60),
        StepData(P, "Thẩm định báo cáo đánh giá tác động môi trường", AGR, 30),
        StepData(P, "Thẩm định báo cáo nghiên cứu khả thi", CON, 30, waits=(5,)),
        StepData(P, "Phê duyệt dự án (quyết định đầu tư)", PROV, 10, waits=(6, 7)),
        StepData(I, "Lập, thẩm định, phê duyệt thiết kế – dự toán", INV, 45),
        StepData(I, "Giải phóng mặt bằng", COM, 120, waits=(8,)),
        StepData(I, "Lựa chọn nhà thầu thi công xây dựng", INV, 45, waits=(9,)),
        StepData(I, "Thi công xây dựng công trình", INV, 360, waits=(10, 11)),
        StepData(I, "Nghiệm thu hoàn thành công trình", INV, 15),
        StepData(I, "Kiểm tra công tác nghiệm thu của cơ quan chuyên môn về xây dựng", CON, 20),
        StepData(C, "Bàn giao công trình đưa vào sử dụng", INV, 15),
        StepData(C, "Lập hồ sơ quyết toán dự án hoàn thành", INV, 120),
        StepData(C, "Thẩm tra, phê duyệt quyết toán dự án hoàn thành", FIN, 100),
        StepData(C, "Thanh toán và tất toán tài khoản dự án", TRE, 10),
    ))

PREPARATION_ONLY = TemplateData(
    "Dự án chỉ chuẩn bị đầu tư", None,
    "Dự án mới ở giai đoạn chuẩn bị đầu tư (mọi nhóm): từ báo cáo đề xuất chủ trương đầu tư đến quyết định đầu tư; "
    "các bước thực hiện được bổ sung khi dự án được bố trí vốn.",
    (
        StepData(P, "Lập báo cáo đề xuất chủ trương đầu tư", INV, 20),
        StepData(P, "Thẩm định nguồn vốn và khả năng cân đối vốn", FIN, 15),
        StepData(P, "Thẩm định báo cáo đề xuất chủ trương đầu tư", FIN, 15),
        StepData(P, "Phê duyệt chủ trương đầu tư", PROV, 10),
        StepData(P, "Lựa chọn nhà thầu tư vấn khảo sát, lập dự án", INV, 20),
        StepData(P, "Khảo sát, lập báo cáo nghiên cứu khả thi", INV, 45),
        StepData(P, "Thẩm định báo cáo nghiên cứu khả thi", CON, 20),
        StepData(P, "Phê duyệt dự án (quyết định đầu tư)", PROV, 7),
    ))

DEFAULT_TEMPLATES: tuple[TemplateData, ...] = (GROUP_C_CONSTRUCTION, GROUP_B, PREPARATION_ONLY)


def seed_default_templates(session: Session, created_by_id: int | None = None) -> list[int]:
    """Store each default template whose name is not taken yet (idempotent); returns the ids of those stored."""
    taken = set(session.scalars(sa.select(ProcessTemplate.name)))
    stored = []
    for data in DEFAULT_TEMPLATES:
        if data.name in taken:
            continue
        template = ProcessTemplate(name=data.name, description=data.description, project_group=data.group,
                                   created_by_id=created_by_id)
        template.steps = [TemplateStep(position=n, phase=s.phase, name=s.name, resolver_kind=s.resolver,
                                       duration_days=s.days) for n, s in enumerate(data.steps, start=1)]
        session.add(template)
        session.flush()
        for n, (step, spec) in enumerate(zip(template.steps, data.steps), start=1):
            waits = spec.waits if spec.waits is not None else ((n - 1,) if n > 1 else ())
            step.waits_for = [TemplateStepLink(depends_on_id=template.steps[w - 1].id) for w in waits]
        session.flush()
        stored.append(template.id)
    return stored
