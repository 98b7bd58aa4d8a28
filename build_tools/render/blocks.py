"""How the blocks of a draft look on the site (Python-Markdown with md_in_html).

The pieces arrive already written: inline content as Markdown from ``render.site_inline``,
which escapes every character of the author's text, and every string we place inside our own
HTML goes through ``escape.attr``. HTML and code blocks are shown as escaped text.
"""

from __future__ import annotations

import html

from build_tools.render.escape import attr

# Python-Markdown nests lists and continues list items by four spaces.
INDENT = "    "


def paragraph(body: str, css: str = "") -> str:
    if not css:
        return body
    return f'<p class="{css}" markdown="1">{body}</p>'


def note(label: str, body: str, css: str) -> str:
    """NOTE / EXAMPLE / Note 1 to entry: the label set apart, the text beside it."""
    head = f'<span class="clause-label">{attr(label)}</span> ' if label else ""
    return f'<div class="{css}" markdown="1">\n<p markdown="1">{head}{body}</p>\n</div>'


def list_item(depth: int, ordered: bool, body: str) -> str:
    indent = INDENT * (depth - 1)
    return f"{indent}{'1.' if ordered else '-'} {body}"


def reference(number: str, anchor: str | None, body: str) -> str:
    """An entry of the Normative references or the Bibliography ("[n]" in the bibliography);
    ``anchor`` is the entry's ``{#ref-…}``, the target of ``[](#ref-…)``."""
    prefix = f'<span class="ref-number">{attr(number)}</span> ' if number else ""
    ident = f' id="{attr(anchor)}"' if anchor else ""
    return f'<p class="reference"{ident} markdown="1">{prefix}{body}</p>'


def references(entries: list[str]) -> str:
    return '<div class="references" markdown="1">\n' + "\n".join(entries) + "\n</div>"


def table(anchor: str | None, caption: str, header: list[str], rows: list[list[str]],
          notes: list[str]) -> str:
    """Caption above ("Table 1 — Title"), then the pipe table, then the table's notes.
    Cells are one line each, their pipes escaped by the inline writer."""
    ident = f' id="{attr(anchor)}"' if anchor else ""
    parts = [f'<div class="clause-table"{ident} markdown="1">',
             f'<p class="table-caption" markdown="1">{caption}</p>\n',
             "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    parts.extend("| " + " | ".join(row) + " |" for row in rows)
    parts.append("")
    parts.extend(notes)
    parts.append("</div>")
    return "\n".join(parts)


def figure(anchor: str | None, image: str, caption: str) -> str:
    """The image, then its caption below ("Figure 1 — Title")."""
    ident = f' id="{attr(anchor)}"' if anchor else ""
    return (f'<figure class="clause-figure"{ident} markdown="span">\n{image}\n'
            f'<figcaption markdown="span">{caption}</figcaption>\n</figure>')


def missing_image(src: str) -> str:
    return f'<span class="figure-missing">[image not available: {attr(src)}]</span>'


def verbatim(source: str, css: str) -> str:
    """Code, and raw HTML from a draft: shown as text, never interpreted."""
    return f'<pre class="{css}"><code>{html.escape(source.rstrip(chr(10)), quote=False)}</code></pre>'


def quote(paragraphs: list[str]) -> str:
    """A quotation, its paragraphs kept apart; ``paragraphs`` carry their "> " after each
    line break already."""
    return "\n>\n".join("> " + p for p in paragraphs if p)


def term_index(title: str, anchor: str, lang: str, groups: list[tuple[str, list[tuple[str, str, str]]]]
               ) -> str:
    """An index of terms: its heading, then each letter with its entries (term, number, href),
    the term linked to its entry."""
    out = [f'## {attr(title)} {{ id="{attr(anchor)}" .term-index-title }}', "",
           f'<div class="term-index" lang="{attr(lang)}">']
    for letter, entries in groups:
        out.append(f'<p class="term-index-letter">{attr(letter)}</p><ul>')
        out.extend(f'<li><a href="{attr(href)}">{attr(text)}</a>'
                   f'<span class="term-index-number">{attr(number)}</span></li>'
                   for text, number, href in entries)
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)
