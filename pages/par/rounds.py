"""Đợt đánh giá CCHC: the PAR administrator opens a year's round for chosen units, names who appraises and who
approves each field, enters the other score components, publishes the results and closes the round."""
from collections import Counter
from datetime import timedelta

import pandas as pd
import streamlit as st

from lib.core.calendar import local_today
from lib.par.enums import ParAssessmentStatus, ParMemberKind, ParRoundStatus, ParUnitGroup
from lib.core.format import fmt_date, fmt_decimal
from lib.par import catalogue as par_catalogue, results as par_results, rounds as par_rounds
from lib.par.catalogue import ImportRefused
from lib.par.rounds import RoundInput
from lib.ui.guard import require_page
from lib.ui.outcome import action_button, submit_button
from lib.par.admin_ui import error_table, excel_download, late_text, refused_message, stage_points, xlsx_uploader
from lib.ui.session import db
from lib.ui.widgets import attempt, date_input, flash, show_flash

actor = require_page("par_rounds")
st.title("Đợt đánh giá CCHC")
show_flash()
today = local_today()
NEW = "dot-moi-lan"          # bumped after a round is created: the next form starts empty
PICK = "dot-chon"


def K(name: str) -> str:  # noqa: N802
    return f"{name}.{st.session_state.get(NEW, 0)}"


with db() as session:
    all_rounds = par_rounds.rounds(session)
    statuses = {r.id: Counter(a.status for a in par_rounds.assessments_of(session, r.id)) for r in all_rounds}
    late = {r.id: sum(a.submitted_late for a in par_rounds.assessments_of(session, r.id)) for r in all_rounds}
    assessable = par_rounds.assessable_units(session)
group_of = {u.id: par_rounds.group_of(u) for u in assessable}
unit_names = {u.id: u.name for u in assessable}
by_group = {g: [u.id for u in assessable if group_of[u.id] == g] for g in ParUnitGroup}


def publication(r) -> str:  # noqa: ANN001
    if r.published_to_public:
        return "Lãnh đạo, công khai"
    return "Lãnh đạo" if r.published_to_leaders else "Chưa công bố"


st.subheader("Các đợt đánh giá")
if not all_rounds:
    st.info("Chưa có đợt đánh giá nào. Tạo đợt đầu tiên ở phần dưới.")
else:
    st.dataframe(pd.DataFrame([{
        "Năm": str(r.year), "Đợt đánh giá": r.name, "Hạn tự đánh giá": fmt_date(r.self_deadline),
        "Trạng thái": r.status.label, "Số đơn vị": sum(statuses[r.id].values()),
        "Đang tự đánh giá": statuses[r.id][ParAssessmentStatus.DRAFT],
        "Đang thẩm định": statuses[r.id][ParAssessmentStatus.SUBMITTED],
        "Đã phê duyệt": statuses[r.id][ParAssessmentStatus.FINAL], "Nộp muộn": late[r.id],
        "Công bố": publication(r)} for r in all_rounds]), hide_index=True, width="stretch",
        column_config={"Năm": st.column_config.TextColumn(width=48),
                       "Đợt đánh giá": st.column_config.TextColumn(width=210),
                       "Hạn tự đánh giá": st.column_config.TextColumn("Hạn tự ĐG", width=88,
                                                                      help="Hạn nộp kết quả tự đánh giá"),
                       "Trạng thái": st.column_config.TextColumn(width=112),
                       "Số đơn vị": st.column_config.NumberColumn("Đơn vị", width=56, help="Số đơn vị tham gia"),
                       "Đang tự đánh giá": st.column_config.NumberColumn("Tự ĐG", width=56,
                                                                         help="Đơn vị đang tự đánh giá"),
                       "Đang thẩm định": st.column_config.NumberColumn("Thẩm định", width=74,
                                                                       help="Đã nộp, đang thẩm định, phê duyệt"),
                       "Đã phê duyệt": st.column_config.NumberColumn("Phê duyệt", width=74,
                                                                     help="Hội đồng đã phê duyệt toàn bộ"),
                       "Nộp muộn": st.column_config.NumberColumn("Muộn", width=52, help="Số đơn vị nộp muộn"),
                       "Công bố": st.column_config.TextColumn(width=130)})


