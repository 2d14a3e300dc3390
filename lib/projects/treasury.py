"""Sở Tài chính and the State Treasury (seed 000 art. 11, with art. 9.3–9.4; issue 10 item 6).

Art. 11.1: «phối hợp chặt chẽ với Kho bạc Nhà nước … tổng hợp số liệu giải ngân đầu tư công định kỳ của các chủ đầu
tư»; art. 11.3: «theo dõi, giám sát tiến độ giải ngân dựa trên báo cáo của các chủ đầu tư, đối soát với dữ liệu tổng
hợp tại Khoản 1 … để kịp thời theo dõi, đôn đốc tiến độ thực hiện của các chủ đầu tư».

- `import_treasury`: the Treasury's figures from the Excel template (chủ đầu tư, mã dự án, nguồn vốn, tháng, số
  tiền), read through the hostile-safe reader, every error by row and column, all or nothing; the file is kept as an
  attachment; a new file for the same period supersedes the earlier one (kept, marked superseded).
- `reconciliation`: every difference between what the investors entered (art. 9.4) and what the Treasury reports,
  by investor, project, source and month, with the investor's explanation (`save_explanation`).
- `missing_reports` / `remind`: the investors whose monthly report (art. 9.3) is missing, and the reminder that
  the investor then sees on its home page (`reminders_for`).

Which Treasury figures count: for each month, those of the latest non-superseded file of that year that has rows
for that month (a file may cover one month or every month since January). Only months some Treasury file covers are
compared: a month without Treasury figures has nothing to reconcile yet.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from lib.core.excel_reader import RowError
from lib.core import audit, excel_reader
from lib.core.access import Actor, subtree_ids
from lib.core.calendar import local_today
from lib.core.enums import AuditAction, Role
from lib.core.errors import ConflictError, PermissionDenied, ValidationError
from lib.core.excel import save_workbook
from lib.core.format import fmt_money, parse_money
from lib.core.models import AuditLog, Unit
from lib.core.models.base import utcnow
from lib.core.services import attachments
from lib.core.text import fold, nfc
from lib.core.text import fold as _fold
from lib.projects import records, texts
from lib.projects.enums import CapitalSource, ProjectKind, ProjectStatus
from lib.projects.finance_models import (
    Disbursement, InvestorMonthlyReport, ReconciliationNote, TreasuryFigure, TreasuryImport,
)
from lib.projects.models import Project

OWNER_TREASURY = "treasury_import"
REMINDER_ENTITY = "finance_reminders"
SHEET = "Số liệu Kho bạc"
SHEET_GUIDE = "Hướng dẫn"
TEMPLATE_NAME = "mau_so_lieu_kho_bac.xlsx"
MAX_ROWS = excel_reader.MAX_IMPORT_ROWS
TEMPLATE_ROWS = 300

# Who imports the Treasury's figures and reminds investors (art. 11.1, 11.3); who reads the province's figures.
IMPORT_ROLES = frozenset({Role.PLANNING_OFFICER, Role.SYSTEM_ADMIN})
WIDE_ROLES = records.PROJECT_WIDE_ROLES

C_INVESTOR = "Chủ đầu tư"
C_CODE = "Mã dự án"
C_SOURCE = "Nguồn vốn"
C_MONTH = "Tháng (mm/yyyy)"
C_AMOUNT = "Số tiền (đồng)"
HEADERS = (C_INVESTOR, C_CODE, C_SOURCE, C_MONTH, C_AMOUNT)
_GUIDE = {
    C_INVESTOR: ("Mã đơn vị chủ đầu tư (hoặc tên đầy đủ), xem danh sách bên phải.", "SXD"),
    C_CODE: ("Mã dự án trong phần mềm, xem danh sách bên phải.", "DT-2024-001"),
    C_SOURCE: ("Một trong: " + "; ".join(s.label for s in CapitalSource) + ".", CapitalSource.PROVINCE_BUDGET.label),
    C_MONTH: ("Tháng giải ngân, dạng mm/yyyy; không sau kỳ số liệu và không phải tháng chưa tới.", "05/2026"),
    C_AMOUNT: ("Số tiền Kho bạc đã giải ngân trong tháng, số nguyên đồng, không âm.", "1250000000"),
}
# Short names the Treasury's files use for the sources, besides the labels.
_SOURCE_ALIASES = {
    "nstw": CapitalSource.CENTRAL_BUDGET, "ns trung uong": CapitalSource.CENTRAL_BUDGET,
    "trung uong": CapitalSource.CENTRAL_BUDGET, "nsdp tinh": CapitalSource.PROVINCE_BUDGET,
    "nst": CapitalSource.PROVINCE_BUDGET, "ns tinh": CapitalSource.PROVINCE_BUDGET,
    "ngan sach dia phuong": CapitalSource.PROVINCE_BUDGET, "nsx": CapitalSource.COMMUNE_BUDGET,
    "ns xa": CapitalSource.COMMUNE_BUDGET, "oda": CapitalSource.ODA_LOAN, "von vay": CapitalSource.ODA_LOAN,
    "khac": CapitalSource.OTHER,
}
_MONTH_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")


def _period(year: int, month: int) -> str:
    return f"{month:02d}/{year}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join((nfc(str(value)) or "").split())


# ---------------------------------------------------------------- results



@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    import_id: int | None = None
    rows: int = 0
    superseded: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportRow:
    id: int
    year: int
    month: int
    file_name: str
    row_count: int
    imported_at: datetime
    imported_by: str
    superseded: bool
    attachment_id: int | None


# ---------------------------------------------------------------- reference data

@dataclass(frozen=True)
class _Refs:
    units: dict[str, tuple[int, str]]          # folded code and folded name -> (id, name)
    unit_names: dict[int, str]
    projects: dict[str, tuple[int, int, str, ProjectKind]]   # folded code -> (id, investor id, code, kind)


def _refs(session: Session) -> _Refs:
    units: dict[str, tuple[int, str]] = {}
    names: dict[int, str] = {}
    for unit_id, code, name in session.execute(sa.select(Unit.id, Unit.code, Unit.name)):
        names[unit_id] = name
        units.setdefault(fold(name), (unit_id, name))
        if code:
            units[fold(code)] = (unit_id, name)
    projects = {fold(code): (pid, investor, code, kind) for pid, investor, code, kind in session.execute(
        sa.select(Project.id, Project.investor_unit_id, Project.code, Project.kind))}
    return _Refs(units, names, projects)


_SOURCES: dict[str, CapitalSource] = {}


def _source(value: str, folded: Callable[[str], str] = fold) -> CapitalSource | None:
    if not _SOURCES:
        _SOURCES.update(_SOURCE_ALIASES)
        for source in CapitalSource:
            _SOURCES[fold(source.label)] = _SOURCES[fold(source.value)] = source
    return _SOURCES.get(folded(value))


# ---------------------------------------------------------------- the template

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="FCE4D6")
_FONT = "Times New Roman"


def template_bytes(session: Session, actor: Actor) -> bytes:
    """The workbook to fill in: sheet «Số liệu Kho bạc» (headers, text cells) and «Hướng dẫn» (the columns, the
    investors and the projects with their codes)."""
    _require_import(actor)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    widths = (26, 18, 26, 16, 20)
    for i, (header, width) in enumerate(zip(HEADERS, widths), 1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font, cell.fill, cell.border = Font(name=_FONT, bold=True), _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
        for row in range(2, TEMPLATE_ROWS + 2):  # text cells: «05/2026» stays as typed
            ws.cell(row=row, column=i).number_format = "@" if header != C_AMOUNT else "#,##0"
    ws.freeze_panes = "A2"

    guide = wb.create_sheet(SHEET_GUIDE)
    bold, plain = Font(name=_FONT, bold=True), Font(name=_FONT)
    guide.cell(row=1, column=1, value="HƯỚNG DẪN NHẬP SỐ LIỆU GIẢI NGÂN CỦA KHO BẠC NHÀ NƯỚC").font = \
        Font(name=_FONT, bold=True, size=13)
    guide.cell(row=2, column=1, value="Mỗi dòng là số tiền Kho bạc đã giải ngân cho một dự án, một nguồn vốn, trong "
               "một tháng. Phần mềm kiểm tra toàn bộ tệp: còn lỗi ở bất kỳ dòng nào thì chưa nhập dòng nào.").font = plain
    for j, title in enumerate(("Cột", "Cách nhập", "Ví dụ"), 1):
        cell = guide.cell(row=4, column=j, value=title)
        cell.font, cell.border = bold, _BORDER
    for i, header in enumerate(HEADERS, 5):
        how, example = _GUIDE[header]
        for j, value in enumerate((header, how, example), 1):
            cell = guide.cell(row=i, column=j, value=value)
            cell.font, cell.border, cell.number_format = plain, _BORDER, "@"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDEFGHI", (20, 60, 24, 3, 14, 40, 3, 16, 60)):
        guide.column_dimensions[letter].width = width
    investors = session.execute(
        sa.select(Unit.code, Unit.name).where(Unit.id.in_(sa.select(Project.investor_unit_id).where(
            Project.kind == ProjectKind.PUBLIC))).order_by(Unit.name)).all()
    projects = session.execute(sa.select(Project.code, Project.name).where(Project.kind == ProjectKind.PUBLIC)
                               .order_by(Project.code)).all()
    for col, title, values in ((5, "Mã đơn vị", investors), (8, "Mã dự án", projects)):
        guide.cell(row=1, column=col, value=title).font = bold
        guide.cell(row=1, column=col + 1, value="Tên").font = bold
        for i, (code, name) in enumerate(values, 2):
            guide.cell(row=i, column=col, value=code).number_format = "@"
            guide.cell(row=i, column=col + 1, value=name)
    return save_workbook(wb)


# ---------------------------------------------------------------- the import

def _require_import(actor: Actor) -> None:
    if not actor.has(*IMPORT_ROLES):
        raise PermissionDenied(texts.FIN_IMPORT_ONLY)


def _require_wide(actor: Actor) -> None:
    if not actor.has(*WIDE_ROLES):
        raise PermissionDenied(texts.FIN_WIDE_ONLY)


def check_period(year: int, month: int, today: date | None = None) -> None:
    today = today or local_today()
    if not (1 <= month <= 12) or not (2000 <= year <= today.year + 1):
        raise ValidationError(texts.FIN_PERIOD_INVALID.format(year=year), field="period")
    if (year, month) > (today.year, today.month):
        raise ValidationError(texts.FIN_PERIOD_FUTURE.format(month=_period(year, month)), field="period")


@dataclass
class _Parsed:
    row: int
    investor_id: int
    project_id: int
    code: str
    source: CapitalSource
    month: int
    amount: int


def _read(data: bytes, limit: int) -> tuple[list[tuple[int, dict[str, Any]]] | None, list[RowError]]:
    if len(data) > limit:
        return None, [RowError(0, "", texts.FIN_TOO_BIG.format(mb=limit // (1024 * 1024)))]
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None, [RowError(0, "", texts.FIN_XLS)]
    try:
        with excel_reader.open_workbook(data) as wb:
            sheet = excel_reader.find_sheet(wb, SHEET) or wb.worksheets[0]
            rows = excel_reader.rows(sheet, max_rows=MAX_ROWS)
            _, header = next(rows, (1, ()))
            wanted = {fold(h).split("(")[0].strip(): h for h in HEADERS}
            positions: dict[str, int] = {}
            for i, title in enumerate(header):
                h = wanted.get(fold(_text(title)).split("(")[0].rstrip(" *").strip())
                if h is not None and h not in positions:
                    positions[h] = i
            missing = [RowError(1, h, texts.FIN_MISSING_COLUMN.format(column=h)) for h in HEADERS
                       if h not in positions]
            if missing:
                return None, missing
            found = []
            for number, values in rows:
                cells = {h: values[i] if i < len(values) else None for h, i in positions.items()}
                if all(not _text(v) for v in cells.values()):
                    continue
                found.append((number, cells))
    except excel_reader.NotAWorkbook:
        return None, [RowError(0, "", texts.FIN_NOT_XLSX)]
    except excel_reader.WorkbookRefused as error:
        return None, [RowError(0, "", str(error))]
    if not found:
        return None, [RowError(0, "", texts.FIN_NO_ROWS)]
    return found, []


def _month(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (datetime, date)):
        return value.year, value.month
    match = _MONTH_RE.match(_text(value))
    if not match:
        return None
    month, year = int(match.group(1)), int(match.group(2))
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def _amount(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value)
    try:
        return parse_money(text)
    except ValidationError:
        return None


def _check_rows(rows: list[tuple[int, dict[str, Any]]], refs: _Refs, year: int, month: int,
                today: date) -> tuple[list[_Parsed], list[RowError]]:
    parsed: list[_Parsed] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, CapitalSource, int], int] = {}
    choices = "; ".join(s.label for s in CapitalSource)
    fold = functools.lru_cache(maxsize=None)(_fold)  # a file repeats the same investors, codes and sources
    for number, cells in rows:
        bad: list[RowError] = []
        values = {h: _text(cells.get(h)) for h in HEADERS}
        for h in HEADERS:
            if not values[h]:
                bad.append(RowError(number, h, texts.FIN_REQUIRED.format(column=h)))
        investor = refs.units.get(fold(values[C_INVESTOR])) if values[C_INVESTOR] else None
        if values[C_INVESTOR] and investor is None:
            bad.append(RowError(number, C_INVESTOR, texts.FIN_INVESTOR_UNKNOWN.format(value=values[C_INVESTOR])))
        project = refs.projects.get(fold(values[C_CODE])) if values[C_CODE] else None
        if values[C_CODE] and project is None:
            bad.append(RowError(number, C_CODE, texts.FIN_PROJECT_UNKNOWN.format(value=values[C_CODE])))
        elif project is not None and project[3] == ProjectKind.PRIVATE:
            bad.append(RowError(number, C_CODE, texts.FIN_PROJECT_PRIVATE.format(code=project[2])))
        elif project is not None and investor is not None and project[1] != investor[0]:
            bad.append(RowError(number, C_INVESTOR, texts.FIN_NOT_INVESTOR.format(
                given=values[C_INVESTOR], code=project[2], investor=refs.unit_names.get(project[1], ""))))
        source = _source(values[C_SOURCE], fold) if values[C_SOURCE] else None
        if values[C_SOURCE] and source is None:
            bad.append(RowError(number, C_SOURCE, texts.FIN_SOURCE_UNKNOWN.format(value=values[C_SOURCE],
                                                                                   choices=choices)))
        ym = _month(cells.get(C_MONTH)) if values[C_MONTH] else None
        if values[C_MONTH] and ym is None:
            bad.append(RowError(number, C_MONTH, texts.FIN_MONTH_INVALID.format(value=values[C_MONTH])))
        elif ym is not None and ym > (today.year, today.month):
            bad.append(RowError(number, C_MONTH, texts.FIN_MONTH_FUTURE.format(month=_period(*ym))))
        elif ym is not None and (ym[0] != year or ym[1] > month):
            bad.append(RowError(number, C_MONTH, texts.FIN_MONTH_OUTSIDE.format(
                month=_period(*ym), year=year, period=_period(year, month))))
        amount = _amount(cells.get(C_AMOUNT)) if values[C_AMOUNT] else None
        if values[C_AMOUNT] and amount is None:
            bad.append(RowError(number, C_AMOUNT, texts.FIN_AMOUNT_INVALID.format(value=values[C_AMOUNT])))
        elif amount is not None and amount < 0:
            bad.append(RowError(number, C_AMOUNT, texts.FIN_AMOUNT_NEGATIVE.format(value=fmt_money(amount))))
        if not bad and project is not None and source is not None and ym is not None:
            key = (project[0], source, ym[1])
            if key in seen:
                bad.append(RowError(number, C_CODE, texts.FIN_DUPLICATE.format(
                    first=seen[key], code=project[2], source=source.label, month=_period(*ym))))
            else:
                seen[key] = number
        if bad:
            errors.extend(bad)
        else:
            parsed.append(_Parsed(number, investor[0], project[0], project[2], source, ym[1], amount))
    return parsed, errors


def import_treasury(session: Session, actor: Actor, *, year: int, month: int, filename: str, data: bytes,
                    today: date | None = None) -> ImportResult:
    """Check every row of the Treasury's file for the period (year, up to `month`); if all are valid, keep the file,
    supersede the earlier file of the same period and insert the figures (in bulk). Nothing is written when any row
    has an error: the result then lists every error by row and column."""
    _require_import(actor)
    today = today or local_today()
    check_period(year, month, today)
    rows, errors = _read(data, attachments.max_upload_bytes(session))
    if rows is None:
        return ImportResult(errors)
    parsed, errors = _check_rows(rows, _refs(session), year, month, today)
    if errors:
        return ImportResult(sorted(errors, key=lambda e: (e.row, HEADERS.index(e.column)
                                                           if e.column in HEADERS else -1)))

    audit.bind_actor(session, actor.id, actor.full_name)
    attachment_id = attachments.save_upload(session, actor, filename=filename, data=data, owner_type=OWNER_TREASURY)
    earlier = list(session.scalars(sa.select(TreasuryImport).where(
        TreasuryImport.year == year, TreasuryImport.month == month, TreasuryImport.superseded.is_(False))))
    for old in earlier:
        old.superseded = True
    record = TreasuryImport(year=year, month=month, file_name=(nfc(filename) or "")[:255], attachment_id=attachment_id,
                            row_count=len(parsed), imported_at=utcnow(), imported_by_id=actor.id, superseded=False)
    session.add(record)
    session.flush()
    attachments.attach_to(session, attachment_id, record.id)
    if parsed:
        session.execute(sa.insert(TreasuryFigure), [
            {"import_id": record.id, "investor_unit_id": p.investor_id, "project_id": p.project_id,
             "source": p.source, "year": year, "month": p.month, "amount": p.amount} for p in parsed])
    session.flush()
    return ImportResult([], record.id, len(parsed), len(earlier))


def list_imports(session: Session, actor: Actor, year: int | None = None) -> list[ImportRow]:
    """The Treasury files imported (newest first), superseded ones included."""
    _require_wide(actor)
    from lib.core.models import Account

    query = (sa.select(TreasuryImport.id, TreasuryImport.year, TreasuryImport.month, TreasuryImport.file_name,
                       TreasuryImport.row_count, TreasuryImport.imported_at, sa.func.coalesce(Account.full_name, ""),
                       TreasuryImport.superseded, TreasuryImport.attachment_id)
             .outerjoin(Account, Account.id == TreasuryImport.imported_by_id)
             .order_by(TreasuryImport.id.desc()))
    if year is not None:
        query = query.where(TreasuryImport.year == year)
    return [ImportRow(*row) for row in session.execute(query)]


def _treasury_read_rule(session: Session, actor: Actor, row: Any) -> bool:  # noqa: ARG001
    return actor.has(*WIDE_ROLES)


def _treasury_write_rule(session: Session, actor: Actor, unit_id: int | None) -> None:  # noqa: ARG001
    _require_import(actor)


attachments.READ_RULES[OWNER_TREASURY] = _treasury_read_rule
attachments.WRITE_RULES[OWNER_TREASURY] = _treasury_write_rule
audit.ENTITY_LABELS.setdefault(REMINDER_ENTITY, "Nhắc chủ đầu tư gửi báo cáo giải ngân tháng")


# ---------------------------------------------------------------- reconciliation

@dataclass(frozen=True)
class Difference:
    investor_unit_id: int
    investor: str
    project_id: int
    code: str
    project: str
    source: CapitalSource
    year: int
    month: int
    investor_amount: int | None      # None: the investor entered nothing for this project, source and month
    treasury_amount: int | None      # None: the Treasury reports nothing
    explanation: str
    note_version: int | None         # None: not explained yet

    @property
    def difference(self) -> int:
        return (self.investor_amount or 0) - (self.treasury_amount or 0)


def _months(month: int, cumulative: bool) -> list[int]:
    return list(range(1, month + 1)) if cumulative else [month]


def treasury_totals(session: Session, year: int, months: Iterable[int],
                    project_clause: sa.ColumnElement[bool] | None = None) -> dict[tuple[int, str, int], int]:
    """(project id, source value, month) -> the Treasury's amount, from the latest non-superseded file of the year
    that has rows for that month."""
    months = list(months)
    latest = (sa.select(TreasuryFigure.month.label("month"), sa.func.max(TreasuryFigure.import_id).label("import_id"))
              .join(TreasuryImport, TreasuryImport.id == TreasuryFigure.import_id)
              .where(TreasuryImport.superseded.is_(False), TreasuryFigure.year == year,
                     TreasuryFigure.month.in_(months))
              .group_by(TreasuryFigure.month).subquery())
    query = (sa.select(TreasuryFigure.project_id, TreasuryFigure.source, TreasuryFigure.month,
                       sa.func.sum(TreasuryFigure.amount))
             .join(latest, sa.and_(latest.c.import_id == TreasuryFigure.import_id,
                                   latest.c.month == TreasuryFigure.month))
             .where(TreasuryFigure.year == year)
             .group_by(TreasuryFigure.project_id, TreasuryFigure.source, TreasuryFigure.month))
    if project_clause is not None:
        query = query.join(Project, Project.id == TreasuryFigure.project_id).where(project_clause)
    return {(pid, str(source), m): int(amount or 0) for pid, source, m, amount in session.execute(query)}


def covered_months(session: Session, year: int) -> list[int]:
    """The months of `year` some non-superseded Treasury file reports on."""
    return list(session.scalars(
        sa.select(TreasuryFigure.month).distinct().join(TreasuryImport, TreasuryImport.id == TreasuryFigure.import_id)
        .where(TreasuryImport.superseded.is_(False), TreasuryFigure.year == year).order_by(TreasuryFigure.month)))


def investor_totals(session: Session, year: int, months: Iterable[int],
                    project_clause: sa.ColumnElement[bool] | None = None) -> dict[tuple[int, str, int], int]:
    """(project id, source value, month) -> the sum of what the investor entered (art. 9.4)."""
    query = (sa.select(Disbursement.project_id, Disbursement.source, Disbursement.month,
                       sa.func.sum(Disbursement.amount))
             .where(Disbursement.year == year, Disbursement.month.in_(list(months)))
             .group_by(Disbursement.project_id, Disbursement.source, Disbursement.month))
    if project_clause is not None:
        query = query.join(Project, Project.id == Disbursement.project_id).where(project_clause)
    return {(pid, str(source), m): int(amount or 0) for pid, source, m, amount in session.execute(query)}


def reconciliation(session: Session, actor: Actor, year: int, month: int, *,
                   cumulative: bool = False) -> list[Difference]:
    """Every difference between the investors' figures and the Treasury's for the month (or every month from
    January to it), by investor and project; one-sided rows included. Investors see their own projects only;
    Sở Tài chính, leaders and the administrator see all (art. 11.3)."""
    scope = records.project_scope(session, actor)
    clause = None if scope.all_units else records.visible_project_clause(scope)
    covered = set(covered_months(session, year))
    months = [m for m in _months(month, cumulative) if m in covered]
    if not months:
        return []
    mine = investor_totals(session, year, months, clause)
    theirs = treasury_totals(session, year, months, clause)
    keys = [k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k)]
    if not keys:
        return []
    project_ids = sorted({k[0] for k in keys})
    info: dict[int, tuple[str, str, int, str]] = {}
    for chunk in _chunks(project_ids):
        for pid, code, name, investor_id, investor in session.execute(
                sa.select(Project.id, Project.code, Project.name, Project.investor_unit_id, Unit.name)
                .join(Unit, Unit.id == Project.investor_unit_id).where(Project.id.in_(chunk))):
            info[pid] = (code, name, investor_id, investor)
    notes: dict[tuple[int, str, int], tuple[str, int]] = {}
    for chunk in _chunks(project_ids):
        for pid, source, m, text, version in session.execute(
                sa.select(ReconciliationNote.project_id, ReconciliationNote.source, ReconciliationNote.month,
                          ReconciliationNote.explanation, ReconciliationNote.version)
                .where(ReconciliationNote.year == year, ReconciliationNote.project_id.in_(chunk))):
            notes[(pid, str(source), m)] = (text, version)
    result = []
    for key in keys:
        pid, source, m = key
        if pid not in info:
            continue
        code, name, investor_id, investor = info[pid]
        text, version = notes.get(key, ("", None))
        result.append(Difference(investor_id, investor, pid, code, name, CapitalSource(source), year, m,
                                 mine.get(key), theirs.get(key), text, version))
    folded = {name: fold(name) for name in {d.investor for d in result}}
    order = {source: i for i, source in enumerate(CapitalSource)}
    return sorted(result, key=lambda d: (folded[d.investor], d.code, order[d.source], d.month))


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def save_explanation(session: Session, actor: Actor, *, project_id: int, source: CapitalSource, year: int,
                     month: int, text: str, expected_version: int | None) -> int:
    """The investor explains a difference of its project (art. 11.3). `expected_version`: the note's version when
    the form was drawn (None: there was none) — another edit in between is a ConflictError."""
    project = records._project(session, actor, project_id)  # noqa: SLF001 - NotFound for anyone out of scope
    if not actor.has(*records.INVESTOR_WRITER_ROLES) or \
            project.investor_unit_id not in subtree_ids(session, actor.unit_id):
        raise PermissionDenied(texts.FIN_EXPLANATION_INVESTOR_ONLY)
    explanation = " ".join((nfc(text) or "").split())
    if not explanation:
        raise ValidationError(texts.FIN_EXPLANATION_REQUIRED, field="explanation")
    audit.bind_actor(session, actor.id, actor.full_name)
    note = session.scalar(sa.select(ReconciliationNote).where(
        ReconciliationNote.project_id == project_id, ReconciliationNote.source == source,
        ReconciliationNote.year == year, ReconciliationNote.month == month))
    if note is None:
        if expected_version is not None:
            raise ConflictError(_stale())
        note = ReconciliationNote(project_id=project_id, source=source, year=year, month=month,
                                  explanation=explanation, written_by_id=actor.id)
        session.add(note)
    else:
        if expected_version is None or note.version != expected_version:
            raise ConflictError(_stale())
        note.explanation = explanation
        note.written_by_id = actor.id
    try:
        session.flush()
    except sa.exc.IntegrityError as error:  # the same note created by someone else a moment ago
        raise ConflictError(_stale()) from error
    except sa.orm.exc.StaleDataError as error:
        raise ConflictError(_stale()) from error
    return note.version


def _stale() -> str:
    from lib.core import vi

    return vi.ERR_STALE


# ---------------------------------------------------------------- monthly reports and reminders

@dataclass(frozen=True)
class MissingReport:
    unit_id: int
    unit: str
    projects: int
    reminders: int
    last_reminded_at: datetime | None


def _reminder_key(unit_id: int, year: int, month: int) -> str:
    return f"{unit_id}:{year}-{month:02d}"


def _investors(session: Session) -> dict[int, tuple[str, int]]:
    """Units that invest in a running public project: id -> (name, number of such projects)."""
    rows = session.execute(
        sa.select(Unit.id, Unit.name, sa.func.count(Project.id)).join(Project, Project.investor_unit_id == Unit.id)
        .where(Project.kind == ProjectKind.PUBLIC, Project.status == ProjectStatus.ACTIVE)
        .group_by(Unit.id, Unit.name))
    return {uid: (name, int(n)) for uid, name, n in rows}


def missing_reports(session: Session, actor: Actor, year: int, month: int) -> list[MissingReport]:
    """The investors of running public projects without a monthly report for the month (art. 9.3), with the
    reminders already sent."""
    _require_wide(actor)
    investors = _investors(session)
    sent = set(session.scalars(sa.select(InvestorMonthlyReport.investor_unit_id).where(
        InvestorMonthlyReport.year == year, InvestorMonthlyReport.month == month)))
    keys = {_reminder_key(uid, year, month): uid for uid in investors}
    reminded: dict[int, tuple[int, datetime]] = {}
    for entity_id, count, last in session.execute(
            sa.select(AuditLog.entity_id, sa.func.count(), sa.func.max(AuditLog.at))
            .where(AuditLog.entity == REMINDER_ENTITY, AuditLog.entity_id.in_(list(keys)))
            .group_by(AuditLog.entity_id)):
        reminded[keys[entity_id]] = (int(count), last)
    rows = [MissingReport(uid, name, n, *reminded.get(uid, (0, None)))
            for uid, (name, n) in investors.items() if uid not in sent]
    return sorted(rows, key=lambda r: fold(r.unit))


def remind(session: Session, actor: Actor, unit_id: int, year: int, month: int) -> None:
    """Record a reminder to the investor to send its monthly report (art. 11.3: «đôn đốc các chủ đầu tư»); the
    investor sees it on its home page until the report is sent."""
    if not actor.has(*IMPORT_ROLES):
        raise PermissionDenied(texts.FIN_REMIND_ONLY)
    investors = _investors(session)
    if unit_id not in investors:
        raise ValidationError(texts.FIN_REMIND_NOT_INVESTOR, field="unit")
    period = _period(year, month)
    if session.scalar(sa.select(InvestorMonthlyReport.id).where(
            InvestorMonthlyReport.investor_unit_id == unit_id, InvestorMonthlyReport.year == year,
            InvestorMonthlyReport.month == month)) is not None:
        raise ValidationError(texts.FIN_REMIND_NOT_MISSING.format(unit=investors[unit_id][0], period=period),
                              field="unit")
    audit.record_event(session, AuditAction.CREATE, entity=REMINDER_ENTITY,
                       entity_id=_reminder_key(unit_id, year, month),
                       summary=texts.FIN_REMINDER_SUMMARY.format(period=period),
                       details={"year": year, "month": month}, unit_id=unit_id, actor_id=actor.id,
                       actor_name=actor.full_name)
    session.flush()


@dataclass(frozen=True)
class Reminder:
    year: int
    month: int
    at: datetime
    by: str


def reminders_for(session: Session, actor: Actor) -> list[Reminder]:
    """The reminders received by the actor's unit (or a unit under it) for months whose report is still missing,
    newest month first."""
    own = subtree_ids(session, actor.unit_id)
    found: dict[tuple[int, int], Reminder] = {}
    for entity_id, at, by, unit_id in session.execute(
            sa.select(AuditLog.entity_id, AuditLog.at, AuditLog.actor_name, AuditLog.unit_id)
            .where(AuditLog.entity == REMINDER_ENTITY, AuditLog.unit_id.in_(sorted(own)))
            .order_by(AuditLog.at)):
        _, period = (entity_id or ":").split(":", 1)
        try:
            year, month = (int(x) for x in period.split("-"))
        except ValueError:
            continue
        done = session.scalar(sa.select(InvestorMonthlyReport.id).where(
            InvestorMonthlyReport.investor_unit_id == unit_id, InvestorMonthlyReport.year == year,
            InvestorMonthlyReport.month == month))
        if done is None:
            found[(year, month)] = Reminder(year, month, at, by or "")
    return [found[k] for k in sorted(found, reverse=True)]


def unexplained_count(session: Session, actor: Actor, today: date | None = None) -> int:
    """The investor's differences with the Treasury (this year, up to this month) not explained yet."""
    today = today or local_today()
    return sum(1 for d in reconciliation(session, actor, today.year, today.month, cumulative=True)
               if d.note_version is None)
