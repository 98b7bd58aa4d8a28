"""Source positions: file offsets, (line, column) pairs, and the map from a text back to them.

Every element of the model records where it was written as character offsets into the draft's
text (front-matter included). ``LineIndex`` turns an offset into the 1-based line and column an
editor sees; ``TextMap`` takes an offset in a block's plain text (what a rule matches against)
back to the file offset of the character it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Start and end of an element in the file, 1-based, columns counted in characters.
    The end is exclusive: the column after the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Offsets <-> lines and columns of one text."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts
        self.length = len(text)

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        k = bisect_right(self.starts, offset) - 1
        return k + 1, offset - self.starts[k] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based line and column (clamped to the text)."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return self.length
        return min(self.starts[line - 1] + max(column, 1) - 1, self.length)

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(max(end, start))
        return Span(line, col, end_line, end_col)


_EMPTY_INDEX = LineIndex("")


@dataclass(slots=True)
class TextMap:
    """Text offset -> file offset, as runs.

    A run starts at text offset ``starts[k]`` and maps to file offset ``origins[k]``; within a
    linear run each next character is the next one in the file, within a fixed run (a label
    filled in for ``[](#id)``, a line break) every character maps to the run's origin.
    """

    starts: list[int] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)
    length: int = 0
    end: int = 0  # file offset just after the mapped text
    index: LineIndex = field(default=_EMPTY_INDEX, repr=False)

    def add(self, text_offset: int, origin: int, linear: bool = True) -> None:
        if self.starts and self.starts[-1] == text_offset:
            self.origins[-1], self.linear[-1] = origin, linear
            return
        if (self.starts and linear and self.linear[-1]
                and self.origins[-1] + (text_offset - self.starts[-1]) == origin):
            return  # continues the previous run
        self.starts.append(text_offset)
        self.origins.append(origin)
        self.linear.append(linear)

    def offset(self, i: int) -> int:
        """File offset of text character ``i`` (the end of the text maps to ``end``)."""
        if not self.starts:
            return self.end
        if i >= self.length:
            return self.end
        k = bisect_right(self.starts, max(i, 0)) - 1
        if k < 0:
            return self.origins[0]
        base = self.origins[k]
        return base + (i - self.starts[k]) if self.linear[k] else base

    def line_col(self, i: int) -> tuple[int, int]:
        return self.index.line_col(self.offset(i))

    def span(self, start: int, end: int) -> Span:
        """The file span of text[start:end]."""
        first = self.offset(start)
        last = self.offset(end - 1) + 1 if end > start else first
        return self.index.span(first, max(first, last))

    def extend(self, other: TextMap, at: int) -> None:
        """Append ``other`` (the map of a text placed at offset ``at``)."""
        for s, o, lin in zip(other.starts, other.origins, other.linear, strict=True):
            self.add(at + s, o, lin)
        self.length = at + other.length
        self.end = other.end


def join_maps(parts: list[tuple[str, TextMap]], sep: str, index: LineIndex) -> tuple[str, TextMap]:
    """Texts joined by ``sep`` and their maps joined into one; a separator maps to the end of
    the text before it."""
    out = TextMap(index=index)
    texts: list[str] = []
    at = 0
    for n, (text, tmap) in enumerate(parts):
        if n:
            out.add(at, out.end, False)
            texts.append(sep)
            at += len(sep)
        out.extend(tmap, at)
        texts.append(text)
        at += len(text)
    out.length = at
    if not parts:
        out.end = 0
    return "".join(texts), out
