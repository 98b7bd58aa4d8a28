"""A Word table as a pipe table: one line per row, one phrase per cell.

What a pipe table cannot hold is made to fit and reported: merged cells are repeated empty,
several paragraphs or a list in a cell are joined on one line, a nested table is flattened to
its text. A last row that spans the whole table and starts with "NOTE" (or "注") is how ISO and
GB templates set table notes: it becomes note paragraphs after the table.
"""

from __future__ import annotations

from typing import Any

from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport import patterns as P
from build_tools.wordimport.elements import Inlines, Para, TableEl
from build_tools.wordimport.report import UNMAPPED, Report
from build_tools.wordimport.units import Unit


def _cell_inlines(blocks: list[dict[str, Any]], problems: set[str]) -> Inlines:
    out: Inlines = []
    for block in blocks:
        t = block["t"]
        c = block.get("c")
        if t in ("Para", "Plain"):
            parts = [n if n["t"] != "LineBreak" else {"t": "Space"} for n in c]
        elif t in ("BulletList", "OrderedList"):
            problems.add("a list in a cell was written on one line")
            items = c if t == "BulletList" else c[1]
            parts = []
            for item in items:
                if parts:
                    parts.append(A.text_node("; "))
                parts.extend(_cell_inlines(item, problems))
        elif t == "Table":
            problems.add("a table inside a cell was flattened to its text")
            parts = [A.text_node(" ".join(A.block_text(b) for b in _table_blocks(block)))]
        elif t == "Div":
            parts = _cell_inlines(c[1], problems)
        else:
            parts = [A.text_node(A.block_text(block))] if A.block_text(block) else []
        parts = A.strip(parts)
        if not parts:
            continue
        if out:
            problems.add("cells with several paragraphs were joined on one line")
            out.append({"t": "Space"})
        out.extend(parts)
    return out


def _table_blocks(table: dict[str, Any]) -> list[dict[str, Any]]:
    _, _, _, head, bodies, foot = table["c"]
    rows = [*head[1], *(r for b in bodies for r in (*b[2], *b[3])), *foot[1]]
    return [blk for row in rows for cell in row[1] for blk in cell[4]]


def _grid(rows: list[list[Any]], width: int, problems: set[str]) -> list[list[Inlines]]:
    """Rows of cells with row and column spans laid out on a grid (spanned places empty)."""
    grid: list[list[Inlines | None]] = []
    carry: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        line: list[Inlines | None] = [None] * width
        col = 0
        for cell in row[1]:
            while col < width and carry.get((r, col)):
                line[col] = []
                col += 1
            rowspan, colspan = cell[2], cell[3]
            if rowspan > 1 or colspan > 1:
                problems.add("merged cells were split (the merged text is in the first cell)")
            if col < width:
                line[col] = _cell_inlines(cell[4], problems)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        carry[(r + dr, col + dc)] = True
            col += colspan
        grid.append([c if c is not None else [] for c in line])
    return grid  # type: ignore[return-value]


def table_of(unit: Unit, report: Report, where: str) -> TableEl:
    _, _, specs, head, bodies, foot = (unit.node or {})["c"]
    width = max(len(specs), 1)
    problems: set[str] = set()
    head_rows = _grid(head[1], width, problems)
    body_rows = _grid([r for b in bodies for r in (*b[2], *b[3])] + list(foot[1]), width, problems)
    if not head_rows and body_rows:
        head_rows, body_rows = body_rows[:1], body_rows[1:]
    if len(head_rows) > 1:
        problems.add("a header of several rows: the rows after the first are body rows")
        body_rows = head_rows[1:] + body_rows
    table = TableEl(unit.n, head_rows[0] if head_rows else [[] for _ in range(width)], body_rows)
    notes: list[Para] = []
    while table.rows and sum(1 for c in table.rows[-1] if c) == 1 and width > 1:
        text = A.plain(table.rows[-1][0]).strip()
        if not (P.NOTE_EN.match(text) or P.NOTE_ZH.match(text)):
            break
        notes.insert(0, Para(unit.n, table.rows.pop()[0], "note"))
    table.notes = notes
    for problem in sorted(problems):
        report.add(UNMAPPED, f"table: {problem}", unit.n, where)
    return table
