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
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from .columns import layout_from_header
from .errors import CommentError
from .rows import (
    MAX_COLUMNS,
    MAX_ROWS,
    SourceRow,
    SourceTable,
    too_many_columns,
    too_many_rows,
)
from .safety import check_office_package, unguard_formula

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


def _stored_rows(sheet: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(row number, cells) as the sheet stores them. Not ``iter_rows``: that pads every row to
    its last cell (or all rows to ``max_col``) and yields each missing row, so one cell in
    column XFD or row 1 048 576 made a 60 KB file cost millions of empty cells."""
    workbook = sheet.parent
    with sheet._get_source() as source:  # noqa: SLF001 - the sheet XML, as iter_rows reads it
        parser = WorkSheetParser(
            source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,  # noqa: SLF001
            date_formats=workbook._date_formats,  # noqa: SLF001
            timedelta_formats=workbook._timedelta_formats,  # noqa: SLF001
        )
        yield from parser.parse()


def _sheet_rows(sheet: Any, path: Path) -> list[SourceRow]:
    where = f"sheet {sheet.title!r}"
    rows = []
    for number, stored in _stored_rows(sheet):
        cells: dict[int, str | None] = {}
        notes = []
        for item in stored:
            column, value = item["column"], item["value"]
            if value is None or value == "":
                continue
            if column > MAX_COLUMNS:
                raise CommentError(path, None, too_many_columns(f"{where}, row {number},", column))
            if item["data_type"] == "e":
                notes.append(f"cell in column {column} holds the spreadsheet error {value}")
            cells[column] = cell_text(value, ReadOnlyCell(sheet, **item).number_format)
        if not cells and not notes:
            continue  # nothing in it, however far down
        if number > MAX_ROWS:
            raise CommentError(path, None, too_many_rows(where))
        texts: list[str | None] = [None] * max(cells, default=0)
        for column, text in cells.items():
            texts[column - 1] = text
        rows.append(SourceRow(number=number, cells=texts, notes=notes))
    merges, formulas = _scan_sheet_xml(sheet)
    by_number = {row.number: row for row in rows}
    for ref in formulas:
        row_number = coordinate_to_tuple(ref)[0] if ref else 0
        if row_number in by_number:
            by_number[row_number].notes.append(
                f"cell {ref} holds a formula without a computed value; it was not evaluated "
                "and its text was not imported"
            )
    rows = _fill_rows(rows)
    _apply_merges(rows, merges, path, where)
    return rows


def _fill_rows(rows: list[SourceRow]) -> list[SourceRow]:
    """Rows 1..last, with an empty row where the sheet has none (row numbers are positions)."""
    filled: list[SourceRow] = []
    for row in sorted(rows, key=lambda r: r.number):
        filled.extend(SourceRow(number=n, cells=[]) for n in range(len(filled) + 1, row.number))
        filled.append(row)
    return filled


def _apply_merges(rows: list[SourceRow], merges: list[tuple[int, int, int, int]], path: Path,
                  where: str) -> None:
    """Copy the value of each merged range into its first column, down its rows.

    Ranges are clipped to the rows and columns that hold content; Excel and LibreOffice never
    write overlapping ranges, so their clipped areas add up to at most the sheet's, and a file
    whose ranges add up to more is refused (a single A1:XFD1048576 costs nothing this way).
    """
    width = max((len(row.cells) for row in rows), default=0)
    budget = len(rows) * width
    for min_col, min_row, max_col, max_row in merges:
        max_row, max_col = min(max_row, len(rows)), min(max_col, width)
        if min_row > max_row or min_col > max_col:
            continue
        budget -= (max_row - min_row + 1) * (max_col - min_col + 1)
        if budget < 0:
            raise CommentError(path, None, f"{where}: its merged cell ranges overlap; merge "
                               "them again in a spreadsheet program")
        top = rows[min_row - 1].cells
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        # A vertical merge (a member or clause for several comments) repeats its value down
        # its first column; columns a merge spreads over stay empty, as in the DOCX reader.
        for row in rows[min_row - 1 : max_row]:
            if len(row.cells) < min_col:
                row.cells.extend([None] * (min_col - len(row.cells)))
            row.cells[min_col - 1] = value
            others = len(row.cells) - row.cells.count(None) - (1 if value else 0)
            if max_col - min_col >= 2 and value and not others:
                row.spanning = True


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
                SourceTable(f"sheet {ws.title!r}", _sheet_rows(ws, path))
                for ws in workbook.worksheets
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
            while record and not record[-1].strip():
                record.pop()
            if len(record) > MAX_COLUMNS:
                where = f"row {number}"
                raise CommentError(path, reader.line_num, too_many_columns(where, len(record)))
            if number > MAX_ROWS:
                if record:
                    raise CommentError(path, reader.line_num, too_many_rows("the sheet"))
                continue
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
        if any(layout_from_header(record[:MAX_COLUMNS]) for record in records):
            return delimiter
    try:
        return csv.Sniffer().sniff(sample[:20000], delimiters=",;\t").delimiter
    except csv.Error:
        return ","
