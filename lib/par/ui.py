"""Pieces of the Chỉ số CCHC workflow screens (self-assessment, appraisal, council): lists, the assessment's header,
the criteria of a field as forms or as a read-only table, evidence, requests, history.

Only display and the reading of what was typed; the pages call the services (par_assessments) and every right is
checked there again. Form buttons run the page's action as a callback with what the page showed (e.g. the version
of the assessment), so that a decision taken on a stale screen is refused by the service, not silently redone.

Widget keys carry the state they were drawn from (the assessment's version, the appraisal's values): after a save
the widgets are drawn again from the database; after a refusal they keep what the user typed.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.par.enums import ParAssessmentStatus, ParFieldStatus, ParRequestStatus, ScoringMethod
from lib.core.errors import DomainError
from lib.core.files import ALLOWED_EXTENSIONS, ALLOWED_EXTENSIONS_TEXT
from lib.core.format import fmt_date, fmt_datetime, fmt_decimal
from lib.par.assessments import (AssessmentRow, AssessmentView, CriterionView, Entry, FieldView, QueueRow,
                                 RequestView, Upload)
from lib.par import assessments as par_assessments
from lib.par.catalogue import allowed_scores, level_label
from lib.ui.session import current_actor
from lib.ui import outcome
from lib.ui.outcome import submit_button
from lib.ui.widgets import file_download_button, selection_key

ASSESSMENT_PAGE = "pages/par/assessment.py"
DASH = "—"
NOT_SCORED = "— Chưa chấm —"

ASSESSMENT_COLORS = {ParAssessmentStatus.DRAFT: "blue", ParAssessmentStatus.SUBMITTED: "orange",
                     ParAssessmentStatus.FINAL: "green"}
FIELD_COLORS = {ParFieldStatus.WAITING: "gray", ParFieldStatus.APPRAISED: "violet", ParFieldStatus.RETURNED: "red",
                ParFieldStatus.APPROVED: "green"}

CSS = """
<style>
  .dd-par-field {margin-bottom: 0.4rem; line-height: 1.35;}
  .dd-par-field small {color: #5f6b7a;}
  .dd-par-guide {color: #5f6b7a; font-size: 0.85rem; line-height: 1.35; margin: -0.4rem 0 0.3rem 0;}
</style>
"""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def points(value: Decimal | None) -> str:
    return DASH if value is None else fmt_decimal(value)


def out_of(value: Decimal | None, maximum: Decimal) -> str:
    """«7,5/10»; a missing score as «—/10»."""
    return f"{points(value)}/{fmt_decimal(maximum)}"


def _info(label: str, value: str | None) -> None:
    st.markdown(f"<div class='dd-par-field'><small>{_html(label)}</small><br/>{_html(value or DASH)}</div>",
                unsafe_allow_html=True)


# ---------------------------------------------------------------- actions run from buttons

def act(slot: str, action: Callable[[Actor], Any], success: str) -> bool:
    """Run a service call from a button's callback, as the account logged in now. A callback runs before the page's
    guard, so the account is checked here again (a locked account does nothing more). The outcome is kept for the
    button drawn with this `slot` (lib.ui.outcome): a refusal (nothing was saved) below it and below the inputs it
    names, a success below it."""
    actor = current_actor()
    if actor is None:
        outcome.record(slot, False, vi.ERR_LOGIN_REQUIRED)
        return False
    try:
        action(actor)
    except DomainError as error:
        outcome.record_error(slot, error)
        return False
    outcome.record(slot, True, success)
    return True


def refuse(slot: str, message: str) -> None:
    """A refusal decided on the page itself (e.g. the confirmation box was not ticked)."""
    outcome.record(slot, False, message)


class Messages:
    """Kept for the pages written before lib.ui.outcome: the outcome of an action is now shown below the button
    drawn with its slot, or at the top of the page when its form is gone (`widgets.show_flash`)."""

    def show(self, slot: str) -> None:  # noqa: ARG002 - the button's own place shows it
        return None

    def finish(self) -> None:
        return None


def criterion_input(row: CriterionView) -> str:
    """The name, in a refusal's `fields`, of a criterion's score input."""
    return par_assessments.criterion_input(row.id)


# ---------------------------------------------------------------- lists and opening an assessment

def open_assessment(assessment_id: int, *, key: str, field_code: str | None = None, label: str = "Mở hồ sơ",
                    primary: bool = True) -> None:
    """A button that opens the assessment page (on the field `field_code`, if given)."""
    if st.button(label, type="primary" if primary else "secondary", icon=":material/open_in_new:", key=key):
        params = {"id": str(assessment_id)} | ({"lv": field_code} if field_code else {})
        try:
            st.switch_page(ASSESSMENT_PAGE, query_params=params)
        except StreamlitAPIException:  # the page runs alone, outside the app's navigation
            st.caption(f"Mở trang «Hồ sơ Chỉ số CCHC» với mã hồ sơ {assessment_id}.")


def assessments_table(rows: Sequence[AssessmentRow], *, key: str) -> AssessmentRow | None:
    """The unit's assessments, newest year first; returns the row the user picked. The unit column is shown only
    when the list has more than one unit (a level above, or the PAR administrator)."""
    several_units = len({r.unit_name for r in rows}) > 1
    table = []
    for r in rows:
        line = {"Đợt đánh giá": r.round_name, "Năm": str(r.year)}
        if several_units:
            line["Đơn vị"] = r.unit_name
        line |= {"Trạng thái": r.status.label, "Hạn": fmt_date(r.deadline), "Nộp lúc": fmt_datetime(r.submitted_at),
                 "Nộp muộn": "Có" if r.submitted_late else "",
                 "Chờ bổ sung": str(r.open_requests) if r.open_requests else ""}
        table.append(line)
    if not several_units:
        st.caption(f"Đơn vị: {rows[0].unit_name}")
    event = st.dataframe(
        table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key=selection_key(key, [r.id for r in rows]),
        column_config={
            "Đợt đánh giá": st.column_config.TextColumn(width=180 if several_units else 250),
            "Năm": st.column_config.TextColumn(width=48),
            "Đơn vị": st.column_config.TextColumn(width=170),
            "Trạng thái": st.column_config.TextColumn(width=150),
            "Hạn": st.column_config.TextColumn(width=84, help="Hạn nộp kết quả tự đánh giá."),
            "Nộp lúc": st.column_config.TextColumn(width=116),
            "Nộp muộn": st.column_config.TextColumn(width=70),
            "Chờ bổ sung": st.column_config.TextColumn(
                width=84, help="Số yêu cầu bổ sung tài liệu của Tổ giúp việc đang chờ đơn vị trả lời."),
        })
    return rows[event.selection.rows[0]] if event and event.selection.rows else None


def queue_table(rows: Sequence[QueueRow], *, key: str) -> QueueRow | None:
    """Fields waiting for the actor (appraisal or council), oldest submission first. The round is a column only
    when the list spans more than one round."""
    rounds = sorted({q.round_name for q in rows})
    table = []
    for q in rows:
        line = {"Nộp lúc": fmt_datetime(q.submitted_at), "Đơn vị": q.unit_name}
        if len(rounds) > 1:
            line["Đợt"] = q.round_name
        line |= {"Lĩnh vực": f"{q.field_code}. {q.field_name}", "Trạng thái": q.status.label,
                 "Chờ bổ sung": "Có" if q.open_request else "", "Hạn": fmt_date(q.deadline),
                 "Quá hạn": f"{q.late_days} ngày" if q.late_days else ""}
        table.append(line)
    if len(rounds) == 1:
        st.caption(f"Đợt đánh giá: {rounds[0]}")
    event = st.dataframe(
        table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key=selection_key(key, [(q.assessment_id, q.field_id) for q in rows]),
        column_config={
            "Nộp lúc": st.column_config.TextColumn(width=116, help="Thời điểm đơn vị nộp kết quả tự đánh giá."),
            "Đơn vị": st.column_config.TextColumn(width=180),
            "Đợt": st.column_config.TextColumn(width=150),
            "Lĩnh vực": st.column_config.TextColumn(width=290),
            "Trạng thái": st.column_config.TextColumn(width=140),
            "Chờ bổ sung": st.column_config.TextColumn(
                width=84, help="Hồ sơ có yêu cầu bổ sung tài liệu đang chờ đơn vị trả lời."),
            "Hạn": st.column_config.TextColumn(width=88, help="Hạn của bước này trong đợt đánh giá (thẩm định hoặc "
                                                              "Hội đồng phê duyệt)."),
            "Quá hạn": st.column_config.TextColumn(width=72, help="Số ngày đã quá hạn tính đến hôm nay."),
        })
    return rows[event.selection.rows[0]] if event and event.selection.rows else None


# ---------------------------------------------------------------- the assessment's header and totals

def deadline_text(view: AssessmentView, today: date) -> str:
    text = fmt_date(view.deadline)
    if view.status != ParAssessmentStatus.DRAFT or not view.round_open:
        return text
    days = (view.deadline - today).days
    if days > 0:
        return f"{text} (còn {days} ngày)"
    if days == 0:
        return f"{text} (hạn là hôm nay)"
    return f"{text} (đã quá hạn {-days} ngày)"


def header(view: AssessmentView, today: date) -> None:
    """Unit, round, deadline, status, submission; then the totals of the fields the actor sees."""
    st.markdown(CSS, unsafe_allow_html=True)
    open_requests = sum(1 for r in view.requests if r.status == ParRequestStatus.OPEN)
    with st.container(border=True):
        with st.container(horizontal=True, gap="small"):
            st.badge(view.status.label, color=ASSESSMENT_COLORS[view.status])
            if view.submitted_late:
                st.badge("Nộp muộn", icon=":material/warning:", color="red")
            if open_requests:
                st.badge(f"{open_requests} yêu cầu bổ sung đang chờ", icon=":material/attach_file:", color="orange")
            if not view.round_open:
                st.badge("Đợt đánh giá đã kết thúc", color="gray")
        c1, c2, c3, c4 = st.columns([1.5, 1.5, 1.1, 1.1])
        with c1:
            _info("Đơn vị", view.unit_name)
            _info("Nhóm đánh giá", view.group_label)
        with c2:
            _info("Đợt đánh giá", view.round_name if str(view.year) in view.round_name
                  else f"{view.round_name} (năm {view.year})")
        with c3:
            _info("Hạn tự đánh giá", deadline_text(view, today))
            if view.appraisal_deadline or view.council_deadline:
                _info("Hạn thẩm định · phê duyệt", f"{fmt_date(view.appraisal_deadline) or '—'} · "
                                                   f"{fmt_date(view.council_deadline) or '—'}")
        with c4:
            submitted = fmt_datetime(view.submitted_at)
            if submitted and view.submitted_late:
                submitted += " (nộp muộn)"
            _info("Nộp lúc", submitted or "Chưa nộp")


def totals(fields: Sequence[FieldView], *, partial: bool) -> None:
    """Self, appraised and final totals against the maximum, over the fields shown."""
    if not fields:
        return
    maximum = sum((f.max_score for f in fields), Decimal(0))
    appraised = [f for f in fields if f.status in (ParFieldStatus.APPRAISED, ParFieldStatus.APPROVED)]
    approved = [f for f in fields if f.status == ParFieldStatus.APPROVED]
    self_total = sum((f.self_total for f in fields), Decimal(0))
    appraised_total = sum((f.appraised_total or Decimal(0) for f in appraised), Decimal(0))
    final_total = sum((f.final_total or Decimal(0) for f in approved), Decimal(0))
    n = len(fields)
    c1, c2, c3 = st.columns(3)
    c1.metric("Tự đánh giá", out_of(self_total, maximum), border=True,
              help="Tổng điểm đơn vị tự chấm" + (" (các lĩnh vực bạn được xem)." if partial else "."))
    c2.metric("Thẩm định", out_of(appraised_total if appraised else None, maximum), border=True,
              help=f"Tổng điểm Tổ giúp việc đã hoàn thành thẩm định: {len(appraised)}/{n} lĩnh vực.")
    c3.metric("Phê duyệt", out_of(final_total if approved else None, maximum), border=True,
              help=f"Tổng điểm Hội đồng đã phê duyệt (điểm chính thức): {len(approved)}/{n} lĩnh vực.")
    if appraised and len(appraised) < n or approved and len(approved) < n:
        st.caption(f"Đã hoàn thành thẩm định {len(appraised)}/{n} lĩnh vực, Hội đồng đã phê duyệt "
                   f"{len(approved)}/{n} lĩnh vực; tổng điểm thẩm định và phê duyệt chỉ cộng các lĩnh vực đó.")


def tab_label(field: FieldView) -> str:
    """The field's code and name (a tab «Lĩnh vực 3» says nothing to someone new)."""
    return f"{field.code}. {field.name}"


def lateness_badges(field: FieldView) -> None:
    """Appraisal and approval after the round's deadlines (seed 004 art. 7.3, 7.4): done late, or still waiting
    past the deadline."""
    waiting_appraisal = field.status in (ParFieldStatus.WAITING, ParFieldStatus.RETURNED)
    if field.appraisal_late_days and field.status is not None:
        text = ("Quá hạn thẩm định" if waiting_appraisal else "Thẩm định muộn") + f" {field.appraisal_late_days} ngày"
        st.badge(text, icon=":material/schedule:", color="red")
    if field.approval_late_days and field.status is not None:
        text = ("Phê duyệt muộn" if field.status == ParFieldStatus.APPROVED else "Quá hạn phê duyệt") \
            + f" {field.approval_late_days} ngày"
        st.badge(text, icon=":material/schedule:", color="red")


def field_heading(field: FieldView) -> None:
    """The field's name, status and its three totals against its maximum."""
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.markdown(f"**{field.code}. {_html(field.name)}** · tối đa {fmt_decimal(field.max_score)} điểm",
                    unsafe_allow_html=True)
        if field.status is not None:
            st.badge(field.status.label, color=FIELD_COLORS[field.status])
        lateness_badges(field)
    with st.container(horizontal=True, gap="small"):
        st.metric("Tự chấm", out_of(field.self_total, field.max_score), border=True, width=170)
        st.metric("Thẩm định", out_of(field.appraised_total, field.max_score), border=True, width=170)
        st.metric("Phê duyệt", out_of(field.final_total, field.max_score), border=True, width=170)
    if field.status == ParFieldStatus.RETURNED and field.council_comment:
        st.warning(f"**Hội đồng trả lại lĩnh vực để thẩm định lại.** Ý kiến: {field.council_comment}",
                   icon=":material/undo:")


# ---------------------------------------------------------------- one criterion

def rule_text(row: CriterionView) -> str:
    c = row.criterion
    if c.method == ScoringMethod.YES_NO:
        text = f"có/không (0 hoặc {fmt_decimal(c.max_score)})"
    elif c.method == ScoringMethod.LEVELS:
        text = "chọn một mức điểm"
    else:
        text = f"từ 0 đến {fmt_decimal(c.max_score)}, bước {fmt_decimal(c.step or Decimal(1))}"
    parts = [f"Tối đa {fmt_decimal(row.max_score)} điểm", text]
    if c.evidence_required:
        parts.append("bắt buộc tài liệu kiểm chứng")
    return " · ".join(parts)


def score_text(row: CriterionView, score: Decimal | None) -> str:
    return level_label(row.criterion, score) if score is not None else DASH


def criterion_title(row: CriterionView) -> None:
    st.markdown(f"**{row.code}** {_html(row.name)}", unsafe_allow_html=True)
    st.caption(rule_text(row))
    if row.criterion.guidance:
        st.markdown(f"<div class='dd-par-guide'>{_html(row.criterion.guidance)}</div>", unsafe_allow_html=True)


def parent_heading(row: CriterionView) -> None:
    st.markdown(f"**{row.code}. {_html(row.name)}** · tối đa {fmt_decimal(row.max_score)} điểm",
                unsafe_allow_html=True)


def score_input(label: str, row: CriterionView, current: Decimal | None, *, key: str) -> Any:
    """A choice among the allowed scores (levels with their labels, yes/no); a typed score for a range, which the
    service checks (a comma or a point for decimals)."""
    c = row.criterion
    if c.method == ScoringMethod.RANGE:
        step = fmt_decimal(c.step or Decimal(1))
        return st.text_input(label, value="" if current is None else fmt_decimal(current), key=key,
                             placeholder=f"0 – {fmt_decimal(c.max_score)}",
                             help=f"Từ 0 đến {fmt_decimal(c.max_score)} điểm, bước {step}; số thập phân dùng dấu "
                                  "phẩy, ví dụ 1,5.")
    options: list[Decimal | None] = [None, *allowed_scores(c)]
    if current is not None and current not in options:
        options.append(current)
    return st.selectbox(label, options, index=options.index(current), key=key, placeholder=NOT_SCORED,
                        format_func=lambda s: NOT_SCORED if s is None else level_label(c, s))


def _answers_of(view: AssessmentView, code: str) -> list[tuple[RequestView, str]]:
    return [(r, r.answers.get(code, "")) for r in view.requests if code in r.answers]


def unit_side_text(row: CriterionView, view: AssessmentView) -> None:
    """What the unit gave for a criterion: its score, explanation, files, answers to requests."""
    st.markdown(f"Đơn vị tự chấm: **{_html(score_text(row, row.self_score))}**", unsafe_allow_html=True)
    if row.explanation:
        st.markdown(f"<div class='dd-par-field'><small>Giải trình của đơn vị</small><br/>{_html(row.explanation)}"
                    "</div>", unsafe_allow_html=True)
    for request, answer in _answers_of(view, row.code):
        if request.status == ParRequestStatus.OPEN:
            st.caption(f"Đang chờ đơn vị bổ sung tài liệu (hạn {fmt_date(request.deadline)}).")
        elif answer:
            st.markdown(f"<div class='dd-par-field'><small>Đơn vị bổ sung ngày {fmt_date(request.answered_at)}"
                        f"</small><br/>{_html(answer)}</div>", unsafe_allow_html=True)
    if row.evidence:
        st.caption("Tài liệu kiểm chứng: " + "; ".join(f.name for f in row.evidence))
    elif row.criterion.evidence_required:
        st.caption("Chưa có tài liệu kiểm chứng.")


def evidence_downloads(rows: Sequence[CriterionView], actor: Actor, *, key: str, title: str | None = None) -> None:
    """Download buttons for the evidence of these criteria (files are read only on click)."""
    with_files = [r for r in rows if r.scored and r.evidence]
    if not with_files:
        return
    count = sum(len(r.evidence) for r in with_files)
    with st.expander(title or f"Tải tài liệu kiểm chứng ({count} tệp)", icon=":material/folder_open:"):
        for r in with_files:
            st.caption(f"Tiêu chí {r.code}")
            with st.container(horizontal=True, gap="small"):
                for f in r.evidence:
                    file_download_button(actor, f.id, label=f.name, key=f"{key}-{r.id}-{f.id}")


# ---------------------------------------------------------------- the unit's self-assessment

def _k(prefix: str, item: int, what: str, state: object) -> str:
    return f"{prefix}-{item}-{what}-{state}"


def self_form(field: FieldView, view: AssessmentView, *, upload_mb: int, on_save: Callable[..., None]) -> None:
    """Per scored criterion: the score, the explanation, files to add; files to withdraw; «Lưu nháp»."""
    v = view.version
    with st.form(f"ts-{field.id}-{v}", border=False):
        for row in field.rows:
            if not row.scored:
                parent_heading(row)
                continue
            with st.container(border=True):
                left, right = st.columns([2.5, 1], gap="medium")
                with left:
                    criterion_title(row)
                    st.text_area("Giải trình, căn cứ chấm điểm", value=row.explanation, height=68,
                                 key=_k("ts", row.id, "gt", v))
                with right:
                    score_input("Điểm tự chấm", row, row.self_score, key=_k("ts", row.id, "diem", v))
                    outcome.at_input(f"ts-{field.id}", criterion_input(row))
                    st.file_uploader("Thêm tài liệu kiểm chứng", type=list(ALLOWED_EXTENSIONS),
                                     accept_multiple_files=True, key=_k("ts", row.id, "tep", v),
                                     max_upload_size=upload_mb,
                                     help=f"Các định dạng: {ALLOWED_EXTENSIONS_TEXT}; tối đa {upload_mb} MB mỗi tệp.")
                    if row.evidence:
                        st.caption("Đã đính kèm: " + "; ".join(f.name for f in row.evidence))
        files = {f.id: f"{r.code}: {f.name}" for r in field.rows for f in r.evidence}
        if files:
            st.multiselect("Gỡ bỏ tài liệu đã đính kèm", list(files), format_func=files.get,
                           key=_k("ts", field.id, "go", v), placeholder="Chọn tệp cần gỡ bỏ (nếu có)")
        st.caption("Lưu nháp từng lĩnh vực trước khi chuyển sang lĩnh vực khác; điểm còn sửa được cho đến khi nộp.")
        submit_button("Lưu nháp", type="primary", icon=":material/save:", key=f"ts-luu-{field.id}",
                      slot=f"ts-{field.id}", on_click=on_save, args=(field, v))


def self_values(field: FieldView, version: int) -> tuple[dict[int, Entry], dict[int, list[Upload]], list[int]]:
    """What the unit typed in a field's form: entries, files to add, files to withdraw."""
    state = st.session_state
    entries, uploads = {}, {}
    for row in field.rows:
        score_key = _k("ts", row.id, "diem", version)
        if not row.scored or score_key not in state:
            continue
        entries[row.id] = Entry(state[score_key], state.get(_k("ts", row.id, "gt", version)) or "")
        files = state.get(_k("ts", row.id, "tep", version)) or []
        if files:
            uploads[row.id] = [Upload(f.name, f.getvalue()) for f in files]
    return entries, uploads, list(state.get(_k("ts", field.id, "go", version)) or [])


def submit_form(view: AssessmentView, *, on_submit: Callable[..., None], messages: Messages) -> None:
    """How far the self-assessment is, and its submission with a confirmation."""
    leaves = [r for f in view.fields for r in f.rows if r.scored]
    missing = [r.code for r in leaves if r.self_score is None]
    maximum = sum((f.max_score for f in view.fields), Decimal(0))
    total = sum((f.self_total for f in view.fields), Decimal(0))
    with st.container(border=True):
        st.markdown("**Nộp kết quả tự đánh giá**")
        st.caption(f"Đã chấm {len(leaves) - len(missing)}/{len(leaves)} tiêu chí; tổng điểm tự đánh giá "
                   f"{out_of(total, maximum)}. Hạn nộp {fmt_date(view.deadline)}. Sau khi nộp, đơn vị không còn sửa "
                   "được điểm tự đánh giá; Tổ giúp việc có thể yêu cầu bổ sung tài liệu kiểm chứng.")
        if missing:
            shown = ", ".join(missing[:20]) + (f" và {len(missing) - 20} tiêu chí khác" if len(missing) > 20 else "")
            st.caption(f"Chưa chấm điểm: {shown}.")
        messages.show("nop")
        with st.form("nop", border=False):
            st.checkbox("Tôi đã kiểm tra điểm, giải trình và tài liệu kiểm chứng của tất cả các lĩnh vực và xác "
                        "nhận nộp kết quả tự đánh giá của đơn vị.", key="nop-xac-nhan")
            submit_button("Nộp kết quả tự đánh giá", type="primary", icon=":material/send:", key="nop-gui",
                          slot="nop", on_click=on_submit)


# ---------------------------------------------------------------- requests for more evidence

def answer_forms(view: AssessmentView, *, upload_mb: int, on_answer: Callable[..., None],
                 messages: Messages, today: date) -> None:
    """For each open request: the requested criteria only, with an answer and files for each."""
    rows = {r.id: r for f in view.fields for r in f.rows}
    for request in (r for r in view.requests if r.status == ParRequestStatus.OPEN):
        with st.container(border=True):
            st.markdown(f"**Tổ giúp việc yêu cầu bổ sung tài liệu kiểm chứng** (ngày {fmt_date(request.created_at)},"
                        f" hạn {fmt_date(request.deadline)}): tiêu chí {', '.join(request.codes)}.")
            if request.note:
                st.markdown(f"<div class='dd-par-field'><small>Nội dung yêu cầu</small><br/>{_html(request.note)}"
                            "</div>", unsafe_allow_html=True)
            if request.deadline < today:
                st.warning(f"Đã quá hạn bổ sung ({fmt_date(request.deadline)}); nội dung gửi bây giờ được ghi nhận "
                           "là trả lời sau hạn.", icon=":material/schedule:")
            messages.show(f"bs-{request.id}")
            with st.form(f"bs-{request.id}", border=False):
                for criterion_id in request.criterion_ids:
                    row = rows.get(criterion_id)
                    if row is None:
                        continue
                    st.markdown(f"**{row.code}** {_html(row.name)}", unsafe_allow_html=True)
                    st.caption(f"Điểm tự chấm: {score_text(row, row.self_score)}"
                               + (f" · Tài liệu đã có: {'; '.join(f.name for f in row.evidence)}" if row.evidence
                                  else ""))
                    left, right = st.columns([1.6, 1], gap="medium")
                    left.text_area("Giải trình bổ sung", key=f"bs-{request.id}-{criterion_id}-tl", height=68)
                    right.file_uploader("Tài liệu bổ sung", type=list(ALLOWED_EXTENSIONS), accept_multiple_files=True,
                                        key=f"bs-{request.id}-{criterion_id}-tep", max_upload_size=upload_mb,
                                        help=f"Các định dạng: {ALLOWED_EXTENSIONS_TEXT}; tối đa {upload_mb} MB.")
                submit_button("Gửi bổ sung", type="primary", icon=":material/send:", key=f"bs-gui-{request.id}",
                              slot=f"bs-{request.id}", on_click=on_answer, args=(request,))


def answer_values(request: RequestView) -> tuple[dict[int, str], dict[int, list[Upload]]]:
    state = st.session_state
    answers, uploads = {}, {}
    for criterion_id in request.criterion_ids:
        answers[criterion_id] = state.get(f"bs-{request.id}-{criterion_id}-tl") or ""
        files = state.get(f"bs-{request.id}-{criterion_id}-tep") or []
        if files:
            uploads[criterion_id] = [Upload(f.name, f.getvalue()) for f in files]
    return answers, uploads


def requests_table(view: AssessmentView) -> None:
    """Every request the actor may see, with its state."""
    if not view.requests:
        return
    table = [{"Ngày yêu cầu": fmt_date(r.created_at), "Tiêu chí": ", ".join(r.codes), "Hạn": fmt_date(r.deadline),
              "Nội dung": r.note or "", "Trạng thái": r.status.label,
              "Trả lời lúc": fmt_datetime(r.answered_at)} for r in view.requests]
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "Ngày yêu cầu": st.column_config.TextColumn(width=96),
        "Tiêu chí": st.column_config.TextColumn(width=130),
        "Hạn": st.column_config.TextColumn(width=84),
        "Nội dung": st.column_config.TextColumn(width=300),
        "Trạng thái": st.column_config.TextColumn(width=140),
        "Trả lời lúc": st.column_config.TextColumn(width=116),
    })


