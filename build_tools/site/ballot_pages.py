"""The ballot pages of a draft: one per ballot record in comments/<stem>/*/ballot.yaml.

    drafts/<stem>.ballot-CD1.md     the dates, the rule and its source, the result, the roster
                                    with each member's vote and comments, who has not voted

The draft page's header links to its latest ballot, and the home page lists the open
ballots with their closing dates. Everything comes from the record (the roster as it stood
when the ballot opened) and the comment files of its iteration, through
`build_tools.workflow.results.status`: the same status ``clause ballot status`` prints. Record
values are untrusted text, escaped like the comments pages' (``comment_pages.plain``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from build_tools.comments.locate import iteration_folder
from build_tools.i18n.stages import stage_name
from build_tools.model import Draft
from build_tools.project import today
from build_tools.render import escape
from build_tools.site.comment_pages import page_url, plain, url_between
from build_tools.site.links import relative
from build_tools.workflow.record import records_of
from build_tools.workflow.results import RULES, Status, status


@dataclass
class BallotLink:
    label: str  # "CD 1: open until 2027-01-31"
    page: str  # docs-relative .md of the ballot page
    status: Status


@dataclass
class BallotPages:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative .md -> Markdown
    ballots: list[BallotLink] = field(default_factory=list)  # oldest first
    header: tuple[str, str] | None = None  # (label, href from the draft page) of the latest

    @property
    def open(self) -> list[BallotLink]:
        return [b for b in self.ballots if b.status.open]


def summary(result: Status) -> str:
    r = result.record
    if result.open:
        return f"{r.stage} {r.iteration}: open until {r.closes}"
    return f"{r.stage} {r.iteration}: {result.result} (closed {r.closed})"


def build(root: Path, draft: Draft, draft_page: str, directory_urls: bool,
          comment_pages: dict[str, str], warn: Callable[[str], None]) -> BallotPages:
    """The ballot pages of ``draft`` (page ``draft_page``); ``comment_pages`` are the comments
    pages written for it (docs-relative), linked per iteration."""
    out = BallotPages()
    stem = draft.path.stem
    base = draft_page[:-3] if draft_page.endswith(".md") else draft_page
    day = today()
    def broken(exc: Exception) -> None:
        warn(f"{exc} (the ballot page is not published)")

    for record in records_of(root, stem, broken):
        if record.draft != draft.id:
            warn(f"{record.path}: a ballot record of {record.draft} under {stem}; not published")
            continue
        folder = iteration_folder(record.stage, record.iteration)
        rel = f"{base}.ballot-{folder}.md"
        result = status(record, day)
        current = (str(draft.meta.get("stage")), draft.meta.get("iteration")) == (
            record.stage, record.iteration)
        comments = f"{base}.comments.md" if current else f"{base}.comments-{folder}.md"
        out.pages[rel] = page(draft, result, rel, draft_page,
                              comments if comments in comment_pages else None, directory_urls)
        out.ballots.append(BallotLink(summary(result), rel, result))
    if out.ballots:
        latest = out.ballots[-1]
        href = url_between(page_url(latest.page, directory_urls),
                           page_url(draft_page, directory_urls))
        out.header = (latest.label, href)
    return out


def _vote_cell(vote: str | None) -> str:
    if vote is None:
        return '<span class="ballot-vote ballot-vote-none">no vote</span>'
    return f'<span class="ballot-vote ballot-vote-{plain(vote)}">{plain(vote)}</span>'


def page(draft: Draft, result: Status, rel: str, draft_page: str, comments_page: str | None,
         directory_urls: bool) -> str:
    """One ballot: facts, then the roster with votes and comments."""
    r = result.record
    label = f"{r.stage} {r.iteration}"
    title = f"{draft.id} — ballot on {label}"
    lang = draft.language
    out = [escape.front_matter(title, hide=("navigation",)),
           f"# Ballot on {escape.text(draft.id)}, {escape.text(label)} "
           '{ id="ballot-title" }', "",
           f"[{escape.text(f'{draft.id} {draft.title_in()}')}]({relative(draft_page, rel)}), "
           f"{escape.text(stage_name(r.stage, draft.rules, r.iteration))}.", ""]
    rule = RULES.get(r.rule)
    state = (f"open until {r.closes}" if result.open else f"closed on {r.closed}"
             + (f", early: {r.early}" if r.early else ""))
    voters = [m for m in r.roster if m.votes]
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    facts = [
        ("Status", f'<span class="ballot-state">{plain(state)}</span>'),
        ("Opens", plain(r.opens)), ("Closes", plain(r.closes)),
        ("Rule", plain(f"{r.rule}: {rule.summary} ({rule.source})" if rule else r.rule)),
        ("Result", f'<span class="ballot-result ballot-result-{plain(result.result)}">'
                   f"{plain(result.result)}</span> — {plain(result.reason)}"),
        ("Votes", plain(f"{len(voters) - len(result.missing)} of {len(voters)} P-members "
                        f"have voted; all votes cast: {counts}")),
        ("Not voted", plain(", ".join(result.missing)) if result.missing else "none"),
        ("Balloted text", plain(f"{r.file} at commit {r.commit[:12]}" if r.commit
                                else f"{r.file} (not in git)")),
    ]
    out.append('<dl class="ballot-facts">' + "".join(
        f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts) + "</dl>\n")
    comments_url = (url_between(page_url(comments_page, directory_urls),
                                page_url(rel, directory_urls)) if comments_page else None)
    total = result.comments.total
    if comments_page:
        disposed = total - result.comments.undisposed
        out += [f"{total} comment{'s' * (total != 1)}, {disposed} with a disposition: "
                f"[the comments on {escape.text(label)}]({relative(comments_page, rel)}).", ""]
    else:
        out += ["No comments were filed on this iteration.", ""]
    rows = []
    for m in r.roster:
        vote = r.votes.get(m.id)
        n = result.comments.by_member.get(m.id, 0)
        count = (f'<a href="{plain(comments_url)}#member={quote(m.id, safe="")}">{n}</a>'
                 if n and comments_url else str(n))
        css = ' class="ballot-missing"' if m.id in result.missing else ""
        rows.append(
            f"<tr{css}>"
            f"<td>{plain(m.id)}</td><td>{plain(m.display_name(lang))}</td>"
            f'<td title="{"participating member (votes)" if m.votes else "observer"}">'
            f"{plain(m.status)}</td><td>{_vote_cell(vote.vote if vote else None)}</td>"
            f"<td>{plain(vote.date) if vote and vote.date else ''}</td>"
            f'<td class="count">{count}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Member", "Name", "Status", "Vote", "Date", "Comments"))
    out += ['<table class="ballot-roster" id="ballot-roster">'
            f"<caption>The roster as it stood on {plain(r.opens)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>", *rows, "</tbody></table>", ""]
    return "\n".join(out)


def home_rows(ballots: list[tuple[Draft, BallotLink]]) -> list[tuple[str, str, str, str, str]]:
    """(document, ballot, opens, closes, votes) of each open ballot, closing soonest first,
    for the home page (cells as Markdown, links relative to index.md)."""
    rows = []
    for draft, link in sorted(ballots, key=lambda pair: (pair[1].status.record.closes,
                                                         pair[0].id)):
        r = link.status.record
        voters = [m for m in r.roster if m.votes]
        rows.append((escape.text(draft.id),
                     f"[{escape.text(f'{r.stage} {r.iteration}')}]"
                     f"({relative(link.page, 'index.md')})",
                     escape.text(str(r.opens)), escape.text(str(r.closes)),
                     escape.text(f"{len(voters) - len(link.status.missing)} of {len(voters)}")))
    return rows

