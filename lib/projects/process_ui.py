"""The tab «Quy trình thực hiện» of a project's page (issue 10, items 2 and 4): the proposed template and its
application when the project has no process yet; else the steps by phase with their planned, actual and forecast
dates and state, the Gantt chart (planned against actual / forecast), the forecast end against the approved end, the
warnings with their working-day arithmetic, and (for the investor's people) the forms that adjust the process.

The rules live in lib/projects/process.py and lib/projects/schedule.py; this module only draws and calls them."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.errors import ValidationError
from lib.core.format import fmt_date
from lib.projects import process, records, schedule, texts, views
from lib.projects.enums import ProjectPhase
from lib.projects.schedule import AlertKind, ProjectSchedule, StepSchedule, StepState
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, flash, selection_key, submit_button, unit_select

BAR_COLORS = {"Kế hoạch": "#9e9e9e", "Thực tế": "#2e7d32", "Dự báo": "#1565c0", "Dự báo chậm": "#c62828"}
PROCESS_TAB = "Quy trình thực hiện"
# The buttons of the tab: the page opens the tab again after one of them was pressed (lib.ui.outcome.tabs).
PROCESS_SLOTS = ("qt-luu-ap-dung", "qt-luu-dieu-chinh", "qt-luu-them", "qt-luu-di-chuyen", "qt-luu-xoa",
                 "qt-luu-bat-dau", "qt-luu-ap-dung-lai")
START_TAB = "Ngày bắt đầu, mẫu quy trình"
PLAN_ROW, DONE_ROW = "Kế hoạch", "Thực tế / dự báo"   # the two bars of a step, one above the other
LATE_STATES = frozenset({StepState.DONE_LATE, StepState.OVERDUE})


# ---------------------------------------------------------------- texts of a step

def state_text(item: StepSchedule) -> str:
    """E.g. «Quá hạn 4 ngày», «Hoàn thành chậm 2 ngày», «Sắp đến hạn: còn 3 ngày», «Chưa bắt đầu · dự báo chậm 5
    ngày» (working days)."""
    status = item.status
    if status.state in LATE_STATES:
        text = f"{status.state.label} {status.days} ngày"
    elif status.state == StepState.DUE_SOON:
        text = f"{status.state.label}: còn {status.days} ngày" if status.days else f"{status.state.label}: hôm nay"
    else:
        text = status.state.label
    if item.row.actual_end is None and status.state != StepState.OVERDUE and item.forecast_late_days:
        text += f" · dự báo chậm {item.forecast_late_days} ngày"
    return text


def _span(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{fmt_date(start) or '…'} – {fmt_date(end) or '…'}"


def step_label(row: process.StepRow, width: int = 48) -> str:
    name = row.name if len(row.name) <= width else row.name[:width - 1] + "…"
    return f"{row.position:02d}. {name}"


def steps_frame(items: list[StepSchedule]) -> pd.DataFrame:
    return pd.DataFrame([{
        "TT": item.row.position,
        "Bước": item.row.name,
        "Đơn vị giải quyết": item.row.unit,
        "Số ngày LV": item.row.duration_days,
        "Chờ bước": ", ".join(str(p) for p in item.row.waits_for),
        "Dự kiến": _span(item.row.planned_start, item.row.planned_end),
        "Thời hạn": fmt_date(item.row.deadline) + (" *" if item.row.deadline_set else ""),
        "Thực tế": _span(item.row.actual_start, item.row.actual_end),
        "Dự báo kết thúc": fmt_date(item.forecast.end),
        "Tình trạng": state_text(item),
    } for item in items])


COLUMNS = {   # about 1.070 px: the table fits a 1366 px screen beside the menu
    "TT": st.column_config.NumberColumn(width=35),
    "Bước": st.column_config.TextColumn(width=190),
    "Đơn vị giải quyết": st.column_config.TextColumn(width=125),
    "Số ngày LV": st.column_config.NumberColumn(width=60, help="Số ngày làm việc dự kiến"),
    "Chờ bước": st.column_config.TextColumn(width=55),
    "Dự kiến": st.column_config.TextColumn(width=150),
    "Thời hạn": st.column_config.TextColumn(width=85, help="*: thời hạn do chủ đầu tư đặt riêng"),
    "Thực tế": st.column_config.TextColumn(width=150),
    "Dự báo kết thúc": st.column_config.TextColumn(width=90),
    "Tình trạng": st.column_config.TextColumn(width=165),
}


# ---------------------------------------------------------------- the Gantt chart

def _moment(day: date) -> str:
    """A day as Vega-Lite reads it in the browser's local time (an ISO date alone would be read as UTC)."""
    return f"{day.isoformat()}T00:00:00"


