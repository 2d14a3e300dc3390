"""The task table used by the inbox and the drill-down lists, and the button that opens one task."""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.enums import Timeliness
from lib.format import fmt_date
from lib.services.task_queries import TaskRow

BADGES = {
    Timeliness.OVERDUE: "🔴 Quá hạn",
    Timeliness.DUE_SOON: "🟠 Sắp đến hạn",
    Timeliness.IN_TIME: "🟢 Trong hạn",
    Timeliness.EARLY: "✅ Trước hạn",
    Timeliness.ON_TIME: "✅ Đúng hạn",
    Timeliness.LATE: "⚠️ Trễ hạn",
}

TASK_PAGE = "pages/office/task.py"


def timeliness_badge(value: Timeliness | None, long_term: bool = False) -> str:
    if value is None:
        return "Dài hạn" if long_term else ""
    return BADGES[value]


def days_left_text(row: TaskRow) -> str:
    if row.working_days_left is None:
        return ""
    if row.working_days_left < 0:
        return f"quá {-row.working_days_left} ngày"
    return f"{row.working_days_left} ngày"


def task_table(rows: Sequence[TaskRow], *, key: str, unit_column: bool = True) -> TaskRow | None:
    """A selectable table of tasks; returns the row the user picked (or None)."""
    if not rows:
        st.info("Không có nhiệm vụ nào phù hợp.")
        return None
    # What the user acts on first (the task, who leads it, how much time is left), the document last: on a laptop
    # screen the first six columns fit without scrolling sideways.
    table = []
    for r in rows:
        line = {"Nội dung nhiệm vụ": r.content}
        if unit_column:
            line["Đơn vị chủ trì"] = r.lead_unit
        line |= {"Hạn xử lý": fmt_date(r.deadline) if r.deadline else "Dài hạn", "Còn lại": days_left_text(r),
                 "Trạng thái": r.status.label, "Thời hạn": timeliness_badge(r.timeliness, r.long_term),
                 "Văn bản": r.number_symbol, "Ngày ban hành": fmt_date(r.issued_on)}
        table.append(line)
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=key, column_config={
                             "Nội dung nhiệm vụ": st.column_config.TextColumn(width=250),
                             "Đơn vị chủ trì": st.column_config.TextColumn(width=160),
                             "Hạn xử lý": st.column_config.TextColumn(width=88),
                             "Còn lại": st.column_config.TextColumn(width=80),
                             "Trạng thái": st.column_config.TextColumn(width=170),
                             "Thời hạn": st.column_config.TextColumn(width=110),
                             "Văn bản": st.column_config.TextColumn(width=120),
                             "Ngày ban hành": st.column_config.TextColumn(width=96)})
    return rows[event.selection.rows[0]] if event and event.selection.rows else None


def open_task_button(row: TaskRow, key: str = "mo-nhiem-vu") -> None:
    st.write(f"**{row.number_symbol}** — {row.content}")
    if st.button("Mở nhiệm vụ", type="primary", icon=":material/open_in_new:", key=key):
        st.switch_page(TASK_PAGE, query_params={"id": str(row.id)})
