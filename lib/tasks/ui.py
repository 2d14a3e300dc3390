"""Pieces of the task screens that several pages show: badges, the task card, the document, reports, history.

Only display here; every read goes through the services (task_queries, attachments) and every permission is
checked there again (a file is offered only if `attachments.info` lets the actor read it).
"""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.tasks.enums import ReportDecision, TaskEventKind, TaskStatus
from lib.core.enums import Timeliness
from lib.core.errors import DomainError
from lib.core.files import format_size
from lib.core.format import fmt_date, fmt_datetime
from lib.core.services import attachments
from lib.tasks.queries import HistoryLine, ReportLine, TaskDetail, TaskRow
from lib.tasks.workflow import TASK_WIDE_ROLES as _WIDE  # roles that see every task
from lib.ui.session import db

TASK_PAGE = "pages/tasks/task.py"

STATUS_COLORS = {
    TaskStatus.NEW: "blue",
    TaskStatus.ACKNOWLEDGED: "violet",
    TaskStatus.SUBMITTED: "orange",
    TaskStatus.REJECTED: "red",
    TaskStatus.RETURNED: "gray",
    TaskStatus.DONE: "green",
    TaskStatus.WITHDRAWN: "gray",
}
TIMELINESS_COLORS = {
    Timeliness.OVERDUE: "red",
    Timeliness.DUE_SOON: "orange",
    Timeliness.IN_TIME: "blue",
    Timeliness.EARLY: "green",
    Timeliness.ON_TIME: "green",
    Timeliness.LATE: "red",
}
TIMELINESS_ICONS = {
    Timeliness.OVERDUE: ":material/error:",
    Timeliness.DUE_SOON: ":material/schedule:",
    Timeliness.IN_TIME: ":material/event_available:",
    Timeliness.EARLY: ":material/check_circle:",
    Timeliness.ON_TIME: ":material/check_circle:",
    Timeliness.LATE: ":material/warning:",
}
DECISION_COLORS = {ReportDecision.PENDING: "orange", ReportDecision.APPROVED: "green",
                   ReportDecision.REJECTED: "red"}
LONG_TERM = "Dài hạn"


# ---------------------------------------------------------------- badges and small texts

def status_badge(status: TaskStatus) -> None:
    st.badge(status.label, color=STATUS_COLORS[status])


def timeliness_badge(value: Timeliness | None, long_term: bool = False) -> None:
    if value is None:
        if long_term:
            st.badge(LONG_TERM, icon=":material/all_inclusive:", color="gray")
        return
    st.badge(value.label, icon=TIMELINESS_ICONS[value], color=TIMELINESS_COLORS[value])


def deadline_text(row: TaskRow) -> str:
    """«20/03/2026 (còn 4 ngày làm việc)», «… (quá 2 ngày làm việc)», «Dài hạn»."""
    if row.deadline is None:
        return "Dài hạn (Chánh Văn phòng quyết định theo dõi)" if row.long_term else vi.NONE
    text = fmt_date(row.deadline)
    if row.working_days_left is None:
        return text
    if row.working_days_left < 0:
        return f"{text} (quá {-row.working_days_left} ngày làm việc)"
    if row.working_days_left == 0:
        return f"{text} (hạn là hôm nay)"
    return f"{text} (còn {row.working_days_left} ngày làm việc)"


def _field(label: str, value: str | None) -> None:
    st.markdown(f"<div class='dd-field'><small>{label}</small><br/>{_html(value or '—')}</div>",
                unsafe_allow_html=True)


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>"))


FIELD_CSS = """
<style>
  .dd-field {margin-bottom: 0.55rem; line-height: 1.35;}
  .dd-field small {color: #5f6b7a;}
</style>
"""


def task_link(task_id: int, label: str = "Mở trang chi tiết nhiệm vụ", *, key: str | None = None) -> None:
    """A link to the task's own page (plain text when the page runs outside the app's navigation)."""
    from streamlit.errors import StreamlitAPIException

    try:
        st.page_link(TASK_PAGE, label=label, icon=":material/open_in_new:", query_params={"id": str(task_id)})
    except StreamlitAPIException:
        st.caption(label)


# ---------------------------------------------------------------- files

