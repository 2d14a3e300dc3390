"""Bulk import of projects from an Excel workbook (issue 10 item 9; seed 000 art. 7.1, 7.3, 9.1): one row per project.

`template_bytes` gives the workbook to fill in (sheet «Dự án» with a header and an example row, sheet «Hướng dẫn»
with every column explained and the allowed values: field classes, groups, deciding levels, capital sources, the
investors the importer may name, the communes by name). `import_workbook` reads the upload through the one guarded
reader (lib.core.excel_reader: zip bombs, entity bombs, oversized sheets refused), checks every row, reports every
error by row and column in Vietnamese, and writes nothing unless every row is valid (all or nothing).

The rules are those of `records.create_project` (group against total investment and field, capital sources not
above the total, dates in order, preparation not in the future, code free, active investor within the importer's
scope, communes): this module only reads cells into `ProjectInput`s, checks each with `records.check_new_project`
and maps the refusals back to cells. Each project's entry lateness (art. 9.1) is computed by `create_project`.

Who imports: an investor's editors for their own unit and the units under it; Sở Tài chính (PLANNING_OFFICER) and
the system administrator for any investor (`records.BULK_ANY_INVESTOR_ROLES`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from lib.core.excel_reader import RowError
from lib.core import excel_reader, vi
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.enums import UnitKind, UnitStatus
from lib.core.errors import DomainError, PermissionDenied
from lib.core.excel import save_workbook
from lib.core.format import fmt_date
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.services import attachments, settings
from lib.core.text import fold, nfc
from lib.projects import records, texts, views
from lib.projects.enums import CapitalSource, DecidingLevel, ProjectField, ProjectGroup
from lib.projects.models import Project

SHEET = "Dự án"
SHEET_GUIDE = "Hướng dẫn"
FILE_NAME = "mau_nhap_du_an.xlsx"
# Rows per file: each row passes every check of `create_project` twice (all checked, then all created), some 10–40 ms
# a row on the 2-core server; 1,000 rows (a province's whole portfolio) stay within about a minute.
MAX_ROWS = 1000
TEMPLATE_ROWS = 300          # rows pre-formatted as text, with drop-down lists, in the template

C_CODE = "Mã dự án"
C_NAME = "Tên dự án"
C_FIELD = "Lĩnh vực"
C_GROUP = "Nhóm dự án"
C_LEVEL = "Cấp quyết định đầu tư"
C_INVESTOR = "Chủ đầu tư"
C_FORM = "Hình thức quản lý dự án"
C_PLACES = "Địa điểm (xã, phường)"
C_TOTAL = "Tổng mức đầu tư (đồng)"
C_SOURCES = {source: f"{source.label} (đồng)" for source in CapitalSource}
C_START = "Ngày dự kiến bắt đầu"
C_END = "Ngày dự kiến kết thúc"
C_PREPARATION = "Ngày bắt đầu lập chủ trương đầu tư"


@dataclass(frozen=True)
class ColumnDef:
    header: str
    required: bool
    width: float
    how: str
    example: str


COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef(C_CODE, True, 16, "2–30 ký tự: chữ cái không dấu, chữ số và các dấu - . / _; không trùng mã dự án đã "
              "có trong phần mềm hoặc ở dòng khác của tệp.", "DA-2026-101"),
    ColumnDef(C_NAME, True, 44, "Tên dự án theo quyết định chủ trương đầu tư.",
              "Trường THCS Mỹ Tho – xây mới khối phòng học"),
    ColumnDef(C_FIELD, True, 14, "Lĩnh vực theo Luật Đầu tư công 58/2024/QH15: «Loại 1», «Loại 2», «Loại 3» hoặc "
              "«Loại 4» (xem danh sách bên phải).", "Loại 4"),
    ColumnDef(C_GROUP, True, 14, "Quan trọng quốc gia, Nhóm A, Nhóm B hoặc Nhóm C; phải phù hợp với tổng mức đầu tư "
              "và lĩnh vực (Luật Đầu tư công 58/2024/QH15, Điều 7–10).", "Nhóm C"),
    ColumnDef(C_LEVEL, True, 14, "Trung ương, Cấp tỉnh hoặc Cấp xã.", "Cấp tỉnh"),
    ColumnDef(C_INVESTOR, True, 30, "Tên đơn vị chủ đầu tư, đúng như danh sách bên phải (chỉ các đơn vị bạn được "
              "nhập dự án).", "Sở Xây dựng"),
    ColumnDef(C_FORM, False, 24, "Hình thức quản lý dự án (không bắt buộc).", "Chủ đầu tư trực tiếp quản lý"),
    ColumnDef(C_PLACES, True, 30, "Tên xã, phường, đặc khu nơi thực hiện dự án; nhiều nơi thì cách nhau bằng dấu "
              "chấm phẩy (;).", "Phường Mỹ Tho; Xã Chợ Gạo"),
    ColumnDef(C_TOTAL, True, 20, "Số nguyên đồng, lớn hơn 0 (có thể ghi dấu chấm ngăn cách hàng nghìn).",
              "45.000.000.000"),
    *(ColumnDef(C_SOURCES[source], False, 18, f"Số vốn {source.label.lower()} (đồng, không bắt buộc). Tổng các "
                "nguồn vốn không được vượt tổng mức đầu tư.",
                {CapitalSource.PROVINCE_BUDGET: "40.000.000.000", CapitalSource.COMMUNE_BUDGET: "5.000.000.000"}
                .get(source, ""))
      for source in CapitalSource),
    ColumnDef(C_START, True, 14, "Dạng dd/mm/yyyy (hoặc ô kiểu ngày của Excel).", "01/07/2026"),
    ColumnDef(C_END, True, 14, "Dạng dd/mm/yyyy; không được trước ngày dự kiến bắt đầu.", "31/12/2028"),
    ColumnDef(C_PREPARATION, True, 16, "Ngày bắt đầu bước đầu tiên của chuẩn bị đầu tư, dạng dd/mm/yyyy; không được "
              "sau ngày hôm nay. Dự án phải được khởi tạo trong {days} ngày làm việc kể từ ngày này (Quy chế kèm Quyết "
              "định 561/QĐ-UBND-HC, Điều 9 khoản 1); phần mềm ghi nhận số ngày chậm nếu có.", "02/03/2026"),
)
HEADERS = tuple(c.header for c in COLUMNS)
_BY_FOLDED = {fold(c.header): c for c in COLUMNS}

# The service's `field=` names, back to the column of the cell at fault.
_FIELD_COLUMNS = {"code": C_CODE, "name": C_NAME, "total_investment": C_TOTAL, "planned_end": C_END,
                  "planned_start": C_START, "preparation_start": C_PREPARATION, "deciding_level": C_LEVEL,
                  "group": C_GROUP, "locations": C_PLACES, "investor_unit_id": C_INVESTOR}

_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONEY_RE = re.compile(r"^-?\d{1,3}([. ]\d{3})+$|^-?\d+$")




@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)
    late: int = 0                 # projects entered later than art. 9.1 allows

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        return len(self.project_ids)


class _Bad(Exception):
    """A cell that cannot be read; the message is Vietnamese."""


# ---------------------------------------------------------------- who imports, and the reference data

def may_import(actor: Actor) -> bool:
    """The investors' editors (their own unit and below), Sở Tài chính and the administrator (any investor)."""
    return actor.has(*records.INVESTOR_WRITER_ROLES, *records.BULK_ANY_INVESTOR_ROLES)


