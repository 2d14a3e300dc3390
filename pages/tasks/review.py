"""Duyệt báo cáo: the Office's queue of submitted reports (oldest first), and the tasks units returned."""
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.tasks.enums import TaskEventKind, TaskStatus
from lib.core.errors import DomainError, ValidationError
from lib.core.format import fmt_date, fmt_datetime
from lib.tasks import queries as task_queries, workflow as tasks
from lib.core.services import units
from lib.tasks.queries import QueueRow, TaskFilter
from lib.ui.guard import require_page
from lib.ui.session import db
from lib.tasks.ui import document_card, history_table, last_event_text, report_block, task_card, task_link
from lib.ui import outcome
from lib.ui.widgets import (attempt, date_input, preset_filters, show_flash, submit_button, unit_label,
                           unit_select)

actor = require_page("task_review")
st.title("Duyệt báo cáo")
show_flash()
today = local_today()
OPEN = [s for s in TaskStatus if s.is_open]


def _load_detail(task_id: int):  # noqa: ANN202
    """The task in full, or None (with the message) if it vanished from the actor's sight meanwhile."""
    try:
        with db() as session:
            return task_queries.task_detail(session, actor, task_id, today)
    except DomainError as error:
        st.error(str(error))
        return None


def _table_key(prefix: str, ids: list[int]) -> str:
    """A new table (and so no stale selection) whenever the list changes, e.g. after another officer decided."""
    return f"{prefix}-{hash(tuple(ids)) & 0xFFFFFFFF:x}"


def _decide(approve: bool, q: QueueRow) -> None:
    """Đạt / Không đạt, run as the button's callback: before the rerun reloads the queue, so that a decision
    on a report another officer has just decided still reaches the service and its message reaches the user."""
    try:
        with db() as session:
            if approve:
                tasks.approve(session, actor, q.report_id, expected_version=q.report_version,
                              comment=st.session_state.get(f"dbc-nhan-xet-{q.report_id}", ""))
            else:
                tasks.reject(session, actor, q.report_id, st.session_state.get(f"dbc-ly-do-{q.report_id}", ""),
                             expected_version=q.report_version)
    except DomainError as error:
        outcome.record_error("dbc-dat" if approve else "dbc-khong-dat", error)
        return
    if approve:
        outcome.record("dbc-dat", True, f"Đã xác nhận «Đạt» báo cáo của {q.unit}: nhiệm vụ hoàn thành"
                       + (f", {q.would_be.label.lower()}." if q.would_be else "."))
    else:
        outcome.record("dbc-khong-dat", True, f"Đã xác nhận «Không đạt» báo cáo của {q.unit}; nhiệm vụ được trả về "
                       "đơn vị để thực hiện và báo cáo lại.")


RETURNED_TAB = "Nhiệm vụ đơn vị trả lại"
linked = preset_filters(returned=("", None))  # the home page's «Nhiệm vụ đơn vị trả lại» opens the second tab
queue_tab, returned_tab = st.tabs(["Báo cáo chờ duyệt", RETURNED_TAB], key="dbc-the",
                                  default=RETURNED_TAB if linked.get("returned") else None)