def gantt_rows(result: ProjectSchedule) -> list[dict[str, object]]:
    """Two bars per step: planned, and actual (finished) or forecast (open; «Dự báo chậm» past its deadline). A bar
    ends at the end of its last day (x2 = end + 1 day)."""
    rows: list[dict[str, object]] = []
    for item in result.steps:
        row = item.row
        label, state = step_label(row), state_text(item)
        if row.actual_end is not None:
            kind = "Thực tế"
        else:
            kind = "Dự báo chậm" if item.forecast_late_days or item.status.state == StepState.OVERDUE else "Dự báo"
        for line, bar, start, end in ((PLAN_ROW, "Kế hoạch", row.planned_start, row.planned_end),
                                      (DONE_ROW, kind, item.forecast.start, item.forecast.end)):
            rows.append({"Bước": label, "Dòng": line, "Loại": bar, "Từ": _moment(start),
                         "Đến": _moment(end + timedelta(days=1)), "Từ ngày": fmt_date(start),
                         "Đến ngày": fmt_date(end), "Đơn vị": row.unit, "Tình trạng": state})
    return rows


def gantt_chart(result: ProjectSchedule) -> dict[str, object]:
    """The Vega-Lite specification of the Gantt chart (what an altair layer of the bars and the day rules gives,
    written as the dictionary itself: altair's object layer took about 200 ms for 25 steps on the 2-core server, most
    of a project page's 300 ms budget). Dates dd/mm/yyyy; every label Vietnamese; one band of two bars per step."""
    order = [step_label(item.row) for item in result.steps]
    marks = [{"Ngày": _moment(result.today), "Mốc": f"Hôm nay {fmt_date(result.today)}"}]
    if result.project.approved_end is not None:
        marks.append({"Ngày": _moment(result.project.approved_end + timedelta(days=1)),
                      "Mốc": f"Kết thúc được phê duyệt {fmt_date(result.project.approved_end)}"})
    tooltip = [{"field": name, "type": "nominal"} for name in ("Bước", "Loại", "Từ ngày", "Đến ngày")]
    tooltip += [{"field": "Đơn vị", "type": "nominal", "title": "Đơn vị giải quyết"},
                {"field": "Tình trạng", "type": "nominal"}]
    bars = {
        "data": {"values": gantt_rows(result)},
        "mark": {"type": "bar", "cornerRadius": 2},
        "encoding": {
            "y": {"field": "Bước", "type": "nominal", "sort": order, "title": None, "axis": {"labelLimit": 330}},
            "yOffset": {"field": "Dòng", "type": "nominal", "sort": [PLAN_ROW, DONE_ROW]},
            "x": {"field": "Từ", "type": "temporal", "title": None,
                  "axis": {"format": "%d/%m/%Y", "labelAngle": 0, "labelOverlap": True}},
            "x2": {"field": "Đến"},
            "color": {"field": "Loại", "type": "nominal", "title": None, "legend": {"orient": "top"},
                      "scale": {"domain": list(BAR_COLORS), "range": list(BAR_COLORS.values())}},
            "tooltip": tooltip,
        },
    }
    rules = {
        "data": {"values": marks},
        "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": [4, 3]},
        "encoding": {
            "x": {"field": "Ngày", "type": "temporal", "title": None},
            "color": {"field": "Mốc", "type": "nominal", "title": None, "legend": {"orient": "top"},
                      "scale": {"range": ["#ef6c00", "#6a1b9a"]}},
            "tooltip": [{"field": "Mốc", "type": "nominal"}],
        },
    }
    return {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "title": "Tiến độ các bước: kế hoạch và thực tế / dự báo",
            "height": {"step": 11}, "layer": [bars, rules], "resolve": {"scale": {"color": "independent"}}}