def _require_importer(actor: Actor) -> None:
    if not may_import(actor):
        raise PermissionDenied(texts.PXL_NOT_ALLOWED)


@dataclass(frozen=True)
class _Refs:
    investors: dict[str, list[tuple[int, bool]]]  # folded name or code -> (id, active) of every unit
    investor_names: list[str]                      # the units the actor may name, in tree order (the guide)
    communes: dict[str, int]                       # folded name or code -> id of the active communes
    commune_names: list[str]


def _refs(session: Session, actor: Actor) -> _Refs:
    investors: dict[str, list[tuple[int, bool]]] = {}
    for unit_id, code, name, status in session.execute(
            sa.select(Unit.id, Unit.code, Unit.name, Unit.status).order_by(Unit.id)):
        for key in {fold(name), fold(code)}:
            investors.setdefault(key, []).append((unit_id, status == UnitStatus.ACTIVE))
    choices = (views.all_investor_choices(session) if actor.has(*records.BULK_ANY_INVESTOR_ROLES)
               else views.investor_choices(session, actor))
    communes: dict[str, int] = {}
    rows = session.execute(sa.select(Unit.id, Unit.code, Unit.name).where(
        Unit.kind == UnitKind.COMMUNE, Unit.status == UnitStatus.ACTIVE).order_by(Unit.name)).all()
    for unit_id, code, name in rows:
        communes.setdefault(fold(name), unit_id)
        communes.setdefault(fold(code), unit_id)
    return _Refs(investors, [r.name for r in choices], communes, [name for _, _, name in rows])


