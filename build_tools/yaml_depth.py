"""How deep YAML text nests, measured on the text before any composer sees it.

libyaml's composer (ruamel.yaml.clib) recurses in C once per nesting level: some tens of
thousands of levels overflow the C stack and kill the interpreter, which no ``except`` can
catch; the pure-Python composer and our node walkers stop far earlier with RecursionError. So
the text is measured first, in one pass over its lines, and refused beyond `MAX_DEPTH`.

The measure is an upper bound of the real depth (within a factor of two, never below it), so
no text can pass it and still nest deeper than about twice the limit:

- block collections: the open indentation levels (a sequence may sit at its mapping key's
  indentation, hence the factor two) plus the compact indicators that open a level on the line
  itself (``- - - x``, ``- ? a``);
- flow collections: open ``[`` and ``{`` outside the text of block scalars (brackets in quoted
  or plain text are counted too, which can only raise the measure);
- lines of a block scalar (``|`` / ``>``) are text and skipped, but only those indented beyond
  the column where the scalar's header line starts its content, which every YAML parser
  treats as text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ruamel.yaml.error import MarkedYAMLError, StreamMark

MAX_DEPTH = 100

_LINE = re.compile(r"( *)((?:[-?:](?:[ \t]+|$))*)")
_COMMENT = re.compile(r"(^|[ \t])#.*$")
# A block scalar header at the end of a line: "|", ">", with chomping but no explicit
# indentation digit (content with an explicit indentation is scanned like structure).
_BLOCK_SCALAR = re.compile(r"(^|[ \t])[|>][+-]?$")
_BRACKETS = re.compile(r"[\[\]{}]")
# libyaml also breaks lines at CR, NEL, LS and PS; messages count lines by LF, as editors do.
_OTHER_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if _OTHER_BREAKS.search(line):
            for part in _OTHER_BREAKS.split(line):
                yield number, part
        else:
            yield number, line


class NestedTooDeep(MarkedYAMLError):
    """YAML refused before composing: it nests deeper than `MAX_DEPTH` (``line`` is 1-based)."""

    def __init__(self, line: int, limit: int = MAX_DEPTH) -> None:
        super().__init__(problem=f"nested more than {limit} levels deep",
                         problem_mark=StreamMark(None, 0, line - 1, 0))
        self.line = line


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise `NestedTooDeep` for text that nests deeper than ``limit`` levels."""
    line = too_deep(text, limit)
    if line is not None:
        raise NestedTooDeep(line, limit)


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based line where ``text`` nests deeper than ``limit`` levels, or None."""
    # A line adds at most one indentation level plus its "-", "?" and ":" indicators, and a
    # bracket one flow level: text with fewer of them in all cannot be too deep (a draft's
    # front-matter never is), and counting them costs a tenth of reading the lines.
    bound = text.count("\n") + 1 + sum(map(text.count, "-?:[{"))
    if bound <= limit:
        return None
    stack: list[int] = []  # open block indentations
    block = 0  # block depth of the line where the current flow collection started
    flow = 0  # open flow brackets
    scalar_above: int | None = None  # lines indented beyond this belong to a block scalar
    for number, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        match = _LINE.match(line)
        assert match is not None  # the pattern matches the empty string
        indent = len(match.group(1))
        if scalar_above is not None:
            if indent > scalar_above:
                continue
            scalar_above = None
        starts_in_flow = flow > 0
        if not starts_in_flow:
            if stripped.startswith("#"):
                continue
            while stack and stack[-1] > indent:
                stack.pop()
            if not stack or stack[-1] < indent:
                stack.append(indent)
            indicators = match.group(2)
            block = len(stack) + sum(map(indicators.count, "-?:"))
            if block > limit:
                return number
        for bracket in _BRACKETS.findall(line):
            if bracket in "[{":
                flow += 1
                if block + flow > limit:
                    return number
            elif flow:
                flow -= 1
        if not starts_in_flow and not flow and ("|" in line or ">" in line):
            rest = line[match.end():]
            if "#" in rest:
                rest = _COMMENT.sub("", rest)
            if _BLOCK_SCALAR.search(rest.rstrip()):
                scalar_above = match.end()
    return None