# ---------------------------------------------------------------- a new round

def choose_all(key: str, ids: list[int]) -> None:
    st.session_state[key] = list(ids)


GROUP_WORDS = {ParUnitGroup.DEPARTMENT: "sở, ban, ngành", ParUnitGroup.DISTRICT: "UBND cấp huyện",
               ParUnitGroup.COMMUNE: "UBND cấp xã"}
GROUP_KEYS = {ParUnitGroup.DEPARTMENT: "so", ParUnitGroup.DISTRICT: "huyen", ParUnitGroup.COMMUNE: "xa"}

with st.expander("Tạo đợt đánh giá mới", expanded=not all_rounds, icon=":material/add:"):
    group_keys = {g: K(f"dot-moi-{GROUP_KEYS[g]}") for g in ParUnitGroup}
    buttons = st.columns(len(ParUnitGroup) + 1)
    for col, group in zip(buttons, ParUnitGroup):
        col.button(f"Chọn tất cả {GROUP_WORDS[group]}", key=f"dot-moi-tat-ca-{GROUP_KEYS[group]}", on_click=choose_all,
                   args=(group_keys[group], by_group[group]), width="stretch", disabled=not by_group[group])
    buttons[-1].button("Bỏ chọn tất cả", key="dot-moi-bo-chon", width="stretch",
                       on_click=lambda: [choose_all(k, []) for k in group_keys.values()])
    with st.form("dot-moi", enter_to_submit=False):
        c1, c2 = st.columns([1, 4])
        year = c1.number_input("Năm đánh giá *", min_value=2000, max_value=today.year + 5, value=today.year,
                               step=1, key=K("dot-moi-nam"))
        name = c2.text_input("Tên đợt đánh giá *", key=K("dot-moi-ten"),
                             placeholder=f"ví dụ: Xác định Chỉ số CCHC năm {today.year}")
        d1, d2, d3 = st.columns(3)
        with d1:
            deadline = date_input("Hạn nộp tự đánh giá *", value=today + timedelta(days=30), key=K("dot-moi-han"))
        with d2:
            appraisal_deadline = date_input("Hạn thẩm định", value=None, key=K("dot-moi-han-td"),
                                            help="Tổ giúp việc hoàn thành thẩm định các lĩnh vực (Điều 7 khoản 3).")
        with d3:
            council_deadline = date_input("Hạn Hội đồng phê duyệt", value=None, key=K("dot-moi-han-hd"),
                                          help="Hội đồng thẩm định phê duyệt kết quả (Điều 7 khoản 4).")
        chosen_units: list[int] = []
        for group in ParUnitGroup:
            chosen_units += st.multiselect(f"{group.label} ({len(by_group[group])})", by_group[group],
                                           format_func=unit_names.get, key=group_keys[group],
                                           placeholder=f"Chọn {GROUP_WORDS[group]} được đánh giá")
        st.caption("Mỗi nhóm đơn vị (sở, ban, ngành; UBND cấp huyện; UBND cấp xã) được chấm theo bộ tiêu chí riêng "
                   "của nhóm trong năm đánh giá và xếp hạng riêng; bộ tiêu chí phải đủ 100 điểm và không còn lỗi.")
        created = submit_button("Tạo đợt đánh giá", type="primary", icon=":material/save:", key="dot-moi-luu")
    if created:
        data = RoundInput(int(year), name, deadline, chosen_units, appraisal_deadline, council_deadline)

        def create() -> int:
            with db() as session:
                return par_rounds.create_round(session, actor, data)

        new_id = attempt(create, rerun=False)
        if new_id is not None:
            flash(f"Đã tạo đợt «{name.strip()}» với {len(data.unit_ids)} đơn vị; hạn tự đánh giá "
                  f"{fmt_date(deadline)}.")
            st.session_state[NEW] = st.session_state.get(NEW, 0) + 1
            st.session_state["dot-moi-tao"] = new_id
            st.rerun()