# ---------------------------------------------------------------- the template

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_FONT = "Times New Roman"


def field_text(value: ProjectField) -> str:
    return f"Loại {value.field_class}"


GROUP_TEXTS = {ProjectGroup.NATIONAL: "Quan trọng quốc gia", ProjectGroup.A: "Nhóm A", ProjectGroup.B: "Nhóm B",
               ProjectGroup.C: "Nhóm C"}


def group_text(value: ProjectGroup) -> str:
    return GROUP_TEXTS[value]


def _lists(refs: _Refs) -> dict[str, tuple[str, list[str]]]:
    """The allowed values, by key: (title on the guide sheet, values)."""
    return {
        "field": ("Lĩnh vực", [field_text(f) for f in ProjectField]),
        "group": ("Nhóm dự án", [group_text(g) for g in ProjectGroup]),
        "level": ("Cấp quyết định đầu tư", [d.label for d in DecidingLevel]),
        "investor": ("Chủ đầu tư", refs.investor_names),
        "commune": ("Xã, phường, đặc khu", refs.commune_names),
        "source": ("Nguồn vốn", [s.label for s in CapitalSource]),
    }


# Where each list sits on the guide sheet; the drop-down lists of the project sheet point there.
_LIST_COLUMNS = {"field": "F", "group": "G", "level": "H", "investor": "I", "commune": "J", "source": "K"}


def template_bytes(session: Session, actor: Actor) -> bytes:
    """The workbook to fill in: sheet «Dự án» (headers, one example row that would import as it is, dated from
    today; text cells, drop-down lists) and «Hướng dẫn» (every column explained, the allowed values)."""
    _require_importer(actor)
    refs = _refs(session, actor)
    today = local_today()
    examples = {C_PREPARATION: fmt_date(today), C_START: fmt_date(today + timedelta(days=90)),
                C_END: fmt_date(today.replace(year=today.year + 3, day=28 if today.day > 28 else today.day))}
    if refs.investor_names:
        examples[C_INVESTOR] = refs.investor_names[0]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for i, col in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(name=_FONT, bold=True)
        cell.fill = _REQUIRED_FILL if col.required else _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(i)].width = col.width
        example = examples.get(col.header, col.example)
        # Text cells: "05/03/2026" stays as typed whatever the computer's date settings.
        for row in range(2, TEMPLATE_ROWS + 2):
            target = ws.cell(row=row, column=i)
            target.number_format = "@"
            target.font = Font(name=_FONT, italic=row == 2)
        ws.cell(row=2, column=i, value=example or None)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "C2"
    _write_guide(wb.create_sheet(SHEET_GUIDE), refs, int(settings.get(session, "project_entry_working_days")))
    _add_lists(ws, refs)
    return save_workbook(wb)


