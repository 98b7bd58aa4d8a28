"""One draft -> one Markdown page for MkDocs (mkdocs-material, no plugin, no theme override).

The page reads everything from the Draft model: numbers, labels, anchors and stage names are
the model's, so the site says what the PDF and the linter say. Output uses only attr_list,
md_in_html, tables, footnotes and toc, so the folder builds unchanged with MkDocs' successors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from build_tools.i18n.labels import LABELS
from build_tools.i18n.stages import code_of, stage_name
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    INTRODUCTION,
    NORMATIVE_REFERENCES,
    Block,
    Clause,
    Draft,
    ListBlock,
    TermEntry,
)
from build_tools.render import blocks, escape, notices, terms
from build_tools.render.escape import attr, one_line

HTML_LANG = {"en": "en", "zh": "zh-CN"}
_CROSS_DRAFT = re.compile(r"\[\]\((?P<path>[^)#\s]+\.md)#(?P<id>[^)\s]+)\)")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


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


class PageRenderer:
    def __init__(self, draft: Draft, ctx: PageContext | None = None) -> None:
        self.draft = draft
        self.ctx = ctx or PageContext()
        self.lang = draft.language
        self.labels = LABELS.get(self.lang, LABELS["en"])

    # -- text
    def fmt(self, src: str) -> str:
        return escape.source(self._cross_draft(src), self.draft, image_ok=self.ctx.image_ok)

    def _cross_draft(self, src: str) -> str:
        """``[](other-draft.md#id)``: filled with "MVS 0002, 5.2" from the other draft's model."""

        def repl(match: re.Match[str]) -> str:
            other = self.ctx.other_draft(match.group("path"))
            label = other.label_of(match.group("id")) if other else None
            if other is None or label is None:
                return match.group(0)
            return f"[{escape.text(f'{other.id}, {label}')}]({match.group('path')}#{match.group('id')})"

        return _CROSS_DRAFT.sub(repl, src)

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
        for block in d.preamble:
            out.append(self.block(block))
        for clause in d.clauses:
            out.append(self.clause(clause))
        out.append("</div>\n")
        out.append(self.footnotes())
        return "\n".join(part for part in out if part is not None) + "\n"

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
        if isinstance(ballot, dict) and (ballot.get("opens") or ballot.get("closes")):
            rows.append(("ballot", f"{ballot.get('opens', '')} – {ballot.get('closes', '')}"))
        lines.append('<dl class="draft-meta">')
        for key, value in rows:
            lines.append(f"<dt>{attr(lab(self.lang, key))}</dt><dd>{attr(value)}</dd>")
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

    # -- clauses
    def heading_text(self, clause: Clause) -> str:
        title = one_line(self.fmt(clause.title))
        if clause.level == 1 and clause.kind == ANNEX:
            obligation = clause.obligation or "informative"
            ob = self.labels[f"annex_{obligation}"]
            sep = "" if self.lang == "zh" else " "
            return (f'<span class="annex-label">{attr(clause.label)}</span>{sep}'
                    f'<span class="annex-obligation">{attr(ob)}</span>{sep}'
                    f'<span class="annex-title">{title}</span>')
        if clause.number and clause.kind != INTRODUCTION:
            sep = "\u3000" if self.lang == "zh" else " "
            return f"{attr(clause.number)}{sep}{title}"
        return title

    def clause(self, clause: Clause) -> str:
        level = min(clause.level + 1, 6)
        css = " .annex-heading" if clause.level == 1 and clause.kind == ANNEX else ""
        anchor = clause.anchor or ""
        badge = self.comment_badge(clause.locator)
        out = [f'{"#" * level} {self.heading_text(clause)}{badge} {{ id="{attr(anchor)}"{css} }}\n']
        # Blocks, term entries and subclauses in the order they were written.
        items: list[tuple[int, int, object]] = [(b.line, 0, b) for b in clause.blocks]
        items += [(t.line, 1, t) for t in clause.terms]
        items += [(c.line, 2, c) for c in clause.children]
        for _, _, item in sorted(items, key=lambda x: (x[0], x[1])):
            if isinstance(item, Clause):
                out.append(self.clause(item))
            elif isinstance(item, TermEntry):
                out.append(self.term(item, level + 1))
            elif isinstance(item, Block):
                out.append(self.block(item, clause))
        return "\n".join(o for o in out if o) + "\n"

    def block(self, block: Block, clause: Clause | None = None) -> str:
        top = clause.top if clause else None
        if isinstance(block, ListBlock) and top is clause and top is not None and \
                top.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY):
            anchors = {r.line: r.anchor for r in top.references if r.anchor}
            return blocks.reference_list(block, self.fmt, top.kind == BIBLIOGRAPHY,
                                         anchors) + "\n"
        md = blocks.render(block, self.fmt, self.lang, self.ctx.image_ok)
        return md + "\n" if md else ""

    def term(self, term: TermEntry, level: int) -> str:
        out = [terms.term_heading(term, self.fmt, level, term_anchor(term, self.draft), self.lang,
                                  self.comment_badge(term.number)),
               "", terms.term_body(term, self.fmt, self.lang, self.ctx.image_ok), ""]
        for sub in term.subterms:
            out.append(self.term(sub, level + 1))
        return "\n".join(out)

    # -- footnotes
    def footnotes(self) -> str:
        """Footnote definitions at the end of the page, Python-Markdown style.

        The model keeps footnote texts in reference order (markdown-it numbers them by first
        reference), so the n-th footnote belongs to the n-th distinct ``[^label]``.
        """
        d = self.draft
        every: list[Block] = list(d.preamble)
        for clause in d.clauses:
            every.extend(clause.all_blocks())
        every.sort(key=lambda b: b.line)
        notes = [b for b in every if b.kind == "footnote"]
        if not notes:
            return ""
        order: list[str] = []
        for block in every:
            if block.kind == "footnote":
                continue
            for label in _FOOTNOTE_REF.findall(block.source):
                if label not in order:
                    order.append(label)
        out = []
        for i, block in enumerate(notes):
            label = block.label or (order[i] if i < len(order) else f"note-{i + 1}")
            out.append(f"[^{label}]: {one_line(self.fmt(block.source))}")
        return "\n".join(out) + "\n"


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
