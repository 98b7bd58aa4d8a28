"""markdown-it inline tokens -> ``Inline`` nodes with file offsets, and their plain text.

markdown-it gives a source line to each block but no position to inline tokens. The content
of an inline token is a known slice of the file (a paragraph's lines without their block
markers, a table cell between its pipes), so ``Origin`` maps content offsets to file offsets,
and ``_Aligner`` walks the tokens over the content: each token's markup is consumed where
CommonMark puts it, and each text token is matched character by character (backslash escapes
and entities are the only places where text and source differ).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable

from markdown_it.token import Token

from build_tools.model import (
    ATTRS,
    CODE,
    CONTAINERS,
    EMPH,
    FOOTNOTE_REF,
    HARDBREAK,
    HTML,
    IMAGE,
    LINK,
    PIN,
    SOFTBREAK,
    STRIKE,
    STRONG,
    TEXT,
    XREF,
    Inline,
    Phrase,
)
from build_tools.positions import LineIndex, TextMap

_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_TRAILING_ATTRS = re.compile(
    r"\s*\{((?:[#.][\w:.\-]+|[\w-]+=\S+)(?:\s+(?:[#.][\w:.\-]+|[\w-]+=\S+))*)\}\s*$")
_OPEN = {"em_open": EMPH, "strong_open": STRONG, "s_open": STRIKE}
_CLOSE = ("em_close", "strong_close", "s_close", "link_close")


class Origin:
    """Content offset -> file offset, as linear runs (one per content line or cell piece)."""

    def __init__(self, runs: list[tuple[int, int]], length: int, end: int) -> None:
        self.starts = [r[0] for r in runs] or [0]
        self.files = [r[1] for r in runs] or [end]
        self.length = length
        self.end = end
        # One run from content offset 0 (a one-line paragraph, a cell): no search needed.
        self.single = len(self.starts) == 1 and self.starts[0] == 0
        # Runs that start inside a line (a cell's "\|" escapes): only there can a text node,
        # which never holds a line break, be cut in two.
        self.broken = False

    @classmethod
    def run(cls, file_start: int, length: int) -> Origin:
        """Content that is one unbroken piece of the file."""
        origin = cls.__new__(cls)
        origin.starts, origin.files = [0], [file_start]
        origin.length, origin.end = length, file_start + length
        origin.single, origin.broken = True, False
        return origin

    def linear(self, a: int, b: int) -> bool:
        """True when content[a:b] lies in the file as one unbroken piece."""
        if (self.single or not self.broken) and b <= self.length:
            return True
        return bisect_right(self.starts, a) == bisect_right(self.starts, max(a, b - 1)) or \
            self(b - 1) - self(a) == b - 1 - a

    def __call__(self, i: int) -> int:
        if i >= self.length:
            return self.end
        if self.single:
            return self.files[0] + i
        k = bisect_right(self.starts, i) - 1
        if k < 0:
            k = 0
        return self.files[k] + (i - self.starts[k])


def lines_origin(content: str, first_line: int, text: str, index: LineIndex) -> Origin:
    """Content made of whole source lines from ``first_line`` (0-based), each line the tail
    of its source line (paragraphs, list items, quotes, footnotes) or a part of it (headings)."""
    runs: list[tuple[int, int]] = []
    at = 0
    line = first_line
    end = 0
    for part in content.split("\n"):
        base = index.starts[line] if line < len(index.starts) else index.length
        stop = index.starts[line + 1] - 1 if line + 1 < len(index.starts) else index.length
        src = text[base:stop]
        col = _column_of(src, part)
        runs.append((at, base + col))
        end = base + col + len(part)
        at += len(part) + 1
        line += 1
    return Origin(runs, len(content), end)


def line_start(content: str, line: int, text: str, index: LineIndex) -> int:
    """File offset of one-line ``content`` written on ``line`` (0-based): what
    ``lines_origin(...)(0)`` gives, without the runs."""
    starts = index.starts
    base = starts[line] if line < len(starts) else index.length
    stop = starts[line + 1] - 1 if line + 1 < len(starts) else index.length
    return base + _column_of(text[base:stop], content)


def _column_of(src: str, part: str) -> int:
    if not part:
        return len(src)
    if src.endswith(part):
        return len(src) - len(part)
    body = src.rstrip()
    if body.endswith(part.rstrip()):
        return max(0, len(body) - len(part.rstrip()))
    col = src.find(part)
    if col >= 0:
        return col
    stripped = part.strip()
    col = src.find(stripped) if stripped else -1
    if col >= 0:
        return max(0, col - (len(part) - len(part.lstrip())))
    return len(src) - len(src.lstrip())


def cells_origin(line_text: str, base: int, count: int) -> list[tuple[int, Origin]]:
    """The cells of one table row: (offset of the cell in the file, origin of its content).

    Cells are split at pipes not escaped by a backslash (GFM); a ``\\|`` inside a cell is one
    "|" of content, so each escape starts a new run."""
    bounds: list[tuple[int, int]] = []
    i = 0
    n = len(line_text)
    start = 0
    if "\\" not in line_text:  # no escapes: every pipe splits (str.find, not a char loop)
        i = line_text.find("|")
        while i != -1:
            bounds.append((start, i))
            start = i + 1
            i = line_text.find("|", start)
        i = n
    while i < n:
        ch = line_text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "|":
            bounds.append((start, i))
            start = i + 1
        i += 1
    bounds.append((start, n))
    stripped = line_text.strip()
    if stripped.startswith("|") and bounds and not line_text[bounds[0][0]:bounds[0][1]].strip():
        bounds.pop(0)
    if stripped.endswith("|") and not stripped.endswith("\\|") and bounds and \
            not line_text[bounds[-1][0]:bounds[-1][1]].strip():
        bounds.pop()
    out: list[tuple[int, Origin]] = []
    for a, b in bounds[:count]:
        seg = line_text[a:b]
        lead = len(seg) - len(seg.lstrip())
        body = seg.strip()
        if "\\|" not in body:  # the common cell: its content is one piece of the line
            at = base + a + lead
            out.append((at, Origin.run(at, len(body))))
            continue
        runs: list[tuple[int, int]] = []
        at = 0
        j = 0
        pos = a + lead
        runs.append((0, base + pos))
        while j < len(body):
            if body.startswith("\\|", j):
                runs.append((at, base + pos + 1))
                at += 1
                j += 2
                pos += 2
                runs.append((at, base + pos))
                continue
            at += 1
            j += 1
            pos += 1
        origin = Origin(runs, at, base + pos)
        origin.broken = len(runs) > 1
        out.append((base + a + lead, origin))
    while len(out) < count:  # markdown-it pads short rows with empty cells
        end = base + len(line_text)
        out.append((end, Origin([], 0, end)))
    return out


class _Aligner:
    def __init__(self, src: str, origin: Origin) -> None:
        self.src = src
        self.n = len(src)
        self.cur = 0
        self.origin = origin

    def expect(self, markup: str) -> None:
        if markup and self.src.startswith(markup, self.cur):
            self.cur += len(markup)
            return
        j = self.src.find(markup, self.cur) if markup else -1
        if j >= 0:
            self.cur = j + len(markup)

    def skip_spaces(self) -> None:
        while self.cur < self.n and self.src[self.cur] in " \t":
            self.cur += 1

    def text(self, content: str) -> tuple[int, int, list[int] | None]:
        """Content offsets of ``content`` (start, end, per-character offsets if not 1:1)."""
        src, cur = self.src, self.cur
        if src.startswith(content, cur):
            self.cur = cur + len(content)
            return cur, self.cur, None
        offsets: list[int] = []
        i = 0
        n = self.n
        while i < len(content):
            ch = content[i]
            c = self.cur
            if c < n and src[c] == ch:
                offsets.append(c)
                self.cur = c + 1
                i += 1
                continue
            if c + 1 < n and src[c] == "\\" and src[c + 1] == ch:
                offsets.append(c)
                self.cur = c + 2
                i += 1
                continue
            if c < n and src[c] == "&":
                m = _ENTITY.match(src, c)
                decoded = html.unescape(m.group(0)) if m else ""
                if m and decoded and content.startswith(decoded, i):
                    offsets.extend([c] * len(decoded))
                    self.cur = m.end()
                    i += len(decoded)
                    continue
            # Anything else (a NUL replaced, a normalised URL): the next occurrence nearby.
            j = src.find(ch, c, c + 64)
            if j >= 0:
                offsets.append(j)
                self.cur = j + 1
            else:
                offsets.append(min(c, n))
            i += 1
        start = offsets[0] if offsets else self.cur
        return start, self.cur, offsets

    def code(self, markup: str) -> tuple[int, int]:
        start = self.cur
        if self.src.startswith(markup, self.cur):
            self.cur += len(markup)
        else:
            j = self.src.find(markup, self.cur)
            start = j if j >= 0 else self.cur
            self.cur = (j + len(markup)) if j >= 0 else self.cur
        j = self.cur
        while True:
            j = self.src.find(markup, j)
            if j < 0:
                self.cur = self.n
                return start, self.n
            run = len(markup)
            while j + run < self.n and self.src[j + run] == "`":
                run += 1
            if run == len(markup):
                self.cur = j + run
                return start, self.cur
            j += run

    def destination(self) -> None:
        """After a link's "]": skip "(dest "title")" or "[ref]"."""
        src = self.src
        if self.cur < self.n and src[self.cur] == "(":
            depth = 0
            quote = ""
            i = self.cur
            while i < self.n:
                ch = src[i]
                if ch == "\\":
                    i += 2
                    continue
                if quote:
                    if ch == quote:
                        quote = ""
                elif ch in "\"'" and depth == 1 and i > self.cur and src[i - 1] in " \t\n":
                    quote = ch
                elif ch == "<" and depth == 1:
                    close = src.find(">", i)
                    if close > 0:
                        i = close
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        self.cur = i + 1
                        return
                i += 1
            self.cur = self.n
        elif self.cur < self.n and src[self.cur] == "[":
            j = src.find("]", self.cur)
            self.cur = j + 1 if j >= 0 else self.n

    def bracket_end(self) -> None:
        """From inside "[", past the matching "]"."""
        depth = 1
        i = self.cur
        while i < self.n:
            ch = self.src[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    self.cur = i + 1
                    return
            i += 1
        self.cur = self.n


def build(tokens: list[Token], content: str, origin: Origin) -> list[Inline]:
    """Inline nodes of one inline token's children, with file offsets."""
    al = _Aligner(content, origin)
    root: list[Inline] = []
    stack: list[tuple[Inline, list[Inline], int]] = []  # (node, its parent's list, content start)
    out = root

    file = origin

    for tok in tokens:
        t = tok.type
        if t == "text":
            start, end, offs = al.text(tok.content)
            node = Inline(TEXT, file(start), file(end) if end > start else file(start),
                          tok.content)
            if offs is None and end - start > 1 and not origin.linear(start, end):
                offs = list(range(start, end))  # the text crosses a line or an escape
            if offs is not None:
                node.offsets = [file(o) for o in offs]
            out.append(node)
        elif t in _OPEN:
            start = al.cur
            al.expect(tok.markup)
            node = Inline(_OPEN[t], file(start), file(start))
            out.append(node)
            stack.append((node, out, start))
            out = node.children
        elif t == "link_open":
            start = al.cur
            href = str(tok.attrs.get("href", ""))
            auto = tok.markup == "autolink"
            al.expect("<" if auto else "[")
            kind = XREF if href.startswith("#") or _is_draft_link(href) else LINK
            node = Inline(kind, file(start), file(start), target=href[1:] if
                          href.startswith("#") else href)
            node.label = "autolink" if auto else ""
            out.append(node)
            stack.append((node, out, start))
            out = node.children
        elif t in _CLOSE:
            if t == "link_close":
                if tok.markup == "autolink":
                    al.expect(">")
                else:
                    al.expect("]")
                    al.destination()
            else:
                al.expect(tok.markup)
            if stack:
                node, parent, _ = stack.pop()
                node.end = file(al.cur)
                out = parent
                if node.label == "autolink":
                    node.label = ""
        elif t == "code_inline":
            start, end = al.code(tok.markup or "`")
            out.append(Inline(CODE, file(start), file(end), tok.content))
        elif t in ("softbreak", "hardbreak"):
            start = al.cur
            if t == "hardbreak" and al.cur < al.n and content[al.cur] == "\\":
                al.cur += 1
            al.skip_spaces()
            if al.cur < al.n and content[al.cur] == "\n":
                al.cur += 1
            al.skip_spaces()
            out.append(Inline(SOFTBREAK if t == "softbreak" else HARDBREAK, file(start),
                              file(al.cur)))
        elif t == "image":
            start = al.cur
            al.expect("![")
            al.bracket_end()
            al.destination()
            node = Inline(IMAGE, file(start), file(al.cur), tok.content,
                          str(tok.attrs.get("src", "")))
            out.append(node)
        elif t == "html_inline":
            start = al.cur
            al.expect(tok.content)
            out.append(Inline(HTML, file(start), file(al.cur), tok.content))
        elif t == "footnote_ref":
            start = al.cur
            meta = tok.meta or {}
            label = meta.get("label")
            if label is None:  # an inline footnote ^[…]
                al.expect("^[")
            else:
                al.expect("[^")
            al.bracket_end()
            out.append(Inline(FOOTNOTE_REF, file(start), file(al.cur),
                              target=str(label) if label is not None else ""))
    while stack:  # unclosed (cannot happen with markdown-it, but never lose a node)
        node, parent, _ = stack.pop()
        node.end = file(al.cur)
    return root


def plain_nodes(content: str, origin: Origin) -> list[Inline]:
    """The nodes ``build`` gives for content without markup (markdown.is_plain):
    one text node per line and a soft break between, built without aligning tokens."""
    if "\n" not in content:
        return [Inline(TEXT, origin(0), origin(len(content)), content)] if content else []
    nodes: list[Inline] = []
    at = 0
    for n, line in enumerate(content.split("\n")):
        if n:
            nodes.append(Inline(SOFTBREAK, origin(at - 1), origin(at)))
        if line:
            nodes.append(Inline(TEXT, origin(at), origin(at + len(line)), line))
        at += len(line) + 1
    return nodes


def _is_draft_link(href: str) -> bool:
    """``other-draft.md#id``: a cross-reference into another draft of the repository."""
    path, sep, frag = href.partition("#")
    return bool(sep and frag and path.endswith(".md") and "://" not in path and
                not path.startswith(("/", "mailto:")))


def attr_parts(inner: str) -> tuple[str | None, list[str], dict[str, str]]:
    """The anchor, classes and key=value pairs of the inside of ``{#id .class key=value}``."""
    anchor = None
    classes: list[str] = []
    kv: dict[str, str] = {}
    for part in inner.split():
        if part.startswith("#"):
            anchor = part[1:]
        elif part.startswith("."):
            classes.append(part[1:])
        elif "=" in part:
            key, _, value = part.partition("=")
            kv[key] = value.strip("\"'")
    return anchor, classes, kv


def split_trailing_attrs(nodes: list[Inline], pins: bool = True) -> dict[str, object]:
    """Move a trailing ``{#id .class key=value}`` out of the text into an ``attrs`` node (or a
    ``pin`` for ``{#req-…}``); returns what it held."""
    if not nodes or nodes[-1].kind != TEXT:
        return {}
    last = nodes[-1]
    if not last.text.rstrip().endswith("}"):  # the search below would scan the whole text
        return {}
    m = _TRAILING_ATTRS.search(last.text)
    if not m:
        return {}
    anchor, classes, kv = attr_parts(m.group(1))
    cut = m.start()
    at = _offset_of(last, cut)
    kind = PIN if pins and anchor and anchor.startswith("req-") and not classes else ATTRS
    nodes.append(Inline(kind, at, last.end, m.group(0).strip(), anchor or ""))
    _truncate(last, cut)
    if not last.text:
        nodes.remove(last)
    return {"anchor": anchor, "classes": classes, "kv": kv}


def _offset_of(node: Inline, i: int) -> int:
    if node.offsets is not None:
        return node.offsets[i] if i < len(node.offsets) else node.end
    return node.start + i


def _truncate(node: Inline, n: int) -> None:
    node.end = _offset_of(node, n) if n < len(node.text) else node.end
    node.text = node.text[:n]
    if node.offsets is not None:
        node.offsets = node.offsets[:n]


def drop_prefix(nodes: list[Inline], n: int) -> list[Inline]:
    """The nodes without the first ``n`` characters of text (a "Table: " key, a "NOTE 1" label,
    an "admitted:" key), then without the blanks after them."""
    out = list(nodes)
    while out and n > 0:
        first = out[0]
        if first.kind != TEXT:
            break
        if n >= len(first.text):
            n -= len(first.text)
            out.pop(0)
            continue
        out[0] = _tail(first, n)
        n = 0
    if out and out[0].kind == TEXT:
        stripped = len(out[0].text) - len(out[0].text.lstrip())
        if stripped:
            out[0] = _tail(out[0], stripped)
            if not out[0].text:
                out.pop(0)
    return out


def _tail(node: Inline, n: int) -> Inline:
    offs = node.offsets[n:] if node.offsets is not None else None
    return Inline(TEXT, _offset_of(node, n), node.end, node.text[n:], offsets=offs)


def split_lines(nodes: list[Inline]) -> list[list[Inline]]:
    """Top-level nodes cut at their line breaks."""
    lines: list[list[Inline]] = [[]]
    for node in nodes:
        if node.kind in (SOFTBREAK, HARDBREAK):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines


# --- plain text --------------------------------------------------------------------------


class Flattener:
    """Nodes -> (text, map, code ranges). ``label_of(anchor)`` fills empty cross-references."""

    def __init__(self, index: LineIndex, label_of: Callable[[Inline], str]) -> None:
        self.index = index
        self.label_of = label_of

    def phrase(self, phrase: Phrase) -> None:
        nodes = phrase.nodes
        if len(nodes) == 1 and nodes[0].kind == TEXT and nodes[0].offsets is None:
            # The common case (a one-line paragraph, a cell): one linear run.
            text = nodes[0].text
            phrase.text = text
            phrase.map = TextMap([0], [nodes[0].start], [True], len(text), phrase.end, self.index)
            phrase.code = []
            return
        parts: list[str] = []
        tmap = TextMap(index=self.index)
        code: list[tuple[int, int]] = []
        self._nodes(nodes, parts, tmap, code, [0])
        phrase.text = "".join(parts)
        tmap.length = len(phrase.text)
        tmap.end = phrase.end
        phrase.map = tmap
        phrase.code = code

    def _nodes(self, nodes: list[Inline], parts: list[str], tmap: TextMap,
               code: list[tuple[int, int]], at: list[int]) -> None:
        for node in nodes:
            kind = node.kind
            if kind == TEXT:
                if node.offsets is None:
                    tmap.add(at[0], node.start)
                else:
                    for k, off in enumerate(node.offsets):
                        tmap.add(at[0] + k, off)
                parts.append(node.text)
                at[0] += len(node.text)
            elif kind == CODE:
                # The content sits after the opening backticks; map it there.
                tmap.add(at[0], node.start + max(1, _backticks(node)))
                parts.append(node.text)
                code.append((at[0], at[0] + len(node.text)))
                at[0] += len(node.text)
            elif kind in (SOFTBREAK, HARDBREAK):
                tmap.add(at[0], node.start, False)
                parts.append("\n")
                at[0] += 1
            elif kind == XREF and not _has_text(node):
                label = self.label_of(node)
                tmap.add(at[0], node.start, False)
                parts.append(label)
                at[0] += len(label)
            elif kind in CONTAINERS:
                self._nodes(node.children, parts, tmap, code, at)
            elif kind == IMAGE:
                tmap.add(at[0], node.start, False)
                parts.append(node.text)
                at[0] += len(node.text)
            # html, footnote references, pins and attrs are not text


def _backticks(node: Inline) -> int:
    return max(1, (node.end - node.start - len(node.text)) // 2)


def _has_text(node: Inline) -> bool:
    return any(n.kind in (TEXT, CODE, IMAGE) and n.text.strip() for n in node.walk()
               if n is not node)


def plain_of(nodes: list[Inline], label_of: Callable[[Inline], str] | None = None) -> str:
    """The text of some nodes (without a map), as a reader sees it."""
    out: list[str] = []
    for node in nodes:
        kind = node.kind
        if kind in (TEXT, CODE, IMAGE):
            out.append(node.text)
        elif kind in (SOFTBREAK, HARDBREAK):
            out.append("\n")
        elif kind == XREF and not _has_text(node):
            out.append(label_of(node) if label_of else node.label or node.target)
        elif kind in CONTAINERS:
            out.append(plain_of(node.children, label_of))
    return "".join(out)