# ---------------------------------------------------------------- drawing

def _alerts(result: ProjectSchedule) -> None:
    found = result.alerts
    label = (f"Cảnh báo tiến độ ({len(found)})" if found else "Cảnh báo tiến độ: không có")
    with st.expander(label, expanded=bool(found), icon=":material/notification_important:"):
        st.caption(f"Bước sắp đến hạn: còn không quá {result.warning_days} ngày làm việc đến thời hạn (tham số của "
                   "tỉnh). Ngày làm việc không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết; tính cả ngày làm bù.")
        for alert in found:
            show = st.error if alert.kind in (AlertKind.OVERDUE, AlertKind.PROJECT_LATE) else st.warning
            show(f"**{alert.title}.** {alert.explanation}.", icon=":material/schedule:")
        late = [item for item in result.steps if item.status.state == StepState.DONE_LATE]
        for item in late:
            st.info(f"**Bước {item.row.position} «{item.row.name}» ({item.row.unit}) hoàn thành chậm "
                    f"{item.status.days} ngày làm việc.** {item.status.explanation}.", icon=":material/history:")


def _summary(result: ProjectSchedule) -> None:
    view, whole = result.view, result.project
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Mẫu quy trình", view.template or "—")
    c2.metric("Ngày bắt đầu quy trình", fmt_date(view.starts_on))
    c3.metric("Ngày kết thúc được phê duyệt", fmt_date(whole.approved_end) or "—")
    c4.metric("Dự báo kết thúc", fmt_date(whole.end) or "—",
              delta=f"chậm {whole.late_days} ngày làm việc" if whole.late_days else "đúng hạn",
              delta_color="inverse" if whole.late_days else "off", delta_arrow="off")
    if whole.explanation:   # a late forecast is also the first warning below
        st.caption(whole.explanation + ".")


def render_process(actor: Actor, project_id: int, *, today: date) -> None:
    """The whole tab; NotFound has been handled by the page (the project was read before)."""
    with db() as session:
        result = schedule.project_schedule(session, actor, project_id, today)
        detail = records.project_detail(session, actor, project_id)
        may_edit = (result.view.may_edit if result is not None
                    else detail.may_edit and detail.project.status not in process.CLOSED_STATUSES)
        begun = result is not None and any(item.row.actual_start is not None or item.row.actual_end is not None
                                           for item in result.steps)
        # the templates only where one is proposed or may be applied: no process yet, or none of its steps begun
        wanted = result is None or (may_edit and not begun)
        templates = process.list_templates(session, actor, active_only=True) if wanted else []
        proposed = process.propose_template(session, actor, project_id) if result is None else None
        proposed_steps = process.template_steps(session, actor, proposed) if proposed is not None else []
        units = views.all_investor_choices(session) if may_edit and result is not None else []
        group = detail.project.project_group
    if result is None:
        _no_process(actor, project_id, today, may_edit, templates, proposed, proposed_steps,
                    group.label if group else None)
        return
    _summary(result)
    _alerts(result)
    st.vega_lite_chart(spec=gantt_chart(result), width="stretch", height="content")
    for phase in ProjectPhase:
        items = [item for item in result.steps if item.row.phase == phase]
        if items:
            st.markdown(f"**{phase.label}** ({len(items)} bước)")
            st.dataframe(steps_frame(items), hide_index=True, width="stretch", column_config=COLUMNS)
    st.caption("Ngày dự kiến tính theo ngày làm việc từ ngày bắt đầu quy trình và các bước phải chờ; dự báo dời các "
               "bước còn lại theo bước chậm (Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 8 khoản 3, 6).")
    if not may_edit:
        st.caption("Bạn chỉ được xem quy trình của dự án này; chủ đầu tư điều chỉnh quy trình.")
        return
    _forms(actor, project_id, result, units, templates)


