"""Bulk entry of directive documents and their tasks from an Excel workbook (one row per task).

`template_bytes` gives the workbook to fill in; `import_workbook` checks every row, reports every error by
row and column in Vietnamese, and writes nothing unless every row is valid. Rows with the same số ký hiệu,
cơ quan ban hành and ngày ban hành form one document. The rules are those of `tasks.validate_entry`; this
module only reads cells, turns them into `DocumentInput`/`TaskInput`, and maps the refusals back to cells.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from lib.core.excel_reader import RowError
from lib.core import vi
from lib.core.access import Actor, require_role
from lib.core.enums import AccountStatus, Role, UnitStatus
from lib.tasks.enums import DocType, Urgency
from lib.core.errors import DomainError
from lib.core.format import fmt_date
from lib.core.models import Account, AccountRole
from lib.core import excel_reader
from lib.core.excel import save_workbook
from lib.core.services import attachments, units
from lib.tasks import leaders, workflow as tasks
from lib.core.services.calendar_admin import work_calendar
from lib.tasks.workflow import DocumentInput, TaskInput
from lib.core.text import fold, nfc

SHEET_TASKS = "Nhiệm vụ"
SHEET_GUIDE = "Hướng dẫn"
FILE_NAME = "mau_nhap_nhiem_vu.xlsx"
MAX_ROWS = excel_reader.MAX_IMPORT_ROWS
TEMPLATE_ROWS = 300          # rows pre-formatted (text cells, drop-down lists) in the template

# Column headers, in template order.
C_TYPE = "Loại văn bản"
C_NUMBER = "Số ký hiệu"
C_SUMMARY = "Trích yếu"
C_ISSUED = "Ngày ban hành"
C_TIME = "Giờ ban hành"
C_ISSUER = "Cơ quan ban hành"
C_DIRECTOR = "Người chỉ đạo"
C_SIGNER = "Người ký"
C_URGENCY = "Độ khẩn"
C_CONTENT = "Nội dung nhiệm vụ"
C_LEAD = "Đơn vị chủ trì"
C_CO = "Đơn vị phối hợp"
C_DEADLINE = "Thời hạn"
C_DAYS = "Số ngày làm việc"
C_LONG = "Dài hạn"
C_FOLLOWER = "Người theo dõi"
C_PUBLIC = "Công khai"
C_DRAFTER = "Người soạn thảo"
C_FILE = "Tệp văn bản đã ký"


@dataclass(frozen=True)
class ColumnDef:
    header: str
    required: bool
    width: float
    how: str
    example: str


COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef(C_TYPE, True, 18, "Tên loại văn bản theo Nghị định 30/2020/NĐ-CP, chọn trong danh sách "
              "(cột «Loại văn bản» bên phải).", "Công văn"),
    ColumnDef(C_NUMBER, True, 18, "Số và ký hiệu đúng thể thức, ví dụ 1298/QĐ-UBND-HC, 02/2020/QĐ-UBND, "
              "125/UBND-KT. Phiếu lấy ý kiến qua mạng không cần số, ký hiệu: để trống.", "125/UBND-KT"),
    ColumnDef(C_SUMMARY, True, 40, "Trích yếu nội dung văn bản.", "Về việc triển khai Kế hoạch chuyển đổi số"),
    ColumnDef(C_ISSUED, True, 14, "Ngày ban hành, dạng dd/mm/yyyy (hoặc ô kiểu ngày của Excel). "
              "Không được sau ngày hôm nay.", "05/03/2026"),
    ColumnDef(C_TIME, False, 11, "Giờ ban hành dạng HH:MM (không bắt buộc). Văn bản ban hành sau 15:00 được "
              "cập nhật vào ngày làm việc tiếp theo.", "16:30"),
    ColumnDef(C_ISSUER, True, 14, "Mã đơn vị ban hành văn bản (cột «Mã đơn vị» bên phải).", "UBND"),
    ColumnDef(C_DIRECTOR, True, 26, "Lãnh đạo chỉ đạo giao nhiệm vụ, chọn trong danh sách (cột «Lãnh đạo chỉ "
              "đạo» bên phải); có thể ghi họ tên, có hoặc không kèm chức vụ.", "Nguyễn Văn Thành"),
    ColumnDef(C_SIGNER, True, 22, "Họ tên người ký văn bản.", "Nguyễn Văn Thành"),
    ColumnDef(C_URGENCY, False, 12, "Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc; để trống là Thường. "
              "Văn bản mật không được cập nhật vào phần mềm.", "Thường"),
    ColumnDef(C_CONTENT, True, 50, "Nội dung nhiệm vụ, công việc phải làm (mỗi dòng một nhiệm vụ).",
              "Xây dựng kế hoạch chuyển đổi số của ngành"),
    ColumnDef(C_LEAD, True, 14, "Mã đơn vị chủ trì thực hiện.", "SYT"),
    ColumnDef(C_CO, False, 18, "Mã các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy (;).", "SKHCN; STC"),
    ColumnDef(C_DEADLINE, False, 13, "Thời hạn xử lý, dạng dd/mm/yyyy. Nhập thời hạn hoặc số ngày làm việc, "
              "không nhập cả hai.", "20/03/2026"),
    ColumnDef(C_DAYS, False, 12, "Số ngày làm việc tính từ ngày ban hành (thay cho cột Thời hạn).", "10"),
    ColumnDef(C_LONG, False, 10, "Có/Không. Nhiệm vụ không có thời hạn chỉ được theo dõi khi Chánh Văn phòng "
              "quyết định theo dõi là nhiệm vụ dài hạn (ghi «Có»).", "Không"),
    ColumnDef(C_FOLLOWER, True, 18, "Tên đăng nhập của chuyên viên Văn phòng theo dõi, đôn đốc "
              "(cột «Tên đăng nhập» bên phải; Quy chế kèm Quyết định 520/QĐ-UBND, Điều 8.1đ).", "chuyenvien.vp"),
    ColumnDef(C_PUBLIC, False, 11, "Có/Không: công khai nhiệm vụ và kết quả trên trang công khai; "
              "để trống là Có.", "Có"),
    ColumnDef(C_DRAFTER, True, 18, "Tên đăng nhập của công chức soạn thảo, trình ký văn bản (cột «Tên đăng nhập» "
              "bên phải; Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a).", "chuyenvien.vp"),
    ColumnDef(C_FILE, True, 24, "Tên tệp văn bản đã ký, đóng dấu (ví dụ 125-UBND-KT.pdf); tải các tệp này lên "
              "cùng với tệp Excel (Quy chế kèm Quyết định 1298/QĐ-UBND-HC, Điều 6.3a).", "125-UBND-KT.pdf"),
)
HEADERS = tuple(c.header for c in COLUMNS)
_BY_FOLDED = {fold(c.header): c for c in COLUMNS}
DOC_COLUMNS = (C_TYPE, C_SUMMARY, C_TIME, C_DIRECTOR, C_SIGNER, C_URGENCY, C_DRAFTER, C_FILE)  # agree per document

ERR_NOT_XLSX = ("Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu, nhập dữ liệu rồi lưu dưới dạng "
                "«Excel Workbook (.xlsx)».")
ERR_XLS = ("Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel và lưu lại dưới dạng "
           "«Excel Workbook (.xlsx)».")
ERR_TOO_BIG = "Tệp tải lên lớn hơn giới hạn {mb} MB."
ERR_NO_SHEET = "Tệp không có trang tính «{sheet}». Hãy dùng tệp mẫu tải về từ phần mềm."
ERR_MISSING_COLUMN = "Thiếu cột «{column}» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu tải về từ phần mềm."
ERR_NO_ROWS = "Tệp không có dòng dữ liệu nào (dữ liệu bắt đầu từ dòng 2, dưới dòng tiêu đề)."
ERR_DATE = "Ngày «{value}» không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026."
ERR_TIME = "Giờ «{value}» không hợp lệ. Nhập theo dạng HH:MM, ví dụ 16:30."
ERR_DAYS = "Số ngày làm việc «{value}» không hợp lệ. Nhập một số nguyên từ 1 đến 365."
ERR_YES_NO = "Giá trị «{value}» không hợp lệ. Chỉ nhập «Có» hoặc «Không»."
ERR_DOC_TYPE = "Loại văn bản «{value}» không có trong danh mục (xem trang «Hướng dẫn»)."
ERR_URGENCY = "Độ khẩn «{value}» không hợp lệ. Chọn: Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc."
ERR_UNIT_UNKNOWN = "Không có đơn vị mã «{code}» (xem danh sách mã đơn vị ở trang «Hướng dẫn»)."
ERR_UNIT_INACTIVE = "Đơn vị mã «{code}» ({name}) đã sáp nhập hoặc giải thể."
ERR_FOLLOWER = ("Không có chuyên viên Văn phòng đang hoạt động với tên đăng nhập «{value}» "
                "(xem danh sách ở trang «Hướng dẫn»).")
ERR_DOC_MISMATCH = ("Dòng này thuộc văn bản {number} như dòng {first} (cùng số ký hiệu, cơ quan ban hành, "
                    "ngày ban hành) nhưng «{column}» khác dòng {first} («{other}»). Các dòng của một văn bản phải "
                    "ghi giống nhau; nếu đây là văn bản khác thì số ký hiệu bị trùng.")
ERR_FILE_MISSING = ("Chưa tải lên tệp «{name}». Hãy tải tệp văn bản đã ký cùng với tệp Excel (tên tệp phải đúng như "
                    "ghi trong cột).")
ERR_NUMBER_REQUIRED = "Vui lòng nhập số ký hiệu (chỉ phiếu lấy ý kiến qua mạng không cần số, ký hiệu)."
ERR_DOC_DUPLICATE = ("Số {number} của {issuer} năm {year} đã dùng ở dòng {first} cho văn bản khác "
                     "({other}, ngày {issued}).")

_TRUE = {"co", "c", "x", "yes", "y", "true", "1", "dai han"}
_FALSE = {"khong", "k", "no", "n", "false", "0"}
_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_TIME_RE = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})$")




@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    documents: int = 0
    tasks: int = 0
    document_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Bad(Exception):
    """A cell that cannot be read; the message is Vietnamese."""


# ---------------------------------------------------------------- reference data

@dataclass(frozen=True)
class _Refs:
    units_by_code: dict[str, units.UnitRow]          # folded code -> unit (active and inactive)
    active_units: list[units.UnitRow]
    officers: list[tuple[int, str, str]]             # (id, username, full name)
    leaders: list[leaders.LeaderRow]                 # the active directing leaders


def _refs(session: Session) -> _Refs:
    every = units.units_in(session, None, active_only=False)
    officers = [(i, u, n) for i, u, n in session.execute(
        sa.select(Account.id, Account.username, Account.full_name)
        .join(AccountRole, AccountRole.account_id == Account.id)
        .where(AccountRole.role == Role.OFFICE_OFFICER, Account.status == AccountStatus.ACTIVE)
        .order_by(Account.username))]
    return _Refs({fold(r.code): r for r in every}, [r for r in every if r.status == UnitStatus.ACTIVE], officers,
                 leaders.list_leaders(session))


# ---------------------------------------------------------------- the template

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_FONT = "Times New Roman"


def template_bytes(session: Session) -> bytes:
    """The workbook to fill in: sheet «Nhiệm vụ» (headers, text cells, drop-down lists) and «Hướng dẫn»."""
    refs = _refs(session)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TASKS
    guide = wb.create_sheet(SHEET_GUIDE)

    for i, col in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(name=_FONT, bold=True)
        cell.fill = _REQUIRED_FILL if col.required else _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        # Text cells: "05/03/2026" stays as typed whatever the computer's date settings, "1/2" never becomes a date.
        for row in range(2, TEMPLATE_ROWS + 2):
            target = ws.cell(row=row, column=i)
            target.number_format = "@"
            target.font = Font(name=_FONT)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"

    _write_guide(guide, refs)
    _add_lists(ws, refs)
    return save_workbook(wb)


# Where the lists sit on the guide sheet (column letter, header); the drop-down lists point there.
_LIST_COLUMNS = {"type": ("F", "Loại văn bản"), "urgency": ("G", "Độ khẩn"), "code": ("H", "Mã đơn vị"),
                 "unit": ("I", "Tên đơn vị"), "user": ("J", "Tên đăng nhập"), "name": ("K", "Họ và tên"),
                 "leader": ("L", "Lãnh đạo chỉ đạo")}


def _write_guide(ws, refs: _Refs) -> None:  # noqa: ANN001
    bold = Font(name=_FONT, bold=True)
    plain = Font(name=_FONT)
    ws.cell(row=1, column=1, value="HƯỚNG DẪN NHẬP NHIỆM VỤ TỪ TỆP EXCEL").font = Font(name=_FONT, bold=True,
                                                                                        size=13)
    notes = [
        "Mỗi dòng của trang «Nhiệm vụ» là một nhiệm vụ. Các dòng có cùng Số ký hiệu, Cơ quan ban hành và "
        "Ngày ban hành thuộc cùng một văn bản; các cột của văn bản phải ghi giống nhau trên các dòng đó.",
        "Cột tô màu cam là bắt buộc. Không đổi tên, không xóa dòng tiêu đề. Văn bản mật không được cập nhật.",
        "Phần mềm kiểm tra toàn bộ tệp: nếu còn lỗi ở bất kỳ dòng nào thì chưa nhập dòng nào, "
        "và báo lỗi theo dòng, cột.",
    ]
    for i, note in enumerate(notes, 2):
        ws.cell(row=i, column=1, value=note).font = plain
    top = len(notes) + 3
    for j, title in enumerate(["Cột", "Bắt buộc", "Cách nhập", "Ví dụ"], 1):
        cell = ws.cell(row=top, column=j, value=title)
        cell.font, cell.fill, cell.border = bold, _HEAD_FILL, _BORDER
    for i, col in enumerate(COLUMNS, top + 1):
        for j, value in enumerate([col.header, vi.YES if col.required else "", col.how, col.example], 1):
            cell = ws.cell(row=i, column=j, value=value)
            cell.font, cell.border = plain, _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDE", (20, 10, 60, 26, 3)):
        ws.column_dimensions[letter].width = width

    lists = {
        "type": [t.label for t in DocType], "urgency": [u.label for u in Urgency],
        "code": [r.code for r in refs.active_units], "unit": [r.name for r in refs.active_units],
        "user": [u for _, u, _ in refs.officers], "name": [n for _, _, n in refs.officers],
        "leader": [r.label for r in refs.leaders],
    }
    for key, (letter, title) in _LIST_COLUMNS.items():
        head = ws[f"{letter}1"]
        head.value, head.font, head.fill, head.border = title, bold, _HEAD_FILL, _BORDER
        for i, value in enumerate(lists[key], 2):
            cell = ws[f"{letter}{i}"]
            cell.value, cell.font = value, plain
            cell.number_format = "@"
        ws.column_dimensions[letter].width = {"unit": 42, "name": 26, "type": 20, "leader": 40}.get(key, 14)


def _add_lists(ws, refs: _Refs) -> None:  # noqa: ANN001
    """Drop-down lists on the task sheet (Excel still accepts a pasted value; the import checks it again)."""
    sizes = {"type": len(DocType), "urgency": len(Urgency), "code": len(refs.active_units),
             "user": len(refs.officers), "leader": len(refs.leaders)}
    last = TEMPLATE_ROWS + 1

    def pick(key: str, *headers: str) -> None:
        letter, _ = _LIST_COLUMNS[key]
        if not sizes[key]:
            return
        dv = DataValidation(type="list", formula1=f"'{SHEET_GUIDE}'!${letter}$2:${letter}${sizes[key] + 1}",
                            allow_blank=True, showErrorMessage=True, errorStyle="warning",
                            error="Giá trị không có trong danh sách ở trang «Hướng dẫn».")
        for header in headers:
            col = get_column_letter(HEADERS.index(header) + 1)
            dv.add(f"{col}2:{col}{last}")
        ws.add_data_validation(dv)

    pick("type", C_TYPE)
    pick("urgency", C_URGENCY)
    pick("code", C_ISSUER, C_LEAD)
    pick("user", C_FOLLOWER, C_DRAFTER)
    pick("leader", C_DIRECTOR)
    yes_no = DataValidation(type="list", formula1='"Có,Không"', allow_blank=True, showErrorMessage=True,
                            errorStyle="warning", error="Chỉ nhập «Có» hoặc «Không».")
    for header in (C_LONG, C_PUBLIC):
        col = get_column_letter(HEADERS.index(header) + 1)
        yes_no.add(f"{col}2:{col}{last}")
    ws.add_data_validation(yes_no)


# ---------------------------------------------------------------- reading cells

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return fmt_date(value.date())
    if isinstance(value, date):
        return fmt_date(value)
    return nfc(str(value)) or ""


def _date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE_RE.match(_text(value))
    if match:
        day, month, year = (int(x) for x in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise _Bad(ERR_DATE.format(value=_text(value)))


def _time(value: Any) -> time | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta):  # some writers store a bare duration for a time cell
        minutes = int(value.total_seconds() // 60)
        if 0 <= minutes < 24 * 60:
            return time(minutes // 60, minutes % 60)
    if isinstance(value, float) and 0 <= value < 1:  # a fraction of a day
        minutes = round(value * 24 * 60)
        if minutes < 24 * 60:
            return time(minutes // 60, minutes % 60)
    match = _TIME_RE.match(_text(value))
    if match:
        hour, minute = (int(x) for x in match.groups())
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise _Bad(ERR_TIME.format(value=_text(value)))


def _days(value: Any) -> int | None:
    if isinstance(value, bool):  # a TRUE/FALSE cell
        raise _Bad(vi.XL_BOOLEAN_CELL)
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= 365:
        raise _Bad(ERR_DAYS.format(value=text))
    return int(text)


def _yes_no(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(_text(value))
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Bad(ERR_YES_NO.format(value=_text(value)))


def _labelled(value: Any, members: list, message: str, default=None):  # noqa: ANN001, ANN202
    text = _text(value)
    if not text:
        return default
    key = fold(text)
    for member in members:
        if key in (fold(member.label), member.value):
            return member
    raise _Bad(message.format(value=text))


def _unit(refs: _Refs, code: str) -> int:
    row = refs.units_by_code.get(fold(code))
    if row is None:
        raise _Bad(ERR_UNIT_UNKNOWN.format(code=code))
    if row.status != UnitStatus.ACTIVE:
        raise _Bad(ERR_UNIT_INACTIVE.format(code=row.code, name=row.name))
    return row.id


def _follower(refs: _Refs, value: Any) -> int | None:
    text = _text(value)
    if not text:
        return None
    found = next((i for i, username, _ in refs.officers if username == text.lower()), None)
    if found is None:
        raise _Bad(ERR_FOLLOWER.format(value=text))
    return found


def _leader(refs: _Refs, text: str) -> int:
    """A row of the leaders' list, by name (with or without the title; case and diacritics do not matter)."""
    found = leaders.match_leader(refs.leaders, text)
    if found is None:
        raise _Bad(vi.LEADER_UNKNOWN.format(value=text))
    return found.id


