"""Reviewer comment YAML files: reading, writing, merging, ids (one import for callers).

`yaml_read` reads without constructing any YAML tag and keeps the line of every entry and
field; `yaml_write` rewrites files through ruamel.yaml's round-trip mode so an existing file
keeps its comments and key order, atomically; `ids` generates ``<member>-<nnn>`` ids.
"""

from .ids import assign_ids
from .yaml_read import ENTRY_KEYS, TOP_KEYS, parse_comment_yaml, read_comment_file
from .yaml_write import MergeResult, dump_comment_file, merge_comments, write_comment_file

__all__ = [
    "ENTRY_KEYS",
    "TOP_KEYS",
    "MergeResult",
    "assign_ids",
    "dump_comment_file",
    "merge_comments",
    "parse_comment_yaml",
    "read_comment_file",
    "write_comment_file",
]
