"""What two drafts must share to be "the same model": the parts a reader and every view see."""

from __future__ import annotations

import hashlib
from typing import Any

from build_tools.model import Draft, Table
from build_tools.render.figure_content import clean_svg


def _figure_bytes(draft: Draft, src: str) -> str:
    """The figure as every view shows it: an SVG is cleaned (render/figure_content.py) before
    the site and the exports use it, so the Word file holds the cleaned drawing."""
    path = draft.path.parent / src
    if not path.is_file():
        return "missing"
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        data = clean_svg(data)
    return hashlib.sha256(data).hexdigest()


def summary(draft: Draft) -> dict[str, list[Any]]:
    """Clause tree, blocks, term entries, tables, figures, references, requirements, footnotes
    and cross-references of a parsed draft, as plain values to compare."""
    clauses = [(c.number, c.title, c.kind, c.level, c.obligation, c.anchor, c.label)
               for c in draft.walk()]
    # A term's admitted/deprecated lines may be one paragraph or several: ``terms`` holds them.
    blocks = [(b.kind, b.text) for top in draft.clauses for b in top.all_blocks()
              if not isinstance(b, Table) and b.kind != "term-attributes"]
    terms = [(t.number, t.preferred, t.anchor, t.admitted, t.deprecated, t.symbol, t.en,
              t.definition.text if t.definition else None, [e.text for e in t.examples],
              [n.text for n in t.notes], t.source.text if t.source else None)
             for t in draft.terms]
    tables = [(t.label, t.caption, t.anchor, [c.text for c in t.header_cells],
               [[c.text for c in row] for row in t.row_cells]) for t in draft.tables]
    figures = [(f.label, f.title, f.anchor, _figure_bytes(draft, f.src)) for f in draft.figures]
    references = [(r.ident, r.title, r.anchor, r.normative, r.number) for r in draft.references()]
    requirements = [(r.id, r.clause, r.text, r.pinned) for r in draft.requirements]
    footnotes = [[b.text for b in f.blocks] for f in sorted(draft.footnotes.values(),
                                                             key=lambda f: f.number)]
    xrefs = [(x.target, x.text) for x in draft.xrefs]
    return {"clauses": clauses, "blocks": blocks, "terms": terms, "tables": tables,
            "figures": figures, "references": references, "requirements": requirements,
            "footnotes": footnotes, "xrefs": xrefs}
