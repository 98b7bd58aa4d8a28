"""Reading XLSX and CSV comment sheets into plain-text tables.

XLSX is opened read-only with cached values (``data_only``): no formula is evaluated, and a
text cell that starts with = + - @ stays text. The quote Clause's writers put before such text
is removed again (`safety.unguard_formula`). Read-only mode does not expose merged cells, so
the merge ranges are read from the sheet XML and their value copied into every merged cell.
CSV is decoded as UTF-8 (with or without BOM), else GB 18030 (Excel on Chinese Windows), else
Windows-1252; the delimiter is sniffed among comma, semicolon and tab.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from itertools import islice
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from .columns import layout_from_header
from .errors import CommentError
from .rows import SourceRow, SourceTable
from .safety import check_office_package, unguard_formula

MAX_ROWS = 100_000
MAX_CSV_BYTES = 20 * 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MERGE, _CELL, _FORMULA, _VALUE = (_MAIN + tag for tag in ("mergeCell", "c", "f", "v"))


def _number_text(value: float, number_format: str | None) -> str:
    if value.is_integer():
        return str(int(value))
    # A clause typed as 3.10 in a cell formatted "0.00" is the number 3.1 shown as "3.10".
    if number_format and (m := re.fullmatch(r"0\.(0+)", number_format)):
        return f"{value:.{len(m.group(1))}f}"
    return format(value, ".15g")


def cell_text(value: Any, number_format: str | None = None) -> str | None:
    """A spreadsheet value as the text the user saw."""
    if value is None:
        return None
    if isinstance(value, str):
        return unguard_formula(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _scan_sheet_xml(sheet: Any) -> tuple[list[tuple[int, int, int, int]], list[str]]:
    """Merged ranges (min_col, min_row, max_col, max_row) of a read-only sheet, and the cells
    holding a formula without a computed value (which ``data_only`` reads as empty)."""
    try:
        source = sheet._get_source()  # noqa: SLF001 - read-only sheets hide merges
    except AttributeError:
        return [], []
    ranges, formulas = [], []
    with source:
        for _, element in etree.iterparse(
            source, tag=(_MERGE, _CELL), resolve_entities=False, huge_tree=False
        ):
            if element.tag == _MERGE:
                ref = element.get("ref")
                if ref and ":" in ref:
                    ranges.append(range_boundaries(ref))
            elif element.find(_FORMULA) is not None and not element.findtext(_VALUE):
                formulas.append(element.get("r", ""))
            element.clear()
    return ranges, formulas


def _sheet_rows(sheet: Any) -> list[SourceRow]:
    # Some generators write a wrong <dimension>; read-only mode would stop at it.
    sheet.reset_dimensions()
    rows = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            break
        texts: list[str | None] = []
        notes = []
        for column, cell in enumerate(cells, start=1):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "e":
                notes.append(f"cell in column {column} holds the spreadsheet error {value}")
            texts.append(cell_text(value, getattr(cell, "number_format", None)))
        rows.append(SourceRow(number=number, cells=texts, notes=notes))
    merges, formulas = _scan_sheet_xml(sheet)
    for ref in formulas:
        row_number = coordinate_to_tuple(ref)[0] if ref else 0
        if 0 < row_number <= len(rows):
            rows[row_number - 1].notes.append(
                f"cell {ref} holds a formula without a computed value; it was not evaluated "
                "and its text was not imported"
            )
    for min_col, min_row, max_col, max_row in merges:
        if min_row > len(rows):
            continue
        top = rows[min_row - 1].cells
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        # A vertical merge (a member or clause for several comments) repeats its value down
        # its first column; columns a merge spreads over stay empty, as in the DOCX reader.
        for row in rows[min_row - 1 : max_row]:
            row.cells.extend([None] * (max_col - len(row.cells)))
            row.cells[min_col - 1] = value
            others = [c for i, c in enumerate(row.cells) if i != min_col - 1 and c]
            if max_col - min_col >= 2 and value and not others:
                row.spanning = True
    return rows


def read_xlsx(path: Path) -> list[SourceTable]:
    """Every worksheet of an XLSX file as a table (after the package safety checks)."""
    check_office_package(path, "XLSX")
    # A file object, not the path: openpyxl judges a path by its extension only.
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise CommentError(path, None, f"not a valid XLSX file ({exc})") from None
        try:
            return [
                SourceTable(f"sheet {ws.title!r}", _sheet_rows(ws)) for ws in workbook.worksheets
            ]
        except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
            raise CommentError(path, None, f"cannot read the XLSX sheets ({exc})") from None
        finally:
            workbook.close()


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def read_csv(path: Path) -> list[SourceTable]:
    """A CSV (or TSV) comment sheet as one table."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise CommentError(path, None, "file too large for a comment sheet (limit 20 MB)")
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise CommentError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if "\x00" in text:
        raise CommentError(path, None, "not a text file (CSV expected)")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff(text)
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                break
            cells = [unguard_formula(cell) if cell.strip() else None for cell in record]
            rows.append(SourceRow(number=number, cells=cells))
    except csv.Error as exc:
        raise CommentError(path, None, f"malformed CSV ({exc})") from None
    return [SourceTable("CSV", rows)]


def _sniff(text: str) -> str:
    """The delimiter under which a comment-table header appears; else csv.Sniffer's guess."""
    sample = text[:50000]
    for delimiter in (",", ";", "\t"):
        try:
            records = list(islice(csv.reader(io.StringIO(sample), delimiter=delimiter), 30))
        except csv.Error:
            continue
        if any(layout_from_header(list(record)) for record in records):
            return delimiter
    try:
        return csv.Sniffer().sniff(sample[:20000], delimiters=",;\t").delimiter
    except csv.Error:
        return ","