def _write_guide(ws, refs: _Refs, entry_days: int) -> None:  # noqa: ANN001
    bold, plain = Font(name=_FONT, bold=True), Font(name=_FONT)
    ws.cell(row=1, column=1, value="HƯỚNG DẪN NHẬP DỰ ÁN TỪ TỆP EXCEL").font = Font(name=_FONT, bold=True, size=13)
    for i, note in enumerate(texts.PXL_GUIDE_NOTES, 2):
        ws.cell(row=i, column=1, value=note).font = plain
    top = len(texts.PXL_GUIDE_NOTES) + 3
    for j, title in enumerate(["Cột", "Bắt buộc", "Cách nhập", "Ví dụ"], 1):
        cell = ws.cell(row=top, column=j, value=title)
        cell.font, cell.fill, cell.border = bold, _HEAD_FILL, _BORDER
    for i, col in enumerate(COLUMNS, top + 1):
        how = col.how.format(days=entry_days)   # the setting of art. 9.1, as the administrator set it
        for j, value in enumerate([col.header, vi.YES if col.required else "", how, col.example], 1):
            cell = ws.cell(row=i, column=j, value=value)
            cell.font, cell.border = plain, _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDE", (26, 10, 60, 26, 3)):
        ws.column_dimensions[letter].width = width
    fields_top = top + len(COLUMNS) + 2
    ws.cell(row=fields_top, column=1, value="Các loại lĩnh vực (Luật Đầu tư công 58/2024/QH15)").font = bold
    for i, value in enumerate(ProjectField, fields_top + 1):
        ws.cell(row=i, column=1, value=field_text(value)).font = plain
        text = ws.cell(row=i, column=3, value=value.label)
        text.font, text.alignment = plain, Alignment(wrap_text=True, vertical="top")
    for key, (title, values) in _lists(refs).items():
        letter = _LIST_COLUMNS[key]
        head = ws[f"{letter}1"]
        head.value, head.font, head.fill, head.border = title, bold, _HEAD_FILL, _BORDER
        for i, value in enumerate(values, 2):
            cell = ws[f"{letter}{i}"]
            cell.value, cell.font, cell.number_format = value, plain, "@"
        ws.column_dimensions[letter].width = {"investor": 40, "commune": 26, "source": 28}.get(key, 18)


def _add_lists(ws, refs: _Refs) -> None:  # noqa: ANN001
    """Drop-down lists (Excel still accepts a pasted value; the import checks it again)."""
    last = TEMPLATE_ROWS + 1
    for key, header in (("field", C_FIELD), ("group", C_GROUP), ("level", C_LEVEL), ("investor", C_INVESTOR)):
        values = _lists(refs)[key][1]
        if not values:
            continue
        letter = _LIST_COLUMNS[key]
        dv = DataValidation(type="list", formula1=f"'{SHEET_GUIDE}'!${letter}$2:${letter}${len(values) + 1}",
                            allow_blank=True, showErrorMessage=True, errorStyle="warning",
                            error="Giá trị không có trong danh sách ở trang «Hướng dẫn».")
        column = get_column_letter(HEADERS.index(header) + 1)
        dv.add(f"{column}2:{column}{last}")
        ws.add_data_validation(dv)


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
    return " ".join((nfc(str(value)) or "").split())


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
    raise _Bad(texts.PXL_DATE.format(value=_text(value)))


def _money(value: Any) -> int | None:
    """Whole đồng: a number cell, or text with «.» (or spaces) between thousands."""
    if isinstance(value, bool):
        raise _Bad(vi.XL_BOOLEAN_CELL)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Bad(texts.PXL_MONEY.format(value=_text(value)))
    text = _text(value).removesuffix("đồng").removesuffix("đ").strip()
    if not _MONEY_RE.match(text):
        raise _Bad(texts.PXL_MONEY.format(value=_text(value)))
    return int(re.sub(r"[. ]", "", text))