# ---------------------------------------------------------------- the review queue
with queue_tab:
    only_mine = st.toggle("Chỉ nhiệm vụ tôi theo dõi", key="dbc-cua-toi")
    with db() as session:
        queue, total = task_queries.review_queue(session, actor, only_mine=only_mine, today=today)
    if not queue:
        st.success("Không có báo cáo nào chờ duyệt." if not only_mine else
                   "Không có báo cáo nào chờ duyệt trong các nhiệm vụ bạn theo dõi.", icon=":material/task_alt:")
    else:
        st.caption(f"{total} báo cáo chờ duyệt, báo cáo gửi sớm nhất ở trên cùng"
                   + (f" (hiển thị {len(queue)} báo cáo đầu)" if total > len(queue) else "")
                   + ". Chọn một dòng để xem và duyệt.")
        table = [{"Gửi lúc": fmt_datetime(q.submitted_at), "Đơn vị": q.unit, "Văn bản": q.number_symbol,
                  "Nội dung nhiệm vụ": q.content, "Hạn xử lý": fmt_date(q.deadline) if q.deadline else "Dài hạn",
                  "Nếu duyệt đạt": q.would_be.label if q.would_be else "", "Lần thứ": q.previous_rejections + 1,
                  "Hạn duyệt": fmt_date(q.review_due_on) if q.review_due_on else ""}
                 for q in queue]
        event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                             selection_mode="single-row", key=_table_key("dbc-bang", [q.report_id for q in queue]),
                             column_config={
                                 "Gửi lúc": st.column_config.TextColumn(width=116),
                                 "Đơn vị": st.column_config.TextColumn(width=150),
                                 "Văn bản": st.column_config.TextColumn(width=104),
                                 "Nội dung nhiệm vụ": st.column_config.TextColumn(width=250),
                                 "Hạn xử lý": st.column_config.TextColumn(width=84),
                                 "Nếu duyệt đạt": st.column_config.TextColumn(
                                     width=104, help="Kết quả thời hạn nếu báo cáo này được xác nhận đạt: tính theo "
                                                    "thời điểm đơn vị gửi báo cáo."),
                                 "Lần thứ": st.column_config.NumberColumn(
                                     width=64, help="Lần báo cáo thứ mấy của nhiệm vụ (các lần trước không đạt)."),
                                 "Hạn duyệt": st.column_config.TextColumn(
                                     width=84, help="Văn phòng kiểm tra, xác nhận ngay trong ngày làm việc; báo cáo "
                                                    "gửi sau 15 giờ: ngày làm việc tiếp theo (Quy chế kèm Quyết định "
                                                    "1298/QĐ-UBND-HC, Điều 6.4)."),
                             })
        picked = queue[event.selection.rows[0]] if event and event.selection.rows else None
        if picked is None:
            st.info("Chọn một báo cáo trong bảng để xem nhiệm vụ, văn bản, lịch sử và xác nhận đạt hoặc không đạt.")
        elif (detail := _load_detail(picked.task_id)) is not None:
            report = next((r for r in detail.reports if r.id == picked.report_id), None)
            left, right = st.columns([1.15, 1], gap="large")
            with left:
                st.subheader("Nhiệm vụ")
                task_card(detail, actor, key="dbc-nv")
                st.markdown("**Văn bản giao nhiệm vụ**")
                document_card(detail, actor, key="dbc-vb")
                task_link(detail.row.id)
            with right:
                st.subheader("Báo cáo chờ duyệt")
                if report is not None:
                    report_block(report, actor, key="dbc-bc", title=f"Báo cáo lần {picked.previous_rejections + 1}")
                if picked.would_be:
                    st.caption(f"Nếu xác nhận đạt, nhiệm vụ được tính là **{picked.would_be.label.lower()}** "
                               f"(báo cáo gửi ngày {fmt_date(picked.submitted_at)}, hạn {fmt_date(picked.deadline)}).")
                if picked.review_note:
                    late = picked.review_due_on is not None and today > picked.review_due_on
                    st.caption(f":red[Hạn duyệt: {picked.review_note}.]" if late
                               else f"Hạn duyệt: {picked.review_note}.")
                with st.form(f"dat-{picked.report_id}", clear_on_submit=False):
                    st.text_input("Nhận xét (không bắt buộc)", key=f"dbc-nhan-xet-{picked.report_id}")
                    submit_button("Đạt", type="primary", icon=":material/check:", key="dbc-dat",
                                  on_click=_decide, args=(True, picked))
                with st.form(f"khong-dat-{picked.report_id}", clear_on_submit=False):
                    st.text_area("Lý do không đạt *", key=f"dbc-ly-do-{picked.report_id}", height=80,
                                 placeholder="Nêu rõ nội dung đơn vị cần bổ sung, hoàn thiện")
                    submit_button("Không đạt", icon=":material/close:", key="dbc-khong-dat",
                                  on_click=_decide, args=(False, picked))
                earlier = [r for r in detail.reports if r.id != picked.report_id]
                if earlier:
                    with st.expander(f"Các báo cáo trước ({len(earlier)})"):
                        for r in reversed(earlier):
                            report_block(r, actor, key=f"dbc-truoc-{r.id}")
            st.subheader("Lịch sử nhiệm vụ")
            history_table(detail.history, actor, key="dbc-ls")