# ---------------------------------------------------------------- appraisal by the assistance team

def _appraisal_state(field: FieldView) -> str:
    """A short mark of the field's appraisal as stored: the form is drawn again whenever it changes."""
    text = repr((field.version, [(r.id, str(r.appraised_score), r.appraisal_comment) for r in field.rows if r.scored]))
    return f"{zlib.crc32(text.encode()):x}"


def appraisal_form(field: FieldView, view: AssessmentView, *, on_save: Callable[..., None],
                   on_finish: Callable[..., None]) -> None:
    """Per scored criterion: the unit's score, explanation and files beside the assessor's score and comment."""
    s = _appraisal_state(field)
    with st.form(f"td-{field.id}-{s}", border=False):
        for row in field.rows:
            if not row.scored:
                parent_heading(row)
                continue
            with st.container(border=True):
                left, right = st.columns([2.3, 1], gap="medium")
                with left:
                    criterion_title(row)
                    unit_side_text(row, view)
                with right:
                    score_input("Điểm thẩm định", row, row.appraised_score, key=_k("td", row.id, "diem", s))
                    outcome.at_input(f"td-{field.id}", criterion_input(row))
                    st.text_area("Nhận xét", value=row.appraisal_comment, height=68, key=_k("td", row.id, "nx", s))
        st.caption("«Hoàn thành thẩm định lĩnh vực» lưu điểm trên và chuyển lĩnh vực cho Hội đồng thẩm định; mọi "
                   "tiêu chí phải có điểm thẩm định và không còn yêu cầu bổ sung nào đang chờ.")
        with st.container(horizontal=True, gap="small"):
            submit_button("Lưu điểm thẩm định", type="primary", icon=":material/save:", key=f"td-luu-{field.id}",
                          slot=f"td-{field.id}", show=False, on_click=on_save, args=(field, s))
            submit_button("Hoàn thành thẩm định lĩnh vực", icon=":material/task_alt:", key=f"td-xong-{field.id}",
                          slot=f"td-{field.id}", show=False, on_click=on_finish, args=(field, s))
        outcome.here(f"td-{field.id}")


