"""Chi tiết nhiệm vụ: one task (?id=…) with its document, reports and history, and what the actor may do now."""
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.tasks.enums import ReportDecision, TaskStatus, Urgency
from lib.core.enums import Role
from lib.core.errors import NotFound
from lib.core.services import settings
from lib.tasks import queries as task_queries, workflow as tasks
from lib.tasks.workflow import ReportInput, Upload
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY
from lib.ui.outcome import action_button, submit_button
from lib.ui.outcome import tabs as outcome_tabs
from lib.ui.session import db
from lib.tasks.ui import document_card, document_title, history_table, reports_section, task_card
from lib.ui.widgets import attempt, date_input, file_input, page_link, show_flash

actor = require_page("task_detail")
today = local_today()
raw_id = st.query_params.get("id", "")

if not raw_id.strip().isdigit():
    st.title("Chi tiết nhiệm vụ")
    st.info("Chưa chọn nhiệm vụ. Hãy mở một nhiệm vụ từ danh sách nhiệm vụ của đơn vị, hàng đợi duyệt báo cáo "
            "hoặc trang tổng quan.", icon=":material/info:")
    st.stop()

try:
    with db() as session:
        detail = task_queries.task_detail(session, actor, int(raw_id), today)
        upload_mb = settings.get(session, "upload_max_mb")
        rules = tasks.deadline_rules(session)
except NotFound:
    st.error(vi.ERR_NOT_FOUND)   # an id outside the actor's scope reveals nothing, not even that it exists
    st.stop()

row, doc = detail.row, detail.document
task_id = row.id
st.title("Chi tiết nhiệm vụ")
st.caption(f"{document_title(doc)} · {row.lead_unit}")
show_flash()


report_rule = ((f"trong {rules.report_working_days} ngày làm việc sau ngày ban hành văn bản báo cáo"
                if rules.by_working_days else
                f"trong ngày ban hành văn bản báo cáo (sau {rules.cutoff:%H:%M}: ngày làm việc tiếp theo)")
               + "; văn bản khẩn, hỏa tốc: ngay trong ngày ban hành")


def _upload(file) -> Upload | None:  # noqa: ANN001
    return Upload(file.name, file.getvalue()) if file is not None else None


def _file_input(label: str, key: str):  # noqa: ANN202
    return file_input(label, key=key, max_mb=upload_mb)


writer = actor.has(Role.UNIT_EDITOR, Role.UNIT_ADMIN)
lead_writer = writer and detail.is_lead_unit
co_writer = writer and detail.is_co_unit and not detail.is_lead_unit
status = row.status
can_report = status in (TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.REJECTED)
last_rejection = next((r for r in reversed(detail.reports) if r.decision == ReportDecision.REJECTED), None)

