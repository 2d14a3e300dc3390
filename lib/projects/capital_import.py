"""Bulk entry of capital plan lines from an Excel workbook (issue 10 item 9; seed 000 art. 5.6, 11.1): one row per
line — mã dự án, năm, nguồn vốn, loại (giao / điều chỉnh / năm trước chuyển sang), số tiền (đồng), số quyết định,
ngày quyết định, cơ quan ban hành.

`template_bytes` gives the workbook to fill in; `import_workbook` reads it through `lib.core.excel_reader` (the
hostile-safe reader), checks every row with the rules of `capital.check_plan_line` (the lines of the same project,
year and source add up in file order), reports every error by row and column in Vietnamese, and writes nothing
unless every row is valid. Who: the Department of Finance (any public project) and the investors' editors (their
own projects)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from sqlalchemy.orm import Session

from lib.core.excel_reader import RowError
from lib.core import excel_reader
from lib.core.access import Actor, subtree_ids
from lib.core.calendar import to_local
from lib.core.enums import Role
from lib.core.errors import DomainError, PermissionDenied
from lib.core.excel import save_workbook
from lib.core.format import fmt_date
from lib.core.models.base import utcnow
from lib.core.services import attachments
from lib.core.text import fold, nfc
from lib.projects import capital, records, texts
from lib.projects.enums import CapitalPlanKind, CapitalSource, ProjectKind
from lib.projects.models import Project

SHEET = "Kế hoạch vốn"
SHEET_GUIDE = "Hướng dẫn"
FILE_NAME = "mau_nhap_ke_hoach_von.xlsx"

C_CODE = "Mã dự án"
C_YEAR = "Năm"
C_SOURCE = "Nguồn vốn"
C_KIND = "Loại"
C_AMOUNT = "Số tiền (đồng)"
C_NUMBER = "Số quyết định"
C_DATE = "Ngày quyết định"
C_ISSUER = "Cơ quan ban hành"
HEADERS = (C_CODE, C_YEAR, C_SOURCE, C_KIND, C_AMOUNT, C_NUMBER, C_DATE, C_ISSUER)
HOW = {
    C_CODE: "Mã dự án như trong phần mềm (xem danh sách bên phải).",
    C_YEAR: "Năm kế hoạch, bốn chữ số, ví dụ 2026.",
    C_SOURCE: "Ngân sách trung ương, Ngân sách tỉnh, Ngân sách xã, Vốn ODA, vốn vay ưu đãi hoặc Nguồn vốn khác.",
    C_KIND: "giao, điều chỉnh hoặc năm trước chuyển sang.",
    C_AMOUNT: "Số nguyên đồng; dòng «điều chỉnh» ghi số âm khi giảm kế hoạch vốn.",
    C_NUMBER: "Số, ký hiệu quyết định giao hoặc điều chỉnh kế hoạch vốn, ví dụ 125/QĐ-UBND.",
    C_DATE: "Ngày quyết định, dạng dd/mm/yyyy.",
    C_ISSUER: "Cơ quan ban hành quyết định, ví dụ UBND tỉnh Đồng Tháp.",
}
_FIELD_COLUMN = {"year": C_YEAR, "source": C_SOURCE, "kind": C_KIND, "amount": C_AMOUNT,
                 "decision_number": C_NUMBER, "decision_date": C_DATE, "issuer": C_ISSUER, "month_from": C_YEAR}
_KINDS = {"giao": CapitalPlanKind.ALLOCATED, "ke hoach von giao": CapitalPlanKind.ALLOCATED,
          "dieu chinh": CapitalPlanKind.ADJUSTED, "dieu chinh ke hoach von": CapitalPlanKind.ADJUSTED,
          "nam truoc chuyen sang": CapitalPlanKind.CARRIED_OVER, "chuyen sang": CapitalPlanKind.CARRIED_OVER,
          "ke hoach von nam truoc chuyen sang": CapitalPlanKind.CARRIED_OVER, "keo dai": CapitalPlanKind.CARRIED_OVER}
_SOURCES = {fold(s.label): s for s in CapitalSource} | {"oda": CapitalSource.ODA_LOAN,
                                                        "ngan sach trung uong": CapitalSource.CENTRAL_BUDGET,
                                                        "ns trung uong": CapitalSource.CENTRAL_BUDGET,
                                                        "ns tinh": CapitalSource.PROVINCE_BUDGET,
                                                        "ns xa": CapitalSource.COMMUNE_BUDGET,
                                                        "khac": CapitalSource.OTHER}
_DATE_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
ERR_NOT_XLSX = ("Tệp tải lên không phải là tệp Excel (.xlsx). Hãy tải tệp mẫu, nhập dữ liệu rồi lưu dưới dạng "
                "«Excel Workbook (.xlsx)».")
ERR_NO_SHEET = "Tệp không có trang tính «{sheet}». Hãy dùng tệp mẫu tải về từ phần mềm."
ERR_MISSING_COLUMN = "Thiếu cột «{column}» ở dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu tải về từ phần mềm."
ERR_NO_ROWS = "Tệp không có dòng dữ liệu nào (dữ liệu bắt đầu từ dòng 2, dưới dòng tiêu đề)."
ERR_DATE = "Ngày «{value}» không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026."
ERR_TOO_BIG = "Tệp tải lên lớn hơn giới hạn {mb} MB."




@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    line_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Bad(Exception):
    pass


def _require_importer(actor: Actor) -> None:
    if not actor.has(Role.PLANNING_OFFICER, *records.INVESTOR_WRITER_ROLES):
        raise PermissionDenied(texts.CAP_IMPORT_ROLE)


def template_bytes(session: Session, actor: Actor) -> bytes:
    """The workbook: sheet «Kế hoạch vốn» (headers, an example) and «Hướng dẫn» (columns, the actor's projects)."""
    _require_importer(actor)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for i, header in enumerate(HEADERS, 1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[cell.column_letter].width = 22
        for row in range(2, 302):
            ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(SHEET_GUIDE)
    guide.append(["Cột", "Cách ghi"])
    for header in HEADERS:
        guide.append([header, HOW[header]])
    guide.append([])
    guide.append(["Mã dự án", "Tên dự án"])
    for row in records.list_projects(session, actor):
        if row.kind == ProjectKind.PUBLIC:
            guide.append([row.code, row.name])
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 90
    return save_workbook(wb)


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


def _int(value: Any, message: str) -> int:
    if isinstance(value, bool):
        raise _Bad(message.format(value=value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Bad(message.format(value=_text(value)))
    text = re.sub(r"[\s.]|đồng$|đ$", "", _text(value).lower())
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise _Bad(message.format(value=_text(value)))


def _date(value: Any) -> date:
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


def _read(data: bytes, limit: int) -> tuple[list[tuple[int, dict[str, Any]]] | None, list[RowError]]:
    if len(data) > limit:
        return None, [RowError(0, "", ERR_TOO_BIG.format(mb=limit // (1024 * 1024)))]
    try:
        with excel_reader.open_workbook(data) as wb:
            sheet = excel_reader.find_sheet(wb, SHEET)
            if sheet is None:
                return None, [RowError(0, "", ERR_NO_SHEET.format(sheet=SHEET))]
            rows = excel_reader.rows(sheet)
            _, header = next(rows, (1, ()))
            wanted = {fold(h): h for h in HEADERS}
            positions: dict[str, int] = {}
            for i, title in enumerate(header):
                name = wanted.get(fold(_text(title)).rstrip(" *"))
                if name is not None and name not in positions:
                    positions[name] = i
            missing = [RowError(1, h, ERR_MISSING_COLUMN.format(column=h)) for h in HEADERS if h not in positions]
            if missing:
                return None, missing
            parsed = []
            for number, values in rows:
                cells = {h: values[i] if i < len(values) else None for h, i in positions.items()}
                if any(_text(v) for v in cells.values()):
                    parsed.append((number, cells))
    except excel_reader.NotAWorkbook:
        return None, [RowError(0, "", ERR_NOT_XLSX)]
    except excel_reader.WorkbookRefused as error:
        return None, [RowError(0, "", str(error))]
    if not parsed:
        return None, [RowError(0, "", ERR_NO_ROWS)]
    return parsed, []


def import_workbook(session: Session, actor: Actor, data: bytes, now: datetime | None = None) -> ImportResult:
    """Check every row; if all are valid, add every plan line in this transaction; otherwise write nothing and
    return every error by row and column."""
    _require_importer(actor)
    today = to_local(now or utcnow()).date()
    rows, errors = _read(data, attachments.max_upload_bytes(session))
    if rows is None:
        return ImportResult(errors)
    codes = {fold(_text(cells.get(C_CODE))).upper() for _, cells in rows}
    projects = {fold(p.code).upper(): p for p in session.scalars(
        sa.select(Project).where(sa.func.upper(Project.code).in_([c for c in codes if c])))}
    own = subtree_ids(session, actor.unit_id)
    wide = actor.has(Role.PLANNING_OFFICER)
    pending: dict[tuple[int, int, CapitalSource], int] = {}
    valid: list[tuple[Project, capital.PlanLineInput]] = []
    for number, cells in rows:
        row_errors: list[RowError] = []

        def read(column: str, reader):  # noqa: ANN001, ANN202
            raw = cells.get(column)
            if not _text(raw):
                row_errors.append(RowError(number, column, texts.CAP_IMPORT_REQUIRED.format(column=column)))
                return None
            try:
                return reader(raw)
            except _Bad as error:
                row_errors.append(RowError(number, column, str(error)))
                return None

        code = _text(cells.get(C_CODE))
        project = projects.get(fold(code).upper()) if code else None
        if not code:
            row_errors.append(RowError(number, C_CODE, texts.CAP_IMPORT_REQUIRED.format(column=C_CODE)))
        elif project is None:
            row_errors.append(RowError(number, C_CODE, texts.CAP_IMPORT_UNKNOWN_PROJECT.format(code=code)))
        elif not wide and (project.investor_unit_id not in own or not actor.has(*records.INVESTOR_WRITER_ROLES)):
            row_errors.append(RowError(number, C_CODE, texts.CAP_IMPORT_OUT_OF_SCOPE.format(code=project.code)))
            project = None
        year = read(C_YEAR, lambda v: _int(v, texts.CAP_IMPORT_YEAR))
        source = read(C_SOURCE, lambda v: _lookup(_SOURCES, v, texts.CAP_IMPORT_SOURCE))
        kind = read(C_KIND, lambda v: _lookup(_KINDS, v, texts.CAP_IMPORT_KIND))
        amount = read(C_AMOUNT, lambda v: _int(v, texts.CAP_IMPORT_AMOUNT))
        number_text = read(C_NUMBER, _text)
        decided = read(C_DATE, _date)
        issuer = read(C_ISSUER, _text)
        if project is not None and not row_errors:
            line = capital.PlanLineInput(year, source, kind, amount, number_text, decided, issuer)
            key = (project.id, year, source)
            try:
                clean = capital.check_plan_line(session, project, line, today, pending.get(key, 0))
            except DomainError as error:
                column = C_CODE if project.kind == ProjectKind.PRIVATE else _FIELD_COLUMN.get(error.field or "",
                                                                                               C_AMOUNT)
                row_errors.append(RowError(number, column, str(error)))
            else:
                pending[key] = pending.get(key, 0) + clean.amount
                valid.append((project, clean))
        errors.extend(row_errors)
    if errors:
        return ImportResult(sorted(errors, key=lambda e: (e.row, HEADERS.index(e.column)
                                                          if e.column in HEADERS else -1)))
    result = ImportResult()
    for project, clean in valid:
        result.line_ids.append(capital.add_plan_line(session, actor, project.id, clean, now=now))
    return result


def _lookup(table: dict[str, Any], value: Any, message: str) -> Any:
    found = table.get(fold(_text(value)))
    if found is None:
        raise _Bad(message.format(value=_text(value)))
    return found
