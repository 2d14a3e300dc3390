"""The audit trail: every ORM write is recorded, with actor, before and after, in the same transaction.

Services put the acting account on the session (`bind_actor`); a flush listener writes one audit row per
created, changed or deleted object, through the same connection, so the audit row commits or rolls back
with the change it describes. Events that change no row (log-in, export, download) use `record_event`.
"""
from __future__ import annotations

import enum
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from lib.core.enums import AuditAction
from lib.core.models import AuditLog, Base
from lib.core.models.base import utcnow

NOT_AUDITED_TABLES = {"audit_log", "login_sessions"}  # log-in and log-out are audited as events
HIDDEN_FIELDS = {"password_hash"}
IGNORED_FIELDS = {"search_key", "updated_at", "version", "created_at"}

ENTITY_LABELS = {
    "units": "Đơn vị",
    "unit_events": "Lịch sử đơn vị",
    "accounts": "Tài khoản",
    "account_roles": "Vai trò của tài khoản",
    "settings": "Tham số hệ thống",
    "calendar_overrides": "Lịch làm việc",
    "attachments": "Tệp đính kèm",
    "directive_documents": "Văn bản chỉ đạo",
    "leaders": "Lãnh đạo chỉ đạo",
    "tasks": "Nhiệm vụ",
    "task_co_units": "Đơn vị phối hợp",
    "task_reports": "Báo cáo kết quả",
    "task_events": "Lịch sử nhiệm vụ",
    "par_criteria": "Tiêu chí Chỉ số CCHC",
    "par_rounds": "Đợt đánh giá Chỉ số CCHC",
    "par_round_members": "Phân công thẩm định, phê duyệt CCHC",
    "par_assessments": "Hồ sơ Chỉ số CCHC của đơn vị",
    "par_field_reviews": "Thẩm định, phê duyệt lĩnh vực CCHC",
    "par_scores": "Điểm Chỉ số CCHC",
    "par_evidence_requests": "Yêu cầu bổ sung tài liệu kiểm chứng",
    "par_evidence_request_items": "Tiêu chí cần bổ sung tài liệu",
    "par_events": "Lịch sử hồ sơ CCHC",
    "par_components": "Thành phần điểm CCHC",
    "par_component_scores": "Điểm thành phần CCHC",
    "projects": "Dự án đầu tư công",
    "project_locations": "Địa điểm dự án",
    "project_capital_sources": "Nguồn vốn dự án",
    "project_documents": "Văn bản phê duyệt dự án",
    "project_changes": "Lịch sử điều chỉnh dự án",
    "project_status_changes": "Lịch sử trạng thái dự án",
    "process_templates": "Mẫu quy trình dự án",
    "process_template_steps": "Bước của mẫu quy trình",
    "process_template_step_links": "Bước chờ trong mẫu quy trình",
    "project_processes": "Quy trình thực hiện dự án",
    "project_steps": "Bước của quy trình dự án",
    "project_step_links": "Bước chờ trong quy trình dự án",
    "project_step_reports": "Báo cáo tiến độ bước dự án",
    "project_step_judgements": "Kết quả đúng hạn, trễ hạn của bước dự án",
    "project_step_reminders": "Đôn đốc báo cáo bước dự án",
    # H3: capital plans, disbursements, monthly reports and progress (seed 000 art. 9.3–9.4)
    "capital_plan_lines": "Kế hoạch vốn dự án",
    "disbursements": "Giải ngân dự án",
    "investor_monthly_reports": "Báo cáo tháng của chủ đầu tư",
    "project_monthly_progress": "Tiến độ khối lượng dự án",
    "treasury_imports": "Tệp số liệu Kho bạc Nhà nước",
    "treasury_figures": "Số liệu giải ngân của Kho bạc Nhà nước",
    "reconciliation_notes": "Giải trình chênh lệch với Kho bạc",
    "project_photos": "Hình ảnh dự án",
    "project_settlements": "Quyết toán dự án hoàn thành",
    "audit_log": "Nhật ký hệ thống",
    "system": "Hệ thống",
}