def appraisal_values(field: FieldView, state_mark: str) -> dict[int, Entry]:
    state = st.session_state
    entries = {}
    for row in field.rows:
        score_key = _k("td", row.id, "diem", state_mark)
        if row.scored and score_key in state:
            entries[row.id] = Entry(state[score_key], state.get(_k("td", row.id, "nx", state_mark)) or "")
    return entries


def request_form(field: FieldView, view: AssessmentView, *, default_deadline: date,
                 on_request: Callable[..., None]) -> None:
    """Ask the unit for more evidence on chosen criteria of this field, by a deadline."""
    n = len(view.requests)
    names = {r.id: f"{r.code} — {r.name[:90]}" for r in field.rows if r.scored}
    with st.form(f"yc-{field.id}-{n}"):
        st.markdown("**Yêu cầu đơn vị bổ sung tài liệu kiểm chứng**")
        st.multiselect("Tiêu chí cần bổ sung *", list(names), format_func=names.get, key=f"yc-{field.id}-tc-{n}",
                       placeholder="Chọn một hoặc nhiều tiêu chí")
        c1, c2 = st.columns([1, 2.5])
        c1.date_input("Hạn bổ sung *", value=default_deadline, min_value=local_today(), format="DD/MM/YYYY",
                      key=f"yc-{field.id}-han-{n}")
        c2.text_area("Nội dung yêu cầu", key=f"yc-{field.id}-gc-{n}", height=68,
                     placeholder="Tài liệu cần bổ sung, lý do")
        submit_button("Gửi yêu cầu bổ sung", icon=":material/attach_file_add:", key=f"yc-gui-{field.id}",
                      slot=f"yc-{field.id}", on_click=on_request, args=(field, n))


