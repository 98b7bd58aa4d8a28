"""One draft -> one Markdown page for MkDocs (mkdocs-material, no plugin, no theme override).

The page is a ``layout.Layout``: the walk, the order of a term entry, the annex heading and
the captions are the ones the DOCX and the PDF use, and the text comes from the model's inline
nodes (``render.site_inline``), never from the Markdown again. Numbers, labels, anchors and
stage names are the model's, so the site says what the PDF and the linter say. Output uses only attr_list,
md_in_html, tables, footnotes and toc, so the folder builds unchanged with MkDocs' successors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from build_tools.i18n.labels import LABELS
from build_tools.i18n.stages import code_of, stage_name
from build_tools.model import (
    Block,
    Clause,
    Draft,
    Figure,
    Inline,
    ListBlock,
    ListItem,
    Reference,
    Table,
    TermEntry,
)
from build_tools.render import blocks, escape, layout, notices, terms
from build_tools.render.escape import attr
from build_tools.render.indexes import TermIndex
from build_tools.render.layout import Heading, Layout, ListNode, TermPart, nodes_of
from build_tools.render.site_inline import (
    InlineContext,
    emit,
    figure_src,
    is_external,
    literal,
    one_line,
    rebase,
)

HTML_LANG = {"en": "en", "zh": "zh-CN"}


@dataclass
class CommentLinks:
    """The draft's comments page, and how many comments of the current iteration cite each
    clause. ``counts`` is keyed by the casefolded locator ("3.1", "a.2", "introduction")."""

    page: str  # Markdown link to the comments page (relative .md, checked by MkDocs)
    href: str  # the same page as a URL relative to this page's URL, for raw HTML links
    total: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class PageContext:
    """What the page needs to know about its surroundings (hrefs are relative to the page)."""

    downloads: list[tuple[str, str]] = field(default_factory=list)  # ("PDF", "x.pdf")
    requirements: str | None = None
    changes: tuple[str, str] | None = None  # (previous version, href)
    image_ok: Callable[[str], bool] = lambda src: True
    other_draft: Callable[[str], Draft | None] = lambda href: None  # "other.md" -> its model
    comments: CommentLinks | None = None
    ballot: tuple[str, str] | None = None  # the latest ballot: (summary, href to its page)
    pair: str | None = None  # the side-by-side page of this draft and its other language


def page_title(draft: Draft) -> str:
    return f"{draft.id} {draft.title_in()}"


def stage_line(draft: Draft) -> str:
    """"Committee Draft 2" / "征求意见稿" (iteration in the name), with the stage code."""
    stage = str(draft.meta.get("stage") or "WD")
    iteration = draft.meta.get("iteration")
    n = iteration if isinstance(iteration, int) and not isinstance(iteration, bool) else None
    return stage_name(stage, draft.rules, n)


def stage_code(draft: Draft) -> str:
    return code_of(str(draft.meta.get("stage") or "WD"))


def term_anchor(term: TermEntry, draft: Draft) -> str:
    """The entry's own anchor, or one made from its number (terms without {#id} cannot be
    referred to by authors, but the glossary still links to them)."""
    if term.anchor:
        return term.anchor
    return "term-" + term.number.replace(".", "-")


class PageRenderer(Layout):
    """The draft page: ``layout.Layout``'s walk, each piece written as MkDocs Markdown."""

    def __init__(self, draft: Draft, ctx: PageContext | None = None,
                 text_ctx: InlineContext | None = None) -> None:
        super().__init__(draft)
        self.ctx = ctx or PageContext()
        self.labels = LABELS.get(self.lang, LABELS["en"])
        self.text_ctx = text_ctx or InlineContext(draft, image_ok=self.ctx.image_ok,
                                                  other_draft=self.ctx.other_draft)

    def ident(self, anchor: str) -> str:
        """The id written for one of the draft's anchors (prefixed when the page holds two)."""
        return self.text_ctx.id_prefix + anchor if anchor else anchor

    # -- text
    def inline(self, nodes: list[Inline], newline: str = "\n") -> str:
        return emit(nodes, self.text_ctx, newline)

    def line(self, nodes: list[Inline]) -> str:
        return one_line(nodes, self.text_ctx)

    # -- the page
    def render(self) -> str:
        d = self.draft
        out = [escape.front_matter(page_title(d))]
        out.append(f'<div class="clause-draft" lang="{HTML_LANG.get(self.lang, "en")}" '
                   f'markdown="1">\n')
        out.append(self.header())
        warning = notices.draft_warning(str(d.meta.get("stage") or "WD"), d.rules)
        if warning:
            out.append(f'<div class="draft-warning"><p class="draft-warning-title">'
                       f'{attr(notices.header_label(self.lang, "warning"))}</p>'
                       f"<p>{attr(warning)}</p></div>\n")
        if d.fatal:
            out.append(self.unreadable())
        out.extend(part + "\n" for part in self.document())
        out.append("</div>\n")
        out.append(self.footnotes())
        return "\n".join(part for part in out if part) + "\n"

    def header(self) -> str:
        d = self.draft
        lab = notices.header_label
        lines = ['<div class="draft-header" markdown="1">',
                 f'<p class="draft-ident">{attr(d.id)}</p>', ""]
        lines.append(f"# {escape.text(d.title_in())} {{ id=\"draft-title\" }}\n")
        for lang, title in d.titles.items():
            if lang != self.lang:
                lines.append(f'<p class="draft-title-alt" lang="{attr(HTML_LANG.get(lang, lang))}">'
                             f"{attr(title)}</p>")
        rows = [("stage", f"{stage_line(d)} ({stage_code(d)})")]
        if d.meta.get("date"):
            rows.append(("date", str(d.meta["date"])))
        if d.meta.get("committee"):
            rows.append(("committee", str(d.meta["committee"])))
        editors = _editors(d.meta.get("editors"))
        if editors:
            rows.append(("editors", "; ".join(editors)))
        ballot = d.meta.get("ballot")
        if self.ctx.ballot is None and isinstance(ballot, dict) and (
                ballot.get("opens") or ballot.get("closes")):
            rows.append(("ballot", f"{ballot.get('opens', '')} – {ballot.get('closes', '')}"))
        lines.append('<dl class="draft-meta">')
        for key, value in rows:
            lines.append(f"<dt>{attr(lab(self.lang, key))}</dt><dd>{attr(value)}</dd>")
        if self.ctx.ballot is not None:  # the ballot record's, linked to the ballot page
            text, href = self.ctx.ballot
            lines.append(f"<dt>{attr(lab(self.lang, 'ballot'))}</dt>"
                         f'<dd><a href="{attr(href)}">{attr(text)}</a></dd>')
        lines.append("</dl>")
        links = [f"[{escape.text(name)}]({href})" for name, href in self.ctx.downloads]
        if self.ctx.requirements:
            links.append(f"[{escape.text(lab(self.lang, 'requirements'))}]({self.ctx.requirements})")
        if self.ctx.changes:
            version, href = self.ctx.changes
            links.append(f"[{escape.text(lab(self.lang, 'changes').format(v=version))}]({href})")
        if self.ctx.comments:
            c = self.ctx.comments
            links.append(f"[{escape.text(lab(self.lang, 'comments').format(n=c.total))}]({c.page})")
        if self.ctx.pair:
            links.append(f"[{escape.text(lab(self.lang, 'pair'))}]({self.ctx.pair})")
        if links:
            lines.append(f'<p class="draft-links" markdown="1">{" · ".join(links)}</p>')
        lines.append("</div>\n")
        return "\n".join(lines)

    def unreadable(self) -> str:
        items = "".join(f"<li>line {p.line}: {attr(p.message)}</li>"
                        for p in self.draft.problems if p.fatal)
        return (f'<div class="draft-warning"><p class="draft-warning-title">'
                f'{attr(notices.header_label(self.lang, "unreadable"))}</p><ul>{items}</ul></div>\n')

    # -- comment counts
    def comment_badge(self, locator: str) -> str:
        """A link to the comments on ``locator``, filtered, for the end of its heading.

        The anchor is empty and CSS shows its ``data-label``: the table of contents and the
        search index read a heading's text, and the count is not part of the clause title.
        Raw HTML rather than a Markdown link, because MkDocs would report the filter in the
        fragment (``#clause=3.1``) as a missing anchor.
        """
        c = self.ctx.comments
        n = c.counts.get(locator.casefold(), 0) if c and locator else 0
        if not c or not n:
            return ""
        lab = notices.header_label
        one = n == 1
        label = lab(self.lang, "comment_count_one" if one else "comment_count").format(n=n)
        title = lab(self.lang, "comment_title_one" if one else "comment_title").format(
            n=n, c=locator)
        href = f"{c.href}#clause={quote(locator, safe='')}"
        return (f' <a class="comment-count" href="{attr(href)}" data-label="{attr(label)}" '
                f'title="{attr(title)}" aria-label="{attr(title)}" data-search-exclude></a>')

    # -- what the layout asks for
    def emit_heading(self, h: Heading) -> str:
        title = self.line(h.title)
        if h.annex_label:
            sep = "" if self.lang == "zh" else " "
            text = (f'<span class="annex-label">{attr(h.annex_label)}</span>{sep}'
                    f'<span class="annex-obligation">{attr(h.obligation)}</span>{sep}'
                    f'<span class="annex-title">{title}</span>')
            css = " .annex-heading"
        else:
            text = f"{attr(h.number)}{h.sep}{title}" if h.number else title
            css = ""
        badge = self.comment_badge(h.clause.locator)
        ident = attr(self.ident(h.anchor))
        return f'{"#" * min(h.level + 1, 6)} {text}{badge} {{ id="{ident}"{css} }}'

    def emit_term(self, term: TermEntry, preferred: list[Inline], parts: list[str],
                  subterms: list[str]) -> list[str]:
        en = [p for key, p in term.attribute_phrases if key == "en"][-1:]
        heading = terms.term_heading(term.number, self.line(preferred),
                                     self.line(nodes_of(en[0])) if en else "",
                                     term.level + 1, self.ident(term_anchor(term, self.draft)),
                                     self.comment_badge(term.number))
        return [f"{heading}\n\n{terms.term_body(parts)}", *subterms]

    def emit_term_part(self, part: TermPart) -> str:
        return terms.term_part(part.kind, part.label, self.inline(part.nodes))

    def emit_paragraph(self, nodes: list[Inline], block: Block) -> str:
        return blocks.paragraph(self.inline(nodes))

    def emit_note(self, kind: str, label: str, nodes: list[Inline], block: Block) -> str:
        css = "clause-example" if kind == "example" else "clause-note"
        return blocks.note(label, self.inline(nodes), css)

    def emit_list(self, block: ListBlock, tree: list[ListNode]) -> str:
        lines: list[str] = []

        def walk(nodes: list[ListNode], depth: int) -> None:
            for node in nodes:
                nodes_ = nodes_of(node.item.phrase) if node.item is not None else []
                cont = "\n" + blocks.INDENT * depth
                lines.append(blocks.list_item(depth, node.ordered, self.inline(nodes_, cont)))
                walk(node.children, depth + 1)

        walk(tree, 1)
        return "\n".join(lines)

    def emit_references(self, entries: list[tuple[str, Reference | None, ListItem]],
                        clause: Clause) -> str:
        return blocks.references([
            blocks.reference(number, self.ident(ref.anchor) if ref and ref.anchor else None,
                             self.inline(nodes_of(item.phrase)))
            for number, ref, item in entries])

    def emit_table(self, table: Table) -> str:
        label, sep, title = layout.table_caption(table, self.lang)
        width = layout.table_width(table)
        header = [self.line(c) for c in layout.padded(table.header_cells, width)]
        rows = [[self.line(c) for c in layout.padded(r, width)] for r in table.row_cells]
        notes = [self.block(n, None) for n in table.notes]
        anchor = self.ident(table.anchor) if table.anchor else None
        return blocks.table(anchor, f"{attr(label)}{sep}{self.line(title)}", header, rows, notes)

    def emit_figure(self, figure: Figure) -> str:
        label, sep, title = layout.figure_caption(figure, self.lang)
        src = figure.src
        if is_external(src) or not self.ctx.image_ok(src):
            image = blocks.missing_image(src)
        else:
            alt = figure.title_phrase.text if figure.title_phrase else figure.title
            image = f"![{literal(alt)}]({rebase(self.text_ctx.link_prefix, figure_src(src))})"
        anchor = self.ident(figure.anchor) if figure.anchor else None
        return blocks.figure(anchor, image, f"{attr(label)}{sep}{self.line(title)}")

    def emit_code(self, block: Block) -> str:
        return blocks.verbatim(block.source, "clause-code" if block.kind == "code"
                               else "escaped-html")

    def emit_quote(self, paragraphs: list[list[Inline]], block: Block) -> str:
        return blocks.quote([self.inline(p, "\n> ") for p in paragraphs])

    def emit_index(self, index: TermIndex) -> str:
        def href(anchor: str, number: str) -> str:
            return "#" + self.ident(anchor or "term-" + number.replace(".", "-"))

        return blocks.term_index(index.title, self.ident(index.anchor),
                                 HTML_LANG.get(index.lang, "en"), [
            (g.letter, [(e.text, e.number, href(e.anchor, e.number)) for e in g.entries])
            for g in index.groups])

    # -- footnotes
    def footnotes(self) -> str:
        """Footnote definitions at the end of the page, Python-Markdown style, each written
        under its own label (Python-Markdown numbers them by first reference, as the model)."""
        out = []
        for note in layout.footnotes(self.draft):
            paragraphs = [self.line(p) for p in self.footnote_text(note)]
            paragraphs = [p for p in paragraphs if p] or [""]
            more = "".join(f"\n\n{blocks.INDENT}{p}" for p in paragraphs[1:])
            out.append(f"[^{self.text_ctx.id_prefix}{note.label}]: {paragraphs[0]}{more}")
        return "\n".join(out) + "\n" if out else ""


def _editors(value: object) -> list[str]:
    out: list[str] = []
    if not isinstance(value, list):
        return out
    for editor in value:
        if isinstance(editor, dict):
            name = str(editor.get("name") or "").strip()
            org = str(editor.get("organization") or "").strip()
            # E-mail addresses stay out of the public site.
            if name:
                out.append(f"{name} ({org})" if org else name)
        elif editor:
            out.append(str(editor))
    return out


def render_page(draft: Draft, ctx: PageContext | None = None) -> str:
    return PageRenderer(draft, ctx).render()