if not all_rounds:
    st.stop()

# ---------------------------------------------------------------- the chosen round

st.divider()
if "dot-moi-tao" in st.session_state:
    st.session_state[PICK] = st.session_state.pop("dot-moi-tao")
by_id = {r.id: r for r in all_rounds}
round_id = st.selectbox("Đợt đánh giá", list(by_id), key=PICK,
                        format_func=lambda i: f"{by_id[i].name} (năm {by_id[i].year}) — {by_id[i].status.label}")

with db() as session:
    current = par_rounds.get_round(session, round_id)
    result = par_results.results(session, actor, round_id)
    chosen = par_rounds.members(session, round_id)
    assessors = {a.id: a.full_name for a in par_rounds.eligible_members(session, ParMemberKind.ASSESSOR)}
    councillors = {a.id: a.full_name for a in par_rounds.eligible_members(session, ParMemberKind.COUNCIL)}
    components = list(current.components)
    scores = {c.id: par_rounds.component_scores(session, c.id) for c in components}
    field_names: dict[str, str] = {}
    for g in sorted({ParUnitGroup(x) for x in result.table["group"]}):
        for node in par_catalogue.fields_of(par_catalogue.tree(session, current.year, g)):
            field_names.setdefault(node.code, node.name)
is_open = current.status == ParRoundStatus.OPEN
table = result.table
count = Counter(ParAssessmentStatus(s) for s in table["status"])

m = st.columns(5)
m[0].metric("Đơn vị tham gia", len(table))
m[1].metric("Đang tự đánh giá", count[ParAssessmentStatus.DRAFT])
m[2].metric("Đang thẩm định", count[ParAssessmentStatus.SUBMITTED])
m[3].metric("Đã phê duyệt", count[ParAssessmentStatus.FINAL])
m[4].metric("Nộp muộn", int(table["late"].sum()) if len(table) else 0)
st.caption(f"Hạn tự đánh giá: {fmt_date(current.self_deadline)} · Hạn thẩm định: "
           f"{fmt_date(current.appraisal_deadline) or 'chưa đặt'} · Hạn Hội đồng phê duyệt: "
           f"{fmt_date(current.council_deadline) or 'chưa đặt'} · {current.status.label} · Công bố: "
           f"{publication(current).lower()}")
if not is_open:
    st.info(f"Đợt «{current.name}» đã kết thúc; dữ liệu của đợt không còn được thay đổi, chỉ còn điều chỉnh "
            "việc công bố kết quả.", icon=":material/lock:")

tabs = st.tabs(["Đơn vị", "Thông tin đợt", "Thành viên thẩm định", "Thành phần điểm khác", "Công bố, kết thúc"])