def request_values(field: FieldView, n: int) -> tuple[list[int], date | None, str]:
    state = st.session_state
    return (list(state.get(f"yc-{field.id}-tc-{n}") or []), state.get(f"yc-{field.id}-han-{n}"),
            state.get(f"yc-{field.id}-gc-{n}") or "")


# ---------------------------------------------------------------- read-only: council and readers

def criteria_table(field: FieldView) -> None:
    """The field's criteria with the three scores and the assessor's comment (parents show their maximum)."""
    table = [{"Mã": r.code, "Tiêu chí": r.name, "Tối đa": fmt_decimal(r.max_score),
              "Tự chấm": points(r.self_score) if r.scored else "",
              "Thẩm định": points(r.appraised_score) if r.scored else "",
              "Phê duyệt": points(r.final_score) if r.scored else "",
              "Tệp": str(len(r.evidence)) if r.evidence else "",
              "Nhận xét thẩm định": r.appraisal_comment} for r in field.rows]
    # Tall enough for every row (a field has a dozen or two): no scrolling inside the table.
    st.dataframe(table, hide_index=True, width="stretch", height=min(36 + 35 * len(table), 1200), column_config={
        "Mã": st.column_config.TextColumn(width=52),
        "Tiêu chí": st.column_config.TextColumn(width=320),
        "Tối đa": st.column_config.TextColumn(width=52),
        "Tự chấm": st.column_config.TextColumn(width=64),
        "Thẩm định": st.column_config.TextColumn(width=72),
        "Phê duyệt": st.column_config.TextColumn(width=72),
        "Tệp": st.column_config.TextColumn(width=40, help="Số tệp tài liệu kiểm chứng."),
        "Nhận xét thẩm định": st.column_config.TextColumn(width=200),
    })


