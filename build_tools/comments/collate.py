"""Collation: all members' comments on one draft iteration, in document order.

The order is that of a disposition-of-comments table: General first, then clauses in natural
order (1, 2, 3.1 … 3.9, 3.10, annexes A, B … after the numbered clauses), then line; ties keep
the member and id order so the output is stable from run to run. The writers of the collated
table are `write_docx` (ISO template), `write_xlsx`, `write_csv` and `write_markdown`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from build_tools.project import UnsafePath

from .errors import CommentError
from .ids import assign_ids
from .locate import iteration_dir, iteration_files, read_draft_file
from .model import Comment, CommentFile
from .normalize import clause_sort_key
from .yaml_read import read_comment_file


def comment_sort_key(comment: Comment) -> tuple:
    """Clause in natural order, then line (comments without a line last), member, id."""
    line = (0, comment.line) if comment.line is not None else (1, 0)
    return (clause_sort_key(comment.clause), line, comment.member or "", comment.id or "")


def collate(files: list[CommentFile], draft_id: str, stage: str, iteration: int) -> list[Comment]:
    """The comments of ``files`` for ``draft_id`` ``stage`` ``iteration``, sorted, as copies.

    Each copy carries its member (a YAML entry inherits the file's) and an id (one is generated
    as `yamlio.assign_ids` would, where the file has none). A file for another draft, stage or
    iteration raises `CommentError`, since collating it would mix ballots.
    """
    collated: list[Comment] = []
    for cf in files:
        for key, expected in (("document", draft_id), ("stage", stage), ("iteration", iteration)):
            actual = getattr(cf, key)
            if actual != expected:
                raise CommentError(
                    cf.path,
                    cf.key_lines.get(key),
                    f"{key} is {actual!r}, but the collation is for {draft_id} {stage} {iteration}",
                )
        copies = [
            replace(c, member=cf.effective_member(c), extra=dict(c.extra), field_lines={})
            for c in cf.comments
        ]
        try:
            assign_ids(copies, cf.member)
        except CommentError as exc:
            raise CommentError(cf.path, cf.key_lines.get("member"), exc.message) from None
        collated.extend(copies)
    indexed = sorted(enumerate(collated), key=lambda pair: (comment_sort_key(pair[1]), pair[0]))
    return [comment for _, comment in indexed]


def write_collated(
    comments: list[Comment],
    path: str | Path,
    *,
    document: str = "",
    project: str = "",
    date: str | dt.date | None = None,
    stage: str | None = None,
    iteration: int | None = None,
) -> Path:
    """Write a collated table in the format its suffix names: .docx, .xlsx, .csv or .md."""
    # The writers load python-docx and openpyxl: only when a table is written.
    from .docx_writer import write_docx
    from .table_writers import write_csv, write_markdown, write_xlsx

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".docx":
        return write_docx(
            comments,
            target,
            document=document,
            project=project,
            date=date,
            stage=stage,
            iteration=iteration,
        )
    if suffix == ".xlsx":
        return write_xlsx(comments, target, document=document, project=project, date=date)
    if suffix == ".csv":
        return write_csv(comments, target)
    if suffix == ".md":
        title = f"Comments on {document}" if document else "Comments"
        return write_markdown(comments, target, title=title)
    raise CommentError(target, None, "write the table as .docx, .xlsx, .csv or .md")


def collate_iteration(root: Path, draft_path: Path, stage: str | None = None,
                      iteration: int | None = None,
                      comments: Path | None = None) -> tuple[list[Comment], Path]:
    """All members' comments on one iteration of a draft (default: its current one), in
    document order, and the folder they came from. Raises CommentError for unreadable files."""
    info = read_draft_file(draft_path)
    stage = stage or info.stage
    iteration = iteration if iteration is not None else info.iteration
    if stage is None or iteration is None:
        raise CommentError(draft_path, 1, "the draft has no stage or iteration in its front-matter")
    try:
        folder = iteration_dir(root, draft_path, stage, iteration, comments)
    except UnsafePath as exc:
        raise CommentError(draft_path, info.meta_lines.get("stage"), str(exc)) from None
    files = [read_comment_file(p) for p in iteration_files(folder)]
    return collate(files, info.id, stage, iteration), folder