# The Vietnamese name of every audited column (and of the keys events record), for the «Nội dung thay đổi» of the
# audit page and its Excel file. A key "table.column" overrides the plain "column" for that table.
# tests/unit/core/test_audit.py checks that every column of every audited table has one.
FIELD_LABELS: dict[str, str] = {
    "reconciliation_notes.source": "Nguồn vốn",
    "reconciliation_notes.month": "Tháng",
    "reconciliation_notes.written_by_id": "Người giải trình",
    "treasury_imports.month": "Đến tháng",
    "treasury_imports.file_name": "Tên tệp",
    "treasury_imports.row_count": "Số dòng",
    "treasury_imports.imported_at": "Thời điểm nhập",
    "treasury_imports.imported_by_id": "Người nhập",
    "treasury_imports.superseded": "Đã được thay thế",
    "treasury_figures.import_id": "Tệp số liệu Kho bạc",
    "treasury_figures.source": "Nguồn vốn",
    "treasury_figures.month": "Tháng",
    "treasury_figures.amount": "Số tiền (đồng)",
    "project_photos.caption": "Chú thích ảnh",
    "project_photos.taken_on": "Ngày chụp",
    "project_settlements.handover_on": "Ngày nghiệm thu, bàn giao",
    "project_settlements.handover_document_id": "Biên bản nghiệm thu, bàn giao",
    "project_settlements.dossier_submitted_on": "Ngày nộp hồ sơ quyết toán",
    "project_settlements.verified_on": "Ngày thẩm tra xong",
    "project_settlements.approved_on": "Ngày phê duyệt quyết toán",
    "project_settlements.approval_document_id": "Quyết định phê duyệt quyết toán",
    "project_settlements.final_value": "Giá trị quyết toán (đồng)",
    "project_settlements.difference_reasons": "Lý do chênh lệch",
    # shared names
    "id": "Mã số",
    "name": "Tên",
    "code": "Mã",
    "kind": "Loại",
    "status": "Trạng thái",
    "note": "Ghi chú",
    "text": "Nội dung",
    "content": "Nội dung",
    "year": "Năm",
    "seq": "Số thứ tự",
    "at": "Thời điểm",
    "deadline": "Thời hạn",
    "is_public": "Công khai",
    "unit_id": "Đơn vị",
    "account_id": "Tài khoản",
    "task_id": "Nhiệm vụ",
    "report_id": "Báo cáo",
    "round_id": "Đợt đánh giá",
    "assessment_id": "Hồ sơ Chỉ số CCHC",
    "criterion_id": "Tiêu chí",
    "field_id": "Lĩnh vực",
    "attachment_id": "Tệp đính kèm",
    "parent_id": "Đơn vị cấp trên",
    "actor_id": "Người thực hiện",
    "actor_name": "Người thực hiện (họ tên)",
    "created_by_id": "Người tạo",
    "submitted_at": "Thời điểm gửi",
    "submitted_by_id": "Người gửi",
    "max_score": "Điểm tối đa",
    "unit_group": "Nhóm đơn vị",
    "issued_on": "Ngày ban hành",
    "decision": "Căn cứ",
    # units, unit_events
    "units.name": "Tên đơn vị",
    "units.code": "Mã đơn vị",
    "units.kind": "Loại đơn vị",
    "short_name": "Tên viết tắt",
    "founded_on": "Ngày thành lập",
    "ended_on": "Ngày kết thúc",
    "successor_id": "Đơn vị tiếp nhận",
    "unit_events.kind": "Sự kiện",
    "unit_events.decision": "Căn cứ (văn bản quyết định)",
    "on_date": "Ngày hiệu lực",
    "old_name": "Tên cũ",
    "new_name": "Tên mới",
    "related_unit_id": "Đơn vị liên quan",
    # accounts, account_roles
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "email": "Thư điện tử",
    "phone": "Điện thoại",
    "position": "Chức vụ",
    "status_reason": "Lý do (khóa, ngừng sử dụng)",
    "password_hash": "Mật khẩu",
    "must_change_password": "Phải đổi mật khẩu",
    "password_changed_at": "Thời điểm đổi mật khẩu",
    "failed_logins": "Số lần đăng nhập sai liên tiếp",
    "locked_until": "Tạm khóa đến",
    "lockouts": "Số lần bị tạm khóa liên tiếp",
    "credential_version": "Phiên bản thông tin đăng nhập",
    "last_login_at": "Đăng nhập lần cuối",
    "role": "Vai trò",
    "granted_at": "Thời điểm cấp vai trò",
    "granted_by_id": "Người cấp vai trò",
    # settings, calendar_overrides, attachments
    "key": "Tham số",
    "value": "Giá trị",
    "updated_by_id": "Người cập nhật",
    "day": "Ngày",
    "calendar_overrides.kind": "Loại điều chỉnh",
    "calendar_overrides.note": "Căn cứ",
    "active": "Còn hiệu lực",
    "leaders.active": "Đang giữ chức vụ",
    "sha256": "Mã băm SHA-256",
    "size": "Dung lượng (byte)",
    "attachments.name": "Tên tệp",
    "extension": "Phần mở rộng",
    "mime": "Kiểu tệp",
    "owner_type": "Thuộc loại hồ sơ",
    "owner_id": "Thuộc hồ sơ số",
    "uploaded_at": "Thời điểm tải lên",
    "uploaded_by_id": "Người tải lên",
    "withdrawn_at": "Thời điểm thu hồi",
    # directive_documents, tasks, task_co_units, task_reports, task_events
    "doc_type": "Loại văn bản",
    "number": "Số",
    "symbol": "Ký hiệu",
    "number_symbol": "Số, ký hiệu",
    "summary": "Trích yếu",
    "issued_time": "Giờ ban hành",
    "issued_year": "Năm ban hành",
    "issuer_unit_id": "Cơ quan ban hành",
    "leader_id": "Người chỉ đạo",
    "directed_by_name": "Người chỉ đạo (ghi trên văn bản)",
    # leaders
    "leaders.title": "Chức vụ",
    "sort_order": "Thứ tự",
    "signer": "Người ký",
    "drafter_id": "Chuyên viên soạn thảo",
    "urgency": "Độ khẩn",
    "entered_at": "Thời điểm cập nhật văn bản",
    "entered_by_id": "Người cập nhật văn bản",
    "entry_due_on": "Hạn cập nhật văn bản",
    "entry_late_days": "Số ngày làm việc cập nhật chậm",
    "entry_basis": "Căn cứ tính hạn cập nhật",
    "doc_time": "Giờ ban hành văn bản báo cáo",
    "doc_urgency": "Độ khẩn văn bản báo cáo",
    "review_due_on": "Hạn duyệt báo cáo",
    "review_late_days": "Số ngày làm việc duyệt chậm",
    "document_id": "Văn bản chỉ đạo",
    "tasks.content": "Nội dung nhiệm vụ",
    "tasks.deadline": "Hạn xử lý",
    "lead_unit_id": "Đơn vị chủ trì",
    "long_term": "Dài hạn",
    "follower_id": "Người theo dõi, đôn đốc",
    "acknowledged_at": "Thời điểm tiếp nhận",
    "done_at": "Thời điểm hoàn thành (gửi báo cáo đạt)",
    "done_on": "Ngày hoàn thành",
    "done_timeliness": "Kết quả thời hạn",
    "task_co_units.unit_id": "Đơn vị phối hợp",
    "task_reports.content": "Nội dung thực hiện",
    "task_reports.unit_id": "Đơn vị báo cáo",
    "task_reports.decision": "Kết quả duyệt",
    "doc_name": "Tên văn bản báo cáo",
    "doc_number": "Số, ký hiệu văn bản báo cáo",
    "doc_summary": "Trích yếu văn bản báo cáo",
    "doc_date": "Ngày văn bản báo cáo",
    "doc_signer": "Người ký văn bản báo cáo",
    "decided_at": "Thời điểm duyệt",
    "decided_by_id": "Người duyệt",
    "decision_reason": "Lý do không đạt",
    "task_events.kind": "Sự kiện",
    "old_value": "Giá trị cũ",
    "new_value": "Giá trị mới",
    "internal": "Chỉ dùng nội bộ",
    # par_* (Chỉ số CCHC)
    "par_criteria.name": "Tên tiêu chí",
    "par_criteria.code": "Mã tiêu chí",
    "par_criteria.parent_id": "Tiêu chí cấp trên",
    "level": "Cấp tiêu chí",
    "sort_key": "Khóa sắp xếp",
    "guidance": "Hướng dẫn chấm điểm",
    "method": "Cách chấm điểm",
    "step": "Bước điểm",
    "levels": "Các mức điểm",
    "evidence_required": "Bắt buộc tài liệu kiểm chứng",
    "par_rounds.name": "Tên đợt đánh giá",
    "self_deadline": "Hạn tự đánh giá",
    "appraisal_deadline": "Hạn thẩm định",
    "council_deadline": "Hạn Hội đồng phê duyệt",
    "published_to_leaders": "Đã công bố cho lãnh đạo",
    "published_to_public": "Đã công bố công khai",
    "field_code": "Mã lĩnh vực",
    "par_round_members.kind": "Vai trò trong đợt",
    "submitted_late": "Gửi trễ hạn",
    "appraised_by_id": "Người thẩm định",
    "appraised_at": "Thời điểm thẩm định",
    "approved_by_id": "Người phê duyệt",
    "approved_at": "Thời điểm phê duyệt",
    "council_comment": "Ý kiến Hội đồng",
    "self_score": "Điểm tự đánh giá",
    "explanation": "Giải trình",
    "appraised_score": "Điểm thẩm định",
    "appraisal_comment": "Ý kiến thẩm định",
    "final_score": "Điểm được công nhận",
    "requested_by_id": "Người yêu cầu",
    "par_evidence_requests.deadline": "Hạn bổ sung",
    "par_evidence_requests.note": "Nội dung yêu cầu",
    "answered_at": "Thời điểm trả lời",
    "answered_by_id": "Người trả lời",
    "request_id": "Yêu cầu bổ sung",
    "answer": "Nội dung bổ sung",
    "par_events.kind": "Sự kiện",
    "par_components.name": "Tên thành phần điểm",
    "component_id": "Thành phần điểm",
    "score": "Điểm",
    # projects, project_* (Dự án đầu tư công)
    "projects.code": "Mã dự án",
    "projects.name": "Tên dự án",
    "projects.kind": "Loại dự án",
    "projects.field": "Lĩnh vực",
    "project_group": "Nhóm dự án",
    "deciding_level": "Cấp quyết định đầu tư",
    "investor_unit_id": "Chủ đầu tư",
    "private_investor": "Nhà đầu tư (dự án tư nhân)",
    "management_form": "Hình thức quản lý dự án",
    "total_investment": "Tổng mức đầu tư (đồng)",
    "planned_start": "Ngày dự kiến bắt đầu",
    "planned_end": "Ngày dự kiến kết thúc",
    "preparation_start": "Ngày bắt đầu chuẩn bị đầu tư",
    "preparation_end": "Ngày kết thúc chuẩn bị đầu tư",
    "implementation_start": "Ngày bắt đầu thực hiện đầu tư",
    "implementation_end": "Ngày kết thúc thực hiện đầu tư",
    "closing_start": "Ngày bắt đầu kết thúc đầu tư",
    "closing_end": "Ngày kết thúc giai đoạn kết thúc đầu tư",
    "projects.phase": "Giai đoạn",
    "published": "Công khai",
    "projects.entered_at": "Thời điểm khởi tạo",
    "projects.entry_due_on": "Hạn khởi tạo",
    "projects.entry_late_days": "Số ngày làm việc khởi tạo chậm",
    "project_id": "Dự án",
    # H3: capital plans, disbursements, monthly reports and progress
    "capital_plan_lines.source": "Nguồn vốn",
    "capital_plan_lines.amount": "Số tiền (đồng)",
    "capital_plan_lines.month_from": "Áp dụng từ tháng",
    "capital_plan_lines.decision_number": "Số quyết định",
    "capital_plan_lines.decision_date": "Ngày quyết định",
    "disbursements.month": "Tháng giải ngân",
    "disbursements.source": "Nguồn vốn",
    "disbursements.amount": "Số tiền giải ngân (đồng)",
    "disbursements.treasury_confirmed_on": "Ngày Kho bạc xác nhận",
    "investor_monthly_reports.month": "Tháng báo cáo",
    "investor_monthly_reports.results": "Kết quả thực hiện và giải ngân",
    "investor_monthly_reports.difficulties": "Khó khăn, vướng mắc",
    "investor_monthly_reports.proposals": "Kiến nghị, đề xuất",
    "investor_monthly_reports.due_on": "Hạn báo cáo",
    "investor_monthly_reports.late_days": "Số ngày làm việc báo cáo chậm",
    "project_monthly_progress.month": "Tháng",
    "project_monthly_progress.physical_percent": "Khối lượng thực hiện (%)",
    "project_monthly_progress.reported_at": "Thời điểm báo cáo",
    "project_monthly_progress.reported_by_id": "Người báo cáo",
    "commune_id": "Xã, phường",
    "latitude": "Vĩ độ",
    "longitude": "Kinh độ",
    "project_capital_sources.source": "Nguồn vốn",
    "project_capital_sources.amount": "Số vốn (đồng)",
    "project_documents.kind": "Loại văn bản",
    "project_documents.number": "Số, ký hiệu",
    "signed_on": "Ngày ký",
    "issuer": "Cơ quan ban hành",
    "project_changes.kind": "Loại điều chỉnh",
    "field_name": "Thông tin điều chỉnh",
    "project_changes.document_id": "Văn bản phê duyệt",
    "project_changes.entered_at": "Thời điểm cập nhật thay đổi",
    "project_changes.entered_by_id": "Người cập nhật thay đổi",
    "project_changes.entry_due_on": "Hạn cập nhật thay đổi",
    "project_changes.entry_late_days": "Số ngày làm việc cập nhật chậm",
    "effective_on": "Ngày có hiệu lực",
    "old_status": "Trạng thái cũ",
    "new_status": "Trạng thái mới",
    "old_phase": "Giai đoạn cũ",
    "new_phase": "Giai đoạn mới",
    "reason": "Lý do",
    "project_status_changes.document_id": "Văn bản phê duyệt",
    "process_templates.name": "Tên mẫu quy trình",
    "process_templates.active": "Đang sử dụng",
    "description": "Mô tả",
    "template_id": "Mẫu quy trình",
    "process_template_steps.position": "Thứ tự",
    "process_template_steps.phase": "Giai đoạn",
    "process_template_steps.name": "Tên bước",
    "process_template_steps.unit_id": "Đơn vị giải quyết",
    "resolver_kind": "Đơn vị giải quyết mặc định",
    "duration_days": "Số ngày làm việc dự kiến",
    "step_id": "Bước",
    "depends_on_id": "Bước phải chờ",
    "starts_on": "Ngày bắt đầu quy trình",
    "project_steps.position": "Thứ tự",
    "project_steps.phase": "Giai đoạn",
    "project_steps.name": "Tên bước",
    "project_steps.unit_id": "Đơn vị giải quyết",
    "project_steps.planned_start": "Ngày bắt đầu dự kiến",
    "project_steps.planned_end": "Ngày kết thúc dự kiến",
    "deadline_set": "Thời hạn do chủ đầu tư ấn định",
    "actual_start": "Ngày bắt đầu thực tế",
    "actual_end": "Ngày hoàn thành thực tế",
    # step reports, judgements and reminders (seed 000 art. 8.3–8.7, 9.2)
    "project_step_reports.reported_by_id": "Người báo cáo",
    "project_step_reports.reported_at": "Thời điểm báo cáo",
    "project_step_reports.started_on": "Ngày bắt đầu",
    "project_step_reports.progress_percent": "Mức độ hoàn thành (%)",
    "project_step_reports.finished_on": "Ngày hoàn thành",
    "project_step_reports.advantages": "Thuận lợi",
    "project_step_reports.difficulties": "Khó khăn, vướng mắc",
    "project_step_reports.proposals": "Đề xuất, kiến nghị",
    "project_step_reports.due_on": "Hạn báo cáo",
    "project_step_reports.late_days": "Số ngày làm việc báo cáo chậm",
    "project_step_judgements.finished_on": "Ngày hoàn thành",
    "project_step_judgements.late": "Trễ hạn",
    "project_step_judgements.late_days": "Số ngày làm việc trễ hạn",
    "project_step_judgements.responsible_unit_id": "Đơn vị chịu trách nhiệm",
    "project_step_judgements.by_id": "Người xác nhận",
    "project_step_reminders.from_id": "Người đôn đốc",
    "project_step_reminders.message": "Nội dung đôn đốc",
    # keys of events that change no row (log-in, backup, restore, demo data)
    "rows": "Số dòng",
    "counts": "Số dòng theo bảng",
    "units": "Số đơn vị",
    "accounts": "Số tài khoản",
    "created_at": "Thời điểm tạo",
}


