"""The side-by-side page of a bilingual pair: English | 中文, clause by clause.

The two language versions of one standard (``pairing.pairs``) are aligned by ``pairing.align``,
the alignment the PAIR lint rules report from, and shown as rows of two cells: a clause's
heading with its own blocks, or one term entry. Each cell is written by its draft's
``PageRenderer``, so it looks as on the draft's page. An item present in one version only faces
an empty cell marked as missing. Ids carry a prefix per column ("en-", "zh-") so the anchors of
the two drafts do not clash, and a cross-reference leads to its target in the same column.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from build_tools.model import Clause, Draft, TermEntry
from build_tools.pairing import align, elements, profile
from build_tools.render import escape
from build_tools.render.escape import attr
from build_tools.render.site import HTML_LANG, PageContext, PageRenderer, page_title
from build_tools.render.site_inline import InlineContext
from build_tools.site.links import relative

LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
MISSING = {"en": "Not in the English version", "zh": "Not in the Chinese version（中文版无此条）"}


def page_name(en_page: str) -> str:
    """Where the pair's page goes: beside the English draft's page, ``<name>.en-zh.md``."""
    base = en_page[:-3] if en_page.endswith(".md") else en_page
    return f"{base}.en-zh.md"


@dataclass
class Side:
    """One version on the page: its model, its page (docs-relative) and how its images and
    cross-draft links resolve (as on the draft's own page)."""

    draft: Draft
    page: str
    image_ok: Callable[[str], bool] = lambda src: True
    other_draft: Callable[[str], Draft | None] = lambda href: None


class Column(PageRenderer):
    """One draft's cells, with its ids prefixed and relative links rebased onto this page."""

    def __init__(self, side: Side, pair_page: str) -> None:
        lang = side.draft.language
        folder = posixpath.dirname(side.page)
        rel = posixpath.relpath(folder or ".", posixpath.dirname(pair_page) or ".")
        ctx = PageContext(image_ok=side.image_ok, other_draft=side.other_draft)
        text_ctx = InlineContext(side.draft, image_ok=side.image_ok,
                                 other_draft=side.other_draft,
                                 link_for=lambda anchor: f"#{lang}-{anchor}",
                                 link_prefix="" if rel == "." else rel + "/",
                                 id_prefix=f"{lang}-")
        super().__init__(side.draft, ctx, text_ctx)

    def cell(self, clause: Clause, entry: TermEntry | None) -> str:
        parts = (self.clause_alone(clause) if entry is None
                 else self.term(entry, with_subterms=False))
        return "\n\n".join(parts)


def _cell(lang: str, body: str | None) -> str:
    html_lang = HTML_LANG.get(lang, lang)
    if body is None:
        return (f'<div class="clause-draft pair-cell pair-missing" lang="{html_lang}">\n'
                f'<p class="pair-missing-note">{attr(MISSING[lang])}</p>\n</div>')
    # clause-draft: the cell is styled as the draft's own page (headings, CJK fonts).
    return (f'<div class="clause-draft pair-cell" lang="{html_lang}" markdown="1">\n\n'
            f"{body}\n\n</div>")


def page(en: Side, zh: Side, page_rel: str) -> str:
    """The Markdown of the pair's page at ``page_rel`` (docs-relative)."""
    en_items, zh_items = list(elements(en.draft)), list(elements(zh.draft))
    alignment = align(profile(en.draft), profile(zh.draft))
    columns = {"en": Column(en, page_rel), "zh": Column(zh, page_rel)}
    rows = alignment.rows()
    only_en = sum(1 for _, j in rows if j is None)
    only_zh = sum(1 for i, _ in rows if i is None)
    title = f"{en.draft.id} — English | 中文"
    out = [escape.front_matter(title, hide=("toc",)),
           f"# {escape.text(title)} {{ id=\"pair-title\" }}", "",
           f"The English and the Chinese version of {escape.text(en.draft.id)}, clause by "
           "clause and term by term, matched as the PAIR lint rules match them: by anchor, "
           "else by number; a term entry by its English designation.", "",
           f'<p class="pair-summary">{len(rows) - only_en - only_zh} matched · '
           f"{only_en} only in English · {only_zh} only in Chinese</p>", "",
           '<div class="clause-pair" markdown="1">', ""]
    head = []
    for side in (en, zh):
        lang = side.draft.language
        link = f"[{escape.text(page_title(side.draft))}]({relative(side.page, page_rel)})"
        head.append(f'<div class="pair-cell" lang="{HTML_LANG[lang]}" markdown="1">\n'
                    f'<p class="pair-language" markdown="1">{LANGUAGE_NAMES[lang]} · {link}</p>'
                    f"\n</div>")
    out += ['<div class="pair-row pair-head" markdown="1">', *head, "</div>", ""]
    for i, j in rows:
        cells = [_cell("en", columns["en"].cell(*en_items[i]) if i is not None else None),
                 _cell("zh", columns["zh"].cell(*zh_items[j]) if j is not None else None)]
        out += ['<div class="pair-row" markdown="1">', *cells, "</div>", ""]
    out += ["</div>", ""]
    out += [columns["en"].footnotes(), columns["zh"].footnotes()]
    return "\n".join(part for part in out if part is not None) + "\n"
