"""Blocks of the Draft model -> Markdown for the site (Python-Markdown with md_in_html).

Every piece of draft text goes through ``fmt`` (``render.escape.source`` bound to the draft),
and every string we place inside our own HTML goes through ``escape.attr``: a draft cannot
add markup of its own. HTML and code blocks are shown as escaped text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

from build_tools.i18n.labels import LABELS
from build_tools.model import Block, Figure, ListBlock, Table
from build_tools.render.escape import attr, one_line, table_cell

Fmt = Callable[[str], str]


def caption_sep(lang: str) -> str:
    return LABELS.get(lang, LABELS["en"])["caption_sep"]


def split_label(block: Block) -> tuple[str, str]:
    """("NOTE 1", rest of the source) for a note or example whose source starts with its label."""
    src = block.source.lstrip()
    label = block.label
    if label and src.startswith(label):
        return label.strip(), src[len(label):].lstrip()
    return "", src


def paragraph(block: Block, fmt: Fmt, css: str = "") -> str:
    body = fmt(block.source)
    if not css:
        return body
    return f'<p class="{css}" markdown="1">{body}</p>'


def note(block: Block, fmt: Fmt, css: str) -> str:
    """NOTE / EXAMPLE / Note 1 to entry: the label set apart, the text beside it."""
    label, rest = split_label(block)
    head = f'<span class="clause-label">{attr(label)}</span> ' if label else ""
    return f'<div class="{css}" markdown="1">\n<p markdown="1">{head}{fmt(rest)}</p>\n</div>'


def list_block(block: ListBlock, fmt: Fmt, css: str = "") -> str:
    lines: list[str] = []
    marker = "1." if block.ordered else "-"
    for item in block.items:
        # Python-Markdown nests lists by four spaces, whatever indent CommonMark accepted.
        indent = "    " * (item.depth - 1)
        body = fmt(item.source).replace("\n", "\n" + indent + "    ")
        lines.append(f"{indent}{marker} {body}")
    md = "\n".join(lines)
    if css:
        return f'<div class="{css}" markdown="1">\n\n{md}\n\n</div>'
    return md


def reference_list(block: ListBlock, fmt: Fmt, numbered: bool,
                   anchors: dict[int, str] | None = None) -> str:
    """Normative references and bibliography: one entry per line, "[n]" in the bibliography.
    ``anchors`` maps an item's line to its ``{#ref-…}`` anchor, the target of ``[](#ref-…)``."""
    out: list[str] = []
    n = 0
    for item in block.items:
        if item.depth != 1:
            continue
        n += 1
        prefix = f'<span class="ref-number">[{n}]</span> ' if numbered else ""
        anchor = (anchors or {}).get(item.line)
        ident = f' id="{attr(anchor)}"' if anchor else ""
        out.append(f'<p class="reference"{ident} markdown="1">{prefix}{fmt(item.source)}</p>')
    return '<div class="references" markdown="1">\n' + "\n".join(out) + "\n</div>"


def table(block: Table, fmt: Fmt, lang: str, note_fmt: Callable[[Block], str]) -> str:
    """Caption above ("Table 1 — Title"), then the pipe table, then the table's notes."""
    ident = f' id="{attr(block.anchor)}"' if block.anchor else ""
    parts = [f'<div class="clause-table"{ident} markdown="1">']
    caption = block.label
    if block.caption:
        caption += caption_sep(lang) + one_line(fmt(block.caption))
    parts.append(f'<p class="table-caption" markdown="1">{caption}</p>\n')
    width = max([len(block.header), *(len(r) for r in block.rows)] or [1])
    header = [*block.header, *[""] * (width - len(block.header))]
    parts.append("| " + " | ".join(table_cell(fmt(c)) for c in header) + " |")
    parts.append("|" + " --- |" * width)
    for row in block.rows:
        cells = [*row, *[""] * (width - len(row))]
        parts.append("| " + " | ".join(table_cell(fmt(c)) for c in cells[:width]) + " |")
    parts.append("")
    parts.extend(note_fmt(n) for n in block.notes)
    parts.append("</div>")
    return "\n".join(parts)


def figure(block: Figure, fmt: Fmt, lang: str, available: bool) -> str:
    """The image, then its caption below ("Figure 1 — Title")."""
    ident = f' id="{attr(block.anchor)}"' if block.anchor else ""
    caption = block.label
    if block.title:
        caption += caption_sep(lang) + one_line(fmt(block.title))
    if available:
        alt = re.sub(r"([\[\]\\])", r"\\\1", html.escape(block.title, quote=False))
        image = f"![{alt}]({quote(block.src, safe='/._-~')})"
    else:
        image = f'<span class="figure-missing">[image not available: {attr(block.src)}]</span>'
    return (f'<figure class="clause-figure"{ident} markdown="span">\n{image}\n'
            f'<figcaption markdown="span">{caption}</figcaption>\n</figure>')


def verbatim(block: Block, css: str) -> str:
    """Code, and raw HTML from a draft: shown as text, never interpreted."""
    return f'<pre class="{css}"><code>{html.escape(block.source.rstrip(chr(10)), quote=False)}</code></pre>'


def quote_block(block: Block, fmt: Fmt) -> str:
    return "\n".join("> " + line for line in fmt(block.source).split("\n"))


def render(block: Block, fmt: Fmt, lang: str, image_ok: Callable[[str], bool]) -> str:
    """Any block of a clause or term entry. Footnotes are collected by the page, not here."""
    if isinstance(block, Table):
        return table(block, fmt, lang, lambda n: render(n, fmt, lang, image_ok))
    if isinstance(block, Figure):
        return figure(block, fmt, lang, image_ok(block.src))
    if isinstance(block, ListBlock):
        return list_block(block, fmt)
    kind = block.kind
    if kind in ("note", "term-note"):
        return note(block, fmt, "clause-note")
    if kind == "example":
        return note(block, fmt, "clause-example")
    if kind == "code":
        return verbatim(block, "clause-code")
    if kind == "html":
        return verbatim(block, "escaped-html")
    if kind == "quote":
        return quote_block(block, fmt)
    if kind in ("footnote", "term-attributes"):
        return ""
    return paragraph(block, fmt)
