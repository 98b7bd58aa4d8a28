"""Reading reviewer comment YAML files (FORMAT.md, "Reviewer comment files").

Reading walks ruamel.yaml's composed node tree instead of constructing Python objects: no tag
is ever constructed (a non-standard tag is an error), every value is seen as written (an
unquoted ``clause: 3.10`` stays "3.10", not the float 3.1) and every entry and field keeps its
line for messages. The reader is lenient about the schema; `check.py` reports what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from build_tools.frontmatter import compose_safe
from build_tools.project import read_source

from .errors import CommentError
from .model import Comment, CommentFile
from .normalize import normalize_text, parse_line

TOP_KEYS = ("document", "stage", "iteration", "member", "comments")
ENTRY_KEYS = (
    "id",
    "line",
    "line_text",
    "clause",
    "element",
    "type",
    "comment",
    "proposed_change",
    "disposition",
    "observation",
    "member",
    "extra",
)
MAX_YAML_BYTES = 5 * 1024 * 1024

_YAML = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _YAML + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


def round_trip_yaml() -> YAML:
    """ruamel.yaml in round-trip mode, set up as comment files are written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_comment_file(path: str | Path) -> CommentFile:
    """Read one comment YAML file. Unreadable or invalid YAML raises `CommentError`."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_YAML_BYTES:
            raise CommentError(source, None, "file too large for a comment file (limit 5 MB)")
        data = read_source(source)  # a symlink out of the repository is refused
    except OSError as exc:
        raise CommentError(source, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommentError(source, None, f"not UTF-8 text (byte {exc.start})") from None
    return parse_comment_yaml(text, source)


def parse_comment_yaml(text: str, path: str | Path | None = None) -> CommentFile:
    """Parse the text of a comment YAML file (``path`` is used for messages and kept)."""
    where = Path(path) if path is not None else None
    try:
        root = compose_safe(text)  # the front-matter's composer: libyaml when available
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise CommentError(where, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise CommentError(where, None, f"invalid YAML: {exc}") from None
    if root is None:
        raise CommentError(where, 1, "empty file; expected document, stage, iteration, member")
    _refuse_tags(root, where, set())
    if not isinstance(root, MappingNode):
        raise CommentError(where, _line(root), "the file must be a mapping (document: ...)")
    cf = CommentFile(document=None, stage=None, iteration=None, member=None, path=where)
    for key_node, value_node in _pairs(root, where):
        key = key_node.value
        cf.key_lines[key] = _line(key_node)
        if key == "comments":
            cf.comments = _read_comments(value_node, cf)
        elif key == "iteration":
            cf.iteration = _read_iteration(value_node, cf)
        elif key in TOP_KEYS:
            value = _text(value_node, key, cf.problems)
            if key == "stage" and _tag(value_node) in (_YAML + "float", _YAML + "int"):
                cf.problems.append(
                    (_line(value_node), f"stage {value} is written as a number; quote it")
                )
            setattr(cf, key, value)
        else:
            cf.unknown_keys.append((key, _line(key_node)))
    return cf


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _tag(node: Node) -> str:
    return str(getattr(node.tag, "value", node.tag))


def _refuse_tags(node: Node, path: Path | None, seen: set[int]) -> None:
    if id(node) in seen:  # an alias: already checked, and recursion must stop
        return
    seen.add(id(node))
    if _tag(node) not in _ALLOWED_TAGS:
        raise CommentError(path, _line(node), f"YAML tag {_tag(node)!r} is not allowed here")
    if isinstance(node, MappingNode):
        for key, value in node.value:
            _refuse_tags(key, path, seen)
            _refuse_tags(value, path, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _refuse_tags(item, path, seen)


def _pairs(node: MappingNode, path: Path | None) -> list[tuple[ScalarNode, Node]]:
    pairs: list[tuple[ScalarNode, Node]] = []
    seen: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            raise CommentError(path, _line(key), "a key must be plain text")
        if key.value in seen:
            raise CommentError(
                path, _line(key), f"duplicate key {key.value!r} (first on line {seen[key.value]})"
            )
        seen[key.value] = _line(key)
        pairs.append((key, value))
    return pairs


def _text(node: Node, name: str, problems: list[tuple[int | None, str]]) -> str | None:
    """A scalar as written, or None for null; a mapping or list where text belongs is a problem."""
    if not isinstance(node, ScalarNode):
        problems.append((_line(node), f"{name} must be text, not a {_kind(node)}"))
        return None
    if _tag(node) == _YAML + "null":
        return None
    return normalize_text(node.value)


def _kind(node: Node) -> str:
    return "list" if isinstance(node, SequenceNode) else "mapping"


def _read_iteration(node: Node, cf: CommentFile) -> int | None:
    text = _text(node, "iteration", cf.problems)
    if text is None:
        return None
    if _tag(node) == _YAML + "int" and re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    cf.problems.append((_line(node), f"iteration must be an integer, not {text!r}"))
    return None


def _read_comments(node: Node, cf: CommentFile) -> list[Comment]:
    if isinstance(node, ScalarNode) and _tag(node) == _YAML + "null":
        return []
    if not isinstance(node, SequenceNode):
        cf.problems.append((_line(node), "comments must be a list of comment entries"))
        return []
    comments = []
    for item in node.value:
        if not isinstance(item, MappingNode):
            cf.problems.append(
                (_line(item), "a comment entry must be a mapping (id:, clause: ...)")
            )
            continue
        comments.append(_read_entry(item, cf))
    return comments


def _read_entry(node: MappingNode, cf: CommentFile) -> Comment:
    comment = Comment(yaml_line=_line(node))
    for key_node, value_node in _pairs(node, cf.path):
        key = key_node.value
        comment.field_lines[key] = _line(key_node)
        if key == "extra":
            comment.extra = _read_extra(value_node, cf)
        elif key == "line":
            _read_line(value_node, comment, cf)
        elif key in ENTRY_KEYS:
            setattr(comment, key, _text(value_node, key, cf.problems))
        else:
            # Left in the file (writers touch only known keys); the checker names the closest.
            cf.unknown_keys.append((key, _line(key_node)))
    return comment


def _raw(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else f"<{_kind(node)}>"


def _read_line(node: Node, comment: Comment, cf: CommentFile) -> None:
    text = _text(node, "line", cf.problems)
    if text is None:
        return
    if _tag(node) == _YAML + "int" and re.fullmatch(r"\+?\d+", text):
        comment.line = int(text)
        return
    # "12-15" is read as line 12; text that holds no number is kept for the checker (CMT-007).
    comment.line, comment.line_text = parse_line(text)


def _read_extra(node: Node, cf: CommentFile) -> dict[str, str]:
    if not isinstance(node, MappingNode):
        cf.problems.append((_line(node), "extra must be a mapping of column name to text"))
        return {}
    extra = {}
    for key, value in _pairs(node, cf.path):
        extra[key.value] = _raw(value)
    return extra
