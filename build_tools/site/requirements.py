"""Per draft, the list of its requirements (the model's ``draft.requirements``): page and CSV."""

from __future__ import annotations

from build_tools.model import Draft
from build_tools.render import escape
from build_tools.site.glossary import csv_bytes
from build_tools.site.links import relative

CSV_FIELDS = ["id", "clause", "text", "verb", "line"]


def anchor_of(draft: Draft, clause_number: str) -> str | None:
    clause = draft.clause_by_number(clause_number)
    if clause is None:
        clause = next((c for c in draft.walk() if c.title == clause_number), None)
    return clause.anchor if clause else None


def page(draft: Draft, page_rel: str, draft_page: str, csv_rel: str) -> str:
    title = f"{draft.id} — requirements"
    href = relative(draft_page, page_rel)
    out = [escape.front_matter(title, hide=("toc",)),
           f"# Requirements of {escape.text(draft.id)}", "",
           f"{len(draft.requirements)} requirements in [{escape.text(draft.id)}]({href}). "
           f"Download them as [CSV]({relative(csv_rel, page_rel)}).", ""]
    if not draft.requirements:
        return "\n".join(out) + "\n"
    out += ["| ID | Clause | Requirement |", "| --- | --- | --- |"]
    for req in draft.requirements:
        target = req.id if req.pinned else anchor_of(draft, req.clause)
        ident = escape.text(req.id)
        link = f"[{ident}]({href}#{target})" if target else ident
        out.append(f"| {link} | {escape.text(req.clause)} | {escape.text(req.text)} |")
    return "\n".join(out) + "\n"


def requirements_csv(draft: Draft) -> bytes:
    rows = [{"id": r.id, "clause": r.clause, "text": r.text, "verb": r.verb, "line": str(r.line)}
            for r in draft.requirements]
    return csv_bytes(rows, CSV_FIELDS)
