"""The monthly extraction of Sở Tài chính (seed 000 art. 11.2: «trích xuất nhanh trên Phần mềm thông tin kết quả giải
ngân định kỳ hàng tháng của từng Chủ đầu tư để làm cơ sở đôn đốc các Chủ đầu tư thực hiện, đồng thời báo cáo nhanh về
UBND tỉnh»): one Excel file in the official layout (Quốc hiệu, title, period, extraction date), investor → project →
source, with the year's capital plan, the amount disbursed in the month, the amount disbursed since January and the
rate, a subtotal per investor and the province's total.

The plan of a project, year and source is the sum of its capital-plan lines that took effect by the month (never
below zero). Paused and cancelled projects are kept out (issue 10 item 1: out of progress totals and rates).
Everything comes from three aggregate queries, so 3,000 projects take well under two seconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape as xml_escape

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from lib.core import audit
from lib.core import excel as core_excel
from lib.core.access import Actor
from lib.core.calendar import local_today
from lib.core.enums import AuditAction
from lib.core.errors import PermissionDenied
from lib.core.excel import FONT_NAME, NATIONAL_MOTTO, NATIONAL_TITLE, excel_filename, extraction_stamp, save_workbook
from lib.core.format import fmt_date
from lib.core.models import Unit
from lib.core.models.base import utcnow
from lib.core.services import settings
from lib.core.text import fold
from lib.projects import records, texts
from lib.projects.enums import CapitalSource, ProjectKind, ProjectStatus
from lib.projects.finance_models import CapitalPlanLine, Disbursement
from lib.projects.models import Project

TITLE = "Báo cáo tình hình giải ngân kế hoạch vốn đầu tư công tháng {period}"
ISSUER = "SỞ TÀI CHÍNH"
MONEY_FORMAT = "#,##0"       # shown with «.» thousands on a Vietnamese Excel
RATE_FORMAT = "0.0%"
LEVEL_TOTAL, LEVEL_INVESTOR, LEVEL_PROJECT, LEVEL_SOURCE = "total", "investor", "project", "source"
HEADERS = ("STT", "Chủ đầu tư / Dự án / Nguồn vốn", "Mã dự án", "Kế hoạch vốn năm {year} (đồng)",
           "Giải ngân trong tháng {period} (đồng)", "Lũy kế giải ngân từ 01/01/{year} (đồng)", "Tỷ lệ giải ngân (%)")
WIDTHS = (7, 58, 15, 20, 20, 20, 12)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class Line:
    level: str                 # total / investor / project / source
    number: str                # «I», «1», «-»
    label: str
    code: str
    plan: int
    month_amount: int
    cumulative: int

    @property
    def rate(self) -> float | None:
        return self.cumulative / self.plan if self.plan > 0 else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _require(actor: Actor) -> None:
    if not actor.has(*records.PROJECT_WIDE_ROLES):
        raise PermissionDenied(texts.FIN_WIDE_ONLY)


def lines(session: Session, actor: Actor, year: int, month: int) -> list[Line]:
    """The extraction's rows in order: the province's total, then each investor (subtotal), its projects and their
    sources."""
    _require(actor)
    plans: dict[tuple[int, str], int] = {}
    for pid, source, amount in session.execute(
            sa.select(CapitalPlanLine.project_id, CapitalPlanLine.source, sa.func.sum(CapitalPlanLine.amount))
            .where(CapitalPlanLine.year == year, CapitalPlanLine.month_from <= month)
            .group_by(CapitalPlanLine.project_id, CapitalPlanLine.source)):
        plans[(pid, str(source))] = max(0, int(amount or 0))
    paid: dict[tuple[int, str], tuple[int, int]] = {}
    in_month = sa.func.sum(sa.case((Disbursement.month == month, Disbursement.amount), else_=0))
    for pid, source, this_month, total in session.execute(
            sa.select(Disbursement.project_id, Disbursement.source, in_month, sa.func.sum(Disbursement.amount))
            .where(Disbursement.year == year, Disbursement.month <= month)
            .group_by(Disbursement.project_id, Disbursement.source)):
        paid[(pid, str(source))] = (int(this_month or 0), int(total or 0))
    project_ids = {pid for pid, _ in plans} | {pid for pid, _ in paid}
    projects = {}
    if project_ids:
        for pid, code, name, investor_id, investor in session.execute(
                sa.select(Project.id, Project.code, Project.name, Project.investor_unit_id, Unit.name)
                .join(Unit, Unit.id == Project.investor_unit_id)
                .where(Project.kind == ProjectKind.PUBLIC,
                       Project.status.notin_([ProjectStatus.PAUSED, ProjectStatus.CANCELLED]))):
            if pid in project_ids:
                projects[pid] = (code, name, investor_id, investor)

    order = list(CapitalSource)
    by_project: dict[int, list[tuple[CapitalSource, int, int, int]]] = {}
    for pid, source in sorted(set(plans) | set(paid), key=lambda k: (k[0], order.index(CapitalSource(k[1])))):
        if pid not in projects:
            continue
        this_month, total = paid.get((pid, source), (0, 0))
        by_project.setdefault(pid, []).append((CapitalSource(source), plans.get((pid, source), 0), this_month, total))
    by_investor: dict[int, list[int]] = {}
    for pid in sorted(by_project, key=lambda p: projects[p][0]):
        by_investor.setdefault(projects[pid][2], []).append(pid)

    body: list[Line] = []
    grand = [0, 0, 0]
    for i, investor_id in enumerate(sorted(by_investor, key=lambda u: fold(projects[by_investor[u][0]][3])), 1):
        pids = by_investor[investor_id]
        sums = [0, 0, 0]
        block: list[Line] = []
        for j, pid in enumerate(pids, 1):
            code, name, _, _ = projects[pid]
            sources = by_project[pid]
            p = [sum(s[1] for s in sources), sum(s[2] for s in sources), sum(s[3] for s in sources)]
            block.append(Line(LEVEL_PROJECT, str(j), name, code, *p))
            block += [Line(LEVEL_SOURCE, "-", s.label, "", plan, m, c) for s, plan, m, c in sources]
            sums = [a + b for a, b in zip(sums, p)]
        body.append(Line(LEVEL_INVESTOR, _roman(i), projects[pids[0]][3], "", *sums))
        body += block
        grand = [a + b for a, b in zip(grand, sums)]
    return [Line(LEVEL_TOTAL, "", "TỔNG CỘNG TOÀN TỈNH", "", *grand), *body]


_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _font(bold: bool = False, italic: bool = False, size: float = 12, underline: str | None = None) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, underline=underline)


def workbook(session: Session, actor: Actor, year: int, month: int, *, now: datetime | None = None,
             today: date | None = None) -> bytes:
    """The monthly extraction as .xlsx bytes (the export is audited)."""
    rows = lines(session, actor, year, month)
    now = now or utcnow()
    today = today or local_today()
    period = f"{month:02d}/{year}"
    province = str(settings.get(session, "province_name"))
    wb = Workbook()
    ws = wb.active
    ws.title = f"Giải ngân {month:02d}-{year}"
    n = len(HEADERS)
    for col, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width

    def put(row: int, first: int, last: int, text: str, font: Font, horizontal: str = "center") -> None:
        cell = ws.cell(row=row, column=first, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    put(1, 1, 3, f"UBND {province}".upper(), _font())
    put(2, 1, 3, ISSUER, _font(bold=True))
    put(1, 4, n, NATIONAL_TITLE, _font(bold=True))
    put(2, 4, n, NATIONAL_MOTTO, _font(bold=True, size=13, underline="single"))
    put(4, 1, n, TITLE.format(period=period).upper(), _font(bold=True, size=14))
    last_day = min(today, _month_end(year, month)) if (year, month) == (today.year, today.month) \
        else _month_end(year, month)
    put(5, 1, n, f"Kỳ báo cáo: tháng {period} (lũy kế từ 01/01/{year} đến {fmt_date(last_day)})", _font(italic=True))
    put(6, 1, n, extraction_stamp(now, actor.full_name), _font(italic=True))
    ws.row_dimensions[4].height = 36

    header_row = 8
    fill = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
    for col, title in enumerate(HEADERS, 1):
        cell = ws.cell(row=header_row, column=col, value=title.format(year=year, period=period))
        cell.font, cell.border, cell.fill = _font(bold=True), _BORDER, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[header_row].height = 48

    rows_xml = _rows_xml(wb, rows, header_row + 1)
    end = header_row + len(rows)
    put(end + 1, 1, n, texts.FIN_EXTRACTION_NOTE, _font(italic=True), "left")
    ws.row_dimensions[end + 1].height = 32
    put(end + 3, 1, 3, "NGƯỜI LẬP BIỂU", _font(bold=True))
    put(end + 3, 4, n, "THỦ TRƯỞNG ĐƠN VỊ", _font(bold=True))

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    data = core_excel._splice_rows(save_workbook(wb), ws.path.lstrip("/"), end + 1, rows_xml)  # noqa: SLF001
    audit.record_event(session, AuditAction.EXPORT, entity="disbursements",
                       summary=f"{TITLE.format(period=period)} ({len(rows)} dòng)", actor_id=actor.id,
                       actor_name=actor.full_name)
    return data


_LEVEL_FONTS = {LEVEL_TOTAL: dict(bold=True), LEVEL_INVESTOR: dict(bold=True), LEVEL_PROJECT: {},
                LEVEL_SOURCE: dict(italic=True)}


def _rows_xml(wb: Workbook, rows: list[Line], first_row: int) -> list[str]:
    """The table's rows as sheet XML (openpyxl needs ~20 µs a cell to style and write; 3,000 projects make ~60,000
    cells): each level's cell styles are registered on a scratch sheet, then the rows are written by
    `lib.core.excel`'s own cell writer and spliced in before the notes."""
    scratch = wb.create_sheet("scratch")
    styles: dict[tuple[str, int], tuple[int, int]] = {}
    for i, (level, font) in enumerate(_LEVEL_FONTS.items()):
        for col in range(1, len(HEADERS) + 1):
            pair = []
            for quoted in (False, True):
                cell = scratch.cell(row=2 * i + 1 + int(quoted), column=col)
                cell.font, cell.border, cell.quotePrefix = _font(**font), _BORDER, quoted
                if col in (1, 3):
                    cell.alignment = Alignment(horizontal="center", vertical="top")
                elif col == 2:
                    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True,
                                               indent=2 if level == LEVEL_SOURCE else 0)
                else:
                    cell.alignment = Alignment(horizontal="right", vertical="top")
                    cell.number_format = RATE_FORMAT if col == 7 else MONEY_FORMAT
                pair.append(cell.style_id)
            styles[(level, col)] = (pair[0], pair[1])
    wb.remove(scratch)
    out = []
    for offset, line in enumerate(rows):
        r = first_row + offset
        ids = [styles[(line.level, col)] for col in range(1, len(HEADERS) + 1)]
        numbers = "".join(
            f'<c r="{letter}{r}" s="{ids[col][0]}"/>' if value is None
            else f'<c r="{letter}{r}" s="{ids[col][0]}"><v>{value!r}</v></c>'
            for col, letter, value in ((3, "D", line.plan), (4, "E", line.month_amount), (5, "F", line.cumulative),
                                       (6, "G", line.rate)))
        out.append(f'<row r="{r}">{_text_cell(f"A{r}", line.number, *ids[0])}{_text_cell(f"B{r}", line.label, *ids[1])}'
                   f'{_text_cell(f"C{r}", line.code, *ids[2])}{numbers}</row>')
    return out


def _text_cell(ref: str, text: str, plain: int, quoted: int) -> str:
    """An inline-string cell, never a formula: the rules of `lib.core.excel` (illegal characters removed, text that
    starts like a formula quote-prefixed)."""
    if not text:
        return f'<c r="{ref}" s="{plain}"/>'
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:32_767]
    style = quoted if core_excel.is_formula_like(text) else plain
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{xml_escape(text)}</t></is></c>'


def file_name(year: int, month: int, now: datetime | None = None) -> str:
    return excel_filename(f"giai-ngan-thang-{month:02d}-{year}", now or utcnow())


def _month_end(year: int, month: int) -> date:
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])