def _no_process(actor: Actor, project_id: int, today: date, may_edit: bool, templates: list[process.TemplateRow],
                proposed: int | None, proposed_steps: list[process.TemplateStepRow], group: str | None) -> None:
    st.info("Dự án chưa có quy trình thực hiện.", icon=":material/info:")
    names = {t.id: t for t in templates}
    if proposed is not None and proposed_steps:
        template = names.get(proposed)
        title = template.name if template else ""
        days = f", đường găng {template.total_days} ngày làm việc" if template else ""
        st.markdown(f"**Mẫu quy trình đề xuất{' cho ' + group[:1].lower() + group[1:] if group else ''}:** «{title}» "
                    f"({len(proposed_steps)} bước{days}).")
        st.dataframe(pd.DataFrame([{"TT": s.position, "Giai đoạn": s.phase.label, "Bước": s.name,
                                    "Đơn vị giải quyết": s.resolver, "Số ngày LV": s.duration_days,
                                    "Chờ bước": ", ".join(str(p) for p in s.waits_for)} for s in proposed_steps]),
                     hide_index=True, width="stretch")
    if not may_edit or not templates:
        return
    with st.form("qt-ap-dung"):
        st.caption("Chủ đầu tư cấu hình quy trình thực hiện khi dự án thực hiện bước đầu tiên trong chuẩn bị đầu tư "
                   "(Quy chế kèm Quyết định 561/QĐ-UBND-HC, Điều 7 khoản 1); sau khi áp dụng có thể thêm, xóa, sắp "
                   "xếp lại bước và thay đổi đơn vị giải quyết, số ngày, thời hạn.")
        c1, c2 = st.columns([2, 1])
        ids = list(names)
        chosen = c1.selectbox("Mẫu quy trình *", ids, index=ids.index(proposed) if proposed in ids else 0,
                              key="qt-mau", placeholder=vi.CHOOSE, format_func=lambda i: names[i].name)
        with c2:
            start = date_input("Ngày bắt đầu quy trình *", value=today, key="qt-bat-dau")
        outcome.at_input("qt-luu-ap-dung", "template_id")
        if submit_button("Áp dụng mẫu quy trình", key="qt-luu-ap-dung", type="primary", icon=":material/schema:"):
            def apply() -> process.Applied:
                with db() as session:
                    return process.apply_template(session, actor, project_id, chosen, start)
            applied = attempt(apply, rerun=False)
            if applied is not None:
                flash(" ".join([f"Đã áp dụng mẫu quy trình «{names[chosen].name}» ({len(applied.step_ids)} bước).",
                                *applied.notes]))
                st.rerun()


def _step_options(result: ProjectSchedule) -> dict[int, str]:
    return {item.row.id: f"{item.row.position}. {item.row.name}" for item in result.steps}


