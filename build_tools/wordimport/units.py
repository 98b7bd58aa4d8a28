"""The AST as a flat list of units in reading order: paragraphs, headings, lists, tables,
figures, each with its number in the DOCX, its Word style and its bookmarks.

This is also where tracked changes are accepted or rejected and comments are taken out of the
text: each one becomes an entry of the report at the paragraph where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport import patterns as P
from build_tools.wordimport.bookmarks import BookmarkIndex, key_of
from build_tools.wordimport.report import CHANGE, COMMENT, Report, excerpt

# Word's default paragraph styles say nothing about the structure.
PLAIN_STYLES = {"", "Normal", "Body Text", "First Paragraph", "Compact", "Default Paragraph Font",
                "List Paragraph", "Plain Text", "Block Text", "正文", "标准文件_段"}


@dataclass
class Unit:
    kind: str  # para | heading | list | table | figure | code
    n: int  # number of its (first) paragraph in the DOCX, reading order, from 1
    inlines: list[A.Node] = field(default_factory=list)
    style: str = ""
    level: int = 0  # heading level (Word's Heading 1 … 9)
    ident: str = ""  # the heading's bookmark, as pandoc read it
    node: A.Node | None = None  # the list, table, figure or code block
    caption: list[A.Node] = field(default_factory=list)  # a figure's or table's own caption
    marks: list[tuple[int, str]] = field(default_factory=list)  # bookmarks: (offset, name)

    @property
    def text(self) -> str:
        return A.plain(self.inlines).strip()

    def anchors(self) -> list[str]:
        """Bookmarks that name the whole paragraph (they start at its beginning), the author's
        before pandoc's identifier: a heading whose Word bookmark a link points at (a contents
        entry's) gets an identifier pandoc makes from its text ("terms-and-definitions")."""
        names = [name for at, name in self.marks if at == 0 and not P.INTERNAL_BOOKMARK.match(name)]
        if self.ident and self.ident not in names:
            names.append(self.ident)
        return names + [name for at, name in self.marks if at == 0 and name not in names]

    def pins(self) -> list[str]:
        """Requirement pins: ``req-`` bookmarks at the end of the paragraph."""
        end = len(key_of(self.text))
        return [name for at, name in self.marks if name.startswith("req-") and at >= end]


