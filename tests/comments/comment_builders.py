"""Builders of comment files for the tests: filled templates, Word tables, sheets."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl
from docx.table import Table

Cells = Sequence[str | None]


def set_cell(cell, text: str | None) -> None:  # noqa: ANN001 - a python-docx _Cell
    """Put text in a cell's first paragraph, keeping the paragraph's style."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if text:
        paragraph.add_run(text)


def append_row(table: Table, values: Cells) -> None:
    """Append a copy of the table's last row (styles kept) holding ``values``."""
    new_tr = copy.deepcopy(table.rows[-1]._tr)
    table._tbl.append(new_tr)
    for cell, value in zip(table.rows[-1].cells, values, strict=True):
        set_cell(cell, value)


def fill_iso_template(template: Path, dest: Path, rows: Sequence[Cells]) -> Path:
    """A copy of the official template with ``rows`` in its body table (8 cells each)."""
    shutil.copyfile(template, dest)
    dest.chmod(0o644)
    document = docx.Document(str(dest))
    table = document.tables[0]
    blank = len(table.rows)
    for index, values in enumerate(rows):
        if index < blank:
            for cell, value in zip(table.rows[index].cells, values, strict=True):
                set_cell(cell, value)
        else:
            append_row(table, values)
    document.save(str(dest))
    return dest


def docx_with_table(dest: Path, rows: Sequence[Cells], before: Sequence[Cells] = ()) -> Path:
    """A plain DOCX holding one table per list: ``before`` (if any) and then ``rows``."""
    document = docx.Document()
    for block in (before, rows):
        if not block:
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, values in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value or ""
        document.add_paragraph("")
    document.save(str(dest))
    return dest


def xlsx_with_rows(
    dest: Path, rows: Sequence[Sequence[object]], merges: Sequence[str] = (), title: str = "Sheet"
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for values in rows:
        sheet.append(list(values))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(str(dest))
    return dest
