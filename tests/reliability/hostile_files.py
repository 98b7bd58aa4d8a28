"""Generators of small hostile comment sheets and YAML: a few KB on disk each, built to make a
naive reader take minutes or gigabytes (the cases of issue 15, item 4).

Each generator writes one file and returns its path; the DOCX and XLSX are real packages
(python-docx / openpyxl write them, then one XML part is edited), so they pass the package
checks and reach the table readers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn
from lxml import etree

HEADER = ["MB/NC", "Line number", "Clause/ Subclause", "Paragraph/ Figure/ Table/",
          "Type of comment", "Comments", "Proposed change", "Observations of the secretariat"]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _comment_docx(rows: int) -> docx.document.Document:
    document = docx.Document()
    table = document.add_table(rows=rows + 1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for index, row in enumerate(table.rows[1:], start=1):
        values = ["CN", str(index), "4.1", "", "ed", f"comment {index}", "change", ""]
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    return document


def _set(parent: etree._Element, tag: str, value: str, first: bool = True) -> None:
    element = parent.makeelement(qn(tag), {qn("w:val"): value})
    if first:
        parent.insert(0, element)
    else:
        parent.append(element)


def _properties(element: etree._Element, tag: str) -> etree._Element:
    found = element.find(qn(tag))
    if found is None:
        found = element.makeelement(qn(tag), {})
        element.insert(0, found)
    return found


def docx_grid_span(path: Path, span: int = 2_000_000_000) -> Path:
    """A comment table whose first data cell spans two billion grid columns."""
    document = _comment_docx(3)
    tc = document.tables[0].rows[1].cells[0]._tc  # noqa: SLF001
    _set(_properties(tc, "w:tcPr"), "w:gridSpan", str(span))
    document.save(str(path))
    return path


def docx_grid_before(path: Path, before: int = 2_000_000_000) -> Path:
    """A row that says it starts two billion grid columns late."""
    document = _comment_docx(3)
    tr = document.tables[0].rows[2]._tr  # noqa: SLF001
    _set(_properties(tr, "w:trPr"), "w:gridBefore", str(before))
    document.save(str(path))
    return path


def docx_vertical_merge(path: Path, rows: int = 3000) -> Path:
    """``rows`` rows whose first cell continues the vertical merge of the row above (one member
    code for every comment, as secretariats do, taken to the extreme)."""
    document = _comment_docx(rows)
    table = document.tables[0]
    for index, row in enumerate(table.rows[1:]):
        tc = row.cells[0]._tc  # noqa: SLF001
        merge = tc.makeelement(qn("w:vMerge"), {qn("w:val"): "restart"} if index == 0 else {})
        _properties(tc, "w:tcPr").append(merge)
    document.save(str(path))
    return path


def docx_custom_property_index(path: Path, index: int = 2_000_000_000) -> Path:
    """A stored comment id for body row two billion."""
    from build_tools.comments.docx_ids import add_custom_properties

    document = _comment_docx(2)
    add_custom_properties(document, [], {})
    part = next(rel.target_part for rel in document.part.package.rels.values()
                if rel.reltype.endswith("/custom-properties"))
    part._blob = part.blob.replace(  # noqa: SLF001
        b"</Properties>",
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        b'name="clause-comment-' + str(index).encode() + b'"><vt:lpwstr>["CN-001", "x"]'
        b"</vt:lpwstr></property></Properties>")
    document.save(str(path))
    return path


def _comment_xlsx(rows: int) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for index in range(1, rows + 1):
        sheet.append(["CN", index, "4.1", "", "ed", f"comment {index}", "change", ""])
    return workbook


def _save_xlsx(workbook: openpyxl.Workbook, path: Path,
               edit: Callable[[bytes], bytes] | None = None) -> Path:
    buffer = io.BytesIO()
    workbook.save(buffer)
    if edit is None:
        path.write_bytes(buffer.getvalue())
        return path
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w",
                                                            zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            target.writestr(info.filename, data)
    return path


def xlsx_far_column(path: Path, rows: int = 20_000) -> Path:
    """``rows`` comments, and one cell in the last column a sheet can have (XFD)."""
    workbook = _comment_xlsx(rows)
    workbook.active["XFD1"] = "far"
    return _save_xlsx(workbook, path)


def xlsx_styled_far_cells(path: Path, rows: int = 5000) -> Path:
    """``rows`` comments, each row with an empty but formatted cell in column XFD (a format
    applied to whole rows does this)."""
    from openpyxl.styles import Font

    workbook = _comment_xlsx(rows)
    for row in range(1, rows + 2):
        workbook.active.cell(row=row, column=16_384).font = Font(bold=True)
    return _save_xlsx(workbook, path)


def xlsx_huge_merge(path: Path, rows: int = 2000) -> Path:
    """A merged range over the whole sheet, A1:XFD1048576."""
    workbook = _comment_xlsx(rows)

    def edit(data: bytes) -> bytes:
        return data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                            b'<mergeCell ref="A2:XFD1048576"/></mergeCells>')
    return _save_xlsx(workbook, path, edit)


def xlsx_wide(path: Path, columns: int = 100_000) -> Path:
    """A comment and then a row of ``columns`` cells: more than a spreadsheet can show, written
    without cell references (as the format allows), so no column letter limits them."""
    cells = "".join(f'<c t="n"><v>{i}</v></c>' for i in range(columns))
    row = f'<row r="3">{cells}</row>'.encode()
    return _save_xlsx(_comment_xlsx(1), path,
                      lambda data: data.replace(b"</sheetData>", row + b"</sheetData>"))


def csv_wide(path: Path, columns: int = 100_000, rows: int = 10) -> Path:
    """A comment sheet whose rows hold ``columns`` cells each."""
    lines = [",".join(HEADER)]
    lines += [",".join(["CN", str(i), "4.1", "", "ed", f"comment {i}"] + ["x"] * columns)
              for i in range(1, rows + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sheet_too_long(path: Path, rows: int) -> Path:
    """A CSV comment sheet with ``rows`` comments."""
    lines = [",".join(HEADER)] + [f"CN,{i},4.1,,ed,comment {i},change," for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _comment_yaml_head() -> str:
    return ("document: MVS 9001\nstage: WD\niteration: 1\nmember: CN\ncomments:\n"
            "  - id: CN-001\n    clause: '4.1'\n    type: ed\n    comment: Deep.\n")


def yaml_flow_nested(path: Path, depth: int) -> Path:
    """A comment file whose ``extra`` holds lists nested ``depth`` deep, as [[[…]]]."""
    path.write_text(_comment_yaml_head() + "    extra:\n      x: " + "[" * depth + "]" * depth
                    + "\n", encoding="utf-8")
    return path


def yaml_block_nested(path: Path, depth: int) -> Path:
    """Block sequences nested ``depth`` deep on one line ("- - - - x"), as YAML allows."""
    path.write_text(_comment_yaml_head() + "    extra:\n      x:\n        " + "- " * depth
                    + "x\n", encoding="utf-8")
    return path


def yaml_indented_nested(path: Path, depth: int) -> Path:
    """Mappings nested ``depth`` deep by indentation, one key a line."""
    lines = [" " * level + "k:" for level in range(depth)]
    path.write_text(_comment_yaml_head() + "    extra:\n"
                    + "\n".join("      " + line for line in lines) + " x\n", encoding="utf-8")
    return path


def front_matter_nested(depth: int, body: str = "# Scope\n\nText.\n") -> str:
    """A draft whose front-matter holds a list nested ``depth`` deep."""
    return ("---\nid: MVS 9002\ntitle: Deep\nlanguage: en\nstage: WD\niteration: 1\n"
            f"date: 2026-01-01\nx: {'[' * depth}{']' * depth}\n---\n{body}")