def _field(value: Any) -> ProjectField:
    key = fold(_text(value))
    for member in ProjectField:
        n = str(member.field_class)
        if key in (n, f"loai {n}", fold(member.label), member.value) or key.startswith(f"loai {n}:"):
            return member
    raise _Bad(texts.PXL_FIELD.format(value=_text(value)))


def _group(value: Any) -> ProjectGroup:
    key = fold(_text(value))
    for member in ProjectGroup:
        names = {fold(member.label), fold(group_text(member)), member.value}
        if member == ProjectGroup.NATIONAL:
            names |= {"quan trong quoc gia", "qtqg"}
        if key in names:
            return member
    raise _Bad(texts.PXL_GROUP.format(value=_text(value)))


def _level(value: Any) -> DecidingLevel:
    key = fold(_text(value))
    for member in DecidingLevel:
        if key in (fold(member.label), fold(member.label).removeprefix("cap "), member.value):
            return member
    raise _Bad(texts.PXL_LEVEL.format(value=_text(value)))


def _investor(refs: _Refs, value: Any) -> int:
    """The unit of that name (or code), an active one first; an inactive one is refused by `records` (with its
    message), and whether the importer may name the unit is the service's rule too."""
    text = _text(value)
    found = refs.investors.get(fold(text), [])
    if not found:
        raise _Bad(texts.PXL_INVESTOR_UNKNOWN.format(value=text))
    return next((unit_id for unit_id, active in found if active), found[0][0])


def _communes(refs: _Refs, value: Any) -> list[records.LocationInput]:
    places = []
    for part in re.split(r"[;\n]", _text(value)):
        name = part.strip()
        if not name:
            continue
        commune_id = refs.communes.get(fold(name))
        if commune_id is None:
            raise _Bad(texts.PXL_COMMUNE_UNKNOWN.format(value=name))
        places.append(records.LocationInput(commune_id))
    return places


# ---------------------------------------------------------------- one row

@dataclass
class _Row:
    number: int
    cells: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)
    data: records.ProjectInput | None = None

    def bad(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))


def _read_row(row: _Row, refs: _Refs) -> None:
    cells = row.cells

    def read(column: str, reader):  # noqa: ANN001, ANN202
        if not _text(cells.get(column)):
            return None
        try:
            return reader(cells.get(column))
        except _Bad as error:
            row.bad(column, str(error))
            return None

    for col in COLUMNS:
        if col.required and not _text(cells.get(col.header)):
            row.bad(col.header, texts.PXL_REQUIRED.format(column=col.header))
    field_value = read(C_FIELD, _field)
    group = read(C_GROUP, _group)
    level = read(C_LEVEL, _level)
    investor = read(C_INVESTOR, lambda v: _investor(refs, v))
    places = read(C_PLACES, lambda v: _communes(refs, v))
    total = read(C_TOTAL, _money)
    sources = {}
    for source, header in C_SOURCES.items():
        amount = read(header, _money)
        if amount is not None:
            sources[source] = amount
    start, end, preparation = (read(c, _date) for c in (C_START, C_END, C_PREPARATION))
    if row.errors:
        return
    row.data = records.ProjectInput(
        code=_text(cells.get(C_CODE)), name=_text(cells.get(C_NAME)), field=field_value, total_investment=total,
        planned_start=start, planned_end=end, phases=records.PhaseDates(preparation_start=preparation),
        locations=places or [], group=group, deciding_level=level, investor_unit_id=investor,
        management_form=_text(cells.get(C_FORM)), capital_sources=sources)