# ---------------------------------------------------------------- one row

@dataclass
class _Row:
    number: int                                   # Excel row number
    cells: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)
    doc_type: DocType | None = None
    number_symbol: str | None = None              # normalised "1298/QĐ-UBND-HC"
    doc_number: str | None = None                 # "1298"
    issued_on: date | None = None
    issued_time: time | None = None
    issuer_id: int | None = None
    urgency: Urgency = Urgency.NORMAL
    drafter_id: int | None = None
    file_name: str = ""
    leader_id: int | None = None
    task: TaskInput | None = None

    def bad(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def doc_values(self) -> dict[str, str]:
        """What must agree between the rows of one document, as shown in the file."""
        values = {c: fold(_text(self.cells.get(c))) for c in DOC_COLUMNS}
        if self.leader_id is not None:  # one leader however each row writes the name
            values[C_DIRECTOR] = str(self.leader_id)
        return values


def _read_row(row: _Row, refs: _Refs) -> None:
    cells = row.cells

    def read(column: str, reader):  # noqa: ANN001, ANN202
        try:
            return reader(cells.get(column))
        except _Bad as error:
            row.bad(column, str(error))
            return None
        except DomainError as error:
            row.bad(column, str(error))
            return None

    row.doc_type = read(C_TYPE, lambda v: _labelled(v, list(DocType), ERR_DOC_TYPE))
    number_text = _text(cells.get(C_NUMBER))
    for col in COLUMNS:
        if col.header == C_NUMBER and row.doc_type is not None and not row.doc_type.needs_number:
            continue  # an online opinion form has no number (seed 001 art. 6.3a)
        if col.required and not _text(cells.get(col.header)):
            row.bad(col.header, ERR_NUMBER_REQUIRED if col.header == C_NUMBER
                    else vi.ERR_REQUIRED.format(field=col.header.lower()))
    if number_text:
        parsed = read(C_NUMBER, tasks.parse_number_symbol)
        if parsed:
            row.doc_number = parsed[0]
            row.number_symbol = f"{parsed[0]}/{parsed[1]}"
    row.issued_on = read(C_ISSUED, _date)
    row.issued_time = read(C_TIME, _time)
    issuer = _text(cells.get(C_ISSUER))
    row.issuer_id = read(C_ISSUER, lambda v: _unit(refs, issuer)) if issuer else None
    director = _text(cells.get(C_DIRECTOR))
    row.leader_id = read(C_DIRECTOR, lambda v: _leader(refs, director)) if director else None
    row.urgency = read(C_URGENCY, lambda v: _labelled(v, list(Urgency), ERR_URGENCY, Urgency.NORMAL)) \
        or Urgency.NORMAL

    lead_code = _text(cells.get(C_LEAD))
    lead = read(C_LEAD, lambda v: _unit(refs, lead_code)) if lead_code else None
    co: list[int] = []
    for code in re.split(r"[;,\n]", _text(cells.get(C_CO))):
        code = code.strip()
        if code:
            unit_id = read(C_CO, lambda v, c=code: _unit(refs, c))
            if unit_id is not None:
                co.append(unit_id)
    deadline = read(C_DEADLINE, _date)
    days = read(C_DAYS, _days)
    long_term = read(C_LONG, lambda v: _yes_no(v, False))
    follower = read(C_FOLLOWER, lambda v: _follower(refs, v))
    row.drafter_id = read(C_DRAFTER, lambda v: _follower(refs, v))
    row.file_name = _text(cells.get(C_FILE))
    public = read(C_PUBLIC, lambda v: _yes_no(v, True))
    row.task = TaskInput(content=_text(cells.get(C_CONTENT)), lead_unit_id=lead, co_unit_ids=co, deadline=deadline,
                         deadline_working_days=days, long_term=bool(long_term), follower_id=follower,
                         is_public=True if public is None else public)


# ---------------------------------------------------------------- the service's refusals, back to cells

_TASK_FIELDS = {"content": C_CONTENT, "lead_unit_id": C_LEAD, "co_unit_ids": C_CO, "deadline": C_DEADLINE,
                "follower_id": C_FOLLOWER}
_DOC_FIELDS = {"number_symbol": C_NUMBER, "issued_on": C_ISSUED, "issuer_unit_id": C_ISSUER, "drafter_id": C_DRAFTER,
               "signed_file": C_FILE, "leader_id": C_DIRECTOR}
_TASK_PREFIX = re.compile(r"^Nhiệm vụ \d+:\s*")


def _is_task_error(error: DomainError) -> bool:
    return bool(_TASK_PREFIX.match(str(error))) or error.field in _TASK_FIELDS


def _task_error(row: _Row, error: DomainError) -> RowError:
    """«Nhiệm vụ 1: thời hạn …» about the task of this row → (row, column, «Thời hạn …»)."""
    message = _TASK_PREFIX.sub("", str(error))
    message = message[:1].upper() + message[1:]
    column = _TASK_FIELDS.get(error.field or "", "")
    if not column:
        column = C_DEADLINE if "thời hạn" in message.lower() else C_LEAD if "đơn vị" in message.lower() else ""
    return RowError(row.number, column, message)


def _doc_error(row: _Row, error: DomainError) -> RowError:
    column = _DOC_FIELDS.get(error.field or "", "")
    if not column:
        text = str(error).lower()
        column = next((c for c in (C_SUMMARY, C_SIGNER, C_DIRECTOR) if c.lower() in text), "")
    return RowError(row.number, column, str(error))


# ---------------------------------------------------------------- the workbook

def _open(session: Session, data: bytes) -> tuple[list[_Row] | None, list[RowError]]:
    limit = attachments.max_upload_bytes(session)
    if len(data) > limit:
        return None, [RowError(0, "", ERR_TOO_BIG.format(mb=limit // (1024 * 1024)))]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None, [RowError(0, "", ERR_XLS)]
    try:
        with excel_reader.open_workbook(data) as wb:
            return _read_sheet(wb)
    except excel_reader.NotAWorkbook:
        return None, [RowError(0, "", ERR_NOT_XLSX)]
    except excel_reader.WorkbookRefused as error:
        return None, [RowError(0, "", str(error))]


def _read_sheet(wb) -> tuple[list[_Row] | None, list[RowError]]:  # noqa: ANN001
    sheet = excel_reader.find_sheet(wb, SHEET_TASKS)
    if sheet is None:
        return None, [RowError(0, "", ERR_NO_SHEET.format(sheet=SHEET_TASKS))]

    rows = excel_reader.rows(sheet, max_rows=MAX_ROWS)
    _, header = next(rows, (1, ()))
    positions: dict[str, int] = {}
    for i, title in enumerate(header):
        col = _BY_FOLDED.get(fold(_text(title)).rstrip(" *"))
        if col is not None and col.header not in positions:
            positions[col.header] = i
    missing = [RowError(1, c.header, ERR_MISSING_COLUMN.format(column=c.header))
               for c in COLUMNS if c.required and c.header not in positions]
    if missing:
        return None, missing

    parsed: list[_Row] = []
    for number, values in rows:
        cells = {h: values[i] if i < len(values) else None for h, i in positions.items()}
        if all(not _text(v) for v in cells.values()):
            continue
        parsed.append(_Row(number, cells))
    if not parsed:
        return None, [RowError(0, "", ERR_NO_ROWS)]
    return parsed, []


def _group(rows: list[_Row], refs: _Refs) -> dict[tuple, list[_Row]]:
    """Rows of one document together (file order); rows that disagree with their document are flagged."""
    names = {r.id: r.name for r in refs.units_by_code.values()}
    groups: dict[tuple, list[_Row]] = {}
    numbers: dict[tuple, tuple[tuple, _Row]] = {}      # (issuer, year, số) -> (document key, first row)
    for row in rows:
        if row.issued_on and row.issuer_id and not row.number_symbol and not _text(row.cells.get(C_NUMBER)) \
                and row.doc_type is not None and not row.doc_type.needs_number:
            # An opinion form without a number: its rows are those with the same summary, issuer and date.
            key = ("", row.issuer_id, row.issued_on, fold(_text(row.cells.get(C_SUMMARY))))
            if key in groups:
                _check_same_document(row, groups[key][0])
            groups.setdefault(key, []).append(row)
            continue
        if not (row.number_symbol and row.issued_on and row.issuer_id):
            continue
        key = (row.number_symbol.upper(), row.issuer_id, row.issued_on)
        number_key = (row.issuer_id, row.issued_on.year, row.doc_number)
        seen = numbers.get(number_key)
        if seen is not None and seen[0] != key:
            first = seen[1]
            row.bad(C_NUMBER, ERR_DOC_DUPLICATE.format(
                number=row.doc_number, issuer=names.get(row.issuer_id, ""), year=row.issued_on.year,
                first=first.number, other=first.number_symbol, issued=fmt_date(first.issued_on)))
            continue
        numbers.setdefault(number_key, (key, row))
        if key in groups:
            _check_same_document(row, groups[key][0])
        groups.setdefault(key, []).append(row)
    return groups


def _check_same_document(row: _Row, first: _Row) -> None:
    mine, theirs = row.doc_values(), first.doc_values()
    for column in DOC_COLUMNS:
        if mine[column] != theirs[column]:
            row.bad(column, ERR_DOC_MISMATCH.format(first=first.number, number=first.number_symbol or vi.TASK_NO_NUMBER,
                                                    column=column, other=_text(first.cells.get(column))))


def _document(rows: list[_Row], refs: _Refs) -> DocumentInput:
    first = rows[0]
    return DocumentInput(
        doc_type=first.doc_type or DocType.CONG_VAN, number_symbol=first.number_symbol or "",
        summary=_text(first.cells.get(C_SUMMARY)), issued_on=first.issued_on, issuer_unit_id=first.issuer_id,
        leader_id=first.leader_id, signer=_text(first.cells.get(C_SIGNER)), issued_time=first.issued_time,
        drafter_id=first.drafter_id, urgency=first.urgency,
        classified=False, is_public=any(r.task.is_public for r in rows if r.task))


def _check_with_service(session: Session, actor: Actor, rows: list[_Row], doc: DocumentInput) -> None:
    """`tasks.validate_entry` row by row; a refusal of the document is reported once, on its first row."""
    doc_failed = False
    calendar = None
    for row in rows:
        if row.errors or row.task is None:
            continue
        try:
            tasks.validate_entry(session, actor, doc, [row.task])
            continue
        except DomainError as error:
            if _is_task_error(error):
                row.errors.append(_task_error(row, error))
                continue
            if not doc_failed:
                rows[0].errors.append(_doc_error(rows[0], error))
                doc_failed = True
        # The document itself is refused (a number already in the database, a future date): the task of
        # this row is still checked, so that one upload shows every error of the file.
        calendar = calendar or work_calendar(session)
        try:
            tasks._clean_task(session, calendar, 1, row.task, doc.issued_on)  # noqa: SLF001
        except DomainError as error:
            row.errors.append(_task_error(row, error))


def _signed_file(files: Mapping[str, bytes], name: str) -> tasks.Upload | None:
    """The uploaded file the row names (the name compared without case or Unicode form differences)."""
    wanted = fold(name)
    for filename, data in files.items():
        if fold(nfc(filename) or "") == wanted:
            return tasks.Upload(filename, data)
    return None


def import_workbook(session: Session, actor: Actor, data: bytes,
                    files: Mapping[str, bytes] | None = None) -> ImportResult:
    """Check every row; if all are valid, create every document (and its tasks) in this transaction.

    `files` are the signed documents uploaded with the workbook, by file name; each document names its own in the
    column «Tệp văn bản đã ký» (seed 001 art. 6.3a). Nothing is written when any row has an error: the result then
    lists every error by row and column.
    """
    require_role(actor, Role.OFFICE_OFFICER)
    rows, errors = _open(session, data)
    if rows is None:
        return ImportResult(errors)
    refs = _refs(session)
    for row in rows:
        _read_row(row, refs)
    groups = _group(rows, refs)
    documents: list[tuple[DocumentInput, list[_Row], tasks.Upload | None]] = []
    for members in groups.values():
        valid = [r for r in members if not r.errors]
        if not valid:
            continue
        doc = _document(valid, refs)
        _check_with_service(session, actor, valid, doc)
        signed = _signed_file(files or {}, valid[0].file_name) if valid[0].file_name else None
        if signed is None and valid[0].file_name:
            valid[0].bad(C_FILE, ERR_FILE_MISSING.format(name=valid[0].file_name))
        documents.append((doc, members, signed))

    errors = sorted((e for r in rows for e in r.errors),
                    key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else -1))
    if errors:
        return ImportResult(errors)

    result = ImportResult()
    for doc, members, signed in documents:
        try:
            doc_id = tasks.create_document(session, actor, doc, [r.task for r in members], signed_file=signed)
        except DomainError as error:  # e.g. the same number entered by another officer a moment ago
            session.rollback()
            return ImportResult([_doc_error(members[0], error)])
        result.document_ids.append(doc_id)
        result.documents += 1
        result.tasks += len(members)
    return result
