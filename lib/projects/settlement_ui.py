"""The settlement of a completed project (quyết toán dự án hoàn thành, Nghị định 99/2021/NĐ-CP Điều 47; issue 10
item 10; seed 000 art. 7.3): the three clocks with their arithmetic, the final value and end against the approved
ones, and the investor's form. The lead wires `render_settlement` into a tab of the project page."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.core import vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.errors import NotFound
from lib.core.format import fmt_date
from lib.projects import settlement, texts
from lib.projects.ui import money_input
from lib.ui import outcome
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, submit_button

SLOT = "qtoan-luu"


def _length(clock: settlement.Clock) -> str:
    return f"{clock.length} tháng" if clock.unit == settlement.MONTHS else f"{clock.length} ngày"


def _state(clock: settlement.Clock) -> str:
    if clock.start is None:
        return "Chưa bắt đầu"
    if clock.done is not None:
        return texts.STL_LATE.format(days=clock.late_days).capitalize() if clock.late_days else "Đúng hạn"
    return f"Quá hạn {clock.late_days} ngày" if clock.overdue else "Đang trong hạn"


def clocks_table(clocks: list[settlement.Clock]) -> pd.DataFrame:
    return pd.DataFrame([{
        "Công việc": c.label, "Bắt đầu từ": fmt_date(c.start) if c.start else "—", "Thời hạn": _length(c),
        "Hạn": fmt_date(c.ends_on) if c.ends_on else "—", "Hoàn thành": fmt_date(c.done) if c.done else "—",
        "Tình trạng": _state(c)} for c in clocks])


def render_settlement(actor: Actor, project_id: int) -> None:
    """Clocks, comparison and (for the investor's editors) the form, for one project."""
    try:
        with db() as session:
            view = settlement.settlement_view(session, actor, project_id)
    except NotFound:
        st.error(vi.ERR_NOT_FOUND)
        return
    project, row = view.project, view.settlement
    st.caption(f"Thời hạn quyết toán theo {texts.STL_RULE}; tháng tính đến ngày tương ứng của tháng cuối, ngày tính "
               "theo lịch; hạn rơi vào ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo.")
    if row is None:
        st.info("Chưa nhập biên bản nghiệm thu, bàn giao đưa vào sử dụng: các thời hạn quyết toán chưa bắt đầu.",
                icon=":material/info:")
    else:
        st.dataframe(clocks_table(view.clocks), hide_index=True, width="stretch")
        for clock in view.clocks:
            icon = ":material/warning:" if clock.overdue or clock.late_days else ":material/schedule:"
            st.caption(f"{icon} **{clock.label}:** {clock.explanation}")
        st.markdown("**Giá trị và thời gian hoàn thành so với phê duyệt**")
        st.dataframe(pd.DataFrame([{"Nội dung": c.label, "Được phê duyệt": c.approved, "Thực tế (quyết toán)": c.actual,
                                    "Chênh lệch": c.difference} for c in view.comparisons]),
                     hide_index=True, width="stretch")
        if row.difference_reasons:
            st.markdown(f"**Lý do chênh lệch:** {row.difference_reasons}")
    if not view.may_edit:
        return
    documents = dict(view.documents)
    today = local_today()
    with outcome.expander("Cập nhật quyết toán dự án hoàn thành", SLOT), st.form("qtoan-form"):
        c1, c2 = st.columns(2)
        with c1:
            handover = date_input(f"{texts.STL_HANDOVER} *", value=row.handover_on if row else None, key="qtoan-ban-giao",
                                  max_value=today)
            outcome.at_input(SLOT, "handover_on")
            dossier = date_input(texts.STL_DOSSIER, value=row.dossier_submitted_on if row else None, key="qtoan-ho-so",
                                 max_value=today)
            outcome.at_input(SLOT, "dossier_submitted_on")
            verified = date_input(texts.STL_VERIFIED, value=row.verified_on if row else None, key="qtoan-tham-tra",
                                  max_value=today)
            outcome.at_input(SLOT, "verified_on")
            approved = date_input(texts.STL_APPROVED, value=row.approved_on if row else None, key="qtoan-phe-duyet",
                                  max_value=today)
            outcome.at_input(SLOT, "approved_on")
        with c2:
            handover_doc = st.selectbox("Văn bản bàn giao (trong hồ sơ dự án)", list(documents), key="qtoan-vb-ban-giao",
                                        index=list(documents).index(row.handover_document_id)
                                        if row and row.handover_document_id in documents else None,
                                        placeholder=vi.CHOOSE, format_func=lambda i: documents[i])
            approval_doc = st.selectbox("Quyết định phê duyệt quyết toán", list(documents), key="qtoan-vb-phe-duyet",
                                        index=list(documents).index(row.approval_document_id)
                                        if row and row.approval_document_id in documents else None,
                                        placeholder=vi.CHOOSE, format_func=lambda i: documents[i])
            has_value = st.checkbox("Đã có giá trị quyết toán", value=bool(row and row.final_value is not None),
                                    key="qtoan-co-gia-tri")
            final_value = money_input("Giá trị quyết toán (đồng)", key="qtoan-gia-tri",
                                      value=row.final_value if row and row.final_value is not None
                                      else project.total_investment)
            actual_end = date_input("Ngày hoàn thành thực tế", value=row.actual_end if row else None,
                                    key="qtoan-hoan-thanh", max_value=today)
            outcome.at_input(SLOT, "actual_end")
        reasons = st.text_area("Lý do chênh lệch so với tổng mức đầu tư, thời hạn được phê duyệt",
                               value=row.difference_reasons if row else "", key="qtoan-ly-do")
        outcome.at_input(SLOT, "difference_reasons")
        if submit_button("Lưu quyết toán", key=SLOT, type="primary", icon=":material/save:"):
            data = settlement.SettlementInput(handover, dossier, verified, approved,
                                              final_value if has_value else None, actual_end, reasons or "",
                                              handover_doc, approval_doc)
            version = row.version if row else None

            def save() -> int:
                with db() as session:
                    return settlement.save_settlement(session, actor, project_id, version, data)
            attempt(save, texts.STL_SAVED)
