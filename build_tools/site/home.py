"""The home page: the open ballots with their closing dates, then every draft with its stage,
dates, ballot, lint status and downloads."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.i18n.stages import stage_name
from build_tools.site.ballot_pages import BallotLink, home_rows
from build_tools.model import Draft
from build_tools.render import escape
from build_tools.render.escape import table_cell
from build_tools.site.links import relative


@dataclass
class Row:
    draft: Draft
    page: str  # docs-relative
    lint: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, docs-relative target)
    ballots: list[BallotLink] = field(default_factory=list)  # its ballot records, oldest first


def _ballot(row: Row) -> str:
    """The latest ballot of the record, linked to its page; else the front-matter's dates."""
    if row.ballots:
        latest = row.ballots[-1]
        return f"[{escape.text(latest.label)}]({relative(latest.page, 'index.md')})"
    ballot = row.draft.meta.get("ballot")
    if not isinstance(ballot, dict):
        return ""
    opens, closes = ballot.get("opens"), ballot.get("closes")
    if not opens and not closes:
        return ""
    return escape.text(f"{opens or '?'} – {closes or '?'}")


def page(rows: list[Row], version: str, site_name: str = "Drafts") -> str:
    out = [escape.front_matter("Home", hide=("toc",)), f"# {escape.text(site_name)}", ""]
    if version:
        out += [f'<p class="site-version">Version: {escape.attr(version)}</p>', ""]
    out += [f"{len(rows)} drafts. Every term they define is in the [glossary](glossary.md).", ""]
    if not rows:
        return "\n".join(out) + "\n"
    ballots = home_rows([(row.draft, b) for row in rows for b in row.ballots if b.status.open])
    if ballots:
        out += ["## Open ballots", "",
                "| Document | Ballot | Opens | Closes | P-members voted |",
                "| --- | --- | --- | --- | --- |"]
        out += ["| " + " | ".join(table_cell(c) for c in cells) + " |" for cells in ballots]
        out += ["", "## Drafts", ""]
    out += ["| Document | Title | Stage | Iteration | Date | Ballot | Lint | Downloads |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    ids = [row.draft.id for row in rows]
    for row in rows:
        d = row.draft
        # The language versions of one document share its id.
        ident = f"{d.id} ({d.language})" if ids.count(d.id) > 1 else d.id
        stage = str(d.meta.get("stage") or "")
        iteration = d.meta.get("iteration")
        titles = " / ".join(escape.text(t) for t in d.titles.values())
        links = " · ".join(f"[{escape.text(label)}]({relative(target, 'index.md')})"
                           for label, target in row.links)
        lint_css = "clean" if row.lint == "clean" else (
            "unchecked" if row.lint == "not checked" else "findings")
        cells = [
            f"[{escape.text(ident)}]({relative(row.page, 'index.md')})",
            titles,
            escape.text(stage_name(stage, d.rules) if stage else "?"),
            escape.text(iteration if iteration is not None else ""),
            escape.text(d.meta.get("date") or ""),
            _ballot(row),
            f'<span class="lint-{lint_css}">{escape.attr(row.lint)}</span>',
            links,
        ]
        out.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    return "\n".join(out) + "\n"
