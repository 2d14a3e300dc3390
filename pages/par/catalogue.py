"""Bộ tiêu chí CCHC: the criteria tree of a year and kind of unit; the PAR administrator adds, corrects and removes
criteria, copies an earlier year, exports and imports Excel. Assessors and council members read it."""
from decimal import Decimal

import streamlit as st

from lib.core.calendar import local_today
from lib.par.enums import ParUnitGroup, ScoringMethod
from lib.core.enums import Role
from lib.core.format import fmt_decimal
from lib.par import catalogue as par_catalogue
from lib.par.catalogue import CriterionInput, ImportRefused
from lib.ui.guard import require_page
from lib.ui.outcome import action_button, submit_button
from lib.par.admin_ui import (TREE_COLUMNS, error_table, excel_download, levels_text, parse_levels, refused_message,
                              tree_frame, xlsx_uploader)
from lib.ui.session import db
from lib.ui.widgets import attempt, flash, selection_key, show_flash

actor = require_page("par_catalogue")
st.title("Bộ tiêu chí CCHC")
show_flash()
can_edit = actor.has(Role.PAR_ADMIN)
this_year = local_today().year
GROUP = "Nhóm (lĩnh vực, tiêu chí có tiêu chí con)"
METHODS = [None, ScoringMethod.RANGE, ScoringMethod.YES_NO, ScoringMethod.LEVELS]
METHOD_LABELS = {None: GROUP, ScoringMethod.RANGE: "Chấm trong khoảng, theo bước điểm",
                 ScoringMethod.YES_NO: "Có/Không (0 hoặc điểm tối đa)",
                 ScoringMethod.LEVELS: "Chọn một trong các mức điểm"}
LEVELS_HELP = ("Chỉ dùng với cách chấm «Chọn một trong các mức điểm»: mỗi dòng một mức «điểm: nhãn», tăng dần, "
               "từ 0 đến điểm tối đa, ví dụ\n\n0: Không thực hiện\n\n0,5: Thực hiện một phần\n\n1: Hoàn thành")

with db() as session:
    known_years = par_catalogue.years(session)
# the years with a tree, around this year, and the year after the latest tree (to start it by copying)
year_options = sorted(set(known_years) | {this_year - 1, this_year, this_year + 1,
                                          max(known_years, default=this_year) + 1}, reverse=True)
c1, c2 = st.columns([1, 2])
year = c1.selectbox("Năm", year_options, index=year_options.index(this_year), key="tc-nam")
group = c2.radio("Nhóm đơn vị", list(ParUnitGroup), format_func=lambda g: g.label, horizontal=True,
                 key="tc-nhom")

with db() as session:
    nodes = par_catalogue.tree(session, year, group)
    found = par_catalogue.problems(nodes)
    locked = par_catalogue.lock_reason(session, year, group)
    source_years = [y for y in par_catalogue.years(session)
                    if y != year and par_catalogue.tree(session, y, group)]

if locked:
    st.info(locked, icon=":material/lock:")
if not nodes:
    st.info(f"Chưa có bộ tiêu chí năm {year} ({group.label}).")
else:
    fields = par_catalogue.fields_of(nodes)
    scored = par_catalogue.leaves(nodes)
    total = sum((f.max_score for f in fields), Decimal(0))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Tổng điểm tối đa", fmt_decimal(total))
    m2.metric("Lĩnh vực", len(fields))
    m3.metric("Tiêu chí chấm điểm", len(scored))
    m4.metric("Bắt buộc tài liệu kiểm chứng", sum(1 for n in scored if n.evidence_required))
if found:
    st.warning("Bộ tiêu chí chưa dùng được cho đợt đánh giá:\n\n" + "\n".join(f"- {p}" for p in found),
               icon=":material/warning:")

selected = None
if nodes:
    ids = [n.id for n in nodes]
    event = st.dataframe(tree_frame(nodes), hide_index=True, width="stretch", height=min(36 + 35 * len(nodes), 560),
                         column_config=TREE_COLUMNS, on_select="rerun", selection_mode="single-row",
                         key=selection_key(f"tc-bang-{year}-{group.value}", ids))
    rows = event.selection.rows if event else []
    selected = nodes[rows[0]] if rows else None
    st.caption("Tổng cộng: " + " · ".join(f"Lĩnh vực {f.code}: {fmt_decimal(f.max_score)}" for f in fields)
               + f" · **{fmt_decimal(total)} điểm**. Chọn một dòng để xem hướng dẫn chấm"
               + (" và sửa, xóa tiêu chí." if can_edit else "."))
    if selected is not None:
        with st.container(border=True):
            st.markdown(f"**{selected.code}. {selected.name}** — tối đa {fmt_decimal(selected.max_score)} điểm")
            if selected.levels:
                st.markdown("Các mức điểm:\n\n" + "\n".join(
                    f"- {line}" for line in levels_text(selected.levels).splitlines()))
            st.caption(selected.guidance or "Chưa có hướng dẫn chấm điểm.")