def attachment_button(actor: Actor, attachment_id: int | None, *, key: str, label: str | None = None) -> None:
    """A download button for a file the actor may read; nothing if there is no file or no right to it.

    The file is read (and the download audited) only when the button is pressed.
    """
    if not attachment_id:
        return
    try:
        with db() as session:
            meta = attachments.info(session, actor, attachment_id)
    except DomainError:
        return

    def content() -> bytes:
        with db() as session:
            return attachments.download(session, actor, attachment_id).data

    st.download_button(label or f"{meta.name} ({format_size(meta.size)})", data=content, file_name=meta.name,
                       mime=meta.mime, key=key, icon=":material/download:", on_click="ignore")


# ---------------------------------------------------------------- the task and its document

def task_card(detail: TaskDetail, actor: Actor, *, key: str = "nv") -> None:
    """The task: content, units, deadline with its timeliness and status, follower."""
    row = detail.row
    st.markdown(FIELD_CSS, unsafe_allow_html=True)
    with st.container(border=True):
        badges = st.container(horizontal=True, gap="small")
        with badges:
            status_badge(row.status)
            timeliness_badge(row.timeliness, row.long_term)
            if detail.is_lead_unit and not actor.has(*_WIDE):
                st.badge("Đơn vị bạn chủ trì", color="primary")
            elif detail.is_co_unit and not actor.has(*_WIDE):
                st.badge("Đơn vị bạn phối hợp", color="gray")
            st.badge(f"#{row.id}", color="gray", help="Mã nhiệm vụ (dùng khi trao đổi với Văn phòng UBND)")
        st.markdown(f"**{_html(row.content)}**", unsafe_allow_html=True)
        c1, c2 = st.columns(2)
        with c1:
            _field("Đơn vị chủ trì", row.lead_unit)
            _field("Đơn vị phối hợp", ", ".join(name for _, name in detail.co_units) or None)
        with c2:
            _field("Hạn xử lý", deadline_text(row))
            if row.done_on:
                _field("Hoàn thành (ngày gửi báo cáo được duyệt)", fmt_date(row.done_on))
            _field("Người theo dõi, đôn đốc", row.follower)


def document_title(doc) -> str:  # noqa: ANN001
    """«Công văn số 125/UBND-KT»; an online opinion form without a number: «Phiếu lấy ý kiến qua mạng (không số)»."""
    return f"{doc.doc_type.label} số {doc.number_symbol}" if doc.number else f"{doc.doc_type.label} (không số)"


def document_card(detail: TaskDetail, actor: Actor, *, key: str = "vb", show_entry: bool = False) -> None:
    """The directive document that assigned the task, with its signed file if the actor may read it."""
    doc = detail.document
    st.markdown(FIELD_CSS, unsafe_allow_html=True)
    with st.container(border=True):
        st.markdown(f"**{document_title(doc)}** · ngày {fmt_date(doc.issued_on)}"
                    + (f" lúc {doc.issued_time.strftime('%H:%M')}" if doc.issued_time else ""))
        st.markdown(_html(doc.summary), unsafe_allow_html=True)
        c1, c2 = st.columns(2)
        with c1:
            _field("Cơ quan ban hành", detail.issuer)
            _field("Người ký", doc.signer)
        with c2:
            _field("Người chỉ đạo", doc.directed_by_name)
            _field("Độ khẩn", doc.urgency.label + ("" if doc.is_public else " · không công khai"))
        if show_entry:
            _field("Văn phòng cập nhật lúc " + fmt_datetime(doc.entered_at), detail.entry_note)
        attachment_button(actor, doc.attachment_id, key=f"{key}-tep")


# ---------------------------------------------------------------- reports

