"""Hồ sơ Chỉ số CCHC: one unit's assessment (?id=…, optionally &lv=<field code>), field by field, with what the
actor may do now: the unit scores, explains, attaches evidence and submits, and answers requests for more evidence;
an assessor appraises their fields; a council member approves or returns them; anyone else in scope reads."""
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.par.enums import ParAssessmentStatus, ParFieldStatus
from lib.core.enums import Role
from lib.core.errors import NotFound
from lib.core.services import calendar_admin, settings
from lib.par import assessments as par_assessments
from lib.par.catalogue import MAX_TOTAL
from lib.par import ui as pw
from lib.ui.guard import require_page
from lib.ui.nav import BY_KEY, allowed
from lib.ui.session import db
from lib.ui.widgets import page_link, show_flash

actor = require_page("par_assessment")
today = local_today()
raw_id = st.query_params.get("id", "")

if not raw_id.strip().isdigit():
    st.title("Hồ sơ Chỉ số CCHC")
    st.info("Chưa chọn hồ sơ. Hãy mở một hồ sơ từ danh sách tự đánh giá của đơn vị, hàng đợi thẩm định hoặc hàng "
            "đợi phê duyệt.", icon=":material/info:")
    for key in ("par_self", "par_appraisal", "par_council"):
        if allowed(BY_KEY[key], actor.roles):
            page_link(BY_KEY[key])
    st.stop()

assessment_id = int(raw_id)
try:
    with db() as session:
        view = par_assessments.view(session, actor, assessment_id)
        upload_mb = int(settings.get(session, "upload_max_mb"))
        default_deadline = (calendar_admin.work_calendar(session).add_working_days(today, 5)
                            if any(f.can_appraise for f in view.fields) else today)
except NotFound:
    st.error(vi.ERR_NOT_FOUND)   # an id outside the actor's sight reveals nothing, not even that it exists
    st.stop()

st.title("Hồ sơ Chỉ số CCHC")
st.caption(f"{view.unit_name} · {view.round_name}")
show_flash()
messages = pw.Messages()


# ---------------------------------------------------------------- actions (run as the buttons' callbacks)

def save_draft(field: par_assessments.FieldView, version: int) -> None:
    entries, uploads, removals = pw.self_values(field, version)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.save_self(session, who, assessment_id, entries, expected_version=version)
            for criterion_id, files in uploads.items():
                for upload in files:
                    par_assessments.add_evidence(session, who, assessment_id, criterion_id, upload)
            for attachment_id in removals:
                par_assessments.remove_evidence(session, who, attachment_id)
    added = sum(len(files) for files in uploads.values())
    pw.act(f"ts-{field.id}", run, f"Đã lưu nháp lĩnh vực {field.code}"
           + (f", thêm {added} tệp tài liệu kiểm chứng" if added else "")
           + (f", gỡ bỏ {len(removals)} tệp" if removals else "") + ".")


def submit_self() -> None:
    if not st.session_state.get("nop-xac-nhan"):
        pw.refuse("nop", "Vui lòng đánh dấu ô xác nhận trước khi nộp kết quả tự đánh giá.")
        return

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.submit(session, who, assessment_id)
    pw.act("nop", run, "Đã nộp kết quả tự đánh giá; Tổ giúp việc sẽ thẩm định từng lĩnh vực.")


def answer(request: par_assessments.RequestView) -> None:
    answers, uploads = pw.answer_values(request)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.answer_request(session, who, request.id, answers, uploads,
                                           expected_version=request.version)
    pw.act(f"bs-{request.id}", run, f"Đã gửi nội dung bổ sung tiêu chí {', '.join(request.codes)} cho Tổ giúp việc.")


def save_appraisal(field: par_assessments.FieldView, mark: str) -> None:
    entries = pw.appraisal_values(field, mark)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.save_appraisal(session, who, assessment_id, entries)
    pw.act(f"td-{field.id}", run, f"Đã lưu điểm thẩm định lĩnh vực {field.code}.")


def finish(field: par_assessments.FieldView, mark: str) -> None:
    entries = pw.appraisal_values(field, mark)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.save_appraisal(session, who, assessment_id, entries)
            par_assessments.finish_field(session, who, assessment_id, field.id, expected_version=field.version)
    pw.act(f"td-{field.id}", run, f"Đã hoàn thành thẩm định lĩnh vực {field.code}; lĩnh vực được chuyển Hội đồng "
                                  "thẩm định phê duyệt.")


def request(field: par_assessments.FieldView, n: int) -> None:
    criterion_ids, deadline, note = pw.request_values(field, n)
    if deadline is None:
        pw.refuse(f"yc-{field.id}", "Vui lòng chọn hạn bổ sung tài liệu.")
        return

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.request_evidence(session, who, assessment_id, criterion_ids, deadline, note)
    pw.act(f"yc-{field.id}", run, f"Đã gửi yêu cầu bổ sung tài liệu cho {view.unit_name}.")


