"""Reviewer comment files: read, import, check, collate and write them.

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

`locate` says where drafts and comment files are (``comments/<stem>/<stage><iteration>/``),
`stats` counts comments and writes the disposition of comments report, and `site_view` gives
the data of the site's comments page. Checking comments against the balloted text of a draft,
ballots and stages are build_tools.workflow's.

The names exported here are loaded on first use: importing ``build_tools.comments.check``
(the linter does) must not load python-docx or openpyxl, which only the importers and writers
need. The data of the comments page::

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

from importlib import import_module as _import_module
from typing import Any as _Any

# name -> submodule that defines it
_EXPORTS = {
    "RULES": "check", "CommentFinding": "check", "DraftInfo": "check",
    "check_comment_file": "check", "check_comment_files": "check",
    "check_comment_paths": "check",
    "collate": "collate", "comment_sort_key": "collate", "write_collated": "collate",
    "decode_observation": "dispositions", "encode_observation": "dispositions",
    "write_docx": "docx_writer",
    "CommentError": "errors",
    "ImportResult": "importers", "detect_format": "importers", "import_comments": "importers",
    "ACCEPTED": "model", "ACCEPTED_IN_PRINCIPLE": "model", "DISPOSITIONS": "model",
    "EDITORIAL": "model", "GENERAL": "model", "NOTED": "model", "PARTIALLY_ACCEPTED": "model",
    "REJECTED": "model", "TECHNICAL": "model", "TYPES": "model", "Comment": "model",
    "CommentFile": "model",
    "clause_sort_key": "normalize", "normalize_clause": "normalize",
    "normalize_type": "normalize", "parse_line": "normalize", "split_clauses": "normalize",
    "markdown_table": "table_writers", "write_csv": "table_writers",
    "write_markdown": "table_writers", "write_xlsx": "table_writers",
    "MergeResult": "yamlio", "assign_ids": "yamlio", "dump_comment_file": "yamlio",
    "merge_comments": "yamlio", "parse_comment_yaml": "yamlio", "read_comment_file": "yamlio",
    "write_comment_file": "yamlio",
    "site_data": "site_view",
}
__all__ = sorted(_EXPORTS)


# Importing a submodule binds its name on the package, so a function named like its module is
# bound here once and for all (collate.py loads no writer).
from .collate import collate  # noqa: E402, F401


def __getattr__(name: str) -> _Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
