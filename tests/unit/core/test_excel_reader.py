"""Issue 8 item 5: every Excel import reads through one guarded reader (lib/core/excel_reader.py).

A 5 KB workbook with one cell at the last row of the sheet, a zip bomb named .xlsx, an XML entity bomb and a
sheet with too many rows are refused with a Vietnamese message before they can stall the server — by the
reader itself and by each import (tasks, PAR catalogue, PAR component scores). The workbooks are written by
hand (a few kilobytes of XML), so that building them costs nothing.
"""
from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
import sqlalchemy as sa
from openpyxl.xml import functions as openpyxl_xml

from lib.core import vi
from lib.core.db import session_scope
from lib.par.enums import ParUnitGroup
from lib.core.errors import ValidationError
from lib.core.models import Unit
from lib.core import excel_reader
from lib.core.excel_reader import (MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, MAX_UNCOMPRESSED_BYTES, NotAWorkbook,
                                   WorkbookRefused)
from lib.par import catalogue as par_catalogue, rounds as par_rounds
from lib.tasks import excel_import as task_import
from tests.unit.par_helpers import ADMIN, act, load_tree, make_round

LAST_ROW = 1_048_576
TASK_HEADERS = task_import.HEADERS
CATALOGUE_HEADERS = par_catalogue.HEADERS
COMPONENT_HEADERS = par_rounds.COMPONENT_HEADERS

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '{shared}</Types>'
)
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>{shared}'
    '</Relationships>'
)
_SHARED_REL = ('<Relationship Id="rId2" Target="sharedStrings.xml" '
               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>')
_BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    + ']>'
)


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row(headers: tuple[str, ...]) -> str:
    letters = [openpyxl.utils.get_column_letter(i) for i in range(1, len(headers) + 1)]
    return '<row r="1">' + "".join(_inline(f"{c}1", h) for c, h in zip(letters, headers)) + "</row>"


def xlsx(rows_xml: str, *, sheet: str = "Nhiệm vụ", dimension: str | None = None, shared: str | None = None,
         sheet_prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """A minimal workbook of one sheet whose <sheetData> is `rows_xml` (and a sharedStrings part if given)."""
    sheet_xml = (
        sheet_prolog
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else ""))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheet=sheet))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""))
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared:
            archive.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def last_row_bomb(headers: tuple[str, ...] = TASK_HEADERS, *, declared: bool = True, sheet: str = "Nhiệm vụ") -> bytes:
    """The workbook of the issue: a header and one cell at row 1,048,576 (declared in <dimension> or not)."""
    last_col = openpyxl.utils.get_column_letter(len(headers))
    rows = _header_row(headers) + f'<row r="{LAST_ROW}"><c r="A{LAST_ROW}"><v>1</v></c></row>'
    return xlsx(rows, sheet=sheet, dimension=f"A1:{last_col}{LAST_ROW}" if declared else None)


def declared_size_bomb() -> bytes:
    """A valid small workbook whose central directory declares a 3.5 GB sheet (what a zip bomb declares)."""
    data = bytearray(last_row_bomb(declared=False))
    name = b"xl/worksheets/sheet1.xml"
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, 0xD000_0000)  # uncompressed size
        at += 4
    return bytes(data)


def ratio_bomb() -> bytes:
    """A real zip bomb in miniature: 4 MB of zeros deflated to a few kilobytes, named as a workbook part."""
    buffer = io.BytesIO(last_row_bomb(declared=False))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.png", bytes(4 * 1024 * 1024))
    return buffer.getvalue()


def read_all(data: bytes, sheet: str = "Nhiệm vụ", **limits) -> list[tuple[int, tuple]]:  # noqa: ANN003
    with excel_reader.open_workbook(data) as wb:
        return list(excel_reader.rows(excel_reader.find_sheet(wb, sheet), **limits))


# =========================================================================== the reader itself

def test_openpyxl_parses_uploads_through_defusedxml():
    import defusedxml.ElementTree

    assert openpyxl.DEFUSEDXML is True
    assert openpyxl_xml.iterparse is defusedxml.ElementTree.iterparse


def test_a_good_workbook_is_read_row_by_row():
    rows = _header_row(("Mã", "Tên")) + '<row r="2"><c r="A2"><v>7</v></c>' + _inline("B2", "Sở Xây dựng") + "</row>"
    assert read_all(xlsx(rows, dimension="A1:B2")) == [(1, ("Mã", "Tên")), (2, (7, "Sở Xây dựng"))]


@pytest.mark.parametrize("declared", [True, False], ids=["declared-dimension", "no-dimension"])
def test_one_cell_at_the_last_row_is_refused(declared):
    data = last_row_bomb(declared=declared)
    assert len(data) < 5 * 1024
    with pytest.raises(WorkbookRefused) as refused:
        read_all(data)
    assert str(refused.value) == vi.XL_TOO_MANY_ROWS.format(sheet="Nhiệm vụ", n=MAX_IMPORT_ROWS)


def test_rows_are_counted_as_read_not_as_kept():
    """Styled empty rows are rows read: a sheet of header + limit + 1 rows is refused though none has a value."""
    rows = _header_row(("Mã",)) + "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(2, 13))
    assert len(read_all(xlsx(rows), max_rows=11)) == 12
    with pytest.raises(WorkbookRefused, match="hơn 10 dòng"):
        read_all(xlsx(rows), max_rows=10)