class Flattener:
    def __init__(self, report: Report, marks: BookmarkIndex, mode: str) -> None:
        self.report = report
        self.marks = marks
        self.mode = mode  # accept | reject
        self.n = 0
        self.units: list[Unit] = []
        self.linked: set[str] = set()  # bookmark names that links point at

    # -- tracked changes and comments
    def resolve(self, inlines: list[A.Node]) -> list[A.Node]:
        """The inlines with insertions and deletions decided and comments taken out."""
        out: list[A.Node] = []
        dropped = False
        for node in inlines:
            t = node["t"]
            if t == "Span":
                ident, classes, kv = A.attr_of(node)
                if "insertion" in classes or "deletion" in classes:
                    kind = "insertion" if "insertion" in classes else "deletion"
                    keep = (kind == "insertion") == (self.mode == "accept")
                    by = f" by {kv['author']}" if kv.get("author") else ""
                    when = f" ({kv['date'][:10]})" if kv.get("date") else ""
                    decided = "accepted" if self.mode == "accept" else "rejected"
                    self.report.add(CHANGE, f"{kind}{by}{when} {decided}: "
                                    f"“{A.plain(node['c'][1]).strip()}”", self.n)
                    if keep:
                        out.extend(self.resolve(node["c"][1]))
                    dropped = dropped or not keep
                    continue
                if "comment-start" in classes:
                    by = kv.get("author", "unknown")
                    self.report.add(COMMENT, f"comment by {by}: “{A.plain(node['c'][1]).strip()}”",
                                    self.n)
                    continue
                if classes and set(classes) <= {"comment-end", "paragraph-insertion",
                                                "paragraph-deletion"}:
                    continue
                out.append({"t": "Span", "c": [node["c"][0], self.resolve(node["c"][1])]})
            elif t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                       "SmallCaps"):
                out.append({"t": t, "c": self.resolve(node["c"])})
            elif t in ("Link", "Image"):
                out.append({"t": t, "c": [node["c"][0], self.resolve(node["c"][1]),
                                          node["c"][2]]})
            elif t == "Quoted":
                out.append({"t": t, "c": [node["c"][0], self.resolve(node["c"][1])]})
            elif t == "Note":
                out.append({"t": "Note", "c": self.resolve_blocks(node["c"], count=False)})
            else:
                out.append(node)
        return _close_gaps(out) if dropped else out

    def resolve_blocks(self, blocks: list[A.Node], count: bool = True) -> list[A.Node]:
        """Blocks inside a list item, a cell or a footnote, changes decided."""
        out = []
        for block in blocks:
            t = block["t"]
            c = block.get("c")
            if t in ("Para", "Plain"):
                if count:
                    self.n += 1
                out.append({"t": t, "c": self.resolve(c)})
            elif t in ("BulletList",):
                out.append({"t": t, "c": [self.resolve_blocks(item, count) for item in c]})
            elif t == "OrderedList":
                out.append({"t": t, "c": [c[0], [self.resolve_blocks(i, count) for i in c[1]]]})
            elif t == "Div":
                out.extend(self.resolve_blocks(c[1], count))
            elif t == "BlockQuote":
                out.extend(self.resolve_blocks(c, count))
            elif t == "Table":
                out.append(self.resolve_table(block, count))
            else:
                out.append(block)
        return out

    def resolve_table(self, table: A.Node, count: bool = True) -> A.Node:
        attr, caption, specs, head, bodies, foot = table["c"]

        def rows(rows_: list) -> list:
            return [[r[0], [[cell[0], cell[1], cell[2], cell[3],
                              self.resolve_blocks(cell[4], count)] for cell in r[1]]]
                    for r in rows_]

        head = [head[0], rows(head[1])]
        bodies = [[b[0], b[1], rows(b[2]), rows(b[3])] for b in bodies]
        foot = [foot[0], rows(foot[1])]
        caption = [caption[0], self.resolve_blocks(caption[1], count=False)]
        return {"t": "Table", "c": [attr, caption, specs, head, bodies, foot]}

    # -- the walk
    def paragraph(self, inlines: list[A.Node], style: str, kind: str = "para", level: int = 0,
                  ident: str = "") -> None:
        self.n += 1
        # An entry of the contents has its heading's text but none of its bookmarks (the
        # bookmark index skips those entries too).
        marks = [] if style.lower().startswith("toc") else self.marks.take(_key_text(inlines))
        first = len(self.report.entries)
        resolved = self.resolve(inlines)
        for entry in self.report.entries[first:]:
            entry.excerpt = excerpt(A.plain(resolved))
        marks += [m for m in _span_anchors(resolved) if m not in marks]
        images = [i for i in A.strip(resolved) if i["t"] == "Image"]
        others = [i for i in A.strip(resolved) if i["t"] not in ("Image", "Space", "SoftBreak")]
        if kind == "para" and images and not others:
            self.units.append(Unit("figure", self.n, [], style, node=images[0], marks=marks))
            return
        self.units.append(Unit(kind, self.n, resolved, style, level, ident, marks=marks))

    def walk(self, blocks: list[A.Node], style: str = "") -> None:
        for block in blocks:
            t = block["t"]
            c = block.get("c")
            if t in ("Para", "Plain"):
                self.paragraph(c, style)
            elif t == "LineBlock":
                joined: list[A.Node] = []
                for line in c:
                    joined += [*line, {"t": "LineBreak"}]
                self.paragraph(joined[:-1], style)
            elif t == "Header":
                # pandoc names every heading; the name is a bookmark of the DOCX only when
                # python-docx finds it there or a link points at it.
                ident, _, _ = A.attr_of(block)
                self.paragraph(c[2], style, "heading", c[0],
                               ident if ident in self.linked else "")
            elif t == "Div":
                ident, classes, kv = A.attr_of(block)
                inner = kv.get("custom-style") or (classes[0] if classes else "")
                self.walk(c[1], inner or style)
            elif t == "BlockQuote":
                self.walk(c, style)  # Word indents notes and examples; pandoc quotes them
            elif t in ("BulletList", "OrderedList"):
                first = self.n + 1
                resolved = self.resolve_blocks([block])[0]
                self.units.append(Unit("list", first, style=style, node=resolved))
            elif t == "Table":
                first = self.n + 1
                resolved = self.resolve_table(block)
                caption = _paragraphs(resolved["c"][1][1])
                self.units.append(Unit("table", first, style=style, node=resolved,
                                       caption=caption[0] if caption else []))
            elif t == "Figure":
                self.n += 1
                _, caption, content = c
                images = [i for b in content if b["t"] in ("Para", "Plain")
                          for i in b["c"] if i["t"] == "Image"]
                lines = _paragraphs(caption[1])
                self.units.append(Unit("figure", self.n, style=style,
                                       node=images[0] if images else None,
                                       caption=self.resolve(lines[0]) if lines else []))
            elif t == "DefinitionList":
                for term, definitions in c:
                    self.paragraph(term, "Definition Term")
                    for definition in definitions:
                        self.walk(definition, "Definition")
            elif t == "CodeBlock":
                self.n += 1
                self.units.append(Unit("code", self.n, style=style, node=block))
            # HorizontalRule, RawBlock: nothing a draft can hold