def _forms(actor: Actor, project_id: int, result: ProjectSchedule, units: list,  # noqa: C901
           templates: list[process.TemplateRow]) -> None:
    version = result.view.version
    options = _step_options(result)
    ids = list(options)
    rows = {item.row.id: item.row for item in result.steps}
    position_of = {row.id: row.position for row in rows.values()}
    st.markdown("**Điều chỉnh quy trình**")
    labels = ["Điều chỉnh bước", "Thêm bước", "Di chuyển, xóa bước", START_TAB]
    tab_edit, tab_add, tab_move, tab_start = outcome.tabs(labels, {
        "Điều chỉnh bước": ["qt-luu-dieu-chinh"], "Thêm bước": ["qt-luu-them"],
        "Di chuyển, xóa bước": ["qt-luu-di-chuyen", "qt-luu-xoa"], START_TAB: ["qt-luu-bat-dau", "qt-luu-ap-dung-lai"]})

    with tab_edit:
        step_id = st.selectbox("Bước cần điều chỉnh", ids, key=selection_key("qt-dc-buoc", ids), placeholder=vi.CHOOSE,
                               format_func=lambda i: options[i])
        if step_id is not None:
            row = rows[step_id]
            with st.form(f"qt-dieu-chinh-{step_id}"):
                c1, c2 = st.columns([2, 1])
                name = c1.text_input("Tên bước *", value=row.name, key=f"qt-dc-ten-{step_id}")
                phases = list(ProjectPhase)
                phase = c2.selectbox("Giai đoạn *", phases, index=phases.index(row.phase), key=f"qt-dc-gd-{step_id}",
                                     placeholder=vi.CHOOSE, format_func=lambda p: p.label)
                c1, c2, c3 = st.columns([2, 1, 1])
                with c1:
                    # a unit no longer active (merged) is kept until another is chosen, never swapped silently
                    gone = row.unit_id not in {u.id for u in units}
                    unit_id = unit_select("Đơn vị giải quyết *", units, key=f"qt-dc-dv-{step_id}",
                                          default_id=None if gone else row.unit_id, allow_none=gone,
                                          none_label=f"{row.unit} (không còn hoạt động)")
                duration = c2.number_input("Số ngày làm việc *", min_value=1, max_value=2000, step=1,
                                           value=row.duration_days, key=f"qt-dc-so-ngay-{step_id}")
                with c3:
                    deadline = date_input("Thời hạn riêng", value=row.deadline, key=f"qt-dc-han-{step_id}")
                own = st.checkbox("Giữ thời hạn riêng (bỏ chọn và để nguyên ngày: thời hạn là ngày kết thúc dự "
                                  "kiến; đổi ngày: thời hạn riêng mới)",
                                  value=row.deadline_set, key=f"qt-dc-co-han-{step_id}")
                outcome.at_input("qt-luu-dieu-chinh", "deadline")
                others = [i for i in ids if i != step_id]
                waits = st.multiselect("Chờ hoàn thành các bước", others, key=f"qt-dc-cho-{step_id}",
                                       default=[i for i in others if position_of[i] in row.waits_for],
                                       placeholder=vi.CHOOSE, format_func=lambda i: options[i])
                outcome.at_input("qt-luu-dieu-chinh", "waits_for")
                if submit_button("Lưu điều chỉnh bước", key="qt-luu-dieu-chinh", type="primary",
                                 icon=":material/save:"):
                    def save_step() -> None:
                        with db() as session:
                            process.update_step(session, actor, project_id, version, step_id, name=name, phase=phase,
                                                unit_id=unit_id, duration_days=int(duration),
                                                deadline=deadline if own or deadline != row.deadline else None,
                                                waits_for=list(waits))
                    attempt(save_step, f"Đã điều chỉnh bước «{name.strip()}»; ngày dự kiến các bước đã được tính lại.")

    with tab_add, st.form("qt-them"):
        c1, c2 = st.columns([2, 1])
        name = c1.text_input("Tên bước *", key="qt-them-ten")
        phases = list(ProjectPhase)
        phase = c2.selectbox("Giai đoạn *", phases, index=1, key="qt-them-gd", placeholder=vi.CHOOSE,
                             format_func=lambda p: p.label)
        outcome.at_input("qt-luu-them", "name")
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            unit_id = unit_select("Đơn vị giải quyết *", units, key="qt-them-dv")
        duration = c2.number_input("Số ngày làm việc *", min_value=1, max_value=2000, step=1, value=5,
                                   key="qt-them-so-ngay")
        position = c3.number_input("Vị trí", min_value=1, max_value=len(ids) + 1, step=1, value=len(ids) + 1,
                                   key="qt-them-vi-tri", help="Bước mới chờ bước đứng trước nó; bước đứng sau chờ "
                                                              "bước mới.")
        if submit_button("Thêm bước", key="qt-luu-them", type="primary", icon=":material/add:"):
            data = process.StepInput(name=name, phase=phase, unit_id=unit_id, duration_days=int(duration),
                                     position=int(position))

            def add() -> None:
                with db() as session:
                    process.add_step(session, actor, project_id, version, data)
            attempt(add, f"Đã thêm bước «{name.strip()}» ở vị trí {int(position)}.")

    with tab_move:
        with st.form("qt-di-chuyen"):
            c1, c2 = st.columns([3, 1])
            moved = c1.selectbox("Bước cần di chuyển *", ids, key=selection_key("qt-dcv-buoc", ids),
                                 placeholder=vi.CHOOSE,
                                 format_func=lambda i: options[i])
            to = c2.number_input("Đến vị trí *", min_value=1, max_value=max(1, len(ids)), step=1, value=1,
                                 key="qt-dcv-vi-tri")
            if submit_button("Di chuyển bước", key="qt-luu-di-chuyen", icon=":material/swap_vert:"):
                def move() -> None:
                    with db() as session:
                        process.move_step(session, actor, project_id, version, moved, int(to))
                attempt(move, f"Đã chuyển bước «{rows[moved].name}» đến vị trí {int(to)}.")
        with st.form("qt-xoa"):
            removed = st.selectbox("Bước cần xóa *", ids, index=None, key=selection_key("qt-xoa-buoc", ids),
                                   placeholder=vi.CHOOSE,
                                   format_func=lambda i: options[i])
            st.caption("Chỉ xóa được bước chưa bắt đầu; các bước chờ bước bị xóa sẽ chờ các bước mà nó chờ.")
            if submit_button("Xóa bước", key="qt-luu-xoa", icon=":material/delete:"):
                def remove() -> None:
                    if removed is None:
                        raise ValidationError(texts.PRC_STEP_REQUIRED, field="step_id")
                    with db() as session:
                        process.remove_step(session, actor, project_id, version, removed)
                attempt(remove, f"Đã xóa bước «{rows[removed].name}»." if removed is not None else None)

    with tab_start, st.form("qt-ngay-bat-dau"):
        st.caption("Mọi ngày dự kiến được tính lại theo ngày làm việc từ ngày bắt đầu mới; thời hạn riêng đã đặt được "
                   "giữ nguyên.")
        start = date_input("Ngày bắt đầu quy trình *", value=result.view.starts_on, key="qt-ngay-bd")
        if submit_button("Lưu ngày bắt đầu", key="qt-luu-bat-dau", type="primary", icon=":material/save:"):
            def save_start() -> None:
                with db() as session:
                    process.set_start(session, actor, project_id, version, start)
            attempt(save_start, f"Đã đổi ngày bắt đầu quy trình thành {fmt_date(start)}.")

    begun = any(row.actual_start is not None or row.actual_end is not None for row in rows.values())
    if begun or not templates:
        return
    names = {t.id: t.name for t in templates}
    with tab_start, st.form("qt-ap-dung-lai"):
        st.caption("Chưa bước nào bắt đầu: có thể áp dụng lại một mẫu quy trình; các bước hiện có được thay bằng các "
                   "bước của mẫu.")
        c1, c2 = st.columns([2, 1])
        chosen = c1.selectbox("Mẫu quy trình *", list(names), key="qt-lai-mau", placeholder=vi.CHOOSE,
                              format_func=lambda i: names[i])
        with c2:
            again = date_input("Ngày bắt đầu *", value=result.view.starts_on, key="qt-lai-bat-dau")
        if submit_button("Áp dụng lại mẫu", key="qt-luu-ap-dung-lai", icon=":material/restart_alt:"):
            def reapply() -> None:
                with db() as session:
                    process.apply_template(session, actor, project_id, chosen, again)
            attempt(reapply, f"Đã áp dụng lại mẫu quy trình «{names[chosen]}».")
