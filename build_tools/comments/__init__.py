"""Reviewer comments: import, check, collate and export (``clause comments …``).

One YAML file per member per draft iteration (FORMAT.md, "Reviewer comment files") is the
source of truth; everything else is a view of it or an input to it::

    ISO template DOCX / XLSX / CSV / IEEE myProject / 征求意见汇总处理表
        └─ import_comments(path, draft_id, stage, iteration, member=None) -> ImportResult
             └─ merge_comments(yaml_path, result.comments, document=…, stage=…, …)
    comments/<draft>/<stage><iteration>/<member>.yaml
        ├─ read_comment_file(path) -> CommentFile
        ├─ check_comment_paths(paths, resolve) -> (files, [CommentFinding])
        └─ collate(files, draft_id, stage, iteration) -> [Comment]
             └─ write_collated(comments, path, …): write_docx / _xlsx / _csv / _markdown

Every function takes plain paths and values, raises `CommentError` (path, line, message) for
what the user has to fix, and writes files atomically. DOCX and XLSX round trips are lossless:
the disposition starts the observation cell ("Accepted in principle — …"), XLSX/CSV carry an
"Id" column after the 8 template columns, and a DOCX keeps the ids in its custom properties
(see `docx_writer` and `docx_ids`).

In a repository (drafts/ and comments/ side by side) the workflow modules wire these to the
drafts: `resolve` (which draft file, which iteration's text from the working tree or git
history, which ballot line map), `repository` (check and collate by draft), `stats` (counts and
the disposition of comments report) and `site_view` (the data of the site's comments page)::

    site_data(root, draft_path) -> {
      "draft": {"id", "title", "language", "path", "stem", "stage", "iteration",
                "ballot": {"opens", "closes", "line_numbering"} | None},
      "iterations": [            # the current iteration first, then earlier ones, newest first
        {"stage": "WD", "iteration": 2, "label": "WD 2", "current": True,
         "folder": "comments/<stem>/WD2", "members": ["CN-CESI", ...],
         "comments": [{"id", "member", "line", "line_text", "clause", "element", "type",
                       "comment", "proposed_change", "disposition", "observation"}, ...],
         "counts": {"total": 12,
                    "by_clause": {"General": 1, "3.1": 2, ...},        # document order
                    "by_member": {"CN-CESI": 6, ...},                  # alphabetical
                    "by_type": {"ge": 1, "te": 6, "ed": 5, "unknown": 0},
                    "by_disposition": {"accepted": 5, "accepted-in-principle": 2,
                                       "partially-accepted": 1, "noted": 2, "rejected": 1,
                                       "open": 1}},
         "problems": [{"file", "line", "message"}, ...]}, ...]}
"""

from pathlib import Path as _Path
from typing import Any as _Any

from .check import (
    RULES,
    CommentFinding,
    DraftInfo,
    check_comment_file,
    check_comment_files,
    check_comment_paths,
)
from .collate import collate, comment_sort_key, write_collated
from .dispositions import decode_observation, encode_observation
from .docx_writer import write_docx
from .errors import CommentError
from .importers import ImportResult, detect_format, import_comments
from .model import (
    ACCEPTED,
    ACCEPTED_IN_PRINCIPLE,
    DISPOSITIONS,
    EDITORIAL,
    GENERAL,
    NOTED,
    PARTIALLY_ACCEPTED,
    REJECTED,
    TECHNICAL,
    TYPES,
    Comment,
    CommentFile,
)
from .normalize import clause_sort_key, normalize_clause, normalize_type, parse_line, split_clauses
from .table_writers import markdown_table, write_csv, write_markdown, write_xlsx
from .yamlio import (
    MergeResult,
    assign_ids,
    dump_comment_file,
    merge_comments,
    parse_comment_yaml,
    read_comment_file,
    write_comment_file,
)


def site_data(root: _Path, draft_path: _Path) -> dict[str, _Any]:
    """The comments page data of one draft (shape above); reads comments/ only."""
    from .site_view import site_data as _site_data  # parses drafts: load only when asked

    return _site_data(root, draft_path)


__all__ = [
    "RULES",
    "ACCEPTED",
    "ACCEPTED_IN_PRINCIPLE",
    "DISPOSITIONS",
    "EDITORIAL",
    "GENERAL",
    "NOTED",
    "PARTIALLY_ACCEPTED",
    "REJECTED",
    "TECHNICAL",
    "TYPES",
    "Comment",
    "CommentError",
    "CommentFile",
    "CommentFinding",
    "DraftInfo",
    "ImportResult",
    "MergeResult",
    "assign_ids",
    "check_comment_file",
    "check_comment_files",
    "check_comment_paths",
    "clause_sort_key",
    "collate",
    "comment_sort_key",
    "decode_observation",
    "detect_format",
    "dump_comment_file",
    "encode_observation",
    "import_comments",
    "markdown_table",
    "merge_comments",
    "normalize_clause",
    "normalize_type",
    "parse_comment_yaml",
    "parse_line",
    "read_comment_file",
    "site_data",
    "split_clauses",
    "write_comment_file",
    "write_csv",
    "write_docx",
    "write_markdown",
    "write_collated",
    "write_xlsx",
]