_TIGHT = tuple(".,;:!?)]}。，；：！？）、")


def _close_gaps(inlines: list[A.Node]) -> list[A.Node]:
    """No double space and no space before punctuation where a change was taken out."""
    out: list[A.Node] = []
    for node in inlines:
        if out and out[-1]["t"] == "Space" and (
                node["t"] == "Space" or (node["t"] == "Str" and node["c"].startswith(_TIGHT))):
            out.pop()
        out.append(node)
    return out


def _key_text(inlines: list[A.Node]) -> str:
    """The paragraph's text as Word stores it: deleted and inserted text both, comments not."""
    kept = []
    for node in inlines:
        if node["t"] == "Span" and "comment-start" in A.attr_of(node)[1]:
            continue
        if node["t"] == "Note":
            continue
        kept.append(node)
    return A.plain(kept)


def _span_anchors(inlines: list[A.Node]) -> list[tuple[int, str]]:
    """Bookmarks pandoc kept (those a link points at), with their offset like bookmarks.py."""
    out: list[tuple[int, str]] = []
    seen: list[A.Node] = []
    for node in inlines:
        if node["t"] == "Span":
            ident, classes, _ = A.attr_of(node)
            if ident and "anchor" in classes:
                out.append((len(key_of(A.plain(seen))), ident))
        seen.append(node)
    return out


def _paragraphs(blocks: list[A.Node]) -> list[list[A.Node]]:
    """The inlines of each paragraph in ``blocks``, through the divs that hold styles."""
    out: list[list[A.Node]] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            out.append(block["c"])
        elif block["t"] == "Div":
            out.extend(_paragraphs(block["c"][1]))
    return out


def _link_targets(node: object, found: set[str]) -> set[str]:
    """Every "#name" a link of the AST points at."""
    if isinstance(node, dict):
        if node.get("t") == "Link":
            url = node["c"][2][0]
            if url.startswith("#"):
                found.add(url[1:])
        for value in node.values():
            _link_targets(value, found)
    elif isinstance(node, list):
        for value in node:
            _link_targets(value, found)
    return found


def flatten(ast: dict, report: Report, marks: BookmarkIndex, mode: str) -> list[Unit]:
    flattener = Flattener(report, marks, mode)
    flattener.linked = _link_targets(ast.get("blocks", []), set())
    flattener.walk(ast.get("blocks", []))
    return flattener.units
