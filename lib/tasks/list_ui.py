"""The task table used by the inbox and the drill-down lists, and the button that opens one task."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from lib.core.enums import Timeliness
from lib.core.format import fmt_date
from lib.tasks.queries import TaskRow
from lib.tasks.ui import TIMELINESS_COLORS

# Timeliness in the table: its words in the badge colour of the task page (no emoji: without an emoji font they are
# empty boxes). Text colours dark enough to read on white.
TEXT_COLORS = {"red": "#b3261e", "orange": "#a35200", "blue": "#1d4ed8", "green": "#1e7b34", "gray": "#5f6b7a"}
TIMELINESS_COLUMN = "Thời hạn"

TASK_PAGE = "pages/tasks/task.py"


def timeliness_badge(value: Timeliness | None, long_term: bool = False) -> str:
    if value is None:
        return "Dài hạn" if long_term else ""
    return value.label


def timeliness_style(text: str) -> str:
    """The CSS of a «Thời hạn» cell: the colour of its timeliness (bold when something is wrong)."""
    found = next((t for t in Timeliness if t.label == text), None)
    if found is None:
        return ""
    weight = "; font-weight: 600" if found in (Timeliness.OVERDUE, Timeliness.LATE) else ""
    return f"color: {TEXT_COLORS[TIMELINESS_COLORS[found]]}{weight}"


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
                 "Trạng thái": r.status.label, TIMELINESS_COLUMN: timeliness_badge(r.timeliness, r.long_term),
                 "Văn bản": r.number_symbol, "Ngày ban hành": fmt_date(r.issued_on)}
        table.append(line)
    styled = pd.DataFrame(table).style.map(timeliness_style, subset=[TIMELINESS_COLUMN])
    event = st.dataframe(styled, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
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