def test_a_sheet_declared_wider_than_the_limit_is_refused_and_rows_are_cut_at_the_limit():
    with pytest.raises(WorkbookRefused) as refused:
        read_all(xlsx('<row r="1"><c r="XFD1"><v>1</v></c></row>', dimension="A1:XFD1"))
    assert str(refused.value) == vi.XL_TOO_MANY_COLUMNS.format(sheet="Nhiệm vụ", n=16384, limit=MAX_IMPORT_COLUMNS)
    (number, values), = read_all(xlsx('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>'))
    assert number == 1 and len(values) == MAX_IMPORT_COLUMNS and values[0] == 1


@pytest.mark.parametrize("make", [declared_size_bomb, ratio_bomb], ids=["declared-3.5GB", "ratio-1000"])
def test_a_zip_bomb_named_xlsx_is_refused_before_parsing(make):
    with pytest.raises(WorkbookRefused) as refused:
        read_all(make())
    assert str(refused.value) == vi.XL_TOO_LARGE_UNPACKED.format(mb=MAX_UNCOMPRESSED_BYTES // (1024 * 1024))


@pytest.mark.parametrize("where", ["sharedStrings", "sheet"])
def test_an_xml_entity_bomb_is_refused(where):
    cell = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    if where == "sharedStrings":
        shared = (_BILLION_LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
        data = xlsx(cell, shared=shared)
    else:
        data = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                    sheet_prolog=_BILLION_LAUGHS)
    with pytest.raises(WorkbookRefused) as refused:
        read_all(data)
    assert str(refused.value) == vi.XL_XML_FORBIDDEN


@pytest.mark.parametrize("data", [b"", b"not a workbook", b"PK\x03\x04 broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_bytes_that_are_not_a_workbook_are_refused(data):
    with pytest.raises(NotAWorkbook) as refused:
        read_all(data)
    assert str(refused.value) == vi.XL_UNREADABLE


def test_every_import_reads_through_the_one_reader():
    """No module of lib/ but the reader loads a workbook (so none can skip the limits)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "lib"
    loaders = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if "load_workbook" in p.read_text(encoding="utf-8"))
    assert loaders == ["core/excel_reader.py"]


# =========================================================================== through each import

TOO_MANY = vi.XL_TOO_MANY_ROWS.format(sheet="{sheet}", n=MAX_IMPORT_ROWS)
SHEETS = {"tasks": "Nhiệm vụ", "par-catalogue": par_catalogue.SHEET, "par-components": "Điểm thành phần"}
HEADERS = {"tasks": TASK_HEADERS, "par-catalogue": CATALOGUE_HEADERS, "par-components": COMPONENT_HEADERS}


@pytest.fixture
def run_import(demo_db, actors) -> Callable[[str, bytes], str]:  # noqa: ANN001
    """Run one import on `data`; return the message of its refusal (after checking nothing was written)."""
    components: list[int] = []

    def component_id() -> int:
        if not components:
            with session_scope(demo_db) as s:
                sxd = s.scalar(sa.select(Unit.id).where(Unit.code == "SXD"))
            load_tree(demo_db)
            round_id = make_round(demo_db, actors, [sxd])
            components.append(act(demo_db, par_rounds.add_component, actors[ADMIN], round_id,
                                  "Điều tra xã hội học", "10"))
        return components[0]

    def run(name: str, data: bytes) -> str:
        if name == "tasks":
            with session_scope(demo_db) as s:
                result = task_import.import_workbook(s, actors["chuyenvien.vp"], data)
            assert not result.ok and len(result.errors) == 1 and result.errors[0].row == 0
            assert result.document_ids == []
            return result.errors[0].message
        if name == "par-catalogue":
            with pytest.raises(ValidationError) as refused:
                act(demo_db, par_catalogue.import_excel, actors[ADMIN], 2032, ParUnitGroup.DEPARTMENT, data)
            with session_scope(demo_db) as s:
                assert par_catalogue.tree(s, 2032, ParUnitGroup.DEPARTMENT) == []
            return str(refused.value)
        component = component_id()
        with pytest.raises(ValidationError) as refused:
            act(demo_db, par_rounds.import_component_scores, actors[ADMIN], component, data)
        with session_scope(demo_db) as s:
            assert par_rounds.component_scores(s, component) == {}
        return str(refused.value)

    return run


@pytest.mark.parametrize("declared", [True, False], ids=["declared-dimension", "no-dimension"])
@pytest.mark.parametrize("name", list(SHEETS))
def test_each_import_refuses_the_last_row_workbook(run_import, name, declared):
    data = last_row_bomb(HEADERS[name], declared=declared, sheet=SHEETS[name])
    assert run_import(name, data) == TOO_MANY.format(sheet=SHEETS[name])


@pytest.mark.parametrize("name", list(SHEETS))
def test_each_import_refuses_a_zip_bomb_and_an_entity_bomb(run_import, name):
    assert run_import(name, declared_size_bomb()) == vi.XL_TOO_LARGE_UNPACKED.format(
        mb=MAX_UNCOMPRESSED_BYTES // (1024 * 1024))
    bomb = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', sheet=SHEETS[name],
                sheet_prolog=_BILLION_LAUGHS)
    assert run_import(name, bomb) == vi.XL_XML_FORBIDDEN


def test_the_task_import_refuses_more_rows_than_the_limit_even_when_they_are_empty(run_import):
    """Before: rows were counted when kept, so 5,001 styled empty rows were all read and then ignored."""
    rows = _header_row(TASK_HEADERS) + "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>'
                                               for r in range(2, MAX_IMPORT_ROWS + 3))
    assert run_import("tasks", xlsx(rows)) == TOO_MANY.format(sheet="Nhiệm vụ")
