"""Front-matter: safe reading with source lines, and round-trip writing that keeps comments.

Reading composes the YAML node tree (C-accelerated where ruamel.yaml.clib is installed) and
builds plain Python values ourselves. That gives the line of every key, finds duplicate keys,
and refuses tags and aliases before anything is constructed: a draft from another
organisation can never make us build an object or expand a "billion laughs" bomb.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from build_tools.yaml_depth import NestedTooDeep, check_depth

FENCE = "---"
_SECTION_FENCE = re.compile(r"^---\s+[a-z]+$")
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ruamel.yaml.cyaml import CSafeLoader as _CSafeLoader
except ImportError:  # pragma: no cover - without the C extension
    _CSafeLoader = None

_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_MAX_NODES = 20_000


@dataclass
class FrontMatterProblem:
    """A front-matter the parser cannot take; ``rule`` is the id of the lint rule reporting it."""

    line: int
    message: str
    rule: str
    fatal: bool = False


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # "key" and "key.sub" -> line
    start: int = 0  # line of the opening fence (1) or 0 when absent
    end: int = 0  # line of the closing fence
    body_offset: int = 0  # number of lines before the body
    present: bool = False
    problems: list[FrontMatterProblem] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)


def split(text: str) -> tuple[str | None, int, int]:
    """Return (yaml text or None, line of the closing fence, lines before the body)."""
    if not text.startswith(FENCE):
        return None, 0, 0
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, 0, 0
    for i in range(1, len(lines)):
        line = lines[i].rstrip()
        if line in (FENCE, "..."):
            return "\n".join(lines[1:i]), i + 1, i + 1
        if _SECTION_FENCE.match(line):
            # kramdown-rfc's "--- abstract" ends its front-matter and starts a section.
            return "\n".join(lines[1:i]), i + 1, i
    return "", -1, 0  # unclosed


def _loader() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    return yaml


def compose_safe(text: str) -> Node | None:
    """The node tree of ``text``: libyaml's composer when ruamel.yaml.clib is there (0.2 ms a
    front-matter against 0.6 ms), else ruamel's pure-Python one. Neither constructs anything.
    Text nested too deeply for either is refused first (`NestedTooDeep`)."""
    check_depth(text)
    if _CSafeLoader is not None:
        loader = _CSafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            vars(loader).clear()  # it refers to itself: a cycle that would wait for the collector
    return _loader().compose(text)


class _Builder:
    def __init__(self, fm: FrontMatter) -> None:
        self.fm = fm
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: Node, path: str, line_offset: int) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise _Refused(node.start_mark.line + line_offset, "front-matter is too large")
        if id(node) in self.seen:
            raise _Refused(
                node.start_mark.line + line_offset,
                "YAML aliases (*name) are not allowed in front-matter",
            )
        self.seen.add(id(node))
        if node.tag not in _STD_TAGS:
            raise _Refused(
                node.start_mark.line + line_offset,
                f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in "
                "front-matter",
            )
        line = node.start_mark.line + line_offset
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path, line_offset)
                key_line = key_node.start_mark.line + line_offset
                name = str(key)
                full = f"{path}.{name}" if path else name
                if name in out:
                    self.fm.duplicates.append((full, key_line))
                self.fm.lines.setdefault(full, key_line)
                out[name] = self.build(value_node, full, line_offset)
            return out
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.fm.lines.setdefault(f"{path}[{i}]", item.start_mark.line + line_offset)
                items.append(self.build(item, f"{path}[{i}]", line_offset))
            return items
        assert isinstance(node, ScalarNode)
        return _scalar(node, line)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT_RE = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")
_DATE_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")


def _scalar(node: ScalarNode, line: int) -> Any:
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:int" and _INT_RE.match(value):
        return int(value.replace("_", ""))
    if tag == "tag:yaml.org,2002:float" and _FLOAT_RE.match(value):
        return float(value.replace("_", ""))
    if tag == "tag:yaml.org,2002:timestamp":
        match = _DATE_RE.match(value)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return value  # not a real date: the schema check reports it with its key
        return value
    return value


def read(text: str) -> FrontMatter:
    """Parse the front-matter of a draft's text. Problems are collected, never raised."""
    fm = FrontMatter()
    yaml_text, end, offset = split(text)
    if yaml_text is None:
        return fm
    fm.present = True
    fm.start = 1
    if end == -1:
        fm.problems.append(
            FrontMatterProblem(1, "front-matter is not closed: add a line '---' after it", "FM-01",
                               fatal=True)
        )
        return fm
    fm.end = end
    fm.body_offset = offset
    return _read_mapping(yaml_text, fm, 1, "front-matter")


