"""The collated comment table as XLSX, CSV and Markdown.

XLSX and CSV have the template's 8 columns in its order, then an "Id" column; the disposition
starts the observation cell as in the DOCX (see `dispositions`). Any cell that a spreadsheet
would take for a formula (= + - @ at the start) gets a leading quote; the importer removes it.
Markdown (for the site) escapes HTML, so reviewer text can never inject markup into a page.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.project import atomic_write, write_atomic

from .dispositions import LABELS, encode_observation
from .iso_template import COLUMN_NAMES, TITLE
from .model import Comment
from .safety import neutralize_formula, xml_safe

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

ID_COLUMN = "Id"
HEADERS = (*COLUMN_NAMES, ID_COLUMN)
_WIDTHS = (10, 10, 12, 14, 10, 60, 60, 40, 16)


def table_row(comment: Comment) -> list[str | int | None]:
    """A comment's cells in XLSX/CSV column order (line as a number where it is one)."""
    line: str | int | None = comment.line_text or comment.line
    if comment.line is not None and comment.line_text in (None, str(comment.line)):
        line = comment.line
    return [
        comment.member,
        line,
        comment.clause,
        comment.element,
        comment.type,
        comment.comment,
        comment.proposed_change,
        encode_observation(comment.disposition, comment.observation) or None,
        comment.id,
    ]


def _safe(value: str | int | None) -> str | int | None:
    return neutralize_formula(xml_safe(value)) if isinstance(value, str) else value


def write_xlsx(
    comments: list[Comment],
    path: str | Path,
    *,
    document: str = "",
    project: str = "",
    date: str | dt.date | None = None,
) -> Path:
    """Write the comments as an XLSX sheet with a header row (atomically)."""
    import openpyxl  # only when a workbook is written: the site and the linter never need it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Comments"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    # sheet.cell() by index: sheet.max_row walks every cell, which made 10 000 rows take 70 s.
    for row, comment in enumerate(comments, start=2):
        for column, value in enumerate(table_row(comment), start=1):
            cell = sheet.cell(row=row, column=column, value=_safe(value))
            cell.alignment = wrap
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    _printable(sheet, [list(HEADERS), *(table_row(c) for c in comments)])
    props = workbook.properties
    props.title = TITLE
    props.subject = xml_safe(document)
    props.description = xml_safe(
        " ".join(p for p in (project, date.isoformat() if isinstance(date, dt.date) else date) if p)
    )
    return atomic_write(path, lambda temp: workbook.save(str(temp)))


def _lines(value: str | int | None, width: int) -> int:
    """Lines a wrapped cell needs in a column ``width`` characters wide (CJK counts double)."""
    if value is None:
        return 1
    total = 0
    for part in str(value).split("\n"):
        size = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
        total += max(1, -(-size // max(width - 1, 1)))
    return total


def _printable(sheet: Worksheet, rows: list[list[str | int | None]]) -> None:
    """Rows as tall as their wrapped text, and a landscape A4 print one page wide with the
    header row on every page: LibreOffice keeps the default row height otherwise, so wrapped
    lines overlap the next row, and prints the columns over several pages."""
    for number, row in enumerate(rows, start=1):
        lines = max(_lines(v, w) for v, w in zip(row, _WIDTHS, strict=False))
        if lines > 1:
            sheet.row_dimensions[number].height = min(409, 15 * lines)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True


def write_csv(comments: list[Comment], path: str | Path) -> Path:
    """Write the comments as UTF-8 CSV with a BOM (so Excel reads Chinese text correctly)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for comment in comments:
        writer.writerow(["" if v is None else _safe(v) for v in table_row(comment)])
    return write_atomic(path, buffer.getvalue().encode("utf-8-sig"))


def _md(text: str | int | None) -> str:
    if text is None:
        return ""
    escaped = html.escape(str(text), quote=False).replace("|", "\\|")
    return "<br>".join(escaped.splitlines())


def markdown_table(comments: list[Comment], title: str | None = None) -> str:
    """The comments as a Markdown page: an optional heading and one pipe table."""
    headers = (
        "Id",
        "MB/NC",
        "Line",
        "Clause",
        "Element",
        "Type",
        "Comment",
        "Proposed change",
        "Disposition",
        "Observation",
    )
    lines = [f"# {_md(title)}", ""] if title else []
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    for c in comments:
        disposition = LABELS.get(c.disposition or "", c.disposition)
        cells = (
            c.id,
            c.member,
            c.line_text or c.line,
            c.clause,
            c.element,
            c.type,
            c.comment,
            c.proposed_change,
            disposition,
            c.observation,
        )
        lines.append("| " + " | ".join(_md(v) for v in cells) + " |")
    return "\n".join(lines) + "\n"


def write_markdown(comments: list[Comment], path: str | Path, *, title: str | None = None) -> Path:
    """Write the comments as a Markdown page (atomically)."""
    return write_atomic(path, markdown_table(comments, title))