def criterion_input(prefix: str, code: str, *, node=None) -> CriterionInput:  # noqa: ANN001
    """The fields of a criterion form (inside an st.form), prefilled from `node` when editing."""
    name = st.text_input("Tên tiêu chí *", value=node.name if node else "", key=f"{prefix}-ten")
    parent = node is not None and node.method is None
    if parent:
        st.caption(f"Điểm tối đa {fmt_decimal(node.max_score)} là tổng điểm các tiêu chí con; cách chấm đặt ở "
                   "từng tiêu chí con.")
        guidance = st.text_area("Hướng dẫn", value=node.guidance, key=f"{prefix}-hd", height=80)
        return CriterionInput(code, name, None, guidance)
    c1, c2, c3 = st.columns([1, 2, 1])
    maximum = c1.text_input("Điểm tối đa", value=fmt_decimal(node.max_score) if node else "",
                            key=f"{prefix}-max", placeholder="ví dụ: 0,5",
                            help="Không cần nhập với một nhóm: điểm tối đa là tổng các tiêu chí con.")
    options = METHODS if node is None else METHODS[1:]
    method = c2.selectbox("Cách chấm", options, format_func=METHOD_LABELS.get, key=f"{prefix}-cach",
                          index=options.index(node.method) if node else 0)
    step = c3.text_input("Bước điểm", value=fmt_decimal(node.step) if node and node.step else "",
                         key=f"{prefix}-buoc", placeholder="ví dụ: 0,25",
                         help="Chỉ dùng khi chấm trong khoảng; để trống là 1 điểm.")
    levels = st.text_area("Các mức điểm (mỗi dòng «điểm: nhãn»)", value=levels_text(node.levels) if node else "",
                          key=f"{prefix}-muc", height=90, help=LEVELS_HELP,
                          placeholder="0: Không thực hiện\n0,5: Thực hiện một phần\n1: Hoàn thành")
    evidence = st.checkbox("Bắt buộc tài liệu kiểm chứng", value=node.evidence_required if node else False,
                           key=f"{prefix}-tlkc")
    guidance = st.text_area("Hướng dẫn chấm điểm", value=node.guidance if node else "", key=f"{prefix}-hd",
                            height=80)
    return CriterionInput(code, name, maximum, guidance, method, step or None,
                          parse_levels(levels) if method == ScoringMethod.LEVELS else [], evidence)


def save(action, message: str) -> None:  # noqa: ANN001
    def run() -> None:
        with db() as session:
            action(session)

    attempt(run, message)


if not can_edit:
    st.caption("Bạn xem bộ tiêu chí ở chế độ chỉ đọc; Sở Nội vụ (quản trị Chỉ số CCHC) cập nhật bộ tiêu chí.")
    if nodes:
        def export_readonly() -> bytes:
            with db() as session:
                return par_catalogue.export_excel(session, year, group)

        excel_download("Tải bộ tiêu chí (Excel)", export_readonly, f"bo-tieu-chi-cchc-{year}-{group.value}.xlsx",
                       key="tc-xuat")
    st.stop()

tabs = st.tabs(["Thêm tiêu chí", "Sửa, xóa tiêu chí", "Sao chép từ năm trước", "Excel"])

with tabs[0]:
    st.caption("Mã theo cấp: lĩnh vực «3», tiêu chí «3.2», tiêu chí thành phần «3.2.1». Điểm tối đa của lĩnh vực, "
               "tiêu chí có tiêu chí con được tự động cộng từ các tiêu chí con.")
    with st.form("tc-them", enter_to_submit=False):
        code = st.text_input("Mã tiêu chí *", key="tc-them-ma", placeholder="ví dụ: 3.2.1")
        data = criterion_input("tc-them", code)
        submitted = submit_button("Thêm tiêu chí", type="primary", icon=":material/add:", key="tc-them-luu")
    if submitted:
        save(lambda s: par_catalogue.add_criterion(s, actor, year, group, data),
             f"Đã thêm tiêu chí {data.code.strip()} vào bộ tiêu chí năm {year} ({group.label}).")

