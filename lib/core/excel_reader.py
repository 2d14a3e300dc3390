"""The one way an import reads an uploaded .xlsx workbook (tasks, PAR catalogue, PAR component scores, …).

A 5 KB workbook can ask for a sheet of a million rows, and a zip can declare gigabytes behind a few
kilobytes; XML can define entities that expand exponentially. So, before anything is parsed:

1. the archive is opened and refused when its members declare an absurd uncompressed size, in total or by
   compression ratio (Python's zipfile never inflates a member beyond its declared size: the CRC check fails);
2. the workbook is loaded read-only (streaming: one row at a time), with XML parsed through `defusedxml`
   (openpyxl uses it when it is installed: `openpyxl.DEFUSEDXML`), so DTDs and entities are refused;
3. a sheet whose declared dimension exceeds the limits is refused;
4. rows are counted as they are *read*, empty ones included, and reading stops with a Vietnamese message as
   soon as the limit is passed; at most `max_columns` columns of a row are ever materialised.

Every refusal is a `WorkbookRefused` (a `ValidationError` whose text is shown to the user).
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from lib.core import vi
from lib.core.errors import ValidationError
from lib.core.text import fold

# The limits of every import, in one place.
MAX_IMPORT_ROWS = 5000                       # data rows read (not kept) per sheet, below the header
MAX_IMPORT_COLUMNS = 60                      # columns read per row; a wider declared sheet is refused
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024    # declared size of all members once unpacked (5,000 rows need ~15)
MAX_COMPRESSION_RATIO = 200                  # per member above RATIO_CHECK_FROM (deflate tops out near 1000)
RATIO_CHECK_FROM = 1024 * 1024


class WorkbookRefused(ValidationError):
    """The upload is not read; the message says why, in Vietnamese."""


class NotAWorkbook(WorkbookRefused):
    """The bytes are not a readable .xlsx workbook (an import may word this refusal its own way)."""

    def __init__(self, message: str = vi.XL_UNREADABLE) -> None:
        super().__init__(message)


def check_archive(data: bytes) -> None:
    """Refuse a zip whose members declare an absurd uncompressed size (a zip bomb), before any parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise NotAWorkbook() from error
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > RATIO_CHECK_FROM and ratio > MAX_COMPRESSION_RATIO):
            raise WorkbookRefused(vi.XL_TOO_LARGE_UNPACKED.format(mb=MAX_UNCOMPRESSED_BYTES // (1024 * 1024)))


@contextmanager
def open_workbook(data: bytes) -> Iterator[Workbook]:
    """The workbook, read-only and streaming, after the archive checks; closed on leaving the block."""
    if not openpyxl.DEFUSEDXML:  # a deployment without defusedxml (or with OPENPYXL_DEFUSEDXML=False)
        raise RuntimeError("defusedxml is required to read uploaded workbooks safely")
    if not data.startswith(b"PK\x03\x04"):
        raise NotAWorkbook()
    check_archive(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — any unreadable upload (a .docx renamed .xlsx, a broken part)
        raise _refusal(error) from error
    if not wb.worksheets:  # only chart sheets
        wb.close()
        raise NotAWorkbook()
    try:
        yield wb
    finally:
        wb.close()


def find_sheet(wb: Workbook, title: str) -> ReadOnlyWorksheet | None:
    """The sheet named `title` (compared without case and diacritics), or None."""
    return next((ws for ws in wb.worksheets if fold(ws.title) == fold(title)), None)


def rows(
    ws: ReadOnlyWorksheet,
    *,
    max_rows: int = MAX_IMPORT_ROWS,
    header_rows: int = 1,
    max_columns: int = MAX_IMPORT_COLUMNS,
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, cell values) of every row from row 1, at most `max_columns` values each.

    Refuses a sheet declared larger than `header_rows + max_rows` rows or `max_columns` columns, and stops
    with `WorkbookRefused` when the rows *read* (empty ones too) pass that many.
    """
    row_limit = header_rows + max_rows
    _check_dimension(ws, row_limit, max_rows, max_columns)
    width = min(max_columns, ws.max_column or max_columns)
    try:
        for number, values in enumerate(ws.iter_rows(max_col=width, values_only=True), start=1):
            if number > row_limit:
                raise WorkbookRefused(vi.XL_TOO_MANY_ROWS.format(sheet=ws.title, n=max_rows))
            yield number, tuple(values)
    except WorkbookRefused:
        raise
    except Exception as error:  # noqa: BLE001 — a broken sheet part is an unreadable file, not a crash
        raise _refusal(error) from error


def _refusal(error: BaseException) -> WorkbookRefused:
    """XML that defusedxml refused (openpyxl wraps it in its own errors) or simply an unreadable file."""
    seen: BaseException | None = error
    for _ in range(20):  # the chain of causes is short; never follow it for ever
        if seen is None:
            break
        if isinstance(seen, DefusedXmlException):
            return WorkbookRefused(vi.XL_XML_FORBIDDEN)
        seen = seen.__cause__ or seen.__context__
    return NotAWorkbook()


def _check_dimension(ws: ReadOnlyWorksheet, row_limit: int, max_rows: int, max_columns: int) -> None:
    """The size the sheet declares (<dimension ref="A1:XFD1048576"/>) without reading its rows."""
    declared_rows, declared_columns = ws.max_row, ws.max_column
    if declared_rows is not None and declared_rows > row_limit:
        raise WorkbookRefused(vi.XL_TOO_MANY_ROWS.format(sheet=ws.title, n=max_rows))
    if declared_columns is not None and declared_columns > max_columns:
        raise WorkbookRefused(vi.XL_TOO_MANY_COLUMNS.format(sheet=ws.title, n=declared_columns, limit=max_columns))


@dataclass(frozen=True)
class RowError:
    """One refusal of an import: the Excel row (1 = the header; 0 = the file as a whole), the column header, the
    message."""

    row: int
    column: str
    message: str