# ---------------------------------------------------------------- tasks returned by their unit
with returned_tab:
    with db() as session:
        returned, returned_total = task_queries.list_tasks(session, actor, TaskFilter(statuses=[TaskStatus.RETURNED]),
                                                           today=today, order="newest")
        unit_rows = units.units_in(session, None)
    names = {r.id: unit_label(r, indent=False) for r in unit_rows}
    if not returned:
        st.success("Không có nhiệm vụ nào bị đơn vị trả lại.", icon=":material/task_alt:")
    else:
        st.caption(f"{returned_total} nhiệm vụ đơn vị trả lại Văn phòng (không thuộc chức năng, nhiệm vụ của đơn vị "
                   "hoặc nội dung chưa chính xác). Chọn một dòng để giao lại hoặc điều chỉnh nội dung.")
        table = [{"Văn bản": r.number_symbol, "Ngày ban hành": fmt_date(r.issued_on), "Nội dung nhiệm vụ": r.content,
                  "Đơn vị trả lại": r.lead_unit, "Hạn xử lý": fmt_date(r.deadline) if r.deadline else "Dài hạn",
                  "Người theo dõi": r.follower or ""} for r in returned]
        event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                             selection_mode="single-row", key=_table_key("tl-bang", [r.id for r in returned]),
                             column_config={"Văn bản": st.column_config.TextColumn(width=120),
                                            "Ngày ban hành": st.column_config.TextColumn(width=96),
                                            "Nội dung nhiệm vụ": st.column_config.TextColumn(width=250),
                                            "Đơn vị trả lại": st.column_config.TextColumn(width=140),
                                            "Hạn xử lý": st.column_config.TextColumn(width=84),
                                            "Người theo dõi": st.column_config.TextColumn(width=130)})
        chosen = returned[event.selection.rows[0]] if event and event.selection.rows else None
        if chosen is not None and (detail := _load_detail(chosen.id)) is not None:
            reason_given = last_event_text(detail.history, TaskEventKind.RETURNED)
            st.warning(f"**Lý do {chosen.lead_unit} trả lại:** {reason_given or vi.NONE}",
                       icon=":material/assignment_return:")
            left, right = st.columns([1.15, 1], gap="large")
            with left:
                task_card(detail, actor, key="tl-nv")
                document_card(detail, actor, key="tl-vb")
                task_link(detail.row.id)
            with right:
                reassign_tab, correct_tab = outcome.tabs(["Giao lại đơn vị", "Điều chỉnh nội dung"],
                                                         {"Giao lại đơn vị": ["tl-giao-lai"],
                                                          "Điều chỉnh nội dung": ["tl-dieu-chinh"]})
                with reassign_tab, st.form(f"giao-lai-{chosen.id}"):
                    current_co = [u for u, _ in detail.co_units if u in names]
                    lead_id = unit_select("Đơn vị chủ trì mới *", unit_rows, key=f"tl-chu-tri-{chosen.id}",
                                          allow_none=True, none_label="— chọn đơn vị —")
                    co_ids = st.multiselect("Đơn vị phối hợp", list(names), default=current_co,
                                            format_func=lambda u: names[u], key=f"tl-phoi-hop-{chosen.id}",
                                            placeholder="Chọn các đơn vị phối hợp (nếu có)")
                    why = st.text_area("Lý do giao lại *", key=f"tl-ly-do-gl-{chosen.id}", height=68)
                    if submit_button("Giao lại", type="primary", icon=":material/forward:", key="tl-giao-lai"):
                        def reassign() -> None:
                            if lead_id is None:
                                raise ValidationError(vi.ERR_REQUIRED.format(field="đơn vị chủ trì mới"))
                            with db() as session:
                                tasks.reassign(session, actor, chosen.id, chosen.version, lead_unit_id=lead_id,
                                               co_unit_ids=list(co_ids), reason=why)
                        attempt(reassign, f"Đã giao lại nhiệm vụ cho {names.get(lead_id, '')}.")
                with correct_tab, st.form(f"dieu-chinh-{chosen.id}"):
                    content = st.text_area("Nội dung nhiệm vụ *", value=chosen.content, key=f"tl-noi-dung-{chosen.id}",
                                           height=110)
                    why = st.text_area("Lý do điều chỉnh *", key=f"tl-ly-do-dc-{chosen.id}", height=68)
                    if submit_button("Lưu nội dung mới", type="primary", icon=":material/edit:",
                                             key="tl-dieu-chinh"):
                        def correct() -> None:
                            with db() as session:
                                tasks.correct_task(session, actor, chosen.id, chosen.version, content=content,
                                                   reason=why)
                        attempt(correct, "Đã điều chỉnh nội dung; nhiệm vụ được giao lại cho "
                                         f"{chosen.lead_unit} như nhiệm vụ mới.")
            st.subheader("Lịch sử nhiệm vụ")
            history_table(detail.history, actor, key="tl-ls")

    st.divider()
    with outcome.expander("Điều chỉnh thời hạn của một nhiệm vụ đang thực hiện", "dth-luu",
                          icon=":material/event_repeat:"):
        search = st.text_input("Tìm nhiệm vụ (nội dung, số ký hiệu hoặc trích yếu văn bản)", key="dth-tim",
                               placeholder="ví dụ: giai ngan hoặc 125/UBND-KT")
        if search.strip():
            with db() as session:
                found, found_total = task_queries.list_tasks(session, actor, TaskFilter(statuses=OPEN, text=search),
                                                             limit=50, today=today)
            if not found:
                st.info("Không tìm thấy nhiệm vụ đang thực hiện nào phù hợp.")
            else:
                by_id = {r.id: r for r in found}
                task_id = st.selectbox(
                    f"Nhiệm vụ ({found_total} nhiệm vụ phù hợp" + (", hiển thị 50 đầu)" if found_total > 50 else ")"),
                    list(by_id), key="dth-chon", placeholder=vi.CHOOSE,
                    format_func=lambda i: f"{by_id[i].number_symbol} — {by_id[i].content[:90]} — {by_id[i].lead_unit}"
                                          f" (hạn {fmt_date(by_id[i].deadline) if by_id[i].deadline else 'dài hạn'})")
                target = by_id[task_id]
                with st.form(f"doi-han-{target.id}"):
                    c1, c2 = st.columns([1, 2])
                    with c1:
                        st.caption(f"Hạn hiện tại: **{fmt_date(target.deadline) if target.deadline else 'Dài hạn'}**")
                        new_deadline = date_input("Thời hạn mới *", value=target.deadline or today,
                                                  key=f"dth-han-{target.id}")
                    why = c2.text_area("Lý do điều chỉnh thời hạn *", key=f"dth-ly-do-{target.id}", height=90,
                                       placeholder="ví dụ: Theo Công văn số 45/UBND-KT ngày … của Chủ tịch UBND tỉnh")
                    if submit_button("Lưu thời hạn mới", type="primary", key="dth-luu"):
                        def change() -> None:
                            with db() as session:
                                tasks.change_deadline(session, actor, target.id, target.version,
                                                      new_deadline=new_deadline, reason=why)
                        attempt(change, f"Đã đổi thời hạn nhiệm vụ thành {fmt_date(new_deadline)}; "
                                        "lịch sử thay đổi được lưu.")
        else:
            st.caption("Gõ từ khóa để tìm nhiệm vụ cần điều chỉnh thời hạn. Mỗi lần điều chỉnh được ghi vào lịch sử "
                       "nhiệm vụ cùng lý do.")