def read_yaml(text: str, what: str = "the file") -> FrontMatter:
    """Parse a whole YAML document (a roster, a ballot record) as safely as a front-matter:
    plain values, the line of every key, no tag, no alias. ``what`` names it in messages."""
    fm = FrontMatter(present=True)
    return _read_mapping(text, fm, 0, what)


def _read_mapping(yaml_text: str, fm: FrontMatter, before: int, what: str) -> FrontMatter:
    """Build ``fm.data`` from ``yaml_text``, whose first line is line ``before + 1`` of the
    file; problems (rule FM-01) are collected in ``fm.problems``."""
    first = before + 1
    if not yaml_text.strip():
        fm.problems.append(FrontMatterProblem(max(before, 1), f"{what} is empty", "FM-01"))
        return fm
    try:
        node = compose_safe(yaml_text)
    except NestedTooDeep as exc:
        fm.problems.append(FrontMatterProblem(exc.line + 1, f"front-matter is {exc.problem}; "
                                              "keep it to plain keys and short lists", "FM-01",
                                              fatal=True))
        return fm
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first) if mark is not None else max(before, 1)
        problem = (exc.problem or str(exc)).strip()
        fm.problems.append(FrontMatterProblem(line, f"YAML syntax error: {problem}", "FM-01",
                                              fatal=True))
        return fm
    except (YAMLError, ValueError, RecursionError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        fm.problems.append(FrontMatterProblem(first, f"YAML error: {message}", "FM-01",
                                              fatal=True))
        return fm
    if node is None:
        fm.problems.append(FrontMatterProblem(max(before, 1), f"{what} is empty", "FM-01"))
        return fm
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        fm.problems.append(
            FrontMatterProblem(
                first, f"{what} must be a mapping of keys to values, not {kind}", "FM-01",
                fatal=True,
            )
        )
        return fm
    try:
        data = _Builder(fm).build(node, "", first)
    except _Refused as exc:
        fm.problems.append(FrontMatterProblem(exc.line, exc.message.replace(
            "front-matter", what), "FM-01", fatal=True))
        return fm
    except RecursionError:
        fm.problems.append(FrontMatterProblem(first, f"{what} is nested too deeply", "FM-01",
                                              fatal=True))
        return fm
    fm.data = data
    return fm


# --- writing back --------------------------------------------------------------------------


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def update(text: str, changes: dict[str, Any], remove: tuple[str, ...] = ()) -> str:
    """Return ``text`` with front-matter keys changed; comments, order and quoting are kept.

    Nested keys are written "ballot.closes". Only the front-matter block is rewritten; the body
    is kept byte for byte.
    """
    yaml_text, end, _ = split(text)
    if yaml_text is None or end == -1:
        raise ValueError("the draft has no front-matter to update")
    yaml = _round_trip()
    data = yaml.load(yaml_text)
    for key, value in changes.items():
        target = data
        parts = key.split(".")
        for part in parts[:-1]:
            if part not in target or not isinstance(target[part], dict):
                target[part] = {}
            target = target[part]
        target[parts[-1]] = value
    for key in remove:
        target = data
        parts = key.split(".")
        for part in parts[:-1]:
            target = target.get(part, {})
        if isinstance(target, dict):
            target.pop(parts[-1], None)
    out = io.StringIO()
    yaml.dump(data, out)
    lines = text.split("\n")
    body = "\n".join(lines[end:])
    return f"{FENCE}\n{out.getvalue()}{FENCE}\n{body}"