with tabs[1]:
    if selected is None:
        st.info("Chọn một dòng trong bảng bộ tiêu chí để sửa hoặc xóa.")
    else:
        prefix = f"tc-sua-{selected.id}"
        st.caption("Tên và hướng dẫn luôn sửa được; điểm tối đa và cách chấm chỉ sửa được khi bộ tiêu chí chưa "
                   "dùng trong đợt đánh giá đang thực hiện.")
        with st.form(prefix, enter_to_submit=False):
            st.markdown(f"**Tiêu chí {selected.code}**")
            data = criterion_input(prefix, selected.code, node=selected)
            submitted = submit_button("Lưu thay đổi", type="primary", icon=":material/save:",
                                      key="tc-sua-luu")
        if submitted:
            save(lambda s: par_catalogue.update_criterion(s, actor, selected.id, data),
                 f"Đã lưu tiêu chí {selected.code}.")
        st.divider()
        confirm = st.checkbox(f"Tôi muốn xóa tiêu chí {selected.code} khỏi bộ tiêu chí", key=f"{prefix}-xac-nhan")
        if action_button(f"Xóa tiêu chí {selected.code}", icon=":material/delete:", disabled=not confirm,
                         key="tc-xoa"):
            save(lambda s: par_catalogue.delete_criterion(s, actor, selected.id),
                 f"Đã xóa tiêu chí {selected.code}.")

with tabs[2]:
    if nodes:
        st.info(f"Năm {year} đã có bộ tiêu chí ({group.label}); chỉ sao chép vào năm chưa có bộ tiêu chí.")
    elif not source_years:
        st.info(f"Chưa có bộ tiêu chí năm nào khác của nhóm {group.label} để sao chép.")
    else:
        with st.form("tc-sao-chep", enter_to_submit=False):
            source = st.selectbox("Sao chép từ bộ tiêu chí năm", source_years, key="tc-nguon")
            st.caption(f"Toàn bộ lĩnh vực, tiêu chí, điểm tối đa, cách chấm và hướng dẫn được chép sang năm {year}; "
                       "sau đó có thể sửa.")
            submitted = submit_button(f"Sao chép sang năm {year}", type="primary",
                                      icon=":material/content_copy:", key="tc-sao-chep-luu")
        if submitted:
            save(lambda s: par_catalogue.copy_tree(s, actor, source, year, group),
                 f"Đã sao chép bộ tiêu chí năm {source} sang năm {year} ({group.label}).")

with tabs[3]:
    if nodes:
        def export() -> bytes:
            with db() as session:
                return par_catalogue.export_excel(session, year, group)

        excel_download("Tải bộ tiêu chí (Excel)", export, f"bo-tieu-chi-cchc-{year}-{group.value}.xlsx",
                       key="tc-xuat")
    st.markdown(f"Nhập bộ tiêu chí năm {year} ({group.label}) từ tệp Excel cùng mẫu với tệp tải về: mỗi dòng một "
                "lĩnh vực, tiêu chí hoặc tiêu chí thành phần. Phần mềm kiểm tra **toàn bộ** tệp (mã, điểm tối đa "
                "bằng tổng các tiêu chí con, cách chấm); chỉ khi mọi dòng hợp lệ mới nhập"
                + (", và **thay thế** bộ tiêu chí hiện có của năm này." if nodes else "."))
    upload_generation = st.session_state.get("tc-tep-lan", 0)
    workbook = xlsx_uploader("Tệp bộ tiêu chí (.xlsx)", key=f"tc-tep.{upload_generation}")
    if action_button("Kiểm tra và nhập", type="primary", icon=":material/upload_file:", key="tc-nhap",
                     disabled=workbook is None):
        def run_import() -> int | list:
            try:
                with db() as session:
                    return par_catalogue.import_excel(session, actor, year, group, workbook.getvalue())
            except ImportRefused as refused:
                return refused.errors

        result = attempt(run_import, rerun=False)
        if isinstance(result, list):
            st.error(refused_message(len(result)), icon=":material/error:")
            error_table(result, key="tc-loi")
        elif result is not None:
            flash(f"Đã nhập {result} dòng từ tệp «{workbook.name}» vào bộ tiêu chí năm {year} ({group.label}).")
            st.session_state["tc-tep-lan"] = upload_generation + 1
            st.rerun()