with tabs[0]:
    st.dataframe(pd.DataFrame([{
        "Đơn vị": r["unit"], "Nhóm": ParUnitGroup(r["group"]).label,
        "Tình trạng": ParAssessmentStatus(r["status"]).label, "Nộp muộn": late_text(r["late"]),
        "Tự đánh giá": stage_points(r, "self"), "Phê duyệt": stage_points(r, "final")}
        for r in table.sort_values("unit").to_dict("records")],
        columns=["Đơn vị", "Nhóm", "Tình trạng", "Nộp muộn", "Tự đánh giá", "Phê duyệt"]),
        hide_index=True, width="stretch",
        column_config={"Đơn vị": st.column_config.TextColumn(width=240),
                       "Nhóm": st.column_config.TextColumn(width=160),
                       "Tình trạng": st.column_config.TextColumn(width=180),
                       "Nộp muộn": st.column_config.TextColumn("Muộn", width=56, help="Nộp tự đánh giá sau hạn"),
                       "Tự đánh giá": st.column_config.TextColumn("Tự ĐG", width=70, alignment="right",
                                                                  help="Tổng điểm tự đánh giá"),
                       "Phê duyệt": st.column_config.TextColumn(width=80, alignment="right",
                                                                help="Tổng điểm Hội đồng phê duyệt (đến nay)")})
    if is_open:
        taking = set(table["unit_id"])
        free = [u for g in ParUnitGroup for u in by_group[g] if u not in taking]
        with st.form(f"dot-them-dv-{round_id}", enter_to_submit=False):
            added = st.multiselect("Thêm đơn vị vào đợt", free, key=f"dot-them-dv-chon-{round_id}",
                                   format_func=lambda u: f"{unit_names[u]} ({group_of[u].label})",
                                   placeholder="Chọn đơn vị chưa có trong đợt")
            submitted = submit_button("Thêm đơn vị", icon=":material/add:", key="dot-them-dv-luu")
        if submitted:
            def add_units() -> None:
                with db() as session:
                    par_rounds.add_units(session, actor, round_id, list(added))

            attempt(add_units, f"Đã thêm {len(added)} đơn vị vào đợt «{current.name}».")

with tabs[1]:
    with st.form(f"dot-sua-{round_id}", enter_to_submit=False):
        new_name = st.text_input("Tên đợt đánh giá *", value=current.name, key=f"dot-sua-ten-{round_id}",
                                 disabled=not is_open)
        d1, d2, d3 = st.columns(3)
        with d1:
            new_deadline = date_input("Hạn nộp tự đánh giá *", value=current.self_deadline,
                                      key=f"dot-sua-han-{round_id}", disabled=not is_open)
        with d2:
            new_appraisal = date_input("Hạn thẩm định", value=current.appraisal_deadline,
                                       key=f"dot-sua-han-td-{round_id}", disabled=not is_open,
                                       help="Tổ giúp việc hoàn thành thẩm định các lĩnh vực (Điều 7 khoản 3).")
        with d3:
            new_council = date_input("Hạn Hội đồng phê duyệt", value=current.council_deadline,
                                     key=f"dot-sua-han-hd-{round_id}", disabled=not is_open,
                                     help="Hội đồng thẩm định phê duyệt kết quả (Điều 7 khoản 4).")
        submitted = submit_button("Lưu thông tin đợt", icon=":material/save:", key="dot-sua-luu",
                                  disabled=not is_open)
    if submitted:
        def update() -> None:
            with db() as session:
                par_rounds.update_round(session, actor, round_id, name=new_name, self_deadline=new_deadline,
                                        appraisal_deadline=new_appraisal, council_deadline=new_council)

        attempt(update, f"Đã lưu đợt «{new_name.strip()}», hạn tự đánh giá {fmt_date(new_deadline)}.")

with tabs[2]:
    if not field_names:
        st.info("Đợt chưa có đơn vị nào nên chưa có lĩnh vực để phân công.")
    else:
        st.caption("Mỗi lĩnh vực: thành viên Tổ giúp việc thẩm định và thành viên Hội đồng thẩm định phê duyệt. "
                   "Danh sách gồm các tài khoản có vai trò tương ứng.")
        picks: dict[tuple[str, ParMemberKind], list[int]] = {}
        with st.form(f"dot-tv-{round_id}", enter_to_submit=False):
            for code, field_name in sorted(field_names.items(), key=lambda kv: par_catalogue.sort_key(kv[0])):
                st.markdown(f"**Lĩnh vực {code}.** {field_name}")
                c1, c2 = st.columns(2)
                for col, kind, people in ((c1, ParMemberKind.ASSESSOR, assessors),
                                          (c2, ParMemberKind.COUNCIL, councillors)):
                    current_ids = [i for i in chosen.get((code, kind), []) if i in people]
                    picks[(code, kind)] = col.multiselect(
                        "Tổ giúp việc" if kind == ParMemberKind.ASSESSOR else "Hội đồng thẩm định",
                        list(people), default=current_ids, format_func=people.get,
                        key=f"dot-tv-{round_id}-{code}-{kind.value}", disabled=not is_open,
                        placeholder="Chọn thành viên")
            submitted = submit_button("Lưu phân công", type="primary", icon=":material/save:",
                                      key="dot-tv-luu", disabled=not is_open)
        if submitted:
            def save_members() -> None:
                with db() as session:
                    for (code, kind), ids in picks.items():
                        par_rounds.set_members(session, actor, round_id, code, kind, list(ids))

            attempt(save_members, f"Đã lưu phân công thành viên thẩm định của đợt «{current.name}».")