def _service_error(row: _Row, error: DomainError) -> RowError:
    """A refusal of `records` on the cell it is about (the capital source it names, when it names one)."""
    column = _FIELD_COLUMNS.get(error.field or "", "")
    if error.field == "capital_sources":
        column = next((header for source, header in C_SOURCES.items() if f"«{source.label}»" in str(error)),
                      C_TOTAL)
    elif isinstance(error, PermissionDenied):
        column = C_INVESTOR
    return RowError(row.number, column, str(error))


# ---------------------------------------------------------------- the workbook

def _open(session: Session, data: bytes) -> tuple[list[_Row] | None, list[RowError]]:
    limit = attachments.max_upload_bytes(session)
    if len(data) > limit:
        return None, [RowError(0, "", texts.PXL_TOO_BIG.format(mb=limit // (1024 * 1024)))]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None, [RowError(0, "", texts.PXL_XLS)]
    try:
        with excel_reader.open_workbook(data) as wb:
            return _read_sheet(wb)
    except excel_reader.NotAWorkbook:
        return None, [RowError(0, "", texts.PXL_NOT_XLSX)]
    except excel_reader.WorkbookRefused as error:
        return None, [RowError(0, "", str(error))]


def _read_sheet(wb) -> tuple[list[_Row] | None, list[RowError]]:  # noqa: ANN001
    sheet = excel_reader.find_sheet(wb, SHEET)
    if sheet is None:
        return None, [RowError(0, "", texts.PXL_NO_SHEET.format(sheet=SHEET))]
    rows = excel_reader.rows(sheet, max_rows=MAX_ROWS)
    _, header = next(rows, (1, ()))
    positions: dict[str, int] = {}
    for i, title in enumerate(header):
        col = _BY_FOLDED.get(fold(_text(title)).rstrip(" *"))
        if col is not None and col.header not in positions:
            positions[col.header] = i
    missing = [RowError(1, c.header, texts.PXL_MISSING_COLUMN.format(column=c.header))
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
        return None, [RowError(0, "", texts.PXL_NO_ROWS)]
    return parsed, []


def _mark_duplicates(rows: list[_Row]) -> None:
    """A code written on two rows of the file: the later rows are refused, naming the first."""
    first: dict[str, int] = {}
    for row in rows:
        code = re.sub(r"\s+", "", _text(row.cells.get(C_CODE))).upper()
        if not code:
            continue
        if code in first:
            row.bad(C_CODE, texts.PXL_CODE_TWICE.format(code=code, first=first[code]))
        else:
            first[code] = row.number


def import_workbook(session: Session, actor: Actor, data: bytes, now: datetime | None = None) -> ImportResult:
    """Check every row; if all are valid, create every project in this transaction (entry lateness computed for
    each). Nothing is written when any row has an error: the result then lists every error by row and column."""
    _require_importer(actor)
    now = now or utcnow()
    rows, errors = _open(session, data)
    if rows is None:
        return ImportResult(errors)
    refs = _refs(session, actor)
    # Every unit held for the import's length: the session's identity map keeps only weak references, and the
    # checks of each row look up its investor and communes by id (without this, a query per look-up).
    units = session.scalars(sa.select(Unit)).all()
    for row in rows:
        _read_row(row, refs)
    _mark_duplicates(rows)
    for row in rows:
        if row.errors or row.data is None:
            continue
        try:
            records.check_new_project(session, actor, row.data, now, bulk=True)
        except DomainError as error:
            row.errors.append(_service_error(row, error))
    errors = sorted((e for r in rows for e in r.errors),
                    key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else -1))
    if errors:
        return ImportResult(errors)
    result = ImportResult()
    for row in rows:
        try:
            project_id = records.create_project(session, actor, row.data, now, bulk=True)
        except DomainError as error:  # e.g. the same code saved by someone else a moment ago
            session.rollback()
            return ImportResult([_service_error(row, error)])
        result.project_ids.append(project_id)
    del units
    result.late = int(session.scalar(sa.select(sa.func.count()).select_from(Project).where(
        Project.id.in_(result.project_ids), Project.entry_late_days > 0)) or 0)
    return result