left, right = st.columns([1.2, 1], gap="large")
with left:
    task_card(detail, actor, key="ct-nv")
    if status == TaskStatus.REJECTED and last_rejection is not None:
        reason_text = (last_rejection.reason or vi.NONE).rstrip(". ")
        st.warning(f"**Báo cáo lần trước không đạt.** Lý do: {reason_text}. "
                   "Đơn vị tiếp tục thực hiện và báo cáo lại.", icon=":material/replay:")

    # ------------------------------------------------------------ what the actor may do now
    if lead_writer and status.is_open:
        actions = []
        if status == TaskStatus.NEW:
            actions.append("Tiếp nhận")
        if can_report:
            actions += ["Báo cáo kết quả", "Cập nhật tiến độ"]
        if status in (TaskStatus.NEW, TaskStatus.ACKNOWLEDGED):
            actions.append("Trả lại Văn phòng")
        if status == TaskStatus.SUBMITTED:
            st.info("Đơn vị đã gửi báo cáo kết quả; Văn phòng UBND đang xem xét.", icon=":material/hourglass_top:")
        elif status == TaskStatus.RETURNED:
            st.info("Đơn vị đã trả lại nhiệm vụ; Văn phòng UBND đang xem xét giao lại hoặc điều chỉnh.",
                    icon=":material/assignment_return:")
        if actions:
            tabs = dict(zip(actions, outcome_tabs(actions, {
                "Tiếp nhận": ["ct-tiep-nhan"], "Báo cáo kết quả": ["ct-gui-bc"], "Cập nhật tiến độ": ["ct-luu-td"],
                "Trả lại Văn phòng": ["ct-tra-lai-nut"]})))
            if "Tiếp nhận" in tabs:
                with tabs["Tiếp nhận"]:
                    st.write("Xác nhận đơn vị đã nhận nhiệm vụ và triển khai thực hiện.")
                    if action_button("Tiếp nhận nhiệm vụ", type="primary", icon=":material/inbox:",
                                     key="ct-tiep-nhan"):
                        def acknowledge() -> None:
                            with db() as session:
                                tasks.acknowledge(session, actor, task_id)
                        attempt(acknowledge, "Đã tiếp nhận nhiệm vụ.")
            if "Báo cáo kết quả" in tabs:
                with tabs["Báo cáo kết quả"], st.form("ct-bao-cao"):
                    content = st.text_area("Nội dung thực hiện *", key="ct-bc-noi-dung", height=100,
                                           placeholder="Kết quả thực hiện nhiệm vụ")
                    c1, c2 = st.columns([1.4, 1])
                    doc_name = c1.text_input("Tên văn bản báo cáo *", key="ct-bc-ten",
                                             placeholder="ví dụ: Báo cáo kết quả thực hiện")
                    doc_number = c2.text_input("Số, ký hiệu *", key="ct-bc-so", placeholder="ví dụ: 125/BC-SXD")
                    doc_summary = st.text_input("Trích yếu", key="ct-bc-trich-yeu")
                    c1, c2, c3, c4 = st.columns([1, 0.8, 0.9, 1.4])
                    with c1:
                        doc_date = date_input("Ngày ban hành *", value=None, key="ct-bc-ngay", max_value=today)
                    doc_time = c2.time_input("Giờ ban hành", value=None, step=300, key="ct-bc-gio",
                                             help=f"Không bắt buộc. Văn bản ban hành sau {rules.cutoff:%H:%M} được "
                                                  "cập nhật trong ngày làm việc tiếp theo.")
                    doc_urgency = c3.selectbox("Độ khẩn", list(Urgency), format_func=lambda u: u.label,
                                               key="ct-bc-khan", placeholder=vi.CHOOSE)
                    doc_signer = c4.text_input("Người ký *", key="ct-bc-nguoi-ky")
                    report_file = _file_input("Tệp văn bản báo cáo có ký tên, đóng dấu (chữ ký số hoặc bản quét) *",
                                              "ct-bc-tep")
                    st.caption(f"Hạn cập nhật báo cáo: {report_rule}. Thời điểm gửi báo cáo được dùng để xác định "
                               "nhiệm vụ hoàn thành trước hạn, đúng hạn hay trễ hạn khi Văn phòng xác nhận đạt "
                               "(hạn rơi vào ngày nghỉ được tính đến hết ngày làm việc tiếp theo).")
                    if submit_button("Gửi báo cáo", type="primary", icon=":material/send:", key="ct-gui-bc"):
                        def report() -> None:
                            with db() as session:
                                tasks.submit_report(session, actor, task_id, ReportInput(
                                    content, doc_name, doc_number, doc_summary, doc_date, doc_signer, doc_time,
                                    doc_urgency or Urgency.NORMAL), _upload(report_file), expected_version=row.version)
                        attempt(report, "Đã gửi báo cáo kết quả; Văn phòng UBND sẽ xem xét, xác nhận.")
            if "Cập nhật tiến độ" in tabs:
                with tabs["Cập nhật tiến độ"], st.form("ct-tien-do"):
                    progress = st.text_area("Tiến độ thực hiện *", key="ct-td-noi-dung", height=90)
                    progress_file = _file_input("Tệp kèm theo (nếu có)", "ct-td-tep")
                    if submit_button("Lưu tiến độ", type="primary", key="ct-luu-td"):
                        def post() -> None:
                            with db() as session:
                                tasks.post_progress(session, actor, task_id, progress, _upload(progress_file))
                        attempt(post, "Đã cập nhật tiến độ.")
            if "Trả lại Văn phòng" in tabs:
                with tabs["Trả lại Văn phòng"], st.form("ct-tra-lai"):
                    st.caption("Khi nhiệm vụ không thuộc chức năng, nhiệm vụ của đơn vị hoặc nội dung chưa chính xác "
                               "(Quy chế, Điều 9): nêu rõ lý do để Văn phòng điều chỉnh hoặc giao đơn vị khác.")
                    reason = st.text_area("Lý do trả lại *", key="ct-tl-ly-do", height=80)
                    if submit_button("Trả lại Văn phòng", key="ct-tra-lai-nut",
                                     icon=":material/assignment_return:"):
                        def give_back() -> None:
                            with db() as session:
                                tasks.return_to_office(session, actor, task_id, reason)
                        attempt(give_back, "Đã trả lại nhiệm vụ cho Văn phòng UBND.")
    elif co_writer and status in (TaskStatus.NEW, TaskStatus.ACKNOWLEDGED, TaskStatus.REJECTED,
                                  TaskStatus.SUBMITTED):
        with st.form("ct-gop-y"):
            st.markdown("**Góp ý của đơn vị phối hợp** gửi đơn vị chủ trì")
            text = st.text_area("Nội dung phối hợp *", key="ct-gy-noi-dung", height=90)
            contribution_file = _file_input("Tệp kèm theo (nếu có)", "ct-gy-tep")
            if submit_button("Gửi góp ý", type="primary", icon=":material/send:", key="ct-gui-gy"):
                def contribute() -> None:
                    with db() as session:
                        tasks.contribute(session, actor, task_id, text, _upload(contribution_file))
                attempt(contribute, "Đã gửi nội dung phối hợp cho đơn vị chủ trì.")
    elif actor.has(Role.OFFICE_OFFICER) and status in (TaskStatus.SUBMITTED, TaskStatus.RETURNED):
        st.info("Báo cáo của đơn vị đang chờ Văn phòng duyệt." if status == TaskStatus.SUBMITTED else
                "Đơn vị đã trả lại nhiệm vụ; cần giao lại hoặc điều chỉnh nội dung.", icon=":material/fact_check:")
        page_link(BY_KEY["task_review"])
    elif actor.has(Role.UNIT_VIEWER) and not writer and (detail.is_lead_unit or detail.is_co_unit):
        st.caption(vi.TASK_READ_ONLY)

with right:
    st.markdown("**Văn bản giao nhiệm vụ**")
    document_card(detail, actor, key="ct-vb", show_entry=actor.has(Role.OFFICE_OFFICER, Role.LEADER,
                                                                   Role.SYSTEM_ADMIN))

st.subheader("Các báo cáo đã gửi")
reports_section(detail, actor, key="ct-bc")
st.subheader("Lịch sử nhiệm vụ")
history_table(detail.history, actor, key="ct-ls")