with tabs[3]:
    st.caption("Các thành phần điểm ngoài tự đánh giá (ví dụ điều tra xã hội học), cộng vào tổng điểm để xếp hạng.")
    if components:
        st.dataframe(pd.DataFrame([{"Thành phần điểm": c.name, "Điểm tối đa": fmt_decimal(c.max_score),
                                    "Đã nhập điểm": f"{len(scores[c.id])}/{len(table)} đơn vị"} for c in components]),
                     hide_index=True, width="stretch", key="dot-tp-bang")
    if is_open:
        with st.form(f"dot-tp-moi-{round_id}", clear_on_submit=True, enter_to_submit=False):
            c1, c2 = st.columns([3, 1])
            comp_name = c1.text_input("Tên thành phần điểm *", key="dot-tp-ten",
                                      placeholder="ví dụ: Điều tra xã hội học")
            comp_max = c2.text_input("Điểm tối đa *", key="dot-tp-max", placeholder="ví dụ: 10")
            submitted = submit_button("Thêm thành phần điểm", icon=":material/add:", key="dot-tp-them")
        if submitted:
            def add_component() -> None:
                with db() as session:
                    par_rounds.add_component(session, actor, round_id, comp_name, comp_max)

            attempt(add_component, f"Đã thêm thành phần điểm «{comp_name.strip()}».")
    if components and len(table):
        by_comp = {c.id: c for c in components}
        comp_id = st.selectbox("Nhập điểm thành phần", list(by_comp), key=f"dot-tp-chon-{round_id}",
                               format_func=lambda i: f"{by_comp[i].name} (tối đa {fmt_decimal(by_comp[i].max_score)})")
        component = by_comp[comp_id]
        ordered = table.sort_values("unit")
        unit_ids = [int(u) for u in ordered["unit_id"]]
        frame = pd.DataFrame({"Đơn vị": list(ordered["unit"]),
                              "Điểm": [fmt_decimal(scores[comp_id][u]) if u in scores[comp_id] else ""
                                       for u in unit_ids]})
        enter_tab, excel_tab = st.tabs(["Nhập trên bảng", "Nhập từ Excel"])
        with enter_tab:
            with st.form(f"dot-tp-diem-{comp_id}", enter_to_submit=False):
                edited = st.data_editor(frame, hide_index=True, width="stretch", disabled=["Đơn vị"] if is_open
                                        else True, key=f"dot-tp-bang-diem-{comp_id}",
                                        column_config={"Đơn vị": st.column_config.TextColumn(width=320),
                                                       "Điểm": st.column_config.TextColumn(
                                                           width=110, help=f"Từ 0 đến "
                                                           f"{fmt_decimal(component.max_score)}; dùng dấu phẩy "
                                                           "cho số thập phân, ví dụ 8,5.")})
                submitted = submit_button("Lưu điểm", type="primary", icon=":material/save:",
                                          key="dot-tp-luu", disabled=not is_open)
            if submitted:
                values = {u: str(v or "").strip() for u, v in zip(unit_ids, edited["Điểm"])}

                def save_scores() -> None:
                    with db() as session:
                        par_rounds.set_component_scores(session, actor, comp_id, values)

                attempt(save_scores, f"Đã lưu điểm «{component.name}» của các đơn vị.")
        with excel_tab:
            def template() -> bytes:
                with db() as session:
                    return par_rounds.component_template(session, comp_id)

            excel_download("Tải tệp mẫu (.xlsx)", template, f"diem-thanh-phan-{current.year}-{comp_id}.xlsx",
                           key="dot-tp-mau")
            if is_open:
                st.caption("Điền cột «Điểm» cho từng đơn vị rồi tải lên; mọi dòng được kiểm tra, chỉ khi tất cả hợp "
                           "lệ mới lưu.")
                generation = st.session_state.get("dot-tp-tep-lan", 0)
                workbook = xlsx_uploader("Tệp điểm đã điền (.xlsx)", key=f"dot-tp-tep-{comp_id}.{generation}")
                if action_button("Kiểm tra và nhập", type="primary", icon=":material/upload_file:", key="dot-tp-nhap",
                                 disabled=workbook is None):
                    def run_import() -> int | list:
                        try:
                            with db() as session:
                                return par_rounds.import_component_scores(session, actor, comp_id,
                                                                          workbook.getvalue())
                        except ImportRefused as refused:
                            return refused.errors

                    outcome = attempt(run_import, rerun=False)
                    if isinstance(outcome, list):
                        st.error(refused_message(len(outcome)), icon=":material/error:")
                        error_table(outcome, key="dot-tp-loi")
                    elif outcome is not None:
                        flash(f"Đã nhập điểm «{component.name}» của {outcome} đơn vị từ tệp «{workbook.name}».")
                        st.session_state["dot-tp-tep-lan"] = generation + 1
                        st.rerun()