def criteria_details(field: FieldView, view: AssessmentView, actor: Actor, *, key: str) -> None:
    """Each scored criterion on demand: the unit's explanation and files, the appraisal, the answers to requests."""
    st.caption("Giải trình, tài liệu kiểm chứng và nhận xét của từng tiêu chí:")
    for row in (r for r in field.rows if r.scored):
        label = f"{row.code} · {row.name[:100]}" + ("…" if len(row.name) > 100 else "")
        with st.expander(label):
            st.caption(rule_text(row))
            c1, c2, c3 = st.columns(3)
            with c1:
                _info("Tự chấm", score_text(row, row.self_score))
            with c2:
                _info("Thẩm định", score_text(row, row.appraised_score))
            with c3:
                _info("Phê duyệt", score_text(row, row.final_score))
            _info("Giải trình của đơn vị", row.explanation)
            for request, answer in _answers_of(view, row.code):
                if request.status == ParRequestStatus.ANSWERED and answer:
                    _info(f"Đơn vị bổ sung ngày {fmt_date(request.answered_at)}", answer)
            if row.appraisal_comment:
                _info("Nhận xét của Tổ giúp việc", row.appraisal_comment)
            if row.evidence:
                with st.container(horizontal=True, gap="small"):
                    for f in row.evidence:
                        file_download_button(actor, f.id, label=f.name, key=f"{key}-{row.id}-{f.id}")
            else:
                st.caption("Chưa có tài liệu kiểm chứng.")