def field_label(entity: str, key: str) -> str:
    """The Vietnamese name of a recorded field; the raw key only for a field no one has named yet."""
    return FIELD_LABELS.get(f"{entity}.{key}") or FIELD_LABELS.get(key) or key


def _column(entity: str, key: str) -> sa.Column | None:
    from lib.core.models import Base

    table = Base.metadata.tables.get(entity)
    return table.c.get(key) if table is not None else None


def referenced_table(entity: str, key: str) -> str | None:
    """The table a recorded id points to (units, accounts, …), from the model's foreign key."""
    column = _column(entity, key)
    if column is None:
        return None
    return next((fk.column.table.name for fk in column.foreign_keys), None)


def value_text(entity: str, key: str, value: Any, names: dict[tuple[str, int], str] | None = None) -> str:
    """A recorded value as users read it: enum labels, Có/Không, dates dd/mm/yyyy in Vietnam time, names of
    units and accounts (from `names`, keyed by table and id) instead of their ids."""
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    column = _column(entity, key)
    if column is None:
        return _plain(value)
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None:
        try:
            return getattr(enum_class(value), "label", str(value))
        except ValueError:
            return str(value)
    target = referenced_table(entity, key)
    if target is not None and isinstance(value, int) and names and (target, value) in names:
        return names[(target, value)]
    python_type = _python_type(column)
    if isinstance(value, str):
        try:
            if python_type is datetime:
                from lib.core.calendar import to_local
                return to_local(datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
            if python_type is date:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            if python_type is time:
                return time.fromisoformat(value).strftime("%H:%M")
            if python_type is Decimal:
                return value.replace(".", ",")
        except ValueError:
            return value
    return _plain(value)


def _python_type(column: sa.Column) -> type | None:
    from sqlalchemy.types import TypeDecorator

    from lib.core.models.types import Points

    if isinstance(column.type, Points):
        return Decimal
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def bind_actor(session: Session, actor_id: int | None, actor_name: str | None) -> None:
    session.info["actor_id"] = actor_id
    session.info["actor_name"] = actor_name


def suspend(session: Session) -> None:
    """Bulk loads (demo data, restore) write one summary event instead of a row per object."""
    session.info["audit_suspended"] = True


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, time)):  # a time: e.g. the hour a directive document was issued
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _dump(values: dict[str, Any]) -> str | None:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else None


