"""Reading the tables of a DOCX comment file: body tables, page-header tables, custom properties.

Cell text is collected from the XML rather than through python-docx's ``cell.text``, which
leaves out runs inside tracked insertions (``w:ins``) and content controls (``w:sdt``); both
are common in documents that went through a secretariat. Deleted text (``w:delText``) and the
fallback copy of text boxes (``mc:Fallback``) are left out so nothing is read twice.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import _Header
from docx.table import Table
from lxml import etree

from .docx_ids import read_custom_properties, stored_row_ids
from .errors import CommentError
from .iso_template import DATE_FIELD, DOCUMENT_FIELD, PROJECT_FIELD
from .rows import MAX_COLUMNS, MAX_ROWS, SourceRow, SourceTable, too_many_columns, too_many_rows
from .safety import check_office_package

_P, _T, _TAB, _BR, _CR = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_SKIP = {
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:tcPr"),
    qn("w:del"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


@dataclass
class DocxSource:
    """What the importer needs from a DOCX: its body tables, the rows of the tables in its page
    headers (where the official template keeps the column headers), the header fields and the
    comment ids stored by Clause."""

    tables: list[SourceTable]
    header_rows: list[list[str | None]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    stored_ids: list[tuple[str, str] | None] = field(default_factory=list)


def element_text(element: etree._Element) -> str:
    """The text of a cell (or any block container): paragraphs joined by newlines."""
    paragraphs: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _P:
                paragraphs.append("")
                walk(child)
                continue
            if not paragraphs:
                paragraphs.append("")
            if tag == _T:
                paragraphs[-1] += child.text or ""
            elif tag == _TAB:
                paragraphs[-1] += "\t"
            elif tag == _BR:
                if child.get(qn("w:type")) in (None, "textWrapping"):
                    paragraphs[-1] += "\n"
            elif tag == _CR:
                paragraphs[-1] += "\n"
            elif tag == _NO_BREAK_HYPHEN:
                paragraphs[-1] += "-"
            else:
                walk(child)

    walk(element)
    return "\n".join(paragraphs)


_Root = tuple[etree._Element, str]  # the w:tc holding a grid cell's content, and its text


def table_rows(table: Table, path: Path, label: str) -> list[SourceRow]:
    """The rows of a Word table as text, one cell per grid column.

    Read from the grid of the XML rather than python-docx's ``row.cells``, which repeats a
    spanning cell once per grid column and finds the top of a vertical merge by walking up
    row by row: a 36 KB file claiming a span of two billion columns, or thousands of merged
    rows, took minutes and gigabytes. Here a merged cell takes its text from the row above in
    one step, and a row is refused beyond `MAX_COLUMNS` grid columns.
    """
    rows = []
    above: list[_Root | None] = []
    for number, tr in enumerate(table._tbl.tr_lst, start=1):  # noqa: SLF001 - the XML grid
        if number > MAX_ROWS:
            raise CommentError(path, None, too_many_rows(label))
        where = f"{label}, row {number}"
        before = max(0, tr.grid_before)
        if before >= MAX_COLUMNS:
            raise CommentError(path, None, too_many_columns(where, before + 1))
        texts: list[str | None] = [None] * before
        grid: list[_Root | None] = [None] * before
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if len(texts) + span > MAX_COLUMNS:
                raise CommentError(path, None, too_many_columns(where, len(texts) + span))
            root = above[len(grid)] if len(grid) < len(above) else None
            if tc.vMerge != "continue" or root is None:
                root = (tc, element_text(tc))
            # A cell spanning columns counts once, so "Comments" spread over the next column
            # does not also become the proposed change; a vertical merge repeats its text.
            texts.append(root[1])
            texts.extend([None] * (span - 1))
            grid.extend([root] * span)
        own = grid[before:]
        spanning = len(own) > 1 and all(cell is own[0] for cell in own)
        rows.append(SourceRow(number=number, cells=texts, spanning=spanning))
        above = grid
    return rows


def _open(path: Path) -> DocxDocument:
    check_office_package(path, "DOCX")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise CommentError(path, None, f"not a valid DOCX file ({exc})") from None
    except ValueError as exc:
        raise CommentError(path, None, f"not a Word document ({exc})") from None


def _headers(document: DocxDocument) -> list[_Header]:
    headers = []
    even = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        headers.append(section.header)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if even:
            headers.append(section.even_page_header)
    return headers


def _meta(rows: list[list[str | None]]) -> dict[str, str]:
    labels = {DATE_FIELD: "date", DOCUMENT_FIELD: "document", PROJECT_FIELD: "project"}
    labels["Project Nr.:"] = "project"
    meta: dict[str, str] = {}
    for row in rows:
        for cell in row:
            text = (cell or "").strip()
            for label, key in labels.items():
                if text.startswith(label) and text[len(label) :].strip():
                    meta.setdefault(key, text[len(label) :].strip())
    return meta


def read_docx(path: Path) -> DocxSource:
    """Read a DOCX comment file (after the package safety checks)."""
    document = _open(path)
    try:
        tables = []
        for index, table in enumerate(document.tables, start=1):
            tables.append(SourceTable(f"table {index}", table_rows(table, path, f"table {index}")))
        header_rows: list[list[str | None]] = []
        for header in _headers(document):
            for table in header.tables:
                rows = table_rows(table, path, "a table in the page header")
                header_rows.extend(row.cells for row in rows)
        stored = stored_row_ids(read_custom_properties(document))
    except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise CommentError(path, None, f"cannot read the DOCX tables ({exc})") from None
    return DocxSource(tables, header_rows, _meta(header_rows), stored)
