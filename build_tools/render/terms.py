"""Term entries laid out as ISO and GB publications print them.

ISO: the number on its own line, the preferred term in bold, admitted terms, "DEPRECATED: x",
the definition, examples, notes to entry, [SOURCE: …]. GB: the same, with the English
equivalent beside the preferred term and the Chinese labels (被取代, 示例, 注1：, 来源).
"""

from __future__ import annotations

from collections.abc import Callable

from build_tools.i18n.labels import LABELS
from build_tools.model import TermEntry
from build_tools.render import blocks
from build_tools.render.blocks import Fmt
from build_tools.render.escape import attr, one_line


def term_heading(term: TermEntry, fmt: Fmt, level: int, anchor: str, lang: str,
                 badge: str = "") -> str:
    """A heading, so the entry is in the page outline and search; CSS puts the number on its
    own line and the term in bold below it. ``badge`` is trusted HTML (the comment count)."""
    parts = [
        f'<span class="term-number">{attr(term.number)}</span>',
        f'<span class="term-preferred">{one_line(fmt(term.preferred))}</span>',
    ]
    if term.en:
        parts.append(f'<span class="term-en" lang="en">{one_line(fmt(term.en))}</span>')
    hashes = "#" * min(level, 6)
    return f'{hashes} {" ".join(parts)}{badge} {{ id="{attr(anchor)}" .term-heading }}'


def term_body(term: TermEntry, fmt: Fmt, lang: str, image_ok: Callable[[str], bool]) -> str:
    labels = LABELS.get(lang, LABELS["en"])
    out: list[str] = []
    for admitted in term.admitted:
        out.append(f'<p class="term-admitted" markdown="1">{one_line(fmt(admitted))}</p>')
    for deprecated in term.deprecated:
        sep = "：" if lang == "zh" else ": "
        out.append(f'<p class="term-deprecated" markdown="1">{attr(labels["deprecated"])}{sep}'
                   f"{one_line(fmt(deprecated))}</p>")
    if term.symbol:
        out.append(f'<p class="term-symbol" markdown="1">{one_line(fmt(term.symbol))}</p>')
    if term.definition is not None:
        out.append(blocks.paragraph(term.definition, fmt, "term-definition"))
    known = {id(b) for b in (term.definition, term.source, *term.examples, *term.notes) if b}
    for block in term.blocks:
        # Anything else an author wrote in the entry stays, after the definition.
        if id(block) not in known:
            out.append(blocks.render(block, fmt, lang, image_ok))
    for example in term.examples:
        out.append(blocks.note(example, fmt, "clause-example"))
    for note in term.notes:
        out.append(blocks.note(note, fmt, "clause-note term-note"))
    if term.source is not None:
        out.append(blocks.paragraph(term.source, fmt, "term-source"))
    return '<div class="term-entry" markdown="1">\n\n' + "\n\n".join(o for o in out if o) + "\n\n</div>"