def _column_keys(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in IGNORED_FIELDS]


def _shown(key: str, value: Any) -> Any:
    return "***" if key in HIDDEN_FIELDS and value is not None else _jsonable(value)


def _snapshot(obj: Any) -> dict[str, Any]:
    return {k: _shown(k, getattr(obj, k)) for k in _column_keys(obj)}


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for key in _column_keys(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else getattr(obj, key)
        if old == new:
            continue
        before[key], after[key] = _shown(key, old), _shown(key, new)
    return before, after


def _summary(obj: Any) -> str | None:
    for attr in ("username", "name", "number_symbol", "code", "key", "content", "note"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:500]
    return None


def _unit_of(obj: Any) -> int | None:
    if obj.__tablename__ == "units":
        return obj.id
    value = getattr(obj, "unit_id", None)
    return value if isinstance(value, int) else None


def _row(session: Session, obj: Any, action: AuditAction, before: dict | None, after: dict | None) -> dict:
    # A new object gets its identity key only after the flush; its primary key attributes are already set.
    state = inspect(obj)
    pk = state.identity or state.mapper.primary_key_from_instance(obj)
    return {
        "at": utcnow(),
        "actor_id": session.info.get("actor_id"),
        "actor_name": session.info.get("actor_name"),
        "action": action,
        "entity": obj.__tablename__,
        "entity_id": ",".join(str(v) for v in pk) if pk and None not in pk else None,
        "summary": _summary(obj),
        "before": _dump(before or {}),
        "after": _dump(after or {}),
        "unit_id": _unit_of(obj),
    }


def _audited(obj: Any) -> bool:
    return getattr(obj, "__tablename__", None) not in NOT_AUDITED_TABLES and hasattr(obj, "__tablename__")


DELETED_KEY = "audit_deleted"


def _record_delete(_mapper: Any, _connection: Any, target: Any) -> None:
    """Every row the flush deletes, however it came to be deleted: `session.delete`, a `delete` cascade from its
    parent, or a `delete-orphan` cascade (a child removed from its parent's collection, which never appears in
    `session.deleted`). Kept on the session until the flush's audit rows are written."""
    session = sa.orm.object_session(target)
    if session is None or session.info.get("audit_suspended") or not _audited(target):
        return
    session.info.setdefault(DELETED_KEY, []).append(_row(session, target, AuditAction.DELETE, _snapshot(target), None))


sa.event.listen(Base, "after_delete", _record_delete, propagate=True)


@sa.event.listens_for(Session, "after_flush")
def _write_audit_rows(session: Session, _context: Any) -> None:
    deleted = session.info.pop(DELETED_KEY, [])
    if session.info.get("audit_suspended"):
        return
    rows = [_row(session, o, AuditAction.CREATE, None, _snapshot(o)) for o in session.new if _audited(o)]
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                rows.append(_row(session, obj, AuditAction.UPDATE, before, after))
    rows += deleted
    if rows:
        session.connection().execute(sa.insert(AuditLog.__table__), _stringify_actions(rows))


@sa.event.listens_for(Session, "after_soft_rollback")
def _forget_deletes(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(DELETED_KEY, None)  # a flush that failed half-way: its deletes did not happen


def _stringify_actions(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["action"] = row["action"].value
    return rows


def record_event(session: Session, action: AuditAction, *, entity: str = "system", entity_id: Any = None,
                 summary: str | None = None, details: dict | None = None, unit_id: int | None = None,
                 actor_id: int | None = None, actor_name: str | None = None) -> None:
    """An event that is not a row change (log-in, export, backup): one audit row, same transaction."""
    session.add(AuditLog(
        at=utcnow(),
        actor_id=actor_id if actor_id is not None else session.info.get("actor_id"),
        actor_name=actor_name if actor_name is not None else session.info.get("actor_name"),
        action=action, entity=entity, entity_id=None if entity_id is None else str(entity_id),
        summary=summary, after=_dump({k: _jsonable(v) for k, v in (details or {}).items()}), unit_id=unit_id,
    ))