def council_forms(field: FieldView, *, on_approve: Callable[..., None], on_return: Callable[..., None]) -> None:
    """Approve the field's appraisal, or send it back to the assistance team with a comment."""
    st.markdown("**Quyết định của Hội đồng thẩm định**")
    left, right = st.columns(2, gap="medium")
    with left, st.form(f"hd-duyet-{field.id}-{field.version}"):
        st.caption(f"Phê duyệt: {out_of(field.appraised_total, field.max_score)} điểm thẩm định trở thành điểm chính "
                   "thức của lĩnh vực và không còn thay đổi.")
        submit_button("Phê duyệt lĩnh vực", type="primary", icon=":material/verified:", key=f"hd-duyet-{field.id}",
                      on_click=on_approve, args=(field,))
    with right, st.form(f"hd-tra-{field.id}-{field.version}"):
        st.text_area("Ý kiến của Hội đồng *", key=f"hd-{field.id}-yk-{field.version}", height=68,
                     placeholder="Nội dung Tổ giúp việc cần thẩm định lại")
        submit_button("Trả lại Tổ giúp việc", icon=":material/undo:", key=f"hd-tra-{field.id}",
                      on_click=on_return, args=(field,))


def council_comment(field: FieldView) -> str:
    return st.session_state.get(f"hd-{field.id}-yk-{field.version}") or ""