def report_block(report: ReportLine, actor: Actor, *, key: str, title: str | None = None) -> None:
    """One report of the lead unit: what was done, the report document, the file, the Office's decision."""
    st.markdown(FIELD_CSS, unsafe_allow_html=True)
    with st.container(border=True):
        head = st.container(horizontal=True, gap="small", vertical_alignment="center")
        with head:
            st.markdown(f"**{title or 'Báo cáo kết quả'}** · gửi lúc {fmt_datetime(report.submitted_at)}"
                        + (f" · {report.submitted_by}" if report.submitted_by else ""))
            st.badge(report.decision.label, color=DECISION_COLORS[report.decision])
        st.markdown(_html(report.content), unsafe_allow_html=True)
        if any([report.doc_name, report.doc_number, report.doc_summary, report.doc_date, report.doc_signer]):
            c1, c2 = st.columns([1.4, 1])
            with c1:
                _field("Văn bản báo cáo", " ".join(filter(None, [report.doc_name, report.doc_number])) or None)
                if report.doc_summary:
                    _field("Trích yếu", report.doc_summary)
            with c2:
                _field("Ngày văn bản", (fmt_date(report.doc_date) if report.doc_date else "")
                       + (f" · {report.doc_urgency.label}" if report.doc_urgency.is_urgent else "") or None)
                _field("Người ký", report.doc_signer)
        attachment_button(actor, report.attachment_id, key=f"{key}-tep")
        if report.entry_note:  # seed 002 art. 8.2; seed 001 art. 7.5
            _lateness_caption("Đơn vị cập nhật báo cáo", report.entry_note, report.entry_late_days)
        if report.review_note:  # seed 001 art. 6.4
            _lateness_caption("Văn phòng duyệt", report.review_note, report.review_late_days)
        if report.decision != ReportDecision.PENDING:
            verdict = f"{report.decision.label} — {fmt_datetime(report.decided_at)}"
            if report.decided_by:
                verdict += f", {report.decided_by}"
            if report.reason:
                verdict += f". {'Lý do' if report.decision == ReportDecision.REJECTED else 'Nhận xét'}: {report.reason}"
            (st.error if report.decision == ReportDecision.REJECTED else st.success)(verdict)


def _lateness_caption(label: str, note: str, late_days: int | None) -> None:
    """The arithmetic of a lateness, in red text when late (coloured text, no emoji)."""
    text = f"{label}: {note}."
    st.caption(f":red[{text}]" if late_days else text)


def reports_section(detail: TaskDetail, actor: Actor, *, key: str = "bc") -> None:
    if not detail.reports:
        st.caption("Đơn vị chủ trì chưa gửi báo cáo kết quả.")
        return
    total = len(detail.reports)
    for i, report in enumerate(reversed(detail.reports)):
        report_block(report, actor, key=f"{key}-{report.id}", title=f"Báo cáo lần {total - i}")


# ---------------------------------------------------------------- history

_CHANGE_LABELS = {TaskEventKind.CREATED: "Hạn xử lý", TaskEventKind.DEADLINE_CHANGED: "Thời hạn",
                  TaskEventKind.REASSIGNED: "Đơn vị chủ trì", TaskEventKind.APPROVED: "Kết quả"}


def _detail_text(line: HistoryLine) -> str:
    parts = []
    if line.old or line.new:
        change = f"{line.old} → {line.new}" if line.old and line.new else (line.new or line.old or "")
        label = _CHANGE_LABELS.get(line.kind)
        parts.append(f"{label}: {change}" if label else change)
    if line.text:
        parts.append(line.text)
    return ". ".join(p for p in parts if p)


def history_table(lines: Sequence[HistoryLine], actor: Actor, *, key: str = "ls") -> None:
    """Every step of the task, oldest first; files attached to a step are offered below the table."""
    if not lines:
        st.caption("Chưa có lịch sử.")
        return
    table = [{"Thời điểm": fmt_datetime(h.at), "Bước": h.kind.label, "Người thực hiện": h.actor or "",
              "Đơn vị": h.unit or "", "Nội dung": _detail_text(h)} for h in lines]
    # A static table: reasons and contents wrap and are read in full (a history is a few dozen lines at most).
    st.table(table, hide_index=True, border="horizontal")
    files = [h for h in lines if h.attachment_id and h.kind in (TaskEventKind.PROGRESS, TaskEventKind.CONTRIBUTION)]
    for h in files:
        attachment_button(actor, h.attachment_id, key=f"{key}-tep-{h.attachment_id}-{h.at.timestamp()}",
                          label=f"Tệp kèm «{h.kind.label}» ngày {fmt_date(h.at)}")


def last_event_text(lines: Sequence[HistoryLine], kind: TaskEventKind) -> str | None:
    """The text of the latest step of a kind, e.g. the reason a unit gave when it returned the task."""
    for line in reversed(lines):
        if line.kind == kind:
            return line.text
    return None

