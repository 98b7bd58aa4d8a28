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
"""

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
    "split_clauses",
    "write_comment_file",
    "write_csv",
    "write_docx",
    "write_markdown",
    "write_collated",
    "write_xlsx",
]
