"""Turning the rows of a recognised comment table into `Comment` objects.

Every source (DOCX table, XLSX sheet, CSV file) is first read into `SourceTable`s of plain cell
texts; this module maps them with a `Layout`. The rules for messy sheets live here: blank rows
are skipped without a word, values are normalised, and anything that cannot be mapped is kept
(in the comment, in ``extra``) and reported with its row number. No row with content is
dropped without a problem saying so. A row whose MB/NC cell is empty is an error naming the
row: it is never filed under the member of the row above (merged cells are filled in by the
readers, so a merge is not an empty cell). A vote column's cells are collected per member for
the ballot, not made into comments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils.cell import get_column_letter

from .columns import (
    CLAUSE,
    COMMENT,
    DISPOSITION,
    ELEMENT,
    ID,
    LINE,
    MEMBER,
    OBSERVATION,
    PERSONAL,
    PROPOSED_CHANGE,
    SERIAL,
    TYPE,
    VOTE,
    Layout,
    layout_from_header,
)
from .dispositions import decode_observation, parse_status_cell
from .model import Comment
from .normalize import normalize_clause, normalize_text, normalize_type, parse_line

Problem = tuple[int | None, str]
Report = Callable[[str], None]

# Bounds of one comment table, whatever its format: a file of a few KB can claim a cell in
# column 16 384 or row 1 048 576, and every reader would pad the rest with empty cells. Rows:
# one member's comments on one iteration (the largest ISO ballots collect a few thousand from
# all members); merging 20 000 rows into a member's YAML file takes about 15 s.
MAX_ROWS = 20_000
MAX_COLUMNS = 256  # column IV, the old Excel limit (Word tables have at most 63 columns)


def too_many_rows(where: str) -> str:
    return (f"{where} has more than {MAX_ROWS:,} rows, the limit of a comment table; "
            "split the comments over several files")


def too_many_columns(where: str, column: int) -> str:
    letters = f" ({get_column_letter(column)})" if column <= 16_384 else ""
    return (f"{where} has content in column {column:,}{letters}; a comment table may use "
            f"{MAX_COLUMNS} columns at most: delete or move what lies beyond")


@dataclass
class SourceRow:
    """One table row as text. ``number`` is the row as the user sees it (sheet row, 1-based row
    of the Word table); ``spanning`` marks a DOCX row made of one cell across the table;
    ``notes`` are the reader's remarks on the row (e.g. a spreadsheet error value)."""

    number: int
    cells: list[str | None]
    spanning: bool = False
    notes: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(normalize_text(c) for c in self.cells)


@dataclass
class SourceTable:
    """A table of a source file: its rows and a label for messages ("table 2", "sheet 'CN'")."""

    label: str
    rows: list[SourceRow]

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


def find_header(table: SourceTable, scan: int = 30) -> tuple[int, Layout] | None:
    """The index of the header row among the first ``scan`` rows, with its layout."""
    for index, row in enumerate(table.rows[:scan]):
        if not row.spanning and (layout := layout_from_header(row.cells)) is not None:
            return index, layout
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RowMapper:
    """Maps the rows of one import, in order (the member carry-down spans tables and sheets)."""

    def __init__(self, member_override: str | None, problems: list[Problem],
                 errors: list[Problem] | None = None) -> None:
        self.member_override = member_override
        self.problems = problems
        self.errors = errors if errors is not None else problems
        self.personal_columns: set[str] = set()
        self.votes: dict[str, list[tuple[int, str]]] = {}  # member -> [(row, cell)]

    def map_row(self, row: SourceRow, layout: Layout, where: str = "") -> Comment | None:
        """The comment a row holds, or None for a blank, header or spanning row."""
        prefix = f"{where}: " if where else ""

        def report(message: str) -> None:
            self.problems.append((row.number, prefix + message))

        if row.spanning:
            text = next((c for c in row.cells if normalize_text(c)), None)
            if text:
                report(
                    f"a row spanning the whole table is not a comment, skipped: {_short(text)!r}"
                )
            return None
        cells = list(row.cells) + [None] * (layout.width - len(row.cells))
        if layout_from_header(cells) is not None:
            return None  # the header repeated inside the table
        values: dict[str, str] = {}
        comment = Comment(source_row=row.number)
        content = False
        for index, text in enumerate(cells):
            text = normalize_text(text)
            name = layout.fields[index] if index < layout.width else None
            header = layout.headers[index] if index < layout.width else f"column {index + 1}"
            if text is None:
                continue
            if name == PERSONAL:
                self.personal_columns.add(header)
                continue
            if name is None or name == SERIAL:
                comment.extra[header] = text
                content = content or name is None
                continue
            values[name] = text
            content = content or name not in (MEMBER, TYPE, VOTE)
        for note in row.notes:
            report(note)
        member = self.member_override or values.get(MEMBER)
        if (content or VOTE in values) and member is None and layout.column(MEMBER) is not None:
            self.errors.append((row.number, prefix + "the MB/NC cell is empty: every row needs "
                                "its member code (or give --member to file all rows under one "
                                "member)"))
            return None
        if VOTE in values and member is not None:
            self.votes.setdefault(member, []).append((row.number, values[VOTE]))
        if not content:
            return None
        self._member(comment, values.get(MEMBER), layout)
        self._line(comment, values.get(LINE), report)
        comment.clause = normalize_clause(values.get(CLAUSE))
        comment.element = values.get(ELEMENT)
        comment.comment = values.get(COMMENT)
        comment.proposed_change = values.get(PROPOSED_CHANGE)
        comment.id = values.get(ID)
        if TYPE in values:
            comment.type = normalize_type(values[TYPE])
            if comment.type is None:
                comment.extra[layout.headers[layout.fields.index(TYPE)]] = values[TYPE]
                report(f"type of comment {_short(values[TYPE])!r} is not ge, te or ed (kept)")
        self._disposition(comment, values, layout, report)
        if comment.comment is None:
            report("no comment text in this row (imported without one)")
        return comment

    def _member(self, comment: Comment, cell: str | None, layout: Layout) -> None:
        if self.member_override:
            comment.member = self.member_override
            if cell and cell != self.member_override:
                comment.extra[layout.headers[layout.fields.index(MEMBER)]] = cell
        else:
            comment.member = cell

    @staticmethod
    def _line(comment: Comment, cell: str | None, report: Report) -> None:
        line, written = parse_line(cell)
        comment.line, comment.line_text = line, written
        if written is not None and line is None:
            report(f"line {_short(written)!r} is not a line number (kept as written)")
        elif line is not None and line < 1:
            report(f"line {line} is not a line number (lines start at 1)")

    @staticmethod
    def _disposition(
        comment: Comment, values: dict[str, str], layout: Layout, report: Report
    ) -> None:
        observation = values.get(OBSERVATION)
        if layout.encoded_observation:
            comment.disposition, comment.observation = decode_observation(observation)
            return
        status = values.get(DISPOSITION)
        disposition, rest = parse_status_cell(status)
        if status is not None and disposition is None:
            report(f"disposition {_short(status)!r} not recognised (kept in the observation)")
            rest = status
        comment.disposition = disposition
        parts = [p for p in (rest, observation) if p]
        comment.observation = "\n".join(parts) or None
