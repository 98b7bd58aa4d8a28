"""`import_comments`: one entry point for every comment format a working group receives.

The format is chosen by extension and confirmed by content: the ISO template as DOCX (body
table without a header row, columns known by position or from the page header; or a DOCX whose
first table row is a header), XLSX and CSV with the template's headers, the IEEE SA myProject
export, and the Chinese 征求意见汇总处理表 (as DOCX, XLSX or CSV). Macro-enabled and legacy
binary files are refused with a message that says what to do.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .columns import COMMENT, ISO_POSITIONAL, MEMBER, Layout, layout_from_header
from .docx_ids import fingerprint, match_row_ids
from .errors import CommentError
from .model import Comment, CommentFile
from .read_docx import DocxSource, read_docx
from .read_sheets import read_csv, read_xlsx
from .rows import Problem, RowMapper, SourceTable, find_header
from .safety import LEGACY_SUFFIXES, refuse_macro_suffix

DOCX, XLSX, CSV = "docx", "xlsx", "csv"
_SUFFIXES = {".docx": DOCX, ".dotx": DOCX, ".xlsx": XLSX, ".xltx": XLSX}
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}


@dataclass
class ImportResult:
    """The comments found in one file, and every row that could not be fully mapped.

    ``problems`` are (row number, message); the row number is that of the sheet or Word table
    (None for a remark on the whole file). ``errors`` are rows that must not be imported as
    they are (a row without its member code): the caller refuses the file. ``member`` is the
    member the comments are filed under; ``votes`` the cells of a vote column, per member, as
    (row, text); ``meta`` holds the template's header fields (date, document, project).
    """

    comments: list[Comment]
    problems: list[Problem]
    path: Path
    format: str
    document: str
    stage: str
    iteration: int
    member: str | None
    meta: dict[str, str] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    votes: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def to_comment_file(self, path: str | Path | None = None) -> CommentFile:
        """The comments as a `CommentFile` (ids still missing are generated when it is written)."""
        cf = CommentFile(self.document, self.stage, self.iteration, self.member)
        cf.comments = list(self.comments)
        cf.path = Path(path) if path is not None else None
        return cf


def detect_format(path: Path) -> str:
    """docx, xlsx or csv, from the extension, else from the content."""
    refuse_macro_suffix(path)
    suffix = path.suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise CommentError(
            path,
            None,
            f"{suffix} (Office 97-2003) is not read; save the file as {LEGACY_SUFFIXES[suffix]}",
        )
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix in _TEXT_SUFFIXES:
        return CSV
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            raise CommentError(path, None, "a zip archive that is neither DOCX nor XLSX")
        with path.open("rb") as handle:
            head = handle.read(4096)
    except (OSError, zipfile.BadZipFile) as exc:
        raise CommentError(path, None, f"cannot read the file ({exc})") from None
    if b"\x00" in head:
        raise CommentError(path, None, "unknown file format (expected DOCX, XLSX or CSV)")
    return CSV


def _member_of(comments: list[Comment]) -> str | None:
    counts = Counter(c.member for c in comments if c.member)
    return counts.most_common(1)[0][0] if counts else None


def _ignored(table: SourceTable, why: str) -> Problem | None:
    if all(row.is_empty() for row in table.rows):
        return None
    return (None, f"{table.label} ignored ({why})")


def _plan_docx(source: DocxSource, path: Path) -> list[tuple[SourceTable, Layout, int]]:
    """Which tables hold comments, with their layout and the index of the first data row."""
    for index, table in enumerate(source.tables):
        if found := find_header(table, scan=5):
            start, layout = found
            plan = [(table, layout, start + 1)]
            plan += [(t, layout, 0) for t in source.tables[index + 1 :] if t.width == table.width]
            return plan
    for cells in source.header_rows:
        layout = layout_from_header(cells)
        if layout is None:
            continue
        plan = [(t, layout, 0) for t in source.tables if t.width == layout.width]
        if plan:
            return plan
    plan = [(t, ISO_POSITIONAL, 0) for t in source.tables if t.width == ISO_POSITIONAL.width]
    if plan:
        return plan
    raise CommentError(
        path,
        None,
        "no comment table found: expected the 8-column ISO template table, or a table whose "
        "first row names the columns (MB/NC, Clause, Comments, …; or 章条编号, 意见内容, …)",
    )


def _plan_sheets(tables: list[SourceTable], path: Path) -> list[tuple[SourceTable, Layout, int]]:
    plan = []
    for table in tables:
        if found := find_header(table):
            start, layout = found
            plan.append((table, layout, start + 1))
    if not plan:
        raise CommentError(
            path,
            None,
            "no header row with comment columns found (looked for MB/NC, Line number, Clause/ "
            "Subclause, Type of comment, Comments, …; IEEE Category, Subclause, Comment, …; "
            "or 序号, 章条编号, 意见内容, 提出单位, 处理意见, 备注)",
        )
    return plan


def import_comments(
    path: str | Path,
    draft_id: str,
    stage: str,
    iteration: int,
    member: str | None = None,
) -> ImportResult:
    """Read the comments of one file, for draft ``draft_id`` at ``stage`` ``iteration``.

    ``member`` files every comment under that member (a different MB/NC cell is kept in
    ``extra``); without it each row keeps its own member code, and a row without one is in
    ``errors``.
    Raises `CommentError` for a file that cannot be read or holds no comment table.
    """
    source_path = Path(path)
    if not source_path.is_file():
        raise CommentError(source_path, None, "no such file")
    kind = detect_format(source_path)
    problems: list[Problem] = []
    docx_source: DocxSource | None = None
    try:
        if kind == DOCX:
            docx_source = read_docx(source_path)
            plan = _plan_docx(docx_source, source_path)
            used = {id(t) for t, _, _ in plan}
            for table in docx_source.tables:
                if id(table) not in used and (p := _ignored(table, "its columns are not known")):
                    problems.append(p)
        else:
            tables = read_xlsx(source_path) if kind == XLSX else read_csv(source_path)
            plan = _plan_sheets(tables, source_path)
            used = {id(t) for t, _, _ in plan}
            for table in tables:
                if id(table) not in used and (p := _ignored(table, "no comment columns found")):
                    problems.append(p)
    except CommentError:
        raise
    except Exception as exc:  # noqa: BLE001 - untrusted input: never a traceback for the user
        raise CommentError(
            source_path, None, f"cannot read this {kind.upper()} file ({type(exc).__name__}: {exc})"
        ) from None

    errors: list[Problem] = []
    mapper = RowMapper(member, problems, errors)
    comments: list[Comment] = []
    prints: list[tuple[int, str]] = []
    labelled = len(plan) > 1
    for table, layout, start in plan:
        member_col, comment_col = layout.column(MEMBER), layout.column(COMMENT)
        for row in table.rows[start:]:
            comment = mapper.map_row(row, layout, table.label if labelled else "")
            if comment is None:
                continue
            comments.append(comment)
            print_ = fingerprint(_cell(row.cells, member_col), _cell(row.cells, comment_col))
            prints.append((row.number - 1 - start, print_))
    if docx_source is not None and docx_source.stored_ids:
        for comment, stored_id in zip(
            comments, match_row_ids(prints, docx_source.stored_ids), strict=True
        ):
            if comment.id is None and stored_id:
                comment.id = stored_id
    if mapper.personal_columns:
        names = ", ".join(sorted(mapper.personal_columns))
        problems.append((None, f"personal data columns not imported: {names}"))
    file_member = member or _member_of(comments)
    if file_member is None and comments:
        problems.append((None, "no member code (MB/NC) found; pass the member explicitly"))
    return ImportResult(
        comments=comments,
        problems=problems,
        path=source_path,
        format=kind,
        document=draft_id,
        stage=stage,
        iteration=iteration,
        member=file_member,
        meta=dict(docx_source.meta) if docx_source else {},
        errors=errors,
        votes=mapper.votes,
    )


def _cell(cells: list[str | None], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    return cells[index]
