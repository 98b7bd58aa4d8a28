"""Draft model -> pandoc Markdown, the input of the DOCX export.

A thin emitter over ``layout.Layout``: the order of the document, term entries, annex headings,
captions and footnotes are the layout's, the inline elements are the model's nodes. Text is
written with every ASCII punctuation mark escaped: pandoc's Markdown reads more syntax than
CommonMark (citations, raw TeX or OpenXML, ``~sub~``, smart quotes), and none of it may
reinterpret what an author typed. Notes, examples and the parts of a term entry are fenced
divs with ``custom-style``; the reference document of ``export.reference_doc`` gives those
styles their look.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

from build_tools.model import (
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
from build_tools.render.inline_writer import InlineWriter, image_key  # noqa: F401 (re-exported)
from build_tools.render.layout import Heading, ListNode, TermPart

# What pandoc may read: its Markdown minus everything that could smuggle raw output or
# reinterpret text (our own escaping already covers most; this is the second fence).
PANDOC_FROM = (
    "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-citations-implicit_figures-auto_identifiers-smart-yaml_metadata_block"
)

# Paragraph styles the DOCX carries (reference_doc.py defines them).
NOTE = "Note"
EXAMPLE = "Example"
TERM_NUMBER = "Term number"
PREFERRED = "Preferred term"
ADMITTED = "Admitted term"
DEPRECATED = "Deprecated term"
SYMBOL = "Term symbol"  # its own style, so an import tells a symbol from an admitted term
DEFINITION = "Definition"
TERM_NOTE = "Note to entry"
SOURCE = "Source"
TABLE_TITLE = "Table title"
FIGURE_TITLE = "Figure title"
CUSTOM_STYLES = (NOTE, EXAMPLE, TERM_NUMBER, PREFERRED, ADMITTED, DEPRECATED, SYMBOL,
                 DEFINITION, TERM_NOTE, SOURCE, TABLE_TITLE, FIGURE_TITLE)
# Only in a terminology standard, which ends with its indexes.
INDEX_LETTER = "Index letter"
INDEX_ENTRY = "Index entry"
_PART_STYLE = {"admitted": ADMITTED, "deprecated": DEPRECATED, "symbol": SYMBOL,
               "definition": DEFINITION, "example": EXAMPLE, "note": NOTE,
               "term-note": TERM_NOTE, "source": SOURCE}

_SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_HARD = "\\\n"


def escape(text: str) -> str:
    """Literal text: every ASCII punctuation mark backslash-escaped (pandoc all_symbols_escapable)."""
    return _PUNCT.sub(r"\\\1", text)


def _code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _href(url: str) -> str:
    return quote(url, safe="/:#?&=%@+,;~!$*'.-_")


def one_line(markup: str) -> str:
    """Headings and table cells cannot hold a line break."""
    return markup.replace(_HARD, " ")


def identifiers(draft: Draft) -> dict[str, str]:
    """The identifier written for each anchor of the draft (the name of its bookmark in the
    DOCX): the anchor itself where pandoc takes it as it is, else "x-<n>"."""
    return {anchor: anchor if _SAFE_ID.fullmatch(anchor) else f"x-{n}"
            for n, anchor in enumerate(draft.targets, 1)}


class PandocWriter(InlineWriter):
    """One draft -> one pandoc Markdown document (no metadata block: python-docx fills it)."""

    def __init__(self, draft: Draft, images: Mapping[str, str]) -> None:
        super().__init__(draft, images)
        self.ids = identifiers(draft)

    def render(self) -> str:
        parts = self.document()
        for footnote in layout.footnotes(self.draft):
            body = "\n\n    ".join(p.replace("\n", "\n    ")
                                   for p in self.footnote_paragraphs(footnote) if p)
            parts.append(f"[^fn{footnote.number}]: {body}")
        return "\n\n".join(p for p in parts if p) + "\n"

    # -- inline
    def w_text(self, text: str) -> str:
        text = escape(text)
        # Inside ~sub~ and ^sup^ a space ends the script unless escaped.
        return text.replace(" ", "\\ ") if {"sub", "sup"} & set(self.tags) else text

    def w_hardbreak(self) -> str:
        return _HARD

    def w_style(self, kind: str, inner: str) -> str:
        mark = "*" if kind == EMPH else "~~" if kind == STRIKE else "**"
        return f"{mark}{inner}{mark}" if inner else ""

    def w_code(self, text: str) -> str:
        return _code(text)

    def w_link(self, href: str, inner: str) -> str:
        return f"[{inner}]({_href(href)})"

    def w_xref(self, anchor: str, shown: str) -> str:
        if anchor not in self.draft.targets:
            return shown
        return f"[{shown}](#{self.ids[anchor]})"

    def w_image(self, alt: str, path: str | None) -> str:
        return f"![{escape(alt)}]({_href(path)})" if path else escape(alt)

    def w_tag(self, name: str, closing: bool) -> str:
        return {"sub": "~", "sup": "^", "em": "*", "strong": "**"}.get(name, "")

    def w_footnote(self, footnote: Footnote) -> str:
        return f"[^fn{footnote.number}]"

    def w_inline_footnote(self, body: str) -> str:
        return f"^[{body}]"

    def w_pin(self, anchor: str) -> str:
        # The target of [](#req-…): an empty span with the pin's id.
        return f"[]{{#{self.ids[anchor]}}}" if anchor in self.ids else ""

    # -- blocks
    def div(self, style: str, body: str, anchor: str | None = None) -> str:
        ident = f"#{self.ids[anchor]} " if anchor and anchor in self.ids else ""
        return f'::: {{{ident}custom-style="{style}"}}\n{body}\n:::'

    def emit_heading(self, h: Heading) -> str:
        title = one_line(self.inline(h.title))
        if h.annex_label:
            head = " ".join(x for x in (escape(h.annex_label), escape(h.obligation), title) if x)
        elif h.number:
            head = escape(h.number) + h.sep + title
        else:
            head = title
        anchor = self.ids.get(h.anchor, "")
        hashes = "#" * min(h.level, 6)
        return f"{hashes} {head} {{#{anchor}}}" if anchor else f"{hashes} {head}"

    def emit_term(self, term: TermEntry, preferred: list[Inline], parts: list[str],
                  subterms: list[str]) -> list[str]:
        head = f"**{self.inline(preferred)}**"
        en = next((p for key, p in term.attribute_phrases if key == "en"), None)
        if en is not None:
            head += "\u2003" + self.inline(layout.nodes_of(en))
        return [self.div(TERM_NUMBER, escape(term.number), term.anchor),
                self.div(PREFERRED, head), *parts, *subterms]

    def emit_term_part(self, part: TermPart) -> str:
        return self.labelled(_PART_STYLE[part.kind], part.label, part.nodes)

    def labelled(self, style: str, label: str, nodes: list[Inline]) -> str:
        sep = "" if self.lang == "zh" or not label or label.endswith(" ") else " "
        return self.div(style, escape(label) + sep + self.inline(nodes))

    def emit_paragraph(self, nodes: list[Inline], block: Block) -> str:
        return self.inline(nodes)

    def emit_note(self, kind: str, label: str, nodes: list[Inline], block: Block) -> str:
        return self.labelled(_PART_STYLE[kind], label, nodes)

    def emit_list(self, block: ListBlock, tree: list[ListNode]) -> str:
        return "\n".join(self._items(tree, 0))

    def _items(self, nodes: list[ListNode], indent: int) -> list[str]:
        lines: list[str] = []
        for n, node in enumerate(nodes, 1):
            marker = f"{n}." if node.ordered else "-"
            pad = " " * (indent + len(marker) + 1)
            body = self.inline(layout.nodes_of(node.item.phrase)) if node.item else ""
            lines.append(" " * indent + f"{marker} " + body.replace("\n", "\n" + pad))
            lines.extend(self._items(node.children, len(pad)))
        return lines

    def emit_references(self, entries: list[tuple[str, Reference | None, ListItem]],
                        clause: Clause) -> str:
        """Normative references one per paragraph; the bibliography numbered [1], [2] …"""
        out = []
        for number, ref, item in entries:
            anchor = ref.anchor if ref else None
            span = f"[]{{#{self.ids[anchor]}}}" if anchor and anchor in self.ids else ""
            prefix = escape(number) + " " if clause.kind == BIBLIOGRAPHY and number else ""
            out.append(span + prefix + self.inline(layout.nodes_of(item.phrase)))
        return "\n\n".join(out)

    def caption(self, label: str, sep: str, title: list[Inline]) -> str:
        return escape(label) + escape(sep) + one_line(self.inline(title))

    def emit_table(self, table: Table) -> str:
        width = layout.table_width(table)

        def row(cells: list[list[Inline]]) -> str:
            return "| " + " | ".join(one_line(self.inline(c)) or " " for c in cells) + " |"

        # The dashes give pandoc the columns' relative widths; a line longer than pandoc's
        # 72 columns is what makes it use them.
        rule = "|" + "".join("-" * max(3, round(f * 120)) + "|" for f in layout.column_widths(table))
        lines = [row(layout.padded(table.header_cells, width)), rule,
                 *(row(layout.padded(r, width)) for r in table.row_cells)]
        title = self.div(TABLE_TITLE, self.caption(*layout.table_caption(table, self.lang)),
                         table.anchor)
        notes = [self.block(n, None) for n in table.notes]
        return "\n\n".join([title, "\n".join(lines), *notes])

    def emit_figure(self, figure: Figure) -> str:
        path = self.images.get(image_key(figure.src))
        # The title attribute is what Word shows as the picture's description (alt text).
        described = figure.title.replace("\\", "\\\\").replace('"', '\\"')
        image = (f'![{escape(figure.title)}]({_href(path)} "{described}")' if path
                 else escape(figure.title))
        title = self.div(FIGURE_TITLE, self.caption(*layout.figure_caption(figure, self.lang)),
                         figure.anchor)
        return image + "\n\n" + title

    def emit_code(self, block: Block) -> str:
        body = block.source.rstrip("\n")
        fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
        return f"{fence}\n{body}\n{fence}"

    def emit_quote(self, paragraphs: list[list[Inline]], block: Block) -> str:
        return "\n>\n".join("> " + self.inline(p).replace("\n", "\n> ") for p in paragraphs)

    def emit_index(self, index: TermIndex) -> str:
        """The index as a main heading, then per letter a paragraph and one paragraph per
        entry: the term, an em space and its number, linked to the entry."""
        out = [f"# {escape(index.title)} {{#{index.anchor}}}"]
        for group in index.groups:
            out.append(self.div(INDEX_LETTER, escape(group.letter)))
            entries = []
            for e in group.entries:
                number = escape(e.number)
                if e.anchor in self.ids:
                    number = f"[{number}](#{self.ids[e.anchor]})"
                entries.append(escape(e.text) + "\u2003" + number)
            out.append(self.div(INDEX_ENTRY, "\n\n".join(entries)))
        return "\n\n".join(out)


def to_pandoc(draft: Draft, images: Mapping[str, str] | None = None) -> str:
    """The draft as pandoc Markdown. ``images`` maps a figure's path as written (see
    ``image_key``) to the file pandoc may read; an image not in it is shown as its alt text."""
    return PandocWriter(draft, images or {}).render()
