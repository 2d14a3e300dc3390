"""Nhập văn bản chỉ đạo: the Office enters a directive document and its tasks (one form), or many from Excel."""
import streamlit as st

from lib.core import vi
from lib.core.calendar import local_today
from lib.tasks.enums import DocType, Urgency
from lib.core.enums import UnitKind
from lib.tasks import leaders, excel_import as task_import, queries as task_queries, workflow as tasks
from lib.core.services import settings, units
from lib.tasks.queries import TaskFilter
from lib.tasks.workflow import DocumentInput, TaskInput, Upload
from lib.ui.guard import require_page
from lib.ui.outcome import action_button, submit_button
from lib.ui.session import db
from lib.ui.widgets import attempt, file_input, flash, show_flash, unit_label, unit_select

actor = require_page("task_entry")
st.title("Nhập văn bản chỉ đạo")
show_flash()
today = local_today()
MAX_TASKS = 20
DEADLINE_MODES = {"date": "Theo ngày", "days": "Theo số ngày làm việc từ ngày ban hành",
                  "long": "Dài hạn (Chánh Văn phòng quyết định)"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

with db() as session:
    unit_rows = units.units_in(session, None)
    officers = dict(task_queries.office_officers(session))
    leader_labels = {r.id: r.label for r in leaders.list_leaders(session)}
    rules = tasks.deadline_rules(session)
    upload_mb = settings.get(session, "upload_max_mb")
root_id = next((r.id for r in unit_rows if r.kind == UnitKind.PEOPLES_COMMITTEE and r.parent_id is None), None)
names = {r.id: unit_label(r, indent=False) for r in unit_rows}
rule_text = ((f"trong {rules.entry_working_days} ngày làm việc kể từ ngày ban hành"
              if rules.by_working_days else
              f"trong ngày ban hành; văn bản ban hành sau {rules.cutoff:%H:%M} được cập nhật trong ngày làm việc "
              "tiếp theo")
             + "; văn bản khẩn, thượng khẩn, hỏa tốc cập nhật ngay trong ngày ban hành; không quá thời hạn thực hiện "
               "nhiệm vụ")

if not leader_labels:
    st.warning(vi.LEADER_LIST_EMPTY, icon=":material/warning:")

form_tab, excel_tab = st.tabs(["Nhập trên biểu mẫu", "Nhập từ Excel"])


GENERATION = "nhap-vb-lan"   # bumped after each saved document: new widget keys, so the next form starts empty


def K(name: str) -> str:  # noqa: N802
    """The widget key of the current form (a refused save keeps what was typed: same keys, same values)."""
    return f"{name}.{st.session_state.get(GENERATION, 0)}"


def _clear_form() -> None:
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _entry_message(detail, count: int) -> str:  # noqa: ANN001
    """«Đã lưu … Ban hành 02/12/2026 (khẩn) → hạn nhập 02/12/2026 (…); nhập 03/12/2026: chậm 1 ngày làm việc.»"""
    doc = detail.document
    number = f"số {doc.number_symbol}" if doc.number else "(không số)"
    return f"Đã lưu {doc.doc_type.label.lower()} {number} với {count} nhiệm vụ. {detail.entry_note}."


with form_tab:
    top1, top2 = st.columns([1, 3], vertical_alignment="bottom")
    count = int(top1.number_input("Số nhiệm vụ", min_value=1, max_value=MAX_TASKS, value=1, step=1, key="so-nv",
                                  help="Số nhiệm vụ mà văn bản giao; mỗi nhiệm vụ có đơn vị chủ trì và thời hạn "
                                       "riêng."))
    top2.caption(f"Quy định cập nhật: {rule_text}. Các trường có dấu * là bắt buộc. "
                 "Văn bản mật không được cập nhật vào phần mềm.")

    with st.form("nhap-van-ban", clear_on_submit=False, enter_to_submit=False):
        st.subheader("Văn bản chỉ đạo")
        c1, c2, c3 = st.columns([1.2, 1.2, 1])
        doc_type = c1.selectbox("Loại văn bản *", list(DocType), index=list(DocType).index(DocType.CONG_VAN),
                                format_func=lambda t: t.label, key=K("vb-loai"), placeholder=vi.CHOOSE)
        number_symbol = c2.text_input("Số, ký hiệu *", placeholder="1298/QĐ-UBND-HC", key=K("vb-so"),
                                      help="Theo Nghị định 30/2020/NĐ-CP, ví dụ 1298/QĐ-UBND-HC, 02/2020/QĐ-UBND, "
                                           "125/UBND-KT. Phiếu lấy ý kiến qua mạng không cần số, ký hiệu: để trống.")
        urgency = c3.selectbox("Độ khẩn", list(Urgency), format_func=lambda u: u.label, key=K("vb-khan"),
                               placeholder=vi.CHOOSE)
        summary = st.text_area("Trích yếu *", key=K("vb-trich-yeu"), height=68,
                               placeholder="ví dụ: Về việc triển khai Kế hoạch chuyển đổi số năm 2026")
        c1, c2, c3 = st.columns([1.2, 1.2, 1])
        issued_on = c1.date_input("Ngày ban hành *", value=today, max_value=today, format="DD/MM/YYYY",
                                  key=K("vb-ngay"))
        with c2:
            issuer_id = unit_select("Cơ quan ban hành *", unit_rows, key=K("vb-co-quan"), default_id=root_id)
        issued_time = c3.time_input("Giờ ban hành", value=None, step=300, key=K("vb-gio"),
                                    help=f"Không bắt buộc. Văn bản ban hành sau {rules.cutoff:%H:%M} được cập nhật "
                                         "vào ngày làm việc tiếp theo (trừ văn bản khẩn, hỏa tốc).")
        c1, c2, c3 = st.columns([1.2, 1.2, 1])
        leader_id = c1.selectbox("Người chỉ đạo *", list(leader_labels), format_func=leader_labels.get, index=None,
                                 key=K("vb-chi-dao"), placeholder="Chọn lãnh đạo chỉ đạo",
                                 help="Lãnh đạo UBND tỉnh chỉ đạo giao nhiệm vụ. Danh sách do Văn phòng cập nhật "
                                      "ở trang «Lãnh đạo chỉ đạo».")
        signer = c2.text_input("Người ký *", key=K("vb-nguoi-ky"), placeholder="ví dụ: Nguyễn Văn Thành")
        officer_ids = list(officers)
        drafter_id = c3.selectbox("Công chức soạn thảo, trình ký *", officer_ids, format_func=lambda i: officers[i],
                                  index=officer_ids.index(actor.id) if actor.id in officer_ids else None,
                                  key=K("vb-soan-thao"), placeholder=vi.CHOOSE,
                                  help="Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a.")
        c1, c2 = st.columns([2.4, 1])
        with c1:
            signed_file = file_input("Tệp văn bản đã ký, đóng dấu *", key=K("vb-tep"), max_mb=upload_mb,
                                     help="Bản có chữ ký số (Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a).")
        with c2:
            st.write("")
            classified = st.checkbox("Văn bản mật", key=K("vb-mat"),
                                     help="Văn bản mật không được cập nhật vào phần mềm (Quy chế, Điều 6).")
            doc_public = st.checkbox("Công khai trên trang công khai", value=True, key=K("vb-cong-khai"))

        st.subheader("Nhiệm vụ được giao")
        task_values = []
        for i in range(count):
            with st.container(border=True):
                st.markdown(f"**Nhiệm vụ {i + 1}**")
                content = st.text_area("Nội dung nhiệm vụ *", key=K(f"nv-{i}-noi-dung"), height=68,
                                       placeholder="Nội dung nhiệm vụ, công việc phải làm")
                c1, c2 = st.columns(2)
                with c1:
                    lead_id = unit_select("Đơn vị chủ trì *", unit_rows, key=K(f"nv-{i}-chu-tri"),
                                          allow_none=True, none_label="— chọn đơn vị —")
                co_ids = c2.multiselect("Đơn vị phối hợp", list(names), format_func=lambda u: names[u],
                                        key=K(f"nv-{i}-phoi-hop"), placeholder="Chọn các đơn vị phối hợp (nếu có)")
                c1, c2, c3 = st.columns([1.6, 1, 1])
                mode = c1.radio("Thời hạn *", list(DEADLINE_MODES), format_func=DEADLINE_MODES.get,
                                key=K(f"nv-{i}-kieu-han"))
                deadline = c2.date_input("Hạn xử lý (theo ngày)", value=None, format="DD/MM/YYYY",
                                         key=K(f"nv-{i}-han"))
                days = c3.number_input("Số ngày làm việc", min_value=1, max_value=365, value=None, step=1,
                                       key=K(f"nv-{i}-so-ngay"), placeholder="ví dụ: 10",
                                       help="Tính từ ngày ban hành, không kể ngày nghỉ, ngày lễ.")
                c1, c2 = st.columns([1.6, 2])
                follower_id = c1.selectbox("Người theo dõi, đôn đốc *", officer_ids, format_func=lambda a: officers[a],
                                           index=officer_ids.index(actor.id) if actor.id in officer_ids else None,
                                           key=K(f"nv-{i}-theo-doi"), placeholder=vi.CHOOSE,
                                           help="Chuyên viên Văn phòng theo dõi, đôn đốc, kiểm tra (Quy chế kèm "
                                                "Quyết định 520/QĐ-UBND, Điều 8.1đ).")
                with c2:
                    st.write("")
                    task_public = st.checkbox("Công khai nhiệm vụ và kết quả", value=True,
                                              key=K(f"nv-{i}-cong-khai"))
                task_values.append((content, lead_id, co_ids, mode, deadline, days, follower_id, task_public))

        submitted = submit_button("Lưu văn bản và nhiệm vụ", type="primary", icon=":material/save:",
                                  key="luu-van-ban")

    if submitted:
        doc = DocumentInput(
            doc_type=doc_type, number_symbol=number_symbol, summary=summary, issued_on=issued_on,
            issuer_unit_id=issuer_id, leader_id=leader_id, signer=signer, issued_time=issued_time,
            drafter_id=drafter_id, urgency=urgency,
            classified=classified, is_public=doc_public)
        task_inputs = [TaskInput(content=content, lead_unit_id=lead_id, co_unit_ids=list(co_ids),
                                 deadline=deadline if mode == "date" else None,
                                 deadline_working_days=int(days) if mode == "days" and days else None,
                                 long_term=mode == "long", follower_id=follower_id, is_public=task_public)
                       for content, lead_id, co_ids, mode, deadline, days, follower_id, task_public in task_values]
        upload = Upload(signed_file.name, signed_file.getvalue()) if signed_file is not None else None

        def save():  # noqa: ANN202
            with db() as session:
                document_id = tasks.create_document(session, actor, doc, task_inputs, signed_file=upload)
                rows, _ = task_queries.list_tasks(session, actor, TaskFilter(document_id=document_id))
                return task_queries.task_detail(session, actor, rows[0].id)

        saved = attempt(save, rerun=False)
        if saved is not None:
            flash(_entry_message(saved, len(task_inputs)))
            _clear_form()
            st.rerun()

with excel_tab:
    st.markdown("Nhập nhiều văn bản cùng lúc: tải tệp mẫu, mỗi dòng một nhiệm vụ (các dòng cùng số ký hiệu, "
                "cơ quan ban hành và ngày ban hành thuộc một văn bản), rồi tải tệp lên. Phần mềm kiểm tra "
                "**toàn bộ** tệp: chỉ khi mọi dòng hợp lệ mới nhập, nếu còn lỗi thì chưa nhập dòng nào.")

    def template() -> bytes:
        with db() as session:
            return task_import.template_bytes(session)

    st.download_button("Tải tệp mẫu (.xlsx)", data=template, file_name=task_import.FILE_NAME, mime=XLSX_MIME,
                       icon=":material/download:", key="tai-mau", on_click="ignore")
    workbook = file_input("Tệp Excel đã điền", key=K("tep-excel"), max_mb=upload_mb, types=["xlsx"],
                          help="Tệp theo mẫu ở trên.")
    signed_files = file_input("Các tệp văn bản đã ký, đóng dấu", key=K("tep-van-ban"), max_mb=upload_mb,
                              multiple=True, help="Mỗi văn bản một tệp, tên tệp đúng như ghi ở cột «Tệp văn bản đã "
                                                  "ký» (Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a).") or []
    if action_button("Kiểm tra và nhập", type="primary", icon=":material/upload_file:", key="nhap-excel",
                     disabled=workbook is None):
        def run_import():  # noqa: ANN202
            with db() as session:
                return task_import.import_workbook(session, actor, workbook.getvalue(),
                                                   {f.name: f.getvalue() for f in signed_files})

        result = attempt(run_import, rerun=False)
        if result is not None and result.ok:
            flash(f"Đã nhập {result.documents} văn bản với {result.tasks} nhiệm vụ từ tệp «{workbook.name}».")
            _clear_form()
            st.rerun()
        elif result is not None:
            st.error(f"Tệp còn {len(result.errors)} lỗi; chưa nhập dòng nào. Hãy sửa các lỗi dưới đây trong tệp "
                     "rồi tải lên lại.", icon=":material/error:")
            table = [{"Dòng": "Cả tệp" if e.row == 0 else str(e.row), "Cột": e.column, "Lỗi": e.message}
                     for e in result.errors]
            if len(table) <= 100:  # a static table: every message is read in full
                st.table(table, hide_index=True, border="horizontal")
            else:
                st.dataframe(table, hide_index=True, width="stretch", key="loi-excel",
                             column_config={"Dòng": st.column_config.TextColumn(width=60),
                                            "Cột": st.column_config.TextColumn(width=150),
                                            "Lỗi": st.column_config.TextColumn(width=900)})