# ---------------------------------------------------------------- a level above corrects a submission

CORRECTABLE = (ParFieldStatus.WAITING, ParFieldStatus.RETURNED)


def correction_form(field: FieldView, *, on_correct: Callable[..., None], messages: Messages) -> None:
    """A level above the unit corrects self-assessment scores after the submission (seed 004 art. 4.1), with a
    reason the unit reads in the history."""
    scored = [r for r in field.rows if r.scored]
    with st.expander("Điều chỉnh điểm tự đánh giá của đơn vị (cấp trên)", icon=":material/edit_note:"):
        messages.show(f"dc-{field.id}")
        with st.form(f"dc-{field.id}", enter_to_submit=False):
            st.caption("Cấp trên được cập nhật, sửa đổi dữ liệu của cấp dưới (Điều 4 khoản 1 Quy chế). Điểm điều "
                       "chỉnh phải đúng cách chấm của tiêu chí; đơn vị xem được ai đã điều chỉnh gì và lý do.")
            left, right = st.columns([3, 1], gap="small")
            left.selectbox("Tiêu chí", [r.id for r in scored], key=f"dc-{field.id}-tc",
                           format_func={r.id: f"{r.code}. {r.name} (tự chấm {score_text(r, r.self_score)})"
                                        for r in scored}.get)
            right.text_input("Điểm điều chỉnh *", key=f"dc-{field.id}-diem")
            st.text_area("Lý do điều chỉnh *", key=f"dc-{field.id}-ly-do", height=68)
            st.form_submit_button("Lưu điều chỉnh", icon=":material/save:", key=f"dc-luu-{field.id}",
                                  on_click=on_correct, args=(field,))


def correction_values(field: FieldView) -> tuple[dict[int, object], str]:
    state = st.session_state
    criterion_id = state.get(f"dc-{field.id}-tc")
    score = (state.get(f"dc-{field.id}-diem") or "").strip()
    return ({criterion_id: score} if criterion_id is not None else {}), state.get(f"dc-{field.id}-ly-do") or ""


# ---------------------------------------------------------------- history

def history_table(view: AssessmentView) -> None:
    if not view.history:
        st.caption("Chưa có lịch sử.")
        return
    table = [{"Thời gian": fmt_datetime(at), "Người thực hiện": who, "Nội dung": what, "Chi tiết": details}
             for at, who, what, details in view.history]
    st.table(table, hide_index=True, border="horizontal")
