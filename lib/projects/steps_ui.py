"""Widgets of «Bước cần giải quyết» and of the project page's step reports (seed 000 art. 8.3–8.7, 9.2): the list of
steps with the working days left, one step's panel (the resolving unit's report form with evidence files, the report
history with the lateness arithmetic, the on-time / late judgement with the investor's confirmation or correction,
the reminders and the investor's reminder form). The services decide who may do what; these widgets only mirror it."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.enums import Timeliness
from lib.core.errors import NotFound
from lib.core.format import fmt_date, fmt_datetime
from lib.core.services import settings
from lib.projects import records, step_reports, views
from lib.projects.enums import JudgementKind
from lib.projects.step_reports import StepListRow
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import (
    attempt, date_input, file_download_button, file_input, preset_filters, submit_button, unit_select,
)



def _left_text(row: StepListRow) -> str:
    if row.actual_end is not None:
        return f"Xong {fmt_date(row.actual_end)}"
    if row.days_left is None:
        return ""
    if row.days_left < 0:
        return f"Quá hạn {-row.days_left} ngày"
    return "Hết hạn hôm nay" if row.days_left == 0 else f"Còn {row.days_left} ngày"


def _judgement_text(row: StepListRow) -> str:
    j = row.judgement
    if j is None:
        return ""
    verdict = f"Trễ {j.late_days} ngày ({j.responsible_unit})" if j.late else "Đúng hạn"
    return verdict if j.kind == JudgementKind.SOFTWARE else f"{verdict} · {j.kind.label.lower()}"


def steps_table(rows: Sequence[StepListRow], *, key: str, show_project: bool = True) -> None:
    """The steps with their deadline, working days left (negative: overdue), progress and judgement."""
    table = pd.DataFrame([{
        **({"Dự án": r.project_code} if show_project else {}),
        "Bước": f"{r.position}. {r.step_name}", "Đơn vị giải quyết": r.unit, "Thời hạn": fmt_date(r.deadline),
        "Tình trạng": r.timeliness.label, "Ngày làm việc": _left_text(r),
        "Hoàn thành": f"{r.progress} %" if r.progress is not None else "Chưa báo cáo",
        "Đúng hạn / trễ hạn": _judgement_text(r), "Đôn đốc": r.open_reminders or ""} for r in rows])
    st.dataframe(table, hide_index=True, width="stretch", key=key, column_config={
        "Dự án": st.column_config.TextColumn(width=95), "Bước": st.column_config.TextColumn(width=250),
        "Đơn vị giải quyết": st.column_config.TextColumn(width=140),
        "Thời hạn": st.column_config.TextColumn(width=85), "Tình trạng": st.column_config.TextColumn(width=110),
        "Ngày làm việc": st.column_config.TextColumn(width=110), "Hoàn thành": st.column_config.TextColumn(width=90),
        "Đúng hạn / trễ hạn": st.column_config.TextColumn(width=150),
        "Đôn đốc": st.column_config.TextColumn(width=60)})


def step_picker(rows: Sequence[StepListRow], *, key: str) -> int | None:
    """A select box of the listed steps; the step id chosen (None: none yet)."""
    labels = {r.step_id: f"{r.project_code} · Bước {r.position}: {r.step_name} ({r.unit})" for r in rows}
    return st.selectbox("Chọn bước để xem, báo cáo hoặc xác nhận", list(labels), index=None, key=key,
                        placeholder=vi.CHOOSE, format_func=lambda i: labels[i])


def step_panel(actor: Actor, step_id: int, *, key: str) -> None:
    """One step: its facts, the report form (resolving unit), the judgement (investor), reminders, history."""
    today = local_today()
    try:
        with db() as session:
            detail = step_reports.step_detail(session, actor, step_id, today)
            upload_mb = settings.get(session, "upload_max_mb")
            report_days = settings.get(session, "project_step_report_days")
            units = views.all_investor_choices(session) if detail.may_judge else []
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        return
    row = detail.row
    with st.container(border=True):
        st.markdown(f"**{row.project_code} — {row.project_name}**  \nBước {row.position}: **{row.step_name}** · "
                    f"giai đoạn {row.phase.label.lower()}")
        st.caption(f"Chủ đầu tư: {row.investor} · Đơn vị giải quyết: {row.unit} · Bắt đầu dự kiến "
                   f"{fmt_date(row.planned_start)} · Thời hạn {fmt_date(row.deadline)} · {_left_text(row)}"
                   + (f" · Đã hoàn thành {row.progress} %" if row.progress is not None else ""))
        # Labels without counts: a tab keeps its identity (and stays open) after the save that changes a count.
        labels = ["Báo cáo tiến độ", "Lịch sử báo cáo", "Đúng hạn, trễ hạn", "Đôn đốc"]
        tab_report, tab_history, tab_judge, tab_remind = outcome.tabs(labels, {
            labels[0]: [f"{key}-bao-cao"], labels[2]: [f"{key}-xac-nhan", f"{key}-dieu-chinh"],
            labels[3]: [f"{key}-don-doc"]})
        with tab_report:
            _report_form(actor, detail, key=key, today=today, upload_mb=upload_mb, report_days=report_days)
        with tab_history:
            _report_history(actor, detail, key=key)
        with tab_judge:
            _judgement(actor, detail, units, key=key)
        with tab_remind:
            _reminders(actor, detail, key=key)


def _report_form(actor: Actor, detail: step_reports.StepDetail, *, key: str, today: date, upload_mb: int,
                 report_days: int) -> None:
    row = detail.row
    open_reminders = [r for r in detail.reminders if r.answered_at is None]
    for reminder in open_reminders:
        st.warning(f"**Chủ đầu tư đôn đốc** ({reminder.sender}, {fmt_datetime(reminder.at)}): {reminder.message}",
                   icon=":material/notifications_active:")
    if not detail.may_report:
        st.caption("Chỉ cán bộ của đơn vị giải quyết bước này báo cáo tiến độ (Điều 9 khoản 2).")
        return
    st.caption(f"Báo cáo mức độ hoàn thành, thuận lợi, khó khăn (Điều 8 khoản 4). Bước đã hoàn thành phải được báo "
               f"cáo chậm nhất {report_days} ngày làm việc sau ngày hoàn thành (Điều 9 khoản 2).")
    slot = f"{key}-bao-cao"
    with st.form(f"{key}-form-bao-cao"):
        c1, c2, c3 = st.columns(3)
        with c1:
            started = date_input("Ngày bắt đầu *", value=row.actual_start or min(row.planned_start, today),
                                 key=f"{key}-bat-dau", max_value=today)
        percent = c2.number_input("Mức độ hoàn thành (%) *", min_value=0, max_value=100, step=5,
                                  value=row.progress or 0, key=f"{key}-phan-tram")
        with c3:
            finished = date_input("Ngày hoàn thành (để trống nếu chưa xong)", value=row.actual_end,
                                  key=f"{key}-hoan-thanh", max_value=today)
        outcome.at_input(slot, "started_on")
        outcome.at_input(slot, "progress_percent")
        outcome.at_input(slot, "finished_on")
        advantages = st.text_area("Thuận lợi", key=f"{key}-thuan-loi", height=68)
        difficulties = st.text_area("Khó khăn, vướng mắc", key=f"{key}-kho-khan", height=68)
        proposals = st.text_area("Đề xuất, kiến nghị", key=f"{key}-de-xuat", height=68)
        files = file_input("Tài liệu minh chứng (biên bản, văn bản, hình ảnh)", key=f"{key}-tep", max_mb=upload_mb,
                           multiple=True)
        if submit_button("Gửi báo cáo", key=slot, type="primary", icon=":material/send:"):
            data = step_reports.ReportInput(started, int(percent), finished, advantages, difficulties, proposals)
            uploads = [step_reports.Upload(f.name, f.getvalue()) for f in files or []]

            def save() -> None:
                with db() as session:
                    step_reports.report_step(session, actor, row.step_id, data, uploads,
                                             expected_reports=detail.report_count)
            attempt(save, f"Đã gửi báo cáo tiến độ bước «{row.step_name}».")


def _report_history(actor: Actor, detail: step_reports.StepDetail, *, key: str) -> None:
    if not detail.reports:
        st.info("Chưa có báo cáo nào về bước này.", icon=":material/info:")
    for report in detail.reports:
        with st.container(border=True):
            finish = f" · hoàn thành {fmt_date(report.finished_on)}" if report.finished_on else ""
            st.markdown(f"**{fmt_datetime(report.reported_at)}** — {report.reporter} ({report.unit}): "
                        f"bắt đầu {fmt_date(report.started_on)}{finish} · **{report.progress_percent} %**")
            for label, text in (("Thuận lợi", report.advantages), ("Khó khăn, vướng mắc", report.difficulties),
                                ("Đề xuất, kiến nghị", report.proposals)):
                if text:
                    st.markdown(f"*{label}:* {text}")
            if report.explanation:
                (st.warning if report.late_days else st.success)(
                    f"Thời hạn báo cáo (Điều 9 khoản 2): {report.explanation}.",
                    icon=":material/schedule:" if report.late_days else ":material/check_circle:")
            for evidence in report.evidence:
                file_download_button(actor, evidence.attachment_id, label=f"Tải tệp: {evidence.name}",
                                     key=f"{key}-tep-{evidence.attachment_id}")


def _judgement(actor: Actor, detail: step_reports.StepDetail, units: Sequence, *, key: str) -> None:
    if not detail.judgements:
        st.info("Bước chưa hoàn thành: phần mềm xác định đúng hạn, trễ hạn khi đơn vị giải quyết báo cáo hoàn "
                "thành.", icon=":material/info:")
        return
    st.caption("Phần mềm so ngày hoàn thành với thời hạn của bước theo ngày làm việc và xác định đơn vị chịu trách "
               "nhiệm; chủ đầu tư xác nhận hoặc điều chỉnh kèm lý do (Điều 8 khoản 3, 7). Lịch sử giữ mọi lần.")
    for j in detail.judgements:
        verdict = f"**trễ hạn {j.late_days} ngày làm việc**, đơn vị chịu trách nhiệm: {j.responsible_unit}" \
            if j.late else "**đúng hạn**"
        with st.container(border=True):
            st.markdown(f"{j.kind.label} ({j.by}, {fmt_datetime(j.at)}): {verdict}")
            st.caption(j.explanation + (f" · Lý do: {j.reason}" if j.reason else ""))
    if not detail.may_judge:
        return
    current = detail.judgements[-1]
    confirm_slot, correct_slot = f"{key}-xac-nhan", f"{key}-dieu-chinh"
    with st.form(f"{key}-form-xac-nhan"):
        st.markdown("**Xác nhận kết quả hiện tại**")
        if submit_button("Xác nhận", key=confirm_slot, icon=":material/task_alt:"):
            def confirm() -> None:
                with db() as session:
                    step_reports.confirm_judgement(session, actor, detail.row.step_id, detail.current_judgement_id)
            attempt(confirm, "Đã xác nhận kết quả đúng hạn, trễ hạn của bước.")
    with st.form(f"{key}-form-dieu-chinh"):
        st.markdown("**Điều chỉnh kết quả**")
        c1, c2 = st.columns(2)
        verdicts = ["late", "on_time"]
        late = c1.selectbox("Kết quả *", verdicts, index=0 if current.late else 1, key=f"{key}-ket-qua",
                            placeholder=vi.CHOOSE,
                            format_func=lambda v: "Trễ hạn" if v == "late" else "Đúng hạn") == "late"
        days = c2.number_input("Số ngày làm việc trễ", min_value=0, max_value=999, step=1,
                               value=current.late_days, key=f"{key}-so-ngay")
        outcome.at_input(correct_slot, "late_days")
        unit_id = unit_select("Đơn vị chịu trách nhiệm (khi trễ hạn)", units, key=f"{key}-don-vi",
                              default_id=current.responsible_unit_id or detail.row.unit_id)
        outcome.at_input(correct_slot, "responsible_unit_id")
        reason = st.text_area("Lý do điều chỉnh *", key=f"{key}-ly-do", height=68)
        outcome.at_input(correct_slot, "reason")
        if submit_button("Điều chỉnh", key=correct_slot, type="primary", icon=":material/edit:"):
            def correct() -> None:
                with db() as session:
                    step_reports.correct_judgement(session, actor, detail.row.step_id, detail.current_judgement_id,
                                                   late=late, late_days=int(days), responsible_unit_id=unit_id,
                                                   reason=reason)
            attempt(correct, "Đã điều chỉnh kết quả đúng hạn, trễ hạn; kết quả trước đó vẫn được lưu.")


def _reminders(actor: Actor, detail: step_reports.StepDetail, *, key: str) -> None:
    if not detail.reminders:
        st.caption("Chưa có lần đôn đốc nào.")
    for r in detail.reminders:
        state = f"đã báo cáo {fmt_datetime(r.answered_at)}" if r.answered_at else "chưa báo cáo"
        st.markdown(f"- {fmt_datetime(r.at)} — {r.sender}: {r.message} *({state})*")
    if not detail.may_judge or detail.row.actual_end is not None:
        return
    with st.form(f"{key}-form-don-doc"):
        message = st.text_area("Nội dung đôn đốc (để trống: dùng nội dung mặc định)", key=f"{key}-noi-dung",
                               height=68)
        if submit_button("Đôn đốc đơn vị báo cáo", key=f"{key}-don-doc", icon=":material/notifications:"):
            def send() -> None:
                with db() as session:
                    step_reports.remind(session, actor, detail.row.step_id, message)
            attempt(send, f"Đã đôn đốc {detail.row.unit} báo cáo tiến độ bước «{detail.row.step_name}».")


def _filtered(rows: list[StepListRow], open_only: bool, states: Sequence[Timeliness]) -> list[StepListRow]:
    return [r for r in rows if (not open_only or r.actual_end is None) and (not states or r.timeliness in states)]


def _list_with_panel(actor: Actor, rows: list[StepListRow], *, key: str, empty: str) -> None:
    c1, c2 = st.columns([1, 2])
    open_only = c1.checkbox("Chỉ bước chưa hoàn thành", key=f"{key}-chua-xong")
    states = c2.multiselect("Tình trạng", list(Timeliness), key=f"{key}-tinh-trang", placeholder=vi.ALL,
                            format_func=lambda t: t.label)
    shown = _filtered(rows, open_only, states)
    if not rows:
        st.info(empty, icon=":material/info:")
        return
    if not shown:
        st.info("Không có bước nào khớp với bộ lọc.", icon=":material/filter_alt_off:")
        return
    overdue = sum(1 for r in shown if r.timeliness == Timeliness.OVERDUE)
    st.caption(f"{len(shown)} bước; {overdue} bước quá hạn. Số ngày là ngày làm việc (không tính ngày nghỉ, lễ, "
               "Tết; tính ngày làm bù).")
    steps_table(shown, key=f"{key}-bang")
    chosen = step_picker(shown, key=f"{key}-chon")
    if chosen is not None:
        step_panel(actor, chosen, key=f"{key}-{chosen}")


def render_steps_page(actor: Actor) -> None:
    """«Bước cần giải quyết»: the steps the actor's unit resolves (all steps for leaders, Sở Tài chính and the
    administrator) and, for an investor, the steps of its own projects."""
    preset_filters(timeliness=("bgq-tinh-trang", Timeliness))   # a home page link: «Bước dự án quá hạn»
    with db() as session:
        mine = step_reports.my_steps(session, actor)
        own_projects = step_reports.investor_steps(session, actor) if actor.has(*step_reports.WRITER_ROLES,
                                                                                *step_reports.UNIT_ROLES) else []
    wide = actor.has(*records.PROJECT_WIDE_ROLES)
    if wide or not own_projects:
        _list_with_panel(actor, mine, key="bgq", empty="Đơn vị chưa được giao giải quyết bước nào của dự án.")
        return
    tab_mine, tab_own = st.tabs(["Bước đơn vị giải quyết", "Bước của dự án đơn vị làm chủ đầu tư"])
    with tab_mine:
        _list_with_panel(actor, mine, key="bgq", empty="Đơn vị chưa được giao giải quyết bước nào của dự án.")
    with tab_own:
        _list_with_panel(actor, own_projects, key="cdt", empty="Các dự án của đơn vị chưa có quy trình.")


def render_step_reports(actor: Actor, project_id: int) -> None:
    """The project page's step reports: every step for the investor's people and the province-wide roles (with the
    judgements to confirm and the reminder form), only its own steps for a resolving unit."""
    try:
        with db() as session:
            view = step_reports.project_steps(session, actor, project_id)
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        return
    if not view.steps:
        st.info("Dự án chưa có quy trình thực hiện.", icon=":material/info:")
        return
    if not view.whole_project:
        st.caption("Đơn vị của bạn chỉ xem các bước được giao giải quyết trong dự án này.")
    steps_table(view.steps, key=f"da-buoc-{project_id}", show_project=False)
    chosen = step_picker(view.steps, key=f"da-buoc-chon-{project_id}")
    if chosen is not None:
        step_panel(actor, chosen, key=f"da-buoc-{project_id}-{chosen}")
