"""Draft model -> Typst source for the PDF (the functions it calls are in templates/clause.typ).

A thin emitter over ``layout.Layout``, as the DOCX writer is: numbers, labels, captions, the
order of term entries and footnotes are the model's and the layout's, inline text is the
model's nodes, and writing Typst directly saves pandoc's start-up and conversion time. Every
heading the writer emits becomes one PDF bookmark; ``headings`` lists their locators in that
order, which is how the line map finds the clause of a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from build_tools.export.cover import Cover
from build_tools.i18n.labels import LABELS
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    EMPH,
    STRIKE,
    Block,
    Clause,
    Draft,
    Figure,
    Footnote,
    Inline,
    ListBlock,
    ListItem,
    Reference,
    Table,
    TermEntry,
)
from build_tools.render import layout
from build_tools.render.indexes import TermIndex
from build_tools.render.inline_writer import InlineWriter, image_key
from build_tools.render.layout import Heading, ListNode, TermPart

# Characters that always mean markup in Typst, and sequences that do only in context.
_ESCAPE = re.compile(r"""[\\#*_`$<>@\[\]~'"]|-(?=[-?])|\.(?=\.)|/(?=/)""")
_LINE_START = re.compile(r"^(\s*)([-+=/]|\d+\.)(?=\s|$)")
# Closes an embedded call in running text: without the ";" a following "(", "[" or "." would
# continue the call ("#emph[a](b)" calls the emphasis).
END = "];"
PARBREAK = "\n\n"
_TAGS = {"sub": "#sub[", "sup": "#super[", "em": "#emph[", "strong": "#strong[",
         "small": "#text(size: 0.85em)[", "code": "#[", "kbd": "#[", "abbr": "#["}


def escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def markup_start(markup: str) -> str:
    """A fragment that starts a paragraph must not start a list, heading or term list."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), markup, count=1)


def string(value: object) -> str:
    """A Typst string literal."""
    out = []
    for ch in str(value):
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ch == "\x7f":
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(obj: object) -> str:
    """A Python value (str, int, bool, None, list, dict) as a Typst literal."""
    if obj is None:
        return "none"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, (list, tuple)):
        return "(" + "".join(value(x) + ", " for x in obj) + ")"
    if isinstance(obj, dict):
        if not obj:
            return "(:)"
        return "(" + ", ".join(f"{string(k)}: {value(v)}" for k, v in obj.items()) + ")"
    return string(obj)


def content(markup: str) -> str:
    return f"[{markup}]"


@dataclass
class TypstSource:
    text: str
    headings: list[str] = field(default_factory=list)  # locator of each heading, in order


class TypstWriter(InlineWriter):
    def __init__(self, draft: Draft, images: Mapping[str, str]) -> None:
        super().__init__(draft, images)
        self.labels = {anchor: f"x{n}" for n, anchor in enumerate(draft.targets, 1)}
        self.labelled_anchors = self._labelled_anchors()
        self.placed: set[str] = set()
        self.linked: set[str] = set()
        self.heading_lines: list[tuple[int, str]] = []

    # -- labels and links
    def _labelled_anchors(self) -> set[str]:
        """Anchors whose element gets a Typst label (``label`` places it on the element the
        target was registered from): a link to any other would not compile."""
        owners: list[tuple[str | None, int]] = []
        for clause in self.draft.walk():
            owners.append((clause.anchor, clause.line))
            owners.extend((b.anchor, b.line) for b in clause.blocks
                          if isinstance(b, (Table, Figure)))
            for term in clause.terms:
                owners.extend((e.anchor, e.line) for e in (term, *term.subterms))
            owners.extend((r.anchor, r.line) for r in clause.references)
        targets = self.draft.targets
        return {a for a, line in owners if a and a in targets and targets[a].line == line}

    def label(self, anchor: str | None, line: int) -> str:
        """``<xN>`` for the element that owns ``anchor`` (first owner only; Typst refuses a
        link to a label that occurs twice)."""
        target = self.draft.targets.get(anchor or "")
        if not anchor or target is None or target.line != line or anchor in self.placed:
            return ""
        self.placed.add(anchor)
        return f"<{self.labels[anchor]}>"

    # -- inline
    def inline(self, nodes: list[Inline]) -> str:
        """Draft text as Typst markup. It may open a content block, so a leading "- ", "1."
        or "=" is escaped wherever it lands (an escaped character prints the same)."""
        return markup_start(self.run(nodes))

    def w_text(self, text: str) -> str:
        return escape(text)

    def w_hardbreak(self) -> str:
        return "#linebreak();"

    def w_style(self, kind: str, inner: str) -> str:
        func = "#emph[" if kind == EMPH else "#strike[" if kind == STRIKE else "#strong["
        return func + markup_start(inner) + END

    def w_code(self, text: str) -> str:
        return f"#raw({string(text)});"

    def w_link(self, href: str, inner: str) -> str:
        return f"#link({string(href)})[{markup_start(inner)}{END}"

    def w_xref(self, anchor: str, shown: str) -> str:
        if anchor in self.labelled_anchors:
            self.linked.add(anchor)
            return f"#link(<{self.labels[anchor]}>)[{markup_start(shown)}{END}"
        return f"#[{markup_start(shown)}{END}"  # no element of its own (a requirement): text

    def w_image(self, alt: str, path: str | None) -> str:
        return f"#box(image({string(path)}, height: 1.2em));" if path else escape(alt)

    def w_tag(self, name: str, closing: bool) -> str:
        return END if closing else _TAGS[name]

    def w_footnote(self, footnote: Footnote) -> str:
        body = "\n\n".join(p for p in self.footnote_paragraphs(footnote) if p)
        return f"#footnote[{body}];"

    def w_inline_footnote(self, body: str) -> str:
        return f"#footnote[{markup_start(body)}];"

    # -- document
    def render(self, cover: Cover, line_numbering: str | None,
               page: Mapping[str, object]) -> TypstSource:
        meta = {
            **page,
            "lang": self.lang,
            # A Chinese deliverable's pages are headed by its identifier (SJ/T ×××××—××××).
            "id": cover.gb.identifier if cover.gb else cover.id,
            "title": cover.titles[0][1] if cover.titles else cover.id,
            "authors": cover.authors,
            "stage": cover.stage,
            "date": cover.date,
            "date-label": cover.label("date_line"),
            "committee": cover.committee,
            "titles": [{"lang": lang, "text": text} for lang, text in cover.titles],
            "warning": cover.warning,
            "watermark": cover.watermark,
            "gb": {k.replace("_", "-"): v for k, v in asdict(cover.gb).items()} if cover.gb
            else None,
            "contents": LABELS.get(self.lang, LABELS["en"])["contents"],
            "line-numbering": line_numbering,
        }
        body = self.document()
        missing = self.linked - self.placed
        if missing:  # an element that never got its label: links to it become text
            self.labelled_anchors -= missing
            self.placed, self.linked, self.heading_lines = set(), set(), []
            body = self.document()
        parts = ['#import "clause.typ": *', f"#show: draft.with({value(meta)})", *body]
        # The layout emits a term entry's heading after its parts: the source order of the
        # headings is their order in the document.
        headings = [loc for _, loc in sorted(self.heading_lines, key=lambda x: x[0])]
        return TypstSource("\n\n".join(p for p in parts if p) + "\n", headings)

    def emit_heading(self, h: Heading) -> str:
        clause = h.clause
        title = self.inline(h.title)
        if h.annex_label:
            ob = content(escape(h.obligation)) if h.obligation else "none"
            head = f"#annex-heading({content(escape(h.annex_label))}, {ob}, {content(title)})"
        elif h.number:
            # A real space (or U+3000) so that bookmarks read "5.2 Title"; h() widens it.
            sep = h.sep + ("" if self.lang == "zh" else "#h(0.4em);")
            head = f"#heading(level: {min(h.level, 6)})[{escape(h.number)}{sep}{title}]"
        else:
            head = f"#heading(level: {min(h.level, 6)})[{title}]"
        self.heading_lines.append((clause.line, clause.locator))
        head += self.label(clause.anchor, clause.line)
        if clause.level == 1 and clause.kind in (ANNEX, BIBLIOGRAPHY):
            return "#pagebreak(weak: true)\n\n" + head
        return head

    def emit_term(self, term: TermEntry, preferred: list[Inline], parts: list[str],
                  subterms: list[str]) -> list[str]:
        head = self.inline(preferred)
        en = next((p for key, p in term.attribute_phrases if key == "en"), None)
        if en is not None:
            head += f"#h(1em)#text(weight: \"regular\")[{self.inline(layout.nodes_of(en))}]"
        self.heading_lines.append((term.line, term.number))
        level = min(term.level, 6)
        return [f"#term-heading({level}, {content(escape(term.number))}, {content(head)})"
                + self.label(term.anchor, term.line), *parts, *subterms]

    def emit_term_part(self, part: TermPart) -> str:
        if part.kind in ("example", "note", "term-note"):
            return self.note(part.label, part.nodes)
        body = escape(part.label) + self.inline(part.nodes)
        return f"#term-source[{body}]" if part.kind == "source" else f"#term-line[{body}]"

    def note(self, label: str, nodes: list[Inline]) -> str:
        """NOTE 1 / EXAMPLE / Note 1 to entry / 注1：, label set apart from the text."""
        gap = "" if not label or self.lang == "zh" else "#h(0.7em)"
        return f"#note({content(escape(label) + gap)}, {content(self.inline(nodes))})"

    def emit_paragraph(self, nodes: list[Inline], block: Block) -> str:
        return self.inline(nodes)

    def emit_note(self, kind: str, label: str, nodes: list[Inline], block: Block) -> str:
        return self.note(label, nodes)

    def emit_list(self, block: ListBlock, tree: list[ListNode]) -> str:
        return "#" + self._list(tree, block.ordered if not tree else tree[0].ordered)

    def _list(self, nodes: list[ListNode], ordered: bool) -> str:
        parts = []
        for node in nodes:
            body = self.inline(layout.nodes_of(node.item.phrase)) if node.item else ""
            if node.children:
                body += " #" + self._list(node.children, node.children[0].ordered)
            parts.append(content(body))
        func = "enum" if ordered else "list"
        return f"{func}({', '.join(parts)}{',' if len(parts) == 1 else ''})"

    def emit_references(self, entries: list[tuple[str, Reference | None, ListItem]],
                        clause: Clause) -> str:
        out = []
        for number, ref, item in entries:
            label = self.label(ref.anchor, ref.line) if ref else ""
            num = content(escape(number)) if number else "none"
            mark = f"#metadata(none){label} " if label else ""
            body = self.inline(layout.nodes_of(item.phrase))
            out.append(f"{mark}#reference-entry({num}, {content(body)})")
        return "\n\n".join(out)

    def caption(self, label: str, sep: str, title: list[Inline]) -> str:
        return content(escape(label) + escape(sep) + self.inline(title))

    def emit_table(self, table: Table) -> str:
        width = layout.table_width(table)

        def cells(row: list[list[Inline]]) -> list[str]:
            return [content(self.inline(c)) for c in row]

        header = "(" + "".join(c + ", " for c in cells(layout.padded(table.header_cells, width))) + ")"
        body = "".join(", " + c for row in table.row_cells
                       for c in cells(layout.padded(row, width)))
        caption = self.caption(*layout.table_caption(table, self.lang))
        label = self.label(table.anchor, table.line)
        columns = "(" + "".join(f"{round(f * 1000)}fr, " for f in layout.column_widths(table)) + ")"
        out = [f"#table-block({caption}, {columns}, {header}{body}){label}"]
        out.extend(self.block(n, None) for n in table.notes)
        return "\n\n".join(out)

    def emit_figure(self, figure: Figure) -> str:
        path = self.images.get(image_key(figure.src))
        caption = self.caption(*layout.figure_caption(figure, self.lang))
        label = self.label(figure.anchor, figure.line)
        if not path:
            return (f"#figure(kind: image, supplement: none, numbering: none, caption: {caption},"
                    f" []){label}")
        return f"#figure-block({string(path)}, {caption}){label}"

    def emit_code(self, block: Block) -> str:
        return (f"#block(width: 100%, inset: 6pt, fill: luma(96%), "
                f"raw(block: true, {string(block.source.rstrip(chr(10)))}))")

    def emit_quote(self, paragraphs: list[list[Inline]], block: Block) -> str:
        return f"#quote(block: true)[{PARBREAK.join(self.inline(p) for p in paragraphs)}]"

    def emit_index(self, index: TermIndex) -> str:
        """A new page with the index heading (a bookmark after every line of the body, so the
        line map finds no numbered line under it) and the entries in two columns."""
        self.heading_lines.append((len(self.draft.text) + len(self.heading_lines), index.title))
        groups = []
        for group in index.groups:
            entries = []
            for e in group.entries:
                number = content(escape(e.number))
                if e.anchor in self.labelled_anchors:
                    number = f"link(<{self.labels[e.anchor]}>, {number})"
                entries.append(f"({content(escape(e.text))}, {number})")
            groups.append(f"({content(escape(group.letter))}, ({''.join(x + ', ' for x in entries)}))")
        return (f"#pagebreak(weak: true)\n\n#term-index({content(escape(index.title))}, "
                f"{string(index.lang)}, ({''.join(g + ', ' for g in groups)}))")


def to_typst(draft: Draft, cover: Cover, images: Mapping[str, str],
             line_numbering: str | None, page: Mapping[str, object]) -> TypstSource:
    """Typst source of the whole document. ``line_numbering``: None, "continuous", "per-page";
    ``page``: the template's page settings ("margin-left-mm", "line-number-font")."""
    return TypstWriter(draft, images).render(cover, line_numbering, page)