with tabs[4]:
    st.markdown("**Công bố kết quả**")
    with st.form(f"dot-cong-bo-{round_id}", enter_to_submit=False):
        leaders = st.checkbox("Công bố cho lãnh đạo UBND tỉnh", value=current.published_to_leaders,
                              key=f"dot-cb-ld-{round_id}")
        public = st.checkbox("Công khai trên trang công bố kết quả (không cần đăng nhập)",
                             value=current.published_to_public, key=f"dot-cb-ck-{round_id}",
                             help="Trang công khai chỉ hiện tổng điểm, tỷ lệ và xếp loại; công khai thì lãnh đạo "
                                  "cũng được xem.")
        submitted = submit_button("Lưu công bố", icon=":material/campaign:", key="dot-cb-luu")
    if submitted:
        def save_publication() -> None:
            with db() as session:
                par_rounds.publish(session, actor, round_id, to_leaders=leaders, to_public=public)

        shown = ("đã công khai" if public else "đã công bố cho lãnh đạo" if leaders else "chưa công bố")
        attempt(save_publication, f"Kết quả đợt «{current.name}»: {shown}.")

    st.markdown("**Kết thúc đợt đánh giá**")
    if is_open:
        unfinished = len(table) - count[ParAssessmentStatus.FINAL]
        st.caption("Sau khi kết thúc, không ai sửa được điểm, thành viên hay thành phần điểm của đợt; bộ tiêu chí năm "
                   f"{current.year} được mở khóa."
                   + (f" Còn {unfinished} đơn vị chưa được Hội đồng phê duyệt toàn bộ." if unfinished else ""))
        confirm = st.checkbox(f"Tôi xác nhận kết thúc đợt «{current.name}»", key=f"dot-ket-thuc-xn-{round_id}")
        if action_button("Kết thúc đợt đánh giá", icon=":material/event_busy:", disabled=not confirm,
                         key="dot-ket-thuc"):
            def close() -> None:
                with db() as session:
                    par_rounds.close_round(session, actor, round_id)

            attempt(close, f"Đã kết thúc đợt «{current.name}».")
    else:
        st.caption("Đợt đã kết thúc.")