def approve(field: par_assessments.FieldView) -> None:
    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.approve_field(session, who, assessment_id, field.id, expected_version=field.version)
    pw.act(f"hd-duyet-{field.id}", run, f"Đã phê duyệt lĩnh vực {field.code}; điểm thẩm định là điểm chính thức.")


def give_back(field: par_assessments.FieldView) -> None:
    comment = pw.council_comment(field)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.return_field(session, who, assessment_id, field.id, comment,
                                         expected_version=field.version)
    pw.act(f"hd-tra-{field.id}", run, f"Đã trả lại lĩnh vực {field.code} cho Tổ giúp việc thẩm định lại.")


def correct(field: par_assessments.FieldView) -> None:
    scores, reason = pw.correction_values(field)

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.correct_submitted(session, who, assessment_id, scores, reason,
                                              expected_version=view.version)
    pw.act(f"dc-{field.id}", run, f"Đã điều chỉnh điểm tự đánh giá lĩnh vực {field.code}; {view.unit_name} xem "
                                  "được nội dung điều chỉnh trong lịch sử hồ sơ.")


def reopen() -> None:
    reason = st.session_state.get("mo-lai-ly-do") or ""

    def run(who: Actor) -> None:
        with db() as session:
            par_assessments.reopen(session, who, assessment_id, reason)
    pw.act("mo-lai", run, f"Đã mở lại hồ sơ để {view.unit_name} tự đánh giá.")


# ---------------------------------------------------------------- the page

pw.header(view, today)
pw.totals(view.fields, partial=sum(f.max_score for f in view.fields) < MAX_TOTAL)
if view.status == ParAssessmentStatus.DRAFT and not view.can_edit_self:
    st.info("Đơn vị đang tự đánh giá, chưa nộp kết quả.", icon=":material/hourglass_top:")
if actor.has(Role.UNIT_VIEWER) and not actor.has(Role.UNIT_EDITOR, Role.UNIT_ADMIN, Role.PAR_ADMIN):
    st.caption(vi.TASK_READ_ONLY)

if view.can_answer:
    st.subheader("Bổ sung tài liệu kiểm chứng theo yêu cầu")
    pw.answer_forms(view, upload_mb=upload_mb, on_answer=answer, messages=messages, today=today)

st.subheader("Điểm theo lĩnh vực")
if not view.fields:
    st.info("Không có lĩnh vực nào để hiển thị.")
else:
    labels = [pw.tab_label(f) for f in view.fields]
    wanted = next((pw.tab_label(f) for f in view.fields if f.code == st.query_params.get("lv", "")), None)
    tabs = st.tabs(labels, key=f"hs-lv-{assessment_id}", on_change="rerun",
                   default=wanted if wanted in labels else None)
    for tab, field in zip(tabs, view.fields):
        if not tab.open:   # only the chosen field is drawn: a field has a dozen criteria, a tree about ninety
            continue
        with tab:
            pw.field_heading(field)
            if view.can_edit_self:
                messages.show(f"ts-{field.id}")
                pw.self_form(field, view, upload_mb=upload_mb, on_save=save_draft)
                pw.evidence_downloads(field.rows, actor, key=f"ts-tai-{field.id}")
            elif field.can_appraise:
                messages.show(f"td-{field.id}")
                pw.appraisal_form(field, view, on_save=save_appraisal, on_finish=finish)
                pw.evidence_downloads(field.rows, actor, key=f"td-tai-{field.id}")
                messages.show(f"yc-{field.id}")
                pw.request_form(field, view, default_deadline=default_deadline, on_request=request)
            else:
                pw.criteria_table(field)
                pw.criteria_details(field, view, actor, key=f"ct-{field.id}")
                if field.can_approve:
                    messages.show(f"hd-{field.id}")
                    pw.council_forms(field, on_approve=approve, on_return=give_back)
                if view.can_correct and field.status in pw.CORRECTABLE:
                    pw.correction_form(field, on_correct=correct, messages=messages)

if view.can_edit_self:
    pw.submit_form(view, on_submit=submit_self, messages=messages)

if (actor.has(Role.PAR_ADMIN) and view.round_open and view.status == ParAssessmentStatus.SUBMITTED
        and all(f.status == ParFieldStatus.WAITING for f in view.fields)):
    with st.expander("Mở lại hồ sơ để đơn vị tự đánh giá", icon=":material/lock_open:"):
        messages.show("mo-lai")
        with st.form("mo-lai"):
            st.text_area("Lý do mở lại *", key="mo-lai-ly-do", height=68)
            pw.submit_button("Mở lại hồ sơ", key="mo-lai-nut", slot="mo-lai", on_click=reopen)

if view.requests:
    st.subheader("Yêu cầu bổ sung tài liệu")
    pw.requests_table(view)

st.subheader("Lịch sử hồ sơ")
pw.history_table(view)
messages.finish()
