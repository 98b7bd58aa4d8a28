"""Term entries laid out as ISO and GB publications print them.

The order of the lines (admitted, deprecated, symbol, definition, examples, notes to entry,
source) is ``layout.term_parts``'s, shared with the DOCX and the PDF; this module says only how
each line looks on the site: the number on its own line, the preferred term in bold, the
English equivalent beside it in a GB draft.
"""

from __future__ import annotations

from build_tools.render import blocks
from build_tools.render.escape import attr

# Site CSS class of each kind of line of an entry.
PART_CSS = {
    "admitted": "term-admitted",
    "deprecated": "term-deprecated",
    "symbol": "term-symbol",
    "definition": "term-definition",
    "source": "term-source",
    "example": "clause-example",
    "note": "clause-note term-note",
    "term-note": "clause-note term-note",
}


def term_heading(number: str, preferred: str, en: str, level: int, anchor: str,
                 badge: str = "") -> str:
    """A heading, so the entry is in the page outline and search; CSS puts the number on its
    own line and the term in bold below it. ``badge`` is trusted HTML (the comment count)."""
    parts = [
        f'<span class="term-number">{attr(number)}</span>',
        f'<span class="term-preferred">{preferred}</span>',
    ]
    if en:
        parts.append(f'<span class="term-en" lang="en">{en}</span>')
    hashes = "#" * min(level, 6)
    return f'{hashes} {" ".join(parts)}{badge} {{ id="{attr(anchor)}" .term-heading }}'


def term_part(kind: str, label: str, body: str) -> str:
    css = PART_CSS.get(kind, "")
    if kind in ("example", "note", "term-note"):
        return blocks.note(label, body, css)
    return blocks.paragraph(f"{attr(label)}{body}", css)


def term_body(parts: list[str]) -> str:
    return '<div class="term-entry" markdown="1">\n\n' + "\n\n".join(parts) + "\n\n</div>"
